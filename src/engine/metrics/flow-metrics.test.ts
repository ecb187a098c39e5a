import { describe, expect, it } from "vitest";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { allocationFor } from "../allocation/allocation.js";
import { flowMetricsFrom } from "./flow-metrics.js";

function world() {
  return _testWorld({
    entities: [
      { id: "orion", country: "US" },
      { id: "cmoc", country: "CN" },
      { id: "trader", country: null },
      { id: "vault-holder", country: "CH" },
    ],
    assets: [{ id: "kcc" }, { id: "tfm" }],
    production: [
      { asset: "kcc", period: "2025", tonnes: 10_000 },
      { asset: "tfm", period: "2025", tonnes: 30_000 },
    ],
    offtakes: [
      {
        seller: "kcc",
        buyer: "orion",
        term: { kind: "share-of-production", share: 0.4 },
        destination: "us-east",
      },
      { seller: "tfm", buyer: "cmoc", term: { kind: "share-of-production", share: 0.8 } },
      { seller: "tfm", buyer: "trader", term: { kind: "fixed", tonnes: 2_000 } },
      { seller: "kcc", buyer: "vault-holder", term: { kind: "fixed", tonnes: 1_000 } },
    ],
    stockpiles: [
      {
        name: "Vault",
        holder: "vault-holder",
        country: "US",
        status: "launched",
        budgetUsd: null,
        commodities: [],
        holdings: [],
        targets: [],
      },
    ],
    demand: [
      {
        country: "US",
        commodity: "cobalt",
        year: 2024,
        apparentConsumptionTonnes: null,
        netImportReliance: 0.76,
        netImportsTonnes: null,
      },
    ],
    countryProduction: [
      { country: null, commodity: "cobalt", year: 2024, tonnes: 290_000, stage: "mine" },
      { country: "CD", commodity: "cobalt", year: 2024, tonnes: 220_000, stage: "mine" },
    ],
    tradeRules: [{ kind: "export-ban", validFrom: "2025-01-01", validTo: "2025-03-31" }],
  });
}

describe("flowMetricsFrom()", () => {
  it("flowMetricsFrom() adds produced = held back + Σ buyers + open market, and shares of exported tonnes", () => {
    const w = world();
    const m = flowMetricsFrom(
      w,
      allocationFor(w, { commodity: "cobalt", period: "2025", lookThrough: () => 0 }),
    );
    const buyers = m.byBuyer.reduce((s, b) => s + b.tonnes, 0);
    expect(m.heldBackTonnes + buyers + m.openMarketTonnes).toBeCloseTo(m.producedTonnes);
    expect(m.heldBackTonnes).toBeCloseTo((40_000 * 90) / 365);
    expect(m.exportedTonnes).toBeCloseTo(m.producedTonnes - m.heldBackTonnes);
    const cn = m.byBuyerCountry.find((r) => r.country === "CN");
    expect(cn?.share).toBeCloseTo((cn?.tonnes ?? 0) / m.exportedTonnes);
    expect(m.byBuyerCountry.map((r) => r.country)).toContain("unknown");
  });

  it("flowMetricsFrom() counts US buyers and US stockpile holders as US-accessible", () => {
    const w = world();
    const m = flowMetricsFrom(
      w,
      allocationFor(w, { commodity: "cobalt", period: "2025", lookThrough: () => 0 }),
    );
    expect(m.usAccessible.buyers.sort()).toEqual(["orion", "vault-holder"]);
    const orion = m.byBuyer.find((b) => b.buyer === "orion")?.tonnes ?? 0;
    expect(m.usAccessible.tonnes).toBeCloseTo(orion + 1_000);
  });

  it("flowMetricsFrom() counts tonnes delivered to a US market node as US-accessible, whatever the buyer's country", () => {
    const w = _testWorld({
      entities: [{ id: "consortium", country: null }],
      assets: [{ id: "kcc" }],
      production: [{ asset: "kcc", period: "2025", tonnes: 10_000 }],
      offtakes: [
        {
          seller: "kcc",
          buyer: "consortium",
          term: { kind: "share-of-production", share: 0.3 },
          destination: "us-market",
        },
      ],
      routeNodes: [{ id: "us-market", country: "US" }],
    });
    const m = flowMetricsFrom(
      w,
      allocationFor(w, { commodity: "cobalt", period: "2025", lookThrough: () => 0 }),
    );
    expect(m.usAccessible.buyers).toEqual(["consortium"]);
    expect(m.usAccessible.tonnes).toBeCloseTo(3_000);
    expect(m.byBuyerCountry.find((r) => r.country === "US")).toBeUndefined();
  });

  it("flowMetricsFrom() leaves unknown buyers out of the HHI without redistributing them", () => {
    const w = world();
    const m = flowMetricsFrom(
      w,
      allocationFor(w, { commodity: "cobalt", period: "2025", lookThrough: () => 0 }),
    );
    const named = m.byBuyerCountry.filter((r) => r.country !== "unknown");
    expect(m.hhi.byBuyerCountry).toBeCloseTo(named.reduce((s, r) => s + (100 * r.share) ** 2, 0));
  });

  it("flowMetricsFrom() takes US net import reliance from the dataset and names missing supply-risk inputs", () => {
    const w = world();
    const m = flowMetricsFrom(
      w,
      allocationFor(w, { commodity: "cobalt", period: "2025", lookThrough: () => 0 }),
    );
    expect(m.netImportReliance).toMatchObject({ value: 0.76, year: 2024, record: "d0" });
    expect(m.supplyRisk.value).toBeNull();
    expect(m.missing).toContain("Supply risk: WGI (scaled 0–10) by country");
  });
});
