//! Deciding what each block says for the note: recommendation, good practice, key point, discussion, or session metadata never published, by the heading and prefix rules of CONTRACT.md.

use crate::anonymise::CleanEvent;
use crate::model::prefixed;
use crate::model::{BlockKind, Role, Source};
use regex::Regex;
use std::sync::LazyLock;

/// A block of anonymised notes with its role in the note.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub role: Role,
    pub text: String,
    pub source: Source,
    /// Index of the session in the event.
    pub session: usize,
    /// Found in unmarked prose ("participants recommended that ..."): a candidate, published
    /// only when `infer = true`.
    pub inferred: bool,
}

/// Sentences of discussion that read like a recommendation nobody marked.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:recommended|proposed|urged|called (?:on|upon|for))\b|\b(?:states|donors|governments|agencies|organisations|organizations|the international community|the united nations|the un|member states|parties|authorities|funders|ngos|the security council)\s+(?:should|must|ought to|need to)\b").unwrap()
});

/// Session metadata: who chaired, spoke or took notes, who was present, when and where.
/// Never published, whatever the length of the note; listed in `internal/summary.csv`.
static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\s*(?:\*\*|__)?\s*(?:
        (?:co-?)?chair(?:s|person|woman|man)?(?:ed\s+by)? | moderat(?:or|ors|ed\s+by) |
        facilitat(?:or|ors|ed\s+by) | panel(?:lists?|s)? | speakers? | presenters? | discussants? |
        rapporteurs? | note-?\s?takers? | notes(?:\s+taken)?(?:\s+by)? | minutes(?:\s+by)? |
        present | attendees | attendance | in\s+attendance | participants\s+present |
        apologies | time | date | venue | room | location | format | contact(?:\s+for\s+[^:：\n]{1,20})?
    )\s*(?:\*\*|__)?\s*[:：]").unwrap()
});

/// A session header line: "Breakout C, Thursday morning (parallel to A)",
/// "SESSION 2 – FINANCING PEACE", "Day 1, 09:30–11:00".
static SESSION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\s*(?:
        (?:session|breakout|plenary|panel|workshop|working\s+group|round\s?table|day|part)\s+
            (?:[a-z]|[0-9]{1,2}|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\b |
        \d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[-–—]|to)\s*\d{1,2}[:.]\d{2} |
        (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.]*\b(?:morning|afternoon|evening)\b
    )").unwrap()
});

/// A count of who came, standing alone: "Around twenty participants.", "About forty present".
static ATTENDANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\s*(?:around|about|some|approximately|roughly|over|nearly|fewer\s+than|more\s+than|\d+)?\s*(?:[a-z-]+\s+)?(?:participants|people|attendees|delegates)?\s*(?:present|attended|took\s+part|in\s+the\s+room)?\s*[.]?\s*$").unwrap()
});

/// A time of day or a span of times: "09:30–11:00", "2.30pm".
static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b").unwrap());

/// Whether a paragraph is session metadata rather than discussion: a labelled line ("Chair:
/// ...") or a short session header without a final stop, or a paragraph whose every sentence
/// is one of these, a count of who came or a time and place ("Breakout D, Tuesday afternoon
/// (parallel to C). Facilitator: one participant. Around twenty participants.").
pub fn is_metadata(text: &str) -> bool {
    // A session header is a short line, not a sentence.
    let words = text.split_whitespace().count();
    if words <= 14 && !text.trim_end().ends_with(['.', '!', '?']) && SESSION_LINE.is_match(text) {
        return true;
    }
    // Every other form has a label's colon or a time's digits: most paragraphs of discussion
    // have neither, and are done with here (measured: a third of the time of extraction).
    if !text.contains([':', '：']) && !text.chars().any(char::is_numeric) {
        return false;
    }
    if METADATA.is_match(text) {
        return true;
    }
    // Several such lines run together: each must be one, and one must be labelled or timed,
    // so that "Session 2 looked at financing." stays discussion. A sentence of prose may hold
    // two lines ("(parallel to E). Facilitator: ..." reads "E." as an initial): split plainly.
    let plainly = |s: &'_ str| -> Vec<String> {
        s.split_inclusive(['.', ';'])
            .map(|p| unemphasised(p).to_string())
            .filter(|p| p.contains(char::is_alphanumeric))
            .collect()
    };
    let sentences = crate::sentence::sentences(text);
    let labelled_or_timed = sentences.iter().any(|s| {
        TIME.is_match(s)
            || METADATA.is_match(unemphasised(s))
            || plainly(s).iter().any(|p| METADATA.is_match(p))
    });
    labelled_or_timed
        && sentences
            .iter()
            .all(|s| metadata_line(unemphasised(s)) || plainly(s).iter().all(|p| metadata_line(p)))
}

