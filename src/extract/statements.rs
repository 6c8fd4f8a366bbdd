//! Statements: a reporting cue, the speaker nearest to it, the content it introduces (a quote or
//! the clause after أن/إن, or after the preposition the verb governs), addressees and the actors the
//! content is about.

use super::events::FoundEvent;
use super::lexicon::{kind_bit, Cue, CueClass, Lexicon};
use super::matcher::NameKind;
use super::tokens::Quote;
use super::word_flags::{ADDRESSEE_PREP, ATTRIBUTION, COMPLEMENTISER, SOURCE_WORD};
use super::{ParaCtx, ParaMention};
use crate::model::{ActorKind, RelationType};

/// Who said it, as far as this paragraph tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// A named actor and the mention that names it.
    Named { actor: u32, mention: Option<usize> },
    /// An unnamed source (مصدر حكومي); resolved against the whole document later.
    Unnamed,
}

/// A statement found in one paragraph, in folded byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundStatement {
    pub speaker: Speaker,
    pub cue: (usize, usize),
    pub content: (usize, usize),
    pub targets: Vec<u32>,
    pub kind: RelationType,
    pub quoted: bool,
}

/// How far after a cue its speaker and content may start, in words.
const WINDOW: usize = 24;
/// How far after a speech noun its content must start, in words.
const NOUN_WINDOW: usize = 3;

/// How many mentions or events back a cue looks for its subject or the meeting it refers to.
const LOOK_BACK: usize = 12;

/// How many time words may sit between a subject and its object.
const MAX_SKIP: usize = 4;

