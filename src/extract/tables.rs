//! The words the value grammars know, as data, one table set per language.
//!
//! Entries are written as a reader would write them; they are folded (alef,
//! diacritics, digits) and lower-cased once when the lexicon is built, so the
//! grammar compares folded tokens with folded entries. Adding a language is
//! adding a `Lang` here and naming it in `LANGS`.

use super::Hedge;

/// How a scale word behaves without a number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "مليون دولار" is one million.
    Single,
    /// "مليونا دولار", "ألفي" are two of the scale.
    Dual,
    /// "ملايين", "thousands": a count is needed.
    Plural,
    /// "m", "bn": only right after digits.
    Short,
}

pub struct Lang {
    pub code: &'static str,
    /// Cardinal number words; tens and hundreds included.
    pub numbers: &'static [(&'static str, u32)],
    /// Words that add ten to a unit before them ("أحد عشر").
    pub teens: &'static [&'static str],
    /// Words that multiply a unit before them by a hundred ("ثلاث مئة").
    pub hundreds: &'static [&'static str],
    pub scales: &'static [(&'static str, f64, Form)],
    /// Currency phrases and their ISO 4217 codes.
    pub currencies: &'static [(&'static str, &'static str)],
    pub percents: &'static [&'static str],
    /// Hedges before a value.
    pub hedges: &'static [(&'static str, Hedge)],
    /// Hedges after a value ("تقريبا", "or so").
    pub post_hedges: &'static [&'static str],
    /// Multiplier words after a count ("أضعاف", "times") and the factor a
    /// word stands for alone ("twice"), 0 when it needs a count.
    pub multipliers: &'static [(&'static str, u32)],
    /// Multiplier words that stand alone only after a hedge or a cue, since
    /// they have other meanings ("ضعف" is also "weakness").
    pub weak_multipliers: &'static [(&'static str, u32)],
    pub multiplier_cues: &'static [&'static str],
    /// Month names of every system the language uses.
    pub months: &'static [(&'static str, u32)],
    pub weekdays: &'static [&'static str],
    /// Words that make a following four-digit number a year, kept in the span.
    pub year_words: &'static [&'static str],
    /// Prepositions that make a following four-digit number a year.
    pub year_preps: &'static [&'static str],
    /// Words that introduce a list or range of years ("عامي", "between").
    pub years_plural: &'static [&'static str],
    pub decades: &'static [(&'static str, i32)],
    /// Relative years: "العام الماضي" is −1.
    pub relative_years: &'static [(&'static str, i32)],
    /// Durations: word, years (months as twelfths), how many of them the word is alone.
    pub durations: &'static [(&'static str, f64, u32)],
    pub ago_before: &'static [&'static str],
    pub ago_after: &'static [&'static str],
    /// Words that open a range ("ما بين", "between") and join its ends.
    pub range_open: &'static [&'static str],
    pub range_join: &'static [&'static str],
    /// Period heads: "الأشهر ... الأولى", "the first N months".
    pub months_word: &'static [&'static str],
    pub first_words: &'static [&'static str],
    pub of_words: &'static [&'static str],
    pub halves: &'static [(&'static str, u32)],
    pub quarters: &'static [(&'static str, u32)],
    pub half_words: &'static [&'static str],
    pub quarter_words: &'static [&'static str],
    pub same_period: &'static [&'static str],
    pub centuries: &'static [(&'static str, i32)],
    pub last_century: &'static [&'static str],
    pub century_word: &'static [&'static str],
}

