//! The extraction engine: from article text to actors, mentions, statements and relations.
//!
//! The text is processed paragraph by paragraph: fold, match names, apply context rules, find
//! officials introduced by title, then statements and stated events. Only the annotations and a
//! few per-document tables outlive a paragraph, so memory stays close to the size of the text.

mod events;
pub mod fold;
pub mod gazetteer;
mod lexicon;
pub mod matcher;
mod persons;
mod relations;
mod statements;
mod tokens;

use crate::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, SourceInfo, Span, Statement, OFFSET_UNIT, SCHEMA,
};
use fold::Folded;
pub use gazetteer::{save_user_entry, Entry, Gazetteer, GazetteerError};
use lexicon::Lexicon;
use matcher::{Hit, Matcher, MatcherBuilder, NameKind};
use rustc_hash::FxHashMap as HashMap;
use statements::Speaker;
use std::sync::Arc;
use tokens::Paragraph;

/// A compiled gazetteer, reusable across documents.
pub struct Extractor {
    gazetteer: Gazetteer,
    matcher: Matcher,
    slots: Vec<Slot>,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        let mut b = MatcherBuilder::default();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            let slot = i as u32;
            for a in &e.aliases {
                b.add(a, slot, NameKind::Name);
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
        Extractor {
            matcher: b.build(),
            slots: gazetteer_slots(&gazetteer),
            gazetteer,
        }
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
        let mut doc = DocState::new(&self.slots);
        let mut folded = Folded::default();
        let mut hits = Vec::new();
        let mut person_hits = Vec::new();
        let mut base = 0usize;
        for line in text.split('\n') {
            folded.refill(line, base);
            if !folded.text.is_empty() && folded.text != " " {
                self.matcher.find(&folded.text, &mut hits);
                doc.person_matcher.find(&folded.text, &mut person_hits);
                doc.paragraph(&folded, &hits, &person_hits);
            }
            // Folding counted the line's characters on the way.
            base = folded.end() + 1;
        }
        doc.finish(text, source)
    }
}

/// One actor the document may refer to: a gazetteer entry or a person found in the text. The
/// names are shared, so starting a document copies no strings.
#[derive(Debug, Clone)]
struct Slot {
    id: Arc<str>,
    kind: ActorKind,
    affiliation: Option<u32>,
    name_ar: Arc<str>,
    name_en: Arc<str>,
}

/// The gazetteer's actors as slots, in gazetteer order.
fn gazetteer_slots(gazetteer: &Gazetteer) -> Vec<Slot> {
    let entries = gazetteer.entries();
    let index: HashMap<&str, u32> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    entries
        .iter()
        .map(|e| Slot {
            id: e.id.as_str().into(),
            kind: e.kind,
            affiliation: e.affiliation.as_deref().and_then(|a| index.get(a).copied()),
            name_ar: e.name_ar.as_str().into(),
            name_en: e.name_en.as_str().into(),
        })
        .collect()
}

/// A mention inside the current paragraph, in folded byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParaMention {
    pub start: usize,
    pub end: usize,
    pub actor: u32,
    pub kind: NameKind,
    pub prefix_len: usize,
    /// Index into the document's mentions.
    pub index: usize,
}

/// What the paragraph rules read: the folded paragraph, its words and its mentions.
pub(crate) struct ParaCtx<'a> {
    pub text: &'a str,
    pub para: &'a Paragraph,
    pub mentions: &'a [ParaMention],
    slots: &'a [Slot],
    pub lex: &'static Lexicon,
}

impl<'a> ParaCtx<'a> {
    fn new(
        text: &'a str,
        para: &'a Paragraph,
        mentions: &'a [ParaMention],
        slots: &'a [Slot],
    ) -> Self {
        ParaCtx {
            text,
            para,
            mentions,
            slots,
            lex: Lexicon::get(),
        }
    }

    pub fn word(&self, i: usize) -> &str {
        let t = self.para.tokens[i];
        &self.text[t.start..t.end]
    }

    pub fn kind(&self, actor: u32) -> ActorKind {
        self.slots[actor as usize].kind
    }

    /// The actor that stands for `actor` in the graph (persons roll up to their affiliation).
    pub fn top(&self, actor: u32) -> u32 {
        top_slot(self.slots, actor)
    }

    /// The mention whose name starts in token `i` (after any proclitic).
    pub fn mention_at_token(&self, i: usize) -> Option<&ParaMention> {
        let t = self.para.tokens[i];
        let at = self.mentions.partition_point(|m| m.start < t.start);
        self.mentions.get(at).filter(|m| m.start < t.end)
    }

