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
import {
  DEFAULT_CONTROL_THRESHOLD,
  majorityOwnerOf,
  solveScaleOf,
  storedColumnSum,
} from "./kernels.js";
import type { OwnershipGraph } from "./ownership-graph.js";

/** The total share of owner in owned after the change (duplicates summed), with its bounds. */
export interface PairShare {
  share: number;
  shareMin?: number | undefined;
  shareMax?: number | undefined;
}

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
    columnAgain(g, owned, byOwned, col, solve);
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

/**
 * Column `owned` made again from its by-owned shares as the build makes it: its sum (in
 * by-owned order, near 1 taken as 1) and its shares in solve order, those of a column counted
 * as fully held scaled by 1 / their sum so that the solve passes on all of it. A stake in
 * solve order is found by its owner's row and the owned node's solve position (one stake per
 * pair), without `solveEdge`, which the graph builds over every stake on first use.
 */
function columnAgain(
  g: Pick<OwnershipGraph, "ownedStart" | "ownerIdx" | "solvePos" | "solveStart" | "solveIdx">,
  owned: number,
  byOwned: Float64Array,
  col: Float64Array,
  solve: Float64Array,
): void {
  const from = g.ownedStart[owned] as number;
  const to = g.ownedStart[owned + 1] as number;
  let sum = 0;
  for (let p = from; p < to; p++) sum += byOwned[p] as number;
  col[owned] = storedColumnSum(sum);
  const scale = solveScaleOf(sum);
  const at = g.solvePos[owned] as number;
  for (let p = from; p < to; p++) {
    const row = g.solvePos[g.ownerIdx[p] as number] as number;
    const end = g.solveStart[row + 1] as number;
    for (let x = g.solveStart[row] as number; x < end; x++)
      if (g.solveIdx[x] === at) {
        solve[x] = scale === 1 ? (byOwned[p] as number) : (byOwned[p] as number) * scale;
        break;
      }
  }
}

/**
 * The graph with a stake owner → owned it does not have yet (of `to`'s share and bounds), when
 * the graph's solve order already puts owned before owner: the stake is inserted into every
 * view (by owned at the end of owned's stakes, as a build from the same stakes with this one
 * last places it; by owner and in solve order among the owner's stakes), the column sums and
 * the majority owner of owned are made again, and the components and solve order are kept (a
 * stake from a later component to an earlier one closes no cycle). The peel's generations and
 * the unheld rows are cut back where the stake breaks them (their nodes are then solved one
 * component after another, with the same result). A stake between two members of one cycle
 * leaves the components as they are. Against the solve order, an owned node that holds nothing
 * and is in no cycle is first moved to just before the owner's component (`movedBefore`); any
 * other owned node is first brought before the owner by reordering the components between the
 * two, merging those on a cycle the stake closes into one (`reordered`). `how` is told which
 * way the stake went. Undefined (nothing changed) when the graph has the stake, is a
 * self-stake, has bounds the graph has no room for, or needs a reorder of more than
 * `how.maxRegion` positions: the caller builds the graph again. The arrays are written in place where they can be: those indexed by
 * stake are copied once into arrays with room for more stakes (a 64th more), which later
 * stakes move up within (no allocation, a move of the stakes after the new one), so `g` is not
 * to be used after.
 *
 * @example
 * g = addStake(g, owner, owned, { share: 0.25 }) ?? rebuild();
 */
/** Buffers made by `addStake`, with room past the stakes they hold. */
const roomyBuffers = new WeakSet<ArrayBufferLike>();

/** The stakes' length plus the room `addStake` leaves for more. */
const withSlack = (m: number): number => m + 1 + Math.max(1024, m >> 6);

/** `a` viewed one stake longer when its buffer is one `addStake` made and has room, else undefined. */
function roomy<T extends Int32Array | Float64Array>(a: T, m: number): T | undefined {
  if (!roomyBuffers.has(a.buffer) || a.byteOffset !== 0) return undefined;
  if (a.buffer.byteLength < (m + 1) * a.BYTES_PER_ELEMENT) return undefined;
  return (
    a instanceof Int32Array
      ? new Int32Array(a.buffer, 0, m + 1)
      : new Float64Array(a.buffer, 0, m + 1)
  ) as T;
}

/** `into` (fresh, with room) with `a`'s first m values, viewed `length` long. */
function grow<T extends Int32Array | Float64Array>(into: T, a: T, m: number, length = m + 1): T {
  into.set(a.subarray(0, m));
  roomyBuffers.add(into.buffer);
  return into.subarray(0, length) as T;
}

