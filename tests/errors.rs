//! What a user sees when input is wrong: exact messages naming file, line and fix; one bad event never stops the others or leaves anything half-written.

mod common;
use common::*;

fn build(cwd: &std::path::Path, events: &[&std::path::Path]) -> std::process::Output {
    let mut args = vec!["build".to_string()];
    args.extend(events.iter().map(|e| e.display().to_string()));
    args.extend(["--out".to_string(), "out".to_string()]);
    briefnote(cwd, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

const NOTES: &[(&str, &[u8])] = &[(
    "a.md",
    b"# Session A\n\n## Recommendations\n\n- Fund the regional office.\n",
)];

#[test]
fn an_unknown_key_in_event_toml_names_the_key_and_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        &format!("{SMALL_EVENT}venu = \"Wilton Park\"\n"),
        SMALL_ROSTER,
        NOTES,
    );
    let o = build(tmp.path(), &[&ev]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: {}: unknown key `venu`",
            ev.join("event.toml:4").display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: did you mean 'venue'?"), "{err}");
    assert!(
        !tmp.path().join("out").exists(),
        "nothing may be written for a failed event"
    );
}

#[test]
fn every_mistake_of_event_toml_is_reported_in_one_check() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        "code = \"WP0003\"\ntitle = \"T\"\n# the day the event opens\nstart = \"16/01/2023\"\nvenue = \"Wilton Park\"\n\npartenrs = [\"A ministry\"]\n",
        SMALL_ROSTER,
        NOTES,
    );
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let toml = ev.join("event.toml");
    for (line, text) in [
        (4, "`start` is the text \"16/01/2023\", not a date"),
        (7, "unknown key `partenrs`"),
    ] {
        assert!(
            err.contains(&format!("error: {}:{line}: {text}", toml.display())),
            "{err}"
        );
    }
    assert!(
        err.contains("hint: write it as a TOML date, without quotes: start = 2023-01-16"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean 'partners'?"), "{err}");
}

#[test]
fn a_missing_code_is_an_error_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        "title = \"T\"\nstart = 2026-02-02\n",
        SMALL_ROSTER,
        NOTES,
    );
    let o = build(tmp.path(), &[&ev]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("event.toml:1: missing key `code`"), "{err}");
    assert!(
        err.contains(
            "hint: add it; `code`, `title` and `start` are required, as in code = \"WP2417\""
        ),
        "{err}"
    );
}

#[test]
fn a_corrupt_docx_names_the_file_and_the_fix_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        SMALL_EVENT,
        SMALL_ROSTER,
        &[
            ("a.md", NOTES[0].1),
            ("b.docx", b"PK\x03\x04 this is not a zip"),
        ],
    );
    let o = build(tmp.path(), &[&ev]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: {}: not a readable Word document",
            ev.join("notes/b.docx").display()
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: open it in Word and save it again as a .docx document"),
        "{err}"
    );
    assert!(
        err.contains("WP0001: failed (1 error); nothing was written to public/"),
        "{err}"
    );
    assert!(!tmp.path().join("out/WP0001").exists());
}

#[test]
fn a_windows_1252_notes_file_reads_correctly() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    // "Genève" and a curly apostrophe in Windows-1252, as Notepad once saved them.
    let notes: &[u8] = b"# Geneva session\n\n## Recommendations\n\n- Open a liaison office in Gen\xe8ve, the region\x92s hub.\n";
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, &[("geneva.txt", notes)]);
    let o = build(tmp.path(), &[&ev]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = html_text(&tmp.path().join("out/WP0001/public/WP0001-summary.html"));
    assert!(
        html.contains("Open a liaison office in Genève, the region’s hub."),
        "{html}"
    );
    // Read correctly, but not in silence: the first line with a byte beyond ASCII is named.
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "warning: {}:5: not UTF-8; read as Windows-1252",
            ev.join("notes/geneva.txt").display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: save it as UTF-8 to be sure"), "{err}");
}

#[test]
fn two_notes_files_with_one_title_are_both_kept_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let a: &[u8] = b"# Financing\n\n## Recommendations\n\n- Fund the regional office.\n";
    let b: &[u8] = b"\n# Financing\n\n## Recommendations\n\n- Publish the budget every year.\n";
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, &[("a.md", a), ("b.md", b)]);
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "warning: {}:2: the same session title as notes/a.md:1: \"Financing\"",
            ev.join("notes/b.md").display()
        )),
        "{err}"
    );
    let o = build(tmp.path(), &[&ev]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = html_text(&tmp.path().join("out/WP0001/public/WP0001-summary.html"));
    assert!(html.contains("Fund the regional office"), "{html}");
    assert!(html.contains("Publish the budget every year"), "{html}");
}

