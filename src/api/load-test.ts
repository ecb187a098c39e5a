/**
 * Load test on loopback, bounded in time (not part of the test suite; run after a build with
 * `node dist/api/load-test.js [seconds] [rate] [no-job]`). Starts a server on the reference
 * data, queues Monte Carlo jobs (the shipped montecarlo-risks scenario; one runs at a time, in a
 * worker) and while they run measures with autocannon:
 *   1. a cached report (the control report, same query) at a fixed rate (default 500/s);
 *   2. a scenario evaluation (POST /api/scenarios/evaluate, the orion-cmc-closes scenario under
 *      a new name on every request, so never cached), as fast as it answers;
 *   3. the same evaluation with one body (cached after the first).
 * The cached run's load comes from a separate autocannon process; the evaluation varies its
 * body per request, which only autocannon's API can do, so that generator shares the thread.
 * Prints requests per second, latency percentiles and the machine's load average as JSON.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { openSqliteLedger } from "../ledger/sqlite/sqlite-store.js";
import { startServer } from "./server.js";
import { TokenStore } from "./token-store.js";

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;
const AUTOCANNON_BIN = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** Runs autocannon in its own process, so the load generator does not share the server's thread. */
function cannonProcess(args: string[]): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON_BIN, "--json", ...args], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(out) as CannonResult);
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const rate = Number(process.argv[3] ?? 500);
  // "no-job" measures the same runs without the background job, as a baseline.
  const withJob = process.argv[4] !== "no-job";
  const ledger = await openSqliteLedger({ path: ":memory:" });
  await ledger.load("drc", loadDatasetDir(REFERENCE_DATA_DIR).dataset, { actor: "load-test" });
  const tokens = await TokenStore.open({ db: ":memory:" });
  const { token } = await tokens.create({ role: "analyst", name: "load-test" });
  const server = await startServer({ ledger, tokens, port: 0, jobConcurrency: 1 });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  try {
    // One Monte Carlo takes a few seconds (its distinct draws are evaluated once), so a queue of
    // them, one at a time, keeps a job running through every measurement.
    const jobs: string[] = [];
    for (let seed = 1; seed <= (withJob ? 60 : 0); seed++) {
      const res = await fetch(`${server.url}/api/jobs`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          kind: "monte-carlo",
          params: { scenario: "montecarlo-risks", runs: 20_000, seed, workers: 0 },
        }),
      });
      jobs.push(((await res.json()) as { id: string }).id);
    }
    const state = async () => {
      const states = await Promise.all(
        jobs.map(
          async (id) =>
            (
              (await (await fetch(`${server.url}/api/jobs/${id}`, { headers })).json()) as {
                state: string;
              }
            ).state,
        ),
      );
      const count = (s: string) => states.filter((x) => x === s).length;
      return { running: count("running"), done: count("done"), queued: count("queued") };
    };
    const cached = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";
    await fetch(`${server.url}${cached}`, { headers }); // warm the cache
    // Warm-up at the same rate, not measured: the JIT and the connections settle first, so the
    // measured run is the steady state a team's server is in.
    const cachedArgs = (d: number) => [
      "-c",
      "20",
      "-R",
      String(rate),
      "-d",
      String(d),
      "-H",
      `authorization=Bearer ${token}`,
      `${server.url}${cached}`,
    ];
    await cannonProcess(cachedArgs(3));
    const before = await state();
    const cachedRun = await cannonProcess(cachedArgs(seconds));
    const during = await state();
    const load = { beforeEvaluation: loadavg() };
    const scenarios = (await (await fetch(`${server.url}/api/scenarios`, { headers })).json()) as {
      items: { id: string; scenario: Record<string, unknown> }[];
    };
    const orion = scenarios.items.find((i) => i.id === "orion-cmc-closes")?.scenario;
    if (!orion) throw new Error("the orion-cmc-closes scenario is not shipped");
    let n = 0;
    const evaluationRun = await autocannon({
      url: server.url,
      headers,
      connections: 4,
      duration: seconds,
      requests: [
        {
          method: "POST",
          path: "/api/scenarios/evaluate",
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            body: JSON.stringify({
              scenario: { ...orion, name: `Orion closes, run ${++n}` },
              commodities: ["cobalt"],
            }),
          }),
        },
      ],
    });
    const cachedEvaluationRun = await autocannon({
      url: `${server.url}/api/scenarios/evaluate`,
      method: "POST",
      headers,
      body: JSON.stringify({ scenario: "orion-cmc-closes", commodities: ["cobalt"] }),
      connections: 10,
      duration: seconds,
    });
    const after = await state();
    const summary = (r: CannonResult) => ({
      requestsPerSecond: r.requests.average,
      total: r.requests.total,
      latencyMs: r.latency,
      non2xx: r.non2xx,
      errors: r.errors,
    });
    process.stdout.write(
      `${JSON.stringify(
        {
          seconds,
          targetRate: rate,
          jobs: { before, during, after },
          loadAverage: { ...load, end: loadavg() },
          cachedReport: summary(cachedRun),
          scenarioEvaluation: summary(evaluationRun),
          cachedScenarioEvaluation: summary(cachedEvaluationRun),
        },
        null,
        2,
      )}\n`,
    );
    for (const id of jobs)
      await fetch(`${server.url}/api/jobs/${id}`, { method: "DELETE", headers });
  } finally {
    await server.close();
    await tokens.close();
    await ledger.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`load test failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
