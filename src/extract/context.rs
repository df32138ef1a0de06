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

/// What a text has named so far, for the values that count from it: the
/// months of the last sub-year period ("the same period of 2025") and the
/// years of the last date or period ("a year earlier"). Values are fed in
/// text order.
#[derive(Debug, Clone, Default)]
pub struct Periods {
    last: Option<(u32, u32)>,
    /// First and last year of the last dated value named.
    years: Option<(i32, i32)>,
}

/// Does any value need what was named before it?
pub fn needs_periods(values: &[Extracted]) -> bool {
    values
        .iter()
        .any(|v| matches!(v.value, Value::SamePeriod { .. } | Value::Anaphor { .. }))
}

/// Does a value name something a later value may count from (a period's
/// months, a date's year)? A reader that keeps only some values of the
/// sentences before keeps these.
pub fn names_period(v: &Extracted) -> bool {
    matches!(v.kind, Kind::Date | Kind::Period)
        && matches!(
            v.value,
            Value::Time {
                lo: Some(_),
                hi: Some(_),
                ..
            }
        )
}

impl Periods {
    /// Reads the next values of a text: "the same period of 2025" becomes
    /// the months of the last period named before it, in the year it names;
    /// "a year earlier" the year before the last year named (or, when the
    /// text named none, before the source's year).
    pub fn feed(&mut self, values: &mut [Extracted], anchor: Option<Day>) {
        for v in values.iter_mut() {
            match &v.value {
                Value::SamePeriod { year } => {
                    let y = match (year, anchor) {
                        (YearRef::Abs(y), _) => Some(*y),
                        (YearRef::Rel(k), Some(a)) => Some(a.year() + k),
                        (YearRef::Rel(_), None) => None,
                        (YearRef::Ana(k), _) => self.year_from(*k, anchor),
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
                Value::Anaphor { years, months } => {
                    v.value = match (self.year_from(*years, anchor), months) {
                        (Some(y), Some((m1, m2))) => Value::Time {
                            lo: Some(Day::month_start(y, *m1)),
                            hi: Some(Day::month_end(y, *m2)),
                            grain: Grain::Month,
                        },
                        (Some(y), None) => Value::Time {
                            lo: Some(Day::year_start(y)),
                            hi: Some(Day::year_end(y)),
                            grain: Grain::Year,
                        },
                        (None, _) => Value::Unresolved {
                            why: "a year counted from an earlier one, in a source that names \
                                  no year before it and has no date"
                                .into(),
                        },
                    };
                }
                _ => {}
            }
            self.note(v);
        }
    }

    /// `years` after the last year named (before its first year when
    /// counting back, after its last when counting on), else after the
    /// source's year.
    fn year_from(&self, years: i32, anchor: Option<Day>) -> Option<i32> {
        let base = match self.years {
            Some((first, last)) => {
                if years < 0 {
                    first
                } else {
                    last
                }
            }
            None => anchor?.year(),
        };
        base.checked_add(years)
    }

    fn note(&mut self, v: &Extracted) {
        if !names_period(v) {
            return;
        }
        let Value::Time {
            lo: Some(lo),
            hi: Some(hi),
            grain,
        } = v.value
        else {
            return;
        };
        let (y1, m1, _) = lo.ymd();
        let (y2, m2, _) = hi.ymd();
        self.years = Some((y1, y2));
        if grain == Grain::Month && v.kind == Kind::Period {
            self.last = Some((m1, m2));
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
