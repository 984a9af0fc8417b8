//! Finding what identifies a participant in a text: names in every written form, speaker labels, affiliations that attribute, roles that point to one person, contact details, and speakers missing from the roster.

use super::lexicon::{DEMONYMS, HONORIFICS, ROLE_HEADS, SPEECH_VERBS, WORD_NAMES};
use super::scan::Scanner;
use crate::model::Participant;
use crate::names::fold;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Who a span points to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    /// A row of participants.csv.
    Participant(usize),
    /// Someone named but not on the roster, by their folded name.
    Unknown(String),
    /// An unnamed person ("a representative of X"): every mention is a new one.
    Someone,
    /// Several people ("officials from X").
    People,
}

/// What a span is, and so what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A person: becomes "one participant", "another participant", ...
    Person(Who),
    /// An email, phone number, handle or personal link.
    Contact,
    /// An attribution with nothing to put in its place (", speaking for X,", "(X)").
    Remove,
    /// A fixed text: a speaker label such as "Q (Name, Org)" becomes "Question from a participant".
    Replace(&'static str),
}

/// A stretch of the original text to replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The rule that found it, for the redaction log.
    pub rule: &'static str,
    /// False where the anonymiser guessed; `check` lists those as warnings.
    pub certain: bool,
    /// Set when the span ends in a possessive (`'s`), which the replacement keeps.
    pub possessive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameForm {
    Full,
    Reversed,
    Surname,
    SurnamePart,
    Given,
    Email,
}

impl NameForm {
    /// The rule's name for this form, with an honorific before it or not, and with a
    /// possessive (1) or an affiliation (2) after it or neither (0).
    fn rule(self, honorific: bool, after: usize) -> &'static str {
        macro_rules! rules {
            ($base:literal) => {
                [
                    [
                        $base,
                        concat!($base, "+possessive"),
                        concat!($base, "+affiliation"),
                    ],
                    [
                        concat!($base, "+honorific"),
                        concat!($base, "+honorific+possessive"),
                        concat!($base, "+honorific+affiliation"),
                    ],
                ]
            };
        }
        let table: [[&'static str; 3]; 2] = match self {
            NameForm::Full => rules!("full-name"),
            NameForm::Reversed => rules!("surname-comma-given"),
            NameForm::Surname => rules!("surname"),
            NameForm::SurnamePart => rules!("surname-part"),
            NameForm::Given => rules!("given-name"),
            NameForm::Email => rules!("email"),
        };
        table[usize::from(honorific)][after]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Name { participant: usize, form: NameForm },
    Honorific,
    Speech,
    Org { org: usize, acronym: bool },
    Role { participant: usize },
    Protected,
}

/// A hit of the automaton, in original-text byte offsets.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// The pattern matched, an index into `Detector::entries` and `Detector::cues`.
    pattern: usize,
    entry: Entry,
}

/// The roster, compiled once per event: its patterns for the scanner, and what each one is.
pub struct Detector {
    scanner: Scanner,
    /// What each pattern stands for.
    entries: Vec<Entry>,
    /// Whether each pattern, alone, needs a cue to be taken for a name.
    cues: Vec<Cue>,
    /// Initials of each participant ("ml"), for speaker labels.
    initials: HashMap<String, usize>,
}

