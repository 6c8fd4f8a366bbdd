//! The marsad/1 JSON document, written pretty (as `marsad extract` prints it) and read back.

use crate::model::{AnnotatedDocument, OFFSET_UNIT, SCHEMA};

/// Why bytes could not be read as a marsad/1 document.
#[derive(Debug, thiserror::Error)]
pub enum ReadJsonError {
    #[error("not a marsad/1 JSON document: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unsupported schema `{0}` (expected {SCHEMA})")]
    Schema(String),
    #[error("unsupported offset unit `{0}` (expected {OFFSET_UNIT})")]
    Offsets(String),
}

/// The document as pretty-printed JSON, with a final line break.
pub fn to_json(doc: &AnnotatedDocument) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(doc.text.len() * 3 + 1024);
    super::json_write::write_document(&mut bytes, doc, true)
        .expect("writing into memory does not fail");
    bytes.push(b'\n');
    bytes
}

/// Reads a marsad/1 document (a UTF-8 byte order mark is accepted).
pub fn read_json(bytes: &[u8]) -> Result<AnnotatedDocument, ReadJsonError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let doc: AnnotatedDocument = serde_json::from_slice(bytes)?;
    if doc.schema != SCHEMA {
        return Err(ReadJsonError::Schema(doc.schema));
    }
    if doc.offsets != OFFSET_UNIT {
        return Err(ReadJsonError::Offsets(doc.offsets));
    }
    Ok(doc)
}
