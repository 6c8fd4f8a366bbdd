//! The actor-relationship panel: the arranged graph of [`crate::graph`] painted with egui. Nodes
//! can be dragged (their places are saved with the article), the view zoomed (wheel, around the
//! pointer) and panned (drag on the background); clicking a node, its label or an edge selects it
//! everywhere; the selection's neighbourhood is in focus and the rest dimmed. A toolbar sets the
//! label language, the minimum edge weight and the shown types, and exports SVG and PNG pictures.

use crate::export::ExportFile;
use crate::graph::picture::{self, PictureOptions, ShapedLabel};
use crate::graph::scene::{arrange, Focus, Frame, Pt, Scene, View};
use crate::graph::style::Theme;
use crate::graph::{label, GraphFilter, ShownGraph};
use crate::model::RelationType;
use crate::ui::session::{RelationKey, Selection, Session};
use crate::ui::strings::Strings;
use crate::ui::text_view::{glyph_mesh_all, Surface};
use egui::{
    Align2, Color32, FontId, Mesh, Pos2, Rect, Role, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo,
};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// Pointer distance (points) within which an edge counts as hovered.
const EDGE_HIT: f32 = 5.0;
/// Pixels per point of exported PNG pictures.
const PNG_PIXELS_PER_POINT: f32 = 2.0;

/// How the graph is looked at: zoom, pan, label language, minimum edge weight, and caches.
pub struct GraphView {
    pub zoom: f32,
    pub pan: Vec2,
    pub arabic_labels: bool,
    /// Edges lighter than this are hidden (1 shows all).
    pub min_weight: usize,
    /// The fitted box kept while a node is dragged.
    frozen: Option<Frame>,
    labels: HashMap<(String, u32), PanelLabel>,
    scene: Option<(u64, Scene)>,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            zoom: 1.0,
            pan: Vec2::ZERO,
            arabic_labels: false,
            min_weight: 1,
            frozen: None,
            labels: HashMap::new(),
            scene: None,
        }
    }
}

impl GraphView {
    /// Back to the whole graph fitted in the panel.
    pub fn reset(&mut self) {
        self.zoom = 1.0;
        self.pan = Vec2::ZERO;
    }

    /// The picture last drawn (what tests and screen readers can check against).
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref().map(|(_, s)| s)
    }
}

/// A label shaped once, with its glyph mesh for the current atlas, scale and colour.
struct PanelLabel {
    shaped: ShapedLabel,
    mesh: Option<((u64, u32, Color32), Arc<Mesh>)>,
    last_used: u64,
}

/// What the user did in the graph this frame.
pub enum GraphAction {
    Select(Selection),
    /// Show or hide a relation type (the same filter as the legend's).
    ToggleType(RelationType),
    /// Node places changed (a drag, or a new layout); they are in the document, to be saved.
    Arranged,
    /// A picture of the graph to write beside the article.
    Export(ExportFile),
}

