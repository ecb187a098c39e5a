/**
 * Incremental look-through: after a full solve, change a few stakes (a new share, a new stake,
 * a stake removed) and re-solve only what the change can move: the owners of the changed
 * stakes and everything that holds them, directly or through others. The rest of `v` is
 * unchanged by construction, since a node's attributable value depends only on what it holds.
 *
 * The affected nodes get their own strongly connected components (a new stake may close a
 * cycle the base graph did not have) and are solved in order, Gauss–Seidel inside cycles,
 * starting from the previous values.
 *
 * @example
 * const inc = lookThroughIncremental(g, p, 7);
 * inc.update([{ owner: a, owned: m, share: 0.4 }]); // inc.v is the new solution
 */

import {
  _notConverged,
  colSumFor,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_TOLERANCE,
  type LookThroughOptions,
  lookThrough,
  type OwnershipGraph,
  type ShareBound,
  sharesFor,
} from "../engine/ownership/index.js";
import { OrebookError } from "../model/errors.js";

/** The new total share that `owner` holds in `owned` (0 removes the stake), by node index. */
export interface StakeChange {
  owner: number;
  owned: number;
  share: number;
  shareMin?: number | undefined;
  shareMax?: number | undefined;
}

export interface IncrementalUpdate {
  /** The nodes whose values were recomputed, in solve order. */
  recomputed: Int32Array;
}

export interface IncrementalLookThrough {
  readonly graph: OwnershipGraph;
  readonly k: number;
  /** The current solution, node-major; updated in place by `update`. */
  readonly v: Float64Array;
  /** The current column sums (shares held in each node) for the chosen bound. */
  readonly colSum: Float64Array;
  /** The current share of `owner` in `owned` for the chosen bound (0 when none). */
  shareOf(owner: number, owned: number): number;
  /** Applies the changes and re-solves the part they reach. */
  update(changes: readonly StakeChange[]): IncrementalUpdate;
  /** `(1 − colSum) ⊙ v` under the current stakes. */
  retained(): Float64Array;
}

/**
 * Solves `v = p + W v` once and returns a handle that re-solves after stake changes. The graph
 * is not modified: the handle keeps its own copy of the shares and a list of added stakes.
 */
