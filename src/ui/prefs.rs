//! What the app remembers between runs (window and panel sizes are kept by eframe itself).

use crate::ui::strings::Language;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files are remembered.
const RECENT_MAX: usize = 10;
/// The key under which eframe stores them.
pub const STORAGE_KEY: &str = "marsad";

/// Saved preferences. Every field has a default, so older saved settings still load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub arabic_graph_labels: bool,
    pub language: Language,
    /// Whether the legend (actors and relation types) is shown.
    pub legend: bool,
    /// Whether the graph and inspector are shown.
    pub side_panel: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            recent: Vec::new(),
            dark: false,
            arabic_graph_labels: false,
            language: Language::English,
            legend: true,
            side_panel: true,
        }
    }
}

impl Preferences {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let Ok(path) = path.canonicalize() else {
            return;
        };
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    pub fn theme(&self) -> egui::Theme {
        if self.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        }
    }
}
