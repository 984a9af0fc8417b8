//! Speaker labels made of initials ("KL:", "A.B.:") and question-and-answer labels ("Q (Name, Org):").

use super::detect::{Kind, Span, Who};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Whether the "who" of a "Q (…):" label is already anonymous: "a participant", "one
/// participant", "another participant", "the same participant", "participants".
fn is_anonymous(who: &str) -> bool {
    let who = who.trim().to_lowercase();
    matches!(
        who.as_str(),
        "a participant"
            | "one participant"
            | "another participant"
            | "the same participant"
            | "participants"
            | "a panellist"
            | "one panellist"
            | "a speaker"
            | "one speaker"
    )
}

static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+)(?:\*\*|__)?(?P<l>(?:[A-Z]\.?\s?){2,3}?)(?:\*\*|__)?\s*:\s").unwrap()
});

static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+)(?:\*\*|__)?(?P<q>Q|Question|A|Answer)\s*\((?P<who>[^()\n]{2,120})\)(?:\*\*|__)?\s*:").unwrap()
});

/// Speaker labels at the start of a paragraph or of a sentence (notes run lines together; a
/// label's bracket never spans a line):
/// initials ("KL:", "A.B.:"), and "Q (…):" / "A (…):".
pub(super) fn label(text: &str, initials: &HashMap<String, usize>, spans: &mut Vec<Span>) {
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
        // "A (a participant):" names nobody: it is what anonymised notes say, and must stay
        // as it is for the leak check to agree with the anonymiser.
        if is_anonymous(who.as_str()) {
            continue;
        }
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

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&INITIALS);
    LazyLock::force(&QUESTION);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anonymous_answer_label_is_left_as_it_is() {
        let mut spans = Vec::new();
        label(
            "Donors should act. A (a participant): Local committees can verify ceasefires.",
            &HashMap::new(),
            &mut spans,
        );
        assert!(spans.is_empty(), "{spans:?}");
        label(
            "A (Mark Long, Donors Circle): Fund it.",
            &HashMap::new(),
            &mut spans,
        );
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].rule, "speaker-label+answer");
    }
}
