//! The correction controls: mark selected text as a mention, point a mention at another actor or
//! remove it, retype or delete a statement. They only propose [`Edit`]s (as commands); the app
//! applies them to the document's history, so every one can be undone.

use crate::edit::Edit;
use crate::extract::Entry;
use crate::extract::Gazetteer;
use crate::model::{Actor, ActorKind, Mention, Origin, RelationType, Span, Statement};
use crate::ui::actor_picker::{actor_picker_ui, missing_actor, Choice, Choices};
use crate::ui::command::Command;
use crate::ui::session::{Selection, Session};
use crate::ui::strings::Strings;
use egui::{RichText, Ui};

/// What the corrections panel looks at.
pub struct Focus<'a> {
    /// The mention last clicked in the text.
    pub mention: Option<&'a Mention>,
    /// The text selected in the article.
    pub text_selection: Option<Span>,
    pub selection: Option<&'a Selection>,
}

/// What the controls remember between frames: the actor chosen for a new mention and the form
/// for a new actor.
#[derive(Default)]
pub struct CorrectionsState {
    pub new_mention_actor: Option<String>,
    choices: Choices,
    remember_spelling: bool,
    new_actor: NewActorForm,
}

#[derive(Default)]
struct NewActorForm {
    open: bool,
    id: String,
    name_en: String,
    kind: Option<ActorKind>,
    affiliation: String,
    save_to_gazetteer: bool,
}

/// What the controls ask for in one frame.
#[derive(Default)]
struct CorrectionsOutput {
    edits: Vec<Edit>,
    /// A new actor to add to the user's gazetteer, so later articles know it.
    save_to_gazetteer: Option<Entry>,
}

pub fn corrections_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    gazetteer: &Gazetteer,
    focus: Focus<'_>,
    state: &mut CorrectionsState,
    commands: &mut Vec<Command>,
) {
    let mut out = CorrectionsOutput::default();
    let CorrectionsState {
        new_mention_actor,
        choices,
        remember_spelling,
        new_actor,
    } = state;
    let choices = choices.refresh(session, gazetteer);
    let mut fields = Fields {
        new_mention_actor,
        remember_spelling,
        new_actor,
    };
    controls_ui(ui, t, session, choices, focus, &mut fields, &mut out);
    // An actor chosen from the gazetteer joins the article before it is used.
    let mut needed: Vec<Edit> = Vec::new();
    for edit in &out.edits {
        for id in actors_used(edit) {
            if let Some(actor) = missing_actor(session, gazetteer, &id) {
                if !needed
                    .iter()
                    .any(|e| matches!(e, Edit::AddActor(a) if a.id == actor.id))
                {
                    needed.push(Edit::AddActor(actor));
                }
            }
        }
    }
    needed.append(&mut out.edits);
    out.edits = needed;
    if !out.edits.is_empty() {
        commands.push(Command::Edits(out.edits));
    }
    if let Some(entry) = out.save_to_gazetteer {
        commands.push(Command::RememberActor(entry));
    }
}

/// The actors an edit points at (those a gazetteer actor may have to be added for).
fn actors_used(edit: &Edit) -> Vec<String> {
    match edit {
        Edit::AddMention { mention, .. } => vec![mention.actor.clone()],
        Edit::ReplaceMention { after, .. } => vec![after.actor.clone()],
        Edit::InsertStatement { statement, .. }
        | Edit::ReplaceStatement {
            after: statement, ..
        } => std::iter::once(statement.speaker.clone())
            .chain(statement.targets.iter().cloned())
            .collect(),
        _ => Vec::new(),
    }
}

/// The parts of [`CorrectionsState`] the controls edit.
struct Fields<'a> {
    new_mention_actor: &'a mut Option<String>,
    remember_spelling: &'a mut bool,
    new_actor: &'a mut NewActorForm,
}