pub static AR: Lang = Lang {
    code: "ar",
    numbers: &[
        ("واحد", 1), ("واحدة", 1), ("أحد", 1), ("إحدى", 1),
        ("اثنان", 2), ("اثنين", 2), ("اثنتان", 2), ("اثنتين", 2), ("اثنا", 2), ("اثني", 2), ("اثنتا", 2), ("اثنتي", 2),
        ("ثلاث", 3), ("ثلاثة", 3), ("أربع", 4), ("أربعة", 4), ("خمس", 5), ("خمسة", 5),
        ("ست", 6), ("ستة", 6), ("سبع", 7), ("سبعة", 7), ("ثمان", 8), ("ثماني", 8), ("ثمانية", 8),
        ("تسع", 9), ("تسعة", 9), ("عشر", 10), ("عشرة", 10),
        ("عشرون", 20), ("عشرين", 20), ("ثلاثون", 30), ("ثلاثين", 30), ("أربعون", 40), ("أربعين", 40),
        ("خمسون", 50), ("خمسين", 50), ("ستون", 60), ("ستين", 60), ("سبعون", 70), ("سبعين", 70),
        ("ثمانون", 80), ("ثمانين", 80), ("تسعون", 90), ("تسعين", 90),
        ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مئتين", 200), ("مائتان", 200), ("مائتين", 200),
        ("ثلاثمئة", 300), ("ثلاثمائة", 300), ("أربعمئة", 400), ("أربعمائة", 400), ("خمسمئة", 500), ("خمسمائة", 500),
        ("ستمئة", 600), ("ستمائة", 600), ("سبعمئة", 700), ("سبعمائة", 700), ("ثمانمئة", 800), ("ثمانمائة", 800),
        ("تسعمئة", 900), ("تسعمائة", 900),
    ],
    teens: &["عشر", "عشرة"],
    hundreds: &["مئة", "مائة"],
    scales: &[
        ("ألف", 1e3, Form::Single), ("ألفا", 1e3, Form::Dual), ("ألفي", 1e3, Form::Dual), ("ألفين", 1e3, Form::Dual), ("ألفان", 1e3, Form::Dual), ("آلاف", 1e3, Form::Plural),
        ("مليون", 1e6, Form::Single), ("مليونا", 1e6, Form::Dual), ("مليوني", 1e6, Form::Dual), ("مليونين", 1e6, Form::Dual), ("مليونان", 1e6, Form::Dual), ("ملايين", 1e6, Form::Plural),
        ("مليار", 1e9, Form::Single), ("مليارا", 1e9, Form::Dual), ("ملياري", 1e9, Form::Dual), ("مليارين", 1e9, Form::Dual), ("ملياران", 1e9, Form::Dual), ("مليارات", 1e9, Form::Plural),
        ("بليون", 1e9, Form::Single), ("بليونا", 1e9, Form::Dual), ("بليوني", 1e9, Form::Dual), ("بلايين", 1e9, Form::Plural),
        ("تريليون", 1e12, Form::Single), ("ترليون", 1e12, Form::Single), ("تريليونات", 1e12, Form::Plural),
    ],
    currencies: &[
        ("دولار أمريكي", "USD"), ("دولار أميركي", "USD"), ("دولار", "USD"), ("دولارا", "USD"), ("دولارات", "USD"), ("الدولارات", "USD"),
        ("يورو", "EUR"), ("تينغي", "KZT"), ("تنغي", "KZT"), ("تينج", "KZT"), ("شيكل", "ILS"), ("شيكلا", "ILS"), ("شواكل", "ILS"),
        ("روبل", "RUB"), ("روبلا", "RUB"), ("جنيه إسترليني", "GBP"), ("جنيه", "EGP"), ("ريال سعودي", "SAR"), ("درهم", "AED"),
    ],
    percents: &["في المئة", "في المائة", "بالمئة", "بالمائة", "%", "٪"],
    hedges: &[
        ("نحو", Hedge::Approx), ("قرابة", Hedge::Approx), ("حوالي", Hedge::Approx), ("حوالى", Hedge::Approx), ("زهاء", Hedge::Approx),
        ("ما يقارب", Hedge::Approx), ("ما يناهز", Hedge::Approx), ("يقارب", Hedge::Approx), ("يناهز", Hedge::Approx), ("تقريبا", Hedge::Approx),
        ("أكثر من", Hedge::Min), ("ما يزيد على", Hedge::Min), ("ما يزيد عن", Hedge::Min), ("يزيد على", Hedge::Min), ("يزيد عن", Hedge::Min),
        ("لا يقل عن", Hedge::Min), ("ما لا يقل عن", Hedge::Min), ("أزيد من", Hedge::Min), ("يتجاوز", Hedge::Min), ("تجاوز", Hedge::Min),
        ("لم يتجاوز", Hedge::Max), ("لا يتجاوز", Hedge::Max), ("لم تتجاوز", Hedge::Max), ("لا تتجاوز", Hedge::Max), ("لم يتعد", Hedge::Max),
        ("أقل من", Hedge::Max), ("ما دون", Hedge::Max), ("لا يزيد على", Hedge::Max), ("لا يزيد عن", Hedge::Max),
    ],
    post_hedges: &["تقريبا"],
    multipliers: &[("أضعاف", 0), ("ضعفا", 0), ("ضعفي", 2), ("ضعفين", 2), ("ضعفان", 2), ("مرة", 0), ("مرات", 0)],
    weak_multipliers: &[("ضعف", 2)],
    multiplier_cues: &["أي", "إلى", "يعادل", "بمعدل", "بمقدار", "نحو", "قرابة", "حوالي"],
    months: &[
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6),
        ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
        ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8),
        ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
        ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
        ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    ],
    weekdays: &["السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"],
    year_words: &["عام", "العام", "سنة", "السنة", "لعام", "بعام"],
    year_preps: &["في", "منذ", "حتى", "خلال", "قبل", "بعد"],
    years_plural: &["عامي", "سنتي", "الأعوام", "السنوات", "أعوام", "سنوات"],
    decades: &[
        ("العشرينيات", 20), ("العشرينات", 20), ("الثلاثينيات", 30), ("الثلاثينات", 30), ("الأربعينيات", 40), ("الأربعينات", 40),
        ("الخمسينيات", 50), ("الخمسينات", 50), ("الستينيات", 60), ("الستينات", 60), ("السبعينيات", 70), ("السبعينات", 70),
        ("الثمانينيات", 80), ("الثمانينات", 80), ("التسعينيات", 90), ("التسعينات", 90),
        ("عشرينيات", 20), ("ثلاثينيات", 30), ("أربعينيات", 40), ("خمسينيات", 50), ("ستينيات", 60), ("سبعينيات", 70), ("ثمانينيات", 80), ("تسعينيات", 90),
    ],
    relative_years: &[
        ("العام الماضي", -1), ("السنة الماضية", -1), ("العام المنصرم", -1), ("العام السابق", -1), ("العام قبل الماضي", -2),
        ("العام الحالي", 0), ("العام الجاري", 0), ("هذا العام", 0), ("السنة الحالية", 0), ("السنة الجارية", 0),
        ("العام المقبل", 1), ("العام القادم", 1), ("السنة المقبلة", 1),
    ],
    durations: &[
        ("سنة", 1.0, 1), ("سنوات", 1.0, 0), ("سنين", 1.0, 0), ("عام", 1.0, 1), ("عاما", 1.0, 0), ("أعوام", 1.0, 0),
        ("عامين", 1.0, 2), ("سنتين", 1.0, 2), ("عقد", 10.0, 1), ("عقدين", 10.0, 2), ("عقود", 10.0, 0),
        ("شهر", 1.0 / 12.0, 1), ("أشهر", 1.0 / 12.0, 0), ("شهرا", 1.0 / 12.0, 0), ("شهور", 1.0 / 12.0, 0), ("شهرين", 1.0 / 12.0, 2),
    ],
    ago_before: &["قبل", "منذ"],
    ago_after: &[],
    range_open: &["ما بين", "بين"],
    range_join: &["و", "إلى", "-", "–", "—"],
    months_word: &["الأشهر", "الشهور", "أشهر", "شهور"],
    first_words: &["الأولى", "الأول", "أول"],
    of_words: &["من"],
    halves: &[("الأول", 1), ("الثاني", 2)],
    quarters: &[("الأول", 1), ("الثاني", 2), ("الثالث", 3), ("الرابع", 4)],
    half_words: &["النصف"],
    quarter_words: &["الربع"],
    same_period: &["نفس الفترة", "الفترة نفسها", "الفترة ذاتها", "ذات الفترة", "الفترة المماثلة"],
    centuries: &[("العشرين", 20), ("التاسع عشر", 19), ("الحادي والعشرين", 21), ("الحادي و العشرين", 21)],
    last_century: &["القرن الماضي", "القرن المنصرم"],
    century_word: &["القرن"],
};

