/**
 * The worlds of a dataset already in hand (a job's, a test's), with a scenario applied when one
 * is given: every change applies here, before any world is folded.
 */

import type { Scenario } from "../engine/scenario/index.js";
import { applyScenario } from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";
import { worldFrom } from "../model/world.js";
import type { WorldSource } from "./reading.js";

export function datasetWorldSource(dataset: Dataset, scenario?: Scenario | undefined): WorldSource {
  const plainWorld = async (asOf: string) => worldFrom(dataset, asOf);
  if (scenario === undefined) return { scenario: undefined, world: plainWorld, plainWorld };
  const applied = applyScenario(dataset, scenario).dataset;
  return { scenario, world: async (asOf) => worldFrom(applied, asOf), plainWorld };
}
