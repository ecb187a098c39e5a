/**
 * Scenario files: YAML validated by the scenario schema (published as
 * `schemas/scenario.schema.json`). Every problem is reported at once with its file, line and
 * column — YAML syntax, schema errors, then changes that cannot apply to the dataset (an unknown
 * deal, a seller short of its stake) — the same way the dataset loader reports. See
 * docs/scenarios.md.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Document, isMap, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import {
  type AppliedScenario,
  applyScenario,
  type Scenario,
  scenarioSchema,
} from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";
import { PERIOD_PATTERN } from "../model/dates.js";

/** The shipped analyst priors: a probability for each pending deal and risk (docs/scenarios.md). */
export const ANALYST_PRIORS_FILE = fileURLToPath(
  new URL("../../scenarios/analyst-priors.yaml", import.meta.url),
);

import { type Issue, OrebookError } from "../model/errors.js";

/** A parsed scenario with what is needed to locate later problems in its file. */
export interface ScenarioFile {
  scenario: Scenario;
  file: string;
  /** Line and column of a path inside the file (the nearest existing node). */
  locate: (path: readonly (string | number)[]) => { line: number; column: number };
}

function locatorFor(
  doc: Document,
  lines: LineCounter,
): (path: readonly (string | number)[]) => { line: number; column: number } {
  return (path) => {
    let full = [...path];
    while (full.length > 0) {
      const node = doc.getIn(full, true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) {
        // A scalar reads better at its key ("share: 0.4") than at its value.
        const parent = doc.getIn(full.slice(0, -1), true) as unknown;
        if (isMap(parent)) {
          const pair = parent.items.find(
            (p) => (p.key as { value?: unknown } | null)?.value === full.at(-1),
          );
          const k = pair?.key as { range?: [number, number, number] } | undefined;
          if (k?.range) {
            const pos = lines.linePos(k.range[0]);
            return { line: pos.line, column: pos.col };
          }
        }
        const pos = lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      full = full.slice(0, -1);
    }
    return { line: 1, column: 1 };
  };
}

/**
 * Parses and validates scenario YAML. Throws `OrebookError("INVALID_DATA")` with every issue,
 * each with `file`, `line` and `column`.
 */
export function parseScenarioText(text: string, file = "<scenario>"): ScenarioFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues: Issue[] = [];
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = lines.linePos(err.pos[0]);
      issues.push({
        file,
        line: pos.line,
        column: pos.col,
        path: [],
        message: `YAML syntax: ${err.message.split("\n")[0]}`,
      });
    }
    throw new OrebookError("INVALID_DATA", problems(file, issues.length), { issues });
  }
  const locate = locatorFor(doc, lines);
  const parsed = scenarioSchema.safeParse(doc.toJSON() ?? {});
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const path = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      const pos = locate(path);
      issues.push({ file, line: pos.line, column: pos.column, path, message: messageOf(zi) });
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new OrebookError("INVALID_DATA", problems(file, issues.length), { issues });
  }
  return { scenario: parsed.data, file, locate };
}

function problems(file: string, n: number): string {
  return `Scenario file ${file} has ${n} problem${n === 1 ? "" : "s"}`;
}

/** Zod's message, made specific where its default says too little. */
function messageOf(zi: z.core.$ZodIssue): string {
  if (zi.code === "invalid_union" && "discriminator" in zi && zi.discriminator === "kind")
    return `Unknown change kind: expected one of ${scenarioKinds().join(", ")}`;
  if (zi.code === "unrecognized_keys")
    return `Unknown field${zi.keys.length === 1 ? "" : "s"} ${zi.keys.join(", ")}`;
  return zi.message;
}

function scenarioKinds(): string[] {
  const changes = scenarioSchema.shape.changes.unwrap().element;
  return changes.options.map((o) => o.shape.kind.value);
}

/** Reads and validates a scenario file. */
export function readScenarioFile(path: string, opts: { displayRoot?: string } = {}): ScenarioFile {
  const shown = opts.displayRoot ? relative(opts.displayRoot, path) : path;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new OrebookError("NOT_FOUND", `Scenario file ${shown} not found`);
  }
  return parseScenarioText(text, shown);
}

/**
 * Applies a parsed scenario file to a dataset; a change that cannot apply is reported at its
 * line and column in the file, every one at once.
 */
export function applyScenarioFileTo(
  dataset: Dataset,
  sf: ScenarioFile,
  opts: { include?: (index: number) => boolean } = {},
): AppliedScenario {
  try {
    return applyScenario(dataset, sf.scenario, opts);
  } catch (e) {
    if (!(e instanceof OrebookError) || e.issues.length === 0) throw e;
    const issues = e.issues.map((i) => {
      const pos = sf.locate(i.path);
      return { ...i, file: sf.file, line: pos.line, column: pos.column };
    });
    throw new OrebookError("INVALID_DATA", problems(sf.file, issues.length), { issues });
  }
}

/** Reads the scenario file at `file` and applies it to `dataset`. */
export function applyScenarioFile(
  dataset: Dataset,
  file: string,
  opts: { displayRoot?: string } = {},
): AppliedScenario {
  return applyScenarioFileTo(dataset, readScenarioFile(file, opts));
}

/** The JSON Schema of scenario files, generated from the Zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, {
    io: "input",
    target: "draft-2020-12",
    override: (ctx) => {
      // Refinements do not reach JSON Schema; restore the date and period forms by hand.
      const def = ctx.jsonSchema as Record<string, unknown>;
      if (def.type !== "string") return;
      const path = ctx.path.join(".");
      if (/(^|\.)(baseDate|date|validTo|validFrom|accessed)$/.test(path))
        def.pattern = "^\\d{4}-\\d{2}-\\d{2}$";
      else if (/(^|\.)(period|capPeriod)$/.test(path)) def.pattern = PERIOD_PATTERN;
    },
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "Orebook scenario",
    description:
      "A base date and a list of changes (deal closes or collapses, stake transfer, production outage, territory taken or returned, export ban or quota, route closed or opened, price or demand shock, stockpile budget) applied to a dataset. See docs/scenarios.md.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
