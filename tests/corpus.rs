//! The corpus store on real Arabic articles: index → query round trip, re-indexing after a change,
//! a deletion and a correction, and `marsad index` / `marsad query` as a user runs them.

mod common;
use marsad::corpus::{ArticleFilter, IndexOptions, IndexReport, Metadata, StatementFilter, Store};
use marsad::extract::{Extractor, Gazetteer};
use marsad::model::{AnnotatedDocument, Origin, RelationType};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

/// Real news articles: the sample, and the development set (tests/fixtures/dev, or the team's
/// shared/dev beside the checkout, as in CI).
fn real_articles() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut candidates = vec![
        manifest.join("tests/fixtures/dev/articles"),
        manifest.join("tests/fixtures/dev"),
    ];
    candidates.extend(manifest.ancestors().map(|a| a.join("shared/dev/articles")));
    let dir = candidates
        .into_iter()
        .find(|d| d.is_dir() && fs::read_dir(d).is_ok_and(|mut e| e.next().is_some()))
        .expect("the development articles (tests/fixtures/dev or ../shared/dev/articles)");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "too few articles in {}", dir.display());
    files.push(PathBuf::from(SAMPLE));
    files
}

/// A folder with copies of the real articles (nested one level), and the paths of the copies.
fn corpus_dir() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut copies = Vec::new();
    for (i, src) in real_articles().iter().enumerate() {
        let sub = dir.path().join(if i % 2 == 0 { "even" } else { "odd" });
        fs::create_dir_all(&sub).expect("sub");
        let dest = sub.join(src.file_name().expect("name"));
        fs::copy(src, &dest).expect("copy");
        copies.push(fs::canonicalize(dest).expect("canonical"));
    }
    copies.sort();
    (dir, copies)
}

fn index(store: &mut Store, dir: &Path, options: &IndexOptions) -> IndexReport {
    let list = marsad::batch::InputList::expand(&[dir.to_path_buf()]);
    let extractor = Extractor::new(Gazetteer::builtin());
    let mut failures = Vec::new();
    let report = store
        .index(
            &extractor,
            &list.files,
            &[dir.to_path_buf()],
            options,
            &mut |e| {
                if let marsad::corpus::IndexEvent::Failed(line) = e {
                    failures.push(line);
                }
            },
        )
        .expect("indexing works");
    assert!(failures.is_empty(), "{failures:?}");
    report
}

fn fresh(path: &Path) -> AnnotatedDocument {
    let doc = marsad::ingest::load(path).expect("loads");
    Extractor::new(Gazetteer::builtin()).annotate_owned(doc.text, doc.source)
}

fn options(jobs: usize) -> IndexOptions {
    IndexOptions {
        jobs,
        ..IndexOptions::default()
    }
}

