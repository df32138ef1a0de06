//! The value grammars over tokens: quantities, ranges, dates, periods.
//!
//! One left-to-right pass; at each token the most specific grammar that
//! reads something wins (periods before dates before years before numbers),
//! so a value is read once and spans never overlap.

use super::token::{Lexicon, Set, Tok, TokKind, bare_forms_into, tokenize_range};
use crate::calendar::Day;
use crate::lang::Form;
use crate::value::{Extracted, Grain, Hedge, Kind, Value, YearRef};

/// Reads every value in `text` (already folded). `anchor` is the source's
/// date, for relative expressions; without it they come back `Unresolved`.
pub fn extract(text: &str, anchor: Option<Day>) -> Vec<Extracted> {
    extract_with(text, anchor, super::token::auto())
}

/// `extract` with one language's tables only.
pub fn extract_with(text: &str, anchor: Option<Day>, lx: &Lexicon) -> Vec<Extracted> {
    extract_range(text, (0, text.len()), anchor, lx)
}

/// The values of `text[from..to]`, with offsets into `text`: how the matcher
/// reads only the sentences where a rule's words stand.
pub fn extract_range(
    text: &str,
    span: (usize, usize),
    anchor: Option<Day>,
    lx: &Lexicon,
) -> Vec<Extracted> {
    read_tokens(text, span, anchor, lx, true)
}

