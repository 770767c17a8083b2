//! The build is reproducible and the checked-in files are what the sources produce; every
//! published value equals the report's figure; every snapshot carries the declared metadata.

mod datasets_common;
use datasets_common::*;

use std::collections::BTreeSet;

use arrow_schema::{DataType, TimeUnit};
use build_data::{build_all, reconstruct, spec::load_specs};

fn data() -> std::path::PathBuf {
    root().join("data")
}

#[test]
fn checked_in_snapshots_equal_a_fresh_build() {
    // This is the "CSV and snapshots disagree" test: rebuild in memory, compare bytes.
    let out = build_all(&data()).unwrap();
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("www/data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // `make build` writes compressed copies beside every asset for the server (git-ignored).
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    let built: BTreeSet<String> = out.files.iter().map(|f| f.name.clone()).collect();
    assert_eq!(on_disk, built, "www/data has stale or missing files");
    for f in &out.files {
        let disk = std::fs::read(root().join("www/data").join(&f.name)).unwrap();
        assert!(
            disk == f.bytes,
            "{} differs from a fresh build: run `make data`",
            f.name
        );
    }
    let docs = std::fs::read_to_string(root().join("docs/datasets.md")).unwrap();
    assert_eq!(docs, out.docs, "docs/datasets.md is stale");
}

#[test]
fn build_is_byte_for_byte_deterministic() {
    let a = build_all(&data()).unwrap();
    let b = build_all(&data()).unwrap();
    assert_eq!(a.files, b.files);
}

#[test]
fn reconstructed_csv_equals_the_method() {
    for (rel, text) in reconstruct::generate().unwrap() {
        let disk = std::fs::read_to_string(data().join(&rel)).unwrap();
        assert!(
            disk == text,
            "{rel} differs from reconstruct.rs: run build-data --regen"
        );
    }
    let generated: Vec<_> = load_specs(&data())
        .unwrap()
        .into_iter()
        .filter(|s| s.generated)
        .map(|s| s.csv)
        .collect();
    let produced: Vec<_> = reconstruct::generate()
        .unwrap()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        generated.iter().collect::<BTreeSet<_>>(),
        produced.iter().collect::<BTreeSet<_>>()
    );
}

#[test]
fn catalog_matches_files() {
    let text = std::fs::read_to_string(root().join("www/data/catalog.json")).unwrap();
    let cat: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(cat.len(), load_specs(&data()).unwrap().len() + 1);
    for e in &cat {
        let file = e["file"].as_str().unwrap();
        let bytes = std::fs::read(root().join("www/data").join(file)).unwrap();
        use sha2::Digest;
        let hex: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(e["sha256"], hex.as_str(), "{file}");
        let snap = civic_pulse::Snapshot::from_ipc(&bytes).unwrap();
        assert_eq!(e["rows"], snap.num_rows(), "{file}");
        let p = &e["provenance"];
        let total = p["published"].as_u64().unwrap()
            + p["external"].as_u64().unwrap()
            + p["reconstructed"].as_u64().unwrap();
        assert_eq!(total as usize, snap.num_rows(), "{file}: provenance counts");
        for k in ["id", "title_zh", "title_en", "unit", "source"] {
            assert!(!e[k].as_str().unwrap().is_empty(), "{file}: {k}");
        }
        // claims.arrow's own `qualifier` column is the claim's printed wording, not the dataset
        // contract's value qualifier.
        let has_q = file != "claims.arrow" && snap.column_names().iter().any(|c| c == "qualifier");
        assert_eq!(e["has_qualifier"], has_q, "{file}: has_qualifier");
        if has_q {
            let n = match snap.column("qualifier").unwrap() {
                civic_pulse::Column::Text(v) => v.iter().flatten().count(),
                _ => unreachable!(),
            };
            assert_eq!(e["qualified_rows"], n, "{file}: qualified_rows");
        } else {
            assert_eq!(e["qualified_rows"], 0, "{file}: qualified_rows");
        }
        if file != "claims.arrow" {
            let meta = snap.metadata();
            for k in ["notes_zh", "notes_en"] {
                assert_eq!(e[k], meta[k].as_str(), "{file}: catalog {k}");
            }
        }
    }
}

