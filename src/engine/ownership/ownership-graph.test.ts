import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrebookError } from "../../model/errors.js";
import { graphArb } from "./_test-graphs.js";
import { lookThrough } from "./look-through.js";
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
  it("ownershipGraphFromIndexed() builds a large graph (two-pass sorts, peel + Tarjan) correctly", () => {
    // Large enough for the bucketed sorts; layered like a register, with cross-holdings,
    // duplicate rows, a self-stake and share ranges.
    const n = 120_000;
    let x = 12345;
    const rnd = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    const level = (i: number) => i % 5; // 0 = assets … 4 = top owners
    const owner: number[] = [];
    const owned: number[] = [];
    const share: number[] = [];
    const held = new Float64Array(n);
    const add = (o: number, d: number, s: number) => {
      const h = held[d] as number;
      if (h + s > 0.97) return;
      held[d] = h + s;
      owner.push(o);
      owned.push(d);
      share.push(s);
    };
    for (let d = 0; d < n; d++) {
      if (level(d) === 4 || rnd() < 0.05) continue; // a root
      const owners = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < owners; k++) {
        const up = 1 + Math.floor(rnd() * (4 - level(d)));
        const o = Math.min(n - 1, Math.floor(rnd() * (n / 5)) * 5 + level(d) + up);
        if (level(o) > level(d)) add(o, d, 0.1 + rnd() * 0.3);
      }
    }
    // Cross-holdings as in the benchmark: from a company, walk down 1–2 of its holdings and
    // let the company reached hold a little of the first one.
    const holds: number[][] = Array.from({ length: n }, () => []);
    for (let e = 0; e < owner.length; e++) holds[owner[e] as number]?.push(owned[e] as number);
    for (let c = 0; c < n / 50; c++) {
      const top = Math.floor(rnd() * (n / 5)) * 5 + 2 + Math.floor(rnd() * 2);
      let at = top;
      for (let step = 0; step < 2; step++) {
        const below = holds[at] ?? [];
        const next = below[Math.floor(rnd() * below.length)];
        if (next === undefined || level(next) === 0) break;
        at = next;
      }
      if (at !== top) add(at, top, 0.01 + rnd() * 0.05);
    }
    add(7, 7, 0.05); // a self-stake
    add(owner[0] as number, owned[0] as number, 0.001); // a duplicate row
    const m = owner.length;
    const lo = Float64Array.from(share, (s) => s * 0.9);
    const ids = Array.from({ length: n }, (_, i) => `E${i}`);
    const g = ownershipGraphFromIndexed(ids, new Map(ids.map((id, i) => [id, i])), {
      owner: Int32Array.from(owner),
      owned: Int32Array.from(owned),
      share: Float64Array.from(share),
      shareMin: lo,
    });
    expect(g.hasBounds).toBe(true);

    // By owned: each column lists its owners in input order, the duplicate summed.
    const ref = new Map<number, [number, number, number][]>();
    for (let e = 0; e < m; e++) {
      const list = ref.get(owned[e] as number) ?? [];
      const same = list.find((r) => r[0] === owner[e]);
      if (same) {
        same[1] += share[e] as number;
        same[2] += lo[e] as number;
      } else list.push([owner[e] as number, share[e] as number, lo[e] as number]);
      ref.set(owned[e] as number, list);
    }
    let distinct = 0;
    for (const list of ref.values()) distinct += list.length;
    expect(distinct).toBeLessThan(m); // duplicates were summed
    expect(g.m).toBe(distinct);
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const want = ref.get(j) ?? [];
      const from = g.ownedStart[j] as number;
      if ((g.ownedStart[j + 1] as number) - from !== want.length) wrong++;
      want.forEach(([o, sh, l], r) => {
        if (g.ownerIdx[from + r] !== o || g.share[from + r] !== sh || g.shareMin[from + r] !== l)
          wrong++;
      });
    }
    expect(wrong).toBe(0);

    // Solve order: a permutation; components contiguous; every stake points down the order
    // except inside a cyclic component, which is strongly connected.
    const { sccOrder, solvePos, sccOf, sccStart, sccCyclic } = g;
    for (let i = 0; i < n; i++) if (sccOrder[solvePos[i] as number] !== i) wrong++;
    for (let c = 0; c < g.sccCount; c++)
      for (let q = sccStart[c] as number; q < (sccStart[c + 1] as number); q++)
        if (sccOf[sccOrder[q] as number] !== c) wrong++;
    for (let j = 0; j < n; j++) {
      for (let p = g.ownedStart[j] as number; p < (g.ownedStart[j + 1] as number); p++) {
        const i = g.ownerIdx[p] as number;
        const c = sccOf[i] as number;
        if (c === sccOf[j] ? sccCyclic[c] !== 1 : c < (sccOf[j] as number)) wrong++;
      }
    }
    expect(wrong).toBe(0);
    let cyclic = 0;
    for (let c = 0; c < g.sccCount; c++) {
      if (sccCyclic[c] !== 1) continue;
      cyclic++;
      const members = Array.from(sccOrder.subarray(sccStart[c], sccStart[c + 1]));
      if (members.length === 1) continue; // the self-stake
      const seen = new Set([members[0]]);
      const todo = [members[0] as number];
      while (todo.length > 0) {
        const j = todo.pop() as number;
        for (let p = g.ownedStart[j] as number; p < (g.ownedStart[j + 1] as number); p++) {
          const i = g.ownerIdx[p] as number;
          if (sccOf[i] === c && !seen.has(i)) {
            seen.add(i);
            todo.push(i);
          }
        }
      }
      expect(seen.size).toBe(members.length);
    }
    expect(cyclic).toBeGreaterThan(10);
    expect(sccCyclic[sccOf[7] as number]).toBe(1);

    // The solve-order view mirrors the stakes, and the solve equals Jacobi iteration.
    const bySolve = new Map<string, number>();
    for (let q = 0; q < n; q++)
      for (let e = g.solveStart[q] as number; e < (g.solveStart[q + 1] as number); e++)
        bySolve.set(
          `${sccOrder[q]}>${sccOrder[g.solveIdx[e] as number]}`,
          g.solveShareMin[e] as number,
        );
    expect(bySolve.size).toBe(g.m);
    for (let j = 0; j < n; j++)
      for (let p = g.ownedStart[j] as number; p < (g.ownedStart[j + 1] as number); p++)
        if (bySolve.get(`${g.ownerIdx[p]}>${j}`) !== g.shareMin[p]) wrong++;
    expect(wrong).toBe(0);
    const prod = Float64Array.from({ length: n }, (_, i) => (level(i) === 0 ? 1 + (i % 7) : 0));
    const v = lookThrough(g, prod, 1);
    let it = prod.slice();
    for (let r = 0; r < 200; r++) {
      const next = prod.slice();
      for (let j = 0; j < n; j++)
        for (let p = g.ownedStart[j] as number; p < (g.ownedStart[j + 1] as number); p++) {
          const i = g.ownerIdx[p] as number;
          next[i] = (next[i] as number) + (g.share[p] as number) * (it[j] as number);
        }
      it = next;
    }
    let worst = 0;
    for (let i = 0; i < n; i++)
      worst = Math.max(
        worst,
        Math.abs((v[i] as number) - (it[i] as number)) / (1 + (it[i] as number)),
      );
    expect(worst).toBeLessThan(1e-9);
  });
});
