//! Reading the store: the questions asked first across a corpus. Every method answers from the
//! indexes in milliseconds at tens of thousands of articles (see benches/corpus.rs).

use super::{search, CorpusError, Store};
use crate::extract::fold::fold;
use crate::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, Origin, Relation, RelationType, SourceInfo, Span,
    Statement,
};
use rusqlite::types::Value;
use rusqlite::Row;
use serde::Serialize;

/// Which articles: a date range (inclusive, `YYYY-MM-DD`; articles without a date are left out
/// when a range is given), an outlet, an actor they mention, and paging.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub outlet: Option<String>,
    /// An actor id: articles that mention it (or one of its people).
    pub actor: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One article as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Length of the text in characters.
    pub chars: i64,
    pub actors: i64,
    pub mentions: i64,
    pub statements: i64,
    pub relations: i64,
    /// The annotations come from the article's sidecar (a person corrected them).
    pub corrected: bool,
}

/// An article found by [`Store::search`], with the text around the first match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub article: ArticleRow,
    pub snippet: String,
}

/// Which statements: by speaker (the actor or anyone speaking for it), by target, by type, in a
/// date range, in one article.
#[derive(Debug, Clone, Default)]
pub struct StatementFilter {
    pub speaker: Option<String>,
    pub target: Option<String>,
    pub kind: Option<RelationType>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub article: Option<i64>,
    pub limit: Option<usize>,
}

/// One statement with its article and its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementRow {
    pub article: i64,
    pub path: String,
    pub date: Option<String>,
    pub id: String,
    pub speaker: String,
    pub speaker_name_en: String,
    pub speaker_name_ar: String,
    /// The top-level actor the speaker stands for (a minister's state).
    pub speaker_top: String,
    /// The mention that names the speaker, if the text names them.
    pub speaker_mention: Option<String>,
    pub targets: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub quoted: bool,
    pub origin: String,
    pub cue: Span,
    pub content: Span,
    pub cue_text: String,
    pub content_text: String,
}

/// One edge of the actor graph over many articles: all relations of one type from one actor to
/// another, added up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub source_name_en: String,
    pub source_name_ar: String,
    pub target: String,
    pub target_name_en: String,
    pub target_name_ar: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Pieces of evidence: statements plus events the narrator states.
    pub weight: i64,
    pub statements: i64,
    pub articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// The relations between two actors on one date, in one direction, of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairPoint {
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub weight: i64,
    pub articles: i64,
}

/// An actor of the corpus and how present it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRow {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub kind: String,
    pub articles: i64,
    pub mentions: i64,
}

/// What a store holds, in numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub articles: i64,
    pub dated_articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub outlets: i64,
    pub actors: i64,
    pub mentions: i64,
    pub statements: i64,
    pub relations: i64,
    /// Articles whose annotations come from a sidecar with corrections.
    pub corrected: i64,
    /// When the last indexing run finished (UTC).
    pub indexed_at: Option<String>,
}

/// SQL conditions and their parameters, built from the filters that are set (so that SQLite can
/// use the index of each).
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    fn add(&mut self, sql: &str, values: impl IntoIterator<Item = Value>) {
        let mut sql = sql.to_string();
        for v in values {
            self.params.push(v);
            sql = sql.replacen("?#", &format!("?{}", self.params.len()), 1);
        }
        self.sql.push(sql);
    }

    fn date_range(&mut self, column: &str, from: &Option<String>, to: &Option<String>) {
        if let Some(f) = from {
            self.add(&format!("{column} >= ?#"), [Value::Text(f.clone())]);
        }
        if let Some(t) = to {
            self.add(&format!("{column} <= ?#"), [Value::Text(t.clone())]);
        }
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    fn limit(&mut self, limit: Option<usize>, offset: usize) -> String {
        let limit = limit.map_or(-1, |l| l as i64);
        self.params.push(Value::Integer(limit));
        self.params.push(Value::Integer(offset as i64));
        format!(
            "LIMIT ?{} OFFSET ?{}",
            self.params.len() - 1,
            self.params.len()
        )
    }
}

const ARTICLE_COLUMNS: &str = "a.id, a.path, a.title, a.date, a.outlet, a.url, a.chars, \
     a.actors, a.mentions, a.statements, a.relations, a.corrected";

