//! One document, paragraph by paragraph: mentions, officials found by title, statements and
//! stated events, and the per-document tables (persons, the current speaker) that carry over.
//!
//! Paragraphs are read a few ahead of the one being annotated, and officials introduced there
//! are known at once: a headline's surname ("عسيري": …) links to the full name below it.

use super::context::{ParaCtx, ParaMention};
use super::fold::Folded;
use super::lexicon::Lexicon;
use super::matcher::{self, Hit, Matcher, NameKind};
use super::person_index::{self, PersonIndex};
use super::statements::{self, Speaker};
use super::tokens::Paragraph;
use super::{events, persons, relations, Slot};
use crate::model::{ActorKind, AnnotatedDocument, SourceInfo, Span};
use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;

/// The actor of a mention withdrawn after it was recorded.
pub(super) const WITHDRAWN: u32 = u32::MAX;

/// How many paragraphs ahead officials are looked for.
const LOOK_AHEAD: usize = 2;

/// A paragraph read ahead: its folded text, gazetteer hits and words.
#[derive(Default)]
pub(super) struct Pending {
    pub(super) folded: Folded,
    pub(super) hits: Vec<Hit>,
    pub(super) para: Paragraph,
    /// The persons' names found in it, and how many names the index held then: the look-ahead's
    /// search is reused while no name has been added since.
    person_hits: Vec<Hit>,
    person_names: Option<usize>,
    /// What the look-ahead's person discovery read and found: when the paragraph's accepted
    /// mentions are the same names, discovery would find the same persons again.
    discovered: Option<(Vec<Hit>, Vec<persons::FoundPerson>)>,
}

/// Texts at least this long are read on two threads when there are two cores: one folds,
/// tokenises and matches names ahead while the other applies the rules in order. Below it a
/// thread costs more than it saves.
const PIPELINE_MIN_BYTES: usize = 256 * 1024;

/// Paragraphs handed between the two threads at a time, so they rarely wait for each other.
const BATCH: usize = 64;

/// Annotates one document with a compiled gazetteer; `second_thread`: a long text may be read
/// on two threads.
pub(super) fn annotate(
    matcher: &Matcher,
    slots: &[Slot<'_>],
    lex: &Lexicon,
    text: String,
    source: SourceInfo,
    second_thread: bool,
) -> AnnotatedDocument {
    // Cores are counted only for a long text: the answer costs system calls (cgroup files).
    let two_threads = second_thread
        && text.len() >= PIPELINE_MIN_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    annotate_on(matcher, slots, lex, text, source, two_threads)
}

/// [`annotate`], on one thread or two.
fn annotate_on(
    matcher: &Matcher,
    slots: &[Slot<'_>],
    lex: &Lexicon,
    text: String,
    source: SourceInfo,
    two_threads: bool,
) -> AnnotatedDocument {
    let mut prepare = Preparer {
        lines: text.split('\n'),
        base: 0,
        matcher,
        lex,
    };
    let mut reader = Reader {
        doc: DocState::new(slots, lex),
        ahead: VecDeque::with_capacity(LOOK_AHEAD + 1),
        matcher,
    };
    if !(two_threads && pipelined(&mut prepare, &mut reader)) {
        let mut spare = Vec::new();
        loop {
            let mut p = spare.pop().unwrap_or_default();
            if !prepare.fill(&mut p) {
                break;
            }
            spare.extend(reader.take(p));
        }
    }
    reader.finish().finish(text, source)
}

/// [`annotate`]'s loop on two threads: the preparer's batches go one way, spent buffers back.
/// The rules see the same paragraphs in the same order, so the result is the same. False, with
/// nothing read, when no thread could be started.
fn pipelined(prepare: &mut Preparer<'_>, reader: &mut Reader<'_, '_>) -> bool {
    let (ready, prepared) = std::sync::mpsc::sync_channel::<Vec<Pending>>(2);
    let (give_back, spent) = std::sync::mpsc::channel::<Vec<Pending>>();
    std::thread::scope(|scope| {
        let preparer = std::thread::Builder::new().name("marsad-prepare".into());
        let spawned = preparer.spawn_scoped(scope, move || {
            let mut more = true;
            while more {
                let mut batch = spent.try_recv().unwrap_or_default();
                let mut filled = Vec::with_capacity(BATCH);
                while filled.len() < BATCH {
                    let mut p = batch.pop().unwrap_or_default();
                    if !prepare.fill(&mut p) {
                        more = false;
                        break;
                    }
                    filled.push(p);
                }
                if ready.send(filled).is_err() {
                    break;
                }
            }
        });
        if spawned.is_err() {
            // No thread to be had; nothing was read yet.
            return false;
        }
        for batch in prepared {
            let done: Vec<Pending> = batch.into_iter().filter_map(|p| reader.take(p)).collect();
            // The preparer may have finished: then the buffers are simply dropped.
            let _ = give_back.send(done);
        }
        true
    })
}

/// Folds, tokenises and finds gazetteer names in one paragraph after another: the work that
/// does not depend on the paragraphs before.
struct Preparer<'t> {
    lines: std::str::Split<'t, char>,
    /// The character offset of the next line.
    base: usize,
    matcher: &'t Matcher,
    lex: &'t Lexicon,
}

impl Preparer<'_> {
    /// Fills `p` with the next paragraph that has text; false when there is none.
    fn fill(&mut self, p: &mut Pending) -> bool {
        for line in self.lines.by_ref() {
            p.folded.refill(line, self.base);
            p.person_names = None;
            p.discovered = None;
            // Folding counted the line's characters on the way.
            self.base = p.folded.end() + 1;
            if p.folded.text.is_empty() || p.folded.text == " " {
                continue;
            }
            p.para.refill(&p.folded.text, &self.lex.words);
            self.matcher
                .find_in_paragraph(&p.folded.text, &p.para, &mut p.hits);
            return true;
        }
        false
    }
}

