//! The Marsad window: saved [`Preferences`], the open document ([`Session`]: model, history,
//! autosave, derived caches) and the [`ViewState`] of what is shown, wired together.
//!
//! Menus, keys, panels and the text view never change state themselves: they push [`Command`]s,
//! and [`MarsadApp::apply`] carries them out, so every view always shows the same selection.

use crate::autosave::SaveFailure;
use crate::edit::Edit;
use crate::export::ExportFormat;
use crate::extract::{Extractor, Gazetteer};
use crate::sidecar::SaveOutcome;
use crate::ui::bidi_label::{install_fonts, BidiLabel};
use crate::ui::chrome::{
    find_bar_ui, notice_ui, path_field_ui, save_warning_ui, status_ui, unsaved_question_ui,
};
use crate::ui::command::Command;
use crate::ui::corpus::indexing::{store_for_folder, Indexing};
use crate::ui::corpus::{corpus_ui, CorpusAction, CorpusView, Jump};
use crate::ui::corrections::{corrections_ui, Focus};
use crate::ui::graph::{graph_ui, GraphAction};
use crate::ui::inspector::inspector_ui;
use crate::ui::layers::Layers;
use crate::ui::legend::legend_ui;
use crate::ui::menu::{menu_bar_ui, MenuContext};
use crate::ui::prefs::{Preferences, STORAGE_KEY};
use crate::ui::session::{open_article, open_sample, Opened, Opening, Selection, Session};
use crate::ui::strings::{Language, Strings};
use crate::ui::text_view::{ArticleView, ViewEvent};
use crate::ui::view_state::{Notice, ViewState};
use crate::ui::window::{self, Panel};
use egui::Ui;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use crate::ui::session::SAMPLE_PATH;

/// A file dialog that answers faster than this never showed (no portal, no zenity).
const DIALOG_MIN_LIFETIME: Duration = Duration::from_millis(600);
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

/// Work running off the UI thread.
#[derive(Default)]
struct Jobs {
    opening: Option<Opening>,
    dialog: Option<Dialog>,
}

/// A file dialog on its own thread.
struct Dialog {
    shown: Instant,
    /// It asks where to save (Save As), not what to open.
    saves: bool,
    /// It asks for a folder (of articles, to open as a corpus).
    folder: bool,
    answer: Receiver<Option<PathBuf>>,
}

/// What waits for an answer to "your corrections could not be saved".
enum Waiting {
    Quit,
    /// The article opened meanwhile, shown once the question is answered.
    Open(Box<Session>),
}

/// Whether the pointer is really in use: tooltips wait for it, so a pointer parked over the
/// window at start-up does not cover the text.
#[derive(Default)]
struct PointerUse {
    moves: u8,
    last: Option<egui::Pos2>,
}

impl PointerUse {
    fn update(&mut self, ctx: &egui::Context) {
        let pointer = ctx.input(|i| i.pointer.latest_pos());
        if pointer.is_some() && pointer != self.last {
            self.moves = self.moves.saturating_add(1);
            self.last = pointer;
        }
    }

    fn in_use(&self) -> bool {
        self.moves > 1
    }
}

pub struct MarsadApp {
    ctx: egui::Context,
    extractor: Arc<Extractor>,
    prefs: Preferences,
    session: Option<Session>,
    view: ViewState,
    jobs: Jobs,
    pointer: PointerUse,
    options: Options,
    first_frame_reported: bool,
    /// Set while the user is asked what to do with corrections that cannot be saved.
    waiting: Option<Waiting>,
    /// The user chose to close without the unsaved corrections.
    may_close: bool,
    /// The corpus open beside the article, whether the window shows it, and whether the article
    /// was opened from it (Back returns there).
    corpus: Option<CorpusView>,
    showing_corpus: bool,
    from_corpus: bool,
}

