import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrebookError } from "../model/errors.js";
import { graphArb } from "./_test-graphs.js";
import { ownershipGraphFrom, ownershipGraphFromIndexed } from "./ownership-graph.js";

describe("ownershipGraphFrom()", () => {
  it("ownershipGraphFrom() sums duplicate stakes and their bounds", () => {
    const g = ownershipGraphFrom(
      ["a", "b", "m"],
      [
        { owner: "a", owned: "m", share: 0.2, shareMin: 0.1 },
        { owner: "b", owned: "m", share: 0.3 },
        { owner: "a", owned: "m", share: 0.1, shareMax: 0.3 },
      ],
    );
    expect(g.m).toBe(2);
    const m = g.indexOf.get("m") as number;
    const a = g.indexOf.get("a") as number;
    const at = Array.from(g.ownerIdx.subarray(g.ownedStart[m], g.ownedStart[m + 1])).indexOf(a);
    const e = (g.ownedStart[m] as number) + at;
    expect(g.share[e]).toBeCloseTo(0.3, 15);
    expect(g.shareMin[e]).toBeCloseTo(0.2, 15);
    expect(g.shareMax[e]).toBeCloseTo(0.5, 15);
    expect(g.colSum[m]).toBeCloseTo(0.6, 15);
    expect(g.colSumMin[m]).toBeCloseTo(0.5, 15);
    expect(g.colSumMax[m]).toBeCloseTo(0.8, 15);
    expect(g.hasBounds).toBe(true);
  });

  it("ownershipGraphFrom() shares one array for share, min and max when no stake has bounds", () => {
    const g = ownershipGraphFrom(["a", "b"], [{ owner: "a", owned: "b", share: 0.5 }]);
    expect(g.shareMin).toBe(g.share);
    expect(g.shareMax).toBe(g.share);
    expect(g.hasBounds).toBe(false);
  });

  it("ownershipGraphFrom() names an unknown owner", () => {
    expect(() => ownershipGraphFrom(["a"], [{ owner: "x", owned: "a", share: 0.5 }])).toThrow(
      new OrebookError("BAD_INPUT", 'Stake 0 names an unknown owner "x"'),
    );
    try {
      ownershipGraphFrom(["a"], [{ owner: "a", owned: "zz", share: 0.5 }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OrebookError);
      expect((e as OrebookError).code).toBe("BAD_INPUT");
      expect((e as OrebookError).message).toBe('Stake 0 names an unknown owned node "zz"');
    }
  });

  it("ownershipGraphFrom() rejects a share outside 0–1", () => {
    expect(() => ownershipGraphFrom(["a", "b"], [{ owner: "a", owned: "b", share: 51 }])).toThrow(
      "Stake 0 has share 51: expected a fraction between 0 and 1",
    );
  });

  it("ownershipGraphFrom() stores a column sum within 1e-12 of 1 as exactly 1", () => {
    const g = ownershipGraphFrom(
      ["a", "b", "c", "m"],
      [
        { owner: "a", owned: "m", share: 0.1 },
        { owner: "b", owned: "m", share: 0.2 },
        { owner: "c", owned: "m", share: 0.7 },
      ],
    );
    expect(g.colSum[3]).toBe(1);
  });

  it("ownershipGraphFrom() gives CSR by owner that mirrors CSR by owned", () => {
    fc.assert(
      fc.property(graphArb(), ({ ids, edges }) => {
        const g = ownershipGraphFrom(ids, edges);
        const byOwned = new Set<string>();
        for (let j = 0; j < g.n; j++) {
          for (let e = g.ownedStart[j] as number; e < (g.ownedStart[j + 1] as number); e++) {
            byOwned.add(`${g.ownerIdx[e]}>${j}:${g.share[e]}`);
          }
        }
        const byOwner = new Set<string>();
        for (let i = 0; i < g.n; i++) {
          for (let e = g.ownerStart[i] as number; e < (g.ownerStart[i + 1] as number); e++) {
            const p = g.edgeOf[e] as number;
            expect(g.ownerIdx[p]).toBe(i);
            expect(g.ownedIdx[e]).toBe(g.ownedIdx[e]);
            expect(g.ownerShare[e]).toBe(g.share[p]);
            byOwner.add(`${i}>${g.ownedIdx[e]}:${g.share[p]}`);
          }
        }
        expect(byOwner).toEqual(byOwned);
      }),
    );
  });

  it("ownershipGraphFrom() orders components owned before owner", () => {
    fc.assert(
      fc.property(graphArb(), ({ ids, edges }) => {
        const g = ownershipGraphFrom(ids, edges);
        expect(Array.from(g.sccOrder).sort((a, b) => a - b)).toEqual(ids.map((_, i) => i));
        for (let c = 0; c < g.sccCount; c++) {
          for (let q = g.sccStart[c] as number; q < (g.sccStart[c + 1] as number); q++) {
            expect(g.sccOf[g.sccOrder[q] as number]).toBe(c);
          }
        }
        for (let i = 0; i < g.n; i++) {
          for (let e = g.ownerStart[i] as number; e < (g.ownerStart[i + 1] as number); e++) {
            const j = g.ownedIdx[e] as number;
            expect(g.sccOf[j]).toBeLessThanOrEqual(g.sccOf[i] as number);
            if (g.sccOf[j] === g.sccOf[i]) expect(g.sccCyclic[g.sccOf[i] as number]).toBe(1);
          }
        }
      }),
    );
  });

  it("ownershipGraphFrom() finds the components of a million-node chain without recursion", () => {
    const n = 1_000_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const owned = Int32Array.from({ length: n }, (_, i) => i);
    const owner = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    const share = new Float64Array(n).fill(0.5);
    const g = ownershipGraphFromIndexed(ids, new Map(ids.map((id, i) => [id, i])), {
      owner,
      owned,
      share,
    });
    expect(g.sccCount).toBe(1);
    expect(g.sccCyclic[0]).toBe(1);
  });
});
