//! Where nodes sit, in graph units (a fresh layout fills [-0.5, 0.5] on both axes, origin at the
//! centre). Deterministic: the same graph always gives the same picture. Saved places are never
//! moved: a graph seen before keeps its shape, and actors that a correction adds are put next to
//! the actors they relate to, away from the others.

use super::ActorGraph;
use rustc_hash::FxHashMap;
use std::f32::consts::TAU;

/// The golden angle: successive nodes placed at multiples of it never line up.
const GOLDEN_ANGLE: f32 = 2.399_963;
/// Node pairs closer than this (graph units, for a graph of a few nodes) are pushed apart.
const MIN_SEPARATION: f32 = 0.14;

/// Places the nodes of `graph`; `pinned[i]` is node `i`'s saved place, kept as it is.
pub fn layout(graph: &ActorGraph, pinned: &[Option<[f32; 2]>]) -> Vec<[f32; 2]> {
    let n = graph.nodes.len();
    if pinned.iter().all(Option::is_none) {
        return fresh(graph);
    }
    let mut pos: Vec<[f32; 2]> = pinned.iter().map(|p| p.unwrap_or([0.0; 2])).collect();
    let mut placed: Vec<bool> = pinned.iter().map(Option::is_some).collect();
    let links = links(graph);
    let typical = typical_edge_length(&pos, &placed, &links).unwrap_or(0.25);
    // The most mentioned new actors first, each beside the placed actors it relates to.
    for i in 0..n {
        if placed[i] {
            continue;
        }
        let neighbours: Vec<[f32; 2]> = links
            .get(&i)
            .into_iter()
            .flatten()
            .filter(|(j, _)| placed[*j])
            .map(|&(j, _)| pos[j])
            .collect();
        let (centre, radius) = if neighbours.is_empty() {
            // Unrelated: on the rim of what is there.
            let (lo, hi) = bounds(&pos, &placed);
            let c = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
            (c, distance(lo, hi) / 2.0 + typical * 0.5)
        } else {
            (centroid(&neighbours), typical)
        };
        const TRIES: usize = 24;
        let start = i as f32 * GOLDEN_ANGLE;
        let ring = (0..TRIES).map(|k| {
            let a = start + k as f32 / TRIES as f32 * TAU;
            [centre[0] + radius * a.cos(), centre[1] + radius * a.sin()]
        });
        pos[i] = roomiest(ring, &pos, &placed).unwrap_or(centre);
        placed[i] = true;
    }
    pos
}

/// A layout from nothing: the related actors by forces (degree-weighted repulsion, attraction
/// along edges, gravity) from a spiral in node order; actors without any relation then go round
/// them, where there is most room (left to the forces, they would drift to the corners and squeeze
/// everything else into the middle); finally nodes that touch are pushed apart.
fn fresh(graph: &ActorGraph) -> Vec<[f32; 2]> {
    let n = graph.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![[0.0, 0.0]];
    }
    let links = links(graph);
    let mut core: Vec<usize> = (0..n).filter(|i| links.contains_key(i)).collect();
    if core.len() < 2 {
        core = (0..n).collect();
    }
    let mut pos = vec![[0.0f32; 2]; n];
    for (&i, p) in core.iter().zip(forces(&core, &links)) {
        pos[i] = p;
    }
    let mut placed = vec![false; n];
    core.iter().for_each(|&i| placed[i] = true);
    let (lo, hi) = bounds(&pos, &placed);
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let radii = [
        (hi[0] - lo[0]) / 2.0 * 1.12 + 0.08,
        (hi[1] - lo[1]) / 2.0 * 1.12 + 0.08,
    ];
    const TRIES: usize = 48;
    for i in 0..n {
        if placed[i] {
            continue;
        }
        let ring = (0..TRIES).map(|k| {
            let a = k as f32 / TRIES as f32 * TAU;
            [
                centre[0] + radii[0] * a.cos(),
                centre[1] + radii[1] * a.sin(),
            ]
        });
        pos[i] = roomiest(ring, &pos, &placed).unwrap_or(centre);
        placed[i] = true;
    }
    normalise(&mut pos);
    separate(&mut pos, MIN_SEPARATION * (12.0 / n as f32).sqrt().min(1.0));
    normalise(&mut pos);
    pos
}

