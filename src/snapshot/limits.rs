//! The limits of the reader and the fallible allocation behind them.
//!
//! WebAssembly has a 32-bit address space that the input, its decoded columns and their
//! JavaScript copies share, and a phone may grant far less; a hostile 100-byte file can claim
//! 2⁶² bytes. So every size is checked against a limit and every large allocation is charged
//! and made fallibly before it happens: `invalid_argument` ("too large") instead of an abort.

use arrow_buffer::Buffer;

use crate::{Error, Result};

/// Largest IPC input accepted (1 GiB).
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// Most bytes one converted column ([`Snapshot::column`](super::Snapshot::column)) may take in
/// memory (512 MiB), estimated before anything is allocated; a larger column is refused with
/// `invalid_argument`.
pub const MAX_COLUMN_BYTES: usize = 512 << 20;

/// Longest array (and most rows in a snapshot) accepted: 2³¹ − 1, as Arrow's 32-bit offsets
/// and a 32-bit address space allow.
pub const MAX_ROWS: u64 = i32::MAX as u64;

/// Most bytes all compressed buffers of one snapshot may declare once decompressed (1 GiB).
pub const MAX_DECODED_BYTES: u64 = 1 << 30;

/// Most values all delta dictionaries of a snapshot may copy while being appended (64 Mi):
/// each delta re-copies the dictionary so far, so a stream of many tiny deltas would
/// otherwise cost quadratic time.
pub(crate) const MAX_DELTA_COPIES: u64 = 1 << 26;

/// A 16-byte-aligned buffer of `len` bytes, allocated fallibly (`invalid_argument` instead of
/// an out-of-memory abort) and filled by `fill`.
///
/// # Safety
/// `fill` must initialise all `len` bytes behind the pointer it is given.
pub(crate) unsafe fn try_aligned_buffer(len: usize, fill: impl FnOnce(*mut u8)) -> Result<Buffer> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::invalid(format!(
            "input too large: {len} bytes (this reader accepts at most {MAX_INPUT_BYTES})"
        )));
    }
    // i128 storage: 16-byte alignment, so Decimal128 and every narrower type decode in place.
    let words = len.div_ceil(16);
    let mut v: Vec<i128> = Vec::new();
    v.try_reserve_exact(words).map_err(|_| {
        Error::invalid(format!(
            "input too large: not enough memory to hold {len} bytes"
        ))
    })?;
    fill(v.as_mut_ptr().cast::<u8>());
    // SAFETY: `fill` initialised the first `len` bytes (the caller's contract); the tail of
    // the last word is zeroed here before the words are exposed.
    unsafe {
        let tail = words * 16 - len;
        std::ptr::write_bytes(v.as_mut_ptr().cast::<u8>().add(len), 0, tail);
        v.set_len(words);
    }
    Ok(Buffer::from_vec(v).slice_with_length(0, len))
}

/// Copies `bytes` into an aligned [`Buffer`] (see [`Snapshot::from_ipc_buffer`](super::Snapshot::from_ipc_buffer)), fallibly.
///
/// # Errors
/// `invalid_argument` when `bytes` exceeds [`MAX_INPUT_BYTES`] or memory runs out.
///
/// # Example
/// ```
/// let b = civic_pulse::snapshot::aligned_buffer(b"ARROW1").unwrap();
/// assert_eq!(b.as_slice(), b"ARROW1");
/// assert_eq!(b.as_ptr() as usize % 16, 0);
/// ```
pub fn aligned_buffer(bytes: &[u8]) -> Result<Buffer> {
    // SAFETY: copies exactly `bytes.len()` bytes into the fresh allocation.
    unsafe {
        try_aligned_buffer(bytes.len(), |dst| {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len())
        })
    }
}

/// What converting one column may still allocate (see [`MAX_COLUMN_BYTES`]): every
/// allocation is charged before it is made, so a hostile file that would expand into more
/// memory than that is refused instead of exhausting it.
pub(crate) struct Budget<'a> {
    left: usize,
    column: &'a str,
}

impl<'a> Budget<'a> {
    pub(crate) fn new(column: &'a str) -> Self {
        Budget {
            left: MAX_COLUMN_BYTES,
            column,
        }
    }

    pub(crate) fn take(&mut self, bytes: usize) -> Result<()> {
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(Error::invalid(format!(
                "column {:?} is too large to convert: it needs more than {MAX_COLUMN_BYTES} bytes \
                 of memory",
                self.column
            ))),
        }
    }

    /// An empty vector with room for `n` items, charged and allocated fallibly.
    pub(crate) fn vec<T>(&mut self, n: usize) -> Result<Vec<T>> {
        self.take(n.saturating_mul(std::mem::size_of::<T>()))?;
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| {
            Error::invalid(format!(
                "column {:?}: not enough memory for {n} values",
                self.column
            ))
        })?;
        Ok(v)
    }

    /// Charges one string of `len` bytes (plus the allocator's overhead).
    pub(crate) fn string(&mut self, len: usize) -> Result<()> {
        if len == 0 {
            Ok(())
        } else {
            self.take(len.saturating_add(8))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_too_large_to_convert_are_refused() {
        let mut budget = Budget::new("x");
        assert!(budget.vec::<f64>(MAX_COLUMN_BYTES / 8).is_ok());
        assert_eq!(budget.take(1).unwrap_err().code(), "invalid_argument");
        let mut budget = Budget::new("x");
        let err = budget.vec::<f64>(usize::MAX / 4).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn inputs_over_the_limit_are_refused() {
        // SAFETY: the fill closure is never called for a refused length.
        let err = unsafe { try_aligned_buffer(MAX_INPUT_BYTES + 1, |_| unreachable!()) };
        assert_eq!(err.unwrap_err().code(), "invalid_argument");
        let b = aligned_buffer(&[1, 2, 3]).unwrap();
        assert_eq!(b.as_slice(), [1, 2, 3]);
        assert_eq!(b.as_ptr() as usize % 16, 0);
    }
}
