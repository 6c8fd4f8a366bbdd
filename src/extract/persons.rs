//! Officials that no list knows, found from how articles introduce them: a title, maybe an office,
//! a nisba or a state, then a personal name ("وزير الخارجية الإسرائيلي جدعون ساعر"، "القيادي سعد
//! المطلبي في ائتلاف دولة القانون").
//!
//! Only a personal name counts: the title's own words (الفني، الثاني لرئيس، عام المنظمة) and the
//! institutions it names (نادي، برنامج، مركز) are read as part of the title, never as the name.

use super::lexicon::Lexicon;
use super::person_index::is_lineage;
use super::word_flags::{GIVEN_NAME, TITLE_OR_AFTER_WA, TITLE_WA_STRIPPED};
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

/// The most name words, not counting particles (بن، أبو، عبد ...).
const MAX_NAME_WORDS: usize = 4;

/// How many mentions back a title's state may stand.
const LOOK_BACK: usize = 8;

/// How many words a title may run over before its name (وزير الدولة لشؤون ... ).
const MAX_TITLE_WORDS: usize = 10;

/// Whether a name belongs to the given names, those that fold to look as if they carried the
/// article (إلياس، ألكسندر) included.
fn is_given_name(lex: &Lexicon, w: &str) -> bool {
    lex.given_names.contains(w) || lex.article_given_names.contains(w)
}

/// Whether a family name may stand alone for the person later in the text: four letters or more,
/// or three ("فادي كرم" … "قال كرم") when it is no given name, title or listed ordinary word, so
/// that the first name of someone else or a common word is not read as them.
pub(super) fn is_short_form(lex: &Lexicon, surname: &str) -> bool {
    match surname.chars().count() {
        0..=2 => false,
        3 => {
            !(is_given_name(lex, surname)
                || lex.non_name_words.contains(surname)
                || lex.titles.contains(surname)
                || lex.time_words.contains(surname)
                || lex.name_particles.contains(surname)
                || lex.cue(surname).is_some())
        }
        _ => true,
    }
}

/// The most words of a place name (محافظة ظهران الجنوب).
const MAX_PLACE_WORDS: usize = 3;

/// Token `j`, or the token after a place name that starts there: the city or governorate a
/// title names ("محافظ تعز نبيل شمسان"، "محافظ خميس مشيط") belongs to the title, not to the name.
fn past_place_name(ctx: &ParaCtx, j: usize, sentence: usize) -> usize {
    let tokens = &ctx.para.tokens;
    let mut joined = String::new();
    let mut past = j;
    for (n, t) in tokens.iter().enumerate().skip(j).take(MAX_PLACE_WORDS) {
        if t.sentence != sentence || (n > j && t.comma_before) {
            break;
        }
        if n > j {
            joined.push('_');
        }
        joined.push_str(ctx.word(n));
        if ctx.lex.place_names.contains(&joined) {
            past = n + 1;
        }
    }
    past
}

/// A body one belongs to as a member or representative (a party, a group, an organisation).
fn is_membership(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Party | ActorKind::ArmedGroup | ActorKind::Igo
    )
}

fn is_affiliating(kind: ActorKind) -> bool {
    !matches!(kind, ActorKind::Person | ActorKind::Media)
}