#[test]
fn one_bad_event_does_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let (good, bad) = (tmp.path().join("good"), tmp.path().join("bad"));
    write_event(&good, SMALL_EVENT, SMALL_ROSTER, NOTES);
    write_event(
        &bad,
        "code = \"WP0002\"\ntitle = \"T\"\nstart = \"soon\"\n",
        SMALL_ROSTER,
        NOTES,
    );
    let o = build(tmp.path(), &[&bad, &good]);
    assert!(
        !o.status.success(),
        "a failed event makes the exit status non-zero"
    );
    let err = stderr(&o);
    assert!(err.contains("event.toml:3:"), "{err}");
    assert!(err.contains("1 of 2 events failed"), "{err}");
    assert!(
        tmp.path()
            .join("out/WP0001/public/WP0001-summary.pdf")
            .is_file()
    );
    assert!(
        stdout(&o).starts_with("WP0001: 1 sessions, 1 recommendations"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn files_that_are_not_notes_are_reported_not_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        SMALL_EVENT,
        SMALL_ROSTER,
        &[
            ("a.md", NOTES[0].1),
            ("old.doc", b"x"),
            ("~$a.docx", b"lock"),
            (".hidden.md", b"x"),
        ],
    );
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.contains("notes/old.doc: skipped: not a notes format\n  hint: save it from Word as a .docx document"), "{err}");
    assert!(
        !err.contains("~$a.docx") && !err.contains(".hidden.md"),
        "lock and hidden files are ignored: {err}"
    );
}

#[test]
fn a_missing_participant_list_stops_the_event() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, NOTES);
    std::fs::remove_file(ev.join("participants.csv")).unwrap();
    let o = build(tmp.path(), &[&ev]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains(
        "participants.csv: missing: without the participant list no name can be stripped or checked"
    ));
}

#[test]
fn init_makes_an_event_that_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let o = briefnote(tmp.path(), &["init", "inputs/wp-next"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ev = tmp.path().join("inputs/wp-next");
    assert!(ev.join("notes").is_dir() && ev.join("questionnaire").is_dir());
    let again = briefnote(tmp.path(), &["init", "inputs/wp-next"]);
    assert!(!again.status.success(), "init never overwrites");
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn help_shows_the_folder_layout() {
    let o = briefnote(&repo(), &["build", "--help"]);
    let out = stdout(&o);
    assert!(
        out.contains("participants.csv    who was in the room"),
        "{out}"
    );
    assert!(out.contains("outputs/<CODE>/public/<CODE>-summary.{pdf,docx,html}"));
}

#[test]
fn a_zip_bomb_among_the_notes_is_refused_with_the_limit_named() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, NOTES);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(ev.join("notes/bomb.docx")).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: {}: cannot read it: it unzips to more than 256 MB",
            ev.join("notes/bomb.docx").display()
        )),
        "{err}"
    );
}

#[test]
fn init_templates_copies_them_out_and_a_build_with_them_is_the_same_until_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let o = briefnote(tmp.path(), &["init", "--templates", "tpl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["summary.typ", "summary.html.tera"] {
        assert!(tmp.path().join("tpl").join(f).is_file(), "{f}");
    }
    // Never over a template already there.
    let again = briefnote(tmp.path(), &["init", "--templates", "tpl"]);
    assert!(!again.status.success());
    let ev = tmp.path().join("ev");
    write_event(&ev, SMALL_EVENT, SMALL_ROSTER, NOTES);
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success());
    let html = tmp.path().join("out/WP0001/public/WP0001-summary.html");
    let default = std::fs::read(&html).unwrap();
    let o = build_into_out(tmp.path(), &ev, &["--templates", "tpl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read(&html).unwrap() == default,
        "the copies are the built-in templates"
    );
    // An edit to the copy shows.
    let tera = tmp.path().join("tpl/summary.html.tera");
    let text = std::fs::read_to_string(&tera).unwrap();
    std::fs::write(
        &tera,
        text.replace(
            "<h1>{{ header.title }}</h1>",
            "<h1>{{ header.title }} (edited)</h1>",
        ),
    )
    .unwrap();
    let o = build_into_out(tmp.path(), &ev, &["--templates", "tpl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("(edited)</h1>")
    );
}

#[test]
fn quiet_prints_only_errors_and_verbose_prints_notes_too() {
    let tmp = tempfile::tempdir().unwrap();
    let (good, bad) = (tmp.path().join("good"), tmp.path().join("bad"));
    // A recommendation of two words is a warning; the length of the note is a note.
    write_event(
        &good,
        SMALL_EVENT,
        SMALL_ROSTER,
        &[(
            "a.md",
            b"# A\n\n## Recommendations\n\n- Fund the regional office.\n- Speaker\n",
        )],
    );
    write_event(
        &bad,
        "code = \"WP0002\"\ntitle = \"T\"\nstart = \"soon\"\n",
        SMALL_ROSTER,
        NOTES,
    );
    let run = |flag: &str| {
        let mut args = vec![
            "build",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--out",
            "out",
        ];
        if !flag.is_empty() {
            args.push(flag);
        }
        args.push("--force");
        briefnote(tmp.path(), &args)
    };
    let quiet = run("--quiet");
    assert!(stdout(&quiet).is_empty(), "{}", stdout(&quiet));
    let err = stderr(&quiet);
    assert!(
        err.contains("error:") && !err.contains("warning:") && !err.contains("note:"),
        "{err}"
    );
    let usual = run("");
    assert!(stdout(&usual).contains("WP0001: 1 sessions"));
    assert!(stderr(&usual).contains("warning:") && !stderr(&usual).contains("note:"));
    let verbose = run("-v");
    assert!(stderr(&verbose).contains("note:"), "{}", stderr(&verbose));
    // No progress bar where nobody watches: stderr is a pipe here.
    assert!(!stderr(&usual).contains("/2 events"), "{}", stderr(&usual));
}
