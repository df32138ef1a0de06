//! The mixed corpus (tests/fixtures/mixed): wire stories and press releases
//! in Arabic, English and Russian about seven country pairs, several of which
//! share a country (Israel with Azerbaijan and with Kazakhstan; Kazakhstan
//! with Israel and with Russia; Russia with Kazakhstan and with Türkiye).
//! The bundled rules run over seeds/ and the mixed corpus in one run, and the
//! checks below hold the run to tests/fixtures/mixed/expected.toml:
//!
//! 1. every expected group exists, keyed by its pair, period and direction,
//!    with the expected verdict, figures and sources;
//! 2. no group mixes pairs: a pair label is one pair; a fact sits only in a
//!    group of a pair its article is about, and in the group expected for
//!    it; no group holds facts expected under two pairs; the pairs that must
//!    never be mixed each have their own group;
//! 3. figures that belong to no pair (a country's total exports, trade with
//!    a region) sit in no pair group, and facts that are not there are not;
//! 4. the seeds' own findings are unchanged: each group of a run on seeds/
//!    alone keeps its verdict (and grade) and its facts, and gains only the
//!    facts expected.toml says it gains.
//!
//! Each check gathers every failure before it fails, and says which
//! expectation failed and what the run holds instead.
//!
//! `MIXED_DIR` points the same checks at another corpus of the same shape
//! (`MIXED_DIR=tests/fixtures/mixed2 cargo test --release --test mixed`);
//! its ids start with its folder's name ("mixed2/…").

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosscheck::fact::{Fact, FactValue};
use crosscheck::finding::{Finding, Verdict};
use crosscheck::{Engine, Options, Run, rules};
use serde::Deserialize;

/// The corpus checked by default; `MIXED_DIR` names another one (a folder
/// of the same shape, e.g. `tests/fixtures/mixed2`), read by the same checks.
const DEFAULT_MIXED: &str = "tests/fixtures/mixed";
const SEEDS: &str = "seeds";

/// The corpus under test: `$MIXED_DIR`, else `tests/fixtures/mixed`.
fn mixed_dir() -> &'static str {
    static D: OnceLock<String> = OnceLock::new();
    D.get_or_init(|| match std::env::var("MIXED_DIR") {
        Ok(d) if !d.trim().is_empty() => d.trim().trim_end_matches('/').to_string(),
        _ => DEFAULT_MIXED.to_string(),
    })
}

/// Every id of the corpus starts with its folder's name and a slash
/// ("mixed/" for the default corpus; the seeds' ids are "000"…"004").
fn prefix() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| {
        let name = Path::new(mixed_dir())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "mixed".into());
        format!("{name}/")
    })
}

