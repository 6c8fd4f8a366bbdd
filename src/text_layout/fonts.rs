//! The bundled fonts (see `fonts/README.md`). Compiled into the binary so every machine lays out and
//! renders the same glyphs and no system font is ever consulted.

/// Family of the article body (Naskh is the conventional book/news style).
pub const ARTICLE_FAMILY: &str = "Noto Naskh Arabic";
/// Family of interface labels (a sans face reads better at small sizes).
pub const INTERFACE_FAMILY: &str = "Noto Sans Arabic";
/// Family that supplies Latin letters, digits and the punctuation the Arabic faces lack.
pub const LATIN_FAMILY: &str = "Noto Sans";
/// Family for stray Hebrew.
pub const HEBREW_FAMILY: &str = "Noto Sans Hebrew";

/// `(short name, bytes)` of every bundled font file.
pub const BUNDLED: &[(&str, &[u8])] = &[
    (
        "NotoNaskhArabic-Regular",
        include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    ),
    (
        "NotoNaskhArabic-Bold",
        include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    ),
    (
        "NotoSansArabic-Regular",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold",
        include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "NotoSans-Regular",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSansHebrew-Regular",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
];
