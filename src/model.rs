//! The annotation model: the `marsad/1` document that the extractor produces, every view reads and
//! every export starts from. Offsets are Unicode scalar values (Rust `char`s) into `text`, end exclusive.

use serde::{Deserialize, Serialize};

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
}
