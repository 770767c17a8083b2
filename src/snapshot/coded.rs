//! Text columns as keys into a dictionary of distinct values ([`CodedColumn`]): what a tidy
//! snapshot's `entity`, `metric` and `date` columns need for grouping, without a string per
//! row. Dictionary-encoded columns keep their keys (remapped once per batch), plain strings
//! are interned by reference, and dates, timestamps and times are interned by their integer
//! value and formatted once per distinct value.

use std::collections::HashMap;

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType};
use arrow_buffer::ArrowNativeType;
use arrow_schema::DataType;

use super::column::{changes_type, Column};
use super::convert::convert_into;
use super::limits::Budget;
use crate::{Error, Result};

/// A text column (strings, dictionary strings, ISO dates and times) as one key per row into
/// `values`, the distinct non-null values in order of first appearance; key `-1` is a null.
///
/// # Example
/// ```
/// let snap = civic_pulse::tidy::example_snapshot().unwrap();
/// let c = snap.coded_column(snap.column_index("entity").unwrap()).unwrap();
/// assert_eq!(c.values, ["A", "B"]);
/// assert_eq!(c.keys, [0, 1, 0, 1, 0, 1]);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodedColumn {
    /// One key per row: an index into `values`, or -1 for a null.
    pub keys: Vec<i32>,
    /// Distinct non-null values in order of first appearance.
    pub values: Vec<String>,
}

impl CodedColumn {
    /// The value of row `i` (`None` for a null or past the end).
    ///
    /// # Example
    /// ```
    /// let c = civic_pulse::CodedColumn { keys: vec![1, -1], values: vec!["x".into(), "y".into()] };
    /// assert_eq!((c.get(0), c.get(1), c.get(2)), (Some("y"), None, None));
    /// ```
    pub fn get(&self, i: usize) -> Option<&str> {
        let k = usize::try_from(*self.keys.get(i)?).ok()?;
        self.values.get(k).map(String::as_str)
    }
}

/// A dictionary slot not referenced yet.
const UNSET: i32 = i32::MIN;

/// Builds a [`CodedColumn`] batch by batch; the interner spans batches so a value has one key.
pub(crate) struct Coder<'a> {
    out: CodedColumn,
    index: HashMap<String, i32>,
    name: &'a str,
    budget: Budget<'a>,
}

impl<'a> Coder<'a> {
    pub(crate) fn new(name: &'a str, rows: usize) -> Result<Self> {
        let mut budget = Budget::new(name);
        let keys = budget.vec(rows)?;
        Ok(Coder {
            out: CodedColumn {
                keys,
                values: Vec::new(),
            },
            index: HashMap::new(),
            name,
            budget,
        })
    }

    pub(crate) fn finish(self) -> CodedColumn {
        self.out
    }

    fn intern(&mut self, s: &str) -> Result<i32> {
        if let Some(&k) = self.index.get(s) {
            return Ok(k);
        }
        let k = i32::try_from(self.out.values.len())
            .map_err(|_| Error::invalid(format!("column {:?}: too many values", self.name)))?;
        self.budget.string(s.len())?;
        self.out.values.push(s.to_owned());
        self.index.insert(s.to_owned(), k);
        Ok(k)
    }

    /// Appends one batch's array.
    pub(crate) fn push(&mut self, array: &ArrayRef) -> Result<()> {
        use DataType::*;
        match array.data_type() {
            Utf8 => self.strings(array.as_string_opt::<i32>().map(|a| a.iter())),
            LargeUtf8 => self.strings(array.as_string_opt::<i64>().map(|a| a.iter())),
            Utf8View => self.strings(array.as_string_view_opt().map(|a| a.iter())),
            Dictionary(..) => self.dictionary(array),
            Date32 => self.temporal::<Date32Type>(array),
            Date64 => self.temporal::<Date64Type>(array),
            Timestamp(u, _) => {
                use arrow_schema::TimeUnit::*;
                match u {
                    Second => self.temporal::<TimestampSecondType>(array),
                    Millisecond => self.temporal::<TimestampMillisecondType>(array),
                    Microsecond => self.temporal::<TimestampMicrosecondType>(array),
                    Nanosecond => self.temporal::<TimestampNanosecondType>(array),
                }
            }
            _ => self.converted(array),
        }
    }

