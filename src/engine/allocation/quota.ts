/**
 * Export bans and quotas of one country, commodity and period, turned into what each producer
 * may export. Each day of the period is free, banned (any ban in force) or governed by one
 * quota (the latest in force). A quota's cap is spread evenly over the days of its span
 * (`capPeriod` within the rule's validity), so a quarter's cap meets an annual production
 * figure, and an annual cap a quarter, through the same daily rate. The part reserved for the
 * state (`strategicTonnes`) goes to no producer. See docs/methodology-allocation.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type { TradeRule } from "../../model/trade-rule.js";
import type { World } from "../../model/world.js";
import {
  type _DaySpan,
  _daysIn,
  _intersect,
  _spanOfPeriod,
  _spanOfValidity,
} from "../common/index.js";

/** How a producer's share of a quota was set. */
export type CapBasis =
  /** A published allocation to the asset itself. */
  | "published-asset"
  /** A published allocation to its company, split over the company's assets by production. */
  | "published-holder"
  /** The unlisted remainder, pro rata to past exports given as input. */
  | "pro-rata-past-exports"
  /** The unlisted remainder, pro rata to production in the period (a stand-in, flagged). */
  | "derived-pro-rata-production"
  /** Not on a published list: nothing. */
  | "unlisted-zero";

/** One producer's cap under one quota rule, for the days that rule governs in the period. */
export interface ProducerCap {
  asset: string;
  ruleId: string;
  capTonnes: number;
  basis: CapBasis;
  /** The published holder the cap comes from, when there is one. */
  holder: string | null;
  /** Days of the period this rule governs. */
  days: number;
}

/** One quota rule's cap over the days it governs in the period. */
export interface QuotaShare {
  ruleId: string;
  capPeriod: string | null;
  /** Days of the period the rule governs (not banned, not overridden by a later quota). */
  days: number;
  /** Days of the cap's span: `capPeriod` within the rule's validity. */
  spanDays: number;
  /** The cap for the governed days: `capTonnes × days / spanDays`. */
  capTonnes: number;
  /** The state-reserved part of it, prorated the same way. */
  strategicTonnes: number;
  /** `capTonnes − strategicTonnes`: what producers may share. */
  allocatableTonnes: number;
  method: "published-list" | "pro-rata-past-exports" | null;
  /** Published allocations after proration (and scaling, if they exceeded the allocatable). */
  listedTonnes: number;
  /** Allocated tonnes that no producer in the dataset can use (e.g. a company with no asset). */
  unassignedTonnes: number;
}

export interface QuotaRegime {
  country: string;
  commodity: Commodity;
  period: string;
  periodDays: number;
  /** Days with no ban and no quota. */
  freeDays: number;
  /** Days any export ban is in force. */
  banDays: number;
  bans: { ruleId: string; days: number }[];
  quotas: QuotaShare[];
  caps: ProducerCap[];
  notes: string[];
  /** Inputs the rules call for and the dataset lacks. */
  missing: string[];
}

export interface QuotaOptions {
  commodity: Commodity;
  period: string;
  /** The exporting country whose rules apply. */
  country: string;
  /** Producers in that country and their production in the period. */
  producers: readonly { asset: string; tonnes: number }[];
  /** The assets a published holder (a company) stands for. */
  assetsOf: (holder: string) => readonly string[];
  /** Past exports per asset, for quotas allocated pro rata to them. */
  pastExports?: ReadonlyMap<string, number>;
  /** What producers missing from a published list get: the unlisted remainder pro rata to production (default), or nothing. */
  unlisted?: "remainder-pro-rata" | "zero";
}

const EPS = 1e-9;

function _isBan(r: TradeRule): boolean {
  return r.kind === "export-ban";
}

function _ruleSpan(r: TradeRule, notes: string[]): _DaySpan {
  const validity = _spanOfValidity(r.validFrom, r.validTo);
  if (r.capPeriod) {
    const cap = _spanOfPeriod(r.capPeriod);
    const both = _intersect(cap, validity);
    return _daysIn(both) > 0 ? both : cap;
  }
  if (Number.isFinite(validity.to)) return validity;
  notes.push(
    `Quota ${r.id} has no capPeriod and no end date: its cap is read as per 365 days from ${r.validFrom}`,
  );
  return { from: validity.from, to: validity.from + 365 };
}