#[test]
fn index_then_query_gives_back_what_extraction_found() {
    let (dir, copies) = corpus_dir();
    // Dates for half of the articles come from a metadata file, as SaudiNewsNet's index gives.
    let meta = dir.path().join("index.jsonl");
    let mut lines = String::new();
    for (i, p) in copies.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let rel = p
            .strip_prefix(fs::canonicalize(dir.path()).expect("dir"))
            .expect("inside");
        lines.push_str(&format!(
            "{{\"path\": \"{}\", \"source\": \"outlet{}\", \"date_extracted\": \"2015-07-{:02} 03:00:00\"}}\n",
            rel.display(),
            i % 3,
            10 + i
        ));
    }
    fs::write(&meta, lines).expect("meta");
    let store_path = dir.path().join("corpus.sqlite");
    let mut store = Store::create_or_open(&store_path).expect("store");
    let report = index(
        &mut store,
        dir.path(),
        &IndexOptions {
            jobs: 2,
            metadata: Metadata::load(&meta).expect("metadata"),
            ..IndexOptions::default()
        },
    );
    assert_eq!(report.added, copies.len());
    drop(store);

    let store = Store::open(&store_path).expect("opens read-only");
    let totals = store.totals().expect("totals");
    assert_eq!(totals.articles as usize, copies.len());
    assert!(totals.dated_articles as usize >= copies.len() / 2);

    // Every article comes back as extraction made it.
    let rows = store.articles(&ArticleFilter::default()).expect("articles");
    let mut docs: HashMap<String, AnnotatedDocument> = HashMap::new();
    for row in &rows {
        let expected = fresh(Path::new(&row.path));
        let stored = store.document(row.id).expect("document").expect("present");
        assert_eq!(stored.text, expected.text, "{}", row.path);
        let by_id = |mut v: Vec<marsad::model::Mention>| {
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v
        };
        assert_eq!(
            by_id(stored.mentions.clone()),
            by_id(expected.mentions.clone())
        );
        let mut got_statements = stored.statements.clone();
        let mut want_statements = expected.statements.clone();
        got_statements.sort_by(|a, b| a.id.cmp(&b.id));
        want_statements.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(got_statements, want_statements, "{}", row.path);
        let mut sorted = expected.relations.clone();
        let mut got = stored.relations.clone();
        let key = |r: &marsad::model::Relation| (r.source.clone(), r.target.clone(), r.kind);
        sorted.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, sorted, "{}", row.path);
        assert_eq!(row.statements as usize, expected.statements.len());
        assert_eq!(row.mentions as usize, expected.mentions.len());
        assert!(!row.title.is_empty());
        docs.insert(row.path.clone(), expected);
    }
    let total_statements: usize = docs.values().map(|d| d.statements.len()).sum();
    assert!(total_statements > 50, "real articles have statements");

    // Statements by speaker (the speaker or anyone speaking for it) and by target.
    let speakers: BTreeMap<String, usize> = docs.values().fold(BTreeMap::new(), |mut m, d| {
        for s in &d.statements {
            *m.entry(d.top_level(&s.speaker)).or_default() += 1;
        }
        m
    });
    let (top_speaker, count) = speakers
        .iter()
        .max_by_key(|(_, c)| **c)
        .expect("some speaker");
    let by_speaker = store
        .statements(&StatementFilter {
            speaker: Some(top_speaker.clone()),
            ..StatementFilter::default()
        })
        .expect("statements");
    assert_eq!(by_speaker.len(), *count, "statements of {top_speaker}");
    for s in &by_speaker {
        let doc = &docs[&s.path];
        let chars: Vec<char> = doc.text.chars().collect();
        let content: String = chars[s.content.start..s.content.end].iter().collect();
        assert_eq!(
            s.content_text, content,
            "content is the text at its offsets"
        );
    }
    let target = "USA";
    let expected_targeting: usize = docs
        .values()
        .map(|d| {
            d.statements
                .iter()
                .filter(|s| {
                    s.targets
                        .iter()
                        .any(|t| t == target || d.top_level(t) == target)
                })
                .count()
        })
        .sum();
    let targeting = store
        .statements(&StatementFilter {
            target: Some(target.into()),
            ..StatementFilter::default()
        })
        .expect("statements");
    assert_eq!(targeting.len(), expected_targeting);
    let accusations = store
        .statements(&StatementFilter {
            kind: Some(RelationType::Accuse),
            ..StatementFilter::default()
        })
        .expect("statements");
    assert!(accusations.iter().all(|s| s.kind == "accuse"));

    // The graph adds up every article's relations.
    let mut expected_edges: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    for d in docs.values() {
        for r in &d.relations {
            *expected_edges
                .entry((
                    r.source.clone(),
                    r.target.clone(),
                    r.kind.as_str().to_string(),
                ))
                .or_default() += marsad::export::relation_weight(d, r) as i64;
        }
    }
    let edges = store.graph(None, None, 1).expect("graph");
    let got: BTreeMap<(String, String, String), i64> = edges
        .iter()
        .map(|e| {
            (
                (e.source.clone(), e.target.clone(), e.kind.clone()),
                e.weight,
            )
        })
        .collect();
    assert_eq!(got, expected_edges);
    let heaviest = &edges[0];
    let pair = store
        .pair_timeline(&heaviest.source, &heaviest.target, None, None)
        .expect("pair");
    let forward: i64 = pair
        .iter()
        .filter(|p| p.source == heaviest.source && p.kind == heaviest.kind)
        .map(|p| p.weight)
        .sum();
    assert_eq!(forward, heaviest.weight);

    // Date ranges use the metadata dates; undated articles drop out of a range.
    let july = store
        .articles(&ArticleFilter {
            from: Some("2015-07-01".into()),
            to: Some("2015-07-31".into()),
            ..ArticleFilter::default()
        })
        .expect("articles");
    assert!(!july.is_empty());
    assert!(july
        .iter()
        .all(|a| a.date.as_deref().is_some_and(|d| d.starts_with("2015-07"))));
    let ranged = store
        .graph(Some("2015-07-01"), Some("2015-07-31"), 1)
        .expect("graph");
    let ranged_total: i64 = ranged.iter().map(|e| e.weight).sum();
    let all_total: i64 = edges.iter().map(|e| e.weight).sum();
    assert!(ranged_total < all_total);

    // Full-text search, folded and with clitics: «العراق» finds «والعراق», «بالعراق».
    let hits = store
        .search("العراق", &ArticleFilter::default())
        .expect("search");
    let with_iraq = docs
        .values()
        .filter(|d| {
            marsad::extract::fold::fold(&d.text)
                .split(|c: char| !marsad::extract::fold::is_word_char(c))
                .any(|w| {
                    [
                        "العراق",
                        "والعراق",
                        "وللعراق",
                        "وبالعراق",
                        "فالعراق",
                        "فللعراق",
                        "فبالعراق",
                        "للعراق",
                        "بالعراق",
                        "كالعراق",
                    ]
                    .contains(&w)
                })
        })
        .count();
    assert_eq!(hits.len(), with_iraq);
    for h in &hits {
        assert!(h.snippet.contains("العراق"), "{}", h.snippet);
    }
    let sample_hits = store
        .search("\"مجلس الأمن\"", &ArticleFilter::default())
        .expect("phrase search");
    assert!(sample_hits
        .iter()
        .any(|h| h.article.path.ends_with("israel-iraq-unsc-2024-11-19.txt")));

    // Actors by name, in Arabic or English.
    assert_eq!(store.resolve_actor("usa").expect("id"), "USA");
    assert_eq!(
        store.resolve_actor("الولايات المتحدة").expect("arabic"),
        "USA"
    );
    assert!(store.resolve_actor("no such actor anywhere").is_err());
    let actors = store.actors(&ArticleFilter::default()).expect("actors");
    assert!(actors.windows(2).all(|w| w[0].mentions >= w[1].mentions));
}

