//! Exports, each read back with a real parser: CSV with the `csv` crate, GraphML with an XML
//! parser, brat with a consistency checker of every offset and reference, JSON by a round trip.

mod common;
use common::marsad;

use marsad::export::{self, csv as csv_export, events, ExportFile, ExportFormat, MARSAD_VERSION};
use marsad::extract::annotate_text;
use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, Origin, Relation, RelationType, SourceInfo, Span,
    Statement, OFFSET_UNIT, SCHEMA,
};
use std::collections::{HashMap, HashSet};

const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);
const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");
const STEM: &str = "article";

fn sample() -> AnnotatedDocument {
    annotate_text(SAMPLE, SourceInfo::default())
}

fn char_span(text: &str, needle: &str) -> Span {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in text"));
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn actor(id: &str, en: &str, ar: &str, kind: ActorKind, affiliation: Option<&str>) -> Actor {
    Actor {
        id: id.into(),
        name_en: en.into(),
        name_ar: ar.into(),
        kind,
        affiliation: affiliation.map(Into::into),
        aliases: Vec::new(),
    }
}

/// A small document that stresses the writers: a content across a line break and a tab, quotes,
/// commas,
/// `<&>` in names and text, a target with no mention, a speaker without a mention, an actor that
/// the document does not list, a relation with no evidence, no date.
fn awkward() -> AnnotatedDocument {
    let text = "قال وزير الخارجية إن \"بلاده ترفض\nتدخل <إيران>\t& غيرها, نهائيا\" في بيان.\n\n\
                وأكدت شركة أكمي أن \"الموقف ثابت\".";
    let m = |id: &str, actor: &str, needle: &str| {
        let s = char_span(text, needle);
        Mention {
            id: id.into(),
            actor: actor.into(),
            start: s.start,
            end: s.end,
            origin: Origin::Machine,
        }
    };
    let st1 = Statement {
        id: "S1".into(),
        speaker: "P_x".into(),
        speaker_mention: Some("M1".into()),
        cue: char_span(text, "قال"),
        content: char_span(text, "بلاده ترفض\nتدخل <إيران>\t& غيرها, نهائيا"),
        targets: vec!["IRN".into(), "GHOST".into()],
        kind: RelationType::Reject,
        quoted: true,
        origin: Origin::Machine,
    };
    let st2 = Statement {
        id: "S2".into(),
        speaker: "ACME".into(),
        speaker_mention: None,
        cue: char_span(text, "وأكدت"),
        content: char_span(text, "الموقف ثابت"),
        targets: Vec::new(),
        kind: RelationType::Other,
        quoted: true,
        origin: Origin::User,
    };
    let ev1 = Span::new(st1.cue.start, st1.content.end);
    AnnotatedDocument {
        schema: SCHEMA.into(),
        source: SourceInfo {
            path: "dir/awk<ward>.txt".into(),
            ..SourceInfo::default()
        },
        text: text.into(),
        offsets: OFFSET_UNIT.into(),
        actors: vec![
            actor(
                "ACME",
                "Acme <&> \"Co\", Ltd",
                "شركة \"أكمي\"",
                ActorKind::Other,
                None,
            ),
            actor("IRN", "Iran", "إيران", ActorKind::State, None),
            actor(
                "P_x",
                "Foreign minister",
                "وزير الخارجية",
                ActorKind::Person,
                Some("ACME"),
            ),
        ],
        mentions: vec![
            m("M1", "P_x", "وزير الخارجية"),
            m("M2", "IRN", "إيران"),
            m("M3", "ACME", "شركة أكمي"),
        ],
        statements: vec![st1, st2],
        relations: vec![
            Relation {
                source: "ACME".into(),
                target: "IRN".into(),
                kind: RelationType::Reject,
                statements: vec!["S1".into()],
                evidence: vec![ev1, char_span(text, "تدخل <إيران>")],
            },
            Relation {
                source: "GHOST".into(),
                target: "IRN".into(),
                kind: RelationType::Other,
                statements: Vec::new(),
                evidence: Vec::new(),
            },
        ],
        removed: Vec::new(),
        presentation: Default::default(),
    }
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn file<'a>(files: &'a [ExportFile], name: &str) -> &'a ExportFile {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} among {:?}", names(files)))
}

