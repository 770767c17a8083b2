//! Shares and counts: city tiers (S04/S13B), demographics (S03/S14), 云闪付 (S15/S16), the six
//! state banks (S18) and provincial platform levels (S44).

use super::*;

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

pub(super) fn city_tiers() -> Vec<Row> {
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

pub(super) fn demographics() -> Vec<Row> {
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

pub(super) fn yunshanfu_profile() -> Vec<Row> {
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

pub(super) fn bank_monthly() -> Result<Vec<Row>> {
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

pub(super) fn provincial_levels() -> Vec<Row> {
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
