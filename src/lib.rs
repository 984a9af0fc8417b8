//! briefnote turns the notes and participant list of a Chatham House Rule dialogue into a non-attributable brief note, as PDF, DOCX and HTML. The pipeline, per event: ingest → anonymise → extract → group → summarise → evaluate → view → render → guard → write.

pub mod anonymise;
pub mod cli;
pub mod diag;
pub mod evaluate;
pub mod extract;
pub mod fold;
pub mod group;
pub mod guard;
pub mod ingest;
pub mod internal;
pub mod length;
pub mod model;
pub mod output;
pub mod render;
pub mod sentence;
pub mod summarise;
pub mod text;

use diag::{Diagnostic, Diagnostics};
use model::Source;
use output::OutputFile;
use render::{Format, Templates};
use std::path::{Path, PathBuf};

/// What a run was asked to do, resolved from the command line once.
#[derive(Debug, Clone)]
pub struct Config {
    pub events: Vec<PathBuf>,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub templates: Templates,
    /// Also write the view as JSON into `internal/`, for debugging.
    pub emit_view: bool,
    /// Write nothing: validate only (`briefnote check`).
    pub dry_run: bool,
    /// Mark the note a draft in every format and in its file names (`--draft`).
    pub draft: bool,
    /// Build even an event whose inputs, templates and options are unchanged (`--force`).
    pub force: bool,
}

/// What became of one event.
#[derive(Debug)]
pub struct EventOutcome {
    pub dir: PathBuf,
    pub code: Option<String>,
    /// Their input paths are relative to `dir`: [`Diagnostic::report`] shows them whole.
    pub diagnostics: Diagnostics,
    pub summary: Option<Summary>,
}

impl EventOutcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// The figures of a built event, for the one-line report.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub sessions: usize,
    pub recommendations: usize,
    pub good_practice: usize,
    pub redactions: usize,
    pub written: Vec<(PathBuf, usize)>,
    /// Nothing had changed since the last build: nothing was made or written.
    pub unchanged: bool,
}

/// A public file's path in the event's output folder: `public/WP2417-summary[-DRAFT].pdf`.
fn public_name(code: &str, draft: bool, extension: &str) -> String {
    let draft = if draft { "-DRAFT" } else { "" };
    format!("public/{code}-summary{draft}.{extension}")
}

/// Where a build records what it was made from, relative to the event's output folder.
pub const FINGERPRINT: &str = "internal/build.sha256";

/// What a build of the event in `dir` is made from: briefnote's version, the options, the
/// templates and every file of the event folder (Word's lock files and hidden files aside, as
/// ingest leaves them), as a SHA-256 in hex.
pub fn fingerprint(dir: &Path, config: &Config) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    let formats: Vec<&str> = config.formats.iter().map(|f| f.extension()).collect();
    field(formats.join(",").as_bytes());
    field(&[u8::from(config.draft), u8::from(config.emit_view)]);
    field(config.templates.typst.as_bytes());
    field(config.templates.html.as_bytes());
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        field(
            p.strip_prefix(dir)
                .unwrap_or(&p)
                .to_string_lossy()
                .as_bytes(),
        );
        field(&std::fs::read(&p).unwrap_or_default());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Event folders under `inputs`: each folder holding an `event.toml`, sorted.
