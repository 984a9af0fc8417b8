//! The leak check is the last line of defence: a name that gets past the anonymiser must stop the build before `public/` is touched.

mod common;
use common::*;

const NOTES: &[(&str, &[u8])] = &[(
    "a.md",
    b"# Session A\n\n## Recommendations\n\n- Fund the regional office.\n",
)];

#[test]
fn a_name_in_a_template_fails_the_event_and_leaves_public_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, NOTES);
    // First a good build, so that public/ has files the failed build must not touch.
    let o = briefnote(tmp.path(), &["build", ev.to_str().unwrap(), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html_path = tmp.path().join("out/WP0001/public/WP0001-summary.html");
    let before = std::fs::read(&html_path).unwrap();

    // A template that plants a participant's name where the anonymiser never looks.
    let templates = tmp.path().join("tpl");
    std::fs::create_dir_all(&templates).unwrap();
    let planted = std::fs::read_to_string(repo().join("templates/summary.html.tera"))
        .unwrap()
        .replace(
            "</main>",
            "<p>Thanks to Chidi Okafor for the notes.</p></main>",
        );
    std::fs::write(templates.join("summary.html.tera"), planted).unwrap();
    let o = build_into_out(
        tmp.path(),
        &ev,
        &["--templates", templates.to_str().unwrap()],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("leak check failed: the HTML output"), "{err}");
    assert!(
        err.contains("\"Chidi Okafor\", which matches the participant on participants.csv:3"),
        "{err}"
    );
    assert!(
        err.contains("Thanks to Chidi Okafor for the notes"),
        "the message shows the context: {err}"
    );
    assert_eq!(
        std::fs::read(&html_path).unwrap(),
        before,
        "public/ must be left as it was"
    );
}

#[test]
fn a_name_in_the_event_title_is_caught_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let toml =
        "code = \"WP0001\"\ntitle = \"Dialogue hosted by Maria Lindqvist\"\nstart = 2026-02-02\n";
    write_event(&ev, toml, SMALL_ROSTER, NOTES);
    let o = briefnote(tmp.path(), &["build", ev.to_str().unwrap(), "--out", "out"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for format in ["PDF", "DOCX", "HTML"] {
        assert!(
            err.contains(&format!("leak check failed: the {format} output")),
            "{format} not checked: {err}"
        );
    }
    assert!(!tmp.path().join("out/WP0001/public").exists());
}

#[test]
fn pdf_metadata_and_html_comments_are_checked_too() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, NOTES);
    let templates = tmp.path().join("tpl");
    std::fs::create_dir_all(&templates).unwrap();
    // A PDF whose author is a participant, and an HTML comment with a phone number.
    let typ = std::fs::read_to_string(repo().join("templates/summary.typ"))
        .unwrap()
        .replace("author: v.author,", "author: \"Maria Lindqvist\",");
    std::fs::write(templates.join("summary.typ"), typ).unwrap();
    let html = std::fs::read_to_string(repo().join("templates/summary.html.tera"))
        .unwrap()
        .replace(
            "<main id=\"content\">",
            "<!-- call +44 20 7946 0958 --><main id=\"content\">",
        );
    std::fs::write(templates.join("summary.html.tera"), html).unwrap();
    let o = build_into_out(
        tmp.path(),
        &ev,
        &["--templates", templates.to_str().unwrap()],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("leak check failed: the PDF output (laid-out text and metadata) contains \"Maria Lindqvist\""), "{err}");
    assert!(err.contains("leak check failed: the HTML output (comments and attribute values) contains \"+44 20 7946 0958\", which matches contact details (phone)"), "{err}");
    assert!(!tmp.path().join("out/WP0001/public").exists());
}
