//! Reading evaluation exports as Microsoft Forms, Google Forms, SurveyMonkey and Qualtrics write them (.csv and .xlsx): the tool recognised from the headers, identifying columns dropped on ingest, one column per question or sub-question.

use super::decode::decode;
use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::model::{Source, Survey, SurveyQuestion};
use std::path::Path;

/// The tool that wrote an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    MicrosoftForms,
    GoogleForms,
    SurveyMonkey,
    Qualtrics,
    /// A plain table with one header row.
    Generic,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::MicrosoftForms => "Microsoft Forms",
            Tool::GoogleForms => "Google Forms",
            Tool::SurveyMonkey => "SurveyMonkey",
            Tool::Qualtrics => "Qualtrics",
            Tool::Generic => "a plain table",
        }
    }
}

/// One question column: its text, and each response's answer (empty where none).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub question: String,
    pub answers: Vec<String>,
}

/// What one export file holds once identifying columns are gone.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub file: String,
    pub tool: Tool,
    pub responses: usize,
    pub columns: Vec<Column>,
    /// Where each response row stands in the file, for messages.
    pub rows: Vec<Source>,
}

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

/// Read one export. `name` is its path relative to the event folder, for messages.
pub fn read(path: &Path, name: &str) -> Result<(Export, Vec<Diagnostic>), Diagnostic> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = super::limits::read(path)
        .map_err(|e| Diagnostic::error(Source::whole(name), format!("cannot read it: {e}")))?;
    read_bytes(&ext, &bytes, name)
}

/// Read one export from its bytes; `ext` (lower case) says whether it is a spreadsheet.
pub fn read_bytes(
    ext: &str,
    bytes: &[u8],
    name: &str,
) -> Result<(Export, Vec<Diagnostic>), Diagnostic> {
    let (table, lines) = match ext {
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(bytes, name)?,
        _ => read_csv(bytes, name)?,
    };
    interpret(name, table, lines)
}

/// The rows of a CSV export and the physical line each starts on.
fn read_csv(bytes: &[u8], name: &str) -> Result<(Vec<Vec<String>>, Vec<u32>), Diagnostic> {
    let (text, _) = decode(bytes);
    let delimiter = super::decode::delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let index = super::decode::Lines::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| index.of_record(&text, p.byte()));
            Diagnostic::error(
                Source::line(name, line),
                format!("not a readable CSV row: {e}"),
            )
            .hint("export the responses again from the survey tool, as CSV")
        })?;
        lines.push(
            record
                .position()
                .map_or(0, |p| index.of_record(&text, p.byte())),
        );
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok((rows, lines))
}

/// The rows of the first sheet of a spreadsheet export, as text.
fn read_sheet(bytes: &[u8], name: &str) -> Result<(Vec<Vec<String>>, Vec<u32>), Diagnostic> {
    use calamine::{Data, Reader, open_workbook_auto_from_rs};
    let unreadable = |e: String| {
        Diagnostic::error(
            Source::whole(name),
            format!("not a readable spreadsheet ({e})"),
        )
        .hint("open it in Excel and save it again as .xlsx, or export the responses as CSV")
    };
    // calamine can panic on a damaged file (an arithmetic overflow, found by fuzzing): one bad
    // export must not take the run down with it.
    let read = crate::quietly(|| -> Result<calamine::Range<Data>, String> {
        let mut book =
            open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let sheet = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| "it has no sheet".to_string())?;
        book.worksheet_range(&sheet).map_err(|e| e.to_string())
    });
    let range = match read {
        Ok(Ok(range)) => range,
        Ok(Err(e)) => return Err(unreadable(e)),
        Err(_) => {
            return Err(unreadable(
                "the spreadsheet reader could not make sense of it".into(),
            ));
        }
    };
    let start_row = range.start().map_or(0, |(r, _)| r);
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for (i, row) in range.rows().enumerate() {
        rows.push(
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string().trim().to_string(),
                })
                .collect(),
        );
        lines.push(start_row + i as u32 + 1);
    }
    Ok((rows, lines))
}

