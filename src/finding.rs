//! Findings: the comparer's verdict on one fact (rule and key) across origins.

use std::fmt;

use crate::fact::{Fact, FactKey, Origin};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Minor,
    Discrepancy,
    Major,
}

impl Grade {
    pub const ALL: &'static [(&'static str, Grade)] = &[
        ("minor", Grade::Minor),
        ("discrepancy", Grade::Discrepancy),
        ("major", Grade::Major),
    ];

    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.iter().find(|(n, _)| *n == s).map(|(_, g)| *g)
    }

    pub fn name(self) -> &'static str {
        match self {
            Grade::Minor => "minor",
            Grade::Discrepancy => "discrepancy",
            Grade::Major => "major",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Only one origin states the fact.
    SingleSource,
    /// The value or its key could not be resolved (a relative date with no anchor).
    Unresolved,
    /// The values overlap or lie within the rule's tolerance.
    Agree,
    Conflict(Grade),
}

impl Verdict {
    pub fn is_conflict(self) -> bool {
        matches!(self, Verdict::Conflict(_))
    }

    /// Stable code of the verdict.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::SingleSource => "single-source",
            Verdict::Unresolved => "unresolved",
            Verdict::Agree => "agree",
            Verdict::Conflict(Grade::Minor) => "conflict-minor",
            Verdict::Conflict(Grade::Discrepancy) => "conflict-discrepancy",
            Verdict::Conflict(Grade::Major) => "conflict-major",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::SingleSource => write!(f, "single source"),
            Verdict::Unresolved => write!(f, "unresolved"),
            Verdict::Agree => write!(f, "agree"),
            Verdict::Conflict(g) => write!(f, "CONFLICT ({})", g.name()),
        }
    }
}

/// What a conflict means for a check, from the rule's `warn` and `fail`
/// grades and the run's `--fail-on`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not a conflict.
    #[default]
    None,
    /// A conflict below the rule's warning grade.
    Note,
    /// A conflict at or above the warning grade, below the failing one.
    Warning,
    /// A conflict at or above the failing grade.
    Failure,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Failure => "failure",
        }
    }
}

/// Where a conflict stands against the baseline and the suppressions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Status {
    /// No baseline in use, and no suppression covers it (or not a conflict).
    #[default]
    Open,
    /// A baseline is in use and does not list it.
    New,
    /// The baseline lists it with other figures: a figure moved.
    Changed { was: Vec<String>, reason: String },
    /// The baseline lists it with the same figures.
    Baselined { reason: String },
    /// A suppression covers it.
    Suppressed {
        reason: String,
        /// Where the suppression is written, `file:line:col`.
        at: String,
        expires: Option<crate::calendar::Day>,
    },
}

impl Status {
    pub fn code(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::New => "new",
            Status::Changed { .. } => "changed",
            Status::Baselined { .. } => "baselined",
            Status::Suppressed { .. } => "suppressed",
        }
    }

    /// Known and explained: neither warns nor fails.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Status::Baselined { .. } | Status::Suppressed { .. })
    }

    /// The reason given for it, if any.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Status::Changed { reason, .. }
            | Status::Baselined { reason }
            | Status::Suppressed { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// Every finding code with its meaning; a test keeps them unique.
pub const CODES: &[(&str, &str)] = &[
    (
        "single-source",
        "only one origin states this fact for this key",
    ),
    (
        "unresolved",
        "a value or key could not be resolved, e.g. a relative date in a source with no date",
    ),
    (
        "agree",
        "the origins' values overlap or lie within the rule's tolerance",
    ),
    (
        "conflict-minor",
        "the values differ beyond tolerance, by a gap ratio up to the rule's minor grade (default 1.1)",
    ),
    (
        "conflict-discrepancy",
        "the values differ by a gap ratio up to the rule's discrepancy grade (default 1.5)",
    ),
    (
        "conflict-major",
        "the values differ by more than the discrepancy grade",
    ),
];

/// How far apart two values are: a ratio for figures, days for dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gap {
    Ratio(f64),
    Days(f64),
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gap::Ratio(r) if r.is_infinite() => write!(f, "∞"),
            Gap::Ratio(r) => write!(f, "{r:.2}×"),
            Gap::Days(d) if *d >= 365.0 => write!(f, "{:.1} y", d / 365.25),
            Gap::Days(d) => write!(f, "{d:.0} d"),
        }
    }
}

/// Facts of one finding that agree among themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The origins with a fact in the cluster, in stable order; an origin
    /// that states two disagreeing figures stands in two clusters.
    pub origins: Vec<Origin>,
    /// How many facts.
    pub facts: usize,
    /// The ground its facts share (the highest low end to the lowest high
    /// end; days for dates), NaN for categories.
    pub span: (f64, f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub title: String,
    pub key: FactKey,
    /// The facts by origin, origins in stable order.
    pub origins: Vec<(Origin, Vec<Fact>)>,
    /// The facts split into groups that agree, lowest values first (empty
    /// for unresolved findings and multiplier checks).
    pub clusters: Vec<Cluster>,
    pub verdict: Verdict,
    /// The largest gap among conflicting pairs (or the stated multiplier).
    pub gap: Option<Gap>,
    /// "2 of 3 agree; X differs", or what a multiplier claim was checked against.
    pub note: String,
    /// The rule compares multiples of another rule's figures.
    pub multiplier: bool,
    /// Known reasons sources differ on this fact (from the rule).
    pub known_causes: Vec<String>,
    /// What the conflict means for a check (set by triage).
    pub level: Level,
    /// Against the baseline and the suppressions (set by triage).
    pub status: Status,
}

impl Finding {
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.origins.iter().flat_map(|(_, f)| f.iter())
    }

    /// A conflict that fails `check`: at the failing level, and neither
    /// baselined (with the same figures) nor suppressed.
    pub fn fails(&self) -> bool {
        self.level == Level::Failure && !self.status.is_accepted()
    }

    /// A conflict that warns: at the warning level and not accepted.
    pub fn warns(&self) -> bool {
        self.level == Level::Warning && !self.status.is_accepted()
    }

    /// A stable identity of the finding (rule and key), for fingerprints
    /// in SARIF and code-quality reports: 16 hex digits.
    pub fn fingerprint(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.rule.as_bytes());
        let mut key = self.key.clone();
        key.sort();
        for (d, l) in &key {
            h.update(&[0]);
            h.update(d.as_bytes());
            h.update(&[1]);
            h.update(l.as_bytes());
        }
        h.finalize().to_hex()[..16].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_cover_verdicts() {
        let mut seen = std::collections::BTreeSet::new();
        for (c, _) in CODES {
            assert!(seen.insert(*c));
        }
        for v in [
            Verdict::SingleSource,
            Verdict::Unresolved,
            Verdict::Agree,
            Verdict::Conflict(Grade::Minor),
            Verdict::Conflict(Grade::Discrepancy),
            Verdict::Conflict(Grade::Major),
        ] {
            assert!(seen.contains(v.code()), "{}", v.code());
        }
    }
}
