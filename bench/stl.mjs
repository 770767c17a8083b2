// A straightforward JavaScript port of STL (Cleveland et al. 1990; netlib's Fortran `stl`, the
// algorithm statsmodels and the Rust `stlrs` crate implement), for the "JS stack" peer in
// `make bench`: npm has no maintained STL decomposition package (searched: `stl`, `js-stl`,
// `loess`, `timeseries-analysis` are unrelated or smoothing only), so the peer is this port,
// written the way a JS developer would: Float64Arrays, no allocation in the inner loops.
// Parameters and defaults as statsmodels' STL (the same as `civic_pulse.stl`).

function est(y, n, len, ideg, xs, nleft, nright, w, userw, rw) {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h,
    h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j - 1] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) w[j - 1] = 1;
      else {
        const q = r / h;
        const t = 1 - q * q * q;
        w[j - 1] = t * t * t;
      }
      if (userw) w[j - 1] *= rw[j - 1];
      a += w[j - 1];
    }
  }
  if (a <= 0) return NaN;
  for (let j = nleft; j <= nright; j++) w[j - 1] /= a;
  if (h > 0 && ideg > 0) {
    let c0 = 0;
    for (let j = nleft; j <= nright; j++) c0 += w[j - 1] * j;
    let b = xs - c0,
      c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1] * (j - c0) * (j - c0);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1] *= b * (j - c0) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - 1] * y[j - 1];
  return ys;
}

// ys[off + i] for i < n
function ess(y, n, len, ideg, njump, userw, rw, ys, off, res) {
  if (n < 2) {
    ys[off] = y[0];
    return;
  }
  let nleft = 0,
    nright = 0;
  const newnj = Math.min(njump, n - 1);
  const fit = (i) => {
    const v = est(y, n, len, ideg, i, nleft, nright, res, userw, rw);
    ys[off + i - 1] = Number.isNaN(v) ? y[i - 1] : v;
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (let i = 1; i <= n; i += newnj) fit(i);
  } else if (newnj === 1) {
    const nsh = Math.floor((len + 1) / 2);
    nleft = 1;
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      fit(i);
    }
  } else {
    const nsh = Math.floor((len + 1) / 2);
    for (let i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i > n - nsh) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      fit(i);
    }
  }
  if (newnj !== 1) {
    for (let i = 1; i <= n - newnj; i += newnj) {
      const delta = (ys[off + i + newnj - 1] - ys[off + i - 1]) / newnj;
      for (let j = i + 1; j <= i + newnj - 1; j++)
        ys[off + j - 1] = ys[off + i - 1] + delta * (j - i);
    }
    const k = Math.floor((n - 1) / newnj) * newnj + 1;
    if (k !== n) {
      fit(n);
      if (k !== n - 1) {
        const delta = (ys[off + n - 1] - ys[off + k - 1]) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[off + j - 1] = ys[off + k - 1] + delta * (j - k);
      }
    }
  }
}

function ma(x, n, len, ave) {
  const newn = n - len + 1;
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  ave[0] = v / len;
  for (let m = 0; m + 1 < newn; m++) {
    v = v - x[m] + x[len + m];
    ave[m + 1] = v / len;
  }
}

function ss(y, n, np, ns, isdeg, nsjump, userw, rw, season, w1, w2, w3, w4) {
  for (let j = 1; j <= np; j++) {
    const k = Math.floor((n - j) / np) + 1;
    for (let i = 1; i <= k; i++) w1[i - 1] = y[(i - 1) * np + j - 1];
    if (userw) for (let i = 1; i <= k; i++) w3[i - 1] = rw[(i - 1) * np + j - 1];
    ess(w1, k, ns, isdeg, nsjump, userw, w3, w2, 1, w4);
    let v = est(w1, k, ns, isdeg, 0, 1, Math.min(ns, k), w4, userw, w3);
    w2[0] = Number.isNaN(v) ? w2[1] : v;
    v = est(w1, k, ns, isdeg, k + 1, Math.max(1, k - ns + 1), k, w4, userw, w3);
    w2[k + 1] = Number.isNaN(v) ? w2[k] : v;
    for (let m = 1; m <= k + 2; m++) season[(m - 1) * np + j - 1] = w2[m - 1];
  }
}

function rwts(y, n, fit, rw) {
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = Math.abs(y[i] - fit[i]);
  const sorted = r.slice().sort();
  const cmad = 3 * (sorted[(n - 1) >> 1] + sorted[n >> 1]);
  const c9 = 0.999 * cmad,
    c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    if (r[i] <= c1) rw[i] = 1;
    else if (r[i] <= c9) {
      const q = r[i] / cmad;
      rw[i] = (1 - q * q) * (1 - q * q);
    } else rw[i] = 0;
  }
}

/** STL of `y` with `period`; options named as statsmodels' (seasonal 7, robust false, ...). */
export function stl(y, period, o = {}) {
  const n = y.length,
    np = period;
  const ns = o.seasonal ?? 7;
  let nt = o.trend ?? Math.ceil((1.5 * np) / (1 - 1.5 / ns));
  if (o.trend == null && nt % 2 === 0) nt++;
  const nl = o.lowPass ?? (np % 2 === 0 ? np + 1 : np + 2);
  const robust = o.robust ?? false;
  const ni = o.innerIter ?? (robust ? 2 : 5),
    no = o.outerIter ?? (robust ? 15 : 0);
  const [isdeg, itdeg, ildeg] = [o.seasonalDeg ?? 1, o.trendDeg ?? 1, o.lowPassDeg ?? 1];
  const [nsjump, ntjump, nljump] = [o.seasonalJump ?? 1, o.trendJump ?? 1, o.lowPassJump ?? 1];
  const size = n + 2 * np;
  const [w1, w2, w3, w4, w5] = [0, 0, 0, 0, 0].map(() => new Float64Array(size));
  const rw = new Float64Array(n),
    season = new Float64Array(n),
    trend = new Float64Array(n);
  let userw = false;
  for (let k = 0; ; k++) {
    for (let it = 0; it < ni; it++) {
      for (let i = 0; i < n; i++) w1[i] = y[i] - trend[i];
      ss(w1, n, np, ns, isdeg, nsjump, userw, rw, w2, w3, w4, w5, season);
      ma(w2, n + 2 * np, np, w3);
      ma(w3, n + np + 1, np, w1);
      ma(w1, n + 2, 3, w3);
      ess(w3, n, nl, ildeg, nljump, false, w4, w1, 0, w5);
      for (let i = 0; i < n; i++) season[i] = w2[np + i] - w1[i];
      for (let i = 0; i < n; i++) w1[i] = y[i] - season[i];
      ess(w1, n, nt, itdeg, ntjump, userw, rw, trend, 0, w3);
    }
    if (k + 1 > no) break;
    for (let i = 0; i < n; i++) w1[i] = trend[i] + season[i];
    rwts(y, n, w1, rw);
    userw = true;
  }
  if (no === 0) rw.fill(1);
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i] - trend[i] - season[i];
  return { trend, seasonal: season, remainder, weights: rw };
}
