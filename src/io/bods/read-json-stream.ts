/**
 * Reads a file of JSON objects one at a time, in bounded memory: either a top-level array of
 * objects (`[{…}, {…}]`, the BODS package form) or JSON Lines (one object per line). The form
 * is detected from the first character that is not white space. Only the object being read is
 * held; each is parsed with `JSON.parse` once its closing brace is found.
 *
 * Syntax problems are yielded as items with `error` set (located by line and column) and the
 * reader carries on with the next object, so a validator can report every problem in one pass.
 *
 * @example
 * for await (const item of readJsonStream("register.json")) {
 *   if ("error" in item) console.error(item.line, item.error);
 *   else use(item.value);
 * }
 */
import { createReadStream, statSync } from "node:fs";
import { OrebookError } from "../../model/errors.js";

export type JsonStreamItem =
  | {
      index: number;
      line: number;
      /** The line of the object's closing brace. */
      endLine: number;
      /** Inside a top-level array, or one of a sequence of objects (JSON Lines). */
      form: "array" | "lines";
      value: unknown;
    }
  | { index: number; line: number; column: number; error: string };

export interface JsonStreamOptions {
  /** Called after each chunk: bytes read so far and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Chunk size in bytes (default 1 MiB). */
  chunkSize?: number;
}

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LF = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Yields each top-level object of a JSON array or JSON Lines file, or a located error. */
export async function* readJsonStream(
  file: string,
  opts: JsonStreamOptions = {},
): AsyncGenerator<JsonStreamItem> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new OrebookError("NOT_FOUND", `${file} not found`);
  }
  if (st.isDirectory())
    throw new OrebookError("BAD_INPUT", `${file} is a folder: expected a file of BODS statements`);
  const total = st.size;
  const stream = createReadStream(file, { highWaterMark: opts.chunkSize ?? 1 << 20 });
  yield* jsonItemsFrom(stream as AsyncIterable<Buffer>, (n) => opts.onProgress?.(n, total));
}

/** The same reader over any stream of byte chunks (used by tests and by `readJsonStream`). */
export async function* jsonItemsFrom(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<JsonStreamItem> {
  // "start" before the first significant byte; "array" inside a top-level array; "lines" for
  // JSON Lines; "done" after the closing bracket.
  let mode: "start" | "array" | "lines" | "done" = "start";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let column = 0;
  // Byte offset of the current chunk in the file, and of the current line's start.
  let offset = 0;
  let lineStart = 0;
  let index = 0;
  let pieces: Uint8Array[] = [];
  let startLine = 1;
  let startColumn = 1;
  let expectComma = false;
  let bytesRead = 0;
  let skipping = false;

  const fail = (message: string): JsonStreamItem => ({
    index,
    line,
    column,
    error: message,
  });

  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
    bytesRead += chunk.length;
    let from = -1; // start of the current object inside this chunk
    if (depth > 0) from = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (inString) {
        // JSON strings hold no raw line breaks: jump to the next quote and check its escape.
        const q = chunk.indexOf(QUOTE, i);
        const end = q < 0 ? chunk.length : q;
        let run = 0;
        for (let k = end - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
        // A run of backslashes reaching back to the chunk's start continues the last chunk's.
        const total: number = run === end - i && escaped ? run + 1 : run;
        if (q < 0) {
          escaped = total % 2 === 1;
          i = chunk.length;
          break;
        }
        escaped = false;
        i = q;
        if (total % 2 === 0) inString = false;
        continue;
      }
      const b = chunk[i] as number;
      if (b === LF) {
        line++;
        lineStart = offset + i + 1;
        continue;
      }
      column = offset + i - lineStart + 1;
      if (depth > 0) {
        if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) {
          depth--;
          if (depth === 0) {
            pieces.push(chunk.subarray(from, i + 1));
            const text = Buffer.concat(pieces).toString("utf8");
            pieces = [];
            from = -1;
            try {
              yield {
                index,
                line: startLine,
                endLine: line,
                form: mode === "array" ? "array" : "lines",
                value: JSON.parse(text),
              };
            } catch (e) {
              yield {
                index,
                line: startLine,
                column: startColumn,
                error: `JSON syntax: ${e instanceof Error ? e.message : String(e)}`,
              };
            }
            index++;
            expectComma = mode === "array";
          }
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (skipping) {
        // After a syntax error outside an object, skip to the next object.
        if (b !== LBRACE) continue;
        skipping = false;
      }
      if (mode === "done") {
        yield fail("JSON syntax: unexpected content after the closing bracket");
        return;
      }
      if (mode === "start") {
        if (b === LBRACKET) {
          mode = "array";
          continue;
        }
        mode = "lines";
      }
      if (mode === "array" && b === RBRACKET) {
        mode = "done";
        continue;
      }
      if (mode === "array" && expectComma) {
        if (b === COMMA) {
          expectComma = false;
          continue;
        }
        yield fail(`JSON syntax: expected "," or "]" between statements`);
        expectComma = false;
        if (b !== LBRACE) {
          skipping = true;
          continue;
        }
      }
      if (b === LBRACE) {
        depth = 1;
        from = i;
        startLine = line;
        startColumn = column;
        continue;
      }
      yield fail(`JSON syntax: expected an object, found "${String.fromCharCode(b)}"`);
      index++;
      skipping = true;
    }
    if (depth > 0 && from >= 0) pieces.push(Uint8Array.prototype.slice.call(chunk, from));
    offset += chunk.length;
    onBytes?.(bytesRead);
  }
  if (depth > 0) {
    yield {
      index,
      line: startLine,
      column: startColumn,
      error: "JSON syntax: the file ends inside an object",
    };
  } else if (mode === "array") {
    yield fail(`JSON syntax: the file ends before the closing "]"`);
  }
}
