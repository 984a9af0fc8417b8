//! The rows of an export as text, from CSV (any encoding, any delimiter) or the first sheet of a spreadsheet, each with the line or row it starts on.

use crate::diag::Diagnostic;
use crate::ingest::decode::decode;
use crate::model::Source;

/// The rows of a CSV export and the physical line each starts on.
pub(super) fn read_csv(
    bytes: &[u8],
    name: &str,
) -> Result<(Vec<Vec<String>>, Vec<u32>), Diagnostic> {
    let (text, _) = decode(bytes);
    let delimiter = crate::ingest::decode::delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let index = crate::ingest::decode::Lines::new(&text);
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
pub(super) fn read_sheet(
    bytes: &[u8],
    name: &str,
) -> Result<(Vec<Vec<String>>, Vec<u32>), Diagnostic> {
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
