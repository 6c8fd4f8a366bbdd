//! Writes the marsad/1 document byte for byte as serde_json does (pretty or compact), without
//! going through serde for its two long arrays and its text.
//!
//! A long article has as many mentions as it has lines and tens of thousands of statements; with
//! serde each of their fields is a call through the formatter. Here the document's frame, its
//! mentions, statements, relations and text are written straight into a buffer, and the rest (the
//! source, actors, removals and presentation, a few hundred bytes) still goes through serde, so
//! every field keeps the meaning `src/model.rs` gives it. A test holds the two writers to the same
//! bytes.

use crate::model::{AnnotatedDocument, Mention, Origin, Relation, RelationType, Span, Statement};
use serde::Serialize;
use std::io::{self, Write};

/// How much is gathered before it is handed to the writer.
const CHUNK: usize = 1 << 16;

/// Writes `doc` as `serde_json::to_writer_pretty` (`pretty`) or `serde_json::to_writer` would.
pub fn write_document<W: Write + ?Sized>(
    out: &mut W,
    doc: &AnnotatedDocument,
    pretty: bool,
) -> io::Result<()> {
    let mut j = Emitter {
        buf: Vec::with_capacity(CHUNK * 2),
        out,
        pretty,
        depth: 0,
        first: true,
    };
    j.open(b'{');
    j.key("schema");
    j.string(&doc.schema)?;
    j.key("source");
    j.serde(&doc.source)?;
    j.key("text");
    j.string(&doc.text)?;
    j.key("offsets");
    j.string(&doc.offsets)?;
    j.key("actors");
    j.serde(&doc.actors)?;
    j.list("mentions", &doc.mentions, Emitter::mention)?;
    j.list("statements", &doc.statements, Emitter::statement)?;
    j.list("relations", &doc.relations, Emitter::relation)?;
    if !doc.removed.is_empty() {
        j.key("removed");
        j.serde(&doc.removed)?;
    }
    if !doc.presentation.is_empty() {
        j.key("presentation");
        j.serde(&doc.presentation)?;
    }
    j.close(b'}');
    j.flush()
}

/// The document as one compact JSON line, without the line break.
pub fn to_json_line(doc: &AnnotatedDocument) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(doc.text.len() * 3 + 1024);
    write_document(&mut bytes, doc, false).expect("writing into memory does not fail");
    bytes
}

/// serde_json's formatting, for the containers written here.
struct Emitter<'w, W: Write + ?Sized> {
    buf: Vec<u8>,
    out: &'w mut W,
    pretty: bool,
    /// How many containers are open.
    depth: usize,
    /// Whether the innermost open container has no value yet.
    first: bool,
}

