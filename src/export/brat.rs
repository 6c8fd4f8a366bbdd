//! brat standoff (also read by INCEpTION): `{stem}.txt`, `{stem}.ann` and `annotation.conf`.
//!
//! - `T` lines: mentions (type = actor kind: `State`, `Igo`, `ArmedGroup`, `Party`, `Media`,
//!   `Person`, `Other`), statement cues (type = the speech act: `Appeal`, …; `OtherAct` for
//!   `other`, since `Other` is an actor kind) and statement contents (`Content`).
//! - `N` lines: `Reference Tn marsad:ACTOR_ID` on every mention.
//! - `E` lines: one per statement, trigger = the cue, with `Speaker:` (the speaker's mention),
//!   `Content:` and `Target:`, `Target2:`, … (a mention of each target actor inside the statement,
//!   else the nearest one); `A` lines mark quoted statements (`Quoted`).
//! - `R` lines: relations (type = `AppealRel`, …, so that no name is both an event and a relation)
//!   between a mention of the source and one of the target inside an evidence span.
//! - `#` AnnotatorNotes say which actor an argument could not be tied to.
//!
//! Offsets count characters (Unicode scalar values) into `{stem}.txt`, which is the document text
//! byte for byte. A span that would contain a line break is written as discontinuous fragments
//! (`start end;start end`), whose texts are joined by a space, as brat does.

use super::{statement_span, DocIndex, ExportFile, MARSAD_VERSION};
use crate::model::{
    ActorKind, AnnotatedDocument, Mention, Relation, RelationType, Span, OFFSET_UNIT,
};
use std::collections::HashMap;
use std::fmt::Write;

/// The name brat looks for, in the directory of the documents or above.
pub const CONF_NAME: &str = "annotation.conf";

/// The text-bound type of a statement's content.
pub const CONTENT_TYPE: &str = "Content";
/// The attribute of quoted statements.
pub const QUOTED_ATTRIBUTE: &str = "Quoted";
/// The normalization database of mention references.
pub const NORMALIZATION_DB: &str = "marsad";

const ACTOR_KINDS: [ActorKind; 7] = [
    ActorKind::State,
    ActorKind::Igo,
    ActorKind::ArmedGroup,
    ActorKind::Party,
    ActorKind::Media,
    ActorKind::Person,
    ActorKind::Other,
];

/// The brat entity type of a mention of an actor of this kind.
pub fn entity_type(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "State",
        ActorKind::Igo => "Igo",
        ActorKind::ArmedGroup => "ArmedGroup",
        ActorKind::Party => "Party",
        ActorKind::Media => "Media",
        ActorKind::Person => "Person",
        ActorKind::Other => "Other",
    }
}

/// The brat event type (and trigger type) of a statement with this speech act.
pub fn event_type(kind: RelationType) -> &'static str {
    match kind {
        RelationType::Statement => "Statement",
        RelationType::Appeal => "Appeal",
        RelationType::Demand => "Demand",
        RelationType::Accuse => "Accuse",
        RelationType::Threaten => "Threaten",
        RelationType::Reject => "Reject",
        RelationType::Meet => "Meet",
        RelationType::Cooperate => "Cooperate",
        RelationType::Pressure => "Pressure",
        RelationType::Attack => "Attack",
        RelationType::Other => "OtherAct",
    }
}

/// The brat relation type of a relation of this type.
pub fn relation_type(kind: RelationType) -> &'static str {
    match kind {
        RelationType::Statement => "StatementRel",
        RelationType::Appeal => "AppealRel",
        RelationType::Demand => "DemandRel",
        RelationType::Accuse => "AccuseRel",
        RelationType::Threaten => "ThreatenRel",
        RelationType::Reject => "RejectRel",
        RelationType::Meet => "MeetRel",
        RelationType::Cooperate => "CooperateRel",
        RelationType::Pressure => "PressureRel",
        RelationType::Attack => "AttackRel",
        RelationType::Other => "OtherRel",
    }
}

/// The three files.
pub fn export(doc: &AnnotatedDocument, stem: &str) -> Vec<ExportFile> {
    vec![
        ExportFile::new(format!("{stem}.txt"), doc.text.as_bytes()),
        ExportFile::new(format!("{stem}.ann"), to_ann(doc)),
        ExportFile::new(CONF_NAME.to_string(), annotation_conf()),
    ]
}