pub fn discover(inputs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(inputs)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join(ingest::event::FILE).is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Run every event, in parallel; outcomes come back in the order the events were given.
pub fn run(config: &Config) -> Vec<EventOutcome> {
    run_with(config, &|_| {}, &|_| {})
}

/// [`run`], saying when each event starts and when it is done (for a progress bar).
///
/// Events are built on plain threads, as many as rayon's pool has (`RAYON_NUM_THREADS`),
/// each taking the next event when it is done with one; the stages inside an event use
/// rayon's pool. Not rayon for the events themselves: typst and krilla wait for their own
/// parallel work by stealing other jobs of the pool, so a thread in the middle of one
/// event's PDF would take up a whole other event on top of it, and every event's memory
/// stayed alive until the last one ended (measured: peak memory grew by about 10 MB an
/// event, 6x for 30 events; now flat).
pub fn run_with(
    config: &Config,
    started: &(dyn Fn(&Path) + Sync),
    done: &(dyn Fn(&EventOutcome) + Sync),
) -> Vec<EventOutcome> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<EventOutcome>>> =
        config.events.iter().map(|_| Default::default()).collect();
    let workers = rayon::current_num_threads().clamp(1, config.events.len().max(1));
    // Not joined: a run whose events are all unchanged ends without waiting for it.
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        std::thread::spawn(warm_up);
    });
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(dir) = config.events.get(i) else {
                        break;
                    };
                    started(dir);
                    let outcome = build_event(dir, config);
                    done(&outcome);
                    *slots[i].lock().expect("no worker panics holding it") = Some(outcome);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .expect("no worker panics holding it")
                .expect("every event was built")
        })
        .collect()
}

/// Build the patterns and fonts every event needs (about 30 ms of regular expressions and
/// typst's fonts and library) on a thread of their own, while the first events are read:
/// a build of one event otherwise waits for each in turn. Whoever needs one first builds
/// it; the other waits for it, so nothing is built twice.
pub fn warm_up() {
    anonymise::warm();
    extract::warm();
    summarise::warm();
    render::pdf::warm();
}

/// The whole pipeline for one event. Problems become diagnostics; nothing is written to
/// `public/` unless every step, the leak check included, has passed.
pub fn build_event(dir: &Path, config: &Config) -> EventOutcome {
    let ingest::Read {
        event,
        code,
        mut diagnostics,
    } = ingest::read_event(dir);
    let code = event.as_ref().map(|raw| raw.meta.code.clone()).or(code);
    let summary = event.and_then(|raw| build_read(dir, raw, config, &mut diagnostics));
    EventOutcome {
        dir: dir.to_path_buf(),
        code,
        diagnostics,
        summary,
    }
}

/// [`build_event`] once the event has been read: skip it if unchanged, make it, report what
/// the programme team should know, and write it. `None` when nothing was written.
fn build_read(
    dir: &Path,
    mut raw: model::RawEvent,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<Summary> {
    raw.meta.draft = config.draft;
    let code = raw.meta.code.clone();
    let built = config.out.join(&code);
    // An event built before from the same inputs, templates, options and briefnote: its
    // outputs stand (the fingerprint is written last of all, in internal/).
    let fingerprint = (!config.dry_run).then(|| fingerprint(dir, config));
    if let Some(f) = &fingerprint
        && !config.force
        && std::fs::read_to_string(built.join(FINGERPRINT)).is_ok_and(|old| old == *f)
        && config.formats.iter().all(|format| {
            built
                .join(public_name(&code, config.draft, format.extension()))
                .is_file()
        })
    {
        // What a killed run left goes all the same.
        let _ = output::remove_stale(&built);
        return Some(Summary {
            sessions: raw.sessions.len(),
            unchanged: true,
            ..Summary::default()
        });
    }
    let mut made = match make(&raw, &config.formats, &config.templates) {
        Ok(m) => m,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(
                    Source::whole(ingest::event::FILE),
                    format!("cannot render the note: {e}"),
                )
                .hint("check the template named above, or remove it to use the built-in one"),
            );
            return None;
        }
    };
    diagnostics.extend(findings(&made));
    if !made.leaks.is_empty() {
        return None;
    }
    let mut summary = Summary {
        sessions: made.clean.sessions().len(),
        recommendations: made.themes.iter().map(|t| t.recommendations.len()).sum(),
        good_practice: made.themes.iter().map(|t| t.good_practice.len()).sum(),
        redactions: made.clean.redactions().len(),
        written: Vec::new(),
        unchanged: false,
    };
    if config.dry_run {
        return Some(summary);
    }
    let candidates: Vec<&extract::Item> = made.items.iter().filter(|i| i.inferred).collect();
    let mut files: Vec<OutputFile> = std::mem::take(&mut made.rendered)
        .into_iter()
        .map(|r| OutputFile {
            path: public_name(&code, config.draft, r.format.extension()).into(),
            bytes: r.bytes,
        })
        .collect();
    files.extend(internal::files(&internal::Records {
        code: &code,
        redactions: made.clean.redactions(),
        review: made.clean.review(),
        considered: &made.summary.considered,
        skipped: &made.skipped,
        candidates: &candidates,
        provenance: &made.provenance,
        view: config.emit_view.then_some(&made.view),
    }));
    if let Some(f) = fingerprint {
        files.push(OutputFile {
            path: FINGERPRINT.into(),
            bytes: f.into_bytes(),
        });
    }
    match output::write_all(&built, &files) {
        Ok(paths) => {
            summary.written = paths
                .into_iter()
                .zip(files.iter().map(|f| f.bytes.len()))
                .collect();
            Some(summary)
        }
        Err(e) => {
            diagnostics.push(Diagnostic::output_error(
                &built,
                format!("cannot write the outputs: {e}"),
            ));
            None
        }
    }
}

