/**
 * What an allocation means: tonnes and shares by buyer, buyer country and destination; the
 * tonnes US buyers and the US stockpile can reach; the HHI of each view; the importer's net
 * import reliance (USGS, from the dataset) and the EU supply-risk score when its inputs are given.
 * Shares are of exported tonnes (to buyers and the open market), or of the tonnes given (the
 * national output, see national-coverage.ts). The open market and buyers of
 * unknown country are not suppliers' customers we can name: they stay out of the HHI, their mass
 * not redistributed, so each HHI is a lower bound. See docs/methodology-allocation.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { periodYear } from "../../model/dates.js";
import type { World } from "../../model/world.js";
import type { Allocation } from "../allocation/index.js";
import {
  bucketName,
  type CountryView,
  countryOfEntity,
  groupedCountry,
  hhiFrom,
} from "../common/index.js";
import { type SupplyRisk, type SupplyRiskInputs, supplyRiskFrom } from "./supply-risk.js";

export const UNKNOWN_KEY = "unknown";

export interface BuyerRow {
  buyer: string;
  name: string;
  country: string | null;
  tonnes: number;
  share: number;
}
export interface CountryRow {
  country: string;
  name: string;
  tonnes: number;
  share: number;
}
export interface DestinationRow {
  destination: string;
  tonnes: number;
  share: number;
}
export interface SellerRow {
  asset: string;
  name: string;
  producedTonnes: number;
  heldBackTonnes: number;
  toBuyersTonnes: number;
  openMarketTonnes: number;
}
export interface FlowLine {
  asset: string;
  offtake: string;
  buyer: string;
  buyerCountry: string | null;
  term: string;
  tonnes: number;
}

export interface NetImportReliance {
  country: string;
  commodity: Commodity;
  year: number;
  /** Fraction of apparent consumption; null when the source gives only a bound. */
  value: number | null;
  min: number | null;
  record: string;
  sources: string[];
}

export interface FlowMetrics {
  commodity: Commodity;
  period: string;
  asOf: string;
  quotaMode: "apply" | "ignore";
  producedTonnes: number;
  heldBackTonnes: number;
  exportedTonnes: number;
  toBuyersTonnes: number;
  openMarketTonnes: number;
  byBuyer: BuyerRow[];
  byBuyerCountry: CountryRow[];
  byDestination: DestinationRow[];
  bySeller: SellerRow[];
  lines: FlowLine[];
  heldBack: { asset: string; ruleId: string; tonnes: number }[];
  /** Tonnes allocated to US buyers and to holders of a US stockpile. */
  usAccessible: { tonnes: number; share: number; buyers: string[] };
  hhi: { byBuyer: number | null; byBuyerCountry: number | null; byDestination: number | null };
  netImportReliance: NetImportReliance | null;
  supplyRisk: SupplyRisk;
  notes: string[];
  missing: string[];
}

export interface FlowMetricsOptions {
  /** The importing country for NIR, supply risk and "accessible" tonnes. Default "US". */
  importer?: string;
  /** EU supply-risk inputs; global supply shares and IR default to the dataset's. */
  supplyRisk?: SupplyRiskInputs;
  /** The tonnes shares are of (e.g. the national output); default the exported tonnes. */
  shareOfTonnes?: number;
  /** How buyers' countries are counted (incorporation or headquarters, and any group). */
  countries?: CountryView;
}

