//! The app's own costs, measured headlessly with egui_kittest (an egui pass and its AccessKit
//! tree, no GPU): start-up to the first frame of the annotated sample; a frame of the actor graph
//! with 40 actors and 200 edges; and a 5 MB article with an actor of more than 15,000 mentions
//! selected: selecting it, scrolling frames (p50/p99 printed) and find over the whole text.
//! Scrolling frames are timed twice: as kittest runs them, and as eframe runs them for a user
//! (egui pass and tessellation, no AccessKit tree), each in wall and thread CPU time with the
//! machine's load, since a shared machine stretches wall times.
use criterion::{criterion_group, criterion_main, Criterion};
use egui_kittest::Harness;
use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Relation, RelationType, SourceInfo, Span, OFFSET_UNIT,
    SCHEMA,
};
use marsad::ui::app::{MarsadApp, Options};
use marsad::ui::command::Command;
use marsad::ui::graph::{graph_ui, GraphView};
use marsad::ui::session::{Selection, Session};
use marsad::ui::strings::Language;
use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::SAMPLE;

fn startup(c: &mut Criterion) {
    c.bench_function("app/open_sample_and_first_frame", |b| {
        b.iter(|| {
            let mut harness = Harness::builder()
                .with_size([1280.0, 800.0])
                .build_eframe(|cc| {
                    let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
                    app.open_now(Path::new(SAMPLE));
                    app
                });
            harness.step();
            black_box(harness.state().session().is_some())
        })
    });
}

/// A document with `actors` states and `edges` relations between them, cycling through types.
fn synthetic(actors: usize, edges: usize) -> AnnotatedDocument {
    let actor_list = (0..actors)
        .map(|i| Actor {
            id: format!("A{i}"),
            name_en: format!("Actor {i}"),
            name_ar: format!("الفاعل {i}"),
            kind: ActorKind::State,
            affiliation: None,
            aliases: Vec::new(),
        })
        .collect();
    let relations = (0..edges)
        .map(|e| Relation {
            source: format!("A{}", e % actors),
            target: format!("A{}", (e * 7 + 1 + e / actors) % actors),
            kind: RelationType::ALL[e % RelationType::ALL.len()],
            statements: Vec::new(),
            evidence: vec![Span::new(0, 1)],
        })
        .filter(|r| r.source != r.target)
        .collect();
    AnnotatedDocument {
        schema: SCHEMA.into(),
        source: SourceInfo::default(),
        text: "نص".into(),
        offsets: OFFSET_UNIT.into(),
        actors: actor_list,
        mentions: Vec::new(),
        statements: Vec::new(),
        relations,
        removed: Vec::new(),
        presentation: Default::default(),
    }
}

fn graph_frame(c: &mut Criterion) {
    let session = Session::new(synthetic(40, 200), PathBuf::from("synthetic"), 0.0);
    let mut harness = Harness::builder().with_size([600.0, 500.0]).build_ui_state(
        |ui, session: &mut Session| {
            marsad::ui::bidi_label::install_fonts(ui.ctx());
            let mut view = GraphView::default();
            black_box(graph_ui(
                ui,
                Language::English.strings(),
                session,
                &mut view,
                None,
                &HashSet::new(),
                &HashSet::new(),
            ));
        },
        session,
    );
    harness.step();
    c.bench_function("app/graph_frame_40_actors_200_edges", |b| {
        b.iter(|| harness.step())
    });
}

