//! The discussion of the note, within its length budget: per theme, the rapporteurs' own sentences that carry it (LexRank centrality over the TF-IDF cosine graph, redundancy removed by maximal marginal relevance, procedural sentences and sentences that cannot stand alone left out), in the order they were written; and the key points that lead the note. Nothing is generated: every sentence published is one a rapporteur wrote.

use crate::extract::Item;
use crate::group::similarity::{Corpus, Vector, contained, cosine, stems};
use crate::group::{Merged, MergedSource, Theme};
use crate::model::Role;
use crate::sentence;
use crate::text::capitalise;
use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Cosine above which a sentence says what a chosen one (or a recommendation) already says.
pub const REDUNDANT: f32 = 0.33;

/// Cosine above which a sentence restates a recommendation or good practice of the note,
/// rather than giving the discussion around it.
pub const RESTATES: f32 = 0.5;

/// How much relevance weighs against novelty when sentences are chosen (maximal marginal
/// relevance): 1 would ignore repetition, 0 would ignore centrality.
const LAMBDA: f32 = 0.7;

/// Shortest sentence that can carry a point on its own, in words ("Strong institutions
/// matter."); shorter ones are fragments.
const MIN_WORDS: usize = 3;

/// How many key points lead the note, at least and at most.
const KEY_POINTS: (usize, usize) = (5, 8);

/// Sentences about the running of the session rather than its substance: [`PROCEDURAL`],
/// or one of the session's runners ([`RUNNER`]) doing what runs a session ([`RUNS`]) within
/// eighty characters and no full stop of the start.
fn procedural(s: &str) -> bool {
    PROCEDURAL.is_match(s)
        || RUNNER
            .find(s)
            .is_some_and(|who| starts_within(&RUNS, s, who.end(), 80, &['.']))
}

/// Whether `re` matches `s` at or after `from`, with at most `most` characters, none of
/// them in `not`, between `from` and the start of the match: what `[^not]{0,most}?` before
/// the pattern says, without a bounded repetition in the automaton (whose lazy DFA spent
/// about 5 ms building states at the first sentences of every run).
fn starts_within(re: &Regex, s: &str, from: usize, most: usize, not: &[char]) -> bool {
    // The leftmost match has the shortest gap: if its gap fails, every later one does.
    re.find_at(s, from).is_some_and(|m| {
        let gap = &s[from..m.start()];
        !gap.contains(not) && gap.chars().count() <= most
    })
}

/// Who runs a session, at the start of a sentence.
static RUNNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:co-?)?(?:chairs?|moderators?|facilitators?|rapporteurs?|organisers?|organizers?|hosts?|convenors?)\b").unwrap()
});

/// What a session's runner does in running it.
static RUNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:opened|closed|welcomed|introduced|invited|thanked|asked|reminded|summari[sz]ed|concluded|explained\s+the\s+format|set\s+out\s+the\s+format|handed|gave\s+the\s+floor|turned\s+to)\b").unwrap()
});

/// Sentences about the running of the session, whoever runs it ([`procedural`]).
static PROCEDURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:opened|closed|adjourned)\s+the\s+(?:session|meeting|discussion|dialogue|floor|plenary|conference)\b
        | \b(?:welcomed|thanked)\s+(?:the\s+)?(?:participants|speakers|panellists|everyone|all)\b
        | \b(?:coffee|tea|lunch|comfort)\s+break\b | \bhousekeeping\b | \blogistics\b | \bwi-?fi\b
        | ^(?:the\s+)?(?:session|meeting|discussion)\s+(?:began|started|ended|closed|was\s+(?:opened|closed|chaired|moderated))\b
        | \bthe\s+floor\s+was\s+opened\b | \bquestions\s+from\s+the\s+floor\s+(?:followed|were\s+taken)\b
        ",
    )
    .unwrap()
});

/// Sentences that announce a topic without saying anything about it: "The discussion
/// moved to data.", "Livestock were discussed at length.", "Participants also discussed the
/// duty to warn.", "Tenure was raised again.", "Water was discussed in the context of
/// tariffs." ([`ANNOUNCES`], [`RAISED_AGAIN`] and [`DISCUSSED_IN_CONTEXT`], each with no
/// punctuation before it and, for the last, little after).
fn announces(s: &str) -> bool {
    const PAUSE: &[char] = &[',', ';', ':'];
    ANNOUNCES.is_match(s)
        || starts_within(&RAISED_AGAIN, s, 0, 60, PAUSE)
        || DISCUSSED_IN_CONTEXT
            .find_iter(s)
            // Matches come left to right: once what comes before fails, so do the rest.
            .take_while(|m| {
                let before = &s[..m.start()];
                before.chars().count() <= 40 && !before.contains(PAUSE)
            })
            .any(|m| {
                let after = &s[m.end()..];
                after.chars().count() <= 40 && !after.contains(PAUSE)
            })
}

/// "... was raised again.", at the end of a sentence.
static RAISED_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:came\s+up|was\s+raised|were\s+raised)\s+(?:again|repeatedly|several\s+times|often|throughout|too|as\s+well|in\s+every\s+session)?\s*[.!]?$").unwrap()
});

/// "... was discussed in the context of ...".
static DISCUSSED_IN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:was|were)\s+(?:also\s+)?(?:discussed|raised|considered|examined|debated)\s+(?:in\s+the\s+context\s+of|with\s+regard\s+to|in\s+relation\s+to)\b").unwrap()
});

/// Topic announcements of any length ([`announces`]).
static ANNOUNCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:discussion|session|debate|conversation|participants|panel|group)\s+(?:then\s+|also\s+|next\s+|briefly\s+)?(?:moved|turned|returned|came\s+back|shifted)\s+to\b
        | \b(?:was|were)\s+(?:also\s+)?(?:discussed|raised|considered|examined|debated|explored|addressed|mentioned)(?:\s+(?:at\s+(?:some\s+)?length|in\s+detail|briefly|repeatedly|too|as\s+well))?\s*[.!]?$
        | ^(?:participants|the\s+(?:session|group|panel|discussion))\s+(?:also\s+|then\s+|briefly\s+|next\s+)?(?:discussed|considered|examined|looked\s+at|turned\s+to|began\s+with|opened\s+with|spent\s+some\s+time\s+on|returned\s+to|closed\s+with)\b[^,;:]*[.!]?$
        | ^(?:the\s+)?(?:role|question|place|issue|subject|topic)\s+of\s+[^,;:]*\s+(?:was|were)\s+(?:also\s+)?(?:raised|discussed)\b
        | ^(?:several\s+|some\s+|many\s+)?participants\s+(?:also\s+)?(?:raised|asked|posed|put)\s+the\s+question\s+of\s+(?:who|what|how|whether|where|when|which)\b[^,;:]*[.!]?$
        | \b(?:was|were)\s+(?:the\s+)?(?:first|second|third|next|main|last|final|other|another|a\s+recurring|a)\s+(?:focus|theme|subject|topic)\b
        | ^(?:participants|others|several\s+participants)\s+(?:also\s+)?(?:noted|discussed|considered|raised|mentioned|examined)\s+(?:the\s+)?\w+(?:\s+\w+)?\s*\.$
        ",
    )
    .unwrap()
});

