//! The sidecar `ARTICLE.marsad.json` beside an article: the annotated document (with the user's
//! corrections), written atomically so a crash leaves either the old or the new version, never a
//! torn one; the previous version is kept as `.bak`; an unreadable sidecar is moved aside, never
//! overwritten; annotations of an article whose text changed are re-anchored by their text.
//!
//! Several writers (two windows on one article, a sync tool) never overwrite each other silently:
//! a [`Sidecar`] remembers what the file held when it last read or wrote it, and before writing
//! checks that it still holds that. If another writer saved in between, the two versions'
//! corrections are merged ([`crate::edit::merge_concurrent`]) and the conflicts reported, or, if
//! they annotate different versions of the article, both are kept (docs/guarantees.md).

use crate::atomic_file::{with_suffix, write_atomic};
use crate::edit::merge_concurrent;
use crate::model::{AnnotatedDocument, Span, SCHEMA};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `dir/STEM.marsad.json` for `dir/STEM.ext`.
pub fn sidecar_path(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    article.with_file_name(format!("{stem}.marsad.json"))
}

/// Why a sidecar could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{path}: cannot read the saved annotations: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{path}: the saved annotations are unreadable ({detail}); they were kept as {kept} and a \
         fresh extraction is shown"
    )]
    Corrupt {
        path: PathBuf,
        kept: PathBuf,
        detail: String,
    },
}

/// The sidecar file: a marsad/1 document with how many times it was saved (a reader of marsad/1
/// ignores the extra field; files from before revisions read as revision 0).
#[derive(Serialize, Deserialize)]
struct Stored<D> {
    #[serde(default)]
    revision: u64,
    #[serde(flatten)]
    doc: D,
}

/// What a sidecar file held: the bytes' SHA-256, its revision and its document.
struct OnDisk {
    fingerprint: [u8; 32],
    revision: u64,
    doc: AnnotatedDocument,
}

