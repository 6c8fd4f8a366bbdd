//! `marsad extract`: one article, a folder on every core, or JSON Lines records from a pipe.

use super::progress::Progress;
use super::{EngineArgs, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use crate::batch::{self, InputList, Line, Outcome};
use crate::export::{self, ExportFile, ExportFormat, Inputs};
use crate::extract::Extractor;
use crate::ingest::{self, STDIN};
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: files, folders (searched recursively for .txt, .text, .html, .htm and .xhtml
    /// files), glob patterns ('news/**/*.txt', quoted), or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// Read more inputs from LIST, one per line (`-`: standard input).
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
    /// Read JSON Lines records ({"id": …, "text": …, any other fields}) from FILE (`-`: standard
    /// input) and write one marsad/1 record per line, in the same order, other fields passed
    /// through under "fields"; a record that fails becomes a line with an "error" field. The
    /// stage for Spark's RDD.pipe(), Hadoop streaming and GNU parallel.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["inputs", "files_from"])]
    pub jsonl_in: Option<PathBuf>,
    /// Output format (the files of each: docs/export-format.md).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// json: write to this file instead of standard output (`-`). Other formats: the directory
    /// to write into, created if needed (default: the current directory); files are named after
    /// each article (STEM.mentions.csv, STEM.ann, …). No output may be an input file: such a run
    /// writes nothing and exits with 2.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The marsad/1 JSON document (JSON Lines for several files).
    Json,
    /// Spreadsheet tables: STEM.mentions.csv, STEM.statements.csv, STEM.relations.csv.
    Csv,
    /// brat/INCEpTION standoff: STEM.txt, STEM.ann and annotation.conf.
    Brat,
    /// The actor graph for Gephi or networkx: STEM.graphml.
    Graphml,
    /// One CAMEO-coded dyadic event per relation: STEM.events.csv.
    Events,
}

impl From<Format> for ExportFormat {
    fn from(f: Format) -> ExportFormat {
        match f {
            Format::Json => ExportFormat::Json,
            Format::Csv => ExportFormat::Csv,
            Format::Brat => ExportFormat::Brat,
            Format::Graphml => ExportFormat::Graphml,
            Format::Events => ExportFormat::Events,
        }
    }
}

/// Runs `marsad extract`; returns the process exit code.
pub fn run_extract(args: &ExtractArgs) -> i32 {
    let jobs = args.engine.jobs();
    if let Some(source) = &args.jsonl_in {
        return run_jsonl(args, source, jobs);
    }
    if args.inputs.is_empty() && args.files_from.is_none() {
        eprintln!("marsad: no article given; name files, folders or `-`, or use --files-from");
        return EXIT_USAGE;
    }
    let mut list = InputList::expand(&args.inputs);
    if let Some(list_file) = &args.files_from {
        let added = if list_file == Path::new(STDIN) {
            list.add_list(io::stdin().lock(), STDIN);
            Ok(())
        } else {
            std::fs::File::open(list_file)
                .map(|f| list.add_list(BufReader::new(f), &list_file.display().to_string()))
        };
        if let Err(e) = added {
            eprintln!("marsad: {}: cannot read the list: {e}", list_file.display());
            return EXIT_USAGE;
        }
    }
    let stdin_uses = list.files.iter().filter(|p| *p == Path::new(STDIN)).count()
        + usize::from(args.files_from.as_deref() == Some(Path::new(STDIN)));
    if stdin_uses > 1 {
        eprintln!("marsad: standard input (`-`) can be read only once");
        return EXIT_USAGE;
    }
    for problem in &list.problems {
        eprintln!("marsad: {problem}");
    }
    if list.files.is_empty() {
        eprintln!("marsad: no article to read");
        return EXIT_USAGE;
    }
    let extractor = match args.engine.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut inputs = Inputs::new(list.files.iter().filter(|p| *p != Path::new(STDIN)));
    for g in args.engine.gazetteer_inputs() {
        inputs.add(&g);
    }
    if let Some(l) = &args.files_from {
        inputs.add(l);
    }
    let run = Run {
        args,
        extractor: &extractor,
        inputs: &inputs,
        jobs,
    };
    let code = if args.format == Format::Json {
        run.json(&list)
    } else {
        run.exports(&list)
    };
    if code == EXIT_OK && !list.problems.is_empty() {
        EXIT_FAILED
    } else {
        code
    }
}

struct Run<'a> {
    args: &'a ExtractArgs,
    extractor: &'a Extractor,
    inputs: &'a Inputs,
    jobs: usize,
}

