/**
 * `orebook compare BASE.yaml OTHER.yaml …`: scenarios side by side. Each file is applied to the
 * same dataset and evaluated (control and allocation; routes and stockpile say when they were not
 * computed); every headline metric is listed with its change from the first file, the largest
 * changes first, each explained.
 */
import { basename } from "node:path";
import type { Command } from "commander";
import type { AppliedScenario } from "../../engine/apply-scenario.js";
import {
  type Comparison,
  type ComparisonCell,
  type ComparisonRow,
  compareScenarios,
} from "../../engine/compare-scenarios.js";
import {
  type EvaluateOptions,
  evaluateApplied,
  type ScenarioEvaluation,
} from "../../engine/evaluate-scenario.js";
import { loadLpSolver } from "../../engine/lp-solver.js";
import { routeMetricsFnFor } from "../../engine/scenario-route-metrics.js";
import { stockpileMetricsFn } from "../../engine/stockpile-metrics.js";
import {
  applyScenarioFileTo,
  readScenarioFile,
  scenarioJsonSchema,
} from "../../io/scenario-file.js";
import { COMMODITIES, type Commodity } from "../../model/commodity.js";
import type { Dataset } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { worldFrom } from "../../model/world.js";
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

/** Commodities from a comma list, else the scenarios' own, else cobalt and copper. */
export function commoditiesFrom(
  value: string | undefined,
  fromScenarios: readonly (readonly Commodity[] | undefined)[],
): Commodity[] {
  if (value !== undefined)
    return [...new Set(value.split(",").map((v) => commodityOption(v.trim())))];
  const named = fromScenarios.flatMap((c) => c ?? []);
  return named.length > 0
    ? COMMODITIES.filter((c) => named.includes(c))
    : (["cobalt", "copper"] as Commodity[]);
}

/** Reads, applies and evaluates each scenario file against one dataset. */
export function evaluateFiles(
  dataset: Dataset,
  files: readonly string[],
  opts: Omit<EvaluateOptions, "commodities"> & {
    commodity?: string | undefined;
    /** A stockpile to measure in every scenario, against the first (base) scenario's world. */
    stockpileHolder?: string | undefined;
  },
): ScenarioEvaluation[] {
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
  const commodities = commoditiesFrom(
    opts.commodity,
    read.map((r) => r.scenario.commodities),
  );
  // One period for every scenario, so the columns compare like with like.
  const period = opts.period ?? read[0]?.scenario.period;
  const base = applied[0];
  const stockpile =
    opts.stockpileHolder !== undefined && base
      ? stockpileMetricsFn({
          holder: opts.stockpileHolder,
          baseline: worldFrom(base.dataset, base.asOf),
        })
      : opts.stockpile;
  const { stockpileHolder: _holder, ...rest } = opts;
  return read.map((sf, i) =>
    evaluateApplied(applied[i] as AppliedScenario, sf.scenario, {
      ...rest,
      ...(stockpile ? { stockpile } : {}),
      commodities,
      ...(period !== undefined ? { period } : {}),
    }),
  );
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
      .option("--holder <id>", "stockpile to measure in each scenario (default project-vault)")
      .option("--no-stockpile", "skip the stockpile part")
      .option(
        "--default-market <node>",
        "route node for tonnes whose buyer's country has no market node (default: reported unshipped)",
      ),
    { scenario: false },
  ).action(async (base: string, others: string[], opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const files = [base, ...others];
    const dataset = await datasetFromOptions(opts);
    const routes =
      (opts as Record<string, unknown>).routes !== false
        ? routeMetricsFnFor(
            await loadLpSolver(),
            opts.defaultMarket !== undefined ? { defaultMarket: opts.defaultMarket } : {},
          )
        : undefined;
    const evaluations = evaluateFiles(dataset, files, {
      commodity: opts.commodity,
      ...(routes ? { routes } : {}),
      ...((opts as Record<string, unknown>).stockpile !== false
        ? { stockpileHolder: opts.holder ?? "project-vault" }
        : {}),
      ...(opts.period !== undefined ? { period: opts.period } : {}),
    });
    const c = compareScenarios(evaluations, { includeUnchanged: Boolean(opts.all) });
    if (format === "json") emit(JSON.stringify({ files, ...c }, null, 2));
    else if (format === "csv") emit(csvText(c, files));
    else emit(comparisonText(c, files, evaluations));
  });
}