/// The annotation configuration: every type the exporter can write, whatever the document, so one
/// file serves a directory of exported articles.
pub fn annotation_conf() -> String {
    let actors = ACTOR_KINDS.map(entity_type).join("|");
    let mut c = String::new();
    let _ = writeln!(
        c,
        "# Marsad {MARSAD_VERSION}: brat export of marsad/1 annotations."
    );
    let _ = writeln!(
        c,
        "# Offsets: {OFFSET_UNIT}. Every start/end in the .ann files counts Unicode scalar values"
    );
    c.push_str(
        "# (characters) into the .txt file of the same name, end exclusive. Spans never contain a\n\
         # line break: such a span is split into fragments.\n\
         # Mentions are normalised to Marsad actor ids (Reference marsad:ID); statements are events\n\
         # triggered by their reporting word; relations are typed edges between actor mentions.\n\
         # Types and their CAMEO roots: docs/export-format.md.\n\n",
    );
    c.push_str("[entities]\n");
    for kind in ACTOR_KINDS {
        let _ = writeln!(c, "{}", entity_type(kind));
    }
    let _ = writeln!(c, "{CONTENT_TYPE}");
    c.push_str("\n[relations]\n");
    for kind in RelationType::ALL {
        let _ = writeln!(c, "{}\tArg1:{actors}, Arg2:{actors}", relation_type(kind));
    }
    c.push_str("\n[events]\n");
    for kind in RelationType::ALL {
        let _ = writeln!(
            c,
            "{}\tSpeaker?:{actors}, Content?:{CONTENT_TYPE}, Target*:{actors}",
            event_type(kind)
        );
    }
    c.push_str("\n[attributes]\n");
    let _ = writeln!(c, "{QUOTED_ATTRIBUTE}\tArg:<EVENT>");
    c
}

/// The `.ann` file.
pub fn to_ann(doc: &AnnotatedDocument) -> String {
    let ix = DocIndex::new(doc);
    let mut ann = Ann::new(&ix);
    ann.mentions();
    ann.statements();
    ann.relations();
    ann.finish()
}

/// Characters that end a line for brat, INCEpTION or Python's `splitlines` (and the tab, which
/// separates fields): a span never contains one.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\t'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The pieces of `span` between line breaks that hold more than white space.
fn fragments(chars: &[char], span: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate().take(span.end).skip(span.start) {
        if is_break(c) {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, span.end));
    }
    out.retain(|&(s, e)| chars[s..e].iter().any(|c| !c.is_whitespace()));
    out
}

/// Characters between a span and a mention (0 when they overlap).
fn distance(span: Span, m: &Mention) -> usize {
    if m.end <= span.start {
        span.start - m.end
    } else {
        m.start.saturating_sub(span.end)
    }
}

fn inside(span: Span, m: &Mention) -> bool {
    span.start <= m.start && m.end <= span.end
}

/// One line of text for a note.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect()
}

/// A text-bound annotation: its type and fragments.
type TextBound = (&'static str, Vec<(usize, usize)>);

struct Ann<'a> {
    ix: &'a DocIndex<'a>,
    textbounds: Vec<String>,
    normalizations: Vec<String>,
    events: Vec<String>,
    attributes: Vec<String>,
    relations: Vec<String>,
    /// Notes per annotation id, in order of first note.
    notes: Vec<(String, Vec<String>)>,
    /// Annotation id → its place in `notes`.
    note_at: HashMap<String, usize>,
    /// (type, fragments) → T id, so that a cue shared by a dual statement is one trigger.
    spans: HashMap<TextBound, String>,
    /// Mention id → T id.
    mention_t: HashMap<&'a str, String>,
    /// Statement id → E id.
    statement_e: HashMap<&'a str, String>,
    /// The top-level actor of each mention, by index.
    mention_top: Vec<String>,
    /// Mention id → index.
    mention_index: HashMap<&'a str, usize>,
    /// The written mentions of each actor in text order, and whether they keep apart from one
    /// another (so the one nearest a span lies where the span starts).
    by_actor: HashMap<&'a str, (Vec<&'a Mention>, bool)>,
}