/// Finds the statements of one paragraph. `previous` holds the speakers of the last statement
/// before it (several when they said it together), for continuations such as وأضاف, and is
/// updated. A cue inside what was said whose subject stands right before it ("قالت الوكالة إن
/// أمير الكويت هنأ ظريف …") is a nested statement of its own.
pub fn find(
    ctx: &ParaCtx,
    events: &[FoundEvent],
    previous: &mut Vec<Speaker>,
) -> Vec<FoundStatement> {
    let tokens = &ctx.para.tokens;
    let mut out: Vec<FoundStatement> = Vec::new();
    let mut i = 0;
    let headline = headline_colon(ctx);
    if let Some(last) = headline.last() {
        i = ctx.para.token_at_or_after(last.content.1);
        *previous = vec![last.speaker];
    }
    out.extend(headline);
    // The content of the last statement, read again for nested statements.
    let mut inside = (0, 0);
    // The last statement that told a meeting, and how far `out` has been searched for it (kept
    // as the paragraph is read, so a long paragraph is not searched again at every cue).
    let (mut last_meeting, mut searched) = (None, 0);
    while i < tokens.len() {
        let nested = tokens[i].start < inside.1;
        if nested && !nested_cue(ctx, i, inside.0) {
            i += 1;
            continue;
        }
        let Some(cue) = ctx.info(i).cue else {
            if let Some(found) = attribution_after(ctx, i, &out, previous.last().copied()) {
                *previous = vec![found.speaker];
                out.push(found);
            }
            i += 1;
            continue;
        };
        let adjective = cue.class == CueClass::Participle && !participle_as_cue(ctx, i);
        if (!nested && ctx.para.quote_containing(tokens[i].start).is_some())
            || !needs_met(ctx, i)
            || adjective
        {
            i += 1;
            continue;
        }
        let prev_in_sentence = out
            .last()
            .filter(|s| ctx.sentence_of(s.cue.0) == tokens[i].sentence)
            .map(|s| s.speaker);
        // The two sides of the last meeting a statement told ("بحث … مع العبادي"), for
        // "ورحب كلا الجانبين" when no meeting event stands before it.
        if let Some(k) = out[searched..]
            .iter()
            .rposition(|s| s.kind == RelationType::Meet && !s.targets.is_empty())
        {
            last_meeting = Some(searched + k);
        }
        searched = out.len();
        let meeting_told: Vec<Speaker> = last_meeting
            .map(|k| &out[k])
            .map(|s| {
                let partner = Speaker::Named {
                    actor: s.targets[0],
                    mention: None,
                };
                vec![s.speaker, partner]
            })
            .unwrap_or_default();
        match read_statement(
            ctx,
            i,
            cue,
            events,
            previous,
            prev_in_sentence,
            &meeting_told,
        ) {
            Some(found) => {
                inside = found.content;
                let next = ctx.para.token_at_or_after(found.content.0);
                // A nested speaker is not the one the text goes on following ("وأضافت الوكالة").
                if !nested {
                    previous.clear();
                }
                for statement in found.into_statements(ctx) {
                    if !nested {
                        previous.push(statement.speaker);
                    }
                    out.push(statement);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether token `i`, inside content that starts at `content_start`, is a reporting verb with
/// its own subject right before it (no conjunction): "إن أمير الكويت هنأ ظريف".
fn nested_cue(ctx: &ParaCtx, i: usize, content_start: usize) -> bool {
    let word = ctx.word(i);
    ctx.lex
        .cues
        .get(word)
        .is_some_and(|c| c.class == CueClass::Verb && !c.dual)
        && subject_right_before(ctx, i).is_some_and(|m| {
            let at = m.start - m.prefix_len;
            // "قرار من مجلس الأمن يطالب": after من the actor is a source, not a subject.
            at >= content_start && !matches!(ctx.word_before(at), "من" | "عن" | "بين")
        })
}

/// How far after a cue the word it needs may stand (حمّل الرئيس الحكومة المسؤولية).
const NEEDS_REACH: usize = 12;

/// Whether a cue that needs a word after it (حمّل … المسؤولية) has it in its sentence.
fn needs_met(ctx: &ParaCtx, i: usize) -> bool {
    let Some(needed) = ctx.lex.cue_needs(ctx.word(i)) else {
        return true;
    };
    let tokens = &ctx.para.tokens;
    (i + 1..(i + 1 + NEEDS_REACH).min(tokens.len()))
        .take_while(|&n| tokens[n].sentence == tokens[i].sentence)
        .any(|n| ctx.word(n) == needed)
}

/// How many words after an attribution word its source may be named (بحسب ما أفادت مصادر …).
const ATTRIBUTION_REACH: usize = 4;

/// A narrated clause attributed after it: "قتل 30 شخصا …، بحسب ما أفادت مصادر أمنية"، "…
/// بحسب الوزارة". The source speaks; what it said is the clause before the attribution (from
/// the sentence's start after a comma, else from the clause's start), unless a statement
/// already holds it.
fn attribution_after(
    ctx: &ParaCtx,
    k: usize,
    out: &[FoundStatement],
    previous: Option<Speaker>,
) -> Option<FoundStatement> {
    let tokens = &ctx.para.tokens;
    if !ctx.info(k).has(ATTRIBUTION) || ctx.para.quote_containing(tokens[k].start).is_some() {
        return None;
    }
    let sentence = tokens[k].sentence;
    let (sentence_start, _) = ctx.para.sentences[sentence];
    let first = ctx.para.token_at_or_after(sentence_start);
    let mut start = if tokens[k].comma_before {
        first
    } else {
        (first..k)
            .rev()
            .find(|&n| tokens[n].comma_before)
            .unwrap_or(first)
    };
    if let Some(last) = out.last() {
        start = start.max(ctx.para.token_at_or_after(last.content.1));
    }
    if start >= k || k - start < 3 {
        return None;
    }
    // Who is credited: a named actor, an unnamed source, or a noun pointing back (الوزارة).
    let mut speaker = None;
    for n in k + 1..(k + 1 + ATTRIBUTION_REACH).min(tokens.len()) {
        if tokens[n].sentence != sentence || (n > k + 1 && tokens[n].comma_before) {
            break;
        }
        if let Some(m) = ctx.mention_at_token(n) {
            if ctx.word_before(m.start - m.prefix_len) != "في" {
                speaker = Some(Speaker::Named {
                    actor: m.actor,
                    mention: Some(m.index),
                });
            }
            break;
        }
        let w = ctx.word(n);
        let lex = ctx.lex;
        if lex.source_words.contains(w) {
            // "مصادر أمنية عراقية": the nisba says whose sources they are.
            let nisba = (n + 1..(n + 3).min(tokens.len()))
                .filter_map(|x| ctx.mention_at_token(x))
                .find(|m| m.kind == NameKind::Nisba);
            speaker = Some(nisba.map_or(Speaker::Unnamed, |m| Speaker::Named {
                actor: m.actor,
                mention: Some(m.index),
            }));
            break;
        }
        let body = lex.institution_nouns.contains(w) || lex.titles.contains(w);
        if n == k + 1 && body && w.starts_with("ال") {
            speaker = previous;
            break;
        }
        // Only "ما أفادت"، "نقلا عن"، a naming noun or a title may stand before the source:
        // "وفق قرار مجلس الأمن" credits no one.
        let lead_in = matches!(w, "ما" | "عن")
            || lex.cue(w).is_some()
            || lex.naming_nouns.contains(w)
            || body
            || lex.title_complements.contains(w);
        if !lead_in {
            break;
        }
    }
    let content = (tokens[start].start, tokens[k - 1].end);
    let speaker = match speaker? {
        Speaker::Unnamed => local_source(ctx, content.0, content.1),
        named => named,
    };
    let cue = Cue {
        class: CueClass::Verb,
        kind: RelationType::Statement,
        dual: false,
        governs: None,
    };
    let targets = ctx
        .mentions_in(content.0, content.1)
        .filter(|t| is_target_in_content(ctx, t))
        .filter(|t| match speaker {
            Speaker::Named { actor, .. } => ctx.top(t.actor) != ctx.top(actor),
            Speaker::Unnamed => true,
        })
        .map(|t| t.actor)
        .fold(Vec::new(), |mut v, a| {
            if !v.contains(&a) {
                v.push(a);
            }
            v
        });
    Some(FoundStatement {
        speaker,
        cue: (tokens[k].start, tokens[k].end),
        content,
        targets,
        kind: speech_act(ctx, cue, content.0, content.1, false),
        quoted: false,
    })
}

/// An unnamed source (مصادر أمنية وطبية) speaks for the state where what it reports happened: a
/// state or capital named as a place in the content ("قتل 30 شخصا … في العراق"، "منطقة بغداد
/// الجديدة"); with none, it stays unnamed (the article's home state).
fn local_source(ctx: &ParaCtx, start: usize, end: usize) -> Speaker {
    ctx.mentions_in(start, end)
        .find(|m| {
            ctx.kind(m.actor) == ActorKind::State
                && (m.kind == NameKind::Capital
                    || ctx
                        .lex
                        .locative_words
                        .contains(ctx.word_before(m.start - m.prefix_len)))
        })
        .map_or(Speaker::Unnamed, |m| Speaker::Named {
            actor: m.actor,
            mention: Some(m.index),
        })
}

/// A paragraph this short is a headline: each of its sentences may be "X: …".
const HEADLINE_WORDS: usize = 30;

/// A headline of the form "X: …" ("كيري: …"، "\"عسيري\": …"، "ياسين ل«الرياض»: …"، "… والحوثيون:
/// …"): the actor named at the start of a line, right before the colon, says what follows. A
/// second clause joined by و and opened by a negation or a future verb ("X: A ولا B"، "X: A
/// وسنرد …") is a second statement.
fn headline_colon(ctx: &ParaCtx) -> Vec<FoundStatement> {
    let sentences = if ctx.para.tokens.len() <= HEADLINE_WORDS {
        &ctx.para.sentences[..]
    } else {
        &ctx.para.sentences[..ctx.para.sentences.len().min(1)]
    };
    sentences
        .iter()
        .find_map(|&(start, end)| headline_sentence(ctx, start, end))
        .unwrap_or_default()
}

/// Closing marks that may stand between a name and its colon.
fn is_closing_mark(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '»' | '”' | '\'' | '›')
}

/// Whether `outlet` is the outlet a speaker spoke to, right after the name that ends at `name_end`
/// ("ياسين ل «الرياض»"، "ياسين لـ«الرياض»").
fn spoken_to_outlet(ctx: &ParaCtx, name_end: usize, outlet: &ParaMention) -> bool {
    if ctx.kind(outlet.actor) != ActorKind::Media || name_end > outlet.start - outlet.prefix_len {
        return false;
    }
    let between = ctx.text[name_end..outlet.start - outlet.prefix_len]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '«' | '“'));
    between == "ل" || (between.is_empty() && ctx.prefix(outlet).ends_with('ل'))
}

/// Where the line that holds `pos` starts inside its sentence: after the last ".." or "|" that
/// joins two headlines ("12 غارة أمريكية على اليمن.. والحوثيون: …").
fn line_start(ctx: &ParaCtx, sentence_start: usize, pos: usize) -> usize {
    let lead = &ctx.text[sentence_start..pos];
    lead.rfind("..")
        .map(|at| at + 2)
        .into_iter()
        .chain(lead.rfind('|').map(|at| at + 1))
        .max()
        .map_or(sentence_start, |at| sentence_start + at)
}

fn headline_sentence(
    ctx: &ParaCtx,
    sentence_start: usize,
    sentence_end: usize,
) -> Option<Vec<FoundStatement>> {
    // The first colon outside quotes; the name right before it speaks.
    let colon = ctx.text[sentence_start..sentence_end]
        .match_indices(':')
        .map(|(at, _)| sentence_start + at)
        .find(|&c| ctx.para.quote_containing(c).is_none())?;
    let mut before = ctx.mentions_back(sentence_start, colon);
    let mut m = before.next()?;
    let mut name_end = m.end;
    if let Some(speaker) = before.next().filter(|s| spoken_to_outlet(ctx, s.end, m)) {
        name_end = m.end;
        m = speaker;
    }
    let after = ctx.text[name_end..].trim_start_matches(is_closing_mark);
    if ctx.text.len() - after.len() != colon {
        return None;
    }
    // The speaker opens its line, at most after a title or two ("وزير الخارجية الإيراني:").
    // An outlet one spoke to (ل«الرياض») is not the speaker.
    let first_token = ctx
        .para
        .token_at_or_after(line_start(ctx, sentence_start, m.start));
    let name_token = ctx.para.token_at_or_after(m.start);
    let spoken_to = ctx.is_addressee(m) || ctx.word_before(m.start - m.prefix_len) == "ل";
    // "وأضاف كيري: …" is the cue's statement, not a headline.
    let after_cue = (first_token..name_token).any(|n| ctx.lex.cue(ctx.word(n)).is_some());
    if after_cue || name_token > first_token + 3 || spoken_to {
        return None;
    }
    let k = ctx.para.token_at_or_after(colon);
    let quote = ctx
        .para
        .quote_opening_in(colon, ctx.para.tokens.get(k)?.start + 1)
        // A quoted name that opens the content ("«حماس» لم تعط …") is not all of it.
        .filter(|q| !is_name_quote(ctx, q.inner_start, q.inner_end, colon));
    let (start, end, quoted) = match quote {
        Some(q) => (q.inner_start, q.inner_end, true),
        None => clause_from(ctx, k, sentence_end)?,
    };
    let parts = if quoted {
        vec![(start, end)]
    } else {
        headline_clauses(ctx, k, start, end)
    };
    let cue = Cue {
        class: CueClass::Verb,
        kind: RelationType::Statement,
        dual: false,
        governs: None,
    };
    let speaker = Speaker::Named {
        actor: m.actor,
        mention: Some(m.index),
    };
    Some(
        parts
            .into_iter()
            .map(|(start, end)| FoundStatement {
                speaker,
                cue: (colon, colon + 1),
                content: (start, end),
                targets: targets_in(ctx, start, end, m.actor),
                kind: speech_act(ctx, cue, start, end, has_partner(ctx, start, end, m.actor)),
                quoted,
            })
            .collect(),
    )
}

/// The actors a headline's speech is about: every one named in it but the speaker's side.
fn targets_in(ctx: &ParaCtx, start: usize, end: usize, speaker: u32) -> Vec<u32> {
    ctx.mentions_in(start, end)
        .filter(|t| ctx.top(t.actor) != ctx.top(speaker))
        .filter(|t| is_target_in_content(ctx, t))
        .map(|t| t.actor)
        .fold(Vec::new(), |mut v, a| {
            if !v.contains(&a) {
                v.push(a);
            }
            v
        })
}

/// How many words each clause of a split headline has at least.
const MIN_CLAUSE_WORDS: usize = 2;

/// A headline's unquoted speech cut where و opens a new clause with a negation or a future verb
/// (the `clause_openers` list): "لا بديل عن الاتفاق … وسنرد في حال خرقه" says two things.
fn headline_clauses(ctx: &ParaCtx, first: usize, start: usize, end: usize) -> Vec<(usize, usize)> {
    let tokens = &ctx.para.tokens;
    let mut parts = Vec::new();
    let (mut from, mut from_token) = (start, first);
    let last = ctx.para.token_at_or_after(end);
    for n in first + MIN_CLAUSE_WORDS..last.saturating_sub(MIN_CLAUSE_WORDS - 1) {
        if n < from_token + MIN_CLAUSE_WORDS || !opens_clause(ctx.lex, ctx.word(n)) {
            continue;
        }
        if ctx.para.quote_containing(tokens[n].start).is_some() {
            continue;
        }
        parts.push((from, tokens[n - 1].end));
        (from, from_token) = (tokens[n].start + 'و'.len_utf8(), n);
    }
    parts.push((from, end));
    parts
}

/// Whether a word joined by و opens a clause of its own: و + a negation (ولا، ولن، ولم) or و + a
/// future verb (وسنرد، وسيواصل), by the `clause_openers` and `future_prefixes` lists.
fn opens_clause(lex: &Lexicon, w: &str) -> bool {
    let Some(rest) = w.strip_prefix('و') else {
        return false;
    };
    if lex.clause_openers.contains(rest) {
        return true;
    }
    // A future verb: a future prefix, then a stem of two letters or more (not a noun in ه: وسيله).
    let prefix_end = rest.char_indices().nth(2).map_or(rest.len(), |(at, _)| at);
    lex.future_prefixes.contains(&rest[..prefix_end])
        && rest.chars().count() >= 4
        && !rest.ends_with('ه')
}

/// A statement before it is split per speaker (a dual verb has two).
struct Reading {
    speakers: Vec<Speaker>,
    /// Whether the speakers address each other (a dual verb, a meeting).
    mutual: bool,
    cue: (usize, usize),
    content: (usize, usize),
    targets: Vec<u32>,
    kind: RelationType,
    quoted: bool,
}

impl Reading {
    fn into_statements(self, ctx: &ParaCtx) -> Vec<FoundStatement> {
        let Reading {
            speakers,
            mutual,
            cue,
            content,
            targets,
            kind,
            quoted,
        } = self;
        speakers
            .iter()
            .map(|&speaker| {
                let own = match speaker {
                    Speaker::Named { actor, .. } => Some(ctx.top(actor)),
                    Speaker::Unnamed => None,
                };
                let mut targets: Vec<u32> = targets
                    .iter()
                    .copied()
                    .filter(|&t| Some(ctx.top(t)) != own)
                    .collect();
                // Two speakers of one dual verb address each other.
                for other in speakers.iter().filter(|_| mutual) {
                    if let Speaker::Named { actor, .. } = other {
                        if Some(ctx.top(*actor)) != own && !targets.contains(actor) {
                            targets.push(*actor);
                        }
                    }
                }
                FoundStatement {
                    speaker,
                    cue,
                    content,
                    targets,
                    kind,
                    quoted,
                }
            })
            .collect()
    }
}

fn read_statement(
    ctx: &ParaCtx,
    i: usize,
    cue: Cue,
    events: &[FoundEvent],
    previous: &[Speaker],
    prev_in_sentence: Option<Speaker>,
    meeting_told: &[Speaker],
) -> Option<Reading> {
    let tokens = &ctx.para.tokens;
    let sentence = tokens[i].sentence;
    let (_, sentence_end) = ctx.para.sentences[sentence];
    let window = if cue.class == CueClass::Noun {
        NOUN_WINDOW
    } else {
        WINDOW
    };
    let mut subject: Vec<&ParaMention> = Vec::new();
    let mut addressees: Vec<u32> = Vec::new();
    let mut unnamed_source = false;
    // "مصدر حكومي": an official source speaks for the government, wherever its news happened.
    let mut official_source = false;
    let mut anaphoric_subject = false;
    let mut own_subject = false;
    // The state an institution noun right after the verb sits in ("الحكومة … في ليبيا"), when
    // no actor is named before it.
    let mut seat: Option<&ParaMention> = None;
    let mut actor_seen = false;
    let mut addressee_next = false;
    let mut content: Option<(usize, usize, bool)> = None;
    let mut last_end = tokens[i].end;
    // Whether a word of a noun-phrase object has been read after the subject (np cues only).
    let np_cue =
        cue.class != CueClass::Noun && ctx.lex.np_object_cues.contains(strip_conj(ctx.word(i)));
    let mut np_words_before = false;
    let mut k = i + 1;
    let limit = (i + 1 + window).min(tokens.len());
    while k < limit && tokens[k].sentence == sentence {
        let tok = tokens[k];
        let quote_here = ctx.para.quote_opening_in(last_end, tok.start + 1);
        if quote_here.is_none() {
            if let Some(start) = unclosed_quote(ctx, last_end, tok.start) {
                // "وقال لافروف “المحادثات تتعلق …" with no closing mark: the speech runs to the
                // end of the sentence.
                let said = ctx.text[start..sentence_end]
                    .trim_end_matches(|c: char| !super::fold::is_word_char(c));
                content = Some((start, start + said.len(), true));
                break;
            }
        }
        if let Some(q) = quote_here {
            if np_words_before {
                // "أعلن الحوثيون تنفيذ هجوم … من طراز «ذو الفقار»": the quote is inside the
                // noun-phrase object, which is the content.
                break;
            }
            if k == i + 1 && quoted_subject(ctx, q) {
                // "وقالت «وسائل إعلام حوثية»، إن …": the quote names who speaks; its words
                // are read as the subject's.
            } else if !is_name_quote(ctx, q.inner_start, q.inner_end, last_end) && !runs_on(ctx, q)
            {
                content = Some((q.inner_start, q.inner_end, true));
                break;
            }
        }
        if let Some(m) = ctx.mention_at_token(k) {
            let place = matches!(ctx.word_before(m.start - m.prefix_len), "في" | "لدي");
            if place && own_subject && !actor_seen && ctx.kind(m.actor) == ActorKind::State {
                // "حثت الحكومة المعترف بها دوليا في ليبيا …": the state the unnamed body is in.
                seat = Some(m);
            }
            actor_seen = true;
            if place
                || ctx.is_sponsor(m)
                || anaphoric_subject
                || super::targets::is_channel(ctx, m)
                || super::targets::is_fought(ctx, m)
            {
                // A place, a backer (موالية لإيران), the outlet a source spoke to, or the enemy
                // a title names (المبعوث للتحالف لمواجهة داعش): neither speaks nor listens.
            } else if subject.is_empty() && addressees.is_empty() && body_of_title(ctx, m) {
                // "وقال المبعوث الخاص للأمم المتحدة": the body the title serves speaks.
                subject.push(m);
            } else if addressee_next || ctx.is_addressee(m) || cue.class == CueClass::Participle {
                // A participle's subject is its clause's; an actor after it is its object
                // ("محملا إسرائيل المسؤولية").
                addressees.push(m.actor);
            } else if m.kind != NameKind::Nisba || describes_speaker(ctx, m) {
                subject.push(m);
            }
            addressee_next = false;
            last_end = m.end;
            k = ctx.para.token_at_or_after(m.end);
            continue;
        }
        let w = ctx.word(k);
        if matches!(w, "التي" | "الذي" | "الذين") {
            // A relative clause describes the subject; its actors neither speak nor listen. It
            // ends at a comma, a quote, or a complementiser unless it has a cue of its own
            // ("المنظمة التي تتخذ مقرا في لندن أن …").
            k += 1;
            let mut own_cue = false;
            while k < limit
                && tokens[k].sentence == sentence
                && !tokens[k].comma_before
                && ctx
                    .para
                    .quote_opening_in(tokens[k - 1].end, tokens[k].start + 1)
                    .is_none()
                && (own_cue || !ctx.lex.complementisers.contains(ctx.word(k)))
            {
                own_cue |= ctx.lex.cue(ctx.word(k)).is_some();
                k += 1;
            }
            last_end = tokens[k.min(tokens.len()) - 1].end;
            continue;
        }
        if k == i + 1 && cue.class == CueClass::Verb && !cue.dual && !colon_before(ctx, k) {
            // "وأعلنت رئاسة محكمة …": a verb followed by a noun has that noun as its subject,
            // even one no list knows; the actor before the verb is not the speaker then.
            own_subject = !(ctx.info(k).has(COMPLEMENTISER)
                || ctx.lex.non_name_words.contains(w)
                || ctx.lex.time_words.contains(w)
                || ctx.lex.addressee_preps.contains(w)
                || cue.governs == Some(w)
                || ctx.info(k).cue.is_some()
                || w.starts_with(['ب', 'ل'])
                || ctx
                    .para
                    .quote_opening_in(tokens[i].end, tok.start + 1)
                    .is_some());
        }
        if k == i + 1 && cue.class == CueClass::Continuation && w.starts_with("ال") {
            // "وأضافت الصحيفة": a noun that points back to the previous speaker.
            anaphoric_subject = true;
        }
        if ctx.info(k).has(COMPLEMENTISER) {
            content = clause_after(ctx, k, sentence_end);
            break;
        }
        if colon_before(ctx, k) && cue.class != CueClass::Noun {
            // "وأضاف: نحن نطالب …": speech after a colon, with no marks.
            content = clause_from(ctx, k, sentence_end);
            break;
        }
        if w.starts_with("مسؤوليت") && cue.governs == Some("عن") {
            // "أعلنت ... مسؤوليتها عن": the claim itself is the content.
            content = clause_from(ctx, k, sentence_end);
            break;
        }
        if cue.governs == Some(w) {
            let after =
                (k + 1..(k + 3).min(tokens.len())).find(|&n| ctx.info(n).has(COMPLEMENTISER));
            content = clause_after(ctx, after.unwrap_or(k), sentence_end);
            break;
        }
        if cue.governs == Some("الي") && w.starts_with('ل') && w.chars().count() > 4 {
            // "يدعو العراق لمواصلة العمليات": ل for إلى, kept on the content's first word.
            content = clause_to_comma(ctx, k, sentence_end);
            break;
        }
        if governs_clitic_b(cue) && w.starts_with('ب') && (w.chars().count() > 3 || w == "بما")
        {
            content = clause_to_comma(ctx, k, sentence_end);
            break;
        }
        if ctx.info(k).cue.is_some_and(|c| c.class != CueClass::Noun) {
            break;
        }
        if ctx.info(k).has(SOURCE_WORD) {
            unnamed_source = true;
        }
        official_source |= unnamed_source && ctx.lex.official_source_words.contains(w);
        np_words_before |= np_cue
            && !subject.is_empty()
            && !ctx.lex.time_words.contains(w)
            && !ctx.lex.titles.contains(w)
            && !ctx.lex.title_complements.contains(w)
            && !ctx.lex.naming_nouns.contains(w)
            && !ctx.lex.non_name_words.contains(w)
            && ctx.lex.cue(w).is_none();
        addressee_next = ctx.info(k).has(ADDRESSEE_PREP);
        last_end = tok.end;
        k += 1;
    }
    let content = match content {
        Some(c) => c,
        None if cue.class != CueClass::Noun
            && ctx.lex.np_object_cues.contains(strip_conj(ctx.word(i))) =>
        {
            np_object(ctx, i, &subject, sentence_end)?
        }
        // "مؤكدا ضرورة التعاون"، "مؤكدًا على أهمية استقرارها": a participle's object.
        None if cue.class == CueClass::Participle => participle_object(ctx, i, sentence_end)?,
        None => return None,
    };
    let (content_start, content_end, quoted) = content;
    if content_end <= content_start {
        return None;
    }
    let mut speakers = Vec::new();
    let mut relayed = false;
    let both_sides = tokens
        .get(i + 1)
        .is_some_and(|_| is_both_sides(ctx.word(i + 1)));
    // "بايدن يدعو العراق لـ…"، "باريس انتقدت …": an actor right before a verb with no
    // conjunction is its subject; the actors after it are objects.
    let conjoined = !ctx.lex.cues.contains_key(ctx.word(i));
    let before_verb = (cue.class == CueClass::Verb && !cue.dual && !conjoined)
        .then(|| subject_right_before(ctx, i))
        .flatten();
    if both_sides {
        // "ورحب كلا الجانبين"، "وأكد الطرفان": the two parties of the meeting before.
        speakers = dual_speakers(ctx, events, i);
        if speakers.is_empty() {
            speakers = meeting_told.to_vec();
        }
    } else if let Some(m) = before_verb {
        speakers.push(Speaker::Named {
            actor: m.actor,
            mention: Some(m.index),
        });
    } else if let Some(m) = seat.filter(|_| institution_subject(ctx, i)) {
        // "حثت الحكومة … في ليبيا المجتمع الدولي على …": the body of that state speaks; the
        // actors after it are its objects.
        speakers.push(Speaker::Named {
            actor: m.actor,
            mention: Some(m.index),
        });
    } else if anaphoric_subject {
        speakers.extend(previous.iter().copied());
    } else if let Some(m) = relayed_source(ctx, i, &subject) {
        // "ونقلت وكالة تسنيم عن عبد اللهيان قوله": the one quoted speaks, not the outlet,
        // which is only the channel.
        relayed = true;
        speakers.push(Speaker::Named {
            actor: m.actor,
            mention: Some(m.index),
        });
    } else if let Some(m) = pick_subject(ctx, &subject) {
        speakers.push(Speaker::Named {
            actor: m.actor,
            mention: Some(m.index),
        });
        // "وقالت فرنسا وبريطانيا إن …": each coordinated subject says it.
        if cue.class != CueClass::Participle {
            for other in coordinated_after(ctx, m, &subject) {
                speakers.push(Speaker::Named {
                    actor: other.actor,
                    mention: Some(other.index),
                });
            }
        }
    } else if unnamed_source && official_source {
        speakers.push(Speaker::Unnamed);
    } else if unnamed_source {
        speakers.push(local_source(ctx, content_start, content_end));
    } else if own_subject && !subject_adjacent(ctx, i) {
        // An unknown subject: a title, a speech noun or a definite body noun points back to
        // the last speaker ("وقال الوزير"، "وأكد البيان"، "وأفادت المنظمة"); anything else is a
        // body the lists do not know.
        let w = ctx.word(i + 1);
        // A definite body noun (وأفادت المنظمة، وقالت الحركة) is the body the text follows,
        // when that is a body and not a person.
        let following_body = matches!(previous.last(), Some(Speaker::Named { actor, .. })
            if ctx.kind(*actor) != ActorKind::Person);
        let body = following_body
            && w.strip_prefix("ال").is_some_and(|noun| {
                ctx.lex.institution_nouns.contains(noun) || ctx.lex.group_heads.contains(noun)
            });
        let pointing = ctx.lex.titles.contains(w) || ctx.lex.cue(w).is_some() || body;
        if !pointing {
            return None;
        }
    } else if cue.class == CueClass::Verb && !cue.dual {
        if let Some(m) = subject_before(ctx, i) {
            speakers.push(Speaker::Named {
                actor: m.actor,
                mention: Some(m.index),
            });
        }
    } else if cue.class == CueClass::Participle {
        if let Some(s) = prev_in_sentence {
            speakers.push(s);
        } else if let Some(m) = subject_before(ctx, i) {
            speakers.push(Speaker::Named {
                actor: m.actor,
                mention: Some(m.index),
            });
        }
    }
    if cue.dual && speakers.is_empty() {
        speakers = dual_speakers(ctx, events, i);
        if speakers.is_empty() {
            speakers = meeting_told.to_vec();
        }
    }
    if speakers.is_empty() {
        // "يذكر أن القوات - وبحسب قناة العربية - أحبطت …": who the content itself credits.
        speakers.extend(credited_inside(ctx, content_start, content_end));
    }
    if speakers.is_empty() {
        speakers.extend(previous.iter().copied());
    }
    if speakers.is_empty() {
        return None;
    }
    let mut targets = addressees;
    // Further actors after the speaker are objects: "دعت السعودية مجلس الأمن إلى".
    let speaking = |a: u32| {
        speakers.iter().any(|s| match s {
            Speaker::Named { actor, .. } => ctx.top(*actor) == ctx.top(a),
            Speaker::Unnamed => false,
        })
    };
    if let Speaker::Named { .. } = speakers[0] {
        let relayer = |m: &ParaMention| relayed && ctx.kind(m.actor) == ActorKind::Media;
        for m in subject.iter().filter(|m| !speaking(m.actor) && !relayer(m)) {
            if m.kind != super::matcher::NameKind::Nisba && !targets.contains(&m.actor) {
                targets.push(m.actor);
            }
        }
    }
    if cue.class == CueClass::Participle || cue.class == CueClass::Noun {
        // "يوجه رسالة إلى مجلس الأمن مؤكدا": the addressee stands before the cue; so does the
        // recipient of a pledge or threat ("حصلت بغداد ... على تعهدات إيرانية").
        targets.extend(addressee_before(ctx, i, cue.class));
    }
    let speaker_tops: Vec<u32> = speakers
        .iter()
        .filter_map(|s| match s {
            Speaker::Named { actor, .. } => Some(ctx.top(*actor)),
            Speaker::Unnamed => None,
        })
        .collect();
    let before_content = targets.len();
    let events_inside = events_in(events, content_start, content_end);
    for m in ctx.mentions_in(content_start, content_end) {
        // Whom a third party acts on, inside the content, is that party's target, not the
        // speaker's ("العدوان الصهيوني على فلسطين").
        let third_party_object = events_inside.iter().any(|e| {
            e.target == m.actor
                && e.kind != RelationType::Cooperate
                && e.evidence.1 <= content_end
                && !speaker_tops.contains(&ctx.top(e.source))
        });
        if is_target_in_content(ctx, m) && !third_party_object && !targets.contains(&m.actor) {
            targets.push(m.actor);
        }
    }
    let with_partner = speaker_tops
        .first()
        .is_some_and(|&own| has_partner(ctx, content_start, content_end, own));
    let takes_part = speakers.len() > 1
        || speaker_tops.first().is_some_and(|&own| {
            names_speaker(ctx, content_start, content_end, own)
                || met_before(ctx, events, tokens[i].start, own)
        });
    let kind = speech_act(
        ctx,
        cue,
        content_start,
        content_end,
        with_partner || takes_part,
    );
    if kind == RelationType::Meet && cue.kind != RelationType::Meet && with_partner {
        // A meeting told in the content is with the actors after مع, not with everyone named
        // in it ("بحث في اتصال مع بان كي مون العمليات ضد داعش").
        let content_targets = targets.split_off(before_content);
        targets.extend(
            content_targets
                .into_iter()
                .filter(|&t| is_partner_of(ctx, content_start, content_end, t)),
        );
    }
    Some(Reading {
        mutual: cue.dual || both_sides || kind == RelationType::Meet,
        speakers,
        cue: (tokens[i].start, tokens[i].end),
        content: (content_start, content_end),
        targets,
        kind,
        quoted,
    })
}

/// The actor an attribution inside the content credits ("… - وبحسب قناة العربية - …"،
/// "… حسب وكالة الأنباء …"): an attribution word, then within a few naming words a named actor
/// that is not a place.
fn credited_inside(ctx: &ParaCtx, start: usize, end: usize) -> Option<Speaker> {
    let tokens = &ctx.para.tokens;
    let first = ctx.para.token_at_or_after(start);
    let last = ctx.para.token_at_or_after(end);
    let k = (first + 1..last).find(|&k| ctx.info(k).has(ATTRIBUTION))?;
    let reach = (k + 1 + ATTRIBUTION_REACH).min(last);
    for (n, t) in tokens.iter().enumerate().take(reach).skip(k + 1) {
        if let Some(m) = ctx.mention_at_token(n) {
            let place = ctx.word_before(m.start - m.prefix_len) == "في";
            return (!place).then_some(Speaker::Named {
                actor: m.actor,
                mention: Some(m.index),
            });
        }
        let w = ctx.word(n);
        let lead_in = matches!(w, "ما" | "عن")
            || ctx.lex.cue(w).is_some()
            || ctx.lex.naming_nouns.contains(w)
            || ctx.lex.outlet_nouns.contains(w);
        if !lead_in || t.comma_before {
            return None;
        }
    }
    None
}

/// Whether `m`, joined by ل, completes a title right before it: "المبعوث الخاص للأمم المتحدة"،
/// "الممثل الأعلى للاتحاد الأوروبي".
fn body_of_title(ctx: &ParaCtx, m: &ParaMention) -> bool {
    let at = m.start - m.prefix_len;
    let prev = ctx.word_before(at);
    ctx.prefix(m).ends_with('ل')
        && (ctx.lex.titles.contains(prev) || ctx.lex.title_complements.contains(prev))
}

/// Whether the word after cue `i` is a definite institution noun (الحكومة، السلطات، الشرطة).
fn institution_subject(ctx: &ParaCtx, i: usize) -> bool {
    let tokens = &ctx.para.tokens;
    i + 1 < tokens.len() && {
        let w = ctx.word(i + 1);
        w.starts_with("ال") && ctx.lex.institution_nouns.contains(w)
    }
}

/// The events whose evidence starts inside `[start, end)` (events are sorted by evidence start).
fn events_in(events: &[FoundEvent], start: usize, end: usize) -> &[FoundEvent] {
    let from = events.partition_point(|e| e.evidence.0 < start);
    let to = events.partition_point(|e| e.evidence.0 < end);
    &events[from..to.max(from)]
}

fn strip_conj(w: &str) -> &str {
    w.strip_prefix('و').unwrap_or(w)
}

fn governs_clitic_b(cue: Cue) -> bool {
    cue.governs == Some("ب")
        || matches!(
            cue.kind,
            RelationType::Demand
                | RelationType::Threaten
                | RelationType::Cooperate
                | RelationType::Accuse
        )
        || cue.class == CueClass::Noun
}

/// A quote that only names something: an actor's name in marks, or one or two words after a
/// naming noun (على موقع "إكس").
fn is_name_quote(ctx: &ParaCtx, inner_start: usize, inner_end: usize, before: usize) -> bool {
    // Only the first mention that reaches the quote's end can also start at its beginning.
    let at = ctx.mentions.partition_point(|m| m.end + 1 < inner_end);
    if ctx
        .mentions
        .get(at)
        .is_some_and(|m| m.start <= inner_start + 1)
    {
        return true;
    }
    let words = ctx.text[inner_start..inner_end]
        .split_whitespace()
        .take(3)
        .count();
    let prev_word = ctx.text[..before.min(ctx.text.len())]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // "فصيل يدعى «المقاومة الإسلامية في العراق - مجموعة الظافرين»": what a thing is called.
    let called = ctx.lex.naming_verbs.contains(prev_word);
    (words <= 2 && ctx.lex.naming_nouns.contains(prev_word))
        || (called && words <= QUOTED_SUBJECT_WORDS + 2)
}

/// Where the speech starts after an opening mark in `[from, to)` that no mark closes (the
/// tokenizer pairs only closed quotes), if there is one.
fn unclosed_quote(ctx: &ParaCtx, from: usize, to: usize) -> Option<usize> {
    let gap = ctx.text.get(from..to)?;
    // A straight mark that closes a quote is not an opening one.
    let closes = |at: usize| {
        ctx.para
            .quote_containing(at.saturating_sub(1))
            .is_some_and(|q| q.inner_end == at)
    };
    let (at, c) = gap
        .char_indices()
        .find(|&(at, c)| matches!(c, '«' | '“' | '"' | '„') && !closes(from + at))?;
    let start = from + at + c.len_utf8();
    (ctx.para.quote_containing(start).is_none()
        && ctx.para.quote_opening_in(start, ctx.text.len()).is_none())
    .then_some(start)
}

/// How many words a quote that names the speaker has at most.
const QUOTED_SUBJECT_WORDS: usize = 4;

/// Whether a short quote right after a cue, followed by a complementiser, names the speaker
/// ("وقالت «وسائل إعلام حوثية»، إن …").
fn quoted_subject(ctx: &ParaCtx, q: Quote) -> bool {
    let words = ctx.text[q.inner_start..q.inner_end]
        .split_whitespace()
        .count();
    let after = ctx.para.token_at_or_after(q.inner_end + 1);
    words <= QUOTED_SUBJECT_WORDS
        && after < ctx.para.tokens.len()
        && ctx.lex.complementisers.contains(ctx.word(after))
}

/// Whether the clause goes on after a quote with no punctuation: the marks hold a phrase or a
/// name inside a longer clause ("أن \"لا صلة\" بين الضربات …"، "«ذو الفقار» والآخر …"), not all
/// that was said.
fn runs_on(ctx: &ParaCtx, q: Quote) -> bool {
    let tokens = &ctx.para.tokens;
    let next = ctx.para.token_at_or_after(q.inner_end + 1);
    let last = ctx.para.token_at_or_after(q.inner_end);
    // A closing mark glued to the next word opens a quote instead: the marks are unbalanced.
    let glued = ctx.text[q.inner_end..]
        .chars()
        .nth(1)
        .is_some_and(super::fold::is_word_char);
    // "«…» وضرورة «…»": a second quoted object, each quote a statement of its own.
    let second_quote = |n: usize| {
        ctx.word(n).starts_with('و')
            && tokens.get(n + 1).is_some_and(|t| {
                ctx.para
                    .quote_opening_in(tokens[n].end, t.start + 1)
                    .is_some()
            })
    };
    next < tokens.len()
        && last > 0
        && !glued
        && tokens[next].sentence == tokens[last - 1].sentence
        && !tokens[next].comma_before
        && ctx.lex.cue(ctx.word(next)).is_none()
        && !second_quote(next)
}

/// Whether a colon stands right before token `k` (outside quotes).
fn colon_before(ctx: &ParaCtx, k: usize) -> bool {
    let tokens = &ctx.para.tokens;
    k > 0 && tokens[k].comma_before && ctx.text[tokens[k - 1].end..tokens[k].start].contains(':')
}

/// Content from the token after `k` to the end of the clause; a quote right there is the content.
fn clause_after(ctx: &ParaCtx, k: usize, sentence_end: usize) -> Option<(usize, usize, bool)> {
    let tokens = &ctx.para.tokens;
    let start_from = tokens[k].end;
    if let Some(next) = tokens.get(k + 1) {
        if let Some(q) = ctx
            .para
            .quote_opening_in(start_from, next.start + 1)
            .filter(|&q| !runs_on(ctx, q))
        {
            return Some((q.inner_start, q.inner_end, true));
        }
    }
    clause_from(ctx, k + 1, sentence_end)
}

/// Content from token `k` up to the end of the sentence, or up to a participle cue that starts
/// the next statement.
fn clause_from(ctx: &ParaCtx, k: usize, sentence_end: usize) -> Option<(usize, usize, bool)> {
    clause(ctx, k, sentence_end, false)
}

/// Content from token `k` to the first comma: the object of a verb such as تهدد بـ or طالب بـ.
fn clause_to_comma(ctx: &ParaCtx, k: usize, sentence_end: usize) -> Option<(usize, usize, bool)> {
    clause(ctx, k, sentence_end, true)
}

/// The clause that starts at token `k`: it runs to the end of the sentence and stops before an
/// attribution, a participle cue after a comma, or (with `at_comma`) any comma outside quotes.
fn clause(
    ctx: &ParaCtx,
    k: usize,
    sentence_end: usize,
    at_comma: bool,
) -> Option<(usize, usize, bool)> {
    let tokens = &ctx.para.tokens;
    let first = tokens.get(k)?;
    if first.start >= sentence_end {
        return None;
    }
    let mut last = k;
    let mut n = k + 1;
    let subordinate = in_subordinate_clause(ctx, k);
    while n < tokens.len() && tokens[n].start < sentence_end {
        let outside = ctx.para.quote_containing(tokens[n].start).is_none();
        let comma_outside = tokens[n].comma_before && outside;
        if subordinate && comma_outside && opens_main_clause(ctx, n) {
            break;
        }
        // "ترفض تدخل قطر في شؤونها وذلك ردا على …": the narrator's aside is not what was said.
        if outside && ctx.lex.content_enders.contains(ctx.word(n)) {
            break;
        }
        // "استبعد أي تحالف مع الأسد وكان التوتر واضحا": a noun-phrase object ends where و
        // opens another clause.
        if at_comma && outside && opens_clause(ctx.lex, ctx.word(n)) {
            break;
        }
        // "… من حل الأزمة قائلا إنه …": a participle cue with its complement starts the next
        // statement even with no comma before it.
        if outside && participle_speaks(ctx, n) {
            break;
        }
        if comma_outside {
            if at_comma {
                break;
            }
            // "…، بحسب ما نقلت وكالة …": who reported it, not part of what was said.
            if ctx.lex.attribution_words.contains(ctx.word(n)) {
                break;
            }
            if starts_next_statement(ctx, n) {
                break;
            }
        }
        last = n;
        n += 1;
    }
    Some((first.start, tokens[last].end, false))
}

/// How many words back from content a subordinating conjunction before its cue is looked for.
const SUBORDINATE_REACH: usize = 12;

/// Whether the cue whose content starts at token `k` stands right after a subordinating
/// conjunction ("بينما حثت الحكومة … على …"): its content then ends where the main clause
/// begins.
fn in_subordinate_clause(ctx: &ParaCtx, k: usize) -> bool {
    let tokens = &ctx.para.tokens;
    (k.saturating_sub(SUBORDINATE_REACH)..k)
        .rev()
        .take_while(|&n| tokens[n].sentence == tokens[k].sentence)
        .find(|&n| ctx.info(n).cue.is_some())
        .is_some_and(|c| c > 0 && ctx.lex.subordinators.contains(ctx.word(c - 1)))
}

/// Whether token `n`, after a comma, looks like the verb of a main clause: a bare word that is
/// no function word, no definite noun, no title or known name, not joined by و.
fn opens_main_clause(ctx: &ParaCtx, n: usize) -> bool {
    let w = ctx.word(n);
    let lex = ctx.lex;
    // و before a word of three letters or more is the conjunction; وصل، وقع are verbs.
    let joined = w
        .strip_prefix('و')
        .is_some_and(|rest| rest.chars().count() >= 3);
    !(joined
        || w.starts_with("ال")
        || ctx.mention_covering(n).is_some()
        || lex.clause_particles.contains(w)
        || lex.titles.contains(w)
        || lex.title_complements.contains(w)
        || lex.institution_nouns.contains(w)
        || lex.time_words.contains(w)
        || lex.naming_nouns.contains(w)
        || lex.non_name_words.contains(w))
}

/// Whether token `n` is a participle cue followed by a complementiser, or by the preposition it
/// governs and then one (قائلا إنه، مشيرا إلى أن): a statement of its own.
fn participle_speaks(ctx: &ParaCtx, n: usize) -> bool {
    let Some(cue) = ctx.lex.cue(ctx.word(n)) else {
        return false;
    };
    let Some(next) = ctx.para.tokens.get(n + 1) else {
        return false;
    };
    let w = &ctx.text[next.start..next.end];
    let complement_at = |n: usize| {
        ctx.para
            .tokens
            .get(n)
            .is_some_and(|t| ctx.lex.complementisers.contains(&ctx.text[t.start..t.end]))
    };
    cue.class == CueClass::Participle
        && !next.comma_before
        && (complement_at(n + 1) || cue.governs == Some(w) && complement_at(n + 2))
}

/// Whether a participle cue is used as one: after a comma, a closing mark or و, or followed by
/// its complement (قائلا إنه). Otherwise it is an adjective ("إجراءات أمنية مشددة على الحاجز"، "زيارة غير
/// معلنة").
fn participle_as_cue(ctx: &ParaCtx, i: usize) -> bool {
    let tokens = &ctx.para.tokens;
    // «…» مشددا على …: a closing mark ends the clause before it as a comma would.
    let after_quote = ctx.text[..tokens[i].start]
        .trim_end()
        .ends_with(['»', '”', '"']);
    tokens[i].comma_before
        || after_quote
        || ctx.word(i).starts_with('و')
        || participle_speaks(ctx, i)
}

/// Whether token `n`, after a comma, opens another statement: a participle cue (مؤكدا), a
/// reporting verb joined by و or ف (، وأكد …), or فيما / بينما before one (، فيما قال …).
fn starts_next_statement(ctx: &ParaCtx, n: usize) -> bool {
    let w = ctx.word(n);
    let joined_verb = |w: &str, c: Cue| {
        matches!(c.class, CueClass::Verb | CueClass::Continuation) && w.starts_with(['و', 'ف'])
    };
    match ctx.info(n).cue {
        Some(c) if c.class == CueClass::Participle || joined_verb(w, c) => true,
        Some(_) => false,
        None => {
            matches!(w, "فيما" | "بينما" | "وفيما" | "وبينما")
                && n + 1 < ctx.para.tokens.len()
                && ctx
                    .info(n + 1)
                    .cue
                    .is_some_and(|c| c.class != CueClass::Noun)
        }
    }
}

/// For cues with a noun-phrase object: content starts after the subject, any relative clause and
/// time words.
fn np_object(
    ctx: &ParaCtx,
    i: usize,
    subject: &[&ParaMention],
    sentence_end: usize,
) -> Option<(usize, usize, bool)> {
    let tokens = &ctx.para.tokens;
    if tokens
        .get(i + 1)
        .is_some_and(|t| matches!(&ctx.text[t.start..t.end], "هذه" | "هذا" | "تلك" | "ذلك"))
    {
        // "وأكد هذه المعلومات": confirms what was told, says nothing new.
        return None;
    }
    // After the whole subject ("مكتب رئيس الوزراء الإسرائيلي بنيامين نتنياهو").
    // The subject runs on only over the words of a title between its names ("جو بايدن نائب
    // الرئيس الأميركي"); an actor after other words is already inside the object ("دعم بلاده
    // للعراق في محاربة تنظيم داعش").
    let mut after = subject.first().map_or(tokens[i].end, |m| m.end);
    if let Some(q) = ctx
        .para
        .quote_containing(after)
        .filter(|q| q.inner_end > after)
    {
        // A subject named in marks that go on after it ("«المقاومة الإسلامية في العراق -
        // مجموعة الظافرين»"): the object starts after the marks.
        after = q.inner_end;
    }
    for m in subject.iter().skip(1) {
        if m.start - m.prefix_len < after {
            // Inside the marks skipped above.
            continue;
        }
        let gap = ctx.text[after..m.start - m.prefix_len].split_whitespace();
        let mut gap = gap
            .map(|w| w.trim_matches(|c: char| !super::fold::is_word_char(c)))
            .filter(|w| !w.is_empty())
            .peekable();
        // The gap must open with a title ("نائب الرئيس"), not a noun that starts the object
        // ("محمود عباس الحكومة الإسرائيلية المسؤولية").
        let opens_with_title = gap
            .peek()
            .is_none_or(|w| ctx.lex.titles.contains(*w) || ctx.lex.time_words.contains(*w));
        let title_only = opens_with_title
            && gap.all(|w| {
                ctx.lex.titles.contains(w)
                    || ctx.lex.title_complements.contains(w)
                    || ctx.lex.time_words.contains(w)
            });
        if !title_only {
            break;
        }
        after = after.max(m.end);
    }
    let mut k = ctx.para.token_at_or_after(after);
    let mut guard = 0;
    while k < tokens.len() && guard < MAX_SKIP {
        let w = ctx.word(k);
        if matches!(w, "التي" | "الذي" | "الذين") {
            k += 1;
            while k < tokens.len() && !tokens[k].comma_before && tokens[k].start < sentence_end {
                k += 1;
            }
            continue;
        }
        if ctx.lex.time_words.contains(w) || ctx.lex.manner_words.contains(w) {
            k += 1;
            guard += 1;
            continue;
        }
        if ctx.lex.manner_nouns.contains(w) {
            // "استبعد بشكل محدد أي تحالف": how it was said, a noun and its adjective.
            k += 2;
            guard += 1;
            continue;
        }
        if w == "في" && k + 1 < tokens.len() && ctx.mention_at_token(k + 1).is_some() {
            // "أعلنت جماعة الحوثي في اليمن …": where the subject is, not what it said.
            k = ctx
                .mention_at_token(k + 1)
                .map_or(k + 2, |m| ctx.para.token_at_or_after(m.end));
            guard += 1;
            continue;
        }
        // "كشفت أوساط تركية لـ«الحياة» تفاصيل …": the outlet told, not what was told.
        let told = if w == "ل" { k + 1 } else { k };
        if let Some(m) = (told < tokens.len())
            .then(|| ctx.mention_at_token(told))
            .flatten()
            .filter(|m| super::targets::is_channel(ctx, m))
        {
            k = ctx.para.token_at_or_after(m.end);
            guard += 1;
            continue;
        }
        let speech_noun_follows = tokens
            .get(k + 1)
            .and_then(|t| ctx.lex.cue(&ctx.text[t.start..t.end]))
            .is_some_and(|c| c.class == CueClass::Noun);
        if w == "في" && speech_noun_follows {
            // "نفى حزب الله في بيان ...": how it was said, not what.
            k += 2;
            guard += 1;
            continue;
        }
        break;
    }
    // A noun-phrase object ends at the first comma ("رفض … المقترح، واعتبر أن …").
    clause_to_comma(ctx, k, sentence_end)
}

/// The noun-phrase object of a participle cue, after a preposition it may take (مؤكدا على …),
/// to the first comma.
fn participle_object(ctx: &ParaCtx, i: usize, sentence_end: usize) -> Option<(usize, usize, bool)> {
    let tokens = &ctx.para.tokens;
    let mut k = i + 1;
    if k < tokens.len() && matches!(ctx.word(k), "علي" | "عن" | "الي") {
        k += 1;
    }
    let first = tokens.get(k)?;
    if first.sentence != tokens[i].sentence || first.comma_before {
        return None;
    }
    clause_to_comma(ctx, k, sentence_end)
}

/// Whether a nisba after a cue names who speaks ("وزارة الخارجية الأمريكية"، "مصادر إيرانية")
/// rather than describing something else ("استهداف سفينة أمريكية").
fn describes_speaker(ctx: &ParaCtx, m: &ParaMention) -> bool {
    let lex = ctx.lex;
    let speaker_noun = |w: &str| {
        lex.titles.contains(w)
            || lex.title_complements.contains(w)
            || lex.source_words.contains(w)
            || lex.naming_nouns.contains(w)
            || lex.group_heads.contains(w)
            || matches!(w, "وزاره" | "الحكومه" | "حكومه" | "الجيش" | "جيش")
    };
    // The noun may carry one more adjective first ("مصدران أمنيان مصريان").
    let before = m.start - m.prefix_len;
    let prev = ctx.word_before(before);
    let prev2 = ctx.word_before(ctx.start_of_word_before(before));
    speaker_noun(prev) || speaker_noun(prev2)
}

/// The subjects joined to `first` by و right after it, of the same kind (persons with persons,
/// bodies with bodies): "الجبير ولافروف"، "فرنسا وبريطانيا وألمانيا".
fn coordinated_after<'a>(
    ctx: &ParaCtx,
    first: &ParaMention,
    subject: &[&'a ParaMention],
) -> Vec<&'a ParaMention> {
    let person = |m: &ParaMention| ctx.kind(m.actor) == ActorKind::Person;
    let mut out: Vec<&ParaMention> = Vec::new();
    let mut end = first.end;
    let at = subject.iter().position(|m| m.index == first.index);
    for m in subject.iter().skip(at.map_or(subject.len(), |a| a + 1)) {
        let joined = ctx.prefix(m).starts_with('و')
            && ctx.text[end..m.start - m.prefix_len].trim().is_empty()
            && person(m) == person(first)
            && m.kind != NameKind::Nisba
            && ctx.top(m.actor) != ctx.top(first.actor);
        if !joined {
            break;
        }
        end = m.end;
        out.push(m);
    }
    out
}

/// After a relaying cue (نقل، نقلت), the actor named after عن: the source being quoted.
fn relayed_source<'a>(
    ctx: &ParaCtx,
    i: usize,
    subject: &[&'a ParaMention],
) -> Option<&'a ParaMention> {
    if !ctx.lex.relay_cues.contains(strip_conj(ctx.word(i))) {
        return None;
    }
    subject
        .iter()
        .find(|m| ctx.word_before(m.start - m.prefix_len) == "عن")
        .copied()
}

