/**
 * Text out of a file's bytes, never silently wrong: UTF-8 (a byte-order mark dropped) is read as
 * it is; UTF-16 with its byte-order mark, and bytes that are not UTF-8 (read as Windows-1252, the
 * superset of Latin-1 that spreadsheets save), are converted and the conversion is declared as a
 * warning naming the file and the line of the first byte that is not UTF-8. A NUL byte means the
 * file is not text: refused with its line.
 *
 * @example
 * const { text, notice } = decodeText(readFileSync("entities.csv"), "entities.csv");
 * if (notice) console.error(issueToString(notice));
 */
import { type Issue, OrebookError } from "../model/errors.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** The conversion, when the bytes were not UTF-8: a warning to show the user. */
  notice?: Issue;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The 1-based line of byte `at` (counting LF bytes before it). */
function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Decodes a text file's bytes (see the module comment); `file` names it in messages. */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  let out: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) out = utf16(bytes, file, "utf-16le");
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) out = utf16(bytes, file, "utf-16be");
  else {
    try {
      out = { text: strictUtf8.decode(bytes), encoding: "utf-8" };
    } catch {
      const at = firstInvalidUtf8(bytes);
      out = {
        text: new TextDecoder("windows-1252").decode(bytes),
        encoding: "windows-1252",
        notice: notUtf8Notice(file, lineOfByte(bytes, at), bytes[at] ?? 0),
      };
    }
  }
  const nul = out.text.indexOf("\u0000");
  if (nul >= 0)
    throw new OrebookError(
      "BAD_INPUT",
      `${file}:${out.text.slice(0, nul).split("\n").length}: a NUL character: this is not a text file (expected UTF-8 text)`,
    );
  return out;
}

/** The warning for a file read as Windows-1252: `byte` on `line` is not UTF-8. */
export function notUtf8Notice(file: string, line: number, byte: number): Issue {
  const hex = byte.toString(16).toUpperCase().padStart(2, "0");
  return {
    file,
    line,
    path: [],
    severity: "warning",
    message: `The file is not UTF-8 (byte 0x${hex} on line ${line} is not valid UTF-8): read as Windows-1252 (Latin-1) and converted; save it as UTF-8 to be sure every character is right`,
  };
}

function utf16(bytes: Uint8Array, file: string, encoding: "utf-16le" | "utf-16be"): DecodedText {
  return {
    text: new TextDecoder(encoding).decode(bytes),
    encoding,
    notice: {
      file,
      line: 1,
      path: [],
      severity: "warning",
      message: `The file is ${encoding.toUpperCase()} (its byte-order mark says so): converted to UTF-8`,
    },
  };
}
