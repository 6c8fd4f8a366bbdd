//! The actor-relationship graph, with no GUI: which actors are nodes, which relations join them
//! (merged into one edge per pair and direction), where each node sits, and how a picture of it is
//! arranged (node sizes, edge curves, label places). The app's graph panel, the picture exports
//! and GraphML all read it, so every view of the graph agrees; it knows nothing of one document's
//! UI state, so a graph of many articles can use it too.

pub mod layout;
#[cfg(feature = "gui")]
pub mod picture;
pub mod scene;
pub mod style;

use crate::model::{AnnotatedDocument, RelationType, Span};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashSet};

/// One top-level actor (its people rolled up into it).
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    pub actor: String,
    pub mentions: usize,
}

/// The relations of one type along an edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeType {
    pub kind: RelationType,
    /// Index into the document's relations.
    pub relation: usize,
    /// Statements plus narrator evidence behind it (at least 1).
    pub weight: usize,
}

/// Everything one actor does to another: the relations of one ordered pair, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub source: usize,
    pub target: usize,
    /// Heaviest first (ties in [`RelationType::ALL`] order).
    pub types: Vec<EdgeType>,
}

impl GraphEdge {
    pub fn weight(&self) -> usize {
        self.types.iter().map(|t| t.weight).sum()
    }
}

/// Nodes (most mentioned first, then by id) and merged edges of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// What the graph leaves out: hidden actors, hidden relation types, and edges lighter than
/// `min_weight`. With a minimum weight above 1, actors left without any edge are left out too,
/// so that raising it shows the core of the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphFilter {
    pub min_weight: usize,
    pub hidden_actors: HashSet<String>,
    pub hidden_types: HashSet<RelationType>,
}

/// An edge as the filter leaves it: only its shown types.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownEdge {
    /// Index into [`ActorGraph::edges`].
    pub edge: usize,
    pub types: Vec<EdgeType>,
    pub weight: usize,
}

/// The part of a graph a filter shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShownGraph {
    /// Indices into [`ActorGraph::nodes`], in graph order.
    pub nodes: Vec<usize>,
    pub edges: Vec<ShownEdge>,
}

impl ActorGraph {
    /// Nodes are the top-level actors that are mentioned or related; edges are the relations,
    /// one per ordered pair of actors.
    pub fn build(doc: &AnnotatedDocument) -> ActorGraph {
        let mut tops: FxHashMap<&str, String> = FxHashMap::default();
        let mut mentions: BTreeMap<String, usize> = BTreeMap::new();
        for m in &doc.mentions {
            let top = tops
                .entry(m.actor.as_str())
                .or_insert_with(|| doc.top_level(&m.actor));
            *mentions.entry(top.clone()).or_default() += 1;
        }
        for r in &doc.relations {
            mentions.entry(r.source.clone()).or_default();
            mentions.entry(r.target.clone()).or_default();
        }
        let mut nodes: Vec<GraphNode> = mentions
            .into_iter()
            .map(|(actor, mentions)| GraphNode { actor, mentions })
            .collect();
        nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.actor.cmp(&b.actor)));
        let index: FxHashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.actor.as_str(), i))
            .collect();
        let weights = relation_weights(doc);
        let mut edges: Vec<GraphEdge> = Vec::new();
        let mut pairs: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for (i, r) in doc.relations.iter().enumerate() {
            let (Some(&source), Some(&target)) =
                (index.get(r.source.as_str()), index.get(r.target.as_str()))
            else {
                continue;
            };
            if source == target {
                continue;
            }
            let at = *pairs.entry((source, target)).or_insert_with(|| {
                edges.push(GraphEdge {
                    source,
                    target,
                    types: Vec::new(),
                });
                edges.len() - 1
            });
            edges[at].types.push(EdgeType {
                kind: r.kind,
                relation: i,
                weight: weights[i],
            });
        }
        for e in &mut edges {
            e.types
                .sort_by(|a, b| b.weight.cmp(&a.weight).then(a.kind.cmp(&b.kind)));
        }
        ActorGraph { nodes, edges }
    }

    pub fn node_of(&self, actor: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.actor == actor)
    }

    /// The edge that carries relation `relation`, if the graph draws it.
    pub fn edge_of_relation(&self, relation: usize) -> Option<usize> {
        self.edges
            .iter()
            .position(|e| e.types.iter().any(|t| t.relation == relation))
    }

    /// Edges from or to `node`, in graph order.
    pub fn edges_of(&self, node: usize) -> impl Iterator<Item = (usize, &GraphEdge)> {
        self.edges
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.source == node || e.target == node)
    }

    /// What `filter` leaves of the graph.
    pub fn shown(&self, filter: &GraphFilter) -> ShownGraph {
        let actor_shown: Vec<bool> = self
            .nodes
            .iter()
            .map(|n| !filter.hidden_actors.contains(&n.actor))
            .collect();
        let min = filter.min_weight.max(1);
        let edges: Vec<ShownEdge> = self
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| actor_shown[e.source] && actor_shown[e.target])
            .filter_map(|(i, e)| {
                let types: Vec<EdgeType> = e
                    .types
                    .iter()
                    .filter(|t| !filter.hidden_types.contains(&t.kind))
                    .copied()
                    .collect();
                let weight = types.iter().map(|t| t.weight).sum();
                (!types.is_empty() && weight >= min).then_some(ShownEdge {
                    edge: i,
                    types,
                    weight,
                })
            })
            .collect();
        let nodes = if min > 1 {
            let linked: FxHashSet<usize> = edges
                .iter()
                .flat_map(|s| [self.edges[s.edge].source, self.edges[s.edge].target])
                .collect();
            (0..self.nodes.len())
                .filter(|n| linked.contains(n))
                .collect()
        } else {
            (0..self.nodes.len()).filter(|&n| actor_shown[n]).collect()
        };
        ShownGraph { nodes, edges }
    }

    /// Places every node: saved places are kept, nodes without one are laid out around them (all
    /// of them, deterministically, when nothing is saved yet), and their places are added to
    /// `saved`. Returns the places in node order. Call it whenever the graph is built, so the
    /// picture stays the same between sessions and after corrections.
    pub fn place(&self, saved: &mut BTreeMap<String, [f32; 2]>) -> Vec<[f32; 2]> {
        let pinned: Vec<Option<[f32; 2]>> = self
            .nodes
            .iter()
            .map(|n| {
                saved
                    .get(&n.actor)
                    .copied()
                    .filter(|p| p.iter().all(|v| v.is_finite()))
            })
            .collect();
        let positions = layout::layout(self, &pinned);
        for (n, p) in self.nodes.iter().zip(&positions) {
            saved.insert(n.actor.clone(), *p);
        }
        positions
    }
}

