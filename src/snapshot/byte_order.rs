//! Byte order. Arrow IPC metadata (flatbuffers, message and footer lengths) is always
//! little-endian, but a schema marked big-endian means every fixed-width value in the bodies
//! is big-endian: values, offsets, dictionary keys, union offsets, view headers, decimals,
//! dates, times, timestamps, intervals. Reading those bytes as little-endian gives wrong
//! values without an error (2147483647 comes back as -129), so this reader swaps them, as
//! Arrow C++ does: [`super::bounds`] records which byte ranges of a body hold which kind of
//! value while it checks them, and [`swapped`] copies the body with each range swapped.
//!
//! Compressed big-endian bodies are refused whole with `unsupported_type` (the swap would
//! have to run after decompression, inside arrow-ipc).

use arrow_buffer::Buffer;
use arrow_ipc::Endianness;
use arrow_schema::{DataType, IntervalUnit, Schema};

use super::limits::try_aligned_buffer;
use crate::{Error, Result};

/// How one buffer's values are swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Swap {
    /// Values of this many bytes, each reversed whole (integers, floats, decimals of any
    /// width: a big-endian decimal is one big-endian two's-complement number).
    Width(usize),
    /// `month_day_nano` intervals: an i32, an i32 and an i64 per value.
    MonthDayNano,
    /// 16-byte string / binary views: an i32 length, then either 12 inline bytes or a
    /// 4-byte prefix (bytes, not swapped), an i32 buffer index and an i32 offset.
    View,
}

/// How the values of a fixed-width type `dt` of `width` bytes are swapped.
pub(super) fn swap_of(dt: &DataType, width: usize) -> Swap {
    match dt {
        DataType::Interval(IntervalUnit::MonthDayNano) => Swap::MonthDayNano,
        // Two i32s (days, milliseconds).
        DataType::Interval(IntervalUnit::DayTime) => Swap::Width(4),
        _ => Swap::Width(width),
    }
}

/// Whether bodies written with `endianness` must be swapped to be read on this machine.
pub(super) fn must_swap(endianness: Endianness) -> bool {
    (endianness == Endianness::Big) != cfg!(target_endian = "big")
}

/// The Arrow schema of a flatbuffer schema `fb`, and whether bodies must be swapped.
///
/// arrow-rs refuses a top-level decimal in a big-endian schema (its own reader does not
/// swap); this reader does, so it parses a copy of the metadata whose endianness flag reads
/// little-endian. `parse` turns such a copy (the whole flatbuffer `fb` lives in: a footer
/// or a message) back into a schema.
pub(super) fn schema(
    fb: arrow_ipc::Schema<'_>,
    convert: impl Fn(arrow_ipc::Schema<'_>) -> Result<Schema>,
    parse: impl FnOnce(&[u8]) -> Result<Schema>,
) -> Result<(Schema, bool)> {
    let swap = must_swap(fb.endianness());
    if fb.endianness() != Endianness::Big {
        return Ok((convert(fb)?, swap));
    }
    let table = fb._tab;
    // Present: Big is not the default, and `endianness()` just read it from here.
    let at = table.loc() + usize::from(table.vtable().get(arrow_ipc::Schema::VT_ENDIANNESS));
    let mut copy = table.buf().to_vec();
    let flag = copy
        .get_mut(at..at + 2)
        .ok_or_else(|| Error::InvalidIpc("malformed schema endianness".into()))?;
    flag.copy_from_slice(&Endianness::Little.0.to_le_bytes());
    Ok((parse(&copy)?, swap))
}

/// `body` with every range of `plan` swapped, in a fresh aligned buffer.
///
/// # Errors
/// `unsupported_type` for a compressed body that needs swapping; `invalid_argument` when
/// memory runs out.
pub(super) fn swapped(
    body: &Buffer,
    plan: &[(usize, usize, Swap)],
    compressed: bool,
) -> Result<Buffer> {
    if plan.is_empty() {
        return Ok(body.clone());
    }
    if compressed {
        return Err(Error::UnsupportedType {
            data_type: "compressed record batches in big-endian byte order".into(),
            column: String::new(),
        });
    }
    let src = body.as_slice();
    // SAFETY: copies exactly `src.len()` bytes into the fresh allocation, which then holds
    // initialised bytes that are swapped in place through a slice of that same length.
    unsafe {
        try_aligned_buffer(src.len(), |dst| {
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst, src.len());
            let bytes = std::slice::from_raw_parts_mut(dst, src.len());
            for &(start, len, how) in plan {
                // `bounds` checked every range against the body; `get_mut` keeps that local.
                if let Some(region) = bytes.get_mut(start..start.saturating_add(len)) {
                    swap_region(region, how);
                }
            }
        })
    }
}

fn swap_region(region: &mut [u8], how: Swap) {
    match how {
        Swap::Width(w) if w > 1 => region.chunks_exact_mut(w).for_each(<[u8]>::reverse),
        Swap::Width(_) => {}
        Swap::MonthDayNano => region.chunks_exact_mut(16).for_each(|v| {
            v[0..4].reverse();
            v[4..8].reverse();
            v[8..16].reverse();
        }),
        Swap::View => region.chunks_exact_mut(16).for_each(|v| {
            v[0..4].reverse();
            let len = i32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            if len > 12 {
                v[8..12].reverse();
                v[12..16].reverse();
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_swap_per_kind() {
        let mut w = [1, 2, 3, 4, 5, 6, 7, 8];
        swap_region(&mut w, Swap::Width(4));
        assert_eq!(w, [4, 3, 2, 1, 8, 7, 6, 5]);
        let mut d: Vec<u8> = (0..16).collect();
        swap_region(&mut d, Swap::Width(16));
        assert_eq!(d, (0..16).rev().collect::<Vec<u8>>());
        let mut m: Vec<u8> = (0..16).collect();
        swap_region(&mut m, Swap::MonthDayNano);
        assert_eq!(m, [3, 2, 1, 0, 7, 6, 5, 4, 15, 14, 13, 12, 11, 10, 9, 8]);
        // An inline view (length 5): only the length is a number.
        let mut v = [
            0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o', 0, 0, 0, 0, 0, 0, 0,
        ];
        swap_region(&mut v, Swap::View);
        assert_eq!(v[..9], [5, 0, 0, 0, b'h', b'e', b'l', b'l', b'o']);
        // An out-of-line view (length 20): prefix kept, buffer index and offset swapped.
        let mut v = [0, 0, 0, 20, b'a', b'b', b'c', b'd', 0, 0, 0, 1, 0, 0, 1, 0];
        swap_region(&mut v, Swap::View);
        assert_eq!(
            v,
            [20, 0, 0, 0, b'a', b'b', b'c', b'd', 1, 0, 0, 0, 0, 1, 0, 0]
        );
    }
}