/// Force-directed places for the nodes `nodes` (in that order), normalised.
fn forces(nodes: &[usize], links: &FxHashMap<usize, Vec<(usize, f32)>>) -> Vec<[f32; 2]> {
    let n = nodes.len();
    let local: FxHashMap<usize, usize> = nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let degree: Vec<f32> = nodes
        .iter()
        .map(|i| links.get(i).map_or(0, Vec::len) as f32 + 1.0)
        .collect();
    let mut pairs: Vec<(usize, usize, f32)> = nodes
        .iter()
        .enumerate()
        .flat_map(|(a, i)| {
            let local = &local;
            links
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(move |(j, w)| local.get(j).map(|&b| (a, b, *w)))
                .filter(|&(a, b, _)| a < b)
        })
        .collect();
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    let mut pos: Vec<[f32; 2]> = (0..n)
        .map(|i| {
            let r = 0.5 * ((i as f32 + 0.5) / n as f32).sqrt();
            let a = i as f32 * GOLDEN_ANGLE;
            [r * a.cos(), r * a.sin()]
        })
        .collect();
    // Quadratic in the node count: fewer steps for big graphs keep it near a fixed cost.
    let steps = (4_000_000 / (n * n)).clamp(60, 400);
    let repulsion = 0.02 / n as f32;
    let gravity = 0.6;
    for step in 0..steps {
        let heat = 0.06 * (1.0 - step as f32 / steps as f32) + 0.001;
        let mut force = vec![[0.0f32; 2]; n];
        for i in 0..n {
            for j in (i + 1)..n {
                let d = sub(pos[i], pos[j]);
                let dist2 = (d[0] * d[0] + d[1] * d[1]).max(1e-6);
                let f = repulsion * degree[i] * degree[j] / dist2;
                for axis in 0..2 {
                    force[i][axis] += d[axis] * f;
                    force[j][axis] -= d[axis] * f;
                }
            }
        }
        for &(i, j, w) in &pairs {
            let d = sub(pos[j], pos[i]);
            let f = 1.0 + w.ln();
            for axis in 0..2 {
                force[i][axis] += d[axis] * f;
                force[j][axis] -= d[axis] * f;
            }
        }
        for i in 0..n {
            for axis in 0..2 {
                force[i][axis] -= pos[i][axis] * gravity * degree[i];
            }
            let len = (force[i][0].powi(2) + force[i][1].powi(2)).sqrt();
            if len > 1e-9 {
                let step = len.min(heat);
                for axis in 0..2 {
                    pos[i][axis] += force[i][axis] / len * step;
                }
            }
        }
    }
    normalise(&mut pos);
    pos
}

/// Neighbours of each node with the weight of the link (both directions summed).
fn links(graph: &ActorGraph) -> FxHashMap<usize, Vec<(usize, f32)>> {
    let mut weights: FxHashMap<(usize, usize), f32> = FxHashMap::default();
    for e in &graph.edges {
        let key = (e.source.min(e.target), e.source.max(e.target));
        *weights.entry(key).or_default() += e.weight() as f32;
    }
    let mut keys: Vec<_> = weights.into_iter().collect();
    keys.sort_by_key(|&((a, b), _)| (a, b));
    let mut links: FxHashMap<usize, Vec<(usize, f32)>> = FxHashMap::default();
    for ((a, b), w) in keys {
        links.entry(a).or_default().push((b, w));
        links.entry(b).or_default().push((a, w));
    }
    links
}

/// The median length of edges between placed nodes.
fn typical_edge_length(
    pos: &[[f32; 2]],
    placed: &[bool],
    links: &FxHashMap<usize, Vec<(usize, f32)>>,
) -> Option<f32> {
    let mut lengths: Vec<f32> = links
        .iter()
        .flat_map(|(&i, list)| list.iter().map(move |&(j, _)| (i, j)))
        .filter(|&(i, j)| i < j && placed[i] && placed[j])
        .map(|(i, j)| distance(pos[i], pos[j]))
        .filter(|d| *d > 1e-4)
        .collect();
    lengths.sort_by(f32::total_cmp);
    lengths.get(lengths.len() / 2).map(|d| d.clamp(0.08, 0.4))
}

/// The bounding box of the placed nodes.
fn bounds(pos: &[[f32; 2]], placed: &[bool]) -> ([f32; 2], [f32; 2]) {
    let mut lo = [f32::MAX; 2];
    let mut hi = [f32::MIN; 2];
    for (p, _) in pos.iter().zip(placed).filter(|(_, &ok)| ok) {
        for axis in 0..2 {
            lo[axis] = lo[axis].min(p[axis]);
            hi[axis] = hi[axis].max(p[axis]);
        }
    }
    (lo, hi)
}

