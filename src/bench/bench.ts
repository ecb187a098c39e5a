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
import type { Command } from "commander";
import { REPO_ROOT } from "../cli/context.js";
import { tableFrom } from "../cli/format.js";
import {
  attributableByCountry,
  consolidatedFromRows,
  lookThrough,
  type OwnershipGraph,
  ownershipGraphFromIndexed,
  type Parallel,
  SERIAL,
  stakePass,
  toNodeOrder,
  ultimateControllers,
} from "../engine/ownership/index.js";
import { OrebookError } from "../model/errors.js";
import { canUseHelper, sharedArrays, startHelper } from "../runtime/engine-helper.js";
import { peersOption, SEED_OPTION, withBenchOptions } from "./bench-options.js";
import { lookThroughIncremental } from "./look-through-incremental.js";
import { readOwnershipCsv } from "./read-ownership-csv.js";
import { writeLookThroughCsv } from "./write-ownership-csv.js";

export const PYTHON = "/usr/bin/python3";

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
/** CPU seconds (user + system) of this process since `from`. */
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * This machine's memory, as the README of the shared benchmark states it: seconds to read
 * `count` random 64-byte lines of a buffer of `bytes` (independent loads, as in a solve), and
 * streaming bandwidth over the same buffer. The first gives the floor of one pass over the
 * stakes with random access.
 */
export function memoryProbe(bytes: number, count: number): { gatherNs: number; streamGBs: number } {
  const x = new Float64Array(Math.max(8, Math.floor(bytes / 8)));
  for (let i = 0; i < x.length; i += 512) x[i] = 1; // touch every page first
  const lines = Math.floor(x.length / 8);
  const at = new Int32Array(count);
  let r = 12345;
  for (let i = 0; i < count; i++) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    at[i] = (r % lines) * 8;
  }
  let gather = Number.POSITIVE_INFINITY;
  let stream = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let rep = 0; rep < 3; rep++) {
    let t = process.hrtime.bigint();
    let acc = 0;
    for (let i = 0; i < count; i++) acc += x[at[i] as number] as number;
    gather = Math.min(gather, seconds(t));
    t = process.hrtime.bigint();
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i] as number;
    stream = Math.min(stream, seconds(t));
    sink += acc + sum;
  }
  if (sink < 0) throw new OrebookError("INTERNAL", "memory probe");
  return { gatherNs: (gather / count) * 1e9, streamGBs: x.length / 1.25e8 / stream };
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
  /**
   * Random 64-byte reads (ns each, independent loads) and streaming bandwidth (GB/s) over a
   * buffer the size of v; `floorSeconds` = stakes × gather: one pass at this memory's speed.
   */
  memory?: { gatherNs: number; streamGBs: number; floorSeconds: number };
  incrementalMs?: IncrementalTimes;
  /** Threads the engine ran on (2: the calling thread and a helper). */
  threads: number;
  peakRssMb: number;
}

interface RootTotals {
  attributable: Float64Array;
  roots: Int32Array;
}

/** Two parts' country sums added (a's first), and their roots merged back into node order. */
function joinRootTotals(a: RootTotals, b: RootTotals): RootTotals {
  const attributable = a.attributable.slice();
  for (let i = 0; i < attributable.length; i++)
    attributable[i] = (attributable[i] as number) + (b.attributable[i] as number);
  const roots = new Int32Array(a.roots.length + b.roots.length);
  let i = 0;
  let j = 0;
  let r = 0;
  while (i < a.roots.length && j < b.roots.length) {
    const x = a.roots[i] as number;
    const y = b.roots[j] as number;
    if (x < y) {
      roots[r++] = x;
      i++;
    } else {
      roots[r++] = y;
      j++;
    }
  }
  while (i < a.roots.length) roots[r++] = a.roots[i++] as number;
  while (j < b.roots.length) roots[r++] = b.roots[j++] as number;
  return { attributable, roots };
}

