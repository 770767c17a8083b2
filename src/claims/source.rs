//! Where the checker finds dataset snapshots.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::marker::PhantomData;

use crate::Snapshot;

/// Where the checker finds dataset snapshots by id (e.g. `jiaoguan_12123_monthly`).
///
/// Implemented for `HashMap<String, Snapshot>`, `BTreeMap<String, Snapshot>`, references to
/// any source, and closures wrapped in [`FnSource`].
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use civic_pulse::claims::DatasetSource;
/// use civic_pulse::tidy::example_snapshot;
/// let mut m = BTreeMap::new();
/// m.insert("demo".to_string(), example_snapshot().unwrap());
/// assert!(m.dataset("demo").is_some());
/// assert!(m.dataset("other").is_none());
/// ```
pub trait DatasetSource {
    /// The snapshot with this id, if there is one.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::DatasetSource;
    /// let empty = std::collections::HashMap::<String, civic_pulse::Snapshot>::new();
    /// assert!(empty.dataset("claims").is_none());
    /// ```
    fn dataset(&self, id: &str) -> Option<&Snapshot>;
}

impl<S: BuildHasher> DatasetSource for HashMap<String, Snapshot, S> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        self.get(id)
    }
}

impl DatasetSource for BTreeMap<String, Snapshot> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        self.get(id)
    }
}

impl<T: DatasetSource + ?Sized> DatasetSource for &T {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        (**self).dataset(id)
    }
}

/// A closure as a [`DatasetSource`].
///
/// # Example
/// ```
/// use civic_pulse::claims::{DatasetSource, FnSource};
/// use civic_pulse::tidy::example_snapshot;
/// let snap = example_snapshot().unwrap();
/// let source = FnSource::new(|id: &str| (id == "demo").then_some(&snap));
/// assert!(source.dataset("demo").is_some());
/// ```
pub struct FnSource<'a, F> {
    f: F,
    _data: PhantomData<&'a Snapshot>,
}

impl<'a, F: Fn(&str) -> Option<&'a Snapshot>> FnSource<'a, F> {
    /// Wraps `f`, which maps a dataset id to its snapshot.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::{DatasetSource, FnSource};
    /// let none = FnSource::new(|_: &str| None);
    /// assert!(none.dataset("anything").is_none());
    /// ```
    pub fn new(f: F) -> Self {
        FnSource {
            f,
            _data: PhantomData,
        }
    }
}

impl<'a, F: Fn(&str) -> Option<&'a Snapshot>> DatasetSource for FnSource<'a, F> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        (self.f)(id)
    }
}
