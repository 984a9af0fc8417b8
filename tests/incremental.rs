//! Incremental builds: an event whose inputs, templates, options and briefnote are unchanged since its last build is skipped, and one changed file, a deleted output or `--force` builds it again.

mod common;
use common::*;

#[test]
fn an_unchanged_event_is_skipped_and_a_change_rebuilds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    copy_dir(&repo().join("tests/fixtures/events/minerals"), &ev);
    let built = |extra: &[&str]| {
        let o = build_into_out(tmp.path(), &ev, extra);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let unchanged = "WP2633: unchanged since its last build, skipped";
    assert!(!built(&[]).contains(unchanged));
    let out = tmp.path().join("out/WP2633");
    let before = files_under(&out);
    assert!(before.contains_key("internal/build.sha256"));
    // Again: nothing is made, nothing is written.
    let pdf = out.join("public/WP2633-summary.pdf");
    let modified = std::fs::metadata(&pdf).unwrap().modified().unwrap();
    assert!(built(&[]).contains(unchanged));
    assert_eq!(
        std::fs::metadata(&pdf).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(files_under(&out), before);
    // A notes file changed: built again, and the note says it.
    let notes = ev.join("notes/03-breakout-finance.md");
    let text = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(
        &notes,
        format!("{text}\n- Recommendation: Publish every offtake agreement.\n"),
    )
    .unwrap();
    assert!(!built(&[]).contains(unchanged));
    assert!(
        html_text(&out.join("public/WP2633-summary.html"))
            .contains("Publish every offtake agreement")
    );
    assert!(built(&[]).contains(unchanged));
    // Other options are another build; so is --force, and so is a missing output.
    assert!(!built(&["--draft"]).contains(unchanged));
    assert!(built(&["--draft"]).contains(unchanged));
    assert!(!built(&[]).contains(unchanged));
    assert!(!built(&["--force"]).contains(unchanged));
    std::fs::remove_file(&pdf).unwrap();
    assert!(!built(&[]).contains(unchanged));
    assert!(pdf.is_file());
}
