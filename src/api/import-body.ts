/**
 * An import's request body written to files as it arrives (issue 24): the server never holds
 * the body, so a CSV import through the API is read from disk by the same streaming path as
 * `orebook import csv`. A body is either one kind's CSV table (written as `<kind>.csv`), one
 * file as it came (a BODS file), or a JSON object of record kind → CSV text, whose string
 * values are decoded as they come and each written to its kind's file. The body is counted as it is read and refused past
 * `maxBytes`; the folder is removed on every failure, and by the caller (`cleanup`) after use.
 *
 * @example
 * const body = await importBodyToFiles(c.req.raw, { json: true, maxBytes: 32 << 20 });
 * try { await importCsv(ledger, "world", body.files, opts) } finally { body.cleanup() }
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRecordKind, RECORD_KINDS, type RecordKind } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { httpError } from "./problem.js";

export interface ImportBody {
  /** The folder the tables were written to. */
  dir: string;
  /** One file per table, named after its kind. */
  files: string[];
  /** The body's size in bytes. */
  bytes: number;
  /** Removes the folder (safe to call more than once). */
  cleanup(): void;
}

export interface ImportBodyOptions {
  /** The body's only table, when it is CSV text. */
  kind?: RecordKind;
  /** The body as one file of this name, as it came (a BODS file), instead of a table. */
  file?: string;
  /** What an empty body should have held, for its refusal (default the table or tables). */
  expected?: string;
  /** The body is a JSON object of record kind → CSV text. */
  json?: boolean;
  maxBytes: number;
}

const tooLarge = (max: number) =>
  httpError(
    "PAYLOAD_TOO_LARGE",
    `The import is larger than ${max} bytes: split it into several imports`,
  );

const notJson = (why: string) =>
  httpError(
    "BAD_INPUT",
    `The request body is not valid JSON (${why}): send one JSON document with Content-Type application/json`,
  );

const notTables = (path: (string | number)[], message: string) =>
  new OrebookError("INVALID_DATA", "Expected an object of record kind → CSV text", {
    issues: [{ path, message }],
  });

/** Bytes written to a file a buffer at a time. */
class TableFile {
  private pending = "";
  private constructor(
    private readonly fh: FileHandle,
    readonly file: string,
  ) {}
  static async open(file: string): Promise<TableFile> {
    return new TableFile(await open(file, "wx"), file);
  }
  /** Bytes as they came (a CSV body, whose encoding the reader detects). */
  async bytes(b: Uint8Array): Promise<void> {
    await this.fh.write(b);
  }
  add(text: string): void {
    this.pending += text;
  }
  /** Writes what is pending (keeping a trailing high surrogate for its pair). */
  async flush(final = false): Promise<void> {
    let text = this.pending;
    const last = text.charCodeAt(text.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
    this.pending = this.pending.slice(text.length);
    if (text.length > 0) await this.fh.write(text);
  }
  async close(): Promise<void> {
    await this.flush(true);
    await this.fh.close();
  }
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Decodes `{"kind": "csv…", …}` a piece of text at a time, handing each value's text to its
 * table as it is decoded. Anything else is refused as the whole-body parser refused it.
 */
class TablesDecoder {
  private state:
    | "start"
    | "key-or-end"
    | "key"
    | "colon"
    | "value"
    | "string"
    | "comma-or-end"
    | "next-key"
    | "done" = "start";
  private key = "";
  private escape: string | undefined;
  private table: TableFile | undefined;
  readonly tables = new Map<RecordKind, TableFile>();

  constructor(private readonly dir: string) {}

  async push(text: string): Promise<void> {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.state === "string") {
        i = this.stringPart(text, i);
        if (this.table) await this.table.flush();
        if (this.state !== "string") {
          await this.table?.close();
          this.table = undefined;
        }
        continue;
      }
      const ch = text[i] as string;
      i++;
      if (this.state === "key") {
        if (ch === '"') {
          await this.keyDone();
          continue;
        }
        if (ch === "\\" || ch < " " || this.key.length >= 64)
          throw notTables([this.key], "Expected a record kind as the key");
        this.key += ch;
        continue;
      }
      if (WS.has(ch)) continue;
      switch (this.state) {
        case "start":
          if (ch !== "{") throw notTables([], "Expected an object of record kind → CSV text");
          this.state = "key-or-end";
          break;
        case "key-or-end":
        case "next-key":
          if (ch === '"') {
            this.key = "";
            this.state = "key";
          } else if (ch === "}" && this.state === "key-or-end") this.state = "done";
          else throw notJson(`${JSON.stringify(ch)} where a key was expected`);
          break;
        case "colon":
          if (ch !== ":") throw notJson(`${JSON.stringify(ch)} where a colon was expected`);
          this.state = "value";
          break;
        case "value":
          if (ch !== '"') throw notTables([this.key], "Expected CSV text (a JSON string)");
          this.state = "string";
          break;
        case "comma-or-end":
          if (ch === ",") this.state = "next-key";
          else if (ch === "}") this.state = "done";
          else throw notJson(`${JSON.stringify(ch)} where a comma or } was expected`);
          break;
        case "done":
          throw notJson("text after the object");
        default:
      }
    }
  }

