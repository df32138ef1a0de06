//! The comparer: facts → findings.
//!
//! Facts are grouped by rule and key (facts for different periods or
//! directions are never compared). Each group is read over its intervals
//! sorted once: the extremes (the highest low end and the lowest high end,
//! from different origins) give the worst disagreement and so the verdict,
//! and one sweep splits the facts into clusters that agree among themselves.
//! No pair of facts is ever enumerated, so a fact stated by 20,000 sources
//! costs O(n log n), and a finding's size is linear in its facts. Multiplier
//! rules with a `ratio` are checked against the figures of the rule they
//! compare, and stand as evidence of a conflict where those figures are
//! missing.

mod values;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::fact::{Fact, FactKey, FactValue, Origin};
use crate::finding::{Cluster, Finding, Gap, Verdict};
use crate::rules::{Rule, RuleKind, RuleSet, Threshold};
use crate::value::Hedge;
pub use values::{bounds, compare as compare_values, gap_ratio};

type Groups = BTreeMap<(Arc<str>, Arc<FactKey>), Vec<Fact>>;

/// Compares all facts; findings come sorted by rule id, then key, and own
/// their facts.
pub fn compare(rules: &RuleSet, mut facts: Vec<Fact>) -> Vec<Finding> {
    // Each group's size first, so every fact moves once, into a group of
    // exactly its size: the facts are held twice at most, never more.
    let mut sizes: BTreeMap<(Arc<str>, Arc<FactKey>), usize> = BTreeMap::new();
    for f in &facts {
        *sizes.entry((f.rule.clone(), f.key.clone())).or_default() += 1;
    }
    let mut groups: Groups = sizes
        .into_iter()
        .map(|(k, n)| (k, Vec::with_capacity(n)))
        .collect();
    // Taken from the end, and the source list shrunk as it empties, so the
    // facts are not held twice over; each group is then put back in order.
    while let Some(f) = facts.pop() {
        if let Some(g) = groups.get_mut(&(f.rule.clone(), f.key.clone())) {
            g.push(f);
        }
        if facts.capacity() > 1024 && facts.len() < facts.capacity() / 2 {
            facts.shrink_to_fit();
        }
    }
    for g in groups.values_mut() {
        g.reverse();
    }
    let mut findings = Vec::with_capacity(groups.len());
    for (id, group) in &groups {
        let Some(rule) = rules.get(&id.0) else {
            continue;
        };
        let finding = match &rule.ratio {
            Some(_) => ratio_finding(rule, &id.1, group, &groups),
            None => value_finding(rule, &id.1, group),
        };
        findings.push((id.clone(), finding));
    }
    // The facts move into their findings once every verdict is made.
    let mut out = Vec::with_capacity(findings.len());
    for (id, mut f) in findings {
        if let Some(group) = groups.remove(&id) {
            f.origins = by_origin(group);
        }
        out.push(f);
    }
    out.sort_by(|a, b| {
        (a.rule.as_str(), key_order(&a.key)).cmp(&(b.rule.as_str(), key_order(&b.key)))
    });
    out
}

/// Keys sort by their labels; "unspecified" and "unresolved" last.
fn key_order(k: &FactKey) -> Vec<(bool, String)> {
    k.iter()
        .map(|(_, v)| (v == "unspecified" || v == "unresolved", v.clone()))
        .collect()
}

fn by_origin(group: Vec<Fact>) -> Vec<(Origin, Vec<Fact>)> {
    let mut sizes: BTreeMap<Origin, usize> = BTreeMap::new();
    for f in &group {
        *sizes.entry(f.origin.clone()).or_default() += 1;
    }
    let mut m: BTreeMap<Origin, Vec<Fact>> = sizes
        .into_iter()
        .map(|(o, n)| (o, Vec::with_capacity(n)))
        .collect();
    for f in group {
        if let Some(v) = m.get_mut(&f.origin) {
            v.push(f);
        }
    }
    m.into_iter().collect()
}

