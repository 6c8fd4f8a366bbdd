//! Loading articles: encodings, cleaning, HTML extraction and every error, on real Arabic text.

use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::WINDOWS_1256;
use marsad::ingest::{
    self, from_bytes, load, load_with_limit, Cleaning, EncodingSource, IngestError,
    DEFAULT_MAX_BYTES,
};
use sha2::{Digest, Sha256};

const FIXTURE: &str = "tests/fixtures/israel-iraq-unsc-2024-11-19.txt";
/// `sha256sum tests/fixtures/israel-iraq-unsc-2024-11-19.txt`
const FIXTURE_SHA256: &str = "85592b17709bec275802c3bd164f883a08857a2c068c5fd85008f3688fdcec43";

const PARAGRAPH: &str = "القدس - أعلن وزير الخارجية الإسرائيلي جدعون ساعر الإثنين أنه وجّه رسالة \
إلى مجلس الأمن الدولي يطالبه فيها بالتحرك العاجل لضمان وفاء الحكومة العراقية بالتزاماتها، \
مؤكدا أن لإسرائيل الحق في الدفاع عن نفسها.";

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&pair);
    }
    out
}

/// Every error message is one line that names the file.
fn assert_message(err: &IngestError, path: &Path, needle: &str) {
    let message = err.to_string();
    assert!(!message.contains('\n'), "multi-line message: {message}");
    assert!(
        message.starts_with(&path.display().to_string()),
        "message does not name {}: {message}",
        path.display()
    );
    assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    assert_eq!(err.path(), path);
}

// ---- encodings -------------------------------------------------------------------------------

#[test]
fn fixture_loads_byte_identical() {
    let path = fixture_path();
    let raw = fs::read(&path).unwrap();
    let doc = load(&path).unwrap();
    assert_eq!(doc.text.as_bytes(), raw.as_slice());
    assert_eq!(doc.source.sha256, FIXTURE_SHA256);
    assert_eq!(doc.source.sha256, sha256_hex(&raw));
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.source.format, "text");
    assert_eq!(doc.source.path, path.display().to_string());
    assert_eq!(doc.cleaning, Cleaning::default());
    assert!(!doc.cleaning.changed_text());

    // The relative path is recorded as given.
    let doc = from_bytes(&raw, FIXTURE).unwrap();
    assert_eq!(doc.source.path, FIXTURE);
    assert_eq!(doc.text.as_bytes(), raw.as_slice());
}

#[test]
fn utf8_keeps_invisible_characters_and_final_newline_as_is() {
    // No-break space, RLM, ZWNJ, ZWJ, bidi isolate, tatweel; with and without final newline.
    let text = "قال\u{00A0}المتحدث\u{200F}: «نعم»\u{200C}\u{200D} \u{2067}UN\u{2069} ـ";
    for body in [
        text.to_string(),
        format!("{text}\n"),
        format!("  {text}\n\n"),
    ] {
        let doc = from_bytes(body.as_bytes(), "a.txt").unwrap();
        assert_eq!(doc.text, body);
        assert_eq!(doc.cleaning, Cleaning::default());
    }
}

#[test]
fn utf8_with_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "bom.txt", &bytes);
    let doc = load(&path).unwrap();
    assert_eq!(doc.text, PARAGRAPH);
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.source.sha256, sha256_hex(&bytes));
    assert!(doc.cleaning.bom_removed);
    assert_eq!(doc.cleaning.encoding_source, EncodingSource::Bom);
}

#[test]
fn utf16_with_bom() {
    let text = format!("{PARAGRAPH}\r\nسطر ثان\n");
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let bytes = utf16(&text, big_endian);
        let doc = from_bytes(&bytes, "utf16.txt").unwrap();
        assert_eq!(doc.source.encoding, name);
        assert_eq!(doc.text, format!("{PARAGRAPH}\nسطر ثان\n"));
        assert!(doc.cleaning.bom_removed);
        assert_eq!(doc.cleaning.crlf, 1);
        assert_eq!(doc.cleaning.replacement_chars, 0);
        assert_eq!(doc.source.sha256, sha256_hex(&bytes));
    }
}

