/**
 * The columns of a record kind's table, read from its Zod schema: nested objects are flattened
 * (`location.lat`), lists of plain values are one `;`-separated cell, lists of objects are a
 * JSON cell. `cellsFrom` and `recordFrom` turn a record into cells and back.
 *
 * @example
 * columnsFor("stakes").map((c) => c.name) // ["id", "owner", "owned", "share", …]
 */
import type { z } from "zod";
import { RECORD_SCHEMAS, type RecordKind } from "../../model/dataset.js";

export type CellKind = "string" | "number" | "boolean" | "list" | "json";

export interface Column {
  /** Dotted path: `location.lat`. */
  name: string;
  path: string[];
  kind: CellKind;
  /** List items are numbers (`split` then `Number`). */
  numberList?: boolean;
  required: boolean;
  nullable: boolean;
  /** For a nested column: its top-level object may be null. */
  parentNullable?: boolean;
  /** Allowed values, for enums. */
  values?: string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  shape?: Record<string, z.ZodType>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

function unwrap(s: z.ZodType): { s: z.ZodType; optional: boolean; nullable: boolean } {
  let optional = false;
  let nullable = false;
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.type === "optional" || d.type === "default") {
      optional = true;
      cur = d.innerType as z.ZodType;
    } else if (d.type === "nullable") {
      nullable = true;
      cur = d.innerType as z.ZodType;
    } else if (d.type === "pipe") cur = d.in as z.ZodType;
    else return { s: cur, optional, nullable };
  }
}

function shapeOf(s: z.ZodType): Record<string, z.ZodType> {
  return (s as unknown as { shape: Record<string, z.ZodType> }).shape;
}

function columnsOf(s: z.ZodType, prefix: string[], required: boolean): Column[] {
  const out: Column[] = [];
  for (const [key, field] of Object.entries(shapeOf(s))) {
    const u = unwrap(field);
    const d = defOf(u.s);
    const path = [...prefix, key];
    const base = {
      name: path.join("."),
      path,
      required: required && !u.optional,
      nullable: u.nullable,
    };
    if (d.type === "object")
      out.push(
        ...columnsOf(u.s, path, base.required && !u.nullable).map((c) =>
          prefix.length === 0 ? { ...c, parentNullable: u.nullable } : c,
        ),
      );
    else if (d.type === "array") {
      const el = defOf(unwrap(d.element as z.ZodType).s);
      if (!["string", "number", "enum"].includes(el.type)) out.push({ ...base, kind: "json" });
      else
        out.push({ ...base, kind: "list", ...(el.type === "number" ? { numberList: true } : {}) });
    } else if (d.type === "number") out.push({ ...base, kind: "number" });
    else if (d.type === "boolean") out.push({ ...base, kind: "boolean" });
    else if (d.type === "enum")
      out.push({ ...base, kind: "string", values: Object.values(d.entries ?? {}) });
    else if (d.type === "string") out.push({ ...base, kind: "string" });
    else out.push({ ...base, kind: "json" });
  }
  return out;
}

const cache = new Map<RecordKind, Column[]>();

/** The columns of a record kind, in schema order. */
export function columnsFor(kind: RecordKind): Column[] {
  let cols = cache.get(kind);
  if (!cols) {
    cols = columnsOf(RECORD_SCHEMAS[kind] as unknown as z.ZodType, [], true);
    cache.set(kind, cols);
  }
  return cols;
}

/** A record's cells, by column. */
export function cellsFrom(kind: RecordKind, record: object): (string | number | boolean | null)[] {
  return columnsFor(kind).map((c) => {
    let v: unknown = record;
    for (const p of c.path)
      v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[p];
    if (v === undefined || v === null) return null;
    if (c.kind === "list") {
      const items = (v as unknown[]).map(String);
      // An item holding ";" (or a cell that would look like JSON) is written as a JSON array.
      return items.some((x) => x.includes(";")) || items[0]?.startsWith("[")
        ? JSON.stringify(v)
        : items.join(";");
    }
    if (c.kind === "json") return JSON.stringify(v);
    return v as string | number | boolean;
  });
}

