//! Reading plain-text session notes: paragraphs between blank lines, `#` or underlined headings, a short line standing alone as a heading, `-`/`*`/`•`/`1.` list items; `//` lines never read.

use super::NotesFile;
use super::markdown::is_private;
use crate::model::{Block, BlockKind, Source};
use crate::text::collapse;

/// The paragraph or list item being read, until a blank line or a new block ends it.
struct Open<'a> {
    file: &'a str,
    text: String,
    kind: BlockKind,
    line: u32,
    /// Lines in it: a lone short line is a heading.
    lines: usize,
}

impl Open<'_> {
    /// Start a block of `kind` at `line`, ending the one before.
    fn start(&mut self, kind: BlockKind, line: u32, blocks: &mut Vec<Block>) {
        self.flush(blocks);
        self.kind = kind;
        self.line = line;
    }

    /// End the open block, if any, as a paragraph, list item or plain-text heading.
    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let mut text = collapse(&std::mem::take(&mut self.text));
        let lines = std::mem::take(&mut self.lines);
        if text.is_empty() {
            return;
        }
        // The first line of the file, standing alone, is its title even when longer than a
        // section heading would be.
        let title = blocks.is_empty() && is_plain_title(&text);
        let heading = title || is_plain_heading(&text);
        let kind = if self.kind == BlockKind::Paragraph && lines == 1 && heading {
            if text.ends_with(':') {
                text.pop();
            }
            // The first line of the file is its title; the rest are its sections.
            BlockKind::Heading {
                level: if blocks.is_empty() { 1 } else { 2 },
            }
        } else {
            self.kind
        };
        blocks.push(Block {
            kind,
            text,
            source: Source::line(self.file, self.line),
        });
    }
}

pub fn read(file: &str, text: &str) -> NotesFile {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut open = Open {
        file,
        text: String::new(),
        kind: BlockKind::Paragraph,
        line: 0,
        lines: 0,
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start_matches('\u{feff}');
        let n = i as u32 + 1;
        i += 1;
        if is_private(line) {
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            open.flush(&mut blocks);
            continue;
        }
        // Setext-style heading: a line underlined with === or ---.
        if let Some(next) = lines.get(i).map(|l| l.trim()) {
            let underline = |c: char| next.len() >= 3 && next.chars().all(|x| x == c);
            if underline('=') || underline('-') {
                open.flush(&mut blocks);
                let level = if underline('=') { 1 } else { 2 };
                blocks.push(Block {
                    kind: BlockKind::Heading { level },
                    text: collapse(t),
                    source: Source::line(file, n),
                });
                i += 1;
                continue;
            }
        }
        if let Some(rest) = t.strip_prefix('#') {
            let hashes = 1 + rest.chars().take_while(|&c| c == '#').count();
            let title = t[hashes..].trim();
            if hashes <= 6
                && (rest.starts_with([' ', '#']) || title.is_empty())
                && !title.is_empty()
            {
                open.flush(&mut blocks);
                blocks.push(Block {
                    kind: BlockKind::Heading {
                        level: hashes as u8,
                    },
                    text: collapse(title),
                    source: Source::line(file, n),
                });
                continue;
            }
        }
        if let Some(item) = list_item(t) {
            let indent = line.len() - line.trim_start().len();
            let depth = (indent / 2).min(8) as u8;
            open.start(BlockKind::ListItem { depth }, n, &mut blocks);
            open.text.push_str(item);
            continue;
        }
        // A line that starts "Recommendation:" is an item of its own, even with no blank
        // line before it.
        if open.text.is_empty() || crate::model::prefixed(t).is_some() {
            open.start(BlockKind::Paragraph, n, &mut blocks);
        }
        open.lines += 1;
        open.text.push(' ');
        open.text.push_str(t);
    }
    open.flush(&mut blocks);
    NotesFile {
        title: None,
        blocks,
        skipped: Vec::new(),
    }
}

/// A heading written as plain text: a short line (at most ten words) without a full
/// stop or other closing punctuation, that does not start in lower case. A colon may end it
/// ("Recommendations:").
pub fn is_plain_heading(text: &str) -> bool {
    plain_heading(text, 10, 90)
}

/// A line without closing punctuation, not starting in lower case, of at most `words` words
/// and `chars` characters.
fn plain_heading(text: &str, most_words: usize, chars: usize) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=most_words).contains(&words)
        && t.chars().count() <= chars
        && !t.ends_with(['.', ',', ';', '!', '?', '…', '"', '”'])
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
        && t.chars().any(char::is_alphabetic)
}

/// The first line of a text file as its title: a heading of up to twenty words.
fn is_plain_title(text: &str) -> bool {
    plain_heading(text, 20, 160)
}

/// The text of a list item line: `- x`, `* x`, `• x`, `1. x`, `1) x`, `a) x`.
fn list_item(t: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some(rest.trim_start());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        return rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))
            .map(str::trim_start);
    }
    // A single letter takes only a parenthesis: "a. " is too common in prose.
    let mut chars = t.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), Some(')'), Some(' ')) if c.is_ascii_lowercase() => Some(t[3..].trim_start()),
        _ => None,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_first_line_is_the_title_and_a_long_line_later_is_not_a_heading() {
        let title = "Breakout G: energy at home - the transition in producer countries";
        let text = format!("{title}\n\nFacilitator: one participant.\n\n{title}\n");
        let n = read("s.txt", &text);
        assert_eq!(n.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(n.blocks[0].text, title);
        assert_eq!(n.blocks[2].kind, BlockKind::Paragraph);
    }

    #[test]
    fn reads_headings_lists_and_paragraphs() {
        let n = read(
            "s.txt",
            "Breakout A\n==========\n\nSome discussion\ncontinued.\n// not for publication\nRecommendations\n---\n1. First one\n2) Second\n  - nested\n\nEarly warning\n\nAlerts came late.\nRecommendation: Act.\nRecommendation: Fund.\n",
        );
        let got: Vec<_> = n
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.source.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    BlockKind::Heading { level: 1 },
                    "Breakout A",
                    "s.txt:1".to_string()
                ),
                (
                    BlockKind::Paragraph,
                    "Some discussion continued.",
                    "s.txt:4".into()
                ),
                (
                    BlockKind::Heading { level: 2 },
                    "Recommendations",
                    "s.txt:7".into()
                ),
                (
                    BlockKind::ListItem { depth: 0 },
                    "First one",
                    "s.txt:9".into()
                ),
                (
                    BlockKind::ListItem { depth: 0 },
                    "Second",
                    "s.txt:10".into()
                ),
                (
                    BlockKind::ListItem { depth: 1 },
                    "nested",
                    "s.txt:11".into()
                ),
                (
                    BlockKind::Heading { level: 2 },
                    "Early warning",
                    "s.txt:13".into()
                ),
                (BlockKind::Paragraph, "Alerts came late.", "s.txt:15".into()),
                (
                    BlockKind::Paragraph,
                    "Recommendation: Act.",
                    "s.txt:16".into()
                ),
                (
                    BlockKind::Paragraph,
                    "Recommendation: Fund.",
                    "s.txt:17".into()
                ),
            ]
        );
    }
}
