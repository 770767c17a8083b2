//! `Tidy`: a tidy time-series snapshot decoded once, its series and the analyses by date.

use civic_pulse::tidy::{
    DatedValue as CoreDatedValue, GrowthAll, Series, SeriesExtremes, SkippedEntity, StlAll,
};
use civic_pulse::{CodedColumn, Error, Snapshot, Tidy};
use js_sys::{Float64Array, Object, Reflect, Uint32Array};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::input::{date_range, index, ipc_bytes};
use crate::options::StlOptions;
use crate::output::{f64_array, to_js, u32_array};
use crate::snapshot::JsSnapshot;
use crate::stl::stl_to_js;
use crate::WasmResult;

/// One series, sorted by date.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct TidySeries {
    /// The entity selected.
    pub entity: String,
    /// The metric selected.
    pub metric: String,
    /// The category selected, if one was.
    pub category: Option<String>,
    /// ISO dates (or timestamps), ascending.
    pub dates: Vec<String>,
    /// Values (NaN = missing), aligned with `dates`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub values: Float64Array,
    /// Provenance of each value (`published`, `external`, `reconstructed`; `""` for null).
    pub provenance: Vec<String>,
    /// Printed qualifier per point (≈, >, <, ≥, ≤); null where exact or absent.
    pub qualifier: Vec<Option<String>>,
    /// Snapshot row of each point, for `sliceIpc` (the on-demand module).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Uint32Array")]
    pub rows: Uint32Array,
}

impl From<Series> for TidySeries {
    fn from(s: Series) -> Self {
        // Destructured in full: a field added to the core's Series fails to compile here
        // until the bindings decide how it reaches JavaScript.
        let Series {
            entity,
            metric,
            category,
            dates,
            values,
            provenance,
            qualifier,
            rows,
        } = s;
        TidySeries {
            entity,
            metric,
            category,
            dates,
            values: f64_array(&values),
            provenance,
            qualifier,
            rows: u32_array(rows),
        }
    }
}

/// A value of a series with its position and date.
#[derive(Serialize, Tsify)]
pub struct DatedValue {
    /// Position in the series.
    pub index: usize,
    /// Date at that position.
    pub date: String,
    /// The value.
    pub value: f64,
}

impl From<CoreDatedValue> for DatedValue {
    fn from(CoreDatedValue { index, date, value }: CoreDatedValue) -> Self {
        DatedValue { index, date, value }
    }
}

/// The maximum and minimum of a series (NaN skipped, first occurrence on ties).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct DatedExtremes {
    /// Largest value, `null` without a number.
    pub max: Option<DatedValue>,
    /// Smallest value, `null` without a number.
    pub min: Option<DatedValue>,
}

/// An entity a batched analysis left out: its name and the error its own series gives.
#[derive(Serialize, Tsify)]
pub struct SkippedEntityJs {
    /// The entity.
    pub entity: String,
    /// The contract's error code (`too_short`, `missing_values`, `invalid_argument`).
    pub code: String,
    /// The message, as the error of `stl` on that entity would say it.
    pub message: String,
}

