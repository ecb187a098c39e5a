/**
 * Look-through (integrated) ownership: attributable production `v = p + W v`, i.e.
 * `v = (I − W)⁻¹ p` (docs/methodology.md, "Look-through interest").
 *
 * One pass over the strongly connected components in solve order (owned before owner): an
 * acyclic node reads its owned nodes' final values once; a cross-holding cycle is iterated
 * Gauss–Seidel until every element's change is ≤ tolerance × |its new value|. All k
 * right-hand sides (commodities) go through the same pass.
 *
 * @example
 * const v = lookThrough(g, p, 7); // p and v node-major: v[i * 7 + c]
 */
import { OrebookError } from "../../model/errors.js";
import {
  addStakes,
  type KernelArgs,
  solveRows,
  solveTail,
  TAIL_NOT_CONVERGED,
  TAIL_SINGULAR,
} from "./kernels.js";
import { colSumFor, type OwnershipGraph, sharesFor, solveSharesFor } from "./ownership-graph.js";
import { inHalves, type Parallel, SERIAL, splitAt } from "./parallel.js";

/** Which share of each stake to use: the preferred one, or the low or high end of its range. */
export type ShareBound = "share" | "min" | "max";

export interface LookThroughOptions {
  bound?: ShareBound;
  /** Elementwise relative change at which a cycle counts as converged; default 1e-12. */
  tolerance?: number;
  /** Gauss–Seidel sweeps allowed per cyclic component; default 10,000. */
  maxIterations?: number;
  /**
   * How `p` and the result are indexed: by node (default) or by solve position (row
   * `g.solvePos[i]` holds node i), which saves permuting them in and out on large graphs.
   */
  order?: "node" | "solve";
  /**
   * With `order: "solve"`: write the solution into `p` and return it, instead of a copy (saves
   * n × k values of memory and the copy; the caller must not need `p` afterwards).
   */
  inPlace?: boolean;
  /**
   * A helper thread (`src/runtime/engine-helper.ts`): the rows of each generation of the peeled
   * nodes (`g.peelLevels`) are split between the two threads, the components above the cycles
   * run on the helper beside `meanwhile`, and the rows of the nodes no one holds
   * (`g.unheldFrom`) are split again. Used on graphs of at least `minStakes` stakes
   * built with the helper (their arrays are shared), with p in shared memory when `inPlace`;
   * the result is the same.
   */
  parallel?: Parallel | undefined;
  /**
   * Work for the calling thread while the helper solves the components above the cycles (one
   * thread's work): e.g. control, which does not need the solve. Runs after the solve without a
   * helper. With `order: "solve"` and `inPlace`, it may read the rows of p below
   * `g.peelLevels`' last entry (the peeled nodes: solved by then), nothing else of the solution.
   */
  meanwhile?: (() => void) | undefined;
}

export const DEFAULT_TOLERANCE = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 10_000;

/** Two threads only on generations with this many stakes. */
const PARALLEL_MIN_ROW_STAKES = 1 << 14;

/** @internal Throws the error for a cycle that does not converge (column sums of 1 all round). */
export function _notConverged(
  g: OwnershipGraph,
  member: number,
  size: number,
  sweeps: number,
): never {
  throw new OrebookError(
    "INVALID_DATA",
    `Look-through did not converge after ${sweeps} sweeps in a cross-holding cycle of ${size} nodes including "${g.ids[member]}": the cycle must leave some share to holders outside it`,
    { details: { node: g.ids[member], size, sweeps } },
  );
}

/**
 * Solves `v = p + W v` for k right-hand sides. `p` and the result are node-major
 * (`v[i * k + c]`); `W[i][j]` is the share of j held by i. With `order: "solve"` row q of `p`
 * and of the result belongs to node `g.sccOrder[q]`.
 */
export function lookThrough(
  g: OwnershipGraph,
  p: Float64Array,
  k: number,
  opts: LookThroughOptions = {},
): Float64Array {
  if (p.length !== g.n * k) {
    throw new OrebookError(
      "BAD_INPUT",
      `Expected ${g.n * k} values (${g.n} nodes × ${k}), got ${p.length}`,
    );
  }
  if (opts.order === "solve") return solveInOrder(g, p, k, opts);
  const v = solveInOrder(g, toSolveOrder(g, p, k), k, opts);
  return toNodeOrder(g, v, k);
}

