//! Arabic folding for matching: one canonical spelling per word, with a map back to the original.
//!
//! Folding removes diacritics, tatweel and invisible format marks, unifies alef/ya/ta-marbuta and
//! Persian letter variants, maps Arabic-Indic digits to ASCII, lower-cases ASCII and collapses every
//! run of white space to one space. Matching runs on the folded string; the map turns every folded
//! byte offset back into a character offset of the original text, so results never point into the
//! folded copy.

/// Folds one character; `None` drops it.
#[inline(always)]
pub fn fold_char(c: char) -> Option<char> {
    // Most characters of an article are plain Arabic letters or ASCII: decide those first.
    if is_plain_letter(c as u32) || matches!(c, 'a'..='z' | '0'..='9') {
        return Some(c);
    }
    Some(match c {
        // harakat, tanween, shadda, sukun, superscript alef, Quranic marks
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}' => return None,
        '\u{06EA}'..='\u{06ED}' => return None,
        // tatweel, zero-width and directional marks
        '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2066}'..='\u{2069}' => return None,
        '\u{202A}'..='\u{202E}' | '\u{FEFF}' | '\u{00AD}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ێ' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'ە' => 'ه',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// ASCII bytes that fold to themselves, the space aside (runs of spaces collapse).
const ASCII_SAME: [bool; 128] = {
    let mut same = [false; 128];
    let mut b = 0;
    while b < 128 {
        same[b] = !matches!(
            b as u8,
            b'A'..=b'Z' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '
        );
        b += 1;
    }
    same
};

/// What folding does to a two-byte character U+0600–U+067F (lead byte D8 or D9): most of an
/// article's characters, decided by one table load instead of decoding and matching.
#[derive(Clone, Copy)]
enum TwoByte {
    /// Folds to itself (the Arabic letters, ، ؛ ؟).
    Same,
    /// Goes (harakat, tatweel).
    Drop,
    /// Becomes another character that is not a space (أ → ا، ة → ه، ى → ي، ٣ → 3).
    To(char),
    /// Anything else: the general path.
    Other,
}

/// [`TwoByte`] for each character U+0600–U+067F, indexed by the lead byte's last bit and the
/// continuation byte's low six bits.
fn two_byte_folds() -> &'static [TwoByte; 128] {
    static TABLE: std::sync::LazyLock<[TwoByte; 128]> = std::sync::LazyLock::new(|| {
        std::array::from_fn(|i| {
            let Some(c) = char::from_u32(0x0600 + i as u32) else {
                return TwoByte::Other;
            };
            match fold_char(c) {
                None => TwoByte::Drop,
                Some(' ') => TwoByte::Other,
                Some(f) if f == c => TwoByte::Same,
                Some(f) => TwoByte::To(f),
            }
        })
    });
    &TABLE
}

/// An Arabic letter that folding keeps as it is (ء ؤ ئ ب ت … غ ف … و ي), by code point.
#[inline(always)]
const fn is_plain_letter(c: u32) -> bool {
    matches!(c, 0x0621 | 0x0624 | 0x0626..=0x0628 | 0x062A..=0x063A | 0x0641..=0x0648 | 0x064A)
}

/// Folds a whole string for comparison (no map); used for gazetteer entries and lexicons.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars().filter_map(fold_char) {
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A folded piece of text and, for every byte of it, the character offset in the original.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the original character offset of the folded character starting at byte `i`
    /// (continuation bytes repeat it); `map[text.len()]` is the offset just past the piece.
    map: Vec<u32>,
}

impl Folded {
    /// Folds `piece`, whose first character sits at character offset `base` of the document.
    pub fn new(piece: &str, base: usize) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(piece.len()),
            map: Vec::with_capacity(piece.len() + 1),
        };
        folded.refill(piece, base);
        folded
    }

    /// Reuses the buffers for another piece, so a long document folds without reallocating.
    ///
    /// Most characters fold to themselves (Arabic letters, lower-case ASCII, digits, single
    /// spaces): runs of them are copied in one piece and only their map entries are written one
    /// by one; the rest go through [`fold_char`].
    pub fn refill(&mut self, piece: &str, base: usize) {
        self.text.clear();
        // Folding never lengthens a character's encoding, so the map never outgrows the piece.
        self.text.reserve(piece.len());
        self.map.clear();
        self.map.resize(piece.len() + 1, 0);
        let map = &mut self.map[..];
        let bytes = piece.as_bytes();
        // `out`: folded bytes so far, the pending run included; `run`: where that run starts.
        let (mut out, mut run, mut i) = (0usize, 0usize, 0usize);
        let mut offset = base as u32;
        let mut last_space = false;
        let two_byte = two_byte_folds();
        while i < bytes.len() {
            let b = bytes[i];
            // Arabic first: most of an article.
            if b & 0xFE == 0xD8 {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                match two_byte[(usize::from(b & 1) << 6) | usize::from(next & 0x3F)] {
                    TwoByte::Same => {
                        map[out] = offset;
                        map[out + 1] = offset;
                        out += 2;
                        i += 2;
                        offset += 1;
                        last_space = false;
                        continue;
                    }
                    TwoByte::Drop => {
                        self.text.push_str(&piece[run..i]);
                        i += 2;
                        run = i;
                        offset += 1;
                        continue;
                    }
                    TwoByte::To(f) => {
                        self.text.push_str(&piece[run..i]);
                        i += 2;
                        run = i;
                        self.text.push(f);
                        map[out..out + f.len_utf8()].fill(offset);
                        out += f.len_utf8();
                        offset += 1;
                        last_space = false;
                        continue;
                    }
                    TwoByte::Other => {}
                }
            }
            // ASCII that folds to itself, and a space that is not a second one in a row.
            let space = b == b' ';
            if (b < 0x80 && ASCII_SAME[b as usize]) || (space && !last_space) {
                map[out] = offset;
                out += 1;
                i += 1;
                offset += 1;
                last_space = space;
                continue;
            }
            // A character that folds to something else, or goes: the run ends before it.
            self.text.push_str(&piece[run..i]);
            let Some(c) = piece[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            run = i;
            if let Some(f) = fold_char(c) {
                let space = f == ' ';
                if !(space && last_space) {
                    last_space = space;
                    self.text.push(f);
                    map[out..out + f.len_utf8()].fill(offset);
                    out += f.len_utf8();
                }
            }
            offset += 1;
        }
        self.text.push_str(&piece[run..]);
        debug_assert_eq!(self.text.len(), out);
        map[out] = offset;
        self.map.truncate(out + 1);
    }

    /// Original character offset just past the piece.
    pub fn end(&self) -> usize {
        self.map.last().copied().unwrap_or(0) as usize
    }

    /// Original character offset of folded byte `i`. Used as a span end it is exclusive and keeps
    /// any marks that followed the word's last letter inside the span.
    pub fn orig(&self, i: usize) -> usize {
        self.map[i] as usize
    }
}

