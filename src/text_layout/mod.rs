//! Bidirectional paragraph layout on cosmic-text, with no egui types, so it can be unit-tested and
//! benchmarked headlessly.
//!
//! Coordinates are logical points with the origin at the top-left of the article column; document
//! offsets are Unicode scalar values (Rust `char`s) into the whole text, end exclusive, the unit of
//! the annotation model. cosmic-text works in UTF-8 bytes of a *display copy* of each block, so every
//! block keeps a char → display-byte map.

pub mod fonts;

use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use cosmic_text::{
    fontdb, Align, Attrs, Buffer, Family, FontSystem, LayoutRun, Metrics, Shaping, SwashCache,
    Weight, Wrap,
};
use unicode_bidi::{bidi_class, BidiClass};
use unicode_segmentation::UnicodeSegmentation;

/// Blocks longer than this many chars are split (at a sentence or word boundary) so that one huge
/// paragraph never has to be shaped at once: shaping cost stays proportional to what is visible.
const MAX_BLOCK_CHARS: usize = 2_000;
/// Right-to-left mark, prefixed to the display copy to force an RTL paragraph direction
/// (cosmic-text 0.19 has no direction override).
const RLM: char = '\u{200F}';
/// Stand-in for explicit bidi controls: same UTF-8 length, bidi class BN, invisible.
const NEUTRALISED_CONTROL: char = '\u{2060}';
/// Heap bytes of shaping kept for blocks the reader has left: beyond this the least recently used
/// drop their glyphs (keeping their measured height), so reading a whole huge article costs no
/// more memory than a few screens of it (some twenty screens of news paragraphs).
const SHAPED_BUDGET: usize = 12 << 20;
/// Heap bytes per laid-out glyph, estimated from cosmic-text 0.19's structures: a shaped and a
/// laid-out copy of every glyph (about 100 bytes each), plus words, lines and spare capacity.
const BYTES_PER_GLYPH: usize = 240;
/// Smallest font size accepted; cosmic-text panics on a zero size.
const MIN_FONT_SIZE: f32 = 4.0;
/// Narrowest layout width accepted, so a collapsed panel never wraps every glyph onto its own line.
const MIN_WIDTH: f32 = 40.0;

/// A point in article coordinates (logical points).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle in article coordinates (logical points).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }
}

/// The font system and rasteriser, built only from the bundled fonts. One per application: shaping
/// caches live here and are shared by every layout.
pub struct TextEngine {
    pub font_system: FontSystem,
    pub swash: SwashCache,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// Loads the bundled fonts into an empty font database (never system fonts, so layout is the
    /// same on every machine).
    pub fn new() -> Self {
        let mut db = fontdb::Database::new();
        for (_, bytes) in fonts::BUNDLED {
            db.load_font_source(fontdb::Source::Binary(Arc::new(*bytes)));
        }
        db.set_sans_serif_family(fonts::INTERFACE_FAMILY);
        db.set_serif_family(fonts::ARTICLE_FAMILY);
        TextEngine {
            font_system: FontSystem::new_with_locale_and_db("ar".into(), db),
            swash: SwashCache::new(),
        }
    }
}

/// Which bundled face a layout uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontRole {
    /// Noto Naskh Arabic: long-form reading.
    Article,
    /// Noto Sans Arabic: labels, lists, tooltips.
    Interface,
}

/// Everything that changes the geometry of a layout except its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutStyle {
    pub font_size: f32,
    /// Line height as a multiple of the font size.
    pub line_spacing: f32,
    pub role: FontRole,
    pub bold: bool,
    /// Justify right-to-left paragraphs (the last line of each stays right-aligned).
    pub justify_rtl: bool,
}

impl Default for LayoutStyle {
    fn default() -> Self {
        LayoutStyle {
            font_size: 20.0,
            line_spacing: 1.7,
            role: FontRole::Article,
            bold: false,
            justify_rtl: true,
        }
    }
}

impl LayoutStyle {
    fn metrics(&self) -> Metrics {
        let size = if self.font_size.is_finite() {
            self.font_size.max(MIN_FONT_SIZE)
        } else {
            LayoutStyle::default().font_size
        };
        let spacing = if self.line_spacing.is_finite() {
            self.line_spacing.max(1.0)
        } else {
            1.0
        };
        Metrics::new(size, (size * spacing).ceil())
    }

