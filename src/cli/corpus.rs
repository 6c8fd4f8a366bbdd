//! `marsad index` and `marsad query`: the corpus store from the command line (docs/corpus.md).

use super::progress::Progress;
use super::{EngineArgs, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use crate::batch::InputList;
use crate::corpus::{
    ActorRow, ArticleFilter, ArticleRow, GraphEdge, IndexEvent, IndexOptions, Metadata, PairPoint,
    SearchHit, StatementFilter, StatementRow, Store,
};
use crate::export::table::CsvTable;
use crate::export::Inputs;
use crate::extract::dates::date_from_metadata;
use crate::model::RelationType;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (searched recursively), files or glob patterns of articles.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The store to create or update (an SQLite file).
    #[arg(short, long, value_name = "STORE")]
    pub output: PathBuf,
    /// Article metadata, JSON Lines: {"path", "title", "date", "outlet", "url"} per article
    /// (SaudiNewsNet's index.jsonl fits); paths relative to the file's folder.
    #[arg(long, value_name = "FILE")]
    pub meta: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Runs `marsad index`; returns the process exit code.
pub fn run_index(args: &IndexArgs) -> i32 {
    let list = InputList::expand(&args.inputs);
    for p in &list.problems {
        eprintln!("marsad: {p}");
    }
    let mut inputs = Inputs::new(&list.files);
    for g in args.engine.gazetteer_inputs() {
        inputs.add(&g);
    }
    if let Some(m) = &args.meta {
        inputs.add(m);
    }
    if let Err(e) = inputs.check(&args.output) {
        eprintln!("marsad: {e}");
        return EXIT_USAGE;
    }
    let metadata = match &args.meta {
        Some(m) => match Metadata::load(m) {
            Ok(meta) => meta,
            Err(e) => {
                eprintln!("marsad: {e}");
                return EXIT_USAGE;
            }
        },
        None => Metadata::default(),
    };
    let extractor = match args.engine.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut store = match Store::create_or_open(&args.output) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("marsad: {e}");
            return EXIT_USAGE;
        }
    };
    let options = IndexOptions {
        jobs: args.engine.jobs(),
        max_bytes: args.engine.max_bytes,
        metadata,
        cancel: None,
    };
    let roots: Vec<PathBuf> = args.inputs.iter().filter(|p| p.exists()).cloned().collect();
    let started = Instant::now();
    let progress = Progress::new(Some(list.files.len()));
    let result = store.index(
        &extractor,
        &list.files,
        &roots,
        &options,
        &mut |event| match event {
            IndexEvent::Done(_) => progress.inc(),
            IndexEvent::Failed(line) => progress.println(&format!("marsad: {line}")),
            IndexEvent::Warning(line) => progress.println(&format!("marsad: warning: {line}")),
        },
    );
    progress.finish();
    match result {
        Ok(r) => {
            eprintln!(
                "marsad: {}: {} articles added, {} updated, {} unchanged, {} removed, {} failed \
                 ({} with corrections) in {:.1} s",
                args.output.display(),
                r.added,
                r.updated,
                r.unchanged,
                r.removed,
                r.failed,
                r.corrected,
                started.elapsed().as_secs_f64()
            );
            if r.failed > 0 || !list.problems.is_empty() {
                EXIT_FAILED
            } else {
                EXIT_OK
            }
        }
        Err(e) => {
            eprintln!("marsad: {e}");
            EXIT_FAILED
        }
    }
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The corpus store `marsad index` wrote.
    pub store: PathBuf,
    #[command(subcommand)]
    pub question: Question,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Table::Csv, global = true)]
    pub format: Table,
    /// At most this many rows.
    #[arg(long, global = true)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// CSV with a header (UTF-8 with BOM, CRLF, like the exports).
    Csv,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// A date range: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a whole month or year.
