//! Comparison that neither misses nor invents conflicts, on sources the
//! rules were not written for: one authority quoted with two figures, a
//! member that cannot be resolved beside members that can, a period or an
//! authority named sentences before the figure, tables read cell by cell,
//! and dates graded by what they are about. Each case in Arabic, English
//! and Russian, through the engine as `check` runs it.

use std::path::PathBuf;

use crosscheck::engine::{Engine, Options};
use crosscheck::finding::{Finding, Grade, Verdict};
use crosscheck::run::Run;

const TRADE: &str = r#"
[[rule]]
id = "trade"
title = "Trade volume"
kind = "money"
unit = "USD"
key = ["period"]
tolerance = "5%"
patterns = [
  "(?:trade|turnover)[^.]{0,120}?{money}",
  "(?:It|it) reached {money}",
  "(?:التجارة|التبادل التجاري|حجم التبادل)[^.]{0,120}?{money}",
  "(?:товарооборот|торговл)[^.]{0,120}?{money}",
]

[rule.attribution]
"Bureau A" = ["the Bureau of Statistics", "the bureau", "هيئة الإحصاء", "Бюро статистики"]
"Ministry B" = ["the Trade Ministry", "the ministry", "وزارة التجارة", "Министерство торговли"]
"#;

const DATES: &str = r#"
[[rule]]
id = "relations"
title = "Year relations were established"
kind = "date"
patterns = [
  "(?:relations|ties)[^.]{0,60}?(?:established|set up)[^.]{0,30}?{date}",
  "(?:العلاقات)[^.]{0,60}?(?:أقيمت|تأسست)[^.]{0,30}?{date}",
  "(?:отношения)[^.]{0,60}?(?:установлены|установили)[^.]{0,30}?{date}",
]
"#;

/// Writes the rules and sources (file name, date or "", text) to a folder
/// and runs the engine over it as `check` does.
fn run(rules: &str, sources: &[(&str, &str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let rules_path = dir.path().join("rules.toml");
    std::fs::write(&rules_path, rules).unwrap();
    let src = dir.path().join("sources");
    std::fs::create_dir(&src).unwrap();
    let mut manifest = String::new();
    for (name, date, text) in sources {
        std::fs::write(src.join(name), text).unwrap();
        let id = name.rsplit_once('.').map_or(*name, |(s, _)| s);
        manifest.push_str(&format!("[[source]]\nfile = \"{name}\"\nid = \"{id}\"\n"));
        if !date.is_empty() {
            manifest.push_str(&format!("date = \"{date}\"\n"));
        }
    }
    std::fs::write(src.join("sources.toml"), manifest).unwrap();
    let mut diags = Vec::new();
    let set = crosscheck::rules::load(&[rules_path], &mut diags);
    assert!(
        diags
            .iter()
            .all(|d| d.severity != crosscheck::diag::Severity::Error),
        "{diags:?}"
    );
    let engine = Engine::new(set).unwrap();
    let mut run = engine.run(&[PathBuf::from(&src)], &Options::default());
    run.load_quotes(false);
    run
}

/// Each finding as "rule key: verdict".
fn verdicts(run: &Run) -> Vec<String> {
    run.findings
        .iter()
        .map(|f| {
            let key: Vec<&str> = f.key.iter().map(|(_, v)| v.as_str()).collect();
            format!("{} {}: {}", f.rule, key.join("/"), f.verdict.code())
        })
        .collect()
}

fn finding<'a>(run: &'a Run, key: &str) -> &'a Finding {
    run.findings
        .iter()
        .find(|f| f.key.iter().any(|(_, v)| v == key))
        .unwrap_or_else(|| panic!("no finding for {key}: {:?}", verdicts(run)))
}

#[test]
fn one_authority_quoted_with_two_figures_is_a_conflict() {
    let cases = [
        (
            "The Bureau of Statistics said trade reached $34 million in 2022.",
            "Trade reached $80 million in 2022, according to the Bureau of Statistics.",
        ),
        (
            "قالت هيئة الإحصاء إن التجارة بلغت 34 مليون دولار في عام 2022.",
            "بلغت التجارة 80 مليون دولار في عام 2022 بحسب هيئة الإحصاء.",
        ),
        (
            "По данным Бюро статистики, товарооборот в 2022 году составил 34 млн долларов.",
            "Товарооборот в 2022 году составил 80 млн долларов, сообщает Бюро статистики.",
        ),
    ];
    for (a, b) in cases {
        let run = run(TRADE, &[("a.txt", "", a), ("b.txt", "", b)]);
        let f = finding(&run, "2022");
        assert_eq!(f.verdict, Verdict::Conflict(Grade::Major), "{a}");
        assert!(
            f.note
                .contains("the same authority (Bureau A) is quoted with 34M USD and 80M USD"),
            "{}",
            f.note
        );
    }
}

