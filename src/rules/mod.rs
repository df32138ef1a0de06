//! Rules: what a comparable fact is and how to find it.
//!
//! Rule files (TOML, one or more `[[rule]]` each) are parsed into spanned raw
//! types, then validated into `Rule`s. Every problem of every file is
//! collected with its `file:line:column` before anything is reported.

mod example;
pub mod limits;
pub mod pattern;
pub mod raw;
mod report;
pub mod suppress;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::text::fold_str;
pub use pattern::{Class, Pattern};
use validate::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Money,
    Count,
    Percent,
    Multiplier,
    Date,
    Category,
    /// Tonnes, barrels a day, km, MW: the unit must agree (`unit`).
    Quantity,
}

impl RuleKind {
    pub const ALL: &'static [(&'static str, RuleKind)] = &[
        ("money", RuleKind::Money),
        ("count", RuleKind::Count),
        ("percent", RuleKind::Percent),
        ("multiplier", RuleKind::Multiplier),
        ("date", RuleKind::Date),
        ("category", RuleKind::Category),
        ("quantity", RuleKind::Quantity),
    ];

    /// Kinds that also name what a percent measures: "percent:change"
    /// reads only changes ("fell 3.2%"), "percent:rate" only rates,
    /// "percent:share" only shares and levels.
    pub fn parse(name: &str) -> Option<(RuleKind, Option<crate::value::Role>)> {
        if let Some(role) = name.strip_prefix("percent:") {
            let role = crate::value::Role::ALL
                .into_iter()
                .find(|r| r.name() == role)?;
            return Some((RuleKind::Percent, Some(role)));
        }
        RuleKind::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| (*k, None))
    }

    pub fn name(self) -> &'static str {
        RuleKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("?", |(n, _)| n)
    }

    /// Slots that may carry this kind's value.
    pub fn value_slots(self) -> &'static [&'static str] {
        match self {
            RuleKind::Money => &["money"],
            RuleKind::Count => &["count", "number"],
            RuleKind::Percent => &["percent"],
            RuleKind::Multiplier => &["multiplier"],
            RuleKind::Date => &["date", "year"],
            RuleKind::Category => &["category"],
            RuleKind::Quantity => &["quantity"],
        }
    }

    pub fn is_time(self) -> bool {
        self == RuleKind::Date
    }
}

/// A limit on a gap: a ratio for magnitudes ("10%" = 1.10, "1.5"), a number
/// of days for dates ("31d", "1y").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    Ratio(f64),
    Days(f64),
}

impl Threshold {
    pub fn parse(s: &str) -> Option<Threshold> {
        let s = s.trim();
        let num = |t: &str| {
            t.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
        };
        if let Some(p) = s.strip_suffix('%') {
            return num(p).map(|v| Threshold::Ratio(1.0 + v / 100.0));
        }
        for (suffix, days) in [("d", 1.0), ("m", 30.44), ("y", 365.25)] {
            if let Some(p) = s.strip_suffix(suffix) {
                return num(p).map(|v| Threshold::Days(v * days));
            }
        }
        num(s).filter(|v| *v >= 1.0).map(Threshold::Ratio)
    }
}

/// A key dimension facts are grouped by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDim {
    /// The time the figure is about (a year, a month range…).
    Period,
    /// A rule-defined category of the context, e.g. a flow's direction.
    Dimension(String),
    /// The two parties a figure is about ("Israel–Kazakhstan"; "Kazakhstan
    /// → Israel" when ordered), found in its context (`[rule.parties]`).
    Pair,
    /// The one party a figure is about ("Kazakhstan").
    Party,
}

impl KeyDim {
    pub fn name(&self) -> &str {
        match self {
            KeyDim::Period => "period",
            KeyDim::Dimension(n) => n,
            KeyDim::Pair => "pair",
            KeyDim::Party => "party",
        }
    }
}

