//! The legend: actors with their colours and mention counts, and relation types, each with a
//! toggle; clicking an actor's name selects it.

use crate::ui::bidi_label::BidiLabel;
use crate::ui::command::Command;
use crate::ui::graph::swatch;
use crate::ui::palette;
use crate::ui::session::{Selection, Session};
use crate::ui::strings::Strings;
use crate::ui::view_state::ViewState;
use egui::{RichText, Role, Ui, WidgetInfo};

pub fn legend_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    view: &ViewState,
    out: &mut Vec<Command>,
) {
    let selected = match &view.selection {
        Some(Selection::Actor(a)) => Some(session.top_level(a)),
        _ => None,
    };
    ui.label(RichText::new(t.show(t.actors)).strong());
    for node in &session.graph.nodes {
        let actor = &node.actor;
        ui.horizontal(|ui| {
            let mut shown = !view.hidden_actors.contains(actor);
            let name = session.name(actor, t.rtl);
            let toggle = ui.checkbox(&mut shown, "");
            let label = (t.show_actor)(&session.name_en(actor));
            toggle.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, shown, &label));
            if toggle.on_hover_text(&label).changed() {
                out.push(Command::ToggleActor(actor.clone()));
            }
            swatch(ui, session.colour(actor));
            let short = name.split(" (").next().unwrap_or(&name).to_string();
            let chosen = selected.as_deref() == Some(actor.as_str());
            let response = ui.selectable_label(chosen, t.show(&short));
            if response.on_hover_text(t.show(&name)).clicked() {
                out.push(Command::Select(Selection::Actor(actor.clone())));
            }
            ui.label(RichText::new(node.mentions.to_string()).weak());
            let other = session.other_name(actor, t.rtl);
            ui.add(BidiLabel::new(other.split(" (").next().unwrap_or(&other)).size(13.0));
        });
    }
    ui.separator();
    ui.label(RichText::new(t.show(t.relations)).strong());
    for kind in session.relation_types() {
        ui.horizontal(|ui| {
            // The box, then its name: in a right-to-left window the row (and so the box) starts
            // at the right.
            let mut shown = !view.hidden_types.contains(&kind);
            let toggle = ui.checkbox(&mut shown, "");
            let label = (t.show_type)((t.relation_name)(kind));
            toggle.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, shown, &label));
            if toggle.changed() {
                out.push(Command::ToggleType(kind));
            }
            ui.label(t.show((t.relation_name)(kind)));
            swatch(ui, palette::relation_colour(kind));
        });
    }
}