fn controls_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    choices: &[Choice],
    focus: Focus<'_>,
    state: &mut Fields<'_>,
    out: &mut CorrectionsOutput,
) {
    let doc = &session.doc;
    if let Some(span) = focus.text_selection.filter(|s| !s.is_empty()) {
        let chosen = state
            .new_mention_actor
            .get_or_insert_with(|| choices.first().map(|c| c.id.clone()).unwrap_or_default());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t.show(t.selected_text)).strong());
            ui.label(session.excerpt(span, 40));
        });
        let remember = &mut *state.remember_spelling;
        ui.horizontal(|ui| {
            actor_picker_ui(ui, t, "new-mention-actor", chosen, choices);
            if ui.button(t.show(t.mark_as_mention)).clicked() && !chosen.is_empty() {
                out.edits.push(Edit::add_mention(doc, chosen, span));
                if *remember {
                    out.save_to_gazetteer = Some(entry_with_alias(session, chosen, span));
                }
            }
        });
        ui.checkbox(remember, t.show(t.remember_spelling));
        if ui.button(t.show(t.new_statement)).clicked() && !chosen.is_empty() {
            out.edits.push(Edit::InsertStatement {
                statement: Statement {
                    id: crate::edit::new_statement_id(doc),
                    speaker: chosen.clone(),
                    speaker_mention: None,
                    cue: crate::edit::word_before(&doc.text, span),
                    content: span,
                    targets: Vec::new(),
                    kind: RelationType::Statement,
                    quoted: false,
                    origin: Origin::User,
                },
                index: doc
                    .statements
                    .partition_point(|s| s.content.start < span.start),
            });
        }
        let form = &mut *state.new_actor;
        ui.checkbox(&mut form.open, t.show(t.of_new_actor));
        if form.open {
            new_actor_ui(ui, t, session, span, form, choices, out);
        }
        ui.separator();
    }
    if let Some(m) = focus.mention {
        let mut actor = m.actor.clone();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t.show(t.this_mention)).strong());
            ui.label(session.excerpt(m.span(), 40));
        });
        ui.horizontal(|ui| {
            actor_picker_ui(ui, t, "mention-actor", &mut actor, choices);
            if ui.button(t.show(t.remove_mention)).clicked() {
                out.edits.push(Edit::remove_mention(doc, m));
            }
        });
        if actor != m.actor {
            out.edits.push(Edit::set_mention_actor(m, &actor));
        }
        ui.separator();
    }
    if let Some(Selection::Statement(id)) = focus.selection {
        if let Some((i, s)) = session.statement(id) {
            let mut kind = s.kind;
            ui.horizontal(|ui| {
                ui.label(RichText::new(t.show(t.statement_type)).strong());
                egui::ComboBox::from_id_salt("statement-type")
                    .selected_text(t.show((t.relation_name)(kind)))
                    .show_ui(ui, |ui| {
                        for k in RelationType::ALL {
                            ui.selectable_value(&mut kind, k, t.show((t.relation_name)(k)));
                        }
                    });
                if ui.button(t.show(t.delete_statement)).clicked() {
                    out.edits.push(Edit::RemoveStatement {
                        statement: s.clone(),
                        index: i,
                    });
                }
            });
            if kind != s.kind {
                out.edits.push(Edit::set_statement_kind(s, kind));
            }
            let mut speaker = s.speaker.clone();
            ui.horizontal(|ui| {
                ui.label(t.show(t.speaker));
                actor_picker_ui(ui, t, "statement-speaker", &mut speaker, choices);
            });
            let mut targets = s.targets.clone();
            ui.horizontal_wrapped(|ui| {
                ui.label(t.show(t.targets));
                let shown: Vec<&Choice> = choices
                    .iter()
                    .filter(|c| c.in_article || targets.contains(&c.id))
                    .collect();
                for c in shown {
                    let mut on = targets.contains(&c.id);
                    let short = c.name_en.split(" (").next().unwrap_or(&c.name_en);
                    if ui.toggle_value(&mut on, short).changed() {
                        if on {
                            targets.push(c.id.clone());
                        } else {
                            targets.retain(|t| t != &c.id);
                        }
                    }
                }
                // Any other actor, from the gazetteer.
                let mut extra = String::new();
                if actor_picker_ui(ui, t, "statement-target", &mut extra, choices)
                    && !targets.contains(&extra)
                {
                    targets.push(extra);
                }
            });
            let mut content = s.content;
            if let Some(span) = focus.text_selection.filter(|x| !x.is_empty()) {
                if ui.button(t.show(t.set_content)).clicked() {
                    content = span;
                }
            }
            if speaker != s.speaker || targets != s.targets || content != s.content {
                out.edits.push(Edit::ReplaceStatement {
                    before: s.clone(),
                    after: Statement {
                        speaker_mention: if speaker == s.speaker {
                            s.speaker_mention.clone()
                        } else {
                            None
                        },
                        speaker,
                        targets,
                        content,
                        origin: Origin::User,
                        ..s.clone()
                    },
                });
            }
            ui.separator();
        }
    }
}

