//! Verdicts on small fact sets built by hand.

use super::*;
use crate::calendar::Day;
use crate::fact::Quote;
use crate::finding::Grade;
use crate::rules::{KeyDim, Ratio, RuleKind, Threshold};
use crate::value::{Grain, Hedge};

fn rule(id: &str, kind: RuleKind) -> Rule {
    let time = kind == RuleKind::Date;
    Rule {
        id: id.into(),
        title: id.into(),
        kind,
        role: None,
        unit: None,
        key: vec![KeyDim::Period],
        tolerance: if time {
            Threshold::Days(0.0)
        } else {
            Threshold::Ratio(1.05)
        },
        minor: if time {
            Threshold::Days(31.0)
        } else {
            Threshold::Ratio(1.1)
        },
        discrepancy: if time {
            Threshold::Days(366.0)
        } else {
            Threshold::Ratio(1.5)
        },
        approx: 0.1,
        patterns: vec![],
        attribution: vec![],
        dimensions: vec![],
        dimension_defaults: vec![],
        categories: vec![],
        ratio: None,
        parties: Default::default(),
        adjust: vec![],
        known_causes: vec![],
        warn: None,
        fail: None,
        examples: vec![],
        file: "r.toml".into(),
        line: 1,
    }
}

fn fact(rule: &str, origin: &str, key: &str, value: FactValue) -> Fact {
    Fact {
        ambiguous: false,
        rule: rule.into(),
        source: "s".into(),
        key: vec![("period".into(), key.into())].into(),
        origin: Origin::Authority(origin.into()),
        found: Default::default(),
        value,
        adjusted: None,
        quote: Quote {
            line: 1,
            col: 1,
            span: (0, 0),
            sentence: (0, 0),
            text: None,
            value_range: (0, 0),
            cut: (false, false),
        },
        pos: 0,
    }
}

fn money(p: f64, hedge: Hedge, lo: f64, hi: f64) -> FactValue {
    FactValue::Num {
        point: Some(p),
        lo: Some(lo),
        hi: Some(hi),
        hedge,
        unit: Some("USD".into()),
    }
}

fn year(y: i32) -> FactValue {
    FactValue::Time {
        lo: Some(Day::year_start(y)),
        hi: Some(Day::year_end(y)),
        grain: Grain::Year,
    }
}

#[test]
fn gap_ratio_grades_the_conflict() {
    let set = RuleSet {
        entities: Vec::new(),
        suppressions: Vec::new(),
        fingerprint: String::new(),
        rules: vec![rule("t", RuleKind::Money)],
    };
    let facts = vec![
        fact("t", "IL", "2022", money(79e6, Hedge::None, 78.5e6, 79.5e6)),
        fact(
            "t",
            "KZ",
            "2022",
            money(883e6, Hedge::None, 882.5e6, 883.5e6),
        ),
        fact(
            "t",
            "IL",
            "2025",
            money(34e6, Hedge::Approx, 30.6e6, 37.4e6),
        ),
        fact("t", "KZ", "2025", money(36e6, Hedge::None, 35.5e6, 36.5e6)),
    ];
    let f = compare(&set, facts.clone());
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].verdict, Verdict::Conflict(Grade::Major));
    let Some(Gap::Ratio(r)) = f[0].gap else {
        panic!()
    };
    assert!((r - 882.5 / 79.5).abs() < 1e-9);
    assert_eq!(f[1].verdict, Verdict::Agree);
}

#[test]
fn tolerance_and_minor_grades() {
    let set = RuleSet {
        entities: Vec::new(),
        suppressions: Vec::new(),
        fingerprint: String::new(),
        rules: vec![rule("t", RuleKind::Money)],
    };
    let near = |a: f64, b: f64| {
        let facts = vec![
            fact("t", "A", "2022", money(a, Hedge::None, a, a)),
            fact("t", "B", "2022", money(b, Hedge::None, b, b)),
        ];
        compare(&set, facts.clone())[0].verdict
    };
    assert_eq!(near(100.0, 104.0), Verdict::Agree);
    assert_eq!(near(100.0, 108.0), Verdict::Conflict(Grade::Minor));
    assert_eq!(near(100.0, 140.0), Verdict::Conflict(Grade::Discrepancy));
    assert_eq!(near(100.0, 160.0), Verdict::Conflict(Grade::Major));
}

#[test]
fn dates_are_grain_aware_and_outliers_named() {
    let mut r = rule("d", RuleKind::Date);
    r.key = vec![];
    let set = RuleSet {
        entities: Vec::new(),
        suppressions: Vec::new(),
        rules: vec![r],
        fingerprint: String::new(),
    };
    let april = FactValue::Time {
        lo: Day::from_ymd(1992, 4, 1),
        hi: Day::from_ymd(1992, 4, 30),
        grain: Grain::Month,
    };
    let mut facts = vec![
        fact("d", "A", "", year(1992)),
        fact("d", "B", "", april),
        fact("d", "C", "", year(2006)),
    ];
    for f in &mut facts {
        f.key = Default::default();
    }
    let f = &compare(&set, facts.clone())[0];
    assert_eq!(f.verdict, Verdict::Conflict(Grade::Major));
    assert_eq!(f.note, "2 of 3 agree; C differs");
}

