//! Hostile input, generated: bytes in every encoding Marsad reads (and broken ones), through ingest,
//! extraction and every export, and documents through the sidecar. Nothing may panic, and what comes
//! out must be consistent with the text (see `check_document` and `check_exports`).
//!
//! `cargo test --test proptest_pipeline` runs a few thousand cases with a fixed seed. The long run
//! (docs/guarantees.md) raises the case count and picks a new seed:
//!
//! ```sh
//! PROPTEST_CASES=100000 PROPTEST_RNG_SEED=$RANDOM cargo test --release --test proptest_pipeline
//! ```
//!
//! A failure prints the smallest input that still fails; it goes into `tests/hostile_regressions.rs`.

mod hostile;

use hostile::{check_document, check_exports, extractor};
use marsad::edit::{Edit, History};
use marsad::model::{AnnotatedDocument, RelationType, SourceInfo, Span};
use marsad::sidecar;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// The configuration of every property here: `default_cases` cases and a fixed seed, unless
/// `PROPTEST_CASES` / `PROPTEST_RNG_SEED` say otherwise.
fn config(default_cases: u32) -> Config {
    let mut config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x6d61_7273_6164);
    }
    config
}

/// The sample article, to cut realistic fragments from (actors, reporting words, quotes).
const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");

const ARABIC_WORDS: &[&str] = &[
    "قال",
    "وقال",
    "أكد",
    "وأكد",
    "دعا",
    "طالب",
    "هدد",
    "رفض",
    "اتهم",
    "أعلن",
    "إن",
    "أن",
    "إسرائيل",
    "الإسرائيلي",
    "العراق",
    "العراقية",
    "إيران",
    "طهران",
    "بغداد",
    "واشنطن",
    "الولايات المتحدة",
    "مجلس الأمن",
    "الأمم المتحدة",
    "وزير الخارجية",
    "حزب الله",
    "المقاومة الإسلامية في العراق",
    "الرئيس",
    "المتحدث باسم",
    "عباس عراقجي",
    "لـ",
    "و",
    "ال",
    "ـــ",
    "«",
    "»",
    "\"",
    ":",
    "،",
    ".",
    "؟",
    "١٢",
    "٢٠٢٤",
    "يوم الثلاثاء",
];

const LATIN_WORDS: &[&str] = &[
    "UN",
    "Security Council",
    "Israel",
    "said",
    "AFP",
    "(Reuters)",
    "e.g.",
    "http://x.y/z?a=1&b=2",
];

/// Characters that break naive text handling: bidi controls, separators, joiners, combining
/// marks, emoji sequences, controls, markup.
const SPECIALS: &[&str] = &[
    "\u{200E}",
    "\u{200F}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{2028}",
    "\u{2029}",
    "\u{200C}",
    "\u{200D}",
    "\u{064B}",
    "\u{064E}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    "\u{0301}",
    "\u{0300}",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "🇮🇶",
    "\u{FE0F}",
    "\0",
    "\r",
    "\n",
    "\r\n",
    "\n\n",
    "\n\r",
    "\t",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{85}",
    "\u{0B}",
    "\u{0C}",
    "\u{1B}",
    "\u{7F}",
    " ",
    "  ",
    "\u{A0}",
    "\u{3000}",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "<p>",
    "</p>",
    "<div>",
    "<br>",
    "<script>",
    "<title>",
    "<!--",
    "-->",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\u{E000}",
];

fn one_of(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(words).prop_map(str::to_string)
}

/// A stretch of the sample, cut anywhere.
fn sample_cut() -> impl Strategy<Value = String> {
    let len = SAMPLE.chars().count();
    (0..len, 0..600usize)
        .prop_map(|(start, take)| SAMPLE.chars().skip(start).take(take).collect::<String>())
}

/// A long line without a break.
fn huge_line() -> impl Strategy<Value = String> {
    (one_of(ARABIC_WORDS), 500..4000usize).prop_map(|(word, n)| {
        let mut line = String::with_capacity(n * (word.len() + 1));
        for _ in 0..n {
            line.push_str(&word);
            line.push(' ');
        }
        line
    })
}

