// Section "overview" (Overview): its charts in reading order.
import { plainName, term, title } from "../i18n.js";
import { col, lastPrinted, pts, tidyColumns } from "./common.js";

export default [
  {
    // The key chart, above the fold with the key findings: numbers the report prints, not a
    // reconstructed curve. Its small dataset restates three claims of the claim check (a build
    // test holds each row to its claim), so the first screen does not fetch the claims table.
    id: "ov-peaks",
    section: "overview",
    dataset: "national_app_peaks_2023",
    title: title("ov-peaks"),
    unit: "100m",
    async prepare(ctx) {
      const t = await ctx.table(this.dataset, [
        "claim_id",
        "entity",
        "value",
        "unit",
        "qualifier",
        "provenance",
      ]);
      const { lang } = ctx;
      // The printed 2023 peaks of the three national apps, in the dataset's order (largest first).
      const rows = t.rows
        .filter((r) => /^亿/.test(r.unit ?? ""))
        .map((r) => ({
          _row: r._row,
          id: r.claim_id,
          entity: r.entity,
          value: r.value,
          // The table keeps the claim check's "=" for a number exact as printed (null here).
          qualifier: r.qualifier ?? "=",
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
