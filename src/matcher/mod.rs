//! The matcher: rules × sources → facts.
//!
//! Per source: split the folded text into sentences; one prefilter pass
//! (Aho–Corasick over every rule's required literals) tells which patterns
//! can match in which sentences. Only those sentences are read: the value
//! grammars run on them, each value is replaced by a placeholder of its
//! class (the skeleton), and each candidate pattern tries each value as its
//! target. A matched value becomes a fact once its origin (who stands behind
//! it) and its key (the period, the dimensions) are found in its sentence,
//! the sentences before it in its paragraph (a bounded look-back), or
//! carried from the previous fact of the rule in the same paragraph.
//!
//! Every step is linear in the source: sentences are visited once, values
//! are read once per sentence, and no step rescans the file.

use std::collections::BTreeMap;

use std::sync::Arc;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::diag::Diagnostic;
use crate::entity::{Gazetteer, Mention};
use crate::extract::{self, Periods};
use crate::fact::{Fact, FactKey, FactValue, Origin, OriginVia, Quote};
use crate::rules::pattern::alternation;
use crate::rules::{Class, KeyDim, Phrasebook, Rule, RuleKind, RuleSet};
use crate::run::Stats;
use crate::source::{Source, sentences};
use crate::value::{Extracted, Grain, Kind, Value};

mod context;
mod facts;
mod lists;
mod parties;
mod prefilter;
mod skeleton;
mod table;
mod trace;

use context::*;
use facts::*;
use lists::*;
use parties::*;
use prefilter::Prefilter;
use skeleton::*;
pub use trace::{SentenceTrace, Tracer};

/// Sees what the matcher does, sentence by sentence (`explain`). With an
/// observer attached every sentence is read, not only the prefilter's.
pub trait Observer {
    fn sentence(&mut self, view: &SentenceView<'_>);

    /// A fact read earlier took another origin once the whole source was
    /// read (a headline restating a figure the source attributes elsewhere).
    fn restated(&mut self, _fact: &Fact, _origin: &Origin) {}
}

/// One sentence as the matcher read it.
pub struct SentenceView<'a> {
    pub source: &'a Source,
    /// Normalized byte span.
    pub span: (usize, usize),
    /// The values read in the sentence.
    pub values: &'a [Extracted],
    /// The facts read in the sentence, with why each has its key and origin.
    pub facts: &'a [(Fact, Vec<String>)],
    matcher: &'a Matcher,
    skeleton: &'a Skeleton,
    ents: Ents<'a>,
    cats: &'a BTreeMap<usize, Vec<Hit>>,
    previous: &'a [(usize, usize)],
    /// Set when the sentence is a table cell restated: where the cell is.
    pub cell: Option<CellView<'a>>,
}

/// A table cell in the source it stands in (normalized byte spans).
pub struct CellView<'a> {
    pub source: &'a Source,
    pub row: (usize, usize),
    pub cell: (usize, usize),
}

/// Phrases of one label, compiled.
struct Phrases {
    label: Arc<str>,
    regex: Regex,
    /// The phrases have entity slots ("{country}'s statistics"): they are
    /// run on the sentence with its entities as placeholders, and the
    /// label's own slots are filled with the entity found.
    template: bool,
}

/// What the facts of one source share: its id, the key carried from the
/// previous fact of each rule, and one copy of each key.
struct SourceState {
    id: Arc<str>,
    /// The tables the source is read with (its language's date order).
    lx: &'static extract::Lexicon,
    /// By rule and key dimension: the label, and the paragraph it was
    /// read in (a key is carried within its paragraph only).
    carried: BTreeMap<(usize, String), (String, usize)>,
    /// The paragraph being read.
    paragraph: usize,
    keys: FxHashMap<FactKey, Arc<FactKey>>,
    /// The headline and lead's entities, by kind, read when first needed.
    leads: BTreeMap<String, Lead>,
    title: Option<String>,
}

impl SourceState {
    fn key(&mut self, k: FactKey) -> Arc<FactKey> {
        if let Some(shared) = self.keys.get(&k) {
            return shared.clone();
        }
        let shared = Arc::new(k.clone());
        self.keys.insert(k, shared.clone());
        shared
    }
}

