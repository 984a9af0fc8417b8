//! Diagnostics: problems found in the input, gathered and reported together as `file:line: message`.

use crate::model::{Loc, Source};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something `check` points out for the rapporteur, which `build` does not print.
    Note,
    Warning,
    Error,
}

/// Where a problem is: a place in the event's inputs, its file relative to the event
/// folder; or a path of the output folder, as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Input(Source),
    Output(PathBuf),
}

/// One problem with the input, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    fn new(severity: Severity, place: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            place,
            message: message.into(),
            hint: None,
        }
    }
    pub fn error(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Place::Input(source), message)
    }
    pub fn note(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, Place::Input(source), message)
    }
    pub fn warning(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Place::Input(source), message)
    }
    /// An error about a path of the output folder.
    pub fn output_error(path: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Place::Output(path.to_path_buf()), message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The place in the inputs, if the problem is there.
    pub fn source(&self) -> Option<&Source> {
        match &self.place {
            Place::Input(s) => Some(s),
            Place::Output(_) => None,
        }
    }

    fn level(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The diagnostic as the terminal shows it, its input paths read from where the user
    /// stands (`inputs/x/notes/a.md:12`), and, for a line of a text file, that line with a
    /// caret under it, the way rustc and just show theirs.
    pub fn report(&self, event_dir: &Path, files: &mut Files) -> String {
        let (path, loc) = match &self.place {
            Place::Input(s) => (event_dir.join(&s.file), s.loc),
            Place::Output(p) => (p.clone(), Loc::Whole),
        };
        let title = format!("{}: {}", path_and_loc(&path, loc), self.message);
        let line = match loc {
            Loc::Line(n) => files.line(&path, n),
            _ => None,
        };
        let Some((n, text)) = line else {
            return self.plain(&path_and_loc(&path, loc));
        };
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let text = text.trim_end();
        let indent = text.len() - text.trim_start().len();
        let mut group = level.primary_title(&title).element(
            Snippet::source(text)
                .line_start(n as usize)
                .annotation(AnnotationKind::Primary.span(indent..text.len().max(indent + 1))),
        );
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name(Some("hint")).message(hint));
        }
        Renderer::plain().render(&[group])
    }
}

/// The text files that reports quote, each read once however many problems it has.
#[derive(Default)]
pub struct Files(std::collections::HashMap<PathBuf, Option<String>>);

impl Files {
    /// Line `n` of a text file, if the file is text and has that line: what a report shows.
    fn line(&mut self, path: &Path, n: u32) -> Option<(u32, String)> {
        let text = self.0.entry(path.to_path_buf()).or_insert_with(|| {
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            if !matches!(
                ext.as_str(),
                "md" | "markdown" | "txt" | "text" | "csv" | "tsv" | "toml"
            ) {
                return None;
            }
            let bytes = std::fs::read(path).ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        });
        let line = text.as_deref()?.lines().nth(n.checked_sub(1)? as usize)?;
        // A line of a thousand characters is no help under a message.
        (!line.trim().is_empty() && line.len() <= 240).then(|| (n, line.to_string()))
    }
}

impl Diagnostic {
    /// `level: place: message`, and the hint on a line of its own.
    fn plain(&self, place: &str) -> String {
        let mut out = format!("{}: {place}: {}", self.level(), self.message);
        if let Some(hint) = &self.hint {
            out.push_str("\n  hint: ");
            out.push_str(hint);
        }
        out
    }
}

/// `path`, `path:12` or `path:paragraph 3`.
fn path_and_loc(path: &Path, loc: Loc) -> String {
    Source {
        file: path.to_path_buf(),
        loc,
    }
    .to_string()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match &self.place {
            Place::Input(s) => s.to_string(),
            Place::Output(p) => p.display().to_string(),
        };
        f.write_str(&self.plain(&place))
    }
}

/// The problems of one event, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}
