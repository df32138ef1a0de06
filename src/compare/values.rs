//! Comparing two values of one fact: intervals, tolerance and grades.

use crate::fact::FactValue;
use crate::finding::{Gap, Grade, Verdict};
use crate::rules::{Rule, RuleKind, Threshold};
use crate::value::Hedge;

/// Open ends as infinities.
pub fn bounds(lo: Option<f64>, hi: Option<f64>) -> (f64, f64) {
    (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY))
}

/// Gap ratio of two disjoint intervals on one side of zero: the bound of
/// the larger in magnitude nearest the other over the other's nearest
/// bound. Two falls ("-3.2%" and "-5.1%") compare by their sizes; intervals
/// on both sides of zero (a rise against a fall) are infinitely apart.
pub fn gap_ratio(a: (f64, f64), b: (f64, f64)) -> f64 {
    if a.1 <= 0.0 && b.1 <= 0.0 {
        return gap_ratio((-a.1, -a.0), (-b.1, -b.0));
    }
    let (small, large) = if a.1 <= b.0 { (a, b) } else { (b, a) };
    if small.1 <= 0.0 {
        return f64::INFINITY;
    }
    large.0 / small.1
}

pub fn grade(rule: &Rule, gap: Gap) -> Grade {
    let within = |t: Threshold| match (t, gap) {
        (Threshold::Ratio(t), Gap::Ratio(r)) => r <= t,
        (Threshold::Days(t), Gap::Days(d)) => d <= t,
        _ => false,
    };
    if within(rule.minor) {
        Grade::Minor
    } else if within(rule.discrepancy) {
        Grade::Discrepancy
    } else {
        Grade::Major
    }
}

fn within_tolerance(rule: &Rule, gap: Gap) -> bool {
    match (rule.tolerance, gap) {
        (Threshold::Ratio(t), Gap::Ratio(r)) => r <= t,
        (Threshold::Days(t), Gap::Days(d)) => d <= t,
        _ => false,
    }
}

/// The verdict on two values of the same rule and key.
pub fn compare(rule: &Rule, a: &FactValue, b: &FactValue) -> (Verdict, Option<Gap>) {
    match (a, b) {
        (
            FactValue::Num {
                lo: alo,
                hi: ahi,
                point: ap,
                hedge: ah,
                ..
            },
            FactValue::Num {
                lo: blo,
                hi: bhi,
                point: bp,
                hedge: bh,
                ..
            },
        ) => {
            // Counts of discrete things stated to the unit must match exactly
            // ("17 vehicles"); rounded counts ("7.1 million") compare as intervals.
            let to_the_unit = |lo: &Option<f64>, hi: &Option<f64>| matches!((lo, hi), (Some(l), Some(h)) if h - l <= 1.0);
            if rule.kind == RuleKind::Count
                && *ah == Hedge::None
                && *bh == Hedge::None
                && to_the_unit(alo, ahi)
                && to_the_unit(blo, bhi)
                && let (Some(x), Some(y)) = (ap, bp)
            {
                if x == y {
                    return (Verdict::Agree, None);
                }
                let gap = Gap::Ratio(x.max(*y) / x.min(*y).max(f64::MIN_POSITIVE));
                return (Verdict::Conflict(grade(rule, gap)), Some(gap));
            }
            let ia = bounds(*alo, *ahi);
            let ib = bounds(*blo, *bhi);
            if ia.0.max(ib.0) <= ia.1.min(ib.1) {
                return (Verdict::Agree, None);
            }
            let gap = Gap::Ratio(gap_ratio(ia, ib));
            if within_tolerance(rule, gap) {
                return (Verdict::Agree, Some(gap));
            }
            (Verdict::Conflict(grade(rule, gap)), Some(gap))
        }
        (
            FactValue::Time {
                lo: alo, hi: ahi, ..
            },
            FactValue::Time {
                lo: blo, hi: bhi, ..
            },
        ) => {
            // Grain-aware by construction: "1992" is all of 1992, so it
            // overlaps "April 1992".
            let a = (
                alo.map_or(i64::MIN, |d| d.0 as i64),
                ahi.map_or(i64::MAX, |d| d.0 as i64),
            );
            let b = (
                blo.map_or(i64::MIN, |d| d.0 as i64),
                bhi.map_or(i64::MAX, |d| d.0 as i64),
            );
            if a.0.max(b.0) <= a.1.min(b.1) {
                return (Verdict::Agree, None);
            }
            // Two closed intervals are as far apart as their middles: "1992"
            // and "1993" are a year apart (not the day between 31 December
            // and 1 January), and "May" and "June" a month.
            let closed = |x: (i64, i64)| x.0 != i64::MIN && x.1 != i64::MAX;
            let days = if closed(a) && closed(b) {
                ((a.0 + a.1) as f64 / 2.0 - (b.0 + b.1) as f64 / 2.0).abs()
            } else if a.1 < b.0 {
                b.0.saturating_sub(a.1) as f64
            } else {
                a.0.saturating_sub(b.1) as f64
            };
            let gap = Gap::Days(days);
            if within_tolerance(rule, gap) {
                return (Verdict::Agree, Some(gap));
            }
            (Verdict::Conflict(grade(rule, gap)), Some(gap))
        }
        (FactValue::Category(x), FactValue::Category(y)) => {
            if x == y {
                (Verdict::Agree, None)
            } else {
                (Verdict::Conflict(Grade::Major), None)
            }
        }
        _ => (Verdict::Unresolved, None),
    }
}
