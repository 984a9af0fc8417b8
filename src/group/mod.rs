//! Grouping the extracted items: near-duplicates from different sessions merged by TF-IDF cosine, each merged item placed once in a theme (the taxonomy's keywords, or themes derived from the text), themes and items ordered.

mod merge;
pub mod similarity;
mod theme;

use crate::anonymise::CleanEvent;
use crate::extract::Item;
use crate::model::{Role, ThemeDef};
use merge::merge;
use rayon::prelude::*;
use serde::Serialize;
use similarity::{Corpus, stem, stems, words};
use theme::{best_theme, derive};

/// The name of the theme that takes what matches no theme of the taxonomy.
pub const OTHER: &str = "Other points";

/// Cosine of TF-IDF vectors over stemmed content words above which two items from
/// different places say the same thing. Chosen on the recommendations fixture
/// (`tests/fixtures/events/recommendations`): every planted paraphrase there scores above
/// it and no two distinct items do.
pub const MERGE_THRESHOLD: f32 = 0.5;

/// Where one wording of an item came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergedSource {
    /// `notes/day1.md:12`, or the questionnaire export and its row.
    pub location: String,
    /// The session's title, or "Participant evaluation" for the questionnaire.
    pub session: String,
    pub wording: String,
}

/// One recommendation, good practice or key point, merged over the places that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    pub role: Role,
    /// The clearest wording: the one closest to all the others.
    pub text: String,
    /// Every place it was raised, in reading order.
    pub sources: Vec<MergedSource>,
    /// Every distinct wording that was merged into it.
    pub wordings: Vec<String>,
    /// How many distinct sessions raised it.
    pub sessions: usize,
    /// Whether questionnaire suggestions raised it too.
    pub questionnaire: bool,
    /// Whether it came (also) from unmarked prose, published because `infer = true`.
    pub inferred: bool,
    /// Position of its first appearance in the event, for stable ordering.
    #[serde(skip)]
    pub first: usize,
}

impl Merged {
    /// How widely it was raised: its sessions, and the questionnaire as one more.
    pub fn reach(&self) -> usize {
        self.sessions + usize::from(self.questionnaire)
    }
}

/// A recommendation or good-practice item that is not published in its own words, and why:
/// for `internal/skipped.csv`, so that nothing a rapporteur marked disappears unexplained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub location: String,
    pub role: Role,
    pub text: String,
    pub reason: String,
}

/// What became of every recommendation and good-practice input that the themes do not
/// publish as written: merged into another item (which carries it), a questionnaire
/// suggestion counted with a session's item or raised in no session.
pub fn account(inputs: &[Input], themes: &[Theme]) -> Vec<Skipped> {
    let published: Vec<&Merged> = themes
        .iter()
        .flat_map(|t| t.recommendations.iter().chain(&t.good_practice))
        .collect();
    let mut out = Vec::new();
    for input in inputs
        .iter()
        .filter(|i| matches!(i.role, Role::Recommendation | Role::GoodPractice))
        .filter(|i| !i.inferred)
    {
        let carrier = published.iter().find(|m| {
            m.sources
                .iter()
                .any(|s| s.location == input.location && s.wording == input.text)
        });
        let reason = match (carrier, input.session_key) {
            (Some(m), _) if m.text == input.text => continue,
            (Some(m), Some(_)) => format!(
                "merged with what {} raised; published as: {}",
                crate::text::count(m.sources.len() - 1, "other place", "other places"),
                m.text
            ),
            (Some(m), None) => format!(
                "a questionnaire suggestion that echoes a session's item, counted with it: {}",
                m.text
            ),
            (None, None) => "a questionnaire suggestion raised in no session: not published, so that no respondent is quoted".to_string(),
            (None, Some(_)) => "not published: no theme took it (a fault of briefnote; please report it)".to_string(),
        };
        out.push(Skipped {
            location: input.location.clone(),
            role: input.role,
            text: input.text.clone(),
            reason,
        });
    }
    out
}

/// The answers to questionnaire questions that ask for suggestions, as grouping input:
/// they can merge into what the sessions raised, and never stand alone.
fn suggestions(survey: &crate::model::Survey) -> Vec<Input> {
    let mut out = Vec::new();
    for q in survey
        .questions
        .iter()
        .filter(|q| crate::evaluate::asks_for_suggestions(&q.text))
    {
        for (r, a) in q.answers.iter().enumerate() {
            if a.trim().is_empty() {
                continue;
            }
            out.push(Input {
                role: Role::Recommendation,
                text: a.trim().to_string(),
                location: survey
                    .rows
                    .get(r)
                    .map_or_else(String::new, ToString::to_string),
                session: "Participant evaluation".to_string(),
                session_key: None,
                inferred: false,
            });
        }
    }
    out
}

