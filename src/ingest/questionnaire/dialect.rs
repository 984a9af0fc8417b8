//! The four tools' dialects: which tool wrote an export (from its header rows), which columns identify a respondent and are dropped, and how each tool lays out sub-questions and multiple answers, turned into one column per question.

use super::{Column, Export, Tool};
use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::model::Source;

/// Column headers that identify a respondent or say nothing about the event. Matched on the
/// folded header, whole or (for the `*` entries) as a prefix or suffix.
const DROPPED: &[&str] = &[
    "id",
    "respondentid",
    "respondent id",
    "collectorid",
    "collector id",
    "responseid",
    "response id",
    "responseset",
    "response set",
    "name",
    "full name",
    "first name",
    "last name",
    "email",
    "email address",
    "e mail",
    "ip address",
    "ipaddress",
    "start time",
    "completion time",
    "last modified time",
    "start date",
    "end date",
    "startdate",
    "enddate",
    "recordeddate",
    "status",
    "progress",
    "duration (in seconds)",
    "finished",
    "externalreference",
    "externaldatareference",
    "external reference",
    "distributionchannel",
    "userlanguage",
    "timestamp",
    "locationlatitude",
    "locationlongitude",
    "locationaccuracy",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "custom data 1",
    "custom data",
    "emailaddress",
    "ip adresse",
    "antwort id",
];

fn dropped(header: &str) -> bool {
    let h = fold(header);
    let h = h.trim();
    DROPPED.contains(&h)
        || h.starts_with("recipient")
        || h.starts_with("location")
        || h.ends_with("_nps_group")
        || h.starts_with("custom data")
        || (h.starts_with('v') && h[1..].chars().all(|c| c.is_ascii_digit()) && h.len() > 1)
}

/// Recognise the tool from the header rows, then turn the table into question columns.
pub(super) fn interpret(
    name: &str,
    mut table: Vec<Vec<String>>,
    lines: Vec<u32>,
) -> Result<(Export, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    if table.is_empty() {
        return Err(
            Diagnostic::error(Source::whole(name), "the export is empty")
                .hint("export the responses again from the survey tool"),
        );
    }
    // Ragged rows: short rows read their missing cells as empty; cells beyond the header are
    // ignored. Each is reported with its physical line, so nothing goes unseen.
    let width = table[0].len();
    for (row, &line) in table.iter_mut().zip(&lines).skip(1) {
        if row.len() != width && !(row.len() > width && row[width..].iter().all(String::is_empty)) {
            let how = if row.len() < width {
                "the missing cells are read as unanswered"
            } else {
                "the cells beyond the header are ignored"
            };
            warnings.push(Diagnostic::warning(
                Source::line(name, line),
                format!(
                    "this row has {} cells where the header has {width}: {how}",
                    row.len()
                ),
            ));
        }
        row.resize(width, String::new());
    }
    let first: Vec<String> = table[0].iter().map(|h| fold(h)).collect();
    let has = |h: &str| first.iter().any(|c| c == h);
    let second_is =
        |pred: &dyn Fn(&str) -> bool| table.get(1).is_some_and(|r| r.iter().any(|c| pred(c)));
    let third_import = table.get(2).is_some_and(|r| {
        r.iter().any(|c| {
            c.trim_start().starts_with("{\"ImportId") || c.trim_start().starts_with("{'ImportId")
        })
    });

    let (tool, header_rows) = if (has("responseid") || has("startdate")) && third_import {
        (Tool::Qualtrics, 3)
    } else if has("v1") && second_is(&|c| fold(c) == "responseid") {
        (Tool::Qualtrics, 2)
    } else if (has("respondentid") || has("respondent id"))
        && second_is(&|c| matches!(fold(c).as_str(), "response" | "open ended response"))
    {
        (Tool::SurveyMonkey, 2)
    } else if has("id") && has("start time") && has("completion time") {
        (Tool::MicrosoftForms, 1)
    } else if first.first().is_some_and(|c| c == "timestamp") {
        (Tool::GoogleForms, 1)
    } else {
        (Tool::Generic, 1)
    };

    // The text of each column's question.
    let questions: Vec<String> = match tool {
        Tool::Qualtrics => {
            // Row 1 holds short names (kept to recognise metadata), row 2 the question texts.
            (0..width).map(|c| clean_label(&table[1][c])).collect()
        }
        Tool::SurveyMonkey => {
            let mut current = String::new();
            (0..width)
                .map(|c| {
                    let top = clean_label(&table[0][c]);
                    if !top.is_empty() {
                        current = top;
                    }
                    let sub = clean_label(&table[1][c]);
                    match fold(&sub).as_str() {
                        "" | "response" | "open ended response" => current.clone(),
                        _ => format!("{current} [{sub}]"),
                    }
                })
                .collect()
        }
        _ => (0..width).map(|c| clean_label(&table[0][c])).collect(),
    };
    let short: Vec<String> = (0..width).map(|c| table[0][c].clone()).collect();
    // With two header rows (SurveyMonkey), a column also goes under the top header it sits
    // below, and its own sub-header: an identifying name in either drops it (fuzzing found a
    // column under "IP Address" kept, then folded into a choice named "IP Address").
    let (tops, sub): (Vec<String>, Vec<String>) = if header_rows > 1 {
        let mut current = String::new();
        (0..width)
            .map(|c| {
                if !table[0][c].trim().is_empty() {
                    current = table[0][c].clone();
                }
                (current.clone(), table[1][c].clone())
            })
            .unzip()
    } else {
        (vec![String::new(); width], vec![String::new(); width])
    };

    let body = &table[header_rows.min(table.len())..];
    let body_lines = &lines[header_rows.min(lines.len())..];
    let mut columns: Vec<Column> = Vec::new();
    for c in 0..width {
        if dropped(&short[c])
            || dropped(&questions[c])
            || dropped(&sub[c])
            || dropped(&tops[c])
            || questions[c].is_empty() && short[c].trim().is_empty()
        {
            continue;
        }
        let question = if questions[c].is_empty() {
            short[c].clone()
        } else {
            questions[c].clone()
        };
        columns.push(Column {
            question,
            answers: body.iter().map(|r| r[c].clone()).collect(),
        });
    }
    // SurveyMonkey writes a chosen option into its own column under the question: fold such
    // groups back into one single- or multiple-choice column.
    if tool == Tool::SurveyMonkey {
        columns = fold_expanded_options(columns);
    }
    for col in &mut columns {
        comma_lists(col);
    }
    let rows: Vec<Source> = body_lines.iter().map(|&l| Source::line(name, l)).collect();
    let responses = body
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .count();
    if responses < body.len() {
        warnings.push(Diagnostic::warning(
            Source::whole(name),
            format!("{} empty rows skipped", body.len() - responses),
        ));
    }
    let keep: Vec<usize> = (0..body.len())
        .filter(|&r| body[r].iter().any(|c| !c.is_empty()))
        .collect();
    for col in &mut columns {
        col.answers = keep.iter().map(|&r| col.answers[r].clone()).collect();
    }
    let rows = keep.iter().map(|&r| rows[r].clone()).collect();
    Ok((
        Export {
            file: name.to_string(),
            tool,
            responses,
            columns,
            rows,
        },
        warnings,
    ))
}

