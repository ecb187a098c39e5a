/**
 * Test helpers for the ownership engine: random graphs as fast-check arbitraries and dense
 * reference solvers (Gaussian elimination, path enumeration). Not part of the public API.
 */
import fc from "fast-check";
import type { StakeEdge } from "./ownership-graph.js";

export interface RandomGraph {
  ids: string[];
  edges: StakeEdge[];
}

/** Node ids that do not sort like their indices, so id order and index order differ. */
export function idsFor(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `N${((i * 7 + 3) % 11).toString(36)}${i}`);
}

/**
 * A random graph of 1–`maxN` nodes, with cycles unless `acyclic`. Every column sum of W is at
 * most `maxCol`; when `maxCol` is 1 some columns are fully held, and every cross-holding
 * cycle keeps one member with a column sum below 1 so that (I − W) is invertible.
 */
export function graphArb(
  opts: { maxN?: number; acyclic?: boolean; maxCol?: number; bounds?: boolean } = {},
): fc.Arbitrary<RandomGraph> {
  const maxN = opts.maxN ?? 8;
  const maxCol = opts.maxCol ?? 1;
  return fc
    .integer({ min: 1, max: maxN })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        raw: fc.array(
          fc.record({
            a: fc.integer({ min: 0, max: n - 1 }),
            b: fc.integer({ min: 0, max: n - 1 }),
            w: fc.double({ min: 0.05, max: 1, noNaN: true }),
            lo: fc.double({ min: 0, max: 1, noNaN: true }),
            hi: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 3 * n },
        ),
        totals: fc.array(
          fc.oneof(fc.constant(1), fc.double({ min: 0.1, max: 0.99, noNaN: true })),
          { minLength: n, maxLength: n },
        ),
      }),
    )
    .map(({ n, raw, totals }) => {
      const ids = idsFor(n);
      const picked = raw
        .filter((r) => r.a !== r.b)
        .map((r) => (opts.acyclic ? { ...r, a: Math.max(r.a, r.b), b: Math.min(r.a, r.b) } : r));
      const col = new Array<number>(n).fill(0);
      for (const r of picked) col[r.b] = (col[r.b] ?? 0) + r.w;
      const total = totals.map((t) => Math.min(t, maxCol));
      // Keep one member of every cycle below 1: make the smallest index in each cycle < 1.
      if (!opts.acyclic && maxCol >= 1) {
        const cyc = cyclicNodes(n, picked);
        const seenComp = new Set<number>();
        for (let i = 0; i < n; i++) {
          const c = cyc[i] ?? -1;
          if (c >= 0 && !seenComp.has(c)) {
            seenComp.add(c);
            total[i] = Math.min(total[i] ?? 1, 0.9);
          }
        }
      }
      const edges: StakeEdge[] = picked.map((r) => {
        const share = (r.w / (col[r.b] ?? 1)) * (total[r.b] ?? 1);
        const e: StakeEdge = { owner: ids[r.a] as string, owned: ids[r.b] as string, share };
        if (opts.bounds) {
          // Room above: half of what the column leaves to the float, split pro rata.
          const room = (1 - (total[r.b] ?? 1)) / 2;
          e.shareMin = share * r.lo;
          e.shareMax = share + (room * r.w) / (col[r.b] ?? 1);
        }
        return e;
      });
      return { ids, edges };
    });
}

/** Component label of each node on a cycle (-1 otherwise), by brute-force reachability. */
function cyclicNodes(n: number, edges: { a: number; b: number }[]): number[] {
  const reach = Array.from({ length: n }, (_, i) => {
    const r = new Array<boolean>(n).fill(false);
    r[i] = true;
    return r;
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      for (let s = 0; s < n; s++) {
        const row = reach[s] as boolean[];
        if (row[e.a] && !row[e.b]) {
          row[e.b] = true;
          changed = true;
        }
      }
    }
  }
  const out = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && reach[i]?.[j] && reach[j]?.[i])
        out[i] = Math.min(i, j, out[i] === -1 ? i : (out[i] as number));
    }
  }
  return out;
}

/** Dense W (W[i][j] = share of j held by i, duplicates summed). */
export function denseW(g: RandomGraph, pick: "share" | "min" | "max" = "share"): number[][] {
  const n = g.ids.length;
  const at = new Map(g.ids.map((id, i) => [id, i]));
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const e of g.edges) {
    const s =
      pick === "min" ? (e.shareMin ?? e.share) : pick === "max" ? (e.shareMax ?? e.share) : e.share;
    const row = W[at.get(e.owner) as number] as number[];
    const j = at.get(e.owned) as number;
    row[j] = (row[j] ?? 0) + s;
  }
  return W;
}

/** Solves (I − W) x = b densely (Gaussian elimination with partial pivoting). */
export function denseSolve(W: number[][], b: number[], transpose = false): number[] {
  const n = b.length;
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => {
      if (j === n) return b[i] as number;
      const w = transpose ? (W[j]?.[i] as number) : (W[i]?.[j] as number);
      return (i === j ? 1 : 0) - w;
    }),
  );
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(A[r]?.[c] as number) > Math.abs(A[piv]?.[c] as number)) piv = r;
    }
    [A[c], A[piv]] = [A[piv] as number[], A[c] as number[]];
    const rc = A[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = A[r] as number[];
      const f = (row[c] as number) / (rc[c] as number);
      if (f === 0) continue;
      for (let j = c; j <= n; j++) row[j] = (row[j] as number) - f * (rc[j] as number);
    }
  }
  return A.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** v = p + W v on an acyclic W by enumerating every ownership path. */
export function pathSum(W: number[][], p: number[]): number[] {
  const n = p.length;
  const walk = (i: number, weight: number, depth: number): number => {
    if (depth > n) throw new Error("pathSum needs an acyclic graph");
    let s = weight * (p[i] as number);
    for (let j = 0; j < n; j++) {
      const w = W[i]?.[j] as number;
      if (w > 0) s += walk(j, weight * w, depth + 1);
    }
    return s;
  };
  return Array.from({ length: n }, (_, i) => walk(i, 1, 0));
}

/** |a − b| ≤ rel · max(|a|, |b|) + abs. */
export function close(a: number, b: number, rel = 1e-9, abs = 1e-12): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

/** "" when every pair is close, else the first pair that is not (for readable failures). */
export function mismatch(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  rel = 1e-9,
  abs = 1e-12,
): string {
  if (got.length !== want.length) return `length ${got.length} ≠ ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (!close(got[i] as number, want[i] as number, rel, abs))
      return `[${i}] ${got[i]} ≠ ${want[i]}`;
  }
  return "";
}
