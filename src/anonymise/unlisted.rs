//! Speakers missing from the roster: a capitalised name after an honorific ("Dr Jones") or before a speech verb ("John Smith said").

use super::cues::sentence_start;
use super::lexicon::{HONORIFICS, ROLE_HEADS};
use crate::ingest::participants::PARTICLES;
use regex::Regex;
use std::sync::LazyLock;

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}][\p{L}\p{M}'’.-]*").unwrap());

/// Capitalised words (up to three, particles allowed between) at the start of `after`,
/// past one space: the name after an honorific. Returns the length taken, space included.
pub(super) fn capitalised_name(after: &str) -> Option<usize> {
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
pub(super) fn two_capitalised_before(text: &str, verb: usize) -> Option<usize> {
    // Two words and a space are all it needs to see: look back a bounded window, not the whole text.
    let from = text.floor_char_boundary(verb.saturating_sub(120));
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

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&WORD);
}
