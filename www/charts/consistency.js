// Section "consistency" (Consistency): its chart declarations in reading order.
import { checkName, title } from "../i18n.js";
import { T } from "./common.js";

export default [
  {
    id: "consistency",
    section: "consistency",
    dataset: "consistency",
    title: title("consistency"),
    unit: "pct",
    tableOpen: true,
    toggles: [
      {
        key: "filter",
        label: T("范围", "Show"),
        options: [
          { value: "all", ...T("全部核查", "All checks") },
          { value: "contradictions", ...T("只看矛盾", "Contradictions only") },
        ],
        default: "contradictions",
      },
    ],
    async prepare(ctx) {
      const all = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const f = ctx.tog("filter");
      const rows = f === "all" ? all : all.filter((r) => r.is_contradiction);
      const numeric = rows.filter(
        (r) => Number.isFinite(r.printed) && Number.isFinite(r.recomputed) && r.recomputed !== 0,
      );
      const rel = await ctx.batch(numeric.map((r) => ["growth", [r.recomputed, r.printed], 1]));
      const nC = all.filter((r) => r.is_contradiction).length;
      const withRel = rows.map((r) => {
        const i = numeric.indexOf(r);
        const contradiction = r.is_contradiction ? T("是", "yes") : T("否", "no");
        return { ...r, rel: i >= 0 ? rel[i][1] * 100 : NaN, contradiction: contradiction[lang] };
      });
      return {
        kind: "bar",
        horizontal: true,
        unit: "pct",
        rowHeight: 20,
        // Readable names on the chart; the table keeps the ids.
        tickName: (id) => checkName(id, lang),
        labelDigits: 2,
        rows: numeric.map((r, i) => ({
          x: r.check_id,
          y: rel[i][1] * 100,
          series: r.is_contradiction ? "contradiction" : "ok",
          provenance: "published",
        })),
        series: ["contradiction", "ok"],
        legendSeries: f === "all" ? ["contradiction", "ok"] : null,
        seriesNames: {
          contradiction: T("矛盾", "contradiction"),
          ok: T("一致或可解释", "consistent or explained"),
        },
        legendKind: "derived",
        description: ctx.say(this.id, { total: all.length, contradictions: nC }),
        table: {
          // The check notes (item, arithmetic, evidence, verdict wording) are written in English:
          // shown on the English page only; the Chinese page gives the figures and whether
          // they contradict each other (issue 11: no English developer text on the zh page).
          columns: [
            { key: "check_id", label: T("编号", "ID"), type: "text" },
            { key: "report", label: T("报告", "Report"), type: "text" },
            ...(lang === "en" ? [{ key: "item", label: T("项目", "Item"), type: "text" }] : []),
            { key: "stated", label: T("报告所述", "Stated"), type: "text", lang: "zh-CN" },
            { key: "printed", label: T("所印", "Printed"), type: "num" },
            { key: "recomputed", label: T("重算", "Recomputed"), type: "num" },
            { key: "rel", label: T("相对差 %", "Relative difference %"), type: "num", unit: "pct" },
            ...(lang === "en"
              ? [
                  { key: "arithmetic", label: T("算式", "Arithmetic"), type: "text" },
                  { key: "evidence", label: T("依据", "Evidence"), type: "text" },
                  { key: "verdict", label: T("结论", "Verdict"), type: "text" },
                ]
              : []),
            { key: "contradiction", label: T("矛盾", "Contradiction"), type: "text" },
          ],
          rows: withRel,
        },
      };
    },
  },
];
