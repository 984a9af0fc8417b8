//! The word lists the anonymiser reasons with: honorifics, speech verbs, names that are also ordinary words, role words, and (from `data/countries.tsv`) countries with their adjectives.

use crate::fold::fold;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Titles written before a name. Matched case-insensitively, with or without a final dot,
/// followed by any space (a non-breaking one included).
pub const HONORIFICS: &[&str] = &[
    "h.e.",
    "h. e.",
    "his excellency",
    "her excellency",
    "amb",
    "ambassador",
    "dr",
    "doctor",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "minister",
    "deputy minister",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "judge",
    "justice",
    "senator",
    "rev",
    "reverend",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "lt",
    "commissioner",
    "dean",
    "president",
    "secretary",
    "chancellor",
    "governor",
    "mayor",
    "rabbi",
    "imam",
    "father",
    "sister",
    "brother",
    "sheikh",
    "cllr",
    "councillor",
    "hon",
    "honourable",
    "rt hon",
    "excellency",
    "director",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
];

/// Verbs that make a capitalised word before them a speaker: "Jones said".
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "argued",
    "argues",
    "noted",
    "notes",
    "added",
    "adds",
    "stressed",
    "stresses",
    "emphasised",
    "emphasized",
    "emphasises",
    "emphasizes",
    "observed",
    "observes",
    "warned",
    "warns",
    "suggested",
    "suggests",
    "proposed",
    "proposes",
    "recommended",
    "recommends",
    "explained",
    "explains",
    "asked",
    "asks",
    "replied",
    "replies",
    "responded",
    "responds",
    "remarked",
    "remarks",
    "commented",
    "comments",
    "insisted",
    "insists",
    "agreed",
    "agrees",
    "disagreed",
    "disagrees",
    "urged",
    "urges",
    "described",
    "describes",
    "recalled",
    "recalls",
    "reminded",
    "reminds",
    "highlighted",
    "highlights",
    "underlined",
    "underlines",
    "presented",
    "presents",
    "opened",
    "opens",
    "concluded",
    "concludes",
    "acknowledged",
    "acknowledges",
    "cautioned",
    "cautions",
    "countered",
    "counters",
    "questioned",
    "questions",
    "wondered",
    "wonders",
    "reflected",
    "reflects",
    "summarised",
    "summarized",
    "summarises",
    "summarizes",
    "shared",
    "shares",
    "told",
    "tells",
    "reported",
    "reports",
    "believed",
    "believes",
    "felt",
    "feels",
    "thought",
    "thinks",
    "claimed",
    "claims",
    "contended",
    "contends",
    "maintained",
    "maintains",
    "mentioned",
    "mentions",
    "cited",
    "cites",
    "spoke",
    "speaks",
    "expressed",
    "expresses",
    "welcomed",
    "welcomes",
    "challenged",
    "challenges",
    "queried",
    "queries",
    "pointed",
    "points",
    "called",
    "calls",
    "explained",
    "offered",
    "offers",
    "put",
    "puts",
    "raised",
    "raises",
    "made",
    "makes",
    "wrote",
    "writes",
    "recounted",
    "recounts",
    "insisted",
    "objected",
    "objects",
    "conceded",
    "concedes",
    "admitted",
    "admits",
    "announced",
    "announces",
    "led",
    "leads",
    "chaired",
    "chairs",
    "moderated",
    "moderates",
    "introduced",
    "introduces",
    "cited",
    "asserted",
    "asserts",
    "echoed",
    "echoes",
];

