//! `ArticleView`: an egui widget that shows a long Arabic article laid out by cosmic-text, with
//! annotation layers, hit-testing, selection and copy.
//!
//! The caller owns the annotations (passed by reference every frame) and an [`ArticleViewState`]
//! (layout, scroll requests, selection, zoom); the widget only paints and reports [`ViewEvent`]s.
//! Only the visible paragraphs are shaped and painted: one cached glyph mesh per paragraph, drawn
//! from a shared glyph atlas texture.

pub mod atlas;
mod scroll;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use egui::{
    AsIdSalt, Color32, Context, CursorIcon, Event, Id, IdSalt, Key, Mesh, Modifiers, Pos2, Rect,
    Response, ScrollArea, Sense, Shape, Ui, Vec2,
};

use crate::text_layout::{self as layout, ArticleLayout, LayoutStyle, Point, TextEngine};
use atlas::{AtlasFull, GlyphAtlas};

/// Space between the column of text and the edges of the view (points).
const PADDING: f32 = 16.0;
/// Paragraphs this far above/below the viewport are laid out ahead, so a scroll step rarely shapes.
const OVERSCAN: f32 = 300.0;
/// Paragraphs this many blocks outside the laid-out range keep their cached meshes.
const MESH_MARGIN: usize = 16;
/// A frame that laid out and painted within this time spends up to [`PREPARE_TIME`] more laying
/// out the text beyond the overscan: screens ahead in the direction of scrolling, and a
/// fraction of one behind.
const PREPARE_AFTER: Duration = Duration::from_millis(4);
const PREPARE_TIME: Duration = Duration::from_millis(3);
const PREPARE_AHEAD: f32 = 1.5;
const PREPARE_BEHIND: f32 = 0.5;
const MIN_ZOOM: f32 = 0.5;
const MAX_ZOOM: f32 = 4.0;
const ZOOM_STEP: f32 = 1.1;

/// How an annotation is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnotationKind {
    /// An actor mention: a tinted background in the actor's colour.
    Mention,
    /// The content of a statement: an underline.
    StatementContent,
    /// Who speaks: a background with a thick underline bar.
    Speaker,
    /// The reporting verb or cue ("قال", "أعلن"): a dashed underline.
    Cue,
}

/// One annotated span, supplied by the caller each frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Document char range (Unicode scalar values, end exclusive).
    pub range: Range<usize>,
    pub id: String,
    pub kind: AnnotationKind,
    pub color: Color32,
    /// Shown when the pointer rests on the span (a source may leave it out and answer
    /// [`AnnotationSource::tooltip`] instead).
    pub tooltip: Option<String>,
}

/// Where the view gets its annotations: it asks only for those touching the text it shows, so
/// a source can compute them on demand instead of holding every mention of a long article.
pub trait AnnotationSource {
    /// Appends the annotations that overlap `chars` (document chars, end exclusive).
    fn annotations_in(&self, chars: Range<usize>, out: &mut Vec<Annotation>);

    /// The hover text of one of this source's annotations, asked only while the pointer rests
    /// on it: formatting a text for every visible mention on every frame slowed scrolling.
    fn tooltip(&self, annotation: &Annotation) -> Option<String> {
        annotation.tooltip.clone()
    }
}

impl AnnotationSource for [Annotation] {
    fn annotations_in(&self, chars: Range<usize>, out: &mut Vec<Annotation>) {
        out.extend(self.iter().filter(|a| overlaps(&a.range, &chars)).cloned());
    }
}

/// Whether an annotation's range touches `chars` (an empty range at an offset touches it).
pub fn overlaps(range: &Range<usize>, chars: &Range<usize>) -> bool {
    range.start < range.end
        && range.start < chars.end.max(chars.start + 1)
        && range.end > chars.start
}

/// What happened in the view this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewEvent {
    /// A click (not a drag) on a character; `annotation` is the innermost annotation there.
    Clicked {
        offset: usize,
        annotation: Option<String>,
    },
    /// The selection was copied to the clipboard.
    Copied(String),
}