/// What `the_fixture_is_well_formed` asks of the corpus's size: the first
/// corpus's bounds, unchanged, for `tests/fixtures/mixed`; a smaller corpus
/// (eight articles, 3 ar / 3 en / 2 ru) is allowed for any other folder.
struct Shape {
    articles: std::ops::RangeInclusive<usize>,
    languages: [(&'static str, usize); 3],
}

fn shape() -> Shape {
    if mixed_dir() == DEFAULT_MIXED {
        Shape {
            articles: 10..=14,
            languages: [("ar", 4), ("en", 4), ("ru", 3)],
        }
    } else {
        Shape {
            articles: 8..=14,
            languages: [("ar", 3), ("en", 3), ("ru", 2)],
        }
    }
}
const ARROW: &str = " → ";
const DASH: char = '–';
const RULES: &[&str] = &[
    "trade.volume",
    "trade.ratio",
    "tourism.visitors",
    "diplomacy.relations-established",
];

// ------------------------------------------------------------ expected.toml

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    article: Vec<Article>,
    #[serde(default)]
    group: Vec<Group>,
    #[serde(default)]
    unkeyed: Vec<Unkeyed>,
    #[serde(default)]
    absent: Vec<Absent>,
    #[serde(default)]
    never_mix: Vec<NeverMix>,
}

/// The pairs an article is about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    id: String,
    pairs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    rule: String,
    pair: String,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    direction: Option<String>,
    verdict: String,
    values: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    extends_seeds: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Unkeyed {
    source: String,
    text: String,
    value: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    rule: String,
    pair: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NeverMix {
    pairs: [String; 2],
    #[serde(default)]
    note: Option<String>,
}

impl Group {
    /// "trade.volume [pair=Azerbaijan–Israel, period=2024, direction=total]".
    fn describe(&self) -> String {
        let mut key = vec![format!("pair={}", self.pair)];
        if let Some(p) = &self.period {
            key.push(format!("period={p}"));
        }
        if let Some(d) = &self.direction {
            key.push(format!("direction={d}"));
        }
        let mut s = format!("expected group {} [{}]", self.rule, key.join(", "));
        if let Some(n) = &self.note {
            let _ = write!(s, " ({n})");
        }
        s
    }

    /// Whether a finding has this group's rule and key labels.
    fn matches(&self, f: &Finding) -> bool {
        f.rule == self.rule
            && label(f, "pair") == Some(self.pair.as_str())
            && self
                .period
                .as_deref()
                .is_none_or(|p| label(f, "period") == Some(p))
            && self
                .direction
                .as_deref()
                .is_none_or(|d| direction_matches(d, f, &self.pair))
    }

    /// Whether a fact is one this group expects: its rule, one of its
    /// sources, one of its values.
    fn expects(&self, rule: &str, fact: &Fact) -> bool {
        self.rule == rule && self.states(fact)
    }

    /// Whether a fact, of whatever rule, states one of this group's values
    /// in one of its sources.
    fn states(&self, fact: &Fact) -> bool {
        self.sources.iter().any(|s| **s == *fact.source)
            && self.values.iter().any(|v| value_is(&fact.value, v))
    }
}

/// `direction` as expected.toml writes it against the finding's key: its
/// `direction` label when the key has one ("flow" also matches a label that
/// repeats the arrow pair), else the form of the pair label (a total is
/// "A–B", a flow "A → B").
fn direction_matches(expected: &str, f: &Finding, pair: &str) -> bool {
    match label(f, "direction") {
        Some(l) => l == expected || (expected == "flow" && l == pair),
        None => (expected == "total") != pair.contains(ARROW),
    }
}

fn expected() -> &'static Expected {
    static E: OnceLock<Expected> = OnceLock::new();
    E.get_or_init(|| {
        let path = Path::new(mixed_dir()).join("expected.toml");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

// --------------------------------------------------------------------- runs

struct Runs {
    /// seeds/ and the mixed corpus in one run.
    both: Run,
    /// seeds/ alone.
    seeds: Run,
}

fn runs() -> &'static Runs {
    static R: OnceLock<Runs> = OnceLock::new();
    R.get_or_init(|| Runs {
        both: run(&[SEEDS, mixed_dir()]),
        seeds: run(&[SEEDS]),
    })
}

fn run(paths: &[&str]) -> Run {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.is_empty(), "the bundled rules do not load: {diags:?}");
    let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut run = engine.run(&paths, &Options::default());
    run.load_quotes(false);
    run
}

// ------------------------------------------------------------------ helpers

fn label<'a>(f: &'a Finding, dim: &str) -> Option<&'a str> {
    f.key
        .iter()
        .find(|(d, _)| d == dim)
        .map(|(_, v)| v.as_str())
}

/// A pair as a label writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pair {
    a: String,
    b: String,
    /// "A → B" (a flow from A to B) rather than "A–B".
    directed: bool,
}

impl Pair {
    /// The two countries, whatever the direction.
    fn countries(&self) -> BTreeSet<&str> {
        [self.a.as_str(), self.b.as_str()].into_iter().collect()
    }
}

/// Reads "A–B" (names in alphabetical order) or "A → B"; says why a label is
/// not one pair.
fn parse_pair(label: &str) -> Result<Pair, String> {
    let (a, b, directed) = if let Some((a, b)) = label.split_once(ARROW) {
        (a, b, true)
    } else if let Some((a, b)) = label.split_once(DASH) {
        (a, b, false)
    } else {
        return Err("neither \"A–B\" nor \"A → B\"".into());
    };
    for side in [a, b] {
        if side.is_empty() || side.trim() != side {
            return Err(format!("a side is empty or padded: {side:?}"));
        }
        if let Some(c) = side
            .chars()
            .find(|c| matches!(c, '–' | '→' | ',' | '·' | ';' | '/' | '+' | '(' | ')'))
        {
            return Err(format!(
                "side {side:?} holds {c:?}: more than two countries, or not a country"
            ));
        }
    }
    if a == b {
        return Err(format!("both sides are {a}"));
    }
    if !directed && a > b {
        return Err(format!(
            "an unordered pair is written in alphabetical order: \"{b}{DASH}{a}\""
        ));
    }
    Ok(Pair {
        a: a.into(),
        b: b.into(),
        directed,
    })
}

