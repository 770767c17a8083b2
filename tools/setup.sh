#!/usr/bin/env bash
# Installs whatever this machine lacks to build and test Civic Pulse. Idempotent: a second run
# only checks. Needs: rustup's stable toolchain, Node 20 + npm, Python 3 (a fresh Debian 12).
# Usage: tools/setup.sh [--test|--bench|--fuzz]   (what only the tests / the benchmarks /
# `make fuzz` need)
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
say() { printf '[setup] %s\n' "$*"; }

# Debian packages: brotli (size report), clang (zstd's C code for wasm32); the browser for tests.
pkgs=()
command -v brotli >/dev/null || pkgs+=(brotli)
command -v clang >/dev/null || pkgs+=(clang)
# The build draws the share cards in headless Chromium with a CJK font (tools/share-cards.mjs);
# the tests' screenshots and PNG exports need the same two.
command -v chromium >/dev/null || pkgs+=(chromium)
fc-list 2>/dev/null | grep -qi 'wqy' || pkgs+=(fonts-wqy-microhei)
if [ "$want_test" = --test ]; then
  command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
  python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  say "apt-get install ${pkgs[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# Rust: the wasm32 target and the lint tools.
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
for c in clippy rustfmt; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# wasm-bindgen-cli at exactly the version in Cargo.lock (the CLI and the crate must agree).
wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb" ]; then echo "[setup] no wasm-bindgen in Cargo.lock" >&2; exit 1; fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
  say "cargo install wasm-bindgen-cli $wb (takes a few minutes)"
  # --locked can fail on the registry mirror (a locked dependency is missing); fall back.
  cargo install wasm-bindgen-cli --version "$wb" --locked 2>/dev/null ||
    cargo install wasm-bindgen-cli --version "$wb"
fi

# JS tooling (esbuild, the chart library, binaryen's wasm-opt, playwright-core), from the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python venv with pyarrow (the independent reader of the built snapshots) and statsmodels.
if [ "$want_test" = --test ] && ! .venv/bin/python -c 'import pyarrow, pytest' 2>/dev/null; then
  say "python venv .venv (pyarrow, pytest)"
  python3 -m venv .venv
  .venv/bin/pip install -q -r tools/requirements-test.txt
fi
# statsmodels (the STL peer in `make bench`), in its own venv as tools/stl_fixtures.sh uses it.
if [ "$want_test" = --bench ] && ! .venv-stl/bin/python -c 'import statsmodels' 2>/dev/null; then
  say "python venv .venv-stl (statsmodels)"
  python3 -m venv .venv-stl
  .venv-stl/bin/pip install -q -r tools/requirements-stl.txt
fi
# JS peers of the end-to-end benchmark (arquero), pinned in bench/package-lock.json.
if [ "$want_test" = --bench ] && { [ ! -f bench/node_modules/.package-lock.json ] ||
  [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; }; then
  say "npm ci (bench/)"
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi
# cargo fuzz: a nightly toolchain (for the sanitizers) and cargo-fuzz.
if [ "$want_test" = --fuzz ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup toolchain install nightly (cargo fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "cargo install cargo-fuzz (takes a few minutes)"
    cargo install cargo-fuzz --locked 2>/dev/null || cargo install cargo-fuzz
  fi
fi
say "ok"