/// The view's UI state, kept by the caller between frames.
pub struct ArticleViewState {
    layout: ArticleLayout,
    base_style: LayoutStyle,
    zoom: f32,
    /// `(anchor, head)` caret offsets; the selection is the range between them.
    selection: Option<(usize, usize)>,
    /// A span to bring into view at the next frame.
    pending_scroll: Option<Range<usize>>,
    /// What stays put on screen when the layout changes under it.
    anchor: Option<scroll::Anchor>,
    /// Screen position of article point (0, 0) at the last frame.
    origin: Option<Pos2>,
    /// The part of the screen the article was visible in at the last frame.
    viewport: Option<Rect>,
    /// Width the scroll area takes from its content (a scroll bar), learnt at the last frame;
    /// negative where the content is wider (rounded up to whole pixels), so that the width
    /// guessed before the scroll area is exactly the one inside it.
    width_slack: f32,
    /// Width of the scroll area's content at the last frame.
    content_width: f32,
    /// The first char of the first paragraph visible at the last frame.
    first_visible_char: usize,
    cache: HashMap<usize, BlockMeshes>,
    generation: u64,
    /// The annotation that was right-clicked, for the context menu.
    context_annotation: Option<String>,
    /// The word a drag started on, while selecting word by word.
    drag_word: Option<Range<usize>>,
    /// Whether the reader last scrolled up (text is prepared ahead that way), and the top of
    /// the viewport at the last frame (article points).
    upward: bool,
    last_top: f32,
}

/// Cached meshes of one paragraph, in paragraph-local points.
struct BlockMeshes {
    glyph_key: (u64, u64, u32, Color32),
    glyphs: Arc<Mesh>,
    decoration_key: u64,
    under: Arc<Mesh>,
    over: Arc<Mesh>,
}

impl ArticleViewState {
    pub fn new(text: &str) -> Self {
        Self::with_style(text, LayoutStyle::default())
    }

    pub fn with_style(text: &str, style: LayoutStyle) -> Self {
        ArticleViewState {
            layout: ArticleLayout::new(text, style, 600.0),
            base_style: style,
            zoom: 1.0,
            selection: None,
            pending_scroll: None,
            anchor: None,
            origin: None,
            viewport: None,
            width_slack: 0.0,
            content_width: 0.0,
            first_visible_char: 0,
            cache: HashMap::new(),
            generation: 0,
            context_annotation: None,
            drag_word: None,
            upward: false,
            last_top: 0.0,
        }
    }

    /// Replaces the article (clears selection and caches).
    pub fn set_text(&mut self, text: &str) {
        self.set_shared_text(Arc::from(text));
    }

    /// [`Self::set_text`] with a text the caller shares (a long article is then held once).
    pub fn set_shared_text(&mut self, text: Arc<str>) {
        let width = self.layout.width();
        self.layout = ArticleLayout::shared(text, self.current_style(), width);
        self.selection = None;
        self.pending_scroll = None;
        self.anchor = None;
        self.cache.clear();
    }

    pub fn text(&self) -> &str {
        self.layout.text()
    }

    /// The selected document char range, if any.
    pub fn selection(&self) -> Option<Range<usize>> {
        let (a, b) = self.selection?;
        (a != b).then(|| a.min(b)..a.max(b))
    }

    pub fn set_selection(&mut self, range: Option<Range<usize>>) {
        self.selection = range.map(|r| (r.start, r.end));
    }

    pub fn selected_text(&self) -> Option<&str> {
        self.selection().map(|r| self.layout.slice(r))
    }

