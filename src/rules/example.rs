//! A rule's examples, checked as the rule is loaded: the authority and key
//! dimensions they name exist, their dates are dates, and each says what
//! it expects.

use std::path::Path;

use super::raw::RawExample;
use super::{Example, Phrasebook};
use crate::diag::Diagnostic;

pub(super) fn example(
    file: &Path,
    text: &str,
    lines: &crate::text::LineIndex,
    e: RawExample,
    attribution: &Phrasebook,
    dimensions: &[(String, Phrasebook)],
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let at = e.text.span().start;
    let line = lines.line_col(text, at).0;
    if let Some(a) = &e.authority
        && !attribution
            .iter()
            .any(|(n, _)| n == a.get_ref() || label_fits(n, a.get_ref()))
    {
        diags.push(
            Diagnostic::error(
                "rule-bad-example",
                file,
                format!(
                    "example names authority `{}`, which the rule does not list",
                    a.get_ref()
                ),
            )
            .at(text, a.span().start)
            .help("use a name from [rule.attribution]"),
        );
    }
    for k in e.key.keys() {
        if !matches!(k.as_str(), "period" | "pair" | "party")
            && !dimensions.iter().any(|(n, _)| n == k)
        {
            diags.push(
                Diagnostic::error(
                    "rule-bad-example",
                    file,
                    format!("example names key `{k}`, which the rule does not have"),
                )
                .at(text, at)
                .help("use `period`, `pair`, `party` or a dimension of the rule"),
            );
        }
    }
    let date = match &e.date {
        None => None,
        Some(d) => match crate::calendar::Day::parse_iso(d.get_ref()) {
            Some(day) => Some(day),
            None => {
                diags.push(
                    Diagnostic::error(
                        "rule-bad-example",
                        file,
                        format!("`{}` is not a date", d.get_ref()),
                    )
                    .at(text, d.span().start)
                    .help("write the example's date as YYYY-MM-DD"),
                );
                None
            }
        },
    };
    if e.value.is_none() && !e.no_match {
        diags.push(
            Diagnostic::error(
                "rule-bad-example",
                file,
                "example has neither `value` nor `no_match = true`",
            )
            .at(text, at)
            .help("say what the sentence must yield, or that it must not match"),
        );
    }
    Some(Example {
        text: e.text.into_inner(),
        value: e.value.map(|v| v.into_inner()),
        key: e.key,
        authority: e.authority.map(|a| a.into_inner()),
        date,
        line,
    })
}

/// Does `label` ("statistics of Israel") fill a template label
/// ("statistics of {country}")?
pub(crate) fn label_fits(template: &str, label: &str) -> bool {
    let Some(open) = template.find('{') else {
        return false;
    };
    let Some(close) = template[open..].find('}').map(|c| open + c + 1) else {
        return false;
    };
    let (pre, post) = (&template[..open], &template[close..]);
    label.len() > pre.len() + post.len() && label.starts_with(pre) && label.ends_with(post)
}
