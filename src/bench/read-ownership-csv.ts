/**
 * A fast reader for large ownership registers in CSV: `entities.csv` (id, country, …),
 * `stakes.csv` (owner_id, owned_id, share) and `production.csv` (asset_id, commodity, tonnes),
 * the files of the look-through benchmark (docs/performance.md).
 *
 * It parses bytes from one Buffer per file and builds no string per field: ids in stakes and
 * production are looked up in a byte-keyed hash table of the entity ids, numbers are parsed
 * from their digits. One string is made per entity (its id). Columns are found by header name;
 * fields are not quoted (a quote is reported). `NA` is Namibia, never a missing value.
 * Every problem is collected (up to 100) with file, line and column, then thrown together.
 *
 * @example
 * const data = await readOwnershipCsv("bench-data/w1-n10000-s1");
 * const g = ownershipGraphFromIndexed(data.ids, data.indexOf, data.stakes);
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Issue, OrebookError } from "../model/errors.js";

export interface OwnershipCsv {
  ids: string[];
  indexOf: ReadonlyMap<string, number>;
  /** Country of each entity, as an index into `countries` (sorted byte order). */
  country: Int32Array;
  countries: string[];
  stakes: { owner: Int32Array; owned: Int32Array; share: Float64Array; count: number };
  /** Production rows: node index, commodity index into `commodities` (sorted), tonnes. */
  production: { node: Int32Array; commodity: Int32Array; tonnes: Float64Array; count: number };
  commodities: string[];
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MAX_ISSUES = 100;

/**
 * Where the entities' countries and the stake and production columns are allocated (shared
 * memory for a helper thread).
 */
export interface ColumnArrays {
  i32(n: number): Int32Array;
  f64(n: number): Float64Array;
}

const PLAIN: ColumnArrays = { i32: (n) => new Int32Array(n), f64: (n) => new Float64Array(n) };

/**
 * Reads the three files of an ownership register from `dir`. `arrays` allocates the stake and
 * production columns (e.g. in shared memory, `Parallel.i32` / `f64`).
 */
export async function readOwnershipCsv(
  dir: string,
  arrays: ColumnArrays = PLAIN,
): Promise<OwnershipCsv> {
  const [e, s, p] = await Promise.all([
    readFile(join(dir, "entities.csv")),
    readFile(join(dir, "stakes.csv")),
    readFile(join(dir, "production.csv")),
  ]);
  return ownershipCsvFrom(e, s, p, undefined, arrays);
}

/** Parses the three files from buffers (names are used in messages only). */
export function ownershipCsvFrom(
  entities: Uint8Array,
  stakes: Uint8Array,
  production: Uint8Array,
  names = { entities: "entities.csv", stakes: "stakes.csv", production: "production.csv" },
  arrays: ColumnArrays = PLAIN,
): OwnershipCsv {
  const issues: Issue[] = [];
  const asBuffer = (b: Uint8Array): Buffer =>
    Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  entities = asBuffer(entities);
  stakes = asBuffer(stakes);
  production = asBuffer(production);
  const ent = readEntities(entities, names.entities, issues, arrays);
  const st = readStakes(stakes, ent.table, names.stakes, issues, arrays);
  const pr = readProduction(production, ent.table, names.production, issues, arrays);
  if (issues.length > 0) {
    throw new OrebookError(
      "INVALID_DATA",
      `The ownership register has ${issues.length >= MAX_ISSUES ? `${MAX_ISSUES} or more` : issues.length} problem${issues.length === 1 ? "" : "s"}`,
      { issues },
    );
  }
  return {
    ids: ent.ids,
    indexOf: ent.indexOf,
    country: ent.country,
    countries: ent.countries,
    stakes: st,
    production: pr.rows,
    commodities: pr.names,
  };
}

// ---------------------------------------------------------------------------------------------
// Byte-keyed hash table: key bytes live in one growing pool, slots hold value + 1 (0 = empty).

