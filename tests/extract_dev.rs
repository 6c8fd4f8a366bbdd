//! Extraction quality on the development set: 20 real articles from other outlets and years
//! than the sample, with gold annotations by the same conventions (tests/fixtures/dev, copied
//! from shared/dev; shared/gold/CONVENTIONS.md). Scored as shared/tools/score.py scores them;
//! `python3 shared/tools/score_set.py` prints the same macro figures for the release binary.

mod scoring;

use marsad::extract::{Extractor, Gazetteer};
use std::path::Path;

#[test]
fn development_set_meets_the_quality_bar() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev");
    let mut golds: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .expect("dev gold folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    assert_eq!(golds.len(), 20, "the whole development set");
    let extractor = Extractor::new(Gazetteer::builtin());
    let mut sums = [0.0f64; 4];
    println!(
        "{:<48} {:>10} {:>10} {:>10} {:>10}",
        "article", "mentions", "statements", "pairs", "typed"
    );
    for gold in &golds {
        let stem = gold
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let article = dir.join("articles").join(format!("{stem}.txt"));
        let bytes = std::fs::read(&article).expect("article beside its gold");
        let json = std::fs::read_to_string(gold).expect("gold");
        let s = scoring::score_article(&extractor, &bytes, &json);
        let row = [
            s.mentions.f1,
            s.statements_attributed.f1,
            s.relation_pairs.f1,
            s.relations_typed.f1,
        ];
        let name: String = stem.chars().take(48).collect();
        println!(
            "{name:<48} {:>10.3} {:>10.3} {:>10.3} {:>10.3}",
            row[0], row[1], row[2], row[3]
        );
        for (sum, x) in sums.iter_mut().zip(row) {
            *sum += x;
        }
    }
    let n = golds.len() as f64;
    let macro_f1 = sums.map(|s| s / n);
    println!(
        "{:<48} {:>10.3} {:>10.3} {:>10.3} {:>10.3}",
        format!("macro average ({} articles)", golds.len()),
        macro_f1[0],
        macro_f1[1],
        macro_f1[2],
        macro_f1[3]
    );
    // What the extractor reaches today, a little below the measured figures (0.936 / 0.870 /
    // 0.716 / 0.604), so a regression fails. They are above issue 8's targets (0.92 / 0.75 /
    // 0.70 / 0.55).
    let bars = [
        ("mentions", 0.93),
        ("statements attributed", 0.86),
        ("relation pairs", 0.71),
        ("typed relations", 0.60),
    ];
    let failed: Vec<String> = bars
        .iter()
        .zip(macro_f1)
        .filter(|((_, bar), f1)| f1 < bar)
        .map(|((name, bar), f1)| format!("{name} {f1:.3} < {bar}"))
        .collect();
    assert!(failed.is_empty(), "macro F1 below the bar: {failed:?}");
}