pub static EN: Lang = Lang {
    code: "en",
    numbers: &[
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9),
        ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16),
        ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
        ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
    ],
    teens: &[],
    hundreds: &["hundred"],
    scales: &[
        ("thousand", 1e3, Form::Single), ("thousands", 1e3, Form::Plural), ("million", 1e6, Form::Single), ("millions", 1e6, Form::Plural),
        ("billion", 1e9, Form::Single), ("billions", 1e9, Form::Plural), ("trillion", 1e12, Form::Single),
        ("k", 1e3, Form::Short), ("m", 1e6, Form::Short), ("mn", 1e6, Form::Short), ("mln", 1e6, Form::Short), ("bn", 1e9, Form::Short), ("b", 1e9, Form::Short),
    ],
    currencies: &[
        ("us$", "USD"), ("$", "USD"), ("usd", "USD"), ("us dollars", "USD"), ("dollars", "USD"), ("dollar", "USD"),
        ("€", "EUR"), ("eur", "EUR"), ("euros", "EUR"), ("euro", "EUR"), ("kzt", "KZT"), ("₸", "KZT"), ("tenge", "KZT"),
        ("ils", "ILS"), ("nis", "ILS"), ("₪", "ILS"), ("shekels", "ILS"), ("rub", "RUB"), ("roubles", "RUB"), ("rubles", "RUB"),
        ("£", "GBP"), ("gbp", "GBP"), ("pounds", "GBP"),
    ],
    percents: &["percent", "per cent", "pct"],
    hedges: &[
        ("about", Hedge::Approx), ("around", Hedge::Approx), ("approximately", Hedge::Approx), ("roughly", Hedge::Approx),
        ("nearly", Hedge::Approx), ("almost", Hedge::Approx), ("some", Hedge::Approx), ("an estimated", Hedge::Approx), ("circa", Hedge::Approx),
        ("more than", Hedge::Min), ("over", Hedge::Min), ("at least", Hedge::Min), ("above", Hedge::Min), ("exceeding", Hedge::Min),
        ("upwards of", Hedge::Min), ("no less than", Hedge::Min),
        ("up to", Hedge::Max), ("less than", Hedge::Max), ("fewer than", Hedge::Max), ("under", Hedge::Max), ("no more than", Hedge::Max),
        ("did not exceed", Hedge::Max), ("not exceeding", Hedge::Max), ("at most", Hedge::Max), ("below", Hedge::Max),
    ],
    post_hedges: &["or so", "approximately"],
    multipliers: &[("times", 0), ("fold", 0), ("x", 0), ("×", 0), ("twice", 2), ("double", 2), ("threefold", 3), ("fourfold", 4)],
    weak_multipliers: &[],
    multiplier_cues: &[],
    months: &[
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8),
        ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ],
    weekdays: &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    year_words: &["year"],
    year_preps: &["in", "since", "until", "by", "during", "from", "before", "after"],
    years_plural: &["years", "between"],
    decades: &[("twenties", 20), ("thirties", 30), ("forties", 40), ("fifties", 50), ("sixties", 60), ("seventies", 70), ("eighties", 80), ("nineties", 90)],
    relative_years: &[("last year", -1), ("the previous year", -1), ("this year", 0), ("the current year", 0), ("next year", 1)],
    durations: &[
        ("year", 1.0, 1), ("years", 1.0, 0), ("decade", 10.0, 1), ("decades", 10.0, 0),
        ("month", 1.0 / 12.0, 1), ("months", 1.0 / 12.0, 0),
    ],
    ago_before: &[],
    ago_after: &["ago"],
    range_open: &["between"],
    range_join: &["and", "to", "-", "–", "—"],
    months_word: &["months"],
    first_words: &["first"],
    of_words: &["of", "in"],
    halves: &[("first", 1), ("second", 2)],
    quarters: &[("first", 1), ("second", 2), ("third", 3), ("fourth", 4)],
    half_words: &["half"],
    quarter_words: &["quarter"],
    same_period: &["the same period", "same period"],
    centuries: &[("twentieth", 20), ("nineteenth", 19), ("twenty-first", 21)],
    last_century: &["last century", "the last century", "the past century"],
    century_word: &["century"],
};

pub static LANGS: &[&Lang] = &[&AR, &EN];
