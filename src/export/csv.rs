//! Three CSV tables for spreadsheets: `{stem}.mentions.csv`, `{stem}.statements.csv`,
//! `{stem}.relations.csv` (layout in docs/export-format.md; writer in `table.rs`).

use super::table::CsvTable;
use super::{kind_name, spans_joined, DocIndex, ExportFile};
use crate::model::AnnotatedDocument;

/// Columns of `{stem}.mentions.csv` (before `offset_unit`, `marsad_version`).
pub const MENTION_COLUMNS: [&str; 8] = [
    "id",
    "actor",
    "actor_name_en",
    "actor_name_ar",
    "kind",
    "start",
    "end",
    "text",
];

/// Columns of `{stem}.statements.csv`.
pub const STATEMENT_COLUMNS: [&str; 14] = [
    "id",
    "speaker",
    "speaker_name_en",
    "speaker_top_level",
    "cue_text",
    "cue_start",
    "cue_end",
    "content_text",
    "content_start",
    "content_end",
    "targets",
    "target_names",
    "type",
    "quoted",
];

/// Columns of `{stem}.relations.csv`.
pub const RELATION_COLUMNS: [&str; 8] = [
    "source",
    "source_name_en",
    "target",
    "target_name_en",
    "type",
    "statements",
    "evidence_text",
    "evidence_spans",
];

/// The three tables.
pub fn export(doc: &AnnotatedDocument, stem: &str) -> Vec<ExportFile> {
    let ix = DocIndex::new(doc);
    vec![
        ExportFile::new(format!("{stem}.mentions.csv"), mentions(&ix)),
        ExportFile::new(format!("{stem}.statements.csv"), statements(&ix)),
        ExportFile::new(format!("{stem}.relations.csv"), relations(&ix)),
    ]
}

fn mentions(ix: &DocIndex) -> Vec<u8> {
    let mut t = CsvTable::new(&MENTION_COLUMNS);
    for m in &ix.doc.mentions {
        let kind = ix.actor(&m.actor).map_or("", |a| kind_name(a.kind));
        t.row(&[
            m.id.as_str(),
            &m.actor,
            ix.name_en(&m.actor),
            ix.name_ar(&m.actor),
            kind,
            &m.start.to_string(),
            &m.end.to_string(),
            &ix.slice(m.span()),
        ]);
    }
    t.into_bytes()
}

fn statements(ix: &DocIndex) -> Vec<u8> {
    let mut t = CsvTable::new(&STATEMENT_COLUMNS);
    for s in &ix.doc.statements {
        let names: Vec<&str> = s.targets.iter().map(|id| ix.name_en(id)).collect();
        t.row(&[
            s.id.as_str(),
            &s.speaker,
            ix.name_en(&s.speaker),
            &ix.top_level(&s.speaker),
            &ix.slice(s.cue),
            &s.cue.start.to_string(),
            &s.cue.end.to_string(),
            &ix.slice(s.content),
            &s.content.start.to_string(),
            &s.content.end.to_string(),
            &s.targets.join(";"),
            &names.join(";"),
            s.kind.as_str(),
            if s.quoted { "true" } else { "false" },
        ]);
    }
    t.into_bytes()
}

fn relations(ix: &DocIndex) -> Vec<u8> {
    let mut t = CsvTable::new(&RELATION_COLUMNS);
    for r in &ix.doc.relations {
        let first = r.evidence.first().map(|&e| ix.slice(e)).unwrap_or_default();
        t.row(&[
            r.source.as_str(),
            ix.name_en(&r.source),
            &r.target,
            ix.name_en(&r.target),
            r.kind.as_str(),
            &r.statements.join(";"),
            &first,
            &spans_joined(&r.evidence),
        ]);
    }
    t.into_bytes()
}
