//! Compiling the roster into patterns: every written form of each name, each organisation and the roles that point to one person.

use super::detect::{Detector, Entry, NameForm};
use super::lexicon::{
    COUNTRIES, Country, HONORIFICS, ROLE_HEADS, SPEECH_VERBS, WORD_NAMES, countries_in,
};
use super::scan::Scanner;
use crate::fold::fold;
use crate::ingest::participants::PARTICLES;
use crate::model::Participant;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

impl Detector {
    pub fn new(participants: &[Participant], protected: &[String]) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |text: String, entry: Entry| {
            // A pattern starts with a word: folding marks it, and the filter knows it.
            let text = text
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end()
                .to_string();
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            // Of two equal patterns only the first could ever be found: keep that one.
            if seen.insert(text.clone()) {
                texts.push(text);
                entries.push(entry);
            }
        };

        // Organisations first, so that a partner named as a speaker's affiliation is still
        // an organisation; then protected phrases, which as the longest match shield the
        // names inside them; then names.
        let mut orgs: Vec<&str> = Vec::new();
        for p in participants {
            if let Some(o) = p.organisation.as_deref()
                && !orgs.contains(&o)
            {
                orgs.push(o);
            }
        }
        for (o, org) in orgs.iter().enumerate() {
            for (form, acronym) in org_forms(org) {
                add(form, Entry::Org { org: o, acronym });
            }
        }
        for p in protected {
            add(fold(p), Entry::Protected);
            // "Wilton Park, UK" is also written "Wilton Park".
            for part in p
                .split(',')
                .filter(|part| part.split_whitespace().count() > 1)
            {
                add(fold(part), Entry::Protected);
            }
        }
        let mut initials = HashMap::new();
        for (i, p) in participants.iter().enumerate() {
            let name = |form| Entry::Name {
                participant: i,
                form,
            };
            for v in variants(&p.name) {
                add(v, name(NameForm::Full));
            }
            if let (Some(g), Some(f)) = (&p.given, &p.family) {
                for v in variants(&format!("{g} {f}")) {
                    add(v, name(NameForm::Full));
                }
                for v in variants(&format!("{f}, {g}")) {
                    add(v, name(NameForm::Reversed));
                }
                // Family name first, as Vietnamese, Chinese, Korean and Hungarian names are
                // written: "Nguyen Thi Lan", "Nagy Eszter".
                for v in variants(&format!("{f} {g}")) {
                    add(v, name(NameForm::Full));
                }
                let first = g.split_whitespace().next().unwrap_or(g);
                let initial: String = first.chars().take(1).collect();
                for v in variants(&format!("{initial}. {f}")) {
                    add(v, name(NameForm::Full));
                }
                for v in variants(first) {
                    if v.chars().count() >= 3 {
                        add(v, name(NameForm::Given));
                    }
                }
                let key: String = [first, f.split_whitespace().last().unwrap_or(f)]
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                initials.insert(key, i);
            }
            if let Some(f) = &p.family {
                for v in variants(f) {
                    add(v, name(NameForm::Surname));
                }
                for part in surname_parts(f) {
                    for v in variants(part) {
                        add(v, name(NameForm::SurnamePart));
                    }
                }
            }
            if let Some(e) = &p.email {
                add(fold(e), name(NameForm::Email));
            }
        }
        // A plain title of two or more words that one participant alone holds: "the Deputy
        // Minister", "the Permanent Secretary" points to them.
        let mut held: HashMap<String, usize> = HashMap::new();
        for p in participants {
            if let Some(r) = &p.role {
                *held.entry(fold(r)).or_default() += 1;
            }
        }
        for (i, p) in participants.iter().enumerate() {
            for r in role_phrases(p) {
                add(r, Entry::Role { participant: i });
            }
            if let Some(r) = p.role.as_deref().map(fold)
                && held.get(&r) == Some(&1)
                && r.split(' ').count() >= 2
            {
                add(format!("the {r}"), Entry::Role { participant: i });
            }
        }
        for h in HONORIFICS {
            add(h.to_string(), Entry::Honorific);
            if !h.ends_with('.') && h.len() <= 4 {
                add(format!("{h}."), Entry::Honorific);
            }
        }
        for v in SPEECH_VERBS {
            add(v.to_string(), Entry::Speech);
        }

        let scanner = Scanner::new(&texts);
        let mut common: HashSet<String> = WORD_NAMES.iter().map(|w| w.to_string()).collect();
        for c in COUNTRIES.iter() {
            common.extend(c.names.iter().chain(&c.adjectives).cloned());
        }
        let word_like = texts
            .iter()
            .zip(&entries)
            .map(|(text, entry)| matches!(entry, Entry::Name { .. }) && common.contains(text))
            .collect();
        let roles = participants
            .iter()
            .map(|p| {
                p.role
                    .as_deref()
                    .map(|r| {
                        r.split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase()
                    })
                    .filter(|r| !r.is_empty())
            })
            .collect();
        Detector {
            scanner,
            word_like,
            entries,
            initials,
            roles,
        }
    }
}