async function benchLookThrough(
  data: string,
  out: string,
  incremental: number,
  measureOnePass: boolean,
  threads: number,
): Promise<LookThroughRecord> {
  const cpu0 = process.cpuUsage();
  let t = process.hrtime.bigint();
  let u = process.cpuUsage();
  // The helper thread starts while the files are read (both count in the parse phase).
  const starting = threads > 1 ? startHelper() : undefined;
  const [reg, helper] = await Promise.all([
    readOwnershipCsv(data, starting ? sharedArrays : undefined),
    starting,
  ]);
  // Below the engine's threshold the helper would only cost (shared allocations, no split).
  const stakeCount = reg.stakes.count ?? reg.stakes.owner.length;
  const par: Parallel = helper !== undefined && stakeCount >= helper.minStakes ? helper : SERIAL;
  const parseSeconds = seconds(t);
  const parseCpu = cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const k = reg.commodities.length;
  // Production straight into solve order (row q is node g.sccOrder[q]), laid out by the build
  // (the peeled nodes' rows on the helper beside Tarjan): the solve, the aggregation and the
  // writer all read it there, so nothing is permuted in or out.
  const pr = reg.production;
  const p = par.f64(reg.ids.length * k);
  const g = ownershipGraphFromIndexed(reg.ids, reg.indexOf, reg.stakes, {
    parallel: par,
    production: {
      count: pr.count,
      node: pr.node,
      commodity: pr.commodity,
      tonnes: pr.tonnes,
      k,
      p,
    },
  });
  const buildSeconds = seconds(t);
  const buildCpu = cpuSeconds(u);

  // Control and the consolidated totals (from the production rows) do not need the solve: this
  // thread computes them while the helper solves the components above the cycles (with one
  // thread, right after the solve). Each phase is timed on this thread, so the phases still add
  // up to the compute's wall time; the solve's seconds are the lookThrough call's less the time
  // spent meanwhile. The solve writes v over p unless the incremental run needs p afterwards.
  const p0 = incremental > 0 ? toNodeOrder(g, p, k) : undefined;
  const nc = reg.countries.length;
  let ctrl: Int32Array | undefined;
  let consolidated: Float64Array | undefined;
  // Country sums over the roots in two parts: those among the peeled nodes (all roots below
  // g.unheldFrom), summed while the helper finishes the solve, and the others.
  const settled = { from: 0, to: g.unheldFrom };
  let early: RootTotals | undefined;
  let controlSeconds = 0;
  let controlCpu = 0;
  let aggregateSeconds = 0;
  let aggregateCpu = 0;
  t = process.hrtime.bigint();
  u = process.cpuUsage();
  const v = lookThrough(g, p, k, {
    order: "solve",
    inPlace: p0 === undefined,
    parallel: par,
    meanwhile: () => {
      let t1 = process.hrtime.bigint();
      let u1 = process.cpuUsage();
      ctrl = ultimateControllers(g);
      controlSeconds = seconds(t1);
      controlCpu = cpuSeconds(u1);
      t1 = process.hrtime.bigint();
      u1 = process.cpuUsage();
      consolidated = consolidatedFromRows(reg.production, k, ctrl, reg.country, nc);
      // The peeled roots' rows are final already (the helper solves the rest of the tail).
      if (p0 === undefined)
        early = attributableByCountry(g, p, k, reg.country, nc, "solve", SERIAL, settled);
      aggregateSeconds = seconds(t1);
      aggregateCpu = cpuSeconds(u1);
    },
  });
  const solveSeconds = seconds(t) - controlSeconds - aggregateSeconds;
  const solveCpu = cpuSeconds(u) - controlCpu - aggregateCpu;
  if (ctrl === undefined || consolidated === undefined) {
    throw new OrebookError("INTERNAL", "Control was not computed during the solve");
  }

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  early ??= attributableByCountry(g, v, k, reg.country, nc, "solve", SERIAL, settled);
  const late = attributableByCountry(g, v, k, reg.country, nc, "solve", par, {
    from: g.unheldFrom,
    to: g.n,
  });
  const totals = { ...joinRootTotals(early, late), consolidated };
  aggregateSeconds += seconds(t);
  aggregateCpu += cpuSeconds(u);

  t = process.hrtime.bigint();
  u = process.cpuUsage();
  mkdirSync(out, { recursive: true });
  await writeLookThroughCsv(out, {
    ids: reg.ids,
    roots: totals.roots,
    v,
    rowOf: g.solvePos,
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
    stakePass(g, v, k);
    onePassSeconds = Math.min(onePassSeconds, seconds(t));
    onePassCpu = Math.min(onePassCpu, cpuSeconds(u));
  }
  const memory = measureOnePass ? memoryProbe(v.length * 8, g.m) : undefined;

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
    ...(memory
      ? {
          memory: {
            gatherNs: round(memory.gatherNs, 2),
            streamGBs: round(memory.streamGBs, 2),
            floorSeconds: round((memory.gatherNs * g.m) / 1e9, 5),
          },
        }
      : {}),
    threads: par.threads,
    peakRssMb: 0,
  };
  await helper?.close();
  if (incremental > 0) {
    rec.incrementalMs = timeIncremental(g, p0 ?? toNodeOrder(g, p, k), k, incremental);
  }
  rec.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  rec.cpu.process = round(cpuSeconds(cpu0));
  return rec;
}

