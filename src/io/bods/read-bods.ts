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
import type { Dataset } from "../../model/dataset.js";
import { datasetIssues } from "../../model/dataset.js";
import { type Issue, isError, OrebookError } from "../../model/errors.js";
import type { BodsStatement } from "./_bods-types.js";
import { bodsSchemaIssues } from "./bods-schema.js";
import { BodsChecker, type ExternalReference } from "./check-bods.js";
import { type BodsImport, BodsImporter, modelIdFor } from "./dataset-from-bods.js";
import { readJsonStream } from "./read-json-stream.js";

export interface ReadBodsOptions {
  /** Today, for the "date in the future" check (default: the clock's date, UTC). */
  today?: string;
  /** Called as the file is read. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file name shown in issues (default: the file's base name). */
  displayName?: string;
  /**
   * A closed, self-contained file: references to records it does not hold and series that
   * continue an earlier publication are errors instead of information.
   */
  strict?: boolean;
  /** Known entity identifier schemes (org-id.guide prefixes); see `BodsChecker`. */
  knownSchemes?: ReadonlySet<string>;
}

export interface BodsValidation {
  statements: number;
  /** Every finding, errors, warnings and information, in file order. */
  issues: Issue[];
  /** The findings that are errors. */
  errors: number;
  /** Statements with at least one error. */
  invalidStatements: Set<string>;
  /** Records the file names but does not hold, and series it continues (a delta). */
  external: ExternalReference[];
}

const NOT_ARRAY =
  "BODS 0.4 data is an array of statements ([{…}, {…}]) or JSON Lines (one statement per line)";

async function pass(
  file: string,
  opts: ReadBodsOptions,
  importer: BodsImporter | undefined,
): Promise<BodsValidation> {
  const shown = opts.displayName ?? basename(file);
  const checker = new BodsChecker({
    file: shown,
    ...(opts.today === undefined ? {} : { today: opts.today }),
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.knownSchemes ? { knownSchemes: opts.knownSchemes } : {}),
  });
  const issues: Issue[] = [];
  const invalid = new Set<string>();
  let statements = 0;
  let loneObject: { line: number; sid: string } | undefined;
  let shapeReported = false;
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
    if (item.form === "lines" && !shapeReported) {
      // JSON Lines hold one statement per line; an object over several lines, or a `.json`
      // file holding one object, is a statement where an array of them belongs.
      if (item.endLine !== item.line) {
        shapeReported = true;
        issues.push(notArray(shown, item.line, sid, item.index === 0));
        invalid.add(sid);
      } else if (item.index === 0) loneObject = { line: item.line, sid };
      else loneObject = undefined;
    }
    const problems = bodsSchemaIssues(v);
    for (const p of problems)
      issues.push({
        file: shown,
        line: item.line,
        record: `statement ${sid}`,
        path: p.path,
        message: p.message,
        check: "schema",
      });
    if (problems.length > 0) invalid.add(sid);
    checker.add(v, { line: item.line });
    if (problems.length === 0) importer?.add(v as BodsStatement, item.line);
  }
  if (statements === 0)
    issues.push({
      file: shown,
      line: 1,
      path: [],
      message: `The file holds no statements: ${NOT_ARRAY}`,
      check: "no_statements",
    });
  if (loneObject && statements === 1 && /\.json$/i.test(file) && !shapeReported) {
    issues.push(notArray(shown, loneObject.line, loneObject.sid, true));
    invalid.add(loneObject.sid);
  }
  for (const i of checker.finish()) {
    issues.push(i);
    if (isError(i) && i.record?.startsWith("statement "))
      invalid.add(i.record.slice("statement ".length));
  }
  // In file order, whichever check found them (the sort is stable).
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    statements,
    issues,
    errors: issues.filter(isError).length,
    invalidStatements: invalid,
    external: checker.externalReferences(),
  };
}

function notArray(file: string, line: number, sid: string, single: boolean): Issue {
  return {
    file,
    line,
    record: `statement ${sid}`,
    path: [],
    message: `${single ? "The file holds a single statement object, not an array of statements" : "A statement spans several lines outside an array"}: ${NOT_ARRAY} [statements_not_array]`,
    check: "statements_not_array",
  };
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
  /**
   * The records already in the target dataset, read only when the file is a delta: it names
   * records it does not hold or continues series published earlier. They resolve against these
   * records; what neither holds makes the import fail, listing every missing record.
   */
  existing?: () => Promise<Partial<Dataset> | undefined>;
  /** What `existing` is, for messages (e.g. "dataset imported"). */
  target?: string;
}

export interface BodsFileImport extends BodsImport {
  /** The file's findings: warnings and information, and the errors when `skipInvalid`. */
  issues: Issue[];
  /** Records the file named but did not hold, found in the target dataset. */
  resolved: ExternalReference[];
}