/// What the programme team should know of a made event: the anonymiser's warnings, the
/// length, a questionnaire with more answers than participants, items too short to publish,
/// candidate recommendations, and any leak (each one an error).
fn findings(made: &Made) -> Vec<Diagnostic> {
    let clean = &made.clean;
    let mut out: Vec<Diagnostic> = clean.warnings().to_vec();
    out.extend(made.fit.diagnostics(&made.summary));
    if let Some(survey) = &clean.survey()
        && clean.room().participants > 0
        && survey.responses > clean.room().participants
    {
        let file = survey
            .exports
            .first()
            .map_or_else(|| "questionnaire/".to_string(), |(f, _)| f.clone());
        out.push(
            Diagnostic::warning(
                Source::whole(&file),
                format!(
                    "{} questionnaire responses but {} participants in participants.csv: more answers than people, so the note gives no response rate",
                    survey.responses, clean.room().participants
                ),
            )
            .hint("check that participants.csv lists everyone who took part, and that the export holds only this event's responses, each once"),
        );
    }
    if made
        .rendered
        .iter()
        .any(|r| r.format == render::Format::Pdf)
    {
        // One warning for each place in the notes that has such characters, with them all:
        // a passage quoted in Chinese is one warning, not one for each character.
        let mut places: Vec<(Source, String)> = Vec::new();
        for c in render::pdf::unshowable(&made.view) {
            let source = clean
                .sessions()
                .iter()
                .flat_map(|s| &s.blocks)
                .find(|b| b.text.contains(c))
                .map_or_else(|| Source::whole(ingest::event::FILE), |b| b.source.clone());
            match places.iter_mut().find(|(s, _)| *s == source) {
                Some((_, chars)) => chars.push(c),
                None => places.push((source, c.to_string())),
            }
        }
        for (source, chars) in places {
            let n = chars.chars().count();
            out.push(
                Diagnostic::warning(
                    source,
                    format!(
                        "{} '{chars}' {} no glyph in the PDF's fonts: the PDF shows {} as '{}'; DOCX and HTML keep {}",
                        text::count(n, "character", "characters"),
                        if n == 1 { "has" } else { "have" },
                        if n == 1 { "it" } else { "each" },
                        render::pdf::UNSHOWN,
                        if n == 1 { "it" } else { "them" },
                    ),
                )
                .hint("check the PDF where the note quotes them, or write them in Latin script in the notes"),
            );
        }
    }
    for short in made.items.iter().filter(|i| extract::too_short(i)) {
        let what = if short.role == model::Role::Recommendation {
            "recommendation"
        } else {
            "good practice"
        };
        let message = if short.text.is_empty() {
            format!("an empty {what}: nothing follows its marker, so nothing is published")
        } else {
            format!(
                "\"{}\" is too short to be a {what} (fewer than three words): not published",
                short.text
            )
        };
        out.push(
            Diagnostic::warning(short.source.clone(), message)
            .hint("write the item out in full, or move it out of the block if it is not one (a table's header, a speaker's name)"),
        );
    }
    for c in made.items.iter().filter(|i| i.inferred) {
        out.push(
            Diagnostic::note(
                c.source.clone(),
                format!("candidate recommendation: \"{}\"", c.text),
            )
            .hint(if clean.meta().infer {
                "published, since event.toml says infer = true"
            } else {
                "start it with `Recommendation:` to publish it, or set infer = true in event.toml"
            }),
        );
    }
    for leak in &made.leaks {
        out.push(
            Diagnostic::error(Source::whole(ingest::event::FILE), format!("leak check failed: {leak}"))
                .hint("nothing was written to public/; find the text in the notes and fix or report the name"),
        );
    }
    out
}

