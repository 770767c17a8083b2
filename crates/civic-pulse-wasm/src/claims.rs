//! `checkClaims`: every claim of `claims.arrow` checked against the datasets given.
//!
//! In the first module (feature `claims`, on by default) since issue 15: in the on-demand module
//! it cost the reader a second copy of the Arrow reader (~296 KB brotli) when the claim check
//! was reached; here it adds only the evaluator itself (README "Build").
//!
//! The result is the core's own report types (`civic_pulse::ClaimCheck`, `claims::Summary`)
//! serialised as they are, so a field the core adds reaches JavaScript without a change here.
//! The TypeScript declaration is generated from the shape types below; the wasm test
//! `claim_results_match_their_declaration` fails when the core's output and this declaration
//! disagree.

use std::collections::{BTreeMap, HashMap};

use civic_pulse::{Error, Snapshot};
use js_sys::{Array, Object, Uint8Array};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::input::{describe, ipc_bytes};
use crate::output::to_js;
use crate::WasmResult;

/// A verdict.
#[derive(Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The computed value passes the claim's comparison.
    Matches,
    /// It does not.
    Differs,
    /// The data cannot decide the claim.
    NotComputable,
}

/// How a check relates to the number it checks (contract, claims `check_kind`).
#[derive(Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Recomputed from other printed numbers or from outside data.
    Independent,
    /// The claim's own number, stored and read back.
    ReadBack,
    /// A reconstructed series was fitted to it.
    ByConstruction,
    /// Not computable (see `explanation`).
    NotComputable,
}

/// A computed value: a number, or text for ops that yield text.
#[derive(Serialize, Deserialize, Tsify)]
#[serde(untagged)]
pub enum Computed {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// One entity's part of a check.
#[derive(Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PartCheck {
    /// The entity (empty for ops over a whole selection).
    pub entity: String,
    /// Its computed value (scaled).
    pub computed: Computed,
    /// Computed − target, for numeric comparisons.
    pub difference: Option<f64>,
    /// Whether this part passes the comparison.
    pub matches: bool,
}

/// The outcome of checking one claim.
#[derive(Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct ClaimCheck {
    /// Claim id.
    pub id: String,
    /// Source report.
    pub report: String,
    /// The op run (may be empty).
    pub op: String,
    /// The dataset read (may be empty).
    pub dataset: String,
    /// The value as printed.
    pub printed: String,
    /// The numeric target, when the comparison is numeric.
    pub target: Option<f64>,
    /// The computed (scaled) value; `null` when nothing was computed.
    pub computed: Option<Computed>,
    /// Computed − target (numeric comparisons; with several parts, the deciding one).
    pub difference: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// One line: the computation, its value, the comparison and the verdict, or the reason.
    pub explanation: String,
    /// Per-entity results (empty when not computable).
    pub parts: Vec<PartCheck>,
    /// The verdict the claims file expects, if it says.
    pub expected: Option<Verdict>,
    /// How the check relates to the number it checks.
    pub check_kind: CheckKind,
}

/// Verdict counts.
#[derive(Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClaimTally {
    /// All claims counted.
    pub total: usize,
    /// `matches`.
    pub matches: usize,
    /// `differs`.
    pub differs: usize,
    /// `not_computable`.
    pub not_computable: usize,
}

/// Verdict counts overall, by report and by check kind.
#[derive(Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ClaimSummary {
    /// All claims.
    pub all: ClaimTally,
    /// Per report.
    pub by_report: BTreeMap<String, ClaimTally>,
    /// Per check kind.
    pub by_kind: BTreeMap<String, ClaimTally>,
}

/// What `checkClaims` returns.
#[derive(Serialize, Deserialize, Tsify)]
pub struct ClaimResults {
    /// One check per claim, in the claims file's order.
    pub checks: Vec<ClaimCheck>,
    /// The tallies.
    pub summary: ClaimSummary,
}

/// Evaluates every claim of `claims.arrow` against the datasets given as
/// `{ [datasetId]: Uint8Array }`; returns `{ checks, summary }`.
#[wasm_bindgen(js_name = checkClaims, unchecked_return_type = "ClaimResults")]
pub fn check_claims(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] claims: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array>")] datasets: &Object,
) -> WasmResult<JsValue> {
    let claims = Snapshot::from_ipc_buffer(ipc_bytes(claims)?)?;
    let mut source = HashMap::new();
    for entry in Object::entries(datasets).iter() {
        let pair = Array::from(&entry);
        let id = pair.get(0).as_string().unwrap_or_default();
        let bytes = pair.get(1).dyn_into::<Uint8Array>().map_err(|v| {
            Error::invalid(format!(
                "invalid datasets[{id:?}]: {} (expected a Uint8Array)",
                describe(&v)
            ))
        })?;
        let snap = Snapshot::from_ipc_buffer(ipc_bytes(&bytes)?).map_err(|e| match e {
            Error::InvalidIpc(msg) => Error::InvalidIpc(format!("dataset {id:?}: {msg}")),
            other => other,
        })?;
        source.insert(id, snap);
    }
    let checks = civic_pulse::check_claims(&claims, &source)?;
    #[derive(Serialize)]
    struct Results<'a> {
        checks: &'a [civic_pulse::ClaimCheck],
        summary: civic_pulse::claims::Summary,
    }
    to_js(&Results {
        summary: civic_pulse::claims::summarize(&checks),
        checks: &checks,
    })
}
