//! The matcher: rules × sources → facts.
//!
//! For each source: read every value once with the grammars; split the text
//! into sentences; replace each value by a placeholder of its class (the
//! skeleton); learn with one `RegexSet` pass per sentence which patterns
//! fire; then, only for those, try each candidate value as the pattern's
//! target. A matched value becomes a fact once its origin (who stands behind
//! it) and its key (the period, the dimensions) are found in its sentence,
//! the sentence before, or carried from the previous fact of the source.

use std::collections::BTreeMap;

use regex::{Regex, RegexSet};

use crate::calendar::Day;
use crate::extract::{self, Extracted, Grain, Kind, Value};
use crate::fact::{Fact, FactKey, FactValue, Origin, Quote};
use crate::rules::pattern::alternation;
use crate::rules::{Class, KeyDim, Lexicon, Rule, RuleKind, RuleSet};
use crate::source::{Source, sentences};

mod context;
mod skeleton;
mod trace;

use context::*;
use skeleton::*;
pub use trace::SentenceTrace;

/// Words that set two figures against each other; a figure's authority and
/// key are looked for on its own side first.
const CONTRAST: &[&str] = &[
    "مقابل",
    "بينما",
    "في حين",
    "فيما",
    "بالمقارنة مع",
    "versus",
    "vs",
    "compared with",
    "compared to",
    "while",
    "whereas",
    "against",
];

/// Phrases of one label, compiled.
struct Phrases {
    label: String,
    regex: Regex,
}

fn compile_lexicon(lex: &Lexicon) -> Vec<Phrases> {
    lex.iter()
        .filter(|(_, p)| !p.is_empty())
        .filter_map(|(label, phrases)| {
            Regex::new(&format!("(?i){}", alternation(phrases)))
                .ok()
                .map(|regex| Phrases {
                    label: label.clone(),
                    regex,
                })
        })
        .collect()
}

struct Compiled {
    attribution: Vec<Phrases>,
    dimensions: Vec<(String, Vec<Phrases>)>,
    categories: Vec<Phrases>,
}

pub struct Matcher<'r> {
    rules: &'r RuleSet,
    compiled: Vec<Compiled>,
    prefilter: Prefilter,
    /// Global pattern index → (rule index, pattern index).
    index: Vec<(usize, usize)>,
    contrast: Regex,
}

/// Which patterns can match a sentence at all.
enum Prefilter {
    Set(RegexSet),
    Each(Vec<Regex>),
}

impl Prefilter {
    fn matches(&self, text: &str) -> Vec<usize> {
        match self {
            Prefilter::Set(set) => set.matches(text).into_iter().collect(),
            Prefilter::Each(all) => (0..all.len()).filter(|&i| all[i].is_match(text)).collect(),
        }
    }
}

/// A placeholder in a sentence skeleton.
struct Slot {
    /// Byte offset in the skeleton.
    at: usize,
    class: Class,
    /// Index into the source's values, or the category label for categories.
    item: Item,
    /// Normalized span in the source.
    span: (usize, usize),
}

#[derive(Clone)]
enum Item {
    Value(usize),
    Category(String),
}

/// A phrase occurrence in the normalized text.
#[derive(Clone)]
struct Hit {
    label: String,
    span: (usize, usize),
}

