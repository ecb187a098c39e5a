import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphArb } from "./_test-graphs.js";
import { majorityOwners } from "./control.js";
import { holdingsOf, lookThrough, ultimateOwnersOf } from "./look-through.js";
import { ownershipGraphFrom, type StakeEdge } from "./ownership-graph.js";
import { patchStakeShare, stakePosition } from "./patch-stake.js";

/** The graph's stakes summed per owner → owned pair, by id. */
function pairs(edges: readonly StakeEdge[]): Map<string, StakeEdge> {
  const out = new Map<string, StakeEdge>();
  for (const e of edges) {
    const k = `${e.owner}>${e.owned}`;
    const x = out.get(k);
    out.set(
      k,
      x
        ? {
            ...x,
            share: x.share + e.share,
            shareMin: (x.shareMin ?? x.share) + (e.shareMin ?? e.share),
            shareMax: (x.shareMax ?? x.share) + (e.shareMax ?? e.share),
          }
        : { ...e },
    );
  }
  return out;
}

const near = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(a[i] as number)),
    );
};

describe("patchStakeShare()", () => {
  it("leaves a graph that solves, finds owners and holdings, sums columns and finds majority owners as the graph built with the new share", () => {
    fc.assert(
      fc.property(
        graphArb({ maxN: 9, maxCol: 0.95, bounds: true }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rg, pick, f) => {
          const summed = [...pairs(rg.edges).values()].filter((e) => e.share <= 1);
          if (summed.length === 0) return;
          const target = summed[pick % summed.length] as StakeEdge;
          // The new share keeps the column within what it held (so the system stays solvable).
          const to = {
            share: target.share * f,
            shareMin: (target.shareMin ?? target.share) * f,
            shareMax: Math.min(1, (target.shareMax ?? target.share) * f),
          };
          const g = ownershipGraphFrom(rg.ids, summed);
          const o = g.indexOf.get(target.owner) as number;
          const d = g.indexOf.get(target.owned) as number;
          const bounded = to.shareMin !== to.share || to.shareMax !== to.share;
          const ok = patchStakeShare(g, o, d, to);
          if (!g.hasBounds && bounded) {
            expect(ok).toBe(false);
            return;
          }
          expect(ok).toBe(true);
          const fresh = ownershipGraphFrom(
            rg.ids,
            summed.map((e) => (e === target ? { ...e, ...to } : e)),
          );
          for (const bound of ["share", "min", "max"] as const) {
            const p = new Float64Array(g.n).fill(1);
            near(lookThrough(g, p, 1, { bound }), lookThrough(fresh, p, 1, { bound }));
            for (let i = 0; i < g.n; i++) {
              near(holdingsOf(g, i, { bound }), holdingsOf(fresh, i, { bound }));
              const u = ultimateOwnersOf(g, i, { bound }).filter((r) => r.share > 1e-12);
              const v = ultimateOwnersOf(fresh, i, { bound }).filter((r) => r.share > 1e-12);
              expect(u.map((r) => r.index).sort()).toEqual(v.map((r) => r.index).sort());
            }
          }
          near(g.colSum, fresh.colSum);
          near(g.colSumMin, fresh.colSumMin);
          near(g.colSumMax, fresh.colSumMax);
          expect([...majorityOwners(g)]).toEqual([...majorityOwners(fresh)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a stake the graph does not have, and a share outside 0–1", () => {
    const g = ownershipGraphFrom(["a", "b", "c"], [{ owner: "a", owned: "b", share: 0.5 }]);
    expect(stakePosition(g, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(patchStakeShare(g, 1, 2, { share: 0.3 })).toBe(false);
    expect(patchStakeShare(g, 0, 1, { share: 1.5 })).toBe(false);
    expect(patchStakeShare(g, 0, 1, { share: 0.5, shareMin: 0.4 })).toBe(false);
    expect(g.share[stakePosition(g, 0, 1)]).toBe(0.5);
    expect(patchStakeShare(g, 0, 1, { share: 0.7 })).toBe(true);
    expect(g.colSum[1]).toBe(0.7);
    expect([...majorityOwners(g)]).toEqual([-1, 0, -1]);
  });

  it("writes a share without the graph's solve-edge index, which is built over every stake on first use", () => {
    // At a million nodes that index is a pass over millions of stakes: the first write of a
    // server paid for it. A graph that refuses to give it must take the write all the same.
    const edges = [
      { owner: "a", owned: "b", share: 0.5 },
      { owner: "c", owned: "b", share: 0.2 },
      { owner: "b", owned: "d", share: 0.6 },
      { owner: "a", owned: "d", share: 0.1 },
    ];
    const ids = ["a", "b", "c", "d"];
    const g = ownershipGraphFrom(ids, edges);
    const guarded = new Proxy(g, {
      get(target, key, receiver) {
        if (key === "solveEdge") throw new Error("solveEdge read");
        return Reflect.get(target, key, receiver);
      },
    });
    expect(patchStakeShare(guarded, 0, 1, { share: 0.3 })).toBe(true);
    const fresh = ownershipGraphFrom(
      ids,
      edges.map((e) => (e.owner === "a" && e.owned === "b" ? { ...e, share: 0.3 } : e)),
    );
    const p = new Float64Array(4).fill(1);
    near(lookThrough(g, p, 1), lookThrough(fresh, p, 1));
    for (let i = 0; i < 4; i++) near(holdingsOf(g, i), holdingsOf(fresh, i));
  });
});
