// Page side of the parallel own-file analysis (issue 14): growth and STL for every entity of the
// reader's file, split over analysis workers (own-slice-worker.js), one per core
// (navigator.hardwareConcurrency, 1 … 8). The engine worker cuts the slices from the file it
// holds decoded (own-split.js: columns, or Arrow bytes for a file that is not tidy); one
// progress bar covers all workers and Cancel terminates them. Where no worker can start (the
// single-file offline report) the engine runs the same analysis itself.
import { render } from "./charts.js";
import { transferables } from "./own-slice-columns.js";
import * as rpc from "./rpc.js";
import * as tbl from "./table.js";

const TEXT = {
  zh: {
    title: "全部实体：增长与季节分解",
    progress: "分析进度",
    preparing: "正在按实体切分文件…",
    running: "正在分析 {done}/{total} 个实体（{workers} 个工作线程）…",
    done: "{total} 个实体，{workers} 个工作线程，用时 {ms} 毫秒。",
    cancel: "取消",
    cancelled: "已取消分析。",
    download: "下载全部实体结果（CSV）",
    entity: "实体",
    points: "时点数",
    last: "最后日期",
    lastValue: "最后值",
    step: "环比 %",
    period: "同比 %",
    ss: "季节强度",
    ts: "趋势强度",
    error: "说明",
    chart: "季节强度最高的 30 个实体",
  },
  en: {
    title: "Every entity: growth and seasonal decomposition",
    progress: "Analysis progress",
    preparing: "Splitting the file by entity…",
    running: "Analysing {done}/{total} entities ({workers} workers)…",
    done: "{total} entities, {workers} workers, {ms} ms.",
    cancel: "Cancel",
    cancelled: "The analysis was cancelled.",
    download: "Download every entity's results (CSV)",
    entity: "Entity",
    points: "Points",
    last: "Last date",
    lastValue: "Last value",
    step: "vs previous %",
    period: "vs a period earlier %",
    ss: "Seasonal strength",
    ts: "Trend strength",
    error: "Note",
    chart: "The 30 most seasonal entities",
  },
};
const tx = (lang, k, vars = {}) =>
  TEXT[lang === "zh" ? "zh" : "en"][k].replace(/\{(\w+)\}/g, (_, v) => String(vars[v]));

const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

/** A button in an .actions box: the page's shared button look (class "run" is the form's submit). */
function wrapActions(button) {
  const s = make("span", "actions");
  s.append(button);
  return s;
}

/** Analysis workers to start: one per core, at least 1, at most 8. */
export function workerCount(nav = globalThis.navigator) {
  return Math.max(1, Math.min(8, Math.floor(nav?.hardwareConcurrency) || 1));
}

// The running analysis: { workers, fail(err) }, from the first click (the engine's split) until
// the last worker reports. Cancel works in every phase.
let active = null;

/** Stops the running analysis: every worker is terminated; the engine's split, if still going,
 * finishes in the engine and is dropped. */
export function cancel() {
  if (!active) return false;
  const job = active;
  active = null;
  for (const w of job.workers) w.terminate();
  job.fail(Object.assign(new Error("the analysis was cancelled"), { code: "cancelled" }));
  return true;
}

/** `promise`, or a rejection as soon as `job` is cancelled. */
function unlessCancelled(job, promise) {
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      job.fail = reject;
    }),
  ]);
}

function canStartWorkers() {
  return (
    typeof Worker === "function" && !document.documentElement.hasAttribute("data-offline-file")
  );
}

/**
 * Runs the slices on `count` workers, each taking the next slice when it finishes one (a large
 * file has more slices than workers, so a worker holds one small slice at a time); resolves with
 * `{ results }` (one per slice, in order) and `memory` (each worker's WASM memory at its end).
 */
function runWorkers(job, slices, count, opts, onProgress) {
  return new Promise((resolve, reject) => {
    const { workers } = job;
    const done = new Array(slices.length).fill(0);
    const results = new Array(slices.length);
    const memory = new Array(count).fill(0);
    let next = 0;
    let left = slices.length;
    job.fail = reject;
    const stop = (err) => {
      for (const w of workers) w.terminate();
      if (active === job) active = null;
      reject(err);
    };
    // The next slice's buffer moves to the worker (no copy kept here); none left: it ends.
    const feed = (w) => {
      if (next >= slices.length) {
        w.terminate();
        return;
      }
      w.slice = next++;
      const { bytes, columns } = slices[w.slice];
      if (columns) w.postMessage({ columns, opts }, transferables(columns));
      else w.postMessage({ bytes, opts }, [bytes.buffer]);
    };
    for (let k = 0; k < count; k++) {
      let w;
      try {
        w = new Worker(new URL("./own-slice-worker.js", import.meta.url), {
          type: "module",
          name: `civic-pulse-own-${k}`,
        });
      } catch (e) {
        stop(Object.assign(new Error(String(e?.message ?? e)), { code: "worker" }));
        return;
      }
      workers.push(w);
      w.onmessage = ({ data }) => {
        if (active !== job) return;
        if (data.type === "progress") {
          done[w.slice] = data.done;
          onProgress(done.reduce((a, b) => a + b, 0));
        } else if (data.type === "error") {
          stop(Object.assign(new Error(data.error.message), { code: data.error.code }));
        } else if (data.type === "done") {
          results[w.slice] = data;
          memory[k] = data.memory;
          if (--left === 0) {
            for (const x of workers) x.terminate();
            active = null;
            resolve({ results, memory });
          } else feed(w);
        }
      };
      w.onerror = (ev) =>
        stop(Object.assign(new Error(ev.message ?? "worker failed"), { code: "worker" }));
      feed(w);
    }
  });
}

