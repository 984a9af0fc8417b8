//! The leak check: every part of every rendered output a reader can read — visible text, markup, attributes and comments, every XML part of the DOCX with its attribute values, the PDF's laid-out text, metadata, bookmarks and alternative texts — searched with the anonymiser's own judgement before anything reaches `public/`. Only what the anonymiser would be certain of blocks; what it would keep as unsure never does.

use crate::anonymise::{Anonymiser, Kind, Who};
use crate::render::{Format, Rendered};
use rayon::prelude::*;
use std::io::Read;

/// Something identifying found in an output that was about to be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub format: Format,
    /// Which part of the file: the visible text, an XML part, the PDF's bytes.
    pub part: String,
    pub matched: String,
    /// What it is: the participant's row in participants.csv, or the kind of detail.
    pub what: String,
    pub context: String,
}

impl std::fmt::Display for Leak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} output ({}) contains {:?}, which matches {}: \"…{}…\"",
            self.format.extension().to_uppercase(),
            self.part,
            self.matched,
            self.what,
            self.context
        )
    }
}

/// Every leak in the outputs; empty means they may be published. `anonymiser` is the one
/// the event's notes went through: the check judges with the same roster, cues and `keep`.
pub fn check(anonymiser: &Anonymiser, outputs: &[Rendered]) -> Vec<Leak> {
    // Each format is searched on a core of its own; the leaks come back in format order.
    outputs
        .par_iter()
        .flat_map_iter(|output| leaks_in(anonymiser, output))
        .collect()
}

/// What [`check`] finds in one rendered file.
fn leaks_in(anonymiser: &Anonymiser, output: &Rendered) -> Vec<Leak> {
    let mut leaks = Vec::new();
    for (part, text, names_only) in haystacks(output) {
        // Unsure spans ("Strong institutions") are the programme team's to decide, in
        // review.csv: the check blocks only what the anonymiser would be certain of.
        for span in anonymiser.find(&text).into_iter().filter(|s| s.certain) {
            let what = match &span.kind {
                Kind::Person(Who::Participant(i)) => match anonymiser.source_of(*i) {
                    Some(source) => format!("the participant on {source}"),
                    None => "a participant".to_string(),
                },
                Kind::Contact if span.rule == "email" => "an email address".to_string(),
                _ if names_only => continue,
                Kind::Person(Who::Unknown(_)) => {
                    "a speaker missing from participants.csv".to_string()
                }
                Kind::Person(_) | Kind::Remove | Kind::Replace(_) | Kind::Unsure => {
                    format!("an attribution ({})", span.rule)
                }
                Kind::Contact => format!("contact details ({})", span.rule),
            };
            leaks.push(Leak {
                format: output.format,
                part: part.clone(),
                matched: text[span.start..span.end].to_string(),
                what,
                context: context(&text, span.start, span.end),
            });
        }
    }
    leaks
}

/// The texts of an output a reader could see or extract, each named by where it is, and
/// whether only names and emails are looked for there (text joined across markup can put
/// words side by side that no reader sees together). Never compressed or binary bytes.
fn haystacks(output: &Rendered) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    if let Some(text) = &output.text {
        out.push((
            "laid-out text and metadata".to_string(),
            text.clone(),
            false,
        ));
    }
    match output.format {
        Format::Html => {
            let raw = String::from_utf8_lossy(&output.bytes);
            out.push((
                "markup, attributes and comments".into(),
                decode_entities(&raw),
                true,
            ));
            // Style sheets are markup, not text: "@media" is no handle.
            let visible = strip_tags(&without_element(&raw, "style"), " ");
            out.push(("visible text".into(), decode_entities(&visible), false));
            out.push((
                "text split by markup".into(),
                decode_entities(&strip_inline_tags(&raw)),
                true,
            ));
            out.push((
                "comments and attribute values".into(),
                decode_entities(&hidden_html_text(&raw)),
                false,
            ));
        }
        Format::Docx => {
            let parts = match zip_parts(&output.bytes) {
                Ok(p) => p,
                Err(e) => return vec![("package".into(), format!("unreadable DOCX: {e}"), true)],
            };
            for (name, xml) in parts {
                // Runs split words, and paragraphs separate them: read both ways.
                out.push((
                    name.clone(),
                    decode_entities(&strip_inline_tags(&xml)),
                    true,
                ));
                // Attribute values hold ids and sizes, which read as phone numbers: names
                // and emails only (an alt text is `descr`).
                out.push((
                    format!("{name} attribute values"),
                    decode_entities(&attribute_values(&xml)),
                    true,
                ));
                out.push((name, decode_entities(&strip_tags(&xml, " ")), false));
            }
        }
        Format::Pdf => match pdf_strings(&output.bytes) {
            Ok(text) => out.push((
                "metadata, bookmarks and alternative texts".into(),
                text,
                false,
            )),
            Err(e) => {
                out.push(("file".into(), format!("unreadable PDF: {e}"), true));
            }
        },
    }
    out
}

