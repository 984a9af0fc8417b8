//! Faults: a run killed at any moment leaves every event's previous `public/` whole and the next run leaves nothing behind; an output folder that cannot be written is one clear error for that event, nothing partial, and the other events build.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The files of a folder, by name.
fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Every path under `dir` whose name starts with a dot or ends in `.tmp`: what a killed run
/// could leave.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with(".tmp") {
                out.push(p.display().to_string());
            }
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    out
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_previous_public_folder_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    copy_dir(&sample(), &ev);
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = tmp.path().join("out/WP2417/public");
    let old = folder(&public);
    assert_eq!(old.len(), 3);

    // The next build says something more, so its outputs differ from the first's.
    let notes = ev.join("notes");
    let first = std::fs::read_dir(&notes)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a Markdown notes file in the sample");
    let mut text = std::fs::read_to_string(&first).unwrap();
    text.push_str("\n\nRecommendation: Publish a short account of every meeting within a month.\n");
    std::fs::write(&first, text).unwrap();
    let reference = tmp.path().join("reference");
    let o = briefnote(
        tmp.path(),
        &[
            "build",
            ev.to_str().unwrap(),
            "--out",
            reference.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let new = folder(&reference.join("WP2417/public"));
    assert_ne!(old, new);

    // How long a build takes here, to spread the kills over it.
    let start = Instant::now();
    let o = briefnote(
        tmp.path(),
        &["build", ev.to_str().unwrap(), "--out", "timing"],
    );
    assert!(o.status.success());
    let took = start.elapsed();

    let event = tmp.path().join("out/WP2417");
    let staging = |dir: &Path| {
        ["", "public", "internal"].iter().any(|sub| {
            std::fs::read_dir(dir.join(sub)).is_ok_and(|mut d| {
                d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.')))
            })
        })
    };
    let mut saw_old_after_kill = false;
    // Kills spread over the whole build, then kills the moment the writing starts (a
    // hidden file or folder appears) and a little after it: mid-render, mid-write, mid-swap.
    let mut plans: Vec<(Option<Duration>, Duration)> =
        (0..12u32).map(|k| (None, took * k / 10)).collect();
    for us in [0u64, 0, 0, 50, 100, 200, 400, 800, 1600, 3200] {
        plans.push((Some(took * 3), Duration::from_micros(us)));
    }
    for (wait_for_writing, at) in plans {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefnote"))
            .current_dir(tmp.path())
            .args(["build", ev.to_str().unwrap(), "--out", "out", "--force"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if let Some(limit) = wait_for_writing {
            let begun = Instant::now();
            while !staging(&event) && begun.elapsed() < limit {
                std::hint::spin_loop();
            }
        }
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = folder(&public);
        assert!(
            now == old || now == new,
            "killed after {at:?}: public/ is neither the old build nor the new one: {:?}",
            now.keys().collect::<Vec<_>>()
        );
        saw_old_after_kill |= now == old;
    }
    assert!(saw_old_after_kill, "no kill landed before the swap");
    // A run to the end leaves nothing of the killed ones behind.
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(folder(&public), new);
    let left = leftovers(&tmp.path().join("out"));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_one_error_and_the_others_build() {
    let tmp = tempfile::tempdir().unwrap();
    let (good, bad) = (tmp.path().join("good"), tmp.path().join("bad"));
    write_event(
        &good,
        "code = \"WP0001\"\ntitle = \"Good\"\nstart = 2026-02-02\n",
        "name\nAda Lovelace\n",
        &[(
            "a.md",
            b"# A\n\n## Recommendations\n\n- Fund the regional office.\n",
        )],
    );
    write_event(
        &bad,
        "code = \"WP0002\"\ntitle = \"Bad\"\nstart = 2026-02-02\n",
        "name\nAda Lovelace\n",
        &[(
            "a.md",
            b"# A\n\n## Recommendations\n\n- Fund the regional office.\n",
        )],
    );
    // Where WP0002's folder must go there is a file (as root, permissions would not stop a
    // write; this does).
    std::fs::create_dir_all(tmp.path().join("out")).unwrap();
    std::fs::write(tmp.path().join("out/WP0002"), "in the way").unwrap();
    let o = briefnote(
        tmp.path(),
        &[
            "build",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--out",
            "out",
        ],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("WP0002") && errors[0].contains("cannot write the outputs"),
        "{err}"
    );
    assert_eq!(folder(&tmp.path().join("out/WP0001/public")).len(), 3);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/WP0002")).unwrap(),
        "in the way"
    );
    assert!(leftovers(&tmp.path().join("out")).is_empty());
}

#[test]
fn a_full_disk_is_one_error_and_leaves_nothing() {
    // A small tmpfs is a disk that fills; mounting one needs root, which CI has.
    let tmp = tempfile::tempdir().unwrap();
    let small = tmp.path().join("small");
    std::fs::create_dir_all(&small).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&small)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    let o = briefnote(
        tmp.path(),
        &[
            "build",
            sample().to_str().unwrap(),
            "--out",
            small.join("out").to_str().unwrap(),
        ],
    );
    let listed = leftovers(&small);
    let entries: Vec<_> = std::fs::read_dir(small.join("out"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    let _ = Command::new("umount").arg(&small).status();
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("cannot write the outputs: No space left on device"),
        "{err}"
    );
    assert!(err.contains("nothing was written to public/"), "{err}");
    assert!(listed.is_empty(), "{listed:?}");
    assert!(entries.is_empty(), "{entries:?}");
}

#[test]
fn a_read_only_output_folder_is_one_error_per_event_and_leaves_nothing() {
    // A tmpfs remounted read-only: as root, permissions alone would not stop a write.
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    let mount = |args: &[&str]| {
        Command::new("mount")
            .args(args)
            .arg(&ro)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"]) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    std::fs::create_dir_all(ro.join("out")).unwrap();
    if !mount(&["-o", "remount,ro"]) {
        let _ = Command::new("umount").arg(&ro).status();
        eprintln!("skipped: cannot remount the tmpfs read-only here");
        return;
    }
    let minerals = repo().join("tests/fixtures/events/minerals");
    let o = briefnote(
        tmp.path(),
        &[
            "build",
            sample().to_str().unwrap(),
            minerals.to_str().unwrap(),
            "--out",
            ro.join("out").to_str().unwrap(),
        ],
    );
    let entries = std::fs::read_dir(ro.join("out")).unwrap().count();
    let _ = Command::new("umount").arg(&ro).status();
    assert!(!o.status.success());
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    for e in &errors {
        assert!(
            e.contains("cannot write the outputs: Read-only file system"),
            "{e}"
        );
    }
    assert_eq!(entries, 0);
}
