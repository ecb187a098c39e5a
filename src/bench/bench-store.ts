/**
 * `orebook bench-store --entities N`: the engine's speed as a user gets it, on the generated
 * register of the look-through benchmark (issue 23), every step a whole process as a user runs
 * it:
 *
 * 1. `orebook import csv DIR` into a fresh store: wall time and peak RSS. The store is a SQLite
 *    file, or with `--database-url URL` a PostgreSQL database created for the run on that
 *    server and dropped at its end (`bench-store-target.ts`).
 * 2. `orebook lookthrough --entity X` and `orebook report control` on that store, cold (a new
 *    process each): the first after the import (which writes the register's cache) and the next.
 * 3. `orebook serve` on the store, its API read from this process: the first look-through read
 *    (the server reads and compiles the register), then warm reads of other entities
 *    (p50/p99, none answered from a cache of bodies), then a stake written through the API
 *    followed by a look-through read that reflects it (p50/p99); at the end the API's answers
 *    are checked against a fresh `orebook lookthrough` process to 1e-9.
 * 4. The SciPy pipeline on the same files (`w1_scipy.py`: pandas reads the CSVs, splu solves),
 *    a whole process, cold; its compute seconds are what a warm peer pays per change.
 *
 * Beside: the machine's random-read time (ns per 64-byte line) and load average.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { REPO_ROOT } from "../cli/context.js";
import { tableFrom } from "../cli/format.js";
import { emit } from "../cli/options.js";
import { OrebookError } from "../model/errors.js";
import { memoryProbe, PYTHON, sharedBench } from "./bench.js";
import { ENTITIES_OPTION, peersOption, SEED_OPTION, withBenchOptions } from "./bench-options.js";
import { benchDatabaseName, prepareBenchStore } from "./bench-store-target.js";

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const TIME = "/usr/bin/time";
const DATASET = "bench";
const AS_OF = "2025-06-30";
const PERIOD = "2024";

interface Timed {
  ok: boolean;
  seconds: number;
  /** Peak resident memory of the process (MB), when /usr/bin/time can tell. */
  peakMb: number | null;
  /** User + system CPU seconds of the process, when /usr/bin/time can tell (on a loaded
   * machine the wall time waits for a core; this does not). */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a whole process, timing it and (through /usr/bin/time) its peak memory. `stdoutTo`: a
 * file its output goes to, as a user redirects it (a report of a million entities is larger
 * than a pipe's buffer here); its stdout is then empty.
 */
function timed(cmd: string, args: readonly string[], stdoutTo?: string): Timed {
  const withTime = existsSync(TIME);
  const out = stdoutTo === undefined ? undefined : openSync(stdoutTo, "w");
  const opts = {
    encoding: "utf8" as const,
    maxBuffer: 1 << 28,
    ...(out === undefined
      ? {}
      : { stdio: ["ignore", out, "pipe"] as ("ignore" | "pipe" | number)[] }),
  };
  const t = process.hrtime.bigint();
  const r = withTime
    ? spawnSync(TIME, ["-f", "PEAK_RSS_KB=%M CPU_S=%U+%S", cmd, ...args], opts)
    : spawnSync(cmd, args, opts);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (out !== undefined) closeSync(out);
  const m = /PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? "");
  const c = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? "");
  return {
    ok: r.status === 0,
    seconds,
    peakMb: m ? Math.round(Number(m[1]) / 1024) : null,
    cpuSeconds: c ? Number(c[1]) + Number(c[2]) : null,
    stdout: r.stdout ?? "",
    // A process that could not run or was stopped (its output too large for the buffer) says
    // why on the last line.
    stderr: `${r.stderr ?? ""}${r.error ? `\n${r.error.message}` : ""}`,
  };
}

function must(r: Timed, what: string): Timed {
  if (!r.ok)
    throw new OrebookError("INTERNAL", `${what} failed: ${r.stderr.trim().split("\n").at(-1)}`);
  return r;
}

