//! `crosscheck rules …`: list, show, test and draft rules.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crosscheck::diag::Diagnostic;
use crosscheck::escape::terminal;
use crosscheck::fact::{Origin, key_label};
use crosscheck::rules::{Rule, RuleSet, Threshold};
use crosscheck::{Engine, Options, Run, examples};

use super::args::{RulesCommand, RunArgs};
use super::{Status, fail, load, parse_date, print_diags};

mod countries;
mod direction;
mod draft;
mod words;
pub use draft::draft;

pub fn command(cmd: &RulesCommand, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    match cmd {
        RulesCommand::List(run) => with_rules(run, err, |engine, _| {
            list(engine.rules(), out);
            Status::Clean
        }),
        RulesCommand::Show { id, run } => {
            with_rules(run, err, |engine, err| match engine.rules().get(id) {
                Some(r) => {
                    let _ = write!(out, "{}", terminal_block(&show(r)));
                    Status::Clean
                }
                None => {
                    let ids: Vec<&str> =
                        engine.rules().rules.iter().map(|r| r.id.as_str()).collect();
                    fail(
                        &[
                            Diagnostic::error("usage", Path::new(id), format!("no rule `{id}`"))
                                .help(format!("known rules: {}", ids.join(", "))),
                        ],
                        err,
                    )
                }
            })
        }
        RulesCommand::Test {
            paths,
            fixtures,
            bless,
        } => {
            let rules = if paths.is_empty() {
                None
            } else {
                Some(paths.clone())
            };
            let run = RunArgs {
                rules,
                ..RunArgs::default()
            };
            with_rules(&run, err, |engine, err| {
                test(engine, fixtures, *bless, out, err)
            })
        }
        RulesCommand::New {
            kind,
            text,
            id,
            date,
        } => {
            let anchor = match parse_date(date.as_deref()) {
                Ok(a) => a,
                Err(d) => return fail(&[d], err),
            };
            match draft(kind, text, id.as_deref(), anchor) {
                Ok(toml) => {
                    let _ = write!(out, "{toml}");
                    Status::Clean
                }
                Err(d) => fail(&[d], err),
            }
        }
    }
}

fn with_rules(
    run: &RunArgs,
    err: &mut dyn Write,
    f: impl FnOnce(&Engine, &mut dyn Write) -> Status,
) -> Status {
    match load(run) {
        Ok(inputs) => {
            print_diags(&inputs.warnings, err);
            f(&inputs.engine, err)
        }
        Err(d) => fail(&d, err),
    }
}