#[test]
fn windows_1256_is_detected_and_round_trips() {
    let (bytes, _, unmappable) = WINDOWS_1256.encode(PARAGRAPH);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "cp1256.txt", &bytes);
    let doc = load(&path).unwrap();
    assert_eq!(doc.source.encoding, "windows-1256");
    assert_eq!(doc.text, PARAGRAPH);
    assert_eq!(doc.cleaning.encoding_source, EncodingSource::Detected);
    assert_eq!(doc.cleaning.replacement_chars, 0);
    assert!(!doc.cleaning.bom_removed);
    assert_eq!(doc.source.sha256, sha256_hex(&bytes));
}

#[test]
fn slightly_damaged_utf8_stays_utf8() {
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    bytes.insert(0, 0xFF);
    let doc = from_bytes(&bytes, "damaged.txt").unwrap();
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.text, format!("\u{FFFD}{PARAGRAPH}"));
    assert_eq!(doc.cleaning.replacement_chars, 1);
    assert_eq!(doc.cleaning.encoding_source, EncodingSource::Utf8Repaired);
}

// ---- cleaning --------------------------------------------------------------------------------

#[test]
fn line_breaks_and_controls_are_normalised_and_counted() {
    let input = "العنوان\r\n\r\nالفقرة الأولى\rالثانية\u{2029}الثالثة\u{2028}الرابعة\u{85}\
                 الخامسة\u{0B}\u{0C}النهاية\0 مع\u{7}\u{7F}\u{9B} تحكم\t.\n";
    let doc = from_bytes(input.as_bytes(), "mixed.txt").unwrap();
    assert_eq!(
        doc.text,
        "العنوان\n\nالفقرة الأولى\nالثانية\nالثالثة\nالرابعة\nالخامسة\n\nالنهاية مع تحكم\t.\n"
    );
    let expected = Cleaning {
        crlf: 2,
        lone_cr: 1,
        paragraph_separators: 5,
        controls_removed: 4,
        ..Cleaning::default()
    };
    assert_eq!(doc.cleaning, expected);
    assert!(doc.cleaning.changed_text());
    assert_eq!(doc.source.format, "text");
}

#[test]
fn cleaning_serialises() {
    let doc = from_bytes("سطر\r\nآخر".as_bytes(), "a.txt").unwrap();
    let json = serde_json::to_value(&doc.cleaning).unwrap();
    assert_eq!(json["crlf"], 1);
    assert_eq!(json["encoding_source"], "utf8");
    assert_eq!(json["html"], serde_json::Value::Null);
    let back: Cleaning = serde_json::from_value(json).unwrap();
    assert_eq!(back, doc.cleaning);
}

// ---- HTML ------------------------------------------------------------------------------------

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>إسرائيل تطالب بالضغط على العراق | العرب</title>
  <style>body { direction: rtl; } p > a { color: red; }</style>
  <script>var tpl = "<p>ليس نصا</p>"; if (a < b && c > d) {}</script>
</head>
<body class="single-post has-sidebar">
  <header class="site-header"><a href="/">العرب</a> <h1 class="logo">شعار الموقع</h1></header>
  <nav><ul><li><a href="/politics">سياسة</a></li><li>اقتصاد</li></ul></nav>
  <div class="breadcrumb">الرئيسية &gt; سياسة</div>
  <main>
    <article class="article with-comments">
      <h1 class="headline">إسرائيل تطالب بالضغط على العراق بعد هجمات لفصائل موالية لإيران</h1>
      <div class="share-buttons"><button>فيسبوك</button><a>تويتر</a></div>
      <p>القدس  - أعلن وزير الخارجية الإسرائيلي
         جدعون ساعر الإثنين أنه وجّه رسالة إلى مجلس الأمن.</p>
      <p>وقال ساعر في الرسالة: &quot;على الحكومة العراقية أن تتحمل المسؤولية&quot; &amp; أضاف
         أن &#1575;لعراق<br>مسؤول عن أراضيه.</p>
      <blockquote>لإسرائيل الحق في الدفاع عن نفسها</blockquote>
      <div class="ad-slot">إعلان</div>
      <ul><li>النقطة الأولى<li>النقطة الثانية</ul>
      <aside>اقرأ أيضا: خبر آخر</aside>
      <section id="comments"><p>تعليق قارئ</p></section>
    </article>
    <div class="related-articles"><article><p>خبر ذو صلة</p></article></div>
  </main>
  <footer>جميع الحقوق محفوظة</footer>
  <div id="cookie-consent">نستخدم ملفات تعريف الارتباط</div>
