//! Finding the roster's patterns in a text: one folding pass marks the words and notes those a pattern starts with, and only those are looked up.

use crate::fold::{Folded, MARK, WordFilter, WordStart, fold_marked, word_hash};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use std::cell::RefCell;
use std::collections::HashMap;

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

/// A first word in the lookup table, and where its patterns are.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u32,
    /// The word's bytes, `bytes[word..word + word_len]`; `word_len` 0 marks an empty slot.
    word: u32,
    word_len: u32,
    /// Its patterns, `candidates[first..first + count]`, longest first.
    first: u32,
    count: u32,
}

/// A pattern that starts with a slot's word: its index, and its marked bytes in `bytes`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: u32,
    at: u32,
    len: u32,
}

/// Patterns compiled for scanning: folded and marked, indexed by their first word.
///
/// Patterns and text are folded and marked alike (see [`crate::fold::Folded`]), so a
/// pattern found at a word's start mark is a run of whole words: "Li" is never found in
/// "Lindqvist", and of "Ali" and "Ali Son" in "Ali Sonnen" the first is.
///
/// Everything a lookup touches lies in three flat arrays (an open-addressed table of first
/// words, the candidates, and one buffer of bytes), so a lookup costs a few cache lines.
pub struct Scanner {
    filter: WordFilter,
    slots: Vec<Slot>,
    candidates: Vec<Candidate>,
    bytes: Vec<u8>,
    /// For first words shared by many patterns: every pattern, anchored, leftmost-longest.
    crowded: Option<AhoCorasick>,
}

impl Scanner {
    /// Compile `patterns`, each already folded (see [`crate::fold::fold`]) and starting with a
    /// letter or digit; a pattern that does not start with one is never found.
    pub fn new(patterns: &[String]) -> Self {
        let marked: Vec<Vec<u8>> = patterns.iter().map(|p| fold_marked(p)).collect();
        // Group the patterns by first word, in the order first seen.
        let mut groups: Vec<(&[u8], Vec<u32>)> = Vec::new();
        let mut index: HashMap<&[u8], usize> = HashMap::new();
        for (i, m) in marked.iter().enumerate() {
            let Some(word) = first_word(m) else { continue };
            let g = *index.entry(word).or_insert_with(|| {
                groups.push((word, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i as u32);
        }
        let size = (2 * groups.len()).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size];
        let mut candidates = Vec::with_capacity(marked.len());
        let mut bytes = Vec::new();
        let mut any_crowded = false;
        for (word, mut members) in groups {
            members.sort_by_key(|&p| (std::cmp::Reverse(marked[p as usize].len()), p));
            any_crowded |= members.len() > CROWDED;
            let hash = word_hash(word);
            let mut at = hash as usize & (size - 1);
            while slots[at].word_len != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot {
                hash,
                word: bytes.len() as u32,
                word_len: word.len() as u32,
                first: candidates.len() as u32,
                count: members.len() as u32,
            };
            bytes.extend_from_slice(word);
            for p in members {
                let m = &marked[p as usize];
                candidates.push(Candidate {
                    pattern: p,
                    at: bytes.len() as u32,
                    len: m.len() as u32,
                });
                bytes.extend_from_slice(m);
            }
        }
        let filter = WordFilter::new(
            slots
                .iter()
                .filter(|s| s.word_len != 0)
                .map(|s| &bytes[s.word as usize..][..s.word_len as usize]),
        );
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
            filter,
            slots,
            candidates,
            bytes,
            crowded,
        }
    }

    /// Every pattern in `text`, left to right, the longest where several start at one word;
    /// a hit never starts inside an earlier one.
    pub fn scan(&self, text: &str, mut hit: impl FnMut(Hit)) {
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
                hit(Hit {
                    start: word.original as usize,
                    end,
                    pattern,
                });
                resume = word.folded as usize + len;
            }
        });
    }

    /// The longest pattern at `word`, and its folded length.
    fn longest_at(&self, text: &[u8], word: WordStart) -> Option<(usize, usize)> {
        let at = word.folded as usize;
        let rest = &text[at..];
        let text_word = &rest[1..=word.len as usize];
        let mask = self.slots.len() - 1;
        let mut i = word.hash as usize & mask;
        let slot = loop {
            let slot = self.slots[i];
            if slot.word_len == 0 {
                return None;
            }
            if slot.hash == word.hash
                && slot.word_len == word.len
                && self.bytes[slot.word as usize..][..slot.word_len as usize] == *text_word
            {
                break slot;
            }
            i = (i + 1) & mask;
        };
        if slot.count as usize > CROWDED
            && let Some(ac) = &self.crowded
        {
            let input = aho_corasick::Input::new(text)
                .span(at..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            return ac
                .find(input)
                .map(|m| (m.pattern().as_usize(), m.end() - m.start()));
        }
        self.candidates[slot.first as usize..][..slot.count as usize]
            .iter()
            .find_map(|c| {
                let m = &self.bytes[c.at as usize..][..c.len as usize];
                rest.starts_with(m).then_some((c.pattern as usize, m.len()))
            })
    }
}

/// The first word of marked text that starts with a mark: the bytes up to the next mark.
fn first_word(marked: &[u8]) -> Option<&[u8]> {
    let rest = marked.strip_prefix(&[MARK])?;
    let end = rest.iter().position(|&b| b == MARK)?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn hits(patterns: &[&str], text: &str) -> Vec<(String, usize)> {
        let patterns: Vec<String> = patterns.iter().map(|p| fold(p)).collect();
        let scanner = Scanner::new(&patterns);
        let mut out = Vec::new();
        scanner.scan(text, |h| out.push(h));
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
