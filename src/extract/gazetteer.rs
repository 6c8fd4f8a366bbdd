//! The gazetteer: which actors exist and how Arabic articles name them (docs/gazetteer.md).
//!
//! The default list ships inside the binary; a user file with the same format in the user's config
//! directory adds actors and replaces default entries that have the same id.

use super::lexicon::LexiconFile;
use crate::model::{Actor, ActorKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const DEFAULT_GAZETTEER: &str = include_str!("../../assets/actors.json");

/// One actor and every way of naming it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub affiliation: Option<String>,
    /// CAMEO-style actor code, for event exports.
    #[serde(default)]
    pub cameo: Option<String>,
    /// Names as articles write them, without proclitics.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Masculine singular nisba adjectives (عراقي); the other forms are derived.
    #[serde(default)]
    pub nisba: Vec<String>,
    /// Cities that stand for the government when used as the subject or object of politics.
    #[serde(default)]
    pub capitals: Vec<String>,
    /// Short forms that only count once the actor has been named in full.
    #[serde(default)]
    pub after_first: Vec<String>,
}

impl Entry {
    pub fn to_actor(&self) -> Actor {
        Actor {
            id: self.id.clone(),
            name_en: self.name_en.clone(),
            name_ar: self.name_ar.clone(),
            kind: self.kind,
            affiliation: self.affiliation.clone(),
            aliases: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
struct GazetteerFile {
    #[serde(default = "one")]
    version: u32,
    /// Phrases that contain a name but name something else (مجلس الأمن القومي, سد النهضة).
    #[serde(default)]
    stop_phrases: Vec<String>,
    actors: Vec<Entry>,
}

fn one() -> u32 {
    1
}

/// Why a gazetteer file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: cannot read the gazetteer: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a valid gazetteer ({source}); see docs/gazetteer.md")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: not a valid lexicon ({message}); see docs/extraction.md")]
    Rules { path: PathBuf, message: String },
}

/// The actors known before reading an article.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    stop_phrases: Vec<String>,
    /// The user's additions to the extraction rules' words (lexicon.json beside actors.json).
    rules: Vec<LexiconFile>,
}

impl Gazetteer {
    /// The default gazetteer bundled with Marsad.
    pub fn builtin() -> Gazetteer {
        Gazetteer::from_json(DEFAULT_GAZETTEER, Path::new("assets/actors.json"))
            .expect("the bundled gazetteer is valid JSON (checked by tests)")
    }

    /// Parses a gazetteer in the documented format; `origin` only names it in errors.
    pub fn from_json(json: &str, origin: &Path) -> Result<Gazetteer, GazetteerError> {
        let file: GazetteerFile =
            serde_json::from_str(json).map_err(|source| GazetteerError::Parse {
                path: origin.to_path_buf(),
                source,
            })?;
        let mut g = Gazetteer {
            entries: Vec::new(),
            by_id: HashMap::new(),
            stop_phrases: file.stop_phrases,
            rules: Vec::new(),
        };
        for e in file.actors {
            g.upsert(e);
        }
        Ok(g)
    }

    /// The default gazetteer extended by the user's files, if there are any: `actors.json` and
    /// the rules' words in `lexicon.json`. A broken user file is reported, not fatal: the
    /// defaults still work.
    pub fn with_user_file() -> (Gazetteer, Option<GazetteerError>) {
        let mut g = Gazetteer::builtin();
        let mut warning = None;
        let Some(dir) = user_config_dir() else {
            return (g, None);
        };
        let actors = dir.join("actors.json");
        if actors.exists() {
            warning = g.merge_file(&actors).err();
        }
        let rules = dir.join("lexicon.json");
        if rules.exists() {
            if let Err(e) = g.add_rules_file(&rules) {
                warning = warning.or(Some(e));
            }
        }
        (g, warning)
    }

    /// Adds a lexicon file (docs/extraction.md) to the words the extraction rules read.
    pub fn add_rules_file(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let json = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let file = LexiconFile::parse(&json).map_err(|message| GazetteerError::Rules {
            path: path.to_path_buf(),
            message,
        })?;
        self.rules.push(file);
        Ok(())
    }

