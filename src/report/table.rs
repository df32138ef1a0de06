//! The terminal report: a comfy-table of findings, the quotes behind each
//! conflict, coverage, and a summary line.
//!
//! The table takes the terminal's width on a terminal, a given `--width`,
//! or, piped, the width its content needs. Colour only when asked
//! (`Style::color`: on a terminal unless NO_COLOR is set, or `--color
//! always`); places `path:line:col` are terminal hyperlinks when
//! `Style::links`. Quotes are cut here (and shown whole in every other
//! format). All source text is escaped for the terminal.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use super::escape::terminal;
use super::{Style, origin_name, place};
use crate::fact::{Fact, key_label};
use crate::finding::{Finding, Grade, Status, Verdict};
use crate::run::Run;

/// The table's width when it is not printed on a terminal and no width
/// is given.
const PIPED_WIDTH: u16 = 160;

/// Quotes are cut to this many characters around the value.
const QUOTE_WIDTH: usize = 160;

/// An ANSI-coloured string, or the string as it is.
fn paint(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn verdict_color(v: Verdict) -> Option<Color> {
    match v {
        Verdict::Conflict(Grade::Major) => Some(Color::Red),
        Verdict::Conflict(Grade::Discrepancy) => Some(Color::Yellow),
        Verdict::Conflict(Grade::Minor) => Some(Color::Cyan),
        Verdict::Agree => Some(Color::Green),
        _ => None,
    }
}

/// The verdict cell: the verdict, where it stands (suppressed, baselined,
/// new, changed) and the comparer's note.
fn verdict_text(f: &Finding) -> String {
    let mut s = f.verdict.to_string();
    match &f.status {
        Status::Open => {}
        Status::Changed { .. } => s.push_str(" · changed since the baseline"),
        other => {
            s.push_str(" · ");
            s.push_str(other.code());
        }
    }
    if !f.note.is_empty() {
        s.push('\n');
        s.push_str(&terminal(&f.note));
    }
    s
}

/// A place as a terminal hyperlink to the file (OSC 8), or plain.
fn link(run: &Run, fact: &Fact, on: bool) -> String {
    let text = terminal(&place(run, fact));
    let path = run.source(&fact.source).map(|s| s.path.clone());
    match path.and_then(|p| std::fs::canonicalize(p).ok()) {
        Some(abs) if on => {
            // The URL is percent-encoded, so it holds no control character.
            let url: String = abs
                .to_string_lossy()
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    b => format!("%{b:02X}"),
                })
                .collect();
            format!("\x1b]8;;file://{url}\x1b\\{text}\x1b]8;;\x1b\\")
        }
        _ => text,
    }
}

pub fn render(run: &Run, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["Fact", "Key", "Values by origin", "Gap", "Verdict"]);
    // Ids, keys and gaps never wrap; values and verdicts share the rest,
    // values first.
    for i in [0, 1, 3] {
        if let Some(c) = table.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    for (i, w) in [(2, 44), (4, 22)] {
        if let Some(c) = table.column_mut(i) {
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    if !style.terminal {
        table.force_no_tty();
        table.set_width(style.width.unwrap_or(PIPED_WIDTH));
    } else if let Some(w) = style.width {
        table.set_width(w);
    }
    if style.color {
        table.enforce_styling();
    }
    for f in &run.findings {
        let values: Vec<String> = f
            .facts()
            .map(|fact| {
                let mut value = fact.value.display(f.multiplier);
                if let Some((adj, note)) = fact.adjusted.as_deref() {
                    value = format!("{value} (adjusted: {}, {note})", adj.display(f.multiplier));
                }
                format!(
                    "{}: {} [{}]",
                    terminal(&origin_name(run, &fact.origin)),
                    terminal(&value),
                    terminal(&place(run, fact))
                )
            })
            .collect();
        let mut verdict = Cell::new(verdict_text(f));
        if style.color
            && let Some(c) = verdict_color(f.verdict)
        {
            verdict = verdict.fg(c);
        }
        table.add_row(vec![
            Cell::new(terminal(&f.rule)),
            Cell::new(terminal(&key_label(&f.key))),
            Cell::new(values.join("\n")),
            Cell::new(f.gap.map_or("—".into(), |g| g.to_string())),
            verdict,
        ]);
    }
    writeln!(out, "{table}")?;
    let conflicts: Vec<_> = run.conflicts().collect();
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
        let code = match f.verdict {
            Verdict::Conflict(Grade::Major) => "1;31",
            Verdict::Conflict(Grade::Discrepancy) => "1;33",
            _ => "1;36",
        };
        let head = format!("● {}{key} — {}{}", terminal(&f.title), f.verdict, gap);
        let status = match &f.status {
            Status::Open => String::new(),
            s => format!(" [{}]", s.code()),
        };
        writeln!(out, "{}{status}", paint(&head, code, style.color))?;
        if let Some(reason) = f.status.reason().filter(|r| !r.is_empty()) {
            writeln!(out, "  reason: {}", terminal(reason))?;
        }
        if let Status::Suppressed { at, .. } = &f.status {
            writeln!(out, "  suppressed at {}", terminal(at))?;
        }
        if let Status::Changed { was, .. } = &f.status {
            writeln!(out, "  the baseline had: {}", terminal(&was.join("; ")))?;
        }
        if !f.note.is_empty() {
            writeln!(out, "  {}", terminal(&f.note))?;
        }
        for c in &f.known_causes {
            writeln!(out, "  known cause: {}", terminal(c))?;
        }
        for fact in f.facts() {
            writeln!(
                out,
                "  {} {}: {}",
                link(run, fact, style.links),
                terminal(&origin_name(run, &fact.origin)),
                paint(
                    &terminal(&fact.value.display(f.multiplier)),
                    "1",
                    style.color
                )
            )?;
            writeln!(
                out,
                "      «{}»",
                terminal(&fact.quote.excerpt(QUOTE_WIDTH))
            )?;
        }
    }
    writeln!(out)?;
    let coverage: Vec<String> = run
        .rules
        .iter()
        .map(|r| match r.sources {
            0 => format!("{} not stated", terminal(&r.id)),
            1 => format!("{} 1 source", terminal(&r.id)),
            n => format!("{} {n} sources", terminal(&r.id)),
        })
        .collect();
    if !coverage.is_empty() {
        writeln!(out, "Coverage: {}", coverage.join(" · "))?;
    }
    writeln!(out, "{}", run.summary().line(run.fail_on))?;
    Ok(())
}