/// A worker's result for one article: what to write, and warning lines.
type Annotated<T> = Result<(T, Vec<String>), String>;

impl Run<'_> {
    /// Reads and annotates one article; warnings name the file.
    fn annotate(
        &self,
        path: &Path,
    ) -> Result<(crate::model::AnnotatedDocument, Vec<String>), String> {
        let doc =
            ingest::load_with_limit(path, self.args.engine.max_bytes).map_err(|e| e.to_string())?;
        let warnings = doc
            .notices()
            .iter()
            .map(|n| format!("marsad: warning: {}: {n}", path.display()))
            .collect();
        Ok((
            self.extractor.annotate_owned(doc.text, doc.source),
            warnings,
        ))
    }

    /// Opens the JSON output (standard output, or a file checked against the inputs). The buffer
    /// is the outer type so that the serialiser's many small writes stay inlined copies.
    fn json_output(&self) -> Result<io::BufWriter<Box<dyn Write>>, i32> {
        let inner: Box<dyn Write> = match self.args.output.as_deref() {
            None => Box::new(io::stdout().lock()),
            Some(p) if p == Path::new(STDIN) => Box::new(io::stdout().lock()),
            Some(p) => match export::output::create_checked(p, self.inputs) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("marsad: {e}");
                    return Err(EXIT_USAGE);
                }
            },
        };
        Ok(io::BufWriter::with_capacity(1 << 20, inner))
    }

    /// marsad/1 JSON: one pretty document for a single file, else JSON Lines in input order.
    fn json(&self, list: &InputList) -> i32 {
        let mut out = match self.json_output() {
            Ok(o) => o,
            Err(code) => return code,
        };
        if list.single_file {
            let path = &list.files[0];
            let written = match self.annotate(path) {
                Ok((doc, warnings)) => {
                    for w in warnings {
                        eprintln!("{w}");
                    }
                    let written = export::json_write::write_document(&mut out, &doc, true)
                        .and_then(|()| out.write_all(b"\n"))
                        .and_then(|()| out.flush());
                    // The process ends next: its memory goes back at once, without freeing each
                    // of a long article's many small strings first.
                    std::mem::forget(doc);
                    written
                }
                Err(line) => {
                    eprintln!("marsad: {line}");
                    return EXIT_FAILED;
                }
            };
            return finish_output(written, EXIT_OK);
        }
        let progress = Progress::new(Some(list.files.len()));
        let mut failed = false;
        let mut sink = JsonLines::new(out);
        let work = |path: &PathBuf| -> Annotated<Vec<u8>> {
            let (doc, warnings) = self.annotate(path)?;
            let line = export::json_write::to_json_line(&doc);
            Ok((line, warnings))
        };
        let ran = batch::run_ordered(self.jobs, list.files.iter(), work, |outcome| {
            if let Some(line) = report(outcome, &progress, &mut failed) {
                if !sink.write(&line) {
                    return false;
                }
            }
            progress.inc();
            true
        });
        progress.finish();
        sink.finish(ran, if failed { EXIT_FAILED } else { EXIT_OK })
    }

    /// csv, brat, graphml, events: each article's files into the output directory. Every
    /// destination is checked against the inputs before anything is written.
    fn exports(&self, list: &InputList) -> i32 {
        let format = ExportFormat::from(self.args.format);
        let dir = self
            .args
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("."));
        if dir == Path::new(STDIN) {
            eprintln!("marsad: --format {format} writes files; give a directory with -o, not `-`");
            return EXIT_USAGE;
        }
        if dir.exists() && !dir.is_dir() {
            eprintln!(
                "marsad: {}: not a directory; --format {format} writes files into a directory",
                dir.display()
            );
            return EXIT_USAGE;
        }
        let mut used = HashSet::new();
        let stems: Vec<String> = list
            .files
            .iter()
            .map(|p| unique_stem(p, &mut used))
            .collect();
        for (path, stem) in list.files.iter().zip(&stems) {
            for name in export::file_names(format, stem) {
                let dest = dir.join(&name);
                if let Some(input) = self.inputs.clash(&dest) {
                    eprintln!(
                        "marsad: {}: refusing to write the {format} export of {}: it is the input \
                         file {}; nothing was written; choose another directory with -o",
                        dest.display(),
                        path.display(),
                        input.display()
                    );
                    return EXIT_USAGE;
                }
            }
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!(
                "marsad: {}: cannot create the output directory: {e}",
                dir.display()
            );
            return EXIT_USAGE;
        }
        let progress = Progress::new(Some(list.files.len()));
        let mut failed = false;
        let mut once: HashSet<String> = HashSet::new();
        let mut written_files = 0usize;
        let single = list.files.len() == 1;
        let work = |(path, stem): (&PathBuf, &String)| -> Annotated<Vec<ExportFile>> {
            let (doc, warnings) = self.annotate(path)?;
            let files = export::export_with(&doc, format, stem, self.extractor.gazetteer());
            Ok((files, warnings))
        };
        let ran = batch::run_ordered(self.jobs, list.files.iter().zip(&stems), work, |outcome| {
            if let Some(mut files) = report(outcome, &progress, &mut failed) {
                // annotation.conf is the same for every article: written once.
                files.retain(|f| f.name != export::brat::CONF_NAME || once.insert(f.name.clone()));
                match export::write_files(&dir, &files, self.inputs) {
                    Ok(paths) => {
                        written_files += paths.len();
                        // The paths written, for a person at a terminal; scripts know them.
                        if single && io::IsTerminal::is_terminal(&io::stderr()) {
                            for p in paths {
                                progress.println(&p.display().to_string());
                            }
                        }
                    }
                    Err(e) => {
                        progress.println(&format!("marsad: {e}"));
                        failed = true;
                    }
                }
            }
            progress.inc();
            true
        });
        progress.finish();
        if let Err(e) = ran {
            eprintln!("marsad: {e}");
            return EXIT_FAILED;
        }
        if !single && io::IsTerminal::is_terminal(&io::stderr()) {
            eprintln!("marsad: wrote {written_files} files into {}", dir.display());
        }
        if failed {
            EXIT_FAILED
        } else {
            EXIT_OK
        }
    }
}

