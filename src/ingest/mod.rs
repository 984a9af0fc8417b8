//! Reading one event folder into the model: `event.toml`, `participants.csv`, and one session per notes file. Only this stage reads input files.

pub mod decode;
pub mod docx;
pub mod event;
pub mod limits;
pub mod markdown;
pub mod participants;
pub mod questionnaire;
pub mod text;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Block, BlockKind, RawEvent, Session, Source};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a notes reader found in one file.
#[derive(Debug, Default)]
pub struct NotesFile {
    /// A title given outside the blocks (Markdown front matter).
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// What the reader saw but could not take in, to be reported.
    pub skipped: Vec<String>,
}

/// The note formats rapporteurs may drop into `notes/`.
pub const NOTES_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "docx"];

/// What reading an event folder gave.
pub struct Read {
    /// The event, when nothing read was an error.
    pub event: Option<RawEvent>,
    /// The event's code, when `event.toml` could be read, to name the event in reports.
    pub code: Option<String>,
    pub diagnostics: Diagnostics,
}

/// Read everything in an event folder. Problems are gathered, not thrown.
pub fn read_event(dir: &Path) -> Read {
    let mut diags = Diagnostics::default();

    let meta = match limits::read(&dir.join(event::FILE)) {
        Err(e) => {
            diags.push(
                Diagnostic::error(Source::whole(event::FILE), format!("cannot read it: {e}")).hint(
                    format!("`briefnote init {}` writes a commented one", dir.display()),
                ),
            );
            None
        }
        Ok(bytes) => match event::parse(&decode::decode(&bytes).0) {
            Ok(mut m) => {
                for logo in &mut m.logos {
                    match read_logo(dir, &logo.file) {
                        Ok(image) => logo.image = Some(image),
                        Err(why) => diags.push(
                            Diagnostic::error(Source::line(event::FILE, logo.line), why)
                                .hint("put the logo, as PNG or SVG, in the event folder and name it from there"),
                        ),
                    }
                }
                Some(m)
            }
            Err(problems) => {
                diags.extend(problems);
                None
            }
        },
    };

    let participants = match limits::read(&dir.join(participants::FILE)) {
        Err(_) => {
            diags.push(
                Diagnostic::error(
                    Source::whole(participants::FILE),
                    "missing: without the participant list no name can be stripped or checked",
                )
                .hint(
                    "export the participant list as participants.csv with at least a `name` column",
                ),
            );
            Vec::new()
        }
        Ok(bytes) => match participants::parse(&bytes) {
            Ok((people, warnings)) => {
                diags.extend(warnings);
                people
            }
            Err(d) => {
                diags.push(d);
                Vec::new()
            }
        },
    };

    let mut sessions = read_notes(dir, &mut diags);
    let mut survey = read_questionnaire(dir, &mut diags);
    for s in &mut sessions {
        for b in &mut s.blocks {
            if let Some(n) = drop_direction_controls(&mut b.text) {
                diags.push(direction_warning(b.source.clone(), n));
            }
        }
        drop_direction_controls(&mut s.title);
    }
    if let Some(survey) = &mut survey {
        for q in &mut survey.questions {
            for (r, a) in q.answers.iter_mut().enumerate() {
                if let Some(n) = drop_direction_controls(a) {
                    let at = survey
                        .rows
                        .get(r)
                        .cloned()
                        .unwrap_or_else(|| Source::whole("questionnaire/"));
                    diags.push(direction_warning(at, n));
                }
            }
        }
    }

    let code = meta.as_ref().map(|m| m.code.clone());
    let event = match meta {
        Some(meta) if !diags.has_errors() => Some(RawEvent {
            dir: dir.to_path_buf(),
            meta,
            participants,
            sessions,
            survey,
        }),
        _ => None,
    };
    Read {
        event,
        code,
        diagnostics: diags,
    }
}

