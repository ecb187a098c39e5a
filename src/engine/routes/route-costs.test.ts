import { describe, expect, it } from "vitest";
import type { Asset } from "../../model/asset.js";
import type { TransportRate } from "../../model/transport-rate.js";
import { _routeWorld } from "./_route-test-network.js";
import { greatCircleKm, portCostsFrom, routeCostsFor } from "./route-costs.js";
import { routeNetworkFrom } from "./route-network.js";

const rate = (o: {
  id: string;
  measure: TransportRate["measure"];
  mode?: TransportRate["mode"];
  commodity?: TransportRate["commodity"];
  value: number;
  year: number;
}) => ({ region: "r", sources: ["s"], asOf: String(o.year), ...o }) as unknown as TransportRate;

function world() {
  const w = _routeWorld(
    [
      ["a", "mine", "CD"],
      ["h", "hub", "CD"],
      ["b", "border", "ZM"],
      ["p", "port", "TZ"],
      ["m", "market", "CN"],
    ],
    [
      ["a", "h", { id: "sourced", cost: 12, days: 1, km: 100 }],
      ["h", "b", { id: "by-km", km: 400 }],
      ["b", "p", { id: "by-coords", mode: "rail" }],
      ["p", "m", { id: "sea", mode: "sea" }],
    ],
  );
  const loc = { h: [0, 0], b: [0, 1], p: [0, 3] } as Record<string, [number, number]>;
  const nodes = new Map(w.routeNodes);
  for (const [id, [lat, lon]] of Object.entries(loc)) {
    const n = nodes.get(id);
    if (n) nodes.set(id, { ...n, location: { lat, lon } });
  }
  return { ...w, routeNodes: nodes };
}

describe("routeCostsFor()", () => {
  it("routeCostsFor() keeps sourced costs, estimates the others from sourced rates and labels each", () => {
    const w = world();
    // h → b: 400 km on a straight line of ~111 km gives the road detour factor; b → p is rail
    // with no distance: its straight line × the factor (the road's, rail having none).
    const rates = [
      rate({ id: "road", measure: "usd-per-tonne-km", mode: "road", value: 0.05, year: 2020 }),
      rate({ id: "road-old", measure: "usd-per-tonne-km", mode: "road", value: 9, year: 2000 }),
      rate({ id: "rail", measure: "usd-per-tonne-km", mode: "rail", value: 0.02, year: 2020 }),
      rate({ id: "rail-speed", measure: "km-per-day", mode: "rail", value: 200, year: 2020 }),
      rate({ id: "vot", measure: "usd-per-tonne-day", commodity: "copper", value: 1, year: 2020 }),
    ];
    const net = routeNetworkFrom(w);
    const c = routeCostsFor({ assets: new Map(), transportRates: rates }, net, "copper", 2025);
    const by = new Map(c.legs.map((l) => [l.leg, l]));
    expect(by.get("sourced")).toMatchObject({
      moneyBasis: "sourced",
      moneyUsdPerTonne: 12,
      generalisedUsdPerTonne: 13,
    });
    expect(by.get("by-km")).toMatchObject({
      moneyBasis: "estimate",
      moneyUsdPerTonne: 20,
      daysBasis: "unknown",
    });
    const factor = c.inputs.detour.road?.factor as number;
    expect(factor).toBeCloseTo(400 / greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }), 2);
    const rail = by.get("by-coords");
    const km = Math.round(greatCircleKm({ lat: 0, lon: 1 }, { lat: 0, lon: 3 }) * factor * 10) / 10;
    expect(rail).toMatchObject({
      moneyBasis: "estimate",
      distanceKm: km,
      distanceBasis: "estimate",
      daysBasis: "estimate",
    });
    expect(rail?.generalisedUsdPerTonne).toBeCloseTo(km * 0.02 + km / 200, 2);
    expect(by.get("sea")).toMatchObject({ moneyBasis: "not-costed", generalisedUsdPerTonne: 0 });
    expect(c.notes[0]).toBe(
      "Generalised cost (US$/t): 1 of 4 open legs have a sourced cost, 2 an estimate from distance × a sourced rate per tonne-km, 0 the dearest estimate of their mode (no distance or rate), 1 sea legs are not costed (no sea leg has both a distance and a sea rate); time in transit at 1 US$/t-day (vot)",
    );
  });

  it("routeCostsFor() gives a leg with no rate the dearest estimate, never less than a known leg", () => {
    const c = routeCostsFor(
      {
        assets: new Map(),
        transportRates: [
          rate({ id: "rail", measure: "usd-per-tonne-km", mode: "rail", value: 0.02, year: 2020 }),
        ],
      },
      routeNetworkFrom(world()),
      "cobalt",
      2025,
    );
    const by = new Map(c.legs.map((l) => [l.leg, l]));
    expect(by.get("by-km")?.moneyBasis).toBe("pessimistic");
    expect(by.get("by-km")?.moneyUsdPerTonne).toBe(12);
    expect(c.inputs.timeValue).toBeNull();
  });

  it("routeCostsFor() prices a sea leg by its distance and the sea rate, the dearest sea estimate where it has none, and portCostsFrom() lands each port at its markets", () => {
    // Two ports, two markets: the east port is nearer the mine, the west port nearer the US.
    const w = _routeWorld(
      [
        ["a", "mine", "CD"],
        ["h", "hub", "CD"],
        ["west", "port", "AO"],
        ["east", "port", "TZ"],
        ["cn", "market", "CN"],
        ["us", "market", "US"],
      ],
      [
        ["a", "h", { cost: 5 }],
        ["h", "west", { id: "to-west", km: 1000 }],
        ["h", "east", { id: "to-east", km: 600 }],
        ["west", "us", { id: "west-us", mode: "sea", km: 10000 }],
        ["west", "cn", { id: "west-cn", mode: "sea", km: 16000 }],
        ["east", "us", { id: "east-us", mode: "sea", km: 15000 }],
        ["east", "cn", { id: "east-cn", mode: "sea" }],
      ],
    );
    const rates = [
      rate({ id: "road", measure: "usd-per-tonne-km", mode: "road", value: 0.1, year: 2020 }),
      rate({ id: "sea", measure: "usd-per-tonne-km", mode: "sea", value: 0.01, year: 2020 }),
    ];
    const net = routeNetworkFrom(w);
    const c = routeCostsFor({ assets: new Map(), transportRates: rates }, net, "cobalt", 2025);
    const by = new Map(c.legs.map((l) => [l.leg, l]));
    expect(by.get("west-us")).toMatchObject({ moneyBasis: "estimate", moneyUsdPerTonne: 100 });
    expect(by.get("east-us")).toMatchObject({ moneyBasis: "estimate", moneyUsdPerTonne: 150 });
    // No distance: never cheaper than a sea leg that has one.
    expect(by.get("east-cn")).toMatchObject({ moneyBasis: "pessimistic", moneyUsdPerTonne: 160 });
    const ports = portCostsFrom(net, c, ["h"]);
    const east = ports.find((p) => p.port === "east");
    const west = ports.find((p) => p.port === "west");
    expect(east?.generalisedUsdPerTonne).toBe(60);
    expect(west?.generalisedUsdPerTonne).toBe(100);
    // Landed in the US: the west port wins although it is dearer to reach (100 + 100 < 60 + 150).
    expect(west?.landed.find((l) => l.market === "us")?.landedUsdPerTonne).toBe(200);
    expect(east?.landed.find((l) => l.market === "us")?.landedUsdPerTonne).toBe(210);
    expect(east?.landed.map((l) => l.market)).toEqual(["cn", "us"]);
    // Without a sea rate the sea legs are not costed and nothing is landed at a price.
    const none = routeCostsFor(
      { assets: new Map(), transportRates: rates.slice(0, 1) },
      net,
      "cobalt",
      2025,
    );
    expect(none.legs.filter((l) => l.moneyBasis === "not-costed").length).toBe(4);
    expect(
      portCostsFrom(net, none, ["h"]).every((p) =>
        p.landed.every((l) => l.landedUsdPerTonne === null),
      ),
    ).toBe(true);
  });
});

