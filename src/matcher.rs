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

struct Context<'a> {
    text: &'a str,
    sentence: (usize, usize),
    previous: Option<(usize, usize)>,
    values: &'a [Extracted],
    in_sentence: &'a [usize],
    segments: Vec<(usize, usize)>,
}

impl Context<'_> {
    fn segment_of(&self, at: usize) -> (usize, usize) {
        self.segments
            .iter()
            .copied()
            .find(|&(a, b)| at >= a && at < b)
            .unwrap_or(self.sentence)
    }

    /// The clause around `at`: between commas or semicolons (not a comma
    /// inside a number), within its segment.
    fn clause_of(&self, at: usize) -> (usize, usize) {
        let (s0, s1) = self.segment_of(at);
        let is_cut = |i: usize, c: char| {
            matches!(c, '،' | '؛' | ';')
                || (c == ',' && !self.text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        };
        let start = self.text[s0..at]
            .char_indices()
            .rfind(|&(i, c)| is_cut(s0 + i, c))
            .map_or(s0, |(i, c)| s0 + i + c.len_utf8());
        let end = self.text[at..s1]
            .char_indices()
            .find(|&(i, c)| is_cut(at + i, c))
            .map_or(s1, |(i, _)| at + i);
        (start, end)
    }

    /// Where to look for what a figure is about, nearest first.
    fn levels(&self, at: usize) -> [(usize, usize); 3] {
        [self.clause_of(at), self.segment_of(at), self.sentence]
    }

    /// Stretches after a multiplier, up to the next clause boundary.
    fn comparison_bases(&self) -> Vec<(usize, usize)> {
        self.in_sentence
            .iter()
            .map(|&i| &self.values[i])
            .filter(|v| v.kind == Kind::Multiplier)
            .map(|v| {
                let rest = &self.text[v.end..self.sentence.1];
                let stop = rest.find([',', '،', '؛', ';']).unwrap_or(rest.len());
                (v.end, v.end + stop)
            })
            .collect()
    }
}

fn distance(a: (usize, usize), b: (usize, usize)) -> (usize, bool) {
    if b.1 <= a.0 {
        (a.0 - b.1, false) // b precedes a
    } else if b.0 >= a.1 {
        (b.0 - a.1, true)
    } else {
        (0, false)
    }
}

fn place_name(level: usize) -> &'static str {
    match level {
        0 => "in its clause",
        1 => "on its side of the sentence",
        2 => "in the same sentence",
        _ => "in the sentence before",
    }
}

fn within(span: (usize, usize), area: (usize, usize)) -> bool {
    span.0 >= area.0 && span.1 <= area.1
}

fn nearest_hit(
    ctx: &Context,
    lex: &[Phrases],
    span: (usize, usize),
    skip_bases: bool,
) -> Option<(String, String)> {
    let bases = if skip_bases {
        ctx.comparison_bases()
    } else {
        Vec::new()
    };
    let in_base = |h: &Hit| bases.iter().any(|&b| within(h.span, b));
    let hits: Vec<Hit> = phrase_hits(lex, ctx.text, ctx.sentence)
        .into_iter()
        .filter(|h| !in_base(h))
        .collect();
    for (level, area) in ctx.levels(span.0).into_iter().enumerate() {
        let best = hits
            .iter()
            .filter(|h| within(h.span, area))
            .min_by_key(|h| distance(span, h.span));
        if let Some(h) = best {
            return Some((h.label.clone(), place_name(level).into()));
        }
    }
    let prev = ctx.previous?;
    // In the sentence before, the last one named is the nearest.
    let hits = phrase_hits(lex, ctx.text, prev);
    hits.iter()
        .max_by_key(|h| h.span.1)
        .map(|h| (h.label.clone(), place_name(3).into()))
}

/// Occurrences of a lexicon's phrases as whole words (Arabic proclitics allowed).
fn phrase_hits(lex: &[Phrases], text: &str, (s0, s1): (usize, usize)) -> Vec<Hit> {
    let mut hits = Vec::new();
    for p in lex {
        for m in p.regex.find_iter(&text[s0..s1]) {
            let (a, b) = (s0 + m.start(), s0 + m.end());
            if is_word_at(text, a, b) {
                hits.push(Hit {
                    label: p.label.clone(),
                    span: (a, b),
                });
            }
        }
    }
    hits.sort_by_key(|h| h.span);
    hits
}

/// Is `text[a..b]` a whole word, allowing Arabic proclitics before it?
fn is_word_at(text: &str, a: usize, b: usize) -> bool {
    const PROCLITICS: &[&str] = &[
        "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "بال", "فال",
        "كال", "لل", "ولل", "فلل",
    ];
    let after_ok = text[b..].chars().next().is_none_or(|c| !c.is_alphabetic());
    let before = &text[..a];
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let prefix = &before[word_start..];
    after_ok && PROCLITICS.contains(&prefix)
}

