//! Diagnostics for problems in user input (rules, manifests, sources).
//!
//! Every diagnostic names its file and, where it has one, a 1-based line and a
//! column counted in characters, and says what to do. Loading collects all of
//! them before anything is reported, so one run shows every problem.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::text::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `rule-unknown-slot`.
    pub code: &'static str,
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
    /// What `render` shows beyond the message.
    view: Option<Box<View>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum View {
    /// The line the problem is on, escaped for the terminal and cut to a
    /// window around the place, and the byte range of the place in it. Only
    /// the line is kept: a diagnostic costs the same in a file of any size.
    Excerpt(String, std::ops::Range<usize>),
    /// The report as another process rendered it (a diagnostic read back
    /// from `extract`'s output), shown as it is.
    Rendered(String),
}

/// Every diagnostic code with what it means; a test keeps them unique.
pub const CODES: &[(&str, &str)] = &[
    (
        "toml-syntax",
        "a rule or manifest file is not valid TOML, or has a field of the wrong type or an unknown field",
    ),
    (
        "rule-invalid-regex",
        "a pattern is not a valid regular expression once its slots are expanded",
    ),
    (
        "rule-unknown-slot",
        "a pattern names a slot that is neither a built-in value grammar nor an alias of the rule",
    ),
    (
        "rule-missing-slot",
        "a pattern has no slot for the rule's kind of value",
    ),
    ("rule-duplicate-id", "two rules have the same id"),
    (
        "rule-invalid",
        "a field has a value outside what it accepts",
    ),
    (
        "rule-bad-example",
        "an example's expected value cannot be read",
    ),
    (
        "manifest-invalid",
        "the sources manifest names a missing file or holds an invalid value",
    ),
    (
        "source-unreadable",
        "a source file cannot be read or decoded (not UTF-8, UTF-16 with a byte-order mark, or a detected legacy encoding); it is skipped",
    ),
    (
        "source-binary",
        "a source file is binary (it holds NUL bytes); it is skipped",
    ),
    (
        "source-symlink-loop",
        "a symbolic link in a sources folder loops back to a folder above it; it is not followed",
    ),
    (
        "manifest-unreadable",
        "a sources manifest cannot be read or is not UTF-8; none of its entries are used",
    ),
    ("io", "a file or folder cannot be read or written"),
    ("usage", "a command-line value is invalid"),
    (
        "config-invalid",
        "crosscheck.toml holds an unknown field or an invalid value",
    ),
    (
        "rule-failing-example",
        "a rule's example does not yield what it says",
    ),
    (
        "facts-invalid",
        "a file given to `compare` is not what `extract` writes, or was written with other rules",
    ),
    (
        "rule-too-large",
        "a rule or rule file passes a size limit (patterns, phrases, examples, compiled regex size), or the rules' words do not fit the matcher's prefilter",
    ),
    (
        "rule-too-many-errors",
        "a rule file has so many problems that the rest of it was not checked",
    ),
    (
        "rule-unfiltered",
        "a pattern has no word the prefilter can look for, so it is tried in every sentence",
    ),
    (
        "source-duplicate-id",
        "two sources have the same id (a manifest id equal to another source's, or one relative path under two folders given); the second is skipped",
    ),
    (
        "source-changed",
        "a source changed or vanished between reading it and showing its quotes",
    ),
    (
        "suppression-invalid",
        "a [[suppress]] table gives no reason, or an expiry that is not a date; it is left out",
    ),
    (
        "suppression-unused",
        "a suppression matches no conflict of the run (the sources may agree now); remove it",
    ),
    (
        "suppression-expired",
        "a suppression's expiry date has passed; the conflicts it covered count again",
    ),
    (
        "baseline-invalid",
        "the baseline file cannot be read, is not valid TOML, or is of another version",
    ),
    (
        "baseline-stale",
        "a conflict the baseline lists is no longer found; write the baseline anew",
    ),
    (
        "date-ambiguous",
        "a date written in figures reads both ways (03/04/2025); the source's language chose the order",
    ),
    (
        "cache-unwritable",
        "the cache folder cannot be written; the run goes on without caching",
    ),
    (
        "rule-matches-nothing",
        "a rule matches nothing in any source; such a rule is usually broken",
    ),
];

