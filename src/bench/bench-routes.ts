/**
 * `orebook bench-routes`: the routing benchmark (docs/methodology-routes.md). Generates route
 * networks of 500 mines, 20 ports and 30 destinations times each scale (1×, 5×, 10× by
 * default), routes them through our solver interface in one process (the WebAssembly compiled
 * once, before timing) and reports seconds for model building (the network, the generalised cost
 * of every leg and the LP), the solve as we call it, HiGHS's
 * own reported run time, result extraction, and the ratio of the whole to HiGHS's time.
 */
import type { Command } from "commander";
import { tableFrom } from "../cli/format.js";
import { emit } from "../cli/options.js";
import {
  loadLpSolver,
  routeCostsFor,
  routeModelFrom,
  routeNetworkFrom,
  routeResultFrom,
  type Shipment,
} from "../engine/routes/index.js";
import type { AssetId, RecordId, SourceId } from "../model/ids.js";
import type { RouteLeg, RouteNode } from "../model/route.js";
import type { World } from "../model/world.js";

/** A small deterministic PRNG (mulberry32). */
function _rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedRoutes {
  world: Pick<World, "routeNodes" | "routeLegs">;
  shipments: Shipment[];
}

/**
 * A synthetic network at `scale`: 500·s mines, 25·s hubs, 10·s border posts, 20·s ports and
 * 30·s destinations. Each mine reaches 2 hubs by road; each hub 3 borders and 1 port by rail;
 * each border 4 ports; every port every destination by sea. Each mine ships to 2 destinations.
 * Border and rail legs have capacities that bind on part of the network; costs are in USD/t.
 */
export function generatedRoutes(scale: number, seed = 1): GeneratedRoutes {
  const r = _rng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  const prov = { sources: ["generated" as SourceId], asOf: "2025" };
  const counts = {
    mine: 500 * scale,
    hub: 25 * scale,
    border: 10 * scale,
    port: 20 * scale,
    market: 30 * scale,
  };
  const routeNodes = new Map<string, RouteNode>();
  for (const [kind, n] of Object.entries(counts) as [RouteNode["kind"], number][])
    for (let i = 0; i < n; i++) {
      const id = `${kind}-${i}`;
      routeNodes.set(id, {
        id: id as RecordId,
        name: id,
        kind,
        country: "CD" as RouteNode["country"],
        location: null,
        status: "operating",
        ...(kind === "mine" ? { asset: `asset-${i}` as AssetId } : {}),
        ...prov,
      });
    }
  const routeLegs: RouteLeg[] = [];
  const leg = (
    from: string,
    to: string,
    mode: RouteLeg["mode"],
    cost: number,
    cap: number | null,
  ) =>
    routeLegs.push({
      id: `${from}>${to}` as RecordId,
      from: from as RecordId,
      to: to as RecordId,
      mode,
      distanceKm: null,
      capacityTonnesPerYear: cap,
      costUsdPerTonne: Math.round(cost * 100) / 100,
      transitDays: null,
      status: "operating",
      ...prov,
    });
  const shipments: Shipment[] = [];
  let total = 0;
  for (let i = 0; i < counts.mine; i++) {
    const h = Math.floor((i / counts.mine) * counts.hub);
    leg(`mine-${i}`, `hub-${h}`, "road", 5 + 20 * r(), null);
    leg(`mine-${i}`, `hub-${(h + 1 + pick(3)) % counts.hub}`, "road", 10 + 30 * r(), null);
    const d1 = pick(counts.market);
    const d2 = (d1 + 1 + pick(counts.market - 1)) % counts.market;
    for (const d of [d1, d2]) {
      const tonnes = Math.round(1_000 + 99_000 * r());
      total += tonnes;
      shipments.push({ asset: `asset-${i}`, destination: `market-${d}`, tonnes });
    }
  }
  // Capacities sized so that the border posts carry about 80 % of the tonnes at most.
  const borderCap = (0.8 * total) / (counts.border * 4);
  const railCap = (0.3 * total) / counts.hub;
  for (let h = 0; h < counts.hub; h++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(3, counts.border)) seen.add(pick(counts.border));
    for (const b of seen) leg(`hub-${h}`, `border-${b}`, "road", 20 + 60 * r(), null);
    leg(
      `hub-${h}`,
      `port-${pick(counts.port)}`,
      "rail",
      60 + 60 * r(),
      Math.round(railCap * (0.5 + r())),
    );
  }
  for (let b = 0; b < counts.border; b++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(4, counts.port)) seen.add(pick(counts.port));
    for (const p of seen)
      leg(`border-${b}`, `port-${p}`, "road", 30 + 90 * r(), Math.round(borderCap * (0.5 + r())));
  }
  for (let p = 0; p < counts.port; p++)
    for (let d = 0; d < counts.market; d++)
      leg(`port-${p}`, `market-${d}`, "sea", 20 + 60 * r(), null);
  return { world: { routeNodes, routeLegs }, shipments };
}

