//! Why the engine decided what it did: each statement with the cue, the rule that found its
//! speaker and content and the words that decided its type; each relation with the statements or
//! the stated event behind it (`marsad explain FILE`). It reads the finished document and the
//! same lexicon the extractor used, so it explains what a user sees, corrections included.

use super::fold::fold;
use super::lexicon::{CueClass, Lexicon};
use super::statements::content_act;
use super::Extractor;
use crate::model::{AnnotatedDocument, RelationType, Span, Statement};
use std::fmt::Write;

/// How many characters of a content or evidence span the report quotes.
const QUOTE_CHARS: usize = 90;

/// A plain-text report, one block per statement and one line per relation.
pub fn report(extractor: &Extractor, doc: &AnnotatedDocument) -> String {
    let lex = extractor.lexicon.get();
    let text = Text::new(&doc.text);
    let mut out = format!(
        "{}: {} statements, {} relations\n",
        doc.source.path,
        doc.statements.len(),
        doc.relations.len()
    );
    if !doc.statements.is_empty() {
        out.push_str("\nStatements\n");
    }
    for s in &doc.statements {
        explain_statement(&mut out, lex, doc, &text, s);
    }
    if !doc.relations.is_empty() {
        out.push_str("\nRelations\n");
    }
    for r in &doc.relations {
        let _ = write!(out, "{} → {} {}: ", r.source, r.target, r.kind.as_str());
        if r.statements.is_empty() {
            let evidence = r.evidence.first().map(|&e| text.get(e)).unwrap_or("");
            match event_word(lex, evidence, r.kind) {
                Some(w) => {
                    let _ = write!(out, "stated event, trigger «{w}»");
                }
                None => out.push_str("stated backing"),
            }
            let _ = writeln!(out, " in «{}»", clip(evidence));
        } else {
            let _ = writeln!(out, "from {}", r.statements.join(", "));
        }
    }
    out
}

fn explain_statement(
    out: &mut String,
    lex: &Lexicon,
    doc: &AnnotatedDocument,
    text: &Text,
    s: &Statement,
) {
    let cue_text = text.get(s.cue);
    let cue_word = fold(cue_text);
    let cue = lex.cue(&cue_word);
    let attribution = lex
        .attribution_words
        .contains(cue_word.strip_prefix('و').unwrap_or(&cue_word));
    let speaker_name = doc
        .actor(&s.speaker)
        .map_or(s.speaker.as_str(), |a| a.name_en.as_str());
    let _ = writeln!(
        out,
        "{} «{}» {} — {} ({})",
        s.id,
        cue_text,
        s.kind.as_str(),
        speaker_name,
        s.speaker
    );
    // Who speaks.
    let mention = s
        .speaker_mention
        .as_deref()
        .and_then(|id| doc.mentions.iter().find(|m| m.id == id));
    let shared = doc
        .statements
        .iter()
        .filter(|o| o.cue == s.cue && o.content == s.content)
        .count();
    let relay = lex
        .relay_cues
        .contains(cue_word.strip_prefix('و').unwrap_or(&cue_word));
    // The statement whose content holds this one's cue, if it is nested in one.
    let nested_in = doc
        .statements
        .iter()
        .find(|o| o.id != s.id && o.content.start <= s.cue.start && s.cue.end <= o.content.end);
    let speaker_rule = match (mention, cue) {
        _ if cue_text.trim() == ":" => "headline: the actor before the colon".to_string(),
        (Some(m), _) if relay && m.start >= s.cue.end => format!(
            "relayed: the source named after «عن», «{}»",
            text.get(m.span())
        ),
        (Some(m), _) if m.end <= s.cue.start && nested_in.is_some() => format!(
            "nested in what {} said: the subject right before the cue, «{}»",
            nested_in.map_or("", |o| o.id.as_str()),
            text.get(m.span())
        ),
        (Some(m), _) if attribution => {
            format!("attribution after the content: «{}»", text.get(m.span()))
        }
        (None, _) if attribution => {
            "attribution to an unnamed source or a noun pointing back".to_string()
        }
        (Some(m), _) if shared > 1 => format!(
            "one of {shared} subjects saying it together: «{}»",
            text.get(m.span())
        ),
        (Some(m), _) if s.content.start <= m.start && m.end <= s.content.end => format!(
            "an attribution inside the content credits «{}»",
            text.get(m.span())
        ),
        (Some(m), _) if m.start >= s.cue.end => {
            format!("subject after the cue: «{}»", text.get(m.span()))
        }
        (Some(m), Some(c)) if c.class == CueClass::Participle => format!(
            "participle: the subject of its clause, «{}»",
            text.get(m.span())
        ),
        (Some(m), _) if text.sentence_between(m.end, s.cue.start) => format!(
            "no subject named: the speaker the text is following, «{}»",
            text.get(m.span())
        ),
        (Some(m), _) => format!("subject before the cue: «{}»", text.get(m.span())),
        (None, Some(c)) if c.dual => {
            "dual verb: the two parties of the meeting before it".to_string()
        }
        (None, _) => {
            "no subject named: the speaker the text is following (or an unnamed source)".to_string()
        }
    };
    let _ = writeln!(out, "    speaker: {speaker_rule}");
    // What was said.
    let content = text.get(s.content);
    let before = fold(text.word_before(s.content.start));
    let content_rule = if s.quoted {
        "the quote".to_string()
    } else if attribution {
        "the clause before the attribution".to_string()
    } else if text.colon_before(s.content.start) {
        "speech after a colon".to_string()
    } else if lex.complementisers.contains(before.as_str()) {
        format!("the clause after «{}»", text.word_before(s.content.start))
    } else if cue.is_some_and(|c| c.governs == Some(before.as_str())) {
        format!(
            "the clause after «{}», the preposition the cue governs",
            text.word_before(s.content.start)
        )
    } else {
        "the cue's object".to_string()
    };
    let _ = writeln!(out, "    content ({content_rule}): «{}»", clip(content));
    // Its type.
    let type_rule = match cue {
        Some(c) if c.kind != RelationType::Statement => {
            format!("the cue's own type ({})", c.kind.as_str())
        }
        _ => {
            let (kind, words) = content_act(lex, &fold(content), s.kind == RelationType::Meet);
            if words.is_empty() {
                "no word in the content shows another act".to_string()
            } else {
                let words: Vec<String> = words.iter().map(|w| format!("«{w}»")).collect();
                format!(
                    "the content's words {} ({})",
                    words.join(" "),
                    kind.as_str()
                )
            }
        }
    };
    let _ = writeln!(out, "    type: {type_rule}");
    if !s.targets.is_empty() {
        let _ = writeln!(out, "    targets: {}", s.targets.join(", "));
    }
}

