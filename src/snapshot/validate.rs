//! Validating a decoded record batch ourselves, for flat schemas with dictionary columns.
//!
//! arrow-rs checks every dictionary key one at a time, testing each row's validity bit first
//! (`ArrayData::check_bounds`); on a 1M-row file with three dictionary columns that was a third
//! of reading it in WebAssembly (issue 14). For batches where it is safe to do so ([`eligible`]),
//! the decoder builds the arrays without arrow's validation and this module then runs the same
//! checks arrow-rs would have run, with one difference: the keys of a dictionary array without
//! nulls are checked by a branch-free min/max pass instead. A file is refused exactly when the
//! validated decode refuses it (tests/snapshot_validate.rs compares the two on every gold file
//! and on corrupted keys).
//!
//! Why building first is safe here: the arrays of these types are plain buffers that the
//! constructors only slice, and [`super::bounds`] has already checked that every buffer (the
//! validity bitmap too) is as long as its array needs, so construction cannot panic; nothing
//! reads a value before [`batch`] has accepted the batch.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_data::ArrayData;
use arrow_schema::{ArrowError, DataType, Schema};

use super::framing::arrow_error;
use crate::{Error, Result};

/// Whether batches of `schema` take this path: at least one dictionary column (otherwise arrow's
/// validation costs nothing worth saving), and every column flat — primitive, boolean, byte or
/// string data, or a dictionary of those — so that constructing them unchecked cannot panic and
/// validating them needs no recursion into nested children. Compressed batches never take it
/// (the caller checks): their decompressed sizes are only known after decoding.
pub(super) fn eligible(schema: &Schema) -> bool {
    let flat = |dt: &DataType| {
        dt.is_primitive()
            || matches!(
                dt,
                DataType::Boolean
                    | DataType::Utf8
                    | DataType::LargeUtf8
                    | DataType::Binary
                    | DataType::LargeBinary
            )
    };
    let fields = schema.fields();
    fields
        .iter()
        .any(|f| matches!(f.data_type(), DataType::Dictionary(..)))
        && fields.iter().all(|f| match f.data_type() {
            DataType::Dictionary(key, value) => key.is_dictionary_key_type() && flat(value),
            dt => flat(dt),
        })
}

/// The checks `RecordBatch::try_new` and `ArrayDataBuilder::build` run on a validated decode:
/// each column as long as the batch, no nulls in a non-nullable field, and every array's
/// layout, null count and values.
///
/// # Errors
/// `invalid_ipc` naming the column, as the validated decode would refuse it.
pub(super) fn batch(batch: &RecordBatch, schema: &Schema) -> Result<()> {
    for (array, field) in batch.columns().iter().zip(schema.fields()) {
        let name = field.name();
        if array.len() != batch.num_rows() {
            return Err(Error::InvalidIpc(format!(
                "column {name:?} has {} rows, the batch {}",
                array.len(),
                batch.num_rows()
            )));
        }
        if !field.is_nullable() && array.null_count() > 0 {
            return Err(Error::InvalidIpc(format!(
                "column {name:?} is declared non-nullable but contains null values"
            )));
        }
        array_data(array).map_err(|e| match arrow_error(e) {
            Error::InvalidIpc(m) => Error::InvalidIpc(format!("column {name:?}: {m}")),
            other => other,
        })?;
    }
    Ok(())
}

fn array_data(array: &ArrayRef) -> std::result::Result<(), ArrowError> {
    let data = array.to_data();
    let DataType::Dictionary(key, _) = data.data_type() else {
        return data.validate_full();
    };
    // The dictionary itself (child 0) was decoded from its dictionary batch with arrow's full
    // validation; `validate` checks that it is the child this array's type declares.
    data.validate()?;
    data.validate_nulls()?;
    if data.nulls().is_some() {
        // Keys under a null may hold anything: arrow's row-by-row check skips them.
        return data.validate_values();
    }
    let dict_len = data.child_data().first().map_or(0, ArrayData::len) as i64;
    macro_rules! keys {
        ($t:ty) => {
            array
                .as_dictionary_opt::<$t>()
                .map(|d| in_range(d.keys().values(), dict_len))
        };
    }
    macro_rules! signed {
        ($t:ty, $lane:expr) => {
            array.as_dictionary_opt::<$t>().map(|d| {
                let keys: &[<$t as ArrowPrimitiveType>::Native] = d.keys().values();
                // SAFETY: every bit pattern is a valid u64 and a valid key; `align_to` only
                // reinterprets the 8-byte-aligned middle, whose words hold whole keys (the key
                // size divides 8). Reading words, not copying bytes into them, matters: at
                // opt-level "z" each 8-byte copy was an out-of-line call.
                let (head, words, tail) = unsafe { keys.align_to::<u64>() };
                in_range(head, dict_len)
                    && swar_in_range(words, $lane, dict_len)
                    && in_range(tail, dict_len)
            })
        };
    }
    let ok = match key.as_ref() {
        DataType::Int8 => signed!(Int8Type, 1),
        DataType::Int16 => signed!(Int16Type, 2),
        DataType::Int32 => signed!(Int32Type, 4),
        DataType::Int64 => keys!(Int64Type),
        DataType::UInt8 => keys!(UInt8Type),
        DataType::UInt16 => keys!(UInt16Type),
        DataType::UInt32 => keys!(UInt32Type),
        DataType::UInt64 => keys!(UInt64Type),
        _ => None,
    };
    if ok == Some(true) {
        Ok(())
    } else {
        // The row-by-row check names the first bad position (the rare, refused case).
        data.validate_values()
    }
}

