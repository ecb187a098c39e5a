/**
 * `orebook montecarlo --runs 10000 --seed 1 [--scenario FILE]`: distributions (P10/P50/P90) of
 * US-accessible supply, China's controlled share and the stockpile shortfall over random draws
 * of a scenario's uncertain changes (or, without a scenario, of the dataset's pending deals that
 * carry a probability). Seeded and reproducible; runs across worker threads, with a progress bar
 * on a terminal.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import {
  type Distribution,
  datasetUncertaintyScenario,
  distributionsFrom,
  type MonteCarloPlan,
  monteCarloPlanFrom,
} from "../../engine/monte-carlo.js";
import { applyScenarioFileTo, readScenarioFile } from "../../io/scenario-file.js";
import type { Dataset } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import { runMonteCarlo } from "../../runtime/monte-carlo-pool.js";
import { datasetFromOptions, dateOption, today } from "../context.js";
import { type Column, csvFrom, formatFrom, tableFrom } from "../format.js";
import { commodityOption, emit, numberOption, withWorldOptions } from "../options.js";
import { progressOption } from "../progress-bar.js";
import { commodityTonnesOption } from "./stockpile.js";

const LABELS: Record<Distribution["metric"], string> = {
  usAccessibleTonnes: "US-accessible supply (t)",
  chinaConsolidatedShare: "China consolidated control share",
  chinaDeFactoShare: "China de facto control share",
  stockpileShortfallTonnes: "Stockpile shortfall (t)",
};

function valueText(metric: Distribution["metric"], x: number | null): string {
  if (x === null) return "not computed";
  return metric.endsWith("Share")
    ? `${(x * 100).toFixed(1)}%`
    : Math.round(x).toLocaleString("en-US");
}

/** The plan a command line asks for: the scenario file's events, or the dataset's pending deals. */
export function planFromOptions(
  dataset: Dataset,
  opts: Record<string, string | undefined>,
): { plan: MonteCarloPlan; notDrawn: string[]; file: string | null } {
  const commodity = commodityOption(opts.commodity ?? "cobalt");
  const seed = numberOption("seed", opts.seed) ?? 1;
  if (!Number.isInteger(seed))
    throw new OrebookError("BAD_INPUT", `--seed ${seed} is not an integer`);
  if (opts.scenario !== undefined) {
    const sf = readScenarioFile(opts.scenario, { displayRoot: process.cwd() });
    applyScenarioFileTo(dataset, sf); // every change must apply before any run
    try {
      const period = opts.period ?? sf.scenario.period;
      return {
        plan: monteCarloPlanFrom(dataset, sf.scenario, {
          commodity,
          seed,
          ...(period !== undefined ? { period } : {}),
        }),
        notDrawn: [],
        file: sf.file,
      };
    } catch (e) {
      if (!(e instanceof OrebookError)) throw e;
      const issues = e.issues.map((i) => {
        const pos = sf.locate(i.path);
        return { ...i, file: sf.file, line: pos.line, column: pos.column };
      });
      throw new OrebookError(e.code, e.message, { issues });
    }
  }
  const asOf = dateOption("as-of", opts.asOf) ?? today();
  const { scenario, notDrawn } = datasetUncertaintyScenario(dataset, asOf, {
    ...(opts.period !== undefined ? { period: opts.period as never } : {}),
  });
  return {
    plan: monteCarloPlanFrom(dataset, scenario, {
      commodity,
      seed,
      ...(opts.period !== undefined ? { period: opts.period } : {}),
    }),
    notDrawn,
    file: null,
  };
}

