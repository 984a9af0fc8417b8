//! Finding participants in text: folding (case, diacritics, apostrophes, hyphens, line breaks) and a roster matcher shared by the anonymiser and the guard.

use crate::model::Participant;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Text folded for matching, with a map from each folded byte back to the original.
///
/// Folding lowercases, strips diacritics (`Jääskeläinen` → `jaaskelainen`), turns every
/// apostrophe into `'`, every hyphen and dash into a space, and collapses runs of white
/// space (a name broken across a line) into one space.
pub struct Folded {
    pub text: String,
    /// `map[i]` is the byte offset in the original of folded byte `i`; `map[text.len()]` is the original's length.
    map: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut last_space = true;
        let push = |text: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
            let before = text.len();
            text.push(c);
            map.extend(std::iter::repeat_n(at, text.len() - before));
        };
        for (at, c) in original.char_indices() {
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
        Folded { text, map }
    }

    /// The original byte range of a folded range.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.map[start];
        // The end maps to the start of the last folded char's source char; extend to that char's end.
        let e = if end == 0 {
            s
        } else {
            let last = self.map[end - 1];
            last + original[last..].chars().next().map_or(0, char::len_utf8)
        };
        (s, e.max(s))
    }
}

/// Fold a pattern the same way as text, trimmed.
pub fn fold(s: &str) -> String {
    Folded::new(s).text.trim().to_string()
}

/// What a roster entry matched as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    FullName,
    ReversedName,
    Surname,
    Email,
}

impl Form {
    pub fn rule(self) -> &'static str {
        match self {
            Form::FullName => "full-name",
            Form::ReversedName => "surname-comma-given",
            Form::Surname => "surname",
            Form::Email => "email",
        }
    }
}

/// One hit of the roster in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub participant: usize,
    pub form: Form,
}

#[derive(Debug, Clone)]
struct Pattern {
    participant: usize,
    form: Form,
}

/// Finds every participant's full name, "Surname, Given", capitalised surname and email.
pub struct RosterMatcher {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    protected: Option<AhoCorasick>,
}

impl RosterMatcher {
    /// `protected` are phrases that stay whatever they contain (the keep list, partners, the venue).
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut add = |text: String, participant: usize, form: Form| {
            // Single letters and empty names would match everywhere; they carry no identity.
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            if seen.insert((text.clone(), participant, form)) {
                texts.push(text);
                patterns.push(Pattern { participant, form });
            }
        };
        for (i, p) in participants.iter().enumerate() {
            add(fold(&p.name), i, Form::FullName);
            if let (Some(g), Some(f)) = (&p.given, &p.family) {
                add(fold(&format!("{f}, {g}")), i, Form::ReversedName);
                add(fold(&format!("{g} {f}")), i, Form::FullName);
            }
            if let Some(f) = &p.family {
                add(fold(f), i, Form::Surname);
            }
            if let Some(e) = &p.email {
                add(fold(e), i, Form::Email);
            }
        }
        let build = |pats: &[String]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .expect("roster patterns build")
        };
        let ac = (!texts.is_empty()).then(|| build(&texts));
        let protected: Vec<String> = protected
            .iter()
            .map(|p| fold(p))
            .filter(|p| !p.is_empty())
            .collect();
        let protected = (!protected.is_empty()).then(|| build(&protected));
        RosterMatcher {
            ac,
            patterns,
            protected,
        }
    }

    /// Every roster hit in `text`, leftmost-longest, not overlapping, outside protected phrases.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let folded = Folded::new(text);
        let f = folded.text.as_bytes();
        let shield: Vec<(usize, usize)> = self.protected.as_ref().map_or_else(Vec::new, |p| {
            p.find_iter(&folded.text)
                .filter(|m| bounded(f, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect()
        });
        let mut hits = Vec::new();
        for m in ac.scan_bounded(&folded.text) {
            let (fs, fe, pattern) = m;
            if !bounded(f, fs, fe) {
                continue;
            }
            if shield.iter().any(|&(s, e)| fs < e && s < fe) {
                continue;
            }
            // A leftmost-longest hit can hide a shorter pattern with the same text for another
            // participant (two people called Okafor); the first one wins, which is enough to strip it.
            let pattern = &self.patterns[pattern];
            let (start, end) = folded.original_range(fs, fe, text);
            if pattern.form == Form::Surname && !looks_like_a_name(&text[start..end]) {
                continue;
            }
            hits.push(Hit {
                start,
                end,
                participant: pattern.participant,
                form: pattern.form,
            });
        }
        hits
    }
}

/// A surname alone counts only when written as a name: capitalised or in capitals,
/// so that a participant called Young does not take "young people" with them.
fn looks_like_a_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True when the folded range is not inside a longer word.
fn bounded(f: &[u8], start: usize, end: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    (start == 0 || !word(f[start - 1])) && (end == f.len() || !word(f[end]))
}

trait BoundedScan {
    fn scan_bounded(&self, text: &str) -> Vec<(usize, usize, usize)>;
}

impl BoundedScan for AhoCorasick {
    /// Leftmost-longest matches; where one fails the word-boundary test (a surname inside a
    /// longer word), the scan resumes one character later so that nothing behind it is missed.
    fn scan_bounded(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let f = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let input = aho_corasick::Input::new(text).span(at..text.len());
            let Some(m) = self.find(input) else { break };
            if bounded(f, m.start(), m.end()) {
                out.push((m.start(), m.end(), m.pattern().as_usize()));
                at = m.end();
            } else {
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(given: &str, family: &str) -> Participant {
        Participant {
            name: format!("{given} {family}"),
            given: Some(given.into()),
            family: Some(family.into()),
            email: Some(format!("{}@example.org", given.to_lowercase())),
            ..Default::default()
        }
    }

    fn found(m: &RosterMatcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn folding_strips_case_diacritics_and_line_breaks() {
        assert_eq!(fold("Jääskeläinen"), "jaaskelainen");
        assert_eq!(fold("Gómez-Peña"), "gomez pena");
        assert_eq!(fold("O’Neill"), "o'neill");
        assert_eq!(fold("Maria\n  Lindqvist"), "maria lindqvist");
    }

    #[test]
    fn finds_names_in_their_written_forms() {
        let roster = [person("Maria", "Lindqvist"), person("Aino", "Jääskeläinen")];
        let m = RosterMatcher::new(&roster, &[]);
        assert_eq!(found(&m, "MARIA LINDQVIST opened."), ["MARIA LINDQVIST"]);
        assert_eq!(found(&m, "as Jaaskelainen’s paper said"), ["Jaaskelainen"]);
        assert_eq!(found(&m, "Lindqvist, Maria wrote"), ["Lindqvist, Maria"]);
        assert_eq!(found(&m, "Maria\nLindqvist wrote"), ["Maria\nLindqvist"]);
        assert_eq!(found(&m, "write to aino@example.org"), ["aino@example.org"]);
    }

    #[test]
    fn a_surname_that_is_a_word_needs_a_capital() {
        let roster = [person("Ann", "Young")];
        let m = RosterMatcher::new(&roster, &[]);
        assert!(found(&m, "young people spoke").is_empty());
        assert_eq!(found(&m, "Young said"), ["Young"]);
        assert!(found(&m, "the Youngest").is_empty());
    }

    #[test]
    fn protected_phrases_survive() {
        let roster = [person("Grace", "Park")];
        let m = RosterMatcher::new(&roster, &["Wilton Park".to_string()]);
        assert!(found(&m, "held at Wilton Park").is_empty());
        assert_eq!(found(&m, "Park argued"), ["Park"]);
    }
}
