//! Helpers shared by the end-to-end tests: running the binary, copying fixture events, reading the text of each output format.
#![allow(dead_code)]

pub mod generate;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample() -> PathBuf {
    repo().join("inputs/wp-sample")
}

/// Run `briefnote` with `args` in `cwd`.
pub fn briefnote(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefnote"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("briefnote runs")
}

/// `briefnote build EVENT --out out` in `cwd`, with more arguments after.
pub fn build_into_out(cwd: &Path, event: &Path, more: &[&str]) -> Output {
    let event = event.to_str().unwrap();
    let mut args = vec!["build", event, "--out", "out"];
    args.extend_from_slice(more);
    briefnote(cwd, &args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A minimal valid event in `dir`, with the given notes files.
pub fn write_event(dir: &Path, event_toml: &str, participants: &str, notes: &[(&str, &[u8])]) {
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("event.toml"), event_toml).unwrap();
    std::fs::write(dir.join("participants.csv"), participants).unwrap();
    for (name, bytes) in notes {
        std::fs::write(dir.join("notes").join(name), bytes).unwrap();
    }
}

pub const SMALL_EVENT: &str =
    "code = \"WP0001\"\ntitle = \"A small test dialogue\"\nstart = 2026-02-02\n";
pub const SMALL_ROSTER: &str =
    "name,organisation\nMaria Lindqvist,Veridia Institute\nChidi Okafor,Sahel Relief Network\n";

/// The text of a DOCX: every `w:t` of `word/document.xml`, a paragraph a line.
pub fn docx_text(path: &Path) -> String {
    let xml = zip_part(path, "word/document.xml");
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(at) = rest.find("<w:t") {
            rest = &rest[at..];
            let open_end = rest.find('>').unwrap();
            if rest[..open_end].ends_with('/') {
                rest = &rest[open_end..];
                continue;
            }
            let close = rest.find("</w:t>").unwrap();
            line.push_str(&rest[open_end + 1..close]);
            rest = &rest[close..];
        }
        if !line.is_empty() {
            out.push_str(&unescape(&line));
            out.push('\n');
        }
    }
    out
}

pub fn zip_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The visible text of the HTML, a block a line.
pub fn html_text(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                if tag.starts_with("/p")
                    || tag.starts_with("/h")
                    || tag.starts_with("/li")
                    || tag.starts_with("/tr")
                    || tag.starts_with("/caption")
                {
                    out.push('\n');
                } else if tag.starts_with("/td")
                    || tag.starts_with("/th")
                    || tag.starts_with("/span")
                {
                    out.push(' ');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    unescape(&out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The text of a PDF, as poppler's pdftotext reads it.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: .ci/run installs it");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Collapse white space, so that text wrapped over lines compares with the source.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}
