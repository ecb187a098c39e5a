/**
 * `worldFrom` without its defensive deep copy and freeze, for a dataset the caller has just
 * made and will not touch again (an applied scenario). The fold is the same — a test holds it
 * equal to `worldFrom` — and saves the copy that dominated a scenario evaluation's time.
 * The world's records are shared with the dataset: the engine reads them, never writes them.
 */
import type { Dataset } from "../model/dataset.js";
import { isValidOn } from "../model/dates.js";
import type { DealAsOf, World } from "../model/world.js";

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** The world of an owned dataset on `asOf`; equal to `worldFrom(ds, asOf)`, not frozen. */
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
    stakesByOwned: groupBy(stakes, (s) => s.owned),
    stakesByOwner: groupBy(stakes, (s) => s.owner),
    production: ds.production ?? [],
    offtakes: live(ds.offtakes),
    tradeRules: ds.tradeRules ?? [],
    routeNodes: new Map((ds.routeNodes ?? []).map((n) => [n.id as string, n])),
    routeLegs: live(ds.routeLegs),
    stockpiles: new Map((ds.stockpiles ?? []).map((s) => [s.id as string, s])),
    stockpileMovements: (ds.stockpileMovements ?? []).filter((m) => m.date <= asOf),
    demand: ds.demand ?? [],
    prices: (ds.prices ?? []).filter((p) => p.date.slice(0, asOf.length) <= asOf),
    deals,
    territories: live(ds.territories),
    countryProduction: ds.countryProduction ?? [],
  };
}
