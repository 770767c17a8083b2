#!/usr/bin/env bash
# Folds the working corpus (fuzz/corpus/<target>/, grown by fuzz/run.sh) into the checked-in
# minimized corpus fuzz/seeds/<target>/: libFuzzer's merge keeps the smallest set of inputs
# that covers every feature the union covers, so the next campaign starts where this one got
# to. Inputs over FUZZ_SEED_MAX_LEN bytes (default 1024) are left out to keep the repository
# small (the large Arrow gold files are re-seeded from ../shared/arrow-testing anyway).
# Usage: fuzz/minimize.sh [target ...]   (default: all targets)
set -euo pipefail
cd "$(dirname "$0")/.."
max=${FUZZ_SEED_MAX_LEN:-1024}
mkdir -p fuzz/artifacts
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ipc_file ipc_stream columns analytics claims)
for t in "${targets[@]}"; do
  small=$(mktemp -d)
  find "fuzz/corpus/$t" "fuzz/seeds/$t" -type f -size -"$((max + 1))"c -exec cp {} "$small/" \; 2>/dev/null || true
  out=$(mktemp -d)
  (cd fuzz && cargo +nightly fuzz run -O "$t" "$out" "$small" -- -merge=1 -max_len="$max" -rss_limit_mb=2560) \
    >"fuzz/artifacts/$t.merge.log" 2>&1
  rm -rf "fuzz/seeds/$t" && mkdir -p "fuzz/seeds/$t"
  cp "$out"/* "fuzz/seeds/$t/" 2>/dev/null || true
  echo "[fuzz] $t: $(find "fuzz/seeds/$t" -type f | wc -l) seeds, $(du -sh "fuzz/seeds/$t" | cut -f1)"
  rm -rf "$small" "$out"
done
