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
import { OrebookError } from "../model/errors.js";
import { addStakes, type KernelArgs, solveRows } from "./kernels.js";
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
   * A helper thread (`src/parallel/helper.ts`): the rows of each generation of the peeled nodes
   * (`g.peelLevels`) are split between the two threads. Used when p is in shared memory
   * (`parallel.f64`) with `inPlace`, or when the graph is large; the result is the same.
   */
  parallel?: Parallel | undefined;
}

export const DEFAULT_TOLERANCE = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 10_000;

/** Two threads only on graphs with this many stakes, and on generations with this many. */
const PARALLEL_MIN_STAKES = 1 << 17;
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
    g.m >= PARALLEL_MIN_STAKES &&
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
  for (let l = 0; l + 1 < levels.length; l++) {
    const a = levels[l] as number;
    const b = levels[l + 1] as number;
    if (two && (solveStart[b] as number) - (solveStart[a] as number) >= PARALLEL_MIN_ROW_STAKES) {
      const mid = splitAt(solveStart, a, b);
      inHalves(par, "solveRows", rows(mid, b), () => solveRows(rows(a, mid)));
    } else solveRows(rows(a, b));
  }
  const peeled = levels[levels.length - 1] as number;
  const scratch: CycleScratch = {
    acc: new Float64Array(k),
    ext: new Float64Array(16 * k),
    inFrom: new Int32Array(17),
    inEdge: new Int32Array(64),
  };
  // Then the components above the cross-holdings, one after the other.
  for (let comp = peeled; comp < sccCount; comp++) {
    const first = sccStart[comp] as number;
    if (sccCyclic[comp] === 1) {
      const last = sccStart[comp + 1] as number;
      solveCycle(g, p, v, k, sh, first, last, tol, maxIt, scratch);
      continue;
    }
    const end = solveStart[first + 1] as number;
    const e = solveStart[first] as number;
    if (e !== end) addStakes(v, first * k, v, sh, solveIdx, e, end, k);
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

interface CycleScratch {
  acc: Float64Array;
  ext: Float64Array;
  inFrom: Int32Array;
  inEdge: Int32Array;
  /** The dense matrix and right-hand sides of a small cycle's direct solve. */
  dense?: Float64Array;
  rhs?: Float64Array;
}

/** Gauss–Seidel over the cross-holding component at solve positions first .. last − 1. */
function solveCycle(
  g: OwnershipGraph,
  p: Float64Array,
  v: Float64Array,
  k: number,
  sh: Float64Array,
  first: number,
  last: number,
  tol: number,
  maxIt: number,
  scratch: CycleScratch,
): void {
  const { solveStart, solveIdx } = g;
  const acc = scratch.acc;
  let { ext, inFrom, inEdge } = scratch;
  const size = last - first;
  // The stakes leading out of the component are read once: their sum (with p) is the fixed
  // part of each member; the sweeps then read only the stakes inside the component.
  if (ext.length < size * k) ext = new Float64Array(size * k * 2);
  if (inFrom.length < size + 1) inFrom = new Int32Array((size + 1) * 2);
  let nIn = 0;
  for (let q = first; q < last; q++) {
    const base = q * k;
    const xb = (q - first) * k;
    for (let c = 0; c < k; c++) acc[c] = p[base + c] as number;
    inFrom[q - first] = nIn;
    const end = solveStart[q + 1] as number;
    for (let e = solveStart[q] as number; e < end; e++) {
      const t = solveIdx[e] as number;
      if (t >= first && t < last) {
        if (nIn === inEdge.length) {
          const grown = new Int32Array(inEdge.length * 2);
          grown.set(inEdge);
          inEdge = grown;
        }
        inEdge[nIn++] = e;
        continue;
      }
      const s = sh[e] as number;
      const jb = t * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
    for (let c = 0; c < k; c++) ext[xb + c] = acc[c] as number;
  }
  inFrom[size] = nIn;
  if (size <= DIRECT_MAX) {
    // Small cycles (nearly all: two or three companies holding each other) are solved
    // exactly, (I − W_cc) x = fixed part, instead of swept to the tolerance.
    solveSmallCycle(g, v, k, sh, first, size, ext, inFrom, inEdge, scratch);
    scratch.ext = ext;
    scratch.inFrom = inFrom;
    scratch.inEdge = inEdge;
    return;
  }
  let sweeps = 0;
  let polish = false;
  for (;;) {
    sweeps++;
    let moved = false;
    for (let q = first; q < last; q++) {
      const base = q * k;
      const xb = (q - first) * k;
      for (let c = 0; c < k; c++) acc[c] = ext[xb + c] as number;
      const end = inFrom[q - first + 1] as number;
      for (let r = inFrom[q - first] as number; r < end; r++) {
        const e = inEdge[r] as number;
        const s = sh[e] as number;
        const jb = (solveIdx[e] as number) * k;
        for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
      }
      for (let c = 0; c < k; c++) {
        const nv = acc[c] as number;
        if (!moved && Math.abs(nv - (v[base + c] as number)) > tol * Math.abs(nv)) moved = true;
        v[base + c] = nv;
      }
    }
    // Once converged, one more sweep: the error left is then about tolerance × the cycle's
    // contraction, far below the tolerance itself.
    if (polish) break;
    if (!moved) polish = true;
    else if (sweeps >= maxIt) _notConverged(g, g.sccOrder[last - 1] as number, size, sweeps);
  }
  scratch.ext = ext;
  scratch.inFrom = inFrom;
  scratch.inEdge = inEdge;
}

/** Cross-holding components up to this size are solved directly rather than iterated. */
const DIRECT_MAX = 8;

/**
 * (I − W_cc) x = e for a component of `size` ≤ DIRECT_MAX members at solve positions
 * first.., with e the members' fixed parts (`ext`) and W_cc the stakes inside (`inEdge`):
 * Gaussian elimination with partial pivoting on the dense size × size matrix, all k right-hand
 * sides at once. A singular matrix (a cycle that keeps all its shares inside) is reported as
 * `INVALID_DATA`, like a cycle that does not converge.
 */
function solveSmallCycle(
  g: OwnershipGraph,
  v: Float64Array,
  k: number,
  sh: Float64Array,
  first: number,
  size: number,
  ext: Float64Array,
  inFrom: Int32Array,
  inEdge: Int32Array,
  scratch: CycleScratch,
): void {
  const { solveIdx } = g;
  scratch.dense ??= new Float64Array(DIRECT_MAX * DIRECT_MAX);
  if (scratch.rhs === undefined || scratch.rhs.length < DIRECT_MAX * k)
    scratch.rhs = new Float64Array(DIRECT_MAX * k);
  const a = scratch.dense;
  const b = scratch.rhs;
  a.fill(0, 0, size * size);
  for (let r = 0; r < size; r++) {
    a[r * size + r] = 1;
    for (let c = 0; c < k; c++) b[r * k + c] = ext[r * k + c] as number;
    const end = inFrom[r + 1] as number;
    for (let x = inFrom[r] as number; x < end; x++) {
      const e = inEdge[x] as number;
      const col = (solveIdx[e] as number) - first;
      a[r * size + col] = (a[r * size + col] as number) - (sh[e] as number);
    }
  }
  for (let c0 = 0; c0 < size; c0++) {
    let piv = c0;
    for (let r = c0 + 1; r < size; r++)
      if (Math.abs(a[r * size + c0] as number) > Math.abs(a[piv * size + c0] as number)) piv = r;
    const pv = a[piv * size + c0] as number;
    if (!(Math.abs(pv) > 1e-12)) {
      throw new OrebookError(
        "INVALID_DATA",
        `Look-through has no solution in a cross-holding cycle of ${size} nodes including "${g.ids[g.sccOrder[first + size - 1] as number]}": the cycle must leave some share to holders outside it`,
        { details: { node: g.ids[g.sccOrder[first + size - 1] as number], size } },
      );
    }
    if (piv !== c0) {
      for (let c = 0; c < size; c++) {
        const t = a[c0 * size + c] as number;
        a[c0 * size + c] = a[piv * size + c] as number;
        a[piv * size + c] = t;
      }
      for (let c = 0; c < k; c++) {
        const t = b[c0 * k + c] as number;
        b[c0 * k + c] = b[piv * k + c] as number;
        b[piv * k + c] = t;
      }
    }
    for (let r = c0 + 1; r < size; r++) {
      const f = (a[r * size + c0] as number) / pv;
      if (f === 0) continue;
      for (let c = c0; c < size; c++)
        a[r * size + c] = (a[r * size + c] as number) - f * (a[c0 * size + c] as number);
      for (let c = 0; c < k; c++)
        b[r * k + c] = (b[r * k + c] as number) - f * (b[c0 * k + c] as number);
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    const d = a[r * size + r] as number;
    for (let c = 0; c < k; c++) {
      let x = b[r * k + c] as number;
      for (let q = r + 1; q < size; q++)
        x -= (a[r * size + q] as number) * (b[q * k + c] as number);
      b[r * k + c] = x / d;
    }
  }
  for (let r = 0; r < size; r++)
    for (let c = 0; c < k; c++) v[(first + r) * k + c] = b[r * k + c] as number;
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
  checkNode(g, holder);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const maxIt = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const sh = sharesFor(g, opts.bound ?? "share");
  const { ownedStart, ownerIdx, sccOf, sccCyclic, solvePos, solveStart, solveIdx, sccOrder } = g;
  // Everything holder reaches; a component is reached whole or not at all.
  const seen = new Uint8Array(g.n);
  const nodes = [holder];
  seen[holder] = 1;
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
  nodes.sort((a, b) => (sccOf[b] as number) - (sccOf[a] as number));
  const h = new Float64Array(g.n);
  let q = 0;
  while (q < nodes.length) {
    const comp = sccOf[nodes[q] as number] as number;
    let last = q + 1;
    while (last < nodes.length && sccOf[nodes[last] as number] === comp) last++;
    let sweeps = 0;
    for (;;) {
      sweeps++;
      let moved = false;
      for (let r = q; r < last; r++) {
        const j = nodes[r] as number;
        let x = j === holder ? 1 : 0;
        const end = ownedStart[j + 1] as number;
        for (let e = ownedStart[j] as number; e < end; e++) {
          x += (sh[e] as number) * (h[ownerIdx[e] as number] as number);
        }
        if (Math.abs(x - (h[j] as number)) > tol * Math.abs(x)) moved = true;
        h[j] = x;
      }
      if (!moved || sccCyclic[comp] === 0) break;
      if (sweeps >= maxIt) _notConverged(g, nodes[q] as number, last - q, sweeps);
    }
    q = last;
  }
  return h;
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
  const sh = solveSharesFor(g, bound);
  const col = colSumFor(g, bound);
  const { ownedStart, ownerIdx, sccOf, sccCyclic, solvePos, solveStart, solveIdx, sccOrder } = g;
  const seen = new Uint8Array(g.n);
  const nodes = reach(node, seen, ownedStart, ownerIdx);
  nodes.sort((a, b) => (sccOf[a] as number) - (sccOf[b] as number));
  const v = new Float64Array(g.n);
  let q = 0;
  while (q < nodes.length) {
    const comp = sccOf[nodes[q] as number] as number;
    let last = q + 1;
    while (last < nodes.length && sccOf[nodes[last] as number] === comp) last++;
    let sweeps = 0;
    for (;;) {
      sweeps++;
      let moved = false;
      for (let r = q; r < last; r++) {
        const i = nodes[r] as number;
        let x = i === node ? 1 : 0;
        const row = solvePos[i] as number;
        const end = solveStart[row + 1] as number;
        // Owned nodes outside the reached set hold 0 of node: reading them adds nothing.
        for (let e = solveStart[row] as number; e < end; e++) {
          x += (sh[e] as number) * (v[sccOrder[solveIdx[e] as number] as number] as number);
        }
        if (Math.abs(x - (v[i] as number)) > tol * Math.abs(x)) moved = true;
        v[i] = x;
      }
      if (!moved || sccCyclic[comp] === 0) break;
      if (sweeps >= maxIt) _notConverged(g, nodes[q] as number, last - q, sweeps);
    }
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
