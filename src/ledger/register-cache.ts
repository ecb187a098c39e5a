/**
 * The current register of a dataset packed into a few blobs (`register_cache`, schema version
 * 7), so that a cold process reads a million-entity register with a handful of queries instead
 * of a row per record. The cache is built by the first read after a write (from the rows, as
 * `registerAt` reads them) and is valid while the dataset's revision (`datasets.revision`, moved
 * by every write) is the one it was built at; servers on one database share it, and one that
 * sees another revision reads the rows again.
 *
 * Encodings: a number column is the bytes of its typed array; a text column repeated across
 * records (kinds, countries, commodities, periods, bodies) is a dictionary and one code per
 * record (1, 2 or 4 bytes as the dictionary needs); names and ids are one JSON text, and the
 * ids a record would be given from its other fields (a stake `owner:owned`, a figure
 * `asset:commodity:period`, as `import csv` names them) are left out. Share bounds equal to
 * the share are left out. What only the records need (stake and figure ids, figures' text) is
 * parsed when the records are first read.
 *
 * Only what the store knows now is cached: a read at a past knownAt reads the rows. Stakes are
 * cached with their validity and filtered by the date asked.
 */
import { type KindColumns, type RegisterColumns, withIdAt } from "./register-columns.js";

/** Every current stake, before the date filter: the register plus each stake's validity. */
export interface CachedRegister {
  register: RegisterColumns;
  validFrom: (string | null)[];
  validTo: (string | null)[];
  /**
   * The stakes' and figures' ids as the cache stores them (null where the id is the one the
   * record's other fields give), when whoever read the rows knows them: the ids are then not
   * made to be compared.
   */
  storedStakeIds?: readonly (string | null)[];
  storedFigureIds?: readonly (string | null)[];
}

/** The layout of the parts: a cache written in another layout is read from the rows again. */
const FORMAT = "orebook-register-3";

type Parts = Map<string, Uint8Array>;

function bytesOf(a: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function jsonBytes(x: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(x), "utf8");
}

function json<T>(b: Uint8Array): T {
  return JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8")) as T;
}

function i32(b: Uint8Array): Int32Array {
  if (b.byteOffset % 4 === 0) return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  return new Int32Array(b.slice().buffer);
}

function f64(b: Uint8Array): Float64Array {
  if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  return new Float64Array(b.slice().buffer);
}

/**
 * A list of texts: one line each when none is null, empty or holds a line break (ids always;
 * names nearly always), which reads faster than JSON; else JSON.
 */
function packTexts(texts: readonly (string | null)[]): Uint8Array {
  let lines = true;
  for (const t of texts)
    if (t === null || t === "" || t.includes("\n") || t.includes("\r")) {
      lines = false;
      break;
    }
  return lines
    ? Buffer.from(`L${texts.join("\n")}`, "utf8")
    : Buffer.from(`J${JSON.stringify(texts)}`, "utf8");
}

function unpackTexts(b: Uint8Array): (string | null)[] {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");
  if (text.startsWith("J")) return JSON.parse(text.slice(1)) as (string | null)[];
  return text.length === 1 ? [] : text.slice(1).split("\n");
}

const LINE = 0x0a;
const LINES = 0x4c; // "L"

/**
 * A packed list of texts read one at a time (a text decoded from its line's bytes, the lines'
 * starts found once) until as many have been read as the whole list would make worth it, then
 * made whole: a report names a thousand entities of a million.
 */
class PackedTexts {
  private whole: (string | null)[] | undefined;
  private starts: Int32Array | undefined;
  private reads = 0;
  private readonly buf: Buffer;

  constructor(b: Uint8Array) {
    this.buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }

  list(): (string | null)[] {
    this.whole ??= unpackTexts(this.buf);
    return this.whole;
  }

  at(i: number): string | null {
    if (this.whole !== undefined || this.buf[0] !== LINES) return this.list()[i] ?? null;
    this.starts ??= lineStarts(this.buf);
    const s = this.starts;
    if (++this.reads > s.length >> 3) return this.list()[i] ?? null;
    if (!(i >= 0 && i < s.length - 1)) return null;
    return this.buf.toString("utf8", s[i] as number, (s[i + 1] as number) - 1);
  }
}

