//! The attribution fixture (`tests/fixtures/events/attributions`, written by `make_attributions.py`): over 150 attributions planted in every form, in Markdown, text and Word notes, must leave no trace in any of the three formats; over 40 traps must survive them all; the event must build (no false alarm from the leak check); and what the anonymiser was unsure of must be listed in `internal/review.csv`.

mod common;
use common::*;
use std::collections::BTreeSet;

#[derive(serde::Deserialize)]
struct Expected {
    planted: Vec<Planted>,
    trap: Vec<Trap>,
}

#[derive(serde::Deserialize)]
struct Planted {
    form: String,
    gone: String,
}

#[derive(serde::Deserialize)]
struct Trap {
    kept: String,
}

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/events/attributions")
}

fn expected() -> Expected {
    toml::from_str(&std::fs::read_to_string(fixture().join("expected.toml")).unwrap()).unwrap()
}

/// The visible text of each public file, with white space collapsed.
fn public_texts(public: &std::path::Path, code: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "HTML",
            squash(&html_text(&public.join(format!("{code}-summary.html")))),
        ),
        (
            "DOCX",
            squash(&docx_text(&public.join(format!("{code}-summary.docx")))),
        ),
        (
            "PDF",
            squash(&pdf_text(&public.join(format!("{code}-summary.pdf")))),
        ),
    ]
}

#[test]
fn the_fixture_is_as_large_as_it_claims() {
    let e = expected();
    let forms: BTreeSet<&str> = e.planted.iter().map(|p| p.form.as_str()).collect();
    assert!(e.planted.len() >= 150, "{} planted", e.planted.len());
    assert!(forms.len() >= 15, "{} forms", forms.len());
    assert!(e.trap.len() >= 40, "{} traps", e.trap.len());
}

#[test]
fn every_planted_attribution_goes_and_every_trap_stays_in_all_three_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let o = build_into_out(tmp.path(), &fixture(), &[]);
    assert!(
        o.status.success(),
        "the leak check must not stop a clean note:\n{}",
        stderr(&o)
    );
    let e = expected();
    let public = tmp.path().join("out/WP9101/public");
    let mut misses = Vec::new();
    for (format, text) in public_texts(&public, "WP9101") {
        for p in &e.planted {
            if text.contains(&squash(&p.gone)) {
                misses.push(format!("{format}: {} survived ({})", p.gone, p.form));
            }
        }
        for t in &e.trap {
            if !text.contains(&squash(&t.kept)) {
                misses.push(format!("{format}: trap lost: {}", t.kept));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn what_the_anonymiser_was_unsure_of_is_listed_for_review() {
    let tmp = tempfile::tempdir().unwrap();
    let o = build_into_out(tmp.path(), &fixture(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let review =
        std::fs::read_to_string(tmp.path().join("out/WP9101/internal/review.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(review.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let has = |location: &str, matched: &str, action: &str| {
        rows.iter().any(|r| {
            r[0].starts_with(location) && &r[1] == matched && &r[2] == action && !r[4].is_empty()
        })
    };
    // A word that is also a participant's name, with no cue: kept, and listed.
    assert!(
        has("notes/01-opening-plenary.md:", "Strong", "kept"),
        "{review}"
    );
    assert!(
        has("notes/01-opening-plenary.md:", "Rose", "kept"),
        "{review}"
    );
    // A view put to a country with one participant in the room.
    assert!(
        has("notes/04-plenary-accountability.md:", "Cuba", "kept"),
        "{review}"
    );
    // Phrases on the keep list are neither stripped nor listed.
    assert!(
        !rows.iter().any(|r| r[4].contains("Hope is not a strategy")),
        "{review}"
    );
    // `check` prints each as a warning, and does not fail for them.
    let c = briefnote(tmp.path(), &["check", fixture().to_str().unwrap()]);
    assert!(c.status.success(), "{}", stderr(&c));
    assert!(
        stderr(&c).contains("'Strong' is a participant's name and also an ordinary word"),
        "{}",
        stderr(&c)
    );
}

#[test]
fn strip_forces_out_a_person_missing_from_the_list_and_keep_settles_a_phrase() {
    let tmp = tempfile::tempdir().unwrap();
    let event = tmp.path().join("e");
    write_event(
        &event,
        &format!("{SMALL_EVENT}strip = [\"Jane Roe\"]\nkeep = [\"Strong institutions\"]\n"),
        "name,organisation\nWill Strong,Civic Courts Initiative\n",
        &[(
            "01.md",
            b"# Session\n\nJane Roe described the archive. Roe's report was cited by a second speaker.\n\nStrong institutions matter. Rose Roe was not there.\n",
        )],
    );
    let o = build_into_out(tmp.path(), &event, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = squash(&html_text(
        &tmp.path().join("out/WP0001/public/WP0001-summary.html"),
    ));
    assert!(!html.contains("Roe"), "{html}");
    assert!(html.contains("Strong institutions matter."), "{html}");
    // The kept phrase is settled: no warning for it.
    assert!(!stderr(&o).contains("'Strong'"), "{}", stderr(&o));
    // The redaction log records what was stripped.
    let log =
        std::fs::read_to_string(tmp.path().join("out/WP0001/internal/redactions.csv")).unwrap();
    assert!(log.contains("Jane Roe"), "{log}");
}
