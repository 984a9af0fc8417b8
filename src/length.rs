//! Fitting the note to its `length`: the discussion chosen within the words that recommendations, good practice and the evaluation leave, and, for a brief note, within its ten pages of PDF.

use crate::{anonymise, diag::Diagnostic, evaluate, group, ingest, model, render, summarise};
use model::Source;

/// Choose the discussion for `length` and build the view of the note. A brief note is also
/// laid out as PDF, whatever formats were asked for, so that every format carries the same
/// discussion; the layout that fits comes back with the choice.
pub fn choose(
    clean: &anonymise::CleanEvent,
    themes: &[group::Theme],
    evaluation: Option<&evaluate::Evaluation>,
    template: &str,
) -> Result<(Attempt, Option<render::pdf::Pdf>), String> {
    let prepared = summarise::prepare(themes);
    let attempt = |squeeze| fit(clean, themes, &prepared, evaluation, squeeze);
    let chosen = attempt(0);
    if clean.meta().length != model::Length::Brief {
        return Ok((chosen, None));
    }
    let pdf = render::pdf::render(&chosen.3, template)?;
    if pdf.pages > model::BRIEF_PAGES {
        fit_pages(&attempt, pdf.pages, template)
    } else {
        Ok((chosen, Some(pdf)))
    }
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

/// About how many words a page of the PDF holds, to shorten a brief note that runs over
/// its pages.
const WORDS_PER_PAGE: usize = 300;

/// How close the page fit comes to the longest discussion that fits, in words.
const PAGE_FIT_GRAIN: usize = 40;

/// What [`fit`] makes of one budget.
pub type Attempt = (
    Vec<group::Theme>,
    summarise::Summary,
    Fit,
    render::view::View,
    Vec<render::view::Provenance>,
);

/// The longest discussion whose PDF fits in [`model::BRIEF_PAGES`], when the note at full
/// budget came out at `pages`: `squeeze` words less, searched by halving between what is known
/// to run over and what is known to fit (six layouts at most). Returns the choice and its PDF.
fn fit_pages(
    attempt: &dyn Fn(usize) -> Attempt,
    pages: usize,
    template: &str,
) -> Result<(Attempt, Option<render::pdf::Pdf>), String> {
    let mut over = 0;
    let mut step = (pages - model::BRIEF_PAGES) * WORDS_PER_PAGE;
    let mut fits: Option<(usize, Attempt, render::pdf::Pdf)> = None;
    for _ in 0..6 {
        let squeeze = match &fits {
            Some((fitting, ..)) if fitting - over <= PAGE_FIT_GRAIN => break,
            Some((fitting, ..)) => (over + fitting) / 2,
            None => over + step,
        };
        let a = attempt(squeeze);
        let nothing_left = a.1.words_kept == 0;
        let pdf = render::pdf::render(&a.3, template)?;
        if pdf.pages <= model::BRIEF_PAGES || nothing_left {
            fits = Some((squeeze, a, pdf));
        } else {
            over = squeeze;
            step *= 2;
        }
    }
    Ok(match fits {
        Some((_, a, pdf)) => (a, Some(pdf)),
        // Still over after six tries: the shortest tried is the best there is.
        None => (attempt(over), None),
    })
}

/// Words the key points up front take, reserved before the discussion is chosen.
const KEY_POINTS_ALLOWANCE: usize = 200;

/// Choose the discussion to fit `length`, and build the view of the note. Recommendations,
/// good practice and the evaluation are never cut; what is left of the budget, less
/// `squeeze` words, goes to the discussion (for `brief`, at most a third of it), and the
/// choice is made again, tighter, if the note still comes out over.
fn fit(
    clean: &anonymise::CleanEvent,
    themes: &[group::Theme],
    prepared: &summarise::Prepared,
    evaluation: Option<&evaluate::Evaluation>,
    squeeze: usize,
) -> (
    Vec<group::Theme>,
    summarise::Summary,
    Fit,
    render::view::View,
    Vec<render::view::Provenance>,
) {
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
        Length::Brief => (discussion / 3).max(discussion.min(200)),
        _ => usize::MAX,
    };
    // The PDF of a brief note repeats the event's code and "N of M" at the foot of every page:
    // words a reader counting the PDF counts too, so the note leaves room for them.
    let room = match length {
        Length::Brief => cap.saturating_sub(
            model::BRIEF_PAGES * (clean.meta().code.split_whitespace().count() + 3),
        ),
        _ => cap,
    };
    let mut budget = room
        .saturating_sub(fixed + KEY_POINTS_ALLOWANCE)
        .min(limit)
        .saturating_sub(squeeze);
    // Choose, and choose again: tighter if the note ran over, wider if it left room (the key
    // points' allowance is a guess) — except when fitting pages, where only tighter helps.
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
            if squeeze > 0 || room - words <= PAGE_FIT_GRAIN || wider <= budget {
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
