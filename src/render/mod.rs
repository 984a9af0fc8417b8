//! The renderers: one view in, PDF, DOCX and HTML out. Each is a thin projection of the view; none decides what the note says.

pub mod charts;
pub mod docx;
pub mod html;
pub mod pages;
pub mod pdf;
pub mod view;

use rayon::prelude::*;
use std::path::Path;

/// The body font, a sans-serif under the SIL Open Font License (see `fonts/OFL.txt`).
pub const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("fonts/NotoSans-Regular.ttf"),
    include_bytes!("fonts/NotoSans-Bold.ttf"),
    include_bytes!("fonts/NotoSans-Italic.ttf"),
    include_bytes!("fonts/NotoSans-BoldItalic.ttf"),
];

/// The output formats, in the order they are written and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Tagged PDF (PDF/UA-1), A4
    Pdf,
    /// Word, with heading styles and numbered paragraphs
    Docx,
    /// One self-contained page
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Html];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

/// The templates in force: the embedded defaults unless a folder overrides them.
#[derive(Debug, Clone)]
pub struct Templates {
    pub typst: String,
    pub html: String,
    /// Which files came from a folder rather than the binary, for the run's report.
    pub overridden: Vec<String>,
}

impl Default for Templates {
    fn default() -> Self {
        Templates {
            typst: pdf::TEMPLATE.to_string(),
            html: html::TEMPLATE.to_string(),
            overridden: Vec::new(),
        }
    }
}

impl Templates {
    /// The defaults, with `summary.typ` and `summary.html.tera` from `dir` where it has them.
    pub fn load(dir: Option<&Path>) -> std::io::Result<Templates> {
        let mut t = Templates::default();
        let Some(dir) = dir else { return Ok(t) };
        for (name, slot) in [
            ("summary.typ", &mut t.typst),
            ("summary.html.tera", &mut t.html),
        ] {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path)?;
                if text != *slot {
                    t.overridden.push(path.display().to_string());
                }
                *slot = text;
            }
        }
        Ok(t)
    }
}

/// One rendered output, in memory until the guard has passed it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub format: Format,
    pub bytes: Vec<u8>,
    /// The text a reader of the file can see or extract, for the guard: for the PDF, what typst laid out.
    pub text: Option<String>,
    /// Pages, for the PDF.
    pub pages: Option<usize>,
}

/// Render the view in each asked-for format.
pub fn render(
    view: &view::View,
    formats: &[Format],
    templates: &Templates,
) -> Result<Vec<Rendered>, String> {
    render_with(view, formats, templates, None)
}

/// [`render`], with this same view already laid out in pages, if it was.
pub fn render_with(
    view: &view::View,
    formats: &[Format],
    templates: &Templates,
    laid_out: Option<pdf::Laid>,
) -> Result<Vec<Rendered>, String> {
    // The formats are rendered side by side (in the order asked for): the note laid out
    // already, when it was, is written as PDF while the others are made.
    let laid_out = std::sync::Mutex::new(laid_out);
    let rendered = formats
        .par_iter()
        .map(|&format| {
            Ok(match format {
                Format::Pdf => {
                    let ready = laid_out.lock().expect("not poisoned").take();
                    let p = match ready {
                        Some(laid) => laid.export()?,
                        None => pdf::render(view, &templates.typst)?,
                    };
                    Rendered {
                        format,
                        bytes: p.bytes,
                        text: Some(p.text),
                        pages: Some(p.pages),
                    }
                }
                Format::Docx => Rendered {
                    format,
                    // docx-rs numbers paragraphs (w14:paraId) from a counter of the thread
                    // that makes them, never reset: on a thread of its own, every document
                    // counts from 1, whatever that thread read or rendered before (a batch
                    // or parallel rendering otherwise changed the bytes of the file).
                    bytes: std::thread::scope(|s| {
                        s.spawn(|| docx::render(view))
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })?,
                    text: None,
                    pages: None,
                },
                Format::Html => Rendered {
                    format,
                    bytes: html::render(view, &templates.html)?.into_bytes(),
                    text: None,
                    pages: None,
                },
            })
        })
        .collect();
    // Laid out to fit the pages, but no PDF was asked for.
    if let Some(laid) = laid_out.into_inner().expect("not poisoned") {
        laid.discard();
    }
    rendered
}
