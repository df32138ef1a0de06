//! GitLab's Code Quality report: a JSON array of issues, one per conflict
//! that is neither suppressed nor baselined (those are known and explained;
//! a conflict whose figures moved since the baseline is reported).
//!
//! Each issue: `description` (the fact, its key and the values by origin),
//! `check_name` (the rule's id), `fingerprint` (the finding's stable id,
//! from its rule and key), `severity`, `location` (`path` and
//! `lines.begin` of the fact of its first origin) and `categories`.
//! Severity: a failing major conflict is `critical`, any other failing one
//! `major`, a warning `minor`, a note `info`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{headline, side};
use crate::finding::{Grade, Level, Status, Verdict};
use crate::run::Run;

pub fn issues(run: &Run) -> Vec<Value> {
    let mut out = Vec::new();
    for f in run.conflicts() {
        if matches!(
            f.status,
            Status::Suppressed { .. } | Status::Baselined { .. }
        ) {
            continue;
        }
        let Some(first) = f.facts().next() else {
            continue;
        };
        let severity = match (f.level, f.verdict) {
            (Level::Failure, Verdict::Conflict(Grade::Major)) => "critical",
            (Level::Failure, _) => "major",
            (Level::Warning, _) => "minor",
            _ => "info",
        };
        let sides: Vec<String> = f.facts().map(|fact| side(run, f, fact)).collect();
        let gap = f.gap.map_or(String::new(), |g| format!(", gap {g}"));
        let path = run.source(&first.source).map_or_else(
            || first.source.to_string(),
            |s| s.path.display().to_string(),
        );
        out.push(json!({
            "description": format!(
                "{}: {} ({}{gap})",
                headline(f),
                sides.join(" vs "),
                f.verdict
            ),
            "check_name": f.rule,
            "fingerprint": f.fingerprint(),
            "severity": severity,
            "categories": ["Bug Risk"],
            "location": { "path": path, "lines": { "begin": first.quote.line.max(1) } },
        }));
    }
    out
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(&issues(run)).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}
