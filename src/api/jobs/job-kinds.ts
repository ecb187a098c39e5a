/**
 * The kinds of job the server runs in worker threads. Each names its parameters (a Zod
 * schema, checked before a worker starts) and the computation, which receives the dataset the
 * caller may see and reports progress. Kinds whose engine has not landed are listed in
 * `PLANNED_JOB_KINDS` and answered with NOT_IMPLEMENTED.
 */
import { z } from "@hono/zod-openapi";
import { controlReportFor } from "../../engine/control-report.js";
import { COMMODITIES, type Commodity } from "../../model/commodity.js";
import type { Dataset } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import { type World, worldFrom } from "../../model/world.js";

export type Progress = (done: number, total: number, message: string) => void;

export interface JobKind<P> {
  description: string;
  params: z.ZodType<P>;
  run(input: { dataset: Dataset; params: P }, progress: Progress): unknown;
}

export const controlSweepParamsSchema = z
  .strictObject({
    commodities: z.array(z.enum(COMMODITIES)).min(1).optional(),
    from: z.number().int().min(1900).max(2100).optional(),
    to: z.number().int().min(1900).max(2100).optional(),
    step: z.enum(["year", "quarter", "month"]).default("year"),
    thresholds: z.array(z.number().gt(0).lt(1)).min(1).max(20).default([0.5]),
  })
  .openapi("ControlSweepParams");
export type ControlSweepParams = z.output<typeof controlSweepParamsSchema>;

/** The dates a sweep looks at: the last day of each step from `from` to `to`. */
function sweepDates(from: number, to: number, step: ControlSweepParams["step"]): string[] {
  const months = step === "year" ? 12 : step === "quarter" ? 3 : 1;
  const out: string[] = [];
  for (let y = from; y <= to; y++)
    for (let m = months; m <= 12; m += months)
      out.push(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
  return out;
}

/** At most this many reports in one sweep. */
export const MAX_SWEEP_REPORTS = 50_000;

/**
 * Control reports for every commodity, date and control threshold asked: how concentration
 * and control moved over time and how sensitive they are to the majority threshold.
 */
export function controlSweep(
  dataset: Dataset,
  params: ControlSweepParams,
  progress: Progress = () => {},
) {
  const commodities: Commodity[] =
    params.commodities ??
    COMMODITIES.filter((c) => dataset.production.some((p) => p.commodity === c));
  const years = dataset.production.map((p) => Number(String(p.period).slice(0, 4)));
  const from = params.from ?? (years.length ? Math.min(...years) : 2020);
  const to = params.to ?? (years.length ? Math.max(...years) : 2020);
  if (to < from)
    throw new OrebookError("BAD_INPUT", `The sweep ends (${to}) before it starts (${from})`);
  const dates = sweepDates(from, to, params.step);
  const total = dates.length * commodities.length * params.thresholds.length;
  if (total > MAX_SWEEP_REPORTS)
    throw new OrebookError(
      "BAD_INPUT",
      `The sweep asks for ${total} reports, more than ${MAX_SWEEP_REPORTS}: narrow the years, commodities or thresholds`,
    );
  const rows = [];
  let done = 0;
  for (const asOf of dates) {
    const world: World = worldFrom(dataset, asOf);
    for (const commodity of commodities) {
      for (const threshold of params.thresholds) {
        try {
          const r = controlReportFor(world, {
            commodity,
            period: asOf.slice(0, 4),
            controlThreshold: threshold,
          });
          rows.push({
            commodity,
            asOf,
            period: r.period,
            threshold,
            totalTonnes: r.totalTonnes,
            hhi: r.hhi,
            top: r.byCountry.slice(0, 5).map((c) => ({
              country: c.country,
              attributableShare: c.attributableShare,
              consolidatedShare: c.consolidatedShare,
              deFactoShare: c.deFactoShare,
            })),
          });
        } catch (e) {
          if (!(e instanceof OrebookError)) throw e;
          rows.push({ commodity, asOf, period: asOf.slice(0, 4), threshold, skipped: e.message });
        }
        done++;
        progress(done, total, `${commodity} ${asOf} threshold ${threshold}`);
      }
    }
  }
  return { from, to, step: params.step, thresholds: params.thresholds, reports: total, rows };
}

export const JOB_KINDS = {
  "control-sweep": {
    description:
      "Control reports for every commodity, date (yearly, quarterly or monthly) and majority threshold asked",
    params: controlSweepParamsSchema,
    run: ({ dataset, params }, progress) => controlSweep(dataset, params, progress),
  } satisfies JobKind<ControlSweepParams>,
} as const;
export type JobKindName = keyof typeof JOB_KINDS;

/** Kinds the design names whose engine has not landed: NOT_IMPLEMENTED until it does. */
export const PLANNED_JOB_KINDS = ["monte-carlo", "procurement", "import"] as const;

export function isJobKind(s: string): s is JobKindName {
  return Object.hasOwn(JOB_KINDS, s);
}
