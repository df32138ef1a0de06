//! `crosscheck explain RULE (SOURCE[:LINE] | --text "…")`: how a rule reads
//! a source, sentence by sentence, and why a figure the user can see did not
//! become a fact.

use std::io::Write;
use std::path::Path;

use crosscheck::diag::Diagnostic;
use crosscheck::escape::terminal;
use crosscheck::fact::key_label;
use crosscheck::matcher::Tracer;
use crosscheck::source::{self, Source, SourceMeta};

use super::args::RunArgs;
use super::{Status, fail, load, parse_date};

/// "001:35" → ("001", Some(35)); a Windows-free `name:line` split.
fn split_target(t: &str) -> (&str, Option<usize>) {
    match t.rsplit_once(':') {
        Some((name, line)) if !name.is_empty() => match line.parse() {
            Ok(n) => (name, Some(n)),
            Err(_) => (t, None),
        },
        _ => (t, None),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn command(
    rule_id: &str,
    target: Option<&str>,
    text: Option<&str>,
    date: Option<&str>,
    run: &RunArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let inputs = match load(run) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    let rules = inputs.engine.rules();
    if rules.get(rule_id).is_none() {
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        let d = Diagnostic::error("usage", Path::new(rule_id), format!("no rule `{rule_id}`"))
            .help(format!("known rules: {}", ids.join(", ")));
        return fail(&[d], err);
    }
    let anchor = match parse_date(date) {
        Ok(a) => a,
        Err(d) => return fail(&[d], err),
    };
    let (src, only_line) = match (text, target) {
        (Some(t), _) => {
            let meta = SourceMeta::bare("text", anchor);
            (Source::new(meta, "text".into(), t.to_string()), None)
        }
        (None, Some(t)) => {
            let (name, line) = split_target(t);
            let mut diags = Vec::new();
            let entries = source::discover(&inputs.sources, &inputs.input, &mut diags).entries;
            let found = entries.iter().find(|s| {
                s.meta.id == name
                    || s.path == Path::new(name)
                    || s.path.file_name().is_some_and(|f| f == name)
                    || s.path.file_stem().is_some_and(|f| f == name)
            });
            match found {
                Some(e) => match source::read(e) {
                    Ok(s) => (s, line),
                    Err(d) => return fail(&[*d], err),
                },
                None => {
                    let ids: Vec<&str> = entries.iter().map(|s| s.meta.id.as_str()).collect();
                    let d =
                        Diagnostic::error("usage", Path::new(name), format!("no source `{name}`"))
                            .help(format!("known sources: {}", ids.join(", ")));
                    return fail(&[d], err);
                }
            }
        }
        (None, None) => {
            return fail(
                &[Diagnostic::error(
                    "usage",
                    Path::new("explain"),
                    "name a source or give --text",
                )],
                err,
            );
        }
    };
    let mut tracer = Tracer::new(rule_id);
    inputs.engine.observe(&src, &mut tracer);
    let traces = tracer.traces;
    let mut shown = 0;
    let mut facts = 0;
    for t in &traces {
        let wanted = match only_line {
            Some(l) => t.line <= l && l <= t.end_line,
            None => !t.facts.is_empty() || t.miss.is_some() || t.patterns.iter().any(|p| p.1),
        };
        if !wanted {
            continue;
        }
        shown += 1;
        facts += t.facts.len();
        let _ = writeln!(out, "── {} {}:{} ──", terminal(&src.meta.id), t.line, t.col);
        let _ = writeln!(out, "  «{}»", terminal(&t.text));
        if t.values.is_empty() {
            let _ = writeln!(out, "  values: none read");
        }
        for (kind, text, value) in &t.values {
            let _ = writeln!(
                out,
                "  value: {kind} «{}» = {}",
                terminal(text),
                terminal(value)
            );
        }
        for (i, (pattern, fired, filled)) in t.patterns.iter().enumerate() {
            let mark = |b: bool| if b { "yes" } else { "no" };
            let _ = writeln!(
                out,
                "  pattern {}: context {}, value in slot {} — {}",
                i + 1,
                mark(*fired),
                mark(*filled),
                terminal(pattern)
            );
        }
        for (f, why) in &t.facts {
            let _ = writeln!(
                out,
                "  FACT {} · key {} · {}",
                terminal(&f.origin.to_string()),
                terminal(&key_label(&f.key)),
                terminal(&f.value.canonical())
            );
            for w in why {
                let _ = writeln!(out, "      {}", terminal(w));
            }
        }
        if let Some(m) = &t.miss {
            let _ = writeln!(out, "  NO FACT: {}", terminal(m));
        }
        for n in &t.notes {
            let _ = writeln!(out, "  note: {}", terminal(n));
        }
    }
    let _ = writeln!(
        out,
        "{shown} sentences shown, {facts} facts for `{}` in {}",
        terminal(rule_id),
        terminal(&src.meta.id)
    );
    if let (Some(d), Some(origin)) = (src.meta.date, src.meta.date_source) {
        let _ = writeln!(out, "source date: {d} (from {})", origin.name());
    }
    Status::Clean
}
