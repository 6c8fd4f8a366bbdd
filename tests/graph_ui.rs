//! The relationship graph through egui_kittest: bounded node sizes on a huge article, labels
//! clear of each other, of nodes and of the panel edge, one arrow per pair and direction with its
//! types on hover, the selection's neighbourhood in focus, places kept across corrections and
//! sessions, the minimum-weight and type filters, SVG/PNG export, the inspector listing every
//! relation the graph draws, and labels readable in the dark theme.

use egui::{Pos2, Vec2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use marsad::export::ExportFile;
use marsad::graph::scene::NODE_RADIUS;
use marsad::graph::style::{contrast, luminance};
use marsad::model::{AnnotatedDocument, RelationType, SourceInfo};
use marsad::ui::app::{MarsadApp, Options};
use marsad::ui::graph::{graph_ui, GraphAction, GraphView};
use marsad::ui::session::{Selection, Session};
use marsad::ui::strings::Language;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

mod graph_fixtures;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);
/// The graph panel's size in the app's default window.
const PANEL: [f32; 2] = [440.0, 340.0];

/// The graph panel alone, with what it asked for.
struct Panel {
    session: Session,
    view: GraphView,
    selection: Option<Selection>,
    hidden_types: HashSet<RelationType>,
    arranged: usize,
    exported: Vec<ExportFile>,
}

fn sample_doc() -> AnnotatedDocument {
    let text = std::fs::read_to_string(SAMPLE).expect("the sample");
    marsad::extract::annotate_text(&text, SourceInfo::default())
}

fn panel(doc: AnnotatedDocument, size: [f32; 2], dark: bool) -> Harness<'static, Panel> {
    let state = Panel {
        session: Session::new(doc, PathBuf::from("article.txt"), 0.0),
        view: GraphView::default(),
        selection: None,
        hidden_types: HashSet::new(),
        arranged: 0,
        exported: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::from(size))
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .with_context_setup(marsad::ui::bidi_label::install_fonts)
        .wgpu()
        .build_ui_state(
            |ui, p: &mut Panel| {
                let actions = graph_ui(
                    ui,
                    Language::English.strings(),
                    &mut p.session,
                    &mut p.view,
                    p.selection.as_ref(),
                    &HashSet::new(),
                    &p.hidden_types,
                );
                for action in actions {
                    match action {
                        GraphAction::Select(s) => p.selection = Some(s),
                        GraphAction::ToggleType(t) => {
                            if !p.hidden_types.remove(&t) {
                                p.hidden_types.insert(t);
                            }
                        }
                        GraphAction::Arranged => p.arranged += 1,
                        GraphAction::Export(f) => p.exported.push(f),
                    }
                }
            },
            state,
        );
    harness.run_steps(3);
    harness
}

fn node_rect(harness: &Harness<'_, Panel>, name: &str) -> egui::Rect {
    harness
        .get_all_by_label(name)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("the node {name}"))
        .rect()
}

#[test]
fn node_sizes_stay_bounded_on_a_huge_article() {
    let harness = panel(graph_fixtures::huge(), PANEL, false);
    let israel = node_rect(&harness, "Israel");
    let hamas = node_rect(&harness, "Hamas");
    assert!(
        (israel.width() - 2.0 * NODE_RADIUS.1).abs() < 1.0,
        "18,000 mentions: {israel:?}"
    );
    assert!(
        (hamas.width() - 2.0 * NODE_RADIUS.0).abs() < 1.0,
        "one mention: {hamas:?}"
    );
    let scene = harness.state().view.scene().expect("drawn");
    for (i, a) in scene.nodes.iter().enumerate() {
        for b in &scene.nodes[i + 1..] {
            let d =
                ((a.centre[0] - b.centre[0]).powi(2) + (a.centre[1] - b.centre[1]).powi(2)).sqrt();
            assert!(d > a.radius + b.radius, "{} and {} overlap", a.node, b.node);
        }
    }
}

