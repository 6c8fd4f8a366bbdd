//! Process-level figures for batches (issue 9) and linear time (issue 13), measured on the release
//! binary with the kernel's own accounting (wait4: wall time, CPU time, peak resident memory):
//!
//! - `e2e`: `marsad extract` on the 10 MB file: MB/s and peak RSS against 3 × input + 100 MB.
//! - `folder`: 5,000 real articles with `--jobs 1` and `--jobs 2` (articles/s, speed-up), and
//!   peak RSS for 1,000 versus all 31,030 articles (flat memory).
//! - `corpus`: `marsad index` of the 31,030 articles, re-index when nothing changed, and the
//!   time of each kind of query on the store.
//! - `scaling`: CPU time per MB for 1, 10 and 50 MB of distinct articles, of one deeply nested
//!   HTML page and of one single line (each run capped; a capped run is superlinear).
//!
//! `cargo bench --bench batch` runs all; `cargo bench --bench batch -- folder corpus` some.
//! `--quick` leaves out the 50 MB inputs and indexes 5,000 articles instead of all.
//! The articles come from SaudiNewsNet: `$MARSAD_SNN` (a folder unpack.py wrote), else they are
//! unpacked from ../shared/corpora/saudinewsnet into the target directory.

use marsad::corpus::{ArticleFilter, StatementFilter, Store};
use marsad::model::RelationType;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MARSAD: &str = env!("CARGO_BIN_EXE_marsad");
const MB: f64 = 1024.0 * 1024.0;

/// What the kernel counted for one run of a command.
struct Measured {
    wall: f64,
    cpu: f64,
    peak_rss_mb: f64,
    code: i32,
    capped: bool,
}

