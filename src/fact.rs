//! Facts: one value a source states for one rule, with who stands behind it,
//! what it is about (its key) and the quote that proves it.

use std::fmt;

use crate::calendar::Day;
use crate::extract::{Fmt, Grain, Hedge, human, time_label};

/// Who stands behind a figure: an authority the rule names, or, when the text
/// names none, the source document itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    Authority(String),
    Source(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Authority(a) => write!(f, "{a}"),
            Origin::Source(s) => write!(f, "source {s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    /// `lo..hi` with the hedge applied; `None` is an open end.
    Num {
        point: Option<f64>,
        lo: Option<f64>,
        hi: Option<f64>,
        hedge: Hedge,
        unit: Option<String>,
    },
    Time {
        lo: Option<Day>,
        hi: Option<Day>,
        grain: Grain,
    },
    Category(String),
    Unresolved(String),
}

impl FactValue {
    /// The form rule examples are written in: "~80000000 USD", ">2",
    /// "10..20 %", "1992-04", "..1995-11-07", "riot-control vehicles".
    pub fn canonical(&self) -> String {
        match self {
            FactValue::Num {
                point,
                lo,
                hi,
                hedge,
                unit,
            } => {
                let body = match (hedge, point) {
                    (Hedge::Approx, Some(p)) => format!("~{}", Fmt(*p)),
                    (Hedge::Min, Some(p)) => format!(">{}", Fmt(*p)),
                    (Hedge::Max, Some(p)) => format!("<{}", Fmt(*p)),
                    (Hedge::None, Some(p)) => format!("{}", Fmt(*p)),
                    _ => format!(
                        "{}..{}",
                        lo.map_or(String::new(), |v| Fmt(v).to_string()),
                        hi.map_or(String::new(), |v| Fmt(v).to_string())
                    ),
                };
                match unit {
                    Some(u) => format!("{body} {u}"),
                    None => body,
                }
            }
            FactValue::Time { lo, hi, grain } => time_label(*lo, *hi, *grain),
            FactValue::Category(c) => c.clone(),
            FactValue::Unresolved(why) => format!("unresolved ({why})"),
        }
    }

    /// A short form for tables: "≈34M USD", ">2×", "10–20%", "1992-04".
    pub fn display(&self, multiplier: bool) -> String {
        match self {
            FactValue::Num {
                point,
                lo,
                hi,
                hedge,
                unit,
            } => {
                let suffix = match (unit.as_deref(), multiplier) {
                    (_, true) => "×".to_string(),
                    (Some("%"), _) => "%".to_string(),
                    (Some(u), _) => format!(" {u}"),
                    (None, _) => String::new(),
                };
                let body = match (hedge, point) {
                    (Hedge::Approx, Some(p)) => format!("≈{}", human(*p)),
                    (Hedge::Min, Some(p)) => format!(">{}", human(*p)),
                    (Hedge::Max, Some(p)) => format!("≤{}", human(*p)),
                    (Hedge::None, Some(p)) => human(*p),
                    _ => format!(
                        "{}–{}",
                        lo.map_or("…".into(), human),
                        hi.map_or("…".into(), human)
                    ),
                };
                format!("{body}{suffix}")
            }
            other => other.canonical(),
        }
    }
}

/// Where a fact was read: the source, 1-based line and character column of
/// the value, the sentence in the original text and the value's place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub source: String,
    pub line: usize,
    pub col: usize,
    pub sentence: String,
    /// Byte range of the value within `sentence`.
    pub value_range: (usize, usize),
}

impl Quote {
    pub fn value_text(&self) -> &str {
        self.sentence
            .get(self.value_range.0..self.value_range.1)
            .unwrap_or("")
    }

    /// The sentence cut to about `width` characters around the value.
    pub fn excerpt(&self, width: usize) -> String {
        let s = &self.sentence;
        let (a, b) = self.value_range;
        let total = s.chars().count();
        if total <= width {
            return s.clone();
        }
        let before = s[..a].chars().count();
        let value = s[a..b].chars().count();
        let room = width.saturating_sub(value) / 2;
        let from = before.saturating_sub(room);
        let to = (before + value + room).min(total);
        let mut out: String = s.chars().skip(from).take(to - from).collect();
        if from > 0 {
            out.insert(0, '…');
        }
        if to < total {
            out.push('…');
        }
        out
    }
}

impl FactValue {
    /// A figure multiplied by `factor` (intervals and point alike).
    pub fn scaled(&self, factor: f64) -> FactValue {
        match self {
            FactValue::Num {
                point,
                lo,
                hi,
                hedge,
                unit,
            } => FactValue::Num {
                point: point.map(|v| v * factor),
                lo: lo.map(|v| v * factor),
                hi: hi.map(|v| v * factor),
                hedge: *hedge,
                unit: unit.clone(),
            },
            other => other.clone(),
        }
    }
}

/// The key facts are grouped by: the rule's dimensions, in the rule's order.
pub type FactKey = Vec<(String, String)>;

pub fn key_label(key: &FactKey) -> String {
    if key.is_empty() {
        return "—".into();
    }
    key.iter()
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub rule: String,
    pub source: String,
    pub key: FactKey,
    pub origin: Origin,
    pub value: FactValue,
    /// The value after the rule's adjustment for this origin, and its note.
    pub adjusted: Option<(FactValue, String)>,
    pub quote: Quote,
    /// Why the key and origin are what they are, for `explain` and reports.
    pub why: Vec<String>,
    /// Normalized byte offset of the value in its source (for ordering).
    pub pos: usize,
}

impl Fact {
    /// What the comparer compares: the adjusted value where the rule adjusts.
    pub fn effective(&self) -> &FactValue {
        self.adjusted.as_ref().map_or(&self.value, |(v, _)| v)
    }
}
