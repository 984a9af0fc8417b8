//! Reading `event.toml`: every key checked, an unknown or mistyped key an error naming its line.

use crate::diag::Diagnostic;
use crate::model::{Date, EventMeta, Length, Logo, Source, ThemeDef};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub const FILE: &str = "event.toml";

/// The keys of `event.toml`, in the order `briefnote init` lists them.
const KEYS: &[&str] = &[
    "code",
    "title",
    "start",
    "end",
    "venue",
    "partners",
    "context",
    "keep",
    "strip",
    "language",
    "length",
    "key_recommendations",
    "infer",
    "disclaimer",
    "accent",
    "logo",
    "partner_logos",
    "theme",
];

/// The keys of a `[[theme]]` table.
const THEME_KEYS: &[&str] = &["name", "keywords"];

/// Parse the text of `event.toml`. Every problem of the file is reported, each on its line
/// with its fix, not only the first.
pub fn parse(text: &str) -> Result<EventMeta, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut file = Reader {
        text,
        problems: errors
            .iter()
            .map(|e| {
                Diagnostic::error(
                    Source::line(FILE, e.span().map_or(1, |s| line_at(text, s.start))),
                    e.message().trim().to_string(),
                )
                .hint("see the commented event.toml that `briefnote init` writes")
            })
            .collect(),
    };
    let table = table.into_inner();
    file.unknown_keys(&table, KEYS, "event.toml");

    let code = file.text_of(&table, "code", true);
    let title = file.text_of(&table, "title", true);
    let start = file.date(&table, "start", true);
    let end = file.date(&table, "end", false);
    let venue = file.text_of(&table, "venue", false);
    let partners = file.list(&table, "partners");
    let context = file.text_of(&table, "context", false);
    let keep = file.list(&table, "keep");
    let strip = file.list(&table, "strip");
    let language = file.text_of(&table, "language", false);
    let length = file.length(&table);
    let key_recommendations = file.whole_number(&table, "key_recommendations");
    let infer = file.yes_no(&table, "infer");
    let disclaimer = file.text_of(&table, "disclaimer", false);
    let accent = file.accent(&table);
    let mut logos: Vec<Logo> = file.logo(&table, "logo", false).into_iter().collect();
    if let Some(v) = table.get("partner_logos") {
        match v.get_ref() {
            DeValue::Array(items) => {
                for item in items.iter() {
                    logos.extend(file.logo_entry(item, "partner_logos", true));
                }
            }
            _ => file.wrong(
                "partner_logos",
                v,
                "a list of { file = \"...\", alt = \"...\" }",
            ),
        }
    }
    let themes = file.themes(&table);

    if let Some(c) = &code {
        let c = c.trim();
        if c.is_empty()
            || !c
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        {
            let at = file.line_of(&table, "code");
            file.error(
                at,
                format!(
                    "`code` {c:?} must be letters, digits, '-' or '_': it names the output files"
                ),
                "write a code such as code = \"WP2417\"",
            );
        }
    }
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        let at = file.line_of(&table, "title");
        file.error(at, "`title` is empty", "write the event's title in quotes");
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        let at = file.line_of(&table, "end");
        file.error(
            at,
            format!("`end` ({}) is before `start` ({})", e.iso(), s.iso()),
            "`end` is the last day of the event; leave it out for a one-day event",
        );
    }
    if !file.problems.is_empty() {
        return Err(file.problems);
    }
    let (Some(code), Some(title), Some(start)) = (code, title, start) else {
        unreachable!("a missing required key is a problem reported above");
    };
    let strip_line = file.line_of(&table, "strip");
    Ok(EventMeta {
        code: code.trim().to_string(),
        title: title.trim().to_string(),
        start,
        end: end.unwrap_or(start),
        venue: venue.filter(|v| !v.trim().is_empty()),
        partners,
        context: context.filter(|c| !c.trim().is_empty()),
        keep,
        strip: strip
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| (s.trim().to_string(), strip_line))
            .collect(),
        language: language.unwrap_or_else(|| "en-GB".to_string()),
        length: length.unwrap_or(Length::Brief),
        key_recommendations: key_recommendations.unwrap_or(5),
        infer: infer.unwrap_or(false),
        disclaimer: disclaimer.filter(|d| !d.trim().is_empty()),
        themes,
        accent: accent.unwrap_or_else(|| DEFAULT_ACCENT.to_string()),
        logos,
        draft: false,
    })
}

