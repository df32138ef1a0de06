//! The binary, run as a user runs it: exit codes, output, reports, errors.

mod common;
use common::*;

#[test]
fn check_fails_on_the_seeds_and_shows_the_quotes() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("trade.volume"));
    assert!(
        out.contains("seeds/001_bae31eafe5fea3ea.txt:35:259 statistics of Israel: 79M USD"),
        "{out}"
    );
    assert!(out.contains("statistics of Kazakhstan: ≈80M USD"), "{out}");
    assert!(out.contains("«…ي كازاخستان، بلغت قيمة التجارة بين البلدين خلال نفس الفترة من عام 2025 نحو 80 مليون دولار، أي أكثر من ضعف الرقم الإسرائيلي.»"), "{out}");
    assert!(out.contains("37 facts · 24 findings · 8 conflicts (8 major) · 7 agree · 8 single source · 1 unresolved · 8 failing at major"), "{out}");
}

#[test]
fn threshold_changes_what_fails() {
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        "tests/fixtures/en/sources",
    ]);
    assert_eq!(o.status.code(), Some(0), "a discrepancy is below major");
    assert!(stdout(&o).contains("CONFLICT (discrepancy)"));
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        "tests/fixtures/en/sources",
        "--threshold",
        "discrepancy",
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn explicit_paths_work() {
    let o = run(&[
        "check",
        "tests/fixtures/en/rules/tourism.toml",
        "tests/fixtures/en/sources/b.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "Georgia (Tourism Administration): 5.9M [tests/fixtures/en/sources/b.txt:1:90]"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn report_writes_markdown_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.md");
    let o = run(&["report", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("## crosscheck: ❌ 8 conflicts fail the check"));
    assert!(
        md.contains("#### Trade volume between two countries — total · Israel–Kazakhstan · 2022")
    );
    assert!(md.contains("**79 مليونًا**"));
}

#[test]
fn committed_seed_reports_are_current() {
    // A folder as deep as reports/, so the HTML's links to the sources
    // (`../seeds/…`) are the committed report's.
    let dir = root().join(".report-check");
    std::fs::create_dir_all(&dir).unwrap();
    for ext in ["md", "html", "json"] {
        let out = dir.join(format!("seeds.{ext}"));
        let o = run(&["report", "--no-cache", "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let fresh = std::fs::read_to_string(&out).unwrap();
        let committed = std::fs::read_to_string(root().join(format!("reports/seeds.{ext}")))
            .unwrap_or_default();
        assert!(
            fresh == committed,
            "reports/seeds.{ext} is stale: run `cargo run --release -- report` and commit it"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn assert_input_error(fixture: &str, place: &str, code: &str) {
    let rules = format!("tests/fixtures/errors/{fixture}");
    let o = run(&[
        "check",
        "--rules",
        &rules,
        "--sources",
        "tests/fixtures/sources",
    ]);
    assert_eq!(o.status.code(), Some(2), "{fixture}: {}", stderr(&o));
    let err = stderr(&o);
    let want = format!("┌─ tests/fixtures/errors/{fixture}/rules.toml:{place}");
    assert!(err.contains(&want), "{fixture}: want `{want}` in\n{err}");
    assert!(err.contains(&format!("error[{code}]")), "{fixture}: {err}");
    assert!(err.contains('^'), "a caret excerpt: {err}");
    assert!(err.contains("help:"), "{err}");
    let o = run(&[
        "report",
        "--rules",
        &rules,
        "--sources",
        "tests/fixtures/sources",
    ]);
    assert_eq!(o.status.code(), Some(2), "report also refuses broken input");
}

#[test]
fn bad_toml_exits_2_with_place() {
    assert_input_error("bad-toml", "5:38", "toml-syntax");
}

#[test]
fn invalid_regex_exits_2_with_place() {
    assert_input_error("bad-regex", "7:4", "rule-invalid-regex");
}

#[test]
fn unknown_slot_exits_2_with_place() {
    assert_input_error("unknown-slot", "5:30", "rule-unknown-slot");
}

#[test]
fn duplicate_id_exits_2_with_place() {
    assert_input_error("duplicate-id", "8:6", "rule-duplicate-id");
}

#[test]
fn unknown_field_exits_2_with_place() {
    assert_input_error("unknown-field", "5:1", "toml-syntax");
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/errors/unknown-field",
        "--sources",
        "tests/fixtures/sources",
    ]);
    assert!(stderr(&o).contains("unknown field `tolerence`"));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["check", "--threshold", "huge"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check", "--sources", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/folder"), "{}", stderr(&o));
}

#[test]
fn a_source_without_manifest_entry_loads_with_unresolved_relatives() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("undated.txt"),
        "Geostat said international visitors reached 5.1 million last year.\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("unresolved"), "{out}");
    assert!(out.contains("undated.txt:1:"), "{out}");
}

#[test]
fn terminal_control_characters_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "According to Geostat\u{1b}[2J, international visitors in 2023 reached 7.1 million.\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        dir.path().to_str().unwrap(),
    ]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn values_prints_json_lines_with_the_documented_fields() {
    let o = run(&[
        "values",
        "--json",
        "--date",
        "2025-11-07",
        "سجل خلال الأشهر الثمانية الأولى من عام 2025 نحو 34 مليون دولار، أي أكثر من ضعف، العام الماضي",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0]["kind"], "period");
    assert_eq!(lines[0]["value"], serde_json::Value::Null);
    assert_eq!(
        (lines[0]["low"].as_str(), lines[0]["high"].as_str()),
        (Some("2025-01-01"), Some("2025-08-31"))
    );
    assert_eq!(lines[0]["grain"], "month");
    let money = &lines[1];
    assert_eq!(money["kind"], "money");
    assert_eq!(money["text"], "نحو 34 مليون دولار");
    assert_eq!(money["unit"], "USD");
    assert_eq!(money["hedge"], "approx");
    assert_eq!(money["value"], 34_000_000);
    assert_eq!(money["grammar"], "hedged");
    let tables: Vec<(&str, &str, &str)> = money["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["lang"].as_str().unwrap(),
                t["table"].as_str().unwrap(),
                t["entry"].as_str().unwrap(),
            )
        })
        .collect();
    for want in [
        ("ar", "hedges", "نحو"),
        ("ar", "scales", "مليون"),
        ("ar", "currencies", "دولار"),
    ] {
        assert!(tables.contains(&want), "{want:?} in {tables:?}");
    }
    assert!(
        lines
            .iter()
            .all(|l| l["grammar"].is_string() && l["tables"].is_array()),
        "{lines:?}"
    );
    assert_eq!(
        (money["low"].as_f64(), money["high"].as_f64()),
        (Some(30_600_000.0), Some(37_400_000.0))
    );
    let input =
        "سجل خلال الأشهر الثمانية الأولى من عام 2025 نحو 34 مليون دولار، أي أكثر من ضعف، العام الماضي";
    let (s, e) = (
        money["start"].as_u64().unwrap() as usize,
        money["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &input[s..e],
        "نحو 34 مليون دولار",
        "byte offsets into the input"
    );
    assert_eq!(
        (
            lines[2]["kind"].as_str(),
            lines[2]["hedge"].as_str(),
            lines[2]["high"].is_null()
        ),
        (Some("multiplier"), Some("min"), true)
    );
    assert_eq!(
        (
            lines[3]["kind"].as_str(),
            lines[3]["value"].as_str(),
            lines[3]["grain"].as_str()
        ),
        (Some("date"), Some("2024"), Some("year"))
    );
}

#[test]
fn values_reads_files_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ru.txt");
    std::fs::write(
        &f,
        "Товарооборот за январь–август 2025 года составил 5,8 млрд долларов.",
    )
    .unwrap();
    let o = run(&[
        "values",
        "--lang",
        "ru",
        "--json",
        "--file",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(r#""value":5800000000"#), "{out}");
    assert!(out.contains(r#""low":"2025-01-01""#), "{out}");
    let o = run(&["values", "last year"]);
    assert!(
        stdout(&o).contains("unresolved"),
        "no --date: relative dates are unresolved"
    );
    let o = run(&["values", "--date", "2025-13-01", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Control characters from every kind of input (a source's text and file
/// name, manifest ids, titles and publishers, rule titles and authority
/// names, a bad rule's excerpt, command-line names) reach neither standard
/// output nor standard error raw, in any command; they show escaped.
#[test]
fn no_raw_control_byte_reaches_the_terminal() {
    const ESC: &str = "\u{1b}[31m";
    const OSC: &str = "\u{1b}]8;;evil\u{7}";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (rules, src) = (d.join("rules"), d.join("src"));
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::create_dir_all(&src).unwrap();
    // TOML strings take controls only as escapes.
    let (te, to) = (r"\u001b[31m", r"\u001b]8;;http://evil\u0007");
    std::fs::write(
        rules.join("r.toml"),
        format!(
            "[[rule]]\nid = \"tourism.arrivals\"\ntitle = \"Arrivals {te}red{to}\"\nkind = \"count\"\nkey = [\"period\"]\npatterns = [\"(?:visitors|arrivals)[^.]{{0,80}}?{{count}}\"]\n\n[rule.attribution]\n\"Geo{te}stat\" = [\"Geostat\"]\n\"Board{to}\" = [\"Tourism Board\"]\n"
        ),
    )
    .unwrap();
    let evil_name = format!("a{ESC}x{OSC}y\u{8}.txt");
    std::fs::write(
        src.join(&evil_name),
        format!(
            "According to Geostat{ESC}{OSC}, visitors in 2023 reached 7.1 million.\r more\u{8}x\n"
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("b.txt"),
        "The Tourism Board said visitors in 2023 reached 9.3 million.\n",
    )
    .unwrap();
    std::fs::write(
        src.join("sources.toml"),
        format!("[[source]]\nfile = \"b.txt\"\nid = \"b{te}\"\ntitle = \"T{to}\"\npublisher = \"P{te}\"\n"),
    )
    .unwrap();
    // A source that cannot be read: its diagnostic names the file.
    std::fs::write(src.join(format!("bad{ESC}.txt")), b"\xff\xfe\x1b[31m").unwrap();
    let bad_rule = d.join("bad.toml");
    std::fs::write(
        &bad_rule,
        "[[rule]]\nid = \"x\"\ntitle = \"t\"\nkind = \"count\"\npatterns = [\"a\u{1b}[2Jb\r ( {count}\"]\n",
    )
    .unwrap();
    let (r, s) = (rules.to_str().unwrap(), src.to_str().unwrap());
    let report = d.join("r.md");
    let text = format!("Geostat{ESC} visitors in 2023 reached 7 million\u{8}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "--no-cache", "--rules", r, "--sources", s],
        vec![
            "report",
            "--no-cache",
            "--rules",
            r,
            "--sources",
            s,
            "-o",
            report.to_str().unwrap(),
        ],
        vec![
            "explain",
            "tourism.arrivals",
            "b",
            "--rules",
            r,
            "--sources",
            s,
        ],
        vec![
            "explain",
            "tourism.arrivals",
            &evil_name,
            "--rules",
            r,
            "--sources",
            s,
        ],
        vec![
            "explain",
            "tourism.arrivals",
            "--text",
            &text,
            "--rules",
            r,
            "--sources",
            s,
        ],
        vec!["explain", "no\u{1b}[31m", "b", "--rules", r, "--sources", s],
        vec!["rules", "list", "--rules", r],
        vec!["rules", "show", "tourism.arrivals", "--rules", r],
        vec!["values", &text],
        vec![
            "check",
            "--rules",
            bad_rule.to_str().unwrap(),
            "--sources",
            s,
        ],
    ];
    for args in runs {
        let o = run(&args);
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let raw: Vec<u8> = bytes
                .iter()
                .copied()
                .filter(|b| matches!(b, 0x1b | 0x07 | 0x0d | 0x08))
                .collect();
            assert!(
                raw.is_empty(),
                "{args:?}: raw {raw:x?} on {stream}:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            args[0] == "values" || all.contains(r"\u{1b}"),
            "{args:?} shows the escape: {all}"
        );
    }
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md}");
}

const EN_RULES: &str = "tests/fixtures/en/rules/tourism.toml";
const EN_SOURCES: &str = "tests/fixtures/en/sources";

#[test]
fn out_dash_is_standard_output_and_special_files_are_never_replaced() {
    let o = run(&["report", "--no-cache", EN_RULES, EN_SOURCES, "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("## crosscheck: "), "{md}");
    assert!(!md.contains("┌"), "the Markdown, not the table: {md}");
    let o = run(&["extract", "--no-cache", EN_RULES, EN_SOURCES, "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(r#"{"type":"header""#),
        "{}",
        stdout(&o)
    );

    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    std::fs::write(&real, "kept\n").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for (cmd, target, what) in [
        ("report", link.to_str().unwrap(), "a symbolic link"),
        ("extract", link.to_str().unwrap(), "a symbolic link"),
        ("report", "/dev/null", "a device"),
        ("extract", dir.path().to_str().unwrap(), "a folder"),
    ] {
        let o = run(&[cmd, "--no-cache", EN_RULES, EN_SOURCES, "-o", target]);
        assert_eq!(o.status.code(), Some(2), "{cmd} -o {target}");
        let err = stderr(&o);
        assert!(err.contains(&format!("will not replace {what}")), "{err}");
        assert!(err.contains("error[io]"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "kept\n");
    // Written whole into place, with nothing left beside it.
    let out = dir.path().join("facts.jsonl");
    let o = run(&[
        "extract",
        "--no-cache",
        EN_RULES,
        EN_SOURCES,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains(r#""type":"stats""#)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["facts.jsonl", "link.md", "real.md"]);
}

/// A reader that stops early (`crosscheck report | head -1`): the run ends
/// quietly with its own status, and `report` still writes its file.
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.md");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Trade reached $5 million in 2024. ".repeat(4000)).unwrap();
    for (args, want) in [
        (
            vec![
                "check",
                "--no-cache",
                EN_RULES,
                EN_SOURCES,
                "--threshold",
                "minor",
            ],
            1,
        ),
        (
            vec![
                "report",
                "--no-cache",
                EN_RULES,
                EN_SOURCES,
                "-o",
                file.to_str().unwrap(),
            ],
            0,
        ),
        (vec!["extract", "--no-cache", EN_RULES, EN_SOURCES], 0),
        (vec!["rules", "list"], 0),
        (vec!["values", "--file", big.to_str().unwrap()], 0),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the command has written anything.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(want), "{args:?}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked") && !err.contains("error"),
            "{args:?}: {err}"
        );
    }
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("## crosscheck: "));
}

#[test]
fn completions_and_the_manual_page_come_from_the_arguments() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for sub in ["check", "report", "explain", "rules", "values"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
    // The bash script parses.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crosscheck.bash");
    std::fs::write(&path, stdout(&run(&["completions", "bash"]))).unwrap();
    let n = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(n.status.success(), "{}", String::from_utf8_lossy(&n.stderr));
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH crosscheck 1"), "{page}");
    assert!(
        page.contains("Find where sources contradict each other"),
        "{page}"
    );
    assert!(page.contains("completions"), "{page}");
    assert_eq!(run(&["completions", "nosh"]).status.code(), Some(2));
    // A reader that stops early is no crash.
    let bin = env!("CARGO_BIN_EXE_crosscheck");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{bin}' completions bash | head -1 >/dev/null; '{bin}' man | head -1 >/dev/null"
        ))
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn init_makes_an_empty_folder_ready_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("project");
    let o = run(&["init", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "crosscheck.toml",
        "rules/example.toml",
        "sources/example.txt",
    ] {
        assert!(p.join(f).is_file(), "{f}");
    }
    // The installed binary works there: the example rule reads the example
    // source, and its examples pass.
    let o = run_in(&p, &["check", "--no-cache"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("total · Azerbaijan–Israel · 2022"),
        "{}",
        stdout(&o)
    );
    let o = run_in(&p, &["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // It never overwrites without --force.
    std::fs::write(p.join("rules/example.toml"), "# mine\n").unwrap();
    let o = run(&["init", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rules/example.toml"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(p.join("rules/example.toml")).unwrap(),
        "# mine\n"
    );
    let o = run(&["init", "--force", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(p.join("rules/example.toml"))
            .unwrap()
            .contains("trade.example")
    );
}
