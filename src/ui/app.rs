//! The Marsad window: wiring of the article view, legend, graph and inspector around one
//! selection, plus opening files (dialog, path, drag-and-drop, recent list), find, and status.
//!
//! Panels never change each other: they return actions, and [`MarsadApp::apply`] carries them out,
//! so every view always shows the same selection.

use crate::edit::{Edit, History};
use crate::export::ExportFormat;
use crate::extract::{fold, Extractor, Gazetteer};
use crate::model::{RelationType, Span};
use crate::ui::bidi_label::install_fonts;
use crate::ui::corrections::{corrections_ui, CorrectionsState, Focus};
use crate::ui::graph::{graph_ui, GraphAction, GraphView};
use crate::ui::inspector::{inspector_ui, InspectorAction};
use crate::ui::legend::{legend_ui, LegendAction};
use crate::ui::palette;
use crate::ui::session::{open_article, Opened, Opening, Selection, Session};
use crate::ui::text_view::{Annotation, AnnotationKind, ArticleView, ArticleViewState, ViewEvent};
use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The bundled sample article, opened when no file is given.
pub const SAMPLE_PATH: &str = "assets/samples/israel-iraq-unsc-2024-11-19.txt";
const SAMPLE_BYTES: &[u8] = include_bytes!("../../assets/samples/israel-iraq-unsc-2024-11-19.txt");
/// How many recent files are remembered.
const RECENT_MAX: usize = 10;
/// A file dialog that answers faster than this never showed (no portal, no zenity).
const DIALOG_MIN_LIFETIME: Duration = Duration::from_millis(600);
/// How long a revealed span flashes.
const FLASH_SECONDS: f64 = 1.6;
const STORAGE_KEY: &str = "marsad";
/// How soon after an edit the corrections are written to the sidecar.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(700);
/// The widest the article column gets, in points.
const MAX_COLUMN_WIDTH: f32 = 820.0;

/// How the app was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub file: Option<PathBuf>,
    /// Close after the first frame that shows the article (start-up timing).
    pub quit_after_first_frame: bool,
    /// Start in reading mode: the article alone, without panels.
    pub reading: bool,
    /// When the process started, for the start-up report.
    pub started: Option<Instant>,
}

/// What survives a restart (window and panel sizes are kept by eframe itself).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Persisted {
    recent: Vec<PathBuf>,
    dark: bool,
    arabic_graph_labels: bool,
}

/// What the side panels asked for in one frame.
#[derive(Default)]
struct PanelActions {
    legend: Vec<LegendAction>,
    graph: Vec<GraphAction>,
    inspector: Vec<InspectorAction>,
    edits: Vec<Edit>,
}

/// A message for the user, dismissed with a click.
struct Notice {
    text: String,
    error: bool,
}

/// A file dialog running on its own thread.
struct DialogJob {
    started: Instant,
    receiver: Receiver<Option<PathBuf>>,
}

#[derive(Default)]
struct Find {
    open: bool,
    query: String,
    hits: Vec<Span>,
    current: usize,
    focus: bool,
}

pub struct MarsadApp {
    extractor: Arc<Extractor>,
    session: Option<Session>,
    /// Bumped whenever a new session replaces the old one.
    generation: u64,
    opening: Option<Opening>,
    dialog: Option<DialogJob>,
    path_field: Option<String>,
    notice: Option<Notice>,
    view: ArticleViewState,
    selection: Option<Selection>,
    hidden_actors: HashSet<String>,
    hidden_types: HashSet<RelationType>,
    graph_view: GraphView,
    find: Find,
    flash: Option<(Span, f64)>,
    mention_cursor: usize,
    annotations: Vec<Annotation>,
    annotations_key: u64,
    persisted: Persisted,
    options: Options,
    first_frame_reported: bool,
    /// How often the pointer has moved; tooltips wait for a pointer that is really in use, so a
    /// pointer parked over the window at start-up does not cover the text.
    pointer_moves: u8,
    last_pointer: Option<egui::Pos2>,
    history: History,
    corrections: CorrectionsState,
    /// The mention last clicked in the text, for the correction controls.
    focused_mention: Option<String>,
    /// When the first unsaved edit was made.
    unsaved_since: Option<Instant>,
}

