//! Autosave that never loses an edit: the state machine behind the app's saving, kept free of
//! egui so that every failure can be tested.
//!
//! The app owns one [`Autosave`] per open article and calls it from its frame loop:
//!
//! - after every applied edit (and undo/redo): [`Autosave::edited`];
//! - every frame: [`Autosave::poll`], which writes once edits have rested for
//!   [`Autosave::DELAY`], or when a retry is due. Repaint again at [`Autosave::wake_at`] so a
//!   pending save or retry happens without input;
//! - File ▸ Save (Ctrl+S): [`Autosave::save_now`]; File ▸ Save As…: [`Autosave::save_as`] with
//!   the path from the dialog (autosave then continues there);
//! - on quit or before opening another article: if [`Autosave::has_unsaved`], try
//!   [`Autosave::save_now`]; if that fails, ask: Save As…, Discard, or Cancel;
//! - while [`Autosave::failure`] is `Some`, show a persistent warning with its
//!   [`SaveFailure::reason`] (written for the user), the attempt count and the next retry, and a
//!   Save As… button. Edits stay in memory all along (the app's document is the only copy that
//!   matters), and each save writes the whole document, so nothing made during a failure is lost.
//!
//! What a save returned matters too: [`SaveOutcome::Merged`] carries the document to show from
//! now on (another window's corrections merged in) and conflicts to report;
//! [`SaveOutcome::KeptBoth`] says where this window's annotations went.

use crate::model::AnnotatedDocument;
use crate::sidecar::{SaveOutcome, Sidecar};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why the last save failed, for a warning that stays until a save succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// The file that could not be written.
    pub path: PathBuf,
    /// What went wrong and what to do, in words for the user.
    pub reason: String,
    /// The kind of the underlying error.
    pub kind: io::ErrorKind,
    /// Failed attempts in a row.
    pub attempts: u32,
    /// When autosave tries again (Save and Save As try at once).
    pub retry_at: Instant,
}

/// The autosave state of one open article (see the module documentation for how the app uses
/// it).
#[derive(Debug)]
pub struct Autosave {
    sidecar: Sidecar,
    /// When the last edit not yet on disk was made; `None` when everything is saved.
    unsaved_since: Option<Instant>,
    last_edit: Option<Instant>,
    failure: Option<SaveFailure>,
}

impl Autosave {
    /// How long edits rest before they are written.
    pub const DELAY: Duration = Duration::from_millis(800);
    /// The first retry after a failure; each further failure doubles it, up to [`Self::MAX_BACKOFF`].
    pub const FIRST_BACKOFF: Duration = Duration::from_secs(2);
    pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

    /// Autosave into `sidecar` (from [`Sidecar::open`] when the article was opened).
    pub fn new(sidecar: Sidecar) -> Autosave {
        Autosave {
            sidecar,
            unsaved_since: None,
            last_edit: None,
            failure: None,
        }
    }

    /// The document changed (an edit, an undo, a redo, extracting again).
    pub fn edited(&mut self, now: Instant) {
        self.unsaved_since.get_or_insert(now);
        self.last_edit = Some(now);
    }

    /// Whether there are edits that are not on disk (ask before quitting).
    pub fn has_unsaved(&self) -> bool {
        self.unsaved_since.is_some()
    }

    /// Why the last save failed, while no save has succeeded since.
    pub fn failure(&self) -> Option<&SaveFailure> {
        self.failure.as_ref()
    }

    /// Where the annotations are written.
    pub fn path(&self) -> &Path {
        self.sidecar.path()
    }

    /// When [`Autosave::poll`] has something to do next (`None`: nothing pending).
    pub fn wake_at(&self) -> Option<Instant> {
        self.unsaved_since?;
        match &self.failure {
            Some(f) => Some(f.retry_at),
            None => self.last_edit.map(|t| t + Self::DELAY),
        }
    }

    /// Saves if edits have rested long enough or a retry is due; `None` if it did not try.
    pub fn poll(
        &mut self,
        doc: &AnnotatedDocument,
        now: Instant,
    ) -> Option<Result<SaveOutcome, SaveFailure>> {
        if now < self.wake_at()? {
            return None;
        }
        Some(self.save_now(doc, now))
    }

