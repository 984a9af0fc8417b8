//! The anonymiser against every form CONTRACT.md and the Chatham House Rule name: each form stripped, each trap left alone, the prose still readable, and (with proptest) no roster name surviving any generated sentence.

use briefnote::anonymise::{Anonymiser, Redaction};
use briefnote::model::{Participant, Source};
use proptest::prelude::*;

fn person(name: &str, org: &str, role: &str, country: &str) -> Participant {
    let (given, family) = briefnote::ingest::participants::split_name(name);
    Participant {
        name: name.to_string(),
        given,
        family,
        organisation: Some(org.to_string()).filter(|s| !s.is_empty()),
        role: Some(role.to_string()).filter(|s| !s.is_empty()),
        email: Some(format!(
            "{}@example.org",
            name.split_whitespace().last().unwrap().to_lowercase()
        )),
        country: Some(country.to_string()).filter(|s| !s.is_empty()),
        source: Source::line("participants.csv", 2),
        ..Default::default()
    }
}

fn roster() -> Vec<Participant> {
    vec![
        person(
            "Maria Lindqvist",
            "Ministry of Foreign Affairs of Veridia",
            "Ambassador for Humanitarian Affairs",
            "Veridia",
        ),
        person(
            "Aino Jääskeläinen",
            "Nordic Institute for Conflict Studies",
            "Senior Researcher",
            "Finland",
        ),
        person(
            "José Gómez-Peña",
            "Andean Humanitarian Forum",
            "Head of Operations",
            "Colombia",
        ),
        person(
            "Siobhán O'Neill",
            "Centre for Humanitarian Negotiation Studies",
            "Director",
            "Ireland",
        ),
        person(
            "Ana María de la Cruz",
            "Caribbean Relief Alliance",
            "Coordinator",
            "Cuba",
        ),
        person(
            "Thomas Müller",
            "Logistics Without Borders",
            "Security Manager",
            "Germany",
        ),
        person(
            "Faith Noble",
            "Civic Space Trust",
            "Programme Officer",
            "United Kingdom",
        ),
        person(
            "Ann Young",
            "Youth Voices Network",
            "Campaigner",
            "United Kingdom",
        ),
        person(
            "Frank Law",
            "Legal Aid Collective",
            "Lawyer",
            "United Kingdom",
        ),
        person(
            "Kwame Mensah",
            "West African Regional Council",
            "Peace and Security Commissioner",
            "Ghana",
        ),
        person(
            "Chidi Okafor",
            "Sahel Relief Network",
            "Executive Director",
            "Nigeria",
        ),
        person(
            "Rosa Ibáñez",
            "Permanent Mission of Chile",
            "Ambassador of Chile to the United Nations",
            "Chile",
        ),
        person(
            "Elena Petrova",
            "Office of the High Commissioner",
            "Special Rapporteur on the Right to Food",
            "Bulgaria",
        ),
        person(
            "Thomas Reyes",
            "Pacific Donor Group",
            "Humanitarian Counsellor",
            "Philippines",
        ),
    ]
}

fn protected() -> Vec<String> {
    vec![
        "Henri Dunant".into(),
        "Wilton Park".into(),
        "The Halvorsen Foundation".into(),
    ]
}

thread_local! {
    static ANON: Anonymiser = Anonymiser::new(&roster(), &protected());
}

fn clean(text: &str) -> String {
    clean_log(text).0
}

fn clean_log(text: &str) -> (String, Vec<Redaction>) {
    let mut log = Vec::new();
    let out = ANON.with(|a| a.rewrite(text, &Source::line("notes/t.md", 7), &mut log));
    (out, log)
}

#[track_caller]
fn becomes(input: &str, expected: &str) {
    assert_eq!(clean(input), expected, "for {input:?}");
}

#[track_caller]
fn unchanged(input: &str) {
    let (out, log) = clean_log(input);
    assert_eq!(out, input, "{input:?} was changed: {log:?}");
}

// --- Participant names ---

