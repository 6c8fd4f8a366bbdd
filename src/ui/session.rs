//! The open document: one article's annotations, their edit history and autosave, and what the
//! views derive from them (actor graph, colours, per-actor indexes), all refreshed in one place
//! after every change. Opening articles off the UI thread lives here too.

use crate::autosave::{Autosave, SaveFailure};
use crate::edit::{Edit, History};
use crate::extract::Extractor;
use crate::graph::ActorGraph;
use crate::ingest;
use crate::model::{AnnotatedDocument, Mention, Relation, RelationType, Span, Statement};
use crate::sidecar::{self, SaveOutcome, Sidecar};
use crate::ui::palette;
use egui::Color32;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

/// The bundled sample article, opened when no file is given.
pub const SAMPLE_PATH: &str = "assets/samples/israel-iraq-unsc-2024-11-19.txt";
const SAMPLE_BYTES: &[u8] = include_bytes!("../../assets/samples/israel-iraq-unsc-2024-11-19.txt");
/// Chars between two entries of the char → byte index.
const CHAR_STRIDE: usize = 64;

/// What one selection points at, by id, so that an edit elsewhere never moves it to a neighbour;
/// every view reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    /// An actor (a top-level actor or a person).
    Actor(String),
    /// A statement, by its id.
    Statement(String),
    /// A relation, by what makes it unique.
    Relation(RelationKey),
}

/// A relation is unique by its ends and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelationKey {
    pub source: String,
    pub target: String,
    pub kind: RelationType,
}

impl RelationKey {
    pub fn of(relation: &Relation) -> RelationKey {
        RelationKey {
            source: relation.source.clone(),
            target: relation.target.clone(),
            kind: relation.kind,
        }
    }
}

/// Look-ups the panels need every frame, built once per change of the document.
#[derive(Default)]
struct Indexes {
    /// Each actor's top-level actor (persons roll up to their affiliation).
    top_level: HashMap<String, String>,
    /// Mentions of each actor, its people's included, in text order.
    mentions: HashMap<String, Vec<Span>>,
    /// Statements each actor (or one of its people) made, by index.
    statements_by: HashMap<String, Vec<usize>>,
    /// Statements addressed to or about each actor (or one of its people), by index.
    statements_about: HashMap<String, Vec<usize>>,
    statement_by_id: HashMap<String, usize>,
    relation_by_key: HashMap<RelationKey, usize>,
    /// Mentions and statements in text order, with the longest of each, so that those touching
    /// a stretch of text are found by binary search.
    mentions_in_order: SpanOrder,
    statements_in_order: SpanOrder,
    /// The types of the statements each speaker mention names.
    speaker_kinds: HashMap<String, Vec<RelationType>>,
}

/// Indexes of items sorted by where they start, with the longest item's length.
#[derive(Default)]
struct SpanOrder {
    /// (start, end, index) sorted by start.
    items: Vec<(usize, usize, usize)>,
    longest: usize,
}

impl SpanOrder {
    fn new(spans: impl Iterator<Item = Span>) -> SpanOrder {
        let mut items: Vec<(usize, usize, usize)> = spans
            .enumerate()
            .map(|(i, s)| (s.start, s.end, i))
            .collect();
        items.sort_unstable();
        let longest = items.iter().map(|(s, e, _)| e.saturating_sub(*s)).max();
        SpanOrder {
            items,
            longest: longest.unwrap_or(0),
        }
    }

    /// Indexes of the items overlapping `chars`, in text order.
    fn overlapping(&self, chars: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let from = chars.start.saturating_sub(self.longest);
        let first = self.items.partition_point(|(s, _, _)| *s < from);
        self.items[first..]
            .iter()
            .take_while(move |(s, _, _)| *s < chars.end.max(chars.start + 1))
            .filter(move |(_, e, _)| *e > chars.start)
            .map(|(_, _, i)| *i)
    }
}