fn names(files: &[ExportFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Reads a CSV export: checks the byte order mark, the header (with the trailing offset unit and
/// version columns) and those two columns on every record; returns the records by column name.
fn read_csv(bytes: &[u8], columns: &[&str]) -> Vec<HashMap<String, String>> {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let mut expected: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    expected.extend(["offset_unit".to_string(), "marsad_version".to_string()]);
    assert_eq!(header, expected);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.expect("a valid CSV record");
        let row: HashMap<String, String> = header
            .iter()
            .cloned()
            .zip(record.iter().map(String::from))
            .collect();
        assert_eq!(row["offset_unit"], "unicode-scalar");
        assert_eq!(row["marsad_version"], MARSAD_VERSION);
        rows.push(row);
    }
    rows
}

fn num(row: &HashMap<String, String>, column: &str) -> usize {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} is a number: {:?}", row[column]))
}

fn check_csv(doc: &AnnotatedDocument) {
    let files = export::export(doc, ExportFormat::Csv, STEM);
    assert_eq!(
        names(&files),
        [
            "article.mentions.csv",
            "article.statements.csv",
            "article.relations.csv"
        ]
    );
    let text = &doc.text;

    let mentions = read_csv(
        &file(&files, "article.mentions.csv").bytes,
        &csv_export::MENTION_COLUMNS,
    );
    assert_eq!(mentions.len(), doc.mentions.len());
    for (row, m) in mentions.iter().zip(&doc.mentions) {
        assert_eq!(row["id"], m.id);
        assert_eq!(row["actor"], m.actor);
        let a = doc.actor(&m.actor).expect("mentioned actor");
        assert_eq!(row["actor_name_en"], a.name_en);
        assert_eq!(row["actor_name_ar"], a.name_ar);
        assert_eq!((num(row, "start"), num(row, "end")), (m.start, m.end));
        assert_eq!(row["text"], slice(text, m.start, m.end));
    }

    let statements = read_csv(
        &file(&files, "article.statements.csv").bytes,
        &csv_export::STATEMENT_COLUMNS,
    );
    assert_eq!(statements.len(), doc.statements.len());
    for (row, s) in statements.iter().zip(&doc.statements) {
        assert_eq!(row["id"], s.id);
        assert_eq!(row["speaker"], s.speaker);
        assert_eq!(row["speaker_top_level"], doc.top_level(&s.speaker));
        let (cs, ce) = (num(row, "cue_start"), num(row, "cue_end"));
        assert_eq!((cs, ce), (s.cue.start, s.cue.end));
        assert_eq!(row["cue_text"], slice(text, cs, ce));
        let (ks, ke) = (num(row, "content_start"), num(row, "content_end"));
        assert_eq!((ks, ke), (s.content.start, s.content.end));
        assert_eq!(row["content_text"], slice(text, ks, ke));
        let targets: Vec<&str> = row["targets"]
            .split(';')
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(targets, s.targets);
        assert_eq!(
            row["target_names"].split(';').count(),
            s.targets.len().max(1)
        );
        assert_eq!(row["type"], s.kind.as_str());
        assert_eq!(row["quoted"], s.quoted.to_string());
    }

    let relations = read_csv(
        &file(&files, "article.relations.csv").bytes,
        &csv_export::RELATION_COLUMNS,
    );
    assert_eq!(relations.len(), doc.relations.len());
    for (row, r) in relations.iter().zip(&doc.relations) {
        assert_eq!(
            (row["source"].as_str(), row["target"].as_str()),
            (r.source.as_str(), r.target.as_str())
        );
        assert_eq!(row["type"], r.kind.as_str());
        assert_eq!(row["statements"], r.statements.join(";"));
        let spans: Vec<(usize, usize)> = row["evidence_spans"]
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (a, b) = s.split_once('-').expect("start-end");
                (a.parse().unwrap(), b.parse().unwrap())
            })
            .collect();
        let expected: Vec<(usize, usize)> = r.evidence.iter().map(|e| (e.start, e.end)).collect();
        assert_eq!(spans, expected);
        let first = spans
            .first()
            .map(|&(s, e)| slice(text, s, e))
            .unwrap_or_default();
        assert_eq!(row["evidence_text"], first);
    }
}

