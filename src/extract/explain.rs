//! Which table entries stand in a span of folded text: for each value
//! `values --json` shows, the words of the language tables that the text
//! holds there ("ar hedges نحو", "en scales billion"), so that a reader
//! debugging a miss sees which entries were there to be read without
//! reading the code.
//!
//! This is no grammar: it says which entries stand in the span, not which
//! of them the grammar used. It is not on the hot path; only `values` asks.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::token::{bare_forms, phrase, tokenize_range};
use crate::lang::{COMMON, LANGS, Lang};

/// One table entry that stands in a span of folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The language's code (`ar`, `en`, …), or `common` for the symbols
    /// and codes every language shares.
    pub lang: &'static str,
    /// The table: the name of its field in `Lang` (`scales`, `hedges`, …).
    pub table: &'static str,
    /// The entry as the table writes it, before folding.
    pub entry: &'static str,
    /// Byte offsets in the folded text of the tokens it matched.
    pub start: usize,
    pub end: usize,
}

/// The phrase of a table row: the row itself, or the first element of a tuple.
trait Written {
    fn written(&self) -> &'static str;
}

impl Written for &'static str {
    fn written(&self) -> &'static str {
        self
    }
}

impl<T> Written for (&'static str, T) {
    fn written(&self) -> &'static str {
        self.0
    }
}

impl<T, U> Written for (&'static str, T, U) {
    fn written(&self) -> &'static str {
        self.0
    }
}

/// Every word table of a language by its field name, with its entries as
/// written. The destructuring is exhaustive on purpose: a field added to
/// `Lang` does not compile until it is listed here, as a table or as
/// skipped.
pub fn tables(l: &Lang) -> Vec<(&'static str, Vec<&'static str>)> {
    let Lang {
        // Not tables of words.
        code: _,
        decimal_comma: _,
        min_stem: _,
        month_first: _,
        proclitics: _,
        entities: _,
        // Tables.
        numbers,
        teen_only,
        teens,
        hundreds,
        scales,
        currencies,
        percents,
        hedges,
        verb_hedges,
        post_hedges,
        multipliers,
        weak_multipliers,
        multiplier_cues,
        months,
        weekdays,
        year_words,
        year_preps,
        years_plural,
        decades,
        relative_years,
        anaphoric_years,
        anaphor_after,
        year_determiners,
        noun_endings,
        articles,
        durations,
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
        fractions,
        number_labels,
        time_words,
        year_suffixes,
        decade_suffixes,
        multiplier_before,
        abbreviations,
        approx_prefixes,
        function_words,
        contrast,
        list_joins,
        partner_words,
        partner_proclitics,
        subunits,
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
        ordinal_suffixes,
        parts,
        year_nouns,
        named_numbers,
        last_words,
        minus,
        next_words,
        decimal_words,
    } = l;
    macro_rules! named {
        ($($field:ident),* $(,)?) => {
            vec![$(
                (stringify!($field), $field.iter().map(Written::written).collect()),
            )*]
        };
    }
    named!(
        numbers,
        teen_only,
        teens,
        hundreds,
        scales,
        currencies,
        percents,
        hedges,
        verb_hedges,
        post_hedges,
        multipliers,
        weak_multipliers,
        multiplier_cues,
        months,
        weekdays,
        year_words,
        year_preps,
        years_plural,
        decades,
        relative_years,
        anaphoric_years,
        anaphor_after,
        year_determiners,
        noun_endings,
        articles,
        durations,
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
        fractions,
        number_labels,
        time_words,
        year_suffixes,
        decade_suffixes,
        multiplier_before,
        abbreviations,
        approx_prefixes,
        function_words,
        contrast,
        list_joins,
        partner_words,
        partner_proclitics,
        subunits,
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
        ordinal_suffixes,
        parts,
        year_nouns,
        named_numbers,
        last_words,
        minus,
        next_words,
        decimal_words,
    )
}

/// A table entry, folded and tokenized as the lexicon does it.
struct Item {
    lang: &'static str,
    table: &'static str,
    entry: &'static str,
    /// The tokens after the first (the index's key).
    rest: Vec<String>,
}

/// Every entry of every language and of `COMMON`, by its first token.
static INDEX: LazyLock<HashMap<String, Vec<Item>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<Item>> = HashMap::default();
    for l in LANGS.iter().copied().chain(std::iter::once(&COMMON)) {
        for (table, list) in tables(l) {
            for entry in list {
                let p = phrase(entry);
                let Some((first, rest)) = p.split_first() else {
                    continue;
                };
                index.entry(first.clone()).or_default().push(Item {
                    lang: l.code,
                    table,
                    entry,
                    rest: rest.to_vec(),
                });
            }
        }
    }
    index
});

