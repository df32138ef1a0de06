//! Rules: what a comparable fact is and how to find it.
//!
//! Rule files (TOML, one or more `[[rule]]` each) are parsed into spanned raw
//! types, then validated into `Rule`s. Every problem of every file is
//! collected with its `file:line:column` before anything is reported.

pub mod pattern;
mod raw;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::text::fold_str;
pub use pattern::{Class, Pattern};
use raw::{RawExample, RawRule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Money,
    Count,
    Percent,
    Multiplier,
    Date,
    Category,
}

impl RuleKind {
    pub const ALL: &'static [(&'static str, RuleKind)] = &[
        ("money", RuleKind::Money),
        ("count", RuleKind::Count),
        ("percent", RuleKind::Percent),
        ("multiplier", RuleKind::Multiplier),
        ("date", RuleKind::Date),
        ("category", RuleKind::Category),
    ];

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
    pub unit: Option<String>,
    pub key: Vec<KeyDim>,
    pub tolerance: Threshold,
    pub minor: Threshold,
    pub discrepancy: Threshold,
    /// How far "about" widens a figure (0.10 = 10%).
    pub approx: f64,
    pub patterns: Vec<Pattern>,
    pub attribution: Phrasebook,
    pub dimensions: Vec<(String, Phrasebook)>,
    pub categories: Phrasebook,
    pub ratio: Option<Ratio>,
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
    load_with(paths, None, diags)
}

/// `load`, with the tolerance figure rules get when they set none.
pub fn load_with(
    paths: &[PathBuf],
    default_tolerance: Option<Threshold>,
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
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push((f.clone(), t)),
            Err(e) => diags.push(Diagnostic::error("io", f, format!("cannot read: {e}"))),
        }
    }
    from_texts(&texts, default_tolerance, diags)
}