impl MarsadApp {
    /// Builds the app; the initial article opens before the first frame, so it shows at once.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> MarsadApp {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = MarsadApp::with_settings(&cc.egui_ctx, options, persisted);
        app.open_initial();
        app
    }

    /// The app without eframe's creation context and with default settings (tests drive it
    /// through egui_kittest); nothing is opened yet.
    pub fn headless(ctx: &egui::Context, options: Options) -> MarsadApp {
        MarsadApp::with_settings(ctx, options, Persisted::default())
    }

    fn with_settings(ctx: &egui::Context, options: Options, persisted: Persisted) -> MarsadApp {
        install_fonts(ctx);
        // Ctrl +/- zoom the article text, not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(if persisted.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let (gazetteer, warning) = Gazetteer::with_user_file();
        let graph_view = GraphView {
            arabic_labels: persisted.arabic_graph_labels,
            ..GraphView::default()
        };
        MarsadApp {
            extractor: Arc::new(Extractor::new(gazetteer)),
            session: None,
            generation: 0,
            opening: None,
            dialog: None,
            path_field: None,
            notice: warning.map(|w| Notice {
                text: format!("{w}; the default gazetteer is used"),
                error: true,
            }),
            view: ArticleViewState::new(""),
            selection: None,
            hidden_actors: HashSet::new(),
            hidden_types: HashSet::new(),
            graph_view,
            find: Find::default(),
            flash: None,
            mention_cursor: 0,
            annotations: Vec::new(),
            annotations_key: 0,
            persisted,
            options,
            first_frame_reported: false,
            pointer_moves: 0,
            last_pointer: None,
            history: History::default(),
            corrections: CorrectionsState::default(),
            focused_mention: None,
            unsaved_since: None,
        }
    }

    /// Opens the file given on the command line, or the bundled sample, synchronously.
    pub fn open_initial(&mut self) {
        let opened = match self.options.file.clone() {
            Some(path) => open_article(&self.extractor, &path),
            None if Path::new(SAMPLE_PATH).exists() => {
                open_article(&self.extractor, Path::new(SAMPLE_PATH))
            }
            None => open_sample(&self.extractor),
        };
        self.finish_opening(opened);
    }

    /// Opens `path` now, on this thread: the function the dialog, drag-and-drop and tests share
    /// with the background opener.
    pub fn open_now(&mut self, path: &Path) {
        let opened = open_article(&self.extractor, path);
        self.finish_opening(opened);
    }

    /// Starts opening `path` in the background; the current article stays until it is done.
    pub fn open_in_background(&mut self, ctx: &egui::Context, path: PathBuf) {
        let ctx = ctx.clone();
        self.opening = Some(Opening::start(self.extractor.clone(), path, move || {
            ctx.request_repaint()
        }));
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// The message shown to the user, if any (tests read it).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    pub fn view_state(&mut self) -> &mut ArticleViewState {
        &mut self.view
    }

    fn finish_opening(&mut self, opened: Opened) {
        match opened {
            Ok(mut session) => {
                self.save_now();
                self.history = History::default();
                self.focused_mention = None;
                let session_warning = session.warning.take();
                self.remember(&session.path);
                self.view.set_text(&session.doc.text);
                self.session = Some(session);
                self.generation += 1;
                self.selection = None;
                self.hidden_actors.clear();
                self.hidden_types.clear();
                self.find.hits.clear();
                self.flash = None;
                self.mention_cursor = 0;
                self.notice = session_warning.map(|text| Notice { text, error: true });
            }
            Err(message) => {
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        let Ok(path) = path.canonicalize() else {
            return;
        };
        self.persisted.recent.retain(|p| p != &path);
        self.persisted.recent.insert(0, path);
        self.persisted.recent.truncate(RECENT_MAX);
    }

    fn start_dialog(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Open an article")
                .add_filter("Articles", &["txt", "text", "html", "htm", "xhtml"])
                .add_filter("All files", &["*"])
                .pick_file();
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        self.dialog = Some(DialogJob {
            started: Instant::now(),
            receiver,
        });
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(opened) = self.opening.as_ref().and_then(Opening::poll) {
            self.opening = None;
            self.finish_opening(opened);
        }
        let answer = self
            .dialog
            .as_ref()
            .and_then(|job| job.receiver.try_recv().ok().map(|r| (r, job.started)));
        if let Some((picked, started)) = answer {
            self.dialog = None;
            match picked {
                Some(path) => self.open_in_background(ctx, path),
                None if started.elapsed() < DIALOG_MIN_LIFETIME => {
                    self.notice = Some(Notice {
                        text: "No file dialog could be shown on this desktop (no desktop portal \
                               or zenity). Type the article's path instead."
                            .into(),
                        error: false,
                    });
                    self.path_field.get_or_insert_with(String::new);
                }
                None => {}
            }
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_in_background(ctx, path);
        }
        let shortcut = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut(Key::O))) {
            self.start_dialog(ctx);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut(Key::F))) {
            self.find.open = true;
            self.find.focus = true;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            if self.find.open {
                self.find = Find::default();
            } else {
                self.selection = None;
            }
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F3)) {
            self.step_find(1);
        }
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        if ctx.input_mut(|i| i.consume_shortcut(&redo) || i.consume_shortcut(&shortcut(Key::Y))) {
            self.redo();
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut(Key::Z))) {
            self.undo();
        }
    }

    fn step_find(&mut self, step: i32) {
        let n = self.find.hits.len();
        if n == 0 {
            return;
        }
        self.find.current = (self.find.current as i64 + step as i64).rem_euclid(n as i64) as usize;
        let hit = self.find.hits[self.find.current];
        self.reveal(hit);
    }

    /// Scrolls the text to `span` and flashes it.
    fn reveal(&mut self, span: Span) {
        self.view.scroll_to(span.start..span.end);
        self.flash = Some((span, f64::NAN));
    }

    fn select(&mut self, selection: Selection) {
        if let Selection::Actor(_) = &selection {
            self.mention_cursor = usize::MAX;
        }
        self.selection = Some(selection);
    }

    fn step_mention(&mut self, step: i32) {
        let (Some(session), Some(Selection::Actor(actor))) = (&self.session, &self.selection)
        else {
            return;
        };
        let mentions = session.mentions_of(actor);
        if mentions.is_empty() {
            return;
        }
        let n = mentions.len() as i64;
        let next = if self.mention_cursor == usize::MAX {
            if step > 0 {
                0
            } else {
                n - 1
            }
        } else {
            (self.mention_cursor as i64 + step as i64).rem_euclid(n)
        };
        self.mention_cursor = next as usize;
        self.reveal(mentions[self.mention_cursor]);
    }

    /// Applies corrections to the document; they can be undone and are saved shortly after.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let mut changed = false;
        for edit in edits {
            changed |= self.history.apply(&mut session.doc, edit);
        }
        if changed {
            self.after_edit();
        }
    }

    pub fn undo(&mut self) {
        if let Some(session) = &mut self.session {
            if self.history.undo(&mut session.doc) {
                self.after_edit();
            }
        }
    }

    pub fn redo(&mut self) {
        if let Some(session) = &mut self.session {
            if self.history.redo(&mut session.doc) {
                self.after_edit();
            }
        }
    }

    /// Runs the extractor again (a changed gazetteer may find more) and keeps every correction.
    pub fn reextract(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let fresh = self
            .extractor
            .annotate(&session.doc.text, session.doc.source.clone());
        session.doc = crate::edit::merge_reextraction(&session.doc, fresh);
        self.history = History::default();
        self.after_edit();
    }

    fn after_edit(&mut self) {
        if let Some(session) = &mut self.session {
            session.refresh();
            let doc = &session.doc;
            if let Some(id) = &self.focused_mention {
                if !doc.mentions.iter().any(|m| &m.id == id) {
                    self.focused_mention = None;
                }
            }
            if let Some(Selection::Statement(i)) = self.selection {
                if i >= doc.statements.len() {
                    self.selection = None;
                }
            }
        }
        self.generation += 1;
        self.unsaved_since.get_or_insert_with(Instant::now);
    }

    /// Writes the corrections to the article's sidecar, if there are unsaved ones.
    pub fn save_now(&mut self) {
        if self.unsaved_since.take().is_none() {
            return;
        }
        let Some(session) = &self.session else { return };
        if let Err(e) = crate::sidecar::save(&session.path, &session.doc) {
            self.notice = Some(Notice {
                text: format!(
                    "{}: cannot save the corrections: {e}",
                    crate::sidecar::sidecar_path(&session.path).display()
                ),
                error: true,
            });
        }
    }

    /// Applies what a panel asked for.
    fn apply_inspector(&mut self, actions: Vec<InspectorAction>) {
        for action in actions {
            match action {
                InspectorAction::Select(s) => self.select(s),
                InspectorAction::Reveal(span) => self.reveal(span),
                InspectorAction::StepMention(step) => self.step_mention(step),
            }
        }
    }

    fn apply_view_events(&mut self, events: Vec<ViewEvent>) {
        for event in events {
            let ViewEvent::Clicked {
                annotation: Some(id),
                ..
            } = event
            else {
                continue;
            };
            let Some(session) = &self.session else {
                return;
            };
            let doc = &session.doc;
            if let Some(m) = doc.mentions.iter().find(|m| m.id == id) {
                let actor = m.actor.clone();
                self.focused_mention = Some(m.id.clone());
                self.select(Selection::Actor(actor));
            } else if let Some(i) = doc.statements.iter().position(|s| s.id == id) {
                self.select(Selection::Statement(i));
            }
        }
    }

    /// The annotation layers of the text, rebuilt only when what they show changes.
    fn refresh_annotations(&mut self, now: f64) {
        let Some(session) = &self.session else {
            self.annotations.clear();
            return;
        };
        if let Some((span, started)) = self.flash {
            if started.is_nan() {
                self.flash = Some((span, now));
            } else if now - started > FLASH_SECONDS {
                self.flash = None;
            }
        }
        let mut hasher = DefaultHasher::new();
        self.generation.hash(&mut hasher);
        self.selection.hash(&mut hasher);
        let mut hidden: Vec<&String> = self.hidden_actors.iter().collect();
        hidden.sort();
        hidden.hash(&mut hasher);
        let mut types: Vec<&RelationType> = self.hidden_types.iter().collect();
        types.sort();
        types.hash(&mut hasher);
        self.find.hits.hash(&mut hasher);
        self.find.current.hash(&mut hasher);
        self.flash.map(|(s, _)| s).hash(&mut hasher);
        let key = hasher.finish();
        if key == self.annotations_key && !self.annotations.is_empty() {
            return;
        }
        self.annotations_key = key;
        self.annotations = build_annotations(
            session,
            self.selection.as_ref(),
            &self.hidden_actors,
            &self.hidden_types,
            &self.find,
            self.flash.map(|(s, _)| s),
        );
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open…  (Ctrl+O)").clicked() {
                    self.start_dialog(&ctx);
                    ui.close();
                }
                if ui.button("Open path…").clicked() {
                    self.path_field.get_or_insert_with(String::new);
                    ui.close();
                }
                ui.menu_button("Open recent", |ui| {
                    if self.persisted.recent.is_empty() {
                        ui.label(RichText::new("Nothing yet").weak());
                    }
                    for path in self.persisted.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.open_in_background(&ctx, path);
                            ui.close();
                        }
                    }
                });
                ui.menu_button("Export", |ui| {
                    for format in ExportFormat::ALL {
                        if ui.button(format.as_str()).clicked() {
                            self.export(format);
                            ui.close();
                        }
                    }
                });
                if ui.button("Extract again (keeps corrections)").clicked() {
                    self.reextract();
                    ui.close();
                }
                if ui.button("Open the sample").clicked() {
                    let opened = open_sample(&self.extractor);
                    self.finish_opening(opened);
                    ui.close();
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(self.history.can_undo(), egui::Button::new("Undo  (Ctrl+Z)"))
                    .clicked()
                {
                    self.undo();
                    ui.close();
                }
                if ui
                    .add_enabled(
                        self.history.can_redo(),
                        egui::Button::new("Redo  (Ctrl+Shift+Z)"),
                    )
                    .clicked()
                {
                    self.redo();
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .checkbox(&mut self.persisted.dark, "Dark theme")
                    .changed()
                {
                    ctx.set_theme(if self.persisted.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
                ui.checkbox(
                    &mut self.graph_view.arabic_labels,
                    "Arabic labels in the graph",
                );
                ui.checkbox(&mut self.options.reading, "Reading mode (article only)");
                if ui.button("Find in text  (Ctrl+F)").clicked() {
                    self.find.open = true;
                    self.find.focus = true;
                    ui.close();
                }
                if ui.button("Reset graph view").clicked() {
                    self.graph_view.zoom = 1.0;
                    self.graph_view.pan = egui::Vec2::ZERO;
                    if let Some(s) = &mut self.session {
                        s.positions = s.graph.layout();
                    }
                    ui.close();
                }
            });
            if self.opening.is_some() || self.dialog.is_some() {
                ui.spinner();
                let what = match &self.opening {
                    Some(o) => format!("Opening {}…", o.path.display()),
                    None => "Waiting for the file dialog…".into(),
                };
                ui.label(what);
            }
        });
    }

    /// Writes the article's annotations in `format` into a folder beside the article
    /// (`STEM-marsad/`), so an export never overwrites the article itself.
    pub fn export(&mut self, format: ExportFormat) {
        let Some(session) = &self.session else {
            return;
        };
        let stem = session
            .path
            .file_stem()
            .map_or("article".to_string(), |s| s.to_string_lossy().into_owned());
        let folder = session
            .path
            .parent()
            .unwrap_or(Path::new("."))
            .join(format!("{stem}-marsad"));
        let files = crate::export::export(&session.doc, format, &stem);
        let inputs = crate::export::Inputs::new([
            session.path.clone(),
            crate::sidecar::sidecar_path(&session.path),
        ]);
        let written = crate::export::write_files(&folder, &files, &inputs);
        self.notice = Some(match written {
            Ok(_) => Notice {
                text: format!(
                    "Exported {} ({} files) to {}",
                    format.as_str(),
                    files.len(),
                    folder.display()
                ),
                error: false,
            },
            Err(e) => Notice {
                text: format!("Cannot export: {e}"),
                error: true,
            },
        });
    }

    fn notice_ui(&mut self, ui: &mut Ui) {
        let Some(notice) = &self.notice else { return };
        let colour = if notice.error {
            Color32::from_rgb(200, 50, 50)
        } else {
            Color32::from_rgb(40, 110, 200)
        };
        let mut dismiss = false;
        egui::Frame::new()
            .fill(palette::tint(colour, 40))
            .stroke(egui::Stroke::new(1.0, colour))
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&notice.text).color(ui.visuals().strong_text_color()));
                    if ui.button("Dismiss").clicked() {
                        dismiss = true;
                    }
                });
            });
        if dismiss {
            self.notice = None;
        }
    }

    fn path_field_ui(&mut self, ui: &mut Ui) {
        let Some(field) = &mut self.path_field else {
            return;
        };
        let mut open = None;
        let mut cancel = false;
        ui.horizontal(|ui| {
            ui.label("Path:");
            let edit = ui.add(
                egui::TextEdit::singleline(field)
                    .hint_text("/path/to/article.txt")
                    .desired_width(480.0),
            );
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if ui.button("Open").clicked() || entered {
                open = Some(PathBuf::from(field.trim()));
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
        if let Some(path) = open {
            self.path_field = None;
            self.open_in_background(ui.ctx(), path);
        } else if cancel {
            self.path_field = None;
        }
    }

    fn find_ui(&mut self, ui: &mut Ui) {
        if !self.find.open {
            return;
        }
        let mut step = 0;
        let mut close = false;
        ui.horizontal(|ui| {
            ui.label("Find:");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.find.query)
                    .hint_text("ignores diacritics and letter variants")
                    .desired_width(260.0),
            );
            if self.find.focus {
                edit.request_focus();
                self.find.focus = false;
            }
            if edit.changed() {
                self.find.hits = self
                    .session
                    .as_ref()
                    .map(|s| fold::find_all(&s.doc.text, &self.find.query))
                    .unwrap_or_default();
                self.find.current = self.find.hits.len().saturating_sub(1);
                step = 1;
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                step = 1;
                edit.request_focus();
            }
            if ui.button("Previous").clicked() {
                step = -1;
            }
            if ui.button("Next").clicked() {
                step = 1;
            }
            let n = self.find.hits.len();
            let at = if n > 0 { self.find.current + 1 } else { 0 };
            ui.label(format!("{at}/{n}"));
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if close {
            self.find = Find::default();
        } else if step != 0 {
            self.step_find(step);
        }
    }

    fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| match &self.session {
            Some(s) => {
                let d = &s.doc;
                ui.label(
                    s.path
                        .file_name()
                        .map_or(d.source.path.clone(), |f| f.to_string_lossy().into_owned()),
                );
                ui.separator();
                ui.label(format!("{} · {}", d.source.encoding, d.source.format));
                ui.separator();
                ui.label(format!(
                    "{} actors · {} mentions · {} statements · {} relations",
                    s.graph.nodes.len(),
                    d.mentions.len(),
                    d.statements.len(),
                    d.relations.len()
                ));
                ui.separator();
                ui.label(format!("extracted in {:.0} ms", s.extraction_ms));
            }
            None => {
                ui.label("No article open. File > Open… (Ctrl+O), or drop a file here.");
            }
        });
    }

    fn report_first_frame(&mut self, ctx: &egui::Context) {
        if self.first_frame_reported || self.session.is_none() {
            return;
        }
        self.first_frame_reported = true;
        if let Some(started) = self.options.started {
            eprintln!(
                "marsad: first annotated frame after {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        if self.options.quit_after_first_frame {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for MarsadApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_background(&ctx);
        self.handle_input(&ctx);
        let now = ctx.input(|i| i.time);
        let pointer = ctx.input(|i| i.pointer.latest_pos());
        if pointer.is_some() && pointer != self.last_pointer {
            self.pointer_moves = self.pointer_moves.saturating_add(1);
            self.last_pointer = pointer;
        }
        if let Some(since) = self.unsaved_since {
            if since.elapsed() >= AUTOSAVE_DELAY {
                self.save_now();
            } else {
                ctx.request_repaint_after(AUTOSAVE_DELAY);
            }
        }
        self.refresh_annotations(now);
        if self.flash.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui);
            self.notice_ui(ui);
            self.path_field_ui(ui);
            self.find_ui(ui);
        });
        if !self.options.reading {
            egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        }

        if self.session.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("Open an article: File > Open… (Ctrl+O), or drop a file here.");
                });
            });
            return;
        }

        let panels = if self.options.reading {
            PanelActions::default()
        } else {
            self.panels_ui(ui)
        };
        let Some(session) = &self.session else { return };
        let title = session.doc.text.lines().next().unwrap_or("").to_string();
        let mut menu_edits: Vec<Edit> = Vec::new();
        let edits = &mut menu_edits;
        let mention_menu = move |ui: &mut Ui, annotation: Option<&str>| {
            mention_menu_ui(ui, session, annotation, edits);
        };
        let events = egui::CentralPanel::default()
            .show(ui, |ui| {
                // Lines of readable length: a wide window gets margins, not 200-letter lines.
                let mut column = ui.available_rect_before_wrap();
                let spare = column.width() - MAX_COLUMN_WIDTH;
                if spare > 0.0 {
                    column = column.shrink2(egui::vec2(spare / 2.0, 0.0));
                }
                ui.scope_builder(egui::UiBuilder::new().max_rect(column), |ui| {
                    ArticleView::new(&self.annotations)
                        .accessible_label(format!("Article: {title}"))
                        .tooltips(self.pointer_moves > 1)
                        .context_menu(mention_menu)
                        .show(ui, &mut self.view)
                        .events
                })
                .inner
            })
            .inner;
        self.apply_panels(panels);
        self.apply_edits(menu_edits);
        self.apply_view_events(events);
        self.report_first_frame(&ctx);
    }

    fn on_exit(&mut self) {
        self.save_now();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.persisted.arabic_graph_labels = self.graph_view.arabic_labels;
        eframe::set_value(storage, STORAGE_KEY, &self.persisted);
    }
}

