/**
 * The dashboard in a real browser against a real `orebook serve`: every page loads without a
 * console error or a request off the origin, the map and the ownership graph render, the
 * figures on screen equal the API's, the controls are labelled and reachable by keyboard, the
 * page fits a narrow screen, and each page's screenshot goes to docs/screenshots/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { ControlReport } from "../../src/engine/ownership/control-report.js";
import type { DeFactoSeries } from "../../src/engine/ownership/de-facto-series.js";
import type { LookThroughReport } from "../../src/engine/ownership/entity-look-through.js";
import type { HeldAreasReport } from "../../src/engine/ownership/held-areas.js";
import { tonnes, usd } from "../../src/web/format.js";
import type { ProcurementResult, StockpileReport } from "../../src/web/pages/stockpile.js";
import {
  apiJson,
  missingPrerequisite,
  openPage,
  pct,
  ROOT,
  screenshot,
  screenshotOf,
  servedBrowser,
  startServe,
  todayUtc,
} from "./_harness.js";

const missing = missingPrerequisite();
if (missing) console.warn(`NOTICE: dashboard browser tests skipped: ${missing}`);

interface Snapshot {
  records: {
    assets: { id: string; location: unknown; province: string | null }[];
    territories: { assets: string[] }[];
    routeNodes: { id: string; kind: string }[];
  };
}

describe.skipIf(missing !== undefined)("dashboard in Chromium", () => {
  const suite = servedBrowser();

  it("the overview shows the API's country shares, HHI and total for cobalt today", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    const report = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    await page.getByTestId("country-table").waitFor();
    expect(await page.getByTestId("as-of").textContent()).toBe(todayUtc());
    expect(await page.getByTestId("total-tonnes").textContent()).toBe(
      `${Math.round(report.totalTonnes).toLocaleString("en-US")} t`,
    );
    for (const [k, v] of Object.entries(report.hhi))
      expect(await page.getByTestId(`hhi-${k}`).textContent()).toBe(
        Math.round(v).toLocaleString("en-US"),
      );
    for (const c of report.byCountry) {
      expect(await page.getByTestId(`share-attributable-${c.country}`).textContent()).toBe(
        pct(c.attributableShare),
      );
      expect(await page.getByTestId(`share-consolidated-${c.country}`).textContent()).toBe(
        pct(c.consolidatedShare),
      );
      expect(await page.getByTestId(`share-deFacto-${c.country}`).textContent()).toBe(
        pct(c.deFactoShare),
      );
      expect(await page.getByTestId(`share-location-${c.country}`).textContent()).toBe(
        pct(c.locationShare),
      );
    }
    // A figure names its sources and date on hover.
    const first = report.byCountry[0]?.country as string;
    const title = await page.getByTestId(`share-consolidated-${first}`).getAttribute("title");
    expect(title).toContain(`As of ${todayUtc()}`);
    expect(title).toContain("Sources:");
    await screenshot(page, "overview");

    // A country's row opens the assets behind its share, as the API explains it.
    const ex = await apiJson<{ rows: { asset: string; tonnes: number }[] }>(
      suite.served,
      `/api/reports/explain?commodity=cobalt&asOf=${todayUtc()}&country=${first}&view=attributable`,
    );
    await page.locator(`[data-row="${first}"] button`).click();
    const table = page.locator("table", { hasText: "Assets behind" });
    await table.waitFor();
    for (const r of ex.rows)
      expect(await table.locator(`[data-row="${r.asset}"] td`).nth(3).textContent()).toBe(
        `${Math.round(r.tonnes).toLocaleString("en-US")} t`,
      );

    // Every table exports to CSV: the country table's file has the API's raw figures.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /Export cobalt .* shares by country.* as CSV/ }).click();
    const file = await download;
    const path = await file.path();
    const csv = (await import("node:fs")).readFileSync(path, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "Country,Location,Attributable,Attributable range,Consolidated,De facto,Buyer,Attributable tonnes",
    );
    expect(csv).toContain(`${first},`);
    expect(csv).toContain(String(report.byCountry[0]?.attributableShare));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the date slider and the commodity change the figures to the API's for that date", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    const slider = page.getByLabel("As of");
    await slider.focus();
    // Keyboard: Home goes to the first stop (2018-03-31); End back to today.
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.getByTestId("as-of").textContent()).toBe("2018-12-31");
    await page.keyboard.press("End");
    await page.getByLabel("Commodity").selectOption("copper");
    const report = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=copper&asOf=${todayUtc()}`,
    );
    const c = report.byCountry[0];
    if (!c) throw new Error("no copper rows");
    await expect
      .poll(() => page.getByTestId(`share-attributable-${c.country}`).textContent())
      .toBe(pct(c.attributableShare));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the map draws the DRC, every asset it can place and the territory the armed group holds", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "map");
    const snap = await apiJson<Snapshot>(suite.served, `/api/snapshot?asOf=${todayUtc()}`);
    const map = page.getByTestId("map");
    await map.waitFor();
    await expect.poll(() => map.locator('[data-country="CD"]').count()).toBe(1);
    const located = snap.records.assets.filter((a) => a.location !== null);
    for (const a of located)
      expect(await page.locator(`[data-testid="map-asset"][data-asset="${a.id}"]`).count()).toBe(1);
    expect(await page.getByTestId("map-copperbelt-asset").count()).toBeGreaterThan(0);
    const territory = await apiJson<HeldAreasReport>(
      suite.served,
      `/api/reports/territory?asOf=${todayUtc()}`,
    );
    const held = territory.sites.filter((s) => s.deFactoBy).map((s) => s.asset);
    // The map rings every held site it places: by its location, or on its province's centroid
    // (a province with at least one located asset) when the sources give no coordinates.
    const centroidProvinces = new Set(located.map((a) => a.province));
    const placed = snap.records.assets.filter(
      (a) => a.location !== null || (a.province !== null && centroidProvinces.has(a.province)),
    );
    await expect
      .poll(() => page.getByTestId("map-held-territory").count(), { timeout: 30_000 })
      .toBe(held.filter((id) => placed.some((a) => a.id === id)).length);
    expect(held.length).toBeGreaterThan(0);
    // Every unit with a boundary held on the date is drawn on the main map too.
    expect(await page.getByTestId("map-held-area").count()).toBeGreaterThan(0);
    // Ports with the tonnes the API routes through them.
    const routes = await apiJson<{ ports: { id: string; tonnes: number }[] }>(
      suite.served,
      `/api/reports/routes?commodity=cobalt&asOf=${todayUtc()}`,
    );
    const ports = snap.records.routeNodes.filter((n) => n.kind === "port");
    for (const n of ports) {
      const t = routes.ports.find((p) => p.id === n.id)?.tonnes ?? 0;
      await expect
        .poll(() => page.getByTestId(`port-use-${n.id}`).textContent(), { timeout: 60_000 })
        .toBe(`${Math.round(t).toLocaleString("en-US")} t`);
    }
    await screenshot(page, "map", true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const size of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])
    it(`the map draws the corridors with the tonnes routed, and no two labels overlap at ${size.width} px`, async () => {
      const { page, errors } = await openPage(suite.browser, suite.served, "map", size);
      const map = page.getByTestId("map");
      await map.waitFor();
      // Corridors carrying tonnes are drawn wider than the unused ones.
      await expect
        .poll(
          () =>
            page
              .locator('[data-testid="map-corridor"]')
              .evaluateAll(
                (ls) => ls.filter((l) => Number(l.getAttribute("data-tonnes")) > 0).length,
              ),
          { timeout: 60_000 },
        )
        .toBeGreaterThan(0);
      expect(await page.getByTestId("map-route-node").count()).toBeGreaterThan(5);
      for (const id of ["map", "map-copperbelt"]) {
        const boxes = await page.locator(`[data-testid="${id}-label"]`).evaluateAll((ts) =>
          ts.map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent ?? "", x: r.x, y: r.y, w: r.width, h: r.height };
          }),
        );
        expect(boxes.length).toBeGreaterThan(0);
        const overlaps: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i] as (typeof boxes)[number];
            const b = boxes[j] as (typeof boxes)[number];
            if (
              a.x < b.x + b.w - 0.5 &&
              b.x < a.x + a.w - 0.5 &&
              a.y < b.y + b.h - 0.5 &&
              b.y < a.y + a.h - 0.5
            )
              overlaps.push(`${a.text} / ${b.text}`);
          }
        expect(overlaps).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it("the map's east shows the areas held on the date: Goma and Bukavu appear between 2024-12-31 and 2025-03-31, labels never overlap, the series equals the API's", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "map", {
      width: 1280,
      height: 1000,
    });
    const east = page.getByTestId("map-east");
    await east.waitFor();
    const slider = page.getByLabel("As of");
    await slider.focus();
    // Home is 2018-03-31; each step a quarter: 27 steps to 2024-12-31.
    await page.keyboard.press("Home");
    for (let i = 0; i < 27; i++) await page.keyboard.press("ArrowRight");
    expect(await page.getByTestId("as-of").textContent()).toBe("2024-12-31");

    /** The units drawn, as "name:held", and the API's for the same date. */
    const drawn = async () =>
      (
        await east
          .locator('[data-testid="map-east-held-area"]')
          .evaluateAll((els) => els.map((e) => `${e.dataset.unit}:${e.dataset.held}`))
      ).sort();
    const expected = async (asOf: string) => {
      const r = await apiJson<HeldAreasReport>(suite.served, `/api/reports/territory?asOf=${asOf}`);
      const best = new Map<string, string>();
      const rank: Record<string, number> = { town: 0, partial: 1, whole: 2 };
      for (const a of r.areas)
        for (const u of a.units)
          if (u.boundary && (rank[u.held] ?? 0) >= (rank[best.get(u.name) ?? "town"] ?? 0))
            best.set(u.name, u.held);
      return [...best.entries()].map(([n, h]) => `${n}:${h}`).sort();
    };
    /** Every label's box on screen; none may overlap another. */
    const overlaps = async () => {
      const boxes = await east.locator("text").evaluateAll((els) =>
        els.map((e) => {
          const b = e.getBoundingClientRect();
          return { t: e.textContent ?? "", x0: b.left, y0: b.top, x1: b.right, y1: b.bottom };
        }),
      );
      const bad: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i] as (typeof boxes)[number];
          const b = boxes[j] as (typeof boxes)[number];
          if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
            bad.push(`${a.t} / ${b.t}`);
        }
      return { n: boxes.length, bad };
    };

    await expect.poll(drawn, { timeout: 30_000 }).toEqual(await expected("2024-12-31"));
    const before = await drawn();
    expect(before).not.toContain("Goma:whole");
    expect(before).not.toContain("Bukavu:whole");
    const labelsBefore = await overlaps();
    expect(labelsBefore.bad).toEqual([]);
    expect(labelsBefore.n).toBeGreaterThan(3);
    // Rubaya is held (named by afc-m23-masisi since 2024-04-30).
    expect(
      await east
        .locator('[data-testid="map-east-held-site"][data-asset="rubaya"]')
        .getAttribute("data-held"),
    ).toBe("held");
    await east.scrollIntoViewIfNeeded();
    await screenshotOf(page.getByTestId("map-east-section"), "map-east-2024");

    await page.keyboard.press("ArrowRight");
    expect(await page.getByTestId("as-of").textContent()).toBe("2025-03-31");
    await expect.poll(drawn, { timeout: 30_000 }).toEqual(await expected("2025-03-31"));
    const after = await drawn();
    expect(after).toContain("Goma:whole");
    expect(after).toContain("Bukavu:whole");
    await expect
      .poll(() => east.locator('[data-label="unit-goma"]').count(), { timeout: 30_000 })
      .toBe(1);
    const labelsAfter = await overlaps();
    expect(labelsAfter.bad).toEqual([]);
    // Numbi (held from 2025-01-21) is filled, Bisie (Walikale held only in part) is not.
    expect(
      await east
        .locator('[data-testid="map-east-held-site"][data-asset="numbi"]')
        .getAttribute("data-held"),
    ).toBe("held");
    expect(
      await east
        .locator('[data-testid="map-east-held-site"][data-asset="bisie"]')
        .getAttribute("data-held"),
    ).not.toBe("held");

    // The series: each cell is the API's share for the date shown.
    const series = await apiJson<DeFactoSeries>(
      suite.served,
      "/api/reports/de-facto-series?asOf=2025-03-31",
    );
    await page.getByTestId("de-facto-series-table").waitFor();
    for (const c of series.commodities)
      for (const p of c.points)
        await expect
          .poll(() => page.getByTestId(`series-${c.commodity}-${p.year}`).textContent(), {
            timeout: 30_000,
          })
          .toBe(
            `${p.share === null ? "—" : pct(p.share)}${p.sitesHeld.length > 0 ? ` (${p.sitesHeld.length})` : ""}`,
          );
    expect(
      await page.getByTestId("de-facto-series-chart").locator("circle[data-point]").count(),
    ).toBe(series.commodities.reduce((n, c) => n + c.points.length, 0));

    await east.scrollIntoViewIfNeeded();
    await screenshotOf(page.getByTestId("map-east-section"), "map-east");
    await screenshotOf(page.getByTestId("de-facto-series"), "de-facto-series");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("the ownership graph renders, shows the API's look-through figures and re-centres", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "graph/cmoc");
    const look = await apiJson<LookThroughReport>(
      suite.served,
      `/api/reports/lookthrough?entity=cmoc&asOf=${todayUtc()}`,
    );
    await page.getByTestId("look-holdings").waitFor();
    await expect
      .poll(() => page.evaluate("window.__orebookGraph && window.__orebookGraph.nodes"))
      .toBeGreaterThan(1);
    expect(await page.locator('[data-testid="graph"] canvas').count()).toBeGreaterThan(0);
    for (const h of look.holdings)
      expect(await page.getByTestId(`look-${h.id}`).last().textContent()).toBe(pct(h.share));
    await screenshot(page, "graph");
    await page.getByRole("combobox", { name: "Find" }).fill("Kamoto");
    await page.locator('[role="option"][data-node="kamoto-copper-company"]').click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Kamoto");
    expect(page.url()).toContain("#/graph/kamoto-copper-company");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the flows page draws the API's Sankey and buyer shares", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "flows");
    const routes = await apiJson<{
      sankey: { links: { source: string; target: string; tonnes: number }[] };
    }>(suite.served, `/api/reports/routes?commodity=cobalt&asOf=${todayUtc()}`);
    // The page reads every figure for the period the control report chose (issue 21).
    const { period } = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    const flows = await apiJson<{
      hhi: { byBuyerCountry: number | null };
      shareOfTonnes: number;
      heldBackTonnes: number;
    }>(suite.served, `/api/reports/flows?commodity=cobalt&asOf=${todayUtc()}&period=${period}`);
    await page.getByTestId("sankey").waitFor({ timeout: 60_000 });
    // The headline and the Sankey tell one story: the headline names the Sankey's largest
    // destination (open-market tonnes placed by the trade statistics labelled as such).
    const into = new Map<string, number>();
    for (const l of routes.sankey.links)
      if (l.target.startsWith("buyer:") && l.target !== "buyer:open-market:unrecorded")
        into.set(l.target, (into.get(l.target) ?? 0) + l.tonnes);
    const [topId, topTonnes] = [...into.entries()].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    const headline = page.getByTestId("buyers").getByTestId("headline-share");
    await headline.waitFor({ timeout: 60_000 });
    expect(await headline.textContent()).toContain(pct(topTonnes / flows.shareOfTonnes));
    if (topId.startsWith("buyer:open-market:"))
      expect(await headline.textContent()).toContain("open market");
    // What is held back at the mine is drawn, as much as the flows report holds back.
    const held = routes.sankey.links
      .filter((l) => l.target === "via:held-back")
      .reduce((x, l) => x + l.tonnes, 0);
    expect(held).toBeCloseTo(flows.heldBackTonnes, 0);
    // No label is cut by the diagram's edges.
    const clipped = await page.locator('[data-testid="sankey"]').evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")]
        .map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
        .map(({ t }) => t);
    });
    expect(clipped).toEqual([]);
    expect(await page.locator('[data-testid="sankey"] path').count()).toBe(
      routes.sankey.links.filter((l) => l.tonnes > 0).length,
    );
    for (const l of routes.sankey.links)
      expect(await page.getByTestId(`link-${l.source}-${l.target}`).textContent()).toBe(
        `${Math.round(l.tonnes).toLocaleString("en-US")} t`,
      );
    await page.getByTestId("buyer-hhi").waitFor();
    expect(await page.getByTestId("buyer-hhi").textContent()).toBe(
      Math.round(flows.hhi.byBuyerCountry ?? Number.NaN).toLocaleString("en-US"),
    );
    await screenshot(page, "flows", true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the coverage stands beside the headline share on Overview and Flows, and a figure read for a later year than its own is marked with its age", async () => {
    const report = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    const cover = `recorded assets cover ${pct(report.coverage.share ?? Number.NaN)}`;
    const overview = await openPage(suite.browser, suite.served, "overview");
    const headline = overview.page.getByTestId("headline-share");
    await headline.waitFor();
    const top = report.byCountry
      .filter((c) => c.country !== "not-on-a-recorded-asset")
      .sort((a, b) => b.attributableShare - a.attributableShare)[0];
    expect(await headline.textContent()).toContain(
      `${top?.name} ${pct(top?.attributableShare ?? Number.NaN)} of national output · ${cover}`,
    );
    // Today the latest cobalt figures are of an earlier year: the total carries the mark.
    const carried = report.staleInputs.filter(
      (x) => x.kind === "production" && x.view === undefined,
    );
    expect(carried.length).toBeGreaterThan(0);
    const mark = overview.page.getByTestId("stale-mark");
    expect(await mark.textContent()).toContain(`${carried[0]?.date}`);
    expect(await mark.textContent()).toMatch(/\d+(\.\d)? yr old/);
    expect(await mark.getAttribute("title")).toContain(carried[0]?.record as string);
    const list = overview.page.getByTestId("stale-inputs");
    expect(await list.locator("li").count()).toBe(report.staleInputs.length);
    expect(overview.errors).toEqual([]);
    await overview.page.context().close();

    const flows = await openPage(suite.browser, suite.served, "flows");
    const buyers = flows.page.getByTestId("buyers");
    await buyers.getByTestId("headline-share").waitFor({ timeout: 60_000 });
    const f = await apiJson<{ coverage: { share: number | null } }>(
      suite.served,
      `/api/reports/flows?commodity=cobalt&asOf=${todayUtc()}&period=${report.period}`,
    );
    expect(await buyers.getByTestId("coverage-note").textContent()).toBe(
      `of national output · recorded assets cover ${pct(f.coverage.share ?? Number.NaN)}`,
    );
    expect(flows.errors).toEqual([]);
    await flows.page.context().close();
  });

  it("the deals page shows the API's pipeline on the date and a deal's changes", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "deals");
    const list = await apiJson<{
      deals: { id: string; name: string; statusAsOf: string | null }[];
    }>(suite.served, `/api/deals?asOf=${todayUtc()}`);
    await page.getByTestId("deal-board").waitFor();
    const live = list.deals.filter((d) => d.statusAsOf !== null);
    expect(await page.locator(".deal-card").count()).toBe(live.length);
    for (const d of live)
      expect(await page.locator(`[data-row="${d.id}"] td`).first().textContent()).toBe(
        d.statusAsOf,
      );
    expect(await page.getByTestId("deal-timeline").locator("circle").count()).toBeGreaterThan(0);
    const orion = live.find((d) => d.id === "orion-cmc-glencore-kcc-mutanda");
    if (orion) {
      await page.getByRole("button", { name: orion.name }).first().click();
      await page.getByTestId("deal-effects").waitFor();
      await page.locator(".panel .deltas li").first().waitFor({ timeout: 60_000 });
    }
    await screenshot(page, "deals", true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the scenario lab composes a scenario, compares it with the API's figures and runs a Monte Carlo with progress", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "scenarios");
    // Sign in: the token starts an API session; Monte Carlo jobs need the analyst role.
    await page.getByRole("button", { name: "Sign in with a token" }).click();
    await page.getByLabel(/API token/).fill(suite.served.token);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("token-button").textContent())
      .toBe("Signed in: analyst");

    await page.getByLabel("Name").fill("E2E Orion closes");
    await page.getByLabel("Change", { exact: true }).selectOption("deal-closes");
    await page.getByLabel("Deal", { exact: true }).selectOption("orion-cmc-glencore-kcc-mutanda");
    await page.getByRole("button", { name: "Add change" }).click();
    expect(await page.getByTestId("composed-changes").locator("li").count()).toBe(1);
    await page.getByRole("button", { name: "Save scenario" }).click();
    await page.getByRole("button", { name: /^Compare 1 scenario/ }).click();
    await page.getByTestId("comparison-table").waitFor({ timeout: 120_000 });

    // Every evaluation is read on the page's date and period (issue 21): the lab sends each
    // scenario on them, against the same records without changes.
    const { period } = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    const composed = {
      name: "E2E Orion closes",
      baseDate: todayUtc(),
      carryForward: false,
      sources: [],
      changes: [{ kind: "deal-closes", deal: "orion-cmc-glencore-kcc-mutanda" }],
      period,
    };
    const base = { ...composed, name: "Without the change", changes: [] };
    const res = await fetch(`${suite.served.url}/api/scenarios/compare`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scenarios: [base, composed], commodities: ["cobalt"], period }),
    });
    expect(res.status).toBe(200);
    const cmp = (await res.json()) as {
      rows: { id: string; unit: string; cells: { scenario: string; value: number | null }[] }[];
    };
    expect(cmp.rows.length).toBeGreaterThan(0);
    expect(await page.getByTestId("comparison-table").locator("tbody tr").count()).toBe(
      cmp.rows.length,
    );
    for (const r of cmp.rows) {
      const v = r.cells.find((c) => c.scenario === composed.name)?.value ?? null;
      if (v === null || (r.unit !== "share" && r.unit !== "tonnes")) continue;
      const shown = r.unit === "share" ? pct(v) : `${Math.round(v).toLocaleString("en-US")} t`;
      expect(await page.getByTestId(`cmp-0-${r.id}`).textContent()).toMatch(
        new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `),
      );
    }
    expect(await page.getByTestId("comparison-chart").locator("rect").count()).toBeGreaterThan(0);
    await page.getByRole("heading", { name: "Compare" }).scrollIntoViewIfNeeded();
    await screenshot(page, "scenario-compare");

    // Monte Carlo on the shipped risks scenario, followed live to its distributions.
    await page.getByLabel(/E2E Orion closes/).uncheck();
    await page.getByLabel(/Monte Carlo risks/).check();
    await page.getByLabel("Runs").fill("2000");
    const submitted = page.waitForResponse(
      (r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /Run Monte Carlo/ }).click();
    const job = (await (await submitted).json()) as { id: string };
    await page.getByTestId("mc-progress").waitFor();
    await page.getByTestId("mc-table").waitFor({ timeout: 120_000 });
    const bar = page.getByTestId("mc-progress").locator("progress");
    expect(await bar.getAttribute("value")).toBe(await bar.getAttribute("max"));
    const result = await fetch(`${suite.served.url}/api/jobs/${job.id}/result`, {
      headers: { Authorization: `Bearer ${suite.served.token}` },
    });
    const mc = (await result.json()) as { distributions: { metric: string; p50: number | null }[] };
    for (const d of mc.distributions) {
      if (d.p50 === null) continue;
      const shown = d.metric.endsWith("Share")
        ? pct(d.p50)
        : `${Math.round(d.p50).toLocaleString("en-US")} t`;
      expect(await page.getByTestId(`mc-p50-${d.metric}`).textContent()).toBe(shown);
    }
    // A histogram per metric: its bars hold every run that has a value, as the API binned them.
    await page.getByTestId("mc-histograms").waitFor();
    const binned = (await (
      await fetch(`${suite.served.url}/api/jobs/${job.id}/result`, {
        headers: { Authorization: `Bearer ${suite.served.token}` },
      })
    ).json()) as { distributions: { metric: string; n: number; histogram: unknown[] }[] };
    for (const d of binned.distributions) {
      const h = page.getByTestId(`mc-histogram-${d.metric}`);
      if (d.n === 0) continue;
      const counts = await h
        .locator("rect")
        .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-count"))));
      expect(counts).toHaveLength(d.histogram.length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(d.n);
    }
    await screenshot(page, "scenario-lab", true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("the stockpile page lists the stockpiles on record and shows the API's coverage, shortfall and procurement plan", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "stockpile");
    const snap = await apiJson<{ records: { stockpiles: unknown[] } }>(
      suite.served,
      `/api/snapshot?asOf=${todayUtc()}`,
    );
    await page.getByTestId("stockpile-table").waitFor();
    expect(await page.getByTestId("stockpile-table").locator("tbody tr").count()).toBe(
      snap.records.stockpiles.length,
    );
    // Sign in: procurement jobs need the analyst role.
    await page.getByRole("button", { name: "Sign in with a token" }).click();
    await page.getByLabel(/API token/).fill(suite.served.token);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("token-button").textContent())
      .toBe("Signed in: analyst");
    await page.getByTestId("coverage-table").waitFor({ timeout: 60_000 });

    // A scenario and "assume empty": the page asks the API with exactly these. The shipped data
    // gives US net imports for every commodity of the Vault (USGS MCS), so no need is asked for.
    const reported = page.waitForResponse(
      (r) =>
        r.url().includes("/api/reports/stockpile?") &&
        r.url().includes("scenario=cobalt-export-ban") &&
        r.url().includes("assumeEmpty=1"),
      { timeout: 60_000 },
    );
    await page.getByLabel("Scenario", { exact: true }).selectOption("cobalt-export-ban");
    await page.getByLabel(/ASSUMPTION: treat holdings/).check();
    const response = await reported;
    expect(response.status()).toBe(200);
    const query = new URL(response.url()).search;
    expect(query).not.toContain("need=");
    const report = await apiJson<StockpileReport>(suite.served, `/api/reports/stockpile${query}`);
    const needless = report.coverage.commodities.filter((c) => c.need.basis === "missing");
    expect(report.coverage.commodities.find((c) => c.commodity === "cobalt")?.need.basis).toBe(
      "dataset",
    );
    expect(await page.getByText(/^USER INPUT \w+ need \(t\/yr\)$/).count()).toBe(needless.length);
    await expect
      .poll(() => page.getByTestId("cov-months-cobalt").textContent())
      .not.toContain("unknown");
    for (const c of report.coverage.commodities) {
      const shown = await page.getByTestId(`cov-months-${c.commodity}`).textContent();
      if (c.monthsCovered === null) expect(shown).toMatch(/^unknown — /);
      else
        expect(shown).toBe(c.monthsCovered.toLocaleString("en-US", { maximumFractionDigits: 1 }));
    }
    for (const c of report.shortfall.commodities) {
      expect(await page.getByTestId(`sf-total-${c.commodity}`).textContent()).toBe(
        c.shortfallTonnes === null ? "unknown" : tonnes(c.shortfallTonnes),
      );
      for (const m of c.months)
        expect(await page.getByTestId(`sf-${c.commodity}-${m.month}`).textContent()).toBe(
          m.shortfallTonnes === null ? "—" : Math.round(m.shortfallTonnes).toLocaleString("en-US"),
        );
    }
    const cobalt = report.shortfall.commodities.find((c) => c.commodity === "cobalt");
    expect(cobalt?.shortfallTonnes).toBeGreaterThan(0);
    expect(await page.getByTestId("sf-usd-cobalt").textContent()).toBe(usd(cobalt?.coverUsd));

    // The procurement plan for the default budget, followed live to its result.
    expect(await page.getByLabel("Budget (US$)", { exact: true }).inputValue()).toBe("12000000000");
    const submitted = page.waitForResponse(
      (r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /^Plan purchases/ }).click();
    const posted = await submitted;
    expect(posted.request().postDataJSON()).toMatchObject({
      kind: "procurement",
      params: {
        holder: "project-vault",
        budgetUsd: 12e9,
        scenario: "cobalt-export-ban",
        assumeEmpty: true,
      },
    });
    expect(posted.request().postDataJSON().params.need).toBeUndefined();
    const job = (await posted.json()) as { id: string };
    await page.getByTestId("plan-progress").waitFor();
    await page.getByTestId("plan-purchases").waitFor({ timeout: 120_000 });
    const bar = page.getByTestId("plan-progress").locator("progress");
    expect(await bar.getAttribute("value")).toBe(await bar.getAttribute("max"));
    const res = await fetch(`${suite.served.url}/api/jobs/${job.id}/result`, {
      headers: { Authorization: `Bearer ${suite.served.token}` },
    });
    const plan = (await res.json()) as ProcurementResult;
    expect(await page.getByTestId("plan-total").textContent()).toBe(usd(plan.totalCost));
    expect(await page.getByTestId("plan-left").textContent()).toBe(usd(plan.budget.leftUsd));
    expect(await page.getByTestId("plan-purchases").locator("tbody tr").count()).toBe(
      plan.purchases.length,
    );
    for (const p of plan.purchases) {
      expect(
        await page.getByTestId(`plan-t-${p.commodity}-${p.source}-${p.month}`).textContent(),
      ).toBe(tonnes(p.tonnes));
      expect(
        await page.getByTestId(`plan-usd-${p.commodity}-${p.source}-${p.month}`).textContent(),
      ).toBe(usd(p.cost));
    }
    expect(await page.getByTestId("plan-binding").locator("tbody tr").count()).toBe(
      plan.binding.length,
    );
    await screenshot(page, "stockpile", true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("where the sources lack a commodity's need, the stockpile page asks for it as a USER INPUT, sends it and marks it", async () => {
    // The reference dataset without the US cobalt demand records: cobalt's need is then missing.
    const dir = mkdtempSync(join(tmpdir(), "orebook-e2e-data-"));
    for (const f of readdirSync(join(ROOT, "data", "drc")).filter((n) => n.endsWith(".yaml"))) {
      const doc = parse(readFileSync(join(ROOT, "data", "drc", f), "utf8")) as Record<
        string,
        { commodity?: string }[]
      > | null;
      if (doc?.demand) doc.demand = doc.demand.filter((d) => d.commodity !== "cobalt");
      writeFileSync(join(dir, f), stringify(doc ?? {}));
    }
    const own = await startServe({ dataDir: dir });
    try {
      const { page, errors } = await openPage(suite.browser, own, "stockpile");
      await page.getByRole("button", { name: "Sign in with a token" }).click();
      await page.getByLabel(/API token/).fill(own.token);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByTestId("coverage-table").waitFor({ timeout: 60_000 });
      expect(await page.getByText(/^USER INPUT \w+ need \(t\/yr\)$/).count()).toBe(1);
      const reported = page.waitForResponse(
        (r) =>
          r.url().includes("/api/reports/stockpile?") &&
          r.url().includes("need=cobalt%3D10000") &&
          r.url().includes("assumeEmpty=1"),
        { timeout: 60_000 },
      );
      await page.getByLabel(/ASSUMPTION: treat holdings/).check();
      await page.getByLabel("USER INPUT cobalt need (t/yr)").fill("10000");
      const report = await apiJson<StockpileReport>(
        own,
        `/api/reports/stockpile${new URL((await reported).url()).search}`,
      );
      const cobalt = report.coverage.commodities.find((c) => c.commodity === "cobalt");
      expect(cobalt?.need.basis).toBe("user input");
      expect(cobalt?.need.tonnesPerYear).toBe(10000);
      expect(cobalt?.monthsCovered).toEqual(expect.any(Number));
      await expect
        .poll(() => page.getByTestId("cov-months-cobalt").textContent())
        .toBe(cobalt?.monthsCovered?.toLocaleString("en-US", { maximumFractionDigits: 1 }));
      expect(await page.getByText("(USER INPUT)").count()).toBeGreaterThan(0);
      const submitted = page.waitForResponse(
        (r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST",
      );
      await page.getByRole("button", { name: /^Plan purchases/ }).click();
      expect((await submitted).request().postDataJSON()).toMatchObject({
        kind: "procurement",
        params: { holder: "project-vault", assumeEmpty: true, need: { cobalt: 10000 } },
      });
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("every control has a label, and the keyboard reaches the pages and the controls", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    const unlabelled =
      await page.evaluate(`[...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.textContent.trim())
      .map((el) => el.outerHTML.slice(0, 80))`);
    expect(unlabelled).toEqual([]);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Skip to content");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Overview");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("#/trends");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("each page fits a narrow screen without sideways scrolling", async () => {
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
      const { page, errors } = await openPage(suite.browser, suite.served, hash, {
        width: 390,
        height: 844,
      });
      await page.locator("h1").waitFor();
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow, hash).toBeLessThanOrEqual(1);
      if (hash === "overview") await screenshot(page, "overview-narrow");
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