interface IncrementalTimes {
  /** Changes per round. */
  changes: number;
  /** The second round (warm code, as in a scenario sweep): milliseconds per re-solve. */
  median: number;
  max: number;
  /** The first round, while the engine still compiles the incremental code paths. */
  cold: { median: number; max: number };
  /** Nodes recomputed per change (median and max over both rounds). */
  recomputed: { median: number; max: number };
  /** Worst relative difference from a full solve of the changed graph. */
  maxRelDiff: number;
}

const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/**
 * Changes `count` stakes one at a time (share × 0.9, spread over the graph; half of them held
 * in a cross-holding component, the hard case) and times each re-solve, then changes the same
 * stakes once more: the first round runs while the engine still compiles the code, the second
 * is what a scenario sweep sees. Afterwards checks the result against a full solve of the
 * changed graph.
 */
function timeIncremental(
  g: OwnershipGraph,
  p: Float64Array,
  k: number,
  count: number,
): IncrementalTimes {
  const inc = lookThroughIncremental(g, p, k);
  const picked: number[] = [];
  for (let r = 0; r < count; r++) {
    let e = Math.floor((((r * 2654435761) % 4294967296) / 4294967296) * g.m);
    if (r % 2 === 0) {
      for (let q = 0; q < g.m; q++) {
        const x = (e + q) % g.m;
        if (g.sccCyclic[g.sccOf[ownedOf(g, x)] as number] === 1) {
          e = x;
          break;
        }
      }
    }
    picked.push(e);
  }
  const rounds: number[][] = [[], []];
  const recomputed: number[] = [];
  const changed = new Map<number, number>();
  for (const times of rounds) {
    for (const e of picked) {
      const owner = g.ownerIdx[e] as number;
      const owned = ownedOf(g, e);
      const share = inc.shareOf(owner, owned) * 0.9;
      const t = process.hrtime.bigint();
      const u = inc.update([{ owner, owned, share }]);
      times.push(seconds(t) * 1000);
      recomputed.push(u.recomputed.length);
      changed.set(e, share);
    }
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
  const [cold, warm] = rounds as [number[], number[]];
  return {
    changes: count,
    median: round(medianOf(warm), 3),
    max: round(Math.max(...warm), 3),
    cold: { median: round(medianOf(cold), 3), max: round(Math.max(...cold), 3) },
    recomputed: { median: medianOf(recomputed), max: Math.max(...recomputed) },
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
  return REPO_ROOT;
}

export function sharedBench(): string {
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

export function havePeers(): boolean {
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
      `Peers skipped: ${PYTHON} with SciPy, pandas and NetworkX is not installed (npm run bench:peers installs them from Debian: python3-scipy, python3-pandas, python3-networkx)\n`,
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
  const records: Record<string, unknown>[] = [];
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
    /** `orebook bench lookthrough` on this register in a child process, out to outDir/name. */
    const lookthrough = (name: string, ...extra: string[]): Run =>
      run(
        process.execPath,
        [main, "bench", "lookthrough", "--data", data, "--out", join(outDir, name), ...extra],
        false,
      );
    const ours = lookthrough("orebook");
    if (!ours.ok || !ours.json)
      throw new OrebookError("INTERNAL", `orebook bench lookthrough failed:\n${ours.stderr}`);
    // The incremental re-solves (and their check against a full solve) in a second run, so
    // that they do not count in the first run's process time and memory.
    if (Number(o.incremental) > 0) {
      const inc = lookthrough("orebook-inc", "--incremental", o.incremental, "--one-pass");
      if (inc.ok && inc.json) {
        ours.json.incrementalMs = inc.json.incrementalMs;
        ours.json.onePassSeconds = inc.json.onePassSeconds;
        if (inc.json.memory) ours.json.memory = inc.json.memory;
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
    // The same without the helper thread, for reference (what the second core buys).
    if (Number(oj.threads) === 2) {
      process.stdout.write(`n=${n}: orebook, one thread …\n`);
      const one = lookthrough("orebook-1", "--threads", "1");
      if (one.ok && one.json) {
        const same = spawnSync(
          PYTHON,
          [join(bench, "compare.py"), join(outDir, "orebook"), join(outDir, "orebook-1")],
          { encoding: "utf8" },
        );
        const compute = Number(one.json.computeSeconds);
        records.push({ ...one.json, wallSeconds: round(one.wallSeconds, 3) });
        rows.push({
          entities: n,
          impl: "orebook, one thread",
          parse: Number(one.json.parseSeconds),
          compute,
          solve: Number(one.json.solveSeconds),
          whole: round(one.wallSeconds, 2),
          rss: one.peakRssMb,
          vsOurs: `compute ×${round(compute / ourCompute, 2)}`,
          agrees: same.status === 0 ? "yes" : "NO",
        });
      }
    }
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
  process.stdout.write(targetsAt(rows, records));
  if (rows.some((r) => r.agrees === "NO")) {
    throw new OrebookError(
      "INVALID_DATA",
      "Outputs differ from a peer beyond 1e-6 (see the compare lines above)",
    );
  }
}

/**
 * Issue 10's targets, checked at the largest size that ran: our compute (build + solve +
 * control + aggregate) under 1 s, ×15 below SciPy's compute and ×100 below NetworkX's whole
 * process; the solve within 5× of one pass over the stakes; parsing under 3 s; the process under
 * 1.5 GB; a one-stake incremental re-solve (warm) under 10 ms and equal to a full solve to 1e-9.
 */
function targetsAt(
  rows: readonly {
    entities: number;
    impl: string;
    compute: number;
    whole: number;
    agrees: string;
  }[],
  records: readonly Record<string, unknown>[],
): string {
  const n = Math.max(...rows.map((r) => r.entities));
  const ours = records.find((r) => r.peer === "orebook" && r.entities === n);
  if (!ours) return "";
  const compute = Number(ours.computeSeconds);
  const lines: string[] = [];
  const check = (ok: boolean, what: string) => lines.push(`${ok ? "met " : "NOT "} ${what}`);
  const threads = Number(ours.threads ?? 1);
  check(
    compute < 1,
    `compute ${compute} s < 1.0 s (${threads === 2 ? "two threads: the main one and a helper" : "one thread"})`,
  );
  const scipy = rows.find((r) => r.entities === n && r.impl.startsWith("scipy"));
  if (scipy) {
    const x = scipy.compute / compute;
    check(x >= 15, `SciPy compute ${scipy.compute} s / ours = ×${x.toFixed(1)} ≥ ×15`);
  }
  const nx = rows.find((r) => r.entities === n && r.impl.startsWith("networkx"));
  const ourRow = rows.find((r) => r.entities === n && r.impl === "orebook");
  if (nx) {
    // The issue's sentence makes our compute the subject ("build + solve + control + aggregate
    // under 1.0 s, … 100× faster than NetworkX's whole process"); process against process is
    // printed beside it.
    const x = nx.whole / compute;
    const whole = ourRow
      ? ` (process against process: ×${(nx.whole / ourRow.whole).toFixed(1)})`
      : "";
    check(
      x >= 100,
      `NetworkX whole process ${nx.whole} s / our compute = ×${x.toFixed(1)} ≥ ×100${whole}`,
    );
  }
  const onePass = Number(ours.onePassSeconds);
  const solve = Number(ours.solveSeconds);
  const memory = ours.memory as
    | { gatherNs: number; streamGBs: number; floorSeconds: number }
    | undefined;
  if (memory) {
    // The README's floor: one random 64-byte read per stake at this machine's measured speed.
    check(
      solve <= 5 * memory.floorSeconds,
      `solve ${solve} s ≤ 5 × one pass over the stakes at measured memory speed (${memory.gatherNs.toFixed(1)} ns per random 64-byte read × ${(Number(ours.stakes) / 1e6).toFixed(2)} M stakes = ${memory.floorSeconds} s; ${memory.streamGBs} GB/s streaming): ×${(solve / memory.floorSeconds).toFixed(1)}`,
    );
  }
  if (onePass > 0)
    lines.push(
      `     the same pass in this code (y = W x, the solve's layout and loop): ${onePass} s; solve ×${(solve / onePass).toFixed(1)}`,
    );
  check(Number(ours.parseSeconds) < 3, `parse ${ours.parseSeconds} s < 3 s`);
  check(Number(ours.peakRssMb) < 1536, `peak ${ours.peakRssMb} MB < 1.5 GB`);
  const inc = ours.incrementalMs as IncrementalTimes | undefined;
  if (inc) {
    check(
      inc.max < 10 && inc.maxRelDiff <= 1e-9,
      `incremental one-stake re-solve: warm median ${inc.median} ms, max ${inc.max} ms < 10 ms (first round, compiling: median ${inc.cold.median}, max ${inc.cold.max} ms); equals a full solve to ${inc.maxRelDiff.toExponential(1)} ≤ 1e-9`,
    );
  }
  const peersRan = rows.filter((r) => r.entities === n && r.impl !== "orebook");
  if (peersRan.length > 0)
    check(
      peersRan.every((r) => r.agrees === "yes"),
      `outputs agree with ${peersRan.map((r) => r.impl).join(" and ")} (compare.py, 1e-6)`,
    );
  const head =
    n === 1_000_000
      ? "Targets at 1,000,000 entities (issue 10):"
      : `Issue 10's targets are set for 1,000,000 entities; at ${n.toLocaleString("en-US")}, for reference only (start-up and compilation weigh more at small sizes):`;
  return `\n${head}\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

/** `--threads`: 1 or 2; by default 2 when the machine has more than one core. */
function threadsOption(value: string | undefined): number {
  if (value === undefined) return canUseHelper() ? 2 : 1;
  if (value !== "1" && value !== "2") {
    throw new OrebookError("BAD_INPUT", `--threads must be 1 or 2, got "${value}"`);
  }
  return Number(value);
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
    .option(
      "--threads <n>",
      "1, or 2 for a helper thread beside the main one (default: 2 on a machine with more than one core)",
    )
    .action(
      async (o: {
        data: string;
        out: string;
        incremental: string;
        onePass?: boolean;
        threads?: string;
      }) => {
        const rec = await benchLookThrough(
          o.data,
          o.out,
          Number(o.incremental),
          o.onePass === true,
          threadsOption(o.threads),
        );
        process.stdout.write(`${JSON.stringify(rec)}\n`);
      },
    );
  withBenchOptions(
    bench
      .command("all")
      .description(
        "Generate registers, run orebook and the SciPy / NetworkX peers, compare, tabulate",
      ),
    [
      ["--sizes <list>", "entity counts, comma-separated", "10000,100000,1000000"],
      SEED_OPTION,
      peersOption("scipy,networkx"),
      ["--incremental <count>", "one-stake incremental re-solves to time", "20"],
    ],
  ).action(async (o: AllOptions) => {
    await benchAll(o);
  });
}
