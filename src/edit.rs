//! Corrections: every change a user makes to a document is an [`Edit`] that knows its inverse, so
//! [`History`] can undo and redo it. Relations follow from statements at once; relations stated by
//! the narrator (no statements behind them) are kept as they are.

use crate::model::{
    Actor, AnnotatedDocument, Mention, Origin, RelationType, Removed, RemovedKind, Span, Statement,
};
use std::collections::{HashMap, HashSet};

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

/// Two writers' versions of one document, merged: what both changed relative to their common
/// base, and what could not be merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub doc: AnnotatedDocument,
    /// Items both writers changed in different ways, in words for the user. Each was settled in
    /// favour of `theirs` (the version another writer already saved).
    pub conflicts: Vec<String>,
}

/// Three-way merge of corrections made concurrently (two windows, or a sync tool bringing in
/// another machine's version) to documents of the same text: `base` is the version both started
/// from, `ours` the one being saved, `theirs` the one already on disk. Every change only one side
/// made is kept; a change both made alike is kept once; where the two differ, `theirs` is kept and
/// the conflict described. Mentions and statements both sides added under the same id are both
/// kept (ours gets a fresh id); a mention of ours that would overlap one of theirs is a conflict.
/// Relations are rebuilt from the merged statements. All three must share one text.
pub fn merge_concurrent(
    base: &AnnotatedDocument,
    ours: &AnnotatedDocument,
    theirs: &AnnotatedDocument,
) -> Merged {
    let mut conflicts = Vec::new();
    let mut doc = theirs.clone();
    let actor_name = |id: &str| {
        let actor = ours.actor(id).or_else(|| theirs.actor(id));
        actor.map_or(id, |a| a.name_en.as_str()).to_string()
    };
    let describe_mention =
        |m: &Mention| format!("«{}» as {}", theirs.slice(m.span()), actor_name(&m.actor));
    let describe_statement = |s: &Statement| {
        format!(
            "{} ({}) «{}»",
            s.speaker,
            s.kind.as_str(),
            theirs.slice(s.content)
        )
    };

    // Actors first: mentions and statements refer to them.
    doc.actors = merge_keyed(
        &base.actors,
        &ours.actors,
        &theirs.actors,
        |a| &a.id,
        |b, o, t| {
            conflicts.push(format!(
                "actor {}: {}",
                b.or(o).or(t).map_or("", |a| a.id.as_str()),
                "changed differently in both versions"
            ))
        },
    );

    // Ids both sides added for different things: ours gets a fresh id.
    let mut ours = ours.clone();
    for i in added_under_their_ids(&base.mentions, &ours.mentions, &theirs.mentions, |m| &m.id) {
        let mut taken = ours.clone();
        taken.mentions.extend(theirs.mentions.iter().cloned());
        let id = new_mention_id(&taken);
        let old = std::mem::replace(&mut ours.mentions[i].id, id.clone());
        for s in &mut ours.statements {
            if s.speaker_mention.as_deref() == Some(old.as_str()) {
                s.speaker_mention = Some(id.clone());
            }
        }
    }
    for i in added_under_their_ids(
        &base.statements,
        &ours.statements,
        &theirs.statements,
        |s| &s.id,
    ) {
        let mut taken = ours.clone();
        taken.statements.extend(theirs.statements.iter().cloned());
        ours.statements[i].id = new_statement_id(&taken);
    }

    let mut mentions = merge_keyed(
        &base.mentions,
        &ours.mentions,
        &theirs.mentions,
        |m| &m.id,
        |_, o, t| {
            conflicts.push(match (o, t) {
                (Some(o), Some(t)) => format!(
                    "mention «{}»: you marked it as {}, the other version as {}",
                    theirs.slice(t.span()),
                    actor_name(&o.actor),
                    actor_name(&t.actor)
                ),
                _ => change_conflict(
                    format!(
                        "mention {}",
                        o.or(t).map(describe_mention).unwrap_or_default()
                    ),
                    o.is_some(),
                    t.is_some(),
                ),
            })
        },
    );
    // A mention only we added may not overlap one of theirs.
    mentions.sort_by_key(|m| (m.start, m.end));
    let theirs_ids: HashSet<&str> = theirs.mentions.iter().map(|m| m.id.as_str()).collect();
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let clash = kept
            .last()
            .filter(|k| k.span().overlaps(&m.span()))
            .cloned();
        match clash {
            None => kept.push(m),
            Some(k) => {
                let (winner, loser) = if theirs_ids.contains(m.id.as_str()) {
                    (m, k)
                } else {
                    (k, m)
                };
                conflicts.push(format!(
                    "mention {}: overlaps {} from the other version",
                    describe_mention(&loser),
                    describe_mention(&winner)
                ));
                kept.pop();
                kept.push(winner);
            }
        }
    }
    doc.mentions = kept;

    let statements = merge_keyed(
        &base.statements,
        &ours.statements,
        &theirs.statements,
        |s| &s.id,
        |_, o, t| {
            conflicts.push(change_conflict(
                format!(
                    "statement {}",
                    o.or(t).map(describe_statement).unwrap_or_default()
                ),
                o.is_some(),
                t.is_some(),
            ))
        },
    );
    // Statements only we added go where the app inserts new ones: by where their content starts.
    let theirs_statements: HashSet<&str> =
        theirs.statements.iter().map(|s| s.id.as_str()).collect();
    let (mut ordered, added): (Vec<Statement>, Vec<Statement>) = statements
        .into_iter()
        .partition(|s| theirs_statements.contains(s.id.as_str()));
    for s in added {
        let at = ordered.partition_point(|x| x.content.start <= s.content.start);
        ordered.insert(at, s);
    }
    doc.statements = ordered;
    let mention_ids: HashSet<&str> = doc.mentions.iter().map(|m| m.id.as_str()).collect();
    for s in &mut doc.statements {
        if s.speaker_mention
            .as_deref()
            .is_some_and(|m| !mention_ids.contains(m))
        {
            s.speaker_mention = None;
        }
    }

    // Actors still referred to stay, whichever side removed them.
    let referred: Vec<String> = doc
        .mentions
        .iter()
        .map(|m| m.actor.clone())
        .chain(
            doc.statements
                .iter()
                .flat_map(|s| std::iter::once(s.speaker.clone()).chain(s.targets.iter().cloned())),
        )
        .collect();
    for id in referred {
        if doc.actor(&id).is_none() {
            if let Some(a) = [&ours, theirs, base].iter().find_map(|d| d.actor(&id)) {
                doc.actors.push(a.clone());
            }
        }
    }

    doc.removed = merge_set(&base.removed, &ours.removed, &theirs.removed);
    doc.removed.retain(|r| match r.kind {
        RemovedKind::Mention => !doc
            .mentions
            .iter()
            .any(|m| (m.start, m.end) == (r.start, r.end)),
        RemovedKind::Statement => !doc
            .statements
            .iter()
            .any(|s| (s.content.start, s.content.end) == (r.start, r.end)),
    });

    for (key, value) in three_way_map(
        &base.presentation.colours,
        &ours.presentation.colours,
        &theirs.presentation.colours,
    ) {
        match value {
            Some(v) => doc.presentation.colours.insert(key, v),
            None => doc.presentation.colours.remove(&key),
        };
    }
    for (key, value) in three_way_map(
        &base.presentation.graph_positions,
        &ours.presentation.graph_positions,
        &theirs.presentation.graph_positions,
    ) {
        match value {
            Some(v) => doc.presentation.graph_positions.insert(key, v),
            None => doc.presentation.graph_positions.remove(&key),
        };
    }

    doc.rebuild_relations();
    Merged { doc, conflicts }
}