describe("routeNetworkFrom() with connect", () => {
  const asset = (id: string, o: { lat?: number; province?: string }) =>
    ({
      id,
      name: id,
      kind: "mine",
      country: "CD",
      province: o.province ?? null,
      location: o.lat !== undefined ? { lat: o.lat, lon: 0 } : null,
      status: "operating",
      commodities: ["copper"],
      sources: ["s"],
      asOf: "2025",
    }) as unknown as Asset;

  it("routeNetworkFrom() joins an asset without a node to the nearest hub that reaches a port, else to its province's hub", () => {
    const w = _routeWorld(
      [
        ["a", "mine", "CD", { asset: "mine-a" }],
        ["h", "hub", "CD"],
        ["dead", "hub", "CD"],
        ["p", "port", "TZ"],
      ],
      [
        ["a", "h"],
        ["h", "p"],
      ],
    );
    const nodes = new Map(w.routeNodes);
    for (const [id, lat] of [
      ["h", 1],
      ["dead", 0.1],
    ] as const) {
      const n = nodes.get(id);
      if (n) nodes.set(id, { ...n, location: { lat, lon: 0 } });
    }
    const net = routeNetworkFrom(
      { ...w, routeNodes: nodes },
      {
        connect: [asset("near-dead", { lat: 0 }), asset("no-point", { province: "Lualaba" })],
        provinces: new Map([
          ["mine-a", "Lualaba"],
          ["no-point", "Lualaba"],
        ]),
      },
    );
    expect(net.connected.map((c) => [c.asset, c.hub])).toEqual([
      ["near-dead", "h"],
      ["no-point", "h"],
    ]);
    expect(net.connected[1]?.how).toBe("the hub the other mines of Lualaba use (1 of them)");
    expect(net.nodesOfAsset.get("no-point")).toEqual(["auto-node-no-point"]);
  });
});
