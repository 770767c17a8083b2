// The own-file panel's CSV part, imported only when a reader opens a file that is not Arrow.
// The file is read in its own worker (www/vendor/csv-worker.js, bundled from www/csv/) with a
// progress bar and a Cancel button; what comes back is an Arrow IPC file, which the panel then
// hands to the engine exactly as if the reader had dropped that Arrow file. This module also
// says what was inferred (encoding, delimiter, header, each column's type and role) and lets
// the reader correct it, offers the wide → long reshape, and the download of the Arrow file.
import { save } from "./export.js";

const TEXT = {
  zh: {
    reading: "正在读取 CSV：{pct}（{rows} 行）",
    cancel: "取消",
    progress: "读取进度",
    cancelled: "已取消读取。",
    inferred:
      "按 {encoding} 编码读取，分隔符为{delim}，{header}；{rows} 行。请核对各列的类型和用途，如有不对可以改正后重新读取。",
    headerYes: "第一行是列名",
    headerNo: "没有列名行",
    colName: "列",
    colSeen: "识别结果",
    colType: "类型",
    colRole: "用途",
    reread: "按所选类型重新读取",
    wide: "这是一张宽表：{n} 列是时间（{first} … {last}）。",
    makeLong: "转换为长表（每个实体每期一行）",
    didLong:
      "已把 {n} 个时间列（{first} … {last}）转成行：{input} 行 × {n} 期 = {rows} 行，列为 {cols}。",
    download: "下载转换后的 Arrow 文件",
    ragged: "{n} 行的字段少于列名（第一处：第 {row} 行），缺的单元格按缺失值处理。",
    types: { number: "数值", date: "日期", text: "文本" },
    roles: {
      date: "日期",
      entity: "实体",
      metric: "指标",
      value: "数值",
      category: "类别",
    },
    delims: { ",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线" },
    grains: { day: "日", month: "月", quarter: "季度", year: "年", time: "时刻" },
    units: "单位 {u}",
    base: "万/亿已换算为基本单位",
    grouped: "千位分隔符",
    nulls: "{n} 个缺失",
    forced: "（按你的选择）",
  },
  en: {
    reading: "Reading the CSV: {pct} ({rows} rows)",
    cancel: "Cancel",
    progress: "Reading progress",
    cancelled: "Reading was cancelled.",
    inferred:
      "Read as {encoding}, delimiter {delim}, {header}; {rows} rows. Check each column's type and role; correct them and read again if something is wrong.",
    headerYes: "first row is the header",
    headerNo: "no header row",
    colName: "Column",
    colSeen: "Inferred",
    colType: "Type",
    colRole: "Role",
    reread: "Read again with these types",
    wide: "This is a wide table: {n} columns are periods ({first} … {last}).",
    makeLong: "Make it long (one row per entity and period)",
    didLong:
      "Turned {n} period columns ({first} … {last}) into rows: {input} rows × {n} periods = {rows} rows, columns {cols}.",
    download: "Download the Arrow file this CSV became",
    ragged:
      "{n} rows have fewer fields than the header (first: row {row}); the missing cells are read as missing.",
    types: { number: "number", date: "date", text: "text" },
    roles: {
      date: "date",
      entity: "entity",
      metric: "metric",
      value: "value",
      category: "category",
    },
    delims: { ",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe" },
    grains: { day: "day", month: "month", quarter: "quarter", year: "year", time: "time" },
    units: "unit {u}",
    base: "万/亿 converted to base units",
    grouped: "thousands separators",
    nulls: "{n} missing",
    forced: " (your choice)",
  },
};

const t = (lang, key, vars = {}) =>
  String(TEXT[lang][key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

let active = null; // the running worker, so that a new file or Cancel stops it

/** Stops a read in progress (the worker is terminated: nothing more is computed). */
export function cancel() {
  if (!active) return false;
  active.worker.terminate();
  active.reject(Object.assign(new Error(TEXT.en.cancelled), { code: "cancelled" }));
  active = null;
  return true;
}

/**
 * Reads `file` in the CSV worker; `host` shows progress and a Cancel button meanwhile.
 * Resolves to { ipc: Uint8Array, report }; rejects with an Error carrying `code` (invalid_csv
 * with a located message, too_large, cancelled, worker).
 */
export function read(file, options, host, lang) {
  cancel();
  const bar = make("progress");
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute("aria-label", t(lang, "progress"));
  const label = make("span", "csv-progress-text", t(lang, "reading", { pct: "0 %", rows: 0 }));
  const stop = make("button", "run csv-cancel", t(lang, "cancel"));
  stop.type = "button";
  stop.addEventListener("click", cancel);
  const box = make("div", "csv-progress");
  box.append(bar, " ", label, " ", stop);
  host.replaceChildren(box);
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(new URL("./vendor/csv-worker.js", import.meta.url), {
        type: "module",
        name: "civic-pulse-csv",
      });
    } catch (e) {
      reject(Object.assign(new Error(`CSV reader unavailable: ${e.message}`), { code: "worker" }));
      return;
    }
    const done = () => {
      worker.terminate();
      if (active?.worker === worker) active = null;
      box.remove();
    };
    active = {
      worker,
      reject: (e) => {
        box.remove();
        reject(e);
      },
    };
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        bar.value = data.total ? data.loaded / data.total : 0;
        label.textContent = t(lang, "reading", {
          pct: `${Math.round(100 * bar.value)} %`,
          rows: data.rows.toLocaleString(lang === "zh" ? "zh-CN" : "en-US"),
        });
      } else if (data.type === "done") {
        done();
        resolve({ ipc: data.ipc, report: data.report });
      } else if (data.type === "error") {
        done();
        reject(Object.assign(new Error(data.error.message), data.error));
      }
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      done();
      reject(
        Object.assign(new Error(`CSV reader failed: ${ev.message ?? "error"}`), {
          code: "worker",
        }),
      );
    };
    worker.postMessage({ file, options });
  });
}

