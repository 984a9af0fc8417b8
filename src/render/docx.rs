//! The DOCX renderer: the view as a Word document with real heading styles (Word's navigation pane sees them), the same numbered paragraphs, and title, author and language in its properties.

use super::view::{View, ViewBlock};
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, Paragraph, Pic, Run, RunFonts, SpecialIndentType, Start,
    Style, StyleType, Table, TableCell, TableRow,
};
use quick_xml::escape::escape;

const BODY_FONT: &str = "Arial";
const GREY: &str = "505A5F";
/// Numbering ids of our own: docx-rs already defines abstract numbering and numbering 1 (a
/// decimal list), and Word and LibreOffice take the first of two with one id.
const BULLETS: usize = 10;
/// The numbering of the note's numbered paragraphs.
const PARAGRAPHS: usize = 11;
/// Twips of the hanging indent that holds a paragraph number.
const NUMBER_INDENT: i32 = 640;

/// Render the note as DOCX bytes.
pub fn render(view: &View) -> Result<Vec<u8>, String> {
    let fonts = RunFonts::new()
        .ascii(BODY_FONT)
        .hi_ansi(BODY_FONT)
        .cs(BODY_FONT)
        .east_asia(BODY_FONT);
    let accent = view.accent.trim_start_matches('#').to_uppercase();
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color(&accent)
            .outline_lvl(level)
    };
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(24)
        // The rule said: without it LibreOffice took 276 for an exact height and drew every
        // chart one line high.
        .default_line_spacing(
            LineSpacing::new()
                .after(160)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        )
        // The title is Heading 1, so that the outline starts at level 1 and never skips one.
        .add_style(heading("Heading1", "heading 1", 40, 0))
        .add_style(heading("Heading2", "heading 2", 30, 1))
        .add_style(heading("Heading3", "heading 3", 26, 2))
        .add_abstract_numbering(list(BULLETS, "bullet", "•", (720, 360), None))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        // Paragraph numbers as Word numbering, so that they survive editing: "1", "2", ...
        // in the hanging indent, in grey.
        .add_abstract_numbering(list(
            PARAGRAPHS,
            "decimal",
            "%1",
            (NUMBER_INDENT, NUMBER_INDENT),
            Some(GREY),
        ))
        .add_numbering(Numbering::new(PARAGRAPHS, PARAGRAPHS));
    // Word counts the numbered paragraphs itself: that gives the view's numbers only if they
    // run 1, 2, 3 ... in the order of the note. Otherwise the numbers are typed.
    let numbers: Vec<u32> = view
        .blocks
        .iter()
        .filter_map(|b| match b {
            ViewBlock::Para { number, .. } => *number,
            _ => None,
        })
        .collect();
    let word_numbering = numbers.iter().zip(1..).all(|(&n, i)| n == i);

    if let Some(draft) = &view.draft {
        docx = docx.header(docx_rs::Header::new().add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(draft).bold().color("D4351C")),
        ));
    }
    let mut alts: Vec<String> = Vec::new();
    // A logo is a picture like a chart: its own id, its text alternative, its height in EMU.
    let mut logo = |l: &super::view::ViewLogo, height: u32| -> Result<Paragraph, String> {
        let png = match &l.image {
            crate::model::LogoImage::Png(b) => b.clone(),
            crate::model::LogoImage::Svg(s) => super::charts::png(s)?,
        };
        let (w, h) = png_size(&png).unwrap_or((400, 100));
        let pic = Pic::new_with_dimensions(png, w, h)
            .size(height * w / h.max(1), height)
            .id(format!("rIdImage{}", alts.len() + 1));
        alts.push(l.alt.clone());
        Ok(Paragraph::new().add_run(Run::new().add_image(pic)))
    };
    for l in view.logos.iter().filter(|l| !l.partner) {
        docx = docx.add_paragraph(logo(l, 540_000)?);
    }
    let h = &view.header;
    docx = docx
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&h.code).color(GREY)))
        .add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text(&h.title)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&h.subtitle).size(26)));
    for line in [Some(&h.dates), h.venue.as_ref(), h.partners.as_ref()]
        .into_iter()
        .flatten()
    {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    for l in view.logos.iter().filter(|l| l.partner) {
        docx = docx.add_paragraph(logo(l, 400_000)?);
    }

    for block in &view.blocks {
        docx = match block {
            ViewBlock::Heading { level, text, .. } => {
                let style = if *level <= 2 { "Heading2" } else { "Heading3" };
                docx.add_paragraph(
                    Paragraph::new()
                        .style(style)
                        .keep_next(true)
                        .add_run(Run::new().add_text(text)),
                )
            }
            ViewBlock::Para { number, text, note } => {
                let mut p = Paragraph::new();
                match number {
                    Some(_) if word_numbering => {
                        p = p.numbering(NumberingId::new(PARAGRAPHS), IndentLevel::new(0));
                    }
                    Some(n) => {
                        p = p
                            .indent(
                                Some(NUMBER_INDENT),
                                Some(SpecialIndentType::Hanging(NUMBER_INDENT)),
                                None,
                                None,
                            )
                            .add_run(Run::new().add_text(n.to_string()).color(GREY).add_tab());
                    }
                    None => {}
                }
                p = p.add_run(Run::new().add_text(text));
                if let Some(note) = note {
                    p = p.add_run(Run::new().add_text(format!(" {note}")).italic());
                }
                docx.add_paragraph(p)
            }
            ViewBlock::Table {
                caption,
                header,
                rows,
            } => {
                let cell = |text: &str, bold: bool| {
                    let run = Run::new().add_text(text);
                    TableCell::new().add_paragraph(Paragraph::new().add_run(if bold {
                        run.bold()
                    } else {
                        run
                    }))
                };
                let mut table_rows = vec![TableRow::new(
                    header.iter().map(|h| cell(h, true)).collect(),
                )];
                for r in rows {
                    table_rows.push(TableRow::new(
                        r.iter().enumerate().map(|(i, c)| cell(c, i == 0)).collect(),
                    ));
                }
                docx.add_paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(Run::new().add_text(caption).bold()),
                )
                .add_table(Table::new(table_rows))
            }
            ViewBlock::Chart { svg, alt } => {
                let png = super::charts::png(svg)?;
                // Half the rasterised size, in EMU (9525 per pixel), so the chart prints sharp.
                let (w, h) = png_size(&png).unwrap_or((1200, 400));
                // docx-rs names images from a counter of the whole process: name them by their
                // place in this document instead.
                let pic = Pic::new_with_dimensions(png, w, h)
                    .size(w * 9525 / 2, h * 9525 / 2)
                    .id(format!("rIdImage{}", alts.len() + 1));
                alts.push(alt.clone());
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)))
            }
            ViewBlock::Bullets { items } => {
                for item in items {
                    let mut p = Paragraph::new()
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                        .add_run(Run::new().add_text(&item.text));
                    if let Some(note) = &item.note {
                        p = p.add_run(Run::new().add_text(format!(" ({note})")));
                    }
                    docx = docx.add_paragraph(p);
                }
                docx
            }
        };
    }

    let mut xml = docx.build();
    xml.doc_props.core = core_properties(view).into_bytes();
    xml.styles = with_language(&xml.styles, &view.language);
    xml.document = with_header_rows(&with_alt_texts(&xml.document, &alts));
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| format!("cannot pack the DOCX: {e}"))?;
    Ok(out.into_inner())
}

