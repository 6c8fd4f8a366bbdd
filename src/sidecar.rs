//! The sidecar `ARTICLE.marsad.json` beside an article: the annotated document (with the user's
//! corrections), written atomically so a crash leaves either the old or the new version, never a
//! torn one; the previous version is kept as `.bak`; an unreadable sidecar is moved aside, never
//! overwritten; annotations of an article whose text changed are re-anchored by their text.

use crate::atomic_file::{with_suffix, write_atomic};
use crate::model::{AnnotatedDocument, Span, SCHEMA};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// Saves a document as the sidecar of `article`.
pub fn save(article: &Path, doc: &AnnotatedDocument) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(doc).map_err(io::Error::other)?;
    write_atomic(&sidecar_path(article), &json)
}

/// The saved annotations of `article`, if there are any. A sidecar that cannot be parsed is
/// renamed aside (`….corrupt-N`) and reported, so it is never overwritten.
pub fn load(article: &Path) -> Result<Option<AnnotatedDocument>, SidecarError> {
    let path = sidecar_path(article);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(SidecarError::Io { path, source }),
    };
    let parsed = serde_json::from_slice::<AnnotatedDocument>(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|doc| {
            if doc.schema == SCHEMA {
                Ok(doc)
            } else {
                Err(format!("schema {:?}, expected {SCHEMA:?}", doc.schema))
            }
        });
    match parsed {
        Ok(doc) => Ok(Some(doc)),
        Err(detail) => {
            let kept = (1..)
                .map(|n| with_suffix(&path, &format!(".corrupt-{n}")))
                .find(|p| !p.exists())
                .unwrap_or_else(|| with_suffix(&path, ".corrupt"));
            fs::rename(&path, &kept).map_err(|source| SidecarError::Io {
                path: path.clone(),
                source,
            })?;
            Err(SidecarError::Corrupt { path, kept, detail })
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