/// Labels of the sample, in English and in Arabic: all placed, inside the panel, clear of each
/// other and of every node, and findable by their text.
#[test]
fn labels_keep_clear_of_each_other_of_nodes_and_of_the_edge() {
    for arabic in [false, true] {
        let mut harness = panel(sample_doc(), PANEL, false);
        harness.state_mut().view.arabic_labels = arabic;
        harness.run_steps(2);
        let panel_rect = egui::Rect::from_min_size(Pos2::ZERO, Vec2::from(PANEL));
        let scene = harness.state().view.scene().expect("drawn").clone();
        let look =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("graph_labels_{arabic}.png"));
        harness
            .render()
            .expect("rendered")
            .save(look)
            .expect("saved for a look");
        assert!(
            scene.unlabelled.is_empty(),
            "arabic={arabic}: labels without room: {:?}",
            scene.unlabelled
        );
        assert_eq!(scene.labels.len(), scene.nodes.len());
        for (i, a) in scene.labels.iter().enumerate() {
            let r = egui::Rect::from_min_max(a.frame.min.into(), a.frame.max.into());
            assert!(panel_rect.contains_rect(r), "{r:?} clipped");
            for b in &scene.labels[i + 1..] {
                assert!(!a.frame.intersects(&b.frame), "{a:?} over {b:?}");
            }
            for n in &scene.nodes {
                let near = a.frame.nearest(n.centre);
                let d = ((near[0] - n.centre[0]).powi(2) + (near[1] - n.centre[1]).powi(2)).sqrt();
                assert!(d >= n.radius, "label {} over node {}", a.node, n.node);
            }
        }
        let name = if arabic { "إسرائيل" } else { "Israel" };
        let label = harness
            .get_all_by_label(name)
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
            .expect("the label is a readable widget");
        assert!(panel_rect.contains_rect(label.rect()));
    }
}

#[test]
fn parallel_edges_are_one_arrow_listing_their_types() {
    let harness = panel(sample_doc(), PANEL, false);
    let doc = &harness.state().session.doc;
    let pairs: HashSet<(&str, &str)> = doc
        .relations
        .iter()
        .map(|r| (r.source.as_str(), r.target.as_str()))
        .collect();
    let edges: Vec<String> = harness
        .query_all_by_label_contains(" -> ")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(
        edges.len(),
        pairs.len(),
        "one arrow per pair and direction: {edges:#?}"
    );
    let merged = edges
        .iter()
        .find(|l| l.contains(", "))
        .expect("the sample has a pair linked by several types");
    // "Israel -> Iraq: pressure x2, accuse x1": every type with its count.
    let (_, types) = merged.split_once(": ").expect("types");
    for t in types.split(", ") {
        let (kind, count) = t.split_once(" x").expect("type x count");
        assert!(
            RelationType::ALL.iter().any(|k| k.as_str() == kind),
            "{kind}"
        );
        assert!(count.parse::<usize>().is_ok_and(|c| c >= 1), "{count}");
    }
    // Hovering the arrow shows the types in a tooltip.
    let mut harness = harness;
    let at = harness.get_by_label(merged).rect().center();
    harness.hover_at(at);
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("Click for the evidence")
            .next()
            .is_some(),
        "a tooltip on the merged edge"
    );
}

#[test]
fn selecting_an_actor_dims_all_but_its_neighbourhood() {
    let mut harness = panel(sample_doc(), PANEL, false);
    harness
        .get_all_by_label("Lebanon")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("Lebanon's node")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection,
        Some(Selection::Actor("LBN".into()))
    );
    let state = harness.state();
    let graph = &state.session.graph;
    let lebanon = graph.node_of("LBN").expect("node");
    let neighbours: HashSet<usize> = graph
        .edges_of(lebanon)
        .flat_map(|(_, e)| [e.source, e.target])
        .collect();
    assert!(neighbours.contains(&graph.node_of("ISR").expect("Israel")));
    let scene = state.view.scene().expect("drawn");
    for n in &scene.nodes {
        assert_eq!(
            n.dimmed,
            !neighbours.contains(&n.node) && n.node != lebanon,
            "{}",
            graph.nodes[n.node].actor
        );
    }
    for e in &scene.edges {
        let g = &graph.edges[e.edge];
        assert_eq!(e.dimmed, g.source != lebanon && g.target != lebanon);
    }
    // Lebanon's label is placed first, so it is always shown.
    assert_eq!(scene.labels.first().map(|l| l.node), Some(lebanon));
}

