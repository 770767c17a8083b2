#!/usr/bin/env bash
# Builds pkg/ (wasm-bindgen --target web, optionally optimised with wasm-opt) and prints sizes:
#   pkg/civic_pulse*        the first module (crates/civic-pulse-wasm): reading, Tidy series,
#                           the analytics and the claim check (checkClaims), downloaded at
#                           start-up
#   pkg/civic_pulse_extra*  the on-demand module (crates/civic-pulse-extra): sliceIpc (the IPC
#                           writer with zstd's compressor), loaded by the engine when an Arrow
#                           slice is asked for
# Two cargo runs, not one: in a single run cargo would unify the bindings crate's features and
# link the first module's exports into the second. Each module has its own profile (wasm,
# extra) so its opt-level is chosen for it alone (README "Build").
# WASM_OPT / WASM_OPT_EXTRA: wasm-opt flags per module, default none (measured: see README
# "Build"); e.g. WASM_OPT=-Oz to apply one anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown

# bindgen <wasm from cargo> <out-name> <wasm-opt flags>
bindgen() {
  # No strip in the release profile (it would drop the target-features section wasm-opt
  # needs); the name and producers sections go here instead. --out-name keeps the contract's
  # file names (pkg/civic_pulse.js, civic_pulse_bg.wasm, civic_pulse.d.ts).
  wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-name "$2" --out-dir pkg "$1"
  if [ "$3" != none ]; then
    # binaryen from npm (v132): Debian's v108 predates features rustc now emits.
    node_modules/.bin/wasm-opt $3 --enable-bulk-memory-opt --enable-call-indirect-overlong \
      --detect-features "pkg/$2_bg.wasm" -o "pkg/$2_bg.wasm.opt"
    mv "pkg/$2_bg.wasm.opt" "pkg/$2_bg.wasm"
  fi
}

cargo build -p civic-pulse-wasm --lib --profile wasm --target wasm32-unknown-unknown --quiet
bindgen "$target/wasm/civic_pulse_wasm.wasm" civic_pulse "${WASM_OPT:-none}"
cargo build -p civic-pulse-extra --lib --profile extra --target wasm32-unknown-unknown --quiet
bindgen "$target/extra/civic_pulse_extra.wasm" civic_pulse_extra "${WASM_OPT_EXTRA:-none}"
tools/sizes.sh pkg/civic_pulse_bg.wasm pkg/civic_pulse.js pkg/civic_pulse_extra_bg.wasm \
  pkg/civic_pulse_extra.js
