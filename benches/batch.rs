//! Whole builds of a ten-event batch (12 sessions × 3,000 words, 50 participants each, from the tests' generator), brief and full, to measure what choosing the discussion costs. `cargo bench --bench batch`; nothing is written outside a temporary folder.

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

fn main() {
    let tmp = std::env::temp_dir().join(format!("briefnote-bench-{}", std::process::id()));
    let full = batch(&tmp, "full");
    let brief = batch(&tmp, "brief");
    let out = tmp.join("out");
    // Alternate, so that a noisy moment of the machine falls on both.
    let (f1, fm1) = time(full.clone(), &out);
    let (b1, bm1) = time(brief.clone(), &out);
    let (f2, fm2) = time(full, &out);
    let (b2, bm2) = time(brief, &out);
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
    let _ = std::fs::remove_dir_all(&tmp);
}