/**
 * Growth and STL of every entity, shown in `host` with one progress bar and Cancel. Resolves to
 * `{ rows, workers, memory: { engine, workers: number[] }, ms }`; rejects with `cancelled`,
 * `worker` or the module's codes.
 */
export async function analyseAll(opts, host, lang) {
  cancel();
  const t0 = performance.now();
  const bar = make("progress", "own-all-bar");
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute("aria-label", tx(lang, "progress"));
  const label = make("span", "own-all-text");
  const stop = make("button", "own-all-cancel", tx(lang, "cancel"));
  stop.type = "button";
  stop.addEventListener("click", cancel);
  const box = make("div", "own-all-progress");
  box.append(bar, " ", label, " ", wrapActions(stop));
  host.replaceChildren(box);
  host.dataset.state = "running";
  const n = workerCount();
  const base = { date: opts.date, entity: opts.entity, value: opts.value, where: opts.where };
  const job = { ...base, period: opts.period };
  const run = { workers: [], fail: () => {} };
  active = run;
  label.textContent = tx(lang, "preparing");
  let rows;
  let workers;
  let memory;
  if (canStartWorkers()) {
    const plan = await unlessCancelled(run, rpc.call("analyseOwn", { ...job, split: n }));
    workers = plan.workers ?? plan.slices.length;
    bar.max = Math.max(1, plan.entities);
    // The bar follows every report; its text (a layout) at most 4 times a second.
    let queued = 0;
    const draw = () => {
      queued = 0;
      label.textContent = tx(lang, "running", { done: bar.value, total: plan.entities, workers });
    };
    const tick = (d) => {
      bar.value = d;
      queued ||= setTimeout(draw, 250);
    };
    draw();
    const res = await runWorkers(
      run,
      plan.slices,
      workers,
      { ...job, layout: plan.layout },
      tick,
    ).finally(() => clearTimeout(queued));
    rows = res.results.flatMap((r) => r.rows);
    memory = { engine: plan.memory, engineModules: plan.memoryModules, workers: res.memory };
  } else {
    // Fallback: the engine (its own worker, or this thread) runs the same per-slice function.
    workers = 0;
    const r = await unlessCancelled(
      run,
      rpc.call("analyseOwn", { ...job, split: 1, inline: true }),
    );
    if (active === run) active = null;
    rows = r.result;
    memory = { engine: r.memory, engineModules: r.memoryModules, workers: [] };
  }
  rows.sort((a, b) => String(a.entity).localeCompare(String(b.entity)));
  const out = { rows, workers, memory, ms: Math.round(performance.now() - t0) };
  show(out, opts, host, lang);
  return out;
}

function columns(opts, lang) {
  const c = (key, type = "num") => ({ key, label: tx(lang, key), type });
  return [
    { key: "entity", label: opts.entity || tx(lang, "entity"), type: "text" },
    c("points"),
    c("last", "text"),
    c("lastValue"),
    c("step"),
    c("period"),
    c("ss"),
    c("ts"),
    c("error", "text"),
  ];
}

/** The table, a chart of seasonal strength and the CSV download of an analysis of every entity. */
export function show(res, opts, host, lang) {
  const fig = make("figure", "chart own-chart own-all");
  fig.append(make("h3", "chart-title", tx(lang, "title")));
  const status = make(
    "p",
    "muted own-all-text",
    tx(lang, "done", { total: res.rows.length, workers: res.workers || 1, ms: res.ms }),
  );
  const view = {
    columns: columns(opts, lang),
    rows: res.rows.map((r) => ({
      entity: r.entity,
      points: r.points,
      last: r.last,
      lastValue: r.lastValue,
      step: r.step * 100,
      period: r.period * 100,
      ss: r.seasonalStrength,
      ts: r.trendStrength,
      error: r.error ? `${r.error.code}: ${r.error.message}` : null,
    })),
  };
  const plotRows = res.rows
    .filter((r) => Number.isFinite(r.seasonalStrength))
    .sort((a, b) => b.seasonalStrength - a.seasonalStrength)
    .slice(0, 30)
    .map((r) => ({
      x: String(r.entity),
      y: r.seasonalStrength,
      series: "ss",
      provenance: "published",
    }));
  const plot = make("div", "plot");
  plot.append(
    render(
      {
        kind: "bar",
        horizontal: true,
        unit: "index",
        rows: plotRows,
        series: ["ss"],
        marginLeft: 120,
      },
      { width: Math.max(300, host.clientWidth || 640), lang },
    ),
  );
  const dl = make("button", "own-all-download", tx(lang, "download"));
  dl.type = "button";
  dl.addEventListener("click", async () => {
    const { save } = await import("./export.js");
    save(new Blob([tbl.csv(view, lang)], { type: "text/csv;charset=utf-8" }), "own-entities.csv");
  });
  const wrap = make("div", "table-wrap");
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", tx(lang, "title"));
  wrap.append(tbl.build(view, { caption: tx(lang, "title"), lang }));
  const details = make("details", "data");
  details.append(make("summary", null, tx(lang, "title")), wrap);
  fig.append(status, plot, wrapActions(dl), details);
  host.replaceChildren(fig);
  host.dataset.state = "done";
  // Bytes of WASM memory the engine and each worker ended with (= their peaks: it only grows).
  host.dataset.wasmMemory = JSON.stringify(res.memory ?? null);
}

/** Plain words for the cancelled state (the panel shows errors itself). */
export function cancelledText(lang) {
  return tx(lang, "cancelled");
}
