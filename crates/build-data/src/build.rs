//! Orchestration: every spec → IPC bytes, plus `claims.arrow`, `catalog.json` and the
//! generated `docs/datasets.md`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::spec::{load_specs, DatasetSpec, Grain, Kind};
use super::table::{to_batch, write_ipc, CsvTable, PROVENANCES, QUALIFIER_COLUMN};
use civic_pulse::{Error, Result};

/// One output file: its name inside the output directory and its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltFile {
    /// File name, e.g. `iit_monthly.arrow` or `catalog.json`.
    pub name: String,
    /// Exact bytes to write.
    pub bytes: Vec<u8>,
}

/// Rows per provenance value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProvenanceCounts {
    /// Values printed in a report.
    pub published: usize,
    /// Values from a named outside statistic.
    pub external: usize,
    /// Values reconstructed or derived by a documented method.
    pub reconstructed: usize,
}

/// One `catalog.json` entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogEntry {
    /// Dataset id.
    pub id: String,
    /// File name under `www/data/`.
    pub file: String,
    /// `series` or `table`.
    pub kind: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Unit.
    pub unit: String,
    /// Source report and chart/table.
    pub source: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Row count.
    pub rows: usize,
    /// Rows by provenance.
    pub provenance: ProvenanceCounts,
    /// Column names in schema order.
    pub columns: Vec<String>,
}

/// What `catalog.json` adds to a [`CatalogEntry`] for readers (kept apart so the claims writer
/// builds its entry unchanged). Serialised flat after the entry's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReaderInfo {
    /// Whether the dataset has the optional `qualifier` column.
    pub has_qualifier: bool,
    /// Rows whose value carries a printed qualifier (`≈`, `>`, `<`, `≥`, `≤`).
    pub qualified_rows: usize,
    /// What a reader should know, in Chinese (empty where the dataset has no reader notes).
    pub notes_zh: String,
    /// What a reader should know, in English.
    pub notes_en: String,
}

/// One `catalog.json` record: the entry and its reader information.
#[derive(Serialize)]
struct CatalogRecord<'a> {
    #[serde(flatten)]
    entry: &'a CatalogEntry,
    #[serde(flatten)]
    reader: &'a ReaderInfo,
}

/// Everything `build-data` writes.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The snapshot files and `catalog.json`, in a fixed order.
    pub files: Vec<BuiltFile>,
    /// The catalog entries (also serialised into `catalog.json`).
    pub catalog: Vec<CatalogEntry>,
    /// Reader information per catalog entry, same order.
    pub reader: Vec<ReaderInfo>,
    /// The text of `docs/datasets.md`.
    pub docs: String,
}

fn read(data_dir: &Path, rel: &str) -> Result<String> {
    let p = data_dir.join(rel);
    std::fs::read_to_string(&p)
        .map_err(|e| Error::invalid(format!("cannot read {}: {e}", p.display())))
}

/// The schema metadata of a dataset, keyed in a sorted map.
fn metadata(spec: &DatasetSpec, counts: &ProvenanceCounts) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: &str| {
        m.insert(k.to_string(), v.to_string());
    };
    put("dataset_id", &spec.id);
    put("title_zh", &spec.title_zh);
    put("title_en", &spec.title_en);
    put("unit", &spec.unit);
    put("source", &spec.source);
    put("notes", &spec.notes);
    put("notes_zh", &spec.notes_zh);
    put("notes_en", &spec.notes_en);
    put(
        "kind",
        match spec.kind {
            Kind::Series => "series",
            Kind::Table => "table",
        },
    );
    if let Some(g) = spec.grain {
        put(
            "grain",
            match g {
                Grain::Month => "month",
                Grain::Hour => "hour",
            },
        );
    }
    let optional = [
        ("method", &spec.method),
        ("constraints", &spec.constraints),
        ("free_scale", &spec.free_scale),
        ("column_provenance", &spec.column_provenance),
        ("columns_zh", &spec.columns_zh),
        ("entity_column", &spec.entity_column),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            put(k, v);
        }
    }
    put(
        "provenance_counts",
        &format!(
            "published={};external={};reconstructed={}",
            counts.published, counts.external, counts.reconstructed
        ),
    );
    m
}

