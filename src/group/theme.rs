//! Placing merged items in themes: the taxonomy's keywords, or themes derived from the text by k-means and named by the noun phrase that says most about each.

use super::similarity::{Corpus, Vector, normalise, stem, words};
use super::{Merged, OTHER, Theme};
use crate::text::capitalise;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The theme whose keywords the text matches best. A keyword of k words that matches
/// counts k², so phrases weigh above single words; inflections match through stemming;
/// ties go to the theme listed first.
pub(super) fn best_theme(text: &str, keywords: &[Vec<Vec<String>>]) -> Option<usize> {
    let stems: Vec<String> = words(text).iter().map(|w| stem(w)).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, theme) in keywords.iter().enumerate() {
        let score: usize = theme
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| {
                stems
                    .windows(k.len())
                    .filter(|w| *w == k.as_slice())
                    .count()
                    * k.len()
                    * k.len()
            })
            .sum();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Themes derived from the text when the event has no taxonomy: the merged items clustered
/// by k-means over their TF-IDF vectors (seeded deterministically by farthest points), each
/// cluster named by a noun phrase of its own items ([`noun_phrases`], ranked by
/// [`rank_names`]), clusters ordered by size; a cluster with nothing readable to name it
/// joins "Other points".
pub(super) fn derive(merged: &[(Merged, Vec<usize>)], corpus: &Corpus) -> Vec<Theme> {
    // One vector per merged item: the normalised sum of its members'.
    let vectors: Vec<Vector> = merged
        .iter()
        .map(|(_, members)| {
            let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
            for &m in members {
                for &(t, w) in &corpus.vectors[m] {
                    *sum.entry(t).or_default() += w;
                }
            }
            let mut v: Vector = sum.into_iter().collect();
            normalise(&mut v);
            v
        })
        .collect();
    let n = vectors.iter().filter(|v| !v.is_empty()).count();
    let k = ((n as f64 / 2.0).sqrt().ceil() as usize)
        .clamp(1, 8)
        .min(n.max(1));
    let assignment = kmeans(&vectors, k, corpus.terms.len());

    // Each cluster's candidate names, best first, ranked on every core; then the names
    // are given in cluster order, each passing over those already taken.
    let clusters: Vec<Vec<usize>> = (0..k)
        .map(|c| {
            (0..merged.len())
                .filter(|&i| assignment[i] == Some(c))
                .collect()
        })
        .collect();
    // Every item's noun phrases, and in how many items of the whole event each is.
    let found: Vec<Found> = merged
        .par_iter()
        .map(|(m, _)| noun_phrases(&m.text))
        .collect();
    let phrases = readable_names(&found);
    let mut everywhere: FxHashMap<&[String], usize> = FxHashMap::default();
    for item in &phrases {
        let unique: FxHashSet<&[String]> = item.iter().map(|n| n.key.as_slice()).collect();
        for key in unique {
            *everywhere.entry(key).or_default() += 1;
        }
    }
    let candidates: Vec<Vec<String>> = clusters
        .par_iter()
        .map(|members| {
            // A theme of one item says nothing about the event's themes: it joins "Other points".
            if members.is_empty() || (members.len() == 1 && k > 1) {
                return Vec::new();
            }
            let mut weight: HashMap<&str, f32> = HashMap::new();
            for &i in members {
                for &(t, w) in &vectors[i] {
                    *weight.entry(corpus.terms[t as usize].as_str()).or_default() += w;
                }
            }
            let items: Vec<&[Name]> = members.iter().map(|&i| phrases[i].as_slice()).collect();
            rank_names(&items, &everywhere, &weight)
        })
        .collect();
    let mut taken: Vec<String> = Vec::new();
    // Items of clusters with no readable name, for "Other points".
    let mut unnamed: Vec<usize> = Vec::new();
    let mut themes: Vec<(Theme, usize)> = Vec::new();
    for (members, names) in clusters.iter().zip(candidates) {
        if members.is_empty() {
            continue;
        }
        let name = names
            .into_iter()
            .find(|name| !taken.iter().any(|t| same_name(t, name)) && name != OTHER);
        // Nothing readable to name it by: its items join "Other points".
        let Some(name) = name else {
            unnamed.extend(members);
            continue;
        };
        let mut theme = Theme::new(name.clone());
        for &i in members {
            theme.push(merged[i].0.clone());
        }
        taken.push(name);
        themes.push((theme, members[0]));
    }
    let mut other = Theme::new(OTHER.to_string());
    for (i, (m, _)) in merged.iter().enumerate() {
        if assignment[i].is_none() || unnamed.contains(&i) {
            other.push(m.clone());
        }
    }
    themes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let mut out: Vec<Theme> = themes.into_iter().map(|(t, _)| t).collect();
    out.push(other);
    out
}

/// Whether two names say the same, whatever their inflection: "Utility" and "Utilities".
fn same_name(a: &str, b: &str) -> bool {
    use crate::group::similarity::words;
    let key = |s: &str| words(s).iter().map(|w| stem(w)).collect::<Vec<_>>();
    key(a) == key(b)
}

