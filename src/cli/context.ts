/**
 * What every command needs before it computes, read from its options: which data (`--db`,
 * `--database-url`, `--dataset`, `--known-at`, or a dataset folder with `--data DIR`), which
 * scenario file and which dates. The reading itself and the date policy are the use cases'
 * (`src/app/open-world-source.ts`, `src/app/reading.ts`); this file only turns options into them.
 */
import { fileURLToPath } from "node:url";
import {
  openDataset,
  openScenarioDataset,
  openStoreWorldSource,
  openWorldSource,
  type StoreRequest,
  storedDatasetIds,
} from "../app/open-world-source.js";
import { readingDates, type WorldSource } from "../app/reading.js";
import { DEFAULT_DATASET_ID } from "../ledger/ledger.js";
import type { Dataset } from "../model/dataset.js";
import { dateInput } from "../model/dates.js";
import type { World } from "../model/world.js";
import { progressOption } from "./progress-bar.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export { today } from "../app/reading.js";

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

/** Checks a `--as-of`/`--known-at` value. */
export function dateOption(name: string, value: string | undefined): string | undefined {
  return dateInput(`--${name}`, value);
}

/** The store or folder the options name (the dates checked). */
export function storeRequest(opts: WorldOptions): StoreRequest {
  dateOption("as-of", opts.asOf);
  const knownAt = dateOption("known-at", opts.knownAt);
  return {
    data: opts.data,
    db: opts.db,
    databaseUrl: opts.databaseUrl,
    dataset: opts.dataset,
    knownAt,
    displayRoot: process.cwd(),
    ...progressOption("Loading the reference dataset into the store"),
  };
}

/** The worlds the options name: the dataset, with `--scenario FILE` applied when given. */
export function worldSourceFromOptions(opts: WorldOptions): Promise<WorldSource> {
  // The store without a scenario: the typed columns and the indexed graph.
  if (opts.scenario === undefined && opts.data === undefined)
    return openStoreWorldSource(storeRequest(opts));
  return openWorldSource(storeRequest(opts), opts.scenario);
}

/** The dataset the options name, with `--scenario FILE` applied when given. */
export async function datasetFromOptions(opts: WorldOptions): Promise<Dataset> {
  return opts.scenario === undefined
    ? openDataset(storeRequest(opts))
    : openScenarioDataset(storeRequest(opts), opts.scenario);
}

/** The world on the date the policy gives (`--as-of`, else the scenario's date, else today). */
export async function worldFromOptions(opts: WorldOptions): Promise<World> {
  const source = await worldSourceFromOptions(opts);
  return source.world(readingDates(opts, source.scenario).asOf);
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
  const datasets = only ? [preferred] : await storedDatasetIds(storeRequest(opts));
  return {
    preferred,
    datasets,
    only,
    worldOf: (datasetId) => worldFromOptions({ ...opts, dataset: datasetId }),
  };
}
