//! The sidecar survives crashes, corrupt files and edited articles.

use marsad::model::AnnotatedDocument;
use marsad::sidecar::{self, sidecar_path, SidecarError};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");
/// Set in the child process: the article whose sidecar it keeps rewriting.
const CHILD_ENV: &str = "MARSAD_SIDECAR_CHILD_ARTICLE";

fn annotated() -> AnnotatedDocument {
    marsad::extract::annotate_text(SAMPLE, Default::default())
}

/// Two versions that differ and are large enough for a write to take a while.
fn versions() -> (AnnotatedDocument, AnnotatedDocument) {
    let a = annotated();
    let mut b = a.clone();
    b.statements.truncate(3);
    b.source.path = "version-b".into();
    (a, b)
}

#[test]
fn save_load_and_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    assert!(sidecar::load(&article)
        .expect("no sidecar is fine")
        .is_none());
    let (a, b) = versions();
    sidecar::save(&article, &a).expect("save a");
    sidecar::save(&article, &b).expect("save b");
    assert_eq!(sidecar::load(&article).expect("load"), Some(b));
    let bak = std::fs::read(dir.path().join("article.marsad.json.bak")).expect("backup kept");
    let bak: AnnotatedDocument = serde_json::from_slice(&bak).expect("backup parses");
    assert_eq!(bak, a);
    assert_eq!(
        sidecar_path(&article),
        dir.path().join("article.marsad.json")
    );
}

#[test]
fn a_corrupt_sidecar_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::write(
        sidecar_path(&article),
        b"{\"schema\": \"marsad/1\", \"text\": ",
    )
    .expect("w");
    match sidecar::load(&article) {
        Err(SidecarError::Corrupt { kept, .. }) => {
            let kept_bytes = std::fs::read(&kept).expect("the corrupt file is kept");
            assert!(kept_bytes.starts_with(b"{\"schema\""));
        }
        other => panic!("expected a corrupt-sidecar error, got {other:?}"),
    }
    assert!(!sidecar_path(&article).exists(), "moved aside");
    sidecar::save(&article, &annotated()).expect("a fresh save works");
    assert!(sidecar::load(&article).expect("load").is_some());
}

#[test]
fn annotations_follow_an_edited_article() {
    let saved = annotated();
    let edited = format!("تحديث: أضيفت هذه الجملة في البداية.\n\n{SAMPLE}");
    let gone = saved.mentions.len();
    let (moved, unplaced) = sidecar::reanchor(&saved, &edited);
    assert!(unplaced.is_empty(), "{unplaced:?}");
    assert_eq!(moved.mentions.len(), gone);
    let chars: Vec<char> = edited.chars().collect();
    for (m, old) in moved.mentions.iter().zip(&saved.mentions) {
        let now: String = chars[m.start..m.end].iter().collect();
        assert_eq!(now, saved.slice(old.span()));
    }
    // A paragraph removed: what stood only there is listed, never silently dropped.
    let cut = SAMPLE.replace("وأعلنت \"المقاومة الإسلامية في العراق\"", "وأعلنت جهة");
    let (_, unplaced) = sidecar::reanchor(&saved, &cut);
    assert!(!unplaced.is_empty());
}

/// Run as a child: rewrite the sidecar forever, alternating two versions.
#[test]
#[ignore = "helper process for killed_while_saving_leaves_old_or_new"]
fn child_keeps_saving() {
    let Some(article) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let (a, b) = versions();
    for n in 0.. {
        let doc = if n % 2 == 0 { &a } else { &b };
        sidecar::save(Path::new(&article), doc).expect("save");
    }
}

