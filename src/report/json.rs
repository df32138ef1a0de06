//! The JSON and JSON Lines reports: the whole run, for programs.
//!
//! # `json`
//!
//! One pretty-printed document (two-space indent, a trailing newline):
//!
//! ```text
//! {
//!   "schema": "crosscheck-report",     always this string
//!   "version": 1,                      the schema version (see below)
//!   "tool": {"name", "version"},       the crosscheck that wrote it
//!   "summary": {...},                  every count of `run::Summary`, with
//!                                      `conflicts`, `fail_on` and the
//!                                      summary `line` the terminal shows
//!   "baseline": path | null,           the baseline file in use
//!   "rules": [...],                    id, title, kind, file, line, warn,
//!                                      fail, known_causes, coverage
//!                                      {sources, facts}, stated
//!   "sources": [...],                  id, title, publisher, date,
//!                                      date_inferred, date_source, language,
//!                                      encoding, file, path, digest
//!   "findings": [...],                 see below
//!   "diagnostics": [...],              severity, code, file, line, col,
//!                                      message, help
//!   "stale_baseline": [...],           baseline entries no conflict matches
//!   "stats": {...}                     `run::Stats`
//! }
//! ```
//!
//! A finding: `type` (`"finding"`), `id` (`Finding::fingerprint`, stable
//! across runs for the same rule and key), `rule`, `title`, `key` (an object,
//! dimension → label) and `key_label` (the labels in the rule's dimension
//! order, joined by " · "), `verdict` (`Verdict::code`), `grade` (or null
//! when not a conflict), `level`, `fails`, `warns`, `status` (`code`,
//! `reason`, the suppression's place `at` and `expires`, and for `changed`
//! the figures the baseline listed, `was`; null where they do not apply),
//! `clusters` (origins, number of facts, and `span`: null for categories,
//! else `{kind: "number"|"date", lo, hi}`, null ends being open), `gap`
//! (null, or `{kind: "ratio"|"days", value, infinite}`; an infinite gap has
//! `value` null and `infinite` true), `note`, `known_causes`, `multiplier`,
//! and `origins`: `[{origin, facts}]`.
//!
//! A fact: `source` (the source id) and `path` (the file as given, relative
//! when given relative), `line` and `col` (1-based, the column in
//! characters), `span` and `sentence` (`{start, end}`, UTF-8 byte offsets of
//! the value and of its sentence in the original file), `quote` (`text`: the
//! loaded sentence on one line, cut to at most `fact::QUOTE_CHARS`
//! characters around the value, null when not loaded; `value`: the value's
//! byte range within `text`; `cut_before`, `cut_after`), `value_text` (the
//! value as written), `value` (`kind`: `number` with `point`, `lo`, `hi`,
//! `unit`, `hedge`; `time` with `lo`, `hi` as ISO dates and `grain`;
//! `category` with `label`; `unresolved` with `reason`; every kind with
//! `canonical` and `display`), `adjusted` (null, or `{value, note}`),
//! `origin` (`{by: "authority"|"source", name}`) and `found` (`code`,
//! `sentences_before` for `before`, `description`).
//!
//! Numbers that are not finite are never written: open ends and infinite
//! gaps are null, with the meaning given above.
//!
//! # `jsonl`
//!
//! One compact JSON object per line. First every finding, as the `findings`
//! array of the document holds it (`"type": "finding"`; a finding carries
//! its facts, their places and quotes, so each line stands alone), then one
//! last line `{"type": "summary", ...}`: the document without `findings`.
//! A consumer streams findings and reads the counts at the end.
//!
//! # Schema and versions
//!
//! `SCHEMA` is the JSON Schema (draft 2020-12) of the document; its
//! `$defs/jsonlLine` describes a line of `jsonl`. Adding a field, or a
//! value to an enumeration, keeps `version` 1 (consumers ignore what they
//! do not know); removing or renaming a field, or changing its type or
//! meaning, raises it.
//!
//! # Escaping
//!
//! Strings are JSON strings (serde_json escapes `"`, `\` and control
//! characters); beyond that, `<`, `>`, `&`, DEL, the C1 controls, U+2028,
//! U+2029 and the bidirectional controls are written as `\uXXXX` escapes,
//! so a report can be embedded in HTML `<script>` and viewed in a terminal
//! safely. The escapes decode to the same text.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::calendar::Day;
use crate::diag::{Diagnostic, Severity};
use crate::fact::{Fact, FactValue, Origin, OriginVia, key_label};
use crate::finding::{Cluster, Finding, Gap, Status, Verdict};
use crate::run::{RuleInfo, Run, SourceInfo, Summary};

