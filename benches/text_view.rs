//! Speed of the text view on a 1 MB article (the sample repeated), headless: egui frames are run
//! and tessellated on the CPU, as a native app would before handing meshes to the GPU.
//!
//! - `first_screen_layout`: split + shape only what the first screen shows.
//! - `first_frame`: a fresh view's first egui frame (layout + glyph rasterisation + meshes).
//! - `scroll_frame`: one frame while wheel-scrolling with every highlight on.
//!   A plain loop also prints p50/p99 frame times and the resident memory.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use egui::{Color32, Event, MouseWheelUnit, Pos2, RawInput, Rect, Vec2};
use marsad::text_layout::{ArticleLayout, LayoutStyle, TextEngine};
use marsad::ui::bidi_label::install_fonts;
use marsad::ui::text_view::{Annotation, AnnotationKind, ArticleView, ArticleViewState};

const SAMPLE: &str = include_str!("../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");
const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

fn article() -> String {
    let mut text = String::with_capacity(1_050_000);
    while text.len() < 1_000_000 {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

/// Every occurrence of a dozen frequent names: "all highlights on".
fn annotations(text: &str) -> Vec<Annotation> {
    let names = [
        ("إسرائيل", AnnotationKind::Mention),
        ("العراق", AnnotationKind::Mention),
        ("لإيران", AnnotationKind::Mention),
        ("مجلس الأمن", AnnotationKind::StatementContent),
        ("ساعر", AnnotationKind::Speaker),
        ("وقال", AnnotationKind::Cue),
        ("الحكومة", AnnotationKind::Mention),
        ("الفصائل", AnnotationKind::Mention),
        ("الإسرائيلي", AnnotationKind::Mention),
        ("الأمن", AnnotationKind::Mention),
        ("حزب الله", AnnotationKind::Mention),
        ("لبنان", AnnotationKind::Mention),
    ];
    let mut out = Vec::new();
    // Byte → char offsets in one pass per name.
    for (n, (name, kind)) in names.iter().enumerate() {
        let mut chars = 0;
        let mut last = 0;
        for (byte, _) in text.match_indices(name) {
            chars += text[last..byte].chars().count();
            last = byte;
            out.push(Annotation {
                range: chars..chars + name.chars().count(),
                id: format!("{n}-{byte}"),
                kind: *kind,
                color: Color32::from_rgb(40 + 17 * n as u8, 120, 200 - 13 * n as u8),
                tooltip: None,
            });
        }
    }
    out
}

fn input(time: f64, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
        time: Some(time),
        events,
        ..Default::default()
    }
}

/// One headless frame: UI pass + tessellation.
fn frame(
    ctx: &egui::Context,
    state: &mut ArticleViewState,
    annotations: &[Annotation],
    raw: RawInput,
) {
    let out = ctx.run_ui(raw, |ui| {
        ArticleView::new(annotations).show(ui, state);
    });
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
}

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    ctx
}

fn wheel() -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(640.0, 400.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, -40.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        },
    ]
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let text = article();
    let annotations = annotations(&text);
    eprintln!(
        "article: {} bytes, {} annotations, RSS before views: {:.0} MB",
        text.len(),
        annotations.len(),
        rss_mb()
    );

    let mut engine = TextEngine::new();
    c.bench_function("first_screen_layout", |b| {
        b.iter(|| {
            let mut layout = ArticleLayout::new(&text, LayoutStyle::default(), SCREEN.x - 32.0);
            std::hint::black_box(layout.ensure_visible(&mut engine, 0.0..SCREEN.y));
        })
    });

    let ctx = context();
    // Warm the font system and atlas once, as a running app would have them.
    let mut warm = ArticleViewState::new(&text);
    frame(&ctx, &mut warm, &annotations, input(0.0, vec![]));
    let mut t = 1.0;
    c.bench_function("first_frame", |b| {
        b.iter(|| {
            let mut state = ArticleViewState::new(&text);
            t += 1.0;
            frame(&ctx, &mut state, &annotations, input(t, vec![]));
        })
    });

    let mut state = ArticleViewState::new(&text);
    frame(&ctx, &mut state, &annotations, input(t, vec![]));
    c.bench_function("scroll_frame", |b| {
        b.iter(|| {
            t += 1.0 / 60.0;
            frame(&ctx, &mut state, &annotations, input(t, wheel()));
        })
    });

    // Distribution of scroll frames from the top, including first-time shaping of each paragraph.
    let mut state = ArticleViewState::new(&text);
    frame(&ctx, &mut state, &annotations, input(t, vec![]));
    let mut times: Vec<Duration> = (0..2000)
        .map(|_| {
            t += 1.0 / 60.0;
            let start = Instant::now();
            frame(&ctx, &mut state, &annotations, input(t, wheel()));
            start.elapsed()
        })
        .collect();
    times.sort();
    let first_char_y = state
        .screen_rects(&ctx, 0..1)
        .first()
        .map_or(f32::NAN, |r| r.min.y);
    eprintln!("after scrolling, the first char is at y = {first_char_y:.0} pt");
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    eprintln!(
        "scroll frames (2000, fresh paragraphs): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; RSS {:.0} MB",
        pct(0.5),
        pct(0.99),
        pct(1.0),
        rss_mb()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
