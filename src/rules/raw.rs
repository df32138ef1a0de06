//! Rule files as written: strict, spanned serde types.
//!
//! Each `[[rule]]` is deserialized on its own from a spanned parse of the
//! file, so one broken rule does not hide the problems of the others, and
//! every error keeps the position it came from.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diag::Diagnostic;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub title: String,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub key: Vec<Spanned<String>>,
    #[serde(default)]
    pub tolerance: Option<Spanned<String>>,
    #[serde(default)]
    pub approx: Option<Spanned<String>>,
    #[serde(default)]
    pub grades: Option<RawGrades>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub attribution: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub dimension: BTreeMap<String, RawDimension>,
    #[serde(default)]
    pub categories: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub ratio: Option<RawRatio>,
    #[serde(default)]
    pub adjust: BTreeMap<String, Spanned<RawAdjust>>,
    #[serde(default)]
    pub known_causes: Vec<String>,
    #[serde(default)]
    pub example: Vec<RawExample>,
}

/// A `[rule.dimension.NAME]` table: each label with its phrases, and the
/// label of a figure whose context names none (`default`).
#[derive(Debug, Deserialize)]
pub struct RawDimension {
    #[serde(default)]
    pub default: Option<Spanned<String>>,
    #[serde(flatten)]
    pub labels: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdjust {
    pub factor: f64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrades {
    #[serde(default)]
    pub minor: Option<Spanned<String>>,
    #[serde(default)]
    pub discrepancy: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRatio {
    pub of: String,
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: Spanned<String>,
    #[serde(default)]
    pub value: Option<Spanned<String>>,
    #[serde(default)]
    pub key: BTreeMap<String, String>,
    #[serde(default)]
    pub authority: Option<Spanned<String>>,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub no_match: bool,
}

fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim().replace('\n', " ");
    let d = Diagnostic::error("toml-syntax", file, msg)
        .help("see rules/README.md for the fields a rule takes and their types");
    match e.span() {
        Some(sp) => d.at(text, sp.start),
        None => d,
    }
}

/// The rules of one file; problems go to `diags`.
pub fn parse_file(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawRule> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        diags.extend(errors.iter().map(|e| toml_error(file, text, e)));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, v) in table.into_inner() {
        if k.get_ref() != "rule" {
            diags.push(
                Diagnostic::error(
                    "toml-syntax",
                    file,
                    format!("unknown top-level key `{}`", k.get_ref()),
                )
                .at(text, k.span().start)
                .help("a rule file holds only [[rule]] tables"),
            );
            continue;
        }
        let span = v.span();
        let items = match v.into_inner() {
            DeValue::Array(a) => a.into_iter().collect::<Vec<_>>(),
            _ => {
                diags.push(
                    Diagnostic::error("toml-syntax", file, "`rule` must be an array of tables")
                        .at(text, span.start)
                        .help("write each rule under a [[rule]] header"),
                );
                continue;
            }
        };
        for item in items {
            match RawRule::deserialize(ValueDeserializer::from(item)) {
                Ok(r) => out.push(r),
                Err(e) => diags.push(toml_error(file, text, &e)),
            }
        }
    }
    out
}
