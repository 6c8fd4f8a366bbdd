//! The app through its real entry points, driven by egui_kittest over the AccessKit tree: open
//! the sample the way the file dialog does, click actors and edges, follow evidence back to the
//! text, and survive a file that cannot be opened.

mod app_harness;

use app_harness::SAMPLE;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use marsad::model::RelationType;
use marsad::ui::app::MarsadApp;
use marsad::ui::command::Command;
use marsad::ui::session::Selection;
use std::path::Path;

fn harness() -> Harness<'static, MarsadApp> {
    app_harness::app(Path::new(SAMPLE))
}

/// Clicks the middle of the first rectangle of a span of the article.
fn click_text(harness: &mut Harness<'_, MarsadApp>, range: std::ops::Range<usize>) {
    let ctx = harness.ctx.clone();
    let rects = harness.state_mut().view().article.screen_rects(&ctx, range);
    let target = rects.first().expect("the span is on screen").center();
    harness.hover_at(target);
    harness.drag_at(target);
    harness.drop_at(target);
    harness.run_steps(4);
}

/// Selects the first occurrence of `phrase` in the article, as a user's drag would.
fn select_phrase(harness: &mut Harness<'_, MarsadApp>, phrase: &str) -> std::ops::Range<usize> {
    let text = harness.state().session().expect("article").doc.text.clone();
    let byte = text.find(phrase).expect("the phrase is in the sample");
    let start = text[..byte].chars().count();
    let span = start..start + phrase.chars().count();
    harness
        .state_mut()
        .view()
        .article
        .set_selection(Some(span.clone()));
    harness.run_steps(2);
    span
}

fn selected(harness: &Harness<'_, MarsadApp>) -> Option<Selection> {
    harness.state().selection().cloned()
}

#[test]
fn clicking_israel_lists_its_letter_to_the_security_council() {
    let mut harness = harness();
    harness
        .get_all_by_label("Israel")
        .next()
        .expect("Israel in the legend")
        .click();
    harness.run_steps(4);
    assert_eq!(selected(&harness), Some(Selection::Actor("ISR".into())));
    let letter = harness
        .query_all_by_label_contains("رسالة إلى مجلس الأمن")
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Statement"))
        })
        .count();
    assert!(
        letter > 0,
        "the inspector lists the letter to the Security Council"
    );
}

#[test]
fn an_edge_leads_to_its_evidence_and_the_evidence_to_the_text() {
    let mut harness = harness();
    harness
        .get_by_label_contains("Israel -> UN Security Council: appeal")
        .click();
    harness.run_steps(4);
    let Some(Selection::Relation(key)) = selected(&harness) else {
        panic!(
            "an edge click selects its relation: {:?}",
            selected(&harness)
        );
    };
    let session = harness.state().session().expect("article");
    let relation = session.relation(&key).expect("the relation").1.clone();
    assert_eq!(
        (
            relation.source.as_str(),
            relation.target.as_str(),
            relation.kind
        ),
        ("ISR", "UNSC", RelationType::Appeal)
    );

    // Scroll to the end of the article first, so the evidence must be brought back into view.
    let end = harness
        .state()
        .session()
        .expect("article")
        .doc
        .text
        .chars()
        .count();
    harness.state_mut().view().article.scroll_to(end - 5..end);
    harness.run_steps(6);
    harness
        .get_all_by_label_contains("Evidence 1:")
        .next()
        .expect("the evidence is listed")
        .click();
    harness.run_steps(8);
    let span = relation.evidence[0];
    let ctx = harness.ctx.clone();
    let rects = harness
        .state_mut()
        .view()
        .article
        .screen_rects(&ctx, span.start..span.end);
    assert!(!rects.is_empty(), "the evidence is laid out");
    let visible = rects.iter().any(|r| r.min.y >= 0.0 && r.max.y <= 800.0);
    assert!(visible, "the evidence is scrolled into view: {rects:?}");
}

#[test]
fn clicking_a_mention_in_the_text_selects_its_actor() {
    let mut harness = harness();
    let mention = harness.state().session().expect("article").doc.mentions[0].clone();
    assert_eq!(mention.actor, "ISR");
    click_text(&mut harness, mention.start..mention.end);
    assert_eq!(selected(&harness), Some(Selection::Actor("ISR".into())));
}

#[test]
fn a_binary_file_gives_a_notice_and_keeps_the_article() {
    let mut harness = harness();
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("picture.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").expect("write png");
    harness.state_mut().open_now(&png);
    harness.run_steps(4);
    let notice = harness.state().notice().expect("a notice").to_string();
    assert!(notice.contains("picture.png"), "{notice}");
    assert!(harness.query_by_label_contains("picture.png").is_some());
    let session = harness.state().session().expect("the sample is still open");
    assert!(session.path.ends_with("israel-iraq-unsc-2024-11-19.txt"));
    harness.get_by_label("Dismiss").click();
    harness.run_steps(2);
    assert!(harness.state().notice().is_none());
}

#[test]
fn text_without_arabic_opens_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("english.txt");
    std::fs::write(
        &article,
        "The minister said the talks would resume next week.\n",
    )
    .expect("write article");
    let mut harness = harness();
    harness.state_mut().open_now(&article);
    harness.run_steps(4);
    let session = harness.state().session().expect("the article opened");
    assert!(session.path.ends_with("english.txt"));
    let notice = harness.state().notice().expect("a notice").to_string();
    assert!(notice.contains("no Arabic letters"), "{notice}");
    assert!(harness
        .query_by_label_contains("no Arabic letters")
        .is_some());
}

