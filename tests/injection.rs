//! Hostile text in the notes and the questionnaire: typst markup, tera syntax, HTML and scripts, Markdown raw HTML, bidirectional overrides and very long lines come out as literal text in every format (or are refused with a message), and nothing reaches a file the event did not give.

mod common;
use common::*;

const ROSTER: &str = "name,organisation\nIngrid Holmqvist,Nordic Forecasting Institute\nTavita Faleolo,Pacific Resilience Network\n";

/// `full`, so that every paragraph of the discussion is published.
const EVENT: &str =
    "code = \"WP0666\"\ntitle = \"Hostile text\"\nstart = 2026-03-02\nlength = \"full\"\n";

/// Strings written into the notes, each of which must come out as the same literal text.
const LITERAL: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "#import \"/etc/hostname\": *",
    "$x^2$ and ] and [ and <label> and #set page(width: 1cm)",
    "{{ config }} and {% for x in y %}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
];

fn notes() -> String {
    let mut s = String::from("# Injection session\n\n");
    for l in LITERAL {
        s.push_str(&format!(
            "Participants pasted this into the chat: {l} and moved on.\n\n"
        ));
    }
    s.push_str("<div onclick=\"steal()\">raw html block</div>\n\n");
    s.push_str("See [the portal](javascript:alert(3)) for more.\n\n");
    s.push_str(&format!(
        "A very long line follows: {}.\n\n",
        "word ".repeat(2000).trim_end()
    ));
    s.push_str("## Recommendations\n\n- Recommendation: Escape {{ everything }} before <b>publishing</b> it.\n");
    s
}

#[test]
fn hostile_text_is_literal_in_every_format_and_no_file_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let text = notes();
    write_event(&ev, EVENT, ROSTER, &[("a.md", text.as_bytes())]);
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = tmp.path().join("out/WP0666/public");
    let pdf = squash(&pdf_text(&dir.join("WP0666-summary.pdf")));
    let docx = squash(&docx_text(&dir.join("WP0666-summary.docx")));
    let html_raw = std::fs::read_to_string(dir.join("WP0666-summary.html")).unwrap();
    let html = squash(&html_text(&dir.join("WP0666-summary.html")));
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let root_line = passwd.lines().next().unwrap_or("root:x:0:0");
    for (format, text) in [("PDF", &pdf), ("DOCX", &docx), ("HTML", &html)] {
        for l in LITERAL {
            assert!(
                text.contains(&squash(l)),
                "{format}: {l:?} is not in the note as written"
            );
        }
        assert!(
            text.contains("Escape {{ everything }} before <b>publishing</b> it."),
            "{format}: the recommendation is not literal"
        );
        assert!(!text.contains(root_line), "{format}: /etc/passwd was read");
    }
    // In the HTML, none of it is markup: no script or image element, and no tag with an
    // event handler or a script link (as text, escaped, they are the note's words).
    let lower = html_raw.to_lowercase();
    for bad in ["<script", "<img", "<div onclick"] {
        assert!(!lower.contains(bad), "HTML carries {bad:?}");
    }
    let tag = regex::Regex::new(r"<[a-z][^>]*>").unwrap();
    let handler = regex::Regex::new(r"\son\w+\s*=").unwrap();
    for t in tag.find_iter(&lower) {
        let t = t.as_str();
        assert!(
            !t.contains("javascript:") && !handler.is_match(t),
            "HTML tag {t:?}"
        );
    }
    // The long line is kept whole, not cut or refused.
    assert!(html.contains(&"word ".repeat(2000).trim_end().to_string()));
}

/// An event of one plain session, in a temporary folder.
fn plain_event() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        EVENT,
        ROSTER,
        &[(
            "a.md",
            b"# Session\n\n## Recommendations\n\n- Fund the regional office.\n",
        )],
    );
    (tmp, ev)
}

#[test]
fn hostile_text_in_questionnaire_answers_is_never_markup() {
    let (tmp, ev) = plain_event();
    std::fs::create_dir_all(ev.join("questionnaire")).unwrap();
    let mut csv = String::from(
        "Timestamp,How would you rate the event overall?,What would you suggest for next time?\n",
    );
    for i in 0..6 {
        csv.push_str(&format!(
            "2026/03/02 10:0{i}:00,Excellent,\"<script>alert({i})</script> #read(\"\"/etc/passwd\"\") {{{{ x }}}}\"\n"
        ));
    }
    std::fs::write(ev.join("questionnaire/responses.csv"), csv).unwrap();
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = tmp.path().join("out/WP0666/public");
    let html_raw = std::fs::read_to_string(dir.join("WP0666-summary.html")).unwrap();
    assert!(!html_raw.to_lowercase().contains("<script"));
    let pdf = pdf_text(&dir.join("WP0666-summary.pdf"));
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    assert!(!pdf.contains(passwd.lines().next().unwrap_or("root:x:0:0")));
}

