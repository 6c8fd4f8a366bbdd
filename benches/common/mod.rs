//! What the app benches share: the 5 MB article they open, a wheel turn over the window, and the
//! percentiles of frame times. Each bench uses part of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use marsad::ui::app::MarsadApp;
use std::path::PathBuf;
use std::time::Duration;

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

/// One wheel turn of `dy` points with the pointer at `at` (negative scrolls down); the frame
/// that handles it is the caller's.
pub fn wheel(harness: &mut Harness<'_, MarsadApp>, at: egui::Pos2, dy: f32) {
    harness.hover_at(at);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
}

/// p50, p99 and max of frame times, in milliseconds.
pub fn percentiles(mut times: Vec<Duration>) -> (f64, f64, f64) {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    (pct(0.5), pct(0.99), pct(1.0))
}
