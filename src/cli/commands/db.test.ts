import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadDatasetDir } from "../../io/load-dataset.js";
import { MIGRATIONS } from "../../ledger/migrations.js";
import { openSqliteLedger } from "../../ledger/sqlite/sqlite-store.js";
import { worldFromOptions } from "../context.js";
import { register } from "./db.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-db-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const YAML = (tonnes: number) => `sources:
  - { id: s1, title: Annual report 2024, kind: primary, confidence: high }
assets:
  - { id: tfm, name: Tenke Fungurume, kind: mine, country: CD, province: Lualaba, location: null, status: operating, commodities: [cobalt], sources: [s1], asOf: "2024" }
production:
  - { id: tfm-cobalt-2024, asset: tfm, commodity: cobalt, period: "2024", tonnes: ${tonnes}, basis: actual, sources: [s1], asOf: "2024" }
`;

/** Runs `orebook db ARGS` in-process and returns what it printed. */
async function db(...args: string[]): Promise<string> {
  const program = new Command("orebook").exitOverride();
  register(program);
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  try {
    await program.parseAsync(["node", "orebook", "db", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join("");
}

describe("orebook db", () => {
  it("db load twice then db history shows both versions with actor and note", async () => {
    const store = join(dir, "cli.db");
    const folder = join(dir, "data");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.yaml"), YAML(100_000));
    expect(await db("load", folder, "--db", store, "--actor", "ana")).toMatch(
      /→ drc: 3 written \(sources 1, assets 1, production 1\), 0 unchanged, recorded at /,
    );
    writeFileSync(join(folder, "a.yaml"), YAML(114_165));
    expect(await db("load", folder, "--db", store, "--actor", "ben", "--note", "restated")).toMatch(
      /→ drc: 1 written \(production 1\), 2 unchanged/,
    );
    const history = JSON.parse(
      await db("history", "tfm-cobalt-2024", "--db", store, "--format", "json"),
    ) as { version: number; recordedBy: string; note: string | null }[];
    expect(history.map((v) => [v.version, v.recordedBy, v.note])).toEqual([
      [1, "ana", null],
      [2, "ben", "restated"],
    ]);
    expect(await db("migrate", "--db", store)).toMatch(
      new RegExp(`schema version ${MIGRATIONS.length}, up to date`),
    );
  });

  it("--known-at before a correction gives the old figure, after it the new", async () => {
    const store = join(dir, "known-at.db");
    const ledger = await openSqliteLedger({ path: store });
    const folder = join(dir, "known-at");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.yaml"), YAML(100_000));
    const { dataset } = loadDatasetDir(folder);
    await ledger.load("drc", dataset, { actor: "ana", recordedAt: "2025-03-01T09:00:00Z" });
    const p = dataset.production[0];
    if (!p) throw new Error("no production");
    await ledger.put(
      "drc",
      "production",
      { ...p, tonnes: 114_165 },
      { expectedVersion: 1, actor: "ben", recordedAt: "2025-07-10T14:30:00Z" },
    );
    await ledger.close();
    const tonnes = async (knownAt?: string) =>
      (
        await worldFromOptions({
          db: store,
          asOf: "2025-06-30",
          ...(knownAt === undefined ? {} : { knownAt }),
        })
      ).production[0]?.tonnes;
    expect(await tonnes("2025-07-09")).toBe(100_000);
    expect(await tonnes("2025-07-10")).toBe(114_165);
    expect(await tonnes()).toBe(114_165);
  });
});
