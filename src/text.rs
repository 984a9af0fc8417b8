//! Small text helpers shared by every stage: a first letter capitalised, white space collapsed, a count with its noun.

/// `s` with its first letter capitalised and the rest as it is: "one participant" → "One
/// participant".
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Runs of white space collapsed to one space, and the ends trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A count with the form that agrees with it: `count(1, "session", "sessions")` → "1 session".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("one participant said"), "One participant said");
        assert_eq!(capitalise("ľubica"), "Ľubica");
        assert_eq!(capitalise("ǆ"), "ǅ".to_uppercase());
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn counts_agree() {
        assert_eq!(count(1, "session", "sessions"), "1 session");
        assert_eq!(count(0, "session", "sessions"), "0 sessions");
        assert_eq!(count(12, "session", "sessions"), "12 sessions");
    }
}
