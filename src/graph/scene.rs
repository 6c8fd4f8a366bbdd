//! A picture of the graph arranged on a canvas, in points with the origin at the top left: node
//! discs sized by mentions (area by the log of the count, between fixed bounds, so a 5 MB article
//! gets the same sizes as a short one), one arrow per shown edge (width by the log of its weight;
//! curved apart when both directions are drawn), and a place for each label that avoids nodes,
//! edges, other labels and the canvas border. The app paints it, and so do the SVG and PNG writers.

use super::{ActorGraph, ShownGraph};
use crate::model::RelationType;

pub type Pt = [f32; 2];

/// Smallest and largest node radius at scale 1 (points).
pub const NODE_RADIUS: (f32, f32) = (5.0, 20.0);
/// Thinnest and thickest edge at scale 1 (points).
pub const EDGE_WIDTH: (f32, f32) = (1.2, 6.0);
/// Label font size at scale 1 (points).
pub const LABEL_FONT: f32 = 13.0;
/// Space kept between a node and its label, and between labels (points at scale 1).
const LABEL_GAP: f32 = 3.0;
/// How far out labels may go, beyond the gap (points at scale 1); the last rings get a leader line.
const LABEL_RINGS: [f32; 5] = [0.0, 9.0, 20.0, 34.0, 52.0];
/// How far (points at scale 1) a label may go from a crowded node, joined by a leader line.
const CALLOUT_REACH: f32 = 120.0;
/// Rings from this one on are joined to their node by a line.
const LEADER_RING: usize = 2;
/// The most a layout axis may be stretched beyond the other to fill the canvas.
const MAX_STRETCH: f32 = 1.8;

/// An axis-aligned box in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Frame {
    pub min: Pt,
    pub max: Pt,
}

impl Frame {
    pub fn new(min: Pt, max: Pt) -> Frame {
        Frame { min, max }
    }
    pub fn from_size(min: Pt, size: Pt) -> Frame {
        Frame::new(min, [min[0] + size[0], min[1] + size[1]])
    }
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }
    pub fn centre(&self) -> Pt {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }
    pub fn inflate(&self, by: f32) -> Frame {
        Frame::new(
            [self.min[0] - by, self.min[1] - by],
            [self.max[0] + by, self.max[1] + by],
        )
    }
    pub fn intersects(&self, other: &Frame) -> bool {
        self.min[0] < other.max[0]
            && other.min[0] < self.max[0]
            && self.min[1] < other.max[1]
            && other.min[1] < self.max[1]
    }
    pub fn contains(&self, other: &Frame) -> bool {
        self.min[0] <= other.min[0] + 0.01
            && self.min[1] <= other.min[1] + 0.01
            && other.max[0] <= self.max[0] + 0.01
            && other.max[1] <= self.max[1] + 0.01
    }
    /// The point of the box nearest to `p`.
    pub fn nearest(&self, p: Pt) -> Pt {
        [
            p[0].clamp(self.min[0], self.max[0]),
            p[1].clamp(self.min[1], self.max[1]),
        ]
    }
}

/// Where and how big the picture is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub canvas: Frame,
    pub zoom: f32,
    /// Offset of the picture from the canvas centre (points).
    pub pan: Pt,
    /// The box of graph units fitted to the canvas; `None` fits the shown nodes. Keep the last
    /// fit while a node is dragged, so the picture does not move under the pointer.
    pub bounds: Option<Frame>,
    /// Multiplies radii, widths and label sizes (1 in the app's panel).
    pub scale: f32,
}

impl View {
    pub fn new(canvas: Frame) -> View {
        View {
            canvas,
            zoom: 1.0,
            pan: [0.0, 0.0],
            bounds: None,
            scale: 1.0,
        }
    }

    /// The label font size for this view.
    pub fn label_font(&self) -> f32 {
        LABEL_FONT * self.scale
    }
}

/// The mapping from graph units to canvas points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The graph-unit box that was fitted.
    pub bounds: Frame,
    origin: Pt,
    scale: Pt,
    centre: Pt,
}

impl Fit {
    pub fn to_canvas(&self, p: Pt) -> Pt {
        [
            self.origin[0] + (p[0] - self.centre[0]) * self.scale[0],
            self.origin[1] + (p[1] - self.centre[1]) * self.scale[1],
        ]
    }
    pub fn to_graph(&self, q: Pt) -> Pt {
        [
            self.centre[0] + (q[0] - self.origin[0]) / self.scale[0],
            self.centre[1] + (q[1] - self.origin[1]) / self.scale[1],
        ]
    }
}

/// What is in focus: an actor and its neighbours, or the two ends of an edge. The rest is dimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// Per graph node.
    pub nodes: Vec<bool>,
    /// Per graph edge.
    pub edges: Vec<bool>,
    /// Labelled first, and always labelled.
    pub primary: Option<usize>,
}

