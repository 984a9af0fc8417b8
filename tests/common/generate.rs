//! A deterministic generator of fictional events: rosters drawn from many naming cultures (particles, two-letter names, names that are English words, diacritics), notes that name them in every form among ordinary policy prose and traps, in Markdown, text and Word. Every name is made up from the pools below.

use briefnote::fold::fold;
use std::fmt::Write as _;
use std::path::Path;

/// The generator's random source: fastrand's seeded generator, so the same seed gives the
/// same event (with the version in Cargo.lock).
pub struct Rng(fastrand::Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(fastrand::Rng::with_seed(seed))
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

/// A naming culture: given names, family names, and whether its family names are also
/// English words (those may appear as words in the notes too).
pub struct Culture {
    pub given: &'static [&'static str],
    pub family: &'static [&'static str],
    pub country: &'static str,
    pub words: bool,
}

pub const CULTURES: &[Culture] = &[
    Culture {
        given: &["Nour", "Layla", "Omar", "Huda", "Karim", "Ali"],
        family: &[
            "Al-Khatib",
            "El-Sayed",
            "bin Rashid",
            "Haddad",
            "Al-Amin",
            "El-Masri",
            "Abu Zeid",
        ],
        country: "Jordan",
        words: false,
    },
    Culture {
        given: &["Pieter", "Anouk", "Sanne", "Joost"],
        family: &["van der Berg", "de Vries", "van Dijk", "ter Horst"],
        country: "Netherlands",
        words: false,
    },
    Culture {
        given: &["Ana María", "José Luis", "Lucía", "Carmen"],
        family: &["de la Cruz", "del Río", "García-Márquez", "Quispe"],
        country: "Peru",
        words: false,
    },
    Culture {
        given: &["Wei", "Jun", "Mei", "Xiaoling", "Hao"],
        family: &["Li", "Wu", "Ng", "Xu", "Zhang", "Ma"],
        country: "China",
        words: false,
    },
    Culture {
        given: &["Minh", "Thi Lan", "Duc"],
        family: &["Nguyen", "Tran", "Pham"],
        country: "Viet Nam",
        words: false,
    },
    Culture {
        given: &["Ifeoma", "Chidi", "Olusegun", "Ngozi"],
        family: &["Nwosu", "Adeyemi", "Okafor", "Eze"],
        country: "Nigeria",
        words: false,
    },
    Culture {
        given: &["Dmitri", "Olga", "Sergei"],
        family: &["Volkov", "Ivanova", "Sokolov"],
        country: "Kazakhstan",
        words: false,
    },
    Culture {
        given: &["Zsófia", "Bálint", "Réka"],
        family: &["Kovács", "Szabó", "Tóth"],
        country: "Hungary",
        words: false,
    },
    Culture {
        given: &["Ingrid", "Søren", "Åsa", "Bjørn"],
        family: &["Sjöberg", "Jørgensen", "Ångström", "Dahlqvist"],
        country: "Sweden",
        words: false,
    },
    Culture {
        given: &["Siobhán", "Tomás", "Aoife"],
        family: &["O'Neill", "Ó Briain", "Mac Giolla", "Ní Bhriain"],
        country: "Ireland",
        words: false,
    },
    Culture {
        given: &["Will", "Rose", "Hope", "Grace", "Mark", "Faith"],
        family: &["Strong", "Bishop", "Long", "Park", "King", "Young", "Bell"],
        country: "United Kingdom",
        words: true,
    },
    Culture {
        given: &["Siddharth", "Priya", "Anil"],
        family: &["Rao", "Iyer", "Banerjee"],
        country: "India",
        words: false,
    },
    Culture {
        given: &["Yuki", "Hiroshi", "Min-jun", "Ji-woo"],
        family: &["Tanaka", "Sato", "Kim", "Yoon"],
        country: "Japan",
        words: false,
    },
    Culture {
        given: &["Şule", "Barış", "Ayşe"],
        family: &["Yılmaz", "Öztürk", "Çelik"],
        country: "Türkiye",
        words: false,
    },
    Culture {
        given: &["Kwame", "Akosua", "Yaw"],
        family: &["Boateng", "Mensah", "Asante-Darko"],
        country: "Ghana",
        words: false,
    },
];

