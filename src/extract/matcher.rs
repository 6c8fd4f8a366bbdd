//! Clitic-aware, leftmost-longest matching of actor names over folded Arabic text.
//!
//! A name sits on word boundaries: it ends where a word ends and starts where one starts, or after
//! the proclitics و ف ب ل ك (and the ل+ال contraction). So every name is filed under its first word,
//! and each word of the text, with zero, one or two proclitics split off, is one hash probe: no
//! automaton to build at start-up and no state table to walk byte by byte. All hits on those
//! boundaries are collected and chosen leftmost-longest.

use super::fold::{fold, is_word_char};
use super::tokens::Paragraph;
use super::word_flags::WordFilter;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap as HashMap;

/// How a pattern names its actor; context rules differ per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A proper name or epithet.
    Name,
    /// A nisba adjective (العراقية); not counted for peoples or the nationality of an outlet.
    Nisba,
    /// A capital city; counted only where it stands for the government.
    Capital,
    /// A short form that needs an earlier full mention.
    AfterFirst,
    /// A phrase that contains a name but names something else; it only hides what it covers.
    Stop,
}

impl NameKind {
    /// Which kind wins when two patterns cover the same span: a name over its own nisba form
    /// (سوريا is both), anything over a stop phrase of the same length.
    fn rank(self) -> u8 {
        match self {
            NameKind::Name => 0,
            NameKind::AfterFirst => 1,
            NameKind::Capital => 2,
            NameKind::Nisba => 3,
            NameKind::Stop => 4,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    actor: u32,
    kind: NameKind,
    /// The pattern is `الX` with its alef dropped after a proclitic ل (للمليشيات).
    lam_contracted: bool,
    /// Bytes of a head noun and its space that the name is matched with but the mention leaves
    /// out ("قوات التحالف" is a mention of التحالف).
    head: u8,
}

/// A name found in folded text: byte range in the folded piece and the actor slot it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub actor: u32,
    pub kind: NameKind,
    /// The proclitic letters in front of the name, if any (ب، ل، و ...), in folded bytes.
    pub prefix_len: usize,
}

/// A compiled set of names.
pub struct Matcher {
    patterns: Vec<String>,
    infos: Vec<PatternInfo>,
    /// Pattern ids by the pattern's first word (its leading run of word characters), ascending.
    by_first_word: HashMap<Box<str>, Vec<u32>>,
    /// Which words may be first words, to skip most probes of `by_first_word`.
    first_words: WordFilter,
    /// The rare patterns that start with no word character (a user's «…»), and their ids.
    unworded: Option<(AhoCorasick, Vec<u32>)>,
}

/// Collects names before compiling them.
#[derive(Default, Clone)]
pub struct MatcherBuilder {
    patterns: Vec<String>,
    infos: Vec<PatternInfo>,
    /// The head length of the names being added (see [`MatcherBuilder::add_after_head`]).
    head: u8,
}

const ARTICLE: &str = "ال";

/// Compound names are written joined and apart (عبدالعزيز، عبد العزيز; عبدربه، عبد ربه): the
/// other spelling of a name that has one, with every compound switched.
fn other_compound_spelling(folded: &str) -> Option<String> {
    const HEAD: &str = "عبد";
    let mut changed = false;
    let mut out: Vec<String> = Vec::new();
    let mut words = folded.split(' ').peekable();
    while let Some(w) = words.next() {
        if w == HEAD {
            if let Some(next) = words.next_if(|n| n.chars().count() >= 3) {
                out.push(format!("{HEAD}{next}"));
                changed = true;
                continue;
            }
        } else if let Some(rest) = w.strip_prefix(HEAD).filter(|r| r.chars().count() >= 3) {
            out.push(format!("{HEAD} {rest}"));
            changed = true;
            continue;
        }
        out.push(w.to_string());
    }
    changed.then(|| out.join(" "))
}

impl MatcherBuilder {
    /// Adds one name; with the article it also adds the ل+ال contracted form.
    pub fn add(&mut self, surface: &str, actor: u32, kind: NameKind) {
        self.add_after_head(surface, 0, actor, kind);
    }

    /// Adds a name whose first `head` bytes (folded: a head noun and its space, as in "قوات
    /// التحالف") are matched but left out of the mention.
    pub fn add_after_head(&mut self, surface: &str, head: usize, actor: u32, kind: NameKind) {
        let folded = fold(surface);
        if folded.chars().count() < 2 {
            return;
        }
        self.head = u8::try_from(head).unwrap_or(0);
        if let Some(other) = other_compound_spelling(&folded) {
            self.add_folded(other, actor, kind);
        }
        self.add_folded(folded, actor, kind);
        self.head = 0;
    }

    fn add_folded(&mut self, folded: String, actor: u32, kind: NameKind) {
        if let Some(rest) = folded.strip_prefix(ARTICLE) {
            if rest.chars().count() >= 2 {
                self.push(format!("ل{rest}"), actor, kind, true);
            }
        }
        self.push(folded, actor, kind, false);
    }

