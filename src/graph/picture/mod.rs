//! Pictures of the graph as files: the arranged [`Scene`] turned into vector shapes (edges, arrow
//! heads, discs, label plates, label glyph outlines) and written as SVG or rasterised to PNG.
//! Labels are shaped with the bundled fonts and written as outlines, so Arabic reads right in
//! any viewer, with or without Arabic fonts, and each label keeps the box it was placed in; the
//! name itself is in each label's `<title>` and `aria-label`.

mod png;
mod svg;
pub mod text;

pub use png::to_png;
pub use svg::to_svg;
pub use text::ShapedLabel;

use super::scene::{arrange, Pt, Scene, View};
use super::style::{Rgb, Theme};
use super::{ActorGraph, GraphFilter};
use crate::model::AnnotatedDocument;
use crate::text_layout::TextEngine;

/// One step of a path (points, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    Move(Pt),
    Line(Pt),
    Quad(Pt, Pt),
    Cubic(Pt, Pt, Pt),
    Close,
}

impl Seg {
    /// Where the step ends.
    pub fn end(&self) -> Option<Pt> {
        match *self {
            Seg::Move(p) | Seg::Line(p) | Seg::Quad(_, p) | Seg::Cubic(_, _, p) => Some(p),
            Seg::Close => None,
        }
    }
}

/// A colour with opacity (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub rgb: Rgb,
    pub alpha: f32,
}

/// One filled and/or stroked path.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub path: Vec<Seg>,
    pub fill: Option<Paint>,
    /// Colour and width.
    pub stroke: Option<(Paint, f32)>,
}

/// What a group of shapes stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Edge,
    Node,
    Label,
}

/// Shapes that make one thing of the graph (an edge with its arrow head, a node, a label), with
/// the words that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub role: Role,
    pub title: String,
    pub shapes: Vec<Shape>,
}

/// A whole picture, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Width and height in points.
    pub size: Pt,
    pub background: Rgb,
    pub title: String,
    pub items: Vec<Item>,
}

/// What to draw and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureOptions {
    /// Width and height in points.
    pub size: Pt,
    /// Node, edge and label scale (see [`View::scale`]).
    pub scale: f32,
    /// Label with the Arabic names instead of the English ones.
    pub arabic: bool,
    pub theme: Theme,
}

impl Default for PictureOptions {
    fn default() -> Self {
        PictureOptions {
            size: [1200.0, 800.0],
            scale: 1.4,
            arabic: true,
            theme: Theme::LIGHT,
        }
    }
}

/// A picture of the graph of `doc` as `filter` shows it, with nodes at `positions` (graph units,
/// one per node) in the colours `colours` (one per node).
pub fn draw_graph(
    doc: &AnnotatedDocument,
    graph: &ActorGraph,
    positions: &[Pt],
    colours: &[Rgb],
    filter: &GraphFilter,
    options: &PictureOptions,
) -> Picture {
    let mut engine = TextEngine::new();
    let view = View {
        scale: options.scale,
        ..View::new(super::scene::Frame::new([0.0, 0.0], options.size))
    };
    let shown = graph.shown(filter);
    let labels: Vec<ShapedLabel> = graph
        .nodes
        .iter()
        .map(|n| {
            let text = super::label(doc, &n.actor, options.arabic);
            ShapedLabel::new(&mut engine, &text, view.label_font())
        })
        .collect();
    let sizes: Vec<Pt> = labels.iter().map(|l| l.size).collect();
    let scene = arrange(graph, &shown, positions, None, &sizes, &view);
    let names: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| super::label(doc, &n.actor, options.arabic))
        .collect();
    let mut edge_titles = vec![String::new(); graph.edges.len()];
    for s in &shown.edges {
        edge_titles[s.edge] = super::describe_edge(doc, graph, s.edge, &s.types);
    }
    let content = Content {
        graph,
        names: &names,
        edge_titles: &edge_titles,
        colours,
        labels: &labels,
        theme: options.theme,
    };
    let title = if doc.source.path.is_empty() {
        "Actor graph".to_string()
    } else {
        format!("Actor graph: {}", doc.source.path)
    };
    content.picture(&scene, options.size, title, &mut engine)
}

/// What the shapes of a scene are made from.
struct Content<'a> {
    graph: &'a ActorGraph,
    /// Label text per node.
    names: &'a [String],
    /// Description per edge.
    edge_titles: &'a [String],
    colours: &'a [Rgb],
    labels: &'a [ShapedLabel],
    theme: Theme,
}

