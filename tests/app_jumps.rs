//! Every jump lands on its target the first time: from the top, the middle and the bottom of the
//! sample and of a long article, Previous/Next mention, a statement card, an evidence line and
//! a find hit each put their target inside the article view, centred, and flash it.

mod app_harness;

use app_harness::{app as harness, SAMPLE};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::model::Span;
use marsad::ui::app::MarsadApp;
use marsad::ui::command::Command;
use marsad::ui::session::{RelationKey, Selection};
use std::path::Path;

#[derive(Debug, Clone, Copy)]
enum Start {
    Top,
    Middle,
    Bottom,
}

/// Scrolls the article to `start` the way a reader would (Ctrl+Home, Ctrl+End, or a span in the
/// middle), and lets the flash of that move fade.
fn go_to(harness: &mut Harness<'_, MarsadApp>, start: Start) {
    match start {
        Start::Top => harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Home),
        Start::Bottom => harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End),
        Start::Middle => {
            let n = text(harness).chars().count();
            harness
                .state_mut()
                .view()
                .article
                .scroll_to(n / 2..n / 2 + 1);
        }
    }
    harness.run_steps(2);
    harness.state_mut().view().flash = None;
}

fn text(harness: &Harness<'_, MarsadApp>) -> String {
    harness.state().session().expect("article").doc.text.clone()
}

/// The target is inside the article view, centred (unless the text cannot scroll that far), and
/// flashing.
fn assert_shown(harness: &mut Harness<'_, MarsadApp>, span: Span, what: &str) {
    let ctx = harness.ctx.clone();
    let view = &mut harness.state_mut().view().article;
    let viewport = view.viewport().expect("the article was shown");
    let rects = view.screen_rects(&ctx, span.start..span.end);
    assert!(!rects.is_empty(), "{what}: {span:?} is laid out");
    let top = rects.iter().map(|r| r.min.y).fold(f32::MAX, f32::min);
    let bottom = rects.iter().map(|r| r.max.y).fold(f32::MIN, f32::max);
    assert!(
        top >= viewport.min.y - 0.5 && top < viewport.max.y,
        "{what}: {span:?} starts at y={top}, outside the view {viewport:?}"
    );
    if bottom - top < viewport.height() * 0.8 {
        assert!(
            bottom <= viewport.max.y + 0.5,
            "{what}: {span:?} ends at y={bottom}, below the view {viewport:?}"
        );
        let off_centre = ((top + bottom) / 2.0 - viewport.center().y).abs();
        // Near the start or the end of the text the view cannot scroll far enough to centre.
        let n = view.text().chars().count();
        let first = view.screen_rects(&ctx, 0..1);
        let last = view.screen_rects(&ctx, n - 1..n);
        let scrolled_to_an_end = first.first().is_some_and(|r| r.min.y >= viewport.min.y)
            || last.last().is_some_and(|r| r.max.y <= viewport.max.y);
        assert!(
            off_centre < 2.0 || scrolled_to_an_end,
            "{what}: {span:?} is {off_centre} pt off the centre of {viewport:?}"
        );
    }
    let flash = harness.state_mut().view().flash.map(|f| f.span);
    assert_eq!(flash, Some(span), "{what}: the target flashes");
}

/// Turns the mouse wheel over the panel holding the widget labelled `label` until the widget is
/// on screen, as a reader scrolls the inspector to a card far down its list.
fn wheel_until_visible(harness: &mut Harness<'_, MarsadApp>, label: &str) {
    for _ in 0..400 {
        // Long lists show 40 items at a time: ask for more until the widget is listed.
        let found = harness
            .query_all_by_label_contains(label)
            .next()
            .map(|n| n.rect());
        let Some(rect) = found.or_else(|| {
            harness
                .query_all_by_label_contains(" more (of ")
                .next()
                .map(|n| n.rect())
        }) else {
            panic!("{label} is not listed");
        };
        if found.is_none() && (380.0..780.0).contains(&rect.center().y) {
            harness
                .get_all_by_label_contains(" more (of ")
                .next()
                .expect("the more button")
                .click();
            harness.run_steps(2);
            continue;
        }
        let delta = if rect.max.y > 780.0 {
            -60.0
        } else if rect.min.y < 380.0 {
            60.0
        } else {
            return;
        };
        let over = egui::pos2(rect.center().x, 600.0);
        harness.hover_at(over);
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run_steps(2);
    }
    panic!("{label} could not be scrolled into view");
}

