// Precompressed copies for the server (issue 15): writes <file>.br (brotli, quality 11) and
// <file>.gz (gzip, level 9) beside every static asset under www/ and pkg/ that compresses by at
// least 5 %, so tools/serve.mjs (or any server told to, see README "Hosting") sends them with
// Content-Encoding instead of the raw bytes. node:zlib only (no brotli binary needed).
// Idempotent: a copy newer than its source is kept; copies of deleted sources are removed.
// Usage: node tools/compress.mjs [--quiet]       (after tools/prerender.mjs)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = new URL("..", import.meta.url).pathname;
/** What compresses: text, WebAssembly, Arrow IPC; not PNG (already deflated) nor the copies. */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|wasm|arrow|ts|csv|txt|webmanifest)$/;

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Brotli and gzip of a buffer, at the settings used for the static copies. */
export function compressBoth(buf) {
  return {
    br: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }),
    gz: gzipSync(buf, { level: 9 }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quiet = process.argv.includes("--quiet");
  let raw = 0;
  let br = 0;
  let gz = 0;
  let n = 0;
  for (const top of ["www", "pkg"]) {
    const base = join(ROOT, top);
    for (const file of [...walk(base)]) {
      if (/\.(br|gz)$/.test(file)) {
        // A copy whose source is gone (renamed chart, cleaned build) must not be served.
        const src = file.replace(/\.(br|gz)$/, "");
        if (!COMPRESSIBLE.test(src) || !statSafe(src)) rmSync(file);
        continue;
      }
      if (!COMPRESSIBLE.test(file) || file.endsWith("index.template.html")) continue;
      const st = statSync(file);
      const buf = readFileSync(file);
      raw += buf.length;
      const fresh = (ext) => (statSafe(`${file}.${ext}`)?.mtimeMs ?? -1) >= st.mtimeMs;
      if (fresh("br") && fresh("gz")) {
        br += statSync(`${file}.br`).size;
        gz += statSync(`${file}.gz`).size;
        n++;
        continue;
      }
      const c = compressBoth(buf);
      if (c.gz.length > buf.length * 0.95) {
        // Not worth a Content-Encoding (tiny or incompressible): serve the file itself.
        for (const ext of ["br", "gz"]) rmSync(`${file}.${ext}`, { force: true });
        br += buf.length;
        gz += buf.length;
        continue;
      }
      writeFileSync(`${file}.br`, c.br);
      writeFileSync(`${file}.gz`, c.gz);
      br += c.br.length;
      gz += c.gz.length;
      n++;
      if (!quiet && buf.length > 100_000)
        console.log(
          `  ${relative(ROOT, file)}: ${buf.length} → br ${c.br.length}, gz ${c.gz.length}`,
        );
    }
  }
  console.log(
    `compress: ${n} files with .br/.gz; ${(raw / 1024).toFixed(0)} KiB → br ${(br / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB`,
  );
}

function statSafe(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
