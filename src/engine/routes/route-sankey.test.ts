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
    // Country nodes are labelled by name; a corridor named as its port is not repeated.
    const named = routeSankeyFrom(r, {
      controllerCountryOf: new Map([["a", "CN"]]),
      names: new Map([["p-west", "Lobito"]]),
    });
    const labelOf = (id: string) => named.nodes.find((n) => n.id === id)?.label;
    expect(labelOf("via:p-west")).toBe("Lobito");
    expect(labelOf("controller:unknown")).toBe("Controller unknown");
    expect(labelOf("controller:CN")).toBe("China");
    expect(labelOf("buyer:US")).toBe("United States");
  });

  it("draws national output on no recorded asset to 'Destination unknown', so the diagram adds up", () => {
    const r = routeFlows(solver, routeNetworkFrom(_handNetwork(), {}), [
      { asset: "a", destination: "m-cn", tonnes: 400 },
    ]);
    const without = routeSankeyFrom(r, { controllerCountryOf: new Map([["a", "CN"]]) });
    const s = routeSankeyFrom(r, {
      controllerCountryOf: new Map([["a", "CN"]]),
      notOnRecordedAssetTonnes: 250,
    });
    const out = (g: typeof s, layer: number) =>
      g.links
        .filter((l) => g.nodes.find((n) => n.id === l.source)?.layer === layer)
        .reduce((x, l) => x + l.tonnes, 0);
    for (const layer of [0, 1, 2]) expect(out(s, layer)).toBeCloseTo(out(without, layer) + 250, 9);
    expect(s.links.filter((l) => l.source === "asset:not-on-a-recorded-asset")).toEqual([
      { source: "asset:not-on-a-recorded-asset", target: "controller:unknown", tonnes: 250 },
    ]);
    expect(s.links).toContainEqual({
      source: "via:not-recorded",
      target: "buyer:open-market:unrecorded",
      tonnes: 250,
    });
    expect(s.nodes.find((n) => n.id === "asset:not-on-a-recorded-asset")?.label).toBe(
      "Not on a recorded asset",
    );
    // Nothing is drawn for a residual of zero.
    expect(
      routeSankeyFrom(r, {
        controllerCountryOf: new Map([["a", "CN"]]),
        notOnRecordedAssetTonnes: 0,
      }),
    ).toEqual(without);
  });
});

describe("routeSankeyFrom() on open-market and held-back tonnes", () => {
  it("keeps open-market tonnes apart from named buyers' and draws what is held back at the mine", () => {
    const r = routeFlows(solver, routeNetworkFrom(_handNetwork(), {}), [
      { asset: "a", destination: "m-cn", tonnes: 100, buyer: "cn-buyer", buyerCountry: "CN" },
      { asset: "a", destination: "m-cn", tonnes: 300, buyer: "open-market", buyerCountry: "CN" },
      {
        asset: "b",
        destination: "m-us",
        tonnes: 50,
        buyer: "open-market",
        buyerCountry: "unrecorded",
      },
    ]);
    const s = routeSankeyFrom(r, {
      controllerCountryOf: new Map([
        ["a", "CN"],
        ["b", "US"],
      ]),
      heldBackByAsset: new Map([
        ["a", 500],
        ["b", 0],
      ]),
    });
    const into = (id: string) =>
      s.links.filter((l) => l.target === id).reduce((x, l) => x + l.tonnes, 0);
    const label = (id: string) => s.nodes.find((n) => n.id === id)?.label;
    expect(into("buyer:CN")).toBeCloseTo(100, 6);
    expect(into("buyer:open-market:CN")).toBeCloseTo(300, 6);
    expect(into("buyer:open-market:unrecorded")).toBeCloseTo(50, 6);
    expect(label("buyer:open-market:CN")).toBe("China (open market)");
    expect(label("buyer:CN")).toBe("China");
    expect(label("controller:CN")).toBe("China");
    expect(label("buyer:open-market:unrecorded")).toBe("Destination unknown");
    // Held back: from the asset through its controller to the held-back node, nothing beyond.
    expect(s.links.filter((l) => l.source === "asset:a")).toEqual([
      { source: "asset:a", target: "controller:CN", tonnes: 900 },
    ]);
    expect(into("via:held-back")).toBe(500);
    expect(s.links.some((l) => l.source === "via:held-back")).toBe(false);
    expect(s.nodes.find((n) => n.id === "via:held-back")?.layer).toBe(2);
    // An asset holding nothing back draws no held-back link.
    expect(s.links.filter((l) => l.source === "controller:US").map((l) => l.target)).not.toContain(
      "via:held-back",
    );
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
