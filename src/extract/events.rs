//! Events the text states outright, narrator's or a quoted source's: attacks, pressure, meetings
//! and backing ("هجمات تشنها على الدولة العبرية مليشيات"، "تضغط الولايات المتحدة على الكيان"،
//! "فصائل موالية لإيران"). Each yields a directed relation with its evidence.

use super::matcher::{Hit, NameKind};
use super::visits;
use super::word_flags::DEMONSTRATIVE;
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
/// How far before a trigger its subject may stand.
const SUBJECT_REACH: usize = 6;

/// The events of one paragraph. `hits` are all its name hits, those the mention rules dropped
/// included (a capital as a place is where a visit leads).
pub fn find(ctx: &ParaCtx, hits: &[Hit]) -> Vec<FoundEvent> {
    let mut out = Vec::new();
    for k in 0..ctx.para.tokens.len() {
        // "هذه الهجمات" was told already; "لا تعاون"، "أي تعاون"، "إلى التعاون" did not happen.
        if k > 0
            && !ctx.para.tokens[k].comma_before
            && (ctx.info(k - 1).has(DEMONSTRATIVE) || irrealis(ctx, ctx.word(k - 1)))
        {
            continue;
        }
        if let Some(kind) = ctx.info(k).trigger {
            // A visit to a state is read for its visitors and host alone: the visitors
            // listed together ("وفود حماس وقطر") do not meet one another.
            if kind == RelationType::Meet
                && visits::is_visit_word(ctx, k)
                && visits::visit(ctx, hits, k, &mut out)
            {
                continue;
            }
            event_at(ctx, hits, k, kind, &mut out);
            if kind == RelationType::Meet {
                participants(ctx, k, &mut out);
            }
        } else if ctx.word(k) == "بين" {
            // Rare, so the meeting or agreement word is looked for from here, not before
            // every word.
            between(ctx, k, &mut out);
        }
    }
    backing(ctx, &mut out);
    // Statements look events up by where their evidence starts.
    out.sort_by_key(|e| e.evidence.0);
    out
}

/// A word of `irrealis_words`, itself or after و ("ولا تعاون مع الأسد").
fn irrealis(ctx: &ParaCtx, w: &str) -> bool {
    let words = &ctx.lex.irrealis_words;
    words.contains(w) || w.strip_prefix('و').is_some_and(|b| words.contains(b))
}

