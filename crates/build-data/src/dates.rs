//! Calendar arithmetic for the snapshot time columns (no external date crate needed).
//!
//! Dates are stored as Arrow `date32` (days since 1970-01-01) and hours as
//! `timestamp[s]` (seconds since 1970-01-01T00:00:00, no time zone).

use civic_pulse::{Error, Result};

/// A parsed time key from a CSV `date` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimeKey {
    /// A calendar day (a month is stored as its first day).
    Day {
        /// Days since 1970-01-01.
        days: i32,
    },
    /// An hour of a day (24-hour profiles).
    Hour {
        /// Seconds since 1970-01-01T00:00:00.
        seconds: i64,
    },
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
///
/// # Example
/// ```
/// use build_data::dates::days_from_civil;
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2023, 12, 1), 19692);
/// ```
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn num<T: std::str::FromStr>(s: &str, what: &str, cell: &str) -> Result<T> {
    s.parse::<T>()
        .map_err(|_| Error::invalid(format!("bad {what} {s:?} in date {cell:?}")))
}

/// Parses `YYYY-MM` (first day of the month), `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]`.
///
/// # Example
/// ```
/// use build_data::dates::{parse_time, TimeKey};
/// assert_eq!(parse_time("2023-12").unwrap(), TimeKey::Day { days: 19692 });
/// assert_eq!(
///     parse_time("2023-12-01T10:00").unwrap(),
///     TimeKey::Hour { seconds: 19692 * 86_400 + 36_000 }
/// );
/// assert!(parse_time("2023-13").is_err());
/// ```
pub fn parse_time(cell: &str) -> Result<TimeKey> {
    let (date, time) = match cell.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (cell, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m] => (
            num::<i32>(y, "year", cell)?,
            num::<u32>(m, "month", cell)?,
            1,
        ),
        [y, m, d] => (
            num::<i32>(y, "year", cell)?,
            num::<u32>(m, "month", cell)?,
            num::<u32>(d, "day", cell)?,
        ),
        _ => return Err(Error::invalid(format!("bad date {cell:?}"))),
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(Error::invalid(format!("date out of range: {cell:?}")));
    }
    let days = days_from_civil(year, month, day);
    let Some(time) = time else {
        return Ok(TimeKey::Day { days });
    };
    let hms: Vec<&str> = time.split(':').collect();
    let (h, m, s) = match hms.as_slice() {
        [h, m] => (
            num::<i64>(h, "hour", cell)?,
            num::<i64>(m, "minute", cell)?,
            0,
        ),
        [h, m, s] => (
            num::<i64>(h, "hour", cell)?,
            num::<i64>(m, "minute", cell)?,
            num::<i64>(s, "second", cell)?,
        ),
        _ => return Err(Error::invalid(format!("bad time in {cell:?}"))),
    };
    if !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..60).contains(&s) {
        return Err(Error::invalid(format!("time out of range: {cell:?}")));
    }
    Ok(TimeKey::Hour {
        seconds: i64::from(days) * 86_400 + h * 3_600 + m * 60 + s,
    })
}

/// `YYYY-MM` label of a month given as (year, month).
///
/// # Example
/// ```
/// assert_eq!(build_data::dates::ym(2020, 3), "2020-03");
/// ```
pub fn ym(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// The `n` consecutive months starting at (year, month).
///
/// # Example
/// ```
/// use build_data::dates::month_range;
/// let m = month_range(2021, 12, 3);
/// assert_eq!(m, vec![(2021, 12), (2022, 1), (2022, 2)]);
/// ```
pub fn month_range(year: i32, month: u32, n: usize) -> Vec<(i32, u32)> {
    let start = year * 12 + month as i32 - 1;
    (0..n as i32)
        .map(|i| {
            let k = start + i;
            (k.div_euclid(12), k.rem_euclid(12) as u32 + 1)
        })
        .collect()
}

/// Months since 0000-01 (a linear month index used for interpolation).
///
/// # Example
/// ```
/// use build_data::dates::month_index;
/// assert_eq!(month_index(2020, 2) - month_index(2019, 12), 2);
/// ```
pub fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}
