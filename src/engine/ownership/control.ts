/**
 * Consolidated control: the majority owner of each node and the ultimate controlling parent
 * reached by following majority owners (docs/methodology.md, "Control").
 *
 * @example
 * const ctrl = ultimateControllers(g); // ctrl[asset] = index of its ultimate controller
 */
import { OrebookError } from "../../model/errors.js";
import {
  DEFAULT_CONTROL_THRESHOLD,
  majorityOwners as majorityKernel,
  majorityOwnerOf,
} from "./kernels.js";
import type { OwnershipGraph } from "./ownership-graph.js";

export { DEFAULT_CONTROL_THRESHOLD };

function checkThreshold(t: number): void {
  if (!(t >= 0 && t < 1)) {
    throw new OrebookError(
      "BAD_INPUT",
      `A control threshold must be a fraction in [0, 1), got ${t}`,
    );
  }
}

/**
 * The majority owner of each node: the owner whose (summed) share is strictly above
 * `threshold` (default 0.5), -1 where there is none. Below 0.5 several owners may pass; the
 * largest holder wins, ties going to the smaller index.
 */
export function majorityOwners(
  g: OwnershipGraph,
  threshold: number = DEFAULT_CONTROL_THRESHOLD,
): Int32Array {
  checkThreshold(threshold);
  // Computed at the default threshold by a build that had a helper thread idle.
  if (threshold === DEFAULT_CONTROL_THRESHOLD && g.majority !== undefined)
    return g.majority.slice();
  const { n, ownedStart, ownerIdx, share } = g;
  const out = new Int32Array(n);
  majorityKernel({ from: 0, to: n, threshold, ownedStart, ownerIdx, share, out });
  return out;
}

/** Compares two ids by UTF-8 byte order (code point order), which `<` on UTF-16 is not. */
export function compareIdBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF: they sort after U+E000–FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The ultimate controller of each node: follow majority owners until a node has none (a node
 * without a majority owner controls itself). A chain that enters a cycle of majority stakes
 * ends at the cycle's member with the smallest id in byte order.
 */
export function ultimateControllers(
  g: OwnershipGraph,
  threshold: number = DEFAULT_CONTROL_THRESHOLD,
): Int32Array {
  return controllersFrom(g, majorityOwners(g, threshold));
}

/**
 * Ultimate controllers from majority owners already computed (see {@link majorityOwners}).
 *
 * Nodes are taken in reverse solve order (owners before what they own): a majority owner in
 * another strongly connected component comes later in solve order, so its controller is
 * already known and is copied. Only a majority owner inside the node's own cross-holding
 * component (rare: majority stakes seldom close a cycle) needs the walk along the chain.
 */
export function controllersFrom(g: OwnershipGraph, maj: Int32Array): Int32Array {
  const { n, sccOrder } = g;
  const ctrl = new Int32Array(n).fill(-1);
  let walk: Walk | undefined;
  for (let q = n - 1; q >= 0; q--) {
    const x = sccOrder[q] as number;
    const up = maj[x] as number;
    if (up < 0) {
      ctrl[x] = x;
      continue;
    }
    // Known unless the majority owner sits in x's own component and was not walked yet.
    const c = ctrl[up] as number;
    if (c !== -1) ctrl[x] = c;
    else if (ctrl[x] === -1) {
      walk ??= { onPath: new Int32Array(n).fill(-1), path: new Int32Array(n) };
      walkFrom(g, maj, ctrl, walk, x);
    }
  }
  return ctrl;
}

interface Walk {
  /** Position on the current walk, -1 when not on it. */
  onPath: Int32Array;
  path: Int32Array;
}

/**
 * Follows majority owners from `s` until a node whose controller is known, a node without a
 * majority owner, or a node already on the walk (a cycle of majority stakes: its member with
 * the smallest id controls); every node walked gets that controller.
 */
function walkFrom(g: OwnershipGraph, maj: Int32Array, ctrl: Int32Array, w: Walk, s: number): void {
  const { onPath, path } = w;
  let len = 0;
  let x = s;
  let result: number;
  for (;;) {
    const known = ctrl[x] as number;
    if (known !== -1) {
      result = known;
      break;
    }
    const at = onPath[x] as number;
    if (at !== -1) {
      result = smallestId(g, path, at, len);
      break;
    }
    const up = maj[x] as number;
    if (up < 0) {
      result = x;
      break;
    }
    onPath[x] = len;
    path[len++] = x;
    x = up;
  }
  if (ctrl[x] === -1) ctrl[x] = result;
  for (let q = 0; q < len; q++) {
    const y = path[q] as number;
    ctrl[y] = result;
    onPath[y] = -1;
  }
}

function smallestId(g: OwnershipGraph, path: Int32Array, from: number, to: number): number {
  let best = path[from] as number;
  for (let q = from + 1; q < to; q++) {
    const y = path[q] as number;
    if (compareIdBytes(g.ids[y] as string, g.ids[best] as string) < 0) best = y;
  }
  return best;
}

/** The control chain node → majority owner → … → ultimate controller, as indices. */
export function controlChain(
  g: OwnershipGraph,
  node: number,
  threshold: number = DEFAULT_CONTROL_THRESHOLD,
): number[] {
  if (!(Number.isInteger(node) && node >= 0 && node < g.n)) {
    throw new OrebookError("BAD_INPUT", `Node index ${node} is out of range 0..${g.n - 1}`);
  }
  checkThreshold(threshold);
  const { ownedStart, ownerIdx, share } = g;
  const majorityOf = (j: number): number =>
    majorityOwnerOf(j, threshold, ownedStart, ownerIdx, share);
  const chain = [node];
  const pos = new Map<number, number>([[node, 0]]);
  for (;;) {
    const up = majorityOf(chain[chain.length - 1] as number);
    if (up < 0) return chain;
    const at = pos.get(up);
    if (at !== undefined) {
      // A cycle of majority stakes: stop at its smallest id, walking round if need be.
      const cycle = chain.slice(at);
      let best = cycle[0] as number;
      for (const y of cycle) {
        if (compareIdBytes(g.ids[y] as string, g.ids[best] as string) < 0) best = y;
      }
      const cut = chain.indexOf(best);
      return chain.slice(0, cut + 1);
    }
    pos.set(up, chain.length);
    chain.push(up);
  }
}