    /// Font size multiplier (1 = the style's size).
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = if zoom.is_finite() {
            zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            1.0
        };
    }

    /// Scrolls so that `range` is centred in the view at the next frame (a range taller than
    /// the view shows its start). Exact on the first frame, however far the range is.
    pub fn scroll_to(&mut self, range: Range<usize>) {
        self.pending_scroll = Some(range);
    }

    /// The laid-out article (read-only: tests and exports look at its lines).
    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }

    /// How many times the text has been re-wrapped (a new width or zoom): a window that keeps
    /// its size re-wraps nothing from one frame to the next.
    pub fn rewraps(&self) -> u64 {
        self.generation
    }

    /// The first char of the first paragraph visible at the last frame (where reading is).
    pub fn first_visible_char(&self) -> usize {
        self.first_visible_char
    }

    /// Where the article was visible on screen at the last frame.
    pub fn viewport(&self) -> Option<Rect> {
        self.viewport
    }

    /// Scrolls to the first line (Ctrl+Home).
    pub fn scroll_to_start(&mut self) {
        self.scroll_to(0..1);
    }

    /// Scrolls to the last line (Ctrl+End).
    pub fn scroll_to_end(&mut self) {
        let n = self.layout.char_count();
        self.scroll_to(n.saturating_sub(1)..n);
    }

    /// Screen rectangles of a char range where the last frame placed the article (tests, popups).
    pub fn screen_rects(&mut self, ctx: &Context, range: Range<usize>) -> Vec<Rect> {
        let Some(origin) = self.origin else {
            return Vec::new();
        };
        let surface = Surface::get(ctx);
        let mut guard = surface.lock();
        self.layout
            .highlight_rects(&mut guard.engine, range)
            .into_iter()
            .map(|r| to_screen(origin, r))
            .collect()
    }

    /// Wraps the text for a view `width` points wide.
    fn set_layout_width(&mut self, width: f32) {
        let layout_width = (width - 2.0 * PADDING).max(1.0);
        if (self.layout.width() - layout_width).abs() > 0.01 {
            self.layout.set_width(layout_width);
            self.generation += 1;
        }
    }

    fn current_style(&self) -> LayoutStyle {
        LayoutStyle {
            font_size: self.base_style.font_size * self.zoom,
            ..self.base_style
        }
    }
}

/// The widget. Build one per frame: `ArticleView::new(&annotations).show(ui, &mut state)`.
pub struct ArticleView<'a> {
    source: Source<'a>,
    /// The annotations of the paragraphs shown this frame.
    annotations: Vec<Annotation>,
    id_salt: IdSalt,
    label: Option<String>,
    tooltips: bool,
    menu: Option<ContextMenu<'a>>,
    /// The context menu's own items: copy and select all.
    menu_labels: [String; 2],
}

/// Annotations given all at once, or asked for by range.
enum Source<'a> {
    Slice(&'a [Annotation]),
    Dyn(&'a dyn AnnotationSource),
}

impl AnnotationSource for Source<'_> {
    fn annotations_in(&self, chars: Range<usize>, out: &mut Vec<Annotation>) {
        match self {
            Source::Slice(all) => all.annotations_in(chars, out),
            Source::Dyn(source) => source.annotations_in(chars, out),
        }
    }

    fn tooltip(&self, annotation: &Annotation) -> Option<String> {
        match self {
            Source::Slice(all) => all.tooltip(annotation),
            Source::Dyn(source) => source.tooltip(annotation),
        }
    }
}

/// Extra context-menu items from the caller, given the annotation that was right-clicked.
pub type ContextMenu<'a> = Box<dyn FnMut(&mut Ui, Option<&str>) + 'a>;

/// What [`ArticleView::show`] returns.
pub struct ArticleViewOutput {
    pub response: Response,
    pub events: Vec<ViewEvent>,
}

impl<'a> ArticleView<'a> {
    pub fn new(annotations: &'a [Annotation]) -> Self {
        Self::from_source(Source::Slice(annotations))
    }

    /// A view that asks `source` for the annotations of what it shows, each frame.
    pub fn with_source(source: &'a dyn AnnotationSource) -> Self {
        Self::from_source(Source::Dyn(source))
    }

    fn from_source(source: Source<'a>) -> Self {
        ArticleView {
            source,
            annotations: Vec::new(),
            id_salt: IdSalt::new("marsad_article_view"),
            label: None,
            tooltips: true,
            menu: None,
            menu_labels: ["Copy".into(), "Select all".into()],
        }
    }

    /// Distinguishes several views in one window.
    pub fn id_salt(mut self, salt: impl AsIdSalt) -> Self {
        self.id_salt = IdSalt::new(salt);
        self
    }

    /// Accessible name (defaults to the article's first line).
    pub fn accessible_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Items the caller adds to the context menu (after copy), for the annotation under the
    /// pointer when the menu opened.
    pub fn context_menu(mut self, menu: impl FnMut(&mut Ui, Option<&str>) + 'a) -> Self {
        self.menu = Some(Box::new(menu));
        self
    }

