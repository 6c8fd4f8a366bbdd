//! Headless commands: `marsad extract FILE...` annotates articles and writes them as marsad/1 JSON,
//! CSV, brat standoff, GraphML or a dyadic events table.

use crate::export::{self, ExportFormat};
use crate::extract::{Extractor, Gazetteer};
use crate::ingest;
use crate::model::AnnotatedDocument;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "marsad",
    version,
    about = "Who said what to whom in Arabic news",
    long_about = "Marsad finds the actors, statements and relations of Arabic news articles.\n\
                  Without a command it opens FILE (default: the bundled sample) in the app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article to open in the app (UTF-8/UTF-16 text, windows-1256, or HTML); default: the
    /// bundled sample.
    pub file: Option<PathBuf>,
    /// Close the app after its first frame showing the article (for timing start-up).
    #[arg(long)]
    pub quit_after_first_frame: bool,
    /// Start in reading mode: the article alone, without panels (View > Reading mode).
    #[arg(long)]
    pub reading: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a short plain-text summary of an article's statements and relations.
    Summary {
        /// The article.
        file: PathBuf,
    },
    /// Extract actors, statements and relations and write them in one of the export formats.
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files to process.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format (the files of each: docs/export-format.md).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// json: write to this file instead of standard output. Other formats: the directory to write
    /// into, created if needed (default: the current directory); files are named after each
    /// article (STEM.mentions.csv, STEM.ann, …) and never overwrite an input file.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Extra gazetteer merged over the default one (and the user's).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
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

/// Loads the gazetteers: defaults, the user's file, then an explicit one. Problems with the
/// optional files are reported on stderr; a broken explicit file is an error.
pub fn load_gazetteer(extra: Option<&Path>) -> Result<Gazetteer, String> {
    let (mut g, warning) = Gazetteer::with_user_file();
    if let Some(w) = warning {
        eprintln!("marsad: warning: {w}; using the default gazetteer");
    }
    if let Some(path) = extra {
        g.merge_file(path).map_err(|e| e.to_string())?;
    }
    Ok(g)
}

/// Reads and annotates one article.
pub fn annotate_file(
    extractor: &Extractor,
    path: &Path,
    max_bytes: u64,
) -> Result<AnnotatedDocument, ingest::IngestError> {
    let doc = ingest::load_with_limit(path, max_bytes)?;
    Ok(extractor.annotate_owned(doc.text, doc.source))
}

