//! Normalising decoded text: line breaks to LF, control characters removed, everything counted.
//!
//! Nothing else is touched: no trimming, no Unicode normalisation, no-break spaces, bidi controls,
//! zero-width (non-)joiners and the presence or absence of a final newline all survive, so a clean
//! UTF-8 file comes out byte-identical.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::decode::EncodingSource;
use super::html::HtmlReport;

/// What loading changed between the raw file and [`super::Document::text`].
///
/// For HTML the line-break and control counts refer to the text extracted from the page (the
/// markup's own line breaks are whitespace and disappear in extraction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cleaning {
    /// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE) was stripped.
    pub bom_removed: bool,
    /// How the encoding was chosen.
    pub encoding_source: EncodingSource,
    /// U+FFFD characters produced because bytes were malformed in the chosen encoding.
    pub replacement_chars: usize,
    /// CR LF pairs turned into LF.
    pub crlf: usize,
    /// CRs not followed by LF, turned into LF.
    pub lone_cr: usize,
    /// U+2029, U+2028, U+0085 (NEL), VT and FF turned into LF.
    pub paragraph_separators: usize,
    /// Control characters removed: NUL and the other C0 controls except TAB and LF (CR, VT and FF
    /// are converted, not removed), DEL, and the C1 controls except U+0085.
    pub controls_removed: usize,
    /// Present when the file was read as HTML.
    pub html: Option<HtmlReport>,
}

impl Cleaning {
    /// Whether the text differs from the decoded file contents in any way counted here (HTML
    /// extraction and BOM removal included).
    pub fn changed_text(&self) -> bool {
        self.bom_removed
            || self.replacement_chars > 0
            || self.crlf > 0
            || self.lone_cr > 0
            || self.paragraph_separators > 0
            || self.controls_removed > 0
            || self.html.is_some()
    }
}

/// Line-break characters other than CR and LF that become LF.
pub(crate) fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\u{2029}' | '\u{2028}' | '\u{85}' | '\u{0B}' | '\u{0C}')
}

/// Control characters that are dropped outright.
pub(crate) fn is_removed_control(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => false,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        _ => false,
    }
}

#[cfg(test)]
fn needs_cleaning(c: char) -> bool {
    c == '\r' || is_paragraph_separator(c) || is_removed_control(c)
}

/// The byte offset of the first character [`clean`] changes. Scans bytes, not characters (most
/// articles need no cleaning, and this runs over every byte of every one): the characters it
/// looks for are single bytes below 0x20 or 0x7F, C1 controls (0xC2 0x80–0x9F, NEL included)
/// and U+2028/U+2029 (0xE2 0x80 0xA8/0xA9). Blocks of bytes with none of those lead bytes are
/// passed over with a test the compiler can vectorise.
fn first_to_clean(text: &str) -> Option<usize> {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut from = 0;
    for block in bytes.chunks(BLOCK) {
        let suspect = block.iter().fold(false, |any, &b| {
            any | ((b < 0x20) & (b != b'\t') & (b != b'\n'))
                | (b == 0x7F)
                | (b == 0xC2)
                | (b == 0xE2)
        });
        if suspect {
            if let Some(i) = (from..from + block.len()).find(|&i| changes_at(bytes, i)) {
                debug_assert!(text.is_char_boundary(i));
                return Some(i);
            }
        }
        from += block.len();
    }
    None
}

/// Whether the character at byte `i` is one [`clean`] changes (see [`first_to_clean`]).
fn changes_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
        _ => false,
    }
}

/// Normalises line breaks and removes control characters, adding to the counts in `report`.
/// Returns the input unchanged (borrowed) when there is nothing to do.
pub(crate) fn clean<'a>(text: &'a str, report: &mut Cleaning) -> Cow<'a, str> {
    let Some(first) = first_to_clean(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    report.crlf += 1;
                } else {
                    report.lone_cr += 1;
                }
                out.push('\n');
            }
            c if is_paragraph_separator(c) => {
                report.paragraph_separators += 1;
                out.push('\n');
            }
            c if is_removed_control(c) => report.controls_removed += 1,
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Cleaning) {
        let mut c = Cleaning::default();
        let out = clean(s, &mut c).into_owned();
        (out, c)
    }

    #[test]
    fn clean_text_is_borrowed() {
        let mut c = Cleaning::default();
        let s = "قال\u{00A0}الوزير\u{200F} \u{200C}«نعم»\n";
        assert!(matches!(clean(s, &mut c), Cow::Borrowed(_)));
        assert_eq!(c, Cleaning::default());
    }

    #[test]
    fn line_breaks() {
        let (out, c) = run("أ\r\nب\rج\r\r\nد\u{2029}ه\u{2028}و\u{85}ز\u{0B}ح\u{0C}ط\r");
        assert_eq!(out, "أ\nب\nج\n\nد\nه\nو\nز\nح\nط\n");
        assert_eq!((c.crlf, c.lone_cr, c.paragraph_separators), (2, 3, 5));
        assert_eq!(c.controls_removed, 0);
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_rule() {
        for s in [
            "نص عادي\tمع\nأسطر",
            "a\rb",
            "x\u{85}y",
            "x\u{9F}",
            "\u{A0}\u{2027}\u{202A}\u{2028}",
            "ok\u{2029}",
            "\u{7F}",
            "é\u{80}",
            "",
        ] {
            assert_eq!(first_to_clean(s), s.find(needs_cleaning), "{s:?}");
        }
    }

    #[test]
    fn controls() {
        let (out, c) = run("\u{0}a\u{1}\tb\u{1B}\u{7F}c\u{80}\u{9F}\u{A0}d\u{FEFF}");
        assert_eq!(out, "a\tbc\u{A0}d\u{FEFF}");
        assert_eq!(c.controls_removed, 6);
    }
}