#[test]
fn csv_tables_parse_and_match_the_text() {
    let doc = sample();
    assert!(!doc.mentions.is_empty() && !doc.statements.is_empty() && !doc.relations.is_empty());
    check_csv(&doc);
}

#[test]
fn csv_quotes_line_breaks_commas_and_quotes() {
    let doc = awkward();
    check_csv(&doc);
    let files = export::export(&doc, ExportFormat::Csv, STEM);
    let raw = String::from_utf8(file(&files, "article.mentions.csv").bytes.clone()).unwrap();
    assert!(raw.contains("\"Acme <&> \"\"Co\"\", Ltd\""), "{raw}");
    assert!(raw.ends_with("\r\n"));
}

// ---------------------------------------------------------------------------------------------
// brat

/// What an annotation.conf declares.
#[derive(Default, Debug)]
struct BratConf {
    entities: HashSet<String>,
    /// relation type → argument roles
    relations: HashMap<String, HashSet<String>>,
    /// event type → argument roles
    events: HashMap<String, HashSet<String>>,
    attributes: HashSet<String>,
}

fn parse_conf(conf: &str) -> (BratConf, Vec<String>) {
    let mut c = BratConf::default();
    let mut problems = Vec::new();
    let mut section = String::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for line in conf.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let (ty, args) = trimmed.split_once('\t').unwrap_or((trimmed, ""));
        let roles: HashSet<String> = args
            .split(',')
            .filter(|a| !a.trim().is_empty())
            .map(|a| {
                let role = a.trim().split_once(':').expect("role:types").0;
                role.trim_end_matches(['?', '*', '+']).to_string()
            })
            .collect();
        if let Some(other) = seen.insert(ty.to_string(), section.clone()) {
            problems.push(format!("{ty} declared in [{other}] and [{section}]"));
        }
        match section.as_str() {
            "entities" => {
                c.entities.insert(ty.to_string());
            }
            "relations" => {
                c.relations.insert(ty.to_string(), roles);
            }
            "events" => {
                c.events.insert(ty.to_string(), roles);
            }
            "attributes" => {
                c.attributes.insert(ty.to_string());
            }
            other => problems.push(format!("unexpected section [{other}]")),
        }
    }
    for s in ["entities", "relations", "events", "attributes"] {
        if !conf.contains(&format!("[{s}]")) {
            problems.push(format!("missing section [{s}]"));
        }
    }
    (c, problems)
}

