//! A minimal window showing an article in the `ArticleView`, with a few names highlighted.
//!
//! usage: article_view [FILE] [--dark] [--plain] [--font-size PT] [--size WxH] [--quit-after-first-frame]
//! (`--plain` shows no annotations, to measure the text rendering alone)
//! (FILE defaults to assets/samples/israel-iraq-unsc-2024-11-19.txt)

use eframe::egui;
use marsad::text_layout::LayoutStyle;
use marsad::ui::bidi_label::{install_fonts, BidiLabel};
use marsad::ui::text_view::{Annotation, AnnotationKind, ArticleView, ArticleViewState, ViewEvent};

const DEFAULT_FILE: &str = "assets/samples/israel-iraq-unsc-2024-11-19.txt";

struct Args {
    file: String,
    dark: bool,
    plain: bool,
    font_size: f32,
    size: [f32; 2],
    quit_after_first_frame: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        file: DEFAULT_FILE.to_owned(),
        dark: false,
        plain: false,
        font_size: 22.0,
        size: [1280.0, 800.0],
        quit_after_first_frame: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dark" => args.dark = true,
            "--plain" => args.plain = true,
            "--quit-after-first-frame" => args.quit_after_first_frame = true,
            "--font-size" => {
                let v = it.next().ok_or("--font-size needs a value")?;
                args.font_size = v.parse().map_err(|_| format!("bad font size {v:?}"))?;
            }
            "--size" => {
                let v = it.next().ok_or("--size needs WxH")?;
                let (w, h) = v.split_once('x').ok_or(format!("bad size {v:?}"))?;
                let w: f32 = w.parse().map_err(|_| format!("bad size {v:?}"))?;
                let h: f32 = h.parse().map_err(|_| format!("bad size {v:?}"))?;
                args.size = [w, h];
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => args.file = other.to_owned(),
        }
    }
    Ok(args)
}

/// Every occurrence of each name, as char ranges (the annotation model's unit).
fn find_all(
    text: &str,
    needles: &[(&str, AnnotationKind, egui::Color32, &str)],
) -> Vec<Annotation> {
    let mut out = Vec::new();
    for (n, (needle, kind, color, tip)) in needles.iter().enumerate() {
        for (k, (byte, _)) in text.match_indices(needle).enumerate() {
            let start = text[..byte].chars().count();
            out.push(Annotation {
                range: start..start + needle.chars().count(),
                id: format!("{n}-{k}"),
                kind: *kind,
                color: *color,
                tooltip: Some((*tip).to_owned()),
            });
        }
    }
    out
}

struct DemoApp {
    state: ArticleViewState,
    annotations: Vec<Annotation>,
    last_event: String,
    quit_after_first_frame: bool,
}

impl eframe::App for DemoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.last_event.is_empty() {
            egui::Panel::top("status").show(ui, |ui| {
                ui.add(BidiLabel::new(&self.last_event));
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let out = ArticleView::new(&self.annotations).show(ui, &mut self.state);
            for event in out.events {
                self.last_event = match event {
                    ViewEvent::Clicked { offset, annotation } => {
                        format!("نقرة عند الحرف {offset}، التعليق: {annotation:?}")
                    }
                    ViewEvent::Copied(text) => format!("نُسخ: {text}"),
                };
            }
        });
        if self.quit_after_first_frame {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let text = std::fs::read_to_string(&args.file)?;
    let israel = egui::Color32::from_rgb(30, 110, 220);
    let iraq = egui::Color32::from_rgb(20, 150, 70);
    let iran = egui::Color32::from_rgb(200, 120, 0);
    let names = [
        ("إسرائيل", AnnotationKind::Mention, israel, "إسرائيل (دولة)"),
        ("العراق", AnnotationKind::Mention, iraq, "العراق (دولة)"),
        ("لإيران", AnnotationKind::Mention, iran, "إيران (دولة)"),
        (
            "ساعر",
            AnnotationKind::Speaker,
            israel,
            "جدعون ساعر، وزير الخارجية الإسرائيلي",
        ),
        (
            "وقال",
            AnnotationKind::Cue,
            egui::Color32::from_rgb(180, 40, 160),
            "فعل القول",
        ),
        (
            "وأضاف",
            AnnotationKind::Cue,
            egui::Color32::from_rgb(180, 40, 160),
            "فعل القول",
        ),
        (
            "مجلس الأمن",
            AnnotationKind::StatementContent,
            egui::Color32::from_rgb(200, 40, 40),
            "مجلس الأمن الدولي",
        ),
    ];
    let annotations = if args.plain {
        Vec::new()
    } else {
        find_all(&text, &names)
    };
    let style = LayoutStyle {
        font_size: args.font_size,
        ..LayoutStyle::default()
    };
    let app = DemoApp {
        state: ArticleViewState::with_style(&text, style),
        annotations,
        last_event: String::new(),
        quit_after_first_frame: args.quit_after_first_frame,
    };
    let dark = args.dark;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(args.size)
            .with_title("Marsad – article view"),
        ..Default::default()
    };
    eframe::run_native(
        "marsad-article-view",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            cc.egui_ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            // Let the view take Ctrl +/-/0 as text zoom instead of egui's whole-UI zoom.
            cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
            Ok(Box::new(app))
        }),
    )?;
    Ok(())
}
