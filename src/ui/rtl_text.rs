//! Right-to-left strings for egui's own widgets (menus, buttons, check boxes, short labels).
//!
//! egui 0.37 shapes each font run on its own — an Arabic word comes out joined and in the right
//! letter order — but places the runs left to right in logical order, so the words of an
//! Arabic phrase, and the digits inside it, come out reversed. [`visual_order`] hands egui the
//! runs already in display order: the Unicode bidi algorithm orders the runs, and inside a
//! right-to-left run the words (kept whole, for egui to shape) and the spaces between them are
//! reversed. It holds for single lines; long texts go through `BidiLabel`, which wraps them.

use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

/// Whether `c` is shaped with the Arabic letters next to it in one run (same font, joined).
fn joins(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::AL | BidiClass::R | BidiClass::NSM)
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0640}'
        )
}

/// The character shown for `c` in a right-to-left run (brackets face the other way).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// `text` (a right-to-left line) in the order egui must receive it to show it right. Text with
/// no right-to-left letter is returned as it is.
pub fn visual_order(text: &str) -> String {
    if !text
        .chars()
        .any(|c| matches!(bidi_class(c), BidiClass::AL | BidiClass::R))
    {
        return text.to_string();
    }
    let bidi = BidiInfo::new(text, Some(Level::rtl()));
    let mut out = String::with_capacity(text.len() + 8);
    for (n, para) in bidi.paragraphs.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = para.range.start..para.range.end;
        let line = line.start..text[line.clone()].trim_end_matches('\n').len() + line.start;
        let (levels, runs) = bidi.visual_runs(para, line);
        for run in runs {
            let piece = &text[run.clone()];
            if levels[run.start].is_ltr() {
                out.push_str(piece);
                continue;
            }
            // Words (kept whole) and the characters between them, in reverse.
            let mut parts: Vec<(bool, &str)> = Vec::new();
            let mut start = 0;
            let mut last: Option<bool> = None;
            for (i, c) in piece.char_indices() {
                let word = joins(c);
                if last.is_some_and(|l| l != word || !word) && i > start {
                    parts.push((last == Some(true), &piece[start..i]));
                    start = i;
                }
                last = Some(word);
            }
            if start < piece.len() {
                parts.push((last == Some(true), &piece[start..]));
            }
            for (word, part) in parts.into_iter().rev() {
                if word {
                    out.push_str(part);
                } else {
                    out.extend(part.chars().rev().map(mirrored));
                }
            }
        }
    }
    out
}

/// `text` on one line, cut at its logical end (an ellipsis after the last character kept) to the
/// longest beginning that fits `width`, in display order. egui's own truncation cuts the
/// right-hand end, which for Arabic is where the text begins.
///
/// Tables call it for every visible cell on every frame, so answers are remembered (per text,
/// width and font size) and the search by measuring runs once per cell.
pub fn fit(ui: &egui::Ui, text: &str, width: f32) -> String {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (text, width.to_bits(), font.size.to_bits()).hash(&mut h);
        h.finish()
    };
    let id = egui::Id::NULL.with("marsad_fitted_cells");
    let ctx = ui.ctx();
    if let Some(known) = ctx.memory_mut(|m| {
        m.data
            .get_temp_mut_or_default::<FittedCells>(id)
            .get(&key)
            .cloned()
    }) {
        return known;
    }
    let shown = fit_by_measuring(ui, text, width, &font);
    ctx.memory_mut(|m| {
        let cells = m.data.get_temp_mut_or_default::<FittedCells>(id);
        // A bound on memory: a corpus has many more cells than ever show at once.
        if cells.len() >= 4096 {
            cells.clear();
        }
        cells.insert(key, shown.clone());
    });
    shown
}

/// What [`fit`] answered, by the hash of its question.
type FittedCells = std::collections::HashMap<u64, String>;

fn fit_by_measuring(ui: &egui::Ui, text: &str, width: f32, font: &egui::FontId) -> String {
    let width_of = |shown: String| {
        ui.ctx()
            .fonts_mut(|f| f.layout_no_wrap(shown, font.clone(), egui::Color32::WHITE))
            .size()
            .x
    };
    let line = text.replace('\n', " ");
    let whole = visual_order(&line);
    if width_of(whole.clone()) <= width {
        return whole;
    }
    let cut = |chars: usize| {
        let end = line
            .char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i);
        visual_order(&format!("{}…", line[..end].trim_end()))
    };
    // `fits` chars fit with the ellipsis, `too_many` do not.
    let (mut fits, mut too_many) = (0, line.chars().count());
    while too_many - fits > 1 {
        let mid = (fits + too_many) / 2;
        if width_of(cut(mid)) <= width {
            fits = mid;
        } else {
            too_many = mid;
        }
    }
    cut(fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_reverse_and_stay_whole_digits_and_latin_keep_their_order() {
        assert_eq!(visual_order("Export"), "Export");
        assert_eq!(visual_order("ملف"), "ملف");
        assert_eq!(visual_order("فتح مسار"), "مسار فتح");
        assert_eq!(visual_order("الإشارات: 12"), "12 :الإشارات");
        assert_eq!(visual_order("تصدير (CSV)"), "(CSV) تصدير");
        assert_eq!(visual_order("قال، ثم"), "ثم قال،");
    }

    /// egui lays the reordered string out with the first Arabic word rightmost and the number
    /// reading left to right.
    #[test]
    fn egui_shows_the_reordered_string_right_to_left() {
        let ctx = egui::Context::default();
        crate::ui::bidi_label::install_fonts(&ctx);
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        let shown = visual_order("قال زيد 12 خطوة");
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                shown,
                egui::FontId::proportional(16.0),
                egui::Color32::WHITE,
            )
        });
        let x = |c: char| {
            galley.rows[0]
                .glyphs
                .iter()
                .find(|g| g.chr == c)
                .map(|g| g.pos.x)
                .unwrap_or_else(|| panic!("{c} is laid out"))
        };
        assert!(x('ق') > x('ز'), "the first word is rightmost");
        assert!(x('ز') > x('2') && x('2') > x('1'), "12 reads left to right");
        assert!(x('1') > x('خ'), "the last word is leftmost");
    }

    /// A long Arabic title keeps its first words, with the ellipsis on the left where it ends.
    #[test]
    fn a_cut_title_keeps_its_beginning() {
        let ctx = egui::Context::default();
        crate::ui::bidi_label::install_fonts(&ctx);
        let title = "العراق يطالب مجلس الأمن بجلسة طارئة بعد التهديدات الإسرائيلية المتكررة";
        let mut shown = String::new();
        let mut output = ctx.run_ui(Default::default(), |ui| shown = fit(ui, title, 120.0));
        output.textures_delta.clear();
        assert!(shown.starts_with('…'), "{shown}");
        assert!(shown.ends_with("العراق"), "{shown}");
        let mut whole = String::new();
        let mut output = ctx.run_ui(Default::default(), |ui| whole = fit(ui, "قال زيد", 500.0));
        output.textures_delta.clear();
        assert_eq!(whole, visual_order("قال زيد"));
    }
}