/// Words at the start of a sentence that point back to one before it ("This had corroded
/// trust", "They described ..."), so the sentence cannot stand alone.
const LEANS_BACK: &[&str] = &[
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "such",
    "also",
    "however",
    "but",
    "and",
    "so",
    "thus",
    "hence",
    "therefore",
    "then",
    "yet",
    "still",
    "moreover",
    "furthermore",
    "instead",
    "otherwise",
    "likewise",
    "similarly",
    "here",
    "there",
    "both",
    "again",
    "finally",
    "conversely",
    "meanwhile",
];

/// Words that, second or third in a sentence, point back all the same: "Where they had
/// not, ...", "In this case ...".
const POINTS_BACK: &[&str] = &[
    "this", "these", "those", "they", "them", "it", "such", "he", "she",
];

/// A report whose substance starts by pointing back, or that answers one before it: "One
/// participant said that this was pushing capital away ...", "Several participants welcomed
/// this, but ...". The report comes within the sentence's first 60 characters (40 for an
/// answer), with no punctuation before it.
fn reports_back(s: &str) -> bool {
    const BEFORE: &[char] = &[',', ';', ':', '.'];
    starts_within(&SAYS_THAT_THIS, s, 0, 60, BEFORE) || starts_within(&ANSWERS, s, 0, 40, BEFORE)
}

/// "... said that this ...".
static SAYS_THAT_THIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:agreed|argued|noted|stressed|warned|said|suggested|observed|concluded|cautioned|insisted|added|replied)\s+that\s+(?:this|these|those|it|they|such|he|she|the\s+same)\b").unwrap()
});

/// "... welcomed this ...".
static ANSWERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:welcomed|supported|endorsed|rejected|questioned|disputed|challenged|echoed|(?:dis)?agreed\s+with)\s+(?:this|these|that|those|it|them|the\s+(?:idea|proposal|point|view|suggestion))\b").unwrap()
});

/// One discussion sentence (or a paragraph set aside whole) and what became of it, for
/// `internal/summary.csv`: a rapporteur can see why something was left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Considered {
    pub location: String,
    pub session: String,
    pub theme: String,
    pub sentence: String,
    /// Centrality within its theme, 1.0 for a sentence of average weight.
    pub score: f32,
    pub chosen: bool,
    pub why: String,
}

/// A key point that leads the note: a published sentence, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    pub text: String,
    /// The theme and the index of the key point in it that carries the sentence.
    pub theme: usize,
    pub item: usize,
}

/// What the summary did, for `summary.csv`, the key points and `briefnote check`.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub considered: Vec<Considered>,
    pub highlights: Vec<Highlight>,
    /// Words of discussion published, and words there were to choose from.
    pub words_kept: usize,
    pub words_total: usize,
}

impl Summary {
    pub fn sentences_kept(&self) -> usize {
        self.considered.iter().filter(|c| c.chosen).count()
    }
}

/// A sentence that may be chosen.
#[derive(Clone)]
struct Candidate {
    theme: usize,
    /// The discussion paragraph (index in the theme's discussion) and its wording.
    para: (usize, usize),
    /// Position in the paragraph.
    index: usize,
    text: String,
    location: String,
    session: String,
    session_key: String,
    /// Whether its wording is the one a full note publishes for the paragraph.
    clearest: bool,
    words: usize,
    leans_back: bool,
    /// Whether it opens with a personal pronoun ("They argued …"), and whether it names
    /// someone such a pronoun can point back to ("One participant …"): read once here, not
    /// at every weighing of what choosing a sentence costs.
    points_to_person: bool,
    names_person: bool,
    /// Why it can never be chosen, if so.
    barred: Option<String>,
    score: f32,
    chosen: bool,
    /// Why it was not chosen.
    why: Option<String>,
    /// Candidates that say the same and were set aside for it.
    repeats: Vec<usize>,
}

/// What the summary reads of the themes before any budget: every sentence, its vector and
/// its score. Made once per event and used for every budget tried.
pub struct Prepared {
    cands: Vec<Candidate>,
    corpus: Corpus,
    /// The candidates as every budget's choice starts from them (those a recommendation
    /// says set aside, scores inherited), and what else that start needs: the same for
    /// every budget, so worked out once, not at every budget the length fit tries.
    ready: Vec<Candidate>,
    start: Start,
}

/// What a choice within a budget starts from, whatever the budget.
struct Start {
    /// Candidates of each session, in the order sessions come, and their words.
    sessions: Vec<(Vec<usize>, usize)>,
    /// Words of every session's open candidates.
    total: usize,
    /// What each open sentence is most like before any is chosen: a rapporteur's key point.
    like: Vec<(f32, Option<usize>)>,
    /// The best score of each sentence's session.
    top: Vec<f32>,
}

/// Words that report the discussion rather than carry it ("participants noted that",
/// "several argued", "one described"), and vague quantities: two sentences that share only
/// these say different things.
const REPORTING: &[&str] = &[
    "note",
    "argu",
    "said",
    "say",
    "agre",
    "stress",
    "warn",
    "suggest",
    "observ",
    "conclud",
    "caution",
    "insist",
    "recal",
    "point",
    "describ",
    "discuss",
    "rais",
    "mention",
    "explain",
    "highlight",
    "emphasis",
    "emphas",
    "cite",
    "ad",
    "ask",
    "welcom",
    "believ",
    "felt",
    "view",
    "sever",
    "mani",
    "less",
    "often",
    "much",
    "well",
    "also",
    "howev",
    "first",
    "second",
    "third",
    "last",
    "final",
    "question",
    "issu",
    "point",
    "case",
    "way",
    "thing",
    "peopl",
    "panellist",
    "speaker",
    "other",
    "anoth",
    "heard",
];

/// The stems of a sentence that say what it is about.
fn content(text: &str) -> Vec<String> {
    static SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| REPORTING.iter().copied().collect());
    stems(text)
        .into_iter()
        .filter(|s| !SET.contains(s.as_str()))
        .collect()
}

