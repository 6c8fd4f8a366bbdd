//! The inspector: details of what is selected. For an actor: names, kind, affiliation, people,
//! mentions with previous/next, every relation the graph draws for it, statements it made and
//! statements aimed at it. For a statement or a relation: who, what, to whom, and the evidence,
//! each clickable back to the text.

use crate::graph::describe_edge;
use crate::model::{RelationType, Span};
use crate::ui::bidi_label::BidiLabel;
use crate::ui::graph::swatch;
use crate::ui::palette;
use crate::ui::session::{Selection, Session};
use egui::{Color32, RichText, Role, Sense, Ui, WidgetInfo};

/// What the user asked for in the inspector.
pub enum InspectorAction {
    Select(Selection),
    /// Scroll the text to a span and flash it.
    Reveal(Span),
    /// Go to the previous (-1) or next (+1) mention of the selected actor.
    StepMention(i32),
}

pub fn inspector_ui(
    ui: &mut Ui,
    session: &Session,
    selection: Option<&Selection>,
    mention_cursor: Option<(usize, usize)>,
) -> Vec<InspectorAction> {
    let mut actions = Vec::new();
    match selection {
        None => {
            ui.label(
                RichText::new("Click an actor, a statement or an edge to see its evidence.").weak(),
            );
        }
        Some(Selection::Actor(actor)) => {
            actor_ui(ui, session, actor, mention_cursor, &mut actions);
        }
        Some(Selection::Statement(i)) => {
            if let Some(s) = session.doc.statements.get(*i) {
                ui.heading("Statement");
                statement_row(ui, session, *i, &mut actions);
                ui.separator();
                ui.label("Said to or about:");
                for t in &s.targets {
                    actor_link(ui, session, t, &mut actions);
                }
                if s.targets.is_empty() {
                    ui.label(RichText::new("nobody in particular").weak());
                }
            }
        }
        Some(Selection::Relation(r)) => relation_ui(ui, session, *r, &mut actions),
    }
    actions
}

fn actor_ui(
    ui: &mut Ui,
    session: &Session,
    actor: &str,
    mention_cursor: Option<(usize, usize)>,
    actions: &mut Vec<InspectorAction>,
) {
    let Some(a) = session.doc.actor(actor) else {
        return;
    };
    ui.horizontal(|ui| {
        swatch(ui, session.colour(actor));
        ui.heading(session.name_en(actor));
    });
    ui.add(BidiLabel::new(&a.name_ar).size(18.0).bold(true));
    ui.label(format!("{} · {}", kind_name(a.kind), a.id));
    if let Some(up) = &a.affiliation {
        ui.horizontal(|ui| {
            ui.label("Part of");
            actor_link(ui, session, up, actions);
        });
    }
    let people = session.people_of(actor);
    if !people.is_empty() {
        ui.label(RichText::new("People in this article").strong());
        for p in &people {
            actor_link(ui, session, p, actions);
        }
    }
    let mentions = session.mentions_of(actor);
    ui.horizontal(|ui| {
        ui.label(format!("{} mentions", mentions.len()));
        if !mentions.is_empty() {
            if ui.button("Previous").clicked() {
                actions.push(InspectorAction::StepMention(-1));
            }
            if ui.button("Next").clicked() {
                actions.push(InspectorAction::StepMention(1));
            }
            if let Some((at, of)) = mention_cursor {
                ui.label(RichText::new(format!("{}/{}", at + 1, of)).weak());
            }
        }
    });
    relations_of_actor(ui, session, actor, actions);
    ui.separator();
    let by = session.statements_by(actor);
    ui.label(RichText::new(format!("Statements made ({})", by.len())).strong());
    for i in by {
        statement_row(ui, session, i, actions);
    }
    ui.separator();
    let about = session.statements_about(actor);
    ui.label(RichText::new(format!("Statements aimed at it ({})", about.len())).strong());
    for i in about {
        statement_row(ui, session, i, actions);
    }
}

/// Every edge the graph draws from or to the actor (its people included), each type a button
/// that selects the relation and shows its evidence.
fn relations_of_actor(
    ui: &mut Ui,
    session: &Session,
    actor: &str,
    actions: &mut Vec<InspectorAction>,
) {
    let graph = &session.graph;
    let Some(node) = graph.node_of(&session.doc.top_level(actor)) else {
        return;
    };
    let edges: Vec<_> = graph.edges_of(node).collect();
    ui.separator();
    ui.label(RichText::new(format!("Relations in the graph ({})", edges.len())).strong());
    for (i, e) in edges {
        let (arrow, other) = if e.source == node {
            ("to", e.target)
        } else {
            ("from", e.source)
        };
        ui.push_id(("relation-of-actor", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(arrow).weak());
                actor_link(ui, session, &graph.nodes[other].actor, actions);
                for t in &e.types {
                    let text = format!("{} ×{}", t.kind.as_str(), t.weight);
                    let response = type_button(ui, t.kind, &text);
                    let label = format!(
                        "Relation {}",
                        describe_edge(&session.doc, graph, i, std::slice::from_ref(t))
                    );
                    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                    if response.on_hover_text("Show the evidence").clicked() {
                        actions.push(InspectorAction::Select(Selection::Relation(t.relation)));
                    }
                }
            });
        });
    }
}

