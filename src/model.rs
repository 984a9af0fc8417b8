//! The shared types every stage passes along: the event, its participants, sessions and blocks. Plain data, no I/O.

use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;
use std::sync::LazyLock;

/// Where a piece of input came from: a file (relative to the event folder) and a place in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Source {
    pub file: PathBuf,
    pub loc: Loc,
}

/// A place inside a file: a 1-based line for text formats, a 1-based paragraph for Word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Loc {
    Whole,
    Line(u32),
    Paragraph(u32),
}

impl Source {
    pub fn whole(file: impl Into<PathBuf>) -> Self {
        Source {
            file: file.into(),
            loc: Loc::Whole,
        }
    }
    pub fn line(file: impl Into<PathBuf>, line: u32) -> Self {
        Source {
            file: file.into(),
            loc: Loc::Line(line),
        }
    }
    pub fn paragraph(file: impl Into<PathBuf>, n: u32) -> Self {
        Source {
            file: file.into(),
            loc: Loc::Paragraph(n),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.loc {
            Loc::Whole => write!(f, "{}", self.file.display()),
            Loc::Line(n) => write!(f, "{}:{}", self.file.display(), n),
            Loc::Paragraph(n) => write!(f, "{}:paragraph {}", self.file.display(), n),
        }
    }
}

/// A calendar date as written in `event.toml`. The calendar itself (month lengths, leap
/// years, weekdays, names) is the `time` crate's, already in the tree through typst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(time::Date);

impl Date {
    /// The date, if there is such a day (`None` for 2023-02-29 or month 13).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// "Monday".
    pub fn weekday(self) -> String {
        self.0.weekday().to_string()
    }

    /// "January".
    pub fn month_name(self) -> String {
        self.0.month().to_string()
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// "Monday 16 – Wednesday 18 January 2023", eliding the month and year the two ends share.
pub fn format_date_range(start: Date, end: Date) -> String {
    let full = |d: Date| {
        format!(
            "{} {} {} {}",
            d.weekday(),
            d.day(),
            d.month_name(),
            d.year()
        )
    };
    if end <= start {
        full(start)
    } else if start.year() != end.year() {
        format!("{} – {}", full(start), full(end))
    } else if start.month() != end.month() {
        format!(
            "{} {} {} – {}",
            start.weekday(),
            start.day(),
            start.month_name(),
            full(end)
        )
    } else {
        format!("{} {} – {}", start.weekday(), start.day(), full(end))
    }
}

/// A theme of the taxonomy in `event.toml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeDef {
    pub name: String,
    pub keywords: Vec<String>,
}

/// How much of the discussion the note carries (`length` in event.toml). Recommendations
/// and good practice are never cut; the discussion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Length {
    /// The note a programme director would sign off: at most [`BRIEF_WORDS`] words and
    /// [`BRIEF_PAGES`] pages in all, at most a third of the discussion.
    Brief,
    /// Every discussion paragraph, whole.
    Full,
    /// At most this many words for the whole note.
    Words(usize),
}

/// The most words a `brief` note has in all.
pub const BRIEF_WORDS: usize = 4000;

/// The most pages of A4 a `brief` note has in the PDF.
pub const BRIEF_PAGES: usize = 10;

/// What `event.toml` says about the event, validated.
#[derive(Debug, Clone, Serialize)]
pub struct EventMeta {
    pub code: String,
    pub title: String,
    pub start: Date,
    pub end: Date,
    pub venue: Option<String>,
    pub partners: Vec<String>,
    pub context: Option<String>,
    pub keep: Vec<String>,
    /// People to strip who are not on participants.csv, with the line of `strip` in
    /// event.toml. Only the anonymiser reads it; it is emptied in the anonymised event.
    #[serde(skip)]
    pub strip: Vec<(String, u32)>,
    pub language: String,
    /// How long the note may be: `length` in event.toml.
    pub length: Length,
    pub key_recommendations: usize,
    pub infer: bool,
    pub disclaimer: Option<String>,
    pub themes: Vec<ThemeDef>,
    /// The house colour of headings, rules and charts, as `#rrggbb`: `accent` in event.toml.
    pub accent: String,
    /// The organiser's logo and the partners' (`logo`, `partner_logos`), read by ingest.
    #[serde(skip)]
    pub logos: Vec<Logo>,
    /// A draft, not for circulation (`build --draft`): said in every format and in the file
    /// names. Not read from event.toml: it is how this build is meant, not what the event is.
    #[serde(default)]
    pub draft: bool,
}

/// A logo named in event.toml: the file as written, its alternative text, and once ingest has
/// read it, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// The path as written in event.toml, relative to the event folder.
    pub file: String,
    pub alt: String,
    /// A partner's logo, rather than the organiser's.
    pub partner: bool,
    /// The line of event.toml that names it.
    pub line: u32,
    pub image: Option<LogoImage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogoImage {
    Png(Vec<u8>),
    Svg(String),
}

/// One row of `participants.csv`. Private: only the anonymiser and the guard read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participant {
    /// The name as it should be read: "Given Family".
    pub name: String,
    pub given: Option<String>,
    pub family: Option<String>,
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub source: Source,
}