#[test]
fn full_name_surname_and_unique_first_name() {
    becomes(
        "Maria Lindqvist opened the session.",
        "One participant opened the session.",
    );
    becomes(
        "As Lindqvist noted, access is fragile.",
        "As a participant noted, access is fragile.",
    );
    becomes(
        "Aino presented the findings.",
        "One participant presented the findings.",
    );
}

#[test]
fn honorifics_with_ordinary_and_non_breaking_spaces() {
    for h in [
        "Amb.",
        "Ambassador",
        "Dr",
        "Dr.",
        "Prof.",
        "H.E.",
        "Ms",
        "Mr",
        "Minister",
    ] {
        becomes(
            &format!("{h} Lindqvist said so."),
            "One participant said so.",
        );
        becomes(
            &format!("{h}\u{a0}Lindqvist said so."),
            "One participant said so.",
        );
    }
}

#[test]
fn possessives() {
    becomes(
        "Lindqvist's paper was discussed.",
        "One participant's paper was discussed.",
    );
    becomes(
        "They read Lindqvist’s paper.",
        "They read a participant's paper.",
    );
    becomes(
        "They read Reyes' paper.",
        "They read a participant's paper.",
    );
}

#[test]
fn diacritics_dropped_or_spelt_out() {
    becomes("Jaaskelainen presented.", "One participant presented.");
    becomes("JAASKELAINEN presented.", "One participant presented.");
    becomes("Gomez Pena presented.", "One participant presented.");
    becomes("Mueller presented.", "One participant presented.");
    becomes("Muller presented.", "One participant presented.");
}

#[test]
fn apostrophes_hyphens_and_particles() {
    for n in ["O'Neill", "O’Neill", "ONeill", "O'NEILL"] {
        becomes(&format!("{n} presented."), "One participant presented.");
    }
    for n in ["Gómez-Peña", "Gómez Peña", "Gómez"] {
        becomes(&format!("Then {n} spoke."), "Then a participant spoke.");
    }
    for n in ["de la Cruz", "De la Cruz", "Ana María de la Cruz", "Cruz"] {
        becomes(&format!("Then {n} spoke."), "Then a participant spoke.");
    }
}

#[test]
fn capitals_reversed_names_and_line_breaks() {
    becomes("MARIA LINDQVIST opened.", "One participant opened.");
    becomes("Lindqvist, Maria opened.", "One participant opened.");
    becomes(
        "Thanks to Maria\nLindqvist for chairing.",
        "Thanks to a participant for chairing.",
    );
}

#[test]
fn names_in_quotes_or_broken_by_invisible_characters() {
    for (input, name) in [
        ("“Lindqvist” was quoted twice.", "Lindqvist"),
        ("«Okafor» was quoted twice.", "Okafor"),
        ("Lind\u{AD}qvist was quoted twice.", "qvist"),
        ("Lind\u{200B}qvist was quoted twice.", "qvist"),
        ("Oka\u{7}for was quoted twice.", "for was"),
    ] {
        let (out, log) = clean_log(input);
        assert!(!out.contains(name), "{input:?} became {out:?}");
        assert_eq!(log.len(), 1, "{input:?}: {log:?}");
    }
}

#[test]
fn a_longer_name_that_is_not_there_does_not_hide_a_shorter_one() {
    // "Thomas Reyes" starts here but runs into a longer word: "Thomas", the first name of two
    // participants, is still found, and "Reyesford" is nobody.
    let (out, log) = clean_log("The map is by Thomas Reyesford.");
    assert!(!out.contains("Thomas"), "{out:?}");
    assert!(out.contains("Reyesford"), "{out:?}");
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(
        log[0].certain,
        "a first name two participants share is still a name: {log:?}"
    );
}

// --- Speaker labels ---

