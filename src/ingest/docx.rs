//! Reading Word session notes with docx-rs: headings by style name or outline level, list paragraphs, tables; comments, tracked deletions, moved-away text and hidden text never enter the model, tracked insertions do.

use super::NotesFile;
use crate::model::{Block, BlockKind, Source};
use crate::text::collapse;
use docx_rs::{
    DocumentChild, Docx, InsertChild, MoveToChild, Paragraph, ParagraphChild, Run, RunChild,
    StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
};
use std::collections::HashMap;

/// Read a `.docx` file. The error says why Word's file could not be read.
pub fn read(file: &str, bytes: &[u8]) -> Result<NotesFile, String> {
    // docx-rs may panic on malformed XML; a bad file must not take the run down with it.
    let parsed = crate::quietly(|| docx_rs::read_docx(bytes));
    let docx = match parsed {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => return Err("the Word reader could not make sense of its XML".to_string()),
    };
    let styles = StyleMap::new(&docx);
    let mut reader = Reader {
        file,
        styles,
        blocks: Vec::new(),
        paragraph: 0,
    };
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => reader.paragraph(p),
            DocumentChild::Table(t) => reader.table(t),
            DocumentChild::StructuredDataTag(sdt) => reader.sdt(&sdt.children),
            _ => {}
        }
    }
    Ok(NotesFile {
        title: None,
        blocks: reader.blocks,
        skipped: notes_not_read(bytes),
    })
}

/// Footnotes and endnotes, which the Word reader does not take in: say how many there are.
fn notes_not_read(bytes: &[u8]) -> Vec<String> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (part, element, what) in [
        ("word/footnotes.xml", "w:footnote", "footnote"),
        ("word/endnotes.xml", "w:endnote", "endnote"),
    ] {
        let mut xml = String::new();
        if zip
            .by_name(part)
            .is_ok_and(|mut f| f.read_to_string(&mut xml).is_ok())
        {
            let n = writers_notes(&xml, element.as_bytes());
            if n > 0 {
                let (verb, its) = if n == 1 {
                    (" is", "its")
                } else {
                    ("s are", "their")
                };
                out.push(format!(
                    "{n} {what}{verb} not read, so {its} text is not in the note"
                ));
            }
        }
    }
    out
}

/// How many `element`s (`w:footnote`, `w:endnote`) of a notes part the writer wrote: Word's
/// own separator notes, marked by their `w:type`, are not counted. A part too broken to read
/// counts what was read before the break.
fn writers_notes(xml: &str, element: &[u8]) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == element => {
                let kind = e.try_get_attribute("w:type").ok().flatten();
                let separator = kind.is_some_and(|k| {
                    matches!(
                        k.value.as_ref(),
                        b"separator" | b"continuationSeparator" | b"continuationNotice"
                    )
                });
                n += usize::from(!separator);
            }
            Ok(Event::Eof) | Err(_) => return n,
            Ok(_) => {}
        }
    }
}

/// What a paragraph style means for us, found by name so that localised Word files
/// (whose style ids are opaque: "1", "a4") read as well as English ones.
#[derive(Default, Clone, Copy)]
struct StyleInfo {
    heading: Option<u8>,
    list: bool,
}

struct StyleMap(HashMap<String, StyleInfo>);

impl StyleMap {
    fn new(docx: &Docx) -> Self {
        let mut map = HashMap::new();
        let mut based_on = HashMap::new();
        for style in &docx.styles.styles {
            let name = serde_json::to_value(&style.name)
                .ok()
                .and_then(|v| v.as_str().map(str::to_lowercase))
                .unwrap_or_default();
            let heading = heading_from_name(&name).or_else(|| {
                style
                    .paragraph_property
                    .outline_lvl
                    .as_ref()
                    .and_then(|o| outline_to_level(o.v))
            });
            let list = style
                .paragraph_property
                .numbering_property
                .as_ref()
                .is_some_and(|n| n.id.as_ref().is_some_and(|id| id.id != 0))
                || name.contains("list");
            map.insert(style.style_id.clone(), StyleInfo { heading, list });
            if let Some(b) = &style.based_on
                && let Ok(v) = serde_json::to_value(b)
                && let Some(s) = v.as_str()
            {
                based_on.insert(style.style_id.clone(), s.to_string());
            }
        }
        // A custom heading style based on "Heading 2" is a heading too.
        let resolved: HashMap<String, StyleInfo> = map
            .keys()
            .map(|id| {
                let mut info = map[id];
                let mut at = id.clone();
                for _ in 0..8 {
                    let Some(parent) = based_on.get(&at) else {
                        break;
                    };
                    let Some(p) = map.get(parent) else { break };
                    info.heading = info.heading.or(p.heading);
                    info.list |= p.list;
                    at = parent.clone();
                }
                (id.clone(), info)
            })
            .collect();
        StyleMap(resolved)
    }

    fn get(&self, id: &str) -> StyleInfo {
        self.0.get(id).copied().unwrap_or_default()
    }
}

fn heading_from_name(name: &str) -> Option<u8> {
    if name == "title" {
        return Some(1);
    }
    let n: u8 = name.strip_prefix("heading ")?.trim().parse().ok()?;
    (1..=6).contains(&n).then_some(n)
}

fn outline_to_level(v: usize) -> Option<u8> {
    (v < 6).then_some(v as u8 + 1)
}