/// Text mixing everything above but huge lines (which make a case a hundred times slower: they
/// have a property of their own).
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => sample_cut(),
        6 => one_of(ARABIC_WORDS),
        2 => one_of(LATIN_WORDS),
        2 => "[0-9]{1,6}",
        6 => one_of(SPECIALS),
        3 => any::<char>().prop_map(String::from),
        2 => Just(" ".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Hostile text with a huge line somewhere.
fn text_with_huge_line() -> impl Strategy<Value = String> {
    (hostile_text(), huge_line(), hostile_text()).prop_map(|(a, huge, b)| a + &huge + &b)
}

/// How text becomes the bytes of a file.
#[derive(Debug, Clone)]
enum Encoding {
    Utf8,
    Utf8Bom,
    /// Cut after this many bytes (often inside a character).
    Utf8Truncated(usize),
    /// With or without a byte-order mark; unpaired surrogates inserted at these code units.
    Utf16 {
        big_endian: bool,
        bom: bool,
        lone_surrogates: Vec<(usize, u16)>,
    },
    Windows1256,
    /// Paragraphs in `<p>` elements inside a page.
    Html,
    /// UTF-8 with some bytes replaced.
    Corrupted(Vec<(usize, u8)>),
    /// Random bytes in place of the text.
    Random(Vec<u8>),
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        3 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8Bom),
        2 => any::<usize>().prop_map(Encoding::Utf8Truncated),
        3 => (
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec((any::<usize>(), 0xD800..=0xDFFFu16), 0..4)
        )
            .prop_map(|(big_endian, bom, lone_surrogates)| Encoding::Utf16 {
                big_endian,
                bom,
                lone_surrogates
            }),
        2 => Just(Encoding::Windows1256),
        2 => Just(Encoding::Html),
        2 => proptest::collection::vec(any::<(usize, u8)>(), 1..8).prop_map(Encoding::Corrupted),
        1 => proptest::collection::vec(any::<u8>(), 0..3000).prop_map(Encoding::Random),
    ]
}

fn encode(text: &str, encoding: &Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF", text.as_bytes()].concat(),
        Encoding::Utf8Truncated(at) => {
            let bytes = text.as_bytes();
            bytes[..at % (bytes.len() + 1)].to_vec()
        }
        Encoding::Utf16 {
            big_endian,
            bom,
            lone_surrogates,
        } => {
            let mut units: Vec<u16> = text.encode_utf16().collect();
            for &(at, unit) in lone_surrogates {
                units.insert(at % (units.len() + 1), unit);
            }
            if *bom {
                units.insert(0, 0xFEFF);
            }
            units
                .iter()
                .flat_map(|u| {
                    if *big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect()
        }
        Encoding::Windows1256 => encoding_rs::WINDOWS_1256.encode(text).0.into_owned(),
        Encoding::Html => {
            let body: String = text.split('\n').map(|p| format!("<p>{p}</p>\n")).collect();
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8><title>خبر</title></head>\
                 <body><article>{body}</article></body></html>"
            )
            .into_bytes()
        }
        Encoding::Random(bytes) => bytes.clone(),
        Encoding::Corrupted(changes) => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                for &(at, b) in changes {
                    let i = at % bytes.len();
                    bytes[i] = b;
                }
            }
            bytes
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    /// Bytes → ingest → extraction → every export.
    #[test]
    fn ingest_extract_export(
        text in hostile_text(),
        encoding in encoding(),
        html_name in any::<bool>(),
    ) {
        let bytes = encode(&text, &encoding);
        let name = if html_name { "article.html" } else { "article.txt" };
        // Refusing the bytes (empty, binary, undecodable) is fine; panicking is not.
        if let Ok(doc) = marsad::ingest::from_bytes(&bytes, name) {
            let annotated = extractor().annotate(&doc.text, doc.source);
            check_document(&annotated);
            check_exports(&annotated);
        }
    }

    /// Extraction straight from a string that ingest never cleaned (NUL, CR, separators…), as a
    /// library user or a sidecar may hand it over.
    #[test]
    fn extract_raw_text(text in hostile_text()) {
        let annotated = extractor().annotate(&text, SourceInfo::default());
        check_document(&annotated);
        check_exports(&annotated);
    }
}

