//! Charts for the HTML report: inline SVG drawn with plotters' SVG backend.
//!
//! Every label in a chart may come from a source (origin names, periods),
//! so text is cleaned (controls shown escaped, bidi overrides dropped, cut
//! to a length) before plotters writes it; plotters escapes `<`, `>`, `&`,
//! and quotes in text and attributes itself. Output is deterministic: no
//! clock, no hash-map order, fixed sizes and palette.

use std::io;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use crate::calendar::Day;
use crate::fact::{FactValue, key_label};
use crate::finding::Finding;
use crate::run::Run;
use crate::value::{Hedge, human};

const WIDTH: u32 = 720;
const FONT: &str = "sans-serif";
/// The longest label drawn, in characters.
const LABEL_CHARS: usize = 40;

/// The series colours, in order (colour-blind friendly, Okabe–Ito).
const PALETTE: &[RGBColor] = &[
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(100, 100, 100),
];

fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Text for a chart label: as the terminal shows it (controls escaped,
/// bidi controls dropped), on one line, cut to `LABEL_CHARS` characters.
pub fn label(s: &str) -> String {
    let clean = crate::escape::terminal(s);
    if clean.chars().count() <= LABEL_CHARS {
        return clean;
    }
    let mut out: String = clean.chars().take(LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

/// What the charts draw of a value: its low and high ends (`None`: open)
/// and its point, on one numeric axis (figures, or dates as years).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    pub point: Option<f64>,
}

impl Span {
    /// The value as a span: figures as they are, dates as fractional years;
    /// `None` for categories and unresolved values.
    pub fn of(v: &FactValue) -> Option<(Span, bool)> {
        match v {
            FactValue::Num {
                point,
                lo,
                hi,
                hedge,
                ..
            } => {
                // An exact figure is a point (its lo..hi is only the
                // precision it was written with: "$200 million" is
                // 150M..250M); an open end stays open (">2" runs to the
                // axis's end).
                let bare =
                    (lo.is_none() && hi.is_none()) || (*hedge == Hedge::None && point.is_some());
                let lo = if bare { *point } else { *lo }.filter(|x| x.is_finite());
                let hi = if bare { *point } else { *hi }.filter(|x| x.is_finite());
                let point = point.filter(|x| x.is_finite());
                (lo.is_some() || hi.is_some()).then_some((Span { lo, hi, point }, false))
            }
            FactValue::Time { lo, hi, .. } => {
                let lo = lo.map(year_of);
                // The end of a closed range of days: up to the day after.
                let hi = hi.map(|d| year_of(Day(d.0 + 1)));
                (lo.is_some() || hi.is_some()).then_some((
                    Span {
                        lo,
                        hi,
                        point: None,
                    },
                    true,
                ))
            }
            FactValue::Category(_) | FactValue::Unresolved(_) => None,
        }
    }

    /// One number for a line: the point, or the middle of a closed span,
    /// or its one known end.
    fn middle(&self) -> f64 {
        match (self.point, self.lo, self.hi) {
            (Some(p), _, _) => p,
            (None, Some(l), Some(h)) => (l + h) / 2.0,
            (None, Some(v), None) | (None, None, Some(v)) => v,
            (None, None, None) => 0.0,
        }
    }

    fn ends(&self) -> impl Iterator<Item = f64> {
        [self.lo, self.hi, self.point].into_iter().flatten()
    }
}

/// A date as a fractional year: 2006-07-02 is about 2006.5.
fn year_of(d: Day) -> f64 {
    let y = d.year();
    let start = Day::year_start(y).0;
    let len = (Day::year_end(y).0 - start + 1) as f64;
    f64::from(y) + f64::from(d.0 - start) / len
}

fn io_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// The axis range around the values: figures from zero (so a ratio reads
/// as a ratio), dates padded around them.
fn axis(values: impl Iterator<Item = f64>, dates: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    if !dates {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let pad = if hi > lo {
        (hi - lo) * 0.08
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    let lo = if !dates && lo >= 0.0 { lo } else { lo - pad };
    (lo, hi + pad)
}

/// The tick label of a value on a figure axis or a year axis.
fn tick(v: f64, dates: bool, multiplier: bool, unit: &str) -> String {
    if dates {
        return format!("{v:.0}");
    }
    let mut s = human(v);
    if multiplier {
        s.push('×');
    } else if unit == "%" {
        s.push('%');
    }
    s
}

/// The unit of a finding's figures, for tick labels.
fn unit_of<'a>(values: impl Iterator<Item = &'a FactValue>) -> String {
    values
        .filter_map(|v| match v {
            FactValue::Num { unit: Some(u), .. } => Some(u.clone()),
            _ => None,
        })
        .next()
        .unwrap_or_default()
}

/// The values of a finding by origin, one row per origin, each value a
/// span (a hedged figure from its low to its high end, an exact one a
/// point); `None` when the finding has no figure or date.
pub fn finding(f: &Finding) -> io::Result<Option<String>> {
    let mut rows: Vec<(String, Vec<Span>)> = Vec::new();
    let mut dates = None;
    for (origin, facts) in &f.origins {
        let mut spans = Vec::new();
        for fact in facts {
            if let Some((s, is_date)) = Span::of(&fact.value) {
                // One axis: the kind of the first value read decides.
                if *dates.get_or_insert(is_date) == is_date {
                    spans.push(s);
                }
            }
        }
        if !spans.is_empty() {
            rows.push((label(&origin.to_string()), spans));
        }
    }
    let Some(dates) = dates else {
        return Ok(None);
    };
    if rows.is_empty() {
        return Ok(None);
    }
    let unit = unit_of(f.facts().map(|x| &x.value));
    let (x0, x1) = axis(
        rows.iter().flat_map(|(_, s)| s.iter().flat_map(Span::ends)),
        dates,
    );
    let n = rows.len() as i32;
    // One slot a row, and an empty one on top.
    let height = 50 + 30 * (rows.len() as u32 + 1);
    let longest = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let label_area = (longest as u32 * 7 + 16).clamp(60, 300);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(io_err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(28)
            .y_label_area_size(label_area)
            .build_cartesian_2d(x0..x1, (0..n).into_segmented())
            .map_err(io_err)?;
        let names: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
        let y_fmt = |v: &SegmentValue<i32>| match v {
            // The first origin on top.
            SegmentValue::CenterOf(i) if (0..n).contains(i) => {
                names[(n - 1 - i) as usize].to_string()
            }
            _ => String::new(),
        };
        let x_fmt = |v: &f64| tick(*v, dates, f.multiplier, &unit);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_labels(6)
            .y_labels(rows.len())
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .label_style((FONT, 13))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(io_err)?;
        for (i, (_, spans)) in rows.iter().enumerate() {
            let row = n - 1 - i as i32;
            let y = || SegmentValue::CenterOf(row);
            let c = color(i);
            for s in spans {
                let (lo, hi) = (s.lo.unwrap_or(x0), s.hi.unwrap_or(x1));
                if hi > lo {
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(lo, y()), (hi, y())],
                            c.mix(0.45).stroke_width(10),
                        )))
                        .map_err(io_err)?;
                }
                let marks: Vec<f64> = match s.point {
                    Some(p) => vec![p],
                    None if hi <= lo => vec![lo],
                    None => Vec::new(),
                };
                chart
                    .draw_series(
                        marks
                            .into_iter()
                            .map(|p| Circle::new((p, y()), 5, c.filled())),
                    )
                    .map_err(io_err)?;
            }
        }
        root.present().map_err(io_err)?;
    }
    Ok(Some(svg))
}

