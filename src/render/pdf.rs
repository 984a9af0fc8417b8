//! The PDF renderer: typst embedded as a library, with its own `World` that serves only the template, the view as JSON and the bundled fonts.

use super::view::View;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The default template; a `summary.typ` in a templates folder overrides it.
pub const TEMPLATE: &str = include_str!("../../templates/summary.typ");

/// The one path the template may read its data from.
const DATA_PATH: &str = "/view.json";

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = super::FONT_FILES
        .iter()
        .map(|b| Bytes::new(*b))
        .chain(typst_assets::fonts().map(Bytes::new))
        .flat_map(Font::iter)
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// A world with two files: the template and the view. No file system, no clock, no network.
struct NoteWorld {
    /// The event's code, the PDF's identifier.
    code: String,
    main: Source,
    data_id: FileId,
    data: Bytes,
    /// The logos, at the paths the view names.
    logos: Vec<(FileId, Bytes)>,
}

/// The id of a file of the note's world, at `path` from its root.
fn id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid path"),
    )
    .intern()
}

impl NoteWorld {
    fn new(template: &str, view: &View) -> Self {
        let json = serde_json::to_string(view).expect("the view serialises");
        // A character no bundled font has is drawn as UNSHOWN: PDF/UA-1 refuses a blank box.
        let missing = unshowable_in(&json);
        let json = if missing.is_empty() {
            json
        } else {
            json.chars()
                .map(|c| if missing.contains(&c) { UNSHOWN } else { c })
                .collect()
        };
        NoteWorld {
            code: view.header.code.clone(),
            main: Source::new(id("/summary.typ"), template.to_string()),
            data_id: id(DATA_PATH),
            data: Bytes::new(json.into_bytes()),
            logos: view
                .logos
                .iter()
                .map(|l| {
                    let bytes = match &l.image {
                        crate::model::LogoImage::Png(b) => b.clone(),
                        crate::model::LogoImage::Svg(s) => s.as_bytes().to_vec(),
                    };
                    (id(&l.path), Bytes::new(bytes))
                })
                .collect(),
        }
    }
}

impl World for NoteWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        self.logos
            .iter()
            .find(|(logo, _)| *logo == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The note is dated by the event, never by the clock.
        None
    }
}

/// A laid-out note: the PDF bytes and the text typst laid out, for the guard.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub text: String,
    /// How many pages it has.
    pub pages: usize,
}

/// Lay out and export the note.
pub fn render(view: &View, template: &str) -> Result<Pdf, String> {
    lay_out(view, template)?.export()
}

/// A note laid out in pages, not yet written as PDF: enough to see whether it fits.
pub struct Laid {
    world: NoteWorld,
    document: PagedDocument,
    /// The text of the note, as the PDF will carry it.
    text: String,
    /// Words on each page, as a reader of the PDF counts them.
    pub page_words: Vec<usize>,
}

impl Laid {
    /// How many pages it fills, as a fraction: the pages before the last, and how far down
    /// its text area the last page's text reaches (its last baseline). For testing
    /// [`super::pages::estimate`], which counts the same way.
    #[cfg(test)]
    pub(crate) fn filled(&self) -> f64 {
        use super::pages::{TEXT_HEIGHT, TOP};
        fn lowest(frame: &Frame, at: typst::layout::Point, out: &mut f64) {
            for (pos, item) in frame.items() {
                let p = at + *pos;
                match item {
                    FrameItem::Group(g) => lowest(&g.frame, p, out),
                    // The footer, below the text area, does not count.
                    FrameItem::Text(_) if p.y.to_pt() < TOP + TEXT_HEIGHT => {
                        *out = out.max(p.y.to_pt())
                    }
                    _ => {}
                }
            }
        }
        let mut y = TOP;
        if let Some(page) = self.document.pages().last() {
            lowest(&page.frame, typst::layout::Point::zero(), &mut y);
        }
        (self.pages() as f64 - 1.0) + (y - TOP) / TEXT_HEIGHT
    }

    /// How many pages it has.
    pub fn pages(&self) -> usize {
        self.page_words.len()
    }

    /// Write the laid-out note as PDF/UA-1, with its text.
    pub fn export(self) -> Result<Pdf, String> {
        let Laid {
            world,
            document,
            text,
            ..
        } = self;
        // PDF/UA-1: typst checks what the standard asks (title, language, alternative text,
        // heading order, table headers) and refuses a document that fails.
        let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
            .map_err(|e| format!("PDF/UA-1: {}", e.message()))?;
        let options = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom(world.code.clone()),
            standards,
            ..Default::default()
        };
        let bytes =
            typst_pdf::pdf(&document, &options).map_err(|errors| describe(&world, &errors))?;
        forget();
        let pages = document.pages().len();
        Ok(Pdf { bytes, text, pages })
    }

    /// Done with, never written: a note laid out to fit its pages when no PDF was asked for.
    pub fn discard(self) {
        drop(self);
        forget();
    }
}