/// Every text string of a PDF that a reader can see without the page: the document
/// information, the XMP metadata (decompressed), bookmark titles, alternative and actual
/// texts, link targets; one a line. The page text itself is what typst laid out.
fn pdf_strings(bytes: &[u8]) -> Result<String, String> {
    use lopdf::Object;
    fn walk(o: &Object, out: &mut String) {
        match o {
            Object::String(b, _) => {
                out.push_str(&pdf_text_string(b));
                out.push('\n');
            }
            Object::Array(a) => a.iter().for_each(|o| walk(o, out)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| walk(o, out)),
            Object::Stream(s) => {
                s.dict.iter().for_each(|(_, o)| walk(o, out));
                // XMP metadata is XML a reader's "document properties" shows.
                let metadata = s
                    .dict
                    .get(b"Type")
                    .ok()
                    .and_then(|t| t.as_name().ok())
                    .is_some_and(|n| n == b"Metadata");
                if metadata {
                    let xml = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    let xml = without_identifiers(&String::from_utf8_lossy(&xml));
                    out.push_str(&decode_entities(&strip_tags(&xml, "\n")));
                    out.push('\n');
                    out.push_str(&decode_entities(&attribute_values(&xml)));
                }
            }
            _ => {}
        }
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for object in doc.objects.values() {
        walk(object, &mut out);
    }
    Ok(out)
}

/// XMP metadata without its document and instance identifiers: random base64 that no
/// reader reads, in which two letters of a short name turn up by chance ("…CWO+MA==").
fn without_identifiers(xmp: &str) -> String {
    static ID: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"(?s)<(xmpMM:(?:Original)?(?:Document|Instance|Version)ID)\b[^>]*>.*?</xmpMM:(?:Original)?(?:Document|Instance|Version)ID>|xmpMM:(?:Original)?(?:Document|Instance|Version)ID="[^"]*""#,
        )
        .expect("valid")
    });
    ID.replace_all(xmp, "").into_owned()
}

/// A PDF text string: UTF-16BE after its byte-order mark, UTF-8 after its own, otherwise
/// PDFDocEncoding (Latin-1 for the letters names use).
fn pdf_text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        b.iter().map(|&c| char::from(c)).collect()
    }
}

/// The XML parts of a DOCX package.
fn zip_parts(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            file.read_to_string(&mut text)
                .map_err(|e| format!("{name}: {e}"))?;
            parts.push((name, text));
        }
    }
    Ok(parts)
}

/// What a reader does not see but a copy carries: comments and attribute values
/// (alt texts, titles, metadata, links), one a line.
fn hidden_html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        let end = rest[at..].find("-->").map_or(rest.len(), |e| at + e + 3);
        out.push_str(&rest[at + 4..end.saturating_sub(3).max(at + 4)]);
        out.push('\n');
        rest = &rest[end..];
    }
    out.push_str(&attribute_values(&without_element(html, "style")));
    out
}

/// Every double-quoted attribute value of a piece of markup, one a line: alt texts
/// (`descr` in a DOCX), titles, links.
fn attribute_values(markup: &str) -> String {
    let mut out = String::new();
    let mut rest = markup;
    while let Some(at) = rest.find("=\"") {
        let value = &rest[at + 2..];
        let end = value.find('"').unwrap_or(value.len());
        out.push_str(&value[..end]);
        out.push('\n');
        rest = &value[end..];
    }
    out
}

