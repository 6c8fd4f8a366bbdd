//! Every user action as data. Menus, keyboard shortcuts, panels and the text view push
//! [`Command`]s; `MarsadApp::apply` carries them out in one place. A command knows its label and
//! its shortcuts, so a menu item and its key can never drift apart (the pattern of rerun's
//! `UICommand`).

use crate::edit::Edit;
use crate::export::{ExportFile, ExportFormat};
use crate::extract::Entry;
use crate::model::{RelationType, Span};
use crate::ui::session::Selection;
use crate::ui::strings::{Language, Strings};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // File
    /// Shows the file dialog (on its own thread).
    OpenDialog,
    /// Shows the field where a path can be typed.
    OpenPathField,
    /// Opens this file in the background.
    OpenFile(PathBuf),
    OpenSample,
    /// Writes the corrections now (also retries a failed autosave at once).
    Save,
    /// Asks where to write the corrections (a dialog, or the path field without one).
    SaveAs,
    /// Writes the corrections to this file and autosaves there from now on.
    SaveTo(PathBuf),
    /// The answer "Discard" to "your corrections could not be saved": quit, or open the article
    /// that was waiting, without them.
    DiscardUnsaved,
    /// The answer "Cancel": stay, with the corrections.
    KeepUnsaved,
    Export(ExportFormat),
    /// Runs the extractor again, keeping every correction.
    Reextract,
    Quit,

    // Corpus
    /// Shows the folder dialog: a folder of articles to index and open as a corpus.
    OpenFolderDialog,
    /// Opens a folder of articles (indexing it in the background) or a corpus store.
    OpenCorpus(PathBuf),
    /// Shows the corpus view.
    ShowCorpus,
    /// Back to the corpus view, where it was.
    Back,
    /// Opens an article of the corpus at a statement (scrolled to and flashed).
    OpenAt(crate::ui::corpus::Jump),
    CancelIndexing,
    ExportCorpus(crate::ui::corpus::CorpusExport),

    // Edit
    Undo,
    Redo,
    /// Corrections proposed by a panel or a context menu.
    Edits(Vec<Edit>),
    /// Adds an actor (or a spelling of one) to the user's gazetteer.
    RememberActor(Entry),

    // Find
    OpenFind,
    FindNext,
    FindPrevious,
    /// The find query changed (searching is debounced and runs off the frame).
    FindQuery(String),
    CloseFind,
    ClosePathField,

    // Navigation
    Select(Selection),
    /// A mention clicked in the text: its actor is selected and the mention panel shows it.
    FocusMention(String),
    /// Scrolls the text to a span and flashes it.
    Reveal(Span),
    /// Previous (-1) or next (+1) mention of the selected actor.
    StepMention(i32),
    /// Lists more items in the inspector's long lists.
    ShowMore,
    GoToStart,
    GoToEnd,
    /// Escape: closes the innermost open thing (find bar, path field, mention panel, selection).
    Cancel,

    // View
    ToggleDark,
    ToggleReading,
    ToggleLegend,
    ToggleSidePanel,
    ToggleGraphLabels,
    ResetGraph,
    /// Nodes of the graph were moved; their places are kept with the article.
    GraphArranged,
    /// A picture of the graph to write beside the article.
    ExportGraph(ExportFile),
    SetLanguage(Language),
    ToggleActor(String),
    ToggleType(RelationType),
    DismissNotice,
}

