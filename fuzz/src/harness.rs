// Fuzz harnesses for civic-pulse. Each takes raw fuzzer bytes, must never panic, and checks
// invariants: every error carries a contract code, columns have `num_rows` values, and so on.
// Included by `fuzz/src/lib.rs` (the cargo-fuzz targets) and by `tests/fuzz_regressions.rs`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Unstructured};
use civic_pulse::analytics::{self, Fill, StlParams};
use civic_pulse::claims::{self, Claim};
use civic_pulse::{Column, Error, Snapshot, Tidy};

const CODES: [&str; 7] = civic_pulse::Error::CODES;

fn check_err(e: &Error) {
    assert!(CODES.contains(&e.code()), "unknown code {}", e.code());
    assert!(!e.to_string().is_empty());
}

fn ok_or_code<T>(r: Result<T, Error>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            check_err(&e);
            None
        }
    }
}

/// The cheap accessors every reader of a snapshot calls.
fn touch(snap: &Snapshot) {
    let names = snap.column_names();
    assert_eq!(names.len(), snap.schema().fields().len());
    let _ = snap.metadata();
    let rows: usize = snap.batches().iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, snap.num_rows());
}

/// IPC file bytes (the magic is added when missing, so the file reader always runs).
pub fn ipc_file(data: &[u8]) {
    let owned;
    let bytes = if data.starts_with(b"ARROW1") {
        data
    } else {
        owned = [b"ARROW1\0\0".as_slice(), data].concat();
        &owned
    };
    if let Some(snap) = ok_or_code(Snapshot::from_ipc(bytes)) {
        touch(&snap);
    }
}

/// IPC stream bytes (file-format inputs are skipped).
pub fn ipc_stream(data: &[u8]) {
    if data.starts_with(b"ARROW1") {
        return;
    }
    if let Some(snap) = ok_or_code(Snapshot::from_ipc(data)) {
        touch(&snap);
    }
}

/// Every accessor on whatever decodes.
pub fn columns(data: &[u8]) {
    let Some(snap) = ok_or_code(Snapshot::from_ipc(data)) else {
        return;
    };
    touch(&snap);
    let n = snap.num_rows();
    for (i, name) in snap.column_names().iter().enumerate() {
        let by_index = ok_or_code(snap.column_at(i));
        if let Some(c) = &by_index {
            assert_eq!(c.len(), n, "column {i} length");
        }
        if snap.column_index(name).ok() == Some(i) {
            let by_name = ok_or_code(snap.column(name));
            assert_eq!(by_name.is_some(), by_index.is_some());
        }
        if let Some(chunks) = ok_or_code(snap.float_chunks(i)) {
            let flat: Vec<f64> = chunks.iter().flat_map(|c| c.iter().copied()).collect();
            match &by_index {
                Some(Column::Float(v)) => {
                    assert_eq!(flat.len(), v.len());
                    for (a, b) in flat.iter().zip(v) {
                        assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
                    }
                }
                other => panic!("float_chunks succeeded but column_at gave {other:?}"),
            }
        }
    }
    let _ = ok_or_code(snap.column_at(usize::MAX));
    let _ = ok_or_code(snap.column("\u{0}no such column"));
    if let Some(tidy) = ok_or_code(Tidy::from_snapshot(&snap)) {
        assert_eq!(tidy.len(), n);
        for e in tidy.entities().iter().take(4) {
            for m in ok_or_code(tidy.metrics_of(e))
                .unwrap_or_default()
                .iter()
                .take(4)
            {
                if let Some(s) = ok_or_code(tidy.series(e, m, None)) {
                    let _ = ok_or_code(s.growth(1));
                    let _ = s.extremes();
                    let _ = ok_or_code(s.stl(2, &StlParams::new()));
                }
            }
        }
    }
}

fn floats(v: &[f64], max: usize) -> Vec<f64> {
    v.iter().take(max).copied().collect()
}

#[derive(Arbitrary, Debug)]
struct StlOpts {
    seasonal: Option<u32>,
    trend: Option<u32>,
    low_pass: Option<u32>,
    degs: (u8, u8, u8),
    robust: bool,
    jumps: (u32, u32, u32),
    inner: Option<u8>,
    outer: Option<u8>,
    linear: bool,
}

