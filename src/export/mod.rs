//! Exports of an annotated document to the formats the field's tools read (docs/export-format.md).
//!
//! Every format is a pure function of the document: [`export`] returns the files (names relative to
//! an output directory, made from a stem) and leaves writing them to the caller, so the CLI and the
//! app write the same bytes. Every export states its offset unit and the Marsad version.

pub mod brat;
pub mod csv;
pub mod events;
pub mod graphml;
pub mod json;
pub mod json_write;
pub mod output;
pub(crate) mod table;

use crate::extract::Gazetteer;
use crate::model::{Actor, ActorKind, AnnotatedDocument, Relation, Span, Statement};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

pub use json::{read_json, ReadJsonError};
pub use output::{write_files, Inputs, OutputError};

/// The version of Marsad written into every export.
pub const MARSAD_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The formats a document can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// The marsad/1 JSON document, pretty-printed.
    Json,
    /// Mentions, statements and relations as three CSV tables.
    Csv,
    /// brat standoff: the text, its annotations and an annotation.conf.
    Brat,
    /// The actor graph as GraphML.
    Graphml,
    /// One row per relation in the dyadic event layout, with CAMEO codes.
    Events,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Json,
        ExportFormat::Csv,
        ExportFormat::Brat,
        ExportFormat::Graphml,
        ExportFormat::Events,
    ];

    /// The name used on the command line and in menus.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Brat => "brat",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Events => "events",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`ExportFormat::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format `{0}` (expected json, csv, brat, graphml or events)")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// One file of an export: a name relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl ExportFile {
    fn new(name: String, bytes: impl Into<Vec<u8>>) -> ExportFile {
        ExportFile {
            name,
            bytes: bytes.into(),
        }
    }
}

/// Exports `doc` in `format`; file names start with `stem` (`{stem}.mentions.csv`, `{stem}.ann`, …).
/// CAMEO actor codes (events) come from the bundled gazetteer.
pub fn export(doc: &AnnotatedDocument, format: ExportFormat, stem: &str) -> Vec<ExportFile> {
    export_with(doc, format, stem, builtin_gazetteer())
}

/// Like [`export`], with the gazetteer that supplies CAMEO actor codes (use the one the document
/// was extracted with, so user-defined actors keep their codes).
pub fn export_with(
    doc: &AnnotatedDocument,
    format: ExportFormat,
    stem: &str,
    gazetteer: &Gazetteer,
) -> Vec<ExportFile> {
    match format {
        ExportFormat::Json => vec![ExportFile::new(format!("{stem}.json"), json::to_json(doc))],
        ExportFormat::Csv => csv::export(doc, stem),
        ExportFormat::Brat => brat::export(doc, stem),
        ExportFormat::Graphml => vec![ExportFile::new(
            format!("{stem}.graphml"),
            graphml::to_graphml(doc),
        )],
        ExportFormat::Events => vec![ExportFile::new(
            format!("{stem}.events.csv"),
            events::to_events_csv(doc, gazetteer),
        )],
    }
}

/// The names of the files [`export`] writes for `format` and `stem`, known before extracting, so
/// that a batch can check all its destinations before writing anything.
pub fn file_names(format: ExportFormat, stem: &str) -> Vec<String> {
    let suffixes: &[&str] = match format {
        ExportFormat::Json => &[".json"],
        ExportFormat::Csv => &[".mentions.csv", ".statements.csv", ".relations.csv"],
        ExportFormat::Brat => &[".txt", ".ann"],
        ExportFormat::Graphml => &[".graphml"],
        ExportFormat::Events => &[".events.csv"],
    };
    let mut names: Vec<String> = suffixes.iter().map(|s| format!("{stem}{s}")).collect();
    if format == ExportFormat::Brat {
        names.push(brat::CONF_NAME.to_string());
    }
    names
}

fn builtin_gazetteer() -> &'static Gazetteer {
    static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
    BUILTIN.get_or_init(Gazetteer::builtin)
}