#[test]
fn counts_match_exactly_and_categories_equal() {
    let mut r = rule("c", RuleKind::Count);
    r.tolerance = Threshold::Ratio(1.0);
    let set = RuleSet {
        entities: Vec::new(),
        suppressions: Vec::new(),
        fingerprint: String::new(),
        rules: vec![r, rule("k", RuleKind::Category)],
    };
    let n = |v: f64| FactValue::Num {
        point: Some(v),
        lo: Some(v - 0.5),
        hi: Some(v + 0.5),
        hedge: Hedge::None,
        unit: None,
    };
    let facts = vec![
        fact("c", "A", "x", n(17.0)),
        fact("c", "B", "x", n(17.0)),
        fact("c", "A", "y", n(17.0)),
        fact("c", "B", "y", n(18.0)),
        fact("k", "A", "x", FactValue::Category("riot".into())),
        fact("k", "B", "x", FactValue::Category("mine".into())),
    ];
    let f = compare(&set, facts.clone());
    assert_eq!(f[0].verdict, Verdict::Agree);
    assert!(f[1].verdict.is_conflict());
    assert_eq!(f[2].verdict, Verdict::Conflict(Grade::Major));
}

#[test]
fn multiplier_claims_checked_or_stated() {
    let mut ratio = rule("ratio", RuleKind::Multiplier);
    ratio.ratio = Some(Ratio {
        of: "t".into(),
        numerator: "KZ".into(),
        denominator: "IL".into(),
    });
    let set = RuleSet {
        entities: Vec::new(),
        suppressions: Vec::new(),
        fingerprint: String::new(),
        rules: vec![rule("t", RuleKind::Money), ratio],
    };
    let mult = |p: f64, hedge: Hedge, lo: Option<f64>, hi: Option<f64>| FactValue::Num {
        point: Some(p),
        lo,
        hi,
        hedge,
        unit: None,
    };
    let mut claim_11 = fact(
        "ratio",
        "x",
        "2022",
        mult(11.0, Hedge::None, Some(10.5), Some(11.5)),
    );
    claim_11.origin = Origin::Source("001".into());
    let mut claim_3 = fact(
        "ratio",
        "x",
        "2020",
        mult(3.0, Hedge::None, Some(2.5), Some(3.5)),
    );
    claim_3.origin = Origin::Source("001".into());
    let mut claim_20 = fact(
        "ratio",
        "x",
        "2022",
        mult(20.0, Hedge::None, Some(19.5), Some(20.5)),
    );
    claim_20.origin = Origin::Source("002".into());
    let facts = vec![
        fact("t", "IL", "2022", money(79e6, Hedge::None, 78.5e6, 79.5e6)),
        fact(
            "t",
            "KZ",
            "2022",
            money(883e6, Hedge::None, 882.5e6, 883.5e6),
        ),
        fact(
            "t",
            "IL",
            "2020",
            money(123e6, Hedge::None, 122.5e6, 123.5e6),
        ),
        claim_11.clone(),
        claim_3,
    ];
    let f = compare(&set, facts.clone());
    let r2020 = f
        .iter()
        .find(|f| f.rule == "ratio" && f.key[0].1 == "2020")
        .unwrap();
    assert_eq!(r2020.verdict, Verdict::Conflict(Grade::Major));
    assert!(r2020.note.starts_with("stated:"), "{}", r2020.note);
    let r2022 = f
        .iter()
        .find(|f| f.rule == "ratio" && f.key[0].1 == "2022")
        .unwrap();
    assert_eq!(r2022.verdict, Verdict::Agree, "{}", r2022.note);
    assert!(r2022.note.contains("11.18×"), "{}", r2022.note);
    let mut facts2 = facts.clone();
    facts2.retain(|f| &*f.rule != "ratio");
    facts2.push(claim_20);
    let f = compare(&set, facts2.clone());
    let r = f.iter().find(|f| f.rule == "ratio").unwrap();
    assert!(r.verdict.is_conflict(), "20× is not 883/79");
}

#[test]
fn two_falls_compare_by_their_sizes() {
    use super::values::gap_ratio;
    let r = gap_ratio((-3.25, -3.15), (-5.15, -5.05));
    assert!((r - 5.05 / 3.25).abs() < 1e-9, "{r}");
    assert_eq!(gap_ratio((-3.25, -3.15), (2.95, 3.05)), f64::INFINITY);
    assert!((gap_ratio((1.0, 2.0), (4.0, 5.0)) - 2.0).abs() < 1e-9);
}
