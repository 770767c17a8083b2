#!/usr/bin/env python3
"""Writes statsmodels STL reference fixtures for tests/analytics_stl.rs.

Usage: python tools/stl_fixtures.py OUT_DIR   (normally via tools/stl_fixtures.sh)

One CSV per case, named <case>.csv:

    # statsmodels=<version> numpy=<version> python=<version>
    # given: period=12 seasonal=7 trend=None ... robust=False inner_iter=None outer_iter=None
    # config: period=12 seasonal=7 trend=23 low_pass=13 ... inner_iter=5 outer_iter=0
    y,trend,seasonal,resid,weights
    <17 significant digits each>

`given` is what was passed to STL(...) / fit(...) (None = statsmodels' default); `config` is
what statsmodels resolved it to. The Rust test passes `given` through StlParams (so defaults are
resolved by our code) and checks the resolved values against `config`.

The series are synthetic and seeded (numpy default_rng), so the fixtures are reproducible.
"""
import os
import platform
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL

KEYS = [
    "period", "seasonal", "trend", "low_pass", "seasonal_deg", "trend_deg", "low_pass_deg",
    "robust", "seasonal_jump", "trend_jump", "low_pass_jump", "inner_iter", "outer_iter",
]


def monthly(n, seed, level=1000.0, slope=8.0, amp=120.0, noise=15.0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    season = amp * np.sin(2 * np.pi * t / 12) + 0.4 * amp * np.cos(4 * np.pi * t / 12)
    return level + slope * t + season + rng.normal(0, noise, n)


def hourly(days, seed):
    """24-hour profile with 10:00 and 15:00 peaks, slowly growing, plus noise."""
    rng = np.random.default_rng(seed)
    h = np.arange(days * 24) % 24
    profile = (
        5
        + 40 * np.exp(-0.5 * ((h - 10) / 1.5) ** 2)
        + 35 * np.exp(-0.5 * ((h - 15) / 1.5) ** 2)
        - 4 * (h < 6)
    )
    trend = np.linspace(0, 6, days * 24)
    return profile + trend + rng.normal(0, 1.5, days * 24)


def with_outliers(y, idx, size):
    y = y.copy()
    for i, s in zip(idx, size):
        y[i] += s
    return y


def cases():
    # name, series, STL kwargs, fit kwargs
    yield "monthly48_default", monthly(48, 1), dict(period=12), {}
    yield "monthly24_short", monthly(24, 2), dict(period=12), {}
    yield "monthly120_default", monthly(120, 3), dict(period=12), {}
    yield (
        "monthly120_robust_outliers",
        with_outliers(monthly(120, 4), [17, 50, 51, 90], [900.0, -700.0, 650.0, 1200.0]),
        dict(period=12, robust=True),
        {},
    )
    yield (
        "monthly240_robust_outliers_s13",
        with_outliers(monthly(240, 5, slope=3.0), [30, 100, 101, 200], [2000.0, -1500.0, 1800.0, -2500.0]),
        dict(period=12, seasonal=13, robust=True),
        {},
    )
    yield (
        "monthly96_nondefault",
        monthly(96, 6),
        dict(period=12, seasonal=11, trend=27, low_pass=15, seasonal_deg=0, trend_deg=0,
             low_pass_deg=0, seasonal_jump=2, trend_jump=3, low_pass_jump=2),
        dict(inner_iter=3, outer_iter=0),
    )
    yield (
        "monthly96_nondefault_robust",
        with_outliers(monthly(96, 7), [20, 60], [800.0, -900.0]),
        dict(period=12, seasonal=9, trend=25, low_pass=13, seasonal_deg=1, trend_deg=0,
             low_pass_deg=1, robust=True, seasonal_jump=1, trend_jump=2, low_pass_jump=3),
        dict(inner_iter=2, outer_iter=5),
    )
    yield (
        "monthly72_outer_nonrobust",
        with_outliers(monthly(72, 8), [33], [600.0]),
        dict(period=12, seasonal=7),
        dict(inner_iter=1, outer_iter=3),
    )
    yield "hourly14d_default", hourly(14, 9), dict(period=24), {}
    yield (
        "hourly28d_robust_outliers",
        with_outliers(hourly(28, 10), [55, 300, 301, 600], [60.0, -50.0, 45.0, 80.0]),
        dict(period=24, robust=True),
        {},
    )
    yield "hourly2d_short", hourly(2, 11), dict(period=24), {}
    yield (
        "hourly21d_jumps",
        hourly(21, 12),
        dict(period=24, seasonal=15, seasonal_jump=2, trend_jump=5, low_pass_jump=3),
        {},
    )
    yield "weekly_period7", monthly(70, 13, amp=30.0)[:70], dict(period=7), {}
    yield "period2_alternating", np.tile([10.0, 4.0], 20) + np.arange(40) * 0.5, dict(period=2), {}
    yield "huge_values", monthly(60, 14) * 1e9, dict(period=12), {}


def fmt(x):
    return repr(float(x))


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    header = "# statsmodels={} numpy={} python={}".format(
        statsmodels.__version__, np.__version__, platform.python_version()
    )
    names = []
    for name, y, kw, fit_kw in cases():
        res = STL(y, **kw).fit(**fit_kw)
        model = STL(y, **kw)
        config = dict(model.config)
        robust = config["robust"]
        config["inner_iter"] = fit_kw.get("inner_iter", 2 if robust else 5)
        config["outer_iter"] = fit_kw.get("outer_iter", 15 if robust else 0)
        given = {k: kw.get(k, fit_kw.get(k)) for k in KEYS}
        path = os.path.join(out_dir, name + ".csv")
        with open(path, "w") as f:
            f.write(header + "\n")
            f.write("# given: " + " ".join(f"{k}={given[k]}" for k in KEYS) + "\n")
            f.write("# config: " + " ".join(f"{k}={config[k]}" for k in KEYS) + "\n")
            f.write("y,trend,seasonal,resid,weights\n")
            for row in zip(y, res.trend, res.seasonal, res.resid, res.weights):
                f.write(",".join(fmt(v) for v in row) + "\n")
        names.append(name)
    print(f"wrote {len(names)} fixtures to {out_dir}: {', '.join(names)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