/** Where each line of a packed "L" list starts, and one past the end (after its "L"). */
function lineStarts(b: Buffer): Int32Array {
  if (b.length <= 1) return new Int32Array(1).fill(b.length + 1);
  let n = 1;
  for (let p = b.indexOf(LINE, 1); p >= 0; p = b.indexOf(LINE, p + 1)) n++;
  const out = new Int32Array(n + 1);
  out[0] = 1;
  let k = 1;
  for (let p = b.indexOf(LINE, 1); p >= 0; p = b.indexOf(LINE, p + 1)) out[k++] = p + 1;
  out[n] = b.length + 1;
  return out;
}

/** Codes in the narrowest width: a first byte gives it (1, 2 or 4), then the codes. */
function packCodes(codes: ArrayLike<number>, distinct: number): Uint8Array {
  const width = distinct <= 256 ? 1 : distinct <= 65536 ? 2 : 4;
  const n = codes.length;
  const out = new Uint8Array(1 + n * width);
  out[0] = width;
  if (width === 1) for (let i = 0; i < n; i++) out[1 + i] = codes[i] as number;
  else {
    const view = new DataView(out.buffer);
    for (let i = 0; i < n; i++)
      if (width === 2) view.setUint16(1 + 2 * i, codes[i] as number, true);
      else view.setInt32(1 + 4 * i, codes[i] as number, true);
  }
  return out;
}

function unpackCodes(b: Uint8Array): Int32Array {
  const width = b[0] as number;
  const n = (b.length - 1) / width;
  const out = new Int32Array(n);
  if (width === 1) for (let i = 0; i < n; i++) out[i] = b[1 + i] as number;
  else {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < n; i++)
      out[i] = width === 2 ? view.getUint16(1 + 2 * i, true) : view.getInt32(1 + 4 * i, true);
  }
  return out;
}

/** A text column as a dictionary and codes. */
function packDictionary(out: Parts, name: string, values: readonly (string | null)[]): void {
  const index = new Map<string | null, number>();
  const dict: (string | null)[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    let c = index.get(v);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  }
  out.set(`${name}.dict`, jsonBytes(dict));
  out.set(`${name}.codes`, packCodes(codes, dict.length));
}

/** A dictionary column read one record at a time, or whole on first ask. */
function dictionaryColumn(
  parts: Parts,
  name: string,
): { at(i: number): string | null; list(): (string | null)[] } {
  const dict = json<(string | null)[]>(get(parts, `${name}.dict`));
  const codes = unpackCodes(get(parts, `${name}.codes`));
  let whole: (string | null)[] | undefined;
  return {
    at: (i) => dict[codes[i] as number] ?? null,
    list() {
      if (whole === undefined) {
        whole = new Array<string | null>(codes.length);
        for (let i = 0; i < codes.length; i++) whole[i] = dict[codes[i] as number] ?? null;
      }
      return whole;
    },
  };
}

function unpackDictionary(parts: Parts, name: string): (string | null)[] {
  const dict = json<(string | null)[]>(get(parts, `${name}.dict`));
  const codes = unpackCodes(get(parts, `${name}.codes`));
  const out = new Array<string | null>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = dict[codes[i] as number] ?? null;
  return out;
}

class MissingPart extends Error {}

function get(parts: Parts, name: string): Uint8Array {
  const b = parts.get(name);
  if (!b) throw new MissingPart(name);
  return b;
}

/** A list made on first read. */
function lazyList<T>(make: () => T[]): { get(): T[] } {
  let v: T[] | undefined;
  return {
    get() {
      v ??= make();
      return v;
    },
  };
}

