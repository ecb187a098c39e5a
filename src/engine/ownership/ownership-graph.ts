/**
 * The ownership graph in flat typed arrays (compressed sparse columns and rows), with its
 * strongly connected components found once at build. Every solve in `engine/` reads this shape;
 * nothing here allocates per edge.
 *
 * `W[i][j]` is the share of node j held directly by node i. The stakes held IN j are positions
 * `ownedStart[j] .. ownedStart[j + 1] - 1` of `ownerIdx` / `share` / `shareMin` / `shareMax`; the
 * stakes i holds are positions `ownerStart[i] .. ownerStart[i + 1] - 1` of `ownedIdx`, `edgeOf`
 * (the position in the by-owned arrays) and `ownerShare*` (the same shares, by owner).
 *
 * @example
 * const g = ownershipGraphFrom(["a", "b", "m"], [
 *   { owner: "a", owned: "m", share: 0.6 },
 *   { owner: "b", owned: "m", share: 0.3 },
 * ]);
 * g.colSum[g.indexOf.get("m")!]; // 0.9: the other 10% is public float / unknown
 */
import { OrebookError } from "../../model/errors.js";
import {
  bucketCounts,
  bucketPass,
  DEFAULT_CONTROL_THRESHOLD,
  dedupeColumns,
  type KernelArgs,
  productionRows,
  rowsOf,
  scatterBuckets,
  solveBucketPass,
  solveScaleOf,
  storedColumnSum,
  touchPages,
} from "./kernels.js";
import { inHalves, type Parallel, SERIAL, splitAt } from "./parallel.js";

/** One direct stake: `owner` holds `share` (0–1) of `owned`, optionally within [shareMin, shareMax]. */
export interface StakeEdge {
  owner: string;
  owned: string;
  share: number;
  shareMin?: number | undefined;
  shareMax?: number | undefined;
}

export interface OwnershipGraph {
  readonly n: number;
  /** Number of distinct (owner, owned) stakes after summing duplicates. */
  readonly m: number;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  // --- by owned node (CSC of W)
  readonly ownedStart: Int32Array;
  readonly ownerIdx: Int32Array;
  readonly share: Float64Array;
  /** Same array as `share` when no stake carries a lower bound. */
  readonly shareMin: Float64Array;
  /** Same array as `share` when no stake carries an upper bound. */
  readonly shareMax: Float64Array;
  // --- by owner (CSR of W), in node numbering; built on first use (the solve reads `solve*`)
  readonly ownerStart: Int32Array;
  readonly ownedIdx: Int32Array;
  /** Position in the by-owned arrays of each by-owner stake. */
  readonly edgeOf: Int32Array;
  /** `share[edgeOf[e]]`, stored by owner so that solves read it sequentially. */
  readonly ownerShare: Float64Array;
  readonly ownerShareMin: Float64Array;
  readonly ownerShareMax: Float64Array;
  /** True when some stake has shareMin or shareMax different from share. */
  readonly hasBounds: boolean;
  /**
   * Σ of the shares held in j. A sum within 1e-12 of 1 is stored as exactly 1 (fully held), so
   * rounding in six-decimal shares does not leave a phantom public float.
   */
  readonly colSum: Float64Array;
  readonly colSumMin: Float64Array;
  readonly colSumMax: Float64Array;
  // --- strongly connected components (iterative Tarjan on owner → owned)
  readonly sccCount: number;
  /** Nodes in solve order, owned before owner; each component's members are contiguous. */
  readonly sccOrder: Int32Array;
  /** Component c is `sccOrder[sccStart[c] .. sccStart[c + 1] - 1]`; length sccCount + 1. */
  readonly sccStart: Int32Array;
  /** Component of each node; components are numbered in solve order (owned first). */
  readonly sccOf: Int32Array;
  /** 1 where the component is a cross-holding cycle (more than one member, or a self-stake). */
  readonly sccCyclic: Uint8Array;
  /**
   * Solve positions 0 .. peeled − 1 hold the nodes placed by peeling from the bottom, each an
   * acyclic component of its own (component number = position), in generations:
   * positions `peelLevels[l] .. peelLevels[l + 1] − 1` hold only nodes of earlier generations,
   * so the rows of one generation can be solved in any order, or at once. The last entry is
   * the number of peeled nodes.
   */
  readonly peelLevels: Int32Array;
  /**
   * Solve positions `unheldFrom .. n − 1` hold nodes above the peeled ones that no one holds
   * (each an acyclic component of its own): their rows read only earlier rows and none reads
   * theirs, so they can be solved last and at once.
   */
  readonly unheldFrom: number;
  /**
   * The majority owner of each node at the default control threshold (more than half), or −1,
   * when the build computed it (on its helper thread, beside the peel); see `majorityOwners`.
   */
  readonly majority?: Int32Array | undefined;
  // --- by owner, renumbered in solve order (what `lookThrough` reads; internal numbering)
  /** Position of each node in solve order: `sccOrder[solvePos[i]] === i`. */
  readonly solvePos: Int32Array;
  /**
   * The stakes held by the node at solve position q are positions
   * `solveStart[q] .. solveStart[q + 1] - 1` of `solveIdx` (the owned node's solve position),
   * `solveShare*` and `solveEdge` (the position in the by-owned arrays). Nodes are numbered so
   * that owned nodes come before their owners (outside cycles) and a depth-first walk keeps most
   * owners next to what they hold: the solve reads memory nearly in order.
   */
  readonly solveStart: Int32Array;
  readonly solveIdx: Int32Array;
  readonly solveEdge: Int32Array;
  readonly solveShare: Float64Array;
  readonly solveShareMin: Float64Array;
  readonly solveShareMax: Float64Array;
}

/** Stakes already mapped to dense node indices (the fast path for large imports). */
export interface IndexedStakes {
  owner: Int32Array;
  owned: Int32Array;
  share: Float64Array;
  /** Defaults to `share` (positions must match). */
  shareMin?: Float64Array | undefined;
  shareMax?: Float64Array | undefined;
  /** Number of stakes to read; defaults to `owner.length`. */
  count?: number | undefined;
}

