//! How the window is divided: which side panels fit beside an article of readable width, how
//! wide they may be, and on which side each sits (mirrored when the interface reads right to
//! left). Panels give way before the article does.

/// The article column never gets narrower than this while a panel could give way (points).
pub const MIN_ARTICLE_WIDTH: f32 = 480.0;
pub const LEGEND_MIN_WIDTH: f32 = 180.0;
pub const LEGEND_DEFAULT_WIDTH: f32 = 230.0;
pub const SIDE_MIN_WIDTH: f32 = 300.0;
pub const SIDE_DEFAULT_WIDTH: f32 = 440.0;
/// The graph takes this share of the side panel's height, leaving room for the inspector.
pub const GRAPH_HEIGHT_SHARE: f32 = 0.45;
pub const INSPECTOR_MIN_HEIGHT: f32 = 160.0;

/// The two side panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// Actors and relation types.
    Legend,
    /// The graph, the corrections and the inspector.
    Side,
}

/// Which panels show this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub legend: bool,
    pub side: bool,
}

/// The panels the user wants that fit in `width` beside a readable article. The panel opened
/// last (`first`) keeps its place if only one fits; otherwise the graph and inspector do.
pub fn fit(width: f32, legend: bool, side: bool, first: Option<Panel>) -> Shown {
    let order = match first {
        Some(Panel::Legend) => [Panel::Legend, Panel::Side],
        _ => [Panel::Side, Panel::Legend],
    };
    let mut used = 0.0;
    let mut shown = Shown {
        legend: false,
        side: false,
    };
    for panel in order {
        let (wanted, min) = match panel {
            Panel::Legend => (legend, LEGEND_MIN_WIDTH),
            Panel::Side => (side, SIDE_MIN_WIDTH),
        };
        if wanted && width - used - min >= MIN_ARTICLE_WIDTH {
            used += min;
            match panel {
                Panel::Legend => shown.legend = true,
                Panel::Side => shown.side = true,
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_give_way_before_the_article() {
        let both = fit(1280.0, true, true, None);
        assert!(both.legend && both.side);
        let small = fit(900.0, true, true, None);
        assert!(small.side && !small.legend, "the legend gives way first");
        let legend_last = fit(900.0, true, true, Some(Panel::Legend));
        assert!(legend_last.legend && !legend_last.side);
        let tiny = fit(640.0, true, true, None);
        assert!(!tiny.side && !tiny.legend, "the article alone");
        assert!(
            !fit(1280.0, false, true, None).legend,
            "a hidden panel stays hidden"
        );
    }
}
