//! Documents the graph tests share.

use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Mention, Origin, Relation, RelationType, SourceInfo, Span,
    OFFSET_UNIT, SCHEMA,
};

/// An article the size of the 5 MB case: the same few actors, thousands of mentions and relations
/// resting on thousands of pieces of evidence.
pub fn huge() -> AnnotatedDocument {
    let actors = [
        ("ISR", "Israel", "إسرائيل", 18_000),
        ("IRQ", "Iraq", "العراق", 16_000),
        ("IRN", "Iran", "إيران", 5_000),
        ("USA", "United States", "الولايات المتحدة", 4_000),
        ("UNSC", "UN Security Council", "مجلس الأمن الدولي", 1_500),
        ("LBN", "Lebanon", "لبنان", 900),
        ("SYR", "Syria", "سوريا", 3),
        ("HAMAS", "Hamas", "حماس", 1),
    ];
    let mut mentions = Vec::new();
    for (id, _, _, count) in actors {
        for k in 0..count {
            mentions.push(Mention {
                id: format!("{id}-{k}"),
                actor: id.into(),
                start: mentions.len() * 10,
                end: mentions.len() * 10 + 5,
                origin: Origin::Machine,
            });
        }
    }
    let relation = |s: &str, t: &str, kind, n: usize| Relation {
        source: s.into(),
        target: t.into(),
        kind,
        statements: Vec::new(),
        evidence: (0..n).map(|k| Span::new(k * 7, k * 7 + 5)).collect(),
    };
    AnnotatedDocument {
        schema: SCHEMA.into(),
        source: SourceInfo::default(),
        text: "نص".into(),
        offsets: OFFSET_UNIT.into(),
        actors: actors
            .iter()
            .map(|&(id, en, ar, _)| Actor {
                id: id.into(),
                name_en: en.into(),
                name_ar: ar.into(),
                kind: ActorKind::State,
                affiliation: None,
                aliases: Vec::new(),
            })
            .collect(),
        mentions,
        statements: Vec::new(),
        relations: vec![
            relation("ISR", "IRQ", RelationType::Pressure, 3_000),
            relation("ISR", "IRQ", RelationType::Accuse, 1_000),
            relation("IRQ", "ISR", RelationType::Reject, 800),
            relation("ISR", "LBN", RelationType::Attack, 1),
            relation("ISR", "UNSC", RelationType::Appeal, 2_000),
            relation("USA", "IRN", RelationType::Threaten, 40),
            relation("HAMAS", "ISR", RelationType::Attack, 2),
        ],
        removed: Vec::new(),
        presentation: Default::default(),
    }
}