/// The speaker among the mentions after a cue: the first actor, or the person its noun phrase
/// goes on to name over titles and particles only ("وزير الخارجية الإيراني محمد جواد ظريف"،
/// "النائب اللبناني -عن القوات اللبنانية فادي كرم"). A person named after other words is an
/// object ("رفضت «حماس» اتهامات عباس لها").
fn pick_subject<'a>(ctx: &ParaCtx, subject: &[&'a ParaMention]) -> Option<&'a ParaMention> {
    let first = *subject.first()?;
    if ctx.kind(first.actor) == ActorKind::Person {
        return Some(first);
    }
    let mut end = first.end;
    for &m in &subject[1..] {
        let titles_only = ctx.text[end..m.start - m.prefix_len]
            .split(|c: char| !super::fold::is_word_char(c))
            .filter(|w| !w.is_empty())
            .all(|w| {
                ctx.lex.titles.contains(w)
                    || ctx.lex.title_complements.contains(w)
                    || ctx.lex.time_words.contains(w)
                    || ctx.lex.non_name_words.contains(w)
            });
        if !titles_only {
            break;
        }
        if ctx.kind(m.actor) == ActorKind::Person {
            return Some(m);
        }
        end = m.end;
    }
    Some(first)
}

/// The subject before the cue in its sentence (SVO order): the first person there, who acts
/// while the states and groups after them are mostly what they act on ("وبينما تحاشى تونر
/// دعوة روسيا …، أشار"), else the nearest mention that is not an addressee.
fn subject_before<'a>(ctx: &'a ParaCtx, i: usize) -> Option<&'a ParaMention> {
    let tokens = &ctx.para.tokens;
    let (sentence_start, _) = ctx.para.sentences[tokens[i].sentence];
    let first = ctx.para.token_at_or_after(sentence_start);
    if first < i && is_topic_phrase(ctx, first) && !subject_adjacent(ctx, i) {
        // "وعن الملف النووي قال …"، "وفي الشأن السوداني، قال …": the phrase before the verb is
        // its topic; the speaker is the one the text is already following.
        return None;
    }
    let candidates = || {
        ctx.mentions_back(sentence_start, tokens[i].start)
            .take(LOOK_BACK)
            .filter(|m| !ctx.is_addressee(m) && !ctx.is_in_quote(m))
    };
    candidates()
        .filter(|m| ctx.kind(m.actor) == ActorKind::Person)
        .last()
        .or_else(|| candidates().next())
}