    /// The mention that covers any part of token `i`.
    pub fn mention_covering(&self, i: usize) -> Option<&ParaMention> {
        let t = self.para.tokens[i];
        let at = self.mentions.partition_point(|m| m.end <= t.start);
        self.mentions.get(at).filter(|m| m.start < t.end)
    }

    pub fn sentence_of(&self, pos: usize) -> usize {
        let at = self.para.token_at_or_after(pos);
        self.para
            .tokens
            .get(at)
            .map_or(self.para.sentences.len().saturating_sub(1), |t| t.sentence)
    }

    /// The byte where the word before `pos` starts (skipping spaces and punctuation).
    pub fn start_of_word_before(&self, pos: usize) -> usize {
        let at = self.para.token_at_or_after(pos);
        if at == 0 {
            return 0;
        }
        self.para.tokens[at - 1].start
    }

    /// The word before `pos`, or "".
    pub fn word_before(&self, pos: usize) -> &str {
        let at = self.para.token_at_or_after(pos);
        if at == 0 {
            return "";
        }
        self.word(at - 1)
    }

    /// The proclitic letters in front of a mention.
    pub fn prefix(&self, m: &ParaMention) -> &str {
        &self.text[m.start - m.prefix_len..m.start]
    }

    /// The preposition that makes a mention an object or place (على، إلى، ضد، مع، في، ل), if any.
    pub fn target_prep(&self, m: &ParaMention) -> Option<&str> {
        let prefix = &self.text[m.start - m.prefix_len..m.start];
        if prefix.ends_with('ل') {
            return Some("ل");
        }
        let prev = self.word_before(m.start - m.prefix_len);
        matches!(
            prev,
            "علي" | "الي" | "ضد" | "مع" | "ومع" | "تجاه" | "في" | "لدي" | "نحو"
        )
        .then_some(prev)
    }

    /// Whether a mention is an addressee or recipient rather than a subject.
    pub fn is_addressee(&self, m: &ParaMention) -> bool {
        if self.target_prep(m).is_some() {
            return true;
        }
        let prev = self.word_before(m.start - m.prefix_len);
        prev.strip_prefix('ل')
            .is_some_and(|rest| self.lex.naming_nouns.contains(rest))
    }

    /// Where the word that makes `m` a backer starts ("موالية لإيران"، "المدعومة من إيران").
    pub fn sponsor_word_start(&self, m: &ParaMention) -> Option<usize> {
        let mut before = m.start - m.prefix_len;
        if self.word_before(before) == "من" {
            before = self.start_of_word_before(before);
        }
        self.lex
            .sponsor_words
            .contains(self.word_before(before))
            .then(|| self.start_of_word_before(before))
    }

    pub fn is_sponsor(&self, m: &ParaMention) -> bool {
        self.sponsor_word_start(m).is_some()
    }

    pub fn is_in_quote(&self, m: &ParaMention) -> bool {
        self.para.quote_containing(m.start).is_some()
    }
}

fn top_slot(slots: &[Slot], actor: u32) -> u32 {
    let mut current = actor;
    for _ in 0..8 {
        let s = &slots[current as usize];
        match (s.kind, s.affiliation) {
            (ActorKind::Person, Some(up)) => current = up,
            _ => break,
        }
    }
    current
}

/// A statement in document character offsets, before ids are assigned.
struct DocStatement {
    speaker: Speaker,
    cue: Span,
    content: Span,
    targets: Vec<u32>,
    kind: crate::model::RelationType,
    quoted: bool,
}

/// A stated event in document character offsets.
struct DocEvent {
    source: u32,
    target: u32,
    kind: crate::model::RelationType,
    evidence: Span,
}

/// Everything gathered so far about one document.
struct DocState {
    slots: Vec<Slot>,
    seen: Vec<bool>,
    persons: HashMap<String, u32>,
    person_names: MatcherBuilder,
    person_matcher: Matcher,
    persons_changed: bool,
    mentions: Vec<(u32, Span)>,
    statements: Vec<DocStatement>,
    events: Vec<DocEvent>,
    previous_speaker: Option<Speaker>,
    /// Per state slot: mentions that name a government (الحكومة العراقية، رئيس الوزراء ...).
    government: HashMap<u32, usize>,
}

