import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRecordsCsv } from "../io/tables/read-records-csv.js";
import { openLedger } from "../ledger/open-ledger.js";
import { issueToString, OrebookError } from "../model/errors.js";
import { packed, staleBuild, unpacked } from "./csv-read-thread.js";
import { importCsv } from "./import-csv.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-import-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const today = "2026-06-30";

/** A register as the look-through benchmark writes it (gen-ownership.mjs). */
function register(name: string, stakes: string, production: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  writeFileSync(
    join(d, "entities.csv"),
    "id,name,kind,country\nE1,Alpha Mine,asset,CD\nE2,Beta Holdings,company,NA\nE3,Gamma Fund,fund,US\n",
  );
  writeFileSync(join(d, "stakes.csv"), `owner_id,owned_id,share\n${stakes}`);
  writeFileSync(join(d, "production.csv"), `asset_id,commodity,tonnes\n${production}`);
  return d;
}

async function refusal(f: () => Promise<unknown>): Promise<OrebookError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof OrebookError) return e;
    throw e;
  }
  throw new Error("Expected a refusal");
}

describe("importCsv()", () => {
  it("imports a register as the benchmark writes it, what it leaves out filled and declared, and a second import changes nothing", async () => {
    const d = register("good", "E2,E1,0.6\nE3,E2,1\n", "E1,cobalt,100.5\nE1,copper,2000\n");
    const ledger = await openLedger({ db: join(dir, "good.db"), env: {} });
    const r = await importCsv(ledger, "w", [d], { actor: "test", today });
    expect(r.written).toEqual({ sources: 1, entities: 2, assets: 1, stakes: 2, production: 2 });
    expect(r.notices.map(issueToString)).toContain(
      `${join(d, "stakes.csv")}:1: information: stakes: the table leaves fields out, filled as follows: ids made as owner:owned; every record cites source csv-import; as of ${today}`,
    );
    const ds = await ledger.datasetAt("w");
    expect(ds.assets[0]).toMatchObject({
      id: "E1",
      kind: "mine",
      commodities: ["cobalt", "copper"],
    });
    expect(ds.entities.find((e) => e.id === "E2")?.country).toBe("NA");
    expect(ds.stakes.map((s) => [s.id, s.share])).toEqual([
      ["E2:E1", 0.6],
      ["E3:E2", 1],
    ]);
    expect(ds.production[0]).toMatchObject({
      id: "E1:cobalt:2025",
      period: "2025",
      basis: "actual",
      tonnes: 100.5,
      sources: ["csv-import"],
    });
    const again = await importCsv(ledger, "w", [d], { actor: "test", today });
    expect([again.writtenTotal, again.unchanged]).toEqual([0, 8]);
    await ledger.close();
  });

  it("the in-memory reader reads the same register into the same records", async () => {
    const d = register("same", "E2,E1,0.6\n", "E1,cobalt,100.5\n");
    const ledger = await openLedger({ db: join(dir, "same.db"), env: {} });
    await importCsv(ledger, "w", [d], { actor: "test", today });
    const stored = await ledger.datasetAt("w");
    await ledger.close();
    const read = readRecordsCsv([d], { today });
    for (const k of ["entities", "assets", "stakes", "production"] as const)
      expect(stored[k]).toEqual(read[k]);
    expect(stored.sources.map((s) => s.id)).toEqual(read.sources.map((s) => s.id));
  });

  it("problems the store finds are located in the files by their record, and nothing is written", async () => {
    const d = register("bad-refs", "E2,E1,0.6\nE3,E9,0.5\nE3,E1,0.5\n", "E1,cobalt,1\n");
    const ledger = await openLedger({ db: join(dir, "bad.db"), env: {} });
    const e = await refusal(() => importCsv(ledger, "w", [d], { actor: "test", today }));
    const stakes = join(d, "stakes.csv");
    expect(e.issues.map(issueToString)).toEqual([
      `${stakes}:3:2: stakes E3:E9 owned: Unknown entity or asset E9`,
      `${stakes}:4:3: stakes E3:E1 share: Stakes in E1 add up to 110.00%, more than 100% (E2:E1, E3:E1)`,
    ]);
    expect(e.message).toContain(`the first: ${stakes}:3:2: stakes E3:E9 owned`);
    expect(await ledger.isEmpty("w")).toBe(true);
    await ledger.close();
  });

  it("a bad cell, an asset without production and an actual figure for a later year are located and nothing is written", async () => {
    const d = register("bad-cells", "E2,E1,abc\n", "E2,cobalt,1\n");
    const ledger = await openLedger({ db: join(dir, "cells.db"), env: {} });
    const e = await refusal(() =>
      importCsv(ledger, "w", [d], { actor: "test", today, defaults: { period: "2027" } }),
    );
    expect(e.issues.map(issueToString)).toEqual([
      `${join(d, "entities.csv")}:2:3: assets E1 kind: Asset E1 has no production row, so what it produces is not known: add its production, or list it in assets.csv with its commodities`,
      `${join(d, "stakes.csv")}:2:3: share: Expected a number, found "abc"`,
      `${join(d, "production.csv")}:2: production E2:cobalt:2027 period: An actual figure for period 2027, which begins 2027-01-01, after today (${today}): a figure for the future is basis estimate, guidance or capacity`,
    ]);
    expect(await ledger.isEmpty("w")).toBe(true);
    await ledger.close();
  });

  it("reports the bytes read from the first chunk to the last", async () => {
    const d = register("progress", "E2,E1,0.6\n", "E1,cobalt,1\n");
    const ledger = await openLedger({ db: join(dir, "progress.db"), env: {} });
    const seen: [number, number][] = [];
    await importCsv(ledger, "w", [d], {
      actor: "test",
      today,
      onBytes: (done, total) => seen.push([done, total]),
    });
    await ledger.close();
    expect(seen[0]?.[0]).toBe(0);
    const [done, total] = seen.at(-1) ?? [0, 0];
    expect(done).toBe(total);
    expect(seen.every(([a], i) => i === 0 || a >= (seen[i - 1]?.[0] ?? 0))).toBe(true);
  });
});

