//! Properties over generated input: random Unicode text through the engine
//! with the bundled rules, and random or mutated rule files through the
//! loader and the engine. Nothing panics, and every case ends within a
//! generous bound.
//!
//! The case count is small so `cargo test` stays fast; raise it with
//! `PROPTEST_CASES=2000 cargo test --release --test properties`.

use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use crosscheck::report::{self, Format, markdown, table};
use crosscheck::source::{Source, SourceMeta};
use crosscheck::{Engine, Extraction, calendar::Day, rules};
use proptest::prelude::*;

/// A case of either kind never takes longer than this (debug build, a
/// loaded machine: the point is "bounded", not "fast").
const BOUND: Duration = Duration::from_secs(10);

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Engine::new(set).expect("the bundled rules compile")
});

/// Words the grammars and the bundled rules react to, so random text
/// reaches the code past the prefilter, mixed with arbitrary characters.
const VOCAB: &[&str] = &[
    "التجارة",
    "مليون",
    "مليار",
    "دولار",
    "نحو",
    "عام",
    "2025",
    "٣٤",
    "الأشهر الثمانية الأولى",
    "trade",
    "million",
    "$",
    "USD",
    "percent",
    "%",
    "about",
    "2022",
    "January–August",
    "visitors",
    "Geostat",
    "Kazakhstan",
    "Israel",
    "товарооборот",
    "млрд",
    "₪",
    "מיליון",
    "نفس الفترة",
    "last year",
    "the same period",
    "twice",
    "1.5",
    ",",
    ".",
    "\n",
    "\u{1b}[31m",
    "\u{202e}",
    "|",
    "<",
    "*",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(VOCAB).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[0-9٠-٩.,٫ ]{1,8}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

fn source(text: String) -> Source {
    let meta = SourceMeta::bare("p", Day::parse_iso("2025-11-07"));
    Source::new(meta, "p.txt".into(), text)
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn random_text_through_the_engine(text in text()) {
        let started = Instant::now();
        let src = source(text);
        let mut facts = ENGINE.match_source(&src);
        for f in &mut facts {
            prop_assert!(f.quote.load(&src.text));
            prop_assert!(f.quote.value_range.1 <= f.quote.text().len());
        }
        let run = ENGINE.compare(Extraction {
            sources: vec![src.info()],
            facts,
            ..Extraction::default()
        }, &Default::default());
        let mut out = Vec::new();
        table::render(&run, &crosscheck::report::Style { width: Some(100), ..Default::default() }, &mut out).unwrap();
        prop_assert!(!out.contains(&0x1b));
        markdown::render(&run, &mut out).unwrap();
        // Every other format renders too; the JSON ones parse back.
        for (_, format) in Format::ALL {
            let mut out = Vec::new();
            report::render(&run, *format, &Default::default(), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            match format {
                Format::Json | Format::Sarif | Format::Gitlab => {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
                }
                Format::Html => prop_assert!(!text.contains("<script")),
                _ => {}
            }
        }
        prop_assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    }
}

/// The bundled rule files, parsed.
static BUNDLED: LazyLock<Vec<toml::Table>> = LazyLock::new(|| {
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| toml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
});

const FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "unit",
    "key",
    "tolerance",
    "approx",
    "grades",
    "patterns",
    "attribution",
    "aliases",
    "dimension",
    "categories",
    "ratio",
    "adjust",
    "known_causes",
    "example",
    "bogus",
];

/// Regex-like text: the characters regex syntax is made of, and slots.
fn regex_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => r"[a-zا-ي()\[\]{}|*+?.\\^$0-9,:<>=!\-wsdpLN ]{1,6}",
        1 => proptest::sample::select(&["{money}", "{count}", "{year}", "{date}", "{percent}",
            "{category}", "{nope}", "{0,80}?", "[^.]", "(?:", "\\p{L}", "\\w{100}", "(?i)", "\\b"][..])
            .prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn value() -> impl Strategy<Value = toml::Value> {
    use toml::Value;
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::String),
        regex_text().prop_map(Value::String),
        proptest::sample::select(
            &["money", "count", "category", "date", "10%", "31d", "x", ""][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
        any::<i64>().prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Table(m.into_iter().collect())),
            // A phrase list, now and then a huge one, past the limits.
            prop_oneof![9 => 0usize..40, 1 => 10_001usize..20_000].prop_map(|n| {
                Value::Array((0..n).map(|i| Value::String(format!("p{i}"))).collect())
            }),
        ]
    })
}

/// A mutation of one field of one bundled rule.
#[derive(Debug, Clone)]
struct Mutation {
    file: usize,
    rule: usize,
    field: &'static str,
    value: Option<toml::Value>,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        any::<usize>(),
        any::<usize>(),
        proptest::sample::select(FIELDS),
        proptest::option::weighted(0.9, value()),
    )
        .prop_map(|(file, rule, field, value)| Mutation {
            file,
            rule,
            field,
            value,
        })
}

/// Loads a rule file's text and, when it loads cleanly, builds an engine and
/// reads a sentence with every rule.
fn load_and_run(text: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let mut diags = Vec::new();
    let set = rules::from_str(Path::new("p.toml"), text, &mut diags);
    for d in &diags {
        let _ = d.render();
        prop_assert!(!d.code.is_empty());
    }
    if !diags.iter().any(|d| d.is_error()) {
        let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        match Engine::new(set) {
            Ok(engine) => {
                for id in ids {
                    let _ = engine.match_text(
                        &id,
                        "Trade reached $5 million in 2024, about 3% of the total.",
                        None,
                    );
                }
            }
            Err(e) => prop_assert!(
                e.iter().all(|d| d.code == "rule-too-large"),
                "validated rules fail to compile: {e:?}"
            ),
        }
    }
    prop_assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    Ok(())
}

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn mutated_bundled_rules_load_or_say_why(muts in proptest::collection::vec(mutation(), 1..4)) {
        let mut files = BUNDLED.clone();
        for m in &muts {
            let n = files.len();
            let file = &mut files[m.file % n];
            let Some(toml::Value::Array(rules)) = file.get_mut("rule") else { continue };
            let n = rules.len();
            let Some(toml::Value::Table(rule)) = rules.get_mut(m.rule % n) else { continue };
            match &m.value {
                Some(v) => rule.insert(m.field.to_string(), v.clone()),
                None => rule.remove(m.field),
            };
        }
        // The mutated files only: the others load as they always do.
        let mut touched: Vec<usize> = muts.iter().map(|m| m.file % files.len()).collect();
        touched.sort_unstable();
        touched.dedup();
        for i in touched {
            let text = toml::to_string(&files[i]).unwrap();
            load_and_run(&text)?;
        }
    }

    #[test]
    fn random_patterns_load_or_say_why(
        patterns in proptest::collection::vec(regex_text(), 1..4),
        kind in proptest::sample::select(&["money", "count", "percent", "date", "category"][..]),
    ) {
        let list: Vec<String> = patterns
            .iter()
            .map(|p| toml::Value::String(p.clone()).to_string())
            .collect();
        let text = format!(
            "[[rule]]\nid = \"r\"\ntitle = \"t\"\nkind = \"{kind}\"\npatterns = [{}]\n\n[rule.categories]\n\"a\" = [\"alpha\"]\n",
            list.join(", ")
        );
        load_and_run(&text)?;
    }

    #[test]
    fn random_text_as_a_rule_file(text in any::<String>()) {
        load_and_run(&text)?;
    }
}
