//! Proleptic Gregorian days, the unit of every date interval.
//!
//! A `Day` counts days since 1970-01-01; intervals of dates are closed ranges
//! of days, so "April 1992" is 1992-04-01..=1992-04-30 and "1992" the year.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// Days from civil date (Howard Hinnant's algorithm); `None` when invalid.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe as u32 * 365 + yoe as u32 / 4 - yoe as u32 / 100 + doy;
        Some(Day(era * 146_097 + doe as i32 - 719_468))
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = (z - era * 146_097) as u32;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe as i32 + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (if m <= 2 { y + 1 } else { y }, m, d)
    }

    /// The day of the week, Monday 1 to Sunday 7 (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        (self.0 + 3).rem_euclid(7) as u32 + 1
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn year_start(y: i32) -> Day {
        Day::from_ymd(y, 1, 1).unwrap_or(Day(0))
    }

    pub fn year_end(y: i32) -> Day {
        Day::from_ymd(y, 12, 31).unwrap_or(Day(0))
    }

    pub fn month_start(y: i32, m: u32) -> Day {
        Day::from_ymd(y, m, 1).unwrap_or(Day(0))
    }

    pub fn month_end(y: i32, m: u32) -> Day {
        Day::from_ymd(y, m, days_in_month(y, m)).unwrap_or(Day(0))
    }

    /// The same day `n` years earlier or later (29 Feb falls back to 28).
    pub fn add_years(self, n: i32) -> Day {
        let (y, m, d) = self.ymd();
        let d = d.min(days_in_month(y + n, m));
        Day::from_ymd(y + n, m, d).unwrap_or(self)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let mut it = s.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        Day::from_ymd(y, m, d)
    }
}

/// Days are written as ISO dates ("2025-11-07") in JSON.
impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date")))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for &(y, m, d) in &[
            (1970, 1, 1),
            (1992, 4, 30),
            (2000, 2, 29),
            (2025, 11, 6),
            (1600, 3, 1),
        ] {
            let day = Day::from_ymd(y, m, d).unwrap();
            assert_eq!(day.ymd(), (y, m, d));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2025, 2, 29), None);
        assert_eq!(
            Day::parse_iso("2025-11-07").unwrap().to_string(),
            "2025-11-07"
        );
    }

    #[test]
    fn adds_years() {
        let d = Day::from_ymd(2024, 2, 29).unwrap();
        assert_eq!(d.add_years(-1).to_string(), "2023-02-28");
    }
}
