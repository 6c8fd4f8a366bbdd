//! Turns what a run gathered into the `marsad/1` document: actors in use, numbered mentions and
//! statements, and relations rolled up from persons to the actors they belong to.

use super::document::{numbered_id, DocState, WITHDRAWN};
use super::statements::Speaker;
use super::{make_document, top_slot};
use crate::model::{
    Actor, AnnotatedDocument, Mention, Origin, RelationBuilder, SourceInfo, Span, Statement,
};

pub(super) fn assemble(doc: DocState, text: String, source: SourceInfo) -> AnnotatedDocument {
    let home = doc.home_state();
    let slots = &doc.slots;

    // Mentions in text order, with a map from the order they were found in.
    let mut order: Vec<usize> = (0..doc.mentions.len())
        .filter(|&i| doc.mentions[i].0 != WITHDRAWN)
        .collect();
    order.sort_by_key(|&i| (doc.mentions[i].1.start, doc.mentions[i].1.end));
    let mut new_index = vec![0usize; doc.mentions.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mentions: Vec<Mention> = order
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let (actor, span) = doc.mentions[i];
            Mention {
                id: numbered_id('M', n + 1),
                actor: slots[actor as usize].id.to_string(),
                start: span.start,
                end: span.end,
                origin: Origin::Machine,
            }
        })
        .collect();

    let speaker_of = |s: &Speaker| match *s {
        Speaker::Named { actor, mention } => Some((actor, mention.map(|m| new_index[m]))),
        Speaker::Unnamed => home.map(|h| (h, None)),
    };

    let mut used = vec![false; slots.len()];
    let mut statements = Vec::new();
    for s in &doc.statements {
        let Some((speaker, mention)) = speaker_of(&s.speaker) else {
            continue;
        };
        let id = numbered_id('S', statements.len() + 1);
        used[speaker as usize] = true;
        for &t in &s.targets {
            used[t as usize] = true;
        }
        statements.push(Statement {
            id,
            speaker: slots[speaker as usize].id.to_string(),
            speaker_mention: mention.map(|m| numbered_id('M', m + 1)),
            cue: s.cue,
            content: s.content,
            targets: s
                .targets
                .iter()
                .map(|&t| slots[t as usize].id.to_string())
                .collect(),
            kind: s.kind,
            quoted: s.quoted,
            origin: Origin::Machine,
        });
    }
    // Stated events first; the statements' relations are added to them below.
    let mut narrated = RelationBuilder::default();
    for e in &doc.events {
        used[e.source as usize] = true;
        used[e.target as usize] = true;
        narrated.add(
            &slots[top_slot(slots, e.source) as usize].id,
            &slots[top_slot(slots, e.target) as usize].id,
            e.kind,
            None,
            e.evidence,
        );
    }

    // Actors in use, their affiliations, and the surface forms seen for each.
    // Empty lists made in place: `vec![Vec::new(); n]` would clone one for each of the
    // gazetteer's hundreds of actors, in every short article.
    let mut aliases: Vec<Vec<String>> =
        std::iter::repeat_with(Vec::new).take(slots.len()).collect();
    let mut in_order = order.iter().map(|&i| doc.mentions[i]);
    for_each_surface(&text, order.iter().map(|&i| doc.mentions[i].1), |surface| {
        if let Some((actor, _)) = in_order.next() {
            let actor = actor as usize;
            used[actor] = true;
            if !aliases[actor].iter().any(|a| a == surface) {
                aliases[actor].push(surface.to_string());
            }
        }
    });
    for i in 0..slots.len() {
        let mut cur = i;
        while used[cur] {
            match slots[cur].affiliation {
                Some(up) if !used[up as usize] => {
                    used[up as usize] = true;
                    cur = up as usize;
                }
                _ => break,
            }
        }
    }
    let actors: Vec<Actor> = slots
        .iter()
        .enumerate()
        .filter(|&(i, _)| used[i])
        .map(|(i, s)| Actor {
            id: s.id.to_string(),
            name_en: s.name_en.to_string(),
            name_ar: if s.name_ar.is_empty() {
                aliases[i].first().cloned().unwrap_or_default()
            } else {
                s.name_ar.to_string()
            },
            kind: s.kind,
            affiliation: s.affiliation.map(|a| slots[a as usize].id.to_string()),
            aliases: std::mem::take(&mut aliases[i]),
        })
        .collect();

    let mut doc = make_document(
        text,
        source,
        actors,
        mentions,
        statements,
        narrated.finish(),
    );
    doc.rebuild_relations();
    doc
}

/// Calls `f` with the text of each span. Spans are sorted and never overlap, so one cursor
/// walks the text once, counting characters by their leading bytes rather than decoding them.
fn for_each_surface(text: &str, spans: impl Iterator<Item = Span>, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    // The cursor: byte `at` is where character `chars` starts (or the end of the text).
    let (mut at, mut chars) = (0usize, 0usize);
    let mut byte_at = |char_offset: usize| -> usize {
        // Eight bytes at a time while the wanted character lies beyond them: a character starts
        // at every byte that is not a continuation byte.
        while let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default());
            let continuations = (word & !(word << 1) & 0x8080_8080_8080_8080).count_ones();
            let starts = 8 - continuations as usize;
            // `at` starts a character; the next eight bytes hold `starts` starts, and the byte
            // after them must start one too for the cursor to land there.
            if chars + starts >= char_offset || bytes.get(at + 8).is_some_and(|b| b & 0xC0 == 0x80)
            {
                break;
            }
            at += 8;
            chars += starts;
        }
        while chars < char_offset && at < bytes.len() {
            at += 1;
            // Continuation bytes (10xxxxxx) do not start a character.
            while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
                at += 1;
            }
            chars += 1;
        }
        if chars == char_offset {
            return at;
        }
        // Past the end, or behind the cursor: the cursor has run out.
        (at, chars) = (bytes.len(), usize::MAX);
        text.len()
    };
    for span in spans {
        let start = byte_at(span.start);
        let end = byte_at(span.end);
        f(&text[start..end.max(start)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor that skips eight bytes at a time finds what counting characters one by one
    /// finds: spans in Arabic, ASCII, four-byte characters, at the ends, empty, and past the end.
    #[test]
    fn surfaces_are_the_characters_of_their_spans() {
        let text = "قال 😀 الوزير abc في بغداد، ثم غادر إلى عمّان. ✓ نهاية";
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let slowly = |s: Span| -> String { chars[s.start.min(n)..s.end.min(n)].iter().collect() };
        for width in 0..6 {
            for first in 0..12 {
                let spans: Vec<Span> = (first..n + 3)
                    .step_by(width + 2)
                    .map(|start| Span::new(start, start + width))
                    .collect();
                let mut seen = Vec::new();
                for_each_surface(text, spans.iter().copied(), |s| seen.push(s.to_string()));
                // Past the end a span is cut at it.
                let expected: Vec<String> = spans.iter().map(|&s| slowly(s)).collect();
                assert_eq!(seen, expected, "width {width}, first {first}");
            }
        }
    }
}
