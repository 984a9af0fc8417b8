//! Turning the bytes of a text file into a string, whatever Excel or a registration system wrote: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The encoding a file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Utf8,
    Utf16,
    Windows1252,
}

/// Decode a text file: a BOM decides; else UTF-8 if the bytes are valid UTF-8; else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Detected) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let detected = if enc == UTF_8 {
            Detected::Utf8
        } else {
            Detected::Utf16
        };
        return (text.into_owned(), detected);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Detected::Utf8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Detected::Windows1252)
        }
    }
}

/// The line (from 1) of the first byte outside ASCII: where a file read as Windows-1252
/// first differs from what UTF-8 would have made of it.
pub fn first_non_ascii_line(bytes: &[u8]) -> u32 {
    let at = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// The separator of a delimited text, from its header line: the commonest of tab, `;` and
/// `,` (Excel in many European locales writes `;`, its "Unicode text" tabs).
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&d| first.matches(d as char).count())
        .filter(|&d| first.contains(d as char))
        .unwrap_or(b',')
}

/// Line numbers of byte offsets in a text. The csv crate's own line count lags by one after a
/// CRLF (the record starts at the `\n`), so readers count lines here instead.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Self {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The 1-based line of the record starting at `byte`: a leading `\n` belongs to the line before.
    pub fn of_record(&self, text: &str, byte: u64) -> u32 {
        let mut at = byte as usize;
        while text
            .as_bytes()
            .get(at)
            .is_some_and(|&b| b == b'\n' || b == b'\r')
        {
            at += 1;
        }
        (self.0.partition_point(|&nl| nl < at) + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_excel_writes() {
        assert_eq!(decode(b"\xEF\xBB\xBFname").0, "name");
        assert_eq!(decode(b"Gen\xE8ve").0, "Genève");
        assert_eq!(decode(b"Gen\xE8ve").1, Detected::Windows1252);
        let utf16: Vec<u8> = [0xFF, 0xFE, b'a', 0, 0xE9, 0].to_vec();
        assert_eq!(decode(&utf16).0, "aé");
        assert_eq!(decode("Genève".as_bytes()).1, Detected::Utf8);
    }
}
