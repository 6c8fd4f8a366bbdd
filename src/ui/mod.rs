//! The GUI layer: egui widgets that paint Arabic through our own cosmic-text based text surface.
pub mod bidi_label;
pub mod fonts;
pub mod text_view;
