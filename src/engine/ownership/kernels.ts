/**
 * The loops of the ownership graph's build and of the look-through solve, each over a range of
 * its input, so that a caller with a helper thread can run two halves at once (`parallel.ts`).
 * Pure functions of typed arrays and numbers: the calling thread and the helper run the same
 * code. Each returns a number (0 when it has nothing to report).
 */
import { OrebookError } from "../../model/errors.js";

type F64 = Float64Array;
type I32 = Int32Array;

export interface KernelArgs {
  bucketCounts: {
    n: number;
    from: number;
    to: number;
    owner: I32;
    owned: I32;
    share: F64;
    lo: F64 | undefined;
    hi: F64 | undefined;
    /** Bucket of an owned node j: j >> shift. */
    shift: number;
    /** counts[b] += stakes held in the nodes of bucket b. */
    counts: I32;
    /** Set to 1 for every owner: the nodes that hold something. */
    holds: Uint8Array;
  };
  bucketPass: {
    from: number;
    to: number;
    shift: number;
    key: I32;
    ints: I32;
    f0: F64;
    f1: F64 | undefined;
    f2: F64 | undefined;
    /** Next free position of each bucket (consumed). */
    fill: I32;
    tk: I32;
    ti: I32;
    t0: F64;
    t1: F64 | undefined;
    t2: F64 | undefined;
  };
  scatterBuckets: {
    /** Buckets from..to − 1; bucket b holds the items of keys b << shift .. (b + 1 << shift) − 1. */
    from: number;
    to: number;
    shift: number;
    /** Number of keys. */
    n: number;
    /** Where each bucket's items start (length buckets + 1). */
    bucketStart: I32;
    k: I32;
    i: I32;
    f0: F64;
    f1: F64 | undefined;
    f2: F64 | undefined;
    ints: I32;
    o0: F64;
    o1: F64 | undefined;
    o2: F64 | undefined;
    /** Written: where each key of the buckets starts. */
    start: I32;
  };
  dedupeColumns: {
    n: number;
    from: number;
    to: number;
    ownedStart: I32;
    ownerIdx: I32;
    share: F64;
    shareMin: F64;
    shareMax: F64;
    bounded: boolean;
    /** From `bucketCounts`: 1 for a node that holds something. */
    holds: Uint8Array;
    /** left[o] += the stakes o holds in nodes that hold something (see `dedupeColumns`). */
    left: I32;
    colSum: F64;
  };
  rowsOf: {
    from: number;
    to: number;
    shift: number;
    ownedStart: I32;
    ownerIdx: I32;
    pos: I32;
    rowOf: I32;
    bucketCount: I32;
  };
  solveBucketPass: {
    from: number;
    to: number;
    shift: number;
    ownedStart: I32;
    /** The row of each stake, from `rowsOf`. */
    rowOf: I32;
    pos: I32;
    share: F64;
    shareMin: F64 | undefined;
    shareMax: F64 | undefined;
    fill: I32;
    tk: I32;
    ti: I32;
    t0: F64;
    t1: F64 | undefined;
    t2: F64 | undefined;
  };
  solveRows: {
    from: number;
    to: number;
    k: number;
    v: F64;
    sh: F64;
    idx: I32;
    rowStart: I32;
  };
  solveTail: {
    /** Components from..to − 1. */
    from: number;
    to: number;
    k: number;
    v: F64;
    sh: F64;
    idx: I32;
    rowStart: I32;
    sccStart: I32;
    sccCyclic: Uint8Array;
    tol: number;
    maxIt: number;
    /** On failure: the solve position of the member to name, the component's size, sweeps. */
    fail: I32;
  };
  touchPages: { a: F64 | I32; from: number; to: number };
  majorityOwners: {
    from: number;
    to: number;
    threshold: number;
    ownedStart: I32;
    ownerIdx: I32;
    share: F64;
    out: I32;
  };
  rootSums: {
    from: number;
    to: number;
    k: number;
    ownedStart: I32;
    /** Row of each node in v (solve order); undefined: node order. */
    pos: I32 | undefined;
    v: F64;
    country: I32;
    /** Σ of v over the roots of each country, added to (`out[country * k + c]`). */
    out: F64;
    /** The roots found, written from position `from` on. */
    roots: I32;
    /** Only the roots at solve positions posFrom..posTo − 1. */
    solvePos: I32;
    posFrom: number;
    posTo: number;
  };
  /** Majority owners, then the pages of fresh arrays mapped (work for a helper otherwise idle). */
  majorityAndTouch: KernelArgs["majorityOwners"] & { touch: (F64 | I32)[] };
  productionRows: {
    nodeFrom: number;
    nodeTo: number;
    count: number;
    node: I32;
    commodity: I32;
    tonnes: F64;
    /** Row of each node in `p` (solve order); undefined: node order. */
    pos: I32 | undefined;
    p: F64;
    k: number;
    /** If given, only the rows of nodes whose `left` is 0 (peeled), or else (`peeled` false). */
    left?: I32 | undefined;
    peeled?: boolean | undefined;
    /** Map p's pages in order first (see `touchPages`). */
    mapFirst?: boolean | undefined;
  };
}