/// The sample repeated to 5 MB, opened in the app with Israel (≥ 15k mentions) selected.
fn big_article(c: &mut Criterion) {
    let (_dir, path, bytes) = common::big_article_file();
    let started = Instant::now();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| {
            let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
            app.open_now(&path);
            app
        });
    harness.step();
    let session = harness.state().session().expect("opened");
    let mentions = session.mentions_of("ISR").len();
    eprintln!(
        "5 MB article: {} bytes, {} mentions, {mentions} of Israel; opened and first frame in {:.1} s",
        bytes,
        session.doc.mentions.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(mentions >= 15_000, "Israel has {mentions} mentions");

    // Selecting the actor: the frame that shows it everywhere.
    let mut select = |actor: &str| {
        harness
            .state_mut()
            .apply(Command::Select(Selection::Actor(actor.into())));
        harness.step();
    };
    c.bench_function("app/5mb_select_actor_frame", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            select(if flip { "ISR" } else { "IRQ" });
        })
    });
    select("ISR");

    // Scrolling with the wheel over the article, every frame timed.
    let wheel = |harness: &mut Harness<'_, MarsadApp>, dy: f32| {
        common::wheel(harness, egui::pos2(640.0, 400.0), dy);
    };
    for _ in 0..20 {
        wheel(&mut harness, -120.0);
        harness.step();
    }
    let (wall, cpu): (Vec<Duration>, Vec<Duration>) = (0..600)
        .map(|k| {
            // Down for most frames, back up now and then.
            wheel(&mut harness, if k % 10 == 9 { 300.0 } else { -120.0 });
            let (start, cpu) = (Instant::now(), common::thread_cpu());
            harness.step();
            (start.elapsed(), cpu_since(cpu))
        })
        .unzip();
    report("kittest frame (egui pass + AccessKit tree)", wall, cpu);
    user_frames(&path);
    c.bench_function("app/5mb_scroll_frame_actor_selected", |b| {
        b.iter(|| {
            wheel(&mut harness, -120.0);
            harness.step();
        })
    });

    // Ctrl+End, then Ctrl+Home: each one frame.
    c.bench_function("app/5mb_ctrl_end_then_home", |b| {
        b.iter(|| {
            for key in [egui::Key::End, egui::Key::Home] {
                harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
                harness.step();
            }
        })
    });

    // Find over the whole text, as the find worker runs it.
    let shared = harness
        .state()
        .session()
        .expect("opened")
        .shared_text()
        .clone();
    c.bench_function("app/5mb_find_whole_text", |b| {
        b.iter(|| black_box(marsad::extract::fold::find_all(&shared, "مجلس الأمن").len()))
    });
    eprintln!(
        "find hits for مجلس الأمن: {}",
        marsad::extract::fold::find_all(&shared, "مجلس الأمن").len()
    );
}

/// Thread CPU time since `start` (zero where it cannot be read).
fn cpu_since(start: Option<Duration>) -> Duration {
    match (start, common::thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => Duration::ZERO,
    }
}

/// Prints p50/p99/max of a run of wheel frames, wall and CPU time, with the machine's load.
fn report(what: &str, wall: Vec<Duration>, cpu: Vec<Duration>) {
    let (n, load) = (wall.len(), common::load());
    let (p50, p99, max) = common::percentiles(wall);
    let (c50, c99, cmax) = common::percentiles(cpu);
    eprintln!(
        "5 MB article, Israel selected, {n} wheel frames, {what}, load {load:.1}:\n  \
         wall p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms; \
         CPU p50 {c50:.2} ms, p99 {c99:.2} ms, max {cmax:.2} ms"
    );
}

/// The frames a user feels: the app's egui pass and the tessellation of what it painted, as
/// eframe runs them, in a plain egui context. kittest builds and diffs an AccessKit tree of every
/// widget at each step; eframe builds one only while a screen reader asks for it.
fn user_frames(path: &Path) {
    let ctx = egui::Context::default();
    ctx.all_styles_mut(|style| style.scroll_animation = egui::style::ScrollAnimation::none());
    let mut app = MarsadApp::headless(&ctx, Options::default());
    app.open_now(path);
    app.apply(Command::Select(Selection::Actor("ISR".into())));
    let mut frame = eframe::Frame::_new_kittest();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let at = egui::pos2(640.0, 400.0);
    let mut time = 0.0;
    let mut run = |events: Vec<egui::Event>| {
        time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let (start, cpu) = (Instant::now(), common::thread_cpu());
        let output = ctx.run_ui(input, |ui| eframe::App::ui(&mut app, ui, &mut frame));
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        (start.elapsed(), cpu_since(cpu))
    };
    let wheel_turn = |dy: f32| {
        vec![
            egui::Event::PointerMoved(at),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
        ]
    };
    for _ in 0..3 {
        run(Vec::new());
    }
    for _ in 0..20 {
        run(wheel_turn(-120.0));
    }
    let (wall, cpu): (Vec<Duration>, Vec<Duration>) = (0..600)
        .map(|k| run(wheel_turn(if k % 10 == 9 { 300.0 } else { -120.0 })))
        .unzip();
    report(
        "app frame (egui pass + tessellation, no AccessKit)",
        wall,
        cpu,
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(3));
    targets = startup, graph_frame, big_article
}
criterion_main!(benches);
