/**
 * Production carried into a year the sources do not reach yet: each operating producer with no
 * figure for the year gets a copy of its latest earlier annual figure (the latest year first,
 * then actual before estimate before guidance), labelled as an estimate that is an assumption,
 * with its age. Capacity is never carried. A year with any figure for the producer (even an
 * unknown one) is left as recorded, unless `unknownIsGap` is set (the control report's
 * carried-forward view: a year whose only figures are unknown is a gap and is filled). A producer
 * named in several figures (alone and in a joint figure) is carried from its latest year only, so
 * its output is never counted twice. Pure: the caller decides where the copies are used.
 */
import type { Commodity } from "../../model/commodity.js";
import type { AssetId, RecordId } from "../../model/ids.js";
import type { Production, ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { BASIS_ORDER } from "./production-for-period.js";

/** Figures older than this many years are not carried (a producer may have stopped). */
export const CARRY_MAX_AGE_YEARS = 2;

/** Asset statuses whose output can be carried forward. */
const CARRIED_STATUSES: ReadonlySet<string> = new Set(["operating", "held-by-armed-group"]);

export interface CarriedFigure {
  /** The copy's id. */
  record: RecordId;
  /** The figure copied. */
  from: RecordId;
  fromPeriod: string;
  fromBasis: ProductionBasis;
  year: string;
  commodity: Commodity;
  assets: AssetId[];
  tonnes: number;
  /** year − the copied figure's year. */
  ageYears: number;
}

const _assetsOf = (p: Production): AssetId[] =>
  p.asset ? [p.asset] : (p.split ?? []).map((x) => x.asset);

/**
 * The copies to add for `years` (each "YYYY"), limited to `commodities` when given.
 *
 * @example carriedProduction(world, ["2027"], new Set(["zinc"])) // Kipushi's 2026 guidance as 2027
 */
export function carriedProduction(
  world: Pick<World, "production" | "assets">,
  years: readonly string[],
  commodities?: ReadonlySet<Commodity>,
  opts: { unknownIsGap?: boolean } = {},
): { production: Production[]; carried: CarriedFigure[] } {
  const production: Production[] = [];
  const carried: CarriedFigure[] = [];
  const usable = world.production.filter(
    (p) => p.basis !== "capacity" && (!commodities || commodities.has(p.commodity)),
  );
  for (const year of [...new Set(years)].sort()) {
    const y = Number(year);
    const covered = new Set<string>();
    for (const p of usable)
      if (p.period.startsWith(year) && (p.tonnes !== null || !opts.unknownIsGap))
        for (const a of _assetsOf(p)) covered.add(`${p.commodity}|${a}`);
    const latest = new Map<string, Production>();
    for (const p of usable) {
      if (p.tonnes === null || !/^\d{4}$/.test(p.period)) continue;
      const age = y - Number(p.period);
      if (age < 1 || age > CARRY_MAX_AGE_YEARS) continue;
      const assets = _assetsOf(p);
      if (
        assets.some(
          (a) =>
            covered.has(`${p.commodity}|${a}`) ||
            !CARRIED_STATUSES.has(world.assets.get(a)?.status ?? ""),
        )
      )
        continue;
      const key = `${p.commodity}|${[...assets].sort().join("+")}`;
      const prev = latest.get(key);
      if (
        !prev ||
        p.period > prev.period ||
        (p.period === prev.period &&
          (BASIS_ORDER.indexOf(p.basis) < BASIS_ORDER.indexOf(prev.basis) ||
            (p.basis === prev.basis && p.id < prev.id)))
      )
        latest.set(key, p);
    }
    // Each producer's latest year among the candidates: an older figure naming it is dropped.
    const newest = new Map<string, string>();
    for (const p of latest.values())
      for (const a of _assetsOf(p)) {
        const k = `${p.commodity}|${a}`;
        if ((newest.get(k) ?? "") < p.period) newest.set(k, p.period);
      }
    const chosen = [...latest.values()].filter((p) =>
      _assetsOf(p).every((a) => newest.get(`${p.commodity}|${a}`) === p.period),
    );
    for (const p of chosen.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const age = y - Number(p.period);
      const id = `${p.id}:carried-to-${year}` as RecordId;
      const copy: Production = {
        ...structuredClone(p),
        id,
        period: year as Production["period"],
        basis: "estimate",
        note: `Carried forward from ${p.id} (${p.period}, ${p.basis}; ${age} year${age === 1 ? "" : "s"} old): an assumption, not a forecast`,
      };
      delete copy.alternatives;
      production.push(copy);
      carried.push({
        record: id,
        from: p.id,
        fromPeriod: p.period,
        fromBasis: p.basis,
        year,
        commodity: p.commodity,
        assets: _assetsOf(p),
        tonnes: p.tonnes ?? 0,
        ageYears: age,
      });
    }
  }
  return { production, carried };
}
