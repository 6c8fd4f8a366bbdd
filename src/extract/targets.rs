//! Which actors named inside a statement's content the statement is directed at. The speech
//! act is between the speaker and its targets; an actor that the content only names as the
//! enemy someone fights ("العمليات العسكرية ضد داعش"، "دعم العراق في محاربة تنظيم داعش") is the
//! object of that fight, told as its own event, not of what the speaker says.

use super::lexicon::{kind_bit, Lexicon};
use super::{ParaCtx, ParaMention};
use crate::model::{ActorKind, RelationType};

/// How many head words (تنظيم، نظام الرئيس) may stand between a counter word and the actor.
const HEAD_REACH: usize = 2;

/// Whether `m` is what a counter word governs (ضد، مكافحة، محاربة، مواجهة …, over head words).
pub(super) fn is_fought(ctx: &ParaCtx, m: &ParaMention) -> bool {
    let mut pos = m.start - m.prefix_len;
    for _ in 0..=HEAD_REACH {
        let prev = ctx.word_before(pos);
        if ctx.lex.counter_words.contains(prev) {
            return true;
        }
        let head = ctx.lex.titles.contains(prev)
            || ctx.lex.group_heads.contains(prev)
            || ctx.lex.title_complements.contains(prev);
        if !head {
            return false;
        }
        pos = ctx.start_of_word_before(pos);
    }
    false
}

/// The word of reported content that claims an attack for the speaker, if any: a first-person
/// attack word anywhere (استهدفنا، تبنيه, the `attack` content words), or an inflected attack
/// verb opening the content, whose subject is then the pronoun of إنهم/إنها, the speaker
/// ("قال الحوثيون إنهم استهدفوا …"). A bare stem is left alone: قصف is also the noun.
pub(super) fn claimed_attack<W: AsRef<str>>(
    lex: &Lexicon,
    words: &[W],
    kinds: &[u16],
) -> Option<usize> {
    let opening = words.first().map(AsRef::as_ref).is_some_and(|w| {
        lex.transitive_triggers.contains(w)
            && w.ends_with(['ا', 'ت'])
            && lex.event_trigger(w).is_some()
    });
    if opening {
        return Some(0);
    }
    let bit = kind_bit(RelationType::Attack);
    kinds.iter().position(|k| k & bit != 0)
}

/// Whether `m` names an outlet as the channel of what is said, not as someone it is about: an
/// outlet a speaker talks to ("في حديث لـ«الرياض»"، "قال لقناة العربية") or one credited with
/// the report ("وبحسب قناة العربية"، "نقلا عن وكالة …", over one naming noun).
pub(super) fn is_channel(ctx: &ParaCtx, m: &ParaMention) -> bool {
    if ctx.kind(m.actor) != ActorKind::Media {
        return false;
    }
    if ctx.is_addressee(m) {
        return true;
    }
    let mut pos = m.start - m.prefix_len;
    for _ in 0..2 {
        let prev = ctx.word_before(pos);
        let bare = prev.strip_prefix('و').unwrap_or(prev);
        if ctx.lex.attribution_words.contains(bare) || bare == "عن" || prev == "ل" {
            return true;
        }
        if !ctx.lex.naming_nouns.contains(bare) && !ctx.lex.outlet_nouns.contains(bare) {
            return false;
        }
        pos = ctx.start_of_word_before(pos);
    }
    false
}

/// Whether a state named after مع is a place: the border or frontier with it ("القريبة من
/// الحدود مع إيران"، "المنطقة الحدودية مع سوريا").
pub(super) fn is_border_with(ctx: &ParaCtx, m: &ParaMention) -> bool {
    let at = m.start - m.prefix_len;
    if ctx.kind(m.actor) != ActorKind::State || ctx.word_before(at) != "مع" {
        return false;
    }
    let before = ctx.word_before(ctx.start_of_word_before(at));
    ctx.lex.territory_words.contains(before) || before.starts_with("الحدودي")
}
