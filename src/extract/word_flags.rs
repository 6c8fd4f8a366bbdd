//! What the lexicon says about a word, found with one hash probe.
//!
//! The rules ask of almost every word whether it is a reporting cue, an event trigger, a title or
//! a given name, each through its own table and often again after stripping a proclitic (وقال،
//! والغارات). [`WordTable`] answers all of these at once: it is built from every form those
//! look-ups can succeed on (each listed word with the proclitics they strip in front of it), and
//! each answer is computed by the lexicon's own look-up, so a word's entry says exactly what the
//! separate look-ups would. A word missing from the table is one no look-up knows.
//! [`super::tokens::Paragraph`] keeps each word's answer, so a paragraph's words are looked up
//! once, however many rules read them.

use super::lexicon::{Cue, Lexicon};
use super::statements::{word_kinds, PRONOUN_SUFFIXES};
use crate::model::RelationType;
use rustc_hash::FxHashMap as HashMap;

/// The word is in `titles`, or it is و and a word in `titles` (ووزير).
pub const TITLE_OR_AFTER_WA: u8 = 1;
/// The word, without a leading و if it has one, is in `titles`.
pub const TITLE_WA_STRIPPED: u8 = 1 << 1;
/// The word is a given name, one that folds to look as if it had the article included.
pub const GIVEN_NAME: u8 = 1 << 2;
/// The word, without a leading و, is in `attribution_words` (بحسب، وفق).
pub const ATTRIBUTION: u8 = 1 << 3;

/// The word is in `complementisers` (أن، إن).
pub const COMPLEMENTISER: u8 = 1 << 4;
/// The word is in `source_words` (مصادر، مصدر).
pub const SOURCE_WORD: u8 = 1 << 5;
/// The word is in `addressee_preps`.
pub const ADDRESSEE_PREP: u8 = 1 << 6;

/// The word is a demonstrative (هذه، ذلك): "هذه الهجمات" points back to an event already told.
pub const DEMONSTRATIVE: u8 = 1 << 7;

/// The demonstratives, folded.
pub const DEMONSTRATIVES: &[&str] = &["هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين"];

/// The lexicon's answers for one folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// [`Lexicon::cue`] of the word.
    pub cue: Option<Cue>,
    /// [`Lexicon::event_trigger`] of the word.
    pub trigger: Option<RelationType>,
    /// The bits above.
    pub flags: u8,
}

impl WordInfo {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Every form a cue, trigger, title, given name or attribution word can take, and its answers.
#[derive(Debug, Default)]
pub struct WordTable {
    words: HashMap<Box<str>, WordInfo>,
    filter: WordFilter,
    /// The speech acts of content words (as `statements::word_kinds` finds them, a pronoun
    /// suffix looked through), for every form that shows one.
    content: HashMap<Box<str>, u16>,
    content_filter: WordFilter,
}

/// A quick "certainly not" for word look-ups: most words of an article are in no table, and a
/// bit test tells most of them apart without hashing and comparing the whole word. A bit is set
/// for each word added (from its length and its first and last eight bytes: an Arabic word's
/// first and last four letters, so the article ال that starts so many words does not blur them);
/// a clear bit means absent.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Box<[u64]>,
    /// 64 less the log2 of the number of bits.
    shift: u32,
}

impl Default for WordFilter {
    /// A filter for a few thousand words (8 KiB).
    fn default() -> Self {
        WordFilter::with_bits(16)
    }
}

impl WordFilter {
    /// A filter of 2^`log2` bits: about ten for each word it will hold keeps it sharp.
    pub fn with_bits(log2: u32) -> Self {
        let log2 = log2.clamp(6, 24);
        WordFilter {
            bits: vec![0; 1 << (log2 - 6)].into_boxed_slice(),
            shift: 64 - log2,
        }
    }