impl StlOpts {
    fn params(&self) -> StlParams {
        let mut p = StlParams::new();
        if let Some(s) = self.seasonal {
            p.seasonal = s as usize;
        }
        p.trend = self.trend.map(|t| t as usize);
        p.low_pass = self.low_pass.map(|t| t as usize);
        (p.seasonal_deg, p.trend_deg, p.low_pass_deg) =
            (self.degs.0 % 3, self.degs.1 % 3, self.degs.2 % 3);
        p.robust = self.robust;
        p.seasonal_jump = self.jumps.0 as usize;
        p.trend_jump = self.jumps.1 as usize;
        p.low_pass_jump = self.jumps.2 as usize;
        // Iterations bounded so a run measures robustness, not patience (each is O(n)).
        p.inner_iter = self.inner.map(|i| usize::from(i % 8));
        p.outer_iter = self.outer.map(|i| usize::from(i % 16));
        p.fill = if self.linear {
            Fill::Linear
        } else {
            Fill::None
        };
        p
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    Growth(Vec<f64>, u64),
    Cagr(f64, f64, f64),
    CompoundGrowth(Vec<f64>, u64),
    ImpliedStart(f64, f64, f64),
    RatioToBase(Vec<f64>, u64),
    Extremes(Vec<f64>),
    Peaks(Vec<f64>),
    Troughs(Vec<f64>),
    MeanVsPriorMean(Vec<f64>, (u64, u64), (u64, u64)),
    Penetration(Vec<f64>, Vec<f64>),
    PenetrationWithBase(Vec<f64>, Vec<f64>, String, u64, u64),
    PpChange(Vec<f64>, Vec<f64>),
    Stl(Vec<f64>, u32, StlOpts),
    StlResolve(u64, StlOpts),
    TierShares(Vec<f64>),
    Tgi(Vec<f64>, Vec<f64>),
    ParseTier(String),
    GroupBy(Vec<Option<String>>, Vec<f64>),
}

/// One analytics call with arbitrary arrays and options.
pub fn analytics(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(op) = Op::arbitrary(&mut u) else {
        return;
    };
    let us = |x: u64| usize::try_from(x).unwrap_or(usize::MAX);
    match op {
        Op::Growth(v, lag) => {
            if let Some(g) = ok_or_code(analytics::growth(&v, us(lag))) {
                assert_eq!(g.len(), v.len());
            }
        }
        Op::Cagr(a, b, c) => {
            let _ = ok_or_code(analytics::cagr(a, b, c));
        }
        Op::CompoundGrowth(v, w) => {
            if let Some(g) = ok_or_code(analytics::compound_growth(&v, us(w))) {
                assert_eq!(g.len(), v.len());
            }
        }
        Op::ImpliedStart(a, b, c) => {
            let _ = analytics::implied_start(a, b, c);
        }
        Op::RatioToBase(v, i) => {
            let _ = ok_or_code(analytics::ratio_to_base(&v, us(i)));
        }
        Op::Extremes(v) => {
            let e = analytics::extremes(&v);
            for x in [e.max, e.min].into_iter().flatten() {
                assert!(x.index < v.len());
            }
        }
        Op::Peaks(v) => assert!(analytics::local_peaks(&v).iter().all(|&i| i < v.len())),
        Op::Troughs(v) => assert!(analytics::local_troughs(&v).iter().all(|&i| i < v.len())),
        Op::MeanVsPriorMean(v, a, b) => {
            let _ = ok_or_code(analytics::mean_vs_prior_mean(
                &v,
                us(a.0)..us(a.1),
                us(b.0)..us(b.1),
            ));
        }
        Op::Penetration(a, b) => {
            let _ = ok_or_code(analytics::penetration(&a, &b));
        }
        Op::PenetrationWithBase(a, b, name, from, to) => {
            if let Some(p) = ok_or_code(analytics::Penetration::new(&a, &b, name)) {
                let _ = ok_or_code(p.pp_change_between(us(from), us(to)));
            }
        }
        Op::PpChange(a, b) => {
            let _ = ok_or_code(analytics::pp_change(&a, &b));
        }
        Op::Stl(v, period, opts) => {
            // Up to 2,000 points: enough for every code path, short enough for many runs.
            let v = floats(&v, 2000);
            if let Some(d) = ok_or_code(analytics::stl(&v, period as usize, &opts.params())) {
                assert_eq!(d.trend.len(), v.len());
                assert_eq!(d.seasonal.len(), v.len());
                assert_eq!(d.remainder.len(), v.len());
            }
        }
        Op::StlResolve(period, opts) => {
            let _ = ok_or_code(opts.params().resolve(us(period)));
        }
        Op::TierShares(v) => {
            let _ = ok_or_code(analytics::tier_shares(&v));
        }
        Op::Tgi(a, b) => {
            let _ = ok_or_code(analytics::tgi(&a, &b));
        }
        Op::ParseTier(s) => {
            let _ = ok_or_code(analytics::CityTier::parse(&s));
        }
        Op::GroupBy(k, v) => {
            if let Some(g) = ok_or_code(analytics::group_by(&k, &v)) {
                assert_eq!(g.rows.iter().sum::<usize>(), k.len());
            }
        }
    }
}

/// The report's datasets (`www/data/*.arrow` but `claims.arrow`), id = file stem, and a
/// vocabulary of their ids, entities, metrics, columns and dates for biased claims.
struct World {
    datasets: HashMap<String, Snapshot>,
    ids: Vec<String>,
    entities: Vec<String>,
    metrics: Vec<String>,
    columns: Vec<String>,
    dates: Vec<String>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = if dir.join("www/data").is_dir() {
            dir.join("www/data")
        } else {
            dir.join("../www/data")
        };
        let mut w = World {
            datasets: HashMap::new(),
            ids: Vec::new(),
            entities: Vec::new(),
            metrics: Vec::new(),
            columns: Vec::new(),
            dates: Vec::new(),
        };
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        for p in paths {
            let (Some(stem), Some("arrow")) = (
                p.file_stem().and_then(|s| s.to_str()),
                p.extension().and_then(|s| s.to_str()),
            ) else {
                continue;
            };
            if stem == "claims" {
                continue;
            }
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let Ok(snap) = Snapshot::from_ipc(&bytes) else {
                continue;
            };
            w.columns.extend(snap.column_names());
            if let Ok(t) = Tidy::from_snapshot(&snap) {
                w.entities.extend(t.entities().iter().take(8).cloned());
                w.metrics.extend(t.metrics().iter().take(8).cloned());
            }
            if let Ok(Column::Text(d)) = snap.column("date") {
                w.dates.extend(d.into_iter().flatten().step_by(7).take(8));
            }
            w.ids.push(stem.to_string());
            w.datasets.insert(stem.to_string(), snap);
        }
        for v in [
            &mut w.entities,
            &mut w.metrics,
            &mut w.columns,
            &mut w.dates,
        ] {
            v.sort();
            v.dedup();
        }
        w
    })
}

