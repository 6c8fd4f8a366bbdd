//! The article list of the corpus view: the articles of the date range (or those a full-text
//! search finds in it), sortable by any column; a click opens the article.

use super::{CorpusAction, CorpusView, Jump};
use crate::corpus::{ArticleFilter, SearchHit};
use crate::model::Span;
use crate::ui::rtl_text::fit;
use crate::ui::strings::Strings;
use egui::{Sense, Ui};
use std::path::PathBuf;

/// Row height of the list, in points.
const ROW: f32 = 20.0;
/// The most search hits listed.
const MAX_HITS: usize = 500;

/// What the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleSort {
    #[default]
    Date,
    Title,
    Outlet,
    Statements,
    Relations,
}

#[derive(Default)]
pub struct ArticleList {
    pub query: String,
    /// The hits of the last search: (query, range, hits or the error).
    hits: Option<Searched>,
    pub sort: ArticleSort,
    pub descending: bool,
    /// Indices into the data's articles as listed, and what they were made for.
    order: Option<(OrderKey, Vec<usize>)>,
}

/// A search: its query, the range it ran in, and its hits (or why it failed).
type Searched = (String, (usize, usize), Result<Vec<SearchHit>, String>);

type OrderKey = (ArticleSort, bool, (usize, usize), usize, Option<String>);

impl ArticleList {
    pub fn forget_search(&mut self) {
        self.hits = None;
        self.order = None;
    }
}

pub fn articles_ui(
    ui: &mut Ui,
    t: &'static Strings,
    view: &mut CorpusView,
    out: &mut Vec<CorpusAction>,
) {
    let c = &t.corpus;
    ui.heading(t.show(c.articles));
    let edit = egui::TextEdit::singleline(&mut view.articles.query)
        .hint_text(t.show(c.search_hint))
        .desired_width(f32::INFINITY);
    ui.add(edit);
    let query = view.articles.query.trim().to_string();
    let (from, to) = view.dates();
    let (from, to) = (from.map(str::to_string), to.map(str::to_string));
    let range = view.range;
    // A search runs when the query or the range changed (it takes milliseconds).
    if query.is_empty() {
        view.articles.hits = None;
    } else if view
        .articles
        .hits
        .as_ref()
        .is_none_or(|(q, r, _)| *q != query || *r != range)
    {
        let filter = ArticleFilter {
            from: from.clone(),
            to: to.clone(),
            limit: Some(MAX_HITS),
            ..ArticleFilter::default()
        };
        let found = view
            .store()
            .map(|s| s.search(&query, &filter).map_err(|e| e.to_string()))
            .unwrap_or_else(|| Ok(Vec::new()));
        view.articles.hits = Some((query.clone(), range, found));
    }
    let Some(data) = &view.data else { return };
    let list = &mut view.articles;
    let searched: Option<Vec<usize>> = match &list.hits {
        Some((_, _, Ok(hits))) => {
            ui.label(t.show(&(c.hits)(hits.len())));
            Some(
                hits.iter()
                    .filter_map(|h| data.article_at.get(&h.article.id).copied())
                    .collect(),
            )
        }
        Some((_, _, Err(e))) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            Some(Vec::new())
        }
        None => None,
    };
    let key: OrderKey = (
        list.sort,
        list.descending,
        range,
        data.articles.len(),
        list.hits.as_ref().map(|(q, ..)| q.clone()),
    );
    if list.order.as_ref().is_none_or(|(k, _)| *k != key) {
        let inside = |i: &usize| {
            let d = data.articles[*i].date.as_deref();
            match (d, from.as_deref(), to.as_deref()) {
                (_, None, None) => true,
                (Some(d), Some(f), Some(t)) => d >= f && d <= t,
                _ => false,
            }
        };
        let mut order: Vec<usize> = match searched {
            // Hits keep their rank unless another sort is asked for.
            Some(hits) => hits,
            None => (0..data.articles.len()).filter(inside).collect(),
        };
        if list.hits.is_none() || list.sort != ArticleSort::Date || list.descending {
            let a = &data.articles;
            match list.sort {
                ArticleSort::Date => order.sort_by(|x, y| a[*x].date.cmp(&a[*y].date)),
                ArticleSort::Title => order.sort_by(|x, y| a[*x].title.cmp(&a[*y].title)),
                ArticleSort::Outlet => order.sort_by(|x, y| a[*x].outlet.cmp(&a[*y].outlet)),
                ArticleSort::Statements => order.sort_by_key(|x| a[*x].statements),
                ArticleSort::Relations => order.sort_by_key(|x| a[*x].relations),
            }
            if list.descending {
                order.reverse();
            }
        }
        list.order = Some((key, order));
    }
    let Some((_, order)) = &list.order else {
        return;
    };

    // The columns and the spaces between them fit the panel.
    // Dates get what they need; the title, outlet and counts share the rest.
    let width = ui.available_width() - 5.0 * ui.spacing().item_spacing.x - 8.0;
    // Counts and dates keep their whole width; the title and the outlet share the rest.
    const DATE: f32 = 84.0;
    const COUNT: f32 = 36.0;
    let rest = (width - DATE - 2.0 * COUNT).max(120.0);
    let widths = [rest * 0.7, DATE, rest * 0.3, COUNT, COUNT];
    ui.horizontal(|ui| {
        for (i, (label, sort)) in [
            (c.title, ArticleSort::Title),
            (c.date, ArticleSort::Date),
            (c.outlet, ArticleSort::Outlet),
            (c.statements_count, ArticleSort::Statements),
            (c.relations_count, ArticleSort::Relations),
        ]
        .into_iter()
        .enumerate()
        {
            let arrow = match (list.sort == sort, list.descending) {
                (true, false) => " ^",
                (true, true) => " v",
                _ => "",
            };
            let text = format!("{}{arrow}", t.show(label));
            let b = ui.add_sized([widths[i] - 4.0, ROW], egui::Button::new(text).frame(false));
            if b.clicked() {
                list.descending = list.sort == sort && !list.descending;
                list.sort = sort;
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("corpus_article_list")
        .auto_shrink([false, false])
        .show_rows(ui, ROW, order.len(), |ui, rows| {
            for &i in &order[rows] {
                let a = &data.articles[i];
                let r = ui
                    .horizontal(|ui| {
                        let cells = [
                            a.title.clone(),
                            a.date.clone().unwrap_or_default(),
                            a.outlet.clone().unwrap_or_default(),
                            a.statements.to_string(),
                            a.relations.to_string(),
                        ];
                        for (n, (text, w)) in cells.into_iter().zip(widths).enumerate() {
                            // Title and outlet are cut where they end; dates and counts fit.
                            let shown = if n == 0 || n == 2 {
                                fit(ui, &text, w - 4.0)
                            } else {
                                text
                            };
                            ui.add_sized([w - 4.0, ROW], egui::Label::new(shown).truncate());
                        }
                    })
                    .response;
                let id = ui.scope_id().with(("article", a.id));
                let response = ui.interact(r.rect, id, Sense::click());
                let title = a.title.clone();
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &title));
                if response.hovered() {
                    ui.painter().rect_filled(
                        r.rect,
                        2.0,
                        ui.visuals()
                            .widgets
                            .hovered
                            .weak_bg_fill
                            .gamma_multiply(0.4),
                    );
                }
                if response.clicked() {
                    out.push(CorpusAction::Open(Jump {
                        path: PathBuf::from(&a.path),
                        span: Span::new(0, 0),
                        statement: None,
                    }));
                }
            }
        });
}
