import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrebookError } from "../../model/errors.js";
import { close, denseSolve, denseW, graphArb, mismatch, pathSum } from "./_test-graphs.js";
import { holdingsOf, lookThrough, retainedFrom, ultimateOwnersOf } from "./look-through.js";
import { ownershipGraphFrom } from "./ownership-graph.js";

/** Production for k commodities: node i, commodity c gets a pseudo-random amount (some zero). */
function productionFor(n: number, k: number, seed: number): Float64Array {
  const p = new Float64Array(n * k);
  let x = seed >>> 0 || 1;
  for (let q = 0; q < p.length; q++) {
    x = (x * 1103515245 + 12345) >>> 0;
    p[q] = x % 3 === 0 ? 0 : (x % 1000) + 0.5;
  }
  return p;
}

const column = (v: Float64Array, k: number, c: number): number[] =>
  Array.from({ length: v.length / k }, (_, i) => v[i * k + c] as number);

describe("lookThrough()", () => {
  it("lookThrough() counts a cross-holding cycle once", () => {
    // a holds s of b, b holds s of c, c holds s of a; only a produces.
    // v_a = 1/(1 − s³), v_b = s²/(1 − s³), v_c = s/(1 − s³).
    const s = 0.3;
    const g = ownershipGraphFrom(
      ["a", "b", "c"],
      [
        { owner: "a", owned: "b", share: s },
        { owner: "b", owned: "c", share: s },
        { owner: "c", owned: "a", share: s },
      ],
    );
    const v = lookThrough(g, Float64Array.of(1, 0, 0), 1);
    const d = 1 - s ** 3;
    expect(v[0]).toBeCloseTo(1 / d, 14);
    expect(v[1]).toBeCloseTo(s ** 2 / d, 14);
    expect(v[2]).toBeCloseTo(s / d, 14);
    const r = retainedFrom(g, v, 1);
    expect((r[0] as number) + (r[1] as number) + (r[2] as number)).toBeCloseTo(1, 14);
  });

  it("lookThrough() passes tonnes up a chain in proportion to the shares", () => {
    const g = ownershipGraphFrom(
      ["state", "co", "mine"],
      [
        { owner: "co", owned: "mine", share: 0.8 },
        { owner: "state", owned: "mine", share: 0.2 },
        { owner: "state", owned: "co", share: 0.5 },
      ],
    );
    // k = 2: mine produces 100 t of the first commodity and 10 t of the second.
    const v = lookThrough(g, Float64Array.of(0, 0, 0, 0, 100, 10), 2);
    expect(Array.from(v)).toEqual([60, 6, 80, 8, 100, 10]);
  });

  it("lookThrough() equals path enumeration on acyclic graphs", () => {
    fc.assert(
      fc.property(graphArb({ acyclic: true }), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const k = 3;
        const p = productionFor(g.n, k, seed);
        const v = lookThrough(g, p, k);
        const W = denseW(rg);
        for (let c = 0; c < k; c++) {
          const want = pathSum(W, column(p, k, c));
          expect(mismatch(column(v, k, c), want)).toBe("");
        }
      }),
    );
  });

  it("lookThrough() equals a dense solve of (I − W) v = p on graphs with cycles", () => {
    fc.assert(
      fc.property(graphArb(), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const k = 2;
        const p = productionFor(g.n, k, seed);
        const v = lookThrough(g, p, k);
        const W = denseW(rg);
        for (let c = 0; c < k; c++) {
          const want = denseSolve(W, column(p, k, c));
          expect(mismatch(column(v, k, c), want)).toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("lookThrough() equals a dense solve on large cross-holdings (swept, not solved directly)", () => {
    // A ring of 9–20 companies (larger than the direct solve takes) with chords across it.
    const arb = fc.record({
      n: fc.integer({ min: 9, max: 20 }),
      ring: fc.array(fc.double({ min: 0.05, max: 0.6, noNaN: true }), {
        minLength: 20,
        maxLength: 20,
      }),
      chords: fc.array(
        fc.record({
          a: fc.nat(19),
          b: fc.nat(19),
          w: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        }),
        { maxLength: 15 },
      ),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, ({ n, ring, chords, seed }) => {
        const ids = Array.from({ length: n }, (_, i) => `c${i}`);
        const held = new Array<number>(n).fill(0);
        const edges: { owner: string; owned: string; share: number }[] = [];
        const add = (o: number, d: number, w: number) => {
          if (o === d || (held[d] as number) + w > 0.95) return;
          held[d] = (held[d] as number) + w;
          edges.push({ owner: ids[o] as string, owned: ids[d] as string, share: w });
        };
        for (let i = 0; i < n; i++) add(i, (i + 1) % n, ring[i] as number);
        for (const c of chords) add(c.a % n, c.b % n, c.w);
        const g = ownershipGraphFrom(ids, edges);
        expect(g.sccCount).toBe(1);
        const k = 2;
        const p = productionFor(n, k, seed);
        const v = lookThrough(g, p, k);
        const W = denseW({ ids, edges });
        for (let c = 0; c < k; c++)
          expect(mismatch(column(v, k, c), denseSolve(W, column(p, k, c)))).toBe("");
      }),
      { numRuns: 200 },
    );
  });

  it("lookThrough() conserves production: retained tonnes sum to what was produced", () => {
    fc.assert(
      fc.property(graphArb(), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const k = 3;
        const p = productionFor(g.n, k, seed);
        const r = retainedFrom(g, lookThrough(g, p, k), k);
        for (let c = 0; c < k; c++) {
          const made = column(p, k, c).reduce((a, b) => a + b, 0);
          const kept = column(r, k, c).reduce((a, b) => a + b, 0);
          expect(close(kept, made)).toBe(true);
        }
      }),
    );
  });

  it("lookThrough() never lowers a value when a share is raised", () => {
    fc.assert(
      fc.property(
        graphArb(),
        fc.integer(),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rg, seed, pick, frac) => {
          if (rg.edges.length === 0) return;
          const g = ownershipGraphFrom(rg.ids, rg.edges);
          const e = rg.edges[pick % rg.edges.length];
          if (!e) return;
          const owned = g.indexOf.get(e.owned) as number;
          // Raise within the float left in the column, keeping (I − W) invertible.
          const room = Math.max(0, 1 - (g.colSum[owned] as number)) * 0.5 * frac;
          const raised = rg.edges.map((x) => (x === e ? { ...x, share: x.share + room } : x));
          const g2 = ownershipGraphFrom(rg.ids, raised);
          const p = productionFor(g.n, 1, seed);
          const before = lookThrough(g, p, 1);
          const after = lookThrough(g2, p, 1);
          for (let i = 0; i < before.length; i++) {
            expect(after[i] as number).toBeGreaterThanOrEqual((before[i] as number) * (1 - 1e-12));
          }
        },
      ),
    );
  });

  it("lookThrough() with the min bound ≤ with the preferred share ≤ with the max bound", () => {
    fc.assert(
      fc.property(graphArb({ bounds: true }), fc.integer(), (rg, seed) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const p = productionFor(g.n, 2, seed);
        const lo = lookThrough(g, p, 2, { bound: "min" });
        const mid = lookThrough(g, p, 2);
        const hi = lookThrough(g, p, 2, { bound: "max" });
        for (let q = 0; q < p.length; q++) {
          expect(lo[q] as number).toBeLessThanOrEqual((mid[q] as number) * (1 + 1e-12));
          expect(mid[q] as number).toBeLessThanOrEqual((hi[q] as number) * (1 + 1e-12));
        }
        const W = denseW(rg, "max");
        const want = denseSolve(W, column(p, 2, 0));
        expect(mismatch(column(hi, 2, 0), want)).toBe("");
      }),
    );
  });

  it("lookThrough() rejects a production vector of the wrong length", () => {
    const g = ownershipGraphFrom(["a", "b"], []);
    expect(() => lookThrough(g, new Float64Array(3), 2)).toThrow(
      new OrebookError("BAD_INPUT", "Expected 4 values (2 nodes × 2), got 3"),
    );
  });

  it("lookThrough() reports a cycle that keeps everything inside it", () => {
    // A small cycle is solved directly: its matrix is singular.
    const g = ownershipGraphFrom(
      ["a", "b"],
      [
        { owner: "a", owned: "b", share: 1 },
        { owner: "b", owned: "a", share: 1 },
      ],
    );
    expect(() => lookThrough(g, Float64Array.of(1, 0), 1, { maxIterations: 50 })).toThrow(
      'Look-through has no solution in a cross-holding cycle of 2 nodes including "b": the cycle must leave some share to holders outside it',
    );
    // A large one is swept, and does not converge.
    const ids = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const ring = ownershipGraphFrom(
      ids,
      ids.map((id, i) => ({ owner: id, owned: ids[(i + 1) % 12] as string, share: 1 })),
    );
    expect(() => lookThrough(ring, new Float64Array(12).fill(1), 1, { maxIterations: 50 })).toThrow(
      /^Look-through did not converge after 50 sweeps in a cross-holding cycle of 12 nodes including "n\d+": the cycle must leave some share to holders outside it$/,
    );
  });
});

describe("holdingsOf()", () => {
  it("holdingsOf() equals a dense solve of (I − Wᵀ) h = e_holder", () => {
    fc.assert(
      fc.property(graphArb(), fc.nat(), (rg, pick) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const holder = pick % g.n;
        const h = holdingsOf(g, holder);
        const e = rg.ids.map((_, i) => (i === holder ? 1 : 0));
        const want = denseSolve(denseW(rg), e, true);
        expect(mismatch(h, want)).toBe("");
      }),
    );
  });

  it("holdingsOf() and ultimateOwnersOf() of every node in turn, on one graph, equal the dense solve (what one call leaves behind never reaches the next)", () => {
    fc.assert(
      fc.property(graphArb(), (rg) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const W = denseW(rg);
        for (let round = 0; round < 2; round++)
          for (let x = 0; x < g.n; x++) {
            const e = rg.ids.map((_, i) => (i === x ? 1 : 0));
            expect(mismatch(holdingsOf(g, x), denseSolve(W, e, true))).toBe("");
            const v = denseSolve(W, e);
            const owners = ultimateOwnersOf(g, x);
            for (const o of owners) {
              const want = (1 - (g.colSum[o.index] as number)) * (v[o.index] as number);
              expect(close(o.share, want)).toBe(true);
            }
          }
      }),
      { numRuns: 60 },
    );
  });

  it("holdingsOf() is at least 1 for a holder inside a cycle", () => {
    const g = ownershipGraphFrom(
      ["a", "b"],
      [
        { owner: "a", owned: "b", share: 0.5 },
        { owner: "b", owned: "a", share: 0.2 },
      ],
    );
    const h = holdingsOf(g, 0);
    expect(h[0]).toBeCloseTo(1 / (1 - 0.1), 11);
    expect(h[1]).toBeCloseTo(0.5 / (1 - 0.1), 11);
    expect(h[0]).toBeGreaterThan(1);
  });
});

