//! The words a draft proposes, per language (ar, en, ru, he): the words of
//! each trade direction, the phrases that name a side of a flow or of a
//! movement with a `{country}` slot, and those that name a country's
//! statistics. They are only a start for the author: the matcher reads a
//! rule's own phrases, not these. `rules/trade.toml` and
//! `rules/tourism.toml` hold fuller lists.

/// A label and the words that name it.
pub(super) type Words = (&'static str, &'static [&'static str]);

/// One language's words.
pub(super) struct LangWords {
    pub(super) code: &'static str,
    /// The words of each direction label: exports, imports, total trade.
    pub(super) direction: &'static [Words],
    /// The words a pattern starts from for a flow: exports, then imports.
    pub(super) flow_words: [&'static str; 2],
    /// The exporting side of a flow of goods.
    pub(super) flow_from: &'static [&'static str],
    /// The receiving side.
    pub(super) flow_to: &'static [&'static str],
    /// Where a movement comes from, named without a direction word
    /// ("tourists from {country}").
    pub(super) from: &'static [&'static str],
    /// Where it goes.
    pub(super) to: &'static [&'static str],
    /// "from X to Y" on folded text, for a sample whose places are no
    /// countries of the gazetteer.
    pub(super) from_to: Option<&'static str>,
    /// A country's statistics, named by the country: the phrases of the
    /// attribution `"statistics of {country}"`.
    pub(super) statistics: &'static [&'static str],
}

/// The label of a country's statistics in a draft's `[rule.attribution]`.
pub(super) const STATISTICS: &str = "statistics of {country}";

pub(super) const LANGS: &[LangWords] = &[
    LangWords {
        code: "en",
        direction: &[
            ("exports", &["exports", "exported", "export"]),
            ("imports", &["imports", "imported", "import"]),
            (
                "total",
                &["trade", "turnover", "bilateral trade", "trade volume"],
            ),
        ],
        flow_words: ["exports", "imports"],
        flow_from: &[
            "{country}'s exports",
            "{country:adj} exports",
            "exports from {country}",
            "exports of {country}",
            "{country} exported",
            "imports from {country}",
        ],
        flow_to: &[
            "{country}'s imports",
            "{country:adj} imports",
            "imports of {country}",
            "imports to {country}",
            "imports into {country}",
            "exports to {country}",
            "{country} imported",
        ],
        from: &["from {country}"],
        to: &["to {country}", "into {country}"],
        from_to: Some(r"\bfrom\s+(\p{Lu}\p{L}+)\s+to\s+(\p{Lu}\p{L}+)"),
        statistics: &[
            "{bureau}",
            "{country}'s Central Bureau of Statistics",
            "{country}'s Bureau of National Statistics",
            "{country}'s statistics office",
            "{country}'s statistics",
            "{country}'s customs",
            "{country:adj} statistics",
            "{country:adj} data",
            "{country:adj} figures",
            "{country:adj} customs",
            "statistics of {country}",
        ],
    },
    LangWords {
        code: "ar",
        direction: &[
            ("exports", &["صادراتها", "صادرات", "الصادرات", "تصدير"]),
            ("imports", &["وارداتها", "واردات", "الواردات", "استيراد"]),
            (
                "total",
                &["التجارة", "تجارة", "التبادل التجاري", "حجم التبادل"],
            ),
        ],
        flow_words: ["صادرات", "واردات"],
        flow_from: &[
            "صادرات {country}",
            "الصادرات {country:adj}",
            "الصادرات من {country}",
            "صادرات من {country}",
            "الواردات من {country}",
            "واردات من {country}",
        ],
        flow_to: &[
            "واردات {country}",
            "الواردات {country:adj}",
            "إلى {country}",
        ],
        from: &["من {country}"],
        to: &["إلى {country}"],
        from_to: Some(r"(?:^|\s)من\s+(\p{L}+)\s+الي?\s+(\p{L}+)"),
        statistics: &[
            "{bureau}",
            "البيانات {country:adj}",
            "الإحصاءات {country:adj}",
            "الأرقام {country:adj}",
            "المعطيات {country:adj}",
            "دائرة الإحصاء {country:adj}",
            "هيئة الإحصاء {country:adj}",
            "الجمارك {country:adj}",
            "هيئة الإحصاء الوطنية في {country}",
            "دائرة الإحصاء المركزية في {country}",
        ],
    },
    LangWords {
        code: "ru",
        direction: &[
            (
                "exports",
                &["экспорта", "экспорту", "экспортом", "экспорте", "экспорт"],
            ),
            (
                "imports",
                &["импорта", "импорту", "импортом", "импорте", "импорт"],
            ),
            (
                "total",
                &[
                    "товарооборота",
                    "товарооборот",
                    "торговля",
                    "торговли",
                    "торговый оборот",
                ],
            ),
        ],
        flow_words: ["экспорт", "импорт"],
        flow_from: &[
            "экспорт {country}",
            "экспорта {country}",
            "{country:adj} экспорт",
            "экспорт из {country}",
            "экспорта из {country}",
            "импорт из {country}",
            "импорта из {country}",
        ],
        flow_to: &[
            "импорт {country}",
            "импорта {country}",
            "{country:adj} импорт",
            "экспорт в {country}",
            "экспорта в {country}",
        ],
        from: &["из {country}"],
        to: &["в {country}"],
        from_to: Some(r"(?:^|\s)из\s+(\p{Lu}\p{L}+)\s+в\s+(\p{Lu}\p{L}+)"),
        statistics: &[
            "{bureau}",
            "{country:adj} статистики",
            "{country:adj} статистика",
            "{country:adj} данным",
            "{country:adj} данные",
            "{country:adj} таможни",
            "статистики {country}",
            "таможни {country}",
            "Бюро национальной статистики {country}",
            "Центрального статистического бюро {country}",
        ],
    },
    LangWords {
        code: "he",
        direction: &[
            ("exports", &["יצוא", "היצוא", "ייצוא"]),
            ("imports", &["יבוא", "היבוא", "ייבוא"]),
            ("total", &["סחר", "הסחר", "היקף הסחר"]),
        ],
        flow_words: ["יצוא", "יבוא"],
        flow_from: &[
            "יצוא {country}",
            "היצוא מ{country}",
            "יצוא מ{country}",
            "היבוא מ{country}",
            "יבוא מ{country}",
        ],
        flow_to: &[
            "יבוא {country}",
            "היצוא ל{country}",
            "יצוא ל{country}",
            "ל{country}",
        ],
        from: &["מ{country}"],
        to: &["ל{country}"],
        from_to: None,
        statistics: &[
            "{bureau}",
            "הנתונים ה{country:adj}",
            "הסטטיסטיקה ה{country:adj}",
            "הלשכה המרכזית לסטטיסטיקה של {country}",
        ],
    },
];

