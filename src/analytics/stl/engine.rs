//! The STL iteration (netlib `stl`, `onestp`, `ss`, `fts`, `ma`, `rwts`; Cleveland et al.
//! 1990) over planned loess smoothers ([`super::loess`]).
//!
//! An [`StlEngine`] is built once for a series length and resolved parameters: it plans every
//! smoother that needs no robustness weights (the low-pass filter always; the seasonal and
//! trend smoothers in the first pass, and in every pass when `outer_iter` is 0) and owns the
//! work buffers. Decomposing many series of that length then allocates nothing and computes
//! no loess weight twice. The sums run in the order of the reference implementation, so
//! results are bit-identical to the `stlrs` crate (tested).

use super::loess::{end_windows, ess, est, Smoother, SubseriesSmoother};
use super::ResolvedStlParams;

/// Planned smoothers and work buffers for STL of series of one length.
#[derive(Debug, Clone)]
pub(crate) struct StlEngine {
    n: usize,
    p: ResolvedStlParams,
    /// One seasonal smoother per distinct cycle-subseries length (at most two) ...
    subseries: Vec<SubseriesSmoother>,
    /// ... and which one each cycle position `j` (0-based) uses.
    by_cycle: Vec<usize>,
    low_pass: Smoother,
    trend_plan: Smoother,
    /// Seasonal component of the last [`StlEngine::decompose`].
    pub(crate) seasonal: Vec<f64>,
    /// Trend component of the last [`StlEngine::decompose`].
    pub(crate) trend: Vec<f64>,
    /// Robustness weights of the last [`StlEngine::decompose`] (all 1 without outer passes).
    pub(crate) weights: Vec<f64>,
    work: [Vec<f64>; 5],
    scratch: Vec<f64>,
}

impl StlEngine {
    /// Plans STL of series of length `n` (`n >= 2 * period >= 4`, checked by the caller).
    pub(crate) fn new(n: usize, p: &ResolvedStlParams) -> StlEngine {
        let np = p.period;
        let mut lengths: Vec<usize> = Vec::new();
        let mut subseries = Vec::new();
        let mut by_cycle = Vec::with_capacity(np);
        for j in 1..=np {
            let k = (n - j) / np + 1;
            let at = match lengths.iter().position(|&len| len == k) {
                Some(at) => at,
                None => {
                    lengths.push(k);
                    subseries.push(SubseriesSmoother::plan(
                        k,
                        p.seasonal,
                        p.seasonal_deg,
                        p.seasonal_jump,
                    ));
                    subseries.len() - 1
                }
            };
            by_cycle.push(at);
        }
        let work_len = n + 2 * np;
        StlEngine {
            n,
            p: *p,
            subseries,
            by_cycle,
            low_pass: Smoother::plan(n, p.low_pass, p.low_pass_deg, p.low_pass_jump),
            trend_plan: Smoother::plan(n, p.trend, p.trend_deg, p.trend_jump),
            seasonal: vec![0.0; n],
            trend: vec![0.0; n],
            weights: vec![0.0; n],
            work: std::array::from_fn(|_| vec![0.0; work_len]),
            scratch: vec![0.0; work_len],
        }
    }

    /// Decomposes `y` (length `n`, finite) into [`Self::seasonal`], [`Self::trend`] and
    /// [`Self::weights`].
    pub(crate) fn decompose(&mut self, y: &[f64]) {
        debug_assert_eq!(y.len(), self.n);
        self.trend.fill(0.0);
        let mut userw = false;
        let mut k = 0;
        loop {
            self.one_step(y, userw);
            k += 1;
            if k > self.p.outer_iter {
                break;
            }
            let fit = &mut self.work[0];
            for ((f, t), s) in fit[..self.n]
                .iter_mut()
                .zip(&self.trend)
                .zip(&self.seasonal)
            {
                *f = t + s;
            }
            robustness_weights(y, &fit[..self.n], &mut self.weights);
            userw = true;
        }
        if self.p.outer_iter == 0 {
            self.weights.fill(1.0);
        }
    }

