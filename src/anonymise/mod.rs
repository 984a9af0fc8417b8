//! The Chatham House Rule stage: every participant's name, speaker label, attributing affiliation, identifying role and contact detail leaves the text here, and every change is logged. Nothing downstream can see the text before this stage.

mod affiliation;
mod contact;
mod cues;
mod detect;
mod indirect;
mod label;
mod lexicon;
mod rewrite;
mod roster;
mod scan;
mod unlisted;

pub use crate::ingest::participants::PARTICLES;
pub use detect::{Detector, Kind, Span, Who};
pub use rewrite::CONTACT;

use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::model::{EventMeta, Participant, RawEvent, Session, Source};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

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
    meta: EventMeta,
    sessions: Vec<Session>,
    room: RoomFacts,
    redactions: Vec<Redaction>,
    /// What the anonymiser was not sure of, and sentences that may identify someone
    /// indirectly: `internal/review.csv`.
    review: Vec<Review>,
    /// The questionnaire, its question texts and answers anonymised like the notes.
    survey: Option<crate::model::Survey>,
    /// The anonymiser's guesses, for the programme team to confirm.
    warnings: Vec<Diagnostic>,
    _sealed: (),
}

/// Read access to what the anonymiser produced: the fields are private, so that nothing
/// after the anonymiser can put raw text into a clean event.
impl CleanEvent {
    pub fn meta(&self) -> &EventMeta {
        &self.meta
    }
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }
    pub fn room(&self) -> RoomFacts {
        self.room
    }
    pub fn redactions(&self) -> &[Redaction] {
        &self.redactions
    }
    pub fn review(&self) -> &[Review] {
        &self.review
    }
    pub fn survey(&self) -> Option<&crate::model::Survey> {
        self.survey.as_ref()
    }
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// A span the anonymiser was not sure of, or a sentence that may identify someone without
/// naming them: for `internal/review.csv` and `briefnote check`, never for `public/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub source: Source,
    /// What was found, as written in the notes.
    pub matched: String,
    /// "kept" or "stripped".
    pub action: &'static str,
    pub why: String,
    /// The sentence it stands in, as written in the notes.
    pub sentence: String,
    /// How the programme team can settle it.
    pub fix: String,
}

/// Phrases that stay whatever names they contain: the keep list, the partners, the venue.
pub fn protected_phrases(meta: &EventMeta) -> Vec<String> {
    let mut p: Vec<String> = meta.keep.iter().chain(&meta.partners).cloned().collect();
    p.extend(meta.venue.clone());
    p
}

/// The start of a question-and-answer label. A label has a bounded length, and a rewrite
/// that shortens the names inside an unclosed one can bring it within reach (found by
/// fuzzing), so a paragraph that holds one is checked again.
static LABEL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[.!?]\s+)(?:\*\*|__)?(?:Q|Question|A|Answer)\s*\(").unwrap()
});

/// Who the anonymiser strips: the rows of participants.csv, then the people `strip` in
/// event.toml names (people discussed or present but not on the list).
pub fn roster(raw: &RawEvent) -> Vec<Participant> {
    let mut roster = raw.participants.clone();
    for (name, line) in &raw.meta.strip {
        let (given, family) = crate::ingest::participants::split_name(name);
        roster.push(Participant {
            name: name.clone(),
            given,
            family,
            source: Source::line(crate::ingest::event::FILE, *line),
            ..Default::default()
        });
    }
    roster
}

/// The roster, compiled for rewriting text: the one judgement of what identifies someone,
/// used by the anonymiser on the notes and by the leak check on the outputs.
pub struct Anonymiser {
    detector: Detector,
    /// Where each roster entry comes from, for the leak check's messages.
    sources: Vec<Source>,
}

/// What one text became: the rewritten text, and whether it stripped a person (so that a
/// "she" in the next paragraph may point back to them).
pub struct Rewritten {
    pub text: String,
    pub stripped_person: bool,
}

