//! The formats CI tools read — SARIF, JUnit, GitHub workflow commands,
//! GitLab Code Quality — on the seeds (snapshots, counts, the official
//! SARIF schema) and on hostile text (tests/fixtures/hostile_ci).

use serde_json::Value;

use crosscheck::finding::Status;
use crosscheck::report::{self, Format, Style};
use crosscheck::triage::{Baseline, Policy};
use crosscheck::{Engine, Options, Run, rules};

fn run_of(sources: &str, policy: Policy) -> Run {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let engine = Engine::new(set).unwrap();
    let mut run = engine.run(
        &[sources.into()],
        &Options {
            policy,
            ..Options::default()
        },
    );
    run.load_quotes(false);
    run
}

fn seeds() -> Run {
    run_of("seeds", Policy::default())
}

fn hostile() -> Run {
    let run = run_of("tests/fixtures/hostile_ci", Policy::default());
    assert_eq!(run.conflicts().count(), 1, "the fixture makes one conflict");
    run
}

fn render(run: &Run, format: Format) -> String {
    let mut out = Vec::new();
    report::render(run, format, &Style::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // One pattern of the committee's schema (`language`, in `run` and
    // `toolComponent`) has an unescaped `]`, which ECMAScript's non-Unicode
    // mode reads as a literal and the validator's regex check refuses: the
    // same pattern with the `]` escaped, so it means what it means in
    // JavaScript. The file itself stays as published (tests/data/README.md).
    fn fix(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "pattern" && x == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *x = Value::from("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
                        *n += 1;
                    } else {
                        fix(x, n);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| fix(x, n)),
            _ => {}
        }
    }
    let mut fixed = 0;
    fix(&mut schema, &mut fixed);
    assert_eq!(fixed, 2, "the schema is the one tests/data/README.md names");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_on_the_seeds_is_valid_and_complete() {
    let run = seeds();
    let text = render(&run, Format::Sarif);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let v = sarif_validator();
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    let r = &doc["runs"][0];
    assert_eq!(r["columnKind"], "unicodeCodePoints");
    assert_eq!(
        r["tool"]["driver"]["rules"].as_array().unwrap().len(),
        run.rules.len()
    );
    let results = r["results"].as_array().unwrap();
    assert_eq!(results.len(), run.conflicts().count());
    // The 2022 trade conflict: located at one side, the other related.
    let res = results
        .iter()
        .find(|x| x["ruleId"] == "trade.volume" && x["properties"]["key"]["period"] == "2022")
        .unwrap();
    assert_eq!(res["level"], "error");
    let region = &res["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(35), Some(259))
    );
    assert_eq!(
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "seeds/001_bae31eafe5fea3ea.txt"
    );
    let related = res["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(
        related[0]["message"]["text"],
        "statistics of Kazakhstan: 883M USD"
    );
    assert_eq!(related[0]["physicalLocation"]["region"]["startColumn"], 237);
    // Rule metadata from the rule files.
    let rule = &r["tool"]["driver"]["rules"][res["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "trade.volume");
    assert_eq!(
        rule["shortDescription"]["text"],
        "Trade volume between two countries"
    );
    assert!(rule["help"]["text"].as_str().unwrap().contains("CIF/FOB"));
    // Output is stable.
    assert_eq!(text, render(&run, Format::Sarif));
    insta::assert_snapshot!(
        "sarif_seeds",
        text.replace(env!("CARGO_PKG_VERSION"), "[version]")
    );
}

#[test]
fn the_sarif_schema_rejects_what_is_not_sarif() {
    let run = seeds();
    let doc: Value = serde_json::from_str(&render(&run, Format::Sarif)).unwrap();
    let v = sarif_validator();
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        d
    };
    for (what, d) in [
        (
            "a level SARIF does not have",
            broken(&|d| d["runs"][0]["results"][0]["level"] = "fatal".into()),
        ),
        (
            "no version",
            broken(&|d| {
                d.as_object_mut().unwrap().remove("version");
            }),
        ),
        (
            "line 0",
            broken(&|d| {
                d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                    0.into()
            }),
        ),
        (
            "a message without text",
            broken(&|d| d["runs"][0]["results"][0]["message"] = serde_json::json!({})),
        ),
        (
            "a baseline state SARIF does not have",
            broken(&|d| d["runs"][0]["results"][0]["baselineState"] = "stale".into()),
        ),
    ] {
        assert!(!errors(&v, &d).is_empty(), "{what} passed the schema");
    }
}

#[test]
fn sarif_marks_suppressed_and_baselined_conflicts() {
    let baseline = Baseline::read("seeds/baseline.toml".as_ref()).unwrap();
    let mut run = run_of(
        "seeds",
        Policy {
            baseline: Some(baseline),
            ..Policy::default()
        },
    );
    // One conflict suppressed instead, as a suppression would.
    let f = run
        .findings
        .iter_mut()
        .find(|f| f.verdict.is_conflict())
        .unwrap();
    f.status = Status::Suppressed {
        reason: "known".into(),
        at: "crosscheck.toml:3:1".into(),
        expires: None,
    };
    let doc: Value = serde_json::from_str(&render(&run, Format::Sarif)).unwrap();
    assert_eq!(errors(&sarif_validator(), &doc), Vec::<String>::new());
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 8, "suppressed and baselined conflicts stay");
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["justification"], "known");
    assert_eq!(
        results
            .iter()
            .filter(|r| r["baselineState"] == "unchanged")
            .count(),
        7
    );
}