fn list(rules: &RuleSet, out: &mut dyn Write) {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(vec!["Id", "Title", "Kind", "File"]);
    for r in &rules.rules {
        t.add_row(vec![
            terminal(&r.id),
            terminal(&r.title),
            r.kind.name().to_string(),
            terminal(&format!("{}:{}", r.file.display(), r.line)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "{} rules", rules.rules.len());
}

fn grade(t: Threshold) -> String {
    match t {
        Threshold::Ratio(r) => format!("{}×", crosscheck::value::Fmt(r)),
        Threshold::Days(d) => format!("{}d", crosscheck::value::Fmt(d)),
    }
}

fn threshold(t: Threshold) -> String {
    match t {
        Threshold::Ratio(r) => format!(
            "{}%",
            crosscheck::value::Fmt(((r - 1.0) * 1e6).round() / 1e4)
        ),
        Threshold::Days(d) => format!("{}d", crosscheck::value::Fmt(d)),
    }
}

fn show(r: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", r.id, r.title);
    let _ = writeln!(s, "  file:       {}:{}", r.file.display(), r.line);
    let _ = writeln!(
        s,
        "  kind:       {}{}",
        r.kind.name(),
        r.unit.as_ref().map_or(String::new(), |u| format!(" ({u})"))
    );
    let keys: Vec<String> = r.key.iter().map(|k| k.name().to_string()).collect();
    let _ = writeln!(
        s,
        "  key:        {}",
        if keys.is_empty() {
            "—".into()
        } else {
            keys.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "  tolerance:  {}; conflict grades by gap: minor ≤ {}, discrepancy ≤ {}, major above; \"about\" widens by {}%",
        threshold(r.tolerance),
        grade(r.minor),
        grade(r.discrepancy),
        crosscheck::value::Fmt(r.approx * 100.0)
    );
    let _ = writeln!(
        s,
        "  levels:     warns from {}; fails from {}",
        r.warn
            .map_or("any conflict".to_string(), |g| g.name().to_string()),
        r.fail
            .map_or("the run's --fail-on".to_string(), |g| g.name().to_string())
    );
    let _ = writeln!(s, "  patterns:");
    for p in &r.patterns {
        let _ = writeln!(s, "    {}", p.source);
        let _ = writeln!(s, "      slot {{{}}} → {}", p.slot, p.target.as_str());
    }
    let lex = |s: &mut String, name: &str, l: &crosscheck::rules::Phrasebook| {
        if !l.is_empty() {
            let _ = writeln!(s, "  {name}:");
            for (label, phrases) in l {
                let _ = writeln!(s, "    {label}: {}", phrases.join(" | "));
            }
        }
    };
    lex(&mut s, "attribution", &r.attribution);
    for (d, l) in &r.dimensions {
        let default = r.dimension_defaults.iter().find(|(n, _)| n == d);
        let name = match default {
            Some((_, label)) => format!("dimension {d} (default {label})"),
            None => format!("dimension {d}"),
        };
        lex(&mut s, &name, l);
    }
    lex(&mut s, "categories", &r.categories);
    if r.key.iter().any(|k| {
        matches!(
            k,
            crosscheck::rules::KeyDim::Pair | crosscheck::rules::KeyDim::Party
        )
    }) {
        let p = &r.parties;
        let order = match &p.ordered {
            crosscheck::rules::Ordered::Never => "unordered".to_string(),
            crosscheck::rules::Ordered::Always => "ordered (origin → destination)".to_string(),
            crosscheck::rules::Ordered::When(l) => {
                format!("ordered for direction {}", l.join(", "))
            }
        };
        let flow = p.flow.as_ref().map_or(String::new(), |f| {
            format!("; an ordered pair's direction is `{f}`")
        });
        let _ = writeln!(
            s,
            "  parties:    {} entities, from the text; {order}{flow}",
            p.kind
        );
        lex(&mut s, "sides", &p.roles);
    }
    if let Some(ratio) = &r.ratio {
        let _ = writeln!(
            s,
            "  ratio:      {} = multiple of {} over {}",
            ratio.of, ratio.numerator, ratio.denominator
        );
    }
    for (who, adj) in &r.adjust {
        let _ = writeln!(
            s,
            "  adjust:     {who} × {} ({})",
            crosscheck::value::Fmt(adj.factor),
            adj.note
        );
    }
    for c in &r.known_causes {
        let _ = writeln!(s, "  known cause: {c}");
    }
    let _ = writeln!(s, "  examples:");
    for e in &r.examples {
        match &e.value {
            Some(v) => {
                let key = if e.key.is_empty() {
                    String::new()
                } else {
                    format!(
                        " · key {}",
                        e.key.values().cloned().collect::<Vec<_>>().join(" · ")
                    )
                };
                let who = e
                    .authority
                    .as_ref()
                    .map_or(String::new(), |a| format!(" · {a}"));
                let _ = writeln!(s, "    + {} → {v}{key}{who}", e.text);
            }
            None => {
                let _ = writeln!(s, "    − {} → no match", e.text);
            }
        }
    }
    s
}

// ---------- rules test ----------

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFact {
    rule: String,
    source: String,
    key: String,
    origin: String,
    value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedVerdict {
    rule: String,
    key: String,
    verdict: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    fact: Vec<ExpectedFact>,
    #[serde(default)]
    verdict: Vec<ExpectedVerdict>,
}

fn test(
    engine: &Engine,
    fixtures: &[PathBuf],
    bless: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let outcomes = examples::run_all(engine);
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed).collect();
    for o in &outcomes {
        let _ = writeln!(
            out,
            "{} {} ({}:{})",
            if o.passed { "PASS" } else { "FAIL" },
            terminal(&o.rule),
            terminal(&o.file),
            o.line
        );
        if !o.passed {
            let _ = write!(out, "{}", terminal_block(&o.diff));
        }
    }
    let _ = writeln!(
        out,
        "{} examples: {} passed, {} failed",
        outcomes.len(),
        outcomes.len() - failed.len(),
        failed.len()
    );
    for o in &failed {
        let d = Diagnostic::error("rule-failing-example", Path::new(&o.file), format!("an example of `{}` fails", o.rule))
            .at_line(o.line)
            .help("fix the rule's patterns or the example's expected value; `crosscheck explain RULE --text …` shows why");
        let _ = write!(err, "{}", d.render());
    }
    let mut bad = !failed.is_empty();
    for dir in fixtures {
        match fixture(engine, dir, bless, out) {
            Ok(ok) => bad |= !ok,
            Err(d) => return fail(&d, err),
        }
    }
    if bad {
        Status::Contradictions
    } else {
        Status::Clean
    }
}

fn terminal_block(s: &str) -> String {
    s.lines().map(|l| format!("{}\n", terminal(l))).collect()
}

fn expected_of(run: &Run) -> Expected {
    let mut fact: Vec<ExpectedFact> = run
        .findings
        .iter()
        .flat_map(|f| f.facts())
        .map(|f| ExpectedFact {
            rule: f.rule.to_string(),
            source: f.source.to_string(),
            key: key_label(&f.key),
            origin: match &f.origin {
                Origin::Authority(a) => a.to_string(),
                Origin::Source(_) => "(source)".into(),
            },
            value: f.value.canonical(),
        })
        .collect();
    fact.sort();
    fact.dedup();
    let mut verdict: Vec<ExpectedVerdict> = run
        .findings
        .iter()
        .map(|f| ExpectedVerdict {
            rule: f.rule.clone(),
            key: key_label(&f.key),
            verdict: f.verdict.code().into(),
        })
        .collect();
    verdict.sort();
    Expected { fact, verdict }
}

/// One fixture folder: its sources run through the rules, the facts and
/// verdicts compared with `expected.toml`. Returns whether all matched.
fn fixture(
    engine: &Engine,
    dir: &Path,
    bless: bool,
    out: &mut dyn Write,
) -> Result<bool, Vec<Diagnostic>> {
    let run = engine.run(&[dir.to_path_buf()], &Options::default());
    let errors: Vec<Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let actual = expected_of(&run);
    let path = dir.join("expected.toml");
    if bless {
        let text = format!(
            "# Expected facts and verdicts of this fixture; rewrite with `crosscheck rules test --fixtures {} --bless` and review the diff.\n\n{}",
            dir.display(),
            toml::to_string(&actual).unwrap_or_default()
        );
        super::output::write_file(&path, |w| w.write_all(text.as_bytes())).map_err(|d| vec![d])?;
        let _ = writeln!(
            out,
            "blessed {} ({} facts, {} verdicts)",
            path.display(),
            actual.fact.len(),
            actual.verdict.len()
        );
        return Ok(true);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![
            Diagnostic::error("io", &path, format!("cannot read: {e}"))
                .help("create it with --bless, then review it"),
        ]
    })?;
    let expected: Expected = toml::from_str(&text).map_err(|e| {
        let d = Diagnostic::error("toml-syntax", &path, e.message().trim().to_string());
        vec![match e.span() {
            Some(sp) => d.at(&text, sp.start),
            None => d,
        }]
    })?;
    // TP / FP / FN of facts per rule.
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for f in &actual.fact {
        let e = table.entry(f.rule.clone()).or_default();
        if expected.fact.contains(f) {
            e.0 += 1
        } else {
            e.1 += 1
        }
    }
    for f in &expected.fact {
        if !actual.fact.contains(f) {
            table.entry(f.rule.clone()).or_default().2 += 1;
        }
    }
    let _ = writeln!(out, "fixture {}:", terminal(&dir.display().to_string()));
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(vec!["Rule", "TP", "FP", "FN"]);
    let mut ok = true;
    for (rule, (tp, fp, fn_)) in &table {
        ok &= *fp == 0 && *fn_ == 0;
        t.add_row(vec![
            terminal(rule),
            tp.to_string(),
            fp.to_string(),
            fn_.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    // Facts found but not expected, then expected but not found.
    for (label, shown, other) in [
        ("FP", &actual.fact, &expected.fact),
        ("FN", &expected.fact, &actual.fact),
    ] {
        for f in shown.iter().filter(|f| !other.contains(f)) {
            let _ = writeln!(
                out,
                "{}",
                terminal(&format!(
                    "  {label} {} {} [{}] {}: {}",
                    f.rule, f.source, f.key, f.origin, f.value
                ))
            );
        }
    }
    for v in &expected.verdict {
        let got = actual
            .verdict
            .iter()
            .find(|a| a.rule == v.rule && a.key == v.key);
        if got.map(|g| &g.verdict) != Some(&v.verdict) {
            ok = false;
            let _ = writeln!(
                out,
                "  verdict {} [{}]: expected {}, got {}",
                terminal(&v.rule),
                terminal(&v.key),
                terminal(&v.verdict),
                got.map_or("nothing", |g| g.verdict.as_str())
            );
        }
    }
    for a in actual.verdict.iter().filter(|a| {
        !expected
            .verdict
            .iter()
            .any(|v| v.rule == a.rule && v.key == a.key)
    }) {
        ok = false;
        let _ = writeln!(
            out,
            "  verdict {} [{}]: {} not expected",
            terminal(&a.rule),
            terminal(&a.key),
            a.verdict
        );
    }
    let _ = writeln!(out, "  {}", if ok { "ok" } else { "FAILED" });
    Ok(ok)
}