impl<'a> Ann<'a> {
    fn new(ix: &'a DocIndex<'a>) -> Ann<'a> {
        Ann {
            ix,
            textbounds: Vec::new(),
            normalizations: Vec::new(),
            events: Vec::new(),
            attributes: Vec::new(),
            relations: Vec::new(),
            notes: Vec::new(),
            note_at: HashMap::new(),
            spans: HashMap::new(),
            mention_t: HashMap::new(),
            statement_e: HashMap::new(),
            mention_top: ix
                .doc
                .mentions
                .iter()
                .map(|m| ix.top_level(&m.actor))
                .collect(),
            mention_index: ix
                .doc
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.as_str(), i))
                .collect(),
            by_actor: HashMap::new(),
        }
    }

    fn describe(&self, actor: &str) -> String {
        match self.ix.name_en(actor) {
            "" => actor.to_string(),
            name => format!("{actor} ({name})"),
        }
    }

    fn note(&mut self, target: &str, text: String) {
        match self.note_at.get(target) {
            Some(&i) => self.notes[i].1.push(text),
            None => {
                self.note_at.insert(target.to_string(), self.notes.len());
                self.notes.push((target.to_string(), vec![text]));
            }
        }
    }

    /// The T id of a text-bound annotation, written on first use; `None` if the span holds only
    /// white space or lies outside the text.
    fn textbound(&mut self, ty: &'static str, span: Span) -> Option<String> {
        let frags = fragments(&self.ix.chars, self.ix.clamp(span));
        if frags.is_empty() {
            return None;
        }
        let key = (ty, frags);
        if let Some(id) = self.spans.get(&key) {
            return Some(id.clone());
        }
        let id = format!("T{}", self.textbounds.len() + 1);
        let offsets: Vec<String> = key.1.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let texts: Vec<String> = key
            .1
            .iter()
            .map(|&(s, e)| self.ix.chars[s..e].iter().collect())
            .collect();
        self.textbounds.push(format!(
            "{id}\t{ty} {}\t{}",
            offsets.join(";"),
            texts.join(" ")
        ));
        self.spans.insert(key, id.clone());
        Some(id)
    }

    fn mentions(&mut self) {
        let ix = self.ix;
        for m in &ix.doc.mentions {
            let kind = ix.actor(&m.actor).map_or(ActorKind::Other, |a| a.kind);
            let Some(t) = self.textbound(entity_type(kind), m.span()) else {
                continue;
            };
            let name = one_line(match ix.name_en(&m.actor) {
                "" => &m.actor,
                name => name,
            });
            let n = format!("N{}", self.normalizations.len() + 1);
            self.normalizations.push(format!(
                "{n}\tReference {t} {NORMALIZATION_DB}:{}\t{name}",
                m.actor
            ));
            self.mention_t.insert(m.id.as_str(), t);
            self.by_actor
                .entry(m.actor.as_str())
                .or_insert_with(|| (Vec::new(), true))
                .0
                .push(m);
        }
        for (list, apart) in self.by_actor.values_mut() {
            *apart = list.windows(2).all(|w| w[0].end <= w[1].start);
        }
    }

    /// The mention of `actor` inside `within`, else the nearest one (earliest on ties).
    fn mention_of(&self, actor: &str, within: Span) -> Option<&'a Mention> {
        let (list, apart) = self.by_actor.get(actor)?;
        // Apart and in order, the best is the first mention from where `within` starts (inside
        // if any is) or the one before it: only those are compared, not every mention.
        let candidates = if *apart {
            let at = list.partition_point(|m| m.start < within.start);
            &list[at.saturating_sub(2)..(at + 2).min(list.len())]
        } else {
            &list[..]
        };
        let mut best: Option<(bool, usize, &Mention)> = None;
        for &m in candidates {
            let key = (!inside(within, m), distance(within, m));
            if best.is_none_or(|(o, d, _)| key < (o, d)) {
                best = Some((key.0, key.1, m));
            }
        }
        best.map(|(_, _, m)| m)
    }

    fn statements(&mut self) {
        let ix = self.ix;
        for s in &ix.doc.statements {
            let ty = event_type(s.kind);
            let trigger = self.textbound(ty, s.cue);
            let content = self.textbound(CONTENT_TYPE, s.content);
            let Some(trigger) = trigger else {
                if let Some(content) = content {
                    let text = format!(
                        "statement {} ({} by {}): its reporting word is empty, so no event",
                        s.id,
                        s.kind.as_str(),
                        self.describe(&s.speaker)
                    );
                    self.note(&content, text);
                }
                continue;
            };
            let e = format!("E{}", self.events.len() + 1);
            let mut args = vec![format!("{ty}:{trigger}")];
            let mut notes = Vec::new();
            let speaker = s
                .speaker_mention
                .as_deref()
                .and_then(|m| self.mention_t.get(m));
            match speaker {
                Some(t) => args.push(format!("Speaker:{t}")),
                None => notes.push(format!(
                    "speaker {} is not named at this statement",
                    self.describe(&s.speaker)
                )),
            }
            if let Some(content) = content {
                args.push(format!("Content:{content}"));
            }
            let span = statement_span(s);
            let mut n = 0;
            for target in &s.targets {
                match self.mention_of(target, span) {
                    Some(m) => {
                        n += 1;
                        let role = if n == 1 {
                            "Target".to_string()
                        } else {
                            format!("Target{n}")
                        };
                        args.push(format!("{role}:{}", self.mention_t[m.id.as_str()]));
                    }
                    None => notes.push(format!(
                        "target {} has no mention in the text",
                        self.describe(target)
                    )),
                }
            }
            self.events.push(format!("{e}\t{}", args.join(" ")));
            if s.quoted {
                let a = format!("A{}", self.attributes.len() + 1);
                self.attributes.push(format!("{a}\t{QUOTED_ATTRIBUTE} {e}"));
            }
            for text in notes {
                self.note(&e, text);
            }
            self.statement_e.insert(s.id.as_str(), e);
        }
    }

    /// A mention of the relation's source and one of its target, tried evidence span by evidence
    /// span: for the span of one of its statements, the speaker's mention and the closest mention
    /// of the target between it and the end of the statement; otherwise the closest pair inside
    /// the span (persons count for their affiliation).
    fn mention_pair(&self, r: &Relation) -> Option<(usize, usize)> {
        let mentions = &self.ix.doc.mentions;
        let of = |i: usize, actor: &str| {
            (mentions[i].actor == actor || self.mention_top[i] == actor)
                && self.mention_t.contains_key(mentions[i].id.as_str())
        };
        let closest = |a: usize, within: &[usize]| {
            within
                .iter()
                .copied()
                .filter(|&b| b != a && of(b, &r.target))
                .min_by_key(|&b| mentions[a].start.abs_diff(mentions[b].start))
        };
        for &span in &r.evidence {
            let within: Vec<usize> = (0..mentions.len())
                .filter(|&i| inside(span, &mentions[i]))
                .collect();
            let speaker = r
                .statements
                .iter()
                .filter_map(|id| self.ix.doc.statements.iter().find(|s| &s.id == id))
                .filter(|s| statement_span(s) == span)
                .filter_map(|s| s.speaker_mention.as_deref())
                .filter_map(|m| self.mention_index.get(m).copied())
                .find(|&a| of(a, &r.source));
            if let Some(a) = speaker {
                // The statement from its speaker's name on ("X, addressing Y, said …").
                let from = Span::new(
                    span.start.min(mentions[a].start),
                    span.end.max(mentions[a].end),
                );
                let widened: Vec<usize> = (0..mentions.len())
                    .filter(|&i| inside(from, &mentions[i]))
                    .collect();
                if let Some(b) = closest(a, &widened) {
                    return Some((a, b));
                }
            }
            let best = within
                .iter()
                .copied()
                .filter(|&a| of(a, &r.source))
                .filter_map(|a| closest(a, &within).map(|b| (a, b)))
                .min_by_key(|&(a, b)| mentions[a].start.abs_diff(mentions[b].start));
            if best.is_some() {
                return best;
            }
        }
        None
    }

    fn relations(&mut self) {
        let ix = self.ix;
        let mentions = &ix.doc.mentions;
        for r in &ix.doc.relations {
            if let Some((a, b)) = self.mention_pair(r) {
                let id = format!("R{}", self.relations.len() + 1);
                self.relations.push(format!(
                    "{id}\t{} Arg1:{} Arg2:{}",
                    relation_type(r.kind),
                    self.mention_t[mentions[a].id.as_str()],
                    self.mention_t[mentions[b].id.as_str()]
                ));
                continue;
            }
            // Not drawable as an arc: say so on something the relation rests on.
            let text = format!(
                "relation {} {} → {}: no mentions of both inside its evidence",
                r.kind.as_str(),
                self.describe(&r.source),
                self.describe(&r.target)
            );
            let on_mention = r.evidence.iter().find_map(|&span| {
                (0..mentions.len()).find(|&i| {
                    inside(span, &mentions[i])
                        && (self.mention_top[i] == r.source || self.mention_top[i] == r.target)
                        && self.mention_t.contains_key(mentions[i].id.as_str())
                })
            });
            let anchor = match on_mention {
                Some(i) => Some(self.mention_t[mentions[i].id.as_str()].clone()),
                None => r
                    .statements
                    .iter()
                    .find_map(|s| self.statement_e.get(s.as_str()).cloned()),
            };
            if let Some(anchor) = anchor {
                self.note(&anchor, text);
            }
        }
    }

    fn finish(self) -> String {
        let mut out = String::new();
        for line in self
            .textbounds
            .iter()
            .chain(&self.normalizations)
            .chain(&self.events)
            .chain(&self.attributes)
            .chain(&self.relations)
        {
            out.push_str(line);
            out.push('\n');
        }
        for (i, (target, notes)) in self.notes.iter().enumerate() {
            let _ = writeln!(
                out,
                "#{}\tAnnotatorNotes {target}\t{}",
                i + 1,
                one_line(&notes.join("; "))
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_skip_line_breaks() {
        let chars: Vec<char> = "ab\ncd\n \nef".chars().collect();
        assert_eq!(
            fragments(&chars, Span::new(0, chars.len())),
            vec![(0, 2), (3, 5), (8, 10)]
        );
        assert_eq!(fragments(&chars, Span::new(2, 3)), vec![]);
    }

    #[test]
    fn type_names_are_unique_across_sections() {
        let mut all: Vec<&str> = ACTOR_KINDS.map(entity_type).to_vec();
        all.push(CONTENT_TYPE);
        all.extend(RelationType::ALL.map(event_type));
        all.extend(RelationType::ALL.map(relation_type));
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len());
    }
}
