//! Glyph atlas: one egui texture holding every rasterised glyph, packed in shelves.
//!
//! Mask glyphs are stored white with coverage as alpha, so a vertex colour tints them; colour glyphs
//! (emoji) are stored as they are and painted with white. New glyphs are uploaded with
//! `set_partial`, so a frame only sends what it added. The texture starts small (the glyphs of an
//! article at one size fit in a quarter of it) and doubles when full, up to [`MAX_SIDE`]; full at
//! that size it is cleared. Either way the generation bumps: callers rebuild their cached meshes
//! from scratch.

use std::collections::HashMap;

use cosmic_text::{CacheKey, SwashContent};
use egui::{Color32, ColorImage, Context, Pos2, Rect, TextureHandle, TextureId, TextureOptions};

use crate::text_layout::TextEngine;

/// Gap between glyphs so NEAREST sampling never bleeds a neighbour in.
const PADDING: usize = 1;
/// Upper bound on the side of the texture (2048² RGBA = 16 MB of GPU memory).
const MAX_SIDE: usize = 2048;
/// Side of a new atlas (1024² RGBA = 4 MB).
const FIRST_SIDE: usize = 1024;

/// Where a glyph lives in the atlas and how to place it relative to its pen position (pixels).
#[derive(Debug, Clone, Copy)]
pub struct AtlasGlyph {
    pub uv: Rect,
    pub width: u32,
    pub height: u32,
    pub left: i32,
    pub top: i32,
    /// Colour glyphs keep their own colours and are painted with white.
    pub colour: bool,
}

/// The texture was full; it has been cleared, so every mesh built with older entries is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtlasFull;

struct Shelf {
    y: usize,
    height: usize,
    x: usize,
}

pub struct GlyphAtlas {
    ctx: Context,
    texture: TextureHandle,
    /// The largest side the texture may grow to.
    max_side: usize,
    side: usize,
    /// `None` for glyphs without pixels (spaces).
    entries: HashMap<CacheKey, Option<AtlasGlyph>>,
    shelves: Vec<Shelf>,
    next_y: usize,
    generation: u64,
}

impl GlyphAtlas {
    pub fn new(ctx: &Context) -> Self {
        let max_side = ctx.input(|i| i.max_texture_side).clamp(256, MAX_SIDE);
        let side = FIRST_SIDE.min(max_side);
        GlyphAtlas {
            ctx: ctx.clone(),
            texture: blank_texture(ctx, side),
            max_side,
            side,
            entries: HashMap::new(),
            shelves: Vec::new(),
            next_y: 0,
            generation: 0,
        }
    }

    pub fn texture_id(&self) -> TextureId {
        self.texture.id()
    }

    /// Changes whenever the atlas is cleared; cached meshes must carry it in their key.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The glyph for `key`, rasterising and uploading it on first use.
    pub fn glyph(
        &mut self,
        engine: &mut TextEngine,
        key: CacheKey,
    ) -> Result<Option<AtlasGlyph>, AtlasFull> {
        if let Some(entry) = self.entries.get(&key) {
            return Ok(*entry);
        }
        let Some(image) = engine
            .swash
            .get_image_uncached(&mut engine.font_system, key)
        else {
            self.entries.insert(key, None);
            return Ok(None);
        };
        let (w, h) = (
            image.placement.width as usize,
            image.placement.height as usize,
        );
        if w == 0 || h == 0 || w + PADDING > self.max_side || h + PADDING > self.max_side {
            self.entries.insert(key, None);
            return Ok(None);
        }
        let (pixels, colour) = match image.content {
            SwashContent::Mask => (
                image
                    .data
                    .iter()
                    .map(|&a| Color32::from_white_alpha(a))
                    .collect::<Vec<_>>(),
                false,
            ),
            SwashContent::SubpixelMask => (
                image
                    .data
                    .chunks_exact(4)
                    .map(|p| {
                        let a = ((p[0] as u16 + p[1] as u16 + p[2] as u16) / 3) as u8;
                        Color32::from_white_alpha(a)
                    })
                    .collect(),
                false,
            ),
            SwashContent::Color => (
                image
                    .data
                    .chunks_exact(4)
                    .map(|p| Color32::from_rgba_unmultiplied(p[0], p[1], p[2], p[3]))
                    .collect(),
                true,
            ),
        };
        if pixels.len() != w * h {
            self.entries.insert(key, None);
            return Ok(None);
        }
        let Some([x, y]) = self.allocate(w + PADDING, h + PADDING) else {
            if self.side < self.max_side {
                self.side = (self.side * 2).min(self.max_side);
                self.texture = blank_texture(&self.ctx, self.side);
            }
            self.clear();
            return Err(AtlasFull);
        };
        self.texture.set_partial(
            [x, y],
            ColorImage::new([w, h], pixels),
            TextureOptions::NEAREST,
        );
        let s = self.side as f32;
        let entry = AtlasGlyph {
            uv: Rect::from_min_max(
                Pos2::new(x as f32 / s, y as f32 / s),
                Pos2::new((x + w) as f32 / s, (y + h) as f32 / s),
            ),
            width: w as u32,
            height: h as u32,
            left: image.placement.left,
            top: image.placement.top,
            colour,
        };
        self.entries.insert(key, Some(entry));
        Ok(Some(entry))
    }

    /// Forgets every glyph. The texture keeps its stale pixels; they are overwritten as new glyphs
    /// are packed, and no live mesh refers to them because the generation changed.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.shelves.clear();
        self.next_y = 0;
        self.generation += 1;
    }

    /// Shelf packing: glyphs of similar height share a row; a new row opens below the last one.
    fn allocate(&mut self, w: usize, h: usize) -> Option<[usize; 2]> {
        let side = self.side;
        let best = self
            .shelves
            .iter_mut()
            .filter(|s| s.height >= h && s.height <= h + h / 3 + 2 && s.x + w <= side)
            .min_by_key(|s| s.height);
        if let Some(shelf) = best {
            let pos = [shelf.x, shelf.y];
            shelf.x += w;
            return Some(pos);
        }
        if self.next_y + h > side {
            return None;
        }
        let shelf = Shelf {
            y: self.next_y,
            height: h,
            x: w,
        };
        self.next_y += h;
        let pos = [0, shelf.y];
        self.shelves.push(shelf);
        Some(pos)
    }
}

/// A transparent texture of `side`² pixels.
fn blank_texture(ctx: &Context, side: usize) -> TextureHandle {
    let image = ColorImage::filled([side, side], Color32::TRANSPARENT);
    ctx.load_texture("marsad-glyph-atlas", image, TextureOptions::NEAREST)
}