fn select(harness: &mut Harness<'_, MarsadApp>, selection: Selection) {
    harness.state_mut().apply(Command::Select(selection));
    harness.run_steps(2);
}

fn check_every_jump(article: &Path) {
    let mut harness = harness(article);
    let session = harness.state().session().expect("article");
    let mentions = session.mentions_of("ISR").to_vec();
    assert!(mentions.len() > 3, "Israel is mentioned");
    let by = session.statements_by("ISR").to_vec();
    let statements: Vec<(String, Span)> = [by[0], by[by.len() - 1]]
        .iter()
        .map(|&i| {
            (
                session.doc.statements[i].id.clone(),
                session.statement_span(i).expect("a span"),
            )
        })
        .collect();
    let relation = session
        .doc
        .relations
        .iter()
        .max_by_key(|r| r.evidence.len())
        .expect("a relation")
        .clone();
    let text = text(&harness);

    for start in [Start::Top, Start::Middle, Start::Bottom] {
        // Previous/Next mention: Next from nothing is the first mention, Previous the last.
        select(&mut harness, Selection::Actor("ISR".into()));
        let last = *mentions.last().expect("mentions");
        for (button, target) in [("Next", mentions[0]), ("Previous", last)] {
            go_to(&mut harness, start);
            harness.state_mut().view().mention_cursor = None;
            wheel_until_visible(&mut harness, button);
            harness.get_by_label(button).click();
            harness.run_steps(2);
            assert_shown(&mut harness, target, &format!("{button} from {start:?}"));
        }

        // A statement card: the whole statement is shown and flashes.
        for (id, span) in &statements {
            select(&mut harness, Selection::Actor("ISR".into()));
            go_to(&mut harness, start);
            let card = format!("Statement {id}:");
            wheel_until_visible(&mut harness, &card);
            harness
                .get_all_by_label_contains(&card)
                .next()
                .expect("the statement card")
                .click();
            harness.run_steps(2);
            assert_eq!(
                harness.state().selection(),
                Some(&Selection::Statement(id.clone()))
            );
            assert_shown(
                &mut harness,
                *span,
                &format!("statement {id} from {start:?}"),
            );
        }

        // Evidence lines of a relation: the first and the last.
        select(
            &mut harness,
            Selection::Relation(RelationKey::of(&relation)),
        );
        for n in [1, relation.evidence.len()] {
            go_to(&mut harness, start);
            let line = format!("Evidence {n}:");
            wheel_until_visible(&mut harness, &line);
            harness.get_by_label_contains(&line).click();
            harness.run_steps(2);
            let span = relation.evidence[n - 1];
            assert_shown(&mut harness, span, &format!("evidence {n} from {start:?}"));
        }

        // Find: the first hit from where the reader is, then the next one.
        go_to(&mut harness, start);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
        harness.run_steps(1);
        harness
            .state_mut()
            .apply(Command::FindQuery("مجلس الأمن".into()));
        let mut waited = 0;
        while harness.state_mut().view().find.searching() || waited < 2 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(10));
            waited += 1;
            assert!(waited < 500, "the search finishes");
        }
        harness.run_steps(1);
        let hits = harness.state_mut().view().find.hits().to_vec();
        assert!(hits.len() > 1, "find hits in {}", text.len());
        let current = harness.state_mut().view().find.current().expect("a hit");
        assert_shown(&mut harness, hits[current], &format!("find from {start:?}"));
        harness.key_press(egui::Key::F3);
        harness.run_steps(1);
        let next = (current + 1) % hits.len();
        assert_shown(
            &mut harness,
            hits[next],
            &format!("next find from {start:?}"),
        );
        harness.key_press(egui::Key::Escape);
        harness.run_steps(1);
    }
}

#[test]
fn jumps_land_on_target_in_the_sample() {
    check_every_jump(Path::new(SAMPLE));
}

#[test]
fn jumps_land_on_target_in_a_long_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = dir.path().join("long.txt");
    let sample = std::fs::read_to_string(SAMPLE).expect("sample");
    let text: Vec<&str> = std::iter::repeat_n(sample.as_str(), 6).collect();
    std::fs::write(&long, text.join("\n")).expect("write");
    check_every_jump(&long);
}
