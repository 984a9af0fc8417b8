//! participants.csv: any bytes are read or refused with a diagnostic, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = briefnote::ingest::participants::parse(data);
});
