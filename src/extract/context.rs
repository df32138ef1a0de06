//! Reading values in their context: what one value means can depend on the
//! values around it in the same source.

use super::{Extracted, Grain, Kind, Value, YearRef};
use crate::calendar::Day;

/// Resolves what a value means from its neighbours: "the same period"
/// takes the months of the period named before it; a scaled figure with no
/// currency takes its sentence's currency.
pub fn in_context(values: &mut [Extracted], sentences: &[(usize, usize)], anchor: Option<Day>) {
    resolve_same_period(values, anchor);
    inherit_units(values, sentences);
}

fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if b.1 <= a.0 {
        a.0 - b.1
    } else {
        b.0.saturating_sub(a.1)
    }
}

/// "the same period of 2025": the months of the last sub-year period named
/// before it in the source, in the year it names.
fn resolve_same_period(values: &mut [Extracted], anchor: Option<Day>) {
    let mut last: Option<(u32, u32)> = None;
    for v in values.iter_mut() {
        match &v.value {
            Value::Time {
                lo: Some(lo),
                hi: Some(hi),
                grain: Grain::Month,
            } if v.kind == Kind::Period => {
                let (_, m1, _) = lo.ymd();
                let (_, m2, _) = hi.ymd();
                last = Some((m1, m2));
            }
            Value::SamePeriod { year } => {
                let y = match (year, anchor) {
                    (YearRef::Abs(y), _) => Some(*y),
                    (YearRef::Rel(k), Some(a)) => Some(a.year() + k),
                    _ => None,
                };
                v.value = match (last, y) {
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

/// "883 مليون دولار مقابل 79 مليونًا": a scaled figure with no currency takes
/// the currency of the nearest money figure in its sentence.
fn inherit_units(values: &mut [Extracted], sentences: &[(usize, usize)]) {
    for &(s0, s1) in sentences {
        let idx: Vec<usize> = (0..values.len())
            .filter(|&i| values[i].start >= s0 && values[i].end <= s1)
            .collect();
        for &i in &idx {
            if values[i].kind != Kind::Number || !values[i].scaled {
                continue;
            }
            let donor = idx
                .iter()
                .filter(|&&j| values[j].kind == Kind::Money)
                .min_by_key(|&&j| {
                    distance(
                        (values[i].start, values[i].end),
                        (values[j].start, values[j].end),
                    )
                })
                .map(|&j| values[j].unit);
            if let Some(unit) = donor {
                values[i].kind = Kind::Money;
                values[i].unit = unit;
            }
        }
    }
}
