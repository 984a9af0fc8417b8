//! Contact details: emails, phone numbers, handles and personal profile links.

use super::detect::{Kind, Span};
use regex::Regex;
use std::sync::LazyLock;

/// What labels and contact details need to be possible in a text, found with the fastest
/// scans (`memchr` and a vectorised count), so that most texts skip those regexes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Marks {
    pub(super) colon: bool,
    at: bool,
    slash: bool,
    digits: usize,
}

impl Marks {
    /// Whether some contact detail could be in the text at all.
    pub(super) fn contact_possible(&self) -> bool {
        self.at || self.slash || self.digits >= 9
    }

    pub(super) fn of(text: &str) -> Marks {
        Marks {
            colon: text.contains(':'),
            at: text.contains('@'),
            slash: text.contains('/'),
            digits: text
                .as_bytes()
                .iter()
                .filter(|b| b.is_ascii_digit())
                .count(),
        }
    }
}

/// Emails, phone numbers, @handles and personal profile links.
// Contact details are ASCII: ASCII word boundaries let the regex engine use its fast
// automata instead of the Unicode-aware backtracking one.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?-u:\b)")
        .unwrap()
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[\s.\-]?)?(?:\(0?\d{1,4}\)[\s.\-]?)?\d{2,5}(?:[\s.\-]\d{2,5}){1,4}|\+\d{9,15}(?-u:\b)|(?-u:\b)0\d{9,10}(?-u:\b)").unwrap()
});

static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s(\[,;])(@[A-Za-z0-9_]{2,30}(?:[-'’][A-Za-z0-9_]+)*(?:@[A-Za-z0-9.\-]+)?)(?-u:\b)",
    )
    .unwrap()
});

static PROFILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:https?://)?(?:www\.)?(?:linkedin\.com/in|twitter\.com|x\.com|facebook\.com|instagram\.com|github\.com|bsky\.app/profile|t\.me|medium\.com/@|about\.me)/[^\s)\]>,]+").unwrap()
});

pub(super) fn contacts(text: &str, marks: Marks, spans: &mut Vec<Span>) {
    let mut add = |start: usize, end: usize, rule: &'static str| {
        spans.push(Span {
            start,
            end,
            kind: Kind::Contact,
            rule,
            certain: true,
            possessive: false,
        });
    };
    if marks.at {
        for m in EMAIL.find_iter(text) {
            add(m.start(), m.end(), "email");
        }
        for c in HANDLE.captures_iter(text) {
            let m = c.get(1).expect("group");
            add(m.start(), m.end(), "handle");
        }
    }
    if marks.digits >= 9 {
        for m in PHONE.find_iter(text) {
            let s = m.as_str();
            let digits = s.chars().filter(char::is_ascii_digit).count();
            // A phone number starts with + or 0 (or an area code in brackets) and has 9 to 15 digits;
            // years, sums and dates do not.
            let phone_like = s.starts_with('+') || s.starts_with('0') || s.starts_with('(');
            if phone_like && (9..=15).contains(&digits) {
                add(m.start(), m.end(), "phone");
            }
        }
    }
    if marks.slash {
        for m in PROFILE.find_iter(text) {
            add(m.start(), m.end(), "profile-link");
        }
    }
}

/// Build this module's patterns now (see [`crate::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&EMAIL);
    LazyLock::force(&PHONE);
    LazyLock::force(&HANDLE);
    LazyLock::force(&PROFILE);
}
