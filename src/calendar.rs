//! The calendar: days since 1970-01-01 ↔ proleptic Gregorian dates, ISO 8601 date, timestamp
//! and time strings, and month arithmetic. The one copy: the snapshot reader formats Arrow
//! dates with it, series and claims step through months with it, and the dataset builder
//! parses its CSV dates with it. No date crate: Howard Hinnant's algorithms are exact over the
//! whole i64 range, which chrono's is not.

use arrow_schema::TimeUnit;

use crate::{Error, Result};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). The
/// inverse of [`civil_from_days`] for valid dates.
///
/// # Example
/// ```
/// use civic_pulse::calendar::days_from_civil;
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2023, 12, 1), 19_692);
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

/// Whether `year` is a Gregorian leap year.
///
/// # Example
/// ```
/// use civic_pulse::calendar::is_leap_year;
/// assert!(is_leap_year(2000) && is_leap_year(2024));
/// assert!(!is_leap_year(1900) && !is_leap_year(2023));
/// ```
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 31 for a month out of range.
///
/// # Example
/// ```
/// use civic_pulse::calendar::days_in_month;
/// assert_eq!(days_in_month(2024, 2), 29);
/// assert_eq!(days_in_month(2023, 4), 30);
/// ```
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Milliseconds in a day (Arrow `date64` counts milliseconds).
pub const MS_PER_DAY: i64 = 86_400_000;

/// Civil date `(year, month, day)` from days since 1970-01-01 (Howard Hinnant's algorithm;
/// valid for every i64 day count, far beyond chrono's range).
///
/// # Example
/// ```
/// use civic_pulse::calendar::civil_from_days;
/// assert_eq!(civil_from_days(0), (1970, 1, 1));
/// assert_eq!(civil_from_days(19_692), (2023, 12, 1));
/// assert_eq!(civil_from_days(-1), (1969, 12, 31));
/// ```
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z as i128 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (y as i64, m, d)
}

/// ISO 8601 date of a day count since 1970-01-01; years outside 0000..=9999 use the
/// expanded `±YYYYYY` form.
///
/// # Example
/// ```
/// use civic_pulse::calendar::format_date;
/// assert_eq!(format_date(19_723), "2024-01-01");
/// assert_eq!(format_date(2_932_897), "+010000-01-01");
/// ```
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{}{:06}-{m:02}-{d:02}",
            if y < 0 { '-' } else { '+' },
            y.abs()
        )
    }
}

fn unit_scale(unit: TimeUnit) -> (i64, usize) {
    match unit {
        TimeUnit::Second => (1, 0),
        TimeUnit::Millisecond => (1_000, 3),
        TimeUnit::Microsecond => (1_000_000, 6),
        TimeUnit::Nanosecond => (1_000_000_000, 9),
    }
}

fn hms(secs_of_day: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60
    )
}

fn frac(f: i64, digits: usize) -> String {
    if digits == 0 {
        String::new()
    } else {
        format!(".{f:0digits$}")
    }
}

/// ISO 8601 timestamp of `v` units since the epoch, with the unit's precision; `Z` when
/// `utc` (the Arrow type has a time zone, so the value is a UTC instant).
///
/// # Example
/// ```
/// use arrow_schema::TimeUnit;
/// use civic_pulse::calendar::format_timestamp;
/// assert_eq!(format_timestamp(1_700_000_000, TimeUnit::Second, true), "2023-11-14T22:13:20Z");
/// assert_eq!(format_timestamp(-1, TimeUnit::Millisecond, false), "1969-12-31T23:59:59.999");
/// ```
pub fn format_timestamp(v: i64, unit: TimeUnit, utc: bool) -> String {
    let (per_sec, digits) = unit_scale(unit);
    let secs = v.div_euclid(per_sec);
    let f = v.rem_euclid(per_sec);
    format!(
        "{}T{}{}{}",
        format_date(secs.div_euclid(86_400)),
        hms(secs.rem_euclid(86_400).unsigned_abs()),
        frac(f, digits),
        if utc { "Z" } else { "" }
    )
}

/// Time of day of `v` units since midnight; a value of a whole day prints as `24:00:00`
/// (Arrow allows it).
///
/// # Example
/// ```
/// use arrow_schema::TimeUnit;
/// use civic_pulse::calendar::format_time;
/// assert_eq!(format_time(1_500, TimeUnit::Millisecond), "00:00:01.500");
/// ```
pub fn format_time(v: i64, unit: TimeUnit) -> String {
    let (per_sec, digits) = unit_scale(unit);
    let sign = if v < 0 { "-" } else { "" };
    let v = v.unsigned_abs();
    let per_sec = per_sec.unsigned_abs();
    format!(
        "{sign}{}{}",
        hms(v / per_sec),
        frac((v % per_sec) as i64, digits)
    )
}

/// A parsed time key: a day, or an hour of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimeKey {
    /// A calendar day (a month is stored as its first day).
    Day {
        /// Days since 1970-01-01.
        days: i32,
    },
    /// A time of a day (hourly profiles).
    Hour {
        /// Seconds since 1970-01-01T00:00:00.
        seconds: i64,
    },
}

fn num<T: std::str::FromStr>(s: &str, what: &str, cell: &str) -> Result<T> {
    s.parse::<T>()
        .map_err(|_| Error::invalid(format!("bad {what} {s:?} in date {cell:?}")))
}

