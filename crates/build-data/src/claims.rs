//! `claims.arrow`: one row per distinct numeric claim of the reports, with a machine-readable
//! computation that an evaluator runs against the snapshots.
//!
//! Sources: `data/facts/claims.csv` (verbatim copy of the extracted claims; rows with a
//! non-empty `duplicate_of` are restatements and are dropped) joined by `id` with
//! `data/claims/claim_ops.csv` (the computations, authored here). The build fails unless every
//! distinct claim has exactly one computation row.
//!
//! # Columns
//! Claim (as extracted): `id`, `report`, `quote`, `subject`, `claim_metric`, `claim_period`,
//! `printed_value` (text as printed, e.g. `1.9`, `6:4`, `4;9`), `unit`, `qualifier`
//! (`=`, `>`, `≈`, `≈ (近, below)`, …), `computable_from`, `claim_notes`.
//!
//! Computation: `computable` (bool), `reason` (why not, when false), `op`, `dataset`, `entity`,
//! `metric`, `category`, `period`, `base_period`, `window_start`, `window_end`, `prior_start`,
//! `prior_end`, `group_column`, `group`, `denominator_dataset`, `denominator_entity`,
//! `denominator_metric`, `denominator_period`, `filter_op`, `threshold` (f64), `scale` (f64),
//! `compare`, `target` (f64), `target_text`, `tolerance` (f64), `expected` (the verdict the
//! reference evaluation in `tests/datasets_claims.rs` reaches: `matches` | `differs` |
//! `not_computable`), `assumption` (the reading the computation relies on), `provenance`
//! (always `published`: the claims are printed text).
//!
//! # Selecting values
//! * Periods are ISO text exactly as [`civic_pulse::Snapshot::column`] renders the `date` column:
//!   `YYYY-MM-DD` (months are their first day) or `YYYY-MM-DDTHH:MM:SS`.
//! * **Series** dataset: rows with `entity` = E, `metric` = M, `category` = C when `category` is
//!   set (otherwise any category; a selection that is meant to be unique then has one row) and
//!   `date` = the period. `v(p)` below is the `value` of the single such row (0 or >1 rows ⇒ the
//!   claim is `not_computable` for the evaluator — a data bug, never expected here).
//! * **Table** dataset: the row whose `entity_column` (schema metadata key) equals E; `metric`
//!   names the numeric column to read. Periods are ignored.
//! * `entity` and `category` may be `;`-separated lists. For `value_at`, `local_peaks` and the
//!   other single-value ops each listed entity is evaluated on its own and **all** must pass;
//!   for `sum` and `share` the listed items are summed.
//! * `denominator_dataset/entity/metric/period` default to the numerator's dataset, entity,
//!   metric and period when empty.
//!
//! # Ops (result `x`; then `y = x × scale` is compared with `target`)
//! | op | x |
//! |---|---|
//! | `value_at` | `v(period)` |
//! | `ratio_to_base` | `v(period) / v(base_period)` |
//! | `growth` | `v(period) / v(base_period) − 1` |
//! | `yoy` | as `growth`; `base_period` is 12 months before `period` |
//! | `ratio` | `v(period) / d(denominator_period)` where `d` reads the denominator selection (penetration, shares of one item) |
//! | `share` | `Σ v` over the numerator selection (series: listed entities × categories at `period`; table: column `metric` over the listed entities, or **all rows** when `entity` is empty) divided by the denominator value |
//! | `pp_change` | `v(period) − v(base_period)` (shares in %, result in percentage points) |
//! | `peak_value` | `max v` over `window_start ≤ date ≤ window_end`; when `period` is set the arg-max must be that date, otherwise the verdict is `differs` |
//! | `peak_diff` | `max v` over the window − `max v` over `prior_start..prior_end` |
//! | `peak_month_each_year` | for every year Y from year(`window_start`) to year(`window_end`), the month number (1–12) of the arg-max among months month(`window_start`)..month(`window_end`) of Y; `x` is that month when all years agree, else `differs` |
//! | `local_peaks` | the positions (month 1–12 for monthly data, hour 0–23 for hourly) of strict interior local maxima (`v[i] > v[i−1]` and `v[i] > v[i+1]`; first and last points excluded) within the window (whole series when no window) |
//! | `mean_vs_prior_mean` | `mean(v over window) / mean(v over prior) − 1` |
//! | `sum` | series: `Σ v` over listed entities × listed categories at `period`; table: `Σ metric` over rows whose `group_column` value is in `group` (all rows when `group_column` is empty) |
//! | `group_mean` | table: mean of column `metric` over rows whose `group_column` is in `group` (all rows when empty) |
//! | `count_rows` | table: number of rows whose `group_column` is in `group` (all rows when empty) |
//! | `count_where` | number of rows (series: `metric` at `period`; table: all rows) whose value `filter_op` `threshold` holds; `filter_op` ∈ `gt`, `ge`, `lt`, `le`, `eq` |
//! | `count_distinct` | number of distinct `entity` values of `metric` in a series |
//! | `rank_of` | 1 + number of rows with a strictly greater value than entity E (series: same `metric` and `period`; table: all rows) |
//! | `top_entities` | the entities sorted by value descending (series: at `period`), the first k where k = number of items in `target_text` |
//!
//! # Compare (`y = x × scale`, `scale` = 1 when null; `ε = 1e-9`)
//! | compare | matches when |
//! |---|---|
//! | `eq` | `abs(y − target) ≤ tolerance + ε` (tolerance = half a unit of the printed last digit) |
//! | `approx` | `abs(y − target) ≤ tolerance + ε` (wider, stated tolerance for 约/≈/左右) |
//! | `approx_below` | `target − tolerance − ε ≤ y ≤ target + ε` (接近/近: just under) |
//! | `gt` | `y > target` (超过/突破/超/以上) |
//! | `set_contains` | every `;`-item of `target_text` is among the positions `x` (for each listed entity) |
//! | `sequence` | the entity list `x` equals `target_text` (`;`-separated) in order |
//!
//! A claim whose computation does not match is `differs`; `computable = false` is
//! `not_computable`.

