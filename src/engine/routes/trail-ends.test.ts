import { describe, expect, it } from "vitest";
import type { TradeFlow } from "../../model/trade-flow.js";
import { _routeWorld } from "./_route-test-network.js";
import { type LpSolver, loadLpSolver } from "./lp-solver.js";
import { routeFlows } from "./route-flows.js";
import type { Shipment } from "./route-model.js";
import { routeNetworkFrom, WORLD_MARKET } from "./route-network.js";
import { routeSankeyFrom } from "./route-sankey.js";
import { UNRECORDED } from "./route-shipments.js";
import { shipmentsToTrailEnds } from "./trail-ends.js";

// mine-e ── hub-e ── border ── hub-rw (RW)      mine-c ── port (to the world market)
//                        └──── mkt-bi (BI)
const net = routeNetworkFrom(
  _routeWorld(
    [
      ["mine-e", "mine", "CD", { asset: "e" }],
      ["hub-e", "hub", "CD"],
      ["border", "border", "CD"],
      ["hub-rw", "hub", "RW"],
      ["mkt-bi", "market", "BI"],
      ["mine-c", "mine", "CD", { asset: "c" }],
      ["port", "port", "TZ"],
    ],
    [
      ["mine-e", "hub-e"],
      ["hub-e", "border"],
      ["border", "hub-rw"],
      ["hub-e", "mkt-bi"],
      ["mine-c", "port"],
    ],
  ),
  { worldMarket: true },
);
const open = (asset: string, tonnes: number): Shipment => ({
  asset,
  destination: WORLD_MARKET,
  tonnes,
  buyer: "open-market",
  buyerCountry: UNRECORDED,
});
const flow = (id: string, partner: string, year: number, informal?: boolean) =>
  ({
    id,
    reporter: "CD",
    partner,
    direction: "export",
    commodity: "tantalum",
    form: "coltan",
    year,
    tonnes: 1,
    basis: "estimate",
    ...(informal ? { informal } : {}),
    sources: ["s"],
    asOf: `${year}`,
  }) as unknown as TradeFlow;

describe("shipmentsToTrailEnds()", () => {
  it("delivers an asset's unrecorded tonnes to the trail end whose country a trade record names, informal records included, and leaves assets that reach the coast alone", () => {
    const { shipments, trailEnds } = shipmentsToTrailEnds(
      { tradeFlows: [flow("tf-rw", "RW", 2024, true), flow("tf-rw-late", "RW", 2026)] },
      net,
      [open("e", 10), open("c", 5)],
      "tantalum",
      2024,
    );
    expect(shipments[0]).toMatchObject({ asset: "e", destination: "hub-rw", buyerCountry: "RW" });
    expect(shipments[1]).toEqual(open("c", 5));
    expect(trailEnds).toHaveLength(1);
    expect(trailEnds[0]).toMatchObject({
      asset: "e",
      ends: ["hub-rw", "mkt-bi"],
      deliveredTo: "hub-rw",
      country: "RW",
      flows: ["tf-rw"],
      tonnes: 10,
    });
    expect(trailEnds[0]?.message).toContain("tf-rw, 2024, informal");
  });

  it("prefers a market end to a hub end when records name both countries", () => {
    const { shipments } = shipmentsToTrailEnds(
      { tradeFlows: [flow("tf-rw", "RW", 2024), flow("tf-bi", "BI", 2023)] },
      net,
      [open("e", 10)],
      "tantalum",
      2024,
    );
    expect(shipments[0]).toMatchObject({ destination: "mkt-bi", buyerCountry: "BI" });
  });

  it("leaves the tonnes for the world market when no record (at or before the year, of the commodity) names an end's country, and says where the trail ends", () => {
    const { shipments, trailEnds } = shipmentsToTrailEnds(
      {
        tradeFlows: [
          flow("tf-rw-late", "RW", 2026),
          { ...flow("tf-gold", "RW", 2024), commodity: "gold" },
        ],
      },
      net,
      [open("e", 10)],
      "tantalum",
      2024,
    );
    expect(shipments).toEqual([open("e", 10)]);
    expect(trailEnds[0]?.deliveredTo).toBeNull();
    expect(trailEnds[0]?.message).toBe(
      "No recorded route to the coast: the recorded trail from mine-e ends at HUB-RW, Rwanda; MKT-BI, Burundi, and no trade record gives Rwanda or Burundi as a destination of CD's tantalum: unshipped",
    );
  });

  it("does not move tonnes with a named buyer or a recorded destination country", () => {
    const named: Shipment = { ...open("e", 3), buyer: "trader", buyerCountry: "CN" };
    const placed: Shipment = { ...open("e", 2), buyerCountry: "CN" };
    const { shipments } = shipmentsToTrailEnds(
      { tradeFlows: [flow("tf-rw", "RW", 2024)] },
      net,
      [named, placed],
      "tantalum",
      2024,
    );
    expect(shipments).toEqual([named, placed]);
  });

  it("the Sankey draws delivered tonnes through the trail's end and the others through 'No recorded route to the coast', not 'Unshipped'", async () => {
    const solver: LpSolver = await loadLpSolver();
    const sankeyOf = (flows: TradeFlow[]) => {
      const t = shipmentsToTrailEnds({ tradeFlows: flows }, net, [open("e", 10)], "tantalum", 2024);
      const r = routeFlows(solver, net, t.shipments);
      return routeSankeyFrom(r, {
        controllerCountryOf: new Map([["e", "CD"]]),
        trailEnds: t.trailEnds,
      });
    };
    const delivered = sankeyOf([flow("tf-rw", "RW", 2024)]);
    expect(delivered.links).toContainEqual({
      source: "via:trail-end:hub-rw",
      target: "buyer:open-market:RW",
      tonnes: 10,
    });
    expect(delivered.nodes.find((n) => n.id === "via:trail-end:hub-rw")?.label).toBe(
      "hub-rw (trail ends short of the coast)",
    );
    const left = sankeyOf([]);
    expect(left.links).toContainEqual({
      source: "controller:CD",
      target: "via:no-route-to-coast:e",
      tonnes: 10,
    });
    expect(left.nodes.find((n) => n.id === "via:no-route-to-coast:e")?.label).toBe(
      "No recorded route to the coast: trail ends at hub-rw, mkt-bi",
    );
    expect(left.nodes.some((n) => n.id === "via:unshipped")).toBe(false);
  });
});
