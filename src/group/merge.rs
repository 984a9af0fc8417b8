//! Merging near-duplicate items: leader clustering over TF-IDF cosine in reading order, found through an inverted index, and the clearest wording of each merged item.

use super::similarity::{Corpus, cosine, words};
use super::{Input, MERGE_THRESHOLD, Merged, MergedSource};
use crate::model::Role;
use std::collections::HashMap;

/// Leader clustering in reading order: each item joins the most similar earlier group of its
/// role above the threshold, else starts one. Candidate groups are found through an inverted
/// index of their leaders' terms, so the work grows with overlap, not with the square of the count.
/// Returns each merged item with the indices of its inputs.
pub(super) fn merge(inputs: &[Input], corpus: &Corpus) -> Vec<(Merged, Vec<usize>)> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut leader_role: Vec<Role> = Vec::new();
    // Term → (group, the weight of the term in the group's leader).
    let mut index: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    let mut exact: HashMap<(Role, String), usize> = HashMap::new();
    // Each group's cosine with the input, summed term by term through the index: in term
    // order, as `cosine` sums, so the figures are the same to the last bit.
    let mut dot: Vec<f32> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let v = &corpus.vectors[i];
        let key = (input.role, words(&input.text).join(" "));
        let mut best: Option<(f32, usize)> = exact.get(&key).map(|&g| (1.0, g));
        if best.is_none() {
            for (term, weight) in v {
                for &(g, w) in index.get(term).map_or(&[][..], Vec::as_slice) {
                    if leader_role[g] != input.role {
                        continue;
                    }
                    if dot[g] == 0.0 {
                        touched.push(g);
                    }
                    dot[g] += weight * w;
                }
            }
            for &g in &touched {
                let score = dot[g];
                if score >= MERGE_THRESHOLD
                    && best.is_none_or(|(s, bg)| score > s || (score == s && g < bg))
                {
                    best = Some((score, g));
                }
                dot[g] = 0.0;
            }
            touched.clear();
        }
        match best {
            Some((_, g)) => groups[g].push(i),
            None => {
                let g = groups.len();
                groups.push(vec![i]);
                leader_role.push(input.role);
                dot.push(0.0);
                for &(term, w) in v {
                    index.entry(term).or_default().push((g, w));
                }
                exact.insert(key, g);
            }
        }
    }
    groups
        .into_iter()
        // Suggestions from the questionnaire strengthen what sessions raised; alone, they
        // would quote a respondent, so they are not published.
        .filter(|members| members.iter().any(|&m| inputs[m].session_key.is_some()))
        .map(|members| {
            let first = members[0];
            let mut wordings: Vec<String> = Vec::new();
            for &m in &members {
                if !wordings.contains(&inputs[m].text) {
                    wordings.push(inputs[m].text.clone());
                }
            }
            let mut sessions: Vec<usize> = members
                .iter()
                .filter_map(|&m| inputs[m].session_key)
                .collect();
            sessions.sort_unstable();
            sessions.dedup();
            let sources = members
                .iter()
                .map(|&m| MergedSource {
                    location: inputs[m].location.clone(),
                    session: inputs[m].session.clone(),
                    wording: inputs[m].text.clone(),
                })
                .collect();
            let merged = Merged {
                role: inputs[first].role,
                text: clearest(&members, inputs, corpus),
                sources,
                wordings,
                sessions: sessions.len(),
                questionnaire: members.iter().any(|&m| inputs[m].session_key.is_none()),
                inferred: members.iter().all(|&m| inputs[m].inferred),
                first,
            };
            (merged, members)
        })
        .collect()
}

/// The wording most similar to all the others (the medoid); the earliest on a tie. Only a
/// session's wording can be chosen: a questionnaire answer is never quoted.
fn clearest(members: &[usize], inputs: &[Input], corpus: &Corpus) -> String {
    let best = members
        .iter()
        .filter(|&&a| inputs[a].session_key.is_some())
        .map(|&a| {
            let total: f32 = members
                .iter()
                .filter(|&&b| b != a)
                .map(|&b| cosine(&corpus.vectors[a], &corpus.vectors[b]))
                .sum();
            (a, total)
        })
        .fold(None, |best: Option<(usize, f32)>, (a, t)| match best {
            Some((_, bt)) if bt >= t - 1e-6 => best,
            _ => Some((a, t)),
        });
    inputs[best.map_or(members[0], |(a, _)| a)].text.clone()
}
