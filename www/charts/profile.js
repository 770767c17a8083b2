// The user-profile chart of one app (demographics_2023_12).
import { name, term, title } from "../i18n.js";
import { tidyColumns } from "./common.js";

/** The user profile (gender, age, marital status) of one app: the same chart in two sections. */
export const profileChart = ({ id, section, app }) => ({
  id,
  section,
  dataset: "demographics_2023_12",
  title: title(id),
  unit: "pct",
  toggles: [
    {
      key: "metric",
      label: term("dimension"),
      options: [
        { value: "gender_share_pct", label: term("gender") },
        { value: "age_share_pct", label: term("age") },
        { value: "marital_share_pct", label: term("maritalStatus") },
      ],
      default: "gender_share_pct",
    },
  ],
  async prepare(ctx) {
    const metric = ctx.tog("metric");
    const rows = await ctx.rows(this.dataset, { entity: app, metric });
    const { lang } = ctx;
    const ex = await ctx.wasm(
      "extremes",
      Float64Array.from(rows, (r) => r.value),
    );
    const top = ex.max ? rows[ex.max.index] : null;
    return {
      kind: "bar",
      horizontal: true,
      unit: "pct",
      rows: rows.map((r) => ({
        x: r.category,
        y: r.value,
        series: app,
        provenance: r.provenance,
        qualifier: r.qualifier ?? null,
      })),
      tickName: (v) => name(v, lang),
      series: [app],
      labelDigits: 1,
      description: ctx.say("profile", { app, top: rows.length ? top : null }),
      table: { columns: tidyColumns("pct", { category: true }), rows },
    };
  },
});