/// Finds title + name introductions in one paragraph.
pub fn discover(ctx: &ParaCtx) -> Vec<FoundPerson> {
    let tokens = &ctx.para.tokens;
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let word = ctx.word(i);
        let bare = word.strip_prefix('و').unwrap_or(word);
        if ctx.mention_covering(i).is_some() {
            i += 1;
            continue;
        }
        let title = ctx.info(i).has(TITLE_OR_AFTER_WA);
        if !title {
            if let Some(person) = name_before_title(ctx, i) {
                i = ctx.para.token_at_or_after(person.end);
                found.push(person);
            } else {
                i += 1;
            }
            continue;
        }
        // ولي is a title only in ولي العهد (ولي الأمر is not an office).
        if bare == "ولي" && tokens.get(i + 1).is_none_or(|_| ctx.word(i + 1) != "العهد") {
            i += 1;
            continue;
        }
        let mut eponym = names_a_place(ctx, i, bare);
        let sentence = tokens[i].sentence;
        let mut j = i + 1;
        let mut affiliation: Option<u32> = None;
        let mut host_next = false;
        let mut saw_mention = false;
        let mut named = false;
        while j < tokens.len() && tokens[j].sentence == sentence && j <= i + MAX_TITLE_WORDS {
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
            // "النائب اللبناني عن القوات اللبنانية فادي كرم": the party a member sits for is
            // a closer affiliation than the state before it.
            if w == "عن" {
                if let Some(m) = ctx
                    .mention_at_token(j + 1)
                    .filter(|m| is_membership(ctx.kind(m.actor)))
                {
                    affiliation = Some(m.actor);
                    saw_mention = true;
                    j = ctx.para.token_at_or_after(m.end);
                    continue;
                }
            }
            if is_title_word(ctx, w) {
                eponym |= names_a_place(ctx, j, w);
                j += 1;
                continue;
            }
            break;
        }
        if named {
            i += 1;
            continue;
        }
        let j = past_place_name(ctx, j, sentence);
        let person = read_name(ctx, j, sentence, saw_mention, affiliation)
            .filter(|p| !eponym || has_lineage(ctx, p));
        if let Some(person) = person {
            i = ctx.para.token_at_or_after(person.end);
            found.push(person);
        } else {
            i += 1;
        }
    }
    found
}

/// "مستشفى الملك فهد"، "طريق الملك فهد الدولي": a royal or honorific title right after the name
/// of a place or institution names that place after someone, rather than introducing a person.
fn names_a_place(ctx: &ParaCtx, title: usize, bare_title: &str) -> bool {
    if title == 0 || !ctx.lex.eponym_titles.contains(bare_title) {
        return false;
    }
    let head = ctx.word(title - 1);
    let bare = head
        .strip_prefix(['و', 'ف'])
        .unwrap_or(head)
        .strip_prefix(['ب', 'ل'])
        .unwrap_or(head);
    [head, bare]
        .iter()
        .any(|w| ctx.lex.eponym_heads.contains(*w) || ctx.lex.institution_nouns.contains(*w))
}

/// Whether a name spells out a lineage (بن، بنت، آل): a full name, which a place named after
/// someone does not give (مكتب الأمير محمد بن سلمان is the man, مستشفى الملك فهد the place).
fn has_lineage(ctx: &ParaCtx, person: &FoundPerson) -> bool {
    person
        .words
        .iter()
        .any(|&(s, e)| is_lineage(&ctx.text[s..e]) || &ctx.text[s..e] == "ال")
}

/// "قال مارك تونر، مساعد المتحدث باسم الخارجية": a name that starts with a known given name,
/// at the start of a clause or after a reporting verb, followed by a title. The title's body
/// or state gives the affiliation. A title that goes on to introduce a name of its own
/// ("محمد علي وزير الخارجية سامح شكري") is left to the title rule.
fn name_before_title(ctx: &ParaCtx, i: usize) -> Option<FoundPerson> {
    let lex = ctx.lex;
    let tokens = &ctx.para.tokens;
    if !ctx.info(i).has(GIVEN_NAME) {
        return None;
    }
    let sentence = tokens[i].sentence;
    let clause_start = i == 0 || tokens[i].comma_before || tokens[i - 1].sentence != sentence;
    if !clause_start {
        let prev = ctx.word(i - 1);
        let opens = lex.cue(prev).is_some()
            || lex.non_name_words.contains(prev)
            || lex.time_words.contains(prev)
            || lex.complementisers.contains(prev);
        if !opens {
            return None;
        }
    }
    let mut person = read_name(ctx, i, sentence, false, None)?;
    let mut j = ctx.para.token_at_or_after(person.end);
    let title =
        tokens.get(j).is_some_and(|t| t.sentence == sentence) && ctx.info(j).has(TITLE_WA_STRIPPED);
    if !title {
        return None;
    }
    j += 1;
    let mut body: Option<u32> = None;
    while j < tokens.len() && tokens[j].sentence == sentence && !tokens[j].comma_before {
        if let Some(m) = ctx.mention_at_token(j) {
            if ctx.kind(m.actor) == ActorKind::Person {
                return None;
            }
            if body.is_none() && is_affiliating(ctx.kind(m.actor)) {
                body = Some(m.actor);
            }
            j = ctx.para.token_at_or_after(m.end);
            continue;
        }
        let w = ctx.word(j);
        // A given name starts a second name, unless it is the title's own word ("متحدث باسم").
        if lex.given_names.contains(w) && !lex.title_complements.contains(w) {
            return None;
        }
        if !is_title_word(ctx, w) {
            break;
        }
        j += 1;
    }
    if body.is_some() {
        person.affiliation = body;
    }
    Some(person)
}

