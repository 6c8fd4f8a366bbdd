//! Corrections that teach the gazetteer: a remembered spelling is found in the next article.
//! (A test binary of its own: it points the user's configuration directory at a temporary one.)

use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::ui::app::{MarsadApp, Options};
use std::path::Path;

#[test]
fn a_remembered_spelling_is_found_in_the_next_article() {
    let config = tempfile::tempdir().expect("temp dir");
    // Only this test runs in this process, so changing the environment races with nothing.
    std::env::set_var("XDG_CONFIG_HOME", config.path());
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first.txt");
    let second = dir.path().join("second.txt");
    std::fs::write(&first, "قال بيت الشعر اللبناني إن الأزمة مستمرة.").expect("write");
    std::fs::write(&second, "وأكد بيت الشعر أن القرار نهائي.").expect("write");
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| {
            let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
            app.open_now(&first);
            app
        });
    harness.run_steps(3);
    // Select "بيت الشعر" and mark it as a mention of Lebanon, remembering the spelling.
    harness
        .state_mut()
        .view()
        .article
        .set_selection(Some(4..13));
    harness.run_steps(2);
    harness
        .get_by_label("Remember this spelling in my gazetteer")
        .click();
    harness.run_steps(1);
    harness.get_by_label("Mark as mention").click();
    harness.run_steps(2);
    let saved = std::fs::read_to_string(config.path().join("marsad").join("actors.json"))
        .expect("the user gazetteer was written");
    assert!(saved.contains("بيت الشعر"));
    harness.state_mut().open_now(Path::new(&second));
    harness.run_steps(2);
    let doc = &harness.state().session().expect("second article").doc;
    let chosen = doc
        .mentions
        .iter()
        .find(|m| doc.slice(m.span()) == "بيت الشعر")
        .expect("the new spelling is found in the next article");
    assert!(!chosen.actor.is_empty());
}
