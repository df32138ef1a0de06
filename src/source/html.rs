//! HTML sources: the visible text of a page, laid over the page's own bytes.
//!
//! The page is tokenized by `html5gum` (a WHATWG tokenizer that gives every
//! token its byte span), and the result is a text of exactly the page's byte
//! length in which
//!
//! - markup, comments, `<script>`, `<style>`, `<title>` and `<noscript>`
//!   bodies become spaces, and every line break is kept, so a byte offset,
//!   and so a line, is the same in the text and in the page;
//! - character references are decoded in place and padded with characters
//!   the fold drops (U+00AD, U+200B), so `5&nbsp;million` reads as
//!   `5 million`; a reference one byte longer than what it decodes to gets
//!   one plain space;
//! - the boundaries of block elements (`p`, `div`, `br`, `li`, `h1`–`h6`,
//!   `table`, `section`, `article`, …) become a paragraph separator U+2029,
//!   which ends a sentence and is not a line break;
//! - table cells become pipe-table syntax, so a row reads
//!   `| 2022 | 79 | 883 |`: `<td>`/`<th>` → ` | `, `</tr>` → ` |` + U+2029
//!   (a `<tr>` that closes a row left open writes `|` + U+2029).
//!
//! A replacement is written where the tag has that many bytes without a
//! line break; a tag too short, or broken across lines so that no piece is
//! long enough, stays blank (the nearest safe alternative: a space).
//! Columns are counted in the page as written (`Source::page`), so they are
//! the columns an editor shows.

use crate::calendar::Day;

/// The visible text of a page and the publication date its metadata states.
pub struct Page {
    pub text: String,
    /// `article:published_time` (or a like meta tag), else the first
    /// `<time datetime>`.
    pub published: Option<Day>,
}

/// Whether a file is read as HTML.
pub fn is_html(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

const PARAGRAPH: &str = "\u{2029}";

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"br"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"table"
            | b"caption"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"main"
            | b"blockquote"
            | b"pre"
            | b"hr"
            | b"figure"
            | b"figcaption"
            | b"address"
            | b"form"
            | b"body"
            | b"head"
            | b"html"
    )
}

/// Elements whose content is not shown as text.
fn is_hidden(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"title" | b"noscript" | b"template" | b"svg"
    )
}

/// Meta tags that state when a page was published.
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "dc.date.issued",
    "dc.date",
];

/// The visible text of `html`, of exactly its byte length.
pub fn page(html: &str) -> Page {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut out: Vec<u8> = html
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style bodies are raw text, not markup.
    emitter.naively_switch_states(true);
    let mut hidden: Option<Vec<u8>> = None;
    let mut row_open = false;
    let mut meta_date: Option<Day> = None;
    let mut time_date: Option<Day> = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let span = tag.span.start..tag.span.end;
                if name == b"meta" && meta_date.is_none() {
                    meta_date = meta_published(&tag.attributes);
                }
                if name == b"time" && time_date.is_none() {
                    time_date = tag
                        .attributes
                        .get(b"datetime".as_slice())
                        .and_then(|v| iso_day(&v.value));
                }
                if hidden.is_some() {
                    continue;
                }
                if is_hidden(&name) && !tag.self_closing {
                    hidden = Some(name);
                    continue;
                }
                match name.as_slice() {
                    b"td" | b"th" => {
                        place(&mut out, html, span, " | ");
                        row_open = true;
                    }
                    b"tr" if row_open => {
                        place(&mut out, html, span, "|\u{2029}");
                        row_open = false;
                    }
                    b"tr" => place(&mut out, html, span, PARAGRAPH),
                    n if is_block(n) => place(&mut out, html, span, PARAGRAPH),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let span = tag.span.start..tag.span.end;
                if let Some(h) = &hidden {
                    if *h == name {
                        hidden = None;
                    }
                    continue;
                }
                match name.as_slice() {
                    b"tr" | b"table" if row_open => {
                        place(&mut out, html, span, " |\u{2029}");
                        row_open = false;
                    }
                    n if n == b"tr" || is_block(n) => place(&mut out, html, span, PARAGRAPH),
                    _ => {}
                }
            }
            Token::String(s) if hidden.is_none() => {
                let (a, b) = (s.span.start, s.span.end.min(html.len()));
                if a < b && html.is_char_boundary(a) && html.is_char_boundary(b) {
                    copy_text(&mut out, html, a, b);
                }
            }
            _ => {}
        }
    }
    // Only whole characters were written over blanks, so this holds; if it
    // ever did not, the page would read as blank rather than as garbage.
    let text = String::from_utf8(out).unwrap_or_else(|e| {
        e.into_bytes()
            .iter()
            .map(|&b| if b == b'\n' || b == b'\r' { '\n' } else { ' ' })
            .collect()
    });
    Page {
        text,
        published: meta_date.or(time_date),
    }
}

fn meta_published(
    attrs: &std::collections::BTreeMap<
        html5gum::HtmlString,
        html5gum::Spanned<html5gum::HtmlString, usize>,
    >,
) -> Option<Day> {
    let named = ["property", "name", "itemprop"].iter().any(|k| {
        attrs.get(k.as_bytes()).is_some_and(|v| {
            let v = String::from_utf8_lossy(&v.value).to_ascii_lowercase();
            PUBLISHED.contains(&v.as_str())
        })
    });
    if !named {
        return None;
    }
    attrs
        .get(b"content".as_slice())
        .and_then(|v| iso_day(&v.value))
}

