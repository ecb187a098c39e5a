/**
 * `orebook import bods|csv|xlsx …`: reads users' files into the store, all or nothing, and
 * `orebook validate bods FILE`: lists every problem of a BODS file (see docs/interchange.md).
 *
 * Imports write through the ledger in one transaction (`--db`, `--database-url`), or, with
 * `--out DIR`, to a dataset folder of YAML files instead. A file with problems is refused and
 * nothing is written, unless `--skip-invalid` (BODS) leaves out the statements at fault.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { importCsv } from "../../app/import-csv.js";
import { importBodsFile, validateBodsFile } from "../../io/bods/read-bods.js";
import { readRecordsCsv } from "../../io/tables/read-records-csv.js";
import { readRecordsXlsx } from "../../io/tables/read-records-xlsx.js";
import { openLedger } from "../../ledger/open-ledger.js";
import { type Dataset, RECORD_KINDS } from "../../model/dataset.js";
import { type Issue, isError, issueToString, OrebookError } from "../../model/errors.js";
import { PRODUCTION_BASES, type ProductionBasis } from "../../model/production.js";
import { emit } from "../options.js";
import { progressBar, progressOption } from "../progress-bar.js";

/** Checks `--basis`. */
function basisFrom(s: string): ProductionBasis {
  if (!(PRODUCTION_BASES as readonly string[]).includes(s))
    throw new OrebookError(
      "BAD_INPUT",
      `--basis ${s} is not a basis: expected ${PRODUCTION_BASES.join(", ")}`,
    );
  return s as ProductionBasis;
}

interface StoreOptions {
  dataset: string;
  db?: string;
  databaseUrl?: string;
  out?: string;
  actor: string;
}

function withStoreOptions(cmd: Command): Command {
  return cmd
    .option("--dataset <id>", "the dataset to write to", "imported")
    .option("--db <path>", "SQLite store (default ./orebook.db, or OREBOOK_DB)")
    .option("--database-url <url>", "PostgreSQL store (or OREBOOK_DATABASE_URL)")
    .option("--out <dir>", "write a dataset folder of YAML files instead of the store")
    .option("--actor <name>", "who imports, kept with every version", "orebook-import");
}

function counted(ds: Partial<Dataset>): string {
  return RECORD_KINDS.filter((k) => (ds[k]?.length ?? 0) > 0)
    .map((k) => `${k} ${ds[k]?.length}`)
    .join(", ");
}

/** The records of the target dataset in the store (for a delta to resolve against). */
async function storedDataset(opts: StoreOptions): Promise<Partial<Dataset> | undefined> {
  const ledger = await openLedger({
    ...(opts.db === undefined ? {} : { db: opts.db }),
    ...(opts.databaseUrl === undefined ? {} : { databaseUrl: opts.databaseUrl }),
  });
  try {
    if (await ledger.isEmpty(opts.dataset)) return undefined;
    return await ledger.datasetAt(opts.dataset);
  } finally {
    await ledger.close();
  }
}

/** Writes the records to the store (or a YAML folder) and says what was written. */
export async function writeImported(
  ds: Partial<Dataset>,
  opts: StoreOptions,
  note: string,
): Promise<string> {
  if (opts.out !== undefined) {
    mkdirSync(opts.out, { recursive: true });
    const file = join(opts.out, "imported.yaml");
    const body: Record<string, unknown> = {};
    for (const k of RECORD_KINDS) if ((ds[k]?.length ?? 0) > 0) body[k] = ds[k];
    writeFileSync(file, stringify(body, { lineWidth: 0 }));
    return `Wrote ${counted(ds)} to ${file}`;
  }
  const ledger = await openLedger({
    ...(opts.db === undefined ? {} : { db: opts.db }),
    ...(opts.databaseUrl === undefined ? {} : { databaseUrl: opts.databaseUrl }),
  });
  try {
    const r = await ledger.load(opts.dataset, ds, {
      actor: opts.actor,
      note,
      ...progressOption("Writing to the store"),
    });
    return `Dataset ${opts.dataset} in ${ledger.location}: ${r.writtenTotal} records written, ${r.unchanged} unchanged (${counted(ds)})`;
  } finally {
    await ledger.close();
  }
}