/// Runs `cmd` (stdout discarded unless redirected by the caller), killing it once it has used
/// `cap` of CPU time (CPU, not wall time: on a shared machine a run may wait for a core).
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also reports its resource use"
)]
fn measure(cmd: &mut Command, cap: Duration) -> Measured {
    let started = Instant::now();
    let child = cmd.stderr(Stdio::null()).spawn().expect("marsad starts");
    let pid = child.id() as libc::pid_t;
    let mut capped = false;
    let mut peak_kb = 0;
    loop {
        peak_kb = peak_kb.max(high_water_kb(pid));
        let mut status = 0;
        // SAFETY: rusage is plain data; wait4 fills it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if capped { 0 } else { libc::WNOHANG };
        // SAFETY: pid is our child, status and usage are valid for writing.
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if r == pid {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return Measured {
                wall: started.elapsed().as_secs_f64(),
                cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
                // ru_maxrss counts the parent's memory at the fork (Linux keeps the old high
                // water mark across exec); VmHWM is the child's own. Runs too short to be
                // sampled fall back to ru_maxrss, an upper bound.
                peak_rss_mb: if peak_kb > 0 {
                    peak_kb
                } else {
                    usage.ru_maxrss
                } as f64
                    / 1024.0,
                code: if libc::WIFEXITED(status) {
                    libc::WEXITSTATUS(status)
                } else {
                    -1
                },
                capped,
            };
        }
        if !capped && cpu_so_far(pid) > cap.as_secs_f64() {
            // SAFETY: sending a signal to our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            capped = true;
            continue;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The peak resident memory of a running process so far (VmHWM), in KiB; 0 if unknown.
fn high_water_kb(pid: libc::pid_t) -> i64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The CPU time a running process has used, from /proc/PID/stat (utime and stime, in ticks).
fn cpu_so_far(pid: libc::pid_t) -> f64 {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // SAFETY: sysconf only reads a configuration value.
    let per_sec = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / per_sec
}

fn marsad(args: &[&str]) -> Command {
    let mut cmd = Command::new(MARSAD);
    cmd.args(args)
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .stdout(Stdio::null());
    cmd
}

fn work_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-batch");
    fs::create_dir_all(&dir).expect("bench dir");
    dir
}

/// The unpacked SaudiNewsNet articles (title, blank line, paragraphs) and their index.jsonl.
fn snn() -> PathBuf {
    if let Ok(dir) = std::env::var("MARSAD_SNN") {
        return PathBuf::from(dir);
    }
    let out = work_dir().join("snn");
    if out.join("index.jsonl").is_file() {
        return out;
    }
    let unpack = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/corpora/saudinewsnet/unpack.py"))
        .find(|p| p.is_file())
        .expect("shared/corpora/saudinewsnet/unpack.py beside the checkout, or $MARSAD_SNN");
    eprintln!("unpacking SaudiNewsNet into {} …", out.display());
    let status = Command::new("python3")
        .arg(unpack)
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .expect("python3 runs");
    assert!(status.success(), "unpack.py failed");
    out
}

/// Every article file of the corpus, in path order.
fn articles(snn: &Path) -> Vec<PathBuf> {
    marsad::batch::InputList::expand(&[snn.to_path_buf()]).files
}

/// A folder holding copies of the first `n` articles.
fn folder_of(snn: &Path, n: usize) -> PathBuf {
    let dir = work_dir().join(format!("folder-{n}"));
    if dir.is_dir() && fs::read_dir(&dir).map_or(0, |d| d.count()) == n {
        return dir;
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("folder");
    for (i, src) in articles(snn).iter().take(n).enumerate() {
        fs::copy(src, dir.join(format!("{i:05}.txt"))).expect("copy");
    }
    dir
}

fn ten_mb_file() -> PathBuf {
    let path = work_dir().join("sample-10MB.txt");
    if !path.is_file() {
        let sample = fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
        ))
        .expect("sample");
        let mut out = Vec::with_capacity((10 << 20) + sample.len());
        while out.len() < 10 << 20 {
            out.extend_from_slice(&sample);
            out.extend_from_slice(b"\n\n");
        }
        fs::write(&path, out).expect("write");
    }
    path
}

fn e2e() {
    let file = ten_mb_file();
    let size = fs::metadata(&file).expect("size").len() as f64;
    println!(
        "\n## End to end: marsad extract on the 10 MB file ({:.1} MB)\n",
        size / MB
    );
    println!("| run | wall s | CPU s | MB/s (wall) | MB/s (CPU) | peak RSS MB | limit 3×+100 MB |");
    println!("|---|---|---|---|---|---|---|");
    let out = work_dir().join("out.json");
    for (name, mut cmd) in [
        (
            "json to stdout (pretty)",
            marsad(&["extract", s(&file), "--jobs", "1"]),
        ),
        (
            "json to stdout, a second thread reading ahead",
            marsad(&["extract", s(&file)]),
        ),
        (
            "json to a file",
            marsad(&["extract", s(&file), "--jobs", "1", "-o", s(&out)]),
        ),
        (
            "csv export",
            marsad(&[
                "extract",
                s(&file),
                "--format",
                "csv",
                "-o",
                s(&work_dir().join("csv")),
            ]),
        ),
    ] {
        let best = (0..3)
            .map(|_| measure(&mut cmd, Duration::from_secs(120)))
            .min_by(|a, b| a.cpu.total_cmp(&b.cpu))
            .expect("runs");
        assert_eq!(best.code, 0, "{name} failed");
        println!(
            "| {name} | {:.2} | {:.2} | {:.1} | {:.1} | {:.0} | {:.0} |",
            best.wall,
            best.cpu,
            size / MB / best.wall,
            size / MB / best.cpu,
            best.peak_rss_mb,
            3.0 * size / MB + 100.0
        );
    }
}

fn folder(snn: &Path, quick: bool) {
    let n = 5000;
    let dir = folder_of(snn, n);
    let bytes: u64 = fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").metadata().expect("meta").len())
        .sum();
    println!(
        "\n## A folder of {n} real articles ({:.1} MB), JSON Lines to stdout\n",
        bytes as f64 / MB
    );
    println!("| jobs | wall s | CPU s | articles/s | MB/s | peak RSS MB |");
    println!("|---|---|---|---|---|---|");
    let mut walls = Vec::new();
    for jobs in ["1", "2"] {
        let m = measure(
            &mut marsad(&["extract", s(&dir), "--jobs", jobs]),
            Duration::from_secs(600),
        );
        // 1: some files failed (SaudiNewsNet has empty articles), each reported on one line.
        assert!(m.code == 0 || m.code == 1, "folder run failed ({})", m.code);
        walls.push(m.wall);
        println!(
            "| {jobs} | {:.2} | {:.2} | {:.0} | {:.1} | {:.0} |",
            m.wall,
            m.cpu,
            n as f64 / m.wall,
            bytes as f64 / MB / m.wall,
            m.peak_rss_mb
        );
    }
    println!(
        "\nSpeed-up from 1 to 2 jobs: {:.2}× (wall time {:.2} s → {:.2} s).",
        walls[0] / walls[1],
        walls[0],
        walls[1]
    );
    println!("\nPeak memory against the number of files (--jobs 2):\n");
    println!("| articles | wall s | peak RSS MB |");
    println!("|---|---|---|");
    let all = articles(snn);
    let sizes: Vec<usize> = if quick {
        vec![1000, 5000]
    } else {
        vec![1000, 5000, all.len()]
    };
    for count in sizes {
        let list = work_dir().join(format!("list-{count}.txt"));
        let mut f = fs::File::create(&list).expect("list");
        for p in all.iter().take(count) {
            writeln!(f, "{}", p.display()).expect("write list");
        }
        drop(f);
        let m = measure(
            &mut marsad(&["extract", "--files-from", s(&list), "--jobs", "2"]),
            Duration::from_secs(1800),
        );
        println!("| {count} | {:.1} | {:.0} |", m.wall, m.peak_rss_mb);
    }
}

/// The median time of `f` over five runs, in milliseconds, and its last result.
fn timed<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[2], last.expect("ran"))
}

