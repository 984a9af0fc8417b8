//! The one serialisable projection of the anonymised, grouped event: every heading, paragraph number, date and count of the note, computed once for all three renderers.

use super::charts;
use crate::anonymise::CleanEvent;
use crate::evaluate::Evaluation;
use crate::group::{Merged, Theme};
use crate::model::format_date_range;
use serde::Serialize;

/// A logo as the formats show it: typst reads it from `path` (the only other file its world
/// serves), the HTML from `data_uri` (an image, never inline markup, so an SVG's scripts never
/// run), the DOCX from `image`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewLogo {
    pub alt: String,
    pub partner: bool,
    pub path: String,
    pub data_uri: String,
    #[serde(skip)]
    pub image: crate::model::LogoImage,
}

/// What a draft says of itself, in every format.
pub const DRAFT: &str = "Draft — not for circulation";

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
    /// "Draft — not for circulation" on a draft (`build --draft`), shown by every format.
    pub draft: Option<String>,
    /// The house colour of headings, rules and charts, `#rrggbb`.
    pub accent: String,
    /// The organiser's logo, then the partners', as each format shows them.
    pub logos: Vec<ViewLogo>,
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
    /// A table of figures; the first column names the rows.
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart as SVG, with the text alternative screen readers and the PDF's tags carry.
    Chart { svg: String, alt: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bullet {
    pub text: String,
    pub note: Option<String>,
    /// The paragraph the note points to ("paragraph 14"), for a link where a format has them.
    pub target: Option<u32>,
}

/// The default "About this note" statement.
pub const DEFAULT_DISCLAIMER: &str = "This note is the rapporteurs' reading of a discussion held under the Chatham House Rule: participants may use what was said, but may not reveal who said it or which organisation they belong to. It attributes nothing to anyone by name or affiliation. It does not record the policy of the organisers or the partners of the event, and no participant is bound by any view or recommendation in it.";

pub const KEY_RECOMMENDATIONS: &str = "Key recommendations";
pub const KEY_POINTS_UP_FRONT: &str = "Key points";
pub const INTRODUCTION: &str = "Introduction";
pub const RECOMMENDATIONS: &str = "Recommendations";
pub const GOOD_PRACTICE: &str = "Good practice";
pub const KEY_POINTS: &str = "Key points from the discussion";
pub const ABOUT: &str = "About this note";
pub const EVALUATION: &str = "Participant evaluation";

/// Where one published item came from, for `internal/provenance.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    pub paragraph: u32,
    pub theme: String,
    #[serde(flatten)]
    pub item: Merged,
}

/// What the view is built from: the anonymised event, its themes, its evaluation, and the
/// key points chosen to lead the note.
pub struct Input<'a> {
    pub event: &'a CleanEvent,
    pub themes: &'a [Theme],
    pub evaluation: Option<&'a Evaluation>,
    pub highlights: &'a [crate::summarise::Highlight],
}

