//! Affiliations that attribute ("Name (Org)", "a representative of Org", "Org's delegate", "Org argued") and the postings after a role.

use super::cues::{article_start, possessive_len};
use super::detect::{Entry, Kind, Span, Token, Who};
use regex::Regex;
use std::sync::LazyLock;

/// What follows a name and attributes it: "(Org)", ", Org,", " of Org", " from the Org",
/// or a role after a comma. Returns the length to take after the name.
pub(super) fn affiliation_after(text: &str, end: usize, rest: &[Token]) -> Option<usize> {
    let next = rest.first()?;
    if !matches!(next.entry, Entry::Org { .. } | Entry::Role { .. }) {
        // "(Ministry X)" where X is not on the roster is not an affiliation we know.
        return None;
    }
    let gap = &text[end..next.start];
    if gap.len() > 12 {
        return None;
    }
    let g = gap.to_lowercase();
    let g = g.trim_matches([' ', '\u{a0}']);
    // "Office of the ... for Refugees (UNHCR)": the acronym in brackets goes with the name.
    let org_end = next.end + bracketed_acronym_len(text, next.end, rest.get(1));
    let after = &text[org_end..];
    match g {
        "(" | "(the" => {
            let close = after.find(')')?;
            (after[..close].len() < 80).then_some(org_end - end + close + 1)
        }
        "," | ", the" => {
            // ", Org," closes with a comma; ", Org said" runs into the verb.
            let tail = after.strip_prefix(',').map_or(0, |_| 1);
            Some(org_end - end + tail)
        }
        "of" | "of the" | "from" | "from the" | "at" | "at the" | "with" | "with the" => {
            Some(org_end - end)
        }
        _ => None,
    }
}

/// The length of " (ACRONYM)" at `at` when `next` is that organisation's acronym: it is
/// part of the name it follows, and goes with it.
pub(super) fn bracketed_acronym_len(text: &str, at: usize, next: Option<&Token>) -> usize {
    let Some(next) = next else { return 0 };
    if !matches!(next.entry, Entry::Org { acronym: true, .. }) || next.start < at {
        return 0;
    }
    let open = &text[at..next.start];
    let close = &text[next.end..];
    let opens = open.trim_start_matches([' ', '\u{a0}']) == "(";
    match close.strip_prefix(')') {
        Some(_) if opens => next.end + 1 - at,
        _ => 0,
    }
}

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?P<article>an?|one|the)\s+)?(?:(?P<count>two|three|four|several|some|many|other)\s+)?(?:[\w-]+\s+)?\b(?P<noun>representatives?|delegates?|delegation|members?|colleagues?|speakers?|participants?|officials?|experts?|researchers?|staff(?:\s+members?)?|someone|somebody|people|ambassador|director|head|minister|commissioner|envoy|adviser|advisor|officer|chief|counsellor|coordinator|president|secretary|founder|lead|manager|fellow|analyst)\s+(?:of|from|at|with|for)\s+(?:the\s+)?$").unwrap()
});

static SPEAKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:,\s*)?\b(?:speaking|writing|talking)\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?$",
    )
    .unwrap()
});

// "UNHCR's representative", "the ADB specialist", "the Bank's water specialist": the
// organisation's person, with up to two words between.
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<poss>(?:'|’)s)?\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>delegates?|delegation|representatives?|speakers?|spokes(?:person|man|woman)|envoys?|ambassadors?|head|directors?|team|staff|experts?|specialists?|officials?|officers?|colleagues?|advis[eo]rs?|economists?|lawyers?|researchers?|analysts?|negotiators?|counsellors?|coordinators?|ministers?|secretary|chief|president|chair|managers?|fellows?|people|man|woman)\b").unwrap()
});

