//! `{stem}.events.csv`: one row per relation in the dyadic (source, target, event code) layout
//! that event datasets use, with CAMEO actor codes from the gazetteer and CAMEO root codes for the
//! relation types (docs/export-format.md).

use super::table::CsvTable;
use super::{cameo_root, DocIndex};
use crate::extract::dates::date_in_text;
use crate::extract::Gazetteer;
use crate::model::{ActorKind, AnnotatedDocument};

/// Columns of `{stem}.events.csv` (before `offset_unit`, `marsad_version`).
pub const EVENT_COLUMNS: [&str; 12] = [
    "date",
    "source_id",
    "source_name",
    "source_cameo",
    "target_id",
    "target_name",
    "target_cameo",
    "type",
    "cameo_root",
    "evidence_text",
    "start",
    "end",
];

/// The events table; `gazetteer` supplies the CAMEO actor codes.
pub fn to_events_csv(doc: &AnnotatedDocument, gazetteer: &Gazetteer) -> Vec<u8> {
    let ix = DocIndex::new(doc);
    let date = date_in_text(&doc.text).unwrap_or_default();
    let mut t = CsvTable::new(&EVENT_COLUMNS);
    for r in &doc.relations {
        let (text, start, end) = match r.evidence.first() {
            Some(&e) => (ix.slice(e), e.start.to_string(), e.end.to_string()),
            None => Default::default(),
        };
        t.row(&[
            date.as_str(),
            &r.source,
            ix.name_en(&r.source),
            &actor_cameo(&ix, gazetteer, &r.source),
            &r.target,
            ix.name_en(&r.target),
            &actor_cameo(&ix, gazetteer, &r.target),
            r.kind.as_str(),
            cameo_root(r.kind),
            &text,
            &start,
            &end,
        ]);
    }
    t.into_bytes()
}

/// The CAMEO actor code of the actor that stands for `id` in the graph: the gazetteer entry of its
/// top-level actor; a person (one without an affiliation in the document) takes the code of their
/// affiliation in the gazetteer, or their own when they have none. Empty when unknown.
pub fn actor_cameo_code(doc: &AnnotatedDocument, gazetteer: &Gazetteer, id: &str) -> String {
    actor_cameo(&DocIndex::new(doc), gazetteer, id)
}

fn actor_cameo(ix: &DocIndex, gazetteer: &Gazetteer, id: &str) -> String {
    let mut current = ix.top_level(id);
    for _ in 0..8 {
        let Some(entry) = gazetteer.get(&current) else {
            break;
        };
        match (&entry.affiliation, entry.kind) {
            (Some(up), ActorKind::Person) if gazetteer.get(up).is_some() => current = up.clone(),
            _ => return entry.cameo.clone().unwrap_or_default(),
        }
    }
    String::new()
}