export function lookThroughIncremental(
  g: OwnershipGraph,
  p: Float64Array,
  k: number,
  opts: LookThroughOptions = {},
): IncrementalLookThrough {
  const bound: ShareBound = opts.bound ?? "share";
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const maxIt = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const v = lookThrough(g, p, k, opts);
  const { n, ownedStart, ownerIdx, solvePos, solveStart, solveIdx, solveEdge, sccOrder } = g;
  const share = new Float64Array(sharesFor(g, bound)); // by-owned positions, mutable copy
  const colSum = new Float64Array(colSumFor(g, bound));
  // Added stakes, as two linked lists: by owner (for solving) and by owned (for reach).
  const addOwner: number[] = [];
  const addOwned: number[] = [];
  const addShare: number[] = [];
  const nextByOwner: number[] = [];
  const nextByOwned: number[] = [];
  const headByOwner = new Int32Array(n).fill(-1);
  const headByOwned = new Int32Array(n).fill(-1);
  // Scratch for reach and the local Tarjan; `stamp` marks the current update's nodes.
  const stamp = new Int32Array(n);
  let epoch = 0;
  const index = new Int32Array(n);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const acc = new Float64Array(k);

  const boundOf = (c: StakeChange): number =>
    bound === "min" ? (c.shareMin ?? c.share) : bound === "max" ? (c.shareMax ?? c.share) : c.share;

  const basePos = (owner: number, owned: number): number => {
    const end = ownedStart[owned + 1] as number;
    for (let e = ownedStart[owned] as number; e < end; e++) if (ownerIdx[e] === owner) return e;
    return -1;
  };
  const addedPos = (owner: number, owned: number): number => {
    for (let a = headByOwned[owned] as number; a !== -1; a = nextByOwned[a] as number) {
      if (addOwner[a] === owner) return a;
    }
    return -1;
  };

  const shareOf = (owner: number, owned: number): number => {
    const e = basePos(owner, owned);
    if (e >= 0) return share[e] as number;
    const a = addedPos(owner, owned);
    return a >= 0 ? (addShare[a] as number) : 0;
  };

  const update = (changes: readonly StakeChange[]): IncrementalUpdate => {
    epoch++;
    const seeds: number[] = [];
    for (const c of changes) {
      const { owner, owned } = c;
      if (!(owner >= 0 && owner < n && owned >= 0 && owned < n)) {
        throw new OrebookError(
          "BAD_INPUT",
          `Stake change ${owner} → ${owned} names a node out of range`,
        );
      }
      const s = boundOf(c);
      if (!(s >= 0 && s <= 1)) {
        throw new OrebookError(
          "BAD_INPUT",
          `Stake change ${owner} → ${owned} has share ${s}: expected a fraction between 0 and 1`,
        );
      }
      const e = basePos(owner, owned);
      let old: number;
      if (e >= 0) {
        old = share[e] as number;
        share[e] = s;
      } else {
        const a = addedPos(owner, owned);
        if (a >= 0) {
          old = addShare[a] as number;
          addShare[a] = s;
        } else {
          old = 0;
          if (s === 0) continue;
          const id = addOwner.length;
          const co = g.sccOf[owner] as number;
          const cd = g.sccOf[owned] as number;
          // A new stake that does not point down the base order may close a new cycle.
          if (!(cd < co || (cd === co && g.sccCyclic[co] === 1))) orderValid = false;
          addOwner.push(owner);
          addOwned.push(owned);
          addShare.push(s);
          nextByOwner.push(headByOwner[owner] as number);
          headByOwner[owner] = id;
          nextByOwned.push(headByOwned[owned] as number);
          headByOwned[owned] = id;
        }
      }
      if (orderValid) stakeMoved(owner, owned, old, s);
      const cs = (colSum[owned] as number) + s - old;
      colSum[owned] = Math.abs(cs - 1) <= 1e-12 ? 1 : cs;
      if (stamp[owner] !== epoch) {
        stamp[owner] = epoch;
        seeds.push(owner);
      }
    }
    if (orderValid) {
      for (const x of seeds) push(g.sccOf[x] as number);
      return { recomputed: solveQueued() };
    }
    // Everything that holds a changed owner, through base and added stakes (zero ones too).
    const nodes = seeds;
    for (let q = 0; q < nodes.length; q++) {
      const x = nodes[q] as number;
      const end = ownedStart[x + 1] as number;
      for (let e = ownedStart[x] as number; e < end; e++) {
        const y = ownerIdx[e] as number;
        if (stamp[y] !== epoch) {
          stamp[y] = epoch;
          nodes.push(y);
        }
      }
      for (let a = headByOwned[x] as number; a !== -1; a = nextByOwned[a] as number) {
        const y = addOwner[a] as number;
        if (stamp[y] !== epoch) {
          stamp[y] = epoch;
          nodes.push(y);
        }
      }
    }
    const order = localOrder(nodes);
    solveLocal(order);
    return { recomputed: order.nodes };
  };

  /** Iterative Tarjan restricted to the stamped nodes, owner → owned. */
  const localOrder = (
    nodes: readonly number[],
  ): { nodes: Int32Array; start: number[]; cyclic: boolean[] } => {
    const { ownerStart, ownedIdx } = g;
    const m = nodes.length;
    for (const x of nodes) index[x] = -1;
    const out = new Int32Array(m);
    const start: number[] = [];
    const cyclic: boolean[] = [];
    const stack = new Int32Array(m);
    const callNode = new Int32Array(m);
    const callEdge = new Int32Array(m); // base edges first, then -(added id + 2)
    let sp = 0;
    let counter = 0;
    let o = 0;
    const nextEdge = (x: number, e: number): number => {
      // Returns the next cursor after e, or -1 when x has no more stakes.
      const end = ownerStart[x + 1] as number;
      if (e >= 0 && e < end) return e;
      if (e >= 0) {
        const a = headByOwner[x] as number;
        return a === -1 ? -1 : -(a + 2);
      }
      return e;
    };
    for (const root of nodes) {
      if (index[root] !== -1) continue;
      let top = 0;
      callNode[0] = root;
      callEdge[0] = nextEdge(root, ownerStart[root] as number);
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = 1;
      while (top >= 0) {
        const x = callNode[top] as number;
        const cur = callEdge[top] as number;
        if (cur !== -1) {
          let w: number;
          if (cur >= 0) {
            w = ownedIdx[cur] as number;
            callEdge[top] = nextEdge(x, cur + 1);
          } else {
            const a = -cur - 2;
            w = addOwned[a] as number;
            const nx = nextByOwner[a] as number;
            callEdge[top] = nx === -1 ? -1 : -(nx + 2);
          }
          if (stamp[w] !== epoch) continue;
          const iw = index[w] as number;
          if (iw === -1) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            top++;
            callNode[top] = w;
            callEdge[top] = nextEdge(w, ownerStart[w] as number);
          } else if (onStack[w] === 1 && iw < (low[x] as number)) {
            low[x] = iw;
          }
          continue;
        }
        if (low[x] === index[x]) {
          start.push(o);
          let size = 0;
          let y: number;
          let self = false;
          do {
            y = stack[--sp] as number;
            onStack[y] = 0;
            out[o++] = y;
            size++;
          } while (y !== x);
          if (size === 1) self = shareOf(x, x) > 0 || basePos(x, x) >= 0;
          cyclic.push(size > 1 || self);
        }
        top--;
        if (top >= 0) {
          const u = callNode[top] as number;
          if ((low[x] as number) < (low[u] as number)) low[u] = low[x] as number;
        }
      }
    }
    start.push(o);
    return { nodes: out, start, cyclic };
  };

  const pull = (i: number): void => {
    const base = i * k;
    for (let c = 0; c < k; c++) acc[c] = p[base + c] as number;
    const row = solvePos[i] as number;
    const end = solveStart[row + 1] as number;
    for (let e = solveStart[row] as number; e < end; e++) {
      const s = share[solveEdge[e] as number] as number;
      if (s === 0) continue;
      const jb = (sccOrder[solveIdx[e] as number] as number) * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
    for (let a = headByOwner[i] as number; a !== -1; a = nextByOwner[a] as number) {
      const s = addShare[a] as number;
      if (s === 0) continue;
      const jb = (addOwned[a] as number) * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
  };

  // --- The fast path, while every added stake respects the base solve order. Changes travel
  // as deltas: when a node's value moves by Δ, each holder h outside its component gets
  // `share × Δ` in `dv[h]` and h's component is queued; components leave a min-heap in solve
  // order (owned before owner), so a node is settled once everything below it is. An acyclic
  // node adds its pending delta; a cross-holding component folds the deltas into the fixed
  // part of its members (`ext` = p + Σ over stakes outside the component) and is swept
  // Gauss–Seidel over its internal stakes only, from the previous solution. Nothing reads a
  // node's full list of holdings (a hub's may be tens of thousands of stakes), and only the
  // holders of a node that moved by more than the tolerance are visited.
  const { sccOf, sccCyclic, sccStart, sccCount } = g;
  const dv = new Float64Array(n * k);
  const queued = new Int32Array(sccCount);
  let heap = new Int32Array(64);
  let heapSize = 0;
  let before = new Float64Array(64);
  // Cyclic members: their fixed part and their stakes inside the component.
  const slotOf = new Int32Array(n).fill(-1);
  let cyclicNodes = 0;
  for (let c = 0; c < sccCount; c++) {
    if (sccCyclic[c] === 1) cyclicNodes += (sccStart[c + 1] as number) - (sccStart[c] as number);
  }
  const ext = new Float64Array(cyclicNodes * k);
  const inStart = new Int32Array(cyclicNodes + 1);
  const inEdgeList: number[] = [];
  {
    let slot = 0;
    for (let c = 0; c < sccCount; c++) {
      if (sccCyclic[c] === 0) continue;
      const first = sccStart[c] as number;
      const last = sccStart[c + 1] as number;
      for (let q = first; q < last; q++) {
        const i = sccOrder[q] as number;
        slotOf[i] = slot;
        const xb = slot * k;
        for (let cc = 0; cc < k; cc++) ext[xb + cc] = p[i * k + cc] as number;
        const end = solveStart[q + 1] as number;
        for (let e = solveStart[q] as number; e < end; e++) {
          const t = solveIdx[e] as number;
          if (t >= first && t < last) {
            inEdgeList.push(e);
            continue;
          }
          const s = share[solveEdge[e] as number] as number;
          const jb = (sccOrder[t] as number) * k;
          for (let cc = 0; cc < k; cc++)
            ext[xb + cc] = (ext[xb + cc] as number) + s * (v[jb + cc] as number);
        }
        slot++;
        inStart[slot] = inEdgeList.length;
      }
    }
  }
  const inEdge = Int32Array.from(inEdgeList);
  const cyc: CycleContext = {
    k,
    tol,
    v,
    acc,
    ext,
    share,
    sccOrder,
    sccOf,
    slotOf,
    inStart,
    inEdge,
    solveEdge,
    solveIdx,
    headByOwner,
    nextByOwner,
    addOwned,
    addShare,
  };

  const push = (c: number): void => {
    if (queued[c] === epoch) return;
    queued[c] = epoch;
    if (heapSize === heap.length) {
      const h = new Int32Array(heap.length * 2);
      h.set(heap);
      heap = h;
    }
    let x = heapSize++;
    while (x > 0) {
      const up = (x - 1) >> 1;
      const pc = heap[up] as number;
      if (pc <= c) break;
      heap[x] = pc;
      x = up;
    }
    heap[x] = c;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap[--heapSize] as number;
    let x = 0;
    for (;;) {
      let child = 2 * x + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && (heap[child + 1] as number) < (heap[child] as number)) child++;
      if ((heap[child] as number) >= last) break;
      heap[x] = heap[child] as number;
      x = child;
    }
    if (heapSize > 0) heap[x] = last;
    return top;
  };
  /** Adds `s × (v[j] − old)` to the pending delta of every holder h of j outside j's component. */
  const spread = (j: number, old: Float64Array, ob: number): void => {
    const own = sccOf[j] as number;
    const jb = j * k;
    const addTo = (h: number, s: number): void => {
      const c = sccOf[h] as number;
      if (c === own || s === 0) return;
      const hb = h * k;
      for (let cc = 0; cc < k; cc++) {
        dv[hb + cc] =
          (dv[hb + cc] as number) + s * ((v[jb + cc] as number) - (old[ob + cc] as number));
      }
      push(c);
    };
    const end = ownedStart[j + 1] as number;
    for (let e = ownedStart[j] as number; e < end; e++)
      addTo(ownerIdx[e] as number, share[e] as number);
    for (let a = headByOwned[j] as number; a !== -1; a = nextByOwned[a] as number) {
      addTo(addOwner[a] as number, addShare[a] as number);
    }
  };
  /** A stake (owner, owned) went from `old` to `now` (before anything is re-solved). */
  const stakeMoved = (owner: number, owned: number, old: number, now: number): void => {
    const c = sccOf[owner] as number;
    if (c === sccOf[owned] && sccCyclic[c] === 1) return; // internal: read directly
    const ob = owner * k;
    const jb = owned * k;
    for (let cc = 0; cc < k; cc++) {
      dv[ob + cc] = (dv[ob + cc] as number) + (now - old) * (v[jb + cc] as number);
    }
  };
  const movedFrom = (base: number, old: Float64Array, ob: number): boolean => {
    for (let c = 0; c < k; c++) {
      const nv = v[base + c] as number;
      if (Math.abs(nv - (old[ob + c] as number)) > tol * Math.abs(nv)) return true;
    }
    return false;
  };
  const solveQueued = (): Int32Array => {
    const done: number[] = [];
    while (heapSize > 0) {
      const comp = pop();
      const first = sccStart[comp] as number;
      const last = sccStart[comp + 1] as number;
      const size = last - first;
      if (before.length < size * k) before = new Float64Array(size * k * 2);
      for (let q = first; q < last; q++) {
        const i = sccOrder[q] as number;
        done.push(i);
        const base = i * k;
        const bb = (q - first) * k;
        for (let c = 0; c < k; c++) before[bb + c] = v[base + c] as number;
      }
      if (sccCyclic[comp] === 0) {
        const i = sccOrder[first] as number;
        const base = i * k;
        for (let c = 0; c < k; c++) {
          v[base + c] = (v[base + c] as number) + (dv[base + c] as number);
          dv[base + c] = 0;
        }
      } else {
        for (let q = first; q < last; q++) {
          const i = sccOrder[q] as number;
          const base = i * k;
          const xb = (slotOf[i] as number) * k;
          for (let c = 0; c < k; c++) {
            ext[xb + c] = (ext[xb + c] as number) + (dv[base + c] as number);
            dv[base + c] = 0;
          }
        }
        let sweeps = 0;
        for (let polish = false; ; ) {
          sweeps++;
          const moved = sweep(cyc, comp, first, last);
          if (polish) break;
          if (!moved) polish = true;
          else if (sweeps >= maxIt) _notConverged(g, sccOrder[last - 1] as number, size, sweeps);
        }
      }
      for (let q = first; q < last; q++) {
        const i = sccOrder[q] as number;
        if (movedFrom(i * k, before, (q - first) * k)) spread(i, before, (q - first) * k);
      }
    }
    return Int32Array.from(done);
  };
  let orderValid = true;

  const solveLocal = (o: { nodes: Int32Array; start: number[]; cyclic: boolean[] }): void => {
    for (let comp = 0; comp < o.cyclic.length; comp++) {
      const first = o.start[comp] as number;
      const last = o.start[comp + 1] as number;
      let sweeps = 0;
      for (;;) {
        sweeps++;
        let moved = false;
        for (let q = first; q < last; q++) {
          const i = o.nodes[q] as number;
          pull(i);
          const base = i * k;
          for (let c = 0; c < k; c++) {
            const nv = acc[c] as number;
            if (Math.abs(nv - (v[base + c] as number)) > tol * Math.abs(nv)) moved = true;
            v[base + c] = nv;
          }
        }
        if (!moved || !o.cyclic[comp]) break;
        if (sweeps >= maxIt) _notConverged(g, o.nodes[first] as number, last - first, sweeps);
      }
    }
  };

  const retained = (): Float64Array => {
    const r = new Float64Array(v.length);
    for (let i = 0; i < n; i++) {
      const keep = 1 - (colSum[i] as number);
      const base = i * k;
      for (let c = 0; c < k; c++) r[base + c] = keep * (v[base + c] as number);
    }
    return r;
  };

  return { graph: g, k, v, colSum, shareOf, update, retained };
}