/// Recognise the tool from the header rows, then turn the table into question columns.
fn interpret(
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

/// Merge exports of the same form: questions matched by their text (case, accents and
/// spacing aside); a question missing from one export is unanswered there.
pub fn merge(exports: Vec<Export>) -> Survey {
    let mut survey = Survey {
        exports: Vec::new(),
        responses: 0,
        questions: Vec::new(),
        rows: Vec::new(),
    };
    for e in exports {
        let before = survey.responses;
        for col in &e.columns {
            let key = fold(&col.question);
            let at = match survey.questions.iter().position(|q| fold(&q.text) == key) {
                Some(i) => i,
                None => {
                    survey.questions.push(SurveyQuestion {
                        text: col.question.clone(),
                        answers: vec![String::new(); before],
                    });
                    survey.questions.len() - 1
                }
            };
            survey.questions[at]
                .answers
                .extend(col.answers.iter().cloned());
        }
        survey.responses += e.responses;
        for q in &mut survey.questions {
            q.answers.resize(survey.responses, String::new());
        }
        survey.rows.extend(e.rows);
        survey.exports.push((e.file, e.tool.name().to_string()));
    }
    survey
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Export {
        let (table, lines) = read_csv(text.as_bytes(), "q.csv").unwrap();
        interpret("q.csv", table, lines).unwrap().0
    }

    fn questions(e: &Export) -> Vec<&str> {
        e.columns.iter().map(|c| c.question.as_str()).collect()
    }

    #[test]
    fn microsoft_forms_drops_identity_and_times() {
        let e = csv(
            "ID,Start time,Completion time,Email,Name,Overall rating,Comments\n1,1/1/26 10:00,1/1/26 10:05,a@b.org,Ann,Excellent,Great\n",
        );
        assert_eq!(e.tool, Tool::MicrosoftForms);
        assert_eq!(questions(&e), ["Overall rating", "Comments"]);
        assert_eq!(e.rows[0].to_string(), "q.csv:2");
    }

    #[test]
    fn qualtrics_three_header_rows() {
        let e = csv(
            "StartDate,IPAddress,ResponseId,RecipientEmail,LocationLatitude,Q1,Q1_NPS_GROUP\nStart Date,IP,Response ID,Email,Lat,How likely are you to recommend this event?,group\n\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"ip\"\"}\",x,x,x,\"{\"\"ImportId\"\":\"\"QID1\"\"}\",x\n2026-01-01,1.2.3.4,R_1,a@b.org,51.5,9,Promoter\n",
        );
        assert_eq!(e.tool, Tool::Qualtrics);
        assert_eq!(
            questions(&e),
            ["How likely are you to recommend this event?"]
        );
        assert_eq!(e.columns[0].answers, ["9"]);
        assert_eq!(e.rows[0].to_string(), "q.csv:4");
    }

    #[test]
    fn surveymonkey_folds_expanded_options_and_keeps_matrices() {
        let e = csv(
            "Respondent ID,Collector ID,IP Address,How was it?,Which sessions did you attend?,,Rate the sessions,\n,,,Response,Opening,Closing,Opening,Closing\n1,9,1.1.1.1,Good,Opening,Closing,Excellent,Good\n2,9,1.1.1.2,Fair,,Closing,Good,Poor\n",
        );
        assert_eq!(e.tool, Tool::SurveyMonkey);
        assert_eq!(
            questions(&e),
            [
                "How was it?",
                "Which sessions did you attend?",
                "Rate the sessions [Opening]",
                "Rate the sessions [Closing]"
            ]
        );
        assert_eq!(e.columns[1].answers, ["Opening; Closing", "Closing"]);
    }

    #[test]
    fn google_forms_timestamp_first() {
        let e = csv(
            "Timestamp,Email Address,How useful was the dialogue? [Plenary]\n2026/01/01 10:00:00,a@b.org,Very useful\n",
        );
        assert_eq!(e.tool, Tool::GoogleForms);
        assert_eq!(questions(&e), ["How useful was the dialogue? [Plenary]"]);
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn ragged_rows_are_reported_on_their_line() {
        let (table, lines) = read_csv(b"Timestamp,Q1,Q2\n1,a,b\n2,a\n3,a,b,c\n", "q.csv").unwrap();
        let (e, warnings) = interpret("q.csv", table, lines).unwrap();
        assert_eq!(e.columns[1].answers, ["b", "", "b"]);
        let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            w[0],
            "warning: q.csv:3: this row has 2 cells where the header has 3: the missing cells are read as unanswered"
        );
        assert_eq!(
            w[1],
            "warning: q.csv:4: this row has 4 cells where the header has 3: the cells beyond the header are ignored"
        );
    }

    #[test]
    fn rows_know_their_physical_lines_with_crlf_and_quoted_newlines() {
        let (table, lines) =
            read_csv(b"Id,\"Q, one\"\r\n1,a\r\n2,\"b\nc\"\r\n3,d\r\n", "q.csv").unwrap();
        assert_eq!(table.len(), 4);
        assert_eq!(lines, [1, 2, 3, 5]);
    }
}
