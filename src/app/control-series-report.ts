/**
 * A commodity over the years: for each year from `from` to `to`, the control report and the flows
 * report of that year's output, read on the year's last day (or the request's date, if earlier),
 * cut to what a chart needs: the counted output, the exported tonnes, the HHI of every view and
 * of buyer countries, the country shares in the four control views and the leading companies'
 * shares. Beside them, the dated events that explain a break in a line: export bans and quotas,
 * deals signed, closed or collapsed, and areas an armed group took or left. `GET
 * /api/reports/series` and the dashboard's time-series charts call it; the figures are the
 * engine's reports, unchanged.
 */

import { flowsReportFor } from "../engine/metrics/index.js";
import { controlReportFor, EASTERN_COMMODITIES, seriesDate } from "../engine/ownership/index.js";
import type { Commodity } from "../model/commodity.js";
import { countryNameFor } from "../model/country.js";
import { OrebookError } from "../model/errors.js";
import type { World } from "../model/world.js";

export interface ControlSeriesRequest {
  commodity: Commodity;
  /** First and last year (default 2018 and the year of `asOf`). */
  from?: number | undefined;
  to?: number | undefined;
  asOf: string;
  /** How many companies to follow (the largest by output over the years; default 6). */
  companies?: number | undefined;
}

/** A country's shares in a year, in the four control views (null: no output counted). */
export interface SeriesCountry {
  country: string;
  name: string;
  location: number | null;
  attributable: number | null;
  consolidated: number | null;
  deFacto: number | null;
}

export interface ControlSeriesPoint {
  year: number;
  /** The date the year is read on. */
  asOf: string;
  /** What to show beside the year's figures when they are not reported output. */
  label: string | null;
  /** Output counted for the year on named assets (t); 0 when the records have none. */
  producedTonnes: number;
  /** What of it was exported (t), by the allocation of that year. */
  exportedTonnes: number;
  /** Share of the exported tonnes sold on the open market (its buyers unrecorded). */
  openMarketShare: number | null;
  hhi: {
    location: number | null;
    attributable: number | null;
    consolidated: number | null;
    deFacto: number | null;
    buyerCountry: number | null;
  };
  countries: SeriesCountry[];
  /** The followed companies' attributable shares (each along its own chain). */
  companies: { id: string; name: string; share: number | null }[];
  /** What the year's shares are of, and how much of the country's output its assets cover. */
  coverage: SeriesCoverage;
  /** False when the year is read before its last day (the year in progress). */
  yearComplete: boolean;
}

/**
 * A year's basis: `national` when the dataset has the country's mine total for the year (the
 * shares are of it and the row `not-on-a-recorded-asset` holds what no recorded asset produced),
 * `recorded` when it has none (the shares are of the output on recorded assets only, so they are
 * not comparable with a national year's: the coverage is unknown).
 */
export interface SeriesCoverage {
  basis: "national" | "recorded";
  /** The national mine total for the year (t); null when the dataset has none. */
  nationalTonnes: number | null;
  /** The output counted ÷ the national total; null without a national total. */
  share: number | null;
  /** The national total's sources. */
  sources: string[];
}

export const SERIES_EVENT_KINDS = ["ban", "quota", "deal", "seizure", "withdrawal"] as const;
export type SeriesEventKind = (typeof SERIES_EVENT_KINDS)[number];

export interface SeriesEvent {
  date: string;
  kind: SeriesEventKind;
  /** What happened, in words. */
  label: string;
  /** The record it comes from. */
  record: string;
  sources: string[];
}

export interface ControlSeries {
  commodity: Commodity;
  from: number;
  to: number;
  asOf: string;
  points: ControlSeriesPoint[];
  events: SeriesEvent[];
  basis: string;
}

/** At most this many years in one series. */
export const MAX_CONTROL_SERIES_YEARS = 30;

/** The events of `world` concerning `commodity`, dated within [from, to]. */
export function seriesEventsOf(
  world: World,
  commodity: Commodity,
  from: string,
  to: string,
): SeriesEvent[] {
  const out: SeriesEvent[] = [];
  const within = (d: string | undefined): d is string => d !== undefined && d >= from && d <= to;
  const nameOf = new Map<string, string>();
  for (const e of world.entities.values()) nameOf.set(e.id, e.name);
  for (const a of world.assets.values()) nameOf.set(a.id, a.name);
  for (const r of world.tradeRules) {
    if (r.commodity !== commodity) continue;
    if (r.kind !== "export-ban" && r.kind !== "export-quota") continue;
    const kind = r.kind === "export-ban" ? "ban" : "quota";
    const what =
      r.kind === "export-ban"
        ? `${countryNameFor(r.country)} export ban on ${commodity}`
        : `${countryNameFor(r.country)} export quota on ${commodity}${r.capTonnes !== undefined ? ` (${Math.round(r.capTonnes).toLocaleString("en-US")} t${r.capPeriod ? ` for ${r.capPeriod}` : ""})` : ""}`;
    if (within(r.validFrom))
      out.push({
        date: r.validFrom,
        kind,
        label: `${what} begins`,
        record: r.id,
        sources: r.sources,
      });
    if (within(r.validTo))
      out.push({ date: r.validTo, kind, label: `${what} ends`, record: r.id, sources: r.sources });
  }
  const producing = new Set(
    [...world.assets.values()]
      .filter((a) => a.commodities.includes(commodity))
      .map((a) => a.id as string),
  );
  for (const d of world.deals) {
    // A deal concerns the commodity when it moves a stake, sells the commodity, rules on it or
    // opens an asset producing it; a deal that changes no record (a ceasefire, a peace
    // framework) concerns the eastern commodities, whose sites armed groups hold.
    const touches = d.effects.some((e) =>
      e.kind === "stake-transfer"
        ? true
        : e.kind === "offtake"
          ? e.offtake.commodity === commodity
          : e.kind === "trade-rule"
            ? "commodity" in e.rule && e.rule.commodity === commodity
            : e.kind === "new-asset"
              ? e.asset.commodities.includes(commodity)
              : false,
    );
    const peace = d.effects.length === 0 && EASTERN_COMMODITIES.includes(commodity);
    if (!touches && !peace) continue;
    for (const h of d.statusHistory)
      if (
        (h.status === "signed" || h.status === "closed" || h.status === "collapsed") &&
        within(h.date)
      )
        out.push({
          date: h.date,
          kind: "deal",
          label: `${d.name}: ${h.status}`,
          record: d.id,
          sources: h.sources,
        });
  }
  for (const t of world.territories) {
    const sites = t.assets.filter((a) => producing.has(a));
    if (sites.length === 0) continue;
    const who = nameOf.get(t.controller) ?? t.controller;
    const where = sites.map((a) => nameOf.get(a) ?? a).join(", ");
    if (within(t.validFrom))
      out.push({
        date: t.validFrom,
        kind: "seizure",
        label: `${who} takes ${where}`,
        record: t.id,
        sources: t.sources,
      });
    if (within(t.validTo))
      out.push({
        date: t.validTo as string,
        kind: "withdrawal",
        label: `${who} leaves ${where}`,
        record: t.id,
        sources: t.sources,
      });
  }
  return out;
}

