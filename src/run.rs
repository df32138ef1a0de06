//! A run: what the engine hands back, and what every report renders.
//!
//! One model: the sources read, the findings with their facts, the
//! diagnostics of the input and the run's statistics. Nothing downstream
//! re-computes a verdict; renderers only format this.

use crate::diag::Diagnostic;
use crate::finding::{Finding, Grade, Status, Verdict};
pub use crate::source::SourceInfo;

/// What a run did, for `-v` and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// Sources read and matched.
    pub sources: usize,
    /// Bytes of source text read.
    pub bytes: u64,
    /// Sentences in those sources.
    pub sentences: usize,
    /// Sentences where a rule's words stand, and whose values were read.
    pub candidates: usize,
    /// Sources whose facts came from the cache.
    pub cached: usize,
    /// Files that could not be read.
    pub skipped: usize,
}

impl std::ops::AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        self.sources += o.sources;
        self.bytes += o.bytes;
        self.sentences += o.sentences;
        self.candidates += o.candidates;
        self.cached += o.cached;
        self.skipped += o.skipped;
    }
}

/// A rule as reports describe it, with how many sources state its fact.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    /// `money`, `count`, `percent`, …
    pub kind: &'static str,
    /// The rule file, and the line of its id.
    pub file: std::path::PathBuf,
    pub line: usize,
    /// The grades it warns and fails from (`None`: every conflict warns;
    /// the run's `--fail-on`).
    pub warn: Option<Grade>,
    pub fail: Option<Grade>,
    pub known_causes: Vec<String>,
    /// Coverage: the sources that state its fact (0: "not stated"), and
    /// the facts read.
    pub sources: usize,
    pub facts: usize,
}

#[derive(Debug, Clone)]
pub struct Run {
    pub sources: Vec<SourceInfo>,
    /// The rules that took part, in rule-set order, with their coverage.
    pub rules: Vec<RuleInfo>,
    /// How many facts were read.
    pub facts: usize,
    pub findings: Vec<Finding>,
    /// Problems with the input that did not stop the run, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
    /// The grade from which conflicts fail, for rules that set none.
    pub fail_on: Grade,
    /// Baseline entries no conflict matches any more.
    pub stale: Vec<crate::baseline::Entry>,
    /// The baseline file in use, if any.
    pub baseline: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub facts: usize,
    pub findings: usize,
    pub agree: usize,
    pub single: usize,
    pub unresolved: usize,
    pub minor: usize,
    pub discrepancy: usize,
    pub major: usize,
    /// Conflicts that fail the check (failure level, not accepted).
    pub failing: usize,
    /// Conflicts that warn (warning level, not accepted).
    pub warning: usize,
    /// Conflicts the baseline lists with the same figures.
    pub baselined: usize,
    /// Conflicts a suppression covers.
    pub suppressed: usize,
    /// Conflicts the baseline does not list (with a baseline in use).
    pub new: usize,
    /// Conflicts the baseline lists with other figures.
    pub changed: usize,
    /// Rules no source states.
    pub not_stated: usize,
    /// Files left out because they could not be read.
    pub skipped: usize,
}

impl Summary {
    pub fn conflicts(&self) -> usize {
        self.minor + self.discrepancy + self.major
    }
}

impl Run {
    /// Counts of findings by verdict and status.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            facts: self.facts,
            findings: self.findings.len(),
            skipped: self.stats.skipped,
            not_stated: self.rules.iter().filter(|r| r.sources == 0).count(),
            ..Summary::default()
        };
        for f in &self.findings {
            match f.verdict {
                Verdict::Agree => s.agree += 1,
                Verdict::SingleSource => s.single += 1,
                Verdict::Unresolved => s.unresolved += 1,
                Verdict::Conflict(g) => {
                    match g {
                        Grade::Minor => s.minor += 1,
                        Grade::Discrepancy => s.discrepancy += 1,
                        Grade::Major => s.major += 1,
                    }
                    s.failing += usize::from(f.fails());
                    s.warning += usize::from(f.warns());
                    match f.status {
                        Status::Baselined { .. } => s.baselined += 1,
                        Status::Suppressed { .. } => s.suppressed += 1,
                        Status::New => s.new += 1,
                        Status::Changed { .. } => s.changed += 1,
                        Status::Open => {}
                    }
                }
            }
        }
        s
    }

    /// Loads the quotes reports show: of conflicting findings only, or of
    /// every fact. Problems (a source that changed since) are added to the
    /// run's diagnostics.
    pub fn load_quotes(&mut self, conflicts_only: bool) {
        let facts = self
            .findings
            .iter_mut()
            .filter(|f| !conflicts_only || f.verdict.is_conflict())
            .flat_map(|f| f.origins.iter_mut().flat_map(|(_, facts)| facts.iter_mut()));
        let problems = crate::fact::load_quotes(&self.sources, facts);
        self.diagnostics.extend(problems);
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.verdict.is_conflict())
    }

    /// The source a fact was read in.
    pub fn source(&self, id: &str) -> Option<&SourceInfo> {
        self.sources.iter().find(|s| s.id == id)
    }
}

impl Summary {
    /// The summary line: "14 facts · 7 conflicts (5 major, 2 minor) · 5
    /// agree · 2 single source · 5 failing at major"; counts that are zero
    /// and say nothing (suppressed, skipped files) are left out.
    pub fn line(&self, fail_on: Grade) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![
            plural(self.facts, "fact", "facts"),
            plural(self.findings, "finding", "findings"),
        ];
        let grades: Vec<String> = [
            (self.major, "major"),
            (self.discrepancy, "discrepancy"),
            (self.minor, "minor"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, g)| format!("{n} {g}"))
        .collect();
        let mut conflicts = plural(self.conflicts(), "conflict", "conflicts");
        if !grades.is_empty() {
            conflicts.push_str(&format!(" ({})", grades.join(", ")));
        }
        parts.push(conflicts);
        parts.push(format!("{} agree", self.agree));
        parts.push(format!("{} single source", self.single));
        if self.unresolved > 0 {
            parts.push(format!("{} unresolved", self.unresolved));
        }
        for (n, what) in [
            (self.baselined, "baselined"),
            (self.suppressed, "suppressed"),
            (self.new, "new"),
            (self.changed, "changed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if self.warning > 0 {
            parts.push(plural(self.warning, "warning", "warnings"));
        }
        parts.push(format!("{} failing at {}", self.failing, fail_on.name()));
        if self.not_stated > 0 {
            parts.push(format!(
                "{} not stated",
                plural(self.not_stated, "rule", "rules")
            ));
        }
        if self.skipped > 0 {
            parts.push(plural(self.skipped, "skipped file", "skipped files"));
        }
        parts.join(" · ")
    }
}