pub fn graph_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &mut Session,
    view: &mut GraphView,
    selection: Option<&Selection>,
    hidden_actors: &HashSet<String>,
    hidden_types: &HashSet<RelationType>,
) -> Vec<GraphAction> {
    let mut actions = Vec::new();
    let filter = GraphFilter {
        min_weight: view.min_weight.max(1),
        hidden_actors: hidden_actors.clone(),
        hidden_types: hidden_types.clone(),
    };
    toolbar(ui, t, session, view, &filter, &mut actions);

    let (background, painter, pointer) = canvas(ui, view);
    let rect = background.rect;

    let graph = &session.graph;
    let shown = graph.shown(&filter);
    let positions: Vec<Pt> = graph
        .nodes
        .iter()
        .map(|n| {
            session
                .doc
                .presentation
                .graph_positions
                .get(&n.actor)
                .copied()
                .unwrap_or([0.0, 0.0])
        })
        .collect();
    let focus = focus_of(session, &shown, selection);
    let canvas = Frame::new(rect.min.into(), rect.max.into());
    let scene_view = View {
        canvas,
        zoom: view.zoom,
        pan: view.pan.into(),
        bounds: view.frozen,
        scale: 1.0,
    };
    let names: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| label(&session.doc, &n.actor, view.arabic_labels))
        .collect();
    let sizes = measure_labels(ui.ctx(), view, &names, scene_view.label_font());
    let key = scene_key(&shown, &positions, focus.as_ref(), &sizes, &scene_view);
    if view.scene.as_ref().is_none_or(|(k, _)| *k != key) {
        let scene = arrange(
            graph,
            &shown,
            &positions,
            focus.as_ref(),
            &sizes,
            &scene_view,
        );
        view.scene = Some((key, scene));
    }
    let Some((_, scene)) = view.scene.take() else {
        return actions;
    };

    // Which node or edge the pointer is on (nodes first: they are drawn on top).
    let hovered_node = pointer
        .filter(|p| rect.contains(*p))
        .and_then(|p| scene.node_at(p.into()));
    let hovered_edge = match (pointer, hovered_node) {
        (Some(p), None) if rect.contains(p) => scene.edge_at(p.into(), EDGE_HIT),
        _ => None,
    };
    let selected_edge = match selection {
        Some(Selection::Relation(key)) => session
            .relation(key)
            .and_then(|(r, _)| graph.edge_of_relation(r)),
        _ => None,
    };
    let dark = ui.visuals().dark_mode;
    let theme = if dark { Theme::DARK } else { Theme::LIGHT };

    for e in &scene.edges {
        let emphasised = hovered_edge == Some(e.edge) || selected_edge == Some(e.edge);
        let [r, g, b] = theme.edge(e.kind);
        let mut colour = Color32::from_rgb(r, g, b);
        if e.dimmed && !emphasised {
            colour = colour.gamma_multiply(theme.dimmed_alpha);
        }
        paint_edge(&painter, e, emphasised, colour);
        // An invisible widget per edge, on the middle of its line, so screen readers and tests
        // can find and press it.
        let mid = Pos2::from(e.points()[e.points().len() / 2]);
        let id = ui.scope_id().with(("edge", e.edge));
        let response = ui.interact(
            Rect::from_center_size(mid, Vec2::splat(EDGE_HIT * 2.0)),
            id,
            Sense::click(),
        );
        let shown_edge = shown.edges.iter().find(|s| s.edge == e.edge);
        // Described only when asked (a screen reader or a test): formatting every edge's
        // description on every frame cost more than drawing it.
        response.widget_info(|| {
            let description = shown_edge
                .map(|s| {
                    let name = |node: usize| label(&session.doc, &graph.nodes[node].actor, t.rtl);
                    let (source, target) = (graph.edges[e.edge].source, graph.edges[e.edge].target);
                    let types = s.types.iter().map(|ty| (ty.kind, ty.weight));
                    t.edge_description(&name(source), &name(target), types)
                })
                .unwrap_or_default();
            WidgetInfo::labeled(Role::Button, true, &description)
        });
        if response.clicked() {
            if let Some(s) = shown_edge {
                actions.push(GraphAction::Select(relation_selection(
                    session,
                    s.types[0].relation,
                )));
            }
        }
    }
    if let Some(edge) = hovered_edge {
        if let Some(s) = shown.edges.iter().find(|s| s.edge == edge) {
            let e = &graph.edges[edge];
            let mut tip = format!(
                "{} -> {}",
                session.name(&graph.nodes[e.source].actor, t.rtl),
                session.name(&graph.nodes[e.target].actor, t.rtl)
            );
            for ty in &s.types {
                tip.push_str(&format!("\n{} ×{}", (t.relation_name)(ty.kind), ty.weight));
            }
            tip.push('\n');
            tip.push_str(t.click_for_evidence);
            background.clone().on_hover_text_at_pointer(t.show(&tip));
            if background.clicked() {
                actions.push(GraphAction::Select(relation_selection(
                    session,
                    s.types[0].relation,
                )));
            }
        }
    }

    // Nodes, as draggable, clickable widgets with accessible names.
    let outline = ui.visuals().strong_text_color();
    let selected_actor = match selection {
        Some(Selection::Actor(a)) => Some(session.doc.top_level(a)),
        _ => None,
    };
    let mut dragging = false;
    for n in &scene.nodes {
        let actor = &graph.nodes[n.node].actor;
        let centre = Pos2::from(n.centre);
        let id = ui.scope_id().with(("node", actor));
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(n.radius * 2.0)),
            id,
            Sense::click_and_drag(),
        );
        let name_en = session.name_en(actor);
        let selected = selected_actor.as_deref() == Some(actor.as_str());
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &name_en));
        let mut fill = session.colour(actor);
        if n.dimmed {
            fill = fill.gamma_multiply(theme.dimmed_alpha + 0.1);
        }
        let hovered = hovered_node == Some(n.node) || response.dragged();
        let ring = if selected {
            3.0
        } else if hovered {
            2.0
        } else {
            1.0
        };
        let ring_colour = if n.dimmed && !hovered {
            outline.gamma_multiply(0.3)
        } else {
            outline
        };
        painter.circle(centre, n.radius, fill, Stroke::new(ring, ring_colour));
        if response.dragged() {
            dragging = true;
            view.frozen = Some(scene.fit.bounds);
            let to = (centre + response.drag_delta()).clamp(rect.min, rect.max);
            let place = scene.fit.to_graph(to.into());
            session
                .doc
                .presentation
                .graph_positions
                .insert(actor.clone(), place);
        }
        if response.drag_stopped() {
            actions.push(GraphAction::Arranged);
        }
        if response.clicked() {
            actions.push(GraphAction::Select(Selection::Actor(actor.clone())));
        }
        response.on_hover_text(t.show(&(t.node_hover)(
            &name_en,
            &session.name_ar(actor),
            graph.nodes[n.node].mentions,
        )));
    }
    if !dragging {
        view.frozen = None;
    }

    // Labels last, so they are always on top; a plate under each keeps crossing lines faint.
    let text = ui.visuals().strong_text_color();
    let plate = ui.visuals().extreme_bg_color;
    let mut drawn: Vec<(usize, Frame, bool)> = scene
        .labels
        .iter()
        .map(|l| (l.node, l.frame, l.dimmed))
        .collect();
    if let Some(h) = hovered_node.filter(|h| scene.unlabelled.contains(h)) {
        // A label that found no room shows while its node is hovered.
        if let (Some(n), Some(size)) = (scene.scene_node(h), sizes.get(h)) {
            let below = Rect::from_min_size(
                Pos2::new(
                    n.centre[0] - size[0] / 2.0 - 2.0,
                    n.centre[1] + n.radius + 3.0,
                ),
                Vec2::new(size[0] + 4.0, size[1]),
            );
            // Kept inside the panel, like every other label.
            let shift = Vec2::new(
                (rect.left() - below.left()).max(0.0) + (rect.right() - below.right()).min(0.0),
                (rect.top() - below.top()).max(0.0) + (rect.bottom() - below.bottom()).min(0.0),
            );
            let r = below.translate(shift);
            drawn.push((h, Frame::new(r.min.into(), r.max.into()), false));
        }
    }
    for l in &scene.labels {
        if let Some((from, to)) = l.leader {
            painter.line_segment(
                [from.into(), to.into()],
                Stroke::new(1.0, text.gamma_multiply(if l.dimmed { 0.25 } else { 0.8 })),
            );
        }
    }
    for (node, frame, dimmed) in drawn {
        let fade = if dimmed {
            theme.dimmed_alpha + 0.15
        } else {
            1.0
        };
        let r = Rect::from_min_max(frame.min.into(), frame.max.into());
        painter.rect_filled(r, 3.0, plate.gamma_multiply(theme.halo_alpha * fade));
        let font = scene_view.label_font();
        paint_label(
            ui,
            &painter,
            view,
            (&names[node], font),
            r,
            text.gamma_multiply(fade),
        );
        let id = ui.scope_id().with(("label", node));
        let response = ui.interact(r, id, Sense::click());
        let name = names[node].clone();
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &name));
        if response.clicked() {
            let actor = graph.nodes[node].actor.clone();
            actions.push(GraphAction::Select(Selection::Actor(actor)));
        }
    }
    if !scene.unlabelled.is_empty() {
        // Said where it covers nothing: under the toolbar, at the panel's edge.
        let hint = t.show(&(t.hidden_labels)(scene.unlabelled.len()));
        let at = rect.left_top() + Vec2::new(4.0, 2.0);
        let galley = painter.layout_no_wrap(
            hint,
            FontId::proportional(10.0),
            ui.visuals().weak_text_color(),
        );
        painter.rect_filled(
            Rect::from_min_size(at, galley.size()).expand(1.0),
            2.0,
            plate.gamma_multiply(0.85),
        );
        painter.galley(at, galley, Color32::PLACEHOLDER);
    }
    if graph.nodes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            t.show(t.no_actors_found),
            FontId::proportional(14.0),
            ui.visuals().weak_text_color(),
        );
    } else if scene.nodes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            t.show(t.nothing_left_to_show),
            FontId::proportional(13.0),
            ui.visuals().weak_text_color(),
        );
    }
    forget_unused_labels(ui.ctx(), view);
    view.scene = Some((key, scene));
    actions
}

