//! Reading `participants.csv` as Excel and registration systems write it: any encoding, `,` `;` or tab, headers matched by synonym.

use super::decode::decode;
use crate::diag::Diagnostic;
use crate::model::{Participant, Source};

/// Words that join a family name without being one, folded: "Al-Khatib", "van der Berg",
/// "de la Cruz", "Ó Briain". A family name starts at the first of them after the given name,
/// and none of them alone is a name.
pub const PARTICLES: &[&str] = &[
    "al", "el", "ul", "bin", "binti", "bint", "ibn", "ben", "abu", "abd", "de", "da", "das", "do",
    "dos", "del", "della", "di", "du", "la", "le", "les", "van", "von", "der", "den", "ter", "ten",
    "zu", "af", "av", "o", "ni", "nic", "mac", "mc", "ua", "st", "st.",
];

pub const FILE: &str = "participants.csv";

const NAME: &[&str] = &[
    "name",
    "full name",
    "fullname",
    "participant",
    "participant name",
];
const GIVEN: &[&str] = &["first name", "given name", "firstname", "forename", "first"];
const FAMILY: &[&str] = &["last name", "surname", "family name", "lastname", "last"];
const ORG: &[&str] = &["organisation", "organization", "affiliation", "institution"];
const ROLE: &[&str] = &["title", "role", "position", "job title"];
const EMAIL: &[&str] = &["email", "e-mail", "email address"];
const COUNTRY: &[&str] = &["country"];
const SECTOR: &[&str] = &["sector"];

/// Read the participant list. Rows without a name are reported and skipped.
pub fn parse(bytes: &[u8]) -> Result<(Vec<Participant>, Vec<Diagnostic>), Diagnostic> {
    let (text, _) = decode(bytes);
    let delimiter = super::decode::delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Diagnostic::error(
                Source::line(FILE, 1),
                format!("cannot read the header row: {e}"),
            )
        })?
        .iter()
        .map(|h| h.trim().trim_matches('"').to_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (name, given, family) = (col(NAME), col(GIVEN), col(FAMILY));
    if name.is_none() && (given.is_none() || family.is_none()) {
        return Err(Diagnostic::error(
            Source::line(FILE, 1),
            format!("no name column among the headers ({})", headers.join(", ")),
        )
        .hint("name the column `name` or `full name`, or give `first name` and `last name`"));
    }
    let (org, role, email, country, sector) =
        (col(ORG), col(ROLE), col(EMAIL), col(COUNTRY), col(SECTOR));

    let mut people = Vec::new();
    let mut warnings = Vec::new();
    let index = super::decode::Lines::new(&text);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| index.of_record(&text, p.byte()));
                warnings.push(Diagnostic::warning(
                    Source::line(FILE, line),
                    format!("row skipped: {e}"),
                ));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| index.of_record(&text, p.byte()));
        let source = Source::line(FILE, line);
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (mut given_name, mut family_name) = (cell(given), cell(family));
        let full = match cell(name) {
            Some(full) => {
                let (g, f) = split_name(&full);
                given_name = given_name.or(g);
                family_name = family_name.or(f);
                match (&given_name, &family_name) {
                    (Some(g), Some(f)) if full.contains(',') => format!("{g} {f}"),
                    _ => full,
                }
            }
            None => [given_name.clone(), family_name.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        if full.is_empty() {
            warnings.push(
                Diagnostic::warning(source, "row skipped: it has no name")
                    .hint("fill in the name, or delete the row"),
            );
            continue;
        }
        people.push(Participant {
            name: full,
            given: given_name,
            family: family_name,
            organisation: cell(org),
            role: cell(role),
            email: cell(email),
            country: cell(country),
            sector: cell(sector),
            source,
        });
    }
    Ok((people, warnings))
}

