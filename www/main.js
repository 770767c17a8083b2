// Page start-up: find each chart figure, load its dataset through the engine, render it.
import { datasets, load, rows } from "./engine.js";
import { timeSeries } from "./charts.js";

const nf = new Intl.NumberFormat("zh-CN", { notation: "compact", maximumFractionDigits: 2 });
const fmt10k = (v) => nf.format(v * 1e4); // values are in 万台 (10,000 devices)

async function renderFigure(fig) {
  const id = fig.dataset.dataset;
  try {
    const data = await load(id);
    const series = rows(data).filter((r) => Number.isFinite(r.value));
    fig.querySelector(".chart-title").textContent = data.metadata.title_zh ?? id;
    fig.querySelector(".source").textContent = `来源：${data.metadata.source ?? ""}（单位：${data.metadata.unit ?? ""}）`;
    const peak = series.reduce((a, b) => (b.value > a.value ? b : a), series[0]);
    const when = `${peak.date.getUTCFullYear()}年${peak.date.getUTCMonth() + 1}月`;
    const description = `${data.metadata.title_zh}：${when}达到峰值${fmt10k(peak.value)}（${peak.provenance === "published" ? "报告公布值" : "重建值"}）。`;
    fig.querySelector(".description").textContent = description;
    const host = fig.querySelector(".plot");
    host.setAttribute("aria-label", description);
    host.replaceChildren(timeSeries(series, { width: Math.max(320, host.clientWidth || 720), format: fmt10k }));
    fig.dataset.rendered = "true";
  } catch (e) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = `无法加载 ${id}：${e.message}`;
    fig.append(p);
    fig.dataset.rendered = "error";
    console.error(e);
  } finally {
    fig.removeAttribute("aria-busy");
  }
}

await datasets();
await Promise.all([...document.querySelectorAll("figure.chart[data-dataset]")].map(renderFigure));
document.documentElement.dataset.ready = "true";