#[test]
fn export_from_the_app_writes_beside_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy the sample");
    let mut harness = harness();
    harness.state_mut().open_now(&article);
    harness
        .state_mut()
        .export(marsad::export::ExportFormat::Csv);
    harness.run_steps(2);
    let folder = dir.path().join("article-marsad");
    let mentions = std::fs::read_to_string(folder.join("article.mentions.csv")).expect("csv");
    assert!(mentions.contains("إسرائيل"));
    assert!(harness
        .state()
        .notice()
        .is_some_and(|n| n.contains("article-marsad")));
}

#[test]
fn a_corrupt_sidecar_gives_a_notice_and_a_fresh_extraction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy the sample");
    std::fs::write(dir.path().join("article.marsad.json"), "{ torn").expect("corrupt sidecar");
    let mut harness = harness();
    harness.state_mut().open_now(&article);
    harness.run_steps(2);
    let notice = harness.state().notice().expect("a notice").to_string();
    assert!(notice.contains("unreadable"), "{notice}");
    let session = harness.state().session().expect("article open");
    assert!(session.path.ends_with("article.txt"));
    assert!(!session.doc.mentions.is_empty(), "a fresh extraction");
    assert!(dir.path().join("article.marsad.json.corrupt-1").exists());
}

#[test]
fn a_correction_is_undone_redone_saved_and_reopened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy the sample");
    let mut harness = harness();
    harness.state_mut().open_now(&article);
    harness.run_steps(2);
    let first = harness.state().session().expect("article").doc.mentions[0].clone();
    // Click the mention in the text, then remove it from the inspector.
    click_text(&mut harness, first.start..first.end);
    harness.get_by_label("Remove mention").click();
    harness.run_steps(3);
    let has_first = |h: &Harness<'_, MarsadApp>| {
        h.state()
            .session()
            .expect("article")
            .doc
            .mentions
            .iter()
            .any(|m| m.id == first.id)
    };
    assert!(!has_first(&harness), "removed");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(has_first(&harness), "undone");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(2);
    assert!(!has_first(&harness), "redone");
    harness.state_mut().save_now();
    assert!(dir.path().join("article.marsad.json").exists(), "saved");
    // Reopening shows the corrected annotations.
    harness.state_mut().open_now(&article);
    harness.run_steps(2);
    assert!(!has_first(&harness), "the correction survives reopening");
}

#[test]
fn selected_text_becomes_a_mention_of_a_new_actor() {
    let mut harness = harness();
    // A platform the gazetteer does not list.
    let span = select_phrase(&mut harness, "منصة إكس");
    harness.get_by_label("…of a new actor").click();
    harness.run_steps(2);
    for (n, text) in ["X_PLATFORM", "X (platform)"].into_iter().enumerate() {
        {
            let field = harness
                .get_all_by_role(egui::Role::TextInput)
                .nth(n)
                .expect("a field of the form");
            field.click();
            field.type_text(text);
        }
        harness.run_steps(2);
    }
    harness.get_by_label("Add actor and mark").click();
    harness.run_steps(3);
    let doc = &harness.state().session().expect("article").doc;
    let actor = doc.actor("X_PLATFORM").expect("the new actor");
    assert_eq!(actor.name_ar, "منصة إكس");
    assert!(doc
        .mentions
        .iter()
        .any(|m| m.actor == "X_PLATFORM" && m.start == span.start && m.end == span.end));
}

#[test]
fn extracting_again_keeps_corrections_and_statements_can_be_made_by_hand() {
    let mut harness = harness();
    let doc = harness.state().session().expect("article").doc.clone();
    let first = doc.mentions[0].clone();
    let remove = marsad::edit::Edit::remove_mention(&doc, &first);
    harness.state_mut().apply_edits(vec![remove]);
    harness.state_mut().apply(Command::Reextract);
    harness.run_steps(2);
    let again = &harness.state().session().expect("article").doc;
    assert!(!again.mentions.iter().any(|m| m.span() == first.span()));
    assert_eq!(again.mentions.len(), doc.mentions.len() - 1);

    // Select a clause and record it as a statement of the chosen actor.
    let span = select_phrase(&mut harness, "تجاهل الميليشيات");
    harness
        .get_by_label("New statement: the chosen actor said this")
        .click();
    harness.run_steps(2);
    let doc = &harness.state().session().expect("article").doc;
    assert!(doc
        .statements
        .iter()
        .any(|s| s.content.start == span.start && s.origin == marsad::model::Origin::User));
}

#[test]
fn right_click_on_a_mention_removes_it() {
    let mut harness = harness();
    let mention = harness.state().session().expect("article").doc.mentions[1].clone();
    let ctx = harness.ctx.clone();
    let rects = harness
        .state_mut()
        .view()
        .article
        .screen_rects(&ctx, mention.start..mention.end);
    let pos = rects.first().expect("on screen").center();
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(3);
    harness
        .get_all_by_label("Remove mention")
        .next()
        .expect("the context menu offers removal")
        .click();
    harness.run_steps(3);
    let doc = &harness.state().session().expect("article").doc;
    assert!(!doc.mentions.iter().any(|m| m.id == mention.id));
}
