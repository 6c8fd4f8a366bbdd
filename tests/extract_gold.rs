//! Extraction quality on the sample article against its hand-checked gold annotations
//! (tests/fixtures, rules in shared/gold/CONVENTIONS.md). Scoring follows the reference scorer:
//! persons roll up to their affiliation, predicted actors map to gold ones by id, English name or
//! an Arabic alias, mentions match on overlap, statements on content overlap of at least half the
//! shorter span, relations as (source, target) pairs.

use marsad::extract::fold::fold;
use marsad::model::AnnotatedDocument;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

const TEXT: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");
const GOLD: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.json");

#[derive(Debug, Clone, Copy)]
struct Prf {
    p: f64,
    r: f64,
    f1: f64,
}

fn prf(tp: usize, pred: usize, gold: usize) -> Prf {
    let p = if pred == 0 {
        1.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        tp as f64 / gold as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf { p, r, f1 }
}

fn show(name: &str, x: Prf) {
    println!("{name:<22} P={:.3} R={:.3} F1={:.3}", x.p, x.r, x.f1);
}

/// Follows person → affiliation links.
fn rollup(affiliation: &HashMap<String, (String, Option<String>)>, id: &str) -> String {
    let mut cur = id.to_string();
    for _ in 0..8 {
        match affiliation.get(&cur) {
            Some((kind, Some(up))) if kind == "person" => cur = up.clone(),
            _ => break,
        }
    }
    cur
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

struct Scores {
    mentions: Prf,
    statements: Prf,
    speaker_accuracy: f64,
    type_accuracy: f64,
    relation_pairs: Prf,
}

fn score(gold: &Value, pred: &AnnotatedDocument) -> Scores {
    let gactors = gold["actors"].as_array().expect("gold actors");
    let gaff: HashMap<String, (String, Option<String>)> = gactors
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_string(),
                (
                    a["kind"].as_str().unwrap_or_default().to_string(),
                    a["affiliation"].as_str().map(str::to_string),
                ),
            )
        })
        .collect();
    let gup = |id: &str| rollup(&gaff, id);
    // Map predicted actors onto gold ones.
    let mut by_alias: HashMap<String, String> = HashMap::new();
    let mut by_en: HashMap<String, String> = HashMap::new();
    for a in gactors {
        let id = a["id"].as_str().unwrap_or_default().to_string();
        by_en.insert(
            a["name_en"].as_str().unwrap_or_default().to_lowercase(),
            id.clone(),
        );
        for al in a["aliases_seen"].as_array().into_iter().flatten() {
            by_alias
                .entry(fold(al.as_str().unwrap_or_default()))
                .or_insert_with(|| id.clone());
        }
    }
    let mut map: HashMap<String, String> = HashMap::new();
    for a in &pred.actors {
        let mapped = if gaff.contains_key(&a.id) {
            Some(a.id.clone())
        } else if let Some(g) = by_en.get(&a.name_en.to_lowercase()) {
            Some(g.clone())
        } else {
            std::iter::once(&a.name_ar)
                .chain(&a.aliases)
                .find_map(|n| by_alias.get(&fold(n)).cloned())
        };
        if let Some(g) = mapped {
            map.insert(a.id.clone(), g);
        }
    }
    let paff: HashMap<String, (String, Option<String>)> = pred
        .actors
        .iter()
        .map(|a| {
            let kind = serde_json::to_value(a.kind).unwrap_or_default();
            (
                a.id.clone(),
                (
                    kind.as_str().unwrap_or_default().to_string(),
                    a.affiliation.clone(),
                ),
            )
        })
        .collect();
    let pup = |id: &str| {
        let top = rollup(&paff, id);
        let g = map
            .get(&top)
            .or_else(|| map.get(id))
            .cloned()
            .unwrap_or_else(|| format!("?{id}"));
        gup(&g)
    };

    let gm: Vec<(String, (usize, usize))> = gold["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                gup(m["actor"].as_str().unwrap_or_default()),
                (
                    m["start"].as_u64().unwrap_or(0) as usize,
                    m["end"].as_u64().unwrap_or(0) as usize,
                ),
            )
        })
        .collect();
    let pm: Vec<(String, (usize, usize))> = pred
        .mentions
        .iter()
        .map(|m| (pup(&m.actor), (m.start, m.end)))
        .collect();
    let mut used = HashSet::new();
    let mut tp = 0;
    for (a, s) in &pm {
        if let Some(i) = gm
            .iter()
            .enumerate()
            .position(|(i, (ga, gs))| !used.contains(&i) && ga == a && overlap(*s, *gs) > 0)
        {
            used.insert(i);
            tp += 1;
        }
    }
    let mentions = prf(tp, pm.len(), gm.len());

    let gs: Vec<(String, (usize, usize), String)> = gold["statements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                gup(s["speaker"].as_str().unwrap_or_default()),
                (
                    s["content_start"].as_u64().unwrap_or(0) as usize,
                    s["content_end"].as_u64().unwrap_or(0) as usize,
                ),
                s["type"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut used = HashSet::new();
    let (mut det, mut spk, mut typ) = (0, 0, 0);
    for s in &pred.statements {
        let cs = (s.content.start, s.content.end);
        let mut best: Option<(usize, usize)> = None;
        for (i, (_, gcs, _)) in gs.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            let ov = overlap(cs, *gcs);
            let shorter = (cs.1 - cs.0).min(gcs.1 - gcs.0).max(1);
            if ov * 2 >= shorter && best.is_none_or(|(b, _)| ov > b) {
                best = Some((ov, i));
            }
        }
        if let Some((_, i)) = best {
            used.insert(i);
            det += 1;
            spk += usize::from(gs[i].0 == pup(&s.speaker));
            typ += usize::from(gs[i].2 == s.kind.as_str());
        }
    }
    let statements = prf(det, pred.statements.len(), gs.len());

    let gp: HashSet<(String, String)> = gold["relations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                gup(r["source"].as_str().unwrap_or_default()),
                gup(r["target"].as_str().unwrap_or_default()),
            )
        })
        .collect();
    let pp: HashSet<(String, String)> = pred
        .relations
        .iter()
        .map(|r| (pup(&r.source), pup(&r.target)))
        .collect();
    let relation_pairs = prf(gp.intersection(&pp).count(), pp.len(), gp.len());
    Scores {
        mentions,
        statements,
        speaker_accuracy: if det == 0 {
            0.0
        } else {
            spk as f64 / det as f64
        },
        type_accuracy: if det == 0 {
            0.0
        } else {
            typ as f64 / det as f64
        },
        relation_pairs,
    }
}