fn count_provenance(cells: &[&str]) -> ProvenanceCounts {
    let n = |p: &str| cells.iter().filter(|c| **c == p).count();
    ProvenanceCounts {
        published: n(PROVENANCES[0]),
        external: n(PROVENANCES[1]),
        reconstructed: n(PROVENANCES[2]),
    }
}

/// Builds one dataset from its spec and CSV text.
///
/// # Errors
/// `invalid_argument` or `schema_mismatch` when the CSV does not fit the spec.
pub fn build_dataset(
    spec: &DatasetSpec,
    csv_text: &str,
) -> Result<(BuiltFile, CatalogEntry, ReaderInfo)> {
    let csv = CsvTable::parse(csv_text)
        .map_err(|e| Error::invalid(format!("dataset {}: {e}", spec.id)))?;
    let counts = count_provenance(&csv.column("provenance")?);
    let (fields, arrays) = to_batch(spec, &csv)?;
    let has_qualifier = csv.header.iter().any(|h| h == QUALIFIER_COLUMN);
    let qualified_rows = if has_qualifier {
        csv.column(QUALIFIER_COLUMN)?
            .iter()
            .filter(|c| !c.is_empty())
            .count()
    } else {
        0
    };
    let columns = fields.iter().map(|f| f.name().clone()).collect();
    let bytes = write_ipc(fields, arrays, &metadata(spec, &counts))?;
    let file = format!("{}.arrow", spec.id);
    let entry = CatalogEntry {
        id: spec.id.clone(),
        file: file.clone(),
        kind: match spec.kind {
            Kind::Series => "series".into(),
            Kind::Table => "table".into(),
        },
        title_zh: spec.title_zh.clone(),
        title_en: spec.title_en.clone(),
        unit: spec.unit.clone(),
        source: spec.source.clone(),
        sha256: civic_pulse::hash::sha256_hex(&bytes),
        rows: csv.rows.len(),
        provenance: counts,
        columns,
    };
    let reader = ReaderInfo {
        has_qualifier,
        qualified_rows,
        notes_zh: spec.notes_zh.clone(),
        notes_en: spec.notes_en.clone(),
    };
    Ok((BuiltFile { name: file, bytes }, entry, reader))
}

/// Builds every snapshot, `claims.arrow`, `catalog.json` and the docs text from `data_dir`.
///
/// Pure: reads only `data_dir`, returns bytes; the caller decides where to write them.
pub fn build_all(data_dir: &Path) -> Result<BuildOutput> {
    let specs = load_specs(data_dir)?;
    let mut files = Vec::new();
    let mut catalog = Vec::new();
    let mut reader = Vec::new();
    for spec in &specs {
        let (file, entry, info) = build_dataset(spec, &read(data_dir, &spec.csv)?)?;
        files.push(file);
        catalog.push(entry);
        reader.push(info);
    }
    let (file, entry) = super::claims::build_claims(data_dir)?;
    files.push(file);
    catalog.push(entry);
    reader.push(ReaderInfo::default());
    let records: Vec<CatalogRecord> = catalog
        .iter()
        .zip(&reader)
        .map(|(entry, reader)| CatalogRecord { entry, reader })
        .collect();
    let mut json = serde_json::to_string_pretty(&records)
        .map_err(|e| Error::invalid(format!("catalog: {e}")))?;
    json.push('\n');
    files.push(BuiltFile {
        name: "catalog.json".into(),
        bytes: json.into_bytes(),
    });
    let docs = super::docs::render(data_dir, &catalog, &reader)?;
    Ok(BuildOutput {
        files,
        catalog,
        reader,
        docs,
    })
}
