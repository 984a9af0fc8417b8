//! Writing an event's outputs into `outputs/<CODE>/{public,internal}`: each folder is written whole beside its target and swapped in at once, so that a reader, or a run killed at any moment, sees the old folder or the new one, never a mix.
//!
//! What a reader can observe: `public/` holds exactly the files of one build, the last that
//! finished writing. It is replaced by an atomic exchange of two folders (Linux
//! `renameat2(RENAME_EXCHANGE)`), then `internal/` likewise; between the two, `public/` is the
//! new build's and `internal/` still the old one's. Where the file system cannot exchange
//! folders, the old folder is renamed aside and the new one into place: for that instant
//! the folder is missing, never partial. A killed run leaves at most a hidden
//! `.public.staged-*` or `.internal.staged-*` folder, which the next run removes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write, relative to the event's output folder (`public/X.pdf`, `internal/Y.csv`).
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The hidden name under which a folder of `root` is written before it is swapped in.
const STAGED: &str = ".staged-";

/// Write every file, and replace each top folder (`public`, `internal`) with exactly the
/// files given for it, as a whole. Either every folder is replaced or, on an error before
/// the first swap, none is.
pub fn write_all(root: &Path, files: &[OutputFile]) -> std::io::Result<Vec<PathBuf>> {
    let existed = root.exists();
    fs::create_dir_all(root)?;
    remove_stale(root)?;
    let mut tops: Vec<String> = Vec::new();
    for f in files {
        let top = top_folder(&f.path);
        if !tops.contains(&top) {
            tops.push(top);
        }
    }
    // Each folder is written in a hidden temporary folder beside its target (tempfile's
    // TempDir: a unique name, and removed when dropped, so an error below leaves nothing).
    let staged: Vec<tempfile::TempDir> = match tops
        .iter()
        .map(|top| {
            let prefix = format!(".{top}{STAGED}");
            let mut b = tempfile::Builder::new();
            b.prefix(&prefix);
            // As a plain new folder (0777 less the umask), not tempfile's private 0700:
            // `public/` is for others to read.
            #[cfg(unix)]
            b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777));
            b.tempdir_in(root)
        })
        .collect::<std::io::Result<_>>()
    {
        Ok(staged) => staged,
        Err(e) => return Err(gone(root, existed, e)),
    };
    let result = (|| {
        for f in files {
            let top = top_folder(&f.path);
            let rest = f
                .path
                .strip_prefix(&top)
                .expect("the path starts with its folder");
            let at = tops.iter().position(|t| *t == top).expect("a top folder");
            let target = staged[at].path().join(rest);
            fs::create_dir_all(target.parent().expect("a staged file has a folder"))?;
            let mut file = fs::File::create(&target)?;
            file.write_all(&f.bytes)?;
            file.sync_all()?;
        }
        for dir in &staged {
            fs::File::open(dir.path())?.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        drop(staged);
        return Err(gone(root, existed, e));
    }
    // `public` first: it is what may be circulated. After each swap the temporary folder
    // holds the old one, removed when it is dropped.
    let mut order: Vec<usize> = (0..tops.len()).collect();
    order.sort_by_key(|&i| tops[i] != "public");
    for i in order {
        swap_in(staged[i].path(), &root.join(&tops[i]))?;
    }
    drop(staged);
    if let Ok(dir) = fs::File::open(root) {
        let _ = dir.sync_all();
    }
    Ok(files.iter().map(|f| root.join(&f.path)).collect())
}

/// The error `e`, once an output folder this write made (`existed` false) is removed again.
fn gone(root: &Path, existed: bool, e: std::io::Error) -> std::io::Error {
    if !existed {
        // Fails, and so stays, if anything else is in it.
        let _ = fs::remove_dir(root);
    }
    e
}

/// The first component of a relative output path.
fn top_folder(path: &Path) -> String {
    path.components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .expect("output files live in a folder")
}

/// Put the folder `staged` where `target` is, at once; the old `target` is left at `staged`
/// (or removed, where folders cannot be exchanged).
fn swap_in(staged: &Path, target: &Path) -> std::io::Result<()> {
    if !target.exists() {
        return fs::rename(staged, target);
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the old folder, which its owner removes.
        return Ok(());
    }
    let mut old = staged.as_os_str().to_owned();
    old.push(".old");
    let old = PathBuf::from(old);
    fs::rename(target, &old)?;
    fs::rename(staged, target)?;
    fs::remove_dir_all(&old)
}

/// Exchange two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths, relative to the working directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Exchange two paths atomically: not offered here, so the caller renames in two steps.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Remove what a killed run left: staged folders, and folders renamed aside.
pub fn remove_stale(root: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(STAGED) && entry.path().is_dir() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            file("public/a.html", b"<p>a</p>"),
            file("internal/b.csv", b"x"),
        ];
        let written = write_all(dir.path(), &files).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            fs::read(dir.path().join("public/a.html")).unwrap(),
            b"<p>a</p>"
        );
        assert_eq!(names(dir.path()), ["internal", "public"]);
        assert_eq!(names(&dir.path().join("public")), ["a.html"]);
    }

    #[test]
    fn a_second_build_replaces_the_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[file("public/a.pdf", b"old"), file("public/a.html", b"old")],
        )
        .unwrap();
        write_all(dir.path(), &[file("public/a.html", b"new")]).unwrap();
        // No file of the old build stays beside the new one.
        assert_eq!(names(&dir.path().join("public")), ["a.html"]);
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[file("public/a.html", b"old")]).unwrap();
        // A file name no file system takes makes the second write fail.
        let files = [
            file("public/a.html", b"new"),
            file("internal/b\0.csv", b"x"),
        ];
        assert!(write_all(dir.path(), &files).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("public/a.html")).unwrap(),
            "old"
        );
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn what_a_killed_run_left_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".public.staged-99/x")).unwrap();
        write_all(dir.path(), &[file("public/a.html", b"a")]).unwrap();
        assert_eq!(names(dir.path()), ["public"]);
    }
}
