//! The comparer: facts → findings.
//!
//! Facts are grouped by rule and key (facts for different periods or
//! directions are never compared); every pair of distinct origins in a group
//! gets a verdict; the group's verdict is the worst pair's. Multiplier rules
//! with a `ratio` are checked against the figures of the rule they compare,
//! and stand as evidence of a conflict where those figures are missing.

mod values;

use std::collections::BTreeMap;

use crate::fact::{Fact, FactKey, FactValue, Origin};
use crate::finding::{Finding, Gap, Pair, Verdict};
use crate::rules::{Rule, RuleSet};
pub use values::{bounds, compare as compare_values, gap_ratio};

/// Compares all facts; findings come sorted by rule id, then key.
pub fn compare(rules: &RuleSet, facts: &[Fact]) -> Vec<Finding> {
    let mut groups: BTreeMap<(String, FactKey), Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        groups
            .entry((f.rule.clone(), f.key.clone()))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for ((rule_id, key), group) in &groups {
        let Some(rule) = rules.get(rule_id) else {
            continue;
        };
        let finding = match &rule.ratio {
            Some(_) => ratio_finding(rules, rule, key, group, &groups),
            None => value_finding(rule, key, group),
        };
        out.push(finding);
    }
    out.sort_by(|a, b| {
        (a.rule.as_str(), key_order(&a.key)).cmp(&(b.rule.as_str(), key_order(&b.key)))
    });
    out
}

/// Keys sort by their labels; "unspecified" and "unresolved" last.
fn key_order(k: &FactKey) -> Vec<(bool, String)> {
    k.iter()
        .map(|(_, v)| (v == "unspecified" || v == "unresolved", v.clone()))
        .collect()
}

fn by_origin(group: &[&Fact]) -> Vec<(Origin, Vec<Fact>)> {
    let mut m: BTreeMap<Origin, Vec<Fact>> = BTreeMap::new();
    for f in group {
        m.entry(f.origin.clone()).or_default().push((*f).clone());
    }
    m.into_iter().collect()
}

fn unresolved_key(key: &FactKey) -> bool {
    key.iter()
        .any(|(_, v)| v == "unresolved" || v == "unspecified")
}

fn value_finding(rule: &Rule, key: &FactKey, group: &[&Fact]) -> Finding {
    let origins = by_origin(group);
    let mut pairs = Vec::new();
    for i in 0..origins.len() {
        for j in i + 1..origins.len() {
            let (oa, fa) = &origins[i];
            let (ob, fb) = &origins[j];
            let mut worst = (Verdict::Agree, None::<Gap>);
            for x in fa {
                for y in fb {
                    let v = values::compare(rule, x.effective(), y.effective());
                    if rank(v.0) > rank(worst.0)
                        || (v.0 == worst.0 && gap_value(v.1) > gap_value(worst.1))
                    {
                        worst = v;
                    }
                }
            }
            pairs.push(Pair {
                a: oa.clone(),
                b: ob.clone(),
                verdict: worst.0,
                gap: worst.1,
            });
        }
    }
    let any_unresolved = unresolved_key(key)
        || group
            .iter()
            .any(|f| matches!(f.value, FactValue::Unresolved(_)));
    let verdict = if any_unresolved {
        Verdict::Unresolved
    } else if origins.len() < 2 {
        Verdict::SingleSource
    } else {
        pairs
            .iter()
            .map(|p| p.verdict)
            .max_by_key(|v| rank(*v))
            .unwrap_or(Verdict::Agree)
    };
    let gap = pairs
        .iter()
        .filter(|p| p.verdict.is_conflict())
        .filter_map(|p| p.gap)
        .max_by(|a, b| gap_value(Some(*a)).total_cmp(&gap_value(Some(*b))));
    let note = if any_unresolved {
        unresolved_note(key, group)
    } else {
        majority_note(&origins, &pairs)
    };
    Finding {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        key: key.clone(),
        origins,
        pairs,
        verdict,
        gap,
        note,
        multiplier: false,
        known_causes: rule.known_causes.clone(),
    }
}

fn unresolved_note(key: &FactKey, group: &[&Fact]) -> String {
    if let Some(FactValue::Unresolved(why)) = group
        .iter()
        .map(|f| &f.value)
        .find(|v| matches!(v, FactValue::Unresolved(_)))
    {
        return why.clone();
    }
    let dims: Vec<&str> = key
        .iter()
        .filter(|(_, v)| v == "unresolved" || v == "unspecified")
        .map(|(n, _)| n.as_str())
        .collect();
    format!(
        "{} not stated or not resolvable; not compared",
        dims.join(", ")
    )
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Agree => 0,
        Verdict::SingleSource => 1,
        Verdict::Unresolved => 2,
        Verdict::Conflict(g) => 3 + g as u8,
    }
}

fn gap_value(g: Option<Gap>) -> f64 {
    match g {
        Some(Gap::Ratio(r)) => r,
        Some(Gap::Days(d)) => d,
        None => 0.0,
    }
}