#[test]
fn killed_while_saving_leaves_old_or_new() {
    let (a, b) = versions();
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    sidecar::save(&article, &a).expect("first version");
    let exe = std::env::current_exe().expect("test binary");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..40 {
        let mut child = Command::new(&exe)
            .args([
                "child_keeps_saving",
                "--exact",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &article)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("child starts");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(20 + seed % 180);
        let started = Instant::now();
        while started.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("kill");
        child.wait().expect("reap");
        let loaded = sidecar::load(&article)
            .unwrap_or_else(|e| panic!("round {round}: {e}"))
            .unwrap_or_else(|| panic!("round {round}: the sidecar vanished"));
        assert!(
            loaded == a || loaded == b,
            "round {round}: a torn or foreign version"
        );
    }
}

// ---- Two writers -------------------------------------------------------------------------------

use marsad::autosave::Autosave;
use marsad::edit::{Edit, History};
use marsad::model::{Origin, Span};
use marsad::sidecar::{SaveOutcome, Sidecar};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// An article file (the sample) in a fresh directory.
fn article_in(dir: &Path) -> std::path::PathBuf {
    let article = dir.join("article.txt");
    std::fs::write(&article, SAMPLE).expect("article");
    article
}

/// Applies an edit (made from the document) as the app does.
fn apply(doc: &mut AnnotatedDocument, make: impl FnOnce(&AnnotatedDocument) -> Edit) {
    let edit = make(doc);
    assert!(History::default().apply(doc, edit), "the edit applies");
}

/// The `n`th stretch of `len` characters that no mention touches and that holds no line break.
fn free_span(doc: &AnnotatedDocument, len: usize, n: usize) -> Span {
    let chars: Vec<char> = doc.text.chars().collect();
    (0..chars.len().saturating_sub(len))
        .step_by(len + 1)
        .map(|s| Span::new(s, s + len))
        .filter(|s| !doc.mentions.iter().any(|m| m.span().overlaps(s)))
        .filter(|s| !chars[s.start..s.end].contains(&'\n'))
        .nth(n)
        .expect("a free stretch")
}

/// Two windows open the same article; each saves its own corrections.
fn two_windows(article: &Path) -> ((Sidecar, AnnotatedDocument), (Sidecar, AnnotatedDocument)) {
    let (mut first, saved) = Sidecar::open(article).expect("open");
    assert!(saved.is_none());
    let doc = annotated();
    assert_eq!(first.save(&doc).expect("first save"), SaveOutcome::Saved);
    assert_eq!(first.revision(), 1);
    let (second, saved) = Sidecar::open(article).expect("open again");
    let saved = saved.expect("saved annotations");
    assert_eq!(saved, doc);
    ((first, doc), (second, saved))
}

#[test]
fn two_writers_merge_their_corrections() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let ((mut a, mut doc_a), (mut b, mut doc_b)) = two_windows(&article);

    let removed = doc_a.mentions[0].clone();
    apply(&mut doc_a, |d| Edit::remove_mention(d, &removed));
    assert_eq!(a.save(&doc_a).expect("a saves"), SaveOutcome::Saved);

    let repointed = doc_b.mentions[3].clone();
    apply(&mut doc_b, |_| Edit::set_mention_actor(&repointed, "IRN"));
    let retyped = doc_b.statements[1].clone();
    apply(&mut doc_b, |_| {
        Edit::set_statement_kind(&retyped, marsad::model::RelationType::Threaten)
    });
    let merged = match b.save(&doc_b).expect("b saves") {
        SaveOutcome::Merged {
            doc,
            conflicts,
            mine,
        } => {
            assert!(conflicts.is_empty(), "{conflicts:?}");
            assert!(mine.is_none());
            *doc
        }
        other => panic!("expected a merge, got {other:?}"),
    };
    let has_all = |d: &AnnotatedDocument| {
        !d.mentions.iter().any(|m| m.id == removed.id)
            && d.mentions
                .iter()
                .any(|m| m.id == repointed.id && m.actor == "IRN")
            && d.statements
                .iter()
                .any(|s| s.id == retyped.id && s.kind == marsad::model::RelationType::Threaten)
    };
    assert!(has_all(&merged));
    assert!(has_all(
        &sidecar::load(&article).expect("load").expect("some")
    ));
    assert_eq!(b.revision(), 3);

    // A saves again without having seen B's corrections: it gets them, and keeps its own.
    let added = Span::new(0, 4);
    apply(&mut doc_a, |d| Edit::add_mention(d, "ISR", added));
    match a.save(&doc_a).expect("a saves again") {
        SaveOutcome::Merged { doc, conflicts, .. } => {
            assert!(conflicts.is_empty(), "{conflicts:?}");
            assert!(has_all(&doc));
            assert!(doc.mentions.iter().any(|m| m.span() == added));
        }
        other => panic!("expected a merge, got {other:?}"),
    }
    let on_disk = sidecar::load(&article).expect("load").expect("some");
    assert!(has_all(&on_disk) && on_disk.mentions.iter().any(|m| m.span() == added));
}

