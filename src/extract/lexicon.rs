//! The words the extraction rules read: reporting cues, speech-act and event words, titles and
//! function words. They are data (assets/lexicon.json, described in docs/extraction.md); a file of
//! the same shape in the user's configuration directory adds to them. Entries are written in
//! ordinary spelling and folded when the tables are built.

use super::fold::fold;
use super::word_flags::{WordSet, WordTable};
use crate::model::RelationType;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DEFAULT_LEXICON: &str = include_str!("../../assets/lexicon.json");

/// How a reporting word introduces a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// A finite verb: its subject is the speaker (قال، أعلن، تطالب).
    #[default]
    Verb,
    /// Continues the previous speaker unless a subject follows (أضاف، تابع).
    Continuation,
    /// An adverbial participle: the speaker of the clause it hangs on (مؤكدا، مشددة).
    Participle,
    /// A noun that carries speech (بيان، رسالة، تهديدات); needs content right after it.
    Noun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    pub kind: RelationType,
    /// A dual verb (أكدا): two speakers say it together.
    pub dual: bool,
    /// The preposition that introduces its content when no أن follows (عن for كشف, إلى for دعا).
    pub governs: Option<&'static str>,
}

/// The prepositions a cue may govern, folded (a cue names one of them).
const GOVERNABLE: [&str; 8] = ["عن", "الي", "علي", "من", "ب", "ل", "في", "مع"];

/// One group of cue forms in the lexicon file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    /// The forms, separated by spaces.
    pub forms: String,
    #[serde(default)]
    pub class: CueClass,
    #[serde(rename = "type")]
    pub kind: RelationType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governs: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dual: bool,
    /// A word that must follow in the sentence for the form to report speech: "حمّل" is a cue
    /// only with المسؤولية after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<String>,
}

/// A named word list and what the rules use it for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    #[serde(default)]
    pub about: String,
    pub words: String,
}

/// The lexicon file as written (assets/lexicon.json and the user's lexicon.json).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub cues: Vec<CueEntry>,
    /// Words in reported content that show its speech act when the cue is neutral, by type.
    #[serde(default)]
    pub content_types: BTreeMap<String, String>,
    /// Words that state an event between two actors, by relation type.
    #[serde(default)]
    pub event_triggers: BTreeMap<String, String>,
    #[serde(default)]
    pub lists: BTreeMap<String, WordList>,
}

fn one() -> u32 {
    1
}

impl LexiconFile {
    /// Parses a lexicon file; the error says what is wrong in words a user can act on.
    pub fn parse(json: &str) -> Result<LexiconFile, String> {
        let file: LexiconFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut probe = Lexicon::empty();
        probe.extend(&file)?;
        Ok(file)
    }
}

/// All word lists, folded.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub cues: HashMap<String, Cue>,
    /// Cue forms that report speech only with this (folded) word after them.
    pub cue_needs: HashMap<String, String>,
    pub complementisers: WordSet,
    pub addressee_preps: WordSet,
    pub naming_nouns: WordSet,
    pub time_words: WordSet,
    pub place_words: WordSet,
    pub people_words: WordSet,
    pub titles: WordSet,
    pub title_complements: WordSet,
    pub institution_nouns: WordSet,
    pub article_given_names: WordSet,
    pub name_particles: WordSet,
    pub eponym_titles: WordSet,
    pub eponym_heads: WordSet,
    pub official_source_words: WordSet,
    pub given_names: WordSet,
    pub non_actor_heads: WordSet,
    pub generic_group_words: WordSet,
    pub non_name_words: WordSet,
    pub source_words: WordSet,
    pub attribution_words: WordSet,
    pub territory_words: WordSet,
    pub sponsor_words: WordSet,
    pub locative_words: WordSet,
    pub np_object_cues: WordSet,
    pub measures_words: WordSet,
    pub negations: WordSet,
    pub outlet_nouns: WordSet,
    pub acceptance_words: WordSet,
    pub group_heads: WordSet,
    pub counter_words: WordSet,
    pub transitive_triggers: WordSet,
    pub own_meeting_words: WordSet,
    pub clause_openers: WordSet,
    pub future_prefixes: WordSet,
    pub naming_verbs: WordSet,
    pub relay_cues: WordSet,
    pub manner_words: WordSet,
    pub manner_nouns: WordSet,
    pub content_enders: WordSet,
    pub agent_words: WordSet,
    pub supporter_words: WordSet,
    pub support_nouns: WordSet,
    pub enjoy_words: WordSet,
    pub participation_words: WordSet,
    pub host_verbs: WordSet,
    pub irrealis_words: WordSet,
    /// Conjunctions that open a clause before the main one ("بينما حثت … ، بدأ …").
    pub subordinators: WordSet,
    /// Function words that, after a comma, carry a subordinate clause on.
    pub clause_particles: WordSet,
    /// Words of calling something something: a generic militia word after ب in their reach is
    /// a label (تسمية الثوار بالميليشيات).
    pub label_words: WordSet,
    /// Cities and governorates, words of one name joined by _: after a title they are the
    /// office's place, never a person's name (محافظ تعز).
    pub place_names: WordSet,
    pub visit_words: WordSet,
    pub delegation_words: WordSet,
    pub intention_words: WordSet,
    pub tour_words: WordSet,
    /// Content words and the speech acts they show (a bit per `RelationType::ALL` index), so a
    /// word is looked up once for every type.
    pub content_types: HashMap<String, u16>,
    pub triggers: HashMap<String, RelationType>,
    /// The answers above for each word in one table (src/extract/word_flags.rs), built once
    /// the lists are complete.
    pub words: WordTable,
}

