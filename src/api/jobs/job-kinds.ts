/**
 * The kinds of job the server runs in worker threads. Each names its parameters (a Zod
 * schema, checked before a worker starts) and the computation, which receives the dataset the
 * caller may see and reports progress. Kinds whose engine has not landed are listed in
 * `PLANNED_JOB_KINDS` and answered with NOT_IMPLEMENTED.
 */

import { z } from "@hono/zod-openapi";
import { datasetWorldSource } from "../../app/dataset-world-source.js";
import { monteCarlo } from "../../app/monte-carlo.js";
import { DEFAULT_STOCKPILE, type WorldSource } from "../../app/reading.js";
import { procurementPlan } from "../../app/stockpile-plan.js";
import { controlReportFor } from "../../engine/ownership/index.js";
import { scenarioSchema } from "../../engine/scenario/index.js";
import { planReportFrom } from "../../engine/stockpile/index.js";
import { COMMODITIES, type Commodity } from "../../model/commodity.js";
import { type Dataset, RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { DATE_EXPECTED, isIsoDate, PERIOD_EXPECTED, PERIOD_PATTERN } from "../../model/dates.js";
import { OrebookError } from "../../model/errors.js";
import { type World, worldFrom } from "../../model/world.js";

export type Progress = (done: number, total: number, message: string) => void;

export interface JobKind<P> {
  description: string;
  params: z.ZodType<P>;
  /**
   * The computation on a copy of the dataset. Absent for an import, which the server runs as
   * one of its import tasks (`import-tasks.ts`) with a connection of its own to the store.
   */
  run?(input: { dataset: Dataset; params: P }, progress: Progress): unknown;
}

/** Problems thrown inside a job keep their path under the job's params. */
function underParams(e: unknown, at: (string | number)[]): never {
  if (e instanceof OrebookError && e.issues.length > 0)
    throw new OrebookError(e.code, e.message, {
      issues: e.issues.map((i) => ({ ...i, path: [...at, ...i.path] })),
    });
  throw e;
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

/** At most this many Monte Carlo runs in one job. */
export const MAX_MONTE_CARLO_RUNS = 200_000;

export const monteCarloParamsSchema = z
  .strictObject({
    scenario: z
      .union([z.string().regex(/^[A-Za-z0-9._-]{1,100}$/), scenarioSchema])
      .optional()
      .openapi({
        description:
          "A shipped scenario's id or a scenario whose uncertain changes are drawn (default: the dataset's pending deals that carry a probability)",
      }),
    runs: z.number().int().min(1).max(MAX_MONTE_CARLO_RUNS).default(10_000),
    seed: z.number().int().default(1),
    commodity: z.enum(COMMODITIES).default("cobalt"),
    period: z.string().regex(new RegExp(PERIOD_PATTERN), PERIOD_EXPECTED).optional(),
    asOf: z.string().refine(isIsoDate, DATE_EXPECTED).optional().openapi({
      description: "The date whose pending deals are drawn, without a scenario (default today)",
    }),
    holder: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a stockpile id or its holder entity")
      .optional()
      .openapi({
        description: `The stockpile whose shortfall each run measures (default ${DEFAULT_STOCKPILE}, when the dataset has it)`,
      }),
    need: z
      .partialRecord(z.enum(COMMODITIES), z.number().min(0))
      .optional()
      .openapi({ description: "USER INPUT need in tonnes a year where the sources lack it" }),
    workers: z.number().int().min(0).max(8).default(0).openapi({
      description: "Extra worker threads inside the job (default 0: the job's own thread)",
    }),
  })
  .openapi("MonteCarloParams");
export type MonteCarloParams = z.output<typeof monteCarloParamsSchema>;

/**
 * A Monte Carlo as `orebook montecarlo --format json` gives it, run with the scenario engine's
 * pool (src/runtime) inside the job's worker thread. A scenario given by id is replaced by the
 * scenario itself before the job is queued.
 */
export async function monteCarloJob(
  dataset: Dataset,
  params: MonteCarloParams,
  progress: Progress = () => {},
) {
  const { scenario, ...rest } = params;
  if (typeof scenario === "string")
    throw new OrebookError("BAD_INPUT", `Scenario ${scenario} was not resolved`);
  return monteCarlo(dataset, {
    ...rest,
    scenario,
    locate: (i) => ({ ...i, path: ["params", "scenario", ...i.path] }),
    onProgress: (done, total) =>
      progress(done, total, `${done} of ${total} distinct outcomes evaluated`),
  });
}

export const importParamsSchema = z
  .strictObject({
    format: z.enum(["bods", "csv"]),
    /** BODS: the file's text (a JSON array of statements or JSON Lines). */
    content: z.string().min(1).optional(),
    /** CSV: one table per record kind, each as the text of a CSV file. */
    tables: z
      .partialRecord(z.enum(RECORD_KINDS as unknown as [RecordKind, ...RecordKind[]]), z.string())
      .optional(),
    /** BODS: import the valid statements of a file that has problems (default refuse it). */
    skipInvalid: z.boolean().default(false),
    /**
     * The dataset's revision the import's copy was read at (its updatedAt in GET /api/datasets,
     * or the X-Orebook-Revision header of the export): needed to change records that exist; a
     * record changed since is not overwritten (CONFLICT).
     */
    base: z.string().min(1).max(40).optional(),
  })
  .refine((p) => (p.format === "bods" ? p.content !== undefined : p.tables !== undefined), {
    message: "A BODS import needs content; a CSV import needs tables (record kind → CSV text)",
  })
  .openapi("ImportParams");
export type ImportParams = z.output<typeof importParamsSchema>;

const tonnesByCommodity = z.partialRecord(z.enum(COMMODITIES), z.number().min(0));

export const procurementParamsSchema = z
  .strictObject({
    holder: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a stockpile id or its holder entity"),
    scenario: z
      .union([z.string().regex(/^[A-Za-z0-9._-]{1,100}$/), scenarioSchema])
      .optional()
      .openapi({ description: "A shipped scenario's id or a scenario applied first" }),
    asOf: z.string().refine(isIsoDate, DATE_EXPECTED).optional().openapi({
      description:
        "Plan from the month after this date (default the scenario's base date, else today)",
    }),
    budgetUsd: z
      .number()
      .min(0)
      .optional()
      .openapi({ description: "Default: the stockpile's budget less what is committed" }),
    horizonMonths: z.number().int().min(1).max(120).default(12),
    assumeEmpty: z.boolean().default(false),
    targets: tonnesByCommodity.optional().openapi({ description: "USER INPUT targets in tonnes" }),
    need: tonnesByCommodity.optional().openapi({ description: "USER INPUT need in tonnes a year" }),
    weights: z.partialRecord(z.enum(COMMODITIES), z.number().gt(0)).optional(),
    routes: z
      .boolean()
      .default(true)
      .openapi({ description: "Route each source to the holder's market (default true)" }),
    timeLimitSeconds: z.number().int().min(1).max(600).default(60),
  })
  .openapi("ProcurementParams");
export type ProcurementParams = z.output<typeof procurementParamsSchema>;

/**
 * A procurement plan as `orebook stockpile plan --format json` gives it: the LP (HiGHS, loaded
 * in the job's worker) over the stockpile's sources, routes and months within the budget.
 */
export async function procurementJob(
  dataset: Dataset,
  params: ProcurementParams,
  progress: Progress = () => {},
) {
  if (typeof params.scenario === "string")
    throw new OrebookError("BAD_INPUT", `Scenario ${params.scenario} was not resolved`);
  let source: WorldSource;
  try {
    source = datasetWorldSource(dataset, params.scenario);
  } catch (e) {
    underParams(e, ["params", "scenario"]);
  }
  const plan = await procurementPlan(source, {
    ...params,
    notRoutedWhy: "Routes not asked for (routes: false): sources are not routed",
    onStep: progress,
  });
  return planReportFrom(plan);
}

export const JOB_KINDS = {
  "control-sweep": {
    description:
      "Control reports for every commodity, date (yearly, quarterly or monthly) and majority threshold asked",
    params: controlSweepParamsSchema,
    run: ({ dataset, params }, progress) => controlSweep(dataset, params, progress),
  } satisfies JobKind<ControlSweepParams>,
  "monte-carlo": {
    description:
      "Distributions (P10/P50/P90) of US-accessible supply and China's controlled shares over seeded random draws of a scenario's uncertain changes",
    params: monteCarloParamsSchema,
    run: ({ dataset, params }, progress) => monteCarloJob(dataset, params, progress),
  } satisfies JobKind<MonteCarloParams>,
  procurement: {
    description:
      "A stockpile's procurement plan (LP): purchases per commodity, source, route and month within the budget, and what binds",
    params: procurementParamsSchema,
    run: ({ dataset, params }, progress) => procurementJob(dataset, params, progress),
  } satisfies JobKind<ProcurementParams>,
  import: {
    description:
      "A BODS file or CSV tables read and written through the ledger in a worker thread with its own connection to the store, off the event loop (all or nothing)",
    params: importParamsSchema,
  } satisfies JobKind<ImportParams>,
} as const;
export type JobKindName = keyof typeof JOB_KINDS;

/** Kinds the design names whose engine has not landed: NOT_IMPLEMENTED until it does. */
export const PLANNED_JOB_KINDS = [] as const;

export function isJobKind(s: string): s is JobKindName {
  return Object.hasOwn(JOB_KINDS, s);
}
