//! Nothing a rapporteur marked disappears unexplained: every recommendation and good-practice item of every fixture event is published in its own words, or listed in `internal/skipped.csv` with the reason.

mod common;
use briefnote::model::Role;
use briefnote::render::{Format, Templates};
use common::*;
use std::path::PathBuf;

fn events() -> Vec<PathBuf> {
    let mut out = vec![sample()];
    for e in std::fs::read_dir(repo().join("tests/fixtures/events")).unwrap() {
        let p = e.unwrap().path();
        if p.join("event.toml").is_file() {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn every_marked_item_is_published_or_skipped_with_its_reason() {
    let events = events();
    assert!(events.len() >= 5, "{events:?}");
    for dir in events {
        let raw = briefnote::ingest::read_event(&dir).event.unwrap();
        let made = briefnote::make(&raw, &[Format::Html], &Templates::default()).unwrap();
        let published: Vec<&briefnote::group::Merged> = made
            .themes
            .iter()
            .flat_map(|t| t.recommendations.iter().chain(&t.good_practice))
            .collect();
        let mut marked = 0;
        for item in made
            .items
            .iter()
            .filter(|i| matches!(i.role, Role::Recommendation | Role::GoodPractice))
            .filter(|i| !i.inferred)
        {
            marked += 1;
            let location = item.source.to_string();
            let as_written = published
                .iter()
                .any(|m| m.text == item.text && m.sources.iter().any(|s| s.location == location));
            let skipped: Vec<_> = made
                .skipped
                .iter()
                .filter(|s| s.location == location && s.text == item.text)
                .collect();
            assert!(
                as_written == skipped.is_empty(),
                "{dir:?} {location}: {:?} is {} and skipped {} times",
                item.text,
                if as_written {
                    "published"
                } else {
                    "not published"
                },
                skipped.len()
            );
        }
        assert!(marked > 0, "{dir:?}: no marked items");
        for s in &made.skipped {
            assert!(
                !s.reason.contains("fault of briefnote"),
                "{dir:?} {}: {:?} has no reason: {}",
                s.location,
                s.text,
                s.reason
            );
        }
    }
}

#[test]
fn skipped_csv_gives_the_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let a: &[u8] = b"# Session A\n\n## Recommendations\n\n- Fund the regional office for three years.\n- Speaker\n\nRecommendation:\n";
    let b: &[u8] =
        b"# Session B\n\n## Recommendations\n\n- Fund the regional office for three more years.\n";
    write_event(
        &ev,
        "code = \"WP0009\"\ntitle = \"T\"\nstart = 2026-02-02\n",
        "name,organisation\nAda Lovelace,Analytical Society\nAlan Turing,Bletchley Institute\n",
        &[("a.md", a), ("b.md", b)],
    );
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(tmp.path().join("out/WP0009/internal/skipped.csv")).unwrap();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let reason = |text: &str| {
        rows.iter()
            .find(|r| r[3] == text)
            .map(|r| r[2].clone())
            .unwrap_or_else(|| panic!("{text:?} not in {rows:?}"))
    };
    assert!(reason("Speaker").contains("too short"));
    assert!(reason("").contains("empty"));
    // One of the two near-duplicates is published; the other is listed as merged into it.
    let merged = rows
        .iter()
        .filter(|r| r[2].starts_with("merged with"))
        .count();
    assert_eq!(merged, 1, "{rows:?}");
    let err = stderr(&o);
    assert!(
        err.contains("notes/a.md:8: an empty recommendation"),
        "{err}"
    );
}
