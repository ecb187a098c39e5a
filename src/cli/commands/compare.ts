/**
 * `orebook compare BASE.yaml OTHER.yaml …`: scenarios side by side. Each file is applied to the
 * same dataset and evaluated (control and allocation; routes and stockpile say when they were not
 * computed); every headline metric is listed with its change from the first file, the largest
 * changes first, each explained.
 */
import { basename } from "node:path";
import type { Command } from "commander";
import { compareApplied } from "../../app/compare-scenarios.js";
import { DEFAULT_STOCKPILE } from "../../app/reading.js";
import type {
  AppliedScenario,
  Comparison,
  ComparisonCell,
  ComparisonRow,
  Scenario,
  ScenarioEvaluation,
} from "../../engine/scenario/index.js";
import {
  applyScenarioFileTo,
  readScenarioFile,
  scenarioJsonSchema,
} from "../../io/scenario-file.js";
import type { Dataset } from "../../model/dataset.js";
import { periodInput } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { datasetFromOptions } from "../context.js";
import { type Column, csvFrom, formatFrom, tableFrom } from "../format.js";
import { commodityOption, emit, withWorldOptions } from "../options.js";

/** A metric value for a table: shares in %, HHI whole, tonnes with separators. */
export function valueText(unit: ComparisonRow["unit"], x: number | null): string {
  if (x === null) return "n/a";
  if (unit === "share") return `${(x * 100).toFixed(1)}%`;
  if (unit === "hhi") return String(Math.round(x));
  return Math.round(x).toLocaleString("en-US");
}

/** A change for a table: shares in points, the rest in the metric's unit. */
export function changeText(unit: ComparisonRow["unit"], x: number | null): string {
  if (x === null) return "";
  if (Math.abs(x) < 1e-9) return "=";
  const sign = x > 0 ? "+" : "−";
  const a = Math.abs(x);
  if (unit === "share") return `${sign}${(a * 100).toFixed(1)} pt`;
  return `${sign}${Math.round(a).toLocaleString("en-US")}`;
}

/** The scenario files read and applied to one dataset; every problem of every file at once. */
export function applyFiles(
  dataset: Dataset,
  files: readonly string[],
): { applied: AppliedScenario[]; scenarios: Scenario[] } {
  const read = files.map((f) => readScenarioFile(f, { displayRoot: process.cwd() }));
  const issues: Issue[] = [];
  const applied: AppliedScenario[] = [];
  for (const sf of read) {
    try {
      applied.push(applyScenarioFileTo(dataset, sf));
    } catch (e) {
      if (!(e instanceof OrebookError) || e.issues.length === 0) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `The scenario files have ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      { issues },
    );
  return { applied, scenarios: read.map((r) => r.scenario) };
}

/** Short column names: the file names without extension. */
function shortNames(files: readonly string[]): string[] {
  return files.map((f) => basename(f).replace(/\.ya?ml$/, ""));
}

/** The comparison as text: a table of every metric, then the reasons for the largest changes. */
export function comparisonText(
  c: Comparison,
  files: readonly string[],
  evaluations: readonly ScenarioEvaluation[],
  explainRows = 12,
): string {
  const names = shortNames(files);
  const out: string[] = [];
  out.push(`Scenarios compared with ${names[0]} (${c.base})`);
  for (const [i, n] of names.entries()) {
    const ev = evaluations[i];
    if (!ev) continue;
    const periods = [...new Set(ev.commodities.map((x) => `${x.commodity} ${x.period}`))];
    out.push(`  ${n}: ${ev.scenario} — as of ${ev.asOf}; ${periods.join(", ")}`);
    // A commodity read for another period than asked, or from estimates: its label.
    for (const x of ev.commodities) for (const note of x.notes) out.push(`    ${note}`);
  }
  out.push("");
  const cols: Column<ComparisonRow>[] = [
    { header: "Metric", value: (r) => r.label },
    { header: names[0] ?? "base", value: (r) => valueText(r.unit, r.base), align: "right" },
    ...c.scenarios.map(
      (_, i): Column<ComparisonRow> => ({
        header: names[i + 1] ?? `#${i + 1}`,
        value: (r) => {
          const cell = r.cells[i] as ComparisonCell;
          const ch = changeText(r.unit, cell.change);
          if (ch === "=") return "=";
          return ch === ""
            ? valueText(r.unit, cell.value)
            : `${valueText(r.unit, cell.value)} (${ch})`;
        },
        align: "right",
      }),
    ),
  ];
  out.push(c.rows.length ? tableFrom(c.rows, cols) : "No metric differs between the scenarios.");
  const explained = c.rows
    .flatMap((r) =>
      r.cells
        .map((cell, i) => ({ r, cell, name: names[i + 1] ?? cell.scenario }))
        .filter((x) => x.cell.explanation !== ""),
    )
    .slice(0, explainRows);
  if (explained.length > 0) {
    out.push("");
    out.push("Why (the parts that moved most)");
    for (const x of explained)
      out.push(
        `  ${x.r.label}, ${x.name} ${changeText(x.r.unit, x.cell.change)}: ${x.cell.explanation}`,
      );
  }
  out.push("");
  out.push("What each scenario changed");
  for (const [i, ch] of c.changes.entries()) {
    out.push(`  ${names[i]}:${ch.applied.length ? "" : " nothing"}`);
    for (const a of ch.applied) out.push(`    - ${a}`);
    for (const o of ch.obligations) out.push(`    - tracked, not computed: ${o}`);
  }
  out.push("");
  const parts = c.parts[0]?.parts ?? [];
  out.push(
    `Engine parts: ${parts.map((p) => `${p.part} ${p.computed ? "computed" : `not computed (${p.note.replace(/^Not computed: /, "")})`}`).join("; ")}`,
  );
  return out.join("\n");
}