/// Folded forms a writer may use for a name: as written, with German umlauts spelt out
/// (Müller → Mueller), and without apostrophes (O'Neill → ONeill).
pub(super) fn variants(name: &str) -> Vec<String> {
    let mut out = vec![fold(name)];
    let spelt: String = name
        .chars()
        .flat_map(|c| match c {
            'ä' => "ae".chars().collect::<Vec<_>>(),
            'ö' => "oe".chars().collect(),
            'ü' => "ue".chars().collect(),
            'Ä' => "Ae".chars().collect(),
            'Ö' => "Oe".chars().collect(),
            'Ü' => "Ue".chars().collect(),
            c => vec![c],
        })
        .collect();
    out.push(fold(&spelt));
    let plain = out[0].replace('\'', "");
    out.push(plain);
    out.sort();
    out.dedup();
    out
}

/// "West African Regional Council" → "warc", for organisations of three or more words.
fn acronym(org: &str) -> Option<String> {
    const SMALL: &[&str] = &["of", "for", "and", "the", "de", "la", "on", "in", "to", "&"];
    let letters: String = org
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    (letters.chars().count() >= 3 && org.split_whitespace().count() >= 3).then(|| fold(&letters))
}

/// Where a surname is also written shorter: "de la Cruz" → "Cruz", "van der Berg" → "Berg",
/// "Gómez-Peña" → "Gómez" and "Peña", "Al-Khatib" → "Khatib". A particle is never a part on
/// its own: "Al", "El", "van" or "de" alone names nobody.
fn surname_parts(family: &str) -> Vec<&str> {
    let is_particle = |w: &str| PARTICLES.contains(&fold(w).as_str());
    let mut parts = Vec::new();
    let words: Vec<&str> = family.split_whitespace().collect();
    if words.len() > 1 {
        parts.push(words[words.len() - 1]);
    }
    for word in &words {
        let pieces: Vec<&str> = word.split(['-', '‐']).filter(|p| !p.is_empty()).collect();
        if pieces.len() > 1 {
            parts.extend(pieces);
        }
    }
    parts.retain(|p| !is_particle(p) && p.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    parts.dedup();
    parts
}

static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(([^()]{1,40})\)\s*").expect("valid"));

static LOCATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<base>.+?)(?:,\s*[^,]{2,60}|\s+(?:to|at|in)\s+(?:the\s+)?\p{Lu}.{0,80})$")
        .expect("valid")
});

/// The forms people write an organisation in, each with whether it is an acronym: as
/// listed and without "the"; the acronym given in brackets ("... Refugees (UNHCR)") or made
/// from its initials; without a trailing location ("Embassy of Peru, Ottawa", "... to the
/// United Nations Office at Geneva"); and, for an organisation of a country, "X of Country",
/// "Country's X", "X, Country", "the `<Adjective>` X", and for missions, embassies, ministries
/// and delegations "the Ghanaian mission", "Sweden's foreign ministry", "the mission of Ghana".
pub(super) fn org_forms(org: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: String, acronym: bool| {
        let s = s.trim().to_string();
        if !s.is_empty() && !out.iter().any(|(o, _)| *o == s) {
            out.push((s, acronym));
        }
    };
    // "(UNHCR)": an acronym the list gives; any other bracket is an aside to drop.
    let mut name = org.to_string();
    if let Some(c) = BRACKET.captures(org) {
        let inner = c.get(1).expect("group").as_str().trim();
        if inner.chars().filter(|c| c.is_uppercase()).count() >= 2 && !inner.contains(' ') {
            push(fold(inner), true);
        }
        name = BRACKET.replace(org, " ").trim().to_string();
    }
    let mut bases = vec![name.clone()];
    let mut rest = name.clone();
    while let Some(c) = LOCATION.captures(&rest) {
        let base = c["base"].trim().to_string();
        if base.split_whitespace().count() < 2 || bases.contains(&base) {
            break;
        }
        bases.push(base.clone());
        rest = base;
    }
    for b in &bases {
        let f = fold(b);
        if let Some(without) = f.strip_prefix("the ") {
            push(without.to_string(), false);
        }
        push(f, false);
    }
    if let Some(a) = acronym(&name) {
        push(a, true);
    }
    // The organisation of a country: the same body named through the country.
    for country in countries_in(&fold(&name)) {
        for b in &bases {
            let body = without_country(&fold(b), country);
            // Nothing left, or the country stands mid-name ("Bank of Ghana Museum") in the
            // only form there is: no body to name through the country.
            if body.is_empty() || (body == fold(b) && bases.len() == 1) {
                continue;
            }
            for form in national_forms(&body, country) {
                push(form, false);
            }
            for head in heads_of(&body) {
                for form in national_forms(head, country) {
                    push(form, false);
                }
            }
        }
    }
    out
}

