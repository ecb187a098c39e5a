/**
 * The allocation waterfall: for one commodity and period, each asset's production goes
 * 1. to what export bans and quotas hold back at the mine (stock, never lost),
 * 2. to offtakes in priority order (equity-proportional, fixed tonnes, share of production,
 *    share of the unallocated remainder, exclusivity for buyers of one country),
 * 3. and what is left to the open market.
 * Tonnes are conserved: produced = held back + Σ offtake lines + open market, per asset.
 * Definitions and sources: docs/methodology-allocation.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { countryNameFor } from "../../model/country.js";
import { periodYear } from "../../model/dates.js";
import type { OFFTAKE_STATUSES, Offtake, OfftakeTerm } from "../../model/offtake.js";
import type { World } from "../../model/world.js";
import {
  _daysIn,
  _intersect,
  _spanOfPeriod,
  _spanOfValidity,
  type AssetProduction,
  countsAsMineOutput,
  isMineKind,
  mineCountriesOf,
  productionFor,
} from "../common/index.js";
import { CO_PRODUCT_HOSTS, coProductRatioFor } from "./co-products.js";
import { type QuotaRegime, quotaFor } from "./quota.js";

/** The look-through interest (0–1) a holder has in an asset. */
export type LookThrough = (holder: string, asset: string) => number;

export type OfftakeStatus = (typeof OFFTAKE_STATUSES)[number];

/** A change to one asset's production of one commodity, e.g. a host-metal shock. */
export interface ProductionShock {
  asset: string;
  commodity: Commodity;
  /** Multiplies the production: 0.7 is a 30 % cut. */
  factor: number;
}

export interface AllocationOptions {
  commodity: Commodity;
  period: string;
  /** "ignore" runs the waterfall as if no export ban or quota existed. Default "apply". */
  quotaMode?: "apply" | "ignore";
  lookThrough: LookThrough;
  /** Offtake statuses that take part. Default: active only. */
  offtakeStatuses?: readonly OfftakeStatus[];
  /** Past exports per asset, for quotas allocated pro rata to them. */
  pastExports?: ReadonlyMap<string, number>;
  /** What producers missing from a published quota list get. Default "remainder-pro-rata". */
  unlisted?: "remainder-pro-rata" | "zero";
  /** Production shocks; a shock to a host metal reaches its co-products at the asset. */
  shocks?: readonly ProductionShock[];
}

export interface AllocationLine {
  offtake: string;
  buyer: string;
  buyerName: string;
  buyerCountry: string | null;
  term: OfftakeTerm;
  priority: number;
  status: OfftakeStatus;
  destination: string | null;
  /** What the term asks for, before the remainder runs out. */
  wantedTonnes: number;
  tonnes: number;
  explanation: string;
}

export interface AssetAllocation {
  asset: string;
  name: string;
  country: string;
  producedTonnes: number;
  production: AssetProduction;
  /** Produced less held back: what offtakes and the open market share. */
  exportableTonnes: number;
  heldBackTonnes: number;
  heldBackByRule: { ruleId: string; tonnes: number }[];
  lines: AllocationLine[];
  openMarketTonnes: number;
  /** Rules that held tonnes back at this asset. */
  bindingRules: string[];
  explanations: string[];
}

export interface AllocationTotals {
  producedTonnes: number;
  heldBackTonnes: number;
  /** Produced less held back: to buyers and the open market. */
  exportedTonnes: number;
  toBuyersTonnes: number;
  openMarketTonnes: number;
}

export interface Allocation {
  commodity: Commodity;
  period: string;
  asOf: string;
  quotaMode: "apply" | "ignore";
  offtakeStatuses: OfftakeStatus[];
  assets: AssetAllocation[];
  /** Assets that carry the commodity but have no production figure for the period. */
  unknownProduction: { asset: string; name: string; note: string }[];
  regimes: QuotaRegime[];
  totals: AllocationTotals;
  notes: string[];
  /** Facts the computation needed and the dataset lacks. */
  missing: string[];
}

const EPS = 1e-9;

function _t(x: number): string {
  return `${Math.round(x).toLocaleString("en-US")} t`;
}

