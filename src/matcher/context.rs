//! Where a figure's origin and key come from: the authority and the time
//! nearest it in its clause, its side of a contrast, its sentence, then the
//! sentences before it in its paragraph (nearest first, within a bound).

use super::*;
use std::sync::Arc;

/// How far back in a paragraph a figure's period and authority are looked
/// for: sentences, and bytes from the figure's sentence.
pub(super) const LOOKBACK_SENTENCES: usize = 4;
pub(super) const LOOKBACK_BYTES: usize = 2_000;

pub(super) struct Context<'a> {
    pub(super) text: &'a str,
    pub(super) sentence: (usize, usize),
    /// The sentences before this one in its paragraph, nearest first.
    pub(super) earlier: Vec<(usize, usize)>,
    /// The source's date, to read the earlier sentences' values.
    pub(super) anchor: Option<crate::calendar::Day>,
    /// The tables the source is read with (its language's date order).
    pub(super) lx: &'static crate::extract::Lexicon,
    /// The sentence's values, in text order.
    pub(super) values: &'a [Extracted],
    pub(super) segments: Vec<(usize, usize)>,
    /// Phrase hits already found, by lexicon and sentence (0: this one, k:
    /// the k-th before): each lexicon is run over a sentence once.
    pub(super) hits: HitCache,
    /// The values of earlier sentences, read when a figure needs them.
    pub(super) earlier_values:
        std::cell::RefCell<rustc_hash::FxHashMap<usize, std::rc::Rc<Vec<Extracted>>>>,
    /// The source's entities.
    pub(super) ents: Ents<'a>,
}

/// Hits by (lexicon address, sentence: 0 this one, k the k-th before).
pub(super) type HitCache =
    std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), std::rc::Rc<Vec<Hit>>>>;

