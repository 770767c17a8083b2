#!/usr/bin/env bash
# Builds pkg/ from the bindings crate crates/civic-pulse-wasm (wasm-bindgen --target web,
# optionally optimised with wasm-opt) and prints its sizes.
# WASM_OPT: wasm-opt flags, default none (measured: every level makes gzip/brotli larger and
# parsing no faster, see README "Build"); e.g. WASM_OPT=-Oz to apply one anyway.
# WASM_OPT=none skips wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
opt=${WASM_OPT:-none}
cargo build -p civic-pulse-wasm --lib --release --target wasm32-unknown-unknown --quiet
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/civic_pulse_wasm.wasm
# No strip in the release profile (it would drop the target-features section wasm-opt needs);
# the name and producers sections go here instead. --out-name keeps the contract's file names
# (pkg/civic_pulse.js, civic_pulse_bg.wasm, civic_pulse.d.ts) for the crate civic_pulse_wasm.
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-name civic_pulse --out-dir pkg "$raw"
if [ "$opt" != none ]; then
  # binaryen from npm (v132): Debian's v108 predates features rustc now emits.
  node_modules/.bin/wasm-opt $opt --enable-bulk-memory-opt --enable-call-indirect-overlong \
    --detect-features pkg/civic_pulse_bg.wasm -o pkg/civic_pulse_bg.wasm.opt
  mv pkg/civic_pulse_bg.wasm.opt pkg/civic_pulse_bg.wasm
fi
tools/sizes.sh pkg/civic_pulse_bg.wasm pkg/civic_pulse.js
