//! `{stem}.events.csv`: one row per relation in the dyadic (source, target, event code) layout
//! that event datasets use, with CAMEO actor codes from the gazetteer and CAMEO root codes for the
//! relation types (docs/export-format.md).

use super::table::CsvTable;
use super::{cameo_root, DocIndex};
use crate::extract::Gazetteer;
use crate::model::{ActorKind, AnnotatedDocument};

/// Columns of `{stem}.events.csv` (before `offset_unit`, `marsad_version`).
pub const EVENT_COLUMNS: [&str; 12] = [
    "date",
    "source_id",
    "source_name",
    "source_cameo",
    "target_id",
    "target_name",
    "target_cameo",
    "type",
    "cameo_root",
    "evidence_text",
    "start",
    "end",
];

/// The events table; `gazetteer` supplies the CAMEO actor codes.
pub fn to_events_csv(doc: &AnnotatedDocument, gazetteer: &Gazetteer) -> Vec<u8> {
    let ix = DocIndex::new(doc);
    let date = article_date(&doc.text).unwrap_or_default();
    let mut t = CsvTable::new(&EVENT_COLUMNS);
    for r in &doc.relations {
        let (text, start, end) = match r.evidence.first() {
            Some(&e) => (ix.slice(e), e.start.to_string(), e.end.to_string()),
            None => Default::default(),
        };
        t.row(&[
            date.as_str(),
            &r.source,
            ix.name_en(&r.source),
            &actor_cameo(&ix, gazetteer, &r.source),
            &r.target,
            ix.name_en(&r.target),
            &actor_cameo(&ix, gazetteer, &r.target),
            r.kind.as_str(),
            cameo_root(r.kind),
            &text,
            &start,
            &end,
        ]);
    }
    t.into_bytes()
}

/// The CAMEO actor code of the actor that stands for `id` in the graph: the gazetteer entry of its
/// top-level actor; a person (one without an affiliation in the document) takes the code of their
/// affiliation in the gazetteer, or their own when they have none. Empty when unknown.
pub fn actor_cameo_code(doc: &AnnotatedDocument, gazetteer: &Gazetteer, id: &str) -> String {
    actor_cameo(&DocIndex::new(doc), gazetteer, id)
}

fn actor_cameo(ix: &DocIndex, gazetteer: &Gazetteer, id: &str) -> String {
    let mut current = ix.top_level(id);
    for _ in 0..8 {
        let Some(entry) = gazetteer.get(&current) else {
            break;
        };
        match (&entry.affiliation, entry.kind) {
            (Some(up), ActorKind::Person) if gazetteer.get(up).is_some() => current = up.clone(),
            _ => return entry.cameo.clone().unwrap_or_default(),
        }
    }
    String::new()
}

/// The first date the text states, as ISO `yyyy-mm-dd`: `2024/11/19`, `2024-11-19`, `19/11/2024`,
/// `19-11-2024`, `19 نوفمبر 2024`, `19 تشرين الثاني 2024` (also `19 تشرين الثاني/نوفمبر 2024`,
/// Maghrebi month names, Arabic-Indic digits). Day-first for numeric dates, as Arabic papers write
/// them. Impossible dates (31/02) and years outside 1900–2100 are skipped.
pub fn article_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().map(normalise_char).collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        if let Some((y, m, d)) = numeric_date(&chars, i).or_else(|| named_date(&chars, i)) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        i += 1;
    }
    None
}

/// ASCII digits for Arabic-Indic and Persian digits; bare alef for hamzated and madda alefs (month
/// names are matched on this form). One char for one char, so positions are kept.
fn normalise_char(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        _ => c,
    }
}

/// The digits starting at `i`, as (value, index after them), at most `max` long.
fn digits(chars: &[char], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut value = 0u32;
    while j < chars.len() && chars[j].is_ascii_digit() {
        if j - i == max {
            return None;
        }
        value = value * 10 + chars[j].to_digit(10)?;
        j += 1;
    }
    (j > i).then_some((value, j))
}

