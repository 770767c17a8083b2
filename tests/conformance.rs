//! Conformance against Apache Arrow's integration "gold" files in `../shared/arrow-testing/`
//! (override the location with `CIVIC_ARROW_TESTING`).
//!
//! For every case, both the IPC file and the IPC stream are read. Every column of a supported
//! type must equal the `.json.gz` contents exactly, decoded here independently of the reader
//! (chrono for dates and times, string arithmetic for decimals); every other column must be
//! refused with `unsupported_type` naming the type and the column.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime};
use civic_pulse::{Column, Snapshot};
use common::{corpus_dir, same_column};
use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let dir = corpus_dir();
    for sub in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let sub = sub.unwrap().path();
        if !sub.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sub).unwrap() {
            let p = f.unwrap().path();
            if p.to_string_lossy().ends_with(".json.gz") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read_json(path: &Path) -> Value {
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut s)
        .unwrap();
    serde_json::from_str(&s).unwrap()
}

/// What a JSON field should become, decided from the JSON type alone.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Float,
    Text,
    Bool,
    Unsupported,
}

fn expectation(field: &Value) -> Expect {
    let ty = &field["type"];
    match ty["name"].as_str().unwrap() {
        "int" | "floatingpoint" | "decimal" => Expect::Float,
        "utf8" | "largeutf8" | "utf8view" | "date" | "time" | "timestamp" | "null" => Expect::Text,
        "bool" => Expect::Bool,
        _ => Expect::Unsupported,
    }
}

fn num(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn decimal(unscaled: &str, scale: i64) -> f64 {
    // Insert the decimal point into the digit string, then let the float parser round once.
    let (sign, digits) = unscaled
        .strip_prefix('-')
        .map_or(("", unscaled), |d| ("-", d));
    let s = if scale <= 0 {
        format!("{sign}{digits}{}", "0".repeat((-scale) as usize))
    } else {
        let scale = scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{sign}{int}.{frac}")
    };
    s.parse().unwrap()
}

fn unit_digits(unit: &str) -> (i64, usize) {
    match unit {
        "SECOND" => (1, 0),
        "MILLISECOND" => (1_000, 3),
        "MICROSECOND" => (1_000_000, 6),
        "NANOSECOND" => (1_000_000_000, 9),
        u => panic!("unit {u}"),
    }
}

fn expected_text(ty: &Value, raw: &Value) -> String {
    let v: i64 = num(raw).parse().unwrap();
    match ty["name"].as_str().unwrap() {
        "date" => {
            let days = if ty["unit"] == "DAY" {
                v
            } else {
                v.div_euclid(86_400_000)
            };
            let d = NaiveDate::from_num_days_from_ce_opt((days + 719_163) as i32).unwrap();
            d.format("%Y-%m-%d").to_string()
        }
        "timestamp" => {
            let (per, digits) = unit_digits(ty["unit"].as_str().unwrap());
            let dt = DateTime::from_timestamp(
                v.div_euclid(per),
                (v.rem_euclid(per) * (1_000_000_000 / per)) as u32,
            )
            .unwrap()
            .naive_utc();
            let mut s = dt.format("%Y-%m-%dT%H:%M:%S").to_string();
            if digits > 0 {
                let f = v.rem_euclid(per);
                s.push_str(&format!(".{f:0digits$}"));
            }
            if ty.get("timezone").is_some() {
                s.push('Z');
            }
            s
        }
        "time" => {
            let (per, digits) = unit_digits(ty["unit"].as_str().unwrap());
            let secs = v / per;
            let mut s = if secs < 86_400 {
                NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, 0)
                    .unwrap()
                    .format("%H:%M:%S")
                    .to_string()
            } else {
                assert_eq!(v, 86_400 * per, "only a whole day may exceed 23:59:59");
                "24:00:00".to_string()
            };
            if digits > 0 {
                s.push_str(&format!(".{:0digits$}", v % per));
            }
            s
        }
        other => panic!("not a temporal type: {other}"),
    }
}