/// One generated participant.
pub struct Person {
    pub given: String,
    pub family: String,
    pub org: String,
    pub country: String,
    pub email: String,
    /// The family name is also an English word.
    pub word: bool,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

const ORG_KINDS: &[&str] = &[
    "Institute for Peace Studies",
    "Centre for Humanitarian Dialogue",
    "Legal Aid Network",
    "Foundation for Civic Space",
    "Water Security Forum",
    "Observatory on Displacement",
];

const TOPICS: &[&str] = &[
    "courts lose trust when judgments go unenforced",
    "mediators need funding beyond a single round of talks",
    "donors should accept one shared report from their grantees",
    "evidence of abuses must be copied and kept abroad",
    "women mediators are rarely paid for their work",
    "river basins need treaties before droughts, not after them",
    "local peace committees can verify a ceasefire",
    "early warning fails when nobody is obliged to act on it",
    "legal aid is the first defence of civic space",
    "humanitarian access is bargained for every day at checkpoints",
    "pooled funds let small donors share the cost of due diligence",
    "climate risk belongs in every conflict early-warning system",
];

const PROSE: &[&str] = &[
    "The discussion turned to how commitments made in capitals reach the districts where people live.",
    "Several examples showed that small grants, paid on time, kept community groups working through a crisis.",
    "Participants compared the cost of prevention with the cost of response and found the gap wide.",
    "It was noted that reporting requirements had grown faster than the grants they accompany.",
    "The group considered how data could be shared across borders without putting sources at risk.",
    "There was broad agreement that trust is built slowly and lost quickly.",
    "Questions were raised about who pays for monitoring once the cameras have gone.",
    "The session heard how courts in rural areas operate without clerks, paper or electricity.",
    "Funding cycles of one year were described as too short for any lasting change.",
    "Displacement was discussed as a consequence of both conflict and drought.",
];

/// Sentences that must survive whatever the roster: words that are also names, used as words.
pub const TRAPS: &[&str] = &[
    "Strong institutions matter more than strong leaders.",
    "Rose gardens were planted at the memorial site.",
    "Hope is not a strategy, one note warned.",
    "Grace periods for loan repayment helped small groups.",
    "Long delays at the border slowed every convoy.",
    "Park rangers in protected areas were also discussed.",
    "The bishop of the diocese kept a register of every burial.",
    "Al Jazeera coverage of the talks was discussed.",
    "El Niño years bring drought to the region.",
    "A van carrying supplies was stopped at the border.",
];

/// A roster of `n` people with distinct family names, from many cultures.
pub fn roster(rng: &mut Rng, n: usize) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut tries = 0;
    while people.len() < n && tries < n * 50 {
        tries += 1;
        let c = rng.pick(CULTURES);
        let family = rng.word(c.family).to_string();
        let given = rng.word(c.given).to_string();
        if people
            .iter()
            .any(|p| p.family == family || p.given == given)
        {
            continue;
        }
        let org = format!(
            "{} {}",
            rng.word(&[
                "Northern", "Coastal", "Sahel", "Andean", "Mekong", "Danube", "Lakes"
            ]),
            rng.word(ORG_KINDS)
        );
        if people.iter().any(|p| p.org == org) {
            continue;
        }
        let email = format!(
            "{}{}@example.org",
            fold(&given).chars().next().unwrap_or('x'),
            fold(&family).replace([' ', '\''], "")
        );
        people.push(Person {
            given,
            family,
            org,
            country: c.country.to_string(),
            email,
            word: c.words,
        });
    }
    people
}