impl Anonymiser {
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        Anonymiser {
            detector: Detector::new(participants, protected),
            sources: participants.iter().map(|p| p.source.clone()).collect(),
        }
    }

    /// The anonymiser of an event: its roster (with `strip`) and its protected phrases.
    pub fn for_event(raw: &RawEvent) -> Self {
        Anonymiser::new(&roster(raw), &protected_phrases(&raw.meta))
    }

    /// Where roster entry `i` comes from: a line of participants.csv, or `strip` in event.toml.
    pub fn source_of(&self, i: usize) -> Option<&Source> {
        self.sources.get(i)
    }

    /// What in `text` identifies someone, without changing it: the guard's question.
    pub fn find(&self, text: &str) -> Vec<Span> {
        self.detector.find(text)
    }

    /// Rewrite one text and log each change against `source`.
    pub fn rewrite(&self, text: &str, source: &Source, log: &mut Vec<Redaction>) -> String {
        self.rewrite_block(text, source, log, &mut Vec::new(), false)
            .text
    }

    /// Rewrite one paragraph of a session: log each change, list what is unsure for review,
    /// and with `carry` (a person stripped earlier in the session) make every gendered
    /// pronoun "they".
    pub fn rewrite_block(
        &self,
        text: &str,
        source: &Source,
        log: &mut Vec<Redaction>,
        review: &mut Vec<Review>,
        carry: bool,
    ) -> Rewritten {
        let spans = self.detector.find(text);
        if spans.is_empty() && !carry {
            return Rewritten {
                text: text.to_string(),
                stripped_person: false,
            };
        }
        for s in &spans {
            if s.kind == Kind::Unsure || !s.certain {
                review.push(review_of(text, s, source));
            }
        }
        let mut changes = Vec::new();
        let (mut out, mut stripped_person) = rewrite::apply(text, &spans, &mut changes, carry);
        // What a rewrite leaves must hold nothing the anonymiser would strip: a replacement
        // can make new neighbours ("Network)the investment director" once what stood between
        // them went). Rewrite again until nothing certain is left (twice more at most; the
        // fuzz target found such cases only in machine-made text). A name or contact replaced
        // between spaces or punctuation joins nothing, so only a paragraph where text was
        // removed or replaced by a label, or a span ran into its neighbours, is checked again
        // (the check doubles the detection of a paragraph).
        let joins = |s: &Span| {
            let before = text[..s.start].chars().next_back();
            let after = text[s.end..].chars().next();
            // Characters that fold to nothing (controls, zero-width and format characters)
            // join what stands on either side of them, as letters do.
            let joined = |c: Option<char>| {
                c.is_some_and(|c| {
                    c.is_alphanumeric()
                        || "@(_\u{AD}\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}".contains(c)
                        || (c.is_control() && !c.is_whitespace())
                })
            };
            !matches!(s.kind, Kind::Person(_) | Kind::Contact | Kind::Unsure)
                || joined(before)
                || joined(after)
        };
        // A contact replaced where another could still be (digits, '@', '/') can have shifted
        // what a phone or handle pattern finds (fuzzing: "@handle88 2007945 0958").
        let contact_left = spans.iter().any(|s| s.kind == Kind::Contact)
            && contact::Marks::of(&out).contact_possible();
        // A word that is also a name, left unsure, can become certain when its neighbours
        // change ("Strong's" before what was a name and is now "a participant's").
        let unsure_left = spans.iter().any(|s| s.kind == Kind::Unsure || !s.certain);
        let rounds =
            if spans.iter().any(joins) || contact_left || unsure_left || LABEL.is_match(&out) {
                2
            } else {
                0
            };
        for _ in 0..rounds {
            let again: Vec<Span> = self
                .detector
                .find(&out)
                .into_iter()
                .filter(|s| s.certain && s.kind != Kind::Unsure)
                .collect();
            if again.is_empty() {
                break;
            }
            let (next, person) = rewrite::apply(&out, &again, &mut changes, carry);
            out = next;
            stripped_person |= person;
        }
        log.extend(changes.into_iter().map(|c| Redaction {
            source: source.clone(),
            original: c.original,
            replacement: c.replacement,
            rule: c.rule,
            certain: c.certain,
        }));
        Rewritten {
            text: out,
            stripped_person,
        }
    }
}