/// A logo's image: a PNG or SVG file inside the event folder (a path that leads out of it is
/// refused, so that event.toml cannot make a note show any file of the machine).
fn read_logo(dir: &Path, file: &str) -> Result<crate::model::LogoImage, String> {
    let lower = file.to_lowercase();
    if !(lower.ends_with(".png") || lower.ends_with(".svg")) {
        return Err(format!("the logo {file:?} is not a .png or .svg file"));
    }
    let path = dir.join(file);
    let (Ok(inside), Ok(root)) = (path.canonicalize(), dir.canonicalize()) else {
        return Err(format!("the logo {file:?} is not in the event folder"));
    };
    if !inside.starts_with(&root) {
        return Err(format!("the logo {file:?} is outside the event folder"));
    }
    let bytes = limits::read(&inside).map_err(|e| format!("cannot read the logo {file:?}: {e}"))?;
    if lower.ends_with(".png") {
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(format!("the logo {file:?} is not a PNG image"));
        }
        return Ok(crate::model::LogoImage::Png(bytes));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| format!("the logo {file:?} is not an SVG image"))?;
    resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
        .map_err(|e| format!("the logo {file:?} is not a readable SVG image ({e})"))?;
    Ok(crate::model::LogoImage::Svg(text))
}

/// Characters no reader sees that can still change what a text says: the controls of
/// direction, which can turn a name round on screen ("\u{202E}tsivqmloH" shows as
/// "Holmqvist") or hide it from a search, and control codes other than tabs and line breaks,
/// which join the words around them for the anonymiser but not for a reader (found by
/// fuzzing). A note has no need of either.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Remove direction controls from `text`; how many there were, if any.
fn drop_direction_controls(text: &mut String) -> Option<usize> {
    let n = text.chars().filter(|&c| is_direction_control(c)).count();
    if n == 0 {
        return None;
    }
    text.retain(|c| !is_direction_control(c));
    Some(n)
}

fn direction_warning(at: Source, n: usize) -> Diagnostic {
    Diagnostic::warning(
        at,
        format!(
            "{} removed",
            crate::text::count(n, "invisible control character", "invisible control characters")
        ),
    )
    .hint("direction controls and control codes can turn text round or hide a name; nothing else was changed")
}

/// Files in a folder, sorted by name, without hidden files and Word's `~$` lock files.
fn visible_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.starts_with('.') && !name.starts_with("~$")
        })
        .collect();
    files.sort();
    files
}

fn read_notes(dir: &Path, diags: &mut Diagnostics) -> Vec<Session> {
    let notes_dir = dir.join("notes");
    if !notes_dir.is_dir() {
        diags.push(Diagnostic::warning(
            Source::whole("notes/"),
            "no notes folder: the note will have no sessions",
        ));
        return Vec::new();
    }
    let files = visible_files(&notes_dir);
    let results: Vec<Result<SessionRead, Diagnostic>> = files
        .par_iter()
        .filter_map(|path| {
            let name = format!("notes/{}", path.file_name()?.to_string_lossy());
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !NOTES_EXTENSIONS.contains(&ext.as_str()) {
                let hint = match ext.as_str() {
                    "doc" => "save it from Word as a .docx document",
                    "rtf" | "odt" | "pdf" => "save it as .docx, .md or .txt",
                    _ => "notes are read from .md, .markdown, .txt and .docx files",
                };
                return Some(Err(Diagnostic::warning(
                    Source::whole(&name),
                    "skipped: not a notes format",
                )
                .hint(hint)));
            }
            Some(read_session(path, &name, &ext))
        })
        .collect();
    let mut sessions = Vec::new();
    let mut titles: Vec<(String, Source)> = Vec::new();
    for r in results {
        match r {
            Ok(((s, at), skipped)) => {
                diags.extend(skipped);
                if s.blocks.is_empty() {
                    diags.push(Diagnostic::warning(
                        Source::whole(&s.file),
                        "no text in this notes file: the session is left out",
                    ));
                    continue;
                }
                // Two sessions of one title read as one in the note: both are kept, and said.
                let key = s.title.trim().to_lowercase();
                if let Some((_, first)) = titles.iter().find(|(t, _)| *t == key) {
                    diags.push(
                        Diagnostic::warning(
                            at.clone(),
                            format!("the same session title as {first}: {:?}", s.title),
                        )
                        .hint("both are kept; give each session its own title if they were different sessions"),
                    );
                }
                titles.push((key, at));
                sessions.push(s);
            }
            Err(d) => diags.push(d),
        }
    }
    if sessions.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::warning(
            Source::whole("notes/"),
            "no session notes: the note will have no sessions",
        ));
    }
    sessions
}