/// Words that never start or end a theme's name: pronouns, the anonymiser's own phrases,
/// words about the meeting rather than its subject, and verbs that open a recommendation.
const NOT_A_NAME: &[&str] = &[
    "i",
    "me",
    "my",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "us",
    "they",
    "them",
    "we",
    "you",
    "it",
    "its",
    "one",
    "two",
    "three",
    "another",
    "several",
    "many",
    "few",
    "much",
    "others",
    "participant",
    "participants",
    "session",
    "sessions",
    "discussion",
    "discussions",
    "point",
    "points",
    "issue",
    "issues",
    "question",
    "questions",
    "way",
    "ways",
    "example",
    "examples",
    "thing",
    "things",
    "lot",
    "number",
    "part",
    "kind",
    "view",
    "views",
    "need",
    "needs",
    "said",
    "noted",
    "argued",
    "agreed",
    "suggested",
    "stressed",
    "called",
    "described",
    "asked",
    "added",
    "warned",
    "explained",
    "felt",
    "thought",
    "believed",
    "recalled",
    "observed",
    "hon",
    "friend",
    "member",
    "chair",
    "chairs",
    "moderator",
    "moderators",
    "rapporteur",
    "rapporteurs",
    "facilitator",
    "facilitators",
    "speaker",
    "speakers",
    "panellist",
    "panellists",
    "panel",
    "breakout",
    "breakouts",
    "plenary",
    "group",
    "dialogue",
    "meeting",
    "conference",
    "workshop",
    "conclusion",
    "conclusions",
    "summary",
    "introduction",
    "agenda",
    "remarks",
    "recap",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "like",
    "yes",
    "fund",
    "support",
    "ensure",
    "provide",
    "protect",
    "strengthen",
    "establish",
    "create",
    "develop",
    "build",
    "improve",
    "increase",
    "reduce",
    "share",
    "report",
    "document",
    "engage",
    "invest",
    "promote",
    "recognise",
    "recognize",
    "treat",
    "raise",
    "give",
    "agree",
    "extend",
    "simplify",
    "request",
    "convene",
    "involve",
    "make",
    "take",
    "use",
    "work",
    "help",
    "include",
    "keep",
    "allow",
    "enable",
    "hold",
    "set",
    "meet",
    "call",
    "consider",
    "adopt",
    "publish",
    "map",
    "train",
    "review",
    "set",
    "put",
    "get",
    "see",
    "go",
    "come",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "lord",
    "lady",
    "sir",
    "hon",
    "right",
    "also",
    "even",
    "just",
    "well",
    "still",
    "yet",
    "already",
    "often",
    "always",
    "never",
    "however",
    "rather",
    "first",
    "second",
    "third",
    "last",
    "next",
    "new",
    "good",
    "best",
    "better",
    "important",
    "key",
    "main",
    "real",
    "clear",
    "different",
    "same",
    "whole",
    "certain",
    "particular",
];

/// Whether a folded word reads as a plural noun: an "s" its stem drops ("mines", "areas";
/// not "access", "status", "analysis", "gas").
fn plural(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && stem(w) != w
}

/// What [`noun_phrases`] finds in one text.
#[derive(Default)]
struct Found {
    /// Candidate names: their stems, and as written.
    names: Vec<Name>,
    /// Stems of words used as verbs: right after "to" or a modal.
    verbs: Vec<String>,
    /// Stems of words used as nouns: right after an article.
    nouns: Vec<String>,
}

/// Words that open a noun phrase: articles, possessives, quantifiers and demonstratives.
/// A run of content words after one is a noun phrase ("the *pooled funds*").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "their", "its", "our", "his", "her", "your", "my",
    "each", "every", "any", "no", "some", "such", "all", "both", "either", "neither", "another",
    "many", "several", "few", "more", "most", "much", "other", "whose",
];

/// Prepositions: a run of content words after one is a noun phrase ("for *small donors*");
/// never part of a name, but for "of" inside one ("rule of law"). "To" is left out: it
/// also comes before a verb.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "by",
    "into",
    "onto",
    "over",
    "under",
    "between",
    "among",
    "amongst",
    "across",
    "around",
    "through",
    "throughout",
    "beyond",
    "within",
    "against",
    "about",
    "after",
    "before",
    "during",
    "since",
    "until",
    "upon",
    "via",
    "per",
    "towards",
    "toward",
    "despite",
    "along",
    "behind",
    "below",
    "above",
    "near",
    "outside",
    "inside",
    "beside",
    "besides",
    "unlike",
    "like",
];

/// Words after a noun phrase that is the subject of a clause: "*utility chief executives*
/// should …".
const AUXILIARIES: &[&str] = &[
    "should", "must", "would", "could", "can", "cannot", "will", "shall", "may", "might", "is",
    "are", "was", "were", "has", "have", "had", "needs", "need", "remains", "remain",
];

/// Words that only join or qualify clauses, never name anything: a run of content words
/// stops at one.
const CONNECTIVES: &[&str] = &[
    "because",
    "unless",
    "although",
    "though",
    "whereas",
    "whether",
    "however",
    "therefore",
    "instead",
    "perhaps",
    "nobody",
    "everyone",
    "anyone",
    "someone",
    "something",
    "anything",
    "nothing",
    "everything",
    "somebody",
    "anybody",
    "everybody",
    "else",
    "whose",
    "whom",
    "either",
    "neither",
    "nor",
    "yet",
    "thus",
    "hence",
    "indeed",
    "otherwise",
    "meanwhile",
    "enough",
    "almost",
    "quite",
    "despite",
];

