//! Placing merged items in themes: the taxonomy's keywords, or themes derived from the text by k-means and named by their commonest noun phrase.

use super::similarity::{Corpus, Vector, normalise, stem, words};
use super::{Merged, OTHER, Theme};
use crate::text::capitalise;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The theme whose keywords the text matches best. A keyword of k words that matches
/// counts k², so phrases weigh above single words; inflections match through stemming;
/// ties go to the theme listed first.
pub(super) fn best_theme(text: &str, keywords: &[Vec<Vec<String>>]) -> Option<usize> {
    let stems: Vec<String> = words(text).iter().map(|w| stem(w)).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, theme) in keywords.iter().enumerate() {
        let score: usize = theme
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| {
                stems
                    .windows(k.len())
                    .filter(|w| *w == k.as_slice())
                    .count()
                    * k.len()
                    * k.len()
            })
            .sum();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Themes derived from the text when the event has no taxonomy: the merged items clustered
/// by k-means over their TF-IDF vectors (seeded deterministically by farthest points), each
/// cluster named by a noun phrase from its own text ([`phrase_names`]), clusters ordered by
/// size; a cluster with nothing readable to name it joins "Other points".
pub(super) fn derive(merged: &[(Merged, Vec<usize>)], corpus: &Corpus) -> Vec<Theme> {
    // One vector per merged item: the normalised sum of its members'.
    let vectors: Vec<Vector> = merged
        .iter()
        .map(|(_, members)| {
            let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
            for &m in members {
                for &(t, w) in &corpus.vectors[m] {
                    *sum.entry(t).or_default() += w;
                }
            }
            let mut v: Vector = sum.into_iter().collect();
            normalise(&mut v);
            v
        })
        .collect();
    let n = vectors.iter().filter(|v| !v.is_empty()).count();
    let k = ((n as f64 / 2.0).sqrt().ceil() as usize)
        .clamp(1, 8)
        .min(n.max(1));
    let assignment = kmeans(&vectors, k, corpus.terms.len());

    // Each cluster's candidate names, best first, ranked on every core; then the names
    // are given in cluster order, each passing over those already taken.
    let clusters: Vec<Vec<usize>> = (0..k)
        .map(|c| {
            (0..merged.len())
                .filter(|&i| assignment[i] == Some(c))
                .collect()
        })
        .collect();
    let candidates: Vec<Vec<String>> = clusters
        .par_iter()
        .map(|members| {
            // A theme of one item says nothing about the event's themes: it joins "Other points".
            if members.is_empty() || (members.len() == 1 && k > 1) {
                return Vec::new();
            }
            let mut weight: HashMap<&str, f32> = HashMap::new();
            for &i in members {
                for &(t, w) in &vectors[i] {
                    *weight.entry(corpus.terms[t as usize].as_str()).or_default() += w;
                }
            }
            let texts: Vec<&str> = members.iter().map(|&i| merged[i].0.text.as_str()).collect();
            phrase_names(&texts, &weight)
        })
        .collect();
    let mut taken: Vec<String> = Vec::new();
    // Items of clusters with no readable name, for "Other points".
    let mut unnamed: Vec<usize> = Vec::new();
    let mut themes: Vec<(Theme, usize)> = Vec::new();
    for (members, names) in clusters.iter().zip(candidates) {
        if members.is_empty() {
            continue;
        }
        let name = names
            .into_iter()
            .find(|name| !taken.iter().any(|t| same_name(t, name)) && name != OTHER);
        // Nothing readable to name it by: its items join "Other points".
        let Some(name) = name else {
            unnamed.extend(members);
            continue;
        };
        let mut theme = Theme::new(name.clone());
        for &i in members {
            theme.push(merged[i].0.clone());
        }
        taken.push(name);
        themes.push((theme, members[0]));
    }
    let mut other = Theme::new(OTHER.to_string());
    for (i, (m, _)) in merged.iter().enumerate() {
        if assignment[i].is_none() || unnamed.contains(&i) {
            other.push(m.clone());
        }
    }
    themes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let mut out: Vec<Theme> = themes.into_iter().map(|(t, _)| t).collect();
    out.push(other);
    out
}

