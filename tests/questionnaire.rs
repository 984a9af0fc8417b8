//! The questionnaire readers and figures against one fictional form exported by each tool (`tests/fixtures/questionnaire`, made by `make_questionnaires.py`): the same exact figures from every export, identifying columns gone, two tools' exports of one form merged.

mod common;
use briefnote::evaluate::{Figures, evaluate};
use briefnote::ingest::questionnaire::merge;
use briefnote::ingest::questionnaire::{Tool, read};
use common::*;

const OVERALL: &str = "Overall, how would you rate the dialogue?";
const RECOMMEND: &str = "How likely are you to recommend this dialogue to a colleague?";
const SESSIONS: &str = "Which sessions did you attend?";
const SECTOR: &str = "Which sector do you work in?";
const NEXT_TIME: &str = "What should the organisers do differently next time?";

/// Values from the identifying columns of the fixtures.
const IDENTIFYING: &[&str] = &[
    "respondent1@example.org",
    "203.0.113.1",
    "R_abc120",
    "Quill",
    "11800000",
    "400123",
    "51.50",
];

fn figures_of(file: &str) -> (Tool, briefnote::evaluate::Evaluation) {
    let path = repo().join("tests/fixtures/questionnaire").join(file);
    let (export, _) = read(&path, file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let tool = export.tool;
    (tool, evaluated(merge(vec![export]), 12))
}

/// The figures of a questionnaire as a build makes them: in an event of `participants`
/// (fictional) people, through the anonymiser, since the figures are made only from what
/// it hands on.
fn evaluated(
    survey: briefnote::model::Survey,
    participants: usize,
) -> briefnote::evaluate::Evaluation {
    use briefnote::model::{Participant, RawEvent};
    const GIVEN: [&str; 4] = ["Odile", "Kwabena", "Rasa", "Tevita"];
    const FAMILY: [&str; 4] = ["Marchetti", "Oduya", "Lindgren", "Fakatava"];
    let meta = briefnote::ingest::event::parse(
        "code = \"WP0001\"\ntitle = \"A dialogue\"\nstart = 2026-01-12\nend = 2026-01-14\n",
    )
    .expect("a good event.toml");
    let participants = (0..participants)
        .map(|i| {
            let (given, family) = (GIVEN[i % 4], FAMILY[i / 4 % 4]);
            Participant {
                name: format!("{given} {family}"),
                given: Some(given.into()),
                family: Some(family.into()),
                ..Default::default()
            }
        })
        .collect();
    let raw = RawEvent {
        dir: std::path::PathBuf::new(),
        meta,
        participants,
        sessions: Vec::new(),
        survey: Some(survey),
    };
    let anonymiser = briefnote::anonymise::Anonymiser::for_event(&raw);
    let clean = briefnote::anonymise::anonymise(&raw, &anonymiser);
    evaluate(&clean).expect("the event has a questionnaire")
}

fn question<'a>(e: &'a briefnote::evaluate::Evaluation, text: &str) -> &'a Figures {
    &e.questions
        .iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("no question {text:?} in {:?}", e.questions))
        .figures
}

