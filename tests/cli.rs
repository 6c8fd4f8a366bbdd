//! `marsad extract`: output shape and exit codes, run as a user would.

mod common;
use common::marsad;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

#[test]
fn one_file_gives_one_json_document() {
    let out = marsad(&["extract", SAMPLE]);
    common::assert_success(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["schema"], "marsad/1");
    assert_eq!(doc["offsets"], "unicode-scalar");
    assert_eq!(doc["source"]["encoding"], "UTF-8");
    assert_eq!(doc["source"]["sha256"].as_str().map(str::len), Some(64));
    let text = doc["text"].as_str().expect("text");
    assert_eq!(text, std::fs::read_to_string(SAMPLE).expect("sample"));
    for key in ["actors", "mentions", "statements", "relations"] {
        assert!(!doc[key].as_array().expect(key).is_empty(), "{key} empty");
    }
}

#[test]
fn several_files_give_json_lines_and_failures_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.txt");
    let out_path = dir.path().join("out.jsonl");
    let out = marsad(&[
        "extract",
        SAMPLE,
        missing.to_str().expect("utf-8 path"),
        SAMPLE,
        "-o",
        out_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line per failure: {stderr}");
    assert!(stderr.contains("missing.txt"));
    let written = std::fs::read_to_string(&out_path).expect("output written");
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 2, "the other files are still processed");
    for line in lines {
        let doc: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert_eq!(doc["schema"], "marsad/1");
    }
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(marsad(&["extract"]).status.code(), Some(2));
    assert_eq!(
        marsad(&["extract", "--format", "pdf", SAMPLE])
            .status
            .code(),
        Some(2)
    );
}