/// A brat consistency check: every T line's text equals the text at its offsets (fragments joined
/// by a space) and contains no line break, every argument of E/R/N/A/# lines names an existing
/// annotation, and every type, role and attribute is declared in annotation.conf. Returns the
/// problems and the types used.
fn check_brat(text: &str, ann: &str, conf: &str) -> (Vec<String>, HashSet<String>) {
    let (conf, mut problems) = parse_conf(conf);
    let chars: Vec<char> = text.chars().collect();
    let mut ids: HashMap<String, String> = HashMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default().to_string();
        let ty = fields
            .next()
            .and_then(|f| f.split([' ', ':']).next())
            .unwrap_or_default()
            .to_string();
        if ids.insert(id.clone(), ty).is_some() {
            problems.push(format!("duplicate id {id}"));
        }
    }
    let mut used = HashSet::new();
    let strip_number = |role: &str| {
        role.trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string()
    };
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let id = fields[0];
        let refer = |target: &str, problems: &mut Vec<String>| {
            if !ids.contains_key(target) {
                problems.push(format!("{id}: unknown annotation {target}"));
            }
        };
        match id.chars().next() {
            Some('T') => {
                let [_, head, surface] = fields[..] else {
                    problems.push(format!("{id}: not three fields"));
                    continue;
                };
                let (ty, offsets) = head.split_once(' ').expect("type and offsets");
                used.insert(ty.to_string());
                if !conf.entities.contains(ty) && !conf.events.contains_key(ty) {
                    problems.push(format!("{id}: undeclared text-bound type {ty}"));
                }
                let mut pieces = Vec::new();
                for frag in offsets.split(';') {
                    let (s, e) = frag.split_once(' ').expect("start end");
                    let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                    if s >= e || e > chars.len() {
                        problems.push(format!("{id}: bad fragment {s} {e}"));
                        continue;
                    }
                    let piece: String = chars[s..e].iter().collect();
                    if piece.contains(['\n', '\r']) {
                        problems.push(format!("{id}: fragment {s} {e} contains a line break"));
                    }
                    pieces.push(piece);
                }
                if pieces.join(" ") != surface {
                    problems.push(format!(
                        "{id}: text {surface:?} is not {:?}",
                        pieces.join(" ")
                    ));
                }
            }
            Some('E') => {
                let mut args = fields[1].split(' ');
                let (ty, trigger) = args.next().unwrap().split_once(':').unwrap();
                used.insert(ty.to_string());
                refer(trigger, &mut problems);
                if ids.get(trigger).map(String::as_str) != Some(ty) {
                    problems.push(format!("{id}: trigger {trigger} is not a {ty}"));
                }
                let Some(roles) = conf.events.get(ty) else {
                    problems.push(format!("{id}: undeclared event type {ty}"));
                    continue;
                };
                for arg in args {
                    let (role, target) = arg.split_once(':').expect("role:id");
                    refer(target, &mut problems);
                    if !roles.contains(&strip_number(role)) {
                        problems.push(format!("{id}: role {role} not declared for {ty}"));
                    }
                }
            }
            Some('R') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                let ty = parts[0];
                used.insert(ty.to_string());
                match conf.relations.get(ty) {
                    Some(roles) => {
                        for arg in &parts[1..] {
                            let (role, target) = arg.split_once(':').expect("role:id");
                            refer(target, &mut problems);
                            if !roles.contains(role) {
                                problems.push(format!("{id}: role {role} not declared for {ty}"));
                            }
                        }
                        if parts.len() != 3 {
                            problems.push(format!("{id}: not two arguments"));
                        }
                    }
                    None => problems.push(format!("{id}: undeclared relation type {ty}")),
                }
            }
            Some('N') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                if parts[0] != "Reference" || parts.len() != 3 || !parts[2].contains(':') {
                    problems.push(format!("{id}: malformed normalization"));
                }
                refer(parts[1], &mut problems);
            }
            Some('A') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                used.insert(parts[0].to_string());
                if !conf.attributes.contains(parts[0]) {
                    problems.push(format!("{id}: undeclared attribute {}", parts[0]));
                }
                refer(parts[1], &mut problems);
            }
            Some('#') => {
                let (kind, target) = fields[1].split_once(' ').expect("AnnotatorNotes ID");
                if kind != "AnnotatorNotes" || fields.len() != 3 {
                    problems.push(format!("{id}: malformed note"));
                }
                refer(target, &mut problems);
            }
            _ => problems.push(format!("unknown line {line:?}")),
        }
    }
    (problems, used)
}

fn brat_files(doc: &AnnotatedDocument) -> (String, String, String) {
    let files = export::export(doc, ExportFormat::Brat, STEM);
    assert_eq!(
        names(&files),
        ["article.txt", "article.ann", "annotation.conf"]
    );
    let s = |name: &str| String::from_utf8(file(&files, name).bytes.clone()).expect("UTF-8");
    (s("article.txt"), s("article.ann"), s("annotation.conf"))
}