impl MarsadApp {
    /// Builds the app; the initial article opens before the first frame, so it shows at once.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> MarsadApp {
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = MarsadApp::with_prefs(&cc.egui_ctx, options, prefs);
        app.open_initial();
        app
    }

    /// The app without eframe's creation context and with default preferences (tests drive it
    /// through egui_kittest); nothing is opened yet.
    pub fn headless(ctx: &egui::Context, options: Options) -> MarsadApp {
        MarsadApp::with_prefs(ctx, options, Preferences::default())
    }

    fn with_prefs(ctx: &egui::Context, options: Options, prefs: Preferences) -> MarsadApp {
        install_fonts(ctx);
        // Ctrl +/- zoom the article text, not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(prefs.theme());
        let (gazetteer, warning) = Gazetteer::with_user_file();
        let mut view = ViewState::new(options.reading);
        view.graph.arabic_labels = prefs.arabic_graph_labels;
        view.notice = warning.map(|w| {
            let why = w.to_string();
            Notice::error(move |t| (t.gazetteer_unreadable)(&why))
        });
        MarsadApp {
            ctx: ctx.clone(),
            extractor: Arc::new(Extractor::new(gazetteer)),
            prefs,
            session: None,
            view,
            jobs: Jobs::default(),
            pointer: PointerUse::default(),
            options,
            first_frame_reported: false,
            waiting: None,
            may_close: false,
            corpus: None,
            showing_corpus: false,
            from_corpus: false,
        }
    }

    /// Opens the file given on the command line, or the bundled sample, synchronously.
    pub fn open_initial(&mut self) {
        let opened = match self.options.file.clone() {
            Some(path) if path.is_dir() || crate::ui::corpus::is_store(&path) => {
                return self.open_corpus(&path);
            }
            Some(path) => open_article(&self.extractor, &path),
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

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn selection(&self) -> Option<&Selection> {
        self.view.selection.as_ref()
    }

    /// What the window shows (tests read and steer it).
    pub fn view(&mut self) -> &mut ViewState {
        &mut self.view
    }

    pub fn prefs(&self) -> &Preferences {
        &self.prefs
    }

    /// The message shown to the user, if any (tests read it).
    pub fn notice(&self) -> Option<String> {
        self.view.notice.as_ref().map(|n| n.text(self.strings()))
    }

    /// Whether the user is being asked what to do with corrections that cannot be saved.
    pub fn asking_about_unsaved(&self) -> bool {
        self.waiting.is_some()
    }

    fn strings(&self) -> &'static Strings {
        self.prefs.language.strings()
    }

    /// Carries out one command: the only place where user actions change the app.
    pub fn apply(&mut self, command: Command) {
        let ctx = self.ctx.clone();
        match command {
            Command::OpenDialog => self.start_dialog(false),
            Command::OpenFolderDialog => self.start_folder_dialog(),
            Command::OpenCorpus(path) => self.open_corpus(&path),
            Command::ShowCorpus => self.showing_corpus = self.corpus.is_some(),
            Command::Back => self.back(),
            Command::OpenAt(jump) => self.open_at(&jump),
            Command::CancelIndexing => {
                if let Some(job) = self.corpus.as_ref().and_then(|c| c.indexing.as_ref()) {
                    job.cancel();
                }
            }
            Command::ExportCorpus(what) => self.export_corpus(what),
            Command::OpenPathField => {
                self.view.path_field.get_or_insert_with(String::new);
                self.view.path_field_saves = false;
                self.view.focus_path_field = true;
            }
            Command::Save => {
                self.save_now();
            }
            Command::SaveAs => {
                if self.session.is_some() {
                    self.start_dialog(true);
                }
            }
            Command::SaveTo(path) => {
                self.view.path_field = None;
                self.save_as(&path);
            }
            Command::DiscardUnsaved => {
                if let Some(waiting) = self.waiting.take() {
                    self.go_on(waiting);
                }
            }
            Command::KeepUnsaved => self.waiting = None,
            Command::ClosePathField => self.view.path_field = None,
            Command::OpenFile(path) => {
                self.view.path_field = None;
                self.open_path(path);
            }
            Command::OpenSample => {
                let opened = open_sample(&self.extractor);
                self.finish_opening(opened);
            }
            Command::Export(format) => self.export(format),
            Command::Reextract => {
                if let Some(session) = &mut self.session {
                    session.reextract(&self.extractor);
                    self.view.forget_missing(session);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => self.change_document(Session::undo),
            Command::Redo => self.change_document(Session::redo),
            Command::Edits(edits) => self.apply_edits(edits),
            Command::RememberActor(entry) => self.remember_actor(entry),
            Command::OpenFind => {
                if self.session.is_some() {
                    self.view.find.open();
                }
            }
            Command::CloseFind => self.view.find.close(),
            Command::FindNext => self.view.step_find(1),
            Command::FindPrevious => self.view.step_find(-1),
            Command::FindQuery(query) => self.view.find.edit(query, ctx.input(|i| i.time)),
            Command::Select(selection) => self.view.select(selection),
            Command::FocusMention(id) => {
                let actor = self
                    .session
                    .as_ref()
                    .and_then(|s| s.doc.mentions.iter().find(|m| m.id == id))
                    .map(|m| m.actor.clone());
                if let Some(actor) = actor {
                    self.view.focused_mention = Some(id);
                    self.view.select(Selection::Actor(actor));
                }
            }
            Command::Reveal(span) => self.view.reveal(span),
            Command::ShowMore => self.view.list_limit += crate::ui::view_state::LIST_PAGE,
            Command::StepMention(step) => {
                if let Some(session) = &self.session {
                    self.view.step_mention(session, step);
                }
            }
            Command::GoToStart => self.view.article.scroll_to_start(),
            Command::GoToEnd => self.view.article.scroll_to_end(),
            Command::Cancel => self.view.cancel(),
            Command::ToggleDark => {
                self.prefs.dark = !self.prefs.dark;
                ctx.set_theme(self.prefs.theme());
            }
            Command::ToggleReading => self.view.reading = !self.view.reading,
            Command::ToggleLegend => {
                self.prefs.legend = !self.view.panels_shown.legend;
                self.view.panel_first = self.prefs.legend.then_some(Panel::Legend);
            }
            Command::ToggleSidePanel => {
                self.prefs.side_panel = !self.view.panels_shown.side;
                self.view.panel_first = self.prefs.side_panel.then_some(Panel::Side);
            }
            Command::ToggleGraphLabels => {
                self.view.graph.arabic_labels = !self.view.graph.arabic_labels;
            }
            Command::ResetGraph => self.view.graph.reset(),
            Command::GraphArranged => {
                if let Some(session) = &mut self.session {
                    session.presentation_changed();
                }
            }
            Command::ExportGraph(file) => {
                self.write_export(vec![file], |t: &Strings| t.graph_picture_export)
            }
            Command::SetLanguage(language) => {
                self.prefs.language = language;
                // The graphs name actors in the language just chosen; their toggle still switches.
                let arabic = language == Language::Arabic;
                self.view.graph.arabic_labels = arabic;
                if let Some(corpus) = &mut self.corpus {
                    corpus.graph.view.arabic_labels = arabic;
                }
            }
            Command::ToggleActor(actor) => {
                if !self.view.hidden_actors.remove(&actor) {
                    self.view.hidden_actors.insert(actor);
                }
            }
            Command::ToggleType(kind) => {
                if !self.view.hidden_types.remove(&kind) {
                    self.view.hidden_types.insert(kind);
                }
            }
            Command::DismissNotice => self.view.notice = None,
        }
        ctx.request_repaint();
    }

    /// Applies corrections to the document; they can be undone and are saved shortly after.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) {
        self.change_document(|s| s.apply_edits(edits));
    }

    fn change_document(&mut self, change: impl FnOnce(&mut Session) -> bool) {
        if let Some(session) = &mut self.session {
            if change(session) {
                self.view.forget_missing(session);
            }
        }
    }

    /// Writes the corrections now, if there are unsaved ones; whether nothing is left unsaved.
    /// A failure shows as the persistent warning, and autosave keeps retrying.
    pub fn save_now(&mut self) -> bool {
        match self.session.as_mut().and_then(Session::save_now) {
            None => true,
            Some(result) => self.report_save(result),
        }
    }

    /// Writes the corrections to `path` and autosaves there; then carries on with whatever was
    /// waiting for them (quitting, another article).
    fn save_as(&mut self, path: &Path) {
        let Some(session) = &mut self.session else {
            return;
        };
        match session.save_as(path) {
            Ok(_) => {
                let shown = path.display().to_string();
                self.view.notice = Some(Notice::info(move |t| (t.saved_as)(&shown)));
                if let Some(waiting) = self.waiting.take() {
                    self.go_on(waiting);
                }
            }
            Err(failure) => {
                self.view.notice = Some(Notice::error(move |t| (t.save_failure)(&failure)))
            }
        }
    }

    /// Tells what a save did beyond saving; whether it succeeded (a failure is shown by the
    /// persistent warning, read from the autosave each frame).
    fn report_save(&mut self, result: Result<SaveOutcome, SaveFailure>) -> bool {
        let shown = |p: &Path| p.display().to_string();
        let notice = match result {
            Err(_) => return false,
            Ok(SaveOutcome::Saved) => None,
            Ok(SaveOutcome::Merged {
                conflicts, mine, ..
            }) => {
                if let Some(session) = &self.session {
                    self.view.forget_missing(session);
                }
                Some(match (conflicts.is_empty(), mine) {
                    (true, _) | (false, None) => Notice::info(|t| t.merged.to_string()),
                    (false, Some(mine)) => {
                        let mine = shown(&mine);
                        Notice::error(move |t| {
                            format!(
                                "{}: {}",
                                (t.merged_conflicts)(conflicts.len(), &mine),
                                conflicts.join("; ")
                            )
                        })
                    }
                })
            }
            Ok(SaveOutcome::KeptBoth { theirs, ours }) => {
                let (theirs, ours) = (shown(&theirs), shown(&ours));
                Some(Notice::error(move |t| (t.kept_both)(&theirs, &ours)))
            }
            Ok(SaveOutcome::ReplacedUnreadable { kept }) => {
                let kept = shown(&kept);
                Some(Notice::error(move |t| (t.replaced_unreadable)(&kept)))
            }
        };
        if notice.is_some() {
            self.view.notice = notice;
        }
        true
    }

    /// Carries on with what waited for the unsaved corrections, without them.
    fn go_on(&mut self, waiting: Waiting) {
        match waiting {
            Waiting::Quit => {
                self.may_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Waiting::Open(session) => self.show(*session),
        }
    }

    /// Shows a newly opened article, once the corrections of the one before are saved (or the
    /// user said what to do with them).
    fn finish_opening(&mut self, opened: Opened) {
        match opened {
            Ok(session) => {
                if self.save_now() {
                    self.show(session);
                } else {
                    self.waiting = Some(Waiting::Open(Box::new(session)));
                }
            }
            Err(message) => {
                self.view.notice = Some(Notice::error(move |t| (t.cannot_open)(&message)));
            }
        }
    }

    fn show(&mut self, mut session: Session) {
        let warning = session.warning.take();
        self.prefs.remember(&session.path);
        self.view.show_document(&session);
        self.session = Some(session);
        self.view.notice = warning.map(|w| Notice::error(move |_| w.clone()));
    }

    /// Starts opening `path` in the background; the current article stays until it is done.
    fn open_in_background(&mut self, path: PathBuf) {
        let ctx = self.ctx.clone();
        self.jobs.opening = Some(Opening::start(self.extractor.clone(), path, move || {
            ctx.request_repaint()
        }));
    }

    /// Shows the file dialog on its own thread: what to open, or where to save (`saves`).
    fn start_dialog(&mut self, saves: bool) {
        if self.jobs.dialog.is_some() {
            return;
        }
        let (sender, answer) = channel();
        let ctx = self.ctx.clone();
        let t = self.strings();
        let save_path = self
            .session
            .as_ref()
            .map(|s| s.autosave.path().to_path_buf());
        std::thread::spawn(move || {
            let picked = match save_path.filter(|_| saves) {
                Some(current) => {
                    let mut dialog = rfd::FileDialog::new()
                        .set_title(t.save_as.trim_end_matches('…'))
                        .add_filter("Marsad annotations", &["json"]);
                    if let Some(name) = current.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    if let Some(folder) = current.parent().filter(|p| p.is_dir()) {
                        dialog = dialog.set_directory(folder);
                    }
                    dialog.save_file()
                }
                None => rfd::FileDialog::new()
                    .set_title(t.open)
                    .add_filter("Articles", &["txt", "text", "html", "htm", "xhtml"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
            };
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        self.jobs.dialog = Some(Dialog {
            shown: Instant::now(),
            saves,
            folder: false,
            answer,
        });
    }

    /// Shows the folder dialog on its own thread: a folder of articles to open as a corpus.
    fn start_folder_dialog(&mut self) {
        if self.jobs.dialog.is_some() {
            return;
        }
        let (sender, answer) = channel();
        let ctx = self.ctx.clone();
        let title = self.strings().corpus.open_folder.trim_end_matches('…');
        std::thread::spawn(move || {
            let _ = sender.send(rfd::FileDialog::new().set_title(title).pick_folder());
            ctx.request_repaint();
        });
        self.jobs.dialog = Some(Dialog {
            shown: Instant::now(),
            saves: false,
            folder: true,
            answer,
        });
    }

    /// Opens what `path` is: a folder of articles or a corpus store as a corpus, anything else as
    /// an article (in the background).
    fn open_path(&mut self, path: PathBuf) {
        if path.is_dir() || crate::ui::corpus::is_store(&path) {
            self.open_corpus(&path);
        } else {
            self.open_in_background(path);
        }
    }

    /// Opens a folder of articles (indexed in the background into the store inside it; what was
    /// indexed before shows at once) or a corpus store, and shows the corpus view.
    pub fn open_corpus(&mut self, path: &Path) {
        let wake = {
            let ctx = self.ctx.clone();
            move || ctx.request_repaint()
        };
        let mut view = if path.is_dir() {
            let folder = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let store = store_for_folder(&folder);
            let mut view = CorpusView::new(store.clone(), Some(folder.clone()));
            view.indexing = Some(Indexing::start(
                self.extractor.clone(),
                vec![folder.clone()],
                Some(folder),
                store,
                wake.clone(),
            ));
            view
        } else if crate::ui::corpus::is_store(path) {
            CorpusView::new(path.to_path_buf(), None)
        } else {
            let shown = path.display().to_string();
            self.view.notice = Some(Notice::error(move |t| (t.corpus.not_openable)(&shown)));
            return;
        };
        view.graph.view.arabic_labels = self.view.graph.arabic_labels;
        view.load(wake);
        self.corpus = Some(view);
        self.showing_corpus = true;
        self.from_corpus = false;
    }

    /// The open corpus (tests read and steer it).
    pub fn corpus(&mut self) -> Option<&mut CorpusView> {
        self.corpus.as_mut()
    }

    /// Whether the window shows the corpus (not an article).
    pub fn showing_corpus(&self) -> bool {
        self.showing_corpus
    }

    /// Opens an article of the corpus at a statement: scrolled to it, flashing, selected.
    pub fn open_at(&mut self, jump: &Jump) {
        self.open_now(&jump.path);
        let same =
            |p: &Path| std::fs::canonicalize(p).ok() == std::fs::canonicalize(&jump.path).ok();
        let Some(session) = self.session.as_ref().filter(|s| same(&s.path)) else {
            return;
        };
        let chars = session.doc.text.chars().count();
        if let Some(id) = jump
            .statement
            .as_ref()
            .filter(|id| session.statement(id).is_some())
        {
            self.view.select(Selection::Statement(id.clone()));
        }
        // An empty span (an article opened from the list) opens it at the top.
        if !jump.span.is_empty() && jump.span.end <= chars {
            self.view.reveal(jump.span);
        }
        self.showing_corpus = false;
        self.from_corpus = true;
    }

    /// Back to the corpus view where it was; corrections saved in the article are indexed again,
    /// so the corpus follows them.
    fn back(&mut self) {
        let Some(corpus) = &mut self.corpus else {
            return;
        };
        if self.showing_corpus {
            return;
        }
        let saved = self
            .session
            .as_mut()
            .map(|s| s.save_now().is_none_or(|r| r.is_ok()));
        if let (Some(true), Some(session)) = (saved, &self.session) {
            let corrected = crate::sidecar::sidecar_path(&session.path).is_file();
            if corrected && corpus.indexing.is_none() && corpus.covers(&session.path) {
                let ctx = self.ctx.clone();
                corpus.reindexing = Some(session.path.clone());
                corpus.indexing = Some(Indexing::start(
                    self.extractor.clone(),
                    vec![session.path.clone()],
                    corpus.folder.clone(),
                    corpus.store_path.clone(),
                    move || ctx.request_repaint(),
                ));
            }
        }
        self.showing_corpus = true;
        self.from_corpus = false;
    }

    /// Picks up a finished indexing run (and loads the store again) and the statements.
    fn poll_corpus(&mut self) {
        let Some(corpus) = &mut self.corpus else {
            return;
        };
        let Some(result) = corpus.indexing.as_ref().and_then(Indexing::poll) else {
            corpus.poll();
            return;
        };
        let cancelled = corpus.indexing.as_ref().is_some_and(Indexing::cancelled);
        corpus.indexing = None;
        let reindexed = corpus.reindexing.take();
        self.view.notice = Some(match (result, reindexed) {
            (Err(e), _) => Notice::error(move |t| (t.corpus.cannot_index)(&e)),
            (Ok(_), Some(path)) => {
                let shown = path.display().to_string();
                Notice::info(move |t| (t.corpus.reindexed)(&shown))
            }
            (Ok(_), None) if cancelled => Notice::info(|t| t.corpus.indexing_cancelled.into()),
            (Ok(r), None) => Notice::info(move |t| {
                (t.corpus.indexed)(r.added, r.updated, r.unchanged, r.removed, r.failed)
            }),
        });
        let ctx = self.ctx.clone();
        corpus.load(move || ctx.request_repaint());
        corpus.poll();
    }

    /// Writes a corpus export into `marsad-exports/` beside the store, and says where.
    fn export_corpus(&mut self, what: crate::ui::corpus::CorpusExport) {
        let Some(corpus) = &mut self.corpus else {
            return;
        };
        let files = crate::ui::corpus::export_files(corpus, what);
        let folder = corpus
            .store_path
            .parent()
            .unwrap_or(Path::new("."))
            .join("marsad-exports");
        let inputs = crate::export::Inputs::new([corpus.store_path.clone()]);
        let written = crate::export::write_files(&folder, &files, &inputs);
        let shown = folder.display().to_string();
        let count = files.len();
        self.view.notice = Some(match written {
            Ok(_) => Notice::info(move |t| (t.exported)(t.corpus_export, count, &shown)),
            Err(e) => {
                let why = e.to_string();
                Notice::error(move |t| (t.cannot_export)(&shown, &why))
            }
        });
    }

    /// Picks up what the background jobs finished.
    fn poll_jobs(&mut self) {
        if let Some(opened) = self.jobs.opening.as_ref().and_then(Opening::poll) {
            self.jobs.opening = None;
            self.finish_opening(opened);
        }
        let answer = self
            .jobs
            .dialog
            .as_ref()
            .and_then(|d| d.answer.try_recv().ok());
        if let Some((picked, dialog)) = answer.zip(self.jobs.dialog.take()) {
            match picked {
                Some(path) if dialog.saves => self.apply(Command::SaveTo(path)),
                Some(path) if dialog.folder => self.open_corpus(&path),
                Some(path) => self.open_path(path),
                None if dialog.shown.elapsed() < DIALOG_MIN_LIFETIME => {
                    self.view.notice = Some(Notice::info(|t| t.no_file_dialog.into()));
                    self.apply(Command::OpenPathField);
                    if dialog.saves {
                        self.view.path_field_saves = true;
                        self.view.path_field = self
                            .session
                            .as_ref()
                            .map(|s| s.autosave.path().display().to_string());
                    }
                }
                None => {}
            }
        }
    }

    /// Files dropped on the window open like files picked in the dialog.
    fn dropped_files(&self) -> Vec<Command> {
        self.ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .take(1)
                .map(Command::OpenFile)
                .collect()
        })
    }

    /// Adds an actor to the user's gazetteer, so the next articles find it too.
    fn remember_actor(&mut self, entry: crate::extract::Entry) {
        let Some(path) = crate::extract::gazetteer::user_gazetteer_path() else {
            return;
        };
        let id = entry.id.clone();
        self.view.notice = Some(match crate::extract::save_user_entry(&path, entry) {
            Ok(()) => {
                // The next article opened (or extracted again) knows the actor.
                self.extractor = Arc::new(Extractor::new(Gazetteer::with_user_file().0));
                let shown = path.display().to_string();
                Notice::info(move |t| (t.saved_to_gazetteer)(&id, &shown))
            }
            Err(e) => {
                let why = e.to_string();
                Notice::error(move |_| why.clone())
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
        let files = crate::export::export(&session.doc, format, &stem);
        self.write_export(files, move |_: &Strings| format.as_str());
    }

    /// Writes exported files into the folder beside the article (`STEM-marsad/`) and says where
    /// (`what` names what was exported, in the interface's language).
    fn write_export(
        &mut self,
        files: Vec<crate::export::ExportFile>,
        what: impl Fn(&Strings) -> &'static str + 'static,
    ) {
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
        let inputs = crate::export::Inputs::new([
            session.path.clone(),
            crate::sidecar::sidecar_path(&session.path),
        ]);
        let written = crate::export::write_files(&folder, &files, &inputs);
        let shown = folder.display().to_string();
        let count = files.len();
        self.view.notice = Some(match written {
            Ok(_) => Notice::info(move |t| (t.exported)(what(t), count, &shown)),
            Err(e) => {
                let why = e.to_string();
                Notice::error(move |t| (t.cannot_export)(&shown, &why))
            }
        });
    }

    /// Saves once edits have rested, retries a failed save when due, and wakes the next frame
    /// for both (and each second while a failure's countdown shows).
    fn autosave(&mut self) {
        let Some(result) = self.session.as_mut().and_then(Session::autosave_if_due) else {
            return self.wake_for_autosave();
        };
        self.report_save(result);
        self.wake_for_autosave();
    }

    fn wake_for_autosave(&self) {
        let Some(autosave) = self.session.as_ref().map(|s| &s.autosave) else {
            return;
        };
        if let Some(at) = autosave.wake_at() {
            let wait = at.saturating_duration_since(Instant::now());
            let tick = Duration::from_secs(1);
            let wait = if autosave.failure().is_some() {
                wait.min(tick)
            } else {
                wait
            };
            self.ctx.request_repaint_after(wait);
        }
    }

    /// The window is being closed: save, and if that fails ask instead of closing.
    fn closing(&mut self) {
        let asked = self.ctx.input(|i| i.viewport().close_requested());
        if !asked || self.may_close || self.save_now() {
            return;
        }
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.waiting = Some(Waiting::Quit);
    }

    /// Runs the find query once typing pauses, and shows the first hit from where the reader is.
    fn find(&mut self) {
        let (Some(session), true) = (&self.session, self.view.find.open) else {
            return;
        };
        let ctx = self.ctx.clone();
        let now = ctx.input(|i| i.time);
        let wake = move || ctx.request_repaint();
        let (wait, arrived) = self.view.find.poll(session.shared_text(), now, wake);
        if let Some(wait) = wait {
            self.ctx
                .request_repaint_after(Duration::from_secs_f64(wait.max(0.0)));
        }
        if arrived {
            let from = self.view.article.first_visible_char();
            if let Some(hit) = self.view.find.first_from(from) {
                self.view.reveal(hit);
            }
        }
    }

    fn report_first_frame(&mut self) {
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
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The menu, notice, path field and find bar.
    fn top_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let t = self.strings();
        let back = self.from_corpus && !self.showing_corpus && self.corpus.is_some();
        let corpus = self.corpus.is_some() && !self.showing_corpus;
        let busy = match (&self.jobs.opening, &self.jobs.dialog) {
            (Some(o), _) => Some((t.opening)(&o.path.display().to_string())),
            (None, Some(_)) => Some(t.waiting_for_dialog.to_string()),
            (None, None) => None,
        };
        let menu = MenuContext {
            t,
            prefs: &self.prefs,
            reading: self.view.reading,
            arabic_graph_labels: self.view.graph.arabic_labels,
            session: self.session.as_ref(),
            panels: self.view.panels_shown,
            busy,
            corpus,
            back,
        };
        menu_bar_ui(ui, &menu, commands);
        if let Some(failure) = self.session.as_ref().and_then(|s| s.autosave.failure()) {
            save_warning_ui(ui, t, failure, Instant::now(), commands);
        }
        if let Some(notice) = &self.view.notice {
            notice_ui(ui, t, notice, commands);
        }
        if let Some(field) = &mut self.view.path_field {
            let saves = self.view.path_field_saves;
            path_field_ui(
                ui,
                t,
                field,
                saves,
                &mut self.view.focus_path_field,
                commands,
            );
        }
        if self.view.find.open {
            find_bar_ui(ui, t, &mut self.view.find, commands);
        }
    }

    /// The legend on one side; the graph, the corrections and the inspector on the other; each
    /// only if it fits beside an article of readable width, and mirrored right to left.
    fn panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let t = self.strings();
        let rtl = self.prefs.language.rtl();
        let text_selection = self.view.article.selection().map(|r| r.start..r.end);
        let Some(session) = &mut self.session else {
            return;
        };
        let extractor = &self.extractor;
        let view = &mut self.view;
        let width = ui.available_width();
        let shown = window::fit(
            width,
            self.prefs.legend,
            self.prefs.side_panel,
            view.panel_first,
        );
        view.panels_shown = shown;
        // The legend sits where reading starts: left, or right in a right-to-left window.
        let (start, end) = if rtl {
            (egui::Panel::right("legend"), egui::Panel::left("side"))
        } else {
            (egui::Panel::left("legend"), egui::Panel::right("side"))
        };
        if shown.legend {
            let reserved = if shown.side {
                window::SIDE_MIN_WIDTH
            } else {
                0.0
            };
            let max = width - window::MIN_ARTICLE_WIDTH - reserved;
            start
                .resizable(true)
                .default_size(window::LEGEND_DEFAULT_WIDTH.min(max))
                .size_range(window::LEGEND_MIN_WIDTH..=max)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        reading_direction(ui, rtl, |ui| legend_ui(ui, t, session, view, commands));
                    });
                });
        }
        if !shown.side {
            return;
        }
        let max = ui.available_width() - window::MIN_ARTICLE_WIDTH;
        end.resizable(true)
            .default_size(window::SIDE_DEFAULT_WIDTH.min(max))
            .size_range(window::SIDE_MIN_WIDTH..=max.max(window::SIDE_MIN_WIDTH))
            .show(ui, |ui| {
                let height = ui.available_height();
                let graph_max = (height - window::INSPECTOR_MIN_HEIGHT).max(120.0);
                let graph_actions = egui::Panel::top("graph")
                    .resizable(true)
                    .default_size((height * window::GRAPH_HEIGHT_SHARE).min(graph_max))
                    .size_range(120.0..=graph_max)
                    .show(ui, |ui| {
                        graph_ui(
                            ui,
                            t,
                            session,
                            &mut view.graph,
                            view.selection.as_ref(),
                            &view.hidden_actors,
                            &view.hidden_types,
                        )
                    })
                    .inner;
                commands.extend(graph_actions.into_iter().map(|a| match a {
                    GraphAction::Select(s) => Command::Select(s),
                    GraphAction::ToggleType(kind) => Command::ToggleType(kind),
                    GraphAction::Arranged => Command::GraphArranged,
                    GraphAction::Export(file) => Command::ExportGraph(file),
                }));
                // Each selection has its own scroll position: a new one starts at the top.
                egui::ScrollArea::vertical()
                    .id_salt(("inspector", &view.selection))
                    .show(ui, |ui| {
                        reading_direction(ui, rtl, |ui| {
                            let focus = Focus {
                                mention: view.focused_mention.as_ref().and_then(|id| {
                                    session.doc.mentions.iter().find(|m| &m.id == id)
                                }),
                                text_selection: text_selection
                                    .clone()
                                    .map(|r| crate::model::Span::new(r.start, r.end)),
                                selection: view.selection.as_ref(),
                            };
                            corrections_ui(
                                ui,
                                t,
                                session,
                                extractor.gazetteer(),
                                focus,
                                &mut view.corrections,
                                commands,
                            );
                            inspector_ui(ui, t, session, view, commands);
                        })
                    });
            });
    }

    /// The article, in a column of readable width.
    fn article_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let t = self.strings();
        let Some(session) = &self.session else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.add(BidiLabel::new(t.open_prompt));
                });
            });
            return;
        };
        let view = &mut self.view;
        let layers = Layers {
            session,
            strings: t,
            selection: view.selection.as_ref(),
            hidden_actors: &view.hidden_actors,
            hidden_types: &view.hidden_types,
            find: &view.find,
            flash: view.flash.map(|f| f.span),
        };
        let title = session.doc.text.lines().next().unwrap_or("").to_string();
        let mut menu_commands = Vec::new();
        let mention_menu = |ui: &mut Ui, annotation: Option<&str>| {
            mention_menu_ui(ui, t, session, annotation, &mut menu_commands);
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
                    ArticleView::with_source(&layers)
                        .accessible_label(format!("Article: {title}"))
                        .tooltips(self.pointer.in_use())
                        .context_menu(mention_menu)
                        .menu_labels(t.show(t.copy), t.show(t.select_all))
                        .show(ui, &mut view.article)
                        .events
                })
                .inner
            })
            .inner;
        commands.append(&mut menu_commands);
        for event in events {
            if let ViewEvent::Clicked {
                annotation: Some(id),
                ..
            } = event
            {
                if session.doc.mentions.iter().any(|m| m.id == id) {
                    commands.push(Command::FocusMention(id));
                } else if session.statement(&id).is_some() {
                    commands.push(Command::Select(Selection::Statement(id)));
                }
            }
        }
    }
}

