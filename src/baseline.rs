//! Baselines (read and written here, applied by `triage`): the conflicts
//! known when the baseline was written, each with the reason the sources
//! differ. A run with a baseline fails only on
//! conflicts that are new, or whose figures moved; entries that no longer
//! match a conflict are reported as stale.
//!
//! The file is TOML, entries sorted by rule and key, one value per line, so
//! it diffs cleanly:
//!
//! ```toml
//! version = 1
//!
//! [[conflict]]
//! rule = "trade.volume"
//! key = { direction = "total", pair = "Israel–Kazakhstan", period = "2022" }
//! grade = "major"
//! values = [
//!     "statistics of Israel: 79000000 USD",
//!     "statistics of Kazakhstan: 883000000 USD",
//! ]
//! reason = "CIF/FOB and country of origin vs consignment"
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::finding::{Finding, Verdict};

pub const VERSION: u32 = 1;

/// One known conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rule: String,
    /// The key, dimensions sorted by name.
    pub key: Vec<(String, String)>,
    /// The grade it had.
    pub grade: String,
    /// Every figure, "origin: value", sorted.
    pub values: Vec<String>,
    pub reason: String,
    /// 1-based line of its `[[conflict]]` table (0 when made in memory),
    /// and its byte offset.
    pub line: usize,
    pub at: usize,
}

impl Entry {
    /// The entry a conflict would be written as.
    pub fn of(f: &Finding) -> Entry {
        Entry {
            rule: f.rule.clone(),
            key: sorted_key(f),
            grade: match f.verdict {
                Verdict::Conflict(g) => g.name().to_string(),
                _ => String::new(),
            },
            values: values(f),
            reason: String::new(),
            line: 0,
            at: 0,
        }
    }

    /// "trade.volume · total · Israel–Kazakhstan · 2022".
    pub fn label(&self) -> String {
        let mut s = self.rule.clone();
        for (_, l) in &self.key {
            s.push_str(" · ");
            s.push_str(l);
        }
        s
    }
}

/// A finding's key, dimensions sorted: how entries are matched.
pub fn sorted_key(f: &Finding) -> Vec<(String, String)> {
    let mut k = f.key.clone();
    k.sort();
    k
}

/// Every figure of a finding as "origin: value", sorted and distinct: when
/// these change, a figure moved.
pub fn values(f: &Finding) -> Vec<String> {
    let mut v: Vec<String> = f
        .facts()
        .map(|fact| format!("{}: {}", fact.origin, fact.value.canonical()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub file: PathBuf,
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Spanned<u32>,
    #[serde(default)]
    conflict: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: String,
    #[serde(default)]
    key: BTreeMap<String, String>,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    reason: String,
}

impl Baseline {
    /// Reads a baseline file; an unreadable or invalid file is an error.
    pub fn read(file: &Path) -> Result<Baseline, Diagnostic> {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Diagnostic::error("baseline-invalid", file, format!("cannot read: {e}"))
                .help("write one with `crosscheck baseline FILE`")
        })?;
        Baseline::parse(file, &text)
    }

    pub fn parse(file: &Path, text: &str) -> Result<Baseline, Diagnostic> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::error(
                "baseline-invalid",
                file,
                e.message().trim().replace('\n', " "),
            )
            .help("a baseline holds `version = 1` and [[conflict]] tables (rule, key, grade, values, reason)");
            match e.span() {
                Some(s) => d.at(text, s.start),
                None => d,
            }
        })?;
        if *raw.version.get_ref() != VERSION {
            return Err(Diagnostic::error(
                "baseline-invalid",
                file,
                format!(
                    "baseline version {} is not one this crosscheck reads ({VERSION})",
                    raw.version.get_ref()
                ),
            )
            .at(text, raw.version.span().start)
            .help("write it anew with `crosscheck baseline FILE`"));
        }
        let lines = crate::text::LineIndex::new(text);
        let entries = raw
            .conflict
            .into_iter()
            .map(|c| {
                let at = c.span().start.min(text.len());
                let line = lines.line_col(text, at).0;
                let c = c.into_inner();
                let mut values = c.values;
                values.sort();
                values.dedup();
                Entry {
                    rule: c.rule,
                    key: c.key.into_iter().collect(),
                    grade: c.grade,
                    values,
                    reason: c.reason,
                    line,
                    at,
                }
            })
            .collect();
        Ok(Baseline {
            file: file.to_path_buf(),
            entries,
        })
    }

    /// The baseline of these conflicts, keeping the reasons of `previous`
    /// for the ones it already held (same rule and key).
    pub fn of<'a>(
        file: &Path,
        conflicts: impl IntoIterator<Item = &'a Finding>,
        previous: Option<&Baseline>,
    ) -> Baseline {
        let mut entries: Vec<Entry> = conflicts
            .into_iter()
            .map(|f| {
                let mut e = Entry::of(f);
                if let Some(old) = previous.and_then(|p| {
                    p.entries
                        .iter()
                        .find(|o| o.rule == e.rule && o.key == e.key)
                }) {
                    e.reason = old.reason.clone();
                }
                e
            })
            .collect();
        entries.sort_by(|a, b| (&a.rule, &a.key, &a.values).cmp(&(&b.rule, &b.key, &b.values)));
        entries.dedup_by(|a, b| a.rule == b.rule && a.key == b.key);
        Baseline {
            file: file.to_path_buf(),
            entries,
        }
    }

    /// The TOML text: sorted, one value per line, stable.
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        out.push_str(
            "# crosscheck baseline: conflicts known and explained.\n\
             # `check --baseline FILE` fails only on conflicts not listed here, or whose\n\
             # figures moved. Give each a reason; `crosscheck baseline FILE` rewrites the\n\
             # list and keeps the reasons of the entries that remain.\n",
        );
        let _ = writeln!(out, "version = {VERSION}");
        for e in &self.entries {
            out.push('\n');
            out.push_str("[[conflict]]\n");
            let _ = writeln!(out, "rule = {}", q(&e.rule));
            let key: Vec<String> = e
                .key
                .iter()
                .map(|(d, l)| format!("{} = {}", bare_or_quoted(d), q(l)))
                .collect();
            if key.is_empty() {
                out.push_str("key = {}\n");
            } else {
                let _ = writeln!(out, "key = {{ {} }}", key.join(", "));
            }
            let _ = writeln!(out, "grade = {}", q(&e.grade));
            out.push_str("values = [\n");
            for v in &e.values {
                let _ = writeln!(out, "    {},", q(v));
            }
            out.push_str("]\n");
            let _ = writeln!(out, "reason = {}", q(&e.reason));
        }
        out
    }
}

fn bare_or_quoted(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}