#[test]
fn speaker_labels() {
    becomes("Lindqvist: we must act.", "One participant: we must act.");
    becomes("LINDQVIST: we must act.", "One participant: we must act.");
    becomes(
        "**Lindqvist:** we must act.",
        "**One participant:** we must act.",
    );
    becomes("ML: we must act.", "One participant: we must act.");
    becomes("M.L.: we must act.", "One participant: we must act.");
    becomes(
        "Q (Chidi Okafor, Sahel Relief Network): what comes next?",
        "Question from a participant: what comes next?",
    );
    assert!(!clean("Chair: Kwame Mensah").contains("Mensah"));
    unchanged("NB: the figures are provisional.");
}

// --- Affiliations ---

#[test]
fn affiliations_that_attribute_go() {
    becomes(
        "Chidi Okafor (Sahel Relief Network) said that aid is late.",
        "One participant said that aid is late.",
    );
    becomes(
        "A representative of the Sahel Relief Network argued for more.",
        "One participant argued for more.",
    );
    becomes(
        "Then a colleague from the West African Regional Council objected.",
        "Then a participant objected.",
    );
    becomes(
        "Okafor, speaking for the Sahel Relief Network, disagreed.",
        "One participant disagreed.",
    );
    becomes(
        "The Sahel Relief Network's delegate disagreed.",
        "One participant disagreed.",
    );
    becomes(
        "Officials from the West African Regional Council agreed.",
        "Participants agreed.",
    );
}

#[test]
fn organisations_as_subjects_stay() {
    unchanged("The West African Regional Council should publish its findings.");
    unchanged("Funding for the Sahel Relief Network fell in 2024.");
    unchanged("The Halvorsen Foundation hosted a reception.");
}

// --- Roles ---

#[test]
fn roles_that_point_to_one_person() {
    becomes(
        "The Peace and Security Commissioner said regional bodies matter.",
        "One participant said regional bodies matter.",
    );
    becomes(
        "The Chilean Ambassador argued for restraint.",
        "One participant argued for restraint.",
    );
    becomes(
        "The Ambassador of Chile to the United Nations argued for restraint.",
        "One participant argued for restraint.",
    );
    becomes(
        "The Special Rapporteur on the Right to Food warned of famine.",
        "One participant warned of famine.",
    );
    unchanged("The Chair thanked everyone.");
    unchanged("A diplomat asked about visas.");
}

// --- Contact details ---

#[test]
fn contact_details() {
    becomes(
        "Write to lindqvist@example.org for details.",
        "Write to [contact details removed] for details.",
    );
    becomes(
        "Call +44 20 7946 0958 or 020 7946 0958.",
        "Call [contact details removed] or [contact details removed].",
    );
    becomes("Call +1 (202) 555-0143.", "Call [contact details removed].");
    becomes(
        "Follow @mlindqvist for updates.",
        "Follow [contact details removed] for updates.",
    );
    becomes(
        "See https://www.linkedin.com/in/maria-lindqvist for more.",
        "See [contact details removed] for more.",
    );
    becomes(
        "The author (lindqvist@example.org) agreed.",
        "The author agreed.",
    );
    unchanged("In 2023, 15 000 people crossed; 1,200,000 were displaced by 12 March 2024.");
    unchanged("See https://www.icrc.org/en/document for the law.");
}

// --- Speakers missing from the roster ---

#[test]
fn unlisted_speakers_are_stripped_and_flagged() {
    let (out, log) = clean_log("Dr Jones said the data were wrong.");
    assert_eq!(out, "One participant said the data were wrong.");
    assert!(
        log.iter()
            .any(|r| !r.certain && r.rule.starts_with("unlisted-speaker")),
        "{log:?}"
    );
    let (out, log) = clean_log("Then John Smith argued for delay.");
    assert_eq!(out, "Then a participant argued for delay.");
    assert!(!log[0].certain);
    unchanged("Henri Dunant said that charity knows no borders.");
    unchanged("The United Nations said it would respond.");
}

// --- Never over-redact ---