/// The words of a language.
pub(super) fn of(code: &str) -> &'static LangWords {
    LANGS.iter().find(|l| l.code == code).unwrap_or(&LANGS[0])
}

/// The language a sample is written in, by the script most of its letters
/// are in.
pub(super) fn language(text: &str) -> &'static str {
    let mut n = [0usize; 4];
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let k = match c as u32 {
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => 1,
            0x0400..=0x052F => 2,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => 3,
            _ => 0,
        };
        n[k] += 1;
    }
    let best = (0..4)
        .max_by_key(|&k| (n[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    ["en", "ar", "ru", "he"][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_in_the_language_of_its_script() {
        assert_eq!(language("Kazakhstan's exports reached $50 million"), "en");
        assert_eq!(language("بلغت صادرات كازاخستان 50 مليون دولار"), "ar");
        assert_eq!(language("Экспорт Казахстана составил $50 млн"), "ru");
        assert_eq!(language("היצוא מקזחסטן הגיע ל-50 מיליון דולר"), "he");
    }

    #[test]
    fn every_language_has_its_words() {
        for l in LANGS {
            let labels: Vec<&str> = l.direction.iter().map(|(n, _)| *n).collect();
            assert_eq!(labels, ["exports", "imports", "total"], "{}", l.code);
            for p in l
                .flow_from
                .iter()
                .chain(l.flow_to)
                .chain(l.from)
                .chain(l.to)
            {
                assert_eq!(
                    crosscheck::rules::pattern::entity_slot_count(p),
                    1,
                    "{}: {p}",
                    l.code
                );
            }
            assert!(!l.statistics.is_empty(), "{}", l.code);
        }
    }
}
