//! The `values` command: every value the grammars read in a text, as a
//! table or as JSON lines (the rule author's microscope, and a scriptable
//! extractor).

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde_json::{Value as Json, json};

use crosscheck::calendar::Day;
use crosscheck::escape::terminal;
use crosscheck::extract::{self, Lexicon, explain};
use crosscheck::fact::kind_name;
use crosscheck::text::{LineIndex, Normalized};
use crosscheck::value::{self, Fmt, Grain, Value};

use super::{Status, fail, parse_date};

/// One value as the `values` command shows it, offsets in the input's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub kind: &'static str,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Json,
    pub low: Json,
    pub high: Json,
    pub unit: Option<&'static str>,
    pub grain: Option<&'static str>,
    pub hedge: &'static str,
    pub unresolved: Option<String>,
    /// A numeric date that reads both ways, read by the locale.
    pub ambiguous: bool,
    /// The grammar that read it ("quantity", "hedged", "month_date", …).
    pub grammar: &'static str,
    /// The table entries that stand in its text.
    pub tables: Vec<Via>,
}

/// A table entry that stands in a value's text, offsets in the input's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Via {
    pub lang: &'static str,
    pub table: &'static str,
    /// The entry as its table writes it.
    pub entry: &'static str,
    /// The input's text of the tokens it matched.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn grain_name(g: Grain) -> &'static str {
    match g {
        Grain::Day => "day",
        Grain::Month => "month",
        _ => "year",
    }
}

fn num(v: Option<f64>) -> Json {
    match v {
        Some(x) if x.is_finite() => {
            if x.fract() == 0.0 && x.abs() < 9e15 {
                json!(x as i64)
            } else {
                json!(x)
            }
        }
        _ => Json::Null,
    }
}

/// The ISO form of a date interval at its grain, when it is one point.
fn iso_point(lo: Option<Day>, hi: Option<Day>) -> Json {
    let (Some(l), Some(h)) = (lo, hi) else {
        return Json::Null;
    };
    let (ly, lm, ld) = l.ymd();
    let (hy, hm, _) = h.ymd();
    if l == h {
        return json!(l.to_string());
    }
    if ld == 1 && (ly, lm) == (hy, hm) && h == Day::month_end(hy, hm) {
        return json!(format!("{ly:04}-{lm:02}"));
    }
    if (lm, ld) == (1, 1) && ly == hy && h == Day::year_end(hy) {
        return json!(format!("{ly:04}"));
    }
    Json::Null
}

pub fn show(original: &str, anchor: Option<Day>, lx: &Lexicon) -> Vec<Shown> {
    let norm = Normalized::new(original);
    extract::read(&norm.text, anchor, lx)
        .into_iter()
        .map(|e| {
            let start = norm.orig_start(e.start);
            let end = norm.orig_end(e.end, original).max(start);
            // The value's own words, and the word outside it that decided
            // what it is ("fell" for a change).
            let mut found = explain::entries(&norm.text, e.start, e.end);
            if let Some((a, b)) = e.cue {
                found.extend(explain::entries(&norm.text, a, b));
                found.sort_by_key(|t| t.start);
            }
            let tables = found
                .into_iter()
                .map(|t| {
                    let start = norm.orig_start(t.start);
                    let end = norm.orig_end(t.end, original).max(start);
                    Via {
                        lang: t.lang,
                        table: t.table,
                        entry: t.entry,
                        text: original[start..end].to_string(),
                        start,
                        end,
                    }
                })
                .collect();
            let mut s = Shown {
                kind: kind_name(&e),
                text: original[start..end].to_string(),
                start,
                end,
                value: Json::Null,
                low: Json::Null,
                high: Json::Null,
                unit: e.unit,
                grain: None,
                hedge: e.hedge.name(),
                unresolved: None,
                ambiguous: false,
                grammar: e.grammar,
                tables,
            };
            match &e.value {
                Value::Num { point, .. } => {
                    let (lo, hi) = e
                        .num_interval(value::DEFAULT_APPROX)
                        .unwrap_or((None, None));
                    s.value = if e.hedge == value::Hedge::Range {
                        Json::Null
                    } else {
                        num(*point)
                    };
                    s.low = num(lo);
                    s.high = num(hi);
                }
                Value::Time { lo, hi, grain } => {
                    // The value is the date the words name; low and high
                    // carry the hedge's spread ("about a decade ago").
                    s.grain = Some(grain_name(*grain));
                    s.value = iso_point(*lo, *hi);
                    let (lo, hi) = e.time_interval().unwrap_or((*lo, *hi));
                    s.low = lo.map_or(Json::Null, |d| json!(d.to_string()));
                    s.high = hi.map_or(Json::Null, |d| json!(d.to_string()));
                    s.ambiguous = e.ambiguous;
                }
                Value::Unresolved { why } => s.unresolved = Some(why.clone()),
                Value::SamePeriod { .. } => {
                    s.unresolved =
                        Some("\"the same period\" needs the period named before it".into())
                }
                Value::Anaphor { .. } => {
                    s.unresolved = Some("a year counted from one named before it".into())
                }
            }
            s
        })
        .collect()
}

