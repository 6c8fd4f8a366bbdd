//! What several benches share: the 5 MB article they open.
use std::path::PathBuf;

/// The annotated sample article.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

/// The sample repeated to 5 MB, written to a temporary folder (kept alive by the returned
/// `TempDir`), with its path and its length in bytes. Israel has more than 15,000 mentions.
pub fn big_article_file() -> (tempfile::TempDir, PathBuf, usize) {
    let sample = std::fs::read_to_string(SAMPLE).expect("sample");
    let mut text = String::with_capacity(5_300_000);
    while text.len() < 5_000_000 {
        text.push_str(&sample);
        text.push('\n');
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).expect("write");
    (dir, path, text.len())
}
