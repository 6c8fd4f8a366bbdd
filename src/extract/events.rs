//! Events the text states outright, narrator's or a quoted source's: attacks, pressure, meetings
//! and backing ("هجمات تشنها على الدولة العبرية مليشيات"، "تضغط الولايات المتحدة على الكيان"،
//! "فصائل موالية لإيران"). Each yields a directed relation with its evidence.

use super::matcher::NameKind;
use super::{ParaCtx, ParaMention};
use crate::model::{ActorKind, RelationType};

/// A relation stated in one paragraph, in folded byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundEvent {
    pub source: u32,
    pub target: u32,
    pub kind: RelationType,
    pub evidence: (usize, usize),
}

/// How many words after a trigger its source may appear.
const SOURCE_REACH: usize = 3;
/// How many words after a trigger (or its source) its target may appear.
const TARGET_REACH: usize = 6;

pub fn find(ctx: &ParaCtx) -> Vec<FoundEvent> {
    let mut out = Vec::new();
    for k in 0..ctx.para.tokens.len() {
        if let Some(kind) = ctx.lex.event_trigger(ctx.word(k)) {
            event_at(ctx, k, kind, &mut out);
        }
    }
    backing(ctx, &mut out);
    out
}

fn event_at(ctx: &ParaCtx, k: usize, kind: RelationType, out: &mut Vec<FoundEvent>) {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let same_sentence = |n: usize| n < tokens.len() && tokens[n].sentence == sentence;
    // Source right after the trigger: a nisba (ضغوط أميركية), an agent (من قبل X), or a genitive
    // or verb subject (حرب إسرائيل، تضغط الولايات المتحدة), possibly after a title (سفيرة).
    let mut source: Option<&ParaMention> = None;
    let mut n = k + 1;
    let mut after_source = k + 1;
    while same_sentence(n) && n <= k + SOURCE_REACH {
        if let Some(m) = ctx.mention_at_token(n) {
            if !ctx.is_addressee(m) || ctx.word_before(m.start - m.prefix_len) == "قبل" {
                source = Some(m);
                after_source = ctx.para.token_at_or_after(m.end);
            }
            break;
        }
        let w = ctx.word(n);
        if !(ctx.lex.titles.contains(w) || matches!(w, "من" | "قبل") || n == k + 1) {
            break;
        }
        n += 1;
    }
    // Target: the first actor after a preposition of direction (على، ضد، مع، تجاه; في for a
    // state under attack), and a coordinated second one (ومع حزب الله).
    let mut targets: Vec<&ParaMention> = Vec::new();
    let mut n = after_source;
    let mut armed = false;
    while same_sentence(n) && n <= after_source + TARGET_REACH {
        if let Some(m) = ctx.mention_at_token(n) {
            let prep = ctx.target_prep(m);
            let place_ok = kind == RelationType::Attack || kind == RelationType::Meet;
            if armed || prep.is_some_and(|p| p != "في" || (place_ok && is_state(ctx, m))) {
                targets.push(m);
                armed = false;
            } else if source.is_none() && !targets.is_empty() {
                // "هجمات تشنها على الدولة العبرية مليشيات": the subject after the target.
                source = Some(m);
            }
            n = ctx.para.token_at_or_after(m.end);
            continue;
        }
        let w = ctx.word(n);
        armed = matches!(w, "علي" | "ضد" | "مع" | "ومع" | "تجاه");
        if !armed && tokens[n].comma_before && !targets.is_empty() {
            break;
        }
        n += 1;
    }
    if source.is_none() {
        source = subject_before(ctx, k);
    }
    let Some(source) = source else { return };
    for target in targets {
        if ctx.top(source.actor) == ctx.top(target.actor) {
            continue;
        }
        let start = tokens[k].start.min(source.start);
        let end = target.end.max(source.end);
        out.push(FoundEvent {
            source: source.actor,
            target: target.actor,
            kind,
            evidence: (start, end),
        });
    }
}

fn is_state(ctx: &ParaCtx, m: &ParaMention) -> bool {
    ctx.kind(ctx.top(m.actor)) == ActorKind::State
}

/// The nearest actor before the trigger in its sentence, not an addressee or object.
fn subject_before<'a>(ctx: &'a ParaCtx, k: usize) -> Option<&'a ParaMention> {
    let tokens = &ctx.para.tokens;
    let (sentence_start, _) = ctx.para.sentences[tokens[k].sentence];
    ctx.mentions
        .iter()
        .rev()
        .filter(|m| m.end <= tokens[k].start && m.start >= sentence_start)
        .find(|m| !ctx.is_addressee(m) && ctx.target_prep(m).is_none() && m.kind != NameKind::Nisba)
}

/// "فصائل موالية لإيران"، "للمليشيات المدعومة من إيران": the sponsor backs the group before it.
fn backing(ctx: &ParaCtx, out: &mut Vec<FoundEvent>) {
    for (idx, m) in ctx.mentions.iter().enumerate() {
        let mut before = m.start - m.prefix_len;
        let mut prev = ctx.word_before(before);
        if prev == "من" {
            before = ctx.start_of_word_before(before);
            prev = ctx.word_before(before);
        }
        if !ctx.lex.sponsor_words.contains(prev) {
            continue;
        }
        let sponsor_word = ctx.start_of_word_before(before);
        let Some(group) = ctx.mentions[..idx]
            .iter()
            .rev()
            .find(|g| g.end <= sponsor_word && sponsor_word - g.end <= 2)
        else {
            continue;
        };
        if ctx.top(group.actor) != ctx.top(m.actor) {
            out.push(FoundEvent {
                source: m.actor,
                target: group.actor,
                kind: RelationType::Cooperate,
                evidence: (group.start, m.end),
            });
        }
    }
}