/// The table entries that stand in `text[start..end]` (folded text, as
/// the grammars read it), by position, then language, then table. A
/// phrase's first token may carry glued proclitics ("بنحو"); its other
/// tokens match as they are. At each token, each table keeps its longest
/// match, and a match inside a longer one of the same table ("dollars" in
/// "us dollars") is dropped. Each (language, table, entry) is listed once,
/// at its first place. Offsets off a character boundary are moved out to
/// the nearest one.
pub fn entries(text: &str, start: usize, end: usize) -> Vec<Entry> {
    let end = ceil_boundary(text, end.min(text.len()));
    let start = floor_boundary(text, start.min(end));
    let toks = tokenize_range(text, start, end);
    let mut found: Vec<Entry> = Vec::new();
    let mut forms = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        forms.clear();
        forms.extend(bare_forms(&tok.text));
        // (table, tokens matched, item), the longest per table kept below.
        let mut here: Vec<(&'static str, usize, &Item)> = Vec::new();
        for form in &forms {
            for item in INDEX.get(*form).map_or(&[][..], Vec::as_slice) {
                let n = item.rest.len();
                let Some(next) = toks.get(i + 1..i + 1 + n) else {
                    continue;
                };
                if next.iter().zip(&item.rest).all(|(t, r)| t.text == *r) {
                    here.push((item.table, n + 1, item));
                }
            }
        }
        for &(table, n, item) in &here {
            let longest = here
                .iter()
                .filter(|(t, _, _)| *t == table)
                .all(|&(_, m, _)| m <= n);
            if longest {
                found.push(Entry {
                    lang: item.lang,
                    table,
                    entry: item.entry,
                    start: tok.start,
                    end: toks[i + n - 1].end,
                });
            }
        }
    }
    let inside_longer = |e: &Entry| {
        found.iter().any(|f| {
            f.table == e.table
                && f.start <= e.start
                && e.end <= f.end
                && (f.start, f.end) != (e.start, e.end)
        })
    };
    let mut kept: Vec<Entry> = found
        .iter()
        .filter(|e| !inside_longer(e))
        .cloned()
        .collect();
    kept.sort_by(|a, b| {
        (a.start, a.lang, a.table, a.entry, a.end).cmp(&(b.start, b.lang, b.table, b.entry, b.end))
    });
    let mut seen = HashSet::default();
    kept.retain(|e| seen.insert((e.lang, e.table, e.entry)));
    kept
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    fn has(found: &[Entry], lang: &str, table: &str, entry: &str) -> bool {
        found
            .iter()
            .any(|e| (e.lang, e.table, e.entry) == (lang, table, entry))
    }

    fn all(text: &str) -> (String, Vec<Entry>) {
        let folded = fold_str(text);
        let found = entries(&folded, 0, folded.len());
        (folded, found)
    }

    #[test]
    fn arabic_money_names_its_hedge_scale_and_currency() {
        let (folded, found) = all("بلغ نحو 34 مليون دولار");
        assert!(has(&found, "ar", "hedges", "نحو"), "{found:?}");
        assert!(has(&found, "ar", "scales", "مليون"), "{found:?}");
        assert!(has(&found, "ar", "currencies", "دولار"), "{found:?}");
        let scale = found.iter().find(|e| e.table == "scales").unwrap();
        assert_eq!(&folded[scale.start..scale.end], "مليون");
        let at: Vec<usize> = found.iter().map(|e| e.start).collect();
        assert!(
            at.windows(2).all(|w| w[0] <= w[1]),
            "by position: {found:?}"
        );
    }

    #[test]
    fn english_money_names_common_and_english_entries() {
        let (_, found) = all("about $2.5 billion");
        assert!(has(&found, "en", "hedges", "about"), "{found:?}");
        assert!(has(&found, "common", "currencies", "$"), "{found:?}");
        assert!(has(&found, "en", "scales", "billion"), "{found:?}");
    }

    #[test]
    fn a_month_date_names_its_month() {
        let (folded, found) = all("in March 2024");
        let month = found
            .iter()
            .find(|e| (e.lang, e.table) == ("en", "months"))
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(month.entry, "march", "as the table writes it");
        assert_eq!(&folded[month.start..month.end], "March");
    }

    #[test]
    fn glued_proclitics_and_multiword_entries_match() {
        let (folded, found) = all("بنحو 5 ملايين");
        let hedge = found.iter().find(|e| e.table == "hedges").unwrap();
        assert_eq!(hedge.entry, "نحو");
        assert_eq!(&folded[hedge.start..hedge.end], "بنحو", "the whole token");
        let (folded, found) = all("5 million US dollars");
        let cur: Vec<&Entry> = found.iter().filter(|e| e.table == "currencies").collect();
        assert_eq!(cur.len(), 1, "the longest, not the dollars inside: {cur:?}");
        assert_eq!(cur[0].entry, "us dollars");
        assert_eq!(&folded[cur[0].start..cur[0].end], "US dollars");
    }

    #[test]
    fn each_entry_once_and_only_inside_the_span() {
        let folded = fold_str("about 5 and about 6 billion");
        let found = entries(&folded, 0, folded.len());
        let abouts = found.iter().filter(|e| e.entry == "about").count();
        assert_eq!(abouts, 1, "{found:?}");
        let found = entries(&folded, 0, "about 5".len());
        assert!(!has(&found, "en", "scales", "billion"), "{found:?}");
    }

    #[test]
    fn any_offsets_are_safe() {
        let folded = fold_str("بلغ نحو 34 مليون دولار");
        for s in 0..=folded.len() + 2 {
            for e in 0..=folded.len() + 2 {
                for x in entries(&folded, s, e) {
                    assert!(x.start <= x.end && x.end <= folded.len());
                    assert!(folded.is_char_boundary(x.start) && folded.is_char_boundary(x.end));
                }
            }
        }
        assert!(entries("", 0, 5).is_empty());
    }

    #[test]
    fn every_language_lists_its_tables_by_field_name() {
        for l in LANGS.iter().copied().chain(std::iter::once(&COMMON)) {
            let t = tables(l);
            let names: Vec<&str> = t.iter().map(|(n, _)| *n).collect();
            assert!(names.contains(&"scales") && names.contains(&"months"));
            assert!(!names.contains(&"entities") && !names.contains(&"proclitics"));
        }
        let common = tables(&COMMON);
        let currencies = &common.iter().find(|(n, _)| *n == "currencies").unwrap().1;
        assert!(currencies.contains(&"$"));
    }
}