/** The blobs of a register: name → bytes. */
export function packRegister(c: CachedRegister): Parts {
  const out: Parts = new Map();
  out.set("format", Buffer.from(FORMAT, "utf8"));
  const r = c.register;
  const nodeId = (i: number) =>
    (i < r.entities.count ? r.entities.ids[i] : r.assets.ids[i - r.entities.count]) as string;
  for (const kind of ["entities", "assets"] as const) {
    const k = r[kind];
    out.set(`${kind}.ids`, packTexts(k.ids));
    out.set(`${kind}.names`, packTexts(k.text1));
    packDictionary(out, `${kind}.kind`, k.text2);
    packDictionary(out, `${kind}.country`, k.text3);
  }
  // Ids given as the import names them are rebuilt from the other fields.
  const s = r.stakes;
  out.set(
    "stakes.ids",
    jsonBytes(
      c.storedStakeIds ??
        s.ids.map((id, i) =>
          id === `${nodeId(r.stakeOwner[i] as number)}:${nodeId(r.stakeOwned[i] as number)}`
            ? null
            : id,
        ),
    ),
  );
  out.set("stakes.owner", bytesOf(r.stakeOwner));
  out.set("stakes.owned", bytesOf(r.stakeOwned));
  out.set("stakes.share", bytesOf(r.share));
  if (r.bounded) {
    out.set("stakes.min", bytesOf(r.shareMin));
    out.set("stakes.max", bytesOf(r.shareMax));
  }
  // Only the dated stakes: [index, validFrom, validTo].
  const dated: [number, string | null, string | null][] = [];
  for (let i = 0; i < c.validFrom.length; i++) {
    const f = c.validFrom[i] ?? null;
    const t = c.validTo[i] ?? null;
    if (f !== null || t !== null) dated.push([i, f, t]);
  }
  out.set("stakes.valid", jsonBytes(dated));
  const p = r.production;
  out.set(
    "production.ids",
    jsonBytes(
      c.storedFigureIds ??
        p.ids.map((id, i) =>
          p.text1[i] !== null && id === `${p.text1[i]}:${p.text2[i]}:${p.text3[i]}` ? null : id,
        ),
    ),
  );
  out.set("production.node", bytesOf(r.productionNode));
  out.set("production.tonnes", bytesOf(p.num1));
  packDictionary(out, "production.commodity", p.text2);
  packDictionary(out, "production.period", p.text3);
  // Bodies: the distinct texts and a code per record.
  for (const kind of ["entities", "assets", "stakes", "production"] as const) {
    out.set(`${kind}.bodies`, jsonBytes(r[kind].bodies));
    out.set(`${kind}.body`, packCodes(r[kind].body, r[kind].bodies.length));
  }
  return out;
}

/**
 * The register of the blobs on `asOf` (stakes not in force that day left out), or undefined
 * when the blobs are not a whole cache of this layout.
 */
export function unpackRegister(
  parts: ReadonlyMap<string, Uint8Array>,
  datasetId: string,
  asOf: string,
): RegisterColumns | undefined {
  const format = parts.get("format");
  if (!format || Buffer.from(format).toString("utf8") !== FORMAT) return undefined;
  try {
    return unpack(parts as Parts, datasetId, asOf);
  } catch (e) {
    if (e instanceof MissingPart) return undefined;
    throw e;
  }
}

