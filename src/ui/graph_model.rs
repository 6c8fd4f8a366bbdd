//! The actor-relationship graph as data: which actors are nodes, which relations are edges, and
//! where each node sits. No egui here, so layout is testable and the same article always gives
//! the same picture.

use crate::model::{AnnotatedDocument, RelationType};
use std::collections::BTreeMap;

/// One top-level actor (persons rolled up into it).
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    pub actor: String,
    pub mentions: usize,
}

/// All relations of one type from one node to another.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub source: usize,
    pub target: usize,
    pub kind: RelationType,
    /// Index into the document's relations.
    pub relation: usize,
    /// Statements plus narrator evidence behind it.
    pub weight: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

impl ActorGraph {
    /// Nodes are the top-level actors that are mentioned or related; edges are the relations.
    pub fn build(doc: &AnnotatedDocument) -> ActorGraph {
        let mut mentions: BTreeMap<String, usize> = BTreeMap::new();
        for m in &doc.mentions {
            *mentions.entry(doc.top_level(&m.actor)).or_default() += 1;
        }
        for r in &doc.relations {
            mentions.entry(r.source.clone()).or_default();
            mentions.entry(r.target.clone()).or_default();
        }
        // Most mentioned first, then by id: a stable order for layout and lists.
        let mut nodes: Vec<GraphNode> = mentions
            .into_iter()
            .map(|(actor, mentions)| GraphNode { actor, mentions })
            .collect();
        nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.actor.cmp(&b.actor)));
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.actor.as_str(), i))
            .collect();
        let edges = doc
            .relations
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                Some(GraphEdge {
                    source: *index.get(r.source.as_str())?,
                    target: *index.get(r.target.as_str())?,
                    kind: r.kind,
                    relation: i,
                    weight: r.statements.len().max(r.evidence.len()).max(1),
                })
            })
            .collect();
        ActorGraph { nodes, edges }
    }

    pub fn node_of(&self, actor: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.actor == actor)
    }

    /// Node positions in a unit square centred on 0, from a fixed start and a fixed number of
    /// force-directed steps: deterministic, and quick for a few dozen nodes.
    pub fn layout(&self) -> Vec<[f32; 2]> {
        let n = self.nodes.len();
        if n == 0 {
            return Vec::new();
        }
        // Start on a circle, most mentioned first, then let springs (edges), repulsion (all
        // pairs) and a pull to the centre settle it (Fruchterman-Reingold with gravity).
        let mut pos: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let angle = i as f32 / n as f32 * std::f32::consts::TAU;
                [0.5 * angle.cos(), 0.5 * angle.sin()]
            })
            .collect();
        let k = 1.0 / (n as f32).sqrt();
        let mut pairs: Vec<(usize, usize)> = self
            .edges
            .iter()
            .filter(|e| e.source != e.target)
            .map(|e| (e.source.min(e.target), e.source.max(e.target)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let steps = 300;
        for step in 0..steps {
            let temperature = 0.1 * (1.0 - step as f32 / steps as f32) + 0.002;
            let mut shift = vec![[0.0f32; 2]; n];
            for i in 0..n {
                for j in (i + 1)..n {
                    let d = [pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]];
                    let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
                    let push = k * k / dist;
                    for axis in 0..2 {
                        shift[i][axis] += d[axis] / dist * push;
                        shift[j][axis] -= d[axis] / dist * push;
                    }
                }
            }
            for &(i, j) in &pairs {
                let d = [pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]];
                let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
                let pull = dist * dist / k;
                for axis in 0..2 {
                    shift[i][axis] -= d[axis] / dist * pull;
                    shift[j][axis] += d[axis] / dist * pull;
                }
            }
            for (p, s) in pos.iter_mut().zip(shift.iter_mut()) {
                // Gravity keeps actors without relations from drifting to the edge.
                let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
                for axis in 0..2 {
                    s[axis] -= p[axis] * r * 2.0 / k;
                }
                let len = (s[0] * s[0] + s[1] * s[1]).sqrt().max(1e-6);
                let step = len.min(temperature);
                for axis in 0..2 {
                    p[axis] += s[axis] / len * step;
                }
            }
        }
        normalise(&mut pos);
        pos
    }
}

/// Scales positions into [-0.5, 0.5] on both axes.
fn normalise(pos: &mut [[f32; 2]]) {
    for axis in 0..2 {
        let (lo, hi) = pos.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
            (lo.min(p[axis]), hi.max(p[axis]))
        });
        let span = (hi - lo).max(1e-6);
        for p in pos.iter_mut() {
            p[axis] = if hi > lo {
                (p[axis] - lo) / span - 0.5
            } else {
                0.0
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

    #[test]
    fn graph_of_the_sample_is_deterministic_and_spread() {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let graph = ActorGraph::build(&doc);
        for id in ["ISR", "IRQ", "IRN", "USA", "UNSC"] {
            assert!(graph.node_of(id).is_some(), "{id} is a node");
        }
        assert!(graph.nodes.iter().all(|n| doc
            .actor(&n.actor)
            .is_some_and(|a| a.kind != crate::model::ActorKind::Person)));
        let a = graph.layout();
        assert_eq!(a, graph.layout(), "same article, same picture");
        for i in 0..a.len() {
            for j in (i + 1)..a.len() {
                let d = ((a[i][0] - a[j][0]).powi(2) + (a[i][1] - a[j][1]).powi(2)).sqrt();
                assert!(d > 0.01, "nodes {i} and {j} overlap");
            }
        }
    }
}