    /// Saves now, whether or not anything changed (Ctrl+S, quitting).
    pub fn save_now(
        &mut self,
        doc: &AnnotatedDocument,
        now: Instant,
    ) -> Result<SaveOutcome, SaveFailure> {
        let result = self.sidecar.save(doc);
        self.settle(result, now)
    }

    /// Saves to `path` (a file the user chose: the dialog already asked before replacing one,
    /// whose previous version is kept as `.bak`) and autosaves there from now on. If that fails,
    /// the error says why (show it in the dialog's place) and autosave goes on as before.
    pub fn save_as(
        &mut self,
        doc: &AnnotatedDocument,
        path: &Path,
        now: Instant,
    ) -> Result<SaveOutcome, SaveFailure> {
        let mut target = Sidecar::new_file(path);
        match target.save_over(doc) {
            Ok(()) => {
                self.sidecar = target;
                self.unsaved_since = None;
                self.failure = None;
                Ok(SaveOutcome::Saved)
            }
            Err(e) => Err(SaveFailure {
                path: path.to_path_buf(),
                reason: describe(path, &e),
                kind: e.kind(),
                attempts: 1,
                retry_at: now,
            }),
        }
    }

    fn settle(
        &mut self,
        result: io::Result<SaveOutcome>,
        now: Instant,
    ) -> Result<SaveOutcome, SaveFailure> {
        match result {
            Ok(outcome) => {
                self.unsaved_since = None;
                self.failure = None;
                Ok(outcome)
            }
            Err(e) => {
                let attempts = self.failure.as_ref().map_or(0, |f| f.attempts) + 1;
                let backoff = Self::FIRST_BACKOFF
                    .saturating_mul(1 << (attempts - 1).min(16))
                    .min(Self::MAX_BACKOFF);
                let path = self.sidecar.path();
                let failure = SaveFailure {
                    path: path.to_path_buf(),
                    reason: describe(path, &e),
                    kind: e.kind(),
                    attempts,
                    retry_at: now + backoff,
                };
                self.failure = Some(failure.clone());
                self.unsaved_since.get_or_insert(now);
                Err(failure)
            }
        }
    }
}

/// The folder `path` is in, for messages.
fn folder(path: &Path) -> String {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    }
}

/// What a failed write means, in words for the user, with what they can do about it.
pub fn describe(path: &Path, e: &io::Error) -> String {
    use io::ErrorKind as K;
    let file = path.display();
    let dir = folder(path);
    let keep = "Your corrections are kept in this window; use Save As to put them elsewhere.";
    let what = match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            format!("the folder {dir} is read-only, or you may not write in it")
        }
        K::StorageFull => format!("the disk holding {dir} is full"),
        K::QuotaExceeded => format!("your disk quota for {dir} is used up"),
        K::NotFound => format!("the folder {dir} no longer exists (moved, or a drive removed?)"),
        K::NotADirectory => format!("{dir} is not a folder (a file has its name)"),
        K::IsADirectory => format!("a folder named {file} is in the way"),
        K::ResourceBusy | K::WouldBlock | K::Deadlock => {
            format!("{file} is locked by another program")
        }
        K::FileTooLarge => format!("{file} would be larger than the file system allows"),
        K::TimedOut | K::StaleNetworkFileHandle | K::NetworkDown | K::ConnectionReset => {
            format!("the network folder {dir} does not answer")
        }
        _ if is_sharing_violation(e) => format!("{file} is locked by another program"),
        _ => format!("{file} cannot be written ({e})"),
    };
    format!("Cannot save the corrections: {what}. {keep}")
}

/// Windows reports a file another program holds open as a sharing or lock violation.
fn is_sharing_violation(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_in_words() {
        let p = Path::new("/data/news/a.marsad.json");
        let r = describe(p, &io::Error::from_raw_os_error(28));
        assert!(r.contains("disk holding /data/news is full"), "{r}");
        let r = describe(p, &io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(r.contains("/data/news is read-only"), "{r}");
        assert!(r.ends_with("use Save As to put them elsewhere."));
        let r = describe(p, &io::Error::from(io::ErrorKind::ResourceBusy));
        assert!(r.contains("locked by another program"), "{r}");
    }
}
