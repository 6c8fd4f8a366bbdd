//! Saving can fail, and nothing is lost: a persistent warning says why, how often it was tried and
//! when it is tried next; every edit stays in the window; the save succeeds once the obstacle is
//! gone; Save As puts the corrections elsewhere; quitting or opening another article asks first.
//!
//! Tests may run as root, where permissions do not stop writes, so the failures are made with
//! things in the way: a folder where the sidecar goes, a file where its folder was.

mod app_harness;

use app_harness::{app as harness, SAMPLE};
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use marsad::edit::Edit;
use marsad::sidecar::sidecar_path;
use marsad::ui::app::MarsadApp;
use marsad::ui::command::Command;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A copy of the sample in `folder` (created), so corrections are saved beside it.
fn article_in(folder: &Path) -> PathBuf {
    std::fs::create_dir_all(folder).expect("folder");
    let article = folder.join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy");
    article
}

/// Removes the first mention; returns its id.
fn correct(harness: &mut Harness<'_, MarsadApp>) -> String {
    let doc = harness.state().session().expect("article").doc.clone();
    let first = doc.mentions[0].clone();
    harness
        .state_mut()
        .apply(Command::Edits(vec![Edit::remove_mention(&doc, &first)]));
    harness.run_steps(1);
    first.id
}

fn has_mention(harness: &Harness<'_, MarsadApp>, id: &str) -> bool {
    let doc = &harness.state().session().expect("article").doc;
    doc.mentions.iter().any(|m| m.id == id)
}

/// Runs frames until `done` or `within` has passed.
fn run_until(
    harness: &mut Harness<'_, MarsadApp>,
    within: Duration,
    done: impl Fn(&Harness<'_, MarsadApp>) -> bool,
) -> bool {
    let until = Instant::now() + within;
    while Instant::now() < until {
        harness.run_steps(1);
        if done(harness) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn failing(harness: &Harness<'_, MarsadApp>) -> bool {
    let session = harness.state().session().expect("article");
    session.autosave.failure().is_some()
}

fn saved_has_not(sidecar: &Path, id: &str) -> bool {
    let saved = std::fs::read_to_string(sidecar).expect("sidecar written");
    !saved.contains(&format!("\"{id}\""))
}

/// The warning a failed autosave shows: the reason, the attempts, the next retry, Save As.
fn assert_warning(harness: &Harness<'_, MarsadApp>, reason: &str) {
    assert!(
        harness.query_by_label_contains(reason).is_some(),
        "the warning gives the reason ({reason})"
    );
    assert!(harness
        .query_by_label_contains("Your corrections are kept in this window")
        .is_some());
    assert!(
        harness
            .query_by_label_contains("Attempts so far: 1. Trying again in")
            .is_some(),
        "the warning counts attempts and says when it retries"
    );
    assert!(harness.query_by_label("Save As…").is_some());
    assert!(harness.query_by_label("Not saved").is_some(), "status line");
}

#[test]
fn a_folder_in_the_sidecars_place_warns_keeps_the_edits_and_the_retry_saves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let mut harness = harness(&article);
    let sidecar = sidecar_path(&article);
    std::fs::create_dir(&sidecar).expect("a folder in the sidecar's place");
    let id = correct(&mut harness);
    assert!(
        run_until(&mut harness, Duration::from_secs(5), failing),
        "the autosave was tried and failed"
    );
    harness.run_steps(1);
    assert_warning(&harness, "a folder named");
    // The warning stays: it is not a notice that can be dismissed, and more edits are kept.
    assert!(harness.query_by_label("Dismiss").is_none());
    harness.state_mut().apply(Command::DismissNotice);
    harness.run_steps(1);
    assert!(harness.query_by_label_contains("a folder named").is_some());
    assert!(!has_mention(&harness, &id), "the edit is kept in memory");

    // The obstacle goes; the retry (2 s after the failure) saves without any input.
    std::fs::remove_dir(&sidecar).expect("folder removed");
    assert!(
        run_until(&mut harness, Duration::from_secs(6), |h| !failing(h)),
        "the retry saved"
    );
    harness.run_steps(1);
    assert!(harness.query_by_label_contains("a folder named").is_none());
    assert!(harness.query_by_label("Saved").is_some(), "status line");
    assert!(saved_has_not(&sidecar, &id), "the correction is on disk");
}

#[test]
fn a_file_where_the_folder_was_warns_and_save_as_writes_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("news");
    let article = article_in(&folder);
    let mut harness = harness(&article);
    // The folder is replaced by a file of the same name (a drive swapped, a sync tool).
    std::fs::remove_dir_all(&folder).expect("folder removed");
    std::fs::write(&folder, "not a folder").expect("a file in its place");
    let id = correct(&mut harness);
    // Ctrl+S saves at once (and fails at once).
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert!(failing(&harness));
    assert_warning(&harness, "is not a folder");

    // Save As…: no dialog can be shown here, so the path field asks where.
    harness.get_by_label("Save As…").click();
    let target = dir.path().join("elsewhere.marsad.json");
    let field = run_until(&mut harness, Duration::from_secs(5), |h| {
        h.query_by_label("/path/to/article.marsad.json").is_some()
            || h.query_by_label("Path:").is_some()
    });
    if field {
        harness.state_mut().view().path_field = Some(target.display().to_string());
        harness.run_steps(1);
        harness.get_by_label("Save").click();
    } else {
        // A desktop with a real file dialog: answer as it would.
        harness.state_mut().apply(Command::SaveTo(target.clone()));
    }
    harness.run_steps(2);
    assert!(!failing(&harness), "saved elsewhere");
    assert!(harness.query_by_label_contains("is not a folder").is_none());
    assert!(
        saved_has_not(&target, &id),
        "the correction is in the chosen file"
    );
    assert!(harness
        .query_by_label_contains("later changes are saved there too")
        .is_some());
    // Later edits autosave there too.
    let session = harness.state().session().expect("article");
    assert_eq!(session.autosave.path(), target);
}

/// Asks the window to close, as its close button does.
fn request_close(harness: &mut Harness<'_, MarsadApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.run_steps(1);
}

fn sent(harness: &Harness<'_, MarsadApp>, command: &ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

#[test]
fn quitting_with_unsaved_corrections_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let mut harness = harness(&article);
    std::fs::create_dir(sidecar_path(&article)).expect("a folder in the sidecar's place");
    let id = correct(&mut harness);

    request_close(&mut harness);
    assert!(sent(&harness, &ViewportCommand::CancelClose), "not closed");
    assert!(harness.state().asking_about_unsaved());
    harness.run_steps(1);
    assert!(harness
        .query_by_label_contains("Your corrections could not be saved")
        .is_some());
    // Cancel: the window stays, with the corrections.
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().asking_about_unsaved());
    assert!(!has_mention(&harness, &id));

    // Discard: the window closes without them.
    request_close(&mut harness);
    harness.run_steps(1);
    harness.get_by_label("Discard").click();
    harness.run_steps(1);
    assert!(sent(&harness, &ViewportCommand::Close), "closes");
    request_close(&mut harness);
    assert!(
        !sent(&harness, &ViewportCommand::CancelClose),
        "not asked again"
    );
}

