//! The analytics on plain arrays: growth family, extremes and peaks, penetration, city tiers
//! and TGI, group-by. Each export reads its arguments with [`crate::input`], calls
//! `civic_pulse::analytics`, and returns a typed array or a generated-type object.

use civic_pulse::analytics::{self as core, CityTier};
use js_sys::{Float64Array, Uint32Array};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::input::{f64s, index, keys, range};
use crate::output::{f64_array, to_js, u32_array};
use crate::WasmResult;

/// `growth(values, lag)`: `values[t] / values[t - lag] - 1` (NaN where undefined).
#[wasm_bindgen(js_name = growth)]
pub fn js_growth(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
    lag: f64,
) -> WasmResult<Float64Array> {
    let v = core::growth(&f64s(values, "values")?, index(lag, "lag")?)?;
    Ok(f64_array(&v))
}

/// `cagr(first, last, periods)`: `(last / first) ** (1 / periods) - 1`.
#[wasm_bindgen(js_name = cagr)]
pub fn js_cagr(first: f64, last: f64, periods: f64) -> WasmResult<f64> {
    Ok(core::cagr(first, last, periods)?)
}

/// `compoundGrowth(values, window)`: per-period compound rate over the trailing `window` steps.
#[wasm_bindgen(js_name = compoundGrowth)]
pub fn js_compound_growth(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
    window: f64,
) -> WasmResult<Float64Array> {
    let v = core::compound_growth(&f64s(values, "values")?, index(window, "window")?)?;
    Ok(f64_array(&v))
}

/// `impliedStart(last, rate, periods)`: `last / (1 + rate) ** periods`.
#[wasm_bindgen(js_name = impliedStart)]
pub fn js_implied_start(last: f64, rate: f64, periods: f64) -> f64 {
    core::implied_start(last, rate, periods)
}

/// `ratioToBase(values, baseIndex)`: `values[i] / values[baseIndex]`.
#[wasm_bindgen(js_name = ratioToBase)]
pub fn js_ratio_to_base(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
    #[wasm_bindgen(js_name = baseIndex)] base_index: f64,
) -> WasmResult<Float64Array> {
    let v = core::ratio_to_base(&f64s(values, "values")?, index(base_index, "baseIndex")?)?;
    Ok(f64_array(&v))
}

/// The largest or smallest value and its position.
#[derive(Serialize, Tsify)]
pub struct Extreme {
    /// Position.
    pub index: usize,
    /// Value.
    pub value: f64,
}

/// `extremes(values)`: NaN skipped, first occurrence on ties; `null` without a number.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Extremes {
    /// Largest value.
    pub max: Option<Extreme>,
    /// Smallest value.
    pub min: Option<Extreme>,
}

/// `extremes(values)`: `{ max: { index, value } | null, min: { index, value } | null }`.
#[wasm_bindgen(js_name = extremes, unchecked_return_type = "Extremes")]
pub fn js_extremes(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
) -> WasmResult<JsValue> {
    let core::Extremes { max, min } = core::extremes(&f64s(values, "values")?);
    let one =
        |e: Option<core::Extreme>| e.map(|core::Extreme { index, value }| Extreme { index, value });
    to_js(&Extremes {
        max: one(max),
        min: one(min),
    })
}

/// `peaks(values)`: `Uint32Array` of local-peak indices (plateaus once, edges never).
#[wasm_bindgen(js_name = peaks)]
pub fn js_peaks(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
) -> WasmResult<Uint32Array> {
    Ok(u32_array(core::local_peaks(&f64s(values, "values")?)))
}

/// `troughs(values)`: `Uint32Array` of local-trough indices.
#[wasm_bindgen(js_name = troughs)]
pub fn js_troughs(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
) -> WasmResult<Uint32Array> {
    Ok(u32_array(core::local_troughs(&f64s(values, "values")?)))
}

/// `meanVsPriorMean(values, [start, end], [priorStart, priorEnd])`: mean over mean − 1
/// (half-open index ranges).
#[wasm_bindgen(js_name = meanVsPriorMean)]
pub fn js_mean_vs_prior_mean(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
    #[wasm_bindgen(js_name = range, unchecked_param_type = "[number, number]")] window: &JsValue,
    #[wasm_bindgen(js_name = priorRange, unchecked_param_type = "[number, number]")]
    prior_range: &JsValue,
) -> WasmResult<f64> {
    Ok(core::mean_vs_prior_mean(
        &f64s(values, "values")?,
        range(window, "range")?,
        range(prior_range, "priorRange")?,
    )?)
}

/// `penetration(active, base)`: `active[t] / base[t]` (NaN where base is 0 or NaN).
#[wasm_bindgen(js_name = penetration)]
pub fn js_penetration(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] active: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] base: &JsValue,
) -> WasmResult<Float64Array> {
    let v = core::penetration(&f64s(active, "active")?, &f64s(base, "base")?)?;
    Ok(f64_array(&v))
}

