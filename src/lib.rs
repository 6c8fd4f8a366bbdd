//! Marsad: find who said what to whom in Arabic news.
//!
//! The library is the whole engine (ingest, extraction, model, exports) and knows nothing of the GUI:
//! `text_layout` (cosmic-text, no egui) and `ui` (the egui app) are built only with the default
//! `gui` feature; `cargo build --no-default-features` gives the library and the CLI alone.
pub mod atomic_file;
pub mod autosave;
pub mod batch;
pub mod cli;
pub mod corpus;
mod decimal;
pub mod edit;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod sidecar;
#[cfg(feature = "gui")]
pub mod text_layout;
#[cfg(feature = "gui")]
pub mod ui;
