//! Which name hits are mentions. The matcher finds every name; the context decides: a capital
//! is a place after في or as a dateline, a nisba describes a people, a cause or another entity's
//! nationality rather than its state (الشعب اليمني، القضية الفلسطينية، المعارضة السورية), a
//! generic militia word before a group's name is that group (المليشيات الحوثية), and an outlet
//! introduced by a naming noun with its name in quotation marks is an actor (وكالة «أنباء فارس»).

use super::context::{top_slot, ParaCtx, ParaMention};
use super::document::{DocState, Pending};
use super::matcher::{Hit, Matcher, NameKind};
use super::Slot;
use crate::model::ActorKind;

/// How many adjectives may stand between a nisba and the noun it describes.
const MAX_ADJECTIVES: usize = 3;

impl DocState<'_> {
    /// The mentions of one paragraph from the hits of the gazetteer and the person index,
    /// recorded in the document, in text order.
    pub(super) fn accept(
        &mut self,
        p: &Pending,
        all: &[Hit],
        matcher: &Matcher,
    ) -> Vec<ParaMention> {
        let lex = self.lex;
        let (folded, para) = (&p.folded, &p.para);
        let text = folded.text.as_str();
        let mut accepted: Vec<ParaMention> = Vec::new();
        let mut last_end = 0;
        let mut dropped_nisba_end: Option<usize> = None;
        for &h in all {
            if h.start < last_end {
                continue;
            }
            let ctx = ParaCtx::new(text, para, &accepted, &self.slots, lex);
            if is_label(&ctx, &h) {
                continue;
            }
            let prev = ctx.word_before(h.start - h.prefix_len);
            if is_part_of_a_name(&ctx, &h, prev) {
                continue;
            }
            let keep = match h.kind {
                NameKind::Name | NameKind::Stop => true,
                NameKind::AfterFirst => {
                    self.seen[h.actor as usize] || self.named_ahead[h.actor as usize]
                }
                NameKind::Capital => capital_is_government(&ctx, &h, prev),
                NameKind::Nisba => {
                    let prev_start = ctx.start_of_word_before(h.start - h.prefix_len);
                    let after_dropped =
                        dropped_nisba_end.is_some_and(|e| prev_start < e && e <= h.start);
                    let after_group = accepted.last().is_some_and(|m| {
                        m.end >= prev_start
                            && !is_generic(&ctx, m)
                            && !matches!(
                                self.slots[top_slot(&self.slots, m.actor) as usize].kind,
                                ActorKind::State | ActorKind::Igo
                            )
                    });
                    !(after_dropped || after_group || describes_non_actor(&ctx, &h))
                }
            };
            if !keep {
                if h.kind == NameKind::Nisba {
                    dropped_nisba_end = Some(h.end);
                }
                continue;
            }
            // "المليشيات الحوثية"، "ميليشيا الحوثي": a generic word right before a group's name
            // or nisba is that group.
            let names_government = lex.titles.contains(prev) || matches!(prev, "الحكومه" | "حكومه");
            let generic_start = accepted
                .last()
                .filter(|g| is_generic(&ctx, g))
                .and_then(|g| {
                    let adjacent = ctx.start_of_word_before(h.start - h.prefix_len) <= g.start
                        && g.end <= h.start;
                    let group = !matches!(
                        self.slots[top_slot(&self.slots, h.actor) as usize].kind,
                        ActorKind::State | ActorKind::Igo | ActorKind::Person | ActorKind::Media
                    );
                    (adjacent && group && h.prefix_len == 0).then_some(g.start)
                });
            let mut start = h.start;
            if let Some(g) = generic_start {
                start = g;
                accepted.pop();
                self.mentions.pop();
            }
            last_end = h.end;
            if names_government {
                *self.government.entry(h.actor).or_default() += 1;
            }
            let prefix_len = if start == h.start { h.prefix_len } else { 0 };
            accepted.push(self.record(folded, start, h.end, h.actor, h.kind, prefix_len));
        }
        self.outlets_in_quotes(p, matcher, &mut accepted);
        accepted
    }

    /// "وكالة «أنباء فارس»"، "قناة (التلفزيون العربي)"، "لـ«الحياة»": a short quoted name after a
    /// naming noun or the ل of "told to" names an outlet. A known outlet keeps its actor; an
    /// unknown one becomes a media actor of this document.
    fn outlets_in_quotes(
        &mut self,
        p: &Pending,
        matcher: &Matcher,
        accepted: &mut Vec<ParaMention>,
    ) {
        let text = p.folded.text.as_str();
        let lex = self.lex;
        let mut hits = Vec::new();
        for q in &p.para.quotes {
            let name = text[q.inner_start..q.inner_end].trim();
            let words = name.split_whitespace().count();
            if name.is_empty() || words > 4 {
                continue;
            }
            let before = text[..q.open].trim_end();
            let noun = before.rsplit(' ').next().unwrap_or("");
            let noun = noun.trim_end_matches(|c: char| !super::fold::is_word_char(c));
            let told_to = noun == "ل" || before.ends_with("ل") && noun.chars().count() == 1;
            if !(lex.outlet_nouns.contains(noun) || told_to) {
                continue;
            }
            // A name already read inside the marks stays, unless it is a capital or nisba that
            // the outlet's name only contains (لـ«الرياض»).
            let inside = accepted
                .iter()
                .position(|m| m.start < q.inner_end && q.inner_start < m.end);
            if let Some(i) = inside {
                let m = accepted[i];
                if !matches!(m.kind, NameKind::Capital | NameKind::Nisba)
                    || accepted.get(i + 1).is_some_and(|n| n.start < q.inner_end)
                {
                    continue;
                }
                accepted.remove(i);
                self.unrecord(m.index);
            }
            // The outlet as the gazetteer names it: "قناة العربية", else the name alone, else
            // with any outlet noun ("لـ«الشرق الأوسط»" is صحيفة الشرق الأوسط).
            let mut nouns: Vec<&String> = lex.outlet_nouns.iter().collect();
            nouns.sort();
            let known = [format!("{noun} {name}"), name.to_string()]
                .into_iter()
                .chain(nouns.into_iter().map(|n| format!("{n} {name}")))
                .find_map(|candidate| {
                    matcher.find(&candidate, &mut hits);
                    hits.iter()
                        // A capital or nisba in marks after ل is the outlet's name, not the
                        // state (ياسين ل «الرياض»).
                        .find(|h| {
                            h.start == 0
                                && h.end == candidate.len()
                                && !matches!(h.kind, NameKind::Capital | NameKind::Nisba)
                        })
                        .map(|h| h.actor)
                });
            let start = q.inner_start
                + (text[q.inner_start..].len() - text[q.inner_start..].trim_start().len());
            let end = start + name.len();
            let actor = known.unwrap_or_else(|| self.outlet_slot(name));
            let m = self.record(&p.folded, start, end, actor, NameKind::Name, 0);
            let at = accepted.partition_point(|x| x.start < m.start);
            accepted.insert(at, m);
        }
    }

    /// The slot of an outlet found by its quoted name, new or known.
    fn outlet_slot(&mut self, name: &str) -> u32 {
        if let Some(&slot) = self.outlets.get(name) {
            return slot;
        }
        let slot = self.slots.len() as u32;
        self.slots.push(Slot {
            id: format!("MEDIA_{}", super::document::name_hash(name)).into(),
            kind: ActorKind::Media,
            affiliation: None,
            name_ar: "".into(),
            name_en: super::document::transliterate(name).into(),
        });
        self.seen.push(true);
        self.named_ahead.push(true);
        self.outlets.insert(name.to_string(), slot);
        slot
    }
}