fn event_at(ctx: &ParaCtx, hits: &[Hit], k: usize, kind: RelationType, out: &mut Vec<FoundEvent>) {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let same_sentence = |n: usize| n < tokens.len() && tokens[n].sentence == sentence;
    let trigger = ctx.word(k);
    let transitive = ctx
        .lex
        .transitive_triggers
        .contains(trigger.strip_prefix(['و', 'ف']).unwrap_or(trigger));
    // "الضربات التي تستهدف متشددي داعش": in a relative clause the verb's subject is the noun
    // before it; the actor after it is its object.
    // "الجيش التركي يقاتل حزب العمال": so with a subject right before the verb.
    let subject_first = || {
        ctx.mentions_back(0, tokens[k].start)
            .next()
            .is_some_and(|m| ctx.para.token_at_or_after(m.end) == k && !ctx.is_addressee(m))
    };
    let relative = transitive
        && k > 0
        && !tokens[k].comma_before
        && (matches!(ctx.word(k - 1), "التي" | "الذي" | "الذين") || subject_first());
    // Source right after the trigger: a nisba (ضغوط أميركية), an agent (من قبل X), or a genitive
    // or verb subject (حرب إسرائيل، تضغط الولايات المتحدة), possibly after a title (سفيرة).
    let mut source: Option<&ParaMention> = None;
    let mut co_source: Option<&ParaMention> = None;
    let mut n = k + 1;
    let mut after_source = k + 1;
    let mut source_reach = k + SOURCE_REACH;
    while !relative && same_sentence(n) && n <= source_reach {
        if let Some(m) = ctx.mention_at_token(n) {
            let agent = ctx.word_before(m.start - m.prefix_len) == "قبل"
                // "هجمات لفصائل": the ل of an attack noun marks who attacks.
                || (n == k + 1 && kind == RelationType::Attack && ctx.prefix(m).ends_with('ل'));
            if !ctx.is_addressee(m) || agent {
                source = Some(m);
                after_source = ctx.para.token_at_or_after(m.end);
                // "طائرات أمريكية وبريطانية": a coordinated second actor acts too.
                let next = (after_source < tokens.len())
                    .then(|| ctx.mention_at_token(after_source))
                    .flatten();
                if let Some(second) = next {
                    // "المليشيات الحوثية وقوات المخلوع صالح": two groups of one kind.
                    let same_kind = second.kind == m.kind
                        || (second.kind == NameKind::Name
                            && ctx.kind(ctx.top(m.actor)) == ActorKind::ArmedGroup
                            && ctx.kind(ctx.top(second.actor)) == ActorKind::ArmedGroup);
                    if ctx.prefix(second).starts_with('و') && same_kind {
                        co_source = Some(second);
                        after_source = ctx.para.token_at_or_after(second.end);
                    }
                }
            }
            break;
        }
        let w = ctx.word(n);
        let title_part = ctx.lex.titles.contains(w)
            || ctx.lex.title_complements.contains(w)
            || ctx.lex.group_heads.contains(w);
        // "زيارة رسمية يقوم بها الرئيس الأميركي": the doer after يقوم بها.
        let agent_part = ctx.lex.agent_words.contains(w);
        if agent_part {
            source_reach += 1;
        }
        if !(title_part || agent_part || matches!(w, "من" | "قبل") || n == k + 1) {
            break;
        }
        n += 1;
    }
    // "المعركة بين تنظيم داعش والميليشيات الكردية في سوريا": the two sides of a fight fight each
    // other; what follows them is where (a place, never a target).
    if let (RelationType::Attack, Some(first), Some(second)) = (kind, source, co_source) {
        if ctx.word(k + 1) == "بين" && ctx.top(first.actor) != ctx.top(second.actor) {
            each_with_the_other(out, first, second, kind, (tokens[k].start, second.end));
            return;
        }
    }
    // Target: the first actor after a preposition of direction (على، ضد، مع، تجاه; في for a
    // state under attack), and a coordinated second one (ومع حزب الله).
    let mut targets: Vec<&ParaMention> = Vec::new();
    // Whom one attacks or presses is after على/ضد, never after مع ("الحدودي مع اليمن").
    let hostile = matches!(kind, RelationType::Attack | RelationType::Pressure);
    let mut n = after_source;
    let mut reach_end = after_source + TARGET_REACH;
    let mut armed = false;
    while same_sentence(n) && n <= reach_end {
        // Another event starts here, unless it is this verb's own object ("شنت ... غارات").
        if n > after_source && ctx.info(n).trigger.is_some() {
            break;
        }
        if let Some(m) = ctx.mention_at_token(n) {
            let raw_prep = ctx.target_prep(m);
            // "المبعوث الأممي إلى اليمن": where an official is posted, not whom one meets.
            let posting = raw_prep == Some("الي") && {
                let before = ctx.start_of_word_before(m.start - m.prefix_len);
                let w = ctx.word_before(before);
                ctx.lex.titles.contains(w)
                    || ctx
                        .mentions_back(0, before)
                        .next()
                        .is_some_and(|x| x.kind == NameKind::Nisba && before - x.end <= 1)
            };
            // Backing goes to whom it is given: "الدعم الذي تقدمه طهران لدمشق".
            let given = kind == RelationType::Cooperate
                && raw_prep == Some("ل")
                && source.is_some()
                && !ctx.is_sponsor(m);
            let prep = raw_prep.filter(|&p| {
                (p != "ل" || given)
                    && p != "لدي"
                    && !posting
                    && !(hostile && p == "مع")
                    && !(kind == RelationType::Meet && matches!(p, "علي" | "ضد" | "تجاه"))
            });
            // An interview (لقاء مع قناة …) is no meeting.
            if kind == RelationType::Meet && ctx.kind(ctx.top(m.actor)) == ActorKind::Media {
                n = ctx.para.token_at_or_after(m.end);
                continue;
            }
            let place_ok = kind == RelationType::Attack || kind == RelationType::Meet;
            let same_side = source.is_some_and(|s| ctx.top(s.actor) == ctx.top(m.actor));
            if same_side && ctx.kind(m.actor) == ActorKind::Person && targets.is_empty() {
                // "سفيرة الولايات المتحدة ... إلينا رومانسكي": the official is the actor.
                source = Some(m);
                n = ctx.para.token_at_or_after(m.end);
                reach_end = n + TARGET_REACH;
                continue;
            }
            // "ومع حزب الله"، "مع أستراليا، كندا، الدنمارك": joined to the target before it.
            let coordinated = targets.last().is_some_and(|t| {
                ctx.para.token_at_or_after(t.end) == n
                    && !ctx.text[t.end..m.start].contains('.')
                    && (ctx.prefix(m).starts_with('و')
                        || (tokens[n].comma_before && ctx.kind(t.actor) == ctx.kind(m.actor)))
            });
            // Whom one receives, meets or visits needs no preposition, nor what one shells
            // ("قصفت المدفعية التركية مواقع حزب العمال").
            let close = !transitive || n <= after_source + 3;
            let direct_object = (kind == RelationType::Meet || transitive)
                && raw_prep.is_none()
                && !posting
                && !same_side
                && (source.is_some() || relative)
                && close
                && targets.is_empty()
                && m.kind != NameKind::Nisba;
            // A state after في is attacked only when nothing else is ("مواقع الحزب في شمال
            // العراق": a place).
            let place =
                |p: &str| p == "في" && !(place_ok && is_state(ctx, m) && targets.is_empty());
            if armed || coordinated || direct_object || prep.is_some_and(|p| !place(p)) {
                targets.push(m);
                armed = false;
                reach_end = ctx.para.token_at_or_after(m.end) + TARGET_REACH;
            } else if source.is_none()
                && kind != RelationType::Meet
                && raw_prep.is_none()
                && targets
                    .last()
                    .is_some_and(|t| ctx.para.token_at_or_after(t.end) == n)
            {
                // "هجمات تشنها على الدولة العبرية مليشيات": the subject after the target; a
                // place after في is never the attacker.
                source = Some(m);
            }
            // A name of several words counts as one word of the reach.
            let after = ctx.para.token_at_or_after(m.end);
            reach_end += (after - n).saturating_sub(1);
            n = after;
            continue;
        }
        let w = ctx.word(n);
        // A title between the preposition and the actor keeps it armed ("مع زعيم ائتلاف").
        // "مع كل من أمير البلاد": over كل من too.
        // Whom one meets is never after على or ضد ("اتصال مع بان كي مون [بحث] العمليات ضد داعش").
        armed = (kind != RelationType::Meet && matches!(w, "علي" | "ضد" | "تجاه"))
            // "حرب إسرائيل مع حركة حماس … ومع حزب الله": with an attack, مع names the enemy
            // only right after the doer or joined to the enemy before ("الحدودي مع اليمن").
            || (matches!(w, "مع" | "ومع")
                && (!hostile
                    || n == after_source
                    || targets
                        .last()
                        .is_some_and(|t| ctx.para.token_at_or_after(t.end) == n)))
            || (armed
                && (ctx.lex.titles.contains(w)
                    || ctx.lex.title_complements.contains(w)
                    || ctx.lex.group_heads.contains(w)
                    // "مع كل من أمير البلاد الشيخ صباح"
                    || matches!(w, "كل" | "من" | "البلاد")))
            // "على الحدود الجنوبية للمملكة": an attack on a state's territory, over the
            // territory word and one adjective after it.
            || (armed && hostile && ctx.lex.territory_words.contains(w))
            || (hostile
                && n > 0
                && ctx.lex.territory_words.contains(ctx.word(n - 1))
                && w.starts_with("ال")
                && (n >= 2 && matches!(ctx.word(n - 2), "علي" | "ضد")));
        if !armed && tokens[n].comma_before && !targets.is_empty() {
            break;
        }
        n += 1;
    }
    if source.is_none() {
        source = subject_before(ctx, k);
    }
    // "أجرى وزير الخارجية الإيراني أمس في الكويت، مباحثات مع …": the subject of the verb that
    // holds the meeting, over a comma.
    if source.is_none() && kind == RelationType::Meet {
        source = holder(ctx, k).filter(|h| !ctx.is_addressee(h));
    }
    let Some(source) = source else { return };
    // "الدعم الذي تقدمه طهران لدمشق": backing given to a capital, a place to the mention rules.
    if kind == RelationType::Cooperate && targets.is_empty() {
        if let Some(h) = capital_given_to(ctx, hits, after_source, reach_end) {
            if ctx.top(h.actor) != ctx.top(source.actor) {
                out.push(FoundEvent {
                    source: source.actor,
                    target: h.actor,
                    kind,
                    evidence: (tokens[k].start.min(source.start), h.end.max(source.end)),
                });
            }
        }
    }
    for source in std::iter::once(source).chain(co_source) {
        for target in &targets {
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
            // Cooperating with someone (تعاون، اتفاق، وقع مع) goes both ways, unless a nisba
            // makes it one side's ("تحالف أميركي مع أستراليا": the US leads it).
            if kind == RelationType::Cooperate
                && ctx.target_prep(target) == Some("مع")
                && source.kind != NameKind::Nisba
            {
                out.push(FoundEvent {
                    source: target.actor,
                    target: source.actor,
                    kind,
                    evidence: (start, end),
                });
            }
        }
    }
}