/// A phrasebook's regexes, one per label. Validation compiled the same
/// regexes, so this fails only for a rule set built by hand; a label is
/// never dropped (that would move the others' meaning).
fn compile_phrasebook(
    rule: &Rule,
    what: &str,
    lex: &Phrasebook,
) -> Result<Vec<Phrases>, Diagnostic> {
    let split = lex
        .iter()
        .filter(|(_, p)| !p.is_empty())
        .flat_map(|(label, phrases)| {
            let (templates, plain): (Vec<String>, Vec<String>) = phrases
                .iter()
                .cloned()
                .partition(|p| crate::rules::pattern::has_entity_slot(p));
            [(label, plain, false), (label, templates, true)]
                .into_iter()
                .filter(|(_, p, _)| !p.is_empty())
        });
    split
        .map(|(label, phrases, template)| {
            let regex = crate::rules::pattern::phrases_regex(&phrases).map_err(|e| {
                Diagnostic::error(
                    "rule-too-large",
                    &rule.file,
                    format!(
                        "rule `{}`: the phrases of {what} `{label}` do not compile: {e}",
                        rule.id
                    ),
                )
                .at_line(rule.line)
                .help("list fewer or shorter phrases")
            })?;
            Ok(Phrases {
                label: Arc::from(label.as_str()),
                regex,
                template,
            })
        })
        .collect()
}

struct Compiled {
    attribution: Vec<Phrases>,
    /// `[rule.parties]` from and to.
    roles: Vec<Phrases>,
    dimensions: Vec<(String, Vec<Phrases>)>,
    categories: Vec<Phrases>,
}

/// A pattern the prefilter names by its global id.
struct Runnable {
    rule: usize,
    pattern: usize,
}

pub struct Matcher {
    rules: RuleSet,
    /// What the rules cost that the author may not expect (a pattern the
    /// prefilter cannot narrow).
    warnings: Vec<Diagnostic>,
    /// Each rule's id, shared by its facts.
    rule_ids: Vec<Arc<str>>,
    compiled: Vec<Compiled>,
    runnable: Vec<Runnable>,
    prefilter: Prefilter,
    contrast: Regex,
    /// Countries and the user's entities, when a rule names any.
    gaz: Option<GazRef>,
}

