/**
 * The areas armed groups hold on the world's date, unit by unit, and where each site stands:
 * placed in a held area (with the record and the basis, engine/ownership/de-facto.ts), or in a unit held
 * only in part (a gap). What the map draws and the territory report lists. Pure: no I/O.
 */
import type { Asset } from "../../model/asset.js";
import type { Commodity } from "../../model/commodity.js";
import type { AssetId, EntityId, RecordId, SourceId } from "../../model/ids.js";
import type { AdminUnit, Boundary } from "../../model/territory.js";
import type { World } from "../../model/world.js";
import {
  type DeFactoPlacement,
  type PartialHold,
  partialHoldsOf,
  placementIn,
  unitKey,
} from "./de-facto.js";

/** The commodities of the eastern DRC's artisanal and conflict-affected mining. */
export const EASTERN_COMMODITIES: readonly Commodity[] = ["tin", "tantalum", "tungsten", "gold"];

/** One territory record in force: who holds what, since when, on whose word. */
export interface HeldArea {
  territory: RecordId;
  controller: EntityId;
  controllerName: string;
  country: string;
  province: string;
  validFrom: string;
  validTo?: string;
  /** The administrative units the sources name, with how much of each is held and any boundary. */
  units: AdminUnit[];
  /** Second-level divisions listed as held whole (older records). */
  territories: string[];
  /** Sites the sources name as inside the area. */
  assets: AssetId[];
  /** A drawn outline of the held area itself, where a source gives one. */
  boundary?: Boundary;
  sources: SourceId[];
  note?: string;
}

/** A site and where it stands on the date. */
export interface SiteStanding {
  asset: AssetId;
  name: string;
  province: string | null;
  territory: string | null;
  location: { lat: number; lon: number } | null;
  commodities: Commodity[];
  /** Placed in a held area: by whom, through which record, on what basis. */
  deFactoBy?: DeFactoPlacement;
  /** Not placed, but its territoire is held in part (a gap, not counted). */
  partlyHeld?: PartialHold[];
}

export interface HeldAreasReport {
  asOf: string;
  areas: HeldArea[];
  /** Every site placed in a held area or in a unit held in part, then the other sites of the eastern commodities. */
  sites: SiteStanding[];
  /** What the map cannot draw and why (units without a boundary or a point). */
  notes: string[];
}

function standing(world: World, a: Asset): SiteStanding {
  const placed = placementIn(world.territories, a);
  const partly = placed ? [] : partialHoldsOf(world.territories, a);
  return {
    asset: a.id,
    name: a.name,
    province: a.province,
    territory: a.territory ?? null,
    location: a.location ? { lat: a.location.lat, lon: a.location.lon } : null,
    commodities: [...a.commodities],
    ...(placed ? { deFactoBy: placed } : {}),
    ...(partly.length > 0 ? { partlyHeld: partly } : {}),
  };
}

/** The held areas and the standing of the sites on the world's date. */
export function heldAreasFor(world: World): HeldAreasReport {
  const areas: HeldArea[] = [...world.territories]
    .sort((a, b) =>
      a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.id < b.id ? -1 : 1,
    )
    .map((t) => ({
      territory: t.id,
      controller: t.controller,
      controllerName: world.entities.get(t.controller)?.name ?? t.controller,
      country: t.country,
      province: t.province,
      validFrom: t.validFrom,
      ...(t.validTo !== undefined ? { validTo: t.validTo } : {}),
      units: structuredClone(t.extent ?? []),
      territories: [...t.territories],
      assets: [...t.assets],
      ...(t.boundary ? { boundary: structuredClone(t.boundary) } : {}),
      sources: [...t.sources],
      ...(t.note !== undefined ? { note: t.note } : {}),
    }));
  const sites: SiteStanding[] = [];
  const rest: SiteStanding[] = [];
  for (const a of world.assets.values()) {
    if (a.kind === "port" || a.kind === "stockpile") continue;
    const s = standing(world, a);
    if (s.deFactoBy || s.partlyHeld) sites.push(s);
    else if (a.commodities.some((c) => EASTERN_COMMODITIES.includes(c))) rest.push(s);
  }
  // Units the map cannot draw: no boundary, no point, and no boundary for the unit they lie in.
  const bounded = new Set(
    areas.flatMap((t) => t.units.filter((u) => u.boundary).map((u) => unitKey(u.name))),
  );
  const notes: string[] = [];
  const undrawn = areas.flatMap((t) =>
    t.units
      .filter(
        (u) =>
          !u.boundary &&
          !u.location &&
          u.level !== "province" &&
          !(u.within !== undefined && bounded.has(unitKey(u.within))),
      )
      .map((u) => `${u.name} (${t.territory})`),
  );
  if (undrawn.length > 0)
    notes.push(
      `Not on the map (no boundary or point in the sources, nor a boundary for the unit they lie in): ${undrawn.join(", ")}`,
    );
  return { asOf: world.asOf, areas, sites: [...sites, ...rest], notes };
}
