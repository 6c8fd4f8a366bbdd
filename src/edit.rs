//! Corrections: every change a user makes to a document is an [`Edit`] that knows its inverse, so
//! [`History`] can undo and redo it. Relations follow from statements at once; relations stated by
//! the narrator (no statements behind them) are kept as they are.

use crate::model::{
    Actor, AnnotatedDocument, Mention, Origin, Relation, RelationType, Span, Statement,
};
use std::collections::HashMap;

/// One correction.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A mention, and the statements whose speaker it names.
    AddMention {
        mention: Mention,
        speaker_of: Vec<String>,
    },
    RemoveMention {
        mention: Mention,
        speaker_of: Vec<String>,
    },
    /// A mention changed (its actor); `before` restores it exactly.
    ReplaceMention {
        before: Mention,
        after: Mention,
    },
    /// A new actor for the document (an actor the gazetteer did not know).
    AddActor(Actor),
    RemoveActor(Actor),
    /// A statement changed (its type); `before` restores it exactly.
    ReplaceStatement {
        before: Statement,
        after: Statement,
    },
    /// Removes a statement; `index` is where it stood, so undo puts it back there.
    RemoveStatement {
        statement: Statement,
        index: usize,
    },
    InsertStatement {
        statement: Statement,
        index: usize,
    },
}

impl Edit {
    /// A user's mention of `actor` at `span`.
    pub fn add_mention(doc: &AnnotatedDocument, actor: &str, span: Span) -> Edit {
        Edit::AddMention {
            mention: Mention {
                id: new_mention_id(doc),
                actor: actor.to_string(),
                start: span.start,
                end: span.end,
                origin: Origin::User,
            },
            speaker_of: Vec::new(),
        }
    }

    /// Removes a mention (statements that named their speaker by it keep the speaker).
    pub fn remove_mention(doc: &AnnotatedDocument, mention: &Mention) -> Edit {
        Edit::RemoveMention {
            mention: mention.clone(),
            speaker_of: doc
                .statements
                .iter()
                .filter(|s| s.speaker_mention.as_deref() == Some(mention.id.as_str()))
                .map(|s| s.id.clone())
                .collect(),
        }
    }

    /// Points a mention at another actor.
    pub fn set_mention_actor(mention: &Mention, actor: &str) -> Edit {
        Edit::ReplaceMention {
            before: mention.clone(),
            after: Mention {
                actor: actor.to_string(),
                origin: Origin::User,
                ..mention.clone()
            },
        }
    }

    /// Gives a statement another type.
    pub fn set_statement_kind(statement: &Statement, kind: RelationType) -> Edit {
        Edit::ReplaceStatement {
            before: statement.clone(),
            after: Statement {
                kind,
                origin: Origin::User,
                ..statement.clone()
            },
        }
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::AddMention {
                mention,
                speaker_of,
            } => Edit::RemoveMention {
                mention,
                speaker_of,
            },
            Edit::RemoveMention {
                mention,
                speaker_of,
            } => Edit::AddMention {
                mention,
                speaker_of,
            },
            Edit::ReplaceMention { before, after } => Edit::ReplaceMention {
                before: after,
                after: before,
            },
            Edit::AddActor(a) => Edit::RemoveActor(a),
            Edit::RemoveActor(a) => Edit::AddActor(a),
            Edit::ReplaceStatement { before, after } => Edit::ReplaceStatement {
                before: after,
                after: before,
            },
            Edit::RemoveStatement { statement, index } => {
                Edit::InsertStatement { statement, index }
            }
            Edit::InsertStatement { statement, index } => {
                Edit::RemoveStatement { statement, index }
            }
        }
    }

    /// Applies the edit; an edit that no longer fits the document (an id that is gone) changes
    /// nothing and returns false.
    fn apply(&self, doc: &mut AnnotatedDocument) -> bool {
        match self {
            Edit::AddMention {
                mention: m,
                speaker_of,
            } => {
                if doc.mentions.iter().any(|x| x.id == m.id) {
                    return false;
                }
                let at = doc.mentions.partition_point(|x| x.start < m.start);
                doc.mentions.insert(at, m.clone());
                for s in &mut doc.statements {
                    if speaker_of.contains(&s.id) {
                        s.speaker_mention = Some(m.id.clone());
                    }
                }
            }
            Edit::RemoveMention { mention: m, .. } => {
                let before = doc.mentions.len();
                doc.mentions.retain(|x| x.id != m.id);
                if doc.mentions.len() == before {
                    return false;
                }
                for s in &mut doc.statements {
                    if s.speaker_mention.as_deref() == Some(m.id.as_str()) {
                        s.speaker_mention = None;
                    }
                }
            }
            Edit::ReplaceMention { before, after } => {
                let Some(m) = doc.mentions.iter_mut().find(|x| x.id == before.id) else {
                    return false;
                };
                *m = after.clone();
            }
            Edit::AddActor(a) => {
                if doc.actor(&a.id).is_some() {
                    return false;
                }
                doc.actors.push(a.clone());
            }
            Edit::RemoveActor(a) => doc.actors.retain(|x| x.id != a.id),
            Edit::ReplaceStatement { before, after } => {
                let Some(s) = doc.statements.iter_mut().find(|x| x.id == before.id) else {
                    return false;
                };
                *s = after.clone();
            }
            Edit::RemoveStatement { statement, .. } => {
                let before = doc.statements.len();
                doc.statements.retain(|x| x.id != statement.id);
                if doc.statements.len() == before {
                    return false;
                }
            }
            Edit::InsertStatement { statement, index } => {
                let at = (*index).min(doc.statements.len());
                doc.statements.insert(at, statement.clone());
            }
        }
        rebuild_relations(doc);
        true
    }
}

