//! The inspector: details of what is selected. For an actor: names, kind, affiliation, people,
//! mentions with previous/next, every relation the graph draws for it, statements it made and
//! statements aimed at it. For a statement or a relation: who, what, to whom, and the evidence,
//! each clickable back to the text.

use crate::graph::EdgeType;
use crate::model::RelationType;
use crate::ui::bidi_label::BidiLabel;
use crate::ui::command::Command;
use crate::ui::graph::{relation_selection, swatch};
use crate::ui::palette;
use crate::ui::session::{RelationKey, Selection, Session};
use crate::ui::strings::Strings;
use crate::ui::view_state::ViewState;
use egui::{Color32, RichText, Role, Sense, Ui, WidgetInfo};

pub fn inspector_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    view: &ViewState,
    out: &mut Vec<Command>,
) {
    match &view.selection {
        None => {
            let weak = ui.visuals().weak_text_color();
            ui.add(BidiLabel::new(t.inspector_hint).color(weak));
        }
        Some(Selection::Actor(actor)) => {
            actor_ui(ui, t, session, actor, view, out);
        }
        Some(Selection::Statement(id)) => {
            if let Some((i, s)) = session.statement(id) {
                ui.heading(t.show(t.statement));
                statement_row(ui, t, session, i, out);
                ui.separator();
                ui.label(t.show(t.said_to_or_about));
                for target in &s.targets {
                    actor_link(ui, t, session, target, out);
                }
                if s.targets.is_empty() {
                    ui.label(RichText::new(t.show(t.nobody_in_particular)).weak());
                }
            }
        }
        Some(Selection::Relation(key)) => relation_ui(ui, t, session, key, view.list_limit, out),
    }
}

fn actor_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    actor: &str,
    view: &ViewState,
    out: &mut Vec<Command>,
) {
    let limit = view.list_limit;
    let Some(a) = session.doc.actor(actor) else {
        return;
    };
    ui.horizontal(|ui| {
        swatch(ui, session.colour(actor));
        ui.heading(t.show(&session.name(actor, t.rtl)));
    });
    ui.add(
        BidiLabel::new(&session.other_name(actor, t.rtl))
            .size(18.0)
            .bold(true),
    );
    ui.label(t.show(&format!("{} · {}", (t.kind_name)(a.kind), a.id)));
    if let Some(up) = &a.affiliation {
        ui.horizontal(|ui| {
            ui.label(t.show(t.part_of));
            actor_link(ui, t, session, up, out);
        });
    }
    let people = session.people_of(actor);
    if !people.is_empty() {
        ui.label(RichText::new(t.show(t.people_in_article)).strong());
        for p in &people {
            actor_link(ui, t, session, p, out);
        }
    }
    let mentions = session.mentions_of(actor);
    ui.horizontal(|ui| {
        ui.label(t.show(&(t.mentions)(mentions.len())));
        if !mentions.is_empty() {
            if ui.button(t.show(t.previous)).clicked() {
                out.push(Command::StepMention(-1));
            }
            if ui.button(t.show(t.next)).clicked() {
                out.push(Command::StepMention(1));
            }
            if let Some(at) = view.mention_cursor {
                ui.label(RichText::new(t.show(&(t.mention_at)(at + 1, mentions.len()))).weak());
            }
        }
    });
    relations_of_actor(ui, t, session, actor, out);
    ui.separator();
    let by = session.statements_by(actor);
    ui.label(RichText::new(t.show(&(t.statements_made)(by.len()))).strong());
    for &i in by.iter().take(limit) {
        statement_row(ui, t, session, i, out);
    }
    more_button(ui, t, by.len(), limit, out);
    ui.separator();
    let about = session.statements_about(actor);
    ui.label(RichText::new(t.show(&(t.statements_aimed)(about.len()))).strong());
    for &i in about.iter().take(limit) {
        statement_row(ui, t, session, i, out);
    }
    more_button(ui, t, about.len(), limit, out);
}

/// Every edge the graph draws from or to the actor (its people included), each type a button
/// that selects the relation and shows its evidence.
fn relations_of_actor(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    actor: &str,
    out: &mut Vec<Command>,
) {
    let graph = &session.graph;
    let Some(node) = graph.node_of(&session.doc.top_level(actor)) else {
        return;
    };
    let edges: Vec<_> = graph.edges_of(node).collect();
    ui.separator();
    ui.label(RichText::new(t.show(&(t.relations_in_graph)(edges.len()))).strong());
    for (i, e) in edges {
        let (direction, other) = if e.source == node {
            (t.relation_to, e.target)
        } else {
            (t.relation_from, e.source)
        };
        ui.push_id(("relation-of-actor", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(t.show(direction)).weak());
                actor_link(ui, t, session, &graph.nodes[other].actor, out);
                for ty in &e.types {
                    let text = format!("{} ×{}", (t.relation_name)(ty.kind), ty.weight);
                    let response = type_button(ui, t, ty.kind, &text);
                    // Named only when asked (a screen reader, a test), not on every frame.
                    response.widget_info(|| {
                        let label = (t.relation_item)(&edge_description(t, session, i, ty));
                        WidgetInfo::labeled(Role::Button, true, &label)
                    });
                    if response
                        .on_hover_text(t.show(t.show_the_evidence))
                        .clicked()
                    {
                        out.push(Command::Select(relation_selection(session, ty.relation)));
                    }
                }
            });
        });
    }
}