/// Names that are also ordinary English words. Such a name, alone, is a name only with a
/// cue: an honorific, a first name, a speech verb, a speaker-label position, or a capital
/// in the middle of a sentence that does not start a longer proper noun.
pub const WORD_NAMES: &[&str] = &[
    "able",
    "angel",
    "archer",
    "ash",
    "bacon",
    "bailey",
    "baker",
    "ball",
    "banks",
    "barber",
    "bass",
    "bell",
    "best",
    "bird",
    "black",
    "bliss",
    "bloom",
    "bond",
    "booth",
    "bow",
    "bowman",
    "brand",
    "bridge",
    "brook",
    "brooks",
    "brown",
    "bull",
    "burns",
    "bush",
    "butcher",
    "butler",
    "cage",
    "can",
    "cannon",
    "carpenter",
    "carter",
    "case",
    "castle",
    "chance",
    "chase",
    "cherry",
    "church",
    "clay",
    "clear",
    "cliff",
    "coates",
    "cook",
    "cooper",
    "cotton",
    "court",
    "cross",
    "crown",
    "dale",
    "dawn",
    "day",
    "dean",
    "dove",
    "drake",
    "drew",
    "duke",
    "dyer",
    "early",
    "east",
    "english",
    "fair",
    "faith",
    "field",
    "fields",
    "fish",
    "fisher",
    "fletcher",
    "ford",
    "forest",
    "foster",
    "fowler",
    "fox",
    "frank",
    "free",
    "freeman",
    "french",
    "friend",
    "frost",
    "fuller",
    "gardener",
    "gay",
    "gentle",
    "gill",
    "glass",
    "globe",
    "gold",
    "golden",
    "good",
    "goodman",
    "grace",
    "grant",
    "gray",
    "green",
    "grey",
    "guard",
    "hale",
    "hall",
    "hand",
    "hardy",
    "harmony",
    "hart",
    "hawk",
    "hay",
    "head",
    "heart",
    "heath",
    "hill",
    "holly",
    "holmes",
    "hood",
    "hope",
    "horn",
    "house",
    "howe",
    "hunt",
    "hunter",
    "ivy",
    "jay",
    "joy",
    "judge",
    "just",
    "justice",
    "keen",
    "king",
    "knight",
    "lake",
    "lamb",
    "land",
    "lane",
    "law",
    "lea",
    "lee",
    "little",
    "long",
    "love",
    "lucky",
    "mark",
    "marsh",
    "marshal",
    "marshall",
    "mason",
    "may",
    "mayor",
    "mercy",
    "merry",
    "miles",
    "mill",
    "miller",
    "mills",
    "moon",
    "moore",
    "moss",
    "nash",
    "nation",
    "new",
    "newman",
    "noble",
    "north",
    "oak",
    "page",
    "palmer",
    "park",
    "parks",
    "parson",
    "patience",
    "peace",
    "pearl",
    "penny",
    "pepper",
    "person",
    "pike",
    "piper",
    "pink",
    "pitt",
    "plant",
    "poole",
    "pope",
    "porter",
    "post",
    "potter",
    "power",
    "pratt",
    "price",
    "prince",
    "pride",
    "rain",
    "ray",
    "reading",
    "reed",
    "rice",
    "rich",
    "ridge",
    "rivers",
    "robin",
    "rock",
    "rose",
    "rowe",
    "ruby",
    "rule",
    "rush",
    "sage",
    "salt",
    "sand",
    "savage",
    "sea",
    "shepherd",
    "ship",
    "short",
    "silver",
    "sky",
    "small",
    "smart",
    "snow",
    "sole",
    "south",
    "spark",
    "spring",
    "stable",
    "star",
    "steel",
    "sterling",
    "stone",
    "storm",
    "strong",
    "summer",
    "summers",
    "sun",
    "swan",
    "sweet",
    "swift",
    "tailor",
    "taylor",
    "temple",
    "thorn",
    "tower",
    "trust",
    "turner",
    "vale",
    "vine",
    "wade",
    "walker",
    "wall",
    "ward",
    "warren",
    "waters",
    "way",
    "weaver",
    "webb",
    "well",
    "wells",
    "west",
    "white",
    "wild",
    "will",
    "wise",
    "wolf",
    "wood",
    "woods",
    "worth",
    "wren",
    "young",
    "sharp",
    "major",
    "chief",
    "dear",
    "sterling",
    "victory",
    "liberty",
    "unity",
    "august",
    "april",
    "june",
    "faithful",
    "mann",
    "man",
    "street",
    "summit",
    "hay",
    "kind",
    "dollar",
    "sample",
    "bishop",
    "abbot",
    "monk",
    "baron",
    "earl",
];

/// Job-title words that, with a qualifier, point to one person ("Special Rapporteur on ...").
pub const ROLE_HEADS: &[&str] = &[
    "ambassador",
    "minister",
    "commissioner",
    "rapporteur",
    "envoy",
    "representative",
    "director",
    "secretary",
    "adviser",
    "advisor",
    "counsellor",
    "counselor",
    "coordinator",
    "head",
    "chief",
    "president",
    "chair",
    "officer",
    "judge",
    "prosecutor",
    "governor",
    "mayor",
    "consul",
    "attache",
    "attaché",
    "delegate",
    "founder",
    "lead",
    "manager",
    "researcher",
    "fellow",
    "analyst",
    "professor",
];

/// A country as the data file `data/countries.tsv` gives it: the names it goes by and the
/// adjectives written for it, folded for matching.
#[derive(Debug)]
pub struct Country {
    /// The short name as written: "United Kingdom".
    pub display: String,
    /// Every name, the short one first: "united kingdom", "uk", "britain"...
    pub names: Vec<String>,
    /// "british"; "argentine", "argentinian".
    pub adjectives: Vec<String>,
}