function unpack(parts: Parts, datasetId: string, asOf: string): RegisterColumns {
  const body = (kind: string) => unpackCodes(get(parts, `${kind}.body`));
  const bodies = (kind: string) => json<string[]>(get(parts, `${kind}.bodies`));
  // Names, kinds and countries are read one at a time (a report reads the names of the rows
  // it lists), the whole column made only when asked for.
  const nodes = (kind: "entities" | "assets"): KindColumns => {
    const ids = unpackTexts(get(parts, `${kind}.ids`)) as string[];
    const names = new PackedTexts(get(parts, `${kind}.names`));
    const kinds = dictionaryColumn(parts, `${kind}.kind`);
    const countries = dictionaryColumn(parts, `${kind}.country`);
    return withIdAt(
      {
        count: ids.length,
        ids,
        body: body(kind),
        bodies: bodies(kind),
        get text1() {
          return names.list();
        },
        get text2() {
          return kinds.list();
        },
        get text3() {
          return countries.list();
        },
        num1: new Float64Array(ids.length).fill(Number.NaN),
      },
      (i) => ids[i] as string,
      (field, i) => (field === 1 ? names.at(i) : field === 2 ? kinds.at(i) : countries.at(i)),
    );
  };
  const entities = nodes("entities");
  const assets = nodes("assets");
  const nodeId = (i: number) =>
    (i < entities.count ? entities.ids[i] : assets.ids[i - entities.count]) as string;

  const owner0 = i32(get(parts, "stakes.owner"));
  const owned0 = i32(get(parts, "stakes.owned"));
  const share0 = f64(get(parts, "stakes.share"));
  const bounded = parts.has("stakes.min");
  const min0 = bounded ? f64(get(parts, "stakes.min")) : share0;
  const max0 = bounded ? f64(get(parts, "stakes.max")) : share0;
  const body0 = body("stakes");
  const idsPart = get(parts, "stakes.ids");
  const validity = json<[number, string | null, string | null][]>(get(parts, "stakes.valid"));
  // The stakes in force on asOf, in order (all of them when none is dated).
  let keep: Int32Array | undefined;
  if (validity.length > 0) {
    const out = new Uint8Array(share0.length);
    for (const [i, f, t] of validity)
      if (!((f === null || f <= asOf) && (t === null || t >= asOf))) out[i] = 1;
    const list: number[] = [];
    for (let i = 0; i < share0.length; i++) if (out[i] === 0) list.push(i);
    keep = Int32Array.from(list);
  }
  const pick = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
    if (!keep) return a;
    const out = make(keep.length);
    for (let j = 0; j < keep.length; j++) out[j] = a[keep[j] as number] as number;
    return out;
  };
  const owner = pick(owner0, (m) => new Int32Array(m));
  const owned = pick(owned0, (m) => new Int32Array(m));
  const share = pick(share0, (m) => new Float64Array(m));
  // The ids as stored (null: made from owner and owned), read on first use; each id is made
  // when asked, the whole list only when the list is.
  const storedIds = lazyList(() => json<(string | null)[]>(idsPart));
  const stakeIdOf = (k: number): string =>
    storedIds.get()[k] ?? `${nodeId(owner0[k] as number)}:${nodeId(owned0[k] as number)}`;
  const stakeIds = lazyList(() =>
    keep ? Array.from(keep, (k) => stakeIdOf(k)) : Array.from(share0, (_, k) => stakeIdOf(k)),
  );

  const stakeBodies = bodies("stakes");
  const stakes: KindColumns = withIdAt(
    {
      count: share.length,
      get ids() {
        return stakeIds.get();
      },
      body: pick(body0, (m) => new Int32Array(m)),
      bodies: stakeBodies,
      text1: [],
      text2: [],
      text3: [],
      num1: share,
    },
    (i) => stakeIdOf(keep ? (keep[i] as number) : i),
  );

  const productionNode = i32(get(parts, "production.node"));
  const tonnes = f64(get(parts, "production.tonnes"));
  const productionIdsPart = get(parts, "production.ids");
  const text = lazyList(() => {
    const commodity = unpackDictionary(parts, "production.commodity");
    const period = unpackDictionary(parts, "production.period");
    const asset = Array.from(productionNode, (n) => (n < 0 ? null : nodeId(n)));
    return [asset, commodity, period];
  });
  // The ids as stored (null: made from asset, commodity and period), read on first use; each
  // id is made when asked (a report names the figures of one commodity), the whole list only
  // when the list is.
  const storedFigureIds = lazyList(() => json<(string | null)[]>(productionIdsPart));
  const figureIdOf = (i: number): string => {
    const stored = storedFigureIds.get()[i];
    if (stored != null) return stored;
    const [asset, commodity, period] = text.get();
    return `${asset?.[i]}:${commodity?.[i]}:${period?.[i]}`;
  };
  const productionIds = lazyList(() => Array.from(productionNode, (_, i) => figureIdOf(i)));
  const production: KindColumns = withIdAt(
    {
      count: tonnes.length,
      get ids() {
        return productionIds.get();
      },
      body: body("production"),
      bodies: bodies("production"),
      get text1() {
        return text.get()[0] as (string | null)[];
      },
      get text2() {
        return text.get()[1] as (string | null)[];
      },
      get text3() {
        return text.get()[2] as (string | null)[];
      },
      num1: tonnes,
    },
    figureIdOf,
  );
  return {
    datasetId,
    asOf,
    knownAt: null,
    entities,
    assets,
    stakes,
    production,
    stakeOwner: owner,
    stakeOwned: owned,
    share,
    shareMin: pick(min0, (m) => new Float64Array(m)),
    shareMax: pick(max0, (m) => new Float64Array(m)),
    bounded,
    productionNode,
  };
}