#[derive(Debug, Args, Clone, Default)]
pub struct Dates {
    /// From this date (inclusive).
    #[arg(long)]
    pub from: Option<String>,
    /// To this date (inclusive).
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Question {
    /// The store: articles, dates covered, outlets, statements, relations.
    Info,
    /// Articles in date order with their counts.
    Articles {
        #[command(flatten)]
        dates: Dates,
        /// Only this outlet.
        #[arg(long)]
        outlet: Option<String>,
        /// Only articles mentioning this actor (id or name).
        #[arg(long)]
        actor: Option<String>,
    },
    /// Full-text search (folded Arabic; «العراق» also finds «والعراق», «بالعراق»; "a phrase";
    /// prefix*), best first, with a snippet.
    Search {
        query: String,
        #[command(flatten)]
        dates: Dates,
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Statements by speaker, target, type and date.
    Statements {
        /// Said by this actor or someone speaking for it (id, English or Arabic name).
        #[arg(long)]
        speaker: Option<String>,
        /// Aimed at or about this actor (or one of its people).
        #[arg(long)]
        target: Option<String>,
        /// Speech act: statement, appeal, demand, accuse, threaten, reject, meet, cooperate,
        /// pressure, attack, other.
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        #[command(flatten)]
        dates: Dates,
        /// Only this article (its id in `articles`).
        #[arg(long)]
        article: Option<i64>,
    },
    /// The actor graph of a date range: one edge per source, target and type, with weights.
    Graph {
        #[command(flatten)]
        dates: Dates,
        /// Leave out edges with less evidence than this.
        #[arg(long, default_value_t = 1)]
        min_weight: i64,
    },
    /// The relations between two actors over time, both directions.
    Pair {
        a: String,
        b: String,
        #[command(flatten)]
        dates: Dates,
    },
    /// Actors by how often they are mentioned.
    Actors {
        #[command(flatten)]
        dates: Dates,
        #[arg(long)]
        outlet: Option<String>,
    },
}

/// Runs `marsad query`; returns the process exit code.
pub fn run_query(args: &QueryArgs) -> i32 {
    let store = match Store::open(&args.store) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("marsad: {e}");
            return EXIT_USAGE;
        }
    };
    match answer(&store, args) {
        Ok(()) => EXIT_OK,
        Err(Failure::Usage(line)) => {
            eprintln!("marsad: {line}");
            EXIT_USAGE
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(Failure::Io(e)) => {
            eprintln!("marsad: cannot write output: {e}");
            EXIT_FAILED
        }
    }
}

enum Failure {
    Usage(String),
    Io(io::Error),
}

impl From<crate::corpus::CorpusError> for Failure {
    fn from(e: crate::corpus::CorpusError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

fn answer(store: &Store, args: &QueryArgs) -> Result<(), Failure> {
    let actor = |name: &Option<String>| -> Result<Option<String>, Failure> {
        name.as_deref()
            .map(|n| store.resolve_actor(n))
            .transpose()
            .map_err(Failure::from)
    };
    let out = &mut io::BufWriter::new(io::stdout().lock());
    let limit = args.limit;
    match &args.question {
        Question::Info => write_rows(out, args.format, &info(store)?),
        Question::Articles {
            dates,
            outlet,
            actor: a,
        } => {
            let filter = article_filter(dates, outlet, actor(a)?, limit)?;
            write_rows(out, args.format, &store.articles(&filter)?)
        }
        Question::Search {
            query,
            dates,
            outlet,
        } => {
            let filter = article_filter(dates, outlet, None, limit)?;
            write_rows(out, args.format, &store.search(query, &filter)?)
        }
        Question::Statements {
            speaker,
            target,
            kind,
            dates,
            article,
        } => {
            let kind = kind
                .as_deref()
                .map(|k| {
                    RelationType::ALL
                        .into_iter()
                        .find(|t| t.as_str().eq_ignore_ascii_case(k))
                        .ok_or_else(|| {
                            Failure::Usage(format!(
                                "unknown type {k:?}; one of: {}",
                                RelationType::ALL.map(|t| t.as_str()).join(", ")
                            ))
                        })
                })
                .transpose()?;
            let (from, to) = date_range(dates)?;
            let filter = StatementFilter {
                speaker: actor(speaker)?,
                target: actor(target)?,
                kind,
                from,
                to,
                article: *article,
                limit,
            };
            write_rows(out, args.format, &store.statements(&filter)?)
        }
        Question::Graph { dates, min_weight } => {
            let (from, to) = date_range(dates)?;
            let mut edges = store.graph(from.as_deref(), to.as_deref(), *min_weight)?;
            edges.truncate(limit.unwrap_or(usize::MAX));
            write_rows(out, args.format, &edges)
        }
        Question::Pair { a, b, dates } => {
            let (a, b) = (store.resolve_actor(a)?, store.resolve_actor(b)?);
            let (from, to) = date_range(dates)?;
            let mut points = store.pair_timeline(&a, &b, from.as_deref(), to.as_deref())?;
            points.truncate(limit.unwrap_or(usize::MAX));
            write_rows(out, args.format, &points)
        }
        Question::Actors { dates, outlet } => {
            let filter = article_filter(dates, outlet, None, limit)?;
            write_rows(out, args.format, &store.actors(&filter)?)
        }
    }
    .and_then(|()| out.flush())
    .map_err(Failure::Io)
}

fn article_filter(
    dates: &Dates,
    outlet: &Option<String>,
    actor: Option<String>,
    limit: Option<usize>,
) -> Result<ArticleFilter, Failure> {
    let (from, to) = date_range(dates)?;
    Ok(ArticleFilter {
        from,
        to,
        outlet: outlet.clone(),
        actor,
        limit,
        offset: 0,
    })
}

/// `--from`/`--to` as full dates: `2015-07` is July from its first day (as `--from`) to its last
/// (as `--to`), `2015` the whole year.
fn date_range(dates: &Dates) -> Result<(Option<String>, Option<String>), Failure> {
    let bound = |value: &Option<String>, end: bool| -> Result<Option<String>, Failure> {
        let Some(v) = value else { return Ok(None) };
        let v = v.trim();
        let parts: Vec<&str> = v.split('-').collect();
        let bad = || {
            Failure::Usage(format!(
                "{v:?} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
            ))
        };
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let year = num(parts[0], 4).ok_or_else(bad)?;
        let full = match parts.as_slice() {
            [_] => format!("{year:04}-{}", if end { "12-31" } else { "01-01" }),
            [_, m] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
                let day = |d: u32| date_from_metadata(&format!("{year:04}-{m:02}-{d:02}"));
                let found = if end {
                    (28..=31).rev().find_map(day)
                } else {
                    day(1)
                };
                found.ok_or_else(bad)?
            }
            [_, _, _] => date_from_metadata(v).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        Ok(Some(full))
    };
    Ok((bound(&dates.from, false)?, bound(&dates.to, true)?))
}

/// One line of `query info`.
#[derive(Debug, Serialize)]
struct InfoRow {
    key: &'static str,
    value: String,
}

fn info(store: &Store) -> Result<Vec<InfoRow>, Failure> {
    let t = store.totals()?;
    let row = |key, value: String| InfoRow { key, value };
    Ok(vec![
        row("store", store.path().display().to_string()),
        row("articles", t.articles.to_string()),
        row("dated_articles", t.dated_articles.to_string()),
        row("first_date", opt(&t.first_date)),
        row("last_date", opt(&t.last_date)),
        row("outlets", t.outlets.to_string()),
        row("actors", t.actors.to_string()),
        row("mentions", t.mentions.to_string()),
        row("statements", t.statements.to_string()),
        row("relations", t.relations.to_string()),
        row("corrected_articles", t.corrected.to_string()),
        row("indexed_at", opt(&t.indexed_at)),
    ])
}

/// A row type and its CSV columns.
trait Columns: Serialize {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Columns for InfoRow {
    const HEADER: &'static [&'static str] = &["key", "value"];
    fn cells(&self) -> Vec<String> {
        vec![self.key.to_string(), self.value.clone()]
    }
}

const ARTICLE_HEADER: [&str; 12] = [
    "id",
    "path",
    "title",
    "date",
    "outlet",
    "url",
    "chars",
    "actors",
    "mentions",
    "statements",
    "relations",
    "corrected",
];

fn article_cells(a: &ArticleRow) -> Vec<String> {
    vec![
        a.id.to_string(),
        a.path.clone(),
        a.title.clone(),
        opt(&a.date),
        opt(&a.outlet),
        opt(&a.url),
        a.chars.to_string(),
        a.actors.to_string(),
        a.mentions.to_string(),
        a.statements.to_string(),
        a.relations.to_string(),
        a.corrected.to_string(),
    ]
}

impl Columns for ArticleRow {
    const HEADER: &'static [&'static str] = &ARTICLE_HEADER;
    fn cells(&self) -> Vec<String> {
        article_cells(self)
    }
}

/// A search hit is an article row with the matching words last.
const SEARCH_HEADER: [&str; ARTICLE_HEADER.len() + 1] = {
    let mut header = [""; ARTICLE_HEADER.len() + 1];
    let mut i = 0;
    while i < ARTICLE_HEADER.len() {
        header[i] = ARTICLE_HEADER[i];
        i += 1;
    }
    header[ARTICLE_HEADER.len()] = "snippet";
    header
};

impl Columns for SearchHit {
    const HEADER: &'static [&'static str] = &SEARCH_HEADER;
    fn cells(&self) -> Vec<String> {
        let mut cells = article_cells(&self.article);
        cells.push(self.snippet.clone());
        cells
    }
}

impl Columns for StatementRow {
    const HEADER: &'static [&'static str] = &crate::corpus::export::STATEMENT_COLUMNS;
    fn cells(&self) -> Vec<String> {
        crate::corpus::export::statement_cells(self)
    }
}

