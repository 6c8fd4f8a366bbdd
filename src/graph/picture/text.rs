//! Graph labels shaped by the same cosmic-text engine as the article (Arabic joined, words and
//! digits in bidi order), measured to their ink, and turned into glyph outlines for the pictures.

use super::Seg;
use crate::graph::scene::Pt;
use crate::text_layout::{ArticleLayout, FontRole, LayoutStyle, TextEngine};

/// Line height of a label as a multiple of its font size (room for Arabic marks above and below).
const LINE_SPACING: f32 = 1.35;
/// Wide enough that no label wraps.
const UNBOUNDED: f32 = 100_000.0;

/// One label, laid out on a single line.
pub struct ShapedLabel {
    layout: ArticleLayout,
    /// Width of the glyphs and height of the line (points).
    pub size: Pt,
    /// Where the layout's origin lies relative to the top left of the glyphs' box.
    pub offset: Pt,
}

impl ShapedLabel {
    /// Shapes `text` (line breaks become spaces) at `font_size` in the interface face.
    pub fn new(engine: &mut TextEngine, text: &str, font_size: f32) -> ShapedLabel {
        let text = text.replace(['\n', '\r'], " ");
        let style = LayoutStyle {
            font_size,
            line_spacing: LINE_SPACING,
            role: FontRole::Interface,
            bold: false,
            justify_rtl: false,
        };
        let mut layout = ArticleLayout::new(&text, style, UNBOUNDED);
        layout.layout_all(engine);
        let natural = layout.max_line_width().ceil() + 1.0;
        layout.set_width(natural);
        layout.layout_all(engine);
        let (mut lo, mut hi) = (f32::MAX, f32::MIN);
        for run in layout.runs(0) {
            for g in run.glyphs {
                lo = lo.min(g.x);
                hi = hi.max(g.x + g.w);
            }
        }
        if lo > hi {
            (lo, hi) = (0.0, 0.0);
        }
        let height = layout.height();
        ShapedLabel {
            layout,
            size: [hi - lo, height],
            offset: [-lo, 0.0],
        }
    }

    /// The laid-out label (the app paints its glyphs from it).
    pub fn layout_mut(&mut self) -> &mut ArticleLayout {
        &mut self.layout
    }

    /// The glyph outlines with the glyphs' box at `at` (points, y down).
    pub fn outline(&self, engine: &mut TextEngine, at: Pt) -> Vec<Seg> {
        let mut path = Vec::new();
        let origin = [at[0] + self.offset[0], at[1] + self.offset[1]];
        for run in self.layout.runs(0) {
            for g in run.glyphs {
                let physical = g.physical((0.0, 0.0), 1.0);
                let x = origin[0] + g.x + g.font_size * g.x_offset;
                let y = origin[1] + run.line_y + g.y - g.font_size * g.y_offset;
                let Some(commands) = engine
                    .swash
                    .get_outline_commands(&mut engine.font_system, physical.cache_key)
                else {
                    continue;
                };
                // Font outlines point up; the picture's y axis points down.
                let map = |q: zeno::Point| [x + q.x, y - q.y];
                for &c in commands {
                    path.push(match c {
                        zeno::Command::MoveTo(q) => Seg::Move(map(q)),
                        zeno::Command::LineTo(q) => Seg::Line(map(q)),
                        zeno::Command::QuadTo(c, q) => Seg::Quad(map(c), map(q)),
                        zeno::Command::CurveTo(c1, c2, q) => Seg::Cubic(map(c1), map(c2), map(q)),
                        zeno::Command::Close => Seg::Close,
                    });
                }
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_label_is_measured_and_outlined_right_to_left() {
        let mut engine = TextEngine::new();
        let label = ShapedLabel::new(&mut engine, "إسرائيل", 13.0);
        assert!(
            label.size[0] > 20.0 && label.size[0] < 80.0,
            "{:?}",
            label.size
        );
        assert!(label.size[1] >= 13.0);
        let path = label.outline(&mut engine, [100.0, 50.0]);
        assert!(path.len() > 20, "glyph outlines");
        let xs: Vec<f32> = path.iter().filter_map(Seg::end).map(|p| p[0]).collect();
        let ys: Vec<f32> = path.iter().filter_map(Seg::end).map(|p| p[1]).collect();
        let (x0, x1) = (
            xs.iter().copied().fold(f32::MAX, f32::min),
            xs.iter().copied().fold(f32::MIN, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::MAX, f32::min),
            ys.iter().copied().fold(f32::MIN, f32::max),
        );
        assert!(
            x0 >= 99.0 && x1 <= 100.0 + label.size[0] + 1.0,
            "{x0}..{x1}"
        );
        assert!(
            y0 >= 49.0 && y1 <= 50.0 + label.size[1] + 1.0,
            "{y0}..{y1} (y down)"
        );
        // Right to left: the first letter (alef with hamza below) is drawn right of the last.
        let glyphs: Vec<(usize, f32)> = label
            .layout
            .runs(0)
            .flat_map(|r| r.glyphs.iter().map(|g| (g.start, g.x)))
            .collect();
        let first = glyphs.iter().min_by_key(|g| g.0).expect("glyphs");
        let last = glyphs.iter().max_by_key(|g| g.0).expect("glyphs");
        assert!(first.1 > last.1, "{glyphs:?}");
    }
}
