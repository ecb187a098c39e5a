import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphArb } from "./_test-graphs.js";
import { majorityOwners, ultimateControllers } from "./control.js";
import { attributableByCountry } from "./country-totals.js";
import { lookThrough } from "./look-through.js";
import {
  type OwnershipGraph,
  ownershipGraphFrom,
  ownershipGraphFromIndexed,
} from "./ownership-graph.js";
import { inlineParallel, type Parallel, SERIAL, splitAt } from "./parallel.js";

/**
 * Two threads' worth of splitting on one thread: shared arrays, `threads: 2`, and the forked
 * half run at `fork` (before the caller's own half). The real helper thread is tested on the
 * built code (test/parallel-helper.test.ts).
 */
function inlineTwo(): Parallel & { forks: string[]; forkArgs: unknown[] } {
  const forks: string[] = [];
  const forkArgs: unknown[] = [];
  const par = inlineParallel({
    threads: 2,
    minStakes: 1 << 17,
    shared: true,
    onFork: (name, args) => {
      forks.push(name);
      forkArgs.push(args);
    },
  });
  return Object.assign(par, { forks, forkArgs });
}

/**
 * A register-like graph large enough for two threads (over 65,536 nodes and 131,072 stakes):
 * layers, cross-holdings, duplicate rows in both halves of the input, a long column (over 16
 * owners) in each half of the columns, a self-stake and share ranges.
 */
function largeRegister(seed: number, par: Parallel) {
  const n = 80_000;
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const level = (i: number) => i % 5;
  const owner: number[] = [];
  const owned: number[] = [];
  const share: number[] = [];
  const held = new Float64Array(n);
  const add = (o: number, d: number, s: number) => {
    if ((held[d] as number) + s > 0.97) return;
    held[d] = (held[d] as number) + s;
    owner.push(o);
    owned.push(d);
    share.push(s);
  };
  for (const hub of [10, n - 10])
    for (let o = 0; o < 24; o++) add((hub + 1 + 5 * o) % n, hub, 0.01);
  for (let d = 0; d < n; d++) {
    if (level(d) === 4 || rnd() < 0.05) continue;
    const owners = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < owners; k++) {
      const up = 1 + Math.floor(rnd() * (4 - level(d)));
      const o = Math.min(n - 1, Math.floor(rnd() * (n / 5)) * 5 + level(d) + up);
      if (level(o) > level(d)) add(o, d, 0.05 + rnd() * 0.2);
    }
  }
  for (let c = 0; c < n / 40; c++) {
    const y = Math.floor(rnd() * (n / 5)) * 5 + 2;
    const below = Math.floor(rnd() * (n / 5)) * 5 + 1;
    add(y, below, 0.05);
    add(below, y, 0.02 + rnd() * 0.05); // a two-company cycle
  }
  add(7, 7, 0.05);
  const m = owner.length;
  // Duplicate rows in both halves of the input.
  for (const e of [3, m >> 2, (3 * m) >> 2, m - 2])
    add(owner[e] as number, owned[e] as number, 0.001);
  const count = owner.length;
  const col = (a: number[]) => {
    const out = par.i32(count);
    out.set(a);
    return out;
  };
  const f = (a: number[]) => {
    const out = par.f64(count);
    out.set(a);
    return out;
  };
  const ids = Array.from({ length: n }, (_, i) => `E${i}`);
  return {
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    stakes: {
      owner: col(owner),
      owned: col(owned),
      share: f(share),
      shareMin: f(share.map((s) => s * 0.9)),
    },
  };
}

const ARRAYS = [
  "ownedStart",
  "ownerIdx",
  "share",
  "shareMin",
  "shareMax",
  "colSum",
  "colSumMin",
  "colSumMax",
  "sccOrder",
  "sccStart",
  "sccOf",
  "sccCyclic",
  "solvePos",
  "peelLevels",
  "solveStart",
  "solveIdx",
  "solveShare",
  "solveShareMin",
  "solveShareMax",
] as const;

function expectSameGraph(a: OwnershipGraph, b: OwnershipGraph): void {
  expect(a.m).toBe(b.m);
  expect(a.sccCount).toBe(b.sccCount);
  for (const name of ARRAYS) {
    expect(Array.from(a[name]), name).toEqual(Array.from(b[name]));
  }
}

