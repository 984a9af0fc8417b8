//! Folding text for matching names: case, diacritics, apostrophes, hyphens and line breaks, with a map back to the original.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Text folded for matching, with a map from each folded byte back to the original.
///
/// Folding lowercases, strips diacritics (`Jääskeläinen` → `jaaskelainen`), turns every
/// apostrophe into `'`, every hyphen and dash into a space, and collapses runs of white
/// space (a name broken across a line) into one space.
pub struct Folded {
    pub text: String,
    /// `map[i]` is the byte offset in the original of folded byte `i`; `map[text.len()]` is the
    /// original's length. `None` where folding kept every offset.
    map: Option<Vec<usize>>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        // Most notes are ASCII with single spaces: fold byte for byte, offsets unchanged.
        let b = original.as_bytes();
        let simple = b.is_ascii()
            && !b
                .windows(2)
                .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
            && !b.first().is_some_and(u8::is_ascii_whitespace);
        if simple {
            let text: String = b
                .iter()
                .map(|&c| match c {
                    b'-' => ' ',
                    b'`' => '\'',
                    c if c.is_ascii_whitespace() => ' ',
                    c => c.to_ascii_lowercase() as char,
                })
                .collect();
            return Folded { text, map: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut last_space = true;
        let push = |text: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
            let before = text.len();
            text.push(c);
            map.extend(std::iter::repeat_n(at, text.len() - before));
        };
        for (at, c) in original.char_indices() {
            // ASCII needs no decomposition: fold it directly.
            if c.is_ascii() {
                match c {
                    '-' | ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => {
                        if !last_space {
                            text.push(' ');
                            map.push(at);
                            last_space = true;
                        }
                    }
                    '`' => {
                        text.push('\'');
                        map.push(at);
                        last_space = false;
                    }
                    _ => {
                        text.push(c.to_ascii_lowercase());
                        map.push(at);
                        last_space = false;
                    }
                }
                continue;
            }
            let mapped: &[char] = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' | '\u{2032}' => &['\''],
                '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => &[' '],
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => &[],
                'ß' => &['s', 's'],
                'æ' | 'Æ' => &['a', 'e'],
                'œ' | 'Œ' => &['o', 'e'],
                'ø' | 'Ø' => &['o'],
                'đ' | 'Đ' => &['d'],
                'ł' | 'Ł' => &['l'],
                'þ' | 'Þ' => &['t', 'h'],
                'ı' => &['i'],
                _ => &[],
            };
            let special = !mapped.is_empty()
                || matches!(
                    c,
                    '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'
                );
            if special {
                for &m in mapped {
                    if m == ' ' {
                        if !last_space {
                            push(&mut text, &mut map, ' ', at);
                            last_space = true;
                        }
                    } else {
                        push(&mut text, &mut map, m, at);
                        last_space = false;
                    }
                }
                continue;
            }
            if c.is_whitespace() {
                if !last_space {
                    push(&mut text, &mut map, ' ', at);
                    last_space = true;
                }
                continue;
            }
            let mut any = false;
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    return;
                }
                for l in d.to_lowercase() {
                    push(&mut text, &mut map, l, at);
                }
                any = true;
            });
            if any {
                last_space = false;
            }
        }
        map.push(original.len());
        Folded {
            text,
            map: Some(map),
        }
    }

    /// The original byte range of a folded range.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let Some(map) = &self.map else {
            return (start, end);
        };
        let s = map[start];
        // The end maps to the start of the last folded char's source char; extend to that char's end.
        let e = if end == 0 {
            s
        } else {
            let last = map[end - 1];
            last + original[last..].chars().next().map_or(0, char::len_utf8)
        };
        (s, e.max(s))
    }
}

/// Fold a pattern the same way as text, trimmed.
pub fn fold(s: &str) -> String {
    Folded::new(s).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_strips_case_diacritics_and_line_breaks() {
        assert_eq!(fold("Jääskeläinen"), "jaaskelainen");
        assert_eq!(fold("Gómez-Peña"), "gomez pena");
        assert_eq!(fold("O’Neill"), "o'neill");
        assert_eq!(fold("Maria\n  Lindqvist"), "maria lindqvist");
    }

    #[test]
    fn the_ascii_path_keeps_offsets() {
        let f = Folded::new("Dr Gomez-Pena said");
        assert_eq!(f.text, "dr gomez pena said");
        assert_eq!(f.original_range(3, 13, "Dr Gomez-Pena said"), (3, 13));
    }
}
