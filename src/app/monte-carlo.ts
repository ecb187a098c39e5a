/**
 * A Monte Carlo over uncertain changes: `orebook montecarlo` and the `monte-carlo` job. The
 * changes drawn are a scenario's (every change must apply before any run), or, without one, the
 * dataset's pending deals that carry a probability on the as-of date. Runs go to the scenario
 * engine's pool (src/runtime); the stockpile's shortfall is measured in each run.
 */
import { existsSync } from "node:fs";
import type { Scenario } from "../engine/scenario/index.js";
import {
  applyScenario,
  type Distribution,
  datasetUncertaintyScenario,
  distributionsFrom,
  type MonteCarloPlan,
  monteCarloPlanFrom,
} from "../engine/scenario/index.js";
import { ANALYST_PRIORS_FILE, readScenarioFile } from "../io/scenario-file.js";
import type { Commodity } from "../model/commodity.js";
import type { Dataset } from "../model/dataset.js";
import type { Period } from "../model/dates.js";
import { type Issue, OrebookError } from "../model/errors.js";
import { runMonteCarlo } from "../runtime/monte-carlo-pool.js";
import { DEFAULT_STOCKPILE, readingDates, stockpileHolderFor } from "./reading.js";

export interface MonteCarloRequest {
  /**
   * The scenario whose uncertain changes are drawn (default: the dataset's pending deals, with
   * the analyst priors and risks of `priors`).
   */
  scenario?: Scenario | undefined;
  /**
   * Without a scenario: the analyst priors (a probability for each pending deal that the dataset
   * gives none, and risks); default the shipped scenarios/analyst-priors.yaml; null for none.
   */
  priors?: Scenario | null | undefined;
  /** Where a problem of the scenario is (its file's line, the request body's path). */
  locate?: ((issue: Issue) => Issue) | undefined;
  /** The date whose pending deals are drawn, without a scenario (default today). */
  asOf?: string | undefined;
  /** Default the scenario's, else the engine's. */
  period?: string | undefined;
  commodity: Commodity;
  seed: number;
  runs: number;
  /** Extra worker threads (0: this thread). */
  workers: number;
  /** The stockpile whose shortfall each run measures (default the default stockpile, if any). */
  holder?: string | undefined;
  /** USER INPUT need in tonnes a year. */
  need?: Partial<Record<Commodity, number>> | undefined;
  /** How the need is named to the user in the notes (`--need`, `need`). */
  needName?: string | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface MonteCarloResult {
  scenario: string;
  commodity: Commodity;
  period: string | null;
  runs: number;
  seed: number;
  workers: number;
  seconds: number;
  distinctOutcomes: number;
  events: MonteCarloPlan["events"];
  certainChanges: MonteCarloPlan["certain"];
  notDrawn: string[];
  distributions: Distribution[];
  stockpile: MonteCarloPlan["stockpile"] | null;
  notes: string[];
}

/** The shipped analyst priors (scenarios/analyst-priors.yaml), or null when not there. */
export function shippedPriors(): Scenario | null {
  return existsSync(ANALYST_PRIORS_FILE) ? readScenarioFile(ANALYST_PRIORS_FILE).scenario : null;
}

/**
 * The scenario of the dataset's pending deals and the priors' risks, less the risks that cannot
 * apply on its date (each named in a note).
 */
function pendingScenario(
  dataset: Dataset,
  asOf: string,
  period: string | undefined,
  priors: Scenario | null,
): { scenario: Scenario; notDrawn: string[]; prior: Set<number>; dropped: string[] } {
  const u = datasetUncertaintyScenario(
    dataset,
    asOf,
    period !== undefined ? { period: period as Period } : {},
    priors ?? undefined,
  );
  const dropped: string[] = [];
  let { scenario, prior } = u;
  // A prior's risk may not apply to this dataset or date (an unknown asset, a quota not in force):
  // it is left out and said so; a problem with a deal is the dataset's and is raised.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      applyScenario(dataset, scenario);
      break;
    } catch (e) {
      if (!(e instanceof OrebookError) || e.issues.length === 0) throw e;
      const bad = new Set<number>();
      for (const i of e.issues) {
        const k = i.path[0] === "changes" ? Number(i.path[1]) : Number.NaN;
        const c = scenario.changes[k];
        if (!c || !prior.has(k) || c.kind === "deal-closes") throw e;
        if (!bad.has(k)) dropped.push(`${c.kind} (analyst prior): ${i.message}`);
        bad.add(k);
      }
      const keep = scenario.changes.map((_, k) => k).filter((k) => !bad.has(k));
      prior = new Set(keep.flatMap((k, n) => (prior.has(k) ? [n] : [])));
      scenario = {
        ...scenario,
        changes: keep.map((k) => scenario.changes[k] as Scenario["changes"][number]),
      };
    }
  }
  return { scenario, notDrawn: u.notDrawn, prior, dropped };
}

