//! The actor graph of the corpus in a date range, drawn by the same code and rules as the
//! article's graph ([`crate::graph`]: node sizes, curved two-way edges, label placement; the
//! panel's label shaping and zoom): the strongest pairs of actors, each node keeping its place as
//! the range moves. A click on an edge shows that pair over time; a double click opens its first
//! piece of evidence; a click on a node filters the statements to that speaker.

use super::{CorpusAction, CorpusData, CorpusView, Jump};
use crate::corpus::{actor_graph, range_edges, GraphEdge};
use crate::graph::scene::{arrange, Focus, Frame, Pt, Scene, View};
use crate::graph::style::Theme;
use crate::graph::{ActorGraph, GraphFilter};
use crate::ui::graph::{
    canvas, forget_unused_labels, measure_labels, paint_edge, paint_label, scene_key, GraphView,
};
use crate::ui::strings::Strings;
use egui::{Color32, Pos2, Rect, Role, Sense, Stroke, Ui, Vec2, WidgetInfo};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Pointer distance (points) within which an edge counts as hovered.
const EDGE_HIT: f32 = 5.0;
/// Pairs of actors drawn at first.
pub const DEFAULT_PAIRS: usize = 40;

type Range = (Option<String>, Option<String>);
/// The drawn graph of a range and number of pairs, with its node places.
type Built = ((Range, usize), Arc<ActorGraph>, Arc<Vec<Pt>>);

/// How the corpus graph is looked at, and what was computed for it.
pub struct CorpusGraph {
    pub view: GraphView,
    /// How many of the strongest pairs are drawn.
    pub max_pairs: usize,
    /// Node places (graph units), kept across ranges so that the picture stays recognisable.
    places: BTreeMap<String, Pt>,
    /// A palette index per actor, given in order of first appearance (stable colours).
    colours: HashMap<String, usize>,
    edges: Option<(Range, Arc<Vec<GraphEdge>>)>,
    built: Option<Built>,
    scene: Option<(u64, Scene)>,
}

impl Default for CorpusGraph {
    fn default() -> Self {
        CorpusGraph {
            view: GraphView::default(),
            max_pairs: DEFAULT_PAIRS,
            places: BTreeMap::new(),
            colours: HashMap::new(),
            edges: None,
            built: None,
            scene: None,
        }
    }
}

impl CorpusGraph {
    /// The corpus edges of a date range (cached until the range changes).
    pub fn edges(
        &mut self,
        data: &CorpusData,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Arc<Vec<GraphEdge>> {
        let key = (from.map(str::to_string), to.map(str::to_string));
        match &self.edges {
            Some((k, edges)) if *k == key => edges.clone(),
            _ => {
                let edges = Arc::new(range_edges(&data.days, &data.names, from, to));
                self.edges = Some((key, edges.clone()));
                edges
            }
        }
    }

    /// Forgets what was computed from the store's data (the data was loaded again: indexing went
    /// on, or a corrected article was indexed again); places and colours stay.
    pub fn forget_data(&mut self) {
        self.edges = None;
        self.built = None;
        self.scene = None;
    }

    /// The drawn graph of the range and its node places.
    pub fn built(
        &mut self,
        data: &CorpusData,
        from: Option<&str>,
        to: Option<&str>,
    ) -> (Arc<ActorGraph>, Arc<Vec<Pt>>) {
        let key = (
            (from.map(str::to_string), to.map(str::to_string)),
            self.max_pairs,
        );
        if let Some((k, graph, positions)) = &self.built {
            if *k == key {
                return (graph.clone(), positions.clone());
            }
        }
        let graph = actor_graph(&self.edges(data, from, to), self.max_pairs);
        let positions = graph.place(&mut self.places);
        for n in &graph.nodes {
            let next = self.colours.len();
            self.colours.entry(n.actor.clone()).or_insert(next);
        }
        let (graph, positions) = (Arc::new(graph), Arc::new(positions));
        self.built = Some((key, graph.clone(), positions.clone()));
        (graph, positions)
    }

    /// The palette colour of each node of `graph`.
    pub fn colours(&self, graph: &ActorGraph) -> Vec<[u8; 3]> {
        graph
            .nodes
            .iter()
            .map(|n| {
                crate::graph::style::actor_rgb(self.colours.get(&n.actor).copied().unwrap_or(0))
            })
            .collect()
    }

    /// The picture last drawn (tests read it).
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref().map(|(_, s)| s)
    }

