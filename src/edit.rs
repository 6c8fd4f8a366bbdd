//! Corrections: every change a user makes to a document is an [`Edit`] that knows its inverse, so
//! [`History`] can undo and redo it. Relations follow from statements at once; relations stated by
//! the narrator (no statements behind them) are kept as they are.

use crate::model::{
    Actor, AnnotatedDocument, Mention, Origin, RelationType, Removed, RemovedKind, Span, Statement,
};

fn removal(kind: RemovedKind, span: Span) -> Removed {
    Removed {
        kind,
        start: span.start,
        end: span.end,
    }
}

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
                let undone = removal(RemovedKind::Mention, m.span());
                doc.removed.retain(|r| *r != undone);
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
                if m.origin == Origin::Machine {
                    doc.removed.push(removal(RemovedKind::Mention, m.span()));
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
                if statement.origin == Origin::Machine {
                    doc.removed
                        .push(removal(RemovedKind::Statement, statement.content));
                }
            }
            Edit::InsertStatement { statement, index } => {
                let at = (*index).min(doc.statements.len());
                doc.statements.insert(at, statement.clone());
                let undone = removal(RemovedKind::Statement, statement.content);
                doc.removed.retain(|r| *r != undone);
            }
        }
        doc.rebuild_relations();
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

    /// The edit `undo` would revert (menus name it).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.done.last()
    }

    /// The edit `redo` would make again.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.undone.last()
    }
}

/// A statement id not used in `doc` yet.
pub fn new_statement_id(doc: &AnnotatedDocument) -> String {
    fresh_id("US", doc.statements.len(), |id| {
        doc.statements.iter().any(|s| s.id == id)
    })
}

/// The word just before `span` (the reporting word of a statement made from a selection), or an
/// empty span at its start.
pub fn word_before(text: &str, span: Span) -> Span {
    let chars: Vec<char> = text.chars().take(span.start).collect();
    let mut end = chars.len();
    while end > 0 && !chars[end - 1].is_alphanumeric() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && chars[start - 1].is_alphanumeric() {
        start -= 1;
    }
    if start == end {
        Span::new(span.start, span.start)
    } else {
        Span::new(start, end)
    }
}

/// Annotates the article again and keeps every user correction: the user's actors, mentions and
/// statements stay, machine mentions overlapping a user mention give way, what the user removed
/// stays removed, the views keep their colours and graph places, and what the extractor finds
/// anew is added.
pub fn merge_reextraction(
    current: &AnnotatedDocument,
    fresh: AnnotatedDocument,
) -> AnnotatedDocument {
    let mut doc = fresh;
    let user_mentions: Vec<&Mention> = current
        .mentions
        .iter()
        .filter(|m| m.origin == Origin::User)
        .collect();
    for a in &current.actors {
        if doc.actor(&a.id).is_none() {
            doc.actors.push(a.clone());
        }
    }
    doc.mentions
        .retain(|m| !user_mentions.iter().any(|u| u.span().overlaps(&m.span())));
    for u in user_mentions {
        let mut m = u.clone();
        if doc.mentions.iter().any(|x| x.id == m.id) {
            m.id = new_mention_id(&doc);
        }
        let at = doc.mentions.partition_point(|x| x.start < m.start);
        doc.mentions.insert(at, m);
    }
    let removed = |kind: RemovedKind, span: Span| current.removed.contains(&removal(kind, span));
    doc.mentions
        .retain(|m| m.origin == Origin::User || !removed(RemovedKind::Mention, m.span()));
    doc.statements
        .retain(|s| !removed(RemovedKind::Statement, s.content));
    doc.removed = current.removed.clone();
    doc.presentation = current.presentation.clone();
    let machine_ids: Vec<String> = doc.statements.iter().map(|s| s.id.clone()).collect();
    for s in current
        .statements
        .iter()
        .filter(|s| s.origin == Origin::User)
    {
        doc.statements.retain(|x| x.content != s.content);
        let mut s = s.clone();
        if machine_ids.contains(&s.id) {
            s.id = new_statement_id(&doc);
        }
        doc.statements.push(s);
    }
    let ids: std::collections::HashSet<&str> = doc.mentions.iter().map(|m| m.id.as_str()).collect();
    let missing: Vec<usize> = (0..doc.statements.len())
        .filter(|&i| {
            doc.statements[i]
                .speaker_mention
                .as_deref()
                .is_some_and(|m| !ids.contains(m))
        })
        .collect();
    for i in missing {
        doc.statements[i].speaker_mention = None;
    }
    doc.rebuild_relations();
    doc
}

/// A mention id not used in `doc` yet.
pub fn new_mention_id(doc: &AnnotatedDocument) -> String {
    fresh_id("U", doc.mentions.len(), |id| {
        doc.mentions.iter().any(|m| m.id == id)
    })
}

/// `PREFIX<n>` for the first n after `count` that `taken` does not claim.
fn fresh_id(prefix: &str, count: usize, taken: impl Fn(&str) -> bool) -> String {
    (count + 1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

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
        assert_eq!(doc.removed.len(), 2, "machine removals are remembered");
        while history.undo(&mut doc) {}
        assert!(doc.removed.is_empty(), "and forgotten when undone");
        let mut restored = original.clone();
        restored.rebuild_relations();
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
    fn reextraction_keeps_user_corrections() {
        let machine = crate::extract::annotate_text(SAMPLE, Default::default());
        let mut doc = machine.clone();
        let mut history = History::default();
        let first = doc.mentions[0].clone();
        let repoint = Edit::set_mention_actor(&first, "IRN");
        history.apply(&mut doc, repoint);
        let gone = doc.statements[2].clone();
        history.apply(
            &mut doc,
            Edit::RemoveStatement {
                statement: gone.clone(),
                index: 2,
            },
        );
        let dropped = doc.mentions[5].clone();
        let remove = Edit::remove_mention(&doc, &dropped);
        history.apply(&mut doc, remove);
        let merged = merge_reextraction(&doc, machine.clone());
        assert!(
            !merged.mentions.iter().any(|m| m.span() == dropped.span()),
            "a removed mention stays removed"
        );
        let m = merged
            .mentions
            .iter()
            .find(|m| m.start == first.start)
            .expect("still there");
        assert_eq!(m.actor, "IRN");
        assert_eq!(m.origin, Origin::User);
        assert!(!merged.statements.iter().any(|s| s.content == gone.content));
        assert_eq!(merged.statements.len(), machine.statements.len() - 1);
        assert_eq!(merged.mentions.len(), machine.mentions.len() - 1);
        assert_eq!(word_before(SAMPLE, Span::new(14, 31)), Span::new(8, 13));
    }

    #[test]
    fn rebuilt_relations_match_the_extractor() {
        let doc = crate::extract::annotate_text(SAMPLE, Default::default());
        let mut rebuilt = doc.clone();
        rebuilt.rebuild_relations();
        let key = |r: &Relation| (r.source.clone(), r.target.clone(), r.kind);
        let mut a: Vec<_> = doc.relations.iter().map(key).collect();
        let mut b: Vec<_> = rebuilt.relations.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