/// An open article and what was derived from it.
pub struct Session {
    pub doc: AnnotatedDocument,
    pub path: PathBuf,
    pub extraction_ms: f64,
    /// Something the user must know about how this article was opened.
    pub warning: Option<String>,
    /// The relationship graph; its node places are kept in `doc.presentation`.
    pub graph: ActorGraph,
    history: History,
    /// Writes the corrections: shortly after each change, retrying while it cannot.
    pub autosave: Autosave,
    /// When the corrections were last written, for the status line.
    last_saved: Option<Instant>,
    indexes: Indexes,
    /// The text, shared with workers (find); it never changes while the article is open.
    text: Arc<str>,
    /// Byte offset of every [`CHAR_STRIDE`]-th char, so that slicing by char offsets is quick.
    char_index: Vec<usize>,
    /// Bumped at every change of `doc`, so caches built from it know when to rebuild.
    generation: u64,
}

impl Session {
    /// The session of `doc`, read from `path`, saving into the article's sidecar (merging with
    /// whatever another writer put there).
    pub fn new(doc: AnnotatedDocument, path: PathBuf, extraction_ms: f64) -> Session {
        let sidecar = Sidecar::new_file(&sidecar::sidecar_path(&path));
        Session::with_sidecar(doc, path, extraction_ms, sidecar)
    }

    /// The session of `doc`, saving through `sidecar` (the one its saved annotations came from).
    pub fn with_sidecar(
        mut doc: AnnotatedDocument,
        path: PathBuf,
        extraction_ms: f64,
        sidecar: Sidecar,
    ) -> Session {
        let graph = ActorGraph::build(&doc);
        graph.place(&mut doc.presentation.graph_positions);
        let text: Arc<str> = Arc::from(doc.text.as_str());
        let char_index = text
            .char_indices()
            .step_by(CHAR_STRIDE)
            .map(|(b, _)| b)
            .collect();
        let mut session = Session {
            text,
            char_index,
            doc,
            path,
            extraction_ms,
            warning: None,
            graph,
            history: History::default(),
            autosave: Autosave::new(sidecar),
            last_saved: None,
            indexes: Indexes::default(),
            generation: 0,
        };
        session.refresh();
        session
    }