/** The model ids a record of the store may have for a BODS record id (see `modelIdFor`). */
function heldIn(existing: Partial<Dataset> | undefined, recordId: string): boolean {
  if (!existing) return false;
  const id = modelIdFor(recordId);
  if (existing.entities?.some((e) => e.id === id)) return true;
  if (existing.assets?.some((a) => a.id === id)) return true;
  return (
    existing.stakes?.some((s) => s.id === id || (s.id as string).startsWith(`${id}:`)) ?? false
  );
}

const AS_TEXT: Record<ExternalReference["as"], string> = {
  subject: "the subject",
  interestedParty: "the interested party",
  component: "a component",
  declarationSubject: "the declaration subject",
  series: "a series continued",
};

/**
 * Reads and imports a BODS file. A file with errors is refused with `INVALID_DATA` listing
 * every one, unless `skipInvalid`: then the statements with errors are left out. A delta (a
 * file naming records it does not hold, or continuing series) is resolved against `existing`;
 * when a record is in neither, nothing is imported and every missing record is listed. The
 * resulting records are checked as a dataset too (e.g. shares in one entity above 100%).
 */
export async function importBodsFile(
  file: string,
  opts: ImportBodsOptions = {},
): Promise<BodsFileImport> {
  const importer = new BodsImporter();
  const v = await pass(file, opts, importer);
  const shown = opts.displayName ?? basename(file);
  if (v.statements === 0)
    throw new OrebookError("INVALID_DATA", `${shown} holds no statements: nothing to import`, {
      issues: v.issues.filter(isError),
    });
  if (v.errors > 0 && !opts.skipInvalid)
    throw new OrebookError(
      "INVALID_DATA",
      `${shown} has ${v.errors} problem${v.errors === 1 ? "" : "s"}: nothing was imported (use --skip-invalid to import the valid statements)`,
      { issues: v.issues.filter(isError) },
    );
  // The declaration subject is not imported: a record published elsewhere is not needed there.
  const needed = v.external.filter(
    (r) => r.as !== "declarationSubject" && !v.invalidStatements.has(r.statementId),
  );
  let existing: Partial<Dataset> | undefined;
  if (needed.length > 0 && opts.existing) existing = await opts.existing();
  const missing = needed.filter((r) => !heldIn(existing, r.recordId));
  // With skipInvalid, what refers to a missing record is left out like an invalid statement.
  if (missing.length > 0 && !opts.skipInvalid) {
    const ids = [...new Set(missing.map((r) => r.recordId))];
    const target = opts.target ?? "the store";
    throw new OrebookError(
      "INVALID_DATA",
      `${shown} is a delta: it refers to ${ids.length} record${ids.length === 1 ? "" : "s"} that neither it nor ${target} holds (${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}): nothing was imported. Import the earlier publication first`,
      {
        issues: missing.map((r) => ({
          file: shown,
          ...(r.line === undefined ? {} : { line: r.line }),
          record: `statement ${r.statementId}`,
          path: [],
          message: `Record ${r.recordId} (${AS_TEXT[r.as]}) is neither in the file nor in ${target}`,
        })),
        details: { missing: ids },
      },
    );
  }
  const result = importer.finish(v.invalidStatements, existing);
  // Problems of the records made (shares adding up to more than 100%) are placed at the
  // statement each record came from.
  const modelIssues = datasetIssues(withExisting(result.dataset, existing)).map((i): Issue => {
    const from = i.record === undefined ? undefined : result.origins.get(i.record);
    return from
      ? {
          ...i,
          file: shown,
          ...(from.line === undefined ? {} : { line: from.line }),
          record: `statement ${from.statementId} (${i.record})`,
        }
      : i;
  });
  if (modelIssues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `${shown} imports to records with ${modelIssues.length} problem${modelIssues.length === 1 ? "" : "s"}: nothing was imported`,
      { issues: modelIssues.slice(0) },
    );
  return { ...result, issues: v.issues, resolved: existing ? needed : [] };
}

/**
 * The imported records over the existing ones (by kind and id), for the dataset checks: a
 * delta's stakes name entities of the store.
 */
function withExisting(ds: Dataset, existing: Partial<Dataset> | undefined): Dataset {
  if (!existing) return ds;
  const out = { ...ds } as Record<string, unknown[]>;
  for (const [k, list] of Object.entries(existing) as [string, { id: string }[]][]) {
    const mine = (ds as unknown as Record<string, { id: string }[]>)[k] ?? [];
    const ids = new Set(mine.map((r) => r.id));
    out[k] = [...list.filter((r) => !ids.has(r.id)), ...mine];
  }
  return out as unknown as Dataset;
}