impl<'r> Matcher<'r> {
    pub fn new(rules: &'r RuleSet) -> Self {
        let mut any = Vec::new();
        let mut index = Vec::new();
        for (ri, r) in rules.rules.iter().enumerate() {
            // The prefilter sees the plain skeleton, where category phrases
            // are still words: let the category slot match them there.
            let cat_class = format!(
                "[\\x{{{:X}}}\\x{{{:X}}}]",
                Class::Category.placeholder(false) as u32,
                Class::Category.placeholder(true) as u32
            );
            let phrases: Vec<String> = r.categories.iter().flat_map(|(_, p)| p.clone()).collect();
            for (pi, p) in r.patterns.iter().enumerate() {
                if phrases.is_empty() {
                    any.push(p.any.clone());
                } else {
                    any.push(p.any.replace(&cat_class, &alternation(&phrases)));
                }
                index.push((ri, pi));
            }
        }
        // One automaton for all patterns; past the regex size limit (very
        // many rules), each pattern on its own. Every pattern compiled on its
        // own when its rule was validated.
        let prefilter = match RegexSet::new(&any) {
            Ok(set) => Prefilter::Set(set),
            Err(_) => Prefilter::Each(any.iter().filter_map(|a| Regex::new(a).ok()).collect()),
        };
        let compiled = rules
            .rules
            .iter()
            .map(|r| Compiled {
                attribution: compile_lexicon(&r.attribution),
                dimensions: r
                    .dimensions
                    .iter()
                    .map(|(n, l)| (n.clone(), compile_lexicon(l)))
                    .collect(),
                categories: compile_lexicon(&r.categories),
            })
            .collect();
        let words: Vec<String> = CONTRAST.iter().map(|s| s.to_string()).collect();
        let contrast = Regex::new(&format!("(?i){}", alternation(&words)))
            .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()));
        Matcher {
            rules,
            compiled,
            prefilter,
            index,
            contrast,
        }
    }

    /// Every fact of every rule in one source, in text order.
    pub fn match_source(&self, src: &Source) -> Vec<Fact> {
        let text = &src.norm.text;
        let mut values = extract::extract(text, src.meta.date);
        let sentences = sentences(text);
        extract::in_context(&mut values, &sentences, src.meta.date);

        let mut facts = Vec::new();
        let mut carried: BTreeMap<(usize, String), String> = BTreeMap::new();
        for (si, &(s0, s1)) in sentences.iter().enumerate() {
            let in_sentence: Vec<usize> = (0..values.len())
                .filter(|&i| values[i].start >= s0 && values[i].end <= s1)
                .collect();
            let skeleton = Skeleton::build(text, (s0, s1), &values, &in_sentence, &[]);
            let fired: Vec<usize> = self.prefilter.matches(&skeleton.text);
            if fired.is_empty() {
                continue;
            }
            let mut matched: Vec<(usize, Item, (usize, usize))> = Vec::new();
            for gi in fired {
                let (ri, pi) = self.index[gi];
                let rule = &self.rules.rules[ri];
                let pattern = &rule.patterns[pi];
                let cats;
                let sk = if rule.kind == RuleKind::Category {
                    cats = phrase_hits(&self.compiled[ri].categories, text, (s0, s1));
                    &Skeleton::build(text, (s0, s1), &values, &in_sentence, &cats)
                } else {
                    &skeleton
                };
                for slot in &sk.slots {
                    if !slot_accepts(&pattern.slot, slot, &values) {
                        continue;
                    }
                    if matched
                        .iter()
                        .any(|(r, _, sp)| *r == ri && *sp == slot.span)
                    {
                        continue;
                    }
                    if pattern.target.is_match(&sk.targeted(slot)) {
                        matched.push((ri, slot.item.clone(), slot.span));
                    }
                }
            }
            matched.sort_by_key(|(ri, _, sp)| (sp.0, *ri));
            let ctx = Context {
                text,
                sentence: (s0, s1),
                previous: si.checked_sub(1).map(|p| sentences[p]),
                values: &values,
                in_sentence: &in_sentence,
                segments: self.segments(text, (s0, s1)),
            };
            for (ri, item, span) in matched {
                let rule = &self.rules.rules[ri];
                facts.extend(self.facts_for(rule, ri, &ctx, src, item, span, &mut carried));
            }
        }
        facts
    }

    /// Splits a sentence where a contrast word stands.
    fn segments(&self, text: &str, (s0, s1): (usize, usize)) -> Vec<(usize, usize)> {
        let mut cuts = vec![s0];
        for m in self.contrast.find_iter(&text[s0..s1]) {
            if is_word_at(text, s0 + m.start(), s0 + m.end()) {
                cuts.push(s0 + m.start());
            }
        }
        cuts.push(s1);
        cuts.windows(2).map(|w| (w[0], w[1])).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn facts_for(
        &self,
        rule: &Rule,
        ri: usize,
        ctx: &Context,
        src: &Source,
        item: Item,
        span: (usize, usize),
        carried: &mut BTreeMap<(usize, String), String>,
    ) -> Vec<Fact> {
        let mut why = Vec::new();
        let value = match &item {
            Item::Category(label) => FactValue::Category(label.clone()),
            Item::Value(i) => fact_value(&ctx.values[*i], rule),
        };
        let origin = if rule.attribution.is_empty() {
            why.push("origin: the rule names no authority, so the source stands behind it".into());
            Origin::Source(src.meta.id.clone())
        } else {
            match self.attribute(ri, ctx, span) {
                Some((label, place)) => {
                    why.push(format!("origin: `{label}` named {place}"));
                    Origin::Authority(label)
                }
                None => {
                    why.push("origin: no authority named in the sentence or the one before; the source stands behind it".into());
                    Origin::Source(src.meta.id.clone())
                }
            }
        };
        // Keys: each dimension may have several values (a list of years).
        let mut keys: Vec<FactKey> = vec![Vec::new()];
        for dim in &rule.key {
            let (name, labels): (String, Vec<String>) = match dim {
                KeyDim::Period => {
                    let labels = period_key(ctx, span, &item);
                    if labels.is_empty() {
                        ("period".into(), Vec::new())
                    } else {
                        why.push(format!(
                            "period: {} read in the sentence",
                            labels.join(", ")
                        ));
                        ("period".into(), labels)
                    }
                }
                KeyDim::Dimension(name) => {
                    let phrases = self.compiled[ri]
                        .dimensions
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, p)| p);
                    let found = phrases.and_then(|p| nearest_hit(ctx, p, span, true));
                    match found {
                        Some((label, place)) => {
                            why.push(format!("{name}: `{label}` named {place}"));
                            (name.clone(), vec![label])
                        }
                        None => (name.clone(), Vec::new()),
                    }
                }
            };
            let labels = if labels.is_empty() {
                match carried.get(&(ri, name.clone())) {
                    Some(prev) => {
                        why.push(format!("{name}: {prev}, carried from the previous figure of this rule in the source"));
                        vec![prev.clone()]
                    }
                    None => {
                        why.push(format!("{name}: not stated"));
                        vec!["unspecified".into()]
                    }
                }
            } else {
                labels
            };
            if let Some(last) = labels.last() {
                carried.insert((ri, name.clone()), last.clone());
            }
            let mut next = Vec::new();
            for k in &keys {
                for l in &labels {
                    let mut k = k.clone();
                    k.push((name.clone(), l.clone()));
                    next.push(k);
                }
            }
            keys = next;
        }
        let quote = quote(src, ctx.sentence, span);
        let adjusted = match &origin {
            Origin::Authority(a) => rule.adjust.iter().find(|(w, _)| w == a).map(|(_, adj)| {
                why.push(format!(
                    "adjusted ×{} for {a}: {}",
                    crate::extract::Fmt(adj.factor),
                    adj.note
                ));
                (value.scaled(adj.factor), adj.note.clone())
            }),
            Origin::Source(_) => None,
        };
        keys.into_iter()
            .map(|key| Fact {
                rule: rule.id.clone(),
                source: src.meta.id.clone(),
                key,
                origin: origin.clone(),
                value: value.clone(),
                adjusted: adjusted.clone(),
                quote: quote.clone(),
                why: why.clone(),
                pos: span.0,
            })
            .collect()
    }

    /// The authority nearest the value: its own side of a contrast first,
    /// then the sentence, then the sentence before. Authority words that
    /// follow a multiplier ("twice the Israeli figure") name the base of the
    /// comparison, not the figure's source, and are skipped.
    fn attribute(
        &self,
        ri: usize,
        ctx: &Context,
        span: (usize, usize),
    ) -> Option<(String, String)> {
        nearest_hit(ctx, &self.compiled[ri].attribution, span, true)
    }
}