impl Columns for GraphEdge {
    const HEADER: &'static [&'static str] = &[
        "source",
        "source_name_en",
        "source_name_ar",
        "target",
        "target_name_en",
        "target_name_ar",
        "type",
        "weight",
        "statements",
        "articles",
        "first_date",
        "last_date",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.source.clone(),
            self.source_name_en.clone(),
            self.source_name_ar.clone(),
            self.target.clone(),
            self.target_name_en.clone(),
            self.target_name_ar.clone(),
            self.kind.clone(),
            self.weight.to_string(),
            self.statements.to_string(),
            self.articles.to_string(),
            opt(&self.first_date),
            opt(&self.last_date),
        ]
    }
}

impl Columns for PairPoint {
    const HEADER: &'static [&'static str] =
        &["date", "source", "target", "type", "weight", "articles"];
    fn cells(&self) -> Vec<String> {
        vec![
            opt(&self.date),
            self.source.clone(),
            self.target.clone(),
            self.kind.clone(),
            self.weight.to_string(),
            self.articles.to_string(),
        ]
    }
}

impl Columns for ActorRow {
    const HEADER: &'static [&'static str] =
        &["id", "name_en", "name_ar", "kind", "articles", "mentions"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name_en.clone(),
            self.name_ar.clone(),
            self.kind.clone(),
            self.articles.to_string(),
            self.mentions.to_string(),
        ]
    }
}

fn write_rows<T: Columns>(out: &mut impl Write, format: Table, rows: &[T]) -> io::Result<()> {
    match format {
        Table::Csv => {
            let mut table = CsvTable::new(T::HEADER);
            for r in rows {
                table.row(&r.cells());
            }
            out.write_all(&table.into_bytes())
        }
        Table::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            out.write_all(b"\n")
        }
        Table::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}
