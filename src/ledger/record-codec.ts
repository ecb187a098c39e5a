/**
 * How a record is stored in its row (since schema version 4). The kinds a large register is
 * made of (entities, assets, stakes, production) keep their first fields after `id` in typed
 * columns (`text1`, `text2`, `text3`, `num1`), and the JSON body holds the rest; the id is the
 * row's `record_id`. Other kinds keep their whole record in the body.
 *
 * | kind | text1 | text2 | text3 | num1 |
 * | --- | --- | --- | --- | --- |
 * | entities, assets | name | kind | country | |
 * | stakes | owner | owned | | share |
 * | production (with `asset`) | asset | commodity | period | tonnes |
 *
 * The lifted fields are the first ones of the kind's schema, so a decoded record has its keys
 * in the schema's order, as before. A production figure split between assets lifts nothing.
 * A snapshot then parses the rest of each body, which at scale is mostly the same few strings
 * (`{"kind":"equity","sources":["..."],"asOf":"2025"}`): each distinct rest is parsed once.
 */

export interface LiftedColumns {
  text1: string | null;
  text2: string | null;
  text3: string | null;
  num1: number | null;
}

type Rec = Record<string, unknown> & { id: string };

/** The lifted fields of a kind, in schema order: text1..text3 then num1 (undefined: none). */
const LIFTED: Readonly<
  Record<string, readonly [string | null, string | null, string | null, string | null]>
> = {
  entities: ["name", "kind", "country", null],
  assets: ["name", "kind", "country", null],
  stakes: ["owner", "owned", null, "share"],
  production: ["asset", "commodity", "period", "tonnes"],
};

/** True when the kind's rows have lifted columns (the migration converts these kinds). */
export function isLiftedKind(kind: string): boolean {
  return Object.hasOwn(LIFTED, kind);
}

const NONE: LiftedColumns = { text1: null, text2: null, text3: null, num1: null };

/** The input of a reload's comparison: the row's encoding of a record, unambiguous. */
export function encodedKey(r: LiftedColumns & { body: string | null }): string {
  return JSON.stringify([r.body, r.text1, r.text2, r.text3, r.num1]);
}

/** The row's body and typed columns for a record. */
export function encodeRecord(kind: string, rec: Rec): LiftedColumns & { body: string } {
  const lifted = LIFTED[kind];
  if (!lifted || (kind === "production" && typeof rec.asset !== "string")) {
    const { id: _id, ...rest } = rec;
    return { ...NONE, body: JSON.stringify(lifted ? rest : rec) };
  }
  const [a, b, c, n] = lifted;
  let body = lastRest.body(kind, rec, lifted);
  if (body === undefined) {
    const rest: Record<string, unknown> = {};
    for (const key in rec)
      if (key !== "id" && key !== a && key !== b && key !== c && key !== n) rest[key] = rec[key];
    body = JSON.stringify(rest);
    lastRest.keep(kind, rest, body);
  }
  return {
    text1: a === null ? null : ((rec[a] as string | null | undefined) ?? null),
    text2: b === null ? null : ((rec[b] as string | null | undefined) ?? null),
    text3: c === null ? null : ((rec[c] as string | null | undefined) ?? null),
    num1: n === null ? null : ((rec[n] as number | null | undefined) ?? null),
    body,
  };
}

/**
 * The last body written and the rest it was made of, by value: an import's records mostly have
 * the same rest (`{"kind":"equity","sources":["src"],"asOf":"2025"}`), so its JSON is made once
 * instead of once per record. Only rests of primitives and arrays of primitives are kept
 * (compared element by element: an array changed in place is seen).
 */
class LastRest {
  private kind: string | undefined;
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  private text = "";

  /** The body of `rec`'s rest when it equals the last one kept, else undefined. */
  body(kind: string, rec: Rec, lifted: readonly (string | null)[]): string | undefined {
    if (kind !== this.kind) return undefined;
    const [a, b, c, n] = lifted;
    let i = 0;
    for (const key in rec) {
      if (key === "id" || key === a || key === b || key === c || key === n) continue;
      if (i >= this.keys.length || this.keys[i] !== key) return undefined;
      const v = rec[key];
      const kept = this.values[i++];
      if (v === kept) continue;
      if (!Array.isArray(v) || !Array.isArray(kept) || v.length !== kept.length) return undefined;
      for (let j = 0; j < v.length; j++) if (v[j] !== kept[j]) return undefined;
    }
    return i === this.keys.length ? this.text : undefined;
  }

