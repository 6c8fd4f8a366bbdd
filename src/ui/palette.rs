//! Colours: one per actor (stable for an article, distinct for its most mentioned actors) and one
//! per relation type, readable on light and dark backgrounds.

use crate::graph::style;
use crate::model::RelationType;
use egui::Color32;

/// The colour of the actor ranked `rank` by mentions (0 = most mentioned).
pub fn actor_colour(rank: usize) -> Color32 {
    let [r, g, b] = style::actor_rgb(rank);
    Color32::from_rgb(r, g, b)
}

/// The "saved" mark in the status line.
pub const SAVED: Color32 = Color32::from_rgb(40, 150, 70);

/// The colour of a relation type, for graph edges and badges.
pub fn relation_colour(kind: RelationType) -> Color32 {
    let [r, g, b] = style::relation_rgb(kind);
    Color32::from_rgb(r, g, b)
}

/// A translucent version of `colour` for backgrounds under text.
pub fn tint(colour: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), alpha)
}