/// The JSON Schema of the `json` report (and, in `$defs/jsonlLine`, of a
/// line of `jsonl`).
pub const SCHEMA: &str = include_str!("report.schema.json");

/// The `schema` field of every report.
pub const SCHEMA_NAME: &str = "crosscheck-report";

/// The schema version: raised when a field is removed, renamed or changes
/// meaning; additions keep it.
pub const VERSION: u32 = 1;

/// The run as one pretty-printed JSON document.
pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let doc = document(run);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        Safe(serde_json::ser::PrettyFormatter::new()),
    );
    doc.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// The run as JSON Lines: a line per finding, then a summary line.
pub fn render_lines(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let doc = document(run);
    for f in doc.findings.iter().flatten() {
        write_compact(out, f)?;
    }
    let summary = SummaryLine {
        kind: "summary",
        doc: Document {
            findings: None,
            ..doc
        },
    };
    write_compact(out, &summary)
}

fn write_compact(out: &mut dyn Write, v: &impl Serialize) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, Safe(serde_json::ser::CompactFormatter));
    v.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

// ---------------------------------------------------------------------------
// The view model: what the schema describes, field by field.

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    version: u32,
    tool: Tool,
    summary: SummaryView,
    baseline: Option<String>,
    rules: Vec<RuleView<'a>>,
    sources: Vec<SourceView<'a>>,
    /// None in the summary line of `jsonl` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<FindingView<'a>>>,
    diagnostics: Vec<DiagnosticView<'a>>,
    stale_baseline: Vec<StaleView<'a>>,
    stats: StatsView,
}

/// The last line of `jsonl`: the document without its findings.
#[derive(Serialize)]
struct SummaryLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    doc: Document<'a>,
}

#[derive(Serialize)]
struct StatsView {
    sources: usize,
    bytes: u64,
    sentences: usize,
    candidates: usize,
    cached: usize,
    skipped: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SummaryView {
    facts: usize,
    findings: usize,
    conflicts: usize,
    agree: usize,
    single_source: usize,
    unresolved: usize,
    minor: usize,
    discrepancy: usize,
    major: usize,
    failing: usize,
    warning: usize,
    baselined: usize,
    suppressed: usize,
    new: usize,
    changed: usize,
    not_stated: usize,
    skipped: usize,
    fail_on: &'static str,
    line: String,
}

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    file: String,
    line: usize,
    warn: Option<&'static str>,
    fail: Option<&'static str>,
    known_causes: &'a [String],
    coverage: Coverage,
    stated: bool,
}

#[derive(Serialize)]
struct Coverage {
    sources: usize,
    facts: usize,
}

#[derive(Serialize)]
struct SourceView<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    date: Option<String>,
    date_inferred: bool,
    date_source: Option<&'static str>,
    language: &'a str,
    encoding: Option<&'a str>,
    file: &'a str,
    path: String,
    digest: &'a str,
}

#[derive(Serialize)]
struct DiagnosticView<'a> {
    severity: &'static str,
    code: &'static str,
    file: String,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct StaleView<'a> {
    rule: &'a str,
    key: Key<'a>,
    key_label: String,
    grade: &'a str,
    values: &'a [String],
    reason: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    rule: &'a str,
    title: &'a str,
    key: Key<'a>,
    key_label: String,
    verdict: &'static str,
    grade: Option<&'static str>,
    level: &'static str,
    fails: bool,
    warns: bool,
    status: StatusView<'a>,
    clusters: Vec<ClusterView<'a>>,
    gap: Option<GapView>,
    note: &'a str,
    known_causes: &'a [String],
    multiplier: bool,
    origins: Vec<OriginFacts<'a>>,
}

