//! Layout-level checks of the text view: bidi order, hit-testing against highlights, and inputs
//! that must not panic.

use marsad::text_layout::{ArticleLayout, LayoutStyle, Point, Rect, TextEngine};
use std::ops::Range;

const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");

/// Char range of the `nth` occurrence of `needle` in `text`.
fn char_range(text: &str, needle: &str, nth: usize) -> Range<usize> {
    let (byte, _) = text.match_indices(needle).nth(nth).expect("needle present");
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

fn laid_out(engine: &mut TextEngine, text: &str, width: f32) -> ArticleLayout {
    let mut layout = ArticleLayout::new(text, LayoutStyle::default(), width);
    layout.layout_all(engine);
    layout
}

/// The single rectangle of a range that must not be split.
fn one_rect(layout: &mut ArticleLayout, engine: &mut TextEngine, range: Range<usize>) -> Rect {
    let rects = layout.highlight_rects(engine, range.clone());
    assert_eq!(rects.len(), 1, "{range:?} gave {rects:?}");
    rects[0]
}

#[test]
fn date_reads_left_to_right_and_sits_left_of_fi() {
    let mut engine = TextEngine::new();
    let text = "قال Reuters في 2024/11/19";
    let mut layout = laid_out(&mut engine, text, 800.0);
    let year = one_rect(&mut layout, &mut engine, char_range(text, "2024", 0));
    let month = one_rect(&mut layout, &mut engine, char_range(text, "11", 0));
    let day = one_rect(&mut layout, &mut engine, char_range(text, "19", 0));
    let fi = one_rect(&mut layout, &mut engine, char_range(text, "في", 0));
    let qal = one_rect(&mut layout, &mut engine, char_range(text, "قال", 0));
    let reuters = one_rect(&mut layout, &mut engine, char_range(text, "Reuters", 0));
    // Digits of the year left to right.
    let year_range = char_range(text, "2024", 0);
    let xs: Vec<f32> = year_range
        .map(|c| one_rect(&mut layout, &mut engine, c..c + 1).min.x)
        .collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "year digits reversed: {xs:?}"
    );
    assert!(
        year.max.x <= month.min.x && month.max.x <= day.min.x,
        "date parts reversed"
    );
    // The whole line is RTL: قال rightmost, then Reuters, then في, then the date at the left.
    assert!(day.max.x <= fi.min.x, "date not left of في");
    assert!(fi.max.x <= reuters.min.x, "في not left of Reuters");
    assert!(reuters.max.x <= qal.min.x, "Reuters not left of قال");
    // Right-aligned: قال ends at the right edge.
    assert!(
        (qal.max.x - 800.0).abs() < 1.0,
        "not right-aligned: {qal:?}"
    );
}

#[test]
fn latin_first_paragraph_in_arabic_article_stays_rtl() {
    let mut engine = TextEngine::new();
    let text = "عنوان عربي\nReuters قال المتحدث\nAn English paragraph only.";
    let mut layout = laid_out(&mut engine, text, 600.0);
    let reuters = one_rect(&mut layout, &mut engine, char_range(text, "Reuters", 0));
    let qal = one_rect(&mut layout, &mut engine, char_range(text, "قال", 0));
    assert!(
        reuters.min.x > qal.max.x,
        "Latin-first paragraph flipped to LTR"
    );
    // A Latin-only paragraph is LTR and left-aligned.
    let an = one_rect(&mut layout, &mut engine, char_range(text, "An", 0));
    assert!(an.min.x < 1.0, "LTR paragraph not left-aligned: {an:?}");
    // Offsets after the RLM-prefixed paragraph are unshifted.
    let c = layout.hit(&mut engine, an.center()).expect("hit");
    assert!(char_range(text, "An", 0).contains(&c));
}

