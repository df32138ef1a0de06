//! The value grammars over tokens: quantities, ranges, dates, periods.
//!
//! One left-to-right pass; at each token the most specific grammar that
//! reads something wins (periods before dates before years before numbers),
//! so a value is read once and spans never overlap.

use super::tables::Form;
use super::token::{Lexicon, Set, Tok, TokKind, bare_forms, tokenize};
use super::{Extracted, Grain, Hedge, Kind, Value, YearRef};
use crate::calendar::Day;

/// Reads every value in `text` (already folded). `anchor` is the source's
/// date, for relative expressions; without it they come back `Unresolved`.
pub fn extract(text: &str, anchor: Option<Day>) -> Vec<Extracted> {
    extract_with(text, anchor, super::token::auto())
}

/// `extract` with one language's tables only.
pub fn extract_with(text: &str, anchor: Option<Day>, lx: &Lexicon) -> Vec<Extracted> {
    let toks = tokenize(text);
    let forms = toks
        .iter()
        .map(|t| {
            if t.kind == TokKind::Word {
                bare_forms(&t.text)
            } else {
                vec![t.text.as_str()]
            }
        })
        .collect();
    let p = P {
        forms,
        text,
        t: &toks,
        anchor,
        lx,
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
    out
}

struct P<'a> {
    text: &'a str,
    t: &'a [Tok],
    /// Each token's forms without proclitics, the token itself first.
    forms: Vec<Vec<&'a str>>,
    anchor: Option<Day>,
    lx: &'a Lexicon,
}

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
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }

    fn text(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.text.as_str())
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
        let mut best: Option<(usize, T)> = None;
        for form in self.forms.get(i)? {
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

    fn lookup<T: Copy>(&self, i: usize, map: &std::collections::HashMap<String, T>) -> Option<T> {
        self.forms.get(i)?.iter().find_map(|w| map.get(*w).copied())
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
        }
    }

    fn at(&self, i: usize) -> Found {
        if self.is_time(i) {
            return Some((vec![], i + 3));
        }
        if let Some(skip) = self.not_a_value(i) {
            return Some((vec![], skip));
        }
        self.relative(i)
            .or_else(|| self.hedged(i))
            .or_else(|| self.period(i))
            .or_else(|| self.numeric_date(i))
            .or_else(|| self.month_date(i))
            .or_else(|| self.decade(i))
            .or_else(|| self.year(i))
            .or_else(|| self.range(i))
            .or_else(|| self.fraction_share(i))
            .or_else(|| self.quantity_item(i, false))
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

    /// A capitalized Latin word that is no word of the grammars and does not
    /// open its sentence: a name ("Boeing 737").
    fn is_name(&self, k: usize) -> bool {
        let Some(t) = self.tok(k) else { return false };
        if self.lx.function_words.contains(&t.text)
            || self.any_val(k + 2, &self.lx.months).is_some()
        {
            return false;
        }
        let lower = t.text.as_str();
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

    fn number(&self, i: usize) -> Option<(f64, f64, usize)> {
        let t = self.tok(i)?;
        match t.kind {
            TokKind::Num => {
                if self.is_time(i) || self.is_code(i) {
                    return None;
                }
                // "4 875 туристов": groups of three after a space.
                let mut text = t.text.clone();
                let mut next = i + 1;
                if t.text.len() <= 3 && t.text.bytes().all(|b| b.is_ascii_digit()) {
                    while self.tok(next).is_some_and(|n| {
                        n.kind == TokKind::Num
                            && n.text.len() == 3
                            && n.text.bytes().all(|b| b.is_ascii_digit())
                    }) && self.text[self.t[next - 1].end..self.t[next].start] == *" "
                        && !matches!(self.text(next + 1), "-" | "/" | ":")
                    {
                        text.push_str(&self.t[next].text);
                        next += 1;
                    }
                }
                let comma = self.lx.decimal_comma
                    || self
                        .tok(next)
                        .is_some_and(|n| self.lx.comma_words.contains(&n.text));
                let (v, half) = digits(&text, comma)?;
                Some((v, half, next))
            }
            TokKind::Word => self.number_words(i),
            TokKind::Punct => None,
        }
    }

    /// A model name or code: "A320", "F-16", "COVID-19".
    fn is_code(&self, i: usize) -> bool {
        let latin_before = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == TokKind::Word
                    && t.text
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphabetic())
            })
        };
        if i >= 1 && self.glued(i) && latin_before(i - 1) {
            return !matches!(self.text(i - 1), "h" | "q" | "us");
        }
        // A word of two letters or more: "F-16", "هواسونغ-17"; not the
        // Hebrew prefixes of "ב-2024", "ל-123", "בכ-34".
        let word_before = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == TokKind::Word && !t.text.chars().all(|c| "והבלמכש".contains(c))
            })
        };
        i >= 2
            && self.glued(i)
            && self.text(i - 1) == "-"
            && self.glued(i - 1)
            && word_before(i - 2)
    }

    fn number_words(&self, i: usize) -> Option<(f64, f64, usize)> {
        let teen_only = bare_forms(self.text(i))
            .iter()
            .find_map(|w| self.lx.teen_only.get(*w).copied());
        let u = match teen_only {
            Some(u) if self.lx.teens.iter().any(|w| *w == self.text(i + 1)) => u,
            Some(_) => return None,
            None => self.lookup(i, &self.lx.numbers)?,
        };
        let mut v = u as f64;
        let mut next = i + 1;
        if u < 10 && self.lx.teens.iter().any(|w| *w == self.text(next)) {
            v += 10.0;
            next += 1;
        } else if u < 10 && self.lx.hundreds.iter().any(|w| *w == self.text(next)) {
            v *= 100.0;
            next += 1;
        }
        // Compounds: "خمسة وعشرون", "twenty-five", "twenty five".
        let joined = self
            .tok(next)
            .and_then(|t| t.text.strip_prefix(['و', 'ו']).map(str::to_string));
        if let Some(rest) = joined.filter(|r| !r.is_empty()) {
            if let Some(&w) = self.lx.numbers.get(&rest)
                && (((20..100).contains(&w) && v < 10.0)
                    || (v >= 100.0 && w < 100)
                    || ((20.0..100.0).contains(&v) && (v as u32).is_multiple_of(10) && w < 10))
            {
                v += w as f64;
                next += 1;
            }
        } else if self.text(next) == "-" && self.glued(next) && (20.0..100.0).contains(&v) {
            if let Some(&w) = self
                .lx
                .numbers
                .get(self.text(next + 1))
                .filter(|&&w| w < 10)
            {
                v += w as f64;
                next += 2;
            }
        } else if (20.0..100.0).contains(&v)
            && (v as u32).is_multiple_of(10)
            && let Some(&w) = self.lx.numbers.get(self.text(next)).filter(|&&w| w < 10)
        {
            v += w as f64;
            next += 1;
        }
        // "one" alone is too often a pronoun ("one of the largest").
        if v == 1.0 && next == i + 1 {
            let follows_unit = self.lx.scales.contains_key(self.text(next))
                || self.lookup(next, &self.lx.multipliers).is_some();
            if !follows_unit {
                return None;
            }
        }
        Some((v, 0.5, next))
    }

    fn quantity(&self, i: usize) -> Option<Q> {
        // "פי 3", "פי שלושה": the multiplier word before the count.
        if let Some(len) = self.any(i, &self.lx.multiplier_before) {
            let (v, half, next) = self.number(i + len)?;
            return Some(Q {
                v,
                half,
                scale: 1.0,
                scaled: false,
                unit: None,
                kind: Kind::Multiplier,
                next,
            });
        }
        let mut j = i;
        let mut unit = None;
        if let Some((len, code)) = self.any_val(j, &self.lx.currencies)
            && self.number(j + len).is_some()
        {
            unit = Some(code);
            j += len;
        }
        // "نصف مليون", "half a million": a fraction of a scale.
        let fraction = self.lookup(j, &self.lx.fractions).and_then(|f| {
            let k = j + 1 + usize::from(matches!(self.text(j + 1), "a" | "an"));
            self.lookup(k, &self.lx.scales).map(|_| (f, 0.005, k))
        });
        let num = self.number(j).or(fraction);
        let had = num.is_some();
        let (mut v, mut half) = (1.0, 0.5);
        if let Some((nv, nh, nj)) = num {
            v = nv;
            half = nh;
            j = nj;
        }
        let mut scale = 1.0;
        let mut scaled = false;
        if let Some((s, form)) = self.lookup(j, &self.lx.scales) {
            let ok = match (had, form) {
                (true, Form::Short) => {
                    self.glued(j)
                        && (unit.is_some() || self.any_val(j + 1, &self.lx.currencies).is_some())
                }
                (true, _) => true,
                (false, Form::Single) => true,
                // "مليوني زائر", "مليونا دولار"; but alone, "ألفا" is as often
                // the name Alpha: the forms in ا need a currency after them.
                (false, Form::Dual)
                    if self.any_val(j + 1, &self.lx.currencies).is_some()
                        || !self.text(j).ends_with('ا') =>
                {
                    v = 2.0;
                    true
                }
                (false, _) => false,
            };
            if ok {
                scale = s;
                scaled = true;
                j += 1;
                if self.text(j) == "."
                    && self.glued(j)
                    && self.lx.abbreviations.iter().any(|a| *a == self.text(j - 1))
                {
                    j += 1;
                }
            } else if !had {
                return None;
            }
        } else if !had {
            return None;
        }
        let mut kind = Kind::Number;
        if let Some(len) = self.any(j, &self.lx.percents) {
            kind = Kind::Percent;
            unit = Some("%");
            j += len;
        } else if let Some((len, code)) = self
            .any_val(j, &self.lx.currencies)
            .filter(|_| unit.is_none())
        {
            kind = Kind::Money;
            unit = Some(code);
            j += len;
            if self.text(j) == "."
                && self.glued(j)
                && self.lx.abbreviations.iter().any(|a| *a == self.text(j - 1))
            {
                j += 1;
            }
        } else if unit.is_some() {
            kind = Kind::Money;
        } else if had && !scaled {
            let dash = self.text(j) == "-" && self.text(j + 1) == "fold";
            let at = if dash { j + 1 } else { j };
            if self.lookup(at, &self.lx.multipliers).is_some() {
                kind = Kind::Multiplier;
                j = at + 1;
            }
        }
        if kind == Kind::Number && !had {
            // "مليون شخص" is a count; a bare scale word is read as one of it.
            half = 0.5;
        }
        Some(Q {
            v,
            half,
            scale,
            scaled,
            unit,
            kind,
            next: j,
        })
    }

    fn q_item(&self, i: usize, q: &Q) -> Extracted {
        let mut e = self.item(q.kind, i, q.next, q.value());
        e.unit = q.unit;
        e.scaled = q.scaled;
        e
    }

    fn post_hedge(&self, e: &mut Extracted, next: usize) -> usize {
        if let Some(len) = self.any(next, &self.lx.post_hedges) {
            if e.hedge == Hedge::None {
                e.hedge = Hedge::Approx;
            }
            e.end = self.t[next + len - 1].end;
            return next + len;
        }
        next
    }

    /// "ثلث السوق", "half of the imports": a share, read as a percent.
    /// "half a million" is read by `quantity`.
    fn fraction_share(&self, i: usize) -> Found {
        let f = self.lookup(i, &self.lx.fractions)?;
        // "الربع الثاني", "النصف الأول": with the article, a part of the year.
        if self.text(i).starts_with("ال") {
            return None;
        }
        let ordinal_before = i > 0
            && (self.any_val(i - 1, &self.lx.halves).is_some()
                || self.any_val(i - 1, &self.lx.quarters).is_some());
        let next = self.tok(i + 1)?;
        // Arabic construct ("ثلث السوق") or a Cyrillic genitive ("половина импорта").
        let construct = next.kind == TokKind::Word
            && ((next.text.starts_with("ال") && !self.text(i).is_ascii())
                || next
                    .text
                    .starts_with(|c: char| ('\u{0400}'..='\u{04FF}').contains(&c)));
        if ordinal_before || !(construct || self.any(i + 1, &self.lx.of_words).is_some()) {
            return None;
        }
        let v = f * 100.0;
        let mut e = self.item(
            Kind::Percent,
            i,
            i + 1,
            Value::Num {
                point: Some(v),
                lo: v,
                hi: v,
            },
        );
        e.unit = Some("%");
        Some((vec![e], i + 1))
    }

    fn quantity_item(&self, i: usize, after_hedge: bool) -> Found {
        if let Some(q) = self.quantity(i) {
            let mut e = self.q_item(i, &q);
            let next = self.post_hedge(&mut e, q.next);
            return Some((vec![e], next));
        }
        self.lone_multiplier(i, after_hedge)
    }

    /// "twice", "ضعفي"; "ضعف" only after a hedge or a cue word.
    fn lone_multiplier(&self, i: usize, after_hedge: bool) -> Found {
        let fold = self
            .text(i)
            .strip_suffix("fold")
            .and_then(|w| self.lx.numbers.get(w.trim_end_matches('-')).copied())
            .filter(|_| self.tok(i).is_some_and(|t| t.kind == TokKind::Word));
        let strong = self
            .lookup(i, &self.lx.multipliers)
            .filter(|&n| n > 0)
            .or(fold);
        let weak = self.lookup(i, &self.lx.weak_multipliers).filter(|_| {
            after_hedge || (i > 0 && self.any(i - 1, &self.lx.multiplier_cues).is_some())
        });
        let n = strong.or(weak)? as f64;
        let e = self.item(
            Kind::Multiplier,
            i,
            i + 1,
            Value::Num {
                point: Some(n),
                lo: n - 0.5,
                hi: n + 0.5,
            },
        );
        Some((vec![e], i + 1))
    }

    fn hedged(&self, i: usize) -> Found {
        if let Some(found) = self.verb_hedged(i) {
            return Some(found);
        }
        let (len, hedge) = self.any_val(i, &self.lx.hedges)?;
        // "until 2025", "حتى عام 2001": a preposition before a year is no bound.
        if self.any(i, &self.lx.year_preps).is_some()
            && self.year_at(i + len).is_some()
            && !self.followed_by_unit(i + len + 1)
        {
            return None;
        }
        let (mut items, next) = self
            .range(i + len)
            .or_else(|| self.fraction_share(i + len))
            .or_else(|| self.quantity_item(i + len, true))?;
        let e = items.first_mut()?;
        if e.hedge != Hedge::None {
            return None;
        }
        e.hedge = hedge;
        e.start = self.t[i].start;
        Some((items, next))
    }

    /// "لم يتجاوز العدد 1200": the verb bounds the figure after its subject
    /// (at most two words). The value's span starts at the figure.
    fn verb_hedged(&self, i: usize) -> Found {
        let (len, hedge) = self.any_val(i, &self.lx.verb_hedges)?;
        for gap in 0..=2 {
            let j = i + len + gap;
            if (i + len..j).any(|k| self.tok(k).is_none_or(|t| t.kind != TokKind::Word)) {
                return None;
            }
            if let Some((mut items, next)) = self.range(j).or_else(|| self.quantity_item(j, true)) {
                let e = items.first_mut()?;
                if e.hedge != Hedge::None || matches!(e.kind, Kind::Date | Kind::Period) {
                    return None;
                }
                e.hedge = hedge;
                if gap == 0 {
                    e.start = self.t[i].start;
                }
                return Some((items, next));
            }
        }
        None
    }

    /// "ما بين 10% و20%", "10% - 20%", "between 5 and 7 billion dollars".
    fn range(&self, i: usize) -> Found {
        let open = self.any(i, &self.lx.range_open);
        let j = i + open.unwrap_or(0);
        let q1 = self.quantity(j)?;
        let join = self.any(q1.next, &self.lx.range_join)?;
        let dash = matches!(self.text(q1.next), "-" | "–" | "—");
        if open.is_none() && !dash {
            return None;
        }
        let mut q2 = self.quantity(q1.next + join)?;
        let mut q1 = q1;
        // Scale and unit stated once apply to both ends.
        if !q1.scaled && q2.scaled {
            q1.scale = q2.scale;
            q1.scaled = true;
        }
        if q1.kind == Kind::Number && q2.kind != Kind::Number {
            q1.kind = q2.kind;
            q1.unit = q2.unit;
        }
        if q2.kind == Kind::Number && q1.kind != Kind::Number {
            q2.kind = q1.kind;
            q2.unit = q1.unit;
        }
        if q1.kind != q2.kind || q1.unit != q2.unit || q2.v * q2.scale < q1.v * q1.scale {
            return None;
        }
        // The ends of a range are the bounds it states.
        let value = Value::Num {
            point: None,
            lo: q1.v * q1.scale,
            hi: q2.v * q2.scale,
        };
        let mut e = self.item(q1.kind, i, q2.next, value);
        e.hedge = Hedge::Range;
        e.unit = q1.unit;
        e.scaled = q1.scaled;
        Some((vec![e], q2.next))
    }

    // ---------- dates ----------

    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Num
            || t.text.len() != 4
            || !t.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let y: i32 = t.text.parse().ok()?;
        // A scale, unit or percent after it makes it a quantity.
        let n = i + 1;
        if self.lookup(n, &self.lx.scales).is_some()
            || self.any(n, &self.lx.percents).is_some()
            || self.any_val(n, &self.lx.currencies).is_some()
        {
            return None;
        }
        (1000..=2999).contains(&y).then_some(y)
    }

    /// Past a year at `j`: its suffix ("2025 года", "в 2024 году", "2025 г.").
    fn after_year(&self, j: usize) -> usize {
        let mut k = j + 1;
        if let Some(len) = self.any(k, &self.lx.year_suffixes) {
            k += len;
            if self.text(k) == "." && self.glued(k) {
                k += 1;
            }
        }
        k
    }

    fn year_item(&self, from: usize, to_excl: usize, y: i32) -> Extracted {
        self.item(
            Kind::Date,
            from,
            to_excl,
            Value::Time {
                lo: Some(Day::year_start(y)),
                hi: Some(Day::year_end(y)),
                grain: Grain::Year,
            },
        )
    }

    fn years_item(&self, from: usize, to_excl: usize, y1: i32, y2: i32) -> Extracted {
        self.item(
            Kind::Period,
            from,
            to_excl,
            Value::Time {
                lo: Some(Day::year_start(y1)),
                hi: Some(Day::year_end(y2)),
                grain: Grain::Year,
            },
        )
    }

    /// Years with a cue: "عام 2020", "in 2006", "في عامي 2013 و2015" (two
    /// years), "بين عامي 2010 و2015" and "2019-2021" (a period).
    fn year(&self, i: usize) -> Found {
        let mut j = i;
        let between = self.any(j, &self.lx.range_open);
        j += between.unwrap_or(0);
        let plural = self.any(j, &self.lx.years_plural);
        j += plural.unwrap_or(0);
        let word = if plural.is_none() {
            self.any(j, &self.lx.year_words)
        } else {
            None
        };
        j += word.unwrap_or(0);
        let prep = if j == i {
            self.any(j, &self.lx.year_preps)
        } else {
            None
        };
        j += prep.unwrap_or(0);
        let y1 = self.year_at(j)?;
        if self.text(j + 1) == "-"
            && self
                .lx
                .decade_suffixes
                .iter()
                .any(|d| *d == self.text(j + 2))
        {
            return None;
        }
        let cue = j > i;
        let start = if between.is_some() || plural.is_some() || word.is_some() {
            i
        } else {
            j
        };
        let sep = self.text(j + 1);
        let dash = matches!(sep, "-" | "–" | "—") && self.glued(j + 2) == self.glued(j + 1);
        let and = matches!(sep, "و" | "and" | "," | "،");
        if dash || and {
            let k = j + 2 + self.any(j + 2, &self.lx.year_words).unwrap_or(0);
            if let Some(y2) = self.year_at(k) {
                let end = self.after_year(k);
                if (dash || between.is_some()) && y2 > y1 && y2 - y1 <= 100 {
                    return Some((vec![self.years_item(start, end, y1, y2)], end));
                }
                if and && cue && between.is_none() {
                    return Some((
                        vec![self.year_item(start, j + 1, y1), self.year_item(k, end, y2)],
                        end,
                    ));
                }
            }
        }
        let end = self.after_year(j);
        if !cue && end == j + 1 {
            return None;
        }
        Some((vec![self.year_item(start, end, y1)], end))
    }

    fn numeric_date(&self, i: usize) -> Found {
        let t = self.tok(i)?;
        if t.kind != TokKind::Num {
            return None;
        }
        let (parts, next): (Vec<&str>, usize) = if t.text.matches('.').count() == 2 {
            (t.text.split('.').collect(), i + 1)
        } else {
            let sep = self.text(i + 1);
            if !matches!(sep, "/" | "-" | ".")
                || self.text(i + 3) != sep
                || !self.is_num(i + 2)
                || !self.is_num(i + 4)
                || !(self.glued(i + 1)
                    && self.glued(i + 2)
                    && self.glued(i + 3)
                    && self.glued(i + 4))
            {
                return None;
            }
            (vec![&t.text, self.text(i + 2), self.text(i + 4)], i + 5)
        };
        if parts.len() != 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            return None;
        }
        let day = if parts[0].len() == 4 {
            Day::from_ymd(n[0] as i32, n[1], n[2])
        } else if parts[2].len() == 4 {
            Day::from_ymd(n[2] as i32, n[1], n[0])
        } else {
            None
        }?;
        let e = self.item(
            Kind::Date,
            i,
            next,
            Value::Time {
                lo: Some(day),
                hi: Some(day),
                grain: Grain::Day,
            },
        );
        Some((vec![e], next))
    }

    /// A month name with its bilingual twin: "نوفمبر/ تشرين الثاني", "أيار (مايو)".
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let (len, m) = self.any_val(i, &self.lx.months)?;
        let mut j = i + len;
        if self.text(j) == "." && self.glued(j) && self.text(i).is_ascii() {
            j += 1;
        }
        let open = self.text(j);
        if matches!(open, "/" | "(" | "-")
            && let Some((len2, m2)) = self.any_val(j + 1, &self.lx.months)
            && m2 == m
        {
            j += 1 + len2;
            if open == "(" && self.text(j) == ")" {
                j += 1;
            }
        }
        Some((m, j))
    }

    fn day_num(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Num || t.text.len() > 2 {
            return None;
        }
        t.text.parse().ok().filter(|d| (1..=31).contains(d))
    }

    fn month_date(&self, i: usize) -> Found {
        let mut j = i;
        let mut day = self.day_num(j).filter(|_| self.month(j + 1).is_some());
        if day.is_some() {
            j += 1;
        }
        let (m, mut k) = self.month(j)?;
        if day.is_none() {
            // "November 6, 2025"
            if let Some(d) = self
                .day_num(k)
                .filter(|_| self.year_at(k + 1).is_some() || self.text(k + 1) == ",")
            {
                day = Some(d);
                k += 1;
                if self.text(k) == "," {
                    k += 1;
                }
            }
        }
        if matches!(self.text(k), "," | "،") && self.year_at(k + 1).is_some() {
            k += 1;
        }
        if let Some(len) = self.any(k, &self.lx.of_words)
            && (self.year_at(k + len).is_some() || self.any(k + len, &self.lx.year_words).is_some())
        {
            k += len;
        }
        if let Some(len) = self.any(k, &self.lx.year_words)
            && self.year_at(k + len).is_some()
        {
            k += len;
        }
        let year = self.year_at(k);
        let value = match (day, year) {
            (Some(d), Some(y)) => {
                k = self.after_year(k);
                let day = Day::from_ymd(y, m, d)?;
                Value::Time {
                    lo: Some(day),
                    hi: Some(day),
                    grain: Grain::Day,
                }
            }
            (None, Some(y)) => {
                k = self.after_year(k);
                Value::Time {
                    lo: Some(Day::month_start(y, m)),
                    hi: Some(Day::month_end(y, m)),
                    grain: Grain::Month,
                }
            }
            (Some(d), None) => match self.anchor {
                // "19 كانون الثاني الجاري": the year of the source, or the one
                // before when the month lies well after the source's month.
                Some(a) => {
                    let (ay, am, _) = a.ymd();
                    let y = if m > am + 1 { ay - 1 } else { ay };
                    let day = Day::from_ymd(y, m, d)?;
                    Value::Time {
                        lo: Some(day),
                        hi: Some(day),
                        grain: Grain::Day,
                    }
                }
                None => Value::Unresolved {
                    why: "a day and month without a year, in a source with no date".into(),
                },
            },
            (None, None) => return None,
        };
        let mut e = self.item(Kind::Date, i, k, value);
        e.relative = year.is_none();
        Some((vec![e], k))
    }

    fn resolve_year(&self, y: YearRef) -> Result<i32, String> {
        match (y, self.anchor) {
            (YearRef::Abs(y), _) => Ok(y),
            (YearRef::Rel(k), Some(a)) => Ok(a.year() + k),
            (YearRef::Rel(_), None) => Err("a relative year in a source with no date".into()),
        }
    }

    fn year_expr(&self, i: usize) -> Option<(YearRef, usize)> {
        if let Some((len, k)) = self.any_val(i, &self.lx.relative_years) {
            return Some((YearRef::Rel(k), i + len));
        }
        let len = self.any(i, &self.lx.year_words).unwrap_or(0);
        let y = self.year_at(i + len)?;
        Some((YearRef::Abs(y), self.after_year(i + len)))
    }

    fn of_year(&self, i: usize) -> Option<(YearRef, usize)> {
        let j = i + self.any(i, &self.lx.of_words).unwrap_or(0);
        self.year_expr(j)
    }

    fn months_item(&self, from: usize, to: usize, y: YearRef, m1: u32, m2: u32) -> Extracted {
        let value = match self.resolve_year(y) {
            Ok(y) => Value::Time {
                lo: Some(Day::month_start(y, m1)),
                hi: Some(Day::month_end(y, m2)),
                grain: Grain::Month,
            },
            Err(why) => Value::Unresolved { why },
        };
        let mut e = self.item(Kind::Period, from, to, value);
        e.relative = matches!(y, YearRef::Rel(_));
        e
    }

    fn count_at(&self, i: usize) -> Option<(u32, usize)> {
        // "الأشهر الـ8 الأولى": the article glued to digits.
        let j = if self.text(i) == "ال" && self.is_num(i + 1) {
            i + 1
        } else {
            i
        };
        let (v, _, next) = self.number(j)?;
        ((1.0..=12.0).contains(&v) && v.fract() == 0.0).then_some((v as u32, next))
    }

    fn period(&self, i: usize) -> Found {
        // "the same period of 2025", "نفس الفترة من العام الماضي"
        if let Some(len) = self.any(i, &self.lx.same_period) {
            let (y, next) = self.of_year(i + len)?;
            let mut e = self.item(Kind::Period, i, next, Value::SamePeriod { year: y });
            e.relative = true;
            return Some((vec![e], next));
        }
        // "الأشهر الثمانية الأولى من عام 2025"
        if let Some(len) = self.any(i, &self.lx.months_word) {
            let (n, j) = self.count_at(i + len)?;
            let k = self.any(j, &self.lx.first_words)?;
            let (y, next) = self.of_year(j + k)?;
            return Some((vec![self.months_item(i, next, y, 1, n)], next));
        }
        // "שמונת החודשים הראשונים של 2025", "за 9 месяцев 2025 года"
        if let Some((n, j)) = self.count_at(i)
            && let Some(k) = self.any(j, &self.lx.months_word)
        {
            let k = j + k;
            let k = k + self.any(k, &self.lx.first_words).unwrap_or(0);
            if let Some((y, next)) = self.of_year(k) {
                return Some((vec![self.months_item(i, next, y, 1, n)], next));
            }
        }
        // "أول ثمانية أشهر من 2025", "the first eight months of 2025",
        // "first half of 2025", "the third quarter of 2025"
        let start = if self.text(i) == "the" { i + 1 } else { i };
        if let Some(len) = self.any(start, &self.lx.first_words)
            && let Some((n, j)) = self.count_at(start + len)
            && let Some(k) = self.any(j, &self.lx.months_word)
        {
            let (y, next) = self.of_year(j + k)?;
            return Some((vec![self.months_item(i, next, y, 1, n)], next));
        }
        for (words, table, months) in [
            (&self.lx.half_words, &self.lx.halves, 6u32),
            (&self.lx.quarter_words, &self.lx.quarters, 3u32),
        ] {
            // Arabic order: النصف الأول; English order: first half.
            let ar = self.any(start, words).and_then(|l| {
                self.any_val(start + l, table)
                    .map(|(l2, n)| (n, start + l + l2))
            });
            let en = self
                .any_val(start, table)
                .and_then(|(l, n)| self.any(start + l, words).map(|l2| (n, start + l + l2)));
            if let Some((n, j)) = ar.or(en) {
                let (y, next) = self.of_year(j)?;
                return Some((
                    vec![self.months_item(i, next, y, (n - 1) * months + 1, n * months)],
                    next,
                ));
            }
        }
        // "H1 2025", "Q3 2025"
        if matches!(self.text(i), "h" | "q") && self.is_num(i + 1) && self.glued(i + 1) {
            let n: u32 = self.text(i + 1).parse().ok()?;
            let months = if self.text(i) == "h" { 6 } else { 3 };
            if (1..=12 / months).contains(&n) {
                let (y, next) = self.of_year(i + 2)?;
                return Some((
                    vec![self.months_item(i, next, y, (n - 1) * months + 1, n * months)],
                    next,
                ));
            }
        }
        // "يناير - أغسطس 2025", "from January to August 2025"
        let open = self
            .any(i, &self.lx.of_words)
            .or_else(|| self.any(i, &self.lx.range_open))
            .unwrap_or(0);
        if let Some((m1, j)) = self.month(i + open) {
            let join = self
                .any(j, &self.lx.range_join)
                .or_else(|| (self.text(j) == "الي").then_some(1))?;
            let (m2, k) = self.month(j + join)?;
            let comma = usize::from(matches!(self.text(k), "," | "،"));
            let (y, next) = self.of_year(k + comma)?;
            if m2 > m1 {
                return Some((vec![self.months_item(i, next, y, m1, m2)], next));
            }
        }
        None
    }

    fn time_value(&self, lo: Option<Day>, hi: Option<Day>, grain: Grain) -> Value {
        Value::Time { lo, hi, grain }
    }

    fn relative(&self, i: usize) -> Found {
        if let Some((len, k)) = self.any_val(i, &self.lx.relative_years) {
            let value = match self.resolve_year(YearRef::Rel(k)) {
                Ok(y) => self.time_value(
                    Some(Day::year_start(y)),
                    Some(Day::year_end(y)),
                    Grain::Year,
                ),
                Err(why) => Value::Unresolved { why },
            };
            let mut e = self.item(Kind::Date, i, i + len, value);
            e.relative = true;
            return Some((vec![e], i + len));
        }
        // "قبل نحو عقد", "منذ أكثر من 30 عاما", "about ten years ago"
        let before = self.any(i, &self.lx.ago_before);
        let mut j = i + before.unwrap_or(0);
        let mut hedge = Hedge::None;
        if let Some((len, h)) = self.any_val(j, &self.lx.hedges) {
            hedge = h;
            j += len;
        }
        let count = self
            .number(j)
            .or_else(|| matches!(self.text(j), "a" | "an").then_some((1.0, 0.5, j + 1)));
        if let Some((_, _, next)) = count {
            j = next;
        }
        let glued_approx = self.tok(j).and_then(|t| {
            self.lx.approx_prefixes.iter().find_map(|p| {
                t.text
                    .strip_prefix(p.as_str())
                    .and_then(|rest| self.lx.durations.get(rest).copied())
            })
        });
        let direct = self
            .tok(j)
            .and_then(|t| self.lx.durations.get(&t.text).copied());
        let (unit_years, alone) = match (direct, glued_approx) {
            (Some(d), _) => d,
            (None, Some(d)) => {
                if hedge == Hedge::None {
                    hedge = Hedge::Approx;
                }
                d
            }
            (None, None) => self.lookup(j, &self.lx.durations)?,
        };
        // "منذ عام 1992" names a year, not a duration.
        if self.year_at(j + 1).is_some() {
            return None;
        }
        let n = match count {
            Some((v, _, _)) => v,
            None if alone > 0 => alone as f64,
            None => return None,
        };
        let mut end = j + 1;
        if before.is_none() {
            end += self.any(end, &self.lx.ago_after)?;
        }
        let years = n * unit_years;
        // "قبل 5000 عام" is history, not a date this tool can anchor.
        if !(0.0..=3000.0).contains(&years) {
            return None;
        }
        let value = match self.anchor {
            None => Value::Unresolved {
                why: "a relative date in a source with no date".into(),
            },
            Some(a) => relative_interval(a, years, hedge),
        };
        let mut e = self.item(Kind::Date, i, end, value);
        e.relative = true;
        e.hedge = hedge;
        Some((vec![e], end))
    }

    fn century_at(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(len) = self.any(i, &self.lx.last_century) {
            let base = self.anchor.map_or(1900, |a| (a.year() / 100) * 100 - 100);
            return Some((base, i + len));
        }
        // "the 20th century"
        if self.is_num(i)
            && matches!(self.text(i + 1), "th" | "st" | "nd" | "rd")
            && self.glued(i + 1)
        {
            let n: i32 = self.text(i).parse().ok().filter(|n| (1..=30).contains(n))?;
            let len = self.any(i + 2, &self.lx.century_word)?;
            return Some(((n - 1) * 100, i + 2 + len));
        }
        let len = self.any(i, &self.lx.century_word)?;
        let (l2, c) = self.any_val(i + len, &self.lx.centuries)?;
        Some(((c - 1) * 100, i + len + l2))
    }

    fn decade(&self, i: usize) -> Found {
        // "1990-е", "90-х годов"
        if let Some(t) = self
            .tok(i)
            .filter(|t| t.kind == TokKind::Num && matches!(t.text.len(), 2 | 4))
        {
            let n: i32 = t.text.parse().ok()?;
            let y = if n < 100 { 1900 + n } else { n };
            if n % 10 == 0
                && self.text(i + 1) == "-"
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self
                    .lx
                    .decade_suffixes
                    .iter()
                    .any(|s| *s == self.text(i + 2))
            {
                let mut next = i + 3;
                next += self.any(next, &self.lx.year_suffixes).unwrap_or(0);
                return Some((vec![self.decade_item(i, next, y)], next));
            }
        }
        if let Some((len, d)) = self.any_val(i, &self.lx.decade_phrases) {
            let y = if d <= 10 { 2000 + d } else { 1900 + d };
            return Some((vec![self.decade_item(i, i + len, y)], i + len));
        }
        // "the 1990s"
        if let Some(y) = self.year_at(i)
            && self.text(i + 1) == "s"
            && self.glued(i + 1)
            && y % 10 == 0
        {
            return Some((vec![self.decade_item(i, i + 2, y)], i + 2));
        }
        if let Some(d) = self.lookup(i, &self.lx.decades) {
            let mut next = i + 1;
            let of = self.any(next, &self.lx.of_words).unwrap_or(0);
            let base = match self.century_at(next + of) {
                Some((b, n)) => {
                    next = n;
                    b
                }
                None if d <= 10 => 2000,
                None => 1900,
            };
            return Some((vec![self.decade_item(i, next, base + d)], next));
        }
        let (base, next) = self.century_at(i)?;
        let e = self.item(
            Kind::Period,
            i,
            next,
            self.time_value(
                Some(Day::year_start(base)),
                Some(Day::year_end(base + 99)),
                Grain::Century,
            ),
        );
        Some((vec![e], next))
    }

    fn decade_item(&self, from: usize, to: usize, y: i32) -> Extracted {
        self.item(
            Kind::Period,
            from,
            to,
            self.time_value(
                Some(Day::year_start(y)),
                Some(Day::year_end(y + 9)),
                Grain::Decade,
            ),
        )
    }
}