/// Applies the rules to prepared paragraphs in text order, a few paragraphs behind the newest
/// so that officials introduced just below are known.
struct Reader<'l, 'm> {
    doc: DocState<'l>,
    ahead: VecDeque<Pending>,
    matcher: &'m Matcher,
}

impl<'l> Reader<'l, '_> {
    /// Takes the next paragraph; gives back one whose buffers are free again.
    fn take(&mut self, mut p: Pending) -> Option<Pending> {
        self.doc.look_ahead(&mut p);
        self.ahead.push_back(p);
        if self.ahead.len() <= LOOK_AHEAD {
            return None;
        }
        let mut p = self.ahead.pop_front()?;
        self.doc.paragraph(&mut p, self.matcher);
        Some(p)
    }

    /// Annotates the paragraphs still waiting.
    fn finish(mut self) -> DocState<'l> {
        while let Some(mut p) = self.ahead.pop_front() {
            self.doc.paragraph(&mut p, self.matcher);
        }
        self.doc
    }
}

/// A statement in document character offsets, before ids are assigned.
pub(super) struct DocStatement {
    pub(super) speaker: Speaker,
    pub(super) cue: Span,
    pub(super) content: Span,
    pub(super) targets: Vec<u32>,
    pub(super) kind: crate::model::RelationType,
    pub(super) quoted: bool,
}

/// A stated event in document character offsets.
pub(super) struct DocEvent {
    pub(super) source: u32,
    pub(super) target: u32,
    pub(super) kind: crate::model::RelationType,
    pub(super) evidence: Span,
}

/// Everything gathered so far about one document.
pub(super) struct DocState<'l> {
    pub(super) lex: &'l Lexicon,
    pub(super) slots: Vec<Slot<'l>>,
    pub(super) seen: Vec<bool>,
    /// Actors named in full in the paragraphs read ahead: their short forms count before the
    /// full name (a headline's "كيري:" above "جون كيري").
    pub(super) named_ahead: Vec<bool>,
    persons: HashMap<String, u32>,
    /// Outlets found by a quoted name, by their folded name.
    pub(super) outlets: HashMap<String, u32>,
    person_index: PersonIndex,
    pub(super) mentions: Vec<(u32, Span)>,
    pub(super) statements: Vec<DocStatement>,
    pub(super) events: Vec<DocEvent>,
    previous_speaker: Vec<Speaker>,
    /// Per state slot: mentions that name a government (الحكومة العراقية، رئيس الوزراء ...).
    pub(super) government: HashMap<u32, usize>,
}

