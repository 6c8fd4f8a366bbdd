//! Raw bytes → `String`: binary sniffing, byte-order marks, UTF-8, `<meta charset>` and detection.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};

use super::clean::is_removed_control;
use super::html::looks_like_html;

/// How the encoding of a file was decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark said so.
    Bom,
    /// The bytes are valid UTF-8 (plain ASCII included).
    #[default]
    Utf8,
    /// The bytes are UTF-8 apart from a few malformed sequences, which became U+FFFD.
    Utf8Repaired,
    /// UTF-16 without a byte-order mark, recognised from where its NUL bytes fall.
    Utf16Unmarked,
    /// An HTML `<meta charset>` or `http-equiv="Content-Type"` declaration.
    MetaCharset,
    /// Guessed from the byte statistics (chardetng).
    Detected,
}

/// A successfully decoded file.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom_removed: bool,
    pub source: EncodingSource,
    /// Malformed sequences replaced with U+FFFD.
    pub replacement_chars: usize,
}

/// Why bytes could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecodeFailure {
    /// Not text; what it looks like ("a PNG image", "binary data").
    Binary(String),
    /// Text in an encoding we cannot read, or too damaged to read.
    Undecodable(String),
}

/// How many leading bytes the binary sniffing and `<meta>` pre-scan look at.
const SNIFF_LEN: usize = 8192;
const META_SCAN_LEN: usize = 1024;
/// How many leading bytes decide whether invalid UTF-8 is damaged UTF-8 or another encoding.
const REPAIR_SAMPLE_LEN: usize = 1024 * 1024;

/// Decodes `bytes`. `html_hint` says the caller already knows the file is HTML (from its
/// extension), which enables the `<meta charset>` pre-scan even if the start does not look like HTML.
pub(crate) fn decode(bytes: Vec<u8>, html_hint: bool) -> Result<Decoded, DecodeFailure> {
    if let Some(what) = sniff_magic(&bytes) {
        return Err(DecodeFailure::Binary(what));
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) || bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
    {
        return Err(DecodeFailure::Undecodable(
            "it is UTF-32, which is not supported".to_string(),
        ));
    }

    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 && has_binary_nuls(body) {
            return Err(DecodeFailure::Binary("binary data".to_string()));
        }
        let (text, errors) = decode_counting(encoding, body);
        if let Some(what) = binary_controls(text.chars().map(u32::from)) {
            return Err(DecodeFailure::Binary(what));
        }
        check_quality(&text, errors, encoding).map_err(DecodeFailure::Undecodable)?;
        return Ok(Decoded {
            text,
            encoding,
            bom_removed: true,
            source: EncodingSource::Bom,
            replacement_chars: errors,
        });
    }

    if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        if let Some((encoding, text)) = unmarked_utf16(&bytes) {
            return Ok(Decoded {
                text,
                encoding,
                bom_removed: false,
                source: EncodingSource::Utf16Unmarked,
                replacement_chars: 0,
            });
        }
        if has_binary_nuls(&bytes) {
            return Err(DecodeFailure::Binary("binary data".to_string()));
        }
    }
    // Every other candidate encoding is ASCII-compatible: control bytes mean the same in all.
    if let Some(what) = binary_control_bytes(&bytes) {
        return Err(DecodeFailure::Binary(what));
    }

    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            // Valid UTF-8 has no malformed characters, and its control characters were judged on
            // the sample above; any stray ones further on are removed (and counted) by cleaning.
            return Ok(Decoded {
                text,
                encoding: UTF_8,
                bom_removed: false,
                source: EncodingSource::Utf8,
                replacement_chars: 0,
            });
        }
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();

    let prefix = &bytes[..bytes.len().min(META_SCAN_LEN)];
    if html_hint || looks_like_html(&String::from_utf8_lossy(prefix)) {
        if let Some(encoding) = meta_charset(prefix) {
            let (text, errors) = decode_counting(encoding, bytes);
            // A declaration that the bytes contradict wholesale is ignored in favour of detection.
            if check_quality(&text, errors, encoding).is_ok() {
                return Ok(Decoded {
                    text,
                    encoding,
                    bom_removed: false,
                    source: EncodingSource::MetaCharset,
                    replacement_chars: errors,
                });
            }
        }
    }

    // UTF-8 with a few damaged bytes: keep it UTF-8 rather than guessing a legacy encoding that
    // would garble every non-ASCII character.
    // Judged on a sample, so a long legacy-encoded file is not decoded twice in full.
    let (sample, sample_errors) =
        decode_counting(UTF_8, &bytes[..bytes.len().min(REPAIR_SAMPLE_LEN)]);
    let good_non_ascii = sample
        .chars()
        .filter(|c| !c.is_ascii())
        .count()
        .saturating_sub(sample_errors);
    if good_non_ascii >= 4 && sample_errors * 10 <= good_non_ascii {
        let (text, errors) = decode_counting(UTF_8, bytes);
        check_quality(&text, errors, UTF_8).map_err(DecodeFailure::Undecodable)?;
        return Ok(Decoded {
            text,
            encoding: UTF_8,
            bom_removed: false,
            source: EncodingSource::Utf8Repaired,
            replacement_chars: errors,
        });
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, errors) = decode_counting(encoding, bytes);
    check_quality(&text, errors, encoding).map_err(DecodeFailure::Undecodable)?;
    if encoding.is_single_byte() && lacks_word_spacing(&text) {
        // Every byte is a character in a single-byte encoding, so noise decodes "cleanly"; but
        // the languages written in them separate words with spaces.
        return Err(DecodeFailure::Binary(
            "binary data (no spaces between words in any text encoding)".to_string(),
        ));
    }
    Ok(Decoded {
        text,
        encoding,
        bom_removed: false,
        source: EncodingSource::Detected,
        replacement_chars: errors,
    })
}