/// Adjectives and adverbs common in notes that read as a noun phrase's last word when a
/// complement follows its noun ("found the gap *wide*", "kept *abroad*"): a name never
/// ends in one.
const NOT_A_HEAD: &[&str] = &[
    "wide",
    "open",
    "closed",
    "large",
    "small",
    "big",
    "high",
    "low",
    "long",
    "short",
    "strong",
    "weak",
    "poor",
    "rich",
    "free",
    "full",
    "empty",
    "safe",
    "unsafe",
    "cheap",
    "costly",
    "expensive",
    "easy",
    "hard",
    "difficult",
    "possible",
    "impossible",
    "available",
    "able",
    "unable",
    "likely",
    "unlikely",
    "necessary",
    "useful",
    "useless",
    "fair",
    "unfair",
    "late",
    "early",
    "slow",
    "fast",
    "quick",
    "clear",
    "unclear",
    "true",
    "false",
    "right",
    "wrong",
    "abroad",
    "away",
    "back",
    "together",
    "apart",
    "alone",
    "ahead",
    "behind",
    "aside",
    "instead",
    "elsewhere",
    "here",
    "there",
    "now",
    "then",
    "today",
    "tomorrow",
    "yesterday",
    "again",
    "ago",
    "afterwards",
    "alive",
    "aware",
    "afraid",
    "unaware",
    "due",
    "local",
    "national",
    "global",
    "public",
    "private",
    "social",
    "political",
    "economic",
    "financial",
    "legal",
    "technical",
    "regional",
    "international",
    "informal",
    "formal",
    "urban",
    "rural",
    "humanitarian",
    "civil",
    "human",
    "digital",
    "small-scale",
    "large-scale",
    "responsible",
    "accountable",
    "ready",
    "worse",
    "worst",
    "less",
    "least",
    "fewer",
];

/// Words in -ing that are nouns in the notes of a policy dialogue ("early warning",
/// "climate financing"): a name may end in one.
const ING_NOUNS: &[&str] = &[
    "warning",
    "funding",
    "financing",
    "training",
    "planning",
    "building",
    "mining",
    "processing",
    "monitoring",
    "reporting",
    "housing",
    "spending",
    "lending",
    "screening",
    "sharing",
    "learning",
    "policing",
    "peacebuilding",
    "meeting",
    "understanding",
    "setting",
    "wellbeing",
    "being",
    "grazing",
    "farming",
    "fishing",
    "logging",
    "trafficking",
    "smuggling",
    "recycling",
    "refining",
    "smelting",
    "mapping",
    "modelling",
    "forecasting",
    "budgeting",
    "auditing",
    "licensing",
    "sourcing",
    "engineering",
    "manufacturing",
    "shipping",
    "banking",
    "accounting",
    "pricing",
    "metering",
    "billing",
    "testing",
    "counselling",
    "schooling",
    "nursing",
    "parenting",
    "bargaining",
    "organising",
    "campaigning",
    "fundraising",
    "rulemaking",
    "policymaking",
    "wiring",
    "plumbing",
    "drainage",
    "flooding",
    "landing",
    "emptying",
    "trading",
    "lobbying",
    "opening",
    "offering",
    "hearing",
    "sitting",
    "standing",
    "holding",
    "ruling",
    "rating",
    "ranking",
];

/// Irregular past tenses and participles: inside a run of content words, one ends the noun
/// phrase before it ("commitments *made* in capitals").
const IRREGULAR_PAST: &[&str] = &[
    "made",
    "kept",
    "paid",
    "held",
    "given",
    "taken",
    "took",
    "found",
    "left",
    "lost",
    "built",
    "brought",
    "bought",
    "sold",
    "sent",
    "spent",
    "told",
    "done",
    "did",
    "seen",
    "saw",
    "known",
    "knew",
    "shown",
    "grown",
    "grew",
    "won",
    "met",
    "led",
    "heard",
    "felt",
    "meant",
    "understood",
    "written",
    "wrote",
    "chosen",
    "chose",
    "driven",
    "drove",
    "drawn",
    "drew",
    "broken",
    "broke",
    "spoken",
    "spoke",
    "gone",
    "went",
    "came",
    "become",
    "became",
    "begun",
    "began",
    "thrown",
    "threw",
    "fallen",
    "fell",
    "hidden",
    "forgotten",
    "got",
    "gotten",
    "stood",
    "sat",
    "ran",
    "fought",
    "taught",
    "caught",
    "thought",
    "sought",
    "dealt",
    "laid",
    "lent",
    "bent",
    "struck",
    "stuck",
    "hung",
    "shut",
    "cut",
    "put",
    "set",
    "let",
    "hit",
    "quit",
    "spread",
    "rose",
    "risen",
    "arose",
    "arisen",
    "overseen",
    "undertaken",
    "withdrawn",
    "withheld",
    "upheld",
];

/// Words after which the word before is a verb with its object ("capitals *reach* the
/// districts"): the determiners and the object pronouns.
fn takes_object(word: &str) -> bool {
    (DETERMINERS.contains(&word) && word != "no" && word != "other" && word != "whose")
        || matches!(word, "them" | "it" | "us" | "him" | "me")
}

