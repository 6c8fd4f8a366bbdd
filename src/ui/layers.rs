//! The annotation layers painted over the article: mentions coloured by actor, statements
//! underlined with their cue and speaker marked, find hits and the flashing span; what is hidden
//! or unselected is drawn fainter. Rebuilt only when something they show changes.

use crate::model::{RelationType, Span};
use crate::ui::find::Find;
use crate::ui::palette;
use crate::ui::session::{Selection, Session};
use crate::ui::text_view::{Annotation, AnnotationKind};
use egui::Color32;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// What the layers are built from.
pub struct LayerInputs<'a> {
    pub session: &'a Session,
    pub selection: Option<&'a Selection>,
    pub hidden_actors: &'a HashSet<String>,
    pub hidden_types: &'a HashSet<RelationType>,
    pub find: &'a Find,
    pub flash: Option<Span>,
}

impl LayerInputs<'_> {
    fn key(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.session.generation().hash(&mut h);
        self.session.path.hash(&mut h);
        self.selection.hash(&mut h);
        let mut hidden: Vec<&String> = self.hidden_actors.iter().collect();
        hidden.sort();
        hidden.hash(&mut h);
        let mut types: Vec<&RelationType> = self.hidden_types.iter().collect();
        types.sort();
        types.hash(&mut h);
        self.find.hits().hash(&mut h);
        self.find.current().hash(&mut h);
        self.flash.hash(&mut h);
        h.finish()
    }
}

/// The layers and what they were built from.
#[derive(Default)]
pub struct ArticleLayers {
    annotations: Vec<Annotation>,
    key: Option<u64>,
}

impl ArticleLayers {
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Rebuilds the layers if what they show changed.
    pub fn refresh(&mut self, inputs: LayerInputs<'_>) {
        let key = inputs.key();
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.annotations = build(&inputs);
    }

    pub fn clear(&mut self) {
        self.annotations.clear();
        self.key = None;
    }
}

fn build(inputs: &LayerInputs<'_>) -> Vec<Annotation> {
    let session = inputs.session;
    let doc = &session.doc;
    let selected_actor = match inputs.selection {
        Some(Selection::Actor(a)) => Some(session.top_level(a)),
        _ => None,
    };
    let selected_statement = match inputs.selection {
        Some(Selection::Statement(id)) => Some(id.as_str()),
        _ => None,
    };
    let mut out = Vec::with_capacity(doc.mentions.len() + doc.statements.len() * 2);
    let speakers: HashSet<&str> = doc
        .statements
        .iter()
        .filter(|s| !inputs.hidden_types.contains(&s.kind))
        .filter_map(|s| s.speaker_mention.as_deref())
        .collect();
    for m in &doc.mentions {
        let top = session.top_level(&m.actor);
        if inputs.hidden_actors.contains(&top) {
            continue;
        }
        let alpha = match &selected_actor {
            Some(a) if *a == top => 140,
            Some(_) => 30,
            None => 60,
        };
        // A speaker's name gets the speaker mark (tint and bar) instead of the plain tint.
        let (kind, colour) = if speakers.contains(m.id.as_str()) {
            (AnnotationKind::Speaker, session.colour(&m.actor))
        } else {
            (
                AnnotationKind::Mention,
                palette::tint(session.colour(&m.actor), alpha),
            )
        };
        out.push(Annotation {
            range: m.start..m.end,
            id: m.id.clone(),
            kind,
            color: colour,
            tooltip: Some(format!(
                "{} · {}",
                session.name_en(&m.actor),
                session.name_ar(&m.actor)
            )),
        });
    }
    for s in &doc.statements {
        if inputs.hidden_types.contains(&s.kind)
            || inputs
                .hidden_actors
                .contains(&session.top_level(&s.speaker))
        {
            continue;
        }
        let chosen = selected_statement == Some(s.id.as_str())
            || selected_actor
                .as_ref()
                .is_some_and(|a| session.belongs_to(&s.speaker, a));
        let colour = palette::relation_colour(s.kind);
        let tooltip = format!("{}: {}", session.name_en(&s.speaker), s.kind.as_str());
        out.push(Annotation {
            range: s.content.start..s.content.end,
            id: s.id.clone(),
            kind: AnnotationKind::StatementContent,
            color: if chosen {
                colour
            } else {
                colour.gamma_multiply(0.6)
            },
            tooltip: Some(tooltip.clone()),
        });
        out.push(Annotation {
            range: s.cue.start..s.cue.end,
            id: s.id.clone(),
            kind: AnnotationKind::Cue,
            color: colour,
            tooltip: Some(tooltip),
        });
    }
    for (n, hit) in inputs.find.hits().iter().enumerate() {
        let alpha = if Some(n) == inputs.find.current() {
            220
        } else {
            120
        };
        out.push(Annotation {
            range: hit.start..hit.end,
            id: format!("find-{n}"),
            kind: AnnotationKind::Mention,
            color: Color32::from_rgba_unmultiplied(250, 210, 40, alpha),
            tooltip: None,
        });
    }
    if let Some(span) = inputs.flash {
        out.push(Annotation {
            range: span.start..span.end,
            id: "flash".into(),
            kind: AnnotationKind::Mention,
            color: Color32::from_rgba_unmultiplied(255, 140, 0, 140),
            tooltip: None,
        });
    }
    out
}