/// An event taken from what was read to its rendered, checked outputs, in memory: what
/// `build` writes, and what tests read.
pub struct Made {
    pub clean: anonymise::CleanEvent,
    pub items: Vec<extract::Item>,
    pub themes: Vec<group::Theme>,
    /// Every discussion sentence and what became of it, and the key points up front.
    pub summary: summarise::Summary,
    /// The note's length against its budget.
    pub fit: length::Fit,
    pub view: render::view::View,
    pub provenance: Vec<render::view::Provenance>,
    pub rendered: Vec<render::Rendered>,
    /// What the leak check found in `rendered`; empty means it may be published.
    pub leaks: Vec<guard::Leak>,
    /// Recommendations and good practice not published in their own words, and why.
    pub skipped: Vec<group::Skipped>,
}

/// anonymise → extract → group → summarise → evaluate → view → render → guard, for one
/// event read. Err only when a template cannot be rendered.
pub fn make(
    raw: &model::RawEvent,
    formats: &[Format],
    templates: &Templates,
) -> Result<Made, String> {
    // One judgement of what identifies someone, for the notes and for the outputs alike.
    let anonymiser = anonymise::Anonymiser::for_event(raw);
    let clean = anonymise::anonymise(raw, &anonymiser);
    let items = extract::extract(&clean);
    let evaluation = evaluate::evaluate(&clean);
    let inputs = group::inputs(&clean, &items);
    let themes = group::group(&clean.meta().themes, &inputs);
    let mut skipped: Vec<group::Skipped> = items
        .iter()
        .filter(|i| extract::too_short(i))
        .map(|i| group::Skipped {
            location: i.source.to_string(),
            role: i.role,
            text: i.text.clone(),
            reason: if i.text.is_empty() {
                "empty: nothing follows its marker".to_string()
            } else {
                "too short to be one (fewer than three words)".to_string()
            },
        })
        .collect();
    skipped.extend(group::account(&inputs, &themes));
    let ((themes, mut summary, fit, view, provenance), laid_out) =
        length::choose(&clean, &themes, evaluation.as_ref(), &templates.typst)?;
    let rendered = render::render_with(&view, formats, templates, laid_out)?;
    let mut considered = summarise::set_aside(&items, clean.sessions());
    considered.append(&mut summary.considered);
    summary.considered = considered;
    let leaks = guard::check(&anonymiser, &rendered);
    Ok(Made {
        clean,
        items,
        themes,
        summary,
        fit,
        view,
        provenance,
        rendered,
        leaks,
        skipped,
    })
}

thread_local! {
    static EXPECTING_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run a third-party reader that may panic on hostile input, turning a panic into `Err`
/// without the panic message reaching the terminal (the caller reports the file instead).
pub fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    EXPECTING_PANIC.with(|e| e.set(true));
    let result = std::panic::catch_unwind(f);
    EXPECTING_PANIC.with(|e| e.set(false));
    result
}

/// Keep the default panic report, except for panics caught by [`quietly`].
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !EXPECTING_PANIC.with(|e| e.get()) {
            default(info);
        }
    }));
}
