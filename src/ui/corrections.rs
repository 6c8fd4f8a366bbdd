//! The correction controls: mark selected text as a mention, point a mention at another actor or
//! remove it, retype or delete a statement. They only propose [`Edit`]s; the app applies them to
//! the document's history, so every one can be undone.

use crate::edit::Edit;
use crate::model::{Mention, RelationType, Span};
use crate::ui::session::{Selection, Session};
use egui::{RichText, Ui};

/// What the corrections panel looks at.
pub struct Focus<'a> {
    /// The mention last clicked in the text.
    pub mention: Option<&'a Mention>,
    /// The text selected in the article.
    pub text_selection: Option<Span>,
    pub selection: Option<&'a Selection>,
}

/// Remembers the actor chosen in the "mark as mention" list between frames.
#[derive(Default)]
pub struct CorrectionsState {
    pub new_mention_actor: Option<String>,
}

pub fn corrections_ui(
    ui: &mut Ui,
    session: &Session,
    focus: Focus<'_>,
    state: &mut CorrectionsState,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let doc = &session.doc;
    let actors: Vec<(String, String)> = session
        .graph
        .nodes
        .iter()
        .map(|n| n.actor.clone())
        .chain(doc.actors.iter().map(|a| a.id.clone()))
        .fold(Vec::new(), |mut v, id| {
            if !v.iter().any(|(x, _)| x == &id) {
                let name = session.name_en(&id);
                v.push((id, name));
            }
            v
        });
    if let Some(span) = focus.text_selection.filter(|s| !s.is_empty()) {
        let chosen = state
            .new_mention_actor
            .get_or_insert_with(|| actors.first().map(|(id, _)| id.clone()).unwrap_or_default());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Selected text:").strong());
            ui.label(session.excerpt(span, 40));
        });
        ui.horizontal(|ui| {
            actor_choice(ui, "new-mention-actor", chosen, &actors);
            if ui.button("Mark as mention").clicked() && !chosen.is_empty() {
                edits.push(Edit::add_mention(doc, chosen, span));
            }
        });
        ui.separator();
    }
    if let Some(m) = focus.mention {
        let mut actor = m.actor.clone();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("This mention:").strong());
            ui.label(session.excerpt(m.span(), 40));
        });
        ui.horizontal(|ui| {
            actor_choice(ui, "mention-actor", &mut actor, &actors);
            if ui.button("Remove mention").clicked() {
                edits.push(Edit::remove_mention(doc, m));
            }
        });
        if actor != m.actor {
            edits.push(Edit::set_mention_actor(m, &actor));
        }
        ui.separator();
    }
    if let Some(Selection::Statement(i)) = focus.selection {
        if let Some(s) = doc.statements.get(*i) {
            let mut kind = s.kind;
            ui.horizontal(|ui| {
                ui.label(RichText::new("Statement type:").strong());
                egui::ComboBox::from_id_salt("statement-type")
                    .selected_text(kind.as_str())
                    .show_ui(ui, |ui| {
                        for k in RelationType::ALL {
                            ui.selectable_value(&mut kind, k, k.as_str());
                        }
                    });
                if ui.button("Delete statement").clicked() {
                    edits.push(Edit::RemoveStatement {
                        statement: s.clone(),
                        index: *i,
                    });
                }
            });
            if kind != s.kind {
                edits.push(Edit::set_statement_kind(s, kind));
            }
            ui.separator();
        }
    }
    edits
}

fn actor_choice(ui: &mut Ui, id: &str, chosen: &mut String, actors: &[(String, String)]) {
    let shown = actors
        .iter()
        .find(|(a, _)| a == chosen)
        .map_or(chosen.as_str(), |(_, name)| name.as_str())
        .to_string();
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(180.0)
        .show_ui(ui, |ui| {
            for (actor, name) in actors {
                ui.selectable_value(chosen, actor.clone(), name);
            }
        });
}
