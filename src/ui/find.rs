//! Find in the article: the query, its hits and which one is current.

use crate::extract::fold;
use crate::model::Span;

#[derive(Default)]
pub struct Find {
    pub open: bool,
    /// Put the keyboard focus in the field at the next frame.
    pub focus: bool,
    pub query: String,
    hits: Vec<Span>,
    current: Option<usize>,
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
    }

    pub fn hits(&self) -> &[Span] {
        &self.hits
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Searches `text` for `query` (ignoring diacritics and letter variants); returns the first hit.
    pub fn set_query(&mut self, query: String, text: &str) -> Option<Span> {
        self.hits = fold::find_all(text, &query);
        self.query = query;
        self.current = None;
        self.step(1)
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
