//! An event folder with the mistakes programme teams make every week: one `check` reports every one of them with its file, line and fix; a `build` of it beside two good events builds those exactly as without it and writes nothing for it.

mod common;
use common::*;
use std::path::Path;

/// An event with every mistake at once.
fn bad_event(dir: &Path) {
    write_event(
        dir,
        "code = \"WP0999\"\ntitle = \"Mistakes\"\n\nstart = \"16/01/2023\"\nvenue = \"Wilton Park\"\n\npartenrs = [\"A ministry\"]\n",
        "name,organisation\nAda Lovelace,Analytical Society\n",
        &[
            // Saved by an old editor in Windows-1252: "Genève" on line 3.
            ("geneva.md", b"# Geneva\n\nTalks in Gen\xe8ve went well.\n\n## Recommendations\n\n- Open an office.\n"),
            // Two sessions with one title.
            ("a.md", b"# Financing\n\nDonors met.\n"),
            ("b.md", b"# Financing\n\nDonors met again.\n"),
            // An old Word format, Word's lock file and a Finder file.
            ("old.doc", b"\xd0\xcf\x11\xe0"),
            ("~$a.docx", b"lock"),
            (".DS_Store", b"\0\0\0\x01Bud1"),
            // A Word file that is not one.
            ("broken.docx", b"not a zip"),
        ],
    );
}

#[test]
fn one_check_reports_every_mistake_with_its_file_line_and_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("bad");
    bad_event(&ev);
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    assert!(!o.status.success(), "check must fail");
    let err = stderr(&o);
    let at = |f: &str| ev.join(f).display().to_string();
    for (level, place, text, hint) in [
        (
            "error",
            at("event.toml:4"),
            "`start` is the text \"16/01/2023\", not a date",
            "start = 2023-01-16",
        ),
        (
            "error",
            at("event.toml:7"),
            "unknown key `partenrs`",
            "did you mean 'partners'?",
        ),
        (
            "warning",
            at("notes/geneva.md:3"),
            "not UTF-8; read as Windows-1252",
            "save it as UTF-8",
        ),
        (
            "warning",
            at("notes/b.md:1"),
            "the same session title as notes/a.md:1",
            "both are kept",
        ),
        (
            "warning",
            at("notes/old.doc"),
            "skipped: not a notes format",
            "save it from Word as a .docx",
        ),
        (
            "error",
            at("notes/broken.docx"),
            "not a readable Word document",
            "save it again as a .docx",
        ),
    ] {
        let line = format!("{level}: {place}: {text}");
        let found = err
            .find(&line)
            .unwrap_or_else(|| panic!("{line}\nnot in:\n{err}"));
        // The diagnostic runs to the next one: its hint, and for a line of a text file the
        // line itself with a caret under it, are in between.
        let block: Vec<&str> = err[found..]
            .lines()
            .enumerate()
            .take_while(|(i, l)| {
                *i == 0
                    || !["error:", "warning:", "note:"]
                        .iter()
                        .any(|s| l.starts_with(s))
            })
            .map(|(_, l)| l)
            .collect();
        assert!(
            block
                .iter()
                .any(|l| l.contains("hint:") && l.contains(hint)),
            "{line}: no hint {hint:?} in {block:#?}"
        );
        if place.ends_with(":4") && place.contains("event.toml") {
            assert!(
                block
                    .iter()
                    .any(|l| l.contains("4 | start = \"16/01/2023\""))
                    && block.iter().any(|l| l.contains("| ^^^^")),
                "the offending line and a caret under it: {block:#?}"
            );
        }
    }
    // Word's lock file and the Finder's file are no notes, and no news.
    assert!(
        !err.contains("~$a.docx") && !err.contains(".DS_Store"),
        "{err}"
    );
}

#[test]
fn a_build_beside_good_events_builds_them_as_without_it_and_writes_nothing_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad");
    bad_event(&bad);
    let good = [sample(), repo().join("tests/fixtures/events/minerals")];
    let mut with = vec!["build".to_string()];
    with.extend(good.iter().map(|p| p.display().to_string()));
    with.push(bad.display().to_string());
    with.extend(["--out".to_string(), "with".to_string()]);
    let args: Vec<&str> = with.iter().map(String::as_str).collect();
    let o = briefnote(tmp.path(), &args);
    assert!(!o.status.success(), "a failed event makes the run fail");
    assert!(
        stderr(&o).contains("1 of 3 events failed"),
        "{}",
        stderr(&o)
    );
    let o = briefnote(
        tmp.path(),
        &[
            "build",
            good[0].to_str().unwrap(),
            good[1].to_str().unwrap(),
            "--out",
            "without",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let with = files_under(&tmp.path().join("with"));
    let without = files_under(&tmp.path().join("without"));
    assert_eq!(
        with.keys().collect::<Vec<_>>(),
        without.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &without {
        assert!(
            with[name] == *bytes,
            "{name} differs with the bad event beside it"
        );
    }
    assert!(!tmp.path().join("with/WP0999").exists());
}