/// Values of one JSON column (plain or dictionary-decoded) in the reader's representation.
fn expected_column(field: &Value, col: &Value, dicts: &HashMap<i64, Value>) -> Column {
    let count = col["count"].as_u64().unwrap() as usize;
    let valid = |i: usize| -> bool {
        col.get("VALIDITY")
            .is_none_or(|v| v[i].as_i64().unwrap() == 1)
    };
    // Dictionary: DATA holds indices into the dictionary batch's single column.
    if let Some(d) = field.get("dictionary") {
        let dict = &dicts[&d["id"].as_i64().unwrap()];
        let values = expected_column(&strip_dictionary(field), &dict["columns"][0], dicts);
        let keys: Vec<Option<usize>> = (0..count)
            .map(|i| valid(i).then(|| num(&col["DATA"][i]).parse().unwrap()))
            .collect();
        return match values {
            Column::Float(v) => {
                Column::Float(keys.iter().map(|k| k.map_or(f64::NAN, |k| v[k])).collect())
            }
            Column::Text(v) => {
                Column::Text(keys.iter().map(|k| k.and_then(|k| v[k].clone())).collect())
            }
            Column::Bool(v) => Column::Bool(keys.iter().map(|k| k.and_then(|k| v[k])).collect()),
        };
    }
    let ty = &field["type"];
    let data = |i: usize| &col["DATA"][i];
    match ty["name"].as_str().unwrap() {
        "int" => Column::Float(
            (0..count)
                .map(|i| {
                    if !valid(i) {
                        return f64::NAN;
                    }
                    let s = num(data(i));
                    if ty["isSigned"].as_bool().unwrap() {
                        s.parse::<i64>().unwrap() as f64
                    } else {
                        s.parse::<u64>().unwrap() as f64
                    }
                })
                .collect(),
        ),
        "floatingpoint" => Column::Float(
            (0..count)
                .map(|i| {
                    if !valid(i) {
                        return f64::NAN;
                    }
                    let x = data(i).as_f64().unwrap();
                    match ty["precision"].as_str().unwrap() {
                        "SINGLE" => x as f32 as f64,
                        _ => x,
                    }
                })
                .collect(),
        ),
        "decimal" => {
            let scale = ty["scale"].as_i64().unwrap();
            Column::Float(
                (0..count)
                    .map(|i| {
                        if valid(i) {
                            decimal(&num(data(i)), scale)
                        } else {
                            f64::NAN
                        }
                    })
                    .collect(),
            )
        }
        "utf8" | "largeutf8" | "utf8view" => Column::Text(
            (0..count)
                .map(|i| valid(i).then(|| data(i).as_str().unwrap().to_string()))
                .collect(),
        ),
        "null" => Column::Text(vec![None; count]),
        "bool" => Column::Bool(
            (0..count)
                .map(|i| valid(i).then(|| data(i).as_bool().unwrap()))
                .collect(),
        ),
        "date" | "time" | "timestamp" => Column::Text(
            (0..count)
                .map(|i| valid(i).then(|| expected_text(ty, data(i))))
                .collect(),
        ),
        other => panic!("no expectation for {other}"),
    }
}

fn strip_dictionary(field: &Value) -> Value {
    let mut f = field.clone();
    f.as_object_mut().unwrap().remove("dictionary");
    f
}

fn append(acc: Option<Column>, part: Column) -> Column {
    match (acc, part) {
        (None, p) => p,
        (Some(Column::Float(mut a)), Column::Float(b)) => {
            a.extend(b);
            Column::Float(a)
        }
        (Some(Column::Text(mut a)), Column::Text(b)) => {
            a.extend(b);
            Column::Text(a)
        }
        (Some(Column::Bool(mut a)), Column::Bool(b)) => {
            a.extend(b);
            Column::Bool(a)
        }
        _ => panic!("mixed kinds"),
    }
}

