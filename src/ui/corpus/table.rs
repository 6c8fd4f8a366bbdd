//! The statements table: every statement of the corpus, filtered by the date range and by any
//! column, sorted by any column. The filtered rows are computed once per change of the filters
//! (a list of indices), and only the rows in view are drawn, so tens of thousands scroll
//! smoothly. A click on a row opens its article at the statement.

use super::{cell, CorpusAction, CorpusView, Jump};
use crate::corpus::StatementRow;
use crate::extract::fold::fold;
use crate::ui::rtl_text::fit;
use crate::ui::strings::Strings;
use egui::{Role, Sense, Ui, WidgetInfo};

/// Row height, in points.
pub const ROW: f32 = 20.0;

/// The table's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Date,
    Speaker,
    Cue,
    Target,
    Kind,
    Article,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Date,
        Column::Speaker,
        Column::Cue,
        Column::Target,
        Column::Kind,
        Column::Article,
    ];

    fn label(self, t: &Strings) -> &'static str {
        let c = &t.corpus;
        match self {
            Column::Date => c.date,
            Column::Speaker => c.speaker,
            Column::Cue => c.cue,
            Column::Target => c.target,
            Column::Kind => c.kind,
            Column::Article => c.article,
        }
    }

    /// The column's width in a table `width` points wide: dates and types get what they need,
    /// the other columns share the rest.
    fn width(self, width: f32) -> f32 {
        const FIXED: f32 = 84.0 + 76.0;
        let rest = (width - FIXED).max(200.0);
        match self {
            Column::Date => 84.0,
            Column::Kind => 76.0,
            Column::Speaker => rest * 0.22,
            Column::Cue => rest * 0.16,
            Column::Target => rest * 0.24,
            Column::Article => rest * 0.38,
        }
    }
}

/// One statement with the text each column shows and is filtered on (folded, lower case).
struct Row {
    cells: [String; 6],
    /// The speaker, target and type cells in Arabic, for the Arabic interface.
    arabic: [String; 3],
    haystacks: [String; 6],
}

impl Row {
    /// What `col` shows, with Arabic actor names when `arabic`.
    fn text(&self, col: Column, arabic: bool) -> &str {
        match (col, arabic) {
            (Column::Speaker, true) => &self.arabic[0],
            (Column::Target, true) => &self.arabic[1],
            (Column::Kind, true) => &self.arabic[2],
            _ => &self.cells[col as usize],
        }
    }
}

/// The table's rows, filters and order.
#[derive(Default)]
pub struct StatementTable {
    pub rows: Vec<StatementRow>,
    shown: Vec<Row>,
    loaded: bool,
    /// One filter per column (a row must contain each).
    pub filters: [String; 6],
    pub sort: Column,
    pub descending: bool,
    /// Indices into `rows`, as listed, and what they were made for.
    order: Option<(OrderKey, Vec<u32>)>,
}

type OrderKey = (
    [String; 6],
    Column,
    bool,
    (Option<String>, Option<String>),
    usize,
);

