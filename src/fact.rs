//! Facts: one value a source states for one rule, with who stands behind it,
//! what it is about (its key) and the quote that proves it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::source::{Source, SourceInfo, digest};
use crate::value::{Extracted, Fmt, Grain, Hedge, Kind, Role, Value, human, time_label};

/// Who stands behind a figure: an authority the rule names, or, when the text
/// names none, the source document itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "name", rename_all = "snake_case")]
pub enum Origin {
    Authority(Arc<str>),
    Source(Arc<str>),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Authority(a) => write!(f, "{a}"),
            Origin::Source(s) => write!(f, "source {s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
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
    /// A value read by the grammars, as a fact carries it; `approx` is how
    /// far "about" widens a figure.
    pub fn from_extracted(v: &Extracted, approx: f64) -> FactValue {
        match &v.value {
            Value::Num { point, .. } => {
                let (lo, hi) = v.num_interval(approx).unwrap_or((None, None));
                FactValue::Num {
                    point: *point,
                    lo,
                    hi,
                    hedge: v.hedge,
                    unit: v.unit.map(str::to_string),
                }
            }
            Value::Time { grain, .. } => {
                let (lo, hi) = v.time_interval().unwrap_or((None, None));
                FactValue::Time {
                    lo,
                    hi,
                    grain: *grain,
                }
            }
            Value::Unresolved { why } => FactValue::Unresolved(why.clone()),
            Value::SamePeriod { .. } => {
                FactValue::Unresolved("\"the same period\" with no period named before it".into())
            }
            Value::Anaphor { .. } => {
                FactValue::Unresolved("a year counted from one named before it".into())
            }
        }
    }

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

/// How many characters of a sentence a quote keeps around its value. The
/// table and the Markdown cut their excerpts shorter; the JSON, HTML, SARIF
/// and JUnit reports show the sentence whole up to this length (a sentence
/// longer than this is prose without punctuation, or a table row).
pub const QUOTE_CHARS: usize = 2000;

/// Where a fact was read: 1-based line and character column of the value,
/// the byte spans of the value and its sentence in the original text, and,
/// once loaded, the sentence itself (on one line, cut to `QUOTE_CHARS`
/// characters around the value). A run keeps only the spans; the text is
/// loaded from the source when a report shows it (`run::Run::load_quotes`),
/// so memory does not grow with the sentences of every fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub line: usize,
    pub col: usize,
    /// Byte span of the value in the original source text.
    pub span: (usize, usize),
    /// Byte span of its sentence in the original source text.
    pub sentence: (usize, usize),
    /// The sentence, or its stretch around the value, once loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Box<str>>,
    /// Byte range of the value within `text`.
    #[serde(default)]
    pub value_range: (usize, usize),
    /// Whether `text` was cut before and after.
    #[serde(default)]
    pub cut: (bool, bool),
}

impl Quote {
    /// The quote of the value at normalized `span` in `sentence` (normalized);
    /// its text is not loaded.
    pub fn new(src: &Source, sentence: (usize, usize), span: (usize, usize)) -> Quote {
        let o0 = src.norm.orig_start(sentence.0);
        let o1 = src.norm.orig_end(sentence.1, &src.text).max(o0);
        let v0 = src.norm.orig_start(span.0).clamp(o0, o1);
        let v1 = src.norm.orig_end(span.1, &src.text).clamp(v0, o1);
        let (line, col) = src.line_col_at(v0);
        Quote {
            line,
            col,
            span: (v0, v1),
            sentence: (o0, o1),
            text: None,
            value_range: (0, 0),
            cut: (false, false),
        }
    }

