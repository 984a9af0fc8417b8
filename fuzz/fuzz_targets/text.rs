//! Plain-text notes: any bytes read without a panic, every block non-empty and on a line of the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = briefnote::ingest::decode::decode(data);
    let notes = briefnote::ingest::text::read("notes/f.txt", &text);
    let lines = text.lines().count().max(1) as u32 + 1;
    for b in &notes.blocks {
        assert!(!b.text.is_empty());
        if let briefnote::model::Loc::Line(n) = b.source.loc {
            assert!(n >= 1 && n <= lines, "line {n} of {lines}");
        }
    }
});
