import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stockpileMetricsFn } from "../scenario/stockpile-metrics.js";
import { _stockpileWorld } from "./_test-stockpile-world.js";
import { stockpileShortfall } from "./stockpile-shortfall.js";

const days2026 = 365;

describe("stockpileShortfall()", () => {
  it("stockpileShortfall() is need less DRC reach, month by month", () => {
    // Reach in January: (1,200 + 2,400) t × 31/365 (US buyer share + open market) = 305.75 t
    const w = _stockpileWorld({ asOf: "2026-01-10", cobaltNetImports: 6000 });
    const s = stockpileShortfall(w, { holder: "vault", commodities: ["cobalt"] });
    const jan = s.commodities[0]?.months[0];
    expect(jan?.reachTonnes).toBeCloseTo((3600 * 31) / days2026, 6);
    expect(jan?.allocatedTonnes).toBeCloseTo((600 * 31) / days2026, 6);
    expect(jan?.shortfallTonnes).toBeCloseTo(500 - (3600 * 31) / days2026, 6);
    // Over the year: 6,000 − 3,600 = 2,400 t, covered at $50,000/t
    expect(s.commodities[0]?.shortfallTonnes).toBeCloseTo(2400, 6);
    expect(s.commodities[0]?.coverUsd).toBeCloseTo(2400 * 50_000, 1);
    expect(s.commodities[0]?.price?.record).toBe("price-co");
  });

  it("stockpileShortfall() under a ban with a baseline counts the supply lost only", () => {
    const base = _stockpileWorld({ asOf: "2026-01-10" });
    const ban = _stockpileWorld({ asOf: "2026-01-10", ban: true });
    const s = stockpileShortfall(ban, { holder: "vault", baseline: base, commodities: ["cobalt"] });
    const c = s.commodities[0];
    expect(c?.supplyLostTonnes).toBeCloseTo(3600, 6);
    expect(c?.shortfallTonnes).toBeCloseTo(3600, 6);
    const none = stockpileShortfall(base, { holder: "vault", baseline: base }).commodities[0];
    expect(none?.shortfallTonnes).toBeCloseTo(0, 9);
  });

  it("stockpileShortfall() leaves the shortfall unknown without net-import tonnes", () => {
    const w = _stockpileWorld({ asOf: "2026-01-10", cobaltNetImports: null });
    const c = stockpileShortfall(w, { holder: "vault", commodities: ["cobalt"] }).commodities[0];
    expect(c?.shortfallTonnes).toBeNull();
    expect(c?.coverUsd).toBeNull();
    expect(c?.notes[0]).toMatch(/^cobalt: needs net-import tonnes \(not in the sources\)/);
  });

  it("stockpileShortfall() rises under a ban, whatever the need", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), (need) => {
        const opts = { holder: "vault", commodities: ["cobalt" as const], need: { cobalt: need } };
        const base = stockpileShortfall(_stockpileWorld({ asOf: "2026-01-10" }), opts);
        const ban = stockpileShortfall(_stockpileWorld({ asOf: "2026-01-10", ban: true }), opts);
        const b = base.commodities[0]?.shortfallTonnes ?? Number.NaN;
        const d = ban.commodities[0]?.shortfallTonnes ?? Number.NaN;
        expect(d).toBeGreaterThanOrEqual(b - 1e-9);
        // The need is spread evenly over the months and the reach by days: once the need
        // exceeds the reach of every month (the longest: 3,600 t × 31/365), the ban's whole
        // 3,600 t adds to the shortfall. (Between 3,600 and ~3,669 t a year, short months
        // already fall short without the ban, so less is added.)
        if (need / 12 >= (3600 * 31) / days2026) expect(d - b).toBeCloseTo(3600, 6);
      }),
      { numRuns: 20 },
    );
  });

  it("stockpileMetricsFn() gives the scenario engine months covered, reach, shortfall and cover", () => {
    const w = _stockpileWorld({ asOf: "2026-01-10" });
    const ms = stockpileMetricsFn({ holder: "vault" })(w, "cobalt", null);
    expect(ms.map((m) => m.id)).toEqual([
      "cobalt.stockpile.months-covered",
      "cobalt.stockpile.reach",
      "cobalt.stockpile.shortfall",
      "cobalt.stockpile.cover-usd",
    ]);
    expect(ms[0]?.value).toBeNull();
    expect(ms[1]?.value).toBeCloseTo(3600, 6);
    expect(ms[2]?.value).toBeCloseTo(2400, 6);
  });
});
