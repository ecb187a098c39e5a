/**
 * Country totals of look-through and consolidated production (the look-through benchmark's
 * `country_totals.csv`, docs/performance.md): attributable tonnes summed over the roots of each
 * country, and consolidated tonnes (100 % of a producing node to its ultimate controller's
 * country).
 *
 * @example
 * const t = countryTotalsFrom(g, v, p, 7, ultimateControllers(g), country, countries.length);
 * t.attributable[countryIndex * 7 + c];
 */
import { type KernelArgs, rootSums } from "./kernels.js";
import type { OwnershipGraph } from "./ownership-graph.js";
import { inHalves, type Parallel, SERIAL } from "./parallel.js";

export interface CountryTotals {
  /** Node-major by country: `attributable[country * k + c]`. */
  attributable: Float64Array;
  consolidated: Float64Array;
  /** Nodes no stake is held in (they keep all they receive), ascending index. */
  roots: Int32Array;
}

/**
 * Sums `v` over the roots and `p` over producing nodes by controller, per country.
 * `country[i]` is the country index of node i (in 0..countryCount − 1). With `order` "solve",
 * `v` and `p` are in solve order (row q is node `g.sccOrder[q]`, see `lookThrough`);
 * `controllers` and `country` are always by node.
 */
export function countryTotalsFrom(
  g: OwnershipGraph,
  v: Float64Array,
  p: Float64Array,
  k: number,
  controllers: Int32Array,
  country: Int32Array,
  countryCount: number,
  order: "node" | "solve" = "node",
): CountryTotals {
  return {
    ...attributableByCountry(g, v, k, country, countryCount, order),
    consolidated: consolidatedByCountry(g, p, k, controllers, country, countryCount, order),
  };
}

/**
 * Σ of `v` over the roots of each country (`attributable[country * k + c]`), and the roots (in
 * node order). The nodes are taken in two halves, each summed apart and the second added to the
 * first (on two threads with a helper, whose result is then the same bit for bit). With
 * `positions`, only the roots at those solve positions: e.g. the peeled ones, whose rows are
 * final before the rest of the solve (positions below `g.unheldFrom` hold no other root).
 */
export function attributableByCountry(
  g: OwnershipGraph,
  v: Float64Array,
  k: number,
  country: Int32Array,
  countryCount: number,
  order: "node" | "solve" = "node",
  parallel: Parallel = SERIAL,
  positions: { from: number; to: number } = { from: 0, to: g.n },
): { attributable: Float64Array; roots: Int32Array } {
  const { n, ownedStart, solvePos } = g;
  const shared = (a: { buffer: ArrayBufferLike }) => a.buffer instanceof SharedArrayBuffer;
  const par =
    parallel.threads > 1 &&
    g.m >= parallel.minStakes &&
    shared(v) &&
    shared(ownedStart) &&
    shared(country) &&
    (order === "node" || shared(solvePos))
      ? parallel
      : SERIAL;
  const attributable = new Float64Array(countryCount * k);
  const second = par.f64(countryCount * k);
  const found = par.i32(n);
  const half = n >> 1;
  const args = (from: number, to: number, out: Float64Array): KernelArgs["rootSums"] => ({
    from,
    to,
    k,
    ownedStart,
    pos: order === "solve" ? solvePos : undefined,
    v,
    country,
    out,
    roots: found,
    solvePos,
    posFrom: positions.from,
    posTo: positions.to,
  });
  const [a, b] = inHalves(par, "rootSums", args(half, n, second), () =>
    rootSums(args(0, half, attributable)),
  );
  for (let i = 0; i < attributable.length; i++)
    attributable[i] = (attributable[i] as number) + (second[i] as number);
  const roots = new Int32Array(a + b);
  roots.set(found.subarray(0, a));
  roots.set(found.subarray(half, half + b), a);
  return { attributable, roots };
}

/**
 * 100 % of each producing node's `p` to its ultimate controller's country
 * (`consolidated[country * k + c]`). Needs only p and the controllers, not the solve.
 */
export function consolidatedByCountry(
  g: OwnershipGraph,
  p: Float64Array,
  k: number,
  controllers: Int32Array,
  country: Int32Array,
  countryCount: number,
  order: "node" | "solve" = "node",
): Float64Array {
  const { n, sccOrder } = g;
  const solve = order === "solve";
  const consolidated = new Float64Array(countryCount * k);
  // Rows of p in storage order (sequential); the controller is looked up for producers only.
  for (let q = 0; q < n; q++) {
    const base = q * k;
    let produces = false;
    for (let c = 0; c < k; c++) if ((p[base + c] as number) !== 0) produces = true;
    if (!produces) continue;
    const j = solve ? (sccOrder[q] as number) : q;
    const cb = (country[controllers[j] as number] as number) * k;
    for (let c = 0; c < k; c++)
      consolidated[cb + c] = (consolidated[cb + c] as number) + (p[base + c] as number);
  }
  return consolidated;
}

/** Production as rows: node index, commodity index (0..k − 1) and tonnes, `count` of them. */
export interface ProductionRows {
  node: Int32Array;
  commodity: Int32Array;
  tonnes: Float64Array;
  count: number;
}

/**
 * The consolidated totals of {@link consolidatedByCountry} straight from production rows
 * (duplicate rows add up, as in p): no pass over the n × k production vector.
 */
export function consolidatedFromRows(
  rows: ProductionRows,
  k: number,
  controllers: Int32Array,
  country: Int32Array,
  countryCount: number,
): Float64Array {
  const consolidated = new Float64Array(countryCount * k);
  const { node, commodity, tonnes, count } = rows;
  for (let r = 0; r < count; r++) {
    const q = (country[controllers[node[r] as number] as number] as number) * k;
    const at = q + (commodity[r] as number);
    consolidated[at] = (consolidated[at] as number) + (tonnes[r] as number);
  }
  return consolidated;
}
