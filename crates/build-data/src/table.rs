//! The one generic CSV → Arrow path, and the deterministic IPC file writer.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int64Array, RecordBatch,
    StringArray, TimestampSecondArray,
};
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field, Schema, TimeUnit};

use super::spec::{ColType, DatasetSpec, Grain, Kind};
use civic_pulse::calendar::{parse_time, TimeKey};
use civic_pulse::{Error, Result};

/// The provenance vocabulary of the dataset contract.
pub const PROVENANCES: [&str; 3] = ["published", "external", "reconstructed"];

/// The optional column holding a printed value's qualifier (dataset contract).
pub const QUALIFIER_COLUMN: &str = "qualifier";

/// The qualifier vocabulary: a printed approximation (`≈`) or bound. An empty cell (null) means
/// the value is exact as printed, or not printed.
pub const QUALIFIERS: [&str; 5] = ["≈", ">", "<", "≥", "≤"];

/// Column names of every time series, in order.
pub const SERIES_COLUMNS: [&str; 7] = [
    "date",
    "entity",
    "metric",
    "category",
    "value",
    "provenance",
    "constraints",
];

/// A parsed CSV: header and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    /// Column names from the first line.
    pub header: Vec<String>,
    /// Data rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// Parses CSV text (first line = header; every row must have the header's width).
    ///
    /// # Example
    /// ```
    /// use build_data::table::CsvTable;
    /// let t = CsvTable::parse("a,b\n1,\"x,y\"\n").unwrap();
    /// assert_eq!(t.header, vec!["a", "b"]);
    /// assert_eq!(t.rows[0][1], "x,y");
    /// ```
    pub fn parse(text: &str) -> Result<CsvTable> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| Error::invalid(format!("csv header: {e}")))?
            .iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        let mut rows = Vec::new();
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| Error::invalid(format!("csv row {}: {e}", i + 2)))?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        Ok(CsvTable { header, rows })
    }

    /// The cells of one named column.
    ///
    /// # Example
    /// ```
    /// use build_data::table::CsvTable;
    /// let t = CsvTable::parse("a,b\n1,2\n3,4\n").unwrap();
    /// assert_eq!(t.column("b").unwrap(), vec!["2", "4"]);
    /// ```
    pub fn column(&self, name: &str) -> Result<Vec<&str>> {
        let i = self
            .header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::NoSuchColumn {
                name: name.to_string(),
                available: self.header.join(", "),
            })?;
        self.rows
            .iter()
            .map(|r| {
                r.get(i)
                    .map(String::as_str)
                    .ok_or_else(|| Error::SchemaMismatch(format!("short row for column {name}")))
            })
            .collect()
    }
}

fn float_cell(cell: &str, col: &str) -> Result<Option<f64>> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<f64>()
        .map(Some)
        .map_err(|_| Error::invalid(format!("column {col}: {cell:?} is not a number")))
}

fn int_cell(cell: &str, col: &str) -> Result<Option<i64>> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<i64>()
        .map(Some)
        .map_err(|_| Error::invalid(format!("column {col}: {cell:?} is not an integer")))
}

fn text_cells<'a>(cells: &[&'a str]) -> Vec<Option<&'a str>> {
    cells
        .iter()
        .map(|c| if c.is_empty() { None } else { Some(*c) })
        .collect()
}

fn dict_array(cells: &[&str]) -> ArrayRef {
    let arr: DictionaryArray<Int32Type> = text_cells(cells).into_iter().collect();
    Arc::new(arr)
}

fn dict_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// Builds one Arrow column of the given type from CSV cells (empty cell = null).
fn build_column(name: &str, ty: ColType, cells: &[&str]) -> Result<(Field, ArrayRef)> {
    Ok(match ty {
        ColType::I64 => {
            let v = cells
                .iter()
                .map(|c| int_cell(c, name))
                .collect::<Result<Vec<_>>>()?;
            (
                Field::new(name, DataType::Int64, true),
                Arc::new(Int64Array::from(v)),
            )
        }
        ColType::F64 => {
            let v = cells
                .iter()
                .map(|c| float_cell(c, name))
                .collect::<Result<Vec<_>>>()?;
            (
                Field::new(name, DataType::Float64, true),
                Arc::new(Float64Array::from(v)),
            )
        }
        ColType::Str => (
            Field::new(name, DataType::Utf8, true),
            Arc::new(StringArray::from(text_cells(cells))),
        ),
        ColType::Dict => (Field::new(name, dict_type(), true), dict_array(cells)),
        ColType::Bool => {
            let v = cells
                .iter()
                .map(|c| match *c {
                    "" => Ok(None),
                    "true" => Ok(Some(true)),
                    "false" => Ok(Some(false)),
                    other => Err(Error::invalid(format!(
                        "column {name}: {other:?} is not true/false"
                    ))),
                })
                .collect::<Result<Vec<_>>>()?;
            bool_column(name, v)
        }
    })
}

fn check_provenance(cells: &[&str], id: &str) -> Result<()> {
    match cells.iter().find(|c| !PROVENANCES.contains(c)) {
        Some(bad) => Err(Error::invalid(format!(
            "dataset {id}: provenance {bad:?} is not one of {PROVENANCES:?}"
        ))),
        None => Ok(()),
    }
}

fn check_qualifiers(cells: &[&str], id: &str) -> Result<()> {
    match cells
        .iter()
        .find(|c| !c.is_empty() && !QUALIFIERS.contains(c))
    {
        Some(bad) => Err(Error::invalid(format!(
            "dataset {id}: qualifier {bad:?} is not empty or one of {QUALIFIERS:?}"
        ))),
        None => Ok(()),
    }
}