/// The interval of "N years ago" said on `anchor`: the calendar year; "about"
/// allows ± max(1, N/4) years; "more than" leaves the start open.
fn relative_interval(anchor: Day, years: f64, hedge: Hedge) -> Value {
    let whole = years.round() as i32;
    if years < 1.0 {
        // Months ago: the month itself.
        let months = (years * 12.0).round() as i32;
        let (y, m, _) = anchor.ymd();
        let idx = y * 12 + m as i32 - 1 - months;
        let (yy, mm) = (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32);
        return Value::Time {
            lo: Some(Day::month_start(yy, mm)),
            hi: Some(Day::month_end(yy, mm)),
            grain: Grain::Month,
        };
    }
    let center = anchor.year() - whole;
    match hedge {
        Hedge::Min => Value::Time {
            lo: None,
            hi: Some(anchor.add_years(-whole)),
            grain: Grain::Year,
        },
        Hedge::Max => Value::Time {
            lo: Some(anchor.add_years(-whole)),
            hi: Some(anchor),
            grain: Grain::Year,
        },
        Hedge::Approx => {
            // ± max(1, N/4) years around the calendar year N years back.
            let w = (years / 4.0).max(1.0);
            let whole = w.floor() as i32;
            let days = ((w - w.floor()) * 365.25).round() as i32;
            Value::Time {
                lo: Some(Day(Day::year_start(center).add_years(-whole).0 - days)),
                hi: Some(Day(Day::year_end(center).add_years(whole).0 + days)),
                grain: Grain::Year,
            }
        }
        _ => Value::Time {
            lo: Some(Day::year_start(center)),
            hi: Some(Day::year_end(center)),
            grain: Grain::Year,
        },
    }
}

