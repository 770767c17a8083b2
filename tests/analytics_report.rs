//! The analytics reproduce what the reports print (values copied into fixtures or written
//! here; nothing is read from ../shared at test time).

use civic_pulse::analytics::*;

/// Rows of tests/fixtures/analytics/2017_city_scores.csv as (city, region_3belt, region_4way,
/// ux, ops, svc, bonus, total).
fn scores_2017() -> Vec<(String, String, String, [f64; 5])> {
    let text = include_str!("fixtures/analytics/2017_city_scores.csv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = |i: usize| f[i].parse::<f64>().unwrap();
            (
                f[0].to_string(),
                f[2].to_string(),
                f[3].to_string(),
                [n(4), n(5), n(6), n(7), n(8)],
            )
        })
        .collect()
}

#[test]
fn regional_means_2017_reproduced_and_differences_shown() {
    let rows = scores_2017();
    assert_eq!(rows.len(), 22);
    let regions: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let total: Vec<f64> = rows.iter().map(|r| r.3[4]).collect();
    assert_eq!(total.iter().sum::<f64>(), 1261.0);

    let g = group_by(&regions, &total).unwrap();
    // first appearance: 杭州 (东部), 西安 (西部, rank 8), 武汉 (中部, rank 10)
    let keys: Vec<_> = g.keys.iter().map(|k| k.as_deref().unwrap()).collect();
    assert_eq!(keys, ["东部", "西部", "中部"]);

    // (region, n, sum, computed mean, printed mean, printed decimals, printed matches?)
    let table = [
        ("东部", 11, 704.0, 64.00, 64.0, 0, true),
        ("中部", 4, 225.0, 56.25, 56.5, 1, false), // would print 56.3: the report differs
        ("西部", 7, 332.0, 47.43, 47.4, 1, true),
    ];
    for (region, n, sum, mean2, printed, decimals, matches) in table {
        let grp = g.get(Some(region)).unwrap();
        assert_eq!(grp.count, n, "{region}");
        assert_eq!(grp.sum, sum, "{region}");
        assert!((grp.mean - mean2).abs() < 0.005, "{region}: {}", grp.mean);
        let half_unit = 0.5 * 10f64.powi(-decimals);
        assert_eq!(
            (grp.mean - printed).abs() <= half_unit + 1e-9,
            matches,
            "{region}: computed {} printed {printed}",
            grp.mean
        );
    }

    // Dimension means (consistency check A4): e.g. 平台运营 east 155/11 = 14.09 (the "14.1"
    // the report mislabels as national), national 248/22 = 11.27.
    let ops: Vec<f64> = rows.iter().map(|r| r.3[1]).collect();
    let g = group_by(&regions, &ops).unwrap();
    assert!((g.get(Some("东部")).unwrap().mean - 14.09).abs() < 0.005);
    let all = group_by(&["all"; 22], &ops).unwrap();
    assert!((all.mean[0] - 11.27).abs() < 0.005);

    // The four-way split does not reproduce 64: east = 665/10 = 66.5.
    let four: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    let g = group_by(&four, &total).unwrap();
    assert_eq!(g.get(Some("东部")).unwrap().mean, 66.5);
}

#[test]
fn geshui_mean_2023_vs_2020_2022() {
    // A synthetic monthly series with the published relation: mean(2023) / mean(2020..2022) − 1
    // = 0.450 (the real monthly values are not published).
    let mut v: Vec<f64> = (0..36).map(|i| 10000.0 + 100.0 * (i % 12) as f64).collect();
    let prior_mean = v.iter().sum::<f64>() / 36.0;
    v.extend((0..12).map(|i| prior_mean * 1.45 + 50.0 * (i as f64 - 5.5)));
    let r = mean_vs_prior_mean(&v, 36..48, 0..36).unwrap();
    assert!((r - 0.450).abs() < 1e-12, "{r}");
    // and the global peak is found with its month
    let mut w = v.clone();
    w[38] = 18000.0; // 2023-03
    assert_eq!(extremes(&w).max.unwrap().index, 38);
}

