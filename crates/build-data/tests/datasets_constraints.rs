//! Every series_spec.md constraint, recomputed from the BUILT snapshots in `www/data/` to the
//! printed rounding. One test per chart; each assertion names its constraint id.

mod datasets_common;
use datasets_common::*;

const MAU: &str = "monthly_active_devices";

fn years(from: i32, to: i32) -> impl Iterator<Item = i32> {
    from..=to
}

#[test]
fn s01_jiaoguan_12123() {
    let s = series("jiaoguan_12123_monthly", "交管12123", MAU, None);
    assert_eq!(s.len(), 48);
    let dec23 = at(&s, "2023-12");
    // S01.1: 2023 peak > 1.4亿 (14000万).
    assert!(max_at(&window(&s, "2023-01", "2023-12-31")).1 > 14_000.0);
    // S01.2: Dec23 / Jan20 = 1.9 to one decimal.
    assert!(rounds_to(dec23 / at(&s, "2020-01"), 1.9, 1));
    // S01.3: Dec23 vs Dec22 = +14.4 %.
    assert!(rounds_to(
        100.0 * (dec23 / at(&s, "2022-12") - 1.0),
        14.4,
        1
    ));
    // S01.5 / S02: Dec23 above the six provinces together, 广东 > 1000 is the only one.
    let p = snapshot("jiaoguan_12123_provinces_2023_12");
    let (ent, val) = (text(&p, "entity"), floats(&p, "value"));
    assert_eq!(ent.len(), 6);
    assert!(val.iter().sum::<f64>() < dec23);
    assert_eq!(&ent[..3], &["广东", "湖南", "四川"]);
    assert!(val.windows(2).all(|w| w[0] > w[1]), "S02 rank order");
    assert!(val[0] > 1000.0 && val[1..].iter().all(|v| *v < 1000.0));
}

#[test]
fn s04_s13b_city_tiers() {
    let share =
        |e: &str, m: &str, d: &str, c: &str| at(&series("city_tier_shares", e, m, Some(c)), d);
    let tiers = [
        "一线城市",
        "新一线城市",
        "二线城市",
        "三线城市",
        "四线城市",
        "五线城市及以下",
    ];
    let y = "user_share_pct_year";
    // S04: +0.6 pp (tier 4), +1.5 pp (tier 5), higher tiers non-increasing, −2.1 pp together.
    let d = |c: &str| share("交管12123", y, "2023", c) - share("交管12123", y, "2022", c);
    assert!(rounds_to(d("四线城市"), 0.6, 1));
    assert!(rounds_to(d("五线城市及以下"), 1.5, 1));
    assert!(tiers[..4].iter().all(|t| d(t) <= 0.0));
    assert!(rounds_to(
        tiers[..4].iter().map(|t| d(t)).sum::<f64>(),
        -2.1,
        1
    ));
    for (e, m, date) in [
        ("交管12123", y, "2022"),
        ("交管12123", y, "2023"),
        ("个人所得税", "user_share_pct", "2023-12"),
    ] {
        let total: f64 = tiers.iter().map(|t| share(e, m, date, t)).sum();
        assert!(rounds_to(total, 100.0, 1), "{e} {date} sums to {total}");
    }
    // S13B: 新一线 + 二线 > 40 % of 个税 users.
    let iit = |t: &str| share("个人所得税", "user_share_pct", "2023-12", t);
    assert!(iit("新一线城市") + iit("二线城市") > 40.0);
    // No invented TGI baseline (issue 11): the only entities are the two apps of the report.
    let s = snapshot("city_tier_shares");
    let entities: std::collections::BTreeSet<String> = text(&s, "entity").into_iter().collect();
    assert_eq!(
        entities,
        ["个人所得税", "交管12123"].map(String::from).into()
    );
}

#[test]
fn s03_s14_demographics() {
    let v =
        |e: &str, m: &str, c: &str| at(&series("demographics_2023_12", e, m, Some(c)), "2023-12");
    // S03 交管12123.
    assert!(v("交管12123", "gender_share_pct", "男") > v("交管12123", "gender_share_pct", "女"));
    assert!(
        v("交管12123", "marital_share_pct", "已婚") > v("交管12123", "marital_share_pct", "未婚")
    );
    let young: f64 = ["24岁及以下", "25-30岁", "31-35岁", "36-40岁"]
        .iter()
        .map(|c| v("交管12123", "age_share_pct", c))
        .sum();
    assert!(young > 50.0, "S03: 40岁及以下 is the main group");
    // S14 个税: 25-35 = 38.3 and the largest band; male ≈ 60; married just under 70.
    let bands = ["24岁及以下", "25-35岁", "36-45岁", "46岁及以上"];
    let ages: Vec<f64> = bands
        .iter()
        .map(|b| v("个人所得税", "age_share_pct", b))
        .collect();
    assert_eq!(ages[1], 38.3);
    assert!(ages.iter().all(|a| *a <= ages[1]));
    assert!((v("个人所得税", "gender_share_pct", "男") - 60.0).abs() <= 5.0);
    let married = v("个人所得税", "marital_share_pct", "已婚");
    assert!((65.0..70.0).contains(&married));
    for (e, m, cats) in [
        (
            "交管12123",
            "age_share_pct",
            &["24岁及以下", "25-30岁", "31-35岁", "36-40岁", "41岁及以上"][..],
        ),
        ("个人所得税", "age_share_pct", &bands[..]),
        ("交管12123", "gender_share_pct", &["男", "女"][..]),
        ("个人所得税", "marital_share_pct", &["已婚", "未婚"][..]),
    ] {
        let t: f64 = cats.iter().map(|c| v(e, m, c)).sum();
        assert!(rounds_to(t, 100.0, 1), "{e} {m} sums to {t}");
    }
}