export interface GraphBuildOptions {
  /**
   * A helper thread for the large loops (`src/runtime/engine-helper.ts`); the result is the same
   * with or without. Used on graphs of more than 65,536 nodes and at least `minStakes` stakes;
   * stakes given in shared memory (`parallel.i32` / `f64`) let the first passes use it too.
   */
  parallel?: Parallel | undefined;
  /**
   * Production to lay out in solve order as the build goes (for `lookThrough(…, { order:
   * "solve" })`): `p` (fresh, all zeros, length n × k) gets `tonnes[r]` added at row
   * `solvePos[node[r]]`, column `commodity[r]`, in the order of the rows. With a helper (and p in
   * shared memory) the peeled nodes' rows are written on the helper while this thread runs
   * Tarjan; the result is the same.
   */
  production?: ProductionLayout | undefined;
}

/** See `GraphBuildOptions.production`. */
export interface ProductionLayout {
  count: number;
  node: Int32Array;
  commodity: Int32Array;
  tonnes: Float64Array;
  k: number;
  p: Float64Array;
}

const isShared = (a: { buffer: ArrayBufferLike } | undefined): boolean =>
  a === undefined || a.buffer instanceof SharedArrayBuffer;

/**
 * The graph of `ids` and `edges`. Duplicate (owner, owned) stakes are summed (bounds too).
 * Throws `BAD_INPUT` naming an id that is not in `ids` or a share outside [0, 1].
 */
export function ownershipGraphFrom(
  ids: readonly string[],
  edges: readonly StakeEdge[],
): OwnershipGraph {
  const indexOf = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    if (indexOf.has(id)) throw new OrebookError("BAD_INPUT", `Duplicate node id "${id}"`);
    indexOf.set(id, i);
  }
  const m = edges.length;
  const owner = new Int32Array(m);
  const owned = new Int32Array(m);
  const share = new Float64Array(m);
  let bounded = false;
  for (const e of edges) if (e.shareMin !== undefined || e.shareMax !== undefined) bounded = true;
  const lo = bounded ? new Float64Array(m) : undefined;
  const hi = bounded ? new Float64Array(m) : undefined;
  for (let e = 0; e < m; e++) {
    const s = edges[e] as StakeEdge;
    const o = indexOf.get(s.owner);
    if (o === undefined) {
      throw new OrebookError("BAD_INPUT", `Stake ${e} names an unknown owner "${s.owner}"`);
    }
    const d = indexOf.get(s.owned);
    if (d === undefined) {
      throw new OrebookError("BAD_INPUT", `Stake ${e} names an unknown owned node "${s.owned}"`);
    }
    owner[e] = o;
    owned[e] = d;
    share[e] = s.share;
    if (lo && hi) {
      lo[e] = s.shareMin ?? s.share;
      hi[e] = s.shareMax ?? s.share;
    }
  }
  return ownershipGraphFromIndexed(ids, indexOf, {
    owner,
    owned,
    share,
    shareMin: lo,
    shareMax: hi,
  });
}

/**
 * The graph from stakes already given as node indices into `ids` (`indexOf` must map each id to
 * its position). Duplicates are summed; indices out of range or shares outside [0, 1] throw.
 */
