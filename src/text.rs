//! Folding of Arabic and Latin text for matching, with a byte map back to
//! the original so that quotes and `line:column` refer to what the user sees.
//!
//! Folding drops tatweel, diacritics and tanween, bidi and zero-width marks;
//! unifies alef variants, alef maqsura and Persian letters; turns Arabic-Indic
//! and Persian digits into ASCII digits and the Arabic decimal and thousands
//! separators into `.` and `,`; and turns no-break spaces into plain spaces.
//!
//! Other characters take their NFKC form, one character at a time:
//! fullwidth digits and signs (`３４％`), Arabic presentation forms (`ﻻ`),
//! ligatures. Characters whose compatibility form would change a value or a
//! sentence are left as they are: superscripts and subscripts (`10²`,
//! footnote marks), vulgar fractions, enclosed numbers (`①`), spaces, and
//! leaders and the ellipsis. ASCII, Arabic, Hebrew and Cyrillic letters never
//! reach the Unicode tables.

use unicode_normalization::UnicodeNormalization;

/// What folding does to one character.
#[derive(Clone, Copy)]
enum Fold {
    Drop,
    Keep,
    To(char),
    /// Takes its compatibility form (`compatible`): `３` → `3`, `ﻻ` → `لا`.
    Compat,
}

#[inline]
fn fold(c: char) -> Fold {
    match c as u32 {
        // ASCII, Cyrillic and Hebrew letters fold to themselves.
        0..=0x7F | 0x0400..=0x052F | 0x0590..=0x05FF => Fold::Keep,
        // The Arabic block has its own rules and no form the tables would change.
        0x0600..=0x06FF => fold_simple(c),
        _ => match fold_simple(c) {
            Fold::Keep if has_compat_form(c) => Fold::Compat,
            f => f,
        },
    }
}

/// Whether NFKC changes a character we read: never for Cyrillic, Hebrew,
/// Arabic letters, Latin-1 letters and common punctuation, without asking
/// the tables.
#[inline]
fn has_compat_form(c: char) -> bool {
    let u = c as u32;
    if matches!(u, 0x00C0..=0x024F | 0x0400..=0x052F | 0x0590..=0x06FF | 0x2010..=0x2023) {
        // Within these, only a few Latin ligatures and the non-breaking
        // hyphen have compatibility forms.
        return matches!(u, 0x0132 | 0x0133 | 0x013F | 0x0140 | 0x0149 | 0x017F | 0x01C4..=0x01CC | 0x01F1..=0x01F3 | 0x2011 | 0x2017);
    }
    !keeps_form(c)
        && unicode_normalization::is_nfkc_quick(std::iter::once(c))
            != unicode_normalization::IsNormalized::Yes
}

/// The NFKC form of a character, folded; empty when it folds away.
fn compatible(c: char) -> String {
    let mut out = String::new();
    for k in std::iter::once(c).nfkc() {
        match fold_simple(k) {
            Fold::Drop => {}
            Fold::To(t) => out.push(t),
            _ => out.push(k),
        }
    }
    out
}

/// Characters whose compatibility form would misread a figure or a
/// sentence: `10²` is not 102, `2½` is not 21⁄2, `①` is a list mark, `…`
/// ends no sentence, and spaces keep their role between digit groups.
fn keeps_form(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{00BC}'..='\u{00BE}'
                | '\u{2024}'..='\u{2026}'
                | '\u{2070}'..='\u{209F}'
                | '\u{2150}'..='\u{218B}'
                | '\u{2460}'..='\u{24FF}'
                | '\u{2776}'..='\u{2793}'
                | '\u{3248}'..='\u{324F}'
                | '\u{3251}'..='\u{32BF}'
                | '\u{1F100}'..='\u{1F1FF}'
        )
}