    /// The lexicon files added to the bundled rules.
    pub fn rules(&self) -> &[LexiconFile] {
        &self.rules
    }

    /// Adds the actors of another gazetteer file; an entry with a known id replaces it.
    pub fn merge_file(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let json = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let other = Gazetteer::from_json(&json, path)?;
        self.stop_phrases.extend(other.stop_phrases);
        for e in other.entries {
            self.upsert(e);
        }
        Ok(())
    }

    /// Inserts an entry or replaces the one with the same id.
    pub fn upsert(&mut self, entry: Entry) {
        match self.by_id.get(&entry.id) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.by_id.insert(entry.id.clone(), self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn stop_phrases(&self) -> &[String] {
        &self.stop_phrases
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The JSON text of this gazetteer, in the documented format.
    pub fn to_json(&self) -> String {
        let file = GazetteerFile {
            version: 1,
            stop_phrases: self.stop_phrases.clone(),
            actors: self.entries.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }
}

/// Adds (or replaces) one entry in the user's gazetteer file at `path`, written atomically; a
/// file that cannot be parsed is left alone and reported.
pub fn save_user_entry(path: &Path, entry: Entry) -> Result<(), GazetteerError> {
    let mut user = match std::fs::read_to_string(path) {
        Ok(json) => Gazetteer::from_json(&json, path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Gazetteer {
            entries: Vec::new(),
            by_id: HashMap::new(),
            stop_phrases: Vec::new(),
            rules: Vec::new(),
        },
        Err(source) => {
            return Err(GazetteerError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    user.upsert(entry);
    let io = |source| GazetteerError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    crate::atomic_file::write_atomic(path, user.to_json().as_bytes()).map_err(io)
}

/// `actors.json` in the user's configuration directory (`~/.config/marsad/` on Linux).
pub fn user_gazetteer_path() -> Option<PathBuf> {
    user_config_dir().map(|d| d.join("actors.json"))
}

/// Marsad's folder in the user's configuration directory.
fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("marsad"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_gazetteer_is_consistent() {
        let g = Gazetteer::builtin();
        assert!(g.entries().len() > 100, "a broad gazetteer");
        for e in g.entries() {
            if let Some(a) = &e.affiliation {
                assert!(g.get(a).is_some(), "{}: unknown affiliation {a}", e.id);
            }
            assert!(
                !e.aliases.is_empty() || !e.nisba.is_empty(),
                "{} has no names",
                e.id
            );
        }
        for id in [
            "ISR", "IRQ", "IRN", "USA", "UNSC", "LBN", "SYR", "PSE", "SAU", "YEM",
        ] {
            assert!(g.get(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn user_entries_replace_and_extend() {
        let mut g = Gazetteer::builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.json");
        std::fs::write(
            &path,
            r#"{"version":1,"actors":[
              {"id":"ISR","name_en":"Israel (user)","name_ar":"إسرائيل","kind":"state","aliases":["إسرائيل"]},
              {"id":"NEWCO","name_en":"New Co","name_ar":"شركة جديدة","kind":"other","aliases":["شركة جديدة"]}]}"#,
        )
        .unwrap();
        g.merge_file(&path).unwrap();
        assert_eq!(g.get("ISR").unwrap().name_en, "Israel (user)");
        assert!(g.get("NEWCO").is_some());
        let saved = dir.path().join("user").join("actors.json");
        let mut entry = g.get("NEWCO").unwrap().clone();
        save_user_entry(&saved, entry.clone()).unwrap();
        entry.name_en = "New Co (renamed)".into();
        save_user_entry(&saved, entry).unwrap();
        let mut reread = Gazetteer::builtin();
        reread.merge_file(&saved).unwrap();
        assert_eq!(reread.get("NEWCO").unwrap().name_en, "New Co (renamed)");
        std::fs::write(&path, "{ not json").unwrap();
        let err = g.merge_file(&path).unwrap_err().to_string();
        assert!(err.contains("actors.json"), "{err}");
    }
}