/// Whether a surname or first name found alone needs a cue (an honorific, a speech verb,
/// a possessive, a label position) to be taken for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Never: it is nobody's word but a participant's.
    Never,
    /// To be certain: a first name several participants share is still stripped, as a guess.
    ToBeSure,
    /// Always: it is also an ordinary word or a place ("Young", "Law", "Chile").
    Always,
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}][\p{L}\p{M}'’.-]*").unwrap());

impl Detector {
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |text: String, entry: Entry| {
            // A pattern starts with a word: folding marks it, and the filter knows it.
            let text = text
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end()
                .to_string();
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            // Of two equal patterns only the first could ever be found: keep that one.
            if seen.insert(text.clone()) {
                texts.push(text);
                entries.push(entry);
            }
        };

        // Organisations first, so that a partner named as a speaker's affiliation is still
        // an organisation; then protected phrases, which as the longest match shield the
        // names inside them; then names.
        let mut orgs: Vec<&str> = Vec::new();
        for p in participants {
            if let Some(o) = p.organisation.as_deref()
                && !orgs.contains(&o)
            {
                orgs.push(o);
            }
        }
        for (o, org) in orgs.iter().enumerate() {
            add(
                fold(org),
                Entry::Org {
                    org: o,
                    acronym: false,
                },
            );
            if let Some(rest) = fold(org).strip_prefix("the ") {
                add(
                    rest.to_string(),
                    Entry::Org {
                        org: o,
                        acronym: false,
                    },
                );
            }
            if let Some(a) = acronym(org) {
                add(
                    a,
                    Entry::Org {
                        org: o,
                        acronym: true,
                    },
                );
            }
        }
        for p in protected {
            add(fold(p), Entry::Protected);
            // "Wilton Park, UK" is also written "Wilton Park".
            for part in p
                .split(',')
                .filter(|part| part.split_whitespace().count() > 1)
            {
                add(fold(part), Entry::Protected);
            }
        }
        let mut given_count: HashMap<String, usize> = HashMap::new();
        let mut initials = HashMap::new();
        for (i, p) in participants.iter().enumerate() {
            let name = |form| Entry::Name {
                participant: i,
                form,
            };
            for v in variants(&p.name) {
                add(v, name(NameForm::Full));
            }
            if let (Some(g), Some(f)) = (&p.given, &p.family) {
                for v in variants(&format!("{g} {f}")) {
                    add(v, name(NameForm::Full));
                }
                for v in variants(&format!("{f}, {g}")) {
                    add(v, name(NameForm::Reversed));
                }
                let first = g.split_whitespace().next().unwrap_or(g);
                let initial: String = first.chars().take(1).collect();
                for v in variants(&format!("{initial}. {f}")) {
                    add(v, name(NameForm::Full));
                }
                for v in variants(first) {
                    if v.chars().count() >= 3 {
                        *given_count.entry(v.clone()).or_default() += 1;
                        add(v, name(NameForm::Given));
                    }
                }
                let key: String = [first, f.split_whitespace().last().unwrap_or(f)]
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                initials.insert(key, i);
            }
            if let Some(f) = &p.family {
                for v in variants(f) {
                    add(v, name(NameForm::Surname));
                }
                // "de la Cruz" is also written "Cruz"; "Gómez-Peña" also "Gómez".
                let words: Vec<&str> = f.split_whitespace().collect();
                if words.len() > 1 {
                    add(fold(words[words.len() - 1]), name(NameForm::SurnamePart));
                }
                if let Some((first, _)) = f.split_once(['-', '‐']) {
                    for v in variants(first) {
                        add(v, name(NameForm::SurnamePart));
                    }
                }
            }
            if let Some(e) = &p.email {
                add(fold(e), name(NameForm::Email));
            }
        }
        for (i, p) in participants.iter().enumerate() {
            for r in role_phrases(p) {
                add(r, Entry::Role { participant: i });
            }
        }
        for h in HONORIFICS {
            add(h.to_string(), Entry::Honorific);
            if !h.ends_with('.') && h.len() <= 4 {
                add(format!("{h}."), Entry::Honorific);
            }
        }
        for v in SPEECH_VERBS {
            add(v.to_string(), Entry::Speech);
        }

        let scanner = Scanner::new(&texts);
        let mut common: HashSet<String> = WORD_NAMES.iter().map(|w| w.to_string()).collect();
        for (country, demonym) in DEMONYMS {
            common.insert(fold(country));
            common.insert(fold(demonym));
        }
        let cues = texts
            .iter()
            .zip(&entries)
            .map(|(text, entry)| match entry {
                Entry::Name { .. } if common.contains(text) => Cue::Always,
                Entry::Name {
                    form: NameForm::Given,
                    ..
                } if given_count.get(text).copied().unwrap_or(0) > 1 => Cue::ToBeSure,
                _ => Cue::Never,
            })
            .collect();
        Detector {
            scanner,
            cues,
            entries,
            initials,
        }
    }

    /// Every span to replace in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let tokens = self.tokens(text);
        let mut spans = Vec::with_capacity(tokens.len() + 4);
        self.people(text, &tokens, &mut spans);
        let marks = Marks::of(text);
        if marks.colon {
            label(text, &self.initials, &mut spans);
        }
        contacts(text, marks, &mut spans);
        resolve(spans)
    }

    fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.scanner.scan(text, |h| {
            tokens.push(Token {
                start: h.start,
                end: h.end,
                pattern: h.pattern,
                entry: self.entries[h.pattern],
            })
        });
        tokens
    }

    /// Names, honorific-led and verb-led speakers, attributive organisations and roles.
    fn people(&self, text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
        let adjacent = |a: usize, b: usize| a <= b && text[a..b].chars().all(char::is_whitespace);
        for (k, t) in tokens.iter().enumerate() {
            let prev = k.checked_sub(1).map(|j| tokens[j]);
            let next = tokens.get(k + 1).copied();
            let honorific_before =
                prev.filter(|p| p.entry == Entry::Honorific && adjacent(p.end, t.start));
            let s = &text[t.start..t.end];
            match t.entry {
                Entry::Name { participant, form } => {
                    let possessive = possessive_len(&text[t.end..], s);
                    let speech_after = next.is_some_and(|n| {
                        n.entry == Entry::Speech && adjacent(t.end + possessive, n.start)
                    });
                    let cue = honorific_before.is_some()
                        || speech_after
                        || possessive > 0
                        || is_label(text, t.start, t.end);
                    let (take, certain) = match form {
                        NameForm::Full | NameForm::Reversed | NameForm::Email => (true, true),
                        _ => {
                            let need = self.cues[t.pattern];
                            if !looks_like_a_name(s) {
                                (false, false)
                            } else if need == Cue::Always {
                                // A word like "Young" or "Law": only with a cue, or a capital
                                // mid-sentence that does not start a longer proper noun.
                                if cue
                                    && (honorific_before.is_some()
                                        || !sentence_start(text, t.start)
                                        || speech_after)
                                {
                                    (true, true)
                                } else if !sentence_start(text, t.start)
                                    && !next_word_capitalised(&text[t.end..])
                                    && !article_before(text, t.start)
                                {
                                    (true, false)
                                } else {
                                    (false, false)
                                }
                            } else if form == NameForm::Given {
                                (true, need == Cue::Never || cue)
                            } else {
                                (true, true)
                            }
                        }
                    };
                    if !take {
                        continue;
                    }
                    let start = honorific_before.map_or(t.start, |h| h.start);
                    let mut after = 0;
                    let mut end = t.end + possessive;
                    if possessive > 0 {
                        after = 1;
                    } else if let Some(len) =
                        affiliation_after(text, t.end, tokens.get(k + 1..).unwrap_or(&[]))
                    {
                        end = t.end + len;
                        after = 2;
                    }
                    let kind = if form == NameForm::Email {
                        Kind::Contact
                    } else {
                        Kind::Person(Who::Participant(participant))
                    };
                    spans.push(Span {
                        start,
                        end,
                        kind,
                        rule: form.rule(honorific_before.is_some(), after),
                        certain,
                        possessive: possessive > 0,
                    });
                }
                Entry::Honorific => {
                    // "Dr Jones": an honorific before a capitalised name nobody listed.
                    if next.is_some_and(|n| {
                        adjacent(t.end, n.start) && !matches!(n.entry, Entry::Speech)
                    }) {
                        continue;
                    }
                    if !looks_like_a_name(&text[t.start..t.end]) {
                        continue;
                    }
                    if let Some(len) = capitalised_name(&text[t.end..]) {
                        let end = t.end + len;
                        let who = fold(&text[t.start..end]);
                        let possessive = possessive_len(&text[end..], &text[t.start..end]);
                        spans.push(Span {
                            start: t.start,
                            end: end + possessive,
                            kind: Kind::Person(Who::Unknown(who)),
                            rule: "unlisted-speaker+honorific",
                            certain: false,
                            possessive: possessive > 0,
                        });
                    }
                }
                Entry::Speech => {
                    // "John Smith said": two capitalised words before a speech verb.
                    if prev.is_some_and(|p| adjacent(p.end, t.start)) {
                        continue;
                    }
                    if let Some(start) = two_capitalised_before(text, t.start) {
                        let end = text[..t.start].trim_end().len();
                        spans.push(Span {
                            start,
                            end,
                            kind: Kind::Person(Who::Unknown(fold(&text[start..end]))),
                            rule: "unlisted-speaker+speech-verb",
                            certain: false,
                            possessive: false,
                        });
                    }
                }
                Entry::Org { acronym, .. } => {
                    if acronym
                        && !s
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase)
                    {
                        continue;
                    }
                    if let Some(span) = org_frame(text, t, next, &adjacent) {
                        spans.push(span);
                    }
                }
                Entry::Role { participant } => {
                    let start = article_start(text, t.start);
                    let end = t.end + role_qualifier_len(&text[t.end..]);
                    let possessive = possessive_len(&text[end..], s);
                    spans.push(Span {
                        start,
                        end: end + possessive,
                        kind: Kind::Person(Who::Participant(participant)),
                        rule: "role",
                        certain: true,
                        possessive: possessive > 0,
                    });
                }
                Entry::Protected => {}
            }
        }
    }
}