fn origin_count(group: &[Fact]) -> usize {
    let mut o: Vec<&Origin> = group.iter().map(|f| &f.origin).collect();
    o.sort();
    o.dedup();
    o.len()
}

fn unresolved_key(key: &FactKey) -> bool {
    key.iter()
        .any(|(_, v)| v == "unresolved" || v == "unspecified" || v == "unkeyed")
}

/// A fact's value on the line the comparison sorts on: an interval of
/// numbers or days, or a category label.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Axis<'a> {
    Span(f64, f64),
    Label(&'a str),
    None,
}

fn axis<'a>(rule: &Rule, v: &'a FactValue) -> Axis<'a> {
    match v {
        FactValue::Num {
            point,
            lo,
            hi,
            hedge,
            ..
        } => {
            // A count stated to the unit is exact: "17 vehicles" is 17.
            let exact = rule.kind == RuleKind::Count
                && *hedge == Hedge::None
                && matches!((lo, hi), (Some(l), Some(h)) if h - l <= 1.0);
            match (exact, point) {
                (true, Some(p)) => Axis::Span(*p, *p),
                _ => {
                    let (l, h) = bounds(*lo, *hi);
                    Axis::Span(l, h)
                }
            }
        }
        FactValue::Time { lo, hi, .. } => Axis::Span(
            lo.map_or(f64::NEG_INFINITY, |d| d.0 as f64),
            hi.map_or(f64::INFINITY, |d| d.0 as f64),
        ),
        FactValue::Category(c) => Axis::Label(c),
        FactValue::Unresolved(_) => Axis::None,
    }
}

/// Within tolerance of each other, as the cluster sweep asks it: does an
/// interval starting at `lo` reach one that ends at `hi` (`lo > hi`)?
fn reaches(rule: &Rule, hi: f64, lo: f64) -> bool {
    if lo <= hi {
        return true;
    }
    match rule.tolerance {
        Threshold::Ratio(t) => hi > 0.0 && lo <= hi * t,
        Threshold::Days(d) => lo - hi <= d,
    }
}

/// The worst pair of facts: of different origins where such a pair is as
/// bad as any, else of one origin (an authority quoted with two figures, a
/// source that disagrees with itself). Linear: it needs only the extremes.
fn worst_pair<'a>(rule: &Rule, group: &'a [Fact]) -> Option<(&'a Fact, &'a Fact)> {
    let axes: Vec<Axis> = group.iter().map(|f| axis(rule, f.effective())).collect();
    if axes.iter().any(|a| matches!(a, Axis::Label(_))) {
        let first = group.iter().zip(&axes).find_map(|(f, a)| match a {
            Axis::Label(l) => Some((f, *l)),
            _ => None,
        })?;
        // Some fact disagrees with the first; if it shares its origin, any
        // fact of another origin disagrees with one of the two.
        let other = group
            .iter()
            .zip(&axes)
            .find(|(_, a)| matches!(a, Axis::Label(l) if *l != first.1))?;
        if other.0.origin != first.0.origin {
            return Some((first.0, other.0));
        }
        let Some(third) = group
            .iter()
            .zip(&axes)
            .find(|(f, a)| f.origin != first.0.origin && matches!(a, Axis::Label(_)))
        else {
            return Some((first.0, other.0));
        };
        return Some(if *third.1 == Axis::Label(first.1) {
            (other.0, third.0)
        } else {
            (first.0, third.0)
        });
    }
    // The two highest low ends and the two lowest high ends, of distinct
    // origins: the worst pair of different origins is among their
    // combinations; the very highest low end and lowest high end, whatever
    // their origins, are the worst pair of all.
    let mut top_lo: Vec<(f64, usize)> = Vec::new();
    let mut bottom_hi: Vec<(f64, usize)> = Vec::new();
    let mut extremes: Option<(usize, usize)> = None;
    for (i, a) in axes.iter().enumerate() {
        let Axis::Span(lo, hi) = *a else { continue };
        keep_two(&mut top_lo, (lo, i), group, |x, y| x > y);
        keep_two(&mut bottom_hi, (hi, i), group, |x, y| x < y);
        extremes = Some(match extremes {
            None => (i, i),
            Some((l, h)) => {
                let higher_lo = matches!(axes[l], Axis::Span(x, _) if lo > x);
                let lower_hi = matches!(axes[h], Axis::Span(_, y) if hi < y);
                (if higher_lo { i } else { l }, if lower_hi { i } else { h })
            }
        });
    }
    let score = |j: usize, i: usize| {
        let (v, g) = values::compare(rule, group[j].effective(), group[i].effective());
        (rank(v), gap_value(g))
    };
    let mut best: Option<(usize, usize, (u8, f64))> = None;
    for &(_, i) in &top_lo {
        for &(_, j) in &bottom_hi {
            if group[i].origin == group[j].origin {
                continue;
            }
            let s = score(j, i);
            if best.is_none_or(|(_, _, b)| s > b) {
                best = Some((j, i, s));
            }
        }
    }
    if let Some((i, j)) = extremes
        && i != j
        && group[i].origin == group[j].origin
    {
        let s = score(j, i);
        if best.is_none_or(|(_, _, b)| s > b) {
            best = Some((j, i, s));
        }
    }
    best.map(|(a, b, _)| (&group[a], &group[b]))
}

