//! End to end over the sample event: the three public files, the internal ones, the same content in the same order in every format, no names, byte-identical reruns.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Build the sample once into a temporary folder shared by the tests of this file.
fn built() -> &'static (tempfile::TempDir, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let o = briefnote(
            &repo(),
            &[
                "build",
                sample().to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--emit",
                "view",
            ],
        );
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        let dir = out.join("WP2417");
        (tmp, dir)
    })
}

fn out() -> &'static Path {
    &built().1
}

const HEADINGS: &[&str] = &[
    "Key recommendations",
    "Introduction",
    "Negotiating and sustaining access",
    "Safety of aid workers",
    "Financing and flexibility",
    "Accountability and evidence",
    "Local leadership",
    "Other points",
    "Participant evaluation",
    "About this note",
];

/// Every recommendation of the sample, as the note must carry it.
const RECOMMENDATIONS: &[&str] = &[
    "Agencies should agree common negotiating positions in each crisis before approaching authorities.",
    "Establish a shared record of access incidents in each crisis, open to all operational agencies.",
    "Donors should recognise access negotiation, security staff and failed convoys as eligible costs in every humanitarian grant.",
    "Report every attack on aid workers to a common incident database, so that patterns can be seen and raised with parties to the conflict.",
    "Donors should treat bureaucratic impediments as a diplomatic issue and raise them at ministerial level.",
    "Agencies should give frontline negotiators clear mandates, training and the authority to keep the commitments they make.",
    "States should not criminalise humanitarian contact with armed groups: counter-terrorism laws need standing humanitarian exemptions.",
    "Agencies should extend the same duty of care, insurance and security training to national staff and local partners as to international staff.",
    "Donors should fund the security costs of local partners in full, as a condition of every partnership agreement.",
    "Increase the share of flexible, multi-year funding to agencies working in contested areas.",
    "Donors should simplify reporting for grants in areas where access changes week to week.",
    "States should support an independent mechanism to document attacks on humanitarian operations and preserve the evidence.",
    "The Security Council should request regular reporting on attacks against humanitarian operations, with named parties where evidence allows.",
    "Donors should fund national NGOs to document violations safely, including secure storage and legal support.",
    "Regional organisations should be involved in access negotiations from the start, not called on when talks have failed.",
    "Convene a follow-up dialogue within eighteen months to review progress on these recommendations.",
];

fn public(ext: &str) -> PathBuf {
    out().join(format!("public/WP2417-summary.{ext}"))
}

/// Positions of each needle in order; panics naming the first one missing or out of order.
fn assert_in_order(format: &str, text: &str, needles: &[&str]) {
    let text = squash(text);
    let mut at = 0;
    for n in needles {
        let n = squash(n);
        match text[at..].find(&n) {
            Some(i) => at += i + n.len(),
            None => panic!("{format}: {n:?} missing or out of order\n---\n{text}"),
        }
    }
}

#[test]
fn writes_the_three_public_files_and_the_internal_ones() {
    for ext in ["pdf", "docx", "html"] {
        let p = public(ext);
        assert!(p.is_file(), "{} missing", p.display());
        assert!(std::fs::metadata(&p).unwrap().len() > 1000);
    }
    assert!(std::fs::read(public("pdf")).unwrap().starts_with(b"%PDF-"));
    for name in ["redactions.csv", "provenance.json", "WP2417-view.json"] {
        assert!(
            out().join("internal").join(name).is_file(),
            "internal/{name} missing"
        );
    }
    let public_files: Vec<_> = std::fs::read_dir(out().join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        public_files.len(),
        3,
        "only the three notes go to public/: {public_files:?}"
    );
}

#[test]
fn every_format_has_the_same_headings_in_the_same_order() {
    assert_in_order("HTML", &html_text(&public("html")), HEADINGS);
    assert_in_order("DOCX", &docx_text(&public("docx")), HEADINGS);
    assert_in_order("PDF", &pdf_text(&public("pdf")), HEADINGS);
}