    /// Loads the text from the source's original text; `false` when the
    /// spans do not fit it (the file changed).
    pub fn load(&mut self, original: &str) -> bool {
        let (o0, o1) = self.sentence;
        let (v0, v1) = self.span;
        let fits = o0 <= v0 && v0 <= v1 && v1 <= o1 && o1 <= original.len();
        if !fits
            || ![o0, o1, v0, v1]
                .iter()
                .all(|&i| original.is_char_boundary(i))
        {
            return false;
        }
        let raw = &original[o0..o1];
        let (a, b) = (v0 - o0, v1 - o0);
        // Cut to QUOTE_CHARS characters around the value, as `excerpt` would.
        let total = raw.chars().count();
        let (from, to) = if total <= QUOTE_CHARS {
            (0, raw.len())
        } else {
            let before = raw[..a].chars().count();
            let value = raw[a..b].chars().count();
            let room = QUOTE_CHARS.saturating_sub(value) / 2;
            let from_c = before.saturating_sub(room);
            let to_c = (before + value + room).min(total);
            (char_byte(raw, from_c), char_byte(raw, to_c))
        };
        // Join the lines of a sentence so a quote reads as one line.
        self.text = Some(raw[from..to].replace(['\n', '\r'], " ").into_boxed_str());
        self.value_range = (a - from, b - from);
        self.cut = (from > 0, to < raw.len());
        true
    }

    /// The text, or nothing when it was not loaded.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    pub fn value_text(&self) -> &str {
        self.text()
            .get(self.value_range.0..self.value_range.1)
            .unwrap_or("")
    }

    /// The sentence cut to about `width` characters around the value, with
    /// an ellipsis where it is cut.
    pub fn excerpt(&self, width: usize) -> String {
        let s = self.text();
        let (a, b) = self.value_range;
        let total = s.chars().count();
        if total <= width && !self.cut.0 && !self.cut.1 {
            return s.to_string();
        }
        let (from, to) = if total <= width {
            (0, total)
        } else {
            let before = s.get(..a).map_or(0, |p| p.chars().count());
            let value = s.get(a..b).map_or(0, |p| p.chars().count());
            let room = width.saturating_sub(value) / 2;
            let from = before.saturating_sub(room);
            (from, (before + value + room).min(total))
        };
        let mut out: String = s.chars().skip(from).take(to - from).collect();
        if from > 0 || self.cut.0 {
            out.insert(0, '…');
        }
        if to < total || self.cut.1 {
            out.push('…');
        }
        out
    }
}

fn char_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
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

/// How a fact's origin was found: where the authority was named, or why
/// the source itself stands behind the figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OriginVia {
    /// Named in the figure's clause.
    Clause,
    /// Named on the figure's side of the sentence.
    Side,
    /// Named elsewhere in the figure's sentence.
    Sentence,
    /// Named this many sentences before, in the figure's paragraph.
    Before(u16),
    /// The source states the figure in its own voice (a headline) and
    /// attributes the same figure to this authority elsewhere.
    Restated,
    /// The rule names authorities, but none is named near the figure.
    #[default]
    Unattributed,
    /// The rule names no authority: the source stands behind its figures.
    Source,
}

impl OriginVia {
    /// From a context level of the matcher (clause, side, sentence, then
    /// sentences before).
    pub fn at_level(level: usize) -> OriginVia {
        match level {
            0 => OriginVia::Clause,
            1 => OriginVia::Side,
            2 => OriginVia::Sentence,
            k => OriginVia::Before((k - 2).min(u16::MAX as usize) as u16),
        }
    }

    /// "named in its clause", "restated from the source's attribution", …
    pub fn describe(self) -> String {
        match self {
            OriginVia::Clause => "named in its clause".into(),
            OriginVia::Side => "named on its side of the sentence".into(),
            OriginVia::Sentence => "named in the same sentence".into(),
            OriginVia::Before(1) => "named in the sentence before".into(),
            OriginVia::Before(n) => format!("named {n} sentences before, in its paragraph"),
            OriginVia::Restated => {
                "the source restates a figure it attributes to this authority elsewhere".into()
            }
            OriginVia::Unattributed => {
                "no authority named near it: the source stands behind it".into()
            }
            OriginVia::Source => "the rule names no authority: the source stands behind it".into(),
        }
    }