/// The folding rules of the scripts news is written in.
fn fold_simple(c: char) -> Fold {
    match c {
        '\u{0640}' => Fold::Drop,                           // tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' => Fold::Drop, // harakat, tanween, dagger alef
        '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' => Fold::Drop,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ى' | 'ی' => Fold::To('ي'),
        'ک' => Fold::To('ك'),
        '٠'..='٩' => Fold::To(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => Fold::To(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '٫' => Fold::To('.'),
        '\u{2212}' => Fold::To('-'), // minus sign
        '٬' => Fold::To(','),
        // No-break and thin spaces stay: between digit groups they separate
        // thousands ("1 200 000"); elsewhere the tokenizer reads them as spaces.
        _ => Fold::Keep,
    }
}

/// `char::is_alphabetic`, with the scripts news is written in answered
/// without the Unicode tables.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0620}'..='\u{064A}').contains(&c) {
        true
    } else {
        c.is_alphabetic()
    }
}

/// Whether a character has no case (Hebrew, Arabic and their neighbours):
/// lower-casing it is a no-op, and the tables need not be asked.
#[inline]
pub fn caseless(c: char) -> bool {
    ('\u{0590}'..='\u{08FF}').contains(&c)
}

/// The text lower-cased character by character where that keeps its byte
/// length, so offsets carry over unchanged; other characters stay as they are.
pub fn lower_same_offsets(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if caseless(c) {
            out.push(c);
            continue;
        }
        let mut low = c.to_lowercase();
        match (low.next(), low.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Where the word that `at` is in (or ends) starts: back over letters.
pub fn word_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_letter(c))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// Folds a string without keeping a map (for rule words and patterns).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold(c) {
            Fold::Drop => {}
            Fold::Keep => out.push(c),
            Fold::To(t) => out.push(t),
            Fold::Compat => out.push_str(&compatible(c)),
        }
    }
    out
}

/// A folded text and the way back to the original: where folding changed
/// a length (a digit, a dropped mark, a compatibility form), the offset
/// delta from there on. Most text has few such places, so the map is small.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `(normalized offset, delta)`: from that offset on, until the next
    /// entry, original = normalized + delta. Sorted by offset. A delta is
    /// negative after a character that folds to a longer form.
    breaks: Vec<(usize, isize)>,
    original_len: usize,
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        if original.is_ascii() {
            // Folding changes no ASCII character.
            return Normalized {
                text: original.to_string(),
                breaks: Vec::new(),
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut breaks = Vec::new();
        let mut delta: isize = 0;
        for (i, c) in original.char_indices() {
            let out = match fold(c) {
                Fold::Drop => {
                    delta += c.len_utf8() as isize;
                    breaks.push((text.len(), delta));
                    continue;
                }
                Fold::Keep => c,
                Fold::To(t) => t,
                Fold::Compat => {
                    delta = push_compat(&mut text, &mut breaks, i, c);
                    continue;
                }
            };
            debug_assert_eq!(text.len() as isize + delta, i as isize);
            text.push(out);
            if out.len_utf8() != c.len_utf8() {
                delta += c.len_utf8() as isize - out.len_utf8() as isize;
                breaks.push((text.len(), delta));
            }
        }
        // Several breaks at one offset: the last holds.
        breaks.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 = later.1;
                true
            } else {
                false
            }
        });
        Normalized {
            text,
            breaks,
            original_len: original.len(),
        }
    }

    /// The original byte offset of a normalized start offset (of the
    /// character it falls in).
    pub fn orig_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original_len;
        }
        let i = floor_boundary(&self.text, i);
        let at = self.breaks.partition_point(|&(b, _)| b <= i);
        let delta = if at == 0 { 0 } else { self.breaks[at - 1].1 };
        (i as isize + delta).clamp(0, self.original_len as isize) as usize
    }

    /// The original byte offset just past the normalized byte `i - 1`:
    /// dropped characters inside a span stay inside it, those after it do not.
    pub fn orig_end(&self, i: usize, original: &str) -> usize {
        if i == 0 {
            return 0;
        }
        let at = self.orig_start(i - 1);
        let mut chars = original[at..].char_indices();
        let mut end = chars.next().map_or(at, |(_, c)| at + c.len_utf8());
        // Diacritics and tatweel that follow the last letter belong to it.
        for (j, c) in chars {
            let is_mark = matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}');
            if !is_mark {
                break;
            }
            end = at + j + c.len_utf8();
        }
        end
    }
}

