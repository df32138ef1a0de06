//! A source's publication date when the manifest does not give one.
//!
//! In order: the page's metadata (`article:published_time`, `<time
//! datetime>`), a dateline at the start of the text ("ASTANA, 6 Nov 2025
//! (Reuters) –", "أستانا – 6 نوفمبر", "АСТАНА, 6 ноября –"), then a date in the
//! file name (`2025-11-06`, `20251106`). The dateline is read by the value
//! grammars; one without a year takes it from the metadata or the file name,
//! and is not used when neither has one. Each date remembers where it came
//! from (`DateSource`), and reports show it.

use std::path::Path;

use super::DateSource;
use crate::calendar::Day;
use crate::value::{Grain, Kind, Value};

/// How far into the text a dateline may end.
const DATELINE_MAX: usize = 160;

/// The date of a source without a manifest date, and where it came from.
pub fn infer(path: &Path, text: &str, published: Option<Day>) -> Option<(Day, DateSource)> {
    if let Some(d) = published {
        return Some((d, DateSource::HtmlMeta));
    }
    let from_name = file_name_date(path);
    if let Some(d) = dateline(text, from_name.map(Day::year)) {
        return Some((d, DateSource::Dateline));
    }
    from_name.map(|d| (d, DateSource::FileName))
}

/// The dateline's day: a day-grained date at the start of the first line
/// of text, next to the dash that ends a dateline ("ASTANA, 6 Nov 2025
/// (Reuters) –" or "أستانا – 6 نوفمبر"). A date without a year takes `year`.
pub fn dateline(text: &str, year: Option<i32>) -> Option<Day> {
    let line = text
        .split(['\n', '\r', '\u{2029}'])
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    let head = &line[..floor(line, DATELINE_MAX)];
    let dash = ["–", "—", " - ", "-- "]
        .iter()
        .filter_map(|d| head.find(d))
        .min()
        .filter(|&d| d <= DASH_MAX)?;
    let place = &head[..dash];
    let head = crate::text::fold_str(head);
    // The fold drops marks, so the dash may stand a little earlier.
    let near = |start: usize| start <= dash + AFTER_DASH;
    let anchor = year.and_then(|y| Day::from_ymd(y, 12, 31));
    let stated = crate::extract::extract(&head, None);
    let anchored = crate::extract::extract(&head, anchor);
    let found = stated
        .iter()
        .chain(anchored.iter())
        .filter(|e| near(e.start))
        .find_map(day_of);
    if found.is_some() {
        return found;
    }
    // "ASTANA, Nov 6 (Reuters) –": the grammars read a month before its
    // day only with a year, so the place and date are read again with the
    // year known from elsewhere, the agency left out.
    let y = year?;
    let place = match place.find('(') {
        Some(p) => &place[..p],
        None => place,
    };
    let dated = format!("{}, {y}", crate::text::fold_str(place.trim_end()));
    crate::extract::extract(&dated, None)
        .iter()
        .filter(|e| e.end == dated.len())
        .find_map(day_of)
}

/// The day of a value read as one day.
fn day_of(e: &crate::value::Extracted) -> Option<Day> {
    match (&e.kind, &e.value) {
        (
            Kind::Date,
            Value::Time {
                lo: Some(lo),
                hi: Some(hi),
                grain: Grain::Day,
            },
        ) if lo == hi => Some(*lo),
        _ => None,
    }
}

/// A dateline's dash stands within this many bytes of the line's start,
/// and its date at most this many bytes after the dash.
const DASH_MAX: usize = 60;
const AFTER_DASH: usize = 40;

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `2025-11-06`, `2025_11_06` or `20251106` in a file's name, standing
/// apart from other digits.
pub fn file_name_date(path: &Path) -> Option<Day> {
    let name = path.file_stem()?.to_string_lossy();
    let b = name.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let num = |a: usize, n: usize| -> Option<u32> { name.get(a..a + n)?.parse().ok() };
    for i in 0..b.len() {
        if !digit(i) || (i > 0 && digit(i - 1)) {
            continue;
        }
        let run = (i..b.len()).take_while(|&j| digit(j)).count();
        let (y, m, d) = if run == 8 {
            (num(i, 4)?, num(i + 4, 2)?, num(i + 6, 2)?)
        } else if run == 4
            && matches!(b.get(i + 4), Some(b'-' | b'_'))
            && b.get(i + 7) == b.get(i + 4)
            && (5..7).chain(8..10).all(|k| digit(i + k))
            && !digit(i + 10)
        {
            (num(i, 4)?, num(i + 5, 2)?, num(i + 8, 2)?)
        } else {
            continue;
        };
        if (1900..=2100).contains(&y)
            && let Some(day) = Day::from_ymd(y as i32, m, d)
        {
            return Some(day);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<Day> {
        Day::parse_iso(s)
    }

    #[test]
    fn file_names() {
        for (name, want) in [
            ("2025-11-06-reuters.txt", "2025-11-06"),
            ("tass_20251106.txt", "2025-11-06"),
            ("a_2025_11_06.md", "2025-11-06"),
        ] {
            assert_eq!(file_name_date(Path::new(name)), day(want), "{name}");
        }
        for name in [
            "001_bae31eafe5fea3ea.txt",
            "123456789.txt",
            "2025-13-01.txt",
            "x.txt",
        ] {
            assert_eq!(file_name_date(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn datelines_in_three_languages() {
        let cases = [
            (
                "ASTANA, 6 November 2025 (Reuters) – Kazakhstan said",
                None,
                "2025-11-06",
            ),
            (
                "أستانا – 6 نوفمبر 2025 (رويترز) أعلنت كازاخستان",
                None,
                "2025-11-06",
            ),
            (
                "АСТАНА, 6 ноября 2025 – Казахстан объявил",
                None,
                "2025-11-06",
            ),
            // Without a year: the year comes from elsewhere.
            (
                "أستانا – 6 نوفمبر: أعلنت كازاخستان",
                Some(2025),
                "2025-11-06",
            ),
            (
                "АСТАНА, 6 ноября – Казахстан объявил",
                Some(2024),
                "2024-11-06",
            ),
        ];
        for (text, year, want) in cases {
            assert_eq!(dateline(text, year), day(want), "{text}");
        }
        // No year known: not used; a date further into the text is no dateline.
        assert_eq!(dateline("أستانا – 6 نوفمبر: أعلنت", None), None);
        assert_eq!(
            dateline("ASTANA, Nov 6 (Reuters) – Kazakhstan said", None),
            None
        );
        assert_eq!(
            dateline("ASTANA (Reuters) – Kazakhstan said", Some(2025)),
            None
        );
        assert_eq!(
            dateline(
                "Trade with Israel grew by a third in the year to October, the ministry said – figures of 6 November 2025",
                None
            ),
            None
        );
    }

    #[test]
    fn order_of_origins() {
        let p = Path::new("2024-01-02.txt");
        let meta = day("2025-11-06");
        assert_eq!(
            infer(p, "x", meta),
            Some((meta.unwrap(), DateSource::HtmlMeta))
        );
        assert_eq!(
            infer(p, "АСТАНА, 6 ноября – Казахстан", None),
            Some((day("2024-11-06").unwrap(), DateSource::Dateline))
        );
        assert_eq!(
            infer(p, "no dateline", None),
            Some((day("2024-01-02").unwrap(), DateSource::FileName))
        );
    }
}