/// The graph's canvas (the rest of the panel), zoomed by the wheel and panned by dragging its
/// background: its response, a painter clipped to it, and where the pointer is.
pub(crate) fn canvas(
    ui: &mut Ui,
    view: &mut GraphView,
) -> (egui::Response, egui::Painter, Option<Pos2>) {
    let size = ui.available_size().max(Vec2::new(120.0, 120.0));
    let (background, painter) = ui.allocate_painter(size, Sense::click_and_drag());
    let rect = background.rect;
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let painter = painter.with_clip_rect(rect);
    let pointer = ui.input(|i| i.pointer.hover_pos());
    if background.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            zoom_around(view, rect, pointer, (1.0 + scroll * 0.002).clamp(0.5, 2.0));
        }
    }
    if background.dragged() {
        view.pan += background.drag_delta();
    }
    (background, painter, pointer)
}

/// Paints an edge of the scene (wider when `emphasised`): its line and its arrow head.
pub(crate) fn paint_edge(
    painter: &egui::Painter,
    e: &crate::graph::scene::SceneEdge,
    emphasised: bool,
    colour: Color32,
) {
    let width = e.width + if emphasised { 1.5 } else { 0.0 };
    let points: Vec<Pos2> = e.points().into_iter().map(Pos2::from).collect();
    painter.add(Shape::line(points, Stroke::new(width, colour)));
    painter.add(Shape::convex_polygon(
        e.arrow.iter().map(|&p| Pos2::from(p)).collect(),
        colour,
        Stroke::NONE,
    ));
}

