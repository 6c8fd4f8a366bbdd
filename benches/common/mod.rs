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

/// CPU time this thread has run so far, or `None` where it cannot be read. On a shared machine
/// a frame's wall time includes waiting for a core; its CPU time does not, so the two together
/// tell the app's cost from the machine's load.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub fn thread_cpu() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec { sec: 0, nsec: 0 };
    // SAFETY: glibc's clock_gettime with a valid clock id writes one timespec (two 64-bit
    // fields on 64-bit Linux) to the pointer it is given, which points at `time`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) } == 0;
    ok.then(|| Duration::new(time.sec as u64, time.nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// The load average over the last minute (from /proc/loadavg), for the record.
pub fn load() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

/// p50, p99 and max of frame times, in milliseconds.
pub fn percentiles(mut times: Vec<Duration>) -> (f64, f64, f64) {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    (pct(0.5), pct(0.99), pct(1.0))
}