impl Default for Source {
    fn default() -> Self {
        Source::whole("")
    }
}

/// The kind of a block of session notes, as the reader saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    Heading { level: u8 },
    Paragraph,
    ListItem { depth: u8 },
}

/// A heading, paragraph or list item of a session's notes, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    pub text: String,
    pub source: Source,
}

/// One notes file: one session of the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub title: String,
    pub file: String,
    pub blocks: Vec<Block>,
}

/// What a block says for the note, decided by the rules of CONTRACT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Recommendation,
    GoodPractice,
    KeyPoint,
    Discussion,
    /// Who chaired, who took notes, when and where: never published.
    Metadata,
}

/// Everything read from one event folder, before anonymisation.
#[derive(Debug, Clone)]
pub struct RawEvent {
    /// The event folder, as given on the command line.
    pub dir: std::path::PathBuf,
    pub meta: EventMeta,
    pub participants: Vec<Participant>,
    pub sessions: Vec<Session>,
    /// The evaluation questionnaire, all exports merged; `None` when there was none.
    pub survey: Option<Survey>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(d(2023, 1, 16).weekday(), "Monday");
        assert_eq!(d(2000, 2, 29).weekday(), "Tuesday");
        assert_eq!(d(1970, 1, 1).weekday(), "Thursday");
        assert_eq!(d(2026, 11, 28).weekday(), "Saturday");
    }

    #[test]
    fn date_ranges_read_like_the_published_notes() {
        assert_eq!(
            format_date_range(d(2023, 1, 16), d(2023, 1, 18)),
            "Monday 16 – Wednesday 18 January 2023"
        );
        assert_eq!(
            format_date_range(d(2023, 1, 16), d(2023, 1, 16)),
            "Monday 16 January 2023"
        );
        assert_eq!(
            format_date_range(d(2023, 1, 30), d(2023, 2, 1)),
            "Monday 30 January – Wednesday 1 February 2023"
        );
        assert_eq!(
            format_date_range(d(2023, 12, 31), d(2024, 1, 2)),
            "Sunday 31 December 2023 – Tuesday 2 January 2024"
        );
    }
}

/// The questionnaire of an event, all exports merged: one entry per question.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// (file, tool name) of each export read.
    pub exports: Vec<(String, String)>,
    pub responses: usize,
    pub questions: Vec<SurveyQuestion>,
    /// Where each response came from (file:line), for suggestions' provenance.
    pub rows: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyQuestion {
    pub text: String,
    /// One per response; empty where the respondent gave none.
    pub answers: Vec<String>,
}

/// The marker of a recommendation or good-practice item.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Any case, any emphasis: "Recommendation:", "**Recommendation:**", "__Best practice__:".
    Regex::new(r"(?i)^\s*(?:\*\*|__|\*|_)?\s*(recommendation|good practice|best practice)s?\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?\s*").unwrap()
});

/// A `Recommendation:` / `Good practice:` / `Best practice:` prefix: its role and the text after it.
pub fn prefixed(text: &str) -> Option<(Role, &str)> {
    let c = PREFIX.captures(text)?;
    let role = if c[1].eq_ignore_ascii_case("recommendation") {
        Role::Recommendation
    } else {
        Role::GoodPractice
    };
    Some((role, &text[c.get(0).expect("whole match").end()..]))
}