/// A string from `vocab` most of the time, otherwise arbitrary (or a `;`-list of picks).
fn pick(u: &mut Unstructured, vocab: &[String]) -> String {
    let choice = u8::arbitrary(u).unwrap_or(0);
    match choice {
        0..=159 if !vocab.is_empty() => vocab[usize::from(choice) % vocab.len()].clone(),
        160..=199 if !vocab.is_empty() => {
            let i = usize::from(u8::arbitrary(u).unwrap_or(0)) % vocab.len();
            format!("{};{}", vocab[usize::from(choice) % vocab.len()], vocab[i])
        }
        200..=219 => String::new(),
        _ => String::arbitrary(u).unwrap_or_default(),
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn num(u: &mut Unstructured) -> f64 {
    match u8::arbitrary(u).unwrap_or(0) % 4 {
        0 => f64::NAN,
        1 => f64::from(i16::arbitrary(u).unwrap_or(0)),
        2 => f64::from(u8::arbitrary(u).unwrap_or(0)) / 100.0,
        _ => f64::arbitrary(u).unwrap_or(0.0),
    }
}

fn claim(u: &mut Unstructured, w: &World) -> Claim {
    let ops = words(&claims::OPS);
    let compares = words(&claims::COMPARES);
    let filters = words(&["gt", "ge", "lt", "le", "eq"]);
    let mut c = Claim {
        id: format!("F{}", u8::arbitrary(u).unwrap_or(0)),
        op: pick(u, &ops),
        dataset: pick(u, &w.ids),
        entity: pick(u, &w.entities),
        metric: pick(u, &w.metrics),
        category: pick(u, &w.entities),
        period: pick(u, &w.dates),
        base_period: pick(u, &w.dates),
        window_start: pick(u, &w.dates),
        window_end: pick(u, &w.dates),
        prior_start: pick(u, &w.dates),
        prior_end: pick(u, &w.dates),
        group_column: pick(u, &w.columns),
        group: pick(u, &w.entities),
        denominator_dataset: pick(u, &w.ids),
        denominator_entity: pick(u, &w.entities),
        denominator_metric: pick(u, &w.metrics),
        denominator_period: pick(u, &w.dates),
        filter_op: pick(u, &filters),
        compare: pick(u, &compares),
        target_text: pick(u, &w.entities),
        printed_value: pick(u, &[]),
        qualifier: pick(u, &words(&["=", ">", "≈", "<", "约"])),
        expected: pick(u, &words(&["matches", "differs", "not_computable"])),
        ..Claim::default()
    };
    c.threshold = num(u);
    c.scale = num(u);
    c.target = num(u);
    c.tolerance = num(u);
    c.computable = Option::<bool>::arbitrary(u).unwrap_or(None);
    c
}

/// Claim evaluation: arbitrary claims against the real datasets, one by one and as a claims
/// snapshot (written to IPC and read back, as the page does).
pub fn claims(data: &[u8]) {
    let w = world();
    let mut u = Unstructured::new(data);
    let n = 1 + usize::from(u8::arbitrary(&mut u).unwrap_or(0) % 4);
    let rows: Vec<Claim> = (0..n).map(|_| claim(&mut u, w)).collect();
    for c in &rows {
        let check = claims::check_claim(c, &w.datasets);
        assert_eq!(check.id, c.id);
    }
    let snap = claims_snapshot(&rows);
    match claims::check_claims(&snap, &w.datasets) {
        Ok(checks) => {
            assert_eq!(checks.len(), rows.len());
            let _ = claims::summarize(&checks);
        }
        Err(e) => check_err(&e),
    }
}

fn claims_snapshot(rows: &[Claim]) -> Snapshot {
    use arrow_array::{ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    type Text = fn(&Claim) -> &str;
    let text: [(&str, Text); 24] = [
        ("id", |c| &c.id),
        ("op", |c| &c.op),
        ("dataset", |c| &c.dataset),
        ("entity", |c| &c.entity),
        ("metric", |c| &c.metric),
        ("category", |c| &c.category),
        ("period", |c| &c.period),
        ("base_period", |c| &c.base_period),
        ("window_start", |c| &c.window_start),
        ("window_end", |c| &c.window_end),
        ("prior_start", |c| &c.prior_start),
        ("prior_end", |c| &c.prior_end),
        ("group_column", |c| &c.group_column),
        ("group", |c| &c.group),
        ("denominator_dataset", |c| &c.denominator_dataset),
        ("denominator_entity", |c| &c.denominator_entity),
        ("denominator_metric", |c| &c.denominator_metric),
        ("denominator_period", |c| &c.denominator_period),
        ("filter_op", |c| &c.filter_op),
        ("compare", |c| &c.compare),
        ("target_text", |c| &c.target_text),
        ("printed_value", |c| &c.printed_value),
        ("qualifier", |c| &c.qualifier),
        ("expected", |c| &c.expected),
    ];
    type Num = fn(&Claim) -> f64;
    let nums: [(&str, Num); 4] = [
        ("threshold", |c| c.threshold),
        ("scale", |c| c.scale),
        ("target", |c| c.target),
        ("tolerance", |c| c.tolerance),
    ];
    let mut fields = Vec::new();
    let mut cols: Vec<ArrayRef> = Vec::new();
    for (name, f) in text {
        fields.push(Field::new(name, DataType::Utf8, true));
        cols.push(Arc::new(StringArray::from_iter_values(rows.iter().map(f))));
    }
    for (name, f) in nums {
        fields.push(Field::new(name, DataType::Float64, true));
        cols.push(Arc::new(Float64Array::from_iter_values(rows.iter().map(f))));
    }
    fields.push(Field::new("computable", DataType::Boolean, true));
    cols.push(Arc::new(BooleanArray::from(
        rows.iter().map(|c| c.computable).collect::<Vec<_>>(),
    )));
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), cols).expect("consistent columns");
    let mut bytes = Vec::new();
    {
        let mut w = arrow_ipc::writer::FileWriter::try_new(&mut bytes, &schema).expect("writer");
        w.write(&batch).expect("write");
        w.finish().expect("finish");
    }
    Snapshot::from_ipc(&bytes).expect("a snapshot we just wrote reads back")
}
