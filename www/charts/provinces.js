import { name } from "../i18n.js";
import { col, T } from "./common.js";

/**
 * Users by province of one app (a TOP-n table dataset). `d`: {id, section, dataset, app, n,
 * perDevice (the table also has uses and minutes per device), note: T(...) (what the report adds)}.
 */
export const provincesChart = (d) => ({
  ...d,
  title: T(
    `${d.app} 用户省份 TOP${d.n}（2023年12月）`,
    `${d.app} users by province, top ${d.n} (Dec 2023)`,
  ),
  unit: "10k",
  toggles: [
    {
      key: "metric",
      label: T("指标", "Measure"),
      options: [
        { value: "devices", ...T("设备数", "Devices") },
        { value: "tgi", ...T("TGI", "TGI") },
        ...(d.perDevice
          ? [
              { value: "uses", ...T("单机单日使用次数", "Uses per device per day") },
              { value: "minutes", ...T("单机单日有效时间", "Minutes per device per day") },
            ]
          : []),
      ],
      default: "devices",
    },
  ],
  async prepare(ctx) {
    const rows = (await ctx.table(this.dataset)).rows;
    const { lang } = ctx;
    const metric = ctx.tog("metric");
    const colName = {
      devices: "unique_devices_2023_12_10k",
      tgi: "TGI",
      uses: "uses_per_device_per_day",
      minutes: "effective_minutes_per_device_per_day",
    }[metric];
    const unit = metric === "devices" ? "10k" : "index";
    const tgiMax = await ctx.wasm(
      "extremes",
      Float64Array.from(rows, (r) => r.TGI),
    );
    const hi = rows[tgiMax.max.index];
    return {
      kind: "bar",
      horizontal: true,
      unit,
      baseLine: metric === "tgi" ? 100 : null,
      rows: rows.map((r) => ({
        x: r.province,
        y: r[colName],
        series: d.app,
        provenance: r.provenance,
        qualifier: r.qualifier ?? null,
      })),
      tickName: (v) => name(v, lang),
      series: [d.app],
      description: ctx.say("provinces", { first: rows[0], hi, perDevice: d.perDevice }),
      table: {
        columns: [
          { key: "rank", label: T("排名", "Rank"), type: "num" },
          { key: "province", label: T("省份", "Province"), type: "name" },
          {
            key: "unique_devices_2023_12_10k",
            label: T("设备数", "Devices"),
            type: "num",
            unit: "10k",
          },
          { key: "TGI", label: T("TGI", "TGI"), type: "num" },
          ...(d.perDevice
            ? [
                {
                  key: "uses_per_device_per_day",
                  label: T("单机单日使用次数", "Uses/device/day"),
                  type: "num",
                },
                {
                  key: "effective_minutes_per_device_per_day",
                  label: T("单机单日有效时间（分）", "Minutes/device/day"),
                  type: "num",
                },
              ]
            : []),
          col.prov(),
        ],
        rows,
      },
    };
  },
});