impl Focus {
    /// `node`, the shown edges from and to it, and the actors at their other ends.
    pub fn on_actor(graph: &ActorGraph, shown: &ShownGraph, node: usize) -> Focus {
        let mut focus = Focus::empty(graph);
        focus.nodes[node] = true;
        focus.primary = Some(node);
        for s in &shown.edges {
            let e = &graph.edges[s.edge];
            if e.source == node || e.target == node {
                focus.edges[s.edge] = true;
                focus.nodes[e.source] = true;
                focus.nodes[e.target] = true;
            }
        }
        focus
    }

    /// One edge and its two ends.
    pub fn on_edge(graph: &ActorGraph, edge: usize) -> Focus {
        let mut focus = Focus::empty(graph);
        let e = &graph.edges[edge];
        focus.edges[edge] = true;
        focus.nodes[e.source] = true;
        focus.nodes[e.target] = true;
        focus.primary = Some(e.source);
        focus
    }

    /// A group of actors (a statement's speaker and targets) and the shown edges among them.
    pub fn on_group(graph: &ActorGraph, shown: &ShownGraph, nodes: &[usize]) -> Focus {
        let mut focus = Focus::empty(graph);
        for &n in nodes {
            focus.nodes[n] = true;
        }
        for s in &shown.edges {
            let e = &graph.edges[s.edge];
            if focus.nodes[e.source] && focus.nodes[e.target] {
                focus.edges[s.edge] = true;
            }
        }
        focus.primary = nodes.first().copied();
        focus
    }

