//! Finding the roster's patterns in a text: one folding pass marks the words and notes those a pattern starts with, and only those are looked up.

use crate::names::{Folded, MARK, WordFilter, WordStart, fold_marked, word_hash};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A first word shared by more patterns than this is looked up with the automaton, not
/// by comparing each pattern in turn.
const CROWDED: usize = 8;

/// A pattern found in a text, in the original's byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// The index of the pattern, as given to [`Scanner::new`].
    pub pattern: usize,
}

/// The patterns that start with one word, longest first.
struct Group {
    word: Box<[u8]>,
    /// Pattern indices, longest first, then in the order given (the first of two equal patterns wins).
    patterns: Vec<u32>,
}

/// Patterns compiled for scanning: folded and marked, indexed by their first word.
///
/// Patterns and text are folded and marked alike (see [`crate::names::Folded`]), so a
/// pattern found at a word's start mark is a run of whole words: "Li" is never found in
/// "Lindqvist", and of "Ali" and "Ali Son" in "Ali Sonnen" the first is.
pub struct Scanner {
    marked: Vec<Vec<u8>>,
    filter: WordFilter,
    groups: HashMap<u32, Vec<Group>, BuildHasherDefault<Prehashed>>,
    /// For first words shared by many patterns: every pattern, anchored, leftmost-longest.
    crowded: Option<AhoCorasick>,
}

impl Scanner {
    /// Compile `patterns`, each already folded (see [`crate::names::fold`]) and starting with a
    /// letter or digit; a pattern that does not start with one is never found.
    pub fn new(patterns: &[String]) -> Self {
        let marked: Vec<Vec<u8>> = patterns.iter().map(|p| fold_marked(p)).collect();
        let mut groups: HashMap<u32, Vec<Group>, BuildHasherDefault<Prehashed>> =
            HashMap::default();
        for (i, m) in marked.iter().enumerate() {
            let Some(word) = first_word(m) else { continue };
            let list = groups.entry(word_hash(word)).or_default();
            match list.iter_mut().find(|g| *g.word == *word) {
                Some(g) => g.patterns.push(i as u32),
                None => list.push(Group {
                    word: word.into(),
                    patterns: vec![i as u32],
                }),
            }
        }
        let mut any_crowded = false;
        for g in groups.values_mut().flatten() {
            g.patterns
                .sort_by_key(|&p| (std::cmp::Reverse(marked[p as usize].len()), p));
            any_crowded |= g.patterns.len() > CROWDED;
        }
        let filter = WordFilter::new(groups.values().flatten().map(|g| &*g.word));
        let crowded = any_crowded.then(|| {
            let build = |kind| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .kind(kind)
                    .build(&marked)
            };
            build(Some(AhoCorasickKind::ContiguousNFA))
                .or_else(|_| build(None))
                .expect("roster patterns build")
        });
        Scanner {
            marked,
            filter,
            groups,
            crowded,
        }
    }

    /// Every pattern in `text`, left to right, the longest where several start at one word;
    /// a hit never starts inside an earlier one.
    pub fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        thread_local! {
            static FOLDED: RefCell<Folded> = RefCell::default();
        }
        FOLDED.with_borrow_mut(|folded| {
            folded.fold_words(text, &self.filter);
            let mut resume = 0;
            for k in 0..folded.starts().len() {
                let word = folded.starts()[k];
                if (word.folded as usize) < resume {
                    continue;
                }
                let Some((pattern, len)) = self.longest_at(folded.bytes(), word) else {
                    continue;
                };
                let end = folded.original_end(text, word, len);
                hits.push(Hit {
                    start: word.original as usize,
                    end,
                    pattern,
                });
                resume = word.folded as usize + len;
            }
        });
    }

    /// The longest pattern at `word`, and its folded length.
    fn longest_at(&self, bytes: &[u8], word: WordStart) -> Option<(usize, usize)> {
        let at = word.folded as usize;
        let rest = &bytes[at..];
        let text_word = &rest[1..=word.len as usize];
        let group = self
            .groups
            .get(&word.hash)?
            .iter()
            .find(|g| *g.word == *text_word)?;
        if group.patterns.len() > CROWDED
            && let Some(ac) = &self.crowded
        {
            let input = aho_corasick::Input::new(bytes)
                .span(at..bytes.len())
                .anchored(aho_corasick::Anchored::Yes);
            return ac
                .find(input)
                .map(|m| (m.pattern().as_usize(), m.end() - m.start()));
        }
        group.patterns.iter().find_map(|&p| {
            let m = &self.marked[p as usize];
            rest.starts_with(m).then_some((p as usize, m.len()))
        })
    }
}

/// The first word of marked text that starts with a mark: the bytes up to the next mark.
fn first_word(marked: &[u8]) -> Option<&[u8]> {
    let rest = marked.strip_prefix(&[MARK])?;
    let end = rest.iter().position(|&b| b == MARK)?;
    Some(&rest[..end])
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bits: the map takes its buckets from the low ones and the control bytes
        // from the high ones.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::fold;

    fn hits(patterns: &[&str], text: &str) -> Vec<(String, usize)> {
        let patterns: Vec<String> = patterns.iter().map(|p| fold(p)).collect();
        let scanner = Scanner::new(&patterns);
        let mut out = Vec::new();
        scanner.scan(text, &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.pattern))
            .collect()
    }

    #[test]
    fn whole_words_only_and_the_longest_first() {
        assert_eq!(
            hits(
                &["Ali", "Ali Son", "Lind"],
                "Ali Sonnen met Lindqvist; Ali Son and ALI spoke."
            ),
            [
                ("Ali".to_string(), 0),
                ("Ali Son".to_string(), 1),
                ("ALI".to_string(), 0)
            ]
        );
    }

    #[test]
    fn folded_forms_map_back_to_what_was_written() {
        assert_eq!(
            hits(
                &["Gómez-Peña", "O'Neill"],
                "As Gomez\n Pena and O’Neill’s team said"
            ),
            [("Gomez\n Pena".to_string(), 0), ("O’Neill".to_string(), 1)]
        );
    }

    #[test]
    fn a_crowded_first_word_goes_through_the_automaton() {
        let roles: Vec<String> = (0..20)
            .map(|i| format!("Director of Programme {i}"))
            .collect();
        let patterns: Vec<&str> = roles.iter().map(String::as_str).collect();
        assert_eq!(
            hits(
                &patterns,
                "The Director of Programme 12 and the director of programme 1."
            ),
            [
                ("Director of Programme 12".to_string(), 12),
                ("director of programme 1".to_string(), 1)
            ]
        );
    }
}
