//! Grouping the extracted items by theme: duplicates merged, each merged item placed once by the taxonomy's keywords, themes and items ordered.

use crate::anonymise::CleanEvent;
use crate::extract::Item;
use crate::model::Role;
use crate::names::fold;
use serde::Serialize;

/// The name of the theme that takes what matches no theme of the taxonomy.
pub const OTHER: &str = "Other recommendations";

/// One recommendation, good practice or key point, merged over the sessions that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    pub role: Role,
    pub text: String,
    /// Every place it was raised, in reading order.
    pub sources: Vec<MergedSource>,
    /// Every distinct wording that was merged into it.
    pub wordings: Vec<String>,
    /// How many distinct sessions raised it.
    pub sessions: usize,
    /// Position of its first appearance in the event, for stable ordering.
    #[serde(skip)]
    pub first: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedSource {
    pub location: String,
    pub session: String,
}

/// A theme and what falls under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub name: String,
    pub recommendations: Vec<Merged>,
    pub good_practice: Vec<Merged>,
    pub key_points: Vec<Merged>,
}

impl Theme {
    fn new(name: String) -> Self {
        Theme {
            name,
            recommendations: Vec::new(),
            good_practice: Vec::new(),
            key_points: Vec::new(),
        }
    }
    fn is_empty(&self) -> bool {
        self.recommendations.is_empty()
            && self.good_practice.is_empty()
            && self.key_points.is_empty()
    }
}

/// Merge, place and order the items. Discussion blocks become key points of sessions that
/// have no key-points block of their own.
pub fn group(event: &CleanEvent, items: &[Item]) -> Vec<Theme> {
    let has_key_points: Vec<bool> = (0..event.sessions.len())
        .map(|s| {
            items
                .iter()
                .any(|i| i.session == s && i.role == Role::KeyPoint)
        })
        .collect();
    let mut merged: Vec<(Merged, Vec<usize>)> = Vec::new();
    for (order, item) in items.iter().enumerate() {
        let role = match item.role {
            Role::Discussion if has_key_points[item.session] => continue,
            Role::Discussion => Role::KeyPoint,
            r => r,
        };
        let key = merge_key(&item.text);
        let source = MergedSource {
            location: item.source.to_string(),
            session: event.sessions[item.session].title.clone(),
        };
        match merged
            .iter_mut()
            .find(|(m, _)| m.role == role && merge_key(&m.text) == key)
        {
            Some((m, sessions)) => {
                m.sources.push(source);
                if !m.wordings.contains(&item.text) {
                    m.wordings.push(item.text.clone());
                }
                if !sessions.contains(&item.session) {
                    sessions.push(item.session);
                }
            }
            None => merged.push((
                Merged {
                    role,
                    text: item.text.clone(),
                    sources: vec![source],
                    wordings: vec![item.text.clone()],
                    sessions: 0,
                    first: order,
                },
                vec![item.session],
            )),
        }
    }

    let taxonomy = &event.meta.themes;
    let mut themes: Vec<Theme> = if taxonomy.is_empty() {
        event
            .sessions
            .iter()
            .map(|s| Theme::new(s.title.clone()))
            .collect()
    } else {
        taxonomy
            .iter()
            .map(|t| Theme::new(t.name.clone()))
            .collect()
    };
    themes.push(Theme::new(OTHER.to_string()));
    let other = themes.len() - 1;

    for (mut m, sessions) in merged {
        m.sessions = sessions.len();
        let at = if taxonomy.is_empty() {
            sessions[0]
        } else {
            best_theme(&m.text, taxonomy).unwrap_or(other)
        };
        let theme = &mut themes[at];
        match m.role {
            Role::Recommendation => theme.recommendations.push(m),
            Role::GoodPractice => theme.good_practice.push(m),
            _ => theme.key_points.push(m),
        }
    }
    for t in &mut themes {
        for list in [
            &mut t.recommendations,
            &mut t.good_practice,
            &mut t.key_points,
        ] {
            list.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.first.cmp(&b.first)));
        }
    }
    themes.retain(|t| !t.is_empty());
    themes
}

/// Two items merge when they say the same words: case, accents and punctuation aside.
fn merge_key(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The theme whose keywords the text matches best: a phrase counts for its number of words,
/// a plural or `-ing` ending still matches; ties go to the theme listed first.
fn best_theme(text: &str, taxonomy: &[crate::model::ThemeDef]) -> Option<usize> {
    let words: Vec<String> = merge_key(text).split(' ').map(stem).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, theme) in taxonomy.iter().enumerate() {
        let score: usize = theme
            .keywords
            .iter()
            .map(|k| {
                let kw: Vec<String> = merge_key(k)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(stem)
                    .collect();
                if kw.is_empty() {
                    return 0;
                }
                let n = words
                    .windows(kw.len())
                    .filter(|w| *w == kw.as_slice())
                    .count();
                n * kw.len()
            })
            .sum();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// A light suffix-stripper, enough for keyword matching: "investigations" → "investigation".
fn stem(word: &str) -> String {
    let w = word;
    for suffix in ["ies", "es", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) && !w.ends_with("ss") {
            let base = &w[..w.len() - suffix.len()];
            return if suffix == "ies" {
                format!("{base}y")
            } else {
                base.to_string()
            };
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ThemeDef;

    #[test]
    fn keywords_match_plurals_and_phrases_weigh_more() {
        let taxonomy = vec![
            ThemeDef {
                name: "Evidence".into(),
                keywords: vec!["investigation".into()],
            },
            ThemeDef {
                name: "Courts".into(),
                keywords: vec!["international criminal court".into()],
            },
        ];
        assert_eq!(
            best_theme("Fund investigations properly.", &taxonomy),
            Some(0)
        );
        assert_eq!(
            best_theme(
                "Support investigations by the International Criminal Court.",
                &taxonomy
            ),
            Some(1)
        );
        assert_eq!(best_theme("Nothing relevant.", &taxonomy), None);
    }

    #[test]
    fn merge_keys_ignore_case_accents_and_punctuation() {
        assert_eq!(
            merge_key("Fund the Régional office!"),
            merge_key("fund the regional office")
        );
    }
}