/** The series, with a clear error for years out of order or too many. */
export async function controlSeriesReport(
  worldAt: (asOf: string) => World | Promise<World>,
  req: ControlSeriesRequest,
): Promise<ControlSeries> {
  const from = req.from ?? 2018;
  const to = req.to ?? Number(req.asOf.slice(0, 4));
  if (to < from)
    throw new OrebookError("BAD_INPUT", `The series ends (${to}) before it starts (${from})`);
  if (to - from + 1 > MAX_CONTROL_SERIES_YEARS)
    throw new OrebookError(
      "BAD_INPUT",
      `The series asks for ${to - from + 1} years, more than ${MAX_CONTROL_SERIES_YEARS}: narrow from and to`,
    );
  const years: { year: number; world: World }[] = [];
  for (let y = from; y <= to; y++)
    years.push({ year: y, world: await worldAt(seriesDate(y, req.asOf)) });
  const reports = years.map(({ year, world }) => {
    const period = String(year);
    const control = controlReportFor(world, { commodity: req.commodity, period });
    const flows = flowsReportFor(world, {
      commodity: req.commodity,
      period,
      quotaMode: "apply",
      offtakeStatuses: ["active"],
    });
    return { year, world, control, flows };
  });
  // The companies followed: the largest by attributable output summed over the years.
  const byCompany = new Map<string, { name: string; tonnes: number }>();
  for (const { control } of reports)
    for (const c of control.byCompany) {
      const was = byCompany.get(c.id) ?? { name: c.name, tonnes: 0 };
      byCompany.set(c.id, { name: c.name, tonnes: was.tonnes + c.attributableTonnes });
    }
  const followed = [...byCompany.entries()]
    .filter(([, c]) => c.tonnes > 0)
    .sort((a, b) => b[1].tonnes - a[1].tonnes || a[0].localeCompare(b[0]))
    .slice(0, req.companies ?? 6);
  const points = reports.map(({ year, world, control, flows }): ControlSeriesPoint => {
    const counted = control.totalTonnes > 0;
    const share = (x: number) => (counted ? x : null);
    return {
      year,
      asOf: world.asOf,
      label: control.periodChoice.label,
      producedTonnes: control.totalTonnes,
      exportedTonnes: flows.exportedTonnes,
      openMarketShare:
        flows.exportedTonnes > 0 ? flows.openMarketTonnes / flows.exportedTonnes : null,
      hhi: {
        location: counted ? control.hhi.location : null,
        attributable: counted ? control.hhi.attributable : null,
        consolidated: counted ? control.hhi.consolidated : null,
        deFacto: counted ? control.hhi.deFacto : null,
        buyerCountry: flows.hhi.byBuyerCountry,
      },
      countries: control.byCountry.map((c) => ({
        country: c.country,
        name: c.name,
        location: share(c.locationShare),
        attributable: share(c.attributableShare),
        consolidated: share(c.consolidatedShare),
        deFacto: share(c.deFactoShare),
      })),
      companies: followed.map(([id, c]) => ({
        id,
        name: c.name,
        share: counted
          ? (control.byCompany.find((x) => x.id === id)?.attributableShare ?? 0)
          : null,
      })),
      coverage: {
        basis: control.coverage.basis,
        nationalTonnes: control.coverage.nationalTonnes,
        share: control.coverage.share,
        sources: [...control.coverage.sources],
      },
      yearComplete: world.asOf >= `${year}-12-31`,
    };
  });
  // Events: every year's world, so that records no longer in force at the end still count.
  const seen = new Set<string>();
  const events: SeriesEvent[] = [];
  for (const { world } of reports)
    for (const e of seriesEventsOf(
      world,
      req.commodity,
      `${from}-01-01`,
      seriesDate(to, req.asOf),
    )) {
      const key = `${e.record}|${e.date}|${e.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push(e);
    }
  events.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
  return {
    commodity: req.commodity,
    from,
    to,
    asOf: req.asOf,
    points,
    events,
    basis:
      "Each year's output on named assets, read with the records in force on the year's last day (or the date asked, if earlier). Shares are of the country's national mine output where the dataset has that total for the year (what no recorded asset produced is the row 'Not on a recorded asset'), and of the output on recorded assets only where it has none (each point's coverage says which): the two are not comparable",
  };
}
