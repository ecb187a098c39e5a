/**
 * The computations the API runs off its event loop, on the compute pool (src/runtime/
 * compute-pool.ts): the scenario evaluations and every report. Each task reads the snapshots it
 * is given (the first is the one the request names) and returns plain JSON; the routes parse and
 * authorise, this computes. `compute-worker.ts` serves these in the pool's workers; with no
 * worker built they run on the server's thread.
 */
import { lookThroughReportFor, nodeFor } from "../engine/ownership/index.js";
import type { Scenario } from "../engine/scenario/index.js";
import { OrebookError } from "../model/errors.js";
import type { ComputeTasks, TaskSnapshot } from "../runtime/compute-pool.js";
import type { EvaluationRequest } from "./compare-scenarios.js";
import { type ControlSeriesRequest, controlSeriesReport } from "./control-series-report.js";
import { type DeFactoSeriesRequest, deFactoSeriesReport } from "./de-facto-series-report.js";
import { lookThroughByName } from "./find-node.js";
import { heldAreasReport } from "./held-areas-report.js";
import { type ChainsRequest, ownershipChainsReport } from "./ownership-chains-report.js";
import type { WorldSource } from "./reading.js";
import {
  compareScenariosFor,
  evaluateDealFor,
  evaluateScenarioFor,
  type ScenarioRef,
} from "./scenario-evaluation.js";
import { SnapshotWorlds } from "./snapshot-worlds.js";
import { type StockpileStatusRequest, stockpileStatus } from "./stockpile-status.js";
import {
  type ControlRequest,
  controlReport,
  type ExplainRequest,
  explainReport,
  type FlowsRequest,
  flowsReport,
  type RoutesRequest,
  routesReport,
} from "./world-reports.js";

/** A shipped scenario a report reads the world through (resolved by the caller). */
export interface ShippedScenario {
  id: string;
  scenario: Scenario;
}

function first(snaps: TaskSnapshot[]): SnapshotWorlds {
  const s = snaps[0];
  if (!s) throw new OrebookError("INTERNAL", "A compute task was given no snapshot");
  return new SnapshotWorlds(s);
}

/** The worlds of a snapshot, with a shipped scenario applied when one is named. */
function sourceOf(w: SnapshotWorlds, scenario?: ShippedScenario | undefined): WorldSource {
  const plainWorld = async (asOf: string) => w.world(asOf);
  if (scenario === undefined) return { scenario: undefined, world: plainWorld, plainWorld };
  return {
    scenario: scenario.scenario,
    world: async (asOf) => w.scenarioWorld(scenario.id, scenario.scenario, asOf),
    plainWorld,
  };
}

export const COMPUTE_TASKS = {
  "scenario-evaluate": (
    snaps: TaskSnapshot[],
    p: { datasetId: string; scenario: ScenarioRef; evaluation: EvaluationRequest },
  ) => evaluateScenarioFor(first(snaps), p),

  "scenario-compare": (
    snaps: TaskSnapshot[],
    p: {
      datasetId: string;
      scenarios: ScenarioRef[];
      evaluation: EvaluationRequest & { includeUnchanged?: boolean | undefined };
    },
  ) => compareScenariosFor(first(snaps), p),

  "deal-evaluate": (
    snaps: TaskSnapshot[],
    p: { deal: string; dealName: string; date: string; evaluation: EvaluationRequest },
  ) => evaluateDealFor(first(snaps), p),

  "report-deals": (snaps: TaskSnapshot[], p: { asOf: string; status?: string | undefined }) => {
    const world = first(snaps).world(p.asOf);
    return {
      asOf: world.asOf,
      deals: world.deals.filter((d) => p.status === undefined || d.statusAsOf === p.status),
    };
  },

  "report-territory": (snaps: TaskSnapshot[], p: { asOf: string }) => {
    const w = first(snaps);
    return heldAreasReport((d) => w.world(d), p);
  },

  "report-de-facto-series": (snaps: TaskSnapshot[], p: DeFactoSeriesRequest) => {
    const w = first(snaps);
    return deFactoSeriesReport((d) => w.world(d), p);
  },

  "report-chains": (snaps: TaskSnapshot[], p: ChainsRequest & { asOf: string }) =>
    ownershipChainsReport(first(snaps).world(p.asOf), p),

  "report-series": (snaps: TaskSnapshot[], p: ControlSeriesRequest) => {
    const w = first(snaps);
    return controlSeriesReport((d) => w.world(d), p);
  },

  "report-control": (snaps: TaskSnapshot[], p: { request: ControlRequest }) =>
    controlReport(sourceOf(first(snaps)), p.request),

  "report-explain": (snaps: TaskSnapshot[], p: { request: ExplainRequest }) =>
    explainReport(sourceOf(first(snaps)), p.request),

  /**
   * The look-through of an entity or asset: in the first snapshot's dataset when the request
   * named it (`only`), else found as `lookThroughByName` finds it across every snapshot given
   * (`datasets[i]` is snapshot i's dataset id).
   */
  "report-lookthrough": (
    snaps: TaskSnapshot[],
    p: { asOf: string; entity: string; datasets: string[]; only: boolean },
  ) => {
    const worlds = new Map(snaps.map((s, i) => [p.datasets[i] as string, new SnapshotWorlds(s)]));
    const home = p.datasets[0] as string;
    if (p.only) {
      const world = first(snaps).world(p.asOf);
      return {
        ...lookThroughReportFor(world, nodeFor(world, p.entity).id),
        dataset: home,
        foundElsewhere: false,
      };
    }
    return lookThroughByName(p.entity, {
      preferred: home,
      datasets: p.datasets,
      worldOf: async (d) => {
        const w = worlds.get(d);
        if (!w) throw new OrebookError("INTERNAL", `Dataset ${d} was not given to the task`);
        return w.world(p.asOf);
      },
    });
  },

  "report-flows": (
    snaps: TaskSnapshot[],
    p: { scenario?: ShippedScenario | undefined; request: FlowsRequest },
  ) => flowsReport(sourceOf(first(snaps), p.scenario), p.request),

  "report-routes": (
    snaps: TaskSnapshot[],
    p: { scenario?: ShippedScenario | undefined; request: RoutesRequest },
  ) => routesReport(sourceOf(first(snaps), p.scenario), p.request),

  /** A stockpile's status; the shortfall's baseline a shipped scenario when one is named. */
  "report-stockpile": (
    snaps: TaskSnapshot[],
    p: {
      scenario?: ShippedScenario | undefined;
      baseline?: ShippedScenario | undefined;
      request: Omit<StockpileStatusRequest, "baseline">;
    },
  ) => {
    const w = first(snaps);
    return stockpileStatus(sourceOf(w, p.scenario), {
      ...p.request,
      baseline: p.baseline === undefined ? undefined : sourceOf(w, p.baseline).world,
    });
  },
} satisfies ComputeTasks;

export type ComputeTaskName = keyof typeof COMPUTE_TASKS;
