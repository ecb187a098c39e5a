import { beforeAll, describe, expect, it } from "vitest";
import { _handNetwork } from "./_route-test-network.js";
import { type LpSolver, loadLpSolver } from "./lp-solver.js";
import { routeFlows } from "./route-flows.js";
import { routeNetworkFrom } from "./route-network.js";
import { routeSankeyFrom } from "./route-sankey.js";
import { marketNodeFor } from "./route-shipments.js";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

describe("routeSankeyFrom()", () => {
  it("routeSankeyFrom() links asset → controller → port → buyer country, with no cycle", () => {
    const r = routeFlows(solver, routeNetworkFrom(_handNetwork(), { closed: ["Dar"] }), [
      { asset: "a", destination: "m-cn", tonnes: 400 },
      { asset: "b", destination: "m-us", tonnes: 200 },
    ]);
    const s = routeSankeyFrom(r, {
      controllerCountryOf: new Map([
        ["a", "CN"],
        ["b", "US"],
      ]),
    });
    expect(s.links).toEqual([
      { source: "asset:a", target: "controller:CN", tonnes: 400 },
      { source: "asset:b", target: "controller:US", tonnes: 200 },
      { source: "controller:CN", target: "via:p-west", tonnes: 100 },
      { source: "controller:CN", target: "via:unshipped", tonnes: 300 },
      { source: "controller:US", target: "via:p-west", tonnes: 200 },
      { source: "via:p-west", target: "buyer:CN", tonnes: 100 },
      { source: "via:p-west", target: "buyer:US", tonnes: 200 },
    ]);
    const layer = new Map(s.nodes.map((n) => [n.id, n.layer]));
    for (const l of s.links)
      expect((layer.get(l.target) ?? 0) - (layer.get(l.source) ?? 0)).toBe(1);
    expect(s.nodes.find((n) => n.id === "via:p-west")?.label).toBe("p-west (Lobito)");
  });
});

describe("marketNodeFor()", () => {
  it("marketNodeFor() finds a country's market node, or none", () => {
    const w = _handNetwork();
    expect(marketNodeFor(w, "US")).toBe("m-us");
    expect(marketNodeFor(w, "JP")).toBeUndefined();
    expect(marketNodeFor(w, null)).toBeUndefined();
  });
});
