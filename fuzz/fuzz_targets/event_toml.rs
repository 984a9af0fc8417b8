//! event.toml: any text is read or refused with diagnostics on lines of the file, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = briefnote::ingest::decode::decode(data);
    if let Err(problems) = briefnote::ingest::event::parse(&text) {
        assert!(!problems.is_empty());
        let lines = text.split('\n').count() as u32;
        for p in problems {
            if let briefnote::model::Loc::Line(n) = p.source.loc {
                assert!(n >= 1 && n <= lines.max(1), "line {n} of {lines}: {}", p.message);
            }
        }
    }
});