/// Digits with separators: "1,200", "5,8" (decimal comma), "2.5", "1.200.000".
/// Returns the value and half a unit of its last significant digit.
fn digits(s: &str, decimal_comma: bool) -> Option<(f64, f64)> {
    let spaced: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}'))
        .collect();
    let s = spaced.as_str();
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_three = |sep: char| {
        s.split(sep)
            .skip(1)
            .all(|g| g.len() == 3 && !g.contains(['.', ',']))
    };
    let plain: String = if commas > 0 && dots > 0 {
        let (thou, dec) = if s.rfind('.') > s.rfind(',') {
            (',', '.')
        } else {
            ('.', ',')
        };
        s.replace(thou, "").replace(dec, ".")
    } else if commas == 1 && decimal_comma {
        s.replace(',', ".")
    } else if commas > 0 {
        if commas > 1 || groups_of_three(',') {
            s.replace(',', "")
        } else {
            s.replace(',', ".")
        }
    } else if dots > 1 && groups_of_three('.') {
        s.replace('.', "")
    } else {
        s.to_string()
    };
    let v: f64 = plain.parse().ok()?;
    let half = match plain.split_once('.') {
        Some((_, frac)) => 0.5 * 10f64.powi(-(frac.len() as i32)),
        None => {
            let zeros = plain.bytes().rev().take_while(|&b| b == b'0').count();
            let zeros = if zeros == plain.len() { 0 } else { zeros };
            0.5 * 10f64.powi(zeros as i32)
        }
    };
    Some((v, half))
}

#[cfg(test)]
mod tests;
