/**
 * The territory routes on the reference dataset: the held areas move with asOf (Goma and Bukavu
 * from early 2025), each site names its record and basis, and the series agrees with the control
 * report year by year.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ControlReport } from "../engine/ownership/control-report.js";
import type { DeFactoSeries } from "../engine/ownership/de-facto-series.js";
import type { HeldAreasReport } from "../engine/ownership/held-areas.js";
import { type Fixture, fixture } from "./_test-server.js";

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f.close();
});

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await f.app.request(url, { headers: f.auth("viewer") });
  return { status: res.status, body: (await res.json()) as T };
}

describe("GET /api/reports/territory", () => {
  test("draws Goma and Bukavu as held whole from early 2025, not at the end of 2024", async () => {
    const whole = (r: HeldAreasReport) =>
      r.areas.flatMap((a) => a.units.filter((u) => u.held === "whole").map((u) => u.name)).sort();
    const before = await get<HeldAreasReport>("/api/reports/territory?asOf=2024-12-31");
    const after = await get<HeldAreasReport>("/api/reports/territory?asOf=2025-03-31");
    expect(before.status).toBe(200);
    expect(whole(before.body)).toEqual([]);
    expect(whole(after.body)).toEqual(["Bukavu", "Goma"]);
    const goma = after.body.areas.find((a) => a.territory === "afc-m23-goma");
    expect(goma?.units[0]?.boundary?.sources).toContain("geoboundaries-cod-adm2");
    expect(goma?.sources.length).toBeGreaterThan(0);
  });

  test("places each held site with its record and basis", async () => {
    const r = await get<HeldAreasReport>("/api/reports/territory?asOf=2025-12-31");
    const rubaya = r.body.sites.find((s) => s.asset === "rubaya");
    expect(rubaya?.deFactoBy?.territory).toBe("afc-m23-masisi");
    expect(rubaya?.deFactoBy?.basis).toBe("named");
    expect(r.body.sites.find((s) => s.asset === "bisie")?.deFactoBy).toBeUndefined();
  });
});

describe("GET /api/reports/de-facto-series", () => {
  test("gives one point a year per commodity, equal to the control report's armed-group share", async () => {
    const r = await get<DeFactoSeries>(
      "/api/reports/de-facto-series?asOf=2026-06-30&commodities=tantalum,tin&from=2023&to=2025",
    );
    expect(r.status).toBe(200);
    expect(r.body.commodities.map((c) => [c.commodity, c.points.map((p) => p.year)])).toEqual([
      ["tantalum", [2023, 2024, 2025]],
      ["tin", [2023, 2024, 2025]],
    ]);
    for (const c of r.body.commodities)
      for (const p of c.points) {
        if (p.share === null) continue;
        const report = await get<ControlReport>(
          `/api/reports/control?commodity=${c.commodity}&asOf=${p.asOf}&period=${p.year}&basis=recorded`,
        );
        const armed = report.body.byCountry
          .filter((x) => x.country.startsWith("armed-group:"))
          .reduce((s, x) => s + x.deFactoShare, 0);
        expect(p.share).toBeCloseTo(armed, 12);
      }
    const ta2024 = r.body.commodities[0]?.points[1];
    expect(ta2024?.share).toBe(1);
  });

  test("refuses years out of order with a clear message", async () => {
    const res = await f.app.request("/api/reports/de-facto-series?from=2026&to=2018", {
      headers: f.auth("viewer"),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail?: string }).detail).toBe(
      "The series ends (2018) before it starts (2026)",
    );
    const bad = await f.app.request("/api/reports/de-facto-series?commodities=tin,unobtainium", {
      headers: f.auth("viewer"),
    });
    expect(bad.status).toBe(400);
  });
});
