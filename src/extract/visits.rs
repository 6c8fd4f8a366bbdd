//! Visits and arrivals: "وصل وفد من حركة حماس إلى القاهرة"، "وفد إسرائيلي يصل إلى العاصمة
//! المصرية"، "زار العراق"، "بدأ X، رئيس البرلمان، زيارة إلى الجزائر". The visitor meets the state
//! it comes to. A capital after إلى is a place to the mention rules (no mention is made of it),
//! so the destination is read from the paragraph's name hits, where it names its government.

use super::events::FoundEvent;
use super::matcher::{Hit, NameKind};
use super::{ParaCtx, ParaMention};
use crate::model::{ActorKind, RelationType};

/// How many words after a visit word its destination may stand (past the visitor).
const DESTINATION_REACH: usize = 8;
/// How many words (delegation words, titles, من) may stand between a visit word and the visitor.
const VISITOR_REACH: usize = 5;

/// Whether token `k` is a word of `visit_words`, itself or after a و or ف (وصل، ووصل).
pub(super) fn is_visit_word(ctx: &ParaCtx, k: usize) -> bool {
    let w = ctx.word(k);
    let words = &ctx.lex.visit_words;
    words.contains(w)
        || w.strip_prefix(['و', 'ف'])
            .is_some_and(|b| words.contains(b))
}

/// The meetings a visit word at token `k` states: each visitor with the host state. Returns
/// whether the word was read as a visit (a host state found, or an intended visit): then no
/// other reading of it is tried, even when no visitor is named ("وزار اليمن والسودان").
pub(super) fn visit(ctx: &ParaCtx, hits: &[Hit], k: usize, out: &mut Vec<FoundEvent>) -> bool {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let intended = (k.saturating_sub(2)..(k + 2).min(tokens.len()))
        .any(|n| n != k && ctx.lex.intention_words.contains(ctx.word(n)));
    if intended {
        // Only planned: no meeting yet, and no other reading of the word either.
        return true;
    }
    let (visitors, after_visitors) = visitors_after(ctx, k);
    let Some(host) = destination(ctx, hits, k, after_visitors) else {
        return false;
    };
    let host_top = ctx.top(host.actor);
    if ctx.kind(host_top) != ActorKind::State {
        return false;
    }
    // "زار العراق": the object right after the verb is the host, not a visitor, and so are the
    // states joined to it ("زار اليمن والسودان").
    let mut visitors = visitors;
    if visitors.first().is_some_and(|v| v.start == host.start) {
        visitors.clear();
    }
    if visitors.is_empty() {
        visitors.extend(visitor_before(ctx, k, host_top));
    }
    let hosts = joined_hosts(ctx, hits, host);
    for v in visitors {
        for host in &hosts {
            let host_top = ctx.top(host.actor);
            if ctx.top(v.actor) == host_top || ctx.sentence_of(v.start) != sentence {
                continue;
            }
            out.push(FoundEvent {
                source: v.actor,
                target: host.actor,
                kind: RelationType::Meet,
                evidence: (
                    tokens[k].start.min(v.start).min(host.start),
                    tokens[k].end.max(v.end).max(host.end),
                ),
            });
        }
    }
    true
}

/// The host and the states joined to it by و right after it ("تشمل قطر والعراق").
fn joined_hosts(ctx: &ParaCtx, hits: &[Hit], host: Hit) -> Vec<Hit> {
    let mut hosts = vec![host];
    let from = hits.partition_point(|h| h.start <= host.start);
    for h in &hits[from..] {
        let last = hosts[hosts.len() - 1];
        let adjacent = ctx.para.token_at_or_after(last.end)
            == ctx.para.token_at_or_after(h.start - h.prefix_len);
        let joined = ctx.text[h.start - h.prefix_len..h.start].starts_with('و');
        if !(adjacent && joined && ctx.kind(ctx.top(h.actor)) == ActorKind::State) {
            break;
        }
        hosts.push(*h);
    }
    hosts
}

