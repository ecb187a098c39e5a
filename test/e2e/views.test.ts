/**
 * The dashboard as an analyst's daily tool (issue 21), in Chromium against a real server: the
 * view lives in the address (a link restores it, back and forward step through it), every
 * figure on a page is read for one period stated in the heading, the date slider asks once it
 * rests, a loading state shows while a request is under way, and page switches are timed.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ControlSeries } from "../../src/app/control-series-report.js";
import type { ControlReport } from "../../src/engine/ownership/control-report.js";
import {
  apiJson,
  missingPrerequisite,
  openPage,
  ROOT,
  screenshot,
  servedBrowser,
  settled,
  todayUtc,
} from "./_harness.js";

const missing = missingPrerequisite();
if (missing) console.warn(`NOTICE: dashboard view tests skipped: ${missing}`);

/** The query of every request to `path` the page makes from now on. */
function requestsTo(page: Page, path: string): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  page.on("request", (r: Request) => {
    const u = new URL(r.url());
    if (u.pathname === path) seen.push(u.searchParams);
  });
  return seen;
}

describe.skipIf(missing !== undefined)("dashboard views in Chromium", () => {
  const suite = servedBrowser();

  it("a link restores the view: page, commodity, date, period, scenario and focus", async () => {
    const link = "flows?commodity=copper&asOf=2025-06-30&period=2024&scenario=lobito-closed";
    const { page, errors } = await openPage(suite.browser, suite.served, link);
    const flows = requestsTo(page, "/api/reports/flows");
    await page.getByTestId("buyer-hhi").waitFor({ timeout: 60_000 });
    expect(await page.getByLabel("Commodity").inputValue()).toBe("copper");
    expect(await page.getByTestId("as-of").textContent()).toBe("2025-06-30");
    expect(await page.getByLabel("Period").inputValue()).toBe("2024");
    expect(await page.getByLabel("Scenario", { exact: true }).inputValue()).toBe("lobito-closed");
    const heading = await page.locator("h1").textContent();
    expect(heading).toContain("copper, 2024, as of 2025-06-30");
    expect(heading).toContain("Lobito");
    // The figures shown are the API's for exactly that view.
    const q = "commodity=copper&asOf=2025-06-30&period=2024&scenario=lobito-closed";
    const report = await apiJson<{ hhi: { byBuyerCountry: number | null } }>(
      suite.served,
      `/api/reports/flows?${q}`,
    );
    expect(await page.getByTestId("buyer-hhi").textContent()).toContain(
      Math.round(report.hhi.byBuyerCountry ?? Number.NaN).toLocaleString("en-US"),
    );
    for (const p of flows) {
      expect(p.get("period")).toBe("2024");
      expect(p.get("asOf")).toBe("2025-06-30");
    }
    // A focus is part of the address too: the graph opens on the entity it names.
    await page.goto(`${suite.served.url}/#/graph/cmoc?commodity=copper&asOf=2025-06-30`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("CMOC");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("back and forward step through the views, and the address always names the date", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    await expect.poll(() => page.url()).toContain(`asOf=${todayUtc()}`);
    await page.getByLabel("Commodity").selectOption("copper");
    await expect.poll(() => page.url()).toContain("commodity=copper");
    await page.getByRole("link", { name: "Deals" }).click();
    await page.getByTestId("deal-board").waitFor();
    expect(page.url()).toContain("#/deals?commodity=copper");
    await page.goBack();
    await expect.poll(() => page.url()).toContain("#/overview?commodity=copper");
    await expect.poll(() => page.getByLabel("Commodity").inputValue()).toBe("copper");
    await page.goBack();
    await expect.poll(() => page.getByLabel("Commodity").inputValue()).toBe("cobalt");
    await page.goForward();
    await expect.poll(() => page.getByLabel("Commodity").inputValue()).toBe("copper");
    await expect.poll(() => page.locator("h1").textContent()).toContain("copper");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("every figure on a page is read for the one period its heading states, and the period control changes it", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "flows");
    const flows = requestsTo(page, "/api/reports/flows");
    const routes = requestsTo(page, "/api/reports/routes");
    const control = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    await page.getByTestId("buyer-hhi").waitFor({ timeout: 60_000 });
    await page.getByTestId("sankey").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("page-period").textContent()).toBe(control.period);
    expect(flows.map((p) => p.get("period"))).toEqual([control.period]);
    expect(routes.map((p) => p.get("period"))).toEqual([control.period]);
    // The buyer HHI counts named buyers only: with an open market it says it is a lower bound.
    expect(await page.getByTestId("buyer-hhi-bound").textContent()).toContain("a lower bound");
    // The period control sits beside the date; choosing a year re-reads every figure for it.
    await page.getByLabel("Period").selectOption("2024");
    const slow = { timeout: 60_000 };
    await expect.poll(() => page.getByTestId("page-period").textContent(), slow).toBe("2024");
    await expect.poll(() => flows.map((p) => p.get("period")), slow).toContain("2024");
    await expect.poll(() => routes.map((p) => p.get("period")), slow).toContain("2024");
    expect(page.url()).toContain("period=2024");
    // The overview's control report is then read for 2024 as well.
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByTestId("country-table").waitFor();
    expect(await page.locator("h1").textContent()).toContain("2024");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("the date slider asks the API once it rests, and a loading state shows while it answers", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    const control = requestsTo(page, "/api/reports/control");
    // Answers come slowly: the loading state must be seen.
    await page.route("**/api/reports/control?**", async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    const slider = page.getByLabel("As of");
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowLeft");
    const shown = await page.getByTestId("as-of").textContent();
    expect(shown).not.toBe(todayUtc());
    await expect.poll(() => page.getByTestId("busy").textContent()).toBe("Loading…");
    expect(await page.locator(".page").getAttribute("aria-busy")).toBe("true");
    await expect.poll(() => page.getByTestId("busy").textContent(), { timeout: 30_000 }).toBe("");
    // Six key presses, one date asked for: the one the slider rested on.
    expect(control.map((p) => p.get("asOf"))).toEqual([shown]);
    expect(page.url()).toContain(`asOf=${shown}`);
    expect(await page.locator(".page").getAttribute("aria-busy")).toBe("false");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a read-only visitor sees the job buttons say a token is needed, and never meets a 401 from a button", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "scenarios");
    const refused: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 401 || r.status() === 403) refused.push(`${r.status()} ${r.url()}`);
    });
    const run = page.getByRole("button", { name: /Run Monte Carlo/ });
    await run.waitFor();
    expect(await run.isDisabled()).toBe(true);
    expect(await page.getByTestId("token-needed").textContent()).toContain(
      "Running a Monte Carlo needs an analyst token",
    );
    // The explanation is the button's description, read with it.
    const described = await run.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain("analyst token");
    await page.getByRole("link", { name: "Stockpile" }).click();
    const plan = page.getByRole("button", { name: /Plan purchases/ });
    await plan.waitFor({ timeout: 60_000 });
    expect(await plan.isDisabled()).toBe(true);
    expect(await page.getByTestId("token-needed").textContent()).toContain(
      "Planning purchases needs an analyst token",
    );
    // Signed in as an analyst, the buttons work and the explanation goes.
    await page.getByRole("button", { name: "Sign in with a token" }).click();
    await page.getByLabel(/API token/).fill(suite.served.token);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => plan.isDisabled()).toBe(false);
    expect(await page.getByTestId("token-needed").count()).toBe(0);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("no page speaks the API's or the CLI's words, for any commodity", async () => {
    const apiWords =
      /coverage\.missing|--[a-z]{3,}|usAccessible|[a-z]+[A-Z][a-z]+(Tonnes|Share)\b|\/api\/|orebook token/;
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    const commodities = await page
      .getByLabel("Commodity")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(commodities.length).toBeGreaterThan(4);
    const seen: string[] = [];
    for (const [hash, ready] of [
      ["overview", "country-table"],
      ["flows", "buyers"],
      ["map", "map"],
    ] as const)
      for (const c of commodities) {
        await page.goto(`${suite.served.url}/#/${hash}?commodity=${c}&asOf=${todayUtc()}`);
        await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
        await settled(page);
        const text = await page.locator("main").innerText();
        const words = apiWords.exec(text);
        if (words) seen.push(`${hash} ${c}: “${words[0]}”`);
        // Every commodity answers with figures or says why it has none, never a failure.
        const problems = await page.getByTestId("problem").allTextContents();
        for (const p of problems) seen.push(`${hash} ${c}: ${p}`);
      }
    for (const hash of ["graph", "deals", "scenarios", "stockpile"]) {
      await page.goto(`${suite.served.url}/#/${hash}?commodity=cobalt&asOf=${todayUtc()}`);
      await page.locator("h1").waitFor();
      await settled(page);
      const words = apiWords.exec(await page.locator("main").innerText());
      if (words) seen.push(`${hash}: “${words[0]}”`);
    }
    expect(seen).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);

  it("a problem shown clears once the request it belongs to succeeds", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor();
    let fail = true;
    await page.route("**/api/reports/control?**", (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: "application/problem+json",
            body: JSON.stringify({ title: "Service unavailable", status: 503, detail: "busy" }),
          })
        : route.continue(),
    );
    await page.getByLabel("Commodity").selectOption("zinc");
    await page.getByTestId("problem").first().waitFor();
    expect(await page.getByTestId("problem").first().textContent()).toContain(
      "Service unavailable",
    );
    fail = false;
    await page.getByLabel("Commodity").selectOption("copper");
    await page.getByTestId("country-table").waitFor();
    expect(await page.getByTestId("problem").count()).toBe(0);
    // Back to the commodity that failed: asked again, and shown.
    await page.goBack();
    await expect.poll(() => page.getByLabel("Commodity").inputValue()).toBe("zinc");
    await page.getByTestId("country-table").waitFor();
    expect(await page.getByTestId("problem").count()).toBe(0);
    // The 503s the test made are the only console errors.
    expect(errors.filter((e) => !e.includes("503"))).toEqual([]);
    await page.context().close();
  });

  it("tables sort, filter and export CSV and XLSX, with numbers right-aligned in their units and the company share explained", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    const table = page.getByTestId("country-table");
    await table.waitFor();
    const report = await apiJson<ControlReport>(
      suite.served,
      `/api/reports/control?commodity=cobalt&asOf=${todayUtc()}`,
    );
    const order = () =>
      table.locator("tbody tr").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-row")));
    // Sort by a number: largest first, then smallest first, then the API's order again.
    const header = table.getByRole("button", { name: /^Consolidated/ });
    await header.click();
    const byDesc = [...report.byCountry]
      .map((c, i) => ({ c, i }))
      .sort((a, b) => b.c.consolidatedShare - a.c.consolidatedShare || a.i - b.i)
      .map((x) => x.c.country);
    expect(await order()).toEqual(byDesc);
    const sorted = table.locator("th[aria-sort]");
    expect(await sorted.textContent()).toContain("Consolidated");
    expect(await sorted.getAttribute("aria-sort")).toBe("descending");
    await header.click();
    expect((await order())[0]).toBe(
      [...report.byCountry].sort((a, b) => a.consolidatedShare - b.consolidatedShare)[0]?.country,
    );
    await header.click();
    expect(await order()).toEqual(report.byCountry.map((c) => c.country));
    // Filter: words in any column.
    const first = report.byCountry[0];
    if (!first) throw new Error("no rows");
    await page.getByLabel(/^Filter cobalt .* shares by country/).fill(first.name);
    expect(await order()).toEqual([first.country]);
    // The files hold the rows shown, numbers as numbers.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /shares by country.* as XLSX/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe("Location");
    expect(sheet?.getRow(2).getCell(1).value).toBe(first.country);
    expect(sheet?.getRow(2).getCell(3).value).toBe(first.attributableShare);
    expect(sheet?.rowCount).toBe(2);
    await page.getByLabel(/^Filter cobalt .* shares by country/).fill("");
    // Numbers sit right-aligned with their unit.
    const cells = await table
      .locator("td.num")
      .evaluateAll((tds) =>
        tds.map((td) => [getComputedStyle(td).textAlign, td.textContent ?? ""]),
      );
    expect(cells.length).toBeGreaterThan(0);
    for (const [align, text] of cells) {
      expect(align).toBe("right");
      expect(text).toMatch(/( %| t|—)$/);
    }
    // The company share column says what it is a share of.
    const companies = page.locator("table", { hasText: "companies by attributable" });
    const shareHead = companies.locator("th", { hasText: "Share through its chain" });
    expect(await shareHead.getAttribute("title")).toContain("its own chain");
    expect(
      await page.locator(".column-help", { hasText: "Share through its chain" }).textContent(),
    ).toContain("does not add up to 100 %");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the time series chart the API's years 2018 to today with the events marked on the time axis", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "trends?commodity=cobalt");
    const s = await apiJson<ControlSeries>(
      suite.served,
      `/api/reports/series?commodity=cobalt&asOf=${todayUtc()}`,
    );
    expect(s.from).toBe(2018);
    expect(s.to).toBe(Number(todayUtc().slice(0, 4)));
    const volumes = page.getByTestId("series-volumes");
    await volumes.waitFor({ timeout: 60_000 });
    expect(await page.locator("h1").textContent()).toContain(`Over time, ${s.from}–${s.to}`);
    // Every year's output is a point whose hover text is the API's figure.
    for (const p of s.points) {
      const point = volumes.locator(`[data-point="produced-${p.year}"] title`);
      if (p.producedTonnes > 0)
        expect(await point.textContent()).toContain(
          `${Math.round(p.producedTonnes).toLocaleString("en-US")} t`,
        );
    }
    // The events: a mark each on every chart's time axis, in date order, with what happened.
    expect(s.events.length).toBeGreaterThan(0);
    expect(s.events.some((e) => e.kind === "ban")).toBe(true);
    for (const id of ["series-countries", "series-companies", "series-volumes", "series-hhi"]) {
      const marks = page.getByTestId(id).locator("[data-event]");
      expect(await marks.count()).toBe(s.events.length);
      const xs = await marks.evaluateAll((gs) =>
        gs.map((g) => Number(g.querySelector("line")?.getAttribute("x1"))),
      );
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      // Marks under the axis never overlap one another.
      const boxes = await marks.evaluateAll((gs) =>
        gs.map((g) => {
          const b = (g.querySelector("circle") as SVGGraphicsElement).getBoundingClientRect();
          return [b.left, b.top, b.right, b.bottom];
        }),
      );
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i] as number[], boxes[j] as number[]];
          const overlap =
            (a[0] as number) < (b[2] as number) - 0.5 &&
            (b[0] as number) < (a[2] as number) - 0.5 &&
            (a[1] as number) < (b[3] as number) - 0.5 &&
            (b[1] as number) < (a[3] as number) - 0.5;
          expect(overlap, `${id}: marks ${i + 1} and ${j + 1}`).toBe(false);
        }
    }
    const ban = s.events.findIndex((e) => e.kind === "ban");
    expect(
      await page.getByTestId("series-hhi").locator("[data-event] title").nth(ban).textContent(),
    ).toContain(`${s.events[ban]?.date}: ${s.events[ban]?.label}`);
    expect(await page.getByTestId("series-events").locator("tbody tr").count()).toBe(
      s.events.length,
    );
    // A year whose shares are of the recorded assets only (no national total) or that is not over
    // is drawn as a ring on every country line, and named above the charts.
    const weakYears = s.points
      .filter((p) => p.producedTonnes > 0 && (p.coverage.basis === "recorded" || !p.yearComplete))
      .map((p) => String(p.year));
    expect(weakYears).toContain(String(s.to));
    const rings = await page
      .getByTestId("series-countries")
      .locator('[data-uncertain="1"]')
      .evaluateAll((cs) => cs.map((c) => c.getAttribute("data-point")?.split("-").at(-1)));
    expect(new Set(rings)).toEqual(new Set(weakYears));
    expect(await page.getByTestId("series-basis").textContent()).toContain(String(s.to));
    // The four control views switch the country chart.
    await page.getByRole("button", { name: "De facto control", exact: true }).click();
    expect(await page.getByTestId("series-countries").getAttribute("aria-label")).toContain(
      "De facto control share",
    );
    await screenshot(page, "trends", true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a deal's effects are one evaluation: the Deals page, the Overview and the Scenario lab show the same numbers", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "deals");
    await page.getByTestId("deal-board").waitFor();
    await page.getByRole("button", { name: /Orion/ }).first().click();
    const onDeals = page.getByTestId("deal-deltas");
    await onDeals.waitFor({ timeout: 120_000 });
    const read = (list: ReturnType<Page["getByTestId"]>) =>
      list
        .locator("[data-delta]")
        .evaluateAll((lis) =>
          lis.map((li) => [li.getAttribute("data-delta"), li.querySelector("strong")?.textContent]),
        );
    const fromDeals = await read(onDeals);
    expect(fromDeals.length).toBeGreaterThan(0);
    // The Overview with the shipped scenario that closes the same deal.
    await page.goto(
      `${suite.served.url}/#/overview?commodity=cobalt&asOf=${todayUtc()}&scenario=orion-cmc-closes`,
    );
    const onOverview = page.getByTestId("scenario-deltas");
    await onOverview.waitFor({ timeout: 120_000 });
    expect(await read(onOverview)).toEqual(fromDeals);
    // The Scenario lab's comparison of it: the same change in every row shown.
    await page.getByRole("link", { name: "Scenario lab", exact: true }).click();
    await page.getByRole("checkbox", { name: /Orion CMC closes/ }).check();
    await page.getByRole("button", { name: /^Compare 1 scenario/ }).click();
    await page.getByTestId("comparison-table").waitFor({ timeout: 120_000 });
    for (const [id, delta] of fromDeals)
      expect(await page.getByTestId(`cmp-0-${id}`).textContent()).toContain(`(${delta})`);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("the Overview's scenario evaluated on its period: outages dated where its records have no figure are said to change nothing, never refused", async () => {
    for (const id of ["montecarlo-risks", "rebellion-advances"]) {
      const { page, errors } = await openPage(
        suite.browser,
        suite.served,
        `overview?commodity=cobalt&asOf=${todayUtc()}&scenario=${id}`,
      );
      const idle = page.getByTestId("scenario-deltas-idle");
      await idle.waitFor({ timeout: 120_000 });
      await page.getByTestId("scenario-deltas").waitFor();
      expect(await idle.textContent()).toMatch(
        /so (it changes|they change) nothing on this date and period/,
      );
      expect(await idle.textContent()).toContain("2026-Q2");
      expect(await page.getByTestId("problem").count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 300_000);

  it("page switches are timed from the click to the page's settled content (reported; target under 500 ms)", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "overview");
    await page.getByTestId("country-table").waitFor({ timeout: 120_000 });
    await settled(page);
    // Once the Overview is settled the dashboard reads ahead: the other pages' code and the
    // first figures each asks for. How long that takes on a fresh server is reported too.
    const aheadFrom = Date.now();
    await page
      .locator('[data-testid="busy"][data-read-ahead="1"]')
      .waitFor({ state: "attached", timeout: 180_000 });
    const readAheadMs = Date.now() - aheadFrom;
    // What shows that each page's content is drawn (not a loading note): its figures or table.
    const ready: [string, string, string][] = [
      ["Over time", "trends", '[data-testid="series-hhi"]'],
      ["Map", "map", '[data-testid="map"]'],
      ["Ownership graph", "graph", '[data-testid="graph"] canvas , [data-testid="look-holdings"]'],
      ["Flows", "flows", '[data-testid="buyer-hhi"]'],
      ["Deals", "deals", '[data-testid="deal-board"]'],
      ["Scenario lab", "scenarios", '[data-testid="scenario-list"]'],
      ["Stockpile", "stockpile", '[data-testid="stockpile-table"]'],
      ["Overview", "overview", '[data-testid="country-table"]'],
    ];
    const apiCalls: string[] = [];
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith("/api/")) apiCalls.push(`${u.pathname}${u.search}`);
    });
    type Times = { first: number; again: number; firstWall: number; againWall: number };
    const times: Record<string, Times> = {};
    const asked: Record<string, string[]> = {};
    for (const round of ["first", "again"] as const)
      for (const [label, id, selector] of ready) {
        const link = page.getByRole("link", { name: label, exact: true });
        // Timed in the page: from the click to the frame after the content is there and no
        // request is under way (the header's loading state off).
        await link.evaluate((a, sel) => {
          const w = window as unknown as { __switch?: Promise<number> };
          w.__switch = new Promise<number>((done) => {
            a.addEventListener(
              "click",
              () => {
                const t = performance.now();
                const check = () => {
                  const drawn = sel.split(" , ").every((one) => document.querySelector(one));
                  const idle = document.querySelector('[data-testid="busy"][data-busy="0"]');
                  if (!drawn || !idle) return;
                  obs.disconnect();
                  requestAnimationFrame(() => done(performance.now() - t));
                };
                const obs = new MutationObserver(check);
                obs.observe(document.body, { subtree: true, childList: true, attributes: true });
                check();
              },
              { capture: true, once: true },
            );
          });
        }, selector);
        apiCalls.length = 0;
        const t0 = Date.now();
        await link.click();
        const inPage = await page.evaluate(
          () => (window as unknown as { __switch: Promise<number> }).__switch,
        );
        for (const one of selector.split(" , ")) await page.locator(one).first().waitFor();
        await settled(page);
        const wall = Date.now() - t0;
        const t = times[id] ?? { first: 0, again: 0, firstWall: 0, againWall: 0 };
        t[round] = Math.round(inPage);
        t[round === "first" ? "firstWall" : "againWall"] = wall;
        times[id] = t;
        if (round === "first") asked[id] = [...apiCalls];
      }
    // Reported, not asserted: the times and the machine's load go to stdout and to
    // test-output/page-switch-times.json (not tracked); the 500 ms target is the benchmark's.
    const record = {
      at: new Date().toISOString(),
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
      cpus: cpus().length,
      dataset: "drc (reference dataset)",
      measured:
        "first and again: in the page, from the click to the frame after the content is drawn with no request under way; firstWall and againWall: the same seen from the test (click to content and settled, with the driver's round trips)",
      readAheadMs,
      times,
    };
    mkdirSync(join(ROOT, "test-output"), { recursive: true });
    writeFileSync(
      join(ROOT, "test-output", "page-switch-times.json"),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    const table = Object.entries(times)
      .map(([id, t]) => `${id} ${t.first}/${t.again} (${t.firstWall}/${t.againWall})`)
      .join(", ");
    console.info(
      `page switch times, first/again ms in the page (as seen by the test): ${table}; read ahead in ${readAheadMs} ms; load average ${record.loadAverage.join(" ")} on ${record.cpus} CPUs`,
    );
    expect(Object.keys(times)).toHaveLength(ready.length);
    // The read-ahead asked for what each page asks for on opening: no page waits for the API
    // on its first visit.
    expect(asked).toEqual(Object.fromEntries(ready.map(([, id]) => [id, []])));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