export function ownershipGraphFromIndexed(
  ids: readonly string[],
  indexOf: ReadonlyMap<string, number>,
  stakes: IndexedStakes,
  opts: GraphBuildOptions = {},
): OwnershipGraph {
  const n = ids.length;
  const m0 = stakes.count ?? stakes.owner.length;
  const { owner, owned } = stakes;
  const s0 = stakes.share;
  const bounded = stakes.shareMin !== undefined || stakes.shareMax !== undefined;
  const lo0 = stakes.shareMin ?? s0;
  const hi0 = stakes.shareMax ?? s0;
  const par = opts.parallel ?? SERIAL;
  const prod = opts.production;
  if (prod !== undefined && prod.p.length !== n * prod.k) {
    throw new OrebookError(
      "BAD_INPUT",
      `The production vector has ${prod.p.length} values: expected ${n * prod.k} (${n} nodes × ${prod.k})`,
    );
  }
  // Two threads on large graphs only; the first passes read the input, so it must be shared.
  const two = par.threads > 1 && n > ONE_THREAD_NODES && m0 >= par.minStakes;
  const twoInput =
    two && isShared(owner) && isShared(owned) && isShared(s0) && isShared(lo0) && isShared(hi0);

  // Counting sort by owned node (stable: a column keeps the stakes' input order).
  const {
    start: ownedStart,
    sorted,
    holds,
  } = sortByOwned(n, m0, stakes, bounded, par, twoInput, two);
  let ownerIdx = sorted.ints;
  let share = sorted.f0;
  let shareMin = sorted.f1 ?? share;
  let shareMax = sorted.f2 ?? share;

  const { m, left, colSum } = sumDuplicates(
    n,
    ownedStart,
    ownerIdx,
    share,
    shareMin,
    shareMax,
    bounded,
    holds,
    par,
    two,
  );
  if (m < m0) {
    // Views, not copies: the arrays stay in the memory the helper thread shares.
    ownerIdx = ownerIdx.subarray(0, m);
    const s = share.subarray(0, m);
    shareMin = bounded ? shareMin.subarray(0, m) : s;
    shareMax = bounded ? shareMax.subarray(0, m) : s;
    share = s;
  }
  let hasBounds = false;
  if (bounded) {
    for (let p = 0; p < m; p++) {
      if (shareMin[p] !== share[p] || shareMax[p] !== share[p]) {
        hasBounds = true;
        break;
      }
    }
    if (!hasBounds) {
      shareMin = share;
      shareMax = share;
    }
  }

  const colSumMin = shareMin === share ? colSum : columnSums(n, ownedStart, shareMin);
  const colSumMax = shareMax === share ? colSum : columnSums(n, ownedStart, shareMax);

  // The peel and Tarjan are one thread's work: meanwhile the helper finds the majority owners
  // and maps the pages of the solve-order view's arrays (which the scatter writes out of order).
  const majority = two ? par.i32(n) : undefined;
  const solveInto: Scattered | undefined = two
    ? {
        ints: par.i32(m),
        f0: par.f64(m),
        f1: hasBounds ? par.f64(m) : undefined,
        f2: hasBounds ? par.f64(m) : undefined,
      }
    : undefined;
  if (majority && solveInto) {
    const touch: (Int32Array | Float64Array)[] = [solveInto.ints, solveInto.f0];
    if (solveInto.f1) touch.push(solveInto.f1);
    if (solveInto.f2) touch.push(solveInto.f2);
    par.fork("majorityAndTouch", {
      from: 0,
      to: n,
      threshold: DEFAULT_CONTROL_THRESHOLD,
      ownedStart,
      ownerIdx,
      share,
      out: majority,
      touch,
    });
  }
  // The production vector: once the peel has placed its nodes, their rows go in on the helper
  // (after mapping p's pages) while this thread runs Tarjan; the tail's rows after.
  const prodArgs = (part: Partial<KernelArgs["productionRows"]>): KernelArgs["productionRows"] => ({
    nodeFrom: 0,
    nodeTo: n,
    count: prod?.count ?? 0,
    node: prod?.node ?? new Int32Array(0),
    commodity: prod?.commodity ?? new Int32Array(0),
    tonnes: prod?.tonnes ?? new Float64Array(0),
    pos: undefined,
    p: prod?.p ?? new Float64Array(0),
    k: prod?.k ?? 0,
    ...part,
  });
  const prodOnHelper =
    majority !== undefined &&
    prod !== undefined &&
    isShared(prod.p) &&
    isShared(prod.node) &&
    isShared(prod.commodity) &&
    isShared(prod.tonnes);
  let pending = majority !== undefined;
  let scc: Scc;
  try {
    scc = sccFrom(n, ownedStart, ownerIdx, holds, left, par, (solvePos) => {
      if (!prodOnHelper) return;
      pending = false;
      par.join();
      par.fork("productionRows", prodArgs({ pos: solvePos, left, peeled: true, mapFirst: true }));
      pending = true;
    });
  } finally {
    if (pending) par.join();
  }
  if (prod !== undefined) {
    if (prodOnHelper) productionRows(prodArgs({ pos: scc.solvePos, left, peeled: false }));
    else productionRows(prodArgs({ pos: scc.solvePos, mapFirst: true }));
  }
  const solve = solveOrderFrom(
    n,
    m,
    ownedStart,
    ownerIdx,
    share,
    shareMin,
    shareMax,
    scc,
    sorted.scratch,
    par,
    two,
    solveInto,
  );
  passOnFullColumns(n, ownedStart, share, colSum, scc.solvePos, solve.solveIdx, solve.solveShare);
  if (hasBounds) {
    passOnFullColumns(
      n,
      ownedStart,
      shareMin,
      colSumMin,
      scc.solvePos,
      solve.solveIdx,
      solve.solveShareMin,
    );
    passOnFullColumns(
      n,
      ownedStart,
      shareMax,
      colSumMax,
      scc.solvePos,
      solve.solveIdx,
      solve.solveShareMax,
    );
  }
  let byOwner: ByOwner | undefined;
  let solveEdge: Int32Array | undefined;
  const owners = (): ByOwner => {
    byOwner ??= byOwnerFrom(n, m, ownedStart, ownerIdx, share, shareMin, shareMax, hasBounds);
    return byOwner;
  };
  return {
    n,
    m,
    ids,
    indexOf,
    ownedStart,
    ownerIdx,
    share,
    shareMin,
    shareMax,
    get ownerStart() {
      return owners().ownerStart;
    },
    get ownedIdx() {
      return owners().ownedIdx;
    },
    get edgeOf() {
      return owners().edgeOf;
    },
    get ownerShare() {
      return owners().ownerShare;
    },
    get ownerShareMin() {
      return owners().ownerShareMin;
    },
    get ownerShareMax() {
      return owners().ownerShareMax;
    },
    hasBounds,
    majority,
    colSum,
    colSumMin,
    colSumMax,
    ...scc,
    ...solve,
    get solveEdge() {
      solveEdge ??= solveEdgeFrom(n, m, ownerIdx, scc.solvePos, solve.solveStart);
      return solveEdge;
    },
  };
}

/**
 * Sums duplicate (owner, owned) stakes in place and compacts the arrays' first m positions
 * (`ownedStart` is updated), counts for each owner the stakes it holds in nodes that hold
 * something (`left`: what the peel counts down after its first generation) and sums each column
 * (`colSum`): see `dedupeColumns`. With two threads, each takes the columns of half of the
 * stakes; the second half is moved down after if the first lost duplicates.
 */
function sumDuplicates(
  n: number,
  ownedStart: Int32Array,
  ownerIdx: Int32Array,
  share: Float64Array,
  shareMin: Float64Array,
  shareMax: Float64Array,
  bounded: boolean,
  holds: Uint8Array,
  par: Parallel,
  two: boolean,
): { m: number; left: Int32Array; colSum: Float64Array } {
  const left = par.i32(n);
  touchPages({ a: left, from: 0, to: n });
  const colSum = par.f64(n);
  const args = (from: number, to: number, deg: Int32Array): KernelArgs["dedupeColumns"] => ({
    n,
    from,
    to,
    ownedStart,
    ownerIdx,
    share,
    shareMin,
    shareMax,
    bounded,
    holds,
    left: deg,
    colSum,
  });
  if (!two) {
    const m = dedupeColumns(args(0, n, left));
    ownedStart[n] = m;
    return { m, left, colSum };
  }
  const mid = splitAt(ownedStart, 0, n);
  const midStart = ownedStart[mid] as number;
  const deg2 = par.i32(n);
  touchPages({ a: deg2, from: 0, to: n });
  const [endA, endB] = inHalves(par, "dedupeColumns", args(mid, n, deg2), () =>
    dedupeColumns(args(0, mid, left)),
  );
  const gap = midStart - endA;
  if (gap > 0) {
    ownerIdx.copyWithin(endA, midStart, endB);
    share.copyWithin(endA, midStart, endB);
    if (bounded) {
      shareMin.copyWithin(endA, midStart, endB);
      shareMax.copyWithin(endA, midStart, endB);
    }
    for (let j = mid; j < n; j++) ownedStart[j] = (ownedStart[j] as number) - gap;
  }
  const m = endB - gap;
  ownedStart[n] = m;
  for (let i = 0; i < n; i++) left[i] = (left[i] as number) + (deg2[i] as number);
  return { m, left, colSum };
}

