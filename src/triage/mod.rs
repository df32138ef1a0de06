//! Triage: what the findings of a run mean for a check. After the comparer
//! has given each finding its verdict, triage gives each conflict
//!
//! - its level (note, warning, failure) from the rule's `warn` and `fail`
//!   grades and the run's `--fail-on`;
//! - its status against the suppressions (rule files and configuration)
//!   and the baseline: open, new, changed (a figure moved), baselined or
//!   suppressed.
//!
//! Unused and expired suppressions and stale baseline entries become
//! warnings of the run. Nothing here changes a verdict: a suppressed
//! conflict is still a conflict, shown as suppressed.

use crate::calendar::Day;
use crate::finding::{Grade, Level, Status, Verdict};
use crate::rules::RuleSet;
use crate::run::Run;

pub use crate::baseline::{self, Baseline, Entry};
pub use crate::rules::suppress::{self, Suppression};

/// A finding's key, dimensions sorted.
type Key = Vec<(String, String)>;

/// How a run's conflicts are judged.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The grade from which a conflict fails, for rules that set no `fail`.
    pub fail_on: Grade,
    /// Known conflicts; with one, only new and changed conflicts fail.
    pub baseline: Option<Baseline>,
    /// Suppressions from the configuration (rule files' own are in the
    /// rule set).
    pub suppressions: Vec<Suppression>,
    /// The day expiry dates are checked against; `None` checks none.
    pub today: Option<Day>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: Grade::Major,
            baseline: None,
            suppressions: Vec::new(),
            today: None,
        }
    }
}

/// Gives each finding its level and status, and adds the warnings about
/// suppressions and the baseline to the run's diagnostics. Linear in the
/// findings and the suppressions' matches (suppressions are looked up by
/// rule).
pub fn apply(run: &mut Run, rules: &RuleSet, policy: &Policy) {
    run.fail_on = policy.fail_on;
    let mut diags = Vec::new();
    let all: Vec<&Suppression> = rules
        .suppressions
        .iter()
        .chain(policy.suppressions.iter())
        .collect();
    let expired: Vec<bool> = all
        .iter()
        .map(|s| matches!((s.expires, policy.today), (Some(e), Some(t)) if e < t))
        .collect();
    let mut by_rule: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in all.iter().enumerate() {
        by_rule.entry(s.rule.as_str()).or_default().push(i);
    }
    let mut used = vec![0usize; all.len()];
    let mut baseline_index: rustc_hash::FxHashMap<(&str, Key), usize> = Default::default();
    if let Some(b) = &policy.baseline {
        for (i, e) in b.entries.iter().enumerate() {
            baseline_index
                .entry((e.rule.as_str(), e.key.clone()))
                .or_insert(i);
        }
    }
    let rule_of: rustc_hash::FxHashMap<&str, &crate::rules::Rule> =
        rules.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut matched = vec![false; policy.baseline.as_ref().map_or(0, |b| b.entries.len())];
    for f in &mut run.findings {
        let Verdict::Conflict(g) = f.verdict else {
            f.level = Level::None;
            f.status = Status::Open;
            continue;
        };
        let rule = rule_of.get(f.rule.as_str());
        let fail = rule.and_then(|r| r.fail).unwrap_or(policy.fail_on);
        let warn = rule.and_then(|r| r.warn).unwrap_or(Grade::Minor).min(fail);
        f.level = if g >= fail {
            Level::Failure
        } else if g >= warn {
            Level::Warning
        } else {
            Level::Note
        };
        f.status = Status::Open;
        // A suppression first: it is the user's explicit word.
        // Each suppression of the rule is tried once; expired ones that
        // would cover it still count as used, so they are reported once,
        // as expired, and hide nothing.
        let mut covering = None;
        for &i in by_rule.get(f.rule.as_str()).map_or(&[][..], Vec::as_slice) {
            if all[i].covers(f) {
                used[i] += 1;
                if !expired[i] && covering.is_none() {
                    covering = Some(i);
                }
            }
        }
        if let Some(i) = covering {
            let s = all[i];
            f.status = Status::Suppressed {
                reason: s.reason.clone(),
                at: s.place(),
                expires: s.expires,
            };
            continue;
        }
        if let Some(b) = &policy.baseline {
            let key = baseline::sorted_key(f);
            f.status = match baseline_index.get(&(f.rule.as_str(), key)) {
                None => Status::New,
                Some(&i) => {
                    matched[i] = true;
                    let e = &b.entries[i];
                    let now = baseline::values(f);
                    if now == e.values {
                        Status::Baselined {
                            reason: e.reason.clone(),
                        }
                    } else {
                        Status::Changed {
                            was: e.values.clone(),
                            reason: e.reason.clone(),
                        }
                    }
                }
            };
        }
    }
    for (i, s) in all.iter().enumerate() {
        if expired[i] {
            let day = s.expires.map(|d| d.to_string()).unwrap_or_default();
            diags.push(
                s.diagnostic(
                    "suppression-expired",
                    format!(
                        "the suppression of `{}` expired on {day}; the conflicts it covered count again",
                        s.rule
                    ),
                )
                .help("check the conflict again, then renew `expires` or remove the suppression"),
            );
        } else if used[i] == 0 {
            diags.push(
                s.diagnostic(
                    "suppression-unused",
                    format!("the suppression of `{}` matches no conflict", s.rule),
                )
                .help("the sources may agree now, or the rule or key changed; remove it"),
            );
        }
    }
    if let Some(b) = &policy.baseline {
        for (i, e) in b.entries.iter().enumerate() {
            if !matched[i] {
                let d = suppress::diagnostic_at(
                    &b.file,
                    e.at,
                    (e.line, 1),
                    "baseline-stale",
                    format!("the baseline's conflict `{}` is no longer found", e.label()),
                )
                .help("write the baseline anew with `crosscheck baseline FILE`");
                diags.push(d);
                run.stale.push(e.clone());
            }
        }
    }
    run.diagnostics.extend(diags);
    crate::diag::sort(&mut run.diagnostics);
}
