/**
 * The imports the server runs in job workers (issue 24): the body, already on disk, is read
 * and written through the worker's own connection to the store (`app/import-at-store.ts`), so
 * the server's event loop keeps answering while an import of any size runs. Only the server
 * submits these (`JobRunner.submitTask`); a caller names the `import` job kind, never a task.
 * Results and problems are plain data; the server maps the temporary folder out of them.
 */
import {
  type ImportTarget,
  importBodsAt,
  importCsvAt,
  importJsonAt,
} from "../../app/import-at-store.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import type { Progress } from "./job-kinds.js";

interface ImportTaskBase {
  /** The store's address (in a worker), or the server's ledger (no worker can reach it). */
  store: ImportTarget;
  /** The folder the body was written to: problems and warnings never show it. */
  dir: string;
  datasetId: string;
  actor: string;
  note: string;
  /** The revision the copy was read at (see `LoadOptions.base`). */
  base: string | null;
}

/** CSV tables, one file per record kind, imported as `orebook import csv` does. */
export interface CsvImportTask extends ImportTaskBase {
  files: string[];
}

/** A BODS file (a JSON array or JSON Lines) imported as `orebook import bods` does. */
export interface BodsImportTask extends ImportTaskBase {
  file: string;
  /** The name problems give the file. */
  displayName: string;
  skipInvalid: boolean;
}

/** A dataset as JSON (the body of POST /api/import), read a record at a time. */
export interface JsonImportTask extends ImportTaskBase {
  file: string;
  /** The name problems give the file. */
  displayName: string;
}

/** At most this many warnings and findings travel back with a result. */
const SHOWN = 100;

/** Text with the body's folder taken out: `entities.csv:3:2`, never the server's path. */
function hider(dir: string) {
  const shown = (s: string) => s.replaceAll(`${dir}/`, "").replaceAll(dir, "body");
  const clean = (i: Issue): Issue => ({
    ...i,
    ...(i.file === undefined ? {} : { file: shown(i.file) }),
    message: shown(i.message),
  });
  return {
    clean,
    /** Runs `fn`, its problem's message and issues shown without the folder. */
    async run<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof OrebookError)
          throw new OrebookError(e.code, shown(e.message), { issues: e.issues.map(clean) });
        throw e;
      }
    },
  };
}

export const IMPORT_TASKS = {
  "import-csv": (p: CsvImportTask, progress: Progress) => {
    const h = hider(p.dir);
    return h.run(async () => {
      const { notices, ...written } = await importCsvAt(p.store, p.datasetId, p.files, {
        actor: p.actor,
        note: p.note,
        base: p.base,
        onBytes: (done, total) => progress(done, total, "reading and writing the CSV tables"),
      });
      return {
        ...written,
        counts: null,
        warnings: notices.slice(0, SHOWN).map(h.clean),
        skipped: [] as Issue[],
      };
    });
  },
  "import-bods": (p: BodsImportTask, progress: Progress) => {
    const h = hider(p.dir);
    return h.run(async () => {
      const r = await importBodsAt(p.store, p.datasetId, p.file, {
        actor: p.actor,
        note: p.note,
        base: p.base,
        displayName: p.displayName,
        skipInvalid: p.skipInvalid,
        onProgress: (read, total) => progress(read, total, "reading BODS statements"),
      });
      return {
        ...r,
        warnings: r.warnings.slice(0, SHOWN).map(h.clean),
        skipped: r.skipped.slice(0, SHOWN).map(h.clean),
      };
    });
  },
  "import-json": (p: JsonImportTask, progress: Progress) => {
    const h = hider(p.dir);
    return h.run(async () => ({
      ...(await importJsonAt(p.store, p.datasetId, p.file, {
        actor: p.actor,
        note: p.note,
        base: p.base,
        displayName: p.displayName,
        onBytes: (done, total) => progress(done, total, "reading and writing the records"),
      })),
    }));
  },
} as const;

export type ImportTaskName = keyof typeof IMPORT_TASKS;

/** Runs the task named (in a job worker). */
export function runImportTask(
  task: ImportTaskName,
  params: unknown,
  progress: Progress,
): Promise<unknown> {
  if (!Object.hasOwn(IMPORT_TASKS, task))
    throw new OrebookError("INTERNAL", `No import task ${String(task)}`);
  return (IMPORT_TASKS[task] as (p: unknown, pr: Progress) => Promise<unknown>)(params, progress);
}
