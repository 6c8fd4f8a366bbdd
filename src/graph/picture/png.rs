//! The picture rasterised to PNG: each shape's coverage is computed by zeno (the rasteriser the
//! fonts already use) and blended over an opaque background.

use super::{Paint, Picture, Seg};
use zeno::{Cap, Command, Fill, Join, Mask, Point, Scratch, Stroke, Transform};

/// The picture as an RGB PNG at `pixels_per_point` (2 gives a sharp picture on paper and on
/// high-density screens).
pub fn to_png(picture: &Picture, pixels_per_point: f32) -> std::io::Result<Vec<u8>> {
    let ppp = pixels_per_point.clamp(0.25, 8.0);
    let width = (picture.size[0] * ppp).ceil().max(1.0) as u32;
    let height = (picture.size[1] * ppp).ceil().max(1.0) as u32;
    let mut canvas = Canvas::new(width, height, picture.background);
    let mut scratch = Scratch::new();
    let transform = Transform::scale(ppp, ppp);
    for item in &picture.items {
        for shape in &item.shapes {
            let commands = commands(&shape.path);
            if commands.is_empty() {
                continue;
            }
            if let Some(fill) = shape.fill {
                let (mask, place) = Mask::with_scratch(&commands[..], &mut scratch)
                    .style(Fill::NonZero)
                    .transform(Some(transform))
                    .render();
                canvas.blend(&mask, place, fill);
            }
            if let Some((paint, width)) = shape.stroke {
                let mut stroke = Stroke::new(width);
                stroke.cap(Cap::Round).join(Join::Round);
                let (mask, place) = Mask::with_scratch(&commands[..], &mut scratch)
                    .style(stroke)
                    .transform(Some(transform))
                    .render();
                canvas.blend(&mask, place, paint);
            }
        }
    }
    canvas.encode()
}

fn commands(path: &[Seg]) -> Vec<Command> {
    let p = |q: [f32; 2]| Point::new(q[0], q[1]);
    path.iter()
        .map(|seg| match *seg {
            Seg::Move(a) => Command::MoveTo(p(a)),
            Seg::Line(a) => Command::LineTo(p(a)),
            Seg::Quad(c, a) => Command::QuadTo(p(c), p(a)),
            Seg::Cubic(c1, c2, a) => Command::CurveTo(p(c1), p(c2), p(a)),
            Seg::Close => Command::Close,
        })
        .collect()
}

/// Opaque RGB pixels.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, background: [u8; 3]) -> Canvas {
        let pixels = background
            .iter()
            .copied()
            .cycle()
            .take(width as usize * height as usize * 3)
            .collect();
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// Paints `paint` through a coverage mask placed at `place`.
    fn blend(&mut self, mask: &[u8], place: zeno::Placement, paint: Paint) {
        let alpha = paint.alpha.clamp(0.0, 1.0);
        for row in 0..place.height as i32 {
            let y = place.top + row;
            if y < 0 || y >= self.height as i32 {
                continue;
            }
            for col in 0..place.width as i32 {
                let x = place.left + col;
                if x < 0 || x >= self.width as i32 {
                    continue;
                }
                let coverage = mask[(row * place.width as i32 + col) as usize];
                if coverage == 0 {
                    continue;
                }
                let a = coverage as f32 / 255.0 * alpha;
                let at = (y as usize * self.width as usize + x as usize) * 3;
                for (c, &src) in self.pixels[at..at + 3].iter_mut().zip(&paint.rgb) {
                    *c = (*c as f32 + (src as f32 - *c as f32) * a).round() as u8;
                }
            }
        }
    }

    fn encode(self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder
            .write_header()
            .and_then(|mut w| w.write_image_data(&self.pixels))
            .map_err(std::io::Error::other)?;
        Ok(out)
    }
}