proptest! {
    #![proptest_config(config(40))]

    /// Lines of thousands of words, as bytes in any encoding.
    #[test]
    fn huge_lines(text in text_with_huge_line(), encoding in encoding()) {
        if let Ok(doc) = marsad::ingest::from_bytes(&encode(&text, &encoding), "article.txt") {
            let annotated = extractor().annotate(&doc.text, doc.source);
            check_document(&annotated);
            check_exports(&annotated);
        }
    }
}

/// A correction to try on a document: which item (by index, wrapped) and what to do.
#[derive(Debug, Clone)]
enum Correction {
    RemoveMention(usize),
    /// Mention, actor (of the document's actors, as the app offers).
    RepointMention(usize, usize),
    RetypeStatement(usize, usize),
    RemoveStatement(usize),
    /// A user mention of an actor of the document over characters `start..start+len` (skipped
    /// where it would overlap another).
    AddMention(usize, usize, usize),
    Undo,
}

fn correction() -> impl Strategy<Value = Correction> {
    prop_oneof![
        any::<usize>().prop_map(Correction::RemoveMention),
        (any::<usize>(), any::<usize>()).prop_map(|(i, a)| Correction::RepointMention(i, a)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, k)| Correction::RetypeStatement(i, k)),
        any::<usize>().prop_map(Correction::RemoveStatement),
        (any::<usize>(), 1..12usize, any::<usize>())
            .prop_map(|(s, l, a)| Correction::AddMention(s, l, a)),
        Just(Correction::Undo),
    ]
}

fn correct(doc: &mut AnnotatedDocument, history: &mut History, c: &Correction) {
    let chars = doc.text.chars().count();
    let edit = match *c {
        Correction::RemoveMention(i) if !doc.mentions.is_empty() => {
            let m = doc.mentions[i % doc.mentions.len()].clone();
            Edit::remove_mention(doc, &m)
        }
        Correction::RepointMention(i, a) if !doc.mentions.is_empty() => {
            let actor = &doc.actors[a % doc.actors.len()].id;
            Edit::set_mention_actor(&doc.mentions[i % doc.mentions.len()], actor)
        }
        Correction::RetypeStatement(i, k) if !doc.statements.is_empty() => {
            let kind = RelationType::ALL[k % RelationType::ALL.len()];
            Edit::set_statement_kind(&doc.statements[i % doc.statements.len()], kind)
        }
        Correction::RemoveStatement(i) if !doc.statements.is_empty() => {
            let index = i % doc.statements.len();
            Edit::RemoveStatement {
                statement: doc.statements[index].clone(),
                index,
            }
        }
        Correction::AddMention(start, len, a) if chars > 0 && !doc.actors.is_empty() => {
            let start = start % chars;
            let span = Span::new(start, (start + len).min(chars));
            if doc.mentions.iter().any(|m| m.span().overlaps(&span)) {
                return;
            }
            let actor = doc.actors[a % doc.actors.len()].id.clone();
            Edit::add_mention(doc, &actor, span)
        }
        Correction::Undo => {
            history.undo(doc);
            return;
        }
        _ => return,
    };
    history.apply(doc, edit);
}

/// Annotations (mentions, statement cues and contents) with their surface text.
fn surfaces(doc: &AnnotatedDocument) -> Vec<(String, String)> {
    let chars: Vec<char> = doc.text.chars().collect();
    let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let mut out: Vec<(String, String)> = doc
        .mentions
        .iter()
        .map(|m| (m.id.clone(), slice(m.span())))
        .collect();
    for s in &doc.statements {
        out.push((format!("{}/cue", s.id), slice(s.cue)));
        out.push((format!("{}/content", s.id), slice(s.content)));
    }
    out
}

