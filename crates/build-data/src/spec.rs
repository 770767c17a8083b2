//! Dataset definitions as data: `data/datasets.json` lists every snapshot, its CSV source,
//! column types and descriptive metadata. One generic path ([`super::table`]) turns each entry
//! into an Arrow IPC file.

use std::path::Path;

use serde::Deserialize;

use civic_pulse::{Error, Result};

/// Whether a dataset is a tidy time series or a table with natural columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Columns `date, entity, metric, category, value, provenance, constraints`.
    Series,
    /// Natural columns declared in [`DatasetSpec::columns`], plus `provenance`.
    Table,
}

/// The time grain of a series, which fixes the Arrow type of its `date` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// `date32`, first day of the month (annual and quarterly figures use a representative month).
    Month,
    /// `timestamp[s]`, the hour of a 24-hour profile.
    Hour,
}

/// One entry of `data/datasets.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSpec {
    /// Stable id; the snapshot is `<id>.arrow`.
    pub id: String,
    /// Series or table.
    pub kind: Kind,
    /// CSV source, relative to the data directory.
    pub csv: String,
    /// Time grain (series only).
    #[serde(default)]
    pub grain: Option<Grain>,
    /// Table schema as `name:type,…` with types `i64`, `f64`, `str`, `dict`, `bool` (tables only).
    #[serde(default)]
    pub columns: Option<String>,
    /// Chinese column labels as printed, `|`-separated in column order (tables only).
    #[serde(default)]
    pub columns_zh: Option<String>,
    /// The column that names a row's entity (tables only), for claim computations.
    #[serde(default)]
    pub entity_column: Option<String>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Unit of `value` (series) or of the numeric columns (tables).
    pub unit: String,
    /// Source report and chart or table title.
    pub source: String,
    /// Build notes: caveats, conflicts, chosen free parameters (never shown to readers as is).
    pub notes: String,
    /// What a reader should know, in Chinese: plain language, no file paths, no build jargon.
    pub notes_zh: String,
    /// What a reader should know, in English: plain language, no file paths, no build jargon.
    pub notes_en: String,
    /// How reconstructed rows were produced (when there are any).
    #[serde(default)]
    pub method: Option<String>,
    /// The series_spec.md constraints the data satisfies, `id: statement; …`.
    #[serde(default)]
    pub constraints: Option<String>,
    /// The free scale parameter chosen where the report gives only ratios.
    #[serde(default)]
    pub free_scale: Option<String>,
    /// Per-column provenance where a table mixes sources (`column=provenance;…`).
    #[serde(default)]
    pub column_provenance: Option<String>,
    /// True when [`super::reconstruct`] writes the CSV.
    #[serde(default)]
    pub generated: bool,
}

/// A column type of a table dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// 64-bit integer.
    I64,
    /// 64-bit float.
    F64,
    /// UTF-8 string.
    Str,
    /// Dictionary-encoded UTF-8 string (repeated categories).
    Dict,
    /// Boolean (`true` / `false`).
    Bool,
}

impl DatasetSpec {
    /// The declared table columns (name, type), in order.
    ///
    /// # Example
    /// ```
    /// use build_data::spec::{ColType, DatasetSpec};
    /// let spec: DatasetSpec = serde_json::from_str(r#"{"id":"t","kind":"table","csv":"t.csv",
    ///   "columns":"rank:i64,name:str","title_zh":"","title_en":"","unit":"","source":"","notes":"",
    ///   "notes_zh":"","notes_en":""}"#).unwrap();
    /// assert_eq!(spec.table_columns().unwrap(), vec![("rank".to_string(), ColType::I64),
    ///     ("name".to_string(), ColType::Str)]);
    /// ```
    pub fn table_columns(&self) -> Result<Vec<(String, ColType)>> {
        let cols = self
            .columns
            .as_deref()
            .ok_or_else(|| Error::invalid(format!("dataset {}: table without columns", self.id)))?;
        cols.split(',')
            .map(|c| {
                let (name, ty) = c.split_once(':').ok_or_else(|| {
                    Error::invalid(format!("dataset {}: bad column spec {c:?}", self.id))
                })?;
                let ty = match ty.trim() {
                    "i64" => ColType::I64,
                    "f64" => ColType::F64,
                    "str" => ColType::Str,
                    "dict" => ColType::Dict,
                    "bool" => ColType::Bool,
                    other => {
                        return Err(Error::invalid(format!(
                            "dataset {}: unknown column type {other:?}",
                            self.id
                        )))
                    }
                };
                Ok((name.trim().to_string(), ty))
            })
            .collect()
    }
}

/// Reads and validates `datasets.json` from the data directory.
///
/// Ids must be unique and made of `[a-z0-9_]`; series need a grain, tables need columns.
pub fn load_specs(data_dir: &Path) -> Result<Vec<DatasetSpec>> {
    let path = data_dir.join("datasets.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::invalid(format!("cannot read {}: {e}", path.display())))?;
    let specs: Vec<DatasetSpec> = serde_json::from_str(&text)
        .map_err(|e| Error::invalid(format!("{}: {e}", path.display())))?;
    let mut seen = std::collections::BTreeSet::new();
    for s in &specs {
        if !s
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Error::invalid(format!("bad dataset id {:?}", s.id)));
        }
        if !seen.insert(s.id.clone()) {
            return Err(Error::invalid(format!("duplicate dataset id {:?}", s.id)));
        }
        match s.kind {
            Kind::Series if s.grain.is_none() => {
                return Err(Error::invalid(format!("series {} has no grain", s.id)))
            }
            Kind::Table => {
                s.table_columns()?;
            }
            Kind::Series => {}
        }
    }
    Ok(specs)
}