    /// Adds the forms of a nisba adjective given in its masculine singular (عراقي).
    pub fn add_nisba(&mut self, stem: &str, actor: u32) {
        // Only a written article is stripped: ألماني folds to الماني but has none.
        let stem = stem.trim();
        let stem = fold(stem.strip_prefix(ARTICLE).unwrap_or(stem));
        let Some(base) = stem.strip_suffix('ي') else {
            self.add(&stem, actor, NameKind::Nisba);
            return;
        };
        for ending in ["ي", "يه", "يين", "يون", "يان", "يا", "يتين", "يتان", "يات"]
        {
            let form = format!("{base}{ending}");
            self.add(&form, actor, NameKind::Nisba);
            self.add(&format!("{ARTICLE}{form}"), actor, NameKind::Nisba);
        }
    }

    fn push(&mut self, pattern: String, actor: u32, kind: NameKind, lam_contracted: bool) {
        self.patterns.push(pattern);
        self.infos.push(PatternInfo {
            actor,
            kind,
            lam_contracted,
            head: self.head,
        });
    }

    pub fn build(self) -> Matcher {
        let mut by_first_word: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        // Tens of thousands of names and their forms: a filter of 128 KiB.
        let mut first_words = WordFilter::with_bits(20);
        let mut unworded = Vec::new();
        for (id, p) in self.patterns.iter().enumerate() {
            let first_word = p.split(|c| !is_word_char(c)).next().unwrap_or("");
            if first_word.is_empty() {
                unworded.push(id as u32);
            } else {
                first_words.add(first_word);
                by_first_word
                    .entry(first_word.into())
                    .or_default()
                    .push(id as u32);
            }
        }
        let unworded = if unworded.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(unworded.iter().map(|&id| &self.patterns[id as usize]))
                .ok()
                .map(|ac| (ac, unworded))
        };
        Matcher {
            patterns: self.patterns,
            infos: self.infos,
            by_first_word,
            first_words,
            unworded,
        }
    }
}

/// Proclitic sequences allowed in front of a name.
pub(crate) fn plain_prefix_ok(prefix: &str) -> bool {
    matches!(
        prefix,
        "" | "و" | "ف" | "ب" | "ل" | "ك" | "وب" | "ول" | "وك" | "فب" | "فل" | "فك"
    )
}

/// Proclitics allowed in front of a ل+ال contracted name: the ل itself, maybe after و or ف.
pub(crate) fn lam_prefix_ok(prefix: &str) -> bool {
    matches!(prefix, "ل" | "ول" | "فل")
}

impl Matcher {
    /// All names in `text` (folded), chosen leftmost-longest, in text order. Hits are appended to
    /// `out` (cleared first) so callers can reuse the buffer.
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        let mut words = Vec::new();
        let mut word_start = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                words.push((start, i));
            }
        }
        if let Some(start) = word_start {
            words.push((start, text.len()));
        }
        self.find_in_words(text, words.into_iter(), out);
    }

    /// Like [`Matcher::find`] on a paragraph already split into words, so the text is not
    /// scanned for word boundaries a second time.
    pub fn find_in_paragraph(&self, text: &str, para: &Paragraph, out: &mut Vec<Hit>) {
        let words = para.tokens.iter().map(|t| (t.start, t.end));
        self.find_in_words(text, words, out);
    }

    /// `words` are the maximal runs of word characters of `text`, in order.
    fn find_in_words(
        &self,
        text: &str,
        words: impl Iterator<Item = (usize, usize)>,
        out: &mut Vec<Hit>,
    ) {
        out.clear();
        for (start, end) in words {
            self.find_at_word(text, start, end, out);
        }
        if let Some((ac, ids)) = &self.unworded {
            for m in ac.find_overlapping_iter(text) {
                self.push_if_bounded(text, m.start(), ids[m.pattern().as_usize()], out);
            }
        }
        select_leftmost_longest(out);
        out.retain(|h| h.kind != NameKind::Stop);
    }

    /// The names that start in the word `text[start..end]`, after zero, one or two proclitics.
    /// Equal spans come out in pattern order, as the tie-break of [`select_leftmost_longest`]
    /// expects.
    fn find_at_word(&self, text: &str, start: usize, end: usize, out: &mut Vec<Hit>) {
        let word = &text[start..end];
        let mut split = 0;
        for c in word.chars().take(3) {
            let rest = &word[split..];
            if let Some(ids) = self
                .first_words
                .may_contain(rest)
                .then(|| self.by_first_word.get(rest))
                .flatten()
            {
                for &id in ids {
                    self.push_if_bounded(text, start + split, id, out);
                }
            }
            if !is_proclitic(c) {
                return;
            }
            split += c.len_utf8();
        }
    }

    /// Pushes pattern `id` if it occurs at `start` and sits on word boundaries there.
    fn push_if_bounded(&self, text: &str, start: usize, id: u32, out: &mut Vec<Hit>) {
        let pattern = &self.patterns[id as usize];
        if !text[start..].starts_with(pattern.as_str()) {
            return;
        }
        let end = start + pattern.len();
        if text[end..].chars().next().is_some_and(is_word_char) {
            return;
        }
        let info = self.infos[id as usize];
        let word_start = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(start, |(i, _)| i);
        let prefix = &text[word_start..start];
        let ok = if info.lam_contracted {
            lam_prefix_ok(prefix)
        } else {
            plain_prefix_ok(prefix)
        };
        if ok && info.head > 0 {
            // The head noun carries the proclitics; the mention starts after it.
            out.push(Hit {
                start: start + usize::from(info.head),
                end,
                actor: info.actor,
                kind: info.kind,
                prefix_len: 0,
            });
        } else if ok {
            out.push(Hit {
                start,
                end,
                actor: info.actor,
                kind: info.kind,
                prefix_len: prefix.len(),
            });
        }
    }
}