impl DocState {
    fn new(gazetteer_slots: &[Slot]) -> Self {
        let slots = gazetteer_slots.to_vec();
        DocState {
            seen: vec![false; slots.len()],
            slots,
            persons: HashMap::default(),
            person_names: MatcherBuilder::default(),
            person_matcher: MatcherBuilder::default().build(),
            persons_changed: false,
            mentions: Vec::new(),
            statements: Vec::new(),
            events: Vec::new(),
            previous_speaker: None,
            government: HashMap::default(),
        }
    }

    fn paragraph(&mut self, folded: &Folded, hits: &[Hit], person_hits: &[Hit]) {
        let lex = Lexicon::get();
        let text = folded.text.as_str();
        let para = Paragraph::new(text);
        let mut all: Vec<Hit> = person_hits.iter().chain(hits).copied().collect();
        matcher::select_leftmost_longest(&mut all);
        let mut accepted: Vec<ParaMention> = Vec::new();
        let mut last_end = 0;
        let mut dropped_nisba_end: Option<usize> = None;
        for h in all {
            if h.start < last_end {
                continue;
            }
            let ctx = ParaCtx::new(text, &para, &accepted, &self.slots);
            let prev = ctx.word_before(h.start - h.prefix_len);
            let keep = match h.kind {
                NameKind::Name | NameKind::Stop => true,
                NameKind::AfterFirst => self.seen[h.actor as usize],
                NameKind::Capital => capital_is_government(&ctx, &h, prev),
                NameKind::Nisba => {
                    let prev_start = ctx.start_of_word_before(h.start - h.prefix_len);
                    let after_dropped =
                        dropped_nisba_end.is_some_and(|e| prev_start < e && e <= h.start);
                    let after_group = accepted.last().is_some_and(|m| {
                        m.end >= prev_start
                            && !matches!(
                                self.slots[top_slot(&self.slots, m.actor) as usize].kind,
                                ActorKind::State | ActorKind::Igo
                            )
                    });
                    !(lex.people_words.contains(prev) || after_dropped || after_group)
                }
            };
            // "ميليشيا الحوثي": a generic word right before a named group is part of its name.
            let generic_before = accepted.last().is_some_and(|generic| {
                let adjacent = ctx.start_of_word_before(h.start - h.prefix_len) <= generic.start
                    && generic.end <= h.start;
                let groups = [generic.actor, h.actor]
                    .iter()
                    .all(|&a| self.slots[a as usize].kind == ActorKind::ArmedGroup);
                adjacent && groups && h.kind == NameKind::Name && h.prefix_len == 0
            });
            let names_government = lex.titles.contains(prev) || matches!(prev, "الحكومه" | "حكومه");
            if !keep {
                if h.kind == NameKind::Nisba {
                    dropped_nisba_end = Some(h.end);
                }
                continue;
            }
            if generic_before {
                accepted.pop();
                self.mentions.pop();
            }
            last_end = h.end;
            if names_government {
                *self.government.entry(h.actor).or_default() += 1;
            }
            accepted.push(self.record(folded, h.start, h.end, h.actor, h.kind, h.prefix_len));
        }
        let found = {
            let ctx = ParaCtx::new(text, &para, &accepted, &self.slots);
            persons::discover(&ctx)
        };
        let introduced = found.first().map(|p| p.end);
        for p in found {
            let slot = self.person_slot(folded, &p);
            let m = self.record(folded, p.start, p.end, slot, NameKind::Name, 0);
            let at = accepted.partition_point(|x| x.start < m.start);
            accepted.insert(at, m);
        }
        if self.persons_changed {
            self.person_matcher = self.person_names.clone().build();
            self.persons_changed = false;
            // Later references in the same paragraph ("وأكد الخصاونة") resolve at once.
            if let Some(after) = introduced {
                let mut again = Vec::new();
                self.person_matcher.find(text, &mut again);
                for h in again.into_iter().filter(|h| h.start >= after) {
                    let at = accepted.partition_point(|x| x.start < h.start);
                    let free = accepted.get(at).is_none_or(|x| x.start >= h.end)
                        && (at == 0 || accepted[at - 1].end <= h.start);
                    if free && self.seen[h.actor as usize] {
                        let m = self.record(folded, h.start, h.end, h.actor, h.kind, h.prefix_len);
                        accepted.insert(at, m);
                    }
                }
            }
        }
        let ctx = ParaCtx::new(text, &para, &accepted, &self.slots);
        let to_span = |(s, e): (usize, usize)| Span::new(folded.orig(s), folded.orig(e));
        let events = events::find(&ctx);
        for s in statements::find(&ctx, &events, &mut self.previous_speaker) {
            self.statements.push(DocStatement {
                speaker: s.speaker,
                cue: to_span(s.cue),
                content: to_span(s.content),
                targets: s.targets,
                kind: s.kind,
                quoted: s.quoted,
            });
        }
        for e in events {
            self.events.push(DocEvent {
                source: e.source,
                target: e.target,
                kind: e.kind,
                evidence: to_span(e.evidence),
            });
        }
    }

