/** Small hand-made worlds for tests: terse builders that fill in provenance. */
import type { Commodity } from "../../model/commodity.js";
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import type { EntityKind } from "../../model/entity.js";
import type { AssetId, EntityId, NodeId, RecordId, SourceId } from "../../model/ids.js";
import { type World, worldFrom } from "../../model/world.js";

const SRC = "test-source" as SourceId;
const prov = { sources: [SRC], asOf: "2025" };

export interface TestWorldSpec {
  entities?: [id: string, kind: EntityKind, country: string | null][];
  assets?: [
    id: string,
    country: string,
    commodities?: Commodity[],
    province?: string,
    territory?: string,
  ][];
  stakes?: [owner: string, owned: string, share: number, min?: number, max?: number][];
  production?: [asset: string, commodity: Commodity, period: string, tonnes: number][];
  territories?: [controller: string, province: string, territories: string[], assets: string[]][];
}

export function testDataset(spec: TestWorldSpec): Dataset {
  const ds = emptyDataset();
  ds.sources.push({ id: SRC, title: "Test", kind: "primary", confidence: "high" });
  for (const [id, kind, country] of spec.entities ?? [])
    ds.entities.push({
      id: id as EntityId,
      name: id.toUpperCase(),
      kind,
      country: country as never,
      ...prov,
    });
  for (const [id, country, commodities, province, territory] of spec.assets ?? [])
    ds.assets.push({
      id: id as AssetId,
      name: id.toUpperCase(),
      kind: "mine",
      country: country as never,
      province: province ?? null,
      territory: territory ?? null,
      location: null,
      status: "operating",
      commodities: commodities ?? ["cobalt"],
      ...prov,
    });
  for (const [i, [owner, owned, share, min, max]] of (spec.stakes ?? []).entries())
    ds.stakes.push({
      id: `s${i}` as RecordId,
      owner: owner as EntityId,
      owned: owned as NodeId,
      share,
      ...(min !== undefined ? { shareMin: min } : {}),
      ...(max !== undefined ? { shareMax: max } : {}),
      kind: "equity",
      ...prov,
    });
  for (const [i, [asset, commodity, period, tonnes]] of (spec.production ?? []).entries())
    ds.production.push({
      id: `p${i}` as RecordId,
      asset: asset as AssetId,
      commodity,
      period: period as never,
      tonnes,
      basis: "actual",
      ...prov,
    });
  for (const [i, [controller, province, territories, assets]] of (spec.territories ?? []).entries())
    ds.territories.push({
      id: `t${i}` as RecordId,
      controller: controller as EntityId,
      country: "CD" as never,
      province,
      territories,
      assets: assets as AssetId[],
      validFrom: "2024-01-01" as never,
      ...prov,
    });
  return ds;
}

export function testWorld(spec: TestWorldSpec, asOf = "2025-12-31"): World {
  return worldFrom(testDataset(spec), asOf);
}
