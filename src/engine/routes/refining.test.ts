import { describe, expect, it } from "vitest";
import { formStage, refiningFor } from "./refining.js";

const world = {
  assets: new Map([
    [
      "r-cn",
      {
        id: "r-cn",
        name: "CN refinery",
        kind: "refinery",
        country: "CN",
        status: "operating",
        commodities: ["cobalt"],
      },
    ],
    [
      "r-fi",
      {
        id: "r-fi",
        name: "FI refinery",
        kind: "refinery",
        country: "FI",
        status: "operating",
        commodities: ["cobalt"],
      },
    ],
    ["m1", { id: "m1", name: "Mine 1", kind: "mine", country: "CD", commodities: ["cobalt"] }],
    ["m2", { id: "m2", name: "Mine 2", kind: "mine", country: "CD", commodities: ["cobalt"] }],
  ]),
  production: [
    { id: "c1", asset: "r-cn", commodity: "cobalt", period: "2020", tonnes: 60, basis: "capacity" },
    {
      id: "c2",
      asset: "r-fi",
      commodity: "cobalt",
      period: "2020",
      tonnes: null,
      tonnesMin: 10,
      basis: "capacity",
    },
  ],
  stakes: [
    { owned: "r-cn", owner: "cn-co", share: 1 },
    { owned: "r-fi", owner: "us-co", share: 0.6 },
  ],
  entities: new Map([
    ["cn-co", { id: "cn-co", country: "CN" }],
    ["us-co", { id: "us-co", country: "US" }],
  ]),
  countryProduction: [
    { id: "cn", country: "CN", commodity: "cobalt", year: 2017, tonnes: 64, stage: "refinery" },
    { id: "w", country: null, commodity: "cobalt", year: 2017, tonnes: 100, stage: "refinery" },
  ],
} as never;

describe("refiningFor()", () => {
  it("refiningFor() sends intermediates to their destination's refineries up to capacity and keeps refined tonnes at the mine", () => {
    const r = refiningFor(
      world,
      "cobalt",
      2024,
      [
        { asset: "m1", destination: "x", tonnes: 100, buyerCountry: "CN" },
        { asset: "m1", destination: "x", tonnes: 20, buyerCountry: "FI" },
        { asset: "m2", destination: "x", tonnes: 30, buyerCountry: "US" },
        { asset: "m1", destination: "x", tonnes: 5, buyerCountry: "unrecorded" },
      ],
      new Map([["m2", "CN"]]),
      new Map([
        ["m1", "cobalt hydroxide"],
        ["m2", "cobalt metal"],
      ]),
    );
    expect(r.refiners.map((x) => [x.refiner, x.controllerCountry, x.tonnes])).toEqual([
      ["r-cn", "CN", 60],
      ["unrecorded:CN", "unknown", 40],
      ["at-mine:m2", "CN", 30],
      ["r-fi", "US", 10],
      ["unrecorded:FI", "unknown", 10],
      ["unrecorded:unrecorded", "unknown", 5],
    ]);
    expect(r.chineseControlled).toEqual({ tonnes: 90, share: 90 / 155 });
    // US buyers took the metal of m2 (30 t) and a US-controlled plant refines 10 t in Finland.
    expect(r.usUsable.tonnes).toBe(40);
    expect(r.chinaRefinedShareCheck).toMatchObject({ year: 2017, share: 0.64 });
  });

  it("formStage() reads intermediates and refined forms from their names", () => {
    expect(
      [
        "cobalt hydroxide",
        "copper concentrate",
        "blister copper",
        "copper cathode",
        "cobalt sulphate",
        undefined,
      ].map(formStage),
    ).toEqual(["intermediate", "intermediate", "intermediate", "refined", "refined", "unrecorded"]);
  });
});
