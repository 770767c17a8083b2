// Page state, kept apart from rendering: language, current section, per-chart toggles.
// The URL fragment is the state's serialised form, so any view is a link:
//   #lang=en&section=infrastructure&chart=sg-stl&sg-stl.view=adjusted&sha256=<dataset hash>
// Renderers read state through get() and change it through set(); subscribers re-render.

const listeners = new Set();
const state = { lang: "zh", section: null, chart: null, sha256: null, toggles: {} };

/** Parses a fragment (or query) string into a state object. */
export function parse(str) {
  const p = new URLSearchParams(String(str ?? "").replace(/^[#?]/, ""));
  const out = {
    lang: p.get("lang") === "en" ? "en" : "zh",
    section: p.get("section"),
    chart: p.get("chart"),
    sha256: p.get("sha256"),
    toggles: {},
  };
  for (const [k, v] of p) {
    const dot = k.indexOf(".");
    if (dot > 0) {
      out.toggles[k.slice(0, dot)] ??= {};
      out.toggles[k.slice(0, dot)][k.slice(dot + 1)] = v;
    }
  }
  return out;
}

/** Serialises a state (or a part of it) to a fragment string without the '#'. */
export function serialise(s) {
  const p = new URLSearchParams();
  p.set("lang", s.lang ?? "zh");
  if (s.section) p.set("section", s.section);
  if (s.chart) p.set("chart", s.chart);
  for (const [chart, tg] of Object.entries(s.toggles ?? {})) {
    for (const [k, v] of Object.entries(tg)) if (v != null && v !== "") p.set(`${chart}.${k}`, v);
  }
  if (s.sha256) p.set("sha256", s.sha256);
  return p.toString();
}

export function get() {
  return state;
}

/** The toggle value of a chart, or its default. */
export function toggle(chart, key, dflt) {
  return state.toggles[chart]?.[key] ?? dflt;
}

/** Reads the initial state from location.hash. */
export function init(hash = location.hash) {
  Object.assign(state, parse(hash));
  return state;
}

/**
 * Changes the state; `what` says what changed ({lang}, {section}, {chart, key, value}).
 * Writes the URL (replaceState: toggling does not flood the history) and notifies.
 */
export function set(what) {
  if (what.lang) state.lang = what.lang;
  // Moving to a section leaves any chart behind: the URL keeps only state that applies.
  if ("section" in what) {
    state.section = what.section;
    state.chart = what.chart ?? null;
  }
  if (what.chart && what.key) {
    state.toggles[what.chart] ??= {};
    state.toggles[what.chart][what.key] = what.value;
    state.chart = what.chart;
  }
  state.sha256 = null; // a hash is carried by chart permalinks only
  history.replaceState(null, "", "#" + serialise(state));
  for (const fn of listeners) fn(what, state);
}

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The permalink of one chart: the whole state, the chart, and its dataset's SHA-256. */
export function permalink(chartId, sectionId, sha256) {
  const s = { ...state, section: sectionId, chart: chartId, sha256 };
  const url = new URL(location.href);
  url.hash = serialise(s);
  return url.href;
}

const views = new WeakMap();
/**
 * Render state of one figure (its view model, legend, the width and language it was drawn at,
 * its permalink refresher): kept here, keyed by the element, not as properties on the DOM node.
 */
export function view(fig) {
  if (!views.has(fig)) views.set(fig, {});
  return views.get(fig);
}