describe("ultimateOwnersOf()", () => {
  it("ultimateOwnersOf() splits a node among roots and the unrecorded float, summing to 1", () => {
    const g = ownershipGraphFrom(
      ["state", "co", "mine"],
      [
        { owner: "co", owned: "mine", share: 0.8 },
        { owner: "state", owned: "mine", share: 0.1 },
        { owner: "state", owned: "co", share: 0.5 },
      ],
    );
    const owners = ultimateOwnersOf(g, 2);
    // state: 0.1 + 0.5 × 0.8 = 0.5; co keeps its float 0.5 × 0.8 = 0.4; mine keeps 0.1.
    expect(owners.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(owners[0]?.share).toBeCloseTo(0.5, 15);
    expect(owners[1]?.share).toBeCloseTo(0.4, 15);
    expect(owners[2]?.share).toBeCloseTo(0.1, 15);
  });

  it("ultimateOwnersOf() conserves the node and matches the dense solve", () => {
    fc.assert(
      fc.property(graphArb(), fc.nat(), (rg, pick) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const node = pick % g.n;
        const owners = ultimateOwnersOf(g, node);
        const total = owners.reduce((a, o) => a + o.share, 0);
        expect(close(total, 1)).toBe(true);
        const v = denseSolve(
          denseW(rg),
          rg.ids.map((_, i) => (i === node ? 1 : 0)),
        );
        for (const o of owners) {
          const want = (1 - (g.colSum[o.index] as number)) * (v[o.index] as number);
          expect(close(o.share, want)).toBe(true);
        }
      }),
    );
  });
});
