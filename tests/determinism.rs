//! The same inputs give byte-identical outputs: across runs, thread counts, time zones and locales, and whatever other events are built beside them.

mod common;
use briefnote::render::{Format, Templates};
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Build the sample and the two brief-note fixtures together into `out`, with `env` set.
fn build(cwd: &Path, out: &str, env: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    let events = [
        sample(),
        repo().join("tests/fixtures/events/brief"),
        repo().join("tests/fixtures/events/minerals"),
    ];
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefnote"));
    cmd.current_dir(cwd).arg("build");
    for e in &events {
        cmd.arg(e);
    }
    cmd.args(["--out", out]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{env:?}: {}", stderr(&o));
    files_under(&cwd.join(out))
}

#[test]
fn outputs_are_byte_identical_across_threads_time_zones_and_locales() {
    let tmp = tempfile::tempdir().unwrap();
    let one = build(tmp.path(), "one", &[("RAYON_NUM_THREADS", "1")]);
    assert!(one.len() >= 3 * 3, "{:?}", one.keys());
    for (name, env) in [
        ("two", vec![("RAYON_NUM_THREADS", "2")]),
        (
            "elsewhere",
            vec![
                ("RAYON_NUM_THREADS", "2"),
                ("TZ", "Pacific/Kiritimati"),
                ("LC_ALL", "tr_TR.UTF-8"),
                ("LANG", "de_DE.UTF-8"),
            ],
        ),
    ] {
        let other = build(tmp.path(), name, &env);
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "{name}: other files"
        );
        for (file, bytes) in &one {
            assert!(other[file] == *bytes, "{name}: {file} differs");
        }
    }
}

#[test]
fn a_docx_is_the_same_whatever_was_rendered_before_it_on_the_thread() {
    let sample = briefnote::ingest::read_event(&sample()).event.unwrap();
    let brief = briefnote::ingest::read_event(&repo().join("tests/fixtures/events/brief"))
        .event
        .unwrap();
    let docx = |raw| {
        let made = briefnote::make(raw, &[Format::Docx], &Templates::default()).unwrap();
        made.rendered.into_iter().next().unwrap().bytes
    };
    let alone = docx(&sample);
    let _ = docx(&brief);
    let after_another = docx(&sample);
    assert!(
        alone == after_another,
        "the sample's DOCX changed after another was made"
    );
}

#[test]
fn an_event_built_alone_is_the_same_as_built_in_a_batch_and_run_after_run() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = build(tmp.path(), "batch", &[("RAYON_NUM_THREADS", "2")]);
    let in_batch: BTreeMap<&String, &Vec<u8>> = batch
        .iter()
        .filter(|(k, _)| k.starts_with("WP2417/"))
        .collect();
    assert!(in_batch.len() >= 3, "{:?}", batch.keys());
    // Formats are rendered side by side, on whichever threads are free: run it a few times.
    for run in 0..4 {
        let out = format!("alone-{run}");
        let o = build_into(tmp.path(), &sample(), &out);
        assert!(o.status.success(), "{}", stderr(&o));
        let alone = files_under(&tmp.path().join(&out));
        assert_eq!(
            alone.keys().collect::<Vec<_>>(),
            in_batch.keys().copied().collect::<Vec<_>>(),
            "run {run}: other files"
        );
        for (file, bytes) in &alone {
            assert!(in_batch[file] == bytes, "run {run}: {file} differs");
        }
    }
}

/// Build one event into `cwd/out` with two threads.
fn build_into(cwd: &Path, event: &Path, out: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefnote"))
        .current_dir(cwd)
        .arg("build")
        .arg(event)
        .args(["--out", out])
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .unwrap()
}
