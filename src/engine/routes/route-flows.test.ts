import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { _handNetwork, _routeWorld, type LegSpec, type NodeSpec } from "./_route-test-network.js";
import { type LpSolver, loadLpSolver } from "./lp-solver.js";
import { type RouteResult, routeFlows } from "./route-flows.js";
import type { Shipment } from "./route-model.js";
import { routeNetworkFrom } from "./route-network.js";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

const SHIP: Shipment[] = [
  { asset: "a", destination: "m-cn", tonnes: 400 },
  { asset: "b", destination: "m-us", tonnes: 200 },
];

const leg = (r: RouteResult, id: string) => r.legs.find((l) => l.id === id);
const routesOf = (r: RouteResult, asset: string) =>
  r.routes.filter((x) => x.asset === asset).map((x) => [x.legs.join(" "), x.tonnes]);

/** Every node balances: what comes in and starts here equals what leaves and ends here. */
function expectConservation(
  r: RouteResult,
  shipments: readonly Shipment[],
  nodeOf: (a: string) => string,
) {
  const bal = new Map<string, number>();
  const add = (n: string, x: number) => bal.set(n, (bal.get(n) ?? 0) + x);
  for (const l of r.legs) {
    add(l.from, -l.tonnes);
    add(l.to, l.tonnes);
  }
  for (const [i, s] of shipments.entries()) {
    const shipped = r.shipments[i]?.shippedTonnes ?? 0;
    add(nodeOf(s.asset), shipped);
    if (s.destination !== null) add(s.destination, -shipped);
  }
  for (const [n, b] of bal) expect(Math.abs(b), `node ${n}`).toBeLessThan(1e-3);
}