    fn empty(graph: &ActorGraph) -> Focus {
        Focus {
            nodes: vec![false; graph.nodes.len()],
            edges: vec![false; graph.edges.len()],
            primary: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// Index into the graph's nodes.
    pub node: usize,
    pub centre: Pt,
    pub radius: f32,
    pub dimmed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    /// Index into the graph's edges.
    pub edge: usize,
    /// Where the line leaves the source's disc.
    pub start: Pt,
    /// The control point of a curved edge (a quadratic Bézier); `None` for a straight one.
    pub control: Option<Pt>,
    /// Where the line stops, under the arrow head.
    pub end: Pt,
    /// The arrow head: its tip (on the target's disc) and the two corners of its base.
    pub arrow: [Pt; 3],
    pub width: f32,
    /// The heaviest shown type, which gives the colour.
    pub kind: RelationType,
    /// Shown weight.
    pub weight: usize,
    pub dimmed: bool,
}

impl SceneEdge {
    /// The drawn line as a polyline (for hit tests and obstacle checks).
    pub fn points(&self) -> Vec<Pt> {
        match self.control {
            None => vec![self.start, self.end],
            Some(c) => (0..=12)
                .map(|k| {
                    let t = k as f32 / 12.0;
                    let u = 1.0 - t;
                    [
                        u * u * self.start[0] + 2.0 * u * t * c[0] + t * t * self.end[0],
                        u * u * self.start[1] + 2.0 * u * t * c[1] + t * t * self.end[1],
                    ]
                })
                .collect(),
        }
    }

    /// Distance from `p` to the line (arrow included).
    pub fn distance(&self, p: Pt) -> f32 {
        let mut points = self.points();
        points.push(self.arrow[0]);
        points
            .windows(2)
            .map(|w| segment_distance(p, w[0], w[1]))
            .fold(f32::MAX, f32::min)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneLabel {
    pub node: usize,
    /// The label's box (text plus a small margin).
    pub frame: Frame,
    /// A line from the node's rim to the label, when the label had to go farther out.
    pub leader: Option<(Pt, Pt)>,
    pub dimmed: bool,
}

/// Everything needed to draw the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub fit: Fit,
    /// Shown nodes, in graph order.
    pub nodes: Vec<SceneNode>,
    pub edges: Vec<SceneEdge>,
    /// Placed labels, in the order they were placed (focus first, then by size).
    pub labels: Vec<SceneLabel>,
    /// Nodes whose label found no free place (shown on hover instead).
    pub unlabelled: Vec<usize>,
}

impl Scene {
    /// The shown node at `p`, the topmost (last drawn) first.
    pub fn node_at(&self, p: Pt) -> Option<usize> {
        self.nodes
            .iter()
            .rev()
            .find(|n| distance(n.centre, p) <= n.radius + 2.0)
            .map(|n| n.node)
    }

    /// The shown edge nearest to `p`, if within `reach` points.
    pub fn edge_at(&self, p: Pt, reach: f32) -> Option<usize> {
        self.edges
            .iter()
            .map(|e| (e.edge, e.distance(p) - e.width / 2.0))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(e, _)| e)
    }

    pub fn scene_node(&self, node: usize) -> Option<&SceneNode> {
        self.nodes.iter().find(|n| n.node == node)
    }
}

/// A node's radius: area grows with the log of its mentions, from the smallest bound (a single
/// mention) to the largest (the most mentioned actor of the graph).
pub fn node_radius(mentions: usize, most: usize, scale: f32) -> f32 {
    let (lo, hi) = NODE_RADIUS;
    let share = if most <= 1 {
        0.0
    } else {
        ((1.0 + mentions as f32).ln() - 2f32.ln()).max(0.0) / ((1.0 + most as f32).ln() - 2f32.ln())
    };
    let area = lo * lo + (hi * hi - lo * lo) * share.clamp(0.0, 1.0);
    area.sqrt() * scale
}

/// An edge's width: grows with the log of its weight, up to the heaviest edge (or 8, whichever is
/// more, so that a few light edges stay thin).
pub fn edge_width(weight: usize, heaviest: usize, scale: f32) -> f32 {
    let (lo, hi) = EDGE_WIDTH;
    let top = (heaviest.max(8) as f32).ln();
    let share = (weight.max(1) as f32).ln() / top;
    (lo + (hi - lo) * share.clamp(0.0, 1.0)) * scale
}

/// Arranges the shown part of `graph` on the view's canvas. `positions` are in graph units (one
/// per graph node); `label_sizes` are the measured text sizes of each node's label (points).
pub fn arrange(
    graph: &ActorGraph,
    shown: &ShownGraph,
    positions: &[Pt],
    focus: Option<&Focus>,
    label_sizes: &[Pt],
    view: &View,
) -> Scene {
    let scale = view.scale;
    let most = graph.nodes.iter().map(|n| n.mentions).max().unwrap_or(1);
    let radius = |n: usize| node_radius(graph.nodes[n].mentions, most, scale);
    let fit = fit(shown, positions, view, NODE_RADIUS.1 * scale);
    let dimmed_node = |n: usize| focus.is_some_and(|f| !f.nodes[n]);
    let nodes: Vec<SceneNode> = shown
        .nodes
        .iter()
        .map(|&n| SceneNode {
            node: n,
            centre: fit.to_canvas(positions[n]),
            radius: radius(n),
            dimmed: dimmed_node(n),
        })
        .collect();
    let at: Vec<Option<usize>> = {
        let mut at = vec![None; graph.nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            at[n.node] = Some(i);
        }
        at
    };
    let heaviest = graph.edges.iter().map(|e| e.weight()).max().unwrap_or(1);
    let shown_pairs: rustc_hash::FxHashSet<(usize, usize)> = shown
        .edges
        .iter()
        .map(|s| (graph.edges[s.edge].source, graph.edges[s.edge].target))
        .collect();
    let edges: Vec<SceneEdge> = shown
        .edges
        .iter()
        .filter_map(|s| {
            let e = &graph.edges[s.edge];
            let (a, b) = (&nodes[at[e.source]?], &nodes[at[e.target]?]);
            let width = edge_width(s.weight, heaviest, scale);
            let both_ways = shown_pairs.contains(&(e.target, e.source));
            let (start, control, end, arrow) = edge_geometry(a, b, width, both_ways, scale);
            Some(SceneEdge {
                edge: s.edge,
                start,
                control,
                end,
                arrow,
                width,
                kind: s.types[0].kind,
                weight: s.weight,
                dimmed: focus.is_some_and(|f| !f.edges[s.edge]),
            })
        })
        .collect();
    let (labels, unlabelled) = place_labels(&nodes, &edges, focus, label_sizes, view);
    Scene {
        fit,
        nodes,
        edges,
        labels,
        unlabelled,
    }
}

/// Fits the shown nodes' box (or the view's frozen one) into the canvas, less a margin for the
/// biggest disc; zoom and pan apply on top.
fn fit(shown: &ShownGraph, positions: &[Pt], view: &View, margin: f32) -> Fit {
    let bounds = view.bounds.unwrap_or_else(|| {
        let mut lo = [f32::MAX; 2];
        let mut hi = [f32::MIN; 2];
        for &n in &shown.nodes {
            for axis in 0..2 {
                lo[axis] = lo[axis].min(positions[n][axis]);
                hi[axis] = hi[axis].max(positions[n][axis]);
            }
        }
        if lo[0] > hi[0] {
            Frame::new([-0.5, -0.5], [0.5, 0.5])
        } else {
            Frame::new(lo, hi)
        }
    });
    let inner = view.canvas.inflate(-(margin + 6.0 * view.scale));
    let (w, h) = (inner.width().max(1.0), inner.height().max(1.0));
    let (bw, bh) = (bounds.width(), bounds.height());
    let mut sx = if bw > 1e-6 { w / bw } else { f32::MAX };
    let mut sy = if bh > 1e-6 { h / bh } else { f32::MAX };
    if sx == f32::MAX && sy == f32::MAX {
        sx = w.min(h);
        sy = sx;
    }
    // Fill the canvas, but never stretch one axis more than MAX_STRETCH times the other.
    let small = sx.min(sy);
    sx = sx.min(small * MAX_STRETCH);
    sy = sy.min(small * MAX_STRETCH);
    let c = view.canvas.centre();
    Fit {
        bounds,
        origin: [c[0] + view.pan[0], c[1] + view.pan[1]],
        scale: [sx * view.zoom, sy * view.zoom],
        centre: bounds.centre(),
    }
}

type EdgeGeometry = (Pt, Option<Pt>, Pt, [Pt; 3]);

/// The line of an edge from rim to rim, bowed to its right when the opposite edge is drawn too.
fn edge_geometry(
    a: &SceneNode,
    b: &SceneNode,
    width: f32,
    both_ways: bool,
    scale: f32,
) -> EdgeGeometry {
    let d = sub(b.centre, a.centre);
    let len = norm(d).max(1e-3);
    let dir = [d[0] / len, d[1] / len];
    let normal = [-dir[1], dir[0]];
    let control = both_ways.then(|| {
        let bend = (len * 0.18).min(28.0 * scale);
        let mid = [
            (a.centre[0] + b.centre[0]) / 2.0,
            (a.centre[1] + b.centre[1]) / 2.0,
        ];
        [mid[0] + normal[0] * bend, mid[1] + normal[1] * bend]
    });
    let toward_a = control.unwrap_or(b.centre);
    let toward_b = control.unwrap_or(a.centre);
    let start = along(a.centre, toward_a, a.radius + 1.0);
    let tip = along(b.centre, toward_b, b.radius + 1.5);
    let t = unit(sub(tip, toward_b));
    let head = (6.0 + 1.3 * width).min(len * 0.4).max(3.0);
    let base = [tip[0] - t[0] * head, tip[1] - t[1] * head];
    let n = [-t[1], t[0]];
    let half = head * 0.45;
    let arrow = [
        tip,
        [base[0] + n[0] * half, base[1] + n[1] * half],
        [base[0] - n[0] * half, base[1] - n[1] * half],
    ];
    let end = [tip[0] - t[0] * head * 0.7, tip[1] - t[1] * head * 0.7];
    (start, control, end, arrow)
}

/// What a label candidate would run into.
enum Obstacle {
    Disc {
        centre: Pt,
        radius: f32,
    },
    Line {
        a: Pt,
        b: Pt,
        half_width: f32,
        edge: usize,
    },
    Label(Frame),
    /// The line from a node to its label, which no other label may cover.
    Leader {
        a: Pt,
        b: Pt,
    },
    /// Taken away (a label that moved).
    Gone,
}

/// A uniform grid over the canvas, so each candidate is checked only against what lies near it.
struct Obstacles {
    items: Vec<Obstacle>,
    cells: Vec<Vec<u32>>,
    origin: Pt,
    cell: f32,
    cols: usize,
    rows: usize,
    /// Per item: the query that last saw it (so an item in several cells counts once).
    seen: Vec<u32>,
    query: u32,
}

impl Obstacles {
    fn new(canvas: Frame, cell: f32) -> Obstacles {
        let cols = ((canvas.width() / cell).ceil() as usize).clamp(1, 512);
        let rows = ((canvas.height() / cell).ceil() as usize).clamp(1, 512);
        Obstacles {
            items: Vec::new(),
            cells: vec![Vec::new(); cols * rows],
            origin: canvas.min,
            cell,
            cols,
            rows,
            seen: Vec::new(),
            query: 0,
        }
    }

    fn cells_of(&self, frame: &Frame) -> impl Iterator<Item = usize> + '_ {
        let col = |x: f32| {
            (((x - self.origin[0]) / self.cell).floor().max(0.0) as usize).min(self.cols - 1)
        };
        let row = |y: f32| {
            (((y - self.origin[1]) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
        };
        let (c0, c1) = (col(frame.min[0]), col(frame.max[0]));
        let (r0, r1) = (row(frame.min[1]), row(frame.max[1]));
        (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * self.cols + c))
    }

    /// Adds an obstacle; returns its id.
    fn add(&mut self, item: Obstacle) -> usize {
        let frame = match &item {
            Obstacle::Disc { centre, radius } => Frame::new(*centre, *centre).inflate(*radius),
            Obstacle::Line {
                a, b, half_width, ..
            } => Frame::new(
                [a[0].min(b[0]), a[1].min(b[1])],
                [a[0].max(b[0]), a[1].max(b[1])],
            )
            .inflate(*half_width),
            Obstacle::Label(f) => *f,
            Obstacle::Leader { a, b } => Frame::new(
                [a[0].min(b[0]), a[1].min(b[1])],
                [a[0].max(b[0]), a[1].max(b[1])],
            ),
            Obstacle::Gone => return self.items.len(),
        };
        let id = self.items.len() as u32;
        let cells: Vec<usize> = self.cells_of(&frame).collect();
        for c in cells {
            self.cells[c].push(id);
        }
        self.items.push(item);
        self.seen.push(0);
        id as usize
    }

    fn remove(&mut self, id: usize) {
        if let Some(item) = self.items.get_mut(id) {
            *item = Obstacle::Gone;
        }
    }

    /// Ids of the label boxes that overlap `frame`.
    fn labels_in(&mut self, frame: &Frame) -> Vec<usize> {
        self.query += 1;
        let query = self.query;
        let mut found = Vec::new();
        let cells: Vec<usize> = self.cells_of(frame).collect();
        for c in cells {
            for &id in &self.cells[c] {
                let id = id as usize;
                if self.seen[id] != query {
                    self.seen[id] = query;
                    if matches!(&self.items[id], Obstacle::Label(f) if f.intersects(frame)) {
                        found.push(id);
                    }
                }
            }
        }
        found
    }

    /// The cost of putting a label at `frame`: other labels and discs (forbidding), and each edge
    /// crossed (bad).
    fn cost(&mut self, frame: &Frame) -> f32 {
        self.query += 1;
        let query = self.query;
        let mut cost = 0.0;
        let mut crossed: Vec<usize> = Vec::new();
        let cells: Vec<usize> = self.cells_of(frame).collect();
        for c in cells {
            for &id in &self.cells[c] {
                let id = id as usize;
                if self.seen[id] == query {
                    continue;
                }
                self.seen[id] = query;
                match &self.items[id] {
                    Obstacle::Label(f) => {
                        if f.intersects(frame) {
                            cost += LABEL_CLASH;
                        }
                    }
                    Obstacle::Disc { centre, radius } => {
                        if distance(frame.nearest(*centre), *centre) < *radius {
                            cost += LABEL_CLASH;
                        }
                    }
                    Obstacle::Line {
                        a,
                        b,
                        half_width,
                        edge,
                    } => {
                        if !crossed.contains(edge)
                            && segment_hits_frame(*a, *b, &frame.inflate(*half_width))
                        {
                            crossed.push(*edge);
                            cost += 60.0;
                        }
                    }
                    Obstacle::Leader { a, b } => {
                        if segment_hits_frame(*a, *b, frame) {
                            cost += LABEL_CLASH;
                        }
                    }
                    Obstacle::Gone => {}
                }
            }
        }
        cost
    }

    /// The cost of a leader line from `a` (on the rim of the node at `own`) to `b`: it may not
    /// pass under a label or over another node.
    fn leader_cost(&mut self, a: Pt, b: Pt, own: Pt) -> f32 {
        self.query += 1;
        let query = self.query;
        let bounds = Frame::new(
            [a[0].min(b[0]), a[1].min(b[1])],
            [a[0].max(b[0]), a[1].max(b[1])],
        );
        let mut cost = 0.0;
        let cells: Vec<usize> = self.cells_of(&bounds).collect();
        for c in cells {
            for &id in &self.cells[c] {
                let id = id as usize;
                if self.seen[id] == query {
                    continue;
                }
                self.seen[id] = query;
                match &self.items[id] {
                    Obstacle::Label(f) if segment_hits_frame(a, b, f) => cost += LABEL_CLASH,
                    Obstacle::Disc { centre, radius }
                        if *centre != own && segment_distance(*centre, a, b) < *radius =>
                    {
                        cost += LABEL_CLASH
                    }
                    _ => {}
                }
            }
        }
        cost
    }
}

/// A candidate that covers another label or a node costs at least this much.
const LABEL_CLASH: f32 = 10_000.0;

/// Label places, greedily in order of importance (focus, then bigger nodes): around each node at
/// growing distances in twelve directions, pulled inside the canvas, the cheapest kept; when all
/// of those are taken, anywhere within reach, with a leader line. A label that still finds no
/// room may move one label in its way elsewhere. Labels that can only go over another label or a
/// node are left out (except the focused actor's).
fn place_labels(
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    focus: Option<&Focus>,
    label_sizes: &[Pt],
    view: &View,
) -> (Vec<SceneLabel>, Vec<usize>) {
    let scale = view.scale;
    let mut placer = Placer {
        obstacles: Obstacles::new(view.canvas, 40.0 * scale),
        canvas: view.canvas.inflate(-2.0 * scale),
        scale,
    };
    for n in nodes {
        placer.obstacles.add(Obstacle::Disc {
            centre: n.centre,
            radius: n.radius + 1.5 * scale,
        });
    }
    for e in edges {
        let mut points = e.points();
        points.push(e.arrow[0]);
        for w in points.windows(2) {
            placer.obstacles.add(Obstacle::Line {
                a: w[0],
                b: w[1],
                half_width: e.width / 2.0 + scale,
                edge: e.edge,
            });
        }
    }
    let mut order: Vec<&SceneNode> = nodes.iter().collect();
    let rank = |n: &SceneNode| -> u8 {
        match focus {
            Some(f) if f.primary == Some(n.node) => 0,
            Some(f) if f.nodes[n.node] => 1,
            Some(_) => 2,
            None => 1,
        }
    };
    order.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(b.radius.total_cmp(&a.radius))
            .then(a.node.cmp(&b.node))
    });
    let pad = 2.0 * scale;
    let size_of = |n: &SceneNode| {
        let [w, h] = label_sizes.get(n.node).copied().unwrap_or([0.0, 0.0]);
        [w + 2.0 * pad, h]
    };
    let mut placed: Vec<Placed> = Vec::new();
    let mut unlabelled = Vec::new();
    for n in order {
        let size = size_of(n);
        if size[0] <= 2.0 * pad {
            continue;
        }
        let best = placer.best(n, size);
        let primary = focus.is_some_and(|f| f.primary == Some(n.node));
        match best {
            Some(spot) if spot.cost < LABEL_CLASH || primary => {
                placed.push(placer.commit(n, spot));
            }
            _ => match placer.make_room(n, size, &mut placed, |k| size_of(k)) {
                Some(spot) => placed.push(placer.commit(n, spot)),
                None => unlabelled.push(n.node),
            },
        }
    }
    let labels = placed
        .into_iter()
        .map(|p| SceneLabel {
            node: p.node.node,
            frame: p.spot.frame,
            leader: leader(p.node, &p.spot.frame, p.spot.ring),
            dimmed: p.node.dimmed,
        })
        .collect();
    (labels, unlabelled)
}

