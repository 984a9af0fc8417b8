//! The internal files of a build, beside `public/` for the programme team: every change the anonymiser made and what it was unsure of, why each discussion sentence was or was not chosen, what was skipped, candidate recommendations, and where each published item came from.

use crate::output::OutputFile;
use crate::{anonymise, extract, group, model, summarise};

/// What a build records about itself, to be written to `internal/`.
pub struct Records<'a> {
    pub code: &'a str,
    pub redactions: &'a [anonymise::Redaction],
    pub review: &'a [anonymise::Review],
    pub considered: &'a [summarise::Considered],
    pub skipped: &'a [group::Skipped],
    pub candidates: &'a [&'a extract::Item],
    pub provenance: &'a [crate::render::view::Provenance],
    /// The view, when `--emit view` asked for it.
    pub view: Option<&'a crate::render::view::View>,
}

/// The internal files, with their paths under the event's output folder.
pub fn files(r: &Records) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile {
            path: "internal/redactions.csv".into(),
            bytes: redactions_csv(r.redactions),
        },
        OutputFile {
            path: "internal/review.csv".into(),
            bytes: review_csv(r.review),
        },
        OutputFile {
            path: "internal/summary.csv".into(),
            bytes: summary_csv(r.considered),
        },
        OutputFile {
            path: "internal/skipped.csv".into(),
            bytes: skipped_csv(r.skipped),
        },
        OutputFile {
            path: "internal/candidates.csv".into(),
            bytes: candidates_csv(r.candidates),
        },
        OutputFile {
            path: "internal/provenance.json".into(),
            bytes: pretty_json(&r.provenance),
        },
    ];
    if let Some(view) = r.view {
        files.push(OutputFile {
            path: format!("internal/{}-view.json", r.code).into(),
            bytes: pretty_json(view),
        });
    }
    files
}

/// Pretty JSON with a final newline: the view and provenance files are read by people.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).expect("plain data serialises");
    v.push(b'\n');
    v
}

fn skipped_csv(skipped: &[group::Skipped]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["location", "role", "reason", "text"])
        .expect("in-memory write");
    for s in skipped {
        let role = match s.role {
            model::Role::GoodPractice => "good practice",
            _ => "recommendation",
        };
        w.write_record([s.location.as_str(), role, &s.reason, &s.text])
            .expect("in-memory write");
    }
    w.into_inner().expect("in-memory write")
}

fn candidates_csv(candidates: &[&extract::Item]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["location", "sentence"])
        .expect("in-memory write");
    for c in candidates {
        w.write_record([c.source.to_string(), c.text.clone()])
            .expect("in-memory write");
    }
    w.into_inner().expect("in-memory write")
}

fn summary_csv(considered: &[summarise::Considered]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "location", "session", "theme", "score", "chosen", "why", "sentence",
    ])
    .expect("in-memory write");
    for c in considered {
        w.write_record([
            c.location.as_str(),
            &c.session,
            &c.theme,
            &format!("{:.3}", c.score),
            if c.chosen { "yes" } else { "no" },
            &c.why,
            &c.sentence,
        ])
        .expect("in-memory write");
    }
    w.into_inner().expect("in-memory write")
}

fn review_csv(review: &[anonymise::Review]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["location", "matched", "action", "why", "sentence", "fix"])
        .expect("in-memory write");
    for r in review {
        w.write_record([
            r.source.to_string().as_str(),
            &r.matched,
            r.action,
            &r.why,
            &r.sentence,
            &r.fix,
        ])
        .expect("in-memory write");
    }
    w.into_inner().expect("in-memory write")
}

fn redactions_csv(redactions: &[anonymise::Redaction]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["location", "original", "replacement", "rule", "certain"])
        .expect("in-memory write");
    for r in redactions {
        let certain = if r.certain { "yes" } else { "no: check" };
        w.write_record([
            r.source.to_string().as_str(),
            &r.original,
            r.replacement.as_ref(),
            r.rule,
            certain,
        ])
        .expect("in-memory write");
    }
    w.into_inner().expect("in-memory write")
}
