/**
 * Load test on loopback, bounded in time (not part of the test suite; run after a build with
 * `node dist/api/load-test.js [seconds] [rate]`). Starts a server on the reference data, starts
 * a long control-sweep job in a worker, and while it runs measures with autocannon:
 *   1. a cached report (the control report, same query) at a fixed rate (default 500/s);
 *   2. a computed report (the control report with a new threshold on every request, so never
 *      cached): the nearest stand-in for a scenario evaluation until that engine lands.
 * The cached run's load comes from a separate autocannon process; the computed run varies its
 * URL per request, which only autocannon's API can do, so that generator shares the thread.
 * Prints requests per second and latency percentiles as JSON.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadDatasetDir } from "../io/load-dataset.js";
import { REFERENCE_DATA_DIR } from "../ledger/open-default-ledger.js";
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
    const job = (await (
      await fetch(`${server.url}/api/jobs`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          kind: "control-sweep",
          params: withJob
            ? { from: 1990, to: 2030, step: "month", thresholds: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] }
            : { commodities: ["cobalt"], from: 2024, to: 2024 },
        }),
      })
    ).json()) as { id: string };
    const state = async () =>
      (await (await fetch(`${server.url}/api/jobs/${job.id}`, { headers })).json()) as {
        state: string;
        progress: { done: number; total: number };
      };
    const cached = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";
    await fetch(`${server.url}${cached}`, { headers }); // warm the cache
    const before = await state();
    const cachedRun = await cannonProcess([
      "-c",
      "20",
      "-R",
      String(rate),
      "-d",
      String(seconds),
      "-H",
      `authorization=Bearer ${token}`,
      `${server.url}${cached}`,
    ]);
    const during = await state();
    let n = 0;
    const computedRun = await autocannon({
      url: server.url,
      headers,
      connections: 10,
      duration: seconds,
      requests: [
        {
          method: "GET",
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            path: `/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31&threshold=0.${String(500000 + ++n)}`,
          }),
        },
      ],
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
          job: { before, during, after },
          cachedReport: summary(cachedRun),
          computedReport: summary(computedRun),
        },
        null,
        2,
      )}\n`,
    );
    await fetch(`${server.url}/api/jobs/${job.id}`, { method: "DELETE", headers });
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
