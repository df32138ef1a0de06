//! Reports: the run (`run::Run`), rendered as a terminal table or Markdown.
//!
//! Renderers only format: every verdict, gap and note comes from the
//! comparer. All text from sources is escaped for the output it goes to.

pub mod markdown;
pub mod table;

pub use crate::escape;
use crate::finding::Finding;

/// One line per value: "origin: value [source line:col]".
pub fn value_lines(f: &Finding) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (origin, facts) in &f.origins {
        for fact in facts {
            let place = format!("{} {}:{}", fact.source, fact.quote.line, fact.quote.col);
            let mut value = fact.value.display(f.multiplier);
            if let Some((adj, note)) = fact.adjusted.as_deref() {
                value = format!("{value} (adjusted: {}, {note})", adj.display(f.multiplier));
            }
            out.push((origin.to_string(), value, place));
        }
    }
    out
}