/// One type of edge `edge` of the article's graph, as its hover text and accessible name say it.
fn edge_description(t: &Strings, session: &Session, edge: usize, ty: &EdgeType) -> String {
    let graph = &session.graph;
    let e = &graph.edges[edge];
    let name = |node: usize| crate::graph::label(&session.doc, &graph.nodes[node].actor, t.rtl);
    t.edge_description(&name(e.source), &name(e.target), [(ty.kind, ty.weight)])
}

/// A relation type as a coloured button.
fn type_button(ui: &mut Ui, t: &Strings, kind: RelationType, text: &str) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(t.show(text)).color(Color32::WHITE).small())
            .fill(palette::relation_colour(kind))
            .corner_radius(3.0),
    )
}

fn relation_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    key: &RelationKey,
    limit: usize,
    out: &mut Vec<Command>,
) {
    let Some((r, rel)) = session.relation(key) else {
        return;
    };
    ui.heading(t.show(t.relation));
    ui.horizontal_wrapped(|ui| {
        actor_link(ui, t, session, &rel.source, out);
        ui.label(if t.rtl { "<-" } else { "->" });
        actor_link(ui, t, session, &rel.target, out);
        badge(ui, t, rel.kind);
    });
    // The other types the same edge of the graph carries.
    let graph = &session.graph;
    if let Some(e) = graph.edge_of_relation(r).map(|e| &graph.edges[e]) {
        if e.types.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(t.show(t.same_edge)).weak());
                for ty in e.types.iter().filter(|ty| ty.relation != r) {
                    let text = format!("{} ×{}", (t.relation_name)(ty.kind), ty.weight);
                    if type_button(ui, t, ty.kind, &text).clicked() {
                        out.push(Command::Select(relation_selection(session, ty.relation)));
                    }
                }
            });
        }
    }
    if !rel.statements.is_empty() {
        ui.label(RichText::new(t.show(t.statements_behind)).strong());
        for id in rel.statements.iter().take(limit) {
            if let Some((i, _)) = session.statement(id) {
                statement_row(ui, t, session, i, out);
            }
        }
        more_button(ui, t, rel.statements.len(), limit, out);
    }
    ui.label(RichText::new(t.show(t.evidence)).strong());
    for (n, span) in rel.evidence.iter().enumerate().take(limit) {
        let text = session.excerpt(*span, 160);
        let response = ui
            .push_id(("evidence", n), |ui| {
                ui.add(BidiLabel::new(&text).article_font().size(15.0))
            })
            .inner
            .interact(Sense::click());
        response.widget_info(|| {
            WidgetInfo::labeled(Role::Button, true, (t.evidence_item)(n + 1, &text))
        });
        if response.on_hover_text(t.show(t.show_in_text)).clicked() {
            out.push(Command::Reveal(*span));
        }
    }
    more_button(ui, t, rel.evidence.len(), limit, out);
}

/// "Show 40 more" under a list cut at `limit`.
fn more_button(ui: &mut Ui, t: &Strings, len: usize, limit: usize, out: &mut Vec<Command>) {
    if len > limit {
        let more = (len - limit).min(crate::ui::view_state::LIST_PAGE);
        if ui.button(t.show(&(t.show_more)(more, len))).clicked() {
            out.push(Command::ShowMore);
        }
    }
}

/// One statement: type badge, speaker, cue and an excerpt; a click selects it and shows it in
/// the text.
fn statement_row(ui: &mut Ui, t: &Strings, session: &Session, i: usize, out: &mut Vec<Command>) {
    let s = &session.doc.statements[i];
    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
    let inner = frame.show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            badge(ui, t, s.kind);
            ui.label(RichText::new(t.show(&session.name(&s.speaker, t.rtl))).strong());
            ui.add(BidiLabel::new(session.slice(s.cue)).size(14.0));
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
    response.widget_info(|| {
        let label = (t.statement_item)(
            &s.id,
            &session.name(&s.speaker, t.rtl),
            (t.relation_name)(s.kind),
            &session.excerpt(s.content, 80),
        );
        WidgetInfo::labeled(Role::Button, true, &label)
    });
    if response.on_hover_text(t.show(t.show_in_text)).clicked() {
        out.push(Command::Select(Selection::Statement(s.id.clone())));
        if let Some(span) = session.statement_span(i) {
            out.push(Command::Reveal(span));
        }
    }
}

/// An actor's name as a link that selects it.
fn actor_link(ui: &mut Ui, t: &Strings, session: &Session, actor: &str, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        swatch(ui, session.colour(actor));
        if ui.link(t.show(&session.name(actor, t.rtl))).clicked() {
            out.push(Command::Select(Selection::Actor(actor.to_string())));
        }
        ui.add(BidiLabel::new(&session.other_name(actor, t.rtl)).size(14.0));
    });
}

/// A coloured tag naming a relation type.
pub fn badge(ui: &mut Ui, t: &Strings, kind: RelationType) {
    let colour = palette::relation_colour(kind);
    egui::Frame::new()
        .fill(colour)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(t.show((t.relation_name)(kind)))
                    .color(Color32::WHITE)
                    .small(),
            );
        });
}