    fn record(
        &mut self,
        folded: &Folded,
        start: usize,
        end: usize,
        actor: u32,
        kind: NameKind,
        prefix_len: usize,
    ) -> ParaMention {
        self.seen[actor as usize] = true;
        self.mentions
            .push((actor, Span::new(folded.orig(start), folded.orig(end))));
        ParaMention {
            start,
            end,
            actor,
            kind,
            prefix_len,
            index: self.mentions.len() - 1,
        }
    }

    /// The slot of a person found by title, new or known by name.
    fn person_slot(&mut self, folded: &Folded, p: &persons::FoundPerson) -> u32 {
        let name = folded.text[p.start..p.end].to_string();
        if let Some(&slot) = self.persons.get(&name) {
            if self.slots[slot as usize].affiliation.is_none() {
                self.slots[slot as usize].affiliation = p.affiliation;
            }
            return slot;
        }
        let slot = self.slots.len() as u32;
        self.slots.push(Slot {
            id: person_id(&name).into(),
            kind: ActorKind::Person,
            affiliation: p.affiliation,
            name_ar: "".into(),
            name_en: transliterate(&name).into(),
        });
        self.seen.push(true);
        self.persons.insert(name.clone(), slot);
        self.person_names.add(&name, slot, NameKind::Name);
        if let Some(&(s, e)) = p.words.last() {
            let surname = &folded.text[s..e];
            if surname.chars().count() >= 4 {
                self.person_names.add(surname, slot, NameKind::AfterFirst);
            }
        }
        self.persons_changed = true;
        slot
    }

    /// The state an unnamed government source most likely speaks for: the one whose government
    /// the article names most, else the most mentioned state.
    fn home_state(&self) -> Option<u32> {
        let mut best = self
            .government
            .iter()
            .filter(|(&a, _)| self.slots[a as usize].kind == ActorKind::State)
            .max_by_key(|(&a, &n)| (n, std::cmp::Reverse(a)))
            .map(|(&a, _)| a);
        if best.is_none() {
            let mut counts: HashMap<u32, usize> = HashMap::default();
            for (a, _) in &self.mentions {
                if self.slots[*a as usize].kind == ActorKind::State {
                    *counts.entry(*a).or_default() += 1;
                }
            }
            best = counts
                .into_iter()
                .max_by_key(|&(a, n)| (n, std::cmp::Reverse(a)))
                .map(|(a, _)| a);
        }
        best
    }

    fn finish(self, text: String, source: SourceInfo) -> AnnotatedDocument {
        relations::assemble(self, text, source)
    }
}

/// A stable id for a person found in the text, from their folded name.
fn person_id(folded_name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in folded_name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("P_{h:08x}")
}

/// A rough Latin spelling of an Arabic name, so English-language views have something to show.
fn transliterate(folded: &str) -> String {
    let mut out = String::new();
    let mut capital = true;
    for c in folded.chars() {
        let latin = match c {
            'ا' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "'",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "w",
            'ي' => "y",
            'ء' | 'ئ' | 'ؤ' => "'",
            ' ' => " ",
            _ => "",
        };
        if latin == " " {
            capital = true;
            out.push(' ');
            continue;
        }
        if capital {
            let mut cs = latin.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.extend(cs);
                capital = false;
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

/// A capital names its government unless it is a place: after في، إلى، زيارة ...; with a ب or ل
/// proclitic (لطهران); or as a dateline at the start of a paragraph ("بغداد -").
fn capital_is_government(ctx: &ParaCtx, h: &Hit, prev: &str) -> bool {
    if ctx.lex.place_words.contains(prev) {
        return false;
    }
    let prefix = &ctx.text[h.start - h.prefix_len..h.start];
    if prefix.contains('ب') || prefix.contains('ل') {
        return false;
    }
    let rest = ctx.text[h.end..].trim_start();
    let dateline = ctx.text[..h.start - h.prefix_len].trim().is_empty()
        && rest.starts_with(['-', '–', '—', '(']);
    !dateline
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