/// A theme and what falls under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub name: String,
    pub recommendations: Vec<Merged>,
    pub good_practice: Vec<Merged>,
    /// Key points as the rapporteurs wrote them; after the summary stage (`summarise`), also the
    /// sentences of the discussion chosen for the note.
    pub key_points: Vec<Merged>,
    /// The discussion paragraphs that fall under the theme, whole: what
    /// the summary stage (`summarise`) chooses from. Empty once it has run.
    pub discussion: Vec<Merged>,
}

impl Theme {
    fn new(name: String) -> Self {
        Theme {
            name,
            recommendations: Vec::new(),
            good_practice: Vec::new(),
            key_points: Vec::new(),
            discussion: Vec::new(),
        }
    }
    fn is_empty(&self) -> bool {
        self.recommendations.is_empty()
            && self.good_practice.is_empty()
            && self.key_points.is_empty()
            && self.discussion.is_empty()
    }
    fn push(&mut self, m: Merged) {
        match m.role {
            Role::Recommendation => self.recommendations.push(m),
            Role::GoodPractice => self.good_practice.push(m),
            Role::KeyPoint => self.key_points.push(m),
            Role::Discussion => self.discussion.push(m),
            Role::Metadata => {}
        }
    }
    fn len(&self) -> usize {
        self.recommendations.len()
            + self.good_practice.len()
            + self.key_points.len()
            + self.discussion.len()
    }
}

/// One thing to group: an item's role, text, place and session title.
#[derive(Debug, Clone)]
pub struct Input {
    pub role: Role,
    pub text: String,
    pub location: String,
    pub session: String,
    /// Sessions are counted by this key; the questionnaire is a source but not a session.
    pub session_key: Option<usize>,
    pub inferred: bool,
}

/// The items of the event as grouping input: the discussion of sessions that have no
/// key-points block of their own (a session's own block stands for it), never session
/// metadata; inferred candidates only with `infer = true`; then the questionnaire's
/// suggestions.
pub fn inputs(event: &CleanEvent, items: &[Item]) -> Vec<Input> {
    let has_key_points: Vec<bool> = (0..event.sessions().len())
        .map(|s| {
            items
                .iter()
                .any(|i| i.session == s && i.role == Role::KeyPoint)
        })
        .collect();
    let mut inputs: Vec<Input> = items
        .iter()
        .filter(|i| !i.inferred || event.meta().infer)
        .filter(|i| !crate::extract::too_short(i))
        .filter_map(|i| {
            let role = match i.role {
                Role::Discussion if has_key_points[i.session] => return None,
                Role::Metadata => return None,
                r => r,
            };
            Some(Input {
                role,
                text: i.text.clone(),
                location: i.source.to_string(),
                session: event.sessions()[i.session].title.clone(),
                session_key: Some(i.session),
                inferred: i.inferred,
            })
        })
        .collect();
    if let Some(survey) = event.survey() {
        inputs.extend(suggestions(survey));
    }
    inputs
}