/// Every place `query` occurs in `text`, ignoring diacritics, tatweel and letter variants (as
/// folding does), as character spans of `text`. For find-in-text.
pub fn find_all(text: &str, query: &str) -> Vec<crate::model::Span> {
    let needle = fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let haystack = Folded::new(text, 0);
    haystack
        .text
        .match_indices(&needle)
        .map(|(i, m)| crate::model::Span::new(haystack.orig(i), haystack.orig(i + m.len())))
        .collect()
}

/// Whether a folded character can be part of a word. Arabic and ASCII are decided by range,
/// since this runs for every character of every article.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0000}'..='\u{007F}' => false,
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' => true,
        '\u{06EE}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' => true,
        '\u{0600}'..='\u{06FF}' | '\u{00A0}' | '\u{2000}'..='\u{206F}' => false,
        '\u{00AB}' | '\u{00BB}' => false,
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hamza_ta_marbuta_and_marks() {
        assert_eq!(fold("الإسرائيليّة"), "الاسرائيليه");
        assert_eq!(fold("مؤكداً"), "مؤكدا");
        assert_eq!(fold("وجّه  رسالة"), "وجه رساله");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("٢٠٢٤"), "2024");
        assert_eq!(fold("Reuters"), "reuters");
    }

    #[test]
    fn find_ignores_marks_and_letter_variants() {
        let text = "قالت إسرائيلُ إنّ اسرائيل والإسرائيليّة";
        let found: Vec<String> = find_all(text, "إسرائيل")
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.len()).collect())
            .collect();
        assert_eq!(found, vec!["إسرائيلُ", "اسرائيل", "إسرائيل"]);
        assert!(find_all(text, "ـ").is_empty());
    }

    /// The folding rules applied one character at a time: what the run-copying `refill` must
    /// reproduce.
    fn fold_slowly(piece: &str, base: usize) -> (String, Vec<u32>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        let mut offset = base as u32;
        let mut last_space = false;
        for c in piece.chars() {
            if let Some(f) = fold_char(c) {
                let space = f == ' ';
                if !(space && last_space) {
                    last_space = space;
                    text.push(f);
                    map.extend(std::iter::repeat_n(offset, f.len_utf8()));
                }
            }
            offset += 1;
        }
        map.push(offset);
        (text, map)
    }

    #[test]
    fn runs_fold_as_characters_do() {
        let pieces = [
            "",
            " ",
            "   ",
            "قالت إسرائيلُ  إنّ\tاسرائيل والإسرائيليّة",
            " وزير\u{00A0}الخارجية ٢٠٢٤ Reuters  ABC\r\n",
            "مؤكداً «الحياة» — 😀 x\u{3000}\u{3000}y ـــ ة ى",
            "\u{200F}\u{064E} \u{064E} \u{064E}a",
            "أإآٱ ىة٣ ـًٌ، ؛؟ ٰ\u{061C} \u{0600}\u{0620}\u{0660}\u{067F}",
        ];
        let mut f = Folded::default();
        for piece in pieces {
            f.refill(piece, 7);
            let (text, map) = fold_slowly(piece, 7);
            assert_eq!(f.text, text, "{piece:?}");
            assert_eq!(f.map, map, "{piece:?}");
        }
    }

    #[test]
    fn map_points_back_into_the_original() {
        let original = "في الـعراقِ  اليوم";
        let f = Folded::new(original, 10);
        assert_eq!(f.text, "في العراق اليوم");
        let start = f.text.find("العراق").unwrap();
        let end = start + "العراق".len();
        let (s, e) = (f.orig(start), f.orig(end));
        let chars: Vec<char> = original.chars().collect();
        let surface: String = chars[s - 10..e - 10].iter().collect();
        assert_eq!(surface, "الـعراقِ");
    }
}
