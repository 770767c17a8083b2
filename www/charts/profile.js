// The user-profile chart of one app (demographics_2023_12).
import { name, provName } from "../i18n.js";
import { L, said, T, tidyColumns } from "./common.js";

/** The user profile (gender, age, marital status) of one app: the same chart in two sections. */
export const profileChart = ({ id, section, app }) => ({
  id,
  section,
  dataset: "demographics_2023_12",
  title: T(`${app} 用户画像（2023年12月）`, `${app} user profile (Dec 2023)`),
  unit: "pct",
  toggles: [
    {
      key: "metric",
      label: T("维度", "Dimension"),
      options: [
        { value: "gender_share_pct", ...T("性别", "Gender") },
        { value: "age_share_pct", ...T("年龄", "Age") },
        { value: "marital_share_pct", ...T("婚姻状况", "Marital status") },
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
      marginLeft: 90,
      labelDigits: 1,
      description: !rows.length
        ? L(lang, `${app}没有这一维度的数据。`, `No data on this dimension for ${app}.`)
        : said(top, "pct", lang)
          ? L(
              lang,
              `${app}用户中${top.category}占比最高，为${said(top, "pct", lang)}（${provName(top.provenance, lang)}）。`,
              `Among ${app} users, ${name(top.category, lang)} is the largest group at ${said(top, "pct", lang)} (${provName(top.provenance, lang)}).`,
            )
          : L(
              lang,
              `报告说${app}用户中${top.category}占比最高；这一维度的数值为重建值，图中不标数值。`,
              `The report says ${name(top.category, lang)} is the largest group of ${app} users; the values of this dimension are reconstructed and carry no labels.`,
            ),
      table: { columns: tidyColumns("pct", { category: true }), rows },
    };
  },
});
