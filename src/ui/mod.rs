//! The desktop app: egui panels over the annotation model, painting Arabic through our own
//! cosmic-text based text surface.
pub mod bidi_label;
pub mod fonts;
pub mod graph_model;
pub mod text_view;
