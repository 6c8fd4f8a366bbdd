//! The bars around the article: the save warning, the notice, the path field, the find bar and
//! the status line, and the question asked when corrections cannot be saved.
//! They read the state and push [`Command`]s; only the text they edit is changed in place.

use crate::autosave::SaveFailure;
use crate::ui::bidi_label::BidiLabel;
use crate::ui::command::Command;
use crate::ui::find::Find;
use crate::ui::palette;
use crate::ui::session::Session;
use crate::ui::strings::Strings;
use crate::ui::view_state::Notice;
use egui::{Color32, Key, RichText, Ui};
use std::path::PathBuf;
use std::time::Instant;

pub fn notice_ui(ui: &mut Ui, t: &Strings, notice: &Notice, out: &mut Vec<Command>) {
    let colour = if notice.error {
        Color32::from_rgb(200, 50, 50)
    } else {
        Color32::from_rgb(40, 110, 200)
    };
    egui::Frame::new()
        .fill(palette::tint(colour, 40))
        .stroke(egui::Stroke::new(1.0, colour))
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let strong = ui.visuals().strong_text_color();
                let text = notice.text(t);
                // A long notice wraps; in a right-to-left interface only our own label can.
                if t.rtl {
                    let width = (ui.available_width() - 80.0).max(120.0);
                    ui.add(BidiLabel::new(&text).color(strong).wrap_width(width));
                } else {
                    ui.label(RichText::new(text).color(strong));
                }
                if ui.button(t.show(t.dismiss)).clicked() {
                    out.push(Command::DismissNotice);
                }
            });
        });
}

/// A warning that stays while the corrections cannot be saved: why, how often it was tried and
/// when it is tried again, with Save As to put them elsewhere.
pub fn save_warning_ui(
    ui: &mut Ui,
    t: &Strings,
    failure: &SaveFailure,
    now: Instant,
    out: &mut Vec<Command>,
) {
    let colour = Color32::from_rgb(200, 50, 50);
    let wait = failure.retry_at.saturating_duration_since(now);
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let status = (t.save_failing)(failure.attempts, secs);
    egui::Frame::new()
        .fill(palette::tint(colour, 60))
        .stroke(egui::Stroke::new(2.0, colour))
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let strong = ui.visuals().strong_text_color();
                let width = (ui.available_width() - 40.0).max(160.0);
                ui.add(
                    BidiLabel::new(&(t.save_failure)(failure))
                        .color(strong)
                        .wrap_width(width),
                );
                ui.end_row();
                ui.add(BidiLabel::new(&status).color(strong));
                if ui.button(t.show(t.save_as)).clicked() {
                    out.push(Command::SaveAs);
                }
                if ui.button(t.show(t.retry_now)).clicked() {
                    out.push(Command::Save);
                }
            });
        });
}

/// Asked on quit, or before another article replaces this one, when the corrections cannot be
/// saved: Save As…, Discard or Cancel.
pub fn unsaved_question_ui(
    ctx: &egui::Context,
    t: &Strings,
    reason: Option<&str>,
    out: &mut Vec<Command>,
) {
    let modal = egui::Modal::new(egui::Id::unique("unsaved corrections")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        let align = if t.rtl {
            egui::Align::Max
        } else {
            egui::Align::Min
        };
        ui.with_layout(egui::Layout::top_down(align), |ui| {
            ui.heading(t.show(t.unsaved));
            ui.add(BidiLabel::new(t.unsaved_question).wrap_width(440.0));
            if let Some(reason) = reason {
                ui.add(
                    BidiLabel::new(reason)
                        .wrap_width(440.0)
                        .color(ui.visuals().weak_text_color()),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(t.show(t.save_as)).clicked() {
                    out.push(Command::SaveAs);
                }
                if ui.button(t.show(t.discard)).clicked() {
                    out.push(Command::DiscardUnsaved);
                }
                if ui.button(t.show(t.cancel)).clicked() {
                    out.push(Command::KeepUnsaved);
                }
            });
        });
    });
    if modal.should_close() {
        out.push(Command::KeepUnsaved);
    }
}

/// The field where a path can be typed (when no file dialog can be shown, or by choice): the
/// article to open, or where to save the corrections (`saves`).
pub fn path_field_ui(
    ui: &mut Ui,
    t: &Strings,
    field: &mut String,
    saves: bool,
    focus: &mut bool,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(t.show(t.path_label));
        let hint = if saves { t.save_as_hint } else { t.path_hint };
        let edit = ui
            .add(
                egui::TextEdit::singleline(field)
                    .hint_text(t.show(hint))
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
        if std::mem::take(focus) {
            edit.request_focus();
        }
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let button = if saves { t.save } else { t.open_button };
        if (ui.button(t.show(button)).clicked() || entered) && !field.trim().is_empty() {
            let path = PathBuf::from(field.trim());
            out.push(if saves {
                Command::SaveTo(path)
            } else {
                Command::OpenFile(path)
            });
        }
        if ui.button(t.show(t.cancel)).clicked() {
            out.push(Command::ClosePathField);
        }
    });
}

pub fn find_bar_ui(ui: &mut Ui, t: &Strings, find: &mut Find, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label(t.show(t.find_label));
        let mut query = find.query.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(t.show(t.find_hint))
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut find.focus) {
            edit.request_focus();
        }
        if edit.changed() {
            out.push(Command::FindQuery(query));
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(if back {
                Command::FindPrevious
            } else {
                Command::FindNext
            });
            edit.request_focus();
        }
        if ui.button(t.show(t.previous)).clicked() {
            out.push(Command::FindPrevious);
        }
        if ui.button(t.show(t.next)).clicked() {
            out.push(Command::FindNext);
        }
        if find.searching() {
            ui.spinner();
            ui.label(RichText::new(t.show(t.finding)).weak());
        } else {
            let n = find.hits().len();
            let at = find.current().map_or(0, |c| c + 1);
            ui.label(format!("{at}/{n}"));
        }
        if ui.button(t.show(t.close)).clicked() {
            out.push(Command::CloseFind);
        }
    });
}

pub fn status_ui(ui: &mut Ui, t: &Strings, session: Option<&Session>) {
    ui.horizontal(|ui| match session {
        Some(s) => {
            let d = &s.doc;
            ui.label(
                s.path
                    .file_name()
                    .map_or(d.source.path.clone(), |f| f.to_string_lossy().into_owned()),
            );
            ui.separator();
            ui.label(t.show(&(t.source_kind)(&d.source.encoding, &d.source.format)));
            ui.separator();
            ui.label(t.show(&(t.counts)(
                s.graph.nodes.len(),
                d.mentions.len(),
                d.statements.len(),
                d.relations.len(),
            )));
            ui.separator();
            ui.label(t.show(&(t.extracted_in)(s.extraction_ms)));
            if s.autosave.failure().is_some() {
                ui.separator();
                ui.label(RichText::new(t.show(t.not_saved)).color(Color32::from_rgb(200, 50, 50)));
            } else if s.autosave.has_unsaved() {
                ui.separator();
                ui.label(RichText::new(t.show(t.unsaved)).weak());
            } else if s.last_saved().is_some() {
                ui.separator();
                ui.label(RichText::new(t.show(t.saved)).color(palette::SAVED));
            }
        }
        None => {
            ui.label(t.show(t.no_article));
        }
    });
}
