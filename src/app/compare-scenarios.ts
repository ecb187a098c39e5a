/**
 * Scenarios evaluated and compared side by side: `orebook compare`, `POST /api/scenarios/evaluate`,
 * `POST /api/scenarios/compare` and `POST /api/deals/{id}/evaluate`. Each scenario is applied to
 * the same dataset by the shell (a file's problems are located in the file, a body's under its
 * path); here the commodities, the one period, the routes (HiGHS) and the stockpile measured
 * against the baseline's world are decided once, and every scenario evaluated alike.
 */

import { loadLpSolver } from "../engine/routes/index.js";
import type { AppliedScenario, Scenario } from "../engine/scenario/index.js";
import {
  type Comparison,
  compareScenarios,
  evaluateApplied,
  routeMetricsFnFor,
  type ScenarioEvaluation,
  stockpileMetricsFn,
} from "../engine/scenario/index.js";
import { COMMODITIES, type Commodity } from "../model/commodity.js";
import { worldFrom } from "../model/world.js";
import { stockpileHolderFor } from "./reading.js";

/** What an evaluation computes beyond control and allocation. */
export interface EvaluationRequest {
  /** Default: the scenarios' own, else cobalt and copper. */
  commodities?: readonly Commodity[] | undefined;
  /** One period for every scenario (default the first scenario's, else the engine's). */
  period?: string | undefined;
  /** Route the tonnes (HiGHS); default true. */
  routes?: boolean | undefined;
  /** Where tonnes go whose buyer's country has no market node (default: reported unshipped). */
  defaultMarket?: string | undefined;
  /** The stockpile measured (default the default stockpile, when the dataset has it). */
  holder?: string | undefined;
  /** Measure the stockpile; default true. */
  stockpile?: boolean | undefined;
}

/** Commodities as asked, else the scenarios' own, else cobalt and copper. */
export function commoditiesFor(
  asked: readonly Commodity[] | undefined,
  scenarios: readonly Pick<Scenario, "commodities">[],
): Commodity[] {
  if (asked) return [...new Set(asked)];
  const named = scenarios.flatMap((s) => s.commodities ?? []);
  return named.length > 0
    ? COMMODITIES.filter((c) => named.includes(c))
    : (["cobalt", "copper"] as Commodity[]);
}

/**
 * Evaluates applied scenarios alike: control and allocation, the routes (unless `routes: false`)
 * and the stockpile (unless `stockpile: false`) measured against `baseline`'s world.
 */
export async function evaluateScenarios(
  applied: readonly AppliedScenario[],
  scenarios: readonly Scenario[],
  req: EvaluationRequest,
  baseline: AppliedScenario | undefined,
): Promise<ScenarioEvaluation[]> {
  const commodities = commoditiesFor(req.commodities, scenarios);
  // One period for every scenario, so the columns compare like with like.
  const period = req.period ?? scenarios[0]?.period;
  const routes =
    req.routes === false
      ? undefined
      : routeMetricsFnFor(
          await loadLpSolver(),
          req.defaultMarket !== undefined ? { defaultMarket: req.defaultMarket } : {},
        );
  const holder =
    req.stockpile === false ? undefined : stockpileHolderFor(req.holder, baseline?.dataset);
  const stockpile =
    holder !== undefined && baseline
      ? stockpileMetricsFn({ holder, baseline: worldFrom(baseline.dataset, baseline.asOf) })
      : undefined;
  return applied.map((a, i) =>
    evaluateApplied(a, scenarios[i] as Scenario, {
      commodities,
      ...(period !== undefined ? { period } : {}),
      ...(routes ? { routes } : {}),
      ...(stockpile ? { stockpile } : {}),
    }),
  );
}

/** The scenarios evaluated and compared with the first (the base). */
export async function compareApplied(
  applied: readonly AppliedScenario[],
  scenarios: readonly Scenario[],
  req: EvaluationRequest & { includeUnchanged?: boolean | undefined },
): Promise<{ evaluations: ScenarioEvaluation[]; comparison: Comparison }> {
  const evaluations = await evaluateScenarios(applied, scenarios, req, applied[0]);
  return {
    evaluations,
    comparison: compareScenarios(evaluations, { includeUnchanged: req.includeUnchanged ?? false }),
  };
}