/// Label language, minimum weight, shown types, fit, new layout and export.
fn toolbar(
    ui: &mut Ui,
    t: &Strings,
    session: &mut Session,
    view: &mut GraphView,
    filter: &GraphFilter,
    actions: &mut Vec<GraphAction>,
) {
    ui.horizontal_wrapped(|ui| {
        let language = if view.arabic_labels {
            t.english_labels
        } else {
            t.arabic_labels
        };
        if ui.small_button(t.show(language)).clicked() {
            view.arabic_labels = !view.arabic_labels;
        }
        ui.label(t.show(t.min_weight));
        ui.add(
            egui::DragValue::new(&mut view.min_weight)
                .range(1..=999)
                .speed(0.1),
        )
        .on_hover_text(t.show(t.min_weight_hint));
        ui.menu_button(t.show(t.types), |ui| {
            for kind in session.relation_types() {
                let mut shown = !filter.hidden_types.contains(&kind);
                if ui
                    .checkbox(&mut shown, t.show((t.relation_name)(kind)))
                    .changed()
                {
                    actions.push(GraphAction::ToggleType(kind));
                }
            }
        });
        ui.menu_button(t.show(t.layout), |ui| {
            if ui
                .button(t.show(t.fit_graph))
                .on_hover_text(t.show(t.fit_graph_hint))
                .clicked()
            {
                view.reset();
                ui.close();
            }
            if ui
                .button(t.show(t.new_layout))
                .on_hover_text(t.show(t.new_layout_hint))
                .clicked()
            {
                relayout(session);
                view.reset();
                actions.push(GraphAction::Arranged);
                ui.close();
            }
        });
        ui.menu_button(t.show(t.export), |ui| {
            for (name, png) in [(t.picture_svg, false), (t.picture_png, true)] {
                if ui.button(t.show(name)).clicked() {
                    if let Some(file) = export_picture(session, view, filter, png) {
                        actions.push(GraphAction::Export(file));
                    }
                    ui.close();
                }
            }
        });
    });
}

