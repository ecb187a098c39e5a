/**
 * A `World` is an immutable, indexed snapshot of a dataset at one date: the stakes, offtakes,
 * rules, routes and territories in force that day, and every production figure (the engine
 * picks the period it needs). Built by `worldFrom`; nothing in it changes afterwards.
 */
import type { Asset } from "./asset.js";
import type { ControlAgreement } from "./control-agreement.js";
import type { CorridorTarget } from "./corridor-target.js";
import type { CountryProduction } from "./country-production.js";
import type { Dataset } from "./dataset.js";
import { isValidOn } from "./dates.js";
import type { Deal, DealStatus } from "./deal.js";
import type { Demand } from "./demand.js";
import type { Entity } from "./entity.js";

import type { IndirectInterest } from "./indirect-interest.js";
import type { Offtake } from "./offtake.js";
import type { Price } from "./price.js";
import type { Production } from "./production.js";
import type { RouteLeg, RouteNode } from "./route.js";
import type { Source } from "./source.js";
import type { Stake } from "./stake.js";
import type { Stockpile, StockpileMovement } from "./stockpile.js";
import type { TerritoryControl } from "./territory.js";
import type { TradeFlow } from "./trade-flow.js";
import type { TradeRule } from "./trade-rule.js";
import type { TransportRate } from "./transport-rate.js";

/** A deal as it stood on the world's date. */
export interface DealAsOf extends Deal {
  statusAsOf: DealStatus;
}

export interface World {
  readonly asOf: string;
  readonly sources: ReadonlyMap<string, Source>;
  readonly entities: ReadonlyMap<string, Entity>;
  readonly assets: ReadonlyMap<string, Asset>;
  /** Stakes in force on `asOf`. */
  readonly stakes: readonly Stake[];
  /** All production figures, every period. */
  readonly production: readonly Production[];
  readonly offtakes: readonly Offtake[];
  /** All trade rules with their dates: quotas span periods the engine chooses. */
  readonly tradeRules: readonly TradeRule[];
  readonly routeNodes: ReadonlyMap<string, RouteNode>;
  readonly routeLegs: readonly RouteLeg[];
  readonly stockpiles: ReadonlyMap<string, Stockpile>;
  /** Movements dated on or before `asOf`. */
  readonly stockpileMovements: readonly StockpileMovement[];
  readonly demand: readonly Demand[];
  /** Prices dated on or before `asOf`. */
  readonly prices: readonly Price[];
  /** Deals first recorded on or before `asOf`, with their status that day. */
  readonly deals: readonly DealAsOf[];
  /** Territory held on `asOf`. */
  readonly territories: readonly TerritoryControl[];
  readonly countryProduction: readonly CountryProduction[];
  /** Control agreements in force on `asOf`. */
  readonly controlAgreements: readonly ControlAgreement[];
  /** All trade flows, every year. */
  readonly tradeFlows: readonly TradeFlow[];
  /** Declared indirect interests in force on `asOf` (counted through stakes; see the model). */
  readonly indirectInterests: readonly IndirectInterest[];
  /** All transport rates (freight per tonne-km, speeds, value of time), every year. */
  readonly transportRates: readonly TransportRate[];
  /** All corridor targets (calibration), every year. */
  readonly corridorTargets: readonly CorridorTarget[];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/**
 * The world of a dataset the caller owns and will not touch again (an applied scenario): the
 * same fold as `worldFrom`, without its defensive deep copy and freeze, which dominated a
 * scenario evaluation's time. The world's records are shared with the dataset.
 */
export function worldFromOwned(ds: Dataset, asOf: string): World {
  const live = <T extends { validFrom?: string | undefined; validTo?: string | undefined }>(
    xs: readonly T[] | undefined,
  ) => (xs ?? []).filter((x) => isValidOn(asOf, x.validFrom, x.validTo));
  const stakes = live(ds.stakes);
  const deals: DealAsOf[] = [];
  for (const d of ds.deals ?? []) {
    let last: (typeof d.statusHistory)[number] | undefined;
    for (const h of [...d.statusHistory].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    ))
      if (h.date <= asOf) last = h;
    if (last) deals.push({ ...d, statusAsOf: last.status });
  }
  return {
    asOf,
    sources: new Map((ds.sources ?? []).map((s) => [s.id, s])),
    entities: new Map((ds.entities ?? []).map((e) => [e.id, e])),
    assets: new Map((ds.assets ?? []).map((a) => [a.id, a])),
    stakes,
    production: ds.production ?? [],
    offtakes: live(ds.offtakes),
    tradeRules: ds.tradeRules ?? [],
    routeNodes: new Map((ds.routeNodes ?? []).map((n) => [n.id as string, n])),
    routeLegs: live(ds.routeLegs),
    stockpiles: new Map((ds.stockpiles ?? []).map((s) => [s.id as string, s])),
    stockpileMovements: (ds.stockpileMovements ?? []).filter((m) => m.date <= asOf),
    demand: ds.demand ?? [],
    // Dated prefix comparison: "2025" and "2025-10" count as on or before "2025-12-31".
    prices: (ds.prices ?? []).filter((p) => p.date.slice(0, asOf.length) <= asOf),
    deals,
    territories: live(ds.territories),
    countryProduction: ds.countryProduction ?? [],
    controlAgreements: live(ds.controlAgreements),
    indirectInterests: live(ds.indirectInterests ?? []),
    tradeFlows: ds.tradeFlows ?? [],
    transportRates: ds.transportRates ?? [],
    corridorTargets: ds.corridorTargets ?? [],
  };
}

/**
 * Folds a dataset into the world as it was on `asOf` (YYYY-MM-DD). The dataset is copied and
 * the world frozen, so later changes to the dataset do not reach the world.
 */
export function worldFrom(ds: Dataset, asOf: string): World {
  return deepFreeze(worldFromOwned(structuredClone(ds), asOf));
}
