//! What a sample sentence says about a flow's direction, for `rules new`:
//! a direction word (exports, imports, trade in ar/en/ru/he); and, in a
//! sample that names no country of the gazetteer, a flow with its two sides
//! ("Acme's exports to Globex") or "from X to Y". (A sample that names
//! countries has its sides read by `[rule.parties]` phrases instead: see
//! `draft`.) The words here are only what a draft proposes; the matcher
//! reads a rule's own phrases.

use crosscheck::text::fold_str;

use super::words::{LANGS, of};

/// A flow named with its two sides, on folded text: `a` and `b` are the
/// places; for a genitive form ("X's exports to Y", «صادرات X إلى Y») exports
/// run from `a` to `b` and imports from `b` to `a`; for a "from … to …" form
/// both run from `a` to `b`.
struct FlowForm {
    lang: &'static str,
    re: &'static str,
    genitive: bool,
    /// Phrases of the flow S → R, with `{S}` and `{R}` for the places: the
    /// sender's exports and the receiver's imports are one flow.
    phrases: &'static [&'static str],
    /// The words for exports and imports, for the pattern.
    words: [&'static str; 2],
}

const FLOW_FORMS: &[FlowForm] = &[
    FlowForm {
        lang: "en",
        re: r"(?P<a>\p{Lu}\p{L}+)'s\s+(?P<dir>exports|imports)\s+(?:to|from)\s+(?P<b>\p{Lu}\p{L}+)",
        genitive: true,
        phrases: EN_FLOW,
        words: ["exports", "imports"],
    },
    FlowForm {
        lang: "en",
        re: r"(?P<dir>exports|imports)\s+from\s+(?P<a>\p{Lu}\p{L}+)\s+(?:to|into)\s+(?P<b>\p{Lu}\p{L}+)",
        genitive: false,
        phrases: EN_FLOW,
        words: ["exports", "imports"],
    },
    FlowForm {
        lang: "ar",
        re: r"(?P<dir>صادرات|واردات)\s+(?P<a>\p{L}+)\s+(?:الي|من)\s+(?P<b>\p{L}+)",
        genitive: true,
        phrases: AR_FLOW,
        words: ["صادرات", "واردات"],
    },
    FlowForm {
        lang: "ar",
        re: r"(?P<dir>صادرات|واردات)\s+من\s+(?P<a>\p{L}+)\s+الي\s+(?P<b>\p{L}+)",
        genitive: false,
        phrases: AR_FLOW,
        words: ["صادرات", "واردات"],
    },
];

const EN_FLOW: &[&str] = &[
    "{S}'s exports",
    "exports from {S}",
    "exports to {R}",
    "{R}'s imports",
    "imports from {S}",
];

const AR_FLOW: &[&str] = &[
    "صادرات {S}",
    "الصادرات من {S}",
    "الصادرات إلى {R}",
    "واردات {R}",
    "الواردات من {S}",
];

/// How the sample names a direction.
pub(super) enum Named {
    /// A word: exports, imports, trade.
    Word,
    /// A flow with its two sides: "Kazakhstan's exports to Israel".
    Flow,
    /// "from X to Y" without a direction word.
    FromTo,
}

/// What the sample says about direction.
pub(super) struct Direction {
    pub(super) named: Named,
    /// The language of the words that name it.
    pub(super) lang: &'static str,
    /// The label the sample's figure gets.
    pub(super) label: String,
    /// The labels to propose, each with its phrases as written.
    pub(super) labels: Vec<(String, Vec<String>)>,
    /// The words that name it in the sample.
    pub(super) said: String,
    /// The words the pattern starts from.
    pub(super) pattern_words: Vec<String>,
    /// Where `said` is in the folded sample.
    pub(super) span: (usize, usize),
}

/// Where a phrase occurs in folded text as a whole word at its end (Arabic
/// proclitics may precede it).
fn find_word(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let re = regex::Regex::new(&format!(
        r"(?i)({})(?:$|[^\p{{L}}])",
        crosscheck::rules::pattern::alternation(&[phrase.to_string()])
    ));
    let Ok(re) = re else { return Vec::new() };
    re.captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (m.start(), m.end()))
        .collect()
}

pub(super) fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if b.1 <= a.0 {
        a.0 - b.1
    } else {
        b.0.saturating_sub(a.1)
    }
}

/// The words of a language for each direction label, as written.
pub(super) fn language_labels(lang: &str) -> Vec<(String, Vec<String>)> {
    of(lang)
        .direction
        .iter()
        .map(|(l, ws)| (l.to_string(), ws.iter().map(|w| w.to_string()).collect()))
        .collect()
}