impl StatementTable {
    /// Takes the statements of the corpus, with the names and titles of `data` for their cells.
    pub fn set_rows(&mut self, rows: Vec<StatementRow>, data: &super::CorpusData) {
        self.rows = rows;
        self.shown.clear();
        self.order = None;
        self.loaded = true;
        self.prepare(
            |id| (data.label(id, false), data.label(id, true)),
            |a| data.article(a).map(|a| a.title.clone()).unwrap_or_default(),
        );
    }

    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// Builds the cells of each row (with actor names from `label`).
    fn prepare(&mut self, label: impl Fn(&str) -> (String, String), title: impl Fn(i64) -> String) {
        self.shown = self
            .rows
            .iter()
            .map(|s| {
                let (speaker_en, speaker_ar) = label(&s.speaker);
                let kind = crate::corpus::type_from_name(&s.kind);
                let kind_ar = (crate::ui::strings::ARABIC.relation_name)(kind);
                let targets: Vec<(String, String)> = s.targets.iter().map(|t| label(t)).collect();
                let cells = [
                    s.date.clone().unwrap_or_default(),
                    speaker_en.clone(),
                    s.cue_text.clone(),
                    targets
                        .iter()
                        .map(|(en, _)| en.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.kind.clone(),
                    title(s.article),
                ];
                let haystacks = [
                    cells[0].clone(),
                    fold(&format!(
                        "{} {} {} {}",
                        s.speaker, s.speaker_top, speaker_en, speaker_ar
                    ))
                    .to_lowercase(),
                    fold(&cells[2]).to_lowercase(),
                    fold(&format!(
                        "{} {}",
                        s.targets.join(" "),
                        targets
                            .iter()
                            .map(|(en, ar)| format!("{en} {ar}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ))
                    .to_lowercase(),
                    // A type is found by its English or its Arabic name.
                    fold(&format!("{} {kind_ar}", cells[4])).to_lowercase(),
                    fold(&cells[5]).to_lowercase(),
                ];
                let arabic = [
                    speaker_ar.clone(),
                    targets
                        .iter()
                        .map(|(_, ar)| ar.as_str())
                        .collect::<Vec<_>>()
                        .join("، "),
                    kind_ar.to_string(),
                ];
                Row {
                    cells,
                    arabic,
                    haystacks,
                }
            })
            .collect();
    }

    /// The rows listed for the date range `range`, filtered and sorted (cached).
    pub fn order(&mut self, range: (Option<&str>, Option<&str>)) -> &[u32] {
        let key: OrderKey = (
            self.filters.clone(),
            self.sort,
            self.descending,
            (range.0.map(str::to_string), range.1.map(str::to_string)),
            self.rows.len(),
        );
        if self.order.as_ref().is_none_or(|(k, _)| *k != key) {
            let needles: Vec<(usize, String)> = self
                .filters
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.trim().is_empty())
                .map(|(i, f)| (i, fold(f.trim()).to_lowercase()))
                .collect();
            let inside = |d: Option<&str>| match (d, range.0, range.1) {
                (_, None, None) => true,
                (Some(d), f, t) => f.is_none_or(|f| d >= f) && t.is_none_or(|t| d <= t),
                (None, _, _) => false,
            };
            let mut order: Vec<u32> = (0..self.rows.len())
                .filter(|&i| {
                    inside(self.rows[i].date.as_deref())
                        && needles
                            .iter()
                            .all(|(c, n)| self.shown[i].haystacks[*c].contains(n.as_str()))
                })
                .map(|i| i as u32)
                .collect();
            let col = self.sort as usize;
            if self.sort != Column::Date {
                order.sort_by(|a, b| {
                    self.shown[*a as usize].cells[col].cmp(&self.shown[*b as usize].cells[col])
                });
            }
            if self.descending {
                order.reverse();
            }
            self.order = Some((key, order));
        }
        self.order.as_ref().map_or(&[], |(_, o)| o.as_slice())
    }
}

pub fn table_ui(
    ui: &mut Ui,
    t: &'static Strings,
    view: &mut CorpusView,
    out: &mut Vec<CorpusAction>,
) {
    let c = &t.corpus;
    if !view.table.loaded() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t.show(c.loading));
        });
        return;
    }
    let (from, to) = view.dates();
    let (from, to) = (from.map(str::to_string), to.map(str::to_string));
    let table = &mut view.table;
    let total = table.rows.len();
    let shown = table.order((from.as_deref(), to.as_deref())).len();
    ui.horizontal(|ui| {
        ui.strong(t.show(&(c.statements_shown)(shown, total)));
    });
    let width = ui.available_width();
    // Right to left in the Arabic interface: the date rightmost, the article leftmost.
    let mut columns = Column::ALL;
    if t.rtl {
        columns.reverse();
    }
    let widths: Vec<f32> = columns.iter().map(|c| c.width(width) - 8.0).collect();
    ui.horizontal(|ui| {
        for (col, w) in columns.into_iter().zip(&widths) {
            let arrow = match (table.sort == col, table.descending) {
                (true, false) => " ^",
                (true, true) => " v",
                _ => "",
            };
            let text = format!("{}{arrow}", t.show(col.label(t)));
            if ui
                .add_sized([*w, ROW], egui::Button::new(text).frame(false))
                .clicked()
            {
                table.descending = table.sort == col && !table.descending;
                table.sort = col;
            }
        }
    });
    ui.horizontal(|ui| {
        for (col, w) in columns.into_iter().zip(&widths) {
            let edit = egui::TextEdit::singleline(&mut table.filters[col as usize])
                .hint_text(t.show(c.filter))
                .id_salt(("corpus_filter", col as usize))
                .desired_width(*w);
            ui.add_sized([*w, ROW], edit);
        }
    });
    ui.separator();
    let order = table.order((from.as_deref(), to.as_deref())).to_vec();
    let table = &view.table;
    egui::ScrollArea::vertical()
        .id_salt("corpus_statements")
        .auto_shrink([false, false])
        .show_rows(ui, ROW, order.len(), |ui, rows| {
            for &i in &order[rows] {
                let row = &table.shown[i as usize];
                let s = &table.rows[i as usize];
                let r = ui
                    .horizontal(|ui| {
                        for (col, w) in columns.into_iter().zip(&widths) {
                            let shown = fit(ui, row.text(col, t.rtl), *w);
                            ui.add_sized([*w, ROW], egui::Label::new(shown).truncate());
                        }
                    })
                    .response;
                let response =
                    ui.interact(r.rect, ui.scope_id().with(("statement", i)), Sense::click());
                let kind = row.text(Column::Kind, t.rtl);
                let name = format!("{} {kind} {}", s.speaker, s.cue_text);
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
                if response.hovered() {
                    let fill = ui
                        .visuals()
                        .widgets
                        .hovered
                        .weak_bg_fill
                        .gamma_multiply(0.4);
                    ui.painter().rect_filled(r.rect, 2.0, fill);
                }
                if response.clicked() {
                    out.push(CorpusAction::Open(Jump::of_statement(s)));
                }
                response.on_hover_text(cell(&s.content_text, 300));
            }
        });
}