    /// A stable code: `clause`, `side`, `sentence`, `before`, `restated`,
    /// `unattributed`, `source`.
    pub fn code(self) -> &'static str {
        match self {
            OriginVia::Clause => "clause",
            OriginVia::Side => "side",
            OriginVia::Sentence => "sentence",
            OriginVia::Before(_) => "before",
            OriginVia::Restated => "restated",
            OriginVia::Unattributed => "unattributed",
            OriginVia::Source => "source",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Shared among the facts of a rule, a source, a key: a fact is small.
    pub rule: Arc<str>,
    pub source: Arc<str>,
    pub key: Arc<FactKey>,
    pub origin: Origin,
    /// How the origin was found.
    #[serde(default)]
    pub found: OriginVia,
    pub value: FactValue,
    /// The value after the rule's adjustment for this origin, and its note.
    pub adjusted: Option<Box<(FactValue, String)>>,
    pub quote: Quote,
    /// Normalized byte offset of the value in its source (for ordering).
    pub pos: usize,
    /// A numeric date that reads both ways ("03/04/2025"), read by the
    /// source's locale: the run warns at its place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
}

impl Fact {
    /// The order of facts in a run: by source, then place, then rule.
    pub fn order(a: &Fact, b: &Fact) -> std::cmp::Ordering {
        (&a.source, a.pos, &a.rule).cmp(&(&b.source, b.pos, &b.rule))
    }

    /// What the comparer compares: the adjusted value where the rule adjusts.
    pub fn effective(&self) -> &FactValue {
        self.adjusted.as_deref().map_or(&self.value, |(v, _)| v)
    }
}

/// The kind name of a value as `values` shows it: numbers with a whole
/// value are counts.
pub fn kind_name(e: &Extracted) -> &'static str {
    let whole = match e.value {
        Value::Num { point: Some(p), .. } => p.fract() == 0.0,
        Value::Num {
            point: None,
            lo,
            hi,
        } => lo.fract() == 0.0 && hi.fract() == 0.0,
        _ => false,
    };
    match (e.kind, e.role) {
        (Kind::Number, _) if whole => "count",
        (Kind::Percent, Role::Change) => "percent:change",
        (Kind::Percent, Role::Rate) => "percent:rate",
        (k, _) => k.name(),
    }
}

/// The canonical form of a value read by the grammars, as the labeled
/// corpus and rule examples write it; any unresolved value is "unresolved".
pub fn canonical(e: &Extracted) -> String {
    // A date hedged "about" is written as the date the words name: "~2015".
    if let (Value::Time { lo, hi, grain }, Hedge::Approx) = (&e.value, e.hedge) {
        return format!("~{}", crate::value::time_label(*lo, *hi, *grain));
    }
    match FactValue::from_extracted(e, crate::value::DEFAULT_APPROX) {
        FactValue::Unresolved(_) => "unresolved".into(),
        v => v.canonical(),
    }
}

/// Loads the quotes of facts from their sources: each file is read once,
/// and only if it is still the text the facts were read in; otherwise the
/// facts keep their spans without text, and a warning says why.
pub fn load_quotes<'a>(
    sources: &[SourceInfo],
    facts: impl IntoIterator<Item = &'a mut Fact>,
) -> Vec<Diagnostic> {
    let index: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut by_source: BTreeMap<usize, Vec<&'a mut Fact>> = BTreeMap::new();
    for f in facts {
        if f.quote.text.is_none()
            && let Some(&i) = index.get(&*f.source)
        {
            by_source.entry(i).or_default().push(f);
        }
    }
    let mut diags = Vec::new();
    for (i, facts) in by_source {
        let info = &sources[i];
        // Decoded as it was when read (encoding, HTML), from the same bytes.
        let text = std::fs::read(&info.path)
            .ok()
            .filter(|b| digest(b) == info.digest)
            .and_then(|b| crate::source::text_of(&info.path, b, info.encoding.as_deref()));
        let loaded = text.is_some_and(|t| facts.into_iter().all(|f| f.quote.load(&t)));
        if !loaded {
            diags.push(
                Diagnostic::warning(
                    "source-changed",
                    &info.path,
                    "the file changed or is gone since it was read; its quotes are not shown",
                )
                .help("run the check again to read it anew"),
            );
        }
    }
    diags
}