describe("routeFlows()", () => {
  it("routeFlows() agrees with the hand-solved network: Dar fills first, the rest of A takes Lobito", () => {
    const net = routeNetworkFrom(_handNetwork());
    const r = routeFlows(solver, net, SHIP);
    expect(r.objective).toBe("cost");
    // A: 300 t via Dar at 115 USD/t, 100 t via Lobito at 120; B: 200 t via Lobito at 100.
    expect(routesOf(r, "a")).toEqual([
      ["mine-a-hub hub-k-border k-border-p-east p-east-m-cn", 300],
      ["mine-a-hub hub-p-west p-west-m-cn", 100],
    ]);
    expect(routesOf(r, "b")).toEqual([["mine-b-hub hub-p-west p-west-m-us", 200]]);
    expect(r.totals.costUsd).toBeCloseTo(300 * 115 + 100 * 120 + 200 * 100, 6);
    expect(r.unshippedTonnes).toBe(0);
    expect(leg(r, "hub-p-west")?.tonnes).toBe(300);
    expect(leg(r, "hub-p-west")?.utilisation).toBe(1);
    expect(leg(r, "k-border-p-east")?.costUsd).toBe(300 * 40);
    // One more tonne of Dar capacity moves a tonne of A off Lobito: saves 120 - 115 = 5 USD.
    const dar = r.bottlenecks.find((b) => b.leg === "k-border-p-east");
    expect(dar?.marginalValue).toBeCloseTo(5, 6);
    expect(dar?.limitsShipments).toBe(false);
    const west = r.ports.find((p) => p.id === "p-west");
    expect(west).toMatchObject({
      tonnes: 300,
      capacity: 300,
      capacityBasis: "legs in",
      utilisation: 1,
    });
    expect(r.routes.find((x) => x.asset === "b")).toMatchObject({
      port: "p-west",
      corridors: ["Lobito"],
      buyerCountry: "US",
      costUsd: 20_000,
      days: 24,
      tonneDays: 4_800,
    });
    expectConservation(r, SHIP, (a) => `mine-${a}`);
  });

  it("routeFlows() reports what one corridor cannot carry as unshipped, with the full leg", () => {
    const net = routeNetworkFrom(_handNetwork(), { closed: ["Dar"] });
    const r = routeFlows(solver, net, SHIP);
    // Lobito (300 t) takes B whole (100 USD/t) before A (120 USD/t).
    expect(r.shipments.map((s) => [s.asset, s.shippedTonnes, s.unshippedTonnes])).toEqual([
      ["a", 100, 300],
      ["b", 200, 0],
    ]);
    expect(r.unshippedTonnes).toBe(300);
    expect(r.unshipped[0]?.binding).toEqual({
      kind: "capacity",
      legs: ["hub-p-west"],
      message: "Capacity is full on hub-p-west between mine-a and m-cn",
    });
    const lobito = r.bottlenecks.find((b) => b.leg === "hub-p-west");
    expect(lobito).toMatchObject({ limitsShipments: true, marginalValue: null, assets: ["a"] });
    expect(r.off.filter((o) => o.kind === "leg").map((o) => [o.id, o.reason])).toContainEqual([
      "hub-k-border",
      "corridor Dar closed by the scenario",
    ]);
    expectConservation(r, SHIP, (a) => `mine-${a}`);
  });

  it("routeFlows() moves tonnes to the next cheapest corridor when one closes", () => {
    const wide = _handNetwork({ lobitoCap: null, darCap: null });
    const before = routeFlows(solver, routeNetworkFrom(wide), SHIP);
    expect(routesOf(before, "a")).toEqual([
      ["mine-a-hub hub-k-border k-border-p-east p-east-m-cn", 400],
    ]);
    const after = routeFlows(solver, routeNetworkFrom(wide, { closed: ["Dar"] }), SHIP);
    expect(routesOf(after, "a")).toEqual([["mine-a-hub hub-p-west p-west-m-cn", 400]]);
    expect(after.totals.costUsd).toBe(400 * 120 + 200 * 100);
    expect(after.unshippedTonnes).toBe(0);
  });

  it("routeFlows() reports no route, with the closed legs in the way, when every corridor closes", () => {
    const r = routeFlows(solver, routeNetworkFrom(_handNetwork(), { closed: ["Dar", "Lobito"] }), [
      { asset: "a", destination: "m-cn", tonnes: 400 },
    ]);
    expect(r.unshipped).toEqual([
      {
        asset: "a",
        destination: "m-cn",
        buyer: null,
        tonnes: 400,
        shippedTonnes: 0,
        unshippedTonnes: 400,
        binding: {
          kind: "no-route",
          legs: ["hub-banana", "hub-k-border", "hub-p-west"],
          message:
            "No open route from mine-a to m-cn; off on the way: hub-banana, hub-k-border, hub-p-west",
        },
      },
    ]);
  });

  it("routeFlows() uses the planned Banana port only when a scenario opens it", () => {
    const off = routeFlows(solver, routeNetworkFrom(_handNetwork()), SHIP);
    expect(off.routes.some((x) => x.port === "banana")).toBe(false);
    const on = routeFlows(solver, routeNetworkFrom(_handNetwork(), { open: ["banana"] }), SHIP);
    // Via Banana: A 10 + 40 + 20 = 70, B 20 + 40 + 20 = 80, both cheaper than any corridor.
    expect(routesOf(on, "a")).toEqual([["mine-a-hub hub-banana banana-m-cn", 400]]);
    expect(routesOf(on, "b")).toEqual([["mine-b-hub hub-banana banana-m-us", 200]]);
    expect(on.totals.costUsd).toBe(400 * 70 + 200 * 80);
  });

  it("routeFlows() routes by transit days when a usable leg has no cost, and says so", () => {
    const w = _handNetwork();
    const legs = w.routeLegs.map((l) =>
      l.id === "p-east-m-cn" ? { ...l, costUsdPerTonne: null } : l,
    );
    const r = routeFlows(solver, routeNetworkFrom({ ...w, routeLegs: legs }), SHIP);
    expect(r.objective).toBe("days");
    expect(r.objectiveUnit).toBe("days");
    expect(r.totals.costUsd).toBeNull();
    expect(r.notes[0]).toBe(
      "Routed by transit days (tonne-days minimised), not cost: 1 of 9 usable legs have no cost per tonne in the data",
    );
    // By days A prefers Dar (1 + 4 + 6 + 25 = 36) to Lobito (1 + 3 + 35 = 39).
    expect(routesOf(r, "a")[0]).toEqual([
      "mine-a-hub hub-k-border k-border-p-east p-east-m-cn",
      300,
    ]);
  });

  it("routeFlows() with no costs and a gap in transit days fills the gap pessimistically and says so", () => {
    const w = _handNetwork();
    const legs = w.routeLegs.map((l) => ({
      ...l,
      costUsdPerTonne: null,
      transitDays: l.id === "hub-k-border" ? null : l.transitDays,
    }));
    const r = routeFlows(solver, routeNetworkFrom({ ...w, routeLegs: legs }), SHIP);
    expect(r.objective).toBe("days");
    expect(r.objectiveFill).toEqual({
      legs: ["hub-k-border"],
      byMode: { road: 6, rail: 3, sea: 40 },
    });
    // A by Dar counts 1 + 6 (filled) + 6 + 25 = 38 days, by Lobito 39: Dar first, as far as it goes.
    expect(routesOf(r, "a")[0]).toEqual([
      "mine-a-hub hub-k-border k-border-p-east p-east-m-cn",
      300,
    ]);
    expect(r.routes.find((x) => x.legs.includes("hub-k-border"))?.days).toBeNull();
    expect(r.notes[1]).toBe(
      "1 of 9 usable legs have no transit time figure: for the choice of route each counts as the largest figure known for its mode (road 6 days), so an unknown leg is never preferred to a known one; reported figures stay null",
    );
  });

  it("routeFlows() reports an asset with no route node, or a destination that is off, as unshipped", () => {
    const r = routeFlows(solver, routeNetworkFrom(_handNetwork()), [
      { asset: "zz", destination: "m-cn", tonnes: 5 },
      { asset: "a", destination: "banana", tonnes: 7 },
      { asset: "a", destination: null, tonnes: 9, note: "No market node for buyer country JP" },
    ]);
    expect(
      r.unshipped.map((u) => [u.unshippedTonnes, u.binding?.kind, u.binding?.message]),
    ).toEqual([
      [5, "no-node", "zz has no node in the route network"],
      [7, "no-destination", "Destination banana is planned, not opened"],
      [9, "no-destination", "No market node for buyer country JP"],
    ]);
    expect(r.unshippedTonnes).toBe(21);
  });

  it("routeNetworkFrom() names unknown ids and rejects an id both opened and closed", () => {
    expect(() => routeNetworkFrom(_handNetwork(), { closed: ["Suez"] })).toThrow(
      "Unknown route node, leg or corridor: Suez",
    );
    expect(() => routeNetworkFrom(_handNetwork(), { open: ["Dar"], closed: ["Dar"] })).toThrow(
      "Route Dar cannot be both opened and closed",
    );
  });
});