/// The line of a byte offset, from 1.
fn line_at(text: &str, offset: usize) -> u32 {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count() as u32
        + 1
}

/// The known key closest in spelling to `key`, if it is close enough to be a typo.
fn did_you_mean<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key = key.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&key, k), *k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 4) && d < k.len())
        .min()
        .map(|(_, k)| k)
}

/// What a value is, for a message: "a number", "text".
fn kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The problems of one `event.toml`, gathered as its keys are read.
struct Reader<'t> {
    text: &'t str,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, line: u32, message: impl Into<String>, hint: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(Source::line(FILE, line), message).hint(hint));
    }

    fn line_of_span(&self, v: &Spanned<DeValue>) -> u32 {
        line_at(self.text, v.span().start)
    }

    /// The line of `key` in `table` (its value's line), or 1 when it is absent.
    fn line_of(&self, table: &DeTable, key: &str) -> u32 {
        table.get(key).map_or(1, |v| self.line_of_span(v))
    }

    fn unknown_keys(&mut self, table: &DeTable, known: &[&str], what: &str) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let line = line_at(self.text, key.span().start);
            let hint = match did_you_mean(name, known) {
                Some(k) => format!("did you mean '{k}'?"),
                None => format!("the keys {what} takes are: {}", known.join(", ")),
            };
            self.error(line, format!("unknown key `{name}`"), hint);
        }
    }

    fn missing(&mut self, key: &str) {
        self.error(
            1,
            format!("missing key `{key}`"),
            format!(
                "add it; `code`, `title` and `start` are required, as in {key} = {}",
                example(key)
            ),
        );
    }

    fn wrong(&mut self, key: &str, v: &Spanned<DeValue>, want: &str) {
        let line = self.line_of_span(v);
        let got = kind(v.get_ref());
        self.error(
            line,
            format!("`{key}` is {got}, but must be {want}"),
            format!("write it as {key} = {}", example(key)),
        );
    }

    fn text_of(&mut self, table: &DeTable, key: &str, required: bool) -> Option<String> {
        match table.get(key) {
            None if required => {
                self.missing(key);
                None
            }
            None => None,
            Some(v) => match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => {
                    self.wrong(key, v, "text in quotes");
                    None
                }
            },
        }
    }

    fn list(&mut self, table: &DeTable, key: &str) -> Vec<String> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong(key, v, "a list of texts in quotes");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                _ => self.wrong(key, item, "a list of texts in quotes"),
            }
        }
        out
    }

    fn date(&mut self, table: &DeTable, key: &str, required: bool) -> Option<Date> {
        let v = match table.get(key) {
            None if required => {
                self.missing(key);
                return None;
            }
            None => return None,
            Some(v) => v,
        };
        let line = self.line_of_span(v);
        match v.get_ref() {
            DeValue::Datetime(d) => match (d.date, d.time) {
                (Some(date), None) => {
                    // The TOML parser refuses most impossible days itself; the calendar has
                    // the last word on any it lets through.
                    let real = Date::new(i32::from(date.year), date.month, date.day);
                    if real.is_none() {
                        self.error(
                            line,
                            format!("`{key}` = {date} is not a day of the calendar"),
                            "check the day and the month: the date is year-month-day, as 2023-01-16",
                        );
                    }
                    real
                }
                // No date and no time: the TOML parser has already said why ("invalid date").
                (None, None) => None,
                _ => {
                    self.error(
                        line,
                        format!("`{key}` must be a date without a time"),
                        format!("write it as {key} = 2023-01-16 (year-month-day, no quotes)"),
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let (message, hint) = string_date(key, s);
                self.error(line, message, hint);
                None
            }
            _ => {
                self.wrong(key, v, "a date");
                None
            }
        }
    }

    fn length(&mut self, table: &DeTable) -> Option<Length> {
        let v = table.get("length")?;
        let length = match v.get_ref() {
            DeValue::String(s) if s.trim().eq_ignore_ascii_case("brief") => Some(Length::Brief),
            DeValue::String(s) if s.trim().eq_ignore_ascii_case("full") => Some(Length::Full),
            DeValue::Integer(n) => n
                .as_str()
                .replace('_', "")
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 100)
                .map(Length::Words),
            _ => None,
        };
        if length.is_none() {
            let line = self.line_of_span(v);
            let shown = &self.text[v.span()];
            self.error(
                line,
                format!("`length` is {shown}, which is not a length of note"),
                "write length = \"brief\" (the default), length = \"full\", or a number of words of at least 100, like length = 3000",
            );
        }
        length
    }

    fn whole_number(&mut self, table: &DeTable, key: &str) -> Option<usize> {
        let v = table.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(n) => n.as_str().replace('_', "").parse::<usize>().ok(),
            _ => None,
        };
        if n.is_none() {
            self.wrong(key, v, "a whole number of 0 or more");
        }
        n
    }

    fn yes_no(&mut self, table: &DeTable, key: &str) -> Option<bool> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong(key, v, "true or false (no quotes)");
                None
            }
        }
    }

    /// `accent`: a colour written `#rrggbb` that text in it can be read against white
    /// (WCAG AA, 4.5:1), as `#rrggbb` in lower case.
    fn accent(&mut self, table: &DeTable) -> Option<String> {
        let v = table.get("accent")?;
        let line = self.line_of_span(v);
        let DeValue::String(s) = v.get_ref() else {
            self.wrong("accent", v, "a colour in quotes, like \"#1d3f6e\"");
            return None;
        };
        let Some(rgb) = parse_colour(s) else {
            self.error(
                line,
                format!("`accent` {s:?} is not a colour written #rrggbb"),
                "write it as accent = \"#1d3f6e\"",
            );
            return None;
        };
        let contrast = contrast_with_white(rgb);
        if contrast < 4.5 {
            self.error(
                line,
                format!(
                    "`accent` {s:?} has a contrast of {contrast:.1}:1 against white: headings in it would be hard to read (at least 4.5:1 is needed)"
                ),
                "choose a darker shade of the colour",
            );
            return None;
        }
        Some(format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]))
    }

    fn logo(&mut self, table: &DeTable, key: &str, partner: bool) -> Option<Logo> {
        let v = table.get(key)?;
        self.logo_entry(v, key, partner)
    }

    /// `{ file = "logo.svg", alt = "..." }`: a PNG or SVG in the event folder, with the text a
    /// screen reader says for it.
    fn logo_entry(&mut self, v: &Spanned<DeValue>, key: &str, partner: bool) -> Option<Logo> {
        let line = self.line_of_span(v);
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong(key, v, "{ file = \"logo.svg\", alt = \"...\" }");
            return None;
        };
        self.unknown_keys(t, &["file", "alt"], "a logo");
        let file = self.text_of(t, "file", false);
        let alt = self.text_of(t, "alt", false);
        let (Some(file), Some(alt)) = (file, alt) else {
            self.error(
                line,
                format!("a logo in `{key}` needs a `file` and an `alt` text"),
                "write it as { file = \"logo.svg\", alt = \"Name of the organisation\" }",
            );
            return None;
        };
        if alt.trim().is_empty() {
            self.error(
                line,
                format!("the logo {file:?} has an empty `alt` text"),
                "say what the logo shows, usually the organisation's name",
            );
            return None;
        }
        Some(Logo {
            file,
            alt: alt.trim().to_string(),
            partner,
            line,
            image: None,
        })
    }

    fn themes(&mut self, table: &DeTable) -> Vec<ThemeDef> {
        let Some(v) = table.get("theme") else {
            return Vec::new();
        };
        let DeValue::Array(tables) = v.get_ref() else {
            self.wrong("theme", v, "a [[theme]] table with a name and keywords");
            return Vec::new();
        };
        let mut out = Vec::new();
        for t in tables.iter() {
            let DeValue::Table(theme) = t.get_ref() else {
                self.wrong("theme", t, "a [[theme]] table with a name and keywords");
                continue;
            };
            self.unknown_keys(theme, THEME_KEYS, "a [[theme]] table");
            let name = match theme.get("name") {
                Some(n) => match n.get_ref() {
                    DeValue::String(s) if !s.trim().is_empty() => Some(s.to_string()),
                    _ => {
                        self.wrong("name", n, "the theme's name, as text in quotes");
                        None
                    }
                },
                None => {
                    let line = self.line_of_span(t);
                    self.error(
                        line,
                        "a [[theme]] without a `name`",
                        "add name = \"...\" under [[theme]]",
                    );
                    None
                }
            };
            let keywords = self.list(theme, "keywords");
            if let Some(name) = name {
                out.push(ThemeDef { name, keywords });
            }
        }
        out
    }
}