/// A `&'static` list of shortcuts (const-evaluated, so it can be returned by reference).
macro_rules! keys {
    ($($key:expr),+) => {{
        const KEYS: &[KeyboardShortcut] = &[$($key),+];
        KEYS
    }};
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

const fn ctrl_alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: true,
            ctrl: false,
            shift: false,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

impl Command {
    /// The commands reachable from the keyboard.
    pub const KEYED: [Command; 19] = [
        Command::OpenDialog,
        Command::Save,
        Command::SaveAs,
        Command::OpenFind,
        Command::FindPrevious,
        Command::FindNext,
        Command::Redo,
        Command::Undo,
        Command::GoToStart,
        Command::GoToEnd,
        Command::Cancel,
        Command::ToggleSidePanel,
        Command::ToggleLegend,
        Command::ToggleReading,
        Command::Quit,
        Command::OpenPathField,
        Command::ResetGraph,
        Command::ToggleDark,
        Command::Back,
    ];

    /// The keys that run this command; the first is the one menus show.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        match self {
            Command::OpenDialog => keys!(ctrl(Key::O)),
            Command::OpenPathField => keys!(ctrl_shift(Key::O)),
            Command::Save => keys!(ctrl(Key::S)),
            Command::SaveAs => keys!(ctrl_shift(Key::S)),
            Command::Quit => keys!(ctrl(Key::Q)),
            Command::Undo => keys!(ctrl(Key::Z)),
            Command::Redo => keys!(ctrl_shift(Key::Z), ctrl(Key::Y)),
            Command::OpenFind => keys!(ctrl(Key::F)),
            Command::FindNext => keys!(plain(Key::F3)),
            Command::FindPrevious => keys!(shift(Key::F3)),
            Command::GoToStart => keys!(ctrl(Key::Home)),
            Command::GoToEnd => keys!(ctrl(Key::End)),
            Command::Cancel => keys!(plain(Key::Escape)),
            Command::ToggleLegend => keys!(ctrl(Key::B)),
            Command::ToggleSidePanel => keys!(ctrl_alt(Key::B)),
            Command::ToggleReading => keys!(ctrl_shift(Key::R)),
            Command::ResetGraph => keys!(ctrl_shift(Key::G)),
            Command::ToggleDark => keys!(ctrl_shift(Key::D)),
            Command::Back => keys!(alt(Key::ArrowLeft)),
            _ => &[],
        }
    }

    /// Whether the command's keys must be left to a focused text field (typing Ctrl+Z in the
    /// find field undoes the typing, not a correction).
    pub fn yields_to_text_fields(&self) -> bool {
        matches!(
            self,
            Command::Undo | Command::Redo | Command::GoToStart | Command::GoToEnd
        )
    }

    /// The menu label, in the interface language.
    pub fn label(&self, t: &Strings) -> String {
        match self {
            Command::OpenDialog => t.open.into(),
            Command::OpenPathField => t.open_path.into(),
            Command::OpenFile(p) => p.display().to_string(),
            Command::OpenSample => t.open_sample.into(),
            Command::Save => t.save.into(),
            Command::SaveAs => t.save_as.into(),
            Command::SaveTo(p) => p.display().to_string(),
            Command::DiscardUnsaved => t.discard.into(),
            Command::KeepUnsaved => t.cancel.into(),
            Command::Export(f) => f.as_str().into(),
            Command::Reextract => t.reextract.into(),
            Command::Quit => t.quit.into(),
            Command::Undo => t.undo.into(),
            Command::Redo => t.redo.into(),
            Command::Edits(_) => t.edit_menu.into(),
            Command::RememberActor(e) => e.id.clone(),
            Command::OpenFind => t.find_in_text.into(),
            Command::FindNext => t.next.into(),
            Command::FindPrevious => t.previous.into(),
            Command::FindQuery(q) => q.clone(),
            Command::CloseFind | Command::ClosePathField => t.close.into(),
            Command::Select(_) | Command::FocusMention(_) => t.select.into(),
            Command::Reveal(_) => t.show_in_text.into(),
            Command::StepMention(s) if *s < 0 => t.previous.into(),
            Command::StepMention(_) => t.next.into(),
            Command::ShowMore => (t.show_more)(crate::ui::view_state::LIST_PAGE, 0),
            Command::GoToStart => t.go_to_start.into(),
            Command::GoToEnd => t.go_to_end.into(),
            Command::Cancel => t.close.into(),
            Command::ToggleDark => t.dark_theme.into(),
            Command::ToggleReading => t.reading_mode.into(),
            Command::ToggleLegend => t.show_legend.into(),
            Command::ToggleSidePanel => t.show_side_panel.into(),
            Command::ToggleGraphLabels => t.arabic_graph_labels.into(),
            Command::ResetGraph => t.reset_graph.into(),
            Command::GraphArranged => t.move_graph_nodes.into(),
            Command::ExportGraph(file) => file.name.clone(),
            Command::SetLanguage(l) => l.native_name().into(),
            Command::ToggleActor(a) => a.clone(),
            Command::ToggleType(k) => (t.relation_name)(*k).into(),
            Command::DismissNotice => t.dismiss.into(),
            Command::OpenFolderDialog => t.corpus.open_folder.into(),
            Command::OpenCorpus(p) => p.display().to_string(),
            Command::ShowCorpus => t.corpus.show_corpus.into(),
            Command::Back => t.corpus.back.into(),
            Command::OpenAt(jump) => jump.path.display().to_string(),
            Command::CancelIndexing => t.corpus.cancel_indexing.into(),
            Command::ExportCorpus(_) => t.export.into(),
        }
    }

    /// The first shortcut as the platform writes it ("Ctrl+O"), for menus.
    pub fn shortcut_text(&self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// The commands whose shortcut was pressed this frame (the keys are consumed). Shortcuts
    /// with more modifiers are tried first, since egui lets Ctrl+Shift+Z match Ctrl+Z too.
    pub fn from_keys(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let popup = egui::Popup::is_any_open(ctx);
        let mut keys: Vec<(&KeyboardShortcut, &Command)> = Command::KEYED
            .iter()
            .filter(|c| !(typing && c.yields_to_text_fields()))
            .filter(|c| !(popup && **c == Command::Cancel))
            .flat_map(|c| c.shortcuts().iter().map(move |s| (s, c)))
            .collect();
        let weight = |m: Modifiers| u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command);
        keys.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
        let mut out = Vec::new();
        for (shortcut, command) in keys {
            if ctx.input_mut(|i| i.consume_shortcut(shortcut)) && !out.contains(command) {
                out.push(command.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_keyed_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for command in Command::KEYED {
            assert!(
                !command.shortcuts().is_empty(),
                "{command:?} is keyed but has no key"
            );
            for s in command.shortcuts() {
                assert!(!seen.contains(s), "{s:?} is used twice");
                seen.push(*s);
            }
        }
    }

    #[test]
    fn every_menu_command_has_a_label_in_both_languages() {
        for command in Command::KEYED {
            for lang in Language::ALL {
                assert!(!command.label(lang.strings()).is_empty(), "{command:?}");
            }
        }
    }
}