    /// The labels of the context menu's Copy and Select all, in the interface's language (as
    /// egui must receive them).
    pub fn menu_labels(mut self, copy: String, select_all: String) -> Self {
        self.menu_labels = [copy, select_all];
        self
    }

    /// Whether hovering an annotation shows its tooltip (default: yes).
    pub fn tooltips(mut self, show: bool) -> Self {
        self.tooltips = show;
        self
    }

    pub fn show(mut self, ui: &mut Ui, state: &mut ArticleViewState) -> ArticleViewOutput {
        let surface = Surface::get(ui.ctx());
        let style = state.current_style();
        if style != state.layout.style() {
            state.layout.set_style(style);
            state.generation += 1;
        }
        let outer_width = ui.available_width();
        state.set_layout_width(outer_width - state.width_slack);
        let mut scroll = ScrollArea::vertical()
            .id_salt(self.id_salt)
            .auto_shrink(false)
            .content_margin(0.0);
        let set_offset = state.scroll_offset(&surface, ui.available_height());
        if let Some(offset) = set_offset {
            scroll = scroll.vertical_scroll_offset(offset);
        }
        let inner = scroll.show_viewport(ui, |ui, viewport| {
            self.contents_ui(ui, viewport, state, &surface)
        });
        state.viewport = Some(inner.inner_rect);
        state.update_anchor(set_offset, inner.state.clamped_offset().y);
        // Not clamped at zero: when the content is rounded wider than the outer width, a width
        // guessed from the outer one differed from the content's, and the text was re-wrapped
        // twice every frame, each time throwing away every paragraph's layout and meshes.
        state.width_slack = outer_width - state.content_width;
        let (response, hovered) = inner.inner;
        let mut events = Vec::new();
        self.interact(ui, &response, state, &surface, &mut events);
        if let Some(i) = hovered.filter(|_| self.tooltips) {
            if let Some(tip) = self.source.tooltip(&self.annotations[i]) {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.add(crate::ui::bidi_label::BidiLabel::new(&tip));
                });
            }
        }
        ArticleViewOutput { response, events }
    }

    /// Lays out and paints the visible paragraphs. Returns the widget response and the annotation
    /// under the pointer.
    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        state: &mut ArticleViewState,
        surface: &Surface,
    ) -> (Response, Option<usize>) {
        let ppp = ui.ctx().pixels_per_point();
        let width = ui.available_width();
        state.content_width = width;
        state.set_layout_width(width);
        let mut guard = surface.lock();
        let SurfaceInner { engine, atlas, .. } = &mut *guard;

        let started = Instant::now();
        let moved = viewport.min.y - state.last_top;
        if moved.abs() > 0.5 {
            state.upward = moved < 0.0;
        }
        state.last_top = viewport.min.y;
        let y = (viewport.min.y - PADDING - OVERSCAN)..(viewport.max.y - PADDING + OVERSCAN);
        let visible = state.layout.ensure_visible(engine, y);
        let on_screen = state
            .layout
            .blocks_in((viewport.min.y - PADDING)..(viewport.max.y - PADDING));
        state.first_visible_char = state.layout.block_chars(on_screen.start).start;

        let height = state.layout.height() + 2.0 * PADDING;
        let (rect, response) =
            ui.allocate_exact_size(Vec2::new(width, height), Sense::click_and_drag());
        let origin = rect.min + Vec2::splat(PADDING);
        state.origin = Some(origin);
        let label = self.label.clone().unwrap_or_else(|| {
            state
                .layout
                .slice(0..80)
                .lines()
                .next()
                .unwrap_or("")
                .to_owned()
        });
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &label));

        let visuals = ui.visuals();
        let text_color = visuals.text_color();
        let selection_color = visuals.selection.bg_fill.gamma_multiply(0.6);
        let dark = visuals.dark_mode;

        // Annotations that touch the visible paragraphs.
        let visible_chars = state.layout.block_chars(visible.start).start
            ..state
                .layout
                .block_chars(visible.end.saturating_sub(1))
                .end
                .max(1);
        self.annotations.clear();
        self.source
            .annotations_in(visible_chars, &mut self.annotations);
        let nearby: Vec<usize> = (0..self.annotations.len()).collect();

        // Build (or reuse) the meshes; if the atlas overflows mid-way it is cleared: start over.
        for _attempt in 0..2 {
            match self.build_meshes(
                state,
                engine,
                atlas,
                visible.clone(),
                &nearby,
                ppp,
                text_color,
                dark,
            ) {
                Ok(()) => break,
                Err(AtlasFull) => state.cache.clear(),
            }
        }

        let painter = ui.painter();
        let selection = state.selection();
        let mut rects = Vec::new();
        for i in visible.clone() {
            let Some(meshes) = state.cache.get(&i) else {
                continue;
            };
            let top = state.layout.block_top(i);
            // Translate by whole physical pixels so glyph quads stay pixel-aligned.
            let offset_px = ((origin.to_vec2() + Vec2::new(0.0, top)) * ppp).round();
            let offset = offset_px / ppp;
            paint_translated(painter, &meshes.under, offset);
            if let Some(sel) = &selection {
                rects.clear();
                state.layout.block_highlight(i, sel, &mut rects);
                for r in &rects {
                    painter.rect_filled(to_screen(origin, *r), 0.0, selection_color);
                }
            }
            paint_translated(painter, &meshes.glyphs, offset);
            paint_translated(painter, &meshes.over, offset);
        }

        if started.elapsed() < PREPARE_AFTER {
            let top = viewport.min.y - PADDING - OVERSCAN;
            let bottom = viewport.max.y - PADDING + OVERSCAN;
            let screen = viewport.height();
            let below = |screens: f32| bottom..bottom + screens * screen;
            let above = |screens: f32| (top - screens * screen).max(0.0)..top;
            let (ahead, behind) = if state.upward {
                (above(PREPARE_AHEAD), below(PREPARE_BEHIND))
            } else {
                (below(PREPARE_AHEAD), above(PREPARE_BEHIND))
            };
            let deadline = Instant::now() + PREPARE_TIME;
            let layout = &mut state.layout;
            let _all_ready = layout.prepare(engine, ahead, state.upward, deadline)
                && layout.prepare(engine, behind, !state.upward, deadline);
        }

        // Which annotation is under the pointer (innermost wins).
        let hovered = response.hover_pos().and_then(|pos| {
            let p = pos - origin;
            let offset = state.layout.hit(engine, Point::new(p.x, p.y))?;
            innermost(&self.annotations, &nearby, offset)
        });
        drop(guard);
        if hovered.is_some() {
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        } else if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Text);
        }
        (response, hovered)
    }

    #[allow(clippy::too_many_arguments)]
    fn build_meshes(
        &self,
        state: &mut ArticleViewState,
        engine: &mut TextEngine,
        atlas: &mut GlyphAtlas,
        visible: Range<usize>,
        nearby: &[usize],
        ppp: f32,
        text_color: Color32,
        dark: bool,
    ) -> Result<(), AtlasFull> {
        // Forget paragraphs the reader has left, so memory stays bounded while scrolling (a mesh
        // is quick to build again from the shaped paragraph and the atlas).
        state
            .cache
            .retain(|&i, _| i + MESH_MARGIN >= visible.start && i <= visible.end + MESH_MARGIN);
        let glyph_key = (
            state.generation,
            atlas.generation(),
            ppp.to_bits(),
            text_color,
        );
        for i in visible {
            if !state.layout.is_exact(i) {
                continue;
            }
            let chars = state.layout.block_chars(i);
            let mine: Vec<usize> = nearby
                .iter()
                .copied()
                .filter(|&a| {
                    let r = &self.annotations[a].range;
                    r.start < chars.end.max(chars.start + 1) && r.end > chars.start
                })
                .collect();
            let decoration_key = decoration_hash(&self.annotations, &mine, state.generation, dark);
            let cached = state.cache.get(&i);
            let glyphs_ok = cached.is_some_and(|c| c.glyph_key == glyph_key);
            let decorations_ok = cached.is_some_and(|c| c.decoration_key == decoration_key);
            if glyphs_ok && decorations_ok {
                continue;
            }
            let glyphs = match cached {
                Some(c) if glyphs_ok => c.glyphs.clone(),
                _ => Arc::new(glyph_mesh(
                    &state.layout,
                    i,
                    engine,
                    atlas,
                    ppp,
                    text_color,
                )?),
            };
            let (under, over) = match cached {
                Some(c) if decorations_ok => (c.under.clone(), c.over.clone()),
                _ => {
                    let (u, o) =
                        decoration_meshes(&mut state.layout, i, &self.annotations, &mine, dark);
                    (Arc::new(u), Arc::new(o))
                }
            };
            state.cache.insert(
                i,
                BlockMeshes {
                    glyph_key,
                    glyphs,
                    decoration_key,
                    under,
                    over,
                },
            );
        }
        Ok(())
    }

    /// Clicks, drag selection, copy, zoom.
    fn interact(
        &mut self,
        ui: &Ui,
        response: &Response,
        state: &mut ArticleViewState,
        surface: &Surface,
        events: &mut Vec<ViewEvent>,
    ) {
        let Some(origin) = state.origin else {
            return;
        };
        let ctx = ui.ctx();
        let to_article = |pos: Pos2| {
            let p = pos - origin;
            Point::new(p.x, p.y)
        };
        // Selections snap to whole words; with Alt held they go char by char.
        let by_char = ctx.input(|i| i.modifiers.alt);
        if response.drag_started() {
            response.request_focus();
            let press = ctx.input(|i| i.pointer.press_origin());
            if let Some(pos) = press.or(response.interact_pointer_pos()) {
                let mut guard = surface.lock();
                let c = state.layout.cursor_at(&mut guard.engine, to_article(pos));
                let under = state.layout.hit(&mut guard.engine, to_article(pos));
                state.selection = Some((c, c));
                state.drag_word = (!by_char).then(|| state.layout.word_at(under.unwrap_or(c)));
            }
        }
        if response.dragged() {
            if let (Some(pos), Some((anchor, _))) =
                (response.interact_pointer_pos(), state.selection)
            {
                let mut guard = surface.lock();
                let head = state.layout.cursor_at(&mut guard.engine, to_article(pos));
                state.selection = match (&state.drag_word, by_char) {
                    (Some(first), false) => {
                        let under = state.layout.hit(&mut guard.engine, to_article(pos));
                        let last = state.layout.word_at(under.unwrap_or(head));
                        Some(if last.start < first.start {
                            (first.end, last.start)
                        } else {
                            (first.start, last.end.max(first.end))
                        })
                    }
                    _ => Some((anchor, head)),
                };
            }
        }
        if response.double_clicked() {
            if let Some(pos) = response.interact_pointer_pos() {
                let mut guard = surface.lock();
                if let Some(offset) = state.layout.hit(&mut guard.engine, to_article(pos)) {
                    let word = state.layout.word_at(offset);
                    state.selection = Some((word.start, word.end));
                }
            }
        }
        if response.clicked() {
            response.request_focus();
            if !response.double_clicked() {
                state.selection = None;
            }
            if let Some(pos) = response.interact_pointer_pos() {
                let mut guard = surface.lock();
                if let Some(offset) = state.layout.hit(&mut guard.engine, to_article(pos)) {
                    let annotation = self.annotation_at(offset);
                    events.push(ViewEvent::Clicked { offset, annotation });
                }
            }
        }

        if response.secondary_clicked() {
            state.context_annotation = response.interact_pointer_pos().and_then(|pos| {
                let mut guard = surface.lock();
                let offset = state.layout.hit(&mut guard.engine, to_article(pos))?;
                self.annotation_at(offset)
            });
        }
        let mut copy = false;
        let menu = &mut self.menu;
        let [copy_label, all_label] = &self.menu_labels;
        response.context_menu(|ui| {
            if ui
                .add_enabled(
                    state.selection().is_some(),
                    egui::Button::new(copy_label.as_str()),
                )
                .clicked()
            {
                copy = true;
                ui.close();
            }
            if ui.button(all_label.as_str()).clicked() {
                state.selection = Some((0, state.layout.char_count()));
                ui.close();
            }
            if let Some(menu) = menu {
                ui.separator();
                menu(ui, state.context_annotation.as_deref());
            }
        });

        if response.has_focus() || response.hovered() {
            let (copy_event, select_all, zoom) = ctx.input_mut(|i| {
                let copy = i.events.iter().any(|e| matches!(e, Event::Copy));
                let all = i.consume_key(Modifiers::COMMAND, Key::A);
                let mut zoom = 1.0;
                if i.consume_key(Modifiers::COMMAND, Key::Plus)
                    || i.consume_key(Modifiers::COMMAND, Key::Equals)
                {
                    zoom = ZOOM_STEP;
                }
                if i.consume_key(Modifiers::COMMAND, Key::Minus) {
                    zoom = 1.0 / ZOOM_STEP;
                }
                if i.consume_key(Modifiers::COMMAND, Key::Num0) {
                    zoom = 0.0;
                }
                (copy, all, zoom)
            });
            copy |= copy_event && response.has_focus();
            if select_all && response.has_focus() {
                state.selection = Some((0, state.layout.char_count()));
            }
            if zoom == 0.0 {
                state.set_zoom(1.0);
            } else if zoom != 1.0 {
                state.set_zoom(state.zoom * zoom);
            }
            if zoom != 1.0 {
                ctx.request_repaint();
            }
        }
        if copy {
            if let Some(text) = state.selected_text() {
                ctx.copy_text(text.to_owned());
                events.push(ViewEvent::Copied(text.to_owned()));
            }
        }
    }
}

