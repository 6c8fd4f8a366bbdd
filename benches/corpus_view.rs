//! Speed of the corpus view on a real store (SaudiNewsNet, ~31,000 articles; build it once with
//! `marsad index snn/ -o /tmp/snn.sqlite --meta snn/index.jsonl` and point MARSAD_CORPUS_STORE at
//! it): opening the view from the index, the statements loaded behind it, a change of the date
//! range (edges of the range, drawn graph, arranged picture), and filtering the statements table.
//! Skipped when there is no store.

use criterion::{criterion_group, criterion_main, Criterion};
use egui_kittest::Harness;
use marsad::corpus::Store;
use marsad::graph::scene::{arrange, Frame, View};
use marsad::graph::GraphFilter;
use marsad::ui::app::{MarsadApp, Options};
use marsad::ui::corpus::{Column, CorpusData, CorpusGraph, StatementTable};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;

fn store_path() -> Option<PathBuf> {
    let path = std::env::var_os("MARSAD_CORPUS_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/corpus_ui/snn.sqlite"));
    path.is_file().then_some(path)
}

fn corpus_view(c: &mut Criterion) {
    let Some(path) = store_path() else {
        eprintln!(
            "no corpus store: set MARSAD_CORPUS_STORE (see the top of benches/corpus_view.rs)"
        );
        return;
    };
    let mut group = c.benchmark_group("corpus_view");
    group.sample_size(10);
    group.bench_function("open (store + articles + day edges + names)", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("store");
            black_box(CorpusData::load(&store).expect("data"))
        })
    });
    let store = Store::open(&path).expect("store");
    let data = CorpusData::load(&store).expect("data");
    eprintln!(
        "{} articles, {} statements, {} day edges, {} dates",
        data.totals.articles,
        data.totals.statements,
        data.days.len(),
        data.dates.len()
    );
    group.bench_function("statements (loaded on a worker thread)", |b| {
        b.iter(|| black_box(store.statements(&Default::default()).expect("rows").len()))
    });
    let n = data.dates.len();
    let mut graph = CorpusGraph::default();
    let mut step = 0usize;
    group.bench_function("date range change (edges, graph, picture)", |b| {
        b.iter(|| {
            step += 1;
            let lo = step % (n / 2).max(1);
            let hi = (lo + n / 2).min(n - 1);
            let (from, to) = (Some(data.dates[lo].as_str()), Some(data.dates[hi].as_str()));
            let (g, positions) = graph.built(&data, from, to);
            let shown = g.shown(&GraphFilter {
                min_weight: 1,
                ..GraphFilter::default()
            });
            let sizes = vec![[70.0, 16.0]; g.nodes.len()];
            let view = View::new(Frame::new([0.0, 0.0], [900.0, 500.0]));
            black_box(arrange(&g, &shown, &positions, None, &sizes, &view))
        })
    });
    let mut table = StatementTable::default();
    table.set_rows(store.statements(&Default::default()).expect("rows"), &data);
    let mut k = 0usize;
    group.bench_function("statements table: filter 50,000 rows by speaker", |b| {
        b.iter(|| {
            k += 1;
            table.filters[Column::Speaker as usize] = ["usa", "yem", "iran", "sau"][k % 4].into();
            black_box(table.order((None, None)).len())
        })
    });
    group.finish();
}

/// Whole frames of the app (an egui pass and its AccessKit tree, no GPU) with the store open in
/// the corpus view: a change of the date range, and the statements table scrolled by the wheel.
fn corpus_frames(c: &mut Criterion) {
    let Some(path) = store_path() else {
        return;
    };
    let started = Instant::now();
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
            app.open_corpus(&path);
            app
        });
    harness.step();
    eprintln!(
        "corpus view: first frame {:.0} ms after opening the store",
        started.elapsed().as_secs_f64() * 1e3
    );
    while !harness.state_mut().corpus().is_some_and(|c| c.poll()) {
        std::thread::sleep(Duration::from_millis(10));
    }
    eprintln!(
        "corpus view: statements table filled {:.0} ms after opening the store",
        started.elapsed().as_secs_f64() * 1e3
    );
    harness.step();
    harness.step();
    // A picture of the window with one pair over time, for the README.
    if let Some(c) = harness.state_mut().corpus() {
        c.select_pair("USA", "IRN");
    }
    harness.run_steps(3);
    if let Ok(image) = harness.render() {
        let out = std::env::temp_dir().join("marsad-corpus-view.png");
        if image.save(&out).is_ok() {
            eprintln!("corpus view: picture in {}", out.display());
        }
    }
    if let Some(c) = harness.state_mut().corpus() {
        c.pair = None;
        c.table.filters = Default::default();
    }
    let n = harness
        .state_mut()
        .corpus()
        .and_then(|c| c.data.as_ref())
        .map_or(0, |d| d.dates.len());
    let mut k = 0usize;
    let mut range_frame = |harness: &mut Harness<'_, MarsadApp>| {
        k += 1;
        let lo = k % (n / 2).max(1);
        if let Some(c) = harness.state_mut().corpus() {
            c.range = (lo, (lo + n / 2).min(n.saturating_sub(1)));
        }
        let start = Instant::now();
        harness.step();
        start.elapsed()
    };
    let times: Vec<Duration> = (0..40).map(|_| range_frame(&mut harness)).collect();
    let (p50, p99, max) = common::percentiles(times);
    eprintln!("date range change, whole frame: p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms");
    c.bench_function("corpus_view/date_range_change_frame", |b| {
        b.iter(|| range_frame(&mut harness))
    });
    if let Some(c) = harness.state_mut().corpus() {
        c.range = (0, n.saturating_sub(1));
    }
    harness.step();
    let wheel = |harness: &mut Harness<'_, MarsadApp>, dy: f32| {
        common::wheel(harness, egui::pos2(700.0, 800.0), dy);
        let start = Instant::now();
        harness.step();
        start.elapsed()
    };
    let times: Vec<Duration> = (0..400)
        .map(|k| wheel(&mut harness, if k % 10 == 9 { 400.0 } else { -160.0 }))
        .collect();
    let (p50, p99, max) = common::percentiles(times);
    eprintln!(
        "statements table ({} rows), 400 wheel frames: p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms",
        harness.state_mut().corpus().map_or(0, |c| c.table.rows.len())
    );
    c.bench_function("corpus_view/statements_scroll_frame", |b| {
        b.iter(|| wheel(&mut harness, -160.0))
    });
}

criterion_group!(benches, corpus_view, corpus_frames);
criterion_main!(benches);
