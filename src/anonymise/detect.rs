//! Finding what identifies a participant in a text: names in every written form, speaker labels, affiliations that attribute, roles that point to one person, contact details, and speakers missing from the roster.

use super::affiliation::{affiliation_after, org_frame, role_qualifier_len};
use super::contact::{Marks, contacts};
use super::cues::*;
use super::label::label;
use super::scan::Scanner;
use super::unlisted::{capitalised_name, two_capitalised_before};
use crate::fold::fold;
use regex::Regex;
use std::collections::HashMap;
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
    /// A word that is also a participant's name, with nothing to mark it as a person
    /// ("Strong institutions matter"): kept as written, and listed for review.
    Unsure,
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
pub(super) enum NameForm {
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
pub(super) enum Entry {
    Name { participant: usize, form: NameForm },
    Honorific,
    Speech,
    Org { org: usize, acronym: bool },
    Role { participant: usize },
    Protected,
}

/// A hit of the automaton, in original-text byte offsets.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    /// The pattern matched, an index into `Detector::entries` and `Detector::word_like`.
    pub pattern: usize,
    pub entry: Entry,
}

/// The roster, compiled once per event: its patterns for the scanner, and what each one is.
pub struct Detector {
    pub(super) scanner: Scanner,
    /// What each pattern stands for.
    pub(super) entries: Vec<Entry>,
    /// Whether each pattern is also an ordinary word or a place ("Young", "Law", "Chile"),
    /// and so, alone, a name only with a cue (an honorific, a speech verb, a possessive
    /// before a noun, a label position).
    pub(super) word_like: Vec<bool>,
    /// Initials of each participant ("ml"), for speaker labels.
    pub(super) initials: HashMap<String, usize>,
    /// Each participant's role as listed, lower case: the title that goes with their name
    /// ("Permanent Secretary Adeyemi", "Ms Nurlanovna, Deputy Minister,").
    pub(super) roles: Vec<Option<String>>,
}

/// Where the participant's own title starts, when it stands right before their name:
/// "Permanent Secretary Adeyemi", "Deputy Minister Nurlanovna".
fn role_before(text: &str, name_start: usize, role: &str) -> Option<usize> {
    let before = &text[..name_start];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() || trimmed.len() < role.len() {
        return None;
    }
    let at = trimmed.len() - role.len();
    let candidate = trimmed.get(at..)?;
    let word_start = at == 0 || !trimmed[..at].ends_with(|c: char| c.is_alphanumeric());
    (word_start && candidate.to_lowercase() == role).then_some(at)
}

/// The length of ", Deputy Minister," or ", the Deputy Minister" after a name: the
/// participant's own title in apposition goes with it. Read in place, case aside: never
/// more of the text than the title's length (lower-casing the rest of the paragraph at
/// every name made finding quadratic in a paragraph's length).
fn role_after(text: &str, name_end: usize, role: &str) -> Option<usize> {
    let rest = &text[name_end..];
    let body = rest.strip_prefix(',')?.trim_start_matches([' ', '\u{a0}']);
    let lead = rest.len() - body.len();
    let article = ["the ", "a ", "an "]
        .iter()
        .find(|a| {
            body.get(..a.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(a))
        })
        .map_or(0, |a| a.len());
    let titled = &body[article..];
    let matched = caseless_prefix(titled, role)?;
    let tail = &titled[matched..];
    if tail.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let closing = usize::from(tail.starts_with(','));
    Some(lead + article + matched + closing)
}

/// How many bytes of `s` read as `lower` (lower case) once lower-cased, if its start does.
fn caseless_prefix(s: &str, lower: &str) -> Option<usize> {
    let mut want = lower.chars();
    let mut left = lower.len();
    for (i, c) in s.char_indices() {
        if left == 0 {
            return Some(i);
        }
        for l in c.to_lowercase() {
            if want.next() != Some(l) {
                return None;
            }
            left -= l.len_utf8();
        }
    }
    (left == 0).then_some(s.len())
}