/// One sentence naming `p` in a random form, ending with a space.
fn mention(rng: &mut Rng, p: &Person, out: &mut String) {
    let topic = rng.word(TOPICS);
    let hon = rng.word(&["Dr", "Ms", "Mr", "Prof.", "Ambassador"]);
    match rng.below(8) {
        0 => write!(out, "{} said that {topic}. ", p.name()),
        1 => write!(out, "{hon} {} argued that {topic}. ", p.family),
        2 => write!(out, "{}'s proposal was that {topic}. ", p.family),
        3 => write!(out, "{}, {} noted that {topic}. ", p.family, p.given),
        4 => write!(out, "{} ({}) said that {topic}. ", p.name(), p.org),
        5 => write!(out, "A representative of the {} said that {topic}. ", p.org),
        6 => write!(
            out,
            "{} warned that {topic}; write to {} for the data. ",
            p.name(),
            p.email
        ),
        _ => write!(out, "{} stressed that {topic}. ", p.name().to_uppercase()),
    }
    .unwrap();
}

/// A speaker label for `p` at the start of a paragraph.
fn label(rng: &mut Rng, p: &Person) -> String {
    match rng.below(3) {
        0 => format!("{}:", p.family.to_uppercase()),
        1 => format!("{}:", p.family),
        _ => format!("**{}:**", p.name()),
    }
}

/// The paragraphs of one session of about `words` words.
pub fn session(rng: &mut Rng, roster: &[Person], words: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut count = 0;
    while count < words {
        let mut p = String::new();
        if rng.below(4) == 0 {
            let who = rng.pick(roster);
            write!(p, "{} {} ", label(rng, who), capitalise(rng.word(TOPICS))).unwrap();
            p.pop();
            p.push_str(". ");
        }
        for _ in 0..(2 + rng.below(3)) {
            if rng.below(3) == 0 {
                let who = rng.pick(roster);
                mention(rng, who, &mut p);
            } else {
                p.push_str(rng.word(PROSE));
                p.push(' ');
            }
        }
        if rng.below(5) == 0 {
            p.push_str(rng.word(TRAPS));
        }
        count += p.split_whitespace().count();
        paragraphs.push(p.trim_end().to_string());
    }
    paragraphs
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The size and make-up of a generated event.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Participants on the roster.
    pub people: usize,
    /// Sessions, one notes file each.
    pub sessions: usize,
    /// About how many words of notes each session has.
    pub words: usize,
    /// Questionnaire responses (a Microsoft Forms export); none writes no questionnaire.
    pub responses: usize,
    /// Every `docx_every`-th notes file is a Word file (0: none); of the others, every
    /// second one is plain text and the rest Markdown.
    pub docx_every: usize,
}

/// Write a whole event into `dir`: event.toml, participants.csv and `sessions` notes files
/// of about `words` words each, every third one a Word file.
pub fn write_event(
    dir: &Path,
    seed: u64,
    code: &str,
    people: usize,
    sessions: usize,
    words: usize,
) -> Vec<Person> {
    write_shaped(
        dir,
        seed,
        code,
        &Shape {
            people,
            sessions,
            words,
            responses: 0,
            docx_every: 3,
        },
    )
}