/// The first word of `evidence` that states an event of `kind`, as written.
fn event_word<'a>(lex: &Lexicon, evidence: &'a str, kind: RelationType) -> Option<&'a str> {
    evidence
        .split(|c: char| !super::fold::is_word_char(c))
        .filter(|w| !w.is_empty())
        .find(|w| {
            let f = fold(w);
            let trigger = lex
                .event_trigger(&f)
                .or_else(|| f.strip_prefix("ال").and_then(|b| lex.event_trigger(b)));
            trigger == Some(kind)
        })
}

/// At most `QUOTE_CHARS` characters of `s`, with an ellipsis when cut.
fn clip(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The document text with character offsets (the model's unit) turned into byte offsets.
struct Text<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Text<'a> {
        let bytes = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        Text { text, bytes }
    }

    fn byte(&self, char_offset: usize) -> usize {
        self.bytes
            .get(char_offset)
            .copied()
            .unwrap_or(self.text.len())
    }

    fn get(&self, span: Span) -> &'a str {
        let start = self.byte(span.start);
        let end = self.byte(span.end).max(start);
        &self.text[start..end]
    }

    /// The word that ends before character `pos`, as written.
    fn word_before(&self, pos: usize) -> &'a str {
        self.text[..self.byte(pos)]
            .split(|c: char| !super::fold::is_word_char(c))
            .rfind(|w| !w.is_empty())
            .unwrap_or("")
    }

    /// Whether a sentence ends between two character offsets.
    fn sentence_between(&self, from: usize, to: usize) -> bool {
        self.get(Span::new(from, to))
            .contains(['.', '!', '؟', '?', '\n'])
    }

    /// Whether a colon stands between the previous word and character `pos`.
    fn colon_before(&self, pos: usize) -> bool {
        let head = &self.text[..self.byte(pos)];
        let gap = head.trim_end_matches(|c: char| !super::fold::is_word_char(c));
        head[gap.len()..].contains(':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Gazetteer;
    use crate::model::SourceInfo;

    #[test]
    fn report_names_the_rule_and_the_words_behind_each_decision() {
        let extractor = Extractor::new(Gazetteer::builtin());
        let text = "عنوان\n\nوقال وزير الخارجية السعودي عادل الجبير إن العدوان على اليمن جريمة. \
                    وشنت إسرائيل غارات على لبنان.\n";
        let doc = extractor.annotate(text, SourceInfo::default());
        let report = report(&extractor, &doc);
        assert!(report.contains("S1 «وقال» accuse"), "{report}");
        assert!(report.contains("subject after the cue"), "{report}");
        assert!(report.contains("the clause after «إن»"), "{report}");
        assert!(report.contains("«العدوان»"), "{report}");
        assert!(
            report.contains("ISR → LBN attack: stated event"),
            "{report}"
        );
    }

    #[test]
    fn report_says_when_the_content_credits_the_speaker() {
        let extractor = Extractor::new(Gazetteer::builtin());
        let text =
            "ويذكر أن القوات التركية - وبحسب قناة \"الجزيرة\" - قصفت مواقع في شمال العراق.\n";
        let doc = extractor.annotate(text, SourceInfo::default());
        let report = report(&extractor, &doc);
        assert!(
            report.contains("an attribution inside the content credits «الجزيرة»"),
            "{report}"
        );
    }
}