impl ArticleView<'_> {
    /// The id of the innermost annotation at char `offset`.
    fn annotation_at(&self, offset: usize) -> Option<String> {
        let mut here = Vec::new();
        self.source.annotations_in(offset..offset + 1, &mut here);
        let all: Vec<usize> = (0..here.len()).collect();
        innermost(&here, &all, offset).map(|i| here[i].id.clone())
    }
}

/// The innermost (shortest) annotation among `candidates` covering `offset`.
fn innermost(annotations: &[Annotation], candidates: &[usize], offset: usize) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .filter(|&i| annotations[i].range.contains(&offset))
        .min_by_key(|&i| annotations[i].range.len())
}

fn to_screen(origin: Pos2, r: layout::Rect) -> Rect {
    Rect::from_min_max(
        origin + Vec2::new(r.min.x, r.min.y),
        origin + Vec2::new(r.max.x, r.max.y),
    )
}

fn paint_translated(painter: &egui::Painter, mesh: &Arc<Mesh>, offset: Vec2) {
    if mesh.is_empty() {
        return;
    }
    let mut mesh = (**mesh).clone();
    mesh.translate(offset);
    painter.add(Shape::mesh(mesh));
}

/// Glyph quads of paragraph `i` in paragraph-local points, rasterised at physical pixels.
fn glyph_mesh(
    layout: &ArticleLayout,
    i: usize,
    engine: &mut TextEngine,
    atlas: &mut GlyphAtlas,
    ppp: f32,
    color: Color32,
) -> Result<Mesh, AtlasFull> {
    let mut mesh = Mesh::with_texture(atlas.texture_id());
    for run in layout.runs(i) {
        let baseline_px = (run.line_y * ppp).round() as i32;
        for glyph in run.glyphs {
            let phys = glyph.physical((0.0, 0.0), ppp);
            let Some(entry) = atlas.glyph(engine, phys.cache_key)? else {
                continue;
            };
            let x = phys.x + entry.left;
            let y = baseline_px + phys.y - entry.top;
            let rect = Rect::from_min_size(
                Pos2::new(x as f32, y as f32),
                Vec2::new(entry.width as f32, entry.height as f32),
            ) / ppp;
            let tint = if entry.colour {
                Color32::WHITE
            } else {
                glyph.color_opt.map_or(color, |c| {
                    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), c.a())
                })
            };
            mesh.add_rect_with_uv(rect, entry.uv, tint);
        }
    }
    Ok(mesh)
}

