/**
 * The share of a commodity's recorded output under armed groups' de facto control, year by
 * year: for each year, the world on its last day (or the request's date, if earlier) and that
 * year's production figures, placed as the control report places them (engine/ownership/de-facto.ts).
 * A point equals the armed groups' de facto share of `controlReportFor(world at the date,
 * { period: year })`; a test holds them equal. Pure: the caller folds the worlds.
 *
 * Shares are of the tonnes recorded on named sites, not of national output (which the data of
 * issue 18 adds): where a year has no figure, the share is null and the point says so, and the
 * sites held without a figure are listed, so a chart shows what is known and what is not.
 */
import type { Commodity } from "../../model/commodity.js";
import type { AssetId, EntityId, RecordId } from "../../model/ids.js";
import type { ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { BASIS_ORDER, productionForPeriod } from "../common/index.js";
import { type PlacementBasis, placementIn } from "./de-facto.js";

export interface HeldSite {
  asset: AssetId;
  name: string;
  controller: EntityId;
  territory: RecordId;
  basis: PlacementBasis;
  /** The year's tonnes, or null when the site has no figure for it. */
  tonnes: number | null;
}

export interface SeriesPoint {
  year: number;
  /** The date the control is read on: the year's last day, or the request's date if earlier. */
  asOf: string;
  /** Tonnes counted (recorded sites with a figure for the year). */
  totalTonnes: number;
  /** Of which on ground an armed group holds. */
  heldTonnes: number;
  /** heldTonnes / totalTonnes; null when no tonnes are counted. */
  share: number | null;
  /** Held tonnes by group. */
  byGroup: { controller: EntityId; name: string; tonnes: number }[];
  /** The bases of the figures counted (actual first). */
  bases: ProductionBasis[];
  sitesWithFigures: number;
  /** Sites of the commodity on held ground on the date, with or without a figure. */
  sitesHeld: HeldSite[];
  /** Why the share is missing or what it rests on, when it is not plain actual output. */
  label: string | null;
}

export interface CommoditySeries {
  commodity: Commodity;
  points: SeriesPoint[];
}

export interface DeFactoSeries {
  from: number;
  to: number;
  /** In words: what a point's share is a share of. */
  basis: string;
  commodities: CommoditySeries[];
}

/** The date a year is read on: its last day, or `asOf` when that comes first. */
export function seriesDate(year: number, asOf: string): string {
  const end = `${year}-12-31`;
  return asOf < end ? asOf : end;
}

/** One point: the commodity's output of `year` in `world`, and how much of it is held. */
export function seriesPointFor(world: World, commodity: Commodity, year: number): SeriesPoint {
  const { outputs } = productionForPeriod(world, commodity, String(year));
  const tonnesOf = new Map<AssetId, number>();
  for (const o of outputs) tonnesOf.set(o.asset, (tonnesOf.get(o.asset) ?? 0) + o.tonnes);
  const byGroup = new Map<EntityId, number>();
  let held = 0;
  const sitesHeld: HeldSite[] = [];
  for (const a of world.assets.values()) {
    if (!a.commodities.includes(commodity) || a.kind === "port" || a.kind === "stockpile") continue;
    const p = placementIn(world.territories, a);
    if (!p) continue;
    const t = tonnesOf.get(a.id);
    sitesHeld.push({
      asset: a.id,
      name: a.name,
      controller: p.controller,
      territory: p.territory,
      basis: p.basis,
      tonnes: t ?? null,
    });
    if (t !== undefined) {
      held += t;
      byGroup.set(p.controller, (byGroup.get(p.controller) ?? 0) + t);
    }
  }
  const total = [...tonnesOf.values()].reduce((s, x) => s + x, 0);
  const bases = BASIS_ORDER.filter((b) => outputs.some((o) => o.basis === b));
  const notActual = bases.filter((b) => b !== "actual");
  const label =
    total <= 0
      ? `No ${commodity} production figure for ${year} in the dataset${sitesHeld.length > 0 ? `; ${sitesHeld.length} site(s) held without one` : ""}`
      : notActual.length > 0
        ? `${year} rests on ${notActual.join("/")} figures, not only reported output`
        : null;
  return {
    year,
    asOf: world.asOf,
    totalTonnes: total,
    heldTonnes: held,
    share: total > 0 ? held / total : null,
    byGroup: [...byGroup.entries()]
      .map(([controller, tonnes]) => ({
        controller,
        name: world.entities.get(controller)?.name ?? controller,
        tonnes,
      }))
      .sort((a, b) => b.tonnes - a.tonnes),
    bases,
    sitesWithFigures: tonnesOf.size,
    sitesHeld,
    label,
  };
}

/**
 * The series for each commodity from `from` to `to`, reading each year in the world `worldAt`
 * gives for its date (`seriesDate`).
 *
 * @example deFactoSeriesFor((d) => worldFrom(ds, d), { commodities: ["tantalum"], from: 2018, to: 2026, asOf: "2026-12-06" })
 */
export function deFactoSeriesFor(
  worldAt: (date: string) => World,
  req: { commodities: readonly Commodity[]; from: number; to: number; asOf: string },
): DeFactoSeries {
  const worlds = new Map<number, World>();
  for (let y = req.from; y <= req.to; y++) worlds.set(y, worldAt(seriesDate(y, req.asOf)));
  return {
    from: req.from,
    to: req.to,
    basis:
      "Share of the tonnes recorded on named sites for the year (not of national output) that lie on ground an armed group holds on the year's last day",
    commodities: req.commodities.map((commodity) => ({
      commodity,
      points: [...worlds.entries()].map(([y, w]) => seriesPointFor(w, commodity, y)),
    })),
  };
}