/** Node-major rows permuted into solve order: row q is node `sccOrder[q]`. */
export function toSolveOrder(g: OwnershipGraph, x: Float64Array, k: number): Float64Array {
  const { n, sccOrder } = g;
  const out = new Float64Array(n * k);
  for (let q = 0; q < n; q++) {
    const from = (sccOrder[q] as number) * k;
    const to = q * k;
    for (let c = 0; c < k; c++) out[to + c] = x[from + c] as number;
  }
  return out;
}

/** Solve-order rows permuted back to node order. */
export function toNodeOrder(g: OwnershipGraph, x: Float64Array, k: number): Float64Array {
  const { n, sccOrder } = g;
  const out = new Float64Array(n * k);
  for (let q = 0; q < n; q++) {
    const to = (sccOrder[q] as number) * k;
    const from = q * k;
    for (let c = 0; c < k; c++) out[to + c] = x[from + c] as number;
  }
  return out;
}

/**
 * The solve proper, in solve positions: an acyclic node reads the final values of what it holds
 * once; a cyclic component is swept Gauss–Seidel. Positions increase owned before owner, so
 * the pass writes sequentially and most reads land close behind it.
 */
function solveInOrder(
  g: OwnershipGraph,
  p: Float64Array,
  k: number,
  opts: LookThroughOptions,
): Float64Array {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const maxIt = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const sh = solveSharesFor(g, opts.bound ?? "share");
  const { solveStart, solveIdx, sccStart, sccCyclic, sccCount } = g;
  // In place is safe: a node's row still holds its p when its component is reached.
  const par = opts.parallel ?? SERIAL;
  const inPlace = opts.inPlace === true && opts.order === "solve";
  // Two threads only on shared memory; a copy is made there when p is not written in place.
  const two =
    par.threads > 1 &&
    g.m >= par.minStakes &&
    solveStart.buffer instanceof SharedArrayBuffer &&
    solveIdx.buffer instanceof SharedArrayBuffer &&
    sh.buffer instanceof SharedArrayBuffer &&
    (!inPlace || p.buffer instanceof SharedArrayBuffer);
  let v: Float64Array;
  if (inPlace) v = p;
  else if (two) {
    v = par.f64(p.length);
    v.set(p);
  } else v = new Float64Array(p);
  // The peeled nodes, generation by generation; with two threads each takes half of the stakes
  // of a large generation.
  const levels = g.peelLevels;
  const rows = (from: number, to: number): KernelArgs["solveRows"] => ({
    from,
    to,
    k,
    v,
    sh,
    idx: solveIdx,
    rowStart: solveStart,
  });
  /** Rows a..b − 1, which read none of each other: in two halves when they hold many stakes. */
  const rowsAtOnce = (a: number, b: number): void => {
    if (two && (solveStart[b] as number) - (solveStart[a] as number) >= PARALLEL_MIN_ROW_STAKES) {
      const mid = splitAt(solveStart, a, b);
      inHalves(par, "solveRows", rows(mid, b), () => solveRows(rows(a, mid)));
    } else solveRows(rows(a, b));
  };
  for (let l = 0; l + 1 < levels.length; l++) {
    const a = levels[l] as number;
    const b = levels[l + 1] as number;
    // Rows holding nothing (the first generation) are solved already: v = p.
    if (solveStart[b] !== solveStart[a]) rowsAtOnce(a, b);
  }
  const peeled = levels[levels.length - 1] as number;
  // Then the components above the cross-holdings, one after the other: on the helper when the
  // caller has work for this thread meanwhile (`opts.meanwhile`), else here; the rows no one
  // reads (nodes no one holds) last, split between the threads.
  const unheldFrom = g.unheldFrom;
  const fail = par.i32(3);
  const tail: KernelArgs["solveTail"] = {
    from: peeled,
    to: sccCount - (g.n - unheldFrom),
    k,
    v,
    sh,
    idx: solveIdx,
    rowStart: solveStart,
    sccStart,
    sccCyclic,
    tol,
    maxIt,
    fail,
  };
  let code: number;
  const helped =
    two &&
    opts.meanwhile !== undefined &&
    sccStart.buffer instanceof SharedArrayBuffer &&
    sccCyclic.buffer instanceof SharedArrayBuffer;
  if (helped) {
    const [, c] = inHalves(par, "solveTail", tail, () => {
      opts.meanwhile?.();
      return 0;
    });
    code = c;
  } else code = solveTail(tail);
  if (code === 0) rowsAtOnce(unheldFrom, g.n);
  if (!helped) opts.meanwhile?.();
  if (code === TAIL_NOT_CONVERGED) {
    _notConverged(g, g.sccOrder[fail[0] as number] as number, fail[1] as number, fail[2] as number);
  }
  if (code === TAIL_SINGULAR) {
    const node = g.ids[g.sccOrder[fail[0] as number] as number];
    throw new OrebookError(
      "INVALID_DATA",
      `Look-through has no solution in a cross-holding cycle of ${fail[1]} nodes including "${node}": the cycle must leave some share to holders outside it`,
      { details: { node, size: fail[1] } },
    );
  }
  return v;
}