/// The catch-all actor of unnamed militias and factions, named by a generic word.
fn is_generic(ctx: &ParaCtx, m: &ParaMention) -> bool {
    ctx.lex
        .generic_group_words
        .contains(&ctx.text[m.start..m.end])
}

/// How many words back a word of calling may stand before the label it governs.
const LABEL_REACH: usize = 5;

/// Whether a generic militia word after ب is only what something is called: "يرفض تسمية
/// الثوار بالميليشيات الإرهابية"، "وصف الحركة بالجماعات المتطرفة".
/// "فيصل بن تركي"، "جامعة كولومبيا": a state's name or nisba right after a word of lineage
/// (بن، ابن، بنت) is a person's name, and a state's name right after the head of a place or
/// institution (`eponym_heads`: جامعة، شارع، مطار) is part of that place's name. With a clitic
/// between them (جامعة بالكويت) they are two words of their own.
fn is_part_of_a_name(ctx: &ParaCtx, h: &Hit, prev: &str) -> bool {
    if h.prefix_len > 0 || matches!(h.kind, NameKind::Stop | NameKind::Capital) {
        return false;
    }
    let state = ctx.kind(h.actor) == ActorKind::State;
    (super::person_index::is_lineage(prev) && (state || h.kind == NameKind::Nisba))
        || (state && h.kind == NameKind::Name && ctx.lex.eponym_heads.contains(prev))
}

