//! Words, sentences and quotations of one folded paragraph.

use super::fold::is_word_char;
use super::word_flags::{WordInfo, WordTable};

/// One word of the folded paragraph (byte range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Byte index of the sentence this token belongs to (index into `Paragraph::sentences`).
    pub sentence: usize,
    /// Punctuation directly before the token (after the previous one), if any.
    pub comma_before: bool,
}

/// A quotation: byte ranges of the marks' inside in the folded paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Inside of the quote, marks excluded.
    pub inner_start: usize,
    pub inner_end: usize,
}

/// A tokenised paragraph.
#[derive(Debug, Default)]
pub struct Paragraph {
    pub tokens: Vec<Token>,
    /// Sentence byte ranges (end exclusive, before the terminating mark).
    pub sentences: Vec<(usize, usize)>,
    pub quotes: Vec<Quote>,
    /// What the lexicon says about each token, looked up once for every rule that reads it.
    pub words: Vec<WordInfo>,
    /// For every byte offset of the paragraph and its end, the index of the first token that
    /// starts there or later: the rules ask for the word before a place thousands of times per
    /// article, and this answers in one load.
    first_token_from: Vec<u32>,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '„' | '‹')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '»' | '”' | '“' | '›')
}

/// The end of the run of word characters that starts at byte `i` (`i` itself when none does).
/// ASCII and the Arabic letters U+0621–U+064A are told by their bytes, the rest by
/// [`is_word_char`].
fn word_end(text: &str, mut i: usize) -> usize {
    /// U+0621 and U+064A in UTF-8, read as big-endian pairs: in valid UTF-8 the pairs between
    /// them are exactly the letters between them.
    const FIRST: u16 = 0xD8A1;
    const LAST: u16 = 0xD98A;
    let bytes = text.as_bytes();
    loop {
        if let Some(&[b, next]) = bytes.get(i..i + 2) {
            if u16::from_be_bytes([b, next]).wrapping_sub(FIRST) <= LAST - FIRST {
                i += 2;
                continue;
            }
        }
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                return i;
            }
            i += 1;
            continue;
        }
        match text[i..].chars().next() {
            Some(c) if is_word_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

/// The words of `text`: its maximal runs of word characters, as `text.split(|c|
/// !is_word_char(c))` without the empty pieces, found a byte pair at a time.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            let end = word_end(text, i);
            if end > i {
                let word = &text[i..end];
                i = end;
                return Some(word);
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

impl Paragraph {
    #[cfg(test)]
    pub fn new(text: &str) -> Paragraph {
        let mut p = Paragraph::default();
        p.refill(text, &WordTable::default());
        p
    }

    /// Tokenises another paragraph into the same buffers, and looks its words up in `table`.
    pub fn refill(&mut self, text: &str, table: &WordTable) {
        self.tokens.clear();
        self.sentences.clear();
        self.quotes.clear();
        self.scan(text);
        self.first_token_from.clear();
        for (n, t) in self.tokens.iter().enumerate() {
            // Offsets after the previous token's start, up to this one's, come to this token.
            self.first_token_from.resize(t.start + 1, n as u32);
        }
        self.first_token_from
            .resize(text.len() + 1, self.tokens.len() as u32);
        self.words.clear();
        self.words
            .extend(self.tokens.iter().map(|t| table.get(&text[t.start..t.end])));
    }

    fn scan(&mut self, text: &str) {
        let mut sentence_start = 0;
        let mut comma = false;
        let mut open_quote: Option<usize> = None;
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < text.len() {
            let end = word_end(text, i);
            if end > i {
                self.push_token(i, end, comma);
                comma = false;
                prev = text[..end].chars().next_back();
                i = end;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let next = text[i + c.len_utf8()..].chars().next();
            match c {
                ',' | '،' | ';' | '؛' | ':' => comma = true,
                '.' | '!' | '?' | '؟' => {
                    let ellipsis = prev == Some('.') || next == Some('.');
                    let decimal = prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit());
                    if !ellipsis && !decimal && open_quote.is_none() {
                        self.close_sentence(sentence_start, i);
                        sentence_start = i + c.len_utf8();
                    }
                    comma = true;
                }
                _ => {}
            }
            if let Some(open) = open_quote {
                // A straight mark after a space and before a word opens a quote: the one still
                // open was never closed ("… "أحدهم اعترف … وينبغي "دراسته بجدية").
                let reopens = c == '"'
                    && prev.is_some_and(char::is_whitespace)
                    && next.is_some_and(is_word_char);
                if reopens {
                    open_quote = Some(i);
                } else if is_close_quote(c) {
                    self.quotes.push(Quote {
                        open,
                        inner_start: open + text[open..].chars().next().map_or(1, char::len_utf8),
                        inner_end: i,
                    });
                    open_quote = None;
                }
            } else if is_open_quote(c) {
                open_quote = Some(i);
            }
            prev = Some(c);
            i += c.len_utf8();
        }
        self.close_sentence(sentence_start, text.len());
    }

    fn push_token(&mut self, start: usize, end: usize, comma_before: bool) {
        self.tokens.push(Token {
            start,
            end,
            sentence: self.sentences.len(),
            comma_before,
        });
    }

    fn close_sentence(&mut self, start: usize, end: usize) {
        if end > start || self.sentences.is_empty() {
            self.sentences.push((start, end));
        } else {
            self.sentences.push((start, start));
        }
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.first_token_from
            .get(pos)
            .map_or(self.tokens.len(), |&n| n as usize)
    }

    /// The quote whose opening mark lies in `[from, to)`, if any. Quotes are found in text order
    /// and never nest, so a binary search finds it: a paragraph of any length stays linear.
    pub fn quote_opening_in(&self, from: usize, to: usize) -> Option<Quote> {
        let at = self.quotes.partition_point(|q| q.open < from);
        self.quotes.get(at).filter(|q| q.open < to).copied()
    }

    /// The quote that contains byte `pos`, if any (binary search, as above).
    pub fn quote_containing(&self, pos: usize) -> Option<Quote> {
        let at = self.quotes.partition_point(|q| q.inner_end <= pos);
        self.quotes
            .get(at)
            .filter(|q| q.inner_start <= pos)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_quotes_and_ellipsis() {
        let text = "قال \"نحن هنا (...) معا\". ثم 3.5 ذهب «بعيدا»";
        let p = Paragraph::new(text);
        assert_eq!(p.sentences.len(), 2);
        assert_eq!(p.quotes.len(), 2);
        let q = p.quotes[0];
        assert_eq!(&text[q.inner_start..q.inner_end], "نحن هنا (...) معا");
        assert_eq!(
            &text[p.quotes[1].inner_start..p.quotes[1].inner_end],
            "بعيدا"
        );
        let words: Vec<&str> = p.tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words[0], "قال");
        assert!(words.contains(&"3"));
    }

    /// Words are the maximal runs of [`is_word_char`], however their bytes are read.
    #[test]
    fn words_are_runs_of_word_characters() {
        let text = "قال: وزيرُ الـخارجية abc9 ٣ ۱ پ ـ x\u{064B}y ء؟ي ٠ 😀ك é ل";
        let p = Paragraph::new(text);
        let words: Vec<&str> = p.tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let expected: Vec<&str> = text
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, expected);
        assert_eq!(super::words(text).collect::<Vec<_>>(), expected);
        for pos in 0..=text.len() + 2 {
            let slowly = p.tokens.partition_point(|t| t.start < pos);
            assert_eq!(p.token_at_or_after(pos), slowly, "{pos}");
        }
    }
}