/// The noun phrases of a text that could name a theme: each a run of content words in a
/// place where English puts a noun phrase (after a determiner, a preposition, a
/// possessive or a verb of [`NOT_A_NAME`], or before an auxiliary: "*utility chief
/// executives* should …"), cut before a word that reads as a verb, without a trailing
/// adjective; its candidates are the run's last one to three words, since an English
/// noun phrase ends in its noun ("executives", "chief executives", never "utility chief").
/// Each comes as its folded words and as written, in sentence case.
fn noun_phrases(text: &str) -> Found {
    use crate::group::similarity::is_stop;
    static SETS: LazyLock<[FxHashSet<&str>; 7]> = LazyLock::new(|| {
        [
            NOT_A_NAME.iter().copied().collect(),
            DETERMINERS.iter().copied().collect(),
            PREPOSITIONS.iter().copied().collect(),
            AUXILIARIES.iter().copied().collect(),
            CONNECTIVES.iter().copied().collect(),
            NOT_A_HEAD.iter().copied().collect(),
            IRREGULAR_PAST.iter().copied().collect(),
        ]
    });
    let [
        not_a_name,
        determiners,
        prepositions,
        auxiliaries,
        connectives,
        not_a_head,
        past,
    ] = &*SETS;
    let adjective = |w: &str| {
        not_a_head.contains(w)
            || (w.len() >= 7 && (w.ends_with("able") || w.ends_with("ible")))
            || (w.len() >= 6 && (w.ends_with("ous") || w.ends_with("ful") || w.ends_with("less")))
    };
    let mut found = Found::default();
    let out = &mut found.names;
    for sentence in crate::sentence::sentences(text) {
        // Words, and after each whether punctuation follows it: a name never spans a
        // comma ("standard fasteners, labelled chemistry").
        let mut tokens: Vec<&str> = Vec::new();
        let mut breaks: Vec<bool> = Vec::new();
        let mut at = 0;
        for piece in
            sentence.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        {
            let t = piece.trim_matches(['-', '\'', '’']);
            if t.is_empty() {
                continue;
            }
            let offset = t.as_ptr() as usize - sentence.as_ptr() as usize;
            if let Some(last) = breaks.last_mut() {
                *last = sentence[at..offset].contains(|c: char| {
                    !c.is_alphanumeric() && !c.is_whitespace() && c != '-' && c != '\'' && c != '’'
                });
            }
            tokens.push(t);
            breaks.push(false);
            at = offset + t.len();
        }
        let folded: Vec<String> = tokens
            .iter()
            .map(|t| crate::fold::fold(t).replace('’', "'"))
            .collect();
        let possessive = |k: usize| folded[k].ends_with("'s") || folded[k].ends_with("s'");
        // How each word is used: right after "to" or a modal, a verb ("to *begin*"); right
        // after an article, a noun ("the *mine*").
        for k in 1..tokens.len() {
            if breaks[k - 1] {
                continue;
            }
            let w = folded[k].as_str();
            match folded[k - 1].as_str() {
                "to" | "should" | "must" | "would" | "could" | "can" | "cannot" | "will"
                | "shall" | "may" | "might" | "not" => found.verbs.push(stem(w)),
                // "The beginning" is not "the begins": -ing forms say nothing of the rest.
                "the" | "a" | "an" if !w.ends_with("ing") => found.nouns.push(stem(w)),
                _ => {}
            }
        }
        // Whether each word may stand in a name.
        let content: Vec<bool> = (0..tokens.len())
            .map(|k| {
                let w = folded[k].as_str();
                !is_stop(w)
                    && !not_a_name.contains(w)
                    && !prepositions.contains(w)
                    && !determiners.contains(w)
                    && !connectives.contains(w)
                    && !auxiliaries.contains(w)
                    && !possessive(k)
                    && w.chars().any(char::is_alphabetic)
                    && !w.chars().all(|c| c.is_ascii_digit())
                    && !w.ends_with("ly")
                    && w.chars().count() >= 2
            })
            .collect();
        // Where the run `start..end` stops being a noun phrase, and whether because of a
        // verb with its object after a word of it.
        // "-ed" forms and irregular past forms; "seabed" and "speed" are nouns.
        let past_tense = |w: &str| {
            past.contains(w)
                || w.ends_with("ed")
                    && !w.ends_with("eed")
                    && w.len() > 4
                    && !matches!(w, "seabed" | "riverbed" | "hundred" | "kindred")
        };
        let verb_cut = |start: usize, end: usize| -> (usize, bool) {
            for k in start..end {
                let w = folded[k].as_str();
                let object = k + 1 < tokens.len() && !breaks[k] && takes_object(&folded[k + 1]);
                let past_form = k > start && past_tense(w);
                // An -ing word after a noun, ending the run, is a verb ("community groups
                // *working*"), unless it is a noun itself ("early warning").
                let participle =
                    k > start && k + 1 == end && w.ends_with("ing") && !ING_NOUNS.contains(&w);
                // A word after a plural is a verb: a noun's modifiers are singular ("rural
                // areas *operate*", "courts *lose* trust"; "treatment sites").
                let after_plural = k > start && !w.ends_with('s') && plural(&folded[k - 1]);
                if object || past_form || participle || after_plural {
                    return (k, object && k > start);
                }
            }
            (end, false)
        };
        let mut start = 0;
        // Where the last noun phrase placed ended: a run after it and a comma, "and" or
        // "or" is placed too ("standard fasteners, *labelled chemistry* and …").
        let mut listed: Option<usize> = None;
        while start < tokens.len() {
            if !content[start] {
                start += 1;
                continue;
            }
            // The run: content words, "of" between two of them, no punctuation inside.
            let mut end = start + 1;
            while end < tokens.len() && !breaks[end - 1] {
                if content[end] {
                    end += 1;
                } else if folded[end] == "of"
                    && end + 1 < tokens.len()
                    && content[end + 1]
                    && !breaks[end]
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let next = start.max(end);
            // Where English puts a noun phrase.
            let before = start.checked_sub(1).map(|k| folded[k].as_str());
            let after = (end < tokens.len() && !breaks[end - 1]).then(|| folded[end].as_str());
            // After a modal, the run's first word is a verb and the rest its object ("should
            // require *standard fasteners*"); after "to" it may be ("to *require* …", "access
            // to *treatment* sites"), so a name from there on is not whole.
            let verb_first = before.is_some_and(|w| {
                matches!(
                    w,
                    "should"
                        | "must"
                        | "would"
                        | "could"
                        | "can"
                        | "cannot"
                        | "will"
                        | "shall"
                        | "may"
                        | "might"
                )
            });
            let after_to = before == Some("to");
            let placed = verb_first
                || after_to
                || before.is_some_and(|w| {
                    determiners.contains(w)
                        || prepositions.contains(w)
                        || not_a_name.contains(w) && !is_stop(w)
                        || possessive(start - 1)
                })
                || listed.is_some_and(|e| {
                    e == start && breaks[start - 1]
                        || e + 1 == start && matches!(folded[e].as_str(), "and" | "or")
                })
                || start == 0 && after.is_some_and(|w| prepositions.contains(w) && w != "of")
                || after.is_some_and(|w| auxiliaries.contains(w))
                // "… the utility it *regulates* will …" is a verb, not a subject.
                    && !before.is_some_and(|w| {
                        matches!(w, "it" | "they" | "we" | "he" | "she" | "i" | "you" | "who" | "which")
                    });
            // After a preposition, a run opening with an -ing word is a verb with its
            // object ("without *putting* sources at risk"): the phrase starts after it.
            let mut first = if verb_first
                || before.is_some_and(|w| prepositions.contains(w))
                    && folded[start].ends_with("ing")
                    && !ING_NOUNS.contains(&folded[start].as_str())
            {
                start + 1
            } else {
                start
            };
            // An irregular past form opening a run is a verb too ("…, *kept* community groups
            // working"), and a name never opens with "of".
            while first < end && (past.contains(folded[first].as_str()) || folded[first] == "of") {
                first += 1;
            }
            // Cut before a word that reads as a verb: one followed by its object, or a past
            // form after the run's first word. What comes before a verb with its object is
            // its subject, a noun phrase wherever it stands ("*labelled chemistry* lets a
            // recycler …").
            let (cut, subject) = verb_cut(first, end);
            let placed = placed || subject;
            listed = placed.then_some(end);
            if placed && first < end {
                let start = first;
                let mut last = cut;
                while last > start && (adjective(&folded[last - 1]) || folded[last - 1] == "of") {
                    last -= 1;
                }
                if last > start && !past_tense(&folded[last - 1]) {
                    phrases_ending(&tokens, &folded, start, last, after_to, out);
                    // The head before an "of" is a noun phrase's end too: "rule" of "rule of law".
                    if let Some(mut of) = (start..last).find(|&k| folded[k] == "of") {
                        while of > start && adjective(&folded[of - 1]) {
                            of -= 1;
                        }
                        if of > start && !past_tense(&folded[of - 1]) {
                            phrases_ending(&tokens, &folded, start, of, after_to, out);
                        }
                    }
                }
            }
            start = next;
        }
    }
    found
}

/// A candidate name in one text.
#[derive(Clone)]
struct Name {
    /// Its words' stems.
    key: Vec<String>,
    /// As written, in sentence case.
    surface: String,
    /// Whether it ends where its noun phrase ends ("chief executives"), or stops inside it
    /// ("utility chief"): a name must be whole somewhere in the event.
    whole: bool,
}

/// The candidates of one noun phrase, `tokens[start..end]`, of one to three words (not
/// counting "of"), none opening or ending with "of": those ending with it are whole,
/// those ending inside it not ("flood insurance" in "flood insurance premiums"), nor,
/// with `verb_first`, those opening with its first word, which may be a verb. In
/// sentence case, keeping acronyms and names capitalised mid-sentence.
fn phrases_ending(
    tokens: &[&str],
    folded: &[String],
    start: usize,
    end: usize,
    verb_first: bool,
    out: &mut Vec<Name>,
) {
    let capital = |k: usize| tokens[k].chars().next().is_some_and(char::is_uppercase);
    for to in (start + 1..=end).rev() {
        if folded[to - 1] == "of" {
            continue;
        }
        for from in (start..to).rev() {
            let words = folded[from..to].iter().filter(|w| *w != "of").count();
            if words > 3 {
                break;
            }
            if folded[from] == "of" {
                continue;
            }
            // Not part of a name written in capitals mid-sentence: "Chatham House Rule"
            // names nothing as "Rule" or "Chatham House".
            if from > 1 && capital(from) && capital(from - 1)
                || to < end && to > 1 && capital(to) && capital(to - 1)
            {
                continue;
            }
            let mut surface = String::new();
            for (k, &t) in tokens.iter().enumerate().take(to).skip(from) {
                if k > from {
                    surface.push(' ');
                }
                let caps = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && t.chars().all(|c| !c.is_lowercase());
                if caps || (k > 0 && t.chars().next().is_some_and(char::is_uppercase)) {
                    surface.push_str(t);
                } else {
                    surface.extend(t.chars().flat_map(char::to_lowercase));
                }
            }
            out.push(Name {
                key: folded[from..to].iter().map(|w| stem(w)).collect(),
                surface,
                whole: to == end && !(verb_first && from == start),
            });
        }
    }
}

/// A theme's possible names, best first, from the noun phrases of its items
/// ([`noun_phrases`], each counted once an item): a phrase scores its words' weight in
/// the cluster, times the items that use it, times the share of all the event's items
/// using it that are in this cluster (a phrase every theme uses names none of them).
/// A phrase must be in two items at least, unless it is one word and the cluster has
/// no more than two. Sentence case; none when nothing readable is left.
fn rank_names(
    items: &[&[Name]],
    everywhere: &FxHashMap<&[String], usize>,
    weight: &HashMap<&str, f32>,
) -> Vec<String> {
    // Phrase -> (items it is in, its surface forms and how often each).
    let mut found: BTreeMap<&[String], (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for phrases in items {
        let mut seen: FxHashSet<&[String]> = FxHashSet::default();
        for Name { key, surface, .. } in phrases.iter() {
            let entry = found.entry(key.as_slice()).or_default();
            if seen.insert(key.as_slice()) {
                entry.0 += 1;
            }
            *entry.1.entry(surface.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(f32, String)> = Vec::new();
    for (key, (count, forms)) in &found {
        // A phrase of several words once is as likely a clause as a name, and a word in
        // one item of several does not say what the others are about.
        if *count < 2 && (key.len() > 1 || items.len() > 2) {
            continue;
        }
        let w: f32 = key
            .iter()
            .filter(|w| *w != "of")
            .map(|w| weight.get(w.as_str()).copied().unwrap_or(0.0))
            .sum();
        let share =
            *count as f32 / everywhere.get(key).copied().unwrap_or(*count).max(*count) as f32;
        let score = w * *count as f32 * share;
        if score <= 0.0 {
            continue;
        }
        // The plural where the notes use it often enough to be the same sense: a theme is
        // "Mines", not "Mine", but "Power", not "Powers" said once.
        let most = forms.values().copied().max().unwrap_or(0);
        let plural = |form: &str| {
            let last = form.rsplit(' ').next().unwrap_or(form);
            plural(&crate::fold::fold(last)) && forms[form] * 3 >= most
        };
        let form = forms
            .iter()
            .max_by(|a, b| {
                plural(a.0)
                    .cmp(&plural(b.0))
                    .then(a.1.cmp(b.1))
                    .then(b.0.cmp(a.0))
            })
            .map(|(f, _)| *f)
            .unwrap_or_default();
        ranked.push((score, capitalise(form)));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, name)| name).collect()
}

/// Each text's candidate names, less those never whole in any text ("utility chief"),
/// and those whose last word the event's texts use as a verb and never as a noun
/// ("consultation *begins*": "to begin", never "the begin").
fn readable_names(found: &[Found]) -> Vec<Vec<Name>> {
    let whole: FxHashSet<&[String]> = found
        .iter()
        .flat_map(|f| &f.names)
        .filter(|n| n.whole)
        .map(|n| n.key.as_slice())
        .collect();
    let nouns: FxHashSet<&str> = found
        .iter()
        .flat_map(|f| &f.nouns)
        .map(String::as_str)
        .collect();
    let verbs: FxHashSet<&str> = found
        .iter()
        .flat_map(|f| &f.verbs)
        .map(String::as_str)
        .filter(|v| !nouns.contains(v))
        .collect();
    found
        .iter()
        .map(|f| {
            f.names
                .iter()
                .filter(|Name { key, surface, .. }| {
                    let last = surface.rsplit(' ').next().unwrap_or(surface).to_lowercase();
                    whole.contains(key.as_slice())
                        && (ING_NOUNS.contains(&last.as_str())
                            || !key.last().is_some_and(|w| verbs.contains(w.as_str())))
                })
                .cloned()
                .collect()
        })
        .collect()
}

/// The names [`rank_names`] gives texts that make one cluster of their own.
#[cfg(test)]
fn phrase_names(texts: &[&str], weight: &HashMap<&str, f32>) -> Vec<String> {
    let found: Vec<Found> = texts.iter().map(|t| noun_phrases(t)).collect();
    let phrases = readable_names(&found);
    let items: Vec<&[Name]> = phrases.iter().map(Vec::as_slice).collect();
    rank_names(&items, &FxHashMap::default(), weight)
}

/// Spherical k-means: farthest-point seeding from the item with the most content, then
/// assignment by cosine and mean centroids, for a fixed number of rounds. Items with no
/// content words get no cluster.
fn kmeans(vectors: &[Vector], k: usize, dims: usize) -> Vec<Option<usize>> {
    let live: Vec<usize> = (0..vectors.len())
        .filter(|&i| !vectors[i].is_empty())
        .collect();
    if live.is_empty() {
        return vec![None; vectors.len()];
    }
    let dense = |v: &Vector| {
        let mut d = vec![0.0f32; dims];
        for &(t, w) in v {
            d[t as usize] = w;
        }
        d
    };
    let dot = |d: &[f32], v: &Vector| v.iter().map(|&(t, w)| d[t as usize] * w).sum::<f32>();
    let first = *live
        .iter()
        .max_by(|&&a, &&b| vectors[a].len().cmp(&vectors[b].len()).then(b.cmp(&a)))
        .expect("live");
    let mut centroids: Vec<Vec<f32>> = vec![dense(&vectors[first])];
    while centroids.len() < k {
        let far = live
            .iter()
            .map(|&i| {
                (
                    i,
                    centroids
                        .iter()
                        .map(|c| dot(c, &vectors[i]))
                        .fold(f32::MIN, f32::max),
                )
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
            .expect("live");
        centroids.push(dense(&vectors[far]));
    }
    let mut assignment: Vec<Option<usize>> = vec![None; vectors.len()];
    for _ in 0..20 {
        let mut changed = false;
        for &i in &live {
            let best = (0..centroids.len())
                .map(|c| (c, dot(&centroids[c], &vectors[i])))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(c, _)| c);
            if assignment[i] != best {
                assignment[i] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        for (c, centroid) in centroids.iter_mut().enumerate() {
            let mut sum = vec![0.0f32; dims];
            for &i in live.iter().filter(|&&i| assignment[i] == Some(c)) {
                for &(t, w) in &vectors[i] {
                    sum[t as usize] += w;
                }
            }
            let norm = sum.iter().map(|w| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                *centroid = sum.into_iter().map(|w| w / norm).collect();
            }
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_never_runs_across_a_comma() {
        let texts = [
            "Battery rules should require standard fasteners, labelled chemistry and removable modules.",
            "Recyclers asked for standard fasteners, labelled chemistry and open data.",
            "Labelled chemistry lets a recycler sort packs.",
        ];
        let mut weight: HashMap<&str, f32> = HashMap::new();
        for w in ["fasten", "label", "chemistri", "standard"] {
            weight.insert(w, 1.0);
        }
        let names = phrase_names(&texts, &weight);
        assert!(!names.is_empty());
        assert!(
            names
                .iter()
                .all(|n| !n.to_lowercase().contains("fasteners labelled")),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n == "Labelled chemistry"), "{names:?}");
    }

    #[test]
    fn the_meeting_and_who_ran_it_never_name_a_theme() {
        let texts = [
            "The facilitator thanked the group and closed the dialogue.",
            "The facilitator asked the group about the dialogue and the breakouts.",
        ];
        let mut weight: HashMap<&str, f32> = HashMap::new();
        for w in ["facilit", "group", "dialogu", "breakout"] {
            weight.insert(w, 1.0);
        }
        assert_eq!(phrase_names(&texts, &weight), Vec::<String>::new());
    }

    #[test]
    fn names_alike_but_for_inflection_are_one_name() {
        assert!(same_name("Utility", "Utilities"));
        assert!(same_name("Early warning system", "early warning systems"));
        assert!(!same_name("Utility", "Utility staff"));
    }
}

#[cfg(test)]
mod noun_phrase_tests {
    use super::*;
    use proptest::prelude::*;

    /// Every stem of the texts, weighing one: the names ranked by use alone.
    fn flat(texts: &[&str]) -> HashMap<&'static str, f32> {
        let mut weight = HashMap::new();
        for t in texts {
            for w in crate::group::similarity::stems(t) {
                weight.insert(&*Box::leak(w.into_boxed_str()), 1.0);
            }
        }
        weight
    }

    #[test]
    fn a_name_ends_where_its_noun_phrase_ends() {
        let texts = [
            "Utility chief executives should be appointed on merit.",
            "Utility chief executives should serve fixed terms that outlast an election.",
        ];
        let names = phrase_names(&texts, &flat(&texts));
        assert!(
            names.iter().any(|n| n == "Utility chief executives"),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n == "Utility chief"), "{names:?}");
    }

    #[test]
    fn a_clause_never_names_a_theme() {
        // Sentences whose word runs are not noun phrases: a verb after its subject, a past
        // form, an adjective complement, an adverb.
        let texts = [
            "The discussion turned to how commitments made in capitals reach the districts where people live.",
            "The discussion turned to how commitments made in capitals reach the districts.",
            "Participants compared the cost of prevention with the cost of response and found the gap wide.",
            "Others compared the cost of prevention with the cost of response and found the gap wide.",
            "Evidence of abuses must be copied and kept abroad.",
            "Evidence of abuses should be kept abroad.",
            "Courts in rural areas operate without clerks.",
            "Courts in rural areas operate without lawyers.",
            "Small grants, paid on time, kept community groups working through a crisis.",
            "Small grants, paid on time, kept community groups working through a drought.",
        ];
        let names = phrase_names(&texts, &flat(&texts));
        for bad in [
            "reach", "made", "wide", "abroad", "operate", "kept", "working", "live",
        ] {
            assert!(
                !names
                    .iter()
                    .any(|n| n.to_lowercase().split(' ').any(|w| w == bad)),
                "'{bad}' in {names:?}"
            );
        }
        for good in [
            "Cost of prevention",
            "Rural areas",
            "Community groups",
            "Evidence of abuses",
        ] {
            assert!(names.iter().any(|n| n == good), "no '{good}' in {names:?}");
        }
    }

    #[test]
    fn a_word_the_notes_use_as_a_verb_never_ends_a_name() {
        let texts = [
            "Companies should state before consultation begins what would happen to the seabed.",
            "No mining should begin on the seabed before the rules are adopted.",
            "The next dialogue should begin with that report, as consultation begins.",
        ];
        let names = phrase_names(&texts, &flat(&texts));
        assert!(!names.iter().any(|n| n.ends_with("egins")), "{names:?}");
        assert!(names.iter().any(|n| n == "Seabed"), "{names:?}");
    }

    #[test]
    fn a_theme_is_named_in_the_plural_the_notes_use() {
        let texts = [
            "When the mine closes, the town loses its power.",
            "Mines should publish closure plans before they open.",
            "Closure plans for mines were rarely costed.",
        ];
        let names = phrase_names(&texts, &flat(&texts));
        assert!(names.iter().any(|n| n == "Mines"), "{names:?}");
        assert!(!names.iter().any(|n| n == "Mine"), "{names:?}");
    }

    #[test]
    fn a_phrase_every_theme_uses_names_none_of_them() {
        let texts = [
            "Flood maps for the cities were out of date.",
            "The cities asked for flood maps.",
        ];
        let found: Vec<Found> = texts.iter().map(|t| noun_phrases(t)).collect();
        let phrases = readable_names(&found);
        let items: Vec<&[Name]> = phrases.iter().map(Vec::as_slice).collect();
        let mut weight: HashMap<&str, f32> = HashMap::new();
        weight.insert("citi", 1.0);
        weight.insert("flood", 0.5);
        weight.insert("map", 0.5);
        let cities = vec!["citi".to_string()];
        let maps = vec!["flood".to_string(), "map".to_string()];
        // In this cluster alone, "cities" (weight 1) ties "flood maps" (0.5 + 0.5); "cities"
        // is in ten items of the event, "flood maps" only in these two.
        let mut everywhere: FxHashMap<&[String], usize> = FxHashMap::default();
        everywhere.insert(cities.as_slice(), 10);
        everywhere.insert(maps.as_slice(), 2);
        assert_eq!(rank_names(&items, &everywhere, &weight)[0], "Flood maps");
    }

    /// Words of every kind, for sentences no one wrote.
    const VOCABULARY: &[&str] = &[
        "the",
        "a",
        "their",
        "of",
        "in",
        "for",
        "without",
        "to",
        "should",
        "must",
        "is",
        "and",
        "or",
        "that",
        "they",
        "it",
        "we",
        "because",
        "not",
        "very",
        "water",
        "utilities",
        "tariff",
        "early",
        "warning",
        "systems",
        "kept",
        "made",
        "wide",
        "open",
        "reach",
        "operate",
        "monitoring",
        "working",
        "publish",
        "funding",
        "rule",
        "law",
        "Chatham",
        "House",
        "UN",
        "mines",
        "closes",
        "quickly",
        "participants",
        "noted",
        ",",
        ";",
        ":",
        "(",
        ")",
        "—",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Whatever the sentence, a name is one to three words (with "of" inside at most),
        /// in sentence case, with no punctuation, opening and ending in a word that can
        /// stand in a name.
        #[test]
        fn every_name_is_a_few_content_words(
            picks in proptest::collection::vec(0..VOCABULARY.len(), 1..40),
            split in 0usize..40,
        ) {
            let words: Vec<&str> = picks.iter().map(|&i| VOCABULARY[i]).collect();
            let split = split.min(words.len());
            let first = words[..split].join(" ") + ".";
            let second = words[split..].join(" ") + ".";
            let texts = [first.as_str(), second.as_str(), first.as_str()];
            for name in phrase_names(&texts, &flat(&texts)) {
                let parts: Vec<&str> = name.split(' ').collect();
                prop_assert!(name.chars().next().is_some_and(char::is_uppercase), "{name}");
                prop_assert!(parts.iter().filter(|w| **w != "of").count() <= 3, "{name}");
                prop_assert!(parts.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'')), "{name}");
                for edge in [parts[0], parts[parts.len() - 1]] {
                    let w = crate::fold::fold(edge);
                    prop_assert!(
                        !crate::group::similarity::is_stop(&w)
                            && !NOT_A_NAME.contains(&w.as_str())
                            && !PREPOSITIONS.contains(&w.as_str())
                            && !DETERMINERS.contains(&w.as_str()),
                        "{name}"
                    );
                }
                let last = crate::fold::fold(parts[parts.len() - 1]);
                prop_assert!(!NOT_A_HEAD.contains(&last.as_str()) && !IRREGULAR_PAST.contains(&last.as_str()), "{name}");
            }
        }
    }
}