/// Build the view, and the provenance of each numbered item in it. Its only inputs are
/// anonymised, so nothing it holds can name a speaker.
pub fn build(input: Input) -> (View, Vec<Provenance>) {
    let Input {
        event,
        themes,
        evaluation,
        highlights,
    } = input;
    let mut provenance = Vec::new();
    let meta = &event.meta();
    let (lang, region) = match meta.language.split_once(['-', '_']) {
        Some((l, r)) => (l.to_lowercase(), Some(r.to_uppercase())),
        None => (meta.language.to_lowercase(), None),
    };
    let mut blocks = Vec::new();
    let mut number = 0u32;
    let mut next = move || {
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
    let mut points_slot = None;
    if !highlights.is_empty() {
        blocks.push(heading(2, KEY_POINTS_UP_FRONT));
        points_slot = Some(blocks.len());
        blocks.push(ViewBlock::Bullets { items: Vec::new() });
    }
    // The paragraph number of each theme's key points, for the key points up front.
    let mut point_numbers: Vec<Vec<u32>> = vec![Vec::new(); themes.len()];

    blocks.push(heading(2, INTRODUCTION));
    for para in meta.context.iter().flat_map(|c| c.split("\n\n")) {
        let text = crate::text::collapse(para);
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
    for (t, theme) in themes.iter().enumerate() {
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
                if label == KEY_POINTS {
                    point_numbers[t].push(n.unwrap_or(0));
                }
                if label == RECOMMENDATIONS {
                    ranked.push((
                        m.sessions + usize::from(m.questionnaire),
                        m.first,
                        n.unwrap_or(0),
                        m.text.clone(),
                    ));
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
                target: Some(n),
            })
            .collect();
        blocks[slot] = ViewBlock::Bullets { items };
    }

    if let Some(slot) = points_slot {
        let items = highlights
            .iter()
            .map(|h| {
                let n = point_numbers
                    .get(h.theme)
                    .and_then(|ns| ns.get(h.item))
                    .copied()
                    .filter(|&n| n > 0);
                Bullet {
                    text: h.text.clone(),
                    note: n.map(|n| format!("paragraph {n}")),
                    target: n,
                }
            })
            .collect();
        blocks[slot] = ViewBlock::Bullets { items };
    }

    if let Some(evaluation) = evaluation {
        evaluation_section(evaluation, &meta.accent, &mut blocks, &mut next);
    }

    blocks.push(heading(2, ABOUT));
    let disclaimer = meta.disclaimer.as_deref().unwrap_or(DEFAULT_DISCLAIMER);
    for para in disclaimer.split("\n\n") {
        let text = crate::text::collapse(para);
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
            year: meta.start.year(),
            month: meta.start.month(),
            day: meta.start.day(),
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
        draft: meta.draft.then(|| DRAFT.to_string()),
        accent: meta.accent.clone(),
        logos: meta
            .logos
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let image = l.image.clone()?;
                let (format, mime, bytes) = match &image {
                    crate::model::LogoImage::Png(b) => ("png", "image/png", b.clone()),
                    crate::model::LogoImage::Svg(s) => {
                        ("svg", "image/svg+xml", s.as_bytes().to_vec())
                    }
                };
                use base64::Engine as _;
                Some(ViewLogo {
                    alt: l.alt.clone(),
                    partner: l.partner,
                    path: format!("/logo-{i}.{format}"),
                    data_uri: format!(
                        "data:{mime};base64,{}",
                        base64::engine::general_purpose::STANDARD.encode(&bytes)
                    ),
                    image,
                })
            })
            .collect(),
    };
    (view, provenance)
}

impl View {
    /// The words a reader of the note reads: the header and every heading, paragraph, list
    /// and table, with their notes ("paragraph 14", "Raised in 2 sessions").
    pub fn words(&self) -> usize {
        let count = |s: &str| s.split_whitespace().count();
        let h = &self.header;
        let mut n = count(&h.code) + count(&h.title) + count(&h.subtitle) + count(&h.dates);
        n += h.venue.as_deref().map_or(0, count) + h.partners.as_deref().map_or(0, count);
        for b in &self.blocks {
            n += match b {
                ViewBlock::Heading { text, .. } => count(text),
                ViewBlock::Para { number, text, note } => {
                    usize::from(number.is_some()) + count(text) + note.as_deref().map_or(0, count)
                }
                ViewBlock::Bullets { items } => items
                    .iter()
                    .map(|i| count(&i.text) + i.note.as_deref().map_or(0, count))
                    .sum(),
                ViewBlock::Table {
                    caption,
                    header,
                    rows,
                } => {
                    count(caption)
                        + header.iter().map(|c| count(c)).sum::<usize>()
                        + rows.iter().flatten().map(|c| count(c)).sum::<usize>()
                }
                ViewBlock::Chart { .. } => 0,
            };
        }
        n
    }
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
    let folded = crate::fold::fold(text);
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
    match (m.sessions, m.questionnaire) {
        (0 | 1, false) => None,
        (n, false) => Some(format!("Raised in {n} sessions.")),
        (1, true) => Some("Raised in one session and in the questionnaire.".to_string()),
        (n, true) => Some(format!("Raised in {n} sessions and in the questionnaire.")),
    }
}

