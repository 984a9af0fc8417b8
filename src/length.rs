//! Fitting the note to its `length`: the discussion chosen within the words that recommendations, good practice and the evaluation leave, and, for a brief note, within its ten pages of PDF.

use crate::{anonymise, diag::Diagnostic, evaluate, group, ingest, model, render, summarise};
use model::Source;

/// Choose the discussion for `length` and build the view of the note. A brief note is also
/// laid out as PDF, whatever formats were asked for, so that every format carries the same
/// discussion; the layout that fits comes back with the choice, to be written as PDF.
pub fn choose(
    clean: &anonymise::CleanEvent,
    themes: &[group::Theme],
    evaluation: Option<&evaluate::Evaluation>,
    template: &str,
) -> Result<(Attempt, Option<render::pdf::Laid>), String> {
    let prepared = summarise::prepare(themes);
    let attempt = |most| fit(clean, themes, &prepared, evaluation, most);
    let chosen = attempt(usize::MAX);
    if clean.meta().length != model::Length::Brief {
        return Ok((chosen, None));
    }
    // With the built-in template, the pages are estimated first, so the one layout typst
    // makes usually fits; another template is laid out to see.
    let chosen = if template == render::pdf::TEMPLATE {
        fit_estimate(&attempt, chosen)
    } else {
        chosen
    };
    let laid = render::pdf::lay_out(&chosen.3, template)?;
    let (chosen, laid) = if laid.pages() > model::BRIEF_PAGES {
        fit_pages(&attempt, &chosen, laid, template)?
    } else {
        (chosen, laid)
    };
    Ok((chosen, Some(laid)))
}

/// How long the note came out against what `length` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub length: model::Length,
    /// The most words the note may have; `None` with `length = "full"`.
    pub cap: Option<usize>,
    /// Words of everything that is never cut: front matter, recommendations, good practice,
    /// rapporteurs' key points, evaluation, "About this note".
    pub fixed: usize,
    /// Words of the note as published.
    pub words: usize,
}

impl Fit {
    /// What `check` says of the length: the budget and what the summary cut; a warning
    /// when what is never cut is already over it.
    pub fn diagnostics(&self, s: &summarise::Summary) -> Vec<Diagnostic> {
        let file = Source::whole(ingest::event::FILE);
        let considered = s.considered.iter().filter(|c| !c.theme.is_empty()).count();
        let kept = s.sentences_kept();
        let covered = s
            .considered
            .iter()
            .filter(|c| c.theme.is_empty() && c.why.contains("Key points"))
            .count();
        let covered = match covered {
            0 => String::new(),
            n => format!(
                "; sessions with their own Key points block are represented by it ({} of their discussion)",
                crate::text::count(n, "paragraph", "paragraphs")
            ),
        };
        let mut out = Vec::new();
        let what = match self.length {
            model::Length::Brief => "brief note".to_string(),
            model::Length::Full => "full note".to_string(),
            model::Length::Words(n) => format!("note of at most {n} words"),
        };
        let cap = self
            .cap
            .map_or_else(String::new, |c| format!(" (at most {c})"));
        out.push(
            Diagnostic::note(
                file.clone(),
                format!(
                    "{what}: {} words{cap}; discussion: {kept} of {considered} sentences kept ({} of {} words){covered}",
                    self.words, s.words_kept, s.words_total
                ),
            )
            .hint("internal/summary.csv lists every discussion sentence, whether it was chosen, and why not"),
        );
        if let Some(cap) = self.cap
            && self.fixed > cap
        {
            out.push(
                Diagnostic::warning(
                    Source::line(ingest::event::FILE, 1),
                    format!(
                        "the recommendations, good practice and evaluation alone take {} words, more than the {cap} the length allows: they are never cut, so the note is longer",
                        self.fixed
                    ),
                )
                .hint("set a larger `length` in event.toml, or leave it: nothing of the discussion is published"),
            );
        }
        out
    }
}

/// How many layouts a brief note may take to fit its pages, after the first.
const PAGE_FIT_TRIES: usize = 4;

/// What `fit` makes of one budget.
pub type Attempt = (
    Vec<group::Theme>,
    summarise::Summary,
    Fit,
    render::view::View,
    Vec<render::view::Provenance>,
);