#[test]
fn two_writers_in_conflict_keep_both_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let ((mut a, mut doc_a), (mut b, mut doc_b)) = two_windows(&article);
    let m = doc_a.mentions[2].clone();
    apply(&mut doc_a, |_| Edit::set_mention_actor(&m, "IRN"));
    a.save(&doc_a).expect("a saves");
    apply(&mut doc_b, |_| Edit::set_mention_actor(&m, "USA"));
    // Both add a mention of their own under the same fresh id, at different places.
    let (span_a, span_b) = (free_span(&doc_a, 3, 0), free_span(&doc_a, 3, 1));
    apply(&mut doc_a, |d| Edit::add_mention(d, "ISR", span_a));
    a.save(&doc_a).expect("a saves again");
    apply(&mut doc_b, |d| Edit::add_mention(d, "ISR", span_b));
    let SaveOutcome::Merged {
        doc,
        conflicts,
        mine,
    } = b.save(&doc_b).expect("b saves")
    else {
        panic!("expected a merge");
    };
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].contains("IRN") || conflicts[0].contains("Iran"));
    let kept = doc.mentions.iter().find(|x| x.id == m.id).expect("kept");
    assert_eq!(
        kept.actor, "IRN",
        "the version already saved wins the conflict"
    );
    let user: Vec<Span> = doc
        .mentions
        .iter()
        .filter(|x| x.origin == Origin::User && x.id != m.id)
        .map(|x| x.span())
        .collect();
    assert_eq!(user, [span_a, span_b], "both additions kept");
    let ids: std::collections::HashSet<&str> = doc.mentions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids.len(), doc.mentions.len(), "under different ids");
    // B's own version is kept whole beside the sidecar.
    let mine = mine.expect("b's version kept");
    let mine: AnnotatedDocument =
        serde_json::from_slice(&std::fs::read(mine).expect("read")).expect("parse");
    assert_eq!(mine, doc_b);
}

#[test]
fn a_sidecar_of_another_article_version_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let ((mut a, mut doc_a), (mut b, doc_b)) = two_windows(&article);
    // A re-anchored its annotations onto an edited article and saved them.
    let edited = format!("تحديث.\n\n{SAMPLE}");
    doc_a = sidecar::reanchor(&doc_a, &edited).0;
    a.save(&doc_a).expect("a saves");
    let before = std::fs::read(sidecar_path(&article)).expect("read");
    match b.save(&doc_b).expect("b saves") {
        SaveOutcome::KeptBoth { theirs, ours } => {
            assert_eq!(theirs, sidecar_path(&article));
            let kept: AnnotatedDocument =
                serde_json::from_slice(&std::fs::read(&ours).expect("read")).expect("parse");
            assert_eq!(kept, doc_b);
            assert_eq!(b.path(), ours, "later saves go to the copy");
        }
        other => panic!("expected both kept, got {other:?}"),
    }
    assert_eq!(std::fs::read(sidecar_path(&article)).expect("read"), before);
}

/// Set in child processes: the article whose sidecar they correct, and which mentions.
const WRITER_ENV: &str = "MARSAD_SIDECAR_WRITER";
const EDITS_PER_WRITER: usize = 12;