#[test]
fn every_snapshot_has_contract_metadata_and_types() {
    let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    for spec in load_specs(&data()).unwrap() {
        let s = snapshot(&spec.id);
        let meta = s.metadata();
        for k in [
            "title_zh",
            "title_en",
            "unit",
            "source",
            "notes",
            "dataset_id",
            "provenance_counts",
        ] {
            assert!(
                meta.get(k).is_some_and(|v| !v.is_empty()),
                "{}: metadata {k}",
                spec.id
            );
        }
        assert_eq!(meta["dataset_id"], spec.id);
        let prov = text(&s, "provenance");
        assert!(prov
            .iter()
            .all(|p| ["published", "external", "reconstructed"].contains(&p.as_str())));
        let schema = s.schema();
        assert_eq!(
            schema.field_with_name("provenance").unwrap().data_type(),
            &dict
        );
        for k in ["notes_zh", "notes_en"] {
            assert!(
                meta.get(k)
                    .is_some_and(|v| !v.is_empty() && v != &meta["notes"]),
                "{}: reader notes {k} present and apart from the build notes",
                spec.id
            );
        }
        if let Ok(q) = schema.field_with_name("qualifier") {
            assert_eq!(q.data_type(), &dict, "{}: qualifier type", spec.id);
            assert!(q.is_nullable(), "{}: qualifier nullable", spec.id);
            let cells = match s.column("qualifier").unwrap() {
                civic_pulse::Column::Text(v) => v,
                other => panic!("{}: qualifier is {other:?}", spec.id),
            };
            assert!(
                cells
                    .iter()
                    .flatten()
                    .all(|c| ["≈", ">", "<", "≥", "≤"].contains(&c.as_str())),
                "{}: qualifier vocabulary {cells:?}",
                spec.id
            );
        }
        if spec.kind == build_data::spec::Kind::Series {
            let mut contract = vec![
                "date",
                "entity",
                "metric",
                "category",
                "value",
                "provenance",
                "constraints",
            ];
            if s.column_names().len() == 8 {
                contract.push("qualifier");
            }
            assert_eq!(s.column_names(), contract, "{}", spec.id);
            let date = schema.field_with_name("date").unwrap().data_type().clone();
            assert!(
                date == DataType::Date32 || date == DataType::Timestamp(TimeUnit::Second, None),
                "{}",
                spec.id
            );
            for c in ["entity", "metric", "category"] {
                assert_eq!(schema.field_with_name(c).unwrap().data_type(), &dict);
            }
            assert_eq!(
                schema.field_with_name("value").unwrap().data_type(),
                &DataType::Float64
            );
            if prov.iter().any(|p| p == "reconstructed") && !meta.contains_key("method") {
                // Derived-only datasets explain the derivation in notes.
                assert!(
                    meta["notes"].contains("DERIVED") || meta["notes"].contains("derived"),
                    "{}",
                    spec.id
                );
            }
        }
    }
}

/// Reads a facts table: (English header, rows).
fn facts_table(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(data().join("facts/tables").join(file)).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let header = rows[0]
        .iter()
        .map(|h| h.trim_start_matches('#').trim().to_string())
        .collect();
    (header, rows[2..].to_vec())
}

#[test]
fn published_table_values_equal_the_report_tables() {
    let pairs = [
        (
            "local_gov_apps_top20_2023_12",
            "t01_local_gov_apps_top20_2023-12.csv",
        ),
        (
            "yunshanfu_provinces_top15_2023_12",
            "t02_yunshanfu_top15_provinces_2023-12.csv",
        ),
        (
            "state_grid_provinces_top5_2023_12",
            "t03_wangshangguowang_top5_provinces_2023-12.csv",
        ),
        ("scores_2017", "t04_2017_city_mobile_gov_service_scores.csv"),
        ("indicator_weights_2017", "t05a_2017_indicator_weights.csv"),
        ("scoring_rules_2017", "t05b_2017_scoring_rules.csv"),
        ("evaluated_apps_2017", "t06_2017_evaluated_city_apps.csv"),
        ("city_types_2021", "t07_2021_city_type_lists.csv"),
        (
            "tsinghua_index_weights",
            "t08_tsinghua_digital_gov_index_weights.csv",
        ),
        (
            "data_sharing_mechanisms_2020",
            "t09_2020_state_council_ministries_data_sharing.csv",
        ),
        ("egdi_levels", "t10_un_edgi_level_thresholds.csv"),
    ];
    for (id, file) in pairs {
        let s = snapshot(id);
        let (header, rows) = facts_table(file);
        assert_eq!(s.num_rows(), rows.len(), "{id}");
        for (j, name) in header.iter().enumerate() {
            let col = if s.column_names().contains(name) {
                name.clone()
            } else {
                format!("{name}_pct")
            };
            let got: Vec<String> = match s.column(&col).unwrap() {
                civic_pulse::Column::Float(v) => v
                    .iter()
                    .map(|x| {
                        if x.is_nan() {
                            String::new()
                        } else {
                            x.to_string()
                        }
                    })
                    .collect(),
                civic_pulse::Column::Text(v) => {
                    v.into_iter().map(|x| x.unwrap_or_default()).collect()
                }
                civic_pulse::Column::Bool(_) => unreachable!(),
            };
            for (i, row) in rows.iter().enumerate() {
                let want = row[j].trim_end_matches('%');
                let same = match (want.parse::<f64>(), got[i].parse::<f64>()) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => want == got[i],
                };
                assert!(
                    same,
                    "{id} row {i} {name}: report {want:?}, snapshot {:?}",
                    got[i]
                );
            }
        }
        if id != "scores_2017" {
            assert!(
                text(&s, "provenance").iter().all(|p| p == "published"),
                "{id}"
            );
        }
    }
    // The derived subtotals of scores_2017 are sums of the printed level-2 scores.
    let s = snapshot("scores_2017");
    let col = |n: &str| floats(&s, n);
    let sum = |names: &[&str]| -> Vec<f64> {
        (0..22)
            .map(|i| names.iter().map(|n| col(n)[i]).sum())
            .collect()
    };
    assert_eq!(
        col("ux_subtotal"),
        sum(&[
            "L2_initialization_experience",
            "L2_account_authentication",
            "L2_ease_of_use",
            "L2_acquisition_channels"
        ])
    );
    assert_eq!(
        col("ops_subtotal"),
        sum(&[
            "L2_content_operation",
            "L2_interaction_operation",
            "L2_user_operation"
        ])
    );
    assert_eq!(
        col("svc_subtotal"),
        sum(&[
            "L2_convenience_services",
            "L2_service_guides",
            "L2_approval_services",
            "L2_service_status_query"
        ])
    );
    assert_eq!(
        col("total_score"),
        sum(&[
            "ux_subtotal",
            "ops_subtotal",
            "svc_subtotal",
            "bonus_platform_innovation"
        ])
    );
}

