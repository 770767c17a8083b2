// Section "infrastructure" (Infrastructure): its charts in reading order.

import * as fmt from "../format.js";
import { monthOf } from "../format.js";
import { term, title } from "../i18n.js";
import { distinct } from "../view.js";
import { growthChart, MODE, peakOf, pts, tidyColumns } from "./common.js";
import { provincesChart } from "./provinces.js";

export default [
  {
    id: "sg-stl",
    section: "infrastructure",
    dataset: "state_grid_monthly",
    title: title("sg-stl"),
    unit: "10k",
    heavy: true,
    toggles: [
      {
        key: "view",
        label: term("view"),
        options: [
          { value: "observed", label: term("observedAndTrend") },
          { value: "components", label: term("trendSeasonalRemainder") },
          { value: "adjusted", label: term("seasonallyAdjusted") },
        ],
        default: "observed",
      },
    ],
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const values = Float64Array.from(rows, (r) => r.value);
      const stl = await ctx.wasm("stl", values, 12, {});
      const months = rows.map((r) => String(monthOf(r.date)));
      const byMonth = await ctx.wasm("groupBy", months, stl.seasonal);
      const top = await ctx.wasm("extremes", byMonth.mean);
      const { lang } = ctx;
      const view = ctx.tog("view");
      const comp = {
        observed: term("observed"),
        trend: term("trend"),
        seasonal: term("seasonal"),
        remainder: term("remainder"),
        adjusted: term("seasonallyAdjusted"),
      };
      const nm = (k) => comp[k][lang];
      let vm;
      if (view === "components") {
        const facetsRows = [];
        rows.forEach((r, i) => {
          facetsRows.push({
            x: r.x,
            y: r.value,
            facet: nm("observed"),
            series: "observed",
            provenance: r.provenance,
            qualifier: r.qualifier ?? null,
          });
          facetsRows.push({
            x: r.x,
            y: stl.trend[i],
            facet: nm("trend"),
            series: "trend",
            provenance: r.provenance,
            qualifier: r.qualifier ?? null,
          });
          facetsRows.push({
            x: r.x,
            y: stl.seasonal[i],
            facet: nm("seasonal"),
            series: "seasonal",
            provenance: r.provenance,
            qualifier: r.qualifier ?? null,
          });
          facetsRows.push({
            x: r.x,
            y: stl.remainder[i],
            facet: nm("remainder"),
            series: "remainder",
            provenance: r.provenance,
            qualifier: r.qualifier ?? null,
          });
        });
        vm = {
          kind: "facets",
          unit: "10k",
          rows: facetsRows,
          facets: ["observed", "trend", "seasonal", "remainder"].map(nm),
          series: ["observed", "trend", "seasonal", "remainder"],
        };
      } else {
        const second = view === "adjusted" ? "adjusted" : "trend";
        const sv = view === "adjusted" ? stl.seasonallyAdjusted : stl.trend;
        vm = {
          kind: "line",
          xType: "time",
          unit: "10k",
          series: [nm("observed"), nm(second)],
          legendSeries: [nm("observed"), nm(second)],
          rows: [
            ...pts(rows, () => nm("observed")),
            ...rows.map((r, i) => ({
              x: r.x,
              y: sv[i],
              series: nm(second),
              provenance: r.provenance,
              qualifier: r.qualifier ?? null,
              date: r.date,
            })),
          ],
        };
      }
      // Strengths and peak months of a decomposition are figures: only for a printed series.
      const printedOnly = rows.every((r) => r.provenance !== "reconstructed");
      const peakMonth = Number(byMonth.keys[top.max.index]);
      const lowMonth = Number(byMonth.keys[top.min.index]);
      return {
        ...vm,
        description: ctx.say(this.id, {
          printedOnly,
          seasonalStrength: stl.seasonalStrength,
          trendStrength: stl.trendStrength,
          peakMonth,
          lowMonth,
        }),
        table: {
          columns: [
            ...tidyColumns("10k"),
            { key: "trend", label: term("trend"), type: "num", unit: "10k" },
            { key: "seasonal", label: term("seasonal"), type: "num", unit: "10k" },
            { key: "remainder", label: term("remainder"), type: "num", unit: "10k" },
            {
              key: "adjusted",
              label: term("seasonallyAdjusted"),
              type: "num",
              unit: "10k",
            },
          ],
          rows: rows.map((r, i) => ({
            ...r,
            trend: stl.trend[i],
            seasonal: stl.seasonal[i],
            remainder: stl.remainder[i],
            adjusted: stl.seasonallyAdjusted[i],
          })),
        },
      };
    },
  },
  provincesChart({
    id: "sg-provinces",
    section: "infrastructure",
    dataset: "state_grid_provinces_top5_2023_12",
    app: "网上国网",
    n: 5,
    perDevice: false,
  }),
  {
    id: "sg-hourly",
    section: "infrastructure",
    dataset: "state_grid_hourly_2023_12",
    title: title("sg-hourly"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const p = await ctx.wasm(
        "peaks",
        Float64Array.from(rows, (r) => r.value),
      );
      const { lang } = ctx;
      const hours = Array.from(p, (i) => rows[i].x.getUTCHours());
      return {
        kind: "line",
        xType: "hour",
        unit: "pct",
        rows: rows.map((r) => ({
          x: r.x.getUTCHours(),
          y: r.value,
          series: r.entity,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
          date: r.date,
        })),
        annotations: Array.from(p, (i) => ({
          x: rows[i].x.getUTCHours(),
          y: rows[i].value,
          text: fmt.hour(rows[i].date, lang),
        })),
        description: ctx.say(this.id, { hours }),
        table: { columns: tidyColumns("pct", { dateType: "hour" }), rows },
      };
    },
  },
  {
    id: "fuel-trend",
    section: "infrastructure",
    dataset: "fuel_apps_monthly",
    title: title("fuel-trend"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const { groups, rows, chart } = await growthChart(ctx, this.dataset, "10k");
      const ents = distinct(rows.map((r) => r.entity));
      const peaks = [];
      for (const [ent, rs] of groups) peaks.push([ent, await peakOf(ctx, rs)]);
      return {
        ...chart,
        series: ents,
        legendSeries: ents,
        description: ctx.say(this.id, { peaks }),
      };
    },
  },
  {
    id: "fuel-yoy",
    section: "infrastructure",
    dataset: "fuel_apps_monthly",
    title: title("fuel-yoy"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset, { entity: "易捷加油" });
      const g = await ctx.wasm(
        "growth",
        Float64Array.from(rows, (r) => r.value),
        12,
      );
      const withYoy = rows.map((r, i) => ({ ...r, yoy: g[i] * 100 }));
      const shown = withYoy.filter((r) => Number.isFinite(r.yoy));
      const label = (r) => ctx.say("fuel-yoy-month", { date: r.x });
      return {
        kind: "bar",
        unit: "pct",
        labelDigits: 1,
        order: shown.map(label),
        rows: shown.map((r) => ({
          x: label(r),
          y: r.yoy,
          series: "易捷加油",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: ["易捷加油"],
        description: ctx.say(this.id, {}),
        table: {
          columns: tidyColumns("10k", {
            extra: [{ key: "yoy", label: term("yoyPct"), type: "num", unit: "pct" }],
          }),
          rows: withYoy,
        },
      };
    },
  },
];
