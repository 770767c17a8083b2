// The parse + sum contenders (issue 14), shared by the Node run (bench/parse.mjs) and the
// Chromium page (bench/browser-page.mjs): no Node imports here; file access is passed in.

/** Sum of the non-NaN values (the "sum" of parse + sum). */
export const sum = (a) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) s += a[i];
  return s;
};

/** Per contender of `fns` (`{label: fn}`), run in interleaved rounds (one call of each per
 * round, after one warm-up round): `ms`, the median wall time, and `ratio`, the median over
 * rounds of its time over the first contender's in the same round. On a shared machine whose
 * load drifts, each round's contenders see the same conditions, so `ratio` holds even when
 * absolute times do not. */
export function interleaved(fns, rounds = 21) {
  const entries = Object.entries(fns);
  for (const [, fn] of entries) fn();
  const t = entries.map(() => []);
  for (let r = 0; r < rounds; r++)
    entries.forEach(([, fn], i) => {
      const s = performance.now();
      fn();
      t[i].push(performance.now() - s);
    });
  return summary(entries, t);
}

const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** Decodes a filled `IpcInput` in place (freeing it) and sums its "value" column's view. */
function sumInput(glue, input) {
  const s = glue.Snapshot.fromInput(input);
  input.free();
  try {
    return sum(s.columnView("value"));
  } finally {
    s.free();
  }
}

function summary(entries, t) {
  const out = { ms: {}, ratio: {} };
  entries.forEach(([k], i) => {
    out.ms[k] = median(t[i]);
    out.ratio[k] = median(t[i].map((x, r) => x / t[0][r]));
  });
  return out;
}

/**
 * The contenders of parse + sum over bytes already in JS memory (`bytes`), each returning the
 * sum: the peers read the value buffer in place; ours copy the bytes once into WASM memory
 * (`fromIpc`, validated) and then either copy the column out (`column`, the contract's copy) or
 * view it in place (`columnView`, issue 14). `file` (a path, Node only) adds "from the file"
 * contenders: Arrow JS reads the file into a JS buffer, ours reads it straight into WASM memory
 * (IpcInput + fs.readSync), each with exactly one copy of the bytes.
 */
export function parseContenders(bytes, glue, { Arrow, fl, fs, file } = {}) {
  const wasmWith = (read) => () => {
    const s = glue.Snapshot.fromIpc(bytes);
    try {
      return sum(read(s));
    } finally {
      s.free();
    }
  };
  const out = {
    "apache-arrow": () => sum(Arrow.tableFromIPC(bytes).getChild("value").toArray()),
    "@uwdata/flechette": () => sum(fl.tableFromIPC(bytes).getChild("value").toArray()),
    "wasm column (copy out)": wasmWith((s) => s.column("value")),
    "wasm columnView": wasmWith((s) => s.columnView("value")),
  };
  if (fs && file) {
    out["apache-arrow, from the file"] = () =>
      sum(Arrow.tableFromIPC(fs.readFileSync(file)).getChild("value").toArray());
    out["wasm, from the file (IpcInput)"] = () => {
      const fd = fs.openSync(file, "r");
      let input;
      try {
        input = new glue.IpcInput(fs.fstatSync(fd).size);
        const view = input.bytes();
        for (let at = 0; at < view.length; ) {
          const n = fs.readSync(fd, view, at, view.length - at, at);
          if (n === 0) break;
          at += n;
        }
      } finally {
        fs.closeSync(fd);
      }
      return sumInput(glue, input);
    };
  }
  return out;
}

/** As `interleaved` for async contenders (reading a Blob in the browser). */
export async function interleavedAsync(fns, rounds = 11) {
  const entries = Object.entries(fns);
  for (const [, fn] of entries) await fn();
  const t = entries.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (const [i, [, fn]] of entries.entries()) {
      const s = performance.now();
      await fn();
      t[i].push(performance.now() - s);
    }
  return summary(entries, t);
}

/**
 * "From the file" in the browser, with exactly one copy of the bytes each: Arrow JS reads the
 * Blob into a JS ArrayBuffer (`blob.arrayBuffer()`), ours streams it straight into WASM memory
 * (`IpcInput`, a fresh `bytes()` view per chunk), then decodes in place and views the column.
 */
export function blobContenders(blob, glue, Arrow) {
  return {
    "apache-arrow, from the file": async () =>
      sum(
        Arrow.tableFromIPC(new Uint8Array(await blob.arrayBuffer()))
          .getChild("value")
          .toArray(),
      ),
    "wasm, from the file (IpcInput)": async () => {
      const input = new glue.IpcInput(blob.size);
      const reader = blob.stream().getReader();
      for (let at = 0; ; ) {
        const { done, value } = await reader.read();
        if (done) break;
        input.bytes().set(value, at);
        at += value.length;
      }
      return sumInput(glue, input);
    },
  };
}