#[test]
fn a_source_that_disagrees_with_itself_is_a_conflict() {
    let text = "Trade reached $34 million in 2022, officials said. \
                Later in the report, trade in 2022 is put at $80 million.";
    let run = run(TRADE, &[("a.txt", "", text)]);
    let f = finding(&run, "2022");
    assert_eq!(f.verdict, Verdict::Conflict(Grade::Major));
    assert!(f.note.contains("source a is quoted with"), "{}", f.note);
}

#[test]
fn figures_that_agree_within_one_source_stay_single_source() {
    let text = "Trade reached $34 million in 2022. Trade in 2022 was about $34 million.";
    let run = run(TRADE, &[("a.txt", "", text)]);
    assert_eq!(finding(&run, "2022").verdict, Verdict::SingleSource);
}

#[test]
fn an_unresolved_member_does_not_hide_a_conflict() {
    // c has no date, so "last year" cannot be placed; a and b still disagree.
    let run = run(
        DATES,
        &[
            (
                "a.txt",
                "2025-01-10",
                "Diplomatic relations were established in 1992.",
            ),
            (
                "b.txt",
                "2025-01-10",
                "Diplomatic relations were established in 1995.",
            ),
            (
                "c.txt",
                "",
                "Diplomatic relations were established last year.",
            ),
        ],
    );
    let f = &run.findings[0];
    assert!(f.verdict.is_conflict(), "{:?}", verdicts(&run));
    assert!(f.note.contains("1 unresolved"), "{}", f.note);
    // The unresolved member is still shown.
    assert_eq!(f.facts().count(), 3);
}

#[test]
fn different_years_of_a_one_time_event_are_a_major_conflict() {
    let cases = [
        (
            "Diplomatic relations were established in 1992.",
            "Diplomatic relations were established in 1993.",
        ),
        (
            "أقيمت العلاقات الدبلوماسية بين البلدين عام 1992. العلاقات أقيمت عام 1992.",
            "العلاقات الدبلوماسية أقيمت عام 1993.",
        ),
        (
            "Дипломатические отношения установлены в 1992 году.",
            "Дипломатические отношения установлены в 1993 году.",
        ),
    ];
    for (a, b) in cases {
        let run = run(DATES, &[("a.txt", "", a), ("b.txt", "", b)]);
        assert_eq!(verdicts(&run), ["relations : conflict-major"], "{a} / {b}");
    }
}

#[test]
fn the_period_can_be_named_sentences_before_the_figure() {
    let cases = [
        (
            "In 2023, trade grew quickly. It reached $120 million, officials said.",
            "Trade reached $200 million in 2023.",
        ),
        (
            "في عام 2023 نمت التجارة بسرعة. وبلغ حجم التبادل 120 مليون دولار بحسب مسؤولين.",
            "بلغ حجم التبادل 200 مليون دولار في عام 2023.",
        ),
        (
            "В 2023 году торговля быстро росла. Товарооборот составил 120 млн долларов.",
            "Товарооборот в 2023 году составил 200 млн долларов.",
        ),
    ];
    for (a, b) in cases {
        let run = run(
            TRADE,
            &[("a.txt", "2025-03-01", a), ("b.txt", "2025-03-01", b)],
        );
        let f = finding(&run, "2023");
        assert!(f.verdict.is_conflict(), "{a}: {:?}", verdicts(&run));
        assert_eq!(f.facts().count(), 2);
    }
}

#[test]
fn a_period_in_an_earlier_paragraph_is_not_carried_over() {
    let a = "In 2023, trade grew quickly.\n\nThe ministry is new. Trade reached $120 million, officials said.";
    let run = run(TRADE, &[("a.txt", "2025-03-01", a)]);
    assert_eq!(verdicts(&run), ["trade unspecified: unresolved"]);
}