/// A header cell as a question text: HTML line breaks and surrounding space gone.
fn clean_label(s: &str) -> String {
    let s = s
        .replace("<br>", " ")
        .replace("<br/>", " ")
        .replace("<br />", " ");
    crate::text::collapse(&s)
}

/// Columns "Q [Option]" whose cells are empty or the option itself, merged into one column
/// of "A; B" answers; matrix rows (cells holding other values) stay as they are.
fn fold_expanded_options(columns: Vec<Column>) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    let mut i = 0;
    while i < columns.len() {
        let Some((q, _)) = split_sub(&columns[i].question) else {
            out.push(columns[i].clone());
            i += 1;
            continue;
        };
        let mut j = i;
        while j < columns.len() && split_sub(&columns[j].question).is_some_and(|(qq, _)| qq == q) {
            j += 1;
        }
        let group = &columns[i..j];
        let expanded = group.iter().all(|c| {
            let (_, option) = split_sub(&c.question).expect("sub-question");
            c.answers
                .iter()
                .all(|a| a.is_empty() || fold(a) == fold(option))
        });
        if expanded {
            let n = group[0].answers.len();
            let answers = (0..n)
                .map(|r| {
                    group
                        .iter()
                        .filter(|c| !c.answers[r].is_empty())
                        .map(|c| c.answers[r].clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .collect();
            out.push(Column {
                question: q.to_string(),
                answers,
            });
        } else {
            out.extend(group.iter().cloned());
        }
        i = j;
    }
    out
}

/// Google Forms joins checkbox answers with ", " and Qualtrics with ","; Microsoft Forms with
/// ";". Rewrite comma lists as "; " lists where the commas plainly separate options: every
/// part recurs in the column and some answers are a single option. Free text, whose parts
/// do not recur, is left alone.
fn comma_lists(col: &mut Column) {
    if col.answers.iter().any(|a| a.contains(';')) || !col.answers.iter().any(|a| a.contains(',')) {
        return;
    }
    let parts = |a: &str| {
        a.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for a in &col.answers {
        for p in parts(a) {
            *seen.entry(fold(&p)).or_default() += 1;
        }
    }
    let single = col
        .answers
        .iter()
        .any(|a| !a.is_empty() && !a.contains(','));
    let recurring = col
        .answers
        .iter()
        .flat_map(|a| parts(a))
        .all(|p| seen[&fold(&p)] >= 2);
    if single && recurring {
        for a in &mut col.answers {
            *a = parts(a).join("; ");
        }
    }
}

fn split_sub(q: &str) -> Option<(&str, &str)> {
    let open = q.rfind(" [")?;
    q.ends_with(']')
        .then(|| (&q[..open], &q[open + 2..q.len() - 1]))
}
