//! The corpus view: many articles at once, read from a corpus store. An article list (sortable,
//! searchable with the store's full-text index), the actor graph of a date range, a statements
//! table (filtered and sorted in memory, drawn row by row as it scrolls) and, for a pair of
//! actors, their relations over time. Every edge, row, bar and piece of evidence opens its
//! article at the words ([`Jump`]); Back returns here. The state lives in [`CorpusView`], apart
//! from the article view's.

mod articles;
mod graph;
pub mod indexing;
mod table;
mod timeline;

use crate::corpus::{
    ActorName, ArticleRow, DayEdge, Evidence, GraphEdge, StatementFilter, StatementRow, Store,
    Totals,
};
use crate::model::Span;
use crate::ui::strings::Strings;
use egui::Ui;
use indexing::Indexing;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};

pub use graph::CorpusGraph;
pub use table::{Column, StatementTable};
pub use timeline::Bucket;

/// Where to go in an article: its file, the span to scroll to and flash, and the statement to
/// select (if the evidence is one).
#[derive(Debug, Clone, PartialEq)]
pub struct Jump {
    pub path: PathBuf,
    pub span: Span,
    pub statement: Option<String>,
}

impl Jump {
    pub fn of_statement(s: &StatementRow) -> Jump {
        Jump {
            path: PathBuf::from(&s.path),
            span: Span::new(
                s.cue.start.min(s.content.start),
                s.cue.end.max(s.content.end),
            ),
            statement: Some(s.id.clone()),
        }
    }

    pub fn of_evidence(e: &Evidence) -> Option<Jump> {
        Some(Jump {
            path: PathBuf::from(&e.path),
            span: *e.spans.first()?,
            statement: e.statements.first().cloned(),
        })
    }
}

/// The corpus exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusExport {
    StatementsCsv,
    GraphMl,
    Svg,
    Png,
}

/// What the user did in the corpus view.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusAction {
    Open(Jump),
    Export(CorpusExport),
    CancelIndexing,
}

/// What is read from the store when it opens (in well under two seconds at 30,000 articles).
pub struct CorpusData {
    pub totals: Totals,
    /// Every article, in date order.
    pub articles: Vec<ArticleRow>,
    /// Article id → index into `articles`.
    pub article_at: HashMap<i64, usize>,
    /// The distinct article dates, in order: the stops of the date range.
    pub dates: Vec<String>,
    /// Articles per date (same order).
    pub per_date: Vec<usize>,
    pub days: Vec<DayEdge>,
    pub names: HashMap<String, ActorName>,
}

impl CorpusData {
    pub fn load(store: &Store) -> Result<CorpusData, String> {
        let err = |e: crate::corpus::CorpusError| e.to_string();
        let totals = store.totals().map_err(err)?;
        let articles = store.articles(&Default::default()).map_err(err)?;
        let article_at = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let mut dates: Vec<String> = Vec::new();
        let mut per_date: Vec<usize> = Vec::new();
        for d in articles.iter().filter_map(|a| a.date.as_ref()) {
            if dates.last() == Some(d) {
                *per_date.last_mut().unwrap_or(&mut 0) += 1;
            } else {
                dates.push(d.clone());
                per_date.push(1);
            }
        }
        let days = store.day_edges().map_err(err)?;
        let names = store
            .actor_names()
            .map_err(err)?
            .into_iter()
            .map(|n| (n.id.clone(), n))
            .collect();
        Ok(CorpusData {
            totals,
            articles,
            article_at,
            dates,
            per_date,
            days,
            names,
        })
    }

    /// An actor's label (English or Arabic name, or its id).
    pub fn label(&self, id: &str, arabic: bool) -> String {
        let (en, ar) = self
            .names
            .get(id)
            .map_or(("", ""), |n| (n.name_en.as_str(), n.name_ar.as_str()));
        crate::graph::label_of(en, ar, id, arabic)
    }

    pub fn article(&self, id: i64) -> Option<&ArticleRow> {
        self.article_at.get(&id).map(|&i| &self.articles[i])
    }
}

/// The evidence of a pair in a range: (first actor, second actor, range) and what was found.
type PairEvidence = ((String, String, (usize, usize)), Vec<Evidence>);

/// The corpus window's state: the store, what was loaded from it, and how it is looked at.
pub struct CorpusView {
    pub store_path: PathBuf,
    /// The folder indexed into the store, when the corpus was opened as a folder.
    pub folder: Option<PathBuf>,
    store: Option<Store>,
    pub data: Option<CorpusData>,
    pub indexing: Option<Indexing>,
    /// The statements of the whole corpus, loading on a worker thread.
    statements_loading: Option<Receiver<Result<Vec<StatementRow>, String>>>,
    /// The date range, as indices into the data's dates (inclusive).
    pub range: (usize, usize),
    pub articles: articles::ArticleList,
    pub table: StatementTable,
    pub graph: CorpusGraph,
    /// The pair of actors whose relations over time are shown.
    pub pair: Option<(String, String)>,
    pub bucket: Bucket,
    evidence: Option<PairEvidence>,
    /// Something to tell the user (an error reading the store).
    pub problem: Option<String>,
    /// The article being indexed again because it was corrected.
    pub reindexing: Option<PathBuf>,
}