function _rows<K extends string>(m: Map<K, number>, total: number): [K, number, number][] {
  return [...m.entries()]
    .map(([k, t]) => [k, t, total > 0 ? t / total : 0] as [K, number, number])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function _hhi(rows: { share: number; key: string }[]): number | null {
  const named = rows.filter((r) => r.key !== UNKNOWN_KEY);
  return named.length === 0 ? null : hhiFrom(named.map((r) => Math.min(1, r.share)));
}

function _nir(world: World, country: string, commodity: Commodity, year: number) {
  return world.demand
    .filter(
      (d) =>
        d.country === country &&
        d.commodity === commodity &&
        d.year <= year &&
        (d.netImportReliance !== null || d.netImportRelianceMin !== undefined),
    )
    .sort((a, b) => b.year - a.year)[0];
}

function _globalShares(
  world: World,
  commodity: Commodity,
  year: number,
): { shares: Map<string, number>; year: number } | null {
  const mine = world.countryProduction.filter(
    (c) => c.commodity === commodity && c.stage === "mine" && c.year <= year,
  );
  const withTotal = mine.filter((c) => c.country === null).sort((a, b) => b.year - a.year)[0];
  if (!withTotal || withTotal.tonnes <= 0) return null;
  const shares = new Map<string, number>();
  for (const c of mine)
    if (c.country !== null && c.year === withTotal.year)
      shares.set(c.country, (shares.get(c.country) ?? 0) + c.tonnes / withTotal.tonnes);
  return { shares, year: withTotal.year };
}

/**
 * The tonnes accessible to `importer`, by buyer: bought by the importer's buyers or stockpile
 * holders, or delivered to one of its market nodes (an offtake whose destination is in the
 * importer country).
 */
function importerAccess(
  world: World,
  allocation: Allocation,
  importer: string,
): Map<string, number> {
  const stockpileHolders = new Set<string>(
    [...world.stockpiles.values()].filter((s) => s.country === importer).map((s) => s.holder),
  );
  const importerNode = (d: string | null) =>
    d !== null && world.routeNodes.get(d)?.country === importer;
  const accessibleBy = new Map<string, number>();
  for (const a of allocation.assets)
    for (const l of a.lines) {
      if (l.tonnes <= 0) continue;
      const isImporterBuyer = l.buyerCountry === importer || stockpileHolders.has(l.buyer);
      if (isImporterBuyer || importerNode(l.destination))
        accessibleBy.set(l.buyer, (accessibleBy.get(l.buyer) ?? 0) + l.tonnes);
    }
  return accessibleBy;
}

/** `importer`'s net import reliance on `commodity` (USGS), the latest at or before `year`. */
function netImportRelianceOf(
  world: World,
  importer: string,
  commodity: Commodity,
  year: number,
): NetImportReliance | null {
  const nirRecord = _nir(world, importer, commodity, year);
  return nirRecord
    ? {
        country: importer,
        commodity,
        year: nirRecord.year,
        value: nirRecord.netImportReliance,
        min: nirRecord.netImportRelianceMin ?? null,
        record: nirRecord.id,
        sources: [...nirRecord.sources],
      }
    : null;
}

/**
 * The flow metrics of an allocation.
 *
 * @example flowMetricsFrom(world, allocationFor(world, opts)).byBuyerCountry
 */
export function flowMetricsFrom(
  world: World,
  allocation: Allocation,
  opts: FlowMetricsOptions = {},
): FlowMetrics {
  const importer = opts.importer ?? "US";
  const notes = [...allocation.notes];
  const missing = [...allocation.missing];
  const exported = allocation.totals.exportedTonnes;
  const cv = opts.countries ?? {};
  /** A buyer's country bucket under the view (its recorded country when it is not an entity). */
  const buyerBucket = (id: string, recorded: string | null): string => {
    const e = world.entities.get(id);
    const c = e ? countryOfEntity(e, cv) : recorded;
    return c === null ? UNKNOWN_KEY : groupedCountry(c, cv);
  };
  const of = opts.shareOfTonnes ?? exported;
  const buyer = new Map<string, number>();
  const country = new Map<string, number>();
  const destination = new Map<string, number>();
  const lines: FlowLine[] = [];
  for (const a of allocation.assets)
    for (const l of a.lines) {
      if (l.tonnes <= 0) continue;
      lines.push({
        asset: a.asset,
        offtake: l.offtake,
        buyer: l.buyer,
        buyerCountry: l.buyerCountry,
        term: l.term.kind,
        tonnes: l.tonnes,
      });
      buyer.set(l.buyer, (buyer.get(l.buyer) ?? 0) + l.tonnes);
      const c = buyerBucket(l.buyer, l.buyerCountry);
      country.set(c, (country.get(c) ?? 0) + l.tonnes);
      const d = l.destination ?? UNKNOWN_KEY;
      destination.set(d, (destination.get(d) ?? 0) + l.tonnes);
    }
  const byBuyer: BuyerRow[] = _rows(buyer, of).map(([b, tonnes, share]) => {
    const e = world.entities.get(b);
    return {
      buyer: b,
      name: e?.name ?? b,
      country: e ? countryOfEntity(e, cv) : null,
      tonnes,
      share,
    };
  });
  const byBuyerCountry: CountryRow[] = _rows(country, of).map(([c, tonnes, share]) => ({
    country: c,
    name: c === UNKNOWN_KEY ? "Unknown" : bucketName(world, c),
    tonnes,
    share,
  }));
  const byDestination: DestinationRow[] = _rows(destination, of).map(([d, tonnes, share]) => ({
    destination: d,
    tonnes,
    share,
  }));

  const accessible = importerAccess(world, allocation, importer);
  const accessibleTonnes = [...accessible.values()].reduce((s, t) => s + t, 0);

  const year = periodYear(allocation.period);
  const netImportReliance = netImportRelianceOf(world, importer, allocation.commodity, year);
  if (!netImportReliance)
    missing.push(
      `${importer} net import reliance for ${allocation.commodity} (USGS) up to ${year}`,
    );

  const gs = _globalShares(world, allocation.commodity, year);
  const given = opts.supplyRisk ?? {};
  const ir = given.importReliance ?? netImportReliance?.value ?? null;
  const supplyRisk = supplyRiskFrom({
    ...given,
    ...(given.globalSupplyShares ? {} : gs ? { globalSupplyShares: gs.shares } : {}),
    importReliance: ir,
  });
  if (!given.globalSupplyShares && gs)
    supplyRisk.notes.push(`Global supply shares: mine production by country, ${gs.year}`);
  for (const m of supplyRisk.missing) missing.push(`Supply risk: ${m}`);

  const heldBack = allocation.assets.flatMap((a) =>
    a.heldBackByRule.map((h) => ({ asset: a.asset, ruleId: h.ruleId, tonnes: h.tonnes })),
  );
  return {
    commodity: allocation.commodity,
    period: allocation.period,
    asOf: allocation.asOf,
    quotaMode: allocation.quotaMode,
    producedTonnes: allocation.totals.producedTonnes,
    heldBackTonnes: allocation.totals.heldBackTonnes,
    exportedTonnes: exported,
    toBuyersTonnes: allocation.totals.toBuyersTonnes,
    openMarketTonnes: allocation.totals.openMarketTonnes,
    byBuyer,
    byBuyerCountry,
    byDestination,
    bySeller: allocation.assets.map((a) => ({
      asset: a.asset,
      name: a.name,
      producedTonnes: a.producedTonnes,
      heldBackTonnes: a.heldBackTonnes,
      toBuyersTonnes: a.lines.reduce((s, l) => s + l.tonnes, 0),
      openMarketTonnes: a.openMarketTonnes,
    })),
    lines,
    heldBack,
    usAccessible: {
      tonnes: accessibleTonnes,
      share: of > 0 ? accessibleTonnes / of : 0,
      buyers: [...accessible.keys()],
    },
    hhi: {
      byBuyer: _hhi(byBuyer.map((r) => ({ key: r.buyer, share: r.share }))),
      byBuyerCountry: _hhi(byBuyerCountry.map((r) => ({ key: r.country, share: r.share }))),
      byDestination: _hhi(byDestination.map((r) => ({ key: r.destination, share: r.share }))),
    },
    netImportReliance,
    supplyRisk,
    notes,
    missing: [...new Set(missing)],
  };
}
