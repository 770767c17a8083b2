//! Group-by aggregation (count, sum, mean) of a numeric column over any string key column.

use std::collections::HashMap;

use crate::{Error, Result};

/// A value usable as a group key: strings, string slices and their `Option`s (`None` is a
/// null key, which forms its own group).
///
/// # Example
/// ```
/// use civic_pulse::analytics::GroupKey;
/// assert_eq!("东部".group_key(), Some("东部"));
/// assert_eq!(None::<String>.group_key(), None);
/// ```
pub trait GroupKey {
    /// The key as a string slice, `None` for a null key.
    fn group_key(&self) -> Option<&str>;
}

impl GroupKey for str {
    fn group_key(&self) -> Option<&str> {
        Some(self)
    }
}

impl GroupKey for String {
    fn group_key(&self) -> Option<&str> {
        Some(self)
    }
}

impl<K: GroupKey + ?Sized> GroupKey for &K {
    fn group_key(&self) -> Option<&str> {
        (**self).group_key()
    }
}

impl<K: GroupKey> GroupKey for Option<K> {
    fn group_key(&self) -> Option<&str> {
        self.as_ref().and_then(|k| k.group_key())
    }
}

/// The result of [`group_by`]: one entry per distinct key, in order of first appearance.
///
/// All vectors have the same length (the number of groups).
///
/// # Example
/// ```
/// use civic_pulse::analytics::group_by;
/// let g = group_by(&["a", "b", "a"], &[1.0, 2.0, 3.0]).unwrap();
/// assert_eq!(g.len(), 2);
/// assert_eq!(g.get(Some("a")).unwrap().mean, 2.0);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Groups {
    /// Distinct keys in order of first appearance; `None` is the null-key group.
    pub keys: Vec<Option<String>>,
    /// Rows per group, NaN values included.
    pub rows: Vec<usize>,
    /// Non-NaN values per group (the `count` aggregate).
    pub count: Vec<usize>,
    /// Sum of the non-NaN values (0 for a group with none).
    pub sum: Vec<f64>,
    /// `sum / count`; NaN for a group with no non-NaN value.
    pub mean: Vec<f64>,
}

/// One group's aggregates, as returned by [`Groups::get`].
///
/// # Example
/// ```
/// use civic_pulse::analytics::{group_by, Group};
/// let g = group_by(&["x"], &[4.0]).unwrap();
/// assert_eq!(g.get(Some("x")), Some(Group { rows: 1, count: 1, sum: 4.0, mean: 4.0 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    /// Rows in the group, NaN values included.
    pub rows: usize,
    /// Non-NaN values.
    pub count: usize,
    /// Sum of the non-NaN values.
    pub sum: f64,
    /// Mean of the non-NaN values (NaN if there are none).
    pub mean: f64,
}

impl Groups {
    /// Number of groups.
    ///
    /// # Example
    /// ```
    /// assert!(civic_pulse::analytics::Groups::default().is_empty());
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no groups (empty input).
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::analytics::Groups::default().len(), 0);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The aggregates of one key (`None` for the null-key group), if present.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::group_by;
    /// let g = group_by(&[Some("a"), None], &[1.0, f64::NAN]).unwrap();
    /// let null = g.get(None).unwrap();
    /// assert_eq!((null.rows, null.count), (1, 0));
    /// assert!(null.mean.is_nan());
    /// assert!(g.get(Some("zzz")).is_none());
    /// ```
    pub fn get(&self, key: Option<&str>) -> Option<Group> {
        let i = self.keys.iter().position(|k| k.as_deref() == key)?;
        Some(Group {
            rows: *self.rows.get(i)?,
            count: *self.count.get(i)?,
            sum: *self.sum.get(i)?,
            mean: *self.mean.get(i)?,
        })
    }
}

/// Group `values` by `keys` and compute count, sum and mean per group
/// (e.g. the 2017 report's east/central/west mean total scores).
///
/// Groups come out in order of first appearance of their key, so the caller's order (or a
/// canonical order such as [`CityTier::ALL`](crate::analytics::CityTier::ALL)) is kept; sort
/// afterwards if needed. A null key (`None`) is a group of its own.
///
/// # NaN and edge cases
/// NaN values are skipped by `count`, `sum` and `mean` (and still counted in `rows`); a group
/// with only NaN values has `count` 0, `sum` 0 and `mean` NaN. ±inf are summed as IEEE says
/// (`inf + -inf` is NaN). Empty input gives no groups. Sums are plain left-to-right sums.
///
/// # Errors
/// `invalid_argument` when `keys` and `values` differ in length.
///
/// # Example
/// ```
/// use civic_pulse::analytics::group_by;
/// let region = ["东部", "西部", "东部", "中部"];
/// let score = [82.0, 62.0, 81.0, 61.0];
/// let g = group_by(&region, &score).unwrap();
/// assert_eq!(g.keys[0].as_deref(), Some("东部"));
/// assert_eq!(g.mean, vec![81.5, 62.0, 61.0]);
/// ```
pub fn group_by<K: GroupKey>(keys: &[K], values: &[f64]) -> Result<Groups> {
    if keys.len() != values.len() {
        return Err(Error::invalid(format!(
            "length mismatch: keys has {} value(s), values has {}",
            keys.len(),
            values.len()
        )));
    }
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    let mut out = Groups::default();
    for (key, &value) in keys.iter().zip(values) {
        let k = key.group_key();
        let gi = *index.entry(k).or_insert_with(|| {
            out.keys.push(k.map(str::to_owned));
            out.rows.push(0);
            out.count.push(0);
            out.sum.push(0.0);
            out.keys.len() - 1
        });
        // infallible: gi was pushed to every vector above.
        if let (Some(r), Some(c), Some(s)) = (
            out.rows.get_mut(gi),
            out.count.get_mut(gi),
            out.sum.get_mut(gi),
        ) {
            *r += 1;
            if !value.is_nan() {
                *c += 1;
                *s += value;
            }
        }
    }
    out.mean = out
        .sum
        .iter()
        .zip(&out.count)
        .map(|(&s, &c)| if c == 0 { f64::NAN } else { s / c as f64 })
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_table() {
        let g = group_by(
            &["b", "a", "b", "a", "c"],
            &[1.0, 2.0, 3.0, f64::NAN, f64::NAN],
        )
        .unwrap();
        assert_eq!(
            g.keys,
            vec![
                Some("b".to_string()),
                Some("a".to_string()),
                Some("c".to_string())
            ]
        );
        assert_eq!(g.rows, vec![2, 2, 1]);
        assert_eq!(g.count, vec![2, 1, 0]);
        assert_eq!(g.sum, vec![4.0, 2.0, 0.0]);
        assert_eq!(&g.mean[..2], &[2.0, 2.0]);
        assert!(g.mean[2].is_nan());
    }

    #[test]
    fn key_kinds() {
        let owned = vec![Some("x".to_string()), None, Some("x".to_string())];
        let g = group_by(&owned, &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!(g.keys, vec![Some("x".to_string()), None]);
        assert_eq!(g.sum, vec![4.0, 2.0]);
        let strings = vec!["k".to_string()];
        assert_eq!(group_by(&strings, &[1.0]).unwrap().len(), 1);
        let empty: [&str; 0] = [];
        assert!(group_by(&empty, &[]).unwrap().is_empty());
        assert_eq!(
            group_by(&["a"], &[]).unwrap_err().code(),
            "invalid_argument"
        );
    }
}