impl MarsadApp {
    /// The legend on the left; the graph and the inspector on the right.
    fn panels_ui(&mut self, ui: &mut Ui) -> PanelActions {
        let text_selection = self.view.selection().map(|r| Span::new(r.start, r.end));
        let mut gazetteer_entry = None;
        let Some(session) = &mut self.session else {
            return PanelActions::default();
        };
        let legend = egui::Panel::left("legend")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| {
                        legend_ui(
                            ui,
                            session,
                            self.selection.as_ref(),
                            &self.hidden_actors,
                            &self.hidden_types,
                        )
                    })
                    .inner
            })
            .inner;

        let mention_cursor = match &self.selection {
            Some(Selection::Actor(a)) if self.mention_cursor != usize::MAX => {
                Some((self.mention_cursor, session.mentions_of(a).len()))
            }
            _ => None,
        };
        let (graph_actions, inspector_actions) = egui::Panel::right("side")
            .resizable(true)
            .default_size(440.0)
            .show(ui, |ui| {
                let graph_actions = egui::Panel::top("graph")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| {
                        graph_ui(
                            ui,
                            session,
                            &mut self.graph_view,
                            self.selection.as_ref(),
                            &self.hidden_actors,
                            &self.hidden_types,
                        )
                    })
                    .inner;
                let (edits, inspector_actions) = egui::ScrollArea::vertical()
                    .id_salt("inspector")
                    .show(ui, |ui| {
                        let focus = Focus {
                            mention: self
                                .focused_mention
                                .as_ref()
                                .and_then(|id| session.doc.mentions.iter().find(|m| &m.id == id)),
                            text_selection,
                            selection: self.selection.as_ref(),
                        };
                        let corrections = corrections_ui(ui, session, focus, &mut self.corrections);
                        if let Some(entry) = corrections.save_to_gazetteer {
                            gazetteer_entry = Some(entry);
                        }
                        let edits = corrections.edits;
                        let actions =
                            inspector_ui(ui, session, self.selection.as_ref(), mention_cursor);
                        (edits, actions)
                    })
                    .inner;
                (graph_actions, (edits, inspector_actions))
            })
            .inner;
        let (edits, inspector_actions) = inspector_actions;

        if let Some(entry) = gazetteer_entry {
            self.remember_actor(entry);
        }
        PanelActions {
            legend,
            graph: graph_actions,
            inspector: inspector_actions,
            edits,
        }
    }

    /// Adds an actor to the user's gazetteer, so the next articles find it too.
    fn remember_actor(&mut self, entry: crate::extract::Entry) {
        let Some(path) = crate::extract::gazetteer::user_gazetteer_path() else {
            return;
        };
        let id = entry.id.clone();
        self.notice = Some(match crate::extract::save_user_entry(&path, entry) {
            Ok(()) => {
                // The next article opened (or extracted again) knows the actor.
                self.extractor = Arc::new(Extractor::new(Gazetteer::with_user_file().0));
                Notice {
                    text: format!("{id} saved to {}", path.display()),
                    error: false,
                }
            }
            Err(e) => Notice {
                text: e.to_string(),
                error: true,
            },
        });
    }

    fn apply_panels(&mut self, actions: PanelActions) {
        let PanelActions {
            legend,
            graph: graph_actions,
            inspector: inspector_actions,
            edits,
        } = actions;
        self.apply_edits(edits);
        for action in legend {
            match action {
                LegendAction::Select(s) => self.select(s),
                LegendAction::ToggleActor(a) => {
                    if !self.hidden_actors.remove(&a) {
                        self.hidden_actors.insert(a);
                    }
                }
                LegendAction::ToggleType(t) => {
                    if !self.hidden_types.remove(&t) {
                        self.hidden_types.insert(t);
                    }
                }
            }
        }
        for GraphAction::Select(s) in graph_actions {
            self.select(s);
        }
        self.apply_inspector(inspector_actions);
    }
}

