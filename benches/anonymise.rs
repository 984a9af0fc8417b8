//! Benchmark (not a test): anonymiser throughput on one core, with a 1,000-participant roster and every name variant, over at least 50 MB of generated notes.
//!
//! Run: `cargo bench --bench anonymise` (`BENCH_MB=N` for another size; divan's options after
//! `--`). divan reports each pass's time and its throughput in bytes a second (MB/s are 10^6
//! bytes a second, as the target is stated).

use briefnote::anonymise::Anonymiser;
use briefnote::model::{Participant, Source};
use divan::counter::BytesCount;
use std::sync::LazyLock;

const SYLLABLES: &[&str] = &[
    "lin", "dqv", "ok", "af", "or", "mä", "jä", "ske", "lai", "nen", "gó", "mez", "pe", "ña", "ra",
    "ghu", "na", "than", "wi", "śniew", "ski", "men", "sah", "dia", "llo", "bren", "ner", "had",
    "dad", "ber", "ach", "ieng", "mo", "rei", "kar", "imi", "sol", "vol", "kov", "far", "ouk",
    "du", "bois", "dla", "mi", "ni",
];
const FILLER: &[&str] = &[
    "Participants agreed that access must be negotiated continuously at every level.",
    "Several participants argued that bureaucratic impediments now close more doors than violence does.",
    "It was suggested that donors treat access costs as eligible costs in every grant.",
    "The discussion turned to the safety of national staff and local partners.",
    "One view was that flexible funding is what lets an agency stay when access narrows.",
    "Young people and women-led organisations were said to be missing from most negotiations.",
    "The rule of law, acting in good faith and a noble aim were all invoked.",
];

/// A name as a writer without the accents would type it.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' => 'a',
            'ó' => 'o',
            'ñ' => 'n',
            'ś' => 's',
            c => c,
        })
        .collect()
}

fn pick(rng: &mut fastrand::Rng, items: &[&'static str]) -> &'static str {
    items[rng.usize(..items.len())]
}

fn name(rng: &mut fastrand::Rng, parts: usize) -> String {
    let mut s: String = (0..parts).map(|_| pick(rng, SYLLABLES)).collect();
    let first = s.remove(0).to_uppercase().to_string();
    first + &s
}

/// The roster, the anonymiser made from it, and the generated notes: made once.
struct Case {
    roster: Vec<Participant>,
    anonymiser: Anonymiser,
    paragraphs: Vec<String>,
    total: usize,
}

static CASE: LazyLock<Case> = LazyLock::new(|| {
    let mb: usize = std::env::var("BENCH_MB")
        .ok()
        .and_then(|a| a.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(50);
    let mut rng = fastrand::Rng::with_seed(2417);
    let roster: Vec<Participant> = (0..1000)
        .map(|i| {
            let (given, family) = (name(&mut rng, 2), name(&mut rng, 3));
            Participant {
                name: format!("{given} {family}"),
                given: Some(given.clone()),
                family: Some(family.clone()),
                organisation: Some(format!("{} Institute for Policy {i}", name(&mut rng, 2))),
                role: Some(format!("Director of Programme {i}")),
                email: Some(format!(
                    "{}.{}@example.org",
                    given.to_lowercase(),
                    family.to_lowercase()
                )),
                country: Some("Veridia".into()),
                sector: Some("Government".into()),
                source: Source::line("participants.csv", i as u32 + 2),
            }
        })
        .collect();

    // Paragraphs of about 650 bytes; three sentences in four name someone, in one of twelve
    // forms (full, honorific, possessive, capitals, reversed, with affiliation, label,
    // accents dropped, first name, broken across a line, email, role).
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < mb * 1024 * 1024 {
        let mut p = String::new();
        for _ in 0..6 {
            let who = &roster[rng.usize(..roster.len())];
            let (g, f) = (
                who.given.as_deref().unwrap(),
                who.family.as_deref().unwrap(),
            );
            let mention = match rng.u8(..16) {
                0 => format!("{g} {f} said that "),
                1 => format!("Dr {f} noted that "),
                2 => format!("{}'s paper showed that ", f),
                3 => format!("{} {} argued that ", g.to_uppercase(), f.to_uppercase()),
                4 => format!("{f}, {g} added that "),
                5 => format!(
                    "Ambassador {f} ({}) warned that ",
                    who.organisation.as_deref().unwrap()
                ),
                6 => format!("{f}: "),
                7 => format!("{} {} said that ", plain(g), plain(f)),
                8 => format!("{g} suggested that "),
                9 => format!("As {g}\n{f} put it, "),
                10 => format!("(contact {}) ", who.email.as_deref().unwrap()),
                11 => format!("The {} observed that ", who.role.as_deref().unwrap()),
                _ => String::new(),
            };
            p.push_str(&mention);
            p.push_str(pick(&mut rng, FILLER));
            p.push(' ');
        }
        total += p.len();
        paragraphs.push(p);
    }
    let anonymiser = Anonymiser::new(&roster, &["Wilton Park".to_string()]);
    Case {
        roster,
        anonymiser,
        paragraphs,
        total,
    }
});

fn main() {
    let case = &*CASE;
    println!(
        "roster: {} participants; text: {:.1} MiB in {} paragraphs",
        case.roster.len(),
        case.total as f64 / (1024.0 * 1024.0),
        case.paragraphs.len()
    );
    // The work is real: the rewritten text has nothing left to find.
    let source = Source::line("notes/bench.md", 1);
    let mut log = Vec::new();
    for p in case.paragraphs.iter().take(2000) {
        let out = case.anonymiser.rewrite(p, &source, &mut log);
        let left = case.anonymiser.find(&out);
        assert!(left.is_empty(), "left in {out:?}: {left:?}");
    }
    divan::main();
}

/// Compiling the 1,000-name roster into the anonymiser's patterns.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn compile_roster() -> Anonymiser {
    Anonymiser::new(&CASE.roster, &["Wilton Park".to_string()])
}

/// Finding every name, affiliation and contact detail.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn detect(bencher: divan::Bencher) {
    let case = &*CASE;
    bencher.counter(BytesCount::new(case.total)).bench(|| {
        case.paragraphs
            .iter()
            .map(|p| case.anonymiser.find(p).len())
            .sum::<usize>()
    });
}

/// Finding them and rewriting each paragraph.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn detect_and_rewrite(bencher: divan::Bencher) {
    let case = &*CASE;
    let source = Source::line("notes/bench.md", 1);
    bencher.counter(BytesCount::new(case.total)).bench(|| {
        let mut log = Vec::new();
        let mut out = 0;
        for p in &case.paragraphs {
            out += case.anonymiser.rewrite(p, &source, &mut log).len();
            log.clear();
        }
        out
    });
}