/// A notes file read: the session, where its title stands, and what to warn of.
type SessionRead = ((Session, Source), Vec<Diagnostic>);

fn read_session(path: &Path, name: &str, ext: &str) -> Result<SessionRead, Diagnostic> {
    let bytes = limits::read(path)
        .map_err(|e| Diagnostic::error(Source::whole(name), format!("cannot read it: {e}")))?;
    let mut warnings = Vec::new();
    let notes = match ext {
        "docx" => docx::read(name, &bytes).map_err(|e| {
            Diagnostic::error(
                Source::whole(name),
                format!("not a readable Word document ({e})"),
            )
            .hint("open it in Word and save it again as a .docx document, or remove it from notes/")
        })?,
        _ => {
            let (text, detected) = decode::decode(&bytes);
            if detected == decode::Detected::Windows1252 {
                warnings.push(
                    Diagnostic::warning(
                        Source::line(name, decode::first_non_ascii_line(&bytes)),
                        "not UTF-8; read as Windows-1252",
                    )
                    .hint("save it as UTF-8 to be sure: a character may have been read as another"),
                );
            }
            if ext == "txt" {
                text::read(name, &text)
            } else {
                markdown::read(name, &text)
            }
        }
    };
    warnings.extend(notes.skipped.iter().map(|s| {
        Diagnostic::warning(Source::whole(name), s.clone())
            .hint("move that text into the body of the notes if it belongs in the note")
    }));
    Ok((into_session(path, name, notes), warnings))
}

/// The session's title: front matter, else a first level-1 heading (taken out of the
/// blocks), else the file name; and where it stands.
fn into_session(path: &Path, name: &str, notes: NotesFile) -> (Session, Source) {
    let mut blocks = notes.blocks;
    let (title, at) = match notes.title {
        Some(t) => (t, Source::line(name, 1)),
        None => match blocks.first() {
            Some(Block {
                kind: BlockKind::Heading { level: 1 },
                ..
            }) => {
                let b = blocks.remove(0);
                (b.text, b.source)
            }
            _ => (title_from_file_name(path), Source::whole(name)),
        },
    };
    let session = Session {
        title,
        file: name.to_string(),
        blocks,
    };
    (session, at)
}

fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words = stem.replace(['_', '-'], " ");
    let words = crate::text::collapse(&words);
    if words.is_empty() {
        stem
    } else {
        crate::text::capitalise(&words)
    }
}

/// The exports in `questionnaire/`, merged; files that are not exports are reported.
fn read_questionnaire(dir: &Path, diags: &mut Diagnostics) -> Option<crate::model::Survey> {
    let mut exports = Vec::new();
    for path in visible_files(&dir.join("questionnaire")) {
        let name = format!(
            "questionnaire/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !matches!(
            ext.as_str(),
            "csv" | "tsv" | "txt" | "xlsx" | "xlsm" | "xls" | "ods"
        ) {
            diags.push(
                Diagnostic::warning(Source::whole(&name), "skipped: not a questionnaire export")
                    .hint("export the responses as .csv or .xlsx"),
            );
            continue;
        }
        match questionnaire::read(&path, &name) {
            Ok((export, warnings)) => {
                diags.extend(warnings);
                exports.push(export);
            }
            Err(d) => diags.push(d),
        }
    }
    (!exports.is_empty()).then(|| questionnaire::merge(exports))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_file_names_in_sentence_case() {
        assert_eq!(
            title_from_file_name(Path::new("notes/03_breakout-b.md")),
            "03 breakout b"
        );
        assert_eq!(
            title_from_file_name(Path::new("notes/closing plenary.txt")),
            "Closing plenary"
        );
    }
}
