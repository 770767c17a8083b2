#!/usr/bin/env python3
"""Code bytes per crate of a WebAssembly module that still has its name section.

What the README's "Build" section reports as the top contributors of each module. The modules in
pkg/ have no names (wasm-bindgen --remove-name-section), so run wasm-bindgen once more without
that flag on cargo's output, e.g.

    wasm-bindgen --target web --out-dir /tmp/named \\
        target/wasm32-unknown-unknown/release/civic_pulse_wasm.wasm
    python3 tools/size-by-crate.py /tmp/named/civic_pulse_wasm_bg.wasm

Prints, per crate (the first path segment of each function's demangled name; `T` and the like for
trait impls on generic types), the raw bytes of its function bodies and a brotli estimate (its
bodies compressed on their own: an upper bound, brotli shares context across crates in the
file). Generic code is counted under the crate that defines it (`core::slice::sort` for every
sort a crate instantiates), not the one that instantiates it. `--by-module CRATE` splits CRATE
by its second path segment (`civic_pulse::claims`, ...). Standard library only, plus the
`brotli` command line tool if it is installed.
"""

import argparse
import collections
import re
import shutil
import subprocess


def leb(b, i):
    """Unsigned LEB128 at b[i]: (value, next index)."""
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(b):
    i, out = 8, []
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        out.append((sid, i, size))
        i += size
    return out


def skip_limits(b, j):
    flags, j = leb(b, j)
    _, j = leb(b, j)
    if flags & 1:
        _, j = leb(b, j)
    return j


def read_module(b):
    """(number of imported functions, {function index: name}, [body bytes])."""
    imported, names, bodies = 0, {}, []
    for sid, off, size in sections(b):
        j = off
        if sid == 2:  # imports: only functions shift the function index space
            n, j = leb(b, j)
            for _ in range(n):
                for _ in range(2):  # module and field names
                    length, j = leb(b, j)
                    j += length
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imported += 1
                elif kind == 1:
                    j = skip_limits(b, j + 1)
                elif kind == 2:
                    j = skip_limits(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(b, j)
            for _ in range(n):
                length, k = leb(b, j)
                bodies.append(b[j : k + length])
                j = k + length
        elif sid == 0:
            length, j = leb(b, j)
            if b[j : j + length] != b"name":
                continue
            j += length
            while j < off + size:
                sub = b[j]
                sub_size, j = leb(b, j + 1)
                end = j + sub_size
                if sub == 1:  # function names
                    n, j = leb(b, j)
                    for _ in range(n):
                        idx, j = leb(b, j)
                        length, j = leb(b, j)
                        names[idx] = b[j : j + length].decode(errors="replace")
                        j += length
                j = end
    return imported, names, bodies


C_PREFIXES = ("ZSTD", "HUF", "FSE", "HIST", "ZDICT", "XXH")


def crate_of(name, split=None):
    """The crate a (demangled) function name belongs to; CRATE::module for `split`."""
    m = re.match(r"[<&\s]*(?:mut\s+|dyn\s+)?([A-Za-z0-9_]+)(?:::([A-Za-z0-9_]+))?", name)
    if "::" not in name or not m:
        if name.startswith(C_PREFIXES) or "zstd" in name.lower():
            return "zstd-sys (C)"
        if name.startswith(("__wbg", "__wbindgen")):
            return "wasm-bindgen glue"
        return "(C, libc, exports)"
    crate = m.group(1)
    if crate == split and m.group(2):
        return f"{crate}::{m.group(2)}"
    return crate


def brotli_size(data):
    if not shutil.which("brotli"):
        return None
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True).stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--by-module", metavar="CRATE", default=None)
    args = ap.parse_args()
    b = open(args.wasm, "rb").read()
    imported, names, bodies = read_module(b)
    if not names:
        raise SystemExit(f"{args.wasm}: no name section (see --help)")
    groups = collections.defaultdict(list)
    for k, body in enumerate(bodies):
        groups[crate_of(names.get(imported + k, ""), args.by_module)].append(body)
    total = sum(len(x) for x in bodies)
    print(f"{args.wasm}: {len(b)} bytes, code {total} in {len(bodies)} functions")
    print(f"{'raw':>9} {'share':>6} {'brotli*':>8}  crate")
    rows = sorted(groups.items(), key=lambda kv: -sum(len(x) for x in kv[1]))
    for crate, parts in rows[: args.top]:
        raw = sum(len(x) for x in parts)
        br = brotli_size(b"".join(parts))
        print(f"{raw:9d} {100 * raw / total:5.1f}% {br if br is not None else '-':>8}  {crate}")


if __name__ == "__main__":
    main()
