//! Sentences of a folded text: where the matcher and the grammars read,
//! one span at a time. Abbreviations ("Dr.", "г.") come from the language
//! tables.

/// Sentence spans of a folded text: ends at . ! ? ؟ ؛ ; (not inside a number),
/// at blank lines, at line breaks after lines without letters (datelines),
/// and at every paragraph separator U+2029 (block boundaries of HTML pages).
/// A carriage return alone (old Mac text) is a line break.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut i = 0;
    // Only the bytes that can end a sentence are looked at: . ! ? ; a line
    // break, the lead byte 0xD8 of ؟ and ؛, and 0xE2 of U+2029.
    while i < bytes.len() {
        let b = bytes[i];
        let arabic_mark = b == 0xD8 && matches!(bytes.get(i + 1), Some(0x9B | 0x9F));
        let paragraph =
            b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9);
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if !arabic_mark && !paragraph && !lone_cr && !matches!(b, b'.' | b'!' | b'?' | b';' | b'\n')
        {
            i += 1;
            continue;
        }
        let c = if lone_cr {
            '\n'
        } else {
            text[i..].chars().next().unwrap_or('\0')
        };
        let next = text[i + c.len_utf8()..].chars().next();
        let end_here = match c {
            '.' => {
                let decimal = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit());
                let spaced =
                    next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '»' || n == '”');
                !decimal && spaced && {
                    let word_start = text[..i]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !crate::text::is_letter(c))
                        .map_or(0, |(k, c)| k + c.len_utf8());
                    !crate::lang::is_abbreviation(&text[word_start..i])
                }
            }
            '!' | '?' | '؟' | '؛' | ';' | '\u{2029}' => true,
            '\n' => {
                let line = &text[line_start..i];
                let rest = &text[i + 1..];
                let blank_next = rest.starts_with(['\n', '\r'])
                    || rest
                        .trim_start_matches([' ', '\t'])
                        .starts_with(['\n', '\r']);
                let no_letters = !line.chars().any(crate::text::is_letter);
                blank_next || no_letters
            }
            _ => false,
        };
        if c == '\n' {
            line_start = i + 1;
        }
        let end = i + c.len_utf8();
        if end_here {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// A "sentence" longer than this (a one-line table, a list run together)
/// is cut into pieces, so no step's cost grows with the square of a line.
pub const MAX_SENTENCE: usize = 2048;

fn push_trimmed(text: &str, mut a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    while a < b {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return;
        }
        let (from, to) = (a + lead, b - trail);
        if to - from <= MAX_SENTENCE {
            out.push((from, to));
            return;
        }
        let cut = long_cut(text, from, from + MAX_SENTENCE);
        let piece = &text[from..cut];
        out.push((from, from + piece.trim_end().len()));
        a = cut;
    }
}

/// Where to cut a long run of text at or before `limit`: after the end of
/// a table row ("| |"), else after a cell ("| "), a comma or semicolon, a
/// space, in that order of preference, in the second half of the window.
fn long_cut(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut base = from + (limit - from) / 2;
    while !text.is_char_boundary(base) {
        base -= 1;
    }
    let window = &text[base..limit];
    for sep in ["| |", "| ", "، ", ", ", "; ", " "] {
        if let Some(i) = window.rfind(sep) {
            // Cut after the first bar of a row break, so each row keeps its bars.
            let keep = if sep == "| |" { 1 } else { sep.len() };
            return base + i + keep;
        }
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_cut_into_pieces_at_row_and_cell_bounds() {
        let row = "| 2022 | الإحصاءات الإسرائيلية | التجارة | 79 مليون دولار | ";
        let text = row.repeat(400);
        let s = sentences(&text);
        assert!(s.len() > 10);
        for &(a, b) in &s {
            assert!(b - a <= MAX_SENTENCE, "{}", b - a);
            assert!(text[a..b].starts_with('|'), "{}", &text[a..b]);
            assert!(text[a..b].ends_with('|'), "{}", &text[a..b]);
        }
        // Unbroken text of multibyte letters is cut at character bounds.
        let word = "ب".repeat(5000);
        let s = sentences(&word);
        assert_eq!(s.first().map(|p| p.0), Some(0));
        assert_eq!(s.last().map(|p| p.1), Some(word.len()));
        assert!(s.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}