export function addStake(
  g: OwnershipGraph,
  owner: number,
  owned: number,
  to: PairShare,
  how?: AddStakeInfo,
): OwnershipGraph | undefined {
  const { n, m } = g;
  if (!(owner >= 0 && owner < n && owned >= 0 && owned < n) || owner === owned) return undefined;
  if (stakePosition(g, owner, owned) >= 0) return undefined;
  const min = to.shareMin ?? to.share;
  const max = to.shareMax ?? to.share;
  if (!g.hasBounds && (min !== to.share || max !== to.share)) return undefined;
  for (const x of [to.share, min, max]) if (!(x >= 0 && x <= 1)) return undefined;
  const cd = g.sccOf[owned] as number;
  const co = g.sccOf[owner] as number;
  if (cd > co) {
    // Against the solve order: a node that holds nothing and is in no cycle is moved before
    // the owner's component; anything else is reordered between the two (and merged into one
    // cyclic component when the stake closes a cycle).
    const moved = movedBefore(g, owned, owner);
    if (moved) {
      if (how) how.path = "moved";
      return addStake(moved, owner, owned, to);
    }
    const r = reordered(g, owner, owned, how?.maxRegion ?? MAX_REGION);
    if (how) {
      how.region = r.region;
      how.path = r.graph ? (r.merged > 0 ? "merged" : "reordered") : "tooLarge";
      how.merged = r.merged;
    }
    return r.graph && addStake(r.graph, owner, owned, to);
  }
  // In order, or both in one cross-holding cycle (which the stake leaves as it is).
  if (how && how.path === undefined) how.path = cd === co ? "inCycle" : "inOrder";
  const bounded = g.hasBounds;
  // The by-owner view is built on first use from the by-owned arrays: made before they change.
  const { ownerStart: os0, edgeOf: eo0 } = g;

  /** `a` one longer, `value` at position `at` (`a` is not to be used after). */
  const i32 = (a: Int32Array, at: number, value: number): Int32Array => {
    const out = roomy(a, m) ?? grow(new Int32Array(withSlack(m)), a, m);
    out.copyWithin(at + 1, at, m);
    out[at] = value;
    return out;
  };
  const f64 = (a: Float64Array, at: number, value: number): Float64Array => {
    const out = roomy(a, m) ?? grow(new Float64Array(withSlack(m)), a, m);
    out.copyWithin(at + 1, at, m);
    out[at] = value;
    return out;
  };
  /** Starts of rows, in place: one more stake in row `row` and in none before it. */
  const starts = (a: Int32Array, row: number): Int32Array => {
    for (let i = row + 1; i <= n; i++) a[i] = (a[i] as number) + 1;
    return a;
  };

  // By owned: at the end of owned's stakes.
  const e = g.ownedStart[owned + 1] as number;
  const ownedStart = starts(g.ownedStart, owned);
  const ownerIdx = i32(g.ownerIdx, e, owner);
  const share = f64(g.share, e, to.share);
  const shareMin = bounded ? f64(g.shareMin, e, min) : share;
  const shareMax = bounded ? f64(g.shareMax, e, max) : share;

  // By owner: among the owner's stakes in by-owned order; the later by-owned positions move up.
  let x = os0[owner] as number;
  const rowEnd = os0[owner + 1] as number;
  while (x < rowEnd && (eo0[x] as number) < e) x++;
  const ownerStart = starts(os0, owner);
  const ownedIdx = i32(g.ownedIdx, x, owned);
  const edgeOf = i32(eo0, x, e);
  bumpEdges(edgeOf, m, x, e);
  const ownerShare = f64(g.ownerShare, x, to.share);
  const ownerShareMin = bounded ? f64(g.ownerShareMin, x, min) : ownerShare;
  const ownerShareMax = bounded ? f64(g.ownerShareMax, x, max) : ownerShare;

  // In solve order: among the owner's stakes, by owned node as the build lays them out.
  const row = g.solvePos[owner] as number;
  const at = g.solvePos[owned] as number;
  let y = g.solveStart[row] as number;
  const solveEnd = g.solveStart[row + 1] as number;
  while (y < solveEnd && (g.sccOrder[g.solveIdx[y] as number] as number) < owned) y++;
  const solveStart = starts(g.solveStart, row);
  const solveIdx = i32(g.solveIdx, y, at);
  const solveShare = f64(g.solveShare, y, to.share);
  const solveShareMin = bounded ? f64(g.solveShareMin, y, min) : solveShare;
  const solveShareMax = bounded ? f64(g.solveShareMax, y, max) : solveShare;

  // Column owned, as the build makes it: its sums and its shares in solve order.
  const parts = { ownedStart, ownerIdx, solvePos: g.solvePos, solveStart, solveIdx };
  columnAgain(parts, owned, share, g.colSum, solveShare);
  if (bounded) {
    columnAgain(parts, owned, shareMin, g.colSumMin, solveShareMin);
    columnAgain(parts, owned, shareMax, g.colSumMax, solveShareMax);
  }
  if (g.majority)
    g.majority[owned] = majorityOwnerOf(
      owned,
      DEFAULT_CONTROL_THRESHOLD,
      ownedStart,
      ownerIdx,
      share,
    );

  // The peel: a generation's rows read only earlier generations', so one whose owner and owned
  // are both in it is solved with what follows it, one component after another.
  let peelLevels = g.peelLevels;
  const peeled = peelLevels[peelLevels.length - 1] as number;
  if (row < peeled) {
    let l = 0;
    while ((peelLevels[l + 1] as number) <= row) l++;
    if (at >= (peelLevels[l] as number)) peelLevels = peelLevels.slice(0, l + 1);
  }
  // The unheld rows: owned is held now.
  const unheldFrom = at >= g.unheldFrom ? at + 1 : g.unheldFrom;

  return assembled(g, {
    m: m + 1,
    ownedStart,
    ownerIdx,
    share,
    shareMin,
    shareMax,
    ownerStart,
    ownedIdx,
    edgeOf,
    ownerShare,
    ownerShareMin,
    ownerShareMax,
    peelLevels,
    unheldFrom,
    solveStart,
    solveIdx,
    solveShare,
    solveShareMin,
    solveShareMax,
  });
}