/// Write a whole event of the given shape into `dir`. The same seed and shape give the same
/// files, byte for byte.
pub fn write_shaped(dir: &Path, seed: u64, code: &str, shape: &Shape) -> Vec<Person> {
    let mut rng = Rng::new(seed);
    let roster = roster(&mut rng, shape.people);
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(
        dir.join("event.toml"),
        format!("code = \"{code}\"\ntitle = \"A generated dialogue {code}\"\nstart = 2026-03-02\nend = 2026-03-04\nvenue = \"Wilton Park, UK\"\n"),
    )
    .unwrap();
    let mut csv = String::from("name,organisation,email,country\n");
    for p in &roster {
        writeln!(csv, "{},{},{},{}", p.name(), p.org, p.email, p.country).unwrap();
    }
    std::fs::write(dir.join("participants.csv"), csv).unwrap();
    let mut titles = Vec::new();
    for s in 0..shape.sessions {
        let title = format!("Session {}: {}", s + 1, capitalise(rng.word(TOPICS)));
        let paragraphs = session(&mut rng, &roster, shape.words);
        let recommendation = format!("Recommendation: {}.", capitalise(rng.word(TOPICS)));
        let k = shape.docx_every;
        let r = if k == 0 { s } else { s % k };
        if k > 0 && r == k - 1 {
            let mut body = vec![docx_para(&title, Some("Heading1"))];
            body.extend(paragraphs.iter().map(|p| docx_para(p, None)));
            body.push(docx_para(&recommendation, None));
            std::fs::write(
                dir.join(format!("notes/{:02}-session.docx", s + 1)),
                docx(&body),
            )
            .unwrap();
        } else if r % 2 == 1 {
            let mut text = format!("{title}\n\n");
            for p in &paragraphs {
                writeln!(text, "{p}\n").unwrap();
            }
            writeln!(text, "{recommendation}").unwrap();
            std::fs::write(dir.join(format!("notes/{:02}-session.txt", s + 1)), text).unwrap();
        } else {
            let mut text = format!("# {title}\n\n");
            for p in &paragraphs {
                writeln!(text, "{p}\n").unwrap();
            }
            writeln!(text, "{recommendation}").unwrap();
            std::fs::write(dir.join(format!("notes/{:02}-session.md", s + 1)), text).unwrap();
        }
        titles.push(title);
    }
    if shape.responses > 0 {
        std::fs::create_dir_all(dir.join("questionnaire")).unwrap();
        std::fs::write(
            dir.join("questionnaire/evaluation.csv"),
            questionnaire(&mut rng, &roster, &titles, shape.responses),
        )
        .unwrap();
    }
    roster
}

/// A Microsoft Forms export of `n` responses: ratings, a 0–10 question, sector, sessions
/// attended, and free text that now and then makes a suggestion or names someone.
fn questionnaire(rng: &mut Rng, roster: &[Person], sessions: &[String], n: usize) -> String {
    const OVERALL: &[&str] = &["Excellent", "Very good", "Good", "Fair", "Poor"];
    const USEFUL: &[&str] = &["Very useful", "Useful", "Somewhat useful", "Not useful"];
    const SECTORS: &[&str] = &[
        "Government",
        "Civil society",
        "Academia",
        "Private sector",
        "International organisation",
    ];
    let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from(
        "Id,Start time,Completion time,Email,Name,\"Overall, how would you rate the dialogue?\",How useful were the breakout sessions?,How likely are you to recommend this dialogue to a colleague?,Which sector do you work in?,Which sessions did you attend?,What should the organisers do differently next time?,Any other comments?\n",
    );
    for id in 1..=n {
        let who = &roster[id % roster.len().max(1)];
        let attended: Vec<&str> = sessions
            .iter()
            .filter(|_| rng.below(3) > 0)
            .map(|t| t.split(": ").next().unwrap_or(t))
            .collect();
        let suggestion = match rng.below(4) {
            0 => format!("Recommendation: {}.", capitalise(rng.word(TOPICS))),
            1 => format!("More time for {} next time.", rng.word(TOPICS)),
            _ => String::new(),
        };
        let comment = if rng.below(5) == 0 {
            format!("Thanks to {} for chairing so well.", who.name())
        } else {
            String::new()
        };
        let minute = id % 60;
        writeln!(
            out,
            "{id},3/4/2026 16:{minute:02},3/4/2026 16:{minute:02},{},{},{},{},{},{},{},{},{}",
            who.email,
            field(&who.name()),
            field(OVERALL[rng.below(3)]),
            field(USEFUL[rng.below(USEFUL.len())]),
            5 + rng.below(6),
            field(SECTORS[rng.below(SECTORS.len())]),
            field(&attended.join("; ")),
            field(&suggestion),
            field(&comment)
        )
        .unwrap();
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn docx_para(text: &str, style: Option<&str>) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    // Split the text over two runs, as Word does after an edit.
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    format!(
        "<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(&text[..cut]),
        xml_escape(&text[cut..])
    )
}

/// A minimal Word package around the given paragraphs.
fn docx(paragraphs: &[String]) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_string()),
        ("word/styles.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {W}><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>")),
        ("word/document.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{}<w:sectPr/></w:body></w:document>", paragraphs.concat())),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
