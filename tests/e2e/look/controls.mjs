// Finding the report's toggle groups and their options in the page, whatever their markup:
// native radio inputs in a <fieldset class="toggle">, or ARIA radios in a [role=radiogroup]
// (roving tabindex). A group is named by its chart and its position in the figure, because a
// redraw may replace the elements themselves.

/** In-page: every toggle group as { chart, index, legend, options: [label], checked }. */
export function listGroups() {
  const GROUP = "fieldset.toggle, [role=radiogroup]";
  const OPTION = "input[type=radio], [role=radio]";
  const out = [];
  for (const fig of document.querySelectorAll("figure[data-chart]")) {
    const groups = [...fig.querySelectorAll(GROUP)].filter(
      (g) => !g.parentElement.closest(GROUP), // a fieldset that is also a radiogroup: once
    );
    groups.forEach((g, index) => {
      const opts = [...g.querySelectorAll(OPTION)];
      const label = (o) =>
        (o.closest("label")?.textContent ?? o.getAttribute("aria-label") ?? o.textContent).trim();
      out.push({
        chart: fig.dataset.chart,
        index,
        legend: (g.querySelector("legend")?.textContent ?? g.getAttribute("aria-label") ?? "")
          .trim()
          .slice(0, 30),
        options: opts.map(label),
        checked: opts.findIndex((o) => o.checked || o.getAttribute("aria-checked") === "true"),
      });
    });
  }
  return out;
}

/**
 * In-page: where the focus is, as { chart, index, option } (option: the position of the focused
 * option in its group, -1 when the focus is in the group but not on an option), or
 * { tag } when it is outside every toggle group.
 */
export function focusInfo() {
  const GROUP = "fieldset.toggle, [role=radiogroup]";
  const OPTION = "input[type=radio], [role=radio]";
  const a = document.activeElement;
  const g = a?.closest(GROUP);
  const fig = a?.closest("figure[data-chart]");
  if (!g || !fig) return { tag: a ? a.tagName.toLowerCase() : "none" };
  let top = g;
  while (top.parentElement.closest(GROUP)) top = top.parentElement.closest(GROUP);
  const groups = [...fig.querySelectorAll(GROUP)].filter((x) => !x.parentElement.closest(GROUP));
  return {
    chart: fig.dataset.chart,
    index: groups.indexOf(top),
    option: [...top.querySelectorAll(OPTION)].indexOf(a),
  };
}

/**
 * In-page: focuses a group's current tab stop (the option with tabindex 0, else the checked
 * one, else the first), as Tab would; false when the group is gone.
 */
export function focusGroup({ chart, index }) {
  const GROUP = "fieldset.toggle, [role=radiogroup]";
  const OPTION = "input[type=radio], [role=radio]";
  const fig = document.querySelector(`figure[data-chart="${CSS.escape(chart)}"]`);
  const g = [...(fig?.querySelectorAll(GROUP) ?? [])].filter(
    (x) => !x.parentElement.closest(GROUP),
  )[index];
  if (!g) return false;
  const opts = [...g.querySelectorAll(OPTION)];
  const stop =
    opts.find((o) => o.getAttribute("tabindex") === "0") ??
    opts.find((o) => o.checked || o.getAttribute("aria-checked") === "true") ??
    opts[0];
  stop.focus();
  return document.activeElement === stop;
}

/** In-page: resolves once no figure is busy and two frames have been painted. */
export function settled() {
  return new Promise((resolve) => {
    const check = () => {
      if (document.querySelector("figure[aria-busy=true]")) setTimeout(check, 20);
      else requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
    };
    setTimeout(check, 50);
  });
}

/** In-page: clicks option `option` of a group (as a pointer would; fires the change). */
export function choose({ chart, index, option }) {
  const GROUP = "fieldset.toggle, [role=radiogroup]";
  const fig = document.querySelector(`figure[data-chart="${CSS.escape(chart)}"]`);
  const g = [...(fig?.querySelectorAll(GROUP) ?? [])].filter(
    (x) => !x.parentElement.closest(GROUP),
  )[index];
  const o = g?.querySelectorAll("input[type=radio], [role=radio]")[option];
  o?.click();
  return Boolean(o);
}
