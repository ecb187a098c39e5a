/**
 * What the stockpile computations share: finding a stockpile by id or holder, its position
 * per commodity (holdings and dated movements), the holder country's need (net imports) and
 * the latest price. Private to the stockpile files. Definitions: docs/methodology-stockpile.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { periodBounds } from "../../model/dates.js";
import { OrebookError } from "../../model/errors.js";
import type { Stockpile } from "../../model/stockpile.js";
import type { World } from "../../model/world.js";

/** Tonnes a year given by the user where the dataset has no net-import figure. */
export type UserNeed = Readonly<Partial<Record<Commodity, number>>>;

/** The stockpile a `holder` names: its id, or the entity that holds it. */
export function _stockpileFor(world: World, holder: string): Stockpile {
  const byId = world.stockpiles.get(holder);
  if (byId) return byId;
  const held = [...world.stockpiles.values()].filter((s) => s.holder === holder);
  if (held.length === 1 && held[0]) return held[0];
  const known = [...world.stockpiles.keys()].sort().join(", ");
  if (held.length > 1)
    throw new OrebookError(
      "AMBIGUOUS",
      `Holder ${holder} holds ${held.length} stockpiles (${held.map((s) => s.id).join(", ")}): name one by id`,
    );
  throw new OrebookError(
    "NOT_FOUND",
    `No stockpile ${holder}: give a stockpile id or its holder (known: ${known || "none"})`,
  );
}

/** The commodities a stockpile covers: listed, held or targeted, in that order, once each. */
export function _commoditiesOf(s: Stockpile): Commodity[] {
  return [
    ...new Set([
      ...s.commodities,
      ...s.holdings.map((h) => h.commodity),
      ...s.targets.map((t) => t.commodity),
    ]),
  ];
}

/** What a stockpile holds of one commodity on the world's date. */
export interface StockpilePosition {
  /** Null when the holdings are not known (and not assumed empty). */
  tonnes: number | null;
  bookValueUsd: number | null;
  basis: "holdings" | "assumed empty" | "unknown";
  /** Acquisitions less releases dated after the stockpile record, on or before the world's date. */
  movedTonnes: number;
  /** Commitments not yet delivered: tonnes and value. */
  onOrderTonnes: number;
  onOrderUsd: number;
  movements: string[];
  note: string;
}

/** The position of `s` in `commodity`: holdings, then dated movements after the record. */
export function _positionOf(
  world: World,
  s: Stockpile,
  commodity: Commodity,
  assumeEmpty: boolean,
): StockpilePosition {
  const holding = s.holdings.find((h) => h.commodity === commodity);
  const since = s.asOf ?? "";
  let moved = 0;
  let onOrderTonnes = 0;
  let onOrderUsd = 0;
  let unknownMove = false;
  const movements: string[] = [];
  for (const m of world.stockpileMovements) {
    if (m.stockpile !== s.id || m.commodity !== commodity) continue;
    movements.push(m.id);
    if (m.kind === "commitment") {
      onOrderTonnes += m.tonnes ?? 0;
      onOrderUsd += m.valueUsd ?? 0;
      continue;
    }
    if (m.date.slice(0, since.length) <= since) continue; // already in the holdings figure
    if (m.tonnes === null) unknownMove = true;
    else moved += m.kind === "acquisition" ? m.tonnes : -m.tonnes;
  }
  const known = holding !== undefined && holding.tonnes !== null;
  if (known && !unknownMove)
    return {
      tonnes: Math.max(0, (holding.tonnes as number) + moved),
      bookValueUsd: holding.bookValueUsd,
      basis: "holdings",
      movedTonnes: moved,
      onOrderTonnes,
      onOrderUsd,
      movements,
      note: `Holdings ${holding.tonnes} t (record ${s.id}, as of ${since || "undated"})${moved !== 0 ? ` and movements since, net ${moved} t` : ""}`,
    };
  if (assumeEmpty)
    return {
      tonnes: Math.max(0, moved),
      bookValueUsd: null,
      basis: "assumed empty",
      movedTonnes: moved,
      onOrderTonnes,
      onOrderUsd,
      movements,
      note: `Holdings of ${commodity} are not in the sources; assumed empty as asked (--assume-empty)${moved !== 0 ? `, plus recorded movements, net ${moved} t` : ""}`,
    };
  return {
    tonnes: null,
    bookValueUsd: null,
    basis: "unknown",
    movedTonnes: moved,
    onOrderTonnes,
    onOrderUsd,
    movements,
    note: unknownMove
      ? `A movement of ${commodity} without tonnes makes the position unknown`
      : `Holdings of ${commodity} are not in the sources: unknown, not zero (assume empty only when told)`,
  };
}

