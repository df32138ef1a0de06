//! The engine: the one way to run a check.
//!
//! `Engine::new` takes a validated rule set and compiles everything once:
//! every pattern, lexicon and the prefilter. `Engine::run` streams sources
//! through it: each file is read, matched and dropped on a worker thread,
//! and only its compact facts are kept; the comparer then groups the facts
//! and turns them into findings. The result is a `Run`, which every report
//! renders. `extract` and `compare` are the two halves of `run`, so a run can
//! be split across machines (facts as JSON Lines in between) and give the
//! same findings. `observe` runs the same matcher on one source with an
//! observer attached, which is how `explain` sees what `check` does.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::calendar::Day;
use crate::compare;
use crate::diag::Diagnostic;
use crate::fact::Fact;
use crate::matcher::{Matcher, Observer};
use crate::rules::RuleSet;
use crate::run::{Run, SourceInfo, Stats};
use crate::source::{self, Entry, Source, SourceMeta};

/// How a run is carried out. None of it changes the output.
#[derive(Clone, Default)]
pub struct Options {
    /// Worker threads; `None` uses every available core.
    pub threads: Option<usize>,
    /// Where facts are cached per source; `None` reads every source anew.
    pub cache: Option<PathBuf>,
    /// Told the bytes of each source as it is done (a progress bar).
    pub progress: Option<std::sync::Arc<dyn Fn(u64) + Send + Sync>>,
    /// How sources are found and decoded (`--glob`, `--encoding`).
    pub input: source::InputOptions,
    /// How conflicts are judged: grades, baseline, suppressions.
    pub policy: crate::triage::Policy,
}

/// Facts read from sources, before comparison: what `extract` writes and
/// `compare` reads back.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// In source order (id, then path).
    pub sources: Vec<SourceInfo>,
    /// By source, then by position in the source.
    pub facts: Vec<Fact>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

impl Extraction {
    /// Loads every fact's quote from its source (what `extract` writes).
    pub fn load_quotes(&mut self) {
        let problems = crate::fact::load_quotes(&self.sources, self.facts.iter_mut());
        self.diagnostics.extend(problems);
    }

    /// Merges shards; order is restored, so any sharding gives one result.
    pub fn merge(parts: impl IntoIterator<Item = Extraction>) -> Extraction {
        let mut all = Extraction::default();
        for p in parts {
            all.sources.extend(p.sources);
            all.facts.extend(p.facts);
            all.diagnostics.extend(p.diagnostics);
            all.stats += p.stats;
        }
        all.sources
            .sort_by(|a, b| (&a.id, &a.file).cmp(&(&b.id, &b.file)));
        all.facts.sort_by(Fact::order);
        crate::diag::sort(&mut all.diagnostics);
        all
    }
}

pub struct Engine {
    matcher: Matcher,
}

/// What one source gave.
struct Matched {
    info: Option<SourceInfo>,
    facts: Vec<Fact>,
    diagnostics: Vec<Diagnostic>,
    stats: Stats,
}

impl Engine {
    /// Compiles a rule set. A rule set the prefilter cannot hold within its
    /// limits is an error naming the rules, never a silent slow path.
    pub fn new(rules: RuleSet) -> Result<Engine, Vec<Diagnostic>> {
        Ok(Engine {
            matcher: Matcher::new(rules)?,
        })
    }

    pub fn rules(&self) -> &RuleSet {
        self.matcher.rules()
    }