/// Whether the sentence opens with a topic preposition (عن، في، حول، بشأن): what is spoken
/// about, not who speaks.
fn is_topic_phrase(ctx: &ParaCtx, first: usize) -> bool {
    let w = ctx.word(first);
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    matches!(w, "عن" | "في" | "حول" | "بشان" | "وحول")
}

/// The actor right before the cue, in its sentence, when it can be the verb's subject (not an
/// addressee, not inside a quote).
fn subject_right_before<'a>(ctx: &'a ParaCtx, i: usize) -> Option<&'a ParaMention> {
    let start = ctx.para.tokens[i].start;
    ctx.mentions_back(0, start).next().filter(|m| {
        ctx.text[m.end..start].trim().is_empty()
            && !ctx.is_addressee(m)
            && !ctx.is_in_quote(m)
            && !ctx.is_sponsor(m)
    })
}

/// Whether an actor stands right before the cue ("الحوثيون يعلنون"): the verb's subject.
fn subject_adjacent(ctx: &ParaCtx, i: usize) -> bool {
    let start = ctx.para.tokens[i].start;
    ctx.mentions_back(0, start)
        .next()
        .is_some_and(|m| ctx.text[m.end..start].trim().is_empty())
}

/// Words for "both sides" that point back to the two parties of a meeting.
fn is_both_sides(w: &str) -> bool {
    matches!(
        w,
        "كلا" | "كلتا" | "الطرفان" | "الجانبان" | "البلدان" | "الطرفين" | "الجانبين"
    )
}