#[test]
fn ordinary_words_that_are_names_survive() {
    for s in [
        "They acted in good faith.",
        "It is a noble aim.",
        "Young people were absent.",
        "Frank exchanges followed.",
        "The rule of law matters.",
        "Law enforcement was criticised.",
        "The Young Leaders Programme was praised.",
        "Faith groups were present.",
        "Noble intentions are not enough.",
    ] {
        unchanged(s);
    }
}

#[test]
fn names_that_are_words_go_with_a_cue() {
    becomes("Faith Noble said so.", "One participant said so.");
    becomes("Ms Young said so.", "One participant said so.");
    becomes(
        "Law argued the opposite.",
        "One participant argued the opposite.",
    );
    becomes("Then Young replied.", "Then a participant replied.");
}

// --- Rewriting that reads like a rapporteur wrote it ---

#[test]
fn reads_like_a_rapporteur() {
    becomes(
        "Ambassador Lindqvist (Ministry of Foreign Affairs of Veridia) said that she was worried.",
        "One participant said that they were worried.",
    );
    becomes(
        "Lindqvist opened. Okafor disagreed, and Lindqvist replied.",
        "One participant opened. Another participant disagreed, and the same participant replied.",
    );
    becomes(
        "Okafor says her team agrees with him.",
        "One participant says their team agrees with them.",
    );
    becomes("We thank Okafor.", "We thank a participant.");
    let out = clean("As the Okafor paper showed (okafor@example.org), delays kill.");
    assert!(
        !out.contains("()") && !out.contains("the a ") && !out.contains("'s's"),
        "{out}"
    );
}

#[test]
fn pronouns_go_even_when_two_people_are_named() {
    // "he" narrows two participants down to the man among them.
    let out = clean("Lindqvist told Okafor that he was right.");
    assert_eq!(
        out,
        "One participant told another participant that they were right."
    );
}

#[test]
fn every_change_is_logged_with_its_rule() {
    let (_, log) = clean_log("Dr Lindqvist's paper (lindqvist@example.org).");
    let rules: Vec<&str> = log.iter().map(|r| r.rule).collect();
    assert_eq!(rules, ["surname+honorific+possessive", "email"]);
    assert_eq!(log[0].source.to_string(), "notes/t.md:7");
    assert_eq!(log[0].original, "Dr Lindqvist's");
}

// --- Properties ---

const FORMS: &[fn(&Participant) -> String] = &[
    |p| p.name.clone(),
    |p| p.name.to_uppercase(),
    |p| format!("Dr {}", p.family.as_deref().unwrap()),
    |p| format!("Ambassador\u{a0}{}", p.family.as_deref().unwrap()),
    |p| format!("{}'s", p.family.as_deref().unwrap()),
    |p| {
        format!(
            "{}, {}",
            p.family.as_deref().unwrap(),
            p.given.as_deref().unwrap()
        )
    },
    |p| p.name.replace(' ', "\n"),
    |p| strip_accents(&p.name),
];

