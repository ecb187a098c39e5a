import { describe, expect, test } from "vitest";
import type { Deal } from "../model/deal.js";
import type { RecordId, SourceId } from "../model/ids.js";
import { testDataset } from "./_test-world.js";
import { distributionsFrom, monteCarloPlanFrom, monteCarloRange, prngFrom } from "./monte-carlo.js";
import { scenarioSchema } from "./scenario-schema.js";

function dataset() {
  const ds = testDataset({
    entities: [
      ["cmoc", "company", "CN"],
      ["glencore", "company", "CH"],
      ["orion", "fund", "US"],
    ],
    assets: [
      ["tfm", "CD", ["cobalt"], "Lualaba", "Fungurume"],
      ["kcc", "CD", ["cobalt"], "Lualaba", "Mutshatsha"],
    ],
    stakes: [
      ["cmoc", "tfm", 0.8],
      ["glencore", "kcc", 0.75],
    ],
    production: [
      ["tfm", "cobalt", "2025", 60_000],
      ["kcc", "cobalt", "2025", 30_000],
    ],
  });
  const deal: Deal = {
    id: "sale" as RecordId,
    name: "Sale",
    parties: [{ entity: "orion" as never, role: "buyer" }],
    status: "negotiating",
    statusHistory: [
      { date: "2026-01-01" as never, status: "negotiating", sources: ["test-source" as SourceId] },
    ],
    conditions: [],
    valuationUsd: null,
    probability: null,
    effects: [
      {
        kind: "stake-transfer",
        from: "cmoc" as never,
        to: "orion" as never,
        owned: "tfm" as never,
        share: 0.8,
      },
    ],
    sources: ["test-source" as SourceId],
    asOf: "2026",
  };
  ds.deals.push(deal);
  return ds;
}

const scenario = (changes: unknown[]) =>
  scenarioSchema.parse({ name: "MC", baseDate: "2026-03-01", changes });

describe("Monte Carlo", () => {
  test("prngFrom() gives the same stream for the same seed and run, another for another", () => {
    const a = prngFrom(1, 7);
    const b = prngFrom(1, 7);
    const c = prngFrom(1, 8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toEqual(xs[0]);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  test("the same seed gives the same distribution, however the runs are split", () => {
    const ds = dataset();
    const s = scenario([
      { kind: "deal-closes", deal: "sale", probability: 0.4 },
      {
        kind: "territory-taken",
        controller: "glencore",
        province: "Lualaba",
        territories: ["Mutshatsha"],
        probability: 0.25,
      },
      { kind: "production-outage", asset: "tfm", factor: 0.5, probability: 0.1, group: "war" },
      { kind: "production-outage", asset: "kcc", factor: 0.5, probability: 0.1, group: "war" },
    ]);
    const plan = monteCarloPlanFrom(ds, s, { commodity: "cobalt", seed: 1 });
    expect(plan.events.map((e) => [e.name, e.changes])).toEqual([
      ["change 0", [0]],
      ["change 1", [1]],
      ["war", [2, 3]],
    ]);
    const whole = monteCarloRange(ds, plan, 0, 2000);
    const split = new Float64Array(whole.length);
    const k = whole.length / 2000;
    for (const [from, to] of [
      [0, 700],
      [700, 1333],
      [1333, 2000],
    ] as const)
      split.set(monteCarloRange(ds, plan, from, to), from * k);
    expect(split).toEqual(whole);
    expect(distributionsFrom(monteCarloRange(ds, plan, 0, 2000))).toEqual(distributionsFrom(whole));
    const other = monteCarloRange(ds, { ...plan, seed: 2 }, 0, 2000);
    expect(other).not.toEqual(whole);
  });

  test("the drawn frequencies follow the probabilities", () => {
    const ds = dataset();
    const plan = monteCarloPlanFrom(
      ds,
      scenario([{ kind: "deal-closes", deal: "sale", probability: 0.4 }]),
      { commodity: "cobalt", seed: 42 },
    );
    const values = monteCarloRange(ds, plan, 0, 5000);
    const [, cn] = distributionsFrom(values);
    // China controls TFM (60 kt of 90 kt) unless the sale closes.
    expect(cn?.p10).toBeCloseTo(0, 12);
    expect(cn?.p90).toBeCloseTo(2 / 3, 12);
    expect(cn?.mean).toBeGreaterThan((2 / 3) * 0.57);
    expect(cn?.mean).toBeLessThan((2 / 3) * 0.63);
  });

  test("a deal with no probability anywhere is an error, never a guess", () => {
    expect(() =>
      monteCarloPlanFrom(dataset(), scenario([{ kind: "deal-closes", deal: "sale" }]), {
        commodity: "cobalt",
        seed: 1,
      }),
    ).toThrow(/cannot run as a Monte Carlo/);
  });

  test("the stockpile shortfall is not computed (no value, not zero)", () => {
    const ds = dataset();
    const plan = monteCarloPlanFrom(ds, scenario([]), { commodity: "cobalt", seed: 1 });
    const d = distributionsFrom(monteCarloRange(ds, plan, 0, 10));
    expect(d[3]).toMatchObject({ metric: "stockpileShortfallTonnes", n: 0, p50: null });
  });
});