/** Which way `addStake` took a stake (for the live register's counts and the benchmark). */
export type AddStakePath =
  /** The owned node was solved before the owner already. */
  | "inOrder"
  /** Owner and owned are members of one cross-holding cycle already. */
  | "inCycle"
  /** Against the order, into a node that holds nothing and is in no cycle: that node moved. */
  | "moved"
  /** Against the order: the components between the two reordered, no cycle closed. */
  | "reordered"
  /** Against the order, closing a cycle: the components on it merged into one. */
  | "merged"
  /** Against the order, with more solve positions between the two than `maxRegion`: refused. */
  | "tooLarge";

/** Filled by `addStake`: the way it took, and for a reorder the positions it rewrote. */
export interface AddStakeInfo {
  path?: AddStakePath;
  /** Solve positions rewritten by a reorder (from the owner's component to the owned one's). */
  region?: number;
  /** Components merged away (a cycle of c components closed: c − 1). */
  merged?: number;
  /** The largest reorder taken in place, in solve positions (default `MAX_REGION`). */
  maxRegion?: number;
}

/**
 * The largest reorder `addStake` makes in place, in solve positions between the owner's
 * component and the owned node's. Every graph the register builds is smaller (its cost is a
 * few passes over the positions and stakes after the owner's, of the order of a build's
 * single-threaded pass over the stakes at most): the bound is there for the caller to lower.
 */
export const MAX_REGION = Number.MAX_SAFE_INTEGER;

/**
 * `g` reordered so that `owned`, solved after `owner` now, comes before it (a dynamic
 * topological order over the components, after Pearce and Kelly, on the region of the solve
 * order between the two: positions lo = the start of owner's component to hi = the end of
 * owned's). In the region, the components owned reaches through what it holds (B, found from
 * its row in solve order) go first, then the rest in their order. When B holds the owner's
 * component the new stake closes a cycle: the components of B that the owner reaches through
 * its owners (M, each on a cycle through the new stake) become one cyclic component, placed
 * after the rest of B and before the others. Each class keeps its nodes' relative order, so a
 * component stays contiguous and every stake still goes from a later component to an earlier
 * one (a node outside B that something in the region holds is held by no node of B; one
 * outside M that holds something of M is in B and not reached from owner, so before M).
 *
 * Written in place, like the build lays them out: the region's nodes (`sccOrder`, `solvePos`),
 * its rows in solve order (each row's stakes move with it, in the order they had), the stakes
 * naming a moved position (only rows from lo on can), the components of the region (numbered
 * in order; with a merge the later ones move down), the peel's generations cut back to lo and
 * the unheld rows to start at hi at the earliest. The by-owned and by-owner views, the column
 * sums and the majority owners do not depend on the order and are kept.
 */