/// Of `candidates`, the one farthest from every placed node (the first of equals).
fn roomiest(
    candidates: impl Iterator<Item = [f32; 2]>,
    pos: &[[f32; 2]],
    placed: &[bool],
) -> Option<[f32; 2]> {
    candidates
        .map(|p| {
            let room = pos
                .iter()
                .zip(placed)
                .filter(|(_, &ok)| ok)
                .map(|(q, _)| distance(p, *q))
                .fold(f32::MAX, f32::min);
            (p, room)
        })
        .fold(
            None,
            |best: Option<([f32; 2], f32)>, (p, room)| match best {
                Some((_, r)) if r >= room => best,
                _ => Some((p, room)),
            },
        )
        .map(|(p, _)| p)
}

/// Pushes apart pairs of nodes closer than `min` (a few rounds; leaves the rest as it is).
fn separate(pos: &mut [[f32; 2]], min: f32) {
    let n = pos.len();
    for _ in 0..50 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let d = sub(pos[j], pos[i]);
                let dist = (d[0] * d[0] + d[1] * d[1]).sqrt();
                if dist >= min {
                    continue;
                }
                moved = true;
                // Coincident nodes part along a direction fixed by their indices.
                let dir = if dist > 1e-6 {
                    [d[0] / dist, d[1] / dist]
                } else {
                    let a = (i * 7 + j) as f32 * GOLDEN_ANGLE;
                    [a.cos(), a.sin()]
                };
                let push = (min - dist) / 2.0;
                for axis in 0..2 {
                    pos[i][axis] -= dir[axis] * push;
                    pos[j][axis] += dir[axis] * push;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Scales and centres positions into [-0.5, 0.5] on both axes (one scale for both, so the shape
/// is kept; a flat layout stays flat).
fn normalise(pos: &mut [[f32; 2]]) {
    let (lo, hi) = pos
        .iter()
        .fold(([f32::MAX; 2], [f32::MIN; 2]), |(lo, hi), p| {
            (
                [lo[0].min(p[0]), lo[1].min(p[1])],
                [hi[0].max(p[0]), hi[1].max(p[1])],
            )
        });
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    if span <= 1e-9 {
        pos.iter_mut().for_each(|p| *p = [0.0, 0.0]);
        return;
    }
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    for p in pos.iter_mut() {
        for axis in 0..2 {
            p[axis] = (p[axis] - centre[axis]) / span;
        }
    }
}

fn centroid(points: &[[f32; 2]]) -> [f32; 2] {
    let n = points.len().max(1) as f32;
    let sum = points
        .iter()
        .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
    [sum[0] / n, sum[1] / n]
}

fn sub(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    [a[0] - b[0], a[1] - b[1]]
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    let d = sub(a, b);
    (d[0] * d[0] + d[1] * d[1]).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ActorGraph;
    use std::collections::BTreeMap;

    const SAMPLE: &str = include_str!("../../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

    fn sample_graph() -> (crate::model::AnnotatedDocument, ActorGraph) {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let graph = ActorGraph::build(&doc);
        (doc, graph)
    }

    #[test]
    fn a_fresh_layout_is_deterministic_spread_and_in_the_unit_square() {
        let (_, graph) = sample_graph();
        let none = vec![None; graph.nodes.len()];
        let a = layout(&graph, &none);
        assert_eq!(a, layout(&graph, &none), "same graph, same picture");
        for p in &a {
            assert!(p.iter().all(|v| (-0.5..=0.5).contains(v)), "{p:?}");
        }
        for i in 0..a.len() {
            for j in (i + 1)..a.len() {
                assert!(distance(a[i], a[j]) > 0.05, "nodes {i} and {j} crowd");
            }
        }
    }

    #[test]
    fn saved_places_stay_and_new_actors_sit_by_their_partners() {
        let (_, graph) = sample_graph();
        let mut saved = BTreeMap::new();
        let first = graph.place(&mut saved);
        // Forget one related actor, as if a correction had just added it.
        let (i, edge) = graph
            .edges
            .iter()
            .map(|e| (e.target, e))
            .find(|(t, _)| graph.edges_of(*t).count() == 1)
            .expect("an actor with one relation");
        let newcomer = graph.nodes[i].actor.clone();
        saved.remove(&newcomer);
        let again = graph.place(&mut saved);
        for (n, (a, b)) in first.iter().zip(&again).enumerate() {
            if n != i {
                assert_eq!(a, b, "{} kept its place", graph.nodes[n].actor);
            }
        }
        let partner = again[edge.source];
        let nearest_other = again
            .iter()
            .enumerate()
            .filter(|(n, _)| *n != i)
            .map(|(_, p)| distance(*p, again[i]))
            .fold(f32::MAX, f32::min);
        assert!(
            distance(partner, again[i]) <= 0.45,
            "{newcomer} is placed near its partner"
        );
        assert!(
            nearest_other > 0.03,
            "{newcomer} does not sit on another node"
        );
        assert!(saved.contains_key(&newcomer), "its place is saved");
    }
}
