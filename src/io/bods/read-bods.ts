/**
 * Reads a BODS 0.4 file (a JSON array of statements or JSON Lines) in one streaming pass:
 * each statement is checked against the JSON Schema and the semantic checks (`BodsChecker`),
 * and kept for import only as far as the import needs it. Every problem is returned at once,
 * each with the statement id, its line in the file and the JSON path inside the statement.
 *
 * @example
 * const { issues } = await validateBodsFile("register.json");
 * const result = await importBodsFile("register.json", { skipInvalid: true });
 */
import { basename } from "node:path";
import { datasetIssues } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import type { BodsStatement } from "./_bods-types.js";
import { bodsSchemaIssues } from "./bods-schema.js";
import { BodsChecker } from "./check-bods.js";
import { type BodsImport, BodsImporter } from "./dataset-from-bods.js";
import { readJsonStream } from "./read-json-stream.js";

export interface ReadBodsOptions {
  /** Today, for the "date in the future" check (default: the clock's date, UTC). */
  today?: string;
  /** Called as the file is read. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file name shown in issues (default: the file's base name). */
  displayName?: string;
}

export interface BodsValidation {
  statements: number;
  issues: Issue[];
  /** Statements with at least one problem. */
  invalidStatements: Set<string>;
}

async function pass(
  file: string,
  opts: ReadBodsOptions,
  importer: BodsImporter | undefined,
): Promise<BodsValidation> {
  const shown = opts.displayName ?? basename(file);
  const checker = new BodsChecker({
    file: shown,
    ...(opts.today === undefined ? {} : { today: opts.today }),
  });
  const issues: Issue[] = [];
  const invalid = new Set<string>();
  let statements = 0;
  for await (const item of readJsonStream(file, {
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  })) {
    statements++;
    if ("error" in item) {
      issues.push({
        file: shown,
        line: item.line,
        column: item.column,
        record: `statement #${item.index + 1}`,
        path: [],
        message: item.error,
      });
      continue;
    }
    const v = item.value as Partial<BodsStatement> | null;
    const sid = typeof v?.statementId === "string" ? v.statementId : `#${item.index + 1}`;
    const problems = bodsSchemaIssues(v);
    for (const p of problems)
      issues.push({
        file: shown,
        line: item.line,
        record: `statement ${sid}`,
        path: p.path,
        message: p.message,
      });
    if (problems.length > 0) invalid.add(sid);
    checker.add(v, { line: item.line });
    if (problems.length === 0) importer?.add(v as BodsStatement);
  }
  for (const i of checker.finish()) {
    issues.push(i);
    if (i.record?.startsWith("statement ")) invalid.add(i.record.slice("statement ".length));
  }
  // In file order, whichever check found them.
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { statements, issues, invalidStatements: invalid };
}

/** Every problem of a BODS file: JSON syntax, JSON Schema and the semantic checks. */
export async function validateBodsFile(
  file: string,
  opts: ReadBodsOptions = {},
): Promise<BodsValidation> {
  return pass(file, opts, undefined);
}

export interface ImportBodsOptions extends ReadBodsOptions {
  /** Import the valid statements of a file that has problems (default: refuse the file). */
  skipInvalid?: boolean;
}

export interface BodsFileImport extends BodsImport {
  /** The file's problems (empty unless `skipInvalid`: the statements they name were left out). */
  issues: Issue[];
}

/**
 * Reads and imports a BODS file. A file with problems is refused with `INVALID_DATA` listing
 * every one, unless `skipInvalid`: then the statements with problems are left out. The
 * resulting records are checked as a dataset too (e.g. shares in one entity above 100%).
 */
export async function importBodsFile(
  file: string,
  opts: ImportBodsOptions = {},
): Promise<BodsFileImport> {
  const importer = new BodsImporter();
  const v = await pass(file, opts, importer);
  const shown = opts.displayName ?? basename(file);
  if (v.issues.length > 0 && !opts.skipInvalid)
    throw new OrebookError(
      "INVALID_DATA",
      `${shown} has ${v.issues.length} problem${v.issues.length === 1 ? "" : "s"}: nothing was imported (use --skip-invalid to import the valid statements)`,
      { issues: v.issues },
    );
  const result = importer.finish(v.invalidStatements);
  const modelIssues = datasetIssues(result.dataset);
  if (modelIssues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${shown} imports to records with ${modelIssues.length} problem${modelIssues.length === 1 ? "" : "s"}: nothing was imported`,
      { issues: modelIssues.slice(0) },
    );
  return { ...result, issues: v.issues };
}
