import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { denseSolve, denseW, graphArb, mismatch } from "../engine/ownership/_test-graphs.js";
import { ultimateControllers } from "../engine/ownership/control.js";
import { consolidatedFromRows, countryTotalsFrom } from "../engine/ownership/country-totals.js";
import {
  lookThrough,
  stakePass,
  toNodeOrder,
  toSolveOrder,
} from "../engine/ownership/look-through.js";
import { ownershipGraphFrom, type StakeEdge } from "../engine/ownership/ownership-graph.js";
import { lookThroughIncremental, type StakeChange } from "./look-through-incremental.js";

function productionFor(n: number, k: number, seed: number): Float64Array {
  const p = new Float64Array(n * k);
  let x = seed >>> 0 || 3;
  for (let q = 0; q < p.length; q++) {
    x = (x * 1103515245 + 12345) >>> 0;
    p[q] = x % 3 === 0 ? 0 : (x % 1000) + 0.5;
  }
  return p;
}

describe("solve order", () => {
  it("ownershipGraphFrom() renumbers nodes in solve order and mirrors every stake there", () => {
    fc.assert(
      fc.property(graphArb({ maxN: 12, bounds: true }), (rg) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const { n, sccOrder, solvePos, solveStart, solveIdx, sccOf, sccCyclic } = g;
        for (let i = 0; i < n; i++) expect(sccOrder[solvePos[i] as number]).toBe(i);
        // The solve's share of a stake: as given, except in a column counted as fully held (its
        // sum within 1e-12 of 1, not exactly 1), whose shares the solve scales by 1 / their sum.
        const solved = (sh: Float64Array, col: Float64Array, j: number, e: number): number => {
          let sum = 0;
          for (let x = g.ownedStart[j] as number; x < (g.ownedStart[j + 1] as number); x++)
            sum += sh[x] as number;
          const v = sh[e] as number;
          return col[j] === 1 && sum !== 1 ? v * (1 / sum) : v;
        };
        const byOwned = new Set<string>();
        const solvedShare = new Map<number, number>();
        for (let j = 0; j < n; j++) {
          for (let e = g.ownedStart[j] as number; e < (g.ownedStart[j + 1] as number); e++) {
            const s0 = solved(g.share, g.colSum, j, e);
            solvedShare.set(e, s0);
            byOwned.add(
              `${g.ownerIdx[e]}>${j}:${s0}:${solved(g.shareMin, g.colSumMin, j, e)}:${solved(g.shareMax, g.colSumMax, j, e)}`,
            );
          }
        }
        const bySolve = new Set<string>();
        for (let q = 0; q < n; q++) {
          const i = sccOrder[q] as number;
          for (let e = solveStart[q] as number; e < (solveStart[q + 1] as number); e++) {
            const t = solveIdx[e] as number;
            const j = sccOrder[t] as number;
            // Owned before owner, except inside a cross-holding component.
            if (sccOf[j] === sccOf[i]) expect(sccCyclic[sccOf[i] as number]).toBe(1);
            else expect(t).toBeLessThan(q);
            const p = g.solveEdge[e] as number;
            expect(g.ownerIdx[p]).toBe(i);
            expect(solvedShare.get(p)).toBe(g.solveShare[e]);
            bySolve.add(`${i}>${j}:${g.solveShare[e]}:${g.solveShareMin[e]}:${g.solveShareMax[e]}`);
          }
        }
        expect(bySolve).toEqual(byOwned);
        expect(solveStart[n]).toBe(g.m);
      }),
      { numRuns: 300 },
    );
  });

  it("lookThrough() in solve order equals the dense solve, permuted", () => {
    fc.assert(
      fc.property(graphArb({ maxN: 10 }), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const k = 3;
        const p = productionFor(g.n, k, seed);
        const vs = lookThrough(g, toSolveOrder(g, p, k), k, { order: "solve" });
        const v = toNodeOrder(g, vs, k);
        const W = denseW(rg);
        for (let c = 0; c < k; c++) {
          const b = Array.from({ length: g.n }, (_, i) => p[i * k + c] as number);
          const x = denseSolve(W, b);
          const col = Array.from({ length: g.n }, (_, i) => v[i * k + c] as number);
          expect(mismatch(Float64Array.from(col), Float64Array.from(x), 1e-9, 1e-9)).toBe("");
        }
        expect(mismatch(v, lookThrough(g, p, k), 0, 0)).toBe("");
        // In place: the same values, written over p itself.
        const ps = toSolveOrder(g, p, k);
        const vi = lookThrough(g, ps, k, { order: "solve", inPlace: true });
        expect(vi).toBe(ps);
        expect(mismatch(vi, vs, 0, 0)).toBe("");
      }),
      { numRuns: 300 },
    );
  });

  it("stakePass() is one multiplication by W, in solve order", () => {
    fc.assert(
      fc.property(graphArb({ maxN: 10 }), fc.integer(), fc.constantFrom(1, 7), (rg, seed, k) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const x = productionFor(g.n, k, seed);
        const y = toNodeOrder(g, stakePass(g, toSolveOrder(g, x, k), k), k);
        const W = denseW(rg);
        for (let i = 0; i < g.n; i++)
          for (let c = 0; c < k; c++) {
            let want = 0;
            for (let j = 0; j < g.n; j++) want += (W[i]?.[j] ?? 0) * (x[j * k + c] as number);
            expect(Math.abs((y[i * k + c] as number) - want)).toBeLessThanOrEqual(
              1e-9 * (1 + want),
            );
          }
      }),
      { numRuns: 200 },
    );
  });

  it("countryTotalsFrom() gives the same totals from solve-order and node-order values", () => {
    fc.assert(
      fc.property(graphArb({ maxN: 10 }), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const k = 2;
        const p = productionFor(g.n, k, seed);
        const country = Int32Array.from({ length: g.n }, (_, i) => i % 3);
        const ctrl = ultimateControllers(g);
        const a = countryTotalsFrom(g, lookThrough(g, p, k), p, k, ctrl, country, 3);
        const ps = toSolveOrder(g, p, k);
        const vs = lookThrough(g, ps, k, { order: "solve" });
        const b = countryTotalsFrom(g, vs, ps, k, ctrl, country, 3, "solve");
        expect(Array.from(b.roots)).toEqual(Array.from(a.roots));
        expect(mismatch(b.attributable, a.attributable, 1e-12, 1e-12)).toBe("");
        expect(mismatch(b.consolidated, a.consolidated, 1e-12, 1e-12)).toBe("");
        // From production rows (each nonzero entry of p as a row, one split in two).
        const node: number[] = [];
        const commodity: number[] = [];
        const tonnes: number[] = [];
        for (let q = 0; q < p.length; q++) {
          const t = p[q] as number;
          if (t === 0) continue;
          const halves = q % 2 === 0 ? [t / 2, t / 2] : [t];
          for (const h of halves) {
            node.push(Math.floor(q / k));
            commodity.push(q % k);
            tonnes.push(h);
          }
        }
        const rows = {
          node: Int32Array.from(node),
          commodity: Int32Array.from(commodity),
          tonnes: Float64Array.from(tonnes),
          count: node.length,
        };
        const c = consolidatedFromRows(rows, k, ctrl, country, 3);
        expect(mismatch(c, a.consolidated, 1e-12, 1e-12)).toBe("");
      }),
      { numRuns: 200 },
    );
  });

  it("lookThroughIncremental() by deltas equals a full solve after changes to existing stakes", () => {
    fc.assert(
      fc.property(
        graphArb({ maxN: 10, maxCol: 0.9 }),
        fc.array(
          fc.array(fc.record({ e: fc.nat(), f: fc.double({ min: 0, max: 1, noNaN: true }) }), {
            minLength: 1,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer(),
        (rg, batches, seed) => {
          const g = ownershipGraphFrom(rg.ids, rg.edges);
          if (g.m === 0) return;
          const k = 2;
          const p = productionFor(g.n, k, seed);
          const inc = lookThroughIncremental(g, p, k);
          const share = Float64Array.from(g.share);
          const ownedOf = new Int32Array(g.m);
          for (let j = 0; j < g.n; j++) {
            for (let e = g.ownedStart[j] as number; e < (g.ownedStart[j + 1] as number); e++)
              ownedOf[e] = j;
          }
          for (const batch of batches) {
            const changes: StakeChange[] = [];
            for (const c of batch) {
              const e = c.e % g.m;
              // Scale a stake down (or remove it): column sums stay ≤ 0.9.
              share[e] = (share[e] as number) * c.f;
              changes.push({
                owner: g.ownerIdx[e] as number,
                owned: ownedOf[e] as number,
                share: share[e] as number,
              });
            }
            inc.update(changes);
            const edges: StakeEdge[] = [];
            for (let e = 0; e < g.m; e++) {
              if ((share[e] as number) > 0) {
                edges.push({
                  owner: rg.ids[g.ownerIdx[e] as number] as string,
                  owned: rg.ids[ownedOf[e] as number] as string,
                  share: share[e] as number,
                });
              }
            }
            const full = lookThrough(ownershipGraphFrom(rg.ids, edges), p, k);
            expect(mismatch(inc.v, full, 1e-9, 1e-9)).toBe("");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lookThroughIncremental() takes a new stake that points down the solve order by deltas", () => {
    // top → co → mine; a new stake top → mine keeps the order.
    const g = ownershipGraphFrom(
      ["top", "co", "mine"],
      [
        { owner: "top", owned: "co", share: 0.5 },
        { owner: "co", owned: "mine", share: 0.5 },
      ],
    );
    const inc = lookThroughIncremental(g, Float64Array.of(0, 0, 100), 1);
    const { recomputed } = inc.update([{ owner: 0, owned: 2, share: 0.25 }]);
    expect(Array.from(recomputed)).toEqual([0]);
    expect(Array.from(inc.v)).toEqual([50, 50, 100]);
  });
});
