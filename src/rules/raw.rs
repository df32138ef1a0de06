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
    /// The conflict grade from which a finding of this rule is a warning.
    #[serde(default)]
    pub warn: Option<Spanned<String>>,
    /// The conflict grade from which a finding of this rule fails `check`.
    #[serde(default)]
    pub fail: Option<Spanned<String>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub attribution: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    pub aliases: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    pub dimension: BTreeMap<String, RawDimension>,
    #[serde(default)]
    pub categories: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    pub ratio: Option<RawRatio>,
    #[serde(default)]
    pub parties: Option<RawParties>,
    #[serde(default)]
    pub adjust: BTreeMap<String, Spanned<RawAdjust>>,
    #[serde(default)]
    pub known_causes: Vec<String>,
    #[serde(default)]
    pub example: Vec<RawExample>,
    /// Fields left out because they were of the wrong type (already
    /// reported): validation does not report what follows from their absence.
    #[serde(skip)]
    pub dropped: Vec<String>,
}

/// A `[rule.dimension.NAME]` table: each label with its phrases, and the
/// label of a figure whose context names none (`default`).
#[derive(Debug)]
pub struct RawDimension {
    pub default: Option<Spanned<String>>,
    /// Each list keeps its place (a flattened map would lose it).
    pub labels: BTreeMap<String, Spanned<Vec<String>>>,
}