/// Keeps the best two entries of distinct origins by `better`.
fn keep_two(
    list: &mut Vec<(f64, usize)>,
    new: (f64, usize),
    group: &[Fact],
    better: impl Fn(f64, f64) -> bool,
) {
    if let Some(pos) = list
        .iter()
        .position(|&(_, i)| group[i].origin == group[new.1].origin)
    {
        if better(new.0, list[pos].0) {
            list[pos] = new;
        }
    } else {
        list.push(new);
    }
    list.sort_by(|a, b| {
        if better(a.0, b.0) {
            std::cmp::Ordering::Less
        } else if better(b.0, a.0) {
            std::cmp::Ordering::Greater
        } else {
            a.1.cmp(&b.1)
        }
    });
    list.truncate(2);
}

/// Splits a group into clusters whose facts agree among themselves: sorted
/// by high end, each cluster takes every fact that reaches the lowest high
/// end left. Lowest values first.
fn clusters(rule: &Rule, group: &[Fact]) -> Vec<Cluster> {
    let mut labels: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut spans: Vec<(f64, f64, usize)> = Vec::new();
    for (i, f) in group.iter().enumerate() {
        match axis(rule, f.effective()) {
            Axis::Span(lo, hi) => spans.push((lo, hi, i)),
            Axis::Label(l) => labels.entry(l).or_default().push(i),
            Axis::None => {}
        }
    }
    let make = |members: &[usize], span: (f64, f64)| {
        let mut origins: Vec<Origin> = members.iter().map(|&i| group[i].origin.clone()).collect();
        origins.sort();
        origins.dedup();
        Cluster {
            origins,
            facts: members.len(),
            span,
        }
    };
    let mut out: Vec<Cluster> = labels
        .values()
        .map(|m| make(m, (f64::NAN, f64::NAN)))
        .collect();
    spans.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(a.0.total_cmp(&b.0))
            .then(a.2.cmp(&b.2))
    });
    let mut taken = vec![false; spans.len()];
    // By low end, to take each cluster's members without a rescan.
    let mut by_lo: Vec<usize> = (0..spans.len()).collect();
    by_lo.sort_by(|&a, &b| spans[a].0.total_cmp(&spans[b].0).then(a.cmp(&b)));
    let mut next_lo = 0;
    let mut pending: Vec<usize> = Vec::new();
    for k in 0..spans.len() {
        if taken[k] {
            continue;
        }
        let stab = spans[k].1;
        while next_lo < by_lo.len() && reaches(rule, stab, spans[by_lo[next_lo]].0) {
            pending.push(by_lo[next_lo]);
            next_lo += 1;
        }
        let members: Vec<usize> = pending.drain(..).filter(|&m| !taken[m]).collect();
        let mut lo = f64::NEG_INFINITY;
        for &m in &members {
            taken[m] = true;
            lo = lo.max(spans[m].0);
        }
        let idx: Vec<usize> = members.iter().map(|&m| spans[m].2).collect();
        out.push(make(&idx, (lo, stab)));
    }
    out
}