/// A key as an object, dimension → label, in the rule's order.
struct Key<'a>(&'a [(String, String)]);

impl Serialize for Key<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (d, l) in self.0 {
            m.serialize_entry(d, l)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct StatusView<'a> {
    code: &'static str,
    reason: Option<&'a str>,
    at: Option<&'a str>,
    expires: Option<String>,
    was: Option<&'a [String]>,
}

#[derive(Serialize)]
struct ClusterView<'a> {
    origins: Vec<OriginView<'a>>,
    facts: usize,
    span: Option<SpanView>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum SpanView {
    Number {
        lo: Option<f64>,
        hi: Option<f64>,
    },
    Date {
        lo: Option<String>,
        hi: Option<String>,
    },
}

#[derive(Serialize)]
struct GapView {
    kind: &'static str,
    value: Option<f64>,
    infinite: bool,
}

#[derive(Serialize)]
struct OriginView<'a> {
    by: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct OriginFacts<'a> {
    origin: OriginView<'a>,
    facts: Vec<FactView<'a>>,
}

#[derive(Serialize)]
struct FactView<'a> {
    source: &'a str,
    path: Option<String>,
    line: usize,
    col: usize,
    span: Bytes,
    sentence: Bytes,
    quote: QuoteView<'a>,
    value_text: Option<&'a str>,
    value: ValueView<'a>,
    adjusted: Option<Adjusted<'a>>,
    origin: OriginView<'a>,
    found: Found,
}

#[derive(Serialize)]
struct Bytes {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct QuoteView<'a> {
    text: Option<&'a str>,
    value: Option<Bytes>,
    cut_before: bool,
    cut_after: bool,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ValueView<'a> {
    Number {
        point: Option<f64>,
        lo: Option<f64>,
        hi: Option<f64>,
        unit: Option<&'a str>,
        hedge: &'static str,
        canonical: String,
        display: String,
    },
    Time {
        lo: Option<String>,
        hi: Option<String>,
        grain: &'static str,
        canonical: String,
        display: String,
    },
    Category {
        label: &'a str,
        canonical: String,
        display: String,
    },
    Unresolved {
        reason: &'a str,
        canonical: String,
        display: String,
    },
}

#[derive(Serialize)]
struct Adjusted<'a> {
    value: ValueView<'a>,
    note: &'a str,
}

#[derive(Serialize)]
struct Found {
    code: &'static str,
    sentences_before: Option<u16>,
    description: String,
}

// ---------------------------------------------------------------------------
// From the run to the view.

fn document(run: &Run) -> Document<'_> {
    Document {
        schema: SCHEMA_NAME,
        version: VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: summary(&run.summary(), run),
        baseline: run.baseline.as_deref().map(path),
        rules: run.rules.iter().map(rule).collect(),
        sources: run.sources.iter().map(source).collect(),
        findings: Some(run.findings.iter().map(|f| finding(run, f)).collect()),
        diagnostics: run.diagnostics.iter().map(diagnostic).collect(),
        stale_baseline: run
            .stale
            .iter()
            .map(|e| StaleView {
                rule: &e.rule,
                key: Key(&e.key),
                key_label: key_label(&e.key),
                grade: &e.grade,
                values: &e.values,
                reason: &e.reason,
                line: e.line,
            })
            .collect(),
        stats: StatsView {
            sources: run.stats.sources,
            bytes: run.stats.bytes,
            sentences: run.stats.sentences,
            candidates: run.stats.candidates,
            cached: run.stats.cached,
            skipped: run.stats.skipped,
        },
    }
}