/// The name a node is labelled with: the English name without its bracketed role ("Gideon Saar
/// (Israeli …)" → "Gideon Saar"), or the Arabic name; each falls back to the other, then the id.
pub fn label(doc: &AnnotatedDocument, actor: &str, arabic: bool) -> String {
    let (en, ar) = doc
        .actor(actor)
        .map_or(("", ""), |a| (a.name_en.as_str(), a.name_ar.as_str()));
    label_of(en, ar, actor, arabic)
}

/// The label of an actor with these names (see [`label`]).
pub fn label_of(en: &str, ar: &str, actor: &str, arabic: bool) -> String {
    let en = en.split(" (").next().unwrap_or(en).trim();
    let ar = ar.trim();
    let (first, second) = if arabic { (ar, en) } else { (en, ar) };
    [first, second, actor]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or(actor)
        .to_string()
}

/// "Israel -> Iraq: attack x3, statement x1": an edge and the types it carries, English names.
pub fn describe_edge(
    doc: &AnnotatedDocument,
    graph: &ActorGraph,
    edge: usize,
    types: &[EdgeType],
) -> String {
    let e = &graph.edges[edge];
    let kinds: Vec<String> = types
        .iter()
        .map(|t| format!("{} x{}", t.kind.as_str(), t.weight))
        .collect();
    format!(
        "{} -> {}: {}",
        label(doc, &graph.nodes[e.source].actor, false),
        label(doc, &graph.nodes[e.target].actor, false),
        kinds.join(", ")
    )
}

/// How much evidence each relation of `doc` rests on: its statements plus the narrator's own
/// evidence (evidence spans that are not one of its statements), at least 1. Linear in the size
/// of the document.
pub fn relation_weights(doc: &AnnotatedDocument) -> Vec<usize> {
    let statement_spans: FxHashMap<&str, Span> = doc
        .statements
        .iter()
        .map(|s| {
            let span = Span::new(
                s.cue.start.min(s.content.start),
                s.cue.end.max(s.content.end),
            );
            (s.id.as_str(), span)
        })
        .collect();
    doc.relations
        .iter()
        .map(|r| {
            let own: FxHashSet<Span> = r
                .statements
                .iter()
                .filter_map(|id| statement_spans.get(id.as_str()).copied())
                .collect();
            let narrated = r.evidence.iter().filter(|e| !own.contains(e)).count();
            (r.statements.len() + narrated).max(1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

    #[test]
    fn weights_match_the_exports() {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let fast = relation_weights(&doc);
        for (r, w) in doc.relations.iter().zip(fast) {
            assert_eq!(w, crate::export::relation_weight(&doc, r).max(1));
        }
    }

    #[test]
    fn one_edge_per_pair_and_direction() {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let graph = ActorGraph::build(&doc);
        let mut pairs = HashSet::new();
        for e in &graph.edges {
            assert!(pairs.insert((e.source, e.target)), "one edge per direction");
            assert!(!e.types.is_empty());
            assert!(e.types.windows(2).all(|w| w[0].weight >= w[1].weight));
        }
        let drawn: usize = graph.edges.iter().map(|e| e.types.len()).sum();
        assert_eq!(drawn, doc.relations.len(), "every relation is on one edge");
        assert!(
            graph.edges.iter().any(|e| e.types.len() > 1),
            "the sample has pairs linked by several types"
        );
    }
}