/// The bundled gazetteer, or one with the user's own entities.
enum GazRef {
    Builtin(&'static Gazetteer),
    Own(Box<Gazetteer>),
}

impl GazRef {
    fn get(&self) -> &Gazetteer {
        match self {
            GazRef::Builtin(g) => g,
            GazRef::Own(g) => g,
        }
    }
}

/// The entity mentions a pattern's slots took, by role ("from", "to",
/// "party"): (role, index in the source's mentions).
type Roles = Vec<(Arc<str>, usize)>;

/// A pattern's match: the rule, the value's item and span, the roles.
type Matched = (usize, Item, (usize, usize), Roles);

/// A placeholder in a sentence skeleton.
#[derive(Clone)]
struct Slot {
    /// Byte offset in the skeleton.
    at: usize,
    class: Class,
    /// Index into the sentence's values, or the category label.
    item: Item,
    /// Normalized span in the source.
    span: (usize, usize),
}

#[derive(Clone)]
enum Item {
    Value(usize),
    Category(Arc<str>),
    /// An entity mention: its index in the source's mentions.
    Entity(usize),
}

/// A phrase occurrence in the normalized text.
#[derive(Clone)]
struct Hit {
    label: Arc<str>,
    span: (usize, usize),
    /// The entity mention a template phrase's slot took.
    mention: Option<usize>,
}

impl Matcher {
    pub fn new(rules: RuleSet) -> Result<Matcher, Vec<Diagnostic>> {
        let mut runnable = Vec::new();
        let mut prefilter_patterns = Vec::new();
        for (ri, r) in rules.rules.iter().enumerate() {
            // The prefilter and the `any` check see the plain skeleton, where
            // category phrases are still words: let the category slot match
            // them there.
            let cat_class = format!(
                "[\\x{{{:X}}}\\x{{{:X}}}]",
                Class::Category.placeholder(false) as u32,
                Class::Category.placeholder(true) as u32
            );
            let phrases: Vec<String> = r.categories.iter().flat_map(|(_, p)| p.clone()).collect();
            for (pi, p) in r.patterns.iter().enumerate() {
                let any = if phrases.is_empty() {
                    p.any.clone()
                } else {
                    p.any.replace(&cat_class, &alternation(&phrases))
                };
                runnable.push(Runnable {
                    rule: ri,
                    pattern: pi,
                });
                prefilter_patterns.push(if p.entities.is_empty() {
                    any
                } else if phrases.is_empty() {
                    p.scan.clone()
                } else {
                    p.scan.replace(&cat_class, &alternation(&phrases))
                });
            }
        }
        let prefilter = match Prefilter::new(&prefilter_patterns) {
            Ok(p) => p,
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(
                        "rule-too-large",
                        std::path::Path::new("rules"),
                        format!("the rules' keywords do not fit the prefilter: {e}"),
                    )
                    .help("split the rule set, or use fewer alternatives per pattern"),
                ]);
            }
        };
        let mut compiled = Vec::new();
        let mut errors = Vec::new();
        for r in &rules.rules {
            let mut ok = |what: &str, l: &Phrasebook| {
                compile_phrasebook(r, what, l).unwrap_or_else(|d| {
                    errors.push(d);
                    Vec::new()
                })
            };
            compiled.push(Compiled {
                attribution: ok("[rule.attribution]", &r.attribution),
                roles: ok("[rule.parties]", &r.parties.roles),
                dimensions: r
                    .dimensions
                    .iter()
                    .map(|(n, l)| (n.clone(), ok(&format!("[rule.dimension.{n}]"), l)))
                    .collect(),
                categories: ok("[rule.categories]", &r.categories),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let words: Vec<String> = crate::lang::LANGS
            .iter()
            .chain(std::iter::once(&&crate::lang::COMMON))
            .flat_map(|l| l.contrast.iter().map(|s| s.to_string()))
            .collect();
        let contrast = Regex::new(&format!("(?i){}", alternation(&words)))
            .map_err(|e| vec![too_large_words(&e.to_string())])?;
        // A pattern with no word to look for is tried in every sentence:
        // correct, but slow on an archive, so the author is told.
        let warnings = prefilter
            .always
            .iter()
            .map(|&gi| {
                let run = &runnable[gi as usize];
                let r = &rules.rules[run.rule];
                Diagnostic::warning(
                    "rule-unfiltered",
                    &r.file,
                    format!(
                        "rule `{}`: pattern {} has no word of 3 bytes or more that every match contains, so it is tried in every sentence",
                        r.id,
                        run.pattern + 1
                    ),
                )
                .at_line(r.line)
                .help("start the pattern with the words that locate the fact, e.g. (?:trade|exports)[^.]{0,80}?{money}")
            })
            .collect();
        let needs_entities = rules.rules.iter().any(|r| {
            r.key
                .iter()
                .any(|k| matches!(k, KeyDim::Pair | KeyDim::Party))
                || r.patterns.iter().any(|p| !p.entities.is_empty())
                || !r.parties.roles.is_empty()
                || [&r.attribution, &r.categories]
                    .into_iter()
                    .chain(r.dimensions.iter().map(|(_, d)| d))
                    .flat_map(|l| l.iter().flat_map(|(_, p)| p.iter()))
                    .any(|p| crate::rules::pattern::has_entity_slot(p))
        }) || !rules.entities.is_empty();
        let gaz = needs_entities.then(|| {
            if rules.entities.is_empty() {
                GazRef::Builtin(Gazetteer::builtin())
            } else {
                GazRef::Own(Box::new(Gazetteer::new(&rules.entities)))
            }
        });
        Ok(Matcher {
            gaz,
            warnings,
            rule_ids: rules
                .rules
                .iter()
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
            rules,
            compiled,
            runnable,
            prefilter,
            contrast,
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Warnings about the rules as compiled.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Every fact of every rule in one source, in text order, and what the
    /// matching cost.
    pub fn match_source(
        &self,
        src: &Source,
        observer: Option<&mut dyn Observer>,
    ) -> (Vec<Fact>, Stats) {
        self.read_source(src, observer, None)
    }

    /// `match_source`; `table` is set when `src` is a table's restated
    /// cells: the source they stand in and where each is.
    fn read_source<'o>(
        &self,
        src: &Source,
        mut observer: Option<&mut (dyn Observer + 'o)>,
        table: Option<(&Source, &[table::Cell])>,
    ) -> (Vec<Fact>, Stats) {
        let text = &src.norm.text;
        let anchor = src.meta.date;
        let lx = extract::for_source(&src.meta.language, &src.text);
        let sents = sentences(text);
        let mut stats = Stats {
            sentences: sents.len(),
            ..Stats::default()
        };
        // The text lower-cased (same offsets), made once for the
        // prefilter and the gazetteer.
        let mut lower: Option<String> = None;
        // Which runnable patterns are candidates in which sentence.
        let mut candidates: Vec<Vec<u32>> = vec![Vec::new(); sents.len()];
        if observer.is_some() {
            let all: Vec<u32> = (0..self.runnable.len() as u32).collect();
            candidates.iter_mut().for_each(|c| c.clone_from(&all));
        } else {
            let lower = lower.get_or_insert_with(|| prefilter::lower_same_offsets(text));
            let starts: Vec<usize> = sents.iter().map(|s| s.0).collect();
            self.prefilter.scan(lower, |at, p| {
                let si = starts.partition_point(|&s| s <= at);
                if si > 0 && at < sents[si - 1].1 {
                    candidates[si - 1].push(p);
                }
            });
            if !self.prefilter.always.is_empty() {
                for c in &mut candidates {
                    c.extend_from_slice(&self.prefilter.always);
                }
            }
        }
        let paragraphs = paragraph_starts(text);
        // Entities are looked for where a figure may need them: the lead,
        // and each sentence a rule may fire in with its look-back.
        let mentions = match &self.gaz {
            Some(g) if candidates.iter().any(|c| !c.is_empty()) => {
                let lead_end = sents
                    .iter()
                    .find(|s| s.1 >= parties::LEAD_BYTES)
                    .map_or(text.len(), |s| s.1);
                let mut regions: Vec<(usize, usize)> = vec![(0, lead_end)];
                for (si, c) in candidates.iter().enumerate() {
                    if c.is_empty() {
                        continue;
                    }
                    let (s0, s1) = sents[si];
                    let para = paragraphs.partition_point(|&p| p <= s0).saturating_sub(1);
                    let from = earlier_in_paragraph(&sents, si, paragraphs[para])
                        .last()
                        .map_or(s0, |s| s.0);
                    match regions.last_mut() {
                        Some(last) if from <= last.1 => {
                            last.0 = last.0.min(from);
                            last.1 = last.1.max(s1);
                        }
                        _ => regions.push((from, s1)),
                    }
                }
                let lower = lower.get_or_insert_with(|| prefilter::lower_same_offsets(text));
                g.get().mentions_in(text, lower, &regions)
            }
            _ => Vec::new(),
        };
        let ents = Ents {
            gaz: self.gaz.as_ref().map(GazRef::get),
            mentions: &mentions,
            lower: lower.as_deref().unwrap_or(""),
        };
        let mut facts = Vec::new();
        let mut state = SourceState {
            id: Arc::from(src.meta.id.as_str()),
            lx,
            carried: BTreeMap::new(),
            paragraph: 0,
            keys: FxHashMap::default(),
            leads: BTreeMap::new(),
            title: Some(src.meta.title.clone()).filter(|t| !t.is_empty()),
        };
        // "The same period" needs the periods named before it, read in order.
        let mut periods = Periods::default();
        let mut periods_upto = 0;
        let mut read: BTreeMap<usize, Vec<Extracted>> = BTreeMap::new();
        // Tables are read cell by cell, below; their rows are not prose.
        let tables = table::find(text);
        let in_table = |span: (usize, usize)| {
            let k = tables.partition_point(|t| t.covers().1 <= span.0);
            tables.get(k).is_some_and(|t| t.covers().0 < span.1)
        };
        for si in 0..sents.len() {
            let mut fired = std::mem::take(&mut candidates[si]);
            if fired.is_empty() || (!tables.is_empty() && in_table(sents[si])) {
                continue;
            }
            fired.sort_unstable();
            fired.dedup();
            stats.candidates += 1;
            let span = sents[si];
            let mut values = read_sentence(text, span, anchor, lx);
            if extract::needs_periods(&values) {
                for (k, &before_span) in sents.iter().enumerate().take(si).skip(periods_upto) {
                    let mut before = read
                        .remove(&k)
                        .unwrap_or_else(|| read_sentence(text, before_span, anchor, lx));
                    periods.feed(&mut before, anchor);
                }
                periods.feed(&mut values, anchor);
                periods_upto = si + 1;
                read.clear();
            } else {
                // Only a sentence's dates and periods matter to a later
                // "same period" or "a year earlier".
                let named: Vec<Extracted> = values
                    .iter()
                    .filter(|v| extract::names_period(v))
                    .cloned()
                    .collect();
                read.insert(si, named);
            }
            let para = paragraphs
                .partition_point(|&p| p <= span.0)
                .saturating_sub(1);
            state.paragraph = para;
            let found = self.sentence(
                src,
                &sents,
                (si, paragraphs[para]),
                &values,
                &fired,
                &mut state,
                ents,
                observer.as_deref_mut(),
                table,
            );
            facts.extend(found);
        }
        if !tables.is_empty() {
            for t in &tables {
                facts.extend(self.table_facts(
                    src,
                    t,
                    &mut state,
                    &mut stats,
                    observer.as_deref_mut(),
                ));
            }
            facts.sort_by_key(|f| f.pos);
        }
        for (i, origin) in restated_origins(&mut facts) {
            if let Some(obs) = observer.as_deref_mut() {
                obs.restated(&facts[i], &origin);
            }
        }
        (facts, stats)
    }

    /// The facts of one sentence.
    #[allow(clippy::too_many_arguments)]
    fn sentence<'o>(
        &self,
        src: &Source,
        sents: &[(usize, usize)],
        (si, para_start): (usize, usize),
        values: &[Extracted],
        fired: &[u32],
        state: &mut SourceState,
        ents: Ents<'_>,
        observer: Option<&mut (dyn Observer + 'o)>,
        table: Option<(&Source, &[table::Cell])>,
    ) -> Vec<Fact> {
        let text = &src.norm.text;
        let (s0, s1) = sents[si];
        let mut skeleton = Skeleton::build(text, (s0, s1), values, &[]);
        let in_sentence = ents.in_span((s0, s1));
        let mut ent_skeleton: Option<Skeleton> = None;
        let mut ent_cat_skeletons: BTreeMap<usize, Skeleton> = BTreeMap::new();
        let mut cat_skeletons: BTreeMap<usize, Skeleton> = BTreeMap::new();
        let mut cats: BTreeMap<usize, Vec<Hit>> = BTreeMap::new();
        let mut matched: Vec<Matched> = Vec::new();
        for &gi in fired {
            let run = &self.runnable[gi as usize];
            let (ri, pi) = (run.rule, run.pattern);
            let rule = &self.rules.rules[ri];
            let pattern = &rule.patterns[pi];
            let sk = if rule.kind == RuleKind::Category {
                let hits = cats.entry(ri).or_insert_with(|| {
                    phrase_hits(&self.compiled[ri].categories, text, (s0, s1), &ents)
                });
                if pattern.entities.is_empty() {
                    cat_skeletons
                        .entry(ri)
                        .or_insert_with(|| Skeleton::build(text, (s0, s1), values, hits))
                } else {
                    ent_cat_skeletons.entry(ri).or_insert_with(|| {
                        Skeleton::build_with(text, (s0, s1), values, hits, &in_sentence)
                    })
                }
            } else if !pattern.entities.is_empty() {
                ent_skeleton.get_or_insert_with(|| {
                    Skeleton::build_with(text, (s0, s1), values, &[], &in_sentence)
                })
            } else {
                &mut skeleton
            };
            // The slots that could carry the value, not read yet by this
            // rule: without one, the pattern is not run at all; with
            // several, one run with every slot open tells whether any can.
            let open: Vec<usize> = (0..sk.slots.len())
                .filter(|&k| slot_accepts(&pattern.slot, &sk.slots[k], values))
                .filter(|&k| skeleton::value_fits(rule, &sk.slots[k], values))
                .filter(|&k| {
                    let span = sk.slots[k].span;
                    !matched.iter().any(|(r, _, sp, _)| *r == ri && *sp == span)
                })
                .collect();
            if open.is_empty() || (open.len() > 1 && !pattern.any_regex.is_match(&sk.text)) {
                continue;
            }
            let has_roles = !pattern.entities.is_empty();
            for k in open {
                let roles = if has_roles {
                    let found = sk.with_target(k, |s| {
                        pattern.target.captures(s).map(|c| {
                            pattern
                                .target
                                .capture_names()
                                .enumerate()
                                .filter_map(|(g, n)| {
                                    let role = crate::rules::pattern::role_of_group(n?)?;
                                    Some((Arc::<str>::from(role), c.get(g)?.start()))
                                })
                                .collect::<Vec<_>>()
                        })
                    });
                    match found {
                        None => continue,
                        Some(at) => at
                            .into_iter()
                            .filter_map(|(role, at)| match sk.slot_at(at)?.item {
                                Item::Entity(mi) => Some((role, mi)),
                                _ => None,
                            })
                            .collect(),
                    }
                } else if sk.with_target(k, |s| pattern.target.is_match(s)) {
                    Vec::new()
                } else {
                    continue;
                };
                matched.push((ri, sk.slots[k].item.clone(), sk.slots[k].span, roles));
            }
        }
        matched.sort_by_key(|(ri, _, sp, _)| (sp.0, *ri));
        let ctx = Context {
            text,
            sentence: (s0, s1),
            earlier: if matched.is_empty() {
                Vec::new()
            } else {
                earlier_in_paragraph(sents, si, para_start)
            },
            anchor: src.meta.date,
            lx: state.lx,
            earlier_values: Default::default(),
            values,
            // Contrast words matter only to a sentence with facts.
            segments: if matched.is_empty() {
                Vec::new()
            } else {
                self.segments(text, (s0, s1))
            },
            hits: Default::default(),
            ents,
        };
        let traced = observer.is_some();
        let mut out: Vec<(Fact, Vec<String>)> = Vec::new();
        for (ri, item, span, roles) in matched {
            let rule = &self.rules.rules[ri];
            out.extend(self.facts_for(rule, ri, &ctx, src, (item, span, &roles), state, traced));
        }
        if let Some(obs) = observer {
            obs.sentence(&SentenceView {
                source: src,
                span: (s0, s1),
                values,
                facts: &out,
                matcher: self,
                skeleton: &skeleton,
                ents,
                cats: &cats,
                previous: &sents[..si],
                cell: table.and_then(|(source, cells)| {
                    let c = cells.iter().find(|c| c.own.0 >= s0 && c.own.1 <= s1)?;
                    Some(CellView {
                        source,
                        row: c.row,
                        cell: c.cell,
                    })
                }),
            });
        }
        out.into_iter().map(|(f, _)| f).collect()
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
}

/// The values of one sentence, in context.
fn read_sentence(
    text: &str,
    span: (usize, usize),
    anchor: Option<crate::calendar::Day>,
    lx: &'static extract::Lexicon,
) -> Vec<Extracted> {
    let mut values = extract::extract_range(text, span, anchor, lx);
    extract::inherit_units(&mut values);
    values
}

fn too_large_words(why: &str) -> Diagnostic {
    Diagnostic::error(
        "rule-too-large",
        std::path::Path::new("lang"),
        format!("the contrast words do not compile: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

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
