//! Deciding what each block says for the note: recommendation, good practice, key point or discussion, by the heading and prefix rules of CONTRACT.md.

use crate::anonymise::CleanEvent;
use crate::model::{BlockKind, Role, Source};
use regex::Regex;
use std::sync::LazyLock;

/// A block of anonymised notes with its role in the note.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub role: Role,
    pub text: String,
    pub source: Source,
    /// Index of the session in the event.
    pub session: usize,
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(recommendation|good practice|best practice)s?\s*:\s*").unwrap()
});

/// What a heading's text makes of the blocks under it, if anything.
pub fn heading_role(text: &str) -> Option<Role> {
    let t = text.to_lowercase();
    if t.contains("recommendation") {
        Some(Role::Recommendation)
    } else if t.contains("good practice")
        || t.contains("best practice")
        || t.contains("what worked")
    {
        Some(Role::GoodPractice)
    } else if t.contains("key point") || t.contains("summary") {
        Some(Role::KeyPoint)
    } else {
        None
    }
}

/// A `Recommendation:` / `Good practice:` / `Best practice:` prefix: its role and the text after it.
pub fn prefixed(text: &str) -> Option<(Role, &str)> {
    let c = PREFIX.captures(text)?;
    let role = if c[1].eq_ignore_ascii_case("recommendation") {
        Role::Recommendation
    } else {
        Role::GoodPractice
    };
    Some((role, &text[c.get(0).expect("whole match").end()..]))
}

/// Every non-heading block of every session, with its role. A heading's role holds until
/// the next heading of the same or a higher level; a sub-heading without a role of its own
/// inherits the role of the block it sits in.
pub fn extract(event: &CleanEvent) -> Vec<Item> {
    let mut items = Vec::new();
    for (session, s) in event.sessions.iter().enumerate() {
        // (level, role) of the open headings, outermost first.
        let mut open: Vec<(u8, Option<Role>)> = Vec::new();
        for block in &s.blocks {
            if let BlockKind::Heading { level } = block.kind {
                while open.last().is_some_and(|&(l, _)| l >= level) {
                    open.pop();
                }
                open.push((level, heading_role(&block.text)));
                continue;
            }
            let inherited = open
                .iter()
                .rev()
                .find_map(|&(_, r)| r)
                .unwrap_or(Role::Discussion);
            let (role, text) = match prefixed(&block.text) {
                Some((role, rest)) => (role, rest),
                None => (inherited, block.text.as_str()),
            };
            let text = sentence_case_start(text.trim());
            if text.is_empty() {
                continue;
            }
            items.push(Item {
                role,
                text,
                source: block.source.clone(),
                session,
            });
        }
    }
    items
}

/// Capitalise the first letter, so that an item cut from after a prefix still reads as a sentence.
fn sentence_case_start(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_words_decide_roles() {
        assert_eq!(
            heading_role("Recommendations to states"),
            Some(Role::Recommendation)
        );
        assert_eq!(heading_role("What worked"), Some(Role::GoodPractice));
        assert_eq!(heading_role("Best practices"), Some(Role::GoodPractice));
        assert_eq!(heading_role("Key points"), Some(Role::KeyPoint));
        assert_eq!(heading_role("Discussion"), None);
    }

    #[test]
    fn prefixes_in_any_case() {
        assert_eq!(
            prefixed("RECOMMENDATION: do x"),
            Some((Role::Recommendation, "do x"))
        );
        assert_eq!(
            prefixed("Best practice:  y"),
            Some((Role::GoodPractice, "y"))
        );
        assert_eq!(prefixed("Recommendations are few"), None);
    }
}
