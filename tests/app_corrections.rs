//! Corrections that flow: selections snap to whole words (Alt selects characters), a double-click
//! selects a word, the actor picker searches the article's actors and the gazetteer, "Saved"
//! shows after an autosave, Undo names what it undoes, colours stay with their actors, Ctrl+Shift+O
//! puts the cursor in the path field, and Esc closes the mention panel.

mod app_harness;

use app_harness::{app as harness, SAMPLE};
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::edit::Edit;
use marsad::ui::app::MarsadApp;
use marsad::ui::command::Command;
use std::ops::Range;
use std::path::Path;

/// A copy of the sample in a temporary folder, so corrections are saved beside it.
fn copy_of_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy");
    (dir, article)
}

fn char_range(harness: &Harness<'_, MarsadApp>, phrase: &str) -> Range<usize> {
    let text = &harness.state().session().expect("article").doc.text;
    let byte = text.find(phrase).expect("phrase in the sample");
    let start = text[..byte].chars().count();
    start..start + phrase.chars().count()
}

/// The screen point in the middle of char `offset`.
fn point_of(harness: &mut Harness<'_, MarsadApp>, offset: usize) -> Pos2 {
    let ctx = harness.ctx.clone();
    let rects = harness
        .state_mut()
        .view()
        .article
        .screen_rects(&ctx, offset..offset + 1);
    rects.first().expect("on screen").center()
}

fn drag(harness: &mut Harness<'_, MarsadApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.hover_at(from);
    harness.event(Event::ModifiersChanged(modifiers));
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    harness.run_steps(1);
    for k in 1..=6 {
        harness.hover_at(from + (to - from) * (k as f32 / 6.0));
        harness.step();
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

fn text_selection(harness: &mut Harness<'_, MarsadApp>) -> Option<Range<usize>> {
    harness.state_mut().view().article.selection()
}

#[test]
fn a_drag_selects_whole_words_and_alt_selects_characters() {
    let mut harness = harness(Path::new(SAMPLE));
    // From the middle of "بالضغط" to the middle of "العراق" in the headline.
    let words = char_range(&harness, "بالضغط على العراق");
    let from = point_of(&mut harness, words.start + 3);
    let to = point_of(&mut harness, words.end - 3);
    drag(&mut harness, from, to, Modifiers::NONE);
    assert_eq!(text_selection(&mut harness), Some(words.clone()));

    drag(&mut harness, from, to, Modifiers::ALT);
    let chars = text_selection(&mut harness).expect("a selection");
    assert!(
        chars.start > words.start && chars.end < words.end,
        "with Alt the selection starts and ends inside the words: {chars:?} in {words:?}"
    );
}

#[test]
fn a_double_click_selects_a_word() {
    let mut harness = harness(Path::new(SAMPLE));
    let word = char_range(&harness, "بالضغط");
    let at = point_of(&mut harness, word.start + 2);
    harness.hover_at(at);
    for pressed in [true, false, true, false] {
        harness.input_mut().events.push(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run_steps(2);
    assert_eq!(text_selection(&mut harness), Some(word));
}

#[test]
fn the_actor_picker_finds_a_gazetteer_actor_and_marks_a_mention_of_it() {
    let mut harness = harness(Path::new(SAMPLE));
    assert!(harness
        .state()
        .session()
        .expect("article")
        .doc
        .actor("SAU")
        .is_none());
    let span = char_range(&harness, "منصة إكس");
    harness
        .state_mut()
        .view()
        .article
        .set_selection(Some(span.clone()));
    harness.run_steps(2);
    harness
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .next()
        .expect("the actor picker")
        .click();
    harness.run_steps(2);
    // The search field has the keyboard: typing narrows the list to the gazetteer's actor.
    harness.event(Event::Text("saudi".into()));
    harness.run_steps(2);
    harness.get_by_label("Saudi Arabia · SAU").click();
    harness.run_steps(2);
    harness.get_by_label("Mark as mention").click();
    harness.run_steps(2);
    let doc = &harness.state().session().expect("article").doc;
    assert!(doc.actor("SAU").is_some(), "the actor joined the article");
    assert!(doc
        .mentions
        .iter()
        .any(|m| m.actor == "SAU" && m.start == span.start && m.end == span.end));
    // One undo takes back the mention, a second the actor.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(1);
    let doc = &harness.state().session().expect("article").doc;
    assert!(!doc.mentions.iter().any(|m| m.actor == "SAU"));
}

#[test]
fn saved_shows_after_the_autosave_and_undo_names_the_action() {
    let (_dir, article) = copy_of_sample();
    let mut harness = harness(&article);
    let doc = harness.state().session().expect("article").doc.clone();
    let first = doc.mentions[0].clone();
    harness
        .state_mut()
        .apply(Command::Edits(vec![Edit::remove_mention(&doc, &first)]));
    harness.run_steps(1);
    assert!(harness.query_by_label("Unsaved corrections").is_some());
    harness.get_by_label("Edit").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Undo remove mention")
            .is_some(),
        "Undo says what it undoes"
    );
    harness.key_press(egui::Key::Escape);
    std::thread::sleep(std::time::Duration::from_millis(800));
    harness.run_steps(2);
    assert!(harness.query_by_label("Saved").is_some(), "Saved is shown");
    assert!(article.with_file_name("article.marsad.json").exists());
}

#[test]
fn colours_stay_with_their_actors_after_corrections_and_reopening() {
    let (_dir, article) = copy_of_sample();
    let mut harness = harness(&article);
    let session = harness.state().session().expect("article");
    let actors: Vec<String> = session
        .graph
        .nodes
        .iter()
        .map(|n| n.actor.clone())
        .collect();
    let before: Vec<egui::Color32> = actors.iter().map(|a| session.colour(a)).collect();
    // Remove every mention of the most mentioned actor: the ranks change, the colours must not.
    let top = actors[0].clone();
    let doc = session.doc.clone();
    let edits: Vec<Edit> = doc
        .mentions
        .iter()
        .filter(|m| doc.top_level(&m.actor) == top)
        .map(|m| Edit::remove_mention(&doc, m))
        .collect();
    harness.state_mut().apply(Command::Edits(edits));
    harness.run_steps(1);
    let check = |harness: &Harness<'_, MarsadApp>, when: &str| {
        let session = harness.state().session().expect("article");
        for (actor, colour) in actors.iter().zip(&before) {
            assert_eq!(session.colour(actor), *colour, "{actor} {when}");
        }
    };
    check(&harness, "after the corrections");
    harness.state_mut().save_now();
    harness.state_mut().open_now(&article);
    harness.run_steps(1);
    check(&harness, "after reopening");
}

#[test]
fn the_path_field_takes_the_keyboard_and_esc_closes_the_mention_panel() {
    let mut harness = harness(Path::new(SAMPLE));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::O);
    harness.run_steps(2);
    harness.event(Event::Text("/tmp/x.txt".into()));
    harness.run_steps(1);
    assert_eq!(
        harness.state_mut().view().path_field.as_deref(),
        Some("/tmp/x.txt"),
        "typing goes to the path field"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    assert!(harness.state_mut().view().path_field.is_none());

    // Click a mention: its panel shows; Esc closes it.
    let mention = harness.state().session().expect("article").doc.mentions[0].clone();
    let at = point_of(&mut harness, mention.start + 1);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run_steps(2);
    assert!(harness.query_by_label("This mention:").is_some());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("This mention:").is_none());
    assert!(
        harness.state().selection().is_some(),
        "the actor stays selected"
    );
}
