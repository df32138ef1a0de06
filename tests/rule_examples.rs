//! Every bundled rule's examples must pass, and every rule must carry at
//! least one positive and one negative example.

use crosscheck::{Engine, examples, rules};

#[test]
fn bundled_rule_examples_pass() {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(
        diags.is_empty(),
        "{}",
        diags.iter().map(|d| d.render()).collect::<String>()
    );
    assert!(set.rules.len() >= 10, "only {} rules", set.rules.len());
    let engine = Engine::new(set.clone()).unwrap_or_else(|d| panic!("{d:?}"));
    let outcomes = examples::run_all(&engine);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| format!("{}:{} rule {}\n{}", o.file, o.line, o.rule, o.diff))
        .collect();
    println!("{} examples, {} failed", outcomes.len(), failed.len());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    for r in &set.rules {
        assert!(
            r.examples.iter().any(|e| e.value.is_some()),
            "{} has no positive example",
            r.id
        );
        assert!(
            r.examples.iter().any(|e| e.value.is_none()),
            "{} has no negative example",
            r.id
        );
    }
}

mod direction {
    //! The bundled trade rule keys each figure by its direction: exports are
    //! never compared with total trade, nor one side's exports with its
    //! imports (tests/fixtures/direction, in English, Arabic and Russian).

    use crosscheck::fact::key_label;
    use crosscheck::finding::Verdict;
    use crosscheck::{Engine, Options, Run, rules};

    fn run(dir: &str) -> Run {
        let mut diags = Vec::new();
        let set = rules::load(&["rules".into()], &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
        engine.run(&[dir.into()], &Options::default())
    }

    /// Key → the sources of its facts and its verdict, for the volume rule.
    fn groups(r: &Run) -> Vec<(String, Vec<String>, Verdict)> {
        r.findings
            .iter()
            .filter(|f| f.rule == "trade.volume")
            .map(|f| {
                let mut sources: Vec<String> = f.facts().map(|x| x.source.to_string()).collect();
                sources.sort();
                (key_label(&f.key), sources, f.verdict)
            })
            .collect()
    }

    #[test]
    fn exports_imports_and_total_trade_are_different_groups() {
        for (lang, kz_il) in [
            ("en", "a.txt c.txt"),
            ("ar", "a.txt c.txt e.txt"),
            ("ru", "a.txt c.txt"),
        ] {
            let r = run(&format!("tests/fixtures/direction/{lang}"));
            let g = groups(&r);
            let sources = |key: &str| {
                g.iter()
                    .find(|(k, _, _)| k == key)
                    .unwrap_or_else(|| panic!("{lang}: no group {key} in {g:?}"))
                    .1
                    .join(" ")
            };
            // Total trade stands alone: no export or import figure joins it.
            assert_eq!(
                sources("total · Israel–Kazakhstan · 2022"),
                "b.txt",
                "{lang}"
            );
            // Kazakhstan's exports to Israel and Israel's imports from
            // Kazakhstan are one flow, and agree.
            assert_eq!(
                sources("flow · Kazakhstan → Israel · 2022"),
                kz_il,
                "{lang}"
            );
            // Kazakhstan's imports are the other flow, never compared with
            // its exports.
            assert_eq!(
                sources("flow · Israel → Kazakhstan · 2022"),
                "d.txt",
                "{lang}"
            );
            assert_eq!(g.len(), 3, "{lang}: {g:?}");
            assert!(g.iter().all(|(_, _, v)| !v.is_conflict()), "{lang}: {g:?}");
        }
    }

    #[test]
    fn a_side_left_unnamed_is_its_own_group() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Kazakhstan and Israel trade more every year.\nExports reached $50 million in 2022.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Kazakhstan and Israel trade more every year.\nImports reached $30 million in 2022.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("c.txt"),
            "Kazakhstan and Israel trade more every year.\nBilateral trade reached $883 million in 2022.\n",
        )
        .unwrap();
        let r = run(dir.path().to_str().unwrap());
        let keys: Vec<String> = groups(&r).into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(
            keys,
            [
                "exports · Israel–Kazakhstan · 2022",
                "imports · Israel–Kazakhstan · 2022",
                "total · Israel–Kazakhstan · 2022"
            ]
        );
        assert!(r.findings.iter().all(|f| !f.verdict.is_conflict()));
    }

    #[test]
    fn a_share_of_imports_is_not_a_share_of_exports() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Kazakhstan supplies about 20% of Israel's oil imports.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Israel takes about 6% of Kazakhstan's oil exports.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("c.txt"),
            "ويصل نحو 6% من النفط الكازاخستاني المصدر إلى إسرائيل.\n",
        )
        .unwrap();
        let r = run(dir.path().to_str().unwrap());
        let oil: Vec<(String, usize, bool)> = r
            .findings
            .iter()
            .filter(|f| f.rule == "oil.share")
            .map(|f| {
                (
                    key_label(&f.key),
                    f.facts().count(),
                    f.verdict.is_conflict(),
                )
            })
            .collect();
        assert_eq!(
            oil,
            [
                ("of exports · Kazakhstan → Israel".to_string(), 2, false),
                ("of imports · Kazakhstan → Israel".to_string(), 1, false),
            ]
        );
    }
}

mod dimension_default {
    //! `default` in a dimension's table: the label of a figure whose context
    //! names none of its phrases.

    use std::path::Path;

    use crosscheck::fact::key_label;
    use crosscheck::{Engine, rules};

    const RULE: &str = r#"[[rule]]
id = "t"
title = "T"
kind = "money"
key = ["direction", "period"]
patterns = ["(?:reached|trade|exports)[^.]{0,60}?{money}"]

[rule.dimension.direction]
default = "total"
total = ["trade"]
exports = ["exports"]
"#;

    fn keys(rule: &str, text: &str) -> Vec<String> {
        let mut diags = Vec::new();
        let set = rules::from_str(Path::new("t.toml"), rule, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let engine = Engine::new(set).unwrap();
        engine
            .match_text("t", text, None)
            .iter()
            .map(|f| key_label(&f.key))
            .collect()
    }

    #[test]
    fn a_figure_with_no_phrase_takes_the_default() {
        assert_eq!(
            keys(RULE, "It reached $5 million in 2022."),
            ["total · 2022"]
        );
        assert_eq!(
            keys(RULE, "Exports reached $5 million in 2022."),
            ["exports · 2022"]
        );
        // Without a default the direction stays unspecified, and is not compared.
        let bare = RULE.replace("default = \"total\"\n", "");
        assert_eq!(
            keys(&bare, "It reached $5 million in 2022."),
            ["unspecified · 2022"]
        );
    }

    #[test]
    fn a_default_must_be_a_label() {
        let mut diags = Vec::new();
        let bad = RULE.replace("default = \"total\"", "default = \"totl\"");
        let set = rules::from_str(Path::new("t.toml"), &bad, &mut diags);
        assert!(set.rules.is_empty());
        let d = diags.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(d.code, "rule-invalid");
        assert!(
            d.message
                .contains("default `totl` is not a label of [rule.dimension.direction]"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.col), (9, 11), "{d:?}");
    }
}