/// Folded forms a writer may use for a name: as written, with German umlauts spelt out
/// (Müller → Mueller), and without apostrophes (O'Neill → ONeill).
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![fold(name)];
    let spelt: String = name
        .chars()
        .flat_map(|c| match c {
            'ä' => "ae".chars().collect::<Vec<_>>(),
            'ö' => "oe".chars().collect(),
            'ü' => "ue".chars().collect(),
            'Ä' => "Ae".chars().collect(),
            'Ö' => "Oe".chars().collect(),
            'Ü' => "Ue".chars().collect(),
            c => vec![c],
        })
        .collect();
    out.push(fold(&spelt));
    let plain = out[0].replace('\'', "");
    out.push(plain);
    out.sort();
    out.dedup();
    out
}

/// "West African Regional Council" → "warc", for organisations of three or more words.
fn acronym(org: &str) -> Option<String> {
    const SMALL: &[&str] = &["of", "for", "and", "the", "de", "la", "on", "in", "to", "&"];
    let letters: String = org
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    (letters.chars().count() >= 3 && org.split_whitespace().count() >= 3).then(|| fold(&letters))
}

/// Role phrases that point to this participant alone: a qualified job title ("Special
/// Rapporteur on X", "Director of Humanitarian Funding"), its head ("Special Rapporteur"),
/// and the national paraphrases of a role ("the Chilean Ambassador", "Ambassador of Chile").
fn role_phrases(p: &Participant) -> Vec<String> {
    let mut out = Vec::new();
    let Some(role) = &p.role else { return out };
    let folded = fold(role);
    let words: Vec<&str> = folded.split(' ').collect();
    let qualifier = words
        .iter()
        .position(|w| matches!(*w, "of" | "for" | "on" | "to"));
    if qualifier.is_some() || words.len() >= 3 {
        out.push(folded.clone());
    }
    if let Some(q) = qualifier
        && q >= 2
    {
        out.push(words[..q].join(" "));
    }
    let head = words.iter().find(|w| ROLE_HEADS.contains(w));
    if let Some(head) = head {
        // Countries and demonyms folded once; the country also padded, to be found as a word.
        static FOLDED: LazyLock<Vec<(String, String, String)>> = LazyLock::new(|| {
            DEMONYMS
                .iter()
                .map(|(country, demonym)| {
                    let c = fold(country);
                    (format!(" {c} "), c, fold(demonym))
                })
                .collect()
        });
        let padded = format!(" {folded} ");
        let home = p.country.as_deref().map(fold);
        for (word, c, d) in FOLDED.iter() {
            let in_role = padded.contains(word.as_str());
            if in_role || home.as_ref() == Some(c) {
                out.push(format!("{d} {head}"));
                out.push(format!("{head} of {c}"));
                out.push(format!("{c}'s {head}"));
            }
        }
    }
    out
}

