// Section "overview" (Overview): its charts in reading order.
import { title } from "../i18n.js";
import { lastPrinted, pts, tidyColumns } from "./common.js";

export default [
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
