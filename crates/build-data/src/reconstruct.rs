//! The documented, deterministic reconstruction of chart series whose values the reports do not
//! print.
//!
//! # Method
//! Every reconstructed monthly series is **trend × seasonal shape**, calibrated to the printed
//! anchors:
//! * the trend is log-linear between a few knots (month, level) — the knots are either printed
//!   or derived anchors, or free levels chosen here and documented in the dataset's `notes`;
//! * the seasonal shape is a fixed 12-month multiplicative profile written below (it encodes the
//!   report's seasonal descriptions: 网上国网 spring low and June first-half peak, 个税 March
//!   annual-settlement peak, 12306 April/September peaks);
//! * where a report prints an exact value (12306 Sep-2023 = 11,900万; 个税 Mar-2023 = 18,000万),
//!   the trend knot is placed so that trend × shape hits it, and the row is marked `published`;
//! * values are rounded to 0.1 (shares to 0.1 pp, hourly shares to 0.01 pp) **before** any check;
//!   the constraint tests in `tests/datasets_constraints.rs` recompute every constraint from the
//!   built snapshots.
//!
//! No randomness is used. [`generate`] returns the CSV text of every generated dataset; the
//! `build-data --regen` command writes them under `data/`, and a test asserts that the checked-in
//! CSV equals what this module produces.

use super::dates::{month_index, month_range, ym};
use civic_pulse::{Error, Result};

/// One tidy row of a generated series CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `YYYY-MM` or `YYYY-MM-DDTHH:MM`.
    pub date: String,
    /// Entity (app, bank, city, province, population).
    pub entity: String,
    /// Metric name.
    pub metric: String,
    /// Optional breakdown category (tier, age band, gender, level); empty when none.
    pub category: String,
    /// The value, already rounded.
    pub value: f64,
    /// `published`, `external` or `reconstructed`.
    pub provenance: &'static str,
    /// Constraint ids (series_spec.md) this row pins, `;`-separated; empty when none.
    pub constraints: String,
    /// The printed qualifier of an approximate or bounded value (`≈`, `>`, …); empty when the
    /// value is exact as printed or not printed. Written as the optional `qualifier` column.
    pub qualifier: &'static str,
}

const PUB: &str = "published";
const REC: &str = "reconstructed";

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// Rounds to one decimal (the precision of the report's 万台 figures).
///
/// # Example
/// ```
/// assert_eq!(build_data::reconstruct::round1(7263.157), 7263.2);
/// ```
pub fn round1(x: f64) -> f64 {
    round_to(x, 1)
}

/// Log-linear interpolation of a trend through knots `((year, month), level)`, flat outside.
///
/// # Example
/// ```
/// use build_data::reconstruct::log_trend;
/// let k = [((2020, 1), 100.0), ((2020, 3), 400.0)];
/// assert!((log_trend(&k, 2020, 2).unwrap() - 200.0).abs() < 1e-9);
/// assert_eq!(log_trend(&k, 2019, 6).unwrap(), 100.0);
/// ```
pub fn log_trend(knots: &[((i32, u32), f64)], year: i32, month: u32) -> Result<f64> {
    let t = month_index(year, month);
    let first = knots
        .first()
        .ok_or_else(|| Error::invalid("trend without knots"))?;
    if knots.iter().any(|(_, v)| *v <= 0.0) {
        return Err(Error::invalid("trend knots must be positive"));
    }
    if t <= month_index(first.0 .0, first.0 .1) {
        return Ok(first.1);
    }
    for pair in knots.windows(2) {
        if let [((y0, m0), v0), ((y1, m1), v1)] = pair {
            let (t0, t1) = (month_index(*y0, *m0), month_index(*y1, *m1));
            if t1 <= t0 {
                return Err(Error::invalid("trend knots must be increasing in time"));
            }
            if t <= t1 {
                let w = f64::from(t - t0) / f64::from(t1 - t0);
                return Ok((v0.ln() * (1.0 - w) + v1.ln() * w).exp());
            }
        }
    }
    Ok(knots.last().map_or(first.1, |k| k.1))
}