/// A relation type as a coloured button.
fn type_button(ui: &mut Ui, kind: RelationType, text: &str) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(text).color(Color32::WHITE).small())
            .fill(palette::relation_colour(kind))
            .corner_radius(3.0),
    )
}

fn relation_ui(ui: &mut Ui, session: &Session, r: usize, actions: &mut Vec<InspectorAction>) {
    let Some(rel) = session.doc.relations.get(r) else {
        return;
    };
    ui.heading("Relation");
    ui.horizontal_wrapped(|ui| {
        actor_link(ui, session, &rel.source, actions);
        ui.label("->");
        actor_link(ui, session, &rel.target, actions);
        badge(ui, rel.kind);
    });
    // The other types the same edge of the graph carries.
    let graph = &session.graph;
    if let Some(e) = graph.edge_of_relation(r).map(|e| &graph.edges[e]) {
        if e.types.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Same edge:").weak());
                for t in e.types.iter().filter(|t| t.relation != r) {
                    let text = format!("{} ×{}", t.kind.as_str(), t.weight);
                    if type_button(ui, t.kind, &text).clicked() {
                        actions.push(InspectorAction::Select(Selection::Relation(t.relation)));
                    }
                }
            });
        }
    }
    if !rel.statements.is_empty() {
        ui.label(RichText::new("Statements behind it").strong());
        for id in &rel.statements {
            if let Some(i) = session.doc.statements.iter().position(|s| &s.id == id) {
                statement_row(ui, session, i, actions);
            }
        }
    }
    ui.label(RichText::new("Evidence").strong());
    for (n, span) in rel.evidence.iter().enumerate() {
        let text = session.excerpt(*span, 160);
        let response = ui
            .push_id(("evidence", n), |ui| {
                ui.add(BidiLabel::new(&text).article_font().size(15.0))
            })
            .inner
            .interact(Sense::click());
        let label = format!("Evidence {}: {}", n + 1, text);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        if response.on_hover_text("Show in the text").clicked() {
            actions.push(InspectorAction::Reveal(*span));
        }
    }
}

/// One statement: type badge, speaker, cue and an excerpt; a click reveals it in the text.
fn statement_row(ui: &mut Ui, session: &Session, i: usize, actions: &mut Vec<InspectorAction>) {
    let s = &session.doc.statements[i];
    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
    let inner = frame.show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            badge(ui, s.kind);
            ui.label(RichText::new(session.name_en(&s.speaker)).strong());
            ui.add(BidiLabel::new(&session.doc.slice(s.cue)).size(14.0));
        });
        let excerpt = session.excerpt(s.content, 180);
        let quoted = if s.quoted {
            format!("«{excerpt}»")
        } else {
            excerpt
        };
        ui.add(BidiLabel::new(&quoted).article_font().size(15.0));
    });
    let response = inner.response.interact(Sense::click());
    let label = format!(
        "Statement {}: {} {}: {}",
        s.id,
        session.name_en(&s.speaker),
        s.kind.as_str(),
        session.excerpt(s.content, 80)
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    if response.on_hover_text("Show in the text").clicked() {
        actions.push(InspectorAction::Select(Selection::Statement(i)));
        if let Some(span) = session.statement_span(i) {
            actions.push(InspectorAction::Reveal(span));
        }
    }
}

/// An actor's name as a link that selects it.
fn actor_link(ui: &mut Ui, session: &Session, actor: &str, actions: &mut Vec<InspectorAction>) {
    ui.horizontal(|ui| {
        swatch(ui, session.colour(actor));
        if ui.link(session.name_en(actor)).clicked() {
            actions.push(InspectorAction::Select(Selection::Actor(actor.to_string())));
        }
        ui.add(BidiLabel::new(&session.name_ar(actor)).size(14.0));
    });
}

/// A coloured tag naming a relation type.
pub fn badge(ui: &mut Ui, kind: RelationType) {
    let colour = palette::relation_colour(kind);
    egui::Frame::new()
        .fill(colour)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(kind.as_str()).color(Color32::WHITE).small());
        });
}

pub fn kind_name(kind: crate::model::ActorKind) -> &'static str {
    use crate::model::ActorKind::*;
    match kind {
        State => "state",
        Igo => "international organisation",
        ArmedGroup => "armed group",
        Party => "party",
        Media => "news outlet",
        Person => "person",
        Other => "other",
    }
}
