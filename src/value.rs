//! What a value is: its kind, the interval it stands for, its hedge and
//! grain, and how it is written for people.
//!
//! The grammars (`extract`) produce `Extracted` values; facts carry them on
//! as `fact::FactValue`. Nothing here reads text.

use std::fmt;

use crate::calendar::Day;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Number,
    Money,
    Percent,
    Multiplier,
    Date,
    Period,
    /// A physical quantity with its unit: tonnes, barrels a day, km, MW.
    Quantity,
}

/// What a percent measures: a share or level ("12% of GDP"), a change
/// ("fell 3.2%", signed), or a rate (interest, inflation, unemployment).
/// Rules may require one (`percent = "change"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Role {
    #[default]
    Share,
    Change,
    Rate,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Share, Role::Change, Role::Rate];

    pub fn name(self) -> &'static str {
        match self {
            Role::Share => "share",
            Role::Change => "change",
            Role::Rate => "rate",
        }
    }
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Multiplier => "multiplier",
            Kind::Date => "date",
            Kind::Period => "period",
            Kind::Quantity => "quantity",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    None,
    /// about, نحو
    Approx,
    /// more than, أكثر من: a lower bound
    Min,
    /// up to, لم يتجاوز: an upper bound
    Max,
    /// between two stated ends
    Range,
}

impl Hedge {
    pub fn name(self) -> &'static str {
        match self {
            Hedge::None => "none",
            Hedge::Approx => "approx",
            Hedge::Min => "min",
            Hedge::Max => "max",
            Hedge::Range => "range",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Day,
    Month,
    Year,
    Decade,
    Century,
}

impl Grain {
    pub fn name(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Month => "month",
            Grain::Year => "year",
            Grain::Decade => "decade",
            Grain::Century => "century",
        }
    }
}

/// A year named absolutely, relative to the source's date ("last year"),
/// or relative to the last year the text named ("the previous year").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Abs(i32),
    Rel(i32),
    /// Years after (or, negative, before) the last year named before it.
    Ana(i32),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quantity. `lo..=hi` is what the words state before any hedge
    /// widening: a point stands for ± half a unit of its last significant digit.
    Num {
        point: Option<f64>,
        lo: f64,
        hi: f64,
    },
    /// A closed range of days; an open end is `None`.
    Time {
        lo: Option<Day>,
        hi: Option<Day>,
        grain: Grain,
    },
    /// "the same period of 2025": the months of the last period named before.
    SamePeriod { year: YearRef },
    /// "a year earlier", "the following year", "from January to March":
    /// `years` after the last year named before it in the text (the
    /// source's year when none was), the whole year or `months` of it.
    Anaphor {
        years: i32,
        months: Option<(u32, u32)>,
    },
    /// A relative expression that has no anchor date to resolve against.
    Unresolved { why: String },
}

/// One value read from a text. Offsets are bytes of the text given to `extract`.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub hedge: Hedge,
    pub value: Value,
    /// ISO 4217 code for money, "%" for percents.
    pub unit: Option<&'static str>,
    /// A scale word (million, مليون) was part of the number.
    pub scaled: bool,
    /// The value came from a relative expression ("last year").
    pub relative: bool,
    /// The grammar that read it ("quantity", "range", "month_date", …),
    /// with what later passes added ("+change"): `values --json` shows it.
    pub grammar: &'static str,
    /// A percent's role (share, change, rate); `Share` for other kinds.
    pub role: Role,
    /// For a date hedged "about": how many days the hedge widens it on
    /// each side ("about a decade ago": 2.5 years). The value itself is
    /// the date the words name.
    pub spread: u32,
    /// A numeric date that reads both ways ("03/04/2025"): read by the
    /// source's locale, and flagged.
    pub ambiguous: bool,
    /// Bytes of a word outside the value that decided what it is: the
    /// word of change that makes a percent a change, the rate word.
    pub cue: Option<(usize, usize)>,
}

/// How far "about" widens a figure unless a rule says otherwise.
pub const DEFAULT_APPROX: f64 = 0.10;

impl Extracted {
    /// The interval the value stands for, with the hedge applied; `None`
    /// ends are open. `approx` is the widening for "about" (0.10 = 10%).
    pub fn num_interval(&self, approx: f64) -> Option<(Option<f64>, Option<f64>)> {
        let Value::Num { point, lo, hi } = self.value else {
            return None;
        };
        Some(match (self.hedge, point) {
            (Hedge::Approx, Some(p)) => {
                let a = p.abs() * approx;
                (Some(lo.min(p - a)), Some(hi.max(p + a)))
            }
            (Hedge::Min, Some(p)) => (Some(p), None),
            (Hedge::Max, Some(p)) => (if p >= 0.0 { Some(0.0) } else { None }, Some(p)),
            _ => (Some(lo), Some(hi)),
        })
    }

    /// The interval of a date value with its hedge's spread applied.
    pub fn time_interval(&self) -> Option<(Option<Day>, Option<Day>)> {
        let Value::Time { lo, hi, .. } = self.value else {
            return None;
        };
        let s = self.spread as i32;
        Some((lo.map(|d| Day(d.0 - s)), hi.map(|d| Day(d.0 + s))))
    }

    pub fn point(&self) -> Option<f64> {
        match self.value {
            Value::Num { point, .. } => point,
            _ => None,
        }
    }
}

/// A number printed without float noise: 34000000, 2.5, 0.1.
pub struct Fmt(pub f64);

impl fmt::Display for Fmt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_infinite() {
            return write!(f, "{}", if v > 0.0 { "∞" } else { "-∞" });
        }
        if (v - v.round()).abs() < 1e-9 && v.abs() < 1e15 {
            write!(f, "{}", v.round() as i64)
        } else {
            let s = format!("{v:.6}");
            write!(f, "{}", s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

/// A compact human form: 34M, 1.2K, 883M, 2.5B.
pub fn human(v: f64) -> String {
    let a = v.abs();
    let (d, s) = if a >= 1e12 {
        (1e12, "T")
    } else if a >= 1e9 {
        (1e9, "B")
    } else if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e4 {
        (1e3, "K")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let r = (x * 100.0).round() / 100.0;
    format!("{}{s}", Fmt(r))
}

/// The label of a date interval at its grain: "1992", "1992-04", "2025-01..2025-08".
pub fn time_label(lo: Option<Day>, hi: Option<Day>, grain: Grain) -> String {
    match (lo, hi) {
        (Some(l), Some(h)) => {
            let (ly, lm, ld) = l.ymd();
            let (hy, hm, hd) = h.ymd();
            let whole_months = ld == 1 && h == Day::month_end(hy, hm);
            if whole_months && lm == 1 && hm == 12 {
                if ly == hy {
                    return format!("{ly}");
                }
                return format!("{ly}..{hy}");
            }
            if whole_months {
                if (ly, lm) == (hy, hm) {
                    return format!("{ly:04}-{lm:02}");
                }
                return format!("{ly:04}-{lm:02}..{hy:04}-{hm:02}");
            }
            if l == h {
                return l.to_string();
            }
            let _ = (grain, hd);
            format!("{l}..{h}")
        }
        (None, Some(h)) => format!("..{h}"),
        (Some(l), None) => format!("{l}.."),
        (None, None) => "any time".into(),
    }
}
