//! Whole builds of a ten-event batch (12 sessions × 3,000 words, 50 participants each, from the tests' generator), brief and full, to measure what choosing the discussion costs. `cargo bench --bench batch`; nothing is written outside a temporary folder.
//!
//! Timed by its own loop, not divan or criterion: one measurement is a whole multi-threaded
//! `run` of ten events that writes its outputs (best and median of seven), another the
//! summary stage timed between the other stages of each build, summed over the batch; the
//! harnesses time one closure, repeated, at a time.

#[path = "../tests/common/generate.rs"]
#[allow(dead_code)]
mod generate;

use briefnote::render::{Format, Templates};
use briefnote::{Config, run};
use std::time::{Duration, Instant};

fn batch(root: &std::path::Path, length: &str) -> Vec<std::path::PathBuf> {
    (0..10u64)
        .map(|e| {
            let dir = root.join(format!("{length}-{e:02}"));
            generate::write_event(&dir, 1000 + e, &format!("WP{:04}", 2000 + e), 50, 12, 3000);
            let toml = dir.join("event.toml");
            let text = std::fs::read_to_string(&toml).unwrap();
            std::fs::write(&toml, format!("{text}length = \"{length}\"\n")).unwrap();
            dir
        })
        .collect()
}

fn time(events: Vec<std::path::PathBuf>, out: &std::path::Path) -> (Duration, Duration) {
    let config = Config {
        events,
        out: out.to_path_buf(),
        formats: Format::ALL.to_vec(),
        templates: Templates::default(),
        emit_view: false,
        dry_run: true,
        draft: false,
        force: true,
    };
    let mut runs = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let outcomes = run(&config);
        runs.push(start.elapsed());
        assert!(
            outcomes.iter().all(|o| !o.failed()),
            "a generated event failed"
        );
    }
    runs.sort();
    (runs[0], runs[runs.len() / 2])
}

/// The summary stage alone, over the brief events: what choosing the discussion costs, out
/// of the whole build (`make`: anonymise to leak check, all three formats).
fn stage(events: &[std::path::PathBuf]) -> (Duration, Duration) {
    let raws: Vec<_> = events
        .iter()
        .map(|d| {
            briefnote::ingest::read_event(d)
                .event
                .expect("a generated event reads")
        })
        .collect();
    let mut whole = Duration::MAX;
    let mut choosing = Duration::MAX;
    for _ in 0..5 {
        let (mut w, mut c) = (Duration::ZERO, Duration::ZERO);
        for raw in &raws {
            let start = Instant::now();
            let made = briefnote::make(raw, &Format::ALL, &Templates::default()).unwrap();
            w += start.elapsed();
            assert!(made.leaks.is_empty());
            // The same stage again, on the event's themes before it ran.
            let anonymiser = briefnote::anonymise::Anonymiser::for_event(raw);
            let clean = briefnote::anonymise::anonymise(raw, &anonymiser);
            let items = briefnote::extract::extract(&clean);
            let themes = briefnote::group::group(
                &clean.meta().themes,
                &briefnote::group::inputs(&clean, &items),
            );
            let start = Instant::now();
            let mut t = themes.clone();
            std::hint::black_box(briefnote::summarise::summarise(&mut t, Some(1500)));
            c += start.elapsed();
        }
        whole = whole.min(w);
        choosing = choosing.min(c);
    }
    (whole, choosing)
}

fn main() {
    let tmp = std::env::temp_dir().join(format!("briefnote-bench-{}", std::process::id()));
    let full = batch(&tmp, "full");
    let brief = batch(&tmp, "brief");
    let out = tmp.join("out");
    if std::env::var_os("BATCH_STAGE_ONLY").is_some() {
        // For a profiler: the summary stage and nothing else of note.
        let (whole, choosing) = stage(&brief);
        println!("summary stage {choosing:?} of {whole:?}");
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }
    // Alternate, so that a noisy moment of the machine falls on both.
    let (f1, fm1) = time(full.clone(), &out);
    let (b1, bm1) = time(brief.clone(), &out);
    let (f2, fm2) = time(full, &out);
    let (b2, bm2) = time(brief.clone(), &out);
    let (whole, choosing) = stage(&brief);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "ten events, all three formats, rendered and checked, nothing written (best / median of 7, twice):"
    );
    println!(
        "  length = full : {:.0} / {:.0} ms, {:.0} / {:.0} ms",
        ms(f1),
        ms(fm1),
        ms(f2),
        ms(fm2)
    );
    println!(
        "  length = brief: {:.0} / {:.0} ms, {:.0} / {:.0} ms",
        ms(b1),
        ms(bm1),
        ms(b2),
        ms(bm2)
    );
    println!(
        "  summary stage alone: {:.0} ms of {:.0} ms for the ten brief events one after another ({:.1}%)",
        ms(choosing),
        ms(whole),
        100.0 * choosing.as_secs_f64() / whole.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