    fn attrs(&self) -> Attrs<'static> {
        let family = match self.role {
            FontRole::Article => fonts::ARTICLE_FAMILY,
            FontRole::Interface => fonts::INTERFACE_FAMILY,
        };
        let weight = if self.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        };
        Attrs::new().family(Family::Name(family)).weight(weight)
    }
}

/// A unit of layout: a paragraph, or a chunk of an overlong one. Every block of the article keeps
/// its place in the text and its height; only those near the reader hold their shaping.
struct Block {
    /// Document char range (no line break inside).
    chars: Range<usize>,
    /// Document byte range of `chars`.
    bytes: Range<usize>,
    rtl: bool,
    /// Shaped lazily (far paragraphs of a long article are only estimated) and dropped again when
    /// the reader has long left (see [`SHAPED_BUDGET`]).
    shaped: Option<Box<Shaped>>,
    /// Whether `shaped` is wrapped for the current width and style (perhaps ahead of time, with
    /// `height` still the estimate), and whether `height` is taken from it.
    ready: bool,
    exact: bool,
    height: f32,
}

/// A block's shaping: a cosmic-text buffer holding the block's display copy (sanitised, see
/// [`display_char`]), and where each char of the block went in it.
struct Shaped {
    buffer: Buffer,
    /// Display byte offset of every char of the block, plus the end (len = chars.len() + 1).
    char_bytes: Vec<u32>,
    /// Heap bytes held, roughly, for [`SHAPED_BUDGET`].
    bytes: usize,
    /// The layout's clock when the block was last laid out or asked for.
    used: u64,
}

impl Block {
    fn buffer(&self) -> Option<&Buffer> {
        self.shaped.as_ref().map(|s| &s.buffer)
    }

    /// Display byte → document char (the char whose display bytes contain `byte`).
    fn char_at_byte(&self, byte: usize) -> usize {
        let Some(shaped) = &self.shaped else {
            return self.chars.start;
        };
        let i = shaped.char_bytes.partition_point(|&b| b as usize <= byte);
        self.chars.start + i.saturating_sub(1).min(self.chars.len().saturating_sub(1))
    }

    /// Document char range → display byte range, clipped to this block (`None` if it is not
    /// shaped).
    fn byte_range(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let shaped = self.shaped.as_ref()?;
        let start = range.start.max(self.chars.start);
        let end = range.end.min(self.chars.end);
        if start >= end {
            return None;
        }
        let b = |c: usize| shaped.char_bytes[c - self.chars.start] as usize;
        Some(b(start)..b(end))
    }

    /// Bytes of the display copy before the block's first char (a direction mark).
    fn prefix_len(&self) -> usize {
        self.shaped
            .as_ref()
            .and_then(|s| s.char_bytes.first())
            .map_or(0, |&b| b as usize)
    }

    /// Length of the display copy in bytes.
    fn display_len(&self) -> usize {
        self.shaped
            .as_ref()
            .and_then(|s| s.char_bytes.last())
            .map_or(0, |&b| b as usize)
    }
}

/// The laid-out article: blocks with their tops, laid out lazily for the current width and style.
pub struct ArticleLayout {
    /// The document text, shared with its owner (never copied for a view).
    text: Arc<str>,
    blocks: Vec<Block>,
    /// `tops[i]` is the y of block `i`; `tops[len]` is the total height.
    tops: Vec<f32>,
    tops_dirty: bool,
    style: LayoutStyle,
    width: f32,
    /// Running estimate of the advance of one char, used for the height of unshaped blocks.
    avg_char_width: f32,
    char_count: usize,
    /// Heap bytes held by shaped blocks (see [`SHAPED_BUDGET`]).
    shaped_bytes: usize,
    /// Ticks once per [`Self::ensure_visible`] (once a frame): what was used last is kept longest.
    clock: u64,
}

impl ArticleLayout {
    /// Splits `text` into paragraphs on '\n' (and overlong paragraphs into chunks). Nothing is
    /// shaped yet.
    pub fn new(text: &str, style: LayoutStyle, width: f32) -> Self {
        Self::shared(Arc::from(text), style, width)
    }

