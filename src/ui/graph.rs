//! The actor-relationship panel: nodes are top-level actors, directed edges coloured by relation
//! type with their counts. Nodes can be dragged, the view zoomed (wheel) and panned (drag on the
//! background); clicking a node or an edge selects it everywhere.

use crate::model::RelationType;
use crate::ui::bidi_label::BidiLabel;
use crate::ui::palette;
use crate::ui::session::{RelationKey, Selection, Session};
use egui::{Align2, Color32, FontId, Pos2, Rect, Role, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo};
use std::collections::HashSet;

/// Pan and zoom of the graph, and which node is being dragged.
#[derive(Debug, Clone)]
pub struct GraphView {
    pub zoom: f32,
    pub pan: Vec2,
    pub arabic_labels: bool,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            zoom: 1.0,
            pan: Vec2::ZERO,
            arabic_labels: false,
        }
    }
}

/// What the user did in the graph this frame.
pub enum GraphAction {
    Select(Selection),
}

/// Edges closer than this to the pointer (points) count as hovered.
const EDGE_HIT: f32 = 5.0;
/// Sideways offset between two directions, or several types, of one pair (points).
const LANE: f32 = 5.0;

pub fn graph_ui(
    ui: &mut Ui,
    session: &mut Session,
    view: &mut GraphView,
    selection: Option<&Selection>,
    hidden_actors: &HashSet<String>,
    hidden_types: &HashSet<RelationType>,
) -> Vec<GraphAction> {
    let mut actions = Vec::new();
    let size = ui.available_size().max(Vec2::new(120.0, 120.0));
    let (background, painter) = ui.allocate_painter(size, Sense::click_and_drag());
    let rect = background.rect;
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);

    if background.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            view.zoom = (view.zoom * (1.0 + scroll * 0.002)).clamp(0.3, 5.0);
        }
    }
    if background.dragged() {
        view.pan += background.drag_delta();
    }
    let scale = rect.width().min(rect.height()) * 0.8 * view.zoom;
    let centre = rect.center() + view.pan;
    let to_screen = |p: [f32; 2]| centre + Vec2::new(p[0], p[1]) * scale;

    let visible: Vec<bool> = session
        .graph
        .nodes
        .iter()
        .map(|n| !hidden_actors.contains(&n.actor))
        .collect();
    let selected_actor = match selection {
        Some(Selection::Actor(a)) => Some(session.doc.top_level(a)),
        _ => None,
    };
    let selected_relation = match selection {
        Some(Selection::Relation(key)) => session.relation(key).map(|(r, _)| r),
        _ => None,
    };

    // Edges, with lanes so that both directions and several types of one pair stay apart.
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let mut hovered_edge: Option<(usize, f32)> = None;
    let edges: Vec<usize> = (0..session.graph.edges.len())
        .filter(|&i| {
            let e = &session.graph.edges[i];
            visible[e.source] && visible[e.target] && !hidden_types.contains(&e.kind)
        })
        .collect();
    let mut segments = Vec::with_capacity(edges.len());
    for &i in &edges {
        let e = &session.graph.edges[i];
        let lane = edges
            .iter()
            .filter(|&&j| {
                let o = &session.graph.edges[j];
                o.source == e.source && o.target == e.target && j < i
            })
            .count() as f32;
        let (a, b) = (
            to_screen(session.positions[e.source]),
            to_screen(session.positions[e.target]),
        );
        let dir = (b - a).normalized();
        let normal = Vec2::new(-dir.y, dir.x);
        let offset = normal * LANE * (lane + 0.5);
        let (ra, rb) = (
            node_radius(session, e.source),
            node_radius(session, e.target),
        );
        let start = a + dir * ra + offset;
        let end = b - dir * (rb + 2.0) + offset;
        if let Some(p) = pointer {
            let d = distance_to_segment(p, start, end);
            if d < EDGE_HIT && hovered_edge.is_none_or(|(_, best)| d < best) {
                hovered_edge = Some((i, d));
            }
        }
        segments.push((i, start, end));
    }
    for &(i, start, end) in &segments {
        let e = &session.graph.edges[i];
        let emphasised = selected_relation == Some(e.relation)
            || hovered_edge.is_some_and(|(h, _)| h == i)
            || selected_actor.as_deref().is_some_and(|a| {
                session.graph.nodes[e.source].actor == a || session.graph.nodes[e.target].actor == a
            });
        let width = 1.0 + (e.weight as f32).sqrt() + if emphasised { 1.5 } else { 0.0 };
        let mut colour = palette::relation_colour(e.kind);
        if selected_actor.is_some() && !emphasised {
            colour = colour.gamma_multiply(0.35);
        }
        let stroke = Stroke::new(width, colour);
        painter.line_segment([start, end], stroke);
        let dir = (end - start).normalized();
        let normal = Vec2::new(-dir.y, dir.x);
        let head = 7.0 + width;
        painter.add(Shape::convex_polygon(
            vec![
                end,
                end - dir * head + normal * head * 0.45,
                end - dir * head - normal * head * 0.45,
            ],
            colour,
            Stroke::NONE,
        ));
        // An invisible widget per edge so screen readers and tests can find and press it.
        let hit = Rect::from_two_pos(start, end).expand(EDGE_HIT);
        let id = ui.scope_id().with(("edge", i));
        let response = ui.interact(hit, id, Sense::hover());
        let label = edge_label(session, i);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    }
    if let Some((i, _)) = hovered_edge {
        let label = edge_label(session, i);
        background.clone().on_hover_text_at_pointer(label);
        if background.clicked() {
            let relation = &session.doc.relations[session.graph.edges[i].relation];
            actions.push(GraphAction::Select(Selection::Relation(RelationKey::of(
                relation,
            ))));
        }
    }

    // Nodes on top, as draggable, clickable widgets with accessible names.
    for (n, node) in session.graph.nodes.iter().enumerate() {
        if !visible[n] {
            continue;
        }
        let centre = to_screen(session.positions[n]);
        let radius = node_radius(session, n);
        let id = ui.scope_id().with(("node", &node.actor));
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(radius * 2.0)),
            id,
            Sense::click_and_drag(),
        );
        let name_en = session.name_en(&node.actor);
        let selected = selected_actor.as_deref() == Some(node.actor.as_str());
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &name_en));
        let colour = session.colour(&node.actor);
        let dim = selected_actor.is_some() && !selected;
        painter.circle(
            centre,
            radius,
            if dim {
                colour.gamma_multiply(0.4)
            } else {
                colour
            },
            Stroke::new(
                if selected || response.hovered() {
                    3.0
                } else {
                    1.0
                },
                ui.visuals().strong_text_color(),
            ),
        );
        let label_pos = centre + Vec2::new(0.0, radius + 2.0);
        if view.arabic_labels {
            let name = session.name_ar(&node.actor);
            let label_rect =
                Rect::from_center_size(label_pos + Vec2::new(0.0, 11.0), Vec2::new(160.0, 22.0));
            if rect.contains_rect(label_rect) {
                ui.put(label_rect, BidiLabel::new(&name).size(13.0));
            }
        } else {
            painter.text(
                label_pos,
                Align2::CENTER_TOP,
                short_name(&name_en),
                FontId::proportional(12.0),
                ui.visuals().text_color(),
            );
        }
        if response.dragged() {
            let delta = response.drag_delta() / scale;
            session.positions[n][0] += delta.x;
            session.positions[n][1] += delta.y;
        }
        if response.clicked() {
            actions.push(GraphAction::Select(Selection::Actor(node.actor.clone())));
        }
        response.on_hover_text(format!(
            "{name_en}: {} mentions",
            session.graph.nodes[n].mentions
        ));
    }
    // The label language, switchable where the labels are.
    let toggle_rect =
        Rect::from_min_size(rect.left_top() + Vec2::splat(4.0), Vec2::new(110.0, 20.0));
    let toggle = ui.put(
        toggle_rect,
        egui::Button::new(if view.arabic_labels {
            "English labels"
        } else {
            "Arabic labels"
        })
        .small(),
    );
    if toggle.clicked() {
        view.arabic_labels = !view.arabic_labels;
    }
    if session.graph.nodes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "No actors found",
            FontId::proportional(14.0),
            ui.visuals().weak_text_color(),
        );
    }
    actions
}

fn node_radius(session: &Session, n: usize) -> f32 {
    6.0 + (session.graph.nodes[n].mentions as f32).sqrt() * 1.6
}

/// "Israel -> UN Security Council: appeal x3".
pub fn edge_label(session: &Session, edge: usize) -> String {
    let e = &session.graph.edges[edge];
    format!(
        "{} -> {}: {} x{}",
        session.name_en(&session.graph.nodes[e.source].actor),
        session.name_en(&session.graph.nodes[e.target].actor),
        e.kind.as_str(),
        e.weight
    )
}

/// The name before any bracketed role ("Gideon Saar (Israeli …)" → "Gideon Saar").
fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

/// A colour swatch for legends and badges.
pub fn swatch(ui: &mut Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.5, colour);
}
