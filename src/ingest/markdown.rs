//! Reading Markdown session notes with pulldown-cmark: front-matter title, headings, paragraphs, list items, tables; `//` lines are the rapporteur's own and never read.

use super::NotesFile;
use crate::model::{Block, BlockKind, Source};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Read a Markdown notes file. `file` is its name for provenance.
pub fn read(file: &str, text: &str) -> NotesFile {
    let (front_title, body_start) = front_matter(text);
    // Private lines go before parsing; `lines` maps each kept line back to its number in the file.
    let mut kept = String::with_capacity(text.len());
    let mut lines = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate().skip(body_start) {
        if is_private(line) {
            continue;
        }
        kept.push_str(line);
        lines.push(i as u32 + 1);
    }
    let line_of = |offset: usize| -> u32 {
        let n = kept[..offset.min(kept.len())].matches('\n').count();
        lines
            .get(n)
            .copied()
            .unwrap_or_else(|| lines.last().copied().unwrap_or(1))
    };

    let mut blocks = Vec::new();
    let mut buf = String::new();
    let mut start = 0usize;
    let mut list_depth: u8 = 0;
    // For each open list item, the block that holds its text: an item's later paragraphs join it.
    let mut items: Vec<Option<usize>> = Vec::new();
    let mut heading: Option<u8> = None;
    let flush = |buf: &mut String, kind: BlockKind, at: usize, blocks: &mut Vec<Block>| {
        let text = crate::text::collapse(buf);
        buf.clear();
        if !text.is_empty() {
            blocks.push(Block {
                kind,
                text,
                source: Source::line(file, line_of(at)),
            });
        }
    };
    let item_kind = |depth: u8| BlockKind::ListItem {
        depth: depth.saturating_sub(1),
    };
    let flush_item = |buf: &mut String,
                      depth: u8,
                      at: usize,
                      blocks: &mut Vec<Block>,
                      items: &mut Vec<Option<usize>>| {
        let text = crate::text::collapse(buf);
        buf.clear();
        if text.is_empty() {
            return;
        }
        match items.last_mut() {
            Some(Some(idx)) => {
                blocks[*idx].text.push(' ');
                blocks[*idx].text.push_str(&text);
            }
            top => {
                blocks.push(Block {
                    kind: item_kind(depth),
                    text,
                    source: Source::line(file, line_of(at)),
                });
                if let Some(top) = top {
                    *top = Some(blocks.len() - 1);
                }
            }
        }
    };
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(&kept, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(heading_level(level));
                start = range.start;
            }
            Event::End(TagEnd::Heading(_)) => {
                let level = heading.take().unwrap_or(1);
                flush(&mut buf, BlockKind::Heading { level }, start, &mut blocks);
            }
            Event::Start(Tag::List(_)) => {
                if !items.is_empty() {
                    flush_item(&mut buf, list_depth, start, &mut blocks, &mut items);
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                items.push(None);
                start = range.start;
            }
            Event::End(TagEnd::Item) => {
                flush_item(&mut buf, list_depth, start, &mut blocks, &mut items);
                items.pop();
            }
            Event::Start(Tag::Paragraph)
                if (items.is_empty() || buf.trim().is_empty())
                    && items.last().is_none_or(Option::is_none) =>
            {
                start = range.start;
            }
            Event::End(TagEnd::Paragraph) => {
                if items.is_empty() {
                    flush(&mut buf, BlockKind::Paragraph, start, &mut blocks);
                } else {
                    flush_item(&mut buf, list_depth, start, &mut blocks, &mut items);
                }
                start = range.end;
            }
            Event::Start(Tag::TableCell) => start = range.start,
            Event::End(TagEnd::TableCell) => {
                flush(&mut buf, BlockKind::Paragraph, start, &mut blocks)
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            // An HTML comment is a note to self, never read; any other raw HTML is text the
            // rapporteur wrote ("<script>" in a note about a hack), kept as written and shown
            // as text in every format, never as markup.
            Event::InlineHtml(t) if !is_comment(&t) => buf.push_str(&t),
            Event::Html(t) if !is_comment(&t) => {
                buf.push_str(t.trim_end_matches('\n'));
                buf.push(' ');
            }
            Event::Start(Tag::HtmlBlock) => start = range.start,
            Event::End(TagEnd::HtmlBlock) => {
                flush(&mut buf, BlockKind::Paragraph, start, &mut blocks)
            }
            _ => {}
        }
    }
    NotesFile {
        title: front_title,
        blocks,
        skipped: Vec::new(),
    }
}