/// Split a full name into given and family names: "Surname, Given"; else the family name
/// starts at the first particle after the given name ("Ana de la Cruz"), else it is the last word.
pub fn split_name(full: &str) -> (Option<String>, Option<String>) {
    if let Some((family, given)) = full.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        if !family.is_empty() && !given.is_empty() {
            return (Some(given.to_string()), Some(family.to_string()));
        }
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    if words.len() < 2 {
        return (None, words.first().map(|w| w.to_string()));
    }
    // "Peña y Lillo", "Puig i Cadafalch": a Spanish or Catalan double surname joined by a
    // lower-case "y" or "i" starts at the word before it.
    let joined = (2..words.len() - 1)
        .find(|&i| matches!(words[i], "y" | "i" | "e"))
        .map(|i| i - 1);
    let particle =
        (1..words.len() - 1).find(|&i| PARTICLES.contains(&crate::fold::fold(words[i]).as_str()));
    let at = match (joined, particle) {
        (Some(j), Some(p)) => j.min(p),
        (j, p) => j.or(p).unwrap_or(words.len() - 1),
    };
    (Some(words[..at].join(" ")), Some(words[at..].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_surnames_joined_by_y_or_i_stay_whole() {
        assert_eq!(
            split_name("Marisol Peña y Lillo"),
            (Some("Marisol".into()), Some("Peña y Lillo".into()))
        );
        assert_eq!(
            split_name("Josep Puig i Cadafalch"),
            (Some("Josep".into()), Some("Puig i Cadafalch".into()))
        );
        assert_eq!(
            split_name("Pieter van der Berg"),
            (Some("Pieter".into()), Some("van der Berg".into()))
        );
    }

    #[test]
    fn reads_semicolons_and_synonyms_in_any_order() {
        let csv = "Surname;First Name;Affiliation;E-mail\nLindqvist;Maria;Ministry X;m@x.org\n";
        let (p, w) = parse(csv.as_bytes()).unwrap();
        assert!(w.is_empty());
        assert_eq!(p[0].name, "Maria Lindqvist");
        assert_eq!(p[0].organisation.as_deref(), Some("Ministry X"));
        assert_eq!(p[0].email.as_deref(), Some("m@x.org"));
        assert_eq!(p[0].source, Source::line(FILE, 2));
    }

    #[test]
    fn reads_utf16_tab_separated_from_excel() {
        let text = "Full Name\tOrganisation\r\nAino Jääskeläinen\tUniversity\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (p, _) = parse(&bytes).unwrap();
        assert_eq!(p[0].name, "Aino Jääskeläinen");
        assert_eq!(p[0].family.as_deref(), Some("Jääskeläinen"));
    }

    #[test]
    fn surname_comma_given_in_a_name_column() {
        let (p, _) = parse(b"name,org\n\"Okafor, Chidi\",NGO\n").unwrap();
        assert_eq!(p[0].name, "Chidi Okafor");
        assert_eq!(p[0].given.as_deref(), Some("Chidi"));
    }

    #[test]
    fn particles_start_the_family_name() {
        assert_eq!(
            split_name("Ana María de la Cruz").1.as_deref(),
            Some("de la Cruz")
        );
        assert_eq!(
            split_name("Pieter van der Berg").1.as_deref(),
            Some("van der Berg")
        );
        assert_eq!(split_name("Kwame Mensah").1.as_deref(), Some("Mensah"));
    }

    #[test]
    fn a_missing_name_column_is_an_error_with_a_hint() {
        let e = parse(b"org,email\nX,y@z\n").unwrap_err();
        assert!(e.message.contains("no name column"));
        assert!(e.hint.unwrap().contains("full name"));
    }

    #[test]
    fn lines_are_right_after_crlf() {
        let (p, _) = parse(b"name\r\nAnn Example\r\nBen Example\r\n").unwrap();
        assert_eq!(p[1].source, Source::line(FILE, 3));
    }

    #[test]
    fn a_row_without_a_name_is_reported() {
        let (p, w) = parse(b"name,org\n,NGO\nKwame Mensah,NGO\n").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(w[0].source(), Some(&Source::line(FILE, 2)));
    }
}