impl<W: Write + ?Sized> Emitter<'_, W> {
    fn open(&mut self, mark: u8) {
        self.buf.push(mark);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, mark: u8) {
        self.depth -= 1;
        if !self.first && self.pretty {
            self.newline();
        }
        self.buf.push(mark);
        self.first = false;
    }

    fn newline(&mut self) {
        /// A line break and the indentation of the deepest level written here.
        const BREAK: &[u8] = b"\n            ";
        match BREAK.get(..1 + 2 * self.depth) {
            Some(indent) => self.buf.extend_from_slice(indent),
            None => {
                self.buf.push(b'\n');
                for _ in 0..self.depth {
                    self.buf.extend_from_slice(b"  ");
                }
            }
        }
    }

    /// Starts the next value of the innermost array.
    fn element(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        if self.pretty {
            self.newline();
        }
        self.first = false;
    }

    /// Starts the next entry of the innermost object. Keys here never need escaping.
    fn key(&mut self, key: &str) {
        self.element();
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf
            .extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    /// `"key": [ … ]`, each item written by `write`.
    fn list<T>(
        &mut self,
        key: &str,
        items: &[T],
        write: impl Fn(&mut Self, &T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.key(key);
        self.open(b'[');
        for item in items {
            self.element();
            write(self, item)?;
        }
        self.close(b']');
        Ok(())
    }

    fn number(&mut self, n: usize) {
        let (digits, at) = crate::decimal::digits(n);
        self.buf.extend_from_slice(&digits[at..]);
    }

    /// A string, escaped as serde_json escapes it: quotes, backslashes and control characters.
    fn string(&mut self, s: &str) -> io::Result<()> {
        self.buf.push(b'"');
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none of them needs escaping (most of an article).
            if let Some(word) = bytes
                .get(i..i + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
            {
                if !needs_escape(u64::from_le_bytes(word)) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape = ESCAPE[b as usize];
            if escape == 0 {
                i += 1;
                continue;
            }
            self.plain(&bytes[run..i])?;
            i += 1;
            run = i;
            match escape {
                b'u' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.buf.extend_from_slice(b"\\u00");
                    self.buf.push(HEX[usize::from(b >> 4)]);
                    self.buf.push(HEX[usize::from(b & 0xF)]);
                }
                c => self.buf.extend_from_slice(&[b'\\', c]),
            }
        }
        self.plain(&bytes[run..])?;
        self.buf.push(b'"');
        self.spill()
    }

    /// Bytes that need no escaping; a long run goes to the writer without a copy.
    fn plain(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.len() < CHUNK {
            self.buf.extend_from_slice(bytes);
            return self.spill();
        }
        self.flush_buffer()?;
        self.out.write_all(bytes)
    }

    fn null_or_string(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.string(s),
            None => {
                self.buf.extend_from_slice(b"null");
                Ok(())
            }
        }
    }

    fn span(&mut self, span: Span) {
        self.open(b'{');
        self.key("start");
        self.number(span.start);
        self.key("end");
        self.number(span.end);
        self.close(b'}');
    }

    /// `"type": "…"`: type names need no escaping.
    fn relation_type(&mut self, kind: RelationType) {
        self.key("type");
        self.buf.push(b'"');
        self.buf.extend_from_slice(kind.as_str().as_bytes());
        self.buf.push(b'"');
    }

    fn origin(&mut self, origin: Origin) {
        self.buf.extend_from_slice(match origin {
            Origin::Machine => b"\"machine\"",
            Origin::User => b"\"user\"",
        });
    }

    fn mention(&mut self, m: &Mention) -> io::Result<()> {
        self.open(b'{');
        self.key("id");
        self.string(&m.id)?;
        self.key("actor");
        self.string(&m.actor)?;
        self.key("start");
        self.number(m.start);
        self.key("end");
        self.number(m.end);
        self.key("origin");
        self.origin(m.origin);
        self.close(b'}');
        self.spill()
    }

    fn statement(&mut self, s: &Statement) -> io::Result<()> {
        self.open(b'{');
        self.key("id");
        self.string(&s.id)?;
        self.key("speaker");
        self.string(&s.speaker)?;
        self.key("speaker_mention");
        self.null_or_string(s.speaker_mention.as_deref())?;
        self.key("cue");
        self.span(s.cue);
        self.key("content");
        self.span(s.content);
        self.list("targets", &s.targets, |j, t| j.string(t))?;
        self.relation_type(s.kind);
        self.key("quoted");
        self.buf
            .extend_from_slice(if s.quoted { b"true" } else { b"false" });
        self.key("origin");
        self.origin(s.origin);
        self.close(b'}');
        self.spill()
    }

    fn relation(&mut self, r: &Relation) -> io::Result<()> {
        self.open(b'{');
        self.key("source");
        self.string(&r.source)?;
        self.key("target");
        self.string(&r.target)?;
        self.relation_type(r.kind);
        self.list("statements", &r.statements, |j, s| j.string(s))?;
        self.list("evidence", &r.evidence, |j, &span| {
            j.span(span);
            j.spill()
        })?;
        self.close(b'}');
        self.spill()
    }

    /// A value written by serde_json, indented to where it stands.
    fn serde(&mut self, value: &impl Serialize) -> io::Result<()> {
        let bytes = if self.pretty {
            serde_json::to_vec_pretty(value)
        } else {
            serde_json::to_vec(value)
        }
        .map_err(io::Error::other)?;
        if self.pretty {
            // Strings in JSON hold no raw line break: each one starts a line to indent.
            for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if n > 0 {
                    self.newline();
                }
                self.buf.extend_from_slice(line);
            }
        } else {
            self.buf.extend_from_slice(&bytes);
        }
        self.spill()
    }

    /// Hands the buffer to the writer once it holds a chunk.
    fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.flush_buffer()?;
        }
        Ok(())
    }

    fn flush_buffer(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    fn flush(mut self) -> io::Result<()> {
        self.flush_buffer()
    }
}

/// Whether any of eight bytes is a control character, a quote or a backslash (the usual bit
/// tricks: a byte below `n`, a zero byte after xor; non-ASCII bytes never match).
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    control | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0
}

/// For each byte: 0 if it stands as it is, else the letter of its escape (`u` for `\u00XX`).
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Presentation, Removed, RemovedKind};

    fn both_ways(doc: &AnnotatedDocument) {
        let mut pretty = Vec::new();
        write_document(&mut pretty, doc, true).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            serde_json::to_string_pretty(doc).unwrap()
        );
        assert_eq!(
            String::from_utf8(to_json_line(doc)).unwrap(),
            serde_json::to_string(doc).unwrap()
        );
    }

    #[test]
    fn writes_what_serde_writes() {
        let text = include_str!("../../assets/samples/israel-iraq-unsc-2024-11-19.txt");
        let mut doc = crate::extract::annotate_text(text, Default::default());
        assert!(!doc.mentions.is_empty() && !doc.statements.is_empty());
        both_ways(&doc);
        // Escapes, empty lists, a user's removals and presentation, a statement with no
        // speaker mention.
        doc.text = "\"قال\"\\\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f} «نص»/ and a longer run: نص\"\u{0}"
            .to_string();
        doc.source.path = "C:\\news\\a \"b\".txt".to_string();
        doc.statements.truncate(2);
        doc.statements[0].speaker_mention = None;
        doc.statements[0].targets.clear();
        doc.statements[1].quoted = !doc.statements[1].quoted;
        doc.statements[1].origin = Origin::User;
        doc.mentions.truncate(1);
        doc.mentions[0].origin = Origin::User;
        doc.removed = vec![Removed {
            kind: RemovedKind::Mention,
            start: 1,
            end: 4,
        }];
        let mut presentation = Presentation::default();
        presentation.colours.insert("IRQ".into(), 3);
        presentation
            .graph_positions
            .insert("ISR".into(), [1.5, -0.25]);
        doc.presentation = presentation;
        both_ways(&doc);
        doc.mentions.clear();
        doc.statements.clear();
        doc.actors.clear();
        doc.relations.clear();
        both_ways(&doc);
    }
}
