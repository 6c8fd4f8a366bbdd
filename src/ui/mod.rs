//! The desktop app: egui panels over the annotation model.
pub mod graph_model;
