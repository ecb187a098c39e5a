/**
 * `orebook bench`: the look-through benchmark (docs/performance.md).
 *
 * - `bench lookthrough --data DIR --out DIR` runs the whole computation on one generated
 *   register, writes `root_attributable.csv` and `country_totals.csv`, and prints one JSON line
 *   of phase timings and peak memory.
 * - `bench all` generates the registers (10k, 100k, 1M entities by default) into `bench-data/`,
 *   runs ours and, when Debian's python3 has SciPy, pandas and NetworkX, the two reference
 *   peers, checks the outputs agree (compare.py) and prints a table with ratios.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { ultimateControllers } from "../../engine/control.js";
import { countryTotalsFrom } from "../../engine/country-totals.js";
import { lookThrough, toNodeOrder } from "../../engine/look-through.js";
import { lookThroughIncremental } from "../../engine/look-through-incremental.js";
import { type OwnershipGraph, ownershipGraphFromIndexed } from "../../engine/ownership-graph.js";
import { readOwnershipCsv } from "../../io/read-ownership-csv.js";
import { writeLookThroughCsv } from "../../io/write-ownership-csv.js";
import { OrebookError } from "../../model/errors.js";
import { tableFrom } from "../format.js";

const PYTHON = "/usr/bin/python3";

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
/** CPU seconds (user + system) of this process since `from`. */
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * y = W x for k right-hand sides: one pass over the stakes, the floor a solve can approach.
 * It reads the same solve-order arrays the solve reads (x and y in solve order).
 */
function onePass(g: OwnershipGraph, x: Float64Array, k: number): Float64Array {
  const { n, solveStart, solveIdx, solveShare } = g;
  const y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    const end = solveStart[i + 1] as number;
    for (let e = solveStart[i] as number; e < end; e++) {
      const s = solveShare[e] as number;
      const jb = (solveIdx[e] as number) * k;
      for (let c = 0; c < k; c++) y[base + c] = (y[base + c] as number) + s * (x[jb + c] as number);
    }
  }
  return y;
}

interface LookThroughRecord {
  peer: "orebook";
  entities: number;
  stakes: number;
  roots: number;
  cyclicComponents: number;
  largestComponent: number;
  parseSeconds: number;
  buildSeconds: number;
  solveSeconds: number;
  controlSeconds: number;
  aggregateSeconds: number;
  writeSeconds: number;
  computeSeconds: number;
  /** CPU seconds (user + system) of each phase: meaningful when the machine is loaded. */
  cpu: {
    parse: number;
    build: number;
    solve: number;
    control: number;
    aggregate: number;
    write: number;
    compute: number;
    onePass: number;
    process: number;
  };
  onePassSeconds: number;
  incrementalMs?: { median: number; max: number; changes: number; maxRelDiff: number };
  peakRssMb: number;
}