/// The house colour when event.toml names none: a dark blue, 10.6:1 against white.
pub const DEFAULT_ACCENT: &str = "#1d3f6e";

/// The contrast of a colour against white (WCAG 2: 1 to 21).
fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// `#rrggbb` (or `#rgb`) as its three channels.
fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    let hex: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// An example value of a key, for a hint.
fn example(key: &str) -> &'static str {
    match key {
        "code" => "\"WP2417\"",
        "title" => "\"Title of the dialogue\"",
        "start" | "end" => "2023-01-16",
        "partners" | "keep" | "strip" | "keywords" => "[\"...\", \"...\"]",
        "language" => "\"en-GB\"",
        "key_recommendations" => "5",
        "infer" => "false",
        "length" => "\"brief\"",
        _ => "\"...\"",
    }
}

/// What to say of a date written as text: the TOML date it stands for where that is certain
/// ("2023-01-16", "16/01/2023"), both readings where the day and month could be either
/// ("05/01/2023"), never a guess.
fn string_date(key: &str, s: &str) -> (String, String) {
    let message = format!("`{key}` is the text {s:?}, not a date");
    let form = |y: u32, m: u32, d: u32| format!("{key} = {y:04}-{m:02}-{d:02}");
    let numbers: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let valid = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let hint = match numbers[..] {
        [y, m, d] if y >= 1000 && valid(m, d) => {
            format!("write it as a TOML date, without quotes: {}", form(y, m, d))
        }
        [a, b, y] if y >= 1000 && valid(b, a) && valid(a, b) && a != b => format!(
            "{s:?} could be read day first or month first: write the date without quotes, year-month-day, either {} or {}",
            form(y, b, a),
            form(y, a, b)
        ),
        [a, b, y] if y >= 1000 && valid(b, a) => {
            format!("write it as a TOML date, without quotes: {}", form(y, b, a))
        }
        [a, b, y] if y >= 1000 && valid(a, b) => {
            format!("write it as a TOML date, without quotes: {}", form(y, a, b))
        }
        _ => format!(
            "write it as a TOML date, year-month-day without quotes, like {key} = 2023-01-16"
        ),
    };
    (message, hint)
}

