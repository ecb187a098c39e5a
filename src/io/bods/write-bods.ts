/**
 * Writes BODS statements to a file as they come, in bounded memory: a JSON array with one
 * statement per line (the package form), or JSON Lines (`.jsonl`).
 *
 * @example
 * await writeBodsFile("out.json", bodsFromDataset(dataset));
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { BodsStatement } from "./_bods-types.js";

export interface WriteBodsOptions {
  /** `json` (an array) or `jsonl`; default from the file name (`.jsonl` → jsonl). */
  format?: "json" | "jsonl";
}

/** Writes the statements and resolves with how many were written. */
export async function writeBodsFile(
  file: string,
  statements: Iterable<BodsStatement>,
  opts: WriteBodsOptions = {},
): Promise<number> {
  const format = opts.format ?? (file.endsWith(".jsonl") ? "jsonl" : "json");
  const out = createWriteStream(file, { encoding: "utf8" });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  let n = 0;
  if (format === "json") await write("[");
  for (const s of statements) {
    const line = JSON.stringify(s);
    if (format === "json") await write(`${n === 0 ? "\n" : ",\n"}${line}`);
    else await write(`${line}\n`);
    n++;
  }
  if (format === "json") await write("\n]\n");
  out.end();
  await once(out, "finish");
  return n;
}