#[test]
fn reindex_follows_changes_deletions_and_corrections() {
    let (dir, copies) = corpus_dir();
    let store_path = dir.path().join("corpus.sqlite");
    let mut store = Store::create_or_open(&store_path).expect("store");
    let first = index(&mut store, dir.path(), &options(2));
    assert_eq!(first.added, copies.len());

    let again = index(&mut store, dir.path(), &options(1));
    assert_eq!(
        again,
        IndexReport {
            unchanged: copies.len(),
            ..IndexReport::default()
        }
    );

    // A changed article, a deleted one, a new one and a corrected one.
    let changed = &copies[0];
    let id_before = store
        .articles(&ArticleFilter::default())
        .expect("articles")
        .iter()
        .find(|a| Path::new(&a.path) == changed)
        .map(|a| a.id)
        .expect("indexed");
    let mut text = fs::read_to_string(changed).expect("read");
    text.push_str("\n\nوقال وزير الخارجية العراقي إن بغداد ترفض التهديدات الإسرائيلية.\n");
    fs::write(changed, &text).expect("change");
    fs::remove_file(&copies[1]).expect("delete");
    let added = dir.path().join("odd/new-article.txt");
    fs::copy(SAMPLE, &added).expect("add");
    let corrected = &copies[2];
    let mut doc = fresh(corrected);
    assert!(
        !doc.statements.is_empty(),
        "the corrected article has statements"
    );
    doc.statements[0].kind = RelationType::Accuse;
    doc.statements[0].origin = Origin::User;
    doc.rebuild_relations();
    marsad::sidecar::save(corrected, &doc).expect("save correction");

    let report = index(&mut store, dir.path(), &options(2));
    assert_eq!(
        report,
        IndexReport {
            added: 1,
            updated: 2,
            unchanged: copies.len() - 3,
            removed: 1,
            failed: 0,
            corrected: 1,
        }
    );
    let rows = store.articles(&ArticleFilter::default()).expect("articles");
    assert_eq!(rows.len(), copies.len());
    assert!(
        rows.iter().all(|a| Path::new(&a.path) != copies[1]),
        "deleted one removed"
    );
    let changed_row = rows
        .iter()
        .find(|a| Path::new(&a.path) == changed)
        .expect("changed one kept");
    assert_eq!(changed_row.id, id_before, "an updated article keeps its id");
    let stored = store
        .document(changed_row.id)
        .expect("doc")
        .expect("present");
    assert_eq!(stored.text, text);

    let corrected_row = rows
        .iter()
        .find(|a| Path::new(&a.path) == corrected)
        .expect("corrected one");
    assert!(corrected_row.corrected);
    let statements = store
        .statements(&StatementFilter {
            article: Some(corrected_row.id),
            ..StatementFilter::default()
        })
        .expect("statements");
    let first = statements
        .iter()
        .find(|s| s.id == doc.statements[0].id)
        .expect("the corrected statement");
    assert_eq!(
        (first.kind.as_str(), first.origin.as_str()),
        ("accuse", "user")
    );

    // The search index follows too: the new sentence is found, the deleted article is not.
    let hits = store
        .search("التهديدات", &ArticleFilter::default())
        .expect("search");
    assert!(hits.iter().any(|h| h.article.id == id_before));
}