/// Read the sentences of the themes' discussion, vectorise and score them.
pub fn prepare(themes: &[Theme]) -> Prepared {
    let mut cands = candidates(themes);
    // The rapporteurs' key points, then recommendations and good practice: the discussion
    // need not say them again.
    let mut extra: Vec<Vec<String>> = Vec::new();
    for t in themes.iter() {
        extra.extend(t.key_points.iter().map(|m| content(&m.text)));
    }
    let key_points = extra.len();
    for t in themes.iter() {
        for m in t.recommendations.iter().chain(&t.good_practice) {
            extra.push(content(&m.text));
        }
    }
    let mut docs: Vec<Vec<String>> = cands.par_iter().map(|c| content(&c.text)).collect();
    docs.extend(extra);
    let corpus = Corpus::new(&docs);
    let vectors = &corpus.vectors[..cands.len()];
    score(&mut cands, vectors);
    // What a human summary keeps is what a session said that others did not: weigh each
    // sentence by how rare its words are across the event.
    let mean_idf = |v: &Vector| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().map(|&(t, _)| corpus.idf[t as usize]).sum::<f32>() / v.len() as f32
        }
    };
    let all: Vec<f32> = vectors.iter().map(mean_idf).collect();
    let average = all.iter().sum::<f32>() / all.len().max(1) as f32;
    for (c, idf) in cands.iter_mut().zip(&all) {
        if average > 0.0 {
            c.score *= (idf / average).powi(2);
        }
    }
    // The corpus's vectors: the sentences', the key points', then the recommendations' and
    // good practice's.
    let (vectors, items) = corpus.vectors.split_at(cands.len());
    let (points, marked) = items.split_at(key_points);
    let mut ready = cands.clone();
    let start = start(&mut ready, vectors, points, marked);
    Prepared {
        cands,
        corpus,
        ready,
        start,
    }
}

/// Choose the discussion of every theme. `budget` is the most words of discussion the note
/// may carry; `None` publishes every paragraph whole (`length = "full"`). Afterwards each
/// theme's `key_points` hold the rapporteurs' key points and then the chosen discussion,
/// and its `discussion` is empty.
pub fn summarise(themes: &mut [Theme], budget: Option<usize>) -> Summary {
    let prepared = prepare(themes);
    summarise_prepared(&prepared, themes, budget)
}

/// [`summarise`] with what [`prepare`] read of these same themes.
pub fn summarise_prepared(
    prepared: &Prepared,
    themes: &mut [Theme],
    budget: Option<usize>,
) -> Summary {
    let mut cands = match budget {
        None => prepared.cands.clone(),
        Some(_) => prepared.ready.clone(),
    };
    let vectors = &prepared.corpus.vectors[..cands.len()];
    let words_total = cands.iter().map(|c| c.words).sum();
    match budget {
        None => {
            for c in &mut cands {
                // Full: each paragraph as its clearest wording gives it.
                c.chosen = c.clearest;
                if !c.chosen {
                    c.why = Some("the same paragraph, in another session's wording".into());
                }
            }
        }
        Some(budget) => choose(
            &mut cands,
            vectors,
            prepared.corpus.terms.len(),
            &prepared.start,
            budget,
        ),
    }

    let words_kept = cands.iter().filter(|c| c.chosen).map(|c| c.words).sum();
    let slot = place(themes, &cands, budget.is_none());
    let highlights = highlights(themes, &cands, &slot);
    let considered = cands
        .iter()
        .map(|c| Considered {
            location: c.location.clone(),
            session: c.session.clone(),
            theme: themes[c.theme].name.clone(),
            sentence: c.text.clone(),
            score: (c.score * 1000.0).round() / 1000.0,
            chosen: c.chosen,
            why: if c.chosen {
                "chosen".to_string()
            } else {
                c.barred
                    .clone()
                    .or_else(|| c.why.clone())
                    .unwrap_or_else(|| "over the length budget".to_string())
            },
        })
        .collect();
    Summary {
        considered,
        highlights,
        words_kept,
        words_total,
    }
}

/// What of the notes never reached the summary, for `summary.csv`: session metadata, and the
/// discussion of sessions whose own "Key points" block is published instead.
pub fn set_aside(items: &[Item], sessions: &[crate::model::Session]) -> Vec<Considered> {
    let has_key_points: BTreeSet<usize> = items
        .iter()
        .filter(|i| i.role == Role::KeyPoint)
        .map(|i| i.session)
        .collect();
    items
        .iter()
        .filter_map(|i| {
            let why = match i.role {
                Role::Metadata => {
                    "session metadata (who ran the session, when, where): never published"
                }
                Role::Discussion if has_key_points.contains(&i.session) && !i.inferred => {
                    "the session's own \"Key points\" block is published for it"
                }
                _ => return None,
            };
            Some(Considered {
                location: i.source.to_string(),
                session: sessions[i.session].title.clone(),
                theme: String::new(),
                sentence: i.text.clone(),
                score: 0.0,
                chosen: false,
                why: why.to_string(),
            })
        })
        .collect()
}

