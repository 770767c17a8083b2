// The parts of Observable Plot the page uses; esbuild tree-shakes the rest away.
export { plot, lineY, dotY, ruleY, barY, barX, text, tip, pointerX, gridY, areaY } from "@observablehq/plot";
