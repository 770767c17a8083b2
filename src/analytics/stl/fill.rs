//! Linear filling of missing values before decomposing ([`Fill::Linear`](super::Fill)).

/// Fills NaN linearly (edges: nearest value). Returns the filled indices.
/// Requires at least one non-NaN value.
pub(super) fn fill_linear(y: &mut [f64]) -> Vec<usize> {
    let mut filled = Vec::new();
    let mut last: Option<(usize, f64)> = None;
    let mut i = 0;
    while i < y.len() {
        let v = y.get(i).copied().unwrap_or(0.0);
        if !v.is_nan() {
            last = Some((i, v));
            i += 1;
            continue;
        }
        // gap [i, j)
        let mut j = i;
        while y.get(j).is_some_and(|v| v.is_nan()) {
            j += 1;
        }
        let next = y.get(j).map(|&v| (j, v));
        for k in i..j {
            let value = match (last, next) {
                (Some((a, va)), Some((b, vb))) => {
                    va + (vb - va) * ((k - a) as f64 / (b - a) as f64)
                }
                (Some((_, va)), None) => va,
                (None, Some((_, vb))) => vb,
                (None, None) => f64::NAN,
            };
            if let Some(slot) = y.get_mut(k) {
                *slot = value;
            }
            filled.push(k);
        }
        i = j;
    }
    filled
}