class ByteTable {
  private slots: Int32Array;
  private mask: number;
  private pool: Uint8Array;
  private poolUsed = 0;
  private keyStart: Int32Array;
  private keyLen: Int32Array;
  private hashes: Int32Array;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.pool = new Uint8Array(Math.max(64, expected * 10));
    this.keyStart = new Int32Array(Math.max(4, expected));
    this.keyLen = new Int32Array(Math.max(4, expected));
    this.hashes = new Int32Array(Math.max(4, expected));
  }

  /** The value stored for buf[start, end), or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    const h = hashBytes(buf, start, end);
    const len = end - start;
    const { slots, pool, keyStart, keyLen } = this;
    const mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const x = slots[s] as number;
      if (x === 0) return -1;
      const id = x - 1;
      if (keyLen[id] !== len || this.hashes[id] !== h) continue;
      const o = keyStart[id] as number;
      let q = 0;
      while (q < len && pool[o + q] === buf[start + q]) q++;
      if (q === len) return id;
    }
  }

  /** Adds buf[start, end) as the next value (size) and returns it, or returns -1 if present. */
  add(buf: Uint8Array, start: number, end: number): number {
    if (this.find(buf, start, end) !== -1) return -1;
    const id = this.size++;
    const len = end - start;
    if (id >= this.keyStart.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.keyStart = grow(this.keyStart);
      this.keyLen = grow(this.keyLen);
      this.hashes = grow(this.hashes);
    }
    if (this.poolUsed + len > this.pool.length) {
      const b = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      b.set(this.pool);
      this.pool = b;
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    this.keyStart[id] = this.poolUsed;
    this.keyLen[id] = len;
    const h = hashBytes(buf, start, end);
    this.hashes[id] = h;
    this.poolUsed += len;
    if (this.size * 2 > this.slots.length) this.rehash();
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = id + 1;
    return id;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = (this.hashes[id] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a, then a final avalanche so that similar ids spread over the table. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let q = start; q < end; q++) h = Math.imul(h ^ (buf[q] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

// ---------------------------------------------------------------------------------------------
// Line and header handling.

interface Header {
  /** Column of each wanted name. */
  cols: number[];
  /** Offset of the first data line. */
  body: number;
  count: number;
}

function headerOf(
  buf: Uint8Array,
  want: readonly string[],
  file: string,
  issues: Issue[],
): Header | undefined {
  let end = buf.indexOf(LF);
  if (end < 0) end = buf.length;
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // UTF-8 byte-order mark
  let stop = end;
  if (stop > start && buf[stop - 1] === CR) stop--;
  const names = Buffer.from(buf.buffer, buf.byteOffset + start, stop - start)
    .toString("utf8")
    .split(",")
    .map((s) => s.trim());
  const cols = want.map((w) => names.indexOf(w));
  const missing = want.filter((_, i) => cols[i] === -1);
  if (missing.length > 0) {
    issues.push({
      file,
      line: 1,
      path: [],
      message: `Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header has ${names.join(", ")})`,
    });
    return undefined;
  }
  return { cols, body: Math.min(end + 1, buf.length), count: names.length };
}

/** Rough number of lines, to size arrays once. */
function lineCount(buf: Uint8Array, from: number): number {
  let n = 0;
  let q = buf.indexOf(LF, from);
  while (q !== -1) {
    n++;
    q = buf.indexOf(LF, q + 1);
  }
  return n + 1;
}

/**
 * Splits each line into fields, calling `row(line, starts, ends)` with the field bounds.
 * Blank lines are skipped; a line with a quote or the wrong number of fields is an issue.
 */
function eachRow(
  buf: Uint8Array,
  h: Header,
  file: string,
  issues: Issue[],
  row: (line: number, starts: Int32Array, ends: Int32Array) => void,
): void {
  const starts = new Int32Array(h.count);
  const ends = new Int32Array(h.count);
  const n = buf.length;
  let pos = h.body;
  let line = 1;
  while (pos < n) {
    line++;
    let f = 0;
    let fs = pos;
    let q = pos;
    let bad = false;
    for (; q < n; q++) {
      const b = buf[q] as number;
      if (b === COMMA) {
        if (f < h.count) {
          starts[f] = fs;
          ends[f] = q;
        }
        f++;
        fs = q + 1;
      } else if (b === LF) {
        break;
      } else if (b === QUOTE) {
        bad = true;
      }
    }
    let fe = q;
    if (fe > fs && buf[fe - 1] === CR) fe--;
    const next = q + 1;
    if (f === 0 && fe === fs) {
      pos = next;
      continue; // blank line
    }
    if (f < h.count) {
      starts[f] = fs;
      ends[f] = fe;
    }
    f++;
    if (bad) {
      if (issues.length < MAX_ISSUES) {
        issues.push({
          file,
          line,
          path: [],
          message: "Quoted fields are not supported by the fast reader",
        });
      }
    } else if (f !== h.count) {
      if (issues.length < MAX_ISSUES) {
        issues.push({ file, line, path: [], message: `Expected ${h.count} fields, found ${f}` });
      }
    } else {
      row(line, starts, ends);
    }
    pos = next;
  }
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];

/** Where the last `plainAt` stopped reading. */
let scanStop = 0;

/**
 * The plain `digits[.digits]` number at buf[q, end), read up to the first other byte
 * (`scanStop`): exact with at most 15 significant digits (an integer divided by a power of ten
 * ≤ 1e22 is correctly rounded), NaN without digits or with more.
 */
function plainAt(buf: Uint8Array, q: number, end: number): number {
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; q < end; q++) {
    const b = buf[q] as number;
    if (b >= 48 && b <= 57) {
      m = m * 10 + (b - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (b === 46 && frac < 0) frac = 0;
    else break;
  }
  scanStop = q;
  if (digits === 0 || digits > 15) return Number.NaN;
  return frac > 0 ? m / (POW10[frac] as number) : m;
}

/**
 * A decimal number from bytes. Plain `digits[.digits]` with at most 15 significant digits is
 * exact (an integer divided by a power of ten ≤ 1e22 is correctly rounded); anything else goes
 * through `Number()`. NaN when the field is not a number.
 */
function numberAt(buf: Uint8Array, start: number, end: number): number {
  const v = plainAt(buf, start, end);
  if (scanStop === end && !Number.isNaN(v)) return v;
  if (end === start) return Number.NaN;
  const s = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("latin1");
  const x = Number(s);
  return s.trim() === "" ? Number.NaN : x;
}

function text(buf: Uint8Array, start: number, end: number): string {
  // Callers pass Buffers (see ownershipCsvFrom): toString on a range makes no view object.
  return (buf as Buffer).toString("utf8", start, end);
}

/** The index of the name at buf[start, end) in `table`, adding it (and its text) when new. */
function nameIndex(
  table: ByteTable,
  names: string[],
  buf: Uint8Array,
  start: number,
  end: number,
): number {
  const c = table.find(buf, start, end);
  if (c !== -1) return c;
  names.push(text(buf, start, end));
  return table.add(buf, start, end);
}

// ---------------------------------------------------------------------------------------------

/** Looks entity ids up by their bytes. */
interface IdIndex {
  find(buf: Uint8Array, start: number, end: number): number;
}

/**
 * The fast index for registers whose ids are all one prefix followed by digits of one width
 * (`E0000123`): the digits are the key of a flat array, so a lookup touches one slot and makes
 * no string. Anything else is looked up in the generic byte table.
 */
class NumericIds implements IdIndex {
  constructor(
    readonly prefix: Uint8Array,
    readonly width: number,
    readonly slots: Int32Array,
    private readonly fallback: ByteTable,
  ) {}

  find(buf: Uint8Array, start: number, end: number): number {
    const p = this.prefix;
    const plen = p.length;
    if (end - start === plen + this.width) {
      let q = 0;
      while (q < plen && buf[start + q] === p[q]) q++;
      if (q === plen) {
        let x = 0;
        let r = start + plen;
        for (; r < end; r++) {
          const d = (buf[r] as number) - 48;
          if (d < 0 || d > 9) break;
          x = x * 10 + d;
        }
        if (r === end) return x < this.slots.length ? (this.slots[x] as number) : -1;
      }
    }
    return this.fallback.find(buf, start, end);
  }
}

/** A numeric index when every id has the shape prefix + fixed-width digits, else undefined. */
function numericIdsFrom(
  buf: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
): NumericIds | undefined {
  if (count === 0) return undefined;
  const s0 = starts[0] as number;
  const e0 = ends[0] as number;
  let plen = 0;
  while (s0 + plen < e0 && !((buf[s0 + plen] as number) >= 48 && (buf[s0 + plen] as number) <= 57))
    plen++;
  const width = e0 - s0 - plen;
  if (width < 1 || width > 9) return undefined;
  const keys = new Int32Array(count);
  let max = 0;
  for (let i = 0; i < count; i++) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    if (e - s !== plen + width) return undefined;
    for (let q = 0; q < plen; q++) if (buf[s + q] !== buf[s0 + q]) return undefined;
    let x = 0;
    for (let r = s + plen; r < e; r++) {
      const d = (buf[r] as number) - 48;
      if (d < 0 || d > 9) return undefined;
      x = x * 10 + d;
    }
    keys[i] = x;
    if (x > max) max = x;
  }
  if (max > 4 * count + 1024) return undefined; // too sparse for a flat array
  const slots = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < count; i++) {
    const x = keys[i] as number;
    if (slots[x] !== -1) return undefined; // a duplicate: let the generic path report it
    slots[x] = i;
  }
  return new NumericIds(buf.slice(s0, s0 + plen), width, slots, new ByteTable(0));
}

/** A ReadonlyMap from id to index, built on first use (large registers rarely need it). */
class LazyIndexMap implements ReadonlyMap<string, number> {
  private built: Map<string, number> | undefined;
  constructor(private readonly ids: readonly string[]) {}
  private get map(): Map<string, number> {
    if (!this.built) {
      this.built = new Map();
      for (let i = 0; i < this.ids.length; i++) this.built.set(this.ids[i] as string, i);
    }
    return this.built;
  }
  get size(): number {
    return this.ids.length;
  }
  get(key: string): number | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  forEach(cb: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [k, v] of this.map) cb(v, k, this);
  }
  entries(): MapIterator<[string, number]> {
    return this.map.entries();
  }
  keys(): MapIterator<string> {
    return this.map.keys();
  }
  values(): MapIterator<number> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.map.entries();
  }
}

function readEntities(buf: Uint8Array, file: string, issues: Issue[], arrays: ColumnArrays) {
  const h = headerOf(buf, ["id", "country"], file, issues);
  const expected = h ? lineCount(buf, h.body) : 0;
  const idStart = new Int32Array(expected);
  const idEnd = new Int32Array(expected);
  let countryTable = new ByteTable(64);
  let countryNames: string[] = [];
  let country: Int32Array = new Int32Array(expected);
  const lines = new Int32Array(expected);
  let count = -1;
  if (h && h.cols[0] === 0 && h.cols[1] === h.count - 1) {
    count = scanEntities(buf, h, idStart, idEnd, lines, country, countryTable, countryNames);
    if (count < 0) {
      // The fast scan gave up: the general reader starts again and reports what it met.
      countryTable = new ByteTable(64);
      countryNames = [];
    }
  }
  if (h && count < 0) {
    count = 0;
    const [ci, cc] = h.cols as [number, number];
    eachRow(buf, h, file, issues, (line, starts, ends) => {
      const s = starts[ci] as number;
      const e = ends[ci] as number;
      if (e === s) {
        if (issues.length < MAX_ISSUES)
          issues.push({ file, line, column: ci + 1, path: ["id"], message: "Empty id" });
        return;
      }
      idStart[count] = s;
      idEnd[count] = e;
      lines[count] = line;
      const cs = starts[cc] as number;
      const ce = ends[cc] as number;
      const c = nameIndex(countryTable, countryNames, buf, cs, ce);
      country[count] = c;
      count++;
    });
  }
  count = Math.max(count, 0);
  let table: IdIndex | undefined = numericIdsFrom(buf, idStart, idEnd, count);
  if (!table) {
    const generic = new ByteTable(count);
    let w = 0;
    for (let i = 0; i < count; i++) {
      const s = idStart[i] as number;
      const e = idEnd[i] as number;
      if (generic.add(buf, s, e) === -1) {
        if (issues.length < MAX_ISSUES) {
          issues.push({
            file,
            line: lines[i] as number,
            path: ["id"],
            message: `Duplicate id "${text(buf, s, e)}"`,
          });
        }
        continue;
      }
      idStart[w] = s;
      idEnd[w] = e;
      country[w] = country[i] as number;
      w++;
    }
    count = w;
    table = generic;
  }
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) ids[i] = text(buf, idStart[i] as number, idEnd[i] as number);
  const kept = arrays.i32(count);
  kept.set(country.subarray(0, count));
  country = kept;
  // Countries in byte order, so that output sorts by index.
  const order = countryNames
    .map((_, i) => i)
    .sort((a, b) => byteOrder(countryNames[a] as string, countryNames[b] as string));
  const rank = new Int32Array(order.length);
  order.forEach((old, r) => {
    rank[old] = r;
  });
  for (let i = 0; i < country.length; i++) country[i] = rank[country[i] as number] as number;
  const indexOf: ReadonlyMap<string, number> = new LazyIndexMap(ids);
  return { ids, indexOf, table, country, countries: order.map((i) => countryNames[i] as string) };
}