export type KernelName = keyof KernelArgs;

function badShare(index: number, value: number, what: string): never {
  throw new OrebookError(
    "BAD_INPUT",
    `Stake ${index} has ${what} ${value}: expected a fraction between 0 and 1`,
  );
}

/**
 * Checks stakes from..to − 1 (indices in range, shares in [0, 1]) and counts them by bucket of
 * owned nodes (a thousand counters, which stay in the first-level cache).
 */
export function bucketCounts(a: KernelArgs["bucketCounts"]): number {
  const { n, owner, owned, share, lo, hi, shift, counts, holds } = a;
  for (let e = a.from; e < a.to; e++) {
    const d = owned[e] as number;
    const o = owner[e] as number;
    if (!(d >= 0 && d < n))
      throw new OrebookError("BAD_INPUT", `Stake ${e} has an unknown owned index ${d}`);
    if (!(o >= 0 && o < n))
      throw new OrebookError("BAD_INPUT", `Stake ${e} has an unknown owner index ${o}`);
    const s = share[e] as number;
    if (!(s >= 0 && s <= 1)) badShare(e, s, "share");
    if (lo) {
      const x = lo[e] as number;
      if (!(x >= 0 && x <= 1)) badShare(e, x, "shareMin");
    }
    if (hi) {
      const x = hi[e] as number;
      if (!(x >= 0 && x <= 1)) badShare(e, x, "shareMax");
    }
    const b = d >> shift;
    counts[b] = (counts[b] as number) + 1;
    holds[o] = 1;
  }
  return 0;
}

/** Items from..to − 1 appended to their bucket (key >> shift), in order. */
export function bucketPass(a: KernelArgs["bucketPass"]): number {
  const { shift, key, ints, f0, f1, f2, fill, tk, ti, t0, t1, t2 } = a;
  for (let e = a.from; e < a.to; e++) {
    const d = key[e] as number;
    const b = d >> shift;
    const p = fill[b] as number;
    fill[b] = p + 1;
    tk[p] = d;
    ti[p] = ints[e] as number;
    t0[p] = f0[e] as number;
    if (t1 && f1) t1[p] = f1[e] as number;
    if (t2 && f2) t2[p] = f2[e] as number;
  }
  return 0;
}

/**
 * The second pass of the counting sort, bucket by bucket: counts the bucket's items by key, which
 * gives where each of its keys starts (`start`), then puts each item in its key's place (stable).
 * A bucket's items and its keys' counters fit in the cache, so nothing here misses it for long.
 */
export function scatterBuckets(a: KernelArgs["scatterBuckets"]): number {
  const { shift, n, bucketStart, k, i, f0, f1, f2, ints, o0, o1, o2, start } = a;
  const width = 1 << shift;
  const at = new Int32Array(width);
  for (let b = a.from; b < a.to; b++) {
    const lo = b << shift;
    const keys = Math.min(n - lo, width);
    const from = bucketStart[b] as number;
    const to = bucketStart[b + 1] as number;
    at.fill(0, 0, keys);
    for (let e = from; e < to; e++) {
      const d = (k[e] as number) - lo;
      at[d] = (at[d] as number) + 1;
    }
    let p = from;
    for (let d = 0; d < keys; d++) {
      const c = at[d] as number;
      start[lo + d] = p;
      at[d] = p;
      p += c;
    }
    for (let e = from; e < to; e++) {
      const d = (k[e] as number) - lo;
      const q = at[d] as number;
      at[d] = q + 1;
      ints[q] = i[e] as number;
      o0[q] = f0[e] as number;
      if (o1 && f1) o1[q] = f1[e] as number;
      if (o2 && f2) o2[q] = f2[e] as number;
    }
  }
  return 0;
}

