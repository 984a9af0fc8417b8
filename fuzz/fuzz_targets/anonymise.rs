//! The anonymiser over any text, with a roster of names from several naming cultures: no panic, and what it writes has nothing left that it would strip (no roster name survives in a form it recognises).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

const ROSTER: &str = "name,organisation,role,email\n\
Ingrid Holmqvist,Nordic Forecasting Institute,Senior Scientist,ih@nfi.example\n\
Nguyen Van Minh,Mekong Rare Earths Research Centre,Geologist,nvm@mrerc.example\n\
Mohammed Al-Rashidi,Gulf Sovereign Investment Office,Investment Director,mar@gsio.example\n\
Valentina Ruiz Ortega,Andean Lithium Observatory,Researcher,vro@alo.example\n\
Siobhán O'Neill,Irish Aid,Counsellor,so@ia.example\n\
Rose Strong,Ministry of Finance of Veridia,Deputy Minister,rs@mof.example\n\
Oluwaseun Adebayo,Ministry of Solid Minerals Development,Permanent Secretary,oa@msmd.example\n";

static ANONYMISER: LazyLock<briefnote::anonymise::Anonymiser> = LazyLock::new(|| {
    let (people, _) = briefnote::ingest::participants::parse(ROSTER.as_bytes()).unwrap();
    briefnote::anonymise::Anonymiser::new(&people, &[])
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = briefnote::model::Source::line("notes/f.md", 1);
    let mut log = Vec::new();
    let out = ANONYMISER.rewrite(text, &source, &mut log);
    let left: Vec<_> = ANONYMISER
        .find(&out)
        .into_iter()
        .filter(|s| s.certain)
        .collect();
    assert!(left.is_empty(), "left in {out:?}: {left:?}");
});