    /// Warnings about the compiled rules (a pattern tried in every sentence).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.matcher.warnings()
    }

    /// Every fact of every rule in one source, in text order.
    pub fn match_source(&self, src: &Source) -> Vec<Fact> {
        self.matcher.match_source(src, None).0
    }

    /// `match_source` with an observer that sees every sentence the matcher
    /// reads, and why each fact has its key and origin.
    pub fn observe(&self, src: &Source, observer: &mut dyn Observer) -> Vec<Fact> {
        self.matcher.match_source(src, Some(observer)).0
    }

    /// The facts one rule reads in a piece of text, as rule examples and
    /// drafts use it.
    pub fn match_text(&self, rule_id: &str, text: &str, date: Option<Day>) -> Vec<Fact> {
        let meta = SourceMeta::bare("example", date);
        let src = Source::new(meta, "example".into(), text.to_string());
        let mut facts = self.match_source(&src);
        facts.retain(|f| &*f.rule == rule_id);
        facts
    }

    /// Discovers the sources below `paths` and reads their facts, in
    /// parallel; each text is dropped as soon as its facts are out.
    pub fn extract(&self, paths: &[PathBuf], opts: &Options) -> Extraction {
        let mut diagnostics = Vec::new();
        let found = source::discover(paths, &opts.input, &mut diagnostics);
        let mut out = self.extract_entries(&found.entries, opts);
        out.stats.skipped += found.skipped;
        diagnostics.append(&mut out.diagnostics);
        crate::diag::sort(&mut diagnostics);
        out.diagnostics = diagnostics;
        out
    }

    /// `extract` over sources already discovered.
    pub fn extract_entries(&self, entries: &[Entry], opts: &Options) -> Extraction {
        let pool = opts
            .threads
            .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
        match &pool {
            Some(p) => p.install(|| self.extract_in_batches(entries, opts)),
            None => self.extract_in_batches(entries, opts),
        }
    }

    /// Sources are matched in parallel a batch at a time, and each batch's
    /// facts join the extraction (in source order) before the next batch
    /// starts: memory holds the facts plus one batch, not every source's
    /// results at once.
    fn extract_in_batches(&self, entries: &[Entry], opts: &Options) -> Extraction {
        const BATCH: usize = 1024;
        let cache = opts.cache.as_deref().map(Cache::new);
        let mut out = Extraction::default();
        // One copy of each key across sources.
        let mut keys: rustc_hash::FxHashSet<std::sync::Arc<crate::fact::FactKey>> =
            rustc_hash::FxHashSet::default();
        for batch in entries.chunks(BATCH) {
            let matched: Vec<Matched> = batch
                .par_iter()
                .map(|e| {
                    let m = self.one(e, cache.as_ref());
                    if let Some(p) = &opts.progress {
                        p(m.stats.bytes);
                    }
                    m
                })
                .collect();
            out.facts
                .reserve(matched.iter().map(|m| m.facts.len()).sum());
            for m in matched {
                out.sources.extend(m.info);
                out.facts.extend(m.facts.into_iter().map(|mut f| {
                    match keys.get(&f.key) {
                        Some(k) => f.key = k.clone(),
                        None => {
                            keys.insert(f.key.clone());
                        }
                    }
                    f
                }));
                out.diagnostics.extend(m.diagnostics);
                out.stats += m.stats;
            }
        }
        out.facts.shrink_to_fit();
        out
    }

    /// One source: from the cache when it holds it, else read and matched
    /// (and cached).
    fn one(&self, entry: &Entry, cache: Option<&Cache>) -> Matched {
        let skipped = |d: Box<Diagnostic>| Matched {
            info: None,
            facts: Vec::new(),
            diagnostics: vec![*d],
            stats: Stats {
                skipped: 1,
                ..Stats::default()
            },
        };
        let bytes = match source::read_bytes(entry) {
            Ok(b) => b,
            Err(d) => return skipped(d),
        };
        let digest = source::digest(&bytes);
        let key = cache.map(|_| {
            // A file read with --encoding is another text than the same
            // bytes detected.
            let what = match entry.encoding {
                Some(e) => format!("{digest}:{}", e.name()),
                None => digest.clone(),
            };
            Cache::key(&self.rules().fingerprint, &entry.meta, &entry.path, &what)
        });
        if let (Some(c), Some(k)) = (cache, &key)
            && let Some(mut hit) = c.get(k)
        {
            // The same bytes, wherever the file is now.
            hit.info.path = entry.path.clone();
            return Matched {
                info: Some(hit.info),
                facts: hit.facts,
                diagnostics: Vec::new(),
                stats: Stats {
                    cached: 1,
                    ..hit.stats
                },
            };
        }
        let src = match source::decode_hashed(entry, bytes, digest) {
            Ok(s) => s,
            Err(d) => return skipped(d),
        };
        let (facts, mut stats) = self.matcher.match_source(&src, None);
        stats.sources = 1;
        stats.bytes = src.text.len() as u64;
        let info = src.info();
        drop(src);
        let mut diagnostics = Vec::new();
        if let (Some(c), Some(k)) = (cache, &key)
            && let Err(e) = c.put(k, &info, &facts, stats)
        {
            diagnostics.push(
                Diagnostic::warning(
                    "cache-unwritable",
                    c.dir(),
                    format!("cannot write the cache: {e}"),
                )
                .help("pass --cache-dir DIR for a writable folder, or --no-cache"),
            );
        }
        Matched {
            info: Some(info),
            facts,
            diagnostics,
            stats,
        }
    }

    /// Groups facts and turns them into findings, judged by `policy`.
    pub fn compare(&self, ex: Extraction, policy: &crate::triage::Policy) -> Run {
        let mut diagnostics = ex.diagnostics;
        diagnostics.extend(self.unmatched_rules(&ex.facts, !ex.sources.is_empty()));
        diagnostics.extend(ambiguous_dates(&ex.sources, &ex.facts));
        let facts = ex.facts.len();
        let rules = self.coverage(&ex.facts);
        let findings = compare::compare(self.rules(), ex.facts);
        let mut run = Run {
            sources: ex.sources,
            rules,
            facts,
            findings,
            diagnostics,
            stats: ex.stats,
            fail_on: policy.fail_on,
            stale: Vec::new(),
            baseline: policy.baseline.as_ref().map(|b| b.file.clone()),
        };
        crate::triage::apply(&mut run, self.rules(), policy);
        run
    }

    /// `extract`, then `compare`.
    pub fn run(&self, paths: &[PathBuf], opts: &Options) -> Run {
        self.compare(self.extract(paths, opts), &opts.policy)
    }

    /// Every rule with the sources that state its fact and its facts.
    fn coverage(&self, facts: &[Fact]) -> Vec<crate::run::RuleInfo> {
        let rules = &self.rules().rules;
        let index: rustc_hash::FxHashMap<&str, usize> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut sources: Vec<rustc_hash::FxHashSet<&str>> = vec![Default::default(); rules.len()];
        let mut counts = vec![0usize; rules.len()];
        for f in facts {
            if let Some(&i) = index.get(&*f.rule) {
                sources[i].insert(&f.source);
                counts[i] += 1;
            }
        }
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| crate::run::RuleInfo {
                id: r.id.clone(),
                title: r.title.clone(),
                kind: r.kind.name(),
                file: r.file.clone(),
                line: r.line,
                warn: r.warn,
                fail: r.fail,
                known_causes: r.known_causes.clone(),
                sources: sources[i].len(),
                facts: counts[i],
            })
            .collect()
    }

    /// A rule that matches nothing in any source is usually broken.
    fn unmatched_rules(&self, facts: &[Fact], any_source: bool) -> Vec<Diagnostic> {
        if !any_source {
            return Vec::new();
        }
        let seen: rustc_hash::FxHashSet<&str> = facts.iter().map(|f| &*f.rule).collect();
        self.rules()
            .rules
            .iter()
            .filter(|r| !seen.contains(r.id.as_str()))
            .map(|r| {
                let text = std::fs::read_to_string(&r.file).unwrap_or_default();
                let at = text.find(&format!("\"{}\"", r.id)).unwrap_or(0);
                Diagnostic::warning(
                    "rule-matches-nothing",
                    &r.file,
                    format!("rule `{}` matches nothing in any source", r.id),
                )
                .at(&text, at)
                .help(format!(
                    "such a rule is usually broken: try `crosscheck explain {} SOURCE`",
                    r.id
                ))
            })
            .collect()
    }
}

/// A warning at each fact whose date reads both ways ("03/04/2025"): the
/// source's locale chose, and a reader should check.
fn ambiguous_dates(sources: &[SourceInfo], facts: &[Fact]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut text: Option<(&str, String)> = None;
    for f in facts.iter().filter(|f| f.ambiguous) {
        let Some(src) = sources.iter().find(|s| s.id == *f.source) else {
            continue;
        };
        if text.as_ref().is_none_or(|(id, _)| *id != &*f.source) {
            let body = std::fs::read(&src.path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            text = Some((&f.source, body));
        }
        let mut d = Diagnostic::warning(
            "date-ambiguous",
            &src.path,
            format!(
                "rule `{}`: a date written in figures reads both ways (day or month first); read as {}",
                f.rule,
                f.value.canonical()
            ),
        )
        .help("the source's language decided (month first only in English); a date in ISO form (2025-03-04) or with its month's name reads one way");
        match &text {
            Some((_, body))
                if f.quote.span.0 < body.len() && body.is_char_boundary(f.quote.span.0) =>
            {
                d = d.at(body, f.quote.span.0);
            }
            _ => {
                d.line = f.quote.line;
                d.col = f.quote.col;
            }
        }
        out.push(d);
    }
    out
}
