//! End to end over a fixture event written to break the anonymiser (`tests/fixtures/events/hostile`): every string that must not reach a public file, and every one that must.

mod common;
use common::*;

/// Names, affiliations, roles, labels and contact details from the fixture's notes.
const MUST_NOT_APPEAR: &[&str] = &[
    "Lindqvist",
    "LINDQVIST",
    "Maria",
    "Jaaskelainen",
    "Jääskeläinen",
    "Aino",
    "Gomez",
    "Gómez",
    "Peña",
    "Pena",
    "O’Neill",
    "O'Neill",
    "ONEILL",
    "Siobhán",
    "De la Cruz",
    "de la Cruz",
    "Mueller",
    "Müller",
    "Okafor",
    "Chidi",
    "Mensah",
    "MENSAH",
    "Kwame",
    "Ibáñez",
    "Rosa",
    "Halvorsen asked",
    "Ingrid",
    "Faith Noble",
    "Ms Young",
    "Frank Law",
    "Jones",
    "John Smith",
    "ML:",
    "K.M.",
    "Ministry of Foreign Affairs of Veridia",
    "speaking for",
    "Logistics Without Borders",
    "A representative of",
    "Chilean Ambassador",
    "Peace and Security Commissioner",
    "Sahel Relief Network",
    "@",
    "+44",
    "7946",
    "linkedin",
    "mlindqvist",
    "absent",
    "Private",
];

/// What the anonymiser must leave alone.
const MUST_APPEAR: &[&str] = &[
    "good faith",
    "a noble aim",
    "young people",
    "the rule of law",
    "Frank exchanges followed.",
    "Law enforcement was discussed.",
    "Henri Dunant and Dag Hammarskjöld were quoted.",
    "The Halvorsen Foundation hosted the dinner at Wilton Park.",
    "The West African Regional Council should publish its findings every year.",
    "Donors should follow the West African Regional Council's lead on early warning.",
    "the Special Rapporteur on the Right to Food would say",
    "Question from a participant: what comes next?",
    "One participant: access is bargained for every day.",
    "and a funder spoke about the Halvorsen Foundation's grants.",
    "One participant argued that early warning works.",
];

#[test]
fn nothing_identifying_reaches_any_format_and_nothing_else_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let event = repo().join("tests/fixtures/events/hostile");
    let o = briefnote(
        &repo(),
        &[
            "build",
            event.to_str().unwrap(),
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let public = tmp.path().join("WP9999/public");
    let texts = [
        (
            "HTML",
            squash(&html_text(&public.join("WP9999-summary.html"))),
        ),
        (
            "DOCX",
            squash(&docx_text(&public.join("WP9999-summary.docx"))),
        ),
        ("PDF", squash(&pdf_text(&public.join("WP9999-summary.pdf")))),
    ];
    for (format, text) in &texts {
        for s in MUST_NOT_APPEAR {
            assert!(!text.contains(s), "{format} contains {s:?}:\n{text}");
        }
        for s in MUST_APPEAR {
            assert!(text.contains(s), "{format} lacks {s:?}:\n{text}");
        }
    }
    // The two unlisted speakers are stripped and reported for the programme team to confirm.
    let err = stderr(&o);
    assert!(
        err.contains(
            "notes/01-plenary.md:15: 'Dr Jones' looks like a speaker missing from participants.csv"
        ),
        "{err}"
    );
    assert!(
        err.contains("'John Smith' looks like a speaker missing from participants.csv"),
        "{err}"
    );
}

#[test]
fn check_lists_the_guesses_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let event = tmp.path().join("hostile");
    copy_dir(&repo().join("tests/fixtures/events/hostile"), &event);
    let o = briefnote(tmp.path(), &["check", event.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "warnings do not fail a check: {}",
        stderr(&o)
    );
    // Two unlisted speakers stripped, and two words that are also participants' names
    // ("Frank exchanges", "Law enforcement") kept for the programme team to confirm.
    let err = stderr(&o);
    assert_eq!(err.matches("warning:").count(), 4, "{err}");
    assert!(
        err.contains("01-plenary.md:17: 'Frank' is a participant's name and also an ordinary word, and nothing here marks it as a person (kept)"),
        "{err}"
    );
    assert!(!tmp.path().join("outputs").exists());
}
