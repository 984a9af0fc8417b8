//! The evaluation questionnaire in figures: each question classified (rating scale, 0–10 recommend, choice, free text), counted and averaged, with small groups suppressed so that no one can be picked out.

use crate::anonymise::CleanEvent;
use crate::fold::fold;
use crate::model::Survey;
use serde::Serialize;

/// Below this many respondents a group's figures are not shown.
pub const SMALL_GROUP: usize = 5;

/// What a question is, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Figures {
    /// A rating scale: options best first, the count of each, the mean on a 1–5 scale.
    Rating {
        options: Vec<String>,
        counts: Vec<usize>,
        answered: usize,
        mean: f64,
    },
    /// "How likely are you to recommend …" on 0–10: mean and net score (% 9–10 minus % 0–6).
    Recommend {
        answered: usize,
        mean: f64,
        net: i64,
        promoters: usize,
        passives: usize,
        detractors: usize,
    },
    /// Single or multiple choice: each option and how many chose it, most chosen first.
    Choice {
        multiple: bool,
        answered: usize,
        counts: Vec<(String, usize)>,
    },
    /// Free text: counted, never quoted.
    FreeText { answered: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFigures {
    pub text: String,
    pub figures: Figures,
}

/// The overall rating broken down by the answers to a group question (sector, country, session).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub by: String,
    /// Each group with (respondents, mean), or `None` where fewer than [`SMALL_GROUP`] answered.
    pub groups: Vec<(String, Option<(usize, f64)>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub responses: usize,
    pub participants: usize,
    /// Percentage of participants who responded, when the participant list is known.
    pub response_rate: Option<f64>,
    /// Index into `questions` of the overall rating.
    pub overall: Option<usize>,
    pub questions: Vec<QuestionFigures>,
    pub breakdowns: Vec<Breakdown>,
}

/// Answers that are no answer: they stay out of counts and means.
const NO_ANSWER: &[&str] = &[
    "n/a",
    "na",
    "not applicable",
    "don't know",
    "dont know",
    "do not know",
    "prefer not to say",
    "no opinion",
    "-99",
    "-",
];

/// Likert vocabularies, best first; answers are matched folded and without punctuation.
const SCALES: &[&[&str]] = &[
    &["excellent", "very good", "good", "fair", "poor"],
    &["excellent", "good", "average", "poor", "very poor"],
    &["excellent", "good", "fair", "poor"],
    &[
        "strongly agree",
        "agree",
        "neither agree nor disagree",
        "disagree",
        "strongly disagree",
    ],
    &[
        "strongly agree",
        "agree",
        "neutral",
        "disagree",
        "strongly disagree",
    ],
    &[
        "very satisfied",
        "satisfied",
        "neither satisfied nor dissatisfied",
        "dissatisfied",
        "very dissatisfied",
    ],
    &[
        "very satisfied",
        "satisfied",
        "neutral",
        "dissatisfied",
        "very dissatisfied",
    ],
    &[
        "very useful",
        "useful",
        "somewhat useful",
        "not very useful",
        "not at all useful",
    ],
    &[
        "extremely useful",
        "very useful",
        "moderately useful",
        "slightly useful",
        "not at all useful",
    ],
    &["very good", "good", "acceptable", "poor", "very poor"],
];

fn norm(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '\'')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_no_answer(a: &str) -> bool {
    let n = fold(a.trim());
    n.is_empty() || NO_ANSWER.contains(&n.as_str()) || NO_ANSWER.contains(&norm(a).as_str())
}

/// Classify and count one question.
pub fn figures(text: &str, answers: &[String]) -> Figures {
    let given: Vec<&str> = answers
        .iter()
        .map(|a| a.trim())
        .filter(|a| !is_no_answer(a))
        .collect();
    let answered = given.len();
    let t = fold(text);
    let numbers: Option<Vec<i64>> = given.iter().map(|a| a.parse::<i64>().ok()).collect();
    if let Some(nums) = &numbers {
        let recommend = t.contains("recommend") || t.contains("likely");
        if !nums.is_empty() && recommend && nums.iter().all(|n| (0..=10).contains(n)) {
            let promoters = nums.iter().filter(|&&n| n >= 9).count();
            let detractors = nums.iter().filter(|&&n| n <= 6).count();
            let passives = nums.len() - promoters - detractors;
            let mean = nums.iter().sum::<i64>() as f64 / nums.len() as f64;
            let net =
                ((promoters as f64 - detractors as f64) * 100.0 / nums.len() as f64).round() as i64;
            return Figures::Recommend {
                answered,
                mean: round(mean, 2),
                net,
                promoters,
                passives,
                detractors,
            };
        }
        if let (Some(&lo), Some(&hi)) = (nums.iter().min(), nums.iter().max()) {
            // A numeric scale: 1–5 (or 1–4, 1–7, 1–10), best high.
            let top = [4, 5, 7, 10].into_iter().find(|&m| hi <= m).unwrap_or(0);
            if lo >= 1 && top > 0 {
                let options: Vec<String> = (1..=top).rev().map(|n| n.to_string()).collect();
                let counts: Vec<usize> = (1..=top)
                    .rev()
                    .map(|n| nums.iter().filter(|&&x| x == n).count())
                    .collect();
                let mean = nums
                    .iter()
                    .map(|&n| 1.0 + 4.0 * (n - 1) as f64 / (top - 1) as f64)
                    .sum::<f64>()
                    / nums.len() as f64;
                return Figures::Rating {
                    options,
                    counts,
                    answered,
                    mean: round(mean, 2),
                };
            }
        }
    }
    if answered > 0 {
        for scale in SCALES {
            let idx: Option<Vec<usize>> = given
                .iter()
                .map(|a| scale.iter().position(|s| *s == norm(a)))
                .collect();
            if let Some(idx) = idx {
                let k = scale.len();
                let counts: Vec<usize> = (0..k)
                    .map(|i| idx.iter().filter(|&&x| x == i).count())
                    .collect();
                let mean = idx
                    .iter()
                    .map(|&i| 1.0 + 4.0 * (k - 1 - i) as f64 / (k - 1) as f64)
                    .sum::<f64>()
                    / idx.len() as f64;
                // Keep the labels as the respondents' tool wrote them.
                let options = (0..k)
                    .map(|i| {
                        given
                            .iter()
                            .find(|a| norm(a) == scale[i])
                            .map_or_else(|| crate::text::capitalise(scale[i]), |a| a.to_string())
                    })
                    .collect();
                return Figures::Rating {
                    options,
                    counts,
                    answered,
                    mean: round(mean, 2),
                };
            }
        }
    }
    // Choice: few distinct answers, or answers that are lists of few distinct options.
    let multiple = given.iter().any(|a| a.contains(';'));
    let mut counts: Vec<(String, usize)> = Vec::new();
    for a in &given {
        let parts: Vec<&str> = if multiple {
            a.split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        } else {
            vec![a]
        };
        for p in parts {
            match counts.iter_mut().find(|(o, _)| norm(o) == norm(p)) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.to_string(), 1)),
            }
        }
    }
    let distinct = counts.len();
    if answered > 0
        && distinct <= 12
        && (distinct * 2 <= answered.max(2) || distinct <= 4 && answered >= distinct)
        && !free_text_question(&t)
    {
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        return Figures::Choice {
            multiple,
            answered,
            counts,
        };
    }
    Figures::FreeText { answered }
}

