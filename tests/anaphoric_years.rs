//! A figure keyed by "a year earlier" takes the year before the one its
//! source named, not the year before the source's date: read through the
//! whole engine, as the matcher feeds the sentences before a figure.

use crosscheck::fact::key_label;
use crosscheck::{Engine, Options, rules};

const RULE: &str = r#"
[[rule]]
id = "trade.volume"
title = "Trade volume"
kind = "money"
key = ["period"]
tolerance = "2%"
patterns = ["(?:trade|товарооборот|التجارة)[^.]{0,80}?{money}"]
"#;

const SOURCES: &str = r#"
[[source]]
file = "a.txt"
id = "a"
title = "A"
publisher = "A"
date = "2025-11-06"
language = "en"

[[source]]
file = "b.txt"
id = "b"
title = "B"
publisher = "B"
date = "2025-11-06"
language = "en"
"#;

/// The keys of every finding's facts, by source.
fn keys(a: &str, b: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let rules_dir = dir.path().join("rules");
    let src = dir.path().join("sources");
    std::fs::create_dir_all(&rules_dir).unwrap();
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(rules_dir.join("trade.toml"), RULE).unwrap();
    std::fs::write(src.join("sources.toml"), SOURCES).unwrap();
    std::fs::write(src.join("a.txt"), a).unwrap();
    std::fs::write(src.join("b.txt"), b).unwrap();
    let mut diags = Vec::new();
    let set = rules::load(&[rules_dir], &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
    let run = engine.run(&[src], &Options::default());
    let mut out: Vec<(String, String)> = run
        .findings
        .iter()
        .flat_map(|f| f.facts().map(|x| (x.source.to_string(), key_label(&x.key))))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn a_year_earlier_counts_from_the_year_named_before() {
    let cases = [
        (
            "In 2023, trade reached $120 million. A year earlier, trade stood at $90 million.",
            "In 2022, trade stood at $150 million.",
        ),
        (
            "في عام 2023 بلغ حجم التجارة 120 مليون دولار. وفي العام السابق بلغ حجم التجارة 90 مليون دولار.",
            "في عام 2022 بلغ حجم التجارة 150 مليون دولار.",
        ),
        (
            "В 2023 году товарооборот составил 120 млн долларов. Годом ранее товарооборот составил 90 млн долларов.",
            "В 2022 году товарооборот составил 150 млн долларов.",
        ),
    ];
    for (a, b) in cases {
        let got = keys(a, b);
        assert!(
            got.contains(&("a".into(), "2022".into()))
                && got.contains(&("b".into(), "2022".into())),
            "{a}\n{got:?}"
        );
        assert!(!got.iter().any(|(_, k)| k == "2024"), "{a}\n{got:?}");
    }
}
