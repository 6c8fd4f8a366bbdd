//! The date an article gives itself: the first full Gregorian date near its start, written as
//! news is dated in Arabic (`20 يوليو 2015`, `20 تموز/يوليو 2015`, `٢٠ تموز ٢٠١٥`, `2015-07-20`,
//! `20/7/2015`). Hijri dates and dates without a year are not used.

/// How far into the text a date is looked for (datelines and first paragraphs), in characters.
const SEARCH_CHARS: usize = 3000;

/// Month names, folded (see [`crate::extract::fold`]): the Egyptian/Gulf names, the Levantine
/// ones and the Maghreb's, with the spellings seen in news.
const MONTHS: [(&str, u32); 35] = [
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
    ("ديسمبر", 12),
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
    ("كانون الثاني", 1),
    ("نونبر", 11),
    ("دجنبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("اوت", 8),
];

/// The first full date in the opening of `text`, as `YYYY-MM-DD`.
pub fn date_in_text(text: &str) -> Option<String> {
    let head: String = text.chars().take(SEARCH_CHARS).collect();
    let folded = crate::extract::fold::fold(&head);
    let tokens = tokenize(&folded);
    (0..tokens.len()).find_map(|i| date_at(&tokens, i))
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Number(u32, usize),
    Word(&'a str),
    Sep(char),
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            let digits = &s[i..end];
            if digits.len() <= 4 {
                tokens.push(Token::Number(digits.parse().unwrap_or(0), digits.len()));
            } else {
                tokens.push(Token::Sep('#'));
            }
        } else if crate::extract::fold::is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !crate::extract::fold::is_word_char(d) || d.is_ascii_digit() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            tokens.push(Token::Word(&s[i..end]));
        } else if c != ' ' {
            tokens.push(Token::Sep(c));
        }
    }
    tokens
}

/// A month name starting at token `i` (possibly two words, or `name/name`): the month and how
/// many tokens it takes.
fn month_at(tokens: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
    let Token::Word(w) = tokens.get(i)? else {
        return None;
    };
    // Clitics: "في 20 يوليو" is common, "بيوليو" is not; only a leading و is dropped.
    let bare = |w: &str| -> Option<u32> {
        MONTHS
            .iter()
            .find(|(name, _)| !name.contains(' ') && *name == w)
            .map(|&(_, m)| m)
            .or_else(|| english_month(w))
    };
    let two_word = |first: &str| -> Option<u32> {
        let Some(Token::Word(second)) = tokens.get(i + 1) else {
            return None;
        };
        let joined = format!("{first} {second}");
        MONTHS
            .iter()
            .find(|(name, _)| *name == joined)
            .map(|&(_, m)| m)
    };
    let (month, mut used) = if let Some(m) = two_word(w) {
        (m, 2)
    } else {
        (bare(w)?, 1)
    };
    // "تموز/يوليو" or "تموز (يوليو)": the second name must agree and is skipped.
    if let (Some(Token::Sep('/' | '(')), Some(Token::Word(_))) =
        (tokens.get(i + used), tokens.get(i + used + 1))
    {
        if let Some((m, n)) = month_at(tokens, i + used + 1) {
            if m != month {
                return Some((month, used));
            }
            used += 1 + n;
            if tokens.get(i + used) == Some(&Token::Sep(')')) {
                used += 1;
            }
        }
    }
    Some((month, used))
}

fn english_month(w: &str) -> Option<u32> {
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    EN.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

fn date_at(tokens: &[Token<'_>], i: usize) -> Option<String> {
    let Token::Number(first, first_len) = tokens[i] else {
        return None;
    };
    // 2015-07-20 or 2015/07/20
    if first_len == 4 {
        if let (
            Some(Token::Sep(s1 @ ('-' | '/' | '.'))),
            Some(Token::Number(m, _)),
            Some(Token::Sep(s2)),
            Some(Token::Number(d, dl)),
        ) = (
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
            tokens.get(i + 4),
        ) {
            if s1 == s2 && *dl <= 2 {
                return ymd(first, *m, *d);
            }
        }
        return None;
    }
    if first_len > 2 {
        return None;
    }
    // 20/7/2015 or 20-07-2015 (day first, as in Arabic usage)
    if let (
        Some(Token::Sep(s1 @ ('-' | '/' | '.'))),
        Some(Token::Number(m, ml)),
        Some(Token::Sep(s2)),
        Some(Token::Number(y, 4)),
    ) = (
        tokens.get(i + 1),
        tokens.get(i + 2),
        tokens.get(i + 3),
        tokens.get(i + 4),
    ) {
        if s1 == s2 && *ml <= 2 {
            return ymd(*y, *m, first);
        }
    }
    // 20 يوليو 2015, 20 تموز/يوليو 2015, 20 من يوليو 2015
    let mut at = i + 1;
    if tokens.get(at) == Some(&Token::Word("من")) {
        at += 1;
    }
    let (month, used) = month_at(tokens, at)?;
    at += used;
    if tokens.get(at) == Some(&Token::Sep(',')) || tokens.get(at) == Some(&Token::Sep('،')) {
        at += 1;
    }
    match tokens.get(at) {
        Some(Token::Number(y, 4)) => ymd(*y, month, first),
        _ => None,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days_in_month).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A date given by article metadata (`2015-07-21`, `2015-07-21 02:51:32`, `2015-07-21T…`) as
/// `YYYY-MM-DD`.
pub fn date_from_metadata(value: &str) -> Option<String> {
    let v = value.trim();
    let head = v.get(..10)?;
    let mut parts = head.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_datelines() {
        for (text, date) in [
            ("بغداد - الاثنين 20 يوليو 2015 - قال", "2015-07-20"),
            ("القدس، 19 تشرين الثاني/نوفمبر 2024 (أ ف ب)", "2024-11-19"),
            ("نُشر في ٢٠ تموز ٢٠١٥", "2015-07-20"),
            ("بتاريخ 3 من أغسطس، 2015", "2015-08-03"),
            ("Updated 2015-07-21 02:51", "2015-07-21"),
            ("في 21/7/2015 أعلن", "2015-07-21"),
            ("كانون الأول 2014 ثم 5 كانون الأول 2014", "2014-12-05"),
            ("Reuters, 4 August 2015", "2015-08-04"),
            ("الثلاثاء 2024/11/19", "2024-11-19"),
            ("٢٠٢٤/١١/١٩", "2024-11-19"),
            ("31/02/2024 ثم 1/3/2024", "2024-03-01"),
            ("8 ماي 2019", "2019-05-08"),
            ("1 آب 2020", "2020-08-01"),
            ("في 5 كانون الأول/ديسمبر 2023", "2023-12-05"),
        ] {
            assert_eq!(date_in_text(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn no_date_without_day_month_and_year() {
        for text in [
            "قال الوزير اليوم (الاثنين) إن",
            "في يوليو 2015",
            "31 فبراير 2015",
            "1436 هـ",
            "20 يوليو",
            "رقم 12/34/5678",
            "رقم 12024/11/19",
            "1/2/3",
            "4 أبريلية 2020",
            "قتل 19 شخصا في 2024",
        ] {
            assert_eq!(date_in_text(text), None, "{text}");
        }
    }

    #[test]
    fn metadata_dates() {
        assert_eq!(
            date_from_metadata("2015-07-21 02:51:32").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(
            date_from_metadata("2015-07-21T00:00:00Z").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(date_from_metadata("21 July"), None);
    }
}