/** What a Gauss–Seidel sweep of one cross-holding component reads (see `sweep`). */
interface CycleContext {
  k: number;
  tol: number;
  v: Float64Array;
  acc: Float64Array;
  /** Per cyclic member (by slot): p + Σ over its stakes leading out of the component. */
  ext: Float64Array;
  share: Float64Array;
  sccOrder: Int32Array;
  sccOf: Int32Array;
  slotOf: Int32Array;
  /** The member in slot s holds the stakes `inEdge[inStart[s] .. inStart[s + 1] - 1]` inside. */
  inStart: Int32Array;
  inEdge: Int32Array;
  solveEdge: Int32Array;
  solveIdx: Int32Array;
  headByOwner: Int32Array;
  nextByOwner: number[];
  addOwned: number[];
  addShare: number[];
}

/**
 * One Gauss–Seidel sweep over the members of component `comp` (solve positions first..last−1),
 * reading only its internal stakes; true when some value moved by more than the tolerance.
 * A function of its own (not a closure in the handle) so that the engine compiles it early:
 * it is called for every small cycle too, and the large one must not run in the interpreter.
 */
function sweep(x: CycleContext, comp: number, first: number, last: number): boolean {
  const { k, tol, v, acc, ext, share, sccOrder, sccOf, slotOf, inStart, inEdge } = x;
  const { solveEdge, solveIdx, headByOwner, nextByOwner, addOwned, addShare } = x;
  let moved = false;
  for (let q = first; q < last; q++) {
    const i = sccOrder[q] as number;
    const slot = slotOf[i] as number;
    const xb = slot * k;
    for (let c = 0; c < k; c++) acc[c] = ext[xb + c] as number;
    const end = inStart[slot + 1] as number;
    for (let r = inStart[slot] as number; r < end; r++) {
      const e = inEdge[r] as number;
      const s = share[solveEdge[e] as number] as number;
      const jb = (sccOrder[solveIdx[e] as number] as number) * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
    for (let a = headByOwner[i] as number; a !== -1; a = nextByOwner[a] as number) {
      const j = addOwned[a] as number;
      if (sccOf[j] !== comp) continue; // outside: already in ext
      const s = addShare[a] as number;
      const jb = j * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + s * (v[jb + c] as number);
    }
    const base = i * k;
    for (let c = 0; c < k; c++) {
      const nv = acc[c] as number;
      if (Math.abs(nv - (v[base + c] as number)) > tol * Math.abs(nv)) moved = true;
      v[base + c] = nv;
    }
  }
  return moved;
}
