//! The desktop app: egui panels over the annotation model, painting Arabic through our own
//! cosmic-text based text surface. The library outside `ui` knows nothing of egui.
//!
//! State is split three ways: [`prefs`] (saved between runs), [`session`] (the open document:
//! model, history, autosave, derived caches) and [`view_state`] (what is shown, never saved).
//! Every user action is a [`command::Command`], applied in one place by [`app::MarsadApp`].
pub mod actor_picker;
pub mod app;
pub mod bidi_label;
pub mod chrome;
pub mod command;
pub mod corpus;
pub mod corrections;
pub mod find;
pub mod graph;
pub mod inspector;
pub mod layers;
pub mod legend;
pub mod menu;
pub mod palette;
pub mod prefs;
pub mod rtl_text;
pub mod session;
pub mod strings;
pub mod text_view;
pub mod view_state;
pub mod window;