/// A candidate place for a label.
#[derive(Debug, Clone, Copy)]
struct Spot {
    cost: f32,
    frame: Frame,
    ring: usize,
}

/// A placed label and the obstacles it added (its box, and its leader line if any).
struct Placed<'n> {
    node: &'n SceneNode,
    spot: Spot,
    obstacles: Vec<usize>,
}

/// Finds label places among the obstacles.
struct Placer {
    obstacles: Obstacles,
    canvas: Frame,
    scale: f32,
}

/// Below first (the usual place), then beside, above, and every 30° between: (x, y, preference).
const DIRECTIONS: [(f32, f32, f32); 12] = [
    (0.0, 1.0, 0.0),
    (1.0, 0.0, 2.0),
    (-1.0, 0.0, 2.0),
    (0.0, -1.0, 4.0),
    (0.5, 0.866, 5.0),
    (-0.5, 0.866, 5.0),
    (0.866, 0.5, 5.0),
    (-0.866, 0.5, 5.0),
    (0.866, -0.5, 6.0),
    (-0.866, -0.5, 6.0),
    (0.5, -0.866, 6.0),
    (-0.5, -0.866, 6.0),
];

impl Placer {
    /// The places around `n`, ring by ring (before any cost is known).
    fn around(&self, n: &SceneNode, size: Pt) -> Vec<(Frame, usize, f32)> {
        let mut out = Vec::with_capacity(LABEL_RINGS.len() * DIRECTIONS.len());
        for (ring, extra) in LABEL_RINGS.iter().enumerate() {
            for &(ux, uy, preference) in &DIRECTIONS {
                let reach = n.radius + (LABEL_GAP + extra) * self.scale;
                let anchor = [n.centre[0] + ux * reach, n.centre[1] + uy * reach];
                let align = |u: f32| (u * 1.5).clamp(-1.0, 1.0);
                let min = [
                    anchor[0] - size[0] * (1.0 - align(ux)) / 2.0,
                    anchor[1] - size[1] * (1.0 - align(uy)) / 2.0,
                ];
                let wanted = Frame::from_size(min, size);
                let frame = pull_inside(wanted, &self.canvas);
                let shift = distance(frame.min, wanted.min);
                out.push((frame, ring, shift * 4.0 + ring as f32 * 30.0 + preference));
            }
        }
        out
    }

