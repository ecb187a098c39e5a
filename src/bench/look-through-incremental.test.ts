import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphArb, mismatch } from "../engine/ownership/_test-graphs.js";
import { lookThrough } from "../engine/ownership/look-through.js";
import { ownershipGraphFrom, type StakeEdge } from "../engine/ownership/ownership-graph.js";
import { lookThroughIncremental, type StakeChange } from "./look-through-incremental.js";

function productionFor(n: number, k: number, seed: number): Float64Array {
  const p = new Float64Array(n * k);
  let x = seed >>> 0 || 7;
  for (let q = 0; q < p.length; q++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    p[q] = x % 4 === 0 ? 0 : (x % 997) + 0.25;
  }
  return p;
}

const changeArb = fc.record({
  a: fc.nat(),
  b: fc.nat(),
  share: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })),
});

describe("lookThroughIncremental()", () => {
  it("lookThroughIncremental() equals a full solve after share changes, additions and removals", () => {
    fc.assert(
      fc.property(
        graphArb({ maxCol: 0.9 }),
        fc.array(fc.array(changeArb, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer(),
        (rg, batches, seed) => {
          const g = ownershipGraphFrom(rg.ids, rg.edges);
          const n = g.n;
          const k = 2;
          const p = productionFor(n, k, seed);
          const inc = lookThroughIncremental(g, p, k);
          // The current stakes as a dense matrix, to rebuild the graph from scratch.
          const W = Array.from({ length: n }, () => new Array<number>(n).fill(0));
          for (const e of rg.edges) {
            const row = W[g.indexOf.get(e.owner) as number] as number[];
            const j = g.indexOf.get(e.owned) as number;
            row[j] = (row[j] as number) + e.share;
          }
          for (const batch of batches) {
            const changes: StakeChange[] = [];
            for (const c of batch) {
              const owner = c.a % n;
              const owned = c.b % n;
              if (owner === owned) continue;
              // Keep every column sum ≤ 0.9 so that (I − W) stays invertible.
              let others = 0;
              for (let i = 0; i < n; i++) if (i !== owner) others += W[i]?.[owned] as number;
              const share = Math.min(c.share, Math.max(0, 0.9 - others));
              (W[owner] as number[])[owned] = share;
              changes.push({ owner, owned, share });
            }
            inc.update(changes);
            const edges: StakeEdge[] = [];
            for (let i = 0; i < n; i++) {
              for (let j = 0; j < n; j++) {
                const s = W[i]?.[j] as number;
                if (s > 0)
                  edges.push({ owner: rg.ids[i] as string, owned: rg.ids[j] as string, share: s });
              }
            }
            const full = lookThrough(ownershipGraphFrom(rg.ids, edges), p, k);
            expect(mismatch(inc.v, full, 1e-9, 1e-9)).toBe("");
            for (let i = 0; i < n; i++) {
              for (let j = 0; j < n; j++) expect(inc.shareOf(i, j)).toBe(W[i]?.[j]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lookThroughIncremental() recomputes only the changed owner and those above it", () => {
    const g = ownershipGraphFrom(
      ["top", "co", "mine", "side"],
      [
        { owner: "top", owned: "co", share: 0.6 },
        { owner: "co", owned: "mine", share: 0.5 },
        { owner: "side", owned: "mine", share: 0.2 },
      ],
    );
    const inc = lookThroughIncremental(g, Float64Array.of(0, 0, 100, 0), 1);
    const { recomputed } = inc.update([{ owner: 1, owned: 2, share: 0.7 }]);
    expect(Array.from(recomputed).sort()).toEqual([0, 1]);
    expect(Array.from(inc.v)).toEqual([42, 70, 100, 20]);
    expect(inc.colSum[2]).toBeCloseTo(0.9, 15);
  });

  it("lookThroughIncremental() handles a new stake that closes a cycle", () => {
    const g = ownershipGraphFrom(["a", "b"], [{ owner: "a", owned: "b", share: 0.5 }]);
    const inc = lookThroughIncremental(g, Float64Array.of(0, 1), 1);
    inc.update([{ owner: 1, owned: 0, share: 0.5 }]);
    // v_a = 0.5 v_b, v_b = 1 + 0.5 v_a → v_b = 4/3, v_a = 2/3.
    expect(inc.v[0]).toBeCloseTo(2 / 3, 12);
    expect(inc.v[1]).toBeCloseTo(4 / 3, 12);
    const r = inc.retained();
    expect((r[0] as number) + (r[1] as number)).toBeCloseTo(1, 12);
  });
});