fn value_finding(rule: &Rule, key: &FactKey, group: &[Fact]) -> Finding {
    let unresolved_members = group
        .iter()
        .filter(|f| matches!(f.value, FactValue::Unresolved(_)))
        .count();
    // A key that could not be found makes the whole group unresolved; a
    // member whose value cannot be resolved is left out, and the others
    // are still compared.
    if unresolved_key(key) || unresolved_members == group.len() {
        return Finding {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            key: key.clone(),
            origins: Vec::new(),
            clusters: Vec::new(),
            verdict: Verdict::Unresolved,
            gap: None,
            note: unresolved_note(key, group),
            multiplier: false,
            known_causes: rule.known_causes.clone(),
            level: Default::default(),
            status: Default::default(),
        };
    }
    let resolved: Vec<Fact>;
    let compared: &[Fact] = if unresolved_members == 0 {
        group
    } else {
        resolved = group
            .iter()
            .filter(|f| !matches!(f.value, FactValue::Unresolved(_)))
            .cloned()
            .collect();
        &resolved
    };
    let pair = worst_pair(rule, compared);
    let worst = pair.map(|(a, b)| values::compare(rule, a.effective(), b.effective()));
    let resolved_origins = origin_count(compared);
    let verdict = match worst {
        Some((v, _)) if v.is_conflict() => v,
        _ if resolved_origins >= 2 => Verdict::Agree,
        _ if unresolved_members > 0 => Verdict::Unresolved,
        _ => Verdict::SingleSource,
    };
    let gap = worst.and_then(|(v, g)| g.filter(|_| v.is_conflict()));
    let clusters = clusters(rule, compared);
    let mut notes = Vec::new();
    if let Some((a, b)) = pair
        && verdict.is_conflict()
        && a.origin == b.origin
    {
        let who = match &a.origin {
            Origin::Authority(name) => format!("the same authority ({name})"),
            Origin::Source(id) => format!("source {id}"),
        };
        notes.push(format!(
            "{who} is quoted with {} and {}",
            a.effective().display(false),
            b.effective().display(false)
        ));
    }
    let majority = majority_note(resolved_origins, verdict, &clusters);
    if !majority.is_empty() {
        notes.push(majority);
    }
    if unresolved_members > 0 {
        notes.push(format!("{unresolved_members} unresolved, not compared"));
    }
    Finding {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        key: key.clone(),
        origins: Vec::new(),
        clusters,
        verdict,
        gap,
        note: notes.join("; "),
        multiplier: false,
        known_causes: rule.known_causes.clone(),
        level: Default::default(),
        status: Default::default(),
    }
}

fn unresolved_note(key: &FactKey, group: &[Fact]) -> String {
    if let Some(FactValue::Unresolved(why)) = group
        .iter()
        .map(|f| &f.value)
        .find(|v| matches!(v, FactValue::Unresolved(_)))
    {
        return why.clone();
    }
    let dims: Vec<&str> = key
        .iter()
        .filter(|(_, v)| v == "unresolved" || v == "unspecified" || v == "unkeyed")
        .map(|(n, _)| n.as_str())
        .collect();
    format!(
        "{} not stated or not resolvable; not compared",
        dims.join(", ")
    )
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Agree => 0,
        Verdict::SingleSource => 1,
        Verdict::Unresolved => 2,
        Verdict::Conflict(g) => 3 + g as u8,
    }
}

fn gap_value(g: Option<Gap>) -> f64 {
    match g {
        Some(Gap::Ratio(r)) => r,
        Some(Gap::Days(d)) => d,
        None => 0.0,
    }
}

