/**
 * The helper thread for real (a worker over shared memory), on the built code: the graph and the
 * look-through equal one thread's bit for bit, a kernel's error comes back with its message, and
 * `orebook bench lookthrough --threads 2` writes the same files as `--threads 1`.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const dist = (p: string) => join(root, "dist", p);
const work = mkdtempSync(join(tmpdir(), "orebook-helper-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A layered register with cross-holdings: entities E0…, stakes, production of the assets. */
function register(n: number, seed: number) {
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const level = (i: number) => i % 5; // 0 = assets
  const stakes: [number, number, number][] = [];
  const held = new Float64Array(n);
  const add = (o: number, d: number, s: number) => {
    if ((held[d] as number) + s > 0.97) return;
    held[d] = (held[d] as number) + s;
    stakes.push([o, d, Math.round(s * 1e6) / 1e6]);
  };
  for (let d = 0; d < n; d++) {
    if (level(d) === 4 || rnd() < 0.05) continue;
    const owners = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < owners; k++) {
      const o = Math.min(n - 1, Math.floor(rnd() * (n / 5)) * 5 + level(d) + 1);
      add(o, d, 0.05 + rnd() * 0.5);
    }
  }
  for (let c = 0; c < n / 40; c++) {
    const y = Math.floor(rnd() * (n / 5)) * 5 + 2;
    const below = Math.floor(rnd() * (n / 5)) * 5 + 1;
    add(y, below, 0.05);
    add(below, y, 0.03);
  }
  return { stakes, level };
}

describe("the helper thread", () => {
  it("builds and solves as one thread does, and returns a kernel's error", async () => {
    const { startHelper } = (await import(
      dist("runtime/engine-helper.js")
    )) as typeof import("../src/runtime/engine-helper.js");
    const { ownershipGraphFromIndexed } = (await import(
      dist("engine/ownership/ownership-graph.js")
    )) as typeof import("../src/engine/ownership/ownership-graph.js");
    const { lookThrough } = (await import(
      dist("engine/ownership/look-through.js")
    )) as typeof import("../src/engine/ownership/look-through.js");
    // Forking from 131,072 stakes on (the default starts at about a million).
    const helper = await startHelper({ minStakes: 1 << 17 });
    try {
      const n = 90_000;
      const { stakes } = register(n, 7);
      const m = stakes.length;
      expect(m).toBeGreaterThanOrEqual(1 << 17);
      const owner = helper.i32(m);
      const owned = helper.i32(m);
      const share = helper.f64(m);
      stakes.forEach(([o, d, s], e) => {
        owner[e] = o;
        owned[e] = d;
        share[e] = s;
      });
      const ids = Array.from({ length: n }, (_, i) => `E${i}`);
      const indexOf = new Map(ids.map((id, i) => [id, i]));
      const one = ownershipGraphFromIndexed(ids, indexOf, { owner, owned, share });
      const two = ownershipGraphFromIndexed(
        ids,
        indexOf,
        { owner, owned, share },
        {
          parallel: helper,
        },
      );
      expect(two.majority).toBeDefined(); // found on the helper: it was used
      expect(one.majority).toBeUndefined();
      for (const name of [
        "ownerIdx",
        "share",
        "sccOrder",
        "solveStart",
        "solveIdx",
        "solveShare",
      ] as const) {
        expect(Array.from(two[name]), name).toEqual(Array.from(one[name]));
      }
      const k = 7;
      const p = helper.f64(n * k);
      for (let i = 0; i < n; i += 5) p[i * k + (i % k)] = 1000 + i;
      const v1 = lookThrough(one, p, k, { order: "solve" });
      const v2 = lookThrough(two, p, k, { order: "solve", parallel: helper });
      expect(Array.from(v2)).toEqual(Array.from(v1));

      // A bad share in the helper's half of the stakes.
      share[m - 3] = 2;
      expect(() =>
        ownershipGraphFromIndexed(ids, indexOf, { owner, owned, share }, { parallel: helper }),
      ).toThrow(`Stake ${m - 3} has share 2: expected a fraction between 0 and 1`);
      // An array outside shared memory is refused (the worker would write to a copy).
      expect(() => helper.fork("touchPages", { a: new Int32Array(8), from: 0, to: 8 })).toThrow(
        "Kernel touchPages: argument a is not in shared memory",
      );
      // …and the helper is ready for the next job.
      share[m - 3] = 0.01;
      const again = ownershipGraphFromIndexed(
        ids,
        indexOf,
        { owner, owned, share },
        {
          parallel: helper,
        },
      );
      expect(again.m).toBe(one.m);
    } finally {
      await helper.close();
    }
    expect(() => helper.fork("touchPages", { a: helper.i32(8), from: 0, to: 8 })).toThrow(
      "The helper thread is closed",
    );
  }, 60_000);

  it("`bench lookthrough --threads 2` writes the same files as `--threads 1`", () => {
    // Over a million stakes: the helper's default threshold.
    const n = 640_000;
    const { stakes, level } = register(n, 11);
    const data = join(work, "register");
    mkdirSync(data, { recursive: true });
    const id = (i: number) => `E${String(i).padStart(6, "0")}`;
    const countries = ["CD", "CN", "US", "NA", "ZA"];
    const commodities = ["copper", "cobalt", "zinc", "germanium"];
    const ent = ["id,name,kind,country"];
    const prod = ["asset_id,commodity,tonnes"];
    for (let i = 0; i < n; i++) {
      const asset = level(i) === 0;
      ent.push(`${id(i)},N${i},${asset ? "asset" : "company"},${countries[i % 5]}`);
      if (asset) prod.push(`${id(i)},${commodities[i % 4]},${(i % 997) + 0.125}`);
    }
    writeFileSync(join(data, "entities.csv"), `${ent.join("\n")}\n`);
    writeFileSync(
      join(data, "stakes.csv"),
      `owner_id,owned_id,share\n${stakes.map(([o, d, s]) => `${id(o)},${id(d)},${s}`).join("\n")}\n`,
    );
    writeFileSync(join(data, "production.csv"), `${prod.join("\n")}\n`);
    const lookthrough = (out: string, threads: string) =>
      spawnSync(
        process.execPath,
        [
          dist("cli/main.js"),
          "bench",
          "lookthrough",
          "--data",
          data,
          "--out",
          out,
          "--threads",
          threads,
        ],
        { encoding: "utf8" },
      );
    const outs = ["1", "2"].map((threads) => {
      const out = join(work, `out-${threads}`);
      const r = lookthrough(out, threads);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const rec = JSON.parse(r.stdout);
      expect(rec.threads).toBe(Number(threads));
      expect(rec.stakes).toBeGreaterThanOrEqual(1 << 20);
      return out;
    });
    for (const file of ["root_attributable.csv", "country_totals.csv"]) {
      const a = readFileSync(join(outs[0] as string, file), "utf8");
      expect(a.split("\n").length).toBeGreaterThan(15);
      expect(readFileSync(join(outs[1] as string, file), "utf8")).toBe(a);
    }
    const bad = lookthrough(join(work, "x"), "3");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--threads must be 1 or 2");
  }, 120_000);
});