    /// [`Self::new`] over a text the caller shares, so that a long article is held once.
    pub fn shared(text: Arc<str>, style: LayoutStyle, width: f32) -> Self {
        let doc_rtl = default_rtl(&text);
        let mut blocks = Vec::new();
        let mut char_pos = 0;
        let mut byte_pos = 0;
        for para in text.split('\n') {
            let rtl = paragraph_rtl(para, doc_rtl);
            for (chunk_byte, chunk) in chunks(para) {
                let len = chunk.chars().count();
                let start = byte_pos + chunk_byte;
                blocks.push(Block {
                    chars: char_pos..char_pos + len,
                    bytes: start..start + chunk.len(),
                    rtl,
                    shaped: None,
                    ready: false,
                    exact: false,
                    height: 0.0,
                });
                char_pos += len;
            }
            debug_assert_eq!(blocks.last().map(|b| b.chars.end), Some(char_pos));
            char_pos += 1; // the '\n'
            byte_pos += para.len() + 1;
        }
        let char_count = char_pos.saturating_sub(1);
        let metrics = style.metrics();
        let mut layout = ArticleLayout {
            text,
            blocks,
            tops: Vec::new(),
            tops_dirty: true,
            style,
            width: sanitise_width(width),
            avg_char_width: metrics.font_size * 0.42,
            char_count,
            shaped_bytes: 0,
            clock: 0,
        };
        layout.estimate_all();
        layout
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of chars in the document.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    pub fn style(&self) -> LayoutStyle {
        self.style
    }

    pub fn width(&self) -> f32 {
        self.width
    }

    /// Changes the wrap width. Shaping is kept; blocks are re-wrapped when next needed.
    pub fn set_width(&mut self, width: f32) {
        let width = sanitise_width(width);
        if (width - self.width).abs() > 0.01 {
            self.width = width;
            self.estimate_all();
        }
    }

    /// Changes size/spacing/face (zoom). Shaping is size-independent in cosmic-text, so this is a
    /// re-wrap too unless the face changes.
    pub fn set_style(&mut self, style: LayoutStyle) {
        if style != self.style {
            let face_changed = style.role != self.style.role || style.bold != self.style.bold;
            let ratio = style.metrics().font_size / self.style.metrics().font_size;
            self.style = style;
            self.avg_char_width *= ratio;
            if face_changed {
                for block in &mut self.blocks {
                    block.shaped = None;
                }
                self.shaped_bytes = 0;
            }
            self.estimate_all();
        }
    }

    /// Number of blocks (paragraphs and chunks of long paragraphs).
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// Total height; estimated for blocks not laid out yet.
    pub fn height(&mut self) -> f32 {
        self.update_tops();
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Top y of block `i`.
    pub fn block_top(&mut self, i: usize) -> f32 {
        self.update_tops();
        self.tops.get(i).copied().unwrap_or(0.0)
    }

    /// Document char range of block `i`.
    pub fn block_chars(&self, i: usize) -> Range<usize> {
        self.blocks.get(i).map_or(0..0, |b| b.chars.clone())
    }

    /// Blocks intersecting the vertical range `y`.
    pub fn blocks_in(&mut self, y: Range<f32>) -> Range<usize> {
        self.update_tops();
        let n = self.blocks.len();
        // tops[i + 1] is the bottom of block i.
        let first = self.tops[1..]
            .partition_point(|&bottom| bottom <= y.start)
            .min(n);
        let last = self.tops[..n]
            .partition_point(|&top| top < y.end)
            .max(first);
        first..last
    }

    /// Block containing document char `offset` (the following block for a '\n').
    pub fn block_of_char(&self, offset: usize) -> usize {
        self.blocks
            .partition_point(|b| b.chars.end <= offset)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// Lays out every block intersecting `y` (and keeps laying out until the range is covered even
    /// if exact heights turn out smaller than estimates). Returns the blocks now covering `y`.
    pub fn ensure_visible(&mut self, engine: &mut TextEngine, y: Range<f32>) -> Range<usize> {
        self.clock += 1;
        // Each pass fixes heights, which may pull more blocks into the range; a few passes converge.
        let mut range = self.blocks_in(y.clone());
        for _ in 0..4 {
            let mut changed = false;
            for i in range.clone() {
                changed |= self.layout_block(engine, i);
            }
            range = self.blocks_in(y.clone());
            if !changed {
                break;
            }
        }
        if self.shaped_bytes > SHAPED_BUDGET {
            self.evict(&range);
        }
        range
    }

    /// Shapes the blocks of `y` that are not shaped yet, from its top (or from its bottom,
    /// `upward`), until `deadline`: the spare time of a frame shapes the text the reader is about
    /// to scroll into, so a scrolling frame rarely has to. Heights are taken in only when the
    /// blocks come into view, so nothing on screen moves. Returns whether all of `y` is ready.
    pub fn prepare(
        &mut self,
        engine: &mut TextEngine,
        y: Range<f32>,
        upward: bool,
        deadline: Instant,
    ) -> bool {
        let range = self.blocks_in(y);
        for k in 0..range.len() {
            let i = if upward {
                range.end - 1 - k
            } else {
                range.start + k
            };
            if self.blocks[i].ready {
                continue;
            }
            if Instant::now() >= deadline {
                return false;
            }
            self.shape_block(engine, i);
        }
        true
    }

    /// Drops the shaping of the least recently used blocks outside `keep` until a quarter of
    /// the budget is free again (their heights stay as measured).
    fn evict(&mut self, keep: &Range<usize>) {
        let mut shaped: Vec<(u64, usize)> = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| !keep.contains(i))
            .filter_map(|(i, b)| b.shaped.as_ref().map(|s| (s.used, i)))
            .collect();
        shaped.sort_unstable();
        for (_, i) in shaped {
            if self.shaped_bytes <= SHAPED_BUDGET / 4 * 3 {
                break;
            }
            let block = &mut self.blocks[i];
            if let Some(gone) = block.shaped.take() {
                self.shaped_bytes -= gone.bytes;
            }
            block.ready = false;
            block.exact = false;
        }
    }

    /// Heap bytes held by the shaping of blocks (tests and benches watch the budget).
    pub fn shaped_bytes(&self) -> usize {
        self.shaped_bytes
    }

    /// Lays out every block (tests, exports, small texts).
    pub fn layout_all(&mut self, engine: &mut TextEngine) {
        for i in 0..self.blocks.len() {
            self.layout_block(engine, i);
        }
    }

    /// Shapes (if needed) and wraps block `i` for the current width. Returns whether its height
    /// changed.
    pub fn layout_block(&mut self, engine: &mut TextEngine, i: usize) -> bool {
        let Some(block) = self.blocks.get_mut(i) else {
            return false;
        };
        if block.exact {
            if let Some(shaped) = &mut block.shaped {
                shaped.used = self.clock;
            }
            return false;
        }
        self.shape_block(engine, i);
        let line_height = self.style.metrics().line_height;
        let block = &mut self.blocks[i];
        let mut height = 0.0f32;
        let mut line_w = 0.0f32;
        for run in block.buffer().into_iter().flat_map(|b| b.layout_runs()) {
            height = height.max(run.line_top + run.line_height);
            line_w += run.line_w;
        }
        if height <= 0.0 {
            height = line_height;
        }
        let chars = block.chars.len();
        if chars > 20 {
            // Learn the average advance so estimates for unshaped blocks stay close.
            let sample = line_w / chars as f32;
            self.avg_char_width = 0.8 * self.avg_char_width + 0.2 * sample;
        }
        block.exact = true;
        let changed = (block.height - height).abs() > 0.01;
        block.height = height;
        if changed {
            self.tops_dirty = true;
        }
        changed
    }

    /// Shapes block `i` and wraps it for the current width and style, leaving its height (and
    /// so every position in the article) as it was until [`Self::layout_block`] takes it in.
    fn shape_block(&mut self, engine: &mut TextEngine, i: usize) {
        let metrics = self.style.metrics();
        let (width, style, clock) = (self.width, self.style, self.clock);
        let Some(block) = self.blocks.get_mut(i) else {
            return;
        };
        let text = &self.text;
        let shaped = block.shaped.get_or_insert_with(|| {
            let (display, char_bytes) = display_copy(&text[block.bytes.clone()], block.rtl);
            let mut buffer = Buffer::new_empty(metrics);
            let align = match (block.rtl, style.justify_rtl) {
                (true, true) => Align::Justified,
                (true, false) => Align::Right,
                (false, _) => Align::Left,
            };
            // Lines break between words only, never inside one (hyphenless Arabic has no
            // in-word break); the view keeps a width where a word fits.
            buffer.set_wrap(Wrap::Word);
            buffer.set_text(&display, &style.attrs(), Shaping::Advanced, Some(align));
            Box::new(Shaped {
                buffer,
                char_bytes,
                bytes: 0,
                used: clock,
            })
        });
        shaped.used = clock;
        let buffer = &mut shaped.buffer;
        buffer.set_metrics_and_size(metrics, Some(width), None);
        buffer.shape_until_scroll(&mut engine.font_system, false);
        let glyphs: usize = buffer.layout_runs().map(|run| run.glyphs.len()).sum();
        let bytes = glyphs * BYTES_PER_GLYPH + shaped.char_bytes.len() * 5 + 512;
        self.shaped_bytes = self.shaped_bytes - shaped.bytes + bytes;
        shaped.bytes = bytes;
        block.ready = true;
    }

    /// Visual lines of block `i` (empty if it is not laid out).
    pub fn runs(&self, i: usize) -> impl Iterator<Item = LayoutRun<'_>> {
        self.blocks
            .get(i)
            .filter(|b| b.exact)
            .and_then(Block::buffer)
            .into_iter()
            .flat_map(|b| b.layout_runs())
    }

    /// Widest visual line among laid-out blocks (natural width of a short label).
    pub fn max_line_width(&self) -> f32 {
        (0..self.blocks.len())
            .flat_map(|i| self.runs(i))
            .map(|run| run.line_w)
            .fold(0.0, f32::max)
    }

    /// Whether block `i` is laid out for the current width and style.
    pub fn is_exact(&self, i: usize) -> bool {
        self.blocks.get(i).is_some_and(|b| b.exact)
    }

    /// Document char under `point`, or `None` when the point is not over a glyph.
    pub fn hit(&mut self, engine: &mut TextEngine, point: Point) -> Option<usize> {
        let i = self.block_at_y(point.y)?;
        self.layout_block(engine, i);
        let top = self.block_top(i);
        let block = &self.blocks[i];
        let local = Point::new(point.x, point.y - top);
        for run in block.buffer()?.layout_runs() {
            if local.y < run.line_top || local.y >= run.line_top + run.line_height {
                continue;
            }
            for (cluster, x0, x1) in graphemes(&run) {
                if local.x >= x0 && local.x <= x1 && cluster.start >= block.prefix_len() {
                    return Some(block.char_at_byte(cluster.start));
                }
            }
            return None;
        }
        None
    }

    /// Nearest caret position (a char boundary) to `point`, for selections; always answers.
    pub fn cursor_at(&mut self, engine: &mut TextEngine, point: Point) -> usize {
        self.update_tops();
        if self.blocks.is_empty() {
            return 0;
        }
        if point.y < 0.0 {
            return 0;
        }
        let Some(i) = self.block_at_y(point.y) else {
            return self.char_count;
        };
        self.layout_block(engine, i);
        let top = self.block_top(i);
        let block = &self.blocks[i];
        let Some(buffer) = block.buffer() else {
            return block.chars.start;
        };
        let local = Point::new(point.x, point.y - top);
        let runs: Vec<LayoutRun<'_>> = buffer.layout_runs().collect();
        let Some(run) = runs
            .iter()
            .find(|r| local.y < r.line_top + r.line_height)
            .or(runs.last())
        else {
            return block.chars.start;
        };
        let skip = block.prefix_len();
        let mut best: Option<(f32, usize)> = None;
        for (cluster, x0, x1) in graphemes(run) {
            if cluster.start < skip {
                continue;
            }
            let rtl = cluster.rtl;
            let left_byte = if rtl { cluster.end } else { cluster.start };
            let right_byte = if rtl { cluster.start } else { cluster.end };
            for (x, byte) in [(x0, left_byte), (x1, right_byte)] {
                let d = (local.x - x).abs();
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, byte));
                }
            }
        }
        match best {
            Some((_, byte)) if byte >= block.display_len() => block.chars.end,
            Some((_, byte)) => block.char_at_byte(byte),
            None => block.chars.start,
        }
    }

    /// Rectangles covering the document char range `range`: one per visual span, so a range that
    /// crosses bidi runs, wrapped lines or paragraphs gives several.
    pub fn highlight_rects(&mut self, engine: &mut TextEngine, range: Range<usize>) -> Vec<Rect> {
        let mut out = Vec::new();
        if range.start >= range.end || self.blocks.is_empty() {
            return out;
        }
        let first = self.block_of_char(range.start);
        let last = self.block_of_char(range.end.saturating_sub(1));
        for i in first..=last {
            self.layout_block(engine, i);
        }
        for i in first..=last {
            self.block_highlight(i, &range, &mut out);
        }
        out
    }

    /// Where `range` lies (top and bottom y), exactly: the blocks of the range and `context`
    /// points of text on each side are laid out first, because the height of every block above
    /// a target moves it. Used to scroll to a span in one step, however far it is.
    pub fn locate(
        &mut self,
        engine: &mut TextEngine,
        range: Range<usize>,
        context: f32,
    ) -> Option<(f32, f32)> {
        let n = self.blocks.len();
        if n == 0 {
            return None;
        }
        let start = range.start.min(self.char_count);
        let end = range.end.clamp(start, self.char_count);
        let first = self.block_of_char(start);
        let last = self.block_of_char(end.saturating_sub(1).max(start));
        for i in first..=last {
            self.layout_block(engine, i);
        }
        let mut above = 0.0;
        let mut i = first;
        while i > 0 && above < context {
            i -= 1;
            self.layout_block(engine, i);
            above += self.blocks[i].height;
        }
        let mut below = 0.0;
        let mut j = last;
        while j + 1 < n && below < context {
            j += 1;
            self.layout_block(engine, j);
            below += self.blocks[j].height;
        }
        let rects = self.highlight_rects(engine, start..end.max(start + 1));
        if rects.is_empty() {
            let top = self.block_top(first);
            return Some((top, top + self.blocks[first].height));
        }
        let y0 = rects.iter().map(|r| r.min.y).fold(f32::MAX, f32::min);
        let y1 = rects.iter().map(|r| r.max.y).fold(f32::MIN, f32::max);
        Some((y0, y1))
    }

    /// Like [`Self::highlight_rects`] but only for block `i`, which must be laid out (painting).
    pub fn block_highlight(&mut self, i: usize, range: &Range<usize>, out: &mut Vec<Rect>) {
        let top = self.block_top(i);
        let Some(block) = self.blocks.get(i) else {
            return;
        };
        let (Some(bytes), Some(buffer)) = (block.byte_range(range), block.buffer()) else {
            return;
        };
        if !block.exact {
            return;
        }
        for run in buffer.layout_runs() {
            let mut spans: Vec<(f32, f32)> = graphemes_within(&run, bytes.clone())
                .filter(|(c, _, _)| c.start < bytes.end && c.end > bytes.start)
                .map(|(_, x0, x1)| (x0, x1))
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for (x0, x1) in spans {
                match merged.last_mut() {
                    Some(last) if x0 <= last.1 + 0.5 => last.1 = last.1.max(x1),
                    _ => merged.push((x0, x1)),
                }
            }
            for (x0, x1) in merged {
                out.push(Rect {
                    min: Point::new(x0, top + run.line_top),
                    max: Point::new(x1, top + run.line_top + run.line_height),
                });
            }
        }
    }

    /// Document char offsets where the visual lines of block `i` start, in order (empty if the
    /// block is not laid out).
    pub fn line_starts(&self, i: usize) -> Vec<usize> {
        let Some(block) = self.blocks.get(i) else {
            return Vec::new();
        };
        let skip = block.prefix_len();
        self.runs(i)
            .filter_map(|run| {
                run.glyphs
                    .iter()
                    .map(|g| g.start)
                    .filter(|&b| b >= skip)
                    .min()
            })
            .map(|byte| block.char_at_byte(byte))
            .collect()
    }

    /// The word (or run of spaces or punctuation) containing document char `offset`, by the
    /// Unicode word boundaries: an Arabic word keeps its clitics ("والعراق" is one word).
    pub fn word_at(&self, offset: usize) -> Range<usize> {
        if self.blocks.is_empty() {
            return 0..0;
        }
        let block = &self.blocks[self.block_of_char(offset)];
        if !block.chars.contains(&offset) {
            return offset..offset;
        }
        let mut at = block.chars.start;
        for piece in self.text[block.bytes.clone()].split_word_bounds() {
            let n = piece.chars().count();
            if offset < at + n {
                return at..at + n;
            }
            at += n;
        }
        offset..offset
    }

    /// The document text of a char range (clamped), for copying.
    pub fn slice(&self, range: Range<usize>) -> &str {
        let start = self.char_to_byte(range.start);
        let end = self.char_to_byte(range.end.max(range.start));
        &self.text[start..end]
    }

    /// Document char offset → byte offset (clamped to the text).
    pub fn char_to_byte(&self, offset: usize) -> usize {
        if self.blocks.is_empty() {
            return 0;
        }
        let i = self.block_of_char(offset);
        let block = &self.blocks[i];
        if offset <= block.chars.start {
            // Either inside this block's start or on a '\n' before it.
            return block.bytes.start - (block.chars.start - offset).min(block.bytes.start);
        }
        let src = &self.text[block.bytes.start..];
        let k = offset - block.chars.start;
        src.char_indices()
            .nth(k)
            .map_or(self.text.len(), |(b, _)| block.bytes.start + b)
    }

    fn block_at_y(&mut self, y: f32) -> Option<usize> {
        self.update_tops();
        let n = self.blocks.len();
        if y < 0.0 || n == 0 || y >= self.tops[n] {
            return None;
        }
        Some(
            self.tops[1..]
                .partition_point(|&bottom| bottom <= y)
                .min(n - 1),
        )
    }

    fn estimate_all(&mut self) {
        let line_height = self.style.metrics().line_height;
        let per_line = (self.width / self.avg_char_width.max(1.0)).max(1.0);
        for block in &mut self.blocks {
            block.ready = false;
            block.exact = false;
            let lines = (block.chars.len() as f32 / per_line).ceil().max(1.0);
            block.height = lines * line_height;
        }
        self.tops_dirty = true;
    }

    fn update_tops(&mut self) {
        if !self.tops_dirty && self.tops.len() == self.blocks.len() + 1 {
            return;
        }
        self.tops.clear();
        let mut y = 0.0;
        self.tops.push(y);
        for block in &self.blocks {
            y += block.height;
            self.tops.push(y);
        }
        self.tops_dirty = false;
    }
}

