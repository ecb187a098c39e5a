/**
 * The dashboard's layout and roles in Chromium (issue 21): no text label drawn over another on
 * the maps (the DRC, the Copperbelt detail, the east) and on the Sankey at 1280 and 390 px, the
 * Copperbelt detail framed on its assets, and a read-only visitor who clicks every button of
 * every page never meets a refusal (no 401 answer, no "needs a token" problem shown).
 */
import type { Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ControlReport } from "../../src/engine/ownership/control-report.js";
import {
  apiJson,
  missingPrerequisite,
  openPage,
  servedBrowser,
  settled,
  todayUtc,
} from "./_harness.js";

const missing = missingPrerequisite();
if (missing) console.warn(`NOTICE: layout browser tests skipped: ${missing}`);

interface LabelBox {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The boxes the browser draws for every visible text of the SVG found by `selector`. */
async function textBoxes(page: Page, selector: string): Promise<LabelBox[]> {
  return page.locator(selector).evaluate((svg) =>
    [...svg.querySelectorAll("text")]
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? "", x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
      })
      .filter((b) => b.x2 - b.x1 > 0 && b.y2 - b.y1 > 0 && b.text.trim() !== ""),
  );
}

/** Pairs of boxes that overlap by more than half a pixel each way. */
function overlapping(boxes: readonly LabelBox[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as LabelBox;
      const b = boxes[j] as LabelBox;
      if (a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5)
        out.push(`“${a.text}” × “${b.text}”`);
    }
  return out;
}

