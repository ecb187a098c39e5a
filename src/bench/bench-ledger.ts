/**
 * `orebook bench-ledger --entities N`: loads the synthetic ownership register of the look-through
 * benchmark (`gen-ownership.mjs`) into a fresh SQLite store and builds its World, reporting
 * seconds and peak memory for each. Each phase runs in its own process, so each peak is its own.
 * Targets at 1,000,000 entities: load under 60 s, snapshot under 10 s, under 2 GB each. A third
 * phase times single writes on the loaded store (each checks only what its record touches).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { REPO_ROOT } from "../cli/context.js";
import { tableFrom } from "../cli/format.js";
import { emit } from "../cli/options.js";
import { progressBar } from "../cli/progress-bar.js";
import { openSqliteLedger } from "../ledger/sqlite/sqlite-store.js";
import type { Dataset } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { worldFromOwned } from "../model/world.js";
import { ENTITIES_OPTION, SEED_OPTION, withBenchOptions } from "./bench-options.js";

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const DATASET = "bench";
const AS_OF = "2025-06-30";
const SOURCE = "bench-synthetic";

interface PhaseResult {
  phase: "load" | "snapshot" | "write";
  /** Wall time. */
  seconds: number;
  /** CPU time of the phase's process (user + system): other work on the machine inflates wall time. */
  cpuSeconds: number;
  peakRssMb: number;
  detail: Record<string, number>;
}

/** The rows of a CSV file after its header, each split on commas, one at a time. */
function* lines(file: string): Generator<string[]> {
  const text = readFileSync(file, "utf8");
  let at = text.indexOf("\n") + 1;
  while (at > 0 && at < text.length) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    if (end > at) yield text.slice(at, end).split(",");
    at = end + 1;
  }
}

/**
 * The generated register as a dataset: owners, assets, stakes and production figures. Each
 * kind is read from its file when first asked for, and yields its records one at a time (the
 * ledger's load reads any iterable), so a large import never holds every raw record at once.
 */
export function datasetFromRegister(dir: string): Partial<Dataset> {
  const src = [SOURCE];
  const asOf = "2025";
  function* production() {
    let i = 0;
    for (const [asset, commodity, tonnes] of lines(join(dir, "production.csv")))
      yield {
        id: `p${i++}`,
        asset,
        commodity,
        period: "2024",
        tonnes: Number(tonnes),
        basis: "actual",
        sources: src,
        asOf,
      };
  }
  function* entities(assets: boolean) {
    let commodities: Map<string, string[]> | undefined;
    if (assets) {
      commodities = new Map();
      for (const [asset, commodity] of lines(join(dir, "production.csv"))) {
        if (!asset || !commodity) continue;
        const list = commodities.get(asset);
        if (list) list.push(commodity);
        else commodities.set(asset, [commodity]);
      }
    }
    for (const [id, name, kind, country] of lines(join(dir, "entities.csv"))) {
      if ((kind === "asset") !== assets) continue;
      yield assets
        ? {
            id,
            name,
            kind: "mine",
            country,
            province: null,
            location: null,
            status: "operating",
            commodities: commodities?.get(id as string) ?? ["copper"],
            sources: src,
            asOf,
          }
        : { id, name, kind, country, sources: src, asOf };
    }
  }
  function* stakes() {
    let i = 0;
    for (const [owner, owned, share] of lines(join(dir, "stakes.csv")))
      yield { id: `s${i++}`, owner, owned, share: Number(share), sources: src, asOf };
  }
  const ds = {
    get sources() {
      return [
        {
          id: SOURCE,
          title: "Synthetic ownership register (gen-ownership.mjs)",
          kind: "derived",
          confidence: "low",
        },
      ];
    },
    get entities() {
      return entities(false);
    },
    get assets() {
      return entities(true);
    },
    get stakes() {
      return stakes();
    },
    get production() {
      return production();
    },
  };
  return ds as unknown as Partial<Dataset>;
}

