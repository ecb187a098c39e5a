/**
 * End-to-end: `orebook bench lookthrough` on a hand-written register in the benchmark's CSV
 * format (cross-holding, duplicate rows, a majority chain, Namibia's `NA`), checked against a
 * plain iteration of v = p + W v and hand-derived consolidated totals.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli/main.js");
const work = mkdtempSync(join(tmpdir(), "orebook-bench-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const entities = [
  ["A1", "Mine one", "asset", "CD"],
  ["A2", "Mine two", "asset", "NA"],
  ["A3", "Mine three", "asset", "CL"],
  ["C1", "Company one", "company", "CN"],
  ["C2", "Company two", "company", "US"],
  ["C3", "Company three", "company", "GB"],
  ["C4", "Company four", "company", "CA"],
  ["S1", "A state", "state", "CD"],
  ["P1", "A person", "person", "ZA"],
];
const stakes: [string, string, number][] = [
  ["C1", "A1", 0.6],
  ["C2", "A1", 0.3],
  ["C2", "A1", 0.05], // a duplicate row: 0.35 in all
  ["C3", "A2", 0.51],
  ["C4", "A2", 0.2],
  ["C2", "C3", 0.4], // C2 and C3 hold each other
  ["C3", "C2", 0.1],
  ["S1", "C1", 0.7],
  ["P1", "C2", 0.5], // not a majority: control needs more than half
];
const production: [string, string, number][] = [
  ["A1", "copper", 100],
  ["A1", "cobalt", 10],
  ["A2", "zinc", 50],
  ["A3", "lithium", 7],
];

function writeRegister(dir: string, stakeRows = stakes): void {
  mkdirSync(dir, { recursive: true });
  const csv = (header: string, rows: (string | number)[][]) =>
    `${header}\n${rows.map((r) => r.join(",")).join("\n")}\n`;
  writeFileSync(join(dir, "entities.csv"), csv("id,name,kind,country", entities));
  writeFileSync(join(dir, "stakes.csv"), csv("owner_id,owned_id,share", stakeRows));
  writeFileSync(join(dir, "production.csv"), csv("asset_id,commodity,tonnes", production));
}

function orebook(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** v = p + W v by plain iteration (the cycle's shares are small, so it converges fast). */
function expectedAttributable(): Map<string, number> {
  const ids = entities.map((e) => e[0] as string);
  const keys = (c: string) => ids.map((id) => `${id}|${c}`);
  const commodities = [...new Set(production.map((p) => p[1]))];
  const out = new Map<string, number>();
  for (const c of commodities) {
    const p = new Map(keys(c).map((k) => [k, 0]));
    for (const [a, cc, t] of production) if (cc === c) p.set(`${a}|${c}`, t);
    let v = new Map(p);
    for (let it = 0; it < 500; it++) {
      const next = new Map(p);
      for (const [o, d, s] of stakes) {
        const k = `${o}|${c}`;
        next.set(k, (next.get(k) ?? 0) + s * (v.get(`${d}|${c}`) ?? 0));
      }
      v = next;
    }
    for (const [k, x] of v) out.set(k, x);
  }
  return out;
}

describe("orebook bench lookthrough", () => {
  it("writes the benchmark's two files with the look-through and consolidated totals", () => {
    const data = join(work, "register");
    const out = join(work, "out");
    writeRegister(data);
    const r = orebook("bench", "lookthrough", "--data", data, "--out", out, "--incremental", "2");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out.trim().split("\n").at(-1) as string) as Record<string, unknown>;
    for (const key of [
      "parseSeconds",
      "buildSeconds",
      "solveSeconds",
      "controlSeconds",
      "aggregateSeconds",
      "writeSeconds",
      "peakRssMb",
    ])
      expect(typeof rec[key]).toBe("number");
    expect(rec.entities).toBe(9);
    expect(rec.stakes).toBe(8); // the duplicate summed
    expect(rec.roots).toBe(4); // S1, P1, C4, A3
    expect(rec.cyclicComponents).toBe(1);
    const inc = rec.incrementalMs as { maxRelDiff: number; changes: number };
    expect(inc.changes).toBe(2);
    expect(inc.maxRelDiff).toBeLessThan(1e-9);

    const want = expectedAttributable();
    const rows = readFileSync(join(out, "root_attributable.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toBe("root_id,commodity,tonnes");
    const got = rows.slice(1).map((l) => l.split(","));
    // Sorted by root id, then commodity, in byte order; only positive values.
    const keys = got.map(([id, c]) => `${id}|${c}`);
    expect(keys).toEqual([...keys].sort());
    const roots = ["A3", "C4", "P1", "S1"];
    const expected = [...want].filter(
      ([k, x]) => roots.includes(k.split("|")[0] as string) && x > 0,
    );
    expect(got.length).toBe(expected.length);
    for (const [id, c, t] of got) {
      const x = want.get(`${id}|${c}`) as number;
      expect(Math.abs(Number(t) - x)).toBeLessThanOrEqual(1e-9 * x);
    }

    // Consolidated: A1 → C1 (60 %) → S1 (70 %): the state of Congo; A2 → C3 (51 %), whose
    // largest holder C2 has 40 %: Britain; A3 has no owner and controls itself: Chile.
    const totals = readFileSync(join(out, "country_totals.csv"), "utf8").trim().split("\n");
    expect(totals[0]).toBe("country,commodity,attributable_tonnes,consolidated_tonnes");
    const byKey = new Map(
      totals
        .slice(1)
        .map((l) => l.split(","))
        .map((f) => [`${f[0]}|${f[1]}`, f]),
    );
    expect(Number(byKey.get("CD|copper")?.[3])).toBe(100);
    expect(Number(byKey.get("CD|cobalt")?.[3])).toBe(10);
    expect(Number(byKey.get("GB|zinc")?.[3])).toBe(50);
    expect(Number(byKey.get("CL|lithium")?.[3])).toBe(7);
    expect(byKey.has("NA|zinc")).toBe(false); // Namibia hosts A2 but neither owns nor controls it
    // Attributable by the roots' countries: S1 is Congo's, P1 South Africa's.
    const cdCopper = want.get("S1|copper") as number;
    expect(Number(byKey.get("CD|copper")?.[2])).toBeCloseTo(cdCopper, 9);
    const zaZinc = want.get("P1|zinc") as number;
    expect(zaZinc).toBeGreaterThan(0);
    expect(Number(byKey.get("ZA|zinc")?.[2])).toBeCloseTo(zaZinc, 9);
  });

  it("names the file, line and column of an unknown id and writes nothing", () => {
    const data = join(work, "bad");
    const out = join(work, "bad-out");
    writeRegister(data, [...stakes, ["C9", "A1", 0.01]]);
    const r = orebook("bench", "lookthrough", "--data", data, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('stakes.csv:11:1: owner_id: Unknown entity id "C9"');
    expect(existsSync(out)).toBe(false);
  });
});
