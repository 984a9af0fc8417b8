//! Reading the context of a hit: sentence starts, articles, possessives, speaker-label positions.

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

pub fn next_word_capitalised(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    rest.len() < after.len() && rest.chars().next().is_some_and(char::is_uppercase)
}

pub fn article_before(text: &str, at: usize) -> bool {
    let before = text[text.floor_char_boundary(at.saturating_sub(8))..at]
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
pub fn article_start(text: &str, at: usize) -> usize {
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

/// A name at the start of a paragraph or sentence, followed by a colon ("Strong: ..."), or
/// in capitals followed by a colon or a dash ("STRONG – ..."): a speaker label.
pub fn is_label(text: &str, start: usize, end: usize) -> bool {
    let head = text[..start].trim_end_matches(['*', '_', ' ', '\t']);
    if !(head.is_empty() || head.ends_with(['.', '!', '?', '\n'])) {
        return false;
    }
    let after = text[end..].trim_start_matches(['*', '_', ' ', '\u{a0}']);
    let capitals = text[start..end]
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    after.starts_with(':')
        || (capitals
            && ["–", "—", "-"].iter().any(|d| {
                after
                    .strip_prefix(d)
                    .is_some_and(|r| r.starts_with([' ', '\u{a0}']))
            }))
}

/// Whether the next word starts with a lower-case letter: "Strong's proposal", not "Bishop's Stortford".
pub fn next_word_lowercase(after: &str) -> bool {
    after
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A number right before or after a word: "May 2024", "3 May", "Annex 2 Law".
pub fn by_a_number(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches([' ', '\u{a0}', ',']);
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    after.starts_with(|c: char| c.is_ascii_digit())
        || before.ends_with(|c: char| c.is_ascii_digit())
}