/// Per key: the side that changed it wins; if both changed it differently, `theirs`; `None`
/// removes the key. Only keys whose merged value differs from theirs are returned.
fn three_way_map<V: Clone + PartialEq>(
    base: &std::collections::BTreeMap<String, V>,
    ours: &std::collections::BTreeMap<String, V>,
    theirs: &std::collections::BTreeMap<String, V>,
) -> Vec<(String, Option<V>)> {
    let keys: std::collections::BTreeSet<&String> = ours.keys().chain(base.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
            (o != b && t == b).then(|| (k.clone(), o.cloned()))
        })
        .collect()
}

/// Set merge: what either side added, less what either side removed.
fn merge_set<T: Clone + PartialEq>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = theirs
        .iter()
        .filter(|x| !base.contains(x) || ours.contains(x))
        .cloned()
        .collect();
    for x in ours {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Three-way merge of items with ids, in `theirs`' order with items only `ours` added after.
/// `conflict(base, ours, theirs)` is told of every item both sides changed differently; the item
/// then stays as `theirs` has it.
fn merge_keyed<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> &String,
    mut conflict: impl FnMut(Option<&T>, Option<&T>, Option<&T>),
) -> Vec<T> {
    let index = |items: &[T]| -> HashMap<String, usize> {
        items
            .iter()
            .enumerate()
            .map(|(i, x)| (key(x).clone(), i))
            .collect()
    };
    let (bi, oi, ti) = (index(base), index(ours), index(theirs));
    let versions = |k: &String| {
        let at = |items: &'_ [T], ix: &HashMap<String, usize>| ix.get(k).map(|&i| items[i].clone());
        (at(base, &bi), at(ours, &oi), at(theirs, &ti))
    };
    let mut pick = |k: &String| {
        let (b, o, t) = versions(k);
        if o == b || o == t {
            t
        } else if t == b {
            o
        } else {
            conflict(b.as_ref(), o.as_ref(), t.as_ref());
            t
        }
    };
    let mut out = Vec::with_capacity(theirs.len());
    for t in theirs {
        out.extend(pick(key(t)));
    }
    for o in ours {
        if !ti.contains_key(key(o)) {
            out.extend(pick(key(o)));
        }
    }
    out
}

/// Positions in `ours` of the items it added under an id that `theirs` also added, for another
/// item.
fn added_under_their_ids<T: PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> &String,
) -> Vec<usize> {
    (0..ours.len())
        .filter(|&i| {
            let o = &ours[i];
            !base.iter().any(|b| id(b) == id(o)) && theirs.iter().any(|t| id(t) == id(o) && t != o)
        })
        .collect()
}

/// How a conflict over one item reads, by which side still has it.
fn change_conflict(item: String, ours_has_it: bool, theirs_has_it: bool) -> String {
    match (ours_has_it, theirs_has_it) {
        (false, _) => format!("{item}: you removed it, the other version changed it"),
        (true, false) => format!("{item}: you changed it, the other version removed it"),
        (true, true) => format!("{item}: changed differently in both versions"),
    }
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
