//! `explain`: how one rule reads a source, sentence by sentence.

use super::*;

/// One sentence as `explain` shows it.
#[derive(Debug, Clone)]
pub struct SentenceTrace {
    pub line: usize,
    pub col: usize,
    pub end_line: usize,
    /// The sentence in the original text, on one line.
    pub text: String,
    /// (kind, text, canonical value) of every value read in the sentence.
    pub values: Vec<(String, String, String)>,
    /// For each pattern of the rule: did its context match, and did a value
    /// fill its slot.
    pub patterns: Vec<(String, bool, bool)>,
    pub facts: Vec<Fact>,
    /// Why the sentence yielded no fact, when it nearly did.
    pub miss: Option<String>,
    /// Notes on the facts (an authority named too far away).
    pub notes: Vec<String>,
}

impl Matcher<'_> {
    /// Sentence by sentence, how one rule reads a source.
    pub fn trace(&self, rule_id: &str, src: &Source) -> Vec<SentenceTrace> {
        let Some(ri) = self.rules.rules.iter().position(|r| r.id == rule_id) else {
            return Vec::new();
        };
        let rule = &self.rules.rules[ri];
        let facts: Vec<Fact> = self
            .match_source(src)
            .into_iter()
            .filter(|f| f.rule == rule_id)
            .collect();
        let text = &src.norm.text;
        let mut values = extract::extract(text, src.meta.date);
        let sents = sentences(text);
        extract::in_context(&mut values, &sents, src.meta.date);
        let context: Vec<Option<Regex>> = rule
            .patterns
            .iter()
            .map(|p| Regex::new(&p.context).ok())
            .collect();
        let slots = rule.kind.value_slots();
        let mut out = Vec::new();
        for (si, &(s0, s1)) in sents.iter().enumerate() {
            let idx: Vec<usize> = (0..values.len())
                .filter(|&i| values[i].start >= s0 && values[i].end <= s1)
                .collect();
            let cats = if rule.kind == RuleKind::Category {
                phrase_hits(&self.compiled[ri].categories, text, (s0, s1))
            } else {
                Vec::new()
            };
            let sk = Skeleton::build(text, (s0, s1), &values, &idx, &cats);
            let mut patterns = Vec::new();
            let mut candidates = Vec::new();
            for (pi, p) in rule.patterns.iter().enumerate() {
                let fired = context[pi].as_ref().is_some_and(|r| r.is_match(&sk.text));

                let mut filled = false;
                for slot in &sk.slots {
                    if slot_accepts(&p.slot, slot, &values) {
                        candidates.push(slot.span);
                        if p.target.is_match(&sk.targeted(slot)) {
                            filled = true;
                        }
                    }
                }
                patterns.push((p.source.clone(), fired, filled));
            }
            let in_sentence: Vec<Fact> = facts
                .iter()
                .filter(|f| f.pos >= s0 && f.pos < s1)
                .cloned()
                .collect();
            let (line, col) = src.line_col(s0);
            let end_line = src.line_col(s1.saturating_sub(1).max(s0)).0;
            let shown: Vec<(String, String, String)> = idx
                .iter()
                .map(|&i| {
                    let e = &values[i];
                    (
                        crate::values::kind_name(e).to_string(),
                        src.original(e.start, e.end).to_string(),
                        crate::values::canonical(e),
                    )
                })
                .collect();
            let kind = rule.kind.name();
            let first = candidates
                .first()
                .map(|&(a, b)| src.original(a, b).to_string())
                .unwrap_or_default();
            let any_fired = patterns.iter().any(|p| p.1);
            let miss = if !in_sentence.is_empty() {
                None
            } else if !candidates.is_empty() && !any_fired {
                Some(format!(
                    "a {kind} value was found («{first}») but no pattern's context words are within reach of it"
                ))
            } else if !candidates.is_empty() {
                Some(format!(
                    "a pattern's context matched and a {kind} value was found («{first}»), but not where the pattern's {{{}}} slot stands (outside its window, or on the other side)",
                    slots[0]
                ))
            } else if any_fired {
                Some(format!(
                    "the context words matched, but the sentence has no {kind} value for the slot"
                ))
            } else {
                None
            };
            let mut notes = Vec::new();
            if !rule.attribution.is_empty()
                && in_sentence
                    .iter()
                    .any(|f| matches!(f.origin, Origin::Source(_)))
            {
                for back in 2..=3 {
                    let Some(&(p0, p1)) = si.checked_sub(back).and_then(|k| sents.get(k)) else {
                        break;
                    };
                    if let Some(h) =
                        phrase_hits(&self.compiled[ri].attribution, text, (p0, p1)).last()
                    {
                        notes.push(format!("`{}` is named {back} sentences before; attribution looks in the figure's sentence and the one before it", h.label));
                        break;
                    }
                }
            }
            let raw = src.original(s0, s1).replace(['\n', '\r'], " ");
            out.push(SentenceTrace {
                line,
                col,
                end_line,
                text: raw,
                values: shown,
                patterns,
                facts: in_sentence,
                miss,
                notes,
            });
        }
        out
    }
}
