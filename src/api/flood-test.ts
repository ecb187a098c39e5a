/**
 * Flood test on loopback, bounded in time (part of `npm run bench`, not of the test suite; run
 * after a build with `node dist/api/flood-test.js [seconds] [rate] [loops]`). Starts a `--public`
 * server on the reference data and measures, with autocannon in its own process, a viewer's
 * cached report (the control report, same query) at a fixed rate (default 500/s):
 *   1. alone (the baseline);
 *   2. while `loops` (default 8) anonymous callers compare scenarios in loops, each request a
 *      new comparison (never cached), ignoring Retry-After;
 *   3. while as many loops do the same with an analyst's token.
 * The loops run in another process too. Prints, for each phase, the reads' requests per second,
 * latency percentiles, timeouts and errors, what the loops got (answers, refusals by status),
 * and the machine's load average, as JSON. Issue 24's target: p99 of the reads under 50 ms and
 * no timeouts during either flood.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { openSqliteLedger } from "../ledger/sqlite/sqlite-store.js";
import { startServer } from "./server.js";
import { TokenStore } from "./token-store.js";

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface LoopResult {
  requests: number;
  byStatus: Record<string, number>;
  errors: number;
  latencyMs: { p50: number; p99: number; max: number };
}

const AUTOCANNON_BIN = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** Runs a child process and parses the JSON it prints. */
function jsonOf<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(out) as T);
      } catch (e) {
        reject(e);
      }
    });
  });
}

const percentile = (xs: number[], p: number) =>
  xs.length === 0 ? 0 : (xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number);

/**
 * The loops' side (run as `flood-test.js loops URL SECONDS LOOPS [TOKEN]`): each loop posts a new
 * comparison as soon as the last answered, whatever the answer, until the time is up.
 */
async function loops(url: string, seconds: number, n: number, token: string | undefined) {
  const end = Date.now() + seconds * 1000;
  const byStatus: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let k = 0;
  const headers = {
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  await Promise.all(
    Array.from({ length: n }, async (_, loop) => {
      while (Date.now() < end) {
        const body = JSON.stringify({
          scenarios: [
            "base",
            {
              name: `Flood ${loop}.${++k}`,
              baseDate: "2025-06-30",
              changes: [
                {
                  kind: "production-outage",
                  province: "Lualaba",
                  commodity: "cobalt",
                  factor: 0.9,
                },
              ],
            },
          ],
          commodities: ["cobalt"],
        });
        const t = performance.now();
        try {
          const res = await fetch(`${url}/api/scenarios/compare`, {
            method: "POST",
            headers,
            body,
            signal: AbortSignal.timeout(60_000),
          });
          await res.arrayBuffer();
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const result: LoopResult = {
    requests: latencies.length,
    byStatus,
    errors,
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(latencies.at(-1) ?? 0),
    },
  };
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  const rate = Number(process.argv[3] ?? 500);
  const n = Number(process.argv[4] ?? 8);
  const ledger = await openSqliteLedger({ path: ":memory:" });
  await ledger.load("drc", loadDatasetDir(REFERENCE_DATA_DIR).dataset, { actor: "flood-test" });
  const tokens = await TokenStore.open({ db: ":memory:" });
  const viewer = (await tokens.create({ role: "viewer", name: "reader" })).token;
  const analyst = (await tokens.create({ role: "analyst", name: "flooder" })).token;
  const server = await startServer({ ledger, tokens, port: 0, publicRead: true });
  const self = fileURLToPath(import.meta.url);
  try {
    const cached = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";
    const warm = await fetch(`${server.url}${cached}`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    if (warm.status !== 200) throw new Error(`the cached report answered ${warm.status}`);
    const reads = (d: number) =>
      jsonOf<CannonResult>([
        AUTOCANNON_BIN,
        "--json",
        "-c",
        "20",
        "-R",
        String(rate),
        "-d",
        String(d),
        "-t",
        "10",
        "-H",
        `authorization=Bearer ${viewer}`,
        `${server.url}${cached}`,
      ]);
    const summary = (r: CannonResult) => ({
      requestsPerSecond: r.requests.average,
      total: r.requests.total,
      latencyMs: r.latency,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      errors: r.errors,
    });
    // Warm-up at the same rate, not measured: the JIT and the connections settle first.
    await reads(3);
    const phase = async (token: string | undefined) => {
      const load = loadavg();
      const [read, flood] = await Promise.all([
        reads(seconds),
        n > 0 && token !== ""
          ? jsonOf<LoopResult>([
              self,
              "loops",
              server.url,
              String(seconds),
              String(n),
              ...(token ? [token] : []),
            ])
          : Promise.resolve(undefined),
      ]);
      return {
        loadAverageBefore: load.map((x) => Math.round(x * 100) / 100),
        reads: summary(read),
        ...(flood ? { loops: flood } : {}),
      };
    };
    const baseline = await phase("");
    const anonymous = await phase(undefined);
    const authenticated = await phase(analyst);
    const ok = (p: typeof anonymous) => p.reads.latencyMs.p99 < 50 && p.reads.timeouts === 0;
    process.stdout.write(
      `${JSON.stringify(
        {
          seconds,
          targetRate: rate,
          loops: n,
          baseline,
          anonymousFlood: anonymous,
          authenticatedFlood: authenticated,
          loadAverageEnd: loadavg().map((x) => Math.round(x * 100) / 100),
          target: "reads p99 < 50 ms and no timeouts during each flood",
          met: ok(anonymous) && ok(authenticated),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await server.close();
    await tokens.close();
    await ledger.close();
  }
}

if (process.argv[2] === "loops")
  loops(
    process.argv[3] as string,
    Number(process.argv[4]),
    Number(process.argv[5]),
    process.argv[6],
  ).catch((e: unknown) => {
    process.stderr.write(`flood loops failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
else
  main().catch((e: unknown) => {
    process.stderr.write(`flood test failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