/// The period a figure is about: time values on its side of a contrast,
/// then in its sentence, nearest first (a list of years gives each year).
fn period_key(ctx: &Context, span: (usize, usize), item: &Item) -> Vec<String> {
    let own = match item {
        Item::Value(i) => Some(*i),
        Item::Category(_) => None,
    };
    let times: Vec<usize> = ctx
        .in_sentence
        .iter()
        .copied()
        .filter(|&i| Some(i) != own)
        .filter(|&i| {
            let v = &ctx.values[i];
            matches!(v.kind, Kind::Date | Kind::Period)
                && match &v.value {
                    Value::Time { grain, lo, hi } => {
                        *grain != Grain::Day && lo.is_some() && hi.is_some()
                    }
                    Value::Unresolved { .. } => true,
                    _ => false,
                }
        })
        .collect();
    let at = |i: usize| (ctx.values[i].start, ctx.values[i].end);
    let first = ctx.levels(span.0).into_iter().find_map(|area| {
        times
            .iter()
            .copied()
            .filter(|&i| within(at(i), area))
            .min_by_key(|&i| distance(span, at(i)))
    });
    let Some(first) = first else {
        return Vec::new();
    };
    // "في عامي 2013 و2015": the years listed with the nearest one.
    let mut chosen = vec![first];
    let pos = times.iter().position(|&i| i == first).unwrap_or(0);
    for w in times[pos..].windows(2) {
        let (a, b) = (&ctx.values[w[0]], &ctx.values[w[1]]);
        let between = ctx.text[a.end..b.start].trim();
        if matches!(between, "و" | "," | "،" | "and" | "") {
            chosen.push(w[1]);
        } else {
            break;
        }
    }
    chosen.iter().map(|&i| time_key(&ctx.values[i])).collect()
}

fn time_key(v: &Extracted) -> String {
    match &v.value {
        Value::Time { lo, hi, grain } => extract::time_label(*lo, *hi, *grain),
        Value::Unresolved { .. } => "unresolved".into(),
        _ => "unspecified".into(),
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

/// Does a slot name accept this placeholder's value?
fn slot_accepts(slot: &str, s: &Slot, values: &[Extracted]) -> bool {
    let Item::Value(i) = s.item else {
        return slot == "category";
    };
    let v = &values[i];
    match slot {
        "money" => v.kind == Kind::Money,
        "count" => {
            v.kind == Kind::Number && v.point().is_some_and(|p| p.fract() == 0.0 && p >= 0.0)
        }
        "number" => v.kind == Kind::Number,
        "percent" => v.kind == Kind::Percent,
        "multiplier" => v.kind == Kind::Multiplier,
        "date" | "period" => matches!(v.kind, Kind::Date | Kind::Period),
        "year" => {
            matches!(v.kind, Kind::Date | Kind::Period)
                && !matches!(
                    v.value,
                    Value::Time {
                        grain: Grain::Day | Grain::Month,
                        ..
                    }
                )
        }
        _ => false,
    }
}

fn class_of(kind: Kind) -> Class {
    match kind {
        Kind::Number => Class::Number,
        Kind::Money => Class::Money,
        Kind::Percent => Class::Percent,
        Kind::Multiplier => Class::Multiplier,
        Kind::Date | Kind::Period => Class::Time,
    }
}

/// A sentence with each value replaced by its placeholder.
struct Skeleton {
    text: String,
    slots: Vec<Slot>,
}

impl Skeleton {
    fn build(
        text: &str,
        (s0, s1): (usize, usize),
        values: &[Extracted],
        idx: &[usize],
        cats: &[Hit],
    ) -> Skeleton {
        let mut spans: Vec<(usize, usize, Class, Item)> = idx
            .iter()
            .map(|&i| {
                (
                    values[i].start,
                    values[i].end,
                    class_of(values[i].kind),
                    Item::Value(i),
                )
            })
            .collect();
        for c in cats {
            if !spans
                .iter()
                .any(|(a, b, _, _)| c.span.0 < *b && *a < c.span.1)
            {
                spans.push((
                    c.span.0,
                    c.span.1,
                    Class::Category,
                    Item::Category(c.label.clone()),
                ));
            }
        }
        spans.sort_by_key(|s| s.0);
        let mut out = String::with_capacity(s1 - s0);
        let mut slots = Vec::new();
        let mut at = s0;
        for (a, b, class, item) in spans {
            if a < at {
                continue;
            }
            out.push_str(&text[at..a]);
            slots.push(Slot {
                at: out.len(),
                class,
                item,
                span: (a, b),
            });
            out.push(class.placeholder(false));
            at = b;
        }
        out.push_str(&text[at..s1]);
        Skeleton { text: out, slots }
    }

    fn targeted(&self, slot: &Slot) -> String {
        let mut s = self.text.clone();
        let len = slot.class.placeholder(false).len_utf8();
        s.replace_range(
            slot.at..slot.at + len,
            &slot.class.placeholder(true).to_string(),
        );
        s
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