const orebook = (args: readonly string[], stdoutTo?: string) =>
  timed(process.execPath, [CLI, ...args], stdoutTo);

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Some entity ids of the register: owners and owned nodes of stakes, spread through the file. */
function sampleStakes(dir: string, count: number, seed = 7): { owner: string; owned: string }[] {
  const lines = readFileSync(join(dir, "stakes.csv"), "utf8").split("\n");
  const rows = lines.slice(1).filter((l) => l.length > 0);
  const out: { owner: string; owned: string }[] = [];
  let r = seed;
  for (let i = 0; i < count && rows.length > 0; i++) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    const [owner, owned] = (rows[r % rows.length] as string).split(",");
    if (owner && owned) out.push({ owner, owned });
  }
  return out;
}

/** `count` entity ids drawn uniformly from entities.csv (the same draw every run). */
function sampleEntities(dir: string, count: number): string[] {
  const rows = readFileSync(join(dir, "entities.csv"), "utf8").split("\n").slice(1);
  const ids = rows.map((l) => l.slice(0, l.indexOf(","))).filter((x) => x.length > 0);
  const out = new Set<string>();
  let r = 11;
  while (out.size < Math.min(count, ids.length)) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    out.add(ids[r % ids.length] as string);
  }
  return [...out];
}

interface Report {
  owners: { id: string; share: number; min: number; max: number }[];
  holdings: { id: string; share: number; min: number; max: number }[];
}

/** The largest relative difference between two reports' shares (rows by id; missing = 0). */
function maxDiff(a: Report, b: Report): number {
  let worst = 0;
  for (const side of ["owners", "holdings"] as const) {
    const key = (r: { id: string }) => r.id;
    const bm = new Map(b[side].map((r) => [key(r), r]));
    const am = new Map(a[side].map((r) => [key(r), r]));
    for (const id of new Set([...am.keys(), ...bm.keys()])) {
      const x = am.get(id);
      const y = bm.get(id);
      for (const f of ["share", "min", "max"] as const) {
        const u = x?.[f] ?? 0;
        const v = y?.[f] ?? 0;
        worst = Math.max(worst, Math.abs(u - v) / Math.max(1e-9, Math.abs(u), Math.abs(v)));
      }
    }
  }
  return worst;
}

interface Options {
  entities: string;
  seed: string;
  reads: string;
  writes: string;
  newStakes: string;
  peers: string;
  databaseUrl?: string;
}