/// A letter that can be a proclitic in front of a name.
pub(crate) fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// Keeps, from left to right, the longest hit at each start that does not overlap one kept
/// before it; equal spans go to the better kind.
pub fn select_leftmost_longest(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.rank().cmp(&b.kind.rank()))
    });
    let mut last_end = 0;
    hits.retain(|h| {
        if h.start < last_end {
            return false;
        }
        last_end = h.end;
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        let mut b = MatcherBuilder::default();
        b.add("العراق", 0, NameKind::Name);
        b.add_nisba("عراقي", 0);
        b.add("المليشيات", 1, NameKind::Name);
        b.add("المقاومة الإسلامية في العراق", 2, NameKind::Name);
        b.add("إسرائيل", 3, NameKind::Name);
        b.add("مجلس الأمن", 4, NameKind::Name);
        b.add("مجلس الأمن القومي", u32::MAX, NameKind::Stop);
        b.add_nisba("ألماني", 5);
        b.build()
    }

    fn surfaces(text: &str) -> Vec<(String, u32)> {
        let folded = fold(text);
        let mut hits = Vec::new();
        matcher().find(&folded, &mut hits);
        hits.iter()
            .map(|h| (folded[h.start..h.end].to_string(), h.actor))
            .collect()
    }

    #[test]
    fn proclitics_stay_outside_and_longest_wins() {
        assert_eq!(
            surfaces("وبالعراق قالت المقاومة الإسلامية في العراق لإسرائيل"),
            vec![
                ("العراق".into(), 0),
                ("المقاومه الاسلاميه في العراق".into(), 2),
                ("اسرائيل".into(), 3)
            ]
        );
    }

    #[test]
    fn lam_contraction_and_nisba_forms() {
        assert_eq!(
            surfaces("للمليشيات والحكومة العراقية وعراقيون"),
            vec![
                ("لمليشيات".into(), 1),
                ("العراقيه".into(), 0),
                ("عراقيون".into(), 0)
            ]
        );
    }

    #[test]
    fn stop_phrases_hide_names_and_nisbas_keep_their_alef() {
        assert_eq!(
            surfaces("اجتماع مجلس الأمن القومي ثم مجلس الأمن والحكومة الألمانية"),
            vec![("مجلس الامن".into(), 4), ("الالمانيه".into(), 5)]
        );
    }

    #[test]
    fn a_name_that_starts_with_a_mark_is_found_too() {
        let mut b = MatcherBuilder::default();
        b.add("«الحياة»", 7, NameKind::Name);
        b.add("الحياة", 8, NameKind::Name);
        let folded = fold("قالت «الحياة» ول«الحياة» والحياة");
        let mut hits = Vec::new();
        b.build().find(&folded, &mut hits);
        let found: Vec<(&str, u32, usize)> = hits
            .iter()
            .map(|h| (&folded[h.start..h.end], h.actor, h.prefix_len))
            .collect();
        assert_eq!(
            found,
            vec![("«الحياه»", 7, 0), ("«الحياه»", 7, 4), ("الحياه", 8, 2)]
        );
    }

    #[test]
    fn no_match_inside_other_words() {
        assert!(surfaces("المليشياتية كالعراقيةِي اسرائيلي").is_empty());
    }

    #[test]
    fn compound_names_match_joined_and_apart() {
        let mut b = MatcherBuilder::default();
        b.add("سلمان بن عبدالعزيز", 0, NameKind::Name);
        b.add("عبد ربه منصور هادي", 1, NameKind::Name);
        b.add("عبده", 2, NameKind::Name);
        let m = b.build();
        let found = |text: &str| {
            let folded = fold(text);
            let mut hits = Vec::new();
            m.find(&folded, &mut hits);
            hits.iter()
                .map(|h| (folded[h.start..h.end].to_string(), h.actor))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("الملك سلمان بن عبد العزيز"),
            [("سلمان بن عبد العزيز".to_string(), 0)]
        );
        assert_eq!(
            found("الرئيس عبدربه منصور هادي"),
            [("عبدربه منصور هادي".to_string(), 1)]
        );
        assert_eq!(found("قال عبد ه"), []);
    }
}