/// A capital joined by ل that the mention rules took as a place, right where the target of
/// backing would stand (tokens `from..=to`, the first word there).
fn capital_given_to(ctx: &ParaCtx, hits: &[Hit], from: usize, to: usize) -> Option<Hit> {
    let tokens = &ctx.para.tokens;
    let first = tokens.get(from)?;
    let h = hits[hits.partition_point(|h| h.start < first.start)..]
        .first()
        .filter(|h| h.kind == NameKind::Capital)?;
    let n = ctx.para.token_at_or_after(h.start - h.prefix_len);
    let prefix = &ctx.text[h.start - h.prefix_len..h.start];
    (n == from
        && n <= to
        && tokens[n].sentence == first.sentence
        && prefix.ends_with('ل')
        && ctx.mention_at_token(n).is_none())
    .then_some(*h)
}

/// How many words after a meeting or agreement word "بين" may come.
const BETWEEN_REACH: usize = 6;

/// "اتفاق بين أنقرة وواشنطن"، "الاتفاق الذي تم بين …"، "محادثات بين إيران والدول الست": the
/// two parties after بين (token `b`) of a meeting or agreement word just before it (with or
/// without the article) meet or cooperate, each with the other.
fn between(ctx: &ParaCtx, b: usize, out: &mut Vec<FoundEvent>) {
    let tokens = &ctx.para.tokens;
    let trigger = (b.saturating_sub(BETWEEN_REACH)..b)
        .rev()
        .take_while(|&n| tokens[n].sentence == tokens[b].sentence && !tokens[n + 1].comma_before)
        .find_map(|n| {
            let w = ctx.word(n);
            let kind = ctx
                .lex
                .event_trigger(w)
                .or_else(|| w.strip_prefix("ال").and_then(|x| ctx.lex.event_trigger(x)))?;
            matches!(kind, RelationType::Meet | RelationType::Cooperate).then_some((n, kind))
        });
    let Some((k, kind)) = trigger else {
        return;
    };
    let Some(first) = (b + 1 < tokens.len())
        .then(|| ctx.mention_at_token(b + 1))
        .flatten()
    else {
        return;
    };
    let after = ctx.para.token_at_or_after(first.end);
    let Some(second) = (after < tokens.len())
        .then(|| ctx.mention_at_token(after))
        .flatten()
        .filter(|m| ctx.prefix(m).starts_with('و'))
    else {
        return;
    };
    if ctx.top(first.actor) == ctx.top(second.actor) {
        return;
    }
    each_with_the_other(out, first, second, kind, (tokens[k].start, second.end));
}

