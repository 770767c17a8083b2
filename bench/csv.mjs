// Issue 16: reading a reader's CSV. A 1M-row tidy CSV (date, entity, metric, value; ~35 MB) read
// into typed columns and an Arrow IPC file by the page's reader (www/csv/convert.js), against
// d3-dsv (csvParse + autoType: rows of JS objects, no Arrow) and pyarrow's CSV reader (one
// thread, and its default thread pool) in the same run; a ~100 MB file through our reader; and
// the bytes the CSV code adds, which the page loads only when a CSV is opened.
// CLI: node bench/csv.mjs   (all.mjs imports csvBench)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { autoType, csvParse } from "d3-dsv";
import { bytesSource, convert } from "../www/csv/convert.js";

/** A tidy monthly CSV with `rows` rows, as Excel would write it (CRLF, no quoting needed). */
export function csvText(rows) {
  const parts = ["date,entity,metric,value\r\n"];
  for (let i = 0; i < rows; i++) {
    const m = i % 120;
    const date = `${2014 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
    const v = (1000 + (i % 997) * 3.7 + Math.sin(i / 7) * 100).toFixed(2);
    parts.push(`${date},city ${Math.floor(i / 120) % 500},users,${v}\r\n`);
  }
  return parts.join("");
}

// Wall and CPU time (ms, medians): on a shared, loaded machine CPU time is the steadier measure.
const timed = async (fn, runs) => {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    await fn();
    wall.push(performance.now() - s);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const mid = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  return { wall: mid(wall), cpu: mid(cpu) };
};

/** Rows for all.mjs: [{what, ours, peer, peerName}] and text rows [{what, text}]. */
export async function csvBench({ runs = 3 } = {}) {
  mkdirSync("target", { recursive: true });
  const file = "target/bench-1m.csv";
  if (!existsSync(file)) writeFileSync(file, csvText(1_000_000));
  const bytes = new Uint8Array(readFileSync(file));
  const mb = `${(bytes.length / 1e6).toFixed(0)} MB`;
  const out = { timings: [], sizes: [] };

  let rows = 0;
  const ours = await timed(async () => {
    const { report } = await convert(bytesSource(bytes, "bench.csv"));
    rows = report.rows;
  }, runs);
  if (rows !== 1_000_000) throw new Error(`csv bench: read ${rows} rows`);
  const d3 = await timed(() => csvParse(new TextDecoder().decode(bytes), autoType), runs);
  const what = (k) => `1M-row CSV (${mb}) → typed columns, ${k} ms (ours incl. Arrow IPC)`;
  for (const k of ["wall", "cpu"])
    out.timings.push({
      what: what(k),
      ours: ours[k],
      peer: d3[k],
      peerName: "d3-dsv csvParse + autoType",
    });
  try {
    const py = JSON.parse(
      execFileSync(
        ".venv/bin/python",
        [
          "-c",
          `import json, sys, time, pyarrow.csv as c
def t(threads):
    w, p = [], []
    for _ in range(${runs}):
        s, q = time.perf_counter(), time.process_time()
        c.read_csv(sys.argv[1], read_options=c.ReadOptions(use_threads=threads))
        w.append(time.perf_counter() - s); p.append(time.process_time() - q)
    mid = lambda a: sorted(a)[len(a) // 2] * 1000
    return {"wall": mid(w), "cpu": mid(p)}
print(json.dumps({"one": t(False), "pool": t(True)}))`,
          file,
        ],
        { encoding: "utf8" },
      ),
    );
    for (const k of ["wall", "cpu"]) {
      out.timings.push({
        what: what(k),
        ours: ours[k],
        peer: py.one[k],
        peerName: "pyarrow.csv (1 thread)",
      });
      out.timings.push({
        what: what(k),
        ours: ours[k],
        peer: py.pool[k],
        peerName: "pyarrow.csv (thread pool, 2 cores)",
      });
    }
  } catch (e) {
    console.error(`pyarrow not available: ${e.message.split("\n")[0]}`);
  }

  // ~100 MB: three copies of the rows, read in 4 MiB chunks as the page's worker reads a File.
  const big = new Uint8Array(bytes.length * 3 - 2 * 26);
  big.set(bytes, 0);
  const body = bytes.subarray(26); // without the header line
  big.set(body, bytes.length);
  big.set(body, bytes.length + body.length);
  let r;
  const t = await timed(async () => {
    r = await convert(bytesSource(big, "big.csv"));
  }, 1);
  out.sizes.push({
    what: `${(big.length / 1e6).toFixed(0)} MB CSV (${(r.report.rows / 1e6).toFixed(0)}M rows), ours, one run`,
    text: `${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU (${(big.length / 1e6 / (t.cpu / 1000)).toFixed(0)} MB/s of CPU)`,
  });

  // What a reader downloads when (and only when) a CSV is opened.
  for (const f of ["www/vendor/csv-worker.js", "www/own-csv.js"]) {
    if (!existsSync(f)) continue;
    const b = readFileSync(f);
    out.sizes.push({
      what: `${f} (loaded on the first CSV)`,
      text: `${b.length} raw, ${gzipSync(b, { level: 9 }).length} gzip`,
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { timings, sizes } = await csvBench();
  for (const t of timings)
    console.log(
      `${t.what}: ${t.ours.toFixed(0)} vs ${t.peerName} ${t.peer.toFixed(0)} (ratio ${(t.ours / t.peer).toFixed(2)})`,
    );
  for (const s of sizes) console.log(`${s.what}: ${s.text}`);
}
