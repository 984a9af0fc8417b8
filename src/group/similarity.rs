//! Text similarity for grouping: tokens folded and stemmed (Snowball English), stop words dropped, TF-IDF vectors and their cosine.

use crate::fold::fold;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words too common to say what a recommendation is about.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "do",
    "does",
    "each",
    "every",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "least",
    "may",
    "more",
    "most",
    "must",
    "need",
    "needs",
    "no",
    "not",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
    "s",
    "participant",
    "participants",
    "session",
    "sessions",
];

/// Whether a folded word is too common to say what a text is about.
pub fn is_stop(word: &str) -> bool {
    // A set, not a scan of the list: every word of every text is asked (the linear scan was
    // a tenth of the summary stage).
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| STOP.iter().copied().collect());
    SET.contains(word)
}

/// The content words of a text, folded and stemmed, in order.
pub fn stems(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !is_stop(w))
        .map(stem)
        .collect()
}

/// The folded words of a text, stop words included.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The Snowball stem of one folded word: "investigations" → "investig". Each thread keeps
/// the stems it has made: the same words come back in every sentence, and grouping and the
/// summary stem the same text (measured: stemming was a third of the summary stage on a
/// ten-event batch). The cache is emptied past a bound, so memory stays flat.
pub fn stem(word: &str) -> String {
    thread_local! {
        static CACHE: std::cell::RefCell<FxHashMap<String, String>> = Default::default();
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(word) {
            return s.clone();
        }
        if cache.len() >= 100_000 {
            cache.clear();
        }
        let s = STEMMER.stem(word).into_owned();
        cache.insert(word.to_string(), s.clone());
        s
    })
}

/// A sparse, L2-normalised TF-IDF vector: (term id, weight), sorted by term id.
pub type Vector = Vec<(u32, f32)>;

/// The vocabulary and document frequencies of a set of texts, and their vectors.
pub struct Corpus {
    pub vectors: Vec<Vector>,
    /// Term id → stem.
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
}

impl Corpus {
    /// Vectors for `docs`, each a list of stems.
    pub fn new(docs: &[Vec<String>]) -> Corpus {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut terms: Vec<String> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut counted: Vec<Vec<(u32, u32)>> = Vec::with_capacity(docs.len());
        for doc in docs {
            let mut seen: Vec<u32> = doc
                .iter()
                .map(|s| {
                    *ids.entry(s.as_str()).or_insert_with(|| {
                        terms.push(s.clone());
                        df.push(0);
                        (terms.len() - 1) as u32
                    })
                })
                .collect();
            seen.sort_unstable();
            // Term ids in order, each with its count.
            let mut tf: Vec<(u32, u32)> = Vec::with_capacity(seen.len());
            for id in seen {
                match tf.last_mut() {
                    Some((last, count)) if *last == id => *count += 1,
                    _ => tf.push((id, 1)),
                }
            }
            for (id, _) in &tf {
                df[*id as usize] += 1;
            }
            counted.push(tf);
        }
        let n = docs.len().max(1) as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let vectors = counted
            .into_iter()
            .map(|tf| {
                let mut v: Vector = tf
                    .into_iter()
                    .map(|(id, c)| (id, (1.0 + (c as f32).ln()) * idf[id as usize]))
                    .collect();
                normalise(&mut v);
                v
            })
            .collect();
        Corpus {
            vectors,
            terms,
            idf,
        }
    }
}

pub fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Share of `a`'s weight on the terms `b` also has (of a normalised `a`: 1.0 when `b` has
/// them all), whatever else `b` has: how much of `a` is said in `b`.
pub fn contained(a: &Vector, b: &Vector) -> f32 {
    over_shared(a, b, |x, _| x * x)
}

/// Cosine of two normalised sparse vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    over_shared(a, b, |x, y| x * y)
}

/// The sum of `f` over the terms two sparse vectors share, given their two weights.
#[inline]
fn over_shared(a: &Vector, b: &Vector, f: impl Fn(f32, f32) -> f32) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += f(a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contained_is_how_much_of_one_the_other_says() {
        let mut a: Vector = vec![(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0)];
        normalise(&mut a);
        let mut b: Vector = vec![(1, 1.0), (2, 1.0), (9, 5.0)];
        normalise(&mut b);
        assert!((contained(&a, &a) - 1.0).abs() < 1e-6);
        // Half of a's terms, whatever else b says.
        assert!((contained(&a, &b) - 0.5).abs() < 1e-6);
        // Symmetric cosine, asymmetric containment.
        assert!((cosine(&a, &b) - cosine(&b, &a)).abs() < 1e-6);
        assert!(contained(&b, &a) < 0.1);
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(stems("Investigations"), stems("investigation"));
        assert_eq!(stems("funding donors"), stems("funded donor"));
        assert!(stems("the participants should").is_empty());
    }

    #[test]
    fn cosine_ranks_paraphrases_above_strangers() {
        let docs: Vec<Vec<String>> = [
            "Donors should fund access negotiations as eligible costs.",
            "Access negotiation costs should be eligible for donor funding.",
            "States should protect aid workers from attack.",
        ]
        .iter()
        .map(|t| stems(t))
        .collect();
        let c = Corpus::new(&docs);
        assert!(cosine(&c.vectors[0], &c.vectors[1]) > 0.6);
        assert!(cosine(&c.vectors[0], &c.vectors[2]) < 0.1);
    }
}