async function benchLookThrough(
  data: string,
  out: string,
  incremental: number,
  measureOnePass: boolean,
): Promise<LookThroughRecord> {
  const cpu0 = process.cpuUsage();
  let t = process.hrtime.bigint();
  let u = process.cpuUsage();
  const reg = await readOwnershipCsv(data);
  const parseSeconds = seconds(t);
  const parseCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const g = ownershipGraphFromIndexed(reg.ids, reg.indexOf, reg.stakes);
  const k = reg.commodities.length;
  // Production straight into solve order (row q is node g.sccOrder[q]): the solve, the
  // aggregation and the writer all read it there, so nothing is permuted in or out.
  const p = new Float64Array(g.n * k);
  const pr = reg.production;
  const pos = g.solvePos;
  for (let r = 0; r < pr.count; r++) {
    const q = (pos[pr.node[r] as number] as number) * k + (pr.commodity[r] as number);
    p[q] = (p[q] as number) + (pr.tonnes[r] as number);
  }
  const buildSeconds = seconds(t);
  const buildCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const v = lookThrough(g, p, k, { order: "solve" });
  const solveSeconds = seconds(t);
  const solveCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const ctrl = ultimateControllers(g);
  const controlSeconds = seconds(t);
  const controlCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const totals = countryTotalsFrom(g, v, p, k, ctrl, reg.country, reg.countries.length, "solve");
  const aggregateSeconds = seconds(t);
  const aggregateCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  mkdirSync(out, { recursive: true });
  await writeLookThroughCsv(out, {
    ids: reg.ids,
    roots: totals.roots,
    v,
    rowOf: pos,
    k,
    commodities: reg.commodities,
    countries: reg.countries,
    attributable: totals.attributable,
    consolidated: totals.consolidated,
  });
  const writeSeconds = seconds(t);
  const writeCpu = cpuSeconds(u);

  // The floor: one pass over the stakes (best of three, after the solve warmed the caches);
  // only on request, so that it does not count in the process time of the timed run.
  let onePassSeconds = Number.POSITIVE_INFINITY;
  let onePassCpu = Number.POSITIVE_INFINITY;
  for (let r = 0; measureOnePass && r < 3; r++) {
    t = process.hrtime.bigint();
    u = process.cpuUsage();
    onePass(g, v, k);
    onePassSeconds = Math.min(onePassSeconds, seconds(t));
    onePassCpu = Math.min(onePassCpu, cpuSeconds(u));
  }

  let cyclicComponents = 0;
  let largestComponent = 1;
  for (let c = 0; c < g.sccCount; c++) {
    if (g.sccCyclic[c] === 1) {
      cyclicComponents++;
      largestComponent = Math.max(
        largestComponent,
        (g.sccStart[c + 1] as number) - (g.sccStart[c] as number),
      );
    }
  }

  const rec: LookThroughRecord = {
    peer: "orebook",
    entities: g.n,
    stakes: g.m,
    roots: totals.roots.length,
    cyclicComponents,
    largestComponent,
    parseSeconds: round(parseSeconds),
    buildSeconds: round(buildSeconds),
    solveSeconds: round(solveSeconds),
    controlSeconds: round(controlSeconds),
    aggregateSeconds: round(aggregateSeconds),
    writeSeconds: round(writeSeconds),
    computeSeconds: round(buildSeconds + solveSeconds + controlSeconds + aggregateSeconds),
    cpu: {
      parse: round(parseCpu),
      build: round(buildCpu),
      solve: round(solveCpu),
      control: round(controlCpu),
      aggregate: round(aggregateCpu),
      write: round(writeCpu),
      compute: round(buildCpu + solveCpu + controlCpu + aggregateCpu),
      onePass: measureOnePass ? round(onePassCpu, 5) : 0,
      process: 0,
    },
    onePassSeconds: measureOnePass ? round(onePassSeconds, 5) : 0,
    peakRssMb: 0,
  };
  if (incremental > 0) {
    rec.incrementalMs = timeIncremental(g, toNodeOrder(g, p, k), k, incremental);
  }
  rec.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  rec.cpu.process = round(cpuSeconds(cpu0));
  return rec;
}

/**
 * Changes `count` stakes one at a time (share × 0.9, spread over the graph) and times each
 * re-solve; afterwards checks the result against a full solve of the changed graph.
 */
function timeIncremental(g: OwnershipGraph, p: Float64Array, k: number, count: number) {
  const inc = lookThroughIncremental(g, p, k);
  const times: number[] = [];
  const changed = new Map<number, number>();
  for (let r = 0; r < count; r++) {
    // A stake held by a company on a cycle for half the changes (the hard case), else any.
    let e = Math.floor((((r * 2654435761) % 4294967296) / 4294967296) * g.m);
    if (r % 2 === 0) {
      for (let q = 0; q < g.m; q++) {
        const x = (e + q) % g.m;
        const owned = ownedOf(g, x);
        if (g.sccCyclic[g.sccOf[owned] as number] === 1) {
          e = x;
          break;
        }
      }
    }
    const owner = g.ownerIdx[e] as number;
    const owned = ownedOf(g, e);
    const share = inc.shareOf(owner, owned) * 0.9;
    const t = process.hrtime.bigint();
    inc.update([{ owner, owned, share }]);
    times.push(seconds(t) * 1000);
    changed.set(e, share);
  }
  // Check: rebuild with the changed shares and solve from scratch.
  const share = new Float64Array(g.share);
  for (const [e, s] of changed) share[e] = s;
  const owner = g.ownerIdx;
  const owned = new Int32Array(g.m);
  for (let j = 0; j < g.n; j++) {
    for (let e = g.ownedStart[j] as number; e < (g.ownedStart[j + 1] as number); e++) owned[e] = j;
  }
  const full = lookThrough(
    ownershipGraphFromIndexed(g.ids, g.indexOf, { owner, owned, share }),
    p,
    k,
  );
  let maxRelDiff = 0;
  for (let q = 0; q < full.length; q++) {
    const a = full[q] as number;
    const b = inc.v[q] as number;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    if (scale > 1e-9) maxRelDiff = Math.max(maxRelDiff, Math.abs(a - b) / scale);
  }
  times.sort((a, b) => a - b);
  return {
    median: round(times[Math.floor(times.length / 2)] as number, 3),
    max: round(times[times.length - 1] as number, 3),
    changes: count,
    maxRelDiff,
  };
}

