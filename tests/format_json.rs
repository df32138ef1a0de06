//! The `json` and `jsonl` reports: the schema holds for the seeds' run and
//! rejects what it should, the lines match the document, the evidence
//! points at the bytes of the files, and hostile text survives.

use std::sync::OnceLock;

use crosscheck::calendar::Day;
use crosscheck::fact::{FactValue, key_label};
use crosscheck::finding::{Gap, Status};
use crosscheck::report::{self, Format, Style, json};
use crosscheck::{Engine, Options, Run, rules};
use serde_json::{Value, json};

fn seeds() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let mut diags = Vec::new();
        let set = rules::load(&["rules".into()], &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
        let mut run = engine.run(&["seeds".into()], &Options::default());
        run.load_quotes(false);
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        run
    })
}

fn render(run: &Run) -> String {
    let mut out = Vec::new();
    json::render(run, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn render_lines(run: &Run) -> String {
    let mut out = Vec::new();
    json::render_lines(run, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn schema() -> Value {
    serde_json::from_str(json::SCHEMA).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema compiles")
}

/// A validator for one of the schema's `$defs`.
fn validator_of(def: &str) -> jsonschema::Validator {
    let mut s = schema();
    let defs = s["$defs"].take();
    let sub = json!({
        "$schema": s["$schema"],
        "$defs": defs,
        "$ref": format!("#/$defs/{def}"),
    });
    jsonschema::validator_for(&sub).expect("the sub-schema compiles")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn doc(run: &Run) -> Value {
    serde_json::from_str(&render(run)).expect("the report is JSON")
}

#[test]
fn the_schema_is_a_valid_2020_12_schema() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    if let Err(e) = jsonschema::meta::validate(&s) {
        panic!("the schema does not validate against its meta-schema: {e}");
    }
}

#[test]
fn the_seeds_report_validates() {
    let d = doc(seeds());
    let errs = errors(&validator(), &d);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(d["schema"], "crosscheck-report");
    assert_eq!(d["version"], 1);
    assert_eq!(d["tool"]["name"], "crosscheck");
    assert_eq!(d["tool"]["version"], env!("CARGO_PKG_VERSION"));
    // Counts from the run's own summary, not re-counted.
    let s = seeds().summary();
    assert_eq!(d["summary"]["facts"], s.facts);
    assert_eq!(d["summary"]["major"], s.major);
    assert_eq!(d["summary"]["conflicts"], s.conflicts());
    assert_eq!(d["summary"]["line"], s.line(seeds().fail_on).as_str());
    assert_eq!(
        d["findings"].as_array().unwrap().len(),
        seeds().findings.len()
    );
    assert_eq!(
        d["sources"].as_array().unwrap().len(),
        seeds().sources.len()
    );
    assert_eq!(d["rules"].as_array().unwrap().len(), seeds().rules.len());
}

#[test]
fn broken_copies_are_rejected() {
    let v = validator();
    let good = doc(seeds());
    assert!(v.is_valid(&good));
    let conflict = good["findings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["verdict"] == "conflict-major")
        .unwrap();
    type Break = fn(&mut Value, usize);
    let breaks: &[(&str, Break)] = &[
        ("verdict maybe", |d, i| {
            d["findings"][i]["verdict"] = json!("maybe")
        }),
        ("no id", |d, i| {
            d["findings"][i].as_object_mut().unwrap().remove("id");
        }),
        ("id not hex", |d, i| d["findings"][i]["id"] = json!("xyz")),
        ("unknown field", |d, i| d["findings"][i]["extra"] = json!(1)),
        ("level shout", |d, i| {
            d["findings"][i]["level"] = json!("shout")
        }),
        ("status code", |d, i| {
            d["findings"][i]["status"]["code"] = json!("ignored")
        }),
        ("open with a reason", |d, i| {
            d["findings"][i]["status"]["reason"] = json!("because")
        }),
        ("conflict without grade", |d, i| {
            d["findings"][i]["grade"] = Value::Null
        }),
        ("origin by nobody", |d, i| {
            d["findings"][i]["origins"][0]["origin"]["by"] = json!("nobody")
        }),
        ("found code", |d, i| {
            d["findings"][i]["origins"][0]["facts"][0]["found"]["code"] = json!("guess")
        }),
        ("no line", |d, i| {
            d["findings"][i]["origins"][0]["facts"][0]
                .as_object_mut()
                .unwrap()
                .remove("line");
        }),
        ("span as text", |d, i| {
            d["findings"][i]["origins"][0]["facts"][0]["span"]["start"] = json!("12")
        }),
        ("hedge", |d, i| {
            d["findings"][i]["origins"][0]["facts"][0]["value"]["hedge"] = json!("roughly")
        }),
        ("value kind", |d, i| {
            d["findings"][i]["origins"][0]["facts"][0]["value"]["kind"] = json!("vibe")
        }),
        ("version 2", |d, _| d["version"] = json!(2)),
        ("no stats", |d, _| {
            d.as_object_mut().unwrap().remove("stats");
        }),
        ("no findings", |d, _| {
            d.as_object_mut().unwrap().remove("findings");
        }),
        ("fail_on", |d, _| d["summary"]["fail_on"] = json!("severe")),
        ("negative count", |d, _| d["summary"]["facts"] = json!(-1)),
    ];
    for (what, brk) in breaks {
        let mut bad = good.clone();
        brk(&mut bad, conflict);
        assert_ne!(bad, good, "{what}: the break changed nothing");
        assert!(!v.is_valid(&bad), "{what}: a broken report validates");
    }
}

#[test]
fn jsonl_lines_are_the_findings_then_the_summary() {
    let run = seeds();
    let text = render_lines(run);
    assert!(text.ends_with('\n'));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), run.findings.len() + 1);
    let line_schema = validator_of("jsonlLine");
    for l in &lines {
        let errs = errors(&line_schema, l);
        assert!(errs.is_empty(), "{errs:#?}");
    }
    let (last, findings) = lines.split_last().unwrap();
    assert!(findings.iter().all(|f| f["type"] == "finding"));
    let mut d = doc(run);
    assert_eq!(findings, d["findings"].as_array().unwrap().as_slice());
    // The summary line is the document without its findings.
    d.as_object_mut().unwrap().remove("findings");
    d["type"] = json!("summary");
    assert_eq!(last, &d);
    assert!(validator_of("summaryLine").is_valid(last) && !validator_of("finding").is_valid(last));
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[test]
fn the_2022_trade_conflict_points_at_its_figures() {
    let d = doc(seeds());
    let f = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["rule"] == "trade.volume" && f["key_label"] == "total · Israel–Kazakhstan · 2022"
        })
        .expect("the 2022 trade finding");
    assert_eq!(f["verdict"], "conflict-major");
    assert_eq!(f["grade"], "major");
    assert_eq!(f["level"], "failure");
    assert_eq!(f["fails"], true);
    assert_eq!(
        f["key"],
        json!({"direction": "total", "pair": "Israel–Kazakhstan", "period": "2022"})
    );
    let finding = seeds()
        .findings
        .iter()
        .find(|x| {
            x.rule == "trade.volume" && key_label(&x.key) == "total · Israel–Kazakhstan · 2022"
        })
        .unwrap();
    assert_eq!(f["id"], finding.fingerprint().as_str());
    assert_eq!(f["gap"]["kind"], "ratio");
    let gap = f["gap"]["value"].as_f64().unwrap();
    assert!((gap - 882.5 / 79.5).abs() < 1e-9, "{gap}");
    assert_eq!(f["clusters"].as_array().unwrap().len(), 2);
    assert_eq!(
        f["clusters"][0]["span"],
        json!({"kind": "number", "lo": 78.5e6, "hi": 79.5e6})
    );

    let want = [
        ("statistics of Israel", 79e6, "79"),
        ("statistics of Kazakhstan", 883e6, "883"),
    ];
    let origins = f["origins"].as_array().unwrap();
    assert_eq!(origins.len(), 2);
    for ((name, point, digits), o) in want.iter().zip(origins) {
        assert_eq!(o["origin"], json!({"by": "authority", "name": name}));
        let facts = o["facts"].as_array().unwrap();
        assert_eq!(facts.len(), 1, "{name}");
        let x = &facts[0];
        assert_eq!(x["origin"], o["origin"]);
        assert_eq!(x["value"]["kind"], "number");
        assert_eq!(x["value"]["point"].as_f64(), Some(*point));
        assert_eq!(x["value"]["unit"], "USD");
        assert_eq!(x["value"]["hedge"], "none");
        assert_eq!(x["found"]["code"], "clause");
        assert_eq!(x["source"], "001");
        let path = x["path"].as_str().unwrap();
        assert!(path.starts_with("seeds/"), "{path}: relative, as given");
        let file = std::fs::read_to_string(path).unwrap();
        let (start, end) = (
            x["span"]["start"].as_u64().unwrap() as usize,
            x["span"]["end"].as_u64().unwrap() as usize,
        );
        let written = &file[start..end];
        assert!(written.starts_with(digits), "{name}: {written:?}");
        assert_eq!(x["value_text"], written, "{name}");
        assert_eq!(
            line_col(&file, start),
            (
                x["line"].as_u64().unwrap() as usize,
                x["col"].as_u64().unwrap() as usize
            ),
            "{name}"
        );
        // The sentence holds the value; the quote holds it where it says.
        let (s0, s1) = (
            x["sentence"]["start"].as_u64().unwrap() as usize,
            x["sentence"]["end"].as_u64().unwrap() as usize,
        );
        assert!(s0 <= start && end <= s1, "{name}");
        let quote = x["quote"]["text"].as_str().unwrap();
        let (q0, q1) = (
            x["quote"]["value"]["start"].as_u64().unwrap() as usize,
            x["quote"]["value"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&quote[q0..q1], written, "{name}");
        assert!(file[s0..s1].replace('\n', " ").contains(quote), "{name}");
    }
}

#[test]
fn output_is_deterministic_and_ends_with_a_newline() {
    let a = render(seeds());
    assert!(a.ends_with("}\n"));
    assert_eq!(a, render(seeds()));
    assert!(!a.contains(&*std::env::current_dir().unwrap().to_string_lossy()));
    // The dispatcher reaches both renderers.
    let mut out = Vec::new();
    report::render(seeds(), Format::Json, &Style::default(), &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), a);
    let mut out = Vec::new();
    report::render(seeds(), Format::Jsonl, &Style::default(), &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), render_lines(seeds()));
}

/// The tool's version changes with every release; the snapshot does not.
fn redacted(s: String) -> String {
    let v = format!("\"version\":\"{}\"", env!("CARGO_PKG_VERSION"));
    let pretty = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    s.replace(&v, "\"version\":\"[version]\"")
        .replace(&pretty, "\"version\": \"[version]\"")
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("seeds_json", redacted(render(seeds())));
}

#[test]
fn snapshot_jsonl() {
    insta::assert_snapshot!("seeds_jsonl", redacted(render_lines(seeds())));
}

const HOSTILE: &str = "a\"b\\c\u{0}\u{1}\u{8}\u{1b}[31m</script><!--x-->\u{2028}\u{2029}\u{202e}evil\u{2066}\u{85}\u{7f}%0A::warning::]]>\r\n\tend & <b>é ع";

/// The seeds' run with hostile text in every string a source or rule can
/// put there, and the cases the seeds lack: non-finite numbers, open ends,
/// every status.
fn hostile_run() -> Run {
    let mut run = seeds().clone();
    run.sources[0].title = HOSTILE.into();
    run.rules[0].known_causes = vec![HOSTILE.into()];
    let n = run.findings.len();
    let mut conflicts = 0;
    for (i, f) in run.findings.iter_mut().enumerate() {
        f.title = HOSTILE.into();
        f.note = HOSTILE.into();
        if let Some((_, label)) = f.key.first_mut() {
            *label = HOSTILE.into();
        }
        for (_, facts) in &mut f.origins {
            for x in facts {
                x.quote.text = Some(HOSTILE.into());
                x.quote.value_range = (0, 1);
                if let FactValue::Category(c) = &mut x.value {
                    *c = HOSTILE.into();
                }
            }
        }
        if f.verdict.is_conflict() {
            conflicts += 1;
            f.status = match conflicts % 4 {
                0 => Status::Suppressed {
                    reason: HOSTILE.into(),
                    at: "crosscheck.toml:3:1".into(),
                    expires: Day::from_ymd(2030, 1, 31),
                },
                1 => Status::Changed {
                    was: vec![HOSTILE.into()],
                    reason: HOSTILE.into(),
                },
                2 => Status::Baselined {
                    reason: HOSTILE.into(),
                },
                _ => Status::New,
            };
        }
        if i == n - 1 {
            f.gap = Some(Gap::Ratio(f64::INFINITY));
            if let Some(c) = f.clusters.first_mut() {
                c.span = (f64::NEG_INFINITY, f64::NAN);
            }
            if let Some(c) = f.clusters.last_mut() {
                c.span = (1.0, f64::INFINITY);
            }
        }
    }
    run.findings[0].origins[0].1[0].value = FactValue::Num {
        point: None,
        lo: Some(2.0),
        hi: None,
        hedge: crosscheck::value::Hedge::Min,
        unit: Some(HOSTILE.into()),
    };
    run
}

#[test]
fn hostile_text_round_trips_and_is_escaped() {
    let run = hostile_run();
    let text = render(&run);
    let d: Value = serde_json::from_str(&text).unwrap();
    let errs = errors(&validator(), &d);
    assert!(errs.is_empty(), "{errs:#?}");

    assert_eq!(d["sources"][0]["title"], HOSTILE);
    assert_eq!(d["rules"][0]["known_causes"][0], HOSTILE);
    let mut seen = 0;
    for f in d["findings"].as_array().unwrap() {
        assert_eq!(f["title"], HOSTILE);
        assert_eq!(f["note"], HOSTILE);
        if f["key"].as_object().unwrap().is_empty() {
            assert_eq!(f["key_label"], "—");
        } else {
            assert!(f["key"].as_object().unwrap().values().any(|l| l == HOSTILE));
            assert!(f["key_label"].as_str().unwrap().starts_with(HOSTILE));
        }
        for o in f["origins"].as_array().unwrap() {
            for x in o["facts"].as_array().unwrap() {
                assert_eq!(x["quote"]["text"], HOSTILE);
                assert_eq!(x["value_text"], "a");
                seen += 1;
            }
        }
        if f["status"]["code"] != "open" && f["status"]["code"] != "new" {
            assert_eq!(f["status"]["reason"], HOSTILE);
        }
    }
    assert_eq!(
        seen,
        run.findings
            .iter()
            .map(|f| f.facts().count())
            .sum::<usize>()
    );
    let codes: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"]["code"].as_str().unwrap())
        .collect();
    for c in ["suppressed", "changed", "baselined", "new", "open"] {
        assert!(codes.contains(&c), "{c} not exercised: {codes:?}");
    }
    let sup = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"]["code"] == "suppressed")
        .unwrap();
    assert_eq!(sup["status"]["at"], "crosscheck.toml:3:1");
    assert_eq!(sup["status"]["expires"], "2030-01-31");
    let changed = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"]["code"] == "changed")
        .unwrap();
    assert_eq!(changed["status"]["was"], json!([HOSTILE]));

    // Open ends and non-finite numbers are null, never NaN or a string.
    let first = &d["findings"][0]["origins"][0]["facts"][0]["value"];
    assert_eq!(
        (&first["lo"], &first["hi"], &first["point"], &first["unit"]),
        (&json!(2.0), &Value::Null, &Value::Null, &json!(HOSTILE))
    );
    let last = d["findings"].as_array().unwrap().last().unwrap();
    assert_eq!(
        last["gap"],
        json!({"kind": "ratio", "value": null, "infinite": true})
    );
    let clusters = last["clusters"].as_array().unwrap();
    assert_eq!(
        clusters.len(),
        2,
        "the last finding is a two-sided conflict"
    );
    assert_eq!(clusters[0]["span"], Value::Null);
    assert_eq!(
        clusters[1]["span"],
        json!({"kind": "number", "lo": 1.0, "hi": null})
    );

    // Nothing a browser, a terminal or a bidi renderer would act on is
    // written raw.
    for bad in [
        "</script>",
        "<!--",
        "\u{2028}",
        "\u{2029}",
        "\u{202e}",
        "\u{2066}",
        "\u{85}",
        "\u{7f}",
        "\u{1b}",
        "\u{0}",
        "\r",
    ] {
        assert!(!text.contains(bad), "{bad:?} written raw");
    }
    assert!(text.contains(r"\u003c/script\u003e") && text.contains(r"\u202e"));

    // jsonl: one line per finding however many line breaks the text holds.
    let lines = render_lines(&run);
    assert_eq!(lines.lines().count(), run.findings.len() + 1);
    let line_schema = validator_of("jsonlLine");
    for l in lines.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(line_schema.is_valid(&v), "{l}");
    }
}

