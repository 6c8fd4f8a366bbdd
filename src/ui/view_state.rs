//! What the window shows of the open document and how: the selection (by id), hidden actors and
//! types, find, the flashing span, the text view's and graph's own state, the correction forms,
//! the notice and the path field. None of it is saved, and what belongs to one document is reset
//! when another opens.

use crate::model::{RelationType, Span};
use crate::ui::corrections::CorrectionsState;
use crate::ui::find::Find;
use crate::ui::graph::GraphView;
use crate::ui::session::{Selection, Session};
use crate::ui::strings::Strings;
use crate::ui::text_view::ArticleViewState;
use crate::ui::window::{Panel, Shown};
use std::collections::HashSet;

/// A message for the user, dismissed with a click. It keeps how to say itself rather than the
/// words, so that it follows the interface when the language changes while it is shown.
pub struct Notice {
    text: Box<dyn Fn(&Strings) -> String>,
    pub error: bool,
}

impl Notice {
    pub fn error(text: impl Fn(&Strings) -> String + 'static) -> Notice {
        Notice {
            text: Box::new(text),
            error: true,
        }
    }

    pub fn info(text: impl Fn(&Strings) -> String + 'static) -> Notice {
        Notice {
            text: Box::new(text),
            error: false,
        }
    }

    /// The message in the language of `t`.
    pub fn text(&self, t: &Strings) -> String {
        (self.text)(t)
    }
}

/// A span that was just revealed, drawn highlighted for a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flash {
    pub span: Span,
    /// egui time of the first frame that showed it.
    pub since: Option<f64>,
}

/// How many items the inspector lists at first (and adds with each "show more").
pub const LIST_PAGE: usize = 40;

/// How long a revealed span flashes, in seconds.
pub const FLASH_SECONDS: f64 = 1.6;

pub struct ViewState {
    pub selection: Option<Selection>,
    /// The mention last clicked in the text, for the correction controls.
    pub focused_mention: Option<String>,
    pub hidden_actors: HashSet<String>,
    pub hidden_types: HashSet<RelationType>,
    pub find: Find,
    pub flash: Option<Flash>,
    /// Which mention of the selected actor Previous/Next last showed.
    pub mention_cursor: Option<usize>,
    /// How many items each of the inspector's lists shows.
    pub list_limit: usize,
    pub article: ArticleViewState,
    pub graph: GraphView,
    pub corrections: CorrectionsState,
    /// The article alone, without panels.
    pub reading: bool,
    /// The side panel opened last, which keeps its place when only one fits.
    pub panel_first: Option<Panel>,
    /// Which side panels showed at the last frame.
    pub panels_shown: Shown,
    /// The "type a path" field, when open.
    pub path_field: Option<String>,
    /// The path field names where to save the corrections (Save As), not what to open.
    pub path_field_saves: bool,
    pub focus_path_field: bool,
    pub notice: Option<Notice>,
}

impl ViewState {
    pub fn new(reading: bool) -> ViewState {
        ViewState {
            selection: None,
            focused_mention: None,
            hidden_actors: HashSet::new(),
            hidden_types: HashSet::new(),
            find: Find::default(),
            flash: None,
            mention_cursor: None,
            list_limit: LIST_PAGE,
            article: ArticleViewState::new(""),
            graph: GraphView::default(),
            corrections: CorrectionsState::default(),
            reading,
            panel_first: None,
            panels_shown: Shown {
                legend: true,
                side: true,
            },
            path_field: None,
            path_field_saves: false,
            focus_path_field: false,
            notice: None,
        }
    }

    /// Forgets what belonged to the previous document and shows `session`'s text.
    pub fn show_document(&mut self, session: &Session) {
        self.article.set_shared_text(session.shared_text().clone());
        self.selection = None;
        self.focused_mention = None;
        self.hidden_actors.clear();
        self.hidden_types.clear();
        self.find.clear_hits();
        self.flash = None;
        self.mention_cursor = None;
        self.corrections = CorrectionsState::default();
    }

    /// After an edit: a selection or focused mention whose target is gone is dropped (never
    /// moved to a neighbour).
    pub fn forget_missing(&mut self, session: &Session) {
        if let Some(id) = &self.focused_mention {
            if !session.doc.mentions.iter().any(|m| &m.id == id) {
                self.focused_mention = None;
            }
        }
        if self
            .selection
            .as_ref()
            .is_some_and(|s| !session.contains(s))
        {
            self.selection = None;
            self.mention_cursor = None;
        }
    }

    pub fn select(&mut self, selection: Selection) {
        if self.selection.as_ref() != Some(&selection) {
            self.mention_cursor = None;
            self.list_limit = LIST_PAGE;
        }
        self.selection = Some(selection);
    }

    /// Scrolls the text to `span` and flashes it.
    pub fn reveal(&mut self, span: Span) {
        self.article.scroll_to(span.start..span.end);
        self.flash = Some(Flash { span, since: None });
    }

    /// Escape: closes the innermost open thing, one per press.
    pub fn cancel(&mut self) {
        if self.find.open {
            self.find.close();
        } else if self.path_field.is_some() {
            self.path_field = None;
        } else if self.focused_mention.is_some() {
            self.focused_mention = None;
        } else if self.article.selection().is_some() {
            self.article.set_selection(None);
        } else {
            self.selection = None;
            self.mention_cursor = None;
        }
    }

    /// Shows the previous (-1) or next (+1) mention of the selected actor.
    pub fn step_mention(&mut self, session: &Session, step: i32) {
        let Some(Selection::Actor(actor)) = &self.selection else {
            return;
        };
        let mentions = session.mentions_of(actor);
        if mentions.is_empty() {
            return;
        }
        let n = mentions.len() as i64;
        let next = match self.mention_cursor {
            None if step > 0 => 0,
            None => n - 1,
            Some(at) => (at as i64 + step as i64).rem_euclid(n),
        } as usize;
        self.mention_cursor = Some(next);
        self.reveal(mentions[next]);
    }

    /// Shows the previous (-1) or next (+1) find hit.
    pub fn step_find(&mut self, step: i32) {
        if let Some(hit) = self.find.step(step) {
            self.reveal(hit);
        }
    }

    /// Ages the flash; returns whether it still needs frames.
    pub fn tick_flash(&mut self, now: f64) -> bool {
        match &mut self.flash {
            Some(flash) => match flash.since {
                None => {
                    flash.since = Some(now);
                    true
                }
                Some(since) if now - since > FLASH_SECONDS => {
                    self.flash = None;
                    false
                }
                Some(_) => true,
            },
            None => false,
        }
    }
}
