//! The Chatham House Rule stage: every participant's name and contact details leave the text here, and every change is logged. Nothing downstream can see the text before this stage.

use crate::model::{EventMeta, Participant, RawEvent, Session, Source};
use crate::names::{Form, Hit, RosterMatcher, fold};
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// One change the anonymiser made, for `internal/redactions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redaction {
    pub location: String,
    pub original: String,
    pub replacement: String,
    /// Which form matched, with `+honorific` / `+possessive` where those were taken too.
    pub rule: String,
}

/// Facts about the room that identify no one: how many, from how many countries and sectors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoomFacts {
    pub participants: usize,
    pub countries: usize,
    pub sectors: usize,
}

/// The event after anonymisation: the only input the later stages accept.
///
/// It can be made only by [`anonymise`], so no summary, view or renderer can be handed
/// text that has not been through it; it carries no participant list.
// A private field, not `#[non_exhaustive]`: the seal must hold inside this crate too.
#[allow(clippy::manual_non_exhaustive)]
#[derive(Debug, Clone)]
pub struct CleanEvent {
    pub meta: EventMeta,
    pub sessions: Vec<Session>,
    pub room: RoomFacts,
    pub redactions: Vec<Redaction>,
    _sealed: (),
}

/// Phrases that stay whatever names they contain: the keep list, the partners, the venue.
pub fn protected_phrases(meta: &EventMeta) -> Vec<String> {
    let mut p: Vec<String> = meta.keep.iter().chain(&meta.partners).cloned().collect();
    p.extend(meta.venue.clone());
    p
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}\b").unwrap()
});

static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(\[])((?:H\.?\s?E\.?|Amb\.?|Ambassador|Dr\.?|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Mx\.?|Minister|Sir|Dame|Judge|Justice|Senator|Rev\.?|Lord|Lady|Gen\.?|General|Col\.?|Colonel|Commissioner|Dean)\s+)$",
    )
    .unwrap()
});

/// The roster, compiled for rewriting text.
pub struct Anonymiser {
    matcher: RosterMatcher,
    /// Participants' organisations, folded: a parenthesis after a name that holds one goes too.
    organisations: Vec<String>,
}

impl Anonymiser {
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        let mut organisations: Vec<String> = participants
            .iter()
            .filter_map(|p| p.organisation.as_deref())
            .map(fold)
            .filter(|o| !o.is_empty())
            .collect();
        organisations.sort();
        organisations.dedup();
        Anonymiser {
            matcher: RosterMatcher::new(participants, protected),
            organisations,
        }
    }

    /// The length of a `(Organisation)` right after a name, when it names a participant's organisation.
    fn affiliation_len(&self, after: &str) -> usize {
        let Some(c) = AFFILIATION.captures(after) else {
            return 0;
        };
        let inside = fold(&c[1]);
        if self
            .organisations
            .iter()
            .any(|o| inside == *o || inside.contains(o.as_str()))
        {
            c.get(0).map_or(0, |m| m.end())
        } else {
            0
        }
    }
}

static AFFILIATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(([^()]{2,160})\)").unwrap());

