//! City tiers (城市等级): the canonical order used by iResearch and others, shares from counts,
//! TGI against a baseline distribution, and percentage-point changes between years
//! (see [`pp_change`](crate::analytics::pp_change)).

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// One of the six canonical city tiers, in canonical order (一线 first).
///
/// # Example
/// ```
/// use civic_pulse::analytics::CityTier;
/// let t: CityTier = "新一线城市".parse().unwrap();
/// assert_eq!(t, CityTier::NewTier1);
/// assert_eq!(t.en(), "New tier 1");
/// assert_eq!(t.index(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CityTier {
    /// 一线 (Tier 1).
    Tier1,
    /// 新一线 (New tier 1).
    NewTier1,
    /// 二线 (Tier 2).
    Tier2,
    /// 三线 (Tier 3).
    Tier3,
    /// 四线 (Tier 4).
    Tier4,
    /// 五线及以下 (Tier 5 and below).
    Tier5AndBelow,
}

impl CityTier {
    /// All tiers in canonical order.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::CityTier;
    /// assert_eq!(CityTier::ALL.len(), 6);
    /// assert_eq!(CityTier::ALL[5].zh(), "五线及以下");
    /// ```
    pub const ALL: [CityTier; 6] = [
        CityTier::Tier1,
        CityTier::NewTier1,
        CityTier::Tier2,
        CityTier::Tier3,
        CityTier::Tier4,
        CityTier::Tier5AndBelow,
    ];

    /// The Chinese name as the reports print it.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::analytics::CityTier::Tier1.zh(), "一线");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            CityTier::Tier1 => "一线",
            CityTier::NewTier1 => "新一线",
            CityTier::Tier2 => "二线",
            CityTier::Tier3 => "三线",
            CityTier::Tier4 => "四线",
            CityTier::Tier5AndBelow => "五线及以下",
        }
    }

    /// The English name.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::analytics::CityTier::Tier5AndBelow.en(), "Tier 5 and below");
    /// ```
    pub fn en(self) -> &'static str {
        match self {
            CityTier::Tier1 => "Tier 1",
            CityTier::NewTier1 => "New tier 1",
            CityTier::Tier2 => "Tier 2",
            CityTier::Tier3 => "Tier 3",
            CityTier::Tier4 => "Tier 4",
            CityTier::Tier5AndBelow => "Tier 5 and below",
        }
    }

    /// Position in the canonical order (0 for 一线 … 5 for 五线及以下).
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::analytics::CityTier::Tier3.index(), 3);
    /// ```
    pub fn index(self) -> usize {
        match self {
            CityTier::Tier1 => 0,
            CityTier::NewTier1 => 1,
            CityTier::Tier2 => 2,
            CityTier::Tier3 => 3,
            CityTier::Tier4 => 4,
            CityTier::Tier5AndBelow => 5,
        }
    }

    /// Parses common spellings, ignoring case, spaces, `-`, `_` and a trailing 城市/城市等级:
    /// `一线`, `一线城市`, `1线`, `tier 1`, `tier1`, `first-tier`, `T1`; `新一线`, `new tier 1`,
    /// `new first-tier`; `二线` … `四线`, `tier 2` … `tier 4`, `second-tier` … `fourth-tier`;
    /// `五线及以下`, `五线`, `五线以下`, `五线及以下城市`, `tier 5`, `tier 5 and below`,
    /// `tier 5+`, `fifth-tier`.
    ///
    /// # Errors
    /// `invalid_argument` naming the text when it is not a tier.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::CityTier;
    /// assert_eq!(CityTier::parse("Tier 5 and below").unwrap(), CityTier::Tier5AndBelow);
    /// assert_eq!(CityTier::parse("二线城市").unwrap(), CityTier::Tier2);
    /// assert_eq!(CityTier::parse("六线").unwrap_err().code(), "invalid_argument");
    /// ```
    pub fn parse(text: &str) -> Result<CityTier> {
        let mut s: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.'))
            .flat_map(char::to_lowercase)
            .collect();
        for suffix in ["城市等级", "城市", "cities", "city"] {
            if let Some(stripped) = s.strip_suffix(suffix) {
                s = stripped.to_string();
                break;
            }
        }
        let tier = match s.as_str() {
            "一线" | "1线" | "tier1" | "t1" | "firsttier" | "1sttier" => CityTier::Tier1,
            "新一线" | "新1线" | "newtier1" | "newfirsttier" | "new1sttier" => CityTier::NewTier1,
            "二线" | "2线" | "tier2" | "t2" | "secondtier" | "2ndtier" => CityTier::Tier2,
            "三线" | "3线" | "tier3" | "t3" | "thirdtier" | "3rdtier" => CityTier::Tier3,
            "四线" | "4线" | "tier4" | "t4" | "fourthtier" | "4thtier" => CityTier::Tier4,
            "五线及以下" | "五线以下" | "五线" | "5线及以下" | "5线" | "tier5" | "t5"
            | "tier5andbelow" | "tier5+" | "tier5orbelow" | "fifthtier" | "5thtier"
            | "fifthtierandbelow" => CityTier::Tier5AndBelow,
            _ => {
                return Err(Error::invalid(format!(
                    "invalid city tier: {text:?} (expected one of 一线, 新一线, 二线, 三线, 四线, 五线及以下 or their English names)"
                )))
            }
        };
        Ok(tier)
    }
}