interface SortedByKey {
  ints: Int32Array;
  f0: Float64Array;
  f1: Float64Array | undefined;
  f2: Float64Array | undefined;
  /** The buffers of the first pass, for the next sort of at most as many items to reuse. */
  scratch: SortScratch | undefined;
}

interface SortScratch {
  k: Int32Array;
  i: Int32Array;
  f0: Float64Array;
  f1: Float64Array | undefined;
  f2: Float64Array | undefined;
}

/** Below this many nodes the build runs on one thread: forking would cost more than it saves. */
const ONE_THREAD_NODES = 1 << 16;

/**
 * Stable counting sort of the stakes by owned node, in two passes: the stakes first go to ~1024
 * buckets of consecutive nodes (a thousand write streams, each written in order, which the
 * caches and the TLB keep up with), then each bucket is counted by node and scattered within
 * its own range, which the cache holds (`scatterBuckets`). A direct scatter, or a count by node
 * over the whole input, would hit a million places at random and miss the cache nearly every
 * time. The first pass also checks every stake (indices in range, shares in [0, 1]). Both
 * passes are stable. With two threads each counts and distributes half of the stakes (the first
 * half's go first in every bucket), then each scatters the buckets of half of them.
 */
function sortByOwned(
  n: number,
  m: number,
  stakes: IndexedStakes,
  bounded: boolean,
  par: Parallel,
  twoInput: boolean,
  two: boolean,
): { start: Int32Array; sorted: SortedByKey; holds: Uint8Array } {
  const { owner, owned, share } = stakes;
  const lo = bounded ? (stakes.shareMin ?? share) : undefined;
  const hi = bounded ? (stakes.shareMax ?? share) : undefined;
  const shift = bucketShift(n);
  const buckets = n === 0 ? 0 : ((n - 1) >> shift) + 1;
  // Both halves write 1s into the same flags: any interleaving gives the same flags.
  const holds = par.u8(n);
  const count = (from: number, to: number, counts: Int32Array): KernelArgs["bucketCounts"] => ({
    n,
    from,
    to,
    owner,
    owned,
    share,
    lo: stakes.shareMin,
    hi: stakes.shareMax,
    shift,
    counts,
    holds,
  });
  const half = twoInput ? m >> 1 : m;
  const first = new Int32Array(buckets);
  const second = par.i32(buckets);
  if (twoInput) {
    inHalves(par, "bucketCounts", count(half, m, second), () =>
      bucketCounts(count(0, half, first)),
    );
  } else bucketCounts(count(0, m, first));
  const { bucketStart, fill } = bucketStartsOf(first, second, par);
  const tmp = newScratch(m, lo !== undefined, hi !== undefined, par);
  const pass = (from: number, to: number, at: Int32Array): KernelArgs["bucketPass"] => ({
    from,
    to,
    shift,
    key: owned,
    ints: owner,
    f0: share,
    f1: lo,
    f2: hi,
    fill: at,
    tk: tmp.k,
    ti: tmp.i,
    t0: tmp.f0,
    t1: tmp.f1,
    t2: tmp.f2,
  });
  if (twoInput) {
    inHalves(par, "bucketPass", pass(half, m, second), () => bucketPass(pass(0, half, fill)));
  } else bucketPass(pass(0, m, fill));
  const start = par.i32(n + 1);
  const out = scatterHalves(n, m, shift, bucketStart, start, tmp, par, two);
  start[n] = m;
  return { start, sorted: { ...out, scratch: tmp }, holds };
}

/**
 * Where each bucket's items start when the first half's items go first in every bucket, then
 * the second's: `bucketStart` (length buckets + 1), `fill` (the first half's next position in
 * each bucket); `second` (the second half's counts) becomes the second half's next positions.
 */
function bucketStartsOf(
  first: Int32Array,
  second: Int32Array,
  par: Parallel,
): { bucketStart: Int32Array; fill: Int32Array } {
  const buckets = first.length;
  const bucketStart = par.i32(buckets + 1);
  const fill = new Int32Array(buckets);
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    bucketStart[b] = sum;
    fill[b] = sum;
    sum += first[b] as number;
    const c = second[b] as number;
    second[b] = sum;
    sum += c;
  }
  bucketStart[buckets] = sum;
  return { bucketStart, fill };
}

/** Bucket b holds keys b << shift .. (b + 1 << shift) − 1: about 1024 buckets. */
function bucketShift(n: number): number {
  return Math.max(0, 32 - Math.clz32(n - 1) - 10);
}

function newScratch(
  m: number,
  lo: boolean,
  hi: boolean,
  par: Parallel,
  reuse?: SortScratch,
): SortScratch {
  const fits = reuse !== undefined && reuse.k.length >= m;
  return {
    k: fits ? reuse.k : par.i32(m),
    i: fits ? reuse.i : par.i32(m),
    f0: fits ? reuse.f0 : par.f64(m),
    f1: lo ? (fits && reuse.f1 ? reuse.f1 : par.f64(m)) : undefined,
    f2: hi ? (fits && reuse.f2 ? reuse.f2 : par.f64(m)) : undefined,
  };
}

interface Scattered {
  ints: Int32Array;
  f0: Float64Array;
  f1: Float64Array | undefined;
  f2: Float64Array | undefined;
}

