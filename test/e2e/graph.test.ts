/**
 * The ownership graph in Chromium (issue 21): find by name with suggestions, filters by share and
 * levels, expand and collapse, a stake's dated statements, chains between two nodes with the
 * API's look-through share, PNG and SVG export, and labels that never overlap at 1280 and 390 px.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiJson,
  missingPrerequisite,
  openPage,
  pct,
  screenshot,
  servedBrowser,
  todayUtc,
} from "./_harness.js";

const missing = missingPrerequisite();
if (missing) console.warn(`NOTICE: ownership graph browser tests skipped: ${missing}`);

interface Box {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The graph's size, once drawn. */
async function graphSize(page: Page): Promise<{ nodes: number; edges: number }> {
  await expect
    .poll(() => page.evaluate("window.__orebookGraph && window.__orebookGraph.nodes"), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  return (await page.evaluate(
    "({ nodes: window.__orebookGraph.nodes, edges: window.__orebookGraph.edges })",
  )) as { nodes: number; edges: number };
}

/** Pairs of drawn labels whose boxes overlap. */
async function overlappingLabels(page: Page): Promise<string[]> {
  const boxes = (await page.evaluate("window.__orebookGraph.labels()")) as Box[];
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      if (a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1)
        out.push(`${a.id} × ${b.id}`);
    }
  return out;
}

describe.skipIf(missing !== undefined)("ownership graph in Chromium", () => {
  const suite = servedBrowser();

  it("finds a node by name from suggestions, and filters by share and levels", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "graph/gecamines");
    await graphSize(page);
    const find = page.getByRole("combobox", { name: "Find" });
    await find.fill("tenke");
    const option = page.locator('[role="option"][data-node="tenke-fungurume"]');
    await option.waitFor();
    expect(await find.getAttribute("aria-expanded")).toBe("true");
    // Keyboard: the first suggestion is active; Enter takes it.
    await find.press("Enter");
    await expect.poll(() => page.url()).toContain("#/graph/tenke-fungurume");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Tenke");
    const all = await graphSize(page);
    await page.getByLabel("Levels of owners").selectOption("1");
    await expect.poll(async () => (await graphSize(page)).nodes).toBeLessThan(all.nodes);
    expect(page.url()).toContain("up=1");
    await page.getByLabel("Levels of owners").selectOption("6");
    await expect.poll(async () => (await graphSize(page)).nodes).toBe(all.nodes);
    await page.getByLabel("Smallest stake shown").selectOption("0.25");
    await expect.poll(async () => (await graphSize(page)).edges).toBeLessThan(all.edges);
    expect(page.url()).toContain("minShare=0.25");
    // The address keeps the filters: a reload shows the same graph.
    const filtered = await graphSize(page);
    await page.reload();
    await expect.poll(async () => (await graphSize(page)).edges).toBe(filtered.edges);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("expands and collapses a node's neighbours, and shows a stake's dated statements and versions", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "graph/cmoc?down=1");
    const before = await graphSize(page);
    const snap = await apiJson<{
      records: {
        stakes: { id: string; owner: string; owned: string; share: number; sources: string[] }[];
      };
    }>(suite.served, `/api/snapshot?asOf=${todayUtc()}`);
    // A holding one level down with holdings of its own: expanding it brings them.
    const record = snap.records.stakes.find(
      (s) => s.owner === "cmoc" && snap.records.stakes.some((t) => t.owner === s.owned),
    );
    if (!record) throw new Error("CMOC holds nothing that holds something");
    const owned = record.id;
    await page.getByTestId("direct-stakes").locator(`[data-row="${owned}"] button`).click();
    const panel = page.getByTestId("stake-panel");
    await panel.waitFor();
    expect(await panel.getByTestId("stake-statements").textContent()).toContain(pct(record.share));
    const history = await apiJson<{ items: { version: number }[] }>(
      suite.served,
      `/api/records/stakes/${owned}/history`,
    );
    await panel.getByTestId("stake-versions").waitFor();
    expect(await panel.getByTestId("stake-versions").locator("li").count()).toBe(
      history.items.length,
    );
    // Click the held node: its panel offers to expand it.
    await page.evaluate(`window.__orebookGraph.tap(${JSON.stringify(record.owned)})`);
    await page.getByTestId("node-panel").waitFor();
    await page.getByRole("button", { name: "Expand its owners and holdings" }).click();
    await expect.poll(async () => (await graphSize(page)).nodes).toBeGreaterThan(before.nodes);
    await page.getByRole("button", { name: "Collapse its neighbours" }).click();
    await expect.poll(async () => (await graphSize(page)).nodes).toBe(before.nodes);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lists every chain from a holder to an asset with the API's look-through share, and draws them", async () => {
    const { page, errors } = await openPage(suite.browser, suite.served, "graph/cmoc");
    await graphSize(page);
    const chains = await apiJson<{
      chains: { ids: string[]; share: number }[];
      lookThrough: { share: number } | null;
    }>(suite.served, `/api/reports/chains?from=cmoc&to=tenke-fungurume&asOf=${todayUtc()}`);
    expect(chains.chains.length).toBeGreaterThan(0);
    await page.getByRole("combobox", { name: "Held entity or asset" }).fill("Tenke");
    await page.locator('[role="option"][data-node="tenke-fungurume"]').click();
    await page.getByTestId("chain-table").waitFor();
    expect(page.url()).toContain("to=tenke-fungurume");
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBe(
      chains.chains.length,
    );
    for (const c of chains.chains)
      expect(await page.getByTestId(`chain-${c.ids.join(">")}`).textContent()).toBe(pct(c.share));
    expect(await page.getByTestId("chains-lookthrough").textContent()).toBe(
      chains.lookThrough ? pct(chains.lookThrough.share) : "none",
    );
    await screenshot(page, "graph-chains");
    // PNG and SVG of the picture.
    const png = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export PNG" }).click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toMatch(/^ownership-cmoc-.*\.png$/);
    expect(
      readFileSync(await pngFile.path())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const svg = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export SVG" }).click();
    const text = readFileSync(await (await svg).path(), "utf8");
    expect(text).toContain("<svg");
    expect(text).toContain("CMOC");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ])
    it(`draws no label over another at ${size.width} px`, async () => {
      for (const centre of ["gecamines", "cmoc", "glencore", "kamoto-copper-company"]) {
        const { page, errors } = await openPage(
          suite.browser,
          suite.served,
          `graph/${centre}`,
          size,
        );
        await graphSize(page);
        const drawn = (await page.evaluate("window.__orebookGraph.labels()")) as Box[];
        expect(drawn.length, centre).toBeGreaterThan(0);
        expect(await overlappingLabels(page), centre).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
});