// --- Properties on random layered networks ----------------------------------------------------

interface Gen {
  nodes: NodeSpec[];
  legs: LegSpec[];
  shipments: Shipment[];
}

const genNetwork = fc
  .record({
    mines: fc.integer({ min: 1, max: 4 }),
    hubs: fc.integer({ min: 1, max: 3 }),
    ports: fc.integer({ min: 1, max: 3 }),
    markets: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 80, maxLength: 80 }),
    caps: fc.array(fc.option(fc.integer({ min: 10, max: 400 }), { nil: null }), {
      minLength: 80,
      maxLength: 80,
    }),
    keep: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    tonnes: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 8, maxLength: 8 }),
  })
  .map(({ mines, hubs, ports, markets, seed, caps, keep, tonnes }): Gen => {
    const nodes: NodeSpec[] = [];
    const legs: LegSpec[] = [];
    let q = 0;
    const next = () => q++ % 80;
    for (let i = 0; i < mines; i++) nodes.push([`m${i}`, "mine", "CD", { asset: `a${i}` }]);
    for (let i = 0; i < hubs; i++) nodes.push([`h${i}`, "hub", "CD"]);
    for (let i = 0; i < ports; i++) nodes.push([`p${i}`, "port", "TZ"]);
    for (let i = 0; i < markets; i++) nodes.push([`d${i}`, "market", "CN"]);
    const link = (a: string, b: string, always: boolean) => {
      const j = next();
      if (always || keep[j]) legs.push([a, b, { cost: seed[j] as number, cap: caps[j] ?? null }]);
    };
    for (let i = 0; i < mines; i++) for (let h = 0; h < hubs; h++) link(`m${i}`, `h${h}`, h === 0);
    for (let h = 0; h < hubs; h++)
      for (let p = 0; p < ports; p++) link(`h${h}`, `p${p}`, h === 0 && p === 0);
    for (let h = 0; h + 1 < hubs; h++) link(`h${h}`, `h${h + 1}`, false);
    for (let p = 0; p < ports; p++) for (let d = 0; d < markets; d++) link(`p${p}`, `d${d}`, true);
    const shipments: Shipment[] = [];
    for (let i = 0; i < mines; i++)
      for (let d = 0; d < Math.min(markets, 2); d++)
        shipments.push({
          asset: `a${i}`,
          destination: `d${(i + d) % markets}`,
          tonnes: tonnes[(i * 2 + d) % 8] as number,
        });
    return { nodes, legs, shipments };
  });