use std::collections::BTreeMap;
use std::path::Path;

use arrow_array::ArrayRef;
use arrow_schema::Field;

use super::build::{BuiltFile, CatalogEntry, ProvenanceCounts};
use super::spec::ColType;
use super::table::{bool_column, column_from_cells, write_ipc, CsvTable};
use civic_pulse::{Error, Result};

// The vocabularies live with the evaluator, so the writer and the reader cannot drift apart.
pub use civic_pulse::claims::{COMPARES, OPS};

/// Claim columns taken from `claims.csv`: (output name, source column).
const CLAIM_COLUMNS: [(&str, &str); 11] = [
    ("id", "id"),
    ("report", "report_file"),
    ("quote", "exact_quote"),
    ("subject", "subject"),
    ("claim_metric", "metric"),
    ("claim_period", "period"),
    ("printed_value", "value"),
    ("unit", "unit"),
    ("qualifier", "qualifier"),
    ("computable_from", "computable_from"),
    ("claim_notes", "notes"),
];

/// Computation columns taken from `claim_ops.csv` (after `id` and `computable`), with types.
const OP_COLUMNS: [(&str, ColType); 27] = [
    ("reason", ColType::Str),
    ("op", ColType::Dict),
    ("dataset", ColType::Dict),
    ("entity", ColType::Str),
    ("metric", ColType::Str),
    ("category", ColType::Str),
    ("period", ColType::Str),
    ("base_period", ColType::Str),
    ("window_start", ColType::Str),
    ("window_end", ColType::Str),
    ("prior_start", ColType::Str),
    ("prior_end", ColType::Str),
    ("group_column", ColType::Str),
    ("group", ColType::Str),
    ("denominator_dataset", ColType::Dict),
    ("denominator_entity", ColType::Str),
    ("denominator_metric", ColType::Str),
    ("denominator_period", ColType::Str),
    ("filter_op", ColType::Dict),
    ("threshold", ColType::F64),
    ("scale", ColType::F64),
    ("compare", ColType::Dict),
    ("target", ColType::F64),
    ("target_text", ColType::Str),
    ("tolerance", ColType::F64),
    ("expected", ColType::Dict),
    ("assumption", ColType::Str),
];

fn read(data_dir: &Path, rel: &str) -> Result<CsvTable> {
    let p = data_dir.join(rel);
    let text = std::fs::read_to_string(&p)
        .map_err(|e| Error::invalid(format!("cannot read {}: {e}", p.display())))?;
    CsvTable::parse(&text).map_err(|e| Error::invalid(format!("{}: {e}", p.display())))
}

fn cell<'a>(t: &'a CsvTable, row: &'a [String], name: &str) -> Result<&'a str> {
    let i = t
        .header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| Error::NoSuchColumn {
            name: name.into(),
            available: t.header.join(", "),
        })?;
    row.get(i)
        .map(String::as_str)
        .ok_or_else(|| Error::SchemaMismatch(format!("short row for {name}")))
}

/// The distinct claims joined with their computations, in claim-id order:
/// `(claim cells by CLAIM_COLUMNS, computable, op cells by OP_COLUMNS)`.
type Joined = Vec<(Vec<String>, bool, Vec<String>)>;

fn join(data_dir: &Path) -> Result<Joined> {
    let claims = read(data_dir, "facts/claims.csv")?;
    let ops = read(data_dir, "claims/claim_ops.csv")?;
    let mut by_id: BTreeMap<&str, &Vec<String>> = BTreeMap::new();
    for r in &ops.rows {
        let id = cell(&ops, r, "id")?;
        if by_id.insert(id, r).is_some() {
            return Err(Error::invalid(format!("claim_ops.csv: duplicate id {id}")));
        }
    }
    let mut out = Vec::new();
    let mut used = 0usize;
    for r in &claims.rows {
        if !cell(&claims, r, "duplicate_of")?.is_empty() {
            continue;
        }
        let id = cell(&claims, r, "id")?;
        let op_row = by_id
            .get(id)
            .ok_or_else(|| Error::invalid(format!("claim {id} has no row in claim_ops.csv")))?;
        used += 1;
        let claim_cells = CLAIM_COLUMNS
            .iter()
            .map(|(_, src)| cell(&claims, r, src).map(str::to_string))
            .collect::<Result<Vec<_>>>()?;
        let computable = match cell(&ops, op_row, "computable")? {
            "true" => true,
            "false" => false,
            other => return Err(Error::invalid(format!("claim {id}: computable={other:?}"))),
        };
        let op_cells = OP_COLUMNS
            .iter()
            .map(|(name, _)| cell(&ops, op_row, name).map(str::to_string))
            .collect::<Result<Vec<_>>>()?;
        validate(id, computable, &op_cells)?;
        out.push((claim_cells, computable, op_cells));
    }
    if used != ops.rows.len() {
        return Err(Error::invalid(format!(
            "claim_ops.csv has {} rows but {used} distinct claims",
            ops.rows.len()
        )));
    }
    Ok(out)
}