fn shape_at(shape: &[f64; 12], month: u32) -> Result<f64> {
    (month as usize)
        .checked_sub(1)
        .and_then(|i| shape.get(i))
        .copied()
        .ok_or_else(|| Error::invalid(format!("month {month} out of range")))
}

fn row(date: String, entity: &str, metric: &str, value: f64, prov: &'static str) -> Row {
    Row {
        date,
        entity: entity.to_string(),
        metric: metric.to_string(),
        category: String::new(),
        value,
        provenance: prov,
        constraints: String::new(),
        qualifier: "",
    }
}

/// A monthly series `round1(trend × shape)` over `n` months from (year, month).
fn trend_shape(
    entity: &str,
    metric: &str,
    start: (i32, u32),
    n: usize,
    knots: &[((i32, u32), f64)],
    shape: &[f64; 12],
) -> Result<Vec<Row>> {
    month_range(start.0, start.1, n)
        .into_iter()
        .map(|(y, m)| {
            let v = log_trend(knots, y, m)? * shape_at(shape, m)?;
            Ok(row(ym(y, m), entity, metric, round1(v), REC))
        })
        .collect()
}

/// Marks a row as pinned: sets its value, provenance and constraint ids.
fn pin(rows: &mut [Row], date: &str, value: f64, prov: &'static str, ids: &str) -> Result<()> {
    let r = rows
        .iter_mut()
        .find(|r| r.date == date)
        .ok_or_else(|| Error::invalid(format!("no row at {date} to pin")))?;
    r.value = value;
    r.provenance = prov;
    r.constraints = ids.to_string();
    Ok(())
}

const MAU: &str = "monthly_active_devices";

// ---------------------------------------------------------------------------------------------
// S01 交管12123. Free scale: Dec-2023 = 13,800万台 (only ratios and a >14,000 2023 peak printed).

/// Free scale of S01: the Dec-2023 level of 交管12123 (万台).
pub const JIAOGUAN_DEC_2023: f64 = 13_800.0;
/// Seasonal shape of 交管12123 (Jan and Dec = 1 so the ratio anchors hold exactly;
/// summer driving-season high, Spring-Festival February dip).
const JIAOGUAN_SHAPE: [f64; 12] = [
    1.00, 0.93, 0.99, 1.01, 1.02, 1.04, 1.07, 1.09, 1.04, 1.03, 1.01, 1.00,
];

fn jiaoguan_monthly() -> Result<Vec<Row>> {
    let dec23 = JIAOGUAN_DEC_2023;
    let jan20 = round1(dec23 / 1.9);
    let dec22 = round1(dec23 / 1.144);
    let knots = [((2020, 1), jan20), ((2022, 12), dec22), ((2023, 12), dec23)];
    let mut rows = trend_shape("交管12123", MAU, (2020, 1), 48, &knots, &JIAOGUAN_SHAPE)?;
    pin(&mut rows, "2020-01", jan20, REC, "S01.2")?;
    pin(&mut rows, "2022-12", dec22, REC, "S01.3")?;
    pin(&mut rows, "2023-12", dec23, REC, "S01.2;S01.3;S01.5")?;
    Ok(rows)
}

