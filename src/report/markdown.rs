//! The Markdown report, for `reports/` and repository pages.
//!
//! Deterministic: no timestamps, findings in comparer order, so a committed
//! report diffs cleanly and a test can tell when it is stale.

use std::io::{self, Write};

use super::escape::markdown as md;
use super::value_lines;
use crate::fact::key_label;
use crate::run::Run;

/// Quotes are cut to this many characters around the value.
const QUOTE_WIDTH: usize = 240;

pub fn render(report: &Run, out: &mut dyn Write) -> io::Result<()> {
    let threshold = report.fail_on;
    let s = report.summary();
    writeln!(out, "# crosscheck report")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} sources, {} rules, {} facts. Conflicts fail `check` from grade **{}** up.",
        report.sources.len(),
        report.rules.len(),
        report.facts,
        threshold.name()
    )?;
    writeln!(out)?;
    writeln!(out, "{}", md(&s.line(threshold)))?;
    writeln!(out)?;
    writeln!(out, "## Findings")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Fact | Key | Values by origin | Gap | Verdict | Note |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for f in &report.findings {
        let values: Vec<String> = value_lines(f)
            .into_iter()
            .map(|(o, v, p)| format!("{}: **{}** ({})", md(&o), md(&v), md(&p)))
            .collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&f.rule),
            md(&key_label(&f.key)),
            values.join("<br>"),
            f.gap.map_or("—".into(), |g| md(&g.to_string())),
            md(&f.verdict.to_string()),
            md(&f.note)
        )?;
    }
    let conflicts: Vec<_> = report.conflicts().collect();
    if !conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Conflicts")?;
    }
    for f in conflicts {
        writeln!(out)?;
        let key = if f.key.is_empty() {
            String::new()
        } else {
            format!(" — {}", md(&key_label(&f.key)))
        };
        writeln!(out, "### {}{key}", md(&f.title))?;
        writeln!(out)?;
        let gap = f
            .gap
            .map_or(String::new(), |g| format!(", gap {}", md(&g.to_string())));
        writeln!(
            out,
            "`{}`: **{}**{}",
            super::escape::terminal(&f.rule).replace('`', "'"),
            md(&f.verdict.to_string()),
            gap
        )?;
        if !f.note.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", md(&f.note))?;
        }
        if !f.known_causes.is_empty() {
            writeln!(out)?;
            for c in &f.known_causes {
                writeln!(out, "- known cause: {}", md(c))?;
            }
        }
        writeln!(out)?;
        for (origin, facts) in &f.origins {
            for fact in facts {
                writeln!(
                    out,
                    "- **{}**: {} — source {}, line {}, column {}",
                    md(&origin.to_string()),
                    md(&fact.value.display(f.multiplier)),
                    md(&fact.source),
                    fact.quote.line,
                    fact.quote.col
                )?;
                writeln!(out)?;
                writeln!(out, "  > {}", quote_with_value(&fact.quote))?;
                writeln!(out)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "## Sources")?;
    writeln!(out)?;
    writeln!(out, "| Id | Title | Publisher | Date | Language | File |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for src in &report.sources {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&src.id),
            md(&src.title),
            md(&src.publisher),
            md(&src.date_label()),
            md(&src.language),
            md(&src.file)
        )?;
    }
    Ok(())
}

/// The quote with the value in bold, each part escaped on its own.
fn quote_with_value(q: &crate::fact::Quote) -> String {
    let excerpt = q.excerpt(QUOTE_WIDTH);
    let value = q.value_text();
    match excerpt.find(value).filter(|_| !value.is_empty()) {
        Some(i) => format!(
            "{}**{}**{}",
            md(&excerpt[..i]),
            md(value),
            md(&excerpt[i + value.len()..])
        ),
        None => md(&excerpt),
    }
}