/// The document without the contents of every `<name>…</name>` element.
fn without_element(html: &str, name: &str) -> String {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        match rest[at..].find(&close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Remove markup, joining the pieces of a paragraph (so "Lind<b>qvist</b>" reads as one word)
/// and keeping paragraphs, cells and line breaks apart (so a heading does not run into the
/// paragraph before it and make a word that was never written).
pub fn strip_inline_tags(s: &str) -> String {
    const BREAKS: &[&str] = &[
        "w:p",
        "w:br",
        "w:cr",
        "w:tab",
        "w:tc",
        "w:tr",
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "td",
        "th",
        "tr",
        "table",
        "caption",
        "br",
        "hr",
        "section",
        "header",
        "footer",
        "main",
        "article",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "blockquote",
        "title",
        "head",
        "body",
        "html",
        "svg",
        "text",
    ];
    replace_tags(s, |name| if BREAKS.contains(&name) { " " } else { "" })
}

/// Remove markup, putting `with` where each tag was.
pub fn strip_tags(s: &str, with: &str) -> String {
    replace_tags(s, |_| with)
}

// Why this module scans markup by hand instead of with quick-xml (which the DOCX writer and
// the Word reader use): the leak check must see every character of whatever it is given, and
// it is given HTML5 as well as XML. On HTML5 quick-xml stops with an error at the first void
// element or bare `&` (`<br>`, `<meta charset=utf-8>`, "R&D" are all valid HTML); since 0.38 it
// hands `&amp;` and `&#233;` as separate events, so a text loop that misses one drops text
// unseen. A checker that can stop early or drop text fails open, the one way it must not fail.
// The scanner here cannot fail: a `<` with no `>` is text, an entity it does not know stays
// as written (tests: `entities_decode`, `html_that_is_not_xml_is_read_to_the_end`).

/// Replace each tag with what `with` gives for its name; a `<` that no `>` closes is text,
/// so nothing after a stray one escapes the leak check.
fn replace_tags<'a>(s: &str, with: impl Fn(&str) -> &'a str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open + 1..];
        let Some(close) = tag.find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = tag[..close]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        out.push_str(with(name));
        rest = &tag[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Decode the XML/HTML character references that a writer may have used.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let n = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"));
                    match n {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    }
                    .and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut s = start.saturating_sub(40);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (end + 40).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text[s..e].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Participant;

    fn check(participants: &[Participant], protected: &[String], out: &[Rendered]) -> Vec<Leak> {
        super::check(&Anonymiser::new(participants, protected), out)
    }

    fn maria() -> Vec<Participant> {
        vec![Participant {
            name: "Maria Lindqvist".into(),
            given: Some("Maria".into()),
            family: Some("Lindqvist".into()),
            email: Some("ml@example.org".into()),
            source: crate::model::Source::line("participants.csv", 2),
            ..Default::default()
        }]
    }

    fn html(s: &str) -> Rendered {
        Rendered {
            format: Format::Html,
            bytes: s.as_bytes().to_vec(),
            text: None,
            pages: None,
        }
    }

    #[test]
    fn finds_a_name_split_by_markup_or_hidden_in_an_attribute() {
        assert!(!check(&maria(), &[], &[html("<p>Maria <b>Lindqvist</b></p>")]).is_empty());
        assert!(!check(&maria(), &[], &[html("<img alt=\"Lindqvist\">")]).is_empty());
        assert!(!check(&maria(), &[], &[html("<!-- ml&#64;example.org -->")]).is_empty());
        assert!(check(&maria(), &[], &[html("<p>One participant said</p>")]).is_empty());
    }

    #[test]
    fn the_message_names_format_and_context() {
        let leaks = check(&maria(), &[], &[html("<p>As Lindqvist said</p>")]);
        let msg = leaks[0].to_string();
        assert!(msg.contains("the HTML output"), "{msg}");
        assert!(
            msg.contains("the participant on participants.csv:2"),
            "{msg}"
        );
        assert!(msg.contains("As Lindqvist said"), "{msg}");
    }

    #[test]
    fn contact_details_in_comments_and_attributes_are_found() {
        assert!(!check(&maria(), &[], &[html("<!-- call +44 20 7946 0958 -->")]).is_empty());
        assert!(
            !check(
                &maria(),
                &[],
                &[html(
                    "<a href=\"https://www.linkedin.com/in/someone\">profile</a>"
                )]
            )
            .is_empty()
        );
        assert!(
            check(
                &maria(),
                &[],
                &[html("<style>@media print { }</style><p>Fine.</p>")]
            )
            .is_empty()
        );
    }

    #[test]
    fn docx_properties_are_checked() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(b"<w:document><w:t>Fine.</w:t></w:document>")
            .unwrap();
        zip.start_file("docProps/core.xml", options).unwrap();
        zip.write_all(
            b"<cp:coreProperties><dc:creator>Maria Lindqvist</dc:creator></cp:coreProperties>",
        )
        .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let leaks = check(
            &maria(),
            &[],
            &[Rendered {
                format: Format::Docx,
                bytes,
                text: None,
                pages: None,
            }],
        );
        assert_eq!(leaks[0].part, "docProps/core.xml");
    }

    #[test]
    fn runs_join_and_paragraphs_stay_apart() {
        assert_eq!(
            strip_inline_tags(
                "<w:p><w:r><w:t>Lind</w:t></w:r><w:r><w:t>qvist</w:t></w:r></w:p><w:p><w:r><w:t>Key</w:t></w:r></w:p>"
            ),
            " Lindqvist  Key "
        );
        assert_eq!(
            strip_inline_tags("<p>The Foundation</p><h2>Key <b>Lind</b>qvist<br/>x</h2>"),
            " The Foundation  Key Lindqvist x "
        );
        // A stray "<" keeps what follows it in view.
        assert_eq!(strip_tags("a <b>x</b> < Lindqvist", ""), "a x < Lindqvist");
    }

    #[test]
    fn xmp_identifiers_are_not_text() {
        let xmp = r#"<x><xmpMM:DocumentID>fGT4abanETodbma5CWO+MA==</xmpMM:DocumentID><rdf:li xmpMM:InstanceID="UH6Z+MA=="/><dc:title>Ma Lin</dc:title></x>"#;
        let kept = without_identifiers(xmp);
        assert!(!kept.contains("CWO+MA") && !kept.contains("UH6Z"), "{kept}");
        assert!(kept.contains("Ma Lin"));
    }

    #[test]
    fn html_that_is_not_xml_is_read_to_the_end() {
        let page =
            "<meta charset=utf-8><p>R&D &unknown; <br>x < y</p><p>As Lind<i>qvist</i> said</p>";
        assert!(!check(&maria(), &[], &[html(page)]).is_empty());
        let page = "<img alt=R&D><p>One participant &amp; Lindqvist</p>";
        assert!(!check(&maria(), &[], &[html(page)]).is_empty());
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("a&amp;b&#233;&#x41;&bogus"), "a&béA&bogus");
    }
}