/// The grammars over the tokens of a span. `skip` lets tokens that start
/// no value pass at once; without it every grammar is tried at every token
/// (the reference the skip is tested against).
fn read_tokens(
    text: &str,
    (from, to): (usize, usize),
    anchor: Option<Day>,
    lx: &Lexicon,
    skip: bool,
) -> Vec<Extracted> {
    let toks = tokenize_range(text, from, to);
    // Every token's forms in one list; `form_at[i]..form_at[i + 1]` are token i's.
    let mut forms: Vec<&str> = Vec::with_capacity(toks.len() * 2);
    let mut form_at = Vec::with_capacity(toks.len() + 1);
    let mut bits = Vec::with_capacity(toks.len());
    for t in &toks {
        let at = forms.len();
        form_at.push(at);
        if t.kind == TokKind::Word {
            bare_forms_into(&t.text, &mut forms);
        } else {
            forms.push(t.text.as_ref());
        }
        bits.push(
            forms[at..]
                .iter()
                .fold(0, |b, f| b | lx.words.get(*f).copied().unwrap_or(0)),
        );
    }
    form_at.push(forms.len());
    let n = toks.len() + 1;
    let p = P {
        memo_number: std::cell::RefCell::new(vec![None; n]),
        memo_quantity: std::cell::RefCell::new(vec![None; n]),
        forms,
        form_at,
        bits,
        text,
        t: &toks,
        anchor,
        lx,
        skip,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match p.at(i) {
            Some((items, next)) => {
                out.extend(items);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    // A number beyond f64 ("1" and 400 zeros) is read with its scale and
    // unit, so that no part of it is taken for a value, and then dropped:
    // no value rather than ∞.
    out.retain(is_finite);
    out
}

/// Are a value's numbers finite?
fn is_finite(e: &Extracted) -> bool {
    match e.value {
        Value::Num { point, lo, hi } => {
            point.is_none_or(f64::is_finite) && lo.is_finite() && hi.is_finite()
        }
        _ => true,
    }
}

struct P<'a> {
    text: &'a str,
    t: &'a [Tok<'a>],
    /// Each token's forms without proclitics, the token itself first, one
    /// token after the other (see `forms_of`).
    forms: Vec<&'a str>,
    form_at: Vec<usize>,
    /// Each token's tables (`Lexicon::words`): most tokens are in none, and
    /// a lookup in a table a token is not in is answered without hashing.
    bits: Vec<u64>,
    /// What `number` and `quantity` read at each token, once asked.
    memo_number: Memo<(f64, f64, usize)>,
    memo_quantity: Memo<Q>,
    anchor: Option<Day>,
    lx: &'a Lexicon,
    /// Pass over tokens that can start no value.
    skip: bool,
}

/// Per token: not asked yet, or what was read there.
type Memo<T> = std::cell::RefCell<Vec<Option<Option<T>>>>;

/// A quantity before it becomes a value.
#[derive(Debug, Clone)]
struct Q {
    v: f64,
    half: f64,
    scale: f64,
    scaled: bool,
    unit: Option<&'static str>,
    kind: Kind,
    next: usize,
}

impl Q {
    fn value(&self) -> Value {
        Value::Num {
            point: Some(self.v * self.scale),
            lo: (self.v - self.half) * self.scale,
            hi: (self.v + self.half) * self.scale,
        }
    }
}

type Found = Option<(Vec<Extracted>, usize)>;

impl P<'_> {
    /// The forms of token `i`.
    fn forms_of(&self, i: usize) -> Option<&[&str]> {
        let (a, b) = (*self.form_at.get(i)?, *self.form_at.get(i + 1)?);
        Some(&self.forms[a..b])
    }

    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.t.get(i)
    }

    fn text(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.text.as_ref())
    }

    fn is_num(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Num)
    }

    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    /// The longest phrase of `set` that stands at token `i`; the first word
    /// may carry proclitics.
    fn any_val<T: Copy>(&self, i: usize, set: &Set<T>) -> Option<(usize, T)> {
        if self.bits.get(i).is_none_or(|b| b & set.bit == 0) {
            return None;
        }
        let mut best: Option<(usize, T)> = None;
        for form in self.forms_of(i)? {
            let found = set.bucket(form).iter().find(|(p, _)| {
                i + p.len() <= self.t.len()
                    && p[1..]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| self.t[i + 1 + k].text == *w)
            });
            if let Some((p, v)) = found
                && best.is_none_or(|(len, _)| p.len() > len)
            {
                best = Some((p.len(), *v));
            }
        }
        best
    }

    fn any(&self, i: usize, set: &Set<()>) -> Option<usize> {
        self.any_val(i, set).map(|(len, _)| len)
    }

    fn lookup<T: Copy>(&self, i: usize, map: &rustc_hash::FxHashMap<String, T>) -> Option<T> {
        if self
            .bits
            .get(i)
            .is_none_or(|b| b & super::token::MAP_BIT == 0)
        {
            return None;
        }
        self.forms_of(i)?.iter().find_map(|w| map.get(*w).copied())
    }

    fn span(&self, from: usize, to_excl: usize) -> (usize, usize) {
        (self.t[from].start, self.t[to_excl - 1].end)
    }

    fn item(&self, kind: Kind, from: usize, to_excl: usize, value: Value) -> Extracted {
        let (start, end) = self.span(from, to_excl);
        Extracted {
            kind,
            start,
            end,
            hedge: Hedge::None,
            value,
            unit: None,
            scaled: false,
            relative: false,
            grammar: "",
        }
    }

    /// Can a value begin at token `i`? Numbers can; a word or symbol only
    /// when one of its forms begins some table entry ("threefold" too).
    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match t.kind {
            TokKind::Num => true,
            TokKind::Word => {
                t.text.ends_with("fold")
                    || self
                        .forms_of(i)
                        .is_some_and(|f| f.iter().any(|f| self.lx.starters.contains(*f)))
            }
            TokKind::Punct => self.lx.starters.contains(t.text.as_ref()),
        }
    }

    fn at(&self, i: usize) -> Found {
        if self.skip && !self.may_start(i) {
            return None;
        }
        if self.is_time(i) {
            return Some((vec![], i + 3));
        }
        if let Some(skip) = self.not_a_value(i) {
            return Some((vec![], skip));
        }
        let named = |found: Found, name: &'static str| {
            found.map(|(mut items, next)| {
                for e in &mut items {
                    if e.grammar.is_empty() {
                        e.grammar = name;
                    }
                }
                (items, next)
            })
        };
        named(self.relative(i), "relative")
            .or_else(|| named(self.hedged(i), "hedged"))
            .or_else(|| named(self.period(i), "period"))
            .or_else(|| named(self.numeric_date(i), "numeric_date"))
            .or_else(|| named(self.month_date(i), "month_date"))
            .or_else(|| named(self.decade(i), "decade"))
            .or_else(|| named(self.year(i), "year"))
            .or_else(|| named(self.range(i), "range"))
            .or_else(|| named(self.fraction_share(i), "fraction_share"))
            .or_else(|| named(self.quantity_item(i, false), "quantity"))
    }

    /// "09:45": a time of day, never a value.
    fn is_time(&self, i: usize) -> bool {
        self.is_num(i)
            && self.text(i + 1) == ":"
            && self.glued(i + 1)
            && self.is_num(i + 2)
            && self.glued(i + 2)
    }

    /// Numbers that are not values: phone numbers ("+7 701 123 4567",
    /// "0501234567"), identifiers after a label ("page 12", "رقم المقال
    /// 48213"), times ("10 pm"), and model names after a capitalized name
    /// ("Boeing 737"). Returns the token to resume at.
    fn not_a_value(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let digits_run = |mut k: usize| {
            while self.is_num(k)
                || (matches!(self.text(k), "-" | "." | "(" | ")") && self.is_num(k + 1))
            {
                k += 1;
            }
            k
        };
        if t.text == "+" && self.is_num(i + 1) && self.glued(i + 1) {
            return Some(digits_run(i + 1));
        }
        // "011 234 5678": a leading zero and more digit groups.
        if t.kind == TokKind::Num
            && t.text.starts_with('0')
            && t.text.len() >= 2
            && self.is_num(i + 1)
        {
            return Some(digits_run(i));
        }
        if t.kind == TokKind::Num
            && t.text.len() >= 4
            && t.text.starts_with('0')
            && t.text.bytes().all(|b| b.is_ascii_digit())
        {
            return Some(digits_run(i));
        }
        if let Some(len) = self.any(i, &self.lx.number_labels) {
            // The label, punctuation, and at most one more word: "ID 48213", "p. 45", "رقم المقال 48213".
            let mut k = i + len;
            while matches!(self.text(k), ":" | "." | "#" | "№") {
                k += 1;
            }
            if !self.is_num(k)
                && self.tok(k).is_some_and(|t| t.kind == TokKind::Word)
                && self.is_num(k + 1)
            {
                k += 1;
            }
            if self.is_num(k) && !self.followed_by_unit(k + 1) && !self.is_time(k) {
                return Some(digits_run(k));
            }
        }
        // "the 2nd Armored Division": an ordinal, unless it counts a
        // century, a half or a quarter ("the 3rd quarter of 2024").
        if let Some((_, next)) = self.ordinal_at(i) {
            let counts_time = self.any(next, &self.lx.century_word).is_some()
                || self.any(next, &self.lx.quarter_words).is_some()
                || self.any(next, &self.lx.half_words).is_some();
            if !counts_time {
                return Some(next);
            }
        }
        if t.kind == TokKind::Num && self.any(i + 1, &self.lx.time_words).is_some() {
            return Some(i + 2);
        }
        if t.kind == TokKind::Num
            && i > 0
            && self.t[i].space_before
            && self.is_name(i - 1)
            && !self.followed_by_unit(i + 1)
        {
            return Some(i + 1);
        }
        None
    }

    /// "3rd", "21st": digits with a glued English ordinal suffix.
    fn ordinal_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self
            .tok(i)
            .filter(|t| t.kind == TokKind::Num && t.text.len() <= 3)?;
        if !(matches!(self.text(i + 1), "st" | "nd" | "rd" | "th") && self.glued(i + 1)) {
            return None;
        }
        Some((t.text.parse().ok()?, i + 2))
    }

    /// A capitalized Latin word that is no word of the grammars and does not
    /// open its sentence: a name ("Boeing 737").
    fn is_name(&self, k: usize) -> bool {
        let Some(t) = self.tok(k) else { return false };
        if self.lx.function_words.contains(t.text.as_ref())
            || self.any_val(k + 2, &self.lx.months).is_some()
        {
            return false;
        }
        let lower = t.text.as_ref();
        let capital = self
            .src_text(k)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        capital
            && lower.chars().all(|c| c.is_ascii_alphabetic())
            && self.any(k, &self.lx.year_preps).is_none()
            && self.any(k, &self.lx.year_words).is_none()
            && self.any_val(k, &self.lx.months).is_none()
            && self.any_val(k, &self.lx.hedges).is_none()
            && self.any(k, &self.lx.range_open).is_none()
            && self.any_val(k, &self.lx.currencies).is_none()
            && !self.lx.numbers.contains_key(lower)
    }

    fn src_text(&self, k: usize) -> &str {
        self.t.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    fn followed_by_unit(&self, k: usize) -> bool {
        self.lookup(k, &self.lx.scales).is_some()
            || self.any(k, &self.lx.percents).is_some()
            || self.any_val(k, &self.lx.currencies).is_some()
    }

    // ---------- numbers ----------
}

mod period;
mod quantity;
mod time;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_trust;