/// Written as a name: some word of it starts with a capital ("de la Cruz", "Young").
pub fn looks_like_a_name(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    })
}

/// Length of a possessive after a name: `'s`, `’s`, or a bare apostrophe after a final s.
pub fn possessive_len(after: &str, name: &str) -> usize {
    let free = |rest: &str| !rest.starts_with(|c: char| c.is_alphanumeric());
    for p in ["'s", "’s", "'S", "’S"] {
        if after.strip_prefix(p).is_some_and(free) {
            return p.len();
        }
    }
    if name.ends_with(['s', 'S']) {
        for p in ["'", "’"] {
            if after.strip_prefix(p).is_some_and(free) {
                return p.len();
            }
        }
    }
    0
}

/// True at the start of the text, of a sentence, after a colon, or after an opening quote.
pub fn sentence_start(text: &str, at: usize) -> bool {
    let before =
        text[..at].trim_end_matches([' ', '\u{a0}', '"', '“', '‘', '*', '_', '(', '[', '\t']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])
}

fn next_word_capitalised(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    rest.len() < after.len() && rest.chars().next().is_some_and(char::is_uppercase)
}

fn article_before(text: &str, at: usize) -> bool {
    let before = text[floor_boundary(text, at.saturating_sub(8))..at]
        .trim_end()
        .to_lowercase();
    ["the", "a", "an", "of"].iter().any(|a| {
        before.ends_with(a) && {
            let cut = &before[..before.len() - a.len()];
            cut.is_empty() || cut.ends_with([' ', '('])
        }
    })
}