fn count(ann: &str, prefix: char) -> usize {
    ann.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn brat_standoff_is_consistent() {
    let doc = sample();
    let (txt, ann, conf) = brat_files(&doc);
    assert_eq!(txt, doc.text, "the .txt is exactly the document text");
    let (problems, used) = check_brat(&txt, &ann, &conf);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(count(&ann, 'N'), doc.mentions.len());
    assert_eq!(count(&ann, 'E'), doc.statements.len());
    assert_eq!(
        count(&ann, 'A'),
        doc.statements.iter().filter(|s| s.quoted).count()
    );
    assert!(
        count(&ann, 'R') > doc.relations.len() / 2,
        "most relations drawn"
    );
    for ty in [
        "State",
        "Person",
        "Igo",
        "Content",
        "Appeal",
        "Demand",
        "AppealRel",
        "Quoted",
    ] {
        assert!(used.contains(ty), "{ty} used");
    }
    assert!(conf.contains(&format!("Marsad {MARSAD_VERSION}")));
    assert!(conf.contains("unicode-scalar"));
    // Every mention is normalised to its actor.
    assert!(ann.contains("\tReference T1 marsad:ISR\tIsrael\n"), "{ann}");
}

#[test]
fn brat_splits_spans_at_line_breaks_and_notes_what_it_cannot_tie() {
    let doc = awkward();
    let (txt, ann, conf) = brat_files(&doc);
    let (problems, used) = check_brat(&txt, &ann, &conf);
    assert!(problems.is_empty(), "{problems:#?}\n{ann}");
    let content = ann
        .lines()
        .find(|l| l.contains("\tContent ") && l.contains("ترفض"))
        .expect("the content of S1");
    let offsets = content.split('\t').nth(1).unwrap();
    assert_eq!(
        offsets.matches(';').count(),
        2,
        "three fragments: {content}"
    );
    assert!(used.contains("OtherAct") && used.contains("Other") && used.contains("RejectRel"));
    assert!(ann.contains("target GHOST has no mention"), "{ann}");
    assert!(ann.contains("speaker ACME"), "{ann}");
}

#[test]
fn brat_checker_catches_broken_files() {
    let doc = sample();
    let (txt, ann, conf) = brat_files(&doc);
    let shifted = ann.replacen("State 0 7", "State 1 8", 1);
    assert!(!check_brat(&txt, &shifted, &conf).0.is_empty());
    let dangling = format!("{ann}R999\tAppealRel Arg1:T1 Arg2:T99999\n");
    assert!(!check_brat(&txt, &dangling, &conf).0.is_empty());
    let undeclared = conf.replace("Quoted\tArg:<EVENT>", "");
    assert!(!check_brat(&txt, &ann, &undeclared).0.is_empty());
}

// ---------------------------------------------------------------------------------------------
// GraphML

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

struct Graph {
    data: HashMap<String, String>,
    nodes: HashMap<String, HashMap<String, String>>,
    edges: Vec<(String, String, HashMap<String, String>)>,
}

/// Parses the GraphML, checking that every `<data>` refers to a key declared for its element,
/// with attr.type string (double for weight, float for Gephi's x, y and size, int for its r, g,
/// b); attribute names replace key ids.
fn read_graphml(bytes: &[u8]) -> Graph {
    let xml = std::str::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(root.tag_name().namespace(), Some(GRAPHML_NS));
    let mut keys: HashMap<String, (String, String)> = HashMap::new();
    for k in root
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
    {
        let id = k.attribute("id").expect("key id").to_string();
        let domain = k.attribute("for").expect("key for").to_string();
        let name = k.attribute("attr.name").expect("attr.name").to_string();
        let ty = k.attribute("attr.type").expect("attr.type");
        let expected = match name.as_str() {
            "weight" => "double",
            "x" | "y" | "size" => "float",
            "r" | "g" | "b" => "int",
            _ => "string",
        };
        assert_eq!(ty, expected, "{name}");
        assert!(keys.insert(id, (domain, name)).is_none(), "key ids unique");
    }
    let data = |n: roxmltree::Node, domain: &str| -> HashMap<String, String> {
        n.children()
            .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
            .map(|d| {
                let key = d.attribute("key").expect("data key");
                let (for_, name) = keys
                    .get(key)
                    .unwrap_or_else(|| panic!("key {key} declared"));
                assert_eq!(for_, domain, "key {key} declared for {domain}");
                (name.clone(), d.text().unwrap_or_default().to_string())
            })
            .collect()
    };
    let graph = root
        .children()
        .find(|n| n.has_tag_name((GRAPHML_NS, "graph")))
        .expect("a graph");
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let mut g = Graph {
        data: data(graph, "graph"),
        nodes: HashMap::new(),
        edges: Vec::new(),
    };
    for n in graph.children().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "node" => {
                let id = n.attribute("id").expect("node id").to_string();
                assert!(
                    g.nodes.insert(id, data(n, "node")).is_none(),
                    "node ids unique"
                );
            }
            "edge" => g.edges.push((
                n.attribute("source").expect("source").to_string(),
                n.attribute("target").expect("target").to_string(),
                data(n, "edge"),
            )),
            "data" => {}
            other => panic!("unexpected <{other}>"),
        }
    }
    g
}