/// Every UN member state and observer, and places often named as if they were states.
pub static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    include_str!("data/countries.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let display = l.split('\t').next().unwrap_or("").trim().to_string();
            let mut cols = l.split('\t');
            let list = |c: Option<&str>| -> Vec<String> {
                c.unwrap_or("")
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(fold)
                    .collect()
            };
            let mut names = list(cols.next());
            let adjectives = list(cols.next());
            names.extend(list(cols.next()));
            Country {
                display,
                names,
                adjectives,
            }
        })
        .collect()
});

/// Every country's names (not "us" or "car", which are also words), each to the countries
/// it names, and the most words a name has.
static COUNTRY_NAMES: LazyLock<(FxHashMap<&'static str, Vec<usize>>, usize)> =
    LazyLock::new(|| {
        let mut names: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        let mut longest = 1;
        for (i, c) in COUNTRIES.iter().enumerate() {
            for n in &c.names {
                if matches!(n.as_str(), "us" | "car") {
                    continue;
                }
                longest = longest.max(n.split(' ').count());
                let found = names.entry(n.as_str()).or_default();
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        (names, longest)
    });

/// The countries named in a folded text, as whole words, by a name (not an adjective, so
/// "West African Regional Council" names no country): "ministry for foreign affairs sweden" → Sweden.
/// In the order of the data file.
pub fn countries_in(folded: &str) -> Vec<&'static Country> {
    let (names, longest) = &*COUNTRY_NAMES;
    let words: Vec<&str> = folded
        .split([' ', ',', '(', ')'])
        .filter(|w| !w.is_empty())
        .collect();
    // Every run of up to `longest` words, looked up whole.
    let mut found: Vec<usize> = Vec::new();
    let mut run = String::new();
    for start in 0..words.len() {
        run.clear();
        for (k, w) in words[start..].iter().take(*longest).enumerate() {
            if k > 0 {
                run.push(' ');
            }
            run.push_str(w);
            if let Some(countries) = names.get(run.as_str()) {
                found.extend(countries);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|i| &COUNTRIES[i]).collect()
}

/// The country a folded name or adjective stands for.
pub fn country(folded: &str) -> Option<&'static Country> {
    COUNTRIES
        .iter()
        .find(|c| c.names.iter().any(|n| n == folded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What "named as whole words" means, read the slow way: the name, spaces either side,
    /// in the text with its separators made single spaces.
    fn named_in(folded: &str) -> Vec<&'static str> {
        let words: Vec<&str> = folded
            .split([' ', ',', '(', ')'])
            .filter(|w| !w.is_empty())
            .collect();
        let padded = format!(" {} ", words.join(" "));
        COUNTRIES
            .iter()
            .filter(|c| {
                c.names
                    .iter()
                    .filter(|n| !matches!(n.as_str(), "us" | "car"))
                    .any(|n| padded.contains(&format!(" {n} ")))
            })
            .map(|c| c.display.as_str())
            .collect()
    }

    fn displays(found: Vec<&'static Country>) -> Vec<&'static str> {
        found.into_iter().map(|c| c.display.as_str()).collect()
    }

    #[test]
    fn countries_are_named_by_whole_words_in_file_order() {
        assert_eq!(
            displays(countries_in("ministry for foreign affairs sweden")),
            ["Sweden"]
        );
        assert_eq!(
            displays(countries_in("embassy of the united kingdom (in kenya)")),
            ["Kenya", "United Kingdom"]
        );
        assert!(countries_in("swedenborg institute").is_empty());
        assert!(countries_in("west african regional council").is_empty());
        assert!(countries_in("us").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Texts of words from country names, separators and other words: the lookup by
        /// runs of words finds what the whole-text search finds.
        #[test]
        fn country_lookup_agrees_with_a_plain_search(picks in proptest::collection::vec((0usize..1000, 0usize..6, 0usize..4), 0..10)) {
            let pool: Vec<&str> = COUNTRIES
                .iter()
                .flat_map(|c| c.names.iter().map(String::as_str))
                .collect();
            let fillers = ["of", "the", "ministry", "republic", "and", "south"];
            let seps = [" ", ", ", " (", ") "];
            let mut text = String::new();
            for (i, f, s) in picks {
                // Seven in ten words from a country's name, any of them.
                text.push_str(if i < 700 { pool[i * pool.len() / 700] } else { fillers[f] });
                text.push_str(seps[s]);
            }
            prop_assert_eq!(displays(countries_in(&text)), named_in(&text));
        }
    }
}