/**
 * Items 0..m-1 of `src`, grouped by bucket of keys (key >> shift, `bucketStart`), scattered by
 * key (stable); `start` receives where each key starts. With two threads each takes the buckets
 * of half the items.
 */
function scatterHalves(
  n: number,
  m: number,
  shift: number,
  bucketStart: Int32Array,
  start: Int32Array,
  src: SortScratch,
  par: Parallel,
  two: boolean,
  into?: Scattered,
): Scattered {
  const out = into ?? {
    ints: par.i32(m),
    f0: par.f64(m),
    f1: src.f1 ? par.f64(m) : undefined,
    f2: src.f2 ? par.f64(m) : undefined,
  };
  const args = (from: number, to: number): KernelArgs["scatterBuckets"] => ({
    from,
    to,
    shift,
    n,
    bucketStart,
    k: src.k,
    i: src.i,
    f0: src.f0,
    f1: src.f1,
    f2: src.f2,
    ints: out.ints,
    o0: out.f0,
    o1: out.f1,
    o2: out.f2,
    start,
  });
  const buckets = bucketStart.length - 1;
  if (!two) {
    scatterBuckets(args(0, buckets));
    return out;
  }
  // The first bucket that starts at or after half of the items.
  let b = 0;
  while (b < buckets && (bucketStart[b] as number) < m / 2) b++;
  inHalves(par, "scatterBuckets", args(b, buckets), () => scatterBuckets(args(0, b)));
  return out;
}

interface ByOwner {
  ownerStart: Int32Array;
  ownedIdx: Int32Array;
  edgeOf: Int32Array;
  ownerShare: Float64Array;
  ownerShareMin: Float64Array;
  ownerShareMax: Float64Array;
}

/** The by-owner view in node numbering: a counting sort of the by-owned positions. */
function byOwnerFrom(
  n: number,
  m: number,
  ownedStart: Int32Array,
  ownerIdx: Int32Array,
  share: Float64Array,
  shareMin: Float64Array,
  shareMax: Float64Array,
  hasBounds: boolean,
): ByOwner {
  const ownerStart = new Int32Array(n + 1);
  for (let p = 0; p < m; p++) {
    const o = (ownerIdx[p] as number) + 1;
    ownerStart[o] = (ownerStart[o] as number) + 1;
  }
  for (let i = 0; i < n; i++)
    ownerStart[i + 1] = (ownerStart[i + 1] as number) + (ownerStart[i] as number);
  const at = ownerStart.slice(0, n);
  const ownedIdx = new Int32Array(m);
  const edgeOf = new Int32Array(m);
  const ownerShare = new Float64Array(m);
  const ownerShareMin = hasBounds ? new Float64Array(m) : ownerShare;
  const ownerShareMax = hasBounds ? new Float64Array(m) : ownerShare;
  for (let j = 0; j < n; j++) {
    const end = ownedStart[j + 1] as number;
    for (let p = ownedStart[j] as number; p < end; p++) {
      const o = ownerIdx[p] as number;
      const q = at[o] as number;
      at[o] = q + 1;
      ownedIdx[q] = j;
      edgeOf[q] = p;
      ownerShare[q] = share[p] as number;
      if (hasBounds) {
        ownerShareMin[q] = shareMin[p] as number;
        ownerShareMax[q] = shareMax[p] as number;
      }
    }
  }
  return { ownerStart, ownedIdx, edgeOf, ownerShare, ownerShareMin, ownerShareMax };
}

interface SolveOrder {
  solveStart: Int32Array;
  solveIdx: Int32Array;
  solveShare: Float64Array;
  solveShareMin: Float64Array;
  solveShareMax: Float64Array;
}

/**
 * The by-owner view renumbered in solve order (rows and targets are solve positions): the same
 * two-pass counting sort as by owned node (see `sortByOwned`), keyed by row. The stakes are read
 * column by column, each one's row found through its owner's position (one random read) and
 * counted in its bucket of rows (`rowsOf`), then put in that bucket, then each bucket is counted
 * by row and scattered within itself. With two threads each takes the columns of half of the
 * stakes (the first half's go first in every bucket), then half of the buckets each.
 */
function solveOrderFrom(
  n: number,
  m: number,
  ownedStart: Int32Array,
  ownerIdx: Int32Array,
  share: Float64Array,
  shareMin: Float64Array,
  shareMax: Float64Array,
  scc: Scc,
  scratch: SortScratch | undefined,
  par: Parallel,
  two: boolean,
  into?: Scattered,
): SolveOrder {
  const { solvePos: pos } = scc;
  const bounded = shareMin !== share || shareMax !== share;
  const tmp = newScratch(m, bounded, bounded, par, scratch);
  const { k: tk, i: ti, f0: t0, f1: t1, f2: t2 } = tmp;
  const shift = bucketShift(n);
  const buckets = n === 0 ? 0 : ((n - 1) >> shift) + 1;
  const mid = two ? splitAt(ownedStart, 0, n) : n;
  const rowOf = par.i32(m);
  const first = new Int32Array(buckets);
  const second = par.i32(buckets);
  const rows = (from: number, to: number, count: Int32Array): KernelArgs["rowsOf"] => ({
    from,
    to,
    shift,
    ownedStart,
    ownerIdx,
    pos,
    rowOf,
    bucketCount: count,
  });
  if (two) inHalves(par, "rowsOf", rows(mid, n, second), () => rowsOf(rows(0, mid, first)));
  else rowsOf(rows(0, n, first));
  const { bucketStart, fill } = bucketStartsOf(first, second, par);
  const pass = (from: number, to: number, at: Int32Array): KernelArgs["solveBucketPass"] => ({
    from,
    to,
    shift,
    ownedStart,
    rowOf,
    pos,
    share,
    shareMin: bounded ? shareMin : undefined,
    shareMax: bounded ? shareMax : undefined,
    fill: at,
    tk,
    ti,
    t0,
    t1,
    t2,
  });
  if (two) {
    inHalves(par, "solveBucketPass", pass(mid, n, second), () =>
      solveBucketPass(pass(0, mid, fill)),
    );
  } else solveBucketPass(pass(0, n, fill));
  const solveStart = par.i32(n + 1);
  const sorted = scatterHalves(n, m, shift, bucketStart, solveStart, tmp, par, two, into);
  solveStart[n] = m;
  return {
    solveStart,
    solveIdx: sorted.ints,
    solveShare: sorted.f0,
    solveShareMin: sorted.f1 ?? sorted.f0,
    solveShareMax: sorted.f2 ?? sorted.f0,
  };
}