const FULL = 1e-12;

/**
 * A column's sum as the graph stores it: within 1e-12 of 1 is fully held and stored as exactly 1
 * (so six-decimal shares leave no phantom public float). The build, its kernels and the patches
 * of a stake all store it so.
 */
export function storedColumnSum(sum: number): number {
  return Math.abs(sum - 1) <= FULL ? 1 : sum;
}

/**
 * What the solve scales a column's shares by: 1 / their sum where the column is stored as fully
 * held but its sum is not exactly 1 (so the solve passes on all of it, as the column retains
 * nothing), else 1.
 */
export function solveScaleOf(sum: number): number {
  return sum !== 1 && storedColumnSum(sum) === 1 ? 1 / sum : 1;
}

/**
 * Sums duplicate (owner, owned) stakes of columns from..to − 1 in place, keeping first-seen order
 * within a column, compacting them from `ownedStart[from]` on (`ownedStart[from..to − 1]` are
 * updated); returns where the compacted columns end. Short columns (almost all) are checked
 * pairwise; long ones through a mark array, allocated only if some column is long. Also sums
 * each column while it is in cache (`colSum`; a sum within 1e-12 of 1 is stored as 1) and counts,
 * for each owner, the stakes it holds in nodes that hold something (`left`): what the peel
 * counts down once the nodes holding nothing, its first generation, are placed; so the peel need
 * not visit the owners of that generation (half the nodes of a register: its assets).
 */
export function dedupeColumns(a: KernelArgs["dedupeColumns"]): number {
  const { n, ownedStart, ownerIdx, share, shareMin, shareMax, bounded, holds, left, colSum } = a;
  let mark: Int32Array | undefined;
  let slot: Int32Array | undefined;
  if (hasLongColumn(ownedStart, a.from, a.to)) {
    mark = new Int32Array(n).fill(-1);
    slot = new Int32Array(n);
  }
  let w = ownedStart[a.from] as number;
  let from = w;
  for (let j = a.from; j < a.to; j++) {
    const to = ownedStart[j + 1] as number;
    ownedStart[j] = w;
    const colStart = w;
    const counted = holds[j] as number;
    const long = mark !== undefined && to - from > 16;
    for (let p = from; p < to; p++) {
      const o = ownerIdx[p] as number;
      let q = -1;
      if (long && mark && slot) {
        if (mark[o] === j) q = slot[o] as number;
      } else {
        for (let r = colStart; r < w; r++) {
          if (ownerIdx[r] === o) {
            q = r;
            break;
          }
        }
      }
      if (q >= 0) {
        share[q] = (share[q] as number) + (share[p] as number);
        if (bounded) {
          shareMin[q] = (shareMin[q] as number) + (shareMin[p] as number);
          shareMax[q] = (shareMax[q] as number) + (shareMax[p] as number);
        }
      } else {
        if (long && mark && slot) {
          mark[o] = j;
          slot[o] = w;
        }
        left[o] = (left[o] as number) + counted;
        if (w !== p) {
          // Moved down over a duplicate (else it is in place already: no write).
          ownerIdx[w] = o;
          share[w] = share[p] as number;
          if (bounded) {
            shareMin[w] = shareMin[p] as number;
            shareMax[w] = shareMax[p] as number;
          }
        }
        w++;
      }
    }
    let sum = 0;
    for (let p = colStart; p < w; p++) sum += share[p] as number;
    colSum[j] = storedColumnSum(sum);
    from = to;
  }
  return w;
}

/**
 * Whether a column of from..to − 1 holds more than 16 stakes. A function of its own: its loop,
 * compiled while it runs, would otherwise be the compiled code of the whole kernel, which then
 * deoptimizes where the next loop starts.
 */
function hasLongColumn(ownedStart: Int32Array, from: number, to: number): boolean {
  for (let j = from; j < to; j++)
    if ((ownedStart[j + 1] as number) - (ownedStart[j] as number) > 16) return true;
  return false;
}

/**
 * The solve-order row of every stake in columns from..to − 1 (its owner's position), and how
 * many of them fall in each bucket of rows.
 */
