/**
 * `orebook bench-bods`: the BODS import benchmark (docs/interchange.md). Generates an ownership
 * register with the shared generator (`gen-ownership.mjs`, found in `../shared/bench` next to
 * the repository or under `OREBOOK_SHARED`), writes it as a BODS 0.4 file of one million
 * statements into `bench-data/`, then imports it in a fresh process (streaming read, schema
 * and semantic checks, mapping) and reports the seconds and the peak resident memory.
 * `--store` also writes the records to a fresh SQLite store.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { REPO_ROOT } from "../cli/context.js";
import { emit, numberOption } from "../cli/options.js";
import { importBodsFile } from "../io/bods/read-bods.js";
import { openLedger } from "../ledger/open-ledger.js";
import { OrebookError } from "../model/errors.js";

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

function generatorPath(): string {
  const shared = process.env.OREBOOK_SHARED ?? resolve(REPO_ROOT, "..", "shared");
  const p = join(shared, "bench", "gen-ownership.mjs");
  if (!existsSync(p))
    throw new OrebookError(
      "NOT_FOUND",
      `The generator ${p} is missing: set OREBOOK_SHARED to the folder holding bench/gen-ownership.mjs`,
    );
  return p;
}

function csvLines(file: string): string[][] {
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  lines.shift();
  return lines.filter((l) => l !== "").map((l) => l.split(","));
}

/** Writes the generated register as BODS statements (at most `limit`); returns the count. */
export async function writeBenchBods(dir: string, file: string, limit: number): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const publicationDetails = {
    publicationDate: "2025-01-01",
    bodsVersion: "0.4",
    publisher: { name: "Orebook benchmark" },
  };
  const source = { type: ["thirdParty"], description: "Synthetic register (gen-ownership.mjs)" };
  let n = 0;
  const statement = async (
    recordId: string,
    recordType: string,
    recordDetails: object,
    subject = recordId,
  ) => {
    const s = {
      statementId: `orebook-bench-statement-${String(n).padStart(12, "0")}`,
      statementDate: "2025-01-01",
      declarationSubject: subject,
      recordId,
      recordType,
      recordStatus: "new",
      recordDetails,
      publicationDetails,
      source,
    };
    await write(`${n === 0 ? "[\n" : ",\n"}${JSON.stringify(s)}`);
    n++;
  };
  const TYPE: Record<string, string> = {
    state: "state",
    company: "registeredEntity",
    fund: "legalEntity",
    asset: "arrangement",
  };
  for (const [id, name, kind, country] of csvLines(join(dir, "entities.csv"))) {
    if (n >= limit) break;
    const jurisdiction = { name: country as string, code: country as string };
    if (kind === "person")
      await statement(id as string, "person", {
        isComponent: false,
        personType: "knownPerson",
        names: [{ type: "legal", fullName: name }],
        nationalities: [jurisdiction],
      });
    else
      await statement(id as string, "entity", {
        isComponent: false,
        entityType: { type: TYPE[kind as string] ?? "registeredEntity" },
        name,
        jurisdiction,
      });
  }
  let k = 0;
  for (const [owner, owned, share] of csvLines(join(dir, "stakes.csv"))) {
    if (n >= limit) break;
    await statement(
      `rel-${k++}`,
      "relationship",
      {
        isComponent: false,
        subject: owned,
        interestedParty: owner,
        interests: [
          {
            type: "shareholding",
            directOrIndirect: "direct",
            share: { exact: Number((Number(share) * 100).toPrecision(12)) },
          },
        ],
      },
      owned,
    );
  }
  await write("\n]\n");
  out.end();
  await once(out, "finish");
  return n;
}

interface ImportRecord {
  statements: number;
  entities: number;
  stakes: number;
  issues: number;
  importSeconds: number;
  storeSeconds: number | null;
  peakRssMb: number;
}

async function importPhase(file: string, store: string | undefined): Promise<ImportRecord> {
  const t0 = process.hrtime.bigint();
  const r = await importBodsFile(file, { skipInvalid: true });
  const importSeconds = seconds(t0);
  let storeSeconds: number | null = null;
  if (store !== undefined) {
    rmSync(store, { force: true });
    const t1 = process.hrtime.bigint();
    const ledger = await openLedger({ db: store });
    try {
      await ledger.load("bench", r.dataset, { actor: "bench" });
    } finally {
      await ledger.close();
    }
    storeSeconds = seconds(t1);
  }
  return {
    statements: r.counts.statements,
    entities: r.dataset.entities.length,
    stakes: r.dataset.stakes.length,
    issues: r.issues.length,
    importSeconds: Math.round(importSeconds * 100) / 100,
    storeSeconds: storeSeconds === null ? null : Math.round(storeSeconds * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function register(program: Command): void {
  program
    .command("bench-bods")
    .description("Benchmark the BODS import on a generated register of one million statements")
    .option("--statements <n>", "statements in the file", "1000000")
    .option("--entities <n>", "entities the generator makes (about 3 statements each)", "330000")
    .option("--seed <n>", "the generator's seed", "1")
    .option("--dir <dir>", "where the generated files go", "bench-data")
    .option("--store", "also write the records to a fresh SQLite store in the folder")
    .option("--import-only <file>", "(internal) import this file and print one JSON line")
    .action(
      async (o: {
        statements: string;
        entities: string;
        seed: string;
        dir: string;
        store?: boolean;
        importOnly?: string;
      }) => {
        if (o.importOnly !== undefined) {
          const store = o.store ? join(o.dir, "bench-bods.db") : undefined;
          emit(JSON.stringify(await importPhase(o.importOnly, store)));
          return;
        }
        const limit = numberOption("statements", o.statements) ?? 1_000_000;
        const entities = numberOption("entities", o.entities) ?? 330_000;
        const seed = numberOption("seed", o.seed) ?? 1;
        const csvDir = join(o.dir, `w1-n${entities}-s${seed}`);
        mkdirSync(o.dir, { recursive: true });
        if (!existsSync(join(csvDir, "stakes.csv"))) {
          const g = spawnSync(
            process.execPath,
            [
              generatorPath(),
              "--entities",
              String(entities),
              "--seed",
              String(seed),
              "--out",
              csvDir,
            ],
            { stdio: ["ignore", "ignore", "inherit"] },
          );
          if (g.status !== 0) throw new OrebookError("INTERNAL", "The generator failed");
        }
        const file = join(o.dir, `bods-n${entities}-s${seed}-${limit}.json`);
        if (!existsSync(file)) {
          const t = process.hrtime.bigint();
          const n = await writeBenchBods(csvDir, file, limit);
          process.stderr.write(`Wrote ${n} statements to ${file} in ${seconds(t).toFixed(1)} s\n`);
        }
        // A fresh process, so the peak memory is the import's own.
        const args = [
          process.argv[1] as string,
          "bench-bods",
          "--import-only",
          file,
          "--dir",
          o.dir,
        ];
        if (o.store) args.push("--store");
        const run = spawnSync(process.execPath, args, {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        });
        if (run.status !== 0) throw new OrebookError("INTERNAL", "The import failed");
        const rec = JSON.parse(run.stdout.trim().split("\n").pop() as string) as ImportRecord;
        emit(JSON.stringify({ file, ...rec, targetSeconds: 90, targetPeakRssMb: 1536 }));
      },
    );
}