#[test]
fn s05_s06_railway_12306() {
    let s = series("railway_12306_monthly", "铁路12306", MAU, None);
    assert_eq!(s.len(), 48);
    // S05.1: all-time peak 1.19亿 in Sep 2023.
    let (d, v) = max_at(&s);
    assert!(d.starts_with("2023-09") && v == 11_900.0);
    assert_eq!(s.iter().filter(|(_, x)| *x == v).count(), 1);
    // S05.2: 2023 well above 2022; annual means increasing.
    let ym = |y: i32| {
        mean(&values(&window(
            &s,
            &format!("{y}-01"),
            &format!("{y}-12-31"),
        )))
    };
    assert!(ym(2023) > 1.2 * ym(2022));
    assert!(years(2021, 2023).all(|y| ym(y) > ym(y - 1)));
    // S06: 北京/上海/深圳 local peaks at April and September; 京沪 move together.
    let city = |c: &str| values(&series("railway_12306_first_tier_2023", c, MAU, None));
    for c in ["北京", "上海", "深圳"] {
        let peaks = local_maxima(&city(c));
        assert!(peaks.contains(&3) && peaks.contains(&8), "{c}: {peaks:?}");
    }
    let (bj, sh) = (city("北京"), city("上海"));
    let (mb, ms) = (mean(&bj), mean(&sh));
    let cov: f64 = bj.iter().zip(&sh).map(|(a, b)| (a - mb) * (b - ms)).sum();
    let sd = |x: &[f64], m: f64| x.iter().map(|a| (a - m).powi(2)).sum::<f64>().sqrt();
    assert!(
        cov / (sd(&bj, mb) * sd(&sh, ms)) > 0.9,
        "S06: 京沪 correlation"
    );
    // The four cities together stay below the national series each month.
    let nat = values(&window(&s, "2023-01", "2023-12-31"));
    for (m, national) in nat.iter().enumerate() {
        let sum: f64 = ["北京", "上海", "广州", "深圳"]
            .iter()
            .map(|c| city(c)[m])
            .sum();
        assert!(sum < *national);
    }
}

#[test]
fn s07_state_grid() {
    let s = series("state_grid_monthly", "网上国网", MAU, None);
    assert_eq!(s.len(), 48);
    for y in years(2020, 2023) {
        let h1 = values(&window(&s, &format!("{y}-01"), &format!("{y}-06-31")));
        let h2 = values(&window(&s, &format!("{y}-07"), &format!("{y}-12-31")));
        let argmax = |v: &[f64]| (0..v.len()).fold(0, |a, i| if v[i] > v[a] { i } else { a });
        // S07.1: June is the first-half peak.
        assert_eq!(argmax(&h1), 5, "{y}");
        // S07.2: spring low in Feb..Apr, then a climb to June.
        let low = (0..6).fold(0, |a, i| if h1[i] < h1[a] { i } else { a });
        assert!((1..=3).contains(&low), "{y} low at {low}");
        assert!(h1[low..].windows(2).all(|w| w[1] >= w[0]));
        // S07.3: summer high and fluctuating.
        let h1max = h1.iter().cloned().fold(f64::MIN, f64::max);
        assert!(h2.iter().all(|v| *v > h1max), "{y}");
        assert!(!h2.windows(2).all(|w| w[1] >= w[0]) && !h2.windows(2).all(|w| w[1] <= w[0]));
    }
    // S07.4: growing.
    let ym = |y: i32| {
        mean(&values(&window(
            &s,
            &format!("{y}-01"),
            &format!("{y}-12-31"),
        )))
    };
    assert!(years(2021, 2023).all(|y| ym(y) > ym(y - 1)));
    // Anchor: TOP5 2006.0 = 36.8 % of Dec 2023.
    let dec = at(&s, "2023-12");
    assert!((5443.7..=5458.5).contains(&dec));
    let top5: f64 = floats(
        &snapshot("state_grid_provinces_top5_2023_12"),
        "unique_devices_2023_12_10k",
    )
    .iter()
    .sum();
    assert!(rounds_to(100.0 * top5 / dec, 36.8, 1));
}

