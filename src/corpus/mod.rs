//! The corpus store: many annotated articles in one SQLite file, for the questions asked across
//! a corpus (who accused whom in July, every statement of one actor, the actor graph of a month).
//!
//! `marsad index` fills it ([`Store::index`]), `marsad query` and the app's corpus view read it
//! ([`Store::articles`], [`Store::search`], [`Store::statements`], [`Store::graph`],
//! [`Store::pair_timeline`]). The schema is versioned and described in docs/corpus.md. No server:
//! SQLite is built into Marsad (with FTS5 for the full-text search).

pub mod export;
mod index;
mod overview;
mod query;
mod schema;
mod search;

pub use index::{IndexEvent, IndexOptions, IndexReport, Metadata};
pub use overview::{actor_graph, range_edges, week_of, ActorName, DayEdge, Evidence};
pub use query::{
    type_from_name, ActorRow, ArticleFilter, ArticleRow, GraphEdge, PairPoint, SearchHit,
    StatementFilter, StatementRow, Totals,
};
pub use schema::{SCHEMA_NAME, SCHEMA_VERSION};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Why the store could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{}: not a Marsad corpus store ({detail}); give the file `marsad index` wrote", path.display())]
    NotAStore { path: PathBuf, detail: String },
    #[error(
        "{}: made by a newer Marsad (schema version {found}, this one reads up to {SCHEMA_VERSION}); \
         update Marsad or index again into a new file",
        path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    #[error("{}: no corpus store here; create one with `marsad index DIR -o {}`", path.display(), path.display())]
    Missing { path: PathBuf },
    #[error("{0}")]
    Query(String),
}

/// An open corpus store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens an existing store for reading (queries, the corpus view).
    pub fn open(path: &Path) -> Result<Store, CorpusError> {
        if !path.is_file() {
            return Err(CorpusError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sqlite_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_version(false)?;
        Ok(store)
    }

    /// Opens a store for indexing, creating it (and its tables) if the file does not exist.
    pub fn create_or_open(path: &Path) -> Result<Store, CorpusError> {
        let conn = Connection::open(path).map_err(|e| sqlite_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            .map_err(|e| store.error(e))?;
        store.check_version(true)?;
        Ok(store)
    }

    /// Where the store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, e: rusqlite::Error) -> CorpusError {
        sqlite_error(&self.path, e)
    }

    /// Checks the schema version; creates the tables in an empty file when `create` is set.
    fn check_version(&self, create: bool) -> Result<(), CorpusError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.not_a_store(e.to_string()))?;
        if version == 0 {
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| self.not_a_store(e.to_string()))?;
            if tables > 0 || !create {
                return Err(self.not_a_store("it has no Marsad schema version".to_string()));
            }
            let tx = self
                .conn
                .unchecked_transaction()
                .map_err(|e| self.error(e))?;
            schema::create(&tx).map_err(|e| self.error(e))?;
            return tx.commit().map_err(|e| self.error(e));
        }
        if version > SCHEMA_VERSION {
            return Err(CorpusError::Newer {
                path: self.path.clone(),
                found: version,
            });
        }
        let name: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .ok();
        if name.as_deref() != Some(SCHEMA_NAME) {
            return Err(self.not_a_store(format!("schema {name:?}")));
        }
        Ok(())
    }

    fn not_a_store(&self, detail: String) -> CorpusError {
        CorpusError::NotAStore {
            path: self.path.clone(),
            detail,
        }
    }
}

fn sqlite_error(path: &Path, e: rusqlite::Error) -> CorpusError {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            CorpusError::NotAStore {
                path: path.to_path_buf(),
                detail: "the file is not an SQLite database".to_string(),
            }
        }
        source => CorpusError::Sqlite {
            path: path.to_path_buf(),
            source,
        },
    }
}