#[test]
fn the_authority_can_be_named_sentences_before_the_figure() {
    let cases = [
        "The Bureau of Statistics published its annual report on Monday. \
         It covers every partner. Trade reached $120 million in 2023.",
        "نشرت هيئة الإحصاء تقريرها السنوي يوم الاثنين. ويغطي التقرير جميع الشركاء. وبلغ حجم التبادل 120 مليون دولار في عام 2023.",
        "Бюро статистики опубликовало годовой отчет. Он охватывает всех партнеров. Товарооборот в 2023 году составил 120 млн долларов.",
    ];
    for a in cases {
        let b = "The Trade Ministry said trade reached $200 million in 2023.";
        let run = run(TRADE, &[("a.txt", "", a), ("b.txt", "", b)]);
        let f = finding(&run, "2023");
        let origins: Vec<String> = f.origins.iter().map(|(o, _)| o.to_string()).collect();
        assert_eq!(origins, ["Bureau A", "Ministry B"], "{a}");
        assert!(f.verdict.is_conflict());
    }
}

#[test]
fn a_table_is_read_cell_by_cell_keyed_by_row_and_column() {
    // Year × origin, the way statistics are published, in three languages.
    let tables = [
        "Trade between the two countries, USD million\n\n\
         | Year | the Bureau of Statistics | the Trade Ministry |\n\
         |------|-----:|-----:|\n\
         | 2021 | 50 | 51 |\n\
         | 2022 | 79 | 883 |\n",
        "حجم التبادل التجاري بين البلدين (مليون دولار)\n\n\
         | السنة | هيئة الإحصاء | وزارة التجارة |\n\
         |---|---|---|\n\
         | 2021 | 50 | 51 |\n\
         | 2022 | 79 | 883 |\n",
        "Товарооборот двух стран, млн долл.\n\n\
         | Год | Бюро статистики | Министерство торговли |\n\
         |---|---|---|\n\
         | 2021 | 50 | 51 |\n\
         | 2022 | 79 | 883 |\n",
    ];
    for t in tables {
        let run = run(TRADE, &[("t.md", "", t)]);
        assert_eq!(
            verdicts(&run),
            ["trade 2021: agree", "trade 2022: conflict-major"],
            "{t}"
        );
        let f = finding(&run, "2022");
        let values: Vec<(String, String, usize)> = f
            .facts()
            .map(|x| (x.origin.to_string(), x.value.display(false), x.quote.line))
            .collect();
        assert_eq!(
            values,
            [
                ("Bureau A".to_string(), "79M USD".to_string(), 6),
                ("Ministry B".to_string(), "883M USD".to_string(), 6)
            ],
            "{t}"
        );
    }
}

#[test]
fn a_table_of_origin_by_year_meets_prose() {
    let table = "Bilateral trade (USD million)\n\n\
                 | Source | 2021 | 2022 |\n\
                 |---|---|---|\n\
                 | the Bureau of Statistics | 50 | 79 |\n";
    let prose = "The Trade Ministry said trade reached $883 million in 2022.";
    let run = run(TRADE, &[("t.md", "", table), ("p.txt", "", prose)]);
    assert_eq!(
        verdicts(&run),
        ["trade 2021: single-source", "trade 2022: conflict-major"]
    );
}

#[test]
fn an_html_table_is_read_row_by_row_and_quoted_at_its_cells() {
    let page = r#"<!doctype html>
<html><head><title>Trade</title>
<script>var x = "trade reached $999 million in 2022";</script></head>
<body><nav>Home | News | Sport</nav>
<article><h1>Bilateral trade</h1>
<p>Trade between the two countries (USD million):</p>
<table>
<tr><th>Year</th><th>the Bureau of Statistics</th><th>the Trade Ministry</th></tr>
<tr><td>2021</td><td>50</td><td>51</td></tr>
<tr>
  <td>2022</td>
  <td>79</td>
  <td>883</td>
</tr>
</table>
</article></body></html>
"#;
    let run = run(TRADE, &[("page.html", "", page)]);
    assert_eq!(
        verdicts(&run),
        ["trade 2021: agree", "trade 2022: conflict-major"]
    );
    let at: Vec<(String, usize, usize)> = finding(&run, "2022")
        .facts()
        .map(|f| (f.value.display(false), f.quote.line, f.quote.col))
        .collect();
    assert_eq!(
        at,
        [
            ("79M USD".to_string(), 12, 7),
            ("883M USD".to_string(), 13, 7)
        ]
    );
}
