//! Scrolling the article: jumps that land on their target the first time, and an anchor that
//! keeps what the reader looks at in place while the layout changes under it (estimated heights
//! becoming exact, a resized window, a zoom).

use std::ops::Range;

use super::{ArticleViewState, Surface, OVERSCAN, PADDING};

/// A piece of text and where it should stay in the view.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchor {
    chars: Range<usize>,
    /// Top of the text's first line, from the top of the view (points).
    y_in_view: f32,
    /// The scroll offset the anchor was last placed at.
    offset: f32,
}

impl ArticleViewState {
    /// The scroll offset to set for this frame: a pending jump, or the correction that keeps
    /// the anchor where it was. `None` leaves the scroll area alone.
    pub(super) fn scroll_offset(&mut self, surface: &Surface, viewport_h: f32) -> Option<f32> {
        if let Some(range) = self.pending_scroll.take() {
            return self.jump(surface, range, viewport_h);
        }
        let anchor = self.anchor.clone()?;
        let mut guard = surface.lock();
        let (y0, _) = self
            .layout
            .locate(&mut guard.engine, anchor.chars.clone(), OVERSCAN)?;
        drop(guard);
        let wanted = self.clamp_offset(y0 + PADDING - anchor.y_in_view, viewport_h);
        ((wanted - anchor.offset).abs() > 0.5).then_some(wanted)
    }

    /// The offset that centres `range` in a view `viewport_h` high (or shows its top, if it is
    /// taller), from an exact layout of the range and a screen of text around it; the range
    /// becomes the anchor.
    fn jump(&mut self, surface: &Surface, range: Range<usize>, viewport_h: f32) -> Option<f32> {
        let mut guard = surface.lock();
        let (y0, y1) =
            self.layout
                .locate(&mut guard.engine, range.clone(), viewport_h + OVERSCAN)?;
        drop(guard);
        let (top, bottom) = (y0 + PADDING, y1 + PADDING);
        let margin = (viewport_h * 0.1).min(48.0);
        let offset = if bottom - top <= viewport_h - 2.0 * margin {
            (top + bottom - viewport_h) / 2.0
        } else {
            top - margin
        };
        let offset = self.clamp_offset(offset, viewport_h);
        self.anchor = Some(Anchor {
            chars: range,
            y_in_view: top - offset,
            offset,
        });
        Some(offset)
    }

    fn clamp_offset(&mut self, offset: f32, viewport_h: f32) -> f32 {
        let content_h = self.layout.height() + 2.0 * PADDING;
        offset.clamp(0.0, (content_h - viewport_h).max(0.0))
    }

    /// After a frame: if the reader scrolled (the offset is not the one set or kept), the first
    /// paragraph in view becomes the anchor.
    pub(super) fn update_anchor(&mut self, set: Option<f32>, actual: f32) {
        let expected = set.or(self.anchor.as_ref().map(|a| a.offset));
        if let (Some(anchor), Some(expected)) = (&mut self.anchor, expected) {
            if (actual - expected).abs() <= 0.5 {
                anchor.offset = actual;
                return;
            }
        }
        let top = (actual - PADDING).max(0.0);
        let first = self.layout.blocks_in(top..top + 1.0).start;
        let chars = self.layout.block_chars(first);
        let block_top = self.layout.block_top(first);
        self.anchor = Some(Anchor {
            chars: chars.start..chars.start + 1,
            y_in_view: block_top + PADDING - actual,
            offset: actual,
        });
    }
}
