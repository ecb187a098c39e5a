/**
 * Crash safety: a child process loading a large import is killed with SIGKILL in the middle of
 * its transaction; the store must open cleanly afterwards with all of the import or none.
 * The child runs compiled JavaScript: the ledger is built (just it and what it imports) into
 * node_modules/.cache first.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsedDataset, smallDataset } from "../_test-fixture.js";
import { openSqliteLedger } from "./sqlite-store.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BUILD = join(ROOT, "node_modules", ".cache", "orebook-ledger-crash");
const CHILD = fileURLToPath(new URL("./_test-crash-child.mjs", import.meta.url));
const COMPANIES = 50_000; // 200,001 records
const dir = mkdtempSync(join(tmpdir(), "orebook-crash-"));

beforeAll(() => {
  mkdirSync(BUILD, { recursive: true });
  const config = join(BUILD, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(ROOT, "tsconfig.json"),
      compilerOptions: { noEmit: false, rootDir: join(ROOT, "src"), outDir: join(BUILD, "dist") },
      files: [join(ROOT, "src", "ledger", "sqlite", "sqlite-store.ts")],
      include: [],
    }),
  );
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config],
    { encoding: "utf8" },
  );
  if (!existsSync(join(BUILD, "dist", "ledger", "sqlite", "sqlite-store.js")))
    throw new Error(`Building the ledger for the child failed:\n${tsc.stdout}${tsc.stderr}`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the child until it says HALFWAY, then kills it with SIGKILL. */
async function killAtHalfway(
  db: string,
  hold: boolean,
): Promise<{ signal: string | null; stdout: string; diskBytes: number; journal: boolean }> {
  const args = [CHILD, join(BUILD, "dist"), db, String(COMPANIES)];
  const child: ChildProcess = spawn(process.execPath, hold ? [...args, "--hold"] : args, {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  // What the store's files held on disk at the kill: the file, its log and its journal.
  const onDisk = () =>
    ["", "-wal", "-journal"].reduce(
      (n, x) => n + (existsSync(`${db}${x}`) ? statSync(`${db}${x}`).size : 0),
      0,
    );
  const before = onDisk();
  let diskBytes = 0;
  let journal = false;
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<string | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes("HALFWAY")) {
        diskBytes = onDisk() - before;
        journal = existsSync(`${db}-journal`);
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", () => reject(new Error(`The child ended before halfway:\n${stderr}`)));
  });
  return { signal: await exited, stdout, diskBytes, journal };
}

function integrityOf(db: string): { check: string; importRows: number } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const check = (sqlite.pragma("integrity_check", { simple: true }) as string) ?? "";
    const importRows = (
      sqlite.prepare("SELECT count(*) AS n FROM records WHERE dataset_id = 'import'").get() as {
        n: number;
      }
    ).n;
    return { check, importRows };
  } finally {
    sqlite.close();
  }
}

describe("SQLite store under SIGKILL", () => {
  it("a process killed mid-import leaves the store clean, with none of the import", async () => {
    const db = join(dir, "held.db");
    const before = await openSqliteLedger({ path: db });
    await before.load("base", smallDataset(), { actor: "ana" });
    await before.close();

    const run = await killAtHalfway(db, true);
    expect(run.signal).toBe("SIGKILL");
    expect(run.stdout).not.toContain("COMMITTED");
    // Half the import had reached the disk, uncommitted, when the process died: a load into
    // an empty dataset writes its pages into the file under the rollback journal, which the
    // next open finds hot and rolls back (truncating the file).
    expect(run.diskBytes).toBeGreaterThan(1_000_000);
    expect(run.journal).toBe(true);

    const after = await openSqliteLedger({ path: db });
    expect(integrityOf(db)).toEqual({ check: "ok", importRows: 0 });
    try {
      expect(await after.isEmpty("import")).toBe(true);
      expect((await after.datasets()).map((d) => d.id)).toEqual(["base"]);
      expect(await after.datasetAt("base")).toEqual(parsedDataset(smallDataset()));
      const again = await after.load("import", smallDataset(), { actor: "ana" });
      expect(again.writtenTotal).toBe(9);
    } finally {
      await after.close();
    }
  });

  it("a process killed at a racing moment leaves all of the import or none", async () => {
    const db = join(dir, "race.db");
    const run = await killAtHalfway(db, false);
    // The next open rolls back a hot journal, if the kill left one.
    await (await openSqliteLedger({ path: db })).close();
    const { check, importRows } = integrityOf(db);
    expect(check).toBe("ok");
    expect([0, 1 + COMPANIES * 4]).toContain(importRows);
    // When the child printed COMMITTED before the kill landed, all of it must be there.
    if (run.stdout.includes("COMMITTED")) expect(importRows).toBe(1 + COMPANIES * 4);
  });
});