#[test]
fn every_format_carries_every_recommendation_in_the_same_order() {
    // The order is the view's; each format must follow it.
    let view: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out().join("internal/WP2417-view.json")).unwrap())
            .unwrap();
    let paras: Vec<String> = view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "para" && b["number"].is_number())
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect();
    for r in RECOMMENDATIONS {
        assert!(paras.iter().any(|p| p == r), "the view lacks {r:?}");
    }
    let ordered: Vec<&str> = paras
        .iter()
        .map(String::as_str)
        .filter(|p| RECOMMENDATIONS.contains(p))
        .collect();
    assert_eq!(ordered.len(), RECOMMENDATIONS.len());
    assert_in_order("HTML", &html_text(&public("html")), &ordered);
    assert_in_order("DOCX", &docx_text(&public("docx")), &ordered);
    assert_in_order("PDF", &pdf_text(&public("pdf")), &ordered);
}

#[test]
fn the_pdf_holds_the_title_dates_and_paragraph_numbers() {
    let text = squash(&pdf_text(&public("pdf")));
    assert!(text.contains("Keeping humanitarian access open in protracted conflicts"));
    assert!(
        text.contains("Monday 9 – Wednesday 11 March 2026"),
        "{text}"
    );
    assert!(text.contains(
        "In partnership with Ministry of Foreign Affairs of Veridia and The Halvorsen Foundation"
    ));
    let info = std::process::Command::new("pdfinfo")
        .arg(public("pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("WP2417: Keeping humanitarian access open"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
}

#[test]
fn the_pdf_declares_pdf_ua_1() {
    // typst refuses to write a PDF/UA-1 document that fails the standard's checks (title,
    // language, alternative text on every chart, heading order, table headers): that the
    // sample's PDF, charts and tables included, was written and declares it is the test.
    let pdf = std::fs::read(public("pdf")).unwrap();
    let xmp = String::from_utf8_lossy(&pdf);
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 declaration"
    );
}

#[test]
fn merged_recommendations_say_how_many_sessions_raised_them() {
    let html = squash(&html_text(&public("html")));
    assert!(
        html.contains("Agencies should agree common negotiating positions in each crisis before approaching authorities. Raised in 3 sessions."),
        "{html}"
    );
    let provenance: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out().join("internal/provenance.json")).unwrap())
            .unwrap();
    let common = provenance
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("Agencies should agree common")
        })
        .unwrap();
    assert_eq!(common["sessions"], 3);
    let locations: Vec<&str> = common["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["location"].as_str().unwrap())
        .collect();
    assert_eq!(
        locations,
        [
            "notes/01-opening-plenary.md:22",
            "notes/02-breakout-access-negotiations.docx:paragraph 11",
            "notes/06-closing-plenary.txt:17"
        ]
    );
}

#[test]
fn no_participant_name_or_email_reaches_any_public_file() {
    let roster = std::fs::read_to_string(sample().join("participants.csv")).unwrap();
    let texts = [
        html_text(&public("html")),
        docx_text(&public("docx")),
        pdf_text(&public("pdf")),
    ];
    for line in roster.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (name, email) = (cells[0], cells[3]);
        let surname = name.rsplit(' ').next().unwrap();
        for text in &texts {
            let text = squash(text);
            assert!(!text.contains(name), "{name} is in a public file");
            assert!(!text.contains(surname), "{surname} is in a public file");
            assert!(!text.contains(email), "{email} is in a public file");
        }
    }
    // The speaker's affiliation went with the name.
    assert!(!squash(&html_text(&public("html"))).contains("(Ministry of Development of Veridia)"));
}

#[test]
fn private_remarks_comments_deletions_and_hidden_text_never_reach_an_output() {
    let private = [
        "check the figures",      // a // line in Markdown
        "do not cite",            // a // line in a text file
        "asked not to be quoted", // an HTML comment in Markdown
        "Check with",             // a Word comment
        "privately disagreed",    // hidden text in Word
        "Okafor's team",          // a tracked deletion in Word
    ];
    let mut texts = vec![
        html_text(&public("html")),
        docx_text(&public("docx")),
        pdf_text(&public("pdf")),
    ];
    for name in ["redactions.csv", "provenance.json", "WP2417-view.json"] {
        texts.push(std::fs::read_to_string(out().join("internal").join(name)).unwrap());
    }
    for text in &texts {
        for p in private {
            assert!(!text.contains(p), "{p:?} reached an output");
        }
    }
    // A tracked insertion is text.
    assert!(
        squash(&html_text(&public("html"))).contains("clear mandates, training and the authority")
    );
}

