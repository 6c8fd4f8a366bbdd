//! Filling the store: articles are read and annotated on every core, and written by one thread in
//! large transactions. An article whose bytes (and sidecar) have not changed since it was indexed
//! is not read again; changed ones are replaced, new ones added, and stored articles under the
//! indexed folders whose files are gone are removed. Corrections saved in an article's sidecar
//! (`ARTICLE.marsad.json`) win over a fresh extraction, as they do in the app.

use super::{search, sqlite_error, CorpusError, Store};
use crate::batch::{self, Outcome};
use crate::export::{self, read_json};
use crate::extract::dates;
use crate::extract::Extractor;
use crate::ingest::{self, IngestError};
use crate::model::AnnotatedDocument;
use rusqlite::params;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How indexing runs.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Worker threads reading and annotating articles.
    pub jobs: usize,
    /// Largest article accepted, in bytes.
    pub max_bytes: u64,
    /// Titles, dates, outlets and URLs known from outside the text.
    pub metadata: Metadata,
    /// Set from another thread to stop the run: what is indexed so far is kept, and nothing is
    /// removed (the run did not see every file).
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            jobs: batch::default_jobs(),
            max_bytes: ingest::DEFAULT_MAX_BYTES,
            metadata: Metadata::default(),
            cancel: None,
        }
    }
}

/// What one indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub failed: usize,
    /// Articles (added or updated) whose annotations came from a sidecar with corrections.
    pub corrected: usize,
}

/// Progress of a run, for a progress bar and the error log.
#[derive(Debug)]
pub enum IndexEvent<'a> {
    /// An article was added, updated or found unchanged.
    Done(&'a Path),
    /// An article could not be indexed (one line, naming the file); the run goes on.
    Failed(String),
    /// Something worth telling that did not stop the article (one line).
    Warning(String),
}

/// Article metadata from a JSON Lines file, one object per article: `path` (relative to the
/// metadata file's folder, or absolute) and any of `title`, `date` (or `date_extracted`,
/// `published`), `outlet` (or `source`) and `url`. SaudiNewsNet's `index.jsonl` is such a file.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    by_path: HashMap<PathBuf, MetaRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MetaRecord {
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

impl Metadata {
    /// Reads a metadata file; a line that is not an object with a `path` is an error naming it.
    pub fn load(file: &Path) -> Result<Metadata, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot read the metadata: {e}", file.display()))?;
        let base = file.parent().unwrap_or(Path::new("."));
        let mut by_path = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |why: &str| format!("{}: line {}: {why}", file.display(), n + 1);
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| bad(&format!("not JSON: {e}")))?;
            let field = |names: &[&str]| {
                names.iter().find_map(|k| {
                    value
                        .get(*k)
                        .and_then(|v| v.as_str())
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                })
            };
            let path = field(&["path"]).ok_or_else(|| bad("no \"path\" field"))?;
            let path = base.join(path);
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            by_path.insert(
                path,
                MetaRecord {
                    title: field(&["title"]),
                    date: field(&["date", "date_extracted", "published"])
                        .and_then(|d| dates::date_from_metadata(&d)),
                    outlet: field(&["outlet", "source"]),
                    url: field(&["url"]),
                },
            );
        }
        Ok(Metadata { by_path })
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    fn get(&self, path: &Path) -> Option<&MetaRecord> {
        self.by_path.get(path)
    }
}

/// What is stored about an article already.
struct Stored {
    id: i64,
    sha256: String,
    sidecar_sha256: Option<String>,
}

