import { name, term, title } from "../i18n.js";
import { distinct } from "../view.js";
import { col, pts, tidyColumns } from "./common.js";

export default [
  {
    id: "egdi",
    section: "smartcity",
    dataset: "egdi_2010_2020",
    title: title("egdi"),
    unit: "index",
    toggles: [
      {
        key: "metric",
        label: term("measure"),
        options: [
          { value: "egdi", label: term("egdi") },
          { value: "egdi_world_rank", label: term("worldRank") },
        ],
        default: "egdi",
      },
    ],
    async prepare(ctx) {
      const metric = ctx.tog("metric");
      const rows = await ctx.rows(this.dataset, { metric });
      const first = rows[0];
      const last = rows.at(-1);
      const g = await ctx.wasm("growth", [first.value, last.value], 1);
      return {
        kind: "line",
        xType: "time",
        unit: metric === "egdi" ? "index" : "index",
        yReverse: metric !== "egdi",
        rows: pts(rows),
        description: ctx.say(this.id, {
          metric,
          first: first.value,
          last: last.value,
          growth: g[1],
        }),
        table: { columns: tidyColumns("index", { dateType: "year" }), rows },
      };
    },
  },
  {
    id: "netizens",
    section: "smartcity",
    dataset: "netizens_2015_2021",
    title: title("netizens"),
    unit: "100m",
    toggles: [
      {
        key: "metric",
        label: term("measure"),
        options: [
          { value: "netizens_100m", label: term("netizens") },
          { value: "internet_penetration_pct", label: term("penetration") },
        ],
        default: "netizens_100m",
      },
    ],
    async prepare(ctx) {
      const metric = ctx.tog("metric");
      const rows = await ctx.rows(this.dataset, { metric });
      const unit = metric === "netizens_100m" ? "100m" : "pct";
      const first = rows[0];
      const last = rows.at(-1);
      const years = (last.x - first.x) / (365.25 * 864e5);
      const rate = await ctx.wasm("cagr", first.value, last.value, years);
      return {
        kind: "line",
        xType: "time",
        unit,
        rows: pts(rows),
        description: ctx.say(this.id, { first, last, unit, rate }),
        table: { columns: tidyColumns(unit), rows },
      };
    },
  },
  {
    id: "city-types",
    section: "smartcity",
    dataset: "city_types_2021",
    title: title("city-types"),
    unit: "count",
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const g = await ctx.wasm(
        "groupBy",
        rows.map((r) => r.city_type),
        Float64Array.from(rows, () => 1),
      );
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        colorBy: "x",
        order: g.keys,
        tickName: (v) => name(v, lang),
        rows: g.keys.map((k, i) => ({ x: k, y: g.count[i], series: k, provenance: "published" })),
        series: g.keys,
        legendKind: "derived",
        description: ctx.say(this.id, {
          n: rows.length,
          groups: g.keys.map((k, i) => [k, g.count[i]]),
        }),
        table: {
          columns: [
            { key: "city_type", label: term("cityType"), type: "name" },
            { key: "order_in_list", label: term("order"), type: "num" },
            { key: "city", label: term("city"), type: "name" },
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "platform-levels",
    section: "smartcity",
    dataset: "provincial_platform_levels_2016_2020",
    title: title("platform-levels"),
    unit: "count",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const levels = distinct(rows.map((r) => r.category));
      const years = distinct(rows.map((r) => r.date.slice(0, 4)));
      return {
        kind: "bar",
        unit: "count",
        order: years,
        showLabels: false,
        rows: rows.map((r) => ({
          x: r.date.slice(0, 4),
          y: r.value,
          series: r.category,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: levels,
        legendSeries: levels,
        description: ctx.say(this.id, {}),
        table: { columns: tidyColumns("count", { category: true, dateType: "year" }), rows },
      };
    },
  },
];
