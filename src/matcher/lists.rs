//! How mentions stand to each other in a sentence: a partner ("with
//! Israel", «لإسرائيل», "с Израилем") and a list ("Azerbaijan and Israel",
//! "Israel, Turkey and Iran").

use super::*;
use crate::entity::Mention;

/// Is the mention the partner of a relation ("with Israel", "to Russia",
/// "لإسرائيل", "с Израилем"), by the word or the proclitic before it?
pub(super) fn is_partner(text: &str, m: &Mention) -> bool {
    static WORDS: std::sync::LazyLock<(Vec<String>, Vec<String>)> =
        std::sync::LazyLock::new(|| {
            let low = |s: &&str| crate::text::lower_same_offsets(&crate::text::fold_str(s));
            (
                crate::lang::LANGS
                    .iter()
                    .flat_map(|l| l.partner_words.iter().map(low))
                    .collect(),
                crate::lang::LANGS
                    .iter()
                    .flat_map(|l| l.partner_proclitics.iter().map(low))
                    .collect(),
            )
        });
    let (words, clitics) = &*WORDS;
    let before = &text[..m.span.0];
    let word_start = crate::text::word_start(text, m.span.0);
    let glued = &before[word_start..];
    let glued = glued
        .strip_prefix('و')
        .or_else(|| glued.strip_prefix('ف'))
        .or_else(|| glued.strip_prefix('ו'))
        .unwrap_or(glued);
    if !glued.is_empty() && clitics.iter().any(|c| glued.starts_with(c.as_str())) {
        return true;
    }
    let prev = before[..word_start].trim_end();
    let prev_word = prev
        .rsplit(|c: char| !crate::text::is_letter(c))
        .next()
        .unwrap_or("");
    let prev_word = crate::text::lower_same_offsets(prev_word);
    !prev_word.is_empty() && words.contains(&prev_word)
}

/// Mentions joined as one list ("Azerbaijan and Israel", "Israel, Turkey
/// and Iran"): nothing but spaces, commas and list words between them.
pub(super) fn joined(text: &str, a_end: usize, b_start: usize) -> bool {
    if b_start < a_end {
        return false;
    }
    let between = text[a_end..b_start].trim();
    between.is_empty()
        || between
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| crate::lang::is_list_join(w) || w == "," || w == "،" || w == "&")
        || crate::lang::is_list_join(between)
}

pub(super) fn mention_end(ents: &Ents, at: usize) -> usize {
    ents.mentions
        .iter()
        .find(|m| m.span.0 == at)
        .map_or(at, |m| m.span.1)
}

/// The last list of mentions in `items` (nearest the end).
pub(super) fn last_list(text: &str, items: &[&(usize, Party)], ents: &Ents) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    let mut next_start: Option<usize> = None;
    for (at, p) in items.iter().rev().map(|x| (x.0, &x.1)) {
        if let Some(ns) = next_start
            && !joined(text, mention_end(ents, at), ns)
        {
            break;
        }
        if !out.contains(p) {
            out.insert(0, p.clone());
        }
        next_start = Some(at);
    }
    out
}

/// The first list of mentions in `items`.
pub(super) fn first_list(text: &str, items: &[&(usize, Party)], ents: &Ents) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (at, p) in items.iter().map(|x| (x.0, &x.1)) {
        if let Some(pe) = prev_end
            && !joined(text, pe, at)
        {
            break;
        }
        if !out.contains(p) {
            out.push(p.clone());
        }
        prev_end = Some(mention_end(ents, at));
    }
    out
}
