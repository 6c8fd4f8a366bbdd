//! The ArticleView driven through egui_kittest: it shows the sample, reports clicks on annotations,
//! selects by dragging and copies the exact text. One small image snapshot.

use egui::{Color32, Pos2, Vec2};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::text_layout::LayoutStyle;
use marsad::ui::bidi_label::install_fonts;
use marsad::ui::text_view::{Annotation, AnnotationKind, ArticleView, ArticleViewState, ViewEvent};
use std::ops::Range;

const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");
const TITLE: &str = "إسرائيل تطالب بالضغط على العراق بعد هجمات لفصائل موالية لإيران";

struct App {
    view: ArticleViewState,
    annotations: Vec<Annotation>,
    events: Vec<ViewEvent>,
}

fn char_ranges(text: &str, needle: &str) -> Vec<Range<usize>> {
    text.match_indices(needle)
        .map(|(b, _)| {
            let start = text[..b].chars().count();
            start..start + needle.chars().count()
        })
        .collect()
}

fn app(text: &str, style: LayoutStyle) -> App {
    let mut annotations = Vec::new();
    for (name, id, color) in [
        ("إسرائيل", "ISR", Color32::from_rgb(30, 110, 220)),
        ("العراق", "IRQ", Color32::from_rgb(20, 150, 70)),
    ] {
        for (k, range) in char_ranges(text, name).into_iter().enumerate() {
            annotations.push(Annotation {
                range,
                id: format!("{id}-{k}"),
                kind: AnnotationKind::Mention,
                color,
                tooltip: Some(name.to_owned()),
            });
        }
    }
    App {
        view: ArticleViewState::with_style(text, style),
        annotations,
        events: Vec::new(),
    }
}

fn harness(app: App, size: Vec2, ppp: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(ppp)
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut App| {
                let out = ArticleView::new(&app.annotations).show(ui, &mut app.view);
                app.events.extend(out.events);
            },
            app,
        )
}

fn screen_rect(harness: &mut Harness<'_, App>, range: Range<usize>) -> egui::Rect {
    let ctx = harness.ctx.clone();
    let rects = harness.state_mut().view.screen_rects(&ctx, range);
    assert!(!rects.is_empty(), "range not laid out");
    rects[0]
}

#[test]
fn shows_the_sample_with_an_accessible_label() {
    let mut harness = harness(
        app(SAMPLE, LayoutStyle::default()),
        Vec2::new(800.0, 600.0),
        1.0,
    );
    harness.run();
    harness.get_by_label(TITLE);
}

/// A window whose width is not a whole number of pixels keeps its wrapping from one frame to the
/// next: the width guessed before the scroll area once differed from the one inside it, and the
/// whole text was re-wrapped twice every frame.
#[test]
fn a_steady_window_rewraps_nothing() {
    for (width, ppp) in [(501.3, 1.0), (640.7, 1.0), (900.45, 1.5), (1017.0, 1.25)] {
        let mut harness = harness(
            app(SAMPLE, LayoutStyle::default()),
            Vec2::new(width, 500.0),
            ppp,
        );
        harness.run_steps(3);
        let before = harness.state().view.rewraps();
        harness.run_steps(5);
        assert_eq!(
            harness.state().view.rewraps(),
            before,
            "re-wrapped while nothing changed, at {width} points and {ppp} pixels per point"
        );
    }
}

#[test]
fn click_on_israel_reports_the_israel_mention() {
    let mut harness = harness(
        app(SAMPLE, LayoutStyle::default()),
        Vec2::new(800.0, 600.0),
        1.0,
    );
    harness.run();
    // The first "إسرائيل" is the headline's first word.
    let range = char_ranges(SAMPLE, "إسرائيل")[0].clone();
    let target = screen_rect(&mut harness, range.clone()).center();
    harness.hover_at(target);
    harness.run();
    harness.drag_at(target);
    harness.step();
    harness.drop_at(target);
    harness.run();
    let clicked: Vec<&ViewEvent> = harness
        .state()
        .events
        .iter()
        .filter(|e| matches!(e, ViewEvent::Clicked { .. }))
        .collect();
    assert_eq!(clicked.len(), 1, "events: {:?}", harness.state().events);
    match clicked[0] {
        ViewEvent::Clicked { offset, annotation } => {
            assert!(range.contains(offset), "offset {offset} outside {range:?}");
            assert_eq!(annotation.as_deref(), Some("ISR-0"));
        }
        ViewEvent::Copied(_) => unreachable!(),
    }
}

#[test]
fn drag_selects_and_copy_gives_the_exact_text() {
    let mut harness = harness(
        app(SAMPLE, LayoutStyle::default()),
        Vec2::new(800.0, 600.0),
        1.5,
    );
    harness.run();
    // Drag across "بالضغط على" in the headline, from its first char (right) to its last (left).
    let words = char_ranges(SAMPLE, "بالضغط على")[0].clone();
    let first = screen_rect(&mut harness, words.start..words.start + 1);
    let last = screen_rect(&mut harness, words.end - 1..words.end);
    let from = Pos2::new(first.max.x - 0.5, first.center().y);
    let to = Pos2::new(last.min.x + 0.5, last.center().y);
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.step();
    for k in 1..=8 {
        harness.hover_at(from + (to - from) * (k as f32 / 8.0));
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
    assert_eq!(harness.state().view.selection(), Some(words.clone()));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::C);
    harness.event(egui::Event::Copy);
    harness.step();
    let copied_cmd = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        });
    assert_eq!(copied_cmd.as_deref(), Some("بالضغط على"));
    assert!(harness
        .state()
        .events
        .contains(&ViewEvent::Copied("بالضغط على".to_owned())));
}

#[test]
fn scroll_to_brings_the_last_paragraph_into_view() {
    let mut harness = harness(
        app(SAMPLE, LayoutStyle::default()),
        Vec2::new(800.0, 400.0),
        2.0,
    );
    harness.run();
    let n = SAMPLE.chars().count();
    let last = n - 20..n - 10;
    harness.state_mut().view.scroll_to(last.clone());
    // scroll_to keeps correcting for a few frames while estimated heights become exact.
    harness.run_steps(8);
    let rect = screen_rect(&mut harness, last);
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 400.0,
        "target not in view: {rect:?}"
    );
}

#[test]
fn snapshot_of_a_mixed_paragraph() {
    let text = "قال Reuters في 2024/11/19 إن إسرائيل طالبت مجلس الأمن بالضغط على العراق.";
    let style = LayoutStyle {
        font_size: 18.0,
        ..LayoutStyle::default()
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(360.0, 110.0))
        .with_context_setup(install_fonts)
        .wgpu()
        .build_ui_state(
            |ui, app: &mut App| {
                ArticleView::new(&app.annotations).show(ui, &mut app.view);
            },
            app(text, style),
        );
    harness.run();
    harness.snapshot("text_view_mixed_paragraph");
}
