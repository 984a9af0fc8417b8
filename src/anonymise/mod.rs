//! The Chatham House Rule stage: every participant's name, speaker label, attributing affiliation, identifying role and contact detail leaves the text here, and every change is logged. Nothing downstream can see the text before this stage.

mod detect;
mod lexicon;
mod rewrite;
mod scan;

pub use detect::{Detector, Kind, Span, Who};
pub use rewrite::CONTACT;

use crate::diag::Diagnostic;
use crate::model::{EventMeta, Participant, RawEvent, Session, Source};
use crate::names::fold;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// One change the anonymiser made, for `internal/redactions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redaction {
    pub source: Source,
    pub original: String,
    pub replacement: std::borrow::Cow<'static, str>,
    /// Which rule found it: the form matched, with `+honorific`, `+possessive`, `+affiliation`...
    pub rule: &'static str,
    /// False where the anonymiser guessed; those are also reported as warnings.
    pub certain: bool,
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
    /// The questionnaire, its question texts and answers anonymised like the notes.
    pub survey: Option<crate::evaluate::Survey>,
    /// The anonymiser's guesses, for the programme team to confirm.
    pub warnings: Vec<Diagnostic>,
    _sealed: (),
}

/// Phrases that stay whatever names they contain: the keep list, the partners, the venue.
pub fn protected_phrases(meta: &EventMeta) -> Vec<String> {
    let mut p: Vec<String> = meta.keep.iter().chain(&meta.partners).cloned().collect();
    p.extend(meta.venue.clone());
    p
}

/// The roster, compiled for rewriting text.
pub struct Anonymiser {
    detector: Detector,
}

impl Anonymiser {
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        Anonymiser {
            detector: Detector::new(participants, protected),
        }
    }

    /// What in `text` identifies someone, without changing it: the guard's question.
    pub fn find(&self, text: &str) -> Vec<Span> {
        self.detector.find(text)
    }

    /// Rewrite one text and log each change against `source`.
    pub fn rewrite(&self, text: &str, source: &Source, log: &mut Vec<Redaction>) -> String {
        let spans = self.detector.find(text);
        if spans.is_empty() {
            return text.to_string();
        }
        let mut changes = Vec::new();
        let out = rewrite::apply(text, &spans, &mut changes);
        log.extend(changes.into_iter().map(|c| Redaction {
            source: source.clone(),
            original: c.original,
            replacement: c.replacement,
            rule: c.rule,
            certain: c.certain,
        }));
        out
    }
}

/// Strip every attribution from the event: session titles, blocks, and the free text of `event.toml`.
pub fn anonymise(raw: &RawEvent) -> CleanEvent {
    let anonymiser = Anonymiser::new(&raw.participants, &protected_phrases(&raw.meta));
    let mut log = Vec::new();
    let mut meta = raw.meta.clone();
    let toml = Source::whole(crate::ingest::event::FILE);
    meta.context = meta
        .context
        .map(|c| anonymiser.rewrite(&c, &toml, &mut log));
    meta.disclaimer = meta
        .disclaimer
        .map(|d| anonymiser.rewrite(&d, &toml, &mut log));
    let done: Vec<(Session, Vec<Redaction>)> = raw
        .sessions
        .par_iter()
        .map(|s| {
            let mut log = Vec::new();
            let title = anonymiser.rewrite(&s.title, &Source::whole(&s.file), &mut log);
            let blocks = s
                .blocks
                .iter()
                .map(|b| {
                    let mut b = b.clone();
                    b.text = anonymiser.rewrite(&b.text, &b.source, &mut log);
                    b
                })
                .collect();
            (
                Session {
                    title,
                    file: s.file.clone(),
                    blocks,
                },
                log,
            )
        })
        .collect();
    let mut sessions = Vec::with_capacity(done.len());
    for (s, l) in done {
        sessions.push(s);
        log.extend(l);
    }
    let survey = raw.survey.as_ref().map(|survey| {
        let mut survey = survey.clone();
        for q in &mut survey.questions {
            let file = survey
                .exports
                .first()
                .map_or("questionnaire/", |(f, _)| f.as_str())
                .to_string();
            q.text = anonymiser.rewrite(&q.text, &Source::whole(&file), &mut log);
            for (r, a) in q.answers.iter_mut().enumerate() {
                if !a.is_empty() {
                    let source = survey
                        .rows
                        .get(r)
                        .cloned()
                        .unwrap_or_else(|| Source::whole(&file));
                    *a = anonymiser.rewrite(a, &source, &mut log);
                }
            }
        }
        survey
    });
    let warnings = log.iter().filter(|r| !r.certain).map(warning).collect();
    let distinct = |f: fn(&Participant) -> Option<&String>| {
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
        survey,
        warnings,
        _sealed: (),
    }
}

/// The warning for a guess the anonymiser made.
fn warning(r: &Redaction) -> Diagnostic {
    if r.rule.starts_with("unlisted-speaker") || r.rule == "speaker-label+initials" {
        Diagnostic::warning(r.source.clone(), format!("'{}' looks like a speaker missing from participants.csv", r.original))
            .hint("it was stripped; add the person to participants.csv, or to `keep` in event.toml if they were discussed, not present")
    } else {
        Diagnostic::warning(
            r.source.clone(),
            format!(
                "'{}' was taken for a participant's name ({}) and stripped",
                r.original, r.rule
            ),
        )
        .hint("if it is not a name here, rephrase the sentence in the notes")
    }
}