/// The day of an ISO 8601 date or date-time (`2025-11-06T09:45:00+05:00`).
fn iso_day(v: &[u8]) -> Option<Day> {
    let s = std::str::from_utf8(v).ok()?.trim();
    Day::parse_iso(s.get(..10)?)
}

/// Writes `repl` over the first piece of `span` without a line break that
/// can hold it; a tag with no such piece stays blank.
fn place(out: &mut [u8], html: &str, span: std::ops::Range<usize>, repl: &str) {
    let end = span.end.min(html.len());
    let mut start = span.start.min(end);
    for piece in html.as_bytes()[start..end].split(|&b| b == b'\n' || b == b'\r') {
        if piece.len() >= repl.len() {
            out[start..start + repl.len()].copy_from_slice(repl.as_bytes());
            return;
        }
        start += piece.len() + 1;
    }
}

/// Copies visible text, decoding character references in place.
fn copy_text(out: &mut [u8], html: &str, a: usize, b: usize) {
    let bytes = html.as_bytes();
    let mut i = a;
    while i < b {
        if bytes[i] == b'&'
            && let Some(len) = reference_len(&bytes[i..b])
            && let Some(decoded) = decode_reference(&html[i..i + len])
            && decoded.len() <= len
        {
            write_padded(&mut out[i..i + len], &decoded);
            i += len;
            continue;
        }
        out[i] = bytes[i];
        i += 1;
    }
}

/// The length of `&name;` or `&#123;` at the start of `s`.
fn reference_len(s: &[u8]) -> Option<usize> {
    let end = s.iter().take(40).position(|&b| b == b';')?;
    let body = &s[1..end];
    let ok = !body.is_empty()
        && (body.iter().all(u8::is_ascii_alphanumeric)
            || (body[0] == b'#'
                && body.len() > 1
                && body[1..].iter().all(u8::is_ascii_alphanumeric)));
    ok.then_some(end + 1)
}

/// A reference decoded by the tokenizer itself; whitespace references
/// (`&nbsp;`, `&thinsp;`) read as a plain space.
fn decode_reference(r: &str) -> Option<String> {
    let mut s = String::new();
    for t in html5gum::Tokenizer::new(r).flatten() {
        if let html5gum::Token::String(v) = t {
            s.push_str(&String::from_utf8_lossy(&v.value));
        }
    }
    if s == r || s.is_empty() || s.contains('\u{FFFD}') {
        return None;
    }
    if s.chars().all(char::is_whitespace) {
        s = " ".into();
    }
    Some(s)
}

/// `decoded`, then characters the fold drops, to fill `slot` exactly.
fn write_padded(slot: &mut [u8], decoded: &str) {
    let d = decoded.len();
    slot[..d].copy_from_slice(decoded.as_bytes());
    let mut pad = slot.len() - d;
    let mut at = d;
    if pad == 1 {
        slot[at] = b' ';
        return;
    }
    // 2a + 3b = pad, for any pad ≥ 2.
    while pad > 0 {
        let piece = if pad % 2 == 1 || pad == 3 {
            "\u{200B}"
        } else {
            "\u{00AD}"
        };
        slot[at..at + piece.len()].copy_from_slice(piece.as_bytes());
        at += piece.len();
        pad -= piece.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalized;

    #[test]
    fn text_keeps_length_and_lines() {
        let html = "<html><head><title>T 99</title><script>var x = \"<p>7 million</p>\";</script>\n<style>p{}</style></head>\n<body><p>Trade reached 5&nbsp;million&#x20;dollars &amp; more.</p>\n<!-- 12 --></body></html>\n";
        let p = page(html);
        assert_eq!(p.text.len(), html.len());
        assert_eq!(
            p.text.match_indices('\n').map(|m| m.0).collect::<Vec<_>>(),
            html.match_indices('\n').map(|m| m.0).collect::<Vec<_>>()
        );
        let n = Normalized::new(&p.text);
        assert!(
            n.text.contains("Trade reached 5 million dollars & more."),
            "{:?}",
            n.text
        );
        assert!(!n.text.contains("99") && !n.text.contains('7') && !n.text.contains("12"));
        // The value's place is the same in the page.
        let at = p.text.find("Trade").unwrap();
        assert!(html[at..].starts_with("Trade"));
    }

    #[test]
    fn tables_read_as_pipe_rows() {
        let html = "<table><tr><th>Year</th><th>Israel</th></tr>\n<tr><td>2022</td><td>79</td></tr><tr><td>2023</td><td>80</td></table>";
        let p = page(html);
        let rows: Vec<String> = p
            .text
            .split(['\u{2029}', '\n'])
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|r| !r.is_empty())
            .collect();
        assert_eq!(
            rows,
            ["| Year | Israel |", "| 2022 | 79 |", "| 2023 | 80 |"]
        );
    }

    #[test]
    fn arabic_text_and_dates_from_metadata() {
        let html = "<head><meta property=\"article:published_time\" content=\"2025-11-06T10:00:00Z\"></head><p>بلغ حجم التجارة ٣٤&nbsp;مليون دولار</p>";
        let p = page(html);
        assert_eq!(p.published, Day::parse_iso("2025-11-06"));
        let n = Normalized::new(&p.text);
        assert!(
            n.text.contains("بلغ حجم التجارة 34 مليون دولار"),
            "{:?}",
            n.text
        );
        let html = "<article><time datetime=\"2024-02-01\">1 Feb</time></article>";
        assert_eq!(page(html).published, Day::parse_iso("2024-02-01"));
    }
}
