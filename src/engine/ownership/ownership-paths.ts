/**
 * Ownership paths from a node up to its ultimate owners, for explanations: each path lists the
 * nodes from the owned node upwards and the product of the shares along it. The totals come
 * from the solver; paths only show where they come from, so they are cut below `minShare`
 * and at `maxDepth`, and a node is visited at most twice on one path (cycles).
 */
import type { OwnershipGraph } from "./ownership-graph.js";

export interface OwnershipPath {
  /** Node indices from the owned node up to the terminal owner. */
  nodes: number[];
  /** Shares of each step (length nodes.length − 1). */
  shares: number[];
  /** Product of the shares. */
  share: number;
  /** Why the path stops: a root (no owners) or the unrecorded remainder of a partly-owned node. */
  end: "root" | "remainder";
}

export function ownershipPathsFrom(
  g: OwnershipGraph,
  start: number,
  opts: { minShare?: number; maxDepth?: number; maxPaths?: number } = {},
): OwnershipPath[] {
  const minShare = opts.minShare ?? 1e-4;
  const maxDepth = opts.maxDepth ?? 16;
  const maxPaths = opts.maxPaths ?? 10_000;
  const out: OwnershipPath[] = [];
  const nodes: number[] = [start];
  const shares: number[] = [];
  const visits = new Map<number, number>([[start, 1]]);

  const walk = (x: number, acc: number) => {
    if (out.length >= maxPaths) return;
    const from = g.ownedStart[x] ?? 0;
    const to = g.ownedStart[x + 1] ?? 0;
    const held = g.colSum[x] ?? 0;
    if (from === to) {
      out.push({ nodes: [...nodes], shares: [...shares], share: acc, end: "root" });
      return;
    }
    if (held < 1 - 1e-12 && acc * (1 - held) >= minShare) {
      out.push({
        nodes: [...nodes],
        shares: [...shares],
        share: acc * (1 - held),
        end: "remainder",
      });
    }
    if (nodes.length > maxDepth) return;
    for (let e = from; e < to; e++) {
      const owner = g.ownerIdx[e] as number;
      const s = g.share[e] as number;
      const next = acc * s;
      if (next < minShare || (visits.get(owner) ?? 0) >= 2) continue;
      nodes.push(owner);
      shares.push(s);
      visits.set(owner, (visits.get(owner) ?? 0) + 1);
      walk(owner, next);
      visits.set(owner, (visits.get(owner) ?? 1) - 1);
      nodes.pop();
      shares.pop();
    }
  };
  walk(start, 1);
  return out.sort((a, b) => b.share - a.share);
}
