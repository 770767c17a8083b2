import { name, term, title } from "../i18n.js";
import { col } from "./common.js";

/**
 * Users by province of one app (a TOP-n table dataset). `d`: {id, section, dataset, app, n,
 * perDevice (the table also has uses and minutes per device)}; its title is the text layer's, by id.
 */
export const provincesChart = (d) => ({
  ...d,
  title: title(d.id),
  unit: "10k",
  toggles: [
    {
      key: "metric",
      label: term("measure"),
      options: [
        { value: "devices", label: term("devices") },
        { value: "tgi", label: term("tgi") },
        ...(d.perDevice
          ? [
              { value: "uses", label: term("usesPerDevicePerDay") },
              { value: "minutes", label: term("minutesPerDevicePerDay") },
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
          { key: "rank", label: term("rank"), type: "num" },
          { key: "province", label: term("province"), type: "name" },
          {
            key: "unique_devices_2023_12_10k",
            label: term("devices"),
            type: "num",
            unit: "10k",
          },
          { key: "TGI", label: term("tgi"), type: "num" },
          ...(d.perDevice
            ? [
                {
                  key: "uses_per_device_per_day",
                  label: term("usesDeviceDay"),
                  type: "num",
                },
                {
                  key: "effective_minutes_per_device_per_day",
                  label: term("minutesDeviceDay"),
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