#[test]
fn a_name_hidden_by_bidirectional_overrides_is_still_stripped() {
    // U+202E turns the text after it around on screen: "tsivqmloH" shows as "Holmqvist".
    // Written either way round, with the controls in it, a name must not survive.
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let text = "# Session\n\nIngrid \u{202E}Holm\u{200B}qvist\u{202C} said that gauges matter. Then Holmq\u{2066}vist\u{2069} said more.\n\n## Recommendations\n\n- Fund the regional office.\n";
    write_event(&ev, EVENT, ROSTER, &[("a.md", text.as_bytes())]);
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("notes/a.md:3: 4 invisible control characters removed"),
        "{}",
        stderr(&o)
    );
    let dir = tmp.path().join("out/WP0666/public");
    for f in ["pdf", "docx", "html"] {
        let p = dir.join(format!("WP0666-summary.{f}"));
        let text = match f {
            "pdf" => pdf_text(&p),
            "docx" => docx_text(&p),
            _ => html_text(&p),
        };
        let plain: String = text
            .chars()
            .filter(
                |c| !matches!(c, '\u{200B}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
            )
            .collect();
        assert!(!plain.contains("Holmqvist"), "{f}: {plain}");
        assert!(
            !text.contains('\u{202E}'),
            "{f}: a right-to-left override reached the note"
        );
    }
}

#[test]
fn a_template_override_cannot_read_files_outside_what_it_is_given() {
    let (tmp, ev) = plain_event();
    let templates = tmp.path().join("my-templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("secret.txt"), "beside the template").unwrap();
    for (file, text) in [
        ("summary.typ", "#read(\"/etc/passwd\")"),
        ("summary.typ", "#read(\"secret.txt\")"),
        ("summary.typ", "#image(\"../ev/participants.csv\")"),
        ("summary.html.tera", "{% include \"/etc/passwd\" %}"),
        (
            "summary.html.tera",
            "{% include \"../ev/participants.csv\" %}",
        ),
    ] {
        let _ = std::fs::remove_file(templates.join("summary.typ"));
        let _ = std::fs::remove_file(templates.join("summary.html.tera"));
        std::fs::write(templates.join(file), text).unwrap();
        let o = build_into_out(
            tmp.path(),
            &ev,
            &["--templates", templates.to_str().unwrap()],
        );
        assert!(!o.status.success(), "{file}: {text} built");
        let err = stderr(&o);
        assert!(
            err.contains("cannot render the note"),
            "{file}: {text}: {err}"
        );
        assert!(!err.contains("root:"), "{err}");
        assert!(!tmp.path().join("out/WP0666/public").exists());
    }
}

/// Notes that quote a script none of the PDF's fonts has (a slogan in Chinese, a place in
/// Georgian) still make the note: the PDF shows each such character as U+FFFD and the build
/// warns once for the paragraph, naming the notes file; DOCX and HTML keep the text. PDF/UA-1 refuses a character
/// drawn as a blank box, and that refusal used to fail the whole event.
#[test]
fn a_script_the_pdf_fonts_lack_warns_and_the_note_is_still_made() {
    let tmp = tempfile::tempdir().unwrap();
    let event = tmp.path().join("ev");
    let notes = "# Water\n\nParticipants recalled the slogan 水是生命 painted on the kiosks, and argued that tariffs should be published where people queue.\n\nRecommendation: Utilities should publish tariffs at every kiosk.\n";
    write_event(
        &event,
        SMALL_EVENT,
        SMALL_ROSTER,
        &[("01-water.md", notes.as_bytes())],
    );
    let out = build_into_out(tmp.path(), &event, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // One warning for the paragraph, with all four characters, not one each.
    assert!(
        err.contains("01-water.md") && err.contains("4 characters '水是生命' have no glyph"),
        "{err}"
    );
    assert_eq!(err.matches("no glyph").count(), 1, "{err}");
    let public = tmp.path().join("out/WP0001/public");
    let pdf = pdf_text(&public.join("WP0001-summary.pdf"));
    assert!(pdf.contains('\u{FFFD}') && !pdf.contains('水'), "{pdf}");
    assert!(html_text(&public.join("WP0001-summary.html")).contains("水是生命"));
    assert!(docx_text(&public.join("WP0001-summary.docx")).contains("水是生命"));
}