impl FromStr for CityTier {
    type Err = Error;

    /// Same as [`CityTier::parse`].
    fn from_str(s: &str) -> Result<Self> {
        CityTier::parse(s)
    }
}

impl fmt::Display for CityTier {
    /// Writes the Chinese name; use [`CityTier::en`] for English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

/// Shares of a total: `counts[i] / Σ counts`, as fractions.
///
/// # NaN and edge cases
/// * A NaN count (missing) makes the total unknown: every share is NaN.
/// * A total of 0 (all counts 0) gives all NaN, not an error (the contract returns a
///   `Float64Array`).
/// * Empty input gives an empty result.
///
/// # Errors
/// `invalid_argument` on a negative or infinite count (naming index and value).
///
/// # Example
/// ```
/// use civic_pulse::analytics::tier_shares;
/// let s = tier_shares(&[1.0, 3.0, 4.0, 2.0, 0.0, 0.0]).unwrap();
/// assert_eq!(s, vec![0.1, 0.3, 0.4, 0.2, 0.0, 0.0]);
/// ```
pub fn tier_shares(counts: &[f64]) -> Result<Vec<f64>> {
    let mut total = 0.0;
    for (i, &c) in counts.iter().enumerate() {
        if c < 0.0 || c.is_infinite() {
            return Err(Error::invalid(format!(
                "invalid count at index {i}: {c} (counts must be finite and >= 0)"
            )));
        }
        total += c;
    }
    if total == 0.0 || !total.is_finite() {
        // NaN (a missing count) or 0: shares are undefined. A finite sum that overflows to
        // inf would make every share 0; report it as undefined too.
        return Ok(vec![f64::NAN; counts.len()]);
    }
    Ok(counts.iter().map(|&c| c / total).collect())
}

/// Target group index: `100 · segment_share[i] / base_share[i]` (100 = as often as in the
/// baseline distribution; 150 = 1.5 times as often).
///
/// Both inputs are shares on the same scale (fractions or percent).
///
/// # NaN and edge cases
/// NaN where `base_share[i]` is 0 or NaN or `segment_share[i]` is NaN; ±inf follow IEEE
/// arithmetic.
///
/// # Errors
/// `invalid_argument` when the slices differ in length.
///
/// # Example
/// ```
/// use civic_pulse::analytics::tgi;
/// let t = tgi(&[0.30, 0.10], &[0.20, 0.0]).unwrap();
/// assert!((t[0] - 150.0).abs() < 1e-9);
/// assert!(t[1].is_nan());
/// ```
pub fn tgi(segment_share: &[f64], base_share: &[f64]) -> Result<Vec<f64>> {
    if segment_share.len() != base_share.len() {
        return Err(Error::invalid(format!(
            "length mismatch: segment_share has {} value(s), base_share has {}",
            segment_share.len(),
            base_share.len()
        )));
    }
    Ok(segment_share
        .iter()
        .zip(base_share)
        .map(|(&s, &b)| if b == 0.0 { f64::NAN } else { 100.0 * s / b })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_order() {
        let zh: Vec<_> = CityTier::ALL.iter().map(|t| t.zh()).collect();
        assert_eq!(zh, ["一线", "新一线", "二线", "三线", "四线", "五线及以下"]);
        let en: Vec<_> = CityTier::ALL.iter().map(|t| t.en()).collect();
        assert_eq!(
            en,
            [
                "Tier 1",
                "New tier 1",
                "Tier 2",
                "Tier 3",
                "Tier 4",
                "Tier 5 and below"
            ]
        );
        for (i, t) in CityTier::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(CityTier::parse(t.zh()).unwrap(), *t);
            assert_eq!(CityTier::parse(t.en()).unwrap(), *t);
            assert_eq!(t.to_string(), t.zh());
        }
        assert!(CityTier::Tier1 < CityTier::Tier5AndBelow);
    }

    #[test]
    fn parse_spellings() {
        let cases = [
            ("一线城市", CityTier::Tier1),
            ("TIER-1", CityTier::Tier1),
            ("first-tier cities", CityTier::Tier1),
            ("新一线城市", CityTier::NewTier1),
            ("New first-tier", CityTier::NewTier1),
            ("二线", CityTier::Tier2),
            ("3线", CityTier::Tier3),
            ("fourth tier", CityTier::Tier4),
            ("五线", CityTier::Tier5AndBelow),
            ("五线及以下城市", CityTier::Tier5AndBelow),
            ("tier 5+", CityTier::Tier5AndBelow),
            (" t5 ", CityTier::Tier5AndBelow),
        ];
        for (s, want) in cases {
            assert_eq!(s.parse::<CityTier>().unwrap(), want, "{s}");
        }
        for bad in ["", "六线", "tier 6", "城市"] {
            assert_eq!(
                CityTier::parse(bad).unwrap_err().code(),
                "invalid_argument",
                "{bad}"
            );
        }
    }

    #[test]
    fn shares_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], &[f64])] = &[
            (&[], &[]),
            (&[2.0], &[1.0]),
            (&[1.0, 1.0, 2.0], &[0.25, 0.25, 0.5]),
            (&[0.0, 0.0], &[nan, nan]),
            (&[1.0, nan], &[nan, nan]),
        ];
        for (c, want) in cases {
            let got = tier_shares(c).unwrap();
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(*want) {
                assert!((g.is_nan() && w.is_nan()) || (g - w).abs() < 1e-15, "{c:?}");
            }
        }
        assert_eq!(
            tier_shares(&[1.0, -1.0]).unwrap_err().code(),
            "invalid_argument"
        );
        assert_eq!(
            tier_shares(&[f64::INFINITY]).unwrap_err().code(),
            "invalid_argument"
        );
        assert!(tier_shares(&[f64::MAX, f64::MAX]).unwrap()[0].is_nan());
    }

    #[test]
    fn tgi_table() {
        let nan = f64::NAN;
        let got = tgi(&[20.0, 5.0, nan, 1.0], &[10.0, 10.0, 1.0, nan]).unwrap();
        assert_eq!(&got[..2], &[200.0, 50.0]);
        assert!(got[2].is_nan() && got[3].is_nan());
        assert_eq!(tgi(&[1.0], &[]).unwrap_err().code(), "invalid_argument");
    }
}
