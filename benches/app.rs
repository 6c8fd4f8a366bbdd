//! The app's own costs, measured headlessly with egui_kittest (an egui pass, no GPU):
//! start-up to the first frame of the annotated sample, and a frame of the actor graph with
//! 40 actors and 200 edges.
use criterion::{criterion_group, criterion_main, Criterion};
use egui_kittest::Harness;
use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Relation, RelationType, SourceInfo, Span, OFFSET_UNIT,
    SCHEMA,
};
use marsad::ui::app::{MarsadApp, Options};
use marsad::ui::graph::{graph_ui, GraphView};
use marsad::ui::session::Session;
use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

fn startup(c: &mut Criterion) {
    c.bench_function("app/open_sample_and_first_frame", |b| {
        b.iter(|| {
            let mut harness = Harness::builder()
                .with_size([1280.0, 800.0])
                .build_eframe(|cc| {
                    let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
                    app.open_now(Path::new(SAMPLE));
                    app
                });
            harness.step();
            black_box(harness.state().session().is_some())
        })
    });
}

/// A document with `actors` states and `edges` relations between them, cycling through types.
fn synthetic(actors: usize, edges: usize) -> AnnotatedDocument {
    let actor_list = (0..actors)
        .map(|i| Actor {
            id: format!("A{i}"),
            name_en: format!("Actor {i}"),
            name_ar: format!("الفاعل {i}"),
            kind: ActorKind::State,
            affiliation: None,
            aliases: Vec::new(),
        })
        .collect();
    let relations = (0..edges)
        .map(|e| Relation {
            source: format!("A{}", e % actors),
            target: format!("A{}", (e * 7 + 1 + e / actors) % actors),
            kind: RelationType::ALL[e % RelationType::ALL.len()],
            statements: Vec::new(),
            evidence: vec![Span::new(0, 1)],
        })
        .filter(|r| r.source != r.target)
        .collect();
    AnnotatedDocument {
        schema: SCHEMA.into(),
        source: SourceInfo::default(),
        text: "نص".into(),
        offsets: OFFSET_UNIT.into(),
        actors: actor_list,
        mentions: Vec::new(),
        statements: Vec::new(),
        relations,
        removed: Vec::new(),
        presentation: Default::default(),
    }
}

fn graph_frame(c: &mut Criterion) {
    let session = Session::new(synthetic(40, 200), PathBuf::from("synthetic"), 0.0);
    let mut harness = Harness::builder().with_size([600.0, 500.0]).build_ui_state(
        |ui, session: &mut Session| {
            marsad::ui::bidi_label::install_fonts(ui.ctx());
            let mut view = GraphView::default();
            black_box(graph_ui(
                ui,
                session,
                &mut view,
                None,
                &HashSet::new(),
                &HashSet::new(),
            ));
        },
        session,
    );
    harness.step();
    c.bench_function("app/graph_frame_40_actors_200_edges", |b| {
        b.iter(|| harness.step())
    });
}

criterion_group!(benches, startup, graph_frame);
criterion_main!(benches);
