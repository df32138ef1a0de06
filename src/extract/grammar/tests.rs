//! Grammar cases, Arabic and English, each asserting the values read.

use super::*;
use crate::text::fold_str;
use crate::value::{Extracted, time_label};

fn anchor() -> Option<Day> {
    Day::parse_iso("2025-11-07")
}

fn ex(s: &str) -> Vec<Extracted> {
    extract(&fold_str(s), anchor())
}

fn one(s: &str) -> Extracted {
    let v = ex(s);
    assert_eq!(v.len(), 1, "{s}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn num(e: &Extracted) -> (Option<f64>, f64, f64) {
    match e.value {
        Value::Num { point, lo, hi } => (point, lo, hi),
        ref v => panic!("not a number: {v:?}"),
    }
}

fn label(e: &Extracted) -> String {
    match e.value {
        Value::Time { lo, hi, grain } => time_label(lo, hi, grain),
        ref v => panic!("not a time: {v:?}"),
    }
}

#[test]
fn money_arabic_with_scale_and_hedge() {
    let e = one("سجل نحو 34 مليون دولار فقط");
    assert_eq!(e.kind, Kind::Money);
    assert_eq!(e.unit, Some("USD"));
    assert_eq!(e.hedge, Hedge::Approx);
    assert_eq!(num(&e), (Some(34e6), 33.5e6, 34.5e6));
    let (lo, hi) = e.num_interval(0.1).unwrap();
    assert!((lo.unwrap() - 30.6e6).abs() < 1.0 && (hi.unwrap() - 37.4e6).abs() < 1.0);
}

#[test]
fn money_half_unit_of_last_significant_digit() {
    let e = one("80 million dollars");
    assert_eq!(num(&e), (Some(80e6), 75e6, 85e6));
    let e = one("قدرت أستانا حجم التجارة بـ883 مليون دولار");
    assert_eq!(num(&e), (Some(883e6), 882.5e6, 883.5e6));
}

#[test]
fn currency_before_and_short_scales() {
    let e = one("exports reached $5.8bn last");
    assert_eq!(e.unit, Some("USD"));
    assert_eq!(e.kind, Kind::Money);
    assert_eq!(num(&e).0, Some(5.8e9));
    let e = one("KZT 1,200");
    assert_eq!(
        (e.kind, e.unit, num(&e).0),
        (Kind::Money, Some("KZT"), Some(1200.0))
    );
}

#[test]
fn arabic_indic_digits_and_separators() {
    let e = one("بلغ ١٢٣ مليون دولار");
    assert_eq!(num(&e).0, Some(123e6));
    let e = one("نحو ٢٫٥ مليار يورو");
    assert_eq!((num(&e).0, e.unit), (Some(2.5e9), Some("EUR")));
    let e = one("1,200 tourists");
    assert_eq!(num(&e).0, Some(1200.0));
    let e = one("1\u{a0}200\u{a0}000 تينغي");
    assert_eq!((num(&e).0, e.unit), (Some(1_200_000.0), Some("KZT")));
    let e = one("٣٬٥٠٠ سائح");
    assert_eq!(num(&e).0, Some(3500.0));
}

#[test]
fn bare_scale_words_and_tanween() {
    let e = one("بمبلغ مليون دولار");
    assert_eq!(num(&e).0, Some(1e6));
    let e = one("مقابل 79 مليونًا فقط");
    assert_eq!(
        (e.kind, e.scaled, num(&e).0),
        (Kind::Number, true, Some(79e6))
    );
    let e = one("نحو 18 ألف سائح");
    assert_eq!(num(&e).0, Some(18000.0));
    let e = one("مليونا دولار");
    assert_eq!(num(&e).0, Some(2e6));
}

#[test]
fn percents_and_ranges() {
    let e = one("ما بين 10% - 20% من النفط");
    assert_eq!((e.kind, e.hedge), (Kind::Percent, Hedge::Range));
    assert_eq!(num(&e), (None, 10.0, 20.0));
    let e = one("ارتفع إلى 25% في فترات");
    assert_eq!((e.kind, num(&e).0), (Kind::Percent, Some(25.0)));
    let e = one("نحو 40 في المئة");
    assert_eq!(
        (e.kind, e.hedge, num(&e).0),
        (Kind::Percent, Hedge::Approx, Some(40.0))
    );
    let e = one("between 5 and 7 billion dollars");
    assert_eq!((e.kind, e.unit), (Kind::Money, Some("USD")));
    assert_eq!(num(&e), (None, 5e9, 7e9));
    let e = one("10-20%");
    assert_eq!(e.kind, Kind::Percent);
}

#[test]
fn multipliers_arabic_and_english() {
    let e = one("رقمًا يعادل ثلاثة أضعاف ما أعلنته");
    assert_eq!((e.kind, num(&e).0), (Kind::Multiplier, Some(3.0)));
    let e = one("أي أحد عشر ضعفًا");
    assert_eq!(num(&e).0, Some(11.0));
    let e = one("أي أكثر من ضعف الرقم");
    assert_eq!(
        (e.kind, e.hedge, num(&e).0),
        (Kind::Multiplier, Hedge::Min, Some(2.0))
    );
    let e = one("three times as much");
    assert_eq!((e.kind, num(&e).0), (Kind::Multiplier, Some(3.0)));
    let e = one("an 11x gap");
    assert_eq!((e.kind, num(&e).0), (Kind::Multiplier, Some(11.0)));
    let e = one("more than twice the figure");
    assert_eq!((e.hedge, num(&e).0), (Hedge::Min, Some(2.0)));
    assert!(ex("ضعف الاقتصاد").is_empty(), "ضعف alone is weakness");
}

#[test]
fn hedges_bounds() {
    let e = one("لم يتجاوز 1200 سائح");
    assert_eq!(e.hedge, Hedge::Max);
    assert_eq!(e.num_interval(0.1), Some((Some(0.0), Some(1200.0))));
    let e = one("more than 30 people");
    assert_eq!(e.num_interval(0.1), Some((Some(30.0), None)));
}

#[test]
fn dates_in_every_month_system() {
    assert_eq!(
        label(&one("في 6 نوفمبر/ تشرين الثاني 2025، انضمام")),
        "2025-11-06"
    );
    assert_eq!(label(&one("في 12 كانون الثاني (يناير) 2022")), "2022-01-12");
    assert_eq!(label(&one("في أبريل/نيسان 1992")), "1992-04");
    assert_eq!(label(&one("في أيار (مايو) 2021")), "2021-05");
    assert_eq!(label(&one("في كانون الأول (ديسمبر) من عام 1991")), "1991-12");
    assert_eq!(label(&one("15 جانفي 2020")), "2020-01-15");
    assert_eq!(label(&one("3 شتنبر 2019")), "2019-09-03");
    assert_eq!(label(&one("November 6, 2025")), "2025-11-06");
    assert_eq!(label(&one("6 November 2025")), "2025-11-06");
    assert_eq!(label(&one("الخميس 6 نوفمبر 2025")), "2025-11-06");
}

#[test]
fn numeric_dates_are_day_first() {
    assert_eq!(label(&one("20/01/2022")), "2022-01-20");
    assert_eq!(label(&one("07-11-2025")), "2025-11-07");
    assert_eq!(label(&one("2025-11-06")), "2025-11-06");
    assert!(ex("الساعة 09:45").is_empty());
}

#[test]
fn years_and_lists() {
    let e = one("منذ عام 1992");
    assert_eq!((e.kind, label(&e)), (Kind::Date, "1992".to_string()));
    let v = ex("في عامي 2013 و2015");
    assert_eq!(v.iter().map(label).collect::<Vec<_>>(), ["2013", "2015"]);
    let e = one("خلال السنوات 2019-2021");
    assert_eq!(
        (e.kind, label(&e)),
        (Kind::Period, "2019..2021".to_string())
    );
    let e = one("in 2006, a deal");
    assert_eq!(label(&e), "2006");
}

#[test]
fn periods() {
    let e = one("خلال الأشهر الثمانية الأولى من عام 2025 نحو");
    assert_eq!(
        (e.kind, label(&e)),
        (Kind::Period, "2025-01..2025-08".to_string())
    );
    assert_eq!(
        label(&one("in the first eight months of 2025")),
        "2025-01..2025-08"
    );
    assert_eq!(
        label(&one("الأشهر العشرة الأولى من العام الحالي")),
        "2025-01..2025-10"
    );
    assert_eq!(label(&one("النصف الأول من عام 2024")), "2024-01..2024-06");
    assert_eq!(label(&one("the third quarter of 2023")), "2023-07..2023-09");
    assert_eq!(label(&one("Q3 2023")), "2023-07..2023-09");
    assert_eq!(label(&one("January–August 2025")), "2025-01..2025-08");
    let e = one("خلال نفس الفترة من عام 2025");
    assert_eq!(
        e.value,
        Value::SamePeriod {
            year: YearRef::Abs(2025)
        }
    );
}

#[test]
fn decades_and_centuries() {
    assert_eq!(label(&one("منذ التسعينيات")), "1990..1999");
    assert_eq!(label(&one("في تسعينيات القرن الماضي")), "1990..1999");
    assert_eq!(label(&one("in the 1990s")), "1990..1999");
    assert_eq!(label(&one("خمسينيات القرن الماضي")), "1950..1959");
}

#[test]
fn relative_dates() {
    assert_eq!(label(&one("العام الماضي إلى")), "2024");
    assert_eq!(label(&one("last year")), "2024");
    // about a decade ago in Nov 2025: 2015, spread by ± 2.5 years
    let e = one("قبل نحو عقد");
    assert_eq!(label(&e), "2015");
    assert_eq!(e.hedge, Hedge::Approx);
    let (lo, hi) = e.time_interval().unwrap();
    assert_eq!(
        (lo.unwrap().to_string(), hi.unwrap().to_string()),
        ("2012-07-02".to_string(), "2018-07-01".to_string())
    );
    let e = one("منذ أكثر من 30 عاماً");
    assert_eq!(label(&e), "..1995-11-07");
    assert_eq!(label(&one("five years ago")), "2020");
    let none = extract(&fold_str("العام الماضي"), None);
    assert!(matches!(none[0].value, Value::Unresolved { .. }));
}

#[test]
fn negatives_are_not_values() {
    assert!(
        ex("طائرة A320 وF-16").is_empty(),
        "{:?}",
        ex("طائرة A320 وF-16")
    );
    assert!(ex("أحد أكبر موردي النفط").is_empty());
    assert!(ex("مليارات الدولارات").is_empty());
}

#[test]
fn number_words() {
    let e = one("سبعة عشر طائرة");
    assert_eq!(num(&e).0, Some(17.0));
    let e = one("خمسة وعشرون");
    assert_eq!(num(&e).0, Some(25.0));
    let e = one("twenty-five");
    assert_eq!(num(&e).0, Some(25.0));
    let e = one("seventeen vehicles");
    assert_eq!(num(&e).0, Some(17.0));
}

/// Arbitrary input never panics: a deterministic stream of Arabic, Latin,
/// digits, separators and punctuation through every grammar.
#[test]
fn arbitrary_text_never_panics() {
    let alphabet: Vec<char> = "0123456789٠١٢٣٤٥٦٧٨٩ .,:/-–%٪$()،؛\n\u{a0}نحومليوندولارعامقبلمنذأكثرضعفأضعافالأشهرالأولىمنكانونالثانيthe first months of about times ago 99999999999999999999"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let len = (state % 60) as usize;
        let mut s = String::new();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        for e in extract(&s, anchor()) {
            assert!(
                e.start <= e.end
                    && e.end <= s.len()
                    && s.is_char_boundary(e.start)
                    && s.is_char_boundary(e.end)
            );
        }
        let _ = extract(&s, None);
    }
}

/// Skipping the tokens that start no value changes nothing: every phrase
/// of the labeled corpora and the seeds, read with and without the skip,
/// in each language's tables and all of them.
#[test]
fn skipping_cold_tokens_changes_nothing() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut texts = Vec::new();
    for name in ["ar", "en", "ru", "he", "heldout-ar", "heldout-en"] {
        let corpus = std::fs::read_to_string(format!("{root}/tests/corpus/{name}.tsv")).unwrap();
        texts.extend(
            corpus
                .lines()
                .filter_map(|l| l.split_once('\t').map(|(p, _)| p.to_string())),
        );
    }
    for e in std::fs::read_dir(format!("{root}/seeds"))
        .unwrap()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(e.path()).unwrap());
        }
    }
    let anchor = Day::parse_iso("2025-11-07");
    for code in ["auto", "ar", "en", "ru", "he"] {
        let lx = crate::extract::lexicon(code).unwrap();
        for t in &texts {
            let f = fold_str(t);
            for a in [anchor, None] {
                let span = (0, f.len());
                assert_eq!(
                    read_tokens(&f, span, a, lx, true),
                    read_tokens(&f, span, a, lx, false),
                    "{code}: {t}"
                );
            }
        }
    }
}