/// One grapheme of a visual line: its display byte range, its direction and its x extent.
struct Cluster {
    start: usize,
    end: usize,
    rtl: bool,
}

/// Graphemes of a run with their x extents. A glyph covering several graphemes (a ligature such as
/// lam-alef) is divided evenly, in visual order (right to left for RTL glyphs), so that hit-testing
/// and highlights agree with each other and with the reading direction.
fn graphemes<'a>(run: &'a LayoutRun<'a>) -> impl Iterator<Item = (Cluster, f32, f32)> + 'a {
    graphemes_within(run, 0..usize::MAX)
}

/// [`graphemes`] of the glyphs that touch the display bytes `within` only: painting a highlight
/// segments the few glyphs it covers, not the whole line (a selected actor may have hundreds of
/// mentions on screen).
fn graphemes_within<'a>(
    run: &'a LayoutRun<'a>,
    within: Range<usize>,
) -> impl Iterator<Item = (Cluster, f32, f32)> + 'a {
    let glyphs = run
        .glyphs
        .iter()
        .filter(move |g| g.start < within.end && g.end > within.start);
    glyphs.flat_map(move |glyph| {
        let text = run.text.get(glyph.start..glyph.end).unwrap_or("");
        let count = text.graphemes(true).count().max(1);
        let w = glyph.w / count as f32;
        let rtl = glyph.level.is_rtl();
        text.grapheme_indices(true)
            .enumerate()
            .map(move |(k, (i, g))| {
                let x0 = if rtl {
                    glyph.x + glyph.w - (k + 1) as f32 * w
                } else {
                    glyph.x + k as f32 * w
                };
                let cluster = Cluster {
                    start: glyph.start + i,
                    end: glyph.start + i + g.len(),
                    rtl,
                };
                (cluster, x0, x0 + w)
            })
    })
}

