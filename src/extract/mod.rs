//! Value grammars: folded text in, normalized values out.
//!
//! `extract` reads every number, money amount, percent, multiplier, date and
//! period in a text and returns each as an interval with its grain, hedge
//! and span. It is pure: no rules, no sources, only the language tables in
//! `lang` and an optional anchor date for relative expressions.

mod context;
pub mod explain;
mod grammar;
mod token;

pub use context::{Periods, inherit_units, names_period, needs_periods};
pub use grammar::{extract, extract_range, extract_with};
pub use token::auto as all_languages;
pub use token::for_source;
pub use token::{Lexicon, bare_forms, lexicon};

use crate::calendar::Day;
use crate::value::Extracted;

/// Every value of a folded text, read sentence by sentence and in context,
/// as the matcher reads a sentence: for `values`, rule drafts and the
/// accuracy corpora.
pub fn read(text: &str, anchor: Option<Day>, lx: &Lexicon) -> Vec<Extracted> {
    let mut out = Vec::new();
    for span in crate::sentences::sentences(text) {
        let mut values = extract_range(text, span, anchor, lx);
        inherit_units(&mut values);
        out.extend(values);
    }
    Periods::default().feed(&mut out, anchor);
    out
}