/// Whether two names say the same, whatever their inflection: "Utility" and "Utilities".
fn same_name(a: &str, b: &str) -> bool {
    use crate::group::similarity::words;
    let key = |s: &str| words(s).iter().map(|w| stem(w)).collect::<Vec<_>>();
    key(a) == key(b)
}

/// Words that never start or end a theme's name: pronouns, the anonymiser's own phrases,
/// words about the meeting rather than its subject, and verbs that open a recommendation.
const NOT_A_NAME: &[&str] = &[
    "i",
    "me",
    "my",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "us",
    "they",
    "them",
    "we",
    "you",
    "it",
    "its",
    "one",
    "two",
    "three",
    "another",
    "several",
    "many",
    "few",
    "much",
    "others",
    "participant",
    "participants",
    "session",
    "sessions",
    "discussion",
    "discussions",
    "point",
    "points",
    "issue",
    "issues",
    "question",
    "questions",
    "way",
    "ways",
    "example",
    "examples",
    "thing",
    "things",
    "lot",
    "number",
    "part",
    "kind",
    "view",
    "views",
    "need",
    "needs",
    "said",
    "noted",
    "argued",
    "agreed",
    "suggested",
    "stressed",
    "called",
    "described",
    "asked",
    "added",
    "warned",
    "explained",
    "felt",
    "thought",
    "believed",
    "recalled",
    "observed",
    "hon",
    "friend",
    "member",
    "chair",
    "chairs",
    "moderator",
    "moderators",
    "rapporteur",
    "rapporteurs",
    "facilitator",
    "facilitators",
    "speaker",
    "speakers",
    "panellist",
    "panellists",
    "panel",
    "breakout",
    "breakouts",
    "plenary",
    "group",
    "dialogue",
    "meeting",
    "conference",
    "workshop",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "like",
    "yes",
    "fund",
    "support",
    "ensure",
    "provide",
    "protect",
    "strengthen",
    "establish",
    "create",
    "develop",
    "build",
    "improve",
    "increase",
    "reduce",
    "share",
    "report",
    "document",
    "engage",
    "invest",
    "promote",
    "recognise",
    "recognize",
    "treat",
    "raise",
    "give",
    "agree",
    "extend",
    "simplify",
    "request",
    "convene",
    "involve",
    "make",
    "take",
    "use",
    "work",
    "help",
    "include",
    "keep",
    "allow",
    "enable",
    "hold",
    "set",
    "meet",
    "call",
    "consider",
    "adopt",
    "publish",
    "map",
    "train",
    "review",
    "set",
    "put",
    "get",
    "see",
    "go",
    "come",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "lord",
    "lady",
    "sir",
    "hon",
    "right",
    "also",
    "even",
    "just",
    "well",
    "still",
    "yet",
    "already",
    "often",
    "always",
    "never",
    "however",
    "rather",
    "first",
    "second",
    "third",
    "last",
    "next",
    "new",
    "good",
    "best",
    "better",
    "important",
    "key",
    "main",
    "real",
    "clear",
    "different",
    "same",
    "whole",
    "certain",
    "particular",
];

