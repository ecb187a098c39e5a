/**
 * The worlds of a request read from the store (SQLite or PostgreSQL; the reference dataset is
 * loaded into a new store on first use) or from a dataset folder of YAML files, with a scenario
 * file applied when one is named. The CLI's every reading command opens its worlds here.
 */
import { loadDatasetDir } from "../io/load-dataset.js";
import { applyScenarioFileTo, readScenarioFile, type ScenarioFile } from "../io/scenario-file.js";
import { DEFAULT_DATASET_ID, type LoadOptions } from "../ledger/ledger.js";
import type { Dataset } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { type World, worldFrom } from "../model/world.js";
import { openDefaultLedger } from "./open-default-ledger.js";
import type { WorldSource } from "./reading.js";
import { registerWorldAt } from "./register-world.js";

/** Which data a request reads. Dates are checked by the caller (they name its own options). */
export interface StoreRequest {
  /** A dataset folder of YAML files instead of the store. */
  data?: string | undefined;
  /** The SQLite store's file. */
  db?: string | undefined;
  /** A PostgreSQL store. */
  databaseUrl?: string | undefined;
  /** The dataset in the store (default the reference dataset). */
  dataset?: string | undefined;
  /** What the store knew on this date or at this instant (the store only). */
  knownAt?: string | undefined;
  /** Paths in messages are shown relative to this folder. */
  displayRoot?: string | undefined;
  /** Called while the reference dataset is written into a new store. */
  onProgress?: LoadOptions["onProgress"] | undefined;
}

function ledgerOptions(req: StoreRequest) {
  return {
    ...(req.db !== undefined ? { db: req.db } : {}),
    ...(req.databaseUrl !== undefined ? { databaseUrl: req.databaseUrl } : {}),
    ...(req.onProgress !== undefined ? { onProgress: req.onProgress } : {}),
  };
}

const shownFrom = (req: StoreRequest) =>
  req.displayRoot !== undefined ? { displayRoot: req.displayRoot } : {};

/** The dataset a request names, as stored (or as the folder has it). */
export async function openDataset(req: StoreRequest): Promise<Dataset> {
  if (req.data !== undefined) {
    if (req.knownAt !== undefined)
      throw new OrebookError(
        "BAD_INPUT",
        "--known-at needs the store: it cannot be used with --data",
      );
    return loadDatasetDir(req.data, shownFrom(req)).dataset;
  }
  const ledger = await openDefaultLedger(ledgerOptions(req));
  try {
    return await ledger.datasetAt(
      req.dataset ?? DEFAULT_DATASET_ID,
      req.knownAt ? { knownAt: req.knownAt } : {},
    );
  } finally {
    await ledger.close();
  }
}

/** The ids of the store's datasets. */
export async function storedDatasetIds(req: StoreRequest): Promise<string[]> {
  const ledger = await openDefaultLedger(ledgerOptions(req));
  try {
    return (await ledger.datasets()).map((d) => d.id);
  } finally {
    await ledger.close();
  }
}

/** A scenario file read, with paths shown as the request shows them. */
export function readScenario(req: StoreRequest, file: string): ScenarioFile {
  return readScenarioFile(file, shownFrom(req));
}

/** The request's dataset with a scenario file applied (as stored when there is none). */
export async function openScenarioDataset(
  req: StoreRequest,
  scenarioFile: string | undefined,
): Promise<Dataset> {
  const dataset = await openDataset(req);
  if (scenarioFile === undefined) return dataset;
  return applyScenarioFileTo(dataset, readScenario(req, scenarioFile)).dataset;
}

/**
 * The worlds of a request read from the store through the engine's indexed path
 * (`registerWorldAt`): each date's world is read from the typed columns, its graph built from
 * them. Without a scenario, what every reading command on the store uses.
 */
export async function openStoreWorldSource(req: StoreRequest): Promise<WorldSource> {
  const world = async (asOf: string): Promise<World> => {
    const ledger = await openDefaultLedger(ledgerOptions(req));
    try {
      const at = req.knownAt ? { knownAt: req.knownAt } : {};
      return (await registerWorldAt(ledger, req.dataset ?? DEFAULT_DATASET_ID, { asOf, ...at }))
        .world;
    } finally {
      await ledger.close();
    }
  };
  return { scenario: undefined, world, plainWorld: world };
}

/**
 * The worlds of a request: the dataset read once, the scenario file (if any) applied once, and a
 * world folded for each date asked.
 */
export async function openWorldSource(
  req: StoreRequest,
  scenarioFile?: string | undefined,
): Promise<WorldSource & { dataset: Dataset; plainDataset: Dataset }> {
  const plain = await openDataset(req);
  if (scenarioFile === undefined) {
    const world = async (asOf: string): Promise<World> => worldFrom(plain, asOf);
    return { scenario: undefined, world, plainWorld: world, dataset: plain, plainDataset: plain };
  }
  const sf = readScenario(req, scenarioFile);
  const applied = applyScenarioFileTo(plain, sf).dataset;
  return {
    scenario: sf.scenario,
    world: async (asOf) => worldFrom(applied, asOf),
    plainWorld: async (asOf) => worldFrom(plain, asOf),
    dataset: applied,
    plainDataset: plain,
  };
}