describe.skipIf(missing !== undefined)("dashboard layout and roles in Chromium", () => {
  const suite = servedBrowser();

  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`draws no map label over another at ${size.width} px`, async () => {
      for (const commodity of ["cobalt", "copper", "tin"]) {
        const { page, errors } = await openPage(
          suite.browser,
          suite.served,
          `map?commodity=${commodity}`,
          size,
        );
        await page.getByTestId("map-asset").first().waitFor({ timeout: 120_000 });
        await page.getByTestId("map-east").waitFor({ timeout: 120_000 });
        await settled(page);
        for (const map of ["map", "map-copperbelt", "map-east"]) {
          const boxes = await textBoxes(page, `[data-testid="${map}"]`);
          expect(boxes.length, `${commodity} ${map}`).toBeGreaterThan(3);
          expect(overlapping(boxes), `${commodity} ${map}`).toEqual([]);
        }
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }, 300_000);

    it(`draws no Sankey label over another at ${size.width} px`, async () => {
      for (const commodity of ["cobalt", "copper"]) {
        const { page, errors } = await openPage(
          suite.browser,
          suite.served,
          `flows?commodity=${commodity}`,
          size,
        );
        await page.getByTestId("sankey").waitFor({ timeout: 120_000 });
        await settled(page);
        const boxes = await textBoxes(page, '[data-testid="sankey"]');
        expect(boxes.length, commodity).toBeGreaterThan(5);
        expect(overlapping(boxes), commodity).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }, 300_000);
  }

  it("frames the Copperbelt detail on its assets: each one with a figure is drawn in it, and they fill it", async () => {
    for (const commodity of ["copper", "cobalt"]) {
      const { page, errors } = await openPage(
        suite.browser,
        suite.served,
        `map?commodity=${commodity}`,
      );
      await page.getByTestId("map-copperbelt-asset").first().waitFor({ timeout: 120_000 });
      await settled(page);
      // The Copperbelt's assets with a figure, from the API.
      const snapshot = await apiJson<{
        records: { assets: { id: string; province?: string | null; location?: unknown }[] };
      }>(suite.served, `/api/snapshot?asOf=${todayUtc()}`);
      const control = await apiJson<ControlReport>(
        suite.served,
        `/api/reports/control?commodity=${commodity}&asOf=${todayUtc()}`,
      );
      const withFigure = new Set<string>(
        control.assets.filter((a) => a.tonnes > 0).map((a) => a.id as string),
      );
      const expected = snapshot.records.assets
        .filter(
          (a) =>
            a.location &&
            (a.province === "Lualaba" || a.province === "Haut-Katanga") &&
            withFigure.has(a.id),
        )
        .map((a) => a.id)
        .sort();
      expect(expected.length, commodity).toBeGreaterThan(1);
      const drawn = await page
        .getByTestId("map-copperbelt-asset")
        .evaluateAll((as) => as.map((a) => a.getAttribute("data-asset") ?? ""));
      expect(
        expected.filter((id) => !drawn.includes(id)),
        commodity,
      ).toEqual([]);
      const frame = await page.getByTestId("map-copperbelt").boundingBox();
      if (!frame) throw new Error("the Copperbelt detail is not drawn");
      const points = await page.locator("[data-testid='map-copperbelt-asset'] circle").evaluateAll(
        (cs, ids) =>
          cs
            .filter((c) =>
              (ids as string[]).includes(c.parentElement?.getAttribute("data-asset") ?? ""),
            )
            .map((c) => {
              const r = c.getBoundingClientRect();
              return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
            }),
        expected,
      );
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      // They span most of the frame's width or height: no wide empty region around them.
      const spanX = (Math.max(...xs) - Math.min(...xs)) / frame.width;
      const spanY = (Math.max(...ys) - Math.min(...ys)) / frame.height;
      expect(Math.max(spanX, spanY), commodity).toBeGreaterThan(0.75);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 180_000);

  it("tables say how each asset is controlled, where all the output goes, and draw their help mark", async () => {
    const { page, errors } = await openPage(
      suite.browser,
      suite.served,
      "overview?commodity=copper",
    );
    const table = page.getByTestId("asset-control-table");
    await table.waitFor({ timeout: 120_000 });
    await settled(page);
    const control = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=copper&asOf=${todayUtc()}`,
    );
    const words: Record<string, string> = {
      agreement: "by agreement",
      operator: "as operator",
      majority: "by majority",
      joint: "jointly",
    };
    for (const a of control.assets.slice(0, 15)) {
      expect(await page.getByTestId(`asset-control-basis-${a.id}`).textContent(), a.id).toBe(
        a.controlBasis === null ? "no one controls it" : words[a.controlBasis],
      );
      // Joint controllers: each controller's country is named, not the joined bucket.
      const countries = [...new Set(a.controllers.map((c) => c.country))].join(" and ");
      expect(await page.getByTestId(`asset-controller-country-${a.id}`).textContent(), a.id).toBe(
        countries,
      );
    }
    expect(control.assets.some((a) => a.controlBasis === "joint")).toBe(true);
    // The help mark is drawn (an SVG), not a character a system font may lack.
    const header = table.locator("th", { hasText: "How control is held" });
    expect(await header.locator("svg.help-mark").count()).toBe(1);
    expect(await page.locator("th").allTextContents()).not.toContainEqual(
      expect.stringContaining("ⓘ"),
    );
    // Flows: the open market and the tonnes held back have rows beside the buyer countries.
    // The flows report the page asks for (its date and period), as the API answers it.
    const answered = page.waitForResponse(
      (r) => new URL(r.url()).pathname === "/api/reports/flows" && r.status() === 200,
      { timeout: 120_000 },
    );
    await page.goto(`${suite.served.url}/#/flows?commodity=cobalt`);
    const flows = (await (await answered).json()) as {
      openMarketTonnes: number;
      heldBackTonnes: number;
    };
    const buyers = page.getByTestId("buyers");
    await buyers.locator("table").waitFor({ timeout: 120_000 });
    await settled(page);
    expect(flows.openMarketTonnes).toBeGreaterThan(0);
    const open = buyers.locator('tr[data-row="open-market"] td').nth(1);
    expect(await open.textContent()).toBe(
      `${Math.round(flows.openMarketTonnes).toLocaleString("en-US")} t`,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("a deal closed or collapsed by the date says so instead of failing to evaluate", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "deals");
    const list = await apiJson<{
      deals: { id: string; name: string; statusAsOf: string | null }[];
    }>(suite.served, `/api/deals?asOf=${todayUtc()}`);
    const settledDeals = list.deals.filter(
      (d) => d.statusAsOf === "collapsed" || d.statusAsOf === "closed",
    );
    expect(settledDeals.length).toBeGreaterThan(0);
    const compare: string[] = [];
    page.on("response", (r: Response) => {
      if (new URL(r.url()).pathname === "/api/scenarios/compare" && r.status() >= 400)
        compare.push(`${r.status()}`);
    });
    for (const d of settledDeals) {
      await page
        .getByTestId("deal-board")
        .getByRole("button", { name: d.name, exact: true })
        .click({ timeout: 120_000 });
      await expect
        .poll(() => page.getByTestId("deal-settled").textContent(), { timeout: 30_000 })
        .toContain(d.statusAsOf === "closed" ? "It closed on" : "It collapsed on");
      await settled(page);
      expect(await page.getByTestId("problem").count(), d.id).toBe(0);
    }
    expect(compare).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("a read-only visitor who clicks every button on every page never meets a 401", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    const refused: string[] = [];
    const otherFailures: string[] = [];
    page.on("response", (r: Response) => {
      const what = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
      if (r.status() === 401) refused.push(what);
      else if (r.status() >= 400) otherFailures.push(what);
    });
    // Downloads (CSV, XLSX, PNG, SVG) are accepted and dropped.
    page.on("download", (d) => void d.cancel().catch(() => undefined));
    const clicked: Record<string, number> = {};
    for (const hash of [
      "overview",
      "trends",
      "map",
      "graph/cmoc",
      "flows",
      "deals",
      "scenarios",
      "stockpile",
    ]) {
      const address = `${suite.served.url}/#/${hash}`;
      await page.goto(address);
      await page.locator("main h1").waitFor({ timeout: 120_000 });
      await settled(page);
      const buttons = page.locator("main button");
      const n = Math.min(await buttons.count(), 80);
      clicked[hash] = 0;
      for (let i = 0; i < n; i++) {
        // A button may have taken the visitor to another page: come back first.
        if (!page.url().includes(`#/${hash.split("/")[0]}`)) {
          await page.goto(address);
          await page.locator("main h1").waitFor({ timeout: 120_000 });
          await settled(page);
        }
        const b = buttons.nth(i);
        if (!(await b.isVisible().catch(() => false))) continue;
        if (await b.isDisabled().catch(() => true)) continue;
        const done = await b
          .click({ timeout: 3_000 })
          .then(() => true)
          .catch(() => false);
        if (!done) continue;
        clicked[hash] = (clicked[hash] ?? 0) + 1;
        // A dialog a button opened is closed before the next.
        await page.keyboard.press("Escape");
      }
      await settled(page);
      const problems = await page.getByTestId("problem").allTextContents();
      expect(
        problems.filter((p) => /token|sign in/i.test(p)),
        hash,
      ).toEqual([]);
    }
    console.info(`buttons clicked by a read-only visitor: ${JSON.stringify(clicked)}`);
    for (const hash of Object.keys(clicked)) expect(clicked[hash], hash).toBeGreaterThan(0);
    // Other refusals (a scenario that cannot apply on the page's date) are reported, not hidden.
    if (otherFailures.length > 0)
      console.info(`other failed requests after clicks: ${otherFailures.join("; ")}`);
    expect(refused).toEqual([]);
    expect(errors.filter((e) => /\b401\b|Unauthorized/.test(e))).toEqual([]);
    await page.context().close();
  }, 900_000);
});
