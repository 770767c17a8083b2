#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli -q 11 sizes (bytes) of each file given.
set -euo pipefail
printf '%-36s %10s %10s %10s\n' file raw gzip brotli
for f in "$@"; do
  printf '%-36s %10d %10d %10d\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)" "$(brotli -c -q 11 "$f" | wc -c)"
done