/// Run as a child: open the article's sidecar and repoint every other mention (even or odd), saving
/// after each edit and taking in what the other process saved.
#[test]
#[ignore = "helper process for two_processes_lose_no_correction"]
fn child_writer() {
    let Some(spec) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    let (parity, article) = spec.split_once(':').expect("parity:article");
    let parity: usize = parity.parse().expect("parity");
    let article = Path::new(article);
    let (mut sidecar, saved) = Sidecar::open(article).expect("open");
    let mut doc = saved.expect("saved annotations");
    // Start together, so that the two interleave their saves.
    let go = article.with_extension("go");
    while !go.exists() {
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut merges = 0;
    for k in 0..EDITS_PER_WRITER {
        let m = doc.mentions[2 * k + parity].clone();
        apply(&mut doc, |_| {
            Edit::set_mention_actor(&m, &format!("W{parity}"))
        });
        if let SaveOutcome::Merged { doc: merged, .. } = sidecar.save(&doc).expect("save") {
            doc = *merged;
            merges += 1;
        }
    }
    eprintln!("writer {parity}: {merges} of {EDITS_PER_WRITER} saves merged the other's work");
}

#[test]
fn two_processes_lose_no_correction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let doc = annotated();
    assert!(doc.mentions.len() >= 2 * EDITS_PER_WRITER);
    sidecar::save(&article, &doc).expect("first version");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..2)
        .map(|parity| {
            Command::new(&exe)
                .args(["child_writer", "--exact", "--ignored", "--nocapture"])
                .env(WRITER_ENV, format!("{parity}:{}", article.display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("child starts")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(article.with_extension("go"), b"").expect("go");
    for mut child in children {
        assert!(child.wait().expect("child ends").success());
    }
    let saved = sidecar::load(&article).expect("load").expect("some");
    for (i, m) in saved.mentions.iter().take(2 * EDITS_PER_WRITER).enumerate() {
        assert_eq!(
            m.actor,
            format!("W{}", i % 2),
            "mention {i} lost its correction"
        );
    }
}

// ---- Saving fails ------------------------------------------------------------------------------

/// A writer that fails with `error` the first `failures` times, then writes.
fn failing_writer(failures: usize, error: fn() -> std::io::Error) -> Arc<marsad::sidecar::WriteFn> {
    let calls = AtomicUsize::new(0);
    Arc::new(move |path: &Path, bytes: &[u8]| {
        if calls.fetch_add(1, Ordering::SeqCst) < failures {
            Err(error())
        } else {
            marsad::atomic_file::write_atomic(path, bytes)
        }
    })
}

#[test]
fn autosave_waits_retries_with_backoff_and_keeps_every_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let (sidecar, _) = Sidecar::open(&article).expect("open");
    // A full disk (ENOSPC) twice, then space again.
    let sidecar = sidecar.with_writer(failing_writer(2, || std::io::Error::from_raw_os_error(28)));
    let mut autosave = Autosave::new(sidecar);
    let mut doc = annotated();
    let t0 = Instant::now();
    assert!(!autosave.has_unsaved());
    assert!(autosave.poll(&doc, t0).is_none(), "nothing to save");

    let first = doc.mentions[0].clone();
    apply(&mut doc, |d| Edit::remove_mention(d, &first));
    autosave.edited(t0);
    assert!(autosave.has_unsaved());
    assert!(autosave.poll(&doc, t0).is_none(), "edits rest first");
    let due = autosave.wake_at().expect("a save is pending");
    assert_eq!(due, t0 + Autosave::DELAY);

    let failure = autosave
        .poll(&doc, due)
        .expect("tried")
        .expect_err("disk full");
    assert!(failure.reason.contains("is full"), "{}", failure.reason);
    assert!(failure.reason.contains("Save As"), "{}", failure.reason);
    assert_eq!(failure.attempts, 1);
    assert_eq!(failure.retry_at, due + Autosave::FIRST_BACKOFF);
    assert!(autosave.has_unsaved() && autosave.failure().is_some());
    assert!(!sidecar_path(&article).exists(), "nothing half-written");

    // More edits while saving fails: none may be lost.
    let second = doc.mentions[0].clone();
    apply(&mut doc, |d| Edit::remove_mention(d, &second));
    autosave.edited(due);
    assert!(
        autosave.poll(&doc, due + Duration::from_secs(1)).is_none(),
        "no retry before the back-off"
    );
    let retry = failure.retry_at;
    let failure = autosave
        .poll(&doc, retry)
        .expect("retried")
        .expect_err("still full");
    assert_eq!(failure.attempts, 2);
    assert_eq!(failure.retry_at, retry + 2 * Autosave::FIRST_BACKOFF);

    let saved = autosave.poll(&doc, failure.retry_at).expect("retried");
    assert_eq!(saved, Ok(SaveOutcome::Saved));
    assert!(!autosave.has_unsaved() && autosave.failure().is_none());
    assert_eq!(sidecar::load(&article).expect("load"), Some(doc));
    assert!(autosave.wake_at().is_none());
}

/// Saving into `article`'s place fails with `reason`; Save As elsewhere then works and autosave
/// goes on there.
fn fails_then_save_as(article: &Path, sidecar: Sidecar, reason: &str) {
    let mut autosave = Autosave::new(sidecar);
    let mut doc = annotated();
    let m = doc.mentions[0].clone();
    apply(&mut doc, |d| Edit::remove_mention(d, &m));
    let now = Instant::now();
    autosave.edited(now);
    let failure = autosave.save_now(&doc, now).expect_err("cannot save");
    assert!(failure.reason.contains(reason), "{}", failure.reason);
    assert!(autosave.has_unsaved(), "the edit is kept for later");

    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("saved-as.marsad.json");
    assert_eq!(autosave.save_as(&doc, &target, now), Ok(SaveOutcome::Saved));
    assert!(!autosave.has_unsaved() && autosave.failure().is_none());
    assert_eq!(autosave.path(), target);
    let back: AnnotatedDocument = marsad::export::read_json(&std::fs::read(&target).expect("read"))
        .expect("a marsad/1 document");
    assert_eq!(back, doc);
    // Later edits autosave to the new place.
    let m = doc.mentions[0].clone();
    apply(&mut doc, |d| Edit::remove_mention(d, &m));
    autosave.edited(now);
    assert_eq!(
        autosave.poll(&doc, now + Autosave::DELAY),
        Some(Ok(SaveOutcome::Saved))
    );
    let (_, reread) = Sidecar::open_file(&target).expect("open");
    assert_eq!(reread, Some(doc));
    let _ = article;
}

#[test]
fn autosave_into_a_path_whose_folder_is_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let not_a_folder = dir.path().join("notes.txt");
    std::fs::write(&not_a_folder, "a file").expect("file");
    let article = not_a_folder.join("article.txt");
    fails_then_save_as(
        &article,
        Sidecar::new_file(&sidecar_path(&article)),
        "is not a folder",
    );
}

#[test]
fn autosave_when_a_folder_is_in_the_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    std::fs::create_dir(sidecar_path(&article)).expect("a folder in the sidecar's place");
    // Opening reports the folder; the app then starts a writer that has read nothing.
    assert!(Sidecar::open(&article).is_err());
    let sidecar = Sidecar::new_file(&sidecar_path(&article));
    fails_then_save_as(&article, sidecar, "a folder named");
}