impl CorpusView {
    /// The view of the store at `store_path` (of `folder`, when it was opened as one).
    pub fn new(store_path: PathBuf, folder: Option<PathBuf>) -> CorpusView {
        CorpusView {
            store_path,
            folder,
            store: None,
            data: None,
            indexing: None,
            statements_loading: None,
            range: (0, 0),
            articles: articles::ArticleList::default(),
            table: StatementTable::default(),
            graph: CorpusGraph::default(),
            pair: None,
            bucket: Bucket::Day,
            evidence: None,
            problem: None,
            reindexing: None,
        }
    }

    /// Opens the store and loads what the window shows first; the statements follow on a worker
    /// thread (`wake` is called when they are in). A missing store is no error while it is being
    /// indexed.
    pub fn load(&mut self, wake: impl Fn() + Send + 'static) {
        self.store = None;
        match Store::open(&self.store_path).map(|s| (CorpusData::load(&s), s)) {
            Ok((Ok(data), store)) => {
                let last = data.dates.len().saturating_sub(1);
                let keep = self
                    .data
                    .as_ref()
                    .is_some_and(|old| old.dates == data.dates);
                if !keep {
                    self.range = (0, last);
                }
                self.data = Some(data);
                self.graph.forget_data();
                self.store = Some(store);
                self.problem = None;
                self.evidence = None;
                self.articles.forget_search();
                self.load_statements(wake);
            }
            Ok((Err(e), _)) => self.problem = Some(e),
            // The store is being created by the indexing run: it shows when the run is done.
            Err(_) if self.indexing.is_some() => {}
            Err(e) => self.problem = Some(e.to_string()),
        }
    }

    fn load_statements(&mut self, wake: impl Fn() + Send + 'static) {
        let (sender, receiver) = channel();
        let path = self.store_path.clone();
        std::thread::spawn(move || {
            let rows = Store::open(&path)
                .and_then(|s| s.statements(&StatementFilter::default()))
                .map_err(|e| e.to_string());
            let _ = sender.send(rows);
            wake();
        });
        self.statements_loading = Some(receiver);
    }