    fn cost(&mut self, n: &SceneNode, frame: &Frame, ring: usize) -> f32 {
        self.obstacles.cost(&frame.inflate(-0.5 * self.scale))
            + leader_cost(&mut self.obstacles, n, frame, ring)
    }

    /// The cheapest place for a label of `size` at `n`: the nearest ring with a free place, else
    /// anywhere within reach.
    fn best(&mut self, n: &SceneNode, size: Pt) -> Option<Spot> {
        let mut best: Option<Spot> = None;
        let mut last_ring = 0;
        for (frame, ring, extra) in self.around(n, size) {
            // A free place in a ring beats any farther one.
            if ring != last_ring && best.is_some_and(|b| b.cost < 68.0 + last_ring as f32 * 30.0) {
                break;
            }
            last_ring = ring;
            let cost = self.cost(n, &frame, ring) + extra;
            if best.is_none_or(|b| cost < b.cost) {
                best = Some(Spot { cost, frame, ring });
            }
        }
        if best.is_none_or(|b| b.cost >= LABEL_CLASH) {
            // Crowded all round: look farther, anywhere near, for a place joined by a line.
            let step = 8.0 * self.scale;
            let steps = (CALLOUT_REACH * self.scale / step) as i32;
            for j in -steps..=steps {
                for i in -steps..=steps {
                    let centre = [n.centre[0] + i as f32 * step, n.centre[1] + j as f32 * step];
                    let wanted = Frame::from_size(
                        [centre[0] - size[0] / 2.0, centre[1] - size[1] / 2.0],
                        size,
                    );
                    let frame = pull_inside(wanted, &self.canvas);
                    let cost = self.cost(n, &frame, LEADER_RING)
                        + distance(frame.nearest(n.centre), n.centre) * 4.0
                        + LABEL_RINGS.len() as f32 * 30.0;
                    if best.is_none_or(|b| cost < b.cost) {
                        best = Some(Spot {
                            cost,
                            frame,
                            ring: LEADER_RING,
                        });
                    }
                }
            }
        }
        best
    }

