import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Deal } from "../../model/deal.js";
import type { RecordId, SourceId } from "../../model/ids.js";
import { testDataset } from "../common/_test-world.js";
import {
  datasetUncertaintyScenario,
  distributionsFrom,
  drawOf,
  histogramOf,
  monteCarloPlanFrom,
  monteCarloRange,
  prngFrom,
} from "./monte-carlo.js";
import { inertChanges } from "./monte-carlo-relevance.js";
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

  test("a histogram puts every run in one bin, the bins spanning min to max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          const h = histogramOf(sorted);
          expect(h.reduce((s, b) => s + b.count, 0)).toBe(xs.length);
          expect(h[0]?.from).toBe(sorted[0]);
          expect(h.at(-1)?.to).toBe(sorted[sorted.length - 1]);
          expect(h.length).toBeLessThanOrEqual(Math.max(1, new Set(xs).size));
          for (const [i, b] of h.entries())
            if (i > 0) expect(b.from).toBeCloseTo(h[i - 1]?.to ?? 0, 6);
        },
      ),
    );
    expect(histogramOf(Float64Array.from([3, 3, 3]))).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(histogramOf(Float64Array.from([0, 0, 0, 10]))).toEqual([
      { from: 0, to: 5, count: 3 },
      { from: 5, to: 10, count: 1 },
    ]);
  });

  test("without a scenario, a pending deal takes the dataset's probability, else the analyst prior, else is not drawn", () => {
    const ds = dataset();
    const priors = scenarioSchema.parse({
      name: "Priors",
      baseDate: "2026-03-01",
      period: "2025",
      changes: [
        { kind: "deal-closes", deal: "sale", probability: 0.3, assumption: "Analyst prior" },
        { kind: "production-outage", asset: "kcc", factor: 0.5, probability: 0.2 },
      ],
    });
    const u = datasetUncertaintyScenario(ds, "2026-03-01", {}, priors);
    expect(u.scenario.changes.map((c) => c.kind)).toEqual(["deal-closes", "production-outage"]);
    expect([...u.prior]).toEqual([0, 1]);
    expect(u.scenario.period).toBe("2025");
    const plan = monteCarloPlanFrom(ds, u.scenario, {
      commodity: "cobalt",
      seed: 1,
      prior: u.prior,
    });
    expect(plan.events.map((e) => [e.probability, e.from])).toEqual([
      [0.3, "prior"],
      [0.2, "prior"],
    ]);
    // A sourced probability in the dataset wins over the prior.
    (ds.deals[0] as Deal).probability = 0.9;
    const sourced = datasetUncertaintyScenario(ds, "2026-03-01", {}, priors);
    const p2 = monteCarloPlanFrom(ds, sourced.scenario, {
      commodity: "cobalt",
      seed: 1,
      prior: sourced.prior,
    });
    expect(p2.events[0]).toMatchObject({ probability: 0.9, from: "dataset" });
    // No prior and no probability: listed, not drawn.
    (ds.deals[0] as Deal).probability = null;
    expect(datasetUncertaintyScenario(ds, "2026-03-01").notDrawn).toEqual(["sale"]);
  });

  test("a change that reaches no producer of the commodity is inert: drawn, never applied, and it changes no result", () => {
    const ds = dataset();
    ds.entities.push({
      id: "lithco" as never,
      name: "L",
      kind: "company",
      country: "AU" as never,
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    ds.assets.push({
      ...(ds.assets[0] as (typeof ds.assets)[number]),
      id: "manono" as never,
      commodities: ["lithium"],
    });
    ds.stakes.push({
      id: "s-l" as RecordId,
      owner: "lithco" as never,
      owned: "manono" as never,
      share: 1,
      kind: "equity",
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    const sc = scenario([
      { kind: "deal-closes", deal: "sale", probability: 0.5 },
      {
        kind: "stake-transfer",
        from: "lithco",
        to: "orion",
        owned: "manono",
        share: 0.5,
        probability: 0.5,
      },
      { kind: "production-outage", asset: "manono", factor: 0, probability: 0.5 },
      { kind: "export-ban", commodity: "copper", probability: 0.5 },
      { kind: "price-shock", commodity: "cobalt", factor: 2, probability: 0.5 },
      { kind: "production-outage", commodity: "cobalt", factor: 0.5, probability: 0.5 },
    ]);
    expect(inertChanges(ds, sc, "cobalt")).toEqual([false, true, true, true, true, false]);
    // But the lithium stake is not inert for lithium.
    expect(inertChanges(ds, sc, "lithium")[1]).toBe(false);
    const plan = monteCarloPlanFrom(ds, sc, { commodity: "cobalt", seed: 3 });
    for (let r = 0; r < 50; r++) {
      const draw = drawOf(plan, r);
      for (const [k, e] of plan.events.entries()) if (e.inert) expect(draw[k]).toBe(false);
    }
    // The same runs with the inert changes left out of the scenario give the same values.
    const live = scenario(sc.changes.filter((_, i) => !plan.events[i]?.inert));
    const k = 4;
    const a = monteCarloRange(ds, plan, 0, 200);
    const b = monteCarloRange(
      ds,
      monteCarloPlanFrom(ds, live, { commodity: "cobalt", seed: 3 }),
      0,
      200,
    );
    // Different draws (fewer events), so compare the distributions' values, not the runs.
    expect(new Set(a.filter((_, i) => i % k === 0))).toEqual(
      new Set(b.filter((_, i) => i % k === 0)),
    );
  });
});