#[test]
fn sample_article_meets_the_quality_bar() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold JSON");
    let doc = marsad::extract::annotate_text(TEXT, Default::default());
    let s = score(&gold, &doc);
    show("mentions (overlap)", s.mentions);
    show("statements detected", s.statements);
    println!("speaker accuracy       {:.3}", s.speaker_accuracy);
    println!("type accuracy          {:.3}", s.type_accuracy);
    show("relation pairs", s.relation_pairs);
    assert!(s.mentions.f1 >= 0.90, "mentions F1 {:.3}", s.mentions.f1);
    assert!(
        s.statements.f1 >= 0.80,
        "statements F1 {:.3}",
        s.statements.f1
    );
    assert!(
        s.speaker_accuracy >= 0.85,
        "speaker accuracy {:.3}",
        s.speaker_accuracy
    );
    assert!(
        s.relation_pairs.f1 >= 0.75,
        "relation pairs F1 {:.3}",
        s.relation_pairs.f1
    );
}

#[test]
fn every_offset_points_at_its_surface() {
    let doc = marsad::extract::annotate_text(TEXT, Default::default());
    let chars: Vec<char> = TEXT.chars().collect();
    for m in &doc.mentions {
        let surface: String = chars[m.start..m.end].iter().collect();
        let actor = doc.actor(&m.actor).expect("mention actor listed");
        assert!(
            actor.aliases.contains(&surface),
            "{surface} not among aliases of {}",
            actor.id
        );
        assert!(!surface.starts_with(' ') && !surface.ends_with(' '));
    }
    for s in &doc.statements {
        assert!(s.content.start < s.content.end && s.content.end <= chars.len());
        assert!(
            doc.actor(&s.speaker).is_some(),
            "speaker {} listed",
            s.speaker
        );
        for t in &s.targets {
            assert!(doc.actor(t).is_some(), "target {t} listed");
        }
    }
    for r in &doc.relations {
        assert!(!r.evidence.is_empty());
        assert_ne!(doc.top_level(&r.source), doc.top_level(&r.target));
    }
}

#[test]
fn the_letter_to_the_security_council_is_found() {
    let doc = marsad::extract::annotate_text(TEXT, Default::default());
    let appeal = doc
        .relations
        .iter()
        .find(|r| r.source == "ISR" && r.target == "UNSC" && r.kind.as_str() == "appeal")
        .expect("Israel appeals to the Security Council");
    assert!(!appeal.statements.is_empty());
    let saar = doc
        .actors
        .iter()
        .find(|a| a.name_ar == "جدعون ساعر")
        .expect("the foreign minister is found from his title");
    assert_eq!(saar.affiliation.as_deref(), Some("ISR"));
    assert!(
        saar.aliases.iter().any(|a| a == "ساعر"),
        "short form resolves"
    );
}
