//! The corpus view end to end: a folder of the dev articles is opened (indexed in the background
//! into the store inside it), the date range is narrowed, an edge of the graph is clicked, its
//! evidence opens the article at the statement (scrolled to and flashing), and Back returns to
//! the corpus view as it was. Then the statements table: a row opens its statement too.

use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::edit::Edit;
use marsad::model::RelationType;
use marsad::ui::app::{MarsadApp, Options};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dev/articles");
/// Dates given to the articles, in turn, through an `index.jsonl` beside them (SaudiNewsNet's
/// layout): four days.
const DATES: [&str; 4] = ["2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24"];

/// A copy of the dev articles with their metadata.
fn corpus_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut meta = String::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(DEV)
        .expect("dev articles")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for (i, path) in names.iter().enumerate() {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        std::fs::copy(path, dir.path().join(&name)).expect("copy");
        meta.push_str(&format!(
            "{{\"path\": \"{name}\", \"date\": \"{}\", \"source\": \"dev\"}}\n",
            DATES[i % DATES.len()]
        ));
    }
    std::fs::write(dir.path().join("index.jsonl"), meta).expect("metadata");
    dir
}

/// Runs frames until `done` holds (the indexing and loading run on worker threads).
fn wait_for(
    harness: &mut Harness<'_, MarsadApp>,
    what: &str,
    done: impl Fn(&mut MarsadApp) -> bool,
) {
    let started = Instant::now();
    while !done(harness.state_mut()) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

fn open(folder: &Path) -> Harness<'static, MarsadApp> {
    let folder = folder.to_path_buf();
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
            app.open_corpus(&folder);
            app
        });
    wait_for(&mut harness, "the index and the statements", |app| {
        app.corpus()
            .is_some_and(|c| c.indexing.is_none() && c.data.is_some() && c.poll())
    });
    harness
}

/// Without metadata most dev articles give no date in their text: the whole range still shows
/// every article and statement, the undated ones included; a narrower range only dated ones.
#[test]
fn undated_articles_stay_in_the_unfiltered_view() {
    let dir = corpus_folder();
    std::fs::remove_file(dir.path().join("index.jsonl")).expect("no metadata");
    let mut harness = open(dir.path());
    let corpus = harness.state_mut().corpus().expect("corpus");
    let data = corpus.data.as_ref().expect("data");
    let total = data.totals.statements as usize;
    let dates = data.dates.clone();
    assert!(
        !dates.is_empty(),
        "a few articles give a date in their text"
    );
    assert_eq!(corpus.dates(), (None, None), "the whole range is no filter");
    assert_eq!(corpus.table.order((None, None)).len(), total);
    let undated: Vec<String> = data_titles(&mut harness, |date| date.is_none());
    assert!(undated.len() > 10, "{} undated articles", undated.len());
    for title in &undated {
        assert!(
            harness.query_by_label(title).is_some(),
            "{title} is in the list"
        );
    }
    // A range narrower than all the dates leaves the undated articles out.
    let first = dates[0].clone();
    harness
        .state_mut()
        .corpus()
        .expect("corpus")
        .set_range(&first, &first);
    harness.run_steps(3);
    let corpus = harness.state_mut().corpus().expect("corpus");
    assert_eq!(corpus.dates(), (Some(first.as_str()), Some(first.as_str())));
    assert!(corpus.table.order((Some(&first), Some(&first))).len() < total);
    assert!(harness.query_by_label(&undated[0]).is_none());
}

/// The titles of the articles whose date passes `keep`.
fn data_titles(
    harness: &mut Harness<'_, MarsadApp>,
    keep: impl Fn(Option<&str>) -> bool,
) -> Vec<String> {
    let corpus = harness.state_mut().corpus().expect("corpus");
    let data = corpus.data.as_ref().expect("data");
    data.articles
        .iter()
        .filter(|a| keep(a.date.as_deref()))
        .map(|a| a.title.clone())
        .collect()
}

