//! Benchmark (not a test): merging and grouping 5,000 recommendations, with a five-theme taxonomy and without one. Target: under 1 s in release.
//!
//! Run: `cargo bench --bench group` (optionally `-- N` for another count).

use briefnote::group::{Input, group};
use briefnote::model::{Role, ThemeDef};
use std::time::Instant;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

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

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5000);
    let mut rng = Lcg(8801);
    let inputs: Vec<Input> = (0..n)
        .map(|i| {
            let text = format!(
                "{} {} {} {} and {}.",
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(QUALIFIERS),
                rng.pick(QUALIFIERS)
            );
            let session = rng.next() % 40;
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

    let start = Instant::now();
    let themes = group(&taxonomy, &inputs);
    let with = start.elapsed().as_secs_f64();
    let merged: usize = themes
        .iter()
        .map(|t| t.recommendations.len() + t.good_practice.len())
        .sum();

    let start = Instant::now();
    let derived = group(&[], &inputs);
    let without = start.elapsed().as_secs_f64();

    println!("{n} items -> {merged} after merging");
    println!("with a taxonomy:    {with:.3} s ({} themes)", themes.len());
    println!(
        "deriving themes:    {without:.3} s ({} themes)",
        derived.len()
    );
}
