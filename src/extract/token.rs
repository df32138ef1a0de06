//! Tokens of folded text and the phrase lexicon built from the language tables.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Hedge;
use super::tables::{Form, LANGS, Lang};
use crate::source::normalize::fold_str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Lower-cased text.
    pub text: String,
    /// Whitespace stands between this token and the one before.
    pub space_before: bool,
}

pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut space = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let (kind, end) = if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() || is_mark(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            (TokKind::Word, end)
        } else if c.is_ascii_digit() {
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
            text: text[i..end].to_lowercase(),
            space_before: space,
        });
        space = false;
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}')
}

/// A table phrase split into token texts.
pub type Phrase = Vec<String>;

fn phrase(s: &str) -> Phrase {
    tokenize(&fold_str(s)).into_iter().map(|t| t.text).collect()
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

/// Every language's tables, folded, merged and ready for lookup.
pub struct Lexicon {
    pub numbers: HashMap<String, u32>,
    pub teen_only: HashMap<String, u32>,
    pub teens: Vec<String>,
    pub hundreds: Vec<String>,
    pub scales: HashMap<String, (f64, Form)>,
    pub currencies: Vec<(Phrase, &'static str)>,
    pub percents: Vec<Phrase>,
    pub hedges: Vec<(Phrase, Hedge)>,
    pub verb_hedges: Vec<(Phrase, Hedge)>,
    pub post_hedges: Vec<Phrase>,
    pub multipliers: HashMap<String, u32>,
    pub weak_multipliers: HashMap<String, u32>,
    pub multiplier_cues: Vec<Phrase>,
    pub months: Vec<(Phrase, u32)>,
    pub weekdays: Vec<Phrase>,
    pub year_words: Vec<Phrase>,
    pub year_preps: Vec<Phrase>,
    pub years_plural: Vec<Phrase>,
    pub decades: HashMap<String, i32>,
    pub relative_years: Vec<(Phrase, i32)>,
    pub durations: HashMap<String, (f64, u32)>,
    pub ago_before: Vec<Phrase>,
    pub ago_after: Vec<Phrase>,
    pub range_open: Vec<Phrase>,
    pub range_join: Vec<Phrase>,
    pub months_word: Vec<Phrase>,
    pub first_words: Vec<Phrase>,
    pub of_words: Vec<Phrase>,
    pub halves: Vec<(Phrase, u32)>,
    pub quarters: Vec<(Phrase, u32)>,
    pub half_words: Vec<Phrase>,
    pub quarter_words: Vec<Phrase>,
    pub same_period: Vec<Phrase>,
    pub centuries: Vec<(Phrase, i32)>,
    pub last_century: Vec<Phrase>,
    pub century_word: Vec<Phrase>,
    pub fractions: HashMap<String, f64>,
    pub number_labels: Vec<Phrase>,
    pub time_words: Vec<Phrase>,
    pub year_suffixes: Vec<Phrase>,
    pub decade_suffixes: Vec<String>,
    pub multiplier_before: Vec<Phrase>,
    pub abbreviations: Vec<String>,
    /// Scale, currency and percent words of decimal-comma languages.
    pub comma_words: std::collections::HashSet<String>,
    pub decimal_comma: bool,
    pub approx_prefixes: Vec<String>,
    pub decade_phrases: Vec<(Phrase, i32)>,
}

fn build(langs: &[&Lang]) -> Lexicon {
    let mut lx = Lexicon {
        numbers: HashMap::new(),
        teen_only: HashMap::new(),
        teens: vec![],
        hundreds: vec![],
        scales: HashMap::new(),
        currencies: vec![],
        percents: vec![],
        hedges: vec![],
        verb_hedges: vec![],
        post_hedges: vec![],
        multipliers: HashMap::new(),
        weak_multipliers: HashMap::new(),
        multiplier_cues: vec![],
        months: vec![],
        weekdays: vec![],
        year_words: vec![],
        year_preps: vec![],
        years_plural: vec![],
        decades: HashMap::new(),
        relative_years: vec![],
        durations: HashMap::new(),
        ago_before: vec![],
        ago_after: vec![],
        range_open: vec![],
        range_join: vec![],
        months_word: vec![],
        first_words: vec![],
        of_words: vec![],
        halves: vec![],
        quarters: vec![],
        half_words: vec![],
        quarter_words: vec![],
        same_period: vec![],
        centuries: vec![],
        last_century: vec![],
        century_word: vec![],
        fractions: HashMap::new(),
        number_labels: vec![],
        time_words: vec![],
        year_suffixes: vec![],
        decade_suffixes: vec![],
        multiplier_before: vec![],
        abbreviations: vec![],
        comma_words: std::collections::HashSet::new(),
        decimal_comma: !langs.is_empty() && langs.iter().all(|l| l.decimal_comma),
        approx_prefixes: vec![],
        decade_phrases: vec![],
    };
    let key = |s: &str| fold_str(s).to_lowercase();
    for l in std::iter::once(&&super::tables::COMMON).chain(langs) {
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
        lx.weekdays.extend(plain(l.weekdays));
        lx.year_words.extend(plain(l.year_words));
        lx.year_preps.extend(plain(l.year_preps));
        lx.years_plural.extend(plain(l.years_plural));
        lx.decades
            .extend(l.decades.iter().map(|(w, v)| (key(w), *v)));
        lx.relative_years.extend(phrases(l.relative_years));
        lx.durations
            .extend(l.durations.iter().map(|(w, y, n)| (key(w), (*y, *n))));
        lx.ago_before.extend(plain(l.ago_before));
        lx.ago_after.extend(plain(l.ago_after));
        lx.range_open.extend(plain(l.range_open));
        lx.range_join.extend(plain(l.range_join));
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
    let by_len = |v: &mut Vec<Phrase>| v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    by_len(&mut lx.percents);
    by_len(&mut lx.ago_before);
    by_len(&mut lx.range_open);
    by_len(&mut lx.same_period);
    lx.hedges.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lx.verb_hedges
        .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lx.currencies
        .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lx.months.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lx.relative_years
        .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lx
}

/// The lexicon of one language (`ar`, `en`, …) or of all of them (`auto`).
pub fn lexicon(lang: &str) -> Option<&'static Lexicon> {
    LEXICONS.iter().find(|(c, _)| *c == lang).map(|(_, l)| l)
}

pub fn auto() -> &'static Lexicon {
    &LEXICONS[0].1
}

static LEXICONS: LazyLock<Vec<(&'static str, Lexicon)>> = LazyLock::new(|| {
    let mut v = vec![("auto", build(LANGS))];
    v.extend(LANGS.iter().map(|l| (l.code, build(&[*l]))));
    v
});

