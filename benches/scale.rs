//! Whole builds of 1, 10 and 30 generated events by the `briefnote` binary, each a process of its own: wall time and peak memory, against pandoc (the same notes to HTML) and the typst CLI (the same note to PDF) where installed. `cargo bench --bench scale`; `cargo bench --bench scale -- --help` for the sizes.
//!
//! Timed by its own loop, not divan or criterion: what it measures is a separate process (the
//! release binary, pandoc, the typst CLI) with its peak memory, read from `wait4`; the
//! harnesses time closures inside their own process.

#[path = "../tests/common/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "../tests/common/measure.rs"]
mod measure;
use measure::measure;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const HELP: &str = "cargo bench --bench scale -- [OPTIONS]

  --events 1,10,30     batch sizes to build (each a separate run)
  --sessions 12        sessions per event
  --words 3000         words of notes per session
  --participants 50    participants per event
  --responses 40       questionnaire responses per event
  --docx-every 3       every n-th notes file is a Word file (0: none)
  --runs 5             runs per measurement (best and median are printed)
  --generate DIR       only write the events (DIR/event-001 ...) and stop
  --event DIR          the event to compare with the typst CLI (default: the first
                       generated one)
";

struct Options {
    events: Vec<usize>,
    shape: generate::Shape,
    runs: usize,
    generate: Option<PathBuf>,
    event: Option<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        events: vec![1, 10, 30],
        shape: generate::Shape {
            people: 50,
            sessions: 12,
            words: 3000,
            responses: 40,
            docx_every: 3,
        },
        runs: 5,
        generate: None,
        event: None,
    };
    // cargo passes --bench to every bench binary.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            print!("{HELP}");
            std::process::exit(0);
        }
        let value = it.next().unwrap_or_else(|| {
            eprintln!("{flag} needs a value\n\n{HELP}");
            std::process::exit(2)
        });
        let number = || -> usize {
            value.parse().unwrap_or_else(|_| {
                eprintln!("{flag}: '{value}' is not a number");
                std::process::exit(2)
            })
        };
        match flag.as_str() {
            "--events" => {
                o.events = value
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse()
                            .expect("--events: numbers, comma-separated")
                    })
                    .collect()
            }
            "--sessions" => o.shape.sessions = number(),
            "--words" => o.shape.words = number(),
            "--participants" => o.shape.people = number(),
            "--responses" => o.shape.responses = number(),
            "--docx-every" => o.shape.docx_every = number(),
            "--runs" => o.runs = number().max(1),
            "--generate" => o.generate = Some(PathBuf::from(value)),
            "--event" => o.event = Some(PathBuf::from(value)),
            _ => {
                eprintln!("unknown option {flag}\n\n{HELP}");
                std::process::exit(2)
            }
        }
    }
    o
}

/// Write `n` events under `root`, seeded by their number: the same options give the same
/// files.
fn generate_events(root: &Path, n: usize, shape: &generate::Shape) -> Vec<PathBuf> {
    (0..n)
        .map(|e| {
            let dir = root.join(format!("event-{:03}", e + 1));
            if !dir.join("event.toml").exists() {
                generate::write_shaped(&dir, 7000 + e as u64, &format!("WP{:04}", 3000 + e), shape);
            }
            dir
        })
        .collect()
}

/// Best and median of `runs` runs, and the largest peak memory seen.
fn repeat(runs: usize, mut make: impl FnMut() -> Command) -> (Duration, Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (t, m) = measure(&mut make());
        times.push(t);
        peak = peak.max(m);
    }
    times.sort();
    (times[0], times[times.len() / 2], peak)
}

