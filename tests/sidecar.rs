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
