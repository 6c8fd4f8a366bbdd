//! Full-text search over folded Arabic: the index holds each article's title and text folded
//! (no diacritics or tatweel, one alef, ya and ta marbuta; see [`crate::extract::fold`]); a query
//! is folded the same way and each word is widened to the forms it takes with the proclitics
//! و ف ب ل ك (and ال, when the query has it), so «العراق» finds «والعراق», «بالعراق» and «للعراق».

use crate::extract::fold::{fold, is_word_char, Folded};
use crate::model::Span;

/// The folded text that goes into the index for an article.
pub(crate) fn index_text(text: &str) -> String {
    fold(text)
}

/// One word or quoted phrase of a query, folded, with the forms it is searched under.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    /// Each alternative is a sequence of folded words (a phrase when longer than one).
    pub alternatives: Vec<Vec<String>>,
    /// Whether the last word matches as a prefix (`word*`).
    pub prefix: bool,
}

/// Parses a user query: words (all must occur), `"quoted phrases"`, and `word*` for a prefix.
/// Returns `None` when nothing searchable is left.
pub(crate) fn parse(query: &str) -> Option<Vec<Term>> {
    let mut terms = Vec::new();
    let mut rest = query;
    while !rest.trim().is_empty() {
        rest = rest.trim_start();
        let (raw, after) = if let Some(body) = rest.strip_prefix('"') {
            match body.find('"') {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        rest = after;
        let prefix = raw.trim_end().ends_with('*');
        let words: Vec<String> = fold(raw)
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            continue;
        }
        let alternatives = clitic_forms(&words[0])
            .into_iter()
            .map(|first| {
                let mut phrase = vec![first];
                phrase.extend(words[1..].iter().cloned());
                phrase
            })
            .collect();
        terms.push(Term {
            alternatives,
            prefix,
        });
    }
    (!terms.is_empty()).then_some(terms)
}

/// The forms a folded Arabic word takes with proclitics: the conjunctions و and ف, the
/// prepositions ب ل ك, and the article (ل + ال is written لل).
pub(crate) fn clitic_forms(word: &str) -> Vec<String> {
    if !word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return vec![word.to_string()];
    }
    let mut forms = vec![word.to_string()];
    let mut push = |f: String| {
        if !forms.contains(&f) {
            forms.push(f);
        }
    };
    match word.strip_prefix("ال").filter(|b| b.chars().count() >= 2) {
        Some(base) => {
            for pre in ["و", "ف"] {
                push(format!("{pre}{word}"));
                push(format!("{pre}ل{word}").replacen("لال", "لل", 1));
                push(format!("{pre}ب{word}"));
            }
            push(format!("لل{base}"));
            push(format!("ب{word}"));
            push(format!("ك{word}"));
        }
        None => {
            for conj in ["", "و", "ف"] {
                for prep in ["", "ب", "ل", "ك"] {
                    if !(conj.is_empty() && prep.is_empty()) {
                        push(format!("{conj}{prep}{word}"));
                    }
                }
            }
        }
    }
    forms
}

/// The FTS5 query for parsed terms: every term must match one of its forms.
pub(crate) fn fts_query(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let alts: Vec<String> = t
                .alternatives
                .iter()
                .map(|words| {
                    let phrase = words.join(" ").replace('"', "\"\"");
                    if t.prefix {
                        format!("\"{phrase}\" *")
                    } else {
                        format!("\"{phrase}\"")
                    }
                })
                .collect();
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Where the first term first occurs in `text` as whole words (or as a word start, for a prefix
/// term), as a character span of `text`.
pub(crate) fn first_hit(text: &str, terms: &[Term]) -> Option<Span> {
    let folded = Folded::new(text, 0);
    let hay = folded.text.as_str();
    let mut best: Option<(usize, usize)> = None;
    for term in terms.iter().take(1) {
        for words in &term.alternatives {
            let needle = words.join(" ");
            for (i, _) in hay.match_indices(&needle) {
                let end = i + needle.len();
                let starts_word = hay[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word_char(c));
                let ends_word =
                    term.prefix || hay[end..].chars().next().is_none_or(|c| !is_word_char(c));
                if starts_word && ends_word {
                    if best.is_none_or(|(b, _)| i < b) {
                        best = Some((i, end));
                    }
                    break;
                }
            }
        }
    }
    best.map(|(s, e)| Span::new(folded.orig(s), folded.orig(e)))
}

/// About `radius` characters of `text` on each side of `hit`, cut at spaces, with `…` where cut.
pub(crate) fn snippet(text: &str, hit: Span, radius: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut start = hit.start.saturating_sub(radius);
    let mut end = (hit.end + radius).min(chars.len());
    while start > 0 && start < hit.start && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    while end < chars.len() && end > hit.end && !chars[end].is_whitespace() {
        end -= 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    for &c in &chars[start..end] {
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_with_proclitics() {
        let forms = clitic_forms("العراق");
        for f in [
            "العراق",
            "والعراق",
            "بالعراق",
            "للعراق",
            "وللعراق",
            "فبالعراق",
        ] {
            assert!(forms.contains(&f.to_string()), "{f} missing from {forms:?}");
        }
        let forms = clitic_forms("بغداد");
        for f in ["بغداد", "وبغداد", "لبغداد", "وببغداد"] {
            assert!(forms.contains(&f.to_string()), "{f} missing");
        }
        assert_eq!(clitic_forms("reuters"), ["reuters"]);
    }

    #[test]
    fn queries_fold_and_quote() {
        let terms = parse("الإسرائيليّة \"مجلس الأمن\" عراق*").unwrap();
        assert_eq!(terms.len(), 3);
        assert_eq!(terms[0].alternatives[0], ["الاسرائيليه"]);
        assert_eq!(terms[1].alternatives[0], ["مجلس", "الامن"]);
        assert!(terms[2].prefix);
        let q = fts_query(&terms[1..2]);
        assert!(q.starts_with("(\"مجلس الامن\" OR "), "{q}");
        assert!(q.contains(" OR \"ومجلس الامن\" OR "), "{q}");
        assert!(parse("  ، ").is_none());
        assert!(fts_query(&parse("\"a\"\"b\"").unwrap()).contains("\"a\""));
    }

    #[test]
    fn hits_map_back_to_the_original_text() {
        let text = "قال الوزير إنّ وزارةَ الخارجيّة والعراقِ اتفقا.";
        let terms = parse("العراق").unwrap();
        let hit = first_hit(text, &terms).unwrap();
        let surface: String = text.chars().skip(hit.start).take(hit.len()).collect();
        assert_eq!(surface, "والعراقِ");
        let s = snippet(text, hit, 10);
        assert!(s.contains("والعراقِ"), "{s}");
        assert!(s.starts_with('…'), "{s}");
        // A word that only contains the query is not a hit.
        assert!(first_hit("العراقيون", &terms).is_none());
    }
}
