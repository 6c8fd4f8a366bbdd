//! Indexing a folder into its corpus store on a worker thread, with progress (articles per second
//! and time left) and cancellation; the app stays usable meanwhile.

use crate::batch::{self, InputList};
use crate::corpus::{IndexEvent, IndexOptions, IndexReport, Metadata, Store};
use crate::extract::Extractor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

/// The store's file name inside the folder it indexes: hidden, so that it travels with the folder
/// and is never taken for an article, and found again when the folder is opened next time.
pub const STORE_NAME: &str = ".marsad-corpus.sqlite";
/// Article metadata beside the articles (SaudiNewsNet's layout), used when present.
const METADATA_NAME: &str = "index.jsonl";

/// Where the store of `folder` lives: inside it, or, when the folder cannot be written, in the
/// user's cache folder under a name made from the folder's path.
pub fn store_for_folder(folder: &Path) -> PathBuf {
    let inside = folder.join(STORE_NAME);
    let writable = inside.is_file()
        || std::fs::OpenOptions::new()
            .create_new(true)
            .write(true)
            .open(&inside)
            .map(|_| std::fs::remove_file(&inside))
            .is_ok();
    if writable {
        return inside;
    }
    let name: String = folder
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("marsad")
        .join("corpora")
        .join(format!("{name}.sqlite"))
}

/// An indexing run in the background.
pub struct Indexing {
    pub store: PathBuf,
    /// Files to read (known once the folder is listed), and files done.
    total: Arc<AtomicUsize>,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    started: Instant,
    result: Receiver<Result<IndexReport, String>>,
}

/// How far a run is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Articles per second so far.
    pub rate: f64,
    /// Seconds left at that rate.
    pub eta: Option<u64>,
}

impl Indexing {
    /// Indexes `inputs` (a folder, or single articles whose corrections changed) into `store`;
    /// articles gone from a folder are removed. Titles, dates and outlets come from
    /// `metadata_dir/index.jsonl` when there is one. `wake` is called as it goes, for the progress.
    pub fn start(
        extractor: Arc<Extractor>,
        inputs: Vec<PathBuf>,
        metadata_dir: Option<PathBuf>,
        store: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) -> Indexing {
        let (sender, result) = channel();
        let total = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Indexing {
            store: store.clone(),
            total: total.clone(),
            done: done.clone(),
            cancel: cancel.clone(),
            started: Instant::now(),
            result,
        };
        std::thread::spawn(move || {
            let run = || -> Result<IndexReport, String> {
                let list = InputList::expand(&inputs);
                total.store(list.files.len(), Ordering::Relaxed);
                if let Some(parent) = store.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                let mut db = Store::create_or_open(&store).map_err(|e| e.to_string())?;
                let metadata = metadata_dir
                    .map(|d| d.join(METADATA_NAME))
                    .filter(|m| m.is_file())
                    .and_then(|m| Metadata::load(&m).ok())
                    .unwrap_or_default();
                let options = IndexOptions {
                    jobs: batch::default_jobs(),
                    metadata,
                    cancel: Some(cancel),
                    ..IndexOptions::default()
                };
                let roots: Vec<PathBuf> = inputs.iter().filter(|p| p.is_dir()).cloned().collect();
                let mut last_wake = Instant::now();
                db.index(&extractor, &list.files, &roots, &options, &mut |event| {
                    if let IndexEvent::Done(_) = event {
                        done.fetch_add(1, Ordering::Relaxed);
                        if last_wake.elapsed().as_millis() > 100 {
                            last_wake = Instant::now();
                            wake();
                        }
                    }
                })
                .map_err(|e| e.to_string())
            };
            let _ = sender.send(run());
            wake();
        });
        job
    }

    pub fn progress(&self) -> Progress {
        let done = self.done.load(Ordering::Relaxed);
        let total = self.total.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let eta =
            (rate > 0.0 && done > 0).then(|| (total.saturating_sub(done) as f64 / rate) as u64);
        Progress {
            done,
            total,
            rate,
            eta,
        }
    }

    /// Stops the run after the article being written; what is indexed so far is kept.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The outcome, once the run is over.
    pub fn poll(&self) -> Option<Result<IndexReport, String>> {
        self.result.try_recv().ok()
    }
}
