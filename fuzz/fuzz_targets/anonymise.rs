//! The anonymiser over any text, with a roster of names from several naming cultures: no panic, and what it writes has nothing left that it would strip (no roster name survives in a form it recognises).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// Names from several naming cultures, shared with tests/fuzz_regressions.rs.
const ROSTER: &str = include_str!("../../tests/fixtures/fuzz/roster.csv");

static ANONYMISER: LazyLock<briefnote::anonymise::Anonymiser> = LazyLock::new(|| {
    let (people, _) = briefnote::ingest::participants::parse(ROSTER.as_bytes()).unwrap();
    briefnote::anonymise::Anonymiser::new(&people, &[])
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = briefnote::model::Source::line("notes/f.md", 1);
    let mut log = Vec::new();
    let out = ANONYMISER.rewrite(text, &source, &mut log);
    let left: Vec<_> = ANONYMISER
        .find(&out)
        .into_iter()
        .filter(|s| s.certain)
        .collect();
    assert!(left.is_empty(), "left in {out:?}: {left:?}");
});
