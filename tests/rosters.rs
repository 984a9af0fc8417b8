//! Events the fixtures did not think of: generated rosters from many naming cultures (particles, two-letter names, names that are English words, diacritics) and generated notes in Markdown, text and Word. Every event builds — the leak check never fires on a correctly anonymised note — and no roster name survives in any format. Also a batch of ten events of realistic size, built whole.

mod common;
use briefnote::fold::fold;
use briefnote::render::{Format, Templates};
use common::generate::{self, Person};
use common::*;
use proptest::prelude::*;

/// The text of every rendered format, folded, with a space at each end.
fn folded_outputs(made: &briefnote::Made) -> Vec<(Format, String)> {
    made.rendered
        .iter()
        .map(|r| {
            let text = match r.format {
                Format::Pdf => r.text.clone().unwrap_or_default(),
                Format::Html => briefnote::guard::decode_entities(&briefnote::guard::strip_tags(
                    &String::from_utf8_lossy(&r.bytes),
                    " ",
                )),
                Format::Docx => {
                    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&r.bytes)).unwrap();
                    let mut xml = String::new();
                    std::io::Read::read_to_string(
                        &mut zip.by_name("word/document.xml").unwrap(),
                        &mut xml,
                    )
                    .unwrap();
                    briefnote::guard::decode_entities(&briefnote::guard::strip_inline_tags(&xml))
                }
            };
            (r.format, format!(" {} ", fold(&text)))
        })
        .collect()
}

/// The names of `p` that must not survive anywhere: the full name always; the family and
/// first name unless they are also English words (those stay where they are words).
fn must_not_survive(p: &Person) -> Vec<String> {
    let mut gone = vec![fold(&p.name())];
    if !p.word {
        gone.push(fold(&p.family));
        let first = p.given.split_whitespace().next().unwrap();
        if first.chars().count() >= 3 {
            gone.push(fold(first));
        }
    }
    gone
}

fn build_generated(seed: u64, people: usize, sessions: usize, words: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let roster = generate::write_event(tmp.path(), seed, "WP0100", people, sessions, words);
    let read = briefnote::ingest::read_event(tmp.path());
    let raw = read
        .event
        .unwrap_or_else(|| panic!("seed {seed}: {:?}", read.diagnostics));
    let made = briefnote::make(&raw, &Format::ALL, &Templates::default()).unwrap();
    assert!(
        made.leaks.is_empty(),
        "seed {seed}: the leak check fired on a correctly anonymised note: {}",
        made.leaks
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (format, text) in folded_outputs(&made) {
        for p in &roster {
            for name in must_not_survive(p) {
                assert!(
                    !text.contains(&format!(" {name} ")),
                    "seed {seed}: {format:?} still names {name:?} ({})",
                    p.name()
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn every_generated_event_builds_and_no_roster_name_survives(seed in any::<u64>(), people in 4usize..16) {
        build_generated(seed, people, 2, 120);
    }
}

#[test]
fn ten_generated_events_of_realistic_size_all_build() {
    // The size of the performance issue's batch: 12 sessions of 3,000 words, 50 participants.
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    for e in 0..10u64 {
        generate::write_event(
            &inputs.join(format!("event-{e:02}")),
            1000 + e,
            &format!("WP{:04}", 2000 + e),
            50,
            12,
            3000,
        );
    }
    let o = briefnote(tmp.path(), &["build", "--format", "pdf,docx,html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for e in 0..10u64 {
        let public = tmp.path().join(format!("outputs/WP{:04}/public", 2000 + e));
        assert!(
            public
                .join(format!("WP{:04}-summary.pdf", 2000 + e))
                .is_file()
        );
    }
}
