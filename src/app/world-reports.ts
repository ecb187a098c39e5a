/**
 * The reports read from one world: control, explanation, flows and routes. Each takes the
 * request's worlds (`WorldSource`) and what it asks, decides the date and period by the one
 * policy (`readingDates`) and calls the engine once. The CLI, the API routes and the jobs call
 * these; the `…Dates` functions give the as-of date a shell needs first (a cache key).
 */

import type { OfftakeStatus } from "../engine/allocation/index.js";
import type { CountryBasis, CountryGroup, ShareBasis } from "../engine/common/index.js";
import { type FlowsReport, flowsReportFor } from "../engine/metrics/index.js";
import {
  type ControlReport,
  controlReportFor,
  type Explanation,
  explanationFor,
  type View,
} from "../engine/ownership/index.js";
import type { RouteObjective } from "../engine/routes/index.js";
import { loadLpSolver, type RoutesReport, routesReportFor } from "../engine/routes/index.js";
import type { Commodity } from "../model/commodity.js";
import type { World } from "../model/world.js";
import {
  type AskedDates,
  type DateDefaults,
  type ReadingDates,
  readingDates,
  type ScenarioDates,
  type WorldSource,
} from "./reading.js";

/** What the shares of a report are of, and how countries are counted (engine/common/buckets.ts). */
export interface ShareRequest {
  /** national (default) or recorded (engine/common/national-coverage.ts). */
  basis?: ShareBasis | undefined;
  /** incorporation (default) or headquarters. */
  countryBasis?: CountryBasis | undefined;
  /** Countries counted together: greater-china (China with Hong Kong and Macao). */
  group?: CountryGroup | undefined;
}

/** The share options as the engine takes them (unset ones left out). */
function shareOptions(req: ShareRequest): {
  basis?: ShareBasis;
  countryBasis?: CountryBasis;
  group?: CountryGroup;
} {
  return {
    ...(req.basis !== undefined ? { basis: req.basis } : {}),
    ...(req.countryBasis !== undefined ? { countryBasis: req.countryBasis } : {}),
    ...(req.group !== undefined ? { group: req.group } : {}),
  };
}

export interface ControlRequest extends AskedDates, ShareRequest {
  commodity: Commodity;
  /** The majority threshold (default the engine's, 0.5). */
  threshold?: number | undefined;
  /** Make at most this many company and asset rows, the largest (default every one). */
  listed?: number | undefined;
}

/** Who owns and controls a commodity's production, on the policy's date and period. */
export async function controlReport(
  source: WorldSource,
  req: ControlRequest,
): Promise<ControlReport> {
  const { asOf, period } = readingDates(req, source.scenario);
  // The carried-forward view (missing producers at their last published figure) rides along,
  // beside the headline, for every shell.
  return controlReportFor(await source.world(asOf), {
    commodity: req.commodity,
    ...(period !== undefined ? { period } : {}),
    ...(req.threshold !== undefined ? { controlThreshold: req.threshold } : {}),
    ...(req.listed !== undefined ? { listed: req.listed } : {}),
    ...shareOptions(req),
    carryForward: true,
  });
}

export interface ExplainRequest extends AskedDates, ShareRequest {
  commodity: Commodity;
  /** An ISO code (any case), unknown, public-float or armed-group:ID. */
  country: string;
  view?: View | undefined;
}

/** A country's ISO code in capitals; buckets (unknown, armed-group:ID) as given. */
export function countryKey(country: string): string {
  return country.length === 2 ? country.toUpperCase() : country;
}

/** Why a country has its share: asset by asset, with the chains that carry the tonnes. */
export async function explainReport(
  source: WorldSource,
  req: ExplainRequest,
): Promise<Explanation> {
  const { asOf, period } = readingDates(req, source.scenario);
  return explanationFor(await source.world(asOf), {
    commodity: req.commodity,
    country: countryKey(req.country),
    ...(req.view !== undefined ? { view: req.view } : {}),
    ...(period !== undefined ? { period } : {}),
    ...shareOptions(req),
  });
}

/** Flows read a period: its last day is the default date, the date's year the default period. */
export const FLOWS_DATES: DateDefaults = { asOfFromPeriod: true, periodFromAsOf: true };

/** The date and period a flows report reads. */
export function flowsDates(req: AskedDates, scenario: ScenarioDates | undefined): ReadingDates {
  return readingDates(req, scenario, FLOWS_DATES);
}

export interface FlowsRequest extends AskedDates, ShareRequest {
  commodity: Commodity;
  /** Apply export bans and quotas (default true). */
  quota?: boolean | undefined;
  /** Offtake statuses that take part (default active). */
  offtakeStatuses?: readonly OfftakeStatus[] | undefined;
}

/** Where a commodity's tonnes go in the policy's period. */
export async function flowsReport(source: WorldSource, req: FlowsRequest): Promise<FlowsReport> {
  const { asOf, period } = flowsDates(req, source.scenario);
  return flowsReportFor(await source.world(asOf), {
    commodity: req.commodity,
    period: period as string,
    quotaMode: req.quota === false ? "ignore" : "apply",
    offtakeStatuses: req.offtakeStatuses ?? ["active"],
    ...shareOptions(req),
  });
}

export interface RoutesRequest extends AskedDates {
  commodity: Commodity;
  shipmentsFrom?: "allocation" | "control" | undefined;
  open?: readonly string[] | undefined;
  close?: readonly string[] | undefined;
  openMarket?: string | undefined;
  defaultMarket?: string | undefined;
  objective?: RouteObjective | undefined;
  timeLimitSeconds?: number | undefined;
}

/**
 * Which way the tonnes leave (HiGHS, loaded here): routed on the policy's date and period, with
 * the capacities fitted on the worlds of the calibration targets' years.
 */
export async function routesReport(source: WorldSource, req: RoutesRequest): Promise<RoutesReport> {
  const { asOf, period } = readingDates(req, source.scenario);
  const [world, solver] = await Promise.all([source.world(asOf), loadLpSolver()]);
  // The calibration reads the world at the end of each target's year: folded beforehand.
  const calibration = new Map<string, World>();
  for (const t of world.corridorTargets)
    if (t.commodity === req.commodity && `${t.year}` !== asOf.slice(0, 4)) {
      const d = `${t.year}-12-31`;
      if (!calibration.has(d)) calibration.set(d, await source.world(d));
    }
  return routesReportFor(
    world,
    solver,
    {
      commodity: req.commodity,
      ...(period !== undefined ? { period } : {}),
      shipmentsFrom: req.shipmentsFrom ?? "allocation",
      open: [...(req.open ?? [])],
      close: [...(req.close ?? [])],
      ...(req.openMarket !== undefined ? { openMarket: req.openMarket } : {}),
      ...(req.defaultMarket !== undefined ? { defaultMarket: req.defaultMarket } : {}),
      ...(req.objective !== undefined ? { objective: req.objective } : {}),
      ...(req.timeLimitSeconds !== undefined ? { timeLimitSeconds: req.timeLimitSeconds } : {}),
    },
    {
      worldAt: (d) => {
        const w = calibration.get(d);
        if (!w) throw new RangeError(`The calibration's world on ${d} was not folded`);
        return w;
      },
    },
  );
}
