//! The `briefnote` binary: parses the command line into a `Config`, runs the pipeline, prints each problem once, and sets the exit status.

use briefnote::cli::{Cli, Command};
use briefnote::render::Templates;
use briefnote::{Config, EventOutcome, discover, ingest, run_with};
use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    briefnote::install_panic_hook();
    let cli = Cli::parse();
    match cli.command {
        Command::Init { event, templates } => {
            if let Some(dir) = templates {
                let code = init_templates(&dir);
                if code != ExitCode::SUCCESS || event.is_none() {
                    return code;
                }
            }
            match event {
                Some(event) => init(&event),
                None => ExitCode::SUCCESS,
            }
        }
        Command::Build {
            events,
            out,
            format,
            templates,
            emit,
            draft,
            force,
            quiet,
            verbose,
        } => {
            let mut formats = format;
            formats.sort();
            formats.dedup();
            let say = if quiet {
                Say::Errors
            } else if verbose {
                Say::Everything
            } else {
                Say::Usual
            };
            execute(events, templates, say, |events, templates| Config {
                events,
                out,
                formats,
                templates,
                emit_view: emit.is_some(),
                dry_run: false,
                draft,
                force,
            })
        }
        Command::Check { events, templates } => {
            execute(events, templates, Say::Everything, |events, templates| {
                Config {
                    events,
                    out: PathBuf::from("outputs"),
                    formats: briefnote::render::Format::ALL.to_vec(),
                    templates,
                    emit_view: false,
                    dry_run: true,
                    draft: false,
                    force: false,
                }
            })
        }
    }
}

/// How much a run prints: errors only (`--quiet`), the usual (warnings, one line per event,
/// a progress bar on a terminal), or everything (`-v`, and `check`: notes too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Say {
    Errors,
    Usual,
    Everything,
}

fn execute(
    events: Vec<PathBuf>,
    templates: Option<PathBuf>,
    say: Say,
    make: impl FnOnce(Vec<PathBuf>, Templates) -> Config,
) -> ExitCode {
    let events = if events.is_empty() {
        match discover(Path::new("inputs")) {
            Ok(found) if !found.is_empty() => found,
            Ok(_) => {
                return fail(
                    "no event folders under ./inputs (a folder with an event.toml)",
                    "name an event folder, or start one with `briefnote init inputs/NAME`",
                );
            }
            Err(e) => {
                return fail(
                    &format!("cannot read ./inputs: {e}"),
                    "run from the folder that holds inputs/, or name an event folder",
                );
            }
        }
    } else {
        events
    };
    // Templates beside the inputs apply unless a folder is named.
    let template_dir =
        templates.or_else(|| Some(PathBuf::from("templates")).filter(|p| p.is_dir()));
    let templates = match Templates::load(template_dir.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                &format!("cannot read the templates: {e}"),
                "check the --templates folder",
            );
        }
    };
    for path in &templates.overridden {
        eprintln!("note: using the template {path}");
    }
    let config = make(events, templates);
    // A progress bar for a batch, drawn only where someone watches (stderr is a terminal).
    use std::io::IsTerminal;
    let bar = (config.events.len() > 1 && say != Say::Errors && std::io::stderr().is_terminal())
        .then(|| {
            let bar = indicatif::ProgressBar::new(config.events.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} events  {msg}")
                    .expect("a valid template"),
            );
            bar
        });
    let outcomes = run_with(
        &config,
        &|dir| {
            if let Some(bar) = &bar {
                bar.set_message(dir.display().to_string());
            }
        },
        &|_| {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    report(&outcomes, config.dry_run, say)
}

fn report(outcomes: &[EventOutcome], check: bool, say: Say) -> ExitCode {
    use briefnote::diag::Severity;
    let mut failed = 0;
    let mut files = briefnote::diag::Files::default();
    for o in outcomes {
        for d in o.diagnostics.iter() {
            let shown = match say {
                Say::Errors => d.is_error(),
                Say::Usual => d.severity != Severity::Note,
                Say::Everything => true,
            };
            if shown {
                eprintln!("{}", d.report(&o.dir, &mut files));
            }
        }
        let name = o
            .code
            .clone()
            .unwrap_or_else(|| o.dir.display().to_string());
        if o.failed() {
            failed += 1;
            let errors = o.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{name}: failed ({}); nothing was written to public/",
                briefnote::text::count(errors, "error", "errors")
            );
        } else if say == Say::Errors {
        } else if let (Some(s), false) = (&o.summary, check)
            && s.unchanged
        {
            println!("{name}: unchanged since its last build, skipped (--force builds it again)");
        } else if let (Some(s), false) = (&o.summary, check) {
            let files: Vec<String> = s
                .written
                .iter()
                .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("public")))
                .map(|(p, n)| format!("{} ({})", p.display(), size(*n)))
                .collect();
            println!(
                "{name}: {} sessions, {} recommendations, {} good practice, {} redactions -> {}",
                s.sessions,
                s.recommendations,
                s.good_practice,
                s.redactions,
                files.join(", ")
            );
        }
    }
    if failed > 0 {
        if outcomes.len() > 1 {
            eprintln!("{failed} of {} events failed", outcomes.len());
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn fail(message: &str, hint: &str) -> ExitCode {
    eprintln!("error: {message}\n  hint: {hint}");
    ExitCode::FAILURE
}

/// Copy the built-in templates into `dir`, never over a file already there.
fn init_templates(dir: &Path) -> ExitCode {
    let files = [
        ("summary.typ", briefnote::render::pdf::TEMPLATE),
        ("summary.html.tera", briefnote::render::html::TEMPLATE),
    ];
    for (name, _) in &files {
        if dir.join(name).exists() {
            return fail(
                &format!("{} already exists", dir.join(name).display()),
                "init never overwrites a template: move it aside, or choose another folder",
            );
        }
    }
    let made = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for (name, text) in &files {
            std::fs::write(dir.join(name), text)?;
        }
        Ok(())
    })();
    match made {
        Ok(()) => {
            println!(
                "copied summary.typ (PDF) and summary.html.tera (HTML) into {}: edit them, then `briefnote build --templates {}`; the README lists every field of the view they receive",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            &format!("cannot write into {}: {e}", dir.display()),
            "check the path and its permissions",
        ),
    }
}

fn init(dir: &Path) -> ExitCode {
    let toml = dir.join(ingest::event::FILE);
    if toml.exists() {
        return fail(
            &format!("{} already exists", toml.display()),
            "choose a new folder name; init never overwrites an event",
        );
    }
    let made = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("notes"))?;
        std::fs::create_dir_all(dir.join("questionnaire"))?;
        std::fs::write(&toml, ingest::event::TEMPLATE)
    })();
    match made {
        Ok(()) => {
            println!(
                "made {}: fill in event.toml, add participants.csv, and drop session notes into notes/",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            &format!("cannot make {}: {e}", dir.display()),
            "check the path and its permissions",
        ),
    }
}
