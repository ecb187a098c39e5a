import { describe, expect, it } from "vitest";
import type { Allocation } from "../allocation/allocation.js";
import { _handNetwork } from "./_route-test-network.js";
import type { DestinationPrior } from "./destination-prior.js";
import { WORLD_MARKET } from "./route-network.js";
import { shipmentsFromAllocation, UNRECORDED } from "./route-shipments.js";

const line = (buyer: string, buyerCountry: string | null, tonnes: number) => ({
  offtake: `o-${buyer}`,
  buyer,
  buyerName: buyer,
  buyerCountry,
  destination: null,
  tonnes,
});
const alloc = (assets: { asset: string; lines: ReturnType<typeof line>[]; open: number }[]) =>
  ({
    assets: assets.map((a) => ({ asset: a.asset, lines: a.lines, openMarketTonnes: a.open })),
  }) as unknown as Allocation;
const prior = (shares: [string, number][]): DestinationPrior => ({
  commodity: "cobalt",
  exporter: "CD",
  statisticsYear: 2024,
  total: { tonnes: 1, stage: "exports", year: 2024, record: "t" },
  entries: shares.map(([country, share]) => ({
    country,
    share,
    statisticTonnes: share,
    statisticMin: share,
    statisticMax: share,
    flows: [`tf-${country}`],
  })),
  unrecordedShare: 1 - shares.reduce((a, [, s]) => a + s, 0),
  notes: [],
});

describe("shipmentsFromAllocation()", () => {
  it("shipmentsFromAllocation() sends a buyer without a market node to the world market, labelled with its country", () => {
    const s = shipmentsFromAllocation(
      _handNetwork(),
      alloc([
        {
          asset: "a",
          lines: [line("x", "US", 10), line("y", "HK", 5), line("z", null, 1)],
          open: 0,
        },
      ]),
      { defaultMarket: WORLD_MARKET },
    );
    expect(s.map((x) => [x.destination, x.buyerCountry, x.tonnes])).toEqual([
      ["m-us", "US", 10],
      [WORLD_MARKET, "HK", 5],
      [WORLD_MARKET, UNRECORDED, 1],
    ]);
  });

  it("shipmentsFromAllocation() tops each country up to its statistical share from the open market, and labels the rest unrecorded", () => {
    // 100 t exported: 20 t named to CN; CN's share 0.5 wants 50 t, so 30 of the 80 open-market
    // tonnes go to CN, 10 % (of 100) to the US, the other 40 t are unrecorded.
    const s = shipmentsFromAllocation(
      _handNetwork(),
      alloc([
        { asset: "a", lines: [line("x", "CN", 20)], open: 40 },
        { asset: "b", lines: [], open: 40 },
      ]),
      {
        defaultMarket: WORLD_MARKET,
        prior: prior([
          ["CN", 0.5],
          ["US", 0.1],
        ]),
      },
    );
    const to = (country: string) =>
      s.filter((x) => x.buyerCountry === country).reduce((t, x) => t + x.tonnes, 0);
    expect(to("CN")).toBeCloseTo(50, 9);
    expect(to("US")).toBeCloseTo(10, 9);
    expect(to(UNRECORDED)).toBeCloseTo(40, 9);
    expect(s.reduce((t, x) => t + x.tonnes, 0)).toBeCloseTo(100, 9);
    expect(s.filter((x) => x.asset === "b").map((x) => x.destination)).toEqual([
      "m-cn",
      "m-us",
      WORLD_MARKET,
    ]);
  });

  it("shipmentsFromAllocation() never sends more than the open market when the named buyers already exceed a share", () => {
    const s = shipmentsFromAllocation(
      _handNetwork(),
      alloc([{ asset: "a", lines: [line("x", "CN", 90)], open: 10 }]),
      {
        defaultMarket: WORLD_MARKET,
        prior: prior([
          ["CN", 0.5],
          ["US", 0.4],
        ]),
      },
    );
    expect(s.map((x) => [x.buyerCountry, x.tonnes])).toEqual([
      ["CN", 90],
      ["US", 10],
    ]);
  });
});
