//! Extraction, merging and theme placement measured on a fixture with known answers (`tests/fixtures/events/recommendations/expected.toml`): 42 recommendations and 16 good-practice items in every marking style, with paraphrases planted across sessions.

mod common;
use common::*;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Expected {
    item: Vec<ExpectedItem>,
}

#[derive(Deserialize)]
struct ExpectedItem {
    id: String,
    role: String,
    theme: String,
    wordings: Vec<String>,
}

#[derive(Deserialize, Debug)]
struct Provenance {
    paragraph: u32,
    theme: String,
    role: String,
    text: String,
    wordings: Vec<String>,
    sessions: usize,
}

fn build() -> (Vec<ExpectedItem>, Vec<Provenance>, tempfile::TempDir) {
    let event = repo().join("tests/fixtures/events/recommendations");
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(event.join("expected.toml")).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let o = briefnote(
        &repo(),
        &[
            "build",
            event.to_str().unwrap(),
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let provenance: Vec<Provenance> = serde_json::from_slice(
        &std::fs::read(tmp.path().join("WP8801/internal/provenance.json")).unwrap(),
    )
    .unwrap();
    (expected.item, provenance, tmp)
}

/// For each expected item, the published item holding its first wording.
fn locate<'a>(
    expected: &[ExpectedItem],
    published: &'a [Provenance],
) -> HashMap<String, &'a Provenance> {
    expected
        .iter()
        .filter_map(|e| {
            published
                .iter()
                .find(|p| p.wordings.contains(&e.wordings[0]))
                .map(|p| (e.id.clone(), p))
        })
        .collect()
}

#[test]
fn every_marked_item_is_extracted() {
    let (expected, published, _tmp) = build();
    assert_eq!(
        expected
            .iter()
            .filter(|e| e.role == "recommendation")
            .count(),
        42
    );
    assert_eq!(
        expected
            .iter()
            .filter(|e| e.role == "good_practice")
            .count(),
        16
    );
    let wordings: Vec<&String> = published.iter().flat_map(|p| &p.wordings).collect();
    let missing: Vec<&String> = expected
        .iter()
        .flat_map(|e| &e.wordings)
        .filter(|w| !wordings.contains(w))
        .collect();
    assert!(
        missing.is_empty(),
        "recall below 1.0; not extracted: {missing:#?}"
    );
    // No other recommendation: the candidate in unmarked prose stays out (infer = false).
    let extra: Vec<&String> = published
        .iter()
        .filter(|p| p.role == "recommendation")
        .flat_map(|p| &p.wordings)
        .filter(|w| !expected.iter().any(|e| e.wordings.contains(w)))
        .collect();
    assert!(
        extra.is_empty(),
        "recommendations nobody marked were published: {extra:?}"
    );
    for e in &expected {
        let p = published
            .iter()
            .find(|p| p.wordings.contains(&e.wordings[0]))
            .unwrap();
        assert_eq!(p.role, e.role, "{} has the wrong role", e.id);
    }
}

#[test]
fn planted_duplicates_merge_and_distinct_items_do_not() {
    let (expected, published, _tmp) = build();
    let at = locate(&expected, &published);
    for e in expected.iter().filter(|e| e.wordings.len() > 1) {
        let p = at[&e.id];
        for w in &e.wordings {
            assert!(
                p.wordings.contains(w),
                "{}: {w:?} was not merged with {:?}",
                e.id,
                e.wordings[0]
            );
        }
        assert_eq!(
            p.sessions,
            e.wordings.len(),
            "{} was raised in {} sessions",
            e.id,
            e.wordings.len()
        );
    }
    for (i, a) in expected.iter().enumerate() {
        for b in &expected[i + 1..] {
            assert!(
                !std::ptr::eq(at[&a.id], at[&b.id]),
                "{} and {} were merged: {:?}",
                a.id,
                b.id,
                at[&a.id].wordings
            );
        }
    }
}

