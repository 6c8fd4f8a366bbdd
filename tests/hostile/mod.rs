//! What must hold for any annotated document, whatever text it came from: shared by the property
//! tests (`proptest_pipeline.rs`) and the failures they found (`hostile_regressions.rs`).

use marsad::export::{self, ExportFormat};
use marsad::extract::{Extractor, Gazetteer};
use marsad::model::{AnnotatedDocument, Span};
use std::collections::HashSet;
use std::sync::OnceLock;

/// One extractor with the bundled gazetteer for every case (building one takes a while).
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::builtin()))
}

/// The text with the byte offset of every character offset (one past the last included), to
/// check spans in constant time each.
struct Offsets<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Offsets<'a> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Offsets { text, bytes }
    }

    fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// A span must be ordered, inside the text, and, turned into byte offsets, fall on character
    /// boundaries.
    fn check(&self, span: Span, what: &str) {
        assert!(
            span.start <= span.end && span.end <= self.chars(),
            "{what} {span:?} outside the text of {} characters",
            self.chars()
        );
        let (start, end) = (self.bytes[span.start], self.bytes[span.end]);
        assert!(self.text.is_char_boundary(start) && self.text.is_char_boundary(end));
    }

    fn slice(&self, span: Span) -> &'a str {
        &self.text[self.bytes[span.start]..self.bytes[span.end]]
    }
}

/// Offsets in range, mentions in order and not overlapping, every id that is referred to exists.
pub fn check_document(doc: &AnnotatedDocument) {
    let offsets = Offsets::new(&doc.text);
    let actors: HashSet<&str> = doc.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(actors.len(), doc.actors.len(), "actor ids are unique");
    let mut mention_ids = HashSet::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        offsets.check(m.span(), "mention");
        assert!(!m.span().is_empty(), "empty mention {m:?}");
        assert!(actors.contains(m.actor.as_str()), "unknown actor {m:?}");
        assert!(
            mention_ids.insert(m.id.as_str()),
            "mention id twice: {}",
            m.id
        );
        if let Some(next) = doc.mentions.get(i + 1) {
            assert!(
                m.end <= next.start,
                "mentions overlap or are out of order: {m:?} {next:?}"
            );
        }
    }
    let mut statement_ids = HashSet::new();
    for s in &doc.statements {
        offsets.check(s.cue, "statement cue");
        offsets.check(s.content, "statement content");
        assert!(!s.content.is_empty(), "empty statement content {s:?}");
        assert!(actors.contains(s.speaker.as_str()), "unknown speaker {s:?}");
        for t in &s.targets {
            assert!(actors.contains(t.as_str()), "unknown target {t} in {s:?}");
        }
        if let Some(m) = &s.speaker_mention {
            assert!(
                mention_ids.contains(m.as_str()),
                "unknown speaker mention {s:?}"
            );
        }
        assert!(
            statement_ids.insert(s.id.as_str()),
            "statement id twice: {}",
            s.id
        );
    }
    for r in &doc.relations {
        for &e in &r.evidence {
            offsets.check(e, "relation evidence");
        }
        for s in &r.statements {
            assert!(
                statement_ids.contains(s.as_str()),
                "unknown statement {s} in {r:?}"
            );
        }
        assert_ne!(r.source, r.target, "an actor relates to itself: {r:?}");
    }
}

fn file<'a>(files: &'a [export::ExportFile], suffix: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|f| f.name.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} file"))
        .bytes
}

fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("exports are UTF-8")
}

/// Every record of a CSV file, after checking the header (which ends with the offset unit and the
/// Marsad version) and that every record has as many fields.
fn csv_records(bytes: &[u8], first_column: &str) -> Vec<csv::StringRecord> {
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte order mark");
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header = reader.headers().expect("a CSV header").clone();
    assert_eq!(&header[0], first_column);
    reader
        .records()
        .map(|r| r.expect("a well-formed CSV record"))
        .collect()
}

/// The brat `.ann`: one annotation a line; every `T` text is the article's characters at its
/// fragments (joined by a space); every id an annotation refers to is defined.
fn check_brat(doc: &AnnotatedDocument, files: &[export::ExportFile]) {
    assert_eq!(utf8(file(files, ".txt")), doc.text, "the .txt is the text");
    let chars: Vec<char> = doc.text.chars().collect();
    let ann = utf8(file(files, ".ann"));
    assert!(!ann.contains('\r'), "a CR would split a line of the .ann");
    let mut defined = HashSet::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let id = fields[0];
        assert!(defined.insert(id.to_string()), "{id} defined twice");
        if !id.starts_with('T') {
            continue;
        }
        assert_eq!(
            fields.len(),
            3,
            "T line with {} fields: {line:?}",
            fields.len()
        );
        let (_, offsets) = fields[1].split_once(' ').expect("type and offsets");
        let mut texts = Vec::new();
        for fragment in offsets.split(';') {
            let (s, e) = fragment.split_once(' ').expect("start end");
            let (s, e): (usize, usize) = (s.parse().expect("start"), e.parse().expect("end"));
            assert!(
                s < e && e <= chars.len(),
                "fragment {s}-{e} out of the text"
            );
            texts.push(chars[s..e].iter().collect::<String>());
        }
        assert_eq!(
            fields[2],
            texts.join(" "),
            "T text differs from the article: {line:?}"
        );
    }
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[0].starts_with('T') {
            continue;
        }
        assert!(fields.len() >= 2, "{line:?}");
        for arg in fields[1].split(' ').skip(1) {
            let reference = arg.rsplit(':').next().unwrap_or(arg);
            if arg.starts_with("marsad:") {
                continue;
            }
            assert!(
                defined.contains(reference),
                "{reference} undefined in {line:?}"
            );
        }
    }
}

/// Every export of `doc` is well formed and agrees with the document; the JSON reads back equal.
pub fn check_exports(doc: &AnnotatedDocument) {
    for format in ExportFormat::ALL {
        let files = export::export(doc, format, "article");
        match format {
            ExportFormat::Json => {
                let back = export::read_json(file(&files, ".json")).expect("JSON reads back");
                assert_eq!(&back, doc, "JSON round trip");
            }
            ExportFormat::Csv => {
                let mentions = csv_records(file(&files, ".mentions.csv"), "id");
                assert_eq!(mentions.len(), doc.mentions.len());
                let offsets = Offsets::new(&doc.text);
                for (row, m) in mentions.iter().zip(&doc.mentions) {
                    assert_eq!(&row[7], offsets.slice(m.span()), "mention text in the CSV");
                }
                let statements = csv_records(file(&files, ".statements.csv"), "id");
                assert_eq!(statements.len(), doc.statements.len());
                let relations = csv_records(file(&files, ".relations.csv"), "source");
                assert_eq!(relations.len(), doc.relations.len());
            }
            ExportFormat::Brat => check_brat(doc, &files),
            ExportFormat::Graphml => {
                let xml = utf8(file(&files, ".graphml"));
                let parsed = roxmltree::Document::parse(xml)
                    .unwrap_or_else(|e| panic!("GraphML is not XML: {e}"));
                let edges = parsed
                    .descendants()
                    .filter(|n| n.has_tag_name("edge"))
                    .count();
                assert!(edges <= doc.relations.len());
            }
            ExportFormat::Events => {
                let events = csv_records(file(&files, ".events.csv"), "date");
                assert_eq!(events.len(), doc.relations.len());
            }
        }
    }
}