#[test]
fn jiaoguan_12123_ratios() {
    // Dec 2023 = 1.9 × Jan 2020 and +14.4 % YoY (the level is not published; any scale works).
    let mut v = vec![f64::NAN; 48];
    v[0] = 7368.0;
    v[35] = 12238.0;
    v[47] = 14000.0;
    let r = ratio_to_base(&v, 0).unwrap();
    assert!((r[47] - 1.9).abs() < 0.05);
    let yoy = growth(&v, 12).unwrap();
    assert!((yoy[47] - 0.144).abs() < 0.0005);
    assert!(yoy[46].is_nan()); // missing months stay missing
}

#[test]
fn top20_compound_growth_readings() {
    // t01: 闽政通 1796.8万台 in Dec 2023, 近6个月复合增长率 −1.6 %. The window is not printed;
    // both readings are computable, and imply different earlier levels.
    let jun = implied_start(1796.8, -0.016, 6.0);
    let jul = implied_start(1796.8, -0.016, 5.0);
    assert!((jun - 1979.4).abs() < 0.05 && (jul - 1947.7).abs() < 0.05);
    // A June..December series that reproduces −1.6 % under the 6-step reading...
    let six: Vec<f64> = (0..7).map(|i| jun * 0.984f64.powi(i)).collect();
    let g6 = compound_growth(&six, 6).unwrap();
    assert!((g6[6] + 0.016).abs() < 1e-12);
    // ...reads differently under the 5-step one only through the base month it uses.
    let g5 = compound_growth(&six, 5).unwrap();
    assert!((g5[6] + 0.016).abs() < 1e-12); // constant rate: same per-period value
                                            // 江苏政务服务 has the largest rate (4.4 %): argmax of the printed column.
    let rates = [
        -1.6, -4.1, 0.1, 0.1, -0.1, 1.1, -6.6, 0.2, 0.6, -1.2, 0.5, 0.0, 0.4, 4.4, -1.8, -3.9, 0.0,
        -0.2, -4.2, -1.5,
    ];
    assert_eq!(extremes(&rates).max.unwrap().index, 13);
    // CAGR over 6 steps from the implied June level gives back the printed rate.
    assert!((cagr(jun, 1796.8, 6.0).unwrap() + 0.016).abs() < 1e-12);
}

#[test]
fn geshui_penetration_and_pp() {
    // 1.8亿 of 13.9亿 = 12.95 % ≈ 13.0 %; 2020 peak 8.0 % → +5.0 pp.
    let p = Penetration::new(&[1.8], &[13.9], "全网移动端月活设备").unwrap();
    assert!((p.values[0] - 0.1295).abs() < 5e-5);
    let pp = pp_change(&[0.080], &[0.130]).unwrap();
    assert!((pp[0] - 5.0).abs() < 1e-9);
}

#[test]
fn jiaoguan_tier_shift_and_tgi() {
    // Tier counts (synthetic) whose shares move +0.6 pp (四线) and +1.5 pp (五线及以下).
    let y2022 = [80.0, 180.0, 200.0, 200.0, 160.0, 180.0];
    let y2023 = [76.0, 175.0, 195.0, 193.0, 166.0, 195.0];
    let s22 = tier_shares(&y2022).unwrap();
    let s23 = tier_shares(&y2023).unwrap();
    assert!((s22.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let d = pp_change(&s22, &s23).unwrap();
    assert!((d[CityTier::Tier4.index()] - 0.6).abs() < 1e-9);
    assert!((d[CityTier::Tier5AndBelow.index()] - 1.5).abs() < 1e-9);
    assert!((d.iter().sum::<f64>()).abs() < 1e-9);
    let t = tgi(&s23, &s22).unwrap();
    assert!((t[0] - 95.0).abs() < 1e-9);
}

#[test]
fn railway_12306_local_peaks_april_september() {
    // Synthetic 2023 monthly values with 小高峰 in April and September (indices 3 and 8).
    let v = [
        7000.0, 7600.0, 8200.0, 9100.0, 8800.0, 8700.0, 9300.0, 9900.0, 11900.0, 10400.0, 9800.0,
        9900.0,
    ];
    assert_eq!(local_peaks(&v), vec![3, 8]);
    assert_eq!(extremes(&v).max.unwrap().index, 8);
}