impl eframe::App for MarsadApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_jobs();
        self.poll_corpus();
        self.closing();
        // Keys first, so that what they open shows in this frame.
        let keyed: Vec<Command> = Command::from_keys(&ctx)
            .into_iter()
            .chain(self.dropped_files())
            .collect();
        for command in keyed {
            self.apply(command);
        }
        self.pointer.update(&ctx);
        self.autosave();
        self.find();
        if self.view.tick_flash(ctx.input(|i| i.time)) {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        let mut commands = Vec::new();
        let t = self.strings();
        egui::Panel::top("menu").show(ui, |ui| {
            reading_direction(ui, t.rtl, |ui| self.top_ui(ui, &mut commands));
        });
        if let Some(corpus) = self.corpus.as_mut().filter(|_| self.showing_corpus) {
            commands.extend(corpus_ui(ui, t, corpus).into_iter().map(|a| match a {
                CorpusAction::Open(jump) => Command::OpenAt(jump),
                CorpusAction::Export(what) => Command::ExportCorpus(what),
                CorpusAction::CancelIndexing => Command::CancelIndexing,
            }));
        } else {
            if !self.view.reading {
                egui::Panel::bottom("status").show(ui, |ui| {
                    reading_direction(ui, t.rtl, |ui| status_ui(ui, t, self.session.as_ref()));
                });
                self.panels_ui(ui, &mut commands);
            }
            self.article_ui(ui, &mut commands);
        }
        // The question waits while a Save As dialog (or the path field in its place) is open.
        let choosing = self.jobs.dialog.is_some() || self.view.path_field.is_some();
        if self.waiting.is_some() && !choosing {
            let reason = self
                .session
                .as_ref()
                .and_then(|s| s.autosave.failure())
                .map(t.save_failure);
            unsaved_question_ui(&ctx, t, reason.as_deref(), &mut commands);
        }
        for command in commands {
            self.apply(command);
        }
        self.report_first_frame();
    }

    fn on_exit(&mut self) {
        self.save_now();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.arabic_graph_labels = self.view.graph.arabic_labels;
        eframe::set_value(storage, STORAGE_KEY, &self.prefs);
    }
}

