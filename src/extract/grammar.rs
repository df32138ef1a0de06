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
        span: (from, to),
        countries: std::cell::OnceCell::new(),
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
    p.roles(&mut out);
    // A number beyond f64 ("1" and 400 zeros) is read with its scale and
    // unit, so that no part of it is taken for a value, and then dropped:
    // no value rather than ∞.
    out.retain(is_finite);
    out
}

/// A figure's sign turned: "-3.2%", "fell 3.2%". A bound turns with it:
/// "fell more than 3%" is at most −3%.
pub(super) fn negate(e: &mut Extracted) {
    if let Value::Num { point, lo, hi } = &mut e.value {
        *point = point.map(|p| -p);
        let (l, h) = (-*hi, -*lo);
        *lo = l;
        *hi = h;
    }
    e.hedge = match e.hedge {
        Hedge::Min => Hedge::Max,
        Hedge::Max => Hedge::Min,
        h => h,
    };
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
    /// The bytes of `text` read.
    span: (usize, usize),
    /// The currencies of the countries the span names, once asked (a
    /// "dirham" in a Moroccan story is Morocco's).
    countries: std::cell::OnceCell<Vec<&'static str>>,
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
    /// "tens of thousands": the figure is a lower bound.
    floor: bool,
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
            role: crate::value::Role::Share,
            spread: 0,
            ambiguous: false,
            cue: None,
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
        named(self.signed(i), "signed")
            .or_else(|| named(self.named_number(i), "named"))
            .or_else(|| named(self.relative(i), "relative"))
            .or_else(|| named(self.part(i), "part"))
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

    /// "-3.2%", "−0.2%" (folded to "-"): a sign glued to a figure, with
    /// no word or figure glued before it ("F-16", "1990-2000" are none).
    fn signed(&self, i: usize) -> Found {
        // "minus 1,200,000", "سالب 5".
        if let Some(len) = self.any(i, &self.lx.minus) {
            let (mut items, next) = self.quantity_item(i + len, false)?;
            let e = items.first_mut()?;
            if !matches!(e.kind, Kind::Number | Kind::Percent | Kind::Money) {
                return None;
            }
            negate(e);
            e.start = self.t[i].start;
            return Some((items, next));
        }
        if self.text(i) != "-" || !self.is_num(i + 1) || !self.glued(i + 1) {
            return None;
        }
        if i > 0
            && self.glued(i)
            && self
                .tok(i - 1)
                .is_some_and(|t| t.kind != TokKind::Punct || t.text == "-")
        {
            return None;
        }
        let (mut items, next) = self
            .range(i + 1)
            .or_else(|| self.quantity_item(i + 1, false))?;
        let e = items.first_mut()?;
        if !matches!(e.kind, Kind::Number | Kind::Percent | Kind::Money) {
            return None;
        }
        if e.hedge == Hedge::Range {
            // "-5-7%" reads no way round.
            return None;
        }
        negate(e);
        e.start = self.t[i].start;
        Some((items, next))
    }

    /// The token a byte offset starts.
    fn tok_at(&self, offset: usize) -> Option<usize> {
        self.t.binary_search_by_key(&offset, |t| t.start).ok()
    }

    /// Does a stem-or-phrase table hold token `k`? Returns the tokens it
    /// takes and its value.
    pub(super) fn stemmed<T: Copy>(
        &self,
        k: usize,
        set: &Set<T>,
        stems: &[(String, T)],
    ) -> Option<(usize, T)> {
        self.any_val(k, set).or_else(|| {
            let forms = self.forms_of(k)?;
            stems.iter().find_map(|(stem, v)| {
                forms
                    .iter()
                    .any(|f| f.starts_with(stem.as_str()))
                    .then_some((1, *v))
            })
        })
    }

    /// What each percent measures (`Role`). A word of change before it
    /// ("fell 3.2%", "تراجع الإنتاج بنسبة 3.2%", "снизился на 3,2%", "ירדה
    /// ב-3.2%"), with at most a few words of its subject between in
    /// verb-first languages, or after it ("a 3% drop"), makes it a change,
    /// signed by the way it went; "rose to 4.5%" is the level reached. A
    /// rate word in its clause (interest, inflation, unemployment) makes a
    /// level a rate.
    fn roles(&self, out: &mut [Extracted]) {
        use crate::lang::Way;
        use crate::value::Role;
        let mut floor = 0;
        // Where the last value that is no date ended: a rate word is looked
        // for across dates ("inflation peaked in early 2023 at 18.4%").
        let mut floor_num = 0;
        // The last percent's change, for a list ("بنسبة 5% و7%").
        let mut last_change: Option<(usize, Way)> = None;
        // Where the last rate ended ("eased to 3.1% in October from 3.4%":
        // the second is the same rate's earlier level).
        let mut last_rate: Option<usize> = None;
        for e in out.iter_mut() {
            let Some(k) = self.tok_at(e.start) else {
                continue;
            };
            let e_end = e.end;
            let is_percent = e.kind == Kind::Percent;
            let lower = floor;
            let lower_num = floor_num;
            floor = self.t.partition_point(|t| t.start < e_end).max(floor);
            if !matches!(e.kind, Kind::Date | Kind::Period) {
                floor_num = floor;
            }
            if !is_percent {
                last_change = None;
                continue;
            }
            // A figure joined to a change before it by a list join only.
            if let Some((end_tok, w)) = last_change
                && (end_tok..k).all(|j| crate::lang::is_list_join(self.text(j)))
                && k > end_tok
                && k - end_tok <= 1
            {
                e.role = Role::Change;
                if w == Way::Down && e.point().is_none_or(|p| p > 0.0) {
                    negate(e);
                }
                last_change = Some((floor, w));
                continue;
            }
            last_change = None;
            // Back from the figure: markers, then the word of change.
            let mut j = k;
            let mut level = false;
            let mut way = None;
            let mut cue = None;
            let mut words = 0;
            let mut marked = false;
            while j > lower {
                j -= 1;
                let t = &self.t[j];
                if matches!(t.text.as_ref(), "-" | "־") {
                    continue;
                }
                if !marked && words == 0 {
                    if self
                        .stemmed(j, &self.lx.change_to, &self.lx.change_to_stems)
                        .is_some()
                    {
                        level = true;
                        break;
                    }
                    if self.any(j, &self.lx.change_by).is_some() {
                        marked = true;
                        continue;
                    }
                }
                if let Some((len, w)) = self.stemmed(j, &self.lx.changes, &self.lx.change_stems) {
                    way = Some(w);
                    cue = Some((self.t[j].start, self.t[j + len - 1].end));
                    break;
                }
                // A phrase of change ending here ("edged up", "a rise of").
                if let Some((s, w)) = (j.saturating_sub(3)..j).find_map(|s| {
                    self.any_val(s, &self.lx.changes)
                        .filter(|(len, _)| s + len == j + 1)
                        .map(|(_, w)| (s, w))
                }) {
                    way = Some(w);
                    cue = Some((self.t[s].start, self.t[j].end));
                    break;
                }
                if t.kind != TokKind::Word || words >= 5 {
                    break;
                }
                words += 1;
            }
            if way.is_none()
                && !level
                && let Some(after) = self.tok_at_or_after(e.end)
                && let Some((len, w)) = self.any_val(after, &self.lx.changes_after)
            {
                way = Some(w);
                cue = Some((self.t[after].start, self.t[after + len - 1].end));
            }
            if let (Some(w), false) = (way, level) {
                e.role = Role::Change;
                e.cue = cue;
                e.grammar = match e.grammar {
                    "hedged" => "hedged+change",
                    "range" => "range+change",
                    _ => "quantity+change",
                };
                if w == Way::Down && e.point().is_none_or(|p| p > 0.0) {
                    negate(e);
                }
                last_change = Some((floor, w));
                continue;
            }
            // A rate word in the clause before the figure.
            let mut j = k;
            let mut seen = 0;
            while j > lower_num && seen < 12 {
                j -= 1;
                if matches!(self.text(j), "," | "،" | ";" | "." | "(") {
                    break;
                }
                if self
                    .stemmed(j, &self.lx.rate_words, &self.lx.rate_stems)
                    .is_some()
                {
                    e.role = Role::Rate;
                    e.cue = Some((self.t[j].start, self.t[j].end));
                    break;
                }
                seen += 1;
            }
            if e.role == Role::Share
                && let Some(end_tok) = last_rate
                && k >= end_tok
                && k - end_tok <= 6
                && (end_tok..k).all(|j| !matches!(self.text(j), "," | "،" | ";" | "." | "(" | ":"))
            {
                e.role = Role::Rate;
            }
            last_rate = (e.role == Role::Rate).then_some(floor);
        }
    }

    /// The first token at or after a byte offset.
    fn tok_at_or_after(&self, offset: usize) -> Option<usize> {
        let k = self.t.partition_point(|t| t.start < offset);
        (k < self.t.len()).then_some(k)
    }

    /// "the Group of Seven", "مجموعة العشرين": a name, no value.
    fn named_number(&self, i: usize) -> Found {
        let len = self.any(i, &self.lx.named_numbers)?;
        Some((vec![], i + len))
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
            // The word between is no preposition: "القرار في 3 نوفمبر" dates
            // the resolution, it does not number it.
            if !self.is_num(k)
                && self.tok(k).is_some_and(|t| t.kind == TokKind::Word)
                && self.any(k, &self.lx.year_preps).is_none()
                && self.any(k, &self.lx.of_words).is_none()
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
            let of = self.any(next, &self.lx.of_words).unwrap_or(0);
            let counts_time = self.any(next, &self.lx.century_word).is_some()
                || self.month(next + of).is_some()
                || self.any(next, &self.lx.quarter_words).is_some()
                || self.any(next, &self.lx.half_words).is_some();
            if !counts_time {
                return Some(next);
            }
        }
        // "8-800-200-01-12", "03-6912345": digit groups joined by dashes,
        // four or more, or led by a zero; "10-year", "30-day": a compound
        // adjective, no count.
        if t.kind == TokKind::Num
            && self.text(i + 1) == "-"
            && self.glued(i + 1)
            && self.glued(i + 2)
        {
            let mut groups = 1;
            let mut k = i;
            while self.text(k + 1) == "-"
                && self.glued(k + 1)
                && self.is_num(k + 2)
                && self.glued(k + 2)
            {
                groups += 1;
                k += 2;
            }
            let long_tail = groups == 2 && self.text(k).len() >= 5;
            let date = groups == 3 && self.numeric_date(i).is_some();
            if !date && (groups >= 4 || (groups >= 2 && (t.text.starts_with('0') || long_tail))) {
                return Some(k + 1);
            }
            if groups == 1 && self.lookup(i + 2, &self.lx.durations).is_some() {
                return Some(i + 3);
            }
        }
        // "القمة الـ46": the article glued to digits makes an ordinal.
        if t.text == "ال" && self.is_num(i + 1) && self.glued(i + 1) {
            return Some(i + 2);
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

    pub(super) fn src_text(&self, k: usize) -> &str {
        self.t.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    fn followed_by_unit(&self, k: usize) -> bool {
        self.lookup(k, &self.lx.scales).is_some()
            || self.any(k, &self.lx.percents).is_some()
            || self.currency_at(k).is_some()
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
