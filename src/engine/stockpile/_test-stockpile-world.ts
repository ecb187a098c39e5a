/** A small world for the stockpile tests: two cobalt mines, a US stockpile, prices, routes. Private. */
import type { Dataset } from "../../model/dataset.js";
import type { World } from "../../model/world.js";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { _routeWorld } from "../routes/_route-test-network.js";

type Loose<T> = { [K in keyof T]?: unknown };

const P = { sources: ["s"], asOf: "2025" };

export interface _StockpileWorldInput {
  asOf?: string;
  holdings?: { commodity: string; tonnes: number | null; bookValueUsd: number | null }[];
  targets?: { commodity: string; tonnes?: number; months?: number }[];
  budgetUsd?: number | null;
  /** US cobalt net imports, t/yr (null: reliance only). */
  cobaltNetImports?: number | null;
  movements?: Loose<Dataset["stockpileMovements"][number]>[];
  /** A DRC cobalt export ban over the whole of 2026. */
  ban?: boolean;
  /** Lobito leg capacity, t/yr. */
  lobitoCap?: number | null;
}

/**
 * Mines a (1,200 t cobalt in 2026) and b (2,400 t); b sells 25% to a US buyer; the rest is open
 * market. Stockpile "vault" (holder us-reserve) holds what `holdings` says; cobalt at $50,000/t.
 */
export function _stockpileWorld(o: _StockpileWorldInput = {}): World {
  const w = _testWorld({
    asOf: o.asOf ?? "2025-12-15",
    entities: [
      { id: "us-reserve", country: "US" },
      { id: "us-buyer", country: "US" },
    ],
    assets: [{ id: "a" }, { id: "b" }],
    production: [
      { asset: "a", period: "2026", tonnes: 1200 },
      { asset: "b", period: "2026", tonnes: 2400 },
    ],
    offtakes: [
      { seller: "b", buyer: "us-buyer", term: { kind: "share-of-production", share: 0.25 } },
    ],
    tradeRules: o.ban
      ? [{ kind: "export-ban", validFrom: "2026-01-01", validTo: "2026-12-31" }]
      : [],
    stockpiles: [
      {
        id: "vault",
        name: "Vault",
        holder: "us-reserve",
        country: "US",
        status: "launched",
        budgetUsd: o.budgetUsd === undefined ? 100_000_000 : o.budgetUsd,
        commodities: ["cobalt", "zinc"],
        targetMonths: 2,
        holdings: o.holdings ?? [],
        targets: o.targets ?? [],
        asOf: "2025-06-01",
      },
    ],
    demand: [
      {
        country: "US",
        commodity: "cobalt",
        year: 2024,
        apparentConsumptionTonnes: null,
        netImportReliance: 0.76,
        netImportsTonnes: o.cobaltNetImports === undefined ? 6000 : o.cobaltNetImports,
      },
    ],
  });
  const routes = _routeWorld(
    [
      ["mine-a", "mine", "CD", { asset: "a" }],
      ["mine-b", "mine", "CD", { asset: "b" }],
      ["lobito", "port", "AO"],
      ["us", "market", "US"],
    ],
    [
      ["mine-a", "lobito", { id: "a-lobito", cost: 100 }],
      ["mine-b", "lobito", { id: "b-lobito", cost: 300 }],
      ["lobito", "us", { id: "lobito-us", cost: 50, cap: o.lobitoCap ?? null }],
    ],
  );
  return {
    ...w,
    ...routes,
    prices: [
      {
        id: "price-co" as never,
        commodity: "cobalt",
        date: "2025-11",
        usdPerTonne: 50_000,
        quoted: "$50,000/t",
        ...P,
      } as unknown as World["prices"][number],
      {
        id: "price-co-old" as never,
        commodity: "cobalt",
        date: "2024",
        usdPerTonne: 20_000,
        quoted: "$20,000/t",
        ...P,
      } as unknown as World["prices"][number],
    ],
    stockpileMovements: (o.movements ?? []).map((m, i) => ({
      id: `mv${i}`,
      stockpile: "vault",
      commodity: "cobalt",
      valueUsd: null,
      ...P,
      ...m,
    })) as unknown as World["stockpileMovements"],
  } as World;
}
