//! The acceptance checks on the bundled corpus: the report built from
//! rules/ and seeds/, asserted finding by finding.

use crosscheck::fact::{FactValue, Origin, key_label};
use crosscheck::finding::{Finding, Gap, Grade, Verdict};
use crosscheck::{Engine, Options, Run, rules};

fn report() -> &'static Run {
    static REPORT: std::sync::OnceLock<Run> = std::sync::OnceLock::new();
    REPORT.get_or_init(build)
}

fn build() -> Run {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
    let mut run = engine.run(&["seeds".into()], &Options::default());
    run.load_quotes(false);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    run
}

fn find<'a>(r: &'a Run, rule: &str, key: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.rule == rule && key_label(&f.key) == key)
        .unwrap_or_else(|| panic!("no finding {rule} / {key}"))
}

/// (origin, point, hedge) of each fact.
fn points(f: &Finding) -> Vec<(String, f64, String)> {
    f.facts()
        .map(|x| match &x.value {
            FactValue::Num {
                point: Some(p),
                hedge,
                ..
            } => (x.origin.to_string(), *p, hedge.name().to_string()),
            v => panic!("{v:?}"),
        })
        .collect()
}

fn labels(f: &Finding) -> Vec<(String, String)> {
    f.facts()
        .map(|x| (x.source.to_string(), x.value.canonical()))
        .collect()
}

#[test]
fn trade_conflicts_by_period() {
    let r = report();
    let jan_aug = find(
        r,
        "trade.volume",
        "total · Israel–Kazakhstan · 2025-01..2025-08",
    );
    assert_eq!(jan_aug.verdict, Verdict::Conflict(Grade::Major));
    assert_eq!(
        points(jan_aug),
        [
            (
                "statistics of Israel".to_string(),
                34e6,
                "approx".to_string()
            ),
            (
                "statistics of Kazakhstan".to_string(),
                80e6,
                "approx".to_string()
            )
        ]
    );
    let Some(Gap::Ratio(g)) = jan_aug.gap else {
        panic!()
    };
    assert!((g - 72.0 / 37.4).abs() < 1e-6, "{g}");

    let y2022 = find(r, "trade.volume", "total · Israel–Kazakhstan · 2022");
    assert_eq!(y2022.verdict, Verdict::Conflict(Grade::Major));
    assert_eq!(
        points(y2022),
        [
            ("statistics of Israel".to_string(), 79e6, "none".to_string()),
            (
                "statistics of Kazakhstan".to_string(),
                883e6,
                "none".to_string()
            )
        ]
    );
    // The quote is the sentence that says it, at the value's line and column.
    let il = y2022
        .facts()
        .find(|f| f.origin == Origin::Authority("statistics of Israel".into()))
        .unwrap();
    assert_eq!(il.quote.value_text(), "79 مليونًا");
    assert!(
        il.quote
            .text()
            .contains("مقابل 79 مليونًا فقط في الإحصاءات الإسرائيلية")
    );
    assert_eq!((&*il.source, il.quote.line), ("001", 35));

    let y2020 = find(r, "trade.volume", "total · Israel–Kazakhstan · 2020");
    assert_eq!(y2020.verdict, Verdict::SingleSource);
    assert_eq!(points(y2020)[0].1, 123e6);
}

#[test]
fn stated_multipliers_are_evidence() {
    let r = report();
    for (year, factor, words) in [
        ("2020", 3.0, "ثلاثة أضعاف"),
        ("2021", 8.0, "ثمانية أضعاف"),
        ("2023", 6.0, "ستة أضعاف"),
        ("2024", 4.0, "أربعة أضعاف"),
    ] {
        let f = find(
            r,
            "trade.ratio",
            &format!("total · Israel–Kazakhstan · {year}"),
        );
        assert_eq!(f.verdict, Verdict::Conflict(Grade::Major), "{year}");
        assert_eq!(points(f)[0].1, factor, "{year}");
        let fact = f.facts().next().unwrap();
        assert_eq!(fact.quote.value_text(), words, "{year}");
        assert!(f.note.starts_with("stated:"), "{year}: {}", f.note);
    }
    // 2020 has Israel's figure: the claim implies Kazakhstan's.
    assert!(
        find(r, "trade.ratio", "total · Israel–Kazakhstan · 2020")
            .note
            .contains("statistics of Israel states 123M USD, which puts the other side at ≈369M USD if it is the larger")
    );
}

