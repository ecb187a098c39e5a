/**
 * What every command needs before it computes: the world at a date. Reads the store
 * (`--db`, `--database-url`; the reference dataset is loaded into a new store on first use), or
 * a dataset folder of YAML files with `--data DIR`.
 */
import { fileURLToPath } from "node:url";
import { openDefaultLedger } from "../app/open-default-ledger.js";
import { loadDatasetDir } from "../io/load-dataset.js";
import { applyScenarioFile, readScenarioFile } from "../io/scenario-file.js";
import { DEFAULT_DATASET_ID } from "../ledger/ledger.js";
import type { Dataset } from "../model/dataset.js";
import { isIsoDate } from "../model/dates.js";
import { OrebookError } from "../model/errors.js";
import { type World, worldFrom } from "../model/world.js";
import { progressOption } from "./progress-bar.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WorldOptions {
  asOf?: string;
  knownAt?: string;
  data?: string;
  db?: string;
  databaseUrl?: string;
  dataset?: string;
  /** A scenario file to apply to the dataset (see docs/scenarios.md). */
  scenario?: string;
}

/** Today's date, UTC, as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Checks a `--as-of`/`--known-at` value. */
export function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value))
    throw new OrebookError(
      "BAD_INPUT",
      `--${name} ${value} is not a date: expected YYYY-MM-DD, e.g. 2025-12-31`,
    );
  return value;
}

/** The dataset the options name, with `--scenario FILE` applied when given. */
export async function datasetFromOptions(opts: WorldOptions): Promise<Dataset> {
  if (opts.scenario === undefined) return datasetFromSource(opts);
  return applyScenarioFile(await datasetFromSource(opts), opts.scenario, {
    displayRoot: process.cwd(),
  }).dataset;
}

/** The dataset the options name, as stored. */
async function datasetFromSource(opts: WorldOptions): Promise<Dataset> {
  if (opts.data !== undefined) {
    if (opts.knownAt !== undefined)
      throw new OrebookError(
        "BAD_INPUT",
        "--known-at needs the store: it cannot be used with --data",
      );
    return loadDatasetDir(opts.data, { displayRoot: process.cwd() }).dataset;
  }
  const knownAt = dateOption("known-at", opts.knownAt);
  const ledger = await openDefaultLedger({
    ...(opts.db !== undefined ? { db: opts.db } : {}),
    ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
    ...progressOption("Loading the reference dataset into the store"),
  });
  try {
    return await ledger.datasetAt(opts.dataset ?? DEFAULT_DATASET_ID, knownAt ? { knownAt } : {});
  } finally {
    await ledger.close();
  }
}

/** The world on `--as-of` (default today). */
export async function worldFromOptions(opts: WorldOptions): Promise<World> {
  const asOf =
    dateOption("as-of", opts.asOf) ??
    (opts.scenario !== undefined ? scenarioBaseDate(opts.scenario) : undefined) ??
    today();
  return worldFrom(await datasetFromOptions(opts), asOf);
}

/**
 * What a lookup by name needs: the dataset to search first, every dataset of the store and a
 * way to read one's world at the options' date. With `--data`, `--dataset` or `--scenario`, only
 * the dataset named is searched.
 */
export async function datasetSearchFromOptions(opts: WorldOptions): Promise<{
  preferred: string;
  datasets: string[];
  only: boolean;
  worldOf: (datasetId: string) => Promise<World>;
}> {
  const preferred = opts.dataset ?? DEFAULT_DATASET_ID;
  const only = opts.data !== undefined || opts.dataset !== undefined || opts.scenario !== undefined;
  let datasets: string[] = [preferred];
  if (!only) {
    const ledger = await openDefaultLedger({
      ...(opts.db !== undefined ? { db: opts.db } : {}),
      ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
      ...progressOption("Loading the reference dataset into the store"),
    });
    try {
      datasets = (await ledger.datasets()).map((d) => d.id);
    } finally {
      await ledger.close();
    }
  }
  return {
    preferred,
    datasets,
    only,
    worldOf: (datasetId) => worldFromOptions({ ...opts, dataset: datasetId }),
  };
}

/** The base date of a scenario file: the default as-of when a scenario is applied. */
function scenarioBaseDate(file: string): string {
  return readScenarioFile(file, { displayRoot: process.cwd() }).scenario.baseDate;
}