</body>
</html>
"#;

#[test]
fn html_page_is_reduced_to_title_and_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "article.html", PAGE.as_bytes());
    let doc = load(&path).unwrap();
    assert_eq!(doc.source.format, "html");
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.source.sha256, sha256_hex(PAGE.as_bytes()));
    let expected = [
        "إسرائيل تطالب بالضغط على العراق | العرب",
        "إسرائيل تطالب بالضغط على العراق بعد هجمات لفصائل موالية لإيران",
        "القدس - أعلن وزير الخارجية الإسرائيلي جدعون ساعر الإثنين أنه وجّه رسالة إلى مجلس الأمن.",
        "وقال ساعر في الرسالة: \"على الحكومة العراقية أن تتحمل المسؤولية\" & أضاف أن العراق",
        "مسؤول عن أراضيه.",
        "لإسرائيل الحق في الدفاع عن نفسها",
        "النقطة الأولى",
        "النقطة الثانية",
    ]
    .join("\n\n");
    assert_eq!(doc.text, expected);
    assert!(!doc.text.ends_with('\n'));

    let html = doc.cleaning.html.as_ref().unwrap();
    assert_eq!(
        html.title.as_deref(),
        Some("إسرائيل تطالب بالضغط على العراق | العرب")
    );
    assert_eq!(html.paragraphs, 8);
    assert!(html.from_article);
    // style, script, header, nav, breadcrumb, share, ad, aside, comments, related, footer, cookie
    assert_eq!(html.dropped_elements, 12);
}

#[test]
fn html_without_article_keeps_the_body() {
    let page = "<html><head><title>بيان</title></head><body>\
        <nav>القائمة</nav><h1>بيان الخارجية</h1><p>قال المتحدث إن الوفد وصل.</p>\
        <div class=\"social-share\">شارك</div><p>وأضاف: &laquo;المحادثات مستمرة&raquo;.</p>\
        <footer>تذييل</footer></body></html>";
    // Detected from the content, whatever the extension says.
    let doc = from_bytes(page.as_bytes(), "saved-page.txt").unwrap();
    assert_eq!(doc.source.format, "html");
    assert_eq!(
        doc.text,
        "بيان\n\nبيان الخارجية\n\nقال المتحدث إن الوفد وصل.\n\nوأضاف: «المحادثات مستمرة»."
    );
    let html = doc.cleaning.html.unwrap();
    assert!(!html.from_article);
    assert_eq!(html.dropped_elements, 3);
}

#[test]
fn html_in_windows_1256_with_meta_charset() {
    for meta in [
        r#"<meta charset="windows-1256">"#,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#,
    ] {
        let page = format!(
            "<html><head>{meta}<title>مجلس الأمن</title></head>\
             <body><p>{PARAGRAPH}</p><p>وقال: &quot;نعم&quot;</p></body></html>"
        );
        let (bytes, _, unmappable) = WINDOWS_1256.encode(&page);
        assert!(!unmappable);
        let doc = from_bytes(&bytes, "page.htm").unwrap();
        assert_eq!(doc.source.encoding, "windows-1256");
        assert_eq!(doc.source.format, "html");
        assert_eq!(doc.cleaning.encoding_source, EncodingSource::MetaCharset);
        assert_eq!(
            doc.text,
            format!("مجلس الأمن\n\n{PARAGRAPH}\n\nوقال: \"نعم\"")
        );
    }
}

