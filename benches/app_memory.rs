//! The app's memory for a 5 MB article (issue 12: ≤ 20 × the text + 150 MB), stage by stage:
//! resident memory (VmRSS now, VmHWM the peak so far, from /proc/self/status) and the heap this
//! process holds (live and peak bytes, counted by the global allocator below), after opening
//! (ingest, extraction, indexes), the first frame, selecting the actor with the most mentions,
//! and scrolling through the whole article (wheel frames at every tenth of it, then Ctrl+End).
//!
//! Headless (egui_kittest): frames are drawn with wgpu at each stage when an adapter exists (a
//! software one here), so the textures are counted; a window and its swap chain are not. Run with
//! `cargo bench --bench app_memory`.
use egui_kittest::Harness;
use marsad::ui::app::{MarsadApp, Options};
use marsad::ui::command::Command;
use marsad::ui::session::Selection;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

/// The system allocator, counting the bytes it hands out.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A field of /proc/self/status in MB.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

const MB: f64 = 1024.0 * 1024.0;

/// Prints one stage and starts counting the next stage's heap peak from what is live now.
fn report(stage: &str) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    eprintln!(
        "{stage:<28} RSS {:6.1} MB   peak RSS {:6.1} MB   heap {:6.1} MB   heap peak in stage {:6.1} MB",
        status_mb("VmRSS:"),
        status_mb("VmHWM:"),
        live as f64 / MB,
        peak as f64 / MB,
    );
}

fn wheel(harness: &mut Harness<'_, MarsadApp>, frames: usize) {
    for _ in 0..frames {
        common::wheel(harness, egui::pos2(640.0, 400.0), -120.0);
        harness.step();
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter that is not ours skips the run.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        if !"app_memory_5mb".contains(&filter) {
            return;
        }
    }
    report("start");
    let (_dir, path, bytes) = common::big_article_file();
    let text_mb = bytes as f64 / MB;
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| MarsadApp::headless(&cc.egui_ctx, Options::default()));
    harness.step();
    // Drawing once starts the wgpu renderer (a software one on a machine with no GPU): from then
    // on each frame's texture updates go to it, as in the app, instead of piling up unapplied.
    let drawn = harness.render().is_ok();
    report(if drawn {
        "app drawn, nothing open"
    } else {
        "app, nothing open (no GPU)"
    });

    harness.state_mut().open_now(&path);
    report("article opened");
    harness.step();
    if drawn {
        let _ = harness.render();
    }
    report("first frame");

    let session = harness.state().session().expect("opened");
    let (actor, count) = session
        .doc
        .actors
        .iter()
        .map(|a| (a.id.clone(), session.mentions_of(&a.id).len()))
        .max_by_key(|(_, n)| *n)
        .expect("actors");
    let char_count = session.doc.text.chars().count();
    harness
        .state_mut()
        .apply(Command::Select(Selection::Actor(actor.clone())));
    harness.step();
    report(&format!("{actor} selected ({count} mentions)"));

    wheel(&mut harness, 100);
    for tenth in 1..=10 {
        let at = char_count * tenth / 10;
        harness
            .state_mut()
            .view()
            .article
            .scroll_to(at.saturating_sub(1)..at);
        harness.step();
        wheel(&mut harness, 30);
    }
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    harness.step();
    report("scrolled through to the end");
    wheel(&mut harness, 20);
    if drawn {
        let _ = harness.render();
    }
    report("steady, 20 frames later");

    let budget = 20.0 * text_mb + 150.0;
    eprintln!(
        "text {text_mb:.1} MB: budget 20 × text + 150 = {budget:.0} MB; peak RSS {:.1} MB ({})",
        status_mb("VmHWM:"),
        if status_mb("VmHWM:") <= budget {
            "within"
        } else {
            "OVER"
        }
    );
}
