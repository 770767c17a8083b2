//! Arrow → [`Column`] conversion: numbers to f64 (decimals rounded once), dates and times to
//! ISO text through [`crate::calendar`], dictionaries decoded by converting their values once.

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, PrimitiveArray};
use arrow_schema::{DataType, TimeUnit};

use super::column::{changes_type, kind, unsupported, Column};
use super::limits::Budget;
use crate::calendar::{format_date, format_time, format_timestamp, MS_PER_DAY};
use crate::{Error, Result};

/// Appends one array (one batch's slice of a column) to `out`, converted.
pub(crate) fn convert_into(
    array: &ArrayRef,
    name: &str,
    out: &mut Column,
    budget: &mut Budget,
) -> Result<()> {
    use DataType::*;
    let dt = array.data_type();
    match out {
        Column::Float(v) => match dt {
            Int8 => floats::<Int8Type>(array, v, |x| x as f64),
            Int16 => floats::<Int16Type>(array, v, |x| x as f64),
            Int32 => floats::<Int32Type>(array, v, |x| x as f64),
            Int64 => floats::<Int64Type>(array, v, |x| x as f64),
            UInt8 => floats::<UInt8Type>(array, v, |x| x as f64),
            UInt16 => floats::<UInt16Type>(array, v, |x| x as f64),
            UInt32 => floats::<UInt32Type>(array, v, |x| x as f64),
            UInt64 => floats::<UInt64Type>(array, v, |x| x as f64),
            Float16 => floats::<Float16Type>(array, v, |x| x.to_f64()),
            Float32 => floats::<Float32Type>(array, v, |x| x as f64),
            Float64 => floats::<Float64Type>(array, v, |x| x),
            Decimal32(_, s) => {
                floats::<Decimal32Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal64(_, s) => {
                floats::<Decimal64Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal128(_, s) => {
                floats::<Decimal128Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal256(_, s) => {
                floats::<Decimal256Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Dictionary(..) => return dictionary(array, name, out, budget),
            _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
            _ => return Err(changes_type(name)),
        },
        Column::Bool(v) => match dt {
            Boolean => {
                let a = array.as_boolean_opt().ok_or_else(|| changes_type(name))?;
                v.extend(a.iter());
            }
            Dictionary(..) => return dictionary(array, name, out, budget),
            _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
            _ => return Err(changes_type(name)),
        },
        Column::Text(v) => {
            let mut push = |s: Option<String>| -> Result<()> {
                budget.string(s.as_ref().map_or(0, String::len))?;
                v.push(s);
                Ok(())
            };
            match dt {
                Utf8 => {
                    let a = array
                        .as_string_opt::<i32>()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                LargeUtf8 => {
                    let a = array
                        .as_string_opt::<i64>()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                Utf8View => {
                    let a = array
                        .as_string_view_opt()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                Null => (0..array.len()).try_for_each(|_| push(None))?,
                Date32 => texts::<Date32Type>(array, &mut push, |d| format_date(d as i64))?,
                Date64 => texts::<Date64Type>(array, &mut push, |ms| {
                    format_date(ms.div_euclid(MS_PER_DAY))
                })?,
                Timestamp(unit, tz) => {
                    let z = tz.is_some();
                    let f = |x: i64| format_timestamp(x, *unit, z);
                    match unit {
                        TimeUnit::Second => texts::<TimestampSecondType>(array, &mut push, f)?,
                        TimeUnit::Millisecond => {
                            texts::<TimestampMillisecondType>(array, &mut push, f)?
                        }
                        TimeUnit::Microsecond => {
                            texts::<TimestampMicrosecondType>(array, &mut push, f)?
                        }
                        TimeUnit::Nanosecond => {
                            texts::<TimestampNanosecondType>(array, &mut push, f)?
                        }
                    }
                }
                Time32(TimeUnit::Second) => texts::<Time32SecondType>(array, &mut push, |x| {
                    format_time(x as i64, TimeUnit::Second)
                })?,
                Time32(TimeUnit::Millisecond) => {
                    texts::<Time32MillisecondType>(array, &mut push, |x| {
                        format_time(x as i64, TimeUnit::Millisecond)
                    })?
                }
                Time64(TimeUnit::Microsecond) => {
                    texts::<Time64MicrosecondType>(array, &mut push, |x| {
                        format_time(x, TimeUnit::Microsecond)
                    })?
                }
                Time64(TimeUnit::Nanosecond) => {
                    texts::<Time64NanosecondType>(array, &mut push, |x| {
                        format_time(x, TimeUnit::Nanosecond)
                    })?
                }
                Dictionary(..) => return dictionary(array, name, out, budget),
                _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
                _ => return Err(changes_type(name)),
            }
        }
    }
    Ok(())
}

fn primitive<T: ArrowPrimitiveType>(array: &ArrayRef) -> Option<&PrimitiveArray<T>> {
    array.as_any().downcast_ref::<PrimitiveArray<T>>()
}

/// Numbers: a straight (vectorisable) pass when there are no nulls.
fn floats<T: ArrowPrimitiveType>(
    array: &ArrayRef,
    out: &mut Vec<f64>,
    f: impl Fn(T::Native) -> f64,
) {
    let Some(a) = primitive::<T>(array) else {
        out.extend(std::iter::repeat_n(f64::NAN, array.len()));
        return;
    };
    if a.null_count() == 0 {
        out.extend(a.values().iter().map(|&x| f(x)));
    } else {
        out.extend(a.iter().map(|x| x.map_or(f64::NAN, &f)));
    }
}

fn texts<T: ArrowPrimitiveType>(
    array: &ArrayRef,
    push: &mut impl FnMut(Option<String>) -> Result<()>,
    f: impl Fn(T::Native) -> String,
) -> Result<()> {
    match primitive::<T>(array) {
        Some(a) => a.iter().try_for_each(|x| push(x.map(&f))),
        None => (0..array.len()).try_for_each(|_| push(None)),
    }
}

/// Decodes a dictionary array by converting its values once and gathering by key.
fn dictionary(array: &ArrayRef, name: &str, out: &mut Column, budget: &mut Budget) -> Result<()> {
    use DataType::*;
    let DataType::Dictionary(key, _) = array.data_type() else {
        return Err(changes_type(name));
    };
    match key.as_ref() {
        Int8 => dictionary_keys::<Int8Type>(array, name, out, budget),
        Int16 => dictionary_keys::<Int16Type>(array, name, out, budget),
        Int32 => dictionary_keys::<Int32Type>(array, name, out, budget),
        Int64 => dictionary_keys::<Int64Type>(array, name, out, budget),
        UInt8 => dictionary_keys::<UInt8Type>(array, name, out, budget),
        UInt16 => dictionary_keys::<UInt16Type>(array, name, out, budget),
        UInt32 => dictionary_keys::<UInt32Type>(array, name, out, budget),
        UInt64 => dictionary_keys::<UInt64Type>(array, name, out, budget),
        _ => Err(unsupported(array.data_type(), name)),
    }
}

fn dictionary_keys<K: ArrowDictionaryKeyType>(
    array: &ArrayRef,
    name: &str,
    out: &mut Column,
    budget: &mut Budget,
) -> Result<()> {
    let dict = array
        .as_any_dictionary_opt()
        .and_then(|d| d.as_any().downcast_ref::<arrow_array::DictionaryArray<K>>())
        .ok_or_else(|| Error::InvalidIpc(format!("column {name:?}: malformed dictionary")))?;
    let values_array = dict.values();
    let mut values = match out {
        Column::Float(_) => Column::Float(budget.vec(values_array.len())?),
        Column::Bool(_) => Column::Bool(budget.vec(values_array.len())?),
        Column::Text(_) => Column::Text(budget.vec(values_array.len())?),
    };
    convert_into(values_array, name, &mut values, budget)?;
    let keys = dict.keys();
    let bad = || Error::InvalidIpc(format!("column {name:?}: dictionary key out of range"));
    let index = |k: K::Native| -> Result<usize> { num_to_usize(k).ok_or_else(bad) };
    match (out, values) {
        (Column::Float(o), Column::Float(v)) => keys.iter().try_for_each(|k| {
            o.push(match k {
                None => f64::NAN,
                Some(k) => v.get(index(k)?).copied().ok_or_else(bad)?,
            });
            Ok(())
        }),
        (Column::Bool(o), Column::Bool(v)) => keys.iter().try_for_each(|k| {
            o.push(match k {
                None => None,
                Some(k) => v.get(index(k)?).copied().ok_or_else(bad)?,
            });
            Ok(())
        }),
        (Column::Text(o), Column::Text(v)) => keys.iter().try_for_each(|k| {
            let s = match k {
                None => None,
                Some(k) => {
                    let s = v.get(index(k)?).ok_or_else(bad)?;
                    budget.string(s.as_ref().map_or(0, String::len))?;
                    s.clone()
                }
            };
            o.push(s);
            Ok(())
        }),
        _ => Err(changes_type(name)),
    }
}

fn num_to_usize<N: arrow_array::ArrowNativeTypeOp + arrow_buffer::ArrowNativeType>(
    k: N,
) -> Option<usize> {
    k.to_usize()
}

/// Exact decimal → nearest f64: Rust's float parser rounds correctly, `i128 as f64 / 10^s`
/// would round twice.
fn decimal_to_f64(unscaled: &str, scale: i8) -> f64 {
    format!("{unscaled}e{}", -(scale as i32))
        .parse()
        .unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_once() {
        assert_eq!(decimal_to_f64("12345", 2), 123.45);
        assert_eq!(decimal_to_f64("-5", -3), -5000.0);
        assert_eq!(decimal_to_f64("1", 0), 1.0);
    }
}