    /// The article's text, to hand to a worker thread.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    /// Changes each time the annotations change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Applies corrections; they can be undone and are saved shortly after. Returns whether
    /// anything changed.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) -> bool {
        let mut changed = false;
        for edit in edits {
            changed |= self.history.apply(&mut self.doc, edit);
        }
        if changed {
            self.changed();
        }
        changed
    }

    pub fn undo(&mut self) -> bool {
        let undone = self.history.undo(&mut self.doc);
        if undone {
            self.changed();
        }
        undone
    }

    pub fn redo(&mut self) -> bool {
        let redone = self.history.redo(&mut self.doc);
        if redone {
            self.changed();
        }
        redone
    }

    /// The correction Undo would revert, and the one Redo would make again.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.history.next_undo()
    }

    pub fn next_redo(&self) -> Option<&Edit> {
        self.history.next_redo()
    }

    /// Runs the extractor again (a changed gazetteer may find more) and keeps every correction.
    /// The history starts afresh: the edits before no longer describe this document.
    pub fn reextract(&mut self, extractor: &Extractor) {
        let fresh = extractor.annotate(&self.doc.text, self.doc.source.clone());
        self.doc = crate::edit::merge_reextraction(&self.doc, fresh);
        self.history = History::default();
        self.changed();
    }

    /// Writes the corrections now if some are unsaved (Ctrl+S, before the article is replaced,
    /// on quit); `None` when there was nothing to write.
    pub fn save_now(&mut self) -> Option<Result<SaveOutcome, SaveFailure>> {
        if !self.autosave.has_unsaved() {
            return None;
        }
        let result = self.autosave.save_now(&self.doc, Instant::now());
        Some(self.settle(result))
    }

    /// Writes the corrections to `path` (chosen with Save As) and autosaves there from now on.
    pub fn save_as(&mut self, path: &Path) -> Result<SaveOutcome, SaveFailure> {
        let result = self.autosave.save_as(&self.doc, path, Instant::now());
        self.settle(result)
    }

    /// Saves if the edits have rested long enough or a retry is due; `None` if it did not try.
    pub fn autosave_if_due(&mut self) -> Option<Result<SaveOutcome, SaveFailure>> {
        let result = self.autosave.poll(&self.doc, Instant::now())?;
        Some(self.settle(result))
    }

    /// When the corrections were last written.
    pub fn last_saved(&self) -> Option<Instant> {
        self.last_saved
    }

    /// Takes in what a save did: another window's corrections merged in are shown from now on
    /// (the history starts afresh, since its edits describe the document before the merge), and
    /// the returned [`SaveOutcome::Merged`] holds the document shown before.
    fn settle(
        &mut self,
        result: Result<SaveOutcome, SaveFailure>,
    ) -> Result<SaveOutcome, SaveFailure> {
        let mut result = result?;
        self.last_saved = Some(Instant::now());
        if let SaveOutcome::Merged { doc, .. } = &mut result {
            std::mem::swap(&mut self.doc, &mut **doc);
            self.history = History::default();
            self.refresh();
        }
        Ok(result)
    }

    fn changed(&mut self) {
        self.autosave.edited(Instant::now());
        self.refresh();
    }

    /// How the article is shown (graph places) changed: saved like a correction, nothing to
    /// derive again.
    pub fn presentation_changed(&mut self) {
        self.autosave.edited(Instant::now());
    }

    /// Derives the graph, colours and indexes again after the document changed; nodes that stay
    /// keep their place and actors keep their colour.
    fn refresh(&mut self) {
        self.generation += 1;
        let graph = ActorGraph::build(&self.doc);
        graph.place(&mut self.doc.presentation.graph_positions);
        self.graph = graph;
        self.assign_colours();
        self.indexes = self.build_indexes();
    }

    /// Gives every actor of the graph that has no colour yet the first palette entry no other
    /// actor holds; colours are kept with the document, so they survive corrections and reopening.
    fn assign_colours(&mut self) {
        let colours = &mut self.doc.presentation.colours;
        let mut used: HashSet<u16> = colours.values().copied().collect();
        for node in &self.graph.nodes {
            if colours.contains_key(&node.actor) {
                continue;
            }
            let free = (0..u16::MAX).find(|i| !used.contains(i)).unwrap_or(0);
            used.insert(free);
            colours.insert(node.actor.clone(), free);
        }
    }

    fn build_indexes(&self) -> Indexes {
        let doc = &self.doc;
        let top_level: HashMap<String, String> = doc
            .actors
            .iter()
            .map(|a| (a.id.clone(), doc.top_level(&a.id)))
            .collect();
        let top = |id: &str| top_level.get(id).cloned().unwrap_or_else(|| id.to_string());
        // An actor and its top-level actor, once each.
        let owners = |id: &str| {
            let t = top(id);
            if t == id {
                vec![t]
            } else {
                vec![id.to_string(), t]
            }
        };
        let mut mentions: HashMap<String, Vec<Span>> = HashMap::new();
        for m in &doc.mentions {
            for owner in owners(&m.actor) {
                mentions.entry(owner).or_default().push(m.span());
            }
        }
        let mut statements_by: HashMap<String, Vec<usize>> = HashMap::new();
        let mut statements_about: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in doc.statements.iter().enumerate() {
            for owner in owners(&s.speaker) {
                statements_by.entry(owner).or_default().push(i);
            }
            let mut about: Vec<String> = s.targets.iter().flat_map(|t| owners(t)).collect();
            about.sort();
            about.dedup();
            for owner in about {
                statements_about.entry(owner).or_default().push(i);
            }
        }
        let mut speaker_kinds: HashMap<String, Vec<RelationType>> = HashMap::new();
        for s in &doc.statements {
            if let Some(m) = &s.speaker_mention {
                speaker_kinds.entry(m.clone()).or_default().push(s.kind);
            }
        }
        Indexes {
            mentions_in_order: SpanOrder::new(doc.mentions.iter().map(|m| m.span())),
            statements_in_order: SpanOrder::new(doc.statements.iter().map(|s| {
                Span::new(
                    s.cue.start.min(s.content.start),
                    s.cue.end.max(s.content.end),
                )
            })),
            speaker_kinds,
            statement_by_id: doc
                .statements
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
            relation_by_key: doc
                .relations
                .iter()
                .enumerate()
                .map(|(i, r)| (RelationKey::of(r), i))
                .collect(),
            top_level,
            mentions,
            statements_by,
            statements_about,
        }
    }

    /// The colour of an actor (persons take their affiliation's).
    pub fn colour(&self, actor: &str) -> Color32 {
        self.doc
            .presentation
            .colours
            .get(self.top_level_of(actor))
            .map_or(Color32::from_gray(140), |&i| {
                palette::actor_colour(i as usize)
            })
    }

    /// The actor that stands for `actor` in the graph (itself unless it is a person).
    pub fn top_level(&self, actor: &str) -> String {
        self.top_level_of(actor).to_string()
    }

    /// [`Self::top_level`] without a copy, for what runs on every frame.
    pub fn top_level_of<'a>(&'a self, actor: &'a str) -> &'a str {
        self.indexes
            .top_level
            .get(actor)
            .map_or(actor, String::as_str)
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

    /// The name the interface shows first: Arabic in a right-to-left interface, else English.
    pub fn name(&self, actor: &str, rtl: bool) -> String {
        if rtl {
            self.name_ar(actor)
        } else {
            self.name_en(actor)
        }
    }

    /// The other name, shown beside the first.
    pub fn other_name(&self, actor: &str, rtl: bool) -> String {
        self.name(actor, !rtl)
    }

    /// Whether `actor` is `selected` or one of its people.
    pub fn belongs_to(&self, actor: &str, selected: &str) -> bool {
        actor == selected || self.top_level(actor) == selected
    }

    /// Mentions of an actor and its people, in text order.
    pub fn mentions_of(&self, actor: &str) -> &[Span] {
        self.indexes.mentions.get(actor).map_or(&[], Vec::as_slice)
    }

    /// Statements an actor (or one of its people) made, by index.
    pub fn statements_by(&self, actor: &str) -> &[usize] {
        self.indexes
            .statements_by
            .get(actor)
            .map_or(&[], Vec::as_slice)
    }

    /// Statements addressed to or about an actor (or one of its people), by index.
    pub fn statements_about(&self, actor: &str) -> &[usize] {
        self.indexes
            .statements_about
            .get(actor)
            .map_or(&[], Vec::as_slice)
    }

    /// Mentions touching `chars`, in text order.
    pub fn mentions_in(&self, chars: Range<usize>) -> impl Iterator<Item = &Mention> + '_ {
        self.indexes
            .mentions_in_order
            .overlapping(chars)
            .filter_map(|i| self.doc.mentions.get(i))
    }

    /// Statements whose cue or content touches `chars`, in text order.
    pub fn statements_in(&self, chars: Range<usize>) -> impl Iterator<Item = &Statement> + '_ {
        self.indexes
            .statements_in_order
            .overlapping(chars)
            .filter_map(|i| self.doc.statements.get(i))
    }

    /// The types of the statements whose speaker this mention names.
    pub fn speaker_kinds(&self, mention: &str) -> &[RelationType] {
        self.indexes
            .speaker_kinds
            .get(mention)
            .map_or(&[], Vec::as_slice)
    }

    /// The statement with this id and where it stands.
    pub fn statement(&self, id: &str) -> Option<(usize, &Statement)> {
        let i = *self.indexes.statement_by_id.get(id)?;
        Some((i, self.doc.statements.get(i)?))
    }

    /// The relation with this key and where it stands.
    pub fn relation(&self, key: &RelationKey) -> Option<(usize, &Relation)> {
        let i = *self.indexes.relation_by_key.get(key)?;
        Some((i, self.doc.relations.get(i)?))
    }

    /// Whether what `selection` points at is still in the document.
    pub fn contains(&self, selection: &Selection) -> bool {
        match selection {
            Selection::Actor(a) => self.doc.actor(a).is_some() || self.graph.node_of(a).is_some(),
            Selection::Statement(id) => self.statement(id).is_some(),
            Selection::Relation(key) => self.relation(key).is_some(),
        }
    }

    /// People of an actor found in the article.
    pub fn people_of(&self, actor: &str) -> Vec<String> {
        self.doc
            .actors
            .iter()
            .filter(|a| a.id != actor && a.kind == crate::model::ActorKind::Person)
            .filter(|a| self.top_level(&a.id) == actor)
            .map(|a| a.id.clone())
            .collect()
    }

    /// The whole statement: its speaker's name (when the text names it nearby), its cue and its
    /// content.
    pub fn statement_span(&self, index: usize) -> Option<Span> {
        /// A speaker named farther away than this is not part of the statement's sentence.
        const NEAR: usize = 400;
        let s = self.doc.statements.get(index)?;
        let mut span = Span::new(
            s.cue.start.min(s.content.start),
            s.cue.end.max(s.content.end),
        );
        let speaker = s
            .speaker_mention
            .as_deref()
            .and_then(|id| self.doc.mentions.iter().find(|m| m.id == id));
        if let Some(m) = speaker {
            let gap = m.start.abs_diff(span.start).min(m.end.abs_diff(span.end));
            if gap <= NEAR || m.span().overlaps(&span) {
                span = Span::new(span.start.min(m.start), span.end.max(m.end));
            }
        }
        Some(span)
    }

    /// The relation types present, in a fixed order.
    pub fn relation_types(&self) -> Vec<RelationType> {
        RelationType::ALL
            .into_iter()
            .filter(|t| self.doc.relations.iter().any(|r| r.kind == *t))
            .collect()
    }

    /// Byte offset of char `offset` (the text's length past its end).
    fn byte_of(&self, offset: usize) -> usize {
        let Some(&from) = self.char_index.get(offset / CHAR_STRIDE) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(offset % CHAR_STRIDE)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// The text of `span` (clamped to the text), without walking the text from its start.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.byte_of(span.start);
        let end = self.byte_of(span.end.max(span.start));
        &self.text[start..end]
    }

    /// A short excerpt of the text at `span`.
    pub fn excerpt(&self, span: Span, max_chars: usize) -> String {
        let text = self.slice(span);
        match text.char_indices().nth(max_chars) {
            None => text.to_string(),
            Some((cut, _)) => format!("{}…", &text[..cut]),
        }
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
    // What the reader should know about the text itself (no Arabic, replaced bytes).
    let notices: Vec<String> = doc
        .notices()
        .iter()
        .map(|n| capitalised(&n.to_string()))
        .collect();
    let (sidecar, saved, warning) = match Sidecar::open(path) {
        Ok((sidecar, saved)) => (sidecar, saved, None),
        // Shown with a fresh extraction; saving merges with whatever is there, never replaces it.
        Err(e) => (
            Sidecar::new_file(&sidecar::sidecar_path(path)),
            None,
            Some(e.to_string()),
        ),
    };
    let (annotated, warning) = match saved {
        Some(saved) if saved.text == doc.text => (saved, warning),
        Some(saved) => {
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
        None => (extractor.annotate_owned(doc.text, doc.source), warning),
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut session = Session::with_sidecar(annotated, path.to_path_buf(), ms, sidecar);
    let said: Vec<String> = notices.into_iter().chain(warning).collect();
    session.warning = (!said.is_empty()).then(|| said.join(". "));
    Ok(session)
}

/// `text` with its first letter in upper case, to stand at the start of a message.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The bundled sample, from the assets folder when it is beside the binary, else from the binary.
pub fn open_sample(extractor: &Extractor) -> Opened {
    if Path::new(SAMPLE_PATH).exists() {
        return open_article(extractor, Path::new(SAMPLE_PATH));
    }
    let started = Instant::now();
    let doc = ingest::from_bytes(SAMPLE_BYTES, SAMPLE_PATH).map_err(|e| e.to_string())?;
    let annotated = extractor.annotate_owned(doc.text, doc.source);
    Ok(Session::new(
        annotated,
        PathBuf::from(SAMPLE_PATH),
        started.elapsed().as_secs_f64() * 1000.0,
    ))
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
