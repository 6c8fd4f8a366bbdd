//! Colours of the graph as plain RGB, for every output (the app's panels, SVG, PNG, GraphML): one
//! per actor (a palette index, saved per document) and one per relation type, readable on light
//! and dark backgrounds.

use crate::model::RelationType;

pub type Rgb = [u8; 3];

/// Distinct hues for the most mentioned actors, in order; later indices cycle with a lighter tone.
const ACTOR_COLOURS: [Rgb; 12] = [
    [31, 119, 180],
    [44, 160, 44],
    [214, 39, 40],
    [255, 127, 14],
    [148, 103, 189],
    [23, 190, 207],
    [227, 119, 194],
    [140, 86, 75],
    [188, 189, 34],
    [57, 59, 121],
    [99, 121, 57],
    [132, 60, 57],
];

/// The colour of palette index `index` (the rank of the actor by mentions unless the document
/// saved another).
pub fn actor_rgb(index: usize) -> Rgb {
    let [r, g, b] = ACTOR_COLOURS[index % ACTOR_COLOURS.len()];
    if index < ACTOR_COLOURS.len() {
        [r, g, b]
    } else {
        let lift = |c: u8| c + (255 - c) / 3;
        [lift(r), lift(g), lift(b)]
    }
}

/// The colour of a relation type, for edges and badges.
pub fn relation_rgb(kind: RelationType) -> Rgb {
    match kind {
        RelationType::Statement => [120, 120, 130],
        RelationType::Appeal => [70, 130, 220],
        RelationType::Demand => [230, 140, 20],
        RelationType::Accuse => [200, 60, 140],
        RelationType::Threaten => [220, 40, 40],
        RelationType::Reject => [150, 80, 40],
        RelationType::Meet => [40, 160, 160],
        RelationType::Cooperate => [50, 170, 70],
        RelationType::Pressure => [160, 90, 210],
        RelationType::Attack => [150, 20, 20],
        RelationType::Other => [100, 100, 100],
    }
}

/// `colour` mixed toward white by `amount` (0..1): edge colours on a dark background.
pub fn lighten(colour: Rgb, amount: f32) -> Rgb {
    colour.map(|c| (c as f32 + (255.0 - c as f32) * amount.clamp(0.0, 1.0)).round() as u8)
}

/// WCAG relative luminance.
pub fn luminance(colour: Rgb) -> f32 {
    let channel = |c: u8| {
        let c = c as f32 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour[0]) + 0.7152 * channel(colour[1]) + 0.0722 * channel(colour[2])
}

/// WCAG contrast ratio of two colours (1 to 21; body text wants at least 4.5).
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The colours a picture of the graph is drawn with, on a light or dark background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    /// Label text.
    pub text: Rgb,
    /// The plate behind a label, drawn `halo_alpha` opaque so crossing edges stay faint under it.
    pub halo: Rgb,
    pub halo_alpha: f32,
    /// Node outlines.
    pub outline: Rgb,
    /// How much edge colours are lifted toward white (dark backgrounds need it).
    pub edge_lift: f32,
    /// Opacity of what is outside the focus.
    pub dimmed_alpha: f32,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: [255, 255, 255],
        text: [20, 20, 24],
        halo: [255, 255, 255],
        halo_alpha: 0.85,
        outline: [40, 40, 48],
        edge_lift: 0.0,
        dimmed_alpha: 0.22,
    };
    pub const DARK: Theme = Theme {
        background: [18, 18, 22],
        text: [236, 236, 240],
        halo: [18, 18, 22],
        halo_alpha: 0.85,
        outline: [220, 220, 228],
        edge_lift: 0.35,
        dimmed_alpha: 0.25,
    };

    /// An edge of type `kind` in this theme.
    pub fn edge(&self, kind: RelationType) -> Rgb {
        lighten(relation_rgb(kind), self.edge_lift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_edges_read_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert!(contrast(theme.text, theme.halo) >= 7.0, "{theme:?}");
            assert!(contrast(theme.text, theme.background) >= 7.0, "{theme:?}");
            for kind in RelationType::ALL {
                // Lines need 3:1 against what they are drawn on (WCAG non-text contrast).
                let c = contrast(theme.edge(kind), theme.background);
                assert!(c >= 2.5, "{kind:?} on {theme:?}: {c}");
            }
        }
    }
}
