//! The picture as SVG 1.1: one `<g>` per edge, node and label, each with a `<title>` (shown as a
//! tooltip by browsers and read by screen readers); labels are glyph outlines.

use super::{Paint, Picture, Role, Seg};
use crate::export::graphml::escape;
use std::fmt::Write;

/// The SVG document.
pub fn to_svg(picture: &Picture) -> String {
    let [w, h] = picture.size;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        escape(&picture.title)
    );
    let _ = writeln!(x, "<title>{}</title>", escape(&picture.title));
    let _ = writeln!(
        x,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        hex(picture.background)
    );
    for (role, class) in [
        (Role::Edge, "edges"),
        (Role::Node, "nodes"),
        (Role::Label, "labels"),
    ] {
        let _ = writeln!(x, "<g class=\"{class}\">");
        for item in picture.items.iter().filter(|i| i.role == role) {
            let title = escape(&item.title);
            let _ = writeln!(x, "<g aria-label=\"{title}\"><title>{title}</title>");
            for shape in &item.shapes {
                let _ = write!(x, "<path d=\"{}\"", path_data(&shape.path));
                match shape.fill {
                    Some(p) => paint(&mut x, "fill", p),
                    None => x.push_str(" fill=\"none\""),
                }
                if let Some((p, width)) = shape.stroke {
                    paint(&mut x, "stroke", p);
                    let _ = write!(
                        x,
                        " stroke-width=\"{}\" stroke-linecap=\"round\"",
                        num(width)
                    );
                }
                x.push_str("/>\n");
            }
            x.push_str("</g>\n");
        }
        x.push_str("</g>\n");
    }
    x.push_str("</svg>\n");
    x
}

fn paint(x: &mut String, what: &str, p: Paint) {
    let _ = write!(x, " {what}=\"{}\"", hex(p.rgb));
    if p.alpha < 0.999 {
        let _ = write!(x, " {what}-opacity=\"{:.3}\"", p.alpha.clamp(0.0, 1.0));
    }
}

fn path_data(path: &[Seg]) -> String {
    let mut d = String::new();
    let pt = |d: &mut String, p: [f32; 2]| {
        let _ = write!(d, "{} {} ", num(p[0]), num(p[1]));
    };
    for seg in path {
        match *seg {
            Seg::Move(p) => {
                d.push('M');
                pt(&mut d, p);
            }
            Seg::Line(p) => {
                d.push('L');
                pt(&mut d, p);
            }
            Seg::Quad(c, p) => {
                d.push('Q');
                pt(&mut d, c);
                pt(&mut d, p);
            }
            Seg::Cubic(c1, c2, p) => {
                d.push('C');
                pt(&mut d, c1);
                pt(&mut d, c2);
                pt(&mut d, p);
            }
            Seg::Close => d.push_str("Z "),
        }
    }
    d.truncate(d.trim_end().len());
    d
}

/// A coordinate with two decimals at most, without trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", if v.is_finite() { v } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(10.5), "10.5");
    }
}
