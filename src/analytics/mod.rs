//! Analytics over plain `f64` slices: NaN means missing.
//!
//! Each concept lives in its own module; the public functions are re-exported here. Every
//! function states how NaN (missing), ±inf and empty input behave, and returns a typed
//! [`Error`](crate::Error) rather than panicking on any input.
//!
//! * [`growth`](mod@growth): growth, CAGR, compound growth, ratio to base, extremes and local
//!   peaks, mean versus prior mean.
//! * [`penetration`](mod@penetration): penetration with a named base, percentage-point change.
//! * [`stl`](mod@stl): statsmodels-compatible STL decomposition.
//! * [`tiers`]: city tiers, tier shares, TGI.
//! * [`group`]: group-by count/sum/mean over a string key column.

pub mod group;
pub mod growth;
pub mod penetration;
pub mod stl;
pub mod tiers;

pub use group::{group_by, Group, GroupKey, Groups};
pub use growth::{
    cagr, compound_growth, extremes, growth, implied_start, local_peaks, local_troughs,
    mean_vs_prior_mean, ratio_to_base, Extreme, Extremes,
};
pub use penetration::{penetration, pp_change, Penetration};
pub use stl::{
    stl, stl_batch, Fill, ResolvedStlParams, Skipped, StlBatch, StlDecomposition, StlParams,
};
pub use tiers::{tgi, tier_shares, CityTier};
