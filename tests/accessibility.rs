//! The HTML note passes axe-core (WCAG 2.2 A and AA, and axe's best practices) in headless Chromium with no violation: the sample, and the brief-note fixture. `.ci/run` installs Chromium and the axe-core npm package; where either is missing the test says it is skipped.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Chromium on this machine, if any.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// axe-core as `.ci/run` installs it (`npm install --prefix target/axe axe-core@4`).
fn axe() -> Option<PathBuf> {
    let p = repo().join("target/axe/node_modules/axe-core/axe.min.js");
    p.is_file().then_some(p)
}

/// The violations axe finds in an HTML file, as "rule (impact): element, ...".
fn violations(html: &Path, chromium: &str, axe: &Path) -> Vec<String> {
    let page = std::fs::read_to_string(html).unwrap();
    let script = std::fs::read_to_string(axe).unwrap();
    let probe = format!(
        "<script>{script}</script><script>\
         axe.run(document, {{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})\
         .then(r => {{ const p = document.createElement('pre'); p.id = 'axe-result';\
         p.textContent = JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')));\
         document.body.appendChild(p); }})\
         .catch(e => {{ const p = document.createElement('pre'); p.id = 'axe-result'; p.textContent = JSON.stringify(['axe failed: ' + e]); document.body.appendChild(p); }});\
         </script></body>"
    );
    let dir = tempfile::tempdir().unwrap();
    let probed = dir.path().join("probed.html");
    std::fs::write(&probed, page.replacen("</body>", &probe, 1)).unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=30000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", probed.display()))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let Some(at) = dom.find(r#"<pre id="axe-result">"#) else {
        panic!(
            "axe gave no result:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let json = dom[at + r#"<pre id="axe-result">"#.len()..]
        .split("</pre>")
        .next()
        .unwrap()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

#[test]
fn the_html_note_has_no_axe_violation() {
    let (Some(chromium), Some(axe)) = (chromium(), axe()) else {
        eprintln!(
            "skipped: needs Chromium and axe-core (apt-get install chromium; npm install --prefix target/axe axe-core@4), as .ci/run installs them"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // The sample as final, the minerals event as a draft (its banner is checked too).
    let o = build_into_out(tmp.path(), &sample(), &["--format", "html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let minerals = repo().join("tests/fixtures/events/minerals");
    let o = build_into_out(tmp.path(), &minerals, &["--format", "html", "--draft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for html in [
        "out/WP2417/public/WP2417-summary.html",
        "out/WP2633/public/WP2633-summary-DRAFT.html",
    ] {
        let found = violations(&tmp.path().join(html), chromium, &axe);
        assert!(found.is_empty(), "{html}: {found:#?}");
    }
}