/// Whether every signed key of `lane` bytes packed in `words` lies in `0..dict_len`, eight
/// bytes at a time ("SWAR"; WebAssembly has 64-bit integers but this build no SIMD): adding
/// `lane_max - (dict_len - 1)` to every lane sets the lane's sign bit exactly when the key
/// exceeds `dict_len - 1`, and OR-ing the word itself flags negative keys. A carry out of a
/// negative lane can only flag its neighbour too, never hide a bad key: a false alarm sends the
/// caller to arrow's exact check, so `true` is always right.
fn swar_in_range(words: &[u64], lane: usize, dict_len: i64) -> bool {
    if dict_len <= 0 {
        return words.is_empty();
    }
    let bits = 8 * lane as u32;
    let lane_max = (1u64 << (bits - 1)) - 1;
    // The lane pattern repeated over the word: 0x01 per byte, 0x0001 per 16 bits, ...
    let ones = u64::MAX / ((1u128 << bits) - 1) as u64;
    let high = ones << (bits - 1);
    let max_key = (dict_len - 1) as u64;
    let add = if max_key >= lane_max {
        0 // every non-negative key fits: only signs are checked
    } else {
        (lane_max - max_key) * ones
    };
    let acc = words
        .iter()
        .fold(0u64, |acc, &w| acc | w.wrapping_add(add) | w);
    acc & high == 0
}

/// Whether every key lies in `0..dict_len`: a min/max pass in the key's own type (no branch
/// per key, so it vectorises), widened once at the end.
fn in_range<K: Copy + Ord + Into<Wide>>(keys: &[K], dict_len: i64) -> bool {
    let Some(&first) = keys.first() else {
        return true;
    };
    let (lo, hi) = keys
        .iter()
        .fold((first, first), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    lo.into().0 >= 0 && hi.into().0 < dict_len
}

/// A key widened to i64; u64 keys above i64::MAX saturate (and so fail the check, as arrow
/// refuses them).
struct Wide(i64);

macro_rules! wide {
    ($($t:ty),*) => {$(
        impl From<$t> for Wide {
            fn from(v: $t) -> Wide {
                Wide(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
wide!(i8, i16, i32, i64, u8, u16, u32, u64);

#[cfg(test)]
mod tests {
    use super::{in_range, swar_in_range};

    /// The word-at-a-time check agrees with a plain one on every key width, around every
    /// boundary (dictionary lengths 0, 1, lane maximum, beyond), with negative keys anywhere
    /// (a carry out of a negative lane flags a word that is refused anyway).
    #[test]
    fn swar_agrees_with_the_plain_check() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        for lane in [1usize, 2, 4] {
            let lane_max = (1i64 << (8 * lane - 1)) - 1;
            let lens = [
                0,
                1,
                2,
                5,
                100,
                127,
                128,
                129,
                200,
                32767,
                32768,
                70000,
                lane_max,
                lane_max + 1,
            ];
            for &dict_len in &lens {
                for trial in 0..300 {
                    let n = 8 * (1 + (next() % 6) as usize) / lane;
                    let keys: Vec<i64> = (0..n)
                        .map(|_| {
                            let r = next() as i64;
                            match trial % 4 {
                                0 => r % dict_len.max(1),
                                1 => (r % dict_len.max(1)) - (r % 3),
                                2 => dict_len - 1 + (r % 3),
                                _ => r % (lane_max + 1) - (r % 2) * lane_max,
                            }
                            .clamp(-lane_max - 1, lane_max)
                        })
                        .collect();
                    let bytes: Vec<u8> = keys
                        .iter()
                        .flat_map(|&k| match lane {
                            1 => (k as i8).to_ne_bytes().to_vec(),
                            2 => (k as i16).to_ne_bytes().to_vec(),
                            _ => (k as i32).to_ne_bytes().to_vec(),
                        })
                        .collect();
                    let words: Vec<u64> = bytes
                        .chunks_exact(8)
                        .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
                        .collect();
                    let plain = in_range(&keys, dict_len);
                    let swar = swar_in_range(&words, lane, dict_len);
                    assert_eq!(swar, plain, "lane {lane} len {dict_len} keys {keys:?}");
                }
            }
        }
    }
}
