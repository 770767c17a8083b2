//! # Civic Pulse
//!
//! Arrow IPC snapshots of the published reports on China's city public-service apps, and the
//! analytics the reports only print as sentences: growth (同比/环比, CAGR, compound growth),
//! penetration, STL seasonal-trend decomposition, city-tier shares and TGI, and claim checking.
//!
//! The core is plain Rust over slices and Arrow arrays and is tested natively with `cargo test`;
//! the JavaScript bindings are the separate crate `crates/civic-pulse-wasm`.
//!
//! ```
//! use civic_pulse::analytics::growth;
//! let yoy = growth(&[100.0, 110.0, 121.0], 1).unwrap();
//! assert!(yoy[0].is_nan());
//! assert!((yoy[2] - 0.1).abs() < 1e-12);
//! ```

pub mod analytics;
pub mod calendar;
pub mod claims;
pub mod error;
pub mod export;
pub mod hash;
pub mod snapshot;
pub mod tidy;

pub use claims::{check_claims, ClaimCheck, Verdict};
pub use error::{Error, Result};
pub use snapshot::{CodedColumn, Column, Snapshot};
pub use tidy::{Series, Tidy};