export function register(program: Command): void {
  withWorldOptions(
    program
      .command("montecarlo")
      .description(
        "Distributions (P10/P50/P90) of US-accessible supply, China's controlled share and stockpile shortfall over random draws of uncertain changes",
      )
      .option("--runs <n>", "number of runs (default 10000)")
      .option("--seed <n>", "random seed (default 1); the same seed gives the same distribution")
      .option(
        "--scenario <file>",
        "draw the changes of this scenario file (default: the dataset's pending deals with a probability)",
      )
      .option("--commodity <name>", "commodity (default cobalt)")
      .option(
        "--period <period>",
        "production period (default: the scenario's, else the latest actual year)",
      )
      .option("--holder <id>", "stockpile whose shortfall is measured (default project-vault)")
      .option("--need <list>", "USER INPUT need where the sources lack it, e.g. cobalt=10000t/yr")
      .option(
        "--workers <n>",
        "worker threads (default: up to 2 per available core, at most 8; 0 = this thread)",
      ),
    { scenario: false },
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const runs = numberOption("runs", opts.runs) ?? 10_000;
    if (!Number.isInteger(runs) || runs < 1)
      throw new OrebookError("BAD_INPUT", `--runs ${opts.runs} is not a positive integer`);
    const workers = numberOption("workers", opts.workers) ?? Math.min(8, availableParallelism());
    const { scenario: _ignored, ...source } = opts;
    const dataset = await datasetFromOptions(source);
    const planned = planFromOptions(dataset, opts);
    const { notDrawn, file } = planned;
    const need = commodityTonnesOption("need", opts.need, "t/yr");
    const plan = {
      ...planned.plan,
      stockpile: { holder: opts.holder ?? "project-vault", ...(need ? { need } : {}) },
    };
    const started = process.hrtime.bigint();
    const { values, distinctOutcomes } = await runMonteCarlo(dataset, plan, {
      runs,
      workers,
      ...progressOption(`Monte Carlo, ${runs} runs: distinct outcomes evaluated`),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const distributions = distributionsFrom(values);
    const result = {
      scenario: plan.scenario.name,
      file,
      commodity: plan.commodity,
      period: plan.period ?? null,
      runs,
      seed: plan.seed,
      workers,
      seconds,
      distinctOutcomes,
      events: plan.events,
      certainChanges: plan.certain,
      notDrawn,
      distributions,
      notes: [
        `Stockpile shortfall of ${plan.stockpile.holder}: need less the DRC supply still reaching its country in the year (imports from outside the dataset not counted); ${need?.[plan.commodity] !== undefined ? `need ${need[plan.commodity]} t/yr is USER INPUT` : "n/a where the sources give no net-import tonnes (pass --need)"}`,
        ...(notDrawn.length
          ? [`Deals with no probability in the dataset are not drawn: ${notDrawn.join(", ")}`]
          : []),
      ],
    };
    if (format === "json") return emit(JSON.stringify(result, null, 2));
    const cols: Column<Distribution>[] = [
      { header: "Metric", value: (d) => LABELS[d.metric] },
      { header: "P10", value: (d) => valueText(d.metric, d.p10), align: "right" },
      { header: "P50", value: (d) => valueText(d.metric, d.p50), align: "right" },
      { header: "P90", value: (d) => valueText(d.metric, d.p90), align: "right" },
      { header: "Mean", value: (d) => valueText(d.metric, d.mean), align: "right" },
    ];
    if (format === "csv")
      return emit(
        csvFrom(distributions, [
          { header: "metric", value: (d) => d.metric },
          { header: "n", value: (d) => d.n },
          { header: "p10", value: (d) => d.p10 },
          { header: "p50", value: (d) => d.p50 },
          { header: "p90", value: (d) => d.p90 },
          { header: "mean", value: (d) => d.mean },
          { header: "min", value: (d) => d.min },
          { header: "max", value: (d) => d.max },
        ]),
      );
    const out = [
      `${plan.scenario.name}: ${plan.commodity}${plan.period ? ` ${plan.period}` : ""}, ${runs.toLocaleString("en-US")} runs, seed ${plan.seed}, ${workers} worker${workers === 1 ? "" : "s"}, ${distinctOutcomes} distinct outcomes, ${seconds.toFixed(2)} s`,
      "",
      tableFrom(distributions, cols),
      "",
      "Drawn each run",
      ...(plan.events.length
        ? plan.events.map(
            (e) =>
              `  ${e.name} (changes ${e.changes.join(", ")}): p = ${e.probability} (${e.from === "dataset" ? "the deal's probability in the dataset" : "the scenario file"})`,
          )
        : ["  nothing: no change has a probability below 1"]),
      ...(plan.certain.length ? [`Applied in every run: changes ${plan.certain.join(", ")}`] : []),
      ...result.notes.map((n) => `Note: ${n}`),
    ];
    emit(out.join("\n"));
  });
}
