// Start-up of the single-file offline report (dist/civic-pulse-report.html, tools/offline.mjs):
// unpacks the inlined WASM module and datasets, then starts the engine in a Worker made from the
// inlined worker code (a Blob URL), or — when a worker cannot be made from a file:// page or
// does not answer — runs the same engine ops on the main thread. Runs before main.js (top-level
// await in the bundle), so the report starts with its transport ready. Not used by the served site.
import * as figure from "./figure.js";
import { ops } from "./ops.js";
import * as rpc from "./rpc.js";

const block = (id) => document.getElementById(id)?.textContent ?? "";

/** base64 → bytes (atob; no fetch of a data: URL, so the CSP needs no connect-src). */
function fromBase64(s) {
  const bin = atob(s.replace(/\s+/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The asset pack: u32 LE header length, JSON {name: [offset, length]}, then the bytes. */
async function unpack() {
  const packed = await gunzip(fromBase64(block("cp-assets")));
  const n = new DataView(packed.buffer).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + n)));
  const body = 4 + n;
  const files = {};
  for (const [name, [off, len]] of Object.entries(index))
    files[name] = packed.slice(body + off, body + off + len);
  const wasm = files["civic_pulse_bg.wasm"];
  delete files["civic_pulse_bg.wasm"];
  return { wasm, files };
}

function withTimeout(p, ms) {
  return Promise.race([
    p,
    new Promise((_, reject) => setTimeout(() => reject(new Error("worker did not answer")), ms)),
  ]);
}

const assets = await unpack();
figure.configure({ inlineData: true, embedBase: null });
let mode = "worker";
try {
  const url = URL.createObjectURL(new Blob([block("cp-worker")], { type: "text/javascript" }));
  rpc.useTransport({ worker: () => new Worker(url, { name: "civic-pulse-engine" }) });
  await withTimeout(rpc.call("configure", assets), 10_000);
} catch (e) {
  console.info(`civic-pulse: engine on the main thread (${e.message})`);
  mode = "main-thread";
  rpc.useTransport({ ops });
  ops.configure(assets);
}
document.documentElement.dataset.engine = mode;

// The footer's catalog link: the inlined catalog as a download.
const cat = document.getElementById("catalog-link");
if (cat) {
  cat.href = URL.createObjectURL(
    new Blob([assets.files["catalog.json"]], { type: "application/json" }),
  );
  cat.download = "catalog.json";
}