#[test]
fn an_empty_run_is_a_valid_report() {
    let mut run = seeds().clone();
    run.findings.clear();
    run.sources.clear();
    run.stale.clear();
    let d = doc(&run);
    assert_eq!(d["findings"], json!([]));
    assert!(validator().is_valid(&d), "{:#?}", errors(&validator(), &d));
    let lines = render_lines(&run);
    assert_eq!(lines.lines().count(), 1);
    let only: Value = serde_json::from_str(lines.trim_end()).unwrap();
    assert_eq!(only["type"], "summary");
}

#[test]
fn diagnostics_and_stale_baseline_entries() {
    let mut run = seeds().clone();
    run.baseline = Some("crosscheck-baseline.toml".into());
    run.diagnostics.push(
        crosscheck::diag::Diagnostic::warning(
            "source-changed",
            std::path::Path::new("seeds/001.txt"),
            HOSTILE,
        )
        .help("run the check again"),
    );
    run.stale.push(crosscheck::triage::Entry {
        rule: "trade.volume".into(),
        key: vec![
            ("pair".into(), "Israel–Kazakhstan".into()),
            ("period".into(), "2019".into()),
        ],
        grade: "major".into(),
        values: vec!["statistics of Israel: 1 USD".into()],
        reason: HOSTILE.into(),
        line: 7,
        at: 0,
    });
    let d = doc(&run);
    let errs = errors(&validator(), &d);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(d["baseline"], "crosscheck-baseline.toml");
    assert_eq!(
        d["diagnostics"],
        json!([{
            "severity": "warning",
            "code": "source-changed",
            "file": "seeds/001.txt",
            "line": null,
            "col": null,
            "message": HOSTILE,
            "help": "run the check again",
        }])
    );
    assert_eq!(
        d["stale_baseline"],
        json!([{
            "rule": "trade.volume",
            "key": {"pair": "Israel–Kazakhstan", "period": "2019"},
            "key_label": "Israel–Kazakhstan · 2019",
            "grade": "major",
            "values": ["statistics of Israel: 1 USD"],
            "reason": HOSTILE,
            "line": 7,
        }])
    );
}