    fn strings<'s>(&mut self, it: Option<impl Iterator<Item = Option<&'s str>>>) -> Result<()> {
        let it = it.ok_or_else(|| changes_type(self.name))?;
        for s in it {
            let k = match s {
                Some(s) => self.intern(s)?,
                None => -1,
            };
            self.out.keys.push(k);
        }
        Ok(())
    }

    /// Any other text-shaped array: converted whole, then interned (the general path).
    fn converted(&mut self, array: &ArrayRef) -> Result<()> {
        let mut col = Column::Text(Vec::with_capacity(array.len()));
        convert_into(array, self.name, &mut col, &mut self.budget)?;
        let Column::Text(v) = col else {
            return Err(changes_type(self.name));
        };
        for s in v {
            let k = match s {
                Some(s) => self.intern(&s)?,
                None => -1,
            };
            self.out.keys.push(k);
        }
        Ok(())
    }

    /// Dates and timestamps keyed by their integer; each distinct one formatted once (by the
    /// same conversion [`super::Snapshot::column`] uses, on a one-row slice).
    fn temporal<T: ArrowPrimitiveType>(&mut self, array: &ArrayRef) -> Result<()>
    where
        T::Native: std::hash::Hash + Eq,
    {
        let a = array
            .as_primitive_opt::<T>()
            .ok_or_else(|| changes_type(self.name))?;
        let mut seen: HashMap<T::Native, i32> = HashMap::new();
        // Files are usually sorted by date or entity: runs of one date skip the hash lookup.
        let mut last: Option<(T::Native, i32)> = None;
        for (i, v) in a.iter().enumerate() {
            let k = match v {
                None => -1,
                Some(v) if last.is_some_and(|(lv, _)| lv == v) => last.map_or(-1, |(_, k)| k),
                Some(v) => match seen.get(&v) {
                    Some(&k) => {
                        last = Some((v, k));
                        k
                    }
                    None => {
                        let mut one = Column::Text(Vec::with_capacity(1));
                        convert_into(&array.slice(i, 1), self.name, &mut one, &mut self.budget)?;
                        let text = match one {
                            Column::Text(mut t) => t.pop().flatten(),
                            _ => None,
                        };
                        let k = match text {
                            Some(s) => self.intern(&s)?,
                            None => -1,
                        };
                        seen.insert(v, k);
                        last = Some((v, k));
                        k
                    }
                },
            };
            self.out.keys.push(k);
        }
        Ok(())
    }

    /// Dictionary arrays: the dictionary's values converted and interned once, each key
    /// remapped through that table.
    fn dictionary(&mut self, array: &ArrayRef) -> Result<()> {
        let name = self.name;
        let dict = array
            .as_any_dictionary_opt()
            .ok_or_else(|| Error::InvalidIpc(format!("column {name:?}: malformed dictionary")))?;
        let mut values = Column::Text(Vec::with_capacity(dict.values().len()));
        convert_into(dict.values(), name, &mut values, &mut self.budget)?;
        let Column::Text(values) = values else {
            return Err(changes_type(name));
        };
        // Interned on first reference, so a value no row uses gets no key.
        let mut remap = vec![UNSET; values.len()];
        use DataType::*;
        let DataType::Dictionary(key, _) = array.data_type() else {
            return Err(changes_type(name));
        };
        match key.as_ref() {
            Int8 => self.remap_keys::<Int8Type>(array, &values, &mut remap),
            Int16 => self.remap_keys::<Int16Type>(array, &values, &mut remap),
            Int32 => self.remap_keys::<Int32Type>(array, &values, &mut remap),
            Int64 => self.remap_keys::<Int64Type>(array, &values, &mut remap),
            UInt8 => self.remap_keys::<UInt8Type>(array, &values, &mut remap),
            UInt16 => self.remap_keys::<UInt16Type>(array, &values, &mut remap),
            UInt32 => self.remap_keys::<UInt32Type>(array, &values, &mut remap),
            UInt64 => self.remap_keys::<UInt64Type>(array, &values, &mut remap),
            _ => Err(super::column::unsupported(array.data_type(), name)),
        }
    }

    /// Each key through `remap`; a key outside the dictionary (possible only in an
    /// unvalidated file) is `invalid_ipc`, never a wrong value.
    fn remap_keys<K: ArrowDictionaryKeyType>(
        &mut self,
        array: &ArrayRef,
        values: &[Option<String>],
        remap: &mut [i32],
    ) -> Result<()> {
        let name = self.name;
        let bad = || Error::InvalidIpc(format!("column {name:?}: dictionary key out of range"));
        let dict = array
            .as_dictionary_opt::<K>()
            .ok_or_else(|| Error::InvalidIpc(format!("column {name:?}: malformed dictionary")))?;
        for k in dict.keys().iter() {
            let code = match k {
                None => -1,
                Some(k) => {
                    let k = usize::try_from(k.to_i64().ok_or_else(bad)?).map_err(|_| bad())?;
                    let slot = remap.get_mut(k).ok_or_else(bad)?;
                    if *slot == UNSET {
                        *slot = match values.get(k).ok_or_else(bad)? {
                            Some(s) => self.intern(s)?,
                            None => -1,
                        };
                    }
                    *slot
                }
            };
            self.out.keys.push(code);
        }
        Ok(())
    }
}
