//! Grouping the extracted items: near-duplicates from different sessions merged by TF-IDF cosine, each merged item placed once in a theme (the taxonomy's keywords, or themes derived from the text), themes and items ordered.

use crate::anonymise::CleanEvent;
use crate::extract::Item;
use crate::model::{Role, ThemeDef};
use crate::similarity::{Corpus, Vector, cosine, normalise, stem, stems, words};
use crate::text::capitalise;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
                "merged with what {} other place{} raised; published as: {}",
                m.sources.len() - 1,
                if m.sources.len() == 2 { "" } else { "s" },
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
pub fn suggestions(survey: &crate::model::Survey) -> Vec<Input> {
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
/// metadata; inferred candidates only with `infer = true`.
pub fn inputs(event: &CleanEvent, items: &[Item]) -> Vec<Input> {
    let has_key_points: Vec<bool> = (0..event.sessions().len())
        .map(|s| {
            items
                .iter()
                .any(|i| i.session == s && i.role == Role::KeyPoint)
        })
        .collect();
    items
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
        .collect()
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

/// Leader clustering in reading order: each item joins the most similar earlier group of its
/// role above the threshold, else starts one. Candidate groups are found through an inverted
/// index of their leaders' terms, so the work grows with overlap, not with the square of the count.
/// Returns each merged item with the indices of its inputs.
fn merge(inputs: &[Input], corpus: &Corpus) -> Vec<(Merged, Vec<usize>)> {
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

/// The theme whose keywords the text matches best. A keyword of k words that matches
/// counts k², so phrases weigh above single words; inflections match through stemming;
/// ties go to the theme listed first.
fn best_theme(text: &str, keywords: &[Vec<Vec<String>>]) -> Option<usize> {
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
/// cluster named by a noun phrase from its own text ([`phrase_name`]), clusters ordered by
/// size; a cluster with nothing readable to name it joins "Other points".
fn derive(merged: &[(Merged, Vec<usize>)], corpus: &Corpus) -> Vec<Theme> {
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

    let mut taken: Vec<String> = Vec::new();
    // Items of clusters with no readable name, for "Other points".
    let mut unnamed: Vec<usize> = Vec::new();
    let mut themes: Vec<(Theme, usize)> = Vec::new();
    for c in 0..k {
        let members: Vec<usize> = (0..merged.len())
            .filter(|&i| assignment[i] == Some(c))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut weight: HashMap<&str, f32> = HashMap::new();
        for &i in &members {
            for &(t, w) in &vectors[i] {
                *weight.entry(corpus.terms[t as usize].as_str()).or_default() += w;
            }
        }
        let texts: Vec<&str> = members.iter().map(|&i| merged[i].0.text.as_str()).collect();
        // A theme of one item says nothing about the event's themes: it joins "Other points".
        let name = if members.len() > 1 || k == 1 {
            phrase_name(&texts, &weight, &taken)
        } else {
            None
        };
        // Nothing readable to name it by: its items join "Other points".
        let Some(name) = name else {
            unnamed.extend(&members);
            continue;
        };
        let mut theme = Theme::new(name.clone());
        for &i in &members {
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
    "moderator",
    "rapporteur",
    "panel",
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

/// A theme's name: the noun phrase its own text uses most, weighted by the cluster's terms
/// ("Early warning systems", "Climate finance"), in sentence case; `None` when only pronouns
/// and function words are left. Runs of content words of one to three words (with an "of"
/// inside: "rule of law") are the candidates; a name already `taken` is passed over.
fn phrase_name(texts: &[&str], weight: &HashMap<&str, f32>, taken: &[String]) -> Option<String> {
    use crate::similarity::is_stop;
    // Candidate phrase (folded words) -> (texts it is in, its commonest surface form).
    let mut found: BTreeMap<Vec<String>, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for text in texts {
        let mut seen: Vec<Vec<String>> = Vec::new();
        for sentence in crate::sentence::sentences(text) {
            let tokens: Vec<&str> = sentence
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .map(|t| t.trim_matches(['-', '\'']))
                .filter(|t| !t.is_empty())
                .collect();
            let folded: Vec<String> = tokens.iter().map(|t| crate::fold::fold(t)).collect();
            let content = |w: &str| {
                !is_stop(w)
                    && !NOT_A_NAME.contains(&w)
                    && w.chars().any(char::is_alphabetic)
                    && !w.chars().all(|c| c.is_ascii_digit())
                    && !w.ends_with("ly")
                    && w.chars().count() >= 2
            };
            for start in 0..tokens.len() {
                if !content(&folded[start]) {
                    continue;
                }
                for len in 1..=4 {
                    let end = start + len;
                    if end > tokens.len() {
                        break;
                    }
                    let inner_ok = folded[start + 1..end]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| content(w) || (w == "of" && start + 1 + k + 1 < end));
                    let last = &folded[end - 1];
                    if !inner_ok || !content(last) || last.ends_with("ed") {
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
                    let key: Vec<String> = folded[start..end].to_vec();
                    // Sentence case, keeping acronyms and names capitalised mid-sentence.
                    let surface: Vec<String> = (start..end)
                        .map(|k| {
                            let t = tokens[k];
                            let caps = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                                && t.chars().all(|c| !c.is_lowercase());
                            if caps || (k > 0 && t.chars().next().is_some_and(char::is_uppercase)) {
                                t.to_string()
                            } else {
                                t.to_lowercase()
                            }
                        })
                        .collect();
                    let entry = found.entry(key.clone()).or_default();
                    if !seen.contains(&key) {
                        entry.0 += 1;
                        seen.push(key);
                    }
                    *entry.1.entry(surface.join(" ")).or_default() += 1;
                }
            }
        }
    }
    let score = |key: &[String], count: usize| -> f32 {
        let w: f32 = key
            .iter()
            .filter(|w| *w != "of")
            .map(|w| weight.get(stem(w).as_str()).copied().unwrap_or(0.0))
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
    ranked
        .into_iter()
        .map(|(_, name)| name)
        .find(|name| !taken.iter().any(|t| t.eq_ignore_ascii_case(name)) && name != OTHER)
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
