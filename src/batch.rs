//! Many articles at once: folders, globs and lists become a list of input files, and a job runs on
//! each in parallel while the results come out in input order, as they are ready.
//!
//! Memory stays flat however many files there are: at most a small window of items is in flight
//! or waiting for an earlier one, and nothing else of a finished item is kept.

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, TrySendError};
use std::sync::Mutex;

/// File extensions taken from a folder (any file named explicitly is taken whatever its name).
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "text", "html", "htm", "xhtml"];

/// The inputs a command line names: files, folders (recursively), glob patterns and `-`.
#[derive(Debug, Default)]
pub struct InputList {
    /// The files, in the order given; a folder's files sorted by path.
    pub files: Vec<PathBuf>,
    /// One line for each argument that named nothing usable.
    pub problems: Vec<String>,
    /// Whether the list came from a single file argument (not a folder, pattern or list).
    pub single_file: bool,
}

impl InputList {
    /// Expands `args`: `-` (standard input) and paths of files stay as they are (a missing file is
    /// reported when it is read), folders give their article files recursively (hidden entries,
    /// sidecars and other extensions skipped, symbolic links to folders not followed), and an
    /// argument that names nothing but contains `*`, `?` or `[` is a glob pattern.
    pub fn expand(args: &[PathBuf]) -> InputList {
        let mut list = InputList::default();
        for arg in args {
            list.add(arg);
        }
        list.single_file = args.len() == 1
            && list.files.len() == 1
            && list.problems.is_empty()
            && !args[0].is_dir()
            && args[0] == list.files[0];
        list
    }

    fn add(&mut self, arg: &Path) {
        if arg.is_dir() {
            let before = self.files.len();
            walk(arg, &mut self.files, &mut self.problems);
            self.files[before..].sort();
            return;
        }
        let text = arg.to_string_lossy();
        if arg.symlink_metadata().is_err() && text.contains(['*', '?', '[']) {
            match glob::glob(&text) {
                Ok(paths) => {
                    let before = self.files.len();
                    for entry in paths {
                        match entry {
                            Ok(p) if p.is_dir() => walk(&p, &mut self.files, &mut self.problems),
                            Ok(p) => self.files.push(p),
                            Err(e) => self.problems.push(format!("{e}")),
                        }
                    }
                    self.files[before..].sort();
                    if self.files.len() == before {
                        self.problems
                            .push(format!("{text}: no file matches this pattern"));
                    }
                }
                Err(e) => self
                    .problems
                    .push(format!("{text}: not a valid glob pattern: {}", e.msg)),
            }
            return;
        }
        self.files.push(arg.to_path_buf());
    }

    /// Adds the paths listed one per line in `reader` (blank lines skipped), each expanded like a
    /// command-line argument.
    pub fn add_list(&mut self, reader: impl BufRead, list_name: &str) {
        for (n, line) in reader.lines().enumerate() {
            match line {
                Ok(line) => {
                    let line = line.trim_end_matches('\r');
                    if !line.trim().is_empty() {
                        self.add(Path::new(line));
                    }
                }
                Err(e) => {
                    self.problems
                        .push(format!("{list_name}: line {}: cannot read: {e}", n + 1));
                    break;
                }
            }
        }
        self.single_file = false;
    }
}

fn is_article_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with(".marsad.json") {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The article files under `dir`, depth first.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("{}: cannot list the folder: {e}", dir.display()));
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => subdirs.push(path),
            // A link is taken if it leads to a file; links to folders are not followed (cycles).
            Ok(t) if t.is_symlink() => {
                if path.is_file() && is_article_name(&path) {
                    files.push(path);
                }
            }
            Ok(_) => {
                if is_article_name(&path) {
                    files.push(path);
                }
            }
            Err(_) => {}
        }
    }
    for sub in subdirs {
        walk(&sub, files, problems);
    }
}

/// The number of worker threads to use when none is asked for: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What happened to one item of [`run_ordered`].
pub enum Outcome<R> {
    /// The job returned.
    Done(R),
    /// The job panicked; the message says where. The run goes on.
    Panicked(String),
}

