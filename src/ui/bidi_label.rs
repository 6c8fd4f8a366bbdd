//! `BidiLabel`: a label for any Arabic (or mixed) string outside the article — list items,
//! tooltips, graph labels — laid out by the same cosmic-text engine as the article, because egui's
//! own text reverses words and digits in mixed-direction strings.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, Context, FontFamily, Mesh, Response, Sense, Shape, Ui, Vec2, Widget};

use crate::text_layout::fonts;
use crate::text_layout::{ArticleLayout, FontRole, LayoutStyle};
use crate::ui::text_view::Surface;

/// Labels kept beyond this count are dropped when not drawn in the current frame.
const MAX_CACHED: usize = 512;
/// Width used to measure a label's natural (unwrapped) width.
const UNBOUNDED: f32 = 100_000.0;

/// Registers the bundled fonts with egui as lowest-priority fallbacks, so that Arabic reaching a
/// plain egui widget shows letters rather than empty boxes (and Latin text has a font even when
/// egui's default fonts are disabled).
pub fn install_fonts(ctx: &Context) {
    let wanted = [
        "NotoSans-Regular",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
    ];
    for (name, bytes) in fonts::BUNDLED.iter().filter(|(n, _)| wanted.contains(n)) {
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(bytes),
            vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        ));
    }
}

/// A label laid out with bidi support. `ui.add(BidiLabel::new("قال Reuters في 2024/11/19"))`.
pub struct BidiLabel<'a> {
    text: &'a str,
    size: Option<f32>,
    color: Option<Color32>,
    wrap_width: Option<f32>,
    role: FontRole,
    bold: bool,
}

impl<'a> BidiLabel<'a> {
    pub fn new(text: &'a str) -> Self {
        BidiLabel {
            text,
            size: None,
            color: None,
            wrap_width: None,
            role: FontRole::Interface,
            bold: false,
        }
    }

    /// Font size in points (default: egui's body size).
    pub fn size(mut self, size: f32) -> Self {
        self.size = Some(size);
        self
    }

    /// Text colour (default: the visuals' text colour).
    pub fn color(mut self, color: Color32) -> Self {
        self.color = Some(color);
        self
    }

    /// Wrap at this width (default: the available width).
    pub fn wrap_width(mut self, width: f32) -> Self {
        self.wrap_width = Some(width);
        self
    }

    pub fn bold(mut self, bold: bool) -> Self {
        self.bold = bold;
        self
    }

    /// Use the article face (Naskh) instead of the interface face.
    pub fn article_font(mut self) -> Self {
        self.role = FontRole::Article;
        self
    }
}

/// Laid-out labels keyed by text, size, width and face.
#[derive(Default)]
pub(crate) struct LabelCache {
    entries: HashMap<u64, LabelEntry>,
}

struct LabelEntry {
    layout: ArticleLayout,
    size: Vec2,
    mesh: Option<((u64, u32, Color32), Arc<Mesh>)>,
    last_frame: u64,
}

impl Widget for BidiLabel<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let size = self
            .size
            .unwrap_or_else(|| egui::TextStyle::Body.resolve(ui.style()).size);
        let max_width = self.wrap_width.unwrap_or_else(|| ui.available_width());
        let max_width = if max_width.is_finite() && max_width > 1.0 {
            max_width
        } else {
            UNBOUNDED
        };
        let color = self.color.unwrap_or_else(|| ui.visuals().text_color());
        let ppp = ui.ctx().pixels_per_point();
        let frame = ui.ctx().cumulative_frame_nr();
        let style = LayoutStyle {
            font_size: size,
            line_spacing: 1.35,
            role: self.role,
            bold: self.bold,
            justify_rtl: false,
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            self.text,
            size.to_bits(),
            max_width.to_bits(),
            self.role,
            self.bold,
        )
            .hash(&mut h);
        let key = h.finish();

        let surface = Surface::get(ui.ctx());
        let mut guard = surface.lock();
        let inner = &mut *guard;
        let cache = &mut inner.labels;
        if cache.entries.len() > MAX_CACHED {
            cache.entries.retain(|_, e| e.last_frame + 1 >= frame);
        }
        let entry = cache.entries.entry(key).or_insert_with(|| {
            let mut layout = ArticleLayout::new(self.text, style, UNBOUNDED);
            layout.layout_all(&mut inner.engine);
            let natural = layout.max_line_width().ceil() + 1.0;
            layout.set_width(natural.min(max_width));
            layout.layout_all(&mut inner.engine);
            let size = Vec2::new(layout.width(), layout.height());
            LabelEntry {
                layout,
                size,
                mesh: None,
                last_frame: frame,
            }
        });
        entry.last_frame = frame;
        let (rect, response) = ui.allocate_exact_size(entry.size, Sense::hover());
        if ui.is_rect_visible(rect) {
            let mesh_key = (inner.atlas.generation(), ppp.to_bits(), color);
            let fresh = entry.mesh.as_ref().is_some_and(|(k, _)| *k == mesh_key);
            if !fresh {
                let mut built = None;
                for _attempt in 0..2 {
                    if let Ok(mesh) = super::text_view::glyph_mesh_all(
                        &mut entry.layout,
                        &mut inner.engine,
                        &mut inner.atlas,
                        ppp,
                        color,
                    ) {
                        built = Some(mesh);
                        break;
                    }
                }
                let key = (inner.atlas.generation(), ppp.to_bits(), color);
                entry.mesh = built.map(|m| (key, Arc::new(m)));
            }
            if let Some((_, mesh)) = &entry.mesh {
                let offset = (rect.min.to_vec2() * ppp).round() / ppp;
                let mut mesh = (**mesh).clone();
                mesh.translate(offset);
                ui.painter().add(Shape::mesh(mesh));
            }
        }
        drop(guard);
        let text = self.text.to_owned();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
        response
    }
}