    #[inline]
    fn slot(&self, word: &str) -> usize {
        let b = word.as_bytes();
        // Fixed-size loads, not a copy of a variable length (a call to memcpy).
        let load = |s: &[u8]| <[u8; 8]>::try_from(s).map_or(0, u64::from_le_bytes);
        let (head, tail) = match b.len() {
            8.. => (load(&b[..8]), load(&b[b.len() - 8..])),
            _ => (b.iter().rev().fold(0, |v, &x| v << 8 | u64::from(x)), 0),
        };
        let key = head ^ tail.rotate_left(29) ^ (b.len() as u64);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// log2 of the number of bits.
    fn shift_log2(&self) -> u32 {
        64 - self.shift
    }

    pub fn add(&mut self, word: &str) {
        let slot = self.slot(word);
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    /// False only for a word never added.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = self.slot(word);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A set of folded words for the lexicon's lists, answering "is this word in it" for the words
/// of an article. Almost every probe misses (the rules ask of most words whether they are a
/// title, a negation, a place word …), so a [`WordFilter`] of about 16 bits per word turns most
/// misses away before the word is hashed and compared.
#[derive(Debug, Clone)]
pub struct WordSet {
    words: rustc_hash::FxHashSet<String>,
    filter: WordFilter,
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet {
            words: Default::default(),
            filter: WordFilter::with_bits(Self::MIN_BITS),
        }
    }
}

impl WordSet {
    /// log2 of the smallest filter: 64 bytes.
    const MIN_BITS: u32 = 9;

    #[inline(always)]
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, word: &Q) -> bool {
        let word = word.as_ref();
        self.filter.may_contain(word) && self.holds(word)
    }

    /// The look-up behind the filter, out of line so that `contains` inlines small.
    #[inline(never)]
    fn holds(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn insert(&mut self, word: String) -> bool {
        let log2 = self.filter.shift_log2();
        if (self.words.len() + 1) * 16 > 1 << log2 {
            // Too full to stay sharp: a filter twice the size, refilled.
            self.filter = WordFilter::with_bits(log2 + 1);
            for w in &self.words {
                self.filter.add(w);
            }
        }
        self.filter.add(&word);
        self.words.insert(word)
    }

    pub fn iter(&self) -> std::collections::hash_set::Iter<'_, String> {
        self.words.iter()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::collections::hash_set::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

/// The proclitics [`Lexicon::event_trigger`] looks through, up to two of them.
const TRIGGER_PROCLITICS: [&str; 4] = ["و", "ف", "ب", "ل"];

impl WordTable {
    /// The table for a lexicon whose lists are complete.
    pub fn build(lex: &Lexicon) -> WordTable {
        let mut forms: Vec<String> = Vec::new();
        for cue in lex.cues.keys() {
            forms.extend([cue.clone(), format!("و{cue}"), format!("ف{cue}")]);
        }
        for trigger in lex.triggers.keys() {
            forms.push(trigger.clone());
            for p in TRIGGER_PROCLITICS {
                forms.push(format!("{p}{trigger}"));
                for q in TRIGGER_PROCLITICS {
                    forms.push(format!("{p}{q}{trigger}"));
                }
            }
        }
        for w in lex.titles.iter().chain(&lex.attribution_words) {
            forms.extend([w.clone(), format!("و{w}")]);
        }
        for list in [
            &lex.given_names,
            &lex.article_given_names,
            &lex.complementisers,
            &lex.source_words,
            &lex.addressee_preps,
        ] {
            forms.extend(list.iter().cloned());
        }
        forms.extend(DEMONSTRATIVES.iter().map(|w| w.to_string()));
        let mut filter = WordFilter::default();
        let words = forms
            .into_iter()
            .map(|w| {
                filter.add(&w);
                let info = Self::answer(lex, &w);
                (w.into_boxed_str(), info)
            })
            .collect();
        let mut content_forms: Vec<String> = Vec::new();
        for c in lex.content_types.keys() {
            content_forms.push(c.clone());
            let taa = c.strip_suffix('ه');
            for suffix in PRONOUN_SUFFIXES {
                content_forms.push(format!("{c}{suffix}"));
                content_forms.extend(taa.map(|s| format!("{s}ت{suffix}")));
            }
        }
        let mut content_filter = WordFilter::default();
        let content = content_forms
            .into_iter()
            .filter_map(|w| {
                let kinds = word_kinds(lex, &w);
                content_filter.add(&w);
                (kinds != 0).then(|| (w.into_boxed_str(), kinds))
            })
            .collect();
        WordTable {
            words,
            filter,
            content,
            content_filter,
        }
    }

    /// The lexicon's own answers for `w`, one look-up at a time.
    fn answer(lex: &Lexicon, w: &str) -> WordInfo {
        let after_wa = w.strip_prefix('و');
        let mut flags = 0;
        if lex.titles.contains(w) || after_wa.is_some_and(|b| lex.titles.contains(b)) {
            flags |= TITLE_OR_AFTER_WA;
        }
        if lex.titles.contains(after_wa.unwrap_or(w)) {
            flags |= TITLE_WA_STRIPPED;
        }
        if lex.given_names.contains(w) || lex.article_given_names.contains(w) {
            flags |= GIVEN_NAME;
        }
        if lex.attribution_words.contains(after_wa.unwrap_or(w)) {
            flags |= ATTRIBUTION;
        }
        for (list, flag) in [
            (&lex.complementisers, COMPLEMENTISER),
            (&lex.source_words, SOURCE_WORD),
            (&lex.addressee_preps, ADDRESSEE_PREP),
        ] {
            if list.contains(w) {
                flags |= flag;
            }
        }
        if DEMONSTRATIVES.contains(&w) {
            flags |= DEMONSTRATIVE;
        }
        WordInfo {
            cue: lex.cue(w),
            trigger: lex.event_trigger(w),
            flags,
        }
    }

    /// The speech acts a content word shows, as `statements::word_kinds` finds them.
    pub fn content_kinds(&self, word: &str) -> u16 {
        if !self.content_filter.may_contain(word) {
            return 0;
        }
        self.content.get(word).copied().unwrap_or(0)
    }

    /// What the lexicon says about a folded word.
    pub fn get(&self, word: &str) -> WordInfo {
        if !self.filter.may_contain(word) {
            return WordInfo::default();
        }
        self.words.get(word).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_probe_answers_as_the_separate_look_ups_do() {
        let lex = Lexicon::builtin();
        let table = WordTable::build(lex);
        let text = include_str!("../../assets/samples/israel-iraq-unsc-2024-11-19.txt");
        let folded = super::super::fold::fold(text);
        let mut words: Vec<&str> = folded
            .split(|c: char| !super::super::fold::is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        words.extend([
            "واكد",
            "فقال",
            "والغارات",
            "وبالهجمات",
            "وزير",
            "ووزير",
            "وبحسب",
        ]);
        // Content words with pronoun suffixes, and a ta marbuta written ت before one.
        let content: Vec<String> = lex
            .content_types
            .keys()
            .flat_map(|c| {
                let taa = c.strip_suffix('ه').map(|s| format!("{s}تها"));
                [format!("{c}ها"), format!("{c}هم"), c.clone()]
                    .into_iter()
                    .chain(taa)
            })
            .collect();
        words.extend(content.iter().map(String::as_str));
        let mut known = 0;
        for w in words {
            let info = table.get(w);
            assert_eq!(info, WordTable::answer(lex, w), "{w}");
            assert_eq!(table.content_kinds(w), word_kinds(lex, w), "{w}");
            known += usize::from(info != WordInfo::default());
        }
        assert!(
            known > 20,
            "the sample's cues, titles and triggers are known: {known}"
        );
    }
}