/// Every sentence of every discussion paragraph, in reading order within each theme.
fn candidates(themes: &[Theme]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (t, theme) in themes.iter().enumerate() {
        for (p, m) in theme.discussion.iter().enumerate() {
            for (w, src) in m.sources.iter().enumerate() {
                for (index, s) in sentence::sentences(&src.wording).into_iter().enumerate() {
                    let words = s.split_whitespace().count();
                    let first = s
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .unwrap_or("")
                        .to_lowercase();
                    let leans_back = LEANS_BACK.contains(&first.as_str())
                        || reports_back(s)
                        || s.split_whitespace().skip(1).take(2).any(|w| {
                            POINTS_BACK.contains(
                                &w.trim_matches(|c: char| !c.is_alphanumeric())
                                    .to_lowercase()
                                    .as_str(),
                            )
                        });
                    let barred = if procedural(s) {
                        Some("about the running of the session, not its substance".to_string())
                    } else if words <= 16 && announces(s) {
                        Some("announces a topic without saying anything about it".to_string())
                    } else if s.trim_end_matches(['"', '”', ')']).ends_with('?') {
                        Some("a question, not a point".to_string())
                    } else if words < MIN_WORDS {
                        Some("too short to carry a point on its own".to_string())
                    } else if leans_back && index == 0 {
                        Some(format!(
                            "starts with \"{first}\", pointing back to a paragraph before it"
                        ))
                    } else {
                        None
                    };
                    out.push(Candidate {
                        theme: t,
                        para: (p, w),
                        index,
                        text: s.to_string(),
                        location: src.location.clone(),
                        session: src.session.clone(),
                        // The notes file: two sessions may share a title.
                        session_key: src
                            .location
                            .rsplit_once(':')
                            .map_or(src.location.as_str(), |(file, _)| file)
                            .to_string(),
                        clearest: src.wording == m.text,
                        words,
                        leans_back,
                        points_to_person: starts_with_person(s),
                        names_person: names_a_person(s),
                        barred,
                        score: 0.0,
                        chosen: false,
                        why: None,
                        repeats: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// LexRank within each session: the stationary distribution of a random walk over the
/// cosine graph of its sentences, scaled so that 1.0 is the average, weighed by what the
/// sentence reports ([`voice`]: a position participants took weighs more than a fact they
/// noted); a short sentence weighs less. (A bonus for a paragraph's first sentence was
/// measured and dropped: in these notes a paragraph opens with background as often as with
/// its point.)
fn score(cands: &mut [Candidate], vectors: &[Vector]) {
    let sessions: BTreeSet<&str> = cands.iter().map(|c| c.session_key.as_str()).collect();
    let members: Vec<Vec<usize>> = sessions
        .iter()
        .map(|&session| {
            (0..cands.len())
                .filter(|&i| cands[i].session_key == session && cands[i].barred.is_none())
                .collect()
        })
        .collect();
    // Sessions are walked apart, on every core.
    let ranks: Vec<Vec<f32>> = members
        .par_iter()
        .map(|members| lexrank(members, vectors))
        .collect();
    for (members, rank) in members.iter().zip(ranks) {
        let n = members.len();
        for (k, &i) in members.iter().enumerate() {
            let held = voice(&cands[i].text);
            // A short sentence shares words with many by chance and says little.
            let body = (cands[i].words as f32 / 15.0).clamp(0.4, 1.0).sqrt();
            cands[i].score = rank[k] * n as f32 * held * body;
        }
    }
}

/// The stationary distribution of a random walk over the cosine graph of `members`.
fn lexrank(members: &[usize], vectors: &[Vector]) -> Vec<f32> {
    let n = members.len();
    if n == 0 {
        return Vec::new();
    }
    // The cosine graph as edge lists, each edge weighted by its share of its source's
    // links: the walk's transitions, read row by row.
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    for a in 0..n {
        for b in a + 1..n {
            let w = cosine(&vectors[members[a]], &vectors[members[b]]);
            if w > 0.05 {
                edges[a].push((b, w));
                edges[b].push((a, w));
            }
        }
    }
    for row in &mut edges {
        let sum: f32 = row.iter().map(|&(_, w)| w).sum();
        for (_, w) in row.iter_mut() {
            *w /= sum;
        }
    }
    let damping = 0.85f32;
    let mut rank = vec![1.0 / n as f32; n];
    for _ in 0..40 {
        // Sentences linked to nothing spread their weight evenly.
        let dangling: f32 = (0..n)
            .filter(|&a| edges[a].is_empty())
            .map(|a| rank[a])
            .sum();
        let base = (1.0 - damping) / n as f32 + damping * dangling / n as f32;
        let mut next = vec![base; n];
        for (a, row) in edges.iter().enumerate() {
            let r = damping * rank[a];
            for &(b, p) in row {
                next[b] += r * p;
            }
        }
        let moved: f32 = next.iter().zip(&rank).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if moved < 1e-6 {
            break;
        }
    }
    rank
}

/// A sentence that reports what participants said or held.
static REPORTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:agreed|argued|noted|stressed|warned|said|suggested|observed|concluded|cautioned|insisted|recalled|pointed out|emphasi[sz]ed)\b(?:,[^,]{0,40},)?\s+that\b").unwrap()
});

/// What the room held in common: "participants agreed that ...", "there was consensus".
static CONSENSUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:agreed|concurred|consensus|common\s+ground)\b").unwrap()
});

/// What several participants argued, as against what one said or what was described.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\w+,\s+)?(?:several|many|most|some|other|a\s+number\s+of)?\s*(?:participants|panellists|speakers|others)\b").unwrap()
});

/// A report of a position taken, rather than of a fact observed.
static CLAIMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:argued|stressed|warned|said|suggested|concluded|cautioned|insisted|urged|proposed|emphasi[sz]ed|maintained|contended)\b(?:,[^,]{0,40},)?\s+(?:that|for)\b").unwrap()
});

/// A sentence that opens by naming what the room turned to, whatever follows: "Participants
/// turned to cities, where ...", "Participants considered how early action works, or fails,
/// where ...". The point, if any, comes in the sentences after it.
static OPENS_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)
        ^(?:the\s+)?(?:participants|discussion|session|group|panel|conversation|debate)\s+
        (?:then\s+|also\s+|next\s+|briefly\s+|later\s+|finally\s+)?
        (?:turned\s+to|moved\s+(?:on\s+)?to|discussed|considered|examined|explored|looked\s+at|began\s+with|started\s+(?:with|from)|opened\s+with|closed\s+with|returned\s+to|spent\s+[^,.;]{0,30}?\bon)\b
        ").unwrap()
});

/// How much more a pointed sentence weighs.
const POINTED_WEIGHT: f32 = 1.5;

/// A sentence that makes a point by contrast or by ranking: "not X but Y", "X rather than
/// Y", "..., but ...", "..., not ...", "more ... than", "only if", "the largest single
/// barrier". Weighing them more brought the sentences of the test events' reference points
/// higher in their sessions' ranking (mean percentile 0.227 → 0.207 and 0.318 → 0.304).
static POINTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)
        \bnot\b[^.;]*?\bbut\b
        | \brather\s+than\b | \binstead\s+of\b
        | ,\s+(?:but|not)\b
        | \b(?:more|less|fewer|better|worse|cheaper)\s+(?:\w+\s+){0,4}than\b
        | \bonly\s+(?:if|when|where|as)\b | \bunless\b
        | \b(?:is|was|are|were)\s+(?:the|a)\s+(?:central|main|largest|biggest|key|real|sharper|greatest|single|first|best|worst|only)\b
        | \bthe\s+(?:largest|biggest|greatest|single|main|central|real)\s+(?:\w+\s+){0,2}(?:barrier|problem|risk|obstacle|gap|lesson|question|challenge|cost)\b
        ").unwrap()
});

/// How much a sentence carries the substance of the discussion, in the way such notes are
/// written: by what it reports ([`reported`]), more when it makes its point by contrast
/// ([`POINTED`]), and little when it only opens a topic ([`OPENS_TOPIC`]).
fn voice(text: &str) -> f32 {
    if OPENS_TOPIC.is_match(text) {
        return 0.3;
    }
    let pointed = if POINTED.is_match(text) {
        POINTED_WEIGHT
    } else {
        1.0
    };
    pointed * reported(text)
}

/// What a sentence reports: a position the room agreed on or several participants took
/// weighs most; one participant's position, or what the room observed ("participants noted
/// that ..."), about half as much; description and background least. (In the reference
/// summaries of both test events, a point is kept from about one in four sentences of the
/// first kind, one in five observed by the room, one in seven of one participant's, and one
/// in fifteen plain statements.)
fn reported(text: &str) -> f32 {
    if CONSENSUS.is_match(text) && REPORTS.is_match(text) {
        return 3.0;
    }
    match (CLAIMS.is_match(text), GROUP.is_match(text)) {
        (true, true) => 3.0,
        (true, false) => 1.6,
        (false, true) if REPORTS.is_match(text) => 1.5,
        _ => 1.0,
    }
}