fn sanitise_width(width: f32) -> f32 {
    if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    }
}

/// The document's default paragraph direction: right-to-left unless it has strong LTR text and no
/// Arabic/Hebrew at all.
fn default_rtl(text: &str) -> bool {
    let mut any_ltr = false;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => return true,
            BidiClass::L => any_ltr = true,
            _ => {}
        }
    }
    !any_ltr
}

/// A paragraph is right-to-left if it contains any RTL letter (so "Reuters: قال …" stays RTL in an
/// Arabic article), left-to-right if its only strong letters are LTR, and follows the document when
/// it has no strong letter at all (dates, numbers, punctuation).
pub fn paragraph_rtl(para: &str, doc_rtl: bool) -> bool {
    let mut any_ltr = false;
    for c in para.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => return true,
            BidiClass::L => any_ltr = true,
            _ => {}
        }
    }
    if any_ltr {
        false
    } else {
        doc_rtl
    }
}

/// What cosmic-text sees instead of `c`. Paragraph and segment separators would break its one-line
/// assumption (U+2029 panics), and explicit embeddings/overrides/isolates are neutralised so that
/// a stray U+202E cannot reverse the text after it. Every substitute is a single char, so the
/// char ↔ display-byte map stays one-to-one.
fn display_char(c: char) -> char {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => NEUTRALISED_CONTROL,
        '\u{2028}' | '\u{2029}' => ' ',
        c if matches!(bidi_class(c), BidiClass::B | BidiClass::S) => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// The copy of a block's text that cosmic-text shapes (see [`display_char`]), and the display byte
/// offset of each of its chars plus the end.
fn display_copy(chunk: &str, rtl: bool) -> (String, Vec<u32>) {
    let mut display = String::with_capacity(chunk.len() + 3);
    let first_strong_rtl = chunk
        .chars()
        .map(display_char)
        .find_map(|c| match bidi_class(c) {
            BidiClass::R | BidiClass::AL => Some(true),
            BidiClass::L => Some(false),
            _ => None,
        });
    // unicode-bidi picks the direction from the first strong char (LTR if none): prefix an RLM when
    // that would disagree with the direction chosen for the paragraph.
    if rtl && first_strong_rtl != Some(true) {
        display.push(RLM);
    }
    let mut char_bytes = Vec::with_capacity(chunk.len() + 1);
    for c in chunk.chars() {
        char_bytes.push(display.len() as u32);
        display.push(display_char(c));
    }
    char_bytes.push(display.len() as u32);
    (display, char_bytes)
}

/// Splits a paragraph into chunks of at most [`MAX_BLOCK_CHARS`], preferring to cut after a sentence,
/// then after a space, and never inside a grapheme. Yields `(byte offset in para, chunk)`.
fn chunks(para: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while para.len() - start > MAX_BLOCK_CHARS {
        let rest = &para[start..];
        // Byte offset of the MAX_BLOCK_CHARS-th char.
        let limit = rest
            .char_indices()
            .nth(MAX_BLOCK_CHARS)
            .map_or(rest.len(), |(b, _)| b);
        if limit == rest.len() {
            break;
        }
        let window = &rest[..limit];
        let half = limit / 2;
        let sentence = window
            .match_indices(['.', '!', '?', '؟', '؛'])
            .map(|(i, s)| i + s.len())
            .rfind(|&i| i > half && window[i..].starts_with(' '))
            .map(|i| i + 1);
        let space = window.rfind(' ').filter(|&i| i > half).map(|i| i + 1);
        let cut = sentence.or(space).unwrap_or_else(|| {
            // No break opportunity: cut at the last grapheme boundary inside the window.
            window
                .grapheme_indices(true)
                .map(|(i, _)| i)
                .rfind(|&i| i > 0)
                .unwrap_or(limit)
        });
        out.push((start, &rest[..cut]));
        start += cut;
    }
    out.push((start, &para[start..]));
    out
}