/// One line of session metadata: labelled, a short session header, a time, or a head count.
fn metadata_line(s: &str) -> bool {
    let short = s.split_whitespace().count() <= 14;
    METADATA.is_match(s)
        || (short && (SESSION_LINE.is_match(s) || TIME.is_match(s)))
        || (short && s.contains(char::is_alphabetic) && ATTENDANCE.is_match(s))
}

/// A sentence without the emphasis marks around it.
fn unemphasised(s: &str) -> &str {
    s.trim().trim_matches(|c| c == '*' || c == '_').trim()
}

/// Whether a recommendation or good-practice item is too short to be one: fewer than three
/// words ("Speaker", the header of a table under a Recommendations heading, or a name cell
/// the anonymiser left as "One participant"). Such items are reported, not published.
pub fn too_short(item: &Item) -> bool {
    matches!(item.role, Role::Recommendation | Role::GoodPractice)
        && item.text.split_whitespace().count() < 3
}

/// What a heading's text makes of the blocks under it, if anything.
pub fn heading_role(text: &str) -> Option<Role> {
    let t = text.to_lowercase();
    if t.contains("recommendation") {
        Some(Role::Recommendation)
    } else if t.contains("good practice")
        || t.contains("best practice")
        || t.contains("what worked")
    {
        Some(Role::GoodPractice)
    } else if t.contains("key point") || t.contains("summary") {
        Some(Role::KeyPoint)
    } else {
        None
    }
}

/// Every non-heading block of every session, with its role. A heading's role holds until
/// the next heading of the same or a higher level; a sub-heading without a role of its own
/// inherits the role of the block it sits in. A paragraph that continues an unfinished list
/// item (no final stop, or a lower-case start) joins it. Discussion sentences that read like
/// recommendations come out as inferred candidates as well.
pub fn extract(event: &CleanEvent) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (session, s) in event.sessions().iter().enumerate() {
        // (level, role) of the open headings, outermost first.
        let mut open: Vec<(u8, Option<Role>)> = Vec::new();
        let mut last_was_item = false;
        for (at, block) in s.blocks.iter().enumerate() {
            if let BlockKind::Heading { level } = block.kind {
                while open.last().is_some_and(|&(l, _)| l >= level) {
                    open.pop();
                }
                let role = match heading_role(&block.text) {
                    // "Summary of discussion" over sections of discussion is the discussion.
                    Some(Role::KeyPoint) if has_sections(&s.blocks[at + 1..], level) => None,
                    r => r,
                };
                open.push((level, role));
                last_was_item = false;
                continue;
            }
            let inherited = open
                .iter()
                .rev()
                .find_map(|&(_, r)| r)
                .unwrap_or(Role::Discussion);
            let (role, text) = match prefixed(&block.text) {
                Some((role, rest)) => (role, rest),
                None if matches!(inherited, Role::Discussion | Role::KeyPoint)
                    && is_metadata(&block.text) =>
                {
                    (Role::Metadata, block.text.as_str())
                }
                None => (inherited, block.text.as_str()),
            };
            let text = text.trim();
            let is_item = matches!(block.kind, BlockKind::ListItem { .. });
            if text.is_empty() {
                // "Recommendation:" with nothing after it: kept, to be reported as empty.
                if matches!(role, Role::Recommendation | Role::GoodPractice) {
                    items.push(Item {
                        role,
                        text: String::new(),
                        source: block.source.clone(),
                        session,
                        inferred: false,
                    });
                }
                continue;
            }
            if let Some(prev) = items.last_mut() {
                let unfinished = !prev
                    .text
                    .ends_with(['.', '!', '?', ':', ';', '"', '”', ')'])
                    || text.starts_with(|c: char| c.is_lowercase());
                if last_was_item
                    && !is_item
                    && role == prev.role
                    && !matches!(role, Role::Discussion | Role::Metadata)
                    && prev.session == session
                    && unfinished
                {
                    prev.text.push(' ');
                    prev.text.push_str(text);
                    continue;
                }
            }
            last_was_item = is_item;
            if role == Role::Discussion {
                for sentence in crate::sentence::sentences(text)
                    .into_iter()
                    .filter(|s| CANDIDATE.is_match(s))
                {
                    items.push(Item {
                        role: Role::Recommendation,
                        text: crate::text::capitalise(sentence),
                        source: block.source.clone(),
                        session,
                        inferred: true,
                    });
                }
            }
            items.push(Item {
                role,
                text: crate::text::capitalise(text),
                source: block.source.clone(),
                session,
                inferred: false,
            });
        }
    }
    items
}