/// "3 of 3 agree", or with three or more origins and one odd one out,
/// "2 of 3 agree; X differs".
fn majority_note(origins: &[(Origin, Vec<Fact>)], pairs: &[Pair]) -> String {
    let n = origins.len();
    if n < 2 {
        return String::new();
    }
    let conflicts: Vec<&Pair> = pairs.iter().filter(|p| p.verdict.is_conflict()).collect();
    if conflicts.is_empty() {
        return format!("{n} of {n} agree");
    }
    if n >= 3 {
        for (o, _) in origins {
            let involves = |p: &Pair| p.a == *o || p.b == *o;
            let all_with_o = conflicts.iter().all(|p| involves(p));
            let others_agree = pairs
                .iter()
                .filter(|p| !involves(p))
                .all(|p| !p.verdict.is_conflict());
            if all_with_o && others_agree && conflicts.len() == n - 1 {
                return format!("{} of {n} agree; {o} differs", n - 1);
            }
        }
        return format!("{} of {} pairs conflict", conflicts.len(), pairs.len());
    }
    String::new()
}

/// A multiplier claim ("Kazakhstan's figure is N× Israel's") checked against
/// the figures of the rule it compares, for the same key.
fn ratio_finding(
    rules: &RuleSet,
    rule: &Rule,
    key: &FactKey,
    group: &[&Fact],
    groups: &BTreeMap<(String, FactKey), Vec<&Fact>>,
) -> Finding {
    let Some(ratio) = &rule.ratio else {
        return value_finding(rule, key, group);
    };
    let origins = by_origin(group);
    let base: Vec<&Fact> = groups
        .get(&(ratio.of.clone(), key.clone()))
        .cloned()
        .unwrap_or_default();
    let side = |who: &str| -> Option<(f64, f64, &Fact)> {
        base.iter()
            .find(|f| f.origin == Origin::Authority(who.to_string()))
            .and_then(|f| match &f.value {
                FactValue::Num { lo, hi, .. } => {
                    Some((lo.unwrap_or(0.0), hi.unwrap_or(f64::INFINITY), *f))
                }
                _ => None,
            })
    };
    let num = side(&ratio.numerator);
    let den = side(&ratio.denominator);
    let _ = rules;
    let mut verdict = Verdict::Agree;
    let mut gap = None;
    let mut notes = Vec::new();
    if unresolved_key(key) {
        return Finding {
            verdict: Verdict::Unresolved,
            note: unresolved_note(key, group),
            ..value_finding(rule, key, group)
        };
    }
    for f in group {
        let FactValue::Num { lo, hi, .. } = &f.value else {
            continue;
        };
        let claim = bounds(*lo, *hi);
        let (v, g, note) = match (num, den) {
            (Some((nlo, nhi, nf)), Some((dlo, dhi, df))) => {
                let computed = (nlo / dhi, if dlo > 0.0 { nhi / dlo } else { f64::INFINITY });
                let point = |x: &Fact| match x.value {
                    FactValue::Num { point: Some(p), .. } => p,
                    _ => f64::NAN,
                };
                let stated = format!(
                    "{} / {} = {:.2}×",
                    nf.value.display(false),
                    df.value.display(false),
                    point(nf) / point(df)
                );
                let computed_value = FactValue::Num {
                    point: None,
                    lo: Some(computed.0),
                    hi: Some(computed.1),
                    hedge: crate::extract::Hedge::Range,
                    unit: None,
                };
                let (v, g) = values::compare(rule, &f.value, &computed_value);
                let word = if v.is_conflict() {
                    "inconsistent with"
                } else {
                    "consistent with"
                };
                (v, g, format!("{word} the figures: {stated}"))
            }
            _ => {
                // No pair of figures to check it against: the claim itself
                // says the two origins disagree by this factor.
                let factor = claim.0.max(1.0);
                let v = if factor <= 1.0 {
                    Verdict::Agree
                } else {
                    Verdict::Conflict(values::grade(rule, Gap::Ratio(factor)))
                };
                let stated = match &f.value {
                    FactValue::Num { point: Some(p), .. } => *p,
                    _ => factor,
                };
                let implied = match (&num, &den) {
                    (None, Some((_, _, d))) => implied_note(d, stated, &ratio.numerator, true),
                    (Some((_, _, n)), None) => implied_note(n, stated, &ratio.denominator, false),
                    _ => format!(
                        "neither {} nor {} figure is stated",
                        ratio.numerator, ratio.denominator
                    ),
                };
                (
                    v,
                    Some(Gap::Ratio(stated)),
                    format!(
                        "stated: {} figure = {} × {} figure; {implied}",
                        ratio.numerator,
                        crate::extract::Fmt(stated),
                        ratio.denominator,
                    ),
                )
            }
        };
        if rank(v) > rank(verdict) {
            verdict = v;
        }
        if v.is_conflict() && gap_value(g) > gap_value(gap) {
            gap = g;
        }
        notes.push(note);
    }
    notes.dedup();
    Finding {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        key: key.clone(),
        origins,
        pairs: Vec::new(),
        verdict,
        gap,
        note: notes.join("; "),
        multiplier: true,
        known_causes: rule.known_causes.clone(),
    }
}

/// "Israel (CBS) 123M USD, so Kazakhstan (national statistics) ≈ 369M USD".
fn implied_note(known: &Fact, factor: f64, other: &str, multiply: bool) -> String {
    match &known.value {
        FactValue::Num {
            point: Some(p),
            unit,
            ..
        } => {
            let v = if multiply { p * factor } else { p / factor };
            let unit = unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
            format!(
                "{} states {}, which puts {other} at ≈{}{unit}",
                known.origin,
                known.value.display(false),
                crate::extract::human(v)
            )
        }
        _ => format!("only {} states a figure", known.origin),
    }
}

#[cfg(test)]
mod tests;
