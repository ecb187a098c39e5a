/**
 * Where a worker's compiled module is: beside the calling module in dist/runtime/, or there when
 * the caller runs from src/ (tests). Workers run compiled JavaScript; nothing is built at run
 * time.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OrebookError } from "../model/errors.js";

/** `file` (e.g. "engine-worker.js") beside this module, or in dist/runtime; else `missing`. */
export function compiledWorker(file: string, missing: string): string {
  const here = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(here)) return here;
  const dist = fileURLToPath(new URL(`../../dist/runtime/${file}`, import.meta.url));
  if (existsSync(dist)) return dist;
  throw new OrebookError("UNSUPPORTED", missing);
}
