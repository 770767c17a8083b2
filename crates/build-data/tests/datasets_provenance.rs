//! Provenance means what it says (issue 11): `published` only where a report prints that number
//! for that entity and period, with its printed qualifier; every published number is found in the
//! report texts or the facts tables; reader-facing metadata carries no file paths or build notes.

mod datasets_common;
use datasets_common::*;

use std::collections::BTreeMap;

use build_data::spec::{load_specs, Kind};
use civic_pulse::{Column, Snapshot};

fn data() -> std::path::PathBuf {
    root().join("data")
}

/// The `qualifier` column of a snapshot, or all null when it has none.
fn qualifiers(s: &Snapshot) -> Vec<Option<String>> {
    match s.column("qualifier") {
        Ok(Column::Text(v)) => v,
        Ok(other) => panic!("qualifier is not text: {other:?}"),
        Err(_) => vec![None; s.num_rows()],
    }
}

/// Published series values printed with a qualifier: (dataset, entity, metric, category, qualifier).
const QUALIFIED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "demographics_2023_12",
        "个人所得税",
        "gender_share_pct",
        "男",
        "≈",
    ),
    (
        "demographics_2023_12",
        "个人所得税",
        "gender_share_pct",
        "女",
        "≈",
    ),
    (
        "digital_apps_2021_06",
        "即时通信",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
    (
        "digital_apps_2021_06",
        "网络视频(含短视频)",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
    (
        "digital_apps_2021_06",
        "短视频",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
    (
        "digital_apps_2021_06",
        "网络支付",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
    (
        "digital_apps_2021_06",
        "互联网政务服务",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
    (
        "digital_apps_2021_06",
        "网络购物",
        "netizen_penetration_pct_printed_bound",
        "",
        "≥",
    ),
];

/// Every `published` row of every series, keyed (dataset, entity, metric, category, date prefix),
/// with the figure as printed in the report (in the dataset's unit). Since issue 11 a month the
/// report does not name is not here: 移动互联网 2023-10..12 ("连续数月", no months named) and the
/// 个税 13.0 % penetration peak (its month is not printed) are reconstructed.
#[rustfmt::skip]
const PUBLISHED_SERIES: &[(&str, &str, &str, &str, &str, f64)] = &[
    ("railway_12306_monthly", "铁路12306", "monthly_active_devices", "", "2023-09", 1.19e4),
    ("iit_monthly", "个人所得税", "monthly_active_devices", "", "2023-03", 1.8e4),
    ("demographics_2023_12", "个人所得税", "gender_share_pct", "男", "2023-12", 60.0),
    ("demographics_2023_12", "个人所得税", "gender_share_pct", "女", "2023-12", 40.0),
    ("demographics_2023_12", "个人所得税", "age_share_pct", "25-35岁", "2023-12", 38.3),
    ("yunshanfu_profile_2023_12", "云闪付", "label_share_pct", "白领", "2023-12", 30.3),
    ("yunshanfu_profile_2023_12", "云闪付", "payment_industry_penetration_pct", "", "2023-12", 11.5),
    ("netizens_caict_2017", "中国网民", "mobile_access_share_pct", "", "2016-12", 95.1),
    ("netizens_caict_2017", "中国网民", "netizens_100m", "", "2017-06", 7.51),
    ("netizens_caict_2017", "中国网民", "internet_penetration_pct", "", "2017-06", 54.3),
    ("netizens_caict_2017", "中国网民", "mobile_netizens_100m", "", "2017-06", 7.24),
    ("netizens_caict_2017", "中国网民", "mobile_access_share_pct", "", "2017-06", 96.3),
    ("netizens_2015_2021", "中国网民", "netizens_100m", "", "2015-12", 6.88),
    ("netizens_2015_2021", "中国网民", "internet_penetration_pct", "", "2015-12", 50.3),
    ("netizens_2015_2021", "中国网民", "netizens_100m", "", "2020-12", 9.89),
    ("netizens_2015_2021", "中国网民", "internet_penetration_pct", "", "2020-12", 70.4),
    ("egdi_2010_2020", "中国", "egdi", "", "2010", 0.47),
    ("egdi_2010_2020", "中国", "egdi", "", "2020", 0.7948),
    ("egdi_2010_2020", "中国", "osi", "", "2020", 0.9059),
    ("egdi_2010_2020", "中国", "osi_world_rank", "", "2020", 12.0),
    ("urban_transport_2020", "全国城市公共汽车", "route_length_10k_km", "", "2020-12", 148.2),
    ("urban_transport_2020", "全国城市轨道交通", "line_length_10k_km", "", "2020-12", 0.797),
    ("domestic_tourism_q1_q3", "国内旅游", "trips_100m_q1_q3", "", "2021-09", 26.89),
    ("domestic_tourism_q1_q3", "国内旅游", "trips_yoy_pct", "", "2021-09", 39.1),
    ("domestic_tourism_q1_q3", "国内旅游", "trips_recovery_vs_2019_pct", "", "2021-09", 58.5),
    ("domestic_tourism_q1_q3", "国内旅游", "revenue_1e12_cny_q1_q3", "", "2021-09", 2.37),
    ("domestic_tourism_q1_q3", "国内旅游", "revenue_yoy_pct", "", "2021-09", 63.5),
    ("domestic_tourism_q1_q3", "国内旅游", "revenue_recovery_vs_2019_pct", "", "2021-09", 54.4),
    ("digital_apps_2021_06", "即时通信", "netizen_penetration_pct_printed_bound", "", "2021-06", 90.0),
    ("digital_apps_2021_06", "网络视频(含短视频)", "netizen_penetration_pct_printed_bound", "", "2021-06", 90.0),
    ("digital_apps_2021_06", "短视频", "netizen_penetration_pct_printed_bound", "", "2021-06", 80.0),
    ("digital_apps_2021_06", "网络支付", "netizen_penetration_pct_printed_bound", "", "2021-06", 80.0),
    ("digital_apps_2021_06", "互联网政务服务", "netizen_penetration_pct_printed_bound", "", "2021-06", 80.0),
    ("digital_apps_2021_06", "网络购物", "netizen_penetration_pct_printed_bound", "", "2021-06", 80.0),
];

#[test]
fn every_published_series_value_equals_the_report() {
    let mut expected: BTreeMap<(String, String, String, String, String), f64> = BTreeMap::new();
    for (d, e, m, c, date, v) in PUBLISHED_SERIES {
        expected.insert(
            (
                d.to_string(),
                e.to_string(),
                m.to_string(),
                c.to_string(),
                date.to_string(),
            ),
            *v,
        );
    }
    let mut seen = 0;
    for spec in load_specs(&data()).unwrap() {
        if spec.kind != Kind::Series {
            continue;
        }
        let s = snapshot(&spec.id);
        let (d, e, m, c, v, p) = (
            text(&s, "date"),
            text(&s, "entity"),
            text(&s, "metric"),
            text(&s, "category"),
            floats(&s, "value"),
            text(&s, "provenance"),
        );
        let q = qualifiers(&s);
        for i in 0..s.num_rows() {
            if p[i] != "published" {
                continue;
            }
            let hit = expected.iter().find(|((ds, en, me, ca, da), _)| {
                *ds == spec.id
                    && *en == e[i]
                    && *me == m[i]
                    && *ca == c[i]
                    && d[i].starts_with(da.as_str())
            });
            let (_, want) = hit.unwrap_or_else(|| {
                panic!(
                    "unlisted published row {} {} {} {} {}",
                    spec.id, e[i], m[i], c[i], d[i]
                )
            });
            assert_eq!(v[i], *want, "{} {} {} {}", spec.id, e[i], m[i], d[i]);
            let listed = QUALIFIED
                .iter()
                .find(|(ds, en, me, ca, _)| {
                    *ds == spec.id && *en == e[i] && *me == m[i] && *ca == c[i]
                })
                .map(|(.., q)| *q);
            assert_eq!(
                q[i].as_deref(),
                listed,
                "{} {} {} {}: printed qualifier",
                spec.id,
                e[i],
                m[i],
                c[i]
            );
            seen += 1;
        }
    }
    assert_eq!(
        seen,
        expected.len(),
        "every listed published value is present"
    );
}

/// The row of a table whose `item` column equals `item`, as (column name → cell text).
fn table_row(id: &str, item: &str) -> BTreeMap<String, Option<String>> {
    let s = snapshot(id);
    let items = text(&s, "item");
    let i = items
        .iter()
        .position(|x| x == item)
        .unwrap_or_else(|| panic!("{id}: no item {item}"));
    s.column_names()
        .into_iter()
        .map(|c| {
            let cell = match s.column(&c).unwrap() {
                Column::Text(v) => v[i].clone(),
                Column::Float(v) => (!v[i].is_nan()).then(|| format!("{}", v[i])),
                Column::Bool(v) => v[i].map(|x| x.to_string()),
            };
            (c, cell)
        })
        .collect()
}

/// One series row at a date prefix: (value, provenance, qualifier).
fn series_row(
    id: &str,
    entity: &str,
    metric: &str,
    cat: &str,
    date: &str,
) -> (f64, String, Option<String>) {
    let s = snapshot(id);
    let (d, e, m, c, v, p) = (
        text(&s, "date"),
        text(&s, "entity"),
        text(&s, "metric"),
        text(&s, "category"),
        floats(&s, "value"),
        text(&s, "provenance"),
    );
    let q = qualifiers(&s);
    let hits: Vec<usize> = (0..s.num_rows())
        .filter(|&i| e[i] == entity && m[i] == metric && c[i] == cat && d[i].starts_with(date))
        .collect();
    assert_eq!(hits.len(), 1, "{id} {entity} {metric} {cat} {date}");
    let i = hits[0];
    (v[i], p[i].clone(), q[i].clone())
}

#[test]
fn rows_audited_in_issue_11_are_labelled_as_printed() {
    let some = |s: &str| Some(s.to_string());
    // "连续数月保持在约13.9亿": the level is printed approximately, its months are not.
    for m in ["2023-10", "2023-11", "2023-12"] {
        let r = series_row(
            "mobile_internet_devices_monthly",
            "中国移动互联网",
            "monthly_active_devices",
            "",
            m,
        );
        assert_eq!(r, (139_000.0, "reconstructed".into(), some("≈")), "{m}");
    }
    // The 13.0 % peak is printed, its month is not.
    let r = series_row(
        "iit_penetration_monthly",
        "个人所得税",
        "penetration_pct",
        "",
        "2023-03",
    );
    assert_eq!(r, (13.0, "reconstructed".into(), None));
    // "男女比例约为6:4".
    for (g, v) in [("男", 60.0), ("女", 40.0)] {
        let r = series_row(
            "demographics_2023_12",
            "个人所得税",
            "gender_share_pct",
            g,
            "2023-12",
        );
        assert_eq!(r, (v, "published".into(), some("≈")), "{g}");
    }
    // "接近三分之一", "半壁江山", "突破一百个", "超过57%".
    for (item, value, q) in [
        ("四个直辖市占比", "33.3", "≈"),
        ("排名前八位的省级行政区占比", "50", "≈"),
        ("交通类政务APP数量", "100", ">"),
        ("综合服务型政务APP占比", "57", ">"),
    ] {
        let r = table_row("caict_gov_apps_2017", item);
        assert_eq!(r["value"], some(value), "{item}");
        assert_eq!(r["qualifier"], some(q), "{item}");
        assert_eq!(r["provenance"], some("published"), "{item}");
    }
    // Printed shares on rows whose counts are derived: "仅占26%", "近30%".
    for (item, share, q) in [
        ("四种智能应用合计", "26", None),
        ("无智能应用", "30", some("≈")),
    ] {
        let r = table_row("gov_app_features_2017", item);
        assert_eq!(
            r["provenance"],
            some("reconstructed"),
            "{item}: the count is derived"
        );
        assert_eq!(r["share_pct"], some(share), "{item}");
        assert_eq!(
            r["share_provenance"],
            some("published"),
            "{item}: the share is printed"
        );
        assert_eq!(r["qualifier"], q, "{item}");
    }
    // Exact figures carry no qualifier (null, not "=").
    assert_eq!(
        table_row("caict_gov_apps_2017", "政务服务APP总数")["qualifier"],
        None
    );
}

/// Every number written in the report texts and the facts tables (thousands separators removed).
fn printed_numbers() -> Option<(Vec<f64>, String)> {
    let reports = root()
        .ancestors()
        .map(|p| p.join("shared/reports"))
        .find(|p| p.is_dir())?;
    let mut texts = Vec::new();
    for dir in [reports, data().join("facts/tables")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    let all = texts.concat();
    let mut out = Vec::new();
    for t in texts {
        let chars: Vec<char> = t.chars().collect();
        let mut tok = String::new();
        for (i, &ch) in chars.iter().enumerate() {
            let sep = ch == ','
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars
                    .get(i + 1..i + 4)
                    .is_some_and(|w| w.iter().all(char::is_ascii_digit));
            if ch.is_ascii_digit() || (ch == '.' && !tok.is_empty()) {
                tok.push(ch);
            } else if !sep && !tok.is_empty() {
                out.extend(tok.trim_end_matches('.').parse::<f64>());
                tok.clear();
            }
        }
        out.extend(tok.trim_end_matches('.').parse::<f64>());
    }
    Some((out, all))
}

/// A stored value is found among the printed numbers as written (signs are not parsed: −1.6 is
/// found as 1.6), or in 亿 for a value stored in 万 (1.8亿 = 18,000万), or as the digit of a
/// printed ratio (约6:4 = 60 %).
fn found(v: f64, printed: &[f64]) -> bool {
    let v = v.abs();
    [1.0, 1e-4, 0.1].iter().any(|f| {
        printed
            .iter()
            .any(|p| (p - v * f).abs() <= 1e-9 * v.max(1.0))
    })
}

/// Published values the reports print in words, with the words (checked to be in a report).
const PRINTED_IN_WORDS: &[(&str, f64, &str)] = &[("caict_gov_apps_2017", 33.3, "接近三分之一")];

/// Columns a table declares as not published (`column_provenance` = `col=prov;…`).
fn unpublished_columns(spec: &build_data::spec::DatasetSpec) -> Vec<String> {
    spec.column_provenance
        .as_deref()
        .unwrap_or("")
        .split(';')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(_, p)| p.trim() != "published")
        .map(|(c, _)| c.trim().to_string())
        .collect()
}

#[test]
fn every_published_number_is_printed_in_a_report_or_facts_table() {
    let Some((printed, reports_text)) = printed_numbers() else {
        eprintln!("shared/reports not found above the workspace; skipped");
        return;
    };
    let mut checked = 0;
    let mut missing = Vec::new();
    for spec in load_specs(&data()).unwrap() {
        let s = snapshot(&spec.id);
        let prov = text(&s, "provenance");
        let numeric: Vec<(String, Vec<Option<f64>>)> = s
            .column_names()
            .into_iter()
            .filter(|c| spec.kind == Kind::Table || c == "value")
            .filter_map(|c| match s.column(&c).unwrap() {
                Column::Float(v) => Some((
                    c,
                    v.into_iter().map(|x| (!x.is_nan()).then_some(x)).collect(),
                )),
                _ => None,
            })
            .collect();
        // A printed share on a row whose count is derived has its own provenance column.
        let share_prov = s
            .column_names()
            .contains(&"share_provenance".to_string())
            .then(|| text(&s, "share_provenance"));
        let unpublished = unpublished_columns(&spec);
        for (col, cells) in numeric.iter().filter(|(c, _)| !unpublished.contains(c)) {
            for (i, cell) in cells.iter().enumerate() {
                let published = match (&share_prov, col.as_str()) {
                    (Some(sp), "share_pct") => sp[i] == "published",
                    _ => prov[i] == "published",
                };
                let Some(v) = cell else { continue };
                if !published {
                    continue;
                }
                checked += 1;
                let in_words = PRINTED_IN_WORDS
                    .iter()
                    .any(|(id, x, words)| *id == spec.id && x == v && reports_text.contains(words));
                if !found(*v, &printed) && !in_words {
                    missing.push(format!("{}.{col} row {i} = {v}", spec.id));
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} published numbers checked");
    assert!(
        missing.is_empty(),
        "published but not printed: {missing:#?}"
    );
}

#[test]
fn reader_facing_metadata_has_no_paths_or_build_notes() {
    let banned = [
        ".csv",
        ".rs",
        ".md",
        "../",
        "src/",
        "data/",
        "tests/",
        "assumed",
        "inferred",
        "legend missing",
        "base undefined",
        "reconstruct",
        "knot",
        "free scale",
    ];
    for spec in load_specs(&data()).unwrap() {
        let s = snapshot(&spec.id);
        let meta = s.metadata();
        for k in [
            "title_zh", "title_en", "unit", "source", "notes_zh", "notes_en",
        ] {
            let v = meta[k].to_lowercase();
            for b in banned {
                // "reconstructed" is the reader's word for a rebuilt value; the module name is not.
                if b == "reconstruct" && (k == "notes_en" || k == "title_en") {
                    continue;
                }
                assert!(!v.contains(b), "{} {k} contains {b:?}: {v}", spec.id);
            }
        }
        let zh = &meta["notes_zh"];
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: notes_zh is Chinese",
            spec.id
        );
    }
}

/// Numbers in reader notes that are computed from printed ones (the note shows the operands).
const COMPUTED_IN_NOTES: &[(&str, f64, &str)] = &[
    ("caict_gov_apps_2017", 56.87, "1361"),
    ("gov_app_features_2017", 40.9, "9"),
];

#[test]
fn reader_notes_quote_only_printed_or_computed_numbers() {
    // A reconstructed number never appears as a figure in reader-facing text (issue 11).
    let Some((printed, _)) = printed_numbers() else {
        eprintln!("shared/reports not found above the workspace; skipped");
        return;
    };
    // Unit changes between the notes and the print: 亿 ↔ 万, % ↔ fraction, 亿 ↔ billion.
    let scaled = |v: f64| {
        [1.0, 1e-4, 1e4, 1e-2, 1e2, 0.1, 10.0].iter().any(|f| {
            printed
                .iter()
                .any(|p| (p - v * f).abs() <= 1e-9 * (v * f).max(1.0))
        })
    };
    let mut bad = Vec::new();
    for spec in load_specs(&data()).unwrap() {
        for (lang, note) in [("zh", &spec.notes_zh), ("en", &spec.notes_en)] {
            let plain: String = note
                .chars()
                .enumerate()
                .filter(|&(i, c)| {
                    // Thousands separators between digits are dropped.
                    !(c == ','
                        && i > 0
                        && note.chars().nth(i + 1).is_some_and(|n| n.is_ascii_digit()))
                })
                .map(|(_, c)| {
                    if c.is_ascii_digit() || c == '.' {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            for tok in plain.split_whitespace() {
                let Ok(v) = tok.trim_matches('.').parse::<f64>() else {
                    continue;
                };
                let computed = COMPUTED_IN_NOTES
                    .iter()
                    .any(|(id, x, operand)| *id == spec.id && *x == v && note.contains(operand));
                if !scaled(v) && !computed {
                    bad.push(format!("{} notes_{lang}: {tok}", spec.id));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "numbers in reader notes not printed: {bad:#?}"
    );
}
