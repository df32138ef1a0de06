//! Language knowledge as data: one file per language.
//!
//! Each file holds one `Lang`: numerals, scale words, currencies, percents,
//! hedges, months of every calendar the language uses, period words,
//! proclitics, and the words that join a list or set two figures against each
//! other. Entries are written as a reader would write them; they are folded
//! (alef, diacritics, digits) and lower-cased once when the grammar's lexicon
//! is built. Adding a language is adding a file here and naming it in `LANGS`.

mod ar;
mod en;
mod he;
mod ru;

pub use ar::AR;
pub use en::EN;
pub use he::HE;
pub use ru::RU;

use crate::value::Hedge;

/// A part of a month, a year or a decade: "early March", "mid-2012",
/// "late 1990s", "أواخر التسعينيات", "в конце года".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// Which way a change goes: "rose" is up, "fell" down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Up,
    Down,
}

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
    /// Number words that are numbers only before a teen word ("שנים עשר";
    /// alone, "שנים" is "years").
    pub teen_only: &'static [(&'static str, u32)],
    /// Words that add ten to a unit before them ("أحد عشر").
    pub teens: &'static [&'static str],
    /// Words that multiply a unit before them by a hundred ("ثلاث مئة").
    pub hundreds: &'static [&'static str],
    pub scales: &'static [(&'static str, f64, Form)],
    /// Currency phrases and their ISO 4217 codes.
    pub currencies: &'static [(&'static str, &'static str)],
    pub percents: &'static [&'static str],
    /// Words between the whole and the decimal digits of a number in
    /// words ("two point five", "ثلاثة فاصلة خمسة").
    pub decimal_words: &'static [&'static str],
    /// Words that make the figure after them negative ("minus", "سالب").
    pub minus: &'static [&'static str],
    /// Coins: a hundredth of a currency ("cents", "копеек", "אגורות").
    pub subunits: &'static [(&'static str, &'static str)],
    /// Currencies a nationality adjective next to them names ("Qatari
    /// riyals", "ريال قطري", "азербайджанских манатов"): the word and the
    /// code it stands for alone. The adjective's country picks the code
    /// (`CURRENCY_OF`).
    pub currency_names: &'static [(&'static str, &'static str)],
    /// Units of quantities ("tonnes", "barrels per day", "مليون طن"): the
    /// unit's code and the factor to it ("bcm" is 1e9 m3).
    pub units: &'static [(&'static str, (&'static str, f64))],
    /// Counts of counts: "tens", "hundreds", "عشرات", "десятки". Before a
    /// plural scale they make a lower bound ("tens of thousands": more
    /// than 10,000), and so does a plural scale alone ("thousands of").
    pub plural_counts: &'static [(&'static str, f64)],
    /// Words of change before a figure ("fell", "تراجع", "снизил-", "ירד"):
    /// the figure after them is a change, signed by the way it went. An
    /// entry ending in "-" is a stem ("вырос-" matches "выросла").
    pub changes: &'static [(&'static str, Way)],
    /// Words of change after a figure ("a 3% drop", "3% higher").
    pub changes_after: &'static [(&'static str, Way)],
    /// Words between a word of change and its figure that keep it a change
    /// ("by", "بنسبة", "на", "ב").
    pub change_by: &'static [&'static str],
    /// Words before a figure that make it the level reached, not the
    /// change ("rose to 4.5%", "ارتفع إلى", "до", "ל").
    pub change_to: &'static [&'static str],
    /// Words that make a percent a rate (interest, inflation, unemployment);
    /// entries ending in "-" are stems.
    pub rate_words: &'static [&'static str],
    /// Days, weeks and months relative to the source's date ("yesterday",
    /// "last week", "الشهر الماضي", "в прошлом месяце").
    pub relative_days: &'static [(&'static str, i32)],
    pub relative_weeks: &'static [(&'static str, i32)],
    pub relative_months: &'static [(&'static str, i32)],
    /// Ordinal words of days ("first", "الأول", "الحادي والعشرين").
    pub ordinals: &'static [(&'static str, u32)],
    /// Suffixes that make digits an ordinal ("3rd", "3-го").
    pub ordinal_suffixes: &'static [&'static str],
    /// Parts of a month, year or decade ("early", "mid", "the end of", "مطلع").
    pub parts: &'static [(&'static str, Part)],
    /// Nouns for the year a text speaks of, after a part ("early in the
    /// year", "مطلع العام", "в начале года").
    pub year_nouns: &'static [&'static str],
    /// Numeric dates put the month first ("10/31/1974") when a slash date
    /// could be read both ways.
    pub month_first: bool,
    /// Phrases that name a thing with a number ("the Group of Seven",
    /// "مجموعة العشرين"): no value.
    pub named_numbers: &'static [&'static str],
    /// Hedges before a value.
    pub hedges: &'static [(&'static str, Hedge)],
    /// Verbs that bound a figure with its subject between them:
    /// "لم يتجاوز العدد 1200" (at most 1200), "تجاوز الدين 1.2 تريليون".
    pub verb_hedges: &'static [(&'static str, Hedge)],
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
    /// Weekdays, numbered from Monday (1) to Sunday (7).
    pub weekdays: &'static [(&'static str, u32)],
    /// Words before or after a weekday that put it in the week before:
    /// "last Monday", "الخميس الماضي", "в прошлый понедельник".
    pub last_words: &'static [&'static str],
    /// Words before or after a weekday that put it in the week after:
    /// "next Monday", "الاثنين القادم", "в следующий понедельник".
    pub next_words: &'static [&'static str],
    /// Words that make a following four-digit number a year, kept in the span.
    pub year_words: &'static [&'static str],
    /// Prepositions that make a following four-digit number a year.
    pub year_preps: &'static [&'static str],
    /// Words that introduce a list or range of years ("عامي", "between").
    pub years_plural: &'static [&'static str],
    pub decades: &'static [(&'static str, i32)],
    /// Relative years: "العام الماضي" is −1, counted from the source's date.
    pub relative_years: &'static [(&'static str, i32)],
    /// Years counted from the last year the text named: "the previous
    /// year", "العام السابق" are −1, "the following year" +1.
    pub anaphoric_years: &'static [(&'static str, i32)],
    /// Words after a duration that count it from the last year the text
    /// named ("two years earlier": −1 × 2, "год спустя": +1).
    pub anaphor_after: &'static [(&'static str, i32)],
    /// Words before a bare four-digit number that make it a year in a noun
    /// phrase ("the 2016 deal"), when a word follows it.
    pub year_determiners: &'static [&'static str],
    /// Endings that mark the word before a bare four-digit number as a noun
    /// the year qualifies ("صفقة 2016"), when no word follows the number.
    pub noun_endings: &'static [&'static str],
    /// Definite articles glued to a noun ("ال"): a definite noun is no
    /// construct with the number after it ("بلغت الحصيلة 2016" is a count).
    pub articles: &'static [&'static str],
    /// Durations: word, years (months as twelfths), how many of them the word is alone.
    pub durations: &'static [(&'static str, f64, u32)],
    pub ago_before: &'static [&'static str],
    pub ago_after: &'static [&'static str],
    /// Words that open a range ("ما بين", "between") and join its ends.
    pub range_open: &'static [&'static str],
    pub range_join: &'static [&'static str],
    /// Words that open a range of months, quarters or years ("from", "с",
    /// "من") and join its ends ("to", "по", "حتى"). A join that also joins
    /// lists ("and", "و") makes a range only after an opener.
    pub period_open: &'static [&'static str],
    pub period_join: &'static [&'static str],
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
    /// Fractions: "نصف", "a third".
    pub fractions: &'static [(&'static str, f64)],
    /// Words after which a number is an identifier, not a value ("page 12").
    pub number_labels: &'static [&'static str],
    /// Words after a number that make it a time of day ("10 pm").
    pub time_words: &'static [&'static str],
    /// Words after a year that belong to it ("2025 года", "в 2024 году").
    pub year_suffixes: &'static [&'static str],
    /// Suffixes that make a year a decade ("1990-е", "90-х").
    pub decade_suffixes: &'static [&'static str],
    /// Words before a count that make it a multiplier ("פי 3").
    pub multiplier_before: &'static [&'static str],
    /// Abbreviations whose dot does not end a sentence ("тыс.", "млн.").
    pub abbreviations: &'static [&'static str],
    /// A decimal comma: "5,8" is 5.8 and "1,250 млрд" is 1.25 billion.
    pub decimal_comma: bool,
    /// A glued prefix meaning "about" ("כעשור": about a decade).
    pub approx_prefixes: &'static [&'static str],
    /// Capitalized words that are no names before a number ("On 3 July").
    pub function_words: &'static [&'static str],
    /// Clitics glued before a word, in layers tried in order, each optional
    /// (Arabic: conjunction, then preposition, then article).
    pub proclitics: &'static [&'static [&'static str]],
    /// Words that set two figures against each other ("بينما", "whereas"):
    /// a figure's authority and key are looked for on its own side first.
    pub contrast: &'static [&'static str],
    /// Words that join the items of a list ("و", "and", ","): "in 2013 and
    /// 2015" keys a figure to both years.
    pub list_joins: &'static [&'static str],
    /// Letters a word keeps at least once its proclitics are stripped.
    pub min_stem: usize,
    /// Words (and glued proclitics, for Arabic and Hebrew) before a
    /// country that make it the partner of a relation, not its subject:
    /// "trade with Israel", "exports to Russia", "لإسرائيل", "с Израилем".
    /// A figure that names only its partner takes its subject from the
    /// context; one that names only its subject ("Azerbaijan's total
    /// exports") is no pair's.
    pub partner_words: &'static [&'static str],
    pub partner_proclitics: &'static [&'static str],
    /// Countries and territories: what CLDR's names lack (see `entity`).
    pub entities: Entities,
}