/// `yyyy/mm/dd` or `dd/mm/yyyy` with `/`, `-` or `.`, the same separator twice.
fn numeric_date(chars: &[char], i: usize) -> Option<(u32, u32, u32)> {
    let (first, j) = digits(chars, i, 4)?;
    let sep = *chars.get(j).filter(|c| matches!(c, '/' | '-' | '.'))?;
    let (month, k) = digits(chars, j + 1, 2)?;
    if chars.get(k) != Some(&sep) {
        return None;
    }
    let (last, end) = digits(chars, k + 1, 4)?;
    if chars.get(end).is_some_and(char::is_ascii_digit) {
        return None;
    }
    match (j - i, end - k - 1) {
        (4, 1..=2) => valid(first, month, last),
        (1..=2, 4) => valid(last, month, first),
        _ => None,
    }
}

/// `dd [من] MONTH[/MONTH] yyyy`.
fn named_date(chars: &[char], i: usize) -> Option<(u32, u32, u32)> {
    let (day, j) = digits(chars, i, 2)?;
    let mut k = skip_spaces(chars, j);
    if k == j {
        return None;
    }
    if let Some(after) = word_at(chars, k, "من") {
        let next = skip_spaces(chars, after);
        if next > after {
            k = next;
        }
    }
    let (month, mut k) = month_at(chars, k)?;
    // "تشرين الثاني/نوفمبر": a second name for the same month.
    let slash = skip_spaces(chars, k);
    if chars.get(slash) == Some(&'/') {
        if let Some((_, after)) = month_at(chars, skip_spaces(chars, slash + 1)) {
            k = after;
        }
    }
    let y = skip_spaces(chars, k);
    if y == k {
        return None;
    }
    let (year, end) = digits(chars, y, 4)?;
    if end - y != 4 || chars.get(end).is_some_and(char::is_ascii_digit) {
        return None;
    }
    valid(year, month, day)
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars
        .get(i)
        .is_some_and(|c| c.is_whitespace() && *c != '\n')
    {
        i += 1;
    }
    i
}

/// The index after `word` if it stands at `i` as a whole word.
fn word_at(chars: &[char], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    for w in word.chars() {
        if chars.get(j) != Some(&w) {
            return None;
        }
        j += 1;
    }
    (!chars.get(j).is_some_and(|c| c.is_alphanumeric())).then_some(j)
}

/// Month names, written with bare alef; the longest that fits wins.
const MONTHS: [(&str, u32); 35] = [
    // Egypt and the Gulf
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    // The Levant and Iraq
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    // The Maghreb
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("اوت", 8),
];

fn month_at(chars: &[char], i: usize) -> Option<(u32, usize)> {
    MONTHS
        .iter()
        .filter_map(|&(name, month)| word_at(chars, i, name).map(|end| (month, end)))
        .max_by_key(|&(_, end)| end)
}

fn valid(year: u32, month: u32, day: u32) -> Option<(u32, u32, u32)> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days).contains(&day)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates() {
        assert_eq!(
            article_date("الثلاثاء 2024/11/19").as_deref(),
            Some("2024-11-19")
        );
        assert_eq!(article_date("في 2024-11-19").as_deref(), Some("2024-11-19"));
        assert_eq!(
            article_date("بتاريخ 19/11/2024").as_deref(),
            Some("2024-11-19")
        );
        assert_eq!(article_date("٢٠٢٤/١١/١٩").as_deref(), Some("2024-11-19"));
        assert_eq!(
            article_date("31/02/2024 ثم 1/3/2024").as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(article_date("رقم 12024/11/19"), None);
        assert_eq!(article_date("1/2/3"), None);
    }

    #[test]
    fn named_dates() {
        assert_eq!(
            article_date("الثلاثاء 19 نوفمبر 2024").as_deref(),
            Some("2024-11-19")
        );
        assert_eq!(
            article_date("19 تشرين الثاني 2024").as_deref(),
            Some("2024-11-19")
        );
        assert_eq!(
            article_date("في 5 كانون الأول/ديسمبر 2023").as_deref(),
            Some("2023-12-05")
        );
        assert_eq!(article_date("1 آب 2020").as_deref(), Some("2020-08-01"));
        assert_eq!(article_date("3 أبريل 2021").as_deref(), Some("2021-04-03"));
        assert_eq!(article_date("8 ماي 2019").as_deref(), Some("2019-05-08"));
        assert_eq!(
            article_date("12 من يناير 2022").as_deref(),
            Some("2022-01-12")
        );
        // "أب" must be a whole word: 4 أبريل is April, not August.
        assert_eq!(article_date("4 أبريلية 2020"), None);
        assert_eq!(article_date("قتل 19 شخصا في 2024"), None);
    }
}
