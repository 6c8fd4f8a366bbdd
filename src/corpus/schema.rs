//! The store's tables, versioned (docs/corpus.md describes every column).
//!
//! The version is SQLite's `user_version`; a store made by an older Marsad is upgraded when opened
//! for writing, and one made by a newer Marsad is refused rather than misread.

use rusqlite::Connection;

/// Written into `meta` as `schema`.
pub const SCHEMA_NAME: &str = "marsad-corpus/1";
/// `PRAGMA user_version` of a store with the tables below.
pub const SCHEMA_VERSION: i64 = 1;

const TABLES: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL UNIQUE,
    sha256         TEXT NOT NULL,
    sidecar_sha256 TEXT,
    corrected      INTEGER NOT NULL,
    title          TEXT NOT NULL,
    date           TEXT,
    date_source    TEXT,
    outlet         TEXT,
    url            TEXT,
    encoding       TEXT NOT NULL,
    format         TEXT NOT NULL,
    replacement_chars INTEGER NOT NULL,
    chars          INTEGER NOT NULL,
    actors         INTEGER NOT NULL,
    mentions       INTEGER NOT NULL,
    statements     INTEGER NOT NULL,
    relations      INTEGER NOT NULL,
    indexed_at     TEXT NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet, date);

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    kind    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE article_actors (
    article     INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    top         TEXT NOT NULL,
    affiliation TEXT,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (article, actor)
) WITHOUT ROWID;
CREATE INDEX article_actors_actor ON article_actors(actor);
CREATE INDEX article_actors_top ON article_actors(top);

CREATE TABLE mentions (
    article INTEGER NOT NULL,
    id      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    origin  TEXT NOT NULL,
    PRIMARY KEY (article, id)
) WITHOUT ROWID;
CREATE INDEX mentions_actor ON mentions(actor);

CREATE TABLE statements (
    article         INTEGER NOT NULL,
    id              TEXT NOT NULL,
    date            TEXT,
    speaker         TEXT NOT NULL,
    speaker_top     TEXT NOT NULL,
    speaker_mention TEXT,
    type            TEXT NOT NULL,
    quoted          INTEGER NOT NULL,
    origin          TEXT NOT NULL,
    cue_start       INTEGER NOT NULL,
    cue_end         INTEGER NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    PRIMARY KEY (article, id)
) WITHOUT ROWID;
CREATE INDEX statements_speaker ON statements(speaker, date);
CREATE INDEX statements_speaker_top ON statements(speaker_top, date);
CREATE INDEX statements_type ON statements(type, date);
CREATE INDEX statements_date ON statements(date);

CREATE TABLE statement_targets (
    article    INTEGER NOT NULL,
    statement  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    target     TEXT NOT NULL,
    target_top TEXT NOT NULL,
    PRIMARY KEY (article, statement, target)
) WITHOUT ROWID;
CREATE INDEX statement_targets_target ON statement_targets(target);
CREATE INDEX statement_targets_top ON statement_targets(target_top);

CREATE TABLE relations (
    article        INTEGER NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    type           TEXT NOT NULL,
    date           TEXT,
    statements     INTEGER NOT NULL,
    narrated       INTEGER NOT NULL,
    weight         INTEGER NOT NULL,
    statement_ids  TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    PRIMARY KEY (article, source, target, type)
) WITHOUT ROWID;
CREATE INDEX relations_date ON relations(date);
CREATE INDEX relations_pair ON relations(source, target, date);
CREATE INDEX relations_target ON relations(target, date);

CREATE VIRTUAL TABLE article_text USING fts5(
    title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
";

/// Creates the tables in an empty database.
pub(crate) fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(TABLES)?;
    let mut put = conn.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    put.execute(["schema", SCHEMA_NAME])?;
    put.execute(["offsets", crate::model::OFFSET_UNIT])?;
    put.execute([
        "created_by",
        &format!("marsad {}", env!("CARGO_PKG_VERSION")),
    ])?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}