fn free_text_question(t: &str) -> bool {
    [
        "comment",
        "suggest",
        "why",
        "what",
        "how could",
        "anything else",
        "describe",
        "explain",
        "please specify",
        "other",
    ]
    .iter()
    .any(|w| t.contains(w))
        && !t.contains("which")
}

/// Whether a free-text question asks for suggestions, whose answers feed the recommendations.
pub fn asks_for_suggestions(text: &str) -> bool {
    let t = fold(text);
    [
        "suggest",
        "recommend",
        "improve",
        "should",
        "next time",
        "follow up",
        "follow-up",
    ]
    .iter()
    .any(|w| t.contains(w))
        && !t.contains("likely")
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// The figures of the event's questionnaire, as anonymised; `None` when it had none.
pub fn evaluate(event: &CleanEvent) -> Option<Evaluation> {
    event
        .survey()
        .map(|s| evaluate_survey(s, event.room().participants))
}

/// The figures of a whole questionnaire, `participants` being how many took part.
fn evaluate_survey(survey: &Survey, participants: usize) -> Evaluation {
    let questions: Vec<QuestionFigures> = survey
        .questions
        .iter()
        .map(|q| QuestionFigures {
            text: q.text.clone(),
            figures: figures(&q.text, &q.answers),
        })
        .collect();
    let ratings: Vec<usize> = (0..questions.len())
        .filter(|&i| matches!(questions[i].figures, Figures::Rating { .. }))
        .collect();
    let overall = ratings
        .iter()
        .copied()
        .find(|&i| fold(&questions[i].text).contains("overall"))
        .or(ratings.first().copied());
    let mut breakdowns = Vec::new();
    if let Some(o) = overall {
        let scores: Vec<Option<f64>> =
            score_each(&survey.questions[o].answers, &questions[o].figures);
        for (qi, q) in survey.questions.iter().enumerate() {
            let t = fold(&q.text);
            let grouping = ["sector", "country", "session", "region"]
                .iter()
                .any(|w| t.contains(w));
            if !grouping
                || !matches!(
                    questions[qi].figures,
                    Figures::Choice {
                        multiple: false,
                        ..
                    }
                )
            {
                continue;
            }
            let Figures::Choice { counts, .. } = &questions[qi].figures else {
                continue;
            };
            let groups = counts
                .iter()
                .map(|(label, _)| {
                    let members: Vec<f64> = (0..survey.responses)
                        .filter(|&r| norm(&q.answers[r]) == norm(label))
                        .filter_map(|r| scores[r])
                        .collect();
                    let shown = (members.len() >= SMALL_GROUP).then(|| {
                        (
                            members.len(),
                            round(members.iter().sum::<f64>() / members.len() as f64, 2),
                        )
                    });
                    (label.clone(), shown)
                })
                .collect();
            breakdowns.push(Breakdown {
                by: q.text.clone(),
                groups,
            });
        }
    }
    Evaluation {
        responses: survey.responses,
        participants,
        // More answers than people is a mistake in the inputs (reported by the build), not
        // a rate over 100%.
        response_rate: (participants > 0 && survey.responses <= participants)
            .then(|| round(survey.responses as f64 * 100.0 / participants as f64, 0)),
        overall,
        questions,
        breakdowns,
    }
}

/// Each response's score out of 5 on a rating question, or `None` where it gave none.
fn score_each(answers: &[String], figures: &Figures) -> Vec<Option<f64>> {
    let Figures::Rating { options, .. } = figures else {
        return vec![None; answers.len()];
    };
    let k = options.len();
    answers
        .iter()
        .map(|a| {
            let i = options.iter().position(|o| norm(o) == norm(a))?;
            Some(1.0 + 4.0 * (k - 1 - i) as f64 / (k - 1).max(1) as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SurveyQuestion;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn likert_words_in_any_case_with_no_answers_left_out() {
        let f = figures(
            "Overall, how would you rate the event?",
            &s(&[
                "Excellent",
                "very good",
                "GOOD",
                "N/A",
                "",
                "Excellent",
                "Don't know",
            ]),
        );
        let Figures::Rating {
            counts,
            answered,
            mean,
            options,
        } = f
        else {
            panic!("{f:?}")
        };
        assert_eq!(answered, 4);
        assert_eq!(counts, [2, 1, 1, 0, 0]);
        assert_eq!(options[0], "Excellent");
        assert_eq!(mean, 4.25);
    }

    #[test]
    fn recommend_mean_and_net_score() {
        let f = figures(
            "How likely are you to recommend this dialogue to a colleague?",
            &s(&["10", "9", "8", "6", "3"]),
        );
        assert_eq!(
            f,
            Figures::Recommend {
                answered: 5,
                mean: 7.2,
                net: 0,
                promoters: 2,
                passives: 1,
                detractors: 2
            }
        );
    }

    #[test]
    fn choices_multiple_choices_and_free_text() {
        let f = figures(
            "Which sessions did you attend?",
            &s(&["Opening; Closing", "Closing", "Opening"]),
        );
        assert_eq!(
            f,
            Figures::Choice {
                multiple: true,
                answered: 3,
                counts: vec![("Closing".into(), 2), ("Opening".into(), 2)]
            }
        );
        let f = figures(
            "Any other comments?",
            &s(&["Great", "More time please", "", "Good food"]),
        );
        assert_eq!(f, Figures::FreeText { answered: 3 });
    }

    #[test]
    fn small_groups_are_suppressed() {
        let survey = Survey {
            exports: vec![],
            responses: 7,
            questions: vec![
                SurveyQuestion {
                    text: "Overall rating".into(),
                    answers: s(&[
                        "Excellent",
                        "Good",
                        "Excellent",
                        "Good",
                        "Fair",
                        "Poor",
                        "Good",
                    ]),
                },
                SurveyQuestion {
                    text: "Your sector".into(),
                    answers: s(&[
                        "Government",
                        "Government",
                        "Government",
                        "Government",
                        "Government",
                        "Academia",
                        "Academia",
                    ]),
                },
            ],
            rows: vec![],
        };
        let e = evaluate_survey(&survey, 20);
        assert_eq!(e.response_rate, Some(35.0));
        let b = &e.breakdowns[0];
        assert_eq!(b.groups[0], ("Government".to_string(), Some((5, 3.6))));
        assert_eq!(b.groups[1], ("Academia".to_string(), None));
    }
}
