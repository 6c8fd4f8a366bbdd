//! Find in the article: the query, its hits and which one is current. Searching runs on a worker
//! thread once typing pauses, so a keystroke never waits for a search of a long article.

use crate::extract::fold;
use crate::model::Span;
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;

/// How long typing must pause before the query is searched, in seconds.
pub const DEBOUNCE: f64 = 0.15;

/// A search running on a worker thread.
struct Search {
    query: String,
    receiver: Receiver<Vec<Span>>,
}

#[derive(Default)]
pub struct Find {
    pub open: bool,
    /// Put the keyboard focus in the field at the next frame.
    pub focus: bool,
    pub query: String,
    /// The query the hits belong to.
    searched: String,
    hits: Vec<Span>,
    current: Option<usize>,
    /// When (egui time) the query last changed, while it waits to be searched.
    edited_at: Option<f64>,
    running: Option<Search>,
}

impl Find {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    pub fn close(&mut self) {
        *self = Find::default();
    }

    pub fn clear_hits(&mut self) {
        self.hits.clear();
        self.current = None;
        self.searched.clear();
        self.running = None;
        self.edited_at = (!self.query.is_empty()).then_some(f64::NEG_INFINITY);
    }

    pub fn hits(&self) -> &[Span] {
        &self.hits
    }

    /// Hits touching `chars`, with their numbers, in text order.
    pub fn hits_in(
        &self,
        chars: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, Span)> + '_ {
        let first = self.hits.partition_point(|h| h.end <= chars.start);
        self.hits[first..]
            .iter()
            .take_while(move |h| h.start < chars.end.max(chars.start + 1))
            .enumerate()
            .map(move |(k, h)| (first + k, *h))
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Whether the hits shown are not yet those of the query typed.
    pub fn searching(&self) -> bool {
        self.edited_at.is_some() || self.running.is_some()
    }

    /// The query was edited at egui time `now`; it is searched once typing pauses.
    pub fn edit(&mut self, query: String, now: f64) {
        self.query = query;
        self.edited_at = Some(now);
    }

    /// Starts the search when typing has paused and picks up its result. Returns how long to
    /// wait before calling again (`None`: nothing pending), and the hits when they arrive.
    pub fn poll(
        &mut self,
        text: &Arc<str>,
        now: f64,
        wake: impl Fn() + Send + 'static,
    ) -> (Option<f64>, bool) {
        let mut arrived = false;
        if let Some(search) = &self.running {
            match search.receiver.try_recv() {
                Ok(hits) => {
                    self.searched = std::mem::take(&mut self.running)
                        .map(|s| s.query)
                        .unwrap_or_default();
                    self.hits = hits;
                    self.current = None;
                    arrived = true;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.running = None,
            }
        }
        let wait = match self.edited_at {
            Some(at) if now - at >= DEBOUNCE => {
                self.edited_at = None;
                self.start(text, wake);
                None
            }
            Some(at) => Some(DEBOUNCE - (now - at)),
            None => None,
        };
        (wait, arrived)
    }

    fn start(&mut self, text: &Arc<str>, wake: impl Fn() + Send + 'static) {
        let query = self.query.clone();
        if query == self.searched && self.running.is_none() {
            return;
        }
        let (sender, receiver) = channel();
        let text = Arc::clone(text);
        let worker_query = query.clone();
        std::thread::spawn(move || {
            let _ = sender.send(fold::find_all(&text, &worker_query));
            wake();
        });
        self.running = Some(Search { query, receiver });
    }

    /// Makes the first hit at or after `offset` current (wrapping to the first); returns it.
    pub fn first_from(&mut self, offset: usize) -> Option<Span> {
        if self.hits.is_empty() {
            return None;
        }
        let at = self.hits.partition_point(|h| h.start < offset);
        let at = if at < self.hits.len() { at } else { 0 };
        self.current = Some(at);
        Some(self.hits[at])
    }

    /// Moves to the previous (-1) or next (+1) hit, wrapping around; returns it.
    pub fn step(&mut self, step: i32) -> Option<Span> {
        let n = self.hits.len() as i64;
        if n == 0 {
            return None;
        }
        let next = match self.current {
            None if step >= 0 => 0,
            None => n - 1,
            Some(at) => (at as i64 + step as i64).rem_euclid(n),
        } as usize;
        self.current = Some(next);
        Some(self.hits[next])
    }
}