fn check_hourly(id: &str, entity: &str, peaks: &[usize]) {
    let s = series(id, entity, "active_user_share_pct", None);
    assert_eq!(s.len(), 24);
    assert!(s
        .iter()
        .enumerate()
        .all(|(h, (d, _))| d.ends_with(&format!("T{h:02}:00:00"))));
    let v = values(&s);
    assert_eq!(local_maxima(&v), peaks, "{id} {entity}");
    assert!(rounds_to(v.iter().sum(), 100.0, 1));
}

#[test]
fn s08_s19_hourly_profiles() {
    check_hourly("state_grid_hourly_2023_12", "网上国网", &[10, 15]);
    for bank in ["农业银行", "工商银行", "建设银行", "中国银行"] {
        check_hourly("state_bank_apps_hourly_2023_12", bank, &[11, 17]);
    }
}

#[test]
fn s09_s10_fuel_apps() {
    let zy = series("fuel_apps_monthly", "中油好客e站", MAU, None);
    assert_eq!((zy.len(), zy[0].0.as_str()), (24, "2022-01-01"));
    assert!(at(&zy, "2023-12") > 700.0);
    let yj = series("fuel_apps_monthly", "易捷加油", MAU, None);
    assert_eq!((yj.len(), yj[0].0.as_str()), (25, "2021-12-01"));
    assert!(at(&yj, "2023-12") / at(&yj, "2022-12") - 1.0 > 0.30);
    let ym = |y: i32| {
        mean(&values(&window(
            &yj,
            &format!("{y}-01"),
            &format!("{y}-12-31"),
        )))
    };
    assert!(ym(2023) > ym(2022));
}

#[test]
fn s12_s13_individual_income_tax() {
    let s = series("iit_monthly", "个人所得税", MAU, None);
    assert_eq!(s.len(), 48);
    let peak = |y: i32| max_at(&window(&s, &format!("{y}-01"), &format!("{y}-12-31")));
    for y in years(2020, 2023) {
        // S12.1: every annual peak in the filing window (March–June); 2023 in March.
        let (d, _) = peak(y);
        assert!(("03".."07").contains(&&d[5..7]), "{y} peak at {d}");
    }
    assert!(peak(2023).0.starts_with("2023-03"));
    // S12.2: strictly increasing annual peaks.
    assert!(years(2021, 2023).all(|y| peak(y).1 > peak(y - 1).1));
    // S12.3: 1.8亿 historic maximum in March 2023.
    let (d, v) = max_at(&s);
    assert!(d.starts_with("2023-03") && rounds_to(v / 10_000.0, 1.8, 1) && v == 18_000.0);
    // S12.4: +3.7 % on March 2022.
    assert!(rounds_to(100.0 * (v / at(&s, "2022-03") - 1.0), 3.7, 1));
    // S12.5: 2023 mean +45.0 % over the 2020–2022 mean.
    let m23 = mean(&values(&window(&s, "2023-01", "2023-12-31")));
    let prior = mean(&values(&window(&s, "2020-01", "2022-12-31")));
    assert!(rounds_to(100.0 * (m23 / prior - 1.0), 45.0, 1));
    // S13: penetration = app / whole mobile internet; 13.0 % peak in 2023, 8.0 % in 2020.
    let base = series(
        "mobile_internet_devices_monthly",
        "中国移动互联网",
        MAU,
        None,
    );
    let pen = series(
        "iit_penetration_monthly",
        "个人所得税",
        "penetration_pct",
        None,
    );
    assert_eq!((base.len(), pen.len()), (48, 48));
    for ((d, p), ((_, a), (_, b))) in pen.iter().zip(s.iter().zip(&base)) {
        assert!(rounds_to(100.0 * a / b, *p, 1), "S13.4 at {d}");
    }
    let pmax = |y: i32| max_at(&window(&pen, &format!("{y}-01"), &format!("{y}-12-31"))).1;
    assert!(rounds_to(pmax(2023), 13.0, 1));
    assert!(rounds_to(pmax(2023) - pmax(2020), 5.0, 1));
    assert!(rounds_to(pmax(2020), 8.0, 1));
    assert!(
        years(2021, 2023).all(|y| pmax(y) > pmax(y - 1)),
        "S13.3 rising"
    );
    // C0001: ≈13.9亿 at the end of 2023.
    for m in ["2023-10", "2023-11", "2023-12"] {
        assert!(rounds_to(at(&base, m) / 10_000.0, 13.9, 1));
    }
}

