//! Clitic-aware, leftmost-longest matching of actor names over folded Arabic text.
//!
//! Every name is folded and compiled into one Aho-Corasick automaton. All overlapping hits are
//! collected, those that do not sit on word boundaries (allowing the proclitics و ف ب ل ك and the
//! ل+ال contraction in front) are dropped, and the rest are chosen leftmost-longest.

use super::fold::{fold, is_word_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

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
    ac: Option<AhoCorasick>,
    infos: Vec<PatternInfo>,
}

/// Collects names before compiling them.
#[derive(Default, Clone)]
pub struct MatcherBuilder {
    patterns: Vec<String>,
    infos: Vec<PatternInfo>,
}

const ARTICLE: &str = "ال";

impl MatcherBuilder {
    /// Adds one name; with the article it also adds the ل+ال contracted form.
    pub fn add(&mut self, surface: &str, actor: u32, kind: NameKind) {
        let folded = fold(surface);
        if folded.chars().count() < 2 {
            return;
        }
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
        });
    }

    pub fn build(self) -> Matcher {
        let ac = if self.patterns.is_empty() {
            None
        } else {
            // A DFA costs a few milliseconds to build and is the fastest to search.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.patterns)
                .ok()
        };
        Matcher {
            ac,
            infos: self.infos,
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
        out.clear();
        let Some(ac) = &self.ac else { return };
        for m in ac.find_overlapping_iter(text) {
            let info = self.infos[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if text[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
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
            if ok {
                out.push(Hit {
                    start,
                    end,
                    actor: info.actor,
                    kind: info.kind,
                    prefix_len: prefix.len(),
                });
            }
        }
        select_leftmost_longest(out);
        out.retain(|h| h.kind != NameKind::Stop);
    }
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
    fn no_match_inside_other_words() {
        assert!(surfaces("المليشياتية كالعراقيةِي اسرائيلي").is_empty());
    }
}