/**
 * The fast scan of an entities file whose id is the first column and country the last: one
 * loop over the bytes, two-letter countries looked up by their two bytes. Returns the number of
 * entities, or -1 at the first thing the general reader must handle (a blank line, a quote, a
 * wrong number of fields, an empty id).
 */
function scanEntities(
  buf: Uint8Array,
  h: Header,
  idStart: Int32Array,
  idEnd: Int32Array,
  lines: Int32Array,
  country: Int32Array,
  countryTable: ByteTable,
  countryNames: string[],
): number {
  const n = buf.length;
  const commas = h.count - 1;
  const twoLetter = new Int32Array(65536).fill(-1);
  let count = 0;
  let q = h.body;
  while (q < n) {
    const start = q;
    let firstComma = -1;
    let lastComma = -1;
    let seen = 0;
    for (; q < n; q++) {
      const b = buf[q] as number;
      if (b === COMMA) {
        if (seen++ === 0) firstComma = q;
        lastComma = q;
      } else if (b === LF) break;
      else if (b === QUOTE) return -1;
    }
    let end = q;
    if (end > start && buf[end - 1] === CR) end--;
    q++;
    // The id and the country are two columns, so a line has at least one comma.
    if (seen !== commas || firstComma === start) return -1;
    const cs = lastComma + 1;
    idStart[count] = start;
    idEnd[count] = firstComma;
    lines[count] = count + 2;
    let c: number;
    if (end - cs === 2) {
      const key = ((buf[cs] as number) << 8) | (buf[cs + 1] as number);
      c = twoLetter[key] as number;
      if (c === -1) {
        c = nameIndex(countryTable, countryNames, buf, cs, end);
        twoLetter[key] = c;
      }
    } else {
      c = nameIndex(countryTable, countryNames, buf, cs, end);
    }
    country[count] = c;
    count++;
  }
  return count;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function unknownId(
  buf: Uint8Array,
  s: number,
  e: number,
  file: string,
  line: number,
  col: number,
  field: string,
  issues: Issue[],
): void {
  if (issues.length < MAX_ISSUES) {
    issues.push({
      file,
      line,
      column: col + 1,
      path: [field],
      message: `Unknown entity id "${text(buf, s, e)}"`,
    });
  }
}

function readStakes(
  buf: Uint8Array,
  table: IdIndex,
  file: string,
  issues: Issue[],
  arrays: ColumnArrays,
) {
  const h = headerOf(buf, ["owner_id", "owned_id", "share"], file, issues);
  if (h && table instanceof NumericIds && inFileOrder(h)) {
    const fast = readNumericStakes(buf, h.body, table, arrays);
    if (fast) return fast;
  }
  const cap = h ? lineCount(buf, h.body) : 0;
  const owner = arrays.i32(cap);
  const owned = arrays.i32(cap);
  const share = arrays.f64(cap);
  let count = 0;
  if (h) {
    const [oc, dc, sc] = h.cols as [number, number, number];
    eachRow(buf, h, file, issues, (line, starts, ends) => {
      const o = table.find(buf, starts[oc] as number, ends[oc] as number);
      const d = table.find(buf, starts[dc] as number, ends[dc] as number);
      const s = numberAt(buf, starts[sc] as number, ends[sc] as number);
      let ok = true;
      if (o === -1) {
        unknownId(
          buf,
          starts[oc] as number,
          ends[oc] as number,
          file,
          line,
          oc,
          "owner_id",
          issues,
        );
        ok = false;
      }
      if (d === -1) {
        unknownId(
          buf,
          starts[dc] as number,
          ends[dc] as number,
          file,
          line,
          dc,
          "owned_id",
          issues,
        );
        ok = false;
      }
      if (!(s > 0 && s <= 1)) {
        if (issues.length < MAX_ISSUES) {
          issues.push({
            file,
            line,
            column: sc + 1,
            path: ["share"],
            message: `Expected a share in (0, 1], got "${text(buf, starts[sc] as number, ends[sc] as number)}"`,
          });
        }
        ok = false;
      }
      if (ok) {
        owner[count] = o;
        owned[count] = d;
        share[count] = s;
        count++;
      }
    });
  }
  return { owner, owned, share, count };
}

/**
 * The node of the numeric id at `buf[q, q + prefix + width)` followed by a comma, or -1 when
 * the bytes there are not such an id or name no entity.
 */
function numericNodeAt(buf: Uint8Array, q: number, ids: NumericIds): number {
  const { prefix, width, slots } = ids;
  const plen = prefix.length;
  for (let r = 0; r < plen; r++) if (buf[q + r] !== prefix[r]) return -1;
  let x = 0;
  const stop = q + plen + width;
  for (let p = q + plen; p < stop; p++) {
    const d = (buf[p] as number) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  if (buf[stop] !== COMMA || x >= slots.length) return -1;
  return slots[x] as number;
}

/** Where the last `plainNumberAt` stopped: the end of its line (after LF), or -1. */
let plainEnd = -1;

/**
 * A plain `digits[.digits]` number (≤ 15 significant digits, exact) ending its line at q, or
 * NaN; `plainEnd` is then the start of the next line.
 */
function plainNumberAt(buf: Uint8Array, q: number): number {
  const n = buf.length;
  const v = plainAt(buf, q, n);
  q = scanStop;
  if (q < n && buf[q] === CR) q++;
  if ((q < n && buf[q] !== LF) || Number.isNaN(v)) {
    plainEnd = -1;
    return Number.NaN;
  }
  plainEnd = q + 1;
  return v;
}

/** True when the file has exactly the wanted columns, in the wanted order (the fast paths' shape). */
function inFileOrder(h: Header): boolean {
  return h.count === h.cols.length && h.cols.every((c, i) => c === i);
}

/**
 * The fast path for `owner_id,owned_id,share` files whose ids all have the register's numeric
 * shape (prefix + fixed-width digits): one loop over the bytes, no per-row call, the id's
 * digits read as its key on the way. It gives up (undefined) at the first thing it does not
 * expect — a blank line, a quote, an unknown id, a share outside (0, 1] or with more than 15
 * digits, a missing field — and the general reader then parses the file and reports each
 * problem with its line and column.
 */
function readNumericStakes(
  buf: Uint8Array,
  body: number,
  ids: NumericIds,
  arrays: ColumnArrays,
): { owner: Int32Array; owned: Int32Array; share: Float64Array; count: number } | undefined {
  const cap = lineCount(buf, body);
  const owner = arrays.i32(cap);
  const owned = arrays.i32(cap);
  const share = arrays.f64(cap);
  const idLen = ids.prefix.length + ids.width + 1; // with its comma
  let count = 0;
  for (let q = body; q < buf.length; q = plainEnd) {
    const o = numericNodeAt(buf, q, ids);
    const d = o < 0 ? -1 : numericNodeAt(buf, q + idLen, ids);
    if (d < 0) return undefined;
    const v = plainNumberAt(buf, q + 2 * idLen);
    if (!(v > 0 && v <= 1)) return undefined;
    owner[count] = o;
    owned[count] = d;
    share[count] = v;
    count++;
  }
  return { owner, owned, share, count };
}

/** The same for `asset_id,commodity,tonnes` (tonnes ≥ 0); commodities go to `ctable`/`names`. */
function readNumericProduction(
  buf: Uint8Array,
  body: number,
  ids: NumericIds,
  ctable: ByteTable,
  names: string[],
  arrays: ColumnArrays,
): { node: Int32Array; commodity: Int32Array; tonnes: Float64Array; count: number } | undefined {
  const cap = lineCount(buf, body);
  const node = arrays.i32(cap);
  const commodity = arrays.i32(cap);
  const tonnes = arrays.f64(cap);
  const idLen = ids.prefix.length + ids.width + 1;
  let count = 0;
  for (let q = body; q < buf.length; q = plainEnd) {
    const a = numericNodeAt(buf, q, ids);
    if (a < 0) return undefined;
    const cs = q + idLen;
    let ce = cs;
    while (ce < buf.length && buf[ce] !== COMMA && buf[ce] !== LF && buf[ce] !== QUOTE) ce++;
    if (ce === cs || buf[ce] !== COMMA) return undefined;
    const t = plainNumberAt(buf, ce + 1);
    if (!(t >= 0)) return undefined;
    const c = nameIndex(ctable, names, buf, cs, ce);
    node[count] = a;
    commodity[count] = c;
    tonnes[count] = t;
    count++;
  }
  return { node, commodity, tonnes, count };
}

function readProduction(
  buf: Uint8Array,
  table: IdIndex,
  file: string,
  issues: Issue[],
  arrays: ColumnArrays,
) {
  const h = headerOf(buf, ["asset_id", "commodity", "tonnes"], file, issues);
  const cap = h ? lineCount(buf, h.body) : 0;
  const node = arrays.i32(cap);
  const commodity = arrays.i32(cap);
  const tonnes = arrays.f64(cap);
  let names: string[] = [];
  let ctable = new ByteTable(16);
  let count = 0;
  const fast =
    h && table instanceof NumericIds && inFileOrder(h)
      ? readNumericProduction(buf, h.body, table, ctable, names, arrays)
      : undefined;
  if (fast) return sortedCommodities(fast, names);
  // The fast path may have seen some commodities before it gave up: start again.
  names = [];
  ctable = new ByteTable(16);
  if (h) {
    const [ac, cc, tc] = h.cols as [number, number, number];
    eachRow(buf, h, file, issues, (line, starts, ends) => {
      const a = table.find(buf, starts[ac] as number, ends[ac] as number);
      const t = numberAt(buf, starts[tc] as number, ends[tc] as number);
      const cs = starts[cc] as number;
      const ce = ends[cc] as number;
      let ok = true;
      if (a === -1) {
        unknownId(
          buf,
          starts[ac] as number,
          ends[ac] as number,
          file,
          line,
          ac,
          "asset_id",
          issues,
        );
        ok = false;
      }
      if (ce === cs) {
        if (issues.length < MAX_ISSUES)
          issues.push({
            file,
            line,
            column: cc + 1,
            path: ["commodity"],
            message: "Empty commodity",
          });
        ok = false;
      }
      if (!(t >= 0 && Number.isFinite(t))) {
        if (issues.length < MAX_ISSUES) {
          issues.push({
            file,
            line,
            column: tc + 1,
            path: ["tonnes"],
            message: `Expected tonnes ≥ 0, got "${text(buf, starts[tc] as number, ends[tc] as number)}"`,
          });
        }
        ok = false;
      }
      if (!ok) return;
      const c = nameIndex(ctable, names, buf, cs, ce);
      node[count] = a;
      commodity[count] = c;
      tonnes[count] = t;
      count++;
    });
  }
  return sortedCommodities({ node, commodity, tonnes, count }, names);
}

/** Renumbers commodities in byte order of their names, so that output sorts by index. */
function sortedCommodities(
  rows: { node: Int32Array; commodity: Int32Array; tonnes: Float64Array; count: number },
  names: string[],
) {
  const order = names
    .map((_, i) => i)
    .sort((a, b) => byteOrder(names[a] as string, names[b] as string));
  const rank = new Int32Array(order.length);
  order.forEach((old, r) => {
    rank[old] = r;
  });
  const { commodity, count } = rows;
  for (let r = 0; r < count; r++) commodity[r] = rank[commodity[r] as number] as number;
  return { rows, names: order.map((i) => names[i] as string) };
}