/// How many words after a meeting word its participants may be listed.
const PARTICIPANT_REACH: usize = 30;
/// How many words (a head noun, an adjective) may stand between a participation word and the
/// actor it names ("بمشاركة القوات المسلحة اللبنانية").
const PARTICIPANT_GAP: usize = 3;

/// "الاجتماع الذي انعقد برئاسة الولايات المتحدة، وبمشاركة القوات المسلحة اللبنانية والقوات
/// الإسرائيلية"، "اجتماع … حضره الرئيس الفلسطيني": the actors after a participation word (the
/// lexicon's `participation_words`) in the sentence of a meeting word at `k`, and the subject
/// that holds or hosts it (اليونيفيل استضافت الاجتماع), all meet one another.
fn participants(ctx: &ParaCtx, k: usize, out: &mut Vec<FoundEvent>) {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[k].sentence;
    let end = (k + PARTICIPANT_REACH).min(tokens.len());
    let mut parties: Vec<&ParaMention> = Vec::new();
    // Words left before the current participation word stops naming actors.
    let mut budget = 0usize;
    let mut n = k + 1;
    while n < end && tokens[n].sentence == sentence {
        if let Some(m) = ctx.mention_at_token(n) {
            if budget > 0 {
                parties.push(m);
            }
            n = ctx.para.token_at_or_after(m.end);
            // "والقوات الإسرائيلية": a coordinated actor is a participant too.
            let joined = n < end && !tokens[n].comma_before && ctx.word(n).starts_with('و');
            budget = if budget > 0 && joined {
                PARTICIPANT_GAP
            } else {
                0
            };
            continue;
        }
        let w = ctx.word(n);
        if ctx
            .lex
            .participation_words
            .contains(w.strip_prefix('و').unwrap_or(w))
        {
            budget = PARTICIPANT_GAP + 1;
        } else if tokens[n].comma_before {
            budget = 0;
        }
        budget = budget.saturating_sub(1);
        n += 1;
    }
    if parties.is_empty() {
        return;
    }
    if let Some(host) = subject_before(ctx, k).or_else(|| holder(ctx, k)) {
        parties.insert(0, host);
    }
    let evidence_end = parties.iter().map(|p| p.end).max().unwrap_or(tokens[k].end);
    for (i, a) in parties.iter().enumerate() {
        for b in &parties[i + 1..] {
            if ctx.top(a.actor) != ctx.top(b.actor) {
                out.push(FoundEvent {
                    source: a.actor,
                    target: b.actor,
                    kind: RelationType::Meet,
                    evidence: (tokens[k].start.min(a.start), evidence_end),
                });
            }
        }
    }
}