/** The owned node of by-owned position e (binary search in ownedStart). */
function ownedOf(g: OwnershipGraph, e: number): number {
  let lo = 0;
  let hi = g.n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((g.ownedStart[mid] as number) <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// bench all

function repoRoot(): string {
  // src/cli/commands or dist/cli/commands, three levels below the repository root.
  return fileURLToPath(new URL("../../../", import.meta.url));
}

function sharedBench(): string {
  const shared = process.env.OREBOOK_SHARED ?? resolve(repoRoot(), "../shared");
  const dir = join(shared, "bench");
  if (!existsSync(join(dir, "gen-ownership.mjs"))) {
    throw new OrebookError(
      "NOT_FOUND",
      `No benchmark generator at ${join(dir, "gen-ownership.mjs")}: set OREBOOK_SHARED to the shared folder`,
    );
  }
  return dir;
}

interface Run {
  ok: boolean;
  wallSeconds: number;
  peakRssMb: number;
  json: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs a command, measuring wall time and (through python's rusage) the child's peak RSS. */
function run(cmd: string, args: string[], measureWithPython: boolean): Run {
  const t = process.hrtime.bigint();
  const r = measureWithPython
    ? spawnSync(
        PYTHON,
        [
          "-c",
          "import resource,subprocess,sys\nr=subprocess.run(sys.argv[1:])\nsys.stderr.write('\\nPEAK_RSS_KB=%d\\n'%resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)",
          cmd,
          ...args,
        ],
        { encoding: "utf8", maxBuffer: 1 << 26 },
      )
    : spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const wallSeconds = seconds(t);
  const lines = (r.stdout ?? "").trim().split("\n");
  let json: Record<string, unknown> | undefined;
  for (const l of lines.reverse()) {
    if (l.startsWith("{")) {
      try {
        json = JSON.parse(l) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      break;
    }
  }
  const m = /PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? "");
  const peakRssMb = m ? Math.round(Number(m[1]) / 1024) : Number(json?.peakRssMb ?? 0);
  return { ok: r.status === 0, wallSeconds, peakRssMb, json, stderr: r.stderr ?? "" };
}

function havePeers(): boolean {
  if (!existsSync(PYTHON)) return false;
  const r = spawnSync(PYTHON, ["-c", "import scipy, pandas, networkx"], { encoding: "utf8" });
  return r.status === 0;
}

interface AllOptions {
  sizes: string;
  seed: string;
  peers: string;
  incremental: string;
}

async function benchAll(o: AllOptions): Promise<void> {
  const bench = sharedBench();
  const root = repoRoot();
  const sizes = o.sizes.split(",").map((s) => Number(s.trim()));
  for (const s of sizes) {
    if (!(Number.isInteger(s) && s > 0)) {
      throw new OrebookError(
        "BAD_INPUT",
        `Bad size "${o.sizes}": expected comma-separated entity counts`,
      );
    }
  }
  let peers = o.peers === "none" ? [] : o.peers.split(",").map((s) => s.trim());
  for (const p of peers) {
    if (p !== "scipy" && p !== "networkx") {
      throw new OrebookError("BAD_INPUT", `Unknown peer "${p}": expected scipy, networkx or none`);
    }
  }
  if (peers.length > 0 && !havePeers()) {
    process.stdout.write(
      `Peers skipped: ${PYTHON} with SciPy, pandas and NetworkX is not installed (Debian: apt-get install -y python3-scipy python3-pandas python3-networkx)\n`,
    );
    peers = [];
  }
  const main = process.argv[1] as string;
  interface Row {
    entities: number;
    impl: string;
    parse: number;
    compute: number;
    solve: number;
    whole: number;
    rss: number;
    vsOurs: string;
    agrees: string;
  }
  const rows: Row[] = [];
  const records: unknown[] = [];
  for (const n of sizes) {
    const data = join(root, "bench-data", `w1-n${n}-s${o.seed}`);
    if (!existsSync(join(data, "meta.json"))) {
      process.stdout.write(`Generating ${n} entities into ${data}\n`);
      const g = spawnSync(
        process.execPath,
        [
          join(bench, "gen-ownership.mjs"),
          "--entities",
          String(n),
          "--seed",
          o.seed,
          "--out",
          data,
        ],
        { stdio: "inherit" },
      );
      if (g.status !== 0)
        throw new OrebookError("INTERNAL", `The generator failed for ${n} entities`);
    }
    const outDir = join(root, "bench-data", `out-n${n}-s${o.seed}`);
    process.stdout.write(`n=${n}: orebook …\n`);
    const ours = run(
      process.execPath,
      [main, "bench", "lookthrough", "--data", data, "--out", join(outDir, "orebook")],
      false,
    );
    if (!ours.ok || !ours.json)
      throw new OrebookError("INTERNAL", `orebook bench lookthrough failed:\n${ours.stderr}`);
    // The incremental re-solves (and their check against a full solve) in a second run, so
    // that they do not count in the first run's process time and memory.
    if (Number(o.incremental) > 0) {
      const inc = run(
        process.execPath,
        [
          main,
          "bench",
          "lookthrough",
          "--data",
          data,
          "--out",
          join(outDir, "orebook-inc"),
          "--incremental",
          o.incremental,
          "--one-pass",
        ],
        false,
      );
      if (inc.ok && inc.json) {
        ours.json.incrementalMs = inc.json.incrementalMs;
        ours.json.onePassSeconds = inc.json.onePassSeconds;
        const cpu = ours.json.cpu as Record<string, number> | undefined;
        const incCpu = inc.json.cpu as Record<string, number> | undefined;
        if (cpu && incCpu) cpu.onePass = incCpu.onePass as number;
      }
    }
    const oj = ours.json;
    records.push({ ...oj, wallSeconds: round(ours.wallSeconds, 3) });
    const ourCompute = Number(oj.computeSeconds);
    const ourWhole = ours.wallSeconds;
    rows.push({
      entities: n,
      impl: "orebook",
      parse: Number(oj.parseSeconds),
      compute: ourCompute,
      solve: Number(oj.solveSeconds),
      whole: round(ourWhole, 2),
      rss: ours.peakRssMb,
      vsOurs: "1",
      agrees: "",
    });
    for (const peer of peers) {
      process.stdout.write(`n=${n}: ${peer} …\n`);
      const script = peer === "scipy" ? "w1_scipy.py" : "w1_networkx.py";
      const method = peer === "scipy" ? "splu-natural" : "topo";
      const pout = join(outDir, peer);
      const r = run(join(bench, script), ["--data", data, "--out", pout, "--method", method], true);
      if (!r.ok || !r.json) {
        process.stdout.write(`${peer} failed:\n${r.stderr}\n`);
        continue;
      }
      const cmp = spawnSync(PYTHON, [join(bench, "compare.py"), join(outDir, "orebook"), pout], {
        encoding: "utf8",
      });
      const compute = Number(r.json.compute_s);
      records.push({
        ...r.json,
        wallSeconds: round(r.wallSeconds, 3),
        peakRssMb: r.peakRssMb,
        compare: cmp.stdout.trim(),
      });
      rows.push({
        entities: n,
        impl: `${peer} ${method}`,
        parse: Number(r.json.parse_s),
        compute,
        solve: Number(r.json.solve_s),
        whole: round(r.wallSeconds, 2),
        rss: r.peakRssMb,
        vsOurs: `compute ×${round(compute / ourCompute, 1)}, whole ×${round(r.wallSeconds / ourWhole, 1)}`,
        agrees: cmp.status === 0 ? "yes" : "NO",
      });
    }
  }
  for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
  process.stdout.write(
    `\n${tableFrom(rows, [
      { header: "entities", value: (r) => r.entities, align: "right" },
      { header: "implementation", value: (r) => r.impl },
      { header: "parse s", value: (r) => r.parse, align: "right" },
      { header: "compute s", value: (r) => r.compute, align: "right" },
      { header: "solve s", value: (r) => r.solve, align: "right" },
      { header: "process s", value: (r) => r.whole, align: "right" },
      { header: "peak MB", value: (r) => r.rss, align: "right" },
      { header: "vs orebook", value: (r) => r.vsOurs },
      { header: "agrees", value: (r) => r.agrees },
    ])}\n`,
  );
  if (rows.some((r) => r.agrees === "NO")) {
    throw new OrebookError(
      "INVALID_DATA",
      "Outputs differ from a peer beyond 1e-6 (see the compare lines above)",
    );
  }
}

export function register(program: Command): void {
  const bench = program
    .command("bench")
    .description("Benchmarks: look-through ownership at scale (docs/performance.md)");
  bench
    .command("lookthrough")
    .description(
      "Run the look-through computation on one generated register and print timings as JSON",
    )
    .requiredOption("--data <dir>", "folder with entities.csv, stakes.csv, production.csv")
    .requiredOption("--out <dir>", "folder for root_attributable.csv and country_totals.csv")
    .option("--incremental <count>", "also time this many one-stake incremental re-solves", "0")
    .option("--one-pass", "also time one pass over the stakes (y = W x), the solve's floor")
    .action(async (o: { data: string; out: string; incremental: string; onePass?: boolean }) => {
      const rec = await benchLookThrough(o.data, o.out, Number(o.incremental), o.onePass === true);
      process.stdout.write(`${JSON.stringify(rec)}\n`);
    });
  bench
    .command("all")
    .description(
      "Generate registers, run orebook and the SciPy / NetworkX peers, compare, tabulate",
    )
    .option("--sizes <list>", "entity counts, comma-separated", "10000,100000,1000000")
    .option("--seed <n>", "generator seed", "1")
    .option("--peers <list>", "scipy,networkx or none", "scipy,networkx")
    .option("--incremental <count>", "one-stake incremental re-solves to time", "20")
    .action(async (o: AllOptions) => {
      await benchAll(o);
    });
}
