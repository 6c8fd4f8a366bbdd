//! What the app's corpus view loads once and then slices in memory: the relations of every day
//! (so that moving the date range redraws the graph without asking SQLite again), the actors'
//! names, and the evidence behind one edge (to go back to the words).

use super::query::{type_from_name, GraphEdge};
use super::{CorpusError, Store};
use crate::graph::{ActorGraph, EdgeType, GraphEdge as DrawnEdge, GraphNode};
use crate::model::{RelationType, Span};
use rusqlite::types::Value;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The relations of one type from one actor to another on one date, summed over that date's
/// articles.
#[derive(Debug, Clone, PartialEq)]
pub struct DayEdge {
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub kind: RelationType,
    pub weight: i64,
    pub statements: i64,
    pub articles: i64,
}

/// An actor's names, as the store knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorName {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub kind: String,
}

/// One article's relation of one type from one actor to another: where in its text it is said.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub article: i64,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub kind: RelationType,
    /// Ids of the statements behind it (empty for a relation the narrator states).
    pub statements: Vec<String>,
    /// Spans of its evidence in the article's text, in text order.
    pub spans: Vec<Span>,
}

impl Store {
    /// Every date's relations, one row per date, source, target and type, in date order
    /// (undated last).
    pub fn day_edges(&self) -> Result<Vec<DayEdge>, CorpusError> {
        self.rows(
            "SELECT date, source, target, type, sum(weight), sum(statements), count(*) \
             FROM relations GROUP BY date, source, target, type \
             ORDER BY date IS NULL, date",
            &[],
            |r| {
                Ok(DayEdge {
                    date: r.get(0)?,
                    source: r.get(1)?,
                    target: r.get(2)?,
                    kind: type_from_name(&r.get::<_, String>(3)?),
                    weight: r.get(4)?,
                    statements: r.get(5)?,
                    articles: r.get(6)?,
                })
            },
        )
    }

    /// The names of every actor of the corpus.
    pub fn actor_names(&self) -> Result<Vec<ActorName>, CorpusError> {
        self.rows(
            "SELECT id, name_en, name_ar, kind FROM actors ORDER BY id",
            &[],
            |r| {
                Ok(ActorName {
                    id: r.get(0)?,
                    name_en: r.get(1)?,
                    name_ar: r.get(2)?,
                    kind: r.get(3)?,
                })
            },
        )
    }

    /// The relations from `source` to `target` (of `kind`, or any) in a date range (inclusive;
    /// `None` for open ends), in date and article order: each one a way back to the words.
    pub fn evidence(
        &self,
        source: &str,
        target: &str,
        kind: Option<RelationType>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Evidence>, CorpusError> {
        let mut sql = String::from(
            "SELECT r.article, a.path, a.title, r.date, r.source, r.target, r.type, \
                 r.statement_ids, r.evidence \
             FROM relations r JOIN articles a ON a.id = r.article \
             WHERE r.source = ?1 AND r.target = ?2",
        );
        let mut params = vec![
            Value::Text(source.to_string()),
            Value::Text(target.to_string()),
        ];
        let mut add = |condition: &str, value: Value| {
            params.push(value);
            sql.push_str(&format!(" AND {condition} ?{}", params.len()));
        };
        if let Some(k) = kind {
            add("r.type =", Value::Text(k.as_str().to_string()));
        }
        if let Some(f) = from {
            add("r.date >=", Value::Text(f.to_string()));
        }
        if let Some(t) = to {
            add("r.date <=", Value::Text(t.to_string()));
        }
        sql.push_str(" ORDER BY r.date IS NULL, r.date, r.article");
        self.rows(&sql, &params, |r| {
            let ids: String = r.get(7)?;
            let spans: String = r.get(8)?;
            let mut spans: Vec<Span> = serde_json::from_str::<Vec<[usize; 2]>>(&spans)
                .unwrap_or_default()
                .into_iter()
                .map(|[s, e]| Span::new(s, e))
                .collect();
            spans.sort_by_key(|s| (s.start, s.end));
            Ok(Evidence {
                article: r.get(0)?,
                path: r.get(1)?,
                title: r.get(2)?,
                date: r.get(3)?,
                source: r.get(4)?,
                target: r.get(5)?,
                kind: type_from_name(&r.get::<_, String>(6)?),
                statements: serde_json::from_str(&ids).unwrap_or_default(),
                spans,
            })
        })
    }
}

/// The graph of a date range (inclusive, `YYYY-MM-DD`; `None` for open ends; undated relations
/// count only when no end is given) from the relations of every day: one edge per source, target
/// and type, heaviest first, as [`Store::graph`] answers it.
pub fn range_edges(
    days: &[DayEdge],
    names: &HashMap<String, ActorName>,
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<GraphEdge> {
    let inside = |d: &Option<String>| match d {
        None => from.is_none() && to.is_none(),
        Some(d) => from.is_none_or(|f| d.as_str() >= f) && to.is_none_or(|t| d.as_str() <= t),
    };
    let mut sums: FxHashMap<(&str, &str, RelationType), GraphEdge> = FxHashMap::default();
    for day in days.iter().filter(|d| inside(&d.date)) {
        let e = sums
            .entry((&day.source, &day.target, day.kind))
            .or_insert_with(|| {
                let name = |id: &str| {
                    names
                        .get(id)
                        .map(|n| (n.name_en.clone(), n.name_ar.clone()))
                        .unwrap_or_default()
                };
                let (source_name_en, source_name_ar) = name(&day.source);
                let (target_name_en, target_name_ar) = name(&day.target);
                GraphEdge {
                    source: day.source.clone(),
                    source_name_en,
                    source_name_ar,
                    target: day.target.clone(),
                    target_name_en,
                    target_name_ar,
                    kind: day.kind.as_str().to_string(),
                    weight: 0,
                    statements: 0,
                    articles: 0,
                    first_date: None,
                    last_date: None,
                }
            });
        e.weight += day.weight;
        e.statements += day.statements;
        e.articles += day.articles;
        if let Some(d) = &day.date {
            if e.first_date.as_ref().is_none_or(|f| d < f) {
                e.first_date = Some(d.clone());
            }
            if e.last_date.as_ref().is_none_or(|l| d > l) {
                e.last_date = Some(d.clone());
            }
        }
    }
    let mut edges: Vec<GraphEdge> = sums.into_values().collect();
    edges.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then_with(|| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)))
    });
    edges
}