/// Done and undone edits.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

impl History {
    /// Applies a new edit; it clears what could be redone.
    pub fn apply(&mut self, doc: &mut AnnotatedDocument, edit: Edit) -> bool {
        let applied = edit.apply(doc);
        if applied {
            self.done.push(edit);
            self.undone.clear();
        }
        applied
    }

    pub fn undo(&mut self, doc: &mut AnnotatedDocument) -> bool {
        let Some(edit) = self.done.pop() else {
            return false;
        };
        edit.inverse().apply(doc);
        self.undone.push(edit);
        true
    }

    pub fn redo(&mut self, doc: &mut AnnotatedDocument) -> bool {
        let Some(edit) = self.undone.pop() else {
            return false;
        };
        edit.apply(doc);
        self.done.push(edit);
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

/// Recomputes the relations that statements imply (speaker's side → each target's side, by the
/// statement's type) and keeps those the narrator states.
pub fn rebuild_relations(doc: &mut AnnotatedDocument) {
    let mut relations: Vec<Relation> = doc
        .relations
        .iter()
        .filter(|r| r.statements.is_empty())
        .cloned()
        .collect();
    let mut index: HashMap<(String, String, RelationType), usize> = relations
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.source.clone(), r.target.clone(), r.kind), i))
        .collect();
    for s in &doc.statements {
        let source = doc.top_level(&s.speaker);
        let evidence = Span::new(
            s.cue.start.min(s.content.start),
            s.content.end.max(s.cue.end),
        );
        for t in &s.targets {
            let target = doc.top_level(t);
            if target == source {
                continue;
            }
            let key = (source.clone(), target.clone(), s.kind);
            let at = *index.entry(key).or_insert_with(|| {
                relations.push(Relation {
                    source: source.clone(),
                    target,
                    kind: s.kind,
                    statements: Vec::new(),
                    evidence: Vec::new(),
                });
                relations.len() - 1
            });
            let r = &mut relations[at];
            if !r.statements.contains(&s.id) {
                r.statements.push(s.id.clone());
            }
            if !r.evidence.contains(&evidence) {
                r.evidence.push(evidence);
            }
        }
    }
    doc.relations = relations;
}

/// A mention id not used in `doc` yet.
pub fn new_mention_id(doc: &AnnotatedDocument) -> String {
    (doc.mentions.len() + 1..)
        .map(|n| format!("U{n}"))
        .find(|id| doc.mentions.iter().all(|m| &m.id != id))
        .unwrap_or_else(|| "U".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

    #[test]
    fn edits_undo_and_redo_exactly() {
        let original = crate::extract::annotate_text(SAMPLE, Default::default());
        let mut doc = original.clone();
        let mut history = History::default();
        let first = doc.mentions[0].clone();
        let remove = Edit::remove_mention(&doc, &first);
        assert!(history.apply(&mut doc, remove));
        let retype = Edit::set_statement_kind(&doc.statements[0], RelationType::Threaten);
        assert!(history.apply(&mut doc, retype));
        assert_eq!(doc.statements[0].origin, Origin::User);
        assert!(doc
            .relations
            .iter()
            .any(|r| r.kind == RelationType::Threaten && r.source == "ISR"));
        let removed = doc.statements[1].clone();
        assert!(history.apply(
            &mut doc,
            Edit::RemoveStatement {
                statement: removed,
                index: 1
            }
        ));
        while history.undo(&mut doc) {}
        let mut restored = original.clone();
        rebuild_relations(&mut restored);
        assert_eq!(doc.mentions, original.mentions);
        assert_eq!(doc.statements, original.statements);
        assert_eq!(doc.relations, restored.relations);
        assert!(history.redo(&mut doc));
        assert!(!doc.mentions.iter().any(|m| m.id == first.id));
        let added = Edit::add_mention(&doc, "ISR", Span::new(first.start, first.end));
        assert!(history.apply(&mut doc, added));
        assert!(doc
            .mentions
            .iter()
            .any(|m| m.start == first.start && m.origin == Origin::User));
        assert!(!history.can_redo(), "a new edit clears redo");
    }

    #[test]
    fn rebuilt_relations_match_the_extractor() {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let mut rebuilt = doc.clone();
        rebuild_relations(&mut rebuilt);
        let key = |r: &Relation| (r.source.clone(), r.target.clone(), r.kind);
        let mut a: Vec<_> = doc.relations.iter().map(key).collect();
        let mut b: Vec<_> = rebuilt.relations.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