function _proRata(
  total: number,
  items: readonly { asset: string; weight: number }[],
): Map<string, number> {
  const sum = items.reduce((a, i) => a + i.weight, 0);
  const out = new Map<string, number>();
  for (const i of items)
    out.set(i.asset, sum > 0 ? (total * i.weight) / sum : total / items.length);
  return out;
}

/** Caps per asset as they are assigned: tonnes, on what basis and for which holder. */
type _PerAsset = Map<string, { tonnes: number; basis: CapBasis; holder: string | null }>;

/** Adds `tonnes` to `asset`'s cap; the first basis and holder given stay. */
function _add(
  perAsset: _PerAsset,
  asset: string,
  tonnes: number,
  basis: CapBasis,
  holder: string | null,
): void {
  const prev = perAsset.get(asset);
  perAsset.set(asset, {
    tonnes: (prev?.tonnes ?? 0) + tonnes,
    basis: prev?.basis ?? basis,
    holder: prev?.holder ?? holder,
  });
}

/** The bans and quotas of the country and commodity in force some day of the period, by start. */
function rulesInForce(world: World, opts: QuotaOptions, periodSpan: _DaySpan): TradeRule[] {
  return world.tradeRules
    .filter(
      (r) =>
        r.country === opts.country &&
        r.commodity === opts.commodity &&
        (r.kind === "export-ban" || r.kind === "export-quota"),
    )
    .filter((r) => _daysIn(_intersect(periodSpan, _spanOfValidity(r.validFrom, r.validTo))) > 0)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

/**
 * Day by day: a ban in force wins; else the latest quota in force governs the day; else the day
 * is free. Days per ban, the days each quota governs, free days and days any ban is in force.
 */
function daysByRule(
  periodSpan: _DaySpan,
  bans: readonly TradeRule[],
  quotas: readonly TradeRule[],
): {
  banDays: Map<string, number>;
  governed: Map<string, number[]>;
  freeDays: number;
  anyBanDays: number;
} {
  const banDays = new Map<string, number>();
  const governed = new Map<string, number[]>();
  let freeDays = 0;
  let anyBanDays = 0;
  for (let d = periodSpan.from; d < periodSpan.to; d++) {
    const inForce = (r: TradeRule) => {
      const v = _spanOfValidity(r.validFrom, r.validTo);
      return d >= v.from && d < v.to;
    };
    const ban = bans.find(inForce);
    if (ban) {
      banDays.set(ban.id, (banDays.get(ban.id) ?? 0) + 1);
      anyBanDays++;
      continue;
    }
    const quota = quotas.filter(inForce).at(-1);
    if (quota) governed.set(quota.id, [...(governed.get(quota.id) ?? []), d]);
    else freeDays++;
  }
  return { banDays, governed, freeDays, anyBanDays };
}

/**
 * A quota's published allocations, prorated over the days it governs like the cap, onto the
 * producing assets: an asset's own figure, else its holder's split over the holder's other
 * producing assets pro rata to production. What no producing asset takes is unassigned.
 */
function publishedCaps(
  world: World,
  opts: QuotaOptions,
  r: TradeRule,
  days: readonly number[],
  span: _DaySpan,
  producerTonnes: ReadonlyMap<string, number>,
  notes: string[],
): { listed: { holder: string; tonnes: number }[]; perAsset: _PerAsset; unassigned: number } {
  const validity = _spanOfValidity(r.validFrom, r.validTo);
  const listed = (r.allocations ?? []).map((a) => {
    const aSpan = a.period ? _intersect(_spanOfPeriod(a.period), validity) : span;
    const aDays = _daysIn(aSpan) || _daysIn(span);
    return { holder: a.holder as string, tonnes: (a.tonnes * days.length) / aDays };
  });
  const perAsset: _PerAsset = new Map();
  let unassigned = 0;
  const assetLevel = listed.filter((a) => producerTonnes.has(a.holder));
  for (const a of assetLevel) _add(perAsset, a.holder, a.tonnes, "published-asset", a.holder);
  const named = new Set(assetLevel.map((a) => a.holder));
  for (const a of listed) {
    if (producerTonnes.has(a.holder)) continue;
    const its = opts.assetsOf(a.holder).filter((x) => producerTonnes.has(x));
    const already = assetLevel
      .filter((x) => its.includes(x.holder))
      .reduce((s, x) => s + x.tonnes, 0);
    const others = its.filter((x) => !named.has(x));
    const rest = Math.max(0, a.tonnes - already);
    if (others.length === 0) {
      if (rest > EPS) {
        unassigned += rest;
        notes.push(
          its.length === 0
            ? world.assets.has(a.holder)
              ? `Quota ${r.id}: ${a.holder} has no ${opts.commodity} production figure for ${opts.period}; its ${rest.toFixed(0)} t go unused`
              : `Quota ${r.id}: holder ${a.holder} has no ${opts.commodity} producer with a figure for ${opts.period}; its ${rest.toFixed(0)} t go unused`
            : `Quota ${r.id}: ${rest.toFixed(0)} t of ${a.holder}'s allocation are not named to an asset and no other asset of it produces; unused`,
        );
      }
      continue;
    }
    const split = _proRata(
      rest,
      others.map((x) => ({ asset: x, weight: producerTonnes.get(x) ?? 0 })),
    );
    for (const [x, t] of split) _add(perAsset, x, t, "published-holder", a.holder);
    for (const x of others) named.add(x);
    if (others.length > 1)
      notes.push(
        `Quota ${r.id}: ${a.holder}'s allocation split over ${others.join(", ")} pro rata to their ${opts.period} production (derived)`,
      );
  }
  return { listed, perAsset, unassigned };
}

/**
 * The producers no published figure covers share `remainder`: nothing (a published list read
 * strictly), pro rata to past exports (when the rule says so and they are known), else pro rata
 * to production (derived).
 */
function unlistedCaps(
  opts: QuotaOptions,
  r: TradeRule,
  uncovered: readonly { asset: string; tonnes: number }[],
  remainder: number,
  hasList: boolean,
  perAsset: _PerAsset,
  notes: string[],
  missing: string[],
): void {
  if (
    r.allocationMethod === "published-list" &&
    (opts.unlisted ?? "remainder-pro-rata") === "zero"
  ) {
    for (const p of uncovered) _add(perAsset, p.asset, 0, "unlisted-zero", null);
    return;
  }
  if (
    r.allocationMethod === "pro-rata-past-exports" &&
    opts.pastExports &&
    uncovered.every((p) => opts.pastExports?.has(p.asset))
  ) {
    const split = _proRata(
      remainder,
      uncovered.map((p) => ({ asset: p.asset, weight: opts.pastExports?.get(p.asset) ?? 0 })),
    );
    for (const [x, t] of split) _add(perAsset, x, t, "pro-rata-past-exports", null);
    return;
  }
  const split = _proRata(
    remainder,
    uncovered.map((p) => ({ asset: p.asset, weight: p.tonnes })),
  );
  for (const [x, t] of split) _add(perAsset, x, t, "derived-pro-rata-production", null);
  if (r.allocationMethod === "pro-rata-past-exports")
    missing.push(
      `Past exports per producer for quota ${r.id} (pro rata to past exports): ${uncovered.map((p) => p.asset).join(", ")} share the unlisted ${remainder.toFixed(0)} t pro rata to ${opts.period} production instead`,
    );
  else
    notes.push(
      `Quota ${r.id}: ${uncovered.map((p) => p.asset).join(", ")} ${hasList ? "are not on the published list and " : ""}share the unlisted ${remainder.toFixed(0)} t pro rata to ${opts.period} production (derived)`,
    );
}

/** One quota over the days it governs: its cap, less the strategic part, split into producer caps. */
function quotaShareOf(
  world: World,
  opts: QuotaOptions,
  r: TradeRule,
  days: readonly number[],
  producerTonnes: ReadonlyMap<string, number>,
  notes: string[],
  missing: string[],
): { share: QuotaShare; caps: ProducerCap[] } {
  const span = _ruleSpan(r, notes);
  const spanDays = _daysIn(span);
  if (days.some((d) => d < span.from || d >= span.to))
    notes.push(
      `Quota ${r.id} is in force beyond its capPeriod ${r.capPeriod ?? ""}: its cap is repeated at the same daily rate`,
    );
  const capTonnes = ((r.capTonnes ?? 0) * days.length) / spanDays;
  const strategicTonnes = Math.min(capTonnes, ((r.strategicTonnes ?? 0) * days.length) / spanDays);
  const allocatable = capTonnes - strategicTonnes;

  const published = publishedCaps(world, opts, r, days, span, producerTonnes, notes);
  const { listed, perAsset } = published;
  let { unassigned } = published;
  // A company's figure and its assets' own figures count once: the assets' within the company's.
  let listedSum = [...perAsset.values()].reduce((a, c) => a + c.tonnes, 0) + unassigned;
  if (listedSum > allocatable + EPS) {
    const k = listedSum > 0 ? allocatable / listedSum : 0;
    notes.push(
      `Quota ${r.id}: published allocations (${listedSum.toFixed(0)} t) exceed the allocatable cap (${allocatable.toFixed(0)} t); scaled down by ${k.toFixed(4)}`,
    );
    for (const c of perAsset.values()) c.tonnes *= k;
    unassigned *= k;
    listedSum = allocatable;
  }
  const uncovered = opts.producers.filter((p) => !perAsset.has(p.asset));
  const remainder = Math.max(0, allocatable - listedSum);
  if (uncovered.length > 0)
    unlistedCaps(opts, r, uncovered, remainder, listed.length > 0, perAsset, notes, missing);
  else if (remainder > EPS)
    notes.push(
      `Quota ${r.id}: ${remainder.toFixed(0)} t of the allocatable cap are listed to no producer in the dataset`,
    );

  const caps = [...perAsset].map(([asset, c]) => ({
    asset,
    ruleId: r.id,
    capTonnes: c.tonnes,
    basis: c.basis,
    holder: c.holder,
    days: days.length,
  }));
  return {
    share: {
      ruleId: r.id,
      capPeriod: r.capPeriod ?? null,
      days: days.length,
      spanDays,
      capTonnes,
      strategicTonnes,
      allocatableTonnes: allocatable,
      method: r.allocationMethod ?? null,
      listedTonnes: listedSum,
      unassignedTonnes: unassigned,
    },
    caps,
  };
}

/**
 * The export regime of `country` for `commodity` over `period`: banned days, and each quota's
 * cap split into per-producer caps.
 *
 * @example quotaFor(world, { commodity: "cobalt", period: "2026", country: "CD", producers, assetsOf })
 */
export function quotaFor(world: World, opts: QuotaOptions): QuotaRegime {
  const notes: string[] = [];
  const missing: string[] = [];
  const periodSpan = _spanOfPeriod(opts.period);
  const periodDays = _daysIn(periodSpan);
  const rules = rulesInForce(world, opts, periodSpan);
  const bans = rules.filter(_isBan);
  const quotas = rules.filter((r) => !_isBan(r));
  const { banDays, governed, freeDays, anyBanDays } = daysByRule(periodSpan, bans, quotas);

  const producerTonnes = new Map(opts.producers.map((p) => [p.asset, p.tonnes]));
  const shares: QuotaShare[] = [];
  const caps: ProducerCap[] = [];
  for (const r of quotas) {
    const days = governed.get(r.id) ?? [];
    if (days.length === 0) continue;
    const q = quotaShareOf(world, opts, r, days, producerTonnes, notes, missing);
    caps.push(...q.caps);
    shares.push(q.share);
  }
  return {
    country: opts.country,
    commodity: opts.commodity,
    period: opts.period,
    periodDays,
    freeDays,
    banDays: anyBanDays,
    bans: [...banDays].map(([ruleId, days]) => ({ ruleId, days })),
    quotas: shares,
    caps,
    notes,
    missing,
  };
}
