//! Suppressions: known conflicts a user has explained, keyed by the fact
//! (rule, key, origins, sources), never by a line, so they survive edits to
//! the documents. Written as `[[suppress]]` tables in `crosscheck.toml` or
//! in a rule file:
//!
//! ```toml
//! [[suppress]]
//! rule = "trade.volume"
//! key = { pair = "Israel–Kazakhstan", period = "2022" }   # optional, any subset
//! origins = ["statistics of Israel"]                      # optional, all must take part
//! sources = ["003"]                                       # optional, any must take part
//! reason = "Israel counts goods by country of origin, Kazakhstan by consignment"
//! expires = "2027-06-30"                                  # optional
//! ```
//!
//! A suppression that matches no conflict, or has expired, is reported
//! (`suppression-unused`, `suppression-expired`), as ruff reports an unused
//! `noqa`; an expired one no longer hides anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::calendar::Day;
use crate::diag::Diagnostic;
use crate::finding::Finding;

/// One `[[suppress]]` table, as read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSuppression {
    pub rule: String,
    #[serde(default)]
    pub key: BTreeMap<String, String>,
    #[serde(default)]
    pub origins: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub expires: Option<Spanned<String>>,
}

/// A suppression, with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rule: String,
    /// Key dimensions that must have these labels (others are free).
    pub key: Vec<(String, String)>,
    /// Origins that must all take part in the conflict (their display form).
    pub origins: Vec<String>,
    /// Source ids of which at least one must take part.
    pub sources: Vec<String>,
    pub reason: String,
    pub expires: Option<Day>,
    /// Where it is written: file, 1-based line and column.
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// Byte offset of its table in the file.
    pub at: usize,
}

impl Suppression {
    /// Whether it covers a finding.
    pub fn covers(&self, f: &Finding) -> bool {
        if *f.rule != *self.rule {
            return false;
        }
        let key_ok = self
            .key
            .iter()
            .all(|(d, l)| f.key.iter().any(|(fd, fl)| fd == d && fl == l));
        let origins_ok = self
            .origins
            .iter()
            .all(|o| f.origins.iter().any(|(fo, _)| fo.to_string() == *o));
        let sources_ok = self.sources.is_empty()
            || f.facts()
                .any(|fact| self.sources.iter().any(|s| **s == *fact.source));
        key_ok && origins_ok && sources_ok
    }

    /// `file:line:col`.
    pub fn place(&self) -> String {
        format!("{}:{}:{}", self.file.display(), self.line, self.col)
    }

    /// A warning at the suppression, showing its line when the file is
    /// still as it was read.
    pub fn diagnostic(&self, code: &'static str, message: String) -> Diagnostic {
        diagnostic_at(&self.file, self.at, (self.line, self.col), code, message)
    }
}

/// Reads one `[[suppress]]` table at `span` of `text`; problems go to
/// `diags` and the suppression is left out.
pub fn from_raw(
    file: &Path,
    text: &str,
    start: usize,
    raw: RawSuppression,
    diags: &mut Vec<Diagnostic>,
) -> Option<Suppression> {
    let reason = raw.reason.unwrap_or_default();
    if reason.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                "suppression-invalid",
                file,
                format!("the suppression of `{}` gives no reason", raw.rule),
            )
            .at(text, start)
            .help("say why these sources may differ: `reason = \"…\"`"),
        );
        return None;
    }
    let expires = match &raw.expires {
        None => None,
        Some(e) => match Day::parse_iso(e.get_ref()) {
            Some(d) => Some(d),
            None => {
                diags.push(
                    Diagnostic::error(
                        "suppression-invalid",
                        file,
                        format!("`{}` is not a date", e.get_ref()),
                    )
                    .at(text, e.span().start)
                    .help("write the expiry as YYYY-MM-DD"),
                );
                return None;
            }
        },
    };
    let lines = crate::text::LineIndex::new(text);
    let (line, col) = lines.line_col(text, start.min(text.len()));
    Some(Suppression {
        rule: raw.rule,
        key: raw.key.into_iter().collect(),
        origins: raw.origins,
        sources: raw.sources,
        reason,
        expires,
        file: file.to_path_buf(),
        line,
        col,
        at: start,
    })
}

/// The `[[suppress]]` tables of a TOML file's text (a rule file or the
/// configuration). Syntax errors of the file itself are reported by whoever
/// reads the rest of it.
pub fn parse(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Suppression> {
    use toml::de::{DeTable, DeValue, ValueDeserializer};
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in table.into_inner() {
        if k.get_ref() != "suppress" {
            continue;
        }
        let span = v.span();
        let DeValue::Array(items) = v.into_inner() else {
            diags.push(
                Diagnostic::error("toml-syntax", file, "`suppress` must be an array of tables")
                    .at(text, span.start)
                    .help("write each suppression under a [[suppress]] header"),
            );
            continue;
        };
        for item in items {
            let at = item.span().start;
            match RawSuppression::deserialize(ValueDeserializer::from(item)) {
                Ok(raw) => out.extend(from_raw(file, text, at, raw, diags)),
                Err(e) => {
                    let d = Diagnostic::error(
                        "toml-syntax",
                        file,
                        e.message().trim().replace('\n', " "),
                    )
                    .help("a suppression takes rule, key, origins, sources, reason and expires");
                    diags.push(d.at(text, e.span().map_or(at, |s| s.start)));
                }
            }
        }
    }
    out
}

/// A warning at byte `at` of `file` (line and column as read): the file is
/// read again to show the line, which costs nothing in a clean run.
pub(crate) fn diagnostic_at(
    file: &Path,
    at: usize,
    (line, col): (usize, usize),
    code: &'static str,
    message: String,
) -> Diagnostic {
    // The line is shown only when the file still has the table there.
    let text = std::fs::read_to_string(file).ok().filter(|t| {
        t.is_char_boundary(at) && crate::text::LineIndex::new(t).line_col(t, at).0 == line
    });
    let d = Diagnostic::warning(code, file, message);
    match text {
        Some(t) => d.at(&t, at),
        None => with_place(d, line, col),
    }
}

fn with_place(mut d: Diagnostic, line: usize, col: usize) -> Diagnostic {
    d.line = line;
    d.col = col;
    d
}
