//! Where a rule's problems are reported while it is validated: each at
//! its place in the rule file, with a cap on how many are kept.

use std::path::Path;

use crate::diag::Diagnostic;

/// Where a rule's problems are reported.
pub(super) struct Report<'a> {
    pub(super) file: &'a Path,
    pub(super) text: &'a str,
    pub(super) lines: &'a crate::text::LineIndex,
    pub(super) diags: &'a mut Vec<Diagnostic>,
    /// Errors counted so far, and past how many (in `diags`) no more are
    /// kept: a hostile rule cannot make a million diagnostics.
    pub(super) errors: usize,
    pub(super) cap: usize,
}

impl<'a> Report<'a> {
    pub(super) fn new(
        file: &'a Path,
        text: &'a str,
        lines: &'a crate::text::LineIndex,
        diags: &'a mut Vec<Diagnostic>,
        cap: usize,
    ) -> Report<'a> {
        Report {
            file,
            text,
            lines,
            diags,
            errors: 0,
            cap,
        }
    }

    pub(super) fn error(&mut self, code: &'static str, at: usize, msg: String, help: &str) {
        self.errors += 1;
        if self.diags.len() >= self.cap {
            return;
        }
        self.diags.push(
            Diagnostic::error(code, self.file, msg)
                .at_indexed(self.text, self.lines, at)
                .help(help.to_string()),
        );
    }

    pub(super) fn errors(&self) -> usize {
        self.errors
    }
}