/// docx-rs writes every picture as `docPr id="1" name="Figure"` with no description: give each
/// its own id and the chart's text alternative, which Word reads out as alt text.
fn with_alt_texts(document: &[u8], alts: &[String]) -> Vec<u8> {
    const PLAIN: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let s = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    for (i, alt) in alts.iter().enumerate() {
        let Some(at) = rest.find(PLAIN) else { break };
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            r#"<wp:docPr id="{}" name="Chart {}" descr="{}" />"#,
            i + 1,
            i + 1,
            escape(alt)
        ));
        rest = &rest[at + PLAIN.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// A one-level Word list: its format ("bullet", "decimal"), the text of its marker ("•",
/// "%1"), its indents in twips, and the colour of its markers if not the text's.
fn list(
    id: usize,
    format: &str,
    marker: &str,
    indent: (i32, i32),
    colour: Option<&str>,
) -> AbstractNumbering {
    let mut level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(marker),
        LevelJc::new("left"),
    )
    .indent(
        Some(indent.0),
        Some(SpecialIndentType::Hanging(indent.1)),
        None,
        None,
    );
    if let Some(c) = colour {
        level = level.color(c);
    }
    AbstractNumbering::new(id).add_level(level)
}

/// docx-rs has no setter for a table's header row: mark the first row of every table
/// (`w:tblHeader`), so that Word repeats it on each page and screen readers announce it.
fn with_header_rows(document: &[u8]) -> Vec<u8> {
    const PLAIN: &str = "<w:trPr />";
    const HEADER: &str = "<w:trPr><w:tblHeader /></w:trPr>";
    let s = String::from_utf8_lossy(document);
    let mut tables = s.split("<w:tbl>");
    let mut out = tables.next().unwrap_or_default().to_string();
    for table in tables {
        out.push_str("<w:tbl>");
        out.push_str(&table.replacen(PLAIN, HEADER, 1));
    }
    out.into_bytes()
}

/// Width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// `docProps/core.xml` with the title, author and language Word shows; dated by the event, so
/// the same inputs give the same bytes.
fn core_properties(view: &View) -> String {
    let date = format!("{}T00:00:00Z", view.date.iso);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"#,
            r#"<dc:language>{lang}</dc:language><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = escape(&view.document_title),
        subject = escape(&view.header.subtitle),
        author = escape(&view.author),
        lang = escape(&view.language),
        date = date,
    )
}

/// docx-rs has no setter for the proofing language: add `w:lang` to the default run properties.
fn with_language(styles: &[u8], language: &str) -> Vec<u8> {
    let s = String::from_utf8_lossy(styles);
    let lang = format!(
        r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="{0}" />"#,
        escape(language)
    );
    // `w:lang` comes late in the schema's sequence for run properties: put it last.
    match s.find("</w:rPr></w:rPrDefault>") {
        Some(at) => format!("{}{}{}", &s[..at], lang, &s[at..]).into_bytes(),
        None => styles.to_vec(),
    }
}