    /// Picks up the statements once loaded; whether they are in.
    pub fn poll(&mut self) -> bool {
        if let Some(rows) = self
            .statements_loading
            .as_ref()
            .and_then(|r| r.try_recv().ok())
        {
            self.statements_loading = None;
            match (rows, &self.data) {
                (Ok(rows), Some(data)) => self.table.set_rows(rows, data),
                (Ok(_), None) => {}
                (Err(e), _) => self.problem = Some(e),
            }
        }
        self.statements_loading.is_none() && self.table.loaded()
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The date range as `YYYY-MM-DD` ends. `(None, None)`, every article with the undated ones,
    /// when the range spans all the dates (or the corpus has none): articles whose text gives
    /// no date must not vanish from an unfiltered view.
    pub fn dates(&self) -> (Option<&str>, Option<&str>) {
        let Some(data) = &self.data else {
            return (None, None);
        };
        let (a, b) = self.range;
        if a == 0 && b + 1 >= data.dates.len() {
            return (None, None);
        }
        (
            data.dates.get(a).map(String::as_str),
            data.dates.get(b).map(String::as_str),
        )
    }

    /// Sets the date range to the dates nearest `from` and `to` (inclusive).
    pub fn set_range(&mut self, from: &str, to: &str) {
        if let Some(data) = &self.data {
            let lo = data.dates.partition_point(|d| d.as_str() < from);
            let hi = data.dates.partition_point(|d| d.as_str() <= to);
            self.range = (
                lo.min(data.dates.len().saturating_sub(1)),
                hi.saturating_sub(1).max(lo),
            );
        }
    }

    /// The graph's edges for the current range (one per source, target and type).
    pub fn range_edges(&mut self) -> std::sync::Arc<Vec<GraphEdge>> {
        let range = self.dates();
        let (from, to) = (range.0.map(str::to_string), range.1.map(str::to_string));
        match &self.data {
            Some(data) => self.graph.edges(data, from.as_deref(), to.as_deref()),
            None => Default::default(),
        }
    }

    /// The evidence of the selected pair in the range, both directions, in date order.
    pub fn pair_evidence(&mut self) -> &[Evidence] {
        let Some((a, b)) = self.pair.clone() else {
            return &[];
        };
        let key = (a.clone(), b.clone(), self.range);
        if self.evidence.as_ref().is_none_or(|(k, _)| *k != key) {
            let (from, to) = self.dates();
            let (from, to) = (from.map(str::to_string), to.map(str::to_string));
            let (from, to) = (from.as_deref(), to.as_deref());
            let mut found = Vec::new();
            if let Some(store) = &self.store {
                for (s, t) in [(&a, &b), (&b, &a)] {
                    match store.evidence(s, t, None, from, to) {
                        Ok(rows) => found.extend(rows),
                        Err(e) => self.problem = Some(e.to_string()),
                    }
                }
            }
            found.sort_by(|x, y| (&x.date, x.article).cmp(&(&y.date, y.article)));
            self.evidence = Some((key, found));
        }
        self.evidence.as_ref().map_or(&[], |(_, e)| e.as_slice())
    }

    /// Shows the relations of `a` and `b` over time, and their statements in the table.
    pub fn select_pair(&mut self, a: &str, b: &str) {
        self.pair = Some((a.to_string(), b.to_string()));
        self.table.filters[Column::Speaker as usize] = a.to_string();
        self.table.filters[Column::Target as usize] = b.to_string();
    }

    /// Whether the store is built from `path` (an article under the folder).
    pub fn covers(&self, path: &Path) -> bool {
        self.folder.as_ref().is_some_and(|f| path.starts_with(f))
    }
}

/// The whole corpus window.
pub fn corpus_ui(ui: &mut Ui, t: &'static Strings, view: &mut CorpusView) -> Vec<CorpusAction> {
    let mut actions = Vec::new();
    let c = &t.corpus;
    egui::Panel::top("corpus_head").show(ui, |ui| head_ui(ui, t, view, &mut actions));
    let Some(data) = &view.data else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| {
                if let Some(p) = &view.problem {
                    ui.label(t.show(p));
                } else if view.indexing.is_some() {
                    ui.spinner();
                } else {
                    ui.label(t.show(c.no_articles));
                }
            });
        });
        return actions;
    };
    let _ = data;
    let (start, end) = if t.rtl {
        (
            egui::Panel::right("corpus_articles"),
            egui::Panel::left("corpus_pair"),
        )
    } else {
        (
            egui::Panel::left("corpus_articles"),
            egui::Panel::right("corpus_pair"),
        )
    };
    start
        .resizable(true)
        .default_size(ui.available_width() * 0.34)
        .show(ui, |ui| articles::articles_ui(ui, t, view, &mut actions));
    if view.pair.is_some() {
        end.resizable(true)
            .default_size(ui.available_width() * 0.3)
            .show(ui, |ui| timeline::pair_ui(ui, t, view, &mut actions));
    }
    let height = ui.available_height();
    egui::Panel::bottom("corpus_statements")
        .resizable(true)
        .default_size(height * 0.45)
        .size_range(120.0..=height * 0.8)
        .show(ui, |ui| table::table_ui(ui, t, view, &mut actions));
    egui::CentralPanel::default().show(ui, |ui| graph::graph_ui(ui, t, view, &mut actions));
    actions
}

/// Totals, the date range, the exports, and the indexing progress.
fn head_ui(ui: &mut Ui, t: &'static Strings, view: &mut CorpusView, out: &mut Vec<CorpusAction>) {
    let c = &t.corpus;
    if let Some(job) = &view.indexing {
        ui.horizontal(|ui| {
            let p = job.progress();
            ui.spinner();
            ui.label(t.show(&(c.indexing)(p.done, p.total, p.rate, p.eta)));
            if p.total > 0 {
                ui.add(egui::ProgressBar::new(p.done as f32 / p.total as f32).desired_width(160.0));
            }
            if !job.cancelled() && ui.button(t.show(c.cancel_indexing)).clicked() {
                out.push(CorpusAction::CancelIndexing);
            }
        });
    }
    let Some(data) = &view.data else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(view.store_path.display().to_string());
        let first = data.totals.first_date.clone().unwrap_or_default();
        let last = data.totals.last_date.clone().unwrap_or_default();
        ui.label(t.show(&(c.totals)(
            data.totals.articles,
            data.totals.statements,
            &first,
            &last,
        )));
        ui.menu_button(t.show(t.export), |ui| {
            for (label, what) in [
                (c.export_csv, CorpusExport::StatementsCsv),
                (c.export_graphml, CorpusExport::GraphMl),
                (c.export_svg, CorpusExport::Svg),
                (c.export_png, CorpusExport::Png),
            ] {
                if ui.button(t.show(label)).clicked() {
                    out.push(CorpusAction::Export(what));
                    ui.close();
                }
            }
        });
    });
    if data.dates.is_empty() {
        return;
    }
    let last = data.dates.len() - 1;
    ui.horizontal(|ui| {
        ui.label(t.show(c.dates));
        let (mut lo, mut hi) = view.range;
        // Room for the two values, their labels and the "All dates" button.
        let width = (ui.available_width() - 420.0).max(120.0) / 2.0;
        ui.spacing_mut().slider_width = width;
        let show = |i: usize| data.dates.get(i).cloned().unwrap_or_default();
        ui.add(
            egui::Slider::new(&mut lo, 0..=last)
                .custom_formatter(|v, _| show(v as usize))
                .text(t.show(c.from)),
        );
        ui.add(
            egui::Slider::new(&mut hi, 0..=last)
                .custom_formatter(|v, _| show(v as usize))
                .text(t.show(c.to)),
        );
        if ui.button(t.show(c.all_dates)).clicked() {
            (lo, hi) = (0, last);
        }
        if lo != view.range.0 {
            hi = hi.max(lo);
        } else if hi != view.range.1 {
            lo = lo.min(hi);
        }
        view.range = (lo, hi);
    });
}