#[test]
fn quitting_saves_when_it_can_without_asking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let mut harness = harness(&article);
    let id = correct(&mut harness);
    request_close(&mut harness);
    assert!(!sent(&harness, &ViewportCommand::CancelClose));
    assert!(!harness.state().asking_about_unsaved());
    assert!(saved_has_not(&sidecar_path(&article), &id));
}

#[test]
fn opening_another_article_asks_and_save_as_then_opens_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(&dir.path().join("first"));
    let other = article_in(&dir.path().join("second"));
    let mut harness = harness(&article);
    std::fs::create_dir(sidecar_path(&article)).expect("a folder in the sidecar's place");
    let id = correct(&mut harness);
    harness.state_mut().open_now(&other);
    harness.run_steps(1);
    assert!(harness.state().asking_about_unsaved());
    assert_eq!(harness.state().session().expect("article").path, article);
    let target = dir.path().join("kept.marsad.json");
    harness.state_mut().apply(Command::SaveTo(target.clone()));
    harness.run_steps(1);
    assert!(saved_has_not(&target, &id));
    assert!(!harness.state().asking_about_unsaved());
    assert_eq!(
        harness.state().session().expect("article").path,
        other,
        "the other article opens once the corrections are safe"
    );
}

#[test]
fn the_save_commands_are_in_the_file_menu_in_both_languages() {
    use marsad::ui::strings::Language;
    for language in Language::ALL {
        let t = language.strings();
        assert!(!Command::Save.label(t).is_empty());
        assert!(!Command::SaveAs.label(t).is_empty());
    }
    let mut harness = harness(Path::new(SAMPLE));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("Save As…").is_some());
}