/// "3 of 3 agree"; with three or more origins and one odd one out, "2 of 3
/// agree; X differs"; otherwise the clusters, lowest first.
fn majority_note(n: usize, verdict: Verdict, clusters: &[Cluster]) -> String {
    if n < 2 {
        return String::new();
    }
    if !verdict.is_conflict() {
        return format!("{n} of {n} agree");
    }
    if n < 3 {
        return String::new();
    }
    if clusters.len() == 2 {
        for (odd, rest) in [(&clusters[0], &clusters[1]), (&clusters[1], &clusters[0])] {
            if let [o] = odd.origins.as_slice()
                && !rest.origins.contains(o)
                && rest.origins.len() == n - 1
            {
                return format!("{} of {n} agree; {o} differs", n - 1);
            }
        }
    }
    // Each cluster by its first origins; with many, only the extremes.
    let name = |c: &Cluster| {
        let mut s = c
            .origins
            .iter()
            .take(3)
            .map(|o| o.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if c.origins.len() > 3 {
            s.push_str(&format!(" and {} more", c.origins.len() - 3));
        }
        s
    };
    match clusters {
        [lowest, .., highest] if clusters.len() > 3 => format!(
            "{} clusters; lowest: {}; highest: {}",
            clusters.len(),
            name(lowest),
            name(highest)
        ),
        _ => format!(
            "{} clusters: {}",
            clusters.len(),
            clusters.iter().map(name).collect::<Vec<_>>().join(" | ")
        ),
    }
}

/// A multiplier claim ("Kazakhstan's figure is N× Israel's") checked against
/// the figures of the rule it compares, for the same key.
fn ratio_finding(rule: &Rule, key: &FactKey, group: &[Fact], groups: &Groups) -> Finding {
    let Some(ratio) = &rule.ratio else {
        return value_finding(rule, key, group);
    };
    let base: &[Fact] = groups
        .get(&(Arc::from(ratio.of.as_str()), Arc::new(key.clone())))
        .map_or(&[], Vec::as_slice);
    let num_of = |f: &'_ Fact| match &f.value {
        FactValue::Num { lo, hi, .. } => Some((lo.unwrap_or(0.0), hi.unwrap_or(f64::INFINITY))),
        _ => None,
    };
    // "larger" and "smaller": the two origins' figures, the larger over the
    // smaller (by their middles); both need two origins that differ.
    let point = |f: &Fact| match f.value {
        FactValue::Num { point: Some(p), .. } => p,
        FactValue::Num { lo, hi, .. } => (lo.unwrap_or(0.0) + hi.unwrap_or(0.0)) / 2.0,
        _ => f64::NAN,
    };
    let authorities: Vec<&Fact> = base
        .iter()
        .filter(|f| matches!(f.origin, Origin::Authority(_)) && num_of(f).is_some())
        .collect();
    let extreme = |larger: bool| -> Option<&Fact> {
        let distinct = authorities
            .iter()
            .any(|f| f.origin != authorities[0].origin);
        if !distinct {
            return None;
        }
        let by = |a: &&&Fact, b: &&&Fact| point(a).total_cmp(&point(b));
        if larger {
            authorities.iter().max_by(by).copied()
        } else {
            authorities.iter().min_by(by).copied()
        }
    };
    let side = |who: &str| -> Option<(f64, f64, &Fact)> {
        let f = match who {
            "larger" => extreme(true),
            "smaller" => extreme(false),
            _ => base
                .iter()
                .find(|f| matches!(&f.origin, Origin::Authority(a) if **a == *who)),
        }?;
        num_of(f).map(|(lo, hi)| (lo, hi, f))
    };
    let num = side(&ratio.numerator);
    let den = side(&ratio.denominator);
    let mut verdict = Verdict::Agree;
    let mut gap = None;
    let mut notes = Vec::new();
    if unresolved_key(key) {
        return Finding {
            verdict: Verdict::Unresolved,
            note: unresolved_note(key, group),
            ..value_finding(rule, key, group)
        };
    }
    for f in group {
        let FactValue::Num { lo, hi, .. } = &f.value else {
            continue;
        };
        let claim = bounds(*lo, *hi);
        let (v, g, note) = match (num, den) {
            (Some((nlo, nhi, nf)), Some((dlo, dhi, df))) => {
                let computed = (nlo / dhi, if dlo > 0.0 { nhi / dlo } else { f64::INFINITY });
                let point = |x: &Fact| match x.value {
                    FactValue::Num { point: Some(p), .. } => p,
                    _ => f64::NAN,
                };
                let stated = format!(
                    "{} / {} = {:.2}×",
                    nf.value.display(false),
                    df.value.display(false),
                    point(nf) / point(df)
                );
                let computed_value = FactValue::Num {
                    point: None,
                    lo: Some(computed.0),
                    hi: Some(computed.1),
                    hedge: Hedge::Range,
                    unit: None,
                };
                let (v, g) = values::compare(rule, &f.value, &computed_value);
                let word = if v.is_conflict() {
                    "inconsistent with"
                } else {
                    "consistent with"
                };
                (v, g, format!("{word} the figures: {stated}"))
            }
            _ => {
                // No pair of figures to check it against: the claim itself
                // says the two origins disagree by this factor.
                let factor = claim.0.max(1.0);
                let v = if factor <= 1.0 {
                    Verdict::Agree
                } else {
                    Verdict::Conflict(values::grade(rule, Gap::Ratio(factor)))
                };
                let stated = match &f.value {
                    FactValue::Num { point: Some(p), .. } => *p,
                    _ => factor,
                };
                // "larger"/"smaller" with one origin's figure: it may be
                // either side, so the other is one of two figures.
                let lone = (ratio.numerator == "larger" && ratio.denominator == "smaller")
                    .then(|| {
                        let mut origins = authorities.iter().map(|f| &f.origin);
                        let first = origins.next()?;
                        origins.all(|o| o == first).then_some(authorities[0])
                    })
                    .flatten();
                let implied = match (&num, &den, lone) {
                    (None, None, Some(known)) => {
                        let up = implied_note(known, stated, "the other side", true);
                        let down = implied_note(known, stated, "", false);
                        match down.rsplit_once(" at ") {
                            Some((_, v)) => {
                                format!("{up} if it is the larger, at {v} if the smaller")
                            }
                            None => up,
                        }
                    }
                    (None, Some((_, _, d)), _) => implied_note(d, stated, &ratio.numerator, true),
                    (Some((_, _, n)), None, _) => {
                        implied_note(n, stated, &ratio.denominator, false)
                    }
                    _ => format!(
                        "neither {} nor {} figure is stated",
                        ratio.numerator, ratio.denominator
                    ),
                };
                (
                    v,
                    Some(Gap::Ratio(stated)),
                    format!(
                        "stated: {} figure = {} × {} figure; {implied}",
                        ratio.numerator,
                        crate::value::Fmt(stated),
                        ratio.denominator,
                    ),
                )
            }
        };
        if rank(v) > rank(verdict) {
            verdict = v;
        }
        if v.is_conflict() && gap_value(g) > gap_value(gap) {
            gap = g;
        }
        notes.push(note);
    }
    notes.dedup();
    Finding {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        key: key.clone(),
        origins: Vec::new(),
        clusters: Vec::new(),
        verdict,
        gap,
        note: notes.join("; "),
        multiplier: true,
        known_causes: rule.known_causes.clone(),
        level: Default::default(),
        status: Default::default(),
    }
}

/// "Israel (CBS) 123M USD, so Kazakhstan (national statistics) ≈ 369M USD".
fn implied_note(known: &Fact, factor: f64, other: &str, multiply: bool) -> String {
    match &known.value {
        FactValue::Num {
            point: Some(p),
            unit,
            ..
        } => {
            let v = if multiply { p * factor } else { p / factor };
            let unit = unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
            format!(
                "{} states {}, which puts {other} at ≈{}{unit}",
                known.origin,
                known.value.display(false),
                crate::value::human(v)
            )
        }
        _ => format!("only {} states a figure", known.origin),
    }
}

#[cfg(test)]
mod tests;