#[test]
fn every_word_of_the_sample_hits_back_inside_itself() {
    let mut engine = TextEngine::new();
    let mut layout = laid_out(&mut engine, SAMPLE, 700.0);
    let mut checked = 0;
    let mut char_pos = 0;
    let mut in_word: Option<usize> = None;
    let chars: Vec<char> = SAMPLE.chars().collect();
    let mut words = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match (c.is_whitespace(), in_word) {
            (false, None) => in_word = Some(i),
            (true, Some(s)) => {
                words.push(s..i);
                in_word = None;
            }
            _ => {}
        }
        char_pos = i + 1;
    }
    if let Some(s) = in_word {
        words.push(s..char_pos);
    }
    for word in words {
        let rects = layout.highlight_rects(&mut engine, word.clone());
        assert!(!rects.is_empty(), "no rect for {word:?}");
        for rect in rects {
            let hit = layout.hit(&mut engine, rect.center());
            let text: String = chars[word.clone()].iter().collect();
            assert!(
                hit.is_some_and(|h| word.contains(&h)),
                "word {text:?} {word:?}: centre of {rect:?} hit {hit:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 800, "only {checked} rects checked");
}

#[test]
fn selection_caret_positions_are_monotonic_along_an_rtl_line() {
    let mut engine = TextEngine::new();
    let text = "أعلن وزير الخارجية الإسرائيلي";
    let mut layout = laid_out(&mut engine, text, 800.0);
    let line = one_rect(&mut layout, &mut engine, 0..text.chars().count());
    let y = line.center().y;
    // Right edge is the start of an RTL line, left edge its end.
    assert_eq!(
        layout.cursor_at(&mut engine, Point::new(line.max.x + 5.0, y)),
        0
    );
    assert_eq!(
        layout.cursor_at(&mut engine, Point::new(line.min.x - 5.0, y)),
        text.chars().count()
    );
    assert_eq!(layout.slice(5..9), "وزير");
}

#[test]
fn bidi_override_does_not_reverse_the_rest() {
    let mut engine = TextEngine::new();
    let text = "Hello \u{202E}world and more\nسطر عربي\u{202D} يتبعه نص";
    let mut layout = laid_out(&mut engine, text, 800.0);
    let xs: Vec<f32> = char_range(text, "world", 0)
        .map(|c| one_rect(&mut layout, &mut engine, c..c + 1).min.x)
        .collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "RLO reversed the text: {xs:?}"
    );
    let arabic = one_rect(&mut layout, &mut engine, char_range(text, "سطر", 0));
    let next = one_rect(&mut layout, &mut engine, char_range(text, "يتبعه", 0));
    assert!(
        arabic.min.x > next.max.x,
        "LRO flipped the Arabic paragraph"
    );
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut engine = TextEngine::new();
    let para: String = SAMPLE.replace('\n', " ");
    let mut huge = String::new();
    while huge.len() < 1_000_000 {
        huge.push_str(&para);
    }
    let no_spaces: String = "ب".repeat(300_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "\n\n\n".into(),
        "a\u{2029}b\u{2028}c\u{85}d\u{1C}e\tf\u{0B}g\r\nh".into(),
        "\u{202E}\u{202D}\u{202A}\u{202B}\u{202C}\u{2066}\u{2067}\u{2068}\u{2069}".into(),
        "\u{0651}\u{064E} lone marks \u{0301}".into(),
        "زوج\u{200D}ة \u{200C} ZWJ 👩\u{200D}👩\u{200D}👧 🇸🇦 emoji 😀".into(),
        "שלום עולם עברית".into(),
        "Latin only paragraph, nothing else.".into(),
        "2024/11/19 - \"\" ... 123".into(),
        "\u{0}\u{1}\u{7F}\u{FEFF}\u{FFFD}\u{200F}\u{200E}".into(),
        no_spaces,
        huge,
    ];
    for text in &inputs {
        for width in [0.0, 50.0, 700.0, f32::NAN] {
            let mut layout = ArticleLayout::new(text, LayoutStyle::default(), width);
            let visible = layout.ensure_visible(&mut engine, 0.0..3000.0);
            let n = layout.char_count();
            let rects = layout.highlight_rects(&mut engine, 0..n.min(5000));
            for rect in rects.iter().take(50) {
                let _ = layout.hit(&mut engine, rect.center());
            }
            let _ = layout.cursor_at(&mut engine, Point::new(10.0, 10.0));
            let _ = layout.slice(0..n + 10);
            assert!(visible.end <= layout.block_count());
        }
    }
    // Zoom to degenerate sizes.
    let mut layout = ArticleLayout::new(SAMPLE, LayoutStyle::default(), 600.0);
    for size in [0.0, -3.0, f32::INFINITY, 300.0] {
        layout.set_style(LayoutStyle {
            font_size: size,
            ..LayoutStyle::default()
        });
        layout.ensure_visible(&mut engine, 0.0..1000.0);
    }
}

#[test]
fn one_megabyte_paragraph_lays_out_completely() {
    let mut engine = TextEngine::new();
    let para: String = SAMPLE.replace('\n', " ");
    let mut huge = String::new();
    while huge.len() < 1_000_000 {
        huge.push_str(&para);
    }
    let mut layout = ArticleLayout::new(&huge, LayoutStyle::default(), 700.0);
    assert!(layout.block_count() > 100, "long paragraph not chunked");
    layout.layout_all(&mut engine);
    let n = layout.char_count();
    let rects = layout.highlight_rects(&mut engine, n - 10..n);
    assert!(!rects.is_empty());
    let hit = layout.hit(&mut engine, rects[0].center());
    assert!(hit.is_some_and(|h| h >= n - 10));
}

/// Reading through a long article keeps only a bounded amount of shaping: the paragraphs left
/// behind drop their glyphs, and come back exactly as they were when the reader returns.
#[test]
fn shaping_stays_within_budget_while_reading_through() {
    let mut engine = TextEngine::new();
    let mut text = String::new();
    while text.len() < 1_500_000 {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    let mut layout = ArticleLayout::new(&text, LayoutStyle::default(), 700.0);
    let screen = 0.0..800.0;
    layout.ensure_visible(&mut engine, screen.clone());
    let word = char_range(&text, "ساعر", 0);
    let before = layout.highlight_rects(&mut engine, word.clone());
    let mut most = 0;
    let mut y = 0.0;
    while y < layout.height() {
        layout.ensure_visible(&mut engine, y..y + 800.0);
        most = most.max(layout.shaped_bytes());
        y += 4000.0;
    }
    assert!(
        most < 16 << 20,
        "shaping held {most} bytes while reading through"
    );
    layout.ensure_visible(&mut engine, screen);
    assert_eq!(layout.highlight_rects(&mut engine, word.clone()), before);
    let hit = layout.hit(&mut engine, before[0].center());
    assert!(hit.is_some_and(|h| word.contains(&h)), "{hit:?}");
}

#[test]
fn width_and_zoom_changes_relayout() {
    let mut engine = TextEngine::new();
    let mut layout = laid_out(&mut engine, SAMPLE, 700.0);
    let tall = layout.height();
    layout.set_width(1400.0);
    layout.layout_all(&mut engine);
    let short = layout.height();
    assert!(
        short < tall * 0.8,
        "wider layout not shorter: {short} vs {tall}"
    );
    layout.set_style(LayoutStyle {
        font_size: 40.0,
        ..LayoutStyle::default()
    });
    layout.layout_all(&mut engine);
    assert!(layout.height() > short * 1.5);
}

#[test]
fn narrow_columns_break_between_words_never_inside_one() {
    let mut engine = TextEngine::new();
    // A legend-narrow column, and one narrower than the longest word.
    for width in [160.0, 60.0] {
        let text = "الولايات المتحدة الأمريكية والمملكة العربية السعودية";
        let layout = laid_out(&mut engine, text, width);
        let starts = layout.line_starts(0);
        assert!(starts.len() > 1, "{width}: the name wraps");
        for start in starts {
            assert_eq!(
                layout.word_at(start).start,
                start,
                "{width}: a line starts inside a word at {start}"
            );
        }
    }
    let layout = laid_out(&mut engine, "قال وزير الخارجية", 400.0);
    assert_eq!(layout.word_at(5), 4..8, "وزير is one word");
    assert_eq!(layout.word_at(3), 3..4, "the space between");
}
