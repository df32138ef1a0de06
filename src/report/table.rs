//! The terminal report: a comfy-table of findings, the quotes behind each
//! conflict, and a summary line.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::escape::terminal;
use super::value_lines;
use crate::fact::key_label;
use crate::run::Run;

/// Quotes are cut to this many characters around the value.
const QUOTE_WIDTH: usize = 160;

pub fn render(report: &Run, style: &super::Style, out: &mut dyn Write) -> io::Result<()> {
    let width = style.width.unwrap_or(140);
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Fact", "Key", "Values by origin", "Gap", "Verdict"]);
    for f in &report.findings {
        let values: Vec<String> = value_lines(f)
            .into_iter()
            .map(|(o, v, p)| terminal(&format!("{o}: {v} [{p}]")))
            .collect();
        let mut verdict = f.verdict.to_string();
        if !f.note.is_empty() {
            verdict.push('\n');
            verdict.push_str(&terminal(&f.note));
        }
        table.add_row(vec![
            terminal(&f.rule),
            terminal(&key_label(&f.key)),
            values.join("\n"),
            f.gap.map_or("—".into(), |g| g.to_string()),
            verdict,
        ]);
    }
    writeln!(out, "{table}")?;
    let conflicts: Vec<_> = report.conflicts().collect();
    if !conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "Conflicts and the quotes that show them:")?;
    }
    for f in conflicts {
        writeln!(out)?;
        let gap = f.gap.map_or(String::new(), |g| format!(", gap {g}"));
        let key = if f.key.is_empty() {
            String::new()
        } else {
            format!(" — {}", terminal(&key_label(&f.key)))
        };
        writeln!(out, "● {}{key} — {}{}", terminal(&f.title), f.verdict, gap)?;
        if !f.note.is_empty() {
            writeln!(out, "  {}", terminal(&f.note))?;
        }
        for c in &f.known_causes {
            writeln!(out, "  known cause: {}", terminal(c))?;
        }
        for (origin, facts) in &f.origins {
            for fact in facts {
                writeln!(
                    out,
                    "  [{} {}:{}] {}: {}",
                    terminal(&fact.source),
                    fact.quote.line,
                    fact.quote.col,
                    terminal(&origin.to_string()),
                    terminal(&fact.value.display(f.multiplier))
                )?;
                writeln!(
                    out,
                    "      «{}»",
                    terminal(&fact.quote.excerpt(QUOTE_WIDTH))
                )?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", report.summary().line(report.fail_on))?;
    Ok(())
}