/// Where paragraphs start: after a blank line or a paragraph separator
/// (U+2029); in a text with no blank line at all, after every line break
/// (one paragraph per line). One pass over the line breaks.
pub(super) fn paragraph_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut every = vec![0];
    let mut after_blank = vec![0];
    let mut prev: Option<usize> = None;
    for i in memchr::memchr_iter(b'\n', bytes) {
        every.push(i + 1);
        // The line that ends here is blank: a paragraph starts after it.
        if let Some(p) = prev
            && bytes[p + 1..i].iter().all(|b| b.is_ascii_whitespace())
        {
            after_blank.push(i + 1);
        }
        prev = Some(i);
    }
    let mut out = if after_blank.len() > 1 {
        after_blank
    } else {
        every
    };
    if text.contains('\u{2029}') {
        for (i, _) in text.match_indices('\u{2029}') {
            out.push(i + '\u{2029}'.len_utf8());
        }
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// The sentences before `si` in its paragraph, nearest first, within the
/// look-back bound.
pub(super) fn earlier_in_paragraph(
    sents: &[(usize, usize)],
    si: usize,
    para_start: usize,
) -> Vec<(usize, usize)> {
    let here = sents[si].0;
    sents[..si]
        .iter()
        .rev()
        .take(LOOKBACK_SENTENCES)
        .take_while(|s| s.0 >= para_start && here - s.0 <= LOOKBACK_BYTES)
        .copied()
        .collect()
}

impl Context<'_> {
    /// The hits of `lex` in this sentence (`back` 0) or the `back`-th
    /// sentence before it in the paragraph.
    pub(super) fn hits_of(&self, lex: &[Phrases], back: usize) -> std::rc::Rc<Vec<Hit>> {
        let key = (lex.as_ptr() as usize, back);
        if let Some(h) = self.hits.borrow().get(&key) {
            return h.clone();
        }
        let span = match back {
            0 => self.sentence,
            k => self.earlier.get(k - 1).copied().unwrap_or((0, 0)),
        };
        let h = std::rc::Rc::new(phrase_hits(lex, self.text, span, &self.ents));
        self.hits.borrow_mut().insert(key, h.clone());
        h
    }

    pub(super) fn segment_of(&self, at: usize) -> (usize, usize) {
        self.segments
            .iter()
            .copied()
            .find(|&(a, b)| at >= a && at < b)
            .unwrap_or(self.sentence)
    }

    /// The clause around `at`: between commas or semicolons (not a comma
    /// inside a number), within its segment.
    pub(super) fn clause_of(&self, at: usize) -> (usize, usize) {
        let (s0, s1) = self.segment_of(at);
        let is_cut = |i: usize, c: char| {
            matches!(c, '،' | '؛' | ';')
                || (c == ',' && !self.text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        };
        let start = self.text[s0..at]
            .char_indices()
            .rfind(|&(i, c)| is_cut(s0 + i, c))
            .map_or(s0, |(i, c)| s0 + i + c.len_utf8());
        let end = self.text[at..s1]
            .char_indices()
            .find(|&(i, c)| is_cut(at + i, c))
            .map_or(s1, |(i, _)| at + i);
        (start, end)
    }

    /// Where to look for what a figure is about, nearest first.
    pub(super) fn levels(&self, at: usize) -> [(usize, usize); 3] {
        [self.clause_of(at), self.segment_of(at), self.sentence]
    }

    /// Stretches after a multiplier, up to the next clause boundary.
    pub(super) fn comparison_bases(&self) -> Vec<(usize, usize)> {
        self.values
            .iter()
            .filter(|v| v.kind == Kind::Multiplier)
            .map(|v| {
                let rest = &self.text[v.end..self.sentence.1];
                let stop = rest.find([',', '،', '؛', ';']).unwrap_or(rest.len());
                (v.end, v.end + stop)
            })
            .collect()
    }
}

pub(super) fn distance(a: (usize, usize), b: (usize, usize)) -> (usize, bool) {
    if b.1 <= a.0 {
        (a.0 - b.1, false) // b precedes a
    } else if b.0 >= a.1 {
        (b.0 - a.1, true)
    } else {
        (0, false)
    }
}

pub(super) fn place_name(level: usize) -> String {
    match level {
        0 => "in its clause".into(),
        1 => "on its side of the sentence".into(),
        2 => "in the same sentence".into(),
        3 => "in the sentence before".into(),
        k => format!("{} sentences before, in its paragraph", k - 2),
    }
}

pub(super) fn within(span: (usize, usize), area: (usize, usize)) -> bool {
    span.0 >= area.0 && span.1 <= area.1
}

pub(super) fn nearest_hit(
    ctx: &Context,
    lex: &[Phrases],
    span: (usize, usize),
    skip_bases: bool,
) -> Option<(Arc<str>, usize)> {
    let bases = if skip_bases {
        ctx.comparison_bases()
    } else {
        Vec::new()
    };
    let in_base = |h: &Hit| bases.iter().any(|&b| within(h.span, b));
    let all = ctx.hits_of(lex, 0);
    let hits: Vec<&Hit> = all.iter().filter(|h| !in_base(h)).collect();
    for (level, area) in ctx.levels(span.0).into_iter().enumerate() {
        let best = hits
            .iter()
            .filter(|h| within(h.span, area))
            .min_by_key(|h| distance(span, h.span));
        if let Some(h) = best {
            return Some((h.label.clone(), level));
        }
    }
    // In the sentences before, nearest first; in each, the last one named
    // is the nearest.
    (1..=ctx.earlier.len()).find_map(|back| {
        ctx.hits_of(lex, back)
            .iter()
            .max_by_key(|h| h.span.1)
            .map(|h| (h.label.clone(), 2 + back))
    })
}

/// Occurrences of a lexicon's phrases as whole words (Arabic proclitics
/// allowed). Template phrases are run on the sentence with its entities
/// as placeholders; each hit's label has its slots filled with the entity
/// the phrase's slot took ("statistics of {country}" → "statistics of
/// Israel"). A slot that took an ambiguous name gives no hit.
pub(super) fn phrase_hits(
    lex: &[Phrases],
    text: &str,
    (s0, s1): (usize, usize),
    ents: &Ents,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut skeleton: Option<Skeleton> = None;
    for p in lex {
        if p.template {
            let Some(gaz) = ents.gaz else { continue };
            let sk = skeleton.get_or_insert_with(|| {
                Skeleton::build_with(text, (s0, s1), &[], &[], &ents.in_span((s0, s1)))
            });
            for c in p.regex.captures_iter(&sk.text) {
                let Some(m) = c.get(0) else { continue };
                let (a, b) = (sk.to_text(s0, m.start()), sk.to_text(s0, m.end()));
                let slot =
                    c.iter()
                        .skip(1)
                        .flatten()
                        .find_map(|g| match sk.slot_at(g.start())?.item {
                            Item::Entity(mi) => Some(mi),
                            _ => None,
                        });
                let Some(mi) = slot else { continue };
                let Some(e) = ents.mentions[mi].entity() else {
                    continue;
                };
                if a < b && is_word_at(text, a, b) {
                    hits.push(Hit {
                        label: fill_label(&p.label, &gaz.entity(e).name),
                        span: (a, b),
                        mention: Some(mi),
                    });
                }
            }
            continue;
        }
        for m in p.regex.find_iter(&text[s0..s1]) {
            let (a, b) = (s0 + m.start(), s0 + m.end());
            if is_word_at(text, a, b) {
                hits.push(Hit {
                    label: p.label.clone(),
                    span: (a, b),
                    mention: None,
                });
            }
        }
    }
    hits.sort_by_key(|h| h.span);
    hits
}

/// A label with its `{…}` slots filled with an entity's name.
fn fill_label(label: &str, name: &str) -> Arc<str> {
    if !label.contains('{') {
        return Arc::from(label);
    }
    let mut out = String::new();
    let mut rest = label;
    while let Some(k) = rest.find('{') {
        out.push_str(&rest[..k]);
        match rest[k..].find('}') {
            Some(e) => {
                out.push_str(name);
                rest = &rest[k + e + 1..];
            }
            None => {
                out.push_str(&rest[k..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    Arc::from(out)
}

/// Is `text[a..b]` a whole word, allowing proclitics glued before it
/// ("والإسرائيلية", "للبيانات")?
pub(super) fn is_word_at(text: &str, a: usize, b: usize) -> bool {
    let after_ok = text[b..]
        .chars()
        .next()
        .is_none_or(|c| !crate::text::is_letter(c));
    let before = &text[..a];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !crate::text::is_letter(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    if word_start == a {
        return after_ok;
    }
    // The glued word, up to the end of the phrase's first word.
    let first_end = text[a..b]
        .find(|c: char| !crate::text::is_letter(c))
        .map_or(b, |k| a + k);
    let glued = &text[word_start..first_end];
    after_ok && crate::extract::bare_forms(glued).contains(&&text[a..first_end])
}

/// The period a figure is about: time values on its side of a contrast,
/// then in its sentence, nearest first (a list of years gives each year).
/// Can this value be the period a figure is about? A year, a month, a
/// range of them; not a day (a publication date, an event's day).
fn is_period(v: &Extracted) -> bool {
    matches!(v.kind, Kind::Date | Kind::Period)
        && match &v.value {
            Value::Time { grain, lo, hi } => *grain != Grain::Day && lo.is_some() && hi.is_some(),
            Value::Unresolved { .. } => true,
            _ => false,
        }
}

/// The period named nearest before a figure in the sentences before it in
/// its paragraph: the last one in the nearest sentence that names one. The
/// label and how many sentences back.
pub(super) fn earlier_period(ctx: &Context) -> Option<(String, usize)> {
    for (k, &span) in ctx.earlier.iter().enumerate() {
        let values = ctx
            .earlier_values
            .borrow_mut()
            .entry(span.0)
            .or_insert_with(|| std::rc::Rc::new(read_sentence(ctx.text, span, ctx.anchor, ctx.lx)))
            .clone();
        if let Some(v) = values.iter().rev().find(|v| is_period(v)) {
            return Some((time_key(v), k + 1));
        }
    }
    None
}

pub(super) fn period_key(ctx: &Context, span: (usize, usize), item: &Item) -> Vec<String> {
    let own = match item {
        Item::Value(i) => Some(*i),
        Item::Category(_) | Item::Entity(_) => None,
    };
    let times: Vec<usize> = (0..ctx.values.len())
        .filter(|&i| Some(i) != own)
        .filter(|&i| is_period(&ctx.values[i]))
        .collect();
    let at = |i: usize| (ctx.values[i].start, ctx.values[i].end);
    let first = ctx.levels(span.0).into_iter().find_map(|area| {
        times
            .iter()
            .copied()
            .filter(|&i| within(at(i), area))
            .min_by_key(|&i| distance(span, at(i)))
    });
    let Some(first) = first else {
        return Vec::new();
    };
    // "في عامي 2013 و2015": the years listed with the nearest one.
    let mut chosen = vec![first];
    let pos = times.iter().position(|&i| i == first).unwrap_or(0);
    for w in times[pos..].windows(2) {
        let (a, b) = (&ctx.values[w[0]], &ctx.values[w[1]]);
        let between = ctx.text[a.end..b.start].trim();
        if between.is_empty() || crate::lang::is_list_join(between) {
            chosen.push(w[1]);
        } else {
            break;
        }
    }
    chosen.iter().map(|&i| time_key(&ctx.values[i])).collect()
}

pub(super) fn time_key(v: &Extracted) -> String {
    match &v.value {
        Value::Time { lo, hi, grain } => crate::value::time_label(*lo, *hi, *grain),
        Value::Unresolved { .. } => "unresolved".into(),
        _ => "unspecified".into(),
    }
}