/// The most discussion whose note the built-in template is estimated to lay out in
/// [`model::BRIEF_PAGES`] ([`render::pages::estimate`], which agrees with typst's layout
/// on the test events): `first`, the choice at full budget, when it fits; else a search
/// between what fits and what does not, each step guessed from the words a page holds,
/// until they are [`WORD_FIT_GRAIN`] apart. A choice costs a few milliseconds and an
/// estimate a fraction of one; a layout, 35–50.
fn fit_estimate(attempt: &dyn Fn(usize) -> Attempt, first: Attempt) -> Attempt {
    let limit = model::BRIEF_PAGES as f64 - PAGE_ESTIMATE_MARGIN;
    let mut over_est = render::pages::estimate(&first.3);
    if over_est <= limit {
        return first;
    }
    // Discussion words kept: the most known to fit (with its choice), the least known not to.
    let mut under: Option<(usize, f64, Attempt)> = None;
    let mut over = first.1.words_kept;
    let words_per_page = first.3.words() as f64 / over_est.max(1.0);
    for _ in 0..ESTIMATE_TRIES {
        let low = under.as_ref().map_or(0, |u| u.0);
        let guess = match &under {
            // Between the two, where a straight line through their estimates meets the
            // limit, but a step in from each end, so that every try narrows the search.
            Some((kept, est, _)) => {
                let share = (limit - est) / (over_est - est).max(f64::EPSILON);
                (kept + ((over - kept) as f64 * share) as usize)
                    .max(kept + WORD_FIT_GRAIN / 2)
                    .min(over.saturating_sub(WORD_FIT_GRAIN / 2))
            }
            // Below the first: by the words its pages over the limit hold, and a third more,
            // since a cut also moves page breaks.
            None => over.saturating_sub(((over_est - limit) * words_per_page * 4.0 / 3.0) as usize),
        };
        let a = attempt(guess);
        let est = render::pages::estimate(&a.3);
        let kept = a.1.words_kept;
        if est <= limit {
            if kept <= low && under.is_some() {
                break;
            }
            under = Some((kept, est, a));
        } else {
            over = kept.min(over);
            over_est = est;
        }
        let low = under.as_ref().map_or(0, |u| u.0);
        if over <= low + WORD_FIT_GRAIN || kept == 0 {
            break;
        }
    }
    match under {
        Some((_, _, a)) => a,
        // Nothing tried was estimated to fit: the layout decides, as with another template.
        None => first,
    }
}

/// How far under [`model::BRIEF_PAGES`] the estimate must come. On the three test events
/// at 32 discussion budgets each, the estimate gave typst's page count and last page's
/// fill exactly; on other text a line may break differently, and then the layout runs
/// over and [`fit_pages`] cuts, at the price of one layout more.
const PAGE_ESTIMATE_MARGIN: f64 = 0.03;

/// Choices tried against the estimate before the layout has the last word.
const ESTIMATE_TRIES: usize = 5;

/// A discussion short enough for the PDF to fit in [`model::BRIEF_PAGES`], when the note at
/// full budget was laid out as `laid`: the discussion is cut by the words on the pages over
/// the limit, a quarter more and three lines' worth, since a cut moves the page breaks after
/// it (a heading kept with its paragraph can leave a page short); and again, by what still
/// runs over, if it does. One layout more is usually enough: on the three test events, a
/// search by halving took four or five, each the price of a typst compile (35–50 ms).
/// Returns the choice and its layout: the first that fits, else (nothing tried fitted) the
/// shortest tried, laid out already.
fn fit_pages(
    attempt: &dyn Fn(usize) -> Attempt,
    first: &Attempt,
    mut laid: render::pdf::Laid,
    template: &str,
) -> Result<(Attempt, render::pdf::Laid), String> {
    let mut kept = first.1.words_kept;
    let mut tries = 0;
    loop {
        let over: usize = laid.page_words[model::BRIEF_PAGES..].iter().sum();
        kept = kept.saturating_sub(over + over / 4 + 3 * LINE_WORDS);
        let a = attempt(kept);
        let nothing_left = a.1.words_kept == 0;
        laid = render::pdf::lay_out(&a.3, template)?;
        tries += 1;
        if laid.pages() <= model::BRIEF_PAGES || nothing_left || tries == PAGE_FIT_TRIES {
            return Ok((a, laid));
        }
        kept = a.1.words_kept;
    }
}

/// How close the choice comes to the words allowed before it stops widening.
const WORD_FIT_GRAIN: usize = 40;

/// About the words of a line of the PDF's body text.
const LINE_WORDS: usize = 12;

/// Words the key points up front take, reserved before the discussion is chosen.
const KEY_POINTS_ALLOWANCE: usize = 200;