/// A theme's possible names, best first: the noun phrases its own text uses most, weighted
/// by the cluster's terms ("Early warning systems", "Climate finance"), in sentence case;
/// none when only pronouns and function words are left. Runs of content words of one to
/// three words (with an "of" inside: "rule of law") are the candidates.
fn phrase_names(texts: &[&str], weight: &HashMap<&str, f32>) -> Vec<String> {
    use crate::group::similarity::is_stop;
    static NOT_A_NAME_SET: LazyLock<FxHashSet<&str>> =
        LazyLock::new(|| NOT_A_NAME.iter().copied().collect());
    // Candidate phrase (folded words) -> (texts it is in, its commonest surface form).
    let mut found: BTreeMap<Vec<String>, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for text in texts {
        // The phrases already counted for this text (once a text, however often it has them).
        let mut seen: FxHashSet<Vec<String>> = FxHashSet::default();
        for sentence in crate::sentence::sentences(text) {
            // Words, and after each whether punctuation follows it: a name never spans a
            // comma ("standard fasteners, labelled chemistry").
            let mut tokens: Vec<&str> = Vec::new();
            let mut breaks: Vec<bool> = Vec::new();
            let mut at = 0;
            for piece in sentence.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
                let t = piece.trim_matches(['-', '\'']);
                if t.is_empty() {
                    continue;
                }
                let offset = t.as_ptr() as usize - sentence.as_ptr() as usize;
                if let Some(last) = breaks.last_mut() {
                    *last = sentence[at..offset].contains(|c: char| {
                        !c.is_alphanumeric() && !c.is_whitespace() && c != '-' && c != '\''
                    });
                }
                tokens.push(t);
                breaks.push(false);
                at = offset + t.len();
            }
            let folded: Vec<String> = tokens.iter().map(|t| crate::fold::fold(t)).collect();
            // Whether each word may stand in a name, decided once a word.
            let content: Vec<bool> = folded
                .iter()
                .map(|w| {
                    !is_stop(w)
                        && !NOT_A_NAME_SET.contains(w.as_str())
                        && w.chars().any(char::is_alphabetic)
                        && !w.chars().all(|c| c.is_ascii_digit())
                        && !w.ends_with("ly")
                        && w.chars().count() >= 2
                })
                .collect();
            for start in 0..tokens.len() {
                if !content[start] {
                    continue;
                }
                for len in 1..=4 {
                    let end = start + len;
                    if end > tokens.len() {
                        break;
                    }
                    let inner_ok = (start + 1..end)
                        .all(|k| content[k] || (folded[k] == "of" && k + 1 < end))
                        && !breaks[start..end - 1].iter().any(|&b| b);
                    let last = &folded[end - 1];
                    if !inner_ok || !content[end - 1] || last.ends_with("ed") {
                        if !inner_ok {
                            break;
                        }
                        continue;
                    }
                    let words =
                        end - start - folded[start..end].iter().filter(|w| *w == "of").count();
                    if words > 3 {
                        break;
                    }
                    let key = &folded[start..end];
                    // Sentence case, keeping acronyms and names capitalised mid-sentence.
                    let mut surface = String::new();
                    for (k, &t) in tokens.iter().enumerate().take(end).skip(start) {
                        if k > start {
                            surface.push(' ');
                        }
                        let caps = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                            && t.chars().all(|c| !c.is_lowercase());
                        if caps || (k > 0 && t.chars().next().is_some_and(char::is_uppercase)) {
                            surface.push_str(t);
                        } else {
                            surface.extend(t.chars().flat_map(char::to_lowercase));
                        }
                    }
                    if !found.contains_key(key) {
                        found.insert(key.to_vec(), Default::default());
                    }
                    let entry = found.get_mut(key).expect("just inserted");
                    if !seen.contains(key) {
                        seen.insert(key.to_vec());
                        entry.0 += 1;
                    }
                    *entry.1.entry(surface).or_default() += 1;
                }
            }
        }
    }
    // Each word stemmed once, not once for every phrase it is in.
    let mut stems: FxHashMap<String, String> = FxHashMap::default();
    let mut score = |key: &[String], count: usize| -> f32 {
        let w: f32 = key
            .iter()
            .filter(|w| *w != "of")
            .map(|w| {
                if !stems.contains_key(w) {
                    stems.insert(w.clone(), stem(w));
                }
                weight.get(stems[w].as_str()).copied().unwrap_or(0.0)
            })
            .sum();
        w * count as f32
    };
    let mut ranked: Vec<(f32, String)> = found
        .iter()
        // A phrase of several words once is as likely a clause as a name: twice at least.
        .filter(|(key, (count, _))| key.len() == 1 || *count >= 2)
        .map(|(key, (count, forms))| {
            let form = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            (score(key, *count), capitalise(&form))
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, name)| name).collect()
}

