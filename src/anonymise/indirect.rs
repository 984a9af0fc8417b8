//! Indirect identification: a sentence that attributes a position to a country or organisation that has exactly one participant in the room names that participant as surely as their name does. Found and listed for review, never rewritten.

use super::Review;
use super::lexicon::{COUNTRIES, SPEECH_VERBS, countries_in, country};
use super::roster::org_forms;
use crate::fold::fold;
use crate::model::{Participant, Session};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// What a form stands for: a country (by its index in the table) or an organisation.
#[derive(Debug, Clone, Copy)]
enum Whose {
    Country(usize),
    Org(usize),
}

/// Every sentence of the anonymised sessions that attributes something to a speaker and
/// names a country or organisation with one participant in the room.
pub(super) fn find(participants: &[Participant], sessions: &[Session]) -> Vec<Review> {
    let mut by_country: HashMap<usize, usize> = HashMap::new();
    let mut by_org: HashMap<String, (usize, String)> = HashMap::new();
    for p in participants {
        let mut homes: Vec<usize> = Vec::new();
        let index = |c: &super::lexicon::Country| COUNTRIES.iter().position(|x| std::ptr::eq(x, c));
        if let Some(c) = p.country.as_deref().and_then(|c| country(&fold(c))) {
            homes.extend(index(c));
        }
        if let Some(org) = &p.organisation {
            homes.extend(countries_in(&fold(org)).into_iter().filter_map(index));
            let e = by_org.entry(fold(org)).or_insert((0, org.clone()));
            e.0 += 1;
        }
        homes.sort_unstable();
        homes.dedup();
        for h in homes {
            *by_country.entry(h).or_default() += 1;
        }
    }
    let mut forms: Vec<String> = Vec::new();
    let mut whose: Vec<Whose> = Vec::new();
    let mut countries: Vec<usize> = by_country
        .iter()
        .filter(|&(_, &n)| n == 1)
        .map(|(&c, _)| c)
        .collect();
    countries.sort_unstable();
    for c in countries {
        let entry = &COUNTRIES[c];
        for f in entry.names.iter().chain(&entry.adjectives) {
            forms.push(format!(" {f} "));
            whose.push(Whose::Country(c));
        }
    }
    let mut orgs: Vec<(&String, &(usize, String))> =
        by_org.iter().filter(|(_, (n, _))| *n == 1).collect();
    orgs.sort();
    let org_names: Vec<String> = orgs.iter().map(|(_, (_, name))| name.clone()).collect();
    for (i, name) in org_names.iter().enumerate() {
        for (f, _) in org_forms(name) {
            forms.push(format!(" {f} "));
            whose.push(Whose::Org(i));
        }
    }
    if forms.is_empty() {
        return Vec::new();
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
        .expect("plain patterns");
    let mut out = Vec::new();
    for s in sessions {
        for b in &s.blocks {
            for sentence in sentences(&b.text) {
                if !attributes(sentence) {
                    continue;
                }
                let folded = format!(" {} ", fold(sentence));
                let folded = folded.replace(['.', ',', ';', ':', '!', '?', '"', '(', ')'], " ");
                let Some(m) = matcher.find(&folded) else {
                    continue;
                };
                let (what, instead) = match whose[m.pattern().as_usize()] {
                    Whose::Country(c) => (COUNTRIES[c].display.clone(), "one government"),
                    Whose::Org(o) => (org_names[o].clone(), "one organisation"),
                };
                out.push(Review {
                    source: b.source.clone(),
                    matched: what.clone(),
                    action: "kept",
                    why: format!(
                        "this sentence attributes a view and names {what}, which has one participant in the room: under the Chatham House Rule that identifies them"
                    ),
                    sentence: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                    fix: format!("rephrase it in the notes, e.g. with \"{instead}\" for {what}"),
                });
            }
        }
    }
    out
}

/// Whether a sentence reports what a speaker said or proposed: a reference to a participant
/// and a speech verb.
fn attributes(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let person = words.iter().any(|w| {
        matches!(
            *w,
            "participant"
                | "participants"
                | "speaker"
                | "speakers"
                | "panellist"
                | "panelist"
                | "panellists"
                | "panelists"
                | "discussant"
                | "delegate"
                | "representative"
        )
    });
    person
        && (words.iter().any(|w| SPEECH_VERBS.contains(w))
            || lower.contains("would be willing")
            || lower.contains("was willing")
            || lower.contains("position"))
}

/// The sentences of a paragraph, roughly: ends at ".", "!" or "?" before a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.trim().is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .find(|&(i, c)| matches!(c, '.' | '!' | '?') && rest[i + 1..].starts_with([' ', '\n']))
            .map_or(rest.len(), |(i, _)| i + 1);
        let (s, r) = rest.split_at(end);
        rest = r;
        Some(s.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Source};

    fn person(name: &str, org: &str, country: &str) -> Participant {
        Participant {
            name: name.into(),
            organisation: Some(org.into()),
            country: Some(country.into()),
            ..Default::default()
        }
    }

    fn session(text: &str) -> Session {
        Session {
            title: "S".into(),
            file: "notes/s.md".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: text.into(),
                source: Source::line("notes/s.md", 3),
            }],
        }
    }

    #[test]
    fn a_view_put_to_a_country_of_one_is_listed() {
        let roster = [
            person("A B", "Embassy of Peru, Ottawa", "Peru"),
            person("C D", "Ministry of Justice", "Ghana"),
            person("E F", "Ghana Red Cross", "Ghana"),
        ];
        let found = find(
            &roster,
            &[session(
                "One participant said that Peru would be willing to fund it. Another participant said Ghana would not.",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].matched, "Peru");
        assert!(found[0].fix.contains("one government"));
        assert_eq!(found[0].source, Source::line("notes/s.md", 3));
    }

    #[test]
    fn a_country_discussed_without_a_speaker_is_not() {
        let roster = [person("A B", "Embassy of Peru, Ottawa", "Peru")];
        assert!(find(&roster, &[session("Peru has a truth commission.")]).is_empty());
    }
}