/** `cleanups`: what the caller runs at the end, whether the run succeeded or not. */
async function benchStore(
  o: Options,
  cleanups: (() => Promise<void>)[],
): Promise<Record<string, unknown>> {
  const n = Number(o.entities);
  if (!(Number.isInteger(n) && n >= 1000))
    throw new OrebookError("BAD_INPUT", `--entities ${o.entities}: expected a whole number ≥ 1000`);
  const root = resolve(REPO_ROOT, "bench-data");
  mkdirSync(root, { recursive: true });
  const data = join(root, `w1-n${n}-s${o.seed}`);
  if (!existsSync(join(data, "production.csv"))) {
    process.stderr.write(`Generating ${n} entities into ${data} …\n`);
    must(
      timed(process.execPath, [
        join(sharedBench(), "gen-ownership.mjs"),
        "--entities",
        String(n),
        "--seed",
        o.seed,
        "--out",
        data,
      ]),
      "the generator",
    );
  }
  const target = await prepareBenchStore(
    o.databaseUrl,
    join(root, `store-n${n}-s${o.seed}.db`),
    benchDatabaseName(n, o.seed, process.pid),
  );
  cleanups.push(() => target.drop());
  process.stderr.write(`Store: ${target.dialect === "sqlite" ? "SQLite" : "PostgreSQL"}\n`);
  const store = [...target.args, "--dataset", DATASET];
  const rows: {
    step: string;
    seconds: number;
    cpuSeconds?: number | null;
    peakMb: number | null;
    note: string;
  }[] = [];
  const load = loadavg()[0] ?? 0;

  process.stderr.write("import csv …\n");
  const imp = must(
    orebook([
      "import",
      "csv",
      data,
      ...store,
      "--as-of",
      "2025-01-01",
      "--period",
      PERIOD,
      "--today",
      AS_OF,
    ]),
    "orebook import csv",
  );
  rows.push({
    step: "import csv",
    seconds: imp.seconds,
    cpuSeconds: imp.cpuSeconds,
    peakMb: imp.peakMb,
    note: "",
  });
  process.stderr.write(`  ${round(imp.seconds)} s (CPU ${imp.cpuSeconds} s), ${imp.peakMb} MB\n`);

  const stakes = sampleStakes(data, Number(o.writes) + 1);
  const subject = (stakes[0] as { owned: string }).owned;
  const cold: Record<string, Timed[]> = { lookthrough: [], control: [] };
  for (let run = 0; run < 2; run++) {
    process.stderr.write(`cold processes, run ${run + 1} …\n`);
    cold.lookthrough?.push(
      must(
        orebook([
          "lookthrough",
          "--entity",
          subject,
          ...store,
          "--as-of",
          AS_OF,
          "--format",
          "json",
        ]),
        "orebook lookthrough",
      ),
    );
    cold.control?.push(
      must(
        orebook(
          [
            "report",
            "control",
            "--commodity",
            "copper",
            "--period",
            PERIOD,
            "--basis",
            "recorded",
            ...store,
            "--as-of",
            AS_OF,
            "--format",
            "json",
          ],
          join(root, `control-n${n}-s${o.seed}.json`),
        ),
        "orebook report control",
      ),
    );
  }
  for (const [name, runs] of Object.entries(cold))
    runs.forEach((r, i) => {
      rows.push({
        step: `${name === "control" ? "report control" : `lookthrough --entity ${subject}`} (cold, ${i === 0 ? "first after the import" : "again"})`,
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        peakMb: r.peakMb,
        note: i === 0 ? "writes the register's cache" : "",
      });
    });

  // The API: a server process on the store, read from here.
  const token = must(
    orebook(["token", "create", "--role", "analyst", "--name", "bench", ...target.args]),
    "orebook token create",
  ).stdout.trim();
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    [CLI, "serve", ...target.args, "--port", String(port)],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let serverErr = "";
  server.stderr?.on("data", (d: Buffer) => {
    serverErr += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  const api = {} as Record<string, number>;
  /** How the server's graph took each new stake (its Server-Timing header). */
  const ways: Record<string, number> = {};
  /** Each new stake: that way, the graph's time, the write's, the read's after it and before. */
  const each: {
    way: string;
    graphMs: number;
    postMs: number;
    readMs: number;
    readBeforeMs: number;
    /** The server's timing of the read after, and of the one before. */
    readTiming: string;
    readBeforeTiming: string;
  }[] = [];
  let check = Number.NaN;
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 600 || server.exitCode !== null)
        throw new OrebookError("INTERNAL", `The server did not start: ${serverErr.trim()}`);
      await new Promise((ok) => setTimeout(ok, 250));
    }
    // A request that fails says why (the connection's error, not only "fetch failed").
    const call = (url: string, init?: RequestInit): Promise<Response> =>
      fetch(url, init).catch((e: unknown) => {
        const err = e as Error & { cause?: unknown };
        throw new OrebookError(
          "INTERNAL",
          `${init?.method ?? "GET"} ${url}: ${err.message}${err.cause ? ` (${String(err.cause)})` : ""}`,
        );
      });
    /** The last read's Server-Timing: the register's time, the report's and its rows. */
    let lastRead = "";
    const lookthrough = async (id: string): Promise<Report> => {
      const r = await call(
        `${base}/api/reports/lookthrough?entity=${encodeURIComponent(id)}&dataset=${DATASET}&asOf=${AS_OF}`,
        { headers },
      );
      if (r.status !== 200)
        throw new OrebookError("INTERNAL", `Look-through of ${id}: ${r.status} ${await r.text()}`);
      lastRead = r.headers.get("server-timing") ?? "";
      return (await r.json()) as Report;
    };
    const ms = async (fn: () => Promise<unknown>): Promise<number> => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    process.stderr.write("API: first read …\n");
    api.firstReadMs = await ms(() => lookthrough(subject));
    // Warm reads: a different entity or asset each time, drawn uniformly (no answer comes
    // from the server's body cache).
    const reads: number[] = [];
    const ids = sampleEntities(data, Number(o.reads));
    for (const id of ids) reads.push(await ms(() => lookthrough(id)));
    api.reads = reads.length;
    api.readP50Ms = percentile(reads, 50);
    api.readP99Ms = percentile(reads, 99);
    // A stake written, then a look-through of its owned node that reflects it.
    process.stderr.write("API: writes …\n");
    const both: number[] = [];
    const writeOnly: number[] = [];
    const touched: string[] = [];
    for (const s of stakes.slice(1, 1 + Number(o.writes))) {
      const id = `${s.owner}:${s.owned}`;
      const url = `${base}/api/records/stakes/${encodeURIComponent(id)}?dataset=${DATASET}`;
      const got = await call(url, { headers });
      if (got.status !== 200) {
        await got.arrayBuffer();
        continue;
      }
      const etag = got.headers.get("etag") as string;
      const rec = ((await got.json()) as { record: { share: number } }).record;
      const before = await lookthrough(s.owned);
      const t0 = process.hrtime.bigint();
      const put = await call(url, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json", "if-match": etag },
        body: JSON.stringify({ ...rec, share: Math.round(rec.share * 0.9 * 1e6) / 1e6 }),
      });
      const t1 = process.hrtime.bigint();
      if (put.status !== 200)
        throw new OrebookError("INTERNAL", `PUT ${id}: ${put.status} ${await put.text()}`);
      await put.arrayBuffer();
      const after = await lookthrough(s.owned);
      const t2 = process.hrtime.bigint();
      if (maxDiff(before, after) === 0 && rec.share > 1e-6)
        throw new OrebookError("INTERNAL", `The read after writing ${id} does not reflect it`);
      writeOnly.push(Number(t1 - t0) / 1e6);
      both.push(Number(t2 - t0) / 1e6);
      touched.push(s.owned, s.owner);
    }
    api.writes = both.length;
    api.writeP50Ms = percentile(writeOnly, 50);
    api.writeThenReadP50Ms = percentile(both, 50);
    api.writeThenReadP99Ms = percentile(both, 99);
    // New stakes: an owner of one sampled stake takes 0.1% of the owned node of another (the
    // graph has no stake between them; refused when the node is held in full already), then
    // the owned node is read, which must show the new owner.
    // Every fourth is the reverse of a sampled stake instead (its owned node takes a stake in
    // its owner): it goes against the solve order and closes a cycle.
    process.stderr.write("API: new stakes …\n");
    const added: number[] = [];
    const graphMs: number[] = [];
    const firstAdded = touched.length;
    const pairs = sampleStakes(data, 8 * Number(o.newStakes), 13);
    for (let i = 0; i + 1 < pairs.length && added.length < Number(o.newStakes); i += 2) {
      const reverse = added.length % 4 === 3;
      const owner = reverse
        ? (pairs[i] as { owned: string }).owned
        : (pairs[i] as { owner: string }).owner;
      const owned = reverse
        ? (pairs[i] as { owner: string }).owner
        : (pairs[i + 1] as { owned: string }).owned;
      if (owner === owned) continue;
      const tBefore = process.hrtime.bigint();
      const before = await lookthrough(owned);
      const readBeforeMs = round(Number(process.hrtime.bigint() - tBefore) / 1e6);
      const readBeforeTiming = lastRead;
      if (before.owners.some((r) => r.id === owner)) continue;
      const t0 = process.hrtime.bigint();
      const post = await call(`${base}/api/records/stakes?dataset=${DATASET}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({
          id: `bench-new-${i}-${owner}:${owned}`,
          owner,
          owned,
          share: 0.001,
          kind: "equity",
          sources: ["csv-import"],
          asOf: "2025-01-01",
        }),
      });
      if (post.status === 422) {
        await post.arrayBuffer();
        continue;
      }
      if (post.status !== 201)
        throw new OrebookError(
          "INTERNAL",
          `POST stake ${owner} → ${owned}: ${post.status} ${await post.text()}`,
        );
      await post.arrayBuffer();
      const tPost = process.hrtime.bigint();
      // How the server's graph took it (`graph;desc="…";dur=…`).
      const timing = /graph;desc="([a-zA-Z]+)";dur=([0-9.]+)/.exec(
        post.headers.get("server-timing") ?? "",
      );
      const after = await lookthrough(owned);
      const t1 = process.hrtime.bigint();
      const way = timing?.[1] ?? "unreported";
      ways[way] = (ways[way] ?? 0) + 1;
      if (timing) graphMs.push(Number(timing[2]));
      if (!after.owners.some((r) => r.id === owner) && maxDiff(before, after) === 0)
        throw new OrebookError(
          "INTERNAL",
          `The read after adding ${owner} → ${owned} does not reflect it`,
        );
      added.push(Number(t1 - t0) / 1e6);
      each.push({
        way,
        graphMs: timing ? Number(timing[2]) : -1,
        postMs: round(Number(tPost - t0) / 1e6),
        readMs: round(Number(t1 - tPost) / 1e6),
        readBeforeMs,
        readTiming: lastRead,
        readBeforeTiming,
      });
      touched.push(owned, owner);
    }
    api.newStakes = added.length;
    api.newStakeThenReadP50Ms = percentile(added, 50);
    api.newStakeThenReadP99Ms = percentile(added, 99);
    api.newStakeGraphP50Ms = percentile(graphMs, 50);
    api.newStakeGraphMaxMs = Math.max(0, ...graphMs);
    // The API's answers after the writes equal a fresh process's full recompute from the store.
    process.stderr.write("API: checking against a fresh process …\n");
    // (The API's answers first: a fresh process blocks this one, and the server closes idle
    // connections meanwhile.)
    const checked = [
      ...new Set([...touched.slice(0, 4), ...touched.slice(firstAdded, firstAdded + 4)]),
    ];
    const answers = await Promise.all(checked.map((id) => lookthrough(id)));
    check = 0;
    checked.forEach((id, i) => {
      const fresh = must(
        orebook(["lookthrough", "--entity", id, ...store, "--as-of", AS_OF, "--format", "json"]),
        "orebook lookthrough",
      );
      check = Math.max(check, maxDiff(answers[i] as Report, JSON.parse(fresh.stdout) as Report));
    });
  } catch (e) {
    if (serverErr.trim()) process.stderr.write(`The server said:\n${serverErr}\n`);
    throw e;
  } finally {
    server.kill("SIGTERM");
  }
  rows.push(
    {
      step: "API first look-through read",
      seconds: api.firstReadMs / 1000,
      peakMb: null,
      note: "the server reads and compiles the register",
    },
    {
      step: `API warm look-through read, p50 / p99 of ${api.reads}`,
      seconds: api.readP99Ms / 1000,
      peakMb: null,
      note: `p50 ${round(api.readP50Ms ?? 0)} ms, p99 ${round(api.readP99Ms ?? 0)} ms`,
    },
    {
      step: `API stake write then read, p50 / p99 of ${api.writes}`,
      seconds: api.writeThenReadP99Ms / 1000,
      peakMb: null,
      note: `p50 ${round(api.writeThenReadP50Ms ?? 0)} ms, p99 ${round(api.writeThenReadP99Ms ?? 0)} ms (the write alone p50 ${round(api.writeP50Ms ?? 0)} ms); equal to a fresh process to ${check.toExponential(1)}`,
    },
    {
      step: `API new stake then read, p50 / p99 of ${api.newStakes}`,
      seconds: (api.newStakeThenReadP99Ms ?? Number.NaN) / 1000,
      peakMb: null,
      note: `p50 ${round(api.newStakeThenReadP50Ms ?? 0)} ms, p99 ${round(api.newStakeThenReadP99Ms ?? 0)} ms; the graph's update p50 ${round(api.newStakeGraphP50Ms ?? 0)} ms, slowest ${round(api.newStakeGraphMaxMs ?? 0)} ms; ways: ${Object.entries(
        api.newStakeWays ?? {},
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    },
  );

  // The SciPy pipeline on the same files.
  let peer: Record<string, unknown> = { status: "peer unavailable" };
  const scipyOk =
    o.peers !== "none" &&
    existsSync(PYTHON) &&
    spawnSync(PYTHON, ["-c", "import scipy, pandas"]).status === 0;
  if (scipyOk) {
    process.stderr.write("SciPy peer …\n");
    const out = join(root, `scipy-store-n${n}-s${o.seed}`);
    const r = timed(PYTHON, [
      join(sharedBench(), "w1_scipy.py"),
      "--data",
      data,
      "--out",
      out,
      "--method",
      "splu-natural",
    ]);
    const line = r.stdout
      .trim()
      .split("\n")
      .reverse()
      .find((l) => l.startsWith("{"));
    const j = line ? (JSON.parse(line) as Record<string, number>) : {};
    if (r.ok) {
      peer = {
        status: "ran",
        processSeconds: round(r.seconds),
        processCpuSeconds: r.cpuSeconds,
        peakMb: r.peakMb,
        parseSeconds: j.parse_s,
        computeSeconds: j.compute_s,
      };
      rows.push({
        step: "SciPy pipeline (pandas read CSV + splu), whole process",
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        peakMb: r.peakMb,
        note: `parse ${round(j.parse_s ?? 0)} s, compute ${round(j.compute_s ?? 0)} s`,
      });
    } else peer = { status: "peer failed", error: r.stderr.trim().split("\n").at(-1) };
  } else {
    rows.push({
      step: "SciPy pipeline",
      seconds: Number.NaN,
      peakMb: null,
      note: "peer unavailable: /usr/bin/python3 with SciPy and pandas is not installed (npm run bench:peers)",
    });
  }
  const mem = memoryProbe(256 << 20, 2_000_000);

  const lt = cold.lookthrough?.[1] as Timed;
  const ct = cold.control?.[1] as Timed;
  const ratios =
    peer.status === "ran"
      ? {
          coldLookthrough: round((peer.processSeconds as number) / lt.seconds, 2),
          coldControl: round((peer.processSeconds as number) / ct.seconds, 2),
          warmRead: round(((peer.computeSeconds as number) * 1000) / (api.readP99Ms ?? 1), 1),
          warmWriteThenRead: round(
            ((peer.computeSeconds as number) * 1000) / (api.writeThenReadP99Ms ?? 1),
            1,
          ),
        }
      : "peer unavailable";
  emit(
    tableFrom(rows, [
      { header: "step", value: (r) => r.step },
      {
        header: "seconds",
        value: (r) => (Number.isNaN(r.seconds) ? "—" : round(r.seconds).toFixed(3)),
        align: "right",
      },
      {
        header: "CPU s",
        value: (r) => (r.cpuSeconds == null ? "" : r.cpuSeconds.toFixed(2)),
        align: "right",
      },
      {
        header: "peak MB",
        value: (r) => (r.peakMb === null ? "" : String(r.peakMb)),
        align: "right",
      },
      { header: "note", value: (r) => r.note },
    ]),
  );
  const summary = {
    store: target.dialect,
    entities: n,
    seed: Number(o.seed),
    loadAverage: round(load, 2),
    loadAverageAfter: round(loadavg()[0] ?? 0, 2),
    randomReadNs: round(mem.gatherNs, 1),
    streamGBs: round(mem.streamGBs, 2),
    import: { seconds: round(imp.seconds), cpuSeconds: imp.cpuSeconds, peakMb: imp.peakMb },
    lookthroughCold: cold.lookthrough?.map((r) => ({
      seconds: round(r.seconds),
      cpuSeconds: r.cpuSeconds,
      peakMb: r.peakMb,
    })),
    controlCold: cold.control?.map((r) => ({
      seconds: round(r.seconds),
      cpuSeconds: r.cpuSeconds,
      peakMb: r.peakMb,
    })),
    api: Object.fromEntries(Object.entries(api).map(([k, v]) => [k, round(v)])),
    apiNewStakeWays: ways,
    apiNewStakes: each,
    apiEqualsFreshProcess: check,
    scipy: peer,
    ratios,
  };
  const targets: [boolean, string][] = [
    [imp.seconds < 15, `import csv ${round(imp.seconds)} s < 15 s`],
    [(imp.peakMb ?? 0) < 1024, `import csv peak ${imp.peakMb} MB < 1 GB`],
    [lt.seconds < 3, `lookthrough cold ${round(lt.seconds)} s < 3 s`],
    [ct.seconds < 3, `report control cold ${round(ct.seconds)} s < 3 s`],
    [(api.readP99Ms ?? 1e9) < 50, `API warm read p99 ${round(api.readP99Ms ?? 0)} ms < 50 ms`],
    [
      (api.writeThenReadP99Ms ?? 1e9) < 100,
      `API write then read p99 ${round(api.writeThenReadP99Ms ?? 0)} ms < 100 ms`,
    ],
    [
      (api.newStakeThenReadP99Ms ?? 1e9) < 100,
      `API new stake then read p99 ${round(api.newStakeThenReadP99Ms ?? 0)} ms < 100 ms`,
    ],
    [check <= 1e-9, `API after writes equals a fresh process: ${check.toExponential(1)} ≤ 1e-9`],
  ];
  if (typeof ratios === "object")
    targets.push(
      [
        ratios.coldLookthrough >= 5,
        `cold: SciPy process / lookthrough process ×${ratios.coldLookthrough} ≥ ×5`,
      ],
      [
        ratios.coldControl >= 5,
        `cold: SciPy process / report control process ×${ratios.coldControl} ≥ ×5`,
      ],
      [ratios.warmRead >= 1000, `warm: SciPy compute / API read p99 ×${ratios.warmRead} ≥ ×1000`],
      [
        ratios.warmWriteThenRead >= 1000,
        `warm: SciPy compute / API write-then-read p99 ×${ratios.warmWriteThenRead} ≥ ×1000`,
      ],
    );
  else targets.push([false, "SciPy ratios: peer unavailable"]);
  emit(
    `\nIssue 23's targets (${target.dialect === "sqlite" ? "SQLite" : "PostgreSQL"}) are set for 1,000,000 entities${n === 1_000_000 ? "" : `; at ${n}, for reference only`} (load average ${round(load, 2)}, random read ${round(mem.gatherNs, 1)} ns):`,
  );
  for (const [ok, text] of targets) emit(`  ${ok ? "met" : "NOT"}  ${text}`);
  emit(JSON.stringify(summary));
  return summary;
}

export function register(program: Command): void {
  withBenchOptions(
    program
      .command("bench-store")
      .description(
        "The register in the store as a user gets it: import csv, cold lookthrough and report control processes, the API's warm reads and writes, against the SciPy pipeline (issue 23)",
      ),
    [
      ENTITIES_OPTION,
      SEED_OPTION,
      ["--reads <n>", "warm API reads, each of another node", "200"],
      ["--writes <n>", "stake corrections, each followed by a read", "100"],
      ["--new-stakes <n>", "new stakes between nodes not linked, each followed by a read", "20"],
      peersOption("scipy"),
      [
        "--database-url <url>",
        "run on PostgreSQL: a database created on this URL's server for the run, dropped at its end (default: a SQLite file in bench-data/)",
      ],
    ],
  ).action(async (o: Options) => {
    const cleanups: (() => Promise<void>)[] = [];
    try {
      await benchStore(o, cleanups);
    } finally {
      for (const c of cleanups) await c();
    }
  });
}