#[test]
fn s15_s16_yunshanfu() {
    let v = |m: &str| {
        at(
            &series("yunshanfu_profile_2023_12", "云闪付", m, None),
            "2023-12",
        )
    };
    assert!((35.0..40.0).contains(&v("exclusive_user_share_vs_alipay_pct")));
    assert_eq!(v("label_share_pct"), 30.3);
    assert_eq!(v("payment_industry_penetration_pct"), 11.5);
}

#[test]
fn s18_state_banks_grow_steadily() {
    let s = snapshot("state_bank_apps_monthly");
    let (e, m, d, v) = (
        text(&s, "entity"),
        text(&s, "metric"),
        text(&s, "date"),
        floats(&s, "value"),
    );
    let banks: std::collections::BTreeSet<_> = e.iter().collect();
    assert_eq!(banks.len(), 6);
    assert!(
        m.iter().all(|x| x == "activity_index"),
        "an index, not devices"
    );
    let path = |bank: &str| -> Vec<(String, f64)> {
        (0..v.len())
            .filter(|&i| e[i] == bank)
            .map(|i| (d[i].clone(), v[i]))
            .collect()
    };
    // No invented level, growth difference or ranking (issue 11): every bank is an index of its
    // own on the same path, 100 in January 2020.
    let first = path(&e[0]);
    assert_eq!(first.len(), 48);
    assert_eq!(at(&first, "2020-01"), 100.0);
    for bank in &banks {
        assert_eq!(path(bank), first, "{bank} differs from {}", e[0]);
    }
    // S18 "整体稳步增长": gentle month-on-month changes, annual means rising.
    let vals = values(&first);
    assert!(
        vals.windows(2).all(|w| (w[1] / w[0] - 1.0).abs() <= 0.05),
        "gentle"
    );
    let year = |y: i32| {
        mean(&values(&window(
            &first,
            &format!("{y}-01"),
            &format!("{y}-12-31"),
        )))
    };
    assert!(
        years(2021, 2023).all(|y| year(y) > year(y - 1)),
        "annual means rise"
    );
}

#[test]
fn s43_egdi_and_s40_netizens() {
    let egdi = series("egdi_2010_2020", "中国", "egdi", None);
    assert_eq!(egdi.len(), 6);
    let (last, earlier) = egdi.split_last().unwrap();
    assert!(
        last.1 >= 0.75 && earlier.iter().all(|(_, v)| *v < 0.75),
        "S43"
    );
    let net = values(&series(
        "netizens_2015_2021",
        "中国网民",
        "netizens_100m",
        None,
    ));
    assert!(net.windows(2).all(|w| w[1] > w[0]), "S40 increasing");
    assert!(*net.last().unwrap() > 10.0, "互联网用户超过10亿 by 2021-06");
    let apps = snapshot("digital_apps_2021_06");
    let (e, m, v) = (
        text(&apps, "entity"),
        text(&apps, "metric"),
        floats(&apps, "value"),
    );
    for i in 0..v.len() {
        if m[i] == "netizen_penetration_pct" {
            let bound = if ["即时通信", "网络视频(含短视频)"].contains(&e[i].as_str()) {
                90.0
            } else {
                80.0
            };
            assert!(v[i] > bound, "S41 {}", e[i]);
        }
    }
}

#[test]
fn s44_provincial_levels() {
    let levels = ["非常高", "高", "中", "低"];
    let mut prev = 0.0;
    for y in years(2016, 2020) {
        let c: Vec<f64> = levels
            .iter()
            .map(|l| {
                at(
                    &series(
                        "provincial_platform_levels_2016_2020",
                        "省级政府一体化政务服务平台",
                        "platform_count",
                        Some(l),
                    ),
                    &y.to_string(),
                )
            })
            .collect();
        assert_eq!(c.iter().sum::<f64>(), 32.0, "{y}");
        if y >= 2019 {
            assert_eq!(c[3], 0.0, "低 cleared in {y}");
        }
        let level = (4.0 * c[0] + 3.0 * c[1] + 2.0 * c[2] + c[3]) / 32.0;
        assert!(level > prev, "{y} improves");
        prev = level;
    }
}

#[test]
fn s54_tourism_bases() {
    let v = |m: &str, d: &str| at(&series("domestic_tourism_q1_q3", "国内旅游", m, None), d);
    let t = "trips_100m_q1_q3";
    assert!(rounds_to(
        100.0 * (v(t, "2021") / v(t, "2020") - 1.0),
        39.1,
        1
    ));
    assert!(rounds_to(100.0 * v(t, "2021") / v(t, "2019"), 58.5, 1));
    let r = "revenue_1e12_cny_q1_q3";
    assert!(rounds_to(
        100.0 * (v(r, "2021") / v(r, "2020") - 1.0),
        63.5,
        1
    ));
    assert!(rounds_to(100.0 * v(r, "2021") / v(r, "2019"), 54.4, 1));
}
