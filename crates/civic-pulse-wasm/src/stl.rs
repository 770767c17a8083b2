//! `stl` and `stlParams`: STL decomposition of plain arrays, and its result type.

use civic_pulse::analytics::StlDecomposition;
use js_sys::{Float64Array, Uint32Array};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::input::{f64s, index};
use crate::options::{StlOptions, StlResolvedParams};
use crate::output::{f64_array, to_js, u32_array};
use crate::WasmResult;

/// Result of `stl`: observed = trend + seasonal + remainder.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct StlResult {
    /// Trend component.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub trend: Float64Array,
    /// Seasonal component.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub seasonal: Float64Array,
    /// Remainder.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub remainder: Float64Array,
    /// Robustness weights (all 1 unless robust).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub weights: Float64Array,
    /// observed − seasonal.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub seasonally_adjusted: Float64Array,
    /// max(0, 1 − Var(R)/Var(S+R)).
    pub seasonal_strength: f64,
    /// max(0, 1 − Var(R)/Var(T+R)).
    pub trend_strength: f64,
    /// Indices filled by `fill: "linear"`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Uint32Array")]
    pub filled: Uint32Array,
    /// The parameters used.
    pub params: StlResolvedParams,
}

impl From<&StlDecomposition> for StlResult {
    fn from(d: &StlDecomposition) -> Self {
        StlResult {
            trend: f64_array(&d.trend),
            seasonal: f64_array(&d.seasonal),
            remainder: f64_array(&d.remainder),
            weights: f64_array(&d.weights),
            seasonally_adjusted: f64_array(&d.seasonally_adjusted()),
            seasonal_strength: d.seasonal_strength,
            trend_strength: d.trend_strength,
            filled: u32_array(d.filled.iter().copied()),
            params: StlResolvedParams::from(&d.params),
        }
    }
}

/// An STL decomposition as its JS object.
pub(crate) fn stl_to_js(d: &StlDecomposition) -> WasmResult<JsValue> {
    to_js(&StlResult::from(d))
}

/// `stl(values, period, options)`: `{ trend, seasonal, remainder, weights, seasonallyAdjusted:
/// Float64Array, seasonalStrength, trendStrength: number, filled: Uint32Array, params }`.
#[wasm_bindgen(js_name = stl, unchecked_return_type = "StlResult")]
pub fn js_stl(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: &JsValue,
    period: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "StlOptions | null")] options: &JsValue,
) -> WasmResult<JsValue> {
    let params = StlOptions::from_js(options)?.to_params();
    let d =
        civic_pulse::analytics::stl(&f64s(values, "values")?, index(period, "period")?, &params)?;
    stl_to_js(&d)
}

/// `stlParams(period, options)`: the options with statsmodels' defaults resolved (what `stl`
/// would use), or the `invalid_argument` it would throw.
#[wasm_bindgen(js_name = stlParams, unchecked_return_type = "StlResolvedParams")]
pub fn js_stl_params(
    period: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "StlOptions | null")] options: &JsValue,
) -> WasmResult<JsValue> {
    let r = StlOptions::from_js(options)?
        .to_params()
        .resolve(index(period, "period")?)?;
    to_js(&StlResolvedParams::from(&r))
}
