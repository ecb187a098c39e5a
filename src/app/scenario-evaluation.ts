/**
 * Scenarios evaluated for an API request on the compute pool: each scenario applied to the
 * dataset the caller may see (a shipped one once per snapshot, kept with it), every problem of
 * every scenario under its path in the body, then evaluated and compared by `compareApplied` /
 * `evaluateScenarios` (compare-scenarios.ts), as `orebook compare` does.
 */
import type { AppliedScenario, ScenarioEvaluation } from "../engine/scenario/index.js";
import {
  applyScenario,
  type Comparison,
  compareScenarios,
  emptyScenario,
  type Scenario,
  scenarioSchema,
} from "../engine/scenario/index.js";
import { type Issue, OrebookError } from "../model/errors.js";
import { compareApplied, type EvaluationRequest, evaluateScenarios } from "./compare-scenarios.js";
import type { SnapshotWorlds } from "./snapshot-worlds.js";

/** A scenario as a request names it: a shipped one (its id) or one given in the body (null). */
export interface ScenarioRef {
  id: string | null;
  scenario: Scenario;
}

/**
 * Applies each scenario; every problem of every scenario at once, under its path `at(i)`. A
 * scenario given in the body is often a shipped one moved to another date and period (the
 * dashboard evaluates every change on its page's): an outage it dates where those records have
 * no production figure changes nothing there, and is noted as such in the comparison, not
 * refused. A shipped scenario named by id is applied as written.
 */
export function applyAll(
  snap: SnapshotWorlds,
  datasetId: string,
  refs: readonly ScenarioRef[],
  at: (i: number) => (string | number)[],
): AppliedScenario[] {
  const issues: Issue[] = [];
  const out: AppliedScenario[] = [];
  for (const [i, r] of refs.entries()) {
    try {
      out.push(
        r.id === null
          ? applyScenario(snap.dataset, r.scenario, { unmatchedOutages: "noted" })
          : snap.applied(r.id, r.scenario),
      );
    } catch (e) {
      if (!(e instanceof OrebookError) || e.issues.length === 0) throw e;
      issues.push(...e.issues.map((x) => ({ ...x, path: [...at(i), ...x.path] })));
    }
  }
  if (issues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `The scenario${refs.length === 1 ? "" : "s"} cannot apply to dataset ${datasetId}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      { issues },
    );
  return out;
}

/** One scenario applied and evaluated; the stockpile's baseline is the dataset on its base date. */
export async function evaluateScenarioFor(
  snap: SnapshotWorlds,
  req: { datasetId: string; scenario: ScenarioRef; evaluation: EvaluationRequest },
): Promise<ScenarioEvaluation> {
  const applied = applyAll(snap, req.datasetId, [req.scenario], () => ["scenario"]);
  const base = applyScenario(snap.dataset, emptyScenario(req.scenario.scenario.baseDate));
  const [evaluation] = await evaluateScenarios(
    applied,
    [req.scenario.scenario],
    req.evaluation,
    base,
  );
  return evaluation as ScenarioEvaluation;
}

/** Scenarios side by side with the first. */
export async function compareScenariosFor(
  snap: SnapshotWorlds,
  req: {
    datasetId: string;
    scenarios: ScenarioRef[];
    evaluation: EvaluationRequest & { includeUnchanged?: boolean | undefined };
  },
): Promise<Comparison> {
  const applied = applyAll(snap, req.datasetId, req.scenarios, (i) => ["scenarios", i]);
  const scenarios = req.scenarios.map((r) => r.scenario);
  return (await compareApplied(applied, scenarios, req.evaluation)).comparison;
}

/** The world on `date` without and with deal `deal` closed, evaluated and compared. */
export async function evaluateDealFor(
  snap: SnapshotWorlds,
  req: { deal: string; dealName: string; date: string; evaluation: EvaluationRequest },
): Promise<{
  deal: string;
  date: string;
  evaluation: ScenarioEvaluation;
  comparison: Comparison;
}> {
  const base = emptyScenario(req.date, "Without the deal");
  const closes = scenarioSchema.parse({
    name: `${req.dealName} closes`,
    baseDate: req.date,
    changes: [{ kind: "deal-closes", deal: req.deal }],
  });
  const applied = [applyScenario(snap.dataset, base), applyScenario(snap.dataset, closes)];
  const evaluations = await evaluateScenarios(applied, [base, closes], req.evaluation, applied[0]);
  return {
    deal: req.deal,
    date: req.date,
    evaluation: evaluations[1] as ScenarioEvaluation,
    comparison: compareScenarios(evaluations),
  };
}
