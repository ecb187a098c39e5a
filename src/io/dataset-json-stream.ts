/**
 * A dataset as JSON (`{"entities": [{…}, …], "stakes": […], …}`: the body of POST /api/import,
 * what GET /api/export?format=json gives) read from its file as a stream of records for
 * `Ledger.load`, in bounded memory: one record's text at a time, never the file.
 *
 * A first pass reads the object's shape: each key must be a record kind given once, each value
 * an array, the brackets balanced; it notes where each kind's array lies in the file. Then each
 * kind, when the store asks for it (in `RECORD_KINDS` order, whatever the file's order), reads
 * its array a chunk at a time and yields each element as `JSON.parse` makes it; the store checks
 * each record with its schema and names it (kind, id, field). Text that is not JSON is refused
 * with its line and column (`BAD_INPUT`); a key that is no record kind or a value that is no
 * array with its key (`INVALID_DATA`), as the API's body check names them.
 *
 * @example
 * const json = streamDatasetJson("body.json", { name: "body" });
 * await ledger.load("world", json.dataset, { actor });
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { type Dataset, isRecordKind, type RecordKind } from "../model/dataset.js";
import { type Issue, OrebookError } from "../model/errors.js";

export interface DatasetJsonOptions {
  /** What problems call the file (default its path). */
  name?: string;
  /** Bytes read so far of the bytes the import reads (the file is read twice). */
  onBytes?: (done: number, total: number) => void;
  /** Bytes read at a time (default 1 MiB). */
  chunkSize?: number;
}

export interface DatasetJsonStream {
  /** Each kind the file gives, an iterable reading its array from the file when iterated. */
  dataset: Partial<Dataset>;
  /** The kinds the file gives, in its order. */
  kinds: RecordKind[];
}

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LF = 0x0a;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Where a kind's array lies: the offsets of its brackets, and the line it starts on. */
interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** Reads `file` a chunk at a time, calling `each(chunk, offset)` until it returns false. */
function chunks(
  fd: number,
  from: number,
  to: number,
  size: number,
  each: (chunk: Buffer, offset: number) => boolean | undefined,
): void {
  const buf = Buffer.alloc(size);
  let at = from;
  while (at < to) {
    const n = readSync(fd, buf, 0, Math.min(size, to - at), at);
    if (n <= 0) break;
    if (each(buf.subarray(0, n), at) === false) return;
    at += n;
  }
}