  private async keyDone(): Promise<void> {
    const kind = this.key;
    if (!isRecordKind(kind))
      throw notTables([kind], `Unknown field: expected a record kind (${RECORD_KINDS.join(", ")})`);
    if (this.tables.has(kind)) throw notTables([kind], `The table ${kind} is given twice`);
    this.table = await TableFile.open(join(this.dir, `${kind}.csv`));
    this.tables.set(kind, this.table);
    this.state = "colon";
  }

  /** Decodes a string value from `i`; returns where it stopped (after its closing quote). */
  private stringPart(text: string, i: number): number {
    const t = this.table as TableFile;
    let from = i;
    const n = text.length;
    while (i < n) {
      if (this.escape !== undefined) {
        this.escape += text[i];
        i++;
        from = i;
        const e = this.escape;
        if (e[0] !== "u") {
          const c = ESCAPES[e];
          if (c === undefined) throw notJson(`bad escape \\${e}`);
          t.add(c);
          this.escape = undefined;
        } else if (e.length === 5) {
          if (!/^u[0-9a-fA-F]{4}$/.test(e)) throw notJson(`bad escape \\${e}`);
          t.add(String.fromCharCode(Number.parseInt(e.slice(1), 16)));
          this.escape = undefined;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) {
        t.add(text.slice(from, i));
        i++;
        from = i;
        if (c === 0x22) {
          this.state = "comma-or-end";
          return i;
        }
        this.escape = "";
        continue;
      }
      if (c < 0x20) throw notJson("a control character inside a string");
      i++;
    }
    t.add(text.slice(from, i));
    return i;
  }

  finish(): void {
    if (this.state !== "done")
      throw notJson(this.state === "start" ? "it is empty" : "it ends before the object does");
  }

  async close(): Promise<void> {
    for (const t of this.tables.values()) await t.close().catch(() => {});
  }
}

/** Writes the body of `req` to files (see the module comment); refuses it past `maxBytes`. */
export async function importBodyToFiles(
  req: Request,
  opts: ImportBodyOptions,
): Promise<ImportBody> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > opts.maxBytes) throw tooLarge(opts.maxBytes);
  const dir = mkdtempSync(join(tmpdir(), "orebook-import-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let blank = true;
  const decoder = opts.json ? new TablesDecoder(dir) : undefined;
  let single: TableFile | undefined;
  try {
    const name = opts.file ?? `${opts.kind}.csv`;
    if (!decoder) single = await TableFile.open(join(dir, name));
    const text = new TextDecoder("utf-8", { fatal: false });
    const reader = req.body?.getReader();
    for (;;) {
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (chunk.done) break;
      bytes += chunk.value.byteLength;
      if (bytes > opts.maxBytes) {
        await reader?.cancel().catch(() => {});
        throw tooLarge(opts.maxBytes);
      }
      if (blank && /\S/.test(Buffer.from(chunk.value).toString("latin1"))) blank = false;
      if (decoder) await decoder.push(text.decode(chunk.value, { stream: true }));
      // The bytes as they came: the reader detects and declares the file's encoding.
      else await single?.bytes(chunk.value);
    }
    if (blank)
      throw httpError(
        "BAD_INPUT",
        `The body is empty: send the ${opts.expected ?? (opts.json ? "tables (record kind → CSV text)" : "CSV table")}`,
      );
    if (decoder) {
      await decoder.push(text.decode());
      decoder.finish();
      await decoder.close();
      if (decoder.tables.size === 0)
        throw notTables([], "Expected at least one table (record kind → CSV text)");
    } else await single?.close();
    const files = decoder ? [...decoder.tables.keys()].map((k) => `${k}.csv`) : [name];
    return { dir, files: files.map((f) => join(dir, f)), bytes, cleanup };
  } catch (e) {
    await decoder?.close();
    await single?.close().catch(() => {});
    cleanup();
    throw e;
  }
}

/** A file's text already in memory (a job's parameters) written to a file, as a body would be. */
export function textToFile(name: string, text: string): ImportBody {
  const dir = mkdtempSync(join(tmpdir(), "orebook-import-"));
  const file = join(dir, name);
  try {
    writeFileSync(file, text);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    files: [file],
    bytes: Buffer.byteLength(text),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Tables already in memory (a job's parameters) written to files, as a body would be. */
export function tablesToFiles(tables: Partial<Record<RecordKind, string>>): ImportBody {
  const dir = mkdtempSync(join(tmpdir(), "orebook-import-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    let bytes = 0;
    const files: string[] = [];
    for (const [kind, text] of Object.entries(tables)) {
      if (text === undefined || !isRecordKind(kind)) continue;
      const file = join(dir, `${kind}.csv`);
      writeFileSync(file, text);
      bytes += Buffer.byteLength(text);
      files.push(file);
    }
    if (files.length === 0)
      throw notTables(["tables"], "Expected at least one table (record kind → CSV text)");
    return { dir, files, bytes, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