/// Lookups shared by the exporters: actors by id, the characters of the text, top-level actors.
struct DocIndex<'a> {
    doc: &'a AnnotatedDocument,
    actors: HashMap<&'a str, &'a Actor>,
    chars: Vec<char>,
}

impl<'a> DocIndex<'a> {
    fn new(doc: &'a AnnotatedDocument) -> DocIndex<'a> {
        DocIndex {
            doc,
            actors: doc.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
            chars: doc.text.chars().collect(),
        }
    }

    fn actor(&self, id: &str) -> Option<&'a Actor> {
        self.actors.get(id).copied()
    }

    fn name_en(&self, id: &str) -> &'a str {
        self.actor(id).map_or("", |a| a.name_en.as_str())
    }

    fn name_ar(&self, id: &str) -> &'a str {
        self.actor(id).map_or("", |a| a.name_ar.as_str())
    }

    fn top_level(&self, id: &str) -> String {
        self.doc.top_level(id)
    }

    /// The span clamped to the text.
    fn clamp(&self, span: Span) -> Span {
        let end = span.end.min(self.chars.len());
        Span::new(span.start.min(end), end)
    }

    /// The text at `span` (clamped to the text).
    fn slice(&self, span: Span) -> String {
        let s = self.clamp(span);
        self.chars[s.start..s.end].iter().collect()
    }
}

/// A statement from its reporting word to the end of its content: its evidence in relations.
fn statement_span(s: &Statement) -> Span {
    Span::new(
        s.cue.start.min(s.content.start),
        s.cue.end.max(s.content.end),
    )
}

/// Evidence spans of a relation that come from the text's narration rather than from one of its
/// statements (a statement's evidence is its cue..content span).
fn narrator_evidence<'r>(doc: &AnnotatedDocument, relation: &'r Relation) -> Vec<&'r Span> {
    let statement_spans: Vec<Span> = relation
        .statements
        .iter()
        .filter_map(|id| doc.statements.iter().find(|s| &s.id == id))
        .map(statement_span)
        .collect();
    relation
        .evidence
        .iter()
        .filter(|e| !statement_spans.contains(e))
        .collect()
}

/// How many pieces of evidence an edge rests on: its statements plus its narrator evidence.
pub fn relation_weight(doc: &AnnotatedDocument, relation: &Relation) -> usize {
    relation.statements.len() + narrator_evidence(doc, relation).len()
}

/// The CAMEO root code of a relation type (docs/export-format.md), empty for `other`.
pub fn cameo_root(kind: crate::model::RelationType) -> &'static str {
    use crate::model::RelationType::*;
    match kind {
        Statement => "01",
        Appeal => "02",
        Meet => "04",
        Cooperate => "05",
        Demand => "10",
        Accuse => "11",
        Reject => "12",
        Threaten => "13",
        Pressure => "17",
        Attack => "19",
        Other => "",
    }
}

/// The JSON name of an actor kind (`armed_group`).
pub fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::Igo => "igo",
        ActorKind::ArmedGroup => "armed_group",
        ActorKind::Party => "party",
        ActorKind::Media => "media",
        ActorKind::Person => "person",
        ActorKind::Other => "other",
    }
}

/// `start-end;start-end;…`
fn spans_joined(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}-{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(f.as_str().parse::<ExportFormat>(), Ok(f));
            assert_eq!(f.to_string(), f.as_str());
        }
        assert_eq!("GraphML".parse::<ExportFormat>(), Ok(ExportFormat::Graphml));
        assert!("pdf".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn file_names_are_the_names_exported() {
        let doc = crate::extract::annotate_text(
            "قال وزير الخارجية العراقي إن بغداد ترفض التهديدات الإسرائيلية.",
            crate::model::SourceInfo::default(),
        );
        for f in ExportFormat::ALL {
            let names: Vec<String> = export(&doc, f, "x").into_iter().map(|f| f.name).collect();
            assert_eq!(names, file_names(f, "x"), "{f}");
        }
    }
}
