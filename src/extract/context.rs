//! What the paragraph rules read: the folded paragraph, its words and its mentions, with the
//! look-ups they share (the word before a mention, its preposition, mentions nearby).

use super::lexicon::Lexicon;
use super::matcher::NameKind;
use super::tokens::Paragraph;
use super::word_flags::WordInfo;
use super::Slot;
use crate::model::ActorKind;

/// How many titles or head nouns may stand between a preposition and the actor it governs.
const MAX_HEAD_WORDS: usize = 2;

/// A mention inside the current paragraph, in folded byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParaMention {
    pub start: usize,
    pub end: usize,
    pub actor: u32,
    pub kind: NameKind,
    pub prefix_len: usize,
    /// Index into the document's mentions.
    pub index: usize,
}

/// What the paragraph rules read: the folded paragraph, its words and its mentions.
pub struct ParaCtx<'a> {
    pub text: &'a str,
    pub para: &'a Paragraph,
    pub mentions: &'a [ParaMention],
    slots: &'a [Slot<'a>],
    pub lex: &'a Lexicon,
}

impl<'a> ParaCtx<'a> {
    pub(super) fn new(
        text: &'a str,
        para: &'a Paragraph,
        mentions: &'a [ParaMention],
        slots: &'a [Slot<'a>],
        lex: &'a Lexicon,
    ) -> Self {
        ParaCtx {
            text,
            para,
            mentions,
            slots,
            lex,
        }
    }

    /// What the lexicon says about token `i` (src/extract/word_flags.rs).
    pub fn info(&self, i: usize) -> WordInfo {
        self.para.words[i]
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

    /// Mentions that end at or before `pos` and start at or after `from`, nearest first.
    /// Mentions are sorted and never overlap, so this is a binary search, not a scan.
    pub fn mentions_back(
        &self,
        from: usize,
        pos: usize,
    ) -> impl Iterator<Item = &'a ParaMention> + use<'a> {
        let end = self.mentions.partition_point(|m| m.end <= pos);
        self.mentions[..end]
            .iter()
            .rev()
            .take_while(move |m| m.start >= from)
    }

    /// Mentions that lie wholly inside `[start, end)`, in text order.
    pub fn mentions_in(
        &self,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = &'a ParaMention> + use<'a> {
        let from = self.mentions.partition_point(|m| m.start < start);
        self.mentions[from..]
            .iter()
            .take_while(move |m| m.end <= end)
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
        // "مع الرئيس الأسد"، "مع نظام الرئيس بشار الأسد": a title or a head noun between the
        // preposition and the name.
        let mut pos = m.start - m.prefix_len;
        for _ in 0..=MAX_HEAD_WORDS {
            let prev = self.word_before(pos);
            if matches!(
                prev,
                "علي" | "الي" | "ضد" | "مع" | "ومع" | "تجاه" | "في" | "لدي" | "نحو"
            ) {
                return Some(prev);
            }
            let head = |w: &str| {
                self.lex.titles.contains(w)
                    || self.lex.group_heads.contains(w)
                    || matches!(w, "نظام" | "حكومه" | "الحكومه")
            };
            if prev.strip_prefix('ل').is_some_and(head) {
                return Some("ل");
            }
            if !head(prev) {
                return None;
            }
            pos = self.start_of_word_before(pos);
        }
        None
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

pub(super) fn top_slot(slots: &[Slot], actor: u32) -> u32 {
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