/// Where an article right before `at` begins, or `at`.
fn article_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let trimmed = before.trim_end();
    for a in ["the", "The", "a", "A", "an", "An"] {
        if let Some(cut) = trimmed.strip_suffix(a)
            && (cut.is_empty() || cut.ends_with([' ', '(', '"', '“']))
        {
            return cut.len();
        }
    }
    at
}

/// A name at the start of a paragraph or sentence, followed by a colon: a speaker label.
fn is_label(text: &str, start: usize, end: usize) -> bool {
    let head = text[..start].trim_end_matches(['*', '_', ' ']);
    (head.is_empty() || head.ends_with(['.', '!', '?']))
        && text[end..]
            .trim_start_matches(['*', '_', ' '])
            .starts_with(':')
}

/// Capitalised words (up to three, particles allowed between) at the start of `after`,
/// past one space: the name after an honorific. Returns the length taken, space included.
fn capitalised_name(after: &str) -> Option<usize> {
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "al", "el",
        "bin", "ibn",
    ];
    let mut len = 0;
    let mut words = 0;
    let mut rest = after;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        if trimmed.len() == rest.len() || words == 3 {
            break;
        }
        let Some(m) = WORD.find(trimmed) else { break };
        let w = m.as_str().trim_end_matches(['.', '\'', '’', '-']);
        let lower = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let honorific =
            HONORIFICS.contains(&lower.as_str()) || ROLE_HEADS.contains(&lower.as_str());
        if honorific
            || (!capital && !PARTICLES.contains(&lower.as_str()))
            || NOT_NAMES.contains(&lower.as_str())
        {
            break;
        }
        len += (rest.len() - trimmed.len()) + w.len();
        rest = &trimmed[w.len()..];
        if capital {
            words += 1;
        }
    }
    // A name ends on a capitalised word, never on a particle.
    (words > 0).then_some(len)
}

/// Words that start a capitalised phrase without being a person: institutions, places, groups.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "one",
    "some",
    "several",
    "many",
    "most",
    "all",
    "participants",
    "participant",
    "others",
    "other",
    "donors",
    "states",
    "agencies",
    "governments",
    "government",
    "it",
    "this",
    "that",
    "they",
    "we",
    "he",
    "she",
    "there",
    "united",
    "european",
    "african",
    "asian",
    "union",
    "council",
    "nations",
    "ministry",
    "committee",
    "commission",
    "court",
    "bank",
    "fund",
    "agency",
    "office",
    "department",
    "republic",
    "kingdom",
    "security",
    "general",
    "international",
    "national",
    "world",
    "global",
    "red",
    "cross",
    "crescent",
    "assembly",
    "parliament",
    "secretariat",
    "mission",
    "forum",
    "institute",
    "foundation",
    "network",
    "group",
    "team",
    "panel",
    "session",
    "plenary",
    "breakout",
    "chair",
    "facilitator",
    "moderator",
    "rapporteur",
    "everyone",
    "nobody",
    "no",
    "each",
    "both",
    "these",
    "those",
    "their",
    "our",
    "his",
    "her",
    "its",
    "my",
    "your",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "or",
    "if",
    "when",
    "while",
    "as",
    "then",
    "also",
    "further",
    "finally",
    "first",
    "second",
    "third",
    "next",
    "later",
    "however",
    "moreover",
    "organisations",
    "organizations",
    "ngos",
    "civil",
    "society",
    "women",
    "men",
    "youth",
    "experts",
    "speakers",
    "member",
    "members",
];

