//! Reading evaluation exports as Microsoft Forms, Google Forms, SurveyMonkey and Qualtrics write them (.csv and .xlsx): the tool recognised from the headers, identifying columns dropped on ingest, one column per question or sub-question.

mod dialect;
mod table;

use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::model::{Source, Survey, SurveyQuestion};
use dialect::interpret;
use std::path::Path;
use table::{read_csv, read_sheet};

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

/// Read one export. `name` is its path relative to the event folder, for messages.
pub fn read(path: &Path, name: &str) -> Result<(Export, Vec<Diagnostic>), Diagnostic> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = crate::ingest::limits::read(path)
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