/// The review entry for a span the anonymiser was not sure of.
fn review_of(text: &str, span: &Span, source: &Source) -> Review {
    let matched = text[span.start..span.end].to_string();
    let (action, why, fix) = if span.kind == Kind::Unsure {
        (
            "kept",
            format!(
                "'{matched}' is a participant's name and also an ordinary word, and nothing here marks it as a person"
            ),
            "if it is a person, add them to `strip` in event.toml; if not, add the phrase to `keep` to stop this warning".to_string(),
        )
    } else if span.rule.starts_with("unlisted-speaker") || span.rule == "speaker-label+initials" {
        (
            "stripped",
            format!("'{matched}' looks like a speaker missing from participants.csv"),
            "add the person to participants.csv, or to `keep` in event.toml if they were discussed, not present".to_string(),
        )
    } else {
        (
            "stripped",
            format!(
                "'{matched}' was taken for a participant's name ({}): it is capitalised mid-sentence",
                span.rule
            ),
            "if it is not a person here, add the phrase to `keep` in event.toml".to_string(),
        )
    };
    Review {
        source: source.clone(),
        matched,
        action,
        why,
        sentence: sentence_around(text, span.start, span.end),
        fix,
    }
}

/// The sentence of `text` that holds `start..end`.
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) && text[i + c.len_utf8()..].starts_with([' ', '\n']))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(i, c)| {
            is_end(c) && text[end + i + c.len_utf8()..].starts_with([' ', '\n']) || i > 400
        })
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    text[from..to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strip every attribution from the event: session titles, blocks, and the free text of
/// `event.toml`, with the anonymiser the leak check will use too.
pub fn anonymise(raw: &RawEvent, anonymiser: &Anonymiser) -> CleanEvent {
    let mut log = Vec::new();
    let mut review = Vec::new();
    let mut meta = raw.meta.clone();
    meta.strip.clear();
    let toml = Source::whole(crate::ingest::event::FILE);
    meta.context = meta.context.map(|c| {
        anonymiser
            .rewrite_block(&c, &toml, &mut log, &mut review, false)
            .text
    });
    meta.disclaimer = meta.disclaimer.map(|d| {
        anonymiser
            .rewrite_block(&d, &toml, &mut log, &mut review, false)
            .text
    });
    let done: Vec<(Session, Vec<Redaction>, Vec<Review>)> = raw
        .sessions
        .par_iter()
        .map(|s| {
            let mut log = Vec::new();
            let mut review = Vec::new();
            let title = anonymiser
                .rewrite_block(
                    &s.title,
                    &Source::whole(&s.file),
                    &mut log,
                    &mut review,
                    false,
                )
                .text;
            // Once a person is stripped, a gendered pronoun later in the session may point
            // back to them, from however many paragraphs away.
            let mut carry = false;
            let blocks = s
                .blocks
                .iter()
                .map(|b| {
                    let mut b = b.clone();
                    let r =
                        anonymiser.rewrite_block(&b.text, &b.source, &mut log, &mut review, carry);
                    carry |= r.stripped_person;
                    b.text = r.text;
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
                review,
            )
        })
        .collect();
    let mut sessions = Vec::with_capacity(done.len());
    for (s, l, r) in done {
        sessions.push(s);
        log.extend(l);
        review.extend(r);
    }
    let survey = raw.survey.as_ref().map(|survey| {
        let mut survey = survey.clone();
        for q in &mut survey.questions {
            let file = survey
                .exports
                .first()
                .map_or("questionnaire/", |(f, _)| f.as_str())
                .to_string();
            q.text = anonymiser
                .rewrite_block(&q.text, &Source::whole(&file), &mut log, &mut review, false)
                .text;
            for (r, a) in q.answers.iter_mut().enumerate() {
                if !a.is_empty() {
                    let source = survey
                        .rows
                        .get(r)
                        .cloned()
                        .unwrap_or_else(|| Source::whole(&file));
                    *a = anonymiser
                        .rewrite_block(a, &source, &mut log, &mut review, false)
                        .text;
                }
            }
        }
        survey
    });
    review.extend(indirect::find(&raw.participants, &sessions));
    let warnings = review.iter().map(warning).collect();
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
        review,
        survey,
        warnings,
        _sealed: (),
    }
}

/// The warning `check` and `build` print for an entry of the review list.
fn warning(r: &Review) -> Diagnostic {
    Diagnostic::warning(r.source.clone(), format!("{} ({})", r.why, r.action)).hint(r.fix.clone())
}

/// Build the anonymiser's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm() {
    // In the order a build first needs them: the roster is compiled before any text is read.
    roster::warm();
    LazyLock::force(&LABEL);
    detect::warm();
    contact::warm();
    label::warm();
    affiliation::warm();
    unlisted::warm();
    rewrite::warm();
}