proptest! {
    #![proptest_config(config(150))]

    /// Corrections → sidecar → load gives the same document; re-anchoring onto the same text
    /// changes nothing; re-anchoring onto an edited text keeps every placed annotation on the
    /// same words and lists every one it could not place.
    #[test]
    fn sidecar_round_trip_and_reanchor(
        text in hostile_text(),
        corrections in proptest::collection::vec(correction(), 0..8),
        insert_at in any::<usize>(),
        inserted in hostile_text(),
        colour in any::<u16>(),
        position in any::<[f32; 2]>(),
    ) {
        let mut doc = extractor().annotate(&text, SourceInfo::default());
        let mut history = History::default();
        for c in &corrections {
            correct(&mut doc, &mut history, c);
        }
        if let Some(first) = doc.actors.first() {
            doc.presentation.colours.insert(first.id.clone(), colour);
            doc.presentation.graph_positions.insert(first.id.clone(), position);
        }
        check_document(&doc);

        let dir = tempfile::tempdir().expect("temp dir");
        let article = dir.path().join("article.txt");
        sidecar::save(&article, &doc).expect("save");
        let loaded = sidecar::load(&article).expect("load").expect("saved");
        // A graph place that is not a number cannot be written in JSON: that node is placed
        // afresh, and everything else comes back as it was.
        let mut expected = doc.clone();
        expected
            .presentation
            .graph_positions
            .retain(|_, p| p.iter().all(|v| v.is_finite()));
        prop_assert_eq!(&loaded, &expected);

        let (same, unplaced) = sidecar::reanchor(&loaded, &loaded.text);
        prop_assert!(unplaced.is_empty(), "{:?}", unplaced);
        prop_assert_eq!(&same, &loaded);

        let chars: Vec<char> = loaded.text.chars().collect();
        let at = insert_at % (chars.len() + 1);
        let edited: String = chars[..at]
            .iter()
            .copied()
            .chain(inserted.chars())
            .chain(chars[at..].iter().copied())
            .collect();
        let (moved, unplaced) = sidecar::reanchor(&loaded, &edited);
        check_document(&moved);
        let before: std::collections::HashMap<String, String> =
            surfaces(&loaded).into_iter().collect();
        for (id, surface) in surfaces(&moved) {
            prop_assert_eq!(&before[&id], &surface, "{} moved onto other words", id);
        }
        let lost = loaded.mentions.len() - moved.mentions.len()
            + loaded.statements.len() - moved.statements.len();
        prop_assert!(
            unplaced.len() >= lost,
            "{} annotations lost but only {} reported",
            lost,
            unplaced.len()
        );
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Two writers correct the same document differently; the merge is a consistent document that
    /// keeps every change of theirs, and every change of ours that theirs did not touch.
    #[test]
    fn concurrent_corrections_merge(
        text in hostile_text(),
        ours_corrections in proptest::collection::vec(correction(), 0..8),
        theirs_corrections in proptest::collection::vec(correction(), 0..8),
    ) {
        let base = extractor().annotate(&text, SourceInfo::default());
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for c in &ours_corrections {
            correct(&mut ours, &mut History::default(), c);
        }
        for c in &theirs_corrections {
            correct(&mut theirs, &mut History::default(), c);
        }
        let merged = marsad::edit::merge_concurrent(&base, &ours, &theirs);
        check_document(&merged.doc);
        let find = |d: &AnnotatedDocument, id: &str| d.mentions.iter().find(|m| m.id == id).cloned();
        for m in &theirs.mentions {
            let kept = find(&merged.doc, &m.id);
            let changed_by_ours_alone = find(&base, &m.id).as_ref() == Some(m)
                && find(&ours, &m.id).as_ref() != Some(m);
            prop_assert!(
                kept.as_ref() == Some(m) || changed_by_ours_alone,
                "their mention {:?} lost", m
            );
        }
        for m in &ours.mentions {
            let untouched_by_theirs = find(&base, &m.id) == find(&theirs, &m.id);
            if untouched_by_theirs && !theirs.mentions.iter().any(|t| t.span().overlaps(&m.span()) && t.id != m.id) {
                let got = find(&merged.doc, &m.id);
                prop_assert_eq!(got.as_ref(), Some(m), "our mention lost");
            }
        }
    }
}