    /// Adds a label's box (and leader line) to the obstacles.
    fn commit<'n>(&mut self, n: &'n SceneNode, spot: Spot) -> Placed<'n> {
        let mut obstacles = vec![self.obstacles.add(Obstacle::Label(
            spot.frame.inflate(LABEL_GAP * self.scale / 2.0),
        ))];
        if let Some((a, b)) = leader(n, &spot.frame, spot.ring) {
            obstacles.push(self.obstacles.add(Obstacle::Leader { a, b }));
        }
        Placed {
            node: n,
            spot,
            obstacles,
        }
    }

    /// A place for `n`'s label that only one placed label is in the way of, with that label moved
    /// to a place of its own; `None` when no such pair of places exists.
    fn make_room<'n>(
        &mut self,
        n: &SceneNode,
        size: Pt,
        placed: &mut [Placed<'n>],
        size_of: impl Fn(&SceneNode) -> Pt,
    ) -> Option<Spot> {
        for (frame, ring, extra) in self.around(n, size).into_iter().take(DIRECTIONS.len() * 3) {
            let in_way = self.obstacles.labels_in(&frame.inflate(-0.5 * self.scale));
            let [only] = in_way[..] else {
                continue;
            };
            let Some(k) = placed.iter().position(|p| p.obstacles[0] == only) else {
                continue;
            };
            let old = std::mem::take(&mut placed[k].obstacles);
            old.iter().for_each(|&id| self.obstacles.remove(id));
            let cost = self.cost(n, &frame, ring) + extra;
            if cost < LABEL_CLASH {
                // Hold this place while the other label looks for a new one.
                let held = self.commit(n, Spot { cost, frame, ring });
                let other = placed[k].node;
                let moved = self
                    .best(other, size_of(other))
                    .filter(|s| s.cost < LABEL_CLASH);
                held.obstacles
                    .iter()
                    .for_each(|&id| self.obstacles.remove(id));
                if let Some(spot) = moved {
                    placed[k] = self.commit(other, spot);
                    return Some(Spot { cost, frame, ring });
                }
            }
            // No luck: put the other label back.
            let back = placed[k].spot;
            let other = placed[k].node;
            placed[k] = self.commit(other, back);
        }
        None
    }
}

