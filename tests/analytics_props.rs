//! Property tests: every analytics function, over arbitrary f64 input (NaN, ±inf, subnormals,
//! huge values, empty, length 1) and arbitrary parameters, returns a result or a typed error
//! and never panics. Where a result is returned, its shape is checked.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

use civic_pulse::analytics::*;
use proptest::prelude::*;

const CODES: [&str; 7] = civic_pulse::Error::CODES;

/// Any f64 bit class, plus special and ordinary values often enough to matter.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => proptest::num::f64::ANY,
        2 => -1e3..1e3f64,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(f64::MAX),
        1 => Just(-f64::MAX),
        1 => Just(f64::MIN_POSITIVE / 4.0),
        1 => Just(5e-324),
    ]
}

fn series(max: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(any_f64(), 0..max)
}

fn finite_series(max: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(
        prop_oneof![
            4 => -1e6..1e6f64,
            1 => proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
            1 => Just(f64::MAX),
            1 => Just(-f64::MAX),
        ],
        0..max,
    )
}

fn typed<T>(r: civic_pulse::Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            assert!(CODES.contains(&e.code()));
            assert!(!e.to_string().is_empty());
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn growth_never_panics(v in series(40), lag in 0usize..50) {
        if let Some(g) = typed(growth(&v, lag)) {
            prop_assert_eq!(g.len(), v.len());
            for (t, x) in g.iter().enumerate() {
                if t < lag { prop_assert!(x.is_nan()); }
            }
        } else {
            prop_assert_eq!(lag, 0);
        }
    }

    #[test]
    fn compound_growth_never_panics(v in series(40), w in 0usize..50) {
        if let Some(g) = typed(compound_growth(&v, w)) {
            prop_assert_eq!(g.len(), v.len());
        }
    }

    #[test]
    fn cagr_never_panics(a in any_f64(), b in any_f64(), p in any_f64()) {
        if let Some(r) = typed(cagr(a, b, p)) {
            prop_assert!(r.is_nan() || r >= -1.0);
        }
        let _ = implied_start(a, b, p);
    }

    #[test]
    fn ratio_extremes_peaks_never_panic(v in series(40), base in 0usize..45) {
        if let Some(r) = typed(ratio_to_base(&v, base)) {
            prop_assert_eq!(r.len(), v.len());
        } else {
            prop_assert!(base >= v.len());
        }
        let e = extremes(&v);
        if let Some(m) = e.max { prop_assert!(v.get(m.index) == Some(&m.value)); }
        if let Some(m) = e.min { prop_assert!(v.get(m.index) == Some(&m.value)); }
        for i in local_peaks(&v).into_iter().chain(local_troughs(&v)) {
            prop_assert!(i > 0 && i + 1 < v.len());
        }
    }

    #[test]
    fn mean_vs_prior_never_panics(v in series(40), a in 0usize..45, b in 0usize..45, c in 0usize..45, d in 0usize..45) {
        let _ = typed(mean_vs_prior_mean(&v, a..b, c..d));
    }

    #[test]
    fn penetration_tgi_pp_never_panic(a in series(20), b in series(20), name in ".{0,8}") {
        for r in [penetration(&a, &b), tgi(&a, &b), pp_change(&a, &b)] {
            if let Some(x) = typed(r) {
                prop_assert_eq!(x.len(), a.len());
            } else {
                prop_assert_ne!(a.len(), b.len());
            }
        }
        if let Some(p) = typed(Penetration::new(&a, &b, name)) {
            let _ = typed(p.pp_change_between(0, a.len()));
        }
    }

    #[test]
    fn tier_shares_never_panic(c in series(12)) {
        if let Some(s) = typed(tier_shares(&c)) {
            prop_assert_eq!(s.len(), c.len());
            let sum: f64 = s.iter().sum();
            prop_assert!(s.is_empty() || sum.is_nan() || (sum - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn tier_parse_never_panics(s in "\\PC{0,12}") {
        let _ = typed(CityTier::parse(&s));
    }

    #[test]
    fn group_by_never_panics(keys in proptest::collection::vec(proptest::option::of("[a-c]"), 0..30), v in series(30)) {
        if let Some(g) = typed(group_by(&keys, &v)) {
            prop_assert_eq!(g.rows.iter().sum::<usize>(), v.len());
            prop_assert_eq!(g.mean.len(), g.len());
        } else {
            prop_assert_ne!(keys.len(), v.len());
        }
    }

    #[test]
    fn stl_never_panics_arbitrary(
        v in series(60),
        period in 0usize..8,
        seasonal in 0usize..12,
        trend in proptest::option::of(0usize..40),
        low_pass in proptest::option::of(0usize..20),
        degs in (0u8..3, 0u8..3, 0u8..3),
        jumps in (0usize..4, 0usize..4, 0usize..4),
        robust in any::<bool>(),
        iters in (proptest::option::of(0usize..4), proptest::option::of(0usize..4)),
        fill in any::<bool>(),
    ) {
        let mut p = StlParams::new()
            .seasonal(seasonal)
            .seasonal_deg(degs.0).trend_deg(degs.1).low_pass_deg(degs.2)
            .seasonal_jump(jumps.0).trend_jump(jumps.1).low_pass_jump(jumps.2)
            .robust(robust)
            .fill(if fill { Fill::Linear } else { Fill::None });
        p.trend = trend;
        p.low_pass = low_pass;
        p.inner_iter = iters.0;
        p.outer_iter = iters.1;
        if let Some(d) = typed(stl(&v, period, &p)) {
            prop_assert_eq!(d.trend.len(), v.len());
            prop_assert_eq!(d.weights.len(), v.len());
        }
    }

    /// Finite input with valid parameters always decomposes, robust or not, huge or tiny values.
    #[test]
    fn stl_finite_valid_always_ok(
        v in finite_series(80),
        period in 2usize..7,
        robust in any::<bool>(),
        jump in 1usize..4,
    ) {
        let p = StlParams::new().robust(robust).trend_jump(jump);
        match stl(&v, period, &p) {
            Ok(d) => {
                prop_assert!(v.len() >= 2 * period);
                // Loess may extrapolate beyond the data: near f64::MAX a component can
                // overflow to ±inf, but it is never NaN; below 1e300 it is always finite.
                prop_assert!(d.seasonal.iter().chain(&d.trend).all(|x| !x.is_nan()));
                if v.iter().all(|x| x.abs() < 1e300) {
                    prop_assert!(d.seasonal.iter().chain(&d.trend).chain(&d.remainder).all(|x| x.is_finite()));
                }
                prop_assert!((0.0..=1.0).contains(&d.seasonal_strength));
                prop_assert!((0.0..=1.0).contains(&d.trend_strength));
                prop_assert!(d.weights.iter().all(|w| (0.0..=1.0).contains(w)));
            }
            Err(e) => prop_assert_eq!(e.code(), "too_short"),
        }
    }
}
