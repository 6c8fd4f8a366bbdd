//! The legend: actors with their colours and mention counts, and relation types, each with a
//! toggle; clicking an actor's name selects it.

use crate::model::RelationType;
use crate::ui::bidi_label::BidiLabel;
use crate::ui::graph::swatch;
use crate::ui::palette;
use crate::ui::session::{Selection, Session};
use egui::{RichText, Role, Ui, WidgetInfo};
use std::collections::HashSet;

pub enum LegendAction {
    Select(Selection),
    ToggleActor(String),
    ToggleType(RelationType),
}

pub fn legend_ui(
    ui: &mut Ui,
    session: &Session,
    selection: Option<&Selection>,
    hidden_actors: &HashSet<String>,
    hidden_types: &HashSet<RelationType>,
) -> Vec<LegendAction> {
    let mut actions = Vec::new();
    let selected = match selection {
        Some(Selection::Actor(a)) => Some(session.doc.top_level(a)),
        _ => None,
    };
    ui.label(RichText::new("Actors").strong());
    for node in &session.graph.nodes {
        let actor = &node.actor;
        ui.horizontal(|ui| {
            let mut shown = !hidden_actors.contains(actor);
            let name = session.name_en(actor);
            let toggle = ui.checkbox(&mut shown, "");
            let label = format!("Show {name}");
            toggle.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, shown, &label));
            if toggle.on_hover_text(&label).changed() {
                actions.push(LegendAction::ToggleActor(actor.clone()));
            }
            swatch(ui, session.colour(actor));
            let short = name.split(" (").next().unwrap_or(&name).to_string();
            let response = ui.selectable_label(selected.as_deref() == Some(actor.as_str()), short);
            if response.on_hover_text(&name).clicked() {
                actions.push(LegendAction::Select(Selection::Actor(actor.clone())));
            }
            ui.label(RichText::new(node.mentions.to_string()).weak());
            ui.add(BidiLabel::new(&session.name_ar(actor)).size(13.0));
        });
    }
    ui.separator();
    ui.label(RichText::new("Relations").strong());
    for kind in session.relation_types() {
        ui.horizontal(|ui| {
            let mut shown = !hidden_types.contains(&kind);
            if ui.checkbox(&mut shown, kind.as_str()).changed() {
                actions.push(LegendAction::ToggleType(kind));
            }
            swatch(ui, palette::relation_colour(kind));
        });
    }
    actions
}
