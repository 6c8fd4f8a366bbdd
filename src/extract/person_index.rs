//! The persons found in a document so far, matched word by word.
//!
//! Names are added as the text introduces them, so the index grows while a document is read.
//! Looking a word up is a hash probe per proclitic split, and adding a name costs its length: no
//! automaton is rebuilt, so a long document of many articles stays linear.

use super::matcher::{is_proclitic, lam_prefix_ok, plain_prefix_ok, Hit, NameKind};
use super::tokens::Paragraph;
use super::word_flags::WordFilter;
use rustc_hash::FxHashMap as HashMap;

/// One known name: the words after the first, and the person it names.
#[derive(Debug, Clone)]
struct Pattern {
    rest: Box<[Box<str>]>,
    slot: u32,
    kind: NameKind,
    /// The first word is `الX` written after ل with its alef dropped (للعبيدي).
    lam_contracted: bool,
}

/// Person names by their first folded word.
#[derive(Debug)]
pub struct PersonIndex {
    by_first: HashMap<Box<str>, Vec<Pattern>>,
    /// Which words may be first words, to skip most probes of `by_first`.
    first_words: WordFilter,
    /// How many patterns were added: a search is only out of date once this grows.
    names: usize,
}

impl Default for PersonIndex {
    /// An empty index; its filter suits the few hundred names of a long document (512 bytes, so
    /// a batch of short articles does not clear much memory for each).
    fn default() -> Self {
        PersonIndex {
            by_first: HashMap::default(),
            first_words: WordFilter::with_bits(12),
            names: 0,
        }
    }
}

impl PersonIndex {
    /// Adds a name given as its folded words.
    pub fn add(&mut self, words: &[&str], slot: u32, kind: NameKind) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let rest: Box<[Box<str>]> = rest.iter().map(|w| Box::from(*w)).collect();
        if let Some(bare) = first.strip_prefix("ال").filter(|b| b.chars().count() >= 2) {
            self.push(&format!("ل{bare}"), rest.clone(), slot, kind, true);
        }
        self.push(first, rest, slot, kind, false);
    }

    fn push(&mut self, first: &str, rest: Box<[Box<str>]>, slot: u32, kind: NameKind, lam: bool) {
        self.first_words.add(first);
        let patterns = self.by_first.entry(first.into()).or_default();
        if patterns
            .iter()
            .any(|p| p.rest == rest && p.lam_contracted == lam)
        {
            return;
        }
        patterns.push(Pattern {
            rest,
            slot,
            kind,
            lam_contracted: lam,
        });
        self.names += 1;
    }

    /// How many name patterns the index holds; a paragraph's hits stay valid while it is unchanged.
    pub fn names(&self) -> usize {
        self.names
    }

    /// All known names in a folded paragraph, leftmost-longest, appended to `out` (cleared first).
    pub fn find(&self, text: &str, para: &Paragraph, out: &mut Vec<Hit>) {
        out.clear();
        if self.by_first.is_empty() {
            return;
        }
        let tokens = &para.tokens;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let word = &text[t.start..t.end];
            // "سلمان بن عبد العزيز": a name after بن is the father's, part of another name.
            if i > 0 && is_lineage(&text[tokens[i - 1].start..tokens[i - 1].end]) {
                i += 1;
                continue;
            }
            let mut best: Option<(Hit, usize)> = None;
            for split in proclitic_splits(word) {
                let (prefix, stem) = word.split_at(split);
                if !self.first_words.may_contain(stem) {
                    continue;
                }
                let Some(patterns) = self.by_first.get(stem) else {
                    continue;
                };
                for p in patterns {
                    let prefix_ok = if p.lam_contracted {
                        lam_prefix_ok(prefix)
                    } else {
                        plain_prefix_ok(prefix)
                    };
                    if !prefix_ok {
                        continue;
                    }
                    let Some(last) = rest_matches(text, para, i, &p.rest) else {
                        continue;
                    };
                    let end = tokens[last].end;
                    if best.is_none_or(|(b, _)| end > b.end) {
                        let hit = Hit {
                            start: t.start + split,
                            end,
                            actor: p.slot,
                            kind: p.kind,
                            prefix_len: split,
                        };
                        best = Some((hit, last));
                    }
                }
            }
            match best {
                Some((hit, last)) => {
                    out.push(hit);
                    i = last + 1;
                }
                None => i += 1,
            }
        }
    }
}

/// A particle that names a father or a family: بن، ابن، بنت.
pub(crate) fn is_lineage(word: &str) -> bool {
    matches!(word, "بن" | "ابن" | "بنت")
}

/// Where the stem may start in `word`: after no proclitic, one, or two (وب، فل ...).
fn proclitic_splits(word: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = word.char_indices();
    let first = chars.next().filter(|&(_, c)| is_proclitic(c));
    let second = first
        .and_then(|_| chars.next())
        .filter(|&(_, c)| is_proclitic(c));
    std::iter::once(0)
        .chain(first.map(|(_, c)| c.len_utf8()))
        .chain(second.map(|(i, c)| i + c.len_utf8()))
        .filter(move |&at| at < word.len())
}

/// The index of the last token if the words after token `i` are `rest`, each one space apart.
fn rest_matches(text: &str, para: &Paragraph, i: usize, rest: &[Box<str>]) -> Option<usize> {
    let tokens = &para.tokens;
    let mut last = i;
    for w in rest {
        let next = tokens.get(last + 1)?;
        if &text[tokens[last].end..next.start] != " " || text[next.start..next.end] != **w {
            return None;
        }
        last += 1;
    }
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::fold::fold;

    fn find(index: &PersonIndex, text: &str) -> Vec<(String, u32, usize)> {
        let folded = fold(text);
        let para = Paragraph::new(&folded);
        let mut out = Vec::new();
        index.find(&folded, &para, &mut out);
        out.iter()
            .map(|h| (folded[h.start..h.end].to_string(), h.actor, h.prefix_len))
            .collect()
    }

    #[test]
    fn names_with_proclitics_and_the_lam_contraction() {
        let mut index = PersonIndex::default();
        index.add(&["خالد", "العبيدي"], 1, NameKind::Name);
        index.add(&["العبيدي"], 1, NameKind::AfterFirst);
        index.add(&["جدعون", "ساعر"], 2, NameKind::Name);
        let found = find(
            &index,
            "قال خالد العبيدي وأكد للعبيدي ولجدعون ساعر، ثم جدعون، ساعر",
        );
        assert_eq!(
            found,
            vec![
                ("خالد العبيدي".into(), 1, 0),
                ("لعبيدي".into(), 1, 2),
                ("جدعون ساعر".into(), 2, 4),
            ]
        );
    }

    #[test]
    fn a_word_inside_another_is_no_name() {
        let mut index = PersonIndex::default();
        index.add(&["ساعر"], 2, NameKind::AfterFirst);
        assert!(find(&index, "الساعرون وساعرة").is_empty());
        assert_eq!(find(&index, "وساعر").len(), 1);
    }
}