/// A label that says the pair is not known ("unkeyed", "(pair not named)", "—", ""),
/// rather than naming one.
fn is_placeholder(label: &str) -> bool {
    label.is_empty() || label == "—" || label == "unkeyed" || label.starts_with('(')
}

/// The pair of a finding, when its key names one.
fn pair_of(f: &Finding) -> Option<Pair> {
    label(f, "pair")
        .filter(|l| !is_placeholder(l))
        .and_then(|l| parse_pair(l).ok())
}

/// The number a fact states (its point, or the middle of its interval).
fn number(v: &FactValue) -> Option<f64> {
    match v {
        FactValue::Num { point: Some(p), .. } => Some(*p),
        FactValue::Num {
            point: None,
            lo: Some(lo),
            hi: Some(hi),
            ..
        } => Some((lo + hi) / 2.0),
        _ => None,
    }
}

/// Whether a fact's value is the one expected.toml writes: a number ("1.7e9")
/// for figures, the tool's canonical form ("1992-04") for dates.
fn value_is(v: &FactValue, expected: &str) -> bool {
    match number(v) {
        Some(x) => expected.parse::<f64>().is_ok_and(|e| close(x, e)),
        None => v.canonical() == expected,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// "1.7e9", "6.62e6", "1992-04".
fn show(v: &FactValue) -> String {
    match number(v) {
        Some(x) => sci(x),
        None => v.canonical(),
    }
}

fn sci(x: f64) -> String {
    let s = format!("{x:.5e}");
    match s.split_once('e') {
        Some((m, e)) if m.contains('.') => {
            format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// "trade.volume [pair=Azerbaijan–Israel, period=2024, direction=total]: conflict-major".
fn describe(f: &Finding) -> String {
    let key: Vec<String> = f.key.iter().map(|(d, v)| format!("{d}={v}")).collect();
    format!("{} [{}]: {}", f.rule, key.join(", "), f.verdict.code())
}

/// "1.7e9 from mixed/en_az_il_reuters line 5 «…quote…»".
fn describe_fact(x: &Fact) -> String {
    format!(
        "{} from {} line {} «{}»",
        show(&x.value),
        x.source,
        x.quote.line,
        x.quote.excerpt(110)
    )
}

fn verdict_is(v: Verdict, expected: &str) -> bool {
    match expected {
        "conflict" => v.is_conflict(),
        "agree" => v == Verdict::Agree,
        "single" => v == Verdict::SingleSource,
        _ => false,
    }
}

fn is_mixed(x: &Fact) -> bool {
    x.source.starts_with(prefix())
}

/// A fact's identity across two runs over the same files.
fn fact_id(rule: &str, x: &Fact) -> (String, String, usize, String) {
    (
        rule.to_string(),
        x.source.to_string(),
        x.pos,
        x.value.canonical(),
    )
}

/// Fails with every message, numbered.
fn report(what: &str, failures: Vec<String>) {
    if failures.is_empty() {
        return;
    }
    let mut s = format!("{what}: {} failed\n", failures.len());
    for (i, f) in failures.iter().enumerate() {
        let _ = write!(s, "\n{}. {f}\n", i + 1);
    }
    panic!("{s}");
}

// ------------------------------------------------------------------- checks

/// The corpus is read without a diagnostic (manifest, encodings, ids).
#[test]
fn the_corpus_reads_cleanly() {
    let r = &runs().both;
    let ids: BTreeSet<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    let mixed = ids.iter().filter(|i| i.starts_with(prefix())).count();
    assert!(
        r.diagnostics.is_empty(),
        "reading seeds/ and {} gave diagnostics: {:#?}",
        mixed_dir(),
        r.diagnostics
    );
    assert_eq!(
        mixed,
        expected().article.len(),
        "sources read from {}: {ids:?}",
        mixed_dir()
    );
}

/// Check 1: every expected group exists with its verdict, figures and
/// sources.
#[test]
fn expected_groups_are_found() {
    let r = &runs().both;
    let mut failures = Vec::new();
    let mut right = 0;
    for g in &expected().group {
        let found: Vec<&Finding> = r.findings.iter().filter(|f| g.matches(f)).collect();
        if let [f] = found.as_slice()
            && check_group(g, f).is_empty()
        {
            right += 1;
        }
        match found.as_slice() {
            [] => failures.push(format!(
                "{}: no such group.\n{}",
                g.describe(),
                instead(r, g)
            )),
            [f] => failures.extend(
                check_group(g, f)
                    .into_iter()
                    .map(|m| format!("{}: {m}", g.describe())),
            ),
            many => failures.push(format!(
                "{}: {} groups match, expected one:\n{}",
                g.describe(),
                many.len(),
                many.iter()
                    .map(|f| format!("  - {}", describe(f)))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
    // The score, for the record (`cargo test --test mixed -- --nocapture`).
    eprintln!(
        "mixed corpus: {right} of {} expected groups found with their verdict, figures and sources ({})",
        expected().group.len(),
        mixed_dir()
    );
    report(
        &format!("expected groups ({}/expected.toml [[group]])", mixed_dir()),
        failures,
    );
}

/// What the run has where the group was expected: groups of the rule with
/// the same pair, and where the group's figures were put.
fn instead(r: &Run, g: &Group) -> String {
    let mut s = String::new();
    let same_pair: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.rule == g.rule && label(f, "pair") == Some(g.pair.as_str()))
        .map(|f| format!("  - {}", describe(f)))
        .collect();
    if same_pair.is_empty() {
        let keys: BTreeSet<String> = r
            .findings
            .iter()
            .filter(|f| f.rule == g.rule)
            .map(|f| {
                f.key
                    .iter()
                    .map(|(d, v)| format!("{d}={v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        let _ = writeln!(
            s,
            "  no {} group has pair={}; its groups' keys are: {}",
            g.rule,
            g.pair,
            if keys.is_empty() {
                "(none: no finding of this rule)".to_string()
            } else {
                keys.into_iter()
                    .map(|k| format!("[{k}]"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        );
    } else {
        let _ = writeln!(s, "  groups of {} with pair={}:", g.rule, g.pair);
        for l in same_pair {
            let _ = writeln!(s, "{l}");
        }
    }
    // Where its figures went, under this rule or any other.
    let mut placed = Vec::new();
    for f in &r.findings {
        for x in f.facts() {
            if g.states(x) {
                placed.push(format!("  - {} is in {}", describe_fact(x), describe(f)));
            }
        }
    }
    if placed.is_empty() {
        let _ = write!(
            s,
            "  no rule read the figures {:?} from {:?}",
            g.values, g.sources
        );
    } else {
        let _ = write!(s, "  its figures were put here:\n{}", placed.join("\n"));
    }
    s
}

/// Verdict, figures and sources of the group found for `g`.
fn check_group(g: &Group, f: &Finding) -> Vec<String> {
    let mut out = Vec::new();
    let facts: Vec<&Fact> = f
        .facts()
        .filter(|x| !g.extends_seeds || is_mixed(x))
        .collect();
    if !verdict_is(f.verdict, &g.verdict) {
        out.push(format!(
            "verdict {} expected, found {} ({}); facts:\n{}",
            g.verdict,
            f.verdict.code(),
            f.note,
            f.facts()
                .map(|x| format!("  - {}", describe_fact(x)))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    let missing: Vec<&String> = g
        .values
        .iter()
        .filter(|v| !facts.iter().any(|x| value_is(&x.value, v)))
        .collect();
    if !missing.is_empty() {
        out.push(format!(
            "figures {missing:?} missing from {}; it holds {}",
            describe(f),
            if facts.is_empty() {
                "no fact from the mixed corpus".to_string()
            } else {
                facts
                    .iter()
                    .map(|x| show(&x.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
    let extra: Vec<String> = facts
        .iter()
        .filter(|x| !g.values.iter().any(|v| value_is(&x.value, v)))
        .map(|x| format!("  - {}", describe_fact(x)))
        .collect();
    if !extra.is_empty() {
        out.push(format!(
            "{} holds figures not expected in it (expected only {:?}):\n{}",
            describe(f),
            g.values,
            extra.join("\n")
        ));
    }
    for s in &g.sources {
        if !facts.iter().any(|x| *x.source == **s) {
            out.push(format!("no fact from {s} in {}", describe(f)));
        }
    }
    let unlisted: BTreeSet<&str> = facts
        .iter()
        .filter(|x| is_mixed(x) && !g.sources.iter().any(|s| **s == *x.source))
        .map(|x| &*x.source)
        .collect();
    if !unlisted.is_empty() {
        out.push(format!(
            "{} holds facts from sources not expected in it: {unlisted:?}",
            describe(f)
        ));
    }
    out
}

/// Check 2: no group mixes pairs.
#[test]
fn no_group_mixes_pairs() {
    let Runs { both, seeds } = runs();
    let exp = expected();
    let articles: BTreeMap<&str, Vec<Pair>> = exp
        .article
        .iter()
        .map(|a| {
            let pairs = a.pairs.iter().filter_map(|p| parse_pair(p).ok()).collect();
            (a.id.as_str(), pairs)
        })
        .collect();
    // The pair each seeds fact has in a run on seeds/ alone.
    let seeds_pair: BTreeMap<_, String> = seeds
        .findings
        .iter()
        .flat_map(|f| {
            let p = label(f, "pair").map(str::to_string);
            f.facts()
                .filter_map(move |x| p.clone().map(|p| (fact_id(&f.rule, x), p)))
        })
        .collect();
    let mut failures = Vec::new();
    for f in &both.findings {
        let pair = match label(f, "pair") {
            Some(l) if !is_placeholder(l) => match parse_pair(l) {
                Ok(p) => Some(p),
                Err(why) => {
                    failures.push(format!(
                        "{}: the pair label {l:?} is not one pair: {why}",
                        describe(f)
                    ));
                    continue;
                }
            },
            _ => None,
        };
        // Facts expected under each pair label, as (label, fact).
        let mut expected_in: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for x in f.facts() {
            if is_mixed(x) {
                if let (Some(p), Some(about)) = (&pair, articles.get(&*x.source))
                    && !about.iter().any(|a| a.countries() == p.countries())
                {
                    failures.push(format!(
                        "{} (pair {}) holds {}, but {} is about {:?} only",
                        describe(f),
                        label(f, "pair").unwrap_or(""),
                        describe_fact(x),
                        x.source,
                        about
                            .iter()
                            .map(|a| format!("{}{DASH}{}", a.a, a.b))
                            .collect::<Vec<_>>()
                    ));
                }
                let homes: Vec<&Group> =
                    exp.group.iter().filter(|g| g.expects(&f.rule, x)).collect();
                if !homes.is_empty() && !homes.iter().any(|g| g.matches(f)) {
                    failures.push(format!(
                        "{} is in {}, but is expected in {}",
                        describe_fact(x),
                        describe(f),
                        homes
                            .iter()
                            .map(|g| g.describe())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ));
                }
                let labels: BTreeSet<&str> = homes.iter().map(|g| g.pair.as_str()).collect();
                if let [one] = labels.into_iter().collect::<Vec<_>>().as_slice() {
                    expected_in
                        .entry(one.to_string())
                        .or_default()
                        .push(describe_fact(x));
                }
            } else if let Some(p) = seeds_pair.get(&fact_id(&f.rule, x)) {
                expected_in
                    .entry(p.clone())
                    .or_default()
                    .push(format!("{} (seeds)", describe_fact(x)));
            }
        }
        if expected_in.len() > 1 {
            let labels: Vec<&String> = expected_in.keys().collect();
            let listed = exp
                .never_mix
                .iter()
                .filter(|n| labels.contains(&&n.pairs[0]) && labels.contains(&&n.pairs[1]))
                .map(|n| {
                    format!(
                        " [never_mix {} / {}{}]",
                        n.pairs[0],
                        n.pairs[1],
                        n.note
                            .as_deref()
                            .map_or(String::new(), |s| format!(": {s}"))
                    )
                })
                .collect::<String>();
            let mut m = format!("{} mixes pairs{listed}:", describe(f));
            for (p, xs) in &expected_in {
                let _ = write!(m, "\n  expected under {p}:");
                for x in xs {
                    let _ = write!(m, "\n    - {x}");
                }
            }
            failures.push(m);
        }
    }
    // Each pair that must never be mixed has a group of its own, or the
    // check above proves nothing about it.
    let labels: BTreeSet<&str> = both
        .findings
        .iter()
        .filter_map(|f| label(f, "pair"))
        .collect();
    if labels.is_empty() {
        failures.push(format!(
            "no finding of the run has a `pair` key dimension, so none of the {} [[never_mix]] entries is tested",
            exp.never_mix.len()
        ));
    } else {
        for n in &exp.never_mix {
            let missing: Vec<&String> = n
                .pairs
                .iter()
                .filter(|p| !labels.contains(p.as_str()))
                .collect();
            if !missing.is_empty() {
                failures.push(format!(
                    "never_mix {} / {}: no group is keyed pair={missing:?}, so keeping them apart is not tested; pair labels in the run: {labels:?}",
                    n.pairs[0], n.pairs[1]
                ));
            }
        }
    }
    report("pairs kept apart", failures);
}

/// Check 3: figures that belong to no pair are in no pair group; facts that
/// must not exist do not.
#[test]
fn unkeyed_figures_stay_out_of_pair_groups() {
    let r = &runs().both;
    let exp = expected();
    let mut failures = Vec::new();
    for u in &exp.unkeyed {
        for f in &r.findings {
            let Some(p) = pair_of(f) else { continue };
            for x in f.facts() {
                if *x.source == *u.source && value_is(&x.value, &u.value) {
                    failures.push(format!(
                        "«{}» ({}{}) is not bilateral, but {} is in {} (pair {}{DASH}{})",
                        u.text,
                        u.source,
                        u.note
                            .as_deref()
                            .map_or(String::new(), |n| format!("; {n}")),
                        describe_fact(x),
                        describe(f),
                        p.a,
                        p.b
                    ));
                }
            }
        }
    }
    for a in &exp.absent {
        let want = parse_pair(&a.pair).ok();
        for f in &r.findings {
            if f.rule == a.rule
                && let (Some(p), Some(w)) = (pair_of(f), &want)
                && p.countries() == w.countries()
            {
                failures.push(format!(
                    "no {} group for {} was expected{}, found {}:\n{}",
                    a.rule,
                    a.pair,
                    a.note
                        .as_deref()
                        .map_or(String::new(), |n| format!(" ({n})")),
                    describe(f),
                    f.facts()
                        .map(|x| format!("  - {}", describe_fact(x)))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
    }
    report("figures kept out of pair groups", failures);
}

/// Check 4: the seeds' groups keep their verdicts and facts when the mixed
/// corpus joins the run.
#[test]
fn seeds_findings_are_unchanged() {
    let Runs { both, seeds } = runs();
    let exp = expected();
    // Where each fact of the combined run landed.
    let home: BTreeMap<_, &Finding> = both
        .findings
        .iter()
        .flat_map(|f| f.facts().map(move |x| (fact_id(&f.rule, x), f)))
        .collect();
    let mut failures = Vec::new();
    for s in &seeds.findings {
        let Some(c) = both
            .findings
            .iter()
            .find(|c| c.rule == s.rule && c.key == s.key)
        else {
            let went: BTreeSet<String> = s
                .facts()
                .filter_map(|x| home.get(&fact_id(&s.rule, x)))
                .map(|f| describe(f))
                .collect();
            failures.push(format!(
                "seeds group {} is gone from the combined run; its facts are now in: {went:?}",
                describe(s)
            ));
            continue;
        };
        if c.verdict != s.verdict {
            failures.push(format!(
                "seeds group {}: {} on seeds/ alone, {} with the mixed corpus ({}); facts added by the mixed corpus:\n{}",
                describe(s),
                s.verdict.code(),
                c.verdict.code(),
                c.note,
                c.facts()
                    .filter(|x| is_mixed(x))
                    .map(|x| format!("  - {}", describe_fact(x)))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        let before: BTreeSet<_> = s.facts().map(|x| fact_id(&s.rule, x)).collect();
        let after: BTreeSet<_> = c
            .facts()
            .filter(|x| !is_mixed(x))
            .map(|x| fact_id(&c.rule, x))
            .collect();
        for gone in before.difference(&after) {
            failures.push(format!(
                "seeds group {}: its fact {} ({} at byte {}) left it{}",
                describe(s),
                gone.3,
                gone.1,
                gone.2,
                home.get(gone)
                    .map_or(String::new(), |f| format!(" for {}", describe(f)))
            ));
        }
        for came in after.difference(&before) {
            failures.push(format!(
                "seeds group {}: the seeds fact {} ({} at byte {}) joined it with the mixed corpus",
                describe(s),
                came.3,
                came.1,
                came.2
            ));
        }
        for x in c.facts().filter(|x| is_mixed(x)) {
            let allowed = exp
                .group
                .iter()
                .any(|g| g.extends_seeds && g.matches(c) && g.expects(&c.rule, x));
            if !allowed {
                failures.push(format!(
                    "seeds group {} gained {}, which expected.toml does not put there",
                    describe(s),
                    describe_fact(x)
                ));
            }
        }
    }
    report(
        "seeds' findings with the mixed corpus (compared with a run on seeds/ alone)",
        failures,
    );
}

// ------------------------------------------------------ the fixture itself

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    source: Vec<ManifestEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestEntry {
    file: String,
    id: String,
    title: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    date: Option<String>,
}

/// The corpus and expected.toml are what the tests above assume: a dated,
/// titled manifest entry per article, the languages and pairs the corpus is
/// meant to cover, and expectations that name its sources and quote it.
#[test]
fn the_fixture_is_well_formed() {
    let dir = Path::new(mixed_dir());
    let manifest: Manifest =
        toml::from_str(&std::fs::read_to_string(dir.join("sources.toml")).expect("sources.toml"))
            .expect("sources.toml parses");
    let exp = expected();
    let mut failures = Vec::new();
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    let mut texts: BTreeMap<&str, String> = BTreeMap::new();
    for e in &manifest.source {
        let text = std::fs::read_to_string(dir.join(&e.file)).unwrap_or_default();
        let words = text.split_whitespace().count();
        if !(120..=400).contains(&words) {
            failures.push(format!("{}: {words} words, not 120–400", e.file));
        }
        if !e.id.starts_with(prefix()) {
            failures.push(format!(
                "{}: id {} does not start with {}",
                e.file,
                e.id,
                prefix()
            ));
        }
        let date_ok = e.date.as_deref().is_some_and(|d| {
            d.len() == 10
                && d.bytes().enumerate().all(|(i, c)| match i {
                    4 | 7 => c == b'-',
                    _ => c.is_ascii_digit(),
                })
        });
        if !date_ok {
            failures.push(format!("{}: no date (YYYY-MM-DD): {:?}", e.file, e.date));
        }
        let first_line = text.lines().next().unwrap_or("").trim_start_matches("# ");
        match &e.title {
            Some(t) if t == first_line => {}
            t => failures.push(format!(
                "{}: the title {t:?} is not the headline {first_line:?}",
                e.file
            )),
        }
        if e.publisher.as_deref().is_none_or(str::is_empty) {
            failures.push(format!("{}: no publisher", e.file));
        }
        *languages
            .entry(e.language.as_deref().unwrap_or("?"))
            .or_default() += 1;
        texts.insert(e.id.as_str(), text);
    }
    for entry in std::fs::read_dir(dir).expect("the fixture folder") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        let source = name.ends_with(".txt") || name.ends_with(".md");
        if source && name != "README.md" && !manifest.source.iter().any(|e| e.file == name) {
            failures.push(format!("{name} is not in sources.toml"));
        }
    }
    let n = manifest.source.len();
    let shape = shape();
    if !shape.articles.contains(&n) {
        failures.push(format!(
            "{n} articles, not {}–{}",
            shape.articles.start(),
            shape.articles.end()
        ));
    }
    for (lang, min) in shape.languages {
        let have = languages.get(lang).copied().unwrap_or(0);
        if have < min {
            failures.push(format!("{have} articles in {lang}, fewer than {min}"));
        }
    }

    let ids: BTreeSet<&str> = texts.keys().copied().collect();
    let about: BTreeMap<&str, &Vec<String>> = exp
        .article
        .iter()
        .map(|a| (a.id.as_str(), &a.pairs))
        .collect();
    for id in &ids {
        if !about.contains_key(id) {
            failures.push(format!("{id} has no [[article]] in expected.toml"));
        }
    }
    let mut pairs = BTreeSet::new();
    for a in &exp.article {
        if !ids.contains(a.id.as_str()) {
            failures.push(format!("[[article]] {} is not in sources.toml", a.id));
        }
        for p in &a.pairs {
            match parse_pair(p) {
                Ok(q) if !q.directed => {
                    pairs.insert(p.as_str());
                }
                Ok(_) => failures.push(format!("[[article]] {}: {p} has an arrow", a.id)),
                Err(why) => failures.push(format!("[[article]] {}: {p}: {why}", a.id)),
            }
        }
    }
    let verdicts: BTreeSet<&str> = exp.group.iter().map(|g| g.verdict.as_str()).collect();
    for g in &exp.group {
        let d = g.describe();
        if !RULES.contains(&g.rule.as_str()) {
            failures.push(format!("{d}: unknown rule"));
        }
        if !["conflict", "agree", "single"].contains(&g.verdict.as_str()) {
            failures.push(format!("{d}: verdict {:?}", g.verdict));
        }
        if let Some(dir) = &g.direction
            && !["total", "flow", "exports", "imports"].contains(&dir.as_str())
        {
            failures.push(format!("{d}: direction {dir:?}"));
        }
        if g.values.is_empty() || g.sources.is_empty() {
            failures.push(format!("{d}: no values or no sources"));
        }
        match parse_pair(&g.pair) {
            Ok(p) => {
                if g.direction
                    .as_deref()
                    .is_some_and(|x| (x == "total") == p.directed)
                {
                    failures.push(format!("{d}: a total is \"A–B\", a flow \"A → B\""));
                }
                for s in &g.sources {
                    let fits = about.get(s.as_str()).is_some_and(|ps| {
                        ps.iter()
                            .filter_map(|q| parse_pair(q).ok())
                            .any(|q| q.countries() == p.countries())
                    });
                    if !fits {
                        failures.push(format!("{d}: {s} is not about {}", g.pair));
                    }
                }
            }
            Err(why) => failures.push(format!("{d}: {why}")),
        }
    }
    for v in ["conflict", "agree", "single"] {
        if !verdicts.contains(v) {
            failures.push(format!("no group is expected to {v}"));
        }
    }
    let others = pairs.iter().filter(|p| **p != "Israel–Kazakhstan").count();
    if others < 5 {
        failures.push(format!(
            "{others} pairs besides Israel–Kazakhstan, fewer than 5"
        ));
    }
    if exp.unkeyed.is_empty() {
        failures.push("no [[unkeyed]] figure".into());
    }
    for u in &exp.unkeyed {
        match texts.get(u.source.as_str()) {
            Some(t) if t.contains(&u.text) => {}
            Some(_) => failures.push(format!("[[unkeyed]] «{}» is not in {}", u.text, u.source)),
            None => failures.push(format!("[[unkeyed]] {}: no such source", u.source)),
        }
        if u.value.parse::<f64>().is_err() {
            failures.push(format!("[[unkeyed]] «{}»: value {:?}", u.text, u.value));
        }
    }
    for n in &exp.never_mix {
        for p in &n.pairs {
            if let Err(why) = parse_pair(p) {
                failures.push(format!("[[never_mix]] {p}: {why}"));
            }
        }
    }
    for a in &exp.absent {
        if let Err(why) = parse_pair(&a.pair) {
            failures.push(format!("[[absent]] {}: {why}", a.pair));
        }
    }
    report(mixed_dir(), failures);
}

#[test]
fn pair_labels_are_read_strictly() {
    assert!(parse_pair("Azerbaijan–Israel").is_ok());
    assert!(parse_pair("Kazakhstan → Israel").is_ok_and(|p| p.directed));
    assert!(parse_pair("Israel–Azerbaijan").is_err(), "not alphabetical");
    assert!(parse_pair("Azerbaijan–Israel–Kazakhstan").is_err());
    assert!(parse_pair("Israel, Kazakhstan → Azerbaijan").is_err());
    assert!(parse_pair("Israel").is_err());
    assert!(parse_pair("Israel–Israel").is_err());
    assert!(is_placeholder("(pair not named)"));
    assert_eq!(sci(8_199_999_999.999_999), "8.2e9");
    assert_eq!(sci(60_400_000.0), "6.04e7");
    assert_eq!(sci(1992.0), "1.992e3");
}