/// Prints an outcome's warning or failure lines; returns what to write, if anything.
fn report<T>(outcome: Outcome<Annotated<T>>, progress: &Progress, failed: &mut bool) -> Option<T> {
    match outcome {
        Outcome::Done(Ok((value, warnings))) => {
            for w in warnings {
                progress.println(&w);
            }
            Some(value)
        }
        Outcome::Done(Err(line)) => {
            progress.println(&format!("marsad: {line}"));
            *failed = true;
            None
        }
        Outcome::Panicked(message) => {
            progress.println(&format!("marsad: internal error: {message}"));
            *failed = true;
            None
        }
    }
}

/// JSON Lines output that keeps its first write error, so a batch stops writing at it and
/// reports it once at the end.
struct JsonLines<W: Write> {
    out: W,
    error: Option<io::Error>,
}

impl<W: Write> JsonLines<W> {
    fn new(out: W) -> Self {
        JsonLines { out, error: None }
    }

    /// Writes one record and its line end; false once writing has failed (stop the batch).
    fn write(&mut self, record: &[u8]) -> bool {
        let written = self
            .out
            .write_all(record)
            .and_then(|()| self.out.write_all(b"\n"));
        match written {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// The exit code: `code`, unless the batch or the output failed.
    fn finish(mut self, ran: io::Result<()>, code: i32) -> i32 {
        let written = match (ran, self.error) {
            (Err(e), _) | (_, Some(e)) => Err(e),
            _ => self.out.flush(),
        };
        finish_output(written, code)
    }
}

/// The exit code after writing: a closed pipe (`| head`) ends quietly; other write errors are
/// reported.
fn finish_output(written: io::Result<()>, code: i32) -> i32 {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_FAILED,
        Err(e) => {
            eprintln!("marsad: cannot write output: {e}");
            EXIT_FAILED
        }
    }
}

/// The file stem of `path` for export names (`stdin` for `-`, `article` if it has none), with
/// `-2`, `-3`, … added when an earlier file of the same run had the same stem.
fn unique_stem(path: &Path, used: &mut HashSet<String>) -> String {
    let base = if path == Path::new(STDIN) {
        "stdin".to_string()
    } else {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "article".to_string())
    };
    let mut stem = base.clone();
    let mut n = 1;
    while !used.insert(stem.clone()) {
        n += 1;
        stem = format!("{base}-{n}");
    }
    stem
}