/// Strip every participant's name and every email address from the event.
pub fn anonymise(raw: &RawEvent) -> CleanEvent {
    let matcher = Anonymiser::new(&raw.participants, &protected_phrases(&raw.meta));
    let mut log = Vec::new();
    let mut meta = raw.meta.clone();
    let toml = Source::whole(crate::ingest::event::FILE);
    meta.context = meta.context.map(|c| rewrite(&c, &toml, &matcher, &mut log));
    meta.disclaimer = meta
        .disclaimer
        .map(|d| rewrite(&d, &toml, &matcher, &mut log));
    let sessions = raw
        .sessions
        .iter()
        .map(|s| Session {
            title: rewrite(&s.title, &Source::whole(&s.file), &matcher, &mut log),
            file: s.file.clone(),
            blocks: s
                .blocks
                .iter()
                .map(|b| {
                    let mut b = b.clone();
                    b.text = rewrite(&b.text, &b.source, &matcher, &mut log);
                    b
                })
                .collect(),
        })
        .collect();
    let distinct = |f: fn(&crate::model::Participant) -> Option<&String>| {
        raw.participants
            .iter()
            .filter_map(f)
            .map(|s| fold(s))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let room = RoomFacts {
        participants: raw.participants.len(),
        countries: distinct(|p| p.country.as_ref()),
        sectors: distinct(|p| p.sector.as_ref()),
    };
    CleanEvent {
        meta,
        sessions,
        room,
        redactions: log,
        _sealed: (),
    }
}

/// Rewrite one text: each name becomes "one participant" or "a participant", each email goes.
pub fn rewrite(
    text: &str,
    source: &Source,
    anonymiser: &Anonymiser,
    log: &mut Vec<Redaction>,
) -> String {
    let mut hits = anonymiser.matcher.find(text);
    for m in EMAIL.find_iter(text) {
        if !hits.iter().any(|h| h.start < m.end() && m.start() < h.end) {
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                participant: usize::MAX,
                form: Form::Email,
            });
        }
    }
    if hits.is_empty() {
        return text.to_string();
    }
    hits.sort_by_key(|h| h.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for hit in hits {
        if hit.start < at {
            continue;
        }
        let (mut start, mut end) = (hit.start, hit.end);
        let mut rule = hit.form.rule().to_string();
        let replacement = if hit.form == Form::Email {
            "[email address removed]".to_string()
        } else {
            if let Some(c) = HONORIFIC.captures(&text[at..start]) {
                let m = c.get(1).expect("group 1");
                start = at + m.start();
                rule.push_str("+honorific");
            }
            let possessive = possessive_len(&text[end..], &text[hit.start..hit.end]);
            end += possessive;
            if possessive == 0 {
                let affiliation = anonymiser.affiliation_len(&text[end..]);
                if affiliation > 0 {
                    end += affiliation;
                    rule.push_str("+affiliation");
                }
            }
            let phrase = if at_sentence_start(&out, &text[at..start]) {
                "One participant"
            } else {
                "a participant"
            };
            if possessive > 0 {
                rule.push_str("+possessive");
                format!("{phrase}'s")
            } else {
                phrase.to_string()
            }
        };
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        log.push(Redaction {
            location: source.to_string(),
            original: text[start..end].to_string(),
            replacement: replacement.clone(),
            rule,
        });
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Length of a possessive after a name: `'s`, `’s`, or a bare apostrophe after a final s.
fn possessive_len(after: &str, name: &str) -> usize {
    for p in ["'s", "’s"] {
        if let Some(rest) = after.strip_prefix(p)
            && !rest.starts_with(|c: char| c.is_alphanumeric())
        {
            return p.len();
        }
    }
    if name.ends_with(['s', 'S']) {
        for p in ["'", "’"] {
            if let Some(rest) = after.strip_prefix(p)
                && !rest.starts_with(|c: char| c.is_alphanumeric())
            {
                return p.len();
            }
        }
    }
    0
}

/// True at the start of a text, a sentence, a clause after a colon, or a quotation;
/// `done` is the text already written, `gap` what comes between it and the name.
fn at_sentence_start(done: &str, gap: &str) -> bool {
    let trim = |s: &str| {
        s.trim_end_matches([' ', '\u{a0}', '"', '“', '‘', '*', '_', '(', '['])
            .len()
    };
    let t = match trim(gap) {
        0 => &done[..trim(done)],
        n => &gap[..n],
    };
    t.is_empty() || t.ends_with(['.', '!', '?', ':', ';', '\n'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Participant;

    fn matcher() -> Anonymiser {
        let p = |g: &str, f: &str| Participant {
            name: format!("{g} {f}"),
            given: Some(g.into()),
            family: Some(f.into()),
            email: Some(format!(
                "{}.{}@example.org",
                g.to_lowercase(),
                f.to_lowercase()
            )),
            organisation: Some(format!("{f} Institute")),
            ..Default::default()
        };
        Anonymiser::new(
            &[
                p("Maria", "Lindqvist"),
                p("Chidi", "Okafor"),
                p("Ann", "Young"),
            ],
            &["Lindqvist Prize".into()],
        )
    }

    fn clean(text: &str) -> (String, Vec<Redaction>) {
        let mut log = Vec::new();
        let out = rewrite(text, &Source::line("notes/a.md", 3), &matcher(), &mut log);
        (out, log)
    }

    #[test]
    fn names_become_participants_and_are_logged() {
        let (out, log) = clean("Ambassador Lindqvist opened. She said Okafor’s plan was bold.");
        assert_eq!(
            out,
            "One participant opened. She said a participant's plan was bold."
        );
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].original, "Ambassador Lindqvist");
        assert_eq!(log[0].rule, "surname+honorific");
        assert_eq!(log[0].location, "notes/a.md:3");
        assert_eq!(log[1].rule, "surname+possessive");
    }

    #[test]
    fn full_names_emails_and_capitals() {
        let (out, _) = clean("MARIA LINDQVIST (maria.lindqvist@example.org) and x@y.org spoke.");
        assert_eq!(
            out,
            "One participant ([email address removed]) and [email address removed] spoke."
        );
    }

    #[test]
    fn ordinary_words_and_protected_phrases_survive() {
        let (out, log) = clean("young people won the Lindqvist Prize");
        assert_eq!(out, "young people won the Lindqvist Prize");
        assert!(log.is_empty());
    }

    #[test]
    fn an_affiliation_in_parentheses_after_a_name_goes_with_it() {
        let (out, log) =
            clean("Chidi Okafor (Okafor Institute) said so. The budget (in euros) was small.");
        assert_eq!(
            out,
            "One participant said so. The budget (in euros) was small."
        );
        assert_eq!(log[0].rule, "full-name+affiliation");
    }

    #[test]
    fn rewriting_twice_changes_nothing() {
        let (once, _) = clean("Dr Okafor and Maria Lindqvist's team agreed.");
        let (twice, log) = clean(&once);
        assert_eq!(once, twice);
        assert!(log.is_empty());
    }
}