/// Whether a word continues a title rather than starting a name: an office or complement
/// (الخارجية، باسم)، another title (النائب الأول لرئيس), an institution or region (مدير برنامج،
/// رئيس نادي، أمير منطقة) or a descriptive adjective (المدير الفني، السيناتور الجمهوري).
fn is_title_word(ctx: &ParaCtx, w: &str) -> bool {
    let lex = ctx.lex;
    if lex.title_complements.contains(w)
        || w == "باسم"
        || lex.institution_nouns.contains(w)
        || lex.eponym_heads.contains(w)
    {
        return true;
    }
    if lex.titles.contains(w) {
        return true;
    }
    // "لرئيس"، "لشؤون"، "للشؤون": a genitive ل on an office or institution.
    if let Some(rest) = w.strip_prefix('ل') {
        let rest_al = rest.strip_prefix('ل').map(|r| format!("ال{r}"));
        let office = |x: &str| {
            lex.titles.contains(x)
                || lex.title_complements.contains(x)
                || lex.institution_nouns.contains(x)
        };
        if office(rest) || rest_al.as_deref().is_some_and(office) {
            return true;
        }
    }
    is_article_adjective(ctx, w)
}

/// A word with the article that reads as an adjective (الجمهوري، التنفيذي، الثاني): a title's
/// modifier. Given names never carry the article; the few that fold to look as if they do
/// (إلياس، ألكسندر) are listed.
fn is_article_adjective(ctx: &ParaCtx, w: &str) -> bool {
    w.starts_with("ال")
        && (w.ends_with('ي') || w.ends_with("يه"))
        && !ctx.lex.article_given_names.contains(w)
}

