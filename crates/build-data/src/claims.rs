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
//! `check_kind`: what a computed claim's verdict rests on — `independent`, `read_back` or
//! `by_construction` — or `not_computable`, then with `reason` one of
//! [`civic_pulse::claims::REASONS`].
//!
//! The meaning of every op and compare lives beside the code that runs it
//! ([`civic_pulse::claims::OpKind`], [`civic_pulse::claims::CompareKind`]); each row is validated here with
//! the evaluator's own [`civic_pulse::claims::Computation`], so the builder and the checker cannot
//! disagree on what is computable.

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
const OP_COLUMNS: [(&str, ColType); 28] = [
    ("reason", ColType::Dict),
    ("check_kind", ColType::Dict),
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

/// Position of `check_kind` in [`OP_COLUMNS`].
const KIND_AT: usize = 1;

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
    use civic_pulse::claims::{reason_text, CheckKind, ClaimRow, Computation};
    let mut row = ClaimRow {
        id: id.to_owned(),
        computable: Some(computable),
        ..ClaimRow::default()
    };
    for ((name, _), cell) in OP_COLUMNS.iter().zip(op_cells) {
        row.set(name, cell)?;
    }
    let bad = |why: String| Err(Error::invalid(format!("claim {id}: {why}")));
    let kind = CheckKind::parse(&row.check_kind);
    if computable {
        if let Err(why) = Computation::try_from(&row) {
            return bad(format!("not computable as written: {why}"));
        }
        if matches!(kind, None | Some(CheckKind::NotComputable)) || !row.reason.is_empty() {
            return bad(format!(
                "a computed claim needs check_kind independent, read_back or by_construction \
                 and no reason (check_kind {:?})",
                row.check_kind
            ));
        }
    } else if reason_text(&row.reason).is_none()
        || !row.op.is_empty()
        || kind != Some(CheckKind::NotComputable)
    {
        return bad(format!(
            "not computable needs check_kind not_computable, no op and a reason from the fixed \
             list (reason {:?})",
            row.reason
        ));
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
        "the numeric sentences of the five source reports (iResearch 2023 and 2021, CAICT 2017, \
         国脉 2017)"
            .into(),
    );
    let kinds: Vec<String> = civic_pulse::claims::CheckKind::STATED
        .iter()
        .map(|k| {
            let n = joined
                .iter()
                .filter(|(_, _, o)| o.get(KIND_AT).map(String::as_str) == Some(k.as_str()))
                .count();
            format!("{k}={n}")
        })
        .collect();
    put(
        "notes",
        format!(
            "{} distinct claims (restatements dropped), {computable} with a computation, {} not \
             computable (reason from a fixed list). Check kinds: {}. Op and compare semantics: \
             civic_pulse::claims (OpKind, CompareKind).",
            joined.len(),
            joined.len() - computable,
            kinds.join(", ")
        ),
    );
    put("check_kind_counts", kinds.join(";"));
    put(
        "reasons",
        civic_pulse::claims::REASONS
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(","),
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
        sha256: civic_pulse::hash::sha256_hex(&bytes),
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