/// The right-click menu of a mention: point it at another actor, or remove it.
fn mention_menu_ui(
    ui: &mut Ui,
    session: &Session,
    annotation: Option<&str>,
    edits: &mut Vec<Edit>,
) {
    let doc = &session.doc;
    let Some(m) = annotation.and_then(|id| doc.mentions.iter().find(|m| m.id == id)) else {
        return;
    };
    ui.label(format!("Mention of {}", session.name_en(&m.actor)));
    if ui.button("Remove mention").clicked() {
        edits.push(Edit::remove_mention(doc, m));
        ui.close();
    }
    ui.menu_button("Change actor", |ui| {
        for node in &session.graph.nodes {
            if node.actor != m.actor && ui.button(session.name_en(&node.actor)).clicked() {
                edits.push(Edit::set_mention_actor(m, &node.actor));
                ui.close();
            }
        }
    });
}

/// The bundled sample, from the binary when the assets folder is not beside it.
fn open_sample(extractor: &Extractor) -> Opened {
    let started = Instant::now();
    let doc = crate::ingest::from_bytes(SAMPLE_BYTES, SAMPLE_PATH).map_err(|e| e.to_string())?;
    let annotated = extractor.annotate_owned(doc.text, doc.source);
    Ok(Session::new(
        annotated,
        PathBuf::from(SAMPLE_PATH),
        started.elapsed().as_secs_f64() * 1000.0,
    ))
}