function reordered(
  g: OwnershipGraph,
  owner: number,
  owned: number,
  maxRegion: number,
): { graph: OwnershipGraph | undefined; region: number; merged: number } {
  const { sccOrder, solvePos, sccOf, sccStart, sccCyclic, solveStart, solveIdx } = g;
  const { ownedStart, ownerIdx, sccCount } = g;
  const co = sccOf[owner] as number;
  const cd = sccOf[owned] as number;
  const lo = sccStart[co] as number;
  const hi = sccStart[cd + 1] as number;
  const size = hi - lo;
  if (size > maxRegion) return { graph: undefined, region: size, merged: 0 };
  // B (mark 1): what owned reaches through its holdings, from lo on.
  const mark = scratch.u8(0, size).fill(0);
  const stack = scratch.i32(0, size);
  let sp = 0;
  const pd = solvePos[owned] as number;
  mark[pd - lo] = 1;
  stack[sp++] = pd;
  while (sp > 0) {
    const q = stack[--sp] as number;
    const end = solveStart[q + 1] as number;
    for (let x = solveStart[q] as number; x < end; x++) {
      const r = solveIdx[x] as number;
      if (r >= lo && mark[r - lo] === 0) {
        mark[r - lo] = 1;
        stack[sp++] = r;
      }
    }
  }
  // M (mark 2): the owner reaches them through its owners, in B (a cycle closes).
  const po = solvePos[owner] as number;
  const cycle = mark[po - lo] === 1;
  if (!cycle) {
    const swapped = slotted(g, owner, owned, lo, mark);
    if (swapped) return { graph: swapped, region: size, merged: 0 };
  }
  if (cycle) {
    mark[po - lo] = 2;
    stack[sp++] = po;
    while (sp > 0) {
      const x = sccOrder[stack[--sp] as number] as number;
      const end = ownedStart[x + 1] as number;
      for (let e = ownedStart[x] as number; e < end; e++) {
        const r = solvePos[ownerIdx[e] as number] as number;
        if (r >= lo && r < hi && mark[r - lo] === 1) {
          mark[r - lo] = 2;
          stack[sp++] = r;
        }
      }
    }
  }
  // The new order of the region (old positions): B outside M, M, the rest.
  const order = scratch.i32(1, size);
  let w = 0;
  for (const cls of cycle ? [1, 2, 0] : [1, 0]) w = ofClass(mark, cls, lo, order, w);
  // The region's components anew: a class keeps each component whole; M is one. The old
  // component of each position, read off `sccStart` in order.
  const compAt = compsAt(sccStart, co, cd, lo, scratch.i32(2, size));
  const key = scratch.i32(3, size);
  const comps = keysOf(order, mark, compAt, lo, key);
  const cyc0 = scratch.u8(1, cd + 1 - co);
  cyc0.set(sccCyclic.subarray(co, cd + 1));
  const merged = cd - co + 1 - comps;
  // Nodes and rows, in runs of positions that keep their order (a run moved as a block; the
  // rest of the region after the last node of B, where a run lands where it was, stays).
  const nodes = scratch.copy(4, sccOrder, lo, hi);
  const newPos = scratch.i32(5, size);
  const { s0, starts, idx, shares, copies } = rowsBefore(g, lo, hi);
  let at = s0;
  for (let i = 0; i < size; ) {
    const a = (order[i] as number) - lo;
    const j = runEnd(order, i, lo);
    const b = a + j - i;
    const sa = (starts[a] as number) - s0;
    const sb = (starts[b] as number) - s0;
    if (a !== i) {
      sccOrder.set(nodes.subarray(a, b), lo + i);
      placeRun(
        newPos,
        solveStart,
        solvePos,
        starts,
        nodes,
        a,
        b,
        lo + i - a,
        at - (starts[a] as number),
      );
      solveIdx.set(idx.subarray(sa, sb), at);
      for (let k = 0; k < shares.length; k++)
        (shares[k] as Float64Array).set((copies[k] as Float64Array).subarray(sa, sb), at);
    } else identity(newPos, a, b, lo);
    at += sb - sa;
    i = j;
  }
  // The stakes naming a moved position: held by a row of the region or after it.
  relabel(solveIdx, s0, g.m, lo, hi, newPos);
  // Components: the later ones move down by what merged, then the region's are numbered (a
  // node's number is written where it changes: everywhere after a merge, else where it moved).
  if (merged > 0) {
    sccStart.copyWithin(cd + 1 - merged, cd + 1, sccCount + 1);
    sccCyclic.copyWithin(cd + 1 - merged, cd + 1, sccCount);
    lowerComps(sccOf, sccOrder, hi, g.n, merged);
  }
  numberComps(key, order, cyc0, sccOrder, sccOf, sccStart, sccCyclic, co, lo, merged > 0);
  const peelLevels = peelCutAt(g.peelLevels, lo);
  const count = sccCount - merged;
  const graph = assembled(g, {
    ...sameStakes(g),
    peelLevels,
    unheldFrom: Math.max(g.unheldFrom, hi),
    solveStart,
    solveIdx,
    sccCount: count,
    sccStart: merged > 0 ? sccStart.subarray(0, count + 1) : sccStart,
    sccCyclic: merged > 0 ? sccCyclic.subarray(0, count) : sccCyclic,
  });
  return { graph, region: size, merged };
}

/**
 * The reorder of a stake owner → owned that closes no cycle, when the nodes it moves are each
 * a component of their own: Pearce and Kelly's. B (marked 1 in `mark`, from position lo on)
 * is what owned reaches through its holdings; F is the owner and what reaches it through its
 * owners, before owned's component. The nodes of B, then those of F, each in their order,
 * take the positions both held, in order: every other node keeps its place and component
 * number, so the work is the moved nodes, plus one pass over the rows between the first and
 * last of those positions (their stakes moved up or down by what the moved rows' lengths
 * change) and one over the stakes naming a position (from the first one's row on).
 * Undefined when a node of F is in a cycle (the region's reorder then keeps it whole).
 */
