//! The one serialisable projection of the anonymised, grouped event: every heading, paragraph number, date and count of the note, computed once for all three renderers.

use crate::anonymise::CleanEvent;
use crate::group::{Merged, Theme};
use crate::model::format_date_range;
use serde::Serialize;

/// The note, laid out as a sequence of blocks that each renderer draws in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub generator: String,
    /// BCP 47 tag for document metadata ("en-GB"), and its parts for typst.
    pub language: String,
    pub lang: String,
    pub region: Option<String>,
    /// The title in each format's metadata.
    pub document_title: String,
    pub author: String,
    /// The event's first day, as the document date (fixed, so outputs are reproducible).
    pub date: DateParts,
    pub header: Header,
    pub blocks: Vec<ViewBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub iso: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    pub code: String,
    pub title: String,
    pub subtitle: String,
    pub dates: String,
    pub venue: Option<String>,
    pub partners: Option<String>,
}

/// One block of the note's body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ViewBlock {
    /// A heading: level 2 for sections, 3 inside a theme. `id` is a stable HTML anchor.
    Heading { level: u8, text: String, id: String },
    /// A paragraph; numbered paragraphs carry the number everyone cites.
    Para {
        number: Option<u32>,
        text: String,
        note: Option<String>,
    },
    /// A bulleted list; each item may point to its numbered paragraph.
    Bullets { items: Vec<Bullet> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bullet {
    pub text: String,
    pub note: Option<String>,
}

/// The default "About this note" statement.
pub const DEFAULT_DISCLAIMER: &str = "This note is the rapporteurs' reading of a discussion held under the Chatham House Rule: participants may use what was said, but may not reveal who said it or which organisation they belong to. It attributes nothing to anyone by name or affiliation. It does not record the policy of the organisers or the partners of the event, and no participant is bound by any view or recommendation in it.";

pub const KEY_RECOMMENDATIONS: &str = "Key recommendations";
pub const INTRODUCTION: &str = "Introduction";
pub const RECOMMENDATIONS: &str = "Recommendations";
pub const GOOD_PRACTICE: &str = "Good practice";
pub const KEY_POINTS: &str = "Key points from the discussion";
pub const ABOUT: &str = "About this note";

/// Where one published item came from, for `internal/provenance.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    pub paragraph: u32,
    pub theme: String,
    #[serde(flatten)]
    pub item: Merged,
}