/**
 * A column whose shares sum to within 1e-12 of 1 counts as fully held (`colSum` 1: it retains
 * nothing, so six-decimal shares leave no phantom public float). The solve must then pass on all
 * of it as well: the 1e-12 its shares would leave with no one is tonnes lost, and a cross-holding
 * cycle near 1 all round multiplies it (10^5-fold in a case the property test found). So the
 * solve-order shares of such a column are scaled by 1 / their sum; the by-owned shares, which
 * reports print, stay as given. One pass over the columns held in full; a second over the solve
 * arrays only when a column's sum is not exactly 1.
 */
function passOnFullColumns(
  n: number,
  ownedStart: Int32Array,
  share: Float64Array,
  colSum: Float64Array,
  solvePos: Int32Array,
  solveIdx: Int32Array,
  solveShare: Float64Array,
): void {
  let scale: Float64Array | undefined;
  for (let j = 0; j < n; j++) {
    if (colSum[j] !== 1) continue;
    const to = ownedStart[j + 1] as number;
    let sum = 0;
    // The order of the sum that set colSum (sumDuplicates, columnSums): the same float.
    for (let p = ownedStart[j] as number; p < to; p++) sum += share[p] as number;
    const f = solveScaleOf(sum);
    if (f === 1) continue;
    scale ??= new Float64Array(n).fill(1);
    scale[solvePos[j] as number] = f;
  }
  if (scale === undefined) return;
  for (let e = 0; e < solveShare.length; e++) {
    const f = scale[solveIdx[e] as number] as number;
    if (f !== 1) solveShare[e] = (solveShare[e] as number) * f;
  }
}

/** `solveEdge`: the by-owned position of each solve-order stake (the same counting sort). */
function solveEdgeFrom(
  n: number,
  m: number,
  ownerIdx: Int32Array,
  pos: Int32Array,
  solveStart: Int32Array,
): Int32Array {
  const at = solveStart.slice(0, n);
  const solveEdge = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    const r = pos[ownerIdx[p] as number] as number;
    const q = at[r] as number;
    at[r] = q + 1;
    solveEdge[q] = p;
  }
  return solveEdge;
}

function columnSums(n: number, start: Int32Array, share: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    const end = start[j + 1] as number;
    for (let p = start[j] as number; p < end; p++) s += share[p] as number;
    out[j] = storedColumnSum(s);
  }
  return out;
}

interface Scc {
  sccCount: number;
  peelLevels: Int32Array;
  unheldFrom: number;
  sccOrder: Int32Array;
  sccStart: Int32Array;
  sccOf: Int32Array;
  sccCyclic: Uint8Array;
  solvePos: Int32Array;
}

const DONE = 0x7fffffff;

/**
 * The components in solve order (owned before owner), in two steps.
 *
 * 1. Peeling from the bottom (Kahn): a node all of whose holdings are placed is placed next.
 *    On an ownership register this settles most nodes (86 % of the benchmark's million: assets,
 *    and everything not above a cross-holding) at one decrement per stake (none for the stakes
 *    in the first generation, see `peel`), and the order is a valid solve order of singleton
 *    components, in generations (`peelLevels`).
 * 2. What is left (the tail) holds, directly or not, a member of a cycle. An iterative Tarjan
 *    runs over it along owned → owner edges (the by-owned view; an owner of an unplaced node is
 *    unplaced too, so the walk stays inside). Tarjan emits a component after every component it
 *    reaches, i.e. after all its holders: the reverse of the emission order continues the solve
 *    order. A node with no owner is placed at the end the moment it is met, without touching
 *    the stack (`unheldFrom`); a finished node's index becomes DONE, so one array serves as
 *    index and on-stack flag.
 *
 * Each step's loops are functions of their own: the optimizing compiler then compiles each
 * loop once, instead of recompiling one large function as each phase reaches code it has not
 * seen run.
 */
function sccFrom(
  n: number,
  start: Int32Array,
  adj: Int32Array,
  holds: Uint8Array,
  left: Int32Array,
  par: Parallel,
  afterPeel: (solvePos: Int32Array) => void,
): Scc {
  // Shared with the helper thread (which reads them to build the solve order).
  const sccOrder = par.i32(n);
  const solvePos = par.i32(n);
  touchPages({ a: solvePos, from: 0, to: n }); // written in peel order
  const sccOf = par.i32(n);
  // 1. Kahn: `left[i]` counts the stakes i holds in nodes not yet placed (from the first
  // generation on: see `dedupeColumns`).
  const peelLevels = peel(n, start, adj, holds, left, sccOrder, solvePos);
  const peeled = peelLevels[peelLevels.length - 1] as number;
  // The peeled nodes' positions are final (`left` 0 marks them; Tarjan does not change it).
  afterPeel(solvePos);
  // A peeled node's component number is its position; Tarjan overwrites the others' below.
  sccOf.set(solvePos);
  if (peeled === n) {
    const sccStart = par.i32(n + 1);
    for (let c = 0; c <= n; c++) sccStart[c] = c;
    return {
      sccCount: n,
      peelLevels,
      unheldFrom: n,
      sccOrder,
      sccStart,
      sccOf,
      sccCyclic: par.u8(n),
      solvePos,
    };
  }
  // 2. Tarjan over the rest.
  const t = tarjan(n, start, adj, left, peeled, sccOrder, solvePos, sccOf);
  const sccCount = peeled + t.comps + n - t.unheldFrom;
  const sccStart = par.i32(sccCount + 1);
  const sccCyclic = par.u8(sccCount);
  numberComponents(n, peeled, t, sccOrder, sccOf, sccStart, sccCyclic);
  return {
    sccCount,
    peelLevels,
    unheldFrom: t.unheldFrom,
    sccOrder,
    sccStart,
    sccOf,
    sccCyclic,
    solvePos,
  };
}

