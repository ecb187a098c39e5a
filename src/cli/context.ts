/**
 * What every command needs before it computes: the world at a date. Reads the reference
 * dataset (or `--data DIR`); once the ledger is wired, the store (`--db`, `--database-url`).
 */
import { fileURLToPath } from "node:url";
import { loadDatasetDir } from "../io/load-dataset.js";
import type { Dataset } from "../model/dataset.js";
import { isIsoDate } from "../model/dates.js";
import { OrebookError } from "../model/errors.js";
import { type World, worldFrom } from "../model/world.js";

/** The repository's `data/drc`, from `dist/cli` or `src/cli` alike. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../data/drc", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WorldOptions {
  asOf?: string;
  knownAt?: string;
  data?: string;
  db?: string;
  databaseUrl?: string;
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

/** The dataset the options name. */
export async function datasetFromOptions(opts: WorldOptions): Promise<Dataset> {
  return loadDatasetDir(opts.data ?? DEFAULT_DATA_DIR, { displayRoot: process.cwd() }).dataset;
}

/** The world on `--as-of` (default today). */
export async function worldFromOptions(opts: WorldOptions): Promise<World> {
  const asOf = dateOption("as-of", opts.asOf) ?? today();
  dateOption("known-at", opts.knownAt);
  return worldFrom(await datasetFromOptions(opts), asOf);
}