/** A register of `n` entities (a third of them assets), each company owning the next ones. */
function bigRegister(
  name: string,
  n: number,
  edit: (lines: string[][]) => void = () => {},
): string {
  const d = join(dir, name);
  mkdirSync(d);
  const entities = ["id,name,kind,country"];
  const stakes = ["owner_id,owned_id,share"];
  const production = ["asset_id,commodity,tonnes"];
  for (let i = 1; i <= n; i++) {
    const asset = i % 3 === 0;
    entities.push(`N${i},"Name, ${i}",${asset ? "asset" : "company"},${asset ? "CD" : "ZA"}`);
    if (asset) production.push(`N${i},cobalt,${(i * 1.5).toFixed(1)}`);
    if (i > 1) stakes.push(`N${(i - 1) % 3 === 0 ? i - 2 : i - 1},N${i},0.${(i % 9) + 1}`);
  }
  const lines = [entities, stakes, production];
  edit(lines);
  writeFileSync(join(d, "entities.csv"), `${entities.join("\n")}\n`);
  writeFileSync(join(d, "stakes.csv"), `${stakes.join("\n")}\n`);
  writeFileSync(join(d, "production.csv"), `${production.join("\n")}\n`);
  return d;
}

describe("importCsv() reading on a thread of its own", () => {
  it("writes the same records, counts and notices as reading on this thread (batches as columns and as JSON text)", async () => {
    // A figure of -0 tonnes (the store gives 0 back on both paths: the batch's own test is
    // below).
    // Batches of one shape go as columns; entities with and without a note, as JSON text.
    const d = bigRegister("thread-same", 12_000, ([entities = [], , production = []]) => {
      entities[0] = `${entities[0]},note`;
      for (let i = 5; i < entities.length; i += 5) entities[i] = `${entities[i]},note ${i}`;
      production[200] = "N600,cobalt,-0";
    });
    const results = [];
    for (const thread of [false, true]) {
      const ledger = await openLedger({ db: join(dir, `thread-same-${thread}.db`), env: {} });
      const seen: number[] = [];
      const r = await importCsv(ledger, "w", [d], {
        actor: "test",
        today,
        thread,
        onBytes: (done) => seen.push(done),
      });
      const ds = await ledger.datasetAt("w");
      await ledger.close();
      results.push({ r: { ...r, recordedAt: "" }, ds, last: seen.at(-1) });
    }
    const [here, there] = results;
    expect(here?.r.writtenTotal).toBeGreaterThan(20_000);
    expect(there).toEqual(here);
  }, 60_000);

  it("locates a bad cell and an unknown owner deep in a large file by their lines, and an asset without a name (a cloned batch), as this thread does, and writes nothing", async () => {
    // Lines 20,001 and 30,001 of stakes.csv: some twenty batches past the first.
    // An asset without a name: its record holds name undefined, so its batch is cloned.
    const d = bigRegister("thread-bad", 40_000, ([entities = [], stakes = []]) => {
      entities[9] = "N9,,asset,CD";
      stakes[20_000] = "N2,N20001,abc";
      stakes[30_000] = "NX,N30001,0.5";
    });
    const stakesCsv = join(d, "stakes.csv");
    const refusals = [];
    for (const thread of [false, true]) {
      const ledger = await openLedger({ db: join(dir, `thread-bad-${thread}.db`), env: {} });
      const e = await refusal(() => importCsv(ledger, "w", [d], { actor: "test", today, thread }));
      expect(await ledger.isEmpty("w")).toBe(true);
      await ledger.close();
      refusals.push([e.message, e.issues.map(issueToString)]);
    }
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[1]?.[1]).toEqual([
      `${stakesCsv}:20001:3: share: Expected a number, found "abc"`,
      `${join(d, "entities.csv")}:10:2: assets N9 name: Invalid input: expected string, received undefined`,
    ]);
    // With the bad cell and the name mended, the cross-reference check names the owner's line.
    writeFileSync(
      stakesCsv,
      readFileSync(stakesCsv, "utf8").replace("N2,N20001,abc", "N2,N20001,0.5"),
    );
    const entitiesCsv = join(d, "entities.csv");
    writeFileSync(
      entitiesCsv,
      readFileSync(entitiesCsv, "utf8").replace("N9,,asset", "N9,Nine,asset"),
    );
    const ledger = await openLedger({ db: join(dir, "thread-bad-refs.db"), env: {} });
    const e = await refusal(() =>
      importCsv(ledger, "w", [d], { actor: "test", today, thread: true }),
    );
    expect(e.issues.map(issueToString)).toEqual([
      `${stakesCsv}:30001:1: stakes NX:N30001 owner: Unknown entity NX: owners must be entities`,
    ]);
    expect(await ledger.isEmpty("w")).toBe(true);
    await ledger.close();
  }, 120_000);

  it("an unclosed quote in the entities and one in the production: the first met is named, as this thread names it, and nothing is written", async () => {
    // The reading thread, far enough ahead, reads production.csv early (the assets' commodities):
    // its error is held until the assets ask for them, so the entities' error comes first.
    const n = 60_000;
    const d = bigRegister("thread-quotes", n, ([entities = [], , production = []]) => {
      entities[n] = `N${n},"Unclosed,company,ZA`;
      production[3] = `N9,"cobalt,13.5`;
    });
    const refusals = [];
    for (const thread of [false, true]) {
      const ledger = await openLedger({ db: join(dir, `thread-quotes-${thread}.db`), env: {} });
      const e = await refusal(() => importCsv(ledger, "w", [d], { actor: "test", today, thread }));
      expect(await ledger.isEmpty("w")).toBe(true);
      await ledger.close();
      refusals.push([e.code, e.message, e.issues.map(issueToString)]);
    }
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[0]?.[1]).toContain(`${join(d, "entities.csv")}:${n + 1}`);
  }, 120_000);

  it("tells a production table's conversion once, as this thread does, when no entity row is an asset", async () => {
    const d = join(dir, "thread-latin1");
    mkdirSync(d);
    const entities = ["id,name,kind,country"];
    const stakes = ["owner_id,owned_id,share"];
    for (let i = 1; i <= 40_000; i++) {
      entities.push(`N${i},Name ${i},company,ZA`);
      if (i > 1) stakes.push(`N${i - 1},N${i},0.5`);
    }
    writeFileSync(join(d, "entities.csv"), `${entities.join("\n")}\n`);
    writeFileSync(join(d, "stakes.csv"), `${stakes.join("\n")}\n`);
    writeFileSync(
      join(d, "assets.csv"),
      "id,name,kind,status,country,province,location.lat,commodities\nA1,Mine,mine,operating,CD,Lualaba,,cobalt\n",
    );
    // "café" in Windows-1252.
    writeFileSync(
      join(d, "production.csv"),
      Buffer.concat([
        Buffer.from("asset_id,commodity,tonnes,note\nA1,cobalt,5,caf"),
        Buffer.from([0xe9, 0x0a]),
      ]),
    );
    const results = [];
    for (const thread of [false, true]) {
      const ledger = await openLedger({ db: join(dir, `thread-latin1-${thread}.db`), env: {} });
      const r = await importCsv(ledger, "w", [d], { actor: "test", today, thread });
      await ledger.close();
      results.push({ ...r, recordedAt: "" });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]?.notices.filter((i) => i.message.includes("not UTF-8"))).toHaveLength(1);
  }, 60_000);

  it("hands large cells on in batches bounded in characters, and writes what this thread writes", async () => {
    // 120 entities with a note of 100,000 characters: 12 MB in one batch of records, 1 MB each
    // with the budgets made small (as a 525,000-character cell makes a batch of 1,024 records
    // longer than a string may be with the budgets as they are).
    const d = join(dir, "thread-large");
    mkdirSync(d);
    const rows = ["id,name,kind,country,note"];
    for (let i = 1; i <= 120; i++)
      rows.push(`N${i},Name ${i},company,ZA,${String(i % 10).repeat(100_000)}`);
    writeFileSync(join(d, "entities.csv"), `${rows.join("\n")}\n`);
    const results = [];
    const steps: number[] = [];
    for (const thread of [false, true]) {
      const ledger = await openLedger({ db: join(dir, `thread-large-${thread}.db`), env: {} });
      let last = 0;
      const r = await importCsv(ledger, "w", [d], {
        actor: "test",
        today,
        thread,
        threadTest: { batchChars: 1 << 20, aheadChars: 2 << 20 },
        onBytes: (done) => {
          if (thread) steps.push(done - last);
          last = done;
        },
      });
      const ds = await ledger.datasetAt("w");
      await ledger.close();
      results.push({ r: { ...r, recordedAt: "" }, ds });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]?.ds.entities).toHaveLength(120);
    // Each batch a megabyte or so of the file (a chunk of 64 KiB read ahead of its records).
    expect(steps.length).toBeGreaterThan(10);
    expect(Math.max(...steps)).toBeLessThan(2 << 20);
  }, 60_000);

  it("a reading thread that dies mid-import is an error, nothing is written, and the store takes the import again", async () => {
    const d = bigRegister("thread-dies", 12_000);
    const ledger = await openLedger({ db: join(dir, "thread-dies.db"), env: {} });
    const e = await refusal(() =>
      importCsv(ledger, "w", [d], {
        actor: "test",
        today,
        thread: true,
        threadTest: { exitAfterBatches: 12 },
      }),
    );
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toBe(
      "The thread reading the CSV files stopped before their end: nothing was written",
    );
    expect(await ledger.isEmpty("w")).toBe(true);
    const r = await importCsv(ledger, "w", [d], { actor: "test", today, thread: true });
    expect(r.writtenTotal).toBeGreaterThan(20_000);
    await ledger.close();
  }, 60_000);

  it("a reading thread that dies out of memory (its exit handler never run) is an error, nothing is written, and the store takes the import again", async () => {
    const d = bigRegister("thread-oom", 12_000);
    const ledger = await openLedger({ db: join(dir, "thread-oom.db"), env: {} });
    const e = await refusal(() =>
      importCsv(ledger, "w", [d], {
        actor: "test",
        today,
        thread: true,
        threadTest: { exhaustAfterBatches: 12, stallMs: 3000 },
      }),
    );
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toBe(
      "The thread reading the CSV files gave no sign of life for 3 s (it may have run out of memory): it was stopped and nothing was written",
    );
    expect(await ledger.isEmpty("w")).toBe(true);
    const r = await importCsv(ledger, "w", [d], { actor: "test", today, thread: true });
    expect(r.writtenTotal).toBeGreaterThan(20_000);
    await ledger.close();
  }, 60_000);
});