impl Diagnostic {
    pub fn error(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            view: None,
        }
    }

    pub fn warning(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places the diagnostic at a byte offset of `text`, the file's content.
    pub fn at(self, text: &str, byte: usize) -> Self {
        self.at_indexed(text, &LineIndex::new(text), byte)
    }

    /// `at`, with the file's line index built once for many diagnostics.
    pub fn at_indexed(mut self, text: &str, lines: &LineIndex, byte: usize) -> Self {
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let (line, col) = lines.line_col(text, byte);
        self.line = line;
        self.col = col;
        let (excerpt, range) = excerpt(text, byte);
        self.view = Some(Box::new(View::Excerpt(excerpt, range)));
        self
    }

    /// A diagnostic as `render` showed it elsewhere.
    pub fn prerendered(mut self, line: usize, col: usize, rendered: String) -> Self {
        self.line = line;
        self.col = col;
        self.view = Some(Box::new(View::Rendered(rendered)));
        self
    }

    /// Places the diagnostic at the start of a 1-based line of its file.
    pub fn at_line(self, line: usize) -> Self {
        let text = std::fs::read_to_string(&self.file).unwrap_or_default();
        let at: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let col = text[at..].len() - text[at..].trim_start().len();
        self.at(&text, at + col)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A rustc-style report with a caret excerpt (codespan-reporting):
    /// `error[code]: message`, `┌─ file:line:col`, the line, and help.
    pub fn render(&self) -> String {
        if let Some(View::Rendered(r)) = self.view.as_deref() {
            // Another process's text (a file `compare` reads): escaped
            // line by line like any input.
            return r
                .split_inclusive('\n')
                .map(|l| {
                    let body = l.strip_suffix('\n').unwrap_or(l);
                    let end = if body.len() < l.len() { "\n" } else { "" };
                    format!("{}{end}", crate::escape::terminal(body))
                })
                .collect();
        }
        use codespan_reporting::diagnostic::{Diagnostic as Cs, Label};
        use codespan_reporting::term::{Config, emit_into_string};
        let base = match self.severity {
            Severity::Error => Cs::error(),
            Severity::Warning => Cs::warning(),
        };
        let mut notes = Vec::new();
        if let Some(help) = &self.help {
            notes.push(format!("help: {}", crate::escape::terminal(help)));
        }
        let message = crate::escape::terminal(&self.message);
        if let Some(View::Excerpt(text, range)) = self.view.as_deref() {
            let file = OneLine {
                name: crate::escape::terminal(&self.file.display().to_string()),
                text,
                line: self.line,
                col: self.col,
            };
            let d = base
                .with_code(self.code)
                .with_message(message.clone())
                .with_labels(vec![Label::primary((), range.clone())])
                .with_notes(notes.clone());
            if let Ok(s) = emit_into_string(&Config::default(), &file, &d) {
                return s;
            }
        }
        let mut s = String::new();
        let sev = if self.is_error() { "error" } else { "warning" };
        let _ = writeln!(
            s,
            "{sev}[{}]: {}: {message}",
            self.code,
            crate::escape::terminal(&self.file.display().to_string())
        );
        for n in notes {
            let _ = writeln!(s, "  = {n}");
        }
        s
    }
}

/// Characters of the line shown on each side of the place.
const EXCERPT_SIDE: usize = 100;

/// The line around `byte`, at most `EXCERPT_SIDE` characters each side,
/// escaped for the terminal, and the range of the character at `byte` in it.
fn excerpt(text: &str, byte: usize) -> (String, std::ops::Range<usize>) {
    let before = &text[..byte];
    let mut start = byte;
    let mut cut_before = false;
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if c == '\n' {
            break;
        }
        if n == EXCERPT_SIDE {
            cut_before = true;
            break;
        }
        start = i;
    }
    let rest = &text[byte..];
    let here = rest.chars().next().filter(|c| *c != '\n' && *c != '\r');
    let after_from = byte + here.map_or(0, char::len_utf8);
    let mut end = after_from;
    let mut cut_after = false;
    for (n, (i, c)) in text[after_from..].char_indices().enumerate() {
        if c == '\n' || (c == '\r' && text[after_from + i..].starts_with("\r\n")) {
            break;
        }
        if n == EXCERPT_SIDE {
            cut_after = true;
            break;
        }
        end = after_from + i + c.len_utf8();
    }
    let mut line = String::new();
    if cut_before {
        line.push('…');
    }
    line.push_str(&crate::escape::terminal(&text[start..byte]));
    let from = line.len();
    line.push_str(&crate::escape::terminal(&text[byte..after_from]));
    let to = line.len();
    line.push_str(&crate::escape::terminal(&text[after_from..end]));
    if cut_after {
        line.push('…');
    }
    (line, from..to)
}

/// One line of a file, as the excerpt renderer sees it: the line and column
/// numbers are the diagnostic's own, whatever was cut from the line.
struct OneLine<'a> {
    name: String,
    text: &'a str,
    line: usize,
    col: usize,
}

impl<'a> codespan_reporting::files::Files<'a> for OneLine<'a> {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<String, codespan_reporting::files::Error> {
        Ok(self.name.clone())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line + line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        _: usize,
        _: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.col)
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let len = self.text.len();
        Ok(if line_index == 0 { 0..len } else { len..len })
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts diagnostics by place, then code and message, and drops repeats:
/// the order a run shows them in, whatever the order they were found in.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.code, &a.message, a.severity)
            .cmp(&(&b.file, b.line, b.col, b.code, &b.message, b.severity))
    });
    diags.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (code, _) in CODES {
            assert!(seen.insert(*code), "duplicate code {code}");
        }
    }

    #[test]
    fn renders_place_and_caret_in_characters() {
        let text = "a = 1\nنص = \"x\"\n";
        let at = text.find('=').unwrap();
        let at2 = text[at + 1..].find('=').unwrap() + at + 1;
        let d = Diagnostic::error("toml-syntax", Path::new("r.toml"), "bad").at(text, at2);
        assert_eq!((d.line, d.col), (2, 4));
        let r = d.render();
        assert!(r.starts_with("error[toml-syntax]: bad"), "{r}");
        assert!(r.contains("r.toml:2:4"), "{r}");
        assert!(r.contains("│    ^"), "{r}");
    }
}

#[cfg(test)]
mod code_tests {
    use super::CODES;

    /// Every code the sources use is listed (and so described) in CODES.
    #[test]
    fn every_used_code_is_listed() {
        let mut missing = Vec::new();
        let mut seen = 0;
        let re = regex::Regex::new(r#"(?:Diagnostic::(?:error|warning)|\berr)\(\s*"([a-z-]+)""#)
            .unwrap();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap_or_default();

                for m in re.captures_iter(&text) {
                    seen += 1;
                    if !CODES.iter().any(|(c, _)| *c == &m[1]) {
                        missing.push(format!("{}: {}", p.display(), &m[1]));
                    }
                }
            }
        }
        assert!(seen > 30, "the scan found only {seen} uses");
        assert!(missing.is_empty(), "codes not in CODES: {missing:?}");
    }
}
