/**
 * Imports written through a connection of their own to the store (`Ledger.address`): what a
 * worker thread runs, so an import through the API never runs on the server's event loop. The
 * imports are those of `orebook import csv` and `orebook import bods`, and a dataset as JSON
 * (the body of POST /api/import): all or nothing, every problem located. The connection is closed however the import ends; a thread stopped
 * mid-import takes its connection and the open transaction with it (nothing is written).
 *
 * @example
 * const r = await importCsvAt(ledger.address(), "world", ["entities.csv"], { actor: "ana" });
 */
import { type ImportBodsOptions, importBodsFile } from "../io/bods/read-bods.js";
import { streamDatasetJson } from "../io/dataset-json-stream.js";
import type { Ledger, LoadResult, StoreAddress } from "../ledger/ledger.js";
import { openLedgerAt } from "../ledger/open-ledger.js";
import type { Issue } from "../model/errors.js";
import { type ImportCsvOptions, type ImportCsvResult, importCsv } from "./import-csv.js";

/** Where an import writes: a store's address (a connection of its own) or an open ledger. */
export type ImportTarget = StoreAddress | Ledger;

async function withLedgerAt<T>(target: ImportTarget, fn: (l: Ledger) => Promise<T>): Promise<T> {
  if ("load" in target) return fn(target);
  // The server that asked has migrated the store; this connection only writes records.
  const ledger = await openLedgerAt(target, { migrate: false });
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

/** `importCsv` through a connection of its own to the store at `target` (or that ledger). */
export function importCsvAt(
  address: ImportTarget,
  datasetId: string,
  paths: readonly string[],
  opts: ImportCsvOptions,
): Promise<ImportCsvResult> {
  return withLedgerAt(address, (ledger) => importCsv(ledger, datasetId, paths, opts));
}

export interface ImportBodsAtOptions
  extends Pick<ImportBodsOptions, "displayName" | "skipInvalid" | "onProgress"> {
  actor: string;
  note: string;
  /** The dataset's revision the statements were read at (see `LoadOptions.base`). */
  base: string | null;
}

export interface ImportBodsAtResult extends LoadResult {
  counts: { statements: number; skipped: number; entities: number; stakes: number };
  /** What was read but could not become a record. */
  warnings: Issue[];
  /** The file's findings (the statements left out, with `skipInvalid`). */
  skipped: Issue[];
}

/**
 * A BODS file read (streaming, as `orebook import bods` reads it) and its records written in
 * one transaction through a connection of its own to the store at `address` (or that ledger).
 */
export function importBodsAt(
  address: ImportTarget,
  datasetId: string,
  file: string,
  opts: ImportBodsAtOptions,
): Promise<ImportBodsAtResult> {
  return withLedgerAt(address, async (ledger) => {
    const r = await importBodsFile(file, {
      ...(opts.displayName === undefined ? {} : { displayName: opts.displayName }),
      ...(opts.skipInvalid === undefined ? {} : { skipInvalid: opts.skipInvalid }),
      ...(opts.onProgress === undefined ? {} : { onProgress: opts.onProgress }),
    });
    const written = await ledger.load(datasetId, r.dataset, {
      actor: opts.actor,
      note: opts.note,
      base: opts.base,
    });
    return { ...written, counts: r.counts, warnings: r.warnings, skipped: r.issues };
  });
}

export interface ImportJsonAtOptions {
  actor: string;
  note: string;
  /** The dataset's revision the copy was read at (see `LoadOptions.base`). */
  base: string | null;
  /** What problems call the file (default its path). */
  displayName?: string;
  /** Bytes read so far of the bytes the import reads. */
  onBytes?: (done: number, total: number) => void;
}

/**
 * A dataset as JSON (an object of record kind → list of records) read from its file a record
 * at a time (`io/dataset-json-stream.ts`) and written in one transaction through a connection
 * of its own to the store at `address` (or that ledger): its shape checked first, then each
 * record with its schema and the whole with the dataset's checks, as `Ledger.load` does.
 */
export function importJsonAt(
  address: ImportTarget,
  datasetId: string,
  file: string,
  opts: ImportJsonAtOptions,
): Promise<LoadResult> {
  return withLedgerAt(address, (ledger) => {
    const json = streamDatasetJson(file, {
      ...(opts.displayName === undefined ? {} : { name: opts.displayName }),
      ...(opts.onBytes === undefined ? {} : { onBytes: opts.onBytes }),
    });
    return ledger.load(datasetId, json.dataset, {
      actor: opts.actor,
      note: opts.note,
      base: opts.base,
    });
  });
}
