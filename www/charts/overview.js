// Section "overview" (Overview): its charts in reading order.
import { lastPrinted, pts, T, tidyColumns } from "./common.js";

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