impl From<SkippedEntity> for SkippedEntityJs {
    fn from(SkippedEntity { entity, error }: SkippedEntity) -> Self {
        SkippedEntityJs {
            entity,
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

/// Result of `tidy.stlAll`: components entity-major (`entities.length × dates.length`), NaN
/// for a skipped entity.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct StlAllResult {
    /// Entities having the metric, in order of first appearance.
    pub entities: Vec<String>,
    /// The shared date grid, ascending.
    pub dates: Vec<String>,
    /// The period used (given or inferred from the dates).
    pub period: usize,
    /// Trend, entity after entity.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub trend: Float64Array,
    /// Seasonal component, entity after entity.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub seasonal: Float64Array,
    /// Remainder, entity after entity.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub remainder: Float64Array,
    /// Seasonal strength per entity (NaN when skipped).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub seasonal_strength: Float64Array,
    /// Trend strength per entity (NaN when skipped).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub trend_strength: Float64Array,
    /// The entities left out, and why.
    pub skipped: Vec<SkippedEntityJs>,
}

impl From<StlAll> for StlAllResult {
    fn from(a: StlAll) -> Self {
        // Destructured in full: a field added to the core's StlAll fails to compile here.
        let StlAll {
            entities,
            dates,
            period,
            trend,
            seasonal,
            remainder,
            seasonal_strength,
            trend_strength,
            skipped,
        } = a;
        StlAllResult {
            entities,
            dates,
            period,
            trend: f64_array(&trend),
            seasonal: f64_array(&seasonal),
            remainder: f64_array(&remainder),
            seasonal_strength: f64_array(&seasonal_strength),
            trend_strength: f64_array(&trend_strength),
            skipped: skipped.into_iter().map(SkippedEntityJs::from).collect(),
        }
    }
}

/// Result of `tidy.growthAll`: growth entity-major on the shared date grid.
#[derive(Serialize, Tsify)]
pub struct GrowthAllResult {
    /// Entities having the metric, in order of first appearance.
    pub entities: Vec<String>,
    /// The shared date grid, ascending.
    pub dates: Vec<String>,
    /// The values on the grid, entity after entity (NaN where an entity has none).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub values: Float64Array,
    /// `value[t] / value[t − lag] − 1`, entity after entity; NaN at gaps.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Float64Array")]
    pub growth: Float64Array,
    /// The entities left out, and why.
    pub skipped: Vec<SkippedEntityJs>,
}

impl From<GrowthAll> for GrowthAllResult {
    fn from(g: GrowthAll) -> Self {
        let GrowthAll {
            entities,
            dates,
            values,
            growth,
            skipped,
        } = g;
        GrowthAllResult {
            entities,
            dates,
            values: f64_array(&values),
            growth: f64_array(&growth),
            skipped: skipped.into_iter().map(SkippedEntityJs::from).collect(),
        }
    }
}

/// Splits `stlAll`'s options into its own keys (`period`, `category`) and the `stl` options
/// (checked by [`StlOptions::from_js`], unknown keys still refused by name).
fn stl_all_options(options: &JsValue) -> Result<(Option<usize>, Option<String>, JsValue), Error> {
    if options.is_undefined() || options.is_null() || !options.is_object() {
        return Ok((None, None, options.clone()));
    }
    let rest = Object::assign(&Object::new(), options.unchecked_ref());
    let take = |key: &str| -> JsValue {
        let k = JsValue::from_str(key);
        let v = Reflect::get(&rest, &k).unwrap_or(JsValue::UNDEFINED);
        let _ = Reflect::delete_property(&rest, &k);
        v
    };
    let (period, category) = (take("period"), take("category"));
    let period = if period.is_undefined() || period.is_null() {
        None
    } else {
        let p = period.as_f64().ok_or_else(|| {
            Error::invalid(format!(
                "invalid option period: {} (must be an integer >= 2)",
                crate::input::describe(&period)
            ))
        })?;
        Some(index(p, "period")?)
    };
    let category = if category.is_undefined() || category.is_null() {
        None
    } else {
        Some(category.as_string().ok_or_else(|| {
            Error::invalid(format!(
                "invalid option category: {} (must be a string)",
                crate::input::describe(&category)
            ))
        })?)
    };
    Ok((period, category, rest.into()))
}

/// A tidy time-series snapshot (`date`, `entity`, `metric`, `value`, optional `provenance`,
/// `qualifier` and `category`) decoded once; every series and analysis after that works on
/// WASM memory.
#[wasm_bindgen(js_name = Tidy)]
pub struct JsTidy(Tidy);

#[wasm_bindgen(js_class = Tidy)]
impl JsTidy {
    /// Decodes IPC bytes and their tidy columns.
    #[wasm_bindgen(js_name = fromIpc)]
    pub fn from_ipc(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    ) -> WasmResult<JsTidy> {
        let snap = Snapshot::from_ipc_buffer(ipc_bytes(bytes)?)?;
        Ok(JsTidy(Tidy::from_snapshot(&snap)?))
    }

    /// A Tidy from coded columns (the page's own-file analysis: the engine holds the decoded
    /// file and sends each analysis worker its rows as columns, not Arrow bytes). `dateKeys`,
    /// `entityKeys`, `metricKeys` and `categoryKeys` hold one key per row into `dates`,
    /// `entities`, `metrics` and `categories` (-1 = null); `values` one number per row (NaN =
    /// null); dates as ISO text. Each typed array is copied once into WASM memory. Keys are
    /// re-coded in order of first appearance, so the result equals `fromIpc` of the same rows
    /// (without provenance or qualifier).
    ///
    /// # Errors
    /// `invalid_argument` naming the column when its key count differs from `values.length`,
    /// a key is neither -1 nor an index into its values, or only one of `categoryKeys` and
    /// `categories` is given.
    ///
    /// # Example
    /// ```js
    /// const t = Tidy.fromColumns(
    ///   Int32Array.of(0, 1), ["2023-01-01", "2023-02-01"],
    ///   Int32Array.of(0, 0), ["A"], Int32Array.of(0, 0), ["users"],
    ///   Float64Array.of(1, 2));
    /// t.series("A", "users").values; // Float64Array [1, 2]
    /// ```
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        #[wasm_bindgen(js_name = dateKeys)] date_keys: Vec<i32>,
        dates: Vec<String>,
        #[wasm_bindgen(js_name = entityKeys)] entity_keys: Vec<i32>,
        entities: Vec<String>,
        #[wasm_bindgen(js_name = metricKeys)] metric_keys: Vec<i32>,
        metrics: Vec<String>,
        values: Vec<f64>,
        #[wasm_bindgen(js_name = categoryKeys)] category_keys: Option<Vec<i32>>,
        categories: Option<Vec<String>>,
    ) -> WasmResult<JsTidy> {
        let coded = |keys, values| CodedColumn { keys, values };
        let category = match (category_keys, categories) {
            (Some(k), Some(v)) => Some(coded(k, v)),
            (None, None) => None,
            _ => {
                return Err(
                    Error::invalid("categoryKeys and categories must be given together").into(),
                )
            }
        };
        Ok(JsTidy(Tidy::from_columns(
            coded(date_keys, dates),
            coded(entity_keys, entities),
            coded(metric_keys, metrics),
            category,
            values,
        )?))
    }

    /// The tidy columns of an already decoded snapshot.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(snap: &JsSnapshot) -> WasmResult<JsTidy> {
        Ok(JsTidy(Tidy::from_snapshot(&snap.0)?))
    }

