//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure
//! DevOps, SARIF viewers).
//!
//! One run. The tool's rules are the rule files' rules (id, title, known
//! causes as help, coverage and grades as properties). Each conflict is a
//! result, located at the fact of its first origin, with every other fact
//! as a related location (each with its origin and value); `level` is the
//! conflict's level (failure → `error`, warning → `warning`, note →
//! `note`). Suppressed conflicts carry an external, accepted suppression
//! with its reason; with a baseline in use, `baselineState` says `new`,
//! `updated` (a figure moved) or `unchanged`. Columns count Unicode code
//! points (`columnKind`), as crosscheck's do. Paths are relative to where
//! the run was made (`uriBaseId` `%SRCROOT%`), or `file://` URIs when they
//! are absolute. The run's diagnostics are tool notifications. Source text
//! reaches the file only as JSON strings (serde_json escapes them).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{headline, origin_name, side};
use crate::fact::Fact;
use crate::finding::{Finding, Level, Status, Verdict};
use crate::run::Run;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A path as a SARIF URI: percent-encoded; absolute paths as `file://`.
pub fn uri(path: &std::path::Path) -> (String, bool) {
    let raw = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in raw.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.is_absolute() {
        (format!("file://{out}"), true)
    } else {
        (out, false)
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Failure => "error",
        Level::Warning => "warning",
        Level::Note | Level::None => "note",
    }
}

fn text(s: impl Into<String>) -> Value {
    json!({ "text": s.into() })
}

/// The physical location of a fact.
fn location(run: &Run, fact: &Fact, artifacts: &[String]) -> Value {
    let src = run.source(&fact.source);
    let (u, absolute) = src.map_or_else(|| (fact.source.to_string(), false), |s| uri(&s.path));
    let mut artifact = json!({ "uri": u });
    if !absolute {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    if let Some(i) = artifacts.iter().position(|a| **a == *fact.source) {
        artifact["index"] = json!(i);
    }
    let q = &fact.quote;
    let mut region = json!({
        "startLine": q.line.max(1),
        "startColumn": q.col.max(1),
    });
    let width = q.value_text().chars().count();
    if width > 0 {
        region["endColumn"] = json!(q.col.max(1) + width);
    }
    if q.text.is_some() {
        region["snippet"] = text(q.text());
    }
    json!({ "physicalLocation": { "artifactLocation": artifact, "region": region } })
}

fn result(run: &Run, f: &Finding, rule_index: Option<usize>, artifacts: &[String]) -> Value {
    let facts: Vec<&Fact> = f.facts().collect();
    let sides: Vec<String> = facts.iter().map(|fact| side(run, f, fact)).collect();
    let gap = f.gap.map_or(String::new(), |g| format!("; gap {g}"));
    let mut message = format!(
        "{}: {}{gap}; {}",
        headline(f),
        sides.join(" vs "),
        f.verdict
    );
    if !f.note.is_empty() {
        message.push_str(&format!(" ({})", f.note));
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.level),
        "message": text(message),
        "partialFingerprints": { "crosscheck/v1": f.fingerprint() },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(first) = facts.first() {
        r["locations"] = json!([location(run, first, artifacts)]);
    }
    let related: Vec<Value> = facts
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, fact)| {
            let mut l = location(run, fact, artifacts);
            l["id"] = json!(i);
            l["message"] = text(format!(
                "{}: {}",
                origin_name(run, &fact.origin),
                fact.value.display(f.multiplier)
            ));
            l
        })
        .collect();
    if !related.is_empty() {
        r["relatedLocations"] = json!(related);
    }
    match &f.status {
        Status::Suppressed { reason, at, .. } => {
            r["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": reason,
                "properties": { "at": at },
            }]);
        }
        Status::New => r["baselineState"] = json!("new"),
        Status::Changed { .. } => r["baselineState"] = json!("updated"),
        Status::Baselined { .. } => r["baselineState"] = json!("unchanged"),
        Status::Open => {}
    }
    let mut props = json!({
        "verdict": f.verdict.code(),
        "status": f.status.code(),
        "key": f.key.iter().map(|(d, l)| (d.clone(), json!(l))).collect::<serde_json::Map<_, _>>(),
    });
    if let Verdict::Conflict(g) = f.verdict {
        props["grade"] = json!(g.name());
    }
    if let Some(g) = f.gap {
        props["gap"] = json!(g.to_string());
    }
    if let Some(reason) = f.status.reason() {
        props["reason"] = json!(reason);
    }
    if let Status::Changed { was, .. } = &f.status {
        props["baselineValues"] = json!(was);
    }
    if !f.known_causes.is_empty() {
        props["knownCauses"] = json!(f.known_causes);
    }
    r["properties"] = props;
    r
}

/// The SARIF log of a run, as a JSON value.
pub fn log(run: &Run) -> Value {
    let rules: Vec<Value> = run
        .rules
        .iter()
        .map(|r| {
            let fail = r.fail.unwrap_or(run.fail_on);
            let mut help = format!("{} ({} facts).", r.title, r.kind);
            if !r.known_causes.is_empty() {
                help.push_str(" Known causes of differences: ");
                help.push_str(&r.known_causes.join("; "));
                help.push('.');
            }
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": text(&r.title),
                "fullDescription": text(format!("{}: {} facts compared across sources", r.title, r.kind)),
                "help": text(help),
                "defaultConfiguration": { "level": if fail == crate::finding::Grade::Minor { "error" } else { "warning" } },
                "properties": {
                    "kind": r.kind,
                    "warn": r.warn.map(|g| g.name()),
                    "fail": fail.name(),
                    "sourcesStating": r.sources,
                    "facts": r.facts,
                    "stated": r.sources > 0,
                },
            })
        })
        .collect();
    let artifacts_ids: Vec<String> = run.sources.iter().map(|s| s.id.clone()).collect();
    let artifacts: Vec<Value> = run
        .sources
        .iter()
        .map(|s| {
            let (u, absolute) = uri(&s.path);
            let mut loc = json!({ "uri": u });
            if !absolute {
                loc["uriBaseId"] = json!("%SRCROOT%");
            }
            json!({
                "location": loc,
                "properties": {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "language": s.language,
                    "date": s.date.map(|d| d.to_string()),
                },
            })
        })
        .collect();
    let results: Vec<Value> = run
        .conflicts()
        .map(|f| {
            let idx = run.rules.iter().position(|r| r.id == f.rule);
            result(run, f, idx, &artifacts_ids)
        })
        .collect();
    let notifications: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let (u, absolute) = uri(&d.file);
            let mut artifact = json!({ "uri": u });
            if !absolute {
                artifact["uriBaseId"] = json!("%SRCROOT%");
            }
            let mut phys = json!({ "artifactLocation": artifact });
            if d.line > 0 {
                phys["region"] = json!({ "startLine": d.line, "startColumn": d.col.max(1) });
            }
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!(" ({h})"));
            }
            json!({
                "level": if d.is_error() { "error" } else { "warning" },
                "message": text(message),
                "descriptor": { "id": d.code },
                "locations": [{ "physicalLocation": phys }],
            })
        })
        .collect();
    let s = run.summary();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            "invocations": [{
                "executionSuccessful": !run.diagnostics.iter().any(|d| d.is_error()),
                "toolExecutionNotifications": notifications,
            }],
            "properties": {
                "summary": s.line(run.fail_on),
                "failOn": run.fail_on.name(),
                "failing": s.failing,
                "conflicts": s.conflicts(),
            },
        }],
    })
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(&log(run)).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}
