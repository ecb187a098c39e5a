/**
 * The stale inputs of a share report: the records it used for a later date or period than
 * their own. A stake statement dated more than `STALE_STAKE_YEARS` before the report's as-of
 * date; a production figure of an earlier year than the one the report stands for (the period
 * asked for, else the as-of date's year); trade statistics of an earlier year than the period.
 * Each names its record, says what it is in plain words, gives its own date and its age in
 * years, and the counted tonnes it bears on (with their share of what the report's shares are
 * of). Pure: the reports call it once and every shell shows the list. See docs/methodology.md.
 */
import { countryNameFor } from "../../model/country.js";
import { lastDayOf } from "../../model/dates.js";
import type { AssetId, RecordId } from "../../model/ids.js";
import type { Production } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { _dayOf } from "./_days.js";
import { productionColumnsOf } from "./production-columns.js";
import { stakesDated, stakesInto } from "./world-stakes.js";

/** A stake statement older than this many years at the as-of date is listed as stale. */
export const STALE_STAKE_YEARS = 3;

export const STALE_KINDS = ["stake", "production", "trade-statistics", "demand"] as const;
export type StaleKind = (typeof STALE_KINDS)[number];

export interface StaleInput {
  /** The record used. */
  record: RecordId;
  kind: StaleKind;
  /** What it is, in plain words. */
  what: string;
  /** Its own date or period (as the record gives it). */
  date: string;
  /** The date or period it is used for. */
  usedFor: string;
  /** From the end of its own date or period to `usedFor`'s, in years (one decimal). */
  ageYears: number;
  /** The counted assets it bears on. */
  assets: AssetId[];
  /** Their counted tonnes. */
  tonnes: number;
  /** `tonnes` as a share of what the report's shares are of; null when that is 0. */
  share: number | null;
  /** The figure it bears on when that is not tonnes (a reliance figure): words. */
  affects?: string;
  /** Set when it is used only in the report's carried-forward view, not in its headline. */
  view?: "carried-forward";
}

/** A counted asset: its tonnes and the production records and periods they come from. */
export interface CountedAsset {
  id: AssetId;
  tonnes: number;
  records: readonly RecordId[];
  periods: readonly string[];
}

export interface StaleInputsOptions {
  assets: readonly CountedAsset[];
  /** The tonnes the report's shares are of. */
  shareOfTonnes: number;
  /** The year the report stands for: the period asked for, else the as-of date's year. */
  forYear: number;
  /** Trade statistics the report used, with the year it used them for (flows). */
  tradeStatistics?: { records: readonly RecordId[]; year: number; forYear: number };
  /** A consumption or reliance record of an earlier year, and the figure it gives (flows). */
  demand?: { record: RecordId; year: number; forYear: number; affects: string };
}

/** The last day of an as-of value (YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or a date), as a day number. */
const endDayOf = (asOf: string): number => _dayOf(lastDayOf(asOf));