#[test]
fn theme_placement_is_at_least_nine_in_ten() {
    let (expected, published, _tmp) = build();
    let at = locate(&expected, &published);
    let wrong: Vec<String> = expected
        .iter()
        .filter(|e| at[&e.id].theme != e.theme)
        .map(|e| {
            format!(
                "{} {:?}: expected {:?}, got {:?}",
                e.id, at[&e.id].text, e.theme, at[&e.id].theme
            )
        })
        .collect();
    let placement = 1.0 - wrong.len() as f64 / expected.len() as f64;
    eprintln!(
        "theme placement: {placement:.3} ({} of {} items misplaced)",
        wrong.len(),
        expected.len()
    );
    assert!(
        placement >= 0.9,
        "theme placement {placement:.3}; misplaced:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn items_are_ordered_by_sessions_then_first_appearance_and_lead_the_note() {
    let (_, published, tmp) = build();
    // Within a theme, more widely raised items come first.
    for w in published.windows(2) {
        if w[0].theme == w[1].theme && w[0].role == w[1].role {
            assert!(
                w[0].sessions >= w[1].sessions,
                "{:?} before {:?}",
                w[0].text,
                w[1].text
            );
        }
    }
    // The key recommendations are the five most widely raised, the triple first.
    let view = html_text(&tmp.path().join("WP8801/public/WP8801-summary.html"));
    let key =
        squash(&view[view.find("Key recommendations").unwrap()..view.find("Key points").unwrap()]);
    let triple = published.iter().find(|p| p.sessions == 3).unwrap();
    assert!(
        key.starts_with(&format!(
            "Key recommendations {} (paragraph {})",
            triple.text, triple.paragraph
        )),
        "{key}"
    );
    assert_eq!(key.matches("(paragraph ").count(), 5, "{key}");
}

#[test]
fn check_lists_unmarked_candidates_with_file_and_line() {
    let o = briefnote(&repo(), &["check", "tests/fixtures/events/recommendations"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("notes/06-closing.txt:3: candidate recommendation: \"Participants recommended that the organisers share the note widely.\""),
        "{}",
        stderr(&o)
    );
}

/// How the merge threshold splits pairs of wordings of one role: each wording with the index
/// of the item it words. The cosines are those `group` computes, over a corpus of these
/// wordings alone.
struct Split {
    lowest_same: f32,
    highest_different: f32,
    /// Pairs of wordings of one item, and how many of them reach the threshold.
    same: (usize, usize),
    /// Pairs of wordings of different items that reach it: items that would wrongly merge.
    wrongly_merged: Vec<(String, String, f32)>,
}

fn split(wordings: &[(usize, String, String)]) -> Split {
    use briefnote::group::MERGE_THRESHOLD;
    use briefnote::group::similarity::{Corpus, cosine, stems};
    let corpus = Corpus::new(
        &wordings
            .iter()
            .map(|(_, _, w)| stems(w))
            .collect::<Vec<_>>(),
    );
    let mut out = Split {
        lowest_same: f32::MAX,
        highest_different: f32::MIN,
        same: (0, 0),
        wrongly_merged: Vec::new(),
    };
    for a in 0..wordings.len() {
        for b in a + 1..wordings.len() {
            if wordings[a].1 != wordings[b].1 {
                continue;
            }
            let c = cosine(&corpus.vectors[a], &corpus.vectors[b]);
            if wordings[a].0 == wordings[b].0 {
                out.lowest_same = out.lowest_same.min(c);
                out.same.0 += 1;
                out.same.1 += usize::from(c >= MERGE_THRESHOLD);
            } else {
                out.highest_different = out.highest_different.max(c);
                if c >= MERGE_THRESHOLD {
                    out.wrongly_merged
                        .push((wordings[a].2.clone(), wordings[b].2.clone(), c));
                }
            }
        }
    }
    out
}

fn wordings_of(path: &std::path::Path) -> Vec<(usize, String, String)> {
    #[derive(Deserialize)]
    struct File {
        item: Vec<Item>,
    }
    #[derive(Deserialize)]
    struct Item {
        role: String,
        wordings: Vec<String>,
    }
    let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file.item
        .into_iter()
        .enumerate()
        .flat_map(|(i, e)| {
            let role = e.role;
            e.wordings.into_iter().map(move |w| (i, role.clone(), w))
        })
        .collect()
}

#[test]
fn the_merge_threshold_separates_paraphrases_from_distinct_items() {
    // The fixture the threshold was chosen on: it must separate every pair.
    let path = repo().join("tests/fixtures/events/recommendations/expected.toml");
    let s = split(&wordings_of(&path));
    eprintln!(
        "chosen on: paraphrases cosine >= {:.3}; distinct items <= {:.3}; threshold {}",
        s.lowest_same,
        s.highest_different,
        briefnote::group::MERGE_THRESHOLD
    );
    assert_eq!(
        s.same.1, s.same.0,
        "a planted paraphrase scores {}",
        s.lowest_same
    );
    assert!(s.wrongly_merged.is_empty(), "{:?}", s.wrongly_merged);
}

#[test]
fn the_merge_threshold_holds_on_wordings_held_apart_from_its_choice() {
    // Written after the threshold was fixed, on another subject, never used to tune it.
    let path = repo().join("tests/fixtures/merge/held-apart.toml");
    let s = split(&wordings_of(&path));
    eprintln!(
        "held apart: {} of {} paraphrase pairs merge (lowest cosine {:.3}); distinct items up to {:.3}; wrongly merged {:?}",
        s.same.1, s.same.0, s.lowest_same, s.highest_different, s.wrongly_merged
    );
    // Two different recommendations merged lose one of them from the note: none may.
    assert!(s.wrongly_merged.is_empty(), "{:?}", s.wrongly_merged);
    // A paraphrase left unmerged is a repeat in the note, the lesser fault: nine in ten must
    // merge (measured when the file was first run: 11 of 11, lowest 0.682; distinct up to 0.391).
    assert!(
        s.same.1 * 10 >= s.same.0 * 9,
        "{} of {}",
        s.same.1,
        s.same.0
    );
}

#[test]
fn with_infer_candidates_are_published_and_said_to_be() {
    let tmp = tempfile::tempdir().unwrap();
    let event = tmp.path().join("recs");
    copy_dir(
        &repo().join("tests/fixtures/events/recommendations"),
        &event,
    );
    let toml = std::fs::read_to_string(event.join("event.toml"))
        .unwrap()
        .replace(
            "key_recommendations = 5",
            "key_recommendations = 5\ninfer = true",
        );
    std::fs::write(event.join("event.toml"), toml).unwrap();
    let o = briefnote(
        tmp.path(),
        &["build", event.to_str().unwrap(), "--out", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let provenance =
        std::fs::read_to_string(tmp.path().join("out/WP8801/internal/provenance.json")).unwrap();
    assert!(
        provenance.contains(
            "\"text\": \"Participants recommended that the organisers share the note widely.\""
        ),
        "{provenance}"
    );
    assert!(provenance.contains("\"inferred\": true"));
    let csv =
        std::fs::read_to_string(tmp.path().join("out/WP8801/internal/candidates.csv")).unwrap();
    assert_eq!(
        csv,
        "location,sentence\nnotes/06-closing.txt:3,Participants recommended that the organisers share the note widely.\n"
    );
}