/// Reads a personal name of two to four words (particles such as بن and أبو do not count)
/// starting at token `j`, then an optional "في <party>".
fn read_name(
    ctx: &ParaCtx,
    j: usize,
    sentence: usize,
    after_mention: bool,
    mut affiliation: Option<u32>,
) -> Option<FoundPerson> {
    let tokens = &ctx.para.tokens;
    let lex = ctx.lex;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut counted = 0;
    let mut k = j;
    while k < tokens.len() && counted < MAX_NAME_WORDS {
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
        if !name_like(ctx, w, words.is_empty()) {
            break;
        }
        let particle = lex.name_particles.contains(w);
        if !particle && counted >= 2 {
            // A third name continues a given name (جاسم محمد عبود) or, with the article, a
            // family name (صباح الأحمد الجابر الصباح); anything else is the sentence going on.
            let (ps, pe) = words[words.len() - 1];
            let prev = &ctx.text[ps..pe];
            let continues = lex.name_particles.contains(prev)
                || lex.given_names.contains(prev) && !prev.starts_with("ال")
                || w.starts_with("ال") && prev.starts_with("ال");
            if !continues {
                break;
            }
        }
        words.push((t.start, t.end));
        if !particle {
            counted += 1;
        }
        k += 1;
    }
    // A name does not end on a particle ("بندر بن" is cut short, not a name).
    while words
        .last()
        .is_some_and(|&(s, e)| lex.name_particles.contains(&ctx.text[s..e]))
    {
        words.pop();
        k -= 1;
    }
    if words.len() < 2 {
        return None;
    }
    // A first name no list knows needs punctuation or a clause boundary to close the name, and
    // must not look like a preposition on a noun (لشؤون، بذكرى) or a present-tense verb (يعتقد).
    let first = &ctx.text[words[0].0..words[0].1];
    if !is_given_name(lex, first) {
        let letters = first.chars().count();
        let clitic = first.starts_with(['ل', 'ب']);
        let imperfect = first.starts_with(['ي', 'ت', 'ن']) && letters >= 4;
        // "منطقة الباحة"، "أكاديمية الطبخ": a noun and its complement, not a name.
        let (ss, se) = words[1];
        let construct = ctx.text[ss..se].starts_with("ال");
        if clitic || imperfect || construct || words.len() > 3 || !closes_name(ctx, k, sentence) {
            return None;
        }
    }
    // "القيادي سعد المطلبي في ائتلاف دولة القانون": membership follows the name.
    if k + 1 < tokens.len() && ctx.word(k) == "في" && !tokens[k + 1].comma_before {
        if let Some(m) = ctx.mention_at_token(k + 1) {
            if is_membership(ctx.kind(m.actor)) {
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

/// Whether a word can be part of a personal name: no function word, office, institution,
/// reporting verb or adjective with the article, and, after the first word, no preposition on
/// a common word (بشكل، لعدم).
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
        || lex.institution_nouns.contains(w)
        || lex.cue(w).is_some()
        || lex.complementisers.contains(w)
        || (first && is_title_word(ctx, w))
    {
        return false;
    }
    if first {
        // Given names carry neither the article nor a conjunction.
        let article = w.starts_with("ال") && !lex.article_given_names.contains(w);
        let patronymic = matches!(w, "بن" | "ابن" | "بنت" | "ال" | "ولد" | "ذو");
        !(article || patronymic || w.starts_with('و'))
    } else {
        // Later words do not start with a conjunction or a preposition on the article.
        let conjunction = w.starts_with('و') && letters > 3;
        let preposition = w.starts_with("بال")
            || w.starts_with("لل")
            || w.starts_with("وال")
            || (w.starts_with(['ب', 'ل'])
                && [
                    &lex.non_name_words,
                    &lex.eponym_heads,
                    &lex.institution_nouns,
                ]
                .iter()
                .any(|list| list.contains(&w[2..])));
        !(conjunction || preposition)
    }
}

/// Whether the name ending before token `k` is closed: punctuation, the end of its sentence, a
/// quote, or a word that starts a clause (أن، الذي، قال).
fn closes_name(ctx: &ParaCtx, k: usize, sentence: usize) -> bool {
    let tokens = &ctx.para.tokens;
    let Some(next) = tokens.get(k) else {
        return true;
    };
    if next.sentence != sentence || next.comma_before {
        return true;
    }
    if ctx
        .para
        .quote_opening_in(tokens[k - 1].end, next.start)
        .is_some()
    {
        return true;
    }
    let w = ctx.word(k);
    ctx.lex.complementisers.contains(w)
        || ctx.lex.cue(w).is_some()
        || ctx.lex.titles.contains(w)
        || matches!(w, "الذي" | "التي" | "في")
}

fn nearest_state_before(ctx: &ParaCtx, pos: usize, sentence: usize) -> Option<u32> {
    let (sentence_start, _) = ctx.para.sentences[sentence];
    ctx.mentions_back(sentence_start, pos)
        .take(LOOK_BACK)
        .find(|m| ctx.kind(m.actor) == ActorKind::State)
        .map(|m: &ParaMention| m.actor)
}
