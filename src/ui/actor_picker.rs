//! The searchable actor picker of the correction controls: the article's actors first, then
//! every actor of the gazetteer (the bundled one and the user's), found by id, English or Arabic
//! name or any alias, ignoring diacritics and letter variants.

use crate::extract::{fold, Gazetteer};
use crate::model::Actor;
use crate::ui::session::Session;
use crate::ui::strings::Strings;
use egui::{RichText, Ui};

/// At most this many matches are listed; typing narrows them.
const MAX_LISTED: usize = 60;

/// One actor the picker offers.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    /// Whether the article already knows the actor (otherwise choosing it adds it).
    pub in_article: bool,
    /// Folded id, names and aliases, for matching.
    haystack: String,
    /// The same, one entry per name.
    names: Vec<String>,
}

impl Choice {
    /// How well the choice answers a folded query, best first: a whole name, the start of a
    /// name, the start of a word, anywhere; `None` if not at all. "saudi" lists Saudi Arabia
    /// before Adel al-Jubeir (Saudi minister …).
    fn closeness(&self, wanted: &str) -> Option<u8> {
        if wanted.is_empty() {
            return Some(0);
        }
        if !self.haystack.contains(wanted) {
            return None;
        }
        let rank = if self.names.iter().any(|n| n == wanted) {
            0
        } else if self.names.iter().any(|n| n.starts_with(wanted)) {
            1
        } else if self
            .haystack
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(wanted))
        {
            2
        } else {
            3
        };
        Some(rank)
    }
}

/// The actors to choose from, built once per change of the document or the gazetteer.
#[derive(Default)]
pub struct Choices {
    key: Option<(u64, usize)>,
    list: Vec<Choice>,
}

impl Choices {
    /// The list for `session` and `gazetteer`, rebuilt only when either changed.
    pub fn refresh(&mut self, session: &Session, gazetteer: &Gazetteer) -> &[Choice] {
        let key = (session.generation(), gazetteer.entries().len());
        if self.key != Some(key) {
            self.key = Some(key);
            self.list = build(session, gazetteer);
        }
        &self.list
    }
}

fn choice(actor: &Actor, aliases: &[String], in_article: bool) -> Choice {
    let names: Vec<String> = [&actor.id, &actor.name_en, &actor.name_ar]
        .into_iter()
        .chain(aliases)
        .map(|n| fold::fold(&n.to_lowercase()))
        .collect();
    Choice {
        id: actor.id.clone(),
        name_en: actor.name_en.clone(),
        name_ar: actor.name_ar.clone(),
        in_article,
        haystack: names.join(" "),
        names,
    }
}

fn build(session: &Session, gazetteer: &Gazetteer) -> Vec<Choice> {
    let doc = &session.doc;
    let mut list: Vec<Choice> = Vec::new();
    // The graph's actors in its order (most mentioned first), then the article's others.
    let ids = session
        .graph
        .nodes
        .iter()
        .map(|n| n.actor.as_str())
        .chain(doc.actors.iter().map(|a| a.id.as_str()));
    for id in ids {
        if list.iter().any(|c| c.id == id) {
            continue;
        }
        if let Some(actor) = doc.actor(id) {
            list.push(choice(actor, &actor.aliases, true));
        }
    }
    let mut known: Vec<Choice> = gazetteer
        .entries()
        .iter()
        .filter(|e| doc.actor(&e.id).is_none())
        .map(|e| choice(&e.to_actor(), &e.aliases, false))
        .collect();
    known.sort_by(|a, b| a.name_en.cmp(&b.name_en));
    list.extend(known);
    list
}

/// A drop-down naming the chosen actor; opened, it has a search field over every choice.
/// Returns whether the choice changed.
pub fn actor_picker_ui(
    ui: &mut Ui,
    t: &Strings,
    id_salt: &str,
    chosen: &mut String,
    choices: &[Choice],
) -> bool {
    let before = chosen.clone();
    let shown = choices
        .iter()
        .find(|c| &c.id == chosen)
        .map_or(chosen.clone(), |c| c.name_en.clone());
    let query_id = ui.make_persistent_id((id_salt, "query"));
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(shown)
        .width(200.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            let mut query: String = ui.data_mut(|d| d.get_temp(query_id).unwrap_or_default());
            let field = ui.add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(t.show(t.search_actors))
                    .desired_width(200.0),
            );
            field.widget_info(|| egui::WidgetInfo::text_edit(true, "", &query, t.search_actors));
            if !field.has_focus() && query.is_empty() {
                field.request_focus();
            }
            let wanted = fold::fold(&query.trim().to_lowercase());
            let mut matches: Vec<(u8, &Choice)> = choices
                .iter()
                .filter_map(|c| Some((c.closeness(&wanted)?, c)))
                .collect();
            // The article's actors stay first; within each group the closest matches lead.
            matches.sort_by_key(|(rank, c)| (!c.in_article, *rank));
            let matches: Vec<&Choice> = matches
                .into_iter()
                .map(|(_, c)| c)
                .take(MAX_LISTED)
                .collect();
            if matches.is_empty() {
                ui.label(RichText::new(t.show(t.no_actor_found)).weak());
            }
            let mut heading = None;
            for c in matches {
                let group = if c.in_article {
                    t.in_this_article
                } else {
                    t.in_gazetteer
                };
                if heading != Some(group) {
                    heading = Some(group);
                    ui.label(RichText::new(group).small().strong());
                }
                let label = if c.name_ar.is_empty() || c.name_ar == c.name_en {
                    c.name_en.clone()
                } else {
                    format!("{} · {}", c.name_en, c.id)
                };
                ui.selectable_value(chosen, c.id.clone(), label);
            }
            ui.data_mut(|d| d.insert_temp(query_id, query));
        });
    if *chosen != before {
        ui.data_mut(|d| d.remove::<String>(query_id));
    }
    *chosen != before
}

/// The actor `id` as the gazetteer knows it, when the article does not know it yet: choosing
/// it adds it to the article.
pub fn missing_actor(session: &Session, gazetteer: &Gazetteer, id: &str) -> Option<Actor> {
    if session.doc.actor(id).is_some() {
        return None;
    }
    gazetteer.get(id).map(|e| e.to_actor())
}