/// Well-formed XML of the simple kind JUnit writes: tags balance, text has
/// no raw `<`, every `&` starts an entity, no character XML 1.0 forbids.
fn check_xml(xml: &str) {
    for c in xml.chars() {
        let bad = ((c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}');
        assert!(!bad, "character U+{:04X} in XML", c as u32);
    }
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        for (j, _) in text.match_indices('&') {
            let ent = &text[j..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "a bare & in {text:?}"
            );
        }
        let end = rest[i..].find('>').expect("a tag ends") + i;
        let tag = &rest[i + 1..end];
        assert!(!tag.contains('<'), "a < inside a tag: {tag}");
        if tag.starts_with('?') || tag.starts_with("!--") {
        } else if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "unbalanced </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        // Attribute values hold no raw quote of their own kind or <.
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

#[test]
fn junit_on_the_seeds() {
    let run = seeds();
    let xml = render(&run, Format::Junit);
    check_xml(&xml);
    let s = run.summary();
    let stated = run.rules.iter().filter(|r| r.sources > 0).count();
    assert_eq!(
        xml.matches("<testcase ").count(),
        run.findings.len() + (run.rules.len() - stated)
    );
    assert_eq!(xml.matches("<failure ").count(), s.failing);
    assert!(xml.contains(&format!(
        "<testsuites name=\"crosscheck\" tests=\"{}\" failures=\"{}\"",
        run.findings.len() + run.rules.len() - stated,
        s.failing
    )));
    insta::assert_snapshot!("junit_seeds", xml);
}

#[test]
fn github_commands_on_the_seeds() {
    let run = seeds();
    let text = render(&run, Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), run.summary().failing + 1);
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("::error file=seeds/"))
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("::notice title=crosscheck::37 facts")
    );
    assert!(text.contains("::error file=seeds/001_bae31eafe5fea3ea.txt,line=35,col=259,endColumn=269,title=trade.volume%3A CONFLICT (major)::Trade volume between two countries — total · Israel–Kazakhstan · 2022%0Astatistics of Israel: 79M USD"));
    insta::assert_snapshot!("github_seeds", text);
}

