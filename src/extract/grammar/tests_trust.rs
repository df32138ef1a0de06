//! Issue 10, "no silent wrong answer": ranges of periods, years that are no
//! counts, years counted from the year a text named before, and numbers
//! beyond f64. Each table is (text, the values read in context as
//! "kind label"), in Arabic, English, Russian and, where the tables exist,
//! Hebrew.

use super::*;
use crate::extract::{Periods, names_period, needs_periods};
use crate::text::fold_str;
use crate::value::{Fmt, time_label};

fn dated() -> Option<Day> {
    Day::parse_iso("2025-11-06")
}

fn show(e: &Extracted) -> String {
    let v = match &e.value {
        Value::Time { lo, hi, grain } => time_label(*lo, *hi, *grain),
        Value::Num { point: Some(p), .. } => Fmt(*p).to_string(),
        Value::Num { lo, hi, .. } => format!("{}..{}", Fmt(*lo), Fmt(*hi)),
        Value::Unresolved { .. } => "unresolved".into(),
        other => format!("{other:?}"),
    };
    format!("{} {v}", e.kind.name())
}

/// The values of a text as `extract::read` gives them, sentence by
/// sentence and in context.
fn read(s: &str, anchor: Option<Day>) -> Vec<String> {
    let f = fold_str(s);
    crate::extract::read(&f, anchor, crate::extract::all_languages())
        .iter()
        .map(show)
        .collect()
}

