import { describe, expect, it } from "vitest";
import type { CorridorTarget } from "../../model/corridor-target.js";
import { _routeWorld } from "./_route-test-network.js";
import {
  calibrationRowFor,
  capacityOverridesFrom,
  fittedCapacitiesFor,
} from "./route-calibration.js";
import type { RouteResult } from "./route-flows.js";
import { routeNetworkFrom } from "./route-network.js";

const target = (o: Record<string, unknown>) =>
  ({
    commodity: "copper",
    year: 2022,
    use: "check",
    sources: ["s"],
    asOf: "2022",
    ...o,
  }) as unknown as CorridorTarget;

const net = routeNetworkFrom(
  _routeWorld(
    [
      ["k", "border", "ZM"],
      ["dar", "port", "TZ"],
      ["beira", "port", "MZ"],
      ["walvis", "port", "NA"],
      ["durban", "port", "ZA"],
    ],
    [
      ["k", "dar"],
      ["k", "beira"],
      ["k", "walvis"],
      ["k", "durban", { cap: 5 }],
    ],
  ),
  { worldMarket: true },
);

describe("fittedCapacitiesFor()", () => {
  it("fittedCapacitiesFor() gives a port its own share, splits a group's rest equally, and skips sourced capacities", () => {
    const f = fittedCapacitiesFor(
      [
        target({
          id: "south",
          use: "fit",
          scope: { country: "CD" },
          via: ["durban", "beira", "walvis"],
          share: 0.3,
        }),
        target({ id: "durban", use: "fit", scope: { country: "CD" }, via: ["durban"], share: 0.1 }),
        target({ id: "dar", scope: { country: "CD" }, via: ["dar"], share: 0.7 }),
      ],
      1000,
      net,
    );
    expect(f.map((x) => [x.port, x.tonnesPerYear, x.legs])).toEqual([
      ["beira", 100, ["k-beira"]],
      ["walvis", 100, ["k-walvis"]],
    ]);
    expect(f[0]?.arithmetic).toBe(
      "(0.3 of south − 0.1 with targets of their own) ÷ 2 ports = 0.1 × 1,000 t exported in 2022 = 100 t/y",
    );
    expect([...capacityOverridesFrom(f)]).toEqual([
      ["k-beira", 100],
      ["k-walvis", 100],
    ]);
  });
});

describe("calibrationRowFor()", () => {
  const result = {
    routes: [
      { asset: "a", nodes: ["ma", "h", "dar"], tonnes: 60 },
      { asset: "b", nodes: ["mb", "h", "beira"], tonnes: 40 },
    ],
    legs: [
      { from: "ma", to: "h", tonnes: 60 },
      { from: "mb", to: "h", tonnes: 40 },
      { from: "h", to: "dar", tonnes: 60 },
      { from: "h", to: "beira", tonnes: 40 },
    ],
  } as unknown as RouteResult;
  const world = {
    assets: new Map([
      ["a", { id: "a", country: "CD" }],
      ["b", { id: "b", country: "CD" }],
    ]),
  } as never;

  it("calibrationRowFor() measures a country's share through the ports and says whether it lies in range", () => {
    const r = calibrationRowFor(
      world,
      target({
        id: "t",
        scope: { country: "CD" },
        via: ["dar"],
        share: 0.7,
        shareMin: 0.65,
        shareMax: 0.75,
      }),
      result,
    );
    expect(r).toMatchObject({ unit: "share", model: 0.6, within: false });
    expect(r.error).toBeCloseTo(-0.1, 12);
  });

  it("calibrationRowFor() follows a named asset's tonnes through its hub's split, not the LP's arbitrary pick", () => {
    const r = calibrationRowFor(
      world,
      target({ id: "t", scope: { assets: ["b"] }, via: ["dar"], tonnes: 24 }),
      result,
    );
    expect(r).toMatchObject({ unit: "tonnes", model: 24, error: 0, within: true });
    expect(
      calibrationRowFor(
        world,
        target({ id: "t", scope: { assets: ["b"] }, via: ["dar"], tonnes: 24 }),
        null,
      ),
    ).toMatchObject({ model: null, within: null });
  });
});
