/** Small worlds for the allocation tests: records with only the fields the engine reads. Private. */
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import { type World, worldFrom } from "../../model/world.js";

type Loose<T> = { [K in keyof T]?: unknown };

export interface _TestWorldInput {
  asOf?: string;
  entities?: { id: string; country: string | null; name?: string }[];
  assets?: {
    id: string;
    country?: string;
    commodities?: string[];
    operator?: string;
    kind?: string;
    status?: string;
  }[];
  production?: Loose<Dataset["production"][number]>[];
  offtakes?: Loose<Dataset["offtakes"][number]>[];
  tradeRules?: Loose<Dataset["tradeRules"][number]>[];
  stakes?: { owner: string; owned: string; share: number }[];
  stockpiles?: Loose<Dataset["stockpiles"][number]>[];
  demand?: Loose<Dataset["demand"][number]>[];
  countryProduction?: Loose<Dataset["countryProduction"][number]>[];
  routeNodes?: { id: string; country: string; kind?: string }[];
}

const P = { sources: ["s"], asOf: "2025" };

/** A world from loose records; defaults fill what the engine does not read. */
export function _testWorld(input: _TestWorldInput): World {
  const ds = emptyDataset() as unknown as Record<string, unknown[]>;
  ds.sources = [{ id: "s", title: "Test", kind: "analyst", confidence: "low" }];
  ds.entities = (input.entities ?? []).map((e) => ({ name: e.id, kind: "company", ...P, ...e }));
  ds.assets = (input.assets ?? []).map((a) => ({
    name: a.id,
    kind: "mine",
    country: "CD",
    province: null,
    location: null,
    status: "operating",
    commodities: ["cobalt"],
    ...P,
    ...a,
  }));
  ds.production = (input.production ?? []).map((p, i) => ({
    id: `p${i}`,
    basis: "actual",
    commodity: "cobalt",
    ...P,
    ...p,
  }));
  ds.offtakes = (input.offtakes ?? []).map((o, i) => ({
    id: `o${i}`,
    commodity: "cobalt",
    priority: i,
    status: "active",
    ...P,
    ...o,
  }));
  ds.tradeRules = (input.tradeRules ?? []).map((r, i) => ({
    id: `r${i}`,
    country: "CD",
    commodity: "cobalt",
    ...P,
    ...r,
  }));
  ds.stakes = (input.stakes ?? []).map((s, i) => ({ id: `k${i}`, kind: "equity", ...P, ...s }));
  ds.stockpiles = (input.stockpiles ?? []).map((s, i) => ({ id: `sp${i}`, ...P, ...s }));
  ds.demand = (input.demand ?? []).map((d, i) => ({ id: `d${i}`, ...P, ...d }));
  ds.countryProduction = (input.countryProduction ?? []).map((c, i) => ({
    id: `c${i}`,
    ...P,
    ...c,
  }));
  ds.routeNodes = (input.routeNodes ?? []).map((n) => ({
    name: n.id,
    kind: "market",
    location: null,
    status: "operating",
    ...P,
    ...n,
  }));
  return worldFrom(ds as unknown as Dataset, input.asOf ?? "2026-12-31");
}

/** Direct stakes only, as a look-through function (enough where no chains exist). */
export function _directLookThrough(world: World): (holder: string, asset: string) => number {
  return (holder, asset) =>
    world.stakes
      .filter((s) => s.owner === holder && s.owned === asset)
      .reduce((a, s) => a + s.share, 0);
}