/// When a pair is ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ordered {
    Never,
    Always,
    /// For these labels of the `direction` dimension.
    When(Vec<String>),
}

/// Whose figure it is: how a rule finds its parties.
#[derive(Debug, Clone)]
pub struct Parties {
    /// The entity kind of the parties ("country").
    pub kind: String,
    pub ordered: Ordered,
    /// The direction label of an ordered pair's figure.
    pub flow: Option<String>,
    /// `from` and `to`: phrases whose entity slot names that side.
    pub roles: Phrasebook,
}

impl Default for Parties {
    fn default() -> Parties {
        Parties {
            kind: crate::entity::COUNTRY.to_string(),
            ordered: Ordered::Never,
            flow: None,
            roles: Vec::new(),
        }
    }
}

/// Labels, each with the phrases that signal it (authorities, dimension
/// values, categories).
pub type Phrasebook = Vec<(String, Vec<String>)>;

#[derive(Debug, Clone, PartialEq)]
pub struct Adjust {
    pub factor: f64,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct Ratio {
    pub of: String,
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// Expected value in the canonical form of `fact::FactValue::canonical`; `None` for
    /// an example that must not match.
    pub value: Option<String>,
    pub key: BTreeMap<String, String>,
    pub authority: Option<String>,
    pub date: Option<crate::calendar::Day>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: RuleKind,
    /// What the percents it reads must measure (`kind = "percent:change"`).
    pub role: Option<crate::value::Role>,
    pub unit: Option<String>,
    pub key: Vec<KeyDim>,
    pub tolerance: Threshold,
    pub minor: Threshold,
    pub discrepancy: Threshold,
    /// The conflict grade from which a finding is a warning (`warn`);
    /// `None`: every conflict.
    pub warn: Option<crate::finding::Grade>,
    /// The conflict grade from which a finding fails `check` (`fail`);
    /// `None`: the run's `--fail-on`.
    pub fail: Option<crate::finding::Grade>,
    /// How far "about" widens a figure (0.10 = 10%).
    pub approx: f64,
    pub patterns: Vec<Pattern>,
    pub attribution: Phrasebook,
    pub dimensions: Vec<(String, Phrasebook)>,
    /// The label a dimension takes when a figure's context names none of
    /// its phrases (`default` in the dimension's table).
    pub dimension_defaults: Vec<(String, String)>,
    pub categories: Phrasebook,
    pub ratio: Option<Ratio>,
    /// How the parties of a `pair` or `party` key are found.
    pub parties: Parties,
    /// Per-authority factors applied before comparison (CIF→FOB and the like).
    pub adjust: Vec<(String, Adjust)>,
    /// Known reasons sources differ on this fact, printed beside conflicts.
    pub known_causes: Vec<String>,
    pub examples: Vec<Example>,
    pub file: PathBuf,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// The user's own entities (`[[entity]]` in rule files and the config).
    pub entities: Vec<crate::entity::UserEntity>,
    /// Suppressions written in rule files (`[[suppress]]`).
    pub suppressions: Vec<crate::rules::suppress::Suppression>,
    /// Identifies the rule files' contents (and this crosscheck's version):
    /// facts read under one fingerprint are compared only under it.
    pub fingerprint: String,
}

impl RuleSet {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Loads every `*.toml` rule file in the given folders and files.
pub fn load(paths: &[PathBuf], diags: &mut Vec<Diagnostic>) -> RuleSet {
    load_with(paths, None, &[], diags)
}

/// `load`, with the tolerance figure rules get when they set none.
pub fn load_with(
    paths: &[PathBuf],
    default_tolerance: Option<Threshold>,
    extra_entities: &[crate::entity::UserEntity],
    diags: &mut Vec<Diagnostic>,
) -> RuleSet {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut v: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.extension().is_some_and(|e| e == "toml"))
                        .collect();
                    v.sort();
                    files.extend(v);
                }
                Err(e) => diags.push(
                    Diagnostic::error("io", p, format!("cannot read the rules folder: {e}"))
                        .help("pass an existing folder of .toml rule files with --rules"),
                ),
            }
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            diags.push(
                Diagnostic::error("io", p, "no such rule file or folder").help("check the path"),
            );
        }
    }
    let mut texts = Vec::new();
    for f in &files {
        // A file past the limit is not read at all: it could be anything.
        let len = std::fs::metadata(f).map_or(0, |m| m.len());
        if len > limits::MAX_FILE_BYTES as u64 {
            diags.push(too_large_file(f, len as usize));
            continue;
        }
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push((f.clone(), t)),
            Err(e) => diags.push(Diagnostic::error("io", f, format!("cannot read: {e}"))),
        }
    }
    from_texts(&texts, default_tolerance, extra_entities, diags)
}

