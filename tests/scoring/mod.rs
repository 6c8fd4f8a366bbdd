//! The reference scorer (shared/tools/score.py) in Rust, shared by the sample and dev-set tests.
//!
//! Both sides are read as marsad/1 JSON. Persons roll up to their affiliation; a predicted actor
//! maps to a gold one by id, English name or an Arabic alias the gold lists, else to its nearest
//! affiliation that maps. Mentions match on overlap; statements on content overlap of at least
//! half the shorter and 30% of the longer span, one to one; `meet` relations count both ways.
//! Figures are rounded to three decimals as the reference prints them.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Precision, recall and F1 (each rounded to three decimals, as score.py reports them).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

/// Python's round(x, 3): the exact binary value rounded half to even, as formatting does.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

pub fn prf(tp: usize, pred: usize, gold: usize) -> Prf {
    let p = if pred > 0 {
        tp as f64 / pred as f64
    } else if gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        1.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: round3(p),
        r: round3(r),
        f1: round3(f1),
    }
}

/// Everything score.py reports that the tests use.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub mentions: Prf,
    pub statements_detected: Prf,
    pub statements_attributed: Prf,
    pub speaker_accuracy: f64,
    pub type_accuracy: f64,
    pub relation_pairs: Prf,
    pub relations_typed: Prf,
}

/// score.py's norm_ar: no marks or tatweel, one alef, ya and ta marbuta.
fn norm_ar(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| !is_mark(c) && c != '\u{0640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect();
    kept.trim().to_string()
}

/// Combining marks (Unicode category M) that occur in Arabic text.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// score.py's norm_en: lower case, words of letters and digits separated by one space.
fn norm_en(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn num(v: &Value, key: &str) -> usize {
    v.get(key).and_then(Value::as_u64).unwrap_or(0) as usize
}

/// Follows person → affiliation links, as score.py's rollup_table does.
struct Rollup<'a> {
    by: HashMap<&'a str, &'a Value>,
}

impl<'a> Rollup<'a> {
    fn new(actors: &'a [Value]) -> Self {
        Rollup {
            by: actors.iter().map(|a| (str_of(a, "id"), a)).collect(),
        }
    }

    fn up(&self, id: &str) -> String {
        let mut cur = id.to_string();
        let mut seen = HashSet::new();
        while let Some(a) = self.by.get(cur.as_str()) {
            let affiliation = str_of(a, "affiliation");
            if str_of(a, "kind") != "person" || affiliation.is_empty() || !seen.insert(cur.clone())
            {
                break;
            }
            cur = affiliation.to_string();
        }
        cur
    }
}