export function rowsOf(a: KernelArgs["rowsOf"]): number {
  const { shift, ownedStart, ownerIdx, pos, rowOf, bucketCount } = a;
  const end = ownedStart[a.to] as number;
  for (let p = ownedStart[a.from] as number; p < end; p++) {
    const r = pos[ownerIdx[p] as number] as number;
    rowOf[p] = r;
    const b = r >> shift;
    bucketCount[b] = (bucketCount[b] as number) + 1;
  }
  return 0;
}

/**
 * The stakes of columns from..to − 1 appended to the bucket of their solve-order row (row, the
 * owned node's position, shares), column by column.
 */
export function solveBucketPass(a: KernelArgs["solveBucketPass"]): number {
  const { shift, ownedStart, rowOf, pos, share, shareMin, shareMax } = a;
  const { fill, tk, ti, t0, t1, t2 } = a;
  for (let j = a.from; j < a.to; j++) {
    const end = ownedStart[j + 1] as number;
    const pj = pos[j] as number;
    for (let p = ownedStart[j] as number; p < end; p++) {
      const r = rowOf[p] as number;
      const b = r >> shift;
      const t = fill[b] as number;
      fill[b] = t + 1;
      tk[t] = r;
      ti[t] = pj;
      t0[t] = share[p] as number;
      if (t1 && shareMin) t1[t] = shareMin[p] as number;
      if (t2 && shareMax) t2[t] = shareMax[p] as number;
    }
  }
  return 0;
}

/**
 * Rows from..to − 1 of the solve: `v[q] += Σ sh[e] · v[idx[e]]` over the stakes of row q (k
 * values a row; unrolled for the common seven). Rows in the range must not read each other.
 */
export function solveRows(a: KernelArgs["solveRows"]): number {
  const { k, v, sh, idx, rowStart } = a;
  for (let q = a.from; q < a.to; q++) {
    const e = rowStart[q] as number;
    const end = rowStart[q + 1] as number;
    if (e !== end) addStakes(v, q * k, v, sh, idx, e, end, k);
  }
  return 0;
}

/**
 * Adds Σ `sh[e]` · row `idx[e]` of `x` to the row of `out` at `base`, over the stakes e in
 * from..to − 1 (k values a row; unrolled for the common seven).
 */
export function addStakes(
  out: Float64Array,
  base: number,
  x: Float64Array,
  sh: Float64Array,
  idx: Int32Array,
  from: number,
  to: number,
  k: number,
): void {
  if (k === 7) {
    let a0 = out[base] as number;
    let a1 = out[base + 1] as number;
    let a2 = out[base + 2] as number;
    let a3 = out[base + 3] as number;
    let a4 = out[base + 4] as number;
    let a5 = out[base + 5] as number;
    let a6 = out[base + 6] as number;
    for (let e = from; e < to; e++) {
      const s = sh[e] as number;
      const jb = (idx[e] as number) * 7;
      a0 += s * (x[jb] as number);
      a1 += s * (x[jb + 1] as number);
      a2 += s * (x[jb + 2] as number);
      a3 += s * (x[jb + 3] as number);
      a4 += s * (x[jb + 4] as number);
      a5 += s * (x[jb + 5] as number);
      a6 += s * (x[jb + 6] as number);
    }
    out[base] = a0;
    out[base + 1] = a1;
    out[base + 2] = a2;
    out[base + 3] = a3;
    out[base + 4] = a4;
    out[base + 5] = a5;
    out[base + 6] = a6;
    return;
  }
  for (let e = from; e < to; e++) {
    const s = sh[e] as number;
    const jb = (idx[e] as number) * k;
    for (let c = 0; c < k; c++)
      out[base + c] = (out[base + c] as number) + s * (x[jb + c] as number);
  }
}

/**
 * Writes 0 to elements from..to − 1 of a fresh (zeroed) array one page (4 KB) apart, in order.
 * The first write to a page maps it, which costs several times more in random order than in
 * order: an array about to be written at random (the production vector) is touched first.
 */
export function touchPages(a: KernelArgs["touchPages"]): number {
  const { a: x } = a;
  const step = 4096 / x.BYTES_PER_ELEMENT;
  for (let i = a.from; i < a.to; i += step) x[i] = 0;
  return 0;
}

/**
 * Production rows of nodes nodeFrom..nodeTo − 1 summed into `p` (row `pos[node]`, or `node`),
 * reading every row: two threads split the nodes, so no element is written by both.
 */