#[test]
fn autosave_when_the_folder_is_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("news");
    std::fs::create_dir(&folder).expect("folder");
    let article = article_in(&folder);
    let (sidecar, _) = Sidecar::open(&article).expect("open");
    std::fs::remove_dir_all(&folder).expect("folder removed (a USB stick pulled out)");
    fails_then_save_as(&article, sidecar, "no longer exists");
}

#[test]
fn autosave_when_the_file_is_locked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let (sidecar, _) = Sidecar::open(&article).expect("open");
    let locked = sidecar.with_writer(failing_writer(usize::MAX, || {
        std::io::Error::from(std::io::ErrorKind::ResourceBusy)
    }));
    fails_then_save_as(&article, locked, "locked by another program");
}

#[test]
fn autosave_into_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).expect("folder");
    let article = article_in(&folder);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root (as in CI containers) writes anyway: there the read-only folder is simulated by the
    // error the system gives everyone else.
    let probe = folder.join("probe");
    let privileged = std::fs::write(&probe, b"").is_ok();
    let (sidecar, _) = Sidecar::open(&article).expect("open");
    let sidecar = if privileged {
        std::fs::remove_file(&probe).expect("probe removed");
        sidecar.with_writer(failing_writer(usize::MAX, || {
            std::io::Error::from_raw_os_error(13)
        }))
    } else {
        sidecar
    };
    fails_then_save_as(&article, sidecar, "is read-only");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_sidecar_garbled_by_another_program_is_kept_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = article_in(dir.path());
    let ((mut a, doc), _) = two_windows(&article);
    std::fs::write(sidecar_path(&article), b"{\"half\": ").expect("garble");
    match a.save(&doc).expect("save") {
        SaveOutcome::ReplacedUnreadable { kept } => {
            assert_eq!(std::fs::read(kept).expect("kept"), b"{\"half\": ");
        }
        other => panic!("expected the garbled file kept aside, got {other:?}"),
    }
    assert_eq!(sidecar::load(&article).expect("load"), Some(doc.clone()));
    // Deleted by someone else: saving writes it again.
    std::fs::remove_file(sidecar_path(&article)).expect("delete");
    assert_eq!(a.save(&doc).expect("save"), SaveOutcome::Saved);
    assert_eq!(sidecar::load(&article).expect("load"), Some(doc));
}
