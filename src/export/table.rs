//! The CSV writer shared by the `csv` and `events` exports: UTF-8 with a byte order mark (so
//! spreadsheet programs detect UTF-8 and show Arabic), RFC 4180 quoting, CRLF record ends, and the
//! columns `offset_unit` and `marsad_version` appended to every record.
//!
//! Fields are written as they are: a field that holds article text keeps its own line breaks (LF)
//! inside quotes, so that it stays equal to the text at its offsets.

use super::MARSAD_VERSION;
use crate::model::OFFSET_UNIT;

const BOM: &str = "\u{feff}";
const RECORD_END: &str = "\r\n";

/// A CSV table being built in memory.
pub(crate) struct CsvTable {
    out: String,
    columns: usize,
}

impl CsvTable {
    /// A table with these columns, followed by `offset_unit` and `marsad_version`.
    pub(crate) fn new(header: &[&str]) -> CsvTable {
        let mut t = CsvTable {
            out: String::from(BOM),
            columns: header.len(),
        };
        t.record(header.iter().copied(), &["offset_unit", "marsad_version"]);
        t
    }

    /// Appends a record; it must have as many fields as the header.
    pub(crate) fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        debug_assert_eq!(fields.len(), self.columns, "one field per column");
        self.record(
            fields.iter().map(AsRef::as_ref),
            &[OFFSET_UNIT, MARSAD_VERSION],
        );
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn record<'a>(&mut self, fields: impl Iterator<Item = &'a str>, trailer: &[&'a str]) {
        for (i, field) in fields.chain(trailer.iter().copied()).enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_field(&mut self.out, field);
        }
        self.out.push_str(RECORD_END);
    }
}

/// Writes one field, quoted (with doubled inner quotes) when it holds a comma, a quote or a line
/// break, or starts or ends with a space, which some readers would trim.
fn push_field(out: &mut String, field: &str) {
    let needs_quotes = field.contains([',', '"', '\r', '\n'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if !needs_quotes {
        out.push_str(field);
        return;
    }
    out.push('"');
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut t = CsvTable::new(&["a", "b", "c", "d"]);
        t.row(&["plain", "with, comma", "say \"hi\"", "two\nlines"]);
        let s = String::from_utf8(t.into_bytes()).unwrap();
        let version = MARSAD_VERSION;
        assert_eq!(
            s,
            format!(
                "\u{feff}a,b,c,d,offset_unit,marsad_version\r\n\
                 plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",unicode-scalar,{version}\r\n"
            )
        );
    }

    #[test]
    fn edge_spaces_are_kept_by_quoting() {
        let mut out = String::new();
        push_field(&mut out, " x");
        assert_eq!(out, "\" x\"");
    }
}