impl Detector {
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
        let mut spans = resolve(spans);
        join_chains(text, &mut spans);
        spans
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
                    let (take, certain) = match form {
                        NameForm::Full | NameForm::Reversed | NameForm::Email => (true, true),
                        // A word written in lower case is a word, whatever the roster says.
                        _ if !looks_like_a_name(s) => (false, false),
                        // "Long-term", "Strong-arm": the first half of a compound word.
                        _ if text[t.end..]
                            .strip_prefix(['-', '‐', '‑'])
                            .is_some_and(|r| r.starts_with(char::is_lowercase)) =>
                        {
                            (false, false)
                        }
                        _ if self.word_like[t.pattern] => {
                            // A word like "Strong" or "Rose": certain only with a cue that
                            // marks a person; a guess where it is capitalised mid-sentence
                            // and starts no longer proper noun; otherwise kept, for review.
                            let cue = honorific_before.is_some()
                                || speech_after
                                || is_label(text, t.start, t.end)
                                || (possessive > 0
                                    && next_word_lowercase(&text[t.end + possessive..]));
                            if cue {
                                (true, true)
                            } else if by_a_number(text, t.start, t.end) {
                                // "May 2024", "Chapter 5 Law": a date or a reference.
                                continue;
                            } else if !sentence_start(text, t.start)
                                && !next_word_capitalised(&text[t.end..])
                                && !article_before(text, t.start)
                            {
                                (true, false)
                            } else {
                                spans.push(Span {
                                    start: t.start,
                                    end: t.end,
                                    kind: Kind::Unsure,
                                    rule: "word-that-is-a-name",
                                    certain: false,
                                    possessive: false,
                                });
                                continue;
                            }
                        }
                        // Any other part of a name, alone, is a name: a first name several
                        // participants share is still someone's.
                        _ => (true, true),
                    };
                    if !take {
                        continue;
                    }
                    let mut start = honorific_before.map_or(t.start, |h| h.start);
                    let role = self.roles.get(participant).and_then(Option::as_deref);
                    if let Some(at) = role.and_then(|r| role_before(text, t.start, r)) {
                        start = start.min(at);
                    }
                    let mut after = 0;
                    let mut end = t.end + possessive;
                    if possessive > 0 {
                        after = 1;
                    } else if let Some(len) =
                        affiliation_after(text, t.end, tokens.get(k + 1..).unwrap_or(&[]))
                    {
                        end = t.end + len;
                        after = 2;
                    } else if let Some(len) = role.and_then(|r| role_after(text, t.end, r)) {
                        end = t.end + len;
                        after = 2;
                        // "..., Chief Economist at the Gulf Fintech Council, said": the
                        // posting after the title goes too, with the comma that closes it.
                        let rest = tokens.get(k + 1..).unwrap_or(&[]);
                        let rest: Vec<Token> =
                            rest.iter().filter(|n| n.start >= end).cloned().collect();
                        if !text[end.saturating_sub(1)..end].ends_with(',')
                            && let Some(more) = affiliation_after(text, end, &rest)
                        {
                            end += more;
                            if text[end..].starts_with(',')
                                && text[t.end..].trim_start().starts_with(',')
                            {
                                end += 1;
                            }
                        }
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

/// Sort spans and drop those that overlap an earlier one, replacing the union of two that
/// overlap where the later runs on past the earlier.
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    // At the same place, the longer span first, and a span that acts before one that is only
    // listed for review.
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then((a.kind == Kind::Unsure).cmp(&(b.kind == Kind::Unsure)))
    });
    // Keep spans in place: `kept` is how many of the first ones stay.
    let mut kept = 0;
    for i in 0..spans.len() {
        if kept > 0 && spans[i].start < spans[kept - 1].end {
            let (earlier, later) = (&spans[kept - 1], &spans[i]);
            if later.end > earlier.end && later.start == earlier.start {
                // The longer of two at one place.
                spans.swap(kept - 1, i);
            } else if later.end > earlier.end
                && earlier.kind != Kind::Unsure
                && later.kind != Kind::Unsure
            {
                // Two that overlap, the later running on past the earlier ("Ms Bisu" and
                // "Bisu@wacsp.example"): the union goes, so that no part of either is left
                // to make something of its own ("One participant@wacsp.example").
                let (end, possessive) = (later.end, later.possessive);
                spans[kept - 1].end = end;
                spans[kept - 1].possessive = possessive;
            }
            continue;
        }
        spans.swap(kept, i);
        kept += 1;
    }
    spans.truncate(kept);
    spans
}

static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:my|the|her|his|our|their)\s+)?(?:\bright\s+)?\bhon(?:ourable|orable|\.)?\s+(?:and\s+(?:learned|gallant|reverend)\s+)?(?:friend|member|gentleman|lady|colleague)\b(?:\s+(?:the\s+member\s+)?for\s+\p{Lu}[\p{L}'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’-]*){0,4})?[\s,]*\(?\s*$")
        .expect("valid")
});

/// One person named twice over, as parliamentary and formal styles do: "my right hon. Friend
/// the Member for Kirkby (Ms Ward)", "the Peruvian Ambassador (Mr Ruiz)". The honorific chain
/// goes with the name it introduces, and a person followed by the same person in brackets
/// becomes one span, so one "a participant" remains.
fn join_chains(text: &str, spans: &mut Vec<Span>) {
    let person = |k: &Kind| matches!(k, Kind::Person(_));
    let mut i = 0;
    while i < spans.len() {
        if person(&spans[i].kind) {
            let floor = if i == 0 { 0 } else { spans[i - 1].end };
            let from = text
                .floor_char_boundary(spans[i].start.saturating_sub(120))
                .max(floor);
            let window = &text[from..spans[i].start];
            // Most names have no chain before them: a plain search rules the regex out.
            let chain =
                if window.contains("hon") || window.contains("Hon") || window.contains("HON") {
                    CHAIN.find(window)
                } else {
                    None
                };
            if let Some(m) = chain {
                spans[i].start = from + m.start();
                // The bracket opened before the name closes after it.
                if m.as_str().trim_end().ends_with('(')
                    && let Some(close) = text[spans[i].end..].find(')')
                    && text[spans[i].end..spans[i].end + close].trim().is_empty()
                {
                    spans[i].end += close + 1;
                }
            }
            if let Some(next) = spans.get(i + 1)
                && person(&next.kind)
                && text[spans[i].end..next.start].trim() == "("
                && let Some(close) = text[next.end..].find(')')
                && text[next.end..next.end + close].trim().is_empty()
            {
                spans[i].end = next.end + close + 1;
                spans[i].possessive = false;
                spans.remove(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&CHAIN);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_after_a_name_is_read_case_aside_and_in_place() {
        assert_eq!(
            caseless_prefix("Deputy Minister, said", "deputy minister"),
            Some(15)
        );
        assert_eq!(caseless_prefix("DEPUTY", "deputy minister"), None);
        assert_eq!(caseless_prefix("Deputy Mayor", "deputy minister"), None);
        let text = "Ms Nurlanovna, the Deputy Minister, said";
        assert_eq!(role_after(text, 13, "deputy minister"), Some(22));
        assert_eq!(role_after(text, 13, "deputy mayor"), None);
        assert_eq!(role_after(text, 13, "deputy min"), None);
        assert_eq!(
            role_after("Ms Lee, İnspector, said", 6, "i̇nspector"),
            Some(13)
        );
    }
}