fn jiaoguan_provinces() -> Vec<Row> {
    let provs: [(&str, f64, &str); 6] = [
        ("广东", 1080.0, "S02.rank1;S02.gt1000"),
        ("湖南", 880.0, "S02.rank2;S02.lt1000"),
        ("四川", 820.0, "S02.rank3;S02.lt1000"),
        ("第4名(未具名)", 760.0, "S02.lt1000"),
        ("第5名(未具名)", 720.0, "S02.lt1000"),
        ("第6名(未具名)", 690.0, "S02.lt1000"),
    ];
    provs
        .iter()
        .map(|(p, v, c)| Row {
            constraints: c.to_string(),
            ..row("2023-12".into(), p, MAU, *v, REC)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// S05 铁路12306: Sep-2023 = 11,900 printed; April/September travel peaks.

const RAIL_SHAPE: [f64; 12] = [
    1.08, 1.02, 0.92, 1.00, 0.94, 0.92, 1.04, 1.03, 1.10, 1.00, 0.90, 0.94,
];

/// Printed all-time peak of 铁路12306 (万台, Sep 2023).
pub const RAIL_PEAK: f64 = 11_900.0;

fn rail_monthly() -> Result<Vec<Row>> {
    let sep_shape = shape_at(&RAIL_SHAPE, 9)?;
    let knots = [
        ((2020, 1), 5_600.0),
        ((2022, 12), 6_600.0),
        ((2023, 9), RAIL_PEAK / sep_shape),
        ((2023, 12), 11_000.0),
    ];
    let mut rows = trend_shape("铁路12306", MAU, (2020, 1), 48, &knots, &RAIL_SHAPE)?;
    pin(&mut rows, "2023-09", RAIL_PEAK, PUB, "S05.1")?;
    Ok(rows)
}

fn rail_first_tier() -> Result<Vec<Row>> {
    let cities: [(&str, f64, [f64; 12]); 4] = [
        (
            "北京",
            640.0,
            [
                1.00, 0.97, 0.95, 1.06, 1.00, 0.96, 1.02, 1.04, 1.12, 1.05, 0.96, 0.98,
            ],
        ),
        (
            "上海",
            600.0,
            [
                1.01, 0.96, 0.96, 1.07, 1.01, 0.95, 1.01, 1.03, 1.11, 1.06, 0.95, 0.97,
            ],
        ),
        (
            "广州",
            480.0,
            [
                1.05, 1.08, 0.93, 0.99, 1.01, 0.97, 1.04, 1.06, 1.03, 1.07, 0.95, 0.97,
            ],
        ),
        (
            "深圳",
            420.0,
            [
                0.98, 1.02, 0.94, 1.04, 0.99, 0.95, 1.00, 1.03, 1.09, 1.02, 0.94, 0.96,
            ],
        ),
    ];
    let mut out = Vec::new();
    for (city, level, shape) in cities {
        for (y, m) in month_range(2023, 1, 12) {
            // 1 % a month drift: the national series grows through 2023.
            let v = level * 1.01f64.powi(m as i32 - 1) * shape_at(&shape, m)?;
            let mut r = row(ym(y, m), city, MAU, round1(v), REC);
            if city != "广州" && (m == 4 || m == 9) {
                r.constraints = "S06.local_peak".into();
            }
            out.push(r);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// S07 网上国网: spring low, June first-half peak, high and fluctuating from July; Dec-2023 anchor.

const GRID_SHAPE: [f64; 12] = [
    0.97, 0.91, 0.86, 0.88, 0.93, 1.00, 1.09, 1.13, 1.06, 1.01, 1.03, 1.08,
];

/// Derived Dec-2023 anchor of 网上国网: TOP5 sum 2006.0 / 36.8 % (万台).
pub fn grid_dec_2023() -> f64 {
    round1(2006.0 / 0.368)
}

fn grid_monthly() -> Result<Vec<Row>> {
    let dec23 = grid_dec_2023();
    let knots = [
        ((2020, 1), 2_300.0),
        ((2023, 12), dec23 / shape_at(&GRID_SHAPE, 12)?),
    ];
    let mut rows = trend_shape("网上国网", MAU, (2020, 1), 48, &knots, &GRID_SHAPE)?;
    pin(&mut rows, "2023-12", dec23, REC, "S07.anchor")?;
    Ok(rows)
}

/// A 24-hour profile normalised to shares summing to 100, rounded to 0.01.
fn hourly_profile(entity: &str, weights: &[f64; 24], peaks: &str) -> Vec<Row> {
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .enumerate()
        .map(|(h, w)| {
            let mut r = row(
                format!("2023-12-01T{h:02}:00"),
                entity,
                "active_user_share_pct",
                round_to(100.0 * w / total, 2),
                REC,
            );
            if peaks.split(';').any(|p| p == h.to_string()) {
                r.constraints = "local_peak".into();
            }
            r
        })
        .collect()
}

fn grid_hourly() -> Vec<Row> {
    let w = [
        1.2, 0.7, 0.4, 0.3, 0.3, 0.5, 1.4, 3.2, 5.4, 6.9, 7.6, 6.8, 5.2, 5.6, 6.6, 7.1, 6.7, 6.0,
        5.4, 5.2, 5.0, 4.4, 3.4, 2.0,
    ];
    hourly_profile("网上国网", &w, "10;15")
}

fn bank_hourly() -> Vec<Row> {
    let base = [
        1.5, 0.8, 0.5, 0.42, 0.4, 0.7, 1.8, 3.6, 5.2, 6.1, 6.8, 7.3, 6.6, 5.9, 6.1, 6.4, 6.8, 7.0,
        6.2, 5.6, 5.2, 4.6, 3.5, 2.3,
    ];
    // A small bank-specific tilt (evening vs morning) keeps the 11:00/17:00 highs.
    let tilts = [
        ("农业银行", 0.004),
        ("工商银行", -0.003),
        ("建设银行", 0.002),
        ("中国银行", -0.004),
    ];
    let mut out = Vec::new();
    for (bank, tilt) in tilts {
        let mut w = base;
        for (h, x) in w.iter_mut().enumerate() {
            *x *= 1.0 + tilt * (h as f64 - 12.0);
        }
        out.extend(hourly_profile(bank, &w, "11;17"));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// S09 中油好客e站, S10 易捷加油.

const FUEL_SHAPE: [f64; 12] = [
    1.02, 1.05, 0.96, 0.97, 0.99, 0.98, 1.01, 1.02, 0.99, 1.04, 0.98, 1.00,
];

fn fuel_apps() -> Result<Vec<Row>> {
    let mut zy = trend_shape(
        "中油好客e站",
        MAU,
        (2022, 1),
        24,
        &[((2022, 1), 560.0), ((2023, 12), 735.0)],
        &FUEL_SHAPE,
    )?;
    pin(&mut zy, "2023-12", 735.0, REC, "S09.gt700")?;
    let mut yj = trend_shape(
        "易捷加油",
        MAU,
        (2021, 12),
        25,
        &[
            ((2021, 12), 300.0),
            ((2022, 12), 410.0),
            ((2023, 12), 560.0),
        ],
        &FUEL_SHAPE,
    )?;
    pin(&mut yj, "2022-12", 410.0, REC, "S10.yoy_gt30")?;
    pin(&mut yj, "2023-12", 560.0, REC, "S10.yoy_gt30")?;
    zy.extend(yj);
    Ok(zy)
}

// ---------------------------------------------------------------------------------------------
// S12/S13 个人所得税 and the mobile-internet device base.

/// Filing-season profile of 个税: share of (peak − baseline) added in each month; March = 1.
const IIT_SEASON: [f64; 12] = [
    0.06, 0.12, 1.00, 0.46, 0.31, 0.24, 0.05, 0.02, 0.00, 0.01, 0.03, 0.12,
];

/// 个税 annual March peaks (万台): 2020 = 8.0 % × base(2020-03), 2021 free, 2022 = 18,000/1.037,
/// 2023 = 18,000 printed.
fn iit_peaks() -> [(i32, f64); 4] {
    [
        (2020, round1(0.080 * BASE_2020_03)),
        (2021, 14_100.0),
        (2022, round1(18_000.0 / 1.037)),
        (2023, 18_000.0),
    ]
}

/// Off-season baselines 2020–2022 (万台); 2023 is solved so that the mean ratio is 1.450.
const IIT_BASELINES: [(i32, f64); 3] = [(2020, 3_000.0), (2021, 4_200.0), (2022, 5_200.0)];

/// Free base (万台) in March 2020; with the 8.0 % peak it fixes the 2020 个税 peak.
const BASE_2020_03: f64 = 131_500.0;

/// Base (万台) in March 2023 implied by the 13.0 % peak penetration: 18,000 / 0.130.
fn base_2023_03() -> f64 {
    round1(18_000.0 / 0.130)
}

fn iit_year(year: i32, peak: f64, baseline: f64) -> Result<Vec<Row>> {
    month_range(year, 1, 12)
        .into_iter()
        .map(|(y, m)| {
            let v = baseline + (peak - baseline) * shape_at(&IIT_SEASON, m)?;
            Ok(row(ym(y, m), "个人所得税", MAU, round1(v), REC))
        })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

fn iit_monthly() -> Result<Vec<Row>> {
    let peaks = iit_peaks();
    let mut rows = Vec::new();
    for ((year, peak), (_, base)) in peaks.iter().zip(IIT_BASELINES.iter()) {
        rows.extend(iit_year(*year, *peak, *base)?);
    }
    let prior: Vec<f64> = rows.iter().map(|r| r.value).collect();
    let target = 1.45 * mean(&prior);
    let ms = mean(&IIT_SEASON);
    let (_, p23) = peaks[3];
    let b23 = (target - p23 * ms) / (1.0 - ms);
    rows.extend(iit_year(2023, p23, b23)?);
    pin(&mut rows, "2020-03", peaks[0].1, REC, "S12.2;S13.pen2020")?;
    pin(&mut rows, "2022-03", peaks[2].1, REC, "S12.4")?;
    pin(&mut rows, "2023-03", p23, PUB, "S12.3;S12.4;S13.pen2023")?;
    Ok(rows)
}

fn mobile_base() -> Result<Vec<Row>> {
    let knots = [
        ((2020, 1), 131_000.0),
        ((2020, 3), BASE_2020_03),
        ((2021, 3), 134_500.0),
        ((2022, 3), 136_500.0),
        ((2023, 3), base_2023_03()),
        ((2023, 10), 139_000.0),
    ];
    let mut rows = trend_shape("中国移动互联网", MAU, (2020, 1), 48, &knots, &[1.0; 12])?;
    pin(&mut rows, "2020-03", BASE_2020_03, REC, "S13.pen2020")?;
    pin(&mut rows, "2023-03", base_2023_03(), REC, "S13.pen2023")?;
    // "连续数月保持在约13.9亿" names no month: the level is printed (≈), its months are not, so
    // the three months holding it are reconstructed and keep the printed qualifier.
    for d in ["2023-10", "2023-11", "2023-12"] {
        pin(&mut rows, d, 139_000.0, REC, "C0001")?;
        if let Some(r) = rows.iter_mut().find(|r| r.date == d) {
            r.qualifier = "≈";
        }
    }
    Ok(rows)
}

fn iit_penetration(iit: &[Row], base: &[Row]) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    for r in iit {
        let b = base
            .iter()
            .find(|x| x.date == r.date)
            .ok_or_else(|| Error::invalid(format!("no base at {}", r.date)))?;
        let mut p = row(
            r.date.clone(),
            "个人所得税",
            "penetration_pct",
            round_to(100.0 * r.value / b.value, 3),
            REC,
        );
        if r.date == "2023-03" {
            // The 13.0 % peak of 2023 is printed, its month is not: placing it in March (the
            // 1.8亿 peak month) is this reconstruction's reading, so the row is reconstructed.
            p.value = 13.0;
            p.constraints = "S13.pen2023".into();
        } else if r.date == "2020-03" {
            p.constraints = "S13.pen2020".into();
        }
        out.push(p);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// S04/S13B city tiers, S03/S14 demographics, S15/S16 云闪付.

const TIERS: [&str; 6] = [
    "一线城市",
    "新一线城市",
    "二线城市",
    "三线城市",
    "四线城市",
    "五线城市及以下",
];

fn share_rows(
    date: &str,
    entity: &str,
    metric: &str,
    cats: &[&str],
    values: &[f64],
    prov: &'static str,
) -> Vec<Row> {
    cats.iter()
        .zip(values)
        .map(|(c, v)| Row {
            category: c.to_string(),
            ..row(date.to_string(), entity, metric, *v, prov)
        })
        .collect()
}

fn city_tiers() -> Vec<Row> {
    let y22 = [8.5, 18.6, 17.9, 20.4, 17.8, 16.8];
    // 2023: tier4 +0.6 pp, tier5 +1.5 pp, the four higher tiers −2.1 pp together.
    let y23 = [8.1, 18.0, 17.3, 19.9, 18.4, 18.3];
    let mut out = share_rows(
        "2022-01",
        "交管12123",
        "user_share_pct_year",
        &TIERS,
        &y22,
        REC,
    );
    let mut r23 = share_rows(
        "2023-01",
        "交管12123",
        "user_share_pct_year",
        &TIERS,
        &y23,
        REC,
    );
    for r in r23.iter_mut() {
        if r.category == "四线城市" {
            r.constraints = "S04.tier4_pp".into();
        } else if r.category == "五线城市及以下" {
            r.constraints = "S04.tier5_pp".into();
        }
    }
    out.extend(r23);
    let iit = [14.2, 22.5, 19.1, 18.0, 14.1, 12.1];
    let mut ri = share_rows("2023-12", "个人所得税", "user_share_pct", &TIERS, &iit, REC);
    for r in ri.iter_mut() {
        if r.category == "新一线城市" || r.category == "二线城市" {
            r.constraints = "S13B.gt40".into();
        }
    }
    out.extend(ri);
    // No baseline distribution: none is printed and no citable outside one is at hand, so TGI
    // is left to readers' own files (issue 11).
    out
}

fn demographics() -> Vec<Row> {
    let d = "2023-12";
    let mut out = Vec::new();
    out.extend(share_rows(
        d,
        "交管12123",
        "gender_share_pct",
        &["男", "女"],
        &[68.2, 31.8],
        REC,
    ));
    out.extend(share_rows(
        d,
        "交管12123",
        "age_share_pct",
        &["24岁及以下", "25-30岁", "31-35岁", "36-40岁", "41岁及以上"],
        &[9.6, 17.8, 19.4, 17.5, 35.7],
        REC,
    ));
    out.extend(share_rows(
        d,
        "交管12123",
        "marital_share_pct",
        &["已婚", "未婚"],
        &[66.4, 33.6],
        REC,
    ));
    // "男女比例约为6:4": printed, approximately.
    let mut gender = share_rows(
        d,
        "个人所得税",
        "gender_share_pct",
        &["男", "女"],
        &[60.0, 40.0],
        PUB,
    );
    for r in gender.iter_mut() {
        r.qualifier = "≈";
    }
    out.extend(gender);
    let mut age = share_rows(
        d,
        "个人所得税",
        "age_share_pct",
        &["24岁及以下", "25-35岁", "36-45岁", "46岁及以上"],
        &[8.9, 38.3, 28.6, 24.2],
        REC,
    );
    for r in age.iter_mut() {
        if r.category == "25-35岁" {
            r.provenance = PUB;
            r.constraints = "S14.age25_35".into();
        }
    }
    out.extend(age);
    out.extend(share_rows(
        d,
        "个人所得税",
        "marital_share_pct",
        &["已婚", "未婚"],
        &[68.6, 31.4],
        REC,
    ));
    out
}

fn yunshanfu_profile() -> Vec<Row> {
    let d = || "2023-12".to_string();
    vec![
        Row {
            category: "白领".into(),
            constraints: "S16.label".into(),
            ..row(d(), "云闪付", "label_share_pct", 30.3, PUB)
        },
        row(d(), "云闪付", "payment_industry_penetration_pct", 11.5, PUB),
        Row {
            category: "云闪付独占(未使用支付宝)".into(),
            constraints: "S15.near40".into(),
            ..row(
                d(),
                "云闪付",
                "exclusive_user_share_vs_alipay_pct",
                38.6,
                REC,
            )
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// S18 six state banks, S44 provincial platform levels.

fn bank_monthly() -> Result<Vec<Row>> {
    // The report prints no level, no ranking ("排名不分先后") and only "整体稳步增长". Each bank
    // is therefore an index of its own (2020-01 = 100) on one common illustrative path: any
    // per-bank level or growth difference would be invented.
    let shape = [
        1.03, 1.00, 0.99, 0.99, 1.00, 0.99, 1.00, 1.00, 0.99, 1.00, 1.00, 1.01,
    ];
    let knots = [((2020, 1), 100.0 / 1.03), ((2023, 12), 135.0)];
    let mut out = Vec::new();
    for bank in STATE_BANKS {
        out.extend(trend_shape(
            bank,
            "activity_index",
            (2020, 1),
            48,
            &knots,
            &shape,
        )?);
    }
    Ok(out)
}

/// The six state-owned banks, in the conventional listing order (the report names none).
const STATE_BANKS: [&str; 6] = [
    "工商银行",
    "建设银行",
    "农业银行",
    "中国银行",
    "交通银行",
    "邮储银行",
];

fn provincial_levels() -> Vec<Row> {
    let levels = ["非常高", "高", "中", "低"];
    let counts: [(i32, [f64; 4]); 5] = [
        (2016, [3.0, 10.0, 13.0, 6.0]),
        (2017, [5.0, 12.0, 12.0, 3.0]),
        (2018, [8.0, 14.0, 9.0, 1.0]),
        (2019, [10.0, 15.0, 7.0, 0.0]),
        (2020, [13.0, 16.0, 3.0, 0.0]),
    ];
    let mut out = Vec::new();
    for (year, c) in counts {
        let mut rows = share_rows(
            &ym(year, 1),
            "省级政府一体化政务服务平台",
            "platform_count",
            &levels,
            &c,
            REC,
        );
        if year >= 2019 {
            for r in rows.iter_mut().filter(|r| r.category == "低") {
                r.constraints = "S44.low_zero".into();
            }
        }
        out.extend(rows);
    }
    out
}

// ---------------------------------------------------------------------------------------------

/// Serialises rows as a series CSV (the contract's column order).
///
/// # Example
/// ```
/// use build_data::reconstruct::{to_csv, Row};
/// let r = Row { date: "2023-12".into(), entity: "a".into(), metric: "m".into(),
///     category: String::new(), value: 1.5, provenance: "reconstructed",
///     constraints: String::new(), qualifier: "" };
/// assert_eq!(to_csv(&[r]).unwrap(),
///     "date,entity,metric,category,value,provenance,constraints\n2023-12,a,m,,1.5,reconstructed,\n");
/// ```
pub fn to_csv(rows: &[Row]) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::invalid(format!("csv write: {e}"));
    // The optional qualifier column only where some row carries a printed qualifier.
    let qualified = rows.iter().any(|r| !r.qualifier.is_empty());
    let mut header = super::table::SERIES_COLUMNS.to_vec();
    if qualified {
        header.push(super::table::QUALIFIER_COLUMN);
    }
    w.write_record(&header).map_err(err)?;
    for r in rows {
        let value = format!("{}", r.value);
        let mut cells = vec![
            r.date.as_str(),
            &r.entity,
            &r.metric,
            &r.category,
            &value,
            r.provenance,
            &r.constraints,
        ];
        if qualified {
            cells.push(r.qualifier);
        }
        w.write_record(&cells).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::invalid(format!("csv flush: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid(format!("csv utf8: {e}")))
}

/// Every generated series as `(path relative to the data directory, CSV text)`, in a fixed order.
///
/// # Example
/// ```
/// let files = build_data::reconstruct::generate().unwrap();
/// assert!(files.iter().any(|(p, _)| p == "series/iit_monthly.csv"));
/// ```
pub fn generate() -> Result<Vec<(String, String)>> {
    let iit = iit_monthly()?;
    let base = mobile_base()?;
    let pen = iit_penetration(&iit, &base)?;
    let sets: Vec<(&str, Vec<Row>)> = vec![
        ("jiaoguan_12123_monthly", jiaoguan_monthly()?),
        ("jiaoguan_12123_provinces_2023_12", jiaoguan_provinces()),
        ("railway_12306_monthly", rail_monthly()?),
        ("railway_12306_first_tier_2023", rail_first_tier()?),
        ("state_grid_monthly", grid_monthly()?),
        ("state_grid_hourly_2023_12", grid_hourly()),
        ("fuel_apps_monthly", fuel_apps()?),
        ("iit_monthly", iit),
        ("mobile_internet_devices_monthly", base),
        ("iit_penetration_monthly", pen),
        ("city_tier_shares", city_tiers()),
        ("demographics_2023_12", demographics()),
        ("yunshanfu_profile_2023_12", yunshanfu_profile()),
        ("state_bank_apps_monthly", bank_monthly()?),
        ("state_bank_apps_hourly_2023_12", bank_hourly()),
        ("provincial_platform_levels_2016_2020", provincial_levels()),
    ];
    sets.into_iter()
        .map(|(id, rows)| Ok((format!("series/{id}.csv"), to_csv(&rows)?)))
        .collect()
}