fn briefnote(events: &[PathBuf], out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefnote"));
    cmd.arg("build")
        .args(events)
        .arg("--out")
        .arg(out)
        .args(["--force", "--quiet"]);
    cmd
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// pandoc converting every notes file of the events to HTML, two at a time (this machine's
/// cores, as briefnote uses them): one call per event for its Markdown and text, one per
/// Word file.
fn pandoc(events: &[PathBuf]) -> Duration {
    let mut jobs: Vec<Vec<PathBuf>> = Vec::new();
    for e in events {
        let mut text = Vec::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(e.join("notes"))
            .unwrap()
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|x| x == "docx") {
                jobs.push(vec![f]);
            } else {
                text.push(f);
            }
        }
        jobs.push(text);
    }
    let queue = std::sync::Mutex::new(jobs);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                while let Some(job) = queue.lock().unwrap().pop() {
                    let from = if job[0].extension().is_some_and(|x| x == "docx") {
                        "docx"
                    } else {
                        "markdown"
                    };
                    let ok = Command::new("pandoc")
                        .args(["-f", from, "-t", "html", "-o", "/dev/null"])
                        .args(&job)
                        .status()
                        .expect("pandoc runs");
                    assert!(ok.success(), "pandoc failed on {job:?}");
                }
            });
        }
    });
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let o = options();
    if let Some(dir) = &o.generate {
        let n = o.events.iter().copied().max().unwrap_or(1);
        generate_events(dir, n, &o.shape);
        println!("{n} events written under {}", dir.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let most = o.events.iter().copied().max().unwrap_or(1);
    let all = generate_events(&tmp.path().join("events"), most, &o.shape);
    let out = tmp.path().join("out");
    let s = &o.shape;
    println!(
        "events of {} sessions x {} words, {} participants, {} responses, every {} notes file Word; \
         all three formats; best / median of {} runs; peak memory of the process",
        s.sessions, s.words, s.people, s.responses, s.docx_every, o.runs
    );
    let with_pandoc = installed("pandoc");
    let mut one_event_peak = None;
    for &n in &o.events {
        let events = &all[..n];
        let (best, median, peak) = repeat(o.runs, || briefnote(events, &out));
        one_event_peak.get_or_insert(peak);
        print!(
            "  {n:>3} events: {:>7.0} / {:>7.0} ms ({:.1} ms an event), peak {:.0} MB ({:.2}x the first size)",
            ms(best),
            ms(median),
            ms(best) / n as f64,
            mb(peak),
            peak as f64 / one_event_peak.unwrap() as f64
        );
        if with_pandoc {
            // Alternate with briefnote, so that a slow moment of the machine falls on both.
            let mut ours = vec![best];
            let mut theirs = Vec::new();
            for _ in 0..o.runs.min(3) {
                theirs.push(pandoc(events));
                ours.push(measure(&mut briefnote(events, &out)).0);
            }
            let (ours, theirs) = (ours.iter().min().unwrap(), theirs.iter().min().unwrap());
            print!(
                "; pandoc to HTML {:.0} ms: {:.2}x pandoc",
                ms(*theirs),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        println!();
    }
    if !with_pandoc {
        println!("  (pandoc not installed: no comparison)");
    }
    typst_cli(o.event.as_ref().unwrap_or(&all[0]), tmp.path(), o.runs);
}

/// One event, three formats, against the typst CLI compiling the same note (the built-in
/// template and the event's view, the same fonts) to PDF alone.
fn typst_cli(event: &Path, tmp: &Path, runs: usize) {
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".to_string());
    if !installed(&typst) {
        println!("  (typst CLI not installed, or TYPST not set: no comparison)");
        return;
    }
    let out = tmp.join("view-out");
    let status = Command::new(env!("CARGO_BIN_EXE_briefnote"))
        .arg("build")
        .arg(event)
        .arg("--out")
        .arg(&out)
        .args(["--emit", "view", "--quiet", "--force"])
        .status()
        .unwrap();
    assert!(status.success());
    let view = walk(&out)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("-view.json"))
        .expect("--emit view writes view.json");
    let project = tmp.join("typst-project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::copy(&view, project.join("view.json")).unwrap();
    std::fs::write(
        project.join("summary.typ"),
        briefnote::render::pdf::TEMPLATE,
    )
    .unwrap();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/fonts");
    let cli = || {
        let mut cmd = Command::new(&typst);
        cmd.arg("compile")
            .arg("--root")
            .arg(&project)
            .arg("--font-path")
            .arg(&fonts)
            .args(["--ignore-system-fonts", "--pdf-standard", "ua-1"])
            .arg(project.join("summary.typ"))
            .arg(project.join("summary.pdf"));
        cmd
    };
    // Alternately, three times as many runs as the batches: both are short, and the
    // machine's noise is of their size.
    let (mut theirs, mut ours) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 * runs {
        theirs = theirs.min(measure(&mut cli()).0);
        ours = ours.min(measure(&mut briefnote(&[event.to_path_buf()], &out)).0);
    }
    println!(
        "  one event ({}), three formats: {:.0} ms; typst CLI, the same note to PDF: {:.0} ms: {:.2}x typst",
        event.file_name().unwrap_or_default().to_string_lossy(),
        ms(ours),
        ms(theirs),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
