//! One pair of actors over time: per day, week or month, the relations of each type from the
//! first to the second (bars above the line) and back (below), then the evidence itself. A bar
//! or a piece of evidence opens its article at the words.

use super::{cell, CorpusAction, CorpusView, Jump};
use crate::corpus::{DayEdge, Evidence};
use crate::model::RelationType;
use crate::ui::palette::relation_colour;
use crate::ui::strings::Strings;
use egui::{Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo};
use std::collections::BTreeMap;

/// How dates are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    Week,
    Month,
}

impl Bucket {
    /// The bucket a `YYYY-MM-DD` date falls in, named by its first day (a week starts on Monday;
    /// a month is `YYYY-MM`).
    pub fn of(self, date: &str) -> String {
        match self {
            Bucket::Day => date.to_string(),
            Bucket::Month => date.get(..7).unwrap_or(date).to_string(),
            Bucket::Week => crate::corpus::week_of(date).unwrap_or_else(|| date.to_string()),
        }
    }
}

/// Weight per bucket, direction (`true`: from the first actor) and type.
pub type Counts = BTreeMap<String, BTreeMap<(bool, RelationType), i64>>;

/// The relations of `a` and `b` in both directions per bucket, within a date range.
pub fn counts(
    days: &[DayEdge],
    a: &str,
    b: &str,
    bucket: Bucket,
    range: (Option<&str>, Option<&str>),
) -> Counts {
    let mut out: Counts = BTreeMap::new();
    for d in days {
        let forward = d.source == a && d.target == b;
        if !(forward || (d.source == b && d.target == a)) {
            continue;
        }
        let Some(date) = d.date.as_deref() else {
            continue;
        };
        if range.0.is_some_and(|f| date < f) || range.1.is_some_and(|t| date > t) {
            continue;
        }
        *out.entry(bucket.of(date))
            .or_default()
            .entry((forward, d.kind))
            .or_default() += d.weight;
    }
    out
}

pub fn pair_ui(
    ui: &mut Ui,
    t: &'static Strings,
    view: &mut CorpusView,
    out: &mut Vec<CorpusAction>,
) {
    let c = &t.corpus;
    let Some((a, b)) = view.pair.clone() else {
        return;
    };
    let Some(data) = &view.data else { return };
    let arabic = t.rtl;
    let (la, lb) = (data.label(&a, arabic), data.label(&b, arabic));
    ui.horizontal(|ui| {
        ui.strong(t.show(&(c.pair_title)(&la, &lb)));
        if ui.small_button(t.show(c.close_pair)).clicked() {
            view.pair = None;
        }
    });
    ui.horizontal(|ui| {
        for (bucket, label) in [
            (Bucket::Day, c.per_day),
            (Bucket::Week, c.per_week),
            (Bucket::Month, c.per_month),
        ] {
            ui.selectable_value(&mut view.bucket, bucket, t.show(label));
        }
    });
    let (from, to) = view.dates();
    let counts = counts(&data.days, &a, &b, view.bucket, (from, to));
    let bucket = view.bucket;
    let evidence: Vec<Evidence> = view.pair_evidence().to_vec();

    // Bars: one column per bucket, the first actor's relations above the axis, the other's below.
    let height = 160.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    let mid = rect.center().y;
    painter.hline(
        rect.x_range(),
        mid,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    let most = counts
        .values()
        .flat_map(|by| {
            [true, false].map(|dir| {
                by.iter()
                    .filter(|((d, _), _)| *d == dir)
                    .map(|(_, w)| *w)
                    .sum::<i64>()
            })
        })
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let n = counts.len().max(1) as f32;
    let slot = rect.width() / n;
    let scale = (height / 2.0 - 14.0) / most;
    for (i, (when, by)) in counts.iter().enumerate() {
        let x0 = rect.left() + slot * i as f32 + slot * 0.15;
        let w = (slot * 0.7).max(1.0);
        for forward in [true, false] {
            let mut y = mid;
            for ((dir, kind), weight) in by.iter().filter(|((d, _), _)| *d == forward) {
                let h = *weight as f32 * scale;
                let bar = if *dir {
                    Rect::from_min_max(Pos2::new(x0, y - h), Pos2::new(x0 + w, y))
                } else {
                    Rect::from_min_max(Pos2::new(x0, y), Pos2::new(x0 + w, y + h))
                };
                y = if *dir { y - h } else { y + h };
                painter.rect_filled(bar, 1.0, relation_colour(*kind));
                let id = ui.scope_id().with(("pair_bar", when, forward, *kind as u8));
                let response = ui.interact(bar, id, Sense::click());
                let (s, tg) = if forward { (&a, &b) } else { (&b, &a) };
                let tip = format!("{when}: {s} -> {tg} {} x{weight}", (t.relation_name)(*kind));
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &tip));
                if response.clicked() {
                    let first = evidence.iter().find(|e| {
                        e.source == *s
                            && e.kind == *kind
                            && e.date.as_deref().is_some_and(|d| bucket.of(d) == *when)
                    });
                    if let Some(jump) = first.and_then(Jump::of_evidence) {
                        out.push(CorpusAction::Open(jump));
                    }
                }
                response.on_hover_text(tip);
            }
        }
        if slot > 38.0 || i % ((38.0 / slot).ceil() as usize).max(1) == 0 {
            painter.text(
                Pos2::new(x0, rect.bottom() - 2.0),
                egui::Align2::LEFT_BOTTOM,
                when.get(5..).unwrap_or(when),
                egui::FontId::proportional(9.0),
                ui.visuals().weak_text_color(),
            );
        }
    }
    painter.text(
        rect.left_top() + Vec2::new(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        t.show(&format!("{la} -> {lb}")),
        egui::FontId::proportional(10.0),
        ui.visuals().text_color(),
    );
    painter.text(
        Pos2::new(rect.left() + 4.0, mid + 2.0),
        egui::Align2::LEFT_TOP,
        t.show(&format!("{lb} -> {la}")),
        egui::FontId::proportional(10.0),
        ui.visuals().text_color(),
    );

    ui.separator();
    ui.label(t.show(c.evidence));
    let Some(data) = &view.data else { return };
    egui::ScrollArea::vertical()
        .id_salt("corpus_pair_evidence")
        .auto_shrink([false, false])
        .show_rows(ui, 20.0, evidence.len(), |ui, rows| {
            for e in &evidence[rows] {
                let text = format!(
                    "{} · {} -> {} · {} · {}",
                    e.date.as_deref().unwrap_or(""),
                    data.label(&e.source, arabic),
                    data.label(&e.target, arabic),
                    (t.relation_name)(e.kind),
                    cell(&e.title, 60)
                );
                let response = ui.add(egui::Button::new(t.show(&text)).frame(false).truncate());
                if response.clicked() {
                    if let Some(jump) = Jump::of_evidence(e) {
                        out.push(CorpusAction::Open(jump));
                    }
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert_eq!(Bucket::Day.of("2015-07-21"), "2015-07-21");
        assert_eq!(Bucket::Month.of("2015-07-21"), "2015-07");
        // 2015-07-21 was a Tuesday; its week starts on Monday the 20th.
        assert_eq!(Bucket::Week.of("2015-07-21"), "2015-07-20");
    }
}
