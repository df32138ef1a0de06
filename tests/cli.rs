//! The binary, run as a user runs it: exit codes, output, reports, errors.

mod common;
use common::*;

#[test]
fn check_fails_on_the_seeds_and_shows_the_quotes() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("trade.il-kz.volume"));
    assert!(out.contains("[001 35:259] Israel (CBS): 79M USD"), "{out}");
    assert!(
        out.contains("Kazakhstan (national statistics): ≈80M USD"),
        "{out}"
    );
    assert!(out.contains("«…ي كازاخستان، بلغت قيمة التجارة بين البلدين خلال نفس الفترة من عام 2025 نحو 80 مليون دولار، أي أكثر من ضعف الرقم الإسرائيلي.»"), "{out}");
    assert!(out.contains("22 findings: 8 conflicts (8 major, 0 discrepancy, 0 minor), 7 agree, 7 single source, 0 unresolved; 8 at or above major"), "{out}");
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
        stdout(&o).contains("Georgia (Tourism Administration): 5.9M [b 1:90]"),
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
    assert!(md.starts_with("# crosscheck report"));
    assert!(md.contains("### Israel–Kazakhstan trade volume — 2022"));
    assert!(md.contains("**79 مليونًا**"));
}

#[test]
fn committed_seed_report_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seeds.md");
    let o = run(&["report", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let fresh = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(root().join("reports/seeds.md")).unwrap_or_default();
    assert!(
        fresh == committed,
        "reports/seeds.md is stale: run `cargo run --release -- report` and commit it"
    );
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
    let want = format!("tests/fixtures/errors/{fixture}/rules.toml:{place}: error[{code}]");
    assert!(err.contains(&want), "{fixture}: want `{want}` in\n{err}");
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
    assert!(out.contains("[undated 1:"), "{out}");
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
