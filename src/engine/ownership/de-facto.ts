/**
 * De facto control: an asset inside an area an armed group holds on the world's date is
 * controlled by that group, whatever its legal owners. A territory record places an asset in
 * its area in one of three ways, tried in this order over every record in force:
 *
 * 1. `named`: the record's `assets` lists it (the sources name the site as held);
 * 2. `admin-unit`: the asset's territoire (`territory`) is a unit the record holds whole: listed
 *    in `territories`, or an `extent` unit of level territoire or ville with `held: whole`, in
 *    the same country and province;
 * 3. `polygon`: the asset's recorded point lies inside the boundary of an `extent` unit held
 *    whole, or inside the record's own drawn `boundary`.
 *
 * A unit held `partial` or `town` never places a site by itself: the sources say part of it is
 * held, not which part. When several records place one asset at the same step, the most recent
 * (latest validFrom, then id) wins. See docs/methodology.md, "De facto control by territory".
 */
import type { Asset } from "../../model/asset.js";
import type { AssetId, EntityId, RecordId, SourceId } from "../../model/ids.js";
import type { AdminLevel, AdminUnit, TerritoryControl } from "../../model/territory.js";
import type { World } from "../../model/world.js";
import { distanceToEdgeKm, pointInGeometry } from "./point-in-geometry.js";

/** How a territory record places an asset in its area. */
export const PLACEMENT_BASES = ["named", "admin-unit", "polygon"] as const;
export type PlacementBasis = (typeof PLACEMENT_BASES)[number];

/** Below this distance from a boundary, a placement by polygon is flagged as near the edge. */
export const NEAR_EDGE_KM = 1;

/** Why an asset is under an armed group's de facto control on the world's date. */
export interface DeFactoPlacement {
  controller: EntityId;
  /** The territory record that places it. */
  territory: RecordId;
  /** The day the record's hold began (inclusive), and ended if the sources give it. */
  validFrom: string;
  validTo?: string;
  basis: PlacementBasis;
  /** The unit that places it (admin-unit and polygon bases); absent for a named site. */
  unit?: { name: string; level: AdminLevel; pcode?: string };
  /** Polygon basis: the distance from the asset's point to the nearest edge, in km. */
  edgeKm?: number;
  /** The territory record's sources, then the boundary's (polygon basis). */
  sources: SourceId[];
}

/** Lower case without accents, for matching unit names ("Kalehe" = "kalehe", "Mwenga" = "Mwénga"). */
export function unitKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();
}

const SECOND_LEVEL: ReadonlySet<AdminLevel> = new Set(["territoire", "ville"]);

/** The placement of `asset` by one record at one step, if it places it there. */
function placeBy(
  t: TerritoryControl,
  asset: Asset,
  step: PlacementBasis,
): DeFactoPlacement | undefined {
  const base = {
    controller: t.controller,
    territory: t.id,
    validFrom: t.validFrom,
    ...(t.validTo !== undefined ? { validTo: t.validTo } : {}),
  };
  const unitOf = (u: AdminUnit) => ({
    name: u.name,
    level: u.level,
    ...(u.pcode !== undefined ? { pcode: u.pcode } : {}),
  });
  if (step === "named") {
    if (!t.assets.includes(asset.id)) return undefined;
    return { ...base, basis: "named", sources: [...t.sources] };
  }
  if (step === "admin-unit") {
    if (asset.country !== t.country || asset.province === null || asset.province !== t.province)
      return undefined;
    if (typeof asset.territory !== "string") return undefined;
    const key = unitKey(asset.territory);
    if (t.territories.some((x) => unitKey(x) === key))
      return {
        ...base,
        basis: "admin-unit",
        unit: { name: asset.territory, level: "territoire" },
        sources: [...t.sources],
      };
    const u = (t.extent ?? []).find(
      (x) => x.held === "whole" && SECOND_LEVEL.has(x.level) && unitKey(x.name) === key,
    );
    if (!u) return undefined;
    return { ...base, basis: "admin-unit", unit: unitOf(u), sources: [...t.sources] };
  }
  const at = asset.location;
  if (!at) return undefined;
  for (const u of t.extent ?? []) {
    if (u.held !== "whole" || !u.boundary) continue;
    if (!pointInGeometry(at, u.boundary.geometry)) continue;
    return {
      ...base,
      basis: "polygon",
      unit: unitOf(u),
      edgeKm: distanceToEdgeKm(at, u.boundary.geometry),
      sources: [...new Set([...t.sources, ...u.boundary.sources])],
    };
  }
  if (t.boundary && pointInGeometry(at, t.boundary.geometry))
    return {
      ...base,
      basis: "polygon",
      edgeKm: distanceToEdgeKm(at, t.boundary.geometry),
      sources: [...new Set([...t.sources, ...t.boundary.sources])],
    };
  return undefined;
}