/// The line joining a label placed in `ring` (or pushed away from its node) to the node's rim.
fn leader(n: &SceneNode, frame: &Frame, ring: usize) -> Option<(Pt, Pt)> {
    let to = frame.nearest(n.centre);
    let far = ring >= LEADER_RING || distance(to, n.centre) > n.radius + LEADER_RING as f32 * 8.0;
    far.then(|| (along(n.centre, to, n.radius), to))
}

/// What the leader line a label at `frame` would need costs.
fn leader_cost(obstacles: &mut Obstacles, n: &SceneNode, frame: &Frame, ring: usize) -> f32 {
    leader(n, frame, ring).map_or(0.0, |(a, b)| obstacles.leader_cost(a, b, n.centre))
}

/// Moves `frame` the least distance that puts it inside `canvas` (if it fits).
fn pull_inside(frame: Frame, canvas: &Frame) -> Frame {
    let mut dx = 0.0;
    let mut dy = 0.0;
    if frame.min[0] < canvas.min[0] {
        dx = canvas.min[0] - frame.min[0];
    } else if frame.max[0] > canvas.max[0] {
        dx = (canvas.max[0] - frame.max[0]).max(canvas.min[0] - frame.min[0]);
    }
    if frame.min[1] < canvas.min[1] {
        dy = canvas.min[1] - frame.min[1];
    } else if frame.max[1] > canvas.max[1] {
        dy = (canvas.max[1] - frame.max[1]).max(canvas.min[1] - frame.min[1]);
    }
    Frame::new(
        [frame.min[0] + dx, frame.min[1] + dy],
        [frame.max[0] + dx, frame.max[1] + dy],
    )
}