/// How far before a meeting word the verb that holds it (عقد، استضاف) may stand.
const HOLDER_REACH: usize = 8;

/// "عقد المجلس الاستشاري لحركة فتح، اجتماعا": the subject of a verb of holding or hosting
/// (the lexicon's `host_verbs`) before the meeting word at `k`, the first actor after that verb,
/// even one joined by ل to its head noun or set off by a comma.
fn holder<'a>(ctx: &'a ParaCtx, k: usize) -> Option<&'a ParaMention> {
    let tokens = &ctx.para.tokens;
    let verb = (k.saturating_sub(HOLDER_REACH)..k).rev().find(|&n| {
        tokens[n].sentence == tokens[k].sentence && {
            let w = ctx.word(n);
            ctx.lex
                .host_verbs
                .contains(w.strip_prefix('و').unwrap_or(w))
        }
    })?;
    ctx.mentions_in(tokens[verb].end, tokens[k].start).next()
}

fn is_state(ctx: &ParaCtx, m: &ParaMention) -> bool {
    ctx.kind(ctx.top(m.actor)) == ActorKind::State
}

/// The nearest actor before the trigger in its sentence, not an addressee or object.
fn subject_before<'a>(ctx: &'a ParaCtx, k: usize) -> Option<&'a ParaMention> {
    let tokens = &ctx.para.tokens;
    let first = k.saturating_sub(SUBJECT_REACH);
    // Stay inside the clause: no comma between the subject and the trigger.
    // Nor a complementiser or reporting verb: "قال الوزير إن الهجمات …" starts a new clause.
    let clause_start = (first..=k)
        .rev()
        .find(|&n| {
            tokens[n].comma_before
                || (n < k
                    && (ctx.lex.complementisers.contains(ctx.word(n))
                        || ctx.lex.cue(ctx.word(n)).is_some()))
        })
        .map_or(tokens[first].start, |n| {
            if tokens[n].comma_before {
                tokens[n].start
            } else {
                tokens[n].end
            }
        });
    let (sentence_start, _) = ctx.para.sentences[tokens[k].sentence];
    let from = clause_start.max(sentence_start);
    // A nisba is the subject only after a title or body ("وزير الخارجية الإيراني").
    let titled = |m: &ParaMention| {
        let w = ctx.word_before(m.start - m.prefix_len);
        ctx.lex.titles.contains(w)
            || ctx.lex.title_complements.contains(w)
            || ctx.lex.institution_nouns.contains(w)
    };
    ctx.mentions_back(from, tokens[k].start).find(|m| {
        !ctx.is_addressee(m)
            && ctx.target_prep(m).is_none()
            && (m.kind != NameKind::Nisba || titled(m))
    })
}