#[test]
fn redactions_are_logged_with_file_line_and_rule() {
    let csv = std::fs::read_to_string(out().join("internal/redactions.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("location,original,replacement,rule,certain")
    );
    assert!(
        csv.contains(
            "notes/01-opening-plenary.md:7,Ambassador Lindqvist,One participant,surname+honorific,yes"
        ),
        "{csv}"
    );
    assert!(csv.contains("notes/05-plenary-accountability.docx:paragraph 2,Nadia Haddad,One participant,full-name,yes"), "{csv}");
    assert!(
        csv.contains("notes/01-opening-plenary.md:9,his,their,pronoun,yes"),
        "{csv}"
    );
    assert!(csv.contains("Rafael Moreira (Ministry of Development of Veridia),One participant,full-name+affiliation,yes"), "{csv}");
}

#[test]
fn the_docx_has_word_headings_and_document_properties() {
    let styles = zip_part(&public("docx"), "word/styles.xml");
    assert!(
        styles.contains(r#"w:styleId="Heading2""#)
            && styles.contains(r#"<w:name w:val="heading 2" />"#),
        "{styles}"
    );
    assert!(styles.contains(r#"<w:lang w:val="en-GB""#));
    let doc = zip_part(&public("docx"), "word/document.xml");
    assert!(doc.contains(r#"<w:pStyle w:val="Heading2" />"#));
    // The outline starts at level 1 (the title) and never skips a level.
    let levels: Vec<u8> = doc
        .match_indices(r#"<w:pStyle w:val="Heading"#)
        .map(|(at, m)| doc.as_bytes()[at + m.len()] - b'0')
        .collect();
    assert_eq!(levels.first(), Some(&1), "{levels:?}");
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{levels:?}");
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "a heading level is skipped: {levels:?}");
    }
    // Paragraph numbers are Word numbering, not typed digits.
    assert!(doc.contains(r#"<w:numId w:val="11" />"#));
    // Every table's first row is its header row.
    let tables = doc.matches("<w:tbl>").count();
    assert!(tables > 0);
    assert_eq!(doc.matches("<w:tblHeader />").count(), tables);
    // Line spacing says its rule (LibreOffice took 276 without one for an exact height).
    assert!(
        styles.contains(r#"w:line="276" w:lineRule="auto""#),
        "{styles}"
    );
    let core = zip_part(&public("docx"), "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:title>WP2417: Keeping humanitarian access open in protracted conflicts</dc:title>"
        ),
        "{core}"
    );
    assert!(core.contains("<dc:creator>Wilton Park, UK</dc:creator>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn the_html_is_one_self_contained_file_with_language_and_title() {
    let html = std::fs::read_to_string(public("html")).unwrap();
    assert!(html.contains(r#"<html lang="en-GB">"#));
    assert!(html.contains(
        "<title>WP2417: Keeping humanitarian access open in protracted conflicts</title>"
    ));
    assert!(html.contains("<style>"));
    for external in ["<link", "<script", "src=\"http", "@import"] {
        assert!(
            !html.contains(external),
            "the HTML loads something: {external}"
        );
    }
    assert!(html.contains(r#"<h2 id="safety-of-aid-workers">Safety of aid workers</h2>"#));
}

#[test]
fn the_view_and_html_match_their_goldens() {
    golden(
        "sample.view.json",
        &std::fs::read(out().join("internal/WP2417-view.json")).unwrap(),
    );
    golden("sample.html", &std::fs::read(public("html")).unwrap());
}

#[test]
fn the_docx_body_and_the_pdf_text_match_their_goldens() {
    // The Word body with one element a line, so that a change reads as a diff of lines.
    let xml = zip_part(&public("docx"), "word/document.xml").replace("><", ">\n<");
    golden("sample.document.xml", xml.as_bytes());
    // What a reader extracts from the PDF (poppler's pdftotext), trailing spaces trimmed.
    let text: String = pdf_text(&public("pdf"))
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    golden("sample.pdf.txt", text.as_bytes());
}

/// Compare with `tests/golden/NAME`; `UPDATE_GOLDEN=1 cargo test` rewrites it.
fn golden(name: &str, actual: &[u8]) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} missing: run UPDATE_GOLDEN=1 cargo test", path.display()));
    if expected != actual {
        panic!(
            "{name} differs from its golden; if the change is intended, run UPDATE_GOLDEN=1 cargo test\n--- actual ---\n{}",
            String::from_utf8_lossy(actual)
        );
    }
}

#[test]
fn the_same_inputs_give_byte_identical_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let again = tmp.path().join("again");
    let o = briefnote(
        &repo(),
        &[
            "build",
            sample().to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
            "--emit",
            "view",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for rel in [
        "public/WP2417-summary.pdf",
        "public/WP2417-summary.docx",
        "public/WP2417-summary.html",
        "internal/redactions.csv",
        "internal/provenance.json",
        "internal/WP2417-view.json",
    ] {
        let a = std::fs::read(out().join(rel)).unwrap();
        let b = std::fs::read(again.join("WP2417").join(rel)).unwrap();
        assert!(a == b, "{rel} differs between two runs");
    }
}

#[test]
fn check_on_the_sample_says_only_how_long_the_note_is() {
    let o = briefnote(&repo(), &["check", sample().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("  hint:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("note: ") && lines[0].contains("event.toml: brief note: "),
        "{err}"
    );
    assert!(lines[0].contains("(at most 4000)"), "{err}");
}

#[test]
fn a_draft_says_so_in_every_format_and_in_its_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let o = build_into_out(tmp.path(), &sample(), &["--draft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let drafts = tmp.path().join("out/WP2417/public");
    let mut names: Vec<String> = std::fs::read_dir(&drafts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "WP2417-summary-DRAFT.docx",
            "WP2417-summary-DRAFT.html",
            "WP2417-summary-DRAFT.pdf"
        ]
    );
    const MARK: &str = "Draft — not for circulation";
    // PDF: across every page (pdftotext -raw reads the rotated watermark).
    let pdf = drafts.join("WP2417-summary-DRAFT.pdf");
    let raw = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    // Its words come as separate runs, on one rotated line: join them.
    let raw = squash(&String::from_utf8_lossy(&raw.stdout));
    let pages = lopdf::Document::load(&pdf).unwrap().get_pages().len();
    assert_eq!(raw.matches(MARK).count(), pages, "{raw}");
    // DOCX: in the page header.
    let header = zip_part(
        &drafts.join("WP2417-summary-DRAFT.docx"),
        "word/header1.xml",
    );
    assert!(header.contains(MARK), "{header}");
    // HTML: a banner before the title.
    let html = std::fs::read_to_string(drafts.join("WP2417-summary-DRAFT.html")).unwrap();
    let banner = html.find(MARK).expect("a draft banner");
    assert!(banner < html.find("<h1>").unwrap());
    // And the final note, the default, says nothing of the kind.
    let raw = std::process::Command::new("pdftotext")
        .args(["-raw", public("pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&raw.stdout).contains(MARK));
    assert!(!docx_text(&public("docx")).contains(MARK));
    assert!(
        !std::fs::read_to_string(public("html"))
            .unwrap()
            .contains(MARK)
    );
}

/// Words of a PDF with their page and vertical extent, from `pdftotext -bbox`.
fn words_with_boxes(pdf: &Path) -> Vec<(usize, String, f64, f64)> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        if line.trim_start().starts_with("<page") {
            page += 1;
        } else if line.trim_start().starts_with("<word") {
            let word = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            words.push((
                page,
                word.to_string(),
                attr(line, "yMin"),
                attr(line, "yMax"),
            ));
        }
    }
    words
}

#[test]
fn the_docx_charts_are_drawn_at_full_size_by_libreoffice() {
    // LibreOffice once drew each chart one text line high (line spacing without its rule).
    // Laid out by LibreOffice, the space between a chart's heading and the caption of the
    // table under it must hold the chart.
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if !soffice.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: LibreOffice (soffice) is not installed here; .ci/run installs it");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("note.docx");
    std::fs::copy(public("docx"), &docx).unwrap();
    let o = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(tmp.path())
        .arg(&docx)
        .env("HOME", tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The chart's height as the DOCX gives it (EMU; 12,700 to a point).
    let doc = zip_part(&public("docx"), "word/document.xml");
    let cy = doc.split("<wp:extent ").nth(1).unwrap();
    let cy: f64 = cy
        .split("cy=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let chart = cy / 12700.0;
    // Bullets are bullets and paragraph numbers are Word's own, the view's numbers (docx-rs
    // defines a list of its own with id 1, which once turned every bullet into "1.", "2." ...).
    let laid_out = std::process::Command::new("pdftotext")
        .arg(tmp.path().join("note.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let laid_out = squash(&String::from_utf8_lossy(&laid_out.stdout));
    assert!(
        laid_out.contains("• Agencies should agree common negotiating positions"),
        "{laid_out}"
    );
    assert!(laid_out.contains("4 Agencies should agree common negotiating positions"));
    assert!(laid_out.contains("12 Access is negotiated continuously"));
    let words = words_with_boxes(&tmp.path().join("note.pdf"));
    let heading = words
        .windows(3)
        .position(|w| w[0].1 == "rate" && w[1].1 == "the" && w[2].1 == "dialogue?")
        .expect("the first chart's heading")
        + 2;
    let (page, _, _, bottom) = words[heading].clone();
    let (_, _, top, _) = words[heading..]
        .iter()
        .find(|w| w.0 == page && w.1 == "Answers")
        .expect("the caption under the chart, on the same page")
        .clone();
    assert!(
        top - bottom >= 0.9 * chart,
        "{:.0} pt between the heading and the caption for a chart {chart:.0} pt high",
        top - bottom
    );
}

#[test]
fn the_html_has_a_skip_link_landmarks_and_paragraph_links_that_land() {
    let html = std::fs::read_to_string(public("html")).unwrap();
    assert!(html.contains(r##"<a class="skip" href="#content">"##));
    assert!(html.contains(r#"<main id="content">"#));
    for landmark in ["<header>", "<main", "<footer>"] {
        assert!(html.contains(landmark), "no {landmark}");
    }
    assert!(html.contains("@media print"));
    // Every "paragraph N" of the key recommendations and key points is a link to paragraph N.
    let links: Vec<&str> = html
        .split(r##"href="#p"##)
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(links.len() >= 5, "{links:?}");
    for n in links {
        assert!(
            html.contains(&format!(r#"id="p{n}""#)),
            "#p{n} leads nowhere"
        );
    }
}

#[test]
fn the_house_colour_and_disclaimer_reach_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    copy_dir(&sample(), &ev);
    prepend_to_event_toml(
        &ev,
        "accent = \"#006435\"\ndisclaimer = \"Published by the organisers to inform discussion; it binds no one.\"\n",
    );
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = tmp.path().join("out/WP2417/public");
    let statement = "Published by the organisers to inform discussion; it binds no one.";
    for text in [
        squash(&pdf_text(&public.join("WP2417-summary.pdf"))),
        squash(&docx_text(&public.join("WP2417-summary.docx"))),
        squash(&html_text(&public.join("WP2417-summary.html"))),
    ] {
        assert!(text.contains(statement), "the disclaimer is missing");
        assert!(!text.contains("reading of a discussion held under the Chatham House Rule"));
    }
    let html = std::fs::read_to_string(public.join("WP2417-summary.html")).unwrap();
    assert!(html.contains("h1, h2, h3 { color: #006435;"));
    assert!(
        html.contains(r##"fill="#006435""##),
        "charts in the house colour"
    );
    let styles = zip_part(&public.join("WP2417-summary.docx"), "word/styles.xml");
    assert!(styles.contains(r#"<w:color w:val="006435" />"#), "{styles}");
    // The PDF's headings: pdftoppm draws the first page, and the title's pixels are green.
    let png = tmp.path().join("page");
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "30", "-f", "1", "-l", "1", "-png"])
        .arg(public.join("WP2417-summary.pdf"))
        .arg(&png)
        .status()
        .unwrap();
    assert!(ok.success());
    let page = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("page") && p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    // Count green pixels (the default blue has none).
    let decoded = resvg::tiny_skia::Pixmap::load_png(&page).unwrap();
    let green = decoded
        .pixels()
        .iter()
        .map(|p| {
            (
                i32::from(p.red()),
                i32::from(p.green()),
                i32::from(p.blue()),
            )
        })
        .filter(|&(r, g, b)| g > r + 40 && g > b + 20)
        .count();
    assert!(green > 50, "only {green} green pixels on the first page");
}

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><rect width="200" height="60" fill="#1d3f6e"/><circle cx="30" cy="30" r="20" fill="#ffffff"/></svg>"##;

#[test]
fn logos_with_their_alt_texts_reach_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    copy_dir(&sample(), &ev);
    std::fs::write(ev.join("logo.svg"), LOGO_SVG).unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(120, 40).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::from_rgba8(0, 100, 53, 255));
    std::fs::write(ev.join("partner.png"), pixmap.encode_png().unwrap()).unwrap();
    prepend_to_event_toml(
        &ev,
        "logo = { file = \"logo.svg\", alt = \"Wilton Park\" }\npartner_logos = [{ file = \"partner.png\", alt = \"The Halvorsen Foundation\" }]\n",
    );
    let o = build_into_out(tmp.path(), &ev, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = tmp.path().join("out/WP2417/public");
    let html = std::fs::read_to_string(public.join("WP2417-summary.html")).unwrap();
    assert!(
        html.contains(r#"alt="Wilton Park" height="60""#),
        "organiser's logo"
    );
    assert!(
        html.contains(r#"alt="The Halvorsen Foundation" height="44""#),
        "partner's logo"
    );
    assert!(
        !html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\""),
        "an SVG logo is an image, never inline markup"
    );
    let doc = zip_part(&public.join("WP2417-summary.docx"), "word/document.xml");
    assert!(doc.contains(r#"descr="Wilton Park""#));
    assert!(doc.contains(r#"descr="The Halvorsen Foundation""#));
    let images = std::process::Command::new("pdfimages")
        .args(["-list"])
        .arg(public.join("WP2417-summary.pdf"))
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&images.stdout);
    // The PNG logo is an image on page 1 (the SVG one is drawn as shapes).
    assert!(
        list.lines()
            .any(|l| l.split_whitespace().next() == Some("1")),
        "{list}"
    );
}

#[test]
fn a_logo_that_is_missing_outside_the_folder_or_not_an_image_is_an_error_on_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    copy_dir(&sample(), &ev);
    std::fs::write(tmp.path().join("secret.svg"), LOGO_SVG).unwrap();
    std::fs::write(ev.join("notes.png"), "not a picture").unwrap();
    prepend_to_event_toml(
        &ev,
        "logo = { file = \"../secret.svg\", alt = \"X\" }\npartner_logos = [\n  { file = \"missing.svg\", alt = \"Y\" },\n  { file = \"notes.png\", alt = \"Z\" },\n  { file = \"logo.gif\", alt = \"W\" },\n]\n",
    );
    let o = briefnote(tmp.path(), &["check", ev.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let toml = ev.join("event.toml");
    for (line, text) in [
        (1, "the logo \"../secret.svg\" is outside the event folder"),
        (3, "the logo \"missing.svg\" is not in the event folder"),
        (4, "the logo \"notes.png\" is not a PNG image"),
        (5, "the logo \"logo.gif\" is not a .png or .svg file"),
    ] {
        assert!(
            err.contains(&format!("error: {}:{line}: {text}", toml.display())),
            "{text}:\n{err}"
        );
    }
}

#[test]
fn the_pdf_has_a_bookmark_for_every_heading() {
    let doc = lopdf::Document::load(public("pdf")).unwrap();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .expect("the PDF has an outline");
    // Walk the outline tree, counting its items and reading their titles.
    fn walk(doc: &lopdf::Document, first: Option<lopdf::ObjectId>, titles: &mut Vec<String>) {
        let mut at = first;
        while let Some(id) = at {
            let item = doc.get_dictionary(id).unwrap();
            if let Ok(lopdf::Object::String(bytes, _)) = item.get(b"Title") {
                // UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
                let title = if bytes.starts_with(&[0xFE, 0xFF]) {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    String::from_utf8_lossy(bytes).into_owned()
                };
                titles.push(title);
            }
            let child = item.get(b"First").and_then(|o| o.as_reference()).ok();
            walk(doc, child, titles);
            at = item.get(b"Next").and_then(|o| o.as_reference()).ok();
        }
    }
    let root = doc.get_dictionary(outlines).unwrap();
    let mut titles = Vec::new();
    walk(
        &doc,
        root.get(b"First").and_then(|o| o.as_reference()).ok(),
        &mut titles,
    );
    let view: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out().join("internal/WP2417-view.json")).unwrap())
            .unwrap();
    let headings: Vec<&str> = view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "heading")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    for h in &headings {
        assert!(
            titles.iter().any(|t| t == h),
            "no bookmark for {h:?}: {titles:?}"
        );
    }
}

/// Put `keys` at the top of the event.toml in `ev`, before its own keys and tables.
fn prepend_to_event_toml(ev: &Path, keys: &str) {
    let toml = std::fs::read_to_string(ev.join("event.toml")).unwrap();
    std::fs::write(ev.join("event.toml"), format!("{keys}{toml}")).unwrap();
}