/// The two parties of the meeting a dual verb (وأكدا) refers back to.
fn dual_speakers(ctx: &ParaCtx, events: &[FoundEvent], i: usize) -> Vec<Speaker> {
    let before = ctx.para.tokens[i].start;
    let told = events.partition_point(|e| e.evidence.0 < before);
    events[..told]
        .iter()
        .rev()
        .take(LOOK_BACK)
        .find(|e| e.kind == RelationType::Meet && e.evidence.1 <= before)
        .map(|e| {
            [e.source, e.target]
                .into_iter()
                .map(|actor| Speaker::Named {
                    actor,
                    mention: None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An addressee standing before a participle, or the recipient before a speech noun, in the
/// same clause.
fn addressee_before(ctx: &ParaCtx, i: usize, class: CueClass) -> Option<u32> {
    let tokens = &ctx.para.tokens;
    let (sentence_start, _) = ctx.para.sentences[tokens[i].sentence];
    let from = (0..i)
        .rev()
        .take(8)
        .take_while(|&n| !tokens[n + 1].comma_before)
        .last()
        .map_or(tokens[i].start, |n| tokens[n].start)
        .max(sentence_start);
    ctx.mentions_back(from, tokens[i].start)
        .filter(|m| !ctx.is_in_quote(m))
        .find(|m| ctx.is_addressee(m) == (class == CueClass::Participle))
        .map(|m| m.actor)
}

/// Whether a mention inside the content is someone the content is about: not a sponsor
/// (موالية لإيران), not a place (في العراق، الأراضي العراقية).
fn is_target_in_content(ctx: &ParaCtx, m: &ParaMention) -> bool {
    if ctx.is_sponsor(m) {
        return false;
    }
    let prev = ctx.word_before(m.start - m.prefix_len);
    if ctx.lex.locative_words.contains(prev) && ctx.kind(m.actor) == ActorKind::State {
        return false;
    }
    if ctx.lex.territory_words.contains(prev) {
        return false;
    }
    if super::targets::is_channel(ctx, m) || super::targets::is_border_with(ctx, m) {
        return false;
    }
    !super::targets::is_fought(ctx, m)
}

/// Whether `m` is governed by مع (over a title or head noun): a party one meets or talks with.
fn is_with(ctx: &ParaCtx, m: &ParaMention) -> bool {
    let mut pos = m.start - m.prefix_len;
    // "مع الأمين العام للأمم المتحدة بان كي مون": over titles and the body in the title.
    for _ in 0..6 {
        let prev = ctx.word_before(pos);
        if matches!(prev, "مع" | "ومع") {
            return true;
        }
        if let Some(before) = ctx.mentions_back(0, pos).next().filter(|b| {
            ctx.para.token_at_or_after(b.end) == ctx.para.token_at_or_after(pos)
                && ctx.text[b.end..pos].trim().is_empty()
        }) {
            pos = before.start - before.prefix_len;
            continue;
        }
        let w = prev
            .strip_prefix('ل')
            .filter(|_| pos == m.start - m.prefix_len);
        let head = |w: &str| {
            ctx.lex.titles.contains(w)
                || ctx.lex.title_complements.contains(w)
                || ctx.lex.group_heads.contains(w)
        };
        if !(head(prev) || w.is_some_and(head)) {
            return false;
        }
        pos = ctx.start_of_word_before(pos);
    }
    false
}

/// Whether the content names someone the speaker's side meets or talks with (مع X), so that
/// meeting words in it make a meeting, not a report of somebody else's.
fn has_partner(ctx: &ParaCtx, start: usize, end: usize, speaker: u32) -> bool {
    let own = ctx.top(speaker);
    ctx.mentions_in(start, end)
        .any(|m| ctx.top(m.actor) != own && is_with(ctx, m))
}

/// Whether the speaker's side is named in the content as taking part ("اجتماع برئاسة الولايات
/// المتحدة").
fn names_speaker(ctx: &ParaCtx, start: usize, end: usize, speaker: u32) -> bool {
    let own = ctx.top(speaker);
    ctx.mentions_in(start, end)
        .any(|m| m.kind != NameKind::Nisba && ctx.top(m.actor) == own)
}

/// Whether the paragraph told of a meeting of the speaker's side before the cue: "اللقاء" in
/// what the speaker says then is that meeting.
fn met_before(ctx: &ParaCtx, events: &[FoundEvent], cue_start: usize, speaker: u32) -> bool {
    let own = ctx.top(speaker);
    events
        .iter()
        .take_while(|e| e.evidence.0 < cue_start)
        .any(|e| {
            e.kind == RelationType::Meet && (ctx.top(e.source) == own || ctx.top(e.target) == own)
        })
}

/// Whether actor `t` is named after مع inside the content.
fn is_partner_of(ctx: &ParaCtx, start: usize, end: usize, t: u32) -> bool {
    ctx.mentions_in(start, end)
        .any(|m| m.actor == t && is_with(ctx, m))
}

/// How many words the one obliged may take between على and أن ("على الحكومة الإسرائيلية أن").
const OBLIGED_REACH: usize = 5;

/// How many words of the content are read for its speech act.
const TYPE_WINDOW: usize = 24;

/// The speech act: the cue's, unless the content says more (a plea, a demand, a threat...).
/// Content words are looked up without the proclitics و ف ب ل (بالفساد، وللتعاون). A negated
/// acceptance word (لن نقبل، لا تعاون) rejects; demands and appeals come first, then threats,
/// rejections, accusations, meetings and cooperation.
fn speech_act(ctx: &ParaCtx, cue: Cue, start: usize, end: usize, partnered: bool) -> RelationType {
    if cue.kind != RelationType::Statement {
        return cue.kind;
    }
    // The content's words are the paragraph's tokens cut to it: no second scan of the text.
    let tokens = &ctx.para.tokens;
    let mut first = ctx.para.token_at_or_after(start);
    if first > 0 && tokens[first - 1].end > start {
        first -= 1;
    }
    let words = tokens[first..]
        .iter()
        .take_while(|t| t.start < end)
        .map(|t| &ctx.text[t.start.max(start)..t.end.min(end)]);
    words_act(ctx.lex, words, partnered).0
}

/// The speech act that folded content shows, and the words that decided it (none when nothing
/// did and it stays a `statement`). `partnered`: the content names someone the speaker meets.
pub(super) fn content_act(
    lex: &Lexicon,
    content: &str,
    partnered: bool,
) -> (RelationType, Vec<String>) {
    words_act(lex, super::tokens::words(content), partnered)
}

/// [`content_act`] of the content's words, in order.
fn words_act<'w>(
    lex: &Lexicon,
    words: impl Iterator<Item = &'w str>,
    partnered: bool,
) -> (RelationType, Vec<String>) {
    let words: Vec<std::borrow::Cow<str>> =
        words.take(TYPE_WINDOW).map(without_proclitics).collect();
    // Each word is looked up once, for every type at the same time.
    let kinds: Vec<u16> = words.iter().map(|w| lex.words.content_kinds(w)).collect();
    let said = |ns: &[usize]| ns.iter().map(|&n| words[n].to_string()).collect();
    let first_in = |kind: RelationType| {
        let bit = kind_bit(kind);
        kinds.iter().position(|k| k & bit != 0)
    };
    if words.first().is_some_and(|w| w.starts_with("مسؤوليت")) {
        return (RelationType::Attack, said(&[0]));
    }
    if let Some(n) = super::targets::claimed_attack(lex, &words, &kinds) {
        return (RelationType::Attack, said(&[n]));
    }
    // "على الحكومة أن تعترف …": على, the one obliged, then أن is an obligation.
    if words.first().is_some_and(|w| w == "علي")
        && words.iter().skip(1).take(OBLIGED_REACH).any(|w| w == "ان")
    {
        return (RelationType::Demand, said(&[0]));
    }
    // A threat anywhere in the content is the act (في حال خرق … فإننا سنرد).
    for kind in [
        RelationType::Demand,
        RelationType::Appeal,
        RelationType::Threaten,
    ] {
        if let Some(n) = first_in(kind) {
            return (kind, said(&[n]));
        }
    }
    let right = words.iter().position(|w| w == "الحق");
    let measures = words
        .iter()
        .position(|w| lex.measures_words.contains(w.as_ref()));
    if let (Some(r), Some(m)) = (right, measures) {
        return (RelationType::Threaten, said(&[r, m]));
    }
    // The negation may stand one word before (لا يوجد مكان، ليس هناك مجال).
    let refused = words.iter().enumerate().find_map(|(n, w)| {
        if !lex.negations.contains(w.as_ref()) {
            return None;
        }
        (n + 1..words.len().min(n + 3))
            .find(|&a| lex.acceptance_words.contains(words[a].as_ref()))
            .map(|a| (n, a))
    });
    if let Some((no, what)) = refused {
        return (RelationType::Reject, said(&[no, what]));
    }
    // Otherwise the first word that shows an act decides.
    const LATER: [RelationType; 5] = [
        RelationType::Threaten,
        RelationType::Reject,
        RelationType::Accuse,
        RelationType::Meet,
        RelationType::Cooperate,
    ];
    kinds
        .iter()
        .enumerate()
        .filter(|&(_, &k)| k != 0)
        .find_map(|(n, &k)| {
            LATER
                .into_iter()
                .find(|&kind| {
                    let shown = k & kind_bit(kind) != 0;
                    match kind {
                        // A meeting is the speaker's only with a partner named after مع.
                        RelationType::Meet => {
                            shown
                                && (partnered || lex.own_meeting_words.contains(words[n].as_ref()))
                        }
                        // Fighting terrorism accuses no one ("دعمه لكفاح تركيا ضد الإرهاب").
                        RelationType::Accuse => {
                            shown
                                && !n
                                    .checked_sub(1)
                                    .is_some_and(|p| lex.counter_words.contains(words[p].as_ref()))
                        }
                        _ => shown,
                    }
                })
                .map(|kind| (kind, said(&[n])))
        })
        .unwrap_or((RelationType::Statement, Vec::new()))
}

/// Pronoun suffixes a content word may carry (جرائمها، دعمه، لقاءه).
pub(super) const PRONOUN_SUFFIXES: [&str; 6] = ["هما", "هم", "ها", "نا", "كم", "ه"];

/// The speech acts a content word shows, or its stem without a pronoun suffix; a ta marbuta
/// before the suffix is written ت (حكومته → حكومه).
pub(super) fn word_kinds(lex: &Lexicon, w: &str) -> u16 {
    let direct = lex.content_kinds(w);
    if direct != 0 || !w.ends_with(['ه', 'ا', 'م']) {
        return direct;
    }
    PRONOUN_SUFFIXES
        .iter()
        .filter_map(|suffix| w.strip_suffix(suffix).filter(|s| s.chars().count() >= 3))
        .map(|stem| {
            let kinds = lex.content_kinds(stem);
            match stem.strip_suffix('ت') {
                Some(s) if kinds == 0 => lex.content_kinds(&format!("{s}ه")),
                _ => kinds,
            }
        })
        .find(|&k| k != 0)
        .unwrap_or(0)
}

/// A content word without a leading و or ف and a ب or ل (للتعاون → التعاون).
fn without_proclitics(word: &str) -> std::borrow::Cow<'_, str> {
    let rest = word
        .strip_prefix(['و', 'ف'])
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(word);
    if let Some(r) = rest.strip_prefix("لل").filter(|r| r.chars().count() >= 3) {
        return format!("ال{r}").into();
    }
    match rest.strip_prefix(['ب', 'ل']) {
        Some(r) if r.starts_with("ال") => r.into(),
        _ => rest.into(),
    }
}