fn corpus(snn: &Path, quick: bool) {
    let store = work_dir().join("corpus.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", store.display()));
    }
    let (input, count) = if quick {
        (folder_of(snn, 5000), 5000)
    } else {
        (snn.to_path_buf(), articles(snn).len())
    };
    let meta = snn.join("index.jsonl");
    let mut args = vec!["index", s(&input), "-o", s(&store), "--jobs", "2"];
    if !quick {
        args.extend(["--meta", s(&meta)]);
    }
    println!("\n## Corpus store: {count} articles\n");
    println!("| step | wall s | CPU s | peak RSS MB |");
    println!("|---|---|---|---|");
    let first = measure(&mut marsad(&args), Duration::from_secs(3600));
    assert!(first.code == 0 || first.code == 1, "index failed");
    println!(
        "| index (new store, 2 jobs) | {:.1} | {:.1} | {:.0} |",
        first.wall, first.cpu, first.peak_rss_mb
    );
    let again = measure(&mut marsad(&args), Duration::from_secs(3600));
    println!(
        "| index again, nothing changed | {:.2} | {:.2} | {:.0} |",
        again.wall, again.cpu, again.peak_rss_mb
    );
    let size = fs::metadata(&store).map_or(0, |m| m.len());
    println!("\nStore size: {:.0} MB.\n", size as f64 / MB);

    let store = Store::open(&store).expect("store opens");
    println!("| query | ms (median of 5) | rows |");
    println!("|---|---|---|");
    let week = ArticleFilter {
        from: Some("2015-07-21".into()),
        to: Some("2015-07-27".into()),
        ..ArticleFilter::default()
    };
    let row = |name: &str, (ms, rows): (f64, usize)| println!("| {name} | {ms:.1} | {rows} |");
    row("totals", timed(|| store.totals().map_or(0, |_| 1)));
    row(
        "articles, all",
        timed(|| {
            store
                .articles(&ArticleFilter::default())
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "articles, first 100 of a week",
        timed(|| {
            store
                .articles(&ArticleFilter {
                    limit: Some(100),
                    ..week.clone()
                })
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "search «العراق», best 50",
        timed(|| {
            store
                .search("العراق", &ArticleFilter::default())
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "search \"مجلس الأمن\", best 50",
        timed(|| {
            store
                .search("\"مجلس الأمن\"", &ArticleFilter::default())
                .map_or(0, |r| r.len())
        }),
    );
    let by =
        |speaker: Option<&str>, target: Option<&str>, kind, from: Option<&str>| StatementFilter {
            speaker: speaker.map(str::to_string),
            target: target.map(str::to_string),
            kind,
            from: from.map(str::to_string),
            to: from.map(|_| "2015-07-27".to_string()),
            ..StatementFilter::default()
        };
    row(
        "statements by USA (all)",
        timed(|| {
            store
                .statements(&by(Some("USA"), None, None, None))
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "statements about IRN, type accuse",
        timed(|| {
            store
                .statements(&by(None, Some("IRN"), Some(RelationType::Accuse), None))
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "statements by SAU in a week",
        timed(|| {
            store
                .statements(&by(Some("SAU"), None, None, Some("2015-07-21")))
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "actor graph, whole corpus",
        timed(|| store.graph(None, None, 1).map_or(0, |r| r.len())),
    );
    row(
        "actor graph, one week",
        timed(|| {
            store
                .graph(Some("2015-07-21"), Some("2015-07-27"), 1)
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "pair USA–IRN over time",
        timed(|| {
            store
                .pair_timeline("USA", "IRN", None, None)
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "actors, top 100",
        timed(|| {
            store
                .actors(&ArticleFilter {
                    limit: Some(100),
                    ..ArticleFilter::default()
                })
                .map_or(0, |r| r.len())
        }),
    );
    row(
        "one article's document",
        timed(|| store.document(1).map_or(0, |d| usize::from(d.is_some()))),
    );
}

/// Writes `size` bytes of a kind of input, made from distinct articles.
fn scaling_input(kind: &str, mb: usize, texts: &[String]) -> PathBuf {
    let ext = if kind == "nested-html" { "html" } else { "txt" };
    let path = work_dir().join(format!("scale-{kind}-{mb}MB.{ext}"));
    if path.is_file() {
        return path;
    }
    let target = mb << 20;
    let mut out = String::with_capacity(target + 4096);
    match kind {
        "distinct" => {
            for t in texts.iter().cycle() {
                if out.len() >= target {
                    break;
                }
                out.push_str(t);
                out.push_str("\n\n");
            }
        }
        "single-line" => {
            for t in texts.iter().cycle() {
                if out.len() >= target {
                    break;
                }
                out.extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
                out.push(' ');
            }
        }
        _ => {
            // <div> nested to the depth that fills the size, a sentence every 1,000 levels.
            let sentence = "<p>قال وزير الخارجية العراقي إن بغداد ترفض التهديدات.</p>";
            let per_level = "<div>".len() + "</div>".len();
            let depth = target / (per_level + sentence.len() / 1000);
            out.push_str("<html><head><title>عنوان</title></head><body>");
            for i in 0..depth {
                out.push_str("<div>");
                if i % 1000 == 0 {
                    out.push_str(sentence);
                }
            }
            out.push_str(sentence);
            for _ in 0..depth {
                out.push_str("</div>");
            }
            out.push_str("</body></html>");
        }
    }
    fs::write(&path, out).expect("write input");
    path
}

fn scaling(snn: &Path, quick: bool) {
    let texts: Vec<String> = articles(snn)
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect();
    let sizes: &[usize] = if quick { &[1, 10] } else { &[1, 10, 50] };
    let cap = Duration::from_secs(240);
    println!(
        "\n## Scaling: CPU time per MB (one job, JSON to stdout, each run capped at {} s of CPU)\n",
        cap.as_secs()
    );
    println!("| input | MB | CPU s | CPU s per MB | × the 1 MB rate | peak RSS MB |");
    println!("|---|---|---|---|---|---|");
    for kind in ["distinct", "nested-html", "single-line"] {
        let mut base = None;
        for &mb in sizes {
            let path = scaling_input(kind, mb, &texts);
            let size = fs::metadata(&path).expect("size").len() as f64 / MB;
            let m = measure(
                &mut marsad(&[
                    "extract",
                    s(&path),
                    "--jobs",
                    "1",
                    "--max-bytes",
                    "200000000",
                ]),
                cap,
            );
            if m.capped {
                println!(
                    "| {kind} | {size:.0} | > {:.0} (stopped) | > {:.2} | superlinear | {:.0} |",
                    m.cpu,
                    m.cpu / size,
                    m.peak_rss_mb
                );
                break;
            }
            let per_mb = m.cpu / size;
            let base_rate = *base.get_or_insert(per_mb);
            println!(
                "| {kind} | {size:.0} | {:.2} | {per_mb:.3} | {:.2} | {:.0} |{}",
                m.cpu,
                per_mb / base_rate,
                m.peak_rss_mb,
                if m.code == 0 { "" } else { " (failed)" }
            );
        }
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let chosen: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| ["e2e", "folder", "corpus", "scaling"].contains(a))
        .collect();
    let wants = |name: &str| chosen.is_empty() || chosen.contains(&name);
    println!(
        "# marsad batch figures ({} cores)",
        marsad::batch::default_jobs()
    );
    if wants("e2e") {
        e2e();
    }
    if wants("folder") || wants("corpus") || wants("scaling") {
        let snn = snn();
        if wants("folder") {
            folder(&snn, quick);
        }
        if wants("corpus") {
            corpus(&snn, quick);
        }
        if wants("scaling") {
            scaling(&snn, quick);
        }
    }
}