/// The drawable graph of corpus edges: the `max_pairs` heaviest pairs of actors (in one
/// direction) and the actors at their ends, sized by the evidence they take part in. Edge types
/// point into `edges` (their `relation`), so a drawn edge leads back to its corpus edges.
pub fn actor_graph(edges: &[GraphEdge], max_pairs: usize) -> ActorGraph {
    let mut pair_weight: FxHashMap<(&str, &str), i64> = FxHashMap::default();
    for e in edges.iter().filter(|e| e.source != e.target) {
        *pair_weight
            .entry((e.source.as_str(), e.target.as_str()))
            .or_default() += e.weight;
    }
    let mut pairs: Vec<((&str, &str), i64)> = pair_weight.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs.truncate(max_pairs);
    let kept: FxHashMap<(&str, &str), usize> = pairs
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (*p, i))
        .collect();
    let mut involvement: FxHashMap<&str, usize> = FxHashMap::default();
    for ((s, t), w) in &pairs {
        *involvement.entry(s).or_default() += *w as usize;
        *involvement.entry(t).or_default() += *w as usize;
    }
    let mut nodes: Vec<GraphNode> = involvement
        .into_iter()
        .map(|(actor, mentions)| GraphNode {
            actor: actor.to_string(),
            mentions,
        })
        .collect();
    nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.actor.cmp(&b.actor)));
    let index: FxHashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.actor.as_str(), i))
        .collect();
    let mut drawn: Vec<DrawnEdge> = pairs
        .iter()
        .map(|((s, t), _)| DrawnEdge {
            source: index[s],
            target: index[t],
            types: Vec::new(),
        })
        .collect();
    for (i, e) in edges.iter().enumerate() {
        if let Some(&at) = kept.get(&(e.source.as_str(), e.target.as_str())) {
            drawn[at].types.push(EdgeType {
                kind: type_from_name(&e.kind),
                relation: i,
                weight: e.weight.max(1) as usize,
            });
        }
    }
    for e in &mut drawn {
        e.types
            .sort_by(|a, b| b.weight.cmp(&a.weight).then(a.kind.cmp(&b.kind)));
    }
    ActorGraph {
        nodes,
        edges: drawn,
    }
}

/// The Monday that starts the week of a `YYYY-MM-DD` date, as `YYYY-MM-DD`.
pub fn week_of(date: &str) -> Option<String> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let days = days_from_civil(y, m, d);
    // 1970-01-01 was a Thursday.
    let (y, m, d) = civil_from_days(days - (days + 3).rem_euclid(7));
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, s: &str, t: &str, kind: RelationType, weight: i64) -> DayEdge {
        DayEdge {
            date: Some(date.to_string()),
            source: s.into(),
            target: t.into(),
            kind,
            weight,
            statements: weight,
            articles: 1,
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2015-07-21 was a Tuesday.
        assert_eq!(week_of("2015-07-21").as_deref(), Some("2015-07-20"));
        assert_eq!(week_of("2015-08-02").as_deref(), Some("2015-07-27"));
        assert_eq!(week_of("2024-01-01").as_deref(), Some("2024-01-01"));
        assert_eq!(week_of("2024-03-01").as_deref(), Some("2024-02-26"));
        assert_eq!(week_of("soon"), None);
    }

    #[test]
    fn ranges_add_up_days_and_graphs_keep_the_heaviest_pairs() {
        let days = vec![
            day("2015-07-01", "USA", "IRN", RelationType::Accuse, 2),
            day("2015-07-02", "USA", "IRN", RelationType::Accuse, 3),
            day("2015-07-02", "USA", "IRN", RelationType::Meet, 1),
            day("2015-07-03", "IRN", "USA", RelationType::Reject, 1),
            day("2015-07-03", "SAU", "YEM", RelationType::Attack, 9),
        ];
        let names = HashMap::new();
        let all = range_edges(&days, &names, None, None);
        assert_eq!(all.len(), 4);
        assert_eq!((all[0].source.as_str(), all[0].weight), ("SAU", 9));
        let accuse = all.iter().find(|e| e.kind == "accuse").unwrap();
        assert_eq!(accuse.weight, 5);
        assert_eq!(accuse.first_date.as_deref(), Some("2015-07-01"));
        assert_eq!(accuse.last_date.as_deref(), Some("2015-07-02"));
        let early = range_edges(&days, &names, Some("2015-07-02"), Some("2015-07-02"));
        assert_eq!(early.iter().map(|e| e.weight).sum::<i64>(), 4);

        let graph = actor_graph(&all, 2);
        assert_eq!(graph.edges.len(), 2, "the two heaviest pairs");
        let usa_irn = graph
            .edges
            .iter()
            .find(|e| graph.nodes[e.source].actor == "USA")
            .unwrap();
        assert_eq!(usa_irn.types.len(), 2);
        assert_eq!(usa_irn.types[0].kind, RelationType::Accuse);
        assert_eq!(all[usa_irn.types[0].relation].kind, "accuse");
        assert!(graph
            .nodes
            .iter()
            .all(|n| n.actor != "IRN" || n.mentions == 6));
    }
}