/// Decodes without BOM sniffing, replacing each malformed sequence with U+FFFD and counting them.
///
/// Decodes through a fixed-size buffer: `Decoder::decode_to_string_without_replacement` prepares
/// the whole spare capacity on every call, which makes input with many malformed bytes quadratic.
pub(crate) fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    const CHUNK: usize = 64 * 1024;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut chunk = "\0".repeat(CHUNK);
    let mut out = String::with_capacity(bytes.len());
    let mut input = bytes;
    let mut errors = 0;
    loop {
        let (result, read, written) =
            decoder.decode_to_str_without_replacement(input, chunk.as_mut_str(), true);
        out.push_str(&chunk[..written]);
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                errors += 1;
                out.push('\u{FFFD}');
            }
        }
    }
    (out, errors)
}

/// Rejects decodings with more than 5% malformed characters, or that are mostly malformed or
/// control characters.
fn check_quality(text: &str, errors: usize, encoding: &'static Encoding) -> Result<(), String> {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        total += 1;
        if is_removed_control(c) {
            controls += 1;
        }
    }
    if total == 0 {
        return Ok(());
    }
    if errors * 20 > total {
        return Err(format!(
            "{errors} of {total} characters are malformed as {}",
            encoding.name()
        ));
    }
    if (errors + controls) * 2 > total {
        return Err(format!(
            "{} of {total} characters are control characters or malformed as {}",
            errors + controls,
            encoding.name()
        ));
    }
    Ok(())
}

/// How many leading code units the control-character count looks at.
const CONTROL_SAMPLE_LEN: usize = 64 * 1024;

/// Control characters that no text file contains, in the first [`CONTROL_SAMPLE_LEN`] code units
/// (bytes of an ASCII-compatible encoding, or decoded characters): more than 5% of them, and more
/// than one. Random bytes have about 10%; text has none, or a stray few. TAB, LF, CR, VT, FF and
/// ESC (terminal colours) do occur in text and are not counted. Returns what the data looks like.
fn binary_controls(units: impl Iterator<Item = u32>) -> Option<String> {
    let (mut total, mut controls) = (0usize, 0usize);
    for u in units.take(CONTROL_SAMPLE_LEN) {
        total += 1;
        controls += usize::from(is_binary_control(u));
    }
    judge_controls(total, controls)
}

/// [`binary_controls`] of the bytes of an ASCII-compatible encoding, counted over the slice at
/// once: for a short article that sample is the whole file.
fn binary_control_bytes(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(CONTROL_SAMPLE_LEN)];
    let controls = sample
        .iter()
        .filter(|&&b| is_binary_control(u32::from(b)))
        .count();
    judge_controls(sample.len(), controls)
}