/// Spherical k-means: farthest-point seeding from the item with the most content, then
/// assignment by cosine and mean centroids, for a fixed number of rounds. Items with no
/// content words get no cluster.
fn kmeans(vectors: &[Vector], k: usize, dims: usize) -> Vec<Option<usize>> {
    let live: Vec<usize> = (0..vectors.len())
        .filter(|&i| !vectors[i].is_empty())
        .collect();
    if live.is_empty() {
        return vec![None; vectors.len()];
    }
    let dense = |v: &Vector| {
        let mut d = vec![0.0f32; dims];
        for &(t, w) in v {
            d[t as usize] = w;
        }
        d
    };
    let dot = |d: &[f32], v: &Vector| v.iter().map(|&(t, w)| d[t as usize] * w).sum::<f32>();
    let first = *live
        .iter()
        .max_by(|&&a, &&b| vectors[a].len().cmp(&vectors[b].len()).then(b.cmp(&a)))
        .expect("live");
    let mut centroids: Vec<Vec<f32>> = vec![dense(&vectors[first])];
    while centroids.len() < k {
        let far = live
            .iter()
            .map(|&i| {
                (
                    i,
                    centroids
                        .iter()
                        .map(|c| dot(c, &vectors[i]))
                        .fold(f32::MIN, f32::max),
                )
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
            .expect("live");
        centroids.push(dense(&vectors[far]));
    }
    let mut assignment: Vec<Option<usize>> = vec![None; vectors.len()];
    for _ in 0..20 {
        let mut changed = false;
        for &i in &live {
            let best = (0..centroids.len())
                .map(|c| (c, dot(&centroids[c], &vectors[i])))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(c, _)| c);
            if assignment[i] != best {
                assignment[i] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        for (c, centroid) in centroids.iter_mut().enumerate() {
            let mut sum = vec![0.0f32; dims];
            for &i in live.iter().filter(|&&i| assignment[i] == Some(c)) {
                for &(t, w) in &vectors[i] {
                    sum[t as usize] += w;
                }
            }
            let norm = sum.iter().map(|w| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                *centroid = sum.into_iter().map(|w| w / norm).collect();
            }
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_never_runs_across_a_comma() {
        let texts = [
            "Battery rules should require standard fasteners, labelled chemistry and removable modules.",
            "Recyclers asked for standard fasteners, labelled chemistry and open data.",
            "Labelled chemistry lets a recycler sort packs.",
        ];
        let mut weight: HashMap<&str, f32> = HashMap::new();
        for w in ["fasten", "label", "chemistri", "standard"] {
            weight.insert(w, 1.0);
        }
        let names = phrase_names(&texts, &weight);
        assert!(!names.is_empty());
        assert!(
            names
                .iter()
                .all(|n| !n.to_lowercase().contains("fasteners labelled")),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n == "Labelled chemistry"), "{names:?}");
    }

    #[test]
    fn the_meeting_and_who_ran_it_never_name_a_theme() {
        let texts = [
            "The facilitator thanked the group and closed the dialogue.",
            "The facilitator asked the group about the dialogue and the breakouts.",
        ];
        let mut weight: HashMap<&str, f32> = HashMap::new();
        for w in ["facilit", "group", "dialogu", "breakout"] {
            weight.insert(w, 1.0);
        }
        assert_eq!(phrase_names(&texts, &weight), Vec::<String>::new());
    }

    #[test]
    fn names_alike_but_for_inflection_are_one_name() {
        assert!(same_name("Utility", "Utilities"));
        assert!(same_name("Early warning system", "early warning systems"));
        assert!(!same_name("Utility", "Utility staff"));
    }
}