impl<'l> DocState<'l> {
    fn new(gazetteer_slots: &'l [Slot<'_>], lex: &'l Lexicon) -> Self {
        let slots: Vec<Slot<'l>> = gazetteer_slots.iter().map(Slot::borrowed).collect();
        DocState {
            lex,
            seen: vec![false; slots.len()],
            named_ahead: vec![false; slots.len()],
            slots,
            persons: HashMap::default(),
            outlets: HashMap::default(),
            person_index: PersonIndex::default(),
            mentions: Vec::new(),
            statements: Vec::new(),
            events: Vec::new(),
            previous_speaker: Vec::new(),
            government: HashMap::default(),
        }
    }

    /// The names in a paragraph, from the gazetteer and the persons found so far,
    /// leftmost-longest. A short form of an actor not yet named (the surname of a minister the
    /// gazetteer knows) is left out, so it neither hides the same word naming a person of this
    /// text nor cuts a name being introduced after a title.
    fn hits(&self, p: &mut Pending) -> Vec<Hit> {
        let names = Some(self.person_index.names());
        if p.person_names != names {
            self.person_index
                .find(p.folded.text.as_str(), &p.para, &mut p.person_hits);
            p.person_names = names;
        }
        let mut all: Vec<Hit> = p
            .person_hits
            .iter()
            .chain(&p.hits)
            .filter(|h| {
                h.kind != NameKind::AfterFirst
                    || self.seen[h.actor as usize]
                    || self.named_ahead[h.actor as usize]
            })
            .copied()
            .collect();
        matcher::select_leftmost_longest(&mut all);
        all
    }

    /// Registers the officials a paragraph introduces before the paragraphs above it are
    /// annotated. The names around them are taken as matched, without the context rules.
    fn look_ahead(&mut self, p: &mut Pending) {
        let all = self.hits(p);
        let text = p.folded.text.as_str();
        for h in all.iter().filter(|h| h.kind == NameKind::Name) {
            self.named_ahead[h.actor as usize] = true;
        }
        let provisional: Vec<ParaMention> = all
            .iter()
            .map(|h| ParaMention {
                start: h.start,
                end: h.end,
                actor: h.actor,
                kind: h.kind,
                prefix_len: h.prefix_len,
                index: usize::MAX,
            })
            .collect();
        let found = {
            let ctx = ParaCtx::new(text, &p.para, &provisional, &self.slots, self.lex);
            persons::discover(&ctx)
        };
        for person in &found {
            self.person_slot(&p.folded, person);
        }
        p.discovered = Some((all, found));
    }

    fn paragraph(&mut self, p: &mut Pending, matcher: &Matcher) {
        let lex = self.lex;
        let all = self.hits(p);
        let (folded, para) = (&p.folded, &p.para);
        let text = folded.text.as_str();
        let mut accepted = self.accept(p, &all, matcher);
        // Discovery reads only the names' places, actors and kinds (an actor's kind never
        // changes), so the look-ahead's result holds while the names are the same.
        let found = match p.discovered.take() {
            Some((read, found)) if same_names(&read, &accepted) => found,
            _ => {
                let ctx = ParaCtx::new(text, para, &accepted, &self.slots, lex);
                persons::discover(&ctx)
            }
        };
        // Officials the look-ahead did not see (their context differed) are added here.
        for found in found {
            let slot = self.person_slot(folded, &found);
            let m = self.record(folded, found.start, found.end, slot, NameKind::Name, 0);
            let at = accepted.partition_point(|x| x.start < m.start);
            accepted.insert(at, m);
        }
        let ctx = ParaCtx::new(text, para, &accepted, &self.slots, lex);
        let to_span = |(s, e): (usize, usize)| Span::new(folded.orig(s), folded.orig(e));
        let events = events::find(&ctx, &all);
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

    /// Withdraws a mention recorded earlier in this paragraph (its index stays taken).
    pub(super) fn unrecord(&mut self, index: usize) {
        if let Some(m) = self.mentions.get_mut(index) {
            m.0 = WITHDRAWN;
        }
    }

    pub(super) fn record(
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
            id: format!("P_{}", name_hash(&name)).into(),
            kind: ActorKind::Person,
            affiliation: p.affiliation,
            name_ar: "".into(),
            name_en: transliterate(&name).into(),
        });
        self.seen.push(true);
        self.named_ahead.push(true);
        self.persons.insert(name, slot);
        let words: Vec<&str> = p.words.iter().map(|&(s, e)| &folded.text[s..e]).collect();
        self.person_index.add(&words, slot, NameKind::Name);
        // The short form is the family name, whole where it is compound: "محمود عبد الله" is
        // later "عبد الله", never "الله" (a lineage, بن عبدالعزيز, is shared by too many).
        let n = words.len();
        if n >= 2 && matches!(words[n - 2], "عبد" | "ابو") {
            if n >= 3 && !person_index::is_lineage(words[n - 3]) {
                self.person_index
                    .add(&words[n - 2..], slot, NameKind::AfterFirst);
            }
        } else if let Some(surname) = words.last().filter(|w| persons::is_short_form(self.lex, w)) {
            self.person_index
                .add(&[surname], slot, NameKind::AfterFirst);
        }
        slot
    }

    /// The state an unnamed government source most likely speaks for: the one whose government
    /// the article names most, else the most mentioned state.
    pub(super) fn home_state(&self) -> Option<u32> {
        let mut best = self
            .government
            .iter()
            .filter(|(&a, _)| self.slots[a as usize].kind == ActorKind::State)
            .max_by_key(|(&a, &n)| (n, std::cmp::Reverse(a)))
            .map(|(&a, _)| a);
        if best.is_none() {
            let mut counts: HashMap<u32, usize> = HashMap::default();
            for (a, _) in &self.mentions {
                if *a != WITHDRAWN && self.slots[*a as usize].kind == ActorKind::State {
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

/// Whether mentions name the same actors at the same places, in the same way, as `hits`.
fn same_names(hits: &[Hit], mentions: &[ParaMention]) -> bool {
    hits.len() == mentions.len()
        && hits.iter().zip(mentions).all(|(h, m)| {
            (h.start, h.end, h.actor, h.kind, h.prefix_len)
                == (m.start, m.end, m.actor, m.kind, m.prefix_len)
        })
}

/// An annotation id: a letter and a number ("M12", "S3"). A long article has one for each of
/// its many mentions, so it is built without the formatting machinery.
pub(super) fn numbered_id(letter: char, n: usize) -> String {
    let (digits, at) = crate::decimal::digits(n);
    let mut id = String::with_capacity(1 + digits.len() - at);
    id.push(letter);
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// A stable hash of a folded name, for the ids of actors found in the text.
pub(super) fn name_hash(folded_name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in folded_name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// A rough Latin spelling of an Arabic name, so English-language views have something to show.
pub(super) fn transliterate(folded: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Gazetteer};

    /// Two threads find exactly what one finds, on a text long enough to be split into many
    /// batches (the sample forty times, officials introduced below their surnames included).
    #[test]
    fn two_threads_annotate_as_one_does() {
        let sample = include_str!("../../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");
        let text = [sample; 40].join("\n\n");
        assert!(text.len() > PIPELINE_MIN_BYTES);
        let ex = Extractor::new(Gazetteer::builtin());
        let run = |two_threads| {
            let source = SourceInfo::default();
            let doc = annotate_on(
                &ex.matcher,
                &ex.slots,
                ex.lexicon.get(),
                text.clone(),
                source,
                two_threads,
            );
            serde_json::to_string(&doc).expect("serialises")
        };
        let one = run(false);
        assert!(
            one.contains("\"statements\":[{"),
            "the sample has statements"
        );
        assert_eq!(run(true), one);
    }
}