export interface RoutesBenchRecord {
  scale: number;
  mines: number;
  ports: number;
  destinations: number;
  legs: number;
  columns: number;
  rows: number;
  nonzeros: number;
  buildSeconds: number;
  /** The solve as the engine calls it: copying into the Wasm heap, HiGHS, copying out, freeing. */
  solveSeconds: number;
  highsSeconds: number;
  extractSeconds: number;
  /** (build + solve + extract) / HiGHS's own run time. */
  ratio: number;
  /** What is ours beyond HiGHS's run time, as a share of it. */
  overhead: number;
  unshippedTonnes: number;
  iterations: number;
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Runs the routing benchmark at one scale in this process. */
export async function benchRoutesAt(
  scale: number,
  timeLimitSeconds = 600,
): Promise<RoutesBenchRecord> {
  const solver = await loadLpSolver();
  const g = generatedRoutes(scale);
  let t = process.hrtime.bigint();
  const net = routeNetworkFrom(g.world);
  // The generalised cost as the routes report builds it (every generated leg has a cost, so the
  // objective is the same; this times the cost layer too).
  const costs = routeCostsFor({ assets: new Map(), transportRates: [] }, net, "copper", 2025);
  const model = routeModelFrom(net, g.shipments, { legCost: costs.generalised });
  const buildSeconds = seconds(t);
  t = process.hrtime.bigint();
  const r = solver.solve(model.lp, { timeLimitSeconds });
  const solveSeconds = seconds(t);
  if (r.status !== "optimal") throw new Error(`Routing benchmark at ${scale}x: ${r.status}`);
  t = process.hrtime.bigint();
  const result = routeResultFrom(model, r, solver.name);
  const extractSeconds = seconds(t);
  const whole = buildSeconds + solveSeconds + extractSeconds;
  return {
    scale,
    mines: Math.round(500 * scale),
    ports: Math.round(20 * scale),
    destinations: Math.round(30 * scale),
    legs: net.legs.length,
    columns: model.lp.numCols,
    rows: model.lp.numRows,
    nonzeros: model.lp.values.length,
    buildSeconds: round(buildSeconds),
    solveSeconds: round(solveSeconds),
    highsSeconds: round(r.solveSeconds),
    extractSeconds: round(extractSeconds),
    ratio: round(whole / r.solveSeconds),
    overhead: round(whole / r.solveSeconds - 1),
    unshippedTonnes: result.unshippedTonnes,
    iterations: r.iterations,
  };
}

/** Adds `bench-routes`. */
export function register(program: Command): void {
  program
    .command("bench-routes")
    .description(
      "Routing benchmark: generated networks of 500 mines, 20 ports, 30 destinations × each scale, through our HiGHS interface",
    )
    .option("--scales <list>", "comma-separated scales (default 1,5,10)")
    .option("--time-limit <seconds>", "solver time limit per run (default 600)")
    .option("--format <format>", "table or json (default table)")
    .action(async (opts: Record<string, string | undefined>) => {
      const scales = (opts.scales ?? "1,5,10").split(",").map((s) => Number(s.trim()));
      const limit = opts.timeLimit !== undefined ? Number(opts.timeLimit) : 600;
      // Warm up: compile the WebAssembly and let V8 optimise the hot solver code on a 1× solve.
      await benchRoutesAt(1, limit);
      const records: RoutesBenchRecord[] = [];
      for (const s of scales) {
        const rec = await benchRoutesAt(s, limit);
        records.push(rec);
        if (opts.format === "json") emit(JSON.stringify(rec));
      }
      if (opts.format === "json") return;
      emit(
        tableFrom(records, [
          { header: "Scale", value: (r) => `${r.scale}×`, align: "right" },
          { header: "Mines", value: (r) => r.mines, align: "right" },
          { header: "Columns", value: (r) => r.columns, align: "right" },
          { header: "Rows", value: (r) => r.rows, align: "right" },
          { header: "Build s", value: (r) => r.buildSeconds.toFixed(3), align: "right" },
          { header: "Solve s", value: (r) => r.solveSeconds.toFixed(3), align: "right" },
          { header: "HiGHS s", value: (r) => r.highsSeconds.toFixed(3), align: "right" },
          { header: "Extract s", value: (r) => r.extractSeconds.toFixed(3), align: "right" },
          { header: "Whole/HiGHS", value: (r) => r.ratio.toFixed(3), align: "right" },
          { header: "Overhead", value: (r) => `${(r.overhead * 100).toFixed(1)}%`, align: "right" },
          { header: "Unshipped t", value: (r) => Math.round(r.unshippedTonnes), align: "right" },
        ]),
      );
    });
}