/// A path as given, with `/` between its parts on every platform.
fn path(p: &std::path::Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn summary(s: &Summary, run: &Run) -> SummaryView {
    SummaryView {
        facts: s.facts,
        findings: s.findings,
        conflicts: s.conflicts(),
        agree: s.agree,
        single_source: s.single,
        unresolved: s.unresolved,
        minor: s.minor,
        discrepancy: s.discrepancy,
        major: s.major,
        failing: s.failing,
        warning: s.warning,
        baselined: s.baselined,
        suppressed: s.suppressed,
        new: s.new,
        changed: s.changed,
        not_stated: s.not_stated,
        skipped: s.skipped,
        fail_on: run.fail_on.name(),
        line: s.line(run.fail_on),
    }
}

fn rule(r: &RuleInfo) -> RuleView<'_> {
    RuleView {
        id: &r.id,
        title: &r.title,
        kind: r.kind,
        file: path(&r.file),
        line: r.line,
        warn: r.warn.map(|g| g.name()),
        fail: r.fail.map(|g| g.name()),
        known_causes: &r.known_causes,
        coverage: Coverage {
            sources: r.sources,
            facts: r.facts,
        },
        stated: r.sources > 0,
    }
}

fn source(s: &SourceInfo) -> SourceView<'_> {
    SourceView {
        id: &s.id,
        title: &s.title,
        publisher: &s.publisher,
        date: s.date.map(iso),
        date_inferred: s.date_inferred,
        date_source: s.date_source.map(|d| d.name()),
        language: &s.language,
        encoding: s.encoding.as_deref(),
        file: &s.file,
        path: path(&s.path),
        digest: &s.digest,
    }
}

fn diagnostic(d: &Diagnostic) -> DiagnosticView<'_> {
    let placed = d.line > 0;
    DiagnosticView {
        severity: match d.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        },
        code: d.code,
        file: path(&d.file),
        line: placed.then_some(d.line),
        col: (placed && d.col > 0).then_some(d.col),
        message: &d.message,
        help: d.help.as_deref(),
    }
}

fn iso(d: Day) -> String {
    d.to_string()
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

fn origin(o: &Origin) -> OriginView<'_> {
    match o {
        Origin::Authority(n) => OriginView {
            by: "authority",
            name: n,
        },
        Origin::Source(n) => OriginView {
            by: "source",
            name: n,
        },
    }
}

fn finding<'a>(run: &'a Run, f: &'a Finding) -> FindingView<'a> {
    let dated = f
        .facts()
        .any(|x| matches!(x.effective(), FactValue::Time { .. }));
    FindingView {
        kind: "finding",
        id: f.fingerprint(),
        rule: &f.rule,
        title: &f.title,
        key: Key(&f.key),
        key_label: key_label(&f.key),
        verdict: f.verdict.code(),
        grade: match f.verdict {
            Verdict::Conflict(g) => Some(g.name()),
            _ => None,
        },
        level: f.level.name(),
        fails: f.fails(),
        warns: f.warns(),
        status: status(&f.status),
        clusters: f.clusters.iter().map(|c| cluster(c, dated)).collect(),
        gap: f.gap.map(gap),
        note: &f.note,
        known_causes: &f.known_causes,
        multiplier: f.multiplier,
        origins: f
            .origins
            .iter()
            .map(|(o, facts)| OriginFacts {
                origin: origin(o),
                facts: facts.iter().map(|x| fact(run, f, x)).collect(),
            })
            .collect(),
    }
}

fn status(s: &Status) -> StatusView<'_> {
    let mut v = StatusView {
        code: s.code(),
        reason: s.reason(),
        at: None,
        expires: None,
        was: None,
    };
    match s {
        Status::Suppressed { at, expires, .. } => {
            v.at = Some(at);
            v.expires = expires.map(iso);
        }
        Status::Changed { was, .. } => v.was = Some(was),
        _ => {}
    }
    v
}

