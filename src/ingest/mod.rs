//! Ingest: a file on disk (or bytes in memory) → the article text that every offset refers to.
//!
//! Plain text keeps its exact characters: a clean UTF-8 file loads byte-identical, so offsets into
//! [`Document::text`] are offsets into the file. Other encodings are decoded (byte-order mark,
//! UTF-8, an HTML `<meta charset>`, or detection), line breaks become LF and control characters go;
//! every change is counted in [`Cleaning`]. HTML pages are reduced to their title and article
//! paragraphs, separated by blank lines.

mod clean;
mod decode;
mod error;
mod html;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::model::SourceInfo;

pub use clean::Cleaning;
pub use decode::EncodingSource;
pub use error::IngestError;
pub use html::HtmlReport;

/// The default cap on the size of a file [`load`] will read: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A loaded article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text to annotate. Offsets elsewhere count `char`s into this string.
    pub text: String,
    /// Where it came from: the path as given, the encoding's WHATWG name, `"text"` or `"html"`,
    /// and the SHA-256 of the raw file bytes.
    pub source: SourceInfo,
    /// What was changed on the way from bytes to text.
    pub cleaning: Cleaning,
}

/// Loads a text or HTML file of at most [`DEFAULT_MAX_BYTES`].
pub fn load(path: &Path) -> Result<Document, IngestError> {
    load_with_limit(path, DEFAULT_MAX_BYTES)
}

/// Loads a text or HTML file, refusing files larger than `max_bytes` (checked before reading).
/// The path `-` reads standard input.
pub fn load_with_limit(path: &Path, max_bytes: u64) -> Result<Document, IngestError> {
    if path == Path::new(STDIN) {
        return load_reader(std::io::stdin().lock(), path, max_bytes);
    }
    let metadata = std::fs::metadata(path).map_err(|e| IngestError::from_io(path, e))?;
    if metadata.is_dir() {
        return Err(IngestError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let file = File::open(path).map_err(|e| IngestError::from_io(path, e))?;
    // The metadata size is only a hint (pipes report 0, files grow): never read past the limit.
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    read_limited(file, path, max_bytes, capacity)
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Loads an article from a reader (standard input, a pipe, a socket), at most `max_bytes` of it;
/// `label` is recorded as its path, as with [`from_bytes`].
pub fn load_reader(
    reader: impl Read,
    label: &Path,
    max_bytes: u64,
) -> Result<Document, IngestError> {
    read_limited(reader, label, max_bytes, 0)
}

fn read_limited(
    reader: impl Read,
    path: &Path,
    max_bytes: u64,
    capacity: usize,
) -> Result<Document, IngestError> {
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::from_io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    ingest(bytes, path)
}

/// Turns the raw bytes of a file into a [`Document`]. `path_label` is recorded as the source path,
/// named in errors, and its extension (`.html`, `.htm`, `.xhtml`) marks HTML.
pub fn from_bytes(bytes: &[u8], path_label: &str) -> Result<Document, IngestError> {
    ingest(bytes.to_vec(), Path::new(path_label))
}

/// Like [`from_bytes`], taking the bytes: valid UTF-8 becomes the text without a copy.
pub fn from_vec(bytes: Vec<u8>, path_label: &str) -> Result<Document, IngestError> {
    ingest(bytes, Path::new(path_label))
}

fn ingest(bytes: Vec<u8>, path: &Path) -> Result<Document, IngestError> {
    let sha256 = hex(&Sha256::digest(&bytes));
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
            detail: "the file is empty (0 bytes)",
        });
    }

    let html_extension = has_html_extension(path);
    let decoded = decode::decode(bytes, html_extension).map_err(|failure| match failure {
        decode::DecodeFailure::Binary(what) => IngestError::Binary {
            path: path.to_path_buf(),
            what,
        },
        decode::DecodeFailure::Undecodable(detail) => IngestError::Undecodable {
            path: path.to_path_buf(),
            detail,
        },
    })?;

    let mut cleaning = Cleaning {
        bom_removed: decoded.bom_removed,
        encoding_source: decoded.source,
        replacement_chars: decoded.replacement_chars,
        ..Cleaning::default()
    };
    let is_html = html_extension || html::looks_like_html(&decoded.text);
    let text = if is_html {
        let (extracted, report) = html::extract(&decoded.text);
        cleaning.html = Some(report);
        clean::clean(&extracted, &mut cleaning).into_owned()
    } else {
        let cleaned = match clean::clean(&decoded.text, &mut cleaning) {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        cleaned.unwrap_or(decoded.text)
    };

    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
            detail: if is_html {
                "the HTML page has no readable text"
            } else {
                "the file contains only whitespace"
            },
        });
    }

    Ok(Document {
        text,
        source: SourceInfo {
            path: path.display().to_string(),
            encoding: decoded.encoding.name().to_string(),
            format: if is_html { "html" } else { "text" }.to_string(),
            sha256,
            replacement_chars: cleaning.replacement_chars,
        },
        cleaning,
    })
}

/// Something a reader should know about an article that loaded: shown as a CLI warning and an
/// app notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// This many malformed byte sequences were replaced with U+FFFD.
    ReplacementChars(usize),
    /// The text has no Arabic letter: it opens, but there is nothing for the extractor to find.
    NoArabic,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::ReplacementChars(n) => write!(
                f,
                "{n} malformed byte sequence{} replaced with U+FFFD",
                if *n == 1 { " was" } else { "s were" }
            ),
            Notice::NoArabic => {
                f.write_str("the text has no Arabic letters; Marsad annotates Arabic news")
            }
        }
    }
}

impl Document {
    /// What a reader should be told about this article, in order of importance.
    pub fn notices(&self) -> Vec<Notice> {
        let mut notices = Vec::new();
        if !has_arabic_letter(&self.text) {
            notices.push(Notice::NoArabic);
        }
        if self.cleaning.replacement_chars > 0 {
            notices.push(Notice::ReplacementChars(self.cleaning.replacement_chars));
        }
        notices
    }
}

/// Whether `text` has a letter of the Arabic script (U+0620–U+064A, U+066E–U+06D3, U+06FA–U+06FF,
/// the supplement and the presentation forms), not merely Arabic punctuation or digits.
pub fn has_arabic_letter(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0620}'..='\u{064A}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06FA}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08C9}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    })
}

fn has_html_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["html", "htm", "xhtml"]
            .iter()
            .any(|h| e.eq_ignore_ascii_case(h))
    })
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0F)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digest() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn html_extensions() {
        assert!(has_html_extension(Path::new("a/b.HTML")));
        assert!(has_html_extension(Path::new("b.htm")));
        assert!(has_html_extension(Path::new("b.xhtml")));
        assert!(!has_html_extension(Path::new("b.txt")));
        assert!(!has_html_extension(Path::new("html")));
    }

    #[test]
    fn plain_text_is_untouched() {
        let s = "قال الوزير:\u{00A0}«لا»\u{200F}\r\n";
        let doc = from_bytes(s.as_bytes(), "x.txt").unwrap();
        assert_eq!(doc.text, "قال الوزير:\u{00A0}«لا»\u{200F}\n");
        assert_eq!(doc.cleaning.crlf, 1);
        assert_eq!(doc.source.format, "text");
        assert_eq!(doc.source.encoding, "UTF-8");
    }
}
