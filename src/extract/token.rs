//! Tokens of folded text and the phrase lexicon built from the language tables.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::lang::{Form, LANGS, Lang, Part, Way};
use crate::text::{caseless, fold_str, is_letter};
use crate::value::Hedge;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Lower-cased text (borrowed when it has no capitals).
    pub text: Cow<'a, str>,
    /// Whitespace stands between this token and the one before.
    pub space_before: bool,
}

pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_range(text, 0, text.len())
}

/// The tokens of `text[from..to]`, with offsets into `text`; the first
/// token is spaced when whitespace (or nothing) stands before `from`.
pub fn tokenize_range(text: &str, from: usize, to: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut space = text[..from]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    let text = &text[..to];
    let mut it = text[from..]
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let (kind, end) = if is_letter(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_letter(d) || is_mark(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            (TokKind::Word, end)
        } else if c.is_ascii_digit()
            || (c == '.' && space && it.peek().is_some_and(|&(_, d)| d.is_ascii_digit()))
        {
            // ".77": a decimal without its zero, after a space.
            let mut end = i + 1;
            loop {
                match it.peek() {
                    Some(&(j, d)) if d.is_ascii_digit() => {
                        end = j + 1;
                        it.next();
                    }
                    Some(&(j, d @ ('.' | ','))) => {
                        let next = text[j + 1..].chars().next();
                        if next.is_some_and(|n| n.is_ascii_digit()) {
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    // A no-break or thin space between digit groups: "1 200 000".
                    Some(&(j, d @ ('\u{00A0}' | '\u{202F}' | '\u{2009}'))) => {
                        let group = &text[j + d.len_utf8()..];
                        let digits = group.bytes().take_while(u8::is_ascii_digit).count();
                        if digits == 3 {
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            (TokKind::Num, end)
        } else {
            (TokKind::Punct, i + c.len_utf8())
        };
        out.push(Tok {
            kind,
            start: i,
            end,
            text: lower(&text[i..end]),
            space_before: space,
        });
        space = false;
    }
    out
}

/// The lower case of a token, allocated only when it has capitals.
fn lower(s: &str) -> Cow<'_, str> {
    let has_upper = if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().any(|c| !caseless(c) && c.is_uppercase())
    };
    if has_upper {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}')
}

/// A table phrase split into token texts.
pub type Phrase = Vec<String>;

/// A table entry as the grammars see it: folded, lower-cased, tokenized.
pub(crate) fn phrase(s: &str) -> Phrase {
    tokenize(&fold_str(s))
        .into_iter()
        .map(|t| t.text.into_owned())
        .collect()
}

fn phrases<T: Copy>(list: &[(&str, T)]) -> Vec<(Phrase, T)> {
    let mut v: Vec<(Phrase, T)> = list.iter().map(|(s, t)| (phrase(s), *t)).collect();
    // Longest first, so "كانون الثاني" wins over a shorter entry.
    v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    v
}

fn plain(list: &[&str]) -> Vec<Phrase> {
    let mut v: Vec<Phrase> = list.iter().map(|s| phrase(s)).collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v
}

/// A table whose entries ending in "-" are stems ("вырос-" matches
/// "выросла"): the stems go to `stems`, folded, the rest to `set`.
fn split_stems<T: Copy>(list: &[(&str, T)], set: &mut Set<T>, stems: &mut Vec<(String, T)>) {
    let (cut, whole): (Vec<_>, Vec<_>) = list.iter().partition(|(w, _)| w.ends_with('-'));
    let whole: Vec<(&str, T)> = whole.into_iter().copied().collect();
    stems.extend(
        cut.iter()
            .map(|(w, v)| (fold_str(w.trim_end_matches('-')).to_lowercase(), *v)),
    );
    set.extend(phrases(&whole));
}

/// Phrases indexed by their first word, longest first within each word.
#[derive(Debug)]
pub struct Set<T> {
    map: HashMap<String, Vec<(Phrase, T)>>,
    /// This set's bit in `Lexicon::words`.
    pub bit: u64,
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set {
            map: HashMap::default(),
            bit: 0,
        }
    }
}

impl<T> Set<T> {
    pub fn bucket(&self, first: &str) -> &[(Phrase, T)] {
        self.map.get(first).map_or(&[], Vec::as_slice)
    }
}

impl<T> Extend<(Phrase, T)> for Set<T> {
    fn extend<I: IntoIterator<Item = (Phrase, T)>>(&mut self, iter: I) {
        for (p, v) in iter {
            let Some(first) = p.first().cloned() else {
                continue;
            };
            let bucket = self.map.entry(first).or_default();
            let at = bucket
                .iter()
                .position(|(q, _)| q.len() < p.len())
                .unwrap_or(bucket.len());
            bucket.insert(at, (p, v));
        }
    }
}

impl Extend<Phrase> for Set<()> {
    fn extend<I: IntoIterator<Item = Phrase>>(&mut self, iter: I) {
        self.extend(iter.into_iter().map(|p| (p, ())));
    }
}

/// Every language's tables, folded, merged and ready for lookup.
pub struct Lexicon {
    pub numbers: HashMap<String, u32>,
    pub teen_only: HashMap<String, u32>,
    pub teens: Vec<String>,
    pub hundreds: Vec<String>,
    pub scales: HashMap<String, (f64, Form)>,
    pub currencies: Set<&'static str>,
    pub percents: Set<()>,
    pub hedges: Set<Hedge>,
    pub verb_hedges: Set<Hedge>,
    pub post_hedges: Set<()>,
    pub multipliers: HashMap<String, u32>,
    pub weak_multipliers: HashMap<String, u32>,
    pub multiplier_cues: Set<()>,
    pub months: Set<u32>,
    pub weekdays: Set<u32>,
    pub last_words: Set<()>,
    pub next_words: Set<()>,
    pub subunits: Set<&'static str>,
    pub minus: Set<()>,
    pub decimal_words: Set<()>,
    pub currency_names: Set<&'static str>,
    pub units: Set<(&'static str, f64)>,
    pub plural_counts: Set<f64>,
    pub changes: Set<Way>,
    /// Entries of `changes` ending in "-": stems ("вырос-").
    pub change_stems: Vec<(String, Way)>,
    pub changes_after: Set<Way>,
    pub change_by: Set<()>,
    pub change_to: Set<()>,
    pub change_to_stems: Vec<(String, ())>,
    pub rate_words: Set<()>,
    pub rate_stems: Vec<(String, ())>,
    pub relative_days: Set<i32>,
    pub relative_weeks: Set<i32>,
    pub relative_months: Set<i32>,
    pub ordinals: Set<u32>,
    pub ordinal_suffixes: Vec<String>,
    pub parts: Set<Part>,
    pub year_nouns: Set<()>,
    pub named_numbers: Set<()>,
    /// Every language read says slash dates put the month first.
    pub month_first: bool,
    pub year_words: Set<()>,
    pub year_preps: Set<()>,
    pub years_plural: Set<()>,
    pub decades: HashMap<String, i32>,
    pub relative_years: Set<i32>,
    pub anaphoric_years: Set<i32>,
    pub anaphor_after: Set<i32>,
    pub year_determiners: Set<()>,
    pub noun_endings: Vec<String>,
    pub articles: Vec<String>,
    pub durations: HashMap<String, (f64, u32)>,
    pub ago_before: Set<()>,
    pub ago_after: Set<()>,
    pub range_open: Set<()>,
    pub range_join: Set<()>,
    pub period_open: Set<()>,
    pub period_join: Set<()>,
    pub months_word: Set<()>,
    pub first_words: Set<()>,
    pub of_words: Set<()>,
    pub halves: Set<u32>,
    pub quarters: Set<u32>,
    pub half_words: Set<()>,
    pub quarter_words: Set<()>,
    pub same_period: Set<()>,
    pub centuries: Set<i32>,
    pub last_century: Set<()>,
    pub century_word: Set<()>,
    pub fractions: HashMap<String, f64>,
    pub number_labels: Set<()>,
    pub time_words: Set<()>,
    pub year_suffixes: Set<()>,
    pub decade_suffixes: Vec<String>,
    pub multiplier_before: Set<()>,
    pub abbreviations: Vec<String>,
    /// Scale, currency and percent words of decimal-comma languages.
    pub comma_words: HashSet<String>,
    pub decimal_comma: bool,
    pub approx_prefixes: Vec<String>,
    pub decade_phrases: Set<i32>,
    pub function_words: HashSet<String>,
    /// Every word or symbol a value can begin with: the first words of all
    /// the tables above. A token none of whose forms is here, and which is
    /// no number, starts no value, so the grammars skip it at once.
    pub starters: HashSet<String>,
    /// For each word, the sets it begins a phrase of (their `bit`s), and
    /// `MAP_BIT` when it is a key of a word table: one lookup per token
    /// answers whether any of the tables can hold it.
    pub words: HashMap<String, u64>,
}

/// The bit of `Lexicon::words` for keys of the word tables (numbers,
/// scales, multipliers, decades, durations, fractions).
pub const MAP_BIT: u64 = 1 << 63;

impl<T> Set<T> {
    /// The first words of the set's phrases.
    pub fn firsts(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

fn build(langs: &[&Lang]) -> Lexicon {
    let mut lx = Lexicon {
        numbers: HashMap::default(),
        teen_only: HashMap::default(),
        teens: vec![],
        hundreds: vec![],
        scales: HashMap::default(),
        currencies: Set::default(),
        percents: Set::default(),
        hedges: Set::default(),
        verb_hedges: Set::default(),
        post_hedges: Set::default(),
        multipliers: HashMap::default(),
        weak_multipliers: HashMap::default(),
        multiplier_cues: Set::default(),
        months: Set::default(),
        weekdays: Set::default(),
        last_words: Set::default(),
        next_words: Set::default(),
        subunits: Set::default(),
        minus: Set::default(),
        decimal_words: Set::default(),
        currency_names: Set::default(),
        units: Set::default(),
        plural_counts: Set::default(),
        changes: Set::default(),
        change_stems: vec![],
        changes_after: Set::default(),
        change_by: Set::default(),
        change_to: Set::default(),
        change_to_stems: vec![],
        rate_words: Set::default(),
        rate_stems: vec![],
        relative_days: Set::default(),
        relative_weeks: Set::default(),
        relative_months: Set::default(),
        ordinals: Set::default(),
        ordinal_suffixes: vec![],
        parts: Set::default(),
        year_nouns: Set::default(),
        named_numbers: Set::default(),
        month_first: !langs.is_empty() && langs.iter().all(|l| l.month_first),
        year_words: Set::default(),
        year_preps: Set::default(),
        years_plural: Set::default(),
        decades: HashMap::default(),
        relative_years: Set::default(),
        anaphoric_years: Set::default(),
        anaphor_after: Set::default(),
        year_determiners: Set::default(),
        noun_endings: vec![],
        articles: vec![],
        durations: HashMap::default(),
        ago_before: Set::default(),
        ago_after: Set::default(),
        range_open: Set::default(),
        range_join: Set::default(),
        period_open: Set::default(),
        period_join: Set::default(),
        months_word: Set::default(),
        first_words: Set::default(),
        of_words: Set::default(),
        halves: Set::default(),
        quarters: Set::default(),
        half_words: Set::default(),
        quarter_words: Set::default(),
        same_period: Set::default(),
        centuries: Set::default(),
        last_century: Set::default(),
        century_word: Set::default(),
        fractions: HashMap::default(),
        number_labels: Set::default(),
        time_words: Set::default(),
        year_suffixes: Set::default(),
        decade_suffixes: vec![],
        multiplier_before: Set::default(),
        abbreviations: vec![],
        comma_words: HashSet::default(),
        decimal_comma: !langs.is_empty() && langs.iter().all(|l| l.decimal_comma),
        approx_prefixes: vec![],
        decade_phrases: Set::default(),
        function_words: HashSet::default(),
        starters: HashSet::default(),
        words: HashMap::default(),
    };
    let key = |s: &str| fold_str(s).to_lowercase();
    for l in std::iter::once(&&crate::lang::COMMON).chain(langs) {
        lx.numbers
            .extend(l.numbers.iter().map(|(w, v)| (key(w), *v)));
        lx.teens.extend(l.teens.iter().map(|w| key(w)));
        lx.teen_only
            .extend(l.teen_only.iter().map(|(w, v)| (key(w), *v)));
        lx.hundreds.extend(l.hundreds.iter().map(|w| key(w)));
        lx.scales
            .extend(l.scales.iter().map(|(w, v, f)| (key(w), (*v, *f))));
        lx.currencies.extend(phrases(l.currencies));
        lx.percents.extend(plain(l.percents));
        lx.hedges.extend(phrases(l.hedges));
        lx.verb_hedges.extend(phrases(l.verb_hedges));
        lx.post_hedges.extend(plain(l.post_hedges));
        lx.multipliers
            .extend(l.multipliers.iter().map(|(w, v)| (key(w), *v)));
        lx.weak_multipliers
            .extend(l.weak_multipliers.iter().map(|(w, v)| (key(w), *v)));
        lx.multiplier_cues.extend(plain(l.multiplier_cues));
        lx.months.extend(phrases(l.months));
        lx.weekdays.extend(phrases(l.weekdays));
        lx.last_words.extend(plain(l.last_words));
        lx.next_words.extend(plain(l.next_words));
        lx.subunits.extend(phrases(l.subunits));
        lx.minus.extend(plain(l.minus));
        lx.decimal_words.extend(plain(l.decimal_words));
        lx.currency_names.extend(phrases(l.currency_names));
        lx.units.extend(phrases(l.units));
        lx.plural_counts.extend(phrases(l.plural_counts));
        split_stems(l.changes, &mut lx.changes, &mut lx.change_stems);
        lx.changes_after.extend(phrases(l.changes_after));
        lx.change_by.extend(plain(l.change_by));
        let unit = |w: &&'static str| (*w, ());
        let change_to: Vec<_> = l.change_to.iter().map(unit).collect();
        split_stems(&change_to, &mut lx.change_to, &mut lx.change_to_stems);
        let rate_words: Vec<_> = l.rate_words.iter().map(unit).collect();
        split_stems(&rate_words, &mut lx.rate_words, &mut lx.rate_stems);
        lx.relative_days.extend(phrases(l.relative_days));
        lx.relative_weeks.extend(phrases(l.relative_weeks));
        lx.relative_months.extend(phrases(l.relative_months));
        lx.ordinals.extend(phrases(l.ordinals));
        lx.ordinal_suffixes
            .extend(l.ordinal_suffixes.iter().map(|w| key(w)));
        lx.parts.extend(phrases(l.parts));
        lx.year_nouns.extend(plain(l.year_nouns));
        lx.named_numbers.extend(plain(l.named_numbers));
        lx.year_words.extend(plain(l.year_words));
        lx.year_preps.extend(plain(l.year_preps));
        lx.years_plural.extend(plain(l.years_plural));
        lx.decades
            .extend(l.decades.iter().map(|(w, v)| (key(w), *v)));
        lx.relative_years.extend(phrases(l.relative_years));
        lx.anaphoric_years.extend(phrases(l.anaphoric_years));
        lx.anaphor_after.extend(phrases(l.anaphor_after));
        lx.year_determiners.extend(plain(l.year_determiners));
        lx.noun_endings
            .extend(l.noun_endings.iter().map(|w| key(w)));
        lx.articles.extend(l.articles.iter().map(|w| key(w)));
        lx.durations
            .extend(l.durations.iter().map(|(w, y, n)| (key(w), (*y, *n))));
        lx.ago_before.extend(plain(l.ago_before));
        lx.ago_after.extend(plain(l.ago_after));
        lx.range_open.extend(plain(l.range_open));
        lx.range_join.extend(plain(l.range_join));
        lx.period_open.extend(plain(l.period_open));
        lx.period_join.extend(plain(l.period_join));
        lx.months_word.extend(plain(l.months_word));
        lx.first_words.extend(plain(l.first_words));
        lx.of_words.extend(plain(l.of_words));
        lx.halves.extend(phrases(l.halves));
        lx.quarters.extend(phrases(l.quarters));
        lx.half_words.extend(plain(l.half_words));
        lx.quarter_words.extend(plain(l.quarter_words));
        lx.same_period.extend(plain(l.same_period));
        lx.centuries.extend(phrases(l.centuries));
        lx.last_century.extend(plain(l.last_century));
        lx.century_word.extend(plain(l.century_word));
        lx.fractions
            .extend(l.fractions.iter().map(|(w, v)| (key(w), *v)));
        lx.number_labels.extend(plain(l.number_labels));
        lx.time_words.extend(plain(l.time_words));
        lx.year_suffixes.extend(plain(l.year_suffixes));
        lx.decade_suffixes
            .extend(l.decade_suffixes.iter().map(|w| key(w)));
        lx.multiplier_before.extend(plain(l.multiplier_before));
        lx.abbreviations
            .extend(l.abbreviations.iter().map(|w| key(w)));
        lx.function_words
            .extend(l.function_words.iter().map(|w| key(w)));
        lx.approx_prefixes
            .extend(l.approx_prefixes.iter().map(|w| key(w)));
        lx.decade_phrases
            .extend(phrases(l.decades).into_iter().filter(|(p, _)| p.len() > 1));
        if l.decimal_comma {
            lx.comma_words
                .extend(l.scales.iter().map(|(w, _, _)| key(w)));
            lx.comma_words
                .extend(l.currencies.iter().map(|(w, _)| key(w)));
            lx.comma_words.extend(l.percents.iter().map(|w| key(w)));
        }
    }
    lx.starters = starters(&lx);
    index_words(&mut lx);
    lx
}

/// The lexicon of one language (`ar`, `en`, …) or of all of them (`auto`).
pub fn lexicon(lang: &str) -> Option<&'static Lexicon> {
    LEXICONS.iter().find(|(c, _)| *c == lang).map(|(_, l)| l)
}

pub fn auto() -> &'static Lexicon {
    &LEXICONS[0].1
}

/// Every language's tables, reading a slash date as a source in `lang`
/// would write it: month first in English ("10/31/1974"), day first
/// elsewhere. A source of unknown language reads day first.
pub fn for_source(lang: &str, text: &str) -> &'static Lexicon {
    let lang = if lexicon(lang).is_some() {
        lang
    } else {
        guess_language(text)
    };
    if lexicon(lang).is_some_and(|l| l.month_first) {
        &AUTO_MONTH_FIRST
    } else {
        auto()
    }
}

/// A source's language when nothing states it, from its first 4 KB: the
/// script most of its letters are in, and for Latin script English's
/// commonest words. `""` when unsure.
pub fn guess_language(text: &str) -> &'static str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let (mut latin, mut arabic, mut hebrew, mut cyrillic) = (0usize, 0usize, 0usize, 0usize);
    for c in head.chars() {
        match c {
            'a'..='z' | 'A'..='Z' => latin += 1,
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            '\u{0590}'..='\u{05FF}' => hebrew += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            _ => {}
        }
    }
    let most = latin.max(arabic).max(hebrew).max(cyrillic);
    if most == 0 {
        return "";
    }
    if most == arabic {
        "ar"
    } else if most == hebrew {
        "he"
    } else if most == cyrillic {
        "ru"
    } else {
        let words = head
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "the" | "and" | "of" | "said" | "in" | "on"
                )
            })
            .count();
        if words >= 2 { "en" } else { "" }
    }
}

