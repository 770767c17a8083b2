//! Hand-computed, table-driven tests of the tidy-snapshot helpers (`civic_pulse::tidy`).

use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int32Array,
    RecordBatch, StringArray, TimestampSecondArray,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use civic_pulse::analytics::StlParams;
use civic_pulse::tidy::{tidy_snapshot, Tidy};
use civic_pulse::Snapshot;

fn snap(fields: Vec<(&str, ArrayRef)>) -> Snapshot {
    let schema = Arc::new(Schema::new(
        fields
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let batch =
        RecordBatch::try_new(schema.clone(), fields.into_iter().map(|f| f.1).collect()).unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

fn dict(v: &[Option<&str>]) -> ArrayRef {
    Arc::new(v.iter().copied().collect::<DictionaryArray<Int32Type>>())
}

fn text(v: &[&str]) -> ArrayRef {
    Arc::new(StringArray::from(v.to_vec()))
}

/// Days since 1970-01-01 of the first of a month in 2023 (2023-01-01 is day 19358).
fn day(month: u32) -> i32 {
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    19_358 + cum[(month - 1) as usize]
}

/// The contract's shapes: date32, dictionary strings, float64 — rows out of date order,
/// with a null entity, a null date and a null value.
fn contract_snapshot() -> Snapshot {
    snap(vec![
        (
            "date",
            Arc::new(Date32Array::from(vec![
                Some(day(3)),
                Some(day(1)),
                Some(day(2)),
                Some(day(1)),
                None,
                Some(day(1)),
                Some(day(2)),
            ])),
        ),
        (
            "entity",
            dict(&[
                Some("甲"),
                Some("甲"),
                Some("甲"),
                Some("乙"),
                Some("甲"),
                None,
                Some("乙"),
            ]),
        ),
        (
            "metric",
            dict(&[
                Some("users"),
                Some("users"),
                Some("users"),
                Some("share"),
                Some("users"),
                Some("users"),
                Some("users"),
            ]),
        ),
        (
            "category",
            dict(&[None, None, None, Some("一线"), None, None, Some("二线")]),
        ),
        (
            "value",
            Arc::new(Float64Array::from(vec![
                Some(30.0),
                Some(10.0),
                Some(20.0),
                Some(0.5),
                Some(99.0),
                Some(1.0),
                None,
            ])),
        ),
        (
            "provenance",
            dict(&[
                Some("published"),
                Some("reconstructed"),
                Some("external"),
                Some("published"),
                Some("published"),
                None,
                Some("published"),
            ]),
        ),
    ])
}

#[test]
fn lists_in_first_appearance_order() {
    let t = Tidy::from_snapshot(&contract_snapshot()).unwrap();
    assert_eq!(t.len(), 7);
    assert_eq!(t.entities(), ["甲", "乙"]);
    assert_eq!(t.metrics(), ["users", "share"]);
    assert_eq!(t.categories(), ["一线", "二线"]);
    assert_eq!(t.metrics_of("乙").unwrap(), ["share", "users"]);
    assert_eq!(
        t.categories_of("乙", "share").unwrap(),
        [Some("一线".to_string())]
    );
    assert_eq!(t.categories_of("甲", "users").unwrap(), [None]);
    let r = t.row(5).unwrap();
    assert_eq!(
        (r.entity, r.metric, r.provenance),
        (None, Some("users"), None)
    );
}

#[test]
fn series_are_sorted_by_date_and_skip_null_dates() {
    let t = Tidy::from_snapshot(&contract_snapshot()).unwrap();
    let s = t.series("甲", "users", None).unwrap();
    assert_eq!(s.dates, ["2023-01-01", "2023-02-01", "2023-03-01"]);
    assert_eq!(s.values, [10.0, 20.0, 30.0]);
    assert_eq!(s.provenance, ["reconstructed", "external", "published"]);
    assert_eq!(s.category, None);
    // Each point's snapshot row (row 4 has a null date and is left out), for Arrow slices.
    assert_eq!(s.rows, [1, 2, 0]);
    // No `qualifier` column: every point is unqualified.
    assert_eq!(s.qualifier, [None, None, None]);
    // A null value stays NaN; a category selects.
    let s = t.series("乙", "users", Some("二线")).unwrap();
    assert!(s.values[0].is_nan());
    assert_eq!(s.category.as_deref(), Some("二线"));
}

#[test]
fn qualifiers_follow_their_points() {
    let t = Tidy::from_snapshot(&snap(vec![
        (
            "date",
            Arc::new(Date32Array::from(vec![day(2), day(1), day(3)])),
        ),
        ("entity", text(&["甲", "甲", "甲"])),
        ("metric", text(&["users", "users", "users"])),
        ("value", Arc::new(Float64Array::from(vec![2.0, 1.0, 3.0]))),
        ("qualifier", dict(&[Some("≈"), None, Some(">")])),
    ]))
    .unwrap();
    let s = t.series("甲", "users", None).unwrap();
    assert_eq!(s.values, [1.0, 2.0, 3.0]);
    assert_eq!(s.rows, [1, 0, 2]);
    assert_eq!(s.qualifier, [None, Some("≈".into()), Some(">".into())]);
    let w = s.window("2023-02-01", "2023-03-01");
    assert_eq!(
        (w.rows, w.qualifier),
        (vec![0, 2], vec![Some("≈".into()), Some(">".into())])
    );
}

#[test]
fn unknown_names_are_invalid_arguments() {
    let t = Tidy::from_snapshot(&contract_snapshot()).unwrap();
    let cases: &[(&str, &str, Option<&str>, &str)] = &[
        (
            "X",
            "users",
            None,
            "no series for entity \"X\" metric \"users\"",
        ),
        ("甲", "x", None, "no series for entity \"甲\" metric \"x\""),
        (
            "甲",
            "share",
            None,
            "no series for entity \"甲\" metric \"share\"",
        ),
        (
            "乙",
            "share",
            Some("二线"),
            "no series for entity \"乙\" metric \"share\" category \"二线\"",
        ),
    ];
    for (e, m, c, msg) in cases {
        let err = t.series(e, m, *c).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert_eq!(err.to_string(), format!("invalid argument: {msg}"));
    }
    assert_eq!(t.metrics_of("X").unwrap_err().code(), "invalid_argument");
}

#[test]
fn several_categories_need_a_choice() {
    let snap = tidy_snapshot(
        &["2023-01-01", "2023-01-01"],
        &["A", "A"],
        &["m", "m"],
        Some(&["一线", "二线"]),
        &[1.0, 2.0],
        &["published", "published"],
    )
    .unwrap();
    let t = Tidy::from_snapshot(&snap).unwrap();
    let err = t.series("A", "m", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument: entity \"A\" metric \"m\" has 2 categories (一线, 二线); pass one"
    );
    assert_eq!(t.series("A", "m", Some("二线")).unwrap().values, [2.0]);
}

#[test]
fn provenance_is_optional() {
    let cols: Vec<(&str, ArrayRef)> = vec![
        ("date", text(&["2023-02-01", "2023-01-01"])),
        ("entity", text(&["A", "A"])),
        ("metric", text(&["m", "m"])),
        ("value", Arc::new(Float64Array::from(vec![2.0, 1.0]))),
    ];
    let s = Tidy::from_snapshot(&snap(cols))
        .unwrap()
        .series("A", "m", None)
        .unwrap();
    assert_eq!(s.values, [1.0, 2.0]);
    assert_eq!(s.provenance, ["", ""]);
}

#[test]
fn schema_errors_name_the_column() {
    let d = || -> ArrayRef { text(&["2023-01-01"]) };
    let e = || text(&["A"]);
    let m = || text(&["m"]);
    let v = || -> ArrayRef { Arc::new(Float64Array::from(vec![1.0])) };
    let p = || text(&["published"]);
    let cases: Vec<(Vec<(&str, ArrayRef)>, &str)> = vec![
        (
            vec![
                ("entity", e()),
                ("metric", m()),
                ("value", v()),
                ("provenance", p()),
            ],
            "missing column \"date\"",
        ),
        (
            vec![
                ("date", d()),
                ("metric", m()),
                ("value", v()),
                ("provenance", p()),
            ],
            "missing column \"entity\"",
        ),
        (
            vec![
                ("date", d()),
                ("entity", e()),
                ("value", v()),
                ("provenance", p()),
            ],
            "missing column \"metric\"",
        ),
        (
            vec![
                ("date", d()),
                ("entity", e()),
                ("metric", m()),
                ("provenance", p()),
            ],
            "missing column \"value\"",
        ),
        (
            vec![
                ("date", d()),
                ("entity", e()),
                ("metric", m()),
                ("value", v()),
                ("provenance", v()),
            ],
            "column \"provenance\" holds numbers",
        ),
        (
            vec![
                ("date", d()),
                ("entity", e()),
                ("metric", m()),
                ("value", text(&["1"])),
                ("provenance", p()),
            ],
            "column \"value\" is not numeric",
        ),
        (
            vec![
                ("date", v()),
                ("entity", e()),
                ("metric", m()),
                ("value", v()),
                ("provenance", p()),
            ],
            "column \"date\" holds numbers",
        ),
        (
            vec![
                ("date", d()),
                ("entity", Arc::new(BooleanArray::from(vec![true]))),
                ("metric", m()),
                ("value", v()),
                ("provenance", p()),
            ],
            "column \"entity\" holds booleans",
        ),
        (
            vec![
                ("date", d()),
                ("entity", e()),
                ("metric", m()),
                ("category", v()),
                ("value", v()),
                ("provenance", p()),
            ],
            "column \"category\" holds numbers",
        ),
    ];
    for (cols, msg) in cases {
        let err = Tidy::from_snapshot(&snap(cols)).unwrap_err();
        assert_eq!(err.code(), "schema_mismatch", "{msg}");
        assert!(err.to_string().contains(msg), "{err} lacks {msg}");
    }
}

#[test]
fn integer_values_and_hourly_timestamps() {
    let hours: Vec<i64> = (0..4).map(|h| 1_701_388_800 + 3600 * h).collect(); // 2023-12-01
    let s = snap(vec![
        ("date", Arc::new(TimestampSecondArray::from(hours))),
        ("entity", text(&["G"; 4])),
        ("metric", text(&["share"; 4])),
        ("value", Arc::new(Int32Array::from(vec![1, 3, 2, 4]))),
        ("provenance", text(&["reconstructed"; 4])),
    ]);
    let t = Tidy::from_snapshot(&s).unwrap();
    assert!(!t.has_category());
    let s = t.series("G", "share", None).unwrap();
    assert_eq!(s.dates[1], "2023-12-01T01:00:00");
    assert_eq!(s.values, [1.0, 3.0, 2.0, 4.0]);
    let peaks = s.local_peaks();
    assert_eq!(peaks.len(), 1);
    assert_eq!(peaks[0].date, "2023-12-01T01:00:00");
}

/// A 36-month series 2021..2023: 100 in 2021, 120 in 2022, 150 in 2023, with a +10 bump in
/// every July.
fn three_years() -> civic_pulse::tidy::Series {
    let mut d = Vec::new();
    let mut v = Vec::new();
    for (y, level) in [(2021, 100.0), (2022, 120.0), (2023, 150.0)] {
        for m in 1..=12 {
            d.push(format!("{y}-{m:02}-01"));
            v.push(level + if m == 7 { 10.0 } else { 0.0 });
        }
    }
    let d: Vec<&str> = d.iter().map(String::as_str).collect();
    let snap = tidy_snapshot(&d, &["X"; 36], &["m"; 36], None, &v, &["reconstructed"; 36]).unwrap();
    Tidy::from_snapshot(&snap)
        .unwrap()
        .series("X", "m", None)
        .unwrap()
}

#[test]
fn analytics_by_date() {
    let s = three_years();
    assert_eq!(s.len(), 36);
    // YoY Jan 2023: 150 / 120 - 1.
    assert!((s.growth(12).unwrap()[24] - 0.25).abs() < 1e-12);
    // Ratio to Jan 2021.
    let r = s.ratio_to_base("2021-01-01").unwrap();
    assert_eq!((r[0], r[35]), (1.0, 1.5));
    // The maximum is the first July of 2023.
    let e = s.extremes();
    assert_eq!(e.max.as_ref().unwrap().date, "2023-07-01");
    assert_eq!(e.max.unwrap().value, 160.0);
    assert_eq!(e.min.unwrap().date, "2021-01-01");
    // Mean 2023 = 150 + 10/12; mean 2021–2022 = 110 + 10/12.
    let want = (150.0 + 10.0 / 12.0) / (110.0 + 10.0 / 12.0) - 1.0;
    let got = s
        .mean_vs_prior_mean(("2023-01-01", "2023-12-01"), ("2021-01-01", "2022-12-01"))
        .unwrap();
    assert!((got - want).abs() < 1e-12);
    // Ranges by date; open bounds.
    let cases: &[(&str, &str, std::ops::Range<usize>)] = &[
        ("2022-01-01", "2022-12-01", 12..24),
        ("", "2021-03-01", 0..3),
        ("2023-11-15", "", 35..36),
        ("2030-01-01", "", 36..36),
        ("2022-06-01", "2022-01-01", 17..17),
    ];
    for (a, b, want) in cases {
        assert_eq!(s.date_range(a, b), *want, "{a}..{b}");
    }
    assert_eq!(s.window("2022-07-01", "2022-07-01").values, [130.0]);
    // Local peaks: the Julys.
    let peaks: Vec<String> = s.local_peaks().into_iter().map(|p| p.date).collect();
    assert_eq!(peaks, ["2021-07-01", "2022-07-01", "2023-07-01"]);
    // STL on monthly data.
    let d = s.stl(12, &StlParams::new()).unwrap();
    assert_eq!(d.trend.len(), 36);
    assert!(d.seasonal_strength > 0.5, "{}", d.seasonal_strength);
    // Errors carry the dates.
    let err = s.value_at("2024-01-01").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument: no value at date \"2024-01-01\" for entity \"X\" metric \"m\""
    );
    let err = s
        .mean_vs_prior_mean(("2023-01-01", "2023-12-01"), ("2030-01-01", "2030-12-01"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    assert_eq!(s.growth(0).unwrap_err().code(), "invalid_argument");
}

#[test]
fn duplicate_dates_are_kept_but_not_indexed() {
    let snap = tidy_snapshot(
        &["2023-02-01", "2023-01-01", "2023-02-01"],
        &["A"; 3],
        &["m"; 3],
        None,
        &[2.0, 1.0, 3.0],
        &["published"; 3],
    )
    .unwrap();
    let s = Tidy::from_snapshot(&snap)
        .unwrap()
        .series("A", "m", None)
        .unwrap();
    // Stable sort: file order within a date.
    assert_eq!(s.values, [1.0, 2.0, 3.0]);
    let err = s.index_of("2023-02-01").unwrap_err();
    assert!(err.to_string().contains("several values"), "{err}");
}

#[test]
fn empty_snapshot_has_nothing() {
    let snap = tidy_snapshot(&[], &[], &[], None, &[], &[]).unwrap();
    let t = Tidy::from_snapshot(&snap).unwrap();
    assert!(t.is_empty());
    assert!(t.entities().is_empty() && t.metrics().is_empty());
    assert_eq!(
        t.series("A", "m", None).unwrap_err().code(),
        "invalid_argument"
    );
    assert!(t.select(None, "m", None, None).is_empty());
    assert!(t.row(0).is_none());
    assert_eq!(
        tidy_snapshot(&["2023-01-01"], &[], &[], None, &[], &[])
            .unwrap_err()
            .code(),
        "invalid_argument"
    );
}

#[test]
fn ipc_round_trip() {
    let snap = tidy_snapshot(
        &["2023-01-01"],
        &["A"],
        &["m"],
        None,
        &[1.0],
        &["published"],
    )
    .unwrap();
    let mut bytes = Vec::new();
    {
        let mut w = arrow_ipc::writer::FileWriter::try_new(&mut bytes, snap.schema()).unwrap();
        for b in snap.batches() {
            w.write(b).unwrap();
        }
        w.finish().unwrap();
    }
    let t = Tidy::from_ipc(&bytes).unwrap();
    assert_eq!(t.series("A", "m", None).unwrap().values, [1.0]);
    // A timestamp with a time zone renders with Z and still sorts.
    let tz = snap_tz();
    let t = Tidy::from_snapshot(&tz).unwrap();
    assert_eq!(
        t.series("A", "m", None).unwrap().dates,
        ["2023-12-01T00:00:00Z", "2023-12-01T01:00:00Z"]
    );
}

fn snap_tz() -> Snapshot {
    let ts = TimestampSecondArray::from(vec![1_701_392_400, 1_701_388_800]).with_timezone("UTC");
    assert_eq!(
        ts.data_type(),
        &DataType::Timestamp(TimeUnit::Second, Some("UTC".into()))
    );
    snap(vec![
        ("date", Arc::new(ts)),
        ("entity", text(&["A", "A"])),
        ("metric", text(&["m", "m"])),
        ("value", Arc::new(Float64Array::from(vec![2.0, 1.0]))),
        ("provenance", text(&["published", "published"])),
    ])
}