/// Pushes the compatibility form of `c` (at original offset `i`): each of
/// its characters maps to the start of `c`; what follows, to what follows
/// it. Returns the delta from there on. Rare, so kept out of the loop.
#[cold]
#[inline(never)]
fn push_compat(text: &mut String, breaks: &mut Vec<(usize, isize)>, i: usize, c: char) -> isize {
    for k in compatible(c).chars() {
        breaks.push((text.len(), i as isize - text.len() as isize));
        text.push(k);
    }
    let delta = (i + c.len_utf8()) as isize - text.len() as isize;
    breaks.push((text.len(), delta));
    delta
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Maps byte offsets to 1-based lines and 1-based character columns.
/// Columns are counted from the last place asked when it stands earlier on
/// the same line, so asking in text order costs one pass over each line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last (byte, column) answered.
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// A line ends at `\n`, `\r\n` (once) or a `\r` alone (old Mac text).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        if !text.contains('\r') {
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineIndex {
                starts,
                last: std::cell::Cell::new((0, 1)),
            };
        }
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices(['\n', '\r']) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    pub fn line_col(&self, text: &str, byte: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&byte) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line];
        let end = byte.min(text.len());
        let (last_byte, last_col) = self.last.get();
        let (from, col0) = if last_byte >= start && last_byte <= end {
            (last_byte, last_col)
        } else {
            (start, 1)
        };
        let col = text.get(from..end).map_or(1, |s| s.chars().count() + col0);
        if text.is_char_boundary(end) {
            self.last.set((end, col));
        }
        (line + 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_and_keeps_map() {
        let s = "بلغ نحو ٣٤ مليونًا، الإسرائيلية";
        let n = Normalized::new(s);
        assert_eq!(n.text, "بلغ نحو 34 مليونا، الاسرائيلية");
        let at = n.text.find("34").unwrap();
        let o = n.orig_start(at);
        assert!(s[o..].starts_with("٣٤"));
        let m = n.text.find("مليونا").unwrap();
        let e = n.orig_end(m + "مليونا".len(), s);
        assert_eq!(&s[n.orig_start(m)..e], "مليونًا");
    }

    #[test]
    fn maps_every_character_back() {
        let s = "a\u{200f}بـ٣٤٫٥ مليونًا، ١٢ x\u{202b}\u{0640}";
        let n = Normalized::new(s);
        // Each folded character maps to the start of the character it came from.
        let starts: Vec<usize> = s
            .char_indices()
            .filter(|&(_, c)| !fold_str(&c.to_string()).is_empty())
            .map(|(i, _)| i)
            .collect();
        let mapped: Vec<usize> = n
            .text
            .char_indices()
            .map(|(i, _)| n.orig_start(i))
            .collect();
        assert_eq!(mapped, starts);
        assert_eq!(n.orig_start(n.text.len()), s.len());
        // A span's end takes its own trailing marks, not the marks after it.
        let m = n.text.find("مليونا").unwrap();
        assert_eq!(
            &s[n.orig_start(m)..n.orig_end(m + "مليونا".len(), s)],
            "مليونًا"
        );
    }

    #[test]
    fn compatibility_forms_read_as_their_plain_forms_and_map_back() {
        // Fullwidth digits and percent, an Arabic ligature, a Latin ligature.
        let s = "بلغ ３４％ و ﻻ ﬁle ٣";
        let n = Normalized::new(s);
        assert_eq!(n.text, "بلغ 34% و لا file 3");
        let at = n.text.find("34%").unwrap();
        assert!(s[n.orig_start(at)..].starts_with("３４％"));
        assert_eq!(n.orig_start(at + 1), s.find('４').unwrap());
        // Both letters of the expanded ligature map to it; what follows, to itself.
        let la = n.text.find("لا").unwrap();
        let lig = s.find('ﻻ').unwrap();
        assert_eq!(n.orig_start(la), lig);
        assert_eq!(n.orig_start(la + 2), lig);
        assert_eq!(
            n.orig_start(n.text.find("file").unwrap()),
            s.find('ﬁ').unwrap()
        );
        assert_eq!(
            n.orig_start(n.text.find('e').unwrap()),
            s.find('e').unwrap()
        );
        assert_eq!(
            n.orig_start(n.text.rfind('3').unwrap()),
            s.find('٣').unwrap()
        );
        assert_eq!(&s[n.orig_start(la)..n.orig_end(la + "لا".len(), s)], "ﻻ");
        // Forms that would change a figure stay.
        assert_eq!(fold_str("10² ½ ① 1\u{a0}200…"), "10² ½ ① 1\u{a0}200…");
    }

    #[test]
    fn compat_fast_path_agrees_with_the_tables() {
        for c in ('\u{80}'..='\u{2FFF}').chain('\u{FB00}'..='\u{FFEF}') {
            let changes = std::iter::once(c).nfkc().ne(std::iter::once(c));
            let arabic = ('\u{0600}'..='\u{06FF}').contains(&c);
            if !keeps_form(c) && !arabic && matches!(fold_simple(c), Fold::Keep) {
                // A character the quick check is unsure of (a combining
                // mark) may take the slow path for nothing, never the reverse.
                assert!(!changes || has_compat_form(c), "{c:?} U+{:04X}", c as u32);
                let fast = matches!(c as u32, 0x00C0..=0x024F | 0x0400..=0x052F | 0x0590..=0x05FF | 0x2010..=0x2023);
                if fast {
                    assert_eq!(has_compat_form(c), changes, "{c:?} U+{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn letter_fast_paths_agree_with_unicode() {
        for c in ('\u{0}'..='\u{0FFF}').chain('\u{FB00}'..='\u{FEFF}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            if caseless(c) {
                assert!(!c.is_uppercase() && c.to_lowercase().eq([c]), "{c:?}");
            }
        }
    }

    #[test]
    fn drops_bidi_marks_and_tatweel() {
        assert_eq!(fold_str("\u{200F}بـ883\u{202B}"), "ب883");
        assert_eq!(fold_str("إلى ١٢٫٥"), "الي 12.5");
        assert_eq!(fold_str("1\u{a0}200"), "1\u{a0}200");
    }

    #[test]
    fn columns_are_the_same_in_any_order_of_asking() {
        let s = "سطر أول\nمرحبا 34 و 56 ثم 78\nend";
        let li = LineIndex::new(s);
        let places: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        let fresh: Vec<(usize, usize)> = places
            .iter()
            .map(|&b| LineIndex::new(s).line_col(s, b))
            .collect();
        let forward: Vec<(usize, usize)> = places.iter().map(|&b| li.line_col(s, b)).collect();
        let backward: Vec<(usize, usize)> =
            places.iter().rev().map(|&b| li.line_col(s, b)).collect();
        assert_eq!(forward, fresh);
        assert_eq!(backward.into_iter().rev().collect::<Vec<_>>(), fresh);
    }

    #[test]
    fn carriage_returns_alone_end_lines_and_crlf_ends_one() {
        for s in [
            "سطر\rمرحبا 34\rend",
            "سطر\r\nمرحبا 34\r\nend",
            "سطر\nمرحبا 34\nend",
        ] {
            let li = LineIndex::new(s);
            assert_eq!(li.line_col(s, s.find("34").unwrap()), (2, 7), "{s:?}");
            assert_eq!(li.line_col(s, s.find("end").unwrap()), (3, 1), "{s:?}");
        }
    }

    #[test]
    fn columns_count_characters() {
        let s = "سطر\nمرحبا 34";
        let li = LineIndex::new(s);
        let b = s.find("34").unwrap();
        assert_eq!(li.line_col(s, b), (2, 7));
    }
}