/// Predicted actor id → gold actor id, by id, English name or an Arabic alias.
fn map_actors(gold: &Value, pred: &Value) -> HashMap<String, String> {
    let gactors = array(gold, "actors");
    let gids: HashMap<String, String> = gactors
        .iter()
        .map(|a| (str_of(a, "id").to_uppercase(), str_of(a, "id").to_string()))
        .collect();
    let gen: HashMap<String, String> = gactors
        .iter()
        .filter(|a| !str_of(a, "name_en").is_empty())
        .map(|a| (norm_en(str_of(a, "name_en")), str_of(a, "id").to_string()))
        .collect();
    let mut gar: HashMap<String, String> = HashMap::new();
    for a in gactors {
        for alias in array(a, "aliases_seen") {
            gar.entry(norm_ar(alias.as_str().unwrap_or_default()))
                .or_insert_with(|| str_of(a, "id").to_string());
        }
    }
    let mut map = HashMap::new();
    for a in array(pred, "actors") {
        let pid = str_of(a, "id");
        if let Some(g) = gids.get(&pid.to_uppercase()) {
            map.insert(pid.to_string(), g.clone());
            continue;
        }
        let en = norm_en(str_of(a, "name_en"));
        if let Some(g) = gen.get(&en).filter(|_| !en.is_empty()) {
            map.insert(pid.to_string(), g.clone());
            continue;
        }
        let names = std::iter::once(str_of(a, "name_ar"))
            .chain(array(a, "aliases").iter().filter_map(Value::as_str));
        for key in names.filter(|k| !k.is_empty()) {
            if let Some(g) = gar.get(&norm_ar(key)) {
                map.insert(pid.to_string(), g.clone());
                break;
            }
        }
    }
    map
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Scores a prediction (marsad/1 JSON) against a gold file, as score.py does.
pub fn score(gold: &Value, pred: &Value) -> Scores {
    let amap = map_actors(gold, pred);
    let gactors = Rollup::new(array(gold, "actors"));
    let pactors = Rollup::new(array(pred, "actors"));
    let gup = |id: &str| gactors.up(id);
    let mapped_ancestor = |pid: &str| -> Option<String> {
        let mut cur = pid.to_string();
        let mut seen = HashSet::new();
        loop {
            if let Some(g) = amap.get(&cur) {
                return Some(g.clone());
            }
            if !seen.insert(cur.clone()) {
                return None;
            }
            let up = pactors
                .by
                .get(cur.as_str())
                .map(|a| str_of(a, "affiliation"))
                .filter(|a| !a.is_empty())?;
            cur = up.to_string();
        }
    };
    let pup = |pid: &str| -> String {
        let m = amap
            .get(&pactors.up(pid))
            .or_else(|| amap.get(pid))
            .cloned()
            .or_else(|| mapped_ancestor(pid));
        gup(&m.unwrap_or_else(|| format!("?{pid}")))
    };

    // Mentions: greedy one-to-one on overlap and actor.
    let gm: Vec<(String, (usize, usize))> = array(gold, "mentions")
        .iter()
        .map(|m| (gup(str_of(m, "actor")), (num(m, "start"), num(m, "end"))))
        .collect();
    let pm: Vec<(String, (usize, usize))> = array(pred, "mentions")
        .iter()
        .map(|m| (pup(str_of(m, "actor")), (num(m, "start"), num(m, "end"))))
        .collect();
    let mut used = vec![false; gm.len()];
    let mut tp = 0;
    for (a, s) in &pm {
        if let Some(i) =
            (0..gm.len()).find(|&i| !used[i] && gm[i].0 == *a && overlap(*s, gm[i].1) > 0)
        {
            used[i] = true;
            tp += 1;
        }
    }
    let mentions = prf(tp, pm.len(), gm.len());

    // Statements: content overlap of half the shorter and 30% of the longer span.
    let gs: Vec<(String, (usize, usize), String)> = array(gold, "statements")
        .iter()
        .map(|s| {
            (
                gup(str_of(s, "speaker")),
                (num(s, "content_start"), num(s, "content_end")),
                str_of(s, "type").to_string(),
            )
        })
        .collect();
    let ps: Vec<(String, (usize, usize), String)> = array(pred, "statements")
        .iter()
        .filter(|s| s.get("content").and_then(|c| c.get("start")).is_some())
        .map(|s| {
            let c = &s["content"];
            (
                pup(str_of(s, "speaker")),
                (num(c, "start"), num(c, "end")),
                str_of(s, "type").to_string(),
            )
        })
        .collect();
    let mut used = vec![false; gs.len()];
    let (mut det, mut spk, mut typ) = (0, 0, 0);
    for (sp, cs, ty) in &ps {
        let mut best = 0;
        let mut pick = None;
        for (i, (_, gcs, _)) in gs.iter().enumerate() {
            if used[i] {
                continue;
            }
            let ov = overlap(*cs, *gcs);
            let (pl, gl) = (cs.1.saturating_sub(cs.0), gcs.1.saturating_sub(gcs.0));
            let shorter = pl.min(gl).max(1) as f64;
            let longer = pl.max(gl).max(1) as f64;
            if ov as f64 / shorter >= 0.5 && ov as f64 / longer >= 0.3 && ov > best {
                best = ov;
                pick = Some(i);
            }
        }
        if let Some(i) = pick {
            used[i] = true;
            det += 1;
            spk += usize::from(gs[i].0 == *sp);
            typ += usize::from(gs[i].2 == *ty);
        }
    }
    let ratio = |n: usize| {
        if det > 0 {
            round3(n as f64 / det as f64)
        } else {
            0.0
        }
    };

    // Relations: typed edges (meetings both ways) and their pairs.
    let edges = |rels: &[Value], up: &dyn Fn(&str) -> String| {
        let mut out: HashSet<(String, String, String)> = HashSet::new();
        for r in rels {
            let (a, b, t) = (
                up(str_of(r, "source")),
                up(str_of(r, "target")),
                str_of(r, "type").to_string(),
            );
            if t == "meet" {
                out.insert((b.clone(), a.clone(), t.clone()));
            }
            out.insert((a, b, t));
        }
        out
    };
    let gr = edges(array(gold, "relations"), &gup);
    let pr = edges(array(pred, "relations"), &pup);
    let relations_typed = prf(gr.intersection(&pr).count(), pr.len(), gr.len());
    let pairs = |set: &HashSet<(String, String, String)>| -> HashSet<(String, String)> {
        set.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect()
    };
    let (gp, pp) = (pairs(&gr), pairs(&pr));
    let relation_pairs = prf(gp.intersection(&pp).count(), pp.len(), gp.len());

    Scores {
        mentions,
        statements_detected: prf(det, ps.len(), gs.len()),
        statements_attributed: prf(spk, ps.len(), gs.len()),
        speaker_accuracy: ratio(spk),
        type_accuracy: ratio(typ),
        relation_pairs,
        relations_typed,
    }
}

/// Reads an article as the CLI does, extracts it with the bundled gazetteer and scores it
/// against `gold` (JSON text).
pub fn score_article(extractor: &marsad::extract::Extractor, bytes: &[u8], gold: &str) -> Scores {
    let gold: Value = serde_json::from_str(gold).expect("gold JSON");
    let doc = marsad::ingest::from_bytes(bytes, "article.txt").expect("the article decodes");
    let doc = extractor.annotate_owned(doc.text, doc.source);
    let pred = serde_json::to_value(&doc).expect("a document serialises");
    score(&gold, &pred)
}
