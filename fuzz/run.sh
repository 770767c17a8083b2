#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target, one at a time, seeded by fuzz/seed.sh (the
# checked-in minimized corpus fuzz/seeds/<target>/ plus the Arrow gold files and the report's
# snapshots), and prints the executions per target. A crash (or timeout, or out-of-memory)
# is copied to tests/fuzz_regressions/<target>/, where `cargo test`
# (tests/fuzz_regressions.rs) replays it, and the run fails.
#
# Length of a campaign, per target:
#   FUZZ_SECONDS=N   stop after N seconds (default 60; long campaigns: FUZZ_SECONDS=3600)
#   FUZZ_RUNS=N      stop after N executions instead (or whichever comes first with both)
#   FUZZ_JOBS=N      N fuzzing processes in parallel on one shared corpus (default 1)
# The working corpus (fuzz/corpus/, git-ignored) grows across runs; fuzz/minimize.sh folds
# it back into the small checked-in fuzz/seeds/.
# Usage: fuzz/run.sh [target ...]   (default: all targets)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:--1}
jobs=${FUZZ_JOBS:-1}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ipc_file ipc_stream columns analytics claims)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "[fuzz] cargo fuzz needs a nightly toolchain (sanitizers): run tools/setup.sh --fuzz" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo-fuzz is not installed: run tools/setup.sh --fuzz" >&2
  exit 1
fi
fuzz/seed.sh
(cd fuzz && cargo +nightly fuzz build -O)

summary=()
failed=0
for t in "${targets[@]}"; do
  log=fuzz/artifacts/$t.log
  mkdir -p "fuzz/artifacts/$t"
  echo "[fuzz] $t for ${secs}s (runs: $runs, jobs: $jobs)"
  parallel=()
  [ "$jobs" -le 1 ] || parallel=(-jobs="$jobs" -workers="$jobs")
  start=$(date +%s)
  set +e
  (cd fuzz && cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$secs" -runs="$runs" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
    "${parallel[@]}" -artifact_prefix="artifacts/$t/") >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # A run stopped by a crash prints no final stats: take its last status line's count.
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  found=$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    failed=1
    mkdir -p "tests/fuzz_regressions/$t"
    find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) \
      -exec cp {} "tests/fuzz_regressions/$t/" \;
    grep -m1 -A 12 'ERROR: libFuzzer\|panicked at\|ERROR: AddressSanitizer' "$log" >&2 || tail -20 "$log" >&2
    summary+=("$t: ${execs:-?} execs, corpus $corpus, FAILED (exit $rc; $found input(s) copied to tests/fuzz_regressions/$t/)")
  else
    summary+=("$t: ${execs:-?} execs in ${elapsed}s ($(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) )) execs/s), corpus $corpus, no findings")
  fi
done
printf '[fuzz] %s\n' "${summary[@]}"
exit $failed