describe("a batch of records packed as columns for the reading thread", () => {
  it("gives every value back as it was: 0 and -0 apart, NaN, strings and one shared value", () => {
    const sources = ["s1"];
    const batches = [
      [0, -0, Number.NaN, 1.5],
      [-0, -0, -0, -0],
      [0, 0, -0, 0],
    ].map((tonnes) => tonnes.map((t, i) => ({ id: `P${i}`, tonnes: t, sources })));
    for (const batch of batches) {
      const p = packed(batch);
      expect(p).toBeDefined();
      const back = unpacked(p as NonNullable<typeof p>);
      expect(back.map((r) => r.tonnes)).toEqual(batch.map((r) => r.tonnes));
      expect(back.map((r) => Object.is(r.tonnes, -0))).toEqual(
        batch.map((r) => Object.is(r.tonnes, -0)),
      );
      expect(back.map((r) => r.id)).toEqual(batch.map((r) => r.id));
      expect(back[0]?.sources).toEqual(sources);
      expect(back[1]?.sources).toBe(back[0]?.sources);
    }
  });
});

describe("the reading thread's build, when tests run from the sources", () => {
  it("is used only when every module of the worker was built after its source last changed", () => {
    const root = join(dir, "stale");
    const file = (path: string, text: string, seconds: number) => {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
      utimesSync(join(root, path), seconds, seconds);
    };
    file(
      "src/app/worker.ts",
      'import { a } from "../io/a.js";\nimport type { T } from "./t.js";\n',
      100,
    );
    file("src/io/a.ts", "export const a = 1;\n", 100);
    file("src/app/t.ts", "export type T = number;\n", 100);
    file("dist/app/worker.js", "", 200);
    file("dist/io/a.js", "", 200);
    file("dist/app/t.js", "", 200);
    const src = join(root, "src");
    const dist = join(root, "dist");
    const entry = join(src, "app/worker.ts");
    expect(staleBuild(entry, src, dist)).toBeUndefined();
    // A module the worker imports changed after the build.
    utimesSync(join(src, "io/a.ts"), 300, 300);
    expect(staleBuild(entry, src, dist)).toBe(join(src, "io/a.ts"));
    utimesSync(join(dist, "io/a.js"), 400, 400);
    expect(staleBuild(entry, src, dist)).toBeUndefined();
    rmSync(join(dist, "app/t.js"));
    expect(staleBuild(entry, src, dist)).toBe(join(src, "app/t.ts"));
  });
});