/// Glyph quads of a whole (short) layout, for labels.
pub(crate) fn glyph_mesh_all(
    layout: &mut ArticleLayout,
    engine: &mut TextEngine,
    atlas: &mut GlyphAtlas,
    ppp: f32,
    color: Color32,
) -> Result<Mesh, AtlasFull> {
    let tops: Vec<f32> = (0..layout.block_count())
        .map(|i| layout.block_top(i))
        .collect();
    let mut mesh = Mesh::with_texture(atlas.texture_id());
    for (i, top) in tops.into_iter().enumerate() {
        let mut block = glyph_mesh(layout, i, engine, atlas, ppp, color)?;
        block.translate(Vec2::new(0.0, (top * ppp).round() / ppp));
        mesh.append(block);
    }
    Ok(mesh)
}

fn decoration_hash(annotations: &[Annotation], mine: &[usize], generation: u64, dark: bool) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (generation, dark).hash(&mut h);
    for &i in mine {
        let a = &annotations[i];
        (a.range.start, a.range.end, a.kind, a.color).hash(&mut h);
    }
    h.finish()
}

/// Annotation layers of paragraph `i`: backgrounds (under the glyphs) and lines/marks (over them).
fn decoration_meshes(
    layout: &mut ArticleLayout,
    i: usize,
    annotations: &[Annotation],
    mine: &[usize],
    dark: bool,
) -> (Mesh, Mesh) {
    let mut under = Mesh::default();
    let mut over = Mesh::default();
    let top = layout.block_top(i);
    let size = layout.style().font_size.max(4.0);
    let fill_alpha = if dark { 0.45 } else { 0.3 };
    let mut rects = Vec::new();
    for &a in mine {
        let annotation = &annotations[a];
        rects.clear();
        layout.block_highlight(i, &annotation.range, &mut rects);
        for r in &rects {
            // Shrink full line boxes to the ink band so stacked lines don't merge.
            let line_h = r.max.y - r.min.y;
            let pad = ((line_h - size * 1.45) / 2.0).max(0.0);
            let rect = Rect::from_min_max(
                Pos2::new(r.min.x, r.min.y - top + pad),
                Pos2::new(r.max.x, r.max.y - top - pad),
            );
            let c = annotation.color;
            let thickness = (size / 12.0).max(1.5);
            match annotation.kind {
                AnnotationKind::Mention => {
                    under.add_colored_rect(rect, c.gamma_multiply(fill_alpha));
                }
                AnnotationKind::Speaker => {
                    // A bar rather than a box: vertical strokes next to letters read as "|" to
                    // OCR and to tired eyes.
                    under.add_colored_rect(rect, c.gamma_multiply(fill_alpha));
                    let y = rect.max.y;
                    over.add_colored_rect(
                        Rect::from_min_max(
                            Pos2::new(rect.min.x, y - 2.0 * thickness),
                            Pos2::new(rect.max.x, y),
                        ),
                        c,
                    );
                }
                AnnotationKind::StatementContent => {
                    let y = rect.max.y;
                    over.add_colored_rect(
                        Rect::from_min_max(
                            Pos2::new(rect.min.x, y - thickness),
                            Pos2::new(rect.max.x, y),
                        ),
                        c,
                    );
                }
                AnnotationKind::Cue => {
                    // Dashed, and below the line: marks above the letters make OCR (and some
                    // readers) skip the whole line.
                    let y = rect.max.y - thickness;
                    let dash = thickness * 3.0;
                    let mut x = rect.min.x;
                    while x < rect.max.x {
                        let x1 = (x + dash).min(rect.max.x);
                        over.add_colored_rect(
                            Rect::from_min_max(Pos2::new(x, y), Pos2::new(x1, y + thickness)),
                            c,
                        );
                        x += dash * 1.8;
                    }
                }
            }
        }
    }
    (under, over)
}

/// The per-`Context` text engine and glyph atlas shared by every view and label.
pub(crate) struct SurfaceInner {
    pub(crate) engine: TextEngine,
    pub(crate) atlas: GlyphAtlas,
    pub(crate) labels: crate::ui::bidi_label::LabelCache,
}

#[derive(Clone)]
pub(crate) struct Surface(Arc<Mutex<SurfaceInner>>);

impl Surface {
    pub(crate) fn get(ctx: &Context) -> Surface {
        let id = Id::NULL.with("marsad_text_surface");
        if let Some(s) = ctx.data(|d| d.get_temp::<Surface>(id)) {
            return s;
        }
        let surface = Surface(Arc::new(Mutex::new(SurfaceInner {
            engine: TextEngine::new(),
            atlas: GlyphAtlas::new(ctx),
            labels: Default::default(),
        })));
        ctx.data_mut(|d| d.insert_temp(id, surface.clone()));
        surface
    }

    /// Never held across a call that may lock it again (tooltips, nested labels).
    pub(crate) fn lock(&self) -> MutexGuard<'_, SurfaceInner> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
