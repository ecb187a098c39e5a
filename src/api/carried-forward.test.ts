import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CARRY_MAX_AGE_YEARS } from "../engine/common/production-carry-forward.js";
import type { ControlReport } from "../engine/ownership/control-report.js";
import { type Fixture, fixture } from "./_test-server.js";

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f.close();
});

async function control(query: string): Promise<ControlReport> {
  const res = await f.app.request(`/api/reports/control?${query}`, { headers: f.auth("viewer") });
  expect(res.status).toBe(200);
  return (await res.json()) as ControlReport;
}

describe("the control report's carried-forward view on the reference data", () => {
  test("copper 2025: a higher coverage of recorded plus carried tonnes, nothing older than two years, the headline unchanged", async () => {
    const r = await control("commodity=copper&period=2025&asOf=2025-12-31");
    const v = r.carriedForward;
    if (!v) throw new Error("no carried-forward view");
    const national = r.coverage.nationalTonnes as number;
    expect(national).toBeGreaterThan(0);
    expect(v.coverage.nationalTonnes).toBe(national);
    expect(v.coverage.share as number).toBeGreaterThan(r.coverage.share as number);
    expect(v.coverage.share as number).toBeCloseTo(
      (r.coverage.recordedTonnes + v.carriedTonnes) / national,
      9,
    );
    expect(v.carriedTonnes).toBeCloseTo(
      v.assets.reduce((t, a) => t + a.tonnes, 0),
      6,
    );
    // Only producers listed as missing, none older than the limit, each with its record.
    const missing = new Set(r.coverage.missing.map((m) => m.asset));
    for (const a of v.assets) {
      expect(a.ageYears).toBeGreaterThanOrEqual(1);
      expect(a.ageYears).toBeLessThanOrEqual(CARRY_MAX_AGE_YEARS);
      expect(2025 - Number(a.period.slice(0, 4))).toBe(a.ageYears);
      for (const id of a.assets) expect(missing.has(id)).toBe(true);
      expect(a.sources.length).toBeGreaterThan(0);
    }
    const carried = r.staleInputs.filter((s) => s.view === "carried-forward");
    expect(carried.map((s) => s.record).sort()).toEqual(v.assets.map((a) => a.record).sort());
    // The headline stays the actual-figures view: its tonnes are the assets' and no carried figure.
    expect(r.totalTonnes).toBeCloseTo(
      r.assets.reduce((t, a) => t + a.tonnes, 0),
      6,
    );
    const carriedRecords = new Set(v.assets.map((a) => a.record));
    for (const a of r.assets)
      for (const rec of a.records) expect(carriedRecords.has(rec)).toBe(false);
    expect(r.coverage.share as number).toBeCloseTo(r.totalTonnes / national, 9);
    // Every share of the view is of the same national total, the residual included.
    const sum = v.byCountry.reduce((t, x) => t + x.consolidatedShare, 0);
    expect(sum).toBeCloseTo(1, 9);
  });
});