fn fingerprint(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Parses sidecar bytes; the error says why they are not a marsad/1 document.
fn parse(bytes: &[u8]) -> Result<OnDisk, String> {
    let stored: Stored<AnnotatedDocument> =
        serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if stored.doc.schema != SCHEMA {
        return Err(format!(
            "schema {:?}, expected {SCHEMA:?}",
            stored.doc.schema
        ));
    }
    Ok(OnDisk {
        fingerprint: fingerprint(bytes),
        revision: stored.revision,
        doc: stored.doc,
    })
}

/// The file's bytes, `None` if there is no file.
fn read_if_any(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `path` with the first free `.{tag}-N` suffix.
fn free_path(path: &Path, tag: &str) -> PathBuf {
    (1..)
        .map(|n| with_suffix(path, &format!(".{tag}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| with_suffix(path, &format!(".{tag}")))
}

/// Moves an unreadable sidecar aside (`….corrupt-N`) so that it is never overwritten.
fn keep_aside(path: &Path, detail: String) -> SidecarError {
    let kept = free_path(path, "corrupt");
    match fs::rename(path, &kept) {
        Ok(()) => SidecarError::Corrupt {
            path: path.to_path_buf(),
            kept,
            detail,
        },
        Err(source) => SidecarError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Reads and parses the sidecar at `path`, moving an unreadable one aside.
fn read_sidecar(path: &Path) -> Result<Option<OnDisk>, SidecarError> {
    let bytes = read_if_any(path).map_err(|source| SidecarError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match bytes.map(|b| parse(&b)) {
        None => Ok(None),
        Some(Ok(on_disk)) => Ok(Some(on_disk)),
        Some(Err(detail)) => Err(keep_aside(path, detail)),
    }
}

fn serialise(revision: u64, doc: &AnnotatedDocument) -> io::Result<Vec<u8>> {
    // Graph places that are not numbers cannot be written in JSON (and would make the whole file
    // unreadable): those nodes are placed afresh next time.
    let storable;
    let doc = if doc
        .presentation
        .graph_positions
        .values()
        .all(|p| p.iter().all(|v| v.is_finite()))
    {
        doc
    } else {
        let mut copy = doc.clone();
        copy.presentation
            .graph_positions
            .retain(|_, p| p.iter().all(|v| v.is_finite()));
        storable = copy;
        &storable
    };
    serde_json::to_vec_pretty(&Stored { revision, doc }).map_err(io::Error::other)
}

/// Saves a document as the sidecar of `article`, whatever the file holds now (a revision one past
/// the file's). The app saves through a [`Sidecar`] instead, which never overwrites another
/// writer's work.
pub fn save(article: &Path, doc: &AnnotatedDocument) -> io::Result<()> {
    let path = sidecar_path(article);
    let revision = read_if_any(&path)?
        .and_then(|b| parse(&b).ok())
        .map_or(0, |d| d.revision);
    write_atomic(&path, &serialise(revision + 1, doc)?)
}

/// The saved annotations of `article`, if there are any. A sidecar that cannot be parsed is
/// renamed aside (`….corrupt-N`) and reported, so it is never overwritten.
pub fn load(article: &Path) -> Result<Option<AnnotatedDocument>, SidecarError> {
    Ok(read_sidecar(&sidecar_path(article))?.map(|d| d.doc))
}

/// How a [`Sidecar`] writes a file: [`write_atomic`] unless a test injects a failing one.
pub type WriteFn = dyn Fn(&Path, &[u8]) -> io::Result<()> + Send + Sync;

/// One writer's view of a sidecar file (the app keeps one per open article): where it is, and
/// what it held when this writer last read or wrote it, which is the common base when another
/// writer's version has to be merged.
pub struct Sidecar {
    path: PathBuf,
    /// What the file held when last read or written here; `None` if there was no file.
    base: Option<OnDisk>,
    write: Arc<WriteFn>,
}

impl std::fmt::Debug for Sidecar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sidecar")
            .field("path", &self.path)
            .field("revision", &self.revision())
            .finish()
    }
}

/// What a [`Sidecar::save`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// Written; nobody else had written the file since this writer last read or wrote it.
    Saved,
    /// Another writer had saved in between. Both versions' corrections were merged and written:
    /// the app must show `doc` from now on (it holds the other writer's corrections too) and tell
    /// the user about each conflict (each was settled in favour of the other writer's version;
    /// this writer's whole version was kept at `mine`).
    Merged {
        doc: Box<AnnotatedDocument>,
        conflicts: Vec<String>,
        mine: Option<PathBuf>,
    },
    /// The file on disk annotates another version of the article (its text differs), so nothing
    /// could be merged: it was left alone, and this writer's document was written to `ours`
    /// instead. Later saves go there too.
    KeptBoth { theirs: PathBuf, ours: PathBuf },
    /// The file on disk was unreadable: it was moved to `kept` and this writer's document written.
    ReplacedUnreadable { kept: PathBuf },
}

impl Sidecar {
    /// The sidecar of `article` and the annotations saved in it, if any (as saved: re-anchor them
    /// with [`reanchor`] if the article's text changed). A file that cannot be read stays where it
    /// is and is reported; an unreadable one is moved aside and reported. After either error,
    /// show a fresh extraction and save through [`Sidecar::new_file`] at [`sidecar_path`], which
    /// merges with whatever appears there rather than replacing it.
    pub fn open(article: &Path) -> Result<(Sidecar, Option<AnnotatedDocument>), SidecarError> {
        Sidecar::open_file(&sidecar_path(article))
    }

    /// Like [`Sidecar::open`], for a sidecar file at any path (one chosen with Save As).
    pub fn open_file(path: &Path) -> Result<(Sidecar, Option<AnnotatedDocument>), SidecarError> {
        let base = read_sidecar(path)?;
        let doc = base.as_ref().map(|d| d.doc.clone());
        Ok((Sidecar::with_base(path.to_path_buf(), base), doc))
    }

    /// A writer for `path` that has read nothing: it saves there if no file exists, and merges
    /// with one that does (with an empty common base).
    pub fn new_file(path: &Path) -> Sidecar {
        Sidecar::with_base(path.to_path_buf(), None)
    }

    fn with_base(path: PathBuf, base: Option<OnDisk>) -> Sidecar {
        Sidecar {
            path,
            base,
            write: Arc::new(write_atomic),
        }
    }

    /// The same writer, writing files with `write` (for tests that simulate failing disks).
    pub fn with_writer(mut self, write: Arc<WriteFn>) -> Sidecar {
        self.write = write;
        self
    }

    /// Where the annotations are written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `doc` whatever the file holds now (its previous version is kept as `.bak`): for a
    /// file the user chose with Save As, where the dialog already asked before replacing it.
    pub fn save_over(&mut self, doc: &AnnotatedDocument) -> io::Result<()> {
        let _lock = DirLock::new(&self.path);
        let on_disk = read_if_any(&self.path)?
            .and_then(|b| parse(&b).ok())
            .map_or(0, |d| d.revision);
        self.write_doc(doc, on_disk.max(self.revision()) + 1)
    }

    /// How many times the file was saved, as last read or written here (0: no file yet).
    pub fn revision(&self) -> u64 {
        self.base.as_ref().map_or(0, |d| d.revision)
    }

    /// Writes `doc`, unless another writer saved since this one last read or wrote the file: then
    /// the two are merged, or both kept (see [`SaveOutcome`]). Nothing is ever overwritten that
    /// this writer has not seen. On an error nothing changed on disk, and `doc` is still the
    /// caller's to save again or elsewhere.
    pub fn save(&mut self, doc: &AnnotatedDocument) -> io::Result<SaveOutcome> {
        let _lock = DirLock::new(&self.path);
        let known = self.base.as_ref().map(|d| d.fingerprint);
        // No file (never saved, or deleted since), or the one this writer knows: just write.
        let bytes = match read_if_any(&self.path)? {
            Some(bytes) if Some(fingerprint(&bytes)) != known => bytes,
            _ => {
                self.write_doc(doc, self.revision() + 1)?;
                return Ok(SaveOutcome::Saved);
            }
        };
        let theirs = match parse(&bytes) {
            Ok(theirs) => theirs,
            Err(_) => {
                let kept = free_path(&self.path, "corrupt");
                fs::rename(&self.path, &kept)?;
                self.write_doc(doc, self.revision() + 1)?;
                return Ok(SaveOutcome::ReplacedUnreadable { kept });
            }
        };
        let revision = theirs.revision.max(self.revision()) + 1;
        if theirs.doc.text != doc.text {
            let ours = free_path(&self.path, "conflict");
            let theirs_path = std::mem::replace(&mut self.path, ours.clone());
            self.base = None;
            self.write_doc(doc, 1)?;
            return Ok(SaveOutcome::KeptBoth {
                theirs: theirs_path,
                ours,
            });
        }
        let base = match &self.base {
            Some(b) if b.doc.text == doc.text => b.doc.clone(),
            Some(b) => reanchor(&b.doc, &doc.text).0,
            None => empty_like(doc),
        };
        let merged = merge_concurrent(&base, doc, &theirs.doc);
        let mine = if merged.conflicts.is_empty() {
            None
        } else {
            let mine = free_path(&self.path, "mine");
            (self.write)(&mine, &serialise(revision, doc)?)?;
            Some(mine)
        };
        self.write_doc(&merged.doc, revision)?;
        Ok(SaveOutcome::Merged {
            doc: Box::new(merged.doc),
            conflicts: merged.conflicts,
            mine,
        })
    }

    fn write_doc(&mut self, doc: &AnnotatedDocument, revision: u64) -> io::Result<()> {
        let bytes = serialise(revision, doc)?;
        (self.write)(&self.path, &bytes)?;
        self.base = Some(OnDisk {
            fingerprint: fingerprint(&bytes),
            revision,
            doc: doc.clone(),
        });
        Ok(())
    }
}

/// `doc` without annotations: the base of a merge with a file this writer never read.
fn empty_like(doc: &AnnotatedDocument) -> AnnotatedDocument {
    AnnotatedDocument {
        actors: Vec::new(),
        mentions: Vec::new(),
        statements: Vec::new(),
        relations: Vec::new(),
        removed: Vec::new(),
        presentation: Default::default(),
        ..doc.clone()
    }
}

/// An exclusive lock on the directory of a sidecar while it is checked and written, so that two
/// writers on this machine cannot both check and then both write. Best effort: where directories
/// cannot be locked (some network file systems, Windows), the check before writing still narrows
/// the window to the moment between reading and renaming.
struct DirLock(Option<File>);

impl DirLock {
    fn new(path: &Path) -> DirLock {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let dir = File::open(dir)
            .ok()
            .filter(|f| f.metadata().is_ok_and(|m| m.is_dir()));
        DirLock(dir.filter(|f| f.lock().is_ok()))
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}

/// Moves every annotation of `saved` onto `text` (the article as it is now): unchanged stretches
/// keep their annotations, and inside the changed stretch each annotation's words are looked for
/// nearest to where they were. Returns the re-anchored document and a description of each
/// annotation that could not be placed (which is left out, and must be shown to the user).
pub fn reanchor(saved: &AnnotatedDocument, text: &str) -> (AnnotatedDocument, Vec<String>) {
    let old: Vec<char> = saved.text.chars().collect();
    let new: Vec<char> = text.chars().collect();
    // What did not change: a common prefix and a common suffix. Spans there keep their place
    // (shifted by the change in length); only spans in the changed middle are searched for.
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_tail, new_tail) = (old.len() - suffix, new.len() - suffix);
    let place = |span: Span| -> Option<Span> {
        let needle = old.get(span.start..span.end)?;
        if needle.is_empty() {
            return None;
        }
        if span.end <= prefix {
            return Some(span);
        }
        if span.start >= old_tail {
            let start = span.start - old_tail + new_tail;
            return Some(Span::new(start, start + needle.len()));
        }
        // Inside the edit: the nearest copy of the same words within the changed stretch.
        let from = prefix.saturating_sub(needle.len());
        let to = (new_tail + needle.len()).min(new.len());
        let mut best: Option<(usize, usize)> = None;
        for start in from..=to.saturating_sub(needle.len()) {
            if new[start..start + needle.len()] == *needle {
                let distance = start.abs_diff(span.start);
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, start));
                }
            }
        }
        best.map(|(_, s)| Span::new(s, s + needle.len()))
    };
    let surface = |span: Span| {
        old.get(span.start..span.end)
            .map(|c| c.iter().collect::<String>())
    };
    let mut doc = saved.clone();
    doc.text = text.to_string();
    let mut unplaced = Vec::new();
    doc.mentions.retain_mut(|m| match place(m.span()) {
        Some(s) => {
            (m.start, m.end) = (s.start, s.end);
            true
        }
        None => {
            unplaced.push(format!(
                "mention {} of {} «{}»",
                m.id,
                m.actor,
                surface(m.span()).unwrap_or_default()
            ));
            false
        }
    });
    doc.statements
        .retain_mut(|s| match (place(s.cue), place(s.content)) {
            (Some(cue), Some(content)) => {
                s.cue = cue;
                s.content = content;
                true
            }
            _ => {
                unplaced.push(format!(
                    "statement {} by {} «{}»",
                    s.id,
                    s.speaker,
                    surface(s.content).unwrap_or_default()
                ));
                false
            }
        });
    let mentions: HashSet<String> = doc.mentions.iter().map(|m| m.id.clone()).collect();
    for s in &mut doc.statements {
        if s.speaker_mention
            .as_ref()
            .is_some_and(|m| !mentions.contains(m))
        {
            s.speaker_mention = None;
        }
    }
    let statements: HashSet<String> = doc.statements.iter().map(|s| s.id.clone()).collect();
    doc.relations.retain_mut(|r| {
        r.statements.retain(|s| statements.contains(s));
        r.evidence = r.evidence.iter().filter_map(|&e| place(e)).collect();
        let placed = !r.statements.is_empty() || !r.evidence.is_empty();
        if !placed {
            unplaced.push(format!(
                "relation {} -> {} ({})",
                r.source,
                r.target,
                r.kind.as_str()
            ));
        }
        placed
    });
    (doc, unplaced)
}
