/**
 * Monte Carlo over a scenario's uncertain changes. Each run draws, for every uncertain change
 * (or group of changes that happen together), whether it happens, from its probability: given in
 * the scenario file, or for a deal closing, the deal's own probability in the dataset. A deal
 * with neither is an error, never a guess. The run then applies the changes drawn and evaluates
 * the world: US-accessible supply, China's controlled share (consolidated and de facto) and the
 * shortfall of a named stockpile (need less the DRC supply still reaching its holder's country;
 * imports from outside the dataset are not counted, so it is an upper bound; NaN when the need is
 * not known and the plan names none).
 *
 * Reproducible: run i draws from a PRNG seeded by (seed, i) alone, so the distribution is the
 * same whatever the number of workers and however the runs are split. Runs with the same draw
 * have the same result, so each distinct draw is evaluated once per process (`MonteCarloCache`).
 * See docs/scenarios.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type { Dataset } from "../../model/dataset.js";
import { asIsoDate } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import type { UserNeed } from "../stockpile/index.js";
import { statusOn } from "./apply-scenario.js";
import { evaluateScenario } from "./evaluate-scenario.js";
import { inertChanges } from "./monte-carlo-relevance.js";
import type { Scenario } from "./scenario-schema.js";
import { stockpileMetricsFn } from "./stockpile-metrics.js";

/** The metrics each run yields, in this order. */
export const MONTE_CARLO_METRICS = [
  "usAccessibleTonnes",
  "chinaConsolidatedShare",
  "chinaDeFactoShare",
  "stockpileShortfallTonnes",
] as const;
export type MonteCarloMetric = (typeof MONTE_CARLO_METRICS)[number];

/** One thing drawn per run: a change, or a group of changes that happen together. */
export interface UncertainEvent {
  /** The group name, or `change <index>`. */
  name: string;
  changes: number[];
  probability: number;
  /** What is drawn, in words: "orion-cmc-glencore-kcc-mutanda closes", "export-ban cobalt". */
  label?: string;
  /** Where the probability comes from: the scenario file, the deal's record, an analyst prior. */
  from: "scenario" | "dataset" | "prior";
  /**
   * True when none of its changes can move a metric of the commodity (monte-carlo-relevance.ts:
   * a deal whose effects are obligations only, a stake in a company that holds no producer of
   * it…): it is drawn, so the other draws stay the same, but never applied, and runs that differ
   * only in it are one outcome.
   */
  inert?: boolean;
}

export interface MonteCarloPlan {
  scenario: Scenario;
  commodity: Commodity;
  period?: string;
  seed: number;
  events: UncertainEvent[];
  /** Changes applied in every run (no probability). */
  certain: number[];
  /** The stockpile whose shortfall each run measures, and the need where the sources lack it. */
  stockpile?: { holder: string; need?: UserNeed };
}

