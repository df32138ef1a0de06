//! Time: years, dates in every month system, decades and centuries, and
//! dates relative to the source's date or to the year named before
//! ("last year", "a year earlier"). Parts and ranges of a year are in
//! `period`.

use super::*;

impl P<'_> {
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
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
            || self.currency_at(n).is_some()
        {
            return None;
        }
        (1000..=2999).contains(&y).then_some(y)
    }

    /// Past a year at `j`: its suffix ("2025 года", "в 2024 году", "2025 г.").
    pub(super) fn after_year(&self, j: usize) -> usize {
        let mut k = j + 1;
        if let Some(len) = self.any(k, &self.lx.year_suffixes) {
            k += len;
            if self.text(k) == "." && self.glued(k) {
                k += 1;
            }
        }
        k
    }

    pub(super) fn year_item(&self, from: usize, to_excl: usize, y: i32) -> Extracted {
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

    pub(super) fn years_item(&self, from: usize, to_excl: usize, y1: i32, y2: i32) -> Extracted {
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
    pub(super) fn year(&self, i: usize) -> Found {
        if let Some(found) = self.year_span(i) {
            return Some(found);
        }
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
        let cue = j > i || self.year_in_phrase(j);
        let start = if between.is_some() || plural.is_some() || word.is_some() {
            i
        } else {
            j
        };
        let sep = self.text(j + 1);
        // "2023/2024", "2023/24": a fiscal year across two calendar years.
        if sep == "/" && self.glued(j + 1) && self.glued(j + 2) && self.is_num(j + 2) {
            let t2 = self.text(j + 2);
            let next_year = match t2.len() {
                4 => t2.parse::<i32>().ok(),
                2 => t2.parse::<i32>().ok().map(|n| y1 / 100 * 100 + n),
                _ => None,
            };
            if next_year == Some(y1 + 1) {
                let end = self.after_year(j + 2);
                return Some((vec![self.years_item(start, end, y1, y1 + 1)], end));
            }
        }
        let dash = matches!(sep, "-" | "–" | "—") && self.glued(j + 2) == self.glued(j + 1);
        let and = crate::lang::is_list_join(sep);
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

    /// "from 2016 to 2020", "с 2016 по 2020 год": an opener, two years
    /// and a join make one period.
    fn year_span(&self, i: usize) -> Found {
        let olen = self.any(i, &self.lx.period_open)?;
        let w1 = self.any(i + olen, &self.lx.year_words);
        let j = i + olen + w1.unwrap_or(0);
        let y1 = self.year_at(j).filter(|y| (1900..=2100).contains(y))?;
        let k0 = self.after_year(j);
        let jl = self.period_join_at(k0, true)?;
        let w2 = self.any(k0 + jl, &self.lx.year_words);
        let k = k0 + jl + w2.unwrap_or(0);
        let y2 = self.year_at(k).filter(|y| (1900..=2100).contains(y))?;
        let end = self.after_year(k);
        // "rose from 1950 to 2020 visitors" counts: without a year word or
        // suffix, no noun may follow the second number.
        let cued = w1.is_some() || w2.is_some() || end > k + 1 || k0 > j + 1;
        let noun_after = self.tok(end).is_some_and(|t| t.kind == TokKind::Word)
            && self.any(end, &self.lx.year_determiners).is_none()
            && self.any(end, &self.lx.year_preps).is_none()
            && !crate::lang::is_list_join(self.text(end));
        if y2 <= y1 || (!cued && noun_after) {
            return None;
        }
        Some((vec![self.years_item(i, end, y1, y2)], end))
    }

    /// A bare four-digit number (1900–2100, no separator, no unit after
    /// it) that a noun phrase makes a year: after a determiner and before
    /// the noun it qualifies ("the 2016 deal"), or after a noun it
    /// qualifies with no word after it ("صفقة 2016"). A count has its
    /// counted noun after it ("2016 people", "عدد 2016 شخصا").
    fn year_in_phrase(&self, j: usize) -> bool {
        let Some(y) = self.year_at(j) else {
            return false;
        };
        if !(1900..=2100).contains(&y)
            || j == 0
            || self.lookup(j + 1, &self.lx.multipliers).is_some()
        {
            return false;
        }
        let next = self.tok(j + 1);
        let word_after = next.is_some_and(|t| t.kind == TokKind::Word);
        if word_after
            && self.any(j - 1, &self.lx.year_determiners).is_some()
            && self.lookup(j + 1, &self.lx.numbers).is_none()
        {
            return true;
        }
        // The phrase ends: punctuation, the end, or a preposition or join
        // that opens the next phrase ("صفقة 2016 بين البلدين").
        let clause_ends = match next {
            None => true,
            Some(t) if t.kind == TokKind::Punct => {
                !matches!(t.text.as_ref(), "-" | "–" | "—" | "/" | "+")
            }
            Some(_) => {
                let k = j + 1;
                self.any(k, &self.lx.year_preps).is_some()
                    || self.any(k, &self.lx.of_words).is_some()
                    || self.any(k, &self.lx.range_open).is_some()
                    || self.any(k, &self.lx.period_open).is_some()
            }
        };
        let before = self.tok(j - 1);
        clause_ends
            && before.is_some_and(|t| {
                t.kind == TokKind::Word
                    && self.bits.get(j - 1).is_some_and(|b| *b == 0)
                    && self.lx.noun_endings.iter().any(|e| {
                        t.text.chars().count() > e.chars().count() + 1
                            && t.text.ends_with(e.as_str())
                    })
                    && !self.forms_of(j - 1).is_some_and(|forms| {
                        forms
                            .iter()
                            .any(|f| self.lx.articles.iter().any(|a| f.starts_with(a.as_str())))
                    })
            })
    }

    pub(super) fn numeric_date(&self, i: usize) -> Found {
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
        let mut ambiguous = false;
        let day = if parts[0].len() == 4 {
            Day::from_ymd(n[0] as i32, n[1], n[2])
        } else if parts[2].len() == 4 {
            // "31.10.1974" is European; "10/31/1974" American: what is
            // valid decides, and when both are, the separator and the
            // source's locale (a dot is day first everywhere).
            let y = n[2] as i32;
            let dm = Day::from_ymd(y, n[1], n[0]);
            let md = Day::from_ymd(y, n[0], n[1]);
            match (dm, md) {
                (Some(a), Some(b)) if a != b => {
                    ambiguous = true;
                    let slash = self.text(i + 1) == "/";
                    if slash && self.lx.month_first {
                        Some(b)
                    } else {
                        Some(a)
                    }
                }
                (Some(a), _) => Some(a),
                (None, b) => b,
            }
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
        let mut e = e;
        e.ambiguous = ambiguous;
        Some((vec![e], next))
    }

    /// A month name with its bilingual twin: "نوفمبر/ تشرين الثاني", "أيار (مايو)".
    pub(super) fn month(&self, i: usize) -> Option<(u32, usize)> {
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

    pub(super) fn day_num(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Num || t.text.len() > 2 {
            return None;
        }
        t.text.parse().ok().filter(|d| (1..=31).contains(d))
    }

    /// A day of the month at `i`: digits, with an ordinal suffix or not
    /// ("3", "3rd", "3-го"), or an ordinal word ("الأول", "first"; only
    /// when `words`). Returns the day and the token after it.
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(d) = self.day_num(i) {
            let mut k = i + 1;
            let suffix = |k: usize| {
                self.glued(k) && self.lx.ordinal_suffixes.iter().any(|s| *s == self.text(k))
            };
            if suffix(k) {
                k += 1;
            } else if self.text(k) == "-" && self.glued(k) && suffix(k + 1) {
                k += 2;
            }
            return Some((d, k));
        }
        let (len, d) = self.any_val(i, &self.lx.ordinals)?;
        (1..=31).contains(&d).then_some((d, i + len))
    }

    /// A join between two days ("3–5", "3 to 5", "с 3 по 5", "من 3 إلى 5").
    fn day_join(&self, k: usize) -> Option<usize> {
        self.any(k, &self.lx.range_join)
            .or_else(|| self.any(k, &self.lx.period_join))
    }

    /// Dates by a month's name: "6 November 2025", "November 6, 2025",
    /// "March 3rd, 2026", "the 1st of July 2023", "الأول من يوليو 2023",
    /// "3-го марта", "March 2024", "on March 3" (the source's year), and
    /// ranges of days: "3–5 March", "from March 3 to March 5", "من 3 إلى 5
    /// مارس", "с 3 по 5 марта", "בין 3 ל-5 במרץ".
    pub(super) fn month_date(&self, i: usize) -> Found {
        let open = self
            .any(i, &self.lx.period_open)
            .or_else(|| self.any(i, &self.lx.range_open));
        if let Some(len) = open
            && let Some(found) = self.month_date_at(i, i + len, true)
        {
            return Some(found);
        }
        self.month_date_at(i, i, false)
    }

    fn month_date_at(&self, start: usize, j: usize, opened: bool) -> Found {
        let mut d1 = None;
        let mut d2 = None;
        let mut k = j;
        // Day first: "3–5 March", "the 1st of July", "الأول من يوليو".
        if let Some((d, next)) = self.day_at(k) {
            let mut q = next;
            if let Some(jl) = self.day_join(q)
                && let Some((e, q2)) = self.day_at(q + jl)
                && e > d
            {
                d2 = Some(e);
                q = q2;
            }
            q += self.any(q, &self.lx.of_words).unwrap_or(0);
            if self.month(q).is_some() {
                d1 = Some(d);
                k = q;
            } else {
                d2 = None;
            }
        }
        let month_at = k;
        let (m, mut k) = self.month(k)?;
        if d1.is_none() {
            // Month first: "November 6, 2025", "March 3rd", "March 3 to 5",
            // "March 3 to March 5".
            if let Some((d, next)) = self
                .day_at(k)
                .filter(|&(_, n)| self.ends_a_day(n))
                .filter(|_| self.is_num(k) || self.text(k).is_ascii())
            {
                d1 = Some(d);
                k = next;
                if let Some(jl) = self.day_join(k) {
                    let q = k + jl;
                    let q = match self.month(q) {
                        Some((m2, q2)) if m2 == m => q2,
                        _ => q,
                    };
                    if let Some((e, q2)) = self.day_at(q).filter(|&(e, _)| e > d)
                        && self.is_num(q)
                    {
                        d2 = Some(e);
                        k = q2;
                    }
                }
                if self.text(k) == "," && self.year_at(k + 1).is_some() {
                    k += 1;
                }
            }
        }
        if opened && d2.is_none() {
            return None;
        }
        let year = self.year_after_month(k);
        if let Some((_, next)) = year {
            k = next;
        }
        let year = year.map(|(y, _)| y);
        let value = match (d1, year) {
            (Some(d), Some(y)) => Value::Time {
                lo: Some(Day::from_ymd(y, m, d)?),
                hi: Some(Day::from_ymd(y, m, d2.unwrap_or(d))?),
                grain: Grain::Day,
            },
            (None, Some(y)) => Value::Time {
                lo: Some(Day::month_start(y, m)),
                hi: Some(Day::month_end(y, m)),
                grain: Grain::Month,
            },
            (Some(d), None) => match self.anchor {
                // "19 كانون الثاني الجاري": the year of the source, or the one
                // before when the month lies well after the source's month.
                Some(a) => {
                    let (ay, am, _) = a.ymd();
                    let y = if m > am + 1 { ay - 1 } else { ay };
                    Value::Time {
                        lo: Some(Day::from_ymd(y, m, d)?),
                        hi: Some(Day::from_ymd(y, m, d2.unwrap_or(d))?),
                        grain: Grain::Day,
                    }
                }
                None => Value::Unresolved {
                    why: "a day and month without a year, in a source with no date".into(),
                },
            },
            // "in August", "في أغسطس", "в августе", "בספטמבר": a month alone,
            // after a preposition (or with one glued), in the source's year
            // (the one before when it lies well after the source's month).
            (None, None) => {
                let glued_prep = self.lx.months.bucket(self.text(month_at)).is_empty();
                // "in August", "خلال شهر سبتمبر" (after the word for a month).
                let prep = month_at > 0
                    && (self.any(month_at - 1, &self.lx.year_preps).is_some()
                        || self.any(month_at - 1, &self.lx.of_words).is_some()
                        || self
                            .lookup(month_at - 1, &self.lx.durations)
                            .is_some_and(|(y, n)| n == 1 && (y * 12.0 - 1.0).abs() < 1e-9));
                if !(glued_prep || prep) {
                    return None;
                }
                match self.anchor {
                    Some(a) => {
                        let (ay, am, _) = a.ymd();
                        let y = if m > am + 1 { ay - 1 } else { ay };
                        Value::Time {
                            lo: Some(Day::month_start(y, m)),
                            hi: Some(Day::month_end(y, m)),
                            grain: Grain::Month,
                        }
                    }
                    None => Value::Unresolved {
                        why: "a month without a year, in a source with no date".into(),
                    },
                }
            }
        };
        let mut e = self.item(Kind::Date, start, k, value);
        e.relative = year.is_none();
        Some((vec![e], k))
    }

    /// Can a day after a month's name end there? Not before a figure's
    /// scale or unit, another figure or a time ("March 3 million").
    fn ends_a_day(&self, n: usize) -> bool {
        if self.year_at(n).is_some() {
            return true;
        }
        !self.followed_by_unit(n)
            && !self.is_num(n)
            && self.lookup(n, &self.lx.numbers).is_none()
            && self.any_val(n, &self.lx.units).is_none()
            && self.text(n) != ":"
    }

    /// A year relative to the source's date or to the year named before
    /// ("last year", "the previous year") at `i`: the longer phrase wins.
    pub(super) fn relative_year(&self, i: usize) -> Option<(YearRef, usize)> {
        let rel = self.any_val(i, &self.lx.relative_years);
        let ana = self.any_val(i, &self.lx.anaphoric_years);
        match (rel, ana) {
            (Some((l1, k)), Some((l2, _))) if l1 > l2 => Some((YearRef::Rel(k), i + l1)),
            (_, Some((l, k))) => Some((YearRef::Ana(k), i + l)),
            (Some((l, k)), None) => Some((YearRef::Rel(k), i + l)),
            (None, None) => None,
        }
    }

    pub(super) fn year_expr(&self, i: usize) -> Option<(YearRef, usize)> {
        if let Some(found) = self.relative_year(i) {
            return Some(found);
        }
        let len = self.any(i, &self.lx.year_words).unwrap_or(0);
        let y = self.year_at(i + len)?;
        Some((YearRef::Abs(y), self.after_year(i + len)))
    }

    pub(super) fn of_year(&self, i: usize) -> Option<(YearRef, usize)> {
        let of = self.any(i, &self.lx.of_words);
        let j = i + of.unwrap_or(0);
        self.year_expr(j).or_else(|| {
            // "the first ten months of the year", "الأشهر العشرة الأولى من
            // العام": the year the text speaks of.
            let len = self.any(j, &self.lx.year_nouns).filter(|_| of.is_some())?;
            Some((YearRef::Ana(0), self.after_year(j + len - 1)))
        })
    }

    pub(super) fn months_item(
        &self,
        from: usize,
        to: usize,
        y: YearRef,
        m1: u32,
        m2: u32,
    ) -> Extracted {
        let value = match (y, self.anchor) {
            (YearRef::Abs(y), _) => Value::Time {
                lo: Some(Day::month_start(y, m1)),
                hi: Some(Day::month_end(y, m2)),
                grain: Grain::Month,
            },
            (YearRef::Rel(k), Some(a)) => Value::Time {
                lo: Some(Day::month_start(a.year() + k, m1)),
                hi: Some(Day::month_end(a.year() + k, m2)),
                grain: Grain::Month,
            },
            (YearRef::Rel(_), None) => Value::Unresolved {
                why: "a relative year in a source with no date".into(),
            },
            (YearRef::Ana(k), _) => Value::Anaphor {
                years: k,
                months: Some((m1, m2)),
            },
        };
        let mut e = self.item(Kind::Period, from, to, value);
        e.relative = !matches!(y, YearRef::Abs(_));
        e
    }

    /// A span of months from `(y1, m1)` to `(y2, m2)`, when it runs forward.
    pub(super) fn span_item(
        &self,
        from: usize,
        to: usize,
        a: (i32, u32),
        b: (i32, u32),
    ) -> Option<Extracted> {
        (a < b).then(|| {
            self.item(
                Kind::Period,
                from,
                to,
                Value::Time {
                    lo: Some(Day::month_start(a.0, a.1)),
                    hi: Some(Day::month_end(b.0, b.1)),
                    grain: Grain::Month,
                },
            )
        })
    }

    pub(super) fn count_at(&self, i: usize) -> Option<(u32, usize)> {
        // "الأشهر الـ8 الأولى": the article glued to digits.
        let j = if self.text(i) == "ال" && self.is_num(i + 1) {
            i + 1
        } else {
            i
        };
        let (v, _, next) = self.number(j)?;
        ((1.0..=12.0).contains(&v) && v.fract() == 0.0).then_some((v as u32, next))
    }

    pub(super) fn time_value(&self, lo: Option<Day>, hi: Option<Day>, grain: Grain) -> Value {
        Value::Time { lo, hi, grain }
    }

    pub(super) fn relative(&self, i: usize) -> Found {
        if let Some(found) = self.relative_day(i) {
            return Some(found);
        }
        if let Some((y, next)) = self.relative_year(i) {
            let value = match (y, self.anchor) {
                (YearRef::Rel(k), Some(a)) => self.time_value(
                    Some(Day::year_start(a.year() + k)),
                    Some(Day::year_end(a.year() + k)),
                    Grain::Year,
                ),
                (YearRef::Ana(k), _) => Value::Anaphor {
                    years: k,
                    months: None,
                },
                _ => Value::Unresolved {
                    why: "a relative year in a source with no date".into(),
                },
            };
            let mut e = self.item(Kind::Date, i, next, value);
            e.relative = true;
            return Some((vec![e], next));
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
            .and_then(|t| self.lx.durations.get(t.text.as_ref()).copied());
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
        let years = n * unit_years;
        // "two years earlier", "год спустя": counted from the year named before.
        if before.is_none()
            && hedge == Hedge::None
            && let Some((len, sign)) = self.any_val(end, &self.lx.anaphor_after)
        {
            if years < 1.0 || years.fract() != 0.0 || years > 3000.0 {
                return None;
            }
            let mut e = self.item(
                Kind::Date,
                i,
                end + len,
                Value::Anaphor {
                    years: sign * years as i32,
                    months: None,
                },
            );
            e.relative = true;
            return Some((vec![e], end + len));
        }
        if before.is_none() {
            end += self.any(end, &self.lx.ago_after)?;
        }
        // "قبل 5000 عام" is history, not a date this tool can anchor.
        if !(0.0..=3000.0).contains(&years) {
            return None;
        }
        let (value, hedge, spread) = match self.anchor {
            None => (
                Value::Unresolved {
                    why: "a relative date in a source with no date".into(),
                },
                hedge,
                0,
            ),
            Some(a) => relative_interval(a, years, hedge),
        };
        let mut e = self.item(Kind::Date, i, end, value);
        e.relative = true;
        e.hedge = hedge;
        e.spread = spread;
        Some((vec![e], end))
    }

    /// "yesterday", "last week", "الشهر الماضي", "в прошлом месяце", and
    /// weekdays ("on Monday", "يوم الاثنين"): resolved from the source's
    /// date. A weekday is the last one on or before it; a week runs from
    /// Monday to Sunday.
    fn relative_day(&self, i: usize) -> Found {
        let (len, rel) = if let Some((len, n)) = self.any_val(i, &self.lx.relative_days) {
            (len, Rel::Days(n))
        } else if let Some((len, n)) = self.any_val(i, &self.lx.relative_weeks) {
            (len, Rel::Week(n))
        } else if let Some((len, n)) = self.any_val(i, &self.lx.relative_months) {
            (len, Rel::Month(n))
        } else {
            // "last Monday", "next Monday": the word before; "الخميس
            // الماضي", "الاثنين القادم": the word after.
            let before = self
                .any(i, &self.lx.last_words)
                .map(|l| (l, -1))
                .or_else(|| self.any(i, &self.lx.next_words).map(|l| (l, 1)));
            let (l, mut week) = before.unwrap_or((0, 0));
            let (wl, w) = self.any_val(i + l, &self.lx.weekdays)?;
            let mut len = l + wl;
            if week == 0 {
                if let Some(l) = self.any(i + len, &self.lx.last_words) {
                    (len, week) = (len + l, -1);
                } else if let Some(l) = self.any(i + len, &self.lx.next_words) {
                    (len, week) = (len + l, 1);
                }
            }
            // "Thursday, November 6, 2025", "الخميس 6 نوفمبر 2025": the
            // weekday belongs to the date after it.
            let k = i + len + usize::from(matches!(self.text(i + len), "," | "،"));
            if let Some((mut items, next)) = self.numeric_date(k).or_else(|| self.month_date(k)) {
                if let Some(e) = items.first_mut() {
                    e.start = self.t[i].start;
                }
                return Some((items, next));
            }
            (len, Rel::Weekday(w, week))
        };
        let next = i + len;
        let value = match self.anchor {
            Some(a) => rel.resolve(a),
            None => Value::Unresolved {
                why: "a day relative to the source's date, in a source with no date".into(),
            },
        };
        let mut e = self.item(Kind::Date, i, next, value);
        e.relative = true;
        Some((vec![e], next))
    }

    /// "early March", "mid-2012", "the end of 2012", "late 1990s", "مطلع
    /// العام", "أواخر التسعينيات", "в конце 2012 года", "בתחילת השנה": a
    /// part of a month (days 1–10, 11–20, 21–end), a year (January–March,
    /// May–August, October–December) or a decade (its first four, middle
    /// three or last three years).
    pub(super) fn part(&self, i: usize) -> Found {
        use crate::lang::Part;
        let (len, part) = self.any_val(i, &self.lx.parts)?;
        let mut k = i + len;
        if self.text(k) == "-" && self.glued(k) {
            k += 1;
        }
        k += self.any(k, &self.lx.of_words).unwrap_or(0);
        if self.text(k) == "the" {
            k += 1;
        }
        // A month, with or without its year.
        if let Some((m, mk)) = self.month(k)
            && self.day_at(mk).is_none()
        {
            let (year, next) = match self.year_after_month(mk) {
                Some((y, n)) => (Some(y), n),
                None => (None, mk),
            };
            let y = match (year, self.anchor) {
                (Some(y), _) => y,
                (None, Some(a)) => {
                    let (ay, am, _) = a.ymd();
                    if m > am + 1 { ay - 1 } else { ay }
                }
                (None, None) => return None,
            };
            let end = Day::month_end(y, m).ymd().2;
            let (d1, d2) = match part {
                Part::Early => (1, 10),
                Part::Mid => (11, 20),
                Part::Late => (21, end),
            };
            let mut e = self.item(
                Kind::Date,
                i,
                next,
                Value::Time {
                    lo: Day::from_ymd(y, m, d1),
                    hi: Day::from_ymd(y, m, d2),
                    grain: Grain::Day,
                },
            );
            e.relative = year.is_none();
            return Some((vec![e], next));
        }
        // A decade: "late 1990s", "أواخر التسعينيات", "конце 1990-х".
        if let Some((items, next)) = self.decade(k)
            && let [d] = items.as_slice()
            && let Value::Time {
                lo: Some(lo),
                grain: Grain::Decade,
                ..
            } = d.value
        {
            let y = lo.year();
            let (a, b) = match part {
                Part::Early => (y, y + 3),
                Part::Mid => (y + 4, y + 6),
                Part::Late => (y + 7, y + 9),
            };
            let e = self.item(
                Kind::Date,
                i,
                next,
                Value::Time {
                    lo: Some(Day::year_start(a)),
                    hi: Some(Day::year_end(b)),
                    grain: Grain::Year,
                },
            );
            return Some((vec![e], next));
        }
        // A year: "mid-2012", "نهاية عام 2024", "начале года", "מחצית השנה".
        let (y, next) = match self.year_expr(k) {
            Some(found) => found,
            None => {
                let len = self.any(k, &self.lx.year_nouns)?;
                let next = self.after_year(k + len - 1);
                (YearRef::Ana(0), next)
            }
        };
        let (m1, m2) = match part {
            Part::Early => (1, 3),
            Part::Mid => (5, 8),
            Part::Late => (10, 12),
        };
        let mut e = self.months_item(i, next, y, m1, m2);
        e.kind = Kind::Date;
        Some((vec![e], next))
    }

    /// The year after a month name ("March 2024", "مارس من عام 2024",
    /// "марта 2024 года"), and the token after it.
    fn year_after_month(&self, mut k: usize) -> Option<(i32, usize)> {
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
        let y = self.year_at(k)?;
        Some((y, self.after_year(k)))
    }

    pub(super) fn century_at(&self, i: usize) -> Option<(i32, usize)> {
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

    pub(super) fn decade(&self, i: usize) -> Found {
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

    pub(super) fn decade_item(&self, from: usize, to: usize, y: i32) -> Extracted {
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

/// A day, week or month counted from the source's date.
enum Rel {
    /// "yesterday": days after it.
    Days(i32),
    /// "last week": weeks after its own, Monday to Sunday.
    Week(i32),
    /// "last month": months after its own.
    Month(i32),
    /// A weekday (Monday 1 … Sunday 7): alone (0), the last one on or
    /// before the source's day; "last" (−1) strictly before it; "next" (+1)
    /// strictly after it.
    Weekday(u32, i32),
}

impl Rel {
    fn resolve(&self, a: Day) -> Value {
        let day = |d: Day| Value::Time {
            lo: Some(d),
            hi: Some(d),
            grain: Grain::Day,
        };
        match *self {
            Rel::Days(n) => day(Day(a.0 + n)),
            Rel::Week(n) => {
                let monday = a.0 - (a.weekday() as i32 - 1) + 7 * n;
                Value::Time {
                    lo: Some(Day(monday)),
                    hi: Some(Day(monday + 6)),
                    grain: Grain::Day,
                }
            }
            Rel::Month(n) => {
                let (y, m) = add_months(a, n);
                Value::Time {
                    lo: Some(Day::month_start(y, m)),
                    hi: Some(Day::month_end(y, m)),
                    grain: Grain::Month,
                }
            }
            Rel::Weekday(w, week) => {
                let (wd, w) = (a.weekday() as i32, w as i32);
                let back = match week {
                    1 => -((w - wd - 1).rem_euclid(7) + 1),
                    -1 => (wd - w - 1).rem_euclid(7) + 1,
                    _ => (wd - w).rem_euclid(7),
                };
                day(Day(a.0 - back))
            }
        }
    }
}

/// The year and month `n` months after `a`'s.
fn add_months(a: Day, n: i32) -> (i32, u32) {
    let (y, m, _) = a.ymd();
    let idx = y * 12 + m as i32 - 1 + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// The interval of "N years ago" said on `anchor`: the calendar year (the
/// month for months, the day for days and weeks). "more than N years ago"
/// is every day up to N years before, an upper bound on the date, so its
/// hedge becomes `Max` ("less than": `Min`); "about" keeps the year and
/// spreads it by ± max(1, N/4) years. Returns the value, its hedge and the
/// spread in days.
pub(super) fn relative_interval(anchor: Day, years: f64, hedge: Hedge) -> (Value, Hedge, u32) {
    let whole = years.round() as i32;
    let days = years * 365.0;
    let is_months = (years * 12.0 - (years * 12.0).round()).abs() < 1e-6;
    if years < 1.0 && !is_months {
        // Days and weeks ago: the day itself.
        let d = Day(anchor.0 - days.round() as i32);
        let value = Value::Time {
            lo: Some(d),
            hi: Some(d),
            grain: Grain::Day,
        };
        return (value, hedge, 0);
    }
    if years < 1.0 {
        // Months ago: the month itself.
        let months = (years * 12.0).round() as i32;
        let (yy, mm) = add_months(anchor, -months);
        let value = Value::Time {
            lo: Some(Day::month_start(yy, mm)),
            hi: Some(Day::month_end(yy, mm)),
            grain: Grain::Month,
        };
        return (value, hedge, 0);
    }
    let center = anchor.year() - whole;
    match hedge {
        Hedge::Min => (
            Value::Time {
                lo: None,
                hi: Some(anchor.add_years(-whole)),
                grain: Grain::Year,
            },
            Hedge::Max,
            0,
        ),
        Hedge::Max => (
            Value::Time {
                lo: Some(anchor.add_years(-whole)),
                hi: Some(anchor),
                grain: Grain::Year,
            },
            Hedge::Min,
            0,
        ),
        _ => {
            let spread = if hedge == Hedge::Approx {
                ((years / 4.0).max(1.0) * 365.25).round() as u32
            } else {
                0
            };
            let value = Value::Time {
                lo: Some(Day::year_start(center)),
                hi: Some(Day::year_end(center)),
                grain: Grain::Year,
            };
            (value, hedge, spread)
        }
    }
}
