//! Marsad: find who said what to whom in Arabic news.
//!
//! The library is the whole engine (ingest, extraction, model, exports) and knows nothing of the GUI.
pub mod cli;
pub mod edit;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod sidecar;
pub mod ui;