/// Runs `marsad extract`; returns the process exit code.
pub fn run_extract(args: &ExtractArgs) -> i32 {
    let gazetteer = match load_gazetteer(args.gazetteer.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("marsad: {e}");
            return 2;
        }
    };
    let extractor = Extractor::new(gazetteer);
    if args.format != Format::Json {
        return export_files(args, &extractor);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("marsad: {}: cannot write: {e}", path.display());
                return 2;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let several = args.files.len() > 1;
    let progress = progress_bar(args.files.len());
    let mut failed = false;
    for path in &args.files {
        if let Some(bar) = &progress {
            bar.set_message(path.display().to_string());
        }
        let result = annotate_file(&extractor, path, args.max_bytes);
        let written = match result {
            Ok(doc) => {
                let json = if several {
                    serde_json::to_writer(&mut out, &doc)
                } else {
                    serde_json::to_writer_pretty(&mut out, &doc)
                };
                json.map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"))
            }
            Err(e) => {
                let line = e.to_string();
                match &progress {
                    Some(bar) => bar.println(format!("marsad: {line}")),
                    None => eprintln!("marsad: {line}"),
                }
                failed = true;
                Ok(())
            }
        };
        if let Err(e) = written {
            eprintln!("marsad: cannot write output: {e}");
            return 1;
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Err(e) = out.flush() {
        eprintln!("marsad: cannot write output: {e}");
        return 1;
    }
    i32::from(failed)
}

/// A progress bar on stderr for several files, when stderr is a terminal.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    (files > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// `marsad extract --format csv|brat|graphml|events`: writes each article's files into the output
/// directory. An article that fails (unreadable, or an export file that would replace an input
/// file, or a write error) is reported and the others go on; the exit code is then 1.
fn export_files(args: &ExtractArgs, extractor: &Extractor) -> i32 {
    let format = ExportFormat::from(args.format);
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "marsad: {}: cannot create the output directory: {e}",
            dir.display()
        );
        return 2;
    }
    let inputs: HashSet<PathBuf> = args
        .files
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let show_paths = std::io::stderr().is_terminal();
    let progress = progress_bar(args.files.len());
    let say = |line: String| match &progress {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    };
    let mut stems: HashSet<String> = HashSet::new();
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut failed = false;
    for path in &args.files {
        if let Some(bar) = &progress {
            bar.set_message(path.display().to_string());
        }
        match annotate_file(extractor, path, args.max_bytes) {
            Ok(doc) => {
                let stem = unique_stem(path, &mut stems);
                let files = export::export_with(&doc, format, &stem, extractor.gazetteer());
                let clash = files
                    .iter()
                    .map(|f| dir.join(&f.name))
                    .find(|dest| std::fs::canonicalize(dest).is_ok_and(|c| inputs.contains(&c)));
                if let Some(dest) = clash {
                    say(format!(
                        "marsad: {}: not exported: {} would overwrite an input file; choose \
                         another directory with -o",
                        path.display(),
                        dest.display()
                    ));
                    failed = true;
                } else {
                    for f in files {
                        let dest = dir.join(&f.name);
                        // annotation.conf is the same for every article: written once.
                        if written.contains(&dest) {
                            continue;
                        }
                        match std::fs::write(&dest, &f.bytes) {
                            Ok(()) => {
                                if show_paths {
                                    say(dest.display().to_string());
                                }
                                written.insert(dest);
                            }
                            Err(e) => {
                                say(format!("marsad: {}: cannot write: {e}", dest.display()));
                                failed = true;
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => {
                say(format!("marsad: {e}"));
                failed = true;
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    i32::from(failed)
}

/// The file stem of `path` for export names (`article` if it has none), with `-2`, `-3`, … added
/// when an earlier file of the same run had the same stem.
fn unique_stem(path: &Path, used: &mut HashSet<String>) -> String {
    let base = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_string());
    let mut stem = base.clone();
    let mut n = 1;
    while !used.insert(stem.clone()) {
        n += 1;
        stem = format!("{base}-{n}");
    }
    stem
}

/// Runs `marsad summary FILE`; returns the process exit code.
pub fn run_summary(file: &Path) -> i32 {
    let gazetteer = match load_gazetteer(None) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("marsad: {e}");
            return 2;
        }
    };
    match annotate_file(&Extractor::new(gazetteer), file, ingest::DEFAULT_MAX_BYTES) {
        Ok(doc) => {
            // A closed pipe (marsad summary FILE | head) is not an error worth a message.
            let _ = std::io::stdout().write_all(summary(&doc).as_bytes());
            0
        }
        Err(e) => {
            eprintln!("marsad: {e}");
            1
        }
    }
}

/// A plain-text summary of an annotated article, for a terminal.
pub fn summary(doc: &AnnotatedDocument) -> String {
    let mut s = format!(
        "{} ({}, {}): {} actors, {} mentions, {} statements, {} relations\n",
        doc.source.path,
        doc.source.encoding,
        doc.source.format,
        doc.actors.len(),
        doc.mentions.len(),
        doc.statements.len(),
        doc.relations.len()
    );
    const SHOWN: usize = 40;
    for st in doc.statements.iter().take(SHOWN) {
        let speaker = doc
            .actor(&st.speaker)
            .map_or(st.speaker.as_str(), |a| a.name_en.as_str());
        s.push_str(&format!(
            "  [{}] {} «{}» → {}\n",
            st.kind.as_str(),
            speaker,
            excerpt(&doc.slice(st.content), 80),
            st.targets.join(", ")
        ));
    }
    if doc.statements.len() > SHOWN {
        s.push_str(&format!(
            "  … and {} more statements\n",
            doc.statements.len() - SHOWN
        ));
    }
    for r in &doc.relations {
        s.push_str(&format!(
            "  {} —{}→ {} ({} statements)\n",
            r.source,
            r.kind.as_str(),
            r.target,
            r.statements.len()
        ));
    }
    s
}

fn excerpt(text: &str, max_chars: usize) -> String {
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().count() > max_chars {
        out.push('…');
    }
    out
}