/** The number of records `datasetFromRegister` yields: one source and a record per row. */
export function registerSize(dir: string): number {
  let n = 1;
  for (const f of ["entities.csv", "stakes.csv", "production.csv"]) {
    const text = readFileSync(join(dir, f), "utf8");
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1))
      if (at + 1 < text.length && text[at + 1] !== "\n") n++;
  }
  return n;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function loadPhase(data: string, db: string): Promise<PhaseResult> {
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuSeconds();
  const ledger = await openSqliteLedger({ path: db });
  const onProgress = progressBar("loading");
  // Read, validated and written record by record; the files are read inside the load.
  const r = await ledger.load(DATASET, datasetFromRegister(data), {
    actor: "bench",
    ...(onProgress ? { onProgress, expectedTotal: registerSize(data) } : {}),
  });
  await ledger.close();
  return {
    phase: "load",
    seconds: seconds(t0),
    cpuSeconds: cpuSeconds() - cpu0,
    peakRssMb: peakRssMb(),
    detail: { records: r.writtenTotal },
  };
}

async function snapshotPhase(db: string): Promise<PhaseResult> {
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuSeconds();
  const ledger = await openSqliteLedger({ path: db });
  // What ledger.snapshot() does, in its two steps, timed apart.
  const ds = await ledger.datasetAt(DATASET);
  const fold = seconds(t0);
  const foldCpu = cpuSeconds() - cpu0;
  const world = worldFromOwned(ds, AS_OF);
  const total = seconds(t0);
  const cpu = cpuSeconds() - cpu0;
  await ledger.close();
  return {
    phase: "snapshot",
    seconds: total,
    cpuSeconds: cpu,
    peakRssMb: peakRssMb(),
    detail: {
      datasetAtSeconds: fold,
      datasetAtCpuSeconds: foldCpu,
      worldFromSeconds: total - fold,
      worldFromCpuSeconds: cpu - foldCpu,
      entities: world.entities.size,
      assets: world.assets.size,
      stakes: world.stakes.length,
      production: world.production.length,
    },
  };
}

/**
 * Single writes on the loaded store, each its own transaction: a stake put again (its node's
 * stakes read back), an entity put again, a stake removed, and the refused removal of an
 * entity that stakes still name. Milliseconds each.
 */