/// Forgets every saved place and lays the graph out again.
pub fn relayout(session: &mut Session) {
    let places = &mut session.doc.presentation.graph_positions;
    for n in &session.graph.nodes {
        places.remove(&n.actor);
    }
    session.graph.place(places);
}

/// The graph as the panel shows it (filters and places, not the focus), as an SVG or PNG file
/// named after the article.
pub fn export_picture(
    session: &Session,
    view: &GraphView,
    filter: &GraphFilter,
    png: bool,
) -> Option<ExportFile> {
    let graph = &session.graph;
    let positions: Vec<Pt> = graph
        .nodes
        .iter()
        .map(|n| {
            let saved = session.doc.presentation.graph_positions.get(&n.actor);
            saved.copied().unwrap_or([0.0, 0.0])
        })
        .collect();
    let colours: Vec<[u8; 3]> = graph
        .nodes
        .iter()
        .map(|n| {
            let c = session.colour(&n.actor);
            [c.r(), c.g(), c.b()]
        })
        .collect();
    let options = PictureOptions {
        arabic: view.arabic_labels,
        ..PictureOptions::default()
    };
    let drawn = picture::draw_graph(&session.doc, graph, &positions, &colours, filter, &options);
    let stem = session
        .path
        .file_stem()
        .map_or("article".to_string(), |s| s.to_string_lossy().into_owned());
    let (name, bytes) = if png {
        let bytes = picture::to_png(&drawn, PNG_PIXELS_PER_POINT).ok()?;
        (format!("{stem}.graph.png"), bytes)
    } else {
        (
            format!("{stem}.graph.svg"),
            picture::to_svg(&drawn).into_bytes(),
        )
    };
    Some(ExportFile { name, bytes })
}

/// What the selection brings into focus: an actor and its neighbours, an edge and its ends, or a
/// statement's speaker and targets.
fn focus_of(session: &Session, shown: &ShownGraph, selection: Option<&Selection>) -> Option<Focus> {
    let graph = &session.graph;
    let doc = &session.doc;
    match selection? {
        Selection::Actor(a) => {
            let node = graph.node_of(&doc.top_level(a))?;
            Some(Focus::on_actor(graph, shown, node))
        }
        Selection::Relation(key) => Some(Focus::on_edge(
            graph,
            graph.edge_of_relation(session.relation(key)?.0)?,
        )),
        Selection::Statement(id) => {
            let (_, s) = session.statement(id)?;
            let nodes: Vec<usize> = std::iter::once(&s.speaker)
                .chain(&s.targets)
                .filter_map(|a| graph.node_of(&doc.top_level(a)))
                .collect();
            (!nodes.is_empty()).then(|| Focus::on_group(graph, shown, &nodes))
        }
    }
}

/// Zooms by `factor`, keeping the point under the pointer (or the centre) where it is.
fn zoom_around(view: &mut GraphView, rect: Rect, pointer: Option<Pos2>, factor: f32) {
    let zoom = (view.zoom * factor).clamp(0.3, 8.0);
    let ratio = zoom / view.zoom;
    let at = pointer
        .filter(|p| rect.contains(*p))
        .unwrap_or(rect.center());
    let from_centre = at - rect.center();
    view.pan = from_centre - (from_centre - view.pan) * ratio;
    view.zoom = zoom;
}

