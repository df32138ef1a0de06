//! The README's walkthrough, step by step, in a copy of the project: a new
//! source, a drafted rule, an edit, `rules test`, `explain`, and `check`
//! showing the new fact.

mod common;
use common::*;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn a_newcomer_adds_a_fact_from_a_new_source() {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path();
    copy_dir(&root().join("rules"), &proj.join("rules"));
    copy_dir(&root().join("seeds"), &proj.join("seeds"));
    // 1. the source
    std::fs::write(
        proj.join("seeds/005_wheat.txt"),
        "According to Kazakhstan's Bureau of National Statistics, wheat exports to Israel reached 42,000 tonnes in 2024.\n",
    )
    .unwrap();
    // 2. the draft
    let o = run_in(
        proj,
        &[
            "rules",
            "new",
            "--kind",
            "quantity",
            "--id",
            "wheat.kz-il",
            "--text",
            "wheat exports to Israel reached 42,000 tonnes in 2024",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // 3. the edit
    let draft = stdout(&o)
        .replace("TODO: what the quantity figure is", "Kazakh wheat exports to Israel (tonnes)")
        .replace(
            "# [rule.attribution]\n# \"Who stands behind it\" = [\"words that name them\"]",
            "[rule.attribution]\n\"Kazakhstan (national statistics)\" = [\"Bureau of National Statistics\"]",
        );
    assert!(
        draft.contains("[rule.attribution]\n\"Kazakhstan"),
        "{draft}"
    );
    std::fs::write(proj.join("rules/wheat.toml"), draft).unwrap();
    // 4. test, explain, check
    let o = run_in(proj, &["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("55 examples: 55 passed, 0 failed"),
        "{}",
        stdout(&o)
    );
    let o = run_in(proj, &["explain", "wheat.kz-il", "005_wheat"]);
    assert!(
        stdout(&o).contains(
            "FACT Kazakhstan (national statistics) · key exports · Kazakhstan · 2024 · 42000"
        ),
        "{}",
        stdout(&o)
    );
    let o = run_in(proj, &["check", "--width", "240"]);
    assert_eq!(o.status.code(), Some(1), "the seeds still conflict");
    let out = stdout(&o);
    assert!(out.contains("wheat.kz-il"), "{out}");
    assert!(
        has(
            &out,
            "Kazakhstan (national statistics): 42K t",
            "/005_wheat.txt:1:"
        ),
        "{out}"
    );
    assert!(out.contains("25 findings"), "{out}");
}

/// Whether one line of the output holds both the value and its place.
fn has(out: &str, value: &str, place: &str) -> bool {
    out.lines().any(|l| l.contains(value) && l.contains(place))
}