/// "John Smith said": where two capitalised words that look like a person start, right
/// before a speech verb at `verb`.
fn two_capitalised_before(text: &str, verb: usize) -> Option<usize> {
    // Two words and a space are all it needs to see: look back a bounded window, not the whole text.
    let from = floor_boundary(text, verb.saturating_sub(120));
    let before = &text[from..verb];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    // The last word, one ASCII space, and the word before it.
    let in_word = |c: char| c.is_alphabetic() || c == '-' || c == '\'' || c == '’';
    let word_before = |end: usize| -> usize {
        trimmed[..end]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_word(c))
            .last()
            .map_or(end, |(i, _)| i)
    };
    let second_at = word_before(trimmed.len());
    let second = &trimmed[second_at..];
    if second.is_empty() || !trimmed[..second_at].ends_with(' ') {
        return None;
    }
    let first_end = second_at - 1;
    let first_at = word_before(first_end);
    let first = &trimmed[first_at..first_end];
    let first_at = from + first_at;
    let person_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !NOT_NAMES.contains(&w.to_lowercase().as_str())
    };
    if !(person_like(first) && person_like(second)) {
        return None;
    }
    // "the Ghana Red Cross argued": a capitalised phrase continuing leftwards is an institution.
    let left = text[..first_at].trim_end_matches([' ', '\u{a0}']);
    let prev_word = left.rsplit([' ', '\u{a0}']).next().unwrap_or("");
    let prev_at = left.len() - prev_word.len();
    if prev_word.chars().next().is_some_and(char::is_uppercase)
        && !left.ends_with(['.', ':', ';', '!', '?'])
        && !NOT_NAMES.contains(&prev_word.to_lowercase().as_str())
        && !sentence_start(text, prev_at)
    {
        return None;
    }
    if ["the", "a", "an"].contains(&prev_word.to_lowercase().as_str()) {
        return None;
    }
    Some(first_at)
}

/// What follows a name and attributes it: "(Org)", ", Org,", " of Org", " from the Org",
/// or a role after a comma. Returns the length to take after the name.
fn affiliation_after(text: &str, end: usize, rest: &[Token]) -> Option<usize> {
    let next = rest.first()?;
    if !matches!(next.entry, Entry::Org { .. } | Entry::Role { .. }) {
        // "(Ministry X)" where X is not on the roster is not an affiliation we know.
        return None;
    }
    let gap = &text[end..next.start];
    if gap.len() > 12 {
        return None;
    }
    let g = gap.to_lowercase();
    let g = g.trim_matches([' ', '\u{a0}']);
    let after = &text[next.end..];
    match g {
        "(" | "(the" => {
            let close = after.find(')')?;
            (after[..close].len() < 80).then_some(next.end - end + close + 1)
        }
        "," | ", the" => {
            // ", Org," closes with a comma; ", Org said" runs into the verb.
            let tail = after.strip_prefix(',').map_or(0, |_| 1);
            Some(next.end - end + tail)
        }
        "of" | "of the" | "from" | "from the" | "at" | "at the" | "with" | "with the" => {
            Some(next.end - end)
        }
        _ => None,
    }
}

