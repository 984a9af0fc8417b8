//! Turning found spans into prose a rapporteur would write: "one participant", "another participant", "the same participant", with articles, capitals, possessives and pronouns put right.

use super::cues::sentence_start;
use super::detect::{Kind, Span, Who};
use crate::text::capitalise;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// One change made to a text, for the redaction log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub original: String,
    pub replacement: Cow<'static, str>,
    pub rule: &'static str,
    pub certain: bool,
}

pub const CONTACT: &str = "[contact details removed]";

/// Apply the spans to the text. Spans are in order and do not overlap; `Kind::Unsure`
/// spans are kept as written. With `carry`, a person was stripped from an earlier paragraph
/// of the same session, so "she" at the start of this one may point back to them: every
/// gendered pronoun becomes "they". Returns the text and whether it stripped a person.
pub fn apply(text: &str, spans: &[Span], changes: &mut Vec<Change>, carry: bool) -> (String, bool) {
    let stripped = spans.iter().any(|s| {
        matches!(
            s.kind,
            Kind::Person(Who::Participant(_) | Who::Unknown(_) | Who::Someone)
        )
    });
    if spans.iter().all(|s| s.kind == Kind::Unsure) {
        let out = if carry {
            neutral_pronouns(text, 0, changes)
        } else {
            text.to_string()
        };
        return (out, stripped);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    let mut seen: Vec<&Who> = Vec::new();
    let mut first_person_at: Option<usize> = None;
    for span in spans {
        let (mut start, mut end) = (span.start, span.end);
        if start < at || span.kind == Kind::Unsure {
            continue;
        }
        out.push_str(&text[at..start]);
        let replacement = match &span.kind {
            Kind::Contact => {
                // "(name@org.example)": the parentheses go with what they held.
                if out.ends_with('(') && text[end..].starts_with(')') {
                    out.pop();
                    while out.ends_with([' ', '\u{a0}']) {
                        out.pop();
                    }
                    end += 1;
                    ""
                } else {
                    CONTACT
                }
            }
            Kind::Remove => {
                while out.ends_with([' ', '\u{a0}'])
                    && text[end..].starts_with([',', '.', ';', ':', ')', ' '])
                {
                    out.pop();
                }
                ""
            }
            Kind::Replace(fixed) => fixed,
            Kind::Unsure => unreachable!("skipped above"),
            Kind::Person(who) => {
                // An article before the name belongs to the phrase that replaces it.
                let mut capital = sentence_start(&out, out.len());
                for article in ["the ", "a ", "an ", "The ", "A ", "An "] {
                    if let Some(cut) = out.strip_suffix(article)
                        && (cut.is_empty() || cut.ends_with([' ', '(', '"', '“']))
                    {
                        capital = sentence_start(cut, cut.len());
                        start -= article.len().min(start);
                        out.truncate(cut.len());
                        break;
                    }
                }
                let phrase = person_phrase(who, &seen, capital, span.possessive);
                if !matches!(who, Who::Someone | Who::People) && !seen.contains(&who) {
                    seen.push(who);
                }
                if !matches!(who, Who::People) && first_person_at.is_none() {
                    first_person_at = Some(out.len() + phrase.len());
                }
                phrase
            }
        };
        // The log keeps the original as written, article and all.
        let original_start = start.min(span.start);
        changes.push(Change {
            original: text[original_start..end].to_string(),
            replacement: Cow::Borrowed(replacement),
            rule: span.rule,
            certain: span.certain,
        });
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);

    // After a stripped person, "she" or "he" may point to them, and in a room with a few
    // women ambassadors that narrows it down: from there on every gendered pronoun is
    // "they", and from the start of the text when a person went in an earlier paragraph.
    let out = match first_person_at {
        _ if carry => neutral_pronouns(&out, 0, changes),
        Some(from) => neutral_pronouns(&out, from, changes),
        None => out,
    };
    (out, stripped)
}

/// The phrase for a person: the first named in a text is "one participant" (or "a participant"
/// mid-sentence), a different one "another participant", a repeated one "the same participant".
fn person_phrase(who: &Who, seen: &[&Who], capital: bool, possessive: bool) -> &'static str {
    // [phrase][capital][possessive]
    const PHRASES: [[[&str; 2]; 2]; 5] = [
        [
            ["participants", "participants'"],
            ["Participants", "Participants'"],
        ],
        [
            ["the same participant", "the same participant's"],
            ["The same participant", "The same participant's"],
        ],
        [
            ["another participant", "another participant's"],
            ["Another participant", "Another participant's"],
        ],
        [
            ["one participant", "one participant's"],
            ["One participant", "One participant's"],
        ],
        [
            ["a participant", "a participant's"],
            ["A participant", "A participant's"],
        ],
    ];
    let phrase = match who {
        Who::People => 0,
        Who::Participant(_) | Who::Unknown(_) if seen.contains(&who) => 1,
        _ if !seen.is_empty() => 2,
        _ if capital => 3,
        _ => 4,
    };
    PHRASES[phrase][usize::from(capital)][usize::from(possessive)]
}

static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:he|she|him|his|her|hers|himself|herself|he's|she's|he'd|she'd|he'll|she'll)\b",
    )
    .unwrap()
});

/// Adverbs that may stand between a pronoun and its verb: "she also argues".
const ADVERBS: &[&str] = &[
    "also",
    "always",
    "often",
    "then",
    "still",
    "never",
    "later",
    "further",
    "rightly",
    "again",
    "now",
    "too",
    "even",
    "firmly",
    "strongly",
    "repeatedly",
];

