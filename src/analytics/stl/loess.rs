//! The loess smoother STL is built from (Cleveland et al. 1990; netlib `stl`'s `ess` and
//! `est`, as ported by the `stlrs` crate), with one addition: the weights of every fitted
//! point can be computed once and replayed.
//!
//! Without robustness weights a loess fit is a fixed linear map of its input: the weights of
//! point `i` depend only on the series length, the window, the degree and the jump, never on
//! the values. [`Smoother::plan`] records them in call order; [`Smoother::apply`] replays
//! them with the same sums in the same order, so a planned fit is bit-identical to a direct
//! one. Series of one length share one plan: that is what makes a batch of STL decompositions
//! cheaper than the same decompositions one by one.

/// Where a fitted point's weights start in [`Smoother::weights`], and its window's first
/// index (1-based); `None` when the window has no positive weight (the caller falls back).
type Fit = Option<(usize, usize, usize)>;

/// The recorded fits of one smoothing pass over a series of length `n`.
#[derive(Debug, Clone)]
pub(crate) struct Smoother {
    n: usize,
    len: usize,
    jump: usize,
    fits: Vec<Fit>,
    weights: Vec<f64>,
}

impl Smoother {
    /// Records the weights of `ess(n, len, deg, jump)` without robustness weights.
    pub(crate) fn plan(n: usize, len: usize, deg: u8, jump: usize) -> Smoother {
        let mut s = Smoother {
            n,
            len,
            jump,
            fits: Vec::new(),
            weights: Vec::new(),
        };
        let mut w = vec![0.0; n.max(1)];
        let (fits, weights) = (&mut s.fits, &mut s.weights);
        let mut record = |_: &[f64], xs: f64, nleft: usize, nright: usize| {
            record_fit(fits, weights, &mut w, n, len, deg, xs, nleft, nright)
        };
        let zeros = vec![0.0; n.max(1)];
        let mut ys = vec![0.0; n.max(1)];
        ess(&zeros, n, len, jump, &mut ys, &mut record);
        s
    }

    /// Smooths `y` (length `n`) into `ys` with the recorded weights.
    pub(crate) fn apply(&self, y: &[f64], ys: &mut [f64]) {
        let mut next = self.fits.iter();
        let weights = &self.weights;
        let mut replay =
            |y: &[f64], _: f64, _: usize, _: usize| replay_fit(next.next(), weights, y);
        ess(y, self.n, self.len, self.jump, ys, &mut replay);
    }
}

/// The subseries smoother of STL's seasonal step: `ess` over a cycle-subseries of length `k`
/// plus the two extrapolated end points at positions 0 and `k + 1`.
#[derive(Debug, Clone)]
pub(crate) struct SubseriesSmoother {
    inner: Smoother,
    ends: Smoother,
}

impl SubseriesSmoother {
    /// Records the weights for a subseries of length `k` (window `len`, degree, jump).
    pub(crate) fn plan(k: usize, len: usize, deg: u8, jump: usize) -> SubseriesSmoother {
        let mut ends = Smoother {
            n: k,
            len,
            jump,
            fits: Vec::new(),
            weights: Vec::new(),
        };
        let mut w = vec![0.0; k.max(1)];
        for (xs, nleft, nright) in end_windows(k, len) {
            record_fit(
                &mut ends.fits,
                &mut ends.weights,
                &mut w,
                k,
                len,
                deg,
                xs,
                nleft,
                nright,
            );
        }
        SubseriesSmoother {
            inner: Smoother::plan(k, len, deg, jump),
            ends,
        }
    }

    /// Smooths subseries `y` (length `k`) into `out` (length `k + 2`: the two ends around it).
    pub(crate) fn apply(&self, y: &[f64], out: &mut [f64]) {
        let k = self.inner.n;
        self.inner.apply(y, &mut out[1..]);
        let w = &self.ends.weights;
        out[0] = replay_fit(self.ends.fits.first(), w, y).unwrap_or(out[1]);
        out[k + 1] = replay_fit(self.ends.fits.get(1), w, y).unwrap_or(out[k]);
    }
}

/// The windows of the two extrapolated ends of a subseries of length `k`: `(xs, nleft, nright)`.
pub(crate) fn end_windows(k: usize, len: usize) -> [(f64, usize, usize); 2] {
    let nleft = if k + 1 > len { k + 1 - len } else { 1 };
    [(0.0, 1, len.min(k)), ((k + 1) as f64, nleft, k)]
}

#[allow(clippy::too_many_arguments)]
fn record_fit(
    fits: &mut Vec<Fit>,
    weights: &mut Vec<f64>,
    w: &mut [f64],
    n: usize,
    len: usize,
    deg: u8,
    xs: f64,
    nleft: usize,
    nright: usize,
) -> Option<f64> {
    if est_weights(n, len, deg, xs, nleft, nright, None, w) {
        let start = weights.len();
        weights.extend_from_slice(&w[nleft - 1..nright]);
        fits.push(Some((start, nleft, nright)));
    } else {
        fits.push(None);
    }
    Some(0.0)
}