    /// Rows.
    #[wasm_bindgen(getter, js_name = numRows)]
    pub fn num_rows(&self) -> f64 {
        self.0.len() as f64
    }

    /// Entities in first-appearance order.
    pub fn entities(&self) -> Vec<String> {
        self.0.entities().to_vec()
    }

    /// Metrics in first-appearance order.
    pub fn metrics(&self) -> Vec<String> {
        self.0.metrics().to_vec()
    }

    /// Categories in first-appearance order (empty without a `category` column).
    pub fn categories(&self) -> Vec<String> {
        self.0.categories().to_vec()
    }

    /// Metrics one entity has.
    #[wasm_bindgen(js_name = metricsOf)]
    pub fn metrics_of(&self, entity: &str) -> WasmResult<Vec<String>> {
        Ok(self.0.metrics_of(entity)?)
    }

    /// One series sorted by date: `{entity, metric, category, dates, values, provenance,
    /// qualifier, rows}`.
    #[wasm_bindgen(unchecked_return_type = "TidySeries")]
    pub fn series(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        to_js(&TidySeries::from(s))
    }

    /// `growth` of one series (lag 1 = MoM, 12 = YoY for monthly data).
    pub fn growth(
        &self,
        entity: &str,
        metric: &str,
        lag: f64,
        category: Option<String>,
    ) -> WasmResult<Float64Array> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        Ok(f64_array(&s.growth(index(lag, "lag")?)?))
    }

    /// Each value divided by the value at `baseDate`.
    #[wasm_bindgen(js_name = ratioToBase)]
    pub fn ratio_to_base(
        &self,
        entity: &str,
        metric: &str,
        #[wasm_bindgen(js_name = baseDate)] base_date: &str,
        category: Option<String>,
    ) -> WasmResult<Float64Array> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        Ok(f64_array(&s.ratio_to_base(base_date)?))
    }

    /// `{max, min}`, each `{index, date, value}` or null.
    #[wasm_bindgen(unchecked_return_type = "DatedExtremes")]
    pub fn extremes(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        let SeriesExtremes { max, min } = self
            .0
            .series(entity, metric, category.as_deref())?
            .extremes();
        to_js(&DatedExtremes {
            max: max.map(DatedValue::from),
            min: min.map(DatedValue::from),
        })
    }

    /// Strict local maxima as `[{index, date, value}]`.
    #[wasm_bindgen(js_name = localPeaks, unchecked_return_type = "DatedValue[]")]
    pub fn local_peaks(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        let peaks: Vec<DatedValue> = s.local_peaks().into_iter().map(DatedValue::from).collect();
        to_js(&peaks)
    }

    /// `mean(window) / mean(prior) - 1`, windows as inclusive `[startDate, endDate]`.
    #[wasm_bindgen(js_name = meanVsPriorMean)]
    pub fn mean_vs_prior_mean(
        &self,
        entity: &str,
        metric: &str,
        #[wasm_bindgen(unchecked_param_type = "[string, string]")] window: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "[string, string]")] prior: &JsValue,
        category: Option<String>,
    ) -> WasmResult<f64> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        let (w, p) = (date_range(window, "window")?, date_range(prior, "prior")?);
        Ok(s.mean_vs_prior_mean((&w.0, &w.1), (&p.0, &p.1))?)
    }

    /// STL of one series (options as the top-level `stl`).
    #[wasm_bindgen(unchecked_return_type = "StlResult")]
    pub fn stl(
        &self,
        entity: &str,
        metric: &str,
        period: f64,
        #[wasm_bindgen(unchecked_param_type = "StlOptions | null | undefined")] options: &JsValue,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        let params = StlOptions::from_js(options)?.to_params();
        stl_to_js(&s.stl(index(period, "period")?, &params)?)
    }

    /// STL of every entity's series of `metric` in one call (loess weights planned once):
    /// `{entities, dates, period, trend, seasonal, remainder, seasonalStrength, trendStrength,
    /// skipped: [{entity, code, message}]}`, components entity-major on the shared date grid.
    /// Options as `stl`, plus `period` (inferred from the dates when absent: monthly 12,
    /// quarterly 4, hourly 24) and `category`. An entity that cannot be decomposed is NaN and
    /// in `skipped`; it does not fail the call.
    #[wasm_bindgen(js_name = stlAll, unchecked_return_type = "StlAllResult")]
    pub fn stl_all(
        &self,
        metric: &str,
        #[wasm_bindgen(
            unchecked_param_type = "(StlOptions & { period?: number | null; category?: string | null }) | null | undefined"
        )]
        options: &JsValue,
    ) -> WasmResult<JsValue> {
        let (period, category, rest) = stl_all_options(options)?;
        let params = StlOptions::from_js(&rest)?.to_params();
        let all = self
            .0
            .stl_all(metric, category.as_deref(), period, &params)?;
        to_js(&StlAllResult::from(all))
    }

    /// Growth of every entity's series of `metric` on the shared date grid:
    /// `{entities, dates, values, growth, skipped}` (entity-major, NaN at gaps).
    #[wasm_bindgen(js_name = growthAll, unchecked_return_type = "GrowthAllResult")]
    pub fn growth_all(
        &self,
        metric: &str,
        lag: f64,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        let g = self
            .0
            .growth_all(metric, category.as_deref(), index(lag, "lag")?)?;
        to_js(&GrowthAllResult::from(g))
    }
}
