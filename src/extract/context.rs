//! Reading values in their context (sentence by sentence, in text order,
//! as `extract::read` and the matcher do): what one value means can depend on the
//! values around it in the same source.

use crate::calendar::Day;
use crate::value::{Extracted, Grain, Kind, Value, YearRef};

fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if b.1 <= a.0 {
        a.0 - b.1
    } else {
        b.0.saturating_sub(a.1)
    }
}

/// The months of the last sub-year period named so far, for "the same
/// period of 2025". Values are fed in text order.
#[derive(Debug, Clone, Default)]
pub struct Periods {
    last: Option<(u32, u32)>,
}

/// Does any value need the periods named before it?
pub fn needs_periods(values: &[Extracted]) -> bool {
    values
        .iter()
        .any(|v| matches!(v.value, Value::SamePeriod { .. }))
}

impl Periods {
    /// Reads the next values of a text: "the same period of 2025" becomes
    /// the months of the last period named before it, in the year it names.
    pub fn feed(&mut self, values: &mut [Extracted], anchor: Option<Day>) {
        for v in values.iter_mut() {
            match &v.value {
                Value::Time {
                    lo: Some(lo),
                    hi: Some(hi),
                    grain: Grain::Month,
                } if v.kind == Kind::Period => {
                    let (_, m1, _) = lo.ymd();
                    let (_, m2, _) = hi.ymd();
                    self.last = Some((m1, m2));
                }
                Value::SamePeriod { year } => {
                    let y = match (year, anchor) {
                        (YearRef::Abs(y), _) => Some(*y),
                        (YearRef::Rel(k), Some(a)) => Some(a.year() + k),
                        _ => None,
                    };
                    v.value = match (self.last, y) {
                        (Some((m1, m2)), Some(y)) => Value::Time {
                            lo: Some(Day::month_start(y, m1)),
                            hi: Some(Day::month_end(y, m2)),
                            grain: Grain::Month,
                        },
                        (None, Some(y)) => Value::Time {
                            lo: Some(Day::year_start(y)),
                            hi: Some(Day::year_end(y)),
                            grain: Grain::Year,
                        },
                        (_, None) => Value::Unresolved {
                            why: "\"the same period\" of a relative year in a source with no date"
                                .into(),
                        },
                    };
                }
                _ => {}
            }
        }
    }
}

/// "883 مليون دولار مقابل 79 مليونًا": in one sentence's values, a scaled
/// figure with no currency takes the currency of the nearest money figure.
pub fn inherit_units(values: &mut [Extracted]) {
    let money: Vec<usize> = (0..values.len())
        .filter(|&j| values[j].kind == Kind::Money)
        .collect();
    if money.is_empty() {
        return;
    }
    for i in 0..values.len() {
        if values[i].kind != Kind::Number || !values[i].scaled {
            continue;
        }
        let span = (values[i].start, values[i].end);
        let donor = money
            .iter()
            .min_by_key(|&&j| distance(span, (values[j].start, values[j].end)))
            .map(|&j| values[j].unit);
        if let Some(unit) = donor {
            values[i].kind = Kind::Money;
            values[i].unit = unit;
        }
    }
}