struct Reader<'a> {
    file: &'a str,
    styles: StyleMap,
    blocks: Vec<Block>,
    paragraph: u32,
}

impl Reader<'_> {
    fn paragraph(&mut self, p: &Paragraph) {
        self.paragraph += 1;
        let mut text = String::new();
        for child in &p.children {
            paragraph_child(child, &mut text);
        }
        let text = collapse(&text);
        if text.is_empty() {
            return;
        }
        let prop = &p.property;
        let style = prop
            .style
            .as_ref()
            .map(|s| self.styles.get(&s.val))
            .unwrap_or_default();
        let heading = prop
            .outline_lvl
            .as_ref()
            .and_then(|o| outline_to_level(o.v))
            .or(style.heading);
        let numbered = prop
            .numbering_property
            .as_ref()
            .and_then(|n| n.id.as_ref().map(|id| id.id));
        let depth = prop
            .numbering_property
            .as_ref()
            .and_then(|n| n.level.as_ref().map(|l| l.val))
            .unwrap_or(0);
        let kind = if let Some(level) = heading {
            BlockKind::Heading { level }
        } else if numbered.map_or(style.list, |id| id != 0) {
            BlockKind::ListItem {
                depth: depth.min(8) as u8,
            }
        } else {
            BlockKind::Paragraph
        };
        self.blocks.push(Block {
            kind,
            text,
            source: Source::paragraph(self.file, self.paragraph),
        });
    }

    fn table(&mut self, t: &Table) {
        for TableChild::TableRow(row) in &t.rows {
            for TableRowChild::TableCell(cell) in &row.cells {
                for content in &cell.children {
                    match content {
                        TableCellContent::Paragraph(p) => self.paragraph(p),
                        TableCellContent::Table(t) => self.table(t),
                        TableCellContent::StructuredDataTag(sdt) => self.sdt(&sdt.children),
                        TableCellContent::TableOfContents(_) => {}
                    }
                }
            }
        }
    }

    fn sdt(&mut self, children: &[StructuredDataTagChild]) {
        for child in children {
            match child {
                StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                StructuredDataTagChild::Table(t) => self.table(t),
                StructuredDataTagChild::StructuredDataTag(s) => self.sdt(&s.children),
                _ => {}
            }
        }
    }
}

fn paragraph_child(child: &ParagraphChild, out: &mut String) {
    match child {
        ParagraphChild::Run(r) => run(r, out),
        ParagraphChild::Insert(ins) => {
            for c in &ins.children {
                if let InsertChild::Run(r) = c {
                    run(r, out);
                }
            }
        }
        ParagraphChild::MoveTo(m) => {
            for c in &m.children {
                if let MoveToChild::Run(r) = c {
                    run(r, out);
                }
            }
        }
        ParagraphChild::Hyperlink(h) => {
            for c in &h.children {
                paragraph_child(c, out);
            }
        }
        ParagraphChild::StructuredDataTag(sdt) => {
            for c in &sdt.children {
                if let StructuredDataTagChild::Run(r) = c {
                    run(r, out);
                }
            }
        }
        // Deleted and moved-away text, comment anchors, bookmarks and fields are not text.
        _ => {}
    }
}

fn run(r: &Run, out: &mut String) {
    if r.run_property.vanish.is_some() || r.run_property.spec_vanish.is_some() {
        return;
    }
    for c in &r.children {
        match c {
            RunChild::Text(t) => {
                // Symbol-font text is stored in the private-use range F020–F0FF.
                for c in t.text.chars() {
                    match u32::from(c) {
                        n @ 0xF020..=0xF0FF => out.push(symbol_char("Symbol", &format!("{n:X}"))),
                        _ => out.push(c),
                    }
                }
            }
            RunChild::Sym(s) => out.push(symbol_char(&s.font, &s.char)),
            RunChild::Tab(_)
            | RunChild::PTab(_)
            | RunChild::Break(_)
            | RunChild::CarriageReturn(_) => out.push(' '),
            _ => {}
        }
    }
}

/// A `w:sym` character: Symbol-font codes (F0xx or xx) mapped to Unicode; others as given.
fn symbol_char(font: &str, code: &str) -> char {
    let Ok(n) = u32::from_str_radix(code, 16) else {
        return '\u{FFFD}';
    };
    let low = if (0xF000..=0xF0FF).contains(&n) {
        n - 0xF000
    } else {
        n
    };
    if font.eq_ignore_ascii_case("symbol") {
        let mapped = match low {
            0xDA => '∨',
            0xD9 => '∧',
            0xB7 => '•',
            0xAE => '→',
            0xAC => '←',
            0xB3 => '≥',
            0xA3 => '≤',
            0xB9 => '≠',
            0xB4 => '×',
            0xB8 => '÷',
            0xB1 => '±',
            0xA5 => '∞',
            0xD6 => '√',
            0xE5 => '∑',
            0xB0 => '°',
            0x61..=0x7A => {
                const GREEK: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
                GREEK
                    .chars()
                    .nth((low - 0x61) as usize)
                    .unwrap_or('\u{FFFD}')
            }
            _ => char::from_u32(low).unwrap_or('\u{FFFD}'),
        };
        return mapped;
    }
    char::from_u32(if (0xF000..=0xF0FF).contains(&n) {
        low
    } else {
        n
    })
    .unwrap_or('\u{FFFD}')
}