fn cluster(c: &Cluster, dated: bool) -> ClusterView<'_> {
    let (lo, hi) = c.span;
    let span = if lo.is_nan() || hi.is_nan() {
        // Categories have no span.
        None
    } else if dated {
        let day = |x: f64| finite(x).map(|d| iso(Day(d.round() as i32)));
        Some(SpanView::Date {
            lo: day(lo),
            hi: day(hi),
        })
    } else {
        Some(SpanView::Number {
            lo: finite(lo),
            hi: finite(hi),
        })
    };
    ClusterView {
        origins: c.origins.iter().map(origin).collect(),
        facts: c.facts,
        span,
    }
}

fn gap(g: Gap) -> GapView {
    let (kind, x) = match g {
        Gap::Ratio(r) => ("ratio", r),
        Gap::Days(d) => ("days", d),
    };
    GapView {
        kind,
        value: finite(x),
        infinite: x.is_infinite(),
    }
}

fn value<'a>(v: &'a FactValue, multiplier: bool) -> ValueView<'a> {
    let canonical = v.canonical();
    let display = v.display(multiplier);
    match v {
        FactValue::Num {
            point,
            lo,
            hi,
            hedge,
            unit,
        } => ValueView::Number {
            point: point.and_then(finite),
            lo: lo.and_then(finite),
            hi: hi.and_then(finite),
            unit: unit.as_deref(),
            hedge: hedge.name(),
            canonical,
            display,
        },
        FactValue::Time { lo, hi, grain } => ValueView::Time {
            lo: lo.map(iso),
            hi: hi.map(iso),
            grain: grain.name(),
            canonical,
            display,
        },
        FactValue::Category(c) => ValueView::Category {
            label: c,
            canonical,
            display,
        },
        FactValue::Unresolved(why) => ValueView::Unresolved {
            reason: why,
            canonical,
            display,
        },
    }
}

fn fact<'a>(run: &'a Run, f: &Finding, x: &'a Fact) -> FactView<'a> {
    let q = &x.quote;
    let loaded = q.text.as_deref();
    FactView {
        source: &x.source,
        path: run.source(&x.source).map(|s| path(&s.path)),
        line: q.line,
        col: q.col,
        span: Bytes {
            start: q.span.0,
            end: q.span.1,
        },
        sentence: Bytes {
            start: q.sentence.0,
            end: q.sentence.1,
        },
        quote: QuoteView {
            text: loaded,
            value: loaded.map(|_| Bytes {
                start: q.value_range.0,
                end: q.value_range.1,
            }),
            cut_before: q.cut.0,
            cut_after: q.cut.1,
        },
        value_text: loaded.map(|_| q.value_text()),
        value: value(&x.value, f.multiplier),
        adjusted: x.adjusted.as_deref().map(|(v, note)| Adjusted {
            value: value(v, f.multiplier),
            note,
        }),
        origin: origin(&x.origin),
        found: Found {
            code: x.found.code(),
            sentences_before: match x.found {
                OriginVia::Before(n) => Some(n),
                _ => None,
            },
            description: x.found.describe(),
        },
    }
}

// ---------------------------------------------------------------------------
// Escaping beyond JSON's own.

/// A formatter that also writes as `\uXXXX` the characters that are valid
/// in JSON but unsafe where a report ends up: `<`, `>` and `&` (HTML
/// `<script>`), DEL and the C1 controls (terminals), U+2028 and U+2029 (old
/// JavaScript), and the bidirectional controls (text that reads otherwise
/// than it is).
struct Safe<F>(F);

fn unsafe_char(c: char) -> bool {
    matches!(c,
        '<' | '>' | '&'
        | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{feff}')
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(unsafe_char) {
            w.write_all(&rest.as_bytes()[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_decode_back() {
        let s = "a<b>&c\u{2028}\u{202e}\u{85}\"\\\n\u{0}é ع";
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            Safe(serde_json::ser::CompactFormatter),
        );
        s.serialize(&mut ser).unwrap();
        let written = String::from_utf8(out).unwrap();
        assert_eq!(
            written,
            r#""a\u003cb\u003e\u0026c\u2028\u202e\u0085\"\\\n\u0000é ع""#
        );
        let back: String = serde_json::from_str(&written).unwrap();
        assert_eq!(back, s);
    }
}
