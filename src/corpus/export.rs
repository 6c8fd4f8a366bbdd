//! Exports of a corpus: its statements as CSV (the columns of `marsad query … statements`) and
//! its actor graph as GraphML with time, for Gephi's timeline: every node and edge carries
//! `start` and `end`, the first and last date of its evidence (`YYYY-MM-DD`), which Gephi's
//! "merge columns → create time interval" turns into an interval.

use super::query::{GraphEdge, StatementRow};
use crate::export::graphml::{data, escape, head};
use crate::export::table::CsvTable;
use crate::export::MARSAD_VERSION;
use crate::graph::style::relation_rgb;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The columns of a statements table.
pub const STATEMENT_COLUMNS: [&str; 18] = [
    "article",
    "path",
    "date",
    "id",
    "speaker",
    "speaker_name_en",
    "speaker_name_ar",
    "speaker_top",
    "targets",
    "type",
    "quoted",
    "origin",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "cue_text",
    "content_text",
];

/// One statement's cells, in [`STATEMENT_COLUMNS`] order.
pub fn statement_cells(s: &StatementRow) -> Vec<String> {
    vec![
        s.article.to_string(),
        s.path.clone(),
        s.date.clone().unwrap_or_default(),
        s.id.clone(),
        s.speaker.clone(),
        s.speaker_name_en.clone(),
        s.speaker_name_ar.clone(),
        s.speaker_top.clone(),
        s.targets.join(";"),
        s.kind.clone(),
        s.quoted.to_string(),
        s.origin.clone(),
        s.cue.start.to_string(),
        s.cue.end.to_string(),
        s.content.start.to_string(),
        s.content.end.to_string(),
        s.cue_text.clone(),
        s.content_text.clone(),
    ]
}

/// Statements as CSV (UTF-8 with BOM, CRLF, like every Marsad CSV).
pub fn statements_csv<'a>(rows: impl IntoIterator<Item = &'a StatementRow>) -> Vec<u8> {
    let mut table = CsvTable::new(&STATEMENT_COLUMNS);
    for r in rows {
        table.row(&statement_cells(r));
    }
    table.into_bytes()
}

/// (key id, for, attr.name, attr.type), in the order written.
const KEYS: [(&str, &str, &str, &str); 19] = [
    ("marsad_version", "graph", "marsad_version", "string"),
    ("store", "graph", "store", "string"),
    ("range_from", "graph", "from", "string"),
    ("range_to", "graph", "to", "string"),
    ("label", "node", "label", "string"),
    ("name_ar", "node", "name_ar", "string"),
    ("name_en", "node", "name_en", "string"),
    ("node_start", "node", "start", "string"),
    ("node_end", "node", "end", "string"),
    ("edgelabel", "edge", "label", "string"),
    ("type", "edge", "type", "string"),
    ("weight", "edge", "weight", "double"),
    ("statements", "edge", "statements", "int"),
    ("articles", "edge", "articles", "int"),
    ("edge_start", "edge", "start", "string"),
    ("edge_end", "edge", "end", "string"),
    ("edge_r", "edge", "r", "int"),
    ("edge_g", "edge", "g", "int"),
    ("edge_b", "edge", "b", "int"),
];

/// The actor graph of `edges` (one edge per source, target and type, as [`super::Store::graph`]
/// or [`super::range_edges`] give them) as GraphML, with `start` and `end` on nodes and edges.
/// `range` is the date range the graph covers, written on the graph.
pub fn graph_graphml(
    edges: &[GraphEdge],
    store: &str,
    range: (Option<&str>, Option<&str>),
) -> Vec<u8> {
    let mut x = head(&KEYS);
    data(&mut x, 4, "marsad_version", MARSAD_VERSION);
    data(&mut x, 4, "store", store);
    data(&mut x, 4, "range_from", range.0.unwrap_or(""));
    data(&mut x, 4, "range_to", range.1.unwrap_or(""));

    struct Node<'a> {
        en: &'a str,
        ar: &'a str,
        start: Option<&'a str>,
        end: Option<&'a str>,
    }
    let mut nodes: BTreeMap<&str, Node<'_>> = BTreeMap::new();
    for e in edges {
        for (id, en, ar) in [
            (&e.source, &e.source_name_en, &e.source_name_ar),
            (&e.target, &e.target_name_en, &e.target_name_ar),
        ] {
            let n = nodes.entry(id).or_insert(Node {
                en,
                ar,
                start: None,
                end: None,
            });
            if let Some(f) = e.first_date.as_deref() {
                n.start = Some(n.start.map_or(f, |s| s.min(f)));
            }
            if let Some(l) = e.last_date.as_deref() {
                n.end = Some(n.end.map_or(l, |s| s.max(l)));
            }
        }
    }
    for (id, n) in &nodes {
        let _ = writeln!(x, "    <node id=\"{}\">", escape(id));
        let en = n.en.split(" (").next().unwrap_or(n.en).trim();
        data(&mut x, 6, "label", if en.is_empty() { id } else { en });
        data(&mut x, 6, "name_ar", n.ar);
        data(&mut x, 6, "name_en", n.en);
        data(&mut x, 6, "node_start", n.start.unwrap_or(""));
        data(&mut x, 6, "node_end", n.end.unwrap_or(""));
        x.push_str("    </node>\n");
    }
    for (i, e) in edges.iter().enumerate() {
        let _ = writeln!(
            x,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&e.source),
            escape(&e.target)
        );
        data(&mut x, 6, "edgelabel", &e.kind);
        data(&mut x, 6, "type", &e.kind);
        data(&mut x, 6, "weight", &e.weight.to_string());
        data(&mut x, 6, "statements", &e.statements.to_string());
        data(&mut x, 6, "articles", &e.articles.to_string());
        data(
            &mut x,
            6,
            "edge_start",
            e.first_date.as_deref().unwrap_or(""),
        );
        data(&mut x, 6, "edge_end", e.last_date.as_deref().unwrap_or(""));
        let colour = relation_rgb(super::query::type_from_name(&e.kind));
        for (channel, value) in ["edge_r", "edge_g", "edge_b"].into_iter().zip(colour) {
            data(&mut x, 6, channel, &value.to_string());
        }
        x.push_str("    </edge>\n");
    }
    x.push_str("  </graph>\n</graphml>\n");
    x.into_bytes()
}
