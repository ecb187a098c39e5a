/**
 * Reading ahead: once the page shown has its figures and the browser is idle, the dashboard
 * loads the other pages' code and asks for what each page asks for first with the same
 * selection, one request at a time, so opening a page finds its code and its first figures in
 * hand (the server computes a report once per dataset revision; the browser keeps the answer for
 * the page load). Each read here is the one its page makes on opening (same path and query; the
 * e2e page-switch test checks that a page opened after the read-ahead asks the API for nothing).
 */
import { type ApiGetPath, prefetchJson } from "./api.js";
import type { paths } from "./api-types.js";
import type { PageId, Selection } from "./selection.js";

type Read = [path: ApiGetPath, query: Record<string, string | undefined>];

/** The graph's centre when the address names none (see pages/graph.tsx). */
export const DEFAULT_GRAPH_CENTRE = "gecamines";

/** What each page asks the API for when it opens with `sel` (and no choice made on it yet). */
export function firstReads(page: PageId, sel: Selection): Read[] {
  const { commodity, asOf, capabilities: caps, reportQuery } = sel;
  const has = (path: keyof paths) => caps.has("get", path);
  const shipped = new Set(sel.scenarios.flatMap((s) => (s.shippedId ? [s.shippedId] : [])));
  const scenario =
    sel.scenario !== undefined && shipped.has(sel.scenario) ? sel.scenario : undefined;
  const out: Read[] = [];
  switch (page) {
    case "trends":
      if (has("/api/reports/series")) out.push(["/api/reports/series", { commodity, asOf }]);
      break;
    case "map":
      out.push(["/api/reports/control", sel.controlQuery]);
      if (has("/api/reports/territory")) out.push(["/api/reports/territory", { asOf }]);
      if (has("/api/reports/de-facto-series")) out.push(["/api/reports/de-facto-series", { asOf }]);
      if (has("/api/reports/routes") && reportQuery) out.push(["/api/reports/routes", reportQuery]);
      break;
    case "graph":
      out.push(["/api/reports/lookthrough", { entity: DEFAULT_GRAPH_CENTRE, asOf }]);
      break;
    case "flows":
      if (reportQuery) {
        const q = { ...reportQuery, scenario };
        if (has("/api/reports/routes")) out.push(["/api/reports/routes", q]);
        if (has("/api/reports/flows")) out.push(["/api/reports/flows", q]);
      }
      break;
    case "deals":
      out.push(["/api/deals", { asOf }]);
      break;
    case "stockpile": {
      // The stockpile page's first holder: the one the API measures when none is named.
      const holder = sel.snapshot?.defaultStockpile;
      if (has("/api/reports/stockpile") && holder)
        out.push(["/api/reports/stockpile", { holder, asOf, scenario: scenario || undefined }]);
      break;
    }
    case "overview":
    case "scenarios":
      break;
  }
  return out;
}

/**
 * Loads `code` (each page's) and then every page's first reads but `current`'s, one at a time,
 * until done or `cancelled()`; resolves true when all were read.
 */
export async function readAhead(
  current: PageId,
  sel: Selection,
  pages: readonly PageId[],
  code: readonly (() => Promise<unknown>)[],
  cancelled: () => boolean,
): Promise<boolean> {
  await Promise.all(code.map((load) => load().catch(() => undefined)));
  for (const page of pages) {
    if (page === current) continue;
    for (const [path, query] of firstReads(page, sel)) {
      if (cancelled()) return false;
      await prefetchJson(path, query);
    }
  }
  return !cancelled();
}
