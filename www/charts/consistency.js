// Section "consistency" (Consistency): its chart declarations in reading order.
import { checkName, term, title } from "../i18n.js";

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
        label: term("show"),
        options: [
          { value: "all", label: term("allChecks") },
          { value: "contradictions", label: term("contradictionsOnly") },
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
        const contradiction = r.is_contradiction ? term("yes") : term("no");
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
          contradiction: term("contradiction"),
          ok: term("consistentOrExplained"),
        },
        legendKind: "derived",
        description: ctx.say(this.id, { total: all.length, contradictions: nC }),
        table: {
          // The check notes (item, arithmetic, evidence, verdict wording) are written in English:
          // shown on the English page only; the Chinese page gives the figures and whether
          // they contradict each other (issue 11: no English developer text on the zh page).
          columns: [
            { key: "check_id", label: term("id"), type: "text" },
            { key: "report", label: term("report"), type: "text" },
            ...(lang === "en" ? [{ key: "item", label: term("item"), type: "text" }] : []),
            { key: "stated", label: term("stated"), type: "text", lang: "zh-CN" },
            { key: "printed", label: term("printedShort"), type: "num" },
            { key: "recomputed", label: term("recomputedShort"), type: "num" },
            { key: "rel", label: term("relativeDifferencePct"), type: "num", unit: "pct" },
            ...(lang === "en"
              ? [
                  { key: "arithmetic", label: term("arithmetic"), type: "text" },
                  { key: "evidence", label: term("evidence"), type: "text" },
                  { key: "verdict", label: term("verdict"), type: "text" },
                ]
              : []),
            { key: "contradiction", label: term("contradictionColumn"), type: "text" },
          ],
          rows: withRel,
        },
      };
    },
  },
];