// "one participant (UNHCR) said": an organisation in brackets after a person.
static PERSON_THEN_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:participants?|speakers?|panell?ists?|representatives?|delegates?|delegation|colleagues?|officials?|experts?|discussants?|presenters?|respondents?|contributors?|members?|ambassadors?|diplomats?|researchers?|someone|somebody|one|another|they|he|she)\s*\(\s*(?:the\s+)?$").expect("valid")
});

/// An organisation that attributes: "a representative of Org", "speaking for Org",
/// "Org's delegate", "Org argued". Otherwise the organisation is what the sentence is about.
pub(super) fn org_frame(
    text: &str,
    t: &Token,
    next: Option<Token>,
    adjacent: &dyn Fn(usize, usize) -> bool,
) -> Option<Span> {
    let window_start = text.floor_char_boundary(t.start.saturating_sub(90));
    let before = &text[window_start..t.start];
    if PERSON_THEN_BRACKET.is_match(before)
        && let Some(close) = text[t.end..].find(')')
        && text[t.end..t.end + close].trim().is_empty()
    {
        let open = before.rfind('(').expect("matched") + window_start;
        let start = text[..open].trim_end_matches([' ', '\u{a0}']).len();
        return Some(Span {
            start,
            end: t.end + close + 1,
            kind: Kind::Remove,
            rule: "affiliation+bracket",
            certain: true,
            possessive: false,
        });
    }
    if let Some(c) = BEFORE.captures(before) {
        let m = c.get(0).expect("whole");
        let plural = c.name("noun").is_some_and(|n| {
            let n = n.as_str().to_lowercase();
            (n.ends_with('s') && n != "someone's") || n == "people" || n == "delegation"
        }) || c.name("count").is_some();
        let start = match (plural, c.name("count")) {
            (true, Some(count)) => window_start + count.start(),
            _ => window_start + m.start(),
        };
        let kind = if plural { Who::People } else { Who::Someone };
        let possessive = possessive_len(&text[t.end..], "");
        return Some(Span {
            start,
            end: t.end + possessive,
            kind: Kind::Person(kind),
            rule: "affiliation",
            certain: true,
            possessive: possessive > 0,
        });
    }
    if let Some(m) = SPEAKING.find(before) {
        let tail = text[t.end..].strip_prefix(',').map_or(0, |_| 1);
        let has_comma = before[m.start()..].starts_with(',');
        return Some(Span {
            start: window_start + m.start(),
            end: t.end + if has_comma { tail } else { 0 },
            kind: Kind::Remove,
            rule: "affiliation+speaking-for",
            certain: true,
            possessive: false,
        });
    }
    if let Some(c) = AFTER.captures(&text[t.end..]) {
        // Without a possessive, only after an article: "the ADB specialist", not "ADB staff
        // guidance".
        let start = article_start(text, t.start);
        if c.name("poss").is_some() || start < t.start {
            let noun = c.name("noun").map_or("", |n| n.as_str());
            let plural = (noun.ends_with('s') && !matches!(noun, "chief")) || noun == "people";
            return Some(Span {
                start,
                end: t.end + c.get(0).expect("whole").end(),
                kind: Kind::Person(if plural { Who::People } else { Who::Someone }),
                rule: "affiliation+possessive-role",
                certain: true,
                possessive: false,
            });
        }
    }
    if next.is_some_and(|n| n.entry == Entry::Speech && adjacent(t.end, n.start)) {
        return Some(Span {
            start: article_start(text, t.start),
            end: t.end,
            kind: Kind::Person(Who::Someone),
            rule: "affiliation+speech-verb",
            certain: true,
            possessive: false,
        });
    }
    None
}

static TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:to|in|at)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}").unwrap()
});

/// " to the UN", " to Switzerland", " in Malawi": the posting that follows a title.
pub(super) fn role_qualifier_len(after: &str) -> usize {
    TO.find(after).map_or(0, |m| m.end())
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&BEFORE);
    LazyLock::force(&SPEAKING);
    LazyLock::force(&AFTER);
    LazyLock::force(&PERSON_THEN_BRACKET);
    LazyLock::force(&TO);
}