/// An organisation that attributes: "a representative of Org", "speaking for Org",
/// "Org's delegate", "Org argued". Otherwise the organisation is what the sentence is about.
fn org_frame(
    text: &str,
    t: &Token,
    next: Option<Token>,
    adjacent: &dyn Fn(usize, usize) -> bool,
) -> Option<Span> {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?P<article>an?|one|the)\s+)?(?:(?P<count>two|three|four|several|some|many|other)\s+)?(?:[\w-]+\s+)?\b(?P<noun>representatives?|delegates?|delegation|members?|colleagues?|speakers?|participants?|officials?|experts?|researchers?|staff(?:\s+members?)?|someone|somebody|people|ambassador|director|head|minister|commissioner|envoy|adviser|advisor|officer|chief|counsellor|coordinator|president|secretary|founder|lead|manager|fellow|analyst)\s+(?:of|from|at|with|for)\s+(?:the\s+)?$").unwrap()
    });
    static SPEAKING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:,\s*)?\b(?:speaking|writing|talking)\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?$").unwrap()
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:'|’)s\s+(?:delegates?|representatives?|speakers?|envoys?|ambassador|head|director|team|staff|experts?|officials?|colleagues?)\b").unwrap()
    });
    let window_start = floor_boundary(text, t.start.saturating_sub(90));
    let before = &text[window_start..t.start];
    if let Some(c) = BEFORE.captures(before) {
        let m = c.get(0).expect("whole");
        let plural = c.name("noun").is_some_and(|n| {
            let n = n.as_str().to_lowercase();
            (n.ends_with('s') && n != "someone's") || n == "people" || n == "delegation"
        }) || c.name("count").is_some();
        let start = match (plural, c.name("count")) {
            (true, Some(count)) => window_start + count.start(),
            _ => window_start + m.start(),
        };
        let kind = if plural { Who::People } else { Who::Someone };
        let possessive = possessive_len(&text[t.end..], "");
        return Some(Span {
            start,
            end: t.end + possessive,
            kind: Kind::Person(kind),
            rule: "affiliation",
            certain: true,
            possessive: possessive > 0,
        });
    }
    if let Some(m) = SPEAKING.find(before) {
        let tail = text[t.end..].strip_prefix(',').map_or(0, |_| 1);
        let has_comma = before[m.start()..].starts_with(',');
        return Some(Span {
            start: window_start + m.start(),
            end: t.end + if has_comma { tail } else { 0 },
            kind: Kind::Remove,
            rule: "affiliation+speaking-for",
            certain: true,
            possessive: false,
        });
    }
    if let Some(m) = AFTER.find(&text[t.end..]) {
        return Some(Span {
            start: article_start(text, t.start),
            end: t.end + m.end(),
            kind: Kind::Person(Who::Someone),
            rule: "affiliation+possessive-role",
            certain: true,
            possessive: false,
        });
    }
    if next.is_some_and(|n| n.entry == Entry::Speech && adjacent(t.end, n.start)) {
        return Some(Span {
            start: article_start(text, t.start),
            end: t.end,
            kind: Kind::Person(Who::Someone),
            rule: "affiliation+speech-verb",
            certain: true,
            possessive: false,
        });
    }
    None
}

/// " to the UN", " to Switzerland": the posting that follows an ambassador's title.
fn role_qualifier_len(after: &str) -> usize {
    static TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s+to\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}").unwrap()
    });
    TO.find(after).map_or(0, |m| m.end())
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Speaker labels at the start of a paragraph or of a sentence (notes run lines together):
/// initials ("KL:", "A.B.:"), and "Q (…):" / "A (…):".
fn label(text: &str, initials: &HashMap<String, usize>, spans: &mut Vec<Span>) {
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[.!?]\s+)(?:\*\*|__)?(?P<l>(?:[A-Z]\.?\s?){2,3}?)(?:\*\*|__)?\s*:\s")
            .unwrap()
    });
    static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[.!?]\s+)(?:\*\*|__)?(?P<q>Q|Question|A|Answer)\s*\((?P<who>[^()]{2,120})\)(?:\*\*|__)?\s*:").unwrap()
    });
    // Abbreviations that open a line without naming anyone.
    const NOT_INITIALS: &[&str] = &[
        "nb", "ps", "un", "eu", "au", "uk", "us", "ok", "qa", "faq", "aob", "tbc", "tbd", "fyi",
        "asap", "id", "re", "cc",
    ];
    for c in INITIALS.captures_iter(text) {
        let l = c.name("l").expect("group");
        let key: String = l
            .as_str()
            .chars()
            .filter(char::is_ascii_alphabetic)
            .flat_map(char::to_lowercase)
            .collect();
        if NOT_INITIALS.contains(&key.as_str()) {
            continue;
        }
        let who = initials
            .get(&key)
            .map_or(Who::Unknown(key.clone()), |&i| Who::Participant(i));
        spans.push(Span {
            start: l.start(),
            end: l.start() + l.as_str().trim_end().len(),
            kind: Kind::Person(who),
            rule: "speaker-label+initials",
            certain: initials.contains_key(&key),
            possessive: false,
        });
    }
    for c in QUESTION.captures_iter(text) {
        let q = c.name("q").expect("group");
        let who = c.name("who").expect("group");
        // The whole "Q (Name, Org)" goes; the question stays with "a participant".
        let (kind, rule) = if q.as_str().starts_with('Q') {
            (
                Kind::Replace("Question from a participant"),
                "speaker-label+question",
            )
        } else {
            (
                Kind::Replace("Answer from a participant"),
                "speaker-label+answer",
            )
        };
        spans.push(Span {
            start: q.start(),
            end: who.end() + 1,
            kind,
            rule,
            certain: true,
            possessive: false,
        });
    }
}