/// What a language says about countries beyond CLDR's territory names
/// (`data/territories.tsv`, generated by `scripts/gen_territories.py`).
/// Codes are ISO 3166-1 alpha-2, as CLDR writes them ("KZ", "IL", "XK").
/// Forms are written as a reader writes them, in their base form: the
/// gazetteer folds them and adds proclitics and endings itself.
pub struct Entities {
    /// Names CLDR lacks: short and official names, common spellings
    /// ("UAE", "الولايات المتحدة الأمريكية", "США").
    pub names: &'static [(&'static str, &'static [&'static str])],
    /// Adjectives and demonyms in their base form ("Kazakh", "Kazakhstani";
    /// "كازاخستاني"; "казахстанский"; "קזחי"); `adjective_endings` inflect them.
    pub adjectives: &'static [(&'static str, &'static [&'static str])],
    /// Capitals, which stand for a government ("Astana", "أستانا").
    pub capitals: &'static [(&'static str, &'static [&'static str])],
    /// National statistics bureaus by name ("Rosstat", "TurkStat").
    pub bureaus: &'static [(&'static str, &'static [&'static str])],
    /// Names that are also common words ("مالي" is "financial"): a country
    /// only right after one of `country_cues`.
    pub weak: &'static [&'static str],
    /// Names of several entities ("Congo", "كوريا"): a mention of one
    /// names none of them, and says which it could be.
    pub ambiguous: &'static [(&'static str, &'static [&'static str])],
    /// Words that make the name after them a country ("جمهورية", "Republic of").
    pub country_cues: &'static [&'static str],
    /// Words that make a capitalized name after them no country
    /// ("state of" Georgia).
    pub not_country_before: &'static [&'static str],
    /// Words right after a name that make it no country: a river, an
    /// ocean, a region ("Niger River", "أمريكا اللاتينية", "Гвинейский залив").
    pub not_country_after: &'static [&'static str],
    /// Phrases that point to two countries named before ("the two
    /// countries", "البلدين", "двусторонний").
    pub pair_cues: &'static [&'static str],
    /// Endings a name takes (Russian cases: "Казахстана"), and the final
    /// letters a name drops before them ("Россия" → "Росси-и").
    pub name_endings: &'static [&'static str],
    pub name_drops: &'static [&'static str],
    /// Endings an adjective takes ("كازاخستاني-ة", "казахстанск-ого"), and
    /// the final letters its base form drops before them ("-ий").
    pub adjective_endings: &'static [&'static str],
    pub adjective_drops: &'static [&'static str],
    /// Names are capitalized (English, Russian): "turkey" is no country.
    pub capitalized: bool,
}