/// Words after "her" that show it is an object ("told her that"), not a possessive ("her research").
const AFTER_OBJECT: &[&str] = &[
    "to", "that", "and", "in", "on", "at", "for", "with", "by", "from", "as", "about", "the", "a",
    "an", "if", "whether", "what", "how", "why", "when", "not", "but", "or", "so", "again", "too",
    "this",
];

/// Replace gendered pronouns from byte `from` on with "they", agreeing the verb that follows.
fn neutral_pronouns(text: &str, from: usize, changes: &mut Vec<Change>) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..from]);
    let rest = &text[from..];
    let mut at = 0;
    let mut skip_verb_until = 0;
    for m in PRONOUN.find_iter(rest) {
        if m.start() < skip_verb_until {
            continue;
        }
        let word = m.as_str();
        let lower = word.to_lowercase();
        let after = &rest[m.end()..];
        let next = next_word(after);
        let replacement: &str = match lower.as_str() {
            "he" | "she" => "they",
            "him" => "them",
            "his" => {
                if next.is_none_or(|(w, _)| AFTER_OBJECT.contains(&w.to_lowercase().as_str())) {
                    "theirs"
                } else {
                    "their"
                }
            }
            "her" => {
                if next.is_none_or(|(w, _)| AFTER_OBJECT.contains(&w.to_lowercase().as_str())) {
                    "them"
                } else {
                    "their"
                }
            }
            "hers" => "theirs",
            "himself" | "herself" => "themselves",
            "he's" | "she's" => {
                if next.is_some_and(|(w, _)| w == "been" || w == "got" || w == "had") {
                    "they've"
                } else {
                    "they're"
                }
            }
            "he'd" | "she'd" => "they'd",
            "he'll" | "she'll" => "they'll",
            _ => continue,
        };
        let replacement: Cow<'static, str> = if word.chars().next().is_some_and(char::is_uppercase)
        {
            Cow::Owned(capitalise(replacement))
        } else {
            Cow::Borrowed(replacement)
        };
        out.push_str(&rest[at..m.start()]);
        out.push_str(&replacement);
        changes.push(Change {
            original: word.to_string(),
            replacement: replacement.clone(),
            rule: "pronoun",
            certain: true,
        });
        at = m.end();
        if lower == "he" || lower == "she" {
            // "he says" → "they say": agree the verb, past one adverb if there is one.
            let mut offset = m.end();
            let mut candidate = next;
            if let Some((w, len)) = candidate
                && ADVERBS.contains(&w)
            {
                offset += len;
                candidate = next_word(&rest[offset..]);
            }
            if let Some((verb, len)) = candidate
                && let Some(agreed) = plural_verb(verb)
            {
                let verb_start = offset + len - verb.len();
                out.push_str(&rest[at..verb_start]);
                out.push_str(&agreed);
                changes.push(Change {
                    original: verb.to_string(),
                    replacement: Cow::Owned(agreed),
                    rule: "pronoun+verb",
                    certain: true,
                });
                at = verb_start + verb.len();
                skip_verb_until = at;
            }
        }
    }
    out.push_str(&rest[at..]);
    out
}

/// The next word after some spaces, and the length up to its end.
fn next_word(s: &str) -> Option<(&str, usize)> {
    let trimmed = s.trim_start_matches([' ', '\u{a0}']);
    if trimmed.len() == s.len() {
        return None;
    }
    let end = trimmed
        .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .unwrap_or(trimmed.len());
    (end > 0).then(|| (&trimmed[..end], s.len() - trimmed.len() + end))
}

/// The plural form of a third-person singular verb: "is" → "are", "argues" → "argue".
fn plural_verb(verb: &str) -> Option<String> {
    let fixed = match verb {
        "is" => Some("are"),
        "was" => Some("were"),
        "has" => Some("have"),
        "does" => Some("do"),
        "isn't" | "isn’t" => Some("aren't"),
        "wasn't" | "wasn’t" => Some("weren't"),
        "hasn't" | "hasn’t" => Some("haven't"),
        "doesn't" | "doesn’t" => Some("don't"),
        "goes" => Some("go"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Some(f.to_string());
    }
    if !verb.chars().all(|c| c.is_ascii_lowercase()) || verb.len() < 4 {
        return None;
    }
    // Words ending in s that are not verbs after a pronoun.
    const NOT_VERBS: &[&str] = &[
        "always",
        "perhaps",
        "thus",
        "sometimes",
        "afterwards",
        "towards",
        "less",
        "unless",
        "this",
        "its",
        "hers",
        "his",
    ];
    if NOT_VERBS.contains(&verb)
        || verb.ends_with("ss")
        || verb.ends_with("us")
        || verb.ends_with("is")
    {
        return None;
    }
    if let Some(stem) = verb.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if verb.ends_with(suffix) {
            return Some(verb[..verb.len() - 2].to_string());
        }
    }
    verb.strip_suffix('s').map(str::to_string)
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&PRONOUN);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_agree_with_they() {
        assert_eq!(plural_verb("argues").as_deref(), Some("argue"));
        assert_eq!(plural_verb("tries").as_deref(), Some("try"));
        assert_eq!(plural_verb("pushes").as_deref(), Some("push"));
        assert_eq!(plural_verb("is").as_deref(), Some("are"));
        assert_eq!(plural_verb("said"), None);
        assert_eq!(plural_verb("always"), None);
    }

    #[test]
    fn pronouns_become_they() {
        let mut c = Vec::new();
        assert_eq!(
            neutral_pronouns(
                "X. She says her research shows that he also argues it. Told her so.",
                2,
                &mut c
            ),
            "X. They say their research shows that they also argue it. Told them so."
        );
        assert_eq!(
            neutral_pronouns("X: the idea was his.", 0, &mut c),
            "X: the idea was theirs."
        );
    }
}
