//! `explain`: how one rule reads a source, sentence by sentence. The tracer
//! is an observer of the matcher's own run, so it shows what `check` does.

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
    /// The rule's facts, with why each has its key and origin.
    pub facts: Vec<(Fact, Vec<String>)>,
    /// Why the sentence yielded no fact, when it nearly did.
    pub miss: Option<String>,
    /// Notes on the facts (an authority named too far away).
    pub notes: Vec<String>,
}

/// Collects the traces of one rule.
pub struct Tracer {
    rule: String,
    pub traces: Vec<SentenceTrace>,
}

impl Tracer {
    pub fn new(rule: &str) -> Tracer {
        Tracer {
            rule: rule.to_string(),
            traces: Vec::new(),
        }
    }
}

impl Observer for Tracer {
    fn restated(&mut self, fact: &Fact, was: &Origin) {
        for t in &mut self.traces {
            for (f, why) in &mut t.facts {
                if f.pos == fact.pos && f.rule == fact.rule && f.key == fact.key && f.origin == *was
                {
                    f.origin = fact.origin.clone();
                    why.push(format!(
                        "origin: {}, which the source names for the same figure elsewhere (this is its restatement)",
                        fact.origin
                    ));
                }
            }
        }
    }

    fn sentence(&mut self, v: &SentenceView<'_>) {
        let m = v.matcher;
        let Some(ri) = m.rules.rules.iter().position(|r| r.id == self.rule) else {
            return;
        };
        let rule = &m.rules.rules[ri];
        let src = v.source;
        let text = &src.norm.text;
        let (s0, s1) = v.span;
        let cats;
        let sk = if rule.kind == RuleKind::Category {
            cats = match v.cats.get(&ri) {
                Some(c) => c.clone(),
                None => phrase_hits(&m.compiled[ri].categories, text, (s0, s1), &v.ents),
            };
            &Skeleton::build(text, (s0, s1), v.values, &cats)
        } else {
            v.skeleton
        };
        let mut work = sk.clone();
        let mut patterns = Vec::new();
        let mut candidates = Vec::new();
        for p in &rule.patterns {
            let fired = p.context_regex.is_match(&sk.text);
            let mut filled = false;
            for k in 0..work.slots.len() {
                if slot_accepts(&p.slot, &work.slots[k], v.values) {
                    candidates.push(work.slots[k].span);
                    filled |= work.with_target(k, |s| p.target.is_match(s));
                }
            }
            patterns.push((p.source.clone(), fired, filled));
        }
        let facts: Vec<(Fact, Vec<String>)> = v
            .facts
            .iter()
            .filter(|(f, _)| *f.rule == *rule.id)
            .cloned()
            .collect();
        // A table cell is shown where it stands, with the sentence it was
        // restated as.
        let (line, col, end_line) = match &v.cell {
            Some(c) => {
                let (line, col) = c.source.line_col(c.cell.0);
                (line, col, line)
            }
            None => {
                let (line, col) = src.line_col(s0);
                (line, col, src.line_col(s1.saturating_sub(1).max(s0)).0)
            }
        };
        let shown: Vec<(String, String, String)> = v
            .values
            .iter()
            .map(|e| {
                (
                    crate::fact::kind_name(e).to_string(),
                    src.original(e.start, e.end).to_string(),
                    crate::fact::canonical(e),
                )
            })
            .collect();
        let kind = rule.kind.name();
        let first = candidates
            .first()
            .map(|&(a, b)| src.original(a, b).to_string())
            .unwrap_or_default();
        let any_fired = patterns.iter().any(|p| p.1);
        let slots = rule.kind.value_slots();
        let miss = if !facts.is_empty() {
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
            && facts
                .iter()
                .any(|(f, _)| matches!(f.origin, Origin::Source(_)))
        {
            let before = v.previous;
            // Attribution found nothing in reach: say where one stands
            // just out of it (an earlier paragraph, or further back).
            for back in 1..=LOOKBACK_SENTENCES + 2 {
                let Some(&(p0, p1)) = before.len().checked_sub(back).and_then(|k| before.get(k))
                else {
                    break;
                };
                if let Some(h) =
                    phrase_hits(&m.compiled[ri].attribution, text, (p0, p1), &v.ents).last()
                {
                    notes.push(format!("`{}` is named {back} sentence(s) before, out of reach: attribution looks in the figure's sentence and up to {LOOKBACK_SENTENCES} sentences before it in its paragraph", h.label));
                    break;
                }
            }
        }
        let raw = match &v.cell {
            Some(c) => format!(
                "table cell «{}», read as «{}»",
                c.source.original(c.cell.0, c.cell.1),
                src.original(s0, s1)
            ),
            None => src.original(s0, s1).replace(['\n', '\r'], " "),
        };
        self.traces.push(SentenceTrace {
            line,
            col,
            end_line,
            text: raw,
            values: shown,
            patterns,
            facts,
            miss,
            notes,
        });
    }
}
