//! Quantities: numbers in digits and words, scale words, currencies,
//! percents, fractions, multipliers, hedges and ranges.

use super::*;

impl P<'_> {
    /// `read_number`, remembered per token: several grammars ask for the
    /// number at the same place.
    pub(super) fn number(&self, i: usize) -> Option<(f64, f64, usize)> {
        if let Some(Some(n)) = self.memo_number.borrow().get(i) {
            return *n;
        }
        let n = self.read_number(i);
        if let Some(slot) = self.memo_number.borrow_mut().get_mut(i) {
            *slot = Some(n);
        }
        n
    }

    fn read_number(&self, i: usize) -> Option<(f64, f64, usize)> {
        let t = self.tok(i)?;
        match t.kind {
            TokKind::Num => {
                if self.is_time(i) || self.is_code(i) {
                    return None;
                }
                // "4 875 туристов": groups of three after a space.
                let mut text = t.text.to_string();
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
                        .is_some_and(|n| self.lx.comma_words.contains(n.text.as_ref()));
                let (v, half) = digits(&text, comma)?;
                Some((v, half, next))
            }
            TokKind::Word => self.number_words(i),
            TokKind::Punct => None,
        }
    }

    /// A model name or code: "A320", "F-16", "COVID-19".
    pub(super) fn is_code(&self, i: usize) -> bool {
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
            // "Rs20", "USD20": a currency, not a model name.
            return !matches!(self.text(i - 1), "h" | "q" | "us")
                && self.any_val(i - 1, &self.lx.currencies).is_none();
        }
        // A word of two letters or more: "F-16", "هواسونغ-17"; not the
        // Hebrew prefixes of "ב-2024", "ל-123", "בכ-34".
        let word_before = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == TokKind::Word && !super::super::token::only_proclitics(&t.text)
            })
        };
        i >= 2
            && self.glued(i)
            && self.text(i - 1) == "-"
            && self.glued(i - 1)
            && word_before(i - 2)
    }

    /// A number in words: groups below a thousand joined by scale words
    /// ("thirty-one million two hundred fifty-six thousand seven hundred
    /// twenty-one", "ثلاثة آلاف وخمسمائة وعشرون"). A scale word that ends the
    /// number is left to `quantity` ("two hundred thousand dollars").
    pub(super) fn number_words(&self, i: usize) -> Option<(f64, f64, usize)> {
        let (mut v, mut next) = self.word_group(i)?;
        let mut total = 0.0;
        let mut last_scale = f64::INFINITY;
        while let Some((s, form)) = self.lookup(next, &self.lx.scales) {
            if form == Form::Short || s >= last_scale {
                break;
            }
            let mut k = next + 1;
            if matches!(self.text(k), "and" | "و" | "ו") {
                k += 1;
            }
            let Some((g, k2)) = self.word_group(k) else {
                break;
            };
            if g * s.min(1e3) >= s * 1e3 || g >= 1000.0 {
                break;
            }
            total += v * s;
            v = g;
            next = k2;
            last_scale = s;
        }
        let mut v = total + v;
        // "two point five", "ثلاثة فاصلة خمسة": digits in words after it.
        let mut half = 0.5;
        if let Some(len) = self.any(next, &self.lx.decimal_words) {
            let mut k = next + len;
            let mut place = 0.1;
            while let Some(d) = self
                .lookup(k, &self.lx.numbers)
                .filter(|&d| d < 10 && self.tok(k).is_some_and(|t| t.kind == TokKind::Word))
            {
                v += d as f64 * place;
                half = place / 2.0;
                place /= 10.0;
                k += 1;
            }
            if k > next + len {
                next = k;
            }
        }
        // "one" alone is too often a pronoun ("one of the largest").
        if v == 1.0 && next == i + 1 {
            let follows_unit = self.lx.scales.contains_key(self.text(next))
                || self.lookup(next, &self.lx.multipliers).is_some();
            if !follows_unit {
                return None;
            }
        }
        Some((v, half, next))
    }

    /// A group of number words below a thousand: "seven hundred
    /// twenty-one", "one hundred and five", "خمسة وعشرون", "أربعة و عشرون",
    /// "مئة وخمسة عشر", "שלוש מאות ועשרים", "двести тридцать пять".
    fn word_group(&self, i: usize) -> Option<(f64, usize)> {
        let teen_only = self.lookup(i, &self.lx.teen_only);
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
        // Smaller parts after: "twenty-five", "twenty five", "hundred and
        // five", "وعشرون" (glued), "و عشرون" (spaced); the units may come
        // first ("خمسة وعشرون").
        loop {
            let dash = self.text(next) == "-" && self.glued(next) && self.glued(next + 1);
            let (k, joined) = if dash || matches!(self.text(next), "and" | "و" | "ו") {
                (next + 1, true)
            } else {
                let glued_join = self
                    .tok(next)
                    .is_some_and(|t| t.text.starts_with(['و', 'ו']) && t.text.chars().count() > 1);
                (next, glued_join)
            };
            if self.tok(k).is_none_or(|t| t.kind != TokKind::Word) {
                break;
            }
            let Some(w) = self.lookup(k, &self.lx.numbers) else {
                break;
            };
            let mut w = w as f64;
            let mut k2 = k + 1;
            if w < 10.0 && self.lx.teens.iter().any(|t| *t == self.text(k2)) {
                w += 10.0;
                k2 += 1;
            }
            let tens_open = (20.0..100.0).contains(&(v % 100.0)) && (v % 10.0) == 0.0;
            let hundreds_open = v >= 100.0 && v % 100.0 == 0.0;
            let fits = (hundreds_open && w < 100.0)
                || (tens_open && w < 10.0)
                || (joined && v < 10.0 && (20.0..100.0).contains(&w) && w % 10.0 == 0.0);
            if !fits || v + w >= 1000.0 {
                break;
            }
            v += w;
            next = k2;
        }
        Some((v, next))
    }

    /// `read_quantity`, remembered per token: a range and a lone figure
    /// both start with the quantity at the same place.
    pub(super) fn quantity(&self, i: usize) -> Option<Q> {
        if let Some(Some(q)) = self.memo_quantity.borrow().get(i) {
            return q.clone();
        }
        let q = self.read_quantity(i);
        if let Some(slot) = self.memo_quantity.borrow_mut().get_mut(i) {
            *slot = Some(q.clone());
        }
        q
    }

    fn read_quantity(&self, i: usize) -> Option<Q> {
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
                floor: false,
                next,
            });
        }
        let mut j = i;
        let mut unit = None;
        let mut factor = 1.0;
        // "$4.8k", "Rs 40 crore", "USD 2.5 bn", "Rs. 40".
        if let Some((len, code)) = self.currency_at(j) {
            let mut k = j + len;
            if self.text(k) == "." && self.glued(k) {
                k += 1;
            }
            if self.number(k).is_some() {
                unit = Some(code);
                j = k;
            }
        }
        // "نصف مليون", "half a million": a fraction of a scale.
        let fraction = self.lookup(j, &self.lx.fractions).and_then(|f| {
            let k = j + 1 + usize::from(matches!(self.text(j + 1), "a" | "an"));
            self.lookup(k, &self.lx.scales).map(|_| (f, 0.005, k))
        });
        // "a thousand", "a million": one of the scale.
        let article = (matches!(self.text(j), "a" | "an")
            && matches!(self.lookup(j + 1, &self.lx.scales), Some((_, Form::Single))))
        .then_some((1.0, 0.5, j + 1));
        // "tens of thousands", "عشرات الآلاف", "десятки тысяч", "hundreds
        // of": a lower bound.
        let mut floor = false;
        let plural = self
            .any_val(j, &self.lx.plural_counts)
            .and_then(|(len, c)| {
                let k = j + len;
                let of = self.any(k, &self.lx.of_words).unwrap_or(0);
                match self.lookup(k + of, &self.lx.scales) {
                    Some((_, Form::Plural)) => Some((c, 0.0, k + of)),
                    _ if of > 0 || self.tok(k).is_some_and(|t| t.kind == TokKind::Word) => {
                        Some((c, 0.0, k))
                    }
                    _ => None,
                }
            });
        if plural.is_some() {
            floor = true;
        }
        let num = self.number(j).or(fraction).or(article).or(plural);
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
                (true, Form::Short) => self.short_scale_ok(j, unit.is_some()),
                (true, _) => true,
                (false, Form::Single) => true,
                // "مليوني زائر", "مليونا دولار", "مليونا نسمة"; but alone,
                // "ألفا" is as often the name Alpha: it needs a currency.
                (false, Form::Dual)
                    if self.currency_at(j + 1).is_some()
                        || !self.forms_of(j).is_some_and(|f| f.contains(&"الفا")) =>
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
                // "مليون ونصف", "a million and a half": half of one more.
                let glued_and = self.tok(j).and_then(|t| t.text.strip_prefix('و'));
                if let Some(f) = glued_and.and_then(|rest| self.lx.fractions.get(rest).copied()) {
                    v += f;
                    half = half.min(0.05);
                    j += 1;
                } else if matches!(self.text(j), "and" | "و")
                    && let k = j + 1 + usize::from(matches!(self.text(j + 1), "a" | "an"))
                    && let Some(f) = self.lookup(k, &self.lx.fractions)
                {
                    v += f;
                    half = half.min(0.05);
                    j = k + 1;
                }
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
        // "tens of thousands of dollars": the counted noun after "of".
        let of_after = if floor {
            self.any(j, &self.lx.of_words).unwrap_or(0)
        } else {
            0
        };
        let mut kind = Kind::Number;
        if let Some(len) = self.any(j, &self.lx.percents) {
            kind = Kind::Percent;
            unit = Some("%");
            j += len;
        } else if let Some((len, code)) = self.currency_at(j + of_after).filter(|_| unit.is_none())
        {
            kind = Kind::Money;
            unit = Some(code);
            j += of_after + len;
            if self.text(j) == "."
                && self.glued(j)
                && self.lx.abbreviations.iter().any(|a| *a == self.text(j - 1))
            {
                j += 1;
            }
        } else if unit.is_some() {
            kind = Kind::Money;
        } else if let Some((len, code)) = self.subunit_at(j) {
            // "45 cents", "80 копеек": a hundredth of the currency.
            kind = Kind::Money;
            unit = Some(code);
            factor = 0.01;
            j += len;
        } else if let Some((len, (code, f))) = self.any_val(j, &self.lx.units) {
            // "1.2 million tonnes", "4.4 مليون برميل يوميا", "300 МВт".
            kind = Kind::Quantity;
            unit = Some(code);
            factor = f;
            j += len;
            if self.text(j) == "." && self.glued(j) {
                j += 1;
            }
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
        if floor {
            half = 0.0;
        }
        Some(Q {
            v,
            half,
            scale: scale * factor,
            scaled,
            unit,
            kind,
            floor,
            next: j,
        })
    }

    /// A short scale after digits: "bn", "mln", "tn" spaced or glued;
    /// "k", "m", "b" only glued, and with a currency or in capitals
    /// ("$4.8k", "1.2M", "100K"), since "5m" is as often five metres.
    fn short_scale_ok(&self, j: usize, currency_before: bool) -> bool {
        let one_letter = self.text(j).chars().count() == 1;
        // "100k": a thousand; "5m" is as often five metres.
        if !one_letter || (self.text(j) == "k" && self.glued(j)) {
            return true;
        }
        self.glued(j)
            && (currency_before
                || self.currency_at(j + 1).is_some()
                || self.src_text(j).chars().all(|c| c.is_ascii_uppercase()))
    }

    /// A currency at `j`: a symbol, a code (in capitals, so that "try" is
    /// no Turkish lira), or a currency word with the nationality adjective
    /// that picks its country ("Qatari riyals", "ريال قطري", "азербайджанских
    /// манатов"). Returns the tokens it takes and the ISO code.
    pub(super) fn currency_at(&self, j: usize) -> Option<(usize, &'static str)> {
        let adjective = |k: usize| -> Option<&'static str> {
            let t = self.tok(k).filter(|t| t.kind == TokKind::Word)?;
            if t.text.chars().count() < 3 {
                return None;
            }
            // A word of the grammars' tables is no adjective.
            if self.bits.get(k).is_some_and(|b| *b != 0) {
                return None;
            }
            national_currency(self.src_text(k))
        };
        // "Qatari riyals", "азербайджанских манатов": the adjective first.
        if let Some((len, _)) = self.any_val(j + 1, &self.lx.currency_names)
            && let Some(code) = adjective(j)
        {
            return Some((1 + len, code));
        }
        let named = self.any_val(j, &self.lx.currency_names);
        // "ريال قطري", "ليرات تركية", "לירות טורקיות": the adjective after.
        if let Some((len, _)) = named
            && let Some(code) = adjective(j + len)
        {
            return Some((len + 1, code));
        }
        if let Some((len, code)) = self.any_val(j, &self.lx.currencies)
            && self.not_a_stripped_stub(j, &self.lx.currencies)
            // "R$", "A$": a letter glued to a sign, never "a $1".
            && (len == 1 || self.t[j + 1].kind != TokKind::Punct || self.glued(j + 1))
        {
            let src = self.src_text(j);
            let is_code = len == 1 && src.eq_ignore_ascii_case(code);
            if !is_code || src.bytes().all(|b| b.is_ascii_uppercase()) {
                return Some((len, code));
            }
        }
        let (len, code) = named.filter(|_| self.not_a_stripped_stub(j, &self.lx.currency_names))?;
        // A bare "dirham", "dinar", "peso": the one of a country the
        // sentence names, when one of them uses a currency of that name.
        let family = crate::lang::CURRENCY_FAMILIES
            .iter()
            .find(|f| f.contains(&code));
        let code = family
            .and_then(|f| {
                self.sentence_currencies()
                    .iter()
                    .find(|c| f.contains(c))
                    .copied()
            })
            .unwrap_or(code);
        Some((len, code))
    }

    /// The currencies of the countries the span names, in text order.
    fn sentence_currencies(&self) -> &[&'static str] {
        self.countries.get_or_init(|| {
            let (from, to) = self.span;
            let text = &self.text[from..to];
            let lower = crate::text::lower_same_offsets(text);
            let g = crate::entity::Gazetteer::builtin();
            let mut out = Vec::new();
            for m in g.mentions(text, &lower) {
                let Some(e) = m.entity() else { continue };
                let e = g.entity(e);
                if &*e.kind != crate::entity::COUNTRY {
                    continue;
                }
                if let Some((_, cur)) = crate::lang::CURRENCY_OF.iter().find(|(c, _)| *c == e.code)
                {
                    out.push(*cur);
                }
            }
            out
        })
    }

    /// A word found only once its proclitics are cut, as a stub of two
    /// letters, is no currency: "بين" (between) is no "ين" (yen).
    fn not_a_stripped_stub<T>(&self, j: usize, set: &Set<T>) -> bool {
        !set.bucket(self.text(j)).is_empty()
            || self.forms_of(j).is_some_and(|forms| {
                forms[1..]
                    .iter()
                    .any(|f| f.chars().count() >= 3 && !set.bucket(f).is_empty())
            })
    }

    fn subunit_at(&self, j: usize) -> Option<(usize, &'static str)> {
        self.any_val(j, &self.lx.subunits)
    }

    pub(super) fn q_item(&self, i: usize, q: &Q) -> Extracted {
        let mut e = self.item(q.kind, i, q.next, q.value());
        e.unit = q.unit;
        e.scaled = q.scaled;
        if q.floor {
            e.hedge = Hedge::Min;
        }
        e
    }

    pub(super) fn post_hedge(&self, e: &mut Extracted, next: usize) -> usize {
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
    pub(super) fn fraction_share(&self, i: usize) -> Found {
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

    pub(super) fn quantity_item(&self, i: usize, after_hedge: bool) -> Found {
        if let Some(q) = self.quantity(i) {
            let mut e = self.q_item(i, &q);
            let mut next = q.next;
            // "1 dollar and 42 cents", "5 جنيهات و50 قرشا": the coins add.
            if q.kind == Kind::Money && !q.scaled && q.scale == 1.0 {
                let k = next + usize::from(matches!(self.text(next), "and" | "و" | "и" | "ו"));
                if let Some((c, _, n2)) = self.number(k)
                    && let Some((len, code)) = self.subunit_at(n2)
                    && Some(code) == q.unit
                    && let Value::Num { point, lo, hi } = &mut e.value
                {
                    let add = c * 0.01;
                    *point = point.map(|p| p + add);
                    *lo = point.unwrap_or(*lo);
                    *hi = point.unwrap_or(*hi);
                    next = n2 + len;
                    e.end = self.t[next - 1].end;
                }
            }
            let next = self.post_hedge(&mut e, next);
            return Some((vec![e], next));
        }
        self.lone_multiplier(i, after_hedge)
    }

    /// "twice", "ضعفي"; "ضعف" only after a hedge or a cue word.
    pub(super) fn lone_multiplier(&self, i: usize, after_hedge: bool) -> Found {
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
        // "doubled to twice their level", "tripled to three times": one
        // multiple, stated by the figure after the verb.
        if fold.is_none()
            && (i + 1..i + 4).any(|k| self.lookup(k, &self.lx.multipliers).is_some() && k > i)
        {
            return None;
        }
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

    pub(super) fn hedged(&self, i: usize) -> Found {
        if let Some(found) = self.verb_hedged(i) {
            return Some(found);
        }
        // "edged up to 4.5%": "up" belongs to a word of change, not to "up to".
        if i > 0
            && (i.saturating_sub(2)..i).any(|s| {
                self.any_val(s, &self.lx.changes)
                    .is_some_and(|(len, _)| s + len > i)
            })
        {
            return None;
        }
        let (len, hedge) = match self.any_val(i, &self.lx.hedges) {
            Some(found) => found,
            None => return self.glued_hedge(i),
        };
        // "замедлилась до 7,7%": after a word of change, "до" is the level
        // reached, not "up to".
        if self.any(i, &self.lx.change_to).is_some() && self.change_before(i) {
            return None;
        }
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
            .or_else(|| self.quantity_item(i + len, true))
            .or_else(|| self.bare_scale(i + len))?;
        let e = items.first_mut()?;
        if e.hedge != Hedge::None {
            return None;
        }
        e.hedge = hedge;
        e.start = self.t[i].start;
        Some((items, next))
    }

    /// A hedge whose last word is glued to the figure as a proclitic: "יותר
    /// מאלף" (more than a thousand), and "כמיליון" (about a million): the
    /// figure starts inside the token.
    fn glued_hedge(&self, i: usize) -> Found {
        let forms = self.forms_of(i)?;
        for form in forms {
            for (p, hedge) in self.lx.hedges.bucket(form) {
                // "יותר מ-": the dash the table writes is not in "מאלף".
                let n = p.len()
                    - p.iter()
                        .rev()
                        .take_while(|w| matches!(w.as_str(), "-" | "־"))
                        .count();
                if n < 2 || i + n > self.t.len() + 1 {
                    continue;
                }
                let middle = (1..n - 1).all(|k| self.text(i + k) == p[k]);
                let last = &p[n - 1];
                let k = i + n - 1;
                let Some(t) = self.tok(k) else { continue };
                if middle
                    && t.text.len() > last.len()
                    && t.text.starts_with(last.as_str())
                    && let Some((mut items, next)) = self.quantity_item(k, true)
                    && let Some(e) = items.first_mut()
                    && e.hedge == Hedge::None
                    && e.kind != Kind::Date
                {
                    e.hedge = *hedge;
                    e.start = self.t[i].start;
                    return Some((items, next));
                }
            }
        }
        // "כמיליון": an approximating prefix glued to a number word.
        let t = self.tok(i).filter(|t| t.kind == TokKind::Word)?;
        if self.lx.approx_prefixes.iter().any(|p| {
            t.text.strip_prefix(p.as_str()).is_some_and(|rest| {
                self.lx.scales.contains_key(rest) || self.lx.numbers.contains_key(rest)
            })
        }) && let Some((mut items, next)) = self.quantity_item(i, true)
            && let Some(e) = items.first_mut()
            && e.hedge == Hedge::None
        {
            e.hedge = Hedge::Approx;
            return Some((items, next));
        }
        None
    }

    /// Is there a word of change just before `i` ("rose from 3% to 5%" are
    /// two levels, not a range)? Up to five words back.
    fn change_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && k + 4 > i {
            k -= 1;
            let is_change = self
                .stemmed(k, &self.lx.changes, &self.lx.change_stems)
                .is_some();
            if is_change {
                return true;
            }
            // "рост составил от 5 до 7%": a verb of level between.
            let level = self
                .stemmed(k, &self.lx.change_to, &self.lx.change_to_stems)
                .is_some();
            if level || self.tok(k).is_none_or(|t| t.kind != TokKind::Word) {
                return false;
            }
        }
        false
    }

    /// "لم يتجاوز العدد 1200": the verb bounds the figure after its subject
    /// (at most two words). The value's span starts at the figure.
    pub(super) fn verb_hedged(&self, i: usize) -> Found {
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

    /// A plural scale alone after a hedge: "более тысячи", "more than
    /// thousands": one of the scale. Alone, "thousands of people" is no
    /// figure.
    fn bare_scale(&self, k: usize) -> Found {
        let (s, form) = self.lookup(k, &self.lx.scales)?;
        if form != Form::Plural || self.is_num(k) {
            return None;
        }
        let mut e = self.item(
            Kind::Number,
            k,
            k + 1,
            Value::Num {
                point: Some(s),
                lo: s,
                hi: s,
            },
        );
        e.scaled = true;
        Some((vec![e], k + 1))
    }

    /// "ما بين 10% و20%", "10% - 20%", "between 5 and 7 billion dollars".
    pub(super) fn range(&self, i: usize) -> Found {
        let open = self.any(i, &self.lx.range_open);
        let j = i + open.unwrap_or(0);
        let q1 = self.quantity(j)?;
        let join = self.any(q1.next, &self.lx.range_join)?;
        let dash = matches!(self.text(q1.next), "-" | "–" | "—");
        // "4.5% to 5%", "40 to 50": a join that joins no list makes a range
        // without an opener; "and" needs one ("between 2 and 3").
        let list = crate::lang::is_list_join(self.text(q1.next));
        if open.is_none() && !dash && list {
            return None;
        }
        // "rose from 3% to 5%" are two levels; "grow 2% to 2.5%" a range.
        if open.is_some() && self.change_before(i) {
            return None;
        }
        let mut q2 = self.quantity(q1.next + join)?;
        if q1.floor || q2.floor {
            return None;
        }
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
}

/// The currency of the country a nationality adjective names ("Qatari",
/// "قطري", "азербайджанских"), next to a currency word; a lower-case
/// adjective is one too there ("kuwaiti dinars"). The gazetteer's answers
/// are remembered per thread: news repeats its words.
fn national_currency(word: &str) -> Option<&'static str> {
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<&'static str>>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    if let Some(found) = SEEN.with(|s| s.borrow().get(word).copied()) {
        return found;
    }
    let mut cap = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    let found = match crate::entity::Gazetteer::builtin().lookup(&cap) {
        crate::entity::Lookup::One {
            code,
            form: crate::entity::Form::Adjective,
        } => crate::lang::CURRENCY_OF
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, cur)| *cur),
        _ => None,
    };
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 1 << 14 {
            s.clear();
        }
        s.insert(word.into(), found);
    });
    found
}

/// Digits with separators: "1,200", "5,8" (decimal comma), "2.5", "1.200.000".
/// Returns the value and half a unit of its last significant digit.
pub(super) fn digits(s: &str, decimal_comma: bool) -> Option<(f64, f64)> {
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
