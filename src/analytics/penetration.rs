//! Penetration (active users over a named base) and percentage-point changes.
//!
//! NaN means missing and propagates element-wise; undefined ratios (a base of 0) are NaN.

use crate::{Error, Result};

fn same_len(a: &[f64], b: &[f64], a_name: &str, b_name: &str) -> Result<()> {
    if a.len() != b.len() {
        return Err(Error::invalid(format!(
            "length mismatch: {a_name} has {} value(s), {b_name} has {}",
            a.len(),
            b.len()
        )));
    }
    Ok(())
}

/// Penetration per period: `active[t] / base[t]`, as a fraction (0.13 = 13 %).
///
/// # NaN and edge cases
/// NaN where `base[t]` is 0 or NaN, and where `active[t]` is NaN. Negative values are not
/// refused (the caller's units are respected); ±inf follow IEEE arithmetic.
///
/// # Errors
/// `invalid_argument` when the two slices differ in length.
///
/// # Example
/// ```
/// use civic_pulse::analytics::penetration;
/// // 个税APP: 1.8亿 of 13.9亿 mobile devices
/// let p = penetration(&[1.8, 1.0], &[13.9, 0.0]).unwrap();
/// assert!((p[0] - 0.1295).abs() < 1e-4);
/// assert!(p[1].is_nan());
/// ```
pub fn penetration(active: &[f64], base: &[f64]) -> Result<Vec<f64>> {
    same_len(active, base, "active", "base")?;
    Ok(active
        .iter()
        .zip(base)
        .map(|(&a, &b)| if b == 0.0 { f64::NAN } else { a / b })
        .collect())
}

/// Penetration with its denominator named, so a page never shows a share without saying
/// "of what" (all mobile-internet devices; or an industry's users, as in 云闪付's 11.5 % of the
/// payment industry).
///
/// # Example
/// ```
/// use civic_pulse::analytics::Penetration;
/// let p = Penetration::new(&[11.5], &[100.0], "mobile-payment users").unwrap();
/// assert_eq!(p.base_name, "mobile-payment users");
/// assert!((p.values[0] - 0.115).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Penetration {
    /// `active / base` per period, fractions; NaN as in [`penetration`].
    pub values: Vec<f64>,
    /// What the denominator counts.
    pub base_name: String,
}

impl Penetration {
    /// Computes [`penetration`] and keeps the name of the base.
    ///
    /// # NaN and edge cases
    /// As [`penetration`].
    ///
    /// # Errors
    /// `invalid_argument` on a length mismatch or an empty `base_name`.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::Penetration;
    /// let e = Penetration::new(&[1.0], &[2.0], "").unwrap_err();
    /// assert_eq!(e.code(), "invalid_argument");
    /// ```
    pub fn new(active: &[f64], base: &[f64], base_name: impl Into<String>) -> Result<Self> {
        let base_name = base_name.into();
        if base_name.trim().is_empty() {
            return Err(Error::invalid(
                "invalid base_name: \"\" (name what the denominator counts)",
            ));
        }
        Ok(Penetration {
            values: penetration(active, base)?,
            base_name,
        })
    }

    /// Percentage-point change of this penetration from period `from` to period `to`
    /// (`100 · (values[to] − values[from])`).
    ///
    /// # NaN and edge cases
    /// NaN when either value is NaN.
    ///
    /// # Errors
    /// `invalid_argument` when an index is out of range.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::Penetration;
    /// let p = Penetration::new(&[8.0, 13.0], &[100.0, 100.0], "all mobile devices").unwrap();
    /// assert!((p.pp_change_between(0, 1).unwrap() - 5.0).abs() < 1e-12);
    /// ```
    pub fn pp_change_between(&self, from: usize, to: usize) -> Result<f64> {
        let get = |i: usize, name: &str| {
            self.values.get(i).copied().ok_or_else(|| {
                Error::invalid(format!(
                    "invalid {name}: {i} (penetration has {} value(s))",
                    self.values.len()
                ))
            })
        };
        Ok(100.0 * (get(to, "to")? - get(from, "from")?))
    }
}

/// Percentage-point change between two share vectors given as fractions:
/// `100 · (after[i] − before[i])` (a share going from 0.080 to 0.130 is +5.0 pp).
///
/// Works for penetration series and for city-tier share vectors alike (交管12123: 四线 +0.6 pp,
/// 五线及以下 +1.5 pp from 2022 to 2023).
///
/// # NaN and edge cases
/// NaN where either side is NaN; ±inf follow IEEE arithmetic (`inf − inf` is NaN).
///
/// # Errors
/// `invalid_argument` when the two slices differ in length.
///
/// # Example
/// ```
/// use civic_pulse::analytics::pp_change;
/// let d = pp_change(&[0.080, 0.20], &[0.130, 0.15]).unwrap();
/// assert!((d[0] - 5.0).abs() < 1e-12);
/// assert!((d[1] + 5.0).abs() < 1e-12);
/// ```
pub fn pp_change(before: &[f64], after: &[f64]) -> Result<Vec<f64>> {
    same_len(before, after, "before", "after")?;
    Ok(before
        .iter()
        .zip(after)
        .map(|(&b, &a)| 100.0 * (a - b))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || (x - y).abs() < 1e-12)
    }

    #[test]
    fn penetration_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], &[f64], &[f64])] = &[
            (&[], &[], &[]),
            (&[1.0, 2.0], &[4.0, 8.0], &[0.25, 0.25]),
            (&[1.0, 2.0, nan], &[0.0, nan, 2.0], &[nan, nan, nan]),
            (&[0.0], &[5.0], &[0.0]),
        ];
        for (a, b, want) in cases {
            assert!(same(&penetration(a, b).unwrap(), want), "{a:?}/{b:?}");
        }
        assert_eq!(
            penetration(&[1.0], &[]).unwrap_err().code(),
            "invalid_argument"
        );
    }

    #[test]
    fn penetration_named() {
        let p = Penetration::new(&[1.8], &[13.9], "全网移动端设备").unwrap();
        assert_eq!(p.base_name, "全网移动端设备");
        assert_eq!(
            p.pp_change_between(0, 1).unwrap_err().code(),
            "invalid_argument"
        );
        assert_eq!(
            Penetration::new(&[1.0], &[1.0, 2.0], "x")
                .unwrap_err()
                .code(),
            "invalid_argument"
        );
    }

    #[test]
    fn pp_change_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], &[f64], &[f64])] = &[
            (&[], &[], &[]),
            (&[0.08], &[0.13], &[5.0]),
            (&[0.5, nan], &[0.25, 0.1], &[-25.0, nan]),
        ];
        for (b, a, want) in cases {
            assert!(same(&pp_change(b, a).unwrap(), want), "{b:?}->{a:?}");
        }
        assert_eq!(
            pp_change(&[1.0, 2.0], &[1.0]).unwrap_err().code(),
            "invalid_argument"
        );
    }
}