/// What every choice within a budget starts from, whatever the budget: the sentences that
/// say what a recommendation or good practice says set aside (their weight passed on by
/// [`inherit`]), the sessions and their words, each open sentence's likeness to the
/// rapporteurs' key points, and each session's best score.
fn start(
    cands: &mut [Candidate],
    vectors: &[Vector],
    points: &[Vector],
    marked: &[Vector],
) -> Start {
    // Candidates of each session, in the order sessions come.
    let mut sessions: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        match sessions.iter_mut().find(|(s, _)| *s == c.session_key) {
            Some((_, members)) => members.push(i),
            None => sessions.push((c.session_key.as_str(), vec![i])),
        }
    }
    let sessions: Vec<(Vec<usize>, usize)> = sessions
        .into_iter()
        .map(|(_, members)| {
            let words = members
                .iter()
                .filter(|&&i| cands[i].barred.is_none())
                .map(|&i| cands[i].words)
                .sum();
            (members, words)
        })
        .collect();
    let total: usize = sessions.iter().map(|(_, w)| w).sum();
    // What each open sentence is most like so far: a rapporteur's key point (None) or a
    // chosen sentence, kept up to date as sentences are chosen, so that each pair is
    // compared once. And whether it says what a recommendation says.
    let compared: Vec<(f32, bool)> = cands
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            if c.barred.is_some() {
                return (0.0, false);
            }
            let v = &vectors[i];
            let like = points.iter().map(|p| cosine(v, p)).fold(0.0, f32::max);
            let restates = marked
                .iter()
                .any(|m| cosine(v, m) >= RESTATES && contained(v, m) >= RESTATES);
            (like, restates)
        })
        .collect();
    let mut like: Vec<(f32, Option<usize>)> = vec![(0.0, None); cands.len()];
    for (i, (c, &(l, restates))) in cands.iter_mut().zip(&compared).enumerate() {
        like[i] = (l, None);
        if restates {
            c.why = Some("says what a recommendation or good practice says".to_string());
        }
    }
    inherit(cands);
    // Each sentence's score against the best of its session: what a session's points weigh
    // does not depend on how many sentences it has.
    let mut top = vec![f32::EPSILON; cands.len()];
    for (members, _) in &sessions {
        let best = members
            .iter()
            .filter(|&&i| cands[i].barred.is_none())
            .map(|&i| cands[i].score)
            .fold(f32::EPSILON, f32::max);
        for &i in members {
            top[i] = best;
        }
    }
    Start {
        sessions,
        total,
        like,
        top,
    }
}

/// Choose within `budget` words, from the [`Start`] every budget shares: each session gets
/// a share of the budget in proportion to its discussion (a human summary keeps a few
/// points of every session) and fills it by maximal marginal relevance with its main
/// points; what the sessions leave goes to the best sentences still open anywhere. A
/// sentence too like one already chosen, anywhere in the note, or like a key point, is set
/// aside as a repeat; one that leans on the sentence before it comes with that sentence.
fn choose(cands: &mut [Candidate], vectors: &[Vector], dims: usize, start: &Start, budget: usize) {
    if start.total == 0 {
        return;
    }
    let mut picker = Picker {
        vectors,
        like: start.like.clone(),
        top: start.top.clone(),
        taken: Default::default(),
        dense: vec![0.0; dims],
    };
    let mut used = 0;
    for (members, words) in &start.sessions {
        let quota = (budget as f64 * *words as f64 / start.total as f64).round() as usize;
        used += picker.fill(cands, members, quota, MAIN_POINT);
    }
    let all: Vec<usize> = (0..cands.len()).collect();
    picker.fill(cands, &all, budget.saturating_sub(used), 0.0);
}

/// How much of a paragraph's point, published as a recommendation, passes to the sentence
/// that gives its context.
const INHERIT: f32 = 0.8;

/// Where a paragraph's weightiest sentence says what a recommendation or good practice of
/// the note says, the note has that point already: what the discussion can add is the
/// problem or the evidence behind it. The paragraph's best sentence still open takes up to
/// [`INHERIT`] of the weight of the one set aside ("women bear much of the cost of mining
/// and receive little of its benefit" beside "benefit-sharing agreements should be
/// negotiated with women as well as men").
fn inherit(cands: &mut [Candidate]) {
    let mut at = 0;
    while at < cands.len() {
        let key = (cands[at].theme, cands[at].para);
        let end = (at..cands.len())
            .find(|&i| (cands[i].theme, cands[i].para) != key)
            .unwrap_or(cands.len());
        // Before the choice, an open sentence's `why` says only that it restates one.
        let restated = (at..end)
            .filter(|&i| cands[i].barred.is_none() && cands[i].why.is_some())
            .map(|i| cands[i].score)
            .fold(0.0f32, f32::max);
        let open = (at..end)
            .filter(|&i| cands[i].barred.is_none() && cands[i].why.is_none())
            .max_by(|&a, &b| cands[a].score.total_cmp(&cands[b].score).then(b.cmp(&a)));
        if let Some(i) = open
            && restated * INHERIT > cands[i].score
        {
            cands[i].score = restated * INHERIT;
        }
        at = end;
    }
}

/// A sentence weighing less than this share of its session's best is not one of the
/// session's main points: it is chosen only with room to spare once every session has its
/// main points.
const MAIN_POINT: f32 = 0.3;

/// The state of a choice by maximal marginal relevance.
struct Picker<'a> {
    vectors: &'a [Vector],
    /// What each open sentence is most like so far, and how much.
    like: Vec<(f32, Option<usize>)>,
    /// The best score of each sentence's session.
    top: Vec<f32>,
    /// Paragraphs (theme, paragraph) a sentence has been chosen from.
    taken: rustc_hash::FxHashSet<(usize, (usize, usize))>,
    /// The sentence just chosen, as a dense vector over the corpus's terms: each open
    /// sentence's likeness to it is then a few lookups, not a merge of two term lists.
    dense: Vec<f32>,
}

impl Picker<'_> {
    /// Choose among `members`, best gain first, within `quota` words, sentences weighing at
    /// least `floor` of their session's best. Returns the words chosen.
    fn fill(
        &mut self,
        cands: &mut [Candidate],
        members: &[usize],
        quota: usize,
        floor: f32,
    ) -> usize {
        let open = |c: &Candidate| c.barred.is_none() && c.why.is_none() && !c.chosen;
        let mut used = 0usize;
        loop {
            let mut best: Option<(f32, usize, usize)> = None;
            for &i in members {
                if !open(&cands[i]) {
                    continue;
                }
                let (l, similar) = self.like[i];
                if l >= REDUNDANT {
                    cands[i].why = Some(match similar {
                        Some(j) => {
                            cands[j].repeats.push(i);
                            format!("repeats a sentence already chosen ({})", cands[j].location)
                        }
                        None => "says what a rapporteur's key point says".to_string(),
                    });
                    continue;
                }
                let worth = cands[i].score / self.top[i];
                if worth < floor {
                    continue;
                }
                let mut cost = 0;
                walk_chain(cands, i, |k| cost += cands[k].words);
                if used + cost > quota {
                    continue;
                }
                // A rapporteur writes a paragraph a point: take the point of another
                // paragraph before a second sentence of this one.
                let spread = if self.taken.contains(&(cands[i].theme, cands[i].para)) {
                    0.5
                } else {
                    1.0
                };
                // Within a budget, a point said in fewer words leaves room for another.
                let thrift = (20.0 / cost.max(1) as f32).sqrt().min(1.3);
                let gain = (LAMBDA * worth * spread - (1.0 - LAMBDA) * l) * thrift;
                if best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, i, cost));
                }
            }
            let Some((_, i, cost)) = best else {
                return used;
            };
            for k in chain(cands, i) {
                cands[k].chosen = true;
                self.taken.insert((cands[k].theme, cands[k].para));
                for &(t, w) in &self.vectors[k] {
                    self.dense[t as usize] = w;
                }
                for (j, c) in cands.iter().enumerate() {
                    if open(c) {
                        // The vectors are normalised: their cosine is their dot product.
                        let w: f32 = self.vectors[j]
                            .iter()
                            .map(|&(t, w)| w * self.dense[t as usize])
                            .sum();
                        if w > self.like[j].0 {
                            self.like[j] = (w, Some(k));
                        }
                    }
                }
                for &(t, _) in &self.vectors[k] {
                    self.dense[t as usize] = 0.0;
                }
            }
            used += cost;
        }
    }
}

