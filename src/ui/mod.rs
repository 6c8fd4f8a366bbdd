//! The desktop app: egui panels over the annotation model, painting Arabic through our own
//! cosmic-text based text surface. The library outside `ui` knows nothing of egui.
pub mod app;
pub mod bidi_label;
pub mod corrections;
pub mod graph;
pub mod inspector;
pub mod legend;
pub mod palette;
pub mod session;
pub mod text_view;
