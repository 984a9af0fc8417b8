//! Splitting a paragraph into sentences the way a reader would: not after a title ("Dr."), an abbreviation ("e.g.", "U.N.", "No. 5"), an initial ("K. Osei"), a list number or a decimal, nor inside a quotation.

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence, lower-case, without the
/// stop. Titles and Latin shorthands as rapporteurs write them.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "sr", "jr", "st", "hon", "rt", "rev", "fr", "gen",
    "col", "lt", "capt", "cmdr", "sgt", "gov", "sen", "rep", "amb", "pres", "min", "eg", "e.g",
    "ie", "i.e", "cf", "vs", "viz", "approx", "ca", "no", "nos", "art", "arts", "para", "paras",
    "p", "pp", "vol", "ch", "sec", "fig", "ed", "eds", "dept", "est", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "op", "cit", "ibid", "resp",
];

/// The byte ranges of the sentences of `text`, trimmed, in order; together they cover
/// every non-space character of it.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    // Inside a double quotation no sentence ends: "We must act. Now," one said.
    let mut quote_depth = 0i32;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        match c {
            '“' | '«' => quote_depth += 1,
            '”' | '»' => quote_depth = (quote_depth - 1).max(0),
            '"' => quote_depth = if quote_depth > 0 { 0 } else { 1 },
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of closing marks: "?!", "...", and quotes or brackets after.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                j += 1;
            }
            let mut closed_quote = false;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '»') {
                if matches!(chars[j].1, '"' | '”' | '»') {
                    closed_quote = true;
                }
                j += 1;
            }
            let in_quote = quote_depth > 0 && !closed_quote;
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            if !in_quote && ends_here(text, &chars, i, j) {
                push(text, start..end, &mut out);
                start = end;
            }
            if closed_quote {
                quote_depth = 0;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(text, start..text.len(), &mut out);
    out
}

/// The sentences of `text` as string slices.
pub fn sentences(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

fn push(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Whether the closing marks at `chars[stop..after]` end a sentence: they must be followed
/// by space and then something that can start one (a capital, a digit, an opening quote or
/// bracket), and a single full stop must not close an abbreviation, an initial or a list
/// number.
fn ends_here(text: &str, chars: &[(usize, char)], stop: usize, after: usize) -> bool {
    if after >= chars.len() {
        return true;
    }
    if !chars[after].1.is_whitespace() {
        return false;
    }
    let next = chars[after..]
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace());
    let Some(next) = next else { return true };
    let starts = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡');
    if !starts {
        return false;
    }
    // "!", "?", "…" and "..." end a sentence before a capital; a single full stop may
    // close an abbreviation instead.
    if chars[stop].1 != '.' || chars.get(stop + 1).is_some_and(|&(_, c)| c == '.') {
        return true;
    }
    // The word before the stop.
    let word_end = chars[stop].0;
    let word_start = text[..word_end]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '['))
        .map_or(0, |(b, c)| b + c.len_utf8());
    let word = &text[word_start..word_end];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if ABBREVIATIONS.contains(&bare) {
        // "No. 5" and "Dr. Osei" continue; so does "e.g. This".
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // An initial ("K.") or a dotted acronym ("U.N.", "U.S."), followed by a capital: part of
    // a name or a title, not an end. A dotted acronym at the very end of a sentence is rare
    // enough in notes to accept the join.
    if letters.len() == 1 && letters[0].is_uppercase() && word.chars().count() <= 2 {
        return false;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1) {
        return false;
    }
    // "1." at the start of the text, or after a sentence, is a list number.
    let before = text[..word_start].trim_end();
    if word.len() <= 3
        && word.chars().all(|c| c.is_ascii_digit())
        && (before.is_empty() || before.ends_with(['.', '!', '?', ':', ';']))
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("One idea. Another one! Is it? Last"),
            ["One idea.", "Another one!", "Is it?", "Last"]
        );
    }

    #[test]
    fn titles_abbreviations_and_numbers_do_not_end_a_sentence() {
        assert_eq!(
            sentences(
                "Dr. Osei and Prof. Mensah spoke, e.g. on courts. The U.N. Security Council met. Resolution No. 5 passed."
            ),
            [
                "Dr. Osei and Prof. Mensah spoke, e.g. on courts.",
                "The U.N. Security Council met.",
                "Resolution No. 5 passed."
            ]
        );
        assert_eq!(
            sentences("Growth was 3.5 per cent. Costs rose."),
            ["Growth was 3.5 per cent.", "Costs rose."]
        );
        assert_eq!(
            sentences("1. Fund the courts. 2. Train the judges."),
            ["1. Fund the courts.", "2. Train the judges."]
        );
    }

    #[test]
    fn initials_and_non_english_names_stay_in_their_sentence() {
        assert_eq!(
            sentences("K. Osei took notes. Élodie Ngũgĩ replied. Ø. Hansen agreed."),
            [
                "K. Osei took notes.",
                "Élodie Ngũgĩ replied.",
                "Ø. Hansen agreed."
            ]
        );
    }

    #[test]
    fn quotations_are_not_split() {
        assert_eq!(
            sentences("“We must act. Now,” one participant said. Others agreed."),
            [
                "“We must act. Now,” one participant said.",
                "Others agreed."
            ]
        );
        assert_eq!(
            sentences("One said \"no more delays.\" The room fell silent."),
            ["One said \"no more delays.\"", "The room fell silent."]
        );
    }

    #[test]
    fn lower_case_after_a_stop_continues() {
        assert_eq!(
            sentences("They cited the report at p. 12 and so on. fine"),
            ["They cited the report at p. 12 and so on. fine"]
        );
    }

    #[test]
    fn ranges_cover_the_text() {
        let t = "  A first.  And a second?  ";
        let r = split(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], "A first.");
        assert_eq!(&t[r[1].clone()], "And a second?");
    }
}