function slotted(
  g: OwnershipGraph,
  owner: number,
  owned: number,
  lo: number,
  mark: Uint8Array,
): OwnershipGraph | undefined {
  const { sccOrder, solvePos, sccOf, sccCyclic, solveStart, solveIdx, ownedStart, ownerIdx } = g;
  const until = g.sccStart[sccOf[owned] as number] as number;
  const b: number[] = [];
  for (let i = 0; i < mark.length; i++) if (mark[i] === 1) b.push(lo + i);
  for (const q of b) if (sccCyclic[sccOf[sccOrder[q] as number] as number] !== 0) return undefined;
  // F: the owner and its owners', before owned's component.
  const po = solvePos[owner] as number;
  if (sccCyclic[sccOf[owner] as number] !== 0) return undefined;
  const seen = new Set<number>([po]);
  const f = [po];
  for (let k = 0; k < f.length; k++) {
    const x = sccOrder[f[k] as number] as number;
    const end = ownedStart[x + 1] as number;
    for (let e = ownedStart[x] as number; e < end; e++) {
      const r = solvePos[ownerIdx[e] as number] as number;
      if (r < until && !seen.has(r)) {
        if (sccCyclic[sccOf[ownerIdx[e] as number] as number] !== 0) return undefined;
        seen.add(r);
        f.push(r);
      }
    }
  }
  f.sort((x, y) => x - y);
  // B then F take the positions both held, in order.
  const moved = [...b, ...f];
  const slots = [...b, ...f].sort((x, y) => x - y);
  const from = slots[0] as number;
  const to = (slots[slots.length - 1] as number) + 1;
  const span = to - from;
  const newPos = scratch.i32(5, span);
  for (let i = 0; i < span; i++) newPos[i] = from + i;
  for (let k = 0; k < moved.length; k++) newPos[(moved[k] as number) - from] = slots[k] as number;
  const nodes = moved.map((q) => sccOrder[q] as number);
  const comp = slots.map((q) => sccOf[sccOrder[q] as number] as number);
  // The rows from `from` to `to`: a moved one from its old place, the others in runs.
  const { s0, starts, idx, shares, copies } = rowsBefore(g, from, to);
  const put = (a: number, z: number, at: number): void => {
    solveIdx.set(idx.subarray(a - s0, z - s0), at);
    for (let k = 0; k < shares.length; k++)
      (shares[k] as Float64Array).set((copies[k] as Float64Array).subarray(a - s0, z - s0), at);
  };
  let at = s0;
  let k = 0;
  for (let q = from; q < to; ) {
    if (k < slots.length && slots[k] === q) {
      const old = (moved[k] as number) - from;
      const a = starts[old] as number;
      const z = starts[old + 1] as number;
      solveStart[q] = at;
      if (a !== at) put(a, z, at);
      at += z - a;
      q++;
      k++;
      continue;
    }
    const end = k < slots.length ? (slots[k] as number) : to;
    const a = starts[q - from] as number;
    const z = starts[end - from] as number;
    const shift = at - a;
    if (shift !== 0) {
      shiftStarts(solveStart, starts, q, end, from, shift);
      put(a, z, at);
    }
    at += z - a;
    q = end;
  }
  for (let k = 0; k < moved.length; k++) {
    const x = nodes[k] as number;
    const q = slots[k] as number;
    sccOrder[q] = x;
    solvePos[x] = q;
    sccOf[x] = comp[k] as number;
  }
  relabel(solveIdx, s0, g.m, from, to, newPos);
  return assembled(g, {
    ...sameStakes(g),
    peelLevels: peelCutAt(g.peelLevels, from),
    unheldFrom: Math.max(g.unheldFrom, to),
    solveStart,
    solveIdx,
  });
}

/** solveStart[q] = starts[q − from] + shift for q in q0..q1 − 1. */
function shiftStarts(
  solveStart: Int32Array,
  starts: Int32Array,
  q0: number,
  q1: number,
  from: number,
  shift: number,
): void {
  for (let q = q0; q < q1; q++) solveStart[q] = (starts[q - from] as number) + shift;
}

/** The peel's generations up to position lo (a generation cut at lo still reads only earlier ones). */
function peelCutAt(levels: Int32Array, lo: number): Int32Array {
  const peeled = levels[levels.length - 1] as number;
  if (lo >= peeled) return levels;
  let l = 0;
  while ((levels[l + 1] as number) <= lo) l++;
  const kept = Array.from(levels.subarray(0, l + 1));
  if (lo > (levels[l] as number)) kept.push(lo);
  return Int32Array.from(kept);
}

/**
 * Working arrays of the reorders, kept between writes and grown as needed: a reorder at a
 * million nodes works on arrays of hundreds of thousands, and allocating them for each write
 * (as external memory) made the collector run full collections of the heap several times per
 * write. Their contents are left as they were: each use writes what it reads.
 */