/// Whether the segment `a`–`b` passes through the box (Liang–Barsky clipping).
fn segment_hits_frame(a: Pt, b: Pt, f: &Frame) -> bool {
    let d = sub(b, a);
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (p, q) in [
        (-d[0], a[0] - f.min[0]),
        (d[0], f.max[0] - a[0]),
        (-d[1], a[1] - f.min[1]),
        (d[1], f.max[1] - a[1]),
    ] {
        if p.abs() < 1e-9 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

fn segment_distance(p: Pt, a: Pt, b: Pt) -> f32 {
    let ab = sub(b, a);
    let len2 = (ab[0] * ab[0] + ab[1] * ab[1]).max(1e-9);
    let ap = sub(p, a);
    let t = ((ap[0] * ab[0] + ap[1] * ab[1]) / len2).clamp(0.0, 1.0);
    distance(p, [a[0] + ab[0] * t, a[1] + ab[1] * t])
}

/// The point at `reach` from `from` toward `to`.
fn along(from: Pt, to: Pt, reach: f32) -> Pt {
    let u = unit(sub(to, from));
    [from[0] + u[0] * reach, from[1] + u[1] * reach]
}

fn unit(v: Pt) -> Pt {
    let len = norm(v);
    if len < 1e-9 {
        [1.0, 0.0]
    } else {
        [v[0] / len, v[1] / len]
    }
}

fn norm(v: Pt) -> f32 {
    (v[0] * v[0] + v[1] * v[1]).sqrt()
}

fn sub(a: Pt, b: Pt) -> Pt {
    [a[0] - b[0], a[1] - b[1]]
}

fn distance(a: Pt, b: Pt) -> f32 {
    norm(sub(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ActorGraph, GraphFilter};
    use std::collections::BTreeMap;

    const SAMPLE: &str = include_str!("../../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

    #[test]
    fn node_sizes_are_bounded_and_grow_with_mentions() {
        let r = |m| node_radius(m, 18_000, 1.0);
        assert!((r(1) - NODE_RADIUS.0).abs() < 1e-3);
        assert!((r(18_000) - NODE_RADIUS.1).abs() < 1e-3);
        assert!(r(1) < r(10) && r(10) < r(100) && r(100) < r(18_000));
        assert!(node_radius(usize::MAX / 2, usize::MAX / 2, 1.0) <= NODE_RADIUS.1 + 1e-3);
        assert!(edge_width(5_000, 5_000, 1.0) <= EDGE_WIDTH.1 + 1e-3);
        assert!((edge_width(1, 3, 1.0) - EDGE_WIDTH.0).abs() < 1e-3);
    }

    #[test]
    fn segments_and_boxes() {
        let f = Frame::new([0.0, 0.0], [10.0, 10.0]);
        assert!(segment_hits_frame([-5.0, 5.0], [15.0, 5.0], &f));
        assert!(segment_hits_frame([2.0, 2.0], [3.0, 3.0], &f));
        assert!(!segment_hits_frame([-5.0, -5.0], [-1.0, 20.0], &f));
        assert!(!segment_hits_frame([11.0, 0.0], [20.0, 10.0], &f));
        let inside = pull_inside(Frame::new([-3.0, 8.0], [2.0, 12.0]), &f);
        assert_eq!(inside, Frame::new([0.0, 6.0], [5.0, 10.0]));
    }

    /// The sample in a panel-sized canvas, labels measured roughly as 7 points per character.
    fn sample_scene(canvas: Frame) -> (ActorGraph, Scene) {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let graph = ActorGraph::build(&doc);
        let positions = graph.place(&mut BTreeMap::new());
        let shown = graph.shown(&GraphFilter::default());
        let sizes: Vec<Pt> = graph
            .nodes
            .iter()
            .map(|n| [n.actor.len() as f32 * 7.0 + 20.0, 18.0])
            .collect();
        let scene = arrange(&graph, &shown, &positions, None, &sizes, &View::new(canvas));
        (graph, scene)
    }

    #[test]
    fn labels_avoid_each_other_nodes_and_the_border() {
        let canvas = Frame::new([0.0, 0.0], [440.0, 320.0]);
        let (graph, scene) = sample_scene(canvas);
        assert_eq!(scene.nodes.len(), graph.nodes.len());
        assert!(
            scene.unlabelled.is_empty(),
            "every label placed: {:?}",
            scene.unlabelled
        );
        for (i, a) in scene.labels.iter().enumerate() {
            assert!(canvas.contains(&a.frame), "{:?} inside", a.frame);
            for b in &scene.labels[i + 1..] {
                assert!(!a.frame.intersects(&b.frame), "{a:?} and {b:?} overlap");
            }
            for n in &scene.nodes {
                let gap = distance(a.frame.nearest(n.centre), n.centre);
                assert!(
                    gap >= n.radius,
                    "label of {} covers node {}",
                    a.node,
                    n.node
                );
            }
        }
        let crossings: usize = scene
            .labels
            .iter()
            .map(|l| {
                scene
                    .edges
                    .iter()
                    .filter(|e| {
                        e.points()
                            .windows(2)
                            .any(|w| segment_hits_frame(w[0], w[1], &l.frame.inflate(-1.0)))
                    })
                    .count()
            })
            .sum();
        eprintln!(
            "label-edge crossings: {crossings} for {} labels",
            scene.labels.len()
        );
        assert!(crossings <= scene.labels.len() / 3, "{crossings} crossings");
    }

    #[test]
    fn a_pair_linked_both_ways_gets_two_curves() {
        let canvas = Frame::new([0.0, 0.0], [600.0, 400.0]);
        let (graph, scene) = sample_scene(canvas);
        let pair = scene.edges.iter().find(|e| {
            let g = &graph.edges[e.edge];
            scene.edges.iter().any(|o| {
                graph.edges[o.edge].source == g.target && graph.edges[o.edge].target == g.source
            })
        });
        let e = pair.expect("the sample has a pair linked both ways");
        assert!(e.control.is_some(), "curved");
        let g = &graph.edges[e.edge];
        let back = scene
            .edges
            .iter()
            .find(|o| {
                graph.edges[o.edge].source == g.target && graph.edges[o.edge].target == g.source
            })
            .expect("the other direction");
        let (p, q) = (e.points()[6], back.points()[6]);
        assert!(distance(p, q) > 4.0, "the two directions are drawn apart");
    }
}
