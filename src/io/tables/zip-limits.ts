/**
 * The checks a workbook passes before any of it is inflated: it is a zip archive (an XLSX file
 * is one), its entries together inflate to at most `maxBytes`, and none inflates more than
 * `maxRatio` times its compressed size (a zip bomb: 2 MB of deflated zeros that would be 2 GB of
 * XML). The sizes an archive declares may lie, so each entry is then inflated once with its
 * declared size as a hard ceiling (`maxOutputLength`), its output dropped at once: more bytes
 * than declared is refused too. Nothing is handed to the workbook reader until all of it holds.
 *
 * @example
 * checkZipLimits(readFileSync("data.xlsx"), "data.xlsx");
 */
import { inflateRawSync } from "node:zlib";
import { OrebookError } from "../../model/errors.js";

export interface ZipLimits {
  /** The most the entries may inflate to, together (default 128 MiB). */
  maxBytes?: number;
  /** The largest inflated / compressed size of an entry above 1 MiB (default 100). */
  maxRatio?: number;
}

export const MAX_XLSX_BYTES = 128 * 1024 * 1024;
export const MAX_XLSX_RATIO = 100;
/** Entries smaller than this may have any ratio (a tiny XML file of repeated tags). */
const RATIO_FLOOR = 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A size as people read it: `64.0 MiB`, `63 KiB`. */
const mib = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;

function notZip(file: string, why: string): OrebookError {
  return new OrebookError(
    "BAD_INPUT",
    `${file} is not an XLSX workbook: ${why} (an XLSX file is a zip archive; save the sheet as .xlsx, or import a .csv with orebook import csv)`,
  );
}

function entriesOf(buf: Buffer, file: string): Entry[] {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65535 bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--)
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw notZip(file, "it has no zip directory");
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff || size === 0xffffffff)
    throw new OrebookError(
      "PAYLOAD_TOO_LARGE",
      `${file} is a ZIP64 archive: a workbook that large is not read (at most ${mib(MAX_XLSX_BYTES)} inflated); import CSV instead`,
    );
  if (start + size > end) throw notZip(file, "its zip directory lies outside the file");
  const out: Entry[] = [];
  let p = start;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      throw notZip(file, `entry ${k + 1} of its zip directory is damaged`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Throws unless the archive passes every limit (see the module comment). */
export function checkZipLimits(buf: Buffer, file: string, limits: ZipLimits = {}): void {
  const maxBytes = limits.maxBytes ?? MAX_XLSX_BYTES;
  const maxRatio = limits.maxRatio ?? MAX_XLSX_RATIO;
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL)
    throw notZip(file, "it does not start as a zip archive");
  const entries = entriesOf(buf, file);
  const bomb = (e: Entry, size: number, declared: boolean) =>
    new OrebookError(
      "PAYLOAD_TOO_LARGE",
      `${file}: ${e.name} ${declared ? "declares" : "inflates to"} ${mib(size)} from ${mib(e.compressed)} compressed (${Math.round(size / Math.max(1, e.compressed))}:1): refused before reading, as a zip bomb (at most ${maxRatio}:1 for an entry above 1 MiB)`,
    );
  const tooBig = (total: number, declared: boolean) =>
    new OrebookError(
      "PAYLOAD_TOO_LARGE",
      `${file} ${declared ? "declares" : "inflates to"} ${mib(total)} of content, more than the ${mib(maxBytes)} a workbook may hold: refused before reading (split it, or import CSV)`,
    );
  // First what the archive declares: refused without inflating a byte.
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > RATIO_FLOOR && e.size > maxRatio * e.compressed) throw bomb(e, e.size, true);
  }
  if (total > maxBytes) throw tooBig(total, true);
  // Then what it really holds: each entry inflated with its declared size as the ceiling.
  for (const e of entries) {
    if (e.size === 0 && e.compressed === 0) continue;
    const p = e.offset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL)
      throw notZip(file, `the data of ${e.name} is missing`);
    const data = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const raw = buf.subarray(data, data + e.compressed);
    if (e.method === 0) {
      if (raw.length !== e.size) throw notZip(file, `${e.name} is damaged`);
      continue;
    }
    if (e.method !== 8) throw notZip(file, `${e.name} uses compression method ${e.method}`);
    try {
      inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw new OrebookError(
          "PAYLOAD_TOO_LARGE",
          `${file}: ${e.name} inflates to more than the ${mib(e.size)} it declares: refused before reading (a damaged file or a zip bomb)`,
        );
      throw notZip(file, `${e.name} does not inflate (${(err as Error).message})`);
    }
  }
}
