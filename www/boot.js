// An async module script of index.html: starts the engine's Web Worker while the page's own
// modules are still downloading, so that the WASM module is fetched and compiled (streamed)
// in parallel with them instead of after main.js has run. main.js's first request reuses this
// worker (rpc.js hands it over, also when boot.js and main.js are separate bundles).
import { warm } from "./rpc.js";

warm();