/// "فصائل موالية لإيران"، "للمليشيات المدعومة من إيران": the sponsor backs the group before it.
fn backing(ctx: &ParaCtx, out: &mut Vec<FoundEvent>) {
    for m in ctx.mentions {
        let Some(sponsor_word) = ctx.sponsor_word_start(m) else {
            continue;
        };
        let Some(group) = ctx
            .mentions_back(0, sponsor_word)
            .next()
            .filter(|g| sponsor_word - g.end <= 2)
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
    for m in ctx.mentions {
        if let Some((backer, backed)) = supporter(ctx, m).or_else(|| enjoyed_support(ctx, m)) {
            if ctx.top(backer.actor) != ctx.top(backed.actor) {
                out.push(FoundEvent {
                    source: backer.actor,
                    target: backed.actor,
                    kind: RelationType::Cooperate,
                    evidence: (backer.start.min(backed.start), backer.end.max(backed.end)),
                });
            }
        }
    }
}

/// How many words before a supporter word the actor it describes may end.
const SUPPORTER_REACH: usize = 2;

/// "المقاومة اليمنية الداعمة للشرعية": the actor before a supporter word (see the lexicon's
/// `supporter_words`) backs `m`, the actor after it. Returns (backer, backed).
fn supporter<'a>(
    ctx: &'a ParaCtx,
    m: &'a ParaMention,
) -> Option<(&'a ParaMention, &'a ParaMention)> {
    let word_start = ctx.start_of_word_before(m.start - m.prefix_len);
    if !ctx
        .lex
        .supporter_words
        .contains(ctx.word_before(m.start - m.prefix_len))
    {
        return None;
    }
    let backer = ctx.mentions_back(0, word_start).next()?;
    let gap = ctx.para.token_at_or_after(word_start) - ctx.para.token_at_or_after(backer.end);
    (gap <= SUPPORTER_REACH && ctx.sentence_of(backer.start) == ctx.sentence_of(m.start))
        .then_some((m, backer))
        .map(|(backed, backer)| (backer, backed))
}

/// "البرلمان الذي يحظى بتأييد ميليشيات فجر ليبيا": `m`, after a support noun governed by
/// يحظى, backs the actor that enjoys it (the subject before يحظى). Returns (backer, backed).
fn enjoyed_support<'a>(
    ctx: &'a ParaCtx,
    m: &'a ParaMention,
) -> Option<(&'a ParaMention, &'a ParaMention)> {
    let noun_start = ctx.start_of_word_before(m.start - m.prefix_len);
    let noun = ctx.word_before(m.start - m.prefix_len);
    let noun = noun.strip_prefix('ب')?;
    if !(ctx.lex.support_nouns.contains(noun)
        && ctx.lex.enjoy_words.contains(ctx.word_before(noun_start)))
    {
        return None;
    }
    let verb_start = ctx.start_of_word_before(noun_start);
    let sentence = ctx.sentence_of(m.start);
    let mut pos = verb_start;
    // Over a relative pronoun (الذي، التي) and one more word to the subject.
    for _ in 0..SUPPORTER_REACH + 1 {
        if let Some(subject) = ctx
            .mentions_back(0, pos)
            .next()
            .filter(|s| ctx.para.token_at_or_after(s.end) == ctx.para.token_at_or_after(pos))
        {
            return (ctx.sentence_of(subject.start) == sentence && !ctx.is_addressee(subject))
                .then_some((m, subject));
        }
        pos = ctx.start_of_word_before(pos);
    }
    None
}

/// Two parties of an event each with the other (a meeting, an agreement, a fight between them).
fn each_with_the_other(
    out: &mut Vec<FoundEvent>,
    first: &ParaMention,
    second: &ParaMention,
    kind: RelationType,
    evidence: (usize, usize),
) {
    for (source, target) in [(first, second), (second, first)] {
        out.push(FoundEvent {
            source: source.actor,
            target: target.actor,
            kind,
            evidence,
        });
    }
}
