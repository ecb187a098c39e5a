/**
 * The DRC supply a stockpile can reach in one period, per asset, from the allocation
 * waterfall (export bans and quotas applied): tonnes allocated to buyers of the holder's
 * country or to the holder itself, and the open market. Private to the stockpile files.
 */
import type { Commodity } from "../../model/commodity.js";
import type { Stockpile } from "../../model/stockpile.js";
import type { World } from "../../model/world.js";
import { allocationFor, type LookThrough } from "../allocation/index.js";

export interface _SourceSupply {
  asset: string;
  name: string;
  /** Offtake lines to the holder or to buyers of the holder's country. */
  holderCountryTonnes: number;
  holderCountryOfftakes: string[];
  openMarketTonnes: number;
  heldBackTonnes: number;
  producedTonnes: number;
  /** Tonnes allocated to buyers out of the holder's reach, by buyer id. */
  otherBuyers: { buyer: string; tonnes: number }[];
}

export interface _PeriodSupply {
  period: string;
  sources: _SourceSupply[];
  holderCountryTonnes: number;
  openMarketTonnes: number;
  heldBackTonnes: number;
  missing: string[];
  /** Assets with the commodity and no production figure for the period. */
  unknownProduction: string[];
}

/** What `s` can reach of `commodity` in `period`. */
export function _supplyOf(
  world: World,
  s: Stockpile,
  commodity: Commodity,
  period: string,
  lookThrough: LookThrough,
): _PeriodSupply {
  const a = allocationFor(world, { commodity, period, lookThrough });
  const sources = a.assets.map((x): _SourceSupply => {
    // The holder's own purchases, its country's buyers, and deliveries to a market node of its
    // country (the same reach as US-accessible supply in flow-metrics).
    const mine = x.lines.filter(
      (l) =>
        l.tonnes > 0 &&
        (l.buyer === s.holder ||
          l.buyerCountry === s.country ||
          (l.destination !== null && world.routeNodes.get(l.destination)?.country === s.country)),
    );
    return {
      asset: x.asset,
      name: x.name,
      holderCountryTonnes: mine.reduce((t, l) => t + l.tonnes, 0),
      holderCountryOfftakes: mine.map((l) => l.offtake),
      openMarketTonnes: x.openMarketTonnes,
      heldBackTonnes: x.heldBackTonnes,
      producedTonnes: x.producedTonnes,
      otherBuyers: x.lines
        .filter((l) => l.tonnes > 0 && !mine.includes(l))
        .map((l) => ({ buyer: l.buyer, tonnes: l.tonnes })),
    };
  });
  const sum = (f: (x: _SourceSupply) => number) => sources.reduce((t, x) => t + f(x), 0);
  return {
    period,
    sources,
    holderCountryTonnes: sum((x) => x.holderCountryTonnes),
    openMarketTonnes: sum((x) => x.openMarketTonnes),
    heldBackTonnes: sum((x) => x.heldBackTonnes),
    missing: a.missing,
    unknownProduction: a.unknownProduction.map((u) => u.asset),
  };
}