impl Entities {
    pub const EMPTY: Entities = Entities {
        names: &[],
        adjectives: &[],
        capitals: &[],
        bureaus: &[],
        weak: &[],
        ambiguous: &[],
        country_cues: &[],
        not_country_before: &[],
        not_country_after: &[],
        pair_cues: &[],
        name_endings: &[],
        name_drops: &[],
        adjective_endings: &[],
        adjective_drops: &[],
        capitalized: false,
    };
}

/// Symbols and codes every language shares: %, $, €, ISO currency codes.
pub static COMMON: Lang = Lang {
    code: "common",
    numbers: &[],
    teen_only: &[],
    teens: &[],
    hundreds: &[],
    scales: &[],
    currencies: &[
        ("us$", "USD"),
        ("$", "USD"),
        ("usd", "USD"),
        ("€", "EUR"),
        ("eur", "EUR"),
        ("kzt", "KZT"),
        ("₸", "KZT"),
        ("ils", "ILS"),
        ("nis", "ILS"),
        ("₪", "ILS"),
        ("rub", "RUB"),
        ("₽", "RUB"),
        ("£", "GBP"),
        ("gbp", "GBP"),
        ("₹", "INR"),
        ("inr", "INR"),
        ("rs", "INR"),
        ("r$", "BRL"),
        ("a$", "AUD"),
        ("c$", "CAD"),
        ("hk$", "HKD"),
        ("s$", "SGD"),
        ("¥", "JPY"),
        ("jpy", "JPY"),
        ("cny", "CNY"),
        ("rmb", "CNY"),
        ("chf", "CHF"),
        ("sar", "SAR"),
        ("qar", "QAR"),
        ("kwd", "KWD"),
        ("aed", "AED"),
        ("bhd", "BHD"),
        ("omr", "OMR"),
        ("jod", "JOD"),
        ("iqd", "IQD"),
        ("egp", "EGP"),
        ("try", "TRY"),
        ("₺", "TRY"),
        ("azn", "AZN"),
        ("₼", "AZN"),
        ("uzs", "UZS"),
        ("kgs", "KGS"),
        ("tjs", "TJS"),
        ("tmt", "TMT"),
        ("gel", "GEL"),
        ("amd", "AMD"),
        ("uah", "UAH"),
        ("₴", "UAH"),
        ("byn", "BYN"),
        ("irr", "IRR"),
        ("pkr", "PKR"),
        ("mad", "MAD"),
        ("dzd", "DZD"),
        ("tnd", "TND"),
        ("lyd", "LYD"),
        ("lbp", "LBP"),
        ("syp", "SYP"),
        ("zar", "ZAR"),
        ("ngn", "NGN"),
        ("₦", "NGN"),
        ("krw", "KRW"),
        ("₩", "KRW"),
        ("cad", "CAD"),
        ("aud", "AUD"),
        ("brl", "BRL"),
        ("mxn", "MXN"),
        ("idr", "IDR"),
        ("sgd", "SGD"),
        ("hkd", "HKD"),
        ("sek", "SEK"),
        ("nok", "NOK"),
        ("dkk", "DKK"),
        ("pln", "PLN"),
    ],
    percents: &["%", "٪"],
    minus: &[],
    decimal_words: &[],
    subunits: &[("¢", "USD")],
    currency_names: &[],
    units: &[],
    plural_counts: &[],
    changes: &[],
    changes_after: &[],
    change_by: &[],
    change_to: &[],
    rate_words: &[],
    relative_days: &[],
    relative_weeks: &[],
    relative_months: &[],
    ordinals: &[],
    ordinal_suffixes: &[],
    parts: &[],
    year_nouns: &[],
    month_first: false,
    named_numbers: &[],
    hedges: &[],
    verb_hedges: &[],
    post_hedges: &[],
    multipliers: &[("x", 0), ("×", 0)],
    weak_multipliers: &[],
    multiplier_cues: &[],
    months: &[],
    weekdays: &[],
    last_words: &[],
    next_words: &[],
    year_words: &[],
    year_preps: &[],
    years_plural: &[],
    decades: &[],
    relative_years: &[],
    anaphoric_years: &[],
    anaphor_after: &[],
    year_determiners: &[],
    noun_endings: &[],
    articles: &[],
    durations: &[],
    ago_before: &[],
    ago_after: &[],
    range_open: &[],
    range_join: &["-", "–", "—"],
    period_open: &[],
    period_join: &["-", "–", "—"],
    months_word: &[],
    first_words: &[],
    of_words: &[],
    halves: &[],
    quarters: &[],
    half_words: &[],
    quarter_words: &[],
    same_period: &[],
    centuries: &[],
    last_century: &[],
    century_word: &[],
    fractions: &[],
    number_labels: &[],
    time_words: &[],
    year_suffixes: &[],
    decade_suffixes: &[],
    multiplier_before: &[],
    abbreviations: &[],
    decimal_comma: false,
    approx_prefixes: &[],
    function_words: &[],
    proclitics: &[],
    contrast: &[],
    list_joins: &[",", "،"],
    min_stem: 1,
    partner_words: &[],
    partner_proclitics: &[],
    entities: Entities::EMPTY,
};

