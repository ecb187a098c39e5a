/**
 * `orebook bench-scenarios`: times one full scenario evaluation after warm-up, and a Monte Carlo
 * of 10,000 runs with one worker and with two (the speed-up between them), on the DRC dataset.
 * Prints a table, or JSON with --format json.
 */
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { datasetFromOptions, REPO_ROOT } from "../cli/context.js";
import { formatFrom, tableFrom } from "../cli/format.js";
import { commodityOption, emit, numberOption, withWorldOptions } from "../cli/options.js";
import {
  distributionsFrom,
  evaluateApplied,
  monteCarloPlanFrom,
  monteCarloRange,
} from "../engine/scenario/index.js";
import { applyScenarioFileTo, readScenarioFile } from "../io/scenario-file.js";
import { OrebookError } from "../model/errors.js";
import { runMonteCarlo } from "../runtime/monte-carlo-pool.js";

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export function register(program: Command): void {
  withWorldOptions(
    program
      .command("bench-scenarios")
      .description(
        "Time one full scenario evaluation (after warm-up) and a 10,000-run Monte Carlo with 1 and 2 workers",
      )
      .option("--evaluate <file>", "scenario to evaluate (default scenarios/orion-cmc-closes.yaml)")
      .option("--montecarlo <file>", "scenario to draw (default scenarios/montecarlo-risks.yaml)")
      .option("--runs <n>", "Monte Carlo runs (default 10000)")
      .option("--seed <n>", "seed (default 1)")
      .option("--commodity <name>", "Monte Carlo commodity (default cobalt)")
      .option("--repeat <n>", "timed evaluations after warm-up (default 30)"),
    { scenario: false },
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const dataset = await datasetFromOptions(opts);
    const evalFile = opts.evaluate ?? join(REPO_ROOT, "scenarios/orion-cmc-closes.yaml");
    const sf = readScenarioFile(evalFile, { displayRoot: process.cwd() });
    const commodities = sf.scenario.commodities ?? ["cobalt", "copper"];
    const evaluate = () =>
      evaluateApplied(applyScenarioFileTo(dataset, sf), sf.scenario, { commodities });
    const repeat = numberOption("repeat", opts.repeat) ?? 30;
    for (let i = 0; i < 5; i++) evaluate();
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t = process.hrtime.bigint();
      evaluate();
      times.push(ms(t));
    }
    const metrics = evaluate().metrics.length;

    const mcFile = opts.montecarlo ?? join(REPO_ROOT, "scenarios/montecarlo-risks.yaml");
    const mc = readScenarioFile(mcFile, { displayRoot: process.cwd() });
    applyScenarioFileTo(dataset, mc);
    const runs = numberOption("runs", opts.runs) ?? 10_000;
    const seed = numberOption("seed", opts.seed) ?? 1;
    const plan = monteCarloPlanFrom(dataset, mc.scenario, {
      commodity: commodityOption(opts.commodity ?? "cobalt"),
      seed,
      ...(mc.scenario.period !== undefined ? { period: mc.scenario.period } : {}),
    });
    const mcTimes: Record<string, number> = {};
    const results: Float64Array[] = [];
    let outcomes = 0;
    for (const workers of [1, 2]) {
      const t = process.hrtime.bigint();
      const r = await runMonteCarlo(dataset, plan, { runs, workers });
      mcTimes[workers] = ms(t);
      results.push(r.values);
      outcomes = r.distinctOutcomes;
    }
    const [one, two] = results as [Float64Array, Float64Array];
    if (one.length !== two.length || one.some((x, i) => !Object.is(x, two[i])))
      throw new OrebookError("INTERNAL", "1 and 2 workers gave different values for the same seed");
    // Every distinct draw, evaluated once without any cache: the cost of a run that the cache saves.
    const distinct = new Set<string>();
    const k = 4;
    for (let r = 0; r < runs; r++)
      distinct.add(Array.from(one.subarray(r * k, r * k + k)).join(","));
    const t = process.hrtime.bigint();
    const sample = Math.min(runs, 200);
    for (let r = 0; r < sample; r++) monteCarloRange(dataset, plan, r, r + 1, new Map());
    const uncachedRunMs = ms(t) / sample;

    const result = {
      machine: {
        cpus: cpus().length,
        availableParallelism: availableParallelism(),
        cpu: cpus()[0]?.model ?? "",
      },
      evaluation: {
        scenario: sf.scenario.name,
        commodities,
        metrics,
        warmup: 5,
        repeat,
        medianMs: median(times),
        minMs: Math.min(...times),
        targetMs: 20,
      },
      monteCarlo: {
        scenario: mc.scenario.name,
        commodity: plan.commodity,
        runs,
        seed,
        events: plan.events.length,
        distinctOutcomes: outcomes,
        oneWorkerSeconds: (mcTimes[1] ?? 0) / 1000,
        twoWorkersSeconds: (mcTimes[2] ?? 0) / 1000,
        speedUp: (mcTimes[1] ?? 0) / (mcTimes[2] ?? 1),
        identicalAcrossWorkers: true,
        uncachedRunMs,
        uncachedEstimateSeconds: {
          oneWorker: (uncachedRunMs * runs) / 1000,
          twoWorkers: (uncachedRunMs * runs) / 2000,
        },
        targetSeconds: 20,
        distributions: distributionsFrom(one),
      },
    };
    if (format === "json") return emit(JSON.stringify(result, null, 2));
    const e = result.evaluation;
    const m = result.monteCarlo;
    emit(
      [
        `Machine: ${result.machine.cpus} CPUs (${result.machine.cpu})`,
        "",
        tableFrom(
          [
            {
              what: `One evaluation: ${e.scenario} (${e.commodities.join(", ")}; ${e.metrics} metrics), median of ${e.repeat} after ${e.warmup} warm-up`,
              value: `${e.medianMs.toFixed(1)} ms`,
              target: "< 20 ms",
            },
            {
              what: `Monte Carlo ${m.runs.toLocaleString("en-US")} runs, 1 worker (${m.events} events, ${m.distinctOutcomes} distinct outcomes)`,
              value: `${m.oneWorkerSeconds.toFixed(2)} s`,
              target: "< 20 s",
            },
            {
              what: `Monte Carlo ${m.runs.toLocaleString("en-US")} runs, 2 workers`,
              value: `${m.twoWorkersSeconds.toFixed(2)} s`,
              target: "< 20 s",
            },
            { what: "Speed-up, 1 → 2 workers", value: `${m.speedUp.toFixed(2)}×`, target: "" },
            {
              what: "One run without the outcome cache",
              value: `${m.uncachedRunMs.toFixed(1)} ms`,
              target: "",
            },
            {
              what: `${m.runs.toLocaleString("en-US")} runs without the cache (estimate, 1 / 2 workers)`,
              value: `${m.uncachedEstimateSeconds.oneWorker.toFixed(1)} / ${m.uncachedEstimateSeconds.twoWorkers.toFixed(1)} s`,
              target: "",
            },
          ],
          [
            { header: "Benchmark", value: (r) => r.what },
            { header: "Result", value: (r) => r.value, align: "right" },
            { header: "Target", value: (r) => r.target },
          ],
        ),
        "",
        "Same seed, 1 and 2 workers: identical values",
      ].join("\n"),
    );
  });
}
