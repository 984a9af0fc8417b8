//! Inputs the fuzz targets (fuzz/) found to break something, each kept as the test that it no longer does.

use briefnote::anonymise::Anonymiser;
use briefnote::model::Source;

fn anonymiser() -> Anonymiser {
    let roster = "name,organisation\nMohammed Al-Rashidi,Gulf Sovereign Investment Office\nIngrid Holmqvist,Nordic Forecasting Institute\n";
    let (people, _) = briefnote::ingest::participants::parse(roster.as_bytes()).unwrap();
    Anonymiser::new(&people, &[])
}

/// Rewrite, then ask the anonymiser what it would still strip: nothing certain may be left.
fn nothing_left(text: &str) {
    let a = anonymiser();
    let out = a.rewrite(text, &Source::line("notes/f.md", 1), &mut Vec::new());
    let left: Vec<_> = a.find(&out).into_iter().filter(|s| s.certain).collect();
    assert!(left.is_empty(), "left in {out:?}: {left:?}");
}

#[test]
fn a_handle_that_runs_into_a_hyphenated_surname_takes_all_of_it() {
    // anonymise, crash-81cc82eb: "@Al" was taken for a handle and "-Rashidi" was left.
    nothing_left("Mohammed @Al-Rashidi said that his office looked at dozens of projects.");
}

#[test]
fn a_contact_that_runs_out_of_a_stripped_name_goes_with_it() {
    // anonymise, crash-e8f24546: "Ms Bisu@wacsp.example" became
    // "One participant@wacsp.example", a new email address.
    nothing_left("Ms Bisu@wacsp.example for the platform's essay.");
}

#[test]
fn a_question_label_never_reaches_across_lines() {
    // anonymise, crash-ef21da92: an unclosed "A (Carlos Rue" two paragraphs up joined the
    // rewritten "Answer from a participant: ..." into a label that named someone.
    nothing_left(
        "A (Carlos Rue paid.\n\nA (Carlos Ruiz Qu Embassy of Peru, Ottawa): Ports need dredging, Northern Donors Circle): Donors should act.",
    );
}

/// The roster of the `anonymise` fuzz target (fuzz/fuzz_targets/anonymise.rs).
const FUZZ_ROSTER: &str = include_str!("fixtures/fuzz/roster.csv");

#[test]
fn every_input_the_anonymise_target_crashed_on_now_passes() {
    // The crash inputs themselves (machine-made from the fixtures' notes), kept as they were
    // found. The last of them (cd82d0a8) joined words with control characters, so that a
    // rewrite gave "Network)the investment director": a role the rewrite had not seen.
    let (people, _) = briefnote::ingest::participants::parse(FUZZ_ROSTER.as_bytes()).unwrap();
    let a = Anonymiser::new(&people, &[]);
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/anonymise");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        n += 1;
        let out = a.rewrite(text, &Source::line("notes/f.md", 1), &mut Vec::new());
        let left: Vec<_> = a.find(&out).into_iter().filter(|s| s.certain).collect();
        assert!(left.is_empty(), "left: {left:?}");
    }
    assert!(n >= 3, "{n} inputs");
}

#[test]
fn an_identifying_column_named_in_a_second_header_row_is_dropped() {
    // questionnaire, crash-cd756965 (kept as it was found, less the target's first byte): a
    // garbled SurveyMonkey export whose second header row named "IP Address" kept the column.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/questionnaire/crash-cd756965.csv");
    let bytes = std::fs::read(path).unwrap();
    let (export, _) = briefnote::ingest::questionnaire::read_bytes("csv", &bytes, "q.csv").unwrap();
    for c in &export.columns {
        let q = c.question.trim().to_lowercase();
        assert!(
            q != "ip address" && q != "email address",
            "{q:?} came through"
        );
    }
}

#[test]
fn a_spreadsheet_the_reader_panics_on_is_refused_not_a_crash() {
    // questionnaire, crash-73417b9e: calamine overflows (and panics where overflow is checked,
    // as in debug builds) on this damaged .xlsx. It is now one error on the file.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/questionnaire/crash-73417b9e.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let e = briefnote::ingest::questionnaire::read_bytes("xlsx", &bytes, "q.xlsx").unwrap_err();
    assert!(
        e.message.starts_with("not a readable spreadsheet"),
        "{}",
        e.message
    );
}
