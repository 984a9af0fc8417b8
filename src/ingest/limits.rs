//! How much briefnote reads: a file over the limit, or a Word or Excel file that unzips to more than its limit (a damaged file or a zip bomb), is refused with the limit named, before it is read whole into memory.

use std::io::{Read, Seek};
use std::path::Path;

/// The largest file read: far above any notes file, export or participant list (a long
/// Word file with pictures is a few megabytes), far below what would strain the machine.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The most a Word or Excel file may unzip to, all its parts together.
pub const MAX_UNZIPPED: u64 = 256 * 1024 * 1024;

fn megabytes(n: u64) -> String {
    format!("{:.0} MB", n as f64 / (1024.0 * 1024.0))
}

/// Read a file whole, if it is within [`MAX_FILE`] (and, for `.docx`, `.xlsx` and the like,
/// unzips within [`MAX_UNZIPPED`]); otherwise an error that names the limit.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = open_checked(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Check a zipped file (Word, Excel, OpenDocument) at `path` without reading it whole.
pub fn check(path: &Path) -> std::io::Result<()> {
    open_checked(path).map(drop)
}

/// The file at `path`, opened and checked, at its start.
fn open_checked(path: &Path) -> std::io::Result<std::fs::File> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "it is {}, more than the {} briefnote reads from one file",
                megabytes(len),
                megabytes(MAX_FILE)
            ),
        ));
    }
    if is_zipped(path) {
        check_unzipped(&mut file)?;
        file.rewind()?;
    }
    Ok(file)
}

fn is_zipped(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "docx" | "xlsx" | "xlsm" | "ods"))
}

/// Unzip every part into nothing, counting, and stop past [`MAX_UNZIPPED`]: the sizes an
/// archive declares can lie, the bytes cannot. A file that is not a zip archive is left for
/// its reader to refuse with its own message.
fn check_unzipped<R: Read + Seek>(file: &mut R) -> std::io::Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            return Ok(());
        };
        let left = MAX_UNZIPPED - total;
        let n = std::io::copy(&mut part.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        total += n;
        if total > MAX_UNZIPPED {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "it unzips to more than {} (a damaged file, or one made to exhaust memory)",
                    megabytes(MAX_UNZIPPED)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_zip_that_unzips_past_the_limit_is_refused_without_reading_it_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.docx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..(MAX_UNZIPPED / zeros.len() as u64 + 2) {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < MAX_FILE / 16);
        let e = read(&path).unwrap_err();
        assert!(e.to_string().contains("unzips to more than 256 MB"), "{e}");
        assert!(check(&path).is_err());
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.md");
        let f = std::fs::File::create(&path).unwrap();
        // Sparse: no disk is used for it.
        f.set_len(MAX_FILE + 1).unwrap();
        let e = read(&path).unwrap_err();
        assert!(e.to_string().contains("more than the 64 MB"), "{e}");
    }

    #[test]
    fn an_ordinary_file_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "# A\n").unwrap();
        assert_eq!(read(&path).unwrap(), b"# A\n");
    }
}