/// A penetration series with the name of its denominator.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NamedPenetration {
    /// `active[t] / base[t]`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub values: Float64Array,
    /// What the base counts.
    pub base_name: String,
}

/// `penetrationWithBase(active, base, baseName)`: `{ values: Float64Array, baseName: string }`.
#[wasm_bindgen(js_name = penetrationWithBase, unchecked_return_type = "NamedPenetration")]
pub fn js_penetration_with_base(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] active: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] base: &JsValue,
    #[wasm_bindgen(js_name = baseName)] base_name: &str,
) -> WasmResult<JsValue> {
    let p = core::Penetration::new(&f64s(active, "active")?, &f64s(base, "base")?, base_name)?;
    to_js(&NamedPenetration {
        values: f64_array(&p.values),
        base_name: p.base_name,
    })
}

/// `ppChange(before, after)`: `100 * (after[i] - before[i])`, shares as fractions → pp.
#[wasm_bindgen(js_name = ppChange)]
pub fn js_pp_change(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: &JsValue,
) -> WasmResult<Float64Array> {
    let v = core::pp_change(&f64s(before, "before")?, &f64s(after, "after")?)?;
    Ok(f64_array(&v))
}

/// `tierShares(counts)`: `counts[i] / sum(counts)` (all NaN when the sum is 0 or unknown).
#[wasm_bindgen(js_name = tierShares)]
pub fn js_tier_shares(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] counts: &JsValue,
) -> WasmResult<Float64Array> {
    Ok(f64_array(&core::tier_shares(&f64s(counts, "counts")?)?))
}

/// `tgi(segmentShare, baseShare)`: `100 * segmentShare[i] / baseShare[i]`.
#[wasm_bindgen(js_name = tgi)]
pub fn js_tgi(
    #[wasm_bindgen(js_name = segmentShare, unchecked_param_type = "Float64Array | number[]")]
    segment_share: &JsValue,
    #[wasm_bindgen(js_name = baseShare, unchecked_param_type = "Float64Array | number[]")]
    base_share: &JsValue,
) -> WasmResult<Float64Array> {
    let v = core::tgi(
        &f64s(segment_share, "segmentShare")?,
        &f64s(base_share, "baseShare")?,
    )?;
    Ok(f64_array(&v))
}

/// A city tier: canonical position and names.
#[derive(Serialize, Tsify)]
pub struct TierName {
    /// 0 (一线) … 5 (五线及以下).
    pub index: usize,
    /// Chinese name.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
}

impl From<CityTier> for TierName {
    fn from(t: CityTier) -> Self {
        TierName {
            index: t.index(),
            zh: t.zh(),
            en: t.en(),
        }
    }
}

/// `tierNames()`: `[{ index, zh, en }]` in canonical order (一线 … 五线及以下).
#[wasm_bindgen(js_name = tierNames, unchecked_return_type = "TierName[]")]
pub fn js_tier_names() -> WasmResult<JsValue> {
    let all: Vec<TierName> = CityTier::ALL.into_iter().map(TierName::from).collect();
    to_js(&all)
}

/// `parseTier(text)`: `{ index, zh, en }` for a common spelling of a city tier.
#[wasm_bindgen(js_name = parseTier, unchecked_return_type = "TierName")]
pub fn js_parse_tier(text: &str) -> WasmResult<JsValue> {
    to_js(&TierName::from(CityTier::parse(text)?))
}

/// Group-by aggregates, one entry per group in order of first appearance.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct GroupByResult {
    /// Distinct keys (`null` is the group of missing keys).
    pub keys: Vec<Option<String>>,
    /// Rows per group, NaN values included.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub rows: Float64Array,
    /// Non-NaN values per group.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub count: Float64Array,
    /// Sum of the non-NaN values.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub sum: Float64Array,
    /// Mean of the non-NaN values (NaN for none).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub mean: Float64Array,
}

/// `groupBy(keys, values)`: `{ keys: (string | null)[], rows, count, sum, mean: Float64Array }`,
/// groups in order of first appearance; NaN values skipped by count/sum/mean.
#[wasm_bindgen(js_name = groupBy, unchecked_return_type = "GroupByResult")]
pub fn js_group_by(
    #[wasm_bindgen(js_name = keys, unchecked_param_type = "Array<string | null>")] keys_: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
) -> WasmResult<JsValue> {
    let k = keys(keys_, "keys")?;
    let g = core::group_by(&k, &f64s(values, "values")?)?;
    let counts = |v: &[usize]| v.iter().map(|&x| x as f64).collect::<Vec<f64>>();
    to_js(&GroupByResult {
        rows: f64_array(&counts(&g.rows)),
        count: f64_array(&counts(&g.count)),
        sum: f64_array(&g.sum),
        mean: f64_array(&g.mean),
        keys: g.keys,
    })
}