#[test]
fn the_weight_and_type_filters_hide_edges() {
    let mut harness = panel(sample_doc(), PANEL, false);
    let all = harness.state().view.scene().expect("drawn").edges.len();
    harness
        .get_by_role(egui::accesskit::Role::SpinButton)
        .set_value_accesskit(2.0);
    harness.run_steps(3);
    assert_eq!(harness.state().view.min_weight, 2);
    let state = harness.state();
    let scene = state.view.scene().expect("drawn");
    assert!(scene.edges.len() < all, "light edges hidden");
    assert!(scene.edges.iter().all(|e| e.weight >= 2));
    let linked: HashSet<usize> = scene
        .edges
        .iter()
        .flat_map(|e| {
            let g = &state.session.graph.edges[e.edge];
            [g.source, g.target]
        })
        .collect();
    assert!(
        scene.nodes.iter().all(|n| linked.contains(&n.node)),
        "lone actors hidden"
    );

    harness.get_by_label("Types").click();
    harness.run_steps(2);
    harness.get_by_label("statement").click();
    harness.run_steps(3);
    let state = harness.state();
    assert!(state.hidden_types.contains(&RelationType::Statement));
    let scene = state.view.scene().expect("drawn");
    assert!(scene
        .edges
        .iter()
        .all(|e| e.kind != RelationType::Statement));
}

#[test]
fn labels_read_well_in_the_dark_theme() {
    let mut harness = panel(sample_doc(), PANEL, true);
    harness.state_mut().view.arabic_labels = true;
    harness.run_steps(3);
    let image = harness.render().expect("rendered");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    image
        .save(dir.join("graph_dark.png"))
        .expect("saved for a look");
    let ppp = image.width() as f32 / PANEL[0];
    let scene = harness.state().view.scene().expect("drawn");
    for l in &scene.labels {
        let mut brightest = [0u8; 3];
        let mut darkest = [255u8; 3];
        for y in (l.frame.min[1] * ppp) as u32..(l.frame.max[1] * ppp) as u32 {
            for x in (l.frame.min[0] * ppp) as u32..(l.frame.max[0] * ppp) as u32 {
                let p = image.get_pixel(x, y).0;
                let rgb = [p[0], p[1], p[2]];
                if luminance(rgb) > luminance(brightest) {
                    brightest = rgb;
                }
                if luminance(rgb) < luminance(darkest) {
                    darkest = rgb;
                }
            }
        }
        let c = contrast(brightest, darkest);
        assert!(c >= 7.0, "label of node {} reads at {c:.1}:1", l.node);
    }
}

// ---------------------------------------------------------------------------------------------
// In the app

fn app_with(article: &Path) -> Harness<'static, MarsadApp> {
    let article = article.to_path_buf();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
            app.open_now(&article);
            app
        });
    harness.run_steps(4);
    harness
}

fn copy_of_sample(dir: &Path) -> PathBuf {
    let article = dir.join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy the sample");
    article
}

fn place(harness: &Harness<'_, MarsadApp>, actor: &str) -> [f32; 2] {
    harness
        .state()
        .session()
        .expect("article")
        .doc
        .presentation
        .graph_positions[actor]
}

