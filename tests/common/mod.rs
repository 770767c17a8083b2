//! Helpers shared by the native test files (`mod common;` in each). Each test binary uses a
//! different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use civic_pulse::Column;

/// Whether two converted columns hold the same values. Floats compare by bits, so `-0.0` is
/// told from `0.0` and a wrong rounding in the last place fails; any NaN (a null) equals any
/// NaN, since a null's payload carries no meaning.
pub fn same_column(a: &Column, b: &Column) -> bool {
    match (a, b) {
        (Column::Float(x), Column::Float(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.to_bits() == q.to_bits() || (p.is_nan() && q.is_nan()))
        }
        _ => a == b,
    }
}

/// Apache Arrow's integration gold files: `../shared/arrow-testing/` next to the repository,
/// or `CIVIC_ARROW_TESTING` (a git worktree elsewhere, a CI cache).
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("CIVIC_ARROW_TESTING")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/arrow-testing"))
}
pub mod big_endian;