const scratch = (() => {
  const i32s: Int32Array[] = [];
  const f64s: Float64Array[] = [];
  const u8s: Uint8Array[] = [];
  const grown = <T extends Int32Array | Float64Array | Uint8Array>(
    list: T[],
    k: number,
    n: number,
    make: (n: number) => T,
  ): T => {
    let a = list[k];
    if (!a || a.length < n) {
      a = make(Math.max(n, 1024, Math.ceil((a?.length ?? 0) * 1.5)));
      list[k] = a;
    }
    return a.subarray(0, n) as T;
  };
  return {
    i32: (k: number, n: number) => grown(i32s, k, n, (x) => new Int32Array(x)),
    u8: (k: number, n: number) => grown(u8s, k, n, (x) => new Uint8Array(x)),
    f64: (k: number, n: number) => grown(f64s, k, n, (x) => new Float64Array(x)),
    /** `a[from .. to − 1]` copied into working array k. */
    copy(k: number, a: Int32Array, from: number, to: number): Int32Array {
      const out = grown(i32s, k, to - from, (x) => new Int32Array(x));
      out.set(a.subarray(from, to));
      return out;
    },
    copyF(k: number, a: Float64Array, from: number, to: number): Float64Array {
      const out = grown(f64s, k, to - from, (x) => new Float64Array(x));
      out.set(a.subarray(from, to));
      return out;
    },
  };
})();

/**
 * The rows of solve positions `from` .. `to` − 1 as they are before a reorder writes over them:
 * their starts, targets and each distinct share view, copied into the working arrays.
 */
function rowsBefore(g: OwnershipGraph, from: number, to: number) {
  const s0 = g.solveStart[from] as number;
  const s1 = g.solveStart[to] as number;
  const shares = [...new Set([g.solveShare, g.solveShareMin, g.solveShareMax])];
  return {
    s0,
    starts: scratch.copy(6, g.solveStart, from, to + 1),
    idx: scratch.copy(7, g.solveIdx, s0, s1),
    shares,
    copies: shares.map((a, k) => scratch.copyF(k, a, s0, s1)),
  };
}

// The reorder's loops, each a function of its own: compiled once for every write, where one
// function of them all was run by the interpreter through each long loop it met first.

/** Appends to `order` (from w on) lo + i for each i with mark[i] === cls; returns the new w. */
function ofClass(mark: Uint8Array, cls: number, lo: number, order: Int32Array, w: number): number {
  for (let i = 0; i < mark.length; i++) if (mark[i] === cls) order[w++] = lo + i;
  return w;
}

/** The component of each position lo.. of components co..cd. */
function compsAt(
  sccStart: Int32Array,
  co: number,
  cd: number,
  lo: number,
  out: Int32Array,
): Int32Array {
  for (let c = co, q = 0; c <= cd; c++)
    for (const end = (sccStart[c + 1] as number) - lo; q < end; q++) out[q] = c;
  return out;
}

/** Each new position's component (−1 for M) into `key`; returns how many components follow. */
function keysOf(
  order: Int32Array,
  mark: Uint8Array,
  compAt: Int32Array,
  lo: number,
  key: Int32Array,
): number {
  let comps = 0;
  for (let i = 0; i < key.length; i++) {
    const q = (order[i] as number) - lo;
    const k = mark[q] === 2 ? -1 : (compAt[q] as number);
    key[i] = k;
    if (i === 0 || k !== key[i - 1]) comps++;
  }
  return comps;
}

/** Where the run of consecutive old positions starting at new position i ends. */
function runEnd(order: Int32Array, i: number, lo: number): number {
  const a = (order[i] as number) - lo;
  let j = i + 1;
  while (j < order.length && (order[j] as number) - lo === a + j - i) j++;
  return j;
}

/** Old positions a..b − 1 (relative) move by `by`, their rows' stakes by `shift`. */
function placeRun(
  newPos: Int32Array,
  solveStart: Int32Array,
  solvePos: Int32Array,
  starts: Int32Array,
  nodes: Int32Array,
  a: number,
  b: number,
  by: number,
  shift: number,
): void {
  for (let r = a; r < b; r++) {
    const q = r + by;
    newPos[r] = q;
    solveStart[q] = (starts[r] as number) + shift;
    solvePos[nodes[r] as number] = q;
  }
}

/** Old positions a..b − 1 (relative to lo) stay. */
function identity(newPos: Int32Array, a: number, b: number, lo: number): void {
  for (let r = a; r < b; r++) newPos[r] = lo + r;
}

/** The nodes at positions from..to − 1 are in components `by` lower. */
function lowerComps(
  sccOf: Int32Array,
  sccOrder: Int32Array,
  from: number,
  to: number,
  by: number,
): void {
  for (let q = from; q < to; q++) {
    const x = sccOrder[q] as number;
    sccOf[x] = (sccOf[x] as number) - by;
  }
}