/// The currency of each country (ISO 3166-1 alpha-2 to ISO 4217), for a
/// nationality adjective next to a currency word ("Qatari riyals" is QAR).
pub static CURRENCY_OF: &[(&str, &str)] = &[
    ("AE", "AED"),
    ("AF", "AFN"),
    ("AM", "AMD"),
    ("AR", "ARS"),
    ("AU", "AUD"),
    ("AZ", "AZN"),
    ("BD", "BDT"),
    ("BH", "BHD"),
    ("BR", "BRL"),
    ("BY", "BYN"),
    ("CA", "CAD"),
    ("CH", "CHF"),
    ("CL", "CLP"),
    ("CN", "CNY"),
    ("CO", "COP"),
    ("CZ", "CZK"),
    ("DK", "DKK"),
    ("DZ", "DZD"),
    ("EG", "EGP"),
    ("ET", "ETB"),
    ("GB", "GBP"),
    ("GE", "GEL"),
    ("GH", "GHS"),
    ("HK", "HKD"),
    ("HU", "HUF"),
    ("ID", "IDR"),
    ("IL", "ILS"),
    ("IN", "INR"),
    ("IQ", "IQD"),
    ("IR", "IRR"),
    ("IS", "ISK"),
    ("JO", "JOD"),
    ("JP", "JPY"),
    ("KE", "KES"),
    ("KG", "KGS"),
    ("KR", "KRW"),
    ("KW", "KWD"),
    ("KZ", "KZT"),
    ("LB", "LBP"),
    ("LK", "LKR"),
    ("LY", "LYD"),
    ("MA", "MAD"),
    ("MD", "MDL"),
    ("MN", "MNT"),
    ("MX", "MXN"),
    ("MY", "MYR"),
    ("NG", "NGN"),
    ("NO", "NOK"),
    ("NP", "NPR"),
    ("NZ", "NZD"),
    ("OM", "OMR"),
    ("PH", "PHP"),
    ("PK", "PKR"),
    ("PL", "PLN"),
    ("QA", "QAR"),
    ("RO", "RON"),
    ("RS", "RSD"),
    ("RU", "RUB"),
    ("SA", "SAR"),
    ("SD", "SDG"),
    ("SE", "SEK"),
    ("SG", "SGD"),
    ("SY", "SYP"),
    ("TH", "THB"),
    ("TJ", "TJS"),
    ("TM", "TMT"),
    ("TN", "TND"),
    ("TR", "TRY"),
    ("TW", "TWD"),
    ("UA", "UAH"),
    ("US", "USD"),
    ("UZ", "UZS"),
    ("VN", "VND"),
    ("YE", "YER"),
    ("ZA", "ZAR"),
];

