/**
 * The BODS 0.4 JSON Schema (draft 2020-12, `schemas/bods-0.4`), compiled once with Ajv and
 * ajv-formats. `bodsSchemaIssues` checks one statement and returns every problem with its JSON
 * path inside the statement.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/** The folder of the schema files, from `src/io/bods` or `dist/io/bods` alike. */
export const BODS_SCHEMA_DIR = fileURLToPath(
  new URL("../../../schemas/bods-0.4/schema/", import.meta.url),
);

const FILES = [
  "components.json",
  "entity-record.json",
  "person-record.json",
  "relationship-record.json",
  "statement.json",
];

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // `codelist` and `openCodelist`, `propertyOrder` are BODS annotations, not vocabulary.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  // The schema names its parts `urn:statement`, `urn:components`…; Ajv's URI library wants a
  // namespace in a URN, so they are read as `urn:bods:statement`.
  for (const f of FILES) {
    const text = readFileSync(`${BODS_SCHEMA_DIR}${f}`, "utf8").replaceAll('"urn:', '"urn:bods:');
    ajv.addSchema(JSON.parse(text));
  }
  compiled = ajv.compile({ $ref: "urn:bods:statement#/$defs/Statement" });
  return compiled;
}

export interface SchemaProblem {
  /** Path inside the statement, e.g. ["recordDetails", "interests", 0, "share", "exact"]. */
  path: (string | number)[];
  message: string;
}

function pathOf(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `Missing required field ${String(p.missingProperty)}`;
    case "enum":
      return `Must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `Must be ${JSON.stringify(p.allowedValue)}`;
    case "type":
      return `Must be of type ${String(p.type)}`;
    default:
      return (e.message ?? e.keyword).replace(/^must/, "Must");
  }
}

/** Every schema problem of one statement; empty when it is valid BODS 0.4. */
export function bodsSchemaIssues(statement: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(statement)) return [];
  const errors = validate.errors ?? [];
  // if/then, anyOf and oneOf wrappers repeat what the inner errors say; keep the inner ones
  // unless a wrapper is all there is at that path.
  const wrappers = new Set(["if", "anyOf", "oneOf", "allOf"]);
  const inner = errors.filter((e) => !wrappers.has(e.keyword));
  const kept = (inner.length > 0 ? inner : errors).filter(
    (e) =>
      // In a oneOf/anyOf branch, "must be a string" is noise when the value is an object whose
      // own fields are reported.
      !(
        e.keyword === "type" &&
        /\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath) &&
        inner.some((o) => o.instancePath.startsWith(`${e.instancePath}/`))
      ),
  );
  const formats = new Map<string, string[]>();
  for (const e of kept)
    if (e.keyword === "format") {
      const list = formats.get(e.instancePath) ?? [];
      list.push(String((e.params as { format?: unknown }).format));
      formats.set(e.instancePath, list);
    }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const path = pathOf(e.instancePath);
    const fs = formats.get(e.instancePath);
    const message =
      e.keyword === "format" && fs ? `Must be a valid ${fs.join(" or ")}` : messageOf(e);
    const key = `${e.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