/// Runs `work` on each item on `jobs` threads and gives each outcome to `sink` in input order, as
/// soon as it and every item before it are done. `sink` returns `false` to stop: no further item
/// is started, and the outcomes of those in flight are dropped. At most `4 × jobs + 4` items are
/// in flight or waiting. A job that panics becomes [`Outcome::Panicked`]; the others go on.
///
/// The items are drawn on the calling thread, so `items` may read standard input lazily. That
/// thread is one of the `jobs`: it keeps a short queue filled for `jobs - 1` helper threads and
/// runs the item that does not fit in it, so while there is work nobody waits to be woken (a
/// hand-over per article, on a virtual machine, cost more than a third of the CPU time).
pub fn run_ordered<I, R, W, S>(
    jobs: usize,
    items: impl IntoIterator<Item = I>,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    I: Send,
    R: Send,
    W: Fn(I) -> R + Sync,
    S: FnMut(Outcome<R>) -> bool,
{
    let window = jobs.max(1) * 4 + 4;
    // Four items waiting per helper; none without helpers (a queue nobody reads loses items).
    let helpers = jobs.saturating_sub(1);
    let (queue, queued) = mpsc::sync_channel::<(usize, I)>(4 * helpers);
    let queued = Mutex::new(queued);
    let (report, reports) = mpsc::channel::<(usize, Outcome<R>)>();
    let work = &work;
    std::thread::scope(|scope| {
        for h in 1..=helpers {
            let (queued, report) = (&queued, report.clone());
            std::thread::Builder::new()
                .name(format!("marsad-worker-{h}"))
                .spawn_scoped(scope, move || {
                    // The lock is held while waiting, so one idle helper waits at a time.
                    while let Ok(Ok((index, item))) = queued.lock().map(|q| q.recv()) {
                        let _ = report.send((index, catch_panic(|| work(item))));
                    }
                })?; // (On failure the queue's sender goes with this closure: helpers stop.)
        }
        drop(report);
        let mut queue = Some(queue);
        let mut items = items.into_iter();
        let mut waiting: BTreeMap<usize, Outcome<R>> = BTreeMap::new();
        let (mut started, mut delivered) = (0usize, 0usize);
        let mut more = true;
        while more || delivered < started {
            // Fill the helpers' queue; the first item that does not fit is this thread's.
            let mut own = None;
            while more && own.is_none() && started - delivered < window {
                let Some(item) = items.next() else {
                    more = false;
                    break;
                };
                let job = (started, item);
                started += 1;
                match queue.as_ref().map(|q| q.try_send(job)) {
                    Some(Ok(())) => {}
                    Some(Err(TrySendError::Full(job) | TrySendError::Disconnected(job))) => {
                        own = Some(job)
                    }
                    None => unreachable!("the queue closes only once the items end"),
                }
            }
            if !more {
                // Helpers finish what is queued, then stop.
                queue = None;
            }
            if let Some((index, item)) = own {
                waiting.insert(index, catch_panic(|| work(item)));
            } else if delivered < started && !waiting.contains_key(&delivered) {
                // Nothing to run here: the next outcome is a helper's.
                match reports.recv() {
                    Ok((index, outcome)) => {
                        waiting.insert(index, outcome);
                    }
                    Err(_) => {
                        return Err(io::Error::other(
                            "the worker threads stopped before the end",
                        ))
                    }
                }
            }
            waiting.extend(reports.try_iter());
            while let Some(outcome) = waiting.remove(&delivered) {
                delivered += 1;
                if !sink(outcome) {
                    // Nothing more starts: what is queued is taken back, and what is running
                    // reports into a channel nobody reads.
                    drop(queue.take());
                    if let Ok(q) = queued.lock() {
                        q.try_iter().for_each(drop);
                    }
                    return Ok(());
                }
            }
        }
        Ok(())
    })
}

thread_local! {
    /// Set while a batch job runs, so the panic hook keeps quiet and leaves the report to the batch.
    static IN_BATCH_JOB: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that stays silent for panics inside [`run_ordered`] jobs (they are
/// reported as one line by whoever runs the batch) and defers to the default hook otherwise.
pub fn install_quiet_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_BATCH_JOB.with(|f| f.get()) {
            default(info);
        }
    }));
}

fn catch_panic<R>(f: impl FnOnce() -> R) -> Outcome<R> {
    IN_BATCH_JOB.with(|flag| flag.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_BATCH_JOB.with(|flag| flag.set(false));
    match result {
        Ok(r) => Outcome::Done(r),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Outcome::Panicked(message.replace('\n', " "))
        }
    }
}

