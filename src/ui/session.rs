//! One opened article: the annotated document and what the panels derive from it (colours, graph,
//! per-actor indexes), plus opening articles off the UI thread.

use crate::extract::Extractor;
use crate::graph::ActorGraph;
use crate::ingest;
use crate::model::{AnnotatedDocument, RelationType, Span, Statement};
use crate::sidecar;
use crate::ui::palette;
use egui::Color32;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

/// What one selection points at; every view reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    /// An actor (a top-level actor or a person).
    Actor(String),
    /// A statement, by index into the document's statements.
    Statement(usize),
    /// A relation, by index into the document's relations.
    Relation(usize),
}

/// An article and what was derived from it.
pub struct Session {
    pub doc: AnnotatedDocument,
    pub path: PathBuf,
    pub extraction_ms: f64,
    /// Something the user must know about how this article was opened.
    pub warning: Option<String>,
    /// The relationship graph; its node places are kept in `doc.presentation`.
    pub graph: ActorGraph,
    colours: HashMap<String, Color32>,
}

impl Session {
    pub fn new(mut doc: AnnotatedDocument, path: PathBuf, extraction_ms: f64) -> Session {
        let graph = ActorGraph::build(&doc);
        graph.place(&mut doc.presentation.graph_positions);
        let colours = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(rank, n)| (n.actor.clone(), palette::actor_colour(rank)))
            .collect();
        Session {
            doc,
            path,
            extraction_ms,
            warning: None,
            graph,
            colours,
        }
    }

    /// Derives the graph and colours again after the document changed; nodes that stay keep
    /// their place.
    pub fn refresh(&mut self) {
        let graph = ActorGraph::build(&self.doc);
        graph.place(&mut self.doc.presentation.graph_positions);
        self.graph = graph;
        for (rank, n) in self.graph.nodes.iter().enumerate() {
            if !self.colours.contains_key(&n.actor) {
                let colour = palette::actor_colour(rank);
                self.colours.insert(n.actor.clone(), colour);
            }
        }
    }

    /// The colour of an actor (persons take their affiliation's).
    pub fn colour(&self, actor: &str) -> Color32 {
        let top = self.doc.top_level(actor);
        self.colours
            .get(&top)
            .copied()
            .unwrap_or(Color32::from_gray(140))
    }

    /// English name, falling back to the Arabic one and then the id.
    pub fn name_en(&self, actor: &str) -> String {
        match self.doc.actor(actor) {
            Some(a) if !a.name_en.is_empty() => a.name_en.clone(),
            Some(a) if !a.name_ar.is_empty() => a.name_ar.clone(),
            _ => actor.to_string(),
        }
    }

    pub fn name_ar(&self, actor: &str) -> String {
        match self.doc.actor(actor) {
            Some(a) if !a.name_ar.is_empty() => a.name_ar.clone(),
            _ => self.name_en(actor),
        }
    }

    /// Whether `actor` is `selected` or one of its people.
    pub fn belongs_to(&self, actor: &str, selected: &str) -> bool {
        actor == selected || self.doc.top_level(actor) == selected
    }

    /// Mentions of an actor and its people, in text order.
    pub fn mentions_of(&self, actor: &str) -> Vec<Span> {
        self.doc
            .mentions
            .iter()
            .filter(|m| self.belongs_to(&m.actor, actor))
            .map(|m| m.span())
            .collect()
    }

    /// Statements an actor (or one of its people) made.
    pub fn statements_by(&self, actor: &str) -> Vec<usize> {
        self.indexed_statements(|s| self.belongs_to(&s.speaker, actor))
    }

    /// Statements addressed to or about an actor.
    pub fn statements_about(&self, actor: &str) -> Vec<usize> {
        self.indexed_statements(|s| s.targets.iter().any(|t| self.belongs_to(t, actor)))
    }

    fn indexed_statements(&self, keep: impl Fn(&Statement) -> bool) -> Vec<usize> {
        self.doc
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| keep(s))
            .map(|(i, _)| i)
            .collect()
    }

    /// People of an actor found in the article.
    pub fn people_of(&self, actor: &str) -> Vec<String> {
        self.doc
            .actors
            .iter()
            .filter(|a| a.id != actor && a.kind == crate::model::ActorKind::Person)
            .filter(|a| self.doc.top_level(&a.id) == actor)
            .map(|a| a.id.clone())
            .collect()
    }

    /// The span from a statement's cue to the end of its content.
    pub fn statement_span(&self, index: usize) -> Option<Span> {
        let s = self.doc.statements.get(index)?;
        Some(Span::new(
            s.cue.start.min(s.content.start),
            s.cue.end.max(s.content.end),
        ))
    }

    /// The relation types present, in a fixed order.
    pub fn relation_types(&self) -> Vec<RelationType> {
        RelationType::ALL
            .into_iter()
            .filter(|t| self.doc.relations.iter().any(|r| r.kind == *t))
            .collect()
    }

    /// A short excerpt of the text at `span`.
    pub fn excerpt(&self, span: Span, max_chars: usize) -> String {
        let text = self.doc.slice(span);
        if text.chars().count() <= max_chars {
            return text;
        }
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// An article that finished opening, or why it could not.
pub type Opened = Result<Session, String>;

/// Reads and annotates `path`; the one function both the dialog and the command line use.
/// Saved corrections in a sidecar are used when there are any: as they are when the article is
/// unchanged, re-anchored when it changed (what cannot be placed is reported).
pub fn open_article(extractor: &Extractor, path: &Path) -> Opened {
    let started = Instant::now();
    let doc = ingest::load(path).map_err(|e| e.to_string())?;
    let (annotated, warning) = match sidecar::load(path) {
        Ok(Some(saved)) if saved.text == doc.text => (saved, None),
        Ok(Some(saved)) => {
            let (moved, unplaced) = sidecar::reanchor(&saved, &doc.text);
            let warning = (!unplaced.is_empty()).then(|| {
                format!(
                    "The article changed since its annotations were saved; these could not be \
                     placed again: {}",
                    unplaced.join("; ")
                )
            });
            (moved, warning)
        }
        Ok(None) => (extractor.annotate_owned(doc.text, doc.source), None),
        Err(e) => (
            extractor.annotate_owned(doc.text, doc.source),
            Some(e.to_string()),
        ),
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut session = Session::new(annotated, path.to_path_buf(), ms);
    session.warning = warning;
    Ok(session)
}

/// An article being opened on a worker thread.
pub struct Opening {
    pub path: PathBuf,
    receiver: Receiver<Opened>,
}

impl Opening {
    /// Starts opening `path` in the background; `wake` is called when it is done.
    pub fn start(
        extractor: Arc<Extractor>,
        path: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) -> Opening {
        let (sender, receiver) = channel();
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let opened = open_article(&extractor, &worker_path);
            let _ = sender.send(opened);
            wake();
        });
        Opening { path, receiver }
    }

    /// The result, once the worker is done.
    pub fn poll(&self) -> Option<Opened> {
        match self.receiver.try_recv() {
            Ok(opened) => Some(opened),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Err(format!(
                "{}: opening stopped unexpectedly",
                self.path.display()
            ))),
        }
    }
}