#[test]
fn every_gold_file_reads_exactly_or_refuses_clearly() {
    let cases = cases();
    assert!(
        cases.len() >= 27,
        "expected the whole corpus, found {} cases",
        cases.len()
    );
    let (mut compared, mut refused, mut files) = (0usize, 0usize, 0usize);
    for json_path in &cases {
        let json = read_json(json_path);
        let dicts: HashMap<i64, Value> = json
            .get("dictionaries")
            .and_then(Value::as_array)
            .map(|ds| {
                ds.iter()
                    .map(|d| (d["id"].as_i64().unwrap(), d["data"].clone()))
                    .collect()
            })
            .unwrap_or_default();
        let fields = json["schema"]["fields"].as_array().unwrap();
        let batches = json["batches"].as_array().unwrap();
        let stem = json_path
            .to_string_lossy()
            .trim_end_matches(".json.gz")
            .to_string();
        for ext in ["arrow_file", "stream"] {
            let path = PathBuf::from(format!("{stem}.{ext}"));
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            files += 1;
            let snap = match Snapshot::from_ipc(&bytes) {
                Ok(snap) => snap,
                // A big-endian file may be refused whole, naming its byte order.
                Err(e)
                    if is_big_endian(&path)
                        && e.code() == "unsupported_type"
                        && e.to_string().contains("big-endian") =>
                {
                    refused += 1;
                    continue;
                }
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let rows: usize = batches
                .iter()
                .map(|b| b["count"].as_u64().unwrap() as usize)
                .sum();
            assert_eq!(snap.num_rows(), rows, "{}", path.display());
            let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(snap.column_names(), names, "{}", path.display());
            // Custom schema metadata, where the JSON declares some.
            if let Some(meta) = json["schema"].get("metadata").and_then(Value::as_array) {
                let got = snap.metadata();
                for kv in meta {
                    let (k, v) = (kv["key"].as_str().unwrap(), kv["value"].as_str().unwrap());
                    assert_eq!(
                        got.get(k).map(String::as_str),
                        Some(v),
                        "{}: metadata {k}",
                        path.display()
                    );
                }
            }
            for (i, field) in fields.iter().enumerate() {
                let name = names[i];
                let supported = match expectation(field) {
                    Expect::Unsupported => false,
                    _ => {
                        field.get("dictionary").is_none()
                            || field["children"].as_array().unwrap().is_empty()
                    }
                };
                let got = snap.column_at(i);
                if !supported {
                    let err =
                        got.expect_err(&format!("{}: {name} should be refused", path.display()));
                    assert_eq!(
                        err.code(),
                        "unsupported_type",
                        "{}: {name}: {err}",
                        path.display()
                    );
                    assert!(
                        err.to_string().contains(name),
                        "{err} does not name the column {name}"
                    );
                    refused += 1;
                    continue;
                }
                let got = got.unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
                let mut want = None;
                for b in batches {
                    want = Some(append(
                        want,
                        expected_column(field, &b["columns"][i], &dicts),
                    ));
                }
                let want = want.unwrap_or_else(|| match expectation(field) {
                    Expect::Float => Column::Float(vec![]),
                    Expect::Bool => Column::Bool(vec![]),
                    _ => Column::Text(vec![]),
                });
                assert!(
                    same_column(&got, &want),
                    "{}: column {name}\n got {got:?}\nwant {want:?}",
                    path.display()
                );
                compared += 1;
            }
        }
    }
    eprintln!("conformance: {files} files, {compared} columns compared, {refused} refused");
    assert!(
        files >= 50 && compared >= 100 && refused >= 20,
        "{files} {compared} {refused}"
    );
}

fn is_big_endian(path: &Path) -> bool {
    path.to_string_lossy().contains("bigendian")
}

/// Arrow's big-endian gold files (`1.0.0-bigendian/`, present when the corpus has them):
/// each decodes to exactly the arrays of its little-endian twin, or is refused whole with
/// `unsupported_type` naming big-endian byte order — never different values, never
/// `invalid_ipc`. (The test above also checks them against their JSON.)
#[test]
fn big_endian_gold_files_equal_their_little_endian_twins() {
    let (mut equal, mut refused) = (0, 0);
    for json_path in cases().iter().filter(|p| is_big_endian(p)) {
        let stem = json_path
            .to_string_lossy()
            .trim_end_matches(".json.gz")
            .to_string();
        for ext in ["arrow_file", "stream"] {
            let be_path = PathBuf::from(format!("{stem}.{ext}"));
            let le_path = PathBuf::from(
                be_path
                    .to_string_lossy()
                    .replace("bigendian", "littleendian"),
            );
            let (Ok(be), Ok(le)) = (std::fs::read(&be_path), std::fs::read(&le_path)) else {
                continue;
            };
            let want = Snapshot::from_ipc(&le).unwrap();
            match Snapshot::from_ipc(&be) {
                Ok(got) => {
                    assert_eq!(got.schema(), want.schema(), "{}", be_path.display());
                    assert_eq!(got.batches(), want.batches(), "{}", be_path.display());
                    equal += 1;
                }
                Err(e) => {
                    assert_eq!(e.code(), "unsupported_type", "{}: {e}", be_path.display());
                    assert!(e.to_string().contains("big-endian"), "{e}");
                    refused += 1;
                }
            }
        }
    }
    eprintln!("big-endian gold files: {equal} equal to their twins, {refused} refused");
}

#[test]
fn unsupported_types_name_type_and_column() {
    let path = corpus_dir().join("1.0.0-littleendian/generated_nested.arrow_file");
    let snap = Snapshot::from_ipc(&std::fs::read(path).unwrap()).unwrap();
    let name = snap.column_names()[0].clone();
    let err = snap.column(&name).unwrap_err();
    assert_eq!(err.code(), "unsupported_type");
    let msg = err.to_string();
    assert!(msg.contains(&name) && msg.contains("List"), "{msg}");
}

#[test]
fn every_truncation_of_a_gold_file_errors_without_panicking() {
    for name in [
        "2.0.0-compression/generated_lz4.arrow_file",
        "1.0.0-littleendian/generated_dictionary.stream",
    ] {
        let bytes = std::fs::read(corpus_dir().join(name)).unwrap();
        for cut in 0..bytes.len() {
            // A prefix may still be a complete stream (end-of-stream is optional); what matters is
            // a typed result and no panic.
            if let Err(e) = Snapshot::from_ipc(&bytes[..cut]) {
                assert!(
                    matches!(e.code(), "invalid_ipc" | "unsupported_type"),
                    "{name}[..{cut}]: {e}"
                );
            }
        }
    }
}
