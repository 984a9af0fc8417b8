//! Benchmark (not a test): merging and grouping 5,000 recommendations, with a five-theme taxonomy and without one. Target: under 1 s in release.
//!
//! Run: `cargo bench --bench group` (`BENCH_ITEMS=N` for another count; divan's own options
//! after `--`, as `-- --sample-count 3`).

use briefnote::group::{Input, group};
use briefnote::model::{Role, ThemeDef};
use std::sync::LazyLock;

const SUBJECTS: &[&str] = &[
    "Donors",
    "States",
    "Agencies",
    "Regional bodies",
    "Governments",
    "Development banks",
    "Ministries",
    "Funders",
];
const VERBS: &[&str] = &[
    "should fund",
    "should strengthen",
    "should publish",
    "should protect",
    "should expand",
    "should review",
    "should train",
    "should share",
];
const OBJECTS: &[&str] = &[
    "genomic surveillance networks",
    "regional laboratory capacity",
    "early warning systems",
    "preparedness budgets",
    "community health workers",
    "nurse reserves",
    "vaccine manufacturing hubs",
    "diagnostic stockpiles",
    "accountability panels",
    "peer review of preparedness",
    "debt swaps for health",
    "pooled procurement",
    "protective equipment for staff",
    "outbreak data",
    "technology transfer",
    "parliamentary oversight",
];
const QUALIFIERS: &[&str] = &[
    "in every region",
    "within two years",
    "with civil society",
    "before the next emergency",
    "across borders",
    "for low-income countries",
    "with clear targets",
    "under independent review",
    "at national level",
    "with local partners",
];

/// The items and the taxonomy, made once.
static CASE: LazyLock<(Vec<Input>, Vec<ThemeDef>)> = LazyLock::new(|| {
    let n: usize = std::env::var("BENCH_ITEMS")
        .ok()
        .and_then(|a| a.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5000);
    let mut rng = fastrand::Rng::with_seed(8801);
    let inputs: Vec<Input> = (0..n)
        .map(|i| {
            let mut pick = |items: &[&'static str]| items[rng.usize(..items.len())];
            let text = format!(
                "{} {} {} {} and {}.",
                pick(SUBJECTS),
                pick(VERBS),
                pick(OBJECTS),
                pick(QUALIFIERS),
                pick(QUALIFIERS)
            );
            let session = rng.usize(..40);
            Input {
                role: if i % 4 == 0 {
                    Role::GoodPractice
                } else {
                    Role::Recommendation
                },
                text,
                location: format!("notes/s{session}.md:{}", i + 1),
                session: format!("Session {session}"),
                session_key: Some(session),
                inferred: false,
            }
        })
        .collect();
    let theme = |name: &str, keywords: &[&str]| ThemeDef {
        name: name.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    };
    let taxonomy = vec![
        theme(
            "Surveillance",
            &["surveillance", "early warning", "laboratory", "outbreak"],
        ),
        theme("Financing", &["budget", "fund", "debt", "procurement"]),
        theme("Workforce", &["health worker", "nurse", "staff", "train"]),
        theme(
            "Countermeasures",
            &["vaccine", "diagnostic", "technology transfer"],
        ),
        theme(
            "Accountability",
            &["accountability", "peer review", "parliamentary"],
        ),
    ];
    (inputs, taxonomy)
});

fn main() {
    let (inputs, taxonomy) = &*CASE;
    let themes = group(taxonomy, inputs);
    let merged: usize = themes
        .iter()
        .map(|t| t.recommendations.len() + t.good_practice.len())
        .sum();
    let derived = group(&[], inputs);
    println!(
        "{} items -> {merged} after merging; {} themes from the taxonomy, {} derived",
        inputs.len(),
        themes.len(),
        derived.len()
    );
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn with_a_taxonomy() -> usize {
    let (inputs, taxonomy) = &*CASE;
    group(taxonomy, inputs).len()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn deriving_themes() -> usize {
    group(&[], &CASE.0).len()
}
