import { describe, expect, it } from "vitest";
import { _testWorld } from "./_test-allocation-world.js";
import { quotaFor } from "./quota.js";

const BAN = { kind: "export-ban", validFrom: "2025-02-22", validTo: "2025-10-15" };
const Q4 = {
  kind: "export-quota",
  validFrom: "2025-10-16",
  validTo: "2025-12-31",
  capTonnes: 18_125,
  capPeriod: "2025-Q4",
  allocationMethod: "published-list",
};
const Y2026 = {
  kind: "export-quota",
  validFrom: "2026-01-01",
  validTo: "2027-12-31",
  capTonnes: 96_600,
  capPeriod: "2026",
  strategicTonnes: 9_600,
  allocationMethod: "pro-rata-past-exports",
};
const none = () => [] as string[];

describe("quotaFor()", () => {
  it("quotaFor() splits 2025 into free, banned and quota days", () => {
    const world = _testWorld({ tradeRules: [BAN, Q4] });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2025",
      country: "CD",
      producers: [{ asset: "a", tonnes: 100 }],
      assetsOf: none,
    });
    expect([r.freeDays, r.banDays, r.quotas[0]?.days]).toEqual([52, 236, 77]);
    expect(r.quotas[0]?.capTonnes).toBeCloseTo(18_125);
  });

  it("quotaFor() gives a quarter only the days of the cap it covers", () => {
    const world = _testWorld({ tradeRules: [BAN, Q4] });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2025-11",
      country: "CD",
      producers: [{ asset: "a", tonnes: 100 }],
      assetsOf: none,
    });
    expect(r.quotas[0]?.capTonnes).toBeCloseTo((18_125 * 30) / 77);
  });

  it("quotaFor() reserves the strategic tonnes and prorates an annual cap to a quarter", () => {
    const world = _testWorld({ tradeRules: [Y2026] });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2026-Q1",
      country: "CD",
      producers: [{ asset: "a", tonnes: 100 }],
      assetsOf: none,
    });
    const q = r.quotas[0];
    expect(q?.capTonnes).toBeCloseTo((96_600 * 90) / 365);
    expect(q?.allocatableTonnes).toBeCloseTo((87_000 * 90) / 365);
  });

  it("quotaFor() repeats a cap at its daily rate beyond its capPeriod and says so", () => {
    const world = _testWorld({ tradeRules: [Y2026] });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2027",
      country: "CD",
      producers: [{ asset: "a", tonnes: 100 }],
      assetsOf: none,
    });
    expect(r.quotas[0]?.capTonnes).toBeCloseTo(96_600);
    expect(r.notes.join("\n")).toContain("repeated at the same daily rate");
  });

  it("quotaFor() gives published assets their figure and splits a company's over its other assets", () => {
    const world = _testWorld({
      tradeRules: [
        {
          ...Q4,
          allocations: [
            { holder: "kfm", tonnes: 4_250 },
            { holder: "cmoc", tonnes: 6_500 },
            { holder: "glencore", tonnes: 3_925 },
          ],
        },
      ],
    });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2025-Q4",
      country: "CD",
      producers: [
        { asset: "kfm", tonnes: 9_000 },
        { asset: "tfm", tonnes: 6_000 },
        { asset: "kcc", tonnes: 3_000 },
        { asset: "mumi", tonnes: 1_000 },
        { asset: "ruashi", tonnes: 500 },
      ],
      assetsOf: (h) => (h === "cmoc" ? ["kfm", "tfm"] : h === "glencore" ? ["kcc", "mumi"] : []),
    });
    const cap = (a: string) => r.caps.find((c) => c.asset === a);
    expect(cap("kfm")?.capTonnes).toBeCloseTo(4_250);
    expect(cap("tfm")?.capTonnes).toBeCloseTo(2_250);
    expect(cap("tfm")?.basis).toBe("published-holder");
    expect(cap("kcc")?.capTonnes).toBeCloseTo(3_925 * 0.75);
    expect(cap("ruashi")?.capTonnes).toBeCloseTo(18_125 - 6_500 - 3_925);
    expect(cap("ruashi")?.basis).toBe("derived-pro-rata-production");
  });

  it("quotaFor() gives unlisted producers nothing when asked to", () => {
    const world = _testWorld({
      tradeRules: [{ ...Q4, allocations: [{ holder: "a", tonnes: 1 }] }],
    });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2025-Q4",
      country: "CD",
      producers: [
        { asset: "a", tonnes: 100 },
        { asset: "b", tonnes: 100 },
      ],
      assetsOf: none,
      unlisted: "zero",
    });
    expect(r.caps.find((c) => c.asset === "b")).toMatchObject({
      capTonnes: 0,
      basis: "unlisted-zero",
    });
  });

  it("quotaFor() shares a pro-rata quota by past exports when given, and names them missing otherwise", () => {
    const world = _testWorld({ tradeRules: [Y2026] });
    const base = {
      commodity: "cobalt" as const,
      period: "2026",
      country: "CD",
      producers: [
        { asset: "a", tonnes: 100 },
        { asset: "b", tonnes: 300 },
      ],
      assetsOf: none,
    };
    const given = quotaFor(world, {
      ...base,
      pastExports: new Map([
        ["a", 3],
        ["b", 1],
      ]),
    });
    expect(given.caps.find((c) => c.asset === "a")?.capTonnes).toBeCloseTo(87_000 * 0.75);
    const lacking = quotaFor(world, base);
    expect(lacking.caps.find((c) => c.asset === "a")?.capTonnes).toBeCloseTo(87_000 * 0.25);
    expect(lacking.missing[0]).toContain("Past exports per producer");
  });

  it("quotaFor() scales published allocations down to the allocatable cap", () => {
    const world = _testWorld({
      tradeRules: [{ ...Y2026, allocations: [{ holder: "a", tonnes: 100_000 }] }],
    });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2026",
      country: "CD",
      producers: [{ asset: "a", tonnes: 200_000 }],
      assetsOf: none,
    });
    expect(r.caps[0]?.capTonnes).toBeCloseTo(87_000);
    expect(r.notes[0]).toContain("scaled down");
  });

  it("quotaFor() ignores rules of other countries and commodities", () => {
    const world = _testWorld({
      tradeRules: [
        { ...BAN, country: "ZM" },
        { ...BAN, commodity: "copper" },
      ],
    });
    const r = quotaFor(world, {
      commodity: "cobalt",
      period: "2025",
      country: "CD",
      producers: [],
      assetsOf: none,
    });
    expect(r.freeDays).toBe(365);
  });
});
