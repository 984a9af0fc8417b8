//! How many pages the built-in template will lay a view out in, estimated before typst is asked: lines broken by the bundled fonts' advance widths, blocks flowed down A4 pages by the template's measures.
//!
//! Typst's layout is the truth and always has the last word; this estimate only lets the
//! brief note choose a discussion that fits its ten pages before the first layout, so that
//! one layout is usually enough (each costs a full typst compile).

use super::view::{View, ViewBlock};
use std::sync::LazyLock;

/// Points in a centimetre.
const CM: f64 = 72.0 / 2.54;

/// The template's page: A4, less its margins (`margin: (x: 2.2cm, top: 2.2cm, bottom: 2.4cm)`).
const TEXT_WIDTH: f64 = 595.276 - 2.0 * 2.2 * CM;
pub(crate) const TOP: f64 = 2.2 * CM;
pub(crate) const TEXT_HEIGHT: f64 = 841.89 - TOP - 2.4 * CM;

/// Body text: 12 pt, leading 0.6 em, paragraphs 0.9 em apart.
const BODY: f64 = 12.0;
const LEADING: f64 = 0.6 * BODY;
const PAR_SPACING: f64 = 0.9 * BODY;

/// A level-1 heading (20 pt) keeps typst's own spacing: 1.8 em and 0.75 em of the body,
/// over its scale of 1.4.
const H1_ABOVE: f64 = 1.8 / 1.4 * 20.0;
const H1_BELOW: f64 = 0.75 / 1.4 * 20.0;

/// A numbered paragraph's hanging indent: 2.2 em.
const HANG: f64 = 2.2 * BODY;

/// A list item's marker and the gap after it.
const LIST_INDENT: f64 = 1.0 * BODY;

/// A table cell's inset above and below (typst's default, 5 pt), and the gap between a
/// figure's caption and its body (0.65 em).
const CELL_INSET: f64 = 5.0;
const CAPTION_GAP: f64 = 0.65 * BODY;

/// A chart's width: 85 % of the text.
const CHART_WIDTH: f64 = 0.85 * TEXT_WIDTH;

/// What kerning takes off the width of a line of the notes' text: measured against typst
/// on the three test events at 32 discussion budgets each, 0.995 gave the page count and
/// the last page's fill exactly in all 96; 1.0 (no kerning) was up to a fifth of a page
/// over, 0.99 up to a fifth under.
const KERNING: f64 = 0.995;

/// The advance widths of one face, in em, for the characters the notes use most; others
/// take the width of "n".
struct Face {
    ascii: [f64; 128],
    other: FxCache,
    default: f64,
    cap_height: f64,
}

type FxCache = rustc_hash::FxHashMap<char, f64>;

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let face = ttf_parser::Face::parse(data, 0).expect("the bundled font parses");
        let upem = f64::from(face.units_per_em());
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map(|a| f64::from(a) / upem)
        };
        let default = advance('n').unwrap_or(0.55);
        let mut ascii = [default; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            if let Some(a) = advance(char::from(i as u8)) {
                *slot = a;
            }
        }
        let mut other = FxCache::default();
        for c in "‘’“”–—…éèàáíóúñçöüäøåãõâêôîûëïÉÅÖÜçšžćčłńśźżőű€£".chars()
        {
            if let Some(a) = advance(c) {
                other.insert(c, a);
            }
        }
        let cap_height = face.capital_height().map_or(0.714, |h| f64::from(h) / upem);
        Face {
            ascii,
            other,
            default,
            cap_height,
        }
    }

    /// The width of `text` at `size` points. Typst kerns and this does not: [`KERNING`]
    /// stands for what kerning takes off.
    fn width(&self, text: &str, size: f64) -> f64 {
        text.chars()
            .map(|c| match c {
                c if c.is_ascii() => self.ascii[c as usize],
                c => self.other.get(&c).copied().unwrap_or(self.default),
            })
            .sum::<f64>()
            * size
            * KERNING
    }
}

/// The faces the estimate measures: regular for text (notes in italic are close enough to
/// it), bold for headings and table headers.
struct Faces {
    regular: Face,
    bold: Face,
}

static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    regular: Face::new(super::FONT_FILES[0]),
    bold: Face::new(super::FONT_FILES[1]),
});

