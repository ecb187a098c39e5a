/**
 * The rows of a CSV file, read a chunk at a time: memory holds one chunk and one row, whatever
 * the file's size. The text is decoded as `decodeText` would decode the whole file (UTF-8; with a
 * UTF-16 byte-order mark, or bytes that are not UTF-8, converted and the conversion declared;
 * a NUL byte refused with its line), which a first pass over the bytes decides before any row is
 * read.
 *
 * @example
 * for (const row of csvFileRows("stakes.csv", { onBytes: (n) => bar(n) })) use(row.cells);
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import type { Issue } from "../../model/errors.js";
import { OrebookError } from "../../model/errors.js";
import { decodeText, firstInvalidUtf8, notUtf8Notice } from "../decode-text.js";
import { CsvParser, type CsvRow, type ParseCsvOptions } from "./parse-csv.js";

/**
 * Bytes read and parsed at a time. A chunk's rows are all parsed before the first is handed on
 * and live until the last is used: 64 KB holds about two thousand rows of a register, young
 * enough to die in the young generation (1 MB held some 35,000, which survived its collections
 * and were copied and promoted: most of an import's collector time).
 */
const CHUNK = 1 << 16;

export interface CsvFileOptions extends ParseCsvOptions {
  /** Called after each chunk with the bytes read from this file so far. */
  onBytes?: (bytes: number) => void;
  /** Receives the conversion of a file that is not UTF-8, as a warning. */
  notices?: Issue[];
}

/** Counts LF bytes in `b` before `end`. */
function linesIn(b: Buffer, end: number): number {
  let n = 0;
  for (let at = b.indexOf(10); at >= 0 && at < end; at = b.indexOf(10, at + 1)) n++;
  return n;
}

/**
 * How to decode the file: UTF-8 unless the bytes say otherwise (then the notice of the first
 * byte that is not UTF-8). Reads the file once, without making text, to find a NUL byte or a
 * byte that is not UTF-8.
 */
function encodingOf(
  fd: number,
  file: string,
  size: number,
): { encoding: "utf-8" | "utf-16" } | { encoding: "windows-1252"; notice: Issue } {
  const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 4)) + 4);
  let carry = 0;
  let pos = 0;
  let lines = 0;
  let notice: Issue | undefined;
  while (pos < size) {
    const got = readSync(fd, buf, carry, buf.length - 4 - carry, pos);
    if (got === 0) break;
    if (pos === 0 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
      return { encoding: "utf-16" };
    pos += got;
    const end = carry + got;
    const nul = buf.subarray(0, end).indexOf(0);
    if (nul >= 0)
      throw new OrebookError(
        "BAD_INPUT",
        `${file}:${lines + linesIn(buf, nul) + 1}: a NUL character: this is not a text file (expected UTF-8 text)`,
      );
    // A character cut by the chunk's end is checked with the next chunk.
    let cut = end;
    if (pos < size)
      for (let k = end - 1; k >= Math.max(0, end - 3); k--) {
        const b = buf[k] as number;
        if (b < 0x80) break;
        if (b >= 0xc0) {
          cut = k;
          break;
        }
      }
    if (!notice && !isUtf8(buf.subarray(0, cut))) {
      const at = firstInvalidUtf8(buf.subarray(0, cut));
      notice = notUtf8Notice(file, lines + linesIn(buf, at) + 1, buf[at] ?? 0);
    }
    lines += linesIn(buf, cut);
    buf.copy(buf, 0, cut, end);
    carry = end - cut;
  }
  return notice ? { encoding: "windows-1252", notice } : { encoding: "utf-8" };
}

/** The rows of `file` (see the module comment). */
export function* csvFileRows(file: string, opts: CsvFileOptions = {}): Generator<CsvRow> {
  const parser = new CsvParser(file, opts);
  const rows: CsvRow[] = [];
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    throw new OrebookError("NOT_FOUND", `${file} not found`);
  }
  try {
    const size = fstatSync(fd).size;
    const how = encodingOf(fd, file, size);
    if (how.encoding === "utf-16") {
      // Rare: decoded whole, as decodeText does (a NUL is looked for in the text).
      const decoded = decodeText(readFileSync(fd), file);
      if (decoded.notice) opts.notices?.push(decoded.notice);
      parser.push(decoded.text, true, rows);
      opts.onBytes?.(size);
      yield* rows;
      return;
    }
    if (how.encoding === "windows-1252") opts.notices?.push(how.notice);
    const decoder = new TextDecoder(how.encoding);
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, CHUNK, pos);
      pos += got;
      const last = got === 0 || pos >= size;
      const text = decoder.decode(buf.subarray(0, got), { stream: !last });
      parser.push(text, last, rows);
      opts.onBytes?.(pos);
      for (const r of rows) yield r;
      rows.length = 0;
      if (last) return;
    }
  } finally {
    closeSync(fd);
  }
}