/// The commented `event.toml` that `briefnote init` writes.
pub const TEMPLATE: &str = r##"# What the event is. Required: code, title, start. Unknown keys are an error.
code  = "WP0000"                       # names the output files
title = "Title of the dialogue"
start = 2026-01-19                     # a TOML date: YYYY-MM-DD
# end   = 2026-01-21                   # defaults to start
# venue = "Wilton Park, UK"
# partners = ["Ministry of Foreign Affairs of Somewhere"]
# context = """One or more paragraphs for the introduction of the note."""
# keep = ["Name Discussed", "Strong institutions"]   # names discussed, never speakers, and phrases
#                                      #   that are not a person: neither stripped nor flagged
# strip = ["Jane Roe"]                 # people discussed or present but not on participants.csv: stripped
# language = "en-GB"                   # the note's language
# length = "brief"                     # "brief" (the default), "full", or a number of words
# key_recommendations = 5              # how many recommendations lead the note
# infer = false                        # also publish recommendations found in unmarked prose
# disclaimer = "..."                   # replaces the default "About this note" statement
# accent = "#1d3f6e"                   # the house colour of headings and charts (readable on white)
# logo = { file = "logo.svg", alt = "Organiser's name" }       # PNG or SVG in this folder
# partner_logos = [{ file = "partner.png", alt = "Partner's name" }]

