/**
 * Known-at on the shipped dataset: the reference data loaded on first start is known from its
 * sources' dates, so a server answers "what was public then" (issue 18).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDefaultLedger } from "../app/open-default-ledger.js";
import type { Ledger } from "../ledger/ledger.js";
import { createApp } from "./app.js";
import { TokenStore } from "./token-store.js";

let ledger: Ledger;
let tokens: TokenStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  ledger = await openDefaultLedger({ db: ":memory:", env: {} });
  tokens = await TokenStore.open({ db: ":memory:" });
  app = createApp({ ledger, tokens, publicRead: true });
});
afterAll(async () => {
  await app.services.jobs.close();
  await app.services.compute.close();
  await tokens.close();
  await ledger.close();
});

async function companies(knownAt: string): Promise<string[]> {
  const res = await app.request(
    `/api/reports/control?commodity=copper&asOf=2025-12-31&knownAt=${knownAt}`,
  );
  expect(res.status).toBe(200);
  const r = (await res.json()) as { byCompany: { id: string }[] };
  return r.byCompany.map((c) => c.id);
}

describe("known-at on the reference dataset loaded on first start", () => {
  it("a stake whose sources were published in September 2025 is absent on 2025-06-30 and present on 2025-12-31", async () => {
    // stake-ivanhoe-qia: QIA's 4% of Ivanhoe Mines, from two reports of September 2025.
    const v = await ledger.history("drc", "stake-ivanhoe-qia");
    expect(v.map((x) => x.recordedAt)).toEqual(["2025-09-30T00:00:00.000Z"]);
    expect(await companies("2025-06-30")).not.toContain("qatar-investment-authority");
    expect(await companies("2025-12-31")).toContain("qatar-investment-authority");
  });

  it("every record is known no later than the load and no record names one not yet known", async () => {
    const early = await ledger.datasetAt("drc", { knownAt: "2020-12-31" });
    const ids = new Set([...early.entities, ...early.assets].map((x) => x.id as string));
    expect(ids.size).toBeGreaterThan(0);
    for (const s of early.stakes) {
      expect(ids.has(s.owner)).toBe(true);
      expect(ids.has(s.owned)).toBe(true);
    }
    const now = await ledger.datasetAt("drc");
    const later = await ledger.datasetAt("drc", { knownAt: "2999-12-31" });
    expect(later.stakes.length).toBe(now.stakes.length);
  });
});
