//! GitHub Actions workflow commands: an annotation per conflict that warns
//! or fails, at the fact of its first origin, and a closing notice with the
//! summary line.
//!
//! - a conflict that fails the check: `::error`;
//! - one that warns: `::warning`; a conflict below the rule's `warn` grade:
//!   `::notice`;
//! - suppressed and baselined conflicts get no annotation (they are known
//!   and explained; the JSON, SARIF and HTML reports show them, marked); a
//!   conflict whose figures moved since the baseline is annotated.
//!
//! The run's diagnostics (a rule that matches nothing, a file skipped, an
//! unused suppression, a stale baseline entry) follow, as `::warning` or
//! `::error` at their place.
//!
//! `::error file=seeds/001.txt,line=35,col=259,endColumn=262,title=…::…`.
//! Text is escaped as GitHub's toolkit escapes it: in the message `%`, CR
//! and LF become `%25`, `%0D`, `%0A`; in properties `:` and `,` become
//! `%3A` and `%2C` as well, so no text from a source can end a property,
//! start a line or a new command. Control characters are shown escaped and
//! bidi controls dropped first (`escape::terminal`).

use std::io::{self, Write};

use super::{escape, headline, side};
use crate::finding::{Level, Status};
use crate::run::Run;

/// A message's text: controls escaped, then `%`, CR and LF encoded.
pub fn data(s: &str) -> String {
    escape::terminal(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value: `data`, and `:` and `,` encoded too.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    for f in run.conflicts() {
        if matches!(
            f.status,
            Status::Suppressed { .. } | Status::Baselined { .. }
        ) {
            continue;
        }
        let command = match f.level {
            Level::Failure => "error",
            Level::Warning => "warning",
            Level::Note | Level::None => "notice",
        };
        let mut facts = f.facts();
        let Some(first) = facts.next() else { continue };
        let path = run.source(&first.source).map_or_else(
            || first.source.to_string(),
            |s| s.path.display().to_string(),
        );
        let mut props = format!(
            "file={},line={},col={}",
            property(&path),
            first.quote.line.max(1),
            first.quote.col.max(1)
        );
        let width = first.quote.value_text().chars().count();
        if width > 0 {
            props.push_str(&format!(",endColumn={}", first.quote.col.max(1) + width));
        }
        let title = format!("{}: {}", f.rule, f.verdict);
        props.push_str(&format!(",title={}", property(&title)));
        // The message: what conflicts, then each side on its own line.
        let mut lines = vec![data(&headline(f))];
        for fact in f.facts() {
            lines.push(data(&side(run, f, fact)));
        }
        if let Some(g) = f.gap {
            lines.push(data(&format!("gap {g}")));
        }
        if !f.note.is_empty() {
            lines.push(data(&f.note));
        }
        if let Status::Changed { was, .. } = &f.status {
            lines.push(data(&format!("the baseline had: {}", was.join("; "))));
        }
        writeln!(out, "::{command} {props}::{}", lines.join("%0A"))?;
    }
    // Problems with the input, at their place: a rule that matches
    // nothing, a file skipped, an unused suppression, a stale baseline entry.
    for d in &run.diagnostics {
        let mut props = format!("file={}", property(&d.file.display().to_string()));
        if d.line > 0 {
            props.push_str(&format!(",line={},col={}", d.line, d.col.max(1)));
        }
        props.push_str(&format!(
            ",title={}",
            property(&format!("crosscheck {}", d.code))
        ));
        let mut message = data(&d.message);
        if let Some(h) = &d.help {
            message.push_str("%0A");
            message.push_str(&data(h));
        }
        let command = if d.is_error() { "error" } else { "warning" };
        writeln!(out, "::{command} {props}::{message}")?;
    }
    writeln!(
        out,
        "::notice title=crosscheck::{}",
        data(&run.summary().line(run.fail_on))
    )
}