describe("two threads", () => {
  it("build the same graph as one, array for array, and the same look-through, bit for bit", () => {
    for (const seed of [1, 2]) {
      const par = inlineTwo();
      const r = largeRegister(seed, par);
      expect(r.stakes.owner.length).toBeGreaterThanOrEqual(1 << 17);
      const one = ownershipGraphFromIndexed(r.ids, r.indexOf, r.stakes);
      const two = ownershipGraphFromIndexed(r.ids, r.indexOf, r.stakes, { parallel: par });
      expect(par.forks).toEqual([
        "bucketCounts",
        "bucketPass",
        "scatterBuckets",
        "dedupeColumns",
        "majorityAndTouch",
        "rowsOf",
        "solveBucketPass",
        "scatterBuckets",
      ]);
      expectSameGraph(two, one);
      // Majority owners, found beside the peel, as control finds them without.
      expect(one.majority).toBeUndefined();
      const maj = majorityOwners(two);
      expect(maj).not.toBe(two.majority); // a copy: callers may change it
      expect(Array.from(maj)).toEqual(Array.from(majorityOwners(one)));
      expect(Array.from(ultimateControllers(two))).toEqual(Array.from(ultimateControllers(one)));
      expect(Array.from(majorityOwners(two, 0.3))).toEqual(Array.from(majorityOwners(one, 0.3)));
      expect(one.m).toBeLessThan(r.stakes.owner.length); // duplicates were summed
      let cyclic = 0;
      for (let c = 0; c < one.sccCount; c++) cyclic += one.sccCyclic[c] as number;
      expect(cyclic).toBeGreaterThan(100);

      const k = 3;
      const p = par.f64(one.n * k);
      for (let i = 0; i < p.length; i += 7) p[i] = (i % 101) + 0.25;
      const v1 = lookThrough(one, p, k, { order: "solve" });
      const forks = par.forks.length;
      const v2 = lookThrough(two, p, k, { order: "solve", parallel: par });
      expect(par.forks.length).toBeGreaterThan(forks); // some generation was split
      expect(Array.from(v2)).toEqual(Array.from(v1));
      for (const bound of ["min", "max"] as const) {
        const w1 = lookThrough(one, p, k, { order: "solve", bound });
        const w2 = lookThrough(two, p.slice(), k, { order: "solve", bound, parallel: par });
        expect(Array.from(w2)).toEqual(Array.from(w1));
      }
      // Country totals: the same sums and roots on two threads.
      const country = par.i32(one.n);
      for (let i = 0; i < one.n; i++) country[i] = (i * 7) % 5;
      const t1 = attributableByCountry(one, v1, k, country, 5, "solve");
      const vs = par.f64(v1.length);
      vs.set(v1);
      const forksBefore = par.forks.length;
      const t2 = attributableByCountry(two, vs, k, country, 5, "solve", par);
      expect(par.forks.slice(forksBefore)).toEqual(["rootSums"]);
      expect(Array.from(t2.roots)).toEqual(Array.from(t1.roots));
      expect(Array.from(t2.attributable)).toEqual(Array.from(t1.attributable));
      expect(t1.roots.length).toBeGreaterThan(1000);
      // In two parts by solve position (the peeled roots, then the others): the same roots and,
      // to rounding, the same sums.
      const low = attributableByCountry(one, v1, k, country, 5, "solve", SERIAL, {
        from: 0,
        to: one.unheldFrom,
      });
      const high = attributableByCountry(two, vs, k, country, 5, "solve", par, {
        from: one.unheldFrom,
        to: one.n,
      });
      expect(high.roots.length).toBeGreaterThan(0);
      expect(low.roots.length + high.roots.length).toBe(t1.roots.length);
      expect([...low.roots, ...high.roots].sort((a, b) => a - b)).toEqual(Array.from(t1.roots));
      for (let i = 0; i < t1.attributable.length; i++) {
        const want = t1.attributable[i] as number;
        const got = (low.attributable[i] as number) + (high.attributable[i] as number);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want));
      }
      // In place on shared memory.
      const q = par.f64(p.length);
      q.set(p);
      expect(lookThrough(two, q, k, { order: "solve", inPlace: true, parallel: par })).toBe(q);
      expect(Array.from(q)).toEqual(Array.from(v1));
    }
  });

  it("lay out the production vector, the peeled nodes' rows on the helper beside Tarjan", () => {
    const r = largeRegister(5, SERIAL);
    const n = r.ids.length;
    const k = 3;
    // Several rows per node (added in row order), in nodes of the tail too.
    const count = 3 * n;
    const rows = (par: Parallel) => {
      const node = par.i32(count);
      const commodity = par.i32(count);
      const tonnes = par.f64(count);
      for (let x = 0; x < count; x++) {
        node[x] = (x * 7919) % n;
        commodity[x] = x % k;
        tonnes[x] = 0.1 + ((x * 31) % 97) / 7;
      }
      return { count, node, commodity, tonnes, k, p: par.f64(n * k) };
    };
    const par = inlineTwo();
    const rTwo = largeRegister(5, par);
    const two = rows(par);
    const g2 = ownershipGraphFromIndexed(rTwo.ids, rTwo.indexOf, rTwo.stakes, {
      parallel: par,
      production: two,
    });
    expect(par.forks).toContain("productionRows");
    const one = rows(SERIAL);
    const g1 = ownershipGraphFromIndexed(r.ids, r.indexOf, r.stakes, { production: one });
    expectSameGraph(g2, g1);
    expect(Array.from(two.p)).toEqual(Array.from(one.p));
    // Against a plain sum by node, permuted into solve order.
    const want = new Float64Array(n * k);
    for (let x = 0; x < count; x++) {
      const q = (g1.solvePos[one.node[x] as number] as number) * k + (one.commodity[x] as number);
      want[q] = (want[q] as number) + (one.tonnes[x] as number);
    }
    expect(Array.from(one.p)).toEqual(Array.from(want));
    const peeled = g1.peelLevels[g1.peelLevels.length - 1] as number;
    expect(peeled).toBeLessThan(n); // the tail has rows too
    expect(() =>
      ownershipGraphFromIndexed(r.ids, r.indexOf, r.stakes, {
        production: { ...one, p: new Float64Array(5) },
      }),
    ).toThrow(`The production vector has 5 values: expected ${n * k}`);
  });

  it("report the first bad stake, whichever half holds it", () => {
    const par = inlineTwo();
    const r = largeRegister(3, par);
    const m = r.stakes.owner.length;
    const bad = (at: number[]) => {
      const share = par.f64(m);
      share.set(r.stakes.share);
      for (const e of at) share[e] = 1.5;
      const stakes = { ...r.stakes, share };
      const run = (p: Parallel | undefined) => {
        try {
          ownershipGraphFromIndexed(r.ids, r.indexOf, stakes, { parallel: p });
        } catch (e) {
          return (e as Error).message;
        }
        return "no error";
      };
      const message = run(par);
      expect(message).toBe(run(undefined));
      return message;
    };
    expect(bad([m - 5])).toBe(`Stake ${m - 5} has share 1.5: expected a fraction between 0 and 1`);
    expect(bad([m - 5, 12])).toBe("Stake 12 has share 1.5: expected a fraction between 0 and 1");
  });

  it("are not used on small graphs or on stakes outside shared memory", () => {
    const par = inlineTwo();
    const r = largeRegister(4, par);
    const plain = {
      owner: Int32Array.from(r.stakes.owner),
      owned: Int32Array.from(r.stakes.owned),
      share: Float64Array.from(r.stakes.share),
    };
    const g = ownershipGraphFromIndexed(r.ids, r.indexOf, plain, { parallel: par });
    // The first passes read the input: one thread; the rest work on shared arrays: two.
    expect(par.forks[0]).toBe("scatterBuckets");
    expectSameGraph(g, ownershipGraphFromIndexed(r.ids, r.indexOf, plain));
    const small = inlineTwo();
    ownershipGraphFromIndexed(
      ["a", "b"],
      new Map([
        ["a", 0],
        ["b", 1],
      ]),
      {
        owner: Int32Array.of(0),
        owned: Int32Array.of(1),
        share: Float64Array.of(0.5),
      },
      { parallel: small },
    );
    expect(small.forks).toEqual([]);
  });

  it("peel generations: a row reads only rows of earlier generations", () => {
    fc.assert(
      fc.property(graphArb({ maxN: 14 }), (rg) => {
        const g = ownershipGraphFrom(rg.ids, rg.edges);
        const levels = g.peelLevels;
        expect(levels[0] ?? 0).toBe(0);
        for (let l = 0; l + 1 < levels.length; l++) {
          const a = levels[l] as number;
          const b = levels[l + 1] as number;
          expect(b).toBeGreaterThan(a);
          for (let q = a; q < b; q++) {
            expect(g.sccCyclic[q]).toBe(0);
            let latest = -1;
            for (let e = g.solveStart[q] as number; e < (g.solveStart[q + 1] as number); e++) {
              expect(g.solveIdx[e]).toBeLessThan(a);
              latest = Math.max(latest, g.solveIdx[e] as number);
            }
            // Placed as early as it could be: it reads a row of the generation before.
            if (l > 0)
              expect(latest, `position ${q}`).toBeGreaterThanOrEqual(levels[l - 1] as number);
          }
        }
        const peeled = levels.length > 0 ? (levels[levels.length - 1] as number) : 0;
        // The tail's nodes that no one holds come last, and only they: rows no one reads.
        expect(g.unheldFrom).toBeGreaterThanOrEqual(peeled);
        for (let q = peeled; q < g.n; q++) {
          const x = g.sccOrder[q] as number;
          const unheld = g.ownedStart[x] === g.ownedStart[x + 1];
          expect(unheld, `position ${q}`).toBe(q >= g.unheldFrom);
          if (unheld) {
            expect(g.sccStart[g.sccOf[x] as number]).toBe(q);
            expect(g.sccStart[(g.sccOf[x] as number) + 1]).toBe(q + 1);
          }
        }
        // Every node after the peel holds, directly or not, a member of a cycle.
        for (let q = peeled; q < g.n; q++) {
          const seen = new Set<number>([q]);
          const todo = [q];
          let reachesCycle = false;
          while (todo.length > 0 && !reachesCycle) {
            const t = todo.pop() as number;
            if (g.sccCyclic[g.sccOf[g.sccOrder[t] as number] as number] === 1) reachesCycle = true;
            for (let e = g.solveStart[t] as number; e < (g.solveStart[t + 1] as number); e++) {
              const u = g.solveIdx[e] as number;
              if (!seen.has(u)) {
                seen.add(u);
                todo.push(u);
              }
            }
          }
          expect(reachesCycle).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("splitAt() halves a range of prefix sums", () => {
    const start = Int32Array.of(0, 1, 1, 5, 6, 10);
    expect(splitAt(start, 0, 5)).toBe(3);
    expect(splitAt(start, 3, 5)).toBe(5);
    expect(splitAt(start, 1, 2)).toBe(1);
    expect(SERIAL.threads).toBe(1);
  });
});

describe("the solve's unrolled paths (seven commodities)", () => {
  it("give the values of the general path, cycles small and large included", () => {
    // A ring of 30 companies (Gauss–Seidel), pairs holding each other (direct solves) and
    // holders above both.
    const ids: string[] = [];
    const edges: { owner: string; owned: string; share: number }[] = [];
    for (let i = 0; i < 30; i++) ids.push(`r${i}`);
    for (let i = 0; i < 30; i++)
      edges.push({ owner: `r${(i + 1) % 30}`, owned: `r${i}`, share: 0.3 + (i % 4) * 0.1 });
    for (let i = 0; i < 20; i++) {
      ids.push(`a${i}`, `b${i}`, `m${i}`, `h${i}`);
      edges.push({ owner: `a${i}`, owned: `b${i}`, share: 0.4 });
      edges.push({ owner: `b${i}`, owned: `a${i}`, share: 0.15 });
      edges.push({ owner: `a${i}`, owned: `m${i}`, share: 0.6 });
      edges.push({ owner: `r${i}`, owned: `m${i}`, share: 0.3 });
      edges.push({ owner: `h${i}`, owned: `a${i}`, share: 0.5 });
      edges.push({ owner: `h${i}`, owned: `r${i}`, share: 0.2 });
    }
    const g = ownershipGraphFrom(ids, edges);
    const k = 7;
    const p = new Float64Array(g.n * k);
    for (let i = 0; i < g.n; i++)
      for (let c = 0; c < k; c++) p[i * k + c] = ((i * 13 + c * 7) % 11) * 100;
    const v = lookThrough(g, p, k);
    for (let c = 0; c < k; c++) {
      const pc = Float64Array.from({ length: g.n }, (_, i) => p[i * k + c] as number);
      const vc = lookThrough(g, pc, 1);
      for (let i = 0; i < g.n; i++) {
        const want = vc[i] as number;
        expect(Math.abs((v[i * k + c] as number) - want)).toBeLessThanOrEqual(
          1e-11 * Math.abs(want),
        );
      }
    }
  });
});
