//! Native timings for `make bench`: reads series as JSON (`[{"name", "period", "values"}]`) on
//! stdin, prints `{"stl_us": {name: microseconds per decomposition}, "stlrs_raw_us": {...}}`.
//! `stl_us` goes through `civic_pulse::analytics::stl` (validation included); `stlrs_raw_us`
//! calls stlrs directly with the same parameters, to show what the wrapper costs;
//! `stl_batch_us` is the cost per series of `stl_batch` over 1,000 copies of the series (the
//! loess weights planned once for the batch).
use std::io::Read;
use std::time::Instant;

use civic_pulse::analytics::{stl, stl_batch, StlParams};

fn time_us(mut f: impl FnMut()) -> f64 {
    f();
    let runs = 200;
    let t = Instant::now();
    for _ in 0..runs {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / runs as f64
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let series: Vec<serde_json::Value> = serde_json::from_str(&input).expect("JSON array");
    let (mut ours, mut raw) = (serde_json::Map::new(), serde_json::Map::new());
    let mut batched = serde_json::Map::new();
    for s in &series {
        let name = s["name"].as_str().expect("name").to_string();
        let period = s["period"].as_u64().expect("period") as usize;
        let values: Vec<f64> = s["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect();
        let params = StlParams::new();
        let r = params.resolve(period).expect("valid parameters");
        let copies = values.repeat(1000);
        let t = Instant::now();
        stl_batch(&copies, values.len(), period, &params).expect("decomposes");
        batched.insert(
            name.clone(),
            (t.elapsed().as_secs_f64() * 1e6 / 1000.0).into(),
        );
        ours.insert(
            name.clone(),
            time_us(|| {
                stl(&values, period, &params).expect("decomposes");
            })
            .into(),
        );
        raw.insert(
            name,
            time_us(|| {
                stlrs::params()
                    .seasonal_length(r.seasonal)
                    .trend_length(r.trend)
                    .low_pass_length(r.low_pass)
                    .seasonal_degree(r.seasonal_deg as i32)
                    .trend_degree(r.trend_deg as i32)
                    .low_pass_degree(r.low_pass_deg as i32)
                    .seasonal_jump(r.seasonal_jump)
                    .trend_jump(r.trend_jump)
                    .low_pass_jump(r.low_pass_jump)
                    .inner_loops(r.inner_iter)
                    .outer_loops(r.outer_iter)
                    .robust(r.robust)
                    .fit(&values, period)
                    .expect("decomposes");
            })
            .into(),
        );
    }
    println!(
        "{}",
        serde_json::json!({ "stl_us": ours, "stlrs_raw_us": raw, "stl_batch_us": batched })
    );
}