fn check_graphml(doc: &AnnotatedDocument) -> Graph {
    let files = export::export(doc, ExportFormat::Graphml, STEM);
    assert_eq!(names(&files), ["article.graphml"]);
    let g = read_graphml(&files[0].bytes);
    assert_eq!(g.data["marsad_version"], MARSAD_VERSION);
    assert_eq!(g.data["offset_unit"], "unicode-scalar");

    let mut expected: HashSet<String> = doc
        .mentions
        .iter()
        .map(|m| doc.top_level(&m.actor))
        .collect();
    for r in &doc.relations {
        expected.insert(r.source.clone());
        expected.insert(r.target.clone());
    }
    let nodes: HashSet<String> = g.nodes.keys().cloned().collect();
    assert_eq!(nodes, expected);
    for (id, attrs) in &g.nodes {
        assert_eq!(&attrs["actor_id"], id);
        if let Some(a) = doc.actor(id) {
            assert_eq!(attrs["name_ar"], a.name_ar);
            assert_eq!(attrs["name_en"], a.name_en);
            assert_eq!(attrs["kind"], marsad::export::kind_name(a.kind));
            assert_ne!(a.kind, ActorKind::Person, "persons roll up");
        }
    }
    assert_eq!(g.edges.len(), doc.relations.len());
    for ((source, target, attrs), r) in g.edges.iter().zip(&doc.relations) {
        assert!(g.nodes.contains_key(source) && g.nodes.contains_key(target));
        assert_eq!((source, target), (&r.source, &r.target));
        assert_eq!(attrs["type"], r.kind.as_str());
        let texts: Vec<String> = r.evidence.iter().map(|&e| doc.slice(e)).collect();
        assert_eq!(attrs["evidence"], texts.join(" | "));
        let weight: f64 = attrs["weight"].parse().expect("a number");
        assert!(weight >= r.statements.len() as f64 && weight >= 1.0 || r.evidence.is_empty());
    }
    g
}

#[test]
fn graphml_is_the_actor_graph() {
    let doc = sample();
    let g = check_graphml(&doc);
    assert_eq!(g.nodes["ISR"]["name_ar"], "إسرائيل");
    assert_eq!(g.nodes["IRQ"]["name_ar"], "العراق");
    assert!(!g.nodes.contains_key("SAAR"), "Saar is counted for Israel");
    let weight = |s: &str, t: &str, ty: &str| -> String {
        g.edges
            .iter()
            .find(|(a, b, d)| a == s && b == t && d["type"] == ty)
            .map(|(_, _, d)| d["weight"].clone())
            .unwrap_or_else(|| panic!("{s} {ty} {t}"))
    };
    // Three statements; five narrator evidences; one statement plus one narrator evidence.
    let expect = |s: &str, t: &str, ty: &str| {
        let r = doc
            .relations
            .iter()
            .find(|r| r.source == s && r.target == t && r.kind.as_str() == ty)
            .unwrap();
        marsad::export::relation_weight(&doc, r).to_string()
    };
    for (s, t, ty) in [
        ("ISR", "UNSC", "appeal"),
        ("IRN", "ARMED_FACTIONS", "cooperate"),
        ("IRI", "ISR", "attack"),
    ] {
        assert_eq!(weight(s, t, ty), expect(s, t, ty));
    }
    let isr_unsc = doc
        .relations
        .iter()
        .find(|r| r.source == "ISR" && r.target == "UNSC" && r.kind == RelationType::Appeal)
        .unwrap();
    assert_eq!(
        marsad::export::relation_weight(&doc, isr_unsc),
        isr_unsc.statements.len()
    );
}