/// The sentence `i` and the sentences before it in its paragraph that it leans on, not yet
/// chosen: what choosing it costs.
fn chain(cands: &[Candidate], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    walk_chain(cands, i, |k| out.push(k));
    out
}

/// [`chain`], each sentence given to `f` in turn, without gathering them: what weighing
/// every open sentence at every pick needs.
fn walk_chain(cands: &[Candidate], i: usize, mut f: impl FnMut(usize)) {
    f(i);
    let mut at = i;
    // "They argued ..." points back to the participant a sentence before introduced.
    let mut person = cands[i].points_to_person;
    while (cands[at].leans_back || person) && at > 0 {
        let prev = at - 1;
        if cands[prev].para != cands[at].para || cands[prev].theme != cands[at].theme {
            break;
        }
        if !cands[prev].chosen {
            f(prev);
        }
        if person && cands[prev].names_person {
            person = false;
        }
        at = prev;
    }
}

/// Whether a sentence starts with a personal pronoun.
fn starts_with_person(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(
        first.as_str(),
        "they" | "he" | "she" | "their" | "his" | "her"
    )
}

/// Whether a sentence introduces someone a pronoun can point back to.
fn names_a_person(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "participant",
        "panellist",
        "speaker",
        "delegate",
        "expert",
        "representative",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Put the chosen sentences back into the themes: consecutive sentences of one paragraph
/// make one paragraph of the note, in the order the notes have them, after the rapporteurs'
/// key points. With `full`, the discussion paragraphs take today's order beside them.
/// Returns, for each candidate, the index of the key point that carries it.
fn place(themes: &mut [Theme], cands: &[Candidate], full: bool) -> Vec<Option<usize>> {
    let mut slot = vec![None; cands.len()];
    for (t, theme) in themes.iter_mut().enumerate() {
        let discussion = std::mem::take(&mut theme.discussion);
        if full {
            let firsts: Vec<usize> = discussion.iter().map(|m| m.first).collect();
            theme.key_points.extend(discussion);
            theme
                .key_points
                .sort_by(|a, b| b.reach().cmp(&a.reach()).then(a.first.cmp(&b.first)));
            for (i, c) in cands.iter().enumerate() {
                if c.theme == t && c.chosen {
                    let first = firsts[c.para.0];
                    slot[i] = theme.key_points.iter().position(|m| m.first == first);
                }
            }
            continue;
        }
        let mut paragraphs: Vec<(usize, Merged)> = Vec::new();
        let mut last: Option<(usize, usize)> = None;
        let base = theme.key_points.len();
        for i in (0..cands.len()).filter(|&i| cands[i].theme == t && cands[i].chosen) {
            let c = &cands[i];
            let m = &discussion[c.para.0];
            let mut sources = vec![MergedSource {
                location: c.location.clone(),
                session: c.session.clone(),
                wording: c.text.clone(),
            }];
            for &r in &c.repeats {
                sources.push(MergedSource {
                    location: cands[r].location.clone(),
                    session: cands[r].session.clone(),
                    wording: cands[r].text.clone(),
                });
            }
            let sessions: BTreeSet<&str> = std::iter::once(c.session_key.as_str())
                .chain(c.repeats.iter().map(|&r| cands[r].session_key.as_str()))
                .collect();
            let continues = last == Some(c.para)
                && paragraphs
                    .last()
                    .is_some_and(|(prev, _)| cands[*prev].index + 1 == c.index);
            if continues {
                let (prev, p) = paragraphs.last_mut().expect("continues a paragraph");
                p.text.push(' ');
                p.text.push_str(&c.text);
                p.sources.extend(sources);
                p.sessions = p.sessions.max(sessions.len());
                p.wordings = vec![p.text.clone()];
                *prev = i;
            } else {
                paragraphs.push((
                    i,
                    Merged {
                        role: Role::KeyPoint,
                        text: capitalise(&c.text),
                        wordings: vec![c.text.clone()],
                        sources,
                        sessions: sessions.len(),
                        questionnaire: false,
                        inferred: m.inferred,
                        first: m.first,
                    },
                ));
            }
            slot[i] = Some(base + paragraphs.len() - 1);
            last = Some(c.para);
        }
        theme
            .key_points
            .extend(paragraphs.into_iter().map(|(_, m)| m));
    }
    slot
}

/// The key points that lead the note: the published sentences most central to the event as
/// a whole, no two alike, the most widely raised first. A rapporteur's key point is offered
/// as written; a paragraph of discussion offers its sentences that do not lean on another.
fn highlights(themes: &[Theme], cands: &[Candidate], slot: &[Option<usize>]) -> Vec<Highlight> {
    struct Offer {
        theme: usize,
        item: usize,
        text: String,
        reach: usize,
        score: f32,
    }
    let mut pool: Vec<Offer> = Vec::new();
    for (t, theme) in themes.iter().enumerate() {
        for (k, m) in theme.key_points.iter().enumerate() {
            let from: Vec<usize> = (0..cands.len())
                .filter(|&i| slot[i] == Some(k) && cands[i].theme == t)
                .collect();
            if from.is_empty() {
                pool.push(Offer {
                    theme: t,
                    item: k,
                    text: m.text.clone(),
                    reach: m.reach(),
                    score: 1.0,
                });
            }
            for i in from.into_iter().filter(|&i| !cands[i].leans_back) {
                pool.push(Offer {
                    theme: t,
                    item: k,
                    text: capitalise(&cands[i].text),
                    reach: m.reach(),
                    score: cands[i].score,
                });
            }
        }
    }
    pool.retain(|o| o.text.split_whitespace().count() <= 40);
    if pool.is_empty() {
        return Vec::new();
    }
    let docs: Vec<Vec<String>> = pool.iter().map(|o| content(&o.text)).collect();
    let corpus = Corpus::new(&docs);
    let v = &corpus.vectors;
    // Centrality over the whole event: how much each offer shares with all the others.
    let n = pool.len();
    let mut central = vec![0.0f32; n];
    for a in 0..n {
        for b in a + 1..n {
            let w = cosine(&v[a], &v[b]);
            central[a] += w;
            central[b] += w;
        }
    }
    let relevance: Vec<f32> = (0..n)
        .map(|i| (central[i] + 0.01) * (1.0 + pool[i].reach as f32 * 0.25) * pool[i].score.max(0.5))
        .collect();
    let top = relevance.iter().copied().fold(f32::EPSILON, f32::max);
    let themes_with_points = themes.iter().filter(|t| !t.key_points.is_empty()).count();
    let want = (themes_with_points + 1)
        .clamp(KEY_POINTS.0, KEY_POINTS.1)
        .min(n);
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < want {
        let best = (0..n)
            .filter(|i| !picked.contains(i))
            .map(|i| {
                let like = picked
                    .iter()
                    .map(|&j| cosine(&v[i], &v[j]))
                    .fold(0.0f32, f32::max);
                (i, LAMBDA * relevance[i] / top - (1.0 - LAMBDA) * like, like)
            })
            .filter(|&(_, _, like)| like < REDUNDANT)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _, _)) => picked.push(i),
            None => break,
        }
    }
    // Most widely raised first, then in the order of the note.
    picked.sort_by(|&a, &b| {
        pool[b]
            .reach
            .cmp(&pool[a].reach)
            .then((pool[a].theme, pool[a].item).cmp(&(pool[b].theme, pool[b].item)))
            .then(a.cmp(&b))
    });
    picked
        .into_iter()
        .map(|i| Highlight {
            text: pool[i].text.clone(),
            theme: pool[i].theme,
            item: pool[i].item,
        })
        .collect()
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PROCEDURAL);
    LazyLock::force(&RUNNER);
    LazyLock::force(&RUNS);
    LazyLock::force(&ANNOUNCES);
    LazyLock::force(&RAISED_AGAIN);
    LazyLock::force(&DISCUSSED_IN_CONTEXT);
    LazyLock::force(&SAYS_THAT_THIS);
    LazyLock::force(&ANSWERS);
    LazyLock::force(&REPORTS);
    LazyLock::force(&CONSENSUS);
    LazyLock::force(&GROUP);
    LazyLock::force(&CLAIMS);
    LazyLock::force(&OPENS_TOPIC);
    LazyLock::force(&POINTED);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns [`procedural`], [`reports_back`] and [`announces`] stand for, their
    /// pieces joined by bounded repetitions as they were before: the oracle they must agree
    /// with.
    static PROCEDURAL_AS_ONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?:{runner}[^.]{{0,80}}?{runs})|(?x:{rest})",
            runner = RUNNER.as_str().trim_start_matches("(?i)"),
            runs = RUNS.as_str().trim_start_matches("(?i)"),
            rest = PROCEDURAL.as_str().trim_start_matches("(?ix)"),
        ))
        .unwrap()
    });
    static REPORTS_BACK_AS_ONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^[^,;:.]{{0,60}}?{says}|^[^,;:.]{{0,40}}?{answers}",
            says = SAYS_THAT_THIS.as_str().trim_start_matches("(?i)"),
            answers = ANSWERS.as_str().trim_start_matches("(?i)"),
        ))
        .unwrap()
    });
    static ANNOUNCES_AS_ONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?x:{rest})|^[^,;:]{{0,40}}{context}[^,;:]{{0,40}}$|^[^,;:]{{0,60}}{again}",
            rest = ANNOUNCES.as_str().trim_start_matches("(?ix)"),
            context = DISCUSSED_IN_CONTEXT.as_str().trim_start_matches("(?i)"),
            again = RAISED_AGAIN.as_str().trim_start_matches("(?i)"),
        ))
        .unwrap()
    });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Sentences of runners, reports, pointers, punctuation and words of every length:
        /// the patterns without bounded repetitions find what the bounded ones find.
        #[test]
        fn gapped_patterns_agree_with_their_bounded_form(picks in proptest::collection::vec((0usize..80, 1usize..30), 0..16)) {
            const WORDS: &[&str] = &[
                "The", "the", "chair", "Co-chairs", "moderator", "Facilitators", "opened",
                "closed", "explained the format", "gave the floor", "thanked", "asked",
                "participants", "said that", "that", "this", "these", "It", "the same",
                "agreed", "agreed with", "disagreed with", "welcomed", "the idea", "questioned",
                ",", ".", ";", ":", "é", "cautioned that they", "session", "break",
                "Rapporteurs", "handed", "the proposal", "argued", "noted that it",
                "was", "were also", "discussed", "raised", "in the context of", "with regard to",
                "came up", "again", "in every session", "!", "Tenure", "considered",
                "was discussed in the context of", "were also debated with regard to",
                "was raised again", "came up", "were raised in every session",
            ];
            let mut text = String::new();
            for (w, len) in picks {
                if w < WORDS.len() {
                    text.push_str(WORDS[w]);
                } else {
                    text.push_str(&"x".repeat(len));
                }
                text.push(' ');
            }
            let text = text.trim();
            proptest::prop_assert_eq!(procedural(text), PROCEDURAL_AS_ONE.is_match(text), "{}", text);
            proptest::prop_assert_eq!(reports_back(text), REPORTS_BACK_AS_ONE.is_match(text), "{}", text);
            proptest::prop_assert_eq!(announces(text), ANNOUNCES_AS_ONE.is_match(text), "{}", text);
        }
    }

    fn paragraph(text: &str, session: usize, first: usize) -> Merged {
        Merged {
            role: Role::Discussion,
            text: text.to_string(),
            sources: vec![MergedSource {
                location: format!("notes/s{session}.md:{}", first + 1),
                session: format!("Session {session}"),
                wording: text.to_string(),
            }],
            wordings: vec![text.to_string()],
            sessions: 1,
            questionnaire: false,
            inferred: false,
            first,
        }
    }

    fn theme(name: &str, discussion: Vec<Merged>) -> Theme {
        Theme {
            name: name.to_string(),
            recommendations: Vec::new(),
            good_practice: Vec::new(),
            key_points: Vec::new(),
            discussion,
        }
    }

    fn published(themes: &[Theme]) -> String {
        themes
            .iter()
            .flat_map(|t| &t.key_points)
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn one_point_raised_in_three_sessions_is_published_once_with_its_sessions() {
        let point = [
            "Participants agreed that early warning fails without a budget agreed in advance.",
            "Several participants said early warning fails unless a budget is agreed in advance.",
            "Participants agreed again that early warning fails without a budget agreed beforehand.",
        ];
        let others = [
            "Communities trusted local radio more than national television.",
            "Cash transfers before floods protected livestock and savings.",
            "Maps of informal settlements were missing from every official system.",
        ];
        let mut discussion = Vec::new();
        for s in 0..3 {
            let text = format!("{} {}", point[s], others[s]);
            discussion.push(paragraph(&text, s, s));
        }
        let mut themes = vec![theme("Early warning", discussion)];
        let summary = summarise(&mut themes, Some(60));
        let text = published(&themes);
        assert_eq!(text.matches("early warning fails").count(), 1, "{text}");
        let carrier = themes[0]
            .key_points
            .iter()
            .find(|m| m.text.contains("early warning fails"))
            .unwrap();
        assert_eq!(carrier.sessions, 3, "{carrier:?}");
        assert!(
            summary
                .considered
                .iter()
                .filter(|c| c.why.starts_with("repeats"))
                .count()
                >= 2
        );
    }

    #[test]
    fn procedure_announcements_and_questions_are_never_chosen() {
        let text = "The chair opened the session and welcomed participants. The discussion moved to data. Who pays for the gauges? The question of who pays came up repeatedly. Participants agreed that broken river gauges were the cheapest thing to fix and the first to be cut.";
        let mut themes = vec![theme("Data", vec![paragraph(text, 0, 0)])];
        let summary = summarise(&mut themes, Some(1000));
        assert_eq!(
            published(&themes),
            "Participants agreed that broken river gauges were the cheapest thing to fix and the first to be cut."
        );
        let why: Vec<&str> = summary.considered.iter().map(|c| c.why.as_str()).collect();
        assert!(why[0].contains("running of the session"), "{why:?}");
        assert!(why[1].contains("announces a topic"), "{why:?}");
        assert!(why[2].contains("question"), "{why:?}");
        assert!(why[3].contains("announces a topic"), "{why:?}");
    }

    #[test]
    fn a_sentence_that_leans_back_comes_with_the_one_it_leans_on() {
        let text = "One participant described floods in a coastal city that arrived within an hour. National forecasts gave a day's notice but could not name the streets. They argued that cities need their own impact-based forecasts and the authority to act on them.";
        let themes = vec![theme("Cities", vec![paragraph(text, 0, 0)])];
        let cands = candidates(&themes);
        // "They" goes back past "National forecasts ..." to the participant it points to.
        assert_eq!(chain(&cands, 2), [2, 1, 0]);
        assert_eq!(chain(&cands, 1), [1]);
        // A paragraph that starts by leaning on another is never chosen alone.
        let mut themes = vec![theme(
            "Cities",
            vec![paragraph(
                "This had corroded trust in the warnings for years.",
                0,
                0,
            )],
        )];
        let summary = summarise(&mut themes, Some(1000));
        assert!(published(&themes).is_empty());
        assert!(summary.considered[0].why.contains("pointing back"));
    }

    #[test]
    fn full_keeps_every_paragraph_whole_and_in_the_order_of_the_notes() {
        let a = "Participants agreed that early warning works. This had taken years.";
        let b = "The discussion moved to data.";
        let mut themes = vec![theme("All", vec![paragraph(a, 0, 0), paragraph(b, 0, 1)])];
        summarise(&mut themes, None);
        let texts: Vec<&str> = themes[0]
            .key_points
            .iter()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(texts, [a, b]);
        assert!(themes[0].discussion.is_empty());
    }

    #[test]
    fn positions_weigh_more_than_facts_noted_and_those_more_than_background() {
        let agreed = voice("Participants agreed that the trigger should be published.");
        let several = voice("Several participants argued that gauges are the cheapest fix.");
        let one = voice("One participant argued that gauges are the cheapest fix.");
        let noted = voice("Participants noted that many gauges were broken.");
        let plain = voice("Many gauges were broken.");
        assert_eq!(agreed, several);
        assert!(several > one && one > noted, "{several} {one} {noted}");
        assert!(noted > plain, "{noted} {plain}");
    }

    #[test]
    fn openers_and_answers_are_not_points_and_contrasts_are() {
        let opener = voice(
            "Participants turned to cities, where a growing share of the displaced now live.",
        );
        let fact = voice("A growing share of the displaced now live in cities.");
        assert!(opener < fact, "{opener} {fact}");
        let point = voice("Several participants argued that cities need forecasts of their own.");
        let pointed = voice(
            "Several participants argued that cities need forecasts of their own, not national ones.",
        );
        assert!(pointed > point, "{pointed} {point}");
        // "welcomed this" answers a sentence before it: never chosen alone.
        let text = "Several participants welcomed this, but cautioned that a forecast run abroad was hard to explain at home.";
        let mut themes = vec![theme("Forecasts", vec![paragraph(text, 0, 0)])];
        let summary = summarise(&mut themes, Some(1000));
        assert!(published(&themes).is_empty());
        assert!(
            summary.considered[0].why.contains("pointing back"),
            "{:?}",
            summary.considered[0]
        );
    }

    #[test]
    fn a_sentence_restating_a_recommendation_is_left_out_but_one_giving_its_reasons_is_not() {
        let recommendation = Merged {
            role: Role::Recommendation,
            ..paragraph(
                "Due diligence rules should reward buyers who stay in high-risk areas and improve conditions.",
                0,
                9,
            )
        };
        let restates = "Several participants argued that due diligence rules should reward buyers who stay in high-risk areas and improve conditions.";
        let reasons = "Several participants argued that the purpose of due diligence is to find and fix problems, not to avoid them, so that a buyer who leaves a mine leaves its workers with nobody to press for change.";
        let mut themes = vec![theme(
            "Due diligence",
            vec![paragraph(restates, 0, 0), paragraph(reasons, 0, 1)],
        )];
        themes[0].recommendations.push(recommendation);
        let summary = summarise(&mut themes, Some(1000));
        assert_eq!(published(&themes), reasons);
        assert!(
            summary.considered[0].why.contains("recommendation"),
            "{:?}",
            summary.considered[0]
        );
    }

    #[test]
    fn where_a_recommendation_has_the_point_the_discussion_gives_its_context() {
        let a = "Several participants argued that ministries of health should be part of early warning systems. Participants noted that cholera often follows floods by two or three weeks. The chair thanked the panel.";
        let b = "One participant said that radio messages in local languages reached many farmers.";
        let themes = vec![theme(
            "Health",
            vec![paragraph(a, 0, 0), paragraph(b, 0, 1)],
        )];
        let mut cands = candidates(&themes);
        for (c, score) in cands.iter_mut().zip([3.0, 1.0, 0.0, 1.6]) {
            c.score = score;
        }
        cands[0].why = Some("says what a recommendation or good practice says".into());
        inherit(&mut cands);
        let scores: Vec<f32> = cands.iter().map(|c| c.score).collect();
        // The cholera sentence takes most of the weight of the point the recommendation
        // has; the procedural one and the other paragraph are as they were.
        assert_eq!(scores, [3.0, 3.0 * INHERIT, 0.0, 1.6]);
        assert!(cands[2].barred.is_some());
    }

    #[test]
    fn the_budget_holds() {
        let sentences: Vec<String> = (0..40)
            .map(|i| format!("Participants discussed point number {i} about rivers, floods, gauges and money in detail."))
            .collect();
        let discussion = sentences
            .chunks(4)
            .enumerate()
            .map(|(p, s)| paragraph(&s.join(" "), p % 3, p))
            .collect();
        let mut themes = vec![theme("Rivers", discussion)];
        let summary = summarise(&mut themes, Some(100));
        assert!(summary.words_kept <= 100, "{}", summary.words_kept);
        assert!(summary.words_kept > 0);
    }
}
