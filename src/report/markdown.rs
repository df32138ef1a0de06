//! The Markdown report: a pull-request comment, and the committed report of
//! `reports/`. The summary comes first (the verdict of the check, the counts
//! and the conflicts that fail it); the details are folded in `<details>`
//! blocks: every finding, the quotes behind each conflict, coverage by rule,
//! the sources and the run's diagnostics.
//!
//! Deterministic: no timestamps, findings in comparer order, so a committed
//! report diffs cleanly and a test can tell when it is stale. Every text
//! from sources, rules and file names is escaped (`escape::markdown`): it
//! cannot open a tag, a link, a table cell or a code span.

use std::io::{self, Write};

use super::escape::markdown as md;
use super::{origin_name, place};
use crate::fact::{Fact, Quote, key_label};
use crate::finding::{Finding, Status};
use crate::run::Run;

/// Quotes are cut to this many characters around the value.
const QUOTE_WIDTH: usize = 240;

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let s = run.summary();
    let conflicts: Vec<&Finding> = run.conflicts().collect();
    let failing: Vec<&Finding> = conflicts.iter().copied().filter(|f| f.fails()).collect();
    let head = if failing.is_empty() {
        "✅ no conflict fails the check".to_string()
    } else if failing.len() == 1 {
        "❌ 1 conflict fails the check".to_string()
    } else {
        format!("❌ {} conflicts fail the check", failing.len())
    };
    writeln!(out, "## crosscheck: {head}")?;
    writeln!(out)?;
    writeln!(out, "{}", md(&s.line(run.fail_on)))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} sources, {} rules. Conflicts fail from grade **{}** up, unless their rule sets its own{}.",
        run.sources.len(),
        run.rules.len(),
        run.fail_on.name(),
        match &run.baseline {
            Some(b) => format!(
                "; baseline `{}`",
                super::escape::terminal(&b.display().to_string()).replace('`', "'")
            ),
            None => String::new(),
        }
    )?;
    if !conflicts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "| Fact | Key | Values by origin | Gap | Verdict | Status |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for f in &conflicts {
            row(run, f, out, true)?;
        }
    }
    if !run.stale.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "**Stale baseline entries** (no longer found; write the baseline anew):"
        )?;
        writeln!(out)?;
        for e in &run.stale {
            writeln!(out, "- {}", md(&e.label()))?;
        }
    }
    fold(
        out,
        &format!("All {} findings", run.findings.len()),
        |out| {
            writeln!(
                out,
                "| Fact | Key | Values by origin | Gap | Verdict | Note |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|")?;
            for f in &run.findings {
                row(run, f, out, false)?;
            }
            Ok(())
        },
    )?;
    if !conflicts.is_empty() {
        fold(
            out,
            &format!("Quotes behind the {} conflicts", conflicts.len()),
            |out| {
                for f in &conflicts {
                    quotes(run, f, out)?;
                }
                Ok(())
            },
        )?;
    }
    fold(
        out,
        &format!("Coverage of the {} rules", run.rules.len()),
        |out| {
            writeln!(out, "| Rule | Title | Sources stating it | Facts |")?;
            writeln!(out, "|---|---|---|---|")?;
            for r in &run.rules {
                let stated = match r.sources {
                    0 => "**not stated**".to_string(),
                    n => n.to_string(),
                };
                writeln!(
                    out,
                    "| {} | {} | {stated} | {} |",
                    md(&r.id),
                    md(&r.title),
                    r.facts
                )?;
            }
            Ok(())
        },
    )?;
    fold(out, &format!("The {} sources", run.sources.len()), |out| {
        writeln!(out, "| Id | Title | Publisher | Date | Language | File |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for src in &run.sources {
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
    })?;
    if !run.diagnostics.is_empty() {
        fold(
            out,
            &format!("{} diagnostics", run.diagnostics.len()),
            |out| {
                for d in &run.diagnostics {
                    writeln!(
                        out,
                        "- {}[{}] {}:{}:{}: {}",
                        if d.is_error() { "error" } else { "warning" },
                        d.code,
                        md(&d.file.display().to_string()),
                        d.line,
                        d.col,
                        md(&d.message)
                    )?;
                }
                Ok(())
            },
        )?;
    }
    Ok(())
}

/// A folded section: `<details>` with its summary, the body in between
/// blank lines so that Markdown inside it renders.
fn fold(
    out: &mut dyn Write,
    summary: &str,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "<details><summary>{}</summary>", md(summary))?;
    writeln!(out)?;
    body(out)?;
    writeln!(out)?;
    writeln!(out, "</details>")
}

/// One finding as a table row; `status` puts its status in the last
/// column, else the comparer's note.
fn row(run: &Run, f: &Finding, out: &mut dyn Write, status: bool) -> io::Result<()> {
    let values: Vec<String> = f
        .facts()
        .map(|fact| {
            format!(
                "{}: **{}** ({})",
                md(&origin_name(run, &fact.origin)),
                md(&fact.value.display(f.multiplier)),
                md(&place(run, fact))
            )
        })
        .collect();
    let last = if status { status_text(f) } else { md(&f.note) };
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |",
        md(&f.rule),
        md(&key_label(&f.key)),
        values.join("<br>"),
        f.gap.map_or("—".into(), |g| md(&g.to_string())),
        md(&f.verdict.to_string()),
        last
    )
}

/// "fails", "warns", "suppressed: reason", "baselined: reason", "new", …
fn status_text(f: &Finding) -> String {
    let level = if f.fails() {
        "**fails**"
    } else if f.warns() {
        "warns"
    } else {
        ""
    };
    let status = match &f.status {
        Status::Open => String::new(),
        Status::Changed { .. } => "changed since the baseline".into(),
        s => match s.reason().filter(|r| !r.is_empty()) {
            Some(r) => format!("{}: {}", s.code(), md(r)),
            None => s.code().to_string(),
        },
    };
    match (level.is_empty(), status.is_empty()) {
        (true, true) => "—".into(),
        (false, true) => level.into(),
        (true, false) => status,
        (false, false) => format!("{level}, {status}"),
    }
}

fn quotes(run: &Run, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    let key = if f.key.is_empty() {
        String::new()
    } else {
        format!(" — {}", md(&key_label(&f.key)))
    };
    writeln!(out, "#### {}{key}", md(&f.title))?;
    writeln!(out)?;
    let gap = f
        .gap
        .map_or(String::new(), |g| format!(", gap {}", md(&g.to_string())));
    writeln!(
        out,
        "`{}`: **{}**{gap} ({})",
        super::escape::terminal(&f.rule).replace('`', "'"),
        md(&f.verdict.to_string()),
        status_text(f)
    )?;
    if let Status::Changed { was, .. } = &f.status {
        writeln!(out)?;
        writeln!(out, "The baseline had: {}", md(&was.join("; ")))?;
    }
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
    for fact in f.facts() {
        fact_quote(run, f, fact, out)?;
    }
    Ok(())
}

fn fact_quote(run: &Run, f: &Finding, fact: &Fact, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "- **{}**: {} — {}",
        md(&origin_name(run, &fact.origin)),
        md(&fact.value.display(f.multiplier)),
        md(&place(run, fact)),
    )?;
    writeln!(out)?;
    writeln!(out, "  > {}", quote_with_value(&fact.quote))?;
    writeln!(out)
}

/// The quote with the value in bold, each part escaped on its own.
fn quote_with_value(q: &Quote) -> String {
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