/// A chart of a rule's figures over its `period` dimension: one line per
/// origin, for the findings that share the rest of the key.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodChart {
    pub rule: String,
    pub title: String,
    /// The rest of the key ("total · Israel–Kazakhstan"), or "—".
    pub group: String,
    pub periods: Vec<String>,
    pub origins: Vec<String>,
    pub svg: String,
}

/// The period charts of a run: per rule with a `period` key dimension and
/// per value of its other dimensions, when two periods or more have figures.
pub fn periods(run: &Run) -> io::Result<Vec<PeriodChart>> {
    let mut out = Vec::new();
    for rule in &run.rules {
        // Groups in first-seen order (findings come in a stable order).
        let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
        for f in run.findings.iter().filter(|f| f.rule == rule.id) {
            if !f.key.iter().any(|(d, _)| d == "period") {
                continue;
            }
            let rest: Vec<(String, String)> = f
                .key
                .iter()
                .filter(|(d, _)| d != "period")
                .cloned()
                .collect();
            let group = key_label(&rest);
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, fs)) => fs.push(f),
                None => groups.push((group, vec![f])),
            }
        }
        for (group, findings) in groups {
            if let Some(c) = period_chart(&rule.id, &rule.title, &group, &findings)? {
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// Where each legend entry goes: (x, row, name), entries side by side,
/// wrapped at the chart's width (text width estimated at 7 px a character).
fn legend_layout(names: &[String]) -> Vec<(i32, u32, String)> {
    let mut out = Vec::new();
    let (mut x, mut row) = (70i32, 0u32);
    for n in names {
        let w = 24 + 7 * n.chars().count() as i32 + 24;
        if x + w > WIDTH as i32 - 10 && x > 70 {
            x = 70;
            row += 1;
        }
        out.push((x, row, n.clone()));
        x += w;
    }
    out
}

fn period_chart(
    rule: &str,
    title: &str,
    group: &str,
    findings: &[&Finding],
) -> io::Result<Option<PeriodChart>> {
    // (period, origin, span) of every figure.
    let mut points: Vec<(String, String, Span)> = Vec::new();
    for f in findings {
        let period = f
            .key
            .iter()
            .find(|(d, _)| d == "period")
            .map_or(String::new(), |(_, l)| l.clone());
        for (origin, facts) in &f.origins {
            for fact in facts {
                if let Some((s, false)) = Span::of(&fact.value) {
                    points.push((period.clone(), origin.to_string(), s));
                }
            }
        }
    }
    let mut periods: Vec<String> = points.iter().map(|(p, _, _)| p.clone()).collect();
    periods.sort();
    periods.dedup();
    if periods.len() < 2 {
        return Ok(None);
    }
    let mut origins: Vec<String> = points.iter().map(|(_, o, _)| o.clone()).collect();
    origins.sort();
    origins.dedup();
    let multiplier = findings.iter().any(|f| f.multiplier);
    let unit = unit_of(findings.iter().flat_map(|f| f.facts().map(|x| &x.value)));
    let (y0, y1) = axis(points.iter().flat_map(|(_, _, s)| s.ends()), false);
    let m = periods.len() as i32;
    let names: Vec<String> = origins.iter().map(|o| label(o)).collect();
    let legend = legend_layout(&names);
    let legend_h = 10 + 20 * legend.iter().map(|(_, row, _)| row + 1).max().unwrap_or(0);
    let height = 300 + legend_h;
    let period_labels: Vec<String> = periods.iter().map(|p| label(p)).collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(io_err)?;
        let (top, plot) = root.split_vertically(legend_h);
        // The legend above the plot, where it hides no figure.
        for (i, (x, row, name)) in legend.iter().enumerate() {
            let y = 12 + 20 * *row as i32;
            top.draw(&PathElement::new(
                vec![(*x, y), (*x + 18, y)],
                color(i).stroke_width(3),
            ))
            .map_err(io_err)?;
            top.draw(&Circle::new((*x + 9, y), 4, color(i).filled()))
                .map_err(io_err)?;
            top.draw(&Text::new(
                name.clone(),
                (*x + 24, y - 7),
                (FONT, 13).into_font().color(&BLACK),
            ))
            .map_err(io_err)?;
        }
        let mut chart = ChartBuilder::on(&plot)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(64)
            .build_cartesian_2d((0..m - 1).into_segmented(), y0..y1)
            .map_err(io_err)?;
        let x_fmt = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) if (0..m).contains(i) => period_labels[*i as usize].clone(),
            _ => String::new(),
        };
        let y_fmt = |v: &f64| tick(*v, false, multiplier, &unit);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(periods.len())
            .y_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .label_style((FONT, 13))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(io_err)?;
        for (i, origin) in origins.iter().enumerate() {
            let c = color(i);
            // Its figures in period order; an origin with two figures for a
            // period has both drawn and the line through the first.
            let mine: Vec<(i32, Span)> = periods
                .iter()
                .enumerate()
                .flat_map(|(k, p)| {
                    points
                        .iter()
                        .filter(move |(pp, o, _)| pp == p && o == origin)
                        .map(move |(_, _, s)| (k as i32, *s))
                })
                .collect();
            let mut line: Vec<(i32, f64)> = Vec::new();
            for (k, s) in &mine {
                if line.last().is_none_or(|(x, _)| x != k) {
                    line.push((*k, s.middle()));
                }
            }
            let line = line
                .into_iter()
                .map(|(k, v)| (SegmentValue::CenterOf(k), v));
            chart
                .draw_series(LineSeries::new(line, c.stroke_width(2)))
                .map_err(io_err)?;
            for (k, s) in &mine {
                let x = || SegmentValue::CenterOf(*k);
                let (lo, hi) = (s.lo.unwrap_or(y0), s.hi.unwrap_or(y1));
                if hi > lo {
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(x(), lo), (x(), hi)],
                            c.mix(0.45).stroke_width(8),
                        )))
                        .map_err(io_err)?;
                }
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (x(), s.point.unwrap_or(s.middle())),
                        5,
                        c.filled(),
                    )))
                    .map_err(io_err)?;
            }
        }
        root.present().map_err(io_err)?;
    }
    Ok(Some(PeriodChart {
        rule: rule.to_string(),
        title: title.to_string(),
        group: group.to_string(),
        periods,
        origins,
        svg,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cleaned_and_cut() {
        assert_eq!(label("a\u{202E}b\u{1b}c"), r"ab\u{1b}c");
        assert_eq!(label(&"x".repeat(50)).chars().count(), LABEL_CHARS);
    }

    #[test]
    fn spans_of_values() {
        let v = FactValue::Num {
            point: Some(34e6),
            lo: Some(30e6),
            hi: Some(38e6),
            hedge: Hedge::Approx,
            unit: Some("USD".into()),
        };
        assert_eq!(
            Span::of(&v),
            Some((
                Span {
                    lo: Some(30e6),
                    hi: Some(38e6),
                    point: Some(34e6)
                },
                false
            ))
        );
        let y = FactValue::Time {
            lo: Some(Day::year_start(2006)),
            hi: Some(Day::year_end(2006)),
            grain: crate::value::Grain::Year,
        };
        let (s, dates) = Span::of(&y).unwrap();
        assert!(dates);
        assert_eq!((s.lo, s.hi), (Some(2006.0), Some(2007.0)));
        let exact = FactValue::Num {
            point: Some(200e6),
            lo: Some(150e6),
            hi: Some(250e6),
            hedge: Hedge::None,
            unit: Some("USD".into()),
        };
        let (s, _) = Span::of(&exact).unwrap();
        assert_eq!(
            (s.lo, s.hi, s.point),
            (Some(200e6), Some(200e6), Some(200e6))
        );
        let more = FactValue::Num {
            point: Some(2.0),
            lo: Some(2.0),
            hi: None,
            hedge: Hedge::Min,
            unit: None,
        };
        let (s, _) = Span::of(&more).unwrap();
        assert_eq!((s.lo, s.hi), (Some(2.0), None));
        assert_eq!(Span::of(&FactValue::Category("x".into())), None);
    }
}