/// Converts a parsed CSV into a record batch according to its spec.
///
/// Series get the fixed contract columns (`date` as date32 or timestamp[s], dictionaries for
/// `entity`, `metric`, `category`, `provenance`) and, when the CSV has it, a nullable dictionary
/// `qualifier`; tables get their declared columns plus a dictionary `provenance`. Every
/// `provenance` cell must be in [`PROVENANCES`], every non-empty `qualifier` in [`QUALIFIERS`].
///
/// # Errors
/// `schema_mismatch` when the CSV header differs from the declared columns; `invalid_argument`
/// for a bad cell (provenance, qualifier, number, date).
pub fn to_batch(spec: &DatasetSpec, csv: &CsvTable) -> Result<(Vec<Field>, Vec<ArrayRef>)> {
    let mut expected: Vec<(String, ColType)> = match spec.kind {
        Kind::Series => SERIES_COLUMNS
            .iter()
            .map(|c| (c.to_string(), ColType::Dict))
            .collect(),
        Kind::Table => {
            let mut cols = spec.table_columns()?;
            cols.push(("provenance".to_string(), ColType::Dict));
            cols
        }
    };
    // A series may end with the optional `qualifier` column; tables declare it among their columns.
    if spec.kind == Kind::Series && csv.header.last().map(String::as_str) == Some(QUALIFIER_COLUMN)
    {
        expected.push((QUALIFIER_COLUMN.to_string(), ColType::Dict));
    }
    let names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
    if csv.header != names {
        return Err(Error::SchemaMismatch(format!(
            "dataset {}: CSV header {:?} != declared {:?}",
            spec.id, csv.header, names
        )));
    }
    check_provenance(&csv.column("provenance")?, &spec.id)?;
    if csv.header.iter().any(|h| h == QUALIFIER_COLUMN) {
        check_qualifiers(&csv.column(QUALIFIER_COLUMN)?, &spec.id)?;
    }
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    for (name, ty) in &expected {
        let cells = csv.column(name)?;
        let (field, array) = match (spec.kind, name.as_str()) {
            (Kind::Series, "date") => date_column(spec, &cells)?,
            (Kind::Series, "value") => {
                let v = cells
                    .iter()
                    .map(|c| {
                        float_cell(c, name)?.ok_or_else(|| {
                            Error::invalid(format!("dataset {}: empty value", spec.id))
                        })
                    })
                    .collect::<Result<Vec<f64>>>()?;
                (
                    Field::new("value", DataType::Float64, false),
                    Arc::new(Float64Array::from(v)) as ArrayRef,
                )
            }
            (Kind::Series, "constraints") => build_column(name, ColType::Str, &cells)?,
            (Kind::Series, "entity" | "metric" | "provenance") | (Kind::Table, "provenance") => {
                if cells.iter().any(|c| c.is_empty()) {
                    return Err(Error::invalid(format!(
                        "dataset {}: empty {name} cell",
                        spec.id
                    )));
                }
                (Field::new(name, dict_type(), false), dict_array(&cells))
            }
            _ => build_column(name, *ty, &cells)?,
        };
        fields.push(field);
        arrays.push(array);
    }
    Ok((fields, arrays))
}

fn date_column(spec: &DatasetSpec, cells: &[&str]) -> Result<(Field, ArrayRef)> {
    let keys = cells
        .iter()
        .map(|c| parse_time(c))
        .collect::<Result<Vec<_>>>()?;
    match spec.grain {
        Some(Grain::Month) => {
            let days = keys
                .iter()
                .map(|k| match k {
                    TimeKey::Day { days } => Ok(*days),
                    TimeKey::Hour { .. } => Err(Error::invalid(format!(
                        "dataset {}: hour in a monthly series",
                        spec.id
                    ))),
                })
                .collect::<Result<Vec<i32>>>()?;
            Ok((
                Field::new("date", DataType::Date32, false),
                Arc::new(Date32Array::from(days)),
            ))
        }
        Some(Grain::Hour) => {
            let secs = keys
                .iter()
                .map(|k| match k {
                    TimeKey::Hour { seconds } => Ok(*seconds),
                    TimeKey::Day { .. } => Err(Error::invalid(format!(
                        "dataset {}: date without hour in an hourly series",
                        spec.id
                    ))),
                })
                .collect::<Result<Vec<i64>>>()?;
            Ok((
                Field::new("date", DataType::Timestamp(TimeUnit::Second, None), false),
                Arc::new(TimestampSecondArray::from(secs)),
            ))
        }
        None => Err(Error::invalid(format!("series {} has no grain", spec.id))),
    }
}

/// A boolean column helper for hand-built batches (claims).
pub fn bool_column(name: &str, values: Vec<Option<bool>>) -> (Field, ArrayRef) {
    (
        Field::new(name, DataType::Boolean, true),
        Arc::new(BooleanArray::from(values)),
    )
}

/// Builds a column from string cells with the given type (public wrapper for other builders).
pub fn column_from_cells(name: &str, ty: ColType, cells: &[&str]) -> Result<(Field, ArrayRef)> {
    build_column(name, ty, cells)
}

/// The one IPC file writer ([`civic_pulse::export::write_ipc`]). Deterministic: arrow-schema
/// keeps metadata in a sorted map, dictionaries are encoded in first-appearance order, and
/// nothing time- or hash-dependent is written (a test builds twice and compares bytes).
pub use civic_pulse::export::write_ipc;