/// The flow nearest the value named with its two sides, if any: keyed by
/// who sends and who receives, so the sender's exports and the receiver's
/// imports meet, with the unnamed sides and total trade as labels of their
/// own.
fn flow(
    text: &str,
    value: (usize, usize),
    orig: &dyn Fn(usize, usize) -> String,
) -> Option<Direction> {
    let mut near: Option<(usize, &FlowForm, regex::Captures)> = None;
    for form in FLOW_FORMS {
        let Ok(re) = regex::Regex::new(&format!("(?i){}", form.re)) else {
            continue;
        };
        for c in re.captures_iter(text) {
            let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            let d = distance(value, m);
            if near.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                near = Some((d, form, c));
            }
        }
    }
    let (_, form, c) = near?;
    let (whole, a, b, dir) = (c.get(0)?, c.name("a")?, c.name("b")?, c.name("dir")?);
    let (a, b) = (orig(a.start(), a.end()), orig(b.start(), b.end()));
    let exports = dir.as_str().to_lowercase() == fold_str(form.words[0]);
    let (from, to) = if form.genitive && !exports {
        (b, a)
    } else {
        (a, b)
    };
    let phrases = |s: &str, r: &str| -> Vec<String> {
        form.phrases
            .iter()
            .map(|p| p.replace("{S}", s).replace("{R}", r))
            .collect()
    };
    let label = format!("{from} → {to}");
    let mut labels = vec![
        (label.clone(), phrases(&from, &to)),
        (format!("{to} → {from}"), phrases(&to, &from)),
    ];
    for (l, words) in language_labels(form.lang) {
        let l = match l.as_str() {
            "total" => l,
            _ => format!("{l} (side not named)"),
        };
        labels.push((l, words));
    }
    Some(Direction {
        named: Named::Flow,
        lang: form.lang,
        label,
        labels,
        said: orig(whole.start(), whole.end()),
        pattern_words: form.words.iter().map(|w| w.to_string()).collect(),
        span: (whole.start(), whole.end()),
    })
}

/// The direction the sample names nearest the value. In a sample that
/// names countries: a direction word, with the words of its language for
/// every label. Else a flow with its two sides; else a direction word; else
/// a "from X to Y". `text` is folded; `orig` gives a span of it as the
/// sample wrote it.
pub(super) fn direction(
    text: &str,
    value: (usize, usize),
    orig: &dyn Fn(usize, usize) -> String,
    names_countries: bool,
) -> Option<Direction> {
    if names_countries {
        return word(text, value, orig);
    }
    flow(text, value, orig)
        .or_else(|| word(text, value, orig))
        .or_else(|| from_to(text, value, orig))
}

/// The direction word nearest the value, with the words of its language
/// for every label.
fn word(
    text: &str,
    value: (usize, usize),
    orig: &dyn Fn(usize, usize) -> String,
) -> Option<Direction> {
    let mut best: Option<(usize, &'static str, &str, (usize, usize))> = None;
    for lang in LANGS {
        for (label, words) in lang.direction {
            for w in *words {
                for at in find_word(text, &fold_str(w)) {
                    let d = distance(value, at);
                    // The longer word wins a tie ("الصادرات" over "صادرات").
                    let better = best.is_none_or(|(bd, _, _, bat)| {
                        d < bd || (d == bd && at.1 - at.0 > bat.1 - bat.0)
                    });
                    if better {
                        best = Some((d, lang.code, label, at));
                    }
                }
            }
        }
    }
    let (_, lang, label, at) = best?;
    let said = orig(at.0, at.1);
    Some(Direction {
        named: Named::Word,
        lang,
        label: label.to_string(),
        labels: language_labels(lang),
        pattern_words: vec![said.clone()],
        said,
        span: at,
    })
}

/// "from X to Y": a flow and its reverse, each named by the sample's words.
fn from_to(
    text: &str,
    value: (usize, usize),
    orig: &dyn Fn(usize, usize) -> String,
) -> Option<Direction> {
    let mut near: Option<(usize, &'static str, regex::Captures)> = None;
    for lang in LANGS {
        let Some(p) = lang.from_to else { continue };
        let Ok(re) = regex::Regex::new(p) else {
            continue;
        };
        for c in re.captures_iter(text) {
            let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            let d = distance(value, m);
            if near.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                near = Some((d, lang.code, c));
            }
        }
    }
    let (_, lang, c) = near?;
    let (whole, x, y) = (c.get(0)?, c.get(1)?, c.get(2)?);
    // The ar/ru forms start with the space before «من»/«из».
    let start = whole.start() + (whole.len() - whole.as_str().trim_start().len());
    let (xs, ys) = (orig(x.start(), x.end()), orig(y.start(), y.end()));
    let said = orig(start, whole.end());
    let back = format!(
        "{}{ys}{}{xs}{}",
        orig(start, x.start()),
        orig(x.end(), y.start()),
        orig(y.end(), whole.end())
    );
    let forth = format!("{xs} → {ys}");
    Some(Direction {
        named: Named::FromTo,
        lang,
        label: forth.clone(),
        labels: vec![
            (forth, vec![said.clone()]),
            (format!("{ys} → {xs}"), vec![back]),
        ],
        pattern_words: vec![said.clone()],
        said,
        span: (start, whole.end()),
    })
}
