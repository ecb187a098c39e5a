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
import type { OwnershipGraph } from "./ownership-graph.js";

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

/** Σ of `v` over the roots of each country (`attributable[country * k + c]`), and the roots. */
export function attributableByCountry(
  g: OwnershipGraph,
  v: Float64Array,
  k: number,
  country: Int32Array,
  countryCount: number,
  order: "node" | "solve" = "node",
): { attributable: Float64Array; roots: Int32Array } {
  const { n, ownedStart, solvePos } = g;
  const solve = order === "solve";
  const attributable = new Float64Array(countryCount * k);
  let rootCount = 0;
  for (let j = 0; j < n; j++) if (ownedStart[j] === ownedStart[j + 1]) rootCount++;
  const roots = new Int32Array(rootCount);
  let r = 0;
  for (let j = 0; j < n; j++) {
    if (ownedStart[j] !== ownedStart[j + 1]) continue;
    roots[r++] = j;
    const base = (solve ? (solvePos[j] as number) : j) * k;
    const cb = (country[j] as number) * k;
    for (let c = 0; c < k; c++)
      attributable[cb + c] = (attributable[cb + c] as number) + (v[base + c] as number);
  }
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