#[test]
fn multipliers_checked_against_the_figures() {
    let r = report();
    let eleven = find(r, "trade.ratio", "total · Israel–Kazakhstan · 2022");
    assert_eq!(eleven.verdict, Verdict::Agree, "{}", eleven.note);
    assert_eq!(
        eleven.facts().next().unwrap().quote.value_text(),
        "أحد عشر ضعفًا"
    );
    assert!(eleven.note.contains("11.18×"), "{}", eleven.note);
    let twice = find(
        r,
        "trade.ratio",
        "total · Israel–Kazakhstan · 2025-01..2025-08",
    );
    assert_eq!(twice.verdict, Verdict::Agree, "{}", twice.note);
    assert_eq!(
        points(twice)[0],
        ("source 001".to_string(), 2.0, "min".to_string())
    );
}

#[test]
fn beit_alfa_deal() {
    let r = report();
    let year = find(r, "defense.beit-alfa.year", "—");
    assert_eq!(year.verdict, Verdict::Conflict(Grade::Major));
    assert_eq!(
        labels(year),
        [
            ("001".into(), "2012-07-02..2018-07-01".into()),
            ("004".into(), "2006".into())
        ]
    );
    let count = find(r, "defense.beit-alfa.units", "—");
    assert_eq!(count.verdict, Verdict::Agree);
    assert_eq!(
        labels(count),
        [("001".into(), "17".into()), ("004".into(), "17".into())]
    );
    let kind = find(r, "defense.beit-alfa.vehicle-kind", "—");
    assert_eq!(kind.verdict, Verdict::Conflict(Grade::Major));
    assert_eq!(
        labels(kind),
        [
            ("001".into(), "riot-control vehicles".into()),
            ("004".into(), "mine-clearing machines".into())
        ]
    );
}

#[test]
fn agreements_are_reported_as_agreements() {
    let r = report();
    let rel = find(r, "diplomacy.relations-established", "Israel–Kazakhstan");
    assert_eq!(rel.verdict, Verdict::Agree);
    let l = labels(rel);
    assert!(l.contains(&("000".into(), "1992".into())), "{l:?}");
    assert!(l.contains(&("001".into(), "1992-04".into())), "{l:?}");
    assert!(l.contains(&("003".into(), "..1995-11-07".into())), "{l:?}");
    let joined = find(r, "diplomacy.abraham-accords-joined", "Kazakhstan");
    assert_eq!(joined.verdict, Verdict::Agree);
    assert_eq!(
        labels(joined),
        [
            ("001".into(), "2025-11-06".into()),
            ("003".into(), "2025-11-06".into())
        ]
    );
    let plant = find(r, "defense.elbit-drone-plant.opened", "—");
    assert_eq!(plant.verdict, Verdict::Agree);
    assert_eq!(
        labels(plant),
        [
            ("001".into(), "2021-05".into()),
            ("004".into(), "2021-05".into())
        ]
    );
    let independence = find(r, "history.independence", "Kazakhstan");
    assert_eq!(independence.verdict, Verdict::Agree);
}

#[test]
fn tourism_directions_are_never_compared() {
    let r = report();
    let tourism: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "tourism.visitors")
        .collect();
    assert!(tourism.iter().all(|f| !f.verdict.is_conflict()));
    let kz_il = find(r, "tourism.visitors", "Kazakhstan → Israel · 2024");
    assert_eq!(
        points(kz_il),
        [(
            "tourism ministry of Israel".to_string(),
            1200.0,
            "max".to_string()
        )]
    );
    let il_kz = find(r, "tourism.visitors", "Israel → Kazakhstan · 2024");
    assert_eq!(
        points(il_kz),
        [(
            "statistics of Kazakhstan".to_string(),
            4875.0,
            "none".to_string()
        )]
    );
    find(
        r,
        "tourism.visitors",
        "Kazakhstan → Israel · 2025-01..2025-10",
    );
    find(r, "tourism.visitors", "Kazakhstan → Israel · 2013");
    find(r, "tourism.visitors", "Kazakhstan → Israel · 2015");
}

#[test]
fn at_least_twelve_facts_and_stable_counts() {
    let r = report();
    assert!(r.findings.len() >= 12, "{}", r.findings.len());
    let s = r.summary();
    assert_eq!(
        (s.findings, s.major, s.agree, s.single, s.unresolved),
        // 23 since agreement.signed reads the 2014 defence agreement; 24
        // since it reads "الخميس الماضي" (last Thursday) as a date, whose
        // agreement no phrase names (unresolved).
        (24, 8, 7, 8, 1),
        "{s:?}"
    );
}
