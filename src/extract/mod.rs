//! The extraction engine: from article text to actors, mentions, statements and relations.
//!
//! The text is processed paragraph by paragraph (src/extract/document.rs): fold, match names,
//! apply context rules, find officials introduced by title, then statements and stated events.
//! Only the annotations and a few per-document tables outlive a paragraph, so memory stays close
//! to the size of the text.

mod context;
pub mod dates;
mod document;
mod events;
pub mod explain;
pub mod fold;
pub mod gazetteer;
mod lexicon;
pub mod matcher;
mod mentions;
mod person_index;
mod persons;
mod relations;
mod statements;
mod targets;
mod tokens;
mod visits;
mod word_flags;

use crate::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, SourceInfo, Statement, OFFSET_UNIT, SCHEMA,
};
use context::{top_slot, ParaCtx, ParaMention};
pub use gazetteer::{save_user_entry, Entry, Gazetteer, GazetteerError};
use lexicon::Lexicon;
pub use lexicon::LexiconFile;
use matcher::{Matcher, MatcherBuilder, NameKind};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// A compiled gazetteer and the rules' words, reusable across documents.
pub struct Extractor {
    gazetteer: Gazetteer,
    matcher: Matcher,
    slots: Vec<Slot<'static>>,
    lexicon: Rules,
    /// Whether a long text may be read on a second thread (see document.rs).
    second_thread: bool,
}

/// The bundled lexicon, or one extended by the user's files.
enum Rules {
    Bundled(&'static Lexicon),
    Extended(Box<Lexicon>),
}

impl Rules {
    fn get(&self) -> &Lexicon {
        match self {
            Rules::Bundled(lex) => lex,
            Rules::Extended(lex) => lex,
        }
    }
}

/// Head nouns of armed forces that a mention leaves out when the rest is itself a name of the
/// same actor: "قوات التحالف" is a mention of التحالف, "طيران التحالف" too.
const FORCE_HEADS: [&str; 3] = ["قوات", "طيران", "طائرات"];

/// How many folded bytes of `alias` are such a head noun and its space (0 when none).
fn force_head(alias: &str, entry: &gazetteer::Entry) -> usize {
    let Some((head, rest)) = alias.split_once(' ') else {
        return 0;
    };
    let named = entry
        .aliases
        .iter()
        .chain(&entry.after_first)
        .any(|a| a == rest);
    if FORCE_HEADS.contains(&head) && named {
        fold::fold(head).len() + 1
    } else {
        0
    }
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        let mut b = MatcherBuilder::default();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            let slot = i as u32;
            for a in &e.aliases {
                b.add_after_head(a, force_head(a, e), slot, NameKind::Name);
            }
            for n in &e.nisba {
                b.add_nisba(n, slot);
            }
            for c in &e.capitals {
                b.add(c, slot, NameKind::Capital);
            }
            for s in &e.after_first {
                b.add(s, slot, NameKind::AfterFirst);
            }
        }
        for phrase in gazetteer.stop_phrases() {
            b.add(phrase, u32::MAX, NameKind::Stop);
        }
        let lexicon = if gazetteer.rules().is_empty() {
            Rules::Bundled(Lexicon::builtin())
        } else {
            Rules::Extended(Box::new(Lexicon::with_files(gazetteer.rules())))
        };
        Extractor {
            matcher: b.build(),
            slots: gazetteer_slots(&gazetteer),
            gazetteer,
            lexicon,
            second_thread: true,
        }
    }

    /// The same extractor, never starting a thread of its own: for a caller that has already
    /// shared the machine's cores out (`--jobs 1`).
    pub fn on_one_thread(mut self) -> Extractor {
        self.second_thread = false;
        self
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Annotates `text`; every offset in the result counts characters of `text`.
    pub fn annotate(&self, text: &str, source: SourceInfo) -> AnnotatedDocument {
        self.annotate_owned(text.to_string(), source)
    }

    /// Like [`Extractor::annotate`], keeping `text` in the result without copying it (a long
    /// article is not held twice).
    pub fn annotate_owned(&self, text: String, source: SourceInfo) -> AnnotatedDocument {
        let lex = self.lexicon.get();
        document::annotate(
            &self.matcher,
            &self.slots,
            lex,
            text,
            source,
            self.second_thread,
        )
    }
}

/// One actor the document may refer to: a gazetteer entry or a person found in the text. A
/// document's gazetteer slots borrow the extractor's names ([`Slot::borrowed`]), so starting a
/// document copies pointers: no strings, and no reference counts shared between threads.
#[derive(Debug, Clone)]
struct Slot<'n> {
    id: Name<'n>,
    kind: ActorKind,
    affiliation: Option<u32>,
    name_ar: Name<'n>,
    name_en: Name<'n>,
}

impl Slot<'_> {
    /// The same slot, its names borrowed from this one.
    fn borrowed(&self) -> Slot<'_> {
        Slot {
            id: Cow::Borrowed(&self.id),
            kind: self.kind,
            affiliation: self.affiliation,
            name_ar: Cow::Borrowed(&self.name_ar),
            name_en: Cow::Borrowed(&self.name_en),
        }
    }
}

/// A slot's name: its own, or borrowed from the extractor's slot for the length of a document.
type Name<'n> = Cow<'n, str>;

/// The gazetteer's actors as slots, in gazetteer order.
fn gazetteer_slots(gazetteer: &Gazetteer) -> Vec<Slot<'static>> {
    let entries = gazetteer.entries();
    let index: HashMap<&str, u32> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    entries
        .iter()
        .map(|e| Slot {
            id: e.id.clone().into(),
            kind: e.kind,
            affiliation: e.affiliation.as_deref().and_then(|a| index.get(a).copied()),
            name_ar: e.name_ar.clone().into(),
            name_en: e.name_en.clone().into(),
        })
        .collect()
}

/// Convenience: annotate text with the bundled gazetteer.
pub fn annotate_text(text: &str, source: SourceInfo) -> AnnotatedDocument {
    Extractor::new(Gazetteer::builtin()).annotate(text, source)
}

/// Builds the `marsad/1` document from what a run gathered.
pub(crate) fn make_document(
    text: String,
    source: SourceInfo,
    actors: Vec<Actor>,
    mentions: Vec<Mention>,
    statements: Vec<Statement>,
    relations: Vec<crate::model::Relation>,
) -> AnnotatedDocument {
    AnnotatedDocument {
        schema: SCHEMA.to_string(),
        source,
        text,
        offsets: OFFSET_UNIT.to_string(),
        actors,
        mentions,
        statements,
        relations,
        removed: Vec::new(),
        presentation: Default::default(),
    }
}