#[test]
fn every_tool_and_format_gives_the_same_exact_figures() {
    for (file, tool) in [
        ("msforms.csv", Tool::MicrosoftForms),
        ("msforms.xlsx", Tool::MicrosoftForms),
        ("google.csv", Tool::GoogleForms),
        ("surveymonkey.csv", Tool::SurveyMonkey),
        ("surveymonkey.xlsx", Tool::SurveyMonkey),
        ("qualtrics.csv", Tool::Qualtrics),
    ] {
        let (found, e) = figures_of(file);
        assert_eq!(found, tool, "{file} recognised as {found:?}");
        let texts: Vec<&str> = e.questions.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            texts,
            [OVERALL, RECOMMEND, SESSIONS, SECTOR, NEXT_TIME],
            "{file}: identifying or derived columns left in"
        );
        assert_eq!(e.responses, 6, "{file}");
        assert_eq!(e.response_rate, Some(50.0), "{file}");
        assert_eq!(
            question(&e, OVERALL),
            &Figures::Rating {
                options: ["Excellent", "Very good", "Good", "Fair", "Poor"]
                    .map(String::from)
                    .to_vec(),
                counts: vec![2, 1, 1, 1, 0],
                answered: 5,
                mean: 3.8
            },
            "{file}"
        );
        assert_eq!(
            question(&e, RECOMMEND),
            &Figures::Recommend {
                answered: 6,
                mean: 7.83,
                net: 33,
                promoters: 3,
                passives: 2,
                detractors: 1
            },
            "{file}"
        );
        assert_eq!(
            question(&e, SESSIONS),
            &Figures::Choice {
                multiple: true,
                answered: 6,
                counts: vec![("Closing".into(), 4), ("Opening".into(), 4)]
            },
            "{file}"
        );
        assert_eq!(
            question(&e, SECTOR),
            &Figures::Choice {
                multiple: false,
                answered: 6,
                counts: vec![
                    ("Government".into(), 4),
                    ("Academia".into(), 1),
                    ("Civil society".into(), 1)
                ]
            },
            "{file}"
        );
        assert_eq!(
            question(&e, NEXT_TIME),
            &Figures::FreeText { answered: 3 },
            "{file}"
        );
        // Four respondents in government: fewer than five, so no group figure is shown.
        assert!(
            e.breakdowns[0]
                .groups
                .iter()
                .all(|(_, shown)| shown.is_none()),
            "{file}: {:?}",
            e.breakdowns
        );
    }
}

#[test]
fn two_tools_exports_of_one_form_merge_into_one_evaluation() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    let roster: String = std::iter::once("name".to_string())
        .chain((1..=12).map(|i| format!("Person {i} Example{i}")))
        .collect::<Vec<_>>()
        .join("\n");
    write_event(
        &ev,
        SMALL_EVENT,
        &roster,
        &[(
            "a.md",
            b"# Session A\n\n## Recommendations\n\n- Invite more national NGOs to the dialogue.\n",
        )],
    );
    std::fs::create_dir_all(ev.join("questionnaire")).unwrap();
    for f in ["msforms.xlsx", "google.csv"] {
        std::fs::copy(
            repo().join("tests/fixtures/questionnaire").join(f),
            ev.join("questionnaire").join(f),
        )
        .unwrap();
    }
    let o = build_into_out(tmp.path(), &ev, &["--emit", "view"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tmp.path().join("out/WP0001");
    let view = std::fs::read_to_string(out.join("internal/WP0001-view.json")).unwrap();
    let html = squash(&html_text(&out.join("public/WP0001-summary.html")));
    assert!(html.contains("12 participants answered the evaluation questionnaire, a response rate of 100% (12 of 12)."), "{html}");
    assert!(
        html.contains("Overall, they rated the event 3.80 out of 5 (10 ratings)."),
        "{html}"
    );
    assert!(
        html.contains("the mean answer was 7.83 (12 answers)") && html.contains("was +33."),
        "{html}"
    );
    // Six ratings from government now pass the threshold; academia's two do not.
    assert!(html.contains("Government 6 4.67"), "{html}");
    assert!(html.contains("Academia fewer than 5 not shown"), "{html}");
    // A suggestion that matches a session's recommendation strengthens it, without being quoted.
    assert!(html.contains("Invite more national NGOs to the dialogue. Raised in one session and in the questionnaire."), "{html}");
    assert!(
        !html.contains("Invite more national NGOs. "),
        "a respondent's wording was published: {html}"
    );
    assert!(
        !html.contains("More time for breakouts"),
        "free text was quoted: {html}"
    );
    let texts = [
        view,
        html,
        docx_text(&out.join("public/WP0001-summary.docx")),
        pdf_text(&out.join("public/WP0001-summary.pdf")),
    ];
    for t in &texts {
        for id in IDENTIFYING {
            assert!(!t.contains(id), "{id} reached an output");
        }
    }
    // The chart is in each format: inline SVG, an image in the PDF, a PNG with alt text in the DOCX.
    let raw_html = std::fs::read_to_string(out.join("public/WP0001-summary.html")).unwrap();
    assert!(raw_html.contains("<svg") && raw_html.contains("<title>Bar chart of 10 answers: Excellent 4, Very good 2, Good 2, Fair 2, Poor 0.</title>"));
    let doc = zip_part(&out.join("public/WP0001-summary.docx"), "word/document.xml");
    assert!(
        doc.contains(
            r#"descr="Bar chart of 10 answers: Excellent 4, Very good 2, Good 2, Fair 2, Poor 0.""#
        ),
        "no alt text on the DOCX chart"
    );
    let pdf = std::fs::read(out.join("public/WP0001-summary.pdf")).unwrap();
    assert!(
        pdf.windows(7).any(|w| w == b"/Figure"),
        "the PDF's chart is not a tagged figure"
    );
}

#[test]
fn with_fewer_than_five_responses_only_their_number_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    let ev = tmp.path().join("ev");
    write_event(
        &ev,
        SMALL_EVENT,
        SMALL_ROSTER,
        &[("a.md", b"# A\n\nText.\n")],
    );
    std::fs::create_dir_all(ev.join("questionnaire")).unwrap();
    std::fs::write(
        ev.join("questionnaire/few.csv"),
        "Timestamp,\"Overall, how would you rate the dialogue?\"\n1,Excellent\n2,Good\n3,Poor\n",
    )
    .unwrap();
    let o = briefnote(tmp.path(), &["build", ev.to_str().unwrap(), "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = squash(&html_text(
        &tmp.path().join("out/WP0001/public/WP0001-summary.html"),
    ));
    // Three answers from two participants: an input problem, reported, and no rate over 100%.
    assert!(html.contains("3 participants answered the evaluation questionnaire. With so few responses, no figures are given"), "{html}");
    assert!(
        !html.contains("150%") && !html.contains("response rate"),
        "{html}"
    );
    let err = stderr(&o);
    assert!(
        err.contains("questionnaire/few.csv")
            && err.contains("3 questionnaire responses but 2 participants"),
        "{err}"
    );
    assert!(!html.contains("Excellent"), "{html}");
}

