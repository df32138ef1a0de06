//! Reports: one model of a run, rendered as a terminal table or Markdown.
//!
//! Renderers only format: every verdict, gap and note comes from the
//! comparer. All text from sources is escaped for the output it goes to.

pub mod escape;
pub mod markdown;
pub mod table;

use crate::calendar::Day;
use crate::finding::{Finding, Grade, Verdict};
use crate::source::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<Day>,
    pub date_inferred: bool,
    pub language: String,
    pub file: String,
}

impl SourceInfo {
    pub fn from_source(s: &Source) -> Self {
        SourceInfo {
            id: s.meta.id.clone(),
            title: s.meta.title.clone(),
            publisher: s.meta.publisher.clone(),
            date: s.meta.date,
            date_inferred: s.meta.date_inferred,
            language: s.meta.language.clone(),
            file: s
                .path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        }
    }

    pub fn date_label(&self) -> String {
        match (self.date, self.date_inferred) {
            (Some(d), true) => format!("{d} (inferred)"),
            (Some(d), false) => d.to_string(),
            (None, _) => "unknown".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub sources: Vec<SourceInfo>,
    pub rules: usize,
    pub facts: usize,
    pub findings: Vec<Finding>,
    /// The grade at which `check` fails.
    pub threshold: Grade,
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
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            findings: self.findings.len(),
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
                    if g >= self.threshold {
                        s.failing += 1;
                    }
                }
            }
        }
        s
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.verdict.is_conflict())
    }
}

impl Summary {
    pub fn line(&self, threshold: Grade) -> String {
        let conflicts = self.minor + self.discrepancy + self.major;
        format!(
            "{} findings: {} conflicts ({} major, {} discrepancy, {} minor), {} agree, {} single source, {} unresolved; {} at or above {}",
            self.findings,
            conflicts,
            self.major,
            self.discrepancy,
            self.minor,
            self.agree,
            self.single,
            self.unresolved,
            self.failing,
            threshold.name()
        )
    }
}

/// One line per value: "origin: value [source line:col]".
pub fn value_lines(f: &Finding) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (origin, facts) in &f.origins {
        for fact in facts {
            let place = format!("{} {}:{}", fact.source, fact.quote.line, fact.quote.col);
            let mut value = fact.value.display(f.multiplier);
            if let Some((adj, note)) = &fact.adjusted {
                value = format!("{value} (adjusted: {}, {note})", adj.display(f.multiplier));
            }
            out.push((origin.to_string(), value, place));
        }
    }
    out
}