/// Whether a heading of `level` has sub-headings before the next heading of its level.
fn has_sections(after: &[crate::model::Block], level: u8) -> bool {
    after
        .iter()
        .map_while(|b| match b.kind {
            BlockKind::Heading { level: l } if l <= level => None,
            k => Some(k),
        })
        .any(|k| matches!(k, BlockKind::Heading { .. }))
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&CANDIDATE);
    LazyLock::force(&METADATA);
    LazyLock::force(&SESSION_LINE);
    LazyLock::force(&ATTENDANCE);
    LazyLock::force(&TIME);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_words_decide_roles() {
        assert_eq!(
            heading_role("Recommendations to states"),
            Some(Role::Recommendation)
        );
        assert_eq!(heading_role("What worked"), Some(Role::GoodPractice));
        assert_eq!(heading_role("Best practices"), Some(Role::GoodPractice));
        assert_eq!(heading_role("Key points"), Some(Role::KeyPoint));
        assert_eq!(heading_role("Discussion"), None);
    }

    #[test]
    fn prefixes_in_any_case() {
        assert_eq!(
            prefixed("RECOMMENDATION: do x"),
            Some((Role::Recommendation, "do x"))
        );
        assert_eq!(
            prefixed("Best practice:  y"),
            Some((Role::GoodPractice, "y"))
        );
        assert_eq!(prefixed("Recommendations are few"), None);
        assert_eq!(
            prefixed("**Recommendation:** do x"),
            Some((Role::Recommendation, "do x"))
        );
        assert_eq!(
            prefixed("__Recommendation__: do x"),
            Some((Role::Recommendation, "do x"))
        );
    }

    #[test]
    fn an_item_of_fewer_than_three_words_is_too_short() {
        let item = |role, text: &str| Item {
            role,
            text: text.into(),
            source: Source::line("notes/a.md", 1),
            session: 0,
            inferred: false,
        };
        assert!(too_short(&item(Role::Recommendation, "Speaker")));
        assert!(too_short(&item(Role::GoodPractice, "One participant")));
        assert!(!too_short(&item(Role::Recommendation, "Fund the courts.")));
        assert!(!too_short(&item(Role::Discussion, "Agreed.")));
    }

    #[test]
    fn session_metadata_is_recognised() {
        for m in [
            "Chair: one participant. Panel: three participants.",
            "Facilitator: one participant. Around a dozen participants.",
            "Rapporteur: K. Osei (second pass, track changes on)",
            "**Moderator:** one participant",
            "Breakout C, Thursday morning (parallel to A)",
            "SESSION 2 – FINANCING PEACE",
            "09:30–11:00, Room 3",
            "Contact for follow-up: [contact details removed]",
            "Breakout D, Tuesday afternoon (parallel to C). Facilitator: one participant. Around twenty participants. Rapporteur: one participant.",
            "Monday morning, 09:30–11:00, main hall.",
            "Breakout E, Wednesday morning. Facilitator: one participant. About fifteen participants.",
            "Breakout F, Wednesday morning (parallel to E). Facilitator: one participant. Around sixteen participants.",
            "*Monday afternoon, parallel to A. Moderator: one participant. Rapporteur: K. Osei (notes typed up the same evening).*",
        ] {
            assert!(is_metadata(m), "{m}");
        }
        for d in [
            "The chair of the committee argued that funding should follow need.",
            "Session 2 participants agreed that early warning had failed.",
            "Panels of experts were seen as too slow to act.",
            "Time was short, and participants agreed to return to it.",
            "Session 2 looked at financing.",
            "Around twenty participants argued that the trigger had fired too late.",
            "On Monday morning at 09:30 the river rose by two metres, and the town was cut off.",
        ] {
            assert!(!is_metadata(d), "{d}");
        }
    }
}
