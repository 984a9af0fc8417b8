//! Questionnaire exports: any bytes, as CSV or as a spreadsheet (the first byte chooses), are read or refused with a diagnostic, never a panic; identifying columns never come through.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // calamine can panic on a damaged file; the reader catches it (`briefnote::quietly`), so
    // caught panics are left to catch_unwind, and one that escapes still fails the run.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let ext = if first % 2 == 0 { "csv" } else { "xlsx" };
    if let Ok((export, _)) = briefnote::ingest::questionnaire::read_bytes(ext, rest, "questionnaire/f") {
        // A column headed as an identifying one never comes through.
        for c in &export.columns {
            let t = c.question.trim().to_lowercase();
            assert!(
                !matches!(t.as_str(), "email address" | "ip address" | "email" | "respondent id"),
                "{t}"
            );
        }
    }
});
