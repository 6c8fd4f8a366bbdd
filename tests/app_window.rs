//! Any window size: the side panels give way before the article does, collapse and come back
//! with their buttons and shortcuts, and Arabic lines break between words only, at 900×600 as at
//! 1280×800.

mod app_harness;

use app_harness::SAMPLE;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::ui::app::MarsadApp;
use marsad::ui::window::MIN_ARTICLE_WIDTH;
use std::path::Path;

fn harness(size: [f32; 2]) -> Harness<'static, MarsadApp> {
    app_harness::app_with(Path::new(SAMPLE), size)
}

/// The article is at least of readable width and no line of it starts inside a word.
fn assert_readable_whole_words(harness: &mut Harness<'_, MarsadApp>, size: [f32; 2]) {
    let view = &harness.state_mut().view().article;
    let viewport = view.viewport().expect("the article is shown");
    assert!(
        viewport.width() >= MIN_ARTICLE_WIDTH - 20.0,
        "at {size:?} the article is {} pt wide",
        viewport.width()
    );
    let layout = view.layout();
    let mut lines = 0;
    for block in 0..layout.block_count() {
        let chars = layout.block_chars(block);
        for start in layout.line_starts(block) {
            lines += 1;
            if start == chars.start {
                continue;
            }
            let word = layout.word_at(start);
            let before: String = layout.slice(start.saturating_sub(12)..start).to_string();
            let after: String = layout.slice(start..start + 12).to_string();
            assert_eq!(
                word.start, start,
                "at {size:?} a line starts inside a word: «{before}|{after}»"
            );
        }
    }
    assert!(lines > 10, "lines were laid out at {size:?}");
}

#[test]
fn at_1280_by_800_both_panels_show_beside_a_readable_article() {
    let size = [1280.0, 800.0];
    let mut harness = harness(size);
    let shown = harness.state_mut().view().panels_shown;
    assert!(shown.legend && shown.side, "{shown:?}");
    assert!(
        harness.query_by_label("Show Israel").is_some(),
        "the legend"
    );
    assert!(
        harness
            .query_all_by_label_contains("Israel -> ")
            .next()
            .is_some(),
        "the graph"
    );
    assert_readable_whole_words(&mut harness, size);
}

#[test]
fn at_900_by_600_the_legend_gives_way_and_comes_back_on_request() {
    let size = [900.0, 600.0];
    let mut harness = harness(size);
    let shown = harness.state_mut().view().panels_shown;
    assert!(
        shown.side && !shown.legend,
        "the legend gives way: {shown:?}"
    );
    assert!(harness.query_by_label("Show Israel").is_none());
    assert_readable_whole_words(&mut harness, size);

    // Asking for the legend (Ctrl+B) shows it; the graph and inspector give way instead.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run_steps(3);
    let shown = harness.state_mut().view().panels_shown;
    assert!(shown.legend && !shown.side, "{shown:?}");
    assert!(harness.query_by_label("Show Israel").is_some());
    assert_readable_whole_words(&mut harness, size);

    // The menu-bar button brings the graph and inspector back (and the legend yields).
    harness.get_by_label("Graph and inspector").click();
    harness.run_steps(3);
    let shown = harness.state_mut().view().panels_shown;
    assert!(shown.side && !shown.legend, "{shown:?}");

    // Hiding the graph and inspector (Ctrl+Alt+B) leaves room for the legend; hiding that too
    // (Ctrl+B) leaves the article alone.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::ALT,
        egui::Key::B,
    );
    harness.run_steps(3);
    let shown = harness.state_mut().view().panels_shown;
    assert!(!shown.side && shown.legend, "{shown:?}");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run_steps(3);
    let shown = harness.state_mut().view().panels_shown;
    assert!(!shown.side && !shown.legend, "{shown:?}");
    let width = harness
        .state_mut()
        .view()
        .article
        .viewport()
        .expect("shown")
        .width();
    assert!(width > 800.0, "the article takes the window: {width}");
}

#[test]
fn a_window_too_narrow_for_any_panel_shows_the_article_alone() {
    let size = [640.0, 480.0];
    let mut harness = harness(size);
    let shown = harness.state_mut().view().panels_shown;
    assert!(!shown.side && !shown.legend, "{shown:?}");
    assert_readable_whole_words(&mut harness, size);
}