/// typst memoises layout across documents: the layouts tried while fitting a note share
/// most of it, but one note's layout is of no use to the next, and kept it would grow memory
/// with every event (measured: evict(10) held 1.5x more for 30 events, and was no faster).
fn forget() {
    comemo::evict(0);
}

/// The characters of `view` that no bundled font can show ("世界" in a note written in
/// Latin script), its charts' labels included: typst would refuse the PDF (PDF/UA-1 forbids
/// a character drawn as a blank box), and with it the whole event. In order, each once.
pub fn unshowable(view: &View) -> Vec<char> {
    unshowable_in(&serde_json::to_string(view).expect("the view serialises"))
}

/// [`unshowable`], over the view as the template reads it.
fn unshowable_in(json: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<char> = Default::default();
    for c in json.chars() {
        if c.is_ascii() || c.is_whitespace() || !seen.insert(c) {
            continue;
        }
        if !FONTS
            .fonts
            .iter()
            .any(|f| f.info().coverage.contains(c as u32))
        {
            out.push(c);
        }
    }
    out
}

/// What a PDF shows for a character no bundled font has: the replacement character.
pub const UNSHOWN: char = '\u{FFFD}';

/// Lay out the note in pages (typst's compile), without writing the PDF. Characters no
/// bundled font has are shown as [`UNSHOWN`] (the build warns of them, see
/// [`unshowable`]); DOCX and HTML keep them, for a reader's own fonts.
pub fn lay_out(view: &View, template: &str) -> Result<Laid, String> {
    let world = NoteWorld::new(template, view);
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned.output.map_err(|errors| describe(&world, &errors))?;
    let mut text = String::new();
    if let Some(title) = &document.info().title {
        text.push_str(title);
        text.push('\n');
    }
    for author in &document.info().author {
        text.push_str(author);
        text.push('\n');
    }
    let mut page_words = Vec::with_capacity(document.pages().len());
    for page in document.pages() {
        let start = text.len();
        frame_text(&page.frame, &mut text);
        page_words.push(text[start..].split_whitespace().count());
    }
    Ok(Laid {
        world,
        document,
        text,
        page_words,
    })
}

use typst::layout::{Frame, FrameItem};
use typst::model::Document as _;

fn frame_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => frame_text(&g.frame, out),
            FrameItem::Text(t) => {
                out.push_str(&t.text);
                out.push(' ');
            }
            _ => {}
        }
    }
    out.push('\n');
}

fn describe(world: &NoteWorld, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let line = typst::WorldExt::range(world, e.span)
                .map(|r| {
                    world
                        .main
                        .lines()
                        .byte_to_line(r.start)
                        .map_or(0, |l| l + 1)
                })
                .unwrap_or(0);
            let mut s = format!("summary.typ:{line}: {}", e.message);
            for h in &e.hints {
                s.push_str(&format!("\n  hint: {}", h.v));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&FONTS);
    LazyLock::force(&LIBRARY);
    // A small note laid out and written once, so that what typst and its PDF writer set
    // up on first use is ready before the first event's note.
    let world = NoteWorld {
        code: "warm-up".into(),
        main: Source::new(id("/summary.typ"), WARM_UP.to_string()),
        data_id: id(DATA_PATH),
        data: Bytes::new(b"{}".to_vec()),
        logos: Vec::new(),
    };
    if let Ok(document) = typst::compile::<PagedDocument>(&world).output {
        let _ = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default());
    }
}

/// What [`warm`] lays out: the built-in template's text, headings, numbered paragraphs,
/// list, table and footer, in small.
const WARM_UP: &str = r##"
#set text(font: "Noto Sans", size: 12pt, lang: "en", region: "gb", hyphenate: false)
#set page(paper: "a4", footer: context [#set text(size: 9pt); W #h(1fr) #counter(page).display("1 of 1", both: true)])
#set par(justify: false, leading: 0.6em, spacing: 0.9em)
#show heading: set text(fill: rgb("#1d70b8"), weight: "bold")
= Title of the note
== A theme
Participants agreed that *early* warning works _only_ when it reaches those who act, 1–2 (“quoted”) – and £5m.
#par(hanging-indent: 2.2em)[#box(width: 2.2em)[1]A numbered paragraph that runs to more than one line, so that lines are broken and laid out.]
- a bullet
#figure(table(columns: 2, table.header([*Question*], [*Score*]), [Overall], [4.5]), caption: [A table])
"##;