interface TarjanOut {
  /** Components emitted (not counting the unheld nodes). */
  comps: number;
  /** Where the nodes of the tail that no one holds start (each a component of its own). */
  unheldFrom: number;
  /** Nodes emitted after each component (length comps + 1). */
  emittedAfter: Int32Array;
  /** 1 for a cyclic component, by emission number. */
  cyc: Uint8Array;
}

/**
 * `index` for Tarjan: DONE for a peeled node, −1 for a node of the tail; the tail's nodes in node
 * order; and how many of them no one holds.
 */
function tarjanIndex(
  n: number,
  rest: number,
  left: Int32Array,
  start: Int32Array,
): { index: Int32Array; tail: Int32Array; unheld: number } {
  const index = new Int32Array(n);
  const tail = new Int32Array(rest);
  let r = 0;
  let unheld = 0;
  for (let i = 0; i < n; i++) {
    if (left[i] === 0) index[i] = DONE;
    else {
      index[i] = -1;
      tail[r++] = i;
      if (start[i] === start[i + 1]) unheld++;
    }
  }
  return { index, tail, unheld };
}

/**
 * Tarjan over the nodes the peel left (left > 0). A node that no one holds (an owner at the top
 * of the register) is met as a finished component and placed at the end (from `unheldFrom` on,
 * in the order met): no row reads it, so those rows can be solved last, and at once. The other
 * components go before them, emission k at position unheldFrom − 1 − k; `sccOf` holds emission
 * numbers until `numberComponents`.
 */
function tarjan(
  n: number,
  start: Int32Array,
  adj: Int32Array,
  left: Int32Array,
  peeled: number,
  sccOrder: Int32Array,
  solvePos: Int32Array,
  sccOf: Int32Array,
): TarjanOut {
  const rest = n - peeled;
  // The roots of the walk are the tail's nodes only (a loop over all nodes that skipped the
  // peeled ones would be compiled for skipping, then recompiled at the first tail node).
  const { index, tail, unheld } = tarjanIndex(n, rest, left, start);
  // Emission k of a held node goes to position last − k; the unheld go to the end, in the
  // order met, from `unheldFrom` on.
  const unheldFrom = n - unheld;
  const last = unheldFrom - 1;
  let met = 0;
  const low = new Int32Array(n);
  touchPages({ a: low, from: 0, to: n });
  const stack = new Int32Array(rest);
  const callNode = new Int32Array(rest);
  const callEdge = new Int32Array(rest);
  const emittedAfter = new Int32Array(rest + 1);
  const cyc = new Uint8Array(rest);
  let sp = 0;
  let counter = 0;
  let out = 0;
  let comps = 0;
  for (let r = 0; r < rest; r++) {
    const root = tail[r] as number;
    // A node no one holds is left to be met from one it holds (every node of the tail holds
    // one of the tail), so that this loop has one path.
    if (index[root] !== -1 || start[root] === start[root + 1]) continue;
    let top = 0;
    callNode[0] = root;
    callEdge[0] = start[root] as number;
    index[root] = counter;
    low[root] = counter;
    counter++;
    stack[sp++] = root;
    while (top >= 0) {
      const v = callNode[top] as number;
      const e = callEdge[top] as number;
      if (e < (start[v + 1] as number)) {
        callEdge[top] = e + 1;
        const w = adj[e] as number;
        const iw = index[w] as number;
        if (iw === -1) {
          if (start[w] === start[w + 1]) {
            // A node no one holds is a finished component of its own: placed at once, at the end.
            index[w] = DONE;
            const q = unheldFrom + met++;
            sccOrder[q] = w;
            solvePos[w] = q;
          } else {
            index[w] = counter;
            low[w] = counter;
            counter++;
            stack[sp++] = w;
            top++;
            callNode[top] = w;
            callEdge[top] = start[w] as number;
          }
        } else if (iw < (low[v] as number)) {
          low[v] = iw; // w is on the stack (a finished w has index DONE)
        }
        continue;
      }
      if (low[v] === index[v]) {
        let size = 0;
        let x: number;
        do {
          x = stack[--sp] as number;
          index[x] = DONE;
          const q = last - out++;
          sccOrder[q] = x;
          solvePos[x] = q;
          sccOf[x] = comps;
          size++;
        } while (x !== v);
        if (size > 1) cyc[comps] = 1;
        else {
          const end = start[v + 1] as number;
          for (let q = start[v] as number; q < end; q++) if (adj[q] === v) cyc[comps] = 1;
        }
        comps++;
        emittedAfter[comps] = out;
      }
      top--;
      if (top >= 0) {
        const u = callNode[top] as number;
        if ((low[v] as number) < (low[u] as number)) low[u] = low[v] as number;
      }
    }
  }
  if (met !== unheld) throw new OrebookError("INTERNAL", "Tarjan did not meet every unheld node");
  return { comps, emittedAfter, cyc, unheldFrom };
}

/**
 * Component numbers for the tail: peeled node q is component q; Tarjan's emission e is
 * component peeled + comps − 1 − e. Fills `sccStart` and `sccCyclic` and renumbers `sccOf`.
 */
function numberComponents(
  n: number,
  peeled: number,
  t: TarjanOut,
  sccOrder: Int32Array,
  sccOf: Int32Array,
  sccStart: Int32Array,
  sccCyclic: Uint8Array,
): void {
  const held = peeled + t.comps;
  // Each loop a function of its own, compiled once (see `hasLongColumn` in kernels.ts).
  startsInOrder(sccStart, 0, 0, peeled);
  heldStarts(t, peeled, held, sccStart, sccCyclic);
  startsInOrder(sccStart, held, t.unheldFrom, n - t.unheldFrom);
  sccStart[held + n - t.unheldFrom] = n;
  heldComponents(sccOrder, sccOf, peeled, t.unheldFrom, held);
  unheldComponents(sccOrder, sccOf, t.unheldFrom, n, held);
}