/// Parses `YYYY-MM` (first day of the month), `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]`.
///
/// # Errors
/// `invalid_argument` naming the text when it is not one of those forms or names a day or
/// time that does not exist.
///
/// # Example
/// ```
/// use civic_pulse::calendar::{parse_time, TimeKey};
/// assert_eq!(parse_time("2023-12").unwrap(), TimeKey::Day { days: 19692 });
/// assert_eq!(
///     parse_time("2023-12-01T10:00").unwrap(),
///     TimeKey::Hour { seconds: 19692 * 86_400 + 36_000 }
/// );
/// assert!(parse_time("2023-13").is_err());
/// assert!(parse_time("2023-02-29").is_err());
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

/// `YYYY-MM` label of a month.
///
/// # Example
/// ```
/// assert_eq!(civic_pulse::calendar::ym(2020, 3), "2020-03");
/// ```
pub fn ym(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// Months since 0000-01: a linear month index, so month differences are subtractions.
///
/// # Example
/// ```
/// use civic_pulse::calendar::month_index;
/// assert_eq!(month_index(2020, 2) - month_index(2019, 12), 2);
/// ```
pub fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

/// The `n` consecutive months starting at (year, month).
///
/// # Example
/// ```
/// use civic_pulse::calendar::month_range;
/// assert_eq!(month_range(2021, 12, 3), vec![(2021, 12), (2022, 1), (2022, 2)]);
/// ```
pub fn month_range(year: i32, month: u32, n: usize) -> Vec<(i32, u32)> {
    let start = month_index(year, month);
    (0..n as i32)
        .map(|i| {
            let k = start + i;
            (k.div_euclid(12), k.rem_euclid(12) as u32 + 1)
        })
        .collect()
}

/// `(year, month)` of an ISO date or timestamp `YYYY-MM…`; `None` when it does not start so.
///
/// # Example
/// ```
/// use civic_pulse::calendar::year_month;
/// assert_eq!(year_month("2023-07-01"), Some((2023, 7)));
/// assert_eq!(year_month("2023-13-01"), None);
/// ```
pub fn year_month(date: &str) -> Option<(i32, u32)> {
    let y = date.get(0..4)?.parse().ok()?;
    if date.get(4..5)? != "-" {
        return None;
    }
    let m: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

/// The ISO date `months` months before `date`, the rest of the text (day, time) kept as it
/// is; `None` when `date` does not start `YYYY-MM` or the result leaves years 0000–9999.
///
/// # Example
/// ```
/// use civic_pulse::calendar::months_before;
/// assert_eq!(months_before("2024-03-01", 12).as_deref(), Some("2023-03-01"));
/// assert_eq!(months_before("2024-01-01", 1).as_deref(), Some("2023-12-01"));
/// ```
pub fn months_before(date: &str, months: u32) -> Option<String> {
    let (y, m) = year_month(date)?;
    let total = i64::from(y) * 12 + i64::from(m) - 1 - i64::from(months);
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    if !(0..=9999).contains(&ny) {
        return None;
    }
    Some(format!("{ny:04}-{nm:02}{}", date.get(7..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cover_the_edges() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(-719_162), "0001-01-01");
        assert_eq!(format_date(2_932_896), "9999-12-31");
        assert_eq!(format_date(19_723), "2024-01-01");
        assert_eq!(format_date(2_932_897), "+010000-01-01");
        assert_eq!(format_date(-719_529), "-000001-12-31");
        // The extremes of i64 do not overflow.
        let _ = format_date(i64::MIN);
        let _ = format_date(i64::MAX);
    }

    #[test]
    fn timestamps_carry_unit_precision() {
        assert_eq!(
            format_timestamp(-1, TimeUnit::Millisecond, false),
            "1969-12-31T23:59:59.999"
        );
        assert_eq!(
            format_timestamp(1_700_000_000, TimeUnit::Second, true),
            "2023-11-14T22:13:20Z"
        );
        let _ = format_timestamp(i64::MIN, TimeUnit::Nanosecond, false);
        assert_eq!(format_time(86_400, TimeUnit::Second), "24:00:00");
        assert_eq!(format_time(1_500, TimeUnit::Millisecond), "00:00:01.500");
        let _ = format_time(i64::MIN, TimeUnit::Nanosecond);
    }

    #[test]
    fn days_round_trip_through_civil_dates() {
        // Every day from 1600 to 2400, both directions, against each other and the leap rule.
        let (start, end) = (days_from_civil(1600, 1, 1), days_from_civil(2400, 12, 31));
        let mut expected = (1600, 1, 1);
        for d in start..=end {
            let (y, m, day) = civil_from_days(i64::from(d));
            assert_eq!((y as i32, m, day), expected, "day {d}");
            assert_eq!(days_from_civil(y as i32, m, day), d);
            expected = if day < days_in_month(y as i32, m) {
                (y as i32, m, day + 1)
            } else if m < 12 {
                (y as i32, m + 1, 1)
            } else {
                (y as i32 + 1, 1, 1)
            };
        }
    }

    #[test]
    fn months_step_across_years() {
        assert_eq!(
            months_before("2000-01-15T10:00:00", 13).as_deref(),
            Some("1998-12-15T10:00:00")
        );
        assert_eq!(months_before("0000-01", 1), None);
        assert_eq!(months_before("20x4-01", 1), None);
        assert_eq!(month_range(2023, 11, 0), vec![]);
    }
}