    /// netlib `onestp`: `inner_iter` passes of seasonal then trend smoothing.
    fn one_step(&mut self, y: &[f64], userw: bool) {
        let n = self.n;
        let p = self.p;
        let np = p.period;
        let [w1, w2, w3, w4, w5] = &mut self.work;
        for _ in 0..p.inner_iter {
            for i in 0..n {
                w1[i] = y[i] - self.trend[i];
            }
            let rw = userw.then_some(&self.weights[..]);
            let cycle = Cycle {
                plans: &self.subseries,
                by_cycle: &self.by_cycle,
                p: &p,
                n,
            };
            cycle.smooth(&w1[..n], rw, w2, [w3, w4, w5], &mut self.scratch);
            low_pass_filter(w2, n + 2 * np, np, w3, w1);
            self.low_pass.apply(&w3[..n], &mut w1[..n]);
            for i in 0..n {
                self.seasonal[i] = w2[np + i] - w1[i];
            }
            for i in 0..n {
                w1[i] = y[i] - self.seasonal[i];
            }
            if userw {
                let (rw, scratch) = (&self.weights[..], &mut self.scratch);
                let mut fit = |y: &[f64], xs, l, r| {
                    est(y, n, p.trend, p.trend_deg, xs, l, r, Some(rw), scratch)
                };
                ess(
                    &w1[..n],
                    n,
                    p.trend,
                    p.trend_jump,
                    &mut self.trend,
                    &mut fit,
                );
            } else {
                self.trend_plan.apply(&w1[..n], &mut self.trend);
            }
        }
    }
}

/// The seasonal step's view of an engine: its subseries plans and parameters.
struct Cycle<'a> {
    plans: &'a [SubseriesSmoother],
    by_cycle: &'a [usize],
    p: &'a ResolvedStlParams,
    n: usize,
}

impl Cycle<'_> {
    /// netlib `ss`: smooths each cycle-subseries of `y` (length n) into `out` (n + 2·np),
    /// planned without robustness weights `rw`, direct with them.
    fn smooth(
        &self,
        y: &[f64],
        rw: Option<&[f64]>,
        out: &mut [f64],
        work: [&mut Vec<f64>; 3],
        w: &mut [f64],
    ) {
        let (n, p) = (self.n, self.p);
        let np = p.period;
        let [sub_y, sub_ys, sub_rw] = work;
        for j in 1..=np {
            let k = (n - j) / np + 1;
            for i in 1..=k {
                sub_y[i - 1] = y[(i - 1) * np + j - 1];
            }
            match rw {
                Some(rw) => {
                    for i in 1..=k {
                        sub_rw[i - 1] = rw[(i - 1) * np + j - 1];
                    }
                    let (y, rw) = (&sub_y[..k], &sub_rw[..k]);
                    let (len, deg) = (p.seasonal, p.seasonal_deg);
                    let mut fit = |y: &[f64], xs, l, r| est(y, k, len, deg, xs, l, r, Some(rw), w);
                    ess(y, k, len, p.seasonal_jump, &mut sub_ys[1..], &mut fit);
                    let [(x0, l0, r0), (x1, l1, r1)] = end_windows(k, len);
                    sub_ys[0] = fit(y, x0, l0, r0).unwrap_or(sub_ys[1]);
                    sub_ys[k + 1] = fit(y, x1, l1, r1).unwrap_or(sub_ys[k]);
                }
                None => self.plans[self.by_cycle[j - 1]].apply(&sub_y[..k], &mut sub_ys[..k + 2]),
            }
            for m in 1..=k + 2 {
                out[(m - 1) * np + j - 1] = sub_ys[m - 1];
            }
        }
    }
}

/// netlib `fts`: moving averages of lengths `np`, `np` and 3 of `x` (length `n`) into `trend`.
fn low_pass_filter(x: &[f64], n: usize, np: usize, trend: &mut [f64], work: &mut [f64]) {
    moving_average(x, n, np, trend);
    moving_average(trend, n - np + 1, np, work);
    moving_average(work, n - 2 * np + 2, 3, trend);
}

/// netlib `ma`: the moving average of length `len` of `x[..n]` into `ave[..n - len + 1]`.
fn moving_average(x: &[f64], n: usize, len: usize, ave: &mut [f64]) {
    let newn = n - len + 1;
    let flen = len as f64;
    let mut v: f64 = x.iter().take(len).copied().sum();
    ave[0] = v / flen;
    if newn > 1 {
        for (m, aj) in ave.iter_mut().take(newn).skip(1).enumerate() {
            v = v - x[m] + x[len + m];
            *aj = v / flen;
        }
    }
}

/// netlib `rwts`: bisquare robustness weights from the residuals `y - fit`.
fn robustness_weights(y: &[f64], fit: &[f64], rw: &mut [f64]) {
    let n = y.len();
    for i in 0..n {
        rw[i] = (y[i] - fit[i]).abs();
    }
    let mid1 = (n - 1) / 2;
    let mid2 = n / 2;
    // Finite, non-negative values: total order equals the reference's partial order.
    rw.sort_unstable_by(f64::total_cmp);
    let cmad = 3.0 * (rw[mid1] + rw[mid2]);
    let c9 = 0.999 * cmad;
    let c1 = 0.001 * cmad;
    for i in 0..n {
        let r = (y[i] - fit[i]).abs();
        rw[i] = if r <= c1 {
            1.0
        } else if r <= c9 {
            let u = r / cmad;
            (1.0 - u * u) * (1.0 - u * u)
        } else {
            0.0
        };
    }
}
