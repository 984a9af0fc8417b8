//! Markdown notes: any bytes, decoded as the reader decodes them, read without a panic, and every block's line inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = briefnote::ingest::decode::decode(data);
    let notes = briefnote::ingest::markdown::read("notes/f.md", &text);
    let lines = text.lines().count().max(1) as u32 + 1;
    for b in &notes.blocks {
        if let briefnote::model::Loc::Line(n) = b.source.loc {
            assert!(n >= 1 && n <= lines, "line {n} of {lines}");
        }
    }
});