/// A cell's text as egui shows it: at most `max` characters, in display order.
fn cell(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        s.push('…');
    }
    crate::ui::rtl_text::visual_order(&s.replace('\n', " "))
}

/// The files of an export of what the view shows: the statements of the range (as filtered), or
/// the graph of the range (GraphML with every edge of the range; SVG and PNG as drawn).
pub fn export_files(view: &mut CorpusView, what: CorpusExport) -> Vec<crate::export::ExportFile> {
    use crate::export::ExportFile;
    let (from, to) = view.dates();
    let (from, to) = (from.map(str::to_string), to.map(str::to_string));
    // Files are named after the range's ends as the sliders show them.
    let ends = view.data.as_ref().map(|data| {
        let date = |i: usize| data.dates.get(i).cloned().unwrap_or_default();
        (date(view.range.0), date(view.range.1))
    });
    let range = |s: &str| match &ends {
        Some((first, last)) if !first.is_empty() => format!("{s}-{first}-{last}"),
        _ => format!("{s}-all"),
    };
    match what {
        CorpusExport::StatementsCsv => {
            let order = view.table.order((from.as_deref(), to.as_deref())).to_vec();
            let rows = order.iter().map(|&i| &view.table.rows[i as usize]);
            vec![ExportFile {
                name: format!("{}.csv", range("statements")),
                bytes: crate::corpus::export::statements_csv(rows),
            }]
        }
        CorpusExport::GraphMl => {
            let edges = view.range_edges();
            let store = view.store_path.display().to_string();
            vec![ExportFile {
                name: format!("{}.graphml", range("graph")),
                bytes: crate::corpus::export::graph_graphml(
                    &edges,
                    &store,
                    (from.as_deref(), to.as_deref()),
                ),
            }]
        }
        CorpusExport::Svg | CorpusExport::Png => {
            let Some(data) = &view.data else {
                return Vec::new();
            };
            let (graph, positions) = view.graph.built(data, from.as_deref(), to.as_deref());
            let colours = view.graph.colours(&graph);
            let actors = graph
                .nodes
                .iter()
                .map(|n| {
                    let name = data.names.get(&n.actor);
                    crate::model::Actor {
                        id: n.actor.clone(),
                        name_en: name.map(|n| n.name_en.clone()).unwrap_or_default(),
                        name_ar: name.map(|n| n.name_ar.clone()).unwrap_or_default(),
                        kind: crate::model::ActorKind::Other,
                        affiliation: None,
                        aliases: Vec::new(),
                    }
                })
                .collect();
            let source = crate::model::SourceInfo {
                path: view.store_path.display().to_string(),
                encoding: String::new(),
                format: String::new(),
                sha256: String::new(),
                replacement_chars: 0,
            };
            // A document of names only: the picture writer labels nodes from it.
            let doc = crate::extract::make_document(
                String::new(),
                source,
                actors,
                Vec::new(),
                Vec::new(),
                Vec::new(),
            );
            let options = crate::graph::picture::PictureOptions {
                arabic: view.graph.view.arabic_labels,
                ..Default::default()
            };
            let filter = crate::graph::GraphFilter {
                min_weight: 1,
                ..Default::default()
            };
            let drawn = crate::graph::picture::draw_graph(
                &doc, &graph, &positions, &colours, &filter, &options,
            );
            if what == CorpusExport::Svg {
                vec![ExportFile {
                    name: format!("{}.svg", range("graph")),
                    bytes: crate::graph::picture::to_svg(&drawn).into_bytes(),
                }]
            } else {
                match crate::graph::picture::to_png(&drawn, 2.0) {
                    Ok(bytes) => vec![ExportFile {
                        name: format!("{}.png", range("graph")),
                        bytes,
                    }],
                    Err(_) => Vec::new(),
                }
            }
        }
    }
}

/// Whether `path` is an SQLite file (a corpus store), by its first bytes.
pub fn is_store(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}