/** The holder country's need for a commodity, in tonnes a year. */
export interface Need {
  tonnesPerYear: number | null;
  basis: "dataset" | "user input" | "missing";
  year: number | null;
  record: string | null;
  sources: string[];
  netImportReliance: number | null;
  note: string;
}

/** Net imports of `country` in `commodity` (latest year on or before `year`), or the user's. */
export function _needOf(
  world: World,
  country: string,
  commodity: Commodity,
  year: number,
  user: UserNeed | undefined,
): Need {
  const given = user?.[commodity];
  const rows = world.demand
    .filter((d) => d.country === country && d.commodity === commodity && d.year <= year)
    .sort((a, b) => b.year - a.year);
  const nir = rows.find((d) => d.netImportReliance !== null)?.netImportReliance ?? null;
  if (given !== undefined)
    return {
      tonnesPerYear: given,
      basis: "user input",
      year: null,
      record: null,
      sources: [],
      netImportReliance: nir,
      note: `USER INPUT: ${commodity} need ${given} t/yr given on the command line, not from the sources`,
    };
  const d = rows.find((r) => r.netImportsTonnes !== null);
  if (d)
    return {
      tonnesPerYear: d.netImportsTonnes,
      basis: "dataset",
      year: d.year,
      record: d.id,
      sources: [...d.sources],
      netImportReliance: d.netImportReliance,
      note: `${country} net imports of ${commodity}, ${d.year}: ${d.netImportsTonnes} t (record ${d.id})`,
    };
  return {
    tonnesPerYear: null,
    basis: "missing",
    year: null,
    record: null,
    sources: [],
    netImportReliance: nir,
    note: `${commodity}: needs net-import tonnes (not in the sources)${nir !== null ? `; only the net import reliance ${Math.round(nir * 100)}% is known, without apparent consumption` : ""}`,
  };
}

/** A price used: the dataset's latest for the commodity on or before the world's date. */
export interface PriceUsed {
  usdPerTonne: number;
  date: string;
  record: string;
  sources: string[];
  quoted: string;
}

/** The latest price of `commodity` in `world` (by the last day its date covers), or null. */
export function _priceOf(world: World, commodity: Commodity): PriceUsed | null {
  const end = (d: string) => {
    try {
      return periodBounds(d).end as string;
    } catch {
      return d;
    }
  };
  const best = world.prices
    .filter((p) => p.commodity === commodity)
    .sort((a, b) => {
      const ea = end(a.date);
      const eb = end(b.date);
      return ea > eb ? -1 : ea < eb ? 1 : a.id < b.id ? -1 : 1;
    })[0];
  return best
    ? {
        usdPerTonne: best.usdPerTonne,
        date: best.date,
        record: best.id,
        sources: [...best.sources],
        quoted: best.quoted,
      }
    : null;
}

/** The `n` calendar months after the month of `asOf`, as YYYY-MM. */
export function _monthsAfter(asOf: string, n: number): string[] {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const k = y * 12 + (m - 1) + i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

/** The money a stockpile has committed: the recorded figure, else the sum of its commitments. */
export function _committedUsdOf(world: World, s: Stockpile): { usd: number; basis: string } {
  if (s.committedUsd !== null && s.committedUsd !== undefined)
    return { usd: s.committedUsd, basis: `committedUsd of ${s.id}` };
  const ms = world.stockpileMovements.filter(
    (m) => m.stockpile === s.id && m.kind === "commitment",
  );
  const usd = ms.reduce((a, m) => a + (m.valueUsd ?? 0), 0);
  return {
    usd,
    basis:
      ms.length > 0
        ? `sum of commitments ${ms.map((m) => m.id).join(", ")}`
        : "no commitment recorded",
  };
}