/// What labels and contact details need to be possible in a text, found with the fastest
/// scans (`memchr` and a vectorised count), so that most texts skip those regexes.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    colon: bool,
    at: bool,
    slash: bool,
    digits: usize,
}

impl Marks {
    fn of(text: &str) -> Marks {
        Marks {
            colon: text.contains(':'),
            at: text.contains('@'),
            slash: text.contains('/'),
            digits: text
                .as_bytes()
                .iter()
                .filter(|b| b.is_ascii_digit())
                .count(),
        }
    }
}

/// Emails, phone numbers, @handles and personal profile links.
// Contact details are ASCII: ASCII word boundaries let the regex engine use its fast
// automata instead of the Unicode-aware backtracking one.
fn contacts(text: &str, marks: Marks, spans: &mut Vec<Span>) {
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?-u:\b)")
            .unwrap()
    });
    static PHONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\+\d{1,3}[\s.\-]?)?(?:\(0?\d{1,4}\)[\s.\-]?)?\d{2,5}(?:[\s.\-]\d{2,5}){1,4}|\+\d{9,15}(?-u:\b)|(?-u:\b)0\d{9,10}(?-u:\b)").unwrap()
    });
    static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s(\[,;])(@[A-Za-z0-9_]{2,30}(?:@[A-Za-z0-9.\-]+)?)(?-u:\b)").unwrap()
    });
    static PROFILE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:https?://)?(?:www\.)?(?:linkedin\.com/in|twitter\.com|x\.com|facebook\.com|instagram\.com|github\.com|bsky\.app/profile|t\.me|medium\.com/@|about\.me)/[^\s)\]>,]+").unwrap()
    });
    let mut add = |start: usize, end: usize, rule: &'static str| {
        spans.push(Span {
            start,
            end,
            kind: Kind::Contact,
            rule,
            certain: true,
            possessive: false,
        });
    };
    if marks.at {
        for m in EMAIL.find_iter(text) {
            add(m.start(), m.end(), "email");
        }
        for c in HANDLE.captures_iter(text) {
            let m = c.get(1).expect("group");
            add(m.start(), m.end(), "handle");
        }
    }
    if marks.digits >= 9 {
        for m in PHONE.find_iter(text) {
            let s = m.as_str();
            let digits = s.chars().filter(char::is_ascii_digit).count();
            // A phone number starts with + or 0 (or an area code in brackets) and has 9 to 15 digits;
            // years, sums and dates do not.
            let phone_like = s.starts_with('+') || s.starts_with('0') || s.starts_with('(');
            if phone_like && (9..=15).contains(&digits) {
                add(m.start(), m.end(), "phone");
            }
        }
    }
    if marks.slash {
        for m in PROFILE.find_iter(text) {
            add(m.start(), m.end(), "profile-link");
        }
    }
}

/// Sort spans and drop those that overlap an earlier, longer one.
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Keep spans in place: `kept` is how many of the first ones stay.
    let mut kept = 0;
    for i in 0..spans.len() {
        if kept > 0 && spans[i].start < spans[kept - 1].end {
            // A contact wins over nothing; a longer person span already covers this one.
            if spans[i].end > spans[kept - 1].end && spans[i].start == spans[kept - 1].start {
                spans.swap(kept - 1, i);
            }
            continue;
        }
        spans.swap(kept, i);
        kept += 1;
    }
    spans.truncate(kept);
    spans
}
