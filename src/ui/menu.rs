//! The menu bar. Every item is a [`Command`], shown with its label and shortcut.

use crate::export::ExportFormat;
use crate::ui::command::Command;
use crate::ui::prefs::Preferences;
use crate::ui::session::Session;
use crate::ui::strings::{Language, Strings};
use crate::ui::window::Shown;
use egui::Ui;

/// What the menus show.
pub struct MenuContext<'a> {
    pub t: &'static Strings,
    pub prefs: &'a Preferences,
    pub reading: bool,
    pub arabic_graph_labels: bool,
    pub session: Option<&'a Session>,
    /// Which side panels show.
    pub panels: Shown,
    /// What is running in the background ("Opening …"), shown beside the menus.
    pub busy: Option<String>,
    /// A corpus is open, and whether the article came from it (Back returns there).
    pub corpus: bool,
    pub back: bool,
}

pub fn menu_bar_ui(ui: &mut Ui, cx: &MenuContext<'_>, commands: &mut Vec<Command>) {
    let t = cx.t;
    // A right-to-left interface starts its menus at the right.
    let direction = if t.rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.with_layout(direction, |ui| {
            menu(ui, t, t.show(t.file_menu), |ui| {
                item(ui, t, Command::OpenDialog, true, commands);
                item(ui, t, Command::OpenPathField, true, commands);
                item(ui, t, Command::OpenFolderDialog, true, commands);
                menu(ui, t, t.show(t.open_recent), |ui| {
                    if cx.prefs.recent.is_empty() {
                        ui.label(egui::RichText::new(t.show(t.nothing_yet)).weak());
                    }
                    for path in &cx.prefs.recent {
                        item(ui, t, Command::OpenFile(path.clone()), true, commands);
                    }
                });
                let open = cx.session.is_some();
                ui.separator();
                item(ui, t, Command::Save, open, commands);
                item(ui, t, Command::SaveAs, open, commands);
                ui.add_enabled_ui(open, |ui| {
                    menu(ui, t, t.show(t.export), |ui| {
                        for format in ExportFormat::ALL {
                            item(ui, t, Command::Export(format), true, commands);
                        }
                    });
                });
                item(ui, t, Command::Reextract, open, commands);
                item(ui, t, Command::OpenSample, true, commands);
                ui.separator();
                item(ui, t, Command::Quit, true, commands);
            });
            menu(ui, t, t.show(t.edit_menu), |ui| {
                let undo = cx.session.and_then(Session::next_undo);
                let redo = cx.session.and_then(Session::next_redo);
                let undo_label = undo.map_or(t.undo.to_string(), |e| (t.undo_what)(t.describe(e)));
                let redo_label = redo.map_or(t.redo.to_string(), |e| (t.redo_what)(t.describe(e)));
                labelled_item(ui, t, undo_label, Command::Undo, undo.is_some(), commands);
                labelled_item(ui, t, redo_label, Command::Redo, redo.is_some(), commands);
                ui.separator();
                item(ui, t, Command::OpenFind, cx.session.is_some(), commands);
            });
            menu(ui, t, t.show(t.view_menu), |ui| {
                toggle(ui, t, Command::ToggleDark, cx.prefs.dark, commands);
                toggle(ui, t, Command::ToggleReading, cx.reading, commands);
                toggle(ui, t, Command::ToggleLegend, cx.panels.legend, commands);
                toggle(ui, t, Command::ToggleSidePanel, cx.panels.side, commands);
                toggle(
                    ui,
                    t,
                    Command::ToggleGraphLabels,
                    cx.arabic_graph_labels,
                    commands,
                );
                ui.separator();
                item(ui, t, Command::GoToStart, cx.session.is_some(), commands);
                item(ui, t, Command::GoToEnd, cx.session.is_some(), commands);
                item(ui, t, Command::ResetGraph, cx.session.is_some(), commands);
                ui.separator();
                menu(ui, t, t.show(t.language_menu), |ui| {
                    for language in Language::ALL {
                        let chosen = cx.prefs.language == language;
                        if ui.radio(chosen, language.native_name()).clicked() && !chosen {
                            commands.push(Command::SetLanguage(language));
                            ui.close();
                        }
                    }
                });
            });
            if cx.back {
                let back = ui.button(t.show(&format!("< {}", t.corpus.back)));
                if back.on_hover_text(t.show(t.corpus.back_hint)).clicked() {
                    commands.push(Command::Back);
                }
            } else if cx.corpus && ui.button(t.show(t.corpus.show_corpus)).clicked() {
                commands.push(Command::ShowCorpus);
            }
            if let Some(busy) = &cx.busy {
                ui.spinner();
                ui.label(busy);
            }
            if cx.session.is_some() && !cx.reading {
                ui.separator();
                panel_button(ui, t, Command::ToggleLegend, cx.panels.legend, commands);
                panel_button(ui, t, Command::ToggleSidePanel, cx.panels.side, commands);
            }
        })
    });
}

/// A menu whose items read from the right in a right-to-left interface.
fn menu(ui: &mut Ui, t: &Strings, title: String, add: impl FnOnce(&mut Ui)) {
    ui.menu_button(title, |ui| {
        if t.rtl {
            ui.with_layout(egui::Layout::top_down_justified(egui::Align::Max), add);
        } else {
            add(ui);
        }
    });
}

/// A button in the menu bar that shows or hides a side panel, lit while the panel shows.
fn panel_button(ui: &mut Ui, t: &Strings, command: Command, on: bool, out: &mut Vec<Command>) {
    let response = ui.selectable_label(on, t.show(&command.label(t)));
    let keys = command.shortcut_text(ui.ctx()).unwrap_or_default();
    if response.on_hover_text(keys).clicked() {
        out.push(command);
    }
}

/// A menu item running `command`, labelled by it.
fn item(ui: &mut Ui, t: &Strings, command: Command, enabled: bool, out: &mut Vec<Command>) {
    let label = command.label(t);
    labelled_item(ui, t, label, command, enabled, out);
}

fn labelled_item(
    ui: &mut Ui,
    t: &Strings,
    label: String,
    command: Command,
    enabled: bool,
    out: &mut Vec<Command>,
) {
    let label = t.show(&label);
    let keys = command.shortcut_text(ui.ctx());
    let button = match keys {
        // Right to left: the label at the right, the shortcut at the left.
        Some(keys) if t.rtl => {
            egui::Button::new((egui::RichText::new(keys).weak(), egui::Atom::grow(), label))
        }
        Some(keys) => egui::Button::new(label).shortcut_text(keys),
        None => egui::Button::new(label),
    };
    if ui.add_enabled(enabled, button).clicked() {
        out.push(command);
        ui.close();
    }
}

/// A checkbox item for a toggle command.
fn toggle(ui: &mut Ui, t: &Strings, command: Command, on: bool, out: &mut Vec<Command>) {
    let mut shown = on;
    let response = ui.checkbox(&mut shown, t.show(&command.label(t)));
    let response = match command.shortcut_text(ui.ctx()) {
        Some(keys) => response.on_hover_text(keys),
        None => response,
    };
    if response.changed() {
        out.push(command);
    }
}