fn fact_value(v: &Extracted, rule: &Rule) -> FactValue {
    match &v.value {
        Value::Num { point, .. } => {
            let (lo, hi) = v.num_interval(rule.approx).unwrap_or((None, None));
            FactValue::Num {
                point: *point,
                lo,
                hi,
                hedge: v.hedge,
                unit: v.unit.map(str::to_string),
            }
        }
        Value::Time { lo, hi, grain } => FactValue::Time {
            lo: *lo,
            hi: *hi,
            grain: *grain,
        },
        Value::Unresolved { why } => FactValue::Unresolved(why.clone()),
        Value::SamePeriod { .. } => {
            FactValue::Unresolved("\"the same period\" with no period named before it".into())
        }
    }
}

fn quote(src: &Source, (s0, s1): (usize, usize), span: (usize, usize)) -> Quote {
    let o0 = src.norm.orig_start(s0);
    let o1 = src.norm.orig_end(s1, &src.text).max(o0);
    let v0 = src.norm.orig_start(span.0);
    let v1 = src.norm.orig_end(span.1, &src.text).max(v0);
    let (line, col) = src.lines.line_col(&src.text, v0);
    let raw = &src.text[o0..o1];
    // Join the lines of a sentence so a quote reads as one line.
    let sentence: String = raw.replace(['\n', '\r'], " ");
    Quote {
        source: src.meta.id.clone(),
        line,
        col,
        sentence,
        value_range: (v0 - o0, (v1 - o0).min(raw.len())),
    }
}

/// Runs one rule on a piece of text, as its examples do.
pub fn match_text(rules: &RuleSet, rule_id: &str, text: &str, date: Option<Day>) -> Vec<Fact> {
    let Some(rule) = rules.get(rule_id) else {
        return Vec::new();
    };
    let one = RuleSet {
        rules: vec![rule.clone()],
    };
    let meta = crate::source::SourceMeta {
        id: "example".into(),
        title: "example".into(),
        publisher: "unknown".into(),
        author: None,
        date,
        date_inferred: false,
        language: "unknown".into(),
    };
    let src = Source::new(meta, "example".into(), text.to_string());
    Matcher::new(&one).match_source(&src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::normalize::fold_str;

    #[test]
    fn splits_sentences_and_datelines() {
        let t = "عنوان؟\n07-11-2025\n09:45\nانضمت كازاخستان مع\nإسرائيل منذ 2.5 عام. التالي";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            [
                "عنوان؟",
                "07-11-2025",
                "09:45",
                "انضمت كازاخستان مع\nإسرائيل منذ 2.5 عام.",
                "التالي"
            ]
        );
    }

    #[test]
    fn whole_words_with_proclitics() {
        let t = "للبيانات الإسرائيلية والإسرائيلي";
        let n = fold_str(t);
        let a = n.find("الاسرائيلية").unwrap();
        assert!(is_word_at(&n, a, a + "الاسرائيلية".len()));
        let b = n.rfind("الاسرائيلي").unwrap();
        assert!(is_word_at(&n, b, b + "الاسرائيلي".len()));
        // "الإسرائيلي" inside "الإسرائيلية" is not a whole word.
        assert!(!is_word_at(&n, a, a + "الاسرائيلي".len()));
    }
}