#[test]
fn edge_to_the_words_and_back() {
    let dir = corpus_folder();
    let mut harness = open(dir.path());
    assert!(harness.state().showing_corpus());
    let store = dir.path().join(".marsad-corpus.sqlite");
    assert!(store.is_file(), "the store is inside the folder");
    let corpus = harness.state_mut().corpus().expect("corpus");
    let data = corpus.data.as_ref().expect("data");
    assert_eq!(data.totals.articles, 20);
    assert_eq!(data.dates, DATES);
    let all_edges = corpus.range_edges().len();

    // Narrow the range to the first two days: fewer edges, and the graph follows.
    harness
        .state_mut()
        .corpus()
        .expect("corpus")
        .set_range(DATES[0], DATES[1]);
    harness.run_steps(3);
    let corpus = harness.state_mut().corpus().expect("corpus");
    assert_eq!(corpus.dates(), (Some(DATES[0]), Some(DATES[1])));
    let edges = corpus.range_edges();
    assert!(
        !edges.is_empty() && edges.len() < all_edges,
        "{} of {all_edges}",
        edges.len()
    );
    let scene_edges = corpus.graph.scene().expect("graph drawn").edges.len();
    assert!(scene_edges > 0, "edges drawn");
    let strongest = &edges[0];
    let label = format!(
        "{} -> ",
        marsad::graph::label_of(
            &strongest.source_name_en,
            &strongest.source_name_ar,
            &strongest.source,
            false
        )
    );

    // Click the strongest edge: the pair and its evidence show.
    harness
        .get_all_by_label_contains(&label)
        .next()
        .expect("an edge from the strongest source")
        .click();
    harness.run_steps(3);
    let corpus = harness.state_mut().corpus().expect("corpus");
    let (a, b) = corpus.pair.clone().expect("a pair is selected");
    let evidence = corpus.pair_evidence().to_vec();
    assert!(!evidence.is_empty(), "the pair {a}-{b} has evidence");
    for e in &evidence {
        let d = e.date.as_deref().expect("dated");
        assert!(
            d >= DATES[0] && d <= DATES[1],
            "evidence inside the range: {d}"
        );
    }
    let first = evidence[0].clone();
    // A picture of the window at this point, to look at (target/tmp/corpus_view.png).
    harness.run_steps(2);
    let image = harness.render().expect("rendered");
    image
        .save(Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus_view.png"))
        .expect("saved for a look");

    // Its first piece of evidence opens the article at the words.
    let corpus = harness.state_mut().corpus().expect("corpus");
    let data = corpus.data.as_ref().expect("data");
    let entry = format!(
        "{} · {} -> {}",
        first.date.as_deref().unwrap_or(""),
        data.label(&first.source, false),
        data.label(&first.target, false)
    );
    harness
        .get_all_by_label_contains(&entry)
        .next()
        .expect("evidence entry")
        .click();
    harness.run_steps(4);
    assert!(!harness.state().showing_corpus(), "the article shows");
    let session = harness.state().session().expect("article open");
    assert_eq!(
        std::fs::canonicalize(&session.path).ok(),
        std::fs::canonicalize(&first.path).ok()
    );
    let text = session.doc.text.clone();
    let span = first.spans[0];
    let flash = harness.state_mut().view().flash.map(|f| f.span);
    assert_eq!(flash, Some(span), "the evidence flashes");
    let words: String = text.chars().skip(span.start).take(span.len()).collect();
    assert!(!words.trim().is_empty());
    let ctx = harness.ctx.clone();
    let view = &mut harness.state_mut().view().article;
    let viewport = view.viewport().expect("article shown");
    let rects = view.screen_rects(&ctx, span.start..span.end);
    assert!(
        rects.iter().any(|r| viewport.intersects(*r)),
        "scrolled to the words"
    );

    // Back (Alt+Left) returns to the corpus view as it was.
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    harness.run_steps(3);
    assert!(harness.state().showing_corpus());
    let corpus = harness.state_mut().corpus().expect("corpus");
    assert_eq!(
        corpus.dates(),
        (Some(DATES[0]), Some(DATES[1])),
        "the range is kept"
    );
    assert_eq!(corpus.pair, Some((a, b)), "the pair is kept");
}

#[test]
fn a_table_row_opens_its_statement_and_exports_write_files() {
    let dir = corpus_folder();
    let mut harness = open(dir.path());
    let corpus = harness.state_mut().corpus().expect("corpus");
    let (from, to) = corpus.dates();
    let (from, to) = (from.map(str::to_string), to.map(str::to_string));
    let order = corpus
        .table
        .order((from.as_deref(), to.as_deref()))
        .to_vec();
    assert!(order.len() > 20, "{} statements", order.len());
    let row = corpus.table.rows[order[0] as usize].clone();
    harness
        .get_all_by_label_contains(&format!("{} {} {}", row.speaker, row.kind, row.cue_text))
        .next()
        .expect("the first row")
        .click();
    harness.run_steps(4);
    assert!(!harness.state().showing_corpus());
    let selection = harness.state().selection().cloned();
    assert_eq!(
        selection,
        Some(marsad::ui::session::Selection::Statement(row.id.clone())),
        "the statement is selected"
    );

    // A correction in the article flows into the store when going back: the type of a statement
    // with targets (the clicked one when it has some), so that the graph's edges change too.
    let statement = harness
        .state()
        .session()
        .and_then(|s| {
            let with_targets = |s: &&marsad::model::Statement| !s.targets.is_empty();
            let clicked = s.doc.statements.iter().find(|s| s.id == row.id);
            clicked
                .filter(with_targets)
                .or_else(|| s.doc.statements.iter().find(with_targets))
                .cloned()
        })
        .expect("a statement with targets in the article");
    // The graph of the whole range, drawn before the correction.
    let before = harness.state_mut().corpus().expect("corpus").range_edges();
    let kind = if statement.kind == RelationType::Threaten {
        RelationType::Accuse
    } else {
        RelationType::Threaten
    };
    harness
        .state_mut()
        .apply_edits(vec![Edit::set_statement_kind(&statement, kind)]);
    harness
        .state_mut()
        .apply(marsad::ui::command::Command::Back);
    harness.run_steps(2);
    assert!(harness.state().showing_corpus());
    wait_for(&mut harness, "the corrected article indexed again", |app| {
        app.corpus().is_some_and(|c| {
            c.indexing.is_none()
                && c.poll()
                && c.table.rows.iter().any(|s| {
                    s.article == row.article && s.id == statement.id && s.kind == kind.as_str()
                })
        })
    });
    // The graph shows the store as it is now, not as it was when the range was first drawn.
    let corpus = harness.state_mut().corpus().expect("corpus");
    let shown = corpus.range_edges();
    let (from, to) = corpus.dates();
    let data = corpus.data.as_ref().expect("data");
    let fresh = marsad::corpus::range_edges(&data.days, &data.names, from, to);
    assert!(!fresh.is_empty(), "the range has edges");
    // (Compared with `==`: a failure would print hundreds of edges.)
    assert!(*before != fresh, "the correction changed an edge");
    assert!(*shown == fresh, "the graph's edges follow the store");
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("corrections")),
        "{:?}",
        harness.state().notice()
    );

    for what in [
        marsad::ui::corpus::CorpusExport::StatementsCsv,
        marsad::ui::corpus::CorpusExport::GraphMl,
        marsad::ui::corpus::CorpusExport::Svg,
    ] {
        harness
            .state_mut()
            .apply(marsad::ui::command::Command::ExportCorpus(what));
    }
    let out = dir.path().join("marsad-exports");
    let graphml =
        std::fs::read_to_string(out.join("graph-2015-07-21-2015-07-24.graphml")).expect("graphml");
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
    let starts = doc
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("edge_start"))
        .count();
    assert!(starts > 0, "edges carry their start date");
    let csv = std::fs::read(out.join("statements-2015-07-21-2015-07-24.csv")).expect("csv");
    let records = csv::Reader::from_reader(&csv[..]).records().count();
    assert_eq!(records, order.len(), "one record per statement");
    let svg = std::fs::read_to_string(out.join("graph-2015-07-21-2015-07-24.svg")).expect("svg");
    assert!(svg.contains("<svg"));

    // The Arabic interface shows the same window, mirrored, with every string translated.
    harness
        .state_mut()
        .apply(marsad::ui::command::Command::SetLanguage(
            marsad::ui::strings::Language::Arabic,
        ));
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("المقالات").is_some());
    let image = harness.render().expect("rendered");
    image
        .save(Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus_view_ar.png"))
        .expect("saved for a look");
}