/// Choose the discussion to fit `length`, and build the view of the note. Recommendations,
/// good practice and the evaluation are never cut; what is left of the budget goes to the
/// discussion (for `brief`, at most a third of it, and at most `most` words), and the choice
/// is made again, tighter, if the note still comes out over.
fn fit(
    clean: &anonymise::CleanEvent,
    themes: &[group::Theme],
    prepared: &summarise::Prepared,
    evaluation: Option<&evaluate::Evaluation>,
    most: usize,
) -> Attempt {
    use model::Length;
    let view_of = |themes: &[group::Theme], highlights: &[summarise::Highlight]| {
        render::view::build(render::view::Input {
            event: clean,
            themes,
            evaluation,
            highlights,
        })
    };
    let length = clean.meta().length;
    let cap = match length {
        Length::Full => None,
        Length::Brief => Some(model::BRIEF_WORDS),
        Length::Words(n) => Some(n),
    };
    let mut bare = themes.to_vec();
    for t in &mut bare {
        t.discussion.clear();
    }
    let fixed = view_of(&bare, &[]).0.words();
    let Some(cap) = cap else {
        let mut themes = themes.to_vec();
        let summary = summarise::summarise_prepared(prepared, &mut themes, None);
        let (view, provenance) = view_of(&themes, &summary.highlights);
        let fit = Fit {
            length,
            cap,
            fixed,
            words: view.words(),
        };
        return (themes, summary, fit, view, provenance);
    };
    let discussion: usize = themes
        .iter()
        .flat_map(|t| &t.discussion)
        .map(|m| m.text.split_whitespace().count())
        .sum();
    // The most discussion a brief note takes, whatever room is left: a small event stays small.
    let limit = match length {
        Length::Brief => (discussion / 3).max(discussion.min(200)).min(most),
        _ => most,
    };
    // The PDF of a brief note repeats the event's code and "N of M" at the foot of every page:
    // words a reader counting the PDF counts too, so the note leaves room for them.
    let room = match length {
        Length::Brief => cap.saturating_sub(
            model::BRIEF_PAGES * (clean.meta().code.split_whitespace().count() + 3),
        ),
        _ => cap,
    };
    let mut budget = room.saturating_sub(fixed + KEY_POINTS_ALLOWANCE).min(limit);
    // Choose, and choose again: tighter if the note ran over, wider if it left room (the key
    // points' allowance is a guess), never past `most`.
    let mut best: Option<Attempt> = None;
    let mut last: Option<Attempt> = None;
    for _ in 0..5 {
        let mut chosen = themes.to_vec();
        let summary = summarise::summarise_prepared(prepared, &mut chosen, Some(budget));
        let (view, provenance) = view_of(&chosen, &summary.highlights);
        let words = view.words();
        let fit = Fit {
            length,
            cap: Some(cap),
            fixed,
            words,
        };
        let attempt = (chosen, summary, fit, view, provenance);
        if words <= room {
            let wider = (budget + (room - words)).min(limit);
            best = Some(attempt);
            if room - words <= WORD_FIT_GRAIN || wider <= budget {
                break;
            }
            budget = wider;
        } else {
            if best.is_some() || budget == 0 {
                last = Some(attempt);
                break;
            }
            budget = budget.saturating_sub(words - room + 20);
            last = Some(attempt);
        }
    }
    // The widest choice that kept within the words; else (what is never cut is already over
    // them) the last one tried.
    best.or(last).expect("at least one choice was made")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page estimate the first layout relies on, against typst's layout of the three
    /// test events' brief notes, with discussion from a fifth of their budget to all of it.
    #[test]
    fn the_page_estimate_agrees_with_typst_on_the_test_events() {
        for name in ["minerals", "cities", "brief"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/events")
                .join(name);
            let raw = ingest::read_event(&dir)
                .event
                .expect("the test event reads");
            let anonymiser = anonymise::Anonymiser::for_event(&raw);
            let clean = anonymise::anonymise(&raw, &anonymiser);
            let items = crate::extract::extract(&clean);
            let evaluation = evaluate::evaluate(&clean);
            let inputs = group::inputs(&clean, &items);
            let themes = group::group(&clean.meta().themes, &inputs);
            let prepared = summarise::prepare(&themes);
            for most in [500, 1200, 1900, 2600] {
                let a = fit(&clean, &themes, &prepared, evaluation.as_ref(), most);
                let laid = render::pdf::lay_out(&a.3, render::pdf::TEMPLATE).unwrap();
                let estimate = render::pages::estimate(&a.3);
                assert!(
                    (estimate - laid.filled()).abs() < 0.05,
                    "{name} at {most} words: estimated {estimate:.2} pages, typst {:.2}",
                    laid.filled()
                );
            }
        }
    }
}
