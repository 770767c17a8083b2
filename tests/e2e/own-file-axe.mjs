// axe-core (serious and critical, WCAG 2.1 A/AA) within the own-file panel: shared by the own-file
// tests that add controls and outputs to it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export async function panelViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe))))
    await page.evaluate(
      readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"),
    );
  const axe = await page.evaluate(() =>
    window.axe.run("#own-panel", {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}
