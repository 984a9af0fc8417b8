//! Reading `event.toml`: every key checked, an unknown or mistyped key an error naming its line.

use crate::diag::Diagnostic;
use crate::model::{Date, EventMeta, Length, Source, ThemeDef};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventToml {
    code: String,
    title: String,
    start: toml::value::Datetime,
    end: Option<toml::value::Datetime>,
    venue: Option<String>,
    #[serde(default)]
    partners: Vec<String>,
    context: Option<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    strip: Vec<String>,
    language: Option<String>,
    length: Option<toml::Value>,
    key_recommendations: Option<usize>,
    #[serde(default)]
    infer: bool,
    disclaimer: Option<String>,
    #[serde(default)]
    theme: Vec<ThemeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeToml {
    name: String,
    #[serde(default)]
    keywords: Vec<String>,
}

pub const FILE: &str = "event.toml";

/// Parse the text of `event.toml`.
pub fn parse(text: &str) -> Result<EventMeta, Diagnostic> {
    let raw: EventToml = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].lines().count().max(1)
        });
        // A span at the very start of a line counts the lines before it; point at the line itself.
        let line = match e.span() {
            Some(s) if s.start > 0 && text.as_bytes().get(s.start - 1) == Some(&b'\n') => line + 1,
            _ => line,
        };
        let message = e.message().trim().to_string();
        let hint = if message.starts_with("unknown field") {
            "check the spelling; the keys event.toml takes are listed by `briefnote init`"
        } else if message.starts_with("missing field") {
            "add the key; `code`, `title` and `start` are required"
        } else {
            "see the commented event.toml that `briefnote init` writes"
        };
        Diagnostic::error(Source::line(FILE, line as u32), message).hint(hint)
    })?;

    let date = |d: &toml::value::Datetime, key: &str| -> Result<Date, Diagnostic> {
        match (d.date, d.time) {
            (Some(date), None) => Ok(Date {
                year: i32::from(date.year),
                month: date.month,
                day: date.day,
            }),
            _ => Err(Diagnostic::error(
                Source::line(FILE, line_of_key(text, key)),
                format!("`{key}` must be a date, like {key} = 2023-01-16"),
            )),
        }
    };
    let start = date(&raw.start, "start")?;
    let end = match &raw.end {
        Some(e) => date(e, "end")?,
        None => start,
    };
    if end < start {
        return Err(Diagnostic::error(
            Source::line(FILE, line_of_key(text, "end")),
            format!("`end` ({}) is before `start` ({})", end.iso(), start.iso()),
        ));
    }
    let length = match &raw.length {
        None => Length::Brief,
        Some(toml::Value::String(s)) if s.trim().eq_ignore_ascii_case("brief") => Length::Brief,
        Some(toml::Value::String(s)) if s.trim().eq_ignore_ascii_case("full") => Length::Full,
        Some(toml::Value::Integer(n)) if *n >= 100 => Length::Words(*n as usize),
        Some(other) => {
            return Err(Diagnostic::error(
                Source::line(FILE, line_of_key(text, "length")),
                format!("`length` is {other}, which is not a length of note"),
            )
            .hint("write length = \"brief\" (the default), length = \"full\", or a number of words of at least 100, like length = 3000"));
        }
    };
    let code = raw.code.trim().to_string();
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Diagnostic::error(
            Source::line(FILE, line_of_key(text, "code")),
            format!(
                "`code` {:?} must be letters, digits, '-' or '_': it names the output files",
                raw.code
            ),
        ));
    }
    if raw.title.trim().is_empty() {
        return Err(Diagnostic::error(
            Source::line(FILE, line_of_key(text, "title")),
            "`title` is empty",
        ));
    }
    Ok(EventMeta {
        code,
        title: raw.title.trim().to_string(),
        start,
        end,
        venue: raw.venue.filter(|v| !v.trim().is_empty()),
        partners: raw.partners,
        context: raw.context.filter(|c| !c.trim().is_empty()),
        keep: raw.keep,
        strip: raw
            .strip
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| (s.trim().to_string(), line_of_key(text, "strip")))
            .collect(),
        language: raw.language.unwrap_or_else(|| "en-GB".to_string()),
        length,
        key_recommendations: raw.key_recommendations.unwrap_or(5),
        infer: raw.infer,
        disclaimer: raw.disclaimer.filter(|d| !d.trim().is_empty()),
        themes: raw
            .theme
            .into_iter()
            .map(|t| ThemeDef {
                name: t.name,
                keywords: t.keywords,
            })
            .collect(),
    })
}

fn line_of_key(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
        })
        .map_or(1, |i| i as u32 + 1)
}

/// The commented `event.toml` that `briefnote init` writes.
pub const TEMPLATE: &str = r#"# What the event is. Required: code, title, start. Unknown keys are an error.
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

# The theme taxonomy, in the order the note shows it (repeat the block for each theme).
# Without any, themes come from the sessions.
# [[theme]]
# name = "Accountability and evidence"
# keywords = ["evidence", "accountability", "commission of inquiry"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "code = \"WP1\"\ntitle = \"T\"\nstart = 2023-01-16\nend = 2023-01-18\n";

    #[test]
    fn reads_a_good_file() {
        let m = parse(GOOD).unwrap();
        assert_eq!(m.code, "WP1");
        assert_eq!(
            m.end,
            Date {
                year: 2023,
                month: 1,
                day: 18
            }
        );
        assert_eq!(m.key_recommendations, 5);
        assert_eq!(m.language, "en-GB");
    }

    #[test]
    fn the_template_parses() {
        parse(TEMPLATE).unwrap();
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let e = parse(&format!("{GOOD}venu = \"x\"\n")).unwrap_err();
        assert_eq!(e.source, Source::line(FILE, 5));
        assert!(e.message.contains("unknown field `venu`"), "{}", e.message);
    }

    #[test]
    fn a_string_date_is_refused_on_its_line() {
        let e = parse("code = \"WP1\"\ntitle = \"T\"\nstart = \"16 Jan\"\n").unwrap_err();
        assert_eq!(e.source, Source::line(FILE, 3));
    }

    #[test]
    fn length_is_brief_full_or_a_number_of_words() {
        assert_eq!(parse(GOOD).unwrap().length, Length::Brief);
        let with = |v: &str| parse(&format!("{GOOD}length = {v}\n"));
        assert_eq!(with("\"full\"").unwrap().length, Length::Full);
        assert_eq!(with("\"brief\"").unwrap().length, Length::Brief);
        assert_eq!(with("2500").unwrap().length, Length::Words(2500));
        let e = with("\"short\"").unwrap_err();
        assert_eq!(e.source, Source::line(FILE, 5));
        assert!(e.hint.as_deref().unwrap_or("").contains("length = 3000"));
        assert!(with("12").is_err());
    }

    #[test]
    fn end_before_start_is_refused() {
        let e = parse("code = \"WP1\"\ntitle = \"T\"\nstart = 2023-01-16\nend = 2023-01-10\n")
            .unwrap_err();
        assert_eq!(e.source, Source::line(FILE, 4));
    }
}