impl Shown {
    /// The grammar and the tables (`lang:table`, each once) it read.
    pub fn via(&self) -> String {
        let mut tables: Vec<String> = Vec::new();
        for t in &self.tables {
            let name = format!("{}:{}", t.lang, t.table);
            if !tables.contains(&name) {
                tables.push(name);
            }
        }
        if tables.is_empty() {
            self.grammar.to_string()
        } else {
            format!("{} ({})", self.grammar, tables.join(", "))
        }
    }

    pub fn to_json(&self) -> Json {
        let mut o = json!({
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "hedge": self.hedge,
            "grammar": self.grammar,
            "tables": self.tables.iter().map(|t| json!({
                "lang": t.lang,
                "table": t.table,
                "entry": t.entry,
                "text": t.text,
            })).collect::<Vec<_>>(),
        });
        if let Some(u) = self.unit {
            o["unit"] = json!(u);
        }
        if let Some(g) = self.grain {
            o["grain"] = json!(g);
        }
        if let Some(w) = &self.unresolved {
            o["unresolved"] = json!(w);
        }
        if self.ambiguous {
            o["ambiguous"] = json!(true);
        }
        o
    }
}

fn cell(j: &Json) -> String {
    match j {
        Json::Null => "—".into(),
        Json::Number(n) => n.as_f64().map_or(n.to_string(), |f| Fmt(f).to_string()),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn render_json(values: &[Shown], out: &mut dyn Write) -> io::Result<()> {
    for v in values {
        writeln!(out, "{}", v.to_json())?;
    }
    Ok(())
}

pub fn render_table(original: &str, values: &[Shown], out: &mut dyn Write) -> io::Result<()> {
    let lines = LineIndex::new(original);
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(vec![
            "At", "Kind", "Text", "Value", "Interval", "Unit", "Hedge", "Via",
        ]);
    for v in values {
        let (l, c) = lines.line_col(original, v.start);
        let interval = match &v.unresolved {
            Some(why) => format!("unresolved: {}", terminal(why)),
            None => format!("{} .. {}", cell(&v.low), cell(&v.high)),
        };
        t.add_row(vec![
            format!("{l}:{c}"),
            v.kind.to_string(),
            terminal(&v.text),
            cell(&v.value),
            interval,
            v.unit.unwrap_or("").to_string(),
            v.hedge.to_string(),
            v.via(),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(out, "{} values", values.len())
}

/// `crosscheck values`.
pub fn command(
    text: Option<&str>,
    file: Option<&std::path::Path>,
    lang: &str,
    date: Option<&str>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    use crosscheck::diag::Diagnostic;
    use std::path::Path;
    let anchor = match parse_date(date) {
        Ok(a) => a,
        Err(d) => return fail(&[d], err),
    };
    let input = match (text, file) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                let d = Diagnostic::error("io", f, format!("cannot read: {e}"))
                    .help("check the path, and that the file is UTF-8");
                return fail(&[d], err);
            }
        },
        (None, None) => {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                return fail(
                    &[Diagnostic::error(
                        "io",
                        Path::new("<stdin>"),
                        format!("cannot read: {e}"),
                    )],
                    err,
                );
            }
            s
        }
    };
    let Some(lx) = extract::lexicon(lang) else {
        return fail(
            &[Diagnostic::error(
                "usage",
                Path::new("--lang"),
                format!("no tables for `{lang}`"),
            )],
            err,
        );
    };
    // All languages' tables, with slash dates read as the text's language
    // writes them (month first in English).
    let lx = if lang == "auto" {
        extract::for_source("", &input)
    } else {
        lx
    };
    let mut shown = show(&input, anchor, lx);
    if lang != "auto" {
        // One language's tables read it: show only theirs and the shared ones.
        for v in &mut shown {
            v.tables.retain(|t| t.lang == lang || t.lang == "common");
        }
    }
    let written = if json {
        render_json(&shown, out)
    } else {
        render_table(&input, &shown, out)
    };
    match written {
        Ok(()) => Status::Clean,
        Err(e) if super::output::is_broken_pipe(&e) => Status::Clean,
        Err(e) => {
            let _ = writeln!(err, "crosscheck: cannot write: {e}");
            Status::InputError
        }
    }
}