/// The bit that stands for `kind` in [`Lexicon::content_kinds`].
pub fn kind_bit(kind: RelationType) -> u16 {
    let index = RelationType::ALL.iter().position(|&k| k == kind);
    index.map_or(0, |i| 1 << i)
}

fn relation_type(name: &str) -> Result<RelationType, String> {
    RelationType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
        .ok_or_else(|| format!("unknown relation type \"{name}\""))
}

fn governed(prep: &str) -> Result<&'static str, String> {
    let folded = fold(prep);
    GOVERNABLE
        .into_iter()
        .find(|&p| p == folded)
        .ok_or_else(|| format!("a cue cannot govern \"{prep}\" (one of عن إلى على من ب ل في مع)"))
}

impl Lexicon {
    /// The bundled lexicon, built once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let file = LexiconFile::parse(DEFAULT_LEXICON)
                .expect("the bundled lexicon is valid (checked by tests)");
            let mut lex = Lexicon::empty();
            lex.extend(&file)
                .expect("the bundled lexicon is valid (checked by tests)");
            lex.words = WordTable::build(&lex);
            lex
        })
    }

    /// The bundled lexicon extended by other files (a user's lexicon.json).
    pub fn with_files(files: &[LexiconFile]) -> Lexicon {
        let mut lex = Lexicon::empty();
        let builtin =
            LexiconFile::parse(DEFAULT_LEXICON).expect("the bundled lexicon is valid (checked)");
        for file in std::iter::once(&builtin).chain(files) {
            // Files were checked when they were parsed.
            let _ = lex.extend(file);
        }
        lex.words = WordTable::build(&lex);
        lex
    }

    fn empty() -> Lexicon {
        Lexicon::default()
    }

    fn list_mut(&mut self, name: &str) -> Option<&mut WordSet> {
        Some(match name {
            "complementisers" => &mut self.complementisers,
            "addressee_preps" => &mut self.addressee_preps,
            "naming_nouns" => &mut self.naming_nouns,
            "time_words" => &mut self.time_words,
            "place_words" => &mut self.place_words,
            "people_words" => &mut self.people_words,
            "titles" => &mut self.titles,
            "title_complements" => &mut self.title_complements,
            "institution_nouns" => &mut self.institution_nouns,
            "article_given_names" => &mut self.article_given_names,
            "name_particles" => &mut self.name_particles,
            "eponym_titles" => &mut self.eponym_titles,
            "eponym_heads" => &mut self.eponym_heads,
            "official_source_words" => &mut self.official_source_words,
            "given_names" => &mut self.given_names,
            "non_actor_heads" => &mut self.non_actor_heads,
            "generic_group_words" => &mut self.generic_group_words,
            "non_name_words" => &mut self.non_name_words,
            "source_words" => &mut self.source_words,
            "attribution_words" => &mut self.attribution_words,
            "territory_words" => &mut self.territory_words,
            "sponsor_words" => &mut self.sponsor_words,
            "locative_words" => &mut self.locative_words,
            "np_object_cues" => &mut self.np_object_cues,
            "measures_words" => &mut self.measures_words,
            "negations" => &mut self.negations,
            "outlet_nouns" => &mut self.outlet_nouns,
            "acceptance_words" => &mut self.acceptance_words,
            "group_heads" => &mut self.group_heads,
            "counter_words" => &mut self.counter_words,
            "transitive_triggers" => &mut self.transitive_triggers,
            "own_meeting_words" => &mut self.own_meeting_words,
            "clause_openers" => &mut self.clause_openers,
            "future_prefixes" => &mut self.future_prefixes,
            "naming_verbs" => &mut self.naming_verbs,
            "relay_cues" => &mut self.relay_cues,
            "manner_words" => &mut self.manner_words,
            "manner_nouns" => &mut self.manner_nouns,
            "content_enders" => &mut self.content_enders,
            "agent_words" => &mut self.agent_words,
            "supporter_words" => &mut self.supporter_words,
            "support_nouns" => &mut self.support_nouns,
            "enjoy_words" => &mut self.enjoy_words,
            "participation_words" => &mut self.participation_words,
            "host_verbs" => &mut self.host_verbs,
            "irrealis_words" => &mut self.irrealis_words,
            "subordinators" => &mut self.subordinators,
            "clause_particles" => &mut self.clause_particles,
            "label_words" => &mut self.label_words,
            "place_names" => &mut self.place_names,
            "visit_words" => &mut self.visit_words,
            "delegation_words" => &mut self.delegation_words,
            "intention_words" => &mut self.intention_words,
            "tour_words" => &mut self.tour_words,
            _ => return None,
        })
    }

    /// Adds a file's entries; later cue forms replace earlier ones.
    fn extend(&mut self, file: &LexiconFile) -> Result<(), String> {
        for entry in &file.cues {
            let cue = Cue {
                class: entry.class,
                kind: entry.kind,
                dual: entry.dual,
                governs: entry.governs.as_deref().map(governed).transpose()?,
            };
            for form in entry.forms.split_whitespace() {
                let form = fold(form);
                match &entry.needs {
                    Some(word) => self.cue_needs.insert(form.clone(), fold(word)),
                    None => self.cue_needs.remove(&form),
                };
                self.cues.insert(form, cue);
            }
        }
        for (name, words) in &file.content_types {
            let bit = kind_bit(relation_type(name)?);
            for w in words.split_whitespace() {
                *self.content_types.entry(fold(w)).or_default() |= bit;
            }
        }
        for (name, words) in &file.event_triggers {
            let kind = relation_type(name)?;
            for w in words.split_whitespace() {
                self.triggers.insert(fold(w), kind);
            }
        }
        for (name, list) in &file.lists {
            let set = self
                .list_mut(name)
                .ok_or_else(|| format!("unknown word list \"{name}\""))?;
            set.extend(list.words.split_whitespace().map(fold));
        }
        Ok(())
    }

    /// The speech acts a folded content word shows, as bits (see [`kind_bit`]); 0 for none.
    pub fn content_kinds(&self, word: &str) -> u16 {
        self.content_types.get(word).copied().unwrap_or(0)
    }

    /// The cue a word is, with the conjunctions و/ف stripped.
    pub fn cue(&self, word: &str) -> Option<Cue> {
        self.cues.get(word).copied().or_else(|| {
            let rest = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))?;
            self.cues.get(rest).copied()
        })
    }

    /// The word a cue form needs after it, if any (see `CueEntry::needs`), conjunctions stripped.
    pub fn cue_needs(&self, word: &str) -> Option<&str> {
        if self.cue_needs.is_empty() {
            return None;
        }
        let rest = word.strip_prefix(['و', 'ف']).unwrap_or(word);
        self.cue_needs
            .get(word)
            .or_else(|| self.cue_needs.get(rest))
            .map(String::as_str)
    }

    /// The event a word states, looking through the proclitics و ف ب ل.
    pub fn event_trigger(&self, word: &str) -> Option<RelationType> {
        let mut w = word;
        for _ in 0..2 {
            if let Some(&kind) = self.triggers.get(w) {
                return Some(kind);
            }
            match w.chars().next() {
                Some(c @ ('و' | 'ف' | 'ب' | 'ل')) => w = &w[c.len_utf8()..],
                _ => return None,
            }
        }
        self.triggers.get(w).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_loads_and_folds() {
        let lex = Lexicon::builtin();
        let cue = lex.cue("واكد").expect("أكد with a conjunction");
        assert_eq!(cue.class, CueClass::Verb);
        assert_eq!(lex.cue("دعا").map(|c| c.governs), Some(Some("الي")));
        assert!(lex.titles.contains("وزير"));
        assert_eq!(lex.event_trigger("والغارات"), Some(RelationType::Attack));
    }

    #[test]
    fn user_files_extend_and_mistakes_are_reported() {
        let user = LexiconFile::parse(
            r#"{"cues": [{"forms": "غرّد غردت", "type": "statement"}],
                "lists": {"titles": {"words": "المفوض"}}}"#,
        )
        .unwrap();
        let lex = Lexicon::with_files(&[user]);
        assert!(lex.cue("غردت").is_some());
        assert!(lex.titles.contains("المفوض") && lex.titles.contains("وزير"));
        let err = LexiconFile::parse(r#"{"lists": {"titels": {"words": "x"}}}"#).unwrap_err();
        assert!(err.contains("titels"), "{err}");
        let err =
            LexiconFile::parse(r#"{"cues": [{"forms": "x", "type": "praise"}]}"#).unwrap_err();
        assert!(err.contains("praise"), "{err}");
    }
}
