//! Word notes: any bytes are read or refused with an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = briefnote::ingest::docx::read("notes/f.docx", data);
});