/**
 * y = W x in solve order (row q of x and y is node `sccOrder[q]`): one pass over the stakes in
 * the solve's layout and with its inner loop, the floor a solve can approach (the benchmark
 * times it).
 */
export function stakePass(
  g: OwnershipGraph,
  x: Float64Array,
  k: number,
  bound: ShareBound = "share",
): Float64Array {
  const { n, solveStart, solveIdx } = g;
  const sh = solveSharesFor(g, bound);
  const y = new Float64Array(n * k);
  for (let q = 0; q < n; q++)
    addStakes(y, q * k, x, sh, solveIdx, solveStart[q] as number, solveStart[q + 1] as number, k);
  return y;
}

/**
 * Per graph, a node-sized mark and value array that the one-node solves below borrow and
 * leave zeroed (they clear only what they touched), so a look-through of one node costs what
 * reaches it, not the size of the graph. Kept by the graph's node ids, which a stake added or
 * patched in place (and a rebuild from the same ids) keeps: the first read after such a write
 * does not allocate them again (nine megabytes at a million nodes, and at times a collection).
 */
const scratches = new WeakMap<readonly string[], { seen: Uint8Array; x: Float64Array }>();

function borrow(g: OwnershipGraph): { seen: Uint8Array; x: Float64Array } {
  let s = scratches.get(g.ids);
  if (!s || s.seen.length !== g.n) {
    s = { seen: new Uint8Array(g.n), x: new Float64Array(g.n) };
    scratches.set(g.ids, s);
  }
  scratches.delete(g.ids); // a nested call (none today) would get fresh arrays, not these
  return s;
}

function giveBack(
  g: OwnershipGraph,
  s: { seen: Uint8Array; x: Float64Array },
  nodes: readonly number[],
): void {
  for (const i of nodes) {
    s.seen[i] = 0;
    s.x[i] = 0;
  }
  scratches.set(g.ids, s);
}

/** The working arrays the one-node solves of `g` would borrow now (for tests). */
export function _scratchOf(g: OwnershipGraph): { seen: Uint8Array; x: Float64Array } | undefined {
  return scratches.get(g.ids);
}

/**
 * What `holder` ultimately holds: `h = e_holder + Wᵀ h`, so `h[j]` is the integrated interest of
 * holder in j over every ownership path (`h[holder]` ≥ 1 when holder sits in a cycle). Only the
 * nodes below holder are visited.
 */
export function holdingsOf(
  g: OwnershipGraph,
  holder: number,
  opts: LookThroughOptions = {},
): Float64Array {
  const { nodes, values } = holdingsReached(g, holder, opts);
  const h = new Float64Array(g.n);
  for (let q = 0; q < nodes.length; q++) h[nodes[q] as number] = values[q] as number;
  return h;
}

/**
 * `holdingsOf` as the nodes holder reaches (itself first) and their values: what a report of
 * one node reads, without a node-sized result.
 */
