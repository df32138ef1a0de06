//! Periods: parts of a year ("the first eight months", "Q3", "النصف
//! الأول"), "the same period", and ranges of months, quarters and halves
//! ("from January to November 2025", "Q1–Q3 2025", "с января по ноябрь",
//! "بين يناير ونوفمبر"), whose openers and joins are language data.

use super::*;

impl P<'_> {
    pub(super) fn period(&self, i: usize) -> Found {
        // "the same period of 2025", "نفس الفترة من العام الماضي"
        if let Some(len) = self.any(i, &self.lx.same_period) {
            let (y, next) = self.of_year(i + len)?;
            let mut e = self.item(Kind::Period, i, next, Value::SamePeriod { year: y });
            e.relative = true;
            return Some((vec![e], next));
        }
        let units = [
            (&self.lx.months_word, 1u32),
            (&self.lx.quarter_words, 3),
            (&self.lx.half_words, 6),
        ];
        // "الأشهر الثمانية الأولى من عام 2025", "الأرباع الثلاثة الأولى من 2025"
        for (words, per) in units {
            if let Some(len) = self.any(i, words)
                && let Some((n, j)) = self.count_at(i + len)
                && let Some(k) = self.any(j, &self.lx.first_words)
                && n * per <= 12
            {
                let (y, next) = self.of_year(j + k)?;
                return Some((vec![self.months_item(i, next, y, 1, n * per)], next));
            }
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
        // "the first three quarters of 2025", "первые три квартала 2025 года"
        let start = if self.text(i) == "the" { i + 1 } else { i };
        if let Some(len) = self.any(start, &self.lx.first_words)
            && let Some((n, j)) = self.count_at(start + len)
        {
            for (words, per) in units {
                if let Some(k) = self.any(j, words)
                    && n * per <= 12
                {
                    let (y, next) = self.of_year(j + k)?;
                    return Some((vec![self.months_item(i, next, y, 1, n * per)], next));
                }
            }
        }
        // "first half of 2025", "the third quarter of 2025", "الربع الأول
        // إلى الثالث من 2025", "from the first to the third quarter of 2025",
        // "I–III кварталы 2025 года"
        let open = self.any(i, &self.lx.period_open);
        for (words, table, months) in [
            (&self.lx.half_words, &self.lx.halves, 6u32),
            (&self.lx.quarter_words, &self.lx.quarters, 3u32),
        ] {
            let openers: &[Option<usize>] = if open.is_some() {
                &[open, None]
            } else {
                &[None]
            };
            for &opener in openers {
                let at = i + opener.unwrap_or(0);
                let at = if self.text(at) == "the" { at + 1 } else { at };
                let Some((n1, n2, j)) = self.parts(at, words, table, opener.is_some()) else {
                    continue;
                };
                if opener.is_some() && n1 == n2 {
                    continue;
                }
                if n1 >= 1 && n2 * months <= 12 {
                    // "the third quarter" with no year: the year the text
                    // speaks of (the source's, when it named none).
                    let (y, next) = self.of_year(j).unwrap_or((YearRef::Ana(0), j));
                    return Some((
                        vec![self.months_item(i, next, y, (n1 - 1) * months + 1, n2 * months)],
                        next,
                    ));
                }
            }
        }
        // "H1 2025", "Q3 2025", "Q1–Q3 2025"
        if matches!(self.text(i), "h" | "q") && self.is_num(i + 1) && self.glued(i + 1) {
            let n: u32 = self.text(i + 1).parse().ok()?;
            let months = if self.text(i) == "h" { 6 } else { 3 };
            let mut n2 = n;
            let mut k = i + 2;
            if let Some(len) = self.period_join_at(k, false)
                && self.text(k + len) == self.text(i)
                && self.is_num(k + len + 1)
                && self.glued(k + len + 1)
                && let Some(m) = self
                    .text(k + len + 1)
                    .parse::<u32>()
                    .ok()
                    .filter(|&m| m > n)
            {
                n2 = m;
                k += len + 2;
            }
            if (1..=12 / months).contains(&n) && n2 <= 12 / months {
                let (y, next) = self.of_year(k)?;
                return Some((
                    vec![self.months_item(i, next, y, (n - 1) * months + 1, n2 * months)],
                    next,
                ));
            }
        }
        self.month_range(i)
    }

    /// A half or quarter by its ordinal, or a range of them, with the word
    /// before or after the ordinals: "النصف الأول", "first half", "3rd
    /// quarter", "الربع الأول إلى الثالث", "first to third quarter",
    /// "I–III кварталы". Returns the first and last ordinal and the token after.
    fn parts(
        &self,
        at: usize,
        words: &Set<()>,
        table: &Set<u32>,
        opened: bool,
    ) -> Option<(u32, u32, usize)> {
        let ordinal = |k: usize| {
            self.any_val(k, table)
                .map(|(l, n)| (n, k + l))
                .or_else(|| self.ordinal_at(k))
        };
        let w1 = self.any(at, words);
        let (n1, mut k) = ordinal(at + w1.unwrap_or(0))?;
        let w1b = if w1.is_none() {
            self.any(k, words)
        } else {
            None
        };
        k += w1b.unwrap_or(0);
        let mut n2 = n1;
        let mut named = w1.or(w1b).is_some();
        if let Some(jl) = self.period_join_at(k, opened) {
            let mut q = k + jl;
            if self.text(q) == "the" {
                q += 1;
            }
            let a = self.any(q, words);
            if let Some((m, q2)) = ordinal(q + a.unwrap_or(0)) {
                let b = if a.is_none() {
                    self.any(q2, words)
                } else {
                    None
                };
                if m > n1 && (named || a.or(b).is_some()) {
                    n2 = m;
                    k = q2 + b.unwrap_or(0);
                    named = true;
                }
            }
        }
        named.then_some((n1, n2, k))
    }

    /// A join between the ends of a range of periods at `k`: its length,
    /// or 0 when it is glued to the next word after an opener ("بين يناير
    /// ونوفمبر", "בין ינואר לנובמבר"). A join that also joins lists ("and",
    /// "و") needs an opener before.
    pub(super) fn period_join_at(&self, k: usize, opened: bool) -> Option<usize> {
        if let Some(len) = self.any(k, &self.lx.period_join) {
            return (opened || !crate::lang::is_list_join(self.text(k))).then_some(len);
        }
        let t = self.tok(k)?;
        let glued = t.kind == TokKind::Word
            && self.lx.period_join.firsts().any(|p| {
                p.chars().all(char::is_alphabetic)
                    && t.text.len() > p.len()
                    && t.text.starts_with(p)
            });
        (opened && glued).then_some(0)
    }

    /// "يناير - أغسطس 2025", "from January to August 2025", "с января по
    /// ноябрь 2025", "from November 2024 to February 2025"; without a year,
    /// the months of the year the text named before ("from January to March").
    fn month_range(&self, i: usize) -> Found {
        let opener = self.any(i, &self.lx.period_open);
        let olen = opener
            .or_else(|| self.any(i, &self.lx.of_words))
            .unwrap_or(0);
        let (m1, mut j) = self.month(i + olen)?;
        let mut y1 = None;
        if let Some(y) = self.year_at(j) {
            y1 = Some(y);
            j = self.after_year(j);
        }
        let join = self.period_join_at(j, opener.is_some())?;
        let (m2, k) = self.month(j + join)?;
        let comma = usize::from(matches!(self.text(k), "," | "،"));
        if let Some(y1) = y1 {
            let of = self.any(k, &self.lx.of_words).unwrap_or(0);
            let y2 = self.year_at(k + of)?;
            let next = self.after_year(k + of);
            let e = self.span_item(i, next, (y1, m1), (y2, m2))?;
            return Some((vec![e], next));
        }
        if m2 <= m1 {
            return None;
        }
        if let Some((y, next)) = self.of_year(k + comma) {
            return Some((vec![self.months_item(i, next, y, m1, m2)], next));
        }
        Some((vec![self.months_item(i, k, YearRef::Ana(0), m1, m2)], k))
    }
}
