#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the checked-in minimized corpus (fuzz/seeds/<target>/, what
# earlier campaigns learned), the Arrow conformance files (../shared/arrow-testing, or
# $ARROW_TESTING) and the report's own snapshots (www/data/*.arrow). fuzz/corpus is working
# state (git-ignored); crashing inputs are kept under tests/fuzz_regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
testing=${ARROW_TESTING:-../shared/arrow-testing}
mkdir -p fuzz/corpus/{ipc_file,ipc_stream,columns,analytics,claims}
copy() { # copy FILE DIR: content-addressed, so re-seeding is idempotent
  local f=$1 dir=$2
  cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"
}
for dir in fuzz/seeds/*/; do
  [ -d "$dir" ] || continue # no checked-in corpus yet
  t=$(basename "$dir")
  mkdir -p "fuzz/corpus/$t"
  find "$dir" -type f -exec cp {} "fuzz/corpus/$t/" \;
done
if [ -d "$testing" ]; then
  while IFS= read -r f; do copy "$f" fuzz/corpus/ipc_file; copy "$f" fuzz/corpus/columns; done \
    < <(find "$testing" -name '*.arrow_file')
  while IFS= read -r f; do copy "$f" fuzz/corpus/ipc_stream; copy "$f" fuzz/corpus/columns; done \
    < <(find "$testing" -name '*.stream')
else
  echo "[fuzz] no $testing: seeding from www/data only" >&2
fi
for f in www/data/*.arrow; do
  [ -e "$f" ] || continue
  copy "$f" fuzz/corpus/ipc_file
  copy "$f" fuzz/corpus/columns
  # The stream form of each file: its messages without the magic and footer are not a valid
  # stream in general, so stream seeds come from arrow-testing and from the generator below.
done
# Stream-format copies of the report's snapshots (written by pyarrow-free Node code).
if [ -d node_modules/apache-arrow ]; then
  node --input-type=module -e '
    import { readFileSync, writeFileSync, readdirSync } from "node:fs";
    import { createHash } from "node:crypto";
    import { tableFromIPC, tableToIPC } from "apache-arrow";
    for (const f of readdirSync("www/data").filter((f) => f.endsWith(".arrow"))) {
      try {
        const b = tableToIPC(tableFromIPC(readFileSync(`www/data/${f}`)), "stream");
        const name = createHash("sha1").update(b).digest("hex").slice(0, 16);
        writeFileSync(`fuzz/corpus/ipc_stream/${name}`, b);
        writeFileSync(`fuzz/corpus/columns/${name}`, b);
      } catch (e) { console.error(`[fuzz] ${f}: ${e.message}`); }
    }'
fi
# Small hand-made starting points for the structured targets.
printf '\x00\x10\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\xf0\x3f\x0c\x00\x00\x00' > fuzz/corpus/analytics/growth
printf '\x0c\x30\x00\x00\x00\x00\x00\x00\x00\x0c\x00\x00\x00\x07\x00\x00\x00' > fuzz/corpus/analytics/stl
printf '\x01\x10\x20\x30\x40\x50\x60\x70\x80\x90\xa0' > fuzz/corpus/claims/seed
for t in ipc_file ipc_stream columns analytics claims; do
  echo "[fuzz] corpus $t: $(find fuzz/corpus/$t -type f | wc -l) files"
done
