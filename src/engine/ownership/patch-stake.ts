/**
 * A changed share of a stake the graph already has, written into the graph in place: every
 * view of the share (by owned, by owner, in solve order, for each bound), the column sums and
 * the majority owner of the owned node. The graph's structure (its stakes, components and
 * solve order) is not touched, so a share that falls to 0 leaves a stake of 0, which every
 * solve reads as none. What the graph does not have (a new owner–owned pair, bounds on a graph
 * built without any) is refused: the caller builds the graph again.
 *
 * @example
 * if (!patchStakeShare(g, owner, owned, { share: 0.4 })) g = rebuild();
 */
import { DEFAULT_CONTROL_THRESHOLD, majorityOwnerOf } from "./kernels.js";
import type { OwnershipGraph } from "./ownership-graph.js";

/** The total share of owner in owned after the change (duplicates summed), with its bounds. */
export interface PairShare {
  share: number;
  shareMin?: number | undefined;
  shareMax?: number | undefined;
}

const FULL = 1e-12;

/** The position of the stake owner → owned among the graph's by-owned stakes, or −1. */
export function stakePosition(g: OwnershipGraph, owner: number, owned: number): number {
  if (!(owned >= 0 && owned < g.n)) return -1;
  const end = g.ownedStart[owned + 1] as number;
  for (let e = g.ownedStart[owned] as number; e < end; e++) if (g.ownerIdx[e] === owner) return e;
  return -1;
}

/**
 * Writes `to` as the share of the stake owner → owned; false (nothing written) when the graph
 * has no such stake or `to` has bounds the graph has no room for.
 */
export function patchStakeShare(
  g: OwnershipGraph,
  owner: number,
  owned: number,
  to: PairShare,
): boolean {
  const e = stakePosition(g, owner, owned);
  if (e < 0) return false;
  const min = to.shareMin ?? to.share;
  const max = to.shareMax ?? to.share;
  if (!g.hasBounds && (min !== to.share || max !== to.share)) return false;
  for (const x of [to.share, min, max]) if (!(x >= 0 && x <= 1)) return false;
  // By owner and in solve order: the positions that read by-owned position e.
  let byOwner = -1;
  for (let x = g.ownerStart[owner] as number; x < (g.ownerStart[owner + 1] as number); x++)
    if (g.edgeOf[x] === e) byOwner = x;
  // In solve order the owner's stakes name the owned node by its solve position (one stake per
  // pair): found without `solveEdge`, which the graph builds over every stake on first use.
  const row = g.solvePos[owner] as number;
  const at = g.solvePos[owned] as number;
  let inSolve = -1;
  for (let x = g.solveStart[row] as number; x < (g.solveStart[row + 1] as number); x++)
    if (g.solveIdx[x] === at) inSolve = x;
  const views: [Float64Array, Float64Array, Float64Array, Float64Array, number][] = [
    [g.share, g.ownerShare, g.solveShare, g.colSum, to.share],
  ];
  if (g.hasBounds)
    views.push(
      [g.shareMin, g.ownerShareMin, g.solveShareMin, g.colSumMin, min],
      [g.shareMax, g.ownerShareMax, g.solveShareMax, g.colSumMax, max],
    );
  for (const [byOwned, owners, solve, col, value] of views) {
    byOwned[e] = value;
    if (byOwner >= 0) owners[byOwner] = value;
    if (inSolve >= 0) solve[inSolve] = value;
    // The column sum as the build makes it: summed in by-owned order, near 1 taken as 1.
    let s = 0;
    const end = g.ownedStart[owned + 1] as number;
    for (let p = g.ownedStart[owned] as number; p < end; p++) s += byOwned[p] as number;
    col[owned] = Math.abs(s - 1) <= FULL ? 1 : s;
  }
  if (g.majority)
    g.majority[owned] = majorityOwnerOf(
      owned,
      DEFAULT_CONTROL_THRESHOLD,
      g.ownedStart,
      g.ownerIdx,
      g.share,
    );
  return true;
}