/// "وصل وفد من حركة حماس ودولة قطر والولايات المتحدة": the actors right after the visit word,
/// over delegation words, titles and من, with those joined to them by و. Also returns the token
/// after the last of them (or after the visit word when there is none).
fn visitors_after<'a>(ctx: &'a ParaCtx, k: usize) -> (Vec<&'a ParaMention>, usize) {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let mut found: Vec<&ParaMention> = Vec::new();
    let mut n = k + 1;
    // Over a destination right after the verb ("وصل إلى القاهرة وفد من …").
    let mut skipped_destination = false;
    let mut budget = VISITOR_REACH;
    while n < tokens.len() && tokens[n].sentence == sentence && budget > 0 {
        if let Some(m) = ctx.mention_at_token(n) {
            let joined = found.last().is_some_and(|_| {
                ctx.prefix(m).starts_with('و') || ctx.word(n - 1).starts_with('و')
            });
            if ctx.is_addressee(m) {
                if found.is_empty() && !skipped_destination && ctx.target_prep(m) == Some("الي")
                {
                    skipped_destination = true;
                    n = ctx.para.token_at_or_after(m.end);
                    continue;
                }
                break;
            }
            // "وزير الخارجية الأميركي، أنتوني بلينكن،": the official named after a comma is
            // the same visitor.
            let apposition = found.last().is_some_and(|last| {
                tokens[n].comma_before && ctx.top(last.actor) == ctx.top(m.actor)
            });
            if apposition {
                let last = found.len() - 1;
                found[last] = m;
                n = ctx.para.token_at_or_after(m.end);
                continue;
            }
            if !found.is_empty() && !joined {
                break;
            }
            // A nisba describes the delegation or official right after its word ("وفد
            // إسرائيلي"، "وزير الخارجية الأميركي").
            if m.kind == NameKind::Nisba
                && found.is_empty()
                && !(after_delegation(ctx, n) || after_title(ctx, n))
            {
                break;
            }
            found.push(m);
            n = ctx.para.token_at_or_after(m.end);
            budget = 2;
            continue;
        }
        let w = ctx.word(n);
        // A head word, itself or after و ("ودولة قطر"); وزير is no و + زير.
        let head = |w: &str| {
            ctx.lex.delegation_words.contains(w)
                || ctx.lex.titles.contains(w)
                || ctx.lex.title_complements.contains(w)
                || ctx.lex.group_heads.contains(w)
                || ctx.lex.institution_nouns.contains(w)
        };
        let over = head(w)
            || w.strip_prefix('و').is_some_and(head)
            || matches!(w, "من" | "رسمي" | "رسميه");
        if w == "الي" && found.is_empty() && !skipped_destination {
            // "وصل إلى القاهرة وفد": a destination the mention rules dropped.
            skipped_destination = true;
            n += 2;
            continue;
        }
        if !over || (tokens[n].comma_before && !found.is_empty()) {
            break;
        }
        budget -= 1;
        n += 1;
    }
    let after = found
        .last()
        .map_or(k + 1, |m| ctx.para.token_at_or_after(m.end));
    (found, after)
}

fn after_delegation(ctx: &ParaCtx, n: usize) -> bool {
    n > 0 && ctx.lex.delegation_words.contains(ctx.word(n - 1))
}

/// Where the visit leads: the first state, capital or capital's nisba after إلى (or joined by
/// ل) within reach, or a state or capital right after the verb or its visitor (زار العراق).
fn destination(ctx: &ParaCtx, hits: &[Hit], k: usize, after_visitors: usize) -> Option<Hit> {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let end = (after_visitors.max(k + 1) + DESTINATION_REACH).min(tokens.len());
    let from = hits.partition_point(|h| h.start < tokens[k].end);
    for h in &hits[from..] {
        let n = ctx.para.token_at_or_after(h.start - h.prefix_len);
        if n >= end || tokens[n].sentence != sentence {
            break;
        }
        // A state or its capital; never a person or body of a state (its top actor is one).
        if h.kind == NameKind::Stop || ctx.kind(h.actor) != ActorKind::State {
            continue;
        }
        let prefix = &ctx.text[h.start - h.prefix_len..h.start];
        let before = ctx.word(n - 1);
        let before = if n >= 2 && ctx.lex.manner_words.contains(before) {
            // "زيارة تشمل أيضا قطر"
            ctx.word(n - 2)
        } else {
            before
        };
        let to = before == "الي"
            || ctx.lex.tour_words.contains(before)
            || prefix.ends_with('ل')
            // "إلى العاصمة المصرية"
            || (h.kind == NameKind::Nisba
                && before == "العاصمه"
                && n >= 2
                && ctx.word(n - 2) == "الي");
        // "وزار الرجل اليمن": the object after a subject no actor is.
        let after_subject = n == k + 2
            && after_visitors == k + 1
            && ctx.word(k + 1).starts_with("ال")
            && ctx.mention_at_token(k + 1).is_none();
        let direct = prefix.is_empty()
            && h.kind != NameKind::Nisba
            && (n == k + 1 || n == after_visitors || after_subject);
        if to || direct {
            return Some(*h);
        }
        // Another event word ends the visit's phrase.
        if n > k + 1 && ctx.info(n).trigger.is_some() {
            break;
        }
    }
    None
}

/// How many words before a visit word its doer may stand when commas set off a title between
/// them ("بدأ نوري أبو سهمين، رئيس برلمان طرابلس، زيارة").
const DOER_REACH: usize = 12;

/// A visit word with no visitor after it: the nearest actor before it in its sentence that is
/// no object and not the host, a delegation's nisba included ("وفد إسرائيلي يصل").
fn visitor_before<'a>(ctx: &'a ParaCtx, k: usize, host_top: u32) -> Option<&'a ParaMention> {
    let tokens = &ctx.para.tokens;
    let (sentence_start, _) = ctx.para.sentences[tokens[k].sentence];
    let from = tokens[k.saturating_sub(DOER_REACH)]
        .start
        .max(sentence_start);
    ctx.mentions_back(from, tokens[k].start).find(|m| {
        let n = ctx.para.token_at_or_after(m.start - m.prefix_len);
        ctx.top(m.actor) != host_top
            && !ctx.is_addressee(m)
            && !ctx.is_sponsor(m)
            && (m.kind != NameKind::Nisba || after_delegation(ctx, n) || after_title(ctx, n))
    })
}

/// "وزير الخارجية البريطاني": a nisba right after a title or its complement names the official.
fn after_title(ctx: &ParaCtx, n: usize) -> bool {
    n > 0 && {
        let w = ctx.word(n - 1);
        ctx.lex.titles.contains(w) || ctx.lex.title_complements.contains(w)
    }
}