/// One line of a JSON Lines stream, read with a cap on its length.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The line's bytes, without the line break.
    Text(Vec<u8>),
    /// A line longer than the cap: its length in bytes (it was read past, not kept).
    TooLong(u64),
    /// Reading failed.
    Error(String),
}

/// The lines of `reader`, each kept only if it is at most `max_len` bytes long, so one huge
/// record cannot exhaust memory. A final line without a line break still counts.
pub fn capped_lines<R: BufRead>(reader: R, max_len: u64) -> impl Iterator<Item = Line> {
    let mut reader = reader;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut line = Vec::new();
        let mut len: u64 = 0;
        let mut too_long = false;
        loop {
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    done = true;
                    return Some(Line::Error(e.to_string()));
                }
            };
            if buf.is_empty() {
                done = true;
                if len == 0 {
                    return None;
                }
                break;
            }
            let (chunk, found) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (&buf[..i], Some(i + 1)),
                None => (buf, None),
            };
            len += chunk.len() as u64;
            if len > max_len {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
            let consumed = found.unwrap_or(buf.len());
            reader.consume(consumed);
            if found.is_some() {
                break;
            }
        }
        if line.last() == Some(&b'\r') && !too_long {
            line.pop();
        }
        Some(if too_long {
            Line::TooLong(len)
        } else {
            Line::Text(line)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn results_come_in_input_order() {
        for jobs in [1, 2, 3] {
            let mut seen = Vec::new();
            run_ordered(
                jobs,
                0..200u64,
                |i| {
                    // Later items finish first.
                    std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                    i * 2
                },
                |o| {
                    if let Outcome::Done(v) = o {
                        seen.push(v);
                    }
                    true
                },
            )
            .unwrap();
            assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panic_is_one_outcome_and_the_run_goes_on() {
        install_quiet_panic_hook();
        let mut outcomes = Vec::new();
        run_ordered(
            2,
            0..10,
            |i| {
                assert!(i != 4, "item four is bad");
                i
            },
            |o| {
                outcomes.push(match o {
                    Outcome::Done(i) => i.to_string(),
                    Outcome::Panicked(m) => format!("panic: {m}"),
                });
                true
            },
        )
        .unwrap();
        assert_eq!(outcomes.len(), 10);
        assert_eq!(outcomes[4], "panic: item four is bad");
        assert_eq!(outcomes[5], "5");
    }

    #[test]
    fn the_sink_can_stop_the_run() {
        let mut n = 0;
        run_ordered(
            2,
            0..,
            |i: u64| i,
            |_| {
                n += 1;
                n < 5
            },
        )
        .unwrap();
        assert_eq!(n, 5);
    }

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/c")).unwrap();
        fs::create_dir_all(d.join(".hidden")).unwrap();
        for f in [
            "b/c/z.txt",
            "b/a.html",
            "a.txt",
            "a.marsad.json",
            "notes.pdf",
            ".hidden/x.txt",
            ".dot.txt",
        ] {
            fs::write(d.join(f), "x").unwrap();
        }
        let list = InputList::expand(&[d.to_path_buf()]);
        let rel: Vec<String> = list
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(rel, ["a.txt", "b/a.html", "b/c/z.txt"]);
        assert!(!list.single_file);

        let pattern = d.join("b/**/*.txt");
        let list = InputList::expand(&[pattern]);
        assert_eq!(list.files, [d.join("b/c/z.txt")]);
        let list = InputList::expand(&[d.join("nothing-*.txt")]);
        assert!(list.files.is_empty());
        assert_eq!(list.problems.len(), 1);
        let list = InputList::expand(&[d.join("a.txt")]);
        assert!(list.single_file);
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let input = b"short\r\n0123456789abcdef\nlast".to_vec();
        let lines: Vec<Line> = capped_lines(&input[..], 8).collect();
        assert_eq!(
            lines,
            [
                Line::Text(b"short".to_vec()),
                Line::TooLong(16),
                Line::Text(b"last".to_vec())
            ]
        );
        assert_eq!(capped_lines(&b"a\n"[..], 8).count(), 1);
        assert_eq!(capped_lines(&b"a\n\n"[..], 8).count(), 2);
    }
}
