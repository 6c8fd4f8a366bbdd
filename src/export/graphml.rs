//! `{stem}.graphml`: the directed actor graph, for Gephi, networkx, igraph, yEd.
//!
//! Nodes are the top-level actors (persons rolled up to their affiliation) that are mentioned or
//! take part in a relation; edges are the relations, parallel when two actors are linked by
//! several types. Key ids avoid the names Gephi maps to built-in properties (`id`, `d3`, `d7`, `x`,
//! …), so every attribute arrives as its own column; `label` and `weight` are meant for Gephi, and
//! so are the visual attributes, declared by name: node `x`, `y` (the app's graph layout, y up as in
//! Gephi), `size` (the app's node radius) and `r`, `g`, `b` (the actor's colour), edge `r`, `g`,
//! `b` (the relation type's colour).

use super::{kind_name, spans_joined, DocIndex, MARSAD_VERSION};
use crate::graph::scene::node_radius;
use crate::graph::style::{actor_rgb, relation_rgb};
use crate::graph::{relation_weights, ActorGraph};
use crate::model::{AnnotatedDocument, OFFSET_UNIT};
use std::fmt::Write;

/// Graph units to Gephi's coordinates (its layouts work on a few hundred to a few thousand units).
const GEPHI_SCALE: f32 = 1000.0;

/// (key id, for, attr.name, attr.type), in the order written.
const KEYS: [(&str, &str, &str, &str); 24] = [
    ("marsad_version", "graph", "marsad_version", "string"),
    ("offset_unit", "graph", "offset_unit", "string"),
    ("schema", "graph", "schema", "string"),
    ("source_path", "graph", "source_path", "string"),
    ("label", "node", "label", "string"),
    ("actor_id", "node", "actor_id", "string"),
    ("name_ar", "node", "name_ar", "string"),
    ("name_en", "node", "name_en", "string"),
    ("kind", "node", "kind", "string"),
    ("node_x", "node", "x", "float"),
    ("node_y", "node", "y", "float"),
    ("node_size", "node", "size", "float"),
    ("node_r", "node", "r", "int"),
    ("node_g", "node", "g", "int"),
    ("node_b", "node", "b", "int"),
    ("edgelabel", "edge", "label", "string"),
    ("type", "edge", "type", "string"),
    ("weight", "edge", "weight", "double"),
    ("statements", "edge", "statements", "string"),
    ("evidence", "edge", "evidence", "string"),
    ("evidence_spans", "edge", "evidence_spans", "string"),
    ("edge_r", "edge", "r", "int"),
    ("edge_g", "edge", "g", "int"),
    ("edge_b", "edge", "b", "int"),
];

/// Joins the evidence texts of an edge.
pub const EVIDENCE_SEPARATOR: &str = " | ";

/// The GraphML document.
pub fn to_graphml(doc: &AnnotatedDocument) -> Vec<u8> {
    let ix = DocIndex::new(doc);
    let mut x = head(&KEYS);
    data(&mut x, 4, "marsad_version", MARSAD_VERSION);
    data(&mut x, 4, "offset_unit", OFFSET_UNIT);
    data(&mut x, 4, "schema", &doc.schema);
    data(&mut x, 4, "source_path", &doc.source.path);

    let graph = ActorGraph::build(doc);
    let places = graph.place(&mut doc.presentation.graph_positions.clone());
    let most = graph.nodes.iter().map(|n| n.mentions).max().unwrap_or(1);
    for id in node_ids(doc) {
        let _ = writeln!(x, "    <node id=\"{}\">", escape(&id));
        let actor = ix.actor(&id);
        let name_en = actor.map_or("", |a| a.name_en.as_str());
        data(
            &mut x,
            6,
            "label",
            if name_en.is_empty() { &id } else { name_en },
        );
        data(&mut x, 6, "actor_id", &id);
        data(
            &mut x,
            6,
            "name_ar",
            actor.map_or("", |a| a.name_ar.as_str()),
        );
        data(&mut x, 6, "name_en", name_en);
        data(&mut x, 6, "kind", actor.map_or("", |a| kind_name(a.kind)));
        if let Some(n) = graph.node_of(&id) {
            let [px, py] = places[n];
            data(&mut x, 6, "node_x", &format!("{:.1}", px * GEPHI_SCALE));
            data(&mut x, 6, "node_y", &format!("{:.1}", -py * GEPHI_SCALE));
            let size = node_radius(graph.nodes[n].mentions, most, 1.0);
            data(&mut x, 6, "node_size", &format!("{size:.1}"));
            let palette = doc.presentation.colours.get(&id).map_or(n, |&c| c as usize);
            rgb(&mut x, "node", actor_rgb(palette));
        }
        x.push_str("    </node>\n");
    }

    let weights = relation_weights(doc);
    for (i, r) in doc.relations.iter().enumerate() {
        let _ = writeln!(
            x,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&r.source),
            escape(&r.target)
        );
        let weight = weights[i];
        let evidence: Vec<String> = r.evidence.iter().map(|&e| ix.slice(e)).collect();
        data(&mut x, 6, "edgelabel", r.kind.as_str());
        data(&mut x, 6, "type", r.kind.as_str());
        data(&mut x, 6, "weight", &weight.to_string());
        data(&mut x, 6, "statements", &r.statements.join(";"));
        data(&mut x, 6, "evidence", &evidence.join(EVIDENCE_SEPARATOR));
        data(&mut x, 6, "evidence_spans", &spans_joined(&r.evidence));
        rgb(&mut x, "edge", relation_rgb(r.kind));
        x.push_str("    </edge>\n");
    }
    x.push_str("  </graph>\n</graphml>\n");
    x.into_bytes()
}

/// The top-level actors of the mentions and of the relations, in the document's actor order
/// (ids that the document does not list come last, in order of appearance).
fn node_ids(doc: &AnnotatedDocument) -> Vec<String> {
    let mut wanted: Vec<String> = Vec::new();
    let mut add = |id: String| {
        if !wanted.contains(&id) {
            wanted.push(id);
        }
    };
    for m in &doc.mentions {
        add(doc.top_level(&m.actor));
    }
    for r in &doc.relations {
        add(r.source.clone());
        add(r.target.clone());
    }
    let mut ordered: Vec<String> = doc
        .actors
        .iter()
        .filter(|a| wanted.contains(&a.id))
        .map(|a| a.id.clone())
        .collect();
    for id in wanted {
        if !ordered.contains(&id) {
            ordered.push(id);
        }
    }
    ordered
}

/// The XML declaration, the `graphml` element, the keys (id, for, attr.name, attr.type) and the
/// opening of a directed graph.
pub(crate) fn head(keys: &[(&str, &str, &str, &str)]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name, ty) in keys {
        let _ = writeln!(
            x,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    x.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");
    x
}

/// The `r`, `g` and `b` data of a node or an edge.
fn rgb(x: &mut String, domain: &str, colour: [u8; 3]) {
    for (channel, value) in ["r", "g", "b"].into_iter().zip(colour) {
        data(x, 6, &format!("{domain}_{channel}"), &value.to_string());
    }
}

pub(crate) fn data(x: &mut String, indent: usize, key: &str, value: &str) {
    let _ = writeln!(
        x,
        "{:indent$}<data key=\"{key}\">{}</data>",
        "",
        escape(value)
    );
}

/// Escapes text for element content and attribute values, and drops characters XML 1.0 forbids.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as character references so that no parser normalises them away.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a<b & \"c\"\n'\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&#10;&apos;"
        );
    }
}
