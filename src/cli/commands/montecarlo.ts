/**
 * `orebook montecarlo --runs 10000 --seed 1 [--scenario FILE]`: distributions (P10/P50/P90) of
 * US-accessible supply, China's controlled share and the stockpile shortfall over random draws
 * of a scenario's uncertain changes (or, without a scenario, of the dataset's pending deals that
 * carry a probability). Seeded and reproducible; runs across worker threads, with a progress bar
 * on a terminal.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { type MonteCarloRequest, monteCarlo } from "../../app/monte-carlo.js";
import { DEFAULT_STOCKPILE } from "../../app/reading.js";
import type { Distribution } from "../../engine/scenario/index.js";
import { readScenarioFile } from "../../io/scenario-file.js";
import { periodInput } from "../../model/dates.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { datasetFromOptions, dateOption } from "../context.js";
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

/** What a command line asks of a Monte Carlo (the scenario file read, its problems located in it). */
export function monteCarloRequest(opts: Record<string, string | undefined>): MonteCarloRequest & {
  file: string | null;
} {
  const commodity = commodityOption(opts.commodity ?? "cobalt");
  const seed = numberOption("seed", opts.seed) ?? 1;
  if (!Number.isInteger(seed))
    throw new OrebookError("BAD_INPUT", `--seed ${seed} is not an integer`);
  const runs = numberOption("runs", opts.runs) ?? 10_000;
  if (!Number.isInteger(runs) || runs < 1)
    throw new OrebookError("BAD_INPUT", `--runs ${opts.runs} is not a positive integer`);
  const workers = numberOption("workers", opts.workers) ?? Math.min(8, availableParallelism());
  const sf =
    opts.scenario !== undefined
      ? readScenarioFile(opts.scenario, { displayRoot: process.cwd() })
      : undefined;
  return {
    commodity,
    seed,
    runs,
    workers,
    asOf: dateOption("as-of", opts.asOf),
    period: periodInput("--period", opts.period),
    holder: opts.holder,
    need: commodityTonnesOption("need", opts.need, "t/yr"),
    needName: "--need",
    file: sf?.file ?? null,
    ...(sf
      ? {
          scenario: sf.scenario,
          locate: (i: Issue) => {
            const pos = sf.locate(i.path);
            return { ...i, file: sf.file, line: pos.line, column: pos.column };
          },
        }
      : {}),
    ...progressOption(`Monte Carlo, ${runs} runs: distinct outcomes evaluated`),
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
      .option(
        "--holder <id>",
        `stockpile whose shortfall is measured (default ${DEFAULT_STOCKPILE}, when the dataset has it)`,
      )
      .option("--need <list>", "USER INPUT need where the sources lack it, e.g. cobalt=10000t/yr")
      .option(
        "--workers <n>",
        "worker threads (default: up to 2 per available core, at most 8; 0 = this thread)",
      ),
    { scenario: false },
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const req = monteCarloRequest(opts);
    const { scenario: _ignored, ...source } = opts;
    const { file, ...rest } = req;
    const mc = await monteCarlo(await datasetFromOptions(source), rest);
    const { stockpile: _stockpile, ...shown } = mc;
    const result = { ...shown, file };
    const { distributions, runs, workers, distinctOutcomes, seconds } = result;
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
      `${result.scenario}: ${result.commodity}${result.period ? ` ${result.period}` : ""}, ${runs.toLocaleString("en-US")} runs, seed ${result.seed}, ${workers} worker${workers === 1 ? "" : "s"}, ${distinctOutcomes} distinct outcomes, ${seconds.toFixed(2)} s`,
      "",
      tableFrom(distributions, cols),
      "",
      "Drawn each run",
      ...(result.events.length
        ? result.events.map(
            (e) =>
              `  ${e.name} (changes ${e.changes.join(", ")}${e.label ? `: ${e.label}` : ""}): p = ${e.probability} (${e.from === "dataset" ? "the deal's probability in the dataset" : e.from === "prior" ? "analyst prior, scenarios/analyst-priors.yaml" : "the scenario file"})${e.inert ? ", changes no figure" : ""}`,
          )
        : ["  nothing: no change has a probability below 1"]),
      ...(result.certainChanges.length
        ? [`Applied in every run: changes ${result.certainChanges.join(", ")}`]
        : []),
      ...result.notes.map((n) => `Note: ${n}`),
    ];
    emit(out.join("\n"));
  });
}