const printable = (b: number) =>
  b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16)}`;

/** Opens a dataset file for `Ledger.load` (see the module comment); reads its shape now. */
export function streamDatasetJson(file: string, opts: DatasetJsonOptions = {}): DatasetJsonStream {
  const name = opts.name ?? file;
  const size = opts.chunkSize ?? 1 << 20;
  const fd = openSync(file, "r");
  let total: number;
  let spans: Map<RecordKind, Span>;
  try {
    total = fstatSync(fd).size;
    spans = shapeOf(fd, total, size, name);
  } finally {
    closeSync(fd);
  }
  // Both passes count: the shape's, then each array's.
  const all = total + [...spans.values()].reduce((n, s) => n + s.end - s.start, 0);
  let done = total;
  opts.onBytes?.(done, all);
  const dataset: Partial<Record<RecordKind, Iterable<unknown>>> = {};
  for (const [kind, span] of spans)
    dataset[kind] = {
      [Symbol.iterator]: () =>
        elementsOf(file, kind, span, size, name, (n) => {
          done += n;
          opts.onBytes?.(done, all);
        }),
    };
  return { dataset: dataset as Partial<Dataset>, kinds: [...spans.keys()] };
}

/** The problem of text that is not JSON, at a line and column of the file. */
function notJson(name: string, line: number, column: number, what: string): OrebookError {
  return new OrebookError(
    "BAD_INPUT",
    `Not valid JSON in ${name} at line ${line}, column ${column}: ${what} (send one JSON document: an object of record kind → list of records)`,
    { issues: [{ file: name, line, column, path: [], message: what }] },
  );
}

/** The problems of a body whose shape is not a dataset's, as the API's body check words them. */
function notDataset(issues: Issue[]): OrebookError {
  const first = issues[0] as Issue;
  const n = issues.length;
  return new OrebookError(
    "INVALID_DATA",
    `${n} problem${n === 1 ? "" : "s"} in the body, the first: ${first.path.join(".") || "(root)"}: ${first.message}`,
    { issues },
  );
}

/**
 * The first pass: the object's keys and where each value lies. Values of keys that are no
 * record kind, and values that are no array, are skipped over (each is a problem, all listed).
 */
function shapeOf(fd: number, total: number, size: number, name: string): Map<RecordKind, Span> {
  type State =
    | "start"
    | "key-or-end"
    | "next-key"
    | "key"
    | "colon"
    | "value"
    | "comma-or-end"
    | "done";
  let state: State = "start";
  // Inside a value being skipped or spanned: its depth, and whether in one of its strings.
  let depth = 0;
  let inString = false;
  let escaped = false;
  // A value that is a bare word or number, read until a comma or a brace.
  let bare = false;
  let key: number[] = [];
  let keyEscaped = false;
  let line = 1;
  let lineStart = 0;
  let current: { kind: RecordKind | undefined; span: Span | undefined } | undefined;
  const spans = new Map<RecordKind, Span>();
  const issues: Issue[] = [];

  const endValue = (end: number) => {
    if (current?.span) {
      current.span.end = end;
      spans.set(current.kind as RecordKind, current.span);
    }
    current = undefined;
    state = "comma-or-end";
  };

  chunks(fd, 0, total, size, (chunk, offset) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === LF) {
        line++;
        lineStart = offset + i + 1;
      }
      const column = offset + i - lineStart + 1;
      if (state === "key") {
        if (keyEscaped) keyEscaped = false;
        else if (b === BACKSLASH) keyEscaped = true;
        else if (b === QUOTE) {
          const k = Buffer.from(key).toString("utf8");
          if (!isRecordKind(k)) {
            issues.push({
              path: [k],
              message: `Unknown field ${k}: remove it (see the schema in /openapi.json)`,
            });
            current = { kind: undefined, span: undefined };
          } else if (spans.has(k)) {
            throw notDataset([{ path: [k], message: `The records of ${k} are given twice` }]);
          } else current = { kind: k, span: undefined };
          state = "colon";
          continue;
        } else if (b < 0x20) throw notJson(name, line, column, "a control character in a key");
        if (key.length < 200) key.push(b);
        continue;
      }
      if (state === "value" && depth > 0) {
        // Inside an object or array: only strings and brackets matter until it closes.
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          else if (b < 0x20) throw notJson(name, line, column, "a control character in a string");
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) {
          depth--;
          if (depth === 0) endValue(offset + i);
        }
        continue;
      }
      if (state === "value" && inString) {
        // A string value (not a list): skipped.
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          endValue(offset + i);
        } else if (b < 0x20) throw notJson(name, line, column, "a control character in a string");
        continue;
      }
      if (state === "value" && bare) {
        if (b !== COMMA && b !== RBRACE && !isSpace(b)) continue;
        bare = false;
        endValue(offset + i);
        // The comma or brace is read again as what follows the value.
      }
      if (isSpace(b)) continue;
      switch (state) {
        case "start":
          if (b !== LBRACE)
            throw b === LBRACKET || b === QUOTE || /[-0-9tfn]/.test(String.fromCharCode(b))
              ? notDataset([
                  {
                    path: [],
                    message: "Expected an object of record kind → list of records",
                  },
                ])
              : notJson(name, line, column, `${printable(b)} where a JSON value was expected`);
          state = "key-or-end";
          break;
        case "key-or-end":
        case "next-key":
          if (b === RBRACE && state === "key-or-end") state = "done";
          else if (b === QUOTE) {
            key = [];
            state = "key";
          } else throw notJson(name, line, column, `${printable(b)} where a key was expected`);
          break;
        case "colon":
          if (b !== COLON)
            throw notJson(name, line, column, `${printable(b)} where a colon was expected`);
          state = "value";
          break;
        case "value": {
          const kind = current?.kind;
          if (b === LBRACKET && kind !== undefined && current)
            current.span = { start: offset + i, end: -1, line, column };
          else if (kind !== undefined)
            issues.push({
              path: [kind],
              message: `Expected a list (a JSON array) of ${kind} records`,
            });
          if (b === LBRACE || b === LBRACKET) depth = 1;
          else if (b === QUOTE) inString = true;
          else if (b === COMMA || b === RBRACE)
            throw notJson(name, line, column, `${printable(b)} where a value was expected`);
          else bare = true;
          break;
        }
        case "comma-or-end":
          if (b === COMMA) state = "next-key";
          else if (b === RBRACE) state = "done";
          else throw notJson(name, line, column, `${printable(b)} where a comma or } was expected`);
          break;
        case "done":
          throw notJson(name, line, column, `${printable(b)} after the end of the object`);
      }
    }
    return undefined;
  });
  // The callback moved the state on: read it as the type it is, not as its first value.
  if ((state as State) === "value" && bare) endValue(total);
  const column = total - lineStart + 1;
  if ((state as State) === "start") throw notJson(name, line, column, "the text is empty");
  if ((state as State) !== "done")
    throw notJson(name, line, column, "the text ends before the object does");
  if (issues.length > 0) throw notDataset(issues);
  return spans;
}

/**
 * The second pass over one kind's array: each element's text, parsed, one at a time. Commas
 * separate elements at the array's own depth; a missing or extra comma is not JSON.
 */
function* elementsOf(
  file: string,
  kind: RecordKind,
  span: Span,
  size: number,
  name: string,
  read: (bytes: number) => void,
): Generator<unknown> {
  const fd = openSync(file, "r");
  try {
    let depth = 0;
    let inString = false;
    let escaped = false;
    let line = span.line;
    let lineStart = span.start - (span.column - 1);
    let pieces: Buffer[] = [];
    // Where the element being read started (its first byte that is not white space).
    let startLine = 0;
    let startColumn = 0;
    let started = false;
    let index = 0;
    const out: unknown[] = [];
    const element = (endLine: number, endColumn: number) => {
      if (!started)
        throw notJson(
          name,
          endLine,
          endColumn,
          `an empty element in the list of ${kind} (two commas, or a comma before ])`,
        );
      const text = Buffer.concat(pieces).toString("utf8");
      pieces = [];
      started = false;
      try {
        out.push(JSON.parse(text));
      } catch (e) {
        throw notJson(
          name,
          startLine,
          startColumn,
          `${kind}[${index}] (${e instanceof Error ? e.message : String(e)})`,
        );
      }
      index++;
    };
    let from = 0;
    const readSpan = (chunk: Buffer, offset: number) => {
      from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (b === LF) {
          line++;
          lineStart = offset + i + 1;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          continue;
        }
        if (depth === 0) {
          if (b === COMMA) {
            pieces.push(chunk.subarray(from, i));
            element(line, offset + i - lineStart + 1);
            from = i + 1;
            continue;
          }
          if (!started && !isSpace(b)) {
            started = true;
            startLine = line;
            startColumn = offset + i - lineStart + 1;
            from = i;
          }
        }
        if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) depth--;
      }
      // Pieces are kept past this chunk: the buffer is read into again.
      if (started) pieces.push(Buffer.from(chunk.subarray(from)));
      else pieces = [];
    };
    // The array's inside, between its brackets.
    let at = span.start + 1;
    const buf = Buffer.alloc(size);
    while (at < span.end) {
      const n = readSync(fd, buf, 0, Math.min(size, span.end - at), at);
      if (n <= 0) break;
      readSpan(buf.subarray(0, n), at);
      at += n;
      read(n);
      yield* out;
      out.length = 0;
    }
    // The last element ends at the closing bracket (an empty array has none).
    if (started || index > 0) element(line, span.end - lineStart + 1);
    yield* out;
  } finally {
    closeSync(fd);
  }
}