/// The size of each label (shaped once per text and size).
pub(crate) fn measure_labels(
    ctx: &egui::Context,
    view: &mut GraphView,
    names: &[String],
    size: f32,
) -> Vec<Pt> {
    let surface = Surface::get(ctx);
    let mut inner = surface.lock();
    let frame = ctx.cumulative_frame_nr();
    names
        .iter()
        .map(|name| {
            let entry = view
                .labels
                .entry((name.clone(), size.to_bits()))
                .or_insert_with(|| PanelLabel {
                    shaped: ShapedLabel::new(&mut inner.engine, name, size),
                    mesh: None,
                    last_used: frame,
                });
            entry.last_used = frame;
            entry.shaped.size
        })
        .collect()
}

/// Paints a label (text and font size) measured this frame, its glyphs centred in `rect`.
pub(crate) fn paint_label(
    ui: &Ui,
    painter: &egui::Painter,
    view: &mut GraphView,
    (name, size): (&str, f32),
    rect: Rect,
    colour: Color32,
) {
    let Some(entry) = view.labels.get_mut(&(name.to_string(), size.to_bits())) else {
        return;
    };
    let ppp = ui.ctx().pixels_per_point();
    let surface = Surface::get(ui.ctx());
    let mut guard = surface.lock();
    let inner = &mut *guard;
    let key = (inner.atlas.generation(), ppp.to_bits(), colour);
    if entry.mesh.as_ref().is_none_or(|(k, _)| *k != key) {
        // A full atlas is cleared and filled again; a second try then succeeds.
        let built = (0..2).find_map(|_| {
            glyph_mesh_all(
                entry.shaped.layout_mut(),
                &mut inner.engine,
                &mut inner.atlas,
                ppp,
                colour,
            )
            .ok()
        });
        let key = (inner.atlas.generation(), ppp.to_bits(), colour);
        entry.mesh = built.map(|m| (key, Arc::new(m)));
    }
    let Some((_, mesh)) = &entry.mesh else { return };
    let [w, h] = entry.shaped.size;
    let [ox, oy] = entry.shaped.offset;
    let at = rect.center() - Vec2::new(w, h) / 2.0 + Vec2::new(ox, oy);
    let at = (at.to_vec2() * ppp).round() / ppp;
    let mut mesh = (**mesh).clone();
    mesh.translate(at);
    painter.add(Shape::mesh(mesh));
}

/// Drops labels not drawn for a while (names change with corrections and the label language).
pub(crate) fn forget_unused_labels(ctx: &egui::Context, view: &mut GraphView) {
    let frame = ctx.cumulative_frame_nr();
    if view.labels.len() > 256 {
        view.labels.retain(|_, l| l.last_used + 1 >= frame);
    }
}

/// A key for everything the arranged scene depends on.
pub(crate) fn scene_key(
    shown: &ShownGraph,
    positions: &[Pt],
    focus: Option<&Focus>,
    sizes: &[Pt],
    view: &View,
) -> u64 {
    let mut h = DefaultHasher::new();
    shown.nodes.hash(&mut h);
    for s in &shown.edges {
        (s.edge, s.weight, s.types[0].kind).hash(&mut h);
    }
    let bits = |h: &mut DefaultHasher, v: &[f32]| v.iter().for_each(|x| x.to_bits().hash(h));
    for p in positions.iter().chain(sizes) {
        bits(&mut h, p);
    }
    focus.map(|f| (&f.nodes, &f.edges, f.primary)).hash(&mut h);
    bits(
        &mut h,
        &[
            view.canvas.min[0],
            view.canvas.min[1],
            view.canvas.max[0],
            view.canvas.max[1],
        ],
    );
    bits(&mut h, &[view.zoom, view.pan[0], view.pan[1], view.scale]);
    view.bounds
        .map(|b| [b.min[0], b.min[1], b.max[0], b.max[1]].map(f32::to_bits))
        .hash(&mut h);
    h.finish()
}

/// A colour swatch for legends and badges.
pub fn swatch(ui: &mut Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.5, colour);
}

/// The selection of the document's relation number `relation`.
pub fn relation_selection(session: &Session, relation: usize) -> Selection {
    Selection::Relation(RelationKey::of(&session.doc.relations[relation]))
}