  /** Keeps this rest and its body if it is made of primitives and arrays of primitives. */
  keep(kind: string, rest: Record<string, unknown>, text: string): void {
    this.kind = undefined;
    this.keys.length = 0;
    this.values.length = 0;
    for (const key in rest) {
      let v = rest[key];
      if (v !== null && typeof v === "object") {
        if (!Array.isArray(v)) return;
        for (const x of v) if (x !== null && typeof x === "object") return;
        v = [...v];
      }
      this.keys.push(key);
      this.values.push(v);
    }
    this.kind = kind;
    this.text = text;
  }
}

const lastRest = new LastRest();

/** True when every value is a primitive or an array of primitives: safe to share. */
function flat(o: Record<string, unknown>): boolean {
  for (const key in o) {
    const v = o[key];
    if (v === null || typeof v !== "object") continue;
    if (!Array.isArray(v)) return false;
    for (const x of v) if (x !== null && typeof x === "object") return false;
  }
  return true;
}

/**
 * Decodes rows back into records. Bodies equal to one seen before (the common case at
 * scale) are parsed once: their records share the parsed arrays (sources, commodities),
 * never objects.
 */
export class RecordDecoder {
  private readonly templates = new Map<string, Record<string, unknown>>();

  private rest(body: string): Record<string, unknown> {
    const t = this.templates.get(body);
    if (t) return t;
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (!flat(parsed)) return parsed;
    if (this.templates.size >= 1024) this.templates.clear();
    this.templates.set(body, parsed);
    return parsed;
  }

  /** The record of a row: kind, record_id, body and the lifted columns. */
  decode(
    kind: string,
    id: string,
    body: string,
    text1: string | null,
    text2: string | null,
    text3: string | null,
    num1: number | null,
  ): Rec {
    const lifted = LIFTED[kind];
    if (!lifted) return JSON.parse(body) as Rec;
    const rest = this.rest(body);
    let o: Rec;
    if (kind === "stakes") o = { id, owner: text1, owned: text2, share: num1 };
    else if (kind === "production") {
      // A split figure lifted nothing: its body is the record but for its id.
      if (text1 === null) o = { id };
      else o = { id, asset: text1, commodity: text2, period: text3, tonnes: num1 };
    } else o = { id, name: text1, kind: text2, country: text3 };
    for (const key in rest) o[key] = rest[key];
    return o;
  }
}

/** The columns of schema version 6 (copies for the engine's indexed read). */
export interface RegisterRowColumns {
  node1: number | null;
  node2: number | null;
  num2: number | null;
  num3: number | null;
  text4: string | null;
}

const NO_REGISTER: RegisterRowColumns = {
  node1: null,
  node2: null,
  num2: null,
  num3: null,
  text4: null,
};

/** The node number of an entity (`2 × ordinal`) or an asset (`2 × ordinal + 1`). */
export function nodeNumber(kind: "entities" | "assets", ordinal: number): number {
  return kind === "entities" ? 2 * ordinal : 2 * ordinal + 1;
}

/**
 * A record's node numbers, bounds and basis (see `schema.ts`); `nodeOf` gives the number of an
 * entity or asset id the record names (undefined if unknown: the load's checks report it).
 */
export function registerColumnsOf(
  kind: string,
  rec: Record<string, unknown>,
  ordinal: number,
  nodeOf: (id: string) => number | undefined,
): RegisterRowColumns {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const node = (v: unknown) => (typeof v === "string" ? (nodeOf(v) ?? null) : null);
  switch (kind) {
    case "entities":
    case "assets":
      return { ...NO_REGISTER, node1: nodeNumber(kind, ordinal) };
    case "stakes":
      return {
        node1: node(rec.owner),
        node2: node(rec.owned),
        num2: num(rec.shareMin),
        num3: num(rec.shareMax),
        text4: null,
      };
    case "production":
      if (typeof rec.asset !== "string") return NO_REGISTER;
      return {
        node1: node(rec.asset),
        node2: null,
        num2: num(rec.tonnesMin),
        num3: num(rec.tonnesMax),
        text4: typeof rec.basis === "string" ? rec.basis : null,
      };
    default:
      return NO_REGISTER;
  }
}
