//! Writing an event's outputs into `outputs/<CODE>/{public,internal}`: all files staged beside their targets, then renamed into place, so a failed run leaves nothing half-written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write, relative to the event's output folder (`public/X.pdf`, `internal/Y.csv`).
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Write every file or none: each is written to a temporary file in its own folder, flushed,
/// and only when all are there are they renamed over their targets.
pub fn write_all(root: &Path, files: &[OutputFile]) -> std::io::Result<Vec<PathBuf>> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for f in files {
            let target = root.join(&f.path);
            let dir = target.parent().expect("output files live in a folder");
            fs::create_dir_all(dir)?;
            let name = target.file_name().expect("a file name").to_string_lossy();
            let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            staged.push((temp.clone(), target.clone()));
            let mut file = fs::File::create(&temp)?;
            file.write_all(&f.bytes)?;
            file.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    let mut written = Vec::new();
    for (temp, target) in staged {
        fs::rename(&temp, &target)?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            OutputFile {
                path: "public/a.html".into(),
                bytes: b"<p>a</p>".to_vec(),
            },
            OutputFile {
                path: "internal/b.csv".into(),
                bytes: b"x".to_vec(),
            },
        ];
        let written = write_all(dir.path(), &files).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            fs::read(dir.path().join("public/a.html")).unwrap(),
            b"<p>a</p>"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path().join("public")).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("public")).unwrap();
        fs::write(dir.path().join("public/a.html"), "old").unwrap();
        // A file where a folder must go makes the second write fail.
        fs::write(dir.path().join("internal"), "not a folder").unwrap();
        let files = [
            OutputFile {
                path: "public/a.html".into(),
                bytes: b"new".to_vec(),
            },
            OutputFile {
                path: "internal/b.csv".into(),
                bytes: b"x".to_vec(),
            },
        ];
        assert!(write_all(dir.path(), &files).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("public/a.html")).unwrap(),
            "old"
        );
        assert_eq!(fs::read_dir(dir.path().join("public")).unwrap().count(), 1);
    }
}
