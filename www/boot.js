// An async module script of index.html: starts the engine's Web Worker while the page's own
// modules are still downloading, so that the WASM module is fetched and compiled (streamed)
// in parallel with them instead of after main.js has run. main.js's first request reuses this
// worker (rpc.js hands it over, also when boot.js and main.js are separate bundles).
// index.html names the first screen's datasets (<meta name="cp-prefetch">, tools/prerender.mjs):
// the worker fetches and decodes them while the page's modules download. The build inlines this
// script into index.html (tools/critical-path.mjs), so it runs as soon as the HTML is parsed.
import { warm } from "./rpc.js";

warm(document.querySelector('meta[name="cp-prefetch"]')?.content.split(" ").filter(Boolean));