fn strip_accents(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

const FRAMES: &[&str] = &[
    "{} said that access was shrinking.",
    "According to {}, donors must act.",
    "The plenary heard from {} and others.",
    "{}: we need more flexible funding.",
    "It was {} who raised the issue of visas.",
];

/// Surnames that are not ordinary words: these must never survive, whatever the form.
fn distinctive() -> Vec<Participant> {
    roster()
        .into_iter()
        .filter(|p| !["Noble", "Young", "Law"].contains(&p.family.as_deref().unwrap()))
        .collect()
}

fn survives(out: &str, p: &Participant) -> bool {
    let f = briefnote::fold::fold(out);
    let family = briefnote::fold::fold(p.family.as_deref().unwrap());
    f.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != ' ')
        .any(|chunk| format!(" {chunk} ").contains(&format!(" {family} ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_roster_name_survives(who in 0..11usize, form in 0..FORMS.len(), frame in 0..FRAMES.len(), second in 0..11usize) {
        let people = distinctive();
        let (p, q) = (&people[who % people.len()], &people[second % people.len()]);
        let text = format!("{} {}", FRAMES[frame].replace("{}", &FORMS[form](p)), FRAMES[(frame + 1) % FRAMES.len()].replace("{}", &q.name));
        let out = clean(&text);
        prop_assert!(!survives(&out, p), "{} survived in {:?}", p.name, out);
        prop_assert!(!survives(&out, q), "{} survived in {:?}", q.name, out);
    }

    #[test]
    fn anonymising_twice_changes_nothing(who in 0..14usize, form in 0..FORMS.len(), frame in 0..FRAMES.len()) {
        let p = &roster()[who];
        let once = clean(&FRAMES[frame].replace("{}", &FORMS[form](p)));
        let (twice, log) = clean_log(&once);
        prop_assert_eq!(&once, &twice);
        prop_assert!(log.is_empty(), "{:?}", log);
    }

    #[test]
    fn keep_names_and_ordinary_words_survive(frame in 0..FRAMES.len(), word in 0..6usize) {
        let kept = ["Henri Dunant", "in good faith", "young people", "the rule of law", "a noble aim", "Wilton Park"][word];
        let text = FRAMES[frame].replace("{}", kept);
        let out = clean(&text);
        prop_assert!(out.contains(kept), "{:?} lost from {:?}", kept, out);
    }
}

#[test]
fn a_parliamentary_chain_and_its_bracket_become_one_participant() {
    becomes(
        "I agree with my right hon. Friend the Member for Kirkby (Ms Lindqvist) on this.",
        "I agree with a participant on this.",
    );
    becomes(
        "The right hon. and learned Member for Eastfield (Mr Okafor) disagreed.",
        "One participant disagreed.",
    );
    becomes(
        "Lindqvist (Dr Lindqvist) spoke first.",
        "One participant spoke first.",
    );
}

#[test]
fn a_word_that_is_also_a_name_needs_a_cue_even_at_a_sentence_start() {
    // "Young" and "Law" are participants' surnames here.
    becomes(
        "Young's proposal drew a mixed response.",
        "One participant's proposal drew a mixed response.",
    );
    becomes("LAW: Let me be blunt.", "One participant: Let me be blunt.");
    unchanged("Young people were heard. Law enforcement was discussed.");
    // Next to a number, a capitalised name-word is a title or a date, not a person.
    unchanged("It cites the 2019 Law on Associations.");
}

/// Found by the brief note: a label naming the organisation with its acronym in brackets
/// left the acronym behind ("A (a participant (UNHCR))"), where a whole-paragraph note had
/// happened to publish another wording of the same point.
#[test]
fn an_organisation_with_its_bracketed_acronym_goes_whole() {
    let roster = vec![person(
        "Nour Al-Khatib",
        "Office of the United Nations High Commissioner for Refugees (UNHCR)",
        "Protection Officer",
        "Jordan",
    )];
    let a = Anonymiser::new(&roster, &[]);
    for text in [
        "A (Nour Al-Khatib, Office of the United Nations High Commissioner for Refugees (UNHCR)): Local committees can verify ceasefires.",
        "Nour Al-Khatib (Office of the United Nations High Commissioner for Refugees (UNHCR)) said that registration had stalled.",
        "Nour Al-Khatib, Office of the United Nations High Commissioner for Refugees (UNHCR), said that registration had stalled.",
    ] {
        let out = a.rewrite(text, &Source::line("notes/a.md", 1), &mut Vec::new());
        assert!(!out.contains("UNHCR"), "{text} -> {out}");
        assert!(!out.contains("Khatib"), "{text} -> {out}");
        assert!(!out.contains("()"), "{text} -> {out}");
    }
}

/// Found on a water-security event written apart from the fixtures: a title before the
/// name left half behind ("Permanent a participant"), a title in apposition stayed ("One
/// participant, Deputy Minister,"), a title one participant alone holds named them ("The
/// Deputy Minister described"), and the organisation's person stayed ("ADB's specialist").
#[test]
fn titles_that_go_with_a_name_and_an_organisations_person_go() {
    let roster = vec![
        person(
            "Olumide Adeyemi",
            "Federal Ministry of Water Resources, Nigeria",
            "Permanent Secretary",
            "Nigeria",
        ),
        person(
            "Mei Chen",
            "Asian Development Bank (ADB)",
            "Principal Water Specialist",
            "Philippines",
        ),
        person(
            "Aigerim Nurlanovna",
            "Ministry of Ecology of Kazakhstan",
            "Deputy Minister",
            "Kazakhstan",
        ),
    ];
    let a = Anonymiser::new(&roster, &[]);
    let clean = |t: &str| a.rewrite(t, &Source::line("notes/a.md", 1), &mut Vec::new());
    for (input, expected) in [
        (
            "Permanent Secretary Adeyemi, speaking for the Federal Ministry of Water Resources, said that data would be shared.",
            "One participant said that data would be shared.",
        ),
        (
            "Ms Nurlanovna, Deputy Minister, described the reform.",
            "One participant described the reform.",
        ),
        (
            "Ms Nurlanovna, the Deputy Minister, described the reform.",
            "One participant described the reform.",
        ),
        (
            "The Deputy Minister described the reform.",
            "One participant described the reform.",
        ),
        (
            "ADB's specialist stressed that no dam would be financed.",
            "One participant stressed that no dam would be financed.",
        ),
        (
            "The ADB specialist stressed that no dam would be financed.",
            "One participant stressed that no dam would be financed.",
        ),
        (
            "The Asian Development Bank's water specialist noted that lending had doubled.",
            "One participant noted that lending had doubled.",
        ),
    ] {
        assert_eq!(clean(input), expected, "{input}");
    }
    // Titles nobody holds alone, and the organisation as a subject, stay.
    for kept in [
        "Deputy ministers from five countries attended.",
        "The ADB guidelines on resettlement were cited.",
        "The Asian Development Bank has doubled its lending.",
    ] {
        assert_eq!(clean(kept), kept);
    }
}

/// Found on a digital-inclusion event written apart from the fixtures: a title in apposition
/// followed by its posting ("..., Chief Economist at the Gulf Fintech Council, said") left the
/// posting (the leak check stopped the event), a family name written first was not known
/// ("Nguyen Thi Lan"), a title's place was left ("One participant in Malawi"), and
/// "Long-term" lost its first half to a participant called Long.
#[test]
fn postings_family_names_first_and_compound_words() {
    let roster = vec![
        person(
            "Faisal bin Abdullah",
            "Gulf Fintech Council",
            "Chief Economist",
            "Saudi Arabia",
        ),
        Participant {
            given: Some("Thi Lan".into()),
            family: Some("Nguyen".into()),
            ..person(
                "Thi Lan Nguyen",
                "Viet Digital Rights Centre",
                "Founder",
                "Viet Nam",
            )
        },
        person(
            "Chikondi Banda",
            "Ministry of ICT Malawi",
            "Director of E-Government",
            "Malawi",
        ),
        person(
            "Mai Long",
            "Mekong Inclusion Network",
            "Programme Officer",
            "Cambodia",
        ),
    ];
    let a = Anonymiser::new(&roster, &[]);
    let clean = |t: &str| a.rewrite(t, &Source::line("notes/a.md", 1), &mut Vec::new());
    for (input, expected) in [
        (
            "Dr. Faisal bin Abdullah, Chief Economist at the Gulf Fintech Council, said that payments were cheaper.",
            "One participant said that payments were cheaper.",
        ),
        (
            "Nguyen Thi Lan opened with evidence from rural provinces.",
            "One participant opened with evidence from rural provinces.",
        ),
        (
            "The Director of E-Government in Malawi said that connectivity was the constraint.",
            "One participant said that connectivity was the constraint.",
        ),
    ] {
        assert_eq!(clean(input), expected, "{input}");
    }
    let compound = "The room agreed; Long-term funding was a recurring theme.";
    assert_eq!(clean(compound), compound);
}
