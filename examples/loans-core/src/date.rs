//! A calendar date without a time zone: all the clock the lending rules need.

use core::fmt;
use core::str::FromStr;

/// A day in the proleptic Gregorian calendar, stored as the number of days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date `days` days after 1970-01-01 (negative: before).
    #[must_use]
    pub const fn from_days(days: i32) -> Self {
        Self(days)
    }

    /// Days since 1970-01-01: the representation stored in databases.
    #[must_use]
    pub const fn days(self) -> i32 {
        self.0
    }

    /// The date `year-month-day`, or `None` when no such day exists (or the year is outside
    /// 1..=9999).
    #[must_use]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// `(year, month, day)`.
    #[must_use]
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The date `days` days later.
    #[must_use]
    pub fn plus_days(self, days: i32) -> Self {
        Self(self.0 + days)
    }

    /// How many days `later` comes after `self` (negative when it is earlier).
    #[must_use]
    pub fn days_until(self, later: Self) -> i32 {
        later.0 - self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateError(String);

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date '{}': expected a day as YYYY-MM-DD", self.0)
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateError(s.to_string());
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let digits = |t: &str| {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<u32>().ok()
            } else {
                None
            }
        };
        let (Some(y), Some(m), Some(d)) = (digits(y), digits(m), digits(d)) else {
            return Err(err());
        };
        let year = i32::try_from(y).map_err(|_| err())?;
        Self::from_ymd(year, m, d).ok_or_else(err)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's `days_from_civil` / `civil_from_days`, in i64 to stay clear of overflow.
#[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_arithmetic() {
        let d = Date::from_ymd(2024, 2, 28).unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d.plus_days(2).to_string(), "2024-03-01");
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!("2000-12-31".parse::<Date>().unwrap().ymd(), (2000, 12, 31));
        assert_eq!(d.days_until(d.plus_days(14)), 14);
        for days in [-700_000, -1, 0, 1, 19_000, 2_000_000] {
            let date = Date::from_days(days);
            let back: Date = date.to_string().parse().unwrap();
            assert_eq!(back, date, "{date}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_day() {
        for bad in [
            "",
            "2024-2-01",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "+024-01-01",
            "2024-01-01-01",
            "tomorrow",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert_eq!(
            "x".parse::<Date>().unwrap_err().to_string(),
            "invalid date 'x': expected a day as YYYY-MM-DD"
        );
    }
}