/// `marsad extract --jsonl-in FILE`: one output line per input line, in order, whatever happens
/// to the record. Failed records are reported in-band (and on stderr), so the exit code is 0
/// unless the stream itself cannot be read or written (a pipe stage must not fail its task for
/// one bad record).
fn run_jsonl(args: &ExtractArgs, source: &Path, jobs: usize) -> i32 {
    if args.format != Format::Json {
        eprintln!("marsad: --jsonl-in writes JSON Lines; --format must be json");
        return EXIT_USAGE;
    }
    let extractor = match args.engine.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut inputs = Inputs::new(args.engine.gazetteer_inputs());
    if source != Path::new(STDIN) {
        inputs.add(source);
    }
    let run = Run {
        args,
        extractor: &extractor,
        inputs: &inputs,
        jobs,
    };
    let out = match run.json_output() {
        Ok(o) => o,
        Err(code) => return code,
    };
    let reader: Box<dyn BufRead> = if source == Path::new(STDIN) {
        Box::new(BufReader::with_capacity(1 << 20, io::stdin().lock()))
    } else {
        match std::fs::File::open(source) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 20, f)),
            Err(e) => {
                eprintln!("marsad: {}: cannot read: {e}", source.display());
                return EXIT_USAGE;
            }
        }
    };
    // JSON escapes can make a record up to six times its text (\uXXXX for two UTF-8 bytes).
    let max_line = args
        .engine
        .max_bytes
        .saturating_mul(6)
        .saturating_add(1 << 20);
    let lines = batch::capped_lines(reader, max_line)
        .enumerate()
        .map(|(i, line)| (i + 1, line));
    let progress = Progress::new(None);
    let mut sink = JsonLines::new(out);
    let mut read_failed = false;
    let max_bytes = args.engine.max_bytes;
    let work = |(n, line): (usize, Line)| -> (Vec<u8>, Option<String>, bool) {
        match line {
            Line::Text(bytes) => {
                let (out, failure) = record(&extractor, n, &bytes, max_bytes);
                (out, failure, false)
            }
            Line::TooLong(len) => {
                let (out, failure) = error_record(
                    n,
                    &Value::Null,
                    None,
                    &format!(
                        "the record is {len} bytes long, over the limit of {max_line} bytes \
                         (six times --max-bytes)"
                    ),
                );
                (out, failure, false)
            }
            Line::Error(e) => {
                let (out, failure) = error_record(
                    n,
                    &Value::Null,
                    None,
                    &format!("cannot read the input: {e}"),
                );
                (out, failure, true)
            }
        }
    };
    let ran = batch::run_ordered(jobs, lines, work, |outcome| {
        let (bytes, failure, unreadable) = match outcome {
            Outcome::Done(done) => done,
            // The record's line number is known only to the worker; its place in the output
            // still tells which record it was.
            Outcome::Panicked(message) => (
                serde_json::to_vec(&serde_json::json!({
                    "id": null,
                    "error": format!("internal error: {message}"),
                }))
                .unwrap_or_default(),
                Some(format!("internal error: {message}")),
                false,
            ),
        };
        read_failed |= unreadable;
        if let Some(f) = failure {
            progress.println(&format!("marsad: {f}"));
        }
        if !sink.write(&bytes) {
            return false;
        }
        progress.inc();
        true
    });
    progress.finish();
    sink.finish(ran, if read_failed { EXIT_FAILED } else { EXIT_OK })
}

