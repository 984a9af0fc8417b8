//! Speaker labels made of initials ("KL:", "A.B.:") and question-and-answer labels ("Q (Name, Org):").

use super::detect::{Kind, Span, Who};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Speaker labels at the start of a paragraph or of a sentence (notes run lines together):
/// initials ("KL:", "A.B.:"), and "Q (…):" / "A (…):".
pub(super) fn label(text: &str, initials: &HashMap<String, usize>, spans: &mut Vec<Span>) {
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
