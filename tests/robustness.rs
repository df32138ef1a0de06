//! Untrusted input never panics the pipeline: pieces of the seeds cut at
//! arbitrary character boundaries and glued back in another order, with
//! control and bidi characters mixed in, go through match, compare and both
//! renderers.

use crosscheck::report::{markdown, table};
use crosscheck::source::{Source, SourceMeta};
use crosscheck::{Engine, Extraction, calendar::Day, rules};

#[test]
fn shuffled_seed_text_never_panics() {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    let text: String = std::fs::read_dir("seeds")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let extra = [
        '\u{1b}', '\u{202e}', '\u{200f}', '\u{0640}', '\u{064b}', '\u{a0}', '\n', '|', '<', '*',
    ];
    let engine = Engine::new(set).unwrap();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..40 {
        let mut s = String::new();
        for _ in 0..40 {
            let at = next(chars.len());
            let len = next(120);
            s.extend(chars[at..(at + len).min(chars.len())].iter());
            s.push(extra[next(extra.len())]);
        }
        let meta = SourceMeta {
            id: format!("r{round}"),
            title: "t".into(),
            publisher: "p".into(),
            author: None,
            date: if round % 2 == 0 {
                Day::parse_iso("2025-11-07")
            } else {
                None
            },
            date_inferred: false,
            date_source: None,
            language: "ar".into(),
        };
        let src = Source::new(meta, "x.txt".into(), s);
        let mut facts = engine.match_source(&src);
        for f in &mut facts {
            assert!(f.quote.load(&src.text), "{f:?}");
            assert!(f.quote.value_range.1 <= f.quote.text().len());
            let _ = f.quote.excerpt(80);
        }
        let report = engine.compare(
            Extraction {
                sources: vec![src.info()],
                facts,
                ..Extraction::default()
            },
            &Default::default(),
        );
        let mut out = Vec::new();
        table::render(
            &report,
            &crosscheck::report::Style {
                width: Some(100),
                ..Default::default()
            },
            &mut out,
        )
        .unwrap();
        assert!(
            !out.contains(&0x1b),
            "terminal output carries no escape character"
        );
        markdown::render(&report, &mut out).unwrap();
    }
}

/// A rule file as a hostile or careless author might write it.
fn rule(id: &str, kind: &str, patterns: &str, tables: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\ntitle = \"t\"\nkind = \"{kind}\"\npatterns = [{patterns}]\n{tables}\n"
    )
}

fn phrases(n: usize, width: usize) -> String {
    (0..n)
        .map(|i| format!("\"{:0>width$}\"", format!("phrase {i}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Huge lists and patterns are refused when the rules load, each with its
/// rule id and the place of the field, quickly and without building the
/// regexes; nothing of a refused rule is silently dropped.
#[test]
fn hostile_rules_are_refused_quickly_with_their_place() {
    let huge = phrases(200_000, 20);
    let wide = phrases(9_000, 56);
    let nested = format!("\"{}x{}{{count}}\"", "(".repeat(300), ")".repeat(300));
    let text = [
        rule(
            "huge.attribution",
            "count",
            "\"visitors[^.]{0,40}?{count}\"",
            &format!("[rule.attribution]\n\"Other\" = [{huge}]"),
        ),
        rule(
            "huge.categories",
            "category",
            "\"status[^.]{0,40}?{category}\"",
            &format!("[rule.categories]\n\"open\" = [{huge}]"),
        ),
        rule(
            "complex.pattern",
            "count",
            r#""visitors(?:\\w{100}){100}{count}""#,
            "",
        ),
        rule("nested.pattern", "count", &nested, ""),
        rule(
            "wide.aliases",
            "count",
            "\"{big}{big}{big}[^.]{0,40}?{count}\"",
            &format!("[rule.aliases]\n\"big\" = [{wide}]"),
        ),
        rule(
            "many.category.slots",
            "money",
            &format!("\"{{money}}status{}\"", "[^.]{0,3}{category}".repeat(200)),
            &format!("[rule.categories]\n\"open\" = [{}]", phrases(2_000, 40)),
        ),
        rule(
            "many.alias.patterns",
            "count",
            &vec!["\"{big}{big}[^.]{0,40}?{count}\""; 20].join(", "),
            &format!("[rule.aliases]\n\"big\" = [{}]", phrases(5_000, 50)),
        ),
        rule("fine", "count", "\"visitors[^.]{0,40}?{count}\"", ""),
    ]
    .join("\n");
    let started = std::time::Instant::now();
    let mut diags = Vec::new();
    let set = rules::from_str(std::path::Path::new("hostile.toml"), &text, &mut diags);
    let took = started.elapsed();
    // About half a second in a release build; the file is 9 MB of TOML.
    let bound = if cfg!(debug_assertions) { 15.0 } else { 3.0 };
    assert!(took.as_secs_f64() < bound, "refusing took {took:?}");
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["fine"], "{diags:#?}");
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    for (id, code, needle) in [
        ("huge.attribution", "rule-too-large", "\"Other\" = ["),
        ("huge.categories", "rule-too-large", "\"open\" = ["),
        ("complex.pattern", "rule-too-large", "\"visitors(?:"),
        ("nested.pattern", "rule-invalid-regex", "\"(((("),
        ("wide.aliases", "rule-too-large", "\"big\" = ["),
        ("many.category.slots", "rule-too-large", "\"{money}status"),
        ("many.alias.patterns", "rule-too-large", "\"{big}{big}[^"),
    ] {
        let line = line_of(needle);
        assert!(
            diags.iter().any(|d| d.code == code
                && d.line == line
                && d.message.contains(&format!("rule `{id}`"))),
            "{id}: want {code} at line {line} in {:#?}",
            diags
                .iter()
                .map(|d| (d.code, d.line, &d.message))
                .collect::<Vec<_>>()
        );
    }
    assert!(diags.iter().all(|d| d.is_error() && d.line > 0));
}
