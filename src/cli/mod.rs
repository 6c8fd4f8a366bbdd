//! Headless commands: `marsad extract` annotates articles (one, a folder on every core, or JSON
//! Lines records from a pipe) and writes marsad/1 JSON or another export format; `marsad index`
//! and `marsad query` build and question a corpus store; `marsad summary` prints a digest.
//!
//! Exit codes (docs/cli.md): 0 success, 1 some article failed (each reported on one line, the
//! others processed), 2 bad arguments or an unusable output path (nothing written).

mod corpus;
mod extract;
mod progress;

pub use corpus::{run_index, run_query, IndexArgs, QueryArgs};
pub use extract::{run_extract, ExtractArgs, Format};

use crate::extract::{Extractor, Gazetteer};
use crate::ingest;
use crate::model::AnnotatedDocument;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: everything worked.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one article failed; the others were processed.
pub const EXIT_FAILED: i32 = 1;
/// Exit code: bad arguments or an unusable output path; nothing was written.
pub const EXIT_USAGE: i32 = 2;

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
        /// The article (`-` reads standard input).
        file: PathBuf,
    },
    /// Extract actors, statements and relations and write them in one of the export formats.
    Extract(ExtractArgs),
    /// Say why: each statement and relation with the rule and the words that produced it.
    Explain {
        /// The article (`-` reads standard input).
        file: PathBuf,
    },
    /// Build or update a corpus store (SQLite) from folders of articles.
    Index(IndexArgs),
    /// Ask a corpus store: articles, search, statements, the actor graph, one pair over time.
    Query(QueryArgs),
}

/// The options every batch command shares: workers, the size limit, an extra gazetteer.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Worker threads (default: every core). With 1, everything runs on one thread; otherwise a
    /// long article (256 KB or more) is also read on two.
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Extra gazetteer merged over the default one (and the user's).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

impl EngineArgs {
    /// The worker count asked for, or every core.
    pub fn jobs(&self) -> usize {
        self.jobs
            .map_or_else(crate::batch::default_jobs, usize::from)
    }

    /// The extractor over the default, the user's and the explicit gazetteer; a broken explicit
    /// gazetteer is printed and becomes the usage exit code.
    fn extractor(&self) -> Result<Extractor, i32> {
        let one_thread = self.jobs == Some(1);
        load_gazetteer(self.gazetteer.as_deref())
            .map(Extractor::new)
            .map(|e| if one_thread { e.on_one_thread() } else { e })
            .map_err(|e| {
                eprintln!("marsad: {e}");
                EXIT_USAGE
            })
    }

    /// The gazetteer files a run reads (the user's, an explicit one), which no output may replace.
    fn gazetteer_inputs(&self) -> Vec<PathBuf> {
        crate::extract::gazetteer::user_gazetteer_path()
            .into_iter()
            .chain(self.gazetteer.clone())
            .collect()
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

/// Reads and annotates one article (`-` is standard input), printing a warning line for each
/// notice (no Arabic letters, replaced bytes).
pub fn annotate_file(
    extractor: &Extractor,
    path: &Path,
    max_bytes: u64,
) -> Result<AnnotatedDocument, ingest::IngestError> {
    let doc = ingest::load_with_limit(path, max_bytes)?;
    for notice in doc.notices() {
        eprintln!("marsad: warning: {}: {notice}", path.display());
    }
    Ok(extractor.annotate_owned(doc.text, doc.source))
}

/// Runs `marsad summary FILE`; returns the process exit code.
pub fn run_summary(file: &Path) -> i32 {
    run_text_report(file, |_, doc| summary(doc))
}

/// Runs `marsad explain FILE`; returns the process exit code.
pub fn run_explain(file: &Path) -> i32 {
    run_text_report(file, crate::extract::explain::report)
}

/// Annotates one file and prints a plain-text report of it.
fn run_text_report(file: &Path, report: impl Fn(&Extractor, &AnnotatedDocument) -> String) -> i32 {
    let gazetteer = match load_gazetteer(None) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("marsad: {e}");
            return EXIT_USAGE;
        }
    };
    let extractor = Extractor::new(gazetteer);
    match annotate_file(&extractor, file, ingest::DEFAULT_MAX_BYTES) {
        Ok(doc) => {
            // A closed pipe (marsad summary FILE | head) is not an error worth a message.
            let _ = std::io::stdout().write_all(report(&extractor, &doc).as_bytes());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("marsad: {e}");
            EXIT_FAILED
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
