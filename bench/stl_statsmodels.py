"""statsmodels STL timings for `make bench`: reads [{"name", "period", "values"}] JSON on stdin,
prints {"stl_us": {name: microseconds per fit}} with statsmodels' default parameters."""
import json
import sys
import time

import numpy as np
from statsmodels.tsa.seasonal import STL


def time_us(fn, runs=50):
    fn()
    t = time.perf_counter()
    for _ in range(runs):
        fn()
    return (time.perf_counter() - t) * 1e6 / runs


series = json.load(sys.stdin)
out = {}
for s in series:
    y = np.asarray(s["values"], dtype=float)
    out[s["name"]] = time_us(lambda: STL(y, period=s["period"]).fit())
print(json.dumps({"stl_us": out}))