// ---- errors ----------------------------------------------------------------------------------

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("لا-يوجد.txt");
    let err = load(&path).unwrap_err();
    assert!(matches!(err, IngestError::NotFound { .. }), "{err:?}");
    assert_message(&err, &path, "no such file; check the path");

    // A path that runs through a regular file is missing too.
    let file = write(&dir, "file.txt", PARAGRAPH.as_bytes());
    let through = file.join("x.txt");
    assert!(matches!(
        load(&through).unwrap_err(),
        IngestError::NotFound { .. }
    ));
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(matches!(err, IngestError::IsDirectory { .. }), "{err:?}");
    assert_message(&err, dir.path(), "directory");
}

#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "secret.txt", PARAGRAPH.as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root (or with CAP_DAC_OVERRIDE): permissions cannot deny anything.
        eprintln!("skipping permission_denied: this user can read a mode-000 file");
        return;
    }
    let err = load(&path).unwrap_err();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    assert!(
        matches!(err, IngestError::PermissionDenied { .. }),
        "{err:?}"
    );
    assert_message(&err, &path, "permission denied");
}

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "empty"),
        (
            "blank.txt",
            " \n\t\r\n  \u{a0}".as_bytes(),
            "only whitespace",
        ),
        ("bom-only.txt", b"\xEF\xBB\xBF\n", "only whitespace"),
        ("nul.txt", b"\n\0\n", "only whitespace"),
        (
            "scripts.html",
            b"<html><head><script>var x = 1;</script></head><body><nav>x</nav></body></html>",
            "HTML page has no readable text",
        ),
    ];
    for (name, bytes, needle) in cases {
        let path = write(&dir, name, bytes);
        let err = load(&path).unwrap_err();
        assert!(matches!(err, IngestError::Empty { .. }), "{name}: {err:?}");
        assert_message(&err, &path, needle);
    }
}

#[test]
fn binary_files() {
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    elf.resize(64, 0);
    let mut docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml ... word/document.xml");
    let mut nuls = PARAGRAPH.as_bytes().to_vec();
    nuls.extend_from_slice(&[0; 64]);
    nuls.extend_from_slice(PARAGRAPH.as_bytes());
    // Mostly control characters.
    let controls: Vec<u8> = (0..200).map(|i| [1u8, 2, 3, 0x10, b'a'][i % 5]).collect();
    // The same in UTF-16, where the control check runs on the decoded characters.
    let mut controls16 = vec![0xFF, 0xFE];
    for &b in &controls {
        controls16.extend_from_slice(&[b, 0]);
    }
    // Noise: every byte value, in a scrambled order.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Noise without control bytes decodes in any single-byte encoding, but has no word spacing.
    let high: Vec<u8> = noise.iter().map(|b| b | 0x80).collect();

    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, what) in [
        ("image.txt", png, "looks like a PNG image"),
        ("program", elf.as_slice(), "looks like an ELF executable"),
        (
            "article.docx",
            docx.as_slice(),
            "looks like a Word document (.docx)",
        ),
        ("nuls.txt", nuls.as_slice(), "looks like binary data"),
        (
            "controls.txt",
            controls.as_slice(),
            "160 of the first 200 characters are control",
        ),
        (
            "controls16.txt",
            controls16.as_slice(),
            "looks like binary data",
        ),
        ("noise.txt", noise.as_slice(), "control characters"),
        ("high.txt", high.as_slice(), "no spaces between words"),
    ] {
        let path = write(&dir, name, bytes);
        let err = load(&path).unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }), "{name}: {err:?}");
        assert_message(&err, &path, what);
        assert!(err.to_string().contains("plain text"));
    }
}