/** The region's components numbered from co in its new order (`key`: see `keysOf`). */
function numberComps(
  key: Int32Array,
  order: Int32Array,
  cyc0: Uint8Array,
  sccOrder: Int32Array,
  sccOf: Int32Array,
  sccStart: Int32Array,
  sccCyclic: Uint8Array,
  co: number,
  lo: number,
  all: boolean,
): void {
  let c = co - 1;
  for (let i = 0; i < key.length; i++) {
    const k = key[i] as number;
    if (i === 0 || k !== key[i - 1]) {
      c++;
      sccStart[c] = lo + i;
      sccCyclic[c] = k === -1 ? 1 : (cyc0[k - co] as number);
    }
    if (all || (order[i] as number) !== lo + i) sccOf[sccOrder[lo + i] as number] = c;
  }
}

/** By-owner stakes 0..m but x that name by-owned position e or later name the next one. */
function bumpEdges(edgeOf: Int32Array, m: number, x: number, e: number): void {
  for (let p = 0; p <= m; p++)
    if (p !== x && (edgeOf[p] as number) >= e) edgeOf[p] = (edgeOf[p] as number) + 1;
}

/**
 * Makes the reorders' working arrays as large as a reorder of `g` can need (its nodes, its
 * stakes), so that no write allocates them: a server calls it when it builds a graph. At a
 * million nodes and two million stakes that is about 55 MB (80 MB with bounds); allocated
 * during a write, arrays that size made the collector run a full collection of the server's
 * heap in that write or the read after it.
 */
export function reserveForReorders(g: OwnershipGraph): void {
  const { n, m } = g;
  for (let k = 0; k <= 6; k++) scratch.i32(k, n + 1);
  scratch.i32(7, withSlack(m));
  scratch.u8(0, n);
  scratch.u8(1, n);
  const copies = new Set([g.solveShare, g.solveShareMin, g.solveShareMax]).size;
  for (let k = 0; k < copies; k++) scratch.f64(k, withSlack(m));
}

/** Stakes from..to − 1 of `idx` that name a position in lo..hi − 1 name its new one. */
function relabel(
  idx: Int32Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  newPos: Int32Array,
): void {
  for (let x = from; x < to; x++) {
    const r = (idx[x] as number) - lo;
    if (r >= 0 && r < hi - lo) idx[x] = newPos[r] as number;
  }
}

/**
 * `g` with node `d`, which holds nothing and is in no cycle, moved in the solve order to just
 * before node `o`'s component, solved after it now (the nodes between move up one place, their components
 * one number): a stake o → d then follows the order. Holding nothing, d can be solved anywhere
 * before its owners; each node moved up stays after what it holds. The peel's generations keep
 * their bounds (a node moved into the next generation reads only earlier ones still); the
 * unheld rows start after d's old place at the earliest. Undefined when d holds something or
 * is in a cycle. Written in place: `g` is not to be used after.
 */
function movedBefore(g: OwnershipGraph, d: number, o: number): OwnershipGraph | undefined {
  const { sccOrder, solvePos, sccOf, sccStart, sccCyclic, solveStart, solveIdx } = g;
  const at = solvePos[d] as number;
  const cd = sccOf[d] as number;
  const co = sccOf[o] as number;
  if (!(cd > co) || sccCyclic[cd] !== 0) return undefined;
  if (solveStart[at] !== solveStart[at + 1]) return undefined;
  // Positions row .. at − 1 move up one, from the first place of o's component; d takes row.
  // Its row is empty: the rows' starts move up with them.
  const row = sccStart[co] as number;
  sccOrder.copyWithin(row + 1, row, at);
  sccOrder[row] = d;
  for (let q = row; q <= at; q++) solvePos[sccOrder[q] as number] = q;
  solveStart.copyWithin(row + 1, row, at);
  // Components co .. cd − 1 move up one number; d's is co, one place long.
  for (let q = row + 1; q <= at; q++) {
    const x = sccOrder[q] as number;
    sccOf[x] = (sccOf[x] as number) + 1;
  }
  sccOf[d] = co;
  sccCyclic.copyWithin(co + 1, co, cd);
  sccCyclic[co] = 0;
  for (let c = cd; c > co; c--) sccStart[c] = (sccStart[c - 1] as number) + 1;
  // The stakes in solve order name the places they hold.
  for (let x = 0; x < solveIdx.length; x++) {
    const r = solveIdx[x] as number;
    if (r === at) solveIdx[x] = row;
    else if (r >= row && r < at) solveIdx[x] = r + 1;
  }
  return assembled(g, {
    ...sameStakes(g),
    peelLevels: g.peelLevels,
    unheldFrom: at >= g.unheldFrom ? at + 1 : g.unheldFrom,
    solveStart,
    solveIdx,
  });
}

