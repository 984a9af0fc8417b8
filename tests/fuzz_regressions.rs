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