interface BodsCheckOptions {
  today?: string;
  strict?: boolean;
  knownSchemes?: string;
}

function bodsCheckOptions(o: BodsCheckOptions) {
  return {
    ...(o.today === undefined ? {} : { today: o.today }),
    ...(o.strict ? { strict: true } : {}),
    ...(o.knownSchemes === undefined
      ? {}
      : {
          knownSchemes: new Set(
            readFileSync(o.knownSchemes, "utf8")
              .split(/\r?\n/)
              .map((l) => l.trim())
              .filter((l) => l !== "" && !l.startsWith("#")),
          ),
        }),
  };
}

/** "; 2 warnings, 3 information" for findings that are not errors. */
function findingsText(issues: readonly Issue[]): string {
  const w = issues.filter((i) => i.severity === "warning").length;
  const n = issues.filter((i) => i.severity === "information").length;
  const parts = [
    w > 0 ? `${w} warning${w === 1 ? "" : "s"}` : "",
    n > 0 ? `${n} information` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `; ${parts.join(", ")}` : "";
}

/** Adds `validate bods FILE` to the `validate` command group. */
export function registerValidateBods(validate: Command): void {
  validate
    .command("bods")
    .description("Check a BODS 0.4 file (JSON array or JSON Lines): schema and semantic checks")
    .argument("<file>", "the statements")
    .option("--today <date>", "the date after which dates are in the future (default: today)")
    .option("--strict", "a closed, self-contained file: references outside it are errors")
    .option("--known-schemes <file>", "known entity identifier schemes, one per line")
    .action(async (file: string, o: BodsCheckOptions) => {
      const r = await validateBodsFile(file, {
        ...bodsCheckOptions(o),
        ...progressOption(`Checking ${file}`),
      });
      if (r.issues.length > 0) emit(r.issues.map(issueToString).join("\n"));
      if (r.errors === 0) {
        emit(`${file}: valid BODS 0.4 (${r.statements} statements)${findingsText(r.issues)}`);
        return;
      }
      throw new OrebookError(
        "INVALID_DATA",
        r.statements === 0
          ? `${file} holds no statements`
          : `${file} has ${r.errors} problem${r.errors === 1 ? "" : "s"} in ${r.invalidStatements.size} of ${r.statements} statements`,
      );
    });
}

export function register(program: Command): void {
  const imp = program
    .command("import")
    .description("Read ownership registers and tables into the store (all or nothing)");

  withStoreOptions(
    imp
      .command("bods")
      .description("Import a BODS 0.4 file (JSON array or JSON Lines), streaming")
      .argument("<file>", "the statements")
      .option("--skip-invalid", "import the valid statements of a file that has problems")
      .option("--today <date>", "the date after which dates are in the future (default: today)")
      .option("--strict", "a closed, self-contained file: references outside it are errors")
      .option("--known-schemes <file>", "known entity identifier schemes, one per line"),
  ).action(async (file: string, o: StoreOptions & BodsCheckOptions & { skipInvalid?: boolean }) => {
    const r = await importBodsFile(file, {
      ...(o.skipInvalid ? { skipInvalid: true } : {}),
      ...bodsCheckOptions(o),
      ...(o.out === undefined
        ? { existing: () => storedDataset(o), target: `dataset ${o.dataset}` }
        : { target: "an empty dataset (--out)" }),
      ...progressOption(`Reading ${file}`),
    });
    const errors = r.issues.filter(isError);
    if (errors.length > 0)
      process.stderr.write(
        `Left out the statements with ${errors.length} problem${errors.length === 1 ? "" : "s"} (--skip-invalid); the first:\n${errors
          .slice(0, 20)
          .map((i) => `  ${issueToString(i)}`)
          .join("\n")}\n`,
      );
    const notes = r.issues.filter((i) => !isError(i));
    for (const i of notes.slice(0, 20)) process.stderr.write(`  ${issueToString(i)}\n`);
    if (notes.length > 20) process.stderr.write(`  … and ${notes.length - 20} more\n`);
    for (const w of r.warnings.slice(0, 20)) process.stderr.write(`  ${issueToString(w)}\n`);
    const done = await writeImported(r.dataset, o, `BODS import of ${file}`);
    const declared = r.dataset.indirectInterests.length;
    const resolved =
      r.resolved.length > 0
        ? `; ${new Set(r.resolved.map((x) => x.recordId)).size} records named by the file resolved in dataset ${o.dataset}`
        : "";
    emit(
      `${done}; ${r.counts.statements} statements read${findingsText(r.issues)}, ${r.interests.length - declared} non-equity interests kept in notes${declared > 0 ? `, ${declared} declared indirect interest${declared === 1 ? "" : "s"} kept` : ""}${resolved}`,
    );
    if (o.out === undefined)
      emit(
        `Query it with --dataset ${o.dataset}, e.g. orebook lookthrough --dataset ${o.dataset} --entity "${r.dataset.entities[0]?.name ?? "NAME"}"`,
      );
  });

  withStoreOptions(
    imp
      .command("csv")
      .description(
        "Import CSV files named after record kinds (entities.csv, stakes.csv, …), streaming; a register's entities.csv, stakes.csv (owner_id, owned_id, share) and production.csv (asset_id, commodity, tonnes) as they are",
      )
      .argument("<files...>", "CSV files, or a folder of them")
      .option(
        "--source <id>",
        "the source cited by tables without a sources column (default: one made for the import)",
      )
      .option("--as-of <date>", "the as-of date of tables without asOf (default today)")
      .option(
        "--period <period>",
        "the period of production without one (default the last full year)",
      )
      .option(
        "--basis <basis>",
        "the basis of production without one (actual, estimate, guidance, capacity)",
      )
      .option("--today <date>", "the date after which dates are in the future (default: today)"),
  ).action(
    async (
      files: string[],
      o: StoreOptions & {
        source?: string;
        asOf?: string;
        period?: string;
        basis?: string;
        today?: string;
      },
    ) => {
      const defaults = {
        ...(o.source === undefined ? {} : { source: o.source }),
        ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
        ...(o.period === undefined ? {} : { period: o.period }),
        ...(o.basis === undefined ? {} : { basis: basisFrom(o.basis) }),
      };
      const read = { defaults, ...(o.today === undefined ? {} : { today: o.today }) };
      const note = `CSV import of ${files.join(", ")}`;
      if (o.out !== undefined) {
        const notices: Issue[] = [];
        const ds = readRecordsCsv(files, { ...read, notices });
        for (const n of notices) process.stderr.write(`  ${issueToString(n)}\n`);
        emit(await writeImported(ds, o, note));
        return;
      }
      const ledger = await openLedger({
        ...(o.db === undefined ? {} : { db: o.db }),
        ...(o.databaseUrl === undefined ? {} : { databaseUrl: o.databaseUrl }),
      });
      try {
        const bar = progressBar("Importing");
        const r = await importCsv(ledger, o.dataset, files, {
          ...read,
          actor: o.actor,
          note,
          ...(bar ? { onBytes: bar } : {}),
        });
        for (const n of r.notices) process.stderr.write(`  ${issueToString(n)}\n`);
        const counts = Object.entries(r.written)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ");
        emit(
          `Dataset ${o.dataset} in ${ledger.location}: ${r.writtenTotal} records written${counts ? ` (${counts})` : ""}, ${r.unchanged} unchanged`,
        );
      } finally {
        await ledger.close();
      }
    },
  );

  withStoreOptions(
    imp
      .command("xlsx")
      .description("Import a workbook with one sheet per record kind (entities, stakes, …)")
      .argument("<file>", "the workbook"),
  ).action(async (file: string, o: StoreOptions) => {
    const ds = await readRecordsXlsx(file);
    emit(await writeImported(ds, o, `XLSX import of ${file}`));
  });
}
