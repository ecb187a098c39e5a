/**
 * Shortfall under a scenario: per commodity and month, the holder country's need (net imports
 * a month) less the supply still reaching it. The supply counted is the DRC supply in the
 * dataset the holder can reach (allocation waterfall with bans and quotas: tonnes allocated to
 * buyers of the holder's country, and the open market), plus, when a baseline world is given,
 * the imports from outside the dataset, taken as need − baseline reach and assumed unchanged
 * by the scenario. The shortfall summed over the months is the stockpile that would have
 * covered it, in tonnes and (at the latest price) dollars. Routing is not applied here (it
 * needs the LP; the procurement plan routes). Definitions: docs/methodology-stockpile.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { OrebookError } from "../../model/errors.js";
import type { World } from "../../model/world.js";
import type { LookThrough } from "../allocation/index.js";
import { lookThroughFnFor } from "../ownership/index.js";
import {
  _commoditiesOf,
  _needOf,
  _priceOf,
  _stockpileFor,
  type Need,
  type PriceUsed,
  type UserNeed,
} from "./_stockpile-inputs.js";
import { _supplyOf } from "./_stockpile-supply.js";

export interface ShortfallOptions {
  /** A stockpile id or its holder entity. */
  holder: string;
  /** The year whose months are examined; default the world's year. */
  year?: number;
  /** Only these commodities; default the stockpile's. */
  commodities?: readonly Commodity[];
  /** User-given need in tonnes a year, where the sources have no net-import tonnes. */
  need?: UserNeed;
  /** The world without the scenario: sets the imports from outside the dataset. */
  baseline?: World;
}

export interface ShortfallMonth {
  month: string;
  needTonnes: number | null;
  /** DRC tonnes allocated to the holder or buyers of its country. */
  allocatedTonnes: number;
  /** DRC open-market tonnes (the holder may buy them). */
  openMarketTonnes: number;
  reachTonnes: number;
  baselineReachTonnes: number | null;
  /** Imports from outside the dataset, assumed unchanged: need − baseline reach (≥ 0). */
  otherSupplyTonnes: number | null;
  shortfallTonnes: number | null;
  /** Baseline reach less scenario reach (≥ 0). */
  supplyLostTonnes: number | null;
}

export interface CommodityShortfall {
  commodity: Commodity;
  need: Need;
  months: ShortfallMonth[];
  /** Σ shortfall: the stockpile that would have covered it. Null when the need is unknown. */
  shortfallTonnes: number | null;
  supplyLostTonnes: number | null;
  price: PriceUsed | null;
  coverUsd: number | null;
  notes: string[];
}

export interface StockpileShortfall {
  stockpile: string;
  country: string;
  asOf: string;
  year: number;
  baseline: boolean;
  commodities: CommodityShortfall[];
  notes: string[];
}

function _months(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/**
 * The shortfall per commodity and month of `world` (usually a scenario's) for a stockpile.
 *
 * @example stockpileShortfall(banWorld, { holder: "project-vault", baseline: baseWorld })
 */
export function stockpileShortfall(world: World, opts: ShortfallOptions): StockpileShortfall {
  const s = _stockpileFor(world, opts.holder);
  const year = opts.year ?? Number(world.asOf.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2100)
    throw new OrebookError("BAD_INPUT", `The shortfall year must be a year, not ${year}`);
  const lt: LookThrough = lookThroughFnFor(world);
  const baseLt: LookThrough | null = opts.baseline ? lookThroughFnFor(opts.baseline) : null;
  const notes: string[] = [
    "Reach: DRC tonnes in the dataset allocated to the holder or buyers of its country, plus the DRC open market; routes not applied",
    opts.baseline
      ? "Imports from outside the dataset: need less the baseline's reach, assumed unchanged by the scenario"
      : "No baseline: imports from outside the dataset are not counted, so the shortfall is need less DRC reach",
  ];
  const commodities = (opts.commodities ?? _commoditiesOf(s)).map(
    (commodity): CommodityShortfall => {
      const need = _needOf(world, s.country, commodity, year, opts.need);
      const cNotes: string[] = [];
      if (need.tonnesPerYear === null) cNotes.push(need.note);
      const months = _months(year).map((month): ShortfallMonth => {
        const sup = _supplyOf(world, s, commodity, month, lt);
        const reach = sup.holderCountryTonnes + sup.openMarketTonnes;
        const base =
          opts.baseline && baseLt
            ? _supplyOf(opts.baseline, s, commodity, month, baseLt)
            : undefined;
        const baseReach = base ? base.holderCountryTonnes + base.openMarketTonnes : null;
        const needM = need.tonnesPerYear === null ? null : need.tonnesPerYear / 12;
        const other =
          needM === null ? null : baseReach === null ? 0 : Math.max(0, needM - baseReach);
        return {
          month,
          needTonnes: needM,
          allocatedTonnes: sup.holderCountryTonnes,
          openMarketTonnes: sup.openMarketTonnes,
          reachTonnes: reach,
          baselineReachTonnes: baseReach,
          otherSupplyTonnes: other,
          shortfallTonnes:
            needM === null || other === null ? null : Math.max(0, needM - other - reach),
          supplyLostTonnes: baseReach === null ? null : Math.max(0, baseReach - reach),
        };
      });
      const sum = (f: (m: ShortfallMonth) => number | null): number | null =>
        months.some((m) => f(m) === null) ? null : months.reduce((t, m) => t + (f(m) ?? 0), 0);
      const shortfall = sum((m) => m.shortfallTonnes);
      const price = _priceOf(world, commodity);
      if (!price) cNotes.push(`No ${commodity} price on or before ${world.asOf}`);
      return {
        commodity,
        need,
        months,
        shortfallTonnes: shortfall,
        supplyLostTonnes: sum((m) => m.supplyLostTonnes),
        price,
        coverUsd: shortfall === null || !price ? null : shortfall * price.usdPerTonne,
        notes: cNotes,
      };
    },
  );
  return {
    stockpile: s.id,
    country: s.country,
    asOf: world.asOf,
    year,
    baseline: opts.baseline !== undefined,
    commodities,
    notes,
  };
}
