import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import { type LpSolver, loadLpSolver } from "../routes/lp-solver.js";
import { _stockpileWorld } from "./_test-stockpile-world.js";
import {
  notRouted,
  type PlanCommodity,
  type PlanInputs,
  type PlanRouting,
  type PlanSource,
  stockpilePlan,
  stockpilePlanInputs,
} from "./stockpile-plan.js";
import { stockpilePlanRoutes } from "./stockpile-plan-routes.js";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

const H = 12;
const MONTHS = Array.from({ length: H }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

function _commodity(c: Commodity, toFill: number, price: number, weight = 1): PlanCommodity {
  return {
    commodity: c,
    weight,
    price: { usdPerTonne: price, date: "2025", record: `p-${c}`, sources: [], quoted: "" },
    need: {
      tonnesPerYear: null,
      basis: "missing",
      year: null,
      record: null,
      sources: [],
      netImportReliance: null,
      note: "",
    },
    position: {
      tonnes: 0,
      bookValueUsd: null,
      basis: "assumed empty",
      movedTonnes: 0,
      onOrderTonnes: 0,
      onOrderUsd: 0,
      movements: [],
      note: "",
    },
    targetTonnes: toFill,
    targetBasis: "test",
    targetFrom: "user input",
    toFillTonnes: toFill,
    status: "planned",
  };
}

function _source(c: Commodity, source: string, perMonth: number): PlanSource {
  return {
    commodity: c,
    source,
    name: source,
    kind: "open-market",
    monthly: new Array(H).fill(perMonth),
    offtakes: [],
  };
}

function _inputs(budget: number, cs: PlanCommodity[], sources: PlanSource[]): PlanInputs {
  return {
    stockpile: "vault",
    holder: "us-reserve",
    country: "US",
    asOf: "2025-12-15",
    months: MONTHS,
    budgetUsd: budget,
    budgetBasis: "given",
    committedUsd: 0,
    availableUsd: budget,
    assumeEmpty: true,
    commodities: cs,
    sources,
    carried: [],
    notes: [],
  };
}

describe("stockpilePlan()", () => {
  it("stockpilePlan() spends the budget when it binds and reports it", () => {
    // 1,000 t of cobalt at $50,000/t costs $50m; $30m buys 600 t.
    const inputs = _inputs(
      30e6,
      [_commodity("cobalt", 1000, 50_000)],
      [_source("cobalt", "a", 100)],
    );
    const p = stockpilePlan(solver, inputs, notRouted(inputs, "not routed (test)"));
    expect(p.totalCost).toBeCloseTo(30e6, 0);
    expect(p.commodities[0]?.boughtTonnes).toBeCloseTo(600, 4);
    expect(p.commodities[0]?.monthsToFill).toBeNull();
    expect(p.commodities[0]?.reason).toBe("Not filled in 12 months: the budget binds");
    expect(p.binding.map((b) => b.kind)).toContain("budget");
    expect(p.binding.find((b) => b.kind === "budget")?.marginal).toBeGreaterThan(0);
    // The earliest months first: 100 t in each of months 1–6.
    expect(p.purchases.map((x) => x.month)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("stockpilePlan() fills the target in the months supply allows, cheapest route first, then earliest", () => {
    const inputs = _inputs(
      100e6,
      [_commodity("cobalt", 1000, 50_000)],
      [_source("cobalt", "a", 100)],
    );
    const routing: PlanRouting = {
      destination: "us",
      routes: [
        {
          ...notRouted(inputs, "").routes[0],
          route: "dear",
          routed: true,
          legs: [],
          port: null,
          corridors: [],
          share: 1,
          costUsdPerTonne: 900,
        } as PlanRouting["routes"][number],
        {
          ...notRouted(inputs, "").routes[0],
          route: "cheap",
          routed: true,
          legs: ["l"],
          port: "lobito",
          corridors: [],
          share: 1,
          costUsdPerTonne: 100,
        } as PlanRouting["routes"][number],
      ],
      legCapacity: [{ leg: "l", tonnesPerMonth: 60 }],
      notes: [],
    };
    const p = stockpilePlan(solver, inputs, routing);
    const c = p.commodities[0];
    expect(c?.boughtTonnes).toBeCloseTo(1000, 4);
    // Cost before time: the cheap capacitated route's 60 t in each of the 12 months, the rest dear.
    expect(c?.monthsToFill).toBe(12);
    const cheap = p.purchases.filter((x) => x.route === "cheap").reduce((t, x) => t + x.tonnes, 0);
    expect(cheap).toBeCloseTo(720, 4);
    expect(p.totalCost).toBeCloseTo(720 * 50_100 + 280 * 50_900, 0);
    expect(p.binding.some((b) => b.kind === "leg-capacity" && b.id === "l")).toBe(true);
  });

  it("stockpilePlan() with a budget of 0 or no supply buys nothing and says why", () => {
    const zero = _inputs(0, [_commodity("cobalt", 1000, 50_000)], [_source("cobalt", "a", 100)]);
    const p0 = stockpilePlan(solver, zero, notRouted(zero, "not routed"));
    expect(p0.purchases).toEqual([]);
    expect(p0.commodities[0]?.reason).toBe("The budget left after commitments is 0");
    const none = _inputs(1e9, [_commodity("cobalt", 1000, 50_000)], []);
    const pn = stockpilePlan(solver, none, notRouted(none, "not routed"));
    expect(pn.purchases).toEqual([]);
    expect(pn.commodities[0]?.reason).toBe(
      "Nothing bought: no reachable supply of cobalt in 2026-01–2026-12",
    );
  });

  const genCase = fc.record({
    budget: fc.integer({ min: 0, max: 200 }),
    extra: fc.integer({ min: 0, max: 200 }),
    targets: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 2, maxLength: 2 }),
    prices: fc.array(fc.integer({ min: 1_000, max: 80_000 }), { minLength: 2, maxLength: 2 }),
    weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 2 }),
    supply: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 3 }),
    cap: fc.integer({ min: 0, max: 400 }),
  });
  type GenCase = typeof genCase extends fc.Arbitrary<infer T> ? T : never;
  function _case(g: GenCase, budgetM: number) {
    const cs: Commodity[] = ["cobalt", "copper"];
    const commodities = cs.map((c, i) =>
      _commodity(c, g.targets[i] ?? 0, g.prices[i] ?? 1, g.weights[i] ?? 1),
    );
    const sources = [
      _source("cobalt", "a", g.supply[0] ?? 0),
      _source("cobalt", "b", g.supply[1] ?? 0),
      _source("copper", "a", g.supply[2] ?? 0),
    ];
    const inputs = _inputs(budgetM * 1e6, commodities, sources);
    const base = notRouted(inputs, "");
    const routing: PlanRouting = {
      ...base,
      routes: base.routes.map((r) =>
        r.source === "a" ? { ...r, route: "via l", legs: ["l"], routed: true } : r,
      ),
      legCapacity: [{ leg: "l", tonnesPerMonth: g.cap }],
    };
    return { inputs, routing };
  }

  it("stockpilePlan() never exceeds the budget, a source's supply or a leg's capacity", () => {
    fc.assert(
      fc.property(genCase, (g) => {
        const { inputs, routing } = _case(g, g.budget);
        const p = stockpilePlan(solver, inputs, routing);
        expect(p.totalCost).toBeLessThanOrEqual(inputs.availableUsd * (1 + 1e-7) + 1);
        for (const s of inputs.sources)
          for (let m = 1; m <= H; m++) {
            const t = p.purchases
              .filter((x) => x.commodity === s.commodity && x.source === s.source && x.month === m)
              .reduce((a, x) => a + x.tonnes, 0);
            expect(t).toBeLessThanOrEqual((s.monthly[m - 1] ?? 0) * (1 + 1e-7) + 1e-6);
          }
        for (let m = 1; m <= H; m++) {
          const onLeg = p.purchases
            .filter((x) => x.month === m && x.route === "via l")
            .reduce((a, x) => a + x.tonnes, 0);
          expect(onLeg).toBeLessThanOrEqual(g.cap * (1 + 1e-7) + 1e-6);
        }
        for (const c of p.commodities)
          expect(c.boughtTonnes).toBeLessThanOrEqual((c.toFillTonnes ?? 0) * (1 + 1e-7) + 1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it("stockpilePlan() never fills less when the budget rises", () => {
    fc.assert(
      fc.property(genCase, (g) => {
        const lo = _case(g, g.budget);
        const hi = _case(g, g.budget + g.extra);
        const a = stockpilePlan(solver, lo.inputs, lo.routing).filledScore ?? 0;
        const b = stockpilePlan(solver, hi.inputs, hi.routing).filledScore ?? 0;
        expect(b).toBeGreaterThanOrEqual(a - 1e-6);
      }),
      { numRuns: 40 },
    );
  });
});

describe("stockpilePlanInputs() and stockpilePlanRoutes()", () => {
  it("stockpilePlanInputs() plans a dataset target only with known holdings or --assume-empty", () => {
    const w = _stockpileWorld();
    const unknown = stockpilePlanInputs(w, { holder: "vault" });
    expect(unknown.commodities.find((c) => c.commodity === "cobalt")?.status).toBe(
      "cobalt: holdings unknown (not in the sources); plan from zero only with --assume-empty",
    );
    expect(unknown.commodities.find((c) => c.commodity === "zinc")?.status).toBe(
      "zinc: needs net-import tonnes (not in the sources); give --target zinc=…t or --need zinc=…t/yr",
    );
    const empty = stockpilePlanInputs(w, { holder: "vault", assumeEmpty: true });
    const co = empty.commodities.find((c) => c.commodity === "cobalt");
    // 2 months × 6,000 t / 12 = 1,000 t
    expect(co?.toFillTonnes).toBeCloseTo(1000, 9);
    expect(co?.targetFrom).toBe("dataset");
    expect(co?.price?.record).toBe("price-co");
    const user = stockpilePlanInputs(w, { holder: "vault", targets: { zinc: 500 } });
    expect(user.commodities.find((c) => c.commodity === "zinc")?.targetBasis).toBe(
      "USER INPUT: target 500 t given on the command line",
    );
  });

  it("stockpilePlanInputs() takes commitments off the budget and counts their tonnes on order", () => {
    const w = _stockpileWorld({
      movements: [{ date: "2025-11-01", kind: "commitment", tonnes: 400, valueUsd: 2e7 }],
    });
    const i = stockpilePlanInputs(w, { holder: "vault", assumeEmpty: true });
    expect(i.availableUsd).toBe(80e6);
    expect(i.commodities.find((c) => c.commodity === "cobalt")?.toFillTonnes).toBeCloseTo(600, 9);
  });

  it("a ban shrinks what the plan can buy, and routes carry capacity and cost", () => {
    const base = _stockpileWorld({ lobitoCap: 1200 });
    const inputs = stockpilePlanInputs(base, {
      holder: "vault",
      assumeEmpty: true,
      horizonMonths: 3,
    });
    const routing = stockpilePlanRoutes(solver, base, inputs);
    expect(routing.destination).toBe("us");
    expect(routing.routes.every((r) => r.routed)).toBe(true);
    // The US buyer's own tonnes are the holder's country's: they take no room from others.
    expect(routing.legCapacity).toEqual([{ leg: "lobito-us", tonnesPerMonth: 100 }]);
    const p = stockpilePlan(solver, inputs, routing);
    const bought = p.commodities.find((c) => c.commodity === "cobalt")?.boughtTonnes ?? 0;
    expect(bought).toBeCloseTo(300, 4); // 100 t a month through Lobito over 3 months
    expect(p.purchases.every((x) => x.routeCostUsdPerTonne !== null)).toBe(true);
    const ban = _stockpileWorld({ lobitoCap: 1200, ban: true });
    const bi = stockpilePlanInputs(ban, { holder: "vault", assumeEmpty: true, horizonMonths: 3 });
    const bp = stockpilePlan(solver, bi, stockpilePlanRoutes(solver, ban, bi));
    expect(bp.purchases).toEqual([]);
    expect(bp.commodities.find((c) => c.commodity === "cobalt")?.reason).toBe(
      "Nothing bought: no reachable supply of cobalt in 2026-01–2026-03 (cobalt: held back by rules at a, b)",
    );
  });

  it("a horizon past the sources' last year buys from each producer's latest figure carried forward, labelled", () => {
    const w = _stockpileWorld({ asOf: "2026-12-15" });
    const inputs = stockpilePlanInputs(w, { holder: "vault", assumeEmpty: true, horizonMonths: 2 });
    expect(inputs.months).toEqual(["2027-01", "2027-02"]);
    expect(inputs.carried.map((c) => [c.from, c.year, c.ageYears])).toEqual([
      ["p0", "2027", 1],
      ["p1", "2027", 1],
    ]);
    const a = inputs.sources.find((x) => x.source === "a");
    expect(a?.carriedFrom).toEqual(["p0"]);
    expect(a?.monthly[0]).toBeCloseTo((1200 * 31) / 365, 9);
    expect(inputs.notes.join(" ")).toContain(
      "a cobalt 1,200 t/yr from p0 (2026 actual, 1 year old)",
    );
    const p = stockpilePlan(solver, inputs, notRouted(inputs, "not routed"));
    expect(p.purchases.length).toBeGreaterThan(0);
    expect(p.purchases.every((x) => x.carriedFrom === (x.source === "a" ? "p0" : "p1"))).toBe(true);
    const within = stockpilePlanInputs(_stockpileWorld(), { holder: "vault", assumeEmpty: true });
    expect(within.carried).toEqual([]);
    expect(within.sources.every((x) => x.carriedFrom === undefined)).toBe(true);
  });

  it("a commodity the stockpile cannot reach says where the output goes: other buyers, or no figure", () => {
    const w = _stockpileWorld();
    const opts = { holder: "vault", assumeEmpty: true, horizonMonths: 2 };
    expect(
      stockpilePlanInputs(w, opts).commodities.find((c) => c.commodity === "cobalt")?.supplyNote,
    ).toBeNull();
    const base = w.offtakes[0] as World["offtakes"][number];
    const elsewhere = {
      ...w,
      offtakes: [
        {
          ...base,
          id: "o-a",
          seller: "a",
          buyer: "cn-buyer",
          term: { kind: "share-of-production", share: 1 },
        },
        {
          ...base,
          id: "o-b",
          seller: "b",
          buyer: "cn-buyer",
          term: { kind: "share-of-production", share: 1 },
        },
      ],
    } as unknown as World;
    const i = stockpilePlanInputs(elsewhere, opts);
    expect(i.commodities.find((c) => c.commodity === "cobalt")?.supplyNote).toBe(
      "a's output is committed to cn-buyer; b's output is committed to cn-buyer",
    );
    const p = stockpilePlan(solver, i, notRouted(i, "not routed"));
    expect(p.commodities.find((c) => c.commodity === "cobalt")?.reason).toContain(
      "(cobalt: a's output is committed to cn-buyer; b's output is committed to cn-buyer)",
    );
  });
});
