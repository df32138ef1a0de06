//! Running the examples rules carry: each positive example must yield its
//! value (and key and authority when given); each `no_match` example must
//! yield nothing. `cargo test` runs every bundled rule's examples.

use std::fmt::Write as _;

use crate::engine::Engine;
use crate::fact::{Fact, Origin, key_label};
use crate::rules::{Example, Rule};

#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub passed: bool,
    /// Expected against actual, when it failed.
    pub diff: String,
}

fn describe(f: &Fact) -> String {
    let who = match &f.origin {
        Origin::Authority(a) => a.clone(),
        Origin::Source(_) => "(source)".into(),
    };
    format!(
        "value {} · key {} · authority {}",
        f.value.canonical(),
        key_label(&f.key),
        who
    )
}

fn satisfies(f: &Fact, e: &Example) -> bool {
    let value_ok = e
        .value
        .as_deref()
        .is_some_and(|v| v.trim() == f.value.canonical());
    let key_ok = e
        .key
        .iter()
        .all(|(k, v)| f.key.iter().any(|(fk, fv)| fk == k && fv == v));
    let auth_ok = e
        .authority
        .as_ref()
        .is_none_or(|a| matches!(&f.origin, Origin::Authority(o) if **o == **a));
    value_ok && key_ok && auth_ok
}

pub fn run_rule(engine: &Engine, rule: &Rule) -> Vec<Outcome> {
    rule.examples
        .iter()
        .map(|e| {
            let facts = engine.match_text(&rule.id, &e.text, e.date);
            let passed = match &e.value {
                None => facts.is_empty(),
                Some(_) => facts.iter().any(|f| satisfies(f, e)),
            };
            let mut diff = String::new();
            if !passed {
                let _ = writeln!(diff, "  text:     {}", e.text);
                match &e.value {
                    None => {
                        let _ = writeln!(diff, "  expected: no match");
                    }
                    Some(v) => {
                        let mut want = format!("value {v}");
                        if !e.key.is_empty() {
                            let k: Vec<String> =
                                e.key.iter().map(|(k, v)| format!("{k}={v}")).collect();
                            let _ = write!(want, " · key {}", k.join(", "));
                        }
                        if let Some(a) = &e.authority {
                            let _ = write!(want, " · authority {a}");
                        }
                        let _ = writeln!(diff, "  expected: {want}");
                    }
                }
                if facts.is_empty() {
                    let _ = writeln!(diff, "  actual:   no match");
                }
                for f in &facts {
                    let _ = writeln!(diff, "  actual:   {}", describe(f));
                }
            }
            Outcome {
                rule: rule.id.clone(),
                file: rule.file.display().to_string(),
                line: e.line,
                passed,
                diff,
            }
        })
        .collect()
}

pub fn run_all(engine: &Engine) -> Vec<Outcome> {
    engine
        .rules()
        .rules
        .iter()
        .flat_map(|r| run_rule(engine, r))
        .collect()
}