/// An article read and annotated by a worker, ready to be written.
struct Prepared {
    path: String,
    sha256: String,
    sidecar_sha256: Option<String>,
    corrected: bool,
    doc: AnnotatedDocument,
    title: String,
    date: Option<(String, &'static str)>,
    outlet: Option<String>,
    url: Option<String>,
    warnings: Vec<String>,
}

enum Work {
    Unchanged,
    Indexed(Box<Prepared>),
    Failed(String),
}

/// How often the writer commits, so that an interrupted run keeps most of its work.
const COMMIT_EVERY: Duration = Duration::from_secs(2);

impl Store {
    /// Indexes `files` (canonicalised; duplicates once). Stored articles that lie under one of
    /// `roots` (folders, or files given by name) and were not among `files` are removed: they
    /// were deleted or moved. Returns what was done; per-article failures are reported through
    /// `on_event` and counted, never fatal.
    pub fn index(
        &mut self,
        extractor: &Extractor,
        files: &[PathBuf],
        roots: &[PathBuf],
        options: &IndexOptions,
        on_event: &mut dyn FnMut(IndexEvent<'_>),
    ) -> Result<IndexReport, CorpusError> {
        let mut report = IndexReport::default();
        let stored = self.stored_articles()?;
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut todo: Vec<PathBuf> = Vec::with_capacity(files.len());
        for f in files {
            match std::fs::canonicalize(f) {
                Ok(c) => {
                    if seen.insert(c.clone()) {
                        todo.push(c);
                    }
                }
                Err(e) => {
                    report.failed += 1;
                    on_event(IndexEvent::Failed(IngestError::from_io(f, e).to_string()));
                }
            }
        }
        let store_path = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let work = |path: &PathBuf| -> Work {
            if *path == store_path {
                return Work::Failed(format!(
                    "{}: is the corpus store itself; not indexed",
                    path.display()
                ));
            }
            prepare(extractor, path, stored.get(path), options)
        };

        let conn = &self.conn;
        let sql = |e| sqlite_error(&self.path, e);
        conn.execute_batch("BEGIN").map_err(sql)?;
        let mut last_commit = Instant::now();
        let mut write_error: Option<rusqlite::Error> = None;
        let mut next = 0usize;
        let mut stopped = false;
        batch::run_ordered(options.jobs, todo.iter(), work, |outcome| {
            let path = &todo[next];
            next += 1;
            let written = match outcome {
                Outcome::Done(Work::Unchanged) => {
                    report.unchanged += 1;
                    Ok(())
                }
                Outcome::Done(Work::Indexed(p)) => {
                    for w in &p.warnings {
                        on_event(IndexEvent::Warning(w.clone()));
                    }
                    let old = stored.get(path).map(|s| s.id);
                    match old {
                        Some(_) => report.updated += 1,
                        None => report.added += 1,
                    }
                    report.corrected += usize::from(p.corrected);
                    write_article(conn, old, &p)
                }
                Outcome::Done(Work::Failed(line)) => {
                    report.failed += 1;
                    on_event(IndexEvent::Failed(line));
                    Ok(())
                }
                Outcome::Panicked(message) => {
                    report.failed += 1;
                    on_event(IndexEvent::Failed(format!(
                        "{}: internal error while annotating: {message}",
                        path.display()
                    )));
                    Ok(())
                }
            };
            let committed = written.and_then(|()| {
                if last_commit.elapsed() >= COMMIT_EVERY {
                    last_commit = Instant::now();
                    conn.execute_batch("COMMIT; BEGIN")
                } else {
                    Ok(())
                }
            });
            if let Err(e) = committed {
                write_error = Some(e);
                return false;
            }
            on_event(IndexEvent::Done(path));
            let cancelled = options
                .cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed));
            stopped |= cancelled;
            !cancelled
        })
        .map_err(|e| CorpusError::Query(format!("cannot start worker threads: {e}")))?;
        let finished = match write_error {
            Some(e) => Err(e),
            None if stopped => conn.execute_batch("COMMIT"),
            None => remove_missing(conn, &stored, &seen, roots).and_then(|removed| {
                report.removed = removed;
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('indexed_at', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [utc_now()],
                )?;
                conn.execute_batch("COMMIT")
            }),
        };
        if let Err(e) = finished {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(sql(e));
        }
        Ok(report)
    }