function csvText(c: Comparison, files: readonly string[]): string {
  const names = shortNames(files);
  const flat = c.rows.flatMap((r) =>
    r.cells.map((cell, i) => ({ r, cell, name: names[i + 1] ?? cell.scenario })),
  );
  const cols: Column<(typeof flat)[number]>[] = [
    { header: "metric", value: (x) => x.r.id },
    { header: "label", value: (x) => x.r.label },
    { header: "commodity", value: (x) => x.r.commodity },
    { header: "part", value: (x) => x.r.part },
    { header: "unit", value: (x) => x.r.unit },
    { header: "base", value: (x) => x.r.base },
    { header: "scenario", value: (x) => x.name },
    { header: "value", value: (x) => x.cell.value },
    { header: "change", value: (x) => x.cell.change },
    { header: "explanation", value: (x) => x.cell.explanation },
  ];
  return csvFrom(flat, cols);
}

export function register(program: Command): void {
  program
    .command("scenario-schema")
    .description(
      "Print the JSON Schema of scenario files (committed as schemas/scenario.schema.json)",
    )
    .action(() => emit(JSON.stringify(scenarioJsonSchema(), null, 2)));
  withWorldOptions(
    program
      .command("compare")
      .description(
        "Scenarios side by side: every headline metric with its change from the first file, largest first, each explained",
      )
      .argument("<base>", "the base scenario file (e.g. scenarios/base.yaml)")
      .argument("<others...>", "scenario files to compare with it")
      .option(
        "--commodity <names>",
        "commodity or comma list (default: the scenarios', else cobalt,copper)",
      )
      .option(
        "--period <period>",
        "production period for every scenario (default: the base file's, else the latest actual year)",
      )
      .option("--all", "list metrics that do not change too")
      .option("--no-routes", "skip routing the tonnes (the LP)")
      .option(
        "--holder <id>",
        `stockpile to measure in each scenario (default ${DEFAULT_STOCKPILE}, when the dataset has it)`,
      )
      .option("--no-stockpile", "skip the stockpile part")
      .option(
        "--default-market <node>",
        "route node for tonnes whose buyer's country has no market node (default: reported unshipped)",
      ),
    { scenario: false },
  ).action(async (base: string, others: string[], opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const files = [base, ...others];
    const flags = opts as Record<string, unknown>;
    const commodities =
      opts.commodity === undefined
        ? undefined
        : opts.commodity.split(",").map((v) => commodityOption(v.trim()));
    const period = periodInput("--period", opts.period);
    const { applied, scenarios } = applyFiles(await datasetFromOptions(opts), files);
    const { evaluations, comparison: c } = await compareApplied(applied, scenarios, {
      commodities,
      period,
      routes: flags.routes !== false,
      defaultMarket: opts.defaultMarket,
      holder: opts.holder,
      stockpile: flags.stockpile !== false,
      includeUnchanged: Boolean(opts.all),
    });
    if (format === "json") emit(JSON.stringify({ files, ...c }, null, 2));
    else if (format === "csv") emit(csvText(c, files));
    else emit(comparisonText(c, files, evaluations));
  });
}