#[test]
fn graphml_escapes_markup() {
    let doc = awkward();
    let g = check_graphml(&doc);
    assert_eq!(g.nodes["ACME"]["name_en"], "Acme <&> \"Co\", Ltd");
    assert_eq!(g.nodes["ACME"]["name_ar"], "شركة \"أكمي\"");
    assert_eq!(g.nodes["GHOST"]["name_en"], "");
    assert_eq!(g.data["source_path"], "dir/awk<ward>.txt");
    // One statement plus one narrator evidence.
    assert_eq!(g.edges[0].2["weight"], "2");
    assert!(g.edges[0].2["evidence"].contains("ترفض\nتدخل <إيران>\t&"));
}

// ---------------------------------------------------------------------------------------------
// events

#[test]
fn events_have_date_cameo_codes_and_evidence() {
    let doc = sample();
    let files = export::export(&doc, ExportFormat::Events, STEM);
    assert_eq!(names(&files), ["article.events.csv"]);
    let rows = read_csv(&files[0].bytes, &events::EVENT_COLUMNS);
    assert_eq!(rows.len(), doc.relations.len());
    let roots: HashMap<&str, &str> = [
        ("statement", "01"),
        ("appeal", "02"),
        ("meet", "04"),
        ("cooperate", "05"),
        ("demand", "10"),
        ("accuse", "11"),
        ("reject", "12"),
        ("threaten", "13"),
        ("pressure", "17"),
        ("attack", "19"),
        ("other", ""),
    ]
    .into();
    for (row, r) in rows.iter().zip(&doc.relations) {
        assert_eq!(
            row["date"], "2024-11-19",
            "the article's dateline 2024/11/19"
        );
        assert_eq!(row["source_id"], r.source);
        assert_eq!(row["target_id"], r.target);
        assert_eq!(row["type"], r.kind.as_str());
        assert_eq!(row["cameo_root"], roots[r.kind.as_str()]);
        let e = r.evidence[0];
        assert_eq!((num(row, "start"), num(row, "end")), (e.start, e.end));
        assert_eq!(row["evidence_text"], doc.slice(e));
        assert!(!row["source_cameo"].is_empty() && !row["target_cameo"].is_empty());
    }
    let find = |s: &str, t: &str| {
        rows.iter()
            .find(|r| r["source_id"] == s && r["target_id"] == t)
    };
    let isr_unsc = find("ISR", "UNSC").expect("ISR → UNSC");
    assert_eq!(isr_unsc["source_cameo"], "ISR");
    assert_eq!(isr_unsc["target_cameo"], "IGOUNO");
    assert_eq!(isr_unsc["source_name"], "Israel");
    // A coalition member's statements count for the coalition, with its code.
    let slc = find("SLC", "ISR").expect("SLC → ISR");
    assert_eq!(slc["source_cameo"], "IRQPTY");
    assert!(rows
        .iter()
        .any(|r| r["type"] == "attack" && r["cameo_root"] == "19"));
}

#[test]
fn events_without_a_date_or_a_known_actor_leave_cells_empty() {
    let doc = awkward();
    let files = export::export(&doc, ExportFormat::Events, STEM);
    let rows = read_csv(&files[0].bytes, &events::EVENT_COLUMNS);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["date"], "");
    assert_eq!(rows[0]["cameo_root"], "12");
    assert_eq!(rows[0]["target_cameo"], "IRN");
    assert_eq!(rows[0]["source_cameo"], "", "ACME is not in the gazetteer");
    assert_eq!(rows[1]["cameo_root"], "");
    assert_eq!(
        (rows[1]["start"].as_str(), rows[1]["evidence_text"].as_str()),
        ("", "")
    );
    assert_eq!(
        marsad::extract::dates::date_in_text("نشر في 19 تشرين الثاني 2024").as_deref(),
        Some("2024-11-19")
    );
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_round_trips() {
    for doc in [sample(), awkward()] {
        let files = export::export(&doc, ExportFormat::Json, STEM);
        assert_eq!(names(&files), ["article.json"]);
        let back = export::read_json(&files[0].bytes).expect("reads back");
        assert_eq!(back, doc);
        let again = export::export(&back, ExportFormat::Json, STEM);
        assert_eq!(again, files, "byte-identical on a second export");
    }
    let mut other = serde_json::to_value(awkward()).unwrap();
    other["schema"] = "marsad/2".into();
    let err = export::read_json(other.to_string().as_bytes()).unwrap_err();
    assert!(err.to_string().contains("marsad/2"), "{err}");
    assert!(export::read_json(b"{").is_err());
}

