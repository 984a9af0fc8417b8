//! Word notes: any bytes are read or refused with an error, never a panic that escapes.
//!
//! docx-rs panics on some damaged files (an `unwrap` on a zip checksum, found by this target);
//! the reader catches that (`briefnote::quietly`) and reports the file. libFuzzer's panic hook
//! would abort even on a caught panic, so this target leaves panics to `catch_unwind`:
//! one that escapes the reader still fails the run.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = briefnote::ingest::docx::read("notes/f.docx", data);
});