fn check(cases: &[(&str, &[&str])], anchor: Option<Day>) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = read(text, anchor);
            (got != *want).then(|| format!("{text}\n   got  {got:?}\n   want {want:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

const JAN_NOV: &[&str] = &["period 2025-01..2025-11"];

#[test]
fn month_ranges_are_one_period() {
    check(
        &[
            ("from January to November 2025", JAN_NOV),
            ("January–November 2025", JAN_NOV),
            ("January-November 2025", JAN_NOV),
            ("between January and November 2025", JAN_NOV),
            ("Jan–Nov 2025", JAN_NOV),
            ("from Jan. to Nov. 2025", JAN_NOV),
            ("January through November 2025", JAN_NOV),
            ("من يناير إلى نوفمبر 2025", JAN_NOV),
            ("من يناير حتى نوفمبر 2025", JAN_NOV),
            ("بين يناير ونوفمبر 2025", JAN_NOV),
            ("يناير - نوفمبر 2025", JAN_NOV),
            ("خلال الفترة من يناير إلى نوفمبر من العام 2025", JAN_NOV),
            // Levantine, Algerian/Tunisian and Moroccan month names.
            ("من كانون الثاني إلى تشرين الثاني 2025", JAN_NOV),
            ("كانون الثاني - تشرين الثاني 2025", JAN_NOV),
            ("من كانون ثاني حتى تشرين ثاني 2025", JAN_NOV),
            ("من جانفي إلى نوفمبر 2025", JAN_NOV),
            ("بين جانفي ونوفمبر 2025", JAN_NOV),
            ("من يناير إلى نونبر 2025", JAN_NOV),
            ("с января по ноябрь 2025", JAN_NOV),
            ("с января по ноябрь 2025 года", JAN_NOV),
            ("январь–ноябрь 2025", JAN_NOV),
            ("в январе–ноябре 2025 года", JAN_NOV),
            ("за январь-ноябрь 2025 г.", JAN_NOV),
            ("ינואר–נובמבר 2025", JAN_NOV),
            ("בין ינואר לנובמבר 2025", JAN_NOV),
            ("מינואר עד נובמבר 2025", JAN_NOV),
        ],
        dated(),
    );
}

#[test]
fn ranges_across_years_quarters_and_halves() {
    check(
        &[
            (
                "from November 2024 to February 2025",
                &["period 2024-11..2025-02"],
            ),
            (
                "من نوفمبر 2024 إلى فبراير 2025",
                &["period 2024-11..2025-02"],
            ),
            (
                "с ноября 2024 года по февраль 2025 года",
                &["period 2024-11..2025-02"],
            ),
            (
                "the first three quarters of 2025",
                &["period 2025-01..2025-09"],
            ),
            ("Q1–Q3 2025", &["period 2025-01..2025-09"]),
            (
                "from the first to the third quarter of 2025",
                &["period 2025-01..2025-09"],
            ),
            (
                "الربع الأول إلى الثالث من 2025",
                &["period 2025-01..2025-09"],
            ),
            (
                "من الربع الأول إلى الربع الثالث من عام 2025",
                &["period 2025-01..2025-09"],
            ),
            ("الأرباع الثلاثة الأولى من 2025", &["period 2025-01..2025-09"]),
            ("за I–III кварталы 2025 года", &["period 2025-01..2025-09"]),
            (
                "первые три квартала 2025 года",
                &["period 2025-01..2025-09"],
            ),
            ("9 месяцев 2025 года", &["period 2025-01..2025-09"]),
            ("первое полугодие 2025", &["period 2025-01..2025-06"]),
            ("H1 2025", &["period 2025-01..2025-06"]),
            ("النصف الأول من عام 2025", &["period 2025-01..2025-06"]),
            ("from 2016 to 2020", &["period 2016..2020"]),
            ("من عام 2016 إلى عام 2020", &["period 2016..2020"]),
            ("с 2016 по 2020 год", &["period 2016..2020"]),
            // Two months joined as a list are no range.
            ("January and November 2025", &["date 2025-11"]),
        ],
        dated(),
    );
}

#[test]
fn month_ranges_without_a_year_take_the_year_named_before() {
    check(
        &[
            (
                "In 2023 trade grew. From January to March it fell.",
                &["date 2023", "period 2023-01..2023-03"],
            ),
            (
                "نمت التجارة في عام 2023. ومن يناير إلى مارس تراجعت.",
                &["date 2023", "period 2023-01..2023-03"],
            ),
            (
                "В 2023 году торговля выросла. С января по март она упала.",
                &["date 2023", "period 2023-01..2023-03"],
            ),
            // No year named: the source's year.
            (
                "From January to March trade fell.",
                &["period 2025-01..2025-03"],
            ),
        ],
        dated(),
    );
    check(
        &[("From January to March trade fell.", &["period unresolved"])],
        None,
    );
}

#[test]
fn years_are_not_counts() {
    check(
        &[
            ("the 2016 deal", &["date 2016"]),
            ("as of 2012", &["date 2012"]),
            ("since 2016", &["date 2016"]),
            ("by 2030", &["date 2030"]),
            ("in fiscal 2024", &["date 2024"]),
            ("the 2022 figure", &["date 2022"]),
            ("صفقة 2016", &["date 2016"]),
            ("صفقة 2016 بين البلدين", &["date 2016"]),
            ("منذ 2016", &["date 2016"]),
            ("حتى 2012", &["date 2012"]),
            ("اعتبارا من 2012", &["date 2012"]),
            ("بحلول 2030", &["date 2030"]),
            ("с 2016 года", &["date 2016"]),
            ("к 2030 году", &["date 2030"]),
            ("сделка 2016 года", &["date 2016"]),
            // Counts and money stay what they are.
            ("2016 people", &["number 2016"]),
            ("2,016 vehicles", &["number 2016"]),
            ("the 2,016 vehicles", &["number 2016"]),
            ("2016 tonnes", &["quantity 2016"]),
            ("عدد 2016 شخصا", &["number 2016"]),
            // A definite noun is no construct: the number is what it reached.
            ("بلغت الحصيلة 2016.", &["number 2016"]),
            ("officials said that 2016 people died", &["number 2016"]),
            ("2016 человек", &["number 2016"]),
            ("$2016", &["money 2016"]),
            ("2016 dollars", &["money 2016"]),
            ("2016 مليون دولار", &["money 2016000000"]),
            ("the 2016 percent", &["percent 2016"]),
        ],
        dated(),
    );
}

#[test]
fn anaphoric_years_count_from_the_year_named_before() {
    check(
        &[
            (
                "In 2023, trade reached $120 million. A year earlier it was $90 million.",
                &[
                    "date 2023",
                    "money 120000000",
                    "date 2022",
                    "money 90000000",
                ],
            ),
            (
                "In 2023 exports rose. The previous year they fell.",
                &["date 2023", "date 2022"],
            ),
            (
                "In 2023 exports rose. The year before, they fell.",
                &["date 2023", "date 2022"],
            ),
            (
                "Exports rose 5% in 2023 over the prior year.",
                &["percent 5", "date 2023", "date 2022"],
            ),
            (
                "The deal was signed in 2019. Two years later it collapsed.",
                &["date 2019", "date 2021"],
            ),
            (
                "The deal was signed in 2019. The following year it collapsed.",
                &["date 2019", "date 2020"],
            ),
            (
                "In the first half of 2023 trade grew 5% over the same period of the previous year.",
                &[
                    "period 2023-01..2023-06",
                    "percent 5",
                    "period 2022-01..2022-06",
                ],
            ),
            (
                "في عام 2023 بلغ حجم التجارة 120 مليون دولار، وفي العام السابق 90 مليونا.",
                &[
                    "date 2023",
                    "money 120000000",
                    "date 2022",
                    "money 90000000",
                ],
            ),
            (
                "في عام 2023 بلغ حجم التجارة 120 مليون دولار مقارنة بالعام الذي سبقه.",
                &["date 2023", "money 120000000", "date 2022"],
            ),
            (
                "بلغ حجم التجارة عام 2023 نحو 120 مليون دولار، وقبل ذلك بعام 90 مليونا.",
                &[
                    "date 2023",
                    "money 120000000",
                    "date 2022",
                    "money 90000000",
                ],
            ),
            (
                "وقعت الصفقة عام 2019. وفي العام التالي انهارت.",
                &["date 2019", "date 2020"],
            ),
            (
                "В 2023 году товарооборот составил 120 млн долларов, годом ранее — 90 млн.",
                &[
                    "date 2023",
                    "money 120000000",
                    "date 2022",
                    "money 90000000",
                ],
            ),
            (
                "В 2023 году товарооборот вырос. В предыдущем году он упал.",
                &["date 2023", "date 2022"],
            ),
            (
                "Сделку подписали в 2019 году. Годом позже она распалась.",
                &["date 2019", "date 2020"],
            ),
            (
                "Сделку подписали в 2019 году. Два года спустя она распалась.",
                &["date 2019", "date 2021"],
            ),
            (
                "בשנת 2023 הסחר הגיע ל-120 מיליון דולר. בשנה הקודמת 90 מיליון.",
                &[
                    "date 2023",
                    "money 120000000",
                    "date 2022",
                    "number 90000000",
                ],
            ),
        ],
        dated(),
    );
}

#[test]
fn deictic_years_stay_with_the_source_date() {
    check(
        &[
            (
                "The deal was signed in 2019. Last year it collapsed.",
                &["date 2019", "date 2024"],
            ),
            (
                "وقعت الصفقة عام 2019. وفي العام الماضي انهارت.",
                &["date 2019", "date 2024"],
            ),
            (
                "Сделку подписали в 2019 году. В прошлом году она распалась.",
                &["date 2019", "date 2024"],
            ),
            (
                "In 2023 exports fell. The year before last they rose.",
                &["date 2023", "date 2023"],
            ),
        ],
        dated(),
    );
}

#[test]
fn anaphoric_years_fall_back_to_the_source_date_then_unresolved() {
    let cases: &[(&str, &[&str])] = &[
        (
            "A year earlier it was $90 million.",
            &["date 2024", "money 90000000"],
        ),
        (
            "وفي العام السابق 90 مليون دولار.",
            &["date 2024", "money 90000000"],
        ),
        (
            "Годом ранее — 90 млн долларов.",
            &["date 2024", "money 90000000"],
        ),
    ];
    check(cases, dated());
    let undated: Vec<(&str, Vec<&str>)> = cases
        .iter()
        .map(|(t, want)| {
            let mut w = want.to_vec();
            w[0] = "date unresolved";
            (*t, w)
        })
        .collect();
    let undated: Vec<(&str, &[&str])> = undated.iter().map(|(t, w)| (*t, w.as_slice())).collect();
    check(&undated, None);
}

/// The matcher keeps only the dated values (`names_period`) of a sentence
/// it has read, and feeds them before a later sentence that needs them.
#[test]
fn anaphors_resolve_as_the_matcher_feeds_them() {
    let text = fold_str("In 2023, trade reached $120 million. A year earlier it was $90 million.");
    let lx = crate::extract::all_languages();
    let sents = crate::sentences::sentences(&text);
    assert_eq!(sents.len(), 2);
    let mut first = extract_range(&text, sents[0], dated(), lx);
    first.retain(names_period);
    let mut second = extract_range(&text, sents[1], dated(), lx);
    assert!(!needs_periods(&first) && needs_periods(&second));
    let mut periods = Periods::default();
    periods.feed(&mut first, dated());
    periods.feed(&mut second, dated());
    assert_eq!(show(&second[0]), "date 2022");
}

/// Digit strings beyond f64 in every numeral system, alone, scaled, as
/// money, percents and range ends: no value, and never ∞ or NaN.
#[test]
fn numbers_beyond_f64_are_no_values() {
    let ascii = format!("1{}", "0".repeat(400));
    let systems = |s: &str, base: u32| -> String {
        s.chars()
            .map(|c| char::from_u32(base + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
            .collect()
    };
    let numbers = vec![
        ascii.clone(),
        systems(&ascii, 0x0660),
        systems(&ascii, 0x06F0),
        format!("1{}", ",000".repeat(140)),
        format!("1{}", "\u{a0}000".repeat(140)),
        format!("{}.5", "9".repeat(400)),
    ];
    let mut texts = vec![
        // Finite digits that a scale word carries beyond f64.
        format!("{} billion dollars", "9".repeat(300)),
        format!("{} тыс. долларов", "9".repeat(306)),
        format!("نحو {} ترليون", "9".repeat(300)),
    ];
    for n in &numbers {
        for t in [
            "{}",
            "{} dollars",
            "${}",
            "{} مليون دولار",
            "نحو {} شخص",
            "{} млн рублей",
            "{}%",
            "between 5 and {} dollars",
            "{} מיליון דולר",
        ] {
            texts.push(t.replace("{}", n));
        }
    }
    for t in &texts {
        for anchor in [dated(), None] {
            let values =
                crate::extract::read(&fold_str(t), anchor, crate::extract::all_languages());
            assert!(values.is_empty(), "{t}: {values:?}");
        }
    }
    // Readable numbers around a huge one stay.
    let t = format!("{ascii} dollars, and 5 dollars");
    assert_eq!(read(&t, dated()), ["money 5"]);
}

/// The new grammars (ranges, anaphors, years in noun phrases) never panic
/// and keep their spans on the text: a deterministic stream of their words,
/// years, ordinals and joins, read in context with and without a date.
#[test]
fn range_and_anaphor_words_never_panic() {
    let words = [
        "from",
        "to",
        "between",
        "and",
        "the",
        "first",
        "third",
        "quarter",
        "quarters",
        "half",
        "Q1",
        "Q3",
        "H1",
        "–",
        "-",
        ",",
        ".",
        "January",
        "Nov",
        "2016",
        "2025",
        "1999",
        "a",
        "year",
        "years",
        "two",
        "earlier",
        "later",
        "previous",
        "before",
        "last",
        "deal",
        "من",
        "إلى",
        "حتى",
        "بين",
        "ونوفمبر",
        "يناير",
        "كانون",
        "الثاني",
        "الربع",
        "الأول",
        "الثالث",
        "الأرباع",
        "الثلاثة",
        "الأولى",
        "العام",
        "السابق",
        "صفقة",
        "الحصيلة",
        "قبل",
        "ذلك",
        "بعام",
        "с",
        "по",
        "января",
        "ноябрь",
        "I",
        "III",
        "кварталы",
        "годом",
        "ранее",
        "года",
        "спустя",
        "בין",
        "ינואר",
        "לנובמבר",
        "בשנה",
        "הקודמת",
        "$",
        "%",
        "million",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..4000 {
        let len = (state % 12) as usize;
        let mut s = String::new();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push_str(words[(state % words.len() as u64) as usize]);
            s.push(if state & 8 == 0 { ' ' } else { '\u{a0}' });
        }
        let f = fold_str(&s);
        for anchor in [dated(), None] {
            for e in crate::extract::read(&f, anchor, crate::extract::all_languages()) {
                assert!(
                    e.start <= e.end && e.end <= f.len() && f.is_char_boundary(e.start),
                    "{s}"
                );
                assert!(!matches!(
                    e.value,
                    Value::Anaphor { .. } | Value::SamePeriod { .. }
                ));
            }
        }
    }
}