/** Cheapest path cost by Bellman-Ford (costs are positive, graphs are tiny). */
function cheapest(g: Gen, from: string, to: string): number {
  const dist = new Map<string, number>([[from, 0]]);
  for (let it = 0; it < g.nodes.length; it++)
    for (const [a, b, o] of g.legs) {
      const da = dist.get(a);
      if (da === undefined) continue;
      const nd = da + (o?.cost ?? 0);
      if (nd < (dist.get(b) ?? Number.POSITIVE_INFINITY)) dist.set(b, nd);
    }
  return dist.get(to) ?? Number.POSITIVE_INFINITY;
}

describe("routeFlows() on random networks", () => {
  it("routeFlows() conserves flow at every node, respects capacities and accounts for every tonne", () => {
    fc.assert(
      fc.property(genNetwork, (g) => {
        const r = routeFlows(solver, routeNetworkFrom(_routeWorld(g.nodes, g.legs)), g.shipments);
        expectConservation(r, g.shipments, (a) => `m${a.slice(1)}`);
        for (const l of r.legs)
          if (l.capacity !== null) expect(l.tonnes).toBeLessThanOrEqual(l.capacity + 1e-3);
        for (const [i, s] of r.shipments.entries()) {
          expect(s.shippedTonnes + s.unshippedTonnes).toBeCloseTo(g.shipments[i]?.tonnes ?? 0, 3);
          const onRoutes = r.routes
            .filter((x) => x.asset === s.asset && x.destination === s.destination)
            .reduce((a, x) => a + x.tonnes, 0);
          expect(onRoutes).toBeCloseTo(s.shippedTonnes, 2);
          if (s.unshippedTonnes > 0) expect(s.binding?.kind).toBe("capacity");
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("routeFlows() without capacities costs each shipment its cheapest path", () => {
    fc.assert(
      fc.property(genNetwork, (g0) => {
        const g: Gen = { ...g0, legs: g0.legs.map(([a, b, o]) => [a, b, { ...o, cap: null }]) };
        const r = routeFlows(solver, routeNetworkFrom(_routeWorld(g.nodes, g.legs)), g.shipments);
        const expected = g.shipments.reduce(
          (a, s) => a + s.tonnes * cheapest(g, `m${s.asset.slice(1)}`, s.destination as string),
          0,
        );
        expect(r.unshippedTonnes).toBe(0);
        expect(r.totals.costUsd).toBeCloseTo(expected, 3);
      }),
      { numRuns: 60, seed: 12 },
    );
  });
});