/// "Participant evaluation": responses and response rate, the overall rating, each question's
/// figures as a chart and a table, group breakdowns with small groups suppressed, and
/// free-text answers counted. With fewer than five responses, only their number.
fn evaluation_section(
    e: &Evaluation,
    accent: &str,
    blocks: &mut Vec<ViewBlock>,
    next: &mut dyn FnMut() -> Option<u32>,
) {
    use crate::evaluate::{Figures, SMALL_GROUP};
    blocks.push(heading(2, EVALUATION));
    let plural = crate::text::count;
    let mut opening = format!(
        "{} the evaluation questionnaire",
        plural(e.responses, "participant answered", "participants answered")
    );
    if let Some(rate) = e.response_rate {
        opening.push_str(&format!(
            ", a response rate of {rate:.0}% ({} of {})",
            e.responses, e.participants
        ));
    }
    opening.push('.');
    if e.responses < SMALL_GROUP {
        opening.push_str(
            " With so few responses, no figures are given, so that no one can be identified.",
        );
        blocks.push(ViewBlock::Para {
            number: next(),
            text: opening,
            note: None,
        });
        return;
    }
    if let Some(Figures::Rating { mean, answered, .. }) = e.overall.map(|o| &e.questions[o].figures)
    {
        opening.push_str(&format!(
            " Overall, they rated the event {mean:.2} out of 5 ({}).",
            plural(*answered, "rating", "ratings")
        ));
    }
    blocks.push(ViewBlock::Para {
        number: next(),
        text: opening,
        note: None,
    });

    let mut free_text: Vec<String> = Vec::new();
    for q in &e.questions {
        match &q.figures {
            Figures::Rating {
                options,
                counts,
                answered,
                mean,
            } => {
                blocks.push(ViewBlock::Heading {
                    level: 3,
                    text: q.text.clone(),
                    id: slug(&q.text),
                });
                let alt = format!(
                    "Bar chart of {}: {}.",
                    plural(*answered, "answer", "answers"),
                    options
                        .iter()
                        .zip(counts)
                        .map(|(o, c)| format!("{o} {c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                blocks.push(ViewBlock::Chart {
                    svg: charts::bars(options, counts, &alt, accent),
                    alt,
                });
                let mut rows: Vec<Vec<String>> = options
                    .iter()
                    .zip(counts)
                    .map(|(o, c)| vec![o.clone(), c.to_string()])
                    .collect();
                rows.push(vec!["Average score out of 5".into(), format!("{mean:.2}")]);
                blocks.push(ViewBlock::Table {
                    caption: format!("Answers to: {}", q.text),
                    header: vec!["Answer".into(), "Responses".into()],
                    rows,
                });
            }
            Figures::Recommend {
                answered,
                mean,
                net,
                promoters,
                passives,
                detractors,
            } => {
                blocks.push(ViewBlock::Heading {
                    level: 3,
                    text: q.text.clone(),
                    id: slug(&q.text),
                });
                blocks.push(ViewBlock::Para {
                    number: next(),
                    text: format!(
                        "On a scale of 0 to 10, the mean answer was {mean:.2} ({}). The net score, the share answering 9 or 10 less the share answering 0 to 6, was {net:+}.",
                        plural(*answered, "answer", "answers")
                    ),
                    note: None,
                });
                let rows = vec![
                    vec!["9 or 10".into(), promoters.to_string()],
                    vec!["7 or 8".into(), passives.to_string()],
                    vec!["0 to 6".into(), detractors.to_string()],
                ];
                blocks.push(ViewBlock::Table {
                    caption: format!("Answers to: {}", q.text),
                    header: vec!["Answer".into(), "Responses".into()],
                    rows,
                });
            }
            Figures::Choice { counts, .. } => {
                blocks.push(ViewBlock::Heading {
                    level: 3,
                    text: q.text.clone(),
                    id: slug(&q.text),
                });
                let rows = counts
                    .iter()
                    .map(|(o, c)| vec![o.clone(), c.to_string()])
                    .collect();
                blocks.push(ViewBlock::Table {
                    caption: format!("Answers to: {}", q.text),
                    header: vec!["Answer".into(), "Responses".into()],
                    rows,
                });
            }
            Figures::FreeText { answered } => free_text.push(format!(
                "{} ({})",
                q.text,
                plural(*answered, "answer", "answers")
            )),
        }
    }
    for b in &e.breakdowns {
        let title = format!("Overall rating by answer to: {}", b.by);
        blocks.push(ViewBlock::Heading {
            level: 3,
            text: title.clone(),
            id: slug(&title),
        });
        let rows = b
            .groups
            .iter()
            .map(|(g, shown)| match shown {
                Some((n, mean)) => vec![g.clone(), n.to_string(), format!("{mean:.2}")],
                None => vec![
                    g.clone(),
                    format!("fewer than {SMALL_GROUP}"),
                    "not shown".into(),
                ],
            })
            .collect();
        blocks.push(ViewBlock::Table {
            caption: title,
            header: vec![
                "Group".into(),
                "Ratings".into(),
                "Average score out of 5".into(),
            ],
            rows,
        });
    }
    if !free_text.is_empty() {
        blocks.push(ViewBlock::Para {
            number: next(),
            text: format!(
                "Written answers are counted, not quoted: {}.",
                free_text.join("; ")
            ),
            note: None,
        });
    }
}

fn room_sentence(event: &CleanEvent) -> String {
    let room = event.room();
    let sessions = event.sessions().len();
    let plural = crate::text::count;
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
