//! Colours: one per actor (stable for an article, distinct for its most mentioned actors) and one
//! per relation type, readable on light and dark backgrounds.

use crate::model::RelationType;
use egui::Color32;

/// Distinct hues for the most mentioned actors, in order; later actors cycle with a lighter tone.
const ACTOR_COLOURS: [(u8, u8, u8); 12] = [
    (31, 119, 180),
    (44, 160, 44),
    (214, 39, 40),
    (255, 127, 14),
    (148, 103, 189),
    (23, 190, 207),
    (227, 119, 194),
    (140, 86, 75),
    (188, 189, 34),
    (57, 59, 121),
    (99, 121, 57),
    (132, 60, 57),
];

/// The colour of the actor ranked `rank` by mentions (0 = most mentioned).
pub fn actor_colour(rank: usize) -> Color32 {
    let (r, g, b) = ACTOR_COLOURS[rank % ACTOR_COLOURS.len()];
    if rank < ACTOR_COLOURS.len() {
        Color32::from_rgb(r, g, b)
    } else {
        let lift = |c: u8| c + (255 - c) / 3;
        Color32::from_rgb(lift(r), lift(g), lift(b))
    }
}

/// The "saved" mark in the status line.
pub const SAVED: Color32 = Color32::from_rgb(40, 150, 70);

/// The colour of a relation type, for graph edges and badges.
pub fn relation_colour(kind: RelationType) -> Color32 {
    match kind {
        RelationType::Statement => Color32::from_rgb(120, 120, 130),
        RelationType::Appeal => Color32::from_rgb(70, 130, 220),
        RelationType::Demand => Color32::from_rgb(230, 140, 20),
        RelationType::Accuse => Color32::from_rgb(200, 60, 140),
        RelationType::Threaten => Color32::from_rgb(220, 40, 40),
        RelationType::Reject => Color32::from_rgb(150, 80, 40),
        RelationType::Meet => Color32::from_rgb(40, 160, 160),
        RelationType::Cooperate => Color32::from_rgb(50, 170, 70),
        RelationType::Pressure => Color32::from_rgb(160, 90, 210),
        RelationType::Attack => Color32::from_rgb(150, 20, 20),
        RelationType::Other => Color32::from_rgb(100, 100, 100),
    }
}

/// A translucent version of `colour` for backgrounds under text.
pub fn tint(colour: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), alpha)
}