/** sccStart[from + i] = at + i for i < count: components of one node each. */
function startsInOrder(sccStart: Int32Array, from: number, at: number, count: number): void {
  for (let i = 0; i < count; i++) sccStart[from + i] = at + i;
}

/** The held tail's components: emission e is component held − 1 − e. */
function heldStarts(
  t: TarjanOut,
  peeled: number,
  held: number,
  sccStart: Int32Array,
  sccCyclic: Uint8Array,
): void {
  const { emittedAfter, cyc, unheldFrom } = t;
  for (let c = peeled; c < held; c++) {
    const e = held - 1 - c;
    sccStart[c] = unheldFrom - (emittedAfter[e + 1] as number);
    sccCyclic[c] = cyc[e] as number;
  }
}

function heldComponents(
  sccOrder: Int32Array,
  sccOf: Int32Array,
  from: number,
  to: number,
  held: number,
): void {
  for (let q = from; q < to; q++) {
    const x = sccOrder[q] as number;
    sccOf[x] = held - 1 - (sccOf[x] as number);
  }
}

function unheldComponents(
  sccOrder: Int32Array,
  sccOf: Int32Array,
  from: number,
  to: number,
  held: number,
): void {
  for (let q = from; q < to; q++) sccOf[sccOrder[q] as number] = held + q - from;
}

/**
 * The peel's first two generations, read off in node order in one pass: the nodes holding
 * nothing (`holds` 0) from position 0 on, then those holding only nodes of the first (`holds` 1,
 * `left` 0). The pass has no branch: the two generations interleave at random in node order,
 * and a branch on them would be mispredicted at nearly every other node. Every node is written
 * to the first generation's next place and given that position, and the place is kept only
 * for a node of the first generation; a node of the second goes to `spare` the same way, and
 * is moved once its generation's start is known. Nothing reads a position before the peel has
 * placed the node (the others' are overwritten: by that move, the peel's later generations or
 * Tarjan). Returns where the first generation ends and where the second does.
 */
function placeFirstTwo(
  n: number,
  holds: Uint8Array,
  left: Int32Array,
  order: Int32Array,
  solvePos: Int32Array,
  spare: Int32Array,
): [number, number] {
  let q0 = 0;
  let q1 = 0;
  for (let i = 0; i < n; i++) {
    const h = holds[i] as number;
    // 1 if left[i] is 0, else 0 (left is never negative).
    const none = ((left[i] as number) - 1) >>> 31;
    order[q0] = i;
    solvePos[i] = q0;
    q0 += 1 - h;
    spare[q1] = i;
    q1 += h & none;
  }
  for (let r = 0; r < q1; r++) {
    const i = spare[r] as number;
    order[q0 + r] = i;
    solvePos[i] = q0 + r;
  }
  return [q0, q0 + q1];
}

/**
 * Kahn's peel from the bottom: places every node whose holdings are all placed, each a component
 * of its own (`sccOrder`, `solvePos`), in generations: the nodes holding nothing, then those
 * holding only nodes of the first, and so on; `left` is consumed. The first two generations are
 * read off `holds` and `left` in node order (`left` already leaves out the stakes in the first);
 * after that the queue is first in, first out, one decrement per stake. Returns where each
 * generation starts, then how many nodes were placed; the others have `left` > 0.
 */
function peel(
  n: number,
  start: Int32Array,
  adj: Int32Array,
  holds: Uint8Array,
  left: Int32Array,
  sccOrder: Int32Array,
  solvePos: Int32Array,
): Int32Array {
  const [first, second] = placeFirstTwo(n, holds, left, sccOrder, solvePos, new Int32Array(n));
  if (first === 0) return Int32Array.of(0);
  const levels = [0, first];
  let placed = second;
  // Generation by generation (a function of its own, compiled once for all of them).
  let from = levels[1] as number;
  while (placed > from) {
    levels.push(placed);
    const end = placed;
    placed = nextGeneration(start, adj, left, sccOrder, solvePos, from, end);
    from = end;
  }
  return Int32Array.from(levels);
}

/**
 * Counts down the owners of the nodes at positions from..to − 1 and places those left with
 * nothing unplaced after `to`, in order; returns where they end.
 */
function nextGeneration(
  start: Int32Array,
  adj: Int32Array,
  left: Int32Array,
  sccOrder: Int32Array,
  solvePos: Int32Array,
  from: number,
  to: number,
): number {
  let placed = to;
  for (let head = from; head < to; head++) {
    const j = sccOrder[head] as number;
    const end = start[j + 1] as number;
    for (let p = start[j] as number; p < end; p++) {
      const o = adj[p] as number;
      const l = (left[o] as number) - 1;
      left[o] = l;
      if (l === 0) {
        sccOrder[placed] = o;
        solvePos[o] = placed;
        placed++;
      }
    }
  }
  return placed;
}

/** The solve-order share array for a bound. */
export function solveSharesFor(g: OwnershipGraph, bound: "share" | "min" | "max"): Float64Array {
  return bound === "min" ? g.solveShareMin : bound === "max" ? g.solveShareMax : g.solveShare;
}

/** The by-owned share array for a bound. */
export function sharesFor(g: OwnershipGraph, bound: "share" | "min" | "max"): Float64Array {
  return bound === "min" ? g.shareMin : bound === "max" ? g.shareMax : g.share;
}

/** The by-owner share array for a bound. */
export function ownerSharesFor(g: OwnershipGraph, bound: "share" | "min" | "max"): Float64Array {
  return bound === "min" ? g.ownerShareMin : bound === "max" ? g.ownerShareMax : g.ownerShare;
}

/** The column sums for a bound. */
export function colSumFor(g: OwnershipGraph, bound: "share" | "min" | "max"): Float64Array {
  return bound === "min" ? g.colSumMin : bound === "max" ? g.colSumMax : g.colSum;
}