#[test]
fn the_commands_index_and_answer() {
    let (dir, copies) = corpus_dir();
    let store = dir.path().join("corpus.sqlite");
    let out = common::marsad(&[
        "index",
        dir.path().to_str().expect("utf-8"),
        "-o",
        store.to_str().expect("utf-8"),
        "--jobs",
        "2",
    ]);
    common::assert_success(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{} articles added", copies.len())),
        "{err}"
    );

    let query = |args: &[&str]| {
        let mut all = vec!["query", store.to_str().expect("utf-8")];
        all.extend_from_slice(args);
        let out = common::marsad(&all);
        common::assert_success(&out);
        out.stdout
    };
    let json: serde_json::Value = serde_json::from_slice(&query(&[
        "statements",
        "--speaker",
        "Israel",
        "--format",
        "json",
    ]))
    .expect("a JSON array");
    let rows = json.as_array().expect("array");
    assert!(!rows.is_empty(), "Israel speaks in the sample");
    assert!(rows.iter().all(|r| r["speaker_top"] == "ISR"));

    let csv_bytes = query(&["graph", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]); // after the BOM
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "source");
    assert_eq!(&header[7], "weight");
    assert!(reader.records().count() > 10);

    let lines = query(&["search", "بغداد", "--format", "jsonl", "--limit", "3"]);
    let hits = String::from_utf8_lossy(&lines).lines().count();
    assert!((1..=3).contains(&hits));

    let info = String::from_utf8_lossy(&query(&["info"])).into_owned();
    assert!(
        info.contains(&format!("articles,{}", copies.len())),
        "{info}"
    );

    // An unknown actor, a bad date and a file that is not a store: one line, exit 2.
    for args in [
        vec!["statements", "--speaker", "nobody at all"],
        vec!["graph", "--from", "July"],
    ] {
        let mut all = vec!["query", store.to_str().expect("utf-8")];
        all.extend(args);
        let out = common::marsad(&all);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
    let out = common::marsad(&["query", SAMPLE, "info"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Marsad corpus store"));

    // The store may not be one of the articles.
    let before = fs::read(&copies[0]).expect("read");
    let out = common::marsad(&[
        "index",
        dir.path().to_str().expect("utf-8"),
        "-o",
        copies[0].to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&copies[0]).expect("read"), before);
}

#[test]
fn a_store_from_a_newer_marsad_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.sqlite");
    drop(Store::create_or_open(&path).expect("store"));
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.pragma_update(None, "user_version", 99)
        .expect("version");
    drop(conn);
    let err = Store::open(&path).expect_err("refused");
    assert!(err.to_string().contains("newer Marsad"), "{err}");
    assert!(Store::create_or_open(&path).is_err());
}
