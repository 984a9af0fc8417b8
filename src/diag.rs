//! Diagnostics: problems found in the input, gathered and reported together as `file:line: message`.

use crate::model::Source;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something `check` points out for the rapporteur, which `build` does not print.
    Note,
    Warning,
    Error,
}

/// One problem with the input, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub source: Source,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(source: Source, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            source,
            message: message.into(),
            hint: None,
        }
    }
    pub fn note(source: Source, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            source,
            message: message.into(),
            hint: None,
        }
    }
    pub fn warning(source: Source, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            source,
            message: message.into(),
            hint: None,
        }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{level}: {}: {}", self.source, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
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