/// Lays `add` out from the right in a right-to-left interface: rows run right to left and
/// labels align right.
fn reading_direction<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    if rtl {
        ui.with_layout(egui::Layout::top_down(egui::Align::Max), add)
            .inner
    } else {
        add(ui)
    }
}

/// The right-click menu of a mention: point it at another actor, or remove it.
fn mention_menu_ui(
    ui: &mut Ui,
    t: &Strings,
    session: &Session,
    annotation: Option<&str>,
    out: &mut Vec<Command>,
) {
    let doc = &session.doc;
    let Some(m) = annotation.and_then(|id| doc.mentions.iter().find(|m| m.id == id)) else {
        return;
    };
    ui.label(t.show(&(t.mention_of)(&session.name(&m.actor, t.rtl))));
    if ui.button(t.show(t.remove_mention)).clicked() {
        out.push(Command::Edits(vec![Edit::remove_mention(doc, m)]));
        ui.close();
    }
    ui.menu_button(t.show(t.change_actor), |ui| {
        for node in &session.graph.nodes {
            let name = t.show(&session.name(&node.actor, t.rtl));
            if node.actor != m.actor && ui.button(name).clicked() {
                out.push(Command::Edits(vec![Edit::set_mention_actor(
                    m,
                    &node.actor,
                )]));
                ui.close();
            }
        }
    });
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
