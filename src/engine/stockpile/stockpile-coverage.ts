/**
 * Stockpile coverage: how many months of the holder country's net imports the usable
 * inventory covers, per commodity. Usable = held × (1 − unavailable fraction). Holdings the
 * sources do not give stay unknown (never 0) unless the caller assumes the stockpile empty;
 * a need without net-import tonnes stays unknown unless the user gives one.
 * Definitions and sources: docs/methodology-stockpile.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { OrebookError } from "../../model/errors.js";
import type { World } from "../../model/world.js";
import {
  _commoditiesOf,
  _needOf,
  _positionOf,
  _stockpileFor,
  type Need,
  type StockpilePosition,
  type UserNeed,
} from "./_stockpile-inputs.js";

export interface CoverageOptions {
  /** A stockpile id or its holder entity. */
  holder: string;
  /** Share of the inventory that cannot be drawn (in transit, pledged, off-spec). Default 0. */
  unavailableFraction?: number;
  /** Treat unknown holdings as empty (stated in every row). Default false. */
  assumeEmpty?: boolean;
  /** User-given need in tonnes a year, where the sources have no net-import tonnes. */
  need?: UserNeed;
  /** The year of need; default the world's year. */
  year?: number;
}

export type CoverageStatus = "computed" | "unknown holdings" | "needs net-import tonnes";

export interface CommodityCoverage {
  commodity: Commodity;
  position: StockpilePosition;
  usableTonnes: number | null;
  need: Need;
  /** Net imports per month (need / 12). */
  monthlyNeedTonnes: number | null;
  monthsCovered: number | null;
  status: CoverageStatus;
  /** The target, in tonnes, when one can be stated (tonnes, or months × monthly need). */
  targetTonnes: number | null;
  targetBasis: string;
  /** Target less usable inventory (≥ 0), when both are known. */
  gapTonnes: number | null;
}

export interface StockpileCoverage {
  stockpile: string;
  name: string;
  holder: string;
  country: string;
  asOf: string;
  unavailableFraction: number;
  assumeEmpty: boolean;
  commodities: CommodityCoverage[];
  notes: string[];
}

/** The target of `commodity` in tonnes: an explicit tonnes target, else months × monthly need. */
export function _targetTonnesOf(
  targets: readonly {
    commodity: Commodity;
    tonnes?: number | undefined;
    months?: number | undefined;
  }[],
  targetMonths: number | null | undefined,
  commodity: Commodity,
  monthlyNeed: number | null,
): { tonnes: number | null; basis: string } {
  const t = targets.find((x) => x.commodity === commodity);
  if (t?.tonnes !== undefined) return { tonnes: t.tonnes, basis: `target ${t.tonnes} t` };
  const months = t?.months ?? targetMonths ?? null;
  if (months === null) return { tonnes: null, basis: "no target" };
  if (monthlyNeed === null)
    return {
      tonnes: null,
      basis: `target ${months} months of net imports: needs net-import tonnes (not in the sources)`,
    };
  return {
    tonnes: months * monthlyNeed,
    basis: `target ${months} months × ${Math.round(monthlyNeed).toLocaleString("en-US")} t/month of net imports`,
  };
}

/**
 * Coverage of a stockpile, per commodity.
 *
 * @example stockpileCoverage(world, { holder: "project-vault", unavailableFraction: 0.1 })
 */
export function stockpileCoverage(world: World, opts: CoverageOptions): StockpileCoverage {
  const f = opts.unavailableFraction ?? 0;
  if (!(f >= 0 && f < 1))
    throw new OrebookError(
      "BAD_INPUT",
      `The unavailable fraction must be at least 0 and below 1, not ${f}`,
    );
  const s = _stockpileFor(world, opts.holder);
  const year = opts.year ?? Number(world.asOf.slice(0, 4));
  const assumeEmpty = opts.assumeEmpty ?? false;
  const notes: string[] = [];
  if (assumeEmpty) notes.push("Holdings not in the sources are assumed empty (--assume-empty)");
  if (f > 0) notes.push(`${Math.round(f * 1000) / 10}% of the inventory counted as unavailable`);
  const commodities = _commoditiesOf(s).map((commodity): CommodityCoverage => {
    const position = _positionOf(world, s, commodity, assumeEmpty);
    const need = _needOf(world, s.country, commodity, year, opts.need);
    const usable = position.tonnes === null ? null : position.tonnes * (1 - f);
    const monthly = need.tonnesPerYear === null ? null : need.tonnesPerYear / 12;
    const months =
      usable === null || monthly === null ? null : monthly > 0 ? usable / monthly : null;
    const status: CoverageStatus =
      usable === null
        ? "unknown holdings"
        : monthly === null
          ? "needs net-import tonnes"
          : "computed";
    const target = _targetTonnesOf(s.targets, s.targetMonths, commodity, monthly);
    return {
      commodity,
      position,
      usableTonnes: usable,
      need,
      monthlyNeedTonnes: monthly,
      monthsCovered: months === null ? null : months,
      status,
      targetTonnes: target.tonnes,
      targetBasis: target.basis,
      gapTonnes:
        target.tonnes === null || usable === null ? null : Math.max(0, target.tonnes - usable),
    };
  });
  return {
    stockpile: s.id,
    name: s.name,
    holder: s.holder,
    country: s.country,
    asOf: world.asOf,
    unavailableFraction: f,
    assumeEmpty,
    commodities,
    notes,
  };
}