/// Build the view, and the provenance of each numbered item in it. Its only inputs are
/// anonymised, so nothing it holds can name a speaker.
pub fn build(event: &CleanEvent, themes: &[Theme]) -> (View, Vec<Provenance>) {
    let mut provenance = Vec::new();
    let meta = &event.meta;
    let (lang, region) = match meta.language.split_once(['-', '_']) {
        Some((l, r)) => (l.to_lowercase(), Some(r.to_uppercase())),
        None => (meta.language.to_lowercase(), None),
    };
    let mut blocks = Vec::new();
    let mut number = 0u32;
    let mut next = || {
        number += 1;
        Some(number)
    };

    // Paragraph numbers are assigned in reading order, so the key recommendations, which
    // come first, are filled in once the theme paragraphs have their numbers.
    let mut key_slot = None;
    let key_count = meta.key_recommendations;
    let any_recommendation = themes.iter().any(|t| !t.recommendations.is_empty());
    if key_count > 0 && any_recommendation {
        blocks.push(heading(2, KEY_RECOMMENDATIONS));
        key_slot = Some(blocks.len());
        blocks.push(ViewBlock::Bullets { items: Vec::new() });
    }

    blocks.push(heading(2, INTRODUCTION));
    for para in meta.context.iter().flat_map(|c| c.split("\n\n")) {
        let text = crate::ingest::markdown::collapse(para);
        if !text.is_empty() {
            blocks.push(ViewBlock::Para {
                number: next(),
                text,
                note: None,
            });
        }
    }
    blocks.push(ViewBlock::Para {
        number: next(),
        text: room_sentence(event),
        note: None,
    });

    // (sessions, first appearance, paragraph number, text) of every recommendation.
    let mut ranked: Vec<(usize, usize, u32, String)> = Vec::new();
    for theme in themes {
        blocks.push(heading(2, &theme.name));
        for (label, list) in [
            (RECOMMENDATIONS, &theme.recommendations),
            (GOOD_PRACTICE, &theme.good_practice),
            (KEY_POINTS, &theme.key_points),
        ] {
            if list.is_empty() {
                continue;
            }
            blocks.push(sub_heading(&theme.name, label));
            for m in list {
                let n = next();
                provenance.push(Provenance {
                    paragraph: n.unwrap_or(0),
                    theme: theme.name.clone(),
                    item: m.clone(),
                });
                if label == RECOMMENDATIONS {
                    ranked.push((m.sessions, m.first, n.unwrap_or(0), m.text.clone()));
                }
                blocks.push(ViewBlock::Para {
                    number: n,
                    text: m.text.clone(),
                    note: sessions_note(m),
                });
            }
        }
    }

    if let Some(slot) = key_slot {
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let items = ranked
            .into_iter()
            .take(key_count)
            .map(|(_, _, n, text)| Bullet {
                text,
                note: Some(format!("paragraph {n}")),
            })
            .collect();
        blocks[slot] = ViewBlock::Bullets { items };
    }

    blocks.push(heading(2, ABOUT));
    let disclaimer = meta.disclaimer.as_deref().unwrap_or(DEFAULT_DISCLAIMER);
    for para in disclaimer.split("\n\n") {
        let text = crate::ingest::markdown::collapse(para);
        if !text.is_empty() {
            blocks.push(ViewBlock::Para {
                number: None,
                text,
                note: None,
            });
        }
    }

    let partners = match meta.partners.as_slice() {
        [] => None,
        [one] => Some(format!("In partnership with {one}")),
        [rest @ .., last] => Some(format!(
            "In partnership with {} and {last}",
            rest.join(", ")
        )),
    };
    let view = View {
        generator: format!("briefnote {}", env!("CARGO_PKG_VERSION")),
        language: meta.language.clone(),
        lang,
        region,
        document_title: format!("{}: {}", meta.code, meta.title),
        author: meta.venue.clone().unwrap_or_else(|| meta.code.clone()),
        date: DateParts {
            year: meta.start.year,
            month: meta.start.month,
            day: meta.start.day,
            iso: meta.start.iso(),
        },
        header: Header {
            code: meta.code.clone(),
            title: meta.title.clone(),
            subtitle: "Brief note summarising recommendations and good practice".to_string(),
            dates: format_date_range(meta.start, meta.end),
            venue: meta.venue.clone(),
            partners,
        },
        blocks,
    };
    (view, provenance)
}

fn heading(level: u8, text: &str) -> ViewBlock {
    ViewBlock::Heading {
        level,
        text: text.to_string(),
        id: slug(text),
    }
}

fn sub_heading(theme: &str, text: &str) -> ViewBlock {
    ViewBlock::Heading {
        level: 3,
        text: text.to_string(),
        id: format!("{}-{}", slug(theme), slug(text)),
    }
}

/// A lower-case ASCII anchor: "Accountability and evidence" → "accountability-and-evidence".
pub fn slug(text: &str) -> String {
    let folded = crate::names::fold(text);
    let s: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn sessions_note(m: &Merged) -> Option<String> {
    (m.sessions > 1).then(|| format!("Raised in {} sessions.", m.sessions))
}

fn room_sentence(event: &CleanEvent) -> String {
    let room = event.room;
    let sessions = event.sessions.len();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "The dialogue brought together {}",
        plural(room.participants, "participant", "participants")
    );
    match (room.countries, room.sectors) {
        (0, 0) => {}
        (c, 0) => s.push_str(&format!(" from {}", plural(c, "country", "countries"))),
        (0, k) => s.push_str(&format!(" from {}", plural(k, "sector", "sectors"))),
        (c, k) => s.push_str(&format!(
            " from {} and {}",
            plural(c, "country", "countries"),
            plural(k, "sector", "sectors")
        )),
    }
    s.push_str(&format!(
        " over {}.",
        plural(sessions, "session", "sessions")
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(
            slug("Accountability and évidence"),
            "accountability-and-evidence"
        );
        assert_eq!(
            slug("Key points from the discussion"),
            "key-points-from-the-discussion"
        );
    }
}
