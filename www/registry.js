// The chart declarations of the report, one file per section under charts/ (array order =
// reading order). Each declares its id, section, dataset, title, unit, toggles and a
// prepare(ctx) that turns series from the engine (view.js context) into a view model.
import claims from "./charts/claims.js";
import consistency from "./charts/consistency.js";
import finance from "./charts/finance.js";
import gov2017 from "./charts/gov2017.js";
import infrastructure from "./charts/infrastructure.js";
import overview from "./charts/overview.js";
import smartcity from "./charts/smartcity.js";
import transport from "./charts/transport.js";

export const CHARTS = [
  ...overview,
  ...transport,
  ...infrastructure,
  ...finance,
  ...gov2017,
  ...smartcity,
  ...claims,
  ...consistency,
];

/** The charts of one section, in reading order. */
export function chartsOf(section) {
  return CHARTS.filter((c) => c.section === section);
}

export function byId(id) {
  return CHARTS.find((c) => c.id === id);
}
