//! Officials that no list knows, found from how articles introduce them: a title, maybe an office,
//! a nisba or a state, then a name ("وزير الخارجية الإسرائيلي جدعون ساعر"، "القيادي سعد المطلبي في
//! ائتلاف دولة القانون").

use super::{ParaCtx, ParaMention};
use crate::model::ActorKind;

/// A person introduced by a title in this paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPerson {
    /// Folded byte range of the name.
    pub start: usize,
    pub end: usize,
    /// Folded byte range of each name word.
    pub words: Vec<(usize, usize)>,
    /// The actor slot of the state, party or organisation the title attaches them to.
    pub affiliation: Option<u32>,
}

/// The most tokens a discovered name may have.
const MAX_NAME_WORDS: usize = 3;

fn is_affiliating(kind: ActorKind) -> bool {
    !matches!(kind, ActorKind::Person | ActorKind::Media)
}

/// Finds title + name introductions in one paragraph.
pub fn discover(ctx: &ParaCtx) -> Vec<FoundPerson> {
    let lex = ctx.lex;
    let tokens = &ctx.para.tokens;
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let word = ctx.word(i);
        let bare = word.strip_prefix('و').unwrap_or(word);
        if ctx.mention_covering(i).is_some()
            || (!lex.titles.contains(word) && !lex.titles.contains(bare))
        {
            i += 1;
            continue;
        }
        let sentence = tokens[i].sentence;
        let mut j = i + 1;
        let mut affiliation: Option<u32> = None;
        let mut host_next = false;
        let mut saw_mention = false;
        let mut named = false;
        while j < tokens.len() && tokens[j].sentence == sentence {
            if let Some(m) = ctx.mention_at_token(j) {
                if ctx.kind(m.actor) == ActorKind::Person {
                    // The title belongs to someone the gazetteer already knows.
                    named = true;
                    break;
                }
                if !host_next && affiliation.is_none() && is_affiliating(ctx.kind(m.actor)) {
                    affiliation = Some(m.actor);
                }
                host_next = false;
                saw_mention = true;
                j = ctx.para.token_at_or_after(m.end);
                continue;
            }
            let w = ctx.word(j);
            if w == "لدي" {
                host_next = true;
                j += 1;
                continue;
            }
            if lex.title_complements.contains(w) || w == "باسم" {
                j += 1;
                continue;
            }
            break;
        }
        if named {
            i += 1;
            continue;
        }
        if let Some(person) = read_name(ctx, j, sentence, saw_mention, affiliation) {
            i = ctx.para.token_at_or_after(person.end);
            found.push(person);
        } else {
            i += 1;
        }
    }
    found
}

/// Reads a name of two or three words starting at token `j`, then an optional "في <party>".
fn read_name(
    ctx: &ParaCtx,
    j: usize,
    sentence: usize,
    after_mention: bool,
    mut affiliation: Option<u32>,
) -> Option<FoundPerson> {
    let tokens = &ctx.para.tokens;
    let mut words = Vec::new();
    let mut k = j;
    while k < tokens.len() && words.len() < MAX_NAME_WORDS {
        let t = tokens[k];
        if t.sentence != sentence || ctx.mention_at_token(k).is_some() {
            break;
        }
        // Names never start or run inside quotation marks.
        let gap_start = if k == 0 { 0 } else { tokens[k - 1].end };
        if ctx.para.quote_opening_in(gap_start, t.start).is_some()
            || ctx.para.quote_containing(t.start).is_some()
        {
            break;
        }
        if t.comma_before && !(words.is_empty() && after_mention) {
            break;
        }
        let w = ctx.word(k);
        let next_is_name = k + 1 < tokens.len()
            && tokens[k + 1].sentence == sentence
            && !tokens[k + 1].comma_before
            && ctx.mention_at_token(k + 1).is_none()
            && name_like(ctx, ctx.word(k + 1), true);
        if !name_like(ctx, w, words.is_empty() && !next_is_name) {
            break;
        }
        words.push((t.start, t.end));
        k += 1;
    }
    if words.len() < 2 {
        return None;
    }
    // "القيادي سعد المطلبي في ائتلاف دولة القانون": membership follows the name.
    if k + 1 < tokens.len() && ctx.word(k) == "في" && !tokens[k + 1].comma_before {
        if let Some(m) = ctx.mention_at_token(k + 1) {
            if matches!(
                ctx.kind(m.actor),
                ActorKind::Party | ActorKind::ArmedGroup | ActorKind::Igo
            ) {
                affiliation = Some(m.actor);
            }
        }
    }
    if affiliation.is_none() {
        affiliation = nearest_state_before(ctx, words[0].0, sentence);
    }
    Some(FoundPerson {
        start: words[0].0,
        end: words[words.len() - 1].1,
        words,
        affiliation,
    })
}

fn name_like(ctx: &ParaCtx, w: &str, first: bool) -> bool {
    let lex = ctx.lex;
    let letters = w.chars().count();
    if letters < 2 || !w.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    if lex.non_name_words.contains(w)
        || lex.time_words.contains(w)
        || lex.titles.contains(w)
        || lex.title_complements.contains(w)
        || lex.cue(w).is_some()
        || lex.complementisers.contains(w)
    {
        return false;
    }
    if first {
        // Given names do not carry the article or a conjunction (folding makes إلينا look like
        // it has one, so the caller relaxes this when a plain name follows).
        !w.starts_with("ال") && !w.starts_with('و')
    } else {
        // Later words do not start with a conjunction or a preposition on the article.
        let conjunction = w.starts_with('و') && letters > 3;
        !(conjunction || w.starts_with("بال") || w.starts_with("لل"))
    }
}

fn nearest_state_before(ctx: &ParaCtx, pos: usize, sentence: usize) -> Option<u32> {
    let (sentence_start, _) = ctx.para.sentences[sentence];
    ctx.mentions
        .iter()
        .rev()
        .filter(|m| m.end <= pos && m.start >= sentence_start)
        .find(|m| ctx.kind(m.actor) == ActorKind::State)
        .map(|m: &ParaMention| m.actor)
}