/// Merge, place and order. `sessions` names the session themes used when there is no
/// taxonomy and too little text to derive themes from.
pub fn group(taxonomy: &[ThemeDef], inputs: &[Input]) -> Vec<Theme> {
    // Stemming is most of the work before the vectors: spread over the cores.
    let docs: Vec<Vec<String>> = inputs.par_iter().map(|i| stems(&i.text)).collect();
    let corpus = Corpus::new(&docs);
    let merged = merge(inputs, &corpus);

    let mut themes: Vec<Theme> = if taxonomy.is_empty() {
        derive(&merged, &corpus)
    } else {
        let mut themes: Vec<Theme> = taxonomy
            .iter()
            .map(|t| Theme::new(t.name.clone()))
            .collect();
        themes.push(Theme::new(OTHER.to_string()));
        let keywords: Vec<Vec<Vec<String>>> = taxonomy
            .iter()
            .map(|t| {
                t.keywords
                    .iter()
                    .map(|k| words(k).iter().map(|w| stem(w)).collect())
                    .collect()
            })
            .collect();
        for (m, _) in merged {
            let at = best_theme(&m.text, &keywords).unwrap_or(taxonomy.len());
            themes[at].push(m);
        }
        themes
    };
    for t in &mut themes {
        for list in [
            &mut t.recommendations,
            &mut t.good_practice,
            &mut t.key_points,
            &mut t.discussion,
        ] {
            list.sort_by(|a, b| b.reach().cmp(&a.reach()).then(a.first.cmp(&b.first)));
        }
    }
    themes.retain(|t| !t.is_empty());
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(role: Role, text: &str, session: usize) -> Input {
        Input {
            role,
            text: text.into(),
            location: format!("notes/s{session}.md:1"),
            session: format!("Session {session}"),
            session_key: Some(session),
            inferred: false,
        }
    }

    fn kw(list: &[&str]) -> Vec<Vec<String>> {
        list.iter()
            .map(|k| words(k).iter().map(|w| stem(w)).collect())
            .collect()
    }

    #[test]
    fn keywords_match_inflections_and_phrases_weigh_more() {
        let taxonomy = vec![
            kw(&["investigation", "court"]),
            kw(&["international criminal court"]),
        ];
        assert_eq!(
            best_theme("Fund investigations properly.", &taxonomy),
            Some(0)
        );
        assert_eq!(
            best_theme("Support the International Criminal Court.", &taxonomy),
            Some(1)
        );
        assert_eq!(best_theme("Nothing relevant.", &taxonomy), None);
    }

    #[test]
    fn paraphrases_from_different_sessions_merge_and_say_how_many_sessions() {
        let inputs = vec![
            input(
                Role::Recommendation,
                "Donors should fund the costs of negotiating access.",
                0,
            ),
            input(
                Role::Recommendation,
                "States should protect aid workers from attack.",
                0,
            ),
            input(
                Role::Recommendation,
                "Donors should fund access negotiation costs.",
                1,
            ),
            input(
                Role::GoodPractice,
                "Donors funded access negotiation costs.",
                2,
            ),
        ];
        let themes = group(&[], &inputs);
        let recs: Vec<&Merged> = themes.iter().flat_map(|t| &t.recommendations).collect();
        assert_eq!(recs.len(), 2, "{recs:#?}");
        let merged = recs.iter().find(|m| m.sessions == 2).expect("merged");
        assert_eq!(merged.wordings.len(), 2);
        let gp: usize = themes.iter().map(|t| t.good_practice.len()).sum();
        assert_eq!(gp, 1, "good practice never merges with a recommendation");
    }

    #[test]
    fn derived_themes_are_named_and_deterministic() {
        let texts = [
            "Fund access negotiations as eligible costs.",
            "Donors should fund negotiation costs for access.",
            "Protect aid workers from attack.",
            "Report every attack on aid workers.",
            "Aid workers need insurance against attack.",
            "Document attacks for accountability.",
        ];
        let inputs: Vec<Input> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| input(Role::Recommendation, t, i))
            .collect();
        let a = group(&[], &inputs);
        let b = group(&[], &inputs);
        assert_eq!(a, b);
        assert!(a.len() >= 2, "{a:#?}");
        assert!(a[0].name.chars().next().unwrap().is_uppercase());
        assert!(
            a.iter().any(|t| t.name.to_lowercase().contains("attack")
                || t.name.to_lowercase().contains("aid")),
            "{:?}",
            a.iter().map(|t| &t.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn derived_theme_names_are_noun_phrases_never_pronouns_or_function_words() {
        // Parliamentary-record prose, which made names like "I and hon" before.
        let texts = [
            "I thank my hon. Friend; the early warning system failed the coastal towns again.",
            "We need an early warning system that reaches the coastal towns before the storm.",
            "I agree that the early warning system must reach every coastal town.",
            "Flood insurance premiums have doubled, and I hear from constituents every week.",
            "They told me that flood insurance is now beyond their reach.",
            "We must make flood insurance affordable for every household.",
        ];
        let inputs: Vec<Input> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| input(Role::Discussion, t, i))
            .collect();
        let themes = group(&[], &inputs);
        let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
        for name in &names {
            let first = name.split_whitespace().next().unwrap().to_lowercase();
            assert!(
                !["i", "we", "they", "hon", "the", "and", "my", "that"].contains(&first.as_str()),
                "{names:?}"
            );
            assert!(name.chars().next().unwrap().is_uppercase(), "{names:?}");
        }
        assert!(
            names.iter().any(|n| {
                let n = n.to_lowercase();
                n.contains("early warning") || n.contains("coastal town")
            }),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .any(|n| n.to_lowercase().contains("flood insurance")),
            "{names:?}"
        );
    }
}