fn validate(id: &str, computable: bool, op_cells: &[String]) -> Result<()> {
    let get = |name: &str| {
        OP_COLUMNS
            .iter()
            .position(|(n, _)| *n == name)
            .and_then(|i| op_cells.get(i))
            .map_or("", String::as_str)
    };
    if computable {
        if !OPS.contains(&get("op")) {
            return Err(Error::invalid(format!(
                "claim {id}: unknown op {:?}",
                get("op")
            )));
        }
        if !COMPARES.contains(&get("compare")) {
            return Err(Error::invalid(format!(
                "claim {id}: unknown compare {:?}",
                get("compare")
            )));
        }
        if get("dataset").is_empty() || !get("reason").is_empty() {
            return Err(Error::invalid(format!(
                "claim {id}: computable needs a dataset and no reason"
            )));
        }
    } else if get("reason").is_empty() || !get("op").is_empty() {
        return Err(Error::invalid(format!(
            "claim {id}: not computable needs a reason and no op"
        )));
    }
    Ok(())
}

/// Builds `claims.arrow` and its catalog entry from the data directory.
pub fn build_claims(data_dir: &Path) -> Result<(BuiltFile, CatalogEntry)> {
    let joined = join(data_dir)?;
    let mut fields: Vec<Field> = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    let mut push = |(f, a): (Field, ArrayRef)| {
        fields.push(f);
        arrays.push(a);
    };
    for (i, (name, _)) in CLAIM_COLUMNS.iter().enumerate() {
        let cells: Vec<&str> = joined
            .iter()
            .map(|(c, _, _)| c.get(i).map_or("", String::as_str))
            .collect();
        let ty = if matches!(*name, "report" | "qualifier") {
            ColType::Dict
        } else {
            ColType::Str
        };
        push(column_from_cells(name, ty, &cells)?);
    }
    push(bool_column(
        "computable",
        joined.iter().map(|(_, c, _)| Some(*c)).collect(),
    ));
    for (i, (name, ty)) in OP_COLUMNS.iter().enumerate() {
        let cells: Vec<&str> = joined
            .iter()
            .map(|(_, _, o)| o.get(i).map_or("", String::as_str))
            .collect();
        push(column_from_cells(name, *ty, &cells)?);
    }
    let provenance = vec!["published"; joined.len()];
    push(column_from_cells("provenance", ColType::Dict, &provenance)?);
    let computable = joined.iter().filter(|(_, c, _)| *c).count();
    let mut meta = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        meta.insert(k.to_string(), v);
    };
    put("dataset_id", "claims".into());
    put("kind", "table".into());
    put("title_zh", "报告数值论断及其可执行核算".into());
    put(
        "title_en",
        "Numeric claims of the reports with machine-readable computations".into(),
    );
    put("unit", "per claim (see unit)".into());
    put(
        "source",
        "all five source reports; claims extracted in ../shared/facts/claims.csv".into(),
    );
    put(
        "notes",
        format!(
            "{} distinct claims (restatements dropped), {computable} with a computation, {} not \
             computable (reason given). Op and compare semantics: src/datasets/claims.rs and \
             docs/datasets.md.",
            joined.len(),
            joined.len() - computable
        ),
    );
    put("ops", OPS.join(","));
    put("compares", COMPARES.join(","));
    put("entity_column", "id".into());
    put(
        "provenance_counts",
        format!("published={};external=0;reconstructed=0", joined.len()),
    );
    let columns = fields.iter().map(|f| f.name().clone()).collect();
    let bytes = write_ipc(fields, arrays, &meta)?;
    let entry = CatalogEntry {
        id: "claims".into(),
        file: "claims.arrow".into(),
        kind: "table".into(),
        title_zh: meta.get("title_zh").cloned().unwrap_or_default(),
        title_en: meta.get("title_en").cloned().unwrap_or_default(),
        unit: meta.get("unit").cloned().unwrap_or_default(),
        source: meta.get("source").cloned().unwrap_or_default(),
        sha256: super::build::sha256_hex(&bytes),
        rows: joined.len(),
        provenance: ProvenanceCounts {
            published: joined.len(),
            external: 0,
            reconstructed: 0,
        },
        columns,
    };
    Ok((
        BuiltFile {
            name: "claims.arrow".into(),
            bytes,
        },
        entry,
    ))
}