#[test]
fn a_dragged_node_keeps_its_place_after_corrections_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = copy_of_sample(dir.path());
    let mut harness = app_with(&article);
    let syria = harness
        .get_all_by_label("Syria")
        .find(|n| {
            // The graph's node (a disc's square), not the legend's entry.
            let r = n.rect();
            n.accesskit_node().role() == egui::accesskit::Role::Button
                && (r.width() - r.height()).abs() < 0.5
                && r.width() <= 41.0
        })
        .expect("Syria's node")
        .rect()
        .center();
    let before = place(&harness, "SYR");
    let iraq = place(&harness, "IRQ");
    harness.hover_at(syria);
    harness.drag_at(syria);
    harness.run_steps(1);
    for k in 1..=4 {
        harness.hover_at(syria + Vec2::new(-8.0 * k as f32, 6.0 * k as f32));
        harness.run_steps(1);
    }
    harness.drop_at(syria + Vec2::new(-32.0, 24.0));
    harness.run_steps(3);
    let dragged = place(&harness, "SYR");
    assert_ne!(dragged, before, "the drag moved Syria");
    assert_eq!(place(&harness, "IRQ"), iraq, "nothing else moved");

    // A correction: remove the first mention (and so rebuild the graph).
    let doc = harness.state().session().expect("article").doc.clone();
    let remove = marsad::edit::Edit::remove_mention(&doc, &doc.mentions[0]);
    harness.state_mut().apply_edits(vec![remove]);
    harness.run_steps(2);
    assert_eq!(place(&harness, "SYR"), dragged, "kept after a correction");
    assert_eq!(place(&harness, "IRQ"), iraq);

    // Saved with the corrections, and there again in the next session.
    harness.state_mut().save_now();
    let mut again = app_with(&article);
    again.run_steps(2);
    assert_eq!(place(&again, "SYR"), dragged, "kept between sessions");
    assert_eq!(place(&again, "IRQ"), iraq);
}

#[test]
fn the_graph_exports_svg_and_png_beside_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = copy_of_sample(dir.path());
    let mut harness = app_with(&article);
    for (item, file) in [
        ("Picture as SVG", "article.graph.svg"),
        ("Picture as PNG", "article.graph.png"),
    ] {
        harness.get_by_label("Export").click();
        harness.run_steps(2);
        harness.get_by_label(item).click();
        harness.run_steps(2);
        let written = dir.path().join("article-marsad").join(file);
        let bytes = std::fs::read(&written).unwrap_or_else(|_| panic!("{file} written"));
        if file.ends_with(".svg") {
            let svg = String::from_utf8(bytes).expect("UTF-8");
            assert!(
                svg.contains("aria-label=\"Israel\""),
                "English labels, as in the panel"
            );
        } else {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        }
        assert!(harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("graph picture")));
    }
}

#[test]
fn the_inspector_lists_every_relation_the_graph_draws_for_an_actor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = copy_of_sample(dir.path());
    let mut harness = app_with(&article);
    harness
        .get_all_by_label("Lebanon")
        .next()
        .expect("Lebanon in the legend")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection(),
        Some(&Selection::Actor("LBN".into()))
    );
    let session = harness.state().session().expect("article");
    let graph = &session.graph;
    let lebanon = graph.node_of("LBN").expect("node");
    let drawn: Vec<String> = graph
        .edges_of(lebanon)
        .flat_map(|(i, e)| {
            e.types.iter().map(move |t| {
                let edge =
                    marsad::graph::describe_edge(&session.doc, graph, i, std::slice::from_ref(t));
                format!("Relation {edge}")
            })
        })
        .collect();
    assert!(!drawn.is_empty(), "the graph draws a relation for Lebanon");
    for label in &drawn {
        assert!(
            harness.query_by_label(label).is_some(),
            "the inspector lists {label}"
        );
    }
    let attack = drawn
        .iter()
        .find(|l| l.contains("attack"))
        .expect("the attack on Lebanon");
    harness.get_by_label(attack).click();
    harness.run_steps(3);
    let Some(Selection::Relation(r)) = harness.state().selection().cloned() else {
        panic!("a relation is selected");
    };
    let session = harness.state().session().expect("article");
    let (_, relation) = session.relation(&r).expect("the selected relation");
    assert_eq!(
        (relation.target.as_str(), relation.kind),
        ("LBN", RelationType::Attack)
    );
}
