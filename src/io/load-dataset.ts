/**
 * Reads a dataset folder of YAML files (`data/drc/*.yaml`). Each file maps record kinds to
 * lists of records. Every problem in every file is collected — schema errors with file, line,
 * column and field, then cross-reference errors located the same way — and reported at once.
 * Nothing is returned unless the whole folder is valid.
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Document, isMap, isSeq, LineCounter, parseDocument } from "yaml";
import {
  type Dataset,
  datasetIssues,
  emptyDataset,
  isRecordKind,
  RECORD_KINDS,
  RECORD_SCHEMAS,
} from "../model/dataset.js";
import { todayIso } from "../model/dates.js";
import { type Issue, OrebookError } from "../model/errors.js";
import { futureDatedIssues } from "../model/future-dated.js";

/** The repository's reference dataset folder (`data/drc`), from `src/io` or `dist/io` alike. */
export const REFERENCE_DATA_DIR = fileURLToPath(new URL("../../data/drc", import.meta.url));

interface Located {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** Path of the record inside the document: [kind, index]. */
  at: [string, number];
}

function positionOf(loc: Located, path: (string | number)[]): { line: number; col: number } {
  // Walk down as far as the path exists, so a missing field points at its record.
  let full: (string | number)[] = [...loc.at, ...path];
  while (full.length > 0) {
    const node = loc.doc.getIn(full, true) as { range?: [number, number, number] } | undefined;
    const keyNode =
      full.length > 0 ? (loc.doc.getIn(full.slice(0, -1), true) as unknown) : undefined;
    if (node && typeof node === "object" && node.range) {
      // For a scalar value, point at its key when there is one (reads better: "share: 38").
      if (isMap(keyNode)) {
        const pair = keyNode.items.find(
          (p) => (p.key as { value?: unknown } | null)?.value === full.at(-1),
        );
        const k = pair?.key as { range?: [number, number, number] } | undefined;
        if (k?.range) return loc.lines.linePos(k.range[0]);
      }
      return loc.lines.linePos(node.range[0]);
    }
    full = full.slice(0, -1);
  }
  return { line: 1, col: 1 };
}

/** The YAML files of a folder, sorted by name. */
function yamlFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOTDIR")
      throw new OrebookError(
        "BAD_INPUT",
        `${dir} is a file: expected a dataset folder of YAML files (import a table with orebook import csv, xlsx or bods)`,
      );
    throw new OrebookError("NOT_FOUND", `Dataset folder ${dir} not found`);
  }
  return names
    .filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"))
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

export interface LoadedDataset {
  dataset: Dataset;
  /** Where each record was read: `kind id` → file:line. */
  locations: ReadonlyMap<string, { file: string; line: number }>;
  files: string[];
}

/**
 * Loads and validates every YAML file of `dir`. Throws `OrebookError("INVALID_DATA")` listing
 * every issue, each with its file, line and column.
 */
export function loadDatasetDir(
  dir: string,
  opts: { displayRoot?: string; today?: string } = {},
): LoadedDataset {
  const today = opts.today ?? todayIso();
  const files = yamlFilesIn(dir);
  if (files.length === 0)
    throw new OrebookError("NOT_FOUND", `No .yaml files in dataset folder ${dir}`);
  const shown = (f: string) => (opts.displayRoot ? relative(opts.displayRoot, f) : f);
  const issues: Issue[] = [];
  const dataset = emptyDataset();
  const where = new Map<string, Located>();
  const locations = new Map<string, { file: string; line: number }>();
  // Records that failed their schema: references to them are not reported again.
  const invalidIds = new Set<string>();

  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        issues.push({
          file: shown(file),
          line: pos.line,
          column: pos.col,
          path: [],
          message: `YAML syntax: ${err.message.split("\n")[0]}`,
        });
      }
      continue;
    }
    const root = doc.contents;
    if (root === null) {
      issues.push({
        file: shown(file),
        line: 1,
        column: 1,
        path: [],
        message: `The file is empty: expected a mapping of record kinds (${RECORD_KINDS.slice(0, 3).join(", ")}, …) to lists; delete it if it is not needed`,
      });
      continue;
    }
    if (!isMap(root)) {
      issues.push({
        file: shown(file),
        line: 1,
        column: 1,
        path: [],
        message: `Expected a mapping of record kinds (${RECORD_KINDS.join(", ")}) to lists`,
      });
      continue;
    }
    for (const pair of root.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? "");
      const keyPos = lines.linePos(
        (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0,
      );
      if (!isRecordKind(key)) {
        issues.push({
          file: shown(file),
          line: keyPos.line,
          column: keyPos.col,
          path: [key],
          message: `Unknown record kind "${key}": expected one of ${RECORD_KINDS.join(", ")}`,
        });
        continue;
      }
      if (pair.value === null || pair.value === undefined) continue;
      if (!isSeq(pair.value)) {
        issues.push({
          file: shown(file),
          line: keyPos.line,
          column: keyPos.col,
          path: [key],
          message: `Expected a list of ${key} records`,
        });
        continue;
      }
      const items = (pair.value.toJSON() as unknown[]) ?? [];
      const schema = RECORD_SCHEMAS[key];
      for (const [i, raw] of items.entries()) {
        const loc: Located = { file: shown(file), doc, lines, at: [key, i] };
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const id = (raw as { id?: unknown } | null)?.id;
          if (typeof id === "string") invalidIds.add(id);
          for (const zi of parsed.error.issues) {
            const path = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
            const pos = positionOf(loc, path);
            issues.push({
              file: shown(file),
              line: pos.line,
              column: pos.col,
              record: `${key} ${typeof id === "string" ? id : `#${i + 1}`}`,
              path,
              message: zi.message,
            });
          }
          continue;
        }
        const rec = parsed.data as { id: string };
        const ref = `${key} ${rec.id}`;
        if (!where.has(ref)) {
          where.set(ref, loc);
          locations.set(ref, { file: shown(file), line: positionOf(loc, []).line });
        }
        (dataset[key] as unknown[]).push(rec);
      }
    }
  }

  for (const ci of [...datasetIssues(dataset), ...futureDatedIssues(dataset, today)]) {
    const named = /^Unknown [a-z ]+? (\S+?)(?::|$)/.exec(ci.message)?.[1];
    if (named && invalidIds.has(named)) continue;
    const loc = ci.record ? where.get(ci.record) : undefined;
    if (loc) {
      const pos = positionOf(loc, ci.path);
      issues.push({ ...ci, file: loc.file, line: pos.line, column: pos.col });
    } else {
      issues.push(ci);
    }
  }

  if (issues.length > 0) {
    throw new OrebookError(
      "INVALID_DATA",
      `Dataset ${basename(dir)} has ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      { issues },
    );
  }
  return { dataset, locations, files: files.map(shown) };
}