fn is_binary_control(u: u32) -> bool {
    matches!(u, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

fn judge_controls(total: usize, controls: usize) -> Option<String> {
    (controls > 1 && controls * 20 > total).then(|| {
        format!("binary data ({controls} of the first {total} characters are control characters)")
    })
}

/// Whether a decoded single-byte text has too few spaces between words to be prose: under 2% of
/// its first characters (prose in the languages of single-byte encodings has 10–20%).
fn lacks_word_spacing(text: &str) -> bool {
    const SAMPLE: usize = 16 * 1024;
    let (mut total, mut spaces) = (0usize, 0usize);
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if c.is_whitespace() {
            spaces += 1;
        }
    }
    total >= 200 && spaces * 50 < total
}

/// NULs in the first [`SNIFF_LEN`] bytes that text would not have: more than one and more than 1%
/// of the sample, or a run of four or more. (A stray NUL in real text is removed and counted.)
fn has_binary_nuls(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut nuls = 0usize;
    let mut run = 0usize;
    for &b in sample {
        if b == 0 {
            nuls += 1;
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    nuls > 1 && nuls * 100 > sample.len()
}

/// UTF-16 without a BOM: NULs on one byte parity only (the high byte of ASCII and of spaces
/// between Arabic words) and a clean decoding.
fn unmarked_utf16(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = sample.len() / 2;
    let encoding = if odd * 20 >= units && even * 10 <= odd {
        UTF_16LE
    } else if even * 20 >= units && odd * 10 <= even {
        UTF_16BE
    } else {
        return None;
    };
    let (text, errors) = decode_counting(encoding, bytes);
    if errors > 0 {
        return None;
    }
    let total = text.chars().count();
    let controls = text.chars().filter(|&c| is_removed_control(c)).count();
    (controls * 50 <= total).then_some((encoding, text))
}

/// The encoding named by the first usable `charset=` inside a `<meta …>` tag of `prefix`, with the
/// HTML rules applied (a UTF-16 declaration means UTF-8, x-user-defined means windows-1252).
pub(crate) fn meta_charset(prefix: &[u8]) -> Option<&'static Encoding> {
    let lower = prefix.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let mut at = 0;
        while let Some(p) = find(&tag[at..], b"charset") {
            at += p + 7;
            if let Some(label) = charset_value(&tag[at..]) {
                if let Some(encoding) = Encoding::for_label(label) {
                    if encoding == UTF_16LE || encoding == UTF_16BE {
                        return Some(UTF_8);
                    }
                    if encoding.name() == "x-user-defined" {
                        return Some(WINDOWS_1252);
                    }
                    if encoding.name() != "replacement" {
                        return Some(encoding);
                    }
                }
            }
        }
        from = end;
    }
    None
}

/// Parses `  = "label"` (quotes optional) right after the word `charset`.
fn charset_value(rest: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i < rest.len() && rest[i].is_ascii_whitespace() {
        i += 1;
    }
    if rest.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < rest.len() && rest[i].is_ascii_whitespace() {
        i += 1;
    }
    if matches!(rest.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    let start = i;
    while i < rest.len() && !matches!(rest[i], b'"' | b'\'' | b';' | b'>' | b'/') {
        if rest[i].is_ascii_whitespace() {
            break;
        }
        i += 1;
    }
    (i > start).then(|| &rest[start..i])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Names well-known binary formats from their leading bytes.
pub(crate) fn sniff_magic(bytes: &[u8]) -> Option<String> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let what = if starts(b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "a GIF image"
    } else if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        "a WebP image"
    } else if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WAVE" {
        "a WAV audio file"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF image"
    } else if starts(b"%PDF-") {
        "a PDF document"
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_kind(bytes).to_string());
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "an old Microsoft Office document (.doc/.xls/.ppt)"
    } else if starts(b"{\\rtf") {
        "an RTF document"
    } else if starts(b"\x7fELF") {
        "an ELF executable"
    } else if starts(b"MZ") && bytes.len() >= 64 && bytes[2..64].contains(&0) {
        "a Windows executable"
    } else if starts(&[0xFE, 0xED, 0xFA, 0xCE])
        || starts(&[0xFE, 0xED, 0xFA, 0xCF])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
    {
        "a Mach-O executable"
    } else if starts(b"\0asm") {
        "a WebAssembly module"
    } else if starts(&[0x1F, 0x8B]) {
        "a gzip-compressed file"
    } else if starts(b"BZh") && bytes.len() >= 10 && &bytes[4..10] == b"1AY&SY" {
        "a bzip2-compressed file"
    } else if starts(&[0xFD, b'7', b'z', b'X', b'Z', 0x00]) {
        "an xz-compressed file"
    } else if starts(&[0x28, 0xB5, 0x2F, 0xFD]) {
        "a zstd-compressed file"
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        "a 7-Zip archive"
    } else if starts(b"Rar!\x1a\x07") {
        "a RAR archive"
    } else if starts(b"SQLite format 3\0") {
        "an SQLite database"
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        "an MP4/QuickTime media file"
    } else if starts(b"OggS") {
        "an Ogg media file"
    } else if starts(b"fLaC") {
        "a FLAC audio file"
    } else if starts(b"ID3") {
        "an MP3 audio file"
    } else if starts(&[0xCA, 0xFE, 0xBA, 0xBE]) {
        "a Java class file"
    } else {
        return None;
    };
    Some(what.to_string())
}