impl Content<'_> {
    fn picture(&self, scene: &Scene, size: Pt, title: String, engine: &mut TextEngine) -> Picture {
        let theme = self.theme;
        let fade = |dimmed: bool| if dimmed { theme.dimmed_alpha } else { 1.0 };
        let mut items = Vec::new();
        for e in &scene.edges {
            let colour = Paint {
                rgb: theme.edge(e.kind),
                alpha: fade(e.dimmed) * 0.9,
            };
            let mut line = vec![Seg::Move(e.start)];
            line.push(match e.control {
                Some(c) => Seg::Quad(c, e.end),
                None => Seg::Line(e.end),
            });
            let [tip, left, right] = e.arrow;
            items.push(Item {
                role: Role::Edge,
                title: self.edge_titles[e.edge].clone(),
                shapes: vec![
                    Shape {
                        path: line,
                        fill: None,
                        stroke: Some((colour, e.width)),
                    },
                    Shape {
                        path: vec![
                            Seg::Move(tip),
                            Seg::Line(left),
                            Seg::Line(right),
                            Seg::Close,
                        ],
                        fill: Some(colour),
                        stroke: None,
                    },
                ],
            });
        }
        for n in &scene.nodes {
            let alpha = fade(n.dimmed);
            let node = &self.graph.nodes[n.node];
            items.push(Item {
                role: Role::Node,
                title: format!("{}: {} mentions", self.names[n.node], node.mentions),
                shapes: vec![Shape {
                    path: circle(n.centre, n.radius),
                    fill: Some(Paint {
                        rgb: self.colours.get(n.node).copied().unwrap_or([140, 140, 140]),
                        alpha,
                    }),
                    stroke: Some((
                        Paint {
                            rgb: theme.outline,
                            alpha: alpha * 0.8,
                        },
                        1.0,
                    )),
                }],
            });
        }
        for l in &scene.labels {
            let alpha = fade(l.dimmed);
            let text = Paint {
                rgb: theme.text,
                alpha,
            };
            let mut shapes = Vec::new();
            if let Some((from, to)) = l.leader {
                shapes.push(Shape {
                    path: vec![Seg::Move(from), Seg::Line(to)],
                    fill: None,
                    stroke: Some((
                        Paint {
                            rgb: theme.text,
                            alpha: alpha * 0.8,
                        },
                        1.0,
                    )),
                });
            }
            shapes.push(Shape {
                path: rounded_rect(l.frame.min, l.frame.max, 3.0),
                fill: Some(Paint {
                    rgb: theme.halo,
                    alpha: theme.halo_alpha * alpha,
                }),
                stroke: None,
            });
            let label = &self.labels[l.node];
            let at = [
                l.frame.centre()[0] - label.size[0] / 2.0,
                l.frame.centre()[1] - label.size[1] / 2.0,
            ];
            shapes.push(Shape {
                path: label.outline(engine, at),
                fill: Some(text),
                stroke: None,
            });
            items.push(Item {
                role: Role::Label,
                title: self.names[l.node].clone(),
                shapes,
            });
        }
        Picture {
            size,
            background: theme.background,
            title,
            items,
        }
    }
}

/// A circle as four cubic arcs.
fn circle(c: Pt, r: f32) -> Vec<Seg> {
    const K: f32 = 0.552_284_8;
    let k = r * K;
    let [x, y] = c;
    vec![
        Seg::Move([x + r, y]),
        Seg::Cubic([x + r, y + k], [x + k, y + r], [x, y + r]),
        Seg::Cubic([x - k, y + r], [x - r, y + k], [x - r, y]),
        Seg::Cubic([x - r, y - k], [x - k, y - r], [x, y - r]),
        Seg::Cubic([x + k, y - r], [x + r, y - k], [x + r, y]),
        Seg::Close,
    ]
}

fn rounded_rect(min: Pt, max: Pt, r: f32) -> Vec<Seg> {
    let r = r.min((max[0] - min[0]) / 2.0).min((max[1] - min[1]) / 2.0);
    let (x0, y0, x1, y1) = (min[0], min[1], max[0], max[1]);
    vec![
        Seg::Move([x0 + r, y0]),
        Seg::Line([x1 - r, y0]),
        Seg::Quad([x1, y0], [x1, y0 + r]),
        Seg::Line([x1, y1 - r]),
        Seg::Quad([x1, y1], [x1 - r, y1]),
        Seg::Line([x0 + r, y1]),
        Seg::Quad([x0, y1], [x0, y1 - r]),
        Seg::Line([x0, y0 + r]),
        Seg::Quad([x0, y0], [x0 + r, y0]),
        Seg::Close,
    ]
}