/// Mentions coloured by actor, statements underlined with their cue and speaker marked, find hits
/// and the flashing span; what is hidden or unselected is drawn fainter.
fn build_annotations(
    session: &Session,
    selection: Option<&Selection>,
    hidden_actors: &HashSet<String>,
    hidden_types: &HashSet<RelationType>,
    find: &Find,
    flash: Option<Span>,
) -> Vec<Annotation> {
    let doc = &session.doc;
    let selected_actor = match selection {
        Some(Selection::Actor(a)) => Some(doc.top_level(a)),
        _ => None,
    };
    let selected_statement = match selection {
        Some(Selection::Statement(i)) => Some(*i),
        _ => None,
    };
    let mut out = Vec::with_capacity(doc.mentions.len() + doc.statements.len() * 2);
    let speakers: HashSet<&str> = doc
        .statements
        .iter()
        .filter(|s| !hidden_types.contains(&s.kind))
        .filter_map(|s| s.speaker_mention.as_deref())
        .collect();
    for m in &doc.mentions {
        let top = doc.top_level(&m.actor);
        if hidden_actors.contains(&top) {
            continue;
        }
        let alpha = match &selected_actor {
            Some(a) if *a == top => 140,
            Some(_) => 30,
            None => 60,
        };
        // A speaker's name gets the speaker mark (tint and bar) instead of the plain tint.
        let (kind, colour) = if speakers.contains(m.id.as_str()) {
            (AnnotationKind::Speaker, session.colour(&m.actor))
        } else {
            (
                AnnotationKind::Mention,
                palette::tint(session.colour(&m.actor), alpha),
            )
        };
        out.push(Annotation {
            range: m.start..m.end,
            id: m.id.clone(),
            kind,
            color: colour,
            tooltip: Some(format!(
                "{} · {}",
                session.name_en(&m.actor),
                session.name_ar(&m.actor)
            )),
        });
    }
    for (i, s) in doc.statements.iter().enumerate() {
        if hidden_types.contains(&s.kind) || hidden_actors.contains(&doc.top_level(&s.speaker)) {
            continue;
        }
        let chosen = selected_statement == Some(i)
            || selected_actor
                .as_ref()
                .is_some_and(|a| session.belongs_to(&s.speaker, a));
        let colour = palette::relation_colour(s.kind);
        let tooltip = format!("{}: {}", session.name_en(&s.speaker), s.kind.as_str());
        out.push(Annotation {
            range: s.content.start..s.content.end,
            id: s.id.clone(),
            kind: AnnotationKind::StatementContent,
            color: if chosen {
                colour
            } else {
                colour.gamma_multiply(0.6)
            },
            tooltip: Some(tooltip.clone()),
        });
        out.push(Annotation {
            range: s.cue.start..s.cue.end,
            id: s.id.clone(),
            kind: AnnotationKind::Cue,
            color: colour,
            tooltip: Some(tooltip),
        });
    }
    for (n, hit) in find.hits.iter().enumerate() {
        let alpha = if n == find.current { 220 } else { 120 };
        out.push(Annotation {
            range: hit.start..hit.end,
            id: format!("find-{n}"),
            kind: AnnotationKind::Mention,
            color: Color32::from_rgba_unmultiplied(250, 210, 40, alpha),
            tooltip: None,
        });
    }
    if let Some(span) = flash {
        out.push(Annotation {
            range: span.start..span.end,
            id: "flash".into(),
            kind: AnnotationKind::Mention,
            color: Color32::from_rgba_unmultiplied(255, 140, 0, 140),
            tooltip: None,
        });
    }
    out
}

/// Runs the app in a native window.
pub fn run(options: Options) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marsad · مرصد")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Marsad",
        native,
        Box::new(move |cc| Ok(Box::new(MarsadApp::new(cc, options)))),
    )
}