# The theme taxonomy, in the order the note shows it (repeat the block for each theme).
# Without any, themes come from the sessions.
# [[theme]]
# name = "Accountability and evidence"
# keywords = ["evidence", "accountability", "commission of inquiry"]
"##;

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "code = \"WP1\"\ntitle = \"T\"\nstart = 2023-01-16\nend = 2023-01-18\n";

    #[test]
    fn a_day_the_calendar_lacks_is_an_error_on_its_line() {
        let text = "code = \"WP1\"\ntitle = \"T\"\nstart = 2023-02-29\nend = 2023-03-01\n";
        let problems = parse(text).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "one problem, said once: {shown:?}");
        assert!(
            shown[0].contains("event.toml:3") && shown[0].contains("invalid date"),
            "{shown:?}"
        );
        assert!(Date::new(2023, 2, 29).is_none() && Date::new(2024, 2, 29).is_some());
    }

    #[test]
    fn reads_a_good_file() {
        let m = parse(GOOD).unwrap();
        assert_eq!(m.code, "WP1");
        assert_eq!(m.end, Date::new(2023, 1, 18).unwrap());
        assert_eq!(m.key_recommendations, 5);
        assert_eq!(m.language, "en-GB");
    }

    #[test]
    fn the_template_parses() {
        parse(TEMPLATE).unwrap();
    }

    #[test]
    fn an_unknown_key_names_its_line_and_the_key_meant() {
        let e = parse(&format!("{GOOD}venu = \"x\"\n")).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].source(), Some(&Source::line(FILE, 5)));
        assert_eq!(e[0].message, "unknown key `venu`");
        assert_eq!(e[0].hint.as_deref(), Some("did you mean 'venue'?"));
        let e = parse(&format!("{GOOD}colour = \"x\"\n")).unwrap_err();
        assert!(
            e[0].hint
                .as_deref()
                .unwrap()
                .starts_with("the keys event.toml takes are")
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = "code = \"WP1\"\ntitle = \"T\"\n\nstart = \"16/01/2023\"\nend = 2023-01-18\n\npartner = [\"X\"]\ninfer = \"yes\"\n\n[[theme]]\nnmae = \"Money\"\n";
        let e = parse(text).unwrap_err();
        let got: Vec<(String, String, String)> = e
            .iter()
            .map(|d| {
                (
                    d.source().map(ToString::to_string).unwrap_or_default(),
                    d.message.clone(),
                    d.hint.clone().unwrap_or_default(),
                )
            })
            .collect();
        let want = [
            (
                "event.toml:7",
                "unknown key `partner`",
                "did you mean 'partners'?",
            ),
            (
                "event.toml:4",
                "`start` is the text \"16/01/2023\", not a date",
                "write it as a TOML date, without quotes: start = 2023-01-16",
            ),
            (
                "event.toml:8",
                "`infer` is text, but must be true or false (no quotes)",
                "write it as infer = false",
            ),
            (
                "event.toml:11",
                "unknown key `nmae`",
                "did you mean 'name'?",
            ),
            (
                "event.toml:10",
                "a [[theme]] without a `name`",
                "add name = \"...\" under [[theme]]",
            ),
        ];
        for (line, message, hint) in want {
            assert!(
                got.iter()
                    .any(|(l, m, h)| l == line && m == message && h == hint),
                "{line}: {message} ({hint}) not in {got:#?}"
            );
        }
        assert_eq!(got.len(), want.len(), "{got:#?}");
    }

    #[test]
    fn a_string_date_gets_its_toml_form_or_both_readings() {
        let date = |v: &str| {
            let e = parse(&format!("code = \"WP1\"\ntitle = \"T\"\nstart = {v}\n")).unwrap_err();
            assert_eq!(e[0].source(), Some(&Source::line(FILE, 3)));
            e[0].hint.clone().unwrap()
        };
        assert!(date("\"2023-01-16\"").ends_with("start = 2023-01-16"));
        assert!(date("\"16/01/2023\"").ends_with("start = 2023-01-16"));
        assert!(date("\"01/16/2023\"").ends_with("start = 2023-01-16"));
        let both = date("\"05/01/2023\"");
        assert!(
            both.contains("start = 2023-01-05") && both.contains("start = 2023-05-01"),
            "{both}"
        );
        assert!(date("\"16 Jan\"").contains("like start = 2023-01-16"));
    }

    #[test]
    fn missing_keys_and_syntax_errors_are_reported() {
        let e = parse("title = \"T\"\n").unwrap_err();
        let messages: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["missing key `code`", "missing key `start`"]);
        let e = parse("code = \"WP1\"\ntitle = \"T\nstart = 2023-01-16\n").unwrap_err();
        assert_eq!(e[0].source(), Some(&Source::line(FILE, 2)), "{e:?}");
    }

    #[test]
    fn the_accent_is_a_colour_readable_against_white() {
        let with = |v: &str| parse(&format!("{GOOD}accent = {v}\n"));
        assert_eq!(parse(GOOD).unwrap().accent, DEFAULT_ACCENT);
        assert_eq!(with("\"#006435\"").unwrap().accent, "#006435");
        assert_eq!(with("\"#A00\"").unwrap().accent, "#aa0000");
        let e = with("\"#ffdd00\"").unwrap_err();
        assert_eq!(e[0].source(), Some(&Source::line(FILE, 5)));
        assert!(
            e[0].message.contains("contrast of 1.3:1"),
            "{}",
            e[0].message
        );
        assert!(
            with("\"blue\"").unwrap_err()[0]
                .message
                .contains("not a colour")
        );
    }

    #[test]
    fn length_is_brief_full_or_a_number_of_words() {
        assert_eq!(parse(GOOD).unwrap().length, Length::Brief);
        let with = |v: &str| parse(&format!("{GOOD}length = {v}\n"));
        assert_eq!(with("\"full\"").unwrap().length, Length::Full);
        assert_eq!(with("\"brief\"").unwrap().length, Length::Brief);
        assert_eq!(with("2500").unwrap().length, Length::Words(2500));
        let e = with("\"short\"").unwrap_err();
        assert_eq!(e[0].source(), Some(&Source::line(FILE, 5)));
        assert!(e[0].hint.as_deref().unwrap_or("").contains("length = 3000"));
        assert!(with("12").is_err());
    }

    #[test]
    fn end_before_start_is_refused() {
        let e = parse("code = \"WP1\"\ntitle = \"T\"\nstart = 2023-01-16\nend = 2023-01-10\n")
            .unwrap_err();
        assert_eq!(e[0].source(), Some(&Source::line(FILE, 4)));
    }
}