static AUTO_MONTH_FIRST: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lx = build(LANGS);
    lx.month_first = true;
    lx
});

static LEXICONS: LazyLock<Vec<(&'static str, Lexicon)>> = LazyLock::new(|| {
    let mut v = vec![("auto", build(LANGS))];
    v.extend(LANGS.iter().map(|l| (l.code, build(&[*l]))));
    v
});

/// A word and its forms without proclitics, the word itself first, by the
/// proclitic tables of every language. News repeats its words, so the
/// forms of each word are worked out once per thread and remembered (as the
/// byte lengths of the proclitics each form drops).
pub fn bare_forms(w: &str) -> Vec<&str> {
    let mut out = Vec::new();
    bare_forms_into(w, &mut out);
    out
}

/// `bare_forms`, appended to `out`.
pub fn bare_forms_into<'w>(w: &'w str, out: &mut Vec<&'w str>) {
    thread_local! {
        static CUTS: std::cell::RefCell<HashMap<Box<str>, Box<[u8]>>> =
            std::cell::RefCell::new(HashMap::default());
    }
    const MAX_WORDS: usize = 1 << 15;
    let start = out.len();
    let mut push = |cuts: &[u8]| {
        for &cut in cuts {
            let s = &w[usize::from(cut)..];
            if !out[start..].contains(&s) {
                out.push(s);
            }
        }
    };
    let known = CUTS.with(|c| c.borrow().get(w).map(|v| push(v)).is_some());
    if known {
        return;
    }
    let cuts: Box<[u8]> = strip_proclitics(w)
        .iter()
        .map(|s| u8::try_from(w.len() - s.len()).unwrap_or(0))
        .collect();
    push(&cuts);
    CUTS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_WORDS {
            c.clear();
        }
        c.insert(w.into(), cuts);
    });
}