export function holdingsReached(
  g: OwnershipGraph,
  holder: number,
  opts: LookThroughOptions = {},
): { nodes: number[]; values: Float64Array } {
  checkNode(g, holder);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const maxIt = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const sh = sharesFor(g, opts.bound ?? "share");
  const { ownedStart, ownerIdx, sccOf, sccCyclic, solvePos, solveStart, solveIdx, sccOrder } = g;
  const scratch = borrow(g);
  const { seen, x: h } = scratch;
  // Everything holder reaches; a component is reached whole or not at all.
  const nodes = [holder];
  seen[holder] = 1;
  try {
    for (let q = 0; q < nodes.length; q++) {
      const row = solvePos[nodes[q] as number] as number;
      const end = solveStart[row + 1] as number;
      for (let e = solveStart[row] as number; e < end; e++) {
        const y = sccOrder[solveIdx[e] as number] as number;
        if (seen[y] === 0) {
          seen[y] = 1;
          nodes.push(y);
        }
      }
    }
    // Owner before owned: descending component number.
    const order = inComponentOrder(nodes, sccOf, true);
    let q = 0;
    while (q < order.length) {
      const comp = sccOf[order[q] as number] as number;
      let last = q + 1;
      while (last < order.length && sccOf[order[last] as number] === comp) last++;
      let sweeps = 0;
      for (;;) {
        sweeps++;
        let moved = false;
        for (let r = q; r < last; r++) {
          const j = order[r] as number;
          let x = j === holder ? 1 : 0;
          const end = ownedStart[j + 1] as number;
          for (let e = ownedStart[j] as number; e < end; e++) {
            x += (sh[e] as number) * (h[ownerIdx[e] as number] as number);
          }
          if (Math.abs(x - (h[j] as number)) > tol * Math.abs(x)) moved = true;
          h[j] = x;
        }
        if (!moved || sccCyclic[comp] === 0) break;
        if (sweeps >= maxIt) _notConverged(g, order[q] as number, last - q, sweeps);
      }
      q = last;
    }
    const values = new Float64Array(nodes.length);
    for (let r = 0; r < nodes.length; r++) values[r] = h[nodes[r] as number] as number;
    return { nodes, values };
  } finally {
    giveBack(g, scratch, nodes);
  }
}

/**
 * Who ultimately owns `node`: with `p = e_node`, the part each node retains,
 * `r_j = (1 − colSum_j) · v_j`. A root retains all it receives; a partly-owned node retains its
 * unrecorded (public float / unknown) remainder. Σ r = 1 (conservation). Returns the nodes with
 * `r_j > 1e-15`, largest first (ties by index).
 */
export function ultimateOwnersOf(
  g: OwnershipGraph,
  node: number,
  opts: LookThroughOptions = {},
): { index: number; share: number }[] {
  checkNode(g, node);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const maxIt = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const bound = opts.bound ?? "share";
  const col = colSumFor(g, bound);
  const { ownedStart, ownerIdx } = g;
  const scratch = borrow(g);
  const { seen, x: v } = scratch;
  const nodes = reach(node, seen, ownedStart, ownerIdx);
  try {
    return ownersFrom(g, node, nodes, v, sharesFor(g, bound), col, tol, maxIt, g);
  } finally {
    giveBack(g, scratch, nodes);
  }
}

/**
 * `nodes` sorted by component number (ascending, or descending), nodes of one component in
 * the order given: a stable sort, made as a sort of numbers (the component number times the
 * count, plus the position) without a comparison called per pair.
 */
function inComponentOrder(
  nodes: readonly number[],
  sccOf: Int32Array,
  descending: boolean,
): number[] {
  const m = nodes.length;
  const keys = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const c = sccOf[nodes[r] as number] as number;
    keys[r] = (descending ? -c : c) * m + r;
  }
  keys.sort();
  const out = new Array<number>(m);
  for (let r = 0; r < m; r++) {
    const k = keys[r] as number;
    const c = Math.floor(k / m);
    out[r] = nodes[k - c * m] as number;
  }
  return out;
}

/**
 * What each reached node ultimately holds of `node`, in solve order (owned first), pushed up:
 * each reached node, once its value is known, adds its share times its value to its owners
 * (a node outside any cycle takes it in its value, a member of a cycle in what reaches the
 * cycle from outside it). The work is the stakes among the reached nodes: an owner of sixty
 * thousand holdings costs what it holds of the reached ones, not sixty thousand reads per
 * bound (and per sweep, inside a cycle). The members of a cycle are swept until they settle,
 * each reading the stakes it holds in the cycle.
 */