export function productionRows(a: KernelArgs["productionRows"]): number {
  const { nodeFrom, nodeTo, node, commodity, tonnes, pos, p, k, left } = a;
  if (a.mapFirst === true) touchPages({ a: p, from: 0, to: p.length });
  const peeled = a.peeled !== false;
  for (let r = 0; r < a.count; r++) {
    const j = node[r] as number;
    if (j < nodeFrom || j >= nodeTo) continue;
    if (left !== undefined && ((left[j] as number) === 0) !== peeled) continue;
    const q = (pos ? (pos[j] as number) : j) * k + (commodity[r] as number);
    p[q] = (p[q] as number) + (tonnes[r] as number);
  }
  return 0;
}

/** `solveTail` codes: a large cycle did not converge, a small one has a singular matrix. */
export const TAIL_NOT_CONVERGED = 1;
export const TAIL_SINGULAR = 2;

/**
 * Components from..to − 1 in solve order: an acyclic one adds Σ share · v of what it holds (all
 * solved before it); a cyclic one is solved on its internal stakes (see `solveCycle`). Returns
 * 0, or a TAIL_ code with `fail` = [position of the member to name, size, sweeps].
 */
export function solveTail(a: KernelArgs["solveTail"]): number {
  const { k, v, sh, idx, rowStart, sccStart, sccCyclic } = a;
  const scratch: CycleScratch = {
    acc: new Float64Array(k),
    ext: new Float64Array(16 * k),
    inFrom: new Int32Array(17),
    inEdge: new Int32Array(64),
  };
  for (let comp = a.from; comp < a.to; comp++) {
    const first = sccStart[comp] as number;
    if (sccCyclic[comp] === 1) {
      const code = solveCycle(a, first, sccStart[comp + 1] as number, scratch);
      if (code !== 0) return code;
      continue;
    }
    const e = rowStart[first] as number;
    const end = rowStart[first + 1] as number;
    if (e !== end) addStakes(v, first * k, v, sh, idx, e, end, k);
  }
  return 0;
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

/**
 * The cross-holding component at solve positions first .. last − 1: directly if small, else
 * Gauss–Seidel until every element's change is ≤ tol × |its new value|, plus a polishing sweep.
 * Each member's row of v holds its p on entry. Returns 0, or a TAIL_ code with `fail` filled.
 * Its three steps are functions of their own, so that the thousands of small cycles met first
 * do not leave the large cycles' sweeps without type feedback in one compiled function (which
 * then deoptimizes and recompiles).
 */
function solveCycle(
  a: KernelArgs["solveTail"],
  first: number,
  last: number,
  scratch: CycleScratch,
): number {
  const size = last - first;
  fixedParts(a, first, last, scratch);
  if (size <= DIRECT_MAX) {
    // Small cycles (nearly all: two or three companies holding each other) are solved
    // exactly, (I − W_cc) x = fixed part, instead of swept to the tolerance.
    if (solveSmallCycle(a.idx, a.v, a.k, a.sh, first, size, scratch)) return 0;
    a.fail[0] = first + size - 1;
    a.fail[1] = size;
    return TAIL_SINGULAR;
  }
  return sweepCycle(a, first, last, scratch);
}

/**
 * Each member's fixed part (its row of v, holding p, plus the stakes leading out of the
 * component: read once) into `scratch.ext`, and its stakes inside the component into
 * `scratch.inFrom` / `inEdge`.
 */
function fixedParts(
  a: KernelArgs["solveTail"],
  first: number,
  last: number,
  scratch: CycleScratch,
): void {
  const { k, v, sh, idx: solveIdx, rowStart: solveStart } = a;
  const acc = scratch.acc;
  let { ext, inFrom, inEdge } = scratch;
  const size = last - first;
  if (ext.length < size * k) ext = new Float64Array(size * k * 2);
  if (inFrom.length < size + 1) inFrom = new Int32Array((size + 1) * 2);
  let nIn = 0;
  for (let q = first; q < last; q++) {
    const base = q * k;
    const xb = (q - first) * k;
    inFrom[q - first] = nIn;
    const from = solveStart[q] as number;
    const end = solveStart[q + 1] as number;
    // The stakes inside the component first (a few), then the sum of those leading out.
    for (let e = from; e < end; e++) {
      const t = solveIdx[e] as number;
      if (t >= first && t < last) {
        if (nIn === inEdge.length) {
          const grown = new Int32Array(inEdge.length * 2);
          grown.set(inEdge);
          inEdge = grown;
        }
        inEdge[nIn++] = e;
      }
    }
    if (k === 7) {
      let a0 = v[base] as number;
      let a1 = v[base + 1] as number;
      let a2 = v[base + 2] as number;
      let a3 = v[base + 3] as number;
      let a4 = v[base + 4] as number;
      let a5 = v[base + 5] as number;
      let a6 = v[base + 6] as number;
      for (let e = from; e < end; e++) {
        const t = solveIdx[e] as number;
        if (t >= first && t < last) continue;
        const s = sh[e] as number;
        const jb = t * 7;
        a0 += s * (v[jb] as number);
        a1 += s * (v[jb + 1] as number);
        a2 += s * (v[jb + 2] as number);
        a3 += s * (v[jb + 3] as number);
        a4 += s * (v[jb + 4] as number);
        a5 += s * (v[jb + 5] as number);
        a6 += s * (v[jb + 6] as number);
      }
      ext[xb] = a0;
      ext[xb + 1] = a1;
      ext[xb + 2] = a2;
      ext[xb + 3] = a3;
      ext[xb + 4] = a4;
      ext[xb + 5] = a5;
      ext[xb + 6] = a6;
      continue;
    }
    for (let c = 0; c < k; c++) acc[c] = v[base + c] as number;
    for (let e = from; e < end; e++) {
      const t = solveIdx[e] as number;
      if (t >= first && t < last) continue;
      const s = sh[e] as number;
      const jb = t * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
    for (let c = 0; c < k; c++) ext[xb + c] = acc[c] as number;
  }
  inFrom[size] = nIn;
  scratch.ext = ext;
  scratch.inFrom = inFrom;
  scratch.inEdge = inEdge;
}

/** Gauss–Seidel sweeps over a large component's internal stakes (see `solveCycle`). */
function sweepCycle(
  a: KernelArgs["solveTail"],
  first: number,
  last: number,
  scratch: CycleScratch,
): number {
  const { k, v, sh, idx: solveIdx, tol, maxIt } = a;
  const { acc, ext, inFrom, inEdge } = scratch;
  const size = last - first;
  let sweeps = 0;
  let polish = false;
  for (;;) {
    sweeps++;
    let moved = false;
    for (let q = first; q < last; q++) {
      const base = q * k;
      const xb = (q - first) * k;
      if (k === 7) {
        if (sweep7(v, sh, solveIdx, ext, inFrom, inEdge, q - first, base, tol)) moved = true;
        continue;
      }
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
    else if (sweeps >= maxIt) {
      a.fail[0] = last - 1;
      a.fail[1] = size;
      a.fail[2] = sweeps;
      return TAIL_NOT_CONVERGED;
    }
  }
  return 0;
}

/**
 * One member's Gauss–Seidel update for k = 7: its fixed part plus its stakes inside the
 * component, written to its row of v. Returns whether some value changed by more than
 * tol × |its new value|.
 */
function sweep7(
  v: Float64Array,
  sh: Float64Array,
  idx: Int32Array,
  ext: Float64Array,
  inFrom: Int32Array,
  inEdge: Int32Array,
  r: number,
  base: number,
  tol: number,
): boolean {
  const xb = r * 7;
  let a0 = ext[xb] as number;
  let a1 = ext[xb + 1] as number;
  let a2 = ext[xb + 2] as number;
  let a3 = ext[xb + 3] as number;
  let a4 = ext[xb + 4] as number;
  let a5 = ext[xb + 5] as number;
  let a6 = ext[xb + 6] as number;
  const end = inFrom[r + 1] as number;
  for (let x = inFrom[r] as number; x < end; x++) {
    const e = inEdge[x] as number;
    const s = sh[e] as number;
    const jb = (idx[e] as number) * 7;
    a0 += s * (v[jb] as number);
    a1 += s * (v[jb + 1] as number);
    a2 += s * (v[jb + 2] as number);
    a3 += s * (v[jb + 3] as number);
    a4 += s * (v[jb + 4] as number);
    a5 += s * (v[jb + 5] as number);
    a6 += s * (v[jb + 6] as number);
  }
  const moved =
    Math.abs(a0 - (v[base] as number)) > tol * Math.abs(a0) ||
    Math.abs(a1 - (v[base + 1] as number)) > tol * Math.abs(a1) ||
    Math.abs(a2 - (v[base + 2] as number)) > tol * Math.abs(a2) ||
    Math.abs(a3 - (v[base + 3] as number)) > tol * Math.abs(a3) ||
    Math.abs(a4 - (v[base + 4] as number)) > tol * Math.abs(a4) ||
    Math.abs(a5 - (v[base + 5] as number)) > tol * Math.abs(a5) ||
    Math.abs(a6 - (v[base + 6] as number)) > tol * Math.abs(a6);
  v[base] = a0;
  v[base + 1] = a1;
  v[base + 2] = a2;
  v[base + 3] = a3;
  v[base + 4] = a4;
  v[base + 5] = a5;
  v[base + 6] = a6;
  return moved;
}

/** Cross-holding components up to this size are solved directly rather than iterated. */
const DIRECT_MAX = 8;

/**
 * (I − W_cc) x = e for a component of `size` ≤ DIRECT_MAX members at solve positions
 * first.., with e the members' fixed parts (`ext`) and W_cc the stakes inside (`inEdge`):
 * Gaussian elimination with partial pivoting on the dense size × size matrix, all k right-hand
 * sides at once. Returns false for a singular matrix (a cycle that keeps all its shares inside).
 */
function solveSmallCycle(
  solveIdx: Int32Array,
  v: Float64Array,
  k: number,
  sh: Float64Array,
  first: number,
  size: number,
  scratch: CycleScratch,
): boolean {
  const { ext, inFrom, inEdge } = scratch;
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
    if (!(Math.abs(pv) > 1e-12)) return false;
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
  return true;
}

/** The default control threshold: more than half. */
export const DEFAULT_CONTROL_THRESHOLD = 0.5;

/**
 * The majority owner of nodes from..to − 1: the owner holding more than `threshold` (ties, only
 * possible below one half, to the smaller index), or −1.
 */
export function majorityOwners(a: KernelArgs["majorityOwners"]): number {
  const { threshold, ownedStart, ownerIdx, share, out } = a;
  for (let j = a.from; j < a.to; j++)
    out[j] = majorityOwnerOf(j, threshold, ownedStart, ownerIdx, share);
  return 0;
}

/** The majority owner of node j (see `majorityOwners`), or −1. */
export function majorityOwnerOf(
  j: number,
  threshold: number,
  ownedStart: I32,
  ownerIdx: I32,
  share: F64,
): number {
  const end = ownedStart[j + 1] as number;
  let best = threshold;
  let who = -1;
  for (let e = ownedStart[j] as number; e < end; e++) {
    const s = share[e] as number;
    const o = ownerIdx[e] as number;
    if (s > best || (s === best && who >= 0 && o < who)) {
      best = s;
      who = o;
    }
  }
  return who;
}

/**
 * The roots among nodes from..to − 1 (no stake is held in them), written to `roots` from
 * position `from` on, and Σ of their rows of v per country added to `out`. Returns how many.
 */
export function rootSums(a: KernelArgs["rootSums"]): number {
  const { k, ownedStart, pos, v, country, out, roots, solvePos, posFrom, posTo } = a;
  let r = a.from;
  for (let j = a.from; j < a.to; j++) {
    if (ownedStart[j] !== ownedStart[j + 1]) continue;
    const at = solvePos[j] as number;
    if (at < posFrom || at >= posTo) continue;
    roots[r++] = j;
    const base = (pos ? (pos[j] as number) : j) * k;
    const cb = (country[j] as number) * k;
    for (let c = 0; c < k; c++) out[cb + c] = (out[cb + c] as number) + (v[base + c] as number);
  }
  return r - a.from;
}

export function majorityAndTouch(a: KernelArgs["majorityAndTouch"]): number {
  majorityOwners(a);
  for (const x of a.touch) touchPages({ a: x, from: 0, to: x.length });
  return 0;
}

/** Every kernel by name (what a helper thread runs). */
export const KERNELS: { [K in KernelName]: (a: KernelArgs[K]) => number } = {
  bucketCounts,
  bucketPass,
  scatterBuckets,
  dedupeColumns,
  rowsOf,
  solveBucketPass,
  solveRows,
  solveTail,
  touchPages,
  majorityOwners,
  majorityAndTouch,
  rootSums,
  productionRows,
};