#[test]
fn text_without_arabic_loads_with_a_notice() {
    let doc = from_bytes(b"The minister said the talks would go on.", "en.txt").unwrap();
    assert_eq!(doc.notices(), [ingest::Notice::NoArabic]);
    assert!(doc.notices()[0].to_string().contains("no Arabic letters"));
    let doc = from_bytes(PARAGRAPH.as_bytes(), "ar.txt").unwrap();
    assert!(doc.notices().is_empty());
    // Arabic digits and punctuation alone are not Arabic letters.
    assert!(!ingest::has_arabic_letter("٢٠٢٤، ؟"));
    assert!(ingest::has_arabic_letter("x ﻻ"));
}

#[test]
fn replaced_bytes_are_counted_in_the_source() {
    let mut bytes = format!("{PARAGRAPH}\n{PARAGRAPH}").into_bytes();
    bytes.insert(PARAGRAPH.len() + 1, 0xFF);
    let doc = from_bytes(&bytes, "damaged.txt").unwrap();
    assert_eq!(doc.source.replacement_chars, 1);
    assert_eq!(doc.cleaning.replacement_chars, 1);
    assert_eq!(doc.notices(), [ingest::Notice::ReplacementChars(1)]);
    assert_eq!(
        doc.notices()[0].to_string(),
        "1 malformed byte sequence was replaced with U+FFFD"
    );
}

#[test]
fn standard_input_reader_and_owned_bytes() {
    let doc = ingest::load_reader(PARAGRAPH.as_bytes(), Path::new("-"), 1 << 20).unwrap();
    assert_eq!(doc.text, PARAGRAPH);
    assert_eq!(doc.source.path, "-");
    let err = ingest::load_reader(PARAGRAPH.as_bytes(), Path::new("-"), 10).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }));
    let doc = ingest::from_vec(PARAGRAPH.as_bytes().to_vec(), "v.txt").unwrap();
    assert_eq!(doc, from_bytes(PARAGRAPH.as_bytes(), "v.txt").unwrap());
}

#[test]
fn a_stray_nul_is_removed_not_binary() {
    let input = format!("{PARAGRAPH}\0\n");
    let doc = from_bytes(input.as_bytes(), "stray.txt").unwrap();
    assert_eq!(doc.text, format!("{PARAGRAPH}\n"));
    assert_eq!(doc.cleaning.controls_removed, 1);
}

#[test]
fn too_large() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "big.txt", PARAGRAPH.as_bytes());
    let size = PARAGRAPH.len() as u64;
    let err = load_with_limit(&path, 100).unwrap_err();
    match &err {
        IngestError::TooLarge {
            size: s, limit: l, ..
        } => assert_eq!((*s, *l), (size, 100)),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert_message(&err, &path, "--max-bytes");
    assert!(err.to_string().contains(&size.to_string()));
    // Exactly at the limit is fine.
    assert_eq!(load_with_limit(&path, size).unwrap().text, PARAGRAPH);
    assert_eq!(DEFAULT_MAX_BYTES, 64 * 1024 * 1024);
}

#[test]
fn undecodable() {
    // UTF-16 with a BOM but full of unpaired surrogates.
    let mut broken = vec![0xFF, 0xFE];
    for _ in 0..20 {
        broken.extend_from_slice(&[0x00, 0xD8, 0x27, 0x06]);
    }
    // UTF-32 is not supported.
    let mut utf32 = vec![0xFF, 0xFE, 0x00, 0x00];
    for c in "سلام".chars() {
        utf32.extend_from_slice(&(c as u32).to_le_bytes());
    }

    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, needle) in [
        ("broken.txt", broken.as_slice(), "malformed as UTF-16LE"),
        ("utf32.txt", utf32.as_slice(), "UTF-32"),
    ] {
        let path = write(&dir, name, bytes);
        let err = load(&path).unwrap_err();
        assert!(
            matches!(err, IngestError::Undecodable { .. }),
            "{name}: {err:?}"
        );
        assert_message(&err, &path, needle);
        assert!(err.to_string().contains("re-save the file as UTF-8"));
    }
}

#[test]
fn from_bytes_errors_name_the_label() {
    let err = ingest::from_bytes(b"", "input/empty.txt").unwrap_err();
    assert_message(&err, Path::new("input/empty.txt"), "empty");
}