impl<'de> Deserialize<'de> for RawDimension {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Labels;
        impl<'de> serde::de::Visitor<'de> for Labels {
            type Value = RawDimension;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a table of labels, each with a list of phrases, and an optional `default`",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawDimension, A::Error> {
                let mut out = RawDimension {
                    default: None,
                    labels: BTreeMap::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "default" {
                        out.default = Some(map.next_value()?);
                    } else {
                        out.labels.insert(key, map.next_value()?);
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Labels)
    }
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

/// `[rule.parties]`: whose figure it is, when the key has a `pair` or a
/// `party`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParties {
    /// The entity kind of the parties (default "country").
    #[serde(default)]
    pub kind: Option<String>,
    /// `true`: the pair is always ordered (tourists from A to B); a list:
    /// ordered for those labels of the `direction` dimension.
    #[serde(default)]
    pub ordered: Option<RawOrdered>,
    /// The direction label an ordered pair's figure takes (exports of A to
    /// B and imports of B from A are one flow).
    #[serde(default)]
    pub flow: Option<String>,
    /// Phrases with one entity slot whose entity is the origin side.
    #[serde(default)]
    pub from: Vec<String>,
    /// Phrases with one entity slot whose entity is the receiving side.
    #[serde(default)]
    pub to: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawOrdered {
    Always(bool),
    When(Vec<String>),
}

/// An `[[entity]]` table: a user's own entity, in rule files and the config.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub kind: String,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
}

impl RawEntity {
    pub fn into_entity(self) -> crate::entity::UserEntity {
        crate::entity::UserEntity {
            name: self.name.clone().unwrap_or_else(|| self.id.clone()),
            kind: self.kind,
            id: self.id,
            names: self.names,
            adjectives: self.adjectives,
        }
    }
}

/// The `[[entity]]` tables of a rule file.
pub fn parse_entities(
    file: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::entity::UserEntity> {
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new(); // reported by parse_file
    };
    let mut out = Vec::new();
    for (k, v) in table.into_inner() {
        if k.get_ref() != "entity" {
            continue;
        }
        let span = v.span();
        let DeValue::Array(items) = v.into_inner() else {
            diags.push(
                Diagnostic::error("toml-syntax", file, "`entity` must be an array of tables")
                    .at(text, span.start)
                    .help("write each entity under an [[entity]] header"),
            );
            continue;
        };
        for item in items {
            let at = item.span().start;
            match RawEntity::deserialize(ValueDeserializer::from(item)) {
                Ok(e) if e.names.is_empty() && e.name.is_none() => diags.push(
                    Diagnostic::error(
                        "rule-invalid",
                        file,
                        format!("entity `{}` has no name", e.id),
                    )
                    .at(text, at)
                    .help("give it `name` and the spellings sources use in `names`"),
                ),
                Ok(e) => out.push(e.into_entity()),
                Err(e) => diags.push(toml_error(file, text, &e)),
            }
        }
    }
    out
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

/// One `[[rule]]` table as read. Its id is kept whenever the table has
/// one, even when the rest does not deserialize, so a duplicate id is
/// reported whatever else is wrong with either rule.
pub struct RawItem {
    pub id: Option<Spanned<String>>,
    /// The rule, when its fields deserialize (unknown fields left out).
    pub rule: Option<RawRule>,
    /// A problem was reported before validation: the rule is validated for
    /// its other problems, but not kept.
    pub broken: bool,
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
pub fn parse_file(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawItem> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        diags.extend(errors.iter().map(|e| toml_error(file, text, e)));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, v) in table.into_inner() {
        if k.get_ref() == "entity" || k.get_ref() == "suppress" {
            continue; // read by parse_entities and triage::suppress::parse
        }
        if k.get_ref() != "rule" {
            diags.push(
                Diagnostic::error(
                    "toml-syntax",
                    file,
                    format!("unknown top-level key `{}`", k.get_ref()),
                )
                .at(text, k.span().start)
                .help("a rule file holds only [[rule]], [[entity]] and [[suppress]] tables"),
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
            out.push(parse_rule(file, text, item, diags));
        }
    }
    out
}

/// The fields of a `[[rule]]` table, as the serde derive knows them.
pub fn rule_fields() -> &'static [&'static str] {
    fields::<RawRule>()
}

/// Fields without which a rule cannot be read at all.
const REQUIRED: &[&str] = &["id", "title", "kind"];

/// One `[[rule]]` table: every unknown field is reported with its place
/// and left out; a field of the wrong type is reported and left out, and
/// the rest is read again, so every such problem of the rule shows at once.
fn parse_rule(
    file: &Path,
    text: &str,
    item: Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> RawItem {
    let span = item.span();
    let DeValue::Table(table) = item.into_inner() else {
        diags.push(
            Diagnostic::error("toml-syntax", file, "a `rule` entry must be a table")
                .at(text, span.start)
                .help("write each rule under a [[rule]] header"),
        );
        return RawItem {
            id: None,
            rule: None,
            broken: true,
        };
    };
    let id = table.get("id").and_then(|v| {
        v.get_ref()
            .as_str()
            .map(|s| Spanned::new(v.span(), s.to_string()))
    });
    let known = rule_fields();
    let mut broken = false;
    let mut dropped = Vec::new();
    let mut kept = DeTable::default();
    for (k, v) in table {
        if known.contains(&k.get_ref().as_ref()) {
            kept.insert(k, v);
            continue;
        }
        broken = true;
        let expected: Vec<String> = known.iter().map(|f| format!("`{f}`")).collect();
        diags.push(
            Diagnostic::error(
                "toml-syntax",
                file,
                format!(
                    "unknown field `{}`, expected one of {}",
                    k.get_ref(),
                    expected.join(", ")
                ),
            )
            .at(text, k.span().start)
            .help("see rules/README.md for the fields a rule takes"),
        );
    }
    // Each round either reads the rule or drops one field: at most one
    // round per field.
    loop {
        let value = Spanned::new(span.clone(), DeValue::Table(kept.clone()));
        match RawRule::deserialize(ValueDeserializer::from(value)) {
            Ok(mut r) => {
                r.dropped = dropped;
                return RawItem {
                    id,
                    rule: Some(r),
                    broken,
                };
            }
            Err(e) => {
                diags.push(toml_error(file, text, &e));
                // The field the error is in, unless it is one the rule
                // cannot do without.
                let at = e.span().map(|s| s.start);
                let culprit = at.and_then(|at| {
                    kept.iter()
                        .find(|(k, v)| {
                            (k.span().contains(&at) || v.span().contains(&at))
                                && !REQUIRED.contains(&k.get_ref().as_ref())
                        })
                        .map(|(k, _)| k.get_ref().to_string())
                });
                let Some(name) = culprit else {
                    return RawItem {
                        id,
                        rule: None,
                        broken: true,
                    };
                };
                kept = kept
                    .into_iter()
                    .filter(|(k, _)| k.get_ref().as_ref() != name.as_str())
                    .collect();
                dropped.push(name);
                broken = true;
            }
        }
    }
}

/// The field names a serde-derived struct accepts, read from the derive
/// itself: a deserializer that records what `deserialize_struct` is asked.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut out: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut out));
    out
}