/// Proclitics a word may carry: Arabic و ف ب ل ك and the article; Hebrew
/// ו ה ב ל מ כ ש (up to two).
pub fn bare_forms(w: &str) -> Vec<&str> {
    let mut out = vec![w];
    if w.starts_with(|c: char| ('\u{05D0}'..='\u{05EA}').contains(&c)) {
        let mut cur = w;
        for _ in 0..2 {
            let mut chars = cur.chars();
            match chars.next() {
                Some(c) if "והבלמכש".contains(c) && chars.clone().count() >= 1 => {
                    cur = chars.as_str();
                    out.push(cur);
                }
                _ => break,
            }
        }
        return out;
    }
    let push = |s: &'static str, from: &str| -> Option<usize> {
        if from.len() > s.len() + 2 && from.starts_with(s) {
            Some(s.len())
        } else {
            None
        }
    };
    // Conjunction, then preposition, then article; each optional.
    let mut stems: Vec<&str> = vec![w];
    for p in ["و", "ف"] {
        if let Some(n) = push(p, w) {
            stems.push(&w[n..]);
        }
    }
    let mut more = vec![];
    for s in &stems {
        for p in ["ب", "ل", "ك"] {
            if let Some(n) = push(p, s) {
                more.push(&s[n..]);
            }
        }
        if let Some(n) = push("لل", s) {
            more.push(&s[n..]);
        }
    }
    stems.extend(more);
    for s in stems.clone() {
        if let Some(n) = push("ال", s) {
            stems.push(&s[n..]);
        }
    }
    for s in stems {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