/** splitmix32: a 32-bit state to a well-mixed 32-bit value. */
function splitmix32(a: number): number {
  let z = (a + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * sfc32 (Small Fast Counter, PractRand-tested) seeded from (seed, stream) through splitmix32.
 * Returns uniform numbers in [0, 1).
 */
export function prngFrom(seed: number, stream: number): () => number {
  let a = splitmix32(seed >>> 0);
  let b = splitmix32(a ^ (stream >>> 0));
  let c = splitmix32(b + 0x6d2b79f5);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * The events a scenario's Monte Carlo draws. Changes sharing `group` are one event (they happen
 * together); their probabilities must agree. A deal-closes change without a probability takes
 * the deal's; a deal with none is reported with the change's path.
 */
export function monteCarloPlanFrom(
  dataset: Dataset,
  scenario: Scenario,
  opts: {
    commodity: Commodity;
    period?: string;
    seed: number;
    /** Indices of the changes whose probability is an analyst prior (`datasetUncertaintyScenario`). */
    prior?: ReadonlySet<number>;
  },
): MonteCarloPlan {
  const issues: Issue[] = [];
  const events = new Map<string, UncertainEvent>();
  const inert = inertChanges(dataset, scenario, opts.commodity);
  const certain: number[] = [];
  for (const [i, c] of scenario.changes.entries()) {
    let p = c.probability;
    let from: UncertainEvent["from"] = opts.prior?.has(i) ? "prior" : "scenario";
    if (p === undefined && (c.kind === "deal-closes" || c.kind === "deal-collapses")) {
      const deal = dataset.deals.find((d) => d.id === c.deal);
      if (deal && deal.probability !== null) {
        p = c.kind === "deal-closes" ? deal.probability : 1 - deal.probability;
        from = "dataset";
      } else if (deal) {
        issues.push({
          path: ["changes", i, "probability"],
          message: `Deal ${c.deal} has no probability in the dataset: give the change a probability (the Monte Carlo never assumes one)`,
        });
        continue;
      }
    }
    if (p === undefined || p >= 1) {
      certain.push(i);
      continue;
    }
    const name = c.group ?? `change ${i}`;
    const e = events.get(name);
    if (e) {
      if (Math.abs(e.probability - p) > 1e-12)
        issues.push({
          path: ["changes", i, "probability"],
          message: `Changes in group ${name} happen together: their probabilities differ (${e.probability} and ${p})`,
        });
      e.changes.push(i);
      e.label = `${e.label}; ${changeLabel(c)}`;
      if (!inert[i]) e.inert = false;
    } else
      events.set(name, {
        name,
        changes: [i],
        probability: p,
        from,
        inert: inert[i] === true,
        label: changeLabel(c),
      });
  }
  if (issues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `Scenario ${scenario.name} cannot run as a Monte Carlo: ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      { issues },
    );
  return {
    scenario,
    commodity: opts.commodity,
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    seed: opts.seed,
    events: [...events.values()],
    certain,
  };
}

/** A change in a few words, to say what an event draws. */
function changeLabel(c: Scenario["changes"][number]): string {
  switch (c.kind) {
    case "deal-closes":
      return `${c.deal} closes`;
    case "deal-collapses":
      return `${c.deal} collapses`;
    case "stake-transfer":
      return `stake in ${c.owned} from ${c.from} to ${c.to}`;
    case "production-outage":
      return `outage ${[c.asset, c.province, c.commodity].filter(Boolean).join(" ")} × ${c.factor}`;
    case "territory-taken":
      return `${c.controller} takes ground in ${c.province ?? c.territory ?? "?"}`;
    case "territory-returned":
      return `ground returned${c.territory ? ` (${c.territory})` : ""}`;
    case "export-ban":
    case "export-quota":
      return `${c.kind} ${c.commodity}`;
    case "quota-change":
      return `quota ${c.rule} ${c.factor !== undefined ? `× ${c.factor}` : `to ${c.capTonnes} t`}`;
    case "offtake":
      return `offtake ${c.commodities.join("+")} to ${c.buyer}`;
    case "price-shock":
    case "demand-shock":
      return `${c.kind} ${c.commodity} × ${c.factor}`;
    default:
      return c.kind;
  }
}

/**
 * A scenario of the dataset's own uncertainty on `asOf`: every deal not yet closed or collapsed
 * closes with the probability the dataset gives it, else with the prior that `priors` (an
 * analyst-priors scenario, scenarios/analyst-priors.yaml) gives it; the other changes of
 * `priors` are risks drawn with their own probabilities. Deals with neither are listed, not
 * drawn. `prior` holds the indices of the changes whose probability is a prior.
 */
export function datasetUncertaintyScenario(
  dataset: Dataset,
  asOf: string,
  base: Partial<Scenario> = {},
  priors?: Scenario,
): { scenario: Scenario; notDrawn: string[]; prior: Set<number> } {
  const notDrawn: string[] = [];
  const changes: Scenario["changes"] = [];
  const prior = new Set<number>();
  const priorFor = new Map<string, Scenario["changes"][number]>();
  for (const c of priors?.changes ?? [])
    if (c.kind === "deal-closes" && c.probability !== undefined) priorFor.set(c.deal, c);
  for (const d of dataset.deals) {
    const s = statusOn(d, asOf);
    if (s === undefined || s === "closed" || s === "collapsed") continue;
    const p = priorFor.get(d.id);
    if (d.probability !== null) changes.push({ kind: "deal-closes", deal: d.id });
    else if (p) {
      prior.add(changes.length);
      changes.push(p);
    } else notDrawn.push(d.id);
  }
  for (const c of priors?.changes ?? []) {
    if (c.kind === "deal-closes" || c.kind === "deal-collapses") continue;
    if (c.probability !== undefined) prior.add(changes.length);
    changes.push(c);
  }
  return {
    scenario: {
      name: priors ? "Pending deals and risks" : "Deals pending in the dataset",
      baseDate: asIsoDate(asOf),
      sources: priors?.sources ?? [],
      carryForward: priors?.carryForward ?? false,
      ...(priors?.period !== undefined ? { period: priors.period } : {}),
      ...base,
      changes,
    },
    notDrawn,
    prior,
  };
}

/**
 * The draw of run `run`: one bit per event. An inert event is drawn (so every other bit is the
 * same with or without it) and then set false: it is never applied.
 */
export function drawOf(plan: MonteCarloPlan, run: number): boolean[] {
  const rng = prngFrom(plan.seed, run);
  return plan.events.map((e) => rng() < e.probability && e.inert !== true);
}

/** Results by draw, so equal draws are evaluated once. */
export type MonteCarloCache = Map<string, Float64Array>;

/** The metrics of one draw (see MONTE_CARLO_METRICS). */
export function evaluateDraw(
  dataset: Dataset,
  plan: MonteCarloPlan,
  draw: readonly boolean[],
): Float64Array {
  const on = new Set(plan.certain);
  for (const [k, e] of plan.events.entries()) if (draw[k]) for (const i of e.changes) on.add(i);
  const ev = evaluateScenario(dataset, plan.scenario, {
    commodities: [plan.commodity],
    ...(plan.period !== undefined ? { period: plan.period } : {}),
    parts: plan.stockpile ? ["control", "allocation", "stockpile"] : ["control", "allocation"],
    ...(plan.stockpile
      ? {
          stockpile: stockpileMetricsFn({
            holder: plan.stockpile.holder,
            ...(plan.stockpile.need ? { need: plan.stockpile.need } : {}),
          }),
        }
      : {}),
    include: (i) => on.has(i),
  });
  const v = (id: string) =>
    ev.metrics.find((m) => m.id === `${plan.commodity}.${id}`)?.value ?? Number.NaN;
  return Float64Array.from([
    v("usAccessible"),
    v("cn.consolidated"),
    v("cn.deFacto"),
    v("stockpile.shortfall"),
  ]);
}

/**
 * Runs `from` … `to − 1`. Returns the metrics run-major (`values[run × metrics + m]`).
 *
 * @example monteCarloRange(ds, plan, 0, 1000, new Map())
 */
export function monteCarloRange(
  dataset: Dataset,
  plan: MonteCarloPlan,
  from: number,
  to: number,
  cache: MonteCarloCache = new Map(),
  onProgress?: (done: number) => void,
): Float64Array {
  const k = MONTE_CARLO_METRICS.length;
  const out = new Float64Array((to - from) * k);
  for (let run = from; run < to; run++) {
    const draw = drawOf(plan, run);
    const key = draw.map((b) => (b ? "1" : "0")).join("");
    let r = cache.get(key);
    if (!r) {
      r = evaluateDraw(dataset, plan, draw);
      cache.set(key, r);
    }
    out.set(r, (run - from) * k);
    if (onProgress && (run - from + 1) % 250 === 0) onProgress(run - from + 1);
  }
  return out;
}

export interface Distribution {
  metric: MonteCarloMetric;
  /** Runs with a value (NaN runs — not computed — are left out). */
  n: number;
  mean: number | null;
  min: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  max: number | null;
  /**
   * The runs by value: equal-width bins from min to max (one bin when every run has the same
   * value), each with its bounds (the last bin includes max) and its number of runs.
   */
  histogram: HistogramBin[];
}

/** Runs whose value lies in [from, to) (the last bin: [from, to]). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** The number of bins of a histogram (fewer when there are fewer distinct values). */
export const HISTOGRAM_BINS = 20;

/** Equal-width bins of sorted values between their min and max. */
export function histogramOf(sorted: Float64Array, bins = HISTOGRAM_BINS): HistogramBin[] {
  if (sorted.length === 0) return [];
  const lo = sorted[0] as number;
  const hi = sorted[sorted.length - 1] as number;
  if (hi === lo) return [{ from: lo, to: hi, count: sorted.length }];
  let distinct = 1;
  for (let i = 1; i < sorted.length && distinct <= bins; i++)
    if (sorted[i] !== sorted[i - 1]) distinct++;
  const k = Math.max(1, Math.min(bins, distinct));
  const width = (hi - lo) / k;
  const out: HistogramBin[] = Array.from({ length: k }, (_, b) => ({
    from: lo + b * width,
    to: b === k - 1 ? hi : lo + (b + 1) * width,
    count: 0,
  }));
  for (const x of sorted) {
    const t = (x - lo) / width;
    // A width too small to divide by (denormal ranges) puts the top value in the last bin.
    const b = Number.isFinite(t)
      ? Math.max(0, Math.min(k - 1, Math.floor(t)))
      : x >= hi
        ? k - 1
        : 0;
    (out[b] as HistogramBin).count++;
  }
  return out;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

/**
 * P10/P50/P90 (nearest rank), mean, min, max and a histogram of each metric over run-major
 * values.
 */
export function distributionsFrom(values: Float64Array): Distribution[] {
  const k = MONTE_CARLO_METRICS.length;
  const runs = values.length / k;
  return MONTE_CARLO_METRICS.map((metric, m) => {
    const xs: number[] = [];
    for (let r = 0; r < runs; r++) {
      const x = values[r * k + m] as number;
      if (!Number.isNaN(x)) xs.push(x);
    }
    const sorted = Float64Array.from(xs).sort();
    const mean = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
    return {
      metric,
      n: xs.length,
      mean,
      min: sorted.length ? (sorted[0] as number) : null,
      p10: percentile(sorted, 0.1),
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      max: sorted.length ? (sorted[sorted.length - 1] as number) : null,
      histogram: histogramOf(sorted),
    };
  });
}
