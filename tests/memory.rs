//! Peak memory of a batch stays near that of one event: an archive of many events must not need memory in proportion to its size.
#![cfg(target_os = "linux")]

mod common;
#[path = "common/measure.rs"]
mod measure;

use common::generate;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Peak resident memory of one `briefnote build` of `events`, in bytes.
fn peak(events: &[PathBuf], out: &Path) -> u64 {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefnote"));
    cmd.arg("build")
        .args(events)
        .arg("--out")
        .arg(out)
        .args(["--force", "--quiet"])
        .env("RAYON_NUM_THREADS", "2");
    measure::measure(&mut cmd).1
}

#[test]
fn twelve_events_take_little_more_memory_than_one() {
    let tmp = tempfile::tempdir().unwrap();
    let shape = generate::Shape {
        people: 40,
        sessions: 8,
        words: 2000,
        responses: 30,
        docx_every: 3,
    };
    let events: Vec<PathBuf> = (0..12u64)
        .map(|e| {
            let dir = tmp.path().join(format!("event-{e:02}"));
            generate::write_shaped(&dir, 500 + e, &format!("WP{:04}", 5000 + e), &shape);
            dir
        })
        .collect();
    let one = peak(&events[..1], &tmp.path().join("out-1"));
    let twelve = peak(&events, &tmp.path().join("out-12"));
    // Before events had threads of their own, twelve such events peaked at 2.3x the memory of one (149 MB against 64 MB).
    assert!(
        twelve as f64 <= 1.5 * one as f64,
        "12 events peaked at {} MB, one at {} MB: more than 1.5x",
        twelve >> 20,
        one >> 20
    );
}