fn is_label(ctx: &ParaCtx, h: &Hit) -> bool {
    let word = &ctx.text[h.start..h.end];
    if !ctx.text[h.start - h.prefix_len..h.start].contains('ب')
        || !ctx.lex.generic_group_words.contains(word)
    {
        return false;
    }
    let mut pos = h.start - h.prefix_len;
    for _ in 0..LABEL_REACH {
        let prev = ctx.word_before(pos);
        if prev.is_empty() {
            return false;
        }
        if ctx
            .lex
            .label_words
            .contains(prev.strip_prefix('و').unwrap_or(prev))
        {
            return true;
        }
        pos = ctx.start_of_word_before(pos);
    }
    false
}

/// Whether a nisba describes something that is not its state: a people (الشعب اليمني), a cause
/// or situation (القضية الفلسطينية، الأزمة الليبية) or another entity (المعارضة السورية،
/// الائتلاف الوطني السوري). The noun is found by stepping back over other adjectives.
fn describes_non_actor(ctx: &ParaCtx, h: &Hit) -> bool {
    let lex = ctx.lex;
    let mut pos = h.start - h.prefix_len;
    for _ in 0..=MAX_ADJECTIVES {
        let word = ctx.word_before(pos);
        if word.is_empty() {
            return false;
        }
        let bare = bare_noun(word);
        if lex.people_words.contains(word) || lex.non_actor_heads.contains(bare.as_ref()) {
            return true;
        }
        let adjective = bare.starts_with("ال") && (bare.ends_with('ي') || bare.ends_with("يه"));
        if !adjective {
            return false;
        }
        pos = ctx.start_of_word_before(pos);
    }
    false
}

/// A word without a leading و، ف، ب or ل; ل before a contracted article gives the article
/// back (للقضية → القضية).
fn bare_noun(word: &str) -> std::borrow::Cow<'_, str> {
    let rest = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    if let Some(r) = rest.strip_prefix("لل") {
        return format!("ال{r}").into();
    }
    match rest.strip_prefix(['ب', 'ل']) {
        Some(r) if r.chars().count() >= 3 => r.into(),
        _ => rest.into(),
    }
}

/// A capital names its government unless it is a place: after في، إلى، زيارة ...; with a ب or ل
/// proclitic (لطهران); or as a dateline at the start of a paragraph ("بغداد -").
fn capital_is_government(ctx: &ParaCtx, h: &Hit, prev: &str) -> bool {
    if ctx.lex.place_words.contains(prev) || ctx.lex.place_words.contains(bare_noun(prev).as_ref())
    {
        return false;
    }
    let prefix = &ctx.text[h.start - h.prefix_len..h.start];
    if prefix.contains('ب') || prefix.contains('ل') {
        return false;
    }
    let rest = ctx.text[h.end..].trim_start();
    let dateline = ctx.text[..h.start - h.prefix_len].trim().is_empty()
        && rest.starts_with(['-', '–', '—', '(']);
    !dateline
}
