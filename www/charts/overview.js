// Section "overview" (Overview): its charts in reading order.
import * as fmt from "../format.js";
import { provName } from "../i18n.js";
import { L, lastPrinted, pts, said, T, tidyColumns } from "./common.js";

export default [
  {
    id: "ov-base",
    section: "overview",
    dataset: "mobile_internet_devices_monthly",
    title: T(
      "中国移动互联网月独立设备数（渗透率的分母）",
      "Monthly unique devices on China's mobile internet (the penetration base)",
    ),
    unit: "10k",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const last = lastPrinted(rows);
      const { lang } = ctx;
      const v = said(last, "10k", lang);
      return {
        kind: "line",
        xType: "time",
        unit: "10k",
        // From zero: a rise of a few per cent must not look like a climb.
        zero: true,
        rows: pts(rows),
        description: v
          ? L(
              lang,
              `${fmt.month(last.date, lang)}中国移动互联网月独立设备数${v}（${provName(last.provenance, lang)}）；报告称整体流量已近饱和。其余各月为重建值。`,
              `China's mobile internet counted ${v} monthly unique devices in ${fmt.month(last.date, lang)} (${provName(last.provenance, lang)}); the report calls overall traffic near saturation. The other months are reconstructed.`,
            )
          : L(
              lang,
              "报告称整体流量已近饱和；曲线为重建值。",
              "The report calls overall traffic near saturation; the curve is reconstructed.",
            ),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },
];