/// How many lines `text` takes at `size` in a column `width` wide, breaking greedily at
/// spaces and after hyphens and dashes, as typst does with hyphenation off.
fn lines(face: &Face, text: &str, size: f64, width: f64) -> usize {
    let space = face.width(" ", size);
    let mut lines = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        // The pieces a line may break after: "climate-" "risk", "a—" "b".
        let mut rest = word;
        let mut first = true;
        while !rest.is_empty() {
            let cut = rest
                .char_indices()
                .find(|&(i, c)| matches!(c, '-' | '—' | '–' | '/') && i > 0)
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            let piece = &rest[..cut];
            rest = &rest[cut..];
            let w = face.width(piece, size);
            let gap = if first && used > 0.0 { space } else { 0.0 };
            if used > 0.0 && used + gap + w > width {
                lines += 1;
                used = w;
            } else {
                used += gap + w;
            }
            first = false;
        }
    }
    lines
}

/// One thing to place on a page.
enum Item {
    /// Lines of text, `pitch` apart; `first` is the first line's height (its cap height).
    /// A paragraph breaks across pages between lines, leaving two at least on each side.
    Text {
        lines: usize,
        first: f64,
        pitch: f64,
        above: f64,
        below: f64,
    },
    /// A heading: kept on the page with the first lines of what follows it.
    Heading { height: f64, above: f64, below: f64 },
    /// A figure (table or chart): never broken across pages.
    Solid { height: f64, above: f64, below: f64 },
}

/// The items of a view, in order, by the template's measures.
fn items(view: &View) -> Vec<Item> {
    let faces = &*FACES;
    let r = &faces.regular;
    let b = &faces.bold;
    let pitch = |size: f64| r.cap_height * size + 0.6 * size;
    let text = |face: &Face, s: &str, size: f64, width: f64, above: f64, below: f64| Item::Text {
        lines: lines(face, s, size, width),
        first: face.cap_height * size,
        pitch: pitch(size),
        above,
        below,
    };
    let heading = |s: &str, size: f64, above: f64, below: f64| {
        let n = lines(b, s, size, TEXT_WIDTH) as f64;
        Item::Heading {
            height: b.cap_height * size + (n - 1.0) * (b.cap_height * size + 0.6 * size),
            above,
            below,
        }
    };
    let h = &view.header;
    let mut out = Vec::new();
    if view.logos.iter().any(|l| !l.partner) {
        out.push(Item::Solid {
            height: 1.5 * CM,
            above: 0.0,
            below: PAR_SPACING,
        });
    }
    // A paragraph's spacing is 0.9 em of its own text.
    out.push(text(r, &h.code, 11.0, TEXT_WIDTH, 0.0, 0.9 * 11.0));
    out.push(heading(&h.title, 20.0, H1_ABOVE, H1_BELOW));
    out.push(text(
        r,
        &h.subtitle,
        13.0,
        TEXT_WIDTH,
        0.9 * 13.0,
        0.9 * 13.0,
    ));
    let mut front = lines(r, &h.dates, BODY, TEXT_WIDTH);
    for line in [&h.venue, &h.partners].into_iter().flatten() {
        front += lines(r, line, BODY, TEXT_WIDTH);
    }
    out.push(Item::Text {
        lines: front,
        first: r.cap_height * BODY,
        pitch: pitch(BODY),
        above: PAR_SPACING,
        below: PAR_SPACING,
    });
    if view.logos.iter().any(|l| l.partner) {
        out.push(Item::Solid {
            height: 1.1 * CM + 0.3 * BODY,
            above: 0.0,
            below: PAR_SPACING,
        });
    }
    for block in &view.blocks {
        match block {
            ViewBlock::Heading { level, text: t, .. } => out.push(match level {
                1 => heading(t, 20.0, H1_ABOVE, H1_BELOW),
                2 => heading(t, 15.0, 1.6 * 15.0, 0.8 * 15.0),
                _ => heading(t, 13.0, 1.2 * 13.0, 0.6 * 13.0),
            }),
            ViewBlock::Para {
                number,
                text: t,
                note,
            } => {
                let mut s = t.clone();
                if let Some(n) = note {
                    s.push(' ');
                    s.push_str(n);
                }
                let width = if number.is_some() {
                    TEXT_WIDTH - HANG
                } else {
                    TEXT_WIDTH
                };
                out.push(text(r, &s, BODY, width, PAR_SPACING, PAR_SPACING));
            }
            ViewBlock::Bullets { items } => {
                // A tight list: its items are a leading apart, not a paragraph's spacing.
                for (i, item) in items.iter().enumerate() {
                    let mut s = item.text.clone();
                    if let Some(n) = &item.note {
                        s.push_str(&format!(" ({n})"));
                    }
                    let above = if i == 0 { PAR_SPACING } else { LEADING };
                    let below = if i + 1 == items.len() {
                        PAR_SPACING
                    } else {
                        LEADING
                    };
                    out.push(text(r, &s, BODY, TEXT_WIDTH - LIST_INDENT, above, below));
                }
            }
            ViewBlock::Table {
                caption,
                header,
                rows,
            } => {
                let columns = header.len().max(1) as f64;
                let cell = |s: &str, face: &Face| {
                    let n = lines(face, s, BODY, TEXT_WIDTH / columns - 2.0 * CELL_INSET) as f64;
                    2.0 * CELL_INSET + r.cap_height * BODY + (n - 1.0) * pitch(BODY)
                };
                let row = |cells: &[String], face: &Face| {
                    cells.iter().map(|c| cell(c, face)).fold(0.0, f64::max)
                };
                let caption = lines(r, caption, BODY, TEXT_WIDTH) as f64;
                let height = r.cap_height * BODY
                    + (caption - 1.0) * pitch(BODY)
                    + CAPTION_GAP
                    + row(header, b)
                    + rows.iter().map(|cells| row(cells, r)).sum::<f64>();
                out.push(Item::Solid {
                    height,
                    above: PAR_SPACING,
                    below: PAR_SPACING,
                });
            }
            ViewBlock::Chart { svg, .. } => out.push(Item::Solid {
                height: CHART_WIDTH * aspect(svg),
                above: PAR_SPACING,
                below: PAR_SPACING,
            }),
        }
    }
    out
}