    fn stored_articles(&self) -> Result<HashMap<PathBuf, Stored>, CorpusError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, path, sha256, sidecar_sha256 FROM articles")
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    PathBuf::from(r.get::<_, String>(1)?),
                    Stored {
                        id: r.get(0)?,
                        sha256: r.get(2)?,
                        sidecar_sha256: r.get(3)?,
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a file of at most `max_bytes`.
fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, IngestError> {
    let io = |e| IngestError::from_io(path, e);
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(IngestError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Reads one article (and its sidecar), unless both are as stored; annotates it.
fn prepare(
    extractor: &Extractor,
    path: &Path,
    stored: Option<&Stored>,
    options: &IndexOptions,
) -> Work {
    let bytes = match read_capped(path, options.max_bytes) {
        Ok(b) => b,
        Err(e) => return Work::Failed(e.to_string()),
    };
    let sha256 = sha256_hex(&bytes);
    let sidecar_path = crate::sidecar::sidecar_path(path);
    let sidecar = std::fs::read(&sidecar_path).ok();
    let sidecar_sha256 = sidecar.as_deref().map(sha256_hex);
    if stored.is_some_and(|s| s.sha256 == sha256 && s.sidecar_sha256 == sidecar_sha256) {
        return Work::Unchanged;
    }
    let label = path.display().to_string();
    let doc = match ingest::from_vec(bytes, &label) {
        Ok(d) => d,
        Err(e) => return Work::Failed(e.to_string()),
    };
    let mut warnings = Vec::new();
    let saved = sidecar.and_then(|bytes| match read_json(&bytes) {
        Ok(saved) => Some(saved),
        Err(e) => {
            warnings.push(format!(
                "{}: the saved corrections are unreadable ({e}); indexed a fresh extraction",
                sidecar_path.display()
            ));
            None
        }
    });
    let (annotated, corrected) = match saved {
        Some(saved) if saved.text == doc.text => (with_source(saved, &doc.source), true),
        Some(saved) => {
            let (moved, unplaced) = crate::sidecar::reanchor(&saved, &doc.text);
            if !unplaced.is_empty() {
                warnings.push(format!(
                    "{}: the article changed since its corrections were saved; {} annotation(s)                      could not be placed again and were left out",
                    path.display(),
                    unplaced.len()
                ));
            }
            (with_source(moved, &doc.source), true)
        }
        None => (extractor.annotate_owned(doc.text, doc.source), false),
    };
    let meta = options.metadata.get(path);
    let title = meta
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| title_of(&annotated.text));
    let date = match meta.and_then(|m| m.date.clone()) {
        Some(d) => Some((d, "metadata")),
        None => dates::date_in_text(&annotated.text).map(|d| (d, "text")),
    };
    Work::Indexed(Box::new(Prepared {
        path: path.display().to_string(),
        sha256,
        sidecar_sha256,
        corrected,
        title,
        date,
        outlet: meta.and_then(|m| m.outlet.clone()),
        url: meta.and_then(|m| m.url.clone()),
        doc: annotated,
        warnings,
    }))
}

/// The saved document with the source as read now (path, hash and encoding of today's file).
fn with_source(mut doc: AnnotatedDocument, source: &crate::model::SourceInfo) -> AnnotatedDocument {
    doc.source = source.clone();
    doc
}

/// The first non-blank line of the text, at most 200 characters.
fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut title: String = line.chars().take(200).collect();
    if line.chars().count() > 200 {
        title.push('…');
    }
    title
}

/// Deletes every row of article `id`.
fn delete_article(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<()> {
    for table in [
        "article_actors",
        "mentions",
        "statements",
        "statement_targets",
        "relations",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE article = ?1"))?
            .execute([id])?;
    }
    conn.prepare_cached("DELETE FROM article_text WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM articles WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Writes one article and its annotations, replacing the rows of `old` (keeping its id).
fn write_article(
    conn: &rusqlite::Connection,
    old: Option<i64>,
    p: &Prepared,
) -> rusqlite::Result<()> {
    if let Some(id) = old {
        delete_article(conn, id)?;
    }
    let doc = &p.doc;
    let date = p.date.as_ref().map(|(d, _)| d.as_str());
    conn.prepare_cached(
        "INSERT INTO articles (id, path, sha256, sidecar_sha256, corrected, title, date,
             date_source, outlet, url, encoding, format, replacement_chars, chars, actors,
             mentions, statements, relations, indexed_at, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20)",
    )?
    .execute(params![
        old,
        p.path,
        p.sha256,
        p.sidecar_sha256,
        p.corrected,
        p.title,
        date,
        p.date.as_ref().map(|(_, s)| *s),
        p.outlet,
        p.url,
        doc.source.encoding,
        doc.source.format,
        doc.source.replacement_chars as i64,
        doc.text.chars().count() as i64,
        doc.actors.len() as i64,
        doc.mentions.len() as i64,
        doc.statements.len() as i64,
        doc.relations.len() as i64,
        utc_now(),
        doc.text,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO article_text (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![
            id,
            search::index_text(&p.title),
            search::index_text(&doc.text)
        ])?;

    let mut mention_counts: HashMap<&str, i64> = HashMap::new();
    for m in &doc.mentions {
        *mention_counts.entry(m.actor.as_str()).or_default() += 1;
    }
    {
        let mut actor = conn.prepare_cached(
            "INSERT INTO actors (id, name_en, name_ar, kind) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET name_en = excluded.name_en,
                 name_ar = excluded.name_ar, kind = excluded.kind",
        )?;
        let mut article_actor = conn.prepare_cached(
            "INSERT OR REPLACE INTO article_actors (article, actor, top, affiliation, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for a in &doc.actors {
            actor.execute(params![
                a.id,
                a.name_en,
                a.name_ar,
                export::kind_name(a.kind)
            ])?;
            article_actor.execute(params![
                id,
                a.id,
                doc.top_level(&a.id),
                a.affiliation,
                mention_counts.get(a.id.as_str()).copied().unwrap_or(0)
            ])?;
        }
    }
    {
        let mut mention = conn.prepare_cached(
            "INSERT OR REPLACE INTO mentions (article, id, actor, start, end, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in &doc.mentions {
            mention.execute(params![
                id,
                m.id,
                m.actor,
                m.start as i64,
                m.end as i64,
                origin_name(m.origin)
            ])?;
        }
    }
    {
        let mut statement = conn.prepare_cached(
            "INSERT OR REPLACE INTO statements (article, id, date, speaker, speaker_top,
                 speaker_mention, type, quoted, origin, cue_start, cue_end, content_start,
                 content_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut target = conn.prepare_cached(
            "INSERT OR REPLACE INTO statement_targets (article, statement, position, target,
                 target_top)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for s in &doc.statements {
            statement.execute(params![
                id,
                s.id,
                date,
                s.speaker,
                doc.top_level(&s.speaker),
                s.speaker_mention,
                s.kind.as_str(),
                s.quoted,
                origin_name(s.origin),
                s.cue.start as i64,
                s.cue.end as i64,
                s.content.start as i64,
                s.content.end as i64,
            ])?;
            for (position, t) in s.targets.iter().enumerate() {
                target.execute(params![id, s.id, position as i64, t, doc.top_level(t)])?;
            }
        }
    }
    let mut relation = conn.prepare_cached(
        "INSERT OR REPLACE INTO relations (article, source, target, type, date, statements,
             narrated, weight, statement_ids, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for r in &doc.relations {
        let weight = export::relation_weight(doc, r);
        let evidence: Vec<[usize; 2]> = r.evidence.iter().map(|e| [e.start, e.end]).collect();
        relation.execute(params![
            id,
            r.source,
            r.target,
            r.kind.as_str(),
            date,
            r.statements.len() as i64,
            (weight - r.statements.len().min(weight)) as i64,
            weight as i64,
            serde_json::to_string(&r.statements).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&evidence).unwrap_or_else(|_| "[]".into()),
        ])?;
    }
    Ok(())
}

fn origin_name(origin: crate::model::Origin) -> &'static str {
    match origin {
        crate::model::Origin::Machine => "machine",
        crate::model::Origin::User => "user",
    }
}

/// Removes stored articles under `roots` that this run did not see; returns how many.
fn remove_missing(
    conn: &rusqlite::Connection,
    stored: &HashMap<PathBuf, Stored>,
    seen: &HashSet<PathBuf>,
    roots: &[PathBuf],
) -> rusqlite::Result<usize> {
    let roots: Vec<PathBuf> = roots
        .iter()
        .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
        .collect();
    let mut removed = 0;
    for (path, s) in stored {
        if !seen.contains(path) && roots.iter().any(|r| path.starts_with(r)) {
            delete_article(conn, s.id)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = super::overview::civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_first_lines() {
        assert_eq!(title_of("\n  عنوان الخبر \n\nنص"), "عنوان الخبر");
        assert_eq!(title_of(&"ب".repeat(250)).chars().count(), 201);
    }

    #[test]
    fn timestamps_look_right() {
        let t = utc_now();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20"), "{t}");
        assert!(t.ends_with('Z'));
    }
}
