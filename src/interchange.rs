//! Facts as JSON Lines: what `extract` writes and `compare` reads back.
//!
//! One JSON object per line, each with a `type`:
//!
//! - `header`: `{"type":"header","schema":"crosscheck-facts","version":1,"rules":"<fingerprint>"}`,
//!   first in every stream; `rules` is the fingerprint of the rule set the
//!   facts were read with, so facts are never compared under other rules;
//! - `source`: a source that was read (`id`, `title`, `publisher`, `date`,
//!   `date_inferred`, `language`, `file`; `date_source` when the date did
//!   not come from the manifest, `encoding` when the file was not UTF-8);
//! - `fact`: one fact (`rule`, `source`, `key` as `[[dimension, label], …]`,
//!   `origin`, `found` (how the origin was found), `value`, `adjusted`,
//!   `quote`, `pos`);
//! - `diagnostic`: a problem with the input (`severity`, `code`, `file`,
//!   `line`, `col`, `message`, `help`, and `rendered`, the report as shown);
//! - `stats`: what the extraction read (`sources`, `bytes`, `sentences`,
//!   `candidates`: the sentences the grammars read, `skipped`); the same for
//!   the same input, cached or not.
//!
//! Records come in a stable order (sources, then facts by source and
//! position, then diagnostics), so the same input gives the same bytes; any
//! number of streams, in any order, merge into one `Extraction`.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::diag::{self, Diagnostic};
use crate::engine::Extraction;
use crate::fact::Fact;
use crate::run::{SourceInfo, Stats};

pub const SCHEMA: &str = "crosscheck-facts";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record {
    Header {
        schema: String,
        version: u32,
        rules: String,
    },
    Source(SourceInfo),
    Fact(Box<Fact>),
    Diagnostic(WireDiagnostic),
    Stats(WireStats),
}

#[derive(Serialize, Deserialize)]
struct WireDiagnostic {
    severity: String,
    code: String,
    file: String,
    line: usize,
    col: usize,
    message: String,
    help: Option<String>,
    rendered: String,
}

#[derive(Serialize, Deserialize)]
struct WireStats {
    sources: usize,
    bytes: u64,
    sentences: usize,
    candidates: usize,
    skipped: usize,
}

/// Writes an extraction as JSON Lines.
pub fn write(ex: &Extraction, rules: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut line = |r: &Record| -> io::Result<()> {
        serde_json::to_writer(&mut *out, r).map_err(io::Error::from)?;
        out.write_all(b"\n")
    };
    line(&Record::Header {
        schema: SCHEMA.into(),
        version: VERSION,
        rules: rules.into(),
    })?;
    for s in &ex.sources {
        line(&Record::Source(s.clone()))?;
    }
    for f in &ex.facts {
        line(&Record::Fact(Box::new(f.clone())))?;
    }
    for d in &ex.diagnostics {
        line(&Record::Diagnostic(WireDiagnostic {
            severity: if d.is_error() { "error" } else { "warning" }.into(),
            code: d.code.into(),
            file: d.file.display().to_string(),
            line: d.line,
            col: d.col,
            message: d.message.clone(),
            help: d.help.clone(),
            rendered: d.render(),
        }))?;
    }
    let s = ex.stats;
    line(&Record::Stats(WireStats {
        sources: s.sources,
        bytes: s.bytes,
        sentences: s.sentences,
        candidates: s.candidates,
        skipped: s.skipped,
    }))
}

/// Why a stream cannot be read: the line and what is wrong with it.
#[derive(Debug)]
pub struct ReadError {
    pub line: usize,
    pub message: String,
}

/// Reads one JSON Lines stream. `rules` is the fingerprint the facts must
/// have been read with.
pub fn read(input: &mut dyn BufRead, rules: &str) -> Result<Extraction, ReadError> {
    let mut ex = Extraction::default();
    let mut header = false;
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| ReadError {
            line: n,
            message: format!("cannot read: {e}"),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line).map_err(|e| ReadError {
            line: n,
            message: format!("not a crosscheck facts record: {e}"),
        })?;
        match record {
            Record::Header {
                schema,
                version,
                rules: fp,
            } => {
                if schema != SCHEMA || version != VERSION {
                    return Err(ReadError {
                        line: n,
                        message: format!(
                            "schema {schema} version {version}; this crosscheck reads {SCHEMA} version {VERSION}"
                        ),
                    });
                }
                if fp != rules {
                    return Err(ReadError {
                        line: n,
                        message: format!(
                            "the facts were read with other rules (fingerprint {fp}, these rules are {rules})"
                        ),
                    });
                }
                header = true;
                continue;
            }
            _ if !header => {
                return Err(ReadError {
                    line: n,
                    message: "no header before the first record".into(),
                });
            }
            Record::Source(s) => ex.sources.push(s),
            Record::Fact(f) => ex.facts.push(*f),
            Record::Diagnostic(d) => {
                ex.diagnostics.push(diagnostic(d).ok_or_else(|| ReadError {
                    line: n,
                    message: "unknown diagnostic code".into(),
                })?)
            }
            Record::Stats(s) => {
                ex.stats += Stats {
                    sources: s.sources,
                    bytes: s.bytes,
                    sentences: s.sentences,
                    candidates: s.candidates,
                    cached: 0,
                    skipped: s.skipped,
                }
            }
        }
    }
    if !header {
        return Err(ReadError {
            line: 1,
            message: "empty stream: no header".into(),
        });
    }
    Ok(ex)
}

fn diagnostic(d: WireDiagnostic) -> Option<Diagnostic> {
    let code = diag::CODES.iter().find(|(c, _)| *c == d.code)?.0;
    let file = std::path::PathBuf::from(d.file);
    let base = match d.severity.as_str() {
        "error" => Diagnostic::error(code, &file, d.message),
        _ => Diagnostic::warning(code, &file, d.message),
    };
    let base = match d.help {
        Some(h) => base.help(h),
        None => base,
    };
    Some(base.prerendered(d.line, d.col, d.rendered))
}