#[test]
fn facts_copies_are_verbatim() {
    // data/facts is a verbatim copy of ../shared/facts; compare when the shared tree is present.
    let shared = root().join("../shared/facts");
    if !shared.exists() {
        return;
    }
    for rel in [
        "claims.csv",
        "consistency_checks.csv",
        "series_spec.md",
        "tables/t01_local_gov_apps_top20_2023-12.csv",
        "tables/t04_2017_city_mobile_gov_service_scores.csv",
        "derived/2017_city_scores_derived.csv",
    ] {
        assert_eq!(
            std::fs::read(shared.join(rel)).unwrap(),
            std::fs::read(data().join("facts").join(rel)).unwrap(),
            "{rel}"
        );
    }
    for entry in std::fs::read_dir(shared.join("tables")).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(shared.join("tables").join(&name)).unwrap(),
            std::fs::read(data().join("facts/tables").join(&name)).unwrap()
        );
    }
}

#[test]
fn consistency_recomputations_hold() {
    let c = snapshot("consistency");
    assert_eq!(c.num_rows(), 45);
    let ids = text(&c, "check_id");
    let rec = floats(&c, "recomputed");
    let get = |id: &str| rec[ids.iter().position(|x| x == id).unwrap()];
    let s = snapshot("scores_2017");
    let (region, total, ops, svc) = (
        text(&s, "region_3belt"),
        floats(&s, "total_score"),
        floats(&s, "ops_subtotal"),
        floats(&s, "svc_subtotal"),
    );
    let gmean = |col: &[f64], r: Option<&str>| {
        let v: Vec<f64> = (0..22)
            .filter(|&i| r.is_none_or(|r| region[i] == r))
            .map(|i| col[i])
            .collect();
        mean(&v)
    };
    for (id, x) in [
        ("K02", gmean(&total, None)),
        ("K03", gmean(&total, Some("东部"))),
        ("K04", gmean(&total, Some("中部"))),
        ("K05", gmean(&total, Some("西部"))),
        ("K08", gmean(&ops, None)),
        ("K12", gmean(&svc, Some("东部"))),
    ] {
        assert!((get(id) - x).abs() < 1e-6, "{id}: {} vs {x}", get(id));
    }
    let contra = match c.column("is_contradiction").unwrap() {
        civic_pulse::Column::Bool(v) => v.iter().filter(|b| **b == Some(true)).count(),
        _ => unreachable!(),
    };
    assert_eq!(contra, 15);
}

#[test]
fn claims_snapshot_has_one_row_per_distinct_claim() {
    let c = snapshot("claims");
    assert_eq!(c.num_rows(), 244);
    let text_facts = std::fs::read_to_string(data().join("facts/claims.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text_facts.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let facts: Vec<_> = r
        .records()
        .map(|x| x.unwrap())
        .filter(|x| x[col("duplicate_of")].is_empty())
        .collect();
    let (ids, quotes, values) = (text(&c, "id"), text(&c, "quote"), text(&c, "printed_value"));
    for (i, f) in facts.iter().enumerate() {
        assert_eq!(ids[i], &f[col("id")]);
        assert_eq!(quotes[i], &f[col("exact_quote")]);
        assert_eq!(values[i], &f[col("value")]);
    }
    let computable = match c.column("computable").unwrap() {
        civic_pulse::Column::Bool(v) => v,
        _ => unreachable!(),
    };
    let reasons = text(&c, "reason");
    for i in 0..244 {
        assert_eq!(
            computable[i] == Some(false),
            !reasons[i].is_empty(),
            "{}",
            ids[i]
        );
    }
}