function _pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function _byPriority(a: Offtake, b: Offtake): number {
  return a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** An asset's production for the period after shocks, with what was done to it. */
interface _Produced {
  asset: string;
  tonnes: number;
  production: AssetProduction;
  why: string[];
}

/** An asset after the export rules: what it may export and what each rule held back. */
interface _Stage {
  asset: string;
  name: string;
  country: string;
  produced: number;
  production: AssetProduction;
  exportable: number;
  heldBackByRule: { ruleId: string; tonnes: number }[];
  explanations: string[];
}

/** An offtake a selling asset serves: the whole of it, or `weight` of a company's (`via`). */
interface _Sold {
  offtake: Offtake;
  weight: number;
  via: string | null;
}

/**
 * 1. Production, with shocks (a host shock reaches its co-products through the ratio): each
 * producing asset's tonnes, and those whose figure is unknown.
 */
function producedOf(
  world: World,
  opts: AllocationOptions,
  missing: string[],
): { produced: _Produced[]; unknownProduction: Allocation["unknownProduction"] } {
  const { commodity, period } = opts;
  // The same assets as the control report counts (mines, tailings and plants at home), so the
  // flows and routes add up to its recorded output.
  const mineCountries = mineCountriesOf(world, commodity);
  const candidates = [...world.assets.values()]
    .filter((a) => countsAsMineOutput(a.kind, a.country, mineCountries))
    .filter(
      (a) =>
        a.commodities.includes(commodity) ||
        world.production.some(
          (p) =>
            p.commodity === commodity &&
            (p.asset === a.id || p.split?.some((s) => s.asset === a.id)),
        ),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const produced: _Produced[] = [];
  const unknownProduction: Allocation["unknownProduction"] = [];
  const host = CO_PRODUCT_HOSTS[commodity];
  for (const a of candidates) {
    const p = productionFor(world, a.id, commodity, period);
    if (p.tonnes === null) {
      // A plant without a figure treats ore from the mines or bought in: not a gap in the output.
      if (!isMineKind(a.kind)) continue;
      unknownProduction.push({
        asset: a.id,
        name: a.name,
        note: p.note ?? `No ${commodity} production for ${a.id} in ${period}`,
      });
      continue;
    }
    let tonnes = p.tonnes;
    const why: string[] = [];
    if (p.note) why.push(p.note);
    for (const s of opts.shocks ?? []) {
      if (s.asset !== a.id) continue;
      if (s.commodity === commodity) {
        tonnes *= s.factor;
        why.push(`Production × ${s.factor} (shock)`);
      } else if (host && s.commodity === host) {
        const r = coProductRatioFor(world, a.id, commodity, period);
        if (r.ratio === null || r.hostTonnes === null) {
          missing.push(
            `A ${host} shock at ${a.id} cannot reach ${commodity}: ${r.note ?? "no ratio"}`,
          );
          continue;
        }
        tonnes = tonnes - r.hostTonnes * r.ratio + r.hostTonnes * s.factor * r.ratio;
        why.push(
          `${host} × ${s.factor} (shock) reaches ${commodity} at the derived ratio ${r.ratio.toFixed(4)} t per t ${host}`,
        );
      }
    }
    produced.push({ asset: a.id, tonnes: Math.max(0, tonnes), production: p, why });
  }
  return { produced, unknownProduction };
}

/** Which of `producing` a company stands for: those it operates or holds a majority in (memoised). */
function assetsOfFn(
  world: World,
  opts: AllocationOptions,
  producing: string[],
): (holder: string) => string[] {
  const assetsOfCache = new Map<string, string[]>();
  return (holder: string): string[] => {
    let out = assetsOfCache.get(holder);
    if (!out) {
      out = producing.filter(
        (x) => world.assets.get(x)?.operator === holder || opts.lookThrough(holder, x) > 0.5,
      );
      assetsOfCache.set(holder, out);
    }
    return out;
  };
}

/** 2. Export bans and quotas, per exporting country (none when quotas are ignored). */
function regimesOf(
  world: World,
  opts: AllocationOptions,
  produced: _Produced[],
  assetsOf: (holder: string) => string[],
  notes: string[],
  missing: string[],
): QuotaRegime[] {
  const { commodity, period } = opts;
  const regimes: QuotaRegime[] = [];
  if ((opts.quotaMode ?? "apply") !== "apply") return regimes;
  const countries = [...new Set(produced.map((p) => world.assets.get(p.asset)?.country as string))];
  for (const country of countries.sort()) {
    const r = quotaFor(world, {
      commodity,
      period,
      country,
      producers: produced
        .filter((p) => world.assets.get(p.asset)?.country === country)
        .map((p) => ({ asset: p.asset, tonnes: p.tonnes })),
      assetsOf,
      ...(opts.pastExports ? { pastExports: opts.pastExports } : {}),
      ...(opts.unlisted ? { unlisted: opts.unlisted } : {}),
    });
    if (r.bans.length + r.quotas.length === 0) continue;
    regimes.push(r);
    notes.push(...r.notes);
    missing.push(...r.missing);
  }
  return regimes;
}

/** An asset's exportable tonnes after its country's bans (days in force) and quota caps. */
function stageOf(
  world: World,
  p: _Produced,
  regime: QuotaRegime | undefined,
  periodDays: number,
): _Stage {
  const asset = world.assets.get(p.asset);
  const country = (asset?.country as string | undefined) ?? "";
  const heldBackByRule: { ruleId: string; tonnes: number }[] = [];
  const explanations = [...p.why];
  explanations.unshift(
    `Produced ${_t(p.tonnes)} (${p.production.basis ?? "unknown basis"}, ${p.production.derivation ?? ""}; records ${p.production.records.join(", ")})`,
  );
  if (regime) {
    for (const b of regime.bans) {
      const held = (p.tonnes * b.days) / periodDays;
      heldBackByRule.push({ ruleId: b.ruleId, tonnes: held });
      explanations.push(
        `Ban ${b.ruleId} in force ${b.days} of ${periodDays} days: ${_t(held)} held back`,
      );
    }
    for (const q of regime.quotas) {
      const inDays = (p.tonnes * q.days) / periodDays;
      const cap = regime.caps.find((c) => c.asset === p.asset && c.ruleId === q.ruleId);
      const capTonnes = cap?.capTonnes ?? 0;
      const out = Math.min(inDays, capTonnes);
      const held = inDays - out;
      explanations.push(
        `Quota ${q.ruleId} governs ${q.days} of ${periodDays} days: production then ${_t(inDays)}, cap ${_t(capTonnes)} (${cap?.basis ?? "no allocation"}${cap?.holder && cap.holder !== p.asset ? ` via ${cap.holder}` : ""}), ${_t(held)} held back`,
      );
      if (held > EPS) heldBackByRule.push({ ruleId: q.ruleId, tonnes: held });
    }
  }
  const heldBack = heldBackByRule.reduce((s, h) => s + h.tonnes, 0);
  return {
    asset: p.asset,
    name: asset?.name ?? p.asset,
    country,
    produced: p.tonnes,
    production: p.production,
    exportable: Math.max(0, p.tonnes - heldBack),
    heldBackByRule: heldBackByRule.filter((h) => h.tonnes > EPS),
    explanations,
  };
}

/**
 * 3. Offtakes in force during the period, per selling asset (a company sells from its assets,
 * each in proportion to its exportable tonnes).
 */
function offtakesBySeller(
  world: World,
  opts: AllocationOptions,
  statuses: OfftakeStatus[],
  stages: Map<string, _Stage>,
  assetsOf: (holder: string) => string[],
  notes: string[],
): Map<string, _Sold[]> {
  const { commodity, period } = opts;
  const periodSpan = _spanOfPeriod(period);
  const offtakes = world.offtakes
    .filter((o) => o.commodity === commodity && statuses.includes(o.status))
    .filter((o) => _daysIn(_intersect(periodSpan, _spanOfValidity(o.validFrom, o.validTo))) > 0)
    .sort(_byPriority);
  const bySeller = new Map<string, _Sold[]>();
  for (const o of offtakes) {
    const seller = o.seller as string;
    if (stages.has(seller)) {
      bySeller.set(seller, [...(bySeller.get(seller) ?? []), { offtake: o, weight: 1, via: null }]);
      continue;
    }
    if (world.assets.has(seller)) {
      notes.push(
        `Offtake ${o.id}: seller ${seller} has no ${commodity} production for ${period}; not allocated`,
      );
      continue;
    }
    const its = assetsOf(seller).filter((x) => stages.has(x));
    if (its.length === 0) {
      notes.push(
        `Offtake ${o.id}: seller ${seller} operates or controls no ${commodity} producer with a figure for ${period}; not allocated`,
      );
      continue;
    }
    const total = its.reduce((s, x) => s + (stages.get(x)?.exportable ?? 0), 0);
    for (const x of its)
      bySeller.set(x, [
        ...(bySeller.get(x) ?? []),
        {
          offtake: o,
          weight: total > 0 ? (stages.get(x)?.exportable ?? 0) / total : 1 / its.length,
          via: seller,
        },
      ]);
  }
  return bySeller;
}

/** What an offtake's term asks of an asset's tonnes, and how that was reckoned. */
function wantedBy(
  o: Offtake,
  s: _Stage,
  sold: { weight: number; from: string; remaining: number },
  lookThrough: LookThrough,
  periodDays: number,
  yearDays: number,
): { wanted: number; how: string } {
  const { weight, from, remaining } = sold;
  switch (o.term.kind) {
    case "equity-proportional": {
      const holder = (o.term.holder as string | undefined) ?? (o.buyer as string);
      const share = lookThrough(holder, s.asset);
      return {
        wanted: share * s.exportable,
        how: `equity-proportional: ${holder}'s look-through share ${_pct(share)} of ${s.asset} × ${_t(s.exportable)} exportable`,
      };
    }
    case "fixed":
      return {
        wanted: (o.term.tonnes * periodDays * weight) / yearDays,
        how: `fixed ${_t(o.term.tonnes)} a year × ${periodDays}/${yearDays} days${from}`,
      };
    case "share-of-production":
      return {
        wanted: o.term.share * s.exportable,
        how: `share of production ${_pct(o.term.share)} × ${_t(s.exportable)} exportable`,
      };
    case "share-of-unallocated":
      return {
        wanted: o.term.share * remaining,
        how: `share of the unallocated ${_pct(o.term.share)} × ${_t(remaining)} still unallocated`,
      };
    case "exclusive-country":
      return {
        wanted: remaining,
        how: `exclusive rights for buyers of ${countryNameFor(o.term.country)}: all ${_t(remaining)} still unallocated`,
      };
  }
}

/** 4. An asset's exportable tonnes down its offtakes in priority order; the rest to the open market. */
function assetAllocationOf(
  world: World,
  s: _Stage,
  sold: _Sold[],
  lookThrough: LookThrough,
  periodDays: number,
  yearDays: number,
): AssetAllocation {
  const list = [...sold].sort((a, b) => _byPriority(a.offtake, b.offtake));
  const exclusive = list.find((l) => l.offtake.term.kind === "exclusive-country")?.offtake;
  const exclusiveCountry =
    exclusive?.term.kind === "exclusive-country" ? (exclusive.term.country as string) : null;
  let remaining = s.exportable;
  const lines: AllocationLine[] = [];
  for (const { offtake: o, weight, via } of list) {
    const buyer = world.entities.get(o.buyer);
    const buyerCountry = (buyer?.country as string | null | undefined) ?? null;
    const base = {
      offtake: o.id as string,
      buyer: o.buyer as string,
      buyerName: buyer?.name ?? o.buyer,
      buyerCountry,
      term: o.term,
      priority: o.priority,
      status: o.status,
      destination: o.destination ?? null,
    };
    const from = via ? ` (sold by ${via}, ${_pct(weight)} of it from ${s.asset})` : "";
    if (exclusiveCountry !== null && buyerCountry !== exclusiveCountry) {
      lines.push({
        ...base,
        wantedTonnes: 0,
        tonnes: 0,
        explanation: `Excluded: ${exclusive?.id} gives buyers of ${countryNameFor(exclusiveCountry)} exclusive rights to ${s.asset}; ${o.buyer} is ${buyerCountry ? `of ${countryNameFor(buyerCountry)}` : "of unknown country"}`,
      });
      continue;
    }
    const { wanted, how } = wantedBy(
      o,
      s,
      { weight, from, remaining },
      lookThrough,
      periodDays,
      yearDays,
    );
    const tonnes = Math.max(0, Math.min(wanted, remaining));
    remaining -= tonnes;
    lines.push({
      ...base,
      wantedTonnes: wanted,
      tonnes,
      explanation: `${how} = ${_t(wanted)}${tonnes + EPS < wanted ? `; only ${_t(tonnes)} left` : ""}`,
    });
  }
  const heldBack = s.heldBackByRule.reduce((a, h) => a + h.tonnes, 0);
  const openMarket = Math.max(0, remaining);
  return {
    asset: s.asset,
    name: s.name,
    country: s.country,
    producedTonnes: s.produced,
    production: s.production,
    exportableTonnes: s.exportable,
    heldBackTonnes: heldBack,
    heldBackByRule: s.heldBackByRule,
    lines,
    openMarketTonnes: openMarket,
    bindingRules: s.heldBackByRule.map((h) => h.ruleId),
    explanations: [
      ...s.explanations,
      ...lines.map((l) => `${l.offtake} → ${l.buyer}: ${_t(l.tonnes)}. ${l.explanation}`),
      `Open market: ${_t(openMarket)}`,
    ],
  };
}

/**
 * The allocation of `commodity` over `period` in `world`: production with shocks (1), export
 * bans and quotas (2), offtakes in force (3), each asset's tonnes down its offtakes (4).
 *
 * @example allocationFor(world, { commodity: "cobalt", period: "2026", lookThrough })
 */
export function allocationFor(world: World, opts: AllocationOptions): Allocation {
  const quotaMode = opts.quotaMode ?? "apply";
  const statuses: OfftakeStatus[] = [...(opts.offtakeStatuses ?? ["active"])];
  const { commodity, period } = opts;
  const notes: string[] = [];
  const missing: string[] = [];
  const periodDays = _daysIn(_spanOfPeriod(period));

  const { produced, unknownProduction } = producedOf(world, opts, missing);
  const assetsOf = assetsOfFn(
    world,
    opts,
    produced.map((p) => p.asset),
  );
  const regimes = regimesOf(world, opts, produced, assetsOf, notes, missing);
  const regimeByCountry = new Map(regimes.map((r) => [r.country, r]));
  const stages = produced.map((p) =>
    stageOf(
      world,
      p,
      regimeByCountry.get((world.assets.get(p.asset)?.country as string | undefined) ?? ""),
      periodDays,
    ),
  );
  const bySeller = offtakesBySeller(
    world,
    opts,
    statuses,
    new Map(stages.map((s) => [s.asset, s])),
    assetsOf,
    notes,
  );
  const yearDays = _daysIn(_spanOfPeriod(String(periodYear(period))));
  const assets = stages.map((s) =>
    assetAllocationOf(
      world,
      s,
      bySeller.get(s.asset) ?? [],
      opts.lookThrough,
      periodDays,
      yearDays,
    ),
  );

  const sum = (f: (a: AssetAllocation) => number) => assets.reduce((s, a) => s + f(a), 0);
  const producedTonnes = sum((a) => a.producedTonnes);
  const heldBackTonnes = sum((a) => a.heldBackTonnes);
  const toBuyersTonnes = sum((a) => a.lines.reduce((s, l) => s + l.tonnes, 0));
  const openMarketTonnes = sum((a) => a.openMarketTonnes);
  if (unknownProduction.length > 0)
    missing.push(
      `${commodity} production for ${period} at ${unknownProduction.map((u) => u.asset).join(", ")}`,
    );
  return {
    commodity,
    period,
    asOf: world.asOf,
    quotaMode,
    offtakeStatuses: statuses,
    assets,
    unknownProduction,
    regimes,
    totals: {
      producedTonnes,
      heldBackTonnes,
      exportedTonnes: producedTonnes - heldBackTonnes,
      toBuyersTonnes,
      openMarketTonnes,
    },
    notes: [...new Set(notes)],
    missing: [...new Set(missing)],
  };
}