/** The plan a request asks for; a scenario's problems located by `req.locate`. */
export function monteCarloPlan(
  dataset: Dataset,
  req: MonteCarloRequest,
): {
  plan: MonteCarloPlan;
  notDrawn: string[];
  holder: string | undefined;
  dropped: string[];
  priors: string | null;
} {
  const priors =
    req.scenario === undefined ? (req.priors === undefined ? shippedPriors() : req.priors) : null;
  const { asOf, period } = readingDates(req, req.scenario ?? priors ?? undefined);
  const opts = { commodity: req.commodity, seed: req.seed, ...(period ? { period } : {}) };
  let plan: MonteCarloPlan;
  let notDrawn: string[] = [];
  let dropped: string[] = [];
  if (req.scenario !== undefined) {
    try {
      applyScenario(dataset, req.scenario); // every change must apply before any run
      plan = monteCarloPlanFrom(dataset, req.scenario, opts);
    } catch (e) {
      const locate = req.locate;
      if (!(e instanceof OrebookError) || e.issues.length === 0 || !locate) throw e;
      throw new OrebookError(e.code, e.message, { issues: e.issues.map((i) => locate(i)) });
    }
  } else {
    const u = pendingScenario(dataset, asOf, period, priors);
    notDrawn = u.notDrawn;
    dropped = u.dropped;
    plan = monteCarloPlanFrom(dataset, u.scenario, { ...opts, prior: u.prior });
  }
  const holder = stockpileHolderFor(req.holder, dataset);
  if (holder !== undefined)
    plan = { ...plan, stockpile: { holder, ...(req.need ? { need: req.need } : {}) } };
  return { plan, notDrawn, holder, dropped, priors: priors ? priors.name : null };
}

/** The distributions of the request's runs, with what was drawn and what was not. */
export async function monteCarlo(
  dataset: Dataset,
  req: MonteCarloRequest,
): Promise<MonteCarloResult> {
  const { plan, notDrawn, holder, dropped, priors } = monteCarloPlan(dataset, req);
  const started = performance.now();
  const { values, distinctOutcomes } = await runMonteCarlo(dataset, plan, {
    runs: req.runs,
    workers: req.workers,
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  const need = req.needName ?? "need";
  return {
    scenario: plan.scenario.name,
    commodity: plan.commodity,
    period: plan.period ?? null,
    runs: req.runs,
    seed: plan.seed,
    workers: req.workers,
    seconds: (performance.now() - started) / 1000,
    distinctOutcomes,
    events: plan.events,
    certainChanges: plan.certain,
    notDrawn,
    distributions: distributionsFrom(values),
    stockpile: plan.stockpile ?? null,
    notes: [
      holder === undefined
        ? `Stockpile shortfall: not computed (no stockpile named, and the dataset has no ${DEFAULT_STOCKPILE})`
        : `Stockpile shortfall of ${holder}: need less the DRC supply still reaching its country in the year (imports from outside the dataset not counted); ${req.need?.[plan.commodity] !== undefined ? `need ${req.need[plan.commodity]} t/yr is USER INPUT` : `n/a where the sources give no net-import tonnes (pass ${need})`}`,
      ...(priors !== null
        ? [
            `Probabilities that neither the dataset nor a source gives are analyst priors (${priors}, scenarios/analyst-priors.yaml): assumptions, each with its reason`,
          ]
        : []),
      ...(notDrawn.length
        ? [
            `Deals with no probability in the dataset${priors !== null ? " or the priors" : ""} are not drawn: ${notDrawn.join(", ")}`,
          ]
        : []),
      ...dropped.map((d) => `Risk left out, it cannot apply: ${d}`),
      ...(plan.events.some((e) => e.inert)
        ? [
            `Drawn but changing no figure (effects tracked, not computed): ${plan.events
              .filter((e) => e.inert)
              .map((e) => e.name)
              .join(", ")}`,
          ]
        : []),
    ],
  };
}
