/**
 * `orebook db init | migrate | load DIR | history ID | datasets`: the store the other commands
 * read. SQLite by default (`--db`, `OREBOOK_DB`, `./orebook.db`), PostgreSQL with
 * `--database-url` or `OREBOOK_DATABASE_URL`.
 */
import { userInfo } from "node:os";
import type { Command } from "commander";
import { knownFromSources, openDefaultLedger } from "../../app/open-default-ledger.js";
import { loadDatasetDir } from "../../io/load-dataset.js";
import { DEFAULT_DATASET_ID, type Ledger, type RecordVersion } from "../../ledger/ledger.js";
import { LATEST_SCHEMA_VERSION } from "../../ledger/migrations.js";
import { openLedger } from "../../ledger/open-ledger.js";
import { isRecordKind, RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import { csvFrom, formatFrom, tableFrom } from "../format.js";
import { emit } from "../options.js";
import { progressBar } from "../progress-bar.js";

interface StoreOptions {
  db?: string;
  databaseUrl?: string;
}

/** Adds --db and --database-url. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option("--db <path>", "SQLite store (default ./orebook.db, or OREBOOK_DB)")
    .option("--database-url <url>", "PostgreSQL store (or OREBOOK_DATABASE_URL)");
}

/** Who writes: --actor, OREBOOK_ACTOR, or the login name. */
export function actorFrom(opt: string | undefined): string {
  if (opt) return opt;
  if (process.env.OREBOOK_ACTOR) return process.env.OREBOOK_ACTOR;
  try {
    return userInfo().username || "orebook";
  } catch {
    return "orebook";
  }
}

function kindOption(value: string | undefined): RecordKind | undefined {
  if (value === undefined) return undefined;
  if (!isRecordKind(value))
    throw new OrebookError(
      "BAD_INPUT",
      `Unknown record kind "${value}": expected one of ${RECORD_KINDS.join(", ")}`,
    );
  return value;
}

async function using<T>(ledger: Ledger, fn: (l: Ledger) => Promise<T>): Promise<T> {
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

function storeArgs(o: StoreOptions) {
  return { db: o.db, databaseUrl: o.databaseUrl };
}

function summary(v: RecordVersion): string {
  const r = v.record;
  if (!r) return "";
  for (const key of ["share", "tonnes", "status", "name", "title"])
    if (r[key] !== undefined && r[key] !== null) return `${key} ${String(r[key])}`;
  return "";
}

export function register(program: Command): void {
  const db = program
    .command("db")
    .description("The store: create, migrate, load a dataset folder, show a record's history");

  withStoreOptions(
    db
      .command("init")
      .description("Create and migrate the store, and load the reference dataset when it is empty"),
  ).action(async (o: StoreOptions) => {
    const onProgress = progressBar(`loading ${DEFAULT_DATASET_ID}`);
    const ledger = await openDefaultLedger({
      ...storeArgs(o),
      ...(onProgress ? { onProgress } : {}),
    });
    await using(ledger, async (l) => {
      const ds = await l.datasetAt(DEFAULT_DATASET_ID);
      const n = RECORD_KINDS.reduce((s, k) => s + ds[k].length, 0);
      emit(
        `${l.dialect} store ${l.location}: schema version ${await l.schemaVersion()}; dataset ${DEFAULT_DATASET_ID}: ${n} records`,
      );
    });
  });

  withStoreOptions(
    db
      .command("migrate")
      .description(`Bring the store to the latest schema (version ${LATEST_SCHEMA_VERSION})`),
  ).action(async (o: StoreOptions) => {
    await using(await openLedger({ ...storeArgs(o), migrate: false }), async (l) => {
      const { from, to } = await l.migrate();
      emit(
        from === to
          ? `${l.location}: schema version ${to}, up to date`
          : `${l.location}: migrated from schema version ${from} to ${to}`,
      );
    });
  });

  withStoreOptions(
    db
      .command("load")
      .description(
        "Load a dataset folder in one transaction: new and changed records get a version, or nothing is written",
      )
      .argument("<dir>", "a folder of YAML files, e.g. data/drc")
      .option("--dataset <id>", "the dataset to load into", DEFAULT_DATASET_ID)
      .option("--actor <name>", "who writes (default OREBOOK_ACTOR or the login name)")
      .option("--note <text>", "why, kept with every version written"),
  ).action(
    async (dir: string, o: StoreOptions & { dataset: string; actor?: string; note?: string }) => {
      const { dataset } = loadDatasetDir(dir, { displayRoot: process.cwd() });
      await using(await openLedger(storeArgs(o)), async (l) => {
        const onProgress = progressBar(`loading ${o.dataset}`);
        const r = await l.load(o.dataset, dataset, {
          actor: actorFrom(o.actor),
          recordedAtOf: knownFromSources(dataset),
          ...(o.note === undefined ? {} : { note: o.note }),
          ...(onProgress ? { onProgress } : {}),
        });
        const kinds = Object.entries(r.written)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ");
        emit(
          `${dir} → ${r.datasetId}: ${r.writtenTotal} written${kinds ? ` (${kinds})` : ""}, ${r.unchanged} unchanged, recorded at ${r.recordedAt}`,
        );
      });
    },
  );

  withStoreOptions(
    db
      .command("history")
      .description("Every version of a record: when it was recorded, by whom, from which sources")
      .argument("<id>", "the record id, e.g. tfm or cmoc-tfm")
      .option("--kind <kind>", `only this kind (${RECORD_KINDS.join(", ")})`)
      .option("--dataset <id>", "the dataset", DEFAULT_DATASET_ID)
      .option(
        "--format <format>",
        "table, json or csv (default: table on a terminal, json otherwise)",
      ),
  ).action(
    async (id: string, o: StoreOptions & { kind?: string; dataset: string; format?: string }) => {
      const kind = kindOption(o.kind);
      const format = formatFrom(o.format);
      await using(await openDefaultLedger(storeArgs(o)), async (l) => {
        const versions = await l.history(o.dataset, id, kind === undefined ? {} : { kind });
        if (versions.length === 0)
          throw new OrebookError(
            "NOT_FOUND",
            `No record ${kind ? `${kind} ` : ""}${id} in dataset ${o.dataset}`,
          );
        if (format === "json") {
          emit(JSON.stringify(versions, null, 2));
          return;
        }
        const columns = [
          { header: "kind", value: (v: RecordVersion) => v.kind },
          { header: "version", value: (v: RecordVersion) => v.version, align: "right" as const },
          { header: "recorded at", value: (v: RecordVersion) => v.recordedAt },
          { header: "by", value: (v: RecordVersion) => v.recordedBy },
          { header: "valid from", value: (v: RecordVersion) => v.validFrom },
          { header: "valid to", value: (v: RecordVersion) => v.validTo },
          { header: "sources", value: (v: RecordVersion) => v.sources.join(" ") },
          {
            header: "value",
            value: (v: RecordVersion) => (v.deleted ? "(withdrawn)" : summary(v)),
          },
          { header: "note", value: (v: RecordVersion) => v.note },
        ];
        emit(format === "csv" ? csvFrom(versions, columns) : tableFrom(versions, columns));
      });
    },
  );

  withStoreOptions(db.command("datasets").description("The datasets the store holds")).action(
    async (o: StoreOptions) => {
      await using(await openLedger(storeArgs(o)), async (l) => {
        const rows = await l.datasets();
        emit(
          rows.length === 0
            ? `${l.location}: no datasets (run orebook db init)`
            : tableFrom(rows, [
                { header: "dataset", value: (d) => d.id },
                { header: "created", value: (d) => d.createdAt },
                { header: "by", value: (d) => d.createdBy },
                { header: "last write", value: (d) => d.updatedAt },
              ]),
        );
      });
    },
  );
}