/// Annotates one JSON Lines record; returns the output line and, if it failed, why.
fn record(
    extractor: &Extractor,
    n: usize,
    bytes: &[u8],
    max_bytes: u64,
) -> (Vec<u8>, Option<String>) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return error_record(n, &Value::Null, None, "an empty line, not a JSON record");
    }
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return error_record(n, &Value::Null, None, &format!("not a JSON record: {e}"));
        }
    };
    let Value::Object(mut fields) = value else {
        return error_record(n, &Value::Null, None, "not a JSON object");
    };
    let id = fields.remove("id").unwrap_or(Value::Null);
    let text = match fields.remove("text") {
        Some(Value::String(t)) if t.trim().is_empty() => {
            return error_record(
                n,
                &id,
                Some(&fields),
                "\"text\" is empty; nothing to annotate",
            )
        }
        Some(Value::String(t)) => t,
        Some(_) => return error_record(n, &id, Some(&fields), "\"text\" is not a string"),
        None => return error_record(n, &id, Some(&fields), "no \"text\" field"),
    };
    let label = match &id {
        Value::String(s) => s.clone(),
        Value::Number(x) => x.to_string(),
        _ => format!("record {n}"),
    };
    if text.len() as u64 > max_bytes {
        let why = format!(
            "the text is {} bytes, over the limit of {max_bytes} bytes; raise it with --max-bytes",
            text.len()
        );
        return error_record(n, &id, Some(&fields), &why);
    }
    let doc = match ingest::from_vec(text.into_bytes(), &label) {
        Ok(d) => d,
        Err(e) => return error_record(n, &id, Some(&fields), &e.to_string()),
    };
    let warnings: Vec<String> = doc.notices().iter().map(ToString::to_string).collect();
    let annotated = extractor.annotate_owned(doc.text, doc.source);
    let body = export::json_write::to_json_line(&annotated);
    // {"id": …, <the marsad/1 document's members>, "fields": {…}, "warnings": […]}
    let mut line = Vec::with_capacity(body.len() + 256);
    line.extend_from_slice(b"{\"id\":");
    line.extend_from_slice(&serde_json::to_vec(&id).unwrap_or_else(|_| b"null".to_vec()));
    line.push(b',');
    line.extend_from_slice(&body[1..body.len() - 1]);
    if !fields.is_empty() {
        line.extend_from_slice(b",\"fields\":");
        line.extend_from_slice(&serde_json::to_vec(&fields).unwrap_or_else(|_| b"{}".to_vec()));
    }
    if !warnings.is_empty() {
        line.extend_from_slice(b",\"warnings\":");
        line.extend_from_slice(&serde_json::to_vec(&warnings).unwrap_or_else(|_| b"[]".to_vec()));
    }
    line.push(b'}');
    (line, None)
}

/// The line of a record that failed: `{"id": …, "line": N, "error": "…", "fields": {…}}`.
fn error_record(
    n: usize,
    id: &Value,
    fields: Option<&serde_json::Map<String, Value>>,
    error: &str,
) -> (Vec<u8>, Option<String>) {
    let mut record = serde_json::Map::new();
    record.insert("id".into(), id.clone());
    record.insert("line".into(), Value::from(n));
    record.insert("error".into(), Value::from(error));
    if let Some(f) = fields.filter(|f| !f.is_empty()) {
        record.insert("fields".into(), Value::Object(f.clone()));
    }
    let line = serde_json::to_vec(&record).unwrap_or_default();
    let who = match id {
        Value::Null => String::new(),
        other => format!(" (id {other})"),
    };
    (line, Some(format!("record on line {n}{who}: {error}")))
}
