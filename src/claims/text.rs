//! Small text helpers of the claim check: number formatting and date positions (month
//! arithmetic is [`crate::calendar`]'s).

pub(crate) use crate::calendar::{months_before, year_month};

/// Month number (1–12) of `YYYY-MM-DD`, hour (0–23) of `YYYY-MM-DDTHH:MM:SS`, as text.
pub(crate) fn position(date: &str) -> Option<String> {
    let digits = if date.len() > 10 {
        date.get(11..13)?
    } else {
        date.get(5..7)?
    };
    digits.parse::<u32>().ok().map(|n| n.to_string())
}

/// A number with about six significant digits, trailing zeros trimmed.
pub(crate) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let mag = x.abs().log10().floor() as i32;
    let decimals = (5 - mag).clamp(0, 12) as usize;
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(fmt_num(1.902_345_6), "1.90235");
        assert_eq!(fmt_num(13_800.0), "13800");
        assert_eq!(fmt_num(0.001_395_2), "0.0013952");
        assert_eq!(fmt_num(-0.000_000_000_1), "-0.0000000001");
        assert_eq!(
            months_before("2023-03-01", 12).as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(
            months_before("2023-01-01", 1).as_deref(),
            Some("2022-12-01")
        );
        assert_eq!(
            months_before("2023-12-01T10:00:00", 12).as_deref(),
            Some("2022-12-01T10:00:00")
        );
        assert_eq!(months_before("x", 12), None);
        assert_eq!(position("2023-04-01").as_deref(), Some("4"));
        assert_eq!(position("2023-12-01T09:00:00").as_deref(), Some("9"));
        assert_eq!(position("é"), None);
        assert_eq!(year_month("2023-13-01"), None);
    }
}
