//! The dataset builder: the report datasets as Arrow IPC snapshots with provenance, built from
//! the checked-in CSV in `data/` by the `build-data` binary. A native tool of its own crate, so
//! the core library (`civic-pulse`) carries no builder code and no CSV/JSON dependencies.
//!
//! * [`spec`] — dataset definitions as data (`data/datasets.json`);
//! * [`table`] — the one generic CSV → Arrow path and the deterministic IPC writer;
//! * [`reconstruct`] — the documented, deterministic reconstruction of chart series;
//! * [`claims`] — `claims.arrow` and the op vocabulary of claim computations;
//! * [`build`] — orchestration, `catalog.json`; [`docs`] — `docs/datasets.md`;
//! * [`dates`] — calendar helpers.
//!
//! The `build-data` binary writes the output of [`build_all`] to `www/data/`.
//!
//! # Example
//! ```no_run
//! let out = build_data::build_all(std::path::Path::new("data")).unwrap();
//! assert!(out.files.iter().any(|f| f.name == "catalog.json"));
//! ```

pub mod build;
pub mod claims;
pub mod docs;
pub mod reconstruct;
pub mod spec;
pub mod table;

pub use build::{build_all, BuildOutput, BuiltFile, CatalogEntry};