fn strip_proclitics(w: &str) -> Vec<&str> {
    let mut out = vec![w];
    for lang in LANGS {
        if !lang
            .proclitics
            .iter()
            .flat_map(|l| l.iter())
            .any(|p| w.starts_with(p))
        {
            continue;
        }
        let mut stems = vec![w];
        for layer in lang.proclitics {
            let mut next = stems.clone();
            for stem in &stems {
                for p in *layer {
                    if let Some(rest) = stem.strip_prefix(p)
                        && rest.chars().count() >= lang.min_stem
                        && !next.contains(&rest)
                    {
                        next.push(rest);
                    }
                }
            }
            stems = next;
        }
        for s in stems {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Is the word nothing but proclitics ("ב" of "ב-2024", "בכ" of "בכ-34")?
pub fn only_proclitics(w: &str) -> bool {
    !w.is_empty()
        && LANGS.iter().any(|lang| {
            let mut rest = w;
            for layer in lang.proclitics {
                if let Some(p) = layer.iter().find(|p| rest.starts_with(**p)) {
                    rest = &rest[p.len()..];
                }
            }
            rest.is_empty()
        })
}

fn starters(lx: &Lexicon) -> HashSet<String> {
    let mut s: HashSet<String> = HashSet::default();
    let mut words = |keys: &mut dyn Iterator<Item = &String>| {
        for k in keys {
            if let Some(first) = k.split_whitespace().next() {
                s.insert(first.to_string());
            }
        }
    };
    words(&mut lx.numbers.keys());
    words(&mut lx.teen_only.keys());
    words(&mut lx.scales.keys());
    words(&mut lx.multipliers.keys());
    words(&mut lx.weak_multipliers.keys());
    words(&mut lx.decades.keys());
    words(&mut lx.durations.keys());
    words(&mut lx.fractions.keys());
    words(&mut lx.currencies.firsts());
    words(&mut lx.percents.firsts());
    words(&mut lx.hedges.firsts());
    words(&mut lx.verb_hedges.firsts());
    words(&mut lx.multiplier_cues.firsts());
    words(&mut lx.months.firsts());
    words(&mut lx.weekdays.firsts());
    words(&mut lx.plural_counts.firsts());
    words(&mut lx.minus.firsts());
    words(&mut lx.last_words.firsts());
    words(&mut lx.next_words.firsts());
    words(&mut lx.relative_days.firsts());
    words(&mut lx.relative_weeks.firsts());
    words(&mut lx.relative_months.firsts());
    words(&mut lx.ordinals.firsts());
    words(&mut lx.parts.firsts());
    words(&mut lx.named_numbers.firsts());
    words(&mut lx.year_words.firsts());
    words(&mut lx.year_preps.firsts());
    words(&mut lx.years_plural.firsts());
    words(&mut lx.relative_years.firsts());
    words(&mut lx.anaphoric_years.firsts());
    words(&mut lx.period_open.firsts());
    words(&mut lx.ago_before.firsts());
    words(&mut lx.range_open.firsts());
    words(&mut lx.months_word.firsts());
    words(&mut lx.first_words.firsts());
    words(&mut lx.halves.firsts());
    words(&mut lx.quarters.firsts());
    words(&mut lx.half_words.firsts());
    words(&mut lx.quarter_words.firsts());
    words(&mut lx.same_period.firsts());
    words(&mut lx.centuries.firsts());
    words(&mut lx.last_century.firsts());
    words(&mut lx.century_word.firsts());
    words(&mut lx.number_labels.firsts());
    words(&mut lx.multiplier_before.firsts());
    words(&mut lx.decade_phrases.firsts());
    words(&mut lx.of_words.firsts());
    // "a year ago"; "+7 701 …" (a phone number to skip); "H1 2025", "Q3 2023".
    // "-3.2%", "−0.2%": a sign.
    for w in ["a", "an", "+", "h", "q", "-", "ال"] {
        s.insert(w.to_string());
    }
    s
}

/// Gives every set its bit and records, for every word, the sets it begins
/// a phrase of and whether it is a key of a word table.
fn index_words(lx: &mut Lexicon) {
    let mut words: HashMap<String, u64> = HashMap::default();
    let mut next = 0u32;
    macro_rules! sets {
        ($($s:ident),* $(,)?) => {$(
            lx.$s.bit = 1u64 << next;
            for w in lx.$s.map.keys() {
                *words.entry(w.clone()).or_default() |= lx.$s.bit;
            }
            next += 1;
        )*};
    }
    sets!(
        currencies,
        percents,
        hedges,
        verb_hedges,
        post_hedges,
        multiplier_cues,
        months,
        weekdays,
        last_words,
        next_words,
        subunits,
        minus,
        decimal_words,
        currency_names,
        units,
        plural_counts,
        changes,
        changes_after,
        change_by,
        change_to,
        rate_words,
        relative_days,
        relative_weeks,
        relative_months,
        ordinals,
        parts,
        year_nouns,
        named_numbers,
        year_words,
        year_preps,
        years_plural,
        relative_years,
        anaphoric_years,
        anaphor_after,
        year_determiners,
        ago_before,
        ago_after,
        range_open,
        range_join,
        period_open,
        period_join,
        months_word,
        first_words,
        of_words,
        halves,
        quarters,
        half_words,
        quarter_words,
        same_period,
        centuries,
        last_century,
        century_word,
        number_labels,
        time_words,
        year_suffixes,
        multiplier_before,
        decade_phrases,
    );
    debug_assert!(next < 63);
    let keys = lx
        .numbers
        .keys()
        .chain(lx.teen_only.keys())
        .chain(lx.scales.keys())
        .chain(lx.multipliers.keys())
        .chain(lx.weak_multipliers.keys())
        .chain(lx.decades.keys())
        .chain(lx.durations.keys())
        .chain(lx.fractions.keys());
    for k in keys {
        *words.entry(k.clone()).or_default() |= MAP_BIT;
    }
    lx.words = words;
}