    /// The drawn graph (tests read it).
    pub fn graph(&self) -> Option<&ActorGraph> {
        self.built.as_ref().map(|(_, g, _)| &**g)
    }
}

/// "USA -> Iran: accuse x5, statement x2", in the interface's language.
fn describe(
    t: &Strings,
    data: &CorpusData,
    graph: &ActorGraph,
    edges: &[GraphEdge],
    edge: usize,
) -> String {
    let e = &graph.edges[edge];
    let types = e.types.iter().map(|k| {
        let kind = crate::corpus::type_from_name(&edges[k.relation].kind);
        (kind, k.weight)
    });
    t.edge_description(
        &data.label(&graph.nodes[e.source].actor, t.rtl),
        &data.label(&graph.nodes[e.target].actor, t.rtl),
        types,
    )
}

pub fn graph_ui(
    ui: &mut Ui,
    t: &'static Strings,
    view: &mut CorpusView,
    out: &mut Vec<CorpusAction>,
) {
    let c = &t.corpus;
    let (from, to) = view.dates();
    let (from, to) = (from.map(str::to_string), to.map(str::to_string));
    let Some(data) = &view.data else { return };
    let g = &mut view.graph;
    ui.horizontal_wrapped(|ui| {
        ui.strong(t.show(c.graph));
        let language = if g.view.arabic_labels {
            t.english_labels
        } else {
            t.arabic_labels
        };
        if ui.small_button(t.show(language)).clicked() {
            g.view.arabic_labels = !g.view.arabic_labels;
        }
        ui.label(t.show(c.pairs));
        ui.add(
            egui::DragValue::new(&mut g.max_pairs)
                .range(2..=400)
                .speed(0.5),
        )
        .on_hover_text(t.show(c.pairs_hint));
        if ui.small_button(t.show(t.fit_graph)).clicked() {
            g.view.reset();
        }
        ui.weak(t.show(c.edge_hint));
    });
    let edges = g.edges(data, from.as_deref(), to.as_deref());
    let (graph, positions) = g.built(data, from.as_deref(), to.as_deref());
    let colours = g.colours(&graph);

    let (background, painter, pointer) = canvas(ui, &mut g.view);
    let rect = background.rect;
    let shown = graph.shown(&GraphFilter {
        min_weight: 1,
        ..GraphFilter::default()
    });
    let pair_edge = view.pair.as_ref().and_then(|(a, b)| {
        let (a, b) = (graph.node_of(a)?, graph.node_of(b)?);
        graph
            .edges
            .iter()
            .position(|e| (e.source, e.target) == (a, b) || (e.source, e.target) == (b, a))
    });
    let focus = pair_edge.map(|e| Focus::on_edge(&graph, e));
    let scene_view = View {
        canvas: Frame::new(rect.min.into(), rect.max.into()),
        zoom: g.view.zoom,
        pan: g.view.pan.into(),
        bounds: None,
        scale: 1.0,
    };
    let names: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| data.label(&n.actor, g.view.arabic_labels))
        .collect();
    let sizes = measure_labels(ui.ctx(), &mut g.view, &names, scene_view.label_font());
    let key = scene_key(&shown, &positions, focus.as_ref(), &sizes, &scene_view);
    if g.scene.as_ref().is_none_or(|(k, _)| *k != key) {
        let scene = arrange(
            &graph,
            &shown,
            &positions,
            focus.as_ref(),
            &sizes,
            &scene_view,
        );
        g.scene = Some((key, scene));
    }
    let Some((key, scene)) = g.scene.take() else {
        return;
    };

    let theme = if ui.visuals().dark_mode {
        Theme::DARK
    } else {
        Theme::LIGHT
    };
    let hovered_node = pointer
        .filter(|p| rect.contains(*p))
        .and_then(|p| scene.node_at(p.into()));
    let hovered_edge = match (pointer, hovered_node) {
        (Some(p), None) if rect.contains(p) => scene.edge_at(p.into(), EDGE_HIT),
        _ => None,
    };
    for e in &scene.edges {
        let emphasised = hovered_edge == Some(e.edge) || pair_edge == Some(e.edge);
        let [r, gr, b] = theme.edge(e.kind);
        let mut colour = Color32::from_rgb(r, gr, b);
        if e.dimmed && !emphasised {
            colour = colour.gamma_multiply(theme.dimmed_alpha);
        }
        paint_edge(&painter, e, emphasised, colour);
        let points = e.points();
        let mid = Pos2::from(points[points.len() / 2]);
        let response = ui.interact(
            Rect::from_center_size(mid, Vec2::splat(EDGE_HIT * 2.0)),
            ui.scope_id().with(("corpus_edge", e.edge)),
            Sense::click(),
        );
        response.widget_info(|| {
            let description = describe(t, data, &graph, &edges, e.edge);
            WidgetInfo::labeled(Role::Button, true, &description)
        });
        let clicked_line = hovered_edge == Some(e.edge) && background.clicked();
        let double = hovered_edge == Some(e.edge) && background.double_clicked();
        let de = &graph.edges[e.edge];
        let (source, target) = (&graph.nodes[de.source].actor, &graph.nodes[de.target].actor);
        if response.clicked() || clicked_line {
            view.pair = Some((source.clone(), target.clone()));
            view.table.filters[super::Column::Speaker as usize] = source.clone();
            view.table.filters[super::Column::Target as usize] = target.clone();
        }
        if response.double_clicked() || double {
            let kind = de
                .types
                .first()
                .map(|k| crate::corpus::type_from_name(&edges[k.relation].kind));
            let first = view.store().and_then(|s| {
                s.evidence(source, target, kind, from.as_deref(), to.as_deref())
                    .ok()?
                    .first()
                    .and_then(Jump::of_evidence)
            });
            if let Some(jump) = first {
                out.push(CorpusAction::Open(jump));
            }
        }
    }
    if let Some(edge) = hovered_edge {
        background
            .clone()
            .on_hover_text(t.show(&describe(t, data, &graph, &edges, edge)));
    }
    let outline = ui.visuals().strong_text_color();
    for n in &scene.nodes {
        let centre = Pos2::from(n.centre);
        let actor = &graph.nodes[n.node].actor;
        let [r, gr, b] = colours[n.node];
        let mut fill = Color32::from_rgb(r, gr, b);
        if n.dimmed {
            fill = fill.gamma_multiply(theme.dimmed_alpha + 0.1);
        }
        let hovered = hovered_node == Some(n.node);
        let ring = if hovered { 2.0 } else { 1.0 };
        painter.circle(
            centre,
            n.radius,
            fill,
            Stroke::new(
                ring,
                outline.gamma_multiply(if n.dimmed { 0.3 } else { 1.0 }),
            ),
        );
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(n.radius * 2.0)),
            ui.scope_id().with(("corpus_node", actor)),
            Sense::click(),
        );
        let name = data.label(actor, false);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
        if response.clicked() {
            view.table.filters[super::Column::Speaker as usize] = actor.clone();
            view.table.filters[super::Column::Target as usize].clear();
        }
        response.on_hover_text(format!(
            "{} · {}: {}",
            data.label(actor, false),
            data.label(actor, true),
            graph.nodes[n.node].mentions
        ));
    }
    let text = ui.visuals().strong_text_color();
    let plate = ui.visuals().extreme_bg_color;
    for l in &scene.labels {
        if let Some((a, b)) = l.leader {
            painter.line_segment(
                [a.into(), b.into()],
                Stroke::new(1.0, text.gamma_multiply(0.6)),
            );
        }
        let fade = if l.dimmed {
            theme.dimmed_alpha + 0.15
        } else {
            1.0
        };
        let r = Rect::from_min_max(l.frame.min.into(), l.frame.max.into());
        painter.rect_filled(r, 3.0, plate.gamma_multiply(theme.halo_alpha * fade));
        paint_label(
            ui,
            &painter,
            &mut view.graph.view,
            (&names[l.node], scene_view.label_font()),
            r,
            text.gamma_multiply(fade),
        );
    }
    if scene.nodes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            t.show(t.no_actors_found),
            egui::FontId::proportional(14.0),
            ui.visuals().weak_text_color(),
        );
    }
    forget_unused_labels(ui.ctx(), &mut view.graph.view);
    view.graph.scene = Some((key, scene));
}