function ownersFrom(
  g: OwnershipGraph,
  node: number,
  reached: readonly number[],
  v: Float64Array,
  byOwned: Float64Array,
  col: Float64Array,
  tol: number,
  maxIt: number,
  a: Pick<OwnershipGraph, "sccOf" | "sccCyclic" | "ownedStart" | "ownerIdx">,
): { index: number; share: number }[] {
  const { sccOf, sccCyclic, ownedStart, ownerIdx } = a;
  const nodes = inComponentOrder(reached, sccOf, false);
  // What reaches each cycle member from the reached nodes outside its cycle.
  const fromOutside = new Map<number, number>();
  const push = (y: number) => {
    const vy = v[y] as number;
    if (vy === 0) return;
    const cy = sccOf[y] as number;
    const end = ownedStart[y + 1] as number;
    for (let e = ownedStart[y] as number; e < end; e++) {
      const x = ownerIdx[e] as number;
      const cx = sccOf[x] as number;
      const part = (byOwned[e] as number) * vy;
      if (sccCyclic[cx] === 0) v[x] = (v[x] as number) + part;
      else if (cx !== cy) fromOutside.set(x, (fromOutside.get(x) ?? 0) + part);
    }
  };
  let q = 0;
  while (q < nodes.length) {
    const comp = sccOf[nodes[q] as number] as number;
    let last = q + 1;
    while (last < nodes.length && sccOf[nodes[last] as number] === comp) last++;
    if (sccCyclic[comp] === 0) {
      // One node outside any cycle: its holdings have pushed their part already.
      const i = nodes[q] as number;
      if (i === node) v[i] = (v[i] as number) + 1;
      push(i);
      q = last;
      continue;
    }
    // The stakes inside the cycle, by holder: [held, share] pairs.
    const inside = new Map<number, number[]>();
    for (let r = q; r < last; r++) {
      const y = nodes[r] as number;
      for (let e = ownedStart[y] as number; e < (ownedStart[y + 1] as number); e++) {
        const x = ownerIdx[e] as number;
        if (sccOf[x] !== comp) continue;
        const list = inside.get(x);
        if (list) list.push(y, byOwned[e] as number);
        else inside.set(x, [y, byOwned[e] as number]);
      }
    }
    let sweeps = 0;
    for (;;) {
      sweeps++;
      let moved = false;
      for (let r = q; r < last; r++) {
        const i = nodes[r] as number;
        let x = (i === node ? 1 : 0) + (fromOutside.get(i) ?? 0);
        const list = inside.get(i) ?? [];
        for (let k = 0; k < list.length; k += 2)
          x += (list[k + 1] as number) * (v[list[k] as number] as number);
        if (Math.abs(x - (v[i] as number)) > tol * Math.abs(x)) moved = true;
        v[i] = x;
      }
      if (!moved) break;
      if (sweeps >= maxIt) _notConverged(g, nodes[q] as number, last - q, sweeps);
    }
    for (let r = q; r < last; r++) push(nodes[r] as number);
    q = last;
  }
  const out: { index: number; share: number }[] = [];
  for (const i of nodes) {
    const r = (1 - (col[i] as number)) * (v[i] as number);
    if (r > 1e-15) out.push({ index: i, share: r });
  }
  out.sort((a, b) => b.share - a.share || a.index - b.index);
  return out;
}

/**
 * The retained decomposition of a solved production vector: `r = (1 − colSum) ⊙ v`, node-major
 * n × k. Σ_i r[i, c] = Σ_i p[i, c] for every c.
 */
export function retainedFrom(
  g: OwnershipGraph,
  v: Float64Array,
  k: number,
  bound: ShareBound = "share",
): Float64Array {
  if (v.length !== g.n * k) {
    throw new OrebookError(
      "BAD_INPUT",
      `Expected ${g.n * k} values (${g.n} nodes × ${k}), got ${v.length}`,
    );
  }
  const col = colSumFor(g, bound);
  const r = new Float64Array(v.length);
  for (let i = 0; i < g.n; i++) {
    const keep = 1 - (col[i] as number);
    if (keep === 0) continue;
    const base = i * k;
    for (let c = 0; c < k; c++) r[base + c] = keep * (v[base + c] as number);
  }
  return r;
}

function checkNode(g: OwnershipGraph, i: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i < g.n)) {
    throw new OrebookError("BAD_INPUT", `Node index ${i} is out of range 0..${g.n - 1}`);
  }
}

/** Every node reachable from `from` along `adj` (itself included), breadth first. */
function reach(from: number, seen: Uint8Array, start: Int32Array, adj: Int32Array): number[] {
  const out = [from];
  seen[from] = 1;
  for (let q = 0; q < out.length; q++) {
    const x = out[q] as number;
    const end = start[x + 1] as number;
    for (let e = start[x] as number; e < end; e++) {
      const y = adj[e] as number;
      if (seen[y] === 0) {
        seen[y] = 1;
        out.push(y);
      }
    }
  }
  return out;
}