fn replay_fit(fit: Option<&Fit>, weights: &[f64], y: &[f64]) -> Option<f64> {
    let &(start, nleft, nright) = fit?.as_ref()?;
    let w = &weights[start..start + (nright + 1 - nleft)];
    let mut ys = 0.0;
    for (wj, yj) in w.iter().zip(&y[nleft - 1..nright]) {
        ys += wj * yj;
    }
    Some(ys)
}

/// One direct loess fit at `xs` over `y[nleft-1..nright]` with optional robustness weights
/// `rw`; `w` is scratch of length `n`. `None` when no point has positive weight.
#[allow(clippy::too_many_arguments)]
pub(crate) fn est(
    y: &[f64],
    n: usize,
    len: usize,
    deg: u8,
    xs: f64,
    nleft: usize,
    nright: usize,
    rw: Option<&[f64]>,
    w: &mut [f64],
) -> Option<f64> {
    if !est_weights(n, len, deg, xs, nleft, nright, rw, w) {
        return None;
    }
    let mut ys = 0.0;
    for j in nleft..=nright {
        ys += w[j - 1] * y[j - 1];
    }
    Some(ys)
}

/// The netlib `est` weights: tricube in distance, times `rw`, normalised, then tilted for a
/// local linear fit when `deg > 0`. Returns false when they sum to zero.
#[allow(clippy::too_many_arguments)]
fn est_weights(
    n: usize,
    len: usize,
    deg: u8,
    xs: f64,
    nleft: usize,
    nright: usize,
    rw: Option<&[f64]>,
    w: &mut [f64],
) -> bool {
    let range = n as f64 - 1.0;
    let mut h = (xs - nleft as f64).max(nright as f64 - xs);
    if len > n {
        h += ((len - n) / 2) as f64;
    }
    let h9 = 0.999 * h;
    let h1 = 0.001 * h;
    let mut a = 0.0;
    for j in nleft..=nright {
        w[j - 1] = 0.0;
        let r = (j as f64 - xs).abs();
        if r <= h9 {
            if r <= h1 {
                w[j - 1] = 1.0;
            } else {
                w[j - 1] = pow3(1.0 - pow3(r / h));
            }
            if let Some(rw) = rw {
                w[j - 1] *= rw[j - 1];
            }
            a += w[j - 1];
        }
    }
    if a <= 0.0 {
        return false;
    }
    for j in nleft..=nright {
        w[j - 1] /= a;
    }
    if h > 0.0 && deg > 0 {
        let mut a = 0.0;
        for j in nleft..=nright {
            a += w[j - 1] * j as f64;
        }
        let mut b = xs - a;
        let mut c = 0.0;
        for j in nleft..=nright {
            c += w[j - 1] * pow2(j as f64 - a);
        }
        if c.sqrt() > 0.001 * range {
            b /= c;
            for j in nleft..=nright {
                w[j - 1] *= b * (j as f64 - a) + 1.0;
            }
        }
    }
    true
}

/// The netlib `ess` control flow: fit every `jump`-th point (and the last), interpolate
/// linearly between them. `est(y, xs, nleft, nright)` fits one point; `None` keeps `y`.
pub(crate) fn ess(
    y: &[f64],
    n: usize,
    len: usize,
    njump: usize,
    ys: &mut [f64],
    est: &mut impl FnMut(&[f64], f64, usize, usize) -> Option<f64>,
) {
    if n < 2 {
        ys[0] = y[0];
        return;
    }
    let mut nleft = 0;
    let mut nright = 0;
    let newnj = njump.min(n - 1);
    if len >= n {
        nleft = 1;
        nright = n;
        let mut i = 1;
        while i <= n {
            ys[i - 1] = est(y, i as f64, nleft, nright).unwrap_or(y[i - 1]);
            i += newnj;
        }
    } else if newnj == 1 {
        let nsh = len.div_ceil(2);
        nleft = 1;
        nright = len;
        for i in 1..=n {
            if i > nsh && nright != n {
                nleft += 1;
                nright += 1;
            }
            ys[i - 1] = est(y, i as f64, nleft, nright).unwrap_or(y[i - 1]);
        }
    } else {
        let nsh = len.div_ceil(2);
        let mut i = 1;
        while i <= n {
            if i < nsh {
                nleft = 1;
                nright = len;
            } else if i > n - nsh {
                nleft = n - len + 1;
                nright = n;
            } else {
                nleft = i - nsh + 1;
                nright = len + i - nsh;
            }
            ys[i - 1] = est(y, i as f64, nleft, nright).unwrap_or(y[i - 1]);
            i += newnj;
        }
    }
    if newnj != 1 {
        let mut i = 1;
        while i <= n - newnj {
            let delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj as f64;
            for j in i + 1..=i + newnj - 1 {
                ys[j - 1] = ys[i - 1] + delta * (j - i) as f64;
            }
            i += newnj;
        }
        let k = ((n - 1) / newnj) * newnj + 1;
        if k != n {
            ys[n - 1] = est(y, n as f64, nleft, nright).unwrap_or(y[n - 1]);
            if k != n - 1 {
                let delta = (ys[n - 1] - ys[k - 1]) / (n - k) as f64;
                for j in k + 1..=n - 1 {
                    ys[j - 1] = ys[k - 1] + delta * (j - k) as f64;
                }
            }
        }
    }
}

fn pow2(x: f64) -> f64 {
    x * x
}

fn pow3(x: f64) -> f64 {
    x * x * x
}