/** The more recent of two placements at the same step: latest validFrom, then the larger id. */
function newer(a: DeFactoPlacement | undefined, b: DeFactoPlacement): DeFactoPlacement {
  if (!a) return b;
  if (b.validFrom !== a.validFrom) return b.validFrom > a.validFrom ? b : a;
  return b.territory > a.territory ? b : a;
}

/** How an asset is placed in the given territory records (those in force on a date), if it is. */
export function placementIn(
  territories: readonly TerritoryControl[],
  asset: Asset,
): DeFactoPlacement | undefined {
  for (const step of PLACEMENT_BASES) {
    let found: DeFactoPlacement | undefined;
    for (const t of territories) {
      const p = placeBy(t, asset, step);
      if (p) found = newer(found, p);
    }
    if (found) return found;
  }
  return undefined;
}

/** The armed group holding the asset's ground on the world's date, with why, if any. */
export function deFactoControllerOf(world: World, asset: AssetId): DeFactoPlacement | undefined {
  const a = world.assets.get(asset);
  if (!a) return undefined;
  return placementIn(world.territories, a);
}

/** In words: "named in afc-m23-masisi", "in Walikale (territoire, held whole)", "inside …". */
export function placementText(p: DeFactoPlacement): string {
  const unit = p.unit
    ? `${p.unit.name} (${p.unit.level}${p.unit.pcode ? ` ${p.unit.pcode}` : ""})`
    : "";
  const held = `held since ${p.validFrom}${p.validTo ? ` until ${p.validTo}` : ""}`;
  if (p.basis === "named") return `named by territory record ${p.territory} (${held})`;
  if (p.basis === "admin-unit")
    return `in ${unit}, held whole per territory record ${p.territory} (${held})`;
  const edge =
    p.edgeKm === undefined
      ? ""
      : p.edgeKm < NEAR_EDGE_KM
        ? `; only ${p.edgeKm.toFixed(2)} km from the edge, within the boundary's and the point's precision`
        : `; ${p.edgeKm.toFixed(1)} km from the edge`;
  return `its point lies inside the boundary of ${unit || "the held area"}, held whole per territory record ${p.territory} (${held}${edge})`;
}

/** A record holding part of the asset's territoire (or its town) without placing the asset. */
export interface PartialHold {
  controller: EntityId;
  territory: RecordId;
  unit: string;
  held: "partial" | "town";
}

/**
 * The records in force that hold the asset's territoire only in part: the sources place the
 * group in the unit, not at the site. Shown beside the asset as a gap, never counted.
 */
export function partialHoldsOf(
  territories: readonly TerritoryControl[],
  asset: Asset,
): PartialHold[] {
  if (typeof asset.territory !== "string" || asset.province === null) return [];
  const key = unitKey(asset.territory);
  const out: PartialHold[] = [];
  for (const t of territories) {
    if (t.country !== asset.country || t.province !== asset.province) continue;
    const u = (t.extent ?? []).find(
      (x) => x.held !== "whole" && SECOND_LEVEL.has(x.level) && unitKey(x.name) === key,
    );
    if (u)
      out.push({
        controller: t.controller,
        territory: t.id,
        unit: u.name,
        held: u.held as "partial" | "town",
      });
  }
  return out;
}