/// Rules from a rule file's text (for drafts and tests).
pub fn from_str(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> RuleSet {
    from_texts(&[(file.to_path_buf(), text.to_string())], None, &[], diags)
}

fn too_large_file(f: &Path, len: usize) -> Diagnostic {
    Diagnostic::error(
        "rule-too-large",
        f,
        format!(
            "the rule file has {len} bytes; a rule file may have at most {}",
            limits::MAX_FILE_BYTES
        ),
    )
    .help("split the rules into several files")
}

fn from_texts(
    texts: &[(PathBuf, String)],
    default_tolerance: Option<Threshold>,
    extra_entities: &[crate::entity::UserEntity],
    diags: &mut Vec<Diagnostic>,
) -> RuleSet {
    // Entity lists first: rules' slots may name their kinds.
    let mut entities = Vec::new();
    for (f, text) in texts {
        if text.len() <= limits::MAX_FILE_BYTES {
            entities.extend(raw::parse_entities(f, text, diags));
        }
    }
    entities.extend(extra_entities.iter().cloned());
    let mut suppressions = Vec::new();
    for (f, text) in texts {
        if text.len() <= limits::MAX_FILE_BYTES {
            suppressions.extend(crate::rules::suppress::parse(f, text, diags));
        }
    }
    let mut entity_kinds: Vec<String> = entities.iter().map(|e| e.kind.clone()).collect();
    entity_kinds.sort();
    entity_kinds.dedup();
    // Every rule with an id takes part in duplicate detection, valid or not.
    let mut seen: BTreeMap<String, (&Path, usize)> = BTreeMap::new();
    let mut keep: Vec<(Rule, &str)> = Vec::new();
    for (f, text) in texts {
        let (f, text) = (f.as_path(), text.as_str());
        if text.len() > limits::MAX_FILE_BYTES {
            diags.push(too_large_file(f, text.len()));
            continue;
        }
        let first = diags.len();
        let cap = first + limits::MAX_ERRORS_PER_FILE;
        let lines = crate::text::LineIndex::new(text);
        let items = raw::parse_file(f, text, diags);
        let total = items.len();
        for (n, item) in items.into_iter().enumerate() {
            if diags.len() >= cap {
                diags.truncate(cap);
                diags.push(
                    Diagnostic::error(
                        "rule-too-many-errors",
                        f,
                        format!(
                            "more than {} problems in this file; {} of its {total} rules were not checked",
                            limits::MAX_ERRORS_PER_FILE,
                            total - n
                        ),
                    )
                    .help("fix the problems shown, then run again"),
                );
                break;
            }
            let rule = item
                .rule
                .and_then(|raw| {
                    validate(
                        f,
                        text,
                        &lines,
                        raw,
                        (default_tolerance, &entity_kinds),
                        diags,
                        cap,
                    )
                })
                .filter(|_| !item.broken)
                .map(|(rule, _)| rule);
            if let Some(id) = &item.id {
                let (name, at) = (id.get_ref().trim(), id.span().start);
                if name.is_empty() {
                    continue;
                }
                if let Some((pf, pl)) = seen.get(name) {
                    diags.push(
                        Diagnostic::error(
                            "rule-duplicate-id",
                            f,
                            format!("rule id `{name}` is already used at {}:{pl}", pf.display()),
                        )
                        .at_indexed(text, &lines, at)
                        .help("give every rule its own id"),
                    );
                    continue;
                }
                seen.insert(name.to_string(), (f, lines.line_col(text, at).0));
            }
            keep.extend(rule.map(|r| (r, text)));
        }
        // A file's problems in the order of the file.
        diags[first..].sort_by_key(|d| (d.line, d.col));
    }
    let ids: BTreeMap<String, Phrasebook> = keep
        .iter()
        .map(|(r, _)| (r.id.clone(), r.attribution.clone()))
        .collect();
    for (rule, text) in &keep {
        if let Some(ratio) = &rule.ratio {
            let line_at = text.find("ratio").unwrap_or(0);
            match ids.get(&ratio.of) {
                None => diags.push(
                    Diagnostic::error(
                        "rule-invalid",
                        &rule.file,
                        format!("rule `{}`: ratio.of names no rule `{}`", rule.id, ratio.of),
                    )
                    .at(text, line_at)
                    .help("name the id of the rule whose figures the multiplier compares"),
                ),
                Some(auth) => {
                    for who in [&ratio.numerator, &ratio.denominator] {
                        let generic = matches!(who.as_str(), "larger" | "smaller");
                        if !generic
                            && !auth
                                .iter()
                                .any(|(n, _)| n == who || example::label_fits(n, who))
                        {
                            diags.push(
                                Diagnostic::error(
                                    "rule-invalid",
                                    &rule.file,
                                    format!(
                                        "rule `{}`: `{who}` is not an authority of `{}`",
                                        rule.id, ratio.of
                                    ),
                                )
                                .at(text, line_at)
                                .help("use a name from that rule's [rule.attribution], or `larger` and `smaller`"),
                            );
                        }
                    }
                }
            }
        }
    }
    let mut rules: Vec<Rule> = keep.into_iter().map(|(r, _)| r).collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    RuleSet {
        rules,
        entities,
        suppressions,
        fingerprint: fingerprint(texts, default_tolerance, extra_entities),
    }
}

/// FNV-1a over the rule files' contents in a fixed order, the default
/// tolerance and the crate version: the same rules give the same
/// fingerprint on every machine, wherever the files are.
fn fingerprint(
    texts: &[(PathBuf, String)],
    default_tolerance: Option<Threshold>,
    extra_entities: &[crate::entity::UserEntity],
) -> String {
    let mut contents: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
    contents.sort_unstable();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(env!("CARGO_PKG_VERSION").as_bytes());
    eat(format!("{default_tolerance:?}").as_bytes());
    eat(format!("{extra_entities:?}").as_bytes());
    // The gazetteer's data decides which facts a rule with entities reads:
    // facts cached under another gazetteer are not reused.
    eat(crate::entity::data_digest().as_bytes());
    for c in contents {
        eat(&(c.len() as u64).to_le_bytes());
        eat(c.as_bytes());
    }
    format!("{h:016x}")
}

pub(crate) fn phrasebook(map: BTreeMap<String, toml::Spanned<Vec<String>>>) -> Phrasebook {
    map.into_iter()
        .map(|(k, v)| {
            (
                k,
                v.get_ref()
                    .iter()
                    .map(|p| fold_str(p))
                    .filter(|p| !p.trim().is_empty())
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(Threshold::parse("10%"), Some(Threshold::Ratio(1.1)));
        assert_eq!(Threshold::parse("1.5"), Some(Threshold::Ratio(1.5)));
        assert_eq!(Threshold::parse("31d"), Some(Threshold::Days(31.0)));
        assert_eq!(Threshold::parse("0.5"), None);
        assert_eq!(Threshold::parse("x%"), None);
    }
}