#[test]
fn json_matches_what_extract_prints() {
    let out = marsad(&["extract", SAMPLE_PATH]);
    assert_eq!(out.status.code(), Some(0));
    let doc = export::read_json(&out.stdout).expect("marsad/1");
    assert_eq!(
        export::export(&doc, ExportFormat::Json, "x")[0].bytes,
        out.stdout
    );
}

#[test]
fn format_names() {
    for f in ExportFormat::ALL {
        assert_eq!(f.to_string().parse::<ExportFormat>(), Ok(f));
    }
    assert!("xlsx".parse::<ExportFormat>().is_err());
}

// ---------------------------------------------------------------------------------------------
// CLI

#[test]
fn cli_writes_csv_files_into_a_new_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("out").join("csv");
    let out = marsad(&[
        "extract",
        SAMPLE_PATH,
        "--format",
        "csv",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    common::assert_success(&out);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.is_empty(), "paths only on a terminal");
    let doc = sample();
    for (table, columns, n) in [
        (
            "mentions",
            &csv_export::MENTION_COLUMNS[..],
            doc.mentions.len(),
        ),
        (
            "statements",
            &csv_export::STATEMENT_COLUMNS[..],
            doc.statements.len(),
        ),
        (
            "relations",
            &csv_export::RELATION_COLUMNS[..],
            doc.relations.len(),
        ),
    ] {
        let path = out_dir.join(format!("israel-iraq-unsc-2024-11-19.{table}.csv"));
        let bytes = std::fs::read(&path).expect("written");
        assert_eq!(read_csv(&bytes, columns).len(), n, "{table}");
    }
}

#[test]
fn cli_brat_never_overwrites_an_input_and_keeps_stems_apart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("article.txt");
    std::fs::copy(SAMPLE_PATH, &input).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let other = sub.join("article.txt");
    std::fs::copy(SAMPLE_PATH, &other).unwrap();
    let before = std::fs::read(&input).unwrap();

    // Into the input's own directory: article.txt would be replaced by the cleaned text.
    let out = marsad(&[
        "extract",
        input.to_str().unwrap(),
        "--format",
        "brat",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "an unusable output path");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is the input file"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), before);

    // Two inputs with the same stem into another directory.
    let out_dir = dir.path().join("brat");
    let out = marsad(&[
        "extract",
        input.to_str().unwrap(),
        other.to_str().unwrap(),
        "--format",
        "brat",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    common::assert_success(&out);
    let conf = std::fs::read_to_string(out_dir.join("annotation.conf")).unwrap();
    for stem in ["article", "article-2"] {
        let txt = std::fs::read_to_string(out_dir.join(format!("{stem}.txt"))).unwrap();
        let ann = std::fs::read_to_string(out_dir.join(format!("{stem}.ann"))).unwrap();
        let (problems, _) = check_brat(&txt, &ann, &conf);
        assert!(problems.is_empty(), "{stem}: {problems:#?}");
    }
}

#[test]
fn cli_output_that_is_a_file_is_a_bad_argument() {
    let dir = tempfile::tempdir().expect("temp dir");
    let not_dir = dir.path().join("file");
    std::fs::write(&not_dir, "x").unwrap();
    let out = marsad(&[
        "extract",
        SAMPLE_PATH,
        "--format",
        "graphml",
        "-o",
        not_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