function columnText(c, lang) {
  const tx = TEXT[lang];
  const bits = [tx.types[c.type] ?? c.type];
  if (c.type === "date") bits.push(`${tx.grains[c.grain] ?? c.grain}: ${c.forms?.join(" / ")}`);
  if (c.type === "number") {
    if (c.units?.length) bits.push(t(lang, "units", { u: c.units.join(" / ") }));
    if (c.units?.some((u) => u === "万" || u === "亿" || u === "万亿")) bits.push(tx.base);
    if (c.grouped) bits.push(tx.grouped);
  }
  if (c.nulls) bits.push(t(lang, "nulls", { n: c.nulls }));
  return bits.join("; ") + (c.forced ? tx.forced : "");
}

function select(values, labels, current) {
  const s = document.createElement("select");
  for (const v of values) {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = labels[v] ?? v;
    s.append(o);
  }
  s.value = current;
  return s;
}

/**
 * What was read, with controls: a table of columns (inferred type, type and role selects), the
 * wide → long button, the Arrow download. `reread(options)` reads the file again.
 */
export function describe(result, lang, reread, options = {}) {
  const { report, ipc } = result;
  const tx = TEXT[lang];
  const box = make("div", "csv-report");
  box.append(
    make(
      "p",
      "muted csv-summary",
      t(lang, "inferred", {
        encoding: `${report.encoding}${report.bom ? " (BOM)" : ""}`,
        delim: tx.delims[report.delimiter] ?? JSON.stringify(report.delimiter),
        header: report.header ? tx.headerYes : tx.headerNo,
        rows: report.rows.toLocaleString(lang === "zh" ? "zh-CN" : "en-US"),
      }),
    ),
  );
  if (report.ragged)
    box.append(
      make(
        "p",
        "muted",
        t(lang, "ragged", { n: report.ragged.short, row: report.ragged.firstShort }),
      ),
    );
  const r = report.reshaped;
  if (r) {
    box.append(
      make(
        "p",
        "csv-reshaped",
        t(lang, "didLong", {
          n: r.from.length,
          first: r.from[0],
          last: r.from.at(-1),
          input: r.inputRows,
          rows: report.rows,
          cols: report.columns.map((c) => c.name).join(", "),
        }),
      ),
    );
  } else if (report.wide) {
    const p = make(
      "p",
      "csv-wide",
      t(lang, "wide", { n: report.wide.length, first: report.wide[0], last: report.wide.at(-1) }),
    );
    const b = make("button", "run csv-long", tx.makeLong);
    b.type = "button";
    b.addEventListener("click", () => reread({ ...options, tidy: true, types: {}, roles: {} }));
    p.append(" ", b);
    box.append(p);
  }
  const table = make("table", "csv-columns");
  const head = make("tr");
  for (const k of ["colName", "colSeen", "colType", "colRole"])
    head.append(make("th", null, tx[k]));
  table.append(make("thead"), make("tbody"));
  table.tHead.append(head);
  const typeSel = {};
  const roleSel = {};
  for (const c of report.columns) {
    const tr = make("tr");
    typeSel[c.name] = select(["number", "date", "text"], tx.types, c.type);
    roleSel[c.name] = select(Object.keys(tx.roles), tx.roles, c.role);
    typeSel[c.name].setAttribute("aria-label", `${c.name}: ${tx.colType}`);
    roleSel[c.name].setAttribute("aria-label", `${c.name}: ${tx.colRole}`);
    const cells = [make("td", null, c.name), make("td", null, columnText(c, lang))];
    const ty = make("td");
    ty.append(typeSel[c.name]);
    const ro = make("td");
    ro.append(roleSel[c.name]);
    tr.append(...cells, ty, ro);
    table.tBodies[0].append(tr);
  }
  const wrap = make("div", "table-wrap");
  wrap.append(table);
  const again = make("button", "run csv-reread", tx.reread);
  again.type = "button";
  again.addEventListener("click", () => {
    const types = {};
    const roles = {};
    for (const c of report.columns) {
      if (typeSel[c.name].value !== c.type) types[c.name] = typeSel[c.name].value;
      roles[c.name] = roleSel[c.name].value;
    }
    reread({ ...options, types, roles });
  });
  const dl = make("button", "run csv-download", tx.download);
  dl.type = "button";
  dl.addEventListener("click", () =>
    save(
      new Blob([ipc], { type: "application/vnd.apache.arrow.file" }),
      `${report.name.replace(/\.(csv|tsv|txt|tab)$/i, "")}.arrow`,
    ),
  );
  const actions = make("p", "actions");
  actions.append(again, " ", dl);
  box.append(wrap, actions);
  return box;
}

/** The columns the analysis should start with, from the roles: {date, entity, value, metric}. */
export function roleHints(report) {
  const by = (role) => report.columns.filter((c) => c.role === role).map((c) => c.name);
  return {
    date: by("date")[0] ?? null,
    entity: by("entity")[0] ?? null,
    value: by("value")[0] ?? null,
    metric: by("metric")[0] ?? null,
  };
}