#[test]
fn real_exports_from_each_tool_are_recognised() {
    let dir = repo().join("../shared/real-samples/questionnaire");
    assert!(
        dir.is_dir(),
        "{} is not here: this test needs the shared real samples beside the checkout",
        dir.display()
    );
    for (file, tool) in [
        (
            "msforms_uva_hotdog_fa24_excel_saved.csv",
            Tool::MicrosoftForms,
        ),
        (
            "googleforms_uva_hotdog_sp24_form_responses_1.csv",
            Tool::GoogleForms,
        ),
        (
            "googleforms_uva_hotdog_sp25_form_responses_1.csv",
            Tool::GoogleForms,
        ),
        ("googleforms_uva_hotdog_sp24.xlsx", Tool::GoogleForms),
        ("surveymonkey_538_steak_risk.csv", Tool::SurveyMonkey),
        ("surveymonkey_538_starwars_first400.csv", Tool::SurveyMonkey),
        (
            "surveymonkey_538_region_midwest_first300.csv",
            Tool::SurveyMonkey,
        ),
        ("qualtrics_qualtRics_sample.csv", Tool::Qualtrics),
        ("qualtrics_qualtRics_sample_legacy.csv", Tool::Qualtrics),
        (
            "qualtrics_QualtricsTools_text_entry_components.csv",
            Tool::Qualtrics,
        ),
        (
            "qualtrics_QualtricsTools_single_answer_matrix_insights.csv",
            Tool::Qualtrics,
        ),
    ] {
        let (export, _) = read(&dir.join(file), file).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(export.tool, tool, "{file}");
        assert!(export.responses > 0, "{file}");
        for c in &export.columns {
            let q = c.question.to_lowercase();
            for banned in [
                "ip address",
                "ipaddress",
                "email",
                "respondent id",
                "respondentid",
                "responseid",
                "recipient",
                "latitude",
            ] {
                assert!(
                    !q.contains(banned),
                    "{file}: identifying column {:?} kept",
                    c.question
                );
            }
        }
    }
    // The same Google form as CSV and as XLSX gives the same answers.
    let (csv, _) = read(
        &dir.join("googleforms_uva_hotdog_sp24_form_responses_1.csv"),
        "a",
    )
    .unwrap();
    let (xlsx, _) = read(&dir.join("googleforms_uva_hotdog_sp24.xlsx"), "b").unwrap();
    assert_eq!(csv.responses, xlsx.responses);
    assert_eq!(csv.columns[0].answers, xlsx.columns[0].answers);
}