#[test]
fn gitlab_code_quality_on_the_seeds() {
    let run = seeds();
    let text = render(&run, Format::Gitlab);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), run.conflicts().count());
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    for i in issues {
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(
            i["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("seeds/")
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(!i["check_name"].as_str().unwrap().is_empty());
    }
    insta::assert_snapshot!("gitlab_seeds", text);
}

#[test]
fn known_conflicts_are_not_annotated_but_moved_ones_are() {
    let baseline = Baseline::read("seeds/baseline.toml".as_ref()).unwrap();
    let mut run = run_of(
        "seeds",
        Policy {
            baseline: Some(baseline),
            ..Policy::default()
        },
    );
    assert_eq!(
        render(&run, Format::Github).lines().count(),
        1,
        "only the summary"
    );
    assert_eq!(render(&run, Format::Gitlab).trim(), "[]");
    let f = run
        .findings
        .iter_mut()
        .find(|f| f.verdict.is_conflict())
        .unwrap();
    f.status = Status::Changed {
        was: vec!["an old figure".into()],
        reason: String::new(),
    };
    let gh = render(&run, Format::Github);
    assert_eq!(gh.lines().count(), 2);
    assert!(gh.contains("%0Athe baseline had: an old figure"));
    let junit = render(&run, Format::Junit);
    assert_eq!(
        junit
            .matches("<skipped message=\"in the baseline: ")
            .count(),
        7
    );
    assert_eq!(junit.matches("<failure ").count(), 1);
}

#[test]
fn hostile_text_is_escaped_in_every_ci_format() {
    let run = hostile();
    // GitHub: one command per line, nothing from a source starts a line or
    // ends a property; the source's own `%0A` stays text.
    let gh = render(&run, Format::Github);
    let lines: Vec<&str> = gh.lines().collect();
    // The conflict, a warning per rule that matches nothing, the summary.
    assert_eq!(lines.len(), 1 + run.diagnostics.len() + 1, "{gh}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error ")
            || l.starts_with("::warning file=rules/")
            || l.starts_with("::notice title=crosscheck::")),
        "{gh}"
    );
    assert!(
        lines[0].starts_with("::error file=tests/fixtures/hostile_ci/"),
        "{gh}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("::notice title=crosscheck::"),
        "{gh}"
    );
    assert!(gh.contains("::warning file=rules/defense.toml,line=4,col=6,title=crosscheck rule-matches-nothing::rule `defense.beit-alfa.year` matches nothing in any source%0A"), "{gh}");
    assert!(
        gh.contains("source a ::error file=x.txt,line=1::pwned %250A, b:c: 200M USD"),
        "{gh}"
    );
    assert!(
        !gh.contains('\u{1b}') && !gh.contains('\u{7}') && !gh.contains('\r'),
        "{gh:?}"
    );
    // The title property holds no raw `:` or `,` from the text.
    let props = lines[0].split("::").nth(1).unwrap();
    assert!(props.starts_with("error file="), "{props}");
    // JUnit: well-formed, the quotes' controls written as text.
    let xml = render(&run, Format::Junit);
    check_xml(&xml);
    assert!(xml.contains("&lt;x/&gt; &amp; &quot;q&quot;"), "{xml}");
    assert!(xml.contains("\\u{1b}[2J"), "{xml}");
    // SARIF: valid against the schema; the text is there, as JSON.
    let sarif: Value = serde_json::from_str(&render(&run, Format::Sarif)).unwrap();
    assert_eq!(errors(&sarif_validator(), &sarif), Vec::<String>::new());
    let snippet = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
        ["snippet"]["text"]
        .as_str()
        .unwrap();
    assert!(snippet.contains("$900 million"), "{snippet}");
    // GitLab: valid JSON with the hostile id as text.
    let gl: Value = serde_json::from_str(&render(&run, Format::Gitlab)).unwrap();
    assert!(
        gl[0]["description"]
            .as_str()
            .unwrap()
            .contains("pwned %0A, b:c")
    );
}