/// A folded organisation name without its country: "permanent mission of ghana" → "permanent
/// mission"; "ministry for foreign affairs" stays as it is.
fn without_country(body: &str, country: &Country) -> String {
    let mut out = body.to_string();
    for n in &country.names {
        for joint in [" of the ", " of ", " for ", ", ", " "] {
            if let Some(cut) = out.strip_suffix(&format!("{joint}{n}")) {
                out = cut.to_string();
            }
        }
        if let Some(cut) = out.strip_prefix(&format!("{n} ")) {
            out = cut.to_string();
        }
    }
    for a in &country.adjectives {
        if let Some(cut) = out.strip_prefix(&format!("{a} ")) {
            out = cut.to_string();
        }
    }
    out.trim().to_string()
}

/// "X of Ghana", "Ghana's X", "X, Ghana", "Ghanaian X", for a folded body X.
fn national_forms(body: &str, country: &Country) -> Vec<String> {
    let mut out = Vec::new();
    for n in &country.names {
        out.push(format!("{body} of {n}"));
        out.push(format!("{n}'s {body}"));
        out.push(format!("{body}, {n}"));
    }
    for a in &country.adjectives {
        out.push(format!("{a} {body}"));
    }
    out
}

/// The kind of body an organisation is, as people shorten it: "mission", "embassy",
/// "foreign ministry"...
fn heads_of(body: &str) -> Vec<&'static str> {
    const HEADS: &[(&str, &[&str])] = &[
        ("mission", &["mission"]),
        ("embassy", &["embassy"]),
        ("high commission", &["high commission"]),
        ("consulate", &["consulate"]),
        ("delegation", &["delegation"]),
        ("ministry", &["ministry"]),
        ("foreign affairs", &["foreign ministry", "foreign office"]),
        ("foreign office", &["foreign ministry", "foreign office"]),
        ("ministry of defence", &["defence ministry"]),
        ("ministry of justice", &["justice ministry"]),
        ("ministry of health", &["health ministry"]),
    ];
    let padded = format!(" {body} ");
    let mut out = Vec::new();
    for (word, heads) in HEADS {
        if padded.contains(&format!(" {word} ")) {
            for h in *heads {
                if !out.contains(h) {
                    out.push(*h);
                }
            }
        }
    }
    out
}

/// Role phrases that point to this participant alone: a qualified job title ("Special
/// Rapporteur on X", "Director of Humanitarian Funding"), its head ("Special Rapporteur"),
/// and the national paraphrases of a role ("the Chilean Ambassador", "Ambassador of Chile").
fn role_phrases(p: &Participant) -> Vec<String> {
    let mut out = Vec::new();
    let Some(role) = &p.role else { return out };
    let folded = fold(role);
    let words: Vec<&str> = folded.split(' ').collect();
    let qualifier = words
        .iter()
        .position(|w| matches!(*w, "of" | "for" | "on" | "to"));
    if qualifier.is_some() || words.len() >= 3 {
        out.push(folded.clone());
    }
    if let Some(q) = qualifier
        && q >= 2
    {
        out.push(words[..q].join(" "));
    }
    // The national paraphrases, through the country of the role, of the organisation, or of
    // the participant: "the Peruvian Ambassador" for the ambassador at the Embassy of Peru.
    let mut homes: Vec<&Country> = countries_in(&folded);
    if let Some(org) = &p.organisation {
        homes.extend(countries_in(&fold(org)));
    }
    if let Some(c) = p
        .country
        .as_deref()
        .and_then(|c| super::lexicon::country(&fold(c)))
    {
        homes.push(c);
    }
    let mut heads: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if ROLE_HEADS.contains(w) {
            heads.push(w.to_string());
            // "Permanent Representative", "Special Envoy": the word before belongs to it.
            if i > 0 && !matches!(words[i - 1], "and" | "of" | "the" | "for" | "to") {
                heads.push(format!("{} {w}", words[i - 1]));
            }
        }
    }
    for country in homes {
        for head in &heads {
            for n in &country.names {
                out.push(format!("{head} of {n}"));
                out.push(format!("{n}'s {head}"));
            }
            for a in &country.adjectives {
                out.push(format!("{a} {head}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&BRACKET);
    LazyLock::force(&LOCATION);
}