/// What a heading with `spacing` under it is kept on its page with: the headings right
/// under it and two lines of what follows them.
fn kept_with(rest: &[Item], mut spacing: f64) -> f64 {
    let mut next = 0.0;
    for item in rest {
        match item {
            Item::Heading {
                height,
                above,
                below,
            } => {
                next += spacing.max(*above) + height;
                spacing = *below;
            }
            Item::Text {
                lines,
                first,
                pitch,
                ..
            } => return next + spacing + first + (*lines.min(&2) as f64 - 1.0) * pitch,
            Item::Solid { height, .. } => return next + spacing + height,
        }
    }
    next
}

/// An SVG's height over its width, from its `viewBox` (or 0.6 when it has none).
fn aspect(svg: &str) -> f64 {
    let Some(start) = svg.find("viewBox=\"") else {
        return 0.6;
    };
    let rest = &svg[start + 9..];
    let values: Vec<f64> = rest[..rest.find('"').unwrap_or(0)]
        .split([' ', ','])
        .filter_map(|v| v.parse().ok())
        .collect();
    match values.as_slice() {
        [_, _, w, h] if *w > 0.0 => h / w,
        _ => 0.6,
    }
}

/// The pages the built-in template lays `view` out in, as a fraction: 9.5 is nine pages
/// and half of a tenth. Spacing between two blocks is the larger of the two, but under a
/// heading, the heading's; a page's first block has none above it.
pub fn estimate(view: &View) -> f64 {
    let items = items(view);
    let mut pages = 0usize;
    let mut y = 0.0;
    let mut below = 0.0;
    let new_page = |pages: &mut usize, y: &mut f64, below: &mut f64| {
        *pages += 1;
        *y = 0.0;
        *below = 0.0;
    };
    let mut i = 0;
    while i < items.len() {
        // Under a heading, its own spacing below holds, whatever follows asks for.
        let under_heading = i > 0
            && matches!(items[i - 1], Item::Heading { .. })
            && !matches!(items[i], Item::Heading { .. });
        let gap = |above: f64, y: f64, below: f64| match () {
            _ if y == 0.0 => 0.0,
            _ if under_heading => below,
            _ => above.max(below),
        };
        match &items[i] {
            Item::Solid {
                height,
                above,
                below: after,
            }
            | Item::Heading {
                height,
                above,
                below: after,
            } => {
                let next = match items[i] {
                    Item::Heading { .. } => kept_with(&items[i + 1..], *after),
                    _ => 0.0,
                };
                if y > 0.0 && y + gap(*above, y, below) + height + next > TEXT_HEIGHT {
                    new_page(&mut pages, &mut y, &mut below);
                }
                y += gap(*above, y, below) + height;
                below = *after;
            }
            Item::Text {
                lines,
                first,
                pitch,
                above,
                below: after,
            } => {
                let mut left = *lines;
                let mut start = gap(*above, y, below);
                while left > 0 {
                    let room = TEXT_HEIGHT - y - start;
                    let fit = if room < *first {
                        0
                    } else {
                        1 + ((room - first) / pitch).floor() as usize
                    };
                    if fit >= left {
                        y += start + first + (left as f64 - 1.0) * pitch;
                        left = 0;
                    } else {
                        // Two lines at least on each side of a break.
                        let take = if left >= 4 { fit.min(left - 2) } else { 0 };
                        let take = if take < 2 { 0 } else { take };
                        if take == 0 && y == 0.0 {
                            // Nothing fits on an empty page: place what fits and go on.
                            left -= fit.max(1);
                        } else {
                            left -= take;
                        }
                        new_page(&mut pages, &mut y, &mut below);
                        start = 0.0;
                    }
                }
                below = *after;
            }
        }
        i += 1;
    }
    pages as f64 + y / TEXT_HEIGHT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_line_takes_more_lines() {
        let r = &FACES.regular;
        let one = "Participants noted that the water utility had not been audited.";
        assert_eq!(lines(r, one, BODY, TEXT_WIDTH), 1);
        let long = one.repeat(5);
        let n = lines(r, &long, BODY, TEXT_WIDTH);
        assert!((4..=6).contains(&n), "{n}");
        assert!(lines(r, &long, BODY, TEXT_WIDTH / 2.0) > n);
    }

    /// A note of `paras` paragraphs of assorted lengths under headings every few, with a
    /// table and a chart, as the view builder makes them.
    pub(super) fn note(paras: usize) -> View {
        use crate::render::view::{Bullet, DateParts, Header};
        let sentence = [
            "Participants noted that the utility had not been audited for six years.",
            "Several argued that a regulator funded by a levy fixed in law is harder to silence than one that depends on an annual grant, and that the levy should be published.",
            "One participant said that tanker operators in the informal settlements charge ten to twenty times the utility's tariff—more in the dry season—and that nobody regulates them.",
            "Cities should map who holds land before they plan drainage.",
        ];
        let mut blocks = vec![ViewBlock::Bullets {
            items: (0..6)
                .map(|i| Bullet {
                    text: sentence[i % 4].to_string(),
                    note: Some(format!("paragraph {}", i + 10)),
                    target: Some(i as u32 + 10),
                })
                .collect(),
        }];
        for i in 0..paras {
            if i % 6 == 0 {
                blocks.push(ViewBlock::Heading {
                    level: 2 + (i / 6 % 2) as u8,
                    text: format!("Theme {i} on water, sanitation and tariffs"),
                    id: format!("t{i}"),
                });
            }
            let text = (0..1 + i * 7 % 5)
                .map(|k| sentence[(i + k) % 4])
                .collect::<Vec<_>>()
                .join(" ");
            blocks.push(ViewBlock::Para {
                number: (i % 5 != 0).then_some(i as u32 + 1),
                text,
                note: (i % 7 == 0).then(|| "(sessions 2 and 5)".to_string()),
            });
            if i == paras / 2 {
                blocks.push(ViewBlock::Table {
                    caption: "How participants rated the event".to_string(),
                    header: vec!["Question".into(), "Mean".into(), "Answers".into()],
                    rows: (0..5)
                        .map(|r| {
                            vec![
                                format!("Question {r} about the sessions"),
                                "4.2".into(),
                                "31".into(),
                            ]
                        })
                        .collect(),
                });
                blocks.push(ViewBlock::Chart {
                    svg: r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 320"><rect width="600" height="320" fill="#eee"/></svg>"##.to_string(),
                    alt: "A bar chart".to_string(),
                });
            }
        }
        View {
            generator: "briefnote test".into(),
            language: "en-GB".into(),
            lang: "en".into(),
            region: Some("GB".into()),
            document_title: "A test note".into(),
            author: "Organiser".into(),
            date: DateParts {
                year: 2026,
                month: 3,
                day: 4,
                iso: "2026-03-04".into(),
            },
            header: Header {
                code: "WP0001".into(),
                title:
                    "Water in fast-growing cities: utilities, tariffs and the informal settlements"
                        .into(),
                subtitle: "Brief summary note".into(),
                dates: "4–6 March 2026".into(),
                venue: Some("Wiston House".into()),
                partners: None,
            },
            blocks,
            draft: None,
            accent: "#1d70b8".into(),
            logos: Vec::new(),
        }
    }

    #[test]
    fn the_estimate_is_close_to_typst_and_rarely_under_it() {
        // Notes from two to fourteen pages, against typst's layout of the built-in template.
        let mut worst_under: f64 = 0.0;
        let mut worst_over: f64 = 0.0;
        for paras in (10..=130).step_by(12) {
            let view = note(paras);
            let laid = crate::render::pdf::lay_out(&view, crate::render::pdf::TEMPLATE).unwrap();
            let diff = estimate(&view) - laid.filled();
            worst_under = worst_under.min(diff);
            worst_over = worst_over.max(diff);
        }
        assert!(
            worst_under > -0.1,
            "the estimate was {worst_under:.2} pages under"
        );
        // Over, where a page break falls differently: a paragraph typst splits and the
        // estimate moves whole, say.
        assert!(
            worst_over < 0.35,
            "the estimate was {worst_over:.2} pages over"
        );
    }

    #[test]
    fn a_chart_is_as_tall_as_its_view_box_says() {
        assert!((aspect(r#"<svg viewBox="0 0 600 300">"#) - 0.5).abs() < 1e-9);
        assert!((aspect("<svg>") - 0.6).abs() < 1e-9);
    }
}
#[cfg(test)]
mod each_block {
    use super::*;
    use crate::render::view::Bullet;

    /// Pages of one kind of block at a time, under the front matter, as typst lays them out.
    /// (A list followed by a paragraph or a level-3 heading comes out 3–4 pt taller than
    /// typst makes it; the note never has one.)
    #[test]
    fn every_kind_of_block_is_measured_as_typst_lays_it_out() {
        let t = "Several argued that a regulator funded by a levy fixed in law is harder to silence than one that depends on an annual grant, and that the levy should be published.";
        let kinds: Vec<(&str, Vec<ViewBlock>)> = vec![
            ("plain", (0..30).map(|_| ViewBlock::Para { number: None, text: t.into(), note: None }).collect()),
            ("numbered", (0..30).map(|i| ViewBlock::Para { number: Some(i + 1), text: t.into(), note: None }).collect()),
            ("noted", (0..30).map(|_| ViewBlock::Para { number: None, text: t.into(), note: Some("(sessions 2 and 5)".into()) }).collect()),
            ("h2", (0..30).flat_map(|i| vec![ViewBlock::Heading { level: 2, text: format!("Theme {i}"), id: format!("a{i}") }, ViewBlock::Para { number: None, text: "Short.".into(), note: None }]).collect()),
            ("h3", (0..30).flat_map(|i| vec![ViewBlock::Heading { level: 3, text: format!("Theme {i}"), id: format!("a{i}") }, ViewBlock::Para { number: None, text: "Short.".into(), note: None }]).collect()),
            ("bullets", vec![ViewBlock::Bullets { items: (0..30).map(|_| Bullet { text: t.into(), note: Some("paragraph 3".into()), target: Some(3) }).collect() }]),
            ("table", (0..4).map(|_| ViewBlock::Table { caption: "How participants rated".into(), header: vec!["Q".into(), "Mean".into()], rows: (0..5).map(|r| vec![format!("Question {r}"), "4.2".into()]).collect() }).collect()),
            ("chart", (0..4).flat_map(|_| vec![ViewBlock::Chart { svg: r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 320"><rect width="600" height="320" fill="#eee"/></svg>"##.into(), alt: "x".into() }, ViewBlock::Para { number: None, text: "Short.".into(), note: None }]).collect()),
        ];
        let para = || ViewBlock::Para {
            number: None,
            text: "Short.".into(),
            note: None,
        };
        let table = || ViewBlock::Table {
            caption: "How participants rated".into(),
            header: vec!["Q".into(), "Mean".into()],
            rows: (0..2)
                .map(|r| vec![format!("Question {r}"), "4.2".into()])
                .collect(),
        };
        let list = || ViewBlock::Bullets {
            items: (0..2)
                .map(|_| Bullet {
                    text: "Short one.".into(),
                    note: None,
                    target: None,
                })
                .collect(),
        };
        let h = |l: u8| ViewBlock::Heading {
            level: l,
            text: "Theme".into(),
            id: "x".into(),
        };
        let mut kinds = kinds;
        kinds.push((
            "h2 h3",
            (0..15).flat_map(|_| vec![h(2), h(3), para()]).collect(),
        ));
        kinds.push((
            "para table",
            (0..8).flat_map(|_| vec![para(), table()]).collect(),
        ));
        kinds.push((
            "h3 table",
            (0..8).flat_map(|_| vec![h(3), table(), para()]).collect(),
        ));
        // As the key recommendations and key points are: a list between two sections.
        kinds.push((
            "h2 list h2",
            (0..15)
                .flat_map(|_| vec![h(2), list(), h(2), para()])
                .collect(),
        ));
        for (name, blocks) in kinds {
            let mut v = super::tests::note(0);
            v.blocks = blocks;
            let laid = crate::render::pdf::lay_out(&v, crate::render::pdf::TEMPLATE).unwrap();
            let diff = estimate(&v) - laid.filled();
            assert!(diff.abs() < 0.02, "{name}: {diff:+.3} pages");
        }
    }
}
