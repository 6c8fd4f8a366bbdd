//! Speed of the graph outside egui: building it, laying it out from nothing, arranging a picture
//! (sizes, curves, label places) for the sample and for a 200-actor graph, and writing SVG and PNG.

use criterion::{criterion_group, criterion_main, Criterion};
use marsad::graph::picture::{draw_graph, to_png, to_svg, PictureOptions};
use marsad::graph::scene::{arrange, Frame, View};
use marsad::graph::style::actor_rgb;
use marsad::graph::{ActorGraph, GraphFilter};
use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, Origin, Relation, RelationType, SourceInfo, Span,
    OFFSET_UNIT, SCHEMA,
};
use std::collections::BTreeMap;
use std::hint::black_box;

const SAMPLE: &str = include_str!("../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

/// `actors` actors with mention counts falling off like a real article's, and `relations`
/// relations between pseudo-random pairs.
fn synthetic(actors: usize, relations: usize) -> AnnotatedDocument {
    let id = |i: usize| format!("A{i:03}");
    let mut mentions = Vec::new();
    for i in 0..actors {
        for k in 0..(2000 / (i + 1)).max(1) {
            mentions.push(Mention {
                id: format!("m{i}-{k}"),
                actor: id(i),
                start: 0,
                end: 1,
                origin: Origin::Machine,
            });
        }
    }
    let mut seed = 12345u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let relations = (0..relations)
        .map(|_| {
            let s = next(actors).min(next(actors));
            let t = (s + 1 + next(actors - 1)) % actors;
            Relation {
                source: id(s),
                target: id(t),
                kind: RelationType::ALL[next(RelationType::ALL.len())],
                statements: Vec::new(),
                evidence: vec![Span::new(0, 1); 1 + next(5)],
            }
        })
        .collect();
    AnnotatedDocument {
        schema: SCHEMA.into(),
        source: SourceInfo::default(),
        text: "نص".into(),
        offsets: OFFSET_UNIT.into(),
        actors: (0..actors)
            .map(|i| Actor {
                id: id(i),
                name_en: format!("Actor number {i}"),
                name_ar: format!("الفاعل رقم {i}"),
                kind: ActorKind::State,
                affiliation: None,
                aliases: Vec::new(),
            })
            .collect(),
        mentions,
        statements: Vec::new(),
        relations,
        removed: Vec::new(),
        presentation: Default::default(),
    }
}

fn graph(c: &mut Criterion) {
    let sample = marsad::extract::annotate_text(SAMPLE, SourceInfo::default());
    let big = synthetic(200, 800);
    for (name, doc) in [("sample", &sample), ("200_actors_800_relations", &big)] {
        let graph = ActorGraph::build(doc);
        c.bench_function(&format!("graph/build_{name}"), |b| {
            b.iter(|| ActorGraph::build(black_box(doc)))
        });
        c.bench_function(&format!("graph/fresh_layout_{name}"), |b| {
            b.iter(|| graph.place(&mut BTreeMap::new()))
        });
        let positions = graph.place(&mut BTreeMap::new());
        let shown = graph.shown(&GraphFilter::default());
        let sizes: Vec<[f32; 2]> = graph
            .nodes
            .iter()
            .map(|n| [n.actor.len() as f32 * 7.0 + 20.0, 18.0])
            .collect();
        let view = View::new(Frame::new([0.0, 0.0], [440.0, 320.0]));
        c.bench_function(&format!("graph/arrange_panel_{name}"), |b| {
            b.iter(|| arrange(&graph, &shown, &positions, None, &sizes, &view))
        });
    }
    let graph = ActorGraph::build(&sample);
    let positions = graph.place(&mut BTreeMap::new());
    let colours: Vec<[u8; 3]> = (0..graph.nodes.len()).map(actor_rgb).collect();
    let options = PictureOptions::default();
    let filter = GraphFilter::default();
    let picture = draw_graph(&sample, &graph, &positions, &colours, &filter, &options);
    c.bench_function("graph/picture_sample", |b| {
        b.iter(|| draw_graph(&sample, &graph, &positions, &colours, &filter, &options))
    });
    c.bench_function("graph/svg_sample", |b| {
        b.iter(|| to_svg(black_box(&picture)))
    });
    c.bench_function("graph/png_sample_2400x1600", |b| {
        b.iter(|| to_png(black_box(&picture), 2.0))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = graph
}
criterion_main!(benches);