export interface CellProblem {
  column: number;
  message: string;
}

/**
 * A raw record from one row of cells (by column index of `header`), before its schema checks
 * it. Empty cells are absent; a parent object with every cell empty is absent (or null when
 * nullable); numbers, booleans, lists and JSON are parsed, with a problem per bad cell.
 */
export function recordFrom(
  kind: RecordKind,
  header: readonly string[],
  cells: readonly (string | number | boolean | null | undefined)[],
): { record: Record<string, unknown>; problems: CellProblem[] } {
  return recordReaderFor(kind, header)(cells);
}

/** `recordFrom` for one header, its columns looked up once: for reading many rows. */
export function recordReaderFor(
  kind: RecordKind,
  header: readonly string[],
): (cells: readonly (string | number | boolean | null | undefined)[]) => {
  record: Record<string, unknown>;
  problems: CellProblem[];
} {
  const byName = new Map(columnsFor(kind).map((c) => [c.name, c]));
  const cols = header.map((name) => byName.get(name));
  /** Top-level parents of nested columns, with the column that says whether it is nullable. */
  const parentCols = new Map<string, Column>();
  for (const col of cols)
    if (col && col.path.length > 1) {
      const parent = col.path.slice(0, -1).join(".");
      if (!parentCols.has(parent)) {
        const first = [...byName.values()].find((c) => c.path[0] === parent);
        if (first) parentCols.set(parent, first);
      }
    }
  return (cells) => {
    const record: Record<string, unknown> = {};
    const problems: CellProblem[] = [];
    let filledParents: Set<string> | undefined;
    for (let i = 0; i < header.length; i++) {
      const col = cols[i];
      const raw = cells[i];
      const empty =
        raw === undefined ||
        raw === null ||
        (typeof raw === "string" ? raw.trim() === "" : String(raw).trim() === "");
      if (!col) {
        if (!empty)
          problems.push({ column: i, message: `Unknown column ${header[i]} for ${kind}` });
        continue;
      }
      if (empty) {
        // An empty cell is null where the field may be null, and an empty list where one is
        // required.
        if (col.path.length === 1 && col.nullable && col.required) record[col.name] = null;
        else if (col.path.length === 1 && col.kind === "list" && col.required)
          record[col.name] = [];
        continue;
      }
      let v: unknown = typeof raw === "string" ? raw.trim() : raw;
      const text = String(v);
      if (col.kind === "number") {
        const n = typeof v === "number" ? v : Number(text);
        if (!Number.isFinite(n)) {
          problems.push({ column: i, message: `Expected a number, found "${text}"` });
          continue;
        }
        v = n;
      } else if (col.kind === "boolean") {
        if (!/^(true|false)$/i.test(text)) {
          problems.push({ column: i, message: `Expected true or false, found "${text}"` });
          continue;
        }
        v = text.toLowerCase() === "true";
      } else if (col.kind === "list" && text.startsWith("[")) {
        try {
          v = JSON.parse(text);
        } catch {
          problems.push({
            column: i,
            message: `Expected a JSON list, found "${text.slice(0, 40)}"`,
          });
          continue;
        }
      } else if (col.kind === "list") {
        const items = text
          .split(";")
          .map((x) => x.trim())
          .filter((x) => x !== "");
        v = col.numberList ? items.map(Number) : items;
      } else if (col.kind === "json") {
        try {
          v = JSON.parse(text);
        } catch {
          problems.push({ column: i, message: `Expected JSON, found "${text.slice(0, 40)}"` });
          continue;
        }
      } else v = text;
      if (col.path.length === 1) {
        record[col.name] = v;
        continue;
      }
      let target = record;
      const last = col.path.length - 1;
      for (let p = 0; p < last; p++) {
        const key = col.path[p] as string;
        if (target[key] === undefined) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      filledParents ??= new Set();
      filledParents.add(col.path.slice(0, -1).join("."));
      target[col.path[last] as string] = v;
    }
    for (const [parent, first] of parentCols) {
      if (filledParents?.has(parent) || parent.includes(".")) continue;
      if (first.parentNullable) record[parent] = null;
    }
    return { record, problems };
  };
}