/// The form for an actor no list knows: id, English name, kind, affiliation; the Arabic name is
/// the selected text.
fn new_actor_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    span: Span,
    form: &mut NewActorForm,
    choices: &[Choice],
    out: &mut CorrectionsOutput,
) {
    let name_ar = session.slice(span).to_string();
    egui::Grid::new("new-actor").num_columns(2).show(ui, |ui| {
        let label = ui.label(t.show(t.actor_id));
        ui.add(egui::TextEdit::singleline(&mut form.id).hint_text(t.show(t.actor_id_hint)))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(t.show(t.english_name));
        ui.text_edit_singleline(&mut form.name_en)
            .labelled_by(label.id);
        ui.end_row();
        ui.label(t.show(t.kind));
        let kind = form.kind.get_or_insert(ActorKind::Person);
        egui::ComboBox::from_id_salt("new-actor-kind")
            .selected_text(t.show((t.kind_name)(*kind)))
            .show_ui(ui, |ui| {
                for k in [
                    ActorKind::Person,
                    ActorKind::State,
                    ActorKind::Igo,
                    ActorKind::ArmedGroup,
                    ActorKind::Party,
                    ActorKind::Media,
                    ActorKind::Other,
                ] {
                    ui.selectable_value(kind, k, t.show((t.kind_name)(k)));
                }
            });
        ui.end_row();
        ui.label(t.show(t.part_of));
        actor_picker_ui(
            ui,
            t,
            "new-actor-affiliation",
            &mut form.affiliation,
            choices,
        );
        ui.end_row();
    });
    ui.checkbox(&mut form.save_to_gazetteer, t.show(t.remember_in_gazetteer));
    let id = form.id.trim().to_uppercase();
    let taken = session.doc.actor(&id).is_some();
    if taken {
        ui.label(RichText::new(t.show(t.id_taken)).weak());
    }
    let ready = !id.is_empty() && !taken && !form.name_en.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(t.show(t.add_actor_and_mark)))
        .clicked()
    {
        let kind = form.kind.unwrap_or(ActorKind::Person);
        let affiliation = (!form.affiliation.is_empty()).then(|| form.affiliation.clone());
        let actor = Actor {
            id: id.clone(),
            name_en: form.name_en.trim().to_string(),
            name_ar: name_ar.clone(),
            kind,
            affiliation: affiliation.clone(),
            aliases: vec![name_ar.clone()],
        };
        if form.save_to_gazetteer {
            out.save_to_gazetteer = Some(Entry {
                id: id.clone(),
                name_en: actor.name_en.clone(),
                name_ar: name_ar.clone(),
                kind,
                affiliation,
                cameo: None,
                aliases: vec![name_ar],
                nisba: Vec::new(),
                capitals: Vec::new(),
                after_first: Vec::new(),
            });
        }
        out.edits.push(Edit::AddActor(actor));
        out.edits.push(Edit::add_mention(&session.doc, &id, span));
        *form = NewActorForm::default();
    }
}

/// The gazetteer entry of `actor` (the user's own, the bundled one, or one made from the
/// article's actor) with the selected text added as an alias.
fn entry_with_alias(session: &Session, actor: &str, span: Span) -> Entry {
    let alias = session.slice(span).to_string();
    let user = crate::extract::gazetteer::user_gazetteer_path()
        .and_then(|p| std::fs::read_to_string(&p).ok().map(|json| (p, json)))
        .and_then(|(p, json)| crate::extract::Gazetteer::from_json(&json, &p).ok())
        .and_then(|g| g.get(actor).cloned());
    let mut entry = user
        .or_else(|| crate::extract::Gazetteer::builtin().get(actor).cloned())
        .unwrap_or_else(|| {
            let a = session.doc.actor(actor);
            Entry {
                id: actor.to_string(),
                name_en: a.map(|a| a.name_en.clone()).unwrap_or_default(),
                name_ar: a.map(|a| a.name_ar.clone()).unwrap_or_default(),
                kind: a.map_or(ActorKind::Other, |a| a.kind),
                affiliation: a.and_then(|a| a.affiliation.clone()),
                cameo: None,
                aliases: Vec::new(),
                nisba: Vec::new(),
                capitals: Vec::new(),
                after_first: Vec::new(),
            }
        });
    if !entry.aliases.contains(&alias) {
        entry.aliases.push(alias);
    }
    entry
}