/// ZIP-based formats, told apart by the member names near the start of the archive.
fn zip_kind(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if find(head, b"mimetypeapplication/epub+zip").is_some() {
        "an EPUB e-book"
    } else if find(head, b"mimetypeapplication/vnd.oasis.opendocument.text").is_some() {
        "an OpenDocument text (.odt)"
    } else if find(head, b"word/").is_some() {
        "a Word document (.docx)"
    } else if find(head, b"xl/").is_some() {
        "an Excel workbook (.xlsx)"
    } else if find(head, b"ppt/").is_some() {
        "a PowerPoint presentation (.pptx)"
    } else {
        "a ZIP archive"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1256;

    const ARABIC: &str = "أعلن وزير الخارجية أن بلاده تحتفظ بحقها في الدفاع عن نفسها.";

    #[test]
    fn magic_numbers() {
        assert_eq!(
            sniff_magic(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").as_deref(),
            Some("a PNG image")
        );
        assert_eq!(
            sniff_magic(b"PK\x03\x04\x14\0\0\0\0\0[Content_Types].xml word/document.xml")
                .as_deref(),
            Some("a Word document (.docx)")
        );
        assert_eq!(
            sniff_magic(b"%PDF-1.7\n").as_deref(),
            Some("a PDF document")
        );
        // Short text that happens to start with "MZ" is not an executable.
        assert_eq!(sniff_magic(b"MZ is a nice prefix"), None);
        assert_eq!(sniff_magic(ARABIC.as_bytes()), None);
    }

    #[test]
    fn counts_malformed_sequences() {
        let (text, errors) = decode_counting(UTF_8, b"a\xffb\xc3");
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(errors, 2);
        // A literal U+FFFD in valid input is not a decoding error.
        let (text, errors) = decode_counting(UTF_8, "x\u{FFFD}".as_bytes());
        assert_eq!((text.as_str(), errors), ("x\u{FFFD}", 0));
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            meta_charset(b"<head><meta charset=\"windows-1256\">"),
            Some(WINDOWS_1256)
        );
        assert_eq!(
            meta_charset(
                b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Windows-1256'>"
            ),
            Some(WINDOWS_1256)
        );
        assert_eq!(meta_charset(b"<meta charset=cp1256>"), Some(WINDOWS_1256));
        assert_eq!(meta_charset(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta name=x content=y>"), None);
        assert_eq!(meta_charset(b"<p>charset=windows-1256</p>"), None);
        assert_eq!(meta_charset(b"<meta charset=bogus>"), None);
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, _) = WINDOWS_1256.encode(ARABIC);
        let d = decode(bytes.to_vec(), false).unwrap();
        assert_eq!(d.encoding, WINDOWS_1256);
        assert_eq!(d.source, EncodingSource::Detected);
        assert_eq!(d.text, ARABIC);
    }

    #[test]
    fn mostly_utf8_is_repaired_not_redetected() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.insert(9, 0xFF); // at a character boundary
        let d = decode(bytes.to_vec(), false).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source, EncodingSource::Utf8Repaired);
        assert_eq!(d.replacement_chars, 1);
    }

    #[test]
    fn utf16_without_bom() {
        let text = "Reuters - قال المتحدث باسم الوزارة إن المحادثات مستمرة.";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(le.to_vec(), false).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (UTF_16LE, text));
        assert_eq!(d.source, EncodingSource::Utf16Unmarked);
        let d = decode(be.to_vec(), false).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (UTF_16BE, text));
    }

    #[test]
    fn nul_heuristics() {
        let mut text = ARABIC.as_bytes().to_vec();
        text.insert(4, 0);
        assert!(!has_binary_nuls(&text));
        assert!(decode(text.to_vec(), false).is_ok());
        let mut padded = ARABIC.as_bytes().to_vec();
        padded.extend_from_slice(&[0; 16]);
        assert_eq!(
            decode(padded.to_vec(), false).unwrap_err(),
            DecodeFailure::Binary("binary data".to_string())
        );
    }

    #[test]
    fn utf32_is_reported() {
        assert!(matches!(
            decode(b"\xff\xfe\0\0a\0\0\0".to_vec(), false),
            Err(DecodeFailure::Undecodable(_))
        ));
    }
}
