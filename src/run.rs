//! A run: what the engine hands back, and what every report renders.
//!
//! One model: the sources read, the findings with their facts, the
//! diagnostics of the input and the run's statistics. Nothing downstream
//! re-computes a verdict; renderers only format this.

use crate::diag::Diagnostic;
use crate::finding::{Finding, Grade, Verdict};
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

#[derive(Debug, Clone)]
pub struct Run {
    pub sources: Vec<SourceInfo>,
    /// How many rules took part.
    pub rules: usize,
    /// How many facts were read.
    pub facts: usize,
    pub findings: Vec<Finding>,
    /// Problems with the input that did not stop the run, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub findings: usize,
    pub agree: usize,
    pub single: usize,
    pub unresolved: usize,
    pub minor: usize,
    pub discrepancy: usize,
    pub major: usize,
    /// Conflicts at or above the threshold.
    pub failing: usize,
    /// Files left out because they could not be read.
    pub skipped: usize,
}

impl Run {
    /// Counts of findings by verdict; `threshold` is the grade `check` fails at.
    pub fn summary(&self, threshold: Grade) -> Summary {
        let mut s = Summary {
            findings: self.findings.len(),
            skipped: self.stats.skipped,
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
                    if g >= threshold {
                        s.failing += 1;
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
}

impl Summary {
    /// The summary line; files skipped are named only when there are some.
    pub fn line(&self, threshold: Grade) -> String {
        let conflicts = self.minor + self.discrepancy + self.major;
        let skipped = match self.skipped {
            0 => String::new(),
            1 => "; 1 file skipped".into(),
            n => format!("; {n} files skipped"),
        };
        format!(
            "{} findings: {} conflicts ({} major, {} discrepancy, {} minor), {} agree, {} single source, {} unresolved; {} at or above {}{}",
            self.findings,
            conflicts,
            self.major,
            self.discrepancy,
            self.minor,
            self.agree,
            self.single,
            self.unresolved,
            self.failing,
            threshold.name(),
            skipped
        )
    }
}