/**
 * `g` with its arrays indexed by stake moved into arrays with room for more stakes (what
 * `addStake` does on the first stake it adds to a graph): made when a graph is built for
 * writes, so that the first write of a new stake does not pay for it. `g` is not to be used
 * after.
 */
export function withRoomForStakes(g: OwnershipGraph): OwnershipGraph {
  const { m } = g;
  const i32 = (a: Int32Array): Int32Array =>
    roomyBuffers.has(a.buffer) ? a : grow(new Int32Array(withSlack(m)), a, m, m);
  const f64 = (a: Float64Array): Float64Array =>
    roomyBuffers.has(a.buffer) ? a : grow(new Float64Array(withSlack(m)), a, m, m);
  const bounded = g.hasBounds;
  const share = f64(g.share);
  const ownerShare = f64(g.ownerShare);
  const solveShare = f64(g.solveShare);
  return assembled(g, {
    m,
    ownedStart: g.ownedStart,
    ownerIdx: i32(g.ownerIdx),
    share,
    shareMin: bounded ? f64(g.shareMin) : share,
    shareMax: bounded ? f64(g.shareMax) : share,
    ownerStart: g.ownerStart,
    ownedIdx: i32(g.ownedIdx),
    edgeOf: i32(g.edgeOf),
    ownerShare,
    ownerShareMin: bounded ? f64(g.ownerShareMin) : ownerShare,
    ownerShareMax: bounded ? f64(g.ownerShareMax) : ownerShare,
    peelLevels: g.peelLevels,
    unheldFrom: g.unheldFrom,
    solveStart: g.solveStart,
    solveIdx: i32(g.solveIdx),
    solveShare,
    solveShareMin: bounded ? f64(g.solveShareMin) : solveShare,
    solveShareMax: bounded ? f64(g.solveShareMax) : solveShare,
  });
}

/** What `addStake` changes in a graph: its stakes' arrays and the solve order's cuts. */
type StakeParts = Pick<
  OwnershipGraph,
  | "m"
  | "ownedStart"
  | "ownerIdx"
  | "share"
  | "shareMin"
  | "shareMax"
  | "ownerStart"
  | "ownedIdx"
  | "edgeOf"
  | "ownerShare"
  | "ownerShareMin"
  | "ownerShareMax"
  | "peelLevels"
  | "unheldFrom"
  | "solveStart"
  | "solveIdx"
  | "solveShare"
  | "solveShareMin"
  | "solveShareMax"
>;

/**
 * The stakes' arrays of `g` as they are, for a change of the solve order alone (a move, a
 * reorder or a merge): only the order's arrays and cuts are new.
 */
function sameStakes(g: OwnershipGraph) {
  return {
    m: g.m,
    ownedStart: g.ownedStart,
    ownerIdx: g.ownerIdx,
    share: g.share,
    shareMin: g.shareMin,
    shareMax: g.shareMax,
    ownerStart: g.ownerStart,
    ownedIdx: g.ownedIdx,
    edgeOf: g.edgeOf,
    ownerShare: g.ownerShare,
    ownerShareMin: g.ownerShareMin,
    ownerShareMax: g.ownerShareMax,
    solveShare: g.solveShare,
    solveShareMin: g.solveShareMin,
    solveShareMax: g.solveShareMax,
  };
}

/** `g`'s nodes, components and column sums with the stakes of `p` (and its components, if given). */
function assembled(
  g: OwnershipGraph,
  p: StakeParts & Partial<Pick<OwnershipGraph, "sccCount" | "sccStart" | "sccCyclic">>,
): OwnershipGraph {
  const { n, sccOrder } = g;
  const { m, solveStart, solveIdx, ownedStart, ownerIdx } = p;
  let solveEdge: Int32Array | undefined;
  return {
    n,
    ids: g.ids,
    indexOf: g.indexOf,
    hasBounds: g.hasBounds,
    majority: g.majority,
    colSum: g.colSum,
    colSumMin: g.colSumMin,
    colSumMax: g.colSumMax,
    sccCount: g.sccCount,
    sccOrder,
    sccStart: g.sccStart,
    sccOf: g.sccOf,
    sccCyclic: g.sccCyclic,
    solvePos: g.solvePos,
    ...p,
    get solveEdge() {
      if (!solveEdge) {
        // The by-owned position of each stake in solve order: its owned node's stakes, found
        // by the owner (one stake per pair).
        solveEdge = new Int32Array(m);
        for (let q = 0; q < n; q++) {
          const o = sccOrder[q] as number;
          for (let s = solveStart[q] as number; s < (solveStart[q + 1] as number); s++) {
            const d = sccOrder[solveIdx[s] as number] as number;
            let e = ownedStart[d] as number;
            while (ownerIdx[e] !== o) e++;
            solveEdge[s] = e;
          }
        }
      }
      return solveEdge;
    },
  };
}