async function writePhase(db: string): Promise<PhaseResult> {
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuSeconds();
  const ledger = await openSqliteLedger({ path: db });
  const opts = (v: number) => ({ expectedVersion: v, actor: "bench" });
  const ms = async (write: () => Promise<unknown>) => {
    const t = process.hrtime.bigint();
    await write();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const stake = await ledger.get(DATASET, "stakes", "s0");
  if (!stake?.record) throw new OrebookError("INTERNAL", "bench-ledger: stake s0 is missing");
  const s0 = stake.record as { owner: string; owned: string };
  const owner = await ledger.get(DATASET, "entities", s0.owner);
  if (!owner?.record)
    throw new OrebookError("INTERNAL", `bench-ledger: entity ${s0.owner} is missing`);
  const v = stake.version;
  const putStakeMs = await ms(() => ledger.put(DATASET, "stakes", stake.record, opts(v)));
  const putEntityMs = await ms(() =>
    ledger.put(DATASET, "entities", owner.record, opts(owner.version)),
  );
  const removeStakeMs = await ms(() => ledger.remove(DATASET, "stakes", "s0", opts(v + 1)));
  let refused = 0;
  const removeNamedEntityMs = await ms(() =>
    ledger.remove(DATASET, "entities", s0.owner, opts(owner.version + 1)).catch((e: unknown) => {
      if (!(e instanceof OrebookError) || e.code !== "INVALID_DATA") throw e;
      refused = e.issues.length;
    }),
  );
  if (refused === 0)
    throw new OrebookError("INTERNAL", `bench-ledger: removing ${s0.owner} was not refused`);
  // The stake back, so the phase can run again on the same store.
  await ledger.put(DATASET, "stakes", stake.record, opts(v + 2));
  await ledger.close();
  return {
    phase: "write",
    seconds: seconds(t0),
    cpuSeconds: cpuSeconds() - cpu0,
    peakRssMb: peakRssMb(),
    detail: { putStakeMs, putEntityMs, removeStakeMs, removeNamedEntityMs, refused },
  };
}

function runPhase(args: string[]): PhaseResult {
  const r = spawnSync(process.execPath, [CLI, "bench-ledger", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !last.startsWith("{"))
    throw new OrebookError("INTERNAL", `bench-ledger ${args[1]} failed (exit ${r.status})`);
  return JSON.parse(last) as PhaseResult;
}

interface Options {
  entities: string;
  seed: string;
  data?: string;
  db?: string;
  generator: string;
  phase?: string;
}

export function register(program: Command): void {
  withBenchOptions(
    program
      .command("bench-ledger")
      .description(
        "Benchmark the ledger: load a generated ownership register into SQLite and build its World",
      ),
    [ENTITIES_OPTION, SEED_OPTION],
  )
    .option("--data <dir>", "an existing register folder (default bench-data/w1-nN-sS, generated)")
    .option("--db <path>", "the SQLite file to (re)create (default bench-data/ledger-nN-sS.db)")
    .option(
      "--generator <path>",
      "gen-ownership.mjs (default bench/ of $OREBOOK_SHARED, else of ../shared beside the repository)",
      join(
        process.env.OREBOOK_SHARED ?? join(REPO_ROOT, "..", "shared"),
        "bench",
        "gen-ownership.mjs",
      ),
    )
    .option("--phase <phase>", "internal: run one phase (load, snapshot or write) in this process")
    .action(async (o: Options) => {
      const n = Number(o.entities);
      const data = resolve(o.data ?? join("bench-data", `w1-n${n}-s${o.seed}`));
      const db = resolve(o.db ?? join("bench-data", `ledger-n${n}-s${o.seed}.db`));
      if (o.phase === "load") {
        emit(JSON.stringify(await loadPhase(data, db)));
        return;
      }
      if (o.phase === "snapshot") {
        emit(JSON.stringify(await snapshotPhase(db)));
        return;
      }
      if (o.phase === "write") {
        emit(JSON.stringify(await writePhase(db)));
        return;
      }
      if (!existsSync(join(data, "stakes.csv"))) {
        if (!existsSync(o.generator))
          throw new OrebookError(
            "NOT_FOUND",
            `No register in ${data} and no generator at ${o.generator}: pass --data or --generator`,
          );
        const g = spawnSync(
          process.execPath,
          [o.generator, "--entities", String(n), "--seed", o.seed, "--out", data],
          { stdio: "inherit" },
        );
        if (g.status !== 0) throw new OrebookError("INTERNAL", "The generator failed");
      }
      mkdirSync(resolve(db, ".."), { recursive: true });
      for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
      const load = runPhase(["--phase", "load", "--data", data, "--db", db]);
      const snap = runPhase(["--phase", "snapshot", "--data", data, "--db", db]);
      const write = runPhase(["--phase", "write", "--data", data, "--db", db]);
      const rows = [load, snap, write];
      process.stderr.write(
        `${tableFrom(rows, [
          { header: "phase", value: (r) => r.phase },
          { header: "seconds", value: (r) => r.seconds.toFixed(2), align: "right" },
          { header: "CPU s", value: (r) => r.cpuSeconds.toFixed(2), align: "right" },
          { header: "peak RSS MB", value: (r) => r.peakRssMb, align: "right" },
          {
            header: "detail",
            value: (r) =>
              Object.entries(r.detail)
                .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(2)}`)
                .join(", "),
          },
        ])}\n`,
      );
      emit(JSON.stringify({ entities: n, seed: Number(o.seed), load, snapshot: snap, write }));
    });
}
