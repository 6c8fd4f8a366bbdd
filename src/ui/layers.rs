//! The annotation layers painted over the article: mentions coloured by actor, statements
//! underlined with their cue and speaker marked, find hits and the flashing span; what is hidden
//! or unselected is drawn fainter. Computed on demand for the text on screen only, so a long
//! article with tens of thousands of mentions costs no more per frame than a short one, and
//! changing the selection rebuilds nothing.

use crate::model::{RelationType, Span};
use crate::ui::find::Find;
use crate::ui::palette;
use crate::ui::session::{Selection, Session};
use crate::ui::strings::Strings;
use crate::ui::text_view::{overlaps, Annotation, AnnotationKind, AnnotationSource};
use egui::Color32;
use std::collections::HashSet;
use std::ops::Range;

/// What the layers are built from.
pub struct Layers<'a> {
    pub session: &'a Session,
    /// The interface's language, for hover texts.
    pub strings: &'a Strings,
    pub selection: Option<&'a Selection>,
    pub hidden_actors: &'a HashSet<String>,
    pub hidden_types: &'a HashSet<RelationType>,
    pub find: &'a Find,
    pub flash: Option<Span>,
}

impl Layers<'_> {
    /// The top-level actor whose mentions stand out, if an actor is selected.
    fn selected_actor(&self) -> Option<String> {
        match self.selection {
            Some(Selection::Actor(a)) => Some(self.session.top_level(a)),
            _ => None,
        }
    }
}

impl AnnotationSource for Layers<'_> {
    fn annotations_in(&self, chars: Range<usize>, out: &mut Vec<Annotation>) {
        let session = self.session;
        let selected_actor = self.selected_actor();
        let selected_statement = match self.selection {
            Some(Selection::Statement(id)) => Some(id.as_str()),
            _ => None,
        };
        for m in session.mentions_in(chars.clone()) {
            let top = session.top_level_of(&m.actor);
            if self.hidden_actors.contains(top) {
                continue;
            }
            let alpha = match &selected_actor {
                Some(a) if a == top => 140,
                Some(_) => 30,
                None => 60,
            };
            // A speaker's name gets the speaker mark (tint and bar) instead of the plain tint.
            let speaks = session
                .speaker_kinds(&m.id)
                .iter()
                .any(|k| !self.hidden_types.contains(k));
            let (kind, colour) = if speaks {
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
                tooltip: None,
            });
        }
        for s in session.statements_in(chars.clone()) {
            if self.hidden_types.contains(&s.kind)
                || self
                    .hidden_actors
                    .contains(session.top_level_of(&s.speaker))
            {
                continue;
            }
            let chosen = selected_statement == Some(s.id.as_str())
                || selected_actor
                    .as_ref()
                    .is_some_and(|a| session.belongs_to(&s.speaker, a));
            let colour = palette::relation_colour(s.kind);
            let parts = [
                (s.content, AnnotationKind::StatementContent),
                (s.cue, AnnotationKind::Cue),
            ];
            for (span, kind) in parts {
                let faint = kind == AnnotationKind::StatementContent && !chosen;
                out.push(Annotation {
                    range: span.start..span.end,
                    id: s.id.clone(),
                    kind,
                    color: if faint {
                        colour.gamma_multiply(0.6)
                    } else {
                        colour
                    },
                    tooltip: None,
                });
            }
        }
        let current = self.find.current();
        for (n, hit) in self.find.hits_in(chars.clone()) {
            let alpha = if Some(n) == current { 220 } else { 120 };
            out.push(Annotation {
                range: hit.start..hit.end,
                id: format!("find-{n}"),
                kind: AnnotationKind::Mention,
                color: Color32::from_rgba_unmultiplied(250, 210, 40, alpha),
                tooltip: None,
            });
        }
        if let Some(span) = self.flash {
            if overlaps(&(span.start..span.end), &chars) {
                out.push(Annotation {
                    range: span.start..span.end,
                    id: "flash".into(),
                    kind: AnnotationKind::Mention,
                    color: Color32::from_rgba_unmultiplied(255, 140, 0, 140),
                    tooltip: None,
                });
            }
        }
        out.retain(|a| overlaps(&a.range, &chars));
    }

    fn tooltip(&self, annotation: &Annotation) -> Option<String> {
        let (session, t) = (self.session, self.strings);
        match annotation.kind {
            AnnotationKind::Mention | AnnotationKind::Speaker => session
                .mentions_in(annotation.range.clone())
                .find(|m| m.id == annotation.id)
                .map(|m| {
                    format!(
                        "{} · {}",
                        session.name(&m.actor, t.rtl),
                        session.other_name(&m.actor, t.rtl)
                    )
                }),
            _ => session.statement(&annotation.id).map(|(_, s)| {
                format!(
                    "{}: {}",
                    session.name(&s.speaker, t.rtl),
                    (t.relation_name)(s.kind)
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Gazetteer};
    use std::path::PathBuf;

    /// Tooltips are left out of the per-frame annotations and given on demand, with the same
    /// words as before: the actor's two names, or the speaker and the statement's type.
    #[test]
    fn tooltips_are_asked_for_only_on_hover() {
        let extractor = Extractor::new(Gazetteer::builtin());
        let text = "وقال وزير الخارجية العراقي إن «إسرائيل تهدد العراق».";
        let doc = extractor.annotate(text, Default::default());
        let session = Session::new(doc, PathBuf::from("article.txt"), 0.0);
        let (hidden_actors, hidden_types) = (HashSet::new(), HashSet::new());
        let find = Find::default();
        let layers = Layers {
            session: &session,
            strings: &crate::ui::strings::ENGLISH,
            selection: None,
            hidden_actors: &hidden_actors,
            hidden_types: &hidden_types,
            find: &find,
            flash: None,
        };
        let mut out = Vec::new();
        layers.annotations_in(0..text.chars().count(), &mut out);
        assert!(out.iter().all(|a| a.tooltip.is_none()));
        let israel = out
            .iter()
            .find(|a| a.kind == AnnotationKind::Mention && session.slice(span(a)) == "إسرائيل")
            .map(|a| layers.tooltip(a));
        assert_eq!(israel, Some(Some("Israel · إسرائيل".to_string())));
        let cue = out
            .iter()
            .find(|a| a.kind == AnnotationKind::Cue)
            .expect("the statement's cue");
        let (_, statement) = session.statement(&cue.id).expect("the cue's statement");
        let expected = format!(
            "{}: {}",
            session.name_en(&statement.speaker),
            statement.kind.as_str()
        );
        assert_eq!(layers.tooltip(cue), Some(expected));

        // In the Arabic interface: the Arabic name first, and the type's Arabic name.
        let arabic = Layers {
            strings: &crate::ui::strings::ARABIC,
            ..layers
        };
        assert_eq!(
            arabic
                .tooltip(
                    out.iter()
                        .find(|a| a.kind == AnnotationKind::Mention)
                        .expect("a mention")
                )
                .map(|t| t.starts_with("إسرائيل") || t.starts_with("العراق")),
            Some(true)
        );
        let said = arabic.tooltip(cue).expect("the cue's hover text");
        assert!(
            said.ends_with((crate::ui::strings::ARABIC.relation_name)(statement.kind)),
            "{said}"
        );
    }

    fn span(a: &Annotation) -> Span {
        Span {
            start: a.range.start,
            end: a.range.end,
        }
    }
}