fn article_row(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        date: r.get(3)?,
        outlet: r.get(4)?,
        url: r.get(5)?,
        chars: r.get(6)?,
        actors: r.get(7)?,
        mentions: r.get(8)?,
        statements: r.get(9)?,
        relations: r.get(10)?,
        corrected: r.get(11)?,
    })
}

impl Store {
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        params: &[Value],
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, CorpusError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), map)
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<T>, _>>()
            .map_err(|e| self.error(e))
    }

    fn article_conditions(filter: &ArticleFilter) -> Conditions {
        let mut c = Conditions::default();
        c.date_range("a.date", &filter.from, &filter.to);
        if let Some(o) = &filter.outlet {
            c.add("a.outlet = ?#", [Value::Text(o.clone())]);
        }
        if let Some(actor) = &filter.actor {
            c.add(
                "a.id IN (SELECT article FROM article_actors WHERE actor = ?# OR top = ?#)",
                [Value::Text(actor.clone()), Value::Text(actor.clone())],
            );
        }
        c
    }

    /// How many articles the store holds.
    pub fn article_count(&self) -> Result<i64, CorpusError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// Counts over the whole store.
    pub fn totals(&self) -> Result<Totals, CorpusError> {
        self.conn
            .query_row(
                "SELECT count(*), count(date), min(date), max(date), count(DISTINCT outlet), \
                     coalesce(sum(mentions), 0), coalesce(sum(statements), 0), \
                     coalesce(sum(relations), 0), coalesce(sum(corrected), 0), \
                     (SELECT count(*) FROM actors), \
                     (SELECT value FROM meta WHERE key = 'indexed_at') \
                 FROM articles",
                [],
                |r| {
                    Ok(Totals {
                        articles: r.get(0)?,
                        dated_articles: r.get(1)?,
                        first_date: r.get(2)?,
                        last_date: r.get(3)?,
                        outlets: r.get(4)?,
                        mentions: r.get(5)?,
                        statements: r.get(6)?,
                        relations: r.get(7)?,
                        corrected: r.get(8)?,
                        actors: r.get(9)?,
                        indexed_at: r.get(10)?,
                    })
                },
            )
            .map_err(|e| self.error(e))
    }

    /// Articles in date order (undated last), with their counts.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>, CorpusError> {
        let mut c = Self::article_conditions(filter);
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a {} \
             ORDER BY a.date IS NULL, a.date, a.id {}",
            c.where_clause(),
            c.limit(filter.limit, filter.offset)
        );
        self.rows(&sql, &c.params, article_row)
    }

    /// One article by id.
    pub fn article(&self, id: i64) -> Result<Option<ArticleRow>, CorpusError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1");
        Ok(self
            .rows(&sql, &[Value::Integer(id)], article_row)?
            .into_iter()
            .next())
    }

    /// Full-text search over the folded titles and texts (see [`search`] for the query syntax:
    /// words, `"phrases"`, `prefix*`; clitic forms are found too), best match first, each hit
    /// with a snippet of the original text.
    pub fn search(
        &self,
        query: &str,
        filter: &ArticleFilter,
    ) -> Result<Vec<SearchHit>, CorpusError> {
        let Some(terms) = search::parse(query) else {
            return Err(CorpusError::Query(format!(
                "nothing to search for in {query:?}; give words or a \"phrase\""
            )));
        };
        let mut c = Self::article_conditions(filter);
        c.add(
            "article_text MATCH ?#",
            [Value::Text(search::fts_query(&terms))],
        );
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS}, a.text FROM article_text f JOIN articles a ON a.id = f.rowid \
             {} ORDER BY f.rank {}",
            c.where_clause(),
            c.limit(Some(filter.limit.unwrap_or(50)), filter.offset)
        );
        self.rows(&sql, &c.params, |r| {
            let text: String = r.get(12)?;
            let snippet = search::first_hit(&text, &terms)
                .map(|hit| search::snippet(&text, hit, 80))
                .unwrap_or_default();
            Ok(SearchHit {
                article: article_row(r)?,
                snippet,
            })
        })
    }

    /// Statements matching `filter`, in date and text order, with their words.
    pub fn statements(&self, filter: &StatementFilter) -> Result<Vec<StatementRow>, CorpusError> {
        let mut c = Conditions::default();
        if let Some(s) = &filter.speaker {
            c.add(
                "(s.speaker = ?# OR s.speaker_top = ?#)",
                [Value::Text(s.clone()), Value::Text(s.clone())],
            );
        }
        if let Some(t) = &filter.target {
            c.add(
                "EXISTS (SELECT 1 FROM statement_targets t WHERE t.article = s.article \
                 AND t.statement = s.id AND (t.target = ?# OR t.target_top = ?#))",
                [Value::Text(t.clone()), Value::Text(t.clone())],
            );
        }
        if let Some(k) = filter.kind {
            c.add("s.type = ?#", [Value::Text(k.as_str().to_string())]);
        }
        c.date_range("s.date", &filter.from, &filter.to);
        if let Some(a) = filter.article {
            c.add("s.article = ?#", [Value::Integer(a)]);
        }
        let sql = format!(
            "SELECT s.article, a.path, s.date, s.id, s.speaker, \
                 coalesce(x.name_en, ''), coalesce(x.name_ar, ''), s.speaker_top, \
                 (SELECT group_concat(t.target, char(31) ORDER BY t.position) FROM statement_targets t \
                  WHERE t.article = s.article AND t.statement = s.id), \
                 s.type, s.quoted, s.origin, s.cue_start, s.cue_end, s.content_start, \
                 s.content_end, \
                 substr(a.text, s.cue_start + 1, s.cue_end - s.cue_start), \
                 substr(a.text, s.content_start + 1, s.content_end - s.content_start), \
                 s.speaker_mention \
             FROM statements s JOIN articles a ON a.id = s.article \
             LEFT JOIN actors x ON x.id = s.speaker {} \
             ORDER BY s.date IS NULL, s.date, s.article, s.cue_start {}",
            c.where_clause(),
            c.limit(filter.limit, 0)
        );
        self.rows(&sql, &c.params, |r| {
            let targets: Option<String> = r.get(8)?;
            Ok(StatementRow {
                article: r.get(0)?,
                path: r.get(1)?,
                date: r.get(2)?,
                id: r.get(3)?,
                speaker: r.get(4)?,
                speaker_name_en: r.get(5)?,
                speaker_name_ar: r.get(6)?,
                speaker_top: r.get(7)?,
                speaker_mention: r.get(18)?,
                targets: targets
                    .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                kind: r.get(9)?,
                quoted: r.get(10)?,
                origin: r.get(11)?,
                cue: Span::new(r.get::<_, i64>(12)? as usize, r.get::<_, i64>(13)? as usize),
                content: Span::new(r.get::<_, i64>(14)? as usize, r.get::<_, i64>(15)? as usize),
                cue_text: r.get(16)?,
                content_text: r.get(17)?,
            })
        })
    }

    /// The actor graph of a date range (inclusive; `None` for open ends; undated articles count
    /// only when no range is given): one edge per source, target and type, with the evidence
    /// added up, heaviest first; edges lighter than `min_weight` are left out.
    pub fn graph(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        min_weight: i64,
    ) -> Result<Vec<GraphEdge>, CorpusError> {
        let mut c = Conditions::default();
        c.date_range("r.date", &from.map(str::to_string), &to.map(str::to_string));
        let having = {
            c.params.push(Value::Integer(min_weight));
            format!("HAVING sum(r.weight) >= ?{}", c.params.len())
        };
        let sql = format!(
            "SELECT r.source, coalesce(xs.name_en, ''), coalesce(xs.name_ar, ''), \
                 r.target, coalesce(xt.name_en, ''), coalesce(xt.name_ar, ''), r.type, \
                 sum(r.weight), sum(r.statements), count(DISTINCT r.article), min(r.date), \
                 max(r.date) \
             FROM relations r LEFT JOIN actors xs ON xs.id = r.source \
             LEFT JOIN actors xt ON xt.id = r.target {} \
             GROUP BY r.source, r.target, r.type {having} \
             ORDER BY sum(r.weight) DESC, r.source, r.target, r.type",
            c.where_clause()
        );
        self.rows(&sql, &c.params, |r| {
            Ok(GraphEdge {
                source: r.get(0)?,
                source_name_en: r.get(1)?,
                source_name_ar: r.get(2)?,
                target: r.get(3)?,
                target_name_en: r.get(4)?,
                target_name_ar: r.get(5)?,
                kind: r.get(6)?,
                weight: r.get(7)?,
                statements: r.get(8)?,
                articles: r.get(9)?,
                first_date: r.get(10)?,
                last_date: r.get(11)?,
            })
        })
    }

    /// The relations between actors `a` and `b` (both directions) over time: one point per
    /// date, direction and type, in date order.
    pub fn pair_timeline(
        &self,
        a: &str,
        b: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<PairPoint>, CorpusError> {
        let mut c = Conditions::default();
        c.add(
            "((r.source = ?# AND r.target = ?#) OR (r.source = ?# AND r.target = ?#))",
            [a, b, b, a].map(|s| Value::Text(s.to_string())),
        );
        c.date_range("r.date", &from.map(str::to_string), &to.map(str::to_string));
        let sql = format!(
            "SELECT r.date, r.source, r.target, r.type, sum(r.weight), count(DISTINCT r.article) \
             FROM relations r {} GROUP BY r.date, r.source, r.target, r.type \
             ORDER BY r.date IS NULL, r.date, r.source, r.type",
            c.where_clause()
        );
        self.rows(&sql, &c.params, |r| {
            Ok(PairPoint {
                date: r.get(0)?,
                source: r.get(1)?,
                target: r.get(2)?,
                kind: r.get(3)?,
                weight: r.get(4)?,
                articles: r.get(5)?,
            })
        })
    }

    /// The actors of the articles `filter` selects, most mentioned first.
    pub fn actors(&self, filter: &ArticleFilter) -> Result<Vec<ActorRow>, CorpusError> {
        let mut c = Self::article_conditions(filter);
        let sql = format!(
            "SELECT x.id, x.name_en, x.name_ar, x.kind, count(*), sum(aa.mentions) \
             FROM article_actors aa JOIN actors x ON x.id = aa.actor \
             JOIN articles a ON a.id = aa.article {} \
             GROUP BY x.id ORDER BY sum(aa.mentions) DESC, count(*) DESC, x.id {}",
            c.where_clause(),
            c.limit(filter.limit, filter.offset)
        );
        self.rows(&sql, &c.params, |r| {
            Ok(ActorRow {
                id: r.get(0)?,
                name_en: r.get(1)?,
                name_ar: r.get(2)?,
                kind: r.get(3)?,
                articles: r.get(4)?,
                mentions: r.get(5)?,
            })
        })
    }

    /// The actor id a user means: an id (any case), an English name (any case) or an Arabic
    /// name (folded); failing those, the one actor whose name contains it. Several candidates
    /// or none is an error that lists some.
    pub fn resolve_actor(&self, name: &str) -> Result<String, CorpusError> {
        let wanted = name.trim();
        let actors = self.rows("SELECT id, name_en, name_ar FROM actors", &[], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let folded = fold(wanted);
        let lower = wanted.to_lowercase();
        if let Some((id, ..)) = actors
            .iter()
            .find(|(id, ..)| id.eq_ignore_ascii_case(wanted))
        {
            return Ok(id.clone());
        }
        let exact: Vec<&String> = actors
            .iter()
            .filter(|(_, en, ar)| {
                en.to_lowercase() == lower || (!folded.is_empty() && fold(ar) == folded)
            })
            .map(|(id, ..)| id)
            .collect();
        if exact.len() == 1 {
            return Ok(exact[0].clone());
        }
        let partial: Vec<&(String, String, String)> = actors
            .iter()
            .filter(|(_, en, ar)| {
                (!lower.is_empty() && en.to_lowercase().contains(&lower))
                    || (!folded.is_empty() && fold(ar).contains(&folded))
            })
            .collect();
        match partial.as_slice() {
            [one] => Ok(one.0.clone()),
            [] => Err(CorpusError::Query(format!(
                "no actor called {wanted:?} in the corpus; `marsad query STORE actors` lists them"
            ))),
            many => {
                let shown: Vec<String> = many
                    .iter()
                    .take(6)
                    .map(|(id, en, ar)| format!("{id} ({en}, {ar})"))
                    .collect();
                Err(CorpusError::Query(format!(
                    "{wanted:?} could be {} actors: {}{}; give the id",
                    many.len(),
                    shown.join(", "),
                    if many.len() > 6 { ", …" } else { "" }
                )))
            }
        }
    }

    /// The annotated document of one article as stored (text, actors, mentions, statements,
    /// relations), for opening it from the corpus.
    pub fn document(&self, id: i64) -> Result<Option<AnnotatedDocument>, CorpusError> {
        let head = self.rows(
            "SELECT path, sha256, encoding, format, replacement_chars, text FROM articles \
             WHERE id = ?1",
            &[Value::Integer(id)],
            |r| {
                Ok((
                    SourceInfo {
                        path: r.get(0)?,
                        sha256: r.get(1)?,
                        encoding: r.get(2)?,
                        format: r.get(3)?,
                        replacement_chars: r.get::<_, i64>(4)? as usize,
                    },
                    r.get::<_, String>(5)?,
                ))
            },
        )?;
        let Some((source, text)) = head.into_iter().next() else {
            return Ok(None);
        };
        let key = [Value::Integer(id)];
        let actors = self.rows(
            "SELECT x.id, x.name_en, x.name_ar, x.kind, aa.affiliation FROM article_actors aa \
             JOIN actors x ON x.id = aa.actor WHERE aa.article = ?1 ORDER BY x.id",
            &key,
            |r| {
                Ok(Actor {
                    id: r.get(0)?,
                    name_en: r.get(1)?,
                    name_ar: r.get(2)?,
                    kind: kind_from_name(&r.get::<_, String>(3)?),
                    affiliation: r.get(4)?,
                    aliases: Vec::new(),
                })
            },
        )?;
        let mentions = self.rows(
            "SELECT id, actor, start, end, origin FROM mentions WHERE article = ?1 \
             ORDER BY start, end",
            &key,
            |r| {
                Ok(Mention {
                    id: r.get(0)?,
                    actor: r.get(1)?,
                    start: r.get::<_, i64>(2)? as usize,
                    end: r.get::<_, i64>(3)? as usize,
                    origin: origin_from_name(&r.get::<_, String>(4)?),
                })
            },
        )?;
        let statements = self
            .statements(&StatementFilter {
                article: Some(id),
                ..StatementFilter::default()
            })?
            .into_iter()
            .map(|s| Statement {
                speaker_mention: s.speaker_mention,
                speaker: s.speaker,
                id: s.id,
                cue: s.cue,
                content: s.content,
                targets: s.targets,
                kind: type_from_name(&s.kind),
                quoted: s.quoted,
                origin: origin_from_name(&s.origin),
            })
            .collect::<Vec<_>>();
        let relations = self.rows(
            "SELECT source, target, type, statement_ids, evidence FROM relations \
             WHERE article = ?1",
            &key,
            |r| {
                let ids: String = r.get(3)?;
                let evidence: String = r.get(4)?;
                let evidence: Vec<[usize; 2]> = serde_json::from_str(&evidence).unwrap_or_default();
                Ok(Relation {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    kind: type_from_name(&r.get::<_, String>(2)?),
                    statements: serde_json::from_str(&ids).unwrap_or_default(),
                    evidence: evidence.into_iter().map(|[s, e]| Span::new(s, e)).collect(),
                })
            },
        )?;
        Ok(Some(crate::extract::make_document(
            text, source, actors, mentions, statements, relations,
        )))
    }
}

fn kind_from_name(name: &str) -> ActorKind {
    match name {
        "state" => ActorKind::State,
        "igo" => ActorKind::Igo,
        "armed_group" => ActorKind::ArmedGroup,
        "party" => ActorKind::Party,
        "media" => ActorKind::Media,
        "person" => ActorKind::Person,
        _ => ActorKind::Other,
    }
}

fn origin_from_name(name: &str) -> Origin {
    if name == "user" {
        Origin::User
    } else {
        Origin::Machine
    }
}

/// A relation type from its name (`other` for a name this version does not know).
pub fn type_from_name(name: &str) -> RelationType {
    RelationType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
        .unwrap_or(RelationType::Other)
}