const years = (days: number) => Math.round((days / 365.25) * 10) / 10;
const pct = (x: number) => `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;

/**
 * The stale inputs of a report of `world` counting `opts.assets`, largest tonnes first.
 *
 * @example staleInputsFor(world, { assets, shareOfTonnes: 230_000, forYear: 2025 })
 */
export function staleInputsFor(world: World, opts: StaleInputsOptions): StaleInput[] {
  const out: StaleInput[] = [];
  const name = (id: string) => world.entities.get(id)?.name ?? world.assets.get(id)?.name ?? id;
  const shareOf = (t: number) => (opts.shareOfTonnes > 0 ? t / opts.shareOfTonnes : null);
  // Made only when a stake is stale (at scale, a map of every counted asset).
  let tonnesById: Map<string, number> | undefined;
  const tonnesOf = () => {
    tonnesById ??= new Map(opts.assets.map((a) => [a.id as string, a.tonnes]));
    return tonnesById;
  };

  // Stakes: every stake in force above a counted asset, dated too long before the as-of date.
  const asOfDay = _dayOf(world.asOf);
  const limit = STALE_STAKE_YEARS * 365.25;
  const old = stakesDated(world, (d) => asOfDay - endDayOf(d) > limit);
  if (old.length > 0) {
    const oldIds = new Set(old.map((s) => s.id as string));
    const under = new Map<string, Set<AssetId>>();
    for (const a of opts.assets) {
      if (a.tonnes <= 0) continue;
      const seen = new Set<string>([a.id]);
      const todo: string[] = [a.id];
      while (todo.length > 0) {
        const node = todo.pop() as string;
        for (const s of stakesInto(world, node)) {
          if (oldIds.has(s.id)) {
            const set = under.get(s.id) ?? new Set<AssetId>();
            set.add(a.id);
            under.set(s.id, set);
          }
          if (!seen.has(s.owner)) {
            seen.add(s.owner);
            todo.push(s.owner);
          }
        }
      }
    }
    for (const s of old) {
      const assets = [...(under.get(s.id) ?? [])].sort();
      if (assets.length === 0) continue;
      const tonnes = assets.reduce((t, a) => t + (tonnesOf().get(a) ?? 0), 0);
      out.push({
        record: s.id,
        kind: "stake",
        what: `${name(s.owner)}'s ${pct(s.share)} stake in ${name(s.owned)}, a statement of ${s.asOf}`,
        date: s.asOf,
        usedFor: world.asOf,
        ageYears: years(asOfDay - endDayOf(s.asOf)),
        assets,
        tonnes,
        share: shareOf(tonnes),
      });
    }
  }

  // Production figures of an earlier year than the one the report stands for.
  // Only the figures of an earlier year are looked up (at scale, few of the world's figures).
  const prodById = new Map<string, Production>();
  const earlier = (period: string) => !(Number(period.slice(0, 4)) >= opts.forYear);
  const cols = productionColumnsOf(world);
  if (cols) {
    // From the columns: each distinct period tested once, only the earlier figures made records.
    const tested = new Map<string | null, boolean>();
    for (let i = 0; i < cols.count; i++) {
      const period = cols.period(i);
      let e = tested.get(period);
      if (e === undefined) {
        e = earlier(period as string);
        tested.set(period, e);
      }
      if (!e) continue;
      const p = cols.record(i);
      prodById.set(p.id, p);
    }
  } else for (const p of world.production) if (earlier(p.period)) prodById.set(p.id, p);
  const prodAssets = new Map<string, { assets: AssetId[]; tonnes: number; period: string }>();
  // Without an earlier year's figure, no counted asset's records are looked up.
  for (const a of prodById.size > 0 ? opts.assets : [])
    for (const r of a.records) {
      const p = prodById.get(r);
      if (!p || Number(p.period.slice(0, 4)) >= opts.forYear) continue;
      const e = prodAssets.get(r) ?? { assets: [], tonnes: 0, period: p.period };
      e.assets.push(a.id);
      e.tonnes += a.tonnes;
      prodAssets.set(r, e);
    }
  const forYearEnd = _dayOf(`${opts.forYear}-12-31`);
  for (const [r, e] of prodAssets) {
    const p = prodById.get(r);
    if (!p) continue;
    const where = e.assets.map(name).join(" + ");
    out.push({
      record: p.id,
      kind: "production",
      what: `${where}'s ${p.commodity} output of ${p.period} (${p.basis}), read for ${opts.forYear}`,
      date: p.period,
      usedFor: String(opts.forYear),
      ageYears: years(forYearEnd - endDayOf(p.period)),
      assets: [...e.assets].sort(),
      tonnes: e.tonnes,
      share: shareOf(e.tonnes),
    });
  }

  // Trade statistics of an earlier year than the period (where unnamed buyers' tonnes go).
  const ts = opts.tradeStatistics;
  if (ts && ts.year < ts.forYear) {
    const flows = new Map(world.tradeFlows.map((f) => [f.id as string, f]));
    const all = opts.assets.filter((a) => a.tonnes > 0);
    const tonnes = all.reduce((t, a) => t + a.tonnes, 0);
    for (const r of ts.records) {
      const f = flows.get(r);
      if (!f) continue;
      out.push({
        record: f.id,
        kind: "trade-statistics",
        what: `${countryNameFor(f.reporter)}'s ${f.direction === "import" ? "imports" : "exports"} of ${f.commodity} ${f.direction === "import" ? "from" : "to"} ${f.partner === null ? "the world" : countryNameFor(f.partner)} in ${f.year}, used to place ${ts.forYear}'s tonnes without a named buyer`,
        date: String(f.year),
        usedFor: String(ts.forYear),
        ageYears: ts.forYear - f.year,
        assets: all.map((a) => a.id).sort(),
        tonnes,
        share: shareOf(tonnes),
      });
    }
  }
  const d = opts.demand;
  if (d && d.year < d.forYear) {
    const rec = world.demand.find((x) => x.id === d.record);
    if (rec)
      out.push({
        record: rec.id,
        kind: "demand",
        what: `${countryNameFor(rec.country)}'s ${rec.commodity} consumption and net imports of ${rec.year}, read for ${d.forYear}`,
        date: String(rec.year),
        usedFor: String(d.forYear),
        ageYears: d.forYear - rec.year,
        assets: [],
        tonnes: 0,
        share: null,
        affects: d.affects,
      });
  }
  return out.sort(
    (a, b) => b.tonnes - a.tonnes || b.ageYears - a.ageYears || (a.record < b.record ? -1 : 1),
  );
}