/// Whether raw HTML is a comment, or only comments and space.
fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A line the rapporteur wrote for themselves: it starts with `//`.
pub fn is_private(line: &str) -> bool {
    line.trim_start().starts_with("//")
}

/// The `title:` of a `---` front-matter block, and the index of the first line after the block.
///
/// Split by hand rather than with pulldown-cmark's `ENABLE_YAML_STYLE_METADATA_BLOCKS`: that
/// option also takes any `---` … `---` pair after a blank line, anywhere in the file, as a
/// metadata block (pulldown-cmark's own `metadata_blocks_test_6`), so the text of a session
/// that a rapporteur set between two rules would vanish from the note unreported. Front
/// matter is only ever the first lines (test `rules_around_text_are_not_front_matter`).
fn front_matter(text: &str) -> (Option<String>, usize) {
    let mut lines = text.lines();
    if lines
        .next()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        != Some("---")
    {
        return (None, 0);
    }
    let mut title = None;
    for (i, line) in lines.enumerate() {
        let t = line.trim();
        if t == "---" || t == "..." {
            return (title, i + 2);
        }
        if let Some(v) = t.strip_prefix("title:") {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            title = Some(v.to_string()).filter(|v| !v.is_empty());
        }
    }
    // No closing fence: it was not front matter.
    (None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(n: &NotesFile) -> Vec<(BlockKind, &str, String)> {
        n.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.source.to_string()))
            .collect()
    }

    #[test]
    fn reads_structure_with_lines() {
        let n = read(
            "s.md",
            "---\ntitle: \"Opening plenary\"\n---\n# Heading\n\nA paragraph\nthat wraps.\n\n- one\n- **two**\n  - nested\n",
        );
        assert_eq!(n.title.as_deref(), Some("Opening plenary"));
        assert_eq!(
            kinds(&n),
            [
                (BlockKind::Heading { level: 1 }, "Heading", "s.md:4".into()),
                (
                    BlockKind::Paragraph,
                    "A paragraph that wraps.",
                    "s.md:6".into()
                ),
                (BlockKind::ListItem { depth: 0 }, "one", "s.md:9".into()),
                (BlockKind::ListItem { depth: 0 }, "two", "s.md:10".into()),
                (BlockKind::ListItem { depth: 1 }, "nested", "s.md:11".into()),
            ]
        );
    }

    #[test]
    fn an_item_of_several_paragraphs_is_one_block() {
        let n = read(
            "s.md",
            "- First part of it.\n\n  Second part of it.\n- Next item.\n",
        );
        assert_eq!(
            kinds(&n),
            [
                (
                    BlockKind::ListItem { depth: 0 },
                    "First part of it. Second part of it.",
                    "s.md:1".into()
                ),
                (
                    BlockKind::ListItem { depth: 0 },
                    "Next item.",
                    "s.md:4".into()
                ),
            ]
        );
    }

    #[test]
    fn private_lines_never_enter_and_lines_stay_right() {
        let n = read("s.md", "Public.\n// Dr X was rude\n\nAfter.\n");
        assert_eq!(
            kinds(&n),
            [
                (BlockKind::Paragraph, "Public.", "s.md:1".into()),
                (BlockKind::Paragraph, "After.", "s.md:4".into()),
            ]
        );
    }

    #[test]
    fn rules_around_text_are_not_front_matter() {
        let n = read(
            "s.md",
            "---\ntitle: Plenary\n---\nOpening words.\n\n---\ntitle: not metadata\nA point made here.\n---\n\nLast words.\n",
        );
        assert_eq!(n.title.as_deref(), Some("Plenary"));
        let text: Vec<&str> = n.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            text.iter().any(|t| t.contains("A point made here.")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.contains("Last words.")), "{text:?}");
    }

    #[test]
    fn html_comments_are_not_text() {
        let n = read("s.md", "<!-- private -->\n\nText.\n");
        assert_eq!(n.blocks.len(), 1);
        assert_eq!(n.blocks[0].text, "Text.");
    }
}
