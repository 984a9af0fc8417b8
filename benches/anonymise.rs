//! Benchmark (not a test): anonymiser throughput on one core, with a 1,000-participant roster and every name variant, over at least 50 MB of generated notes.
//!
//! Run: `cargo bench --bench anonymise` (optionally `-- MB` for another size). Each pass runs
//! five times; MB/s are 10^6 bytes a second, as the target is stated.

use briefnote::anonymise::Anonymiser;
use briefnote::model::{Participant, Source};
use std::time::Instant;

/// A small deterministic generator, so every run measures the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

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

fn name(rng: &mut Lcg, parts: usize) -> String {
    let mut s: String = (0..parts).map(|_| rng.pick(SYLLABLES)).collect();
    let first = s.remove(0).to_uppercase().to_string();
    first + &s
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(50);
    let mut rng = Lcg(2417);
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
    let start = Instant::now();
    let anonymiser = Anonymiser::new(&roster, &["Wilton Park".to_string()]);
    let compile = start.elapsed().as_secs_f64();

    // Paragraphs of about 650 bytes; three sentences in four name someone, in one of twelve
    // forms (full, honorific, possessive, capitals, reversed, with affiliation, label,
    // accents dropped, first name, broken across a line, email, role).
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < mb * 1024 * 1024 {
        let mut p = String::new();
        for _ in 0..6 {
            let who = &roster[(rng.next() as usize) % roster.len()];
            let (g, f) = (
                who.given.as_deref().unwrap(),
                who.family.as_deref().unwrap(),
            );
            let mention = match rng.next() % 16 {
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
            p.push_str(rng.pick(FILLER));
            p.push(' ');
        }
        total += p.len();
        paragraphs.push(p);
    }
    let source = Source::line("notes/bench.md", 1);

    // The machine is shared: time each pass several times and report the best and the median.
    const RUNS: usize = 5;
    let time = |f: &mut dyn FnMut()| {
        let mut t: Vec<f64> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect();
        t.sort_by(f64::total_cmp);
        (t[0], t[RUNS / 2])
    };
    let mut spans = 0;
    let detect = time(&mut || {
        spans = paragraphs.iter().map(|p| anonymiser.find(p).len()).sum();
    });
    let mut out_bytes = 0;
    let rewrite = time(&mut || {
        let mut log = Vec::new();
        out_bytes = 0;
        for p in &paragraphs {
            out_bytes += anonymiser.rewrite(p, &source, &mut log).len();
            log.clear();
        }
    });
    let mib = total as f64 / (1024.0 * 1024.0);
    println!("roster compiled in {:.0} ms", compile * 1e3);
    println!(
        "roster: 1000 participants; text: {mib:.1} MiB in {} paragraphs; {spans} spans found",
        paragraphs.len()
    );
    // The work is real: the rewritten text has nothing left to find.
    let mut log = Vec::new();
    for p in paragraphs.iter().take(2000) {
        let out = anonymiser.rewrite(p, &source, &mut log);
        let left = anonymiser.find(&out);
        assert!(left.is_empty(), "left in {out:?}: {left:?}");
    }
    let mb_s = |t: f64| total as f64 / 1e6 / t;
    println!(
        "detect only:        best {:.2} s = {:.1} MB/s, median {:.1} MB/s",
        detect.0,
        mb_s(detect.0),
        mb_s(detect.1)
    );
    println!(
        "detect and rewrite: best {:.2} s = {:.1} MB/s, median {:.1} MB/s (output {:.1} MiB)",
        rewrite.0,
        mb_s(rewrite.0),
        mb_s(rewrite.1),
        out_bytes as f64 / (1024.0 * 1024.0)
    );
}