/// Rules from a rule file's text (for drafts and tests).
pub fn from_str(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> RuleSet {
    from_texts(&[(file.to_path_buf(), text.to_string())], None, diags)
}

fn from_texts(
    texts: &[(PathBuf, String)],
    default_tolerance: Option<Threshold>,
    diags: &mut Vec<Diagnostic>,
) -> RuleSet {
    let mut rules: Vec<(Rule, usize, String)> = Vec::new();
    for (f, text) in texts {
        let (f, text) = (f.as_path(), text.as_str());
        for raw in raw::parse_file(f, text, diags) {
            if let Some((rule, id_at)) = validate(f, text, raw, default_tolerance, diags) {
                rules.push((rule, id_at, text.to_string()));
            }
        }
    }
    // Duplicate ids, then references between rules.
    let mut seen: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    let mut keep = Vec::new();
    for (rule, id_at, text) in rules {
        if let Some((pf, pl)) = seen.get(&rule.id) {
            diags.push(
                Diagnostic::error(
                    "rule-duplicate-id",
                    &rule.file,
                    format!(
                        "rule id `{}` is already used at {}:{}",
                        rule.id,
                        pf.display(),
                        pl
                    ),
                )
                .at(&text, id_at)
                .help("give every rule its own id"),
            );
            continue;
        }
        seen.insert(rule.id.clone(), (rule.file.clone(), rule.line));
        keep.push((rule, text));
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
                        if !auth.iter().any(|(n, _)| n == who) {
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
                                .help("use a name from that rule's [rule.attribution]"),
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
        fingerprint: fingerprint(texts, default_tolerance),
    }
}

/// FNV-1a over the rule files' contents in a fixed order, the default
/// tolerance and the crate version: the same rules give the same
/// fingerprint on every machine, wherever the files are.
fn fingerprint(texts: &[(PathBuf, String)], default_tolerance: Option<Threshold>) -> String {
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
    for c in contents {
        eat(&(c.len() as u64).to_le_bytes());
        eat(c.as_bytes());
    }
    format!("{h:016x}")
}

fn phrasebook(map: BTreeMap<String, Vec<String>>) -> Phrasebook {
    map.into_iter()
        .map(|(k, v)| {
            (
                k,
                v.iter()
                    .map(|p| fold_str(p))
                    .filter(|p| !p.trim().is_empty())
                    .collect(),
            )
        })
        .collect()
}

fn validate(
    file: &Path,
    text: &str,
    raw: RawRule,
    default_tolerance: Option<Threshold>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Rule, usize)> {
    let before = diags.iter().filter(|d| d.is_error()).count();
    let err = |code: &'static str, at: usize, msg: String, help: &str| {
        Diagnostic::error(code, file, msg)
            .at(text, at)
            .help(help.to_string())
    };
    let id_at = raw.id.span().start;
    let id = raw.id.get_ref().trim().to_string();
    if id.is_empty() {
        diags.push(err(
            "rule-invalid",
            id_at,
            "a rule id is empty".into(),
            "give the rule an id such as `trade.volume`",
        ));
    }
    let kind = match RuleKind::ALL
        .iter()
        .find(|(n, _)| *n == raw.kind.get_ref().as_str())
    {
        Some((_, k)) => Some(*k),
        None => {
            let names: Vec<&str> = RuleKind::ALL.iter().map(|(n, _)| *n).collect();
            diags.push(err(
                "rule-invalid",
                raw.kind.span().start,
                format!("unknown kind `{}`", raw.kind.get_ref()),
                &format!("use one of: {}", names.join(", ")),
            ));
            None
        }
    };
    let threshold = |v: &Option<toml::Spanned<String>>,
                     default: Threshold,
                     what: &str,
                     diags: &mut Vec<Diagnostic>| match v {
        None => default,
        Some(s) => match Threshold::parse(s.get_ref()) {
            Some(t) if kind.is_some_and(|k| k.is_time()) == matches!(t, Threshold::Days(_)) => t,
            _ => {
                let help = if kind.is_some_and(|k| k.is_time()) {
                    "dates take a duration such as \"0d\", \"31d\" or \"1y\""
                } else {
                    "figures take a percent such as \"10%\" or a ratio of at least 1 such as \"1.5\""
                };
                diags.push(err(
                    "rule-invalid",
                    s.span().start,
                    format!("invalid {what} `{}`", s.get_ref()),
                    help,
                ));
                default
            }
        },
    };
    let time = kind.is_some_and(|k| k.is_time());
    let (d_tol, d_minor, d_disc) = if time {
        (
            Threshold::Days(0.0),
            Threshold::Days(31.0),
            Threshold::Days(366.0),
        )
    } else {
        (
            default_tolerance.unwrap_or(Threshold::Ratio(1.0)),
            Threshold::Ratio(1.1),
            Threshold::Ratio(1.5),
        )
    };
    let tolerance = threshold(&raw.tolerance, d_tol, "tolerance", diags);
    let (minor, discrepancy) = match &raw.grades {
        Some(g) => (
            threshold(&g.minor, d_minor, "grade", diags),
            threshold(&g.discrepancy, d_disc, "grade", diags),
        ),
        None => (d_minor, d_disc),
    };
    if let Threshold::Ratio(t) = tolerance
        && t > 10.0
    {
        diags.push(err(
            "rule-invalid",
            raw.tolerance.as_ref().map_or(id_at, |s| s.span().start),
            "tolerance out of range".into(),
            "a tolerance above 900% compares nothing; use at most \"900%\"",
        ));
    }
    let approx = match &raw.approx {
        None => crate::value::DEFAULT_APPROX,
        Some(s) => match Threshold::parse(s.get_ref()) {
            Some(Threshold::Ratio(r)) if s.get_ref().trim().ends_with('%') && r <= 2.0 => r - 1.0,
            _ => {
                diags.push(err(
                    "rule-invalid",
                    s.span().start,
                    format!("invalid approx `{}`", s.get_ref()),
                    "write how far \"about\" widens a figure as a percent, e.g. \"10%\"",
                ));
                crate::value::DEFAULT_APPROX
            }
        },
    };
    let dimensions: Vec<(String, Phrasebook)> = raw
        .dimension
        .into_iter()
        .map(|(k, v)| (k, phrasebook(v)))
        .collect();
    let mut key = Vec::new();
    for k in &raw.key {
        match k.get_ref().as_str() {
            "period" => key.push(KeyDim::Period),
            name if dimensions.iter().any(|(n, _)| n == name) => {
                key.push(KeyDim::Dimension(name.to_string()))
            }
            name => diags.push(err(
                "rule-invalid",
                k.span().start,
                format!("key `{name}` is neither `period` nor a [rule.dimension.{name}] table"),
                "add the dimension table with its labels and phrases, or remove the key",
            )),
        }
    }
    let aliases: Vec<(String, Vec<String>)> = raw.aliases.into_iter().collect();
    let categories = phrasebook(raw.categories);
    let mut alias_slots = aliases.clone();
    if kind == Some(RuleKind::Category) {
        if categories.is_empty() {
            diags.push(err(
                "rule-invalid",
                raw.kind.span().start,
                "a category rule has no [rule.categories]".into(),
                "list each category with the phrases that name it",
            ));
        }
        // {category} is a slot of its own; aliases cannot shadow it.
        alias_slots.retain(|(n, _)| n != "category");
    }
    for (name, _) in &aliases {
        if pattern::slot_class(name).is_some() {
            diags.push(err(
                "rule-invalid",
                id_at,
                format!("alias `{name}` has the name of a built-in slot"),
                "rename the alias",
            ));
        }
    }
    let mut patterns = Vec::new();
    if raw.patterns.is_empty() {
        diags.push(err(
            "rule-invalid",
            id_at,
            format!("rule `{id}` has no patterns"),
            "add patterns = [\"context words[^.]{0,60}?{slot}\"]",
        ));
    }
    if let Some(kind) = kind {
        for p in &raw.patterns {
            let at = p.span().start + 1; // inside the quote
            match pattern::compile(p.get_ref(), kind.value_slots(), &alias_slots) {
                Ok(c) => patterns.push(c),
                Err(pattern::PatternError::UnknownSlot { name, offset }) => {
                    let mut known: Vec<&str> = pattern::SLOTS.iter().map(|(n, _)| *n).collect();
                    known.extend(aliases.iter().map(|(n, _)| n.as_str()));
                    diags.push(err(
                        "rule-unknown-slot",
                        at + offset,
                        format!("unknown slot `{{{name}}}`"),
                        &format!("known slots here: {}", known.join(", ")),
                    ));
                }
                Err(pattern::PatternError::MissingSlot) => diags.push(err(
                    "rule-missing-slot",
                    at,
                    format!("pattern has no slot for a {} value", kind.name()),
                    &format!(
                        "put one of {} where the value stands",
                        kind.value_slots()
                            .iter()
                            .map(|s| format!("{{{s}}}"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                )),
                Err(pattern::PatternError::TwoValueSlots { offset }) => diags.push(err(
                    "rule-invalid",
                    at + offset,
                    "pattern has two slots for the rule's value".into(),
                    "keep one value slot per pattern; write a second pattern for the other",
                )),
                Err(pattern::PatternError::Regex(m)) => diags.push(err(
                    "rule-invalid-regex",
                    at,
                    format!("invalid regex: {m}"),
                    "fix the regular expression (regex crate syntax)",
                )),
            }
        }
    }
    let attribution = phrasebook(raw.attribution);
    let ratio = raw.ratio.map(|r| Ratio {
        of: r.of,
        numerator: r.numerator,
        denominator: r.denominator,
    });
    let mut adjust = Vec::new();
    for (who, a) in raw.adjust {
        let at = a.span().start;
        let a = a.into_inner();
        if !attribution.iter().any(|(n, _)| *n == who) {
            diags.push(err(
                "rule-invalid",
                at,
                format!("adjust names `{who}`, which [rule.attribution] does not list"),
                "adjust takes the rule's authority names",
            ));
        } else if !(a.factor.is_finite() && a.factor > 0.0) {
            diags.push(err(
                "rule-invalid",
                at,
                format!("adjust factor {} is not a positive number", a.factor),
                "e.g. factor = 0.943 for importer values ÷ 1.06",
            ));
        } else {
            adjust.push((
                who,
                Adjust {
                    factor: a.factor,
                    note: a.note,
                },
            ));
        }
    }
    let known_causes = raw.known_causes;
    let examples = raw
        .example
        .into_iter()
        .filter_map(|e| example(file, text, e, &attribution, &dimensions, diags))
        .collect();
    let line = crate::text::LineIndex::new(text).line_col(text, id_at).0;
    if diags.iter().filter(|d| d.is_error()).count() > before {
        return None;
    }
    Some((
        Rule {
            id,
            title: raw.title,
            kind: kind?,
            unit: raw.unit,
            key,
            tolerance,
            minor,
            discrepancy,
            approx,
            patterns,
            attribution,
            dimensions,
            categories,
            ratio,
            adjust,
            known_causes,
            examples,
            file: file.to_path_buf(),
            line,
        },
        id_at,
    ))
}

fn example(
    file: &Path,
    text: &str,
    e: RawExample,
    attribution: &Phrasebook,
    dimensions: &[(String, Phrasebook)],
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let at = e.text.span().start;
    let line = crate::text::LineIndex::new(text).line_col(text, at).0;
    if let Some(a) = &e.authority
        && !attribution.iter().any(|(n, _)| n == a.get_ref())
    {
        diags.push(
            Diagnostic::error(
                "rule-bad-example",
                file,
                format!(
                    "example names authority `{}`, which the rule does not list",
                    a.get_ref()
                ),
            )
            .at(text, a.span().start)
            .help("use a name from [rule.attribution]"),
        );
    }
    for k in e.key.keys() {
        if k != "period" && !dimensions.iter().any(|(n, _)| n == k) {
            diags.push(
                Diagnostic::error(
                    "rule-bad-example",
                    file,
                    format!("example names key `{k}`, which the rule does not have"),
                )
                .at(text, at)
                .help("use `period` or a dimension of the rule"),
            );
        }
    }
    let date = match &e.date {
        None => None,
        Some(d) => match crate::calendar::Day::parse_iso(d.get_ref()) {
            Some(day) => Some(day),
            None => {
                diags.push(
                    Diagnostic::error(
                        "rule-bad-example",
                        file,
                        format!("`{}` is not a date", d.get_ref()),
                    )
                    .at(text, d.span().start)
                    .help("write the example's date as YYYY-MM-DD"),
                );
                None
            }
        },
    };
    if e.value.is_none() && !e.no_match {
        diags.push(
            Diagnostic::error(
                "rule-bad-example",
                file,
                "example has neither `value` nor `no_match = true`",
            )
            .at(text, at)
            .help("say what the sentence must yield, or that it must not match"),
        );
    }
    Some(Example {
        text: e.text.into_inner(),
        value: e.value.map(|v| v.into_inner()),
        key: e.key,
        authority: e.authority.map(|a| a.into_inner()),
        date,
        line,
    })
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
