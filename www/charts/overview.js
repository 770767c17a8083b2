// Section "overview" (Overview): its charts in reading order.
import { plainName, term, title } from "../i18n.js";
import { col, lastPrinted, pts, tidyColumns } from "./common.js";

export default [
  {
    // The key chart, above the fold with the key findings: numbers the report prints (each a
    // claim of claims.arrow, which the findings read too, so the first screen fetches no other
    // dataset), not a reconstructed curve.
    id: "ov-peaks",
    section: "overview",
    dataset: "claims",
    title: title("ov-peaks"),
    unit: "100m",
    // The printed 2023 peaks of the three national apps, largest first.
    claims: ["C0045", "C0009", "C0022"],
    async prepare(ctx) {
      const t = await ctx.table(this.dataset, [
        "id",
        "entity",
        "printed_value",
        "unit",
        "qualifier",
        "provenance",
      ]);
      const { lang } = ctx;
      const rows = this.claims
        .map((id) => t.rows.find((r) => r.id === id))
        .filter((r) => r && /^亿/.test(r.unit ?? ""))
        .map((r) => ({
          _row: r._row,
          id: r.id,
          entity: r.entity,
          value: Number(r.printed_value),
          qualifier: r.qualifier,
          provenance: r.provenance,
        }));
      const apps = rows.map((r) => r.entity);
      return {
        kind: "bar",
        horizontal: true,
        unit: "100m",
        unitLine: "100m-printed",
        rowHeight: 28,
        rows: rows.map((r) => ({
          x: r.entity,
          y: r.value,
          series: r.entity,
          provenance: r.provenance,
          qualifier: r.qualifier,
        })),
        order: apps,
        series: apps,
        // No Chinese in an English chart's SVG: the app's English name ("income tax").
        tickName: (v) => plainName(v, lang),
        labelDigits: 3,
        sliceRows: rows.map((r) => r._row),
        description: ctx.say(this.id, { rows }),
        table: {
          columns: [
            { key: "id", label: term("id"), type: "text" },
            { key: "entity", label: term("app"), type: "name" },
            { key: "value", label: term("printedShort"), type: "num", unit: "100m" },
            { key: "qualifier", label: term("qualifier"), type: "text" },
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "ov-base",
    section: "overview",
    dataset: "mobile_internet_devices_monthly",
    title: title("ov-base"),
    unit: "10k",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const last = lastPrinted(rows);
      return {
        kind: "line",
        xType: "time",
        unit: "10k",
        // From zero: a rise of a few per cent must not look like a climb.
        zero: true,
        rows: pts(rows),
        description: ctx.say(this.id, { last }),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },
];
