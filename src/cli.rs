//! The command line: `build`, `check` and `init`, with clap derive, and the help that shows the folder layout.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

const LAYOUT: &str = "\
An event folder:
  inputs/<any-name>/
    event.toml          what the event is (code, title, start, ...)
    participants.csv    who was in the room: private, used to strip names
    notes/              one notes file per session: .md .markdown .txt .docx
    questionnaire/      evaluation exports (.csv .xlsx)

What a build writes:
  outputs/<CODE>/public/<CODE>-summary.{pdf,docx,html}   may be circulated
  outputs/<CODE>/internal/redactions.csv                 every change the anonymiser made
  outputs/<CODE>/internal/provenance.json                where each item came from

Examples:
  briefnote build                       build every event under ./inputs
  briefnote build inputs/wp-sample --format pdf,html
  briefnote check inputs/wp-sample      validate, write nothing
  briefnote init inputs/wp-next         start a new event folder";

/// Turn the notes of a Chatham House Rule dialogue into a non-attributable brief note.
#[derive(Debug, Parser)]
#[command(name = "briefnote", version, about, after_help = LAYOUT)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the note of each event: PDF, DOCX and HTML in outputs/<CODE>/public/
    #[command(after_help = LAYOUT)]
    Build {
        /// Event folders; default: every folder under ./inputs that holds an event.toml
        events: Vec<PathBuf>,
        /// Where the outputs go
        #[arg(long, default_value = "outputs")]
        out: PathBuf,
        /// Formats to write, comma-separated
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "pdf,docx,html",
            ignore_case = true
        )]
        format: Vec<crate::render::Format>,
        /// A folder whose summary.typ and summary.html.tera replace the built-in templates
        /// (default: ./templates, where present)
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Also write the view as JSON to outputs/<CODE>/internal/, for debugging
        #[arg(long, value_enum)]
        emit: Option<Emit>,
        /// Mark the note "Draft — not for circulation" in every format, and name its files
        /// <CODE>-summary-DRAFT.*
        #[arg(long)]
        draft: bool,
        /// Build every event, even one unchanged since its last build
        #[arg(long)]
        force: bool,
        /// Print only errors (no progress, no warnings, no summary lines)
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print notes (the length of each note, candidate recommendations)
        #[arg(short, long)]
        verbose: bool,
    },
    /// Read and validate everything build would, print every problem, write nothing
    Check {
        /// Event folders; default: every folder under ./inputs that holds an event.toml
        events: Vec<PathBuf>,
        /// A folder whose templates replace the built-in ones
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Make a new event folder with a commented event.toml and empty notes/ and questionnaire/,
    /// or (with --templates) copy the built-in templates out for editing
    Init {
        /// The event folder to make
        #[arg(required_unless_present = "templates")]
        event: Option<PathBuf>,
        /// Copy summary.typ and summary.html.tera into this folder, to edit and pass to
        /// `build --templates` (or name it templates/ beside inputs/)
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
}

/// What `--emit` can add to `internal/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    /// The view every format is rendered from, as JSON.
    View,
}