/// Currencies that share a name ("dinar", "riyal", "dirham", "pound",
/// "peso"…): a bare "dirham" in a sentence that names Morocco is Morocco's.
/// The dollar is not here: "dollars" in a story about Canada are as often
/// U.S. dollars.
pub static CURRENCY_FAMILIES: &[&[&str]] = &[
    &["KWD", "IQD", "JOD", "BHD", "LYD", "TND", "DZD", "RSD"],
    &["SAR", "QAR", "OMR", "YER", "IRR"],
    &["AED", "MAD"],
    &["GBP", "EGP", "LBP", "SYP", "SDG"],
    &["TRY", "LBP", "SYP"],
    &["MXN", "PHP", "ARS", "CLP", "COP"],
    &["INR", "PKR", "LKR", "NPR"],
    &["CHF", "XOF"],
    &["AZN", "TMT"],
    &["UZS", "KGS"],
    &["SEK", "NOK", "DKK", "ISK"],
];

/// Every language, in the order their tables are merged.
pub static LANGS: &[&Lang] = &[&AR, &EN, &RU, &HE];

/// The codes of every language (`ar`, `en`, …).
pub fn codes() -> impl Iterator<Item = &'static str> {
    LANGS.iter().map(|l| l.code)
}

/// Is `word` an abbreviation whose dot does not end a sentence ("тыс.")?
pub fn is_abbreviation(word: &str) -> bool {
    static ALL: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        LANGS
            .iter()
            .flat_map(|l| l.abbreviations.iter())
            .map(|a| crate::text::fold_str(a).to_lowercase())
            .collect()
    });
    !word.is_empty() && ALL.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Is `word` (folded, trimmed) a word that joins the items of a list in
/// some language ("و", "and", "и", ",")?
pub fn is_list_join(word: &str) -> bool {
    LANGS
        .iter()
        .chain(std::iter::once(&&COMMON))
        .flat_map(|l| l.list_joins.iter())
        .any(|j| j.eq_ignore_ascii_case(word))
}
