//! The annotation model: the `marsad/1` document that the extractor produces, every view reads and
//! every export starts from. Offsets are Unicode scalar values (Rust `char`s) into `text`, end exclusive.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema tag written into every document.
pub const SCHEMA: &str = "marsad/1";
/// The unit every offset in a document counts.
pub const OFFSET_UNIT: &str = "unicode-scalar";

/// A half-open character range `[start, end)` into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// What sort of actor an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Igo,
    ArmedGroup,
    Party,
    Media,
    Person,
    Other,
}

/// An actor that appears in the document (a state, organisation, group, outlet or person).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id: ISO 3166 alpha-3 for states, upper-case names for others, `P_…` for people found in
    /// the text.
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub kind: ActorKind,
    /// Membership (a person's state or party, a body's parent organisation), not sponsorship.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Surface forms seen in this document.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Who made an annotation: the extractor or a person correcting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    #[default]
    Machine,
    User,
}

/// One place in the text that names an actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub id: String,
    pub actor: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub origin: Origin,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The speech act of a statement, and the type of a relation between two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Statement,
    Appeal,
    Demand,
    Accuse,
    Threaten,
    Reject,
    Meet,
    Cooperate,
    Pressure,
    Attack,
    Other,
}

impl RelationType {
    pub const ALL: [RelationType; 11] = [
        RelationType::Statement,
        RelationType::Appeal,
        RelationType::Demand,
        RelationType::Accuse,
        RelationType::Threaten,
        RelationType::Reject,
        RelationType::Meet,
        RelationType::Cooperate,
        RelationType::Pressure,
        RelationType::Attack,
        RelationType::Other,
    ];

    /// The lower-case name used in JSON and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::Statement => "statement",
            RelationType::Appeal => "appeal",
            RelationType::Demand => "demand",
            RelationType::Accuse => "accuse",
            RelationType::Threaten => "threaten",
            RelationType::Reject => "reject",
            RelationType::Meet => "meet",
            RelationType::Cooperate => "cooperate",
            RelationType::Pressure => "pressure",
            RelationType::Attack => "attack",
            RelationType::Other => "other",
        }
    }
}

/// Who said what, through which reporting word, to or about whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    /// The actor the speaker is or represents (a person keeps their own id here).
    pub speaker: String,
    /// The mention that names the speaker, when the text names one.
    #[serde(default)]
    pub speaker_mention: Option<String>,
    /// The reporting word (or the headline colon).
    pub cue: Span,
    /// What was said: the quote without its marks, or the reported clause.
    pub content: Span,
    /// Addressees and actors the content is about.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(rename = "type")]
    pub kind: RelationType,
    /// Whether the content is a direct quote.
    #[serde(default)]
    pub quoted: bool,
    #[serde(default)]
    pub origin: Origin,
}

/// A directed, typed edge between two top-level actors, with what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub kind: RelationType,
    /// Ids of the statements behind the edge (empty for narrator events).
    #[serde(default)]
    pub statements: Vec<String>,
    /// Spans of text that show the edge.
    #[serde(default)]
    pub evidence: Vec<Span>,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceInfo {
    pub path: String,
    pub encoding: String,
    pub format: String,
    pub sha256: String,
    /// Malformed byte sequences replaced with U+FFFD while decoding.
    #[serde(default)]
    pub replacement_chars: usize,
}

/// The whole annotated document, the `marsad/1` JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotatedDocument {
    pub schema: String,
    pub source: SourceInfo,
    pub text: String,
    pub offsets: String,
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    pub statements: Vec<Statement>,
    pub relations: Vec<Relation>,
    /// Machine annotations a user removed, so that extracting again does not bring them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    /// How the user arranged the views of this document, kept with the corrections.
    #[serde(default, skip_serializing_if = "Presentation::is_empty")]
    pub presentation: Presentation,
}

/// What the views remember about one document so that reopening it looks the same: each actor's
/// colour and each graph node's place. Keyed by actor id; not part of the annotations themselves.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Presentation {
    /// Palette index of each actor, fixed the first time the actor is shown.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub colours: BTreeMap<String, u16>,
    /// Position of each actor's node in the relationship graph (graph units, origin at the centre).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub graph_positions: BTreeMap<String, [f32; 2]>,
}

impl Presentation {
    pub fn is_empty(&self) -> bool {
        self.colours.is_empty() && self.graph_positions.is_empty()
    }
}

/// A machine annotation a user removed: a mention's span or a statement's content span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Removed {
    pub kind: RemovedKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovedKind {
    Mention,
    Statement,
}

impl AnnotatedDocument {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// Follows person → affiliation links to the actor that stands for them in the graph.
    pub fn top_level(&self, id: &str) -> String {
        let mut current = id.to_string();
        for _ in 0..8 {
            match self.actor(&current) {
                Some(a) if a.kind == ActorKind::Person => match &a.affiliation {
                    Some(up) => current = up.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        current
    }

    /// The characters of `span` as a string (empty if out of range).
    pub fn slice(&self, span: Span) -> String {
        self.text
            .chars()
            .skip(span.start)
            .take(span.len())
            .collect()
    }

    /// Recomputes the relations that statements imply (speaker's side → each target's side, by the
    /// statement's type) and keeps those the narrator states.
    pub fn rebuild_relations(&mut self) {
        let narrated = self
            .relations
            .iter()
            .filter(|r| r.statements.is_empty())
            .cloned();
        let mut relations = RelationBuilder::from_relations(narrated);
        for s in &self.statements {
            let source = self.top_level(&s.speaker);
            let evidence = Span::new(
                s.cue.start.min(s.content.start),
                s.content.end.max(s.cue.end),
            );
            for t in &s.targets {
                relations.add(&source, &self.top_level(t), s.kind, Some(&s.id), evidence);
            }
        }
        self.relations = relations.finish();
    }
}

/// Directed typed relations in the order first seen, one per (source, target, type), with the
/// statements and evidence behind each.
#[derive(Default)]
pub struct RelationBuilder {
    relations: Vec<Relation>,
    index: HashMap<(String, String, RelationType), usize>,
}

impl RelationBuilder {
    pub fn from_relations(relations: impl IntoIterator<Item = Relation>) -> RelationBuilder {
        let mut builder = RelationBuilder::default();
        for r in relations {
            builder.index.insert(
                (r.source.clone(), r.target.clone(), r.kind),
                builder.relations.len(),
            );
            builder.relations.push(r);
        }
        builder
    }

    /// Adds one piece of evidence (and the statement it comes from); an actor never relates to
    /// itself.
    pub fn add(
        &mut self,
        source: &str,
        target: &str,
        kind: RelationType,
        statement: Option<&str>,
        evidence: Span,
    ) {
        if source == target {
            return;
        }
        let relations = &mut self.relations;
        let at = *self
            .index
            .entry((source.to_string(), target.to_string(), kind))
            .or_insert_with(|| {
                relations.push(Relation {
                    source: source.to_string(),
                    target: target.to_string(),
                    kind,
                    statements: Vec::new(),
                    evidence: Vec::new(),
                });
                relations.len() - 1
            });
        let r = &mut relations[at];
        // Statements and evidence arrive in text order, so a repeat can only be the last entry.
        if let Some(id) = statement {
            if r.statements.last().is_none_or(|x| x != id) {
                r.statements.push(id.to_string());
            }
        }
        if r.evidence.last() != Some(&evidence) {
            r.evidence.push(evidence);
        }
    }

    pub fn finish(self) -> Vec<Relation> {
        self.relations
    }
}
